// Meta's pair rate limit (131056) asks for a retry after 4^X seconds, X counting the refusals in a row for one
// business number and customer. Every process sending to that pair must count the same X, or each worker would
// start again at 1 s and keep the pair limited: in scale-out the count lives in Redis (one key per pair), in a
// single process a map will do.
// https://developers.facebook.com/documentation/business-messaging/whatsapp/about-the-platform#rate-limits
import { openRedis } from '@leadwire/connector-core';

/** Consecutive pair-rate refusals per `<phoneNumberId>:<recipient>`. */
export interface PairRefusals {
  /** Counts a refusal; answers how many came before it in a row (Meta's X: the wait is 4^X seconds). */
  refused(pair: string): Promise<number>;
  /** A send to the pair got through: the next refusal counts from 0 again. */
  cleared(pair: string): Promise<void>;
  close?(): Promise<void>;
}

/** One process's count (embedded mode, tests). */
export function memoryPairRefusals(): PairRefusals {
  const counts = new Map<string, number>();
  return {
    async refused(pair) {
      const before = counts.get(pair) ?? 0;
      counts.set(pair, before + 1);
      return before;
    },
    async cleared(pair) {
      counts.delete(pair);
    },
  };
}

/** A pair left alone this long starts from X = 0 again (longer than any wait the count asks for in practice). */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

type RedisClient = ReturnType<typeof openRedis>;

/** The count every worker shares: `{<prefix>}:pair-refusals:<pair>`, an INCR that expires a day after the last. */
export class RedisPairRefusals implements PairRefusals {
  readonly #client: RedisClient;
  readonly #ownsClient: boolean;
  readonly #base: string;

  constructor(options: { url?: string; client?: RedisClient; prefix?: string }) {
    this.#ownsClient = options.client === undefined;
    this.#client = options.client ?? openRedis(options.url);
    this.#base = `{${options.prefix ?? 'lw'}}:pair-refusals:`;
  }

  async refused(pair: string): Promise<number> {
    const key = this.#base + pair;
    const replies = await this.#client.multi().incr(key).pexpire(key, FORGET_AFTER_MS).exec();
    const [error, count] = replies?.[0] ?? [new Error('the Redis transaction was aborted'), undefined];
    if (error !== null) throw error;
    return Number(count) - 1;
  }

  async cleared(pair: string): Promise<void> {
    await this.#client.del(this.#base + pair);
  }

  async close(): Promise<void> {
    if (this.#ownsClient) this.#client.disconnect();
  }
}
