// The assignment rules both adapters apply: pure transitions from one assignment to the next (owner,
// holders, hops, pool fields, closing, the manager alert), so SQLite and Redis cannot drift apart.
import type { AssignInput, Assignment } from '../ports/assignments.ts';

/** How long a user's assignment timestamps are kept for `stats().recentAssignments` (the longest window). */
export const ASSIGNMENT_LOG_RETENTION_MS = 24 * 60 * 60 * 1000;

// Transitions: pure, applied by each adapter after its version check passed, inside its atomic step.

/** In the pool: an open assignment to the pool. */
export function isInPool(assignment: Assignment | undefined): boolean {
  return assignment !== undefined && assignment.assignee.kind === 'pool' && !assignment.closed;
}

/** The user whose capacity the assignment takes: its assignee while it is an open user assignment. */
export function openOwner(assignment: Assignment | undefined): string | undefined {
  return assignment !== undefined && assignment.assignee.kind === 'user' && !assignment.closed
    ? assignment.assignee.id
    : undefined;
}

/** The assignment `input` makes from `current` (undefined for the first one). */
export function nextAssignment(current: Assignment | undefined, input: AssignInput): Assignment {
  const { assignee } = input;
  const holders = current?.holders ?? [];
  const next: Assignment = {
    tenantId: input.tenantId,
    conversationId: input.conversationId,
    assignee:
      assignee.name === undefined
        ? { kind: assignee.kind, id: assignee.id }
        : { kind: assignee.kind, id: assignee.id, name: assignee.name },
    source: input.source,
    urgent: input.urgent,
    hops: (current?.hops ?? 0) + (input.source === 'reroute' ? 1 : 0),
    holders:
      assignee.kind === 'user' && !holders.includes(assignee.id) ? [...holders, assignee.id] : [...holders],
    at: input.at,
    version: (current?.version ?? 0) + 1,
    closed: false,
  };
  if (input.ruleId !== undefined) next.ruleId = input.ruleId;
  if (assignee.kind === 'pool') {
    // Staying in the pool keeps its clock (the alert deadline) and its alert; entering starts both afresh.
    const stays = isInPool(current);
    next.poolSince = stays ? (current?.poolSince ?? input.at) : input.at;
    if (input.exhaustedHops ?? (stays && current?.exhaustedHops === true)) next.exhaustedHops = true;
    if (stays && current?.alertedAt !== undefined) next.alertedAt = current.alertedAt;
  }
  if (input.trace !== undefined) next.trace = input.trace;
  return next;
}

export function closedAssignment(current: Assignment): Assignment {
  return { ...current, closed: true, version: current.version + 1 };
}

/** Alertable: an open pool item the manager was not alerted about yet. */
export function isAlertable(current: Assignment | undefined): current is Assignment {
  return isInPool(current) && current?.alertedAt === undefined;
}

export function alertedAssignment(current: Assignment, at: number): Assignment {
  return { ...current, alertedAt: at, version: current.version + 1 };
}

/** The version a compare-and-set expects to find: 0 when there is no assignment yet. */
export function currentVersion(current: Assignment | undefined): number {
  return current?.version ?? 0;
}

/** Drop assignment timestamps older than the retention, relative to `now`. */
export function pruneAssignmentLog(timestamps: readonly number[], now: number): number[] {
  const cutoff = now - ASSIGNMENT_LOG_RETENTION_MS;
  return timestamps.filter((at) => at >= cutoff);
}
