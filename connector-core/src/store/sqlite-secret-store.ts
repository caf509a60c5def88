// SQLite SecretStore: embedded mode. Its own table in the store's WAL file, so it shares the file with the
// store, the queue and the assignments.
import type { DatabaseSync } from 'node:sqlite';
import { LeadwireError } from '../model/errors.ts';
import { type Clock, systemClock } from '../ports/clock.ts';
import type { SecretStore, SecretStoreWriteOptions } from '../ports/secret-store.ts';
import { openSqliteFile } from './sqlite-file.ts';

export interface SqliteSecretStoreOptions {
  /** the database file (usually `storage.sqlitePath`); its directory is created when missing */
  path: string;
  /** `FULL` (default) fsyncs every commit; `NORMAL` survives a process crash */
  synchronous?: 'FULL' | 'NORMAL';
  /** the source of "now" for expiry (default: the system clock) */
  clock?: Clock;
}

const schema = `
CREATE TABLE IF NOT EXISTS secrets (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at INTEGER);
`;

export class SqliteSecretStore implements SecretStore {
  readonly #db: DatabaseSync;
  readonly #clock: Clock;
  readonly #sql;
  #closed = false;

  constructor(options: SqliteSecretStoreOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#db = openSqliteFile({ path: options.path, synchronous: options.synchronous ?? 'FULL' });
    this.#db.exec(schema);
    const sql = (text: string) => this.#db.prepare(text);
    this.#sql = {
      get: sql('SELECT value FROM secrets WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)'),
      put: sql(
        `INSERT INTO secrets (key, value, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
      ),
      // an expired row counts as absent: replace it, but never a live one
      putIfAbsent: sql(
        `INSERT INTO secrets (key, value, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
         WHERE secrets.expires_at IS NOT NULL AND secrets.expires_at <= ?`,
      ),
      delete: sql('DELETE FROM secrets WHERE key = ?'),
      sweep: sql('DELETE FROM secrets WHERE expires_at IS NOT NULL AND expires_at <= ?'),
    };
  }

  #open(): void {
    if (this.#closed) throw new LeadwireError('TEMPORARY', 'the SQLite secret store is closed');
  }

  async get(key: string): Promise<string | undefined> {
    this.#open();
    const row = this.#sql.get.get(key, this.#clock.now());
    return row === undefined ? undefined : String(row.value);
  }

  async put(key: string, value: string, options: SecretStoreWriteOptions = {}): Promise<void> {
    this.#open();
    this.#sql.put.run(key, value, options.expiresAt ?? null);
  }

  async putIfAbsent(key: string, value: string, options: SecretStoreWriteOptions = {}): Promise<boolean> {
    this.#open();
    const now = this.#clock.now();
    const { changes } = this.#sql.putIfAbsent.run(key, value, options.expiresAt ?? null, now);
    // expired nonces would otherwise pile up: one cheap indexed-less sweep per new nonce is plenty at install rates
    if (Number(changes) > 0 && options.expiresAt !== undefined) this.#sql.sweep.run(now);
    return Number(changes) > 0;
  }

  async delete(key: string): Promise<void> {
    this.#open();
    this.#sql.delete.run(key);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }
}
