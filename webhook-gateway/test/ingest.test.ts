// The delivery log between the acknowledgement and the events: what the gateway acknowledged waits in the log
// until an ingester takes it in, and a crash between storing the events and consuming the entry stores
// nothing twice and still schedules the turn. Both modes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configSchema } from '@leadwire/connector-core';
import { redisSkipReason, testRedisUrl } from '@leadwire/connector-core/testing';
import { createLogger } from '../src/observability/logger.ts';
import { createMetrics } from '../src/observability/metrics.ts';
import { run } from '../src/server.ts';
import { startIngester } from '../src/webhook/ingest-deliveries.ts';
import { tenantDirectory } from '../src/webhook/tenant-directory.ts';
import {
  DOC_PHONE_NUMBER_ID,
  harnessEnv,
  startHarness,
  statusBody,
  textBody,
  until,
} from './support/harness.ts';

const redisSkip = await redisSkipReason();
const conversationOf = (from: string) => `${DOC_PHONE_NUMBER_ID}:${from}`;

for (const mode of ['embedded', 'scale-out'] as const) {
  describe(`the delivery log (${mode})`, {
    skip: mode === 'scale-out' ? (redisSkip ?? false) : false,
  }, () => {
    it('holds what the gateway acknowledged until an ingester stores its events and schedules turns', async () => {
      const gw = await startHarness({ mode, ingest: false });
      try {
        const { log, store, queue } = gw.running.runtime;
        const bodies = [
          textBody({ wamid: 'wamid.log-1', from: '16505550001', text: 'Hi' }),
          textBody({
            wamid: 'wamid.log-2',
            from: '16505550001',
            text: 'deep cleaning',
            timestamp: 1750000001,
          }),
          textBody({ wamid: 'wamid.log-3', from: '16505550002' }),
          statusBody([{ wamid: 'wamid.out-9', status: 'delivered', timestamp: 1750000002 }]),
        ];
        for (const body of bodies) assert.equal((await gw.post(body)).status, 200);
        assert.equal(await log.backlog(), 4, 'acknowledged, in the log');
        const first = await store.resolveConversationId(conversationOf('16505550001'));
        assert.deepEqual(await store.pendingEvents(first), [], 'no events before ingesting');

        const metrics = createMetrics();
        const ingester = startIngester({
          directory: tenantDirectory(gw.config, harnessEnv),
          ...gw.running.runtime,
          logger: createLogger({ level: 'silent' }),
          metrics,
        });
        await ingester.drained();
        await ingester.stop();

        assert.equal(await log.backlog(), 0);
        assert.deepEqual(
          (await store.pendingEvents(first)).map((e) => e.event.kind === 'message' && e.event.id),
          ['wamid.log-1', 'wamid.log-2'],
        );
        assert.equal((await store.getStatus('wamid.out-9'))?.status, 'delivered');
        const counts = await queue.counts();
        assert.equal(counts.waiting + counts.delayed, 2, 'one turn per conversation');
      } finally {
        await gw.close();
      }
    });

    it('stores nothing twice when it dies after storing and before consuming, and still schedules the turn', async () => {
      const gw = await startHarness({ mode, ingest: false });
      try {
        const { log, store, queue } = gw.running.runtime;
        assert.equal((await gw.post(textBody({ wamid: 'wamid.twice', from: '16505550003' }))).status, 200);
        // The first ingester stores the events, then dies before it consumes the entry.
        const consume = log.consume.bind(log);
        log.consume = async () => {
          throw new Error('killed before consuming');
        };
        const scheduled: string[] = [];
        const scheduleTurn = queue.scheduleTurn.bind(queue);
        queue.scheduleTurn = (conversationId) => {
          scheduled.push(conversationId);
          return scheduleTurn(conversationId);
        };
        const metrics = createMetrics();
        const deps = {
          directory: tenantDirectory(gw.config, harnessEnv),
          ...gw.running.runtime,
          logger: createLogger({ level: 'silent' }),
          metrics,
        };
        const dying = startIngester(deps, { retryMs: 10_000 });
        const id = await store.resolveConversationId(conversationOf('16505550003'));
        await until(
          async () => ((await store.pendingEvents(id)).length === 1 ? true : undefined),
          'the events',
        );
        await dying.stop();
        assert.equal(await log.backlog(), 1, 'the entry was never consumed');
        scheduled.length = 0;

        log.consume = consume;
        const next = startIngester(deps);
        await next.drained();
        await next.stop();
        assert.equal(await log.backlog(), 0);
        assert.equal((await store.pendingEvents(id)).length, 1, 'the message is stored once');
        assert.match(
          await metrics.registry.getSingleMetricAsString('leadwire_duplicates_dropped_total'),
          / 1$/m,
        );
        assert.deepEqual(scheduled, [id], 'the turn is scheduled again');
      } finally {
        await gw.close();
      }
    });

    it('sets a poison delivery aside after a few tries and ingests the ones behind it; a store outage never does', async () => {
      const gw = await startHarness({ mode, ingest: false });
      try {
        const { log, store } = gw.running.runtime;
        // A delivery the gateway itself would refuse (written by an older gateway, or another writer): every
        // try to store it overflows the stack.
        const poison = Buffer.from(
          textBody({ wamid: 'wamid.poison', from: '16505550100' }).replace(
            '"type":"text"',
            `"x":${'['.repeat(20_000)}${']'.repeat(20_000)},"type":"text"`,
          ),
        );
        await log.append({
          rawBody: poison,
          receivedAt: Date.now(),
          signedBy: ['acme-app'],
          requestId: 'req-poison',
        });
        for (let n = 1; n <= 3; n++) {
          assert.equal(
            (await gw.post(textBody({ wamid: `wamid.behind-${n}`, from: `1650555020${n}` }))).status,
            200,
          );
        }
        const metrics = createMetrics(undefined, log);
        const ingester = startIngester(
          {
            directory: tenantDirectory(gw.config, harnessEnv),
            ...gw.running.runtime,
            logger: createLogger({ level: 'silent' }),
            metrics,
          },
          { retryMs: 20, maxAttempts: 3 },
        );
        await until(
          async () => ((await log.backlog()) === 0 ? true : undefined),
          'the log to move past the poison',
        );
        await ingester.stop();

        for (let n = 1; n <= 3; n++) {
          const id = await store.resolveConversationId(conversationOf(`1650555020${n}`));
          assert.equal(
            (await store.pendingEvents(id)).length,
            1,
            `the delivery behind it (${n}) is ingested`,
          );
        }
        const [dead, ...more] = await log.deadLetters();
        assert.equal(more.length, 0);
        assert.equal(dead?.requestId, 'req-poison');
        assert.deepEqual(dead?.rawBody, poison, 'its raw bytes are kept');
        assert.match(dead?.reason ?? '', /call stack/);
        assert.match(await metrics.registry.metrics(), /leadwire_deliveries_dead_lettered_total 1/);
        assert.match(await metrics.registry.metrics(), /leadwire_delivery_dead_letters 1/);
      } finally {
        await gw.close();
      }
    });

    it('sets nothing aside while the store is down: the deliveries wait and are ingested once it is back', async () => {
      const gw = await startHarness({ mode, ingest: false });
      try {
        const { log, store } = gw.running.runtime;
        assert.equal((await gw.post(textBody({ wamid: 'wamid.outage', from: '16505550300' }))).status, 200);
        const ingest = store.ingest.bind(store);
        const ping = store.ping.bind(store);
        let tries = 0;
        store.ingest = async () => {
          tries++;
          throw new Error('connection refused');
        };
        store.ping = async () => {
          throw new Error('connection refused');
        };
        const ingester = startIngester(
          {
            directory: tenantDirectory(gw.config, harnessEnv),
            ...gw.running.runtime,
            logger: createLogger({ level: 'silent' }),
            metrics: createMetrics(),
          },
          { retryMs: 10, maxAttempts: 2 },
        );
        await until(() => (tries >= 5 ? true : undefined), 'five failed tries');
        assert.equal(await log.deadLetterCount(), 0, 'an outage is not poison');
        store.ingest = ingest;
        store.ping = ping;
        await until(
          async () => ((await log.backlog()) === 0 ? true : undefined),
          'ingested after the outage',
        );
        await ingester.stop();
        const id = await store.resolveConversationId(conversationOf('16505550300'));
        assert.equal((await store.pendingEvents(id)).length, 1);
        assert.equal(await log.deadLetterCount(), 0);
      } finally {
        await gw.close();
      }
    });
  });
}

describe('a worker on its own', () => {
  it('ingests what a gateway process logged and serves its health, readiness and metrics on server.workerPort', async () => {
    const gw = await startHarness({ ingest: false });
    const config = configSchema.parse({ ...gw.config, server: { ...gw.config.server, workerPort: 0 } });
    const worker = await run({
      config,
      env: { ...harnessEnv, TEST_REDIS_URL: testRedisUrl },
      gateway: false,
      worker: true,
      handler: { steps: [] },
      logger: createLogger({ level: 'silent' }),
    });
    try {
      assert.ok(worker.url !== undefined, 'the worker listens');
      assert.equal((await gw.post(textBody({ wamid: 'wamid.worker-1', from: '16505550009' }))).status, 200);
      const metric = 'leadwire_events_total{kind="message",type="text"} 1';
      await until(async () => {
        const text = await (await fetch(`${worker.url}/metrics`)).text();
        return text.includes(metric) ? true : undefined;
      }, 'the worker to count the ingested message');
      assert.equal((await fetch(`${worker.url}/readyz`)).status, 200);
      assert.equal((await fetch(`${worker.url}/healthz`)).status, 200);
      assert.equal((await fetch(`${worker.url}/webhooks/whatsapp`, { method: 'POST' })).status, 404);
      assert.equal(await gw.running.runtime.log.backlog(), 0);
    } finally {
      await worker.close();
      await gw.close();
    }
  });
});
