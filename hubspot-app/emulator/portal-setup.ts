// Test and sandbox helper: gives an emulated portal the Leadwire property group and properties by running
// `leadwire setup hubspot`'s own implementation (setupHubspotPortal) through the real SDK.
import type { HubspotPortalSettings } from '../src/hubspot-crm.ts';
import { type HubspotSetupReport, setupHubspotPortal } from '../src/setup.ts';
import type { HubspotEmulator } from './hubspot-emulator.ts';

export async function createLeadwireProperties(
  emulator: HubspotEmulator,
  settings: HubspotPortalSettings = {},
): Promise<HubspotSetupReport> {
  const report = await setupHubspotPortal({
    accessToken: emulator.accessToken,
    basePath: emulator.url,
    settings,
  });
  if (report.problems.length > 0)
    throw new Error(`the emulated portal's setup has problems:\n${report.problems.join('\n')}`);
  return report;
}
