// Both delivery log adapters pass the DeliveryLog contract: SQLite (a table of the embedded file) and Redis
// (a stream under the store's hash tag).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { RedisDeliveryLog } from '../src/store/redis-delivery-log.ts';
import { openSqliteDeliveryLog } from '../src/store/sqlite-delivery-log.ts';
import { CONTRACT_CLAIM_AFTER_MS, defineDeliveryLogContract } from '../src/testing/delivery-log-contract.ts';
import { deleteTestKeys, redisSkipReason, testPrefix, testRedisUrl } from '../src/testing/redis.ts';

const dir = mkdtempSync(join(tmpdir(), 'leadwire-delivery-log-'));
let files = 0;
const prefixes: string[] = [];
const skip = await redisSkipReason();
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const prefix of prefixes) await deleteTestKeys(prefix);
});

defineDeliveryLogContract('SQLite', () => {
  const path = join(dir, `log-${files++}`, 'leadwire.db');
  return () => openSqliteDeliveryLog({ path, claimAfterMs: CONTRACT_CLAIM_AFTER_MS });
});

defineDeliveryLogContract(
  'Redis',
  () => {
    const prefix = testPrefix('log');
    prefixes.push(prefix);
    return () => new RedisDeliveryLog({ url: testRedisUrl, prefix, claimAfterMs: CONTRACT_CLAIM_AFTER_MS });
  },
  skip === undefined ? {} : { skip },
);
