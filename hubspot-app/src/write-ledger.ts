import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { type GroupCommit, openGroupCommitted } from '@leadwire/connector-core';
import type { Redis } from 'ioredis';

export type LedgerEntry = { state: 'pending' } | { state: 'done'; value: string };

export interface WriteLedger {
  /** the entries of these keys (absent keys are left out) */
  getMany(keys: string[]): Promise<Map<string, LedgerEntry>>;
  /** marks the keys pending, unless they already have an entry */
  begin(keys: string[]): Promise<void>;
  /** records the keys as done with their values (overwrites pending) */
  complete(entries: Record<string, string>): Promise<void>;
}

const encode = (e: LedgerEntry) => (e.state === 'pending' ? 'p' : `d:${e.value}`);
const decode = (s: string): LedgerEntry =>
  s === 'p' ? { state: 'pending' } : { state: 'done', value: s.slice(2) };

export class MemoryWriteLedger implements WriteLedger {
  readonly entries = new Map<string, string>();
  async getMany(keys: string[]) {
    const out = new Map<string, LedgerEntry>();
    for (const k of keys) {
      const v = this.entries.get(k);
      if (v !== undefined) out.set(k, decode(v));
    }
    return out;
  }
  async begin(keys: string[]) {
    for (const k of keys) if (!this.entries.has(k)) this.entries.set(k, 'p');
  }
  async complete(entries: Record<string, string>) {
    for (const [k, v] of Object.entries(entries)) this.entries.set(k, encode({ state: 'done', value: v }));
  }
}

/**
 * Embedded mode: a table in the store's SQLite file. Writes of one event-loop turn share a commit (the CRM
 * writes of many turns in flight at once); each resolves only once it is durable, before the call it guards.
 */
export class SqliteWriteLedger implements WriteLedger {
  readonly #db: DatabaseSync;
  readonly #group: GroupCommit;
  readonly #release: () => void;
  readonly #sql: { get: StatementSync; begin: StatementSync; complete: StatementSync };
  constructor(options: { path: string }) {
    const { db, group, release } = openGroupCommitted({ path: options.path, synchronous: 'FULL' });
    this.#db = db;
    this.#group = group;
    this.#release = release;
    this.#db.exec(
      'CREATE TABLE IF NOT EXISTS hubspot_write_ledger (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
    );
    this.#sql = {
      get: this.#db.prepare('SELECT value FROM hubspot_write_ledger WHERE key = ?'),
      begin: this.#db.prepare("INSERT OR IGNORE INTO hubspot_write_ledger (key, value) VALUES (?, 'p')"),
      complete: this.#db.prepare(
        'INSERT INTO hubspot_write_ledger (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
  }
  async getMany(keys: string[]) {
    const out = new Map<string, LedgerEntry>();
    for (const k of keys) {
      const row = this.#sql.get.get(k) as { value: string } | undefined;
      if (row !== undefined) out.set(k, decode(row.value));
    }
    return out;
  }
  async begin(keys: string[]) {
    await this.#group.write(() => {
      for (const k of keys) this.#sql.begin.run(k);
    });
  }
  async complete(entries: Record<string, string>) {
    const rows = Object.entries(entries).map(([k, v]) => [k, encode({ state: 'done', value: v })] as const);
    await this.#group.write(() => {
      for (const [k, v] of rows) this.#sql.complete.run(k, v);
    });
  }
  close(): void {
    this.#group.flush();
    this.#release();
  }
}

/** Scale-out mode: one Redis hash `{<prefix>}:hsledger`. */
export class RedisWriteLedger implements WriteLedger {
  readonly #client: Redis;
  readonly #key: string;
  constructor(options: { client: Redis; prefix?: string }) {
    this.#client = options.client;
    this.#key = `{${options.prefix ?? 'lw'}}:hsledger`;
  }
  async getMany(keys: string[]) {
    const out = new Map<string, LedgerEntry>();
    if (keys.length === 0) return out;
    const values = await this.#client.hmget(this.#key, ...keys);
    keys.forEach((k, i) => {
      const v = values[i];
      if (v !== null && v !== undefined) out.set(k, decode(v));
    });
    return out;
  }
  async begin(keys: string[]) {
    if (keys.length === 0) return;
    const pipeline = this.#client.pipeline();
    for (const k of keys) pipeline.hsetnx(this.#key, k, 'p');
    await pipeline.exec();
  }
  async complete(entries: Record<string, string>) {
    const flat = Object.entries(entries).flatMap(([k, v]) => [k, encode({ state: 'done', value: v })]);
    if (flat.length > 0) await this.#client.hset(this.#key, ...flat);
  }
}
