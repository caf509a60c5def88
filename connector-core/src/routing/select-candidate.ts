// Choosing one person among the eligible members of a group. Every strategy ends its ties the same way:
// the least recently assigned first (never assigned counts as least recent), then — for assignments
// stamped in the same millisecond — the one assigned fewer times in all, then the user id alphabetically,
// so the same inputs always pick the same person and a burst of leads still goes round.
import type { GroupStrategy } from './routing-schema.ts';

export interface UserStats {
  /** open conversations this person holds */
  open: number;
  /** epoch ms of the last assignment */
  lastAssignedAt?: number | undefined;
  /** epoch ms of recent assignments (older than any window may be pruned) */
  recentAssignments: number[];
  /** assignments ever made to this person (breaks ties between assignments in the same millisecond) */
  count?: number | undefined;
}

export interface SelectionContext {
  stats: Record<string, UserStats | undefined>;
  nowMs: number;
  /** how far back `least_active` counts assignments */
  windowMs: number;
}

function lastAssigned(stats: UserStats | undefined): number {
  if (stats === undefined) return Number.NEGATIVE_INFINITY;
  if (stats.lastAssignedAt !== undefined) return stats.lastAssignedAt;
  return stats.recentAssignments.length > 0 ? Math.max(...stats.recentAssignments) : Number.NEGATIVE_INFINITY;
}

/** Assignments within the window ending now; one exactly `windowMs` old still counts, an older one does not. */
export function assignmentsInWindow(stats: UserStats | undefined, nowMs: number, windowMs: number): number {
  if (stats === undefined) return 0;
  return stats.recentAssignments.filter((at) => at <= nowMs && nowMs - at <= windowMs).length;
}

function primaryKey(strategy: GroupStrategy, userId: string, context: SelectionContext): number {
  const stats = context.stats[userId];
  switch (strategy) {
    case 'round_robin':
      return 0;
    case 'least_active':
      return assignmentsInWindow(stats, context.nowMs, context.windowMs);
    case 'balanced':
      return stats?.open ?? 0;
  }
}

/** The eligible user ids in the order `strategy` prefers them; the first is the one to assign. */
export function rankCandidates(
  userIds: readonly string[],
  strategy: GroupStrategy,
  context: SelectionContext,
): string[] {
  const keyed = userIds.map((id) => ({
    id,
    primary: primaryKey(strategy, id, context),
    last: lastAssigned(context.stats[id]),
    count: context.stats[id]?.count ?? 0,
  }));
  keyed.sort(
    (a, b) =>
      a.primary - b.primary ||
      a.last - b.last ||
      a.count - b.count ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return keyed.map((entry) => entry.id);
}
