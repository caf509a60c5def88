// The Redis store passes the Store contract against the Redis on REDIS_URL (each store under its own prefix).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { RedisStore } from '../src/store/redis-store.ts';
import { redisSkipReason, testPrefix, testRedisUrl } from '../src/testing/redis.ts';
import { defineStoreContract, ingestTextMessage, testDelivery } from '../src/testing/store-contract.ts';

const skip = await redisSkipReason();
const prefixes: string[] = [];

after(async () => {
  if (skip !== undefined) return;
  const admin = new Redis(testRedisUrl);
  try {
    for (const prefix of prefixes) {
      for await (const keys of admin.scanStream({ match: `{${prefix}}:*`, count: 1000 })) {
        if ((keys as string[]).length > 0) await admin.del(...(keys as string[]));
      }
    }
  } finally {
    admin.disconnect();
  }
});

defineStoreContract(
  'Redis',
  async ({ clock }) => {
    const prefix = testPrefix('store');
    prefixes.push(prefix);
    return new RedisStore({ url: testRedisUrl, prefix, clock });
  },
  { skip },
);

describe('Redis store retention', { skip: skip ?? false }, () => {
  it('gives step results, claimed turns and raw bodies an expiry instead of pruning them', async () => {
    const prefix = testPrefix('store');
    prefixes.push(prefix);
    const store = new RedisStore({
      url: testRedisUrl,
      prefix,
      rawBodyTtlSeconds: 3600,
      recordTtlSeconds: 7200,
    });
    const admin = new Redis(testRedisUrl);
    try {
      const id = '106540352242922:4915112345678';
      const delivery = testDelivery([ingestTextMessage('4915112345678', 'wamid.T1', 'Hi')]);
      await store.ingest(delivery);
      await store.putStepResult('a-step', { sent: 'wamid.Z' });
      const lease = (await store.acquireLease(id, 60_000))!;
      await store.claimTurn({
        conversationId: id,
        seq: 1,
        fence: lease.fence,
        eventSeqs: [],
        claimedAt: new Date().toISOString(),
      });
      const ttl = (key: string) => admin.ttl(`{${prefix}}:${key}`);
      assert.ok((await ttl(`raw:${delivery.id}`)) > 3500);
      assert.ok((await ttl('step:a-step')) > 7100);
      assert.ok((await ttl(`turn:${id}:1`)) > 7100);
      assert.deepEqual(
        await store.prune({ deliveries: Date.now(), stepResults: Date.now(), turns: Date.now() }),
        {
          deliveries: 0,
          stepResults: 0,
          turns: 0,
        },
      );
      assert.ok((await store.sizeBytes()) > 0);
    } finally {
      admin.disconnect();
      await store.close();
    }
  });
});
