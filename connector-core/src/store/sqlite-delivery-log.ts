// The delivery log in embedded mode: a SQLite file of its own (so an acknowledgement never waits for the store's
// write lock), appended by the gateway and emptied by the ingester. Receipts that arrive in the same event-loop tick are written in one transaction, so under load a
// commit (and its fsync at synchronous FULL) is shared by every delivery of the tick. A reader claims the rows
// it reads for `claimAfterMs`, so several worker processes on one file ingest different deliveries; rows of a
// reader that died are taken by another once its claim has run out.
import { existsSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { LeadwireError } from '../model/errors.ts';
import type { DeadDelivery, DeliveryLog, DeliveryReceipt, LoggedDelivery } from '../ports/delivery-log.ts';
import { inTransaction, openSqliteFile, SQLITE_BUSY_TIMEOUT_MS } from './sqlite-file.ts';

export interface SqliteDeliveryLogOptions {
  path: string;
  /** `FULL` (default) fsyncs every commit and survives power loss; `NORMAL` survives a process crash */
  synchronous?: 'FULL' | 'NORMAL';
  /** how long rows another reader read stay with it before this one takes them (default 30 s) */
  claimAfterMs?: number;
  /** the source of "now" for claims (default Date.now) */
  now?: () => number;
  /**
   * A file that held the log before (the store's file, before the log had its own): its deliveries and dead
   * letters are moved here on open, in order. Copied first, then deleted there: a crash in between makes
   * duplicates the ingester drops, never a loss.
   */
  movedFrom?: string;
}

const CHECKPOINT_EVERY_MS = 1000;

/** SQLite's "database is locked": another connection holds the write lock. */
function isBusy(error: unknown): boolean {
  return (error as { errcode?: number }).errcode === 5;
}

/** Runs a write, waiting a millisecond at a time (not blocking the thread) while another connection holds the lock. */
async function whenFree<T>(write: () => T): Promise<T> {
  const since = Date.now();
  for (;;) {
    try {
      return write();
    } catch (error) {
      if (!isBusy(error) || Date.now() - since > SQLITE_BUSY_TIMEOUT_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
}

/** A larger tick is committed at once instead of waiting for the next, to bound a transaction's size. */
const MAX_BATCH = 256;

const schema = `
CREATE TABLE IF NOT EXISTS delivery_log (
  seq INTEGER PRIMARY KEY,
  received_at INTEGER NOT NULL,
  signed_by TEXT NOT NULL,
  request_id TEXT NOT NULL,
  raw BLOB NOT NULL,
  claimed_by TEXT,
  claimed_until INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS delivery_log_probe (id INTEGER PRIMARY KEY, at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS delivery_dead_letters (
  id INTEGER PRIMARY KEY,
  received_at INTEGER NOT NULL,
  signed_by TEXT NOT NULL,
  request_id TEXT NOT NULL,
  raw BLOB NOT NULL,
  reason TEXT NOT NULL,
  failed_at INTEGER NOT NULL
);`;

interface PendingAppend {
  receipt: DeliveryReceipt;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function openSqliteDeliveryLog(options: SqliteDeliveryLogOptions): SqliteDeliveryLog {
  return new SqliteDeliveryLog(options);
}

export class SqliteDeliveryLog implements DeliveryLog {
  readonly #db: DatabaseSync;
  readonly #sql;
  readonly #reader = `${process.pid}:${Math.random().toString(36).slice(2, 10)}`;
  readonly #claimAfterMs: number;
  readonly #now: () => number;
  readonly #synchronous: 'FULL' | 'NORMAL';
  #batch: PendingAppend[] = [];
  #checkpointedAt = 0;
  /** a flush waits for the write lock: appends join its batch */
  #waiting = false;
  #closed = false;

  constructor(options: SqliteDeliveryLogOptions) {
    this.#synchronous = options.synchronous ?? 'FULL';
    this.#db = openSqliteFile({ path: options.path, synchronous: this.#synchronous });
    this.#db.exec(schema);
    this.#claimAfterMs = options.claimAfterMs ?? 30_000;
    this.#now = options.now ?? Date.now;
    const sql = (text: string) => this.#db.prepare(text);
    this.#sql = {
      begin: sql('BEGIN IMMEDIATE'),
      commit: sql('COMMIT'),
      rollback: sql('ROLLBACK'),
      append: sql('INSERT INTO delivery_log (received_at, signed_by, request_id, raw) VALUES (?, ?, ?, ?)'),
      // Rows nobody holds, or this reader already holds (read and not consumed), oldest first.
      claimable: sql(
        'SELECT 1 FROM delivery_log WHERE claimed_until <= $now OR claimed_by = $reader LIMIT 1',
      ),
      claim: sql(
        `UPDATE delivery_log SET claimed_by = $reader, claimed_until = $until
         WHERE seq IN (SELECT seq FROM delivery_log WHERE claimed_until <= $now OR claimed_by = $reader
                       ORDER BY seq LIMIT $limit)
         RETURNING seq, received_at, signed_by, request_id, raw`,
      ),
      consume: sql('DELETE FROM delivery_log WHERE seq IN (SELECT value FROM json_each(?))'),
      backlog: sql('SELECT count(*) AS n FROM delivery_log'),
      probe: sql('INSERT OR REPLACE INTO delivery_log_probe (id, at) VALUES (1, ?)'),
      oldest: sql('SELECT received_at FROM delivery_log ORDER BY seq LIMIT 1'),
      deadLetter: sql(
        `INSERT INTO delivery_dead_letters (received_at, signed_by, request_id, raw, reason, failed_at)
         SELECT received_at, signed_by, request_id, raw, ?, ? FROM delivery_log WHERE seq = ?`,
      ),
      deadLetterCount: sql('SELECT count(*) AS n FROM delivery_dead_letters'),
      deadLetters: sql('SELECT * FROM delivery_dead_letters ORDER BY id LIMIT ?'),
      requeue: sql(
        `INSERT INTO delivery_log (received_at, signed_by, request_id, raw)
         SELECT received_at, signed_by, request_id, raw FROM delivery_dead_letters WHERE id = ?`,
      ),
      forget: sql('DELETE FROM delivery_dead_letters WHERE id = ?'),
    };
    if (options.movedFrom !== undefined && options.movedFrom !== options.path)
      this.#moveFrom(options.movedFrom);
    // SQLite's own wait for a lock sleeps the thread (in steps of up to 100 ms), which would stop every
    // acknowledgement on this event loop: writes here find the lock taken at once and wait with a timer instead.
    this.#db.exec('PRAGMA busy_timeout = 0');
    // Nor does an append pay for folding the write-ahead log into the file: the reader does it (after consuming).
    this.#db.exec('PRAGMA wal_autocheckpoint = 0');
  }

  #moveFrom(path: string): void {
    if (path === ':memory:' || !existsSync(path)) return;
    const old = openSqliteFile({ path, synchronous: 'FULL' });
    try {
      const has = (table: string) =>
        old.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
      if (!has('delivery_log')) return;
      const rows = old.prepare('SELECT * FROM delivery_log ORDER BY seq').all();
      const dead = has('delivery_dead_letters')
        ? old.prepare('SELECT * FROM delivery_dead_letters ORDER BY id').all()
        : [];
      if (rows.length === 0 && dead.length === 0) return;
      const insertDead = this.#db.prepare(
        `INSERT INTO delivery_dead_letters (received_at, signed_by, request_id, raw, reason, failed_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      );
      inTransaction(this.#db, this.#sql, () => {
        for (const row of rows)
          this.#sql.append.run(
            row.received_at as number,
            row.signed_by as string,
            row.request_id as string,
            row.raw as Uint8Array,
          );
        for (const row of dead)
          insertDead.run(
            row.received_at as number,
            row.signed_by as string,
            row.request_id as string,
            row.raw as Uint8Array,
            row.reason as string,
            row.failed_at as number,
          );
      });
      old.exec('BEGIN IMMEDIATE');
      old
        .prepare('DELETE FROM delivery_log WHERE seq <= ?')
        .run((rows.at(-1)?.seq as number | undefined) ?? 0);
      if (dead.length > 0)
        old.prepare('DELETE FROM delivery_dead_letters WHERE id <= ?').run(dead.at(-1)!.id as number);
      old.exec('COMMIT');
    } finally {
      old.close();
    }
  }

  append(receipt: DeliveryReceipt): Promise<void> {
    if (this.#closed) return Promise.reject(new LeadwireError('TEMPORARY', 'the delivery log is closed'));
    return new Promise((resolve, reject) => {
      this.#batch.push({ receipt, resolve, reject });
      if (this.#batch.length >= MAX_BATCH) this.#flush();
      else if (this.#batch.length === 1 && !this.#waiting) setImmediate(() => this.#flush());
    });
  }

  /**
   * Commits every receipt of the tick at once; none is acknowledged before COMMIT returned. While another
   * connection (the ingester) holds the write lock, the batch waits a millisecond and tries again, taking the
   * receipts that came meanwhile; after SQLITE_BUSY_TIMEOUT_MS of that it fails.
   */
  #flush(since = Date.now()): void {
    this.#waiting = false;
    const batch = this.#batch;
    this.#batch = [];
    if (batch.length === 0) return;
    const sql = this.#sql;
    try {
      try {
        sql.begin.run();
      } catch (error) {
        if (!isBusy(error) || this.#closed || Date.now() - since > SQLITE_BUSY_TIMEOUT_MS) throw error;
        this.#batch = batch.concat(this.#batch);
        this.#waiting = true;
        setTimeout(() => this.#flush(since), 1);
        return;
      }
      for (const { receipt } of batch) {
        sql.append.run(receipt.receivedAt, receipt.signedBy.join(','), receipt.requestId, receipt.rawBody);
      }
      sql.commit.run();
    } catch (error) {
      if (this.#db.isTransaction) sql.rollback.run();
      const failure = new LeadwireError('TEMPORARY', 'the delivery could not be written to the log', {
        cause: error,
      });
      for (const { reject } of batch) reject(failure);
      return;
    }
    for (const { resolve } of batch) resolve();
  }

  async read(limit: number): Promise<LoggedDelivery[]> {
    const now = this.#now();
    const reader = this.#reader;
    // A read finds nothing most of the time (the ingester polls): only a claim that changes rows writes.
    if (this.#sql.claimable.get({ now, reader }) === undefined) return [];
    const rows = await whenFree(() =>
      this.#withoutFsync(() => this.#sql.claim.all({ now, reader, until: now + this.#claimAfterMs, limit })),
    );
    return rows
      .map((row) => ({
        position: String(row.seq),
        receivedAt: row.received_at as number,
        signedBy: (row.signed_by as string).split(',').filter((id) => id !== ''),
        requestId: row.request_id as string,
        rawBody: Buffer.from(row.raw as Uint8Array),
      }))
      .sort((a, b) => Number(a.position) - Number(b.position));
  }

  async consume(positions: readonly string[]): Promise<void> {
    if (positions.length === 0) return;
    await whenFree(() =>
      this.#withoutFsync(() => this.#sql.consume.run(JSON.stringify(positions.map(Number)))),
    );
    this.#checkpoint();
  }

  /**
   * Runs a reader's write without an fsync: a claim or a removal lost to a power cut only makes the ingester read
   * those deliveries again, which stores nothing twice (and they were stored, durably, before their removal).
   * The reader's thread then never waits on the disk for them; appends keep the file's durability.
   */
  #withoutFsync<T>(write: () => T): T {
    if (this.#synchronous === 'NORMAL') return write();
    this.#db.exec('PRAGMA synchronous = NORMAL');
    try {
      return write();
    } finally {
      this.#db.exec('PRAGMA synchronous = FULL');
    }
  }

  /** At most once a second, what the write-ahead log holds goes into the file, without waiting on anyone. */
  #checkpoint(): void {
    const now = Date.now();
    if (now - this.#checkpointedAt < CHECKPOINT_EVERY_MS) return;
    this.#checkpointedAt = now;
    try {
      this.#db.exec('PRAGMA wal_checkpoint(PASSIVE)');
    } catch (error) {
      if (!isBusy(error)) throw error;
    }
  }

  async backlog(): Promise<number> {
    return Number(this.#sql.backlog.get()!.n);
  }

  async oldestReceivedAt(): Promise<number | undefined> {
    const row = this.#sql.oldest.get();
    return row === undefined ? undefined : Number(row.received_at);
  }

  async deadLetter(entry: LoggedDelivery, reason: string, failedAt: number): Promise<void> {
    await this.#transaction(() => {
      this.#sql.deadLetter.run(reason, failedAt, Number(entry.position));
      this.#sql.consume.run(JSON.stringify([Number(entry.position)]));
    });
  }

  async deadLetterCount(): Promise<number> {
    return Number(this.#sql.deadLetterCount.get()!.n);
  }

  async deadLetters(limit = 1000): Promise<DeadDelivery[]> {
    return this.#sql.deadLetters.all(limit).map((row) => ({
      id: String(row.id),
      receivedAt: Number(row.received_at),
      signedBy: (row.signed_by as string).split(',').filter((id) => id !== ''),
      requestId: row.request_id as string,
      rawBody: Buffer.from(row.raw as Uint8Array),
      reason: row.reason as string,
      failedAt: Number(row.failed_at),
    }));
  }

  async replayDeadLetter(id: string): Promise<boolean> {
    if (!/^\d+$/.test(id)) return false;
    return this.#transaction(() => {
      const moved = this.#sql.requeue.run(Number(id)).changes > 0;
      if (moved) this.#sql.forget.run(Number(id));
      return moved;
    });
  }

  #transaction<T>(work: () => T): Promise<T> {
    return whenFree(() => inTransaction(this.#db, this.#sql, work));
  }

  /** A write, not a read: a full disk or a read-only file fails it, as it fails the gateway's appends. */
  async ping(): Promise<void> {
    if (this.#closed) throw new LeadwireError('TEMPORARY', 'the delivery log is closed');
    await whenFree(() => this.#sql.probe.run(this.#now()));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#flush();
    this.#db.close();
  }
}
