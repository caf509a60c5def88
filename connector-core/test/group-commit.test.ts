// Group commit: the writes of one event-loop turn share one SQLite transaction; no caller hears back before its
// write is committed, a failing write fails alone, and a failing transaction fails every write in it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { isLeadwireError } from '../src/model/errors.ts';
import { openEmbeddedQueue } from '../src/queue/embedded-queue.ts';
import { GroupCommit, type GroupCommitOptions } from '../src/store/group-commit.ts';
import { openSqliteAssignments } from '../src/store/sqlite-assignments.ts';
import { openSqliteFile, WAL_AUTOCHECKPOINT_PAGES } from '../src/store/sqlite-file.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import { walSyncFor } from '../src/store/wal-sync.ts';
import { ingestTextMessage, testDelivery } from '../src/testing/store-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'leadwire-group-commit-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(dir, `db-${files++}`, 'leadwire.db');

/** A connection with a key/value table, its group commit, and a second connection that reads what is committed. */
function openTable(options: GroupCommitOptions = {}) {
  const path = freshPath();
  const db = openSqliteFile({ path, synchronous: options.sync === undefined ? 'FULL' : 'NORMAL' });
  db.exec('CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT NOT NULL)');
  const group = new GroupCommit(db, options);
  const insert = db.prepare('INSERT INTO kv (k, v) VALUES (?, ?)');
  const other = new DatabaseSync(path);
  const committed = (k: string) =>
    (other.prepare('SELECT v FROM kv WHERE k = ?').get(k) as { v: string } | undefined)?.v;
  const put = (k: string, v = k) =>
    group.write(() => {
      insert.run(k, v);
      return k;
    });
  return {
    db,
    group,
    put,
    committed,
    close() {
      other.close();
      if (db.isOpen) db.close();
    },
  };
}

describe('group commit', () => {
  it('resolves no caller before its write is committed, and commits the writes of one turn together', async () => {
    const t = openTable();
    try {
      const seenAtResolve: Array<string | undefined> = [];
      const writes = Array.from({ length: 50 }, (_, i) =>
        t.put(`k${i}`).then((k) => {
          seenAtResolve.push(t.committed(k));
          return k;
        }),
      );
      assert.equal(t.committed('k0'), undefined, 'nothing is written before the group commits');
      assert.equal(t.group.commits, 0);
      await Promise.all(writes);
      assert.equal(seenAtResolve.length, 50);
      assert.ok(
        seenAtResolve.every((v) => v !== undefined),
        'every caller resolves after its row is visible to another connection',
      );
      assert.equal(t.group.commits, 1, 'fifty writes asked for in one turn cost one commit');
      await t.put('later');
      assert.equal(t.group.commits, 2, 'a write asked for after the group gets the next one');
    } finally {
      t.close();
    }
  });

  it('a write that fails is rolled back alone and fails only its caller', async () => {
    const t = openTable();
    try {
      const results = await Promise.allSettled([t.put('a'), t.put('a', 'duplicate'), t.put('c')]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      );
      assert.equal(t.committed('a'), 'a', 'the failed write left the first one alone');
      assert.equal(t.committed('c'), 'c');
      assert.equal(t.group.commits, 1);
    } finally {
      t.close();
    }
  });

  it('a write that throws before touching the table fails only its caller', async () => {
    const t = openTable();
    try {
      const refused = t.group.write(() => {
        throw new Error('refused');
      });
      const kept = t.put('kept');
      await assert.rejects(refused, /refused/);
      assert.equal(await kept, 'kept');
      assert.equal(t.committed('kept'), 'kept');
    } finally {
      t.close();
    }
  });

  it('when SQLite rolls the transaction back, every write of the group fails and none is kept', async () => {
    const t = openTable();
    try {
      // RAISE(ROLLBACK) ends the whole transaction, as an I/O error or a full disk does.
      t.db.exec(
        `CREATE TRIGGER fail_group BEFORE INSERT ON kv WHEN NEW.k = 'poison' BEGIN SELECT RAISE(ROLLBACK, 'disk gone'); END`,
      );
      const results = await Promise.allSettled([t.put('a'), t.put('poison'), t.put('c')]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['rejected', 'rejected', 'rejected'],
      );
      for (const r of results) {
        assert.ok(r.status === 'rejected' && isLeadwireError(r.reason, 'TEMPORARY'), 'a retryable error');
      }
      assert.equal(t.committed('a'), undefined, 'the write before the failure is not kept');
      assert.equal(t.committed('c'), undefined, 'nor the one after it');
      assert.equal(t.db.isTransaction, false);
      assert.equal(await t.put('after'), 'after', 'the next group commits');
      assert.equal(t.committed('after'), 'after');
    } finally {
      t.close();
    }
  });

  it('when the transaction cannot begin (the connection is gone), every write of the group fails with the reason', async () => {
    const t = openTable();
    const a = t.put('a');
    const b = t.put('b');
    t.db.close();
    const results = await Promise.allSettled([a, b]);
    for (const r of results) {
      assert.ok(r.status === 'rejected' && isLeadwireError(r.reason, 'TEMPORARY'), String(r));
      assert.match(String(r.reason), /could not commit/);
    }
    assert.equal(t.committed('a'), undefined);
    t.close();
  });

  it('with a sync after the commit, answers nobody before the sync returned; later writes wait for a later sync', async () => {
    const syncs: Array<() => void> = [];
    const t = openTable({ sync: () => new Promise<void>((resolve) => syncs.push(resolve)) });
    const answered: string[] = [];
    const put = (k: string) => t.put(k).then(() => void answered.push(k));
    try {
      const first = [put('a'), put('b')];
      await sleep(20);
      assert.deepEqual([t.group.commits, syncs.length, answered], [1, 1, []], 'committed, not yet synced');
      const second = put('c');
      await sleep(20);
      assert.deepEqual([t.group.commits, syncs.length, answered], [2, 2, []], 'the next group does not wait');
      syncs[0]!();
      await Promise.all(first);
      assert.deepEqual(answered, ['a', 'b'], 'the first group is answered by its own sync');
      syncs[1]!();
      await second;
      assert.deepEqual(answered, ['a', 'b', 'c']);
    } finally {
      t.close();
    }
  });

  it('a sync that fails fails every write of its group', async () => {
    const t = openTable({ sync: () => Promise.reject(new Error('EIO: fsync failed')) });
    try {
      const results = await Promise.allSettled([t.put('a'), t.put('b')]);
      for (const r of results) {
        assert.ok(r.status === 'rejected' && isLeadwireError(r.reason, 'TEMPORARY'), String(r));
        assert.match(String(r.reason), /EIO/);
      }
    } finally {
      t.close();
    }
  });

  it('a group that reaches its size limit commits at once', async () => {
    const path = freshPath();
    const db = openSqliteFile({ path });
    db.exec('CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO kv (k, v) VALUES (?, ?)');
    const group = new GroupCommit(db, { maxWrites: 10 });
    try {
      const writes = Array.from({ length: 25 }, (_, i) => group.write(() => insert.run(`k${i}`, 'v')));
      assert.equal(group.commits, 2, 'two full groups committed while the writes were asked for');
      await Promise.all(writes);
      assert.equal(group.commits, 3);
    } finally {
      db.close();
    }
  });
});

describe('WAL sync', () => {
  it('one sync serves every caller of an event-loop turn; a caller during a sync waits for the next one', async () => {
    const path = freshPath();
    const store = openSqliteStore({ path });
    try {
      await store.putStepResult('k', 1);
      const syncer = walSyncFor(path)!;
      assert.equal(walSyncFor(path), syncer, 'one syncer per file');
      const before = syncer.syncs;
      await Promise.all(Array.from({ length: 20 }, () => syncer.sync()));
      assert.equal(syncer.syncs - before, 1);
      const first = syncer.sync();
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      const second = syncer.sync();
      await Promise.all([first, second]);
      assert.equal(syncer.syncs - before, 3, 'a call made while a sync may already run gets one of its own');
    } finally {
      await store.close();
    }
    await walSyncFor(path)!.sync();
    assert.equal(walSyncFor(':memory:'), undefined);
  });

  it("syncs the WAL file's directory once per WAL file SQLite creates", async () => {
    const path = freshPath();
    let store = openSqliteStore({ path });
    await store.putStepResult('k', 1);
    const syncer = walSyncFor(path)!;
    const first = syncer.directorySyncs;
    assert.ok(first >= 1, 'the new WAL file is made durable in its directory');
    await store.putStepResult('k2', 2);
    await syncer.sync();
    assert.equal(syncer.directorySyncs, first, 'the same file needs it once');
    // the last connection closes: SQLite checkpoints and removes the WAL; the next write creates a new one
    await store.close();
    store = openSqliteStore({ path });
    try {
      await store.putStepResult('k3', 3);
      assert.equal(syncer.directorySyncs, first + 1);
    } finally {
      await store.close();
    }
  });
});

describe('SQLite store: grouped writes', () => {
  const waId = '4915112345678';
  const id = `106540352242922:${waId}`;

  it('turns running at once share commits, and each sees exactly its own writes', async () => {
    const store = openSqliteStore({ path: freshPath() });
    try {
      const ids = Array.from(
        { length: 40 },
        (_, i) => `106540352242922:49151000${String(i).padStart(5, '0')}`,
      );
      await store.ingest(
        testDelivery(ids.map((c, i) => ingestTextMessage(c.split(':')[1]!, `wamid.G${i}`, `hello ${i}`))),
      );
      const before = store.commits;
      const outcomes = await Promise.all(
        ids.map(async (conversationId) => {
          const lease = (await store.acquireLease(conversationId, 30_000))!;
          const pending = await store.pendingEvents(conversationId);
          const turn = await store.claimTurn({
            conversationId,
            seq: 1,
            eventSeqs: pending.map((e) => e.seq),
            claimedAt: new Date().toISOString(),
            fence: lease.fence,
          });
          const value = await store.putStepResult(`${conversationId}:1:record`, { of: conversationId });
          await store.releaseLease(lease);
          return { turn, value };
        }),
      );
      const writes = ids.length * 4;
      assert.ok(store.commits - before <= 8, `${writes} writes took ${store.commits - before} commits`);
      for (const [i, conversationId] of ids.entries()) {
        assert.deepEqual(outcomes[i]!.value, { of: conversationId });
        assert.deepEqual(outcomes[i]!.turn.eventSeqs.length, 1);
        assert.deepEqual(await store.getStepResult(`${conversationId}:1:record`), { of: conversationId });
      }
    } finally {
      await store.close();
    }
  });

  it('two workers asking for one lease in the same group: exactly one gets it', async () => {
    const store = openSqliteStore({ path: freshPath() });
    try {
      const leases = await Promise.all(Array.from({ length: 10 }, () => store.acquireLease(id, 30_000)));
      assert.equal(leases.filter((l) => l !== undefined).length, 1);
    } finally {
      await store.close();
    }
  });

  it('a stale claim in a group fails alone; the rest of the group is kept', async () => {
    const store = openSqliteStore({ path: freshPath() });
    try {
      await store.ingest(testDelivery([ingestTextMessage(waId, 'wamid.S1', 'Hi')]));
      const lease = (await store.acquireLease(id, 30_000))!;
      const turn = { conversationId: id, seq: 1, eventSeqs: [], claimedAt: new Date().toISOString() };
      const results = await Promise.allSettled([
        store.putStepResult(`${id}:1:a`, 'a'),
        store.claimTurn({ ...turn, fence: lease.fence + 1 }),
        store.putStepResult(`${id}:1:b`, 'b'),
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      );
      assert.ok(results[1]!.status === 'rejected' && isLeadwireError(results[1]!.reason, 'CONFLICT'));
      assert.equal(await store.getTurn(id, 1), undefined);
      assert.equal(await store.getStepResult(`${id}:1:a`), 'a');
      assert.equal(await store.getStepResult(`${id}:1:b`), 'b');
    } finally {
      await store.close();
    }
  });

  it('a step result is readable by another connection when its put resolves', async () => {
    const path = freshPath();
    const store = openSqliteStore({ path });
    const reader = openSqliteStore({ path });
    try {
      const put = store.putStepResult(`${id}:1:intake`, { city: 'Jeddah' });
      assert.equal(await reader.getStepResult(`${id}:1:intake`), undefined, 'not committed yet');
      await put;
      assert.deepEqual(await reader.getStepResult(`${id}:1:intake`), { city: 'Jeddah' });
    } finally {
      await reader.close();
      await store.close();
    }
  });
});

describe('one connection per file and thread', () => {
  const id = '106540352242922:4915112345678';
  it("the store's, the assignments' and the queue's tables share one connection, and their writes one commit", async () => {
    const path = freshPath();
    const store = openSqliteStore({ path });
    const assignments = openSqliteAssignments({ path });
    const queue = openEmbeddedQueue({ path });
    try {
      const before = store.commits;
      const [lease, assigned] = await Promise.all([
        store.acquireLease(id, 30_000),
        assignments.assign({
          tenantId: 'tenant-a',
          conversationId: id,
          assignee: { kind: 'user', id: 'u-alice', name: 'Alice' },
          source: 'routing',
          urgent: false,
          at: Date.now(),
          expectedVersion: 0,
        }),
      ]);
      assert.ok(lease !== undefined);
      assert.equal(assigned.status, 'assigned');
      assert.equal(store.commits - before, 1, 'one commit for both tables');
      await assignments.close(id, assigned.assignment.version);
      assert.equal(store.commits - before, 2, "the assignments' write alone is a commit of the same group");
      await queue.scheduleTurn(id);
      // another connection (another thread or process) sees all of it committed
      const other = new DatabaseSync(path, { readOnly: true });
      try {
        assert.equal((other.prepare('SELECT count(*) AS n FROM leases').get() as { n: number }).n, 1);
        assert.equal((other.prepare('SELECT count(*) AS n FROM assignments').get() as { n: number }).n, 1);
        assert.equal((other.prepare('SELECT count(*) AS n FROM queue_jobs').get() as { n: number }).n, 1);
      } finally {
        other.close();
      }
    } finally {
      await assignments.shutdown();
      await queue.close();
    }
    // the connection stays open for the last of them
    assert.equal((await store.pendingEvents(id)).length, 0);
    await store.close();
  });

  it('a file closed by its last user opens anew for the next', async () => {
    const path = freshPath();
    const first = openSqliteStore({ path });
    await first.acquireLease(id, 30_000);
    await first.close();
    const second = openSqliteStore({ path });
    try {
      assert.equal(await second.acquireLease(id, 30_000), undefined, 'the lease taken before is still held');
    } finally {
      await second.close();
    }
  });
});

describe('the write-ahead log', () => {
  it('is folded into the file by the commit that takes it past 4000 pages, not 1000', () => {
    const path = freshPath();
    const db = openSqliteFile({ path, synchronous: 'NORMAL' });
    try {
      db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
      const insert = db.prepare('INSERT INTO blobs (body) VALUES (?)');
      const page = 4096;
      const body = new Uint8Array(page - 200).fill(7);
      /** commits `pages` pages' worth of rows, 50 a transaction */
      const write = (pages: number) => {
        for (let done = 0; done < pages; done += 50) {
          db.exec('BEGIN');
          for (let i = 0; i < 50; i++) insert.run(body);
          db.exec('COMMIT');
        }
      };
      assert.equal(WAL_AUTOCHECKPOINT_PAGES, 4000);
      write(2000);
      assert.ok(statSync(path).size < 100 * page, 'nothing folded into the file at 2000 pages');
      assert.ok(statSync(`${path}-wal`).size > 2000 * page);
      write(2500);
      assert.ok(statSync(path).size > 3500 * page, 'folded once the WAL passed 4000 pages');
    } finally {
      db.close();
    }
  });
});
