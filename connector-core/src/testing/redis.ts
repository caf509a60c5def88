// Redis for tests: tests that need Redis run whenever it answers, must run when CI=true, and elsewhere skip
// with a one-line reason.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const testRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** undefined when Redis answers; a one-line skip reason when it does not (throws instead when CI=true). */
export async function redisSkipReason(): Promise<string | undefined> {
  const client = new Redis(testRedisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    const reason = `Redis at ${testRedisUrl} does not answer (${(error as Error).message}); set REDIS_URL to run these tests`;
    if (process.env.CI === 'true') throw new Error(`CI=true requires Redis: ${reason}`);
    return reason;
  } finally {
    client.disconnect();
  }
}

/** A key prefix no other test uses. */
export function testPrefix(name: string): string {
  return `lwtest:${name}:${randomBytes(4).toString('hex')}`;
}

/**
 * Deletes every key a test wrote under `prefix`: the store's (`{prefix}:…`, a hash tag), the queue's and the
 * CRM adapters' (`prefix:…`).
 */
export async function deleteTestKeys(prefix: string, url: string = testRedisUrl): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `*${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await client.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}
