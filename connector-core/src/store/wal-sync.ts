// Durability off the event loop: a connection in WAL mode with `synchronous NORMAL` commits without an fsync;
// syncing the `-wal` file afterwards (on libuv's thread pool, so the thread goes on with other work meanwhile)
// makes every commit written before that sync as durable as `synchronous FULL` would have — FULL's one fsync of
// the WAL per commit, taken once for all the commits in between. Callers are answered only after it returned.
// One syncer per file and thread serves every connection on the file (store, assignments, CRM ledger): an fsync
// flushes the file whoever wrote it.
import { type FileHandle, open } from 'node:fs/promises';
import { resolve } from 'node:path';

export class WalSync {
  readonly #walPath: string;
  /** the sync running now, if any */
  #running: Promise<void> | undefined;
  /** the sync that starts when the running one ends: it covers the commits made while that one ran */
  #next: Promise<void> | undefined;

  constructor(databasePath: string) {
    this.#walPath = `${databasePath}-wal`;
  }

  /** Resolves once everything committed to the file before this call is on stable storage. */
  sync(): Promise<void> {
    // A running sync may have started before the caller's commit: only a sync started after it counts.
    if (this.#running === undefined) {
      this.#running = this.#syncOnce().finally(() => {
        this.#running = undefined;
      });
      return this.#running;
    }
    this.#next ??= this.#running
      .catch(() => {})
      .then(() => {
        this.#next = undefined;
        return this.sync();
      });
    return this.#next;
  }

  async #syncOnce(): Promise<void> {
    let file: FileHandle;
    try {
      file = await open(this.#walPath, 'r');
    } catch (error) {
      // No WAL: the last connection closed and SQLite checkpointed it into the database (and synced that) first.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      await file.datasync();
    } finally {
      await file.close();
    }
  }
}

const syncers = new Map<string, WalSync>();

/**
 * The WAL syncer of the database file `path` in this thread (the same one for every connection on the file);
 * undefined for `:memory:`, which has nothing to make durable.
 */
export function walSyncFor(path: string): WalSync | undefined {
  if (path === ':memory:') return undefined;
  const file = resolve(path);
  let syncer = syncers.get(file);
  if (syncer === undefined) {
    syncer = new WalSync(file);
    syncers.set(file, syncer);
  }
  return syncer;
}
