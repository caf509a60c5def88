// Redis SecretStore: scale-out mode. Keys live under `{<prefix>}:secret:`; expiry is Redis's own (PXAT), so
// nothing needs sweeping.

import type { Redis } from 'ioredis';
import { type Clock, systemClock } from '../ports/clock.ts';
import type { SecretStore, SecretStoreWriteOptions } from '../ports/secret-store.ts';
import { openRedis } from './redis-connection.ts';

export interface RedisSecretStoreOptions {
  /** default redis://127.0.0.1:6379 */
  url?: string;
  /** an existing client to share (not closed by `close()`) */
  client?: Redis;
  /** key prefix (default `lw`), as the core store's */
  prefix?: string;
  /** the source of "now": an expiry already past is written as a delete (default: the system clock) */
  clock?: Clock;
}

export class RedisSecretStore implements SecretStore {
  readonly #client: Redis;
  readonly #ownsClient: boolean;
  readonly #base: string;
  readonly #clock: Clock;

  constructor(options: RedisSecretStoreOptions = {}) {
    this.#ownsClient = options.client === undefined;
    this.#client = options.client ?? openRedis(options.url);
    this.#base = `{${options.prefix ?? 'lw'}}:secret:`;
    this.#clock = options.clock ?? systemClock;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#client.get(this.#base + key)) ?? undefined;
  }

  async put(key: string, value: string, options: SecretStoreWriteOptions = {}): Promise<void> {
    const { expiresAt } = options;
    if (expiresAt === undefined) await this.#client.set(this.#base + key, value);
    else if (expiresAt <= this.#clock.now()) await this.#client.del(this.#base + key);
    else await this.#client.set(this.#base + key, value, 'PXAT', expiresAt);
  }

  async putIfAbsent(key: string, value: string, options: SecretStoreWriteOptions = {}): Promise<boolean> {
    const { expiresAt } = options;
    const reply =
      expiresAt === undefined
        ? await this.#client.set(this.#base + key, value, 'NX')
        : await this.#client.set(
            this.#base + key,
            value,
            'PXAT',
            Math.max(expiresAt, this.#clock.now() + 1),
            'NX',
          );
    return reply === 'OK';
  }

  async delete(key: string): Promise<void> {
    await this.#client.del(this.#base + key);
  }

  async close(): Promise<void> {
    if (this.#ownsClient && this.#client.status !== 'end') await this.#client.quit();
  }
}
