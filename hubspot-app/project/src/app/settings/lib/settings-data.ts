// The contract of the settings page: `GET {backend}/hubspot/settings` (connection, WhatsApp numbers, the
// portal's owners and teams, the intake catalog for rule conditions, the tenant's routing config) and
// `PUT {backend}/hubspot/settings` with `{ routing }`. `routing` is the `routing` section of the Leadwire
// config file, in its input form (routingConfigSchema from connector-core validates it on both sides).
import type { RoutingConfigInput } from './vendor/routing-schema.ts';

export const SETTINGS_DATA_VERSION = 1;

export interface SettingsData {
  version: typeof SETTINGS_DATA_VERSION;
  connection: {
    portalId: number;
    /** `paused`: Leadwire stopped writing to this portal (see message); `revoked`: reinstall the app */
    status: 'connected' | 'paused' | 'revoked';
    /** what to do, when not connected */
    message?: string;
    /** ISO time the app was installed */
    installedAt?: string;
  };
  whatsappNumbers: {
    phoneNumberId: string;
    /** e.g. `+966 11 234 5678` */
    displayNumber: string;
    verifiedName?: string;
    status: 'connected' | 'disconnected';
  }[];
  /** HubSpot owners (ids are the owner ids routing assigns to) */
  owners: { id: string; name: string; email?: string; active: boolean }[];
  /** HubSpot teams, with their members as owner ids */
  teams: { id: string; name: string; ownerIds: string[] }[];
  /** ids rule conditions may use (intake.services, intake.areas, intake.languages) */
  catalog: {
    services: { id: string; name: string }[];
    areas: { id: string; name: string }[];
    languages: string[];
  };
  routing: RoutingConfigInput;
}

/** The answer of PUT /hubspot/settings: the routing config as saved. */
export interface SettingsSaved {
  routing: RoutingConfigInput;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A light check of GET /hubspot/settings; the routing section is validated by routingConfigSchema. */
export function parseSettingsData(json: unknown): SettingsData {
  const fail = (what: string): never => {
    throw new Error(`Leadwire sent settings the page cannot read (${what}).`);
  };
  if (!isRecord(json) || json.version !== SETTINGS_DATA_VERSION) fail('version');
  const data = json as Record<string, unknown>;
  if (!isRecord(data.connection) || typeof data.connection.status !== 'string') fail('connection');
  for (const key of ['whatsappNumbers', 'owners', 'teams'] as const) {
    if (!Array.isArray(data[key])) fail(key);
  }
  if (!isRecord(data.catalog)) fail('catalog');
  if (!isRecord(data.routing)) fail('routing');
  return data as unknown as SettingsData;
}
