// The Redis assignments pass the Assignments contract against the Redis on REDIS_URL (each dataset under its
// own prefix; a second adapter is a second connection on the same prefix).
import { after } from 'node:test';
import { Redis } from 'ioredis';
import { RedisAssignments } from '../src/store/redis-assignments.ts';
import { defineAssignmentsContract } from '../src/testing/assignments-contract.ts';
import { redisSkipReason, testPrefix, testRedisUrl } from '../src/testing/redis.ts';

const skip = await redisSkipReason();
const prefixes = new Map<string, string>();

after(async () => {
  if (skip !== undefined) return;
  const admin = new Redis(testRedisUrl);
  try {
    for (const prefix of prefixes.values()) {
      for await (const keys of admin.scanStream({ match: `{${prefix}}:*`, count: 1000 })) {
        if ((keys as string[]).length > 0) await admin.del(...(keys as string[]));
      }
    }
  } finally {
    admin.disconnect();
  }
});

defineAssignmentsContract(
  'Redis',
  async ({ clock, dataset }) => {
    let prefix = prefixes.get(dataset);
    if (prefix === undefined) {
      prefix = testPrefix('assignments');
      prefixes.set(dataset, prefix);
    }
    return new RedisAssignments({ url: testRedisUrl, prefix, clock });
  },
  { skip },
);
