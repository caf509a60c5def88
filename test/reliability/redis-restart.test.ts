// Redis stopped and restarted mid-load (scale-out): the gateway and the worker keep running while their Redis
// goes away twice, once shut down cleanly and once crashed (SIGKILL). While it is down the gateway must not
// acknowledge what it cannot persist (503, so Meta retries) and /readyz says not ready; once it is back, every
// acknowledged message is processed and nothing is written twice. Redis persists with an append-only file
// fsynced on every write, as a production Redis that holds acknowledged webhooks must: with `appendfsync
// everysec` a crash may drop the last second of writes the gateway already answered 200 for.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { configSchema } from '@leadwire/connector-core';
import { redisSkipReason, testPrefix } from '@leadwire/connector-core/testing';
import { openRuntime } from '@leadwire/webhook-gateway';
import {
  HUBSPOT_NUMBER,
  SALESFORCE_NUMBER,
  startWorld,
  worldConfig,
  writeConfig,
} from './support/emulated-world.ts';
import { childEnv, freePort, LeadwireProcess } from './support/leadwire-process.ts';
import { type Answer, MetaSender } from './support/meta-sender.ts';
import { PrivateRedis, redisServerSkipReason } from './support/redis-server.ts';
import { seed, seededRandom, sized, sizeName, summaryLine } from './support/run-size.ts';
import { afterReplies, customer, Replies, runCustomers } from './support/scripted-customers.ts';
import { failedAttempts, witness } from './support/witness.ts';

// The scenario runs its own redis-server, but belongs with the other Redis tests: it runs whenever the test
// Redis answers and redis-server is installed (and must, with CI=true).
const redisSkip = (await redisSkipReason()) ?? redisServerSkipReason();
const CONVERSATIONS = sized(200, 30);
const HUBSPOT_EVERY = 10;
const RAMP_MS = sized(20_000, 6_000);
/** Meta waits about 20 s for an answer before it counts a delivery as failed and retries. */
const META_TIMEOUT_MS = 20_000;
/** An unpersistable delivery must be refused well inside Meta's wait, not hold a connection until it. */
const PROMPT_503_MS = 5_000;
/** A readiness probe must answer (Kubernetes gives it 1 s by default). */
const READYZ_TIMEOUT_MS = 2_000;

interface Outage {
  signal: 'SIGTERM' | 'SIGKILL';
  /** Redis had exited */
  downAt: number;
  /** Redis was about to start again */
  upAt: number;
  readiness: Answer[];
  /** customers were still writing when it began */
  midLoad: boolean;
}

/** Requests started while Redis was down (answered whenever). */
function startedWhileDown(outages: readonly Outage[], answers: readonly Answer[]): Answer[] {
  return answers.filter((a) => outages.some((o) => a.startedAt > o.downAt && a.startedAt < o.upAt));
}

/** `status:count` of answers (0 = no answer in time), and the slowest. */
function tally(answers: readonly Answer[]): string {
  const counts = new Map<number, number>();
  for (const a of answers) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  const slowest = Math.max(0, ...answers.map((a) => a.answeredAt - a.startedAt));
  return `${[...counts].map(([s, n]) => `${s}:${n}`).join(',') || 'none'}(slowest ${slowest}ms)`;
}

describe('Redis stopped and restarted mid-load (scale-out)', { skip: redisSkip }, () => {
  it(`${CONVERSATIONS * 4} messages while Redis stops twice: 503 while down, nothing lost, nothing twice`, {
    timeout: 15 * 60_000,
  }, async (t) => {
    const random = seededRandom(seed + 2);
    t.diagnostic(`size=${sizeName} seed=${seed + 2} (LEADWIRE_SEED=${seed} replays it)`);
    t.diagnostic(
      'Redis persistence: appendonly yes, appendfsync always (an acknowledged write survives a crash)',
    );
    const started = Date.now();
    const world = await startWorld();
    const dir = mkdtempSync(join(tmpdir(), 'leadwire-reliability-redis-'));
    const redis = new PrivateRedis(await freePort(), dir);
    await redis.start();
    const port = await freePort();
    const config = worldConfig(world, {
      port,
      dir,
      redis: { urlVariable: 'RELIABILITY_REDIS_URL', prefix: testPrefix('reliability') },
    });
    const env = childEnv({ ...world.env, RELIABILITY_REDIS_URL: redis.url });
    const configPath = writeConfig(config, dir);
    const gateway = new LeadwireProcess('gateway', configPath, env, dir);
    const worker = new LeadwireProcess('worker', configPath, env, dir);
    const base = `http://127.0.0.1:${port}`;
    world.deliverStatusesTo(`${base}/webhooks/whatsapp`);
    let runtime: ReturnType<typeof openRuntime> | undefined;
    try {
      await gateway.start();
      await worker.start();
      const customers = Array.from({ length: CONVERSATIONS }, (_, i) =>
        customer(
          `9665${String(20_000_000 + i)}`,
          i % HUBSPOT_EVERY === 0 ? HUBSPOT_NUMBER : SALESFORCE_NUMBER,
        ),
      );
      const sender = new MetaSender({
        graph: world.graph,
        url: `${base}/webhooks/whatsapp`,
        timeoutMs: META_TIMEOUT_MS,
        giveUpMs: 300_000,
      });
      const replies = new Replies(world.graph);
      let loading = true;
      const load = runCustomers(customers, {
        sender,
        ready: afterReplies(replies, 300_000),
        rampMs: RAMP_MS,
      }).finally(() => {
        loading = false;
      });

      const outages: Outage[] = [];
      for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
        await sleep(random.between(2000, RAMP_MS / 2));
        await redis.stop(signal);
        const outage: Outage = {
          signal,
          downAt: Date.now(),
          upAt: Number.POSITIVE_INFINITY,
          readiness: [],
          midLoad: loading,
        };
        const downFor = random.between(8000, 10_000);
        while (Date.now() - outage.downAt < downFor) {
          const startedAt = Date.now();
          const status = await fetch(`${base}/readyz`, {
            signal: AbortSignal.timeout(READYZ_TIMEOUT_MS),
          }).then(
            (res) => res.status,
            () => 0,
          );
          outage.readiness.push({ startedAt, answeredAt: Date.now(), status });
          await sleep(200);
        }
        outage.upAt = Date.now();
        outages.push(outage);
        await redis.start();
      }
      await load;
      runtime = openRuntime(configSchema.parse(config), env);
      const findings = await witness({
        store: runtime.store,
        queue: runtime.queue,
        customers,
        sender,
        replies,
        world,
        settleTimeoutMs: 240_000,
      });

      const whileDown = startedWhileDown(outages, sender.answers());
      const readinessWhileDown = startedWhileDown(
        outages,
        outages.flatMap((o) => o.readiness),
      );
      t.diagnostic(
        summaryLine({
          scenario: 'redis-restart',
          mode: 'scale-out',
          ...findings,
          extra: {
            outages: outages.map((o) => `${o.signal}/${o.upAt - o.downAt}ms`).join(','),
            webhookWhileDown: tally(whileDown),
            readyzWhileDown: tally(readinessWhileDown),
            failedAttempts: failedAttempts(sender),
            handedOver: findings.handedOver,
            seconds: Math.round((Date.now() - started) / 1000),
          },
        }),
      );
      assert.deepEqual(
        findings.problems,
        [],
        `logs: ${gateway.logPath}, ${worker.logPath}, ${dir}/redis.log`,
      );
      assert.equal(findings.lost, 0);
      assert.equal(findings.duplicates, 0);
      assert.equal(findings.acknowledged, CONVERSATIONS * 4);
      assert.equal(findings.processed, findings.acknowledged);
      assert.ok(
        whileDown.length > 0 && readinessWhileDown.length > 0,
        'deliveries and probes were made while down',
      );
      assert.equal(
        whileDown.filter(
          (a) => a.status === 200 && outages.some((o) => a.startedAt > o.downAt && a.answeredAt < o.upAt),
        ).length,
        0,
        'nothing was acknowledged while Redis was down',
      );
      // A delivery made in the outage's last seconds may be persisted once Redis is back; the earlier ones not.
      const refusable = whileDown.filter((a) =>
        outages.some((o) => a.startedAt > o.downAt && a.startedAt < o.upAt - PROMPT_503_MS),
      );
      const slow = refusable.filter((a) => a.status !== 503 || a.answeredAt - a.startedAt > PROMPT_503_MS);
      assert.equal(
        slow.length,
        0,
        `every delivery made while Redis was down was refused with a 503 within ${PROMPT_503_MS} ms: ${tally(refusable)}`,
      );
      const unready = readinessWhileDown.filter((a) => a.status !== 503);
      assert.equal(
        unready.length,
        0,
        `/readyz answered 503 within ${READYZ_TIMEOUT_MS} ms while Redis was down: ${tally(readinessWhileDown)}`,
      );
    } finally {
      await Promise.all([gateway.close(), worker.close()]);
      await runtime?.close();
      await redis.stop('SIGTERM');
      await world.close();
    }
  });
});
