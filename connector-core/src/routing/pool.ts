// The unassigned pool: anyone active may claim from it, its manager is alerted once when an item waits too
// long, and the backlog sweep re-offers items urgent first, then longest waiting — except items that got
// there by using up their SLA hops, which wait for a person to claim them.
import type { Directory } from './directory.ts';
import type { RoutingConfig } from './routing-schema.ts';

export interface PoolItem {
  conversationId: string;
  urgent: boolean;
  /** epoch ms the conversation entered the pool */
  enteredPoolAt: number;
  /** it reached the pool by exhausting `sla.maxHops` */
  exhaustedHops: boolean;
}

/** The items the backlog sweep offers again, in order: urgent first, then longest waiting. */
export function sweepOrder<T extends PoolItem>(items: readonly T[]): T[] {
  return items
    .filter((item) => !item.exhaustedHops)
    .sort(
      (a, b) =>
        Number(b.urgent) - Number(a.urgent) ||
        a.enteredPoolAt - b.enteredPoolAt ||
        (a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0),
    );
}

/** When the manager is alerted about an unclaimed item: `pool.alertAfterHours` after it entered the pool. */
export function poolAlertAt(routing: Pick<RoutingConfig, 'pool'>, enteredPoolAt: number): number {
  return enteredPoolAt + routing.pool.alertAfterHours * 3_600_000;
}

/** Alert now? Only once per stay in the pool (`alertedAt` set = already alerted). */
export function managerAlertDue(
  routing: Pick<RoutingConfig, 'pool'>,
  item: { enteredPoolAt: number; alertedAt?: number | undefined },
  nowMs: number,
): boolean {
  return item.alertedAt === undefined && nowMs >= poolAlertAt(routing, item.enteredPoolAt);
}

/** The user the pool alert goes to: `pool.manager`, else the admin; undefined when neither is set. */
export function poolManager(routing: Pick<RoutingConfig, 'pool' | 'admin'>): string | undefined {
  return routing.pool.manager ?? routing.admin;
}

export type ClaimResult =
  | { ok: true; assignee: { kind: 'user'; id: string; name?: string } }
  | { ok: false; reason: 'missing' | 'inactive' };

/**
 * A claim from the pool assigns the claimer if they are an active user — no presence or capacity check,
 * and no SLA re-route afterwards (a claim is a person's choice, not routing's).
 */
export function claimFromPool(directory: Directory, userId: string): ClaimResult {
  const id = directory.aliases?.[userId] ?? userId;
  const user = directory.users.find((candidate) => candidate.id === id);
  if (user === undefined) return { ok: false, reason: 'missing' };
  if (!user.active) return { ok: false, reason: 'inactive' };
  return {
    ok: true,
    assignee: user.name === undefined ? { kind: 'user', id } : { kind: 'user', id, name: user.name },
  };
}
