// The sandbox business: one company (home services, a clinic and a restaurant) with two WhatsApp lines, one
// writing to HubSpot and one to Salesforce, the example intake catalog, a small team with working hours and
// the routing RevOps would start from. Every outside service is an emulator started in this process.
import {
  type Config,
  type ConfigInput,
  configSchema,
  type RoutingConfigInput,
} from '@leadwire/connector-core';
import { exampleIntakeInput } from '@leadwire/connector-core/testing';

export type SandboxCrm = 'hubspot' | 'salesforce';
export const SANDBOX_CRMS: readonly SandboxCrm[] = ['hubspot', 'salesforce'];

export const SANDBOX_BUSINESS = 'Oasis Services';

/** Each CRM's WhatsApp line: Meta's documentation number for HubSpot, the next one for Salesforce. */
export const sandboxLines: Record<SandboxCrm, { tenantId: string; phoneNumberId: string; display: string }> =
  {
    hubspot: { tenantId: 'sandbox-hubspot', phoneNumberId: '106540352242922', display: '+1 555-078-3881' },
    salesforce: {
      tenantId: 'sandbox-salesforce',
      phoneNumberId: '106540352242923',
      display: '+1 555-078-3882',
    },
  };

export interface SandboxPerson {
  key: 'sara' | 'omar' | 'layla' | 'diego' | 'mona';
  firstName: string;
  lastName: string;
  /** the owner id in each CRM */
  ids: Record<SandboxCrm, string>;
}

/** The team, with each person's id in HubSpot (owner id) and in Salesforce (User Id). */
export const sandboxTeam: SandboxPerson[] = [
  {
    key: 'sara',
    firstName: 'Sara',
    lastName: 'Haddad',
    ids: { hubspot: '101', salesforce: '005000000000101AAA' },
  },
  {
    key: 'omar',
    firstName: 'Omar',
    lastName: 'Farouk',
    ids: { hubspot: '102', salesforce: '005000000000102AAA' },
  },
  {
    key: 'layla',
    firstName: 'Layla',
    lastName: 'Nasser',
    ids: { hubspot: '103', salesforce: '005000000000103AAA' },
  },
  {
    key: 'diego',
    firstName: 'Diego',
    lastName: 'Martins',
    ids: { hubspot: '104', salesforce: '005000000000104AAA' },
  },
  {
    key: 'mona',
    firstName: 'Mona',
    lastName: 'Aziz',
    ids: { hubspot: '900', salesforce: '005000000000900AAA' },
  },
];

export const fullName = (person: SandboxPerson): string => `${person.firstName} ${person.lastName}`;

const everyDay = (range: string) =>
  Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((day) => [day, [range]]));

/** The routing of one line: ids are that CRM's. */
export function sandboxRouting(crm: SandboxCrm): RoutingConfigInput {
  const id = (key: SandboxPerson['key']) => sandboxTeam.find((person) => person.key === key)!.ids[crm];
  const person = (key: SandboxPerson['key']) => fullName(sandboxTeam.find((p) => p.key === key)!);
  return {
    timezone: 'Asia/Riyadh',
    admin: id('mona'),
    users: [
      {
        id: id('sara'),
        name: person('sara'),
        groups: ['cleaning'],
        areas: ['jeddah'],
        languages: ['ar', 'en'],
        hours: { days: everyDay('07:00-23:00') },
      },
      {
        id: id('omar'),
        name: person('omar'),
        groups: ['cleaning', 'home-repairs'],
        languages: ['ar', 'en'],
        hours: { days: everyDay('00:00-24:00') },
      },
      { id: id('layla'), name: person('layla'), groups: ['clinic'], languages: ['ar', 'en', 'hi'] },
      { id: id('diego'), name: person('diego'), groups: ['hosts'], languages: ['es', 'pt', 'en'] },
      { id: id('mona'), name: person('mona') },
    ],
    groups: [
      { id: 'cleaning', strategy: 'round_robin' },
      { id: 'home-repairs', strategy: 'least_active' },
      { id: 'clinic', strategy: 'balanced' },
      { id: 'hosts', strategy: 'round_robin' },
    ],
    rules: [
      {
        id: 'returning',
        when: { customer: 'returning' },
        targets: [{ recordOwner: { offlineTransfer: { group: 'cleaning' } } }],
      },
      {
        id: 'clinic',
        when: { serviceType: ['clinic_visit'] },
        targets: [{ group: 'clinic' }, { admin: true }],
      },
      {
        id: 'restaurant',
        when: { serviceType: ['table_reservation'] },
        targets: [{ group: 'hosts' }, { admin: true }],
      },
      {
        id: 'repairs',
        when: { serviceType: ['ac_repair', 'plumbing', 'pest_control'] },
        targets: [{ group: 'home-repairs' }, { admin: true }],
      },
      {
        id: 'cleaning',
        when: { serviceType: ['deep_cleaning'] },
        targets: [{ group: 'cleaning' }, { admin: true }],
      },
      { id: 'questions', when: { decision: ['inquiry'] }, targets: [{ admin: true }, { unassigned: true }] },
      { id: 'everything-else', targets: [{ group: 'cleaning' }, { unassigned: true }] },
    ],
    sla: { minutes: 5, maxHops: 2 },
    pool: { alertAfterHours: 2, manager: id('mona') },
  };
}

/** Where the emulators listen and what they accept. */
export interface SandboxEndpoints {
  graphUrl: string;
  /** the WhatsApp Business Account whose message templates the Graph emulator serves */
  wabaId: string;
  openAiUrl: string;
  hubspot: { url: string; portalId: number };
  salesforce: { url: string; orgId: string; clientId: string; apiVersion: string };
}

/** The environment the sandbox config's `env:` references name (emulator credentials, not secrets). */
export interface SandboxSecrets {
  LEADWIRE_SANDBOX_APP_SECRET: string;
  LEADWIRE_SANDBOX_VERIFY_TOKEN: string;
  LEADWIRE_SANDBOX_GRAPH_TOKEN: string;
  LEADWIRE_SANDBOX_OPENAI_KEY: string;
  LEADWIRE_SANDBOX_HUBSPOT_TOKEN: string;
  LEADWIRE_SANDBOX_SF_SECRET: string;
  LEADWIRE_SANDBOX_SF_ACCESS: string;
  LEADWIRE_SANDBOX_SF_REFRESH: string;
  LEADWIRE_SECRET_KEY: string;
}

export function sandboxConfig(
  endpoints: SandboxEndpoints,
  options: { sqlitePath: string; port?: number; host?: string },
): Config {
  const tenant = (crm: SandboxCrm): NonNullable<ConfigInput['tenants']>[number] => ({
    id: sandboxLines[crm].tenantId,
    name: `${SANDBOX_BUSINESS} (${crm === 'hubspot' ? 'HubSpot' : 'Salesforce'})`,
    whatsapp: {
      app: 'sandbox',
      phoneNumberIds: [sandboxLines[crm].phoneNumberId],
      wabaId: endpoints.wabaId,
      accessToken: 'env:LEADWIRE_SANDBOX_GRAPH_TOKEN',
    },
    intake: exampleIntakeInput,
    // Voice notes are transcribed by the emulated OpenAI-compatible endpoint; intake itself stays offline.
    llm: { baseURL: endpoints.openAiUrl, apiKey: 'env:LEADWIRE_SANDBOX_OPENAI_KEY', transcription: {} },
    routing: sandboxRouting(crm),
    crm:
      crm === 'hubspot'
        ? {
            hubspot: {
              accessToken: 'env:LEADWIRE_SANDBOX_HUBSPOT_TOKEN',
              portalId: String(endpoints.hubspot.portalId),
              apiBaseUrl: endpoints.hubspot.url,
            },
          }
        : {
            salesforce: {
              instanceUrl: endpoints.salesforce.url,
              orgId: endpoints.salesforce.orgId,
              accessToken: 'env:LEADWIRE_SANDBOX_SF_ACCESS',
              refreshToken: 'env:LEADWIRE_SANDBOX_SF_REFRESH',
            },
          },
  });
  return configSchema.parse({
    server: { port: options.port ?? 3000, host: options.host ?? '127.0.0.1' },
    storage: { sqlitePath: options.sqlitePath, sqliteSynchronous: 'NORMAL' },
    // Snappier than production (1.5 s / 5 s): a visitor types one message at a time.
    turns: { debounceMs: 600, maxWaitMs: 2000, backoffMs: 250 },
    whatsapp: {
      verifyToken: 'env:LEADWIRE_SANDBOX_VERIFY_TOKEN',
      graphBaseUrl: endpoints.graphUrl,
      replyIntervalMs: 0,
      apps: [{ id: 'sandbox', appSecret: 'env:LEADWIRE_SANDBOX_APP_SECRET' }],
    },
    salesforce: {
      consumerKey: endpoints.salesforce.clientId,
      consumerSecret: 'env:LEADWIRE_SANDBOX_SF_SECRET',
      publicUrl: `http://localhost:${options.port ?? 3000}`,
      loginUrl: endpoints.salesforce.url,
      apiVersion: endpoints.salesforce.apiVersion,
    },
    logging: { level: 'warn' },
    tenants: [tenant('hubspot'), tenant('salesforce')],
  } satisfies ConfigInput);
}
