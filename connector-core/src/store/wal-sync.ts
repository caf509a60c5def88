// Durability off the event loop: a connection in WAL mode with `synchronous NORMAL` commits without an fsync;
// syncing the `-wal` file afterwards (on libuv's thread pool, so the thread goes on with other work meanwhile)
// makes every commit written before that sync as durable as `synchronous FULL` would have — FULL's one fsync of
// the WAL per commit, taken once for all the commits in between. Callers are answered only after it returned.
// One syncer per file and thread serves every connection on the file (store, assignments, CRM ledger): an fsync
// flushes the file whoever wrote it. The first sync of a WAL file (SQLite creates it at the first write and again
// after the last connection removed it) also syncs its directory, so the file itself survives a crash.
// The WAL file stays open between syncs: a sync costs a look at the path (is it still that file?) and the sync
// itself, not an open, a stat and a close too (a busy worker syncs after most event-loop turns).
import { type FileHandle, open, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export class WalSync {
  readonly #walPath: string;
  /** the sync running now, if any */
  #running: Promise<void> | undefined;
  /** the sync every caller joins until it starts (after the running one, at the end of this event-loop turn) */
  #pending: Promise<void> | undefined;
  #syncs = 0;
  #directorySyncs = 0;
  /** the WAL file (inode and birth time: a new file may reuse the inode) whose directory entry is durable */
  #durableFile: string | undefined;
  /**
   * The WAL file as opened by the last sync, and its inode. While it is held open no other file can take that
   * inode, so the path showing another one means SQLite removed the file and created a new one. (A file SQLite
   * removed stays open here until the next sync of the path: one descriptor per database file and thread.)
   */
  #file: { handle: FileHandle; ino: number; id: string | undefined } | undefined;

  constructor(databasePath: string) {
    this.#walPath = `${databasePath}-wal`;
  }

  /** Syncs started so far (for tests and benchmarks). */
  get syncs(): number {
    return this.#syncs;
  }

  /** Syncs of the WAL file's directory so far: one per WAL file SQLite created (for tests). */
  get directorySyncs(): number {
    return this.#directorySyncs;
  }

  /** Resolves once everything committed to the file before this call is on stable storage. */
  sync(): Promise<void> {
    // A running sync may have started before the caller's commit: only one that starts after it counts. Every
    // commit of this turn (the store's, the assignments', the CRM ledger's) joins the same one.
    this.#pending ??= (this.#running ?? Promise.resolve())
      .catch(() => {})
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => {
        this.#pending = undefined;
        const running = this.#syncOnce();
        this.#running = running;
        return running.finally(() => {
          if (this.#running === running) this.#running = undefined;
        });
      });
    return this.#pending;
  }

  async #syncOnce(): Promise<void> {
    this.#syncs++;
    const file = await this.#walFile();
    // No WAL: the last connection closed and SQLite checkpointed it into the database (and synced that) first.
    if (file === undefined) return;
    await file.handle.datasync();
    if (file.id === undefined || file.id !== this.#durableFile) {
      const directory = await open(dirname(this.#walPath), 'r');
      try {
        await directory.sync();
      } finally {
        await directory.close();
      }
      this.#directorySyncs++;
      this.#durableFile = file.id;
    }
  }

  /** The WAL file at the path now: the one held open, or the new one SQLite created (opened, the old closed). */
  async #walFile(): Promise<{ handle: FileHandle; ino: number; id: string | undefined } | undefined> {
    const held = this.#file;
    const now = await stat(this.#walPath).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    });
    if (held !== undefined && now !== undefined && now.ino === held.ino) return held;
    this.#file = undefined;
    await held?.handle.close().catch(() => {});
    if (now === undefined) return undefined;
    let handle: FileHandle;
    try {
      handle = await open(this.#walPath, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      // the file opened, which may already be newer than the one the path showed
      const { ino, birthtimeMs } = await handle.stat();
      // without a birth time (a file system that keeps none) the directory is synced every time
      const file = { handle, ino, id: birthtimeMs > 0 ? `${ino}:${birthtimeMs}` : undefined };
      this.#file = file;
      return file;
    } catch (error) {
      await handle.close().catch(() => {});
      throw error;
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
