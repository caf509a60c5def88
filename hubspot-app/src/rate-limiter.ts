import type { DatabaseSync } from 'node:sqlite';
import { type Clock, inTransaction, LuaScript, shareSqliteFile, systemClock } from '@leadwire/connector-core';
import type { Redis } from 'ioredis';

export type BucketName = 'general' | 'search';

export interface BucketSpec {
  /** tokens a full bucket holds (the burst) */
  capacity: number;
  /** tokens added per second */
  perSecond: number;
}

/**
 * HubSpot marketplace apps: 110 requests / 10 s per installing account (rolling), CRM search 5 / s
 * (research §9). A token bucket lets `capacity + perSecond × window` through in any window, so these
 * keep a rolling window under the limit: 5 + 10 × 10 = 105, and 2 + 3 × 1 = 5. The 5 left of the general
 * limit absorb the calls that took their token a moment before others but reach HubSpot after them (many
 * turns at once, several workers): at exactly 110 such a portal saw 429s.
 */
export const hubspotBuckets: Readonly<Record<BucketName, BucketSpec>> = {
  general: { capacity: 5, perSecond: 10 },
  search: { capacity: 2, perSecond: 3 },
};

export interface PortalRateLimiter {
  /** Takes a token from the portal's bucket: 0 when granted, else the ms to wait before asking again. */
  take(portalId: string, bucket: BucketName): Promise<number>;
  /** After a 429: nobody takes from the portal's bucket for `ms`. */
  pause(portalId: string, bucket: BucketName, ms: number): Promise<void>;
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the limiter grants a token. */
export async function acquire(
  limiter: PortalRateLimiter,
  portalId: string,
  bucket: BucketName,
  sleep: Sleep = realSleep,
): Promise<void> {
  for (;;) {
    const waitMs = await limiter.take(portalId, bucket);
    if (waitMs <= 0) return;
    await sleep(waitMs);
  }
}

interface LimiterOptions {
  buckets?: Partial<Record<BucketName, BucketSpec>>;
  /** "now" (default: the system clock) */
  clock?: Clock;
}

const specOf = (options: LimiterOptions, bucket: BucketName) =>
  options.buckets?.[bucket] ?? hubspotBuckets[bucket];

/** The pure refill-and-take step both stores run atomically. */
export function takeToken(
  state: { tokens: number; updatedMs: number; pausedUntilMs: number } | undefined,
  spec: BucketSpec,
  nowMs: number,
): { state: { tokens: number; updatedMs: number; pausedUntilMs: number }; waitMs: number } {
  const ratePerMs = spec.perSecond / 1000;
  const prev = state ?? { tokens: spec.capacity, updatedMs: nowMs, pausedUntilMs: 0 };
  const tokens = Math.min(spec.capacity, prev.tokens + Math.max(0, nowMs - prev.updatedMs) * ratePerMs);
  if (prev.pausedUntilMs > nowMs)
    return { state: { ...prev, tokens, updatedMs: nowMs }, waitMs: prev.pausedUntilMs - nowMs };
  if (tokens >= 1) return { state: { tokens: tokens - 1, updatedMs: nowMs, pausedUntilMs: 0 }, waitMs: 0 };
  return {
    state: { tokens, updatedMs: nowMs, pausedUntilMs: 0 },
    waitMs: Math.max(1, Math.ceil((1 - tokens) / ratePerMs)),
  };
}

export interface SqliteRateLimiterOptions extends LimiterOptions {
  /** the store's database file (the table `hubspot_rate_buckets` is created in it) */
  path: string;
}

/** Embedded mode: the buckets in a table of the store's SQLite file, one `BEGIN IMMEDIATE` per take. */
export class SqliteRateLimiter implements PortalRateLimiter {
  readonly #db: DatabaseSync;
  readonly #release: () => void;
  readonly #options: SqliteRateLimiterOptions;
  readonly #clock: Clock;
  /** prepared once: a turn waiting on a portal's limit asks again and again */
  readonly #sql;

  constructor(options: SqliteRateLimiterOptions) {
    // the connection the store and the other tables of this thread use (see shareSqliteFile)
    const file = shareSqliteFile(options.path);
    this.#db = file.db;
    this.#release = file.release;
    this.#db.exec(
      `CREATE TABLE IF NOT EXISTS hubspot_rate_buckets (
         key TEXT PRIMARY KEY, tokens REAL NOT NULL, updated_ms INTEGER NOT NULL, paused_until_ms INTEGER NOT NULL)`,
    );
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    const db = this.#db;
    this.#sql = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      get: db.prepare('SELECT tokens, updated_ms, paused_until_ms FROM hubspot_rate_buckets WHERE key = ?'),
      put: db.prepare(
        `INSERT INTO hubspot_rate_buckets (key, tokens, updated_ms, paused_until_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, updated_ms = excluded.updated_ms,
           paused_until_ms = excluded.paused_until_ms`,
      ),
    };
  }

  async take(portalId: string, bucket: BucketName): Promise<number> {
    return this.#transaction(`${portalId}:${bucket}`, (state, now) =>
      takeToken(state, specOf(this.#options, bucket), now),
    );
  }

  async pause(portalId: string, bucket: BucketName, ms: number): Promise<void> {
    this.#transaction(`${portalId}:${bucket}`, (state, now) => {
      const spec = specOf(this.#options, bucket);
      const prev = state ?? { tokens: spec.capacity, updatedMs: now, pausedUntilMs: 0 };
      return {
        state: { tokens: 0, updatedMs: now, pausedUntilMs: Math.max(prev.pausedUntilMs, now + ms) },
        waitMs: ms,
      };
    });
  }

  #transaction(
    key: string,
    step: (
      state: { tokens: number; updatedMs: number; pausedUntilMs: number } | undefined,
      now: number,
    ) => { state: { tokens: number; updatedMs: number; pausedUntilMs: number }; waitMs: number },
  ): number {
    const sql = this.#sql;
    return inTransaction(this.#db, sql, () => {
      const row = sql.get.get(key) as
        | { tokens: number; updated_ms: number; paused_until_ms: number }
        | undefined;
      const out = step(
        row === undefined
          ? undefined
          : { tokens: row.tokens, updatedMs: row.updated_ms, pausedUntilMs: row.paused_until_ms },
        this.#clock.now(),
      );
      sql.put.run(key, out.state.tokens, out.state.updatedMs, out.state.pausedUntilMs);
      return out.waitMs;
    });
  }

  close(): void {
    this.#release();
  }
}

// KEYS[1] = the bucket hash; ARGV = now, capacity, perSecond, pauseMs (0 = take a token).
const bucketScript = new LuaScript(`
local key = KEYS[1]
local now, cap, perMs, pauseMs = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]) / 1000, tonumber(ARGV[4])
local h = redis.call('HMGET', key, 'tokens', 'ts', 'paused')
local tokens = tonumber(h[1]) or cap
local ts = tonumber(h[2]) or now
local paused = tonumber(h[3]) or 0
tokens = math.min(cap, tokens + math.max(0, now - ts) * perMs)
local wait = 0
if pauseMs > 0 then
  paused = math.max(paused, now + pauseMs)
  tokens = 0
  wait = pauseMs
elseif paused > now then
  wait = paused - now
elseif tokens >= 1 then
  tokens = tokens - 1
  paused = 0
else
  wait = math.max(1, math.ceil((1 - tokens) / perMs))
end
redis.call('HSET', key, 'tokens', tostring(tokens), 'ts', tostring(now), 'paused', tostring(paused))
redis.call('PEXPIRE', key, 3600000)
return wait
`);

export interface RedisRateLimiterOptions extends LimiterOptions {
  client: Redis;
  /** key prefix (default `lw`); keys are `{<prefix>}:hsrate:<portal>:<bucket>` */
  prefix?: string;
}

/** Scale-out mode: the buckets in Redis, refilled and taken in one Lua script. */
export class RedisRateLimiter implements PortalRateLimiter {
  readonly #options: RedisRateLimiterOptions;
  readonly #clock: Clock;

  constructor(options: RedisRateLimiterOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  #key(portalId: string, bucket: BucketName) {
    return `{${this.#options.prefix ?? 'lw'}}:hsrate:${portalId}:${bucket}`;
  }

  async take(portalId: string, bucket: BucketName): Promise<number> {
    const spec = specOf(this.#options, bucket);
    const wait = await bucketScript.run(this.#options.client, this.#key(portalId, bucket), [
      this.#clock.now(),
      spec.capacity,
      spec.perSecond,
      0,
    ]);
    return Number(wait);
  }

  async pause(portalId: string, bucket: BucketName, ms: number): Promise<void> {
    const spec = specOf(this.#options, bucket);
    await bucketScript.run(this.#options.client, this.#key(portalId, bucket), [
      this.#clock.now(),
      spec.capacity,
      spec.perSecond,
      Math.max(1, Math.ceil(ms)),
    ]);
  }
}

/** One process, no store (tests, the CLI): the same buckets in memory. */
export class MemoryRateLimiter implements PortalRateLimiter {
  readonly #state = new Map<string, { tokens: number; updatedMs: number; pausedUntilMs: number }>();
  readonly #options: LimiterOptions;
  constructor(options: LimiterOptions = {}) {
    this.#options = options;
  }
  async take(portalId: string, bucket: BucketName): Promise<number> {
    const key = `${portalId}:${bucket}`;
    const out = takeToken(
      this.#state.get(key),
      specOf(this.#options, bucket),
      (this.#options.clock ?? systemClock).now(),
    );
    this.#state.set(key, out.state);
    return out.waitMs;
  }
  async pause(portalId: string, bucket: BucketName, ms: number): Promise<void> {
    const now = (this.#options.clock ?? systemClock).now();
    const prev = this.#state.get(`${portalId}:${bucket}`);
    this.#state.set(`${portalId}:${bucket}`, {
      tokens: 0,
      updatedMs: now,
      pausedUntilMs: Math.max(prev?.pausedUntilMs ?? 0, now + ms),
    });
  }
}
