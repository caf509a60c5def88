import type { DatabaseSync, SQLOutputValue } from 'node:sqlite';
import type { Conversation, Turn } from '../model/conversation.ts';
import { LeadwireError } from '../model/errors.ts';
import type { ConversationEvent, InboundEvent, StatusEvent, StatusValue } from '../model/inbound-event.ts';
import { statusRank } from '../model/inbound-event.ts';
import { type Clock, systemClock } from '../ports/clock.ts';
import {
  type CommitTurn,
  conversationEventsLimit,
  type Delivery,
  type IngestResult,
  type Lease,
  type PruneResult,
  type RetentionCutoffs,
  type StatusRecord,
  type Store,
  type StoredEvent,
} from '../ports/store.ts';
import { type GroupCommit, openGroupCommitted } from './group-commit.ts';
import { isConsistentCommit, staleFence, stepResultJson, timestampMs } from './store-rules.ts';

export interface SqliteStoreOptions {
  /** the database file; its directory is created when missing. The embedded queue may share the file. */
  path: string;
  /** `FULL` (default) fsyncs every commit and survives power loss; `NORMAL` survives a process crash, faster */
  synchronous?: 'FULL' | 'NORMAL';
  /** the source of "now" for leases (default: the system clock) */
  clock?: Clock;
}

/** A larger group is committed at once instead of waiting for the end of the tick, to bound a transaction's size. */
const MAX_GROUP_WRITES = 256;
/** Raised with each migration; kept in `store_meta`, not `PRAGMA user_version`, which the queue's tables share. */
const SCHEMA_VERSION = 2;

const schema = `
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, received_at INTEGER NOT NULL, raw BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS deliveries_by_id ON deliveries (id);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  dedup_key TEXT NOT NULL UNIQUE,
  tenant_id TEXT NOT NULL,
  conversation_id TEXT,
  kind TEXT NOT NULL,
  type TEXT NOT NULL,
  wamid TEXT,
  ts_ms INTEGER NOT NULL,
  json TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  committed_turn INTEGER
);
CREATE INDEX IF NOT EXISTS events_inbox ON events (conversation_id, ts_ms, seq)
  WHERE committed_turn IS NULL AND conversation_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_conversation ON events (conversation_id, seq)
  WHERE conversation_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS aliases (key TEXT PRIMARY KEY, conversation_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS statuses (
  wamid TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  rank INTEGER NOT NULL,
  history TEXT NOT NULL,
  event TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, turn_seq INTEGER NOT NULL, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS leases (conversation_id TEXT PRIMARY KEY, fence INTEGER NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS turns (
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);
CREATE TABLE IF NOT EXISTS step_results (key TEXT PRIMARY KEY, json TEXT NOT NULL);
`;

/** Aliases are flattened when written, so chains stay short; the bound only guards against a corrupt file. */
const MAX_ALIAS_HOPS = 16;

function prepareStatements(db: DatabaseSync) {
  const sql = (text: string) => db.prepare(text);
  return {
    // A retried delivery (same body, same id) keeps its first receipt's raw body: once is enough for audit.
    insertDelivery: sql(
      'INSERT INTO deliveries (id, received_at, raw) SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM deliveries WHERE id = ?1)',
    ),
    insertEvent: sql(
      `INSERT OR IGNORE INTO events (dedup_key, tenant_id, conversation_id, kind, type, wamid, ts_ms, json, delivery_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    pendingEvents: sql(
      `SELECT seq, tenant_id, conversation_id, json FROM events
       WHERE conversation_id = ? AND committed_turn IS NULL ORDER BY ts_ms, seq LIMIT ?`,
    ),
    conversationEvents: sql(
      `SELECT seq, tenant_id, conversation_id, json FROM
         (SELECT seq, tenant_id, conversation_id, ts_ms, json FROM events
          WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?)
       ORDER BY ts_ms, seq`,
    ),
    commitEvents: sql(
      `UPDATE events SET committed_turn = ?
       WHERE conversation_id = ? AND committed_turn IS NULL AND seq IN (SELECT value FROM json_each(?))`,
    ),
    countEvents: sql('SELECT count(*) AS n FROM events WHERE ?1 IS NULL OR kind = ?1'),

    getAlias: sql('SELECT conversation_id FROM aliases WHERE key = ?'),
    firstEventOf: sql('SELECT MIN(seq) AS seq FROM events WHERE conversation_id = ?'),
    movePending: sql(
      'UPDATE events SET conversation_id = ?1 WHERE conversation_id = ?2 AND committed_turn IS NULL',
    ),
    insertAlias: sql('INSERT OR IGNORE INTO aliases (key, conversation_id) VALUES (?, ?)'),

    // UPDATE expressions read the row as it was, so `rank` on the right is the old rank throughout.
    upsertStatus: sql(
      `INSERT INTO statuses (wamid, status, rank, history, event) VALUES ($wamid, $status, $rank, json_array($status), $event)
       ON CONFLICT (wamid) DO UPDATE SET
         history = json_insert(history, '$[#]', excluded.status),
         status = CASE WHEN excluded.rank > rank THEN excluded.status ELSE status END,
         event = CASE WHEN excluded.rank > rank THEN excluded.event ELSE event END,
         rank = max(rank, excluded.rank)`,
    ),
    getStatus: sql('SELECT status, history, event FROM statuses WHERE wamid = ?'),

    getConversation: sql('SELECT turn_seq, json FROM conversations WHERE id = ?'),
    getTurnSeq: sql('SELECT turn_seq FROM conversations WHERE id = ?'),
    upsertConversation: sql(
      `INSERT INTO conversations (id, turn_seq, json) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET turn_seq = excluded.turn_seq, json = excluded.json`,
    ),

    // The row outlives its lease so the fence keeps counting up; an unexpired row makes the upsert a no-op.
    acquireLease: sql(
      `INSERT INTO leases (conversation_id, fence, expires_at) VALUES ($id, 1, $expiresAt)
       ON CONFLICT (conversation_id) DO UPDATE SET fence = fence + 1, expires_at = excluded.expires_at
         WHERE expires_at <= $now
       RETURNING fence`,
    ),
    renewLease: sql(
      'UPDATE leases SET expires_at = ? WHERE conversation_id = ? AND fence = ? AND expires_at > ?',
    ),
    releaseLease: sql('UPDATE leases SET expires_at = 0 WHERE conversation_id = ? AND fence = ?'),
    getLeaseFence: sql('SELECT fence FROM leases WHERE conversation_id = ?'),

    insertTurn: sql(
      'INSERT OR IGNORE INTO turns (conversation_id, seq, json, created_at) VALUES (?, ?, ?, ?)',
    ),
    pruneDeliveries: sql('DELETE FROM deliveries WHERE received_at < ?'),
    pruneStepResults: sql('DELETE FROM step_results WHERE created_at < ?'),
    pruneTurns: sql('DELETE FROM turns WHERE created_at < ?'),
    sizeBytes: sql('SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()'),
    getTurn: sql('SELECT json FROM turns WHERE conversation_id = ? AND seq = ?'),

    insertStepResult: sql('INSERT OR IGNORE INTO step_results (key, json, created_at) VALUES (?, ?, ?)'),
    getStepResult: sql('SELECT json FROM step_results WHERE key = ?'),

    ping: sql(
      `INSERT INTO store_meta (key, value) VALUES ('pinged_at', ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value RETURNING value`,
    ),
  };
}

/**
 * Version 2 stamps step results and turns with when they were written, so retention can prune them. Rows from
 * before the migration are stamped with its time: they age from then, never pruned at once.
 */
function migrateRetentionColumns(db: DatabaseSync, now: number): void {
  for (const table of ['step_results', 'turns']) {
    const columns = db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all();
    if (columns.some((column) => column.name === 'created_at')) continue;
    db.exec(`BEGIN IMMEDIATE;
      ALTER TABLE ${table} ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
      UPDATE ${table} SET created_at = ${Math.floor(now)};
      COMMIT;`);
  }
  db.exec(`CREATE INDEX IF NOT EXISTS step_results_created ON step_results (created_at);
    CREATE INDEX IF NOT EXISTS turns_created ON turns (created_at);
    CREATE INDEX IF NOT EXISTS deliveries_received ON deliveries (received_at);`);
}

export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(options);
}

export class SqliteStore implements Store {
  readonly #db: DatabaseSync;
  readonly #clock: Clock;
  readonly #sql: ReturnType<typeof prepareStatements>;
  /** Every write of this store goes through it: the writes of one event-loop turn share one commit. */
  readonly #group: GroupCommit;
  readonly #release: () => void;
  #closed = false;

  constructor(options: SqliteStoreOptions) {
    this.#clock = options.clock ?? systemClock;
    const { db, group, release } = openGroupCommitted({
      path: options.path,
      synchronous: options.synchronous ?? 'FULL',
      maxWrites: MAX_GROUP_WRITES,
    });
    this.#db = db;
    this.#group = group;
    this.#release = release;
    this.#db.exec(`BEGIN IMMEDIATE; ${schema} COMMIT;`);
    migrateRetentionColumns(this.#db, this.#clock.now());
    this.#db
      .prepare("INSERT OR REPLACE INTO store_meta (key, value) VALUES ('schema_version', ?)")
      .run(String(SCHEMA_VERSION));
    this.#sql = prepareStatements(this.#db);
  }

  /** Transactions committed so far; a busy worker's writes share them (for tests and benchmarks). */
  get commits(): number {
    return this.#group.commits;
  }

  /**
   * Runs `work` in the next group commit: it sees every write asked for before it, and its promise settles only
   * once the group committed (or failed: then every write of the group fails and none is kept).
   */
  #write<T>(work: () => T, failure?: (error: unknown) => Error): Promise<T> {
    if (this.#closed) return Promise.reject(new LeadwireError('TEMPORARY', 'the SQLite store is closed'));
    return this.#group.write(work, failure);
  }

  ingest(delivery: Delivery): Promise<IngestResult> {
    const fail = (error: unknown) => persistFailure(delivery, error);
    return this.#write(() => {
      try {
        return this.#ingestOne(delivery);
      } catch (error) {
        throw fail(error);
      }
    }, fail);
  }

  #ingestOne(delivery: Delivery): IngestResult {
    const sql = this.#sql;
    sql.insertDelivery.run(delivery.id, delivery.receivedAt, delivery.rawBody);
    let stored = 0;
    let duplicates = 0;
    const storedIndexes: number[] = [];
    const conversations = new Set<string>();
    for (const [index, item] of delivery.events.entries()) {
      const { event } = item;
      const inboxKey = event.kind === 'message' || event.kind === 'echo' ? item.conversationKey : undefined;
      const conversationId =
        inboxKey === undefined ? null : this.#linked(inboxKey, item.linkKeys ?? [], conversations);
      const { changes } = sql.insertEvent.run(
        item.dedupKey,
        item.tenantId,
        conversationId,
        event.kind,
        event.type,
        event.kind === 'error' ? null : event.id,
        timestampMs(event, delivery.receivedAt),
        JSON.stringify(event),
        delivery.id,
      );
      if (Number(changes) === 0) {
        duplicates++;
        continue;
      }
      stored++;
      storedIndexes.push(index);
      if (conversationId !== null) {
        conversations.add(conversationId);
        // The first re-key wins: a key already naming a conversation is not moved to another.
        if (item.aliasKey !== undefined && item.aliasKey !== conversationId) {
          sql.insertAlias.run(item.aliasKey, conversationId);
        }
      }
      if (event.kind === 'status') this.#recordStatus(event);
    }
    for (const { key, value } of delivery.stepResults ?? []) {
      sql.insertStepResult.run(key, stepResultJson(key, value), this.#clock.now());
    }
    return { stored, duplicates, storedIndexes, conversations: [...conversations] };
  }

  #recordStatus(event: StatusEvent): void {
    this.#sql.upsertStatus.run({
      wamid: event.id,
      status: event.type,
      rank: statusRank[event.type],
      event: JSON.stringify(event),
    });
  }

  /**
   * The conversation of `key` and the person's other `links`: the oldest one any of them names (else `key`'s).
   * Links naming nothing are aliased to it; a different conversation of the person is merged into it (its id
   * aliased, its pending events moved, so the next turn of the survivor takes them).
   */
  #linked(key: string, links: readonly string[], touched: Set<string>): string {
    const own = this.#resolve(key);
    if (links.length === 0) return own;
    const candidates = [key, ...links].map((k) => ({ key: k, id: this.#resolve(k) }));
    const firstSeq = (id: string) => {
      const seq = this.#sql.firstEventOf.get(id)?.seq;
      return seq === null || seq === undefined ? undefined : Number(seq);
    };
    let canonical = own;
    let oldest = Number.POSITIVE_INFINITY;
    for (const { id } of candidates) {
      const seq = firstSeq(id);
      if (seq !== undefined && seq < oldest) {
        oldest = seq;
        canonical = id;
      }
    }
    for (const { key: k, id } of candidates) {
      if (id === canonical) continue;
      if (firstSeq(id) === undefined) {
        if (k !== canonical) this.#sql.insertAlias.run(k, canonical);
        continue;
      }
      this.#sql.insertAlias.run(id, canonical);
      const moved = this.#sql.movePending.run(canonical, id);
      if (Number(moved.changes) > 0) touched.add(canonical);
    }
    return canonical;
  }

  #resolve(key: string): string {
    let id = key;
    for (let hop = 0; hop < MAX_ALIAS_HOPS; hop++) {
      const row = this.#sql.getAlias.get(id);
      if (row === undefined) return id;
      id = row.conversation_id as string;
    }
    return id;
  }

  async pendingEvents(conversationId: string, options: { limit?: number } = {}): Promise<StoredEvent[]> {
    // LIMIT -1 is SQLite's "no limit"
    return this.#sql.pendingEvents.all(conversationId, options.limit ?? -1).map((row) => ({
      seq: row.seq as number,
      conversationId: row.conversation_id as string,
      tenantId: row.tenant_id as string,
      event: parseJson<ConversationEvent>(row.json),
    }));
  }

  async conversationEvents(conversationId: string, options: { limit: number }): Promise<StoredEvent[]> {
    const limit = conversationEventsLimit(options.limit);
    return this.#sql.conversationEvents.all(conversationId, limit).map((row) => ({
      seq: row.seq as number,
      conversationId: row.conversation_id as string,
      tenantId: row.tenant_id as string,
      event: parseJson<ConversationEvent>(row.json),
    }));
  }

  async getConversation(conversationId: string): Promise<Conversation | undefined> {
    const row = this.#sql.getConversation.get(conversationId);
    return row === undefined ? undefined : parseJson<Conversation>(row.json);
  }

  async resolveConversationId(conversationKey: string): Promise<string> {
    return this.#resolve(conversationKey);
  }

  async getStatus(wamid: string): Promise<StatusRecord | undefined> {
    const row = this.#sql.getStatus.get(wamid);
    if (row === undefined) return undefined;
    return {
      wamid,
      status: row.status as StatusValue,
      history: parseJson<StatusValue[]>(row.history),
      event: parseJson<StatusEvent>(row.event),
    };
  }

  async acquireLease(conversationId: string, ttlMs: number): Promise<Lease | undefined> {
    const now = this.#clock.now();
    const expiresAt = now + ttlMs;
    return this.#write(() => {
      const row = this.#sql.acquireLease.get({ id: conversationId, expiresAt, now });
      return row === undefined ? undefined : { conversationId, fence: row.fence as number, expiresAt };
    });
  }

  async renewLease(lease: Lease, ttlMs: number): Promise<boolean> {
    const now = this.#clock.now();
    return this.#write(
      () =>
        Number(this.#sql.renewLease.run(now + ttlMs, lease.conversationId, lease.fence, now).changes) === 1,
    );
  }

  async releaseLease(lease: Lease): Promise<void> {
    await this.#write(() => this.#sql.releaseLease.run(lease.conversationId, lease.fence));
  }

  #currentFence(conversationId: string): number | undefined {
    return this.#sql.getLeaseFence.get(conversationId)?.fence as number | undefined;
  }

  async claimTurn(turn: Turn): Promise<Turn> {
    const now = this.#clock.now();
    return this.#write(() => {
      if (this.#currentFence(turn.conversationId) !== turn.fence) throw staleFence(turn.conversationId);
      const json = JSON.stringify(turn);
      // a fresh claim stored exactly `json`; a retried one finds the claim recorded first
      const inserted =
        Number(this.#sql.insertTurn.run(turn.conversationId, turn.seq, json, now).changes) === 1;
      return parseJson<Turn>(inserted ? json : this.#sql.getTurn.get(turn.conversationId, turn.seq)!.json);
    });
  }

  async getTurn(conversationId: string, seq: number): Promise<Turn | undefined> {
    const row = this.#sql.getTurn.get(conversationId, seq);
    return row === undefined ? undefined : parseJson<Turn>(row.json);
  }

  async getStepResult(key: string): Promise<unknown | undefined> {
    const row = this.#sql.getStepResult.get(key);
    return row === undefined ? undefined : parseJson<unknown>(row.json);
  }

  async putStepResult(key: string, value: unknown): Promise<unknown> {
    return parseJson<unknown>(await this.putStepResultJson(key, stepResultJson(key, value)));
  }

  async putStepResultJson(key: string, json: string): Promise<string> {
    const now = this.#clock.now();
    return this.#write(() => {
      // Set-if-absent: what was stored first wins; a fresh insert stored exactly `json`.
      const inserted = Number(this.#sql.insertStepResult.run(key, json, now).changes) === 1;
      return inserted ? json : (this.#sql.getStepResult.get(key)!.json as string);
    });
  }

  async commitTurn(commit: CommitTurn): Promise<boolean> {
    const { conversation, expectedSeq, fence, turn } = commit;
    if (!isConsistentCommit(commit)) return false;
    const now = this.#clock.now();
    return this.#write(() => {
      if (this.#currentFence(conversation.id) !== fence) return false;
      const storedSeq = (this.#sql.getTurnSeq.get(conversation.id)?.turn_seq as number | undefined) ?? 0;
      if (storedSeq !== expectedSeq) return false;
      this.#sql.upsertConversation.run(conversation.id, turn.seq, JSON.stringify(conversation));
      this.#sql.insertTurn.run(turn.conversationId, turn.seq, JSON.stringify(turn), now);
      this.#sql.commitEvents.run(turn.seq, conversation.id, JSON.stringify(turn.eventSeqs));
      return true;
    });
  }

  async prune(before: RetentionCutoffs): Promise<PruneResult> {
    return this.#write(() => ({
      deliveries: Number(this.#sql.pruneDeliveries.run(before.deliveries).changes),
      stepResults: Number(this.#sql.pruneStepResults.run(before.stepResults).changes),
      turns: Number(this.#sql.pruneTurns.run(before.turns).changes),
    }));
  }

  async sizeBytes(): Promise<number> {
    return Number(this.#sql.sizeBytes.get()!.bytes);
  }

  async ping(): Promise<void> {
    const now = String(this.#clock.now());
    await this.#write(() => this.#sql.ping.get(now));
  }

  /** Events stored, all or of one kind (for tests and the CLI). */
  async countEvents(filter: { kind?: InboundEvent['kind'] } = {}): Promise<number> {
    return this.#sql.countEvents.get(filter.kind ?? null)!.n as number;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#group.flush();
    this.#release();
  }
}

function persistFailure(delivery: Delivery, error: unknown): LeadwireError {
  if (error instanceof LeadwireError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new LeadwireError('TEMPORARY', `delivery ${delivery.id} was not persisted: ${reason}`, {
    cause: error,
  });
}

/** Rows hold JSON this store wrote itself: trusted, not re-validated. */
function parseJson<T>(value: SQLOutputValue | undefined): T {
  return JSON.parse(value as string) as T;
}
