import type { DatabaseSync, SQLOutputValue } from 'node:sqlite';
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
  alertedAssignment,
  closedAssignment,
  currentVersion,
  isAlertable,
  isInPool,
  nextAssignment,
  openOwner,
  pruneAssignmentLog,
} from './assignment-rules.ts';
import { type GroupCommit, openGroupCommitted } from './group-commit.ts';

export interface SqliteAssignmentsOptions {
  /** the database file (usually the store's); its directory is created when missing */
  path: string;
  /** `FULL` (default) fsyncs every commit and survives power loss; `NORMAL` survives a process crash, faster */
  synchronous?: 'FULL' | 'NORMAL';
  /** "now" for pruning users' assignment logs (default: the system clock) */
  clock?: Clock;
}

// `pool_since` is set only while the row is an open pool item, so the pool index holds exactly the pool.
// The CHECKs make a counter that would drift below zero fail its transaction instead of being written.
const schema = `
CREATE TABLE IF NOT EXISTS assignments (
  conversation_id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  pool_since INTEGER,
  json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS assignments_pool ON assignments (tenant_id, pool_since, conversation_id)
  WHERE pool_since IS NOT NULL;
CREATE TABLE IF NOT EXISTS assignment_log (
  conversation_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (conversation_id, version)
);
CREATE TABLE IF NOT EXISTS user_routing (
  tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  open INTEGER NOT NULL CHECK (open >= 0),
  last_assigned_at INTEGER,
  count INTEGER NOT NULL CHECK (count >= 0),
  recent TEXT NOT NULL,
  PRIMARY KEY (tenant_id, user_id)
);
CREATE TABLE IF NOT EXISTS presence (
  tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  status TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, user_id)
);
`;

function prepareStatements(db: DatabaseSync) {
  const sql = (text: string) => db.prepare(text);
  return {
    beginRead: sql('BEGIN'),
    commit: sql('COMMIT'),
    rollback: sql('ROLLBACK'),

    getAssignment: sql('SELECT json FROM assignments WHERE conversation_id = ?'),
    putAssignment: sql(
      `INSERT INTO assignments (conversation_id, tenant_id, version, pool_since, json) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET tenant_id = excluded.tenant_id, version = excluded.version,
         pool_since = excluded.pool_since, json = excluded.json`,
    ),
    pool: sql(
      `SELECT json FROM assignments WHERE tenant_id = ? AND pool_since IS NOT NULL
       ORDER BY pool_since, conversation_id`,
    ),

    insertLog: sql('INSERT INTO assignment_log (conversation_id, version, json) VALUES (?, ?, ?)'),
    history: sql('SELECT json FROM assignment_log WHERE conversation_id = ? ORDER BY version'),

    getUser: sql(
      'SELECT open, last_assigned_at, count, recent FROM user_routing WHERE tenant_id = ? AND user_id = ?',
    ),
    putUser: sql(
      `INSERT INTO user_routing (tenant_id, user_id, open, last_assigned_at, count, recent) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET open = excluded.open,
         last_assigned_at = excluded.last_assigned_at, count = excluded.count, recent = excluded.recent`,
    ),
    releaseOpen: sql('UPDATE user_routing SET open = open - 1 WHERE tenant_id = ? AND user_id = ?'),

    // An older declaration arriving late does not overwrite a newer one.
    setPresence: sql(
      `INSERT INTO presence (tenant_id, user_id, status, at) VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET status = excluded.status, at = excluded.at
         WHERE excluded.at >= presence.at`,
    ),
    presence: sql('SELECT user_id, status FROM presence WHERE tenant_id = ? ORDER BY user_id'),
  };
}

export function openSqliteAssignments(options: SqliteAssignmentsOptions): SqliteAssignments {
  return new SqliteAssignments(options);
}

export class SqliteAssignments implements Assignments {
  readonly #db: DatabaseSync;
  readonly #clock: Clock;
  readonly #sql: ReturnType<typeof prepareStatements>;
  readonly #group: GroupCommit;
  readonly #release: () => void;
  #closed = false;

  constructor(options: SqliteAssignmentsOptions) {
    this.#clock = options.clock ?? systemClock;
    const { db, group, release } = openGroupCommitted({
      path: options.path,
      synchronous: options.synchronous ?? 'FULL',
    });
    this.#db = db;
    this.#group = group;
    this.#release = release;
    this.#db.exec(`BEGIN IMMEDIATE; ${schema} COMMIT;`);
    this.#sql = prepareStatements(this.#db);
  }

  async assign(input: AssignInput): Promise<AssignResult> {
    const now = this.#clock.now();
    return this.#transaction(() => {
      const current = this.#get(input.conversationId);
      if (currentVersion(current) !== input.expectedVersion) return conflict('version', current);
      const { assignee, tenantId } = input;
      const user = assignee.kind === 'user' ? this.#user(tenantId, assignee.id) : undefined;
      if (
        user !== undefined &&
        input.expectedUserCount !== undefined &&
        user.count !== input.expectedUserCount
      ) {
        return conflict('user_count', current);
      }
      const next = nextAssignment(current, input);
      this.#write(next);
      this.#sql.insertLog.run(next.conversationId, next.version, JSON.stringify(next));
      const previousOwner = openOwner(current);
      if (current !== undefined && previousOwner !== undefined) {
        this.#sql.releaseOpen.run(current.tenantId, previousOwner);
      }
      if (user !== undefined) {
        // Read after the release: re-assigning the same user nets out to the same open count.
        const { open, lastAssignedAt, count, recent } = this.#user(tenantId, assignee.id);
        const log = pruneAssignmentLog(recent, now);
        log.push(input.at);
        log.sort((a, b) => a - b);
        this.#sql.putUser.run(
          tenantId,
          assignee.id,
          open + 1,
          Math.max(lastAssignedAt ?? input.at, input.at),
          count + 1,
          JSON.stringify(log),
        );
      }
      return { status: 'assigned', assignment: next };
    });
  }

  async get(conversationId: string): Promise<Assignment | undefined> {
    return this.#get(conversationId);
  }

  async history(conversationId: string): Promise<Assignment[]> {
    return this.#sql.history.all(conversationId).map((row) => parseJson<Assignment>(row.json));
  }

  async stats(
    tenantId: string,
    userIds: readonly string[],
    now: number,
    windowMs: number,
  ): Promise<{ users: Record<string, UserRoutingStats> }> {
    return this.#read(() => {
      const users: Record<string, UserRoutingStats> = {};
      for (const userId of userIds) {
        const { open, lastAssignedAt, count, recent } = this.#user(tenantId, userId);
        const stats: UserRoutingStats = {
          open,
          recentAssignments: recent.filter((at) => at >= now - windowMs && at <= now),
          count,
        };
        if (lastAssignedAt !== undefined) stats.lastAssignedAt = lastAssignedAt;
        users[userId] = stats;
      }
      return { users };
    });
  }

  async close(conversationId: string, expectedVersion: number): Promise<AssignResult> {
    return this.#transaction(() => {
      const current = this.#get(conversationId);
      if (current === undefined || current.version !== expectedVersion) return conflict('version', current);
      if (current.closed) return { status: 'assigned', assignment: current };
      const next = closedAssignment(current);
      this.#write(next);
      const owner = openOwner(current);
      if (owner !== undefined) this.#sql.releaseOpen.run(current.tenantId, owner);
      return { status: 'assigned', assignment: next };
    });
  }

  async pool(tenantId: string): Promise<Assignment[]> {
    return this.#sql.pool.all(tenantId).map((row) => parseJson<Assignment>(row.json));
  }

  async markAlerted(conversationId: string, at: number, expectedVersion: number): Promise<AssignResult> {
    return this.#transaction(() => {
      const current = this.#get(conversationId);
      if (current?.version !== expectedVersion || !isAlertable(current)) return conflict('version', current);
      const next = alertedAssignment(current, at);
      this.#write(next);
      return { status: 'assigned', assignment: next };
    });
  }

  async setPresence(tenantId: string, userId: string, status: PresenceStatus, at: number): Promise<void> {
    await this.#transaction(() => this.#sql.setPresence.run(tenantId, userId, status, at));
  }

  async presence(tenantId: string): Promise<Record<string, PresenceStatus>> {
    const declared: Record<string, PresenceStatus> = {};
    for (const row of this.#sql.presence.all(tenantId)) {
      declared[row.user_id as string] = row.status as PresenceStatus;
    }
    return declared;
  }

  async shutdown(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#group.flush();
    this.#release();
  }

  /**
   * Runs `work` in the next group commit (the writes of one event-loop turn share one commit): it sees every
   * write asked for before it, and its promise settles once the group committed.
   */
  #transaction<T>(work: () => T): Promise<T> {
    if (this.#closed)
      return Promise.reject(new LeadwireError('TEMPORARY', 'the SQLite assignments store is shut down'));
    return this.#group.write(work);
  }

  /** Runs `work` on one consistent snapshot (synchronous, so no other call on this connection interleaves). */
  #read<T>(work: () => T): T {
    if (this.#closed) throw new LeadwireError('TEMPORARY', 'the SQLite assignments store is shut down');
    this.#sql.beginRead.run();
    try {
      const result = work();
      this.#sql.commit.run();
      return result;
    } catch (error) {
      if (this.#db.isTransaction) this.#sql.rollback.run();
      throw error;
    }
  }

  #get(conversationId: string): Assignment | undefined {
    const row = this.#sql.getAssignment.get(conversationId);
    return row === undefined ? undefined : parseJson<Assignment>(row.json);
  }

  #write(assignment: Assignment): void {
    this.#sql.putAssignment.run(
      assignment.conversationId,
      assignment.tenantId,
      assignment.version,
      isInPool(assignment) ? (assignment.poolSince ?? assignment.at) : null,
      JSON.stringify(assignment),
    );
  }

  #user(tenantId: string, userId: string): UserRow {
    const row = this.#sql.getUser.get(tenantId, userId);
    if (row === undefined) return { open: 0, count: 0, recent: [] };
    const user: UserRow = {
      open: row.open as number,
      count: row.count as number,
      recent: parseJson<number[]>(row.recent),
    };
    if (row.last_assigned_at !== null) user.lastAssignedAt = row.last_assigned_at as number;
    return user;
  }
}

interface UserRow {
  open: number;
  lastAssignedAt?: number;
  count: number;
  /** assignment timestamps, oldest first, pruned to the retention */
  recent: number[];
}

function conflict(reason: 'version' | 'user_count', current: Assignment | undefined): AssignResult {
  return { status: 'conflict', reason, current };
}

/** Rows hold JSON this adapter wrote itself: trusted, not re-validated. */
function parseJson<T>(value: SQLOutputValue | undefined): T {
  return JSON.parse(value as string) as T;
}
