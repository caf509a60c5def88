// The BullMQ queue passes the JobQueue contract against the Redis on 127.0.0.1:6379 (a random key prefix per
// queue, deleted afterwards), and its jobs survive a new instance on the same prefix.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { Job } from '../src/ports/job-queue.ts';
import { BullmqQueue } from '../src/queue/bullmq-queue.ts';
import { defineQueueContract } from '../src/testing/queue-contract.ts';
import { redisSkipReason, testPrefix, testRedisUrl } from '../src/testing/redis.ts';

const skip = await redisSkipReason();
const prefixes: string[] = [];

after(async () => {
  if (prefixes.length === 0) return;
  const redis = new Redis(testRedisUrl);
  try {
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
  } finally {
    await redis.quit();
  }
});

function queueOn(prefix: string, options = {}): BullmqQueue {
  if (!prefixes.includes(prefix)) prefixes.push(prefix);
  return new BullmqQueue({ ...options, url: testRedisUrl, prefix });
}

defineQueueContract('BullMQ (Redis)', async (options) => queueOn(testPrefix('queue'), options), { skip });

describe('BullMQ queue', { skip }, () => {
  it('keeps its jobs for a new instance on the same prefix', async (t) => {
    const prefix = testPrefix('queue');
    const before = queueOn(prefix);
    await before.add({ name: 'send', data: { n: 1 }, id: 'send:1', delayMs: 200 });
    await before.close();

    const after = queueOn(prefix);
    t.after(() => after.close());
    const runs: Job[] = [];
    after.start({ send: async (job) => void runs.push(job) });
    const deadline = Date.now() + 3000;
    while (runs.length === 0 && Date.now() < deadline) await sleep(10);
    assert.deepEqual(runs, [{ id: 'send:1', name: 'send', data: { n: 1 }, attempt: 1 }]);
  });
});
