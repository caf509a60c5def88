// Test and sandbox helper: gives an emulated portal the Leadwire property group and properties through the
// real SDK (`properties.groupsApi.create` / `coreApi.create`), as `leadwire setup hubspot` would.
import { Client } from '@hubspot/api-client';
import { type HubspotPortalSettings, leadwirePropertyDefinitions } from '../src/hubspot-crm.ts';
import type { HubspotEmulator } from './hubspot-emulator.ts';

export async function createLeadwireProperties(
  emulator: HubspotEmulator,
  settings: HubspotPortalSettings = {},
): Promise<void> {
  const client = new Client({ accessToken: emulator.accessToken, basePath: emulator.url });
  const definitions = leadwirePropertyDefinitions(settings).filter(
    (d) => d.objectType !== 'leads' || emulator.portal.hasLeads,
  );
  for (const objectType of new Set(definitions.map((d) => d.objectType)))
    await client.crm.properties.groupsApi.create(objectType, { name: 'leadwire', label: 'Leadwire' });
  for (const { objectType, ...definition } of definitions)
    await client.crm.properties.coreApi.create(objectType, definition as never);
}
