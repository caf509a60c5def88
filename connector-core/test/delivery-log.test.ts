// Both delivery log adapters pass the DeliveryLog contract: SQLite (a table of the embedded file) and Redis
// (a stream under the store's hash tag).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
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

describe('SQLite: the log moves to its own file', () => {
  const receipt = (n: number) => ({
    rawBody: Buffer.from(`{"n":${n}}`),
    receivedAt: 1_700_000_000_000 + n,
    signedBy: ['main'],
    requestId: `req-${n}`,
  });

  it('deliveries and dead letters left in the old file are moved over in order, once', async () => {
    const old = join(dir, 'moved', 'leadwire.db');
    const fresh = join(dir, 'moved', 'leadwire-deliveries.db');
    const before = openSqliteDeliveryLog({ path: old });
    for (const n of [1, 2, 3, 4]) await before.append(receipt(n));
    const [first] = await before.read(1);
    await before.deadLetter(first!, 'did not normalize', 1_700_000_001_000);
    await before.close();

    const log = openSqliteDeliveryLog({ path: fresh, movedFrom: old });
    assert.equal(await log.backlog(), 3);
    assert.deepEqual(
      (await log.read(10)).map((d) => d.requestId),
      ['req-2', 'req-3', 'req-4'],
    );
    assert.deepEqual(
      (await log.deadLetters()).map((d) => [d.requestId, d.reason]),
      [['req-1', 'did not normalize']],
    );
    await log.close();
    // Opening again moves nothing twice: the old file was emptied.
    const again = openSqliteDeliveryLog({ path: fresh, movedFrom: old });
    assert.equal(await again.backlog(), 3);
    assert.equal(await again.deadLetterCount(), 1);
    await again.close();
    const left = openSqliteDeliveryLog({ path: old });
    assert.equal(await left.backlog(), 0);
    assert.equal(await left.deadLetterCount(), 0);
    await left.close();
  });
});

describe('SQLite: waiting for the write lock', () => {
  it('an append waits for another connection’s write lock without stopping the event loop', async () => {
    const path = join(dir, 'locked', 'leadwire-deliveries.db');
    const log = openSqliteDeliveryLog({ path });
    const other = new DatabaseSync(path);
    other.exec('BEGIN IMMEDIATE');
    let appended = false;
    const append = log
      .append({ rawBody: Buffer.from('{}'), receivedAt: 1, signedBy: ['main'], requestId: 'req-locked' })
      .then(() => {
        appended = true;
      });
    // The loop keeps turning while the lock is held (a sleeping busy handler would hold this thread, and the
    // other connection could never commit).
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 2));
    assert.equal(appended, false, 'not acknowledged while the lock is held');
    other.exec('COMMIT');
    other.close();
    await append;
    assert.equal(await log.backlog(), 1);
    await log.close();
  });
});
