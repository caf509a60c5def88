// Assignments: who holds each conversation, and the per-user counters routing reads (open work, recent
// assignments, the fairness version). Every change is a compare-and-set on the assignment's version, so two
// workers routing the same conversation cannot both win. Adapters: SQLite (embedded) and Redis (scale-out);
// both pass `defineAssignmentsContract`; both apply the transitions of `store/assignment-rules.ts` inside
// their atomic step.

export type AssigneeKind = 'user' | 'queue' | 'pool';

export interface Assignee {
  kind: AssigneeKind;
  /** the CRM owner id, the CRM queue id, or `pool` */
  id: string;
  name?: string;
}

export type AssignmentSource = 'routing' | 'reroute' | 'continuation' | 'manual' | 'claim';

export interface Assignment {
  tenantId: string;
  conversationId: string;
  assignee: Assignee;
  source: AssignmentSource;
  ruleId?: string;
  urgent: boolean;
  /** re-routes made so far for this conversation (SLA hops) */
  hops: number;
  /** every user who held it, oldest first (the SLA re-route excludes them) */
  holders: string[];
  /** epoch ms of this assignment */
  at: number;
  /** 1 for the first assignment, +1 per change (assign, close, alert) */
  version: number;
  /** set while in the pool: when it entered (kept while it is re-assigned to the pool) */
  poolSince?: number;
  /** reached the pool by exhausting its SLA hops (the sweep skips it) */
  exhaustedHops?: boolean;
  /** the manager was alerted (once per stay in the pool) */
  alertedAt?: number;
  /** the work is done (the CRM task completed); frees the owner's capacity */
  closed: boolean;
  /** the routing trace, stored for `leadwire explain` */
  trace?: unknown;
}

export interface AssignInput {
  tenantId: string;
  conversationId: string;
  assignee: Assignee;
  /** `reroute` counts as an SLA hop */
  source: AssignmentSource;
  ruleId?: string;
  urgent: boolean;
  at: number;
  trace?: unknown;
  /** compare-and-set: the version read before routing (0 = no assignment yet) */
  expectedVersion: number;
  /**
   * Optimistic fairness: the chosen user's `count` as read with `stats()`; another worker assigning to that
   * user first makes this a `user_count` conflict. Ignored unless the assignee is a user.
   */
  expectedUserCount?: number;
  /** only for the pool: it got there by exhausting its SLA hops (kept while it stays in the pool) */
  exhaustedHops?: boolean;
}

/**
 * `assigned`: the change was written (or, for closing an already closed assignment, there was nothing to do).
 * `conflict`: nothing was written; `current` is the assignment as stored now.
 */
export type AssignResult =
  | { status: 'assigned'; assignment: Assignment }
  | { status: 'conflict'; reason: 'version' | 'user_count'; current: Assignment | undefined };

export interface UserRoutingStats {
  /** open (not closed) conversations currently assigned to the user */
  open: number;
  /** epoch ms of the user's latest assignment */
  lastAssignedAt?: number;
  /** epoch ms of the user's assignments inside [now - windowMs, now], oldest first */
  recentAssignments: number[];
  /** assignments ever made to the user: the fairness version `expectedUserCount` compares */
  count: number;
}

export type PresenceStatus = 'online' | 'away';

export interface Assignments {
  /** Assign (or re-assign) a conversation, compare-and-set on `expectedVersion` (and `expectedUserCount`). */
  assign(input: AssignInput): Promise<AssignResult>;
  get(conversationId: string): Promise<Assignment | undefined>;
  /** every assignment made for the conversation, oldest first, as it was when made (explain) */
  history(conversationId: string): Promise<Assignment[]>;
  /**
   * Per requested user (zeroes for a user never assigned). `windowMs` may be at most
   * `ASSIGNMENT_LOG_RETENTION_MS`: older assignment timestamps are pruned when a user is assigned.
   */
  stats(
    tenantId: string,
    userIds: readonly string[],
    now: number,
    windowMs: number,
  ): Promise<{ users: Record<string, UserRoutingStats> }>;
  /**
   * The work is done: frees the owner's capacity once. Closing an assignment that is already closed, at its
   * current version, changes nothing and returns it as it is (same version); a stale version is a conflict.
   */
  close(conversationId: string, expectedVersion: number): Promise<AssignResult>;
  /** the tenant's pool (open assignments whose assignee kind is pool), oldest `poolSince` first */
  pool(tenantId: string): Promise<Assignment[]>;
  /**
   * Record the manager alert for a pool item. `assigned` only for the call that set it: a stale version, an
   * item already alerted, or one no longer in the pool (claimed, closed) is a `version` conflict, so exactly
   * one caller sends the alert.
   */
  markAlerted(conversationId: string, at: number, expectedVersion: number): Promise<AssignResult>;
  /** Declared presence; a declaration older (`at`) than the one stored is ignored. */
  setPresence(tenantId: string, userId: string, status: PresenceStatus, at: number): Promise<void>;
  presence(tenantId: string): Promise<Record<string, PresenceStatus>>;
  /** release connections the adapter opened */
  shutdown?(): Promise<void>;
}
