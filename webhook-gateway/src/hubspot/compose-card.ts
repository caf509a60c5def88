// Composition of the HubSpot card backend: only when the deployment runs a HubSpot app (`hubspot` in the
// config: its client secret signs the card's calls, its publicUrl is the URL they are signed for).
import { type Config, resolveSecret } from '@leadwire/connector-core';
import type { Logger } from '../observability/logger.ts';
import { graphMessengerFor, type Runtime } from '../runtime/compose.ts';
import type { CrmRuntime } from '../runtime/crm.ts';
import type { RoutingService } from '../runtime/routing-service.ts';
import type { HubspotCardRoutesOptions } from './card-routes.ts';
import { cardService } from './card-service.ts';
import { hubspotPortals } from './portals.ts';
import { type RoutingOverrides, routingOverrides } from './routing-overrides.ts';

export interface HubspotCard {
  /** what `hubspotCardRoutes` needs; undefined in a worker-only process */
  routes: Omit<HubspotCardRoutesOptions, 'logger'>;
  overrides: RoutingOverrides;
  close(): Promise<void>;
}

/**
 * Routing overrides saved from the settings page, applied to `config` now and re-read every `refreshMs`
 * (every process: a worker routes with what a gateway saved). Undefined without a HubSpot app.
 */
export async function openRoutingOverrides(
  config: Config,
  runtime: Runtime,
  logger: Logger,
): Promise<RoutingOverrides | undefined> {
  if (config.hubspot === undefined) return undefined;
  const overrides = routingOverrides({
    config,
    store: runtime.store,
    onError: (error) => logger.warn({ err: error }, 'routing override not applied'),
  });
  await overrides.refresh();
  overrides.start();
  return overrides;
}

export function openHubspotCard(options: {
  config: Config;
  env: NodeJS.ProcessEnv;
  runtime: Runtime;
  crm: CrmRuntime;
  routing: RoutingService;
  overrides: RoutingOverrides;
}): HubspotCard | undefined {
  const { config, env, runtime, crm, routing, overrides } = options;
  const app = config.hubspot;
  if (app === undefined) return undefined;
  const messenger = graphMessengerFor(config, runtime, env);
  const portals = hubspotPortals({
    config,
    crm,
    ...(crm.hubspotOAuth === undefined ? {} : { oauth: crm.hubspotOAuth }),
    now: () => runtime.clock.now(),
  });
  const service = cardService({
    config,
    store: runtime.store,
    assignments: runtime.assignments,
    queue: runtime.queue,
    clock: runtime.clock,
    routing,
    portals,
    overrides,
    messenger,
    canSendFrom: (phoneNumberId) =>
      config.tenants.some(
        (tenant) =>
          tenant.whatsapp.accessToken !== undefined && tenant.whatsapp.phoneNumberIds.includes(phoneNumberId),
      ),
  });
  return {
    routes: {
      service,
      clientSecret: resolveSecret(app.clientSecret, env),
      publicUrl: app.publicUrl,
      now: () => runtime.clock.now(),
    },
    overrides,
    close: () => portals.close(),
  };
}
