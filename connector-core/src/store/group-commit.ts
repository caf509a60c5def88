// Group commit for one SQLite connection: writes asked for in the same event-loop turn run together in one
// transaction, so a busy worker pays one commit (one fsync with `synchronous FULL`) for all of them instead of
// one each. Each write runs in a savepoint of its own: one that fails is rolled back alone and fails only its
// caller. No caller's promise settles before COMMIT returned; when the transaction itself fails (BEGIN, COMMIT,
// or SQLite rolling it back after an I/O error), every write in it fails and nothing of it is kept.
// The transaction never outlives the synchronous flush: other connections (the queue's, the CRM ledger's) in
// the same thread never wait on a lock this one holds across an `await`. With `synchronous FULL`, the commit
// itself does not fsync: the WAL is synced afterwards off the event loop (see wal-sync.ts), and the group's
// callers are answered once that sync returned; writes asked for meanwhile go in the next group.
import type { DatabaseSync } from 'node:sqlite';
import { LeadwireError } from '../model/errors.ts';
import { type SqliteFileOptions, shareSqliteFile } from './sqlite-file.ts';
import { walSyncFor } from './wal-sync.ts';

export interface GroupCommitOptions {
  /** a group that reaches this many writes commits at once instead of at the end of the turn (default 256) */
  maxWrites?: number;
  /** makes a committed group durable before its callers are answered (default: the commit already is) */
  sync?: () => Promise<void>;
}

/** The group of each shared connection and durability: the store's, the assignments' and the ledger's writes share one. */
const sharedGroups = new WeakMap<DatabaseSync, Map<string, GroupCommit>>();

/**
 * Opens `path` for writes through a GroupCommit. With `synchronous FULL` (the default) the connection commits
 * without an fsync and the group syncs the WAL before answering: the same durability, without holding the thread.
 * Every owner in this thread asking for the same file and durability gets the same connection (shareSqliteFile)
 * and the same group: the writes of one event-loop turn, whoever asked for them, are one commit and one sync.
 * `release` when done (after a last `flush`); the connection closes with its last user.
 */
export function openGroupCommitted(options: SqliteFileOptions & Pick<GroupCommitOptions, 'maxWrites'>): {
  db: DatabaseSync;
  group: GroupCommit;
  release(): void;
} {
  const synchronous = options.synchronous ?? 'FULL';
  const syncer = synchronous === 'FULL' ? walSyncFor(options.path) : undefined;
  const { db, release } = shareSqliteFile(options.path);
  let groups = sharedGroups.get(db);
  if (groups === undefined) {
    groups = new Map();
    sharedGroups.set(db, groups);
  }
  let group = groups.get(synchronous);
  if (group === undefined) {
    group = new GroupCommit(db, {
      ...(options.maxWrites === undefined ? {} : { maxWrites: options.maxWrites }),
      ...(syncer === undefined ? {} : { sync: () => syncer.sync() }),
    });
    groups.set(synchronous, group);
  }
  return { db, group, release };
}

interface QueuedWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** the error the caller gets when the whole group fails (default: TEMPORARY, naming the cause) */
  failure?: ((error: unknown) => Error) | undefined;
}

type Outcome = { value: unknown } | { error: unknown };

export class GroupCommit {
  readonly #db: DatabaseSync;
  readonly #maxWrites: number;
  readonly #sync: (() => Promise<void>) | undefined;
  readonly #sql;
  #queue: QueuedWrite[] = [];
  #scheduled = false;
  #commits = 0;

  constructor(db: DatabaseSync, options: GroupCommitOptions = {}) {
    this.#db = db;
    this.#maxWrites = options.maxWrites ?? 256;
    this.#sync = options.sync;
    this.#sql = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      savepoint: db.prepare('SAVEPOINT grouped_write'),
      release: db.prepare('RELEASE grouped_write'),
      rollbackTo: db.prepare('ROLLBACK TO grouped_write'),
    };
  }

  /** Transactions committed so far (each holding one or more writes). */
  get commits(): number {
    return this.#commits;
  }

  /**
   * Runs `work` (synchronous SQL on this connection) in the next group; resolves with what it returned once the
   * group committed. `failure` maps the cause of a failed group to the error this caller gets.
   */
  write<T>(work: () => T, failure?: (error: unknown) => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject, failure });
      if (this.#queue.length >= this.#maxWrites) this.flush();
      else if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every queued write now, in the order they were asked for. */
  flush(): void {
    this.#scheduled = false;
    const group = this.#queue;
    this.#queue = [];
    if (group.length === 0) return;
    const sql = this.#sql;
    const outcomes: Outcome[] = [];
    try {
      sql.begin.run();
      for (const write of group) {
        sql.savepoint.run();
        try {
          const value = write.work();
          sql.release.run();
          outcomes.push({ value });
        } catch (error) {
          // SQLite may have rolled the whole transaction back (an I/O error, a full disk): the group fails.
          if (!this.#db.isTransaction) throw error;
          sql.rollbackTo.run();
          sql.release.run();
          outcomes.push({ error });
        }
      }
      sql.commit.run();
      this.#commits++;
    } catch (error) {
      try {
        if (this.#db.isTransaction) sql.rollback.run();
      } catch {
        // the connection is broken; every caller hears of it below
      }
      this.#fail(group, error);
      return;
    }
    const settle = () =>
      group.forEach((write, i) => {
        const outcome = outcomes[i]!;
        if ('value' in outcome) write.resolve(outcome.value);
        else write.reject(outcome.error);
      });
    if (this.#sync === undefined) settle();
    // A failed sync leaves it unknown whether the group survives a power loss: its callers hear it failed, and
    // try again (every write of the store is idempotent).
    else this.#sync().then(settle, (error: unknown) => this.#fail(group, error));
  }

  #fail(group: QueuedWrite[], error: unknown): void {
    for (const write of group) write.reject(write.failure?.(error) ?? groupFailure(error));
  }
}

function groupFailure(error: unknown): LeadwireError {
  const reason = error instanceof Error ? error.message : String(error);
  return new LeadwireError('TEMPORARY', `the SQLite store could not commit the write: ${reason}`, {
    cause: error,
  });
}
