// route() on a routing config as a tenant writes it: a first-time Lead with no signals, nobody declared
// away, no assignments yet, at `now` — each test overrides what it is about.
import { buildDirectory } from '../../src/routing/directory.ts';
import { type RouteInput, type RoutingDecision, route } from '../../src/routing/route.ts';
import { type RoutingConfigInput, routingConfigSchema } from '../../src/routing/routing-schema.ts';

export type RouteOverrides = Partial<Omit<RouteInput, 'routing' | 'directory'>>;

export function routeWith(
  config: RoutingConfigInput,
  now: Date,
  overrides: RouteOverrides = {},
): RoutingDecision {
  const routing = routingConfigSchema.parse(config);
  return route({
    conversation: { id: 'c1', returning: false },
    signals: {},
    decision: 'lead',
    presence: {},
    stats: { users: {} },
    now,
    ...overrides,
    routing,
    directory: buildDirectory(undefined, routing),
  });
}
