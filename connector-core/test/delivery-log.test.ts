// Both delivery log adapters pass the DeliveryLog contract: SQLite (a table of the embedded file) and Redis
// (a stream under the store's hash tag).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import {
  APPEND_BATCH_MAX_BYTES,
  APPEND_BATCH_MAX_ENTRIES,
  RedisDeliveryLog,
} from '../src/store/redis-delivery-log.ts';
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

describe('Redis: the appends of one event-loop turn', { skip: skip ?? false }, () => {
  const receipt = (n: number, rawBody = Buffer.from(`{"n":${n}}`)) => ({
    rawBody,
    receivedAt: 1_700_000_000_000 + n,
    signedBy: ['main', 'second'],
    requestId: `req-${n}`,
  });
  function open(): { log: RedisDeliveryLog; key: string } {
    const prefix = testPrefix('log');
    prefixes.push(prefix);
    const log = new RedisDeliveryLog({ url: testRedisUrl, prefix });
    after(() => log.close());
    return { log, key: `{${prefix}}:deliveries` };
  }

  it('land as one entry each, in order and byte for byte, however many and however large', async () => {
    const { log } = open();
    const large = (n: number) => Buffer.alloc(Math.ceil(APPEND_BATCH_MAX_BYTES * 0.6), `${n}`);
    const receipts = [
      ...Array.from({ length: APPEND_BATCH_MAX_ENTRIES + 10 }, (_, n) => receipt(n)),
      ...[1000, 1001, 1002].map((n) => receipt(n, large(n))),
      receipt(2000),
    ];
    await Promise.all(receipts.map((r) => log.append(r)));
    const read = await log.read(receipts.length + 1);
    assert.deepEqual(
      read.map((e) => e.requestId),
      receipts.map((r) => r.requestId),
    );
    for (const [i, entry] of read.entries()) {
      assert.ok(entry.rawBody.equals(receipts[i]!.rawBody), entry.requestId);
      assert.deepEqual(entry.signedBy, ['main', 'second']);
      assert.equal(entry.receivedAt, receipts[i]!.receivedAt);
    }
  });

  it('made while a call is out wait for it, then go together, after it and in order', async () => {
    const { log } = open();
    const first = [1, 2, 3].map((n) => log.append(receipt(n)));
    await new Promise((resolve) => setImmediate(resolve)); // the first call is out
    const second = [4, 5, 6].map((n) => log.append(receipt(n)));
    await new Promise((resolve) => setImmediate(resolve));
    const third = [7, 8].map((n) => log.append(receipt(n)));
    await Promise.all([...first, ...second, ...third]);
    assert.deepEqual(
      (await log.read(10)).map((e) => e.requestId),
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `req-${n}`),
    );
  });

  it('fail together when Redis refuses their write, and the next turn’s appends go through', async () => {
    const { log, key } = open();
    const other = new Redis(testRedisUrl);
    after(() => other.quit());
    await other.set(key, 'not a stream');
    const refused = await Promise.allSettled([1, 2, 3].map((n) => log.append(receipt(n))));
    assert.deepEqual(
      refused.map((r) => r.status),
      ['rejected', 'rejected', 'rejected'],
    );
    assert.match(String((refused[0] as PromiseRejectedResult).reason), /WRONGTYPE/);
    await other.del(key);
    await Promise.all([4, 5].map((n) => log.append(receipt(n))));
    assert.deepEqual(
      (await log.read(10)).map((e) => e.requestId),
      ['req-4', 'req-5'],
    );
  });
});

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
