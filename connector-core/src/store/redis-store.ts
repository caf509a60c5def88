// Redis store: scale-out mode's shared state. Every write that must be atomic (a whole delivery, a lease, a
// claim, a commit) is one Lua script, so concurrent gateways and workers never see half of it. Scripts run by
// EVALSHA over an auto-pipelined connection, which keeps ingesting at one round trip per delivery.
//
// Keys live under `{<prefix>}:`; the braces are a hash tag, so a Redis Cluster keeps the whole store in one
// slot and the scripts may touch keys they only discover while running (an alias's conversation, its inbox).
//   seq                 INCR counter: the arrival sequence of events
//   dedup               hash dedupKey → seq, kept forever (a redelivery days later is still recognised)
//   event:<seq>         hash: the event's JSON and bookkeeping, kept forever (`committedTurn` once committed)
//   inbox:<id>          sorted set of pending seqs, scored by WhatsApp timestamp (ms)
//   events:<id>         sorted set of the conversation's latest committed event seqs, scored by seq, added
//                       and trimmed to CONVERSATION_EVENTS_CAP when a turn commits (not at ingest);
//                       with the inbox it is the card's transcript
//   alias               hash conversation key → canonical conversation id
//   status:<wamid>      hash: status, rank, history (comma-separated), event JSON
//   raw:<deliveryId>    the raw webhook body; expires after `rawBodyTtlSeconds`
//   conv:<id>           hash: turnSeq, json
//   lease:<id>          hash: fence, expiresAt (kept after expiry so fences never repeat)
//   turn:<id>:<seq>     the claimed turn's JSON
//   step:<key>          a step result's JSON
import type { Redis } from 'ioredis';
import type { Conversation, Turn } from '../model/conversation.ts';
import { LeadwireError } from '../model/errors.ts';
import type { ConversationEvent, StatusEvent, StatusValue } from '../model/inbound-event.ts';
import { statusRank } from '../model/inbound-event.ts';
import { type Clock, systemClock } from '../ports/clock.ts';
import {
  CONVERSATION_EVENTS_CAP,
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
import { type LuaArg, LuaScript } from './lua-script.ts';
import { openRedis } from './redis-connection.ts';
import { isConsistentCommit, staleFence, stepResultJson, timestampMs } from './store-rules.ts';

export interface RedisStoreOptions {
  /** used when no `client` is given (default `redis://127.0.0.1:6379`); the store opens and closes it */
  url?: string;
  /** an existing connection; the store does not close it. Enable `enableAutoPipelining` on it for throughput */
  client?: Redis;
  /** key prefix (default `lw`); keys are `{<prefix>}:…` */
  prefix?: string;
  /** the source of "now" for leases (default: the system clock) */
  clock?: Clock;
  /**
   * How long raw webhook bodies are kept for audit (default 7 days, Meta's retry horizon). Events, with their
   * dedup keys and the raw update object each came from, are kept without expiry.
   */
  rawBodyTtlSeconds?: number;
  /** How long step results and claimed turns are kept (default 30 days): they expire by themselves. */
  recordTtlSeconds?: number;
}

const SEVEN_DAYS_S = 7 * 24 * 60 * 60;
const THIRTY_DAYS_S = 30 * 24 * 60 * 60;

/** Fields per event in the ingest script's ARGV (after the four fixed arguments). */
const INGEST_FIELDS = 11;

const ingestScript = `
local base = KEYS[1]
local deliveryId, raw, rawTtl, count = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local dedup, aliases = base .. ':dedup', base .. ':alias'

local function resolve(key)
  local id = key
  for _ = 1, 16 do
    local target = redis.call('HGET', aliases, id)
    if not target then return id end
    id = target
  end
  return id
end

-- the first seq a conversation holds (committed or pending), or nil when it names nothing yet
local function firstSeq(id)
  local best = nil
  local committed = redis.call('ZRANGE', base .. ':events:' .. id, 0, 0)
  if committed[1] then best = tonumber(committed[1]) end
  for _, s in ipairs(redis.call('ZRANGE', base .. ':inbox:' .. id, 0, -1)) do
    local n = tonumber(s)
    if best == nil or n < best then best = n end
  end
  return best
end

-- one person, one conversation: the oldest conversation any of the keys names; keys naming nothing are
-- aliased to it, another conversation of the person is merged (aliased, its pending events moved)
local function linked(inboxKey, links, touched)
  local own = resolve(inboxKey)
  if links == '' then return own end
  local keys, ids = {inboxKey}, {own}
  for k in string.gmatch(links, '[^\\n]+') do keys[#keys + 1] = k; ids[#ids + 1] = resolve(k) end
  local canonical, oldest = own, nil
  for _, id in ipairs(ids) do
    local seq = firstSeq(id)
    if seq ~= nil and (oldest == nil or seq < oldest) then canonical, oldest = id, seq end
  end
  for i, id in ipairs(ids) do
    if id ~= canonical then
      if firstSeq(id) == nil then
        if keys[i] ~= canonical then redis.call('HSETNX', aliases, keys[i], canonical) end
      else
        redis.call('HSETNX', aliases, id, canonical)
        local from = base .. ':inbox:' .. id
        local pending = redis.call('ZRANGE', from, 0, -1, 'WITHSCORES')
        for p = 1, #pending, 2 do
          redis.call('ZADD', base .. ':inbox:' .. canonical, pending[p + 1], pending[p])
          redis.call('HSET', base .. ':event:' .. pending[p], 'conversationId', canonical)
        end
        redis.call('DEL', from)
        if #pending > 0 then touched[#touched + 1] = canonical end
      end
    end
  end
  return canonical
end

redis.call('SET', base .. ':raw:' .. deliveryId, raw, 'EX', rawTtl, 'NX')
local stored, duplicates, conversations, seen, storedIndexes = 0, 0, {}, {}, {}
for e = 0, count - 1 do
  local at = 5 + e * ${INGEST_FIELDS}
  local dedupKey, tenantId, kind, eventType, wamid = ARGV[at], ARGV[at + 1], ARGV[at + 2], ARGV[at + 3], ARGV[at + 4]
  local tsMs, inboxKey, aliasKey, rank, json = ARGV[at + 5], ARGV[at + 6], ARGV[at + 7], ARGV[at + 8], ARGV[at + 9]
  local links = ARGV[at + 10]
  if redis.call('HEXISTS', dedup, dedupKey) == 1 then
    duplicates = duplicates + 1
  else
    stored = stored + 1
    storedIndexes[#storedIndexes + 1] = e
    local seq = tostring(redis.call('INCR', base .. ':seq'))
    local conversationId = ''
    local merged = {}
    if inboxKey ~= '' then conversationId = linked(inboxKey, links, merged) end
    for _, id in ipairs(merged) do
      if not seen[id] then seen[id] = true; conversations[#conversations + 1] = id end
    end
    redis.call('HSET', base .. ':event:' .. seq, 'dedupKey', dedupKey, 'tenantId', tenantId,
      'conversationId', conversationId, 'kind', kind, 'type', eventType, 'wamid', wamid, 'tsMs', tsMs,
      'deliveryId', deliveryId, 'event', json)
    if conversationId ~= '' then
      redis.call('ZADD', base .. ':inbox:' .. conversationId, tsMs, seq)
      if not seen[conversationId] then
        seen[conversationId] = true
        conversations[#conversations + 1] = conversationId
      end
      -- the first re-key wins: a key already naming a conversation is not moved to another
      if aliasKey ~= '' and aliasKey ~= conversationId then redis.call('HSETNX', aliases, aliasKey, conversationId) end
    end
    if kind == 'status' then
      local key = base .. ':status:' .. wamid
      local current = redis.call('HMGET', key, 'rank', 'history')
      if not current[1] then
        redis.call('HSET', key, 'status', eventType, 'rank', rank, 'history', eventType, 'event', json)
      else
        redis.call('HSET', key, 'history', current[2] .. ',' .. eventType)
        if tonumber(rank) > tonumber(current[1]) then
          redis.call('HSET', key, 'status', eventType, 'rank', rank, 'event', json)
        end
      end
    end
    -- marked last: should a write above fail, a redelivery stores the event again rather than never
    redis.call('HSET', dedup, dedupKey, seq)
  end
end
-- then the delivery's step results, set-if-absent: key, JSON pairs after the events
local results = 5 + count * ${INGEST_FIELDS}
for r = results + 1, results + 2 * tonumber(ARGV[results]), 2 do
  redis.call('SET', base .. ':step:' .. ARGV[r], ARGV[r + 1], 'EX', rawTtl, 'NX')
end
return {stored, duplicates, conversations, storedIndexes}
`;

const pendingScript = `
local base = KEYS[1]
local out = {}
for _, seq in ipairs(redis.call('ZRANGE', base .. ':inbox:' .. ARGV[1], 0, tonumber(ARGV[2]))) do
  local fields = redis.call('HMGET', base .. ':event:' .. seq, 'tsMs', 'tenantId', 'event')
  out[#out + 1] = seq
  out[#out + 1] = fields[1]
  out[#out + 1] = fields[2]
  out[#out + 1] = fields[3]
end
return out
`;

const conversationEventsScript = `
local base = KEYS[1]
local out, seqs = {}, {}
-- committed (events:<id>) and pending (inbox:<id>) seqs together, in arrival order, the latest ARGV[2]
for _, seq in ipairs(redis.call('ZRANGE', base .. ':events:' .. ARGV[1], -tonumber(ARGV[2]), -1)) do
  seqs[#seqs + 1] = tonumber(seq)
end
for _, seq in ipairs(redis.call('ZRANGE', base .. ':inbox:' .. ARGV[1], 0, -1)) do seqs[#seqs + 1] = tonumber(seq) end
table.sort(seqs)
for i = math.max(1, #seqs - tonumber(ARGV[2]) + 1), #seqs do
  local seq = seqs[i]
  local fields = redis.call('HMGET', base .. ':event:' .. seq, 'tsMs', 'tenantId', 'event')
  if fields[3] then
    out[#out + 1] = seq
    out[#out + 1] = fields[1]
    out[#out + 1] = fields[2]
    out[#out + 1] = fields[3]
  end
end
return out
`;

const acquireLeaseScript = `
local key = KEYS[1] .. ':lease:' .. ARGV[1]
local current = redis.call('HMGET', key, 'expiresAt')
if current[1] and tonumber(current[1]) > tonumber(ARGV[2]) then return false end
local fence = redis.call('HINCRBY', key, 'fence', 1)
redis.call('HSET', key, 'expiresAt', ARGV[3])
return fence
`;

const renewLeaseScript = `
local key = KEYS[1] .. ':lease:' .. ARGV[1]
local current = redis.call('HMGET', key, 'fence', 'expiresAt')
if current[1] ~= ARGV[2] or tonumber(current[2]) <= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', key, 'expiresAt', ARGV[4])
return 1
`;

const releaseLeaseScript = `
local key = KEYS[1] .. ':lease:' .. ARGV[1]
if redis.call('HGET', key, 'fence') == ARGV[2] then redis.call('HSET', key, 'expiresAt', 0) end
return 1
`;

const claimTurnScript = `
local base = KEYS[1]
if redis.call('HGET', base .. ':lease:' .. ARGV[1], 'fence') ~= ARGV[2] then return {0} end
local key = base .. ':turn:' .. ARGV[1] .. ':' .. ARGV[3]
redis.call('SET', key, ARGV[4], 'EX', ARGV[5], 'NX')
return {1, redis.call('GET', key)}
`;

const commitTurnScript = `
local base, id = KEYS[1], ARGV[1]
if redis.call('HGET', base .. ':lease:' .. id, 'fence') ~= ARGV[2] then return 0 end
local conversation = base .. ':conv:' .. id
if tonumber(redis.call('HGET', conversation, 'turnSeq') or '0') ~= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', conversation, 'turnSeq', ARGV[4], 'json', ARGV[5])
redis.call('SET', base .. ':turn:' .. id .. ':' .. ARGV[4], ARGV[6], 'EX', ARGV[8], 'NX')
local inbox, history = base .. ':inbox:' .. id, base .. ':events:' .. id
for i = 9, #ARGV do
  if redis.call('ZREM', inbox, ARGV[i]) == 1 then
    redis.call('HSET', base .. ':event:' .. ARGV[i], 'committedTurn', ARGV[4])
    redis.call('ZADD', history, tonumber(ARGV[i]), ARGV[i])
  end
end
redis.call('ZREMRANGEBYRANK', history, 0, -(tonumber(ARGV[7]) + 1))
return 1
`;

const putStepScript = `
local key = KEYS[1] .. ':step:' .. ARGV[1]
redis.call('SET', key, ARGV[2], 'EX', ARGV[3], 'NX')
return redis.call('GET', key)
`;

const scripts = {
  ingest: new LuaScript(ingestScript),
  pending: new LuaScript(pendingScript),
  conversationEvents: new LuaScript(conversationEventsScript),
  acquireLease: new LuaScript(acquireLeaseScript),
  renewLease: new LuaScript(renewLeaseScript),
  releaseLease: new LuaScript(releaseLeaseScript),
  claimTurn: new LuaScript(claimTurnScript),
  commitTurn: new LuaScript(commitTurnScript),
  putStep: new LuaScript(putStepScript),
};

/** Aliases are flattened when written, so chains stay short; the bound only guards against corrupt data. */
const MAX_ALIAS_HOPS = 16;

export class RedisStore implements Store {
  readonly #client: Redis;
  readonly #ownsClient: boolean;
  readonly #base: string;
  readonly #clock: Clock;
  readonly #rawBodyTtlSeconds: number;
  readonly #recordTtlSeconds: number;

  constructor(options: RedisStoreOptions = {}) {
    this.#ownsClient = options.client === undefined;
    this.#client = options.client ?? openRedis(options.url);
    this.#base = `{${options.prefix ?? 'lw'}}`;
    this.#clock = options.clock ?? systemClock;
    this.#rawBodyTtlSeconds = options.rawBodyTtlSeconds ?? SEVEN_DAYS_S;
    this.#recordTtlSeconds = options.recordTtlSeconds ?? THIRTY_DAYS_S;
  }

  #run(script: LuaScript, args: LuaArg[]): Promise<unknown> {
    return script.run(this.#client, this.#base, args);
  }

  async ingest(delivery: Delivery): Promise<IngestResult> {
    // Everything is serialized before the script runs: a delivery that cannot be encoded writes nothing.
    const args: LuaArg[] = [delivery.id, delivery.rawBody, this.#rawBodyTtlSeconds, delivery.events.length];
    try {
      for (const item of delivery.events) {
        const { event } = item;
        const inboxKey = event.kind === 'message' || event.kind === 'echo' ? item.conversationKey : undefined;
        args.push(
          item.dedupKey,
          item.tenantId,
          event.kind,
          event.type,
          event.kind === 'error' ? '' : event.id,
          timestampMs(event, delivery.receivedAt),
          inboxKey ?? '',
          inboxKey === undefined ? '' : (item.aliasKey ?? ''),
          event.kind === 'status' ? statusRank[event.type] : '',
          JSON.stringify(event),
          inboxKey === undefined ? '' : (item.linkKeys ?? []).join('\n'),
        );
      }
      const stepResults = delivery.stepResults ?? [];
      args.push(stepResults.length);
      for (const { key, value } of stepResults) args.push(key, stepResultJson(key, value));
      const [stored, duplicates, conversations, storedIndexes] = asArray(
        await this.#run(scripts.ingest, args),
      );
      return {
        stored: Number(stored),
        duplicates: Number(duplicates),
        storedIndexes: asArray(storedIndexes).map(Number),
        conversations: asArray(conversations).map(String),
      };
    } catch (error) {
      if (error instanceof LeadwireError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new LeadwireError('TEMPORARY', `delivery ${delivery.id} was not persisted: ${reason}`, {
        cause: error,
      });
    }
  }

  async pendingEvents(conversationId: string, options: { limit?: number } = {}): Promise<StoredEvent[]> {
    const stop = options.limit === undefined ? -1 : options.limit - 1; // ZRANGE's stop index, inclusive
    return this.#eventRows(conversationId, asArray(await this.#run(scripts.pending, [conversationId, stop])));
  }

  async conversationEvents(conversationId: string, options: { limit: number }): Promise<StoredEvent[]> {
    const limit = conversationEventsLimit(options.limit);
    const flat = asArray(await this.#run(scripts.conversationEvents, [conversationId, limit]));
    return this.#eventRows(conversationId, flat);
  }

  /** Rows of `seq, tsMs, tenantId, event` as stored events, by WhatsApp timestamp then arrival. */
  #eventRows(conversationId: string, flat: unknown[]): StoredEvent[] {
    const rows: Array<StoredEvent & { tsMs: number }> = [];
    for (let i = 0; i < flat.length; i += 4) {
      rows.push({
        seq: Number(flat[i]),
        tsMs: Number(flat[i + 1]),
        tenantId: String(flat[i + 2]),
        conversationId,
        event: JSON.parse(String(flat[i + 3])) as ConversationEvent,
      });
    }
    rows.sort((a, b) => a.tsMs - b.tsMs || a.seq - b.seq);
    return rows.map(({ tsMs: _, ...stored }) => stored);
  }

  async getConversation(conversationId: string): Promise<Conversation | undefined> {
    const json = await this.#client.hget(this.#key('conv', conversationId), 'json');
    return json === null ? undefined : (JSON.parse(json) as Conversation);
  }

  async resolveConversationId(conversationKey: string): Promise<string> {
    let id = conversationKey;
    for (let hop = 0; hop < MAX_ALIAS_HOPS; hop++) {
      const target = await this.#client.hget(this.#key('alias'), id);
      if (target === null) return id;
      id = target;
    }
    return id;
  }

  async getStatus(wamid: string): Promise<StatusRecord | undefined> {
    const [status, history, event] = await this.#client.hmget(
      this.#key('status', wamid),
      'status',
      'history',
      'event',
    );
    if (status == null || history == null || event == null) return undefined;
    return {
      wamid,
      status: status as StatusValue,
      history: history.split(',') as StatusValue[],
      event: JSON.parse(event) as StatusEvent,
    };
  }

  async acquireLease(conversationId: string, ttlMs: number): Promise<Lease | undefined> {
    const now = this.#clock.now();
    const expiresAt = now + ttlMs;
    const fence = await this.#run(scripts.acquireLease, [conversationId, now, expiresAt]);
    return fence === null ? undefined : { conversationId, fence: Number(fence), expiresAt };
  }

  async renewLease(lease: Lease, ttlMs: number): Promise<boolean> {
    const now = this.#clock.now();
    const renewed = await this.#run(scripts.renewLease, [
      lease.conversationId,
      lease.fence,
      now,
      now + ttlMs,
    ]);
    return renewed === 1;
  }

  async releaseLease(lease: Lease): Promise<void> {
    await this.#run(scripts.releaseLease, [lease.conversationId, lease.fence]);
  }

  async claimTurn(turn: Turn): Promise<Turn> {
    const [ok, json] = asArray(
      await this.#run(scripts.claimTurn, [
        turn.conversationId,
        turn.fence,
        turn.seq,
        JSON.stringify(turn),
        this.#recordTtlSeconds,
      ]),
    );
    if (ok !== 1) throw staleFence(turn.conversationId);
    return JSON.parse(String(json)) as Turn;
  }

  async getTurn(conversationId: string, seq: number): Promise<Turn | undefined> {
    const json = await this.#client.get(this.#key('turn', conversationId, String(seq)));
    return json === null ? undefined : (JSON.parse(json) as Turn);
  }

  async getStepResult(key: string): Promise<unknown | undefined> {
    const json = await this.#client.get(this.#key('step', key));
    return json === null ? undefined : (JSON.parse(json) as unknown);
  }

  async putStepResult(key: string, value: unknown): Promise<unknown> {
    return JSON.parse(await this.putStepResultJson(key, stepResultJson(key, value))) as unknown;
  }

  async putStepResultJson(key: string, json: string): Promise<string> {
    return String(await this.#run(scripts.putStep, [key, json, this.#recordTtlSeconds]));
  }

  async commitTurn(commit: CommitTurn): Promise<boolean> {
    if (!isConsistentCommit(commit)) return false;
    const { conversation, expectedSeq, fence, turn } = commit;
    const committed = await this.#run(scripts.commitTurn, [
      conversation.id,
      fence,
      expectedSeq,
      turn.seq,
      JSON.stringify(conversation),
      JSON.stringify(turn),
      CONVERSATION_EVENTS_CAP,
      this.#recordTtlSeconds,
      ...turn.eventSeqs,
    ]);
    return committed === 1;
  }

  /** Nothing to delete: raw bodies, step results and turns carry their own expiry (TTL) in Redis. */
  async prune(_before: RetentionCutoffs): Promise<PruneResult> {
    return { deliveries: 0, stepResults: 0, turns: 0 };
  }

  /** The memory Redis uses (INFO memory), the whole server's: the store shares it with the queue. */
  async sizeBytes(): Promise<number> {
    const info = await this.#client.info('memory');
    return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? 0);
  }

  async ping(): Promise<void> {
    const key = this.#key('ping');
    const now = String(this.#clock.now());
    await this.#client.set(key, now);
    if ((await this.#client.get(key)) === null) {
      throw new LeadwireError('TEMPORARY', 'Redis accepted a write but did not return it');
    }
  }

  async close(): Promise<void> {
    if (this.#ownsClient && this.#client.status !== 'end') await this.#client.quit();
  }

  #key(...parts: string[]): string {
    return [this.#base, ...parts].join(':');
  }
}

function asArray(reply: unknown): unknown[] {
  if (!Array.isArray(reply)) throw new LeadwireError('TEMPORARY', 'unexpected reply from a Redis script');
  return reply;
}
