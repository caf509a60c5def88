// Kill and restart: thousands of WhatsApp messages from hundreds of customers while the worker and the gateway
// are SIGKILLed at random moments and restarted, in both deployment modes (embedded: one SQLite file shared by
// a gateway process and a worker process; scale-out: Redis). Meta's retries are the sender's: a delivery
// without a 200 is sent again until it gets one. In the end the emulators, which lived through every kill,
// are the witnesses: every acknowledged message processed, no CRM record and no WhatsApp reply twice.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { configSchema } from '@leadwire/connector-core';
import { redisSkipReason, testPrefix, testRedisUrl } from '@leadwire/connector-core/testing';
import { openRuntime } from '@leadwire/webhook-gateway';
import {
  HUBSPOT_NUMBER,
  SALESFORCE_NUMBER,
  startWorld,
  worldConfig,
  writeConfig,
} from './support/emulated-world.ts';
import { childEnv, freePort, LeadwireProcess } from './support/leadwire-process.ts';
import { MetaSender } from './support/meta-sender.ts';
import { deleteRedisPrefix } from './support/redis-server.ts';
import { fullSize, seed, seededRandom, sized, sizeName, summaryLine } from './support/run-size.ts';
import { afterReplies, customer, Replies, runCustomers } from './support/scripted-customers.ts';
import { failedAttempts, replyLatency, witness } from './support/witness.ts';

const redisSkip = await redisSkipReason();
const CONVERSATIONS = sized(500, 50);
/** every tenth conversation writes to HubSpot (its adapter keeps to the portal's 110 requests per 10 s) */
const HUBSPOT_EVERY = 10;
const RAMP_MS = sized(40_000, 8_000);
const MAX_KILLS = fullSize ? 12 : 3;
/** the pause before each kill */
const KILL_GAP_MS: [number, number] = fullSize ? [2000, 6000] : [1000, 3000];

for (const mode of ['embedded', 'scale-out'] as const) {
  describe(`kill and restart (${mode})`, { skip: mode === 'scale-out' ? redisSkip : undefined }, () => {
    it(`${CONVERSATIONS * 4} messages over ${CONVERSATIONS} conversations through SIGKILLed gateway and worker: nothing lost, nothing twice`, {
      timeout: 20 * 60_000,
    }, async (t) => {
      const runSeed = seed + (mode === 'embedded' ? 0 : 1);
      const random = seededRandom(runSeed);
      t.diagnostic(`size=${sizeName} seed=${runSeed} (LEADWIRE_SEED=${seed} replays it)`);
      const started = Date.now();
      const world = await startWorld();
      const dir = mkdtempSync(join(tmpdir(), `leadwire-reliability-${mode}-`));
      const port = await freePort();
      const prefix = testPrefix('reliability');
      const config = worldConfig(world, {
        port,
        dir,
        ...(mode === 'scale-out' ? { redis: { urlVariable: 'RELIABILITY_REDIS_URL', prefix } } : {}),
      });
      const env = childEnv({ ...world.env, RELIABILITY_REDIS_URL: testRedisUrl });
      const configPath = writeConfig(config, dir);
      const gateway = new LeadwireProcess('gateway', configPath, env, dir);
      const worker = new LeadwireProcess('worker', configPath, env, dir);
      const url = `http://127.0.0.1:${port}/webhooks/whatsapp`;
      world.deliverStatusesTo(url);
      let runtime: ReturnType<typeof openRuntime> | undefined;
      try {
        await gateway.start();
        await worker.start();
        runtime = openRuntime(configSchema.parse(config), env);
        const customers = Array.from({ length: CONVERSATIONS }, (_, i) =>
          customer(
            `9665${String(10_000_000 + i)}`,
            i % HUBSPOT_EVERY === 0 ? HUBSPOT_NUMBER : SALESFORCE_NUMBER,
          ),
        );
        const sender = new MetaSender({ url, graph: world.graph });
        const replies = new Replies(world.graph);
        let loading = true;
        const load = runCustomers(customers, {
          sender,
          ready: afterReplies(replies),
          rampMs: RAMP_MS,
        }).finally(() => {
          loading = false;
        });
        const kills: string[] = [];
        const chaos = (async () => {
          while (loading && kills.length < MAX_KILLS) {
            await sleep(random.between(...KILL_GAP_MS));
            if (!loading) break;
            const roll = random.next();
            const victims = roll < 0.45 ? [worker] : roll < 0.8 ? [gateway] : [gateway, worker];
            await Promise.all(victims.map((p) => p.kill()));
            kills.push(victims.map((p) => p.role).join('+'));
            await sleep(random.between(0, 1500));
            await Promise.all(victims.map((p) => p.start()));
          }
        })();
        await Promise.all([load, chaos]);
        const loadSeconds = Math.round((Date.now() - started) / 1000);
        await gateway.start();
        await worker.start();
        const findings = await witness({
          store: runtime.store,
          queue: runtime.queue,
          customers,
          sender,
          replies,
          world,
          settleTimeoutMs: 180_000,
        });
        const latency = replyLatency(customers, sender, replies);
        const seconds = Math.round((Date.now() - started) / 1000);
        t.diagnostic(
          summaryLine({
            scenario: 'kill-restart',
            mode,
            ...findings,
            extra: {
              kills: kills.length,
              gatewayKills: gateway.kills,
              workerKills: worker.kills,
              failedAttempts: failedAttempts(sender),
              handedOver: findings.handedOver,
              duplicateReplies: findings.duplicateReplies,
              replyP50Ms: latency.p50,
              replyP90Ms: latency.p90,
              loadSeconds,
              seconds,
            },
          }),
        );
        assert.deepEqual(findings.problems, [], `logs: ${gateway.logPath}, ${worker.logPath}`);
        assert.equal(findings.lost, 0);
        assert.equal(findings.duplicates, 0);
        assert.equal(findings.acknowledged, CONVERSATIONS * 4, 'every message was acknowledged in the end');
        assert.equal(findings.processed, findings.acknowledged);
        assert.equal(findings.handedOver, CONVERSATIONS, 'every conversation became a Lead');
        assert.ok(gateway.kills + worker.kills > 0, 'the run killed something');
      } finally {
        await Promise.all([gateway.close(), worker.close()]);
        await runtime?.close();
        await world.close();
        if (mode === 'scale-out') await deleteRedisPrefix(testRedisUrl, prefix);
      }
    });
  });
}
