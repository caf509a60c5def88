// A Redis Lua script run by its SHA1 (EVALSHA); the first run on a server that does not know it yet sends
// the source. Every atomic operation of the Redis adapters is one such script over keys of one hash slot.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type LuaArg = string | Buffer | number;

export class LuaScript {
  readonly #source: string;
  readonly #sha: string;

  constructor(source: string) {
    this.#source = source;
    this.#sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: Redis, key: string, args: LuaArg[]): Promise<unknown> {
    try {
      return await client.evalsha(this.#sha, 1, key, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.#source, 1, key, ...args);
    }
  }
}
