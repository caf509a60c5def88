// The embedded JobQueue (one-process mode, no Redis): jobs are rows in SQLite, so they survive a restart, and
// one file can serve a gateway process that adds jobs and a worker process that runs them. A claim is an
// IMMEDIATE transaction; a running job holds a lock its heartbeat renews, so when a worker dies (even by
// SIGKILL) the lock lapses and another worker takes the job over as a new attempt.

import { randomBytes, randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { LeadwireError } from '../model/errors.ts';
import { type Clock, systemClock } from '../ports/clock.ts';
import type {
  AddJob,
  DeadLetter,
  Job,
  JobData,
  JobHandler,
  JobQueue,
  QueueCounts,
  QueueOptions,
  WorkerOptions,
} from '../ports/job-queue.ts';
import { TURN_JOB } from '../ports/job-queue.ts';
import { inTransaction, shareSqliteFile } from '../store/sqlite-file.ts';
import { queueDefaults, retryDecision } from './retry-policy.ts';

export interface EmbeddedQueueOptions extends QueueOptions {
  /** the SQLite file; the store may use the same file (this queue's tables are prefixed `queue_`) */
  path: string;
  /** source of "now" for run times, debounce and locks (default: the system clock) */
  clock?: Clock;
  /** how often to look for jobs added by other processes or falling due (default 50) */
  pollMs?: number;
  /** called when a poll fails (e.g. the file stayed locked past busy_timeout); default: a process warning */
  onError?: (error: unknown) => void;
}

type JobState = 'waiting' | 'active' | 'dead';

interface JobRow {
  id: string;
  name: string;
  data: string;
  state: JobState;
  run_at: number;
  first_at: number;
  dedup_key: string | null;
  attempts: number;
  locked_until: number | null;
  lock_token: string | null;
  priority_at: number | null;
  code: string | null;
  reason: string | null;
  failed_at: number | null;
}

// Delayed is not a state: a waiting row whose run_at is still ahead.
const schema = `
CREATE TABLE IF NOT EXISTS queue_jobs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  data TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('waiting', 'active', 'dead')),
  run_at INTEGER NOT NULL,
  first_at INTEGER NOT NULL,
  dedup_key TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  lock_token TEXT,
  code TEXT,
  reason TEXT,
  failed_at INTEGER
) STRICT;
CREATE INDEX IF NOT EXISTS queue_jobs_by_due ON queue_jobs (state, run_at);
CREATE INDEX IF NOT EXISTS queue_jobs_by_dedup ON queue_jobs (dedup_key, state) WHERE dedup_key IS NOT NULL;
`;

/**
 * Due jobs run in the order of `priority_at`: a job's due time, but for a turn the time its conversation's first
 * turn was scheduled. In a burst, a conversation under way (a customer answering the agent, about to become a
 * Lead) then goes before conversations that have not started, instead of every customer's next turn waiting
 * behind everyone's previous one. Files from before the column get it, filled with the due time.
 */
function migratePriority(db: DatabaseSync): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('queue_jobs')").all();
  if (!columns.some((column) => column.name === 'priority_at')) {
    db.exec(`BEGIN IMMEDIATE;
      ALTER TABLE queue_jobs ADD COLUMN priority_at INTEGER;
      UPDATE queue_jobs SET priority_at = run_at;
      COMMIT;`);
  }
  db.exec('CREATE INDEX IF NOT EXISTS queue_jobs_by_priority ON queue_jobs (state, priority_at)');
}

/** A conversation whose last turn was scheduled longer ago than this starts again (a returning customer). */
const CONVERSATION_GAP_MS = 30 * 60_000;
/** The most conversations whose start this process remembers (the oldest are forgotten first). */
const MAX_REMEMBERED_CONVERSATIONS = 100_000;

/**
 * Job ids that sort by creation time: new rows land at the end of the primary-key index instead of on a
 * random page, which halves the cost of a commit under load (random keys dirty a page per insert).
 */
function timeOrderedId(now: number): string {
  idCounter = (idCounter + 1) % 1_679_616;
  return `${now.toString(36).padStart(9, '0')}-${processTag}-${idCounter.toString(36).padStart(4, '0')}`;
}
/** Tells this process's ids from another's (a gateway and a worker may add to the same file). */
const processTag = randomBytes(6).toString('hex');
let idCounter = 0;

export function openEmbeddedQueue(options: EmbeddedQueueOptions): EmbeddedQueue {
  return new EmbeddedQueue(options);
}

export class EmbeddedQueue implements JobQueue {
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #release: () => void;
  readonly #clock: Clock;
  readonly #options: Required<QueueOptions>;
  readonly #pollMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #sql: ReturnType<typeof prepare>;
  readonly #running = new Set<Promise<void>>();
  #handlers: Record<string, JobHandler> | undefined;
  #concurrency = 0;
  #timer: NodeJS.Timeout | undefined;
  #wakePending = false;
  #turnCalls = new Map<string, Array<{ resolve: () => void; reject: (error: unknown) => void }>>();
  /** what finished jobs write (done, retry, dead letter): made in the next poll's transaction, together */
  #finished: Array<() => void> = [];
  /** turn dedup key → when this process first scheduled the conversation's turns, and last did */
  #conversationSince = new Map<string, { since: number; last: number }>();

  constructor(options: EmbeddedQueueOptions) {
    this.path = options.path;
    this.#clock = options.clock ?? systemClock;
    this.#pollMs = options.pollMs ?? 50;
    this.#onError =
      options.onError ?? ((error) => process.emitWarning(`leadwire embedded queue: ${String(error)}`));
    this.#options = {
      debounceMs: options.debounceMs ?? queueDefaults.debounceMs,
      maxWaitMs: options.maxWaitMs ?? queueDefaults.maxWaitMs,
      attempts: options.attempts ?? queueDefaults.attempts,
      backoffMs: options.backoffMs ?? queueDefaults.backoffMs,
      maxBackoffMs: options.maxBackoffMs ?? queueDefaults.maxBackoffMs,
      lockMs: options.lockMs ?? queueDefaults.lockMs,
    };
    // Other processes (and the store's connection) write the same file: busy_timeout waits instead of failing.
    // the connection the store and the other tables of this thread use (see shareSqliteFile)
    const file = shareSqliteFile(options.path);
    this.#db = file.db;
    this.#release = file.release;
    this.#db.exec(schema);
    migratePriority(this.#db);
    this.#sql = prepare(this.#db);
  }

  /**
   * Calls made in the same tick are written in one transaction (the ingester schedules a turn per delivery,
   * and one SQLite commit per call would cost more than the rest of ingesting it).
   */
  scheduleTurn(conversationId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiters = this.#turnCalls.get(conversationId);
      if (waiters === undefined) this.#turnCalls.set(conversationId, [{ resolve, reject }]);
      else waiters.push({ resolve, reject });
      if (this.#turnCalls.size === 1 && waiters === undefined) setImmediate(() => this.#flushTurnCalls());
    });
  }

  #flushTurnCalls(): void {
    const calls = this.#turnCalls;
    if (calls.size === 0) return;
    this.#turnCalls = new Map();
    const settle = (error?: unknown): void => {
      for (const waiters of calls.values()) {
        for (const { resolve, reject } of waiters) error === undefined ? resolve() : reject(error);
      }
    };
    try {
      this.#transaction(() => {
        for (const conversationId of calls.keys()) this.#scheduleTurnNow(conversationId);
      });
    } catch (error) {
      settle(error);
      return;
    }
    settle();
    this.#wake();
  }

  #scheduleTurnNow(conversationId: string): void {
    const key = `turn:${conversationId}`;
    const { debounceMs, maxWaitMs } = this.#options;
    const now = this.#clock.now();
    const waiting = this.#sql.waitingByKey.get(key) as
      | Pick<JobRow, 'id' | 'first_at' | 'attempts'>
      | undefined;
    const since = this.#sinceOf(key, now);
    if (waiting === undefined) {
      // Also when a turn of this conversation is running: this row is its one follow-up.
      const data = JSON.stringify({ conversationId });
      this.#sql.insert.run(timeOrderedId(now), TURN_JOB, data, now + debounceMs, now, key, since);
    } else if (waiting.attempts === 0) {
      this.#sql.setRunAt.run(Math.min(now + debounceMs, waiting.first_at + maxWaitMs), waiting.id);
    }
    // A turn waiting for a retry keeps its backoff; the new messages are pending events it will see.
  }

  /** When the conversation of turn key `key` got its first turn scheduled here (`now` for one starting now). */
  #sinceOf(key: string, now: number): number {
    const known = this.#conversationSince.get(key);
    const since = known !== undefined && now - known.last <= CONVERSATION_GAP_MS ? known.since : now;
    // Re-inserted so the map stays ordered by last use: the least recently active are forgotten first.
    this.#conversationSince.delete(key);
    this.#conversationSince.set(key, { since, last: now });
    if (this.#conversationSince.size > MAX_REMEMBERED_CONVERSATIONS) {
      const oldest = this.#conversationSince.keys().next().value;
      if (oldest !== undefined) this.#conversationSince.delete(oldest);
    }
    return since;
  }

  async add(job: AddJob): Promise<string> {
    const now = this.#clock.now();
    const id = job.id ?? timeOrderedId(now);
    // An id already present (waiting, delayed, running or dead) makes this a no-op.
    const runAt = now + (job.delayMs ?? 0);
    this.#sql.insert.run(id, job.name, JSON.stringify(job.data), runAt, now, null, runAt);
    this.#wake();
    return id;
  }

  async cancel(id: string): Promise<boolean> {
    return Number(this.#sql.cancel.run(id).changes) > 0;
  }

  start(handlers: Record<string, JobHandler>, options: WorkerOptions = {}): void {
    if (this.#handlers !== undefined) throw new Error('the embedded queue is already started');
    this.#handlers = handlers;
    this.#concurrency = options.concurrency ?? 8;
    this.#wake();
  }

  async stop(): Promise<void> {
    this.#handlers = undefined;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await Promise.allSettled([...this.#running]);
    if (this.#finished.length > 0 && this.#db.isOpen) this.#withFinished(() => undefined);
  }

  async deadLetters(): Promise<DeadLetter[]> {
    const rows = this.#sql.dead.all() as unknown as JobRow[];
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      data: JSON.parse(row.data) as JobData,
      attempts: row.attempts,
      code: row.code ?? 'TEMPORARY',
      reason: row.reason ?? '',
      failedAt: row.failed_at ?? 0,
    }));
  }

  async replay(id?: string): Promise<number> {
    const now = this.#clock.now();
    const result = id === undefined ? this.#sql.replayAll.run(now) : this.#sql.replayOne.run(now, id);
    this.#wake();
    return Number(result.changes);
  }

  async counts(): Promise<QueueCounts> {
    const row = this.#sql.counts.get(this.#clock.now()) as Record<keyof QueueCounts, number | null>;
    return {
      waiting: row.waiting ?? 0,
      delayed: row.delayed ?? 0,
      active: row.active ?? 0,
      dead: row.dead ?? 0,
    };
  }

  async ping(): Promise<void> {
    this.#sql.ping.get();
  }

  async close(): Promise<void> {
    this.#flushTurnCalls();
    await this.stop();
    this.#release();
  }

  /** Look for work soon: coalesces the wake-ups of a burst of adds into one poll. */
  #wake(): void {
    if (this.#handlers === undefined || this.#wakePending) return;
    this.#wakePending = true;
    setImmediate(() => {
      this.#wakePending = false;
      this.#poll();
    });
  }

  #poll(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const handlers = this.#handlers;
    if (handlers === undefined) return;
    const claims = this.#withFinished(() => this.#claim(this.#concurrency - this.#running.size)) ?? [];
    for (const claimed of claims) {
      const run = this.#run(claimed, handlers).finally(() => {
        this.#running.delete(run);
        this.#wake();
      });
      this.#running.add(run);
    }
    // A full worker is woken by its next finished job; otherwise poll for other processes' adds and due jobs.
    if (this.#running.size < this.#concurrency) {
      this.#timer = setTimeout(() => this.#poll(), this.#nextPollMs());
    }
  }

  #nextPollMs(): number {
    try {
      const now = this.#clock.now();
      const next = (this.#sql.nextDue.get(now) as { run_at: number | null }).run_at;
      return next === null ? this.#pollMs : Math.max(1, Math.min(this.#pollMs, next - now));
    } catch {
      return this.#pollMs;
    }
  }

  /**
   * In a transaction: take up to `count` jobs, the next due first (or one whose worker's lock lapsed), and lock
   * them; a try that never finished counts. The jobs a group commit finished together are replaced in one
   * commit of this connection, not one each.
   */
  #claim(count: number): Array<{ row: JobRow; token: string }> {
    const claimed: Array<{ row: JobRow; token: string }> = [];
    while (claimed.length < count) {
      const now = this.#clock.now();
      const wanted = count - claimed.length;
      const rows = this.#claimable(now, wanted);
      let deadLettered = false;
      for (const row of rows) {
        const attempt = row.attempts + 1;
        if (attempt <= this.#options.attempts) {
          const token = randomUUID();
          this.#sql.lock.run(attempt, now + this.#options.lockMs, token, row.id);
          claimed.push({ row: { ...row, attempts: attempt }, token });
          continue;
        }
        const reason = `its worker stopped during attempt ${row.attempts} (the lock expired) and no attempts are left`;
        this.#sql.deadLetterUnlocked.run('TEMPORARY', reason, now, row.id);
        deadLettered = true;
      }
      // Fewer than wanted means none are left, unless a dead letter freed its key's next job: look again then.
      if (rows.length < wanted && !deadLettered) break;
    }
    return claimed;
  }

  /**
   * Runs `work` in one transaction after what the jobs finished since the last one write (one of those that
   * fails is reported alone). When the transaction fails, it is reported and the finished jobs' writes wait for
   * the next one; undefined is returned.
   */
  #withFinished<T>(work: () => T): T | undefined {
    const finished = this.#finished;
    this.#finished = [];
    try {
      return this.#transaction(() => {
        for (const write of finished) {
          try {
            write();
          } catch (error) {
            // The lock will lapse and another try will run the job again: at-least-once, never lost.
            this.#onError(error);
          }
        }
        return work();
      });
    } catch (error) {
      this.#finished = [...finished, ...this.#finished];
      this.#onError(error);
      return undefined;
    }
  }

  /**
   * Up to `limit` jobs to run, first first: the due jobs and those whose worker's lock lapsed, merged by priority
   * (a due job before a lapsed one of the same). One walk of each index for them all: claiming one job never
   * makes another of the list unclaimable (a key's next job waits behind its first, claimed or not).
   */
  #claimable(now: number, limit: number): JobRow[] {
    const due = this.#sql.dueWaiting.all(now, limit) as unknown as JobRow[];
    const lapsed = this.#sql.lapsedActive.all(now, limit) as unknown as JobRow[];
    if (lapsed.length === 0) return due;
    const rows: JobRow[] = [];
    let d = 0;
    let l = 0;
    while (rows.length < limit && (d < due.length || l < lapsed.length)) {
      const nextDue = due[d];
      const nextLapsed = lapsed[l];
      const lapsedFirst =
        nextDue === undefined ||
        (nextLapsed !== undefined &&
          (nextLapsed.priority_at ?? nextLapsed.run_at) < (nextDue.priority_at ?? nextDue.run_at));
      if (lapsedFirst) rows.push(lapsed[l++]!);
      else rows.push(due[d++]!);
    }
    return rows;
  }

  async #run(
    { row, token }: { row: JobRow; token: string },
    handlers: Record<string, JobHandler>,
  ): Promise<void> {
    const { lockMs } = this.#options;
    const heartbeat = setInterval(() => {
      try {
        this.#sql.renew.run(this.#clock.now() + lockMs, row.id, token);
      } catch (error) {
        this.#onError(error);
      }
    }, lockMs / 3);
    heartbeat.unref();
    const job: Job = {
      id: row.id,
      name: row.name,
      data: JSON.parse(row.data) as JobData,
      attempt: row.attempts,
    };
    let outcome: unknown;
    let failed = false;
    try {
      const handler = handlers[row.name];
      if (handler === undefined) {
        throw new LeadwireError('VALIDATION', `no handler for job "${row.name}" in this worker`);
      }
      await handler(job);
    } catch (thrown) {
      failed = true;
      outcome = thrown;
    } finally {
      clearInterval(heartbeat);
    }
    // Written with the next claims (the job's `finally` wakes the poll). The token fences a worker whose lock
    // lapsed: its late result must not touch the new owner's row.
    if (!failed) {
      this.#finished.push(() => this.#sql.complete.run(row.id, token));
      return;
    }
    const now = this.#clock.now();
    this.#finished.push(() => {
      const decision = retryDecision(outcome, row.attempts, this.#options);
      const { code, message } = decision.error;
      if (decision.retry) this.#sql.retry.run(now + decision.delayMs, code, message, row.id, token);
      else this.#sql.deadLetter.run(code, message, now, row.id, token);
    });
  }

  #transaction<T>(work: () => T): T {
    return inTransaction(this.#db, this.#sql, work);
  }
}

function prepare(db: DatabaseSync) {
  const sql = (text: string): StatementSync => db.prepare(text);
  return {
    begin: sql('BEGIN IMMEDIATE'),
    commit: sql('COMMIT'),
    rollback: sql('ROLLBACK'),
    insert: sql(`INSERT INTO queue_jobs (id, name, data, state, run_at, first_at, dedup_key, priority_at)
      VALUES (?, ?, ?, 'waiting', ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`),
    waitingByKey: sql(
      // A fresh turn first: when one is queued behind a retrying turn, new calls debounce the fresh one.
      `SELECT id, first_at, attempts FROM queue_jobs WHERE dedup_key = ? AND state = 'waiting'
       ORDER BY attempts > 0, rowid LIMIT 1`,
    ),
    setRunAt: sql('UPDATE queue_jobs SET run_at = ? WHERE id = ?'),
    cancel: sql(`DELETE FROM queue_jobs WHERE id = ? AND state = 'waiting'`),
    // One job per dedup key at a time, in order: a waiting turn stays put while its conversation's turn runs
    // or waits out a retry (as BullMQ's keepLastIfActive adds the follow-up only when the first one is done).
    // Two queries, each walking an index in order and stopping at its first row (one query with OR sorted every
    // waiting job on each claim).
    dueWaiting: sql(`SELECT * FROM queue_jobs AS j INDEXED BY queue_jobs_by_priority
      WHERE j.state = 'waiting' AND j.run_at <= ?
        AND (j.dedup_key IS NULL OR NOT EXISTS (
          SELECT 1 FROM queue_jobs AS a WHERE a.dedup_key = j.dedup_key AND a.id != j.id
            AND (a.state = 'active' OR (a.state = 'waiting' AND a.rowid < j.rowid))))
      ORDER BY j.priority_at, j.rowid LIMIT ?`),
    lapsedActive: sql(`SELECT * FROM queue_jobs WHERE state = 'active' AND locked_until <= ?
      ORDER BY priority_at, rowid LIMIT ?`),
    nextDue: sql(`SELECT min(run_at) AS run_at FROM queue_jobs WHERE state = 'waiting' AND run_at > ?`),
    lock: sql(
      `UPDATE queue_jobs SET state = 'active', attempts = ?, locked_until = ?, lock_token = ? WHERE id = ?`,
    ),
    renew: sql('UPDATE queue_jobs SET locked_until = ? WHERE id = ? AND lock_token = ?'),
    complete: sql('DELETE FROM queue_jobs WHERE id = ? AND lock_token = ?'),
    retry: sql(`UPDATE queue_jobs SET state = 'waiting', run_at = ?, code = ?, reason = ?,
      locked_until = NULL, lock_token = NULL WHERE id = ? AND lock_token = ?`),
    deadLetter: sql(`UPDATE queue_jobs SET state = 'dead', code = ?, reason = ?, failed_at = ?,
      locked_until = NULL, lock_token = NULL WHERE id = ? AND lock_token = ?`),
    deadLetterUnlocked: sql(`UPDATE queue_jobs SET state = 'dead', code = ?, reason = ?, failed_at = ?,
      locked_until = NULL, lock_token = NULL WHERE id = ?`),
    dead: sql(`SELECT * FROM queue_jobs WHERE state = 'dead' ORDER BY failed_at, rowid`),
    replayAll:
      sql(`UPDATE queue_jobs SET state = 'waiting', attempts = 0, run_at = ?1, first_at = ?1, priority_at = ?1,
      code = NULL, reason = NULL, failed_at = NULL WHERE state = 'dead'`),
    replayOne:
      sql(`UPDATE queue_jobs SET state = 'waiting', attempts = 0, run_at = ?1, first_at = ?1, priority_at = ?1,
      code = NULL, reason = NULL, failed_at = NULL WHERE state = 'dead' AND id = ?2`),
    counts: sql(`SELECT
        sum(state = 'waiting' AND run_at <= ?1) AS waiting,
        sum(state = 'waiting' AND run_at > ?1) AS delayed,
        sum(state = 'active') AS active,
        sum(state = 'dead') AS dead
      FROM queue_jobs`),
    ping: sql('SELECT 1'),
  };
}
