// One way to open the embedded SQLite file, shared by every table owner (store, queue, assignments, secrets,
// rate limiter, write ledger): the directory is created, busy_timeout is set BEFORE switching to WAL
// (switching takes a lock another connection may hold), and the durability level is explicit.
// Within a thread, the table owners that commit with `synchronous NORMAL` share one connection to a file
// (shareSqliteFile): see there why.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

/** How long a statement waits for another connection's write lock (the store, the queue) before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * The WAL size, in pages, at which a commit folds it into the database file (SQLite's default is 1000). That
 * commit copies the pages and fsyncs the WAL and the file, holding its thread; a busy worker's turns rewrite the
 * same index and queue pages over and over, so folding 4000 pages at a time copies each of those once instead of
 * four times and syncs a quarter as often: a Salesforce burst drained 15 % faster with it (the WAL then grows
 * to 16 MB before it starts over).
 */
export const WAL_AUTOCHECKPOINT_PAGES = 4000;

export interface SqliteFileOptions {
  path: string;
  /** `FULL` fsyncs every commit and survives power loss; `NORMAL` survives a process crash, faster */
  synchronous?: 'FULL' | 'NORMAL';
}

export function openSqliteFile(options: SqliteFileOptions): DatabaseSync {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new DatabaseSync(options.path);
  db.exec(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${options.synchronous ?? 'FULL'}`);
  db.exec('PRAGMA temp_store = MEMORY');
  db.exec(`PRAGMA wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  return db;
}

/** The three statements of a write transaction, prepared once per connection. */
export interface TransactionStatements {
  begin: StatementSync;
  commit: StatementSync;
  rollback: StatementSync;
}

/** Runs `work` in one write transaction (synchronous, so no other call on the connection can interleave). */
export function inTransaction<T>(db: DatabaseSync, statements: TransactionStatements, work: () => T): T {
  statements.begin.run();
  try {
    const result = work();
    statements.commit.run();
    return result;
  } catch (error) {
    if (db.isTransaction) statements.rollback.run();
    throw error;
  }
}

/** A connection to a database file shared within this thread; `release` closes it once its last user did. */
export interface SharedSqliteFile {
  db: DatabaseSync;
  release(): void;
}

const sharedFiles = new Map<string, { db: DatabaseSync; users: number }>();

/**
 * This thread's connection to `path` with `synchronous NORMAL`, shared by every table owner that asks (the store,
 * the queue, the assignments, the CRM ledger and rate limiter of a work thread). With a connection each, every
 * commit of one emptied the others' page caches: SQLite sees another connection's commit and reads its pages
 * again, about 150 file calls a turn. One connection keeps its cache and takes its locks once per transaction.
 * Its statements all run synchronously, so no transaction of one owner ever sees another's half done. A
 * `:memory:` database is private to its connection, so it is never shared.
 */
export function shareSqliteFile(path: string): SharedSqliteFile {
  if (path === ':memory:') {
    const db = openSqliteFile({ path, synchronous: 'NORMAL' });
    return { db, release: () => db.isOpen && db.close() };
  }
  const key = resolve(path);
  let file = sharedFiles.get(key);
  if (file === undefined || !file.db.isOpen) {
    file = { db: openSqliteFile({ path, synchronous: 'NORMAL' }), users: 0 };
    sharedFiles.set(key, file);
  }
  file.users++;
  const shared = file;
  let released = false;
  return {
    db: shared.db,
    release() {
      if (released) return;
      released = true;
      shared.users--;
      if (shared.users > 0) return;
      if (sharedFiles.get(key) === shared) sharedFiles.delete(key);
      if (shared.db.isOpen) shared.db.close();
    },
  };
}
