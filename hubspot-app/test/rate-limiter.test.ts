// The per-portal buckets are shared: two limiter instances on one store (two processes) spend one budget.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { redisSkipReason, testPrefix, testRedisUrl } from '@leadwire/connector-core/testing';
import { Redis } from 'ioredis';
import {
  hubspotBuckets,
  type PortalRateLimiter,
  RedisRateLimiter,
  SqliteRateLimiter,
  takeToken,
} from '../src/rate-limiter.ts';
import { RedisWriteLedger, SqliteWriteLedger, type WriteLedger } from '../src/write-ledger.ts';

test("the default buckets never exceed HubSpot's rolling limits", () => {
  const g = hubspotBuckets.general;
  const s = hubspotBuckets.search;
  assert.ok(g.capacity + g.perSecond * 10 <= 110);
  assert.ok(s.capacity + s.perSecond * 1 <= 5);
});

test('a bucket grants its capacity, then asks to wait until a token refills', () => {
  let state: Parameters<typeof takeToken>[0];
  const spec = { capacity: 2, perSecond: 4 };
  const waits = [0, 1, 2].map(() => {
    const out = takeToken(state, spec, 1000);
    state = out.state;
    return out.waitMs;
  });
  assert.deepEqual(waits, [0, 0, 250]);
  assert.equal(takeToken(state, spec, 1250).waitMs, 0);
});

function sharingContract(
  name: string,
  make: () => Promise<{
    a: PortalRateLimiter;
    b: PortalRateLimiter;
    clock: { t: number };
    close: () => Promise<void>;
  }>,
) {
  describe(name, () => {
    test('two limiters on the same store share one portal budget', async () => {
      const { a, b, clock, close } = await make();
      try {
        const { capacity } = hubspotBuckets.general;
        const granted = [];
        for (let i = 0; i < Math.ceil(capacity / 2) + 1; i++)
          granted.push(await a.take('p1', 'general'), await b.take('p1', 'general'));
        // one bucket between both: the takes past its capacity must wait
        assert.deepEqual(
          granted.map((w) => w === 0),
          [...Array(capacity).fill(true), ...Array(granted.length - capacity).fill(false)],
        );
        assert.equal(await b.take('p2', 'general'), 0, 'another portal has its own bucket');
        clock.t += 100;
        assert.equal(await a.take('p1', 'general'), 0, 'a token refilled after 100 ms');
      } finally {
        await close();
      }
    });

    test('a 429 pause on one limiter holds the other back', async () => {
      const { a, b, clock, close } = await make();
      try {
        await a.pause('p1', 'search', 10_000);
        assert.equal(await b.take('p1', 'search'), 10_000);
        clock.t += 10_000;
        assert.equal(await b.take('p1', 'search'), 0);
      } finally {
        await close();
      }
    });
  });
}

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

sharingContract('SqliteRateLimiter', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lw-hs-rate-'));
  dirs.push(dir);
  const clock = { t: 1_000_000 };
  const options = { path: join(dir, 'store.db'), clock: { now: () => clock.t } };
  const a = new SqliteRateLimiter(options);
  const b = new SqliteRateLimiter(options);
  return {
    a,
    b,
    clock,
    close: async () => {
      a.close();
      b.close();
    },
  };
});

const redisSkip = await redisSkipReason();
describe('RedisRateLimiter', { skip: redisSkip }, () => {
  sharingContract('on one Redis', async () => {
    const clock = { t: 1_000_000 };
    const prefix = testPrefix('hsrate');
    const c1 = new Redis(testRedisUrl);
    const c2 = new Redis(testRedisUrl);
    const options = { prefix, clock: { now: () => clock.t } };
    return {
      a: new RedisRateLimiter({ ...options, client: c1 }),
      b: new RedisRateLimiter({ ...options, client: c2 }),
      clock,
      close: async () => {
        const keys = await c1.keys(`{${prefix}}:*`);
        if (keys.length > 0) await c1.del(...keys);
        c1.disconnect();
        c2.disconnect();
      },
    };
  });
});

async function ledgerContract(a: WriteLedger, b: WriteLedger) {
  await a.begin(['k1', 'k2']);
  await b.complete({ k1: 'id-1' });
  await b.begin(['k1']);
  const seen = await a.getMany(['k1', 'k2', 'k3']);
  assert.deepEqual(seen.get('k1'), { state: 'done', value: 'id-1' });
  assert.deepEqual(seen.get('k2'), { state: 'pending' });
  assert.equal(seen.has('k3'), false);
}

test('the SQLite write ledger is shared through the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lw-hs-ledger-'));
  dirs.push(dir);
  const a = new SqliteWriteLedger({ path: join(dir, 'store.db') });
  const b = new SqliteWriteLedger({ path: join(dir, 'store.db') });
  await ledgerContract(a, b);
  a.close();
  b.close();
});

test('the Redis write ledger is shared through Redis', { skip: redisSkip }, async () => {
  const prefix = testPrefix('hsledger');
  const c = new Redis(testRedisUrl);
  try {
    await ledgerContract(
      new RedisWriteLedger({ client: c, prefix }),
      new RedisWriteLedger({ client: c, prefix }),
    );
  } finally {
    await c.del(`{${prefix}}:hsledger`);
    c.disconnect();
  }
});
