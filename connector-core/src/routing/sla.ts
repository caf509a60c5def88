// SLA re-route timing: how long a routed assignment may go unanswered before it moves on, and whether a
// re-route is still allowed or the conversation goes to the pool because it used up its hops.
import type { RoutingConfig } from './routing-schema.ts';

type SlaSection = Pick<RoutingConfig, 'sla'>;

/** The delay of the SLA check after a routed assignment: the per-urgency override, else `sla.minutes`. */
export function slaDelayMs(routing: SlaSection, urgent: boolean): number {
  const override = urgent ? routing.sla.byUrgency?.urgent : routing.sla.byUrgency?.normal;
  return (override ?? routing.sla.minutes) * 60_000;
}

/** `maxHops` counts re-routes: with `hops` re-routes made, another is allowed while `hops < maxHops`. */
export function hopsExhausted(routing: SlaSection, hops: number): boolean {
  return hops >= routing.sla.maxHops;
}
