// One way to open the embedded SQLite file, shared by every table owner (store, queue, assignments, secrets,
// rate limiter, write ledger): the directory is created, busy_timeout is set BEFORE switching to WAL
// (switching takes a lock another connection may hold), and the durability level is explicit.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
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
