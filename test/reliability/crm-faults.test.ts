// CRM faults: Leads handed over while the CRMs misbehave — 30 % of calls refused with 429 (HubSpot's
// ten-secondly limit, a throttling proxy in front of Salesforce), bursts of 5xx and Salesforce's row locks, and
// 2 s latency spikes. Every Lead, task and transcript line must still be written, each exactly once.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  HUBSPOT_NUMBER,
  runInWorld,
  SALESFORCE_NUMBER,
  startWorld,
  worldConfig,
} from './support/emulated-world.ts';
import { MetaSender } from './support/meta-sender.ts';
import { seed, seededRandom, sized, sizeName, summaryLine } from './support/run-size.ts';
import { afterReplies, customer, Replies, runCustomers } from './support/scripted-customers.ts';
import { witness } from './support/witness.ts';

const CONVERSATIONS = sized(150, 20);
/** every fifth conversation writes to HubSpot */
const HUBSPOT_EVERY = 5;
const RAMP_MS = sized(20_000, 5_000);
const SPIKE_MS = 2000;

describe('CRM faults', () => {
  it(`${CONVERSATIONS} Leads through 30 % 429s, 5xx bursts and ${SPIKE_MS} ms latency spikes: every record exactly once`, {
    timeout: 10 * 60_000,
  }, async (t) => {
    const random = seededRandom(seed + 3);
    t.diagnostic(`size=${sizeName} seed=${seed + 3} (LEADWIRE_SEED=${seed} replays it)`);
    const started = Date.now();
    const world = await startWorld();
    const { salesforce, hubspot } = world;
    const dir = mkdtempSync(join(tmpdir(), 'leadwire-reliability-crm-'));
    const { running, url } = await runInWorld(world, worldConfig(world, { port: 0, dir }));
    try {
      const customers = Array.from({ length: CONVERSATIONS }, (_, i) =>
        customer(
          `9665${String(30_000_000 + i)}`,
          i % HUBSPOT_EVERY === 0 ? HUBSPOT_NUMBER : SALESFORCE_NUMBER,
        ),
      );
      const sender = new MetaSender({ url, graph: world.graph });
      const replies = new Replies(world.graph);
      salesforce.failRate({
        rate: 0.3,
        fault: { status: 429, body: 'Too Many Requests' },
        seed: random.between(1, 1e9),
      });
      hubspot.failRate({
        rate: 0.3,
        policyName: 'TEN_SECONDLY_ROLLING',
        seed: random.between(1, 1e9),
        retryAfterSeconds: 1,
      });
      let loading = true;
      const load = runCustomers(customers, { sender, ready: afterReplies(replies), rampMs: RAMP_MS }).finally(
        () => {
          loading = false;
        },
      );
      const events = { bursts: 0, spikes: 0 };
      // The storm lasts the ramp and a little after, not until the last customer is served: a storm that
      // outlasts the load feeds on its own stragglers (the last conversation gets every queued fault, is
      // retried into the dead-letter list, and keeps the load, and so the storm, going).
      const stormEndsAt = Date.now() + RAMP_MS + 15_000;
      const chaos = (async () => {
        while (loading && Date.now() < stormEndsAt) {
          await sleep(random.between(1000, 4000));
          if (random.chance(0.5)) {
            events.bursts++;
            for (let i = random.between(3, 8); i > 0; i--) {
              salesforce.failNext(random.chance(0.7) ? 'SERVER_UNAVAILABLE' : 'UNABLE_TO_LOCK_ROW');
              hubspot.failNext(random.chance(0.5) ? 502 : 503);
            }
          } else {
            events.spikes++;
            salesforce.latencyMs = SPIKE_MS;
            hubspot.latencyMs = SPIKE_MS;
            await sleep(random.between(2000, 4000));
            salesforce.latencyMs = 0;
            hubspot.latencyMs = 0;
          }
        }
      })();
      await Promise.all([load, chaos]);
      const refused = {
        salesforce: salesforce.calls.log.filter((c) => c.status >= 400).length,
        hubspot: hubspot.calls.log.filter((c) => c.status >= 400).length,
      };
      // The storm passes; what it held back is written now.
      salesforce.failRate(undefined);
      hubspot.failRate(undefined);
      const { store, queue } = running.runtime;
      const findings = await witness({
        store,
        queue,
        customers,
        sender,
        replies,
        world,
        settleTimeoutMs: 240_000,
      });
      t.diagnostic(
        summaryLine({
          scenario: 'crm-faults',
          mode: 'embedded',
          ...findings,
          extra: {
            salesforceCalls: salesforce.calls.total,
            salesforceRefused: refused.salesforce,
            hubspotCalls: hubspot.calls.total,
            hubspotRefused: refused.hubspot,
            bursts: events.bursts,
            latencySpikes: events.spikes,
            handedOver: findings.handedOver,
            seconds: Math.round((Date.now() - started) / 1000),
          },
        }),
      );
      assert.deepEqual(findings.problems, []);
      assert.equal(findings.lost, 0);
      assert.equal(findings.duplicates, 0);
      assert.equal(findings.handedOver, CONVERSATIONS, 'every conversation became a Lead');
      assert.equal(
        salesforce.records('Lead').length,
        CONVERSATIONS - Math.ceil(CONVERSATIONS / HUBSPOT_EVERY),
      );
      assert.equal(hubspot.leads().length, Math.ceil(CONVERSATIONS / HUBSPOT_EVERY));
      assert.ok(refused.salesforce > 0 && refused.hubspot > 0, 'both CRMs refused calls');
    } finally {
      salesforce.failRate(undefined);
      hubspot.failRate(undefined);
      await running.close();
      await world.close();
    }
  });
});
