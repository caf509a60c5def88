// The checkpoint thread: a thread that writes leaves folding the WAL into the database file to a thread of its
// own, and checkpoints itself only past a far larger bound, should that thread fall behind.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSqliteFile } from '../src/store/sqlite-file.ts';
import { DEFERRED_AUTOCHECKPOINT_PAGES, startWalCheckpointer } from '../src/store/wal-checkpointer.ts';

const dir = mkdtempSync(join(tmpdir(), 'leadwire-checkpointer-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(dir, `db-${files++}`, 'leadwire.db');

const PAGE = 4096;
/** Commits `pages` pages' worth of rows, 50 per transaction (well past SQLite's default of 1000 pages). */
function writePages(path: string, pages: number) {
  const db = openSqliteFile({ path, synchronous: 'NORMAL' });
  db.exec('CREATE TABLE IF NOT EXISTS blobs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO blobs (body) VALUES (?)');
  const body = new Uint8Array(PAGE - 200).fill(7);
  for (let done = 0; done < pages; done += 50) {
    db.exec('BEGIN');
    for (let i = 0; i < 50; i++) insert.run(body);
    db.exec('COMMIT');
  }
  return db;
}
const autocheckpoint = (db: ReturnType<typeof openSqliteFile>) =>
  Number(db.prepare('PRAGMA wal_autocheckpoint').get()!.wal_autocheckpoint);

describe('WAL checkpoint thread', () => {
  it("folds a writer's WAL into the file while the writer's own commits never checkpoint it", async () => {
    const path = freshPath();
    // An interval far longer than the writes: whatever reaches the file before it came from the writer.
    const checkpointer = (await startWalCheckpointer({ path, intervalMs: 1500 }))!;
    const db = writePages(path, 2000);
    try {
      assert.equal(autocheckpoint(db), DEFERRED_AUTOCHECKPOINT_PAGES);
      assert.ok(statSync(`${path}-wal`).size > 2000 * PAGE, 'the WAL holds every commit');
      assert.ok(statSync(path).size < 100 * PAGE, 'the writer folded nothing into the file');
      for (let waited = 0; statSync(path).size < 2000 * PAGE && waited < 10_000; waited += 50)
        await sleep(50);
      assert.ok(statSync(path).size >= 2000 * PAGE, 'the checkpoint thread folded the WAL into the file');
      assert.ok((await checkpointer.checkpoints()) >= 1);
      assert.equal(db.prepare('SELECT count(*) AS n FROM blobs').get()!.n, 2000);
    } finally {
      db.close();
      await checkpointer.stop();
    }
  });

  it('without the thread, a writer checkpoints as SQLite does by default', async () => {
    const path = freshPath();
    const checkpointer = (await startWalCheckpointer({ path, intervalMs: 60_000 }))!;
    await checkpointer.stop();
    const db = writePages(path, 2000);
    try {
      assert.equal(autocheckpoint(db), 1000);
      assert.ok(statSync(path).size > 900 * PAGE, 'the commit past 1000 pages folded the WAL into the file');
    } finally {
      db.close();
    }
  });

  it('only for the file it checkpoints', async () => {
    const path = freshPath();
    const checkpointer = (await startWalCheckpointer({ path, intervalMs: 60_000 }))!;
    const other = openSqliteFile({ path: freshPath() });
    try {
      assert.equal(autocheckpoint(other), 1000);
    } finally {
      other.close();
      await checkpointer.stop();
    }
  });
});
