// SecretStore: a small durable, upsertable key-value store for what the OAuth install keeps — encrypted token
// envelopes (updated on every refresh) and used `state` nonces (set-if-absent, expiring). The core Store's step
// results are set-if-absent and never expire, so they cannot hold a token that rotates. Adapters: SQLite (own
// table in the store's file) and Redis; both pass `defineSecretStoreContract`.

export interface SecretStoreWriteOptions {
  /** ms since the epoch after which the key reads as absent (default: never) */
  expiresAt?: number;
}

export interface SecretStore {
  /** The value, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Create or replace. */
  put(key: string, value: string, options?: SecretStoreWriteOptions): Promise<void>;
  /** Create only when absent (or expired): true when this call stored it, false when the key was taken. */
  putIfAbsent(key: string, value: string, options?: SecretStoreWriteOptions): Promise<boolean>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
