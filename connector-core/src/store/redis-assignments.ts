// Redis assignments: scale-out mode's routing state. A change reads the assignment, computes the next one with
// the same transitions as SQLite, then writes it with one Lua script that first re-checks the version (and the
// chosen user's count): the version moves on every change, so a script that finds the version it was given
// finds exactly the state the change was computed from, and writes it with every counter it moves, or nothing.
//
// Keys live under `{<prefix>}:asg:` (the store's prefix may be shared; the hash tag keeps one slot):
//   a:<conversationId>      hash: version, json (the current assignment)
//   log:<conversationId>    list of every assignment made, oldest first (JSON)
//   pool:<tenantId>         sorted set of open pool items, scored by poolSince
//   user:<["tenant","user"]>   hash: open, count, last (lastAssignedAt)
//   recent:<["tenant","user"]> sorted set of assignment timestamps (member `<at>:<conversationId>:<version>`)
//   presence:<tenantId>     hash userId → status;  presence-at:<tenantId>  hash userId → at
import type { Redis } from 'ioredis';
import { LeadwireError } from '../model/errors.ts';
import type {
  AssignInput,
  Assignment,
  Assignments,
  AssignResult,
  PresenceStatus,
  UserRoutingStats,
} from '../ports/assignments.ts';
import { type Clock, systemClock } from '../ports/clock.ts';
import {
  ASSIGNMENT_LOG_RETENTION_MS,
  alertedAssignment,
  closedAssignment,
  currentVersion,
  isAlertable,
  isInPool,
  nextAssignment,
  openOwner,
} from './assignment-rules.ts';
import { type LuaArg, LuaScript } from './lua-script.ts';
import { openRedis } from './redis-connection.ts';

export interface RedisAssignmentsOptions {
  /** used when no `client` is given (default `redis://127.0.0.1:6379`); the adapter opens and closes it */
  url?: string;
  /** an existing connection (e.g. the store's); the adapter does not close it */
  client?: Redis;
  /** key prefix (default `lw`, the store's); keys are `{<prefix>}:asg:…` */
  prefix?: string;
  /** "now" for pruning users' assignment logs (default: the system clock) */
  clock?: Clock;
}

// Checks come before any write: a Lua error does not undo the writes before it.
const assignScript = `
local base = KEYS[1]
local key, expected, json, version = base .. ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local current = redis.call('HMGET', key, 'version', 'json')
if tonumber(current[1] or '0') ~= tonumber(expected) then return {0, 'version', current[2] or false} end
local newUser, expectedCount = ARGV[5], ARGV[6]
if newUser ~= '' and expectedCount ~= '' then
  local count = redis.call('HGET', base .. newUser, 'count') or '0'
  if tonumber(count) ~= tonumber(expectedCount) then return {0, 'user_count', current[2] or false} end
end
local previousOwner, previousPool, nextPool = ARGV[7], ARGV[8], ARGV[9]
local conversationId, poolSince, at, cutoff = ARGV[10], ARGV[11], ARGV[12], ARGV[13]
local recent, member = ARGV[14], ARGV[15]
redis.call('HSET', key, 'version', version, 'json', json)
redis.call('RPUSH', base .. ARGV[16], json)
if previousOwner ~= '' then redis.call('HINCRBY', base .. previousOwner, 'open', -1) end
if newUser ~= '' then
  local user = base .. newUser
  redis.call('HINCRBY', user, 'open', 1)
  redis.call('HINCRBY', user, 'count', 1)
  local last = redis.call('HGET', user, 'last')
  if not last or tonumber(last) < tonumber(at) then redis.call('HSET', user, 'last', at) end
  redis.call('ZADD', base .. recent, at, member)
  redis.call('ZREMRANGEBYSCORE', base .. recent, '-inf', '(' .. cutoff)
end
if previousPool ~= '' then redis.call('ZREM', base .. previousPool, conversationId) end
if nextPool ~= '' then redis.call('ZADD', base .. nextPool, poolSince, conversationId) end
return {1}
`;

/** close and markAlerted: compare-and-set the assignment; close also frees its owner and leaves the pool. */
const updateScript = `
local base = KEYS[1]
local key, expected, json, version = base .. ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local current = redis.call('HMGET', key, 'version', 'json')
if tonumber(current[1] or '0') ~= tonumber(expected) then return {0, 'version', current[2] or false} end
redis.call('HSET', key, 'version', version, 'json', json)
if ARGV[5] ~= '' then redis.call('HINCRBY', base .. ARGV[5], 'open', -1) end
if ARGV[6] ~= '' then redis.call('ZREM', base .. ARGV[6], ARGV[7]) end
return {1}
`;

/** One snapshot of several users: open, count, last, then the timestamps in the window, per user. */
const statsScript = `
local base = KEYS[1]
local from, to = ARGV[1], ARGV[2]
local out = {}
for i = 3, #ARGV, 2 do
  local fields = redis.call('HMGET', base .. ARGV[i], 'open', 'count', 'last')
  out[#out + 1] = {fields[1] or '0', fields[2] or '0', fields[3] or '',
    redis.call('ZRANGEBYSCORE', base .. ARGV[i + 1], from, to, 'WITHSCORES')}
end
return out
`;

const poolScript = `
local base = KEYS[1]
local out = {}
for _, id in ipairs(redis.call('ZRANGE', base .. ARGV[1], 0, -1)) do
  out[#out + 1] = redis.call('HGET', base .. ARGV[2] .. id, 'json')
end
return out
`;

const presenceScript = `
local base = KEYS[1]
local statuses, times, userId, status, at = base .. ARGV[1], base .. ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local stored = redis.call('HGET', times, userId)
if stored and tonumber(stored) > tonumber(at) then return 0 end
redis.call('HSET', statuses, userId, status)
redis.call('HSET', times, userId, at)
return 1
`;

const scripts = {
  assign: new LuaScript(assignScript),
  update: new LuaScript(updateScript),
  stats: new LuaScript(statsScript),
  pool: new LuaScript(poolScript),
  presence: new LuaScript(presenceScript),
};

// Key suffixes, appended to `{<prefix>}` inside the scripts.
const keys = {
  assignment: (conversationId: string) => `:asg:a:${conversationId}`,
  assignmentPrefix: ':asg:a:',
  log: (conversationId: string) => `:asg:log:${conversationId}`,
  pool: (tenantId: string) => `:asg:pool:${tenantId}`,
  // JSON keeps the pair unambiguous whatever characters the ids hold.
  user: (tenantId: string, userId: string) => `:asg:user:${JSON.stringify([tenantId, userId])}`,
  recent: (tenantId: string, userId: string) => `:asg:recent:${JSON.stringify([tenantId, userId])}`,
  presence: (tenantId: string) => `:asg:presence:${tenantId}`,
  presenceAt: (tenantId: string) => `:asg:presence-at:${tenantId}`,
};

export class RedisAssignments implements Assignments {
  readonly #client: Redis;
  readonly #ownsClient: boolean;
  readonly #base: string;
  readonly #clock: Clock;

  constructor(options: RedisAssignmentsOptions = {}) {
    this.#ownsClient = options.client === undefined;
    this.#client = options.client ?? openRedis(options.url);
    this.#base = `{${options.prefix ?? 'lw'}}`;
    this.#clock = options.clock ?? systemClock;
  }

  async assign(input: AssignInput): Promise<AssignResult> {
    const current = await this.get(input.conversationId);
    if (currentVersion(current) !== input.expectedVersion) return conflict('version', current);
    const next = nextAssignment(current, input);
    const { tenantId, assignee, conversationId, at } = input;
    const user = assignee.kind === 'user' ? assignee.id : undefined;
    const previousOwner = openOwner(current);
    const reply = await this.#run(scripts.assign, [
      keys.assignment(conversationId),
      input.expectedVersion,
      JSON.stringify(next),
      next.version,
      user === undefined ? '' : keys.user(tenantId, user),
      user === undefined || input.expectedUserCount === undefined ? '' : input.expectedUserCount,
      current === undefined || previousOwner === undefined ? '' : keys.user(current.tenantId, previousOwner),
      current !== undefined && isInPool(current) ? keys.pool(current.tenantId) : '',
      isInPool(next) ? keys.pool(tenantId) : '',
      conversationId,
      next.poolSince ?? '',
      at,
      this.#clock.now() - ASSIGNMENT_LOG_RETENTION_MS,
      user === undefined ? '' : keys.recent(tenantId, user),
      `${at}:${conversationId}:${next.version}`,
      keys.log(conversationId),
    ]);
    return outcome(reply, next);
  }

  async get(conversationId: string): Promise<Assignment | undefined> {
    const json = await this.#client.hget(this.#key(keys.assignment(conversationId)), 'json');
    return json === null ? undefined : parseAssignment(json);
  }

  async history(conversationId: string): Promise<Assignment[]> {
    const entries = await this.#client.lrange(this.#key(keys.log(conversationId)), 0, -1);
    return entries.map(parseAssignment);
  }

  async stats(
    tenantId: string,
    userIds: readonly string[],
    now: number,
    windowMs: number,
  ): Promise<{ users: Record<string, UserRoutingStats> }> {
    const args: LuaArg[] = [now - windowMs, now];
    for (const userId of userIds) args.push(keys.user(tenantId, userId), keys.recent(tenantId, userId));
    const rows = asArray(await this.#run(scripts.stats, args));
    const users: Record<string, UserRoutingStats> = {};
    userIds.forEach((userId, i) => {
      const [open, count, last, recent] = asArray(rows[i]);
      const scores = asArray(recent).filter((_, j) => j % 2 === 1);
      const stats: UserRoutingStats = {
        open: Number(open),
        recentAssignments: scores.map(Number).sort((a, b) => a - b),
        count: Number(count),
      };
      if (last !== '') stats.lastAssignedAt = Number(last);
      users[userId] = stats;
    });
    return { users };
  }

  async close(conversationId: string, expectedVersion: number): Promise<AssignResult> {
    const current = await this.get(conversationId);
    if (current === undefined || current.version !== expectedVersion) return conflict('version', current);
    if (current.closed) return { status: 'assigned', assignment: current };
    const next = closedAssignment(current);
    const owner = openOwner(current);
    return this.#update(
      current,
      next,
      owner === undefined ? '' : keys.user(current.tenantId, owner),
      isInPool(current) ? keys.pool(current.tenantId) : '',
    );
  }

  async pool(tenantId: string): Promise<Assignment[]> {
    const entries = asArray(await this.#run(scripts.pool, [keys.pool(tenantId), keys.assignmentPrefix]));
    return entries.map((json) => parseAssignment(String(json)));
  }

  async markAlerted(conversationId: string, at: number, expectedVersion: number): Promise<AssignResult> {
    const current = await this.get(conversationId);
    if (current?.version !== expectedVersion || !isAlertable(current)) return conflict('version', current);
    return this.#update(current, alertedAssignment(current, at), '', '');
  }

  async setPresence(tenantId: string, userId: string, status: PresenceStatus, at: number): Promise<void> {
    await this.#run(scripts.presence, [
      keys.presence(tenantId),
      keys.presenceAt(tenantId),
      userId,
      status,
      at,
    ]);
  }

  async presence(tenantId: string): Promise<Record<string, PresenceStatus>> {
    const declared = await this.#client.hgetall(this.#key(keys.presence(tenantId)));
    return declared as Record<string, PresenceStatus>;
  }

  async shutdown(): Promise<void> {
    if (this.#ownsClient && this.#client.status !== 'end') await this.#client.quit();
  }

  async #update(current: Assignment, next: Assignment, releaseUser: string, leavePool: string) {
    const reply = await this.#run(scripts.update, [
      keys.assignment(current.conversationId),
      current.version,
      JSON.stringify(next),
      next.version,
      releaseUser,
      leavePool,
      current.conversationId,
    ]);
    return outcome(reply, next);
  }

  #run(script: LuaScript, args: LuaArg[]): Promise<unknown> {
    return script.run(this.#client, this.#base, args);
  }

  #key(suffix: string): string {
    return this.#base + suffix;
  }
}

/** `{1}` → the change was written; `{0, reason, currentJson|nil}` → a conflict, nothing written. */
function outcome(reply: unknown, next: Assignment): AssignResult {
  const [ok, reason, json] = asArray(reply);
  if (ok === 1) return { status: 'assigned', assignment: next };
  const current = typeof json === 'string' ? parseAssignment(json) : undefined;
  return conflict(reason === 'user_count' ? 'user_count' : 'version', current);
}

function conflict(reason: 'version' | 'user_count', current: Assignment | undefined): AssignResult {
  return { status: 'conflict', reason, current };
}

/** Values hold JSON this adapter wrote itself: trusted, not re-validated. */
function parseAssignment(json: string): Assignment {
  return JSON.parse(json) as Assignment;
}

function asArray(reply: unknown): unknown[] {
  if (!Array.isArray(reply)) throw new LeadwireError('TEMPORARY', 'unexpected reply from a Redis script');
  return reply;
}
