// One way to open the embedded SQLite file, shared by every table owner (store, queue, assignments, secrets,
// rate limiter, write ledger): the directory is created, busy_timeout is set BEFORE switching to WAL
// (switching takes a lock another connection may hold), and the durability level is explicit.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

/** How long a statement waits for another connection's write lock (the store, the queue) before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

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
