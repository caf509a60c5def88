// The Redis store passes the Store contract against the Redis on REDIS_URL (each store under its own prefix).
import { after } from 'node:test';
import { Redis } from 'ioredis';
import { RedisStore } from '../src/store/redis-store.ts';
import { redisSkipReason, testPrefix, testRedisUrl } from '../src/testing/redis.ts';
import { defineStoreContract } from '../src/testing/store-contract.ts';

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
