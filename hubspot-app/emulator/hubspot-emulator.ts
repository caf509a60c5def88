// HubSpot emulator: an in-process stand-in for one HubSpot portal on HubSpot's paths (trailing slashes
// included), the exact 2xx codes `@hubspot/api-client` 14 accepts, its body shapes and error bodies, so the real
// SDK talks to it over HTTP. As strict as HubSpot, on by default: bearer tokens and their granted scopes (403
// MISSING_SCOPES), property definitions and their options (enumerations, owners, pipelines and stages),
// required fields, unique-property semantics, association categories and type ids, 207 multi-status batches,
// a search index that lags writes, the search limit (5/s) and the burst limit (110/10 s); the OAuth authorize
// step checks the app's redirect URLs and scopes (from the project's app-hsmeta.json). It can inject 429 storms,
// 5xx, partial batch failures and latency. Contract: research/hubspot.md §1.4–§1.6, §2, §3, §9, §10.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export type ObjectTypeName =
  | 'contacts'
  | 'deals'
  | 'tickets'
  | 'tasks'
  | 'communications'
  | 'leads'
  | 'notes';

/** HubSpot's object type ids (research §7); the SDK accepts either form. */
export const objectTypeIds: Record<ObjectTypeName, string> = {
  contacts: '0-1',
  deals: '0-3',
  tickets: '0-5',
  communications: '0-18',
  tasks: '0-27',
  notes: '0-46',
  leads: '0-136',
};

export interface EmulatedObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  /** emulator time from which search sees the record as it is now (the index lags writes) */
  indexedAt?: number;
  /** what search returns until `indexedAt` (undefined: the record is not in the index yet) */
  indexed?: Record<string, string | null>;
}

export interface EmulatedAssociation {
  fromType: ObjectTypeName;
  fromId: string;
  toType: ObjectTypeName;
  toId: string;
  typeId: number;
  category: string;
}

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder?: number;
  hidden?: boolean;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  hasUniqueValue: boolean;
  description?: string;
  options?: PropertyOption[];
}

/** The app as HubSpot knows it from its config: where installs may redirect and which scopes it asks for. */
export interface EmulatedApp {
  redirectUrls: string[];
  requiredScopes: string[];
  optionalScopes: string[];
}

export interface EmulatedOwner {
  id: string;
  userId: number;
  email: string;
  firstName: string;
  lastName: string;
  archived: boolean;
  teams: { id: string; name: string; primary: boolean }[];
}

export interface EmulatedUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  primaryTeamId?: string;
  secondaryTeamIds?: string[];
}

export interface EmulatedTeam {
  id: string;
  name: string;
  userIds: string[];
  secondaryUserIds: string[];
}

export interface EmulatedPipeline {
  id: string;
  label: string;
  displayOrder: number;
  stages: { id: string; label: string; displayOrder: number; metadata: Record<string, string> }[];
}

export interface HubspotEmulatorOptions {
  /** the portal (hub) id. Default 123456 */
  portalId?: number;
  /** an access token valid from the start. Default `emulator-token` */
  accessToken?: string;
  /** OAuth app credentials for the token endpoint. Default `cid` / `csecret` */
  clientId?: string;
  clientSecret?: string;
  /** the app's redirect URLs and scopes. Default: hubspot-app/project/src/app/app-hsmeta.json */
  app?: EmulatedApp;
  /**
   * the scopes of the `accessToken` valid from the start. Default: every scope the app declares, less the Leads
   * scopes on a portal without the Leads object (HubSpot grants an optional scope only where it exists)
   */
  scopes?: string[];
  /**
   * how long a write takes to reach the search index (CRM search lags writes by seconds). Default 1500;
   * `indexNow()` makes everything searchable at once
   */
  searchLagMs?: number;
  /** whether the portal has the Leads object (0-136; Sales Hub Pro+). Default true */
  hasLeads?: boolean;
  /** delay before each answer. Default 0 */
  latencyMs?: number;
  /** enforce 110 requests / 10 s (non-search) and 5 searches / s. Default true */
  enforceLimits?: boolean;
  /** emulator time in ms. Default Date.now */
  clock?: () => number;
}

export interface CallCounter {
  total: number;
  /** per route, e.g. `POST /crm/v3/objects/contacts/search` (ids shown as `{id}`) */
  byRoute: Record<string, number>;
  /** every call in order, with the status answered */
  log: { method: string; route: string; status: number }[];
}

export interface StormOptions {
  /** the share of calls answered 429, 0–1 */
  rate: number;
  policyName?: 'TEN_SECONDLY_ROLLING' | 'DAILY';
  /** PRNG seed, for a reproducible storm. Default 1 */
  seed?: number;
  /**
   * send `Retry-After: <seconds>` with the storm's 429s (HubSpot usually sends none, and the adapter then
   * waits out the whole ten-second window; a shorter hint keeps end-to-end storm tests quick)
   */
  retryAfterSeconds?: number;
}

export interface Portal {
  id: number;
  hasLeads: boolean;
  objects: Record<ObjectTypeName, Map<string, EmulatedObject>>;
  associations: EmulatedAssociation[];
  properties: Record<ObjectTypeName, Map<string, PropertyDefinition>>;
  propertyGroups: Record<ObjectTypeName, Set<string>>;
  pipelines: Record<'deals' | 'tickets' | 'leads', EmulatedPipeline[]>;
  owners: EmulatedOwner[];
  users: EmulatedUser[];
  teams: EmulatedTeam[];
}

export interface HubspotEmulator {
  url: string;
  portalId: number;
  accessToken: string;
  clientId: string;
  clientSecret: string;
  calls: CallCounter;
  portal: Portal;
  contacts(): EmulatedObject[];
  leads(): EmulatedObject[];
  deals(): EmulatedObject[];
  tickets(): EmulatedObject[];
  tasks(): EmulatedObject[];
  communications(): EmulatedObject[];
  /** associations from an object, optionally to one type */
  associationsOf(type: ObjectTypeName, id: string, toType?: ObjectTypeName): EmulatedAssociation[];
  /** zero the call counter */
  resetCalls(): void;
  /** zero the counter and empty the CRM records (owners, properties and pipelines stay) */
  reset(): void;
  /** the next call fails with `status` and `body` (default: HubSpot's body for that status) */
  failNext(status: number, body?: unknown): void;
  /** a 429 storm: this share of CRM calls answers 429 with the policy's body until `failRate(undefined)` */
  failRate(storm: StormOptions | undefined): void;
  latencyMs: number;
  /**
   * an OAuth code the token endpoint accepts once (the install callback's `code`), as if an admin had approved
   * the app's own install link: every required scope, and the optional ones the portal has (or `scopes`, for an
   * installation made before the app asked for more)
   */
  issueAuthCode(code?: string, scopes?: string[]): string;
  /**
   * HubSpot's authorize page: an admin approves `authorizeUrl`. Checks the client id, that `redirect_uri` is one
   * of the app's redirect URLs, that `scope` holds every required scope of the app and nothing the app does not
   * declare; grants `scope` plus the optional scopes the portal has (`grantOptional: false` = the admin
   * unticked them). Returns the URL the browser is sent back to (code and state), or throws why HubSpot refuses.
   */
  authorize(authorizeUrl: string, options?: { grantOptional?: boolean }): string;
  /**
   * a record that was in the portal before the test (already searchable), with HubSpot's calculated properties;
   * its properties are not validated (seeded data may predate today's options)
   */
  seed(type: ObjectTypeName, properties: Record<string, string>, id?: string): EmulatedObject;
  /** make every write searchable now (as if the index had caught up) */
  indexNow(): void;
  /** how long writes take to become searchable; 0 = at once */
  searchLagMs: number;
  /**
   * the next batch create/update/upsert answers 207: the first `count` inputs fail (not written) with
   * `category` (default INTERNAL_ERROR), the rest succeed
   */
  failBatchInputsNext(count: number, category?: string): void;
  /** simulate an uninstall: every access and refresh token of the portal stops working */
  revoke(): void;
  close(): Promise<void>;
}

const HUBSPOT_DEFINED = 'HUBSPOT_DEFINED';
/** AssociationSpec.associationCategory (@hubspot/api-client's generated enum) */
const associationCategories = ['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED'];

/** HUBSPOT_DEFINED association type ids (research §3): `from>to` → ids valid in that direction. */
const associationTypes: Record<string, number[]> = {
  'deals>contacts': [3],
  'contacts>deals': [4],
  'contacts>tickets': [15],
  'tickets>contacts': [16],
  'deals>tickets': [27],
  'tickets>deals': [28],
  'communications>contacts': [81],
  'contacts>communications': [82],
  'communications>tickets': [83],
  'communications>deals': [85],
  'deals>communications': [86],
  'contacts>notes': [201],
  'notes>contacts': [202],
  'contacts>tasks': [203],
  'tasks>contacts': [204],
  'notes>deals': [214],
  'tasks>deals': [216],
  'notes>tickets': [228],
  'tasks>tickets': [230],
  'leads>contacts': [578],
  'contacts>leads': [579],
};
const associationLabels: Record<number, string | null> = { 578: 'Primary', 579: 'Primary' };

const typeAliases: Record<string, ObjectTypeName> = Object.fromEntries([
  ...Object.entries(objectTypeIds).map(([name, id]) => [id, name as ObjectTypeName]),
  ...Object.keys(objectTypeIds).map((name) => [name, name as ObjectTypeName]),
  ['contact', 'contacts'],
  ['deal', 'deals'],
  ['ticket', 'tickets'],
  ['task', 'tasks'],
  ['communication', 'communications'],
  ['lead', 'leads'],
  ['note', 'notes'],
]);

const prop = (name: string, type = 'string', fieldType = 'text', unique = false): PropertyDefinition => ({
  name,
  label: name,
  type,
  fieldType,
  groupName: 'default',
  hasUniqueValue: unique,
});

const enumeration = (name: string, values: string[]): PropertyDefinition => ({
  ...prop(name, 'enumeration', 'select'),
  options: values.map((value, displayOrder) => ({ label: value, value, displayOrder, hidden: false })),
});
const datetime = (name: string) => prop(name, 'datetime', 'date');

/**
 * Built-in properties per object (the ones the adapter and tests touch), with the options HubSpot serves for
 * its enumerations (properties API; @hubspot/api-client's generated models and the objects' guides).
 * `hubspot_owner_id`'s options are the portal's owners, and pipelines/stages are checked against the portal's
 * pipelines (see `checkProperties`).
 */
function builtInProperties(): Record<ObjectTypeName, PropertyDefinition[]> {
  const common = [
    prop('hs_object_id', 'number', 'number', true),
    prop('hubspot_owner_id', 'enumeration', 'select'),
  ];
  return {
    contacts: [
      ...common,
      prop('email', 'string', 'text', true),
      ...['firstname', 'lastname', 'phone', 'mobilephone', 'hs_language'].map((n) => prop(n)),
      ...Object.keys(searchablePhoneOf).map((n) => prop(n)),
      enumeration('lifecyclestage', [
        'subscriber',
        'lead',
        'marketingqualifiedlead',
        'salesqualifiedlead',
        'opportunity',
        'customer',
        'evangelist',
        'other',
      ]),
      datetime('createdate'),
    ],
    deals: [
      ...common,
      ...['dealname', 'amount', 'description'].map((n) => prop(n)),
      prop('pipeline', 'enumeration', 'select'),
      prop('dealstage', 'enumeration', 'radio'),
    ],
    tickets: [
      ...common,
      ...['subject', 'content'].map((n) => prop(n)),
      prop('hs_pipeline', 'enumeration', 'select'),
      prop('hs_pipeline_stage', 'enumeration', 'radio'),
      enumeration('hs_ticket_priority', ['LOW', 'MEDIUM', 'HIGH', 'URGENT']),
    ],
    tasks: [
      ...common,
      datetime('hs_timestamp'),
      ...['hs_task_subject', 'hs_task_body'].map((n) => prop(n)),
      enumeration('hs_task_status', ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED']),
      enumeration('hs_task_priority', ['LOW', 'MEDIUM', 'HIGH']),
      enumeration('hs_task_type', ['EMAIL', 'CALL', 'TODO']),
    ],
    communications: [
      ...common,
      datetime('hs_timestamp'),
      enumeration('hs_communication_channel_type', ['WHATS_APP', 'LINKEDIN_MESSAGE', 'SMS']),
      enumeration('hs_communication_logged_from', ['CRM']),
      prop('hs_communication_body'),
    ],
    leads: [
      ...common,
      prop('hs_lead_name'),
      prop('hs_pipeline', 'enumeration', 'select'),
      prop('hs_pipeline_stage', 'enumeration', 'radio'),
      prop('hs_lead_type'),
    ],
    notes: [...common, datetime('hs_timestamp'), prop('hs_note_body')],
  };
}

/**
 * HubSpot's calculated, read-only search properties for phone numbers: the number however it was typed, reduced
 * to the national number (no country code, no spaces, dashes or brackets), so a search matches "+966 50 123 4567",
 * "+966-50-123-4567" and "+966501234567" alike (research §9: search by area code + local number).
 */
const searchablePhoneOf: Record<string, string> = {
  hs_searchable_calculated_phone_number: 'phone',
  hs_searchable_calculated_mobile_number: 'mobilephone',
};
export function searchablePhone(typed: string): string {
  const parsed = parsePhoneNumberFromString(typed.trim());
  if (parsed !== undefined) return String(parsed.nationalNumber);
  return typed.replace(/\D/g, '').replace(/^0+/, '');
}
const calculatedProperties = new Set(['hs_object_id', 'createdate', ...Object.keys(searchablePhoneOf)]);

/** Properties a create must carry (the objects' guides; HubSpot answers 400 without them). */
const requiredOnCreate: Partial<Record<ObjectTypeName, string[]>> = {
  tasks: ['hs_timestamp'],
  notes: ['hs_timestamp'],
  communications: ['hs_timestamp', 'hs_communication_channel_type', 'hs_communication_logged_from'],
  tickets: ['subject', 'hs_pipeline_stage'],
  deals: ['dealname', 'dealstage'],
  leads: ['hs_lead_name'],
};

/** Which pipeline/stage property pairs each object has, and where their options come from. */
const pipelineProperties: Partial<
  Record<ObjectTypeName, { pipeline: string; stage: string; kind: 'deals' | 'tickets' | 'leads' }>
> = {
  deals: { pipeline: 'pipeline', stage: 'dealstage', kind: 'deals' },
  tickets: { pipeline: 'hs_pipeline', stage: 'hs_pipeline_stage', kind: 'tickets' },
  leads: { pipeline: 'hs_pipeline', stage: 'hs_pipeline_stage', kind: 'leads' },
};

/** The scopes each object's records need (research §10.3; engagements use the contact scopes). */
const objectScopes: Record<ObjectTypeName, { read: string; write: string }> = {
  contacts: { read: 'crm.objects.contacts.read', write: 'crm.objects.contacts.write' },
  tasks: { read: 'crm.objects.contacts.read', write: 'crm.objects.contacts.write' },
  notes: { read: 'crm.objects.contacts.read', write: 'crm.objects.contacts.write' },
  communications: { read: 'crm.objects.contacts.read', write: 'crm.objects.contacts.write' },
  deals: { read: 'crm.objects.deals.read', write: 'crm.objects.deals.write' },
  tickets: { read: 'tickets', write: 'tickets' },
  leads: { read: 'crm.objects.leads.read', write: 'crm.objects.leads.write' },
};
const schemaWriteScopes: Partial<Record<ObjectTypeName, string>> = {
  contacts: 'crm.schemas.contacts.write',
  deals: 'crm.schemas.deals.write',
  tickets: 'crm.schemas.tickets.write',
};

const LEADS_SCOPES = ['crm.objects.leads.read', 'crm.objects.leads.write'];

/** The app's declared redirect URLs and scopes, as uploaded from the HubSpot project. */
export function projectApp(): EmulatedApp {
  const file = new URL('../project/src/app/app-hsmeta.json', import.meta.url);
  const auth = (JSON.parse(readFileSync(file, 'utf8')) as { config: { auth: EmulatedApp } }).config.auth;
  return {
    redirectUrls: [...auth.redirectUrls],
    requiredScopes: [...auth.requiredScopes],
    optionalScopes: [...auth.optionalScopes],
  };
}

function defaultPipelines(): Portal['pipelines'] {
  const stage = (id: string, label: string, displayOrder: number, metadata: Record<string, string>) => ({
    id,
    label,
    displayOrder,
    metadata,
  });
  return {
    deals: [
      {
        id: 'default',
        label: 'Sales Pipeline',
        displayOrder: 0,
        stages: [
          stage('appointmentscheduled', 'Appointment Scheduled', 0, {
            isClosed: 'false',
            probability: '0.2',
          }),
          stage('qualifiedtobuy', 'Qualified To Buy', 1, { isClosed: 'false', probability: '0.4' }),
          stage('closedwon', 'Closed Won', 2, { isClosed: 'true', probability: '1.0' }),
          stage('closedlost', 'Closed Lost', 3, { isClosed: 'true', probability: '0.0' }),
        ],
      },
    ],
    tickets: [
      {
        id: '0',
        label: 'Support Pipeline',
        displayOrder: 0,
        stages: [
          stage('1', 'New', 0, { ticketState: 'OPEN' }),
          stage('2', 'Waiting on contact', 1, { ticketState: 'OPEN' }),
          stage('4', 'Closed', 2, { ticketState: 'CLOSED' }),
        ],
      },
    ],
    leads: [
      {
        id: 'lead-pipeline-id',
        label: 'Leads pipeline',
        displayOrder: 0,
        stages: [
          stage('new-stage-id', 'New', 0, {}),
          stage('attempting-stage-id', 'Attempting', 1, {}),
          stage('connected-stage-id', 'Connected', 2, {}),
          stage('qualified-stage-id', 'Qualified', 3, {}),
          stage('unqualified-stage-id', 'Unqualified', 4, {}),
        ],
      },
    ],
  };
}

function seedDirectory(): Pick<Portal, 'owners' | 'users' | 'teams'> {
  const teams: EmulatedTeam[] = [
    { id: '9001', name: 'Plumbing', userIds: ['501', '502'], secondaryUserIds: [] },
    { id: '9002', name: 'Electrical', userIds: ['503'], secondaryUserIds: ['501'] },
  ];
  const people = [
    { id: '101', userId: 501, email: 'ana@example.com', firstName: 'Ana', lastName: 'Ruiz' },
    { id: '102', userId: 502, email: 'ben@example.com', firstName: 'Ben', lastName: 'Okafor' },
    { id: '103', userId: 503, email: 'chen@example.com', firstName: 'Chen', lastName: 'Li' },
  ];
  const teamsOf = (userId: string) =>
    teams
      .filter((t) => t.userIds.includes(userId) || t.secondaryUserIds.includes(userId))
      .map((t) => ({ id: t.id, name: t.name, primary: t.userIds.includes(userId) }));
  return {
    teams,
    owners: people.map((p) => ({ ...p, archived: false, teams: teamsOf(String(p.userId)) })),
    users: people.map((p) => ({
      id: String(p.userId),
      email: p.email,
      firstName: p.firstName,
      lastName: p.lastName,
      primaryTeamId: teams.find((t) => t.userIds.includes(String(p.userId)))?.id,
      secondaryTeamIds: teams.filter((t) => t.secondaryUserIds.includes(String(p.userId))).map((t) => t.id),
    })),
  };
}

const objectTypes = Object.keys(objectTypeIds) as ObjectTypeName[];
const perType = <T>(make: (type: ObjectTypeName) => T) =>
  Object.fromEntries(objectTypes.map((t) => [t, make(t)])) as Record<ObjectTypeName, T>;

function errorBody(message: string, category: string, extra: Record<string, unknown> = {}) {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

/** The 429 bodies HubSpot sends (research §9). */
export function rateLimitBody(
  policyName: 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY',
): Record<string, unknown> {
  const message =
    policyName === 'DAILY'
      ? 'You have reached your daily limit.'
      : policyName === 'SECONDLY'
        ? 'You have reached your secondly limit.'
        : 'You have reached your ten_secondly_rolling limit.';
  return {
    status: 'error',
    message,
    errorType: 'RATE_LIMIT',
    correlationId: randomUUID(),
    ...(policyName === 'SECONDLY' ? {} : { policyName }),
    requestId: randomUUID(),
  };
}

function defaultBodyFor(status: number): unknown {
  if (status === 429) return rateLimitBody('TEN_SECONDLY_ROLLING');
  if (status === 401) return unauthorizedBody();
  if (status >= 500) return errorBody('internal error', 'INTERNAL_ERROR');
  return errorBody(`injected ${status}`, 'VALIDATION_ERROR');
}

/** HubSpot's 403 for a token that lacks the scope a call needs. */
export const missingScopesBody = (scopes: string[]) => ({
  status: 'error',
  message:
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
  correlationId: randomUUID(),
  errors: [
    {
      message: 'One or more of the following scopes are required.',
      context: { requiredGranularScopes: scopes },
    },
  ],
  links: { scopes: 'https://developers.hubspot.com/scopes' },
  category: 'MISSING_SCOPES',
});

const unauthorizedBody = () =>
  errorBody(
    'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
    'INVALID_AUTHENTICATION',
  );

class HttpError {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    this.status = status;
    this.body = body;
  }
}
const fail = (status: number, message: string, category: string, extra?: Record<string, unknown>) =>
  new HttpError(status, errorBody(message, category, extra));

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** mulberry32: a small seeded PRNG so a storm is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startHubspotEmulator(options: HubspotEmulatorOptions = {}): Promise<HubspotEmulator> {
  const clock = options.clock ?? Date.now;
  const portalId = options.portalId ?? 123456;
  const clientId = options.clientId ?? 'cid';
  const clientSecret = options.clientSecret ?? 'csecret';
  const enforceLimits = options.enforceLimits ?? true;
  const directory = seedDirectory();
  const portal: Portal = {
    id: portalId,
    hasLeads: options.hasLeads ?? true,
    objects: perType(() => new Map()),
    associations: [],
    properties: perType((t) => new Map(builtInProperties()[t].map((p) => [p.name, p]))),
    propertyGroups: perType(() => new Set(['default', 'contactinformation', 'dealinformation'])),
    pipelines: defaultPipelines(),
    ...directory,
  };
  let nextId = 1000;
  const calls: CallCounter = { total: 0, byRoute: {}, log: [] };
  const faults: HttpError[] = [];
  /** failBatchInputsNext: how many inputs of the next batch write fail, and with what category */
  let batchFailures: { count: number; category: string } | undefined;
  /** the indexes of the inputs the next batch write fails (its first ones), each with its category */
  const takeBatchFailures = (size: number) => {
    const next = batchFailures;
    batchFailures = undefined;
    if (next === undefined) return [];
    return Array.from({ length: Math.min(next.count, size) }, (_, index) => ({
      index,
      category: next.category,
    }));
  };
  /** HubSpot's per-input error in a 207 answer */
  const batchInputError = (failure: { index: number; category: string }, inputs: unknown[]) => {
    const input = inputs[failure.index];
    const id = isRecord(input) && typeof input.id === 'string' ? input.id : undefined;
    return {
      status: 'error',
      category: failure.category,
      message: `input ${failure.index} could not be written; retry it`,
      context: id === undefined ? { index: [String(failure.index)] } : { ids: [id] },
      ...(isRecord(input) && typeof input.objectWriteTraceId === 'string'
        ? { objectWriteTraceId: input.objectWriteTraceId }
        : {}),
    };
  };
  let storm:
    | {
        rate: number;
        policyName: 'TEN_SECONDLY_ROLLING' | 'DAILY';
        random: () => number;
        retryAfterSeconds?: number;
      }
    | undefined;
  /** the Retry-After of the 429 being answered (a storm's hint) */
  let retryAfter: number | undefined;
  const app = options.app ?? projectApp();
  /** what an install grants: the required scopes, and the optional ones the portal has */
  const grantable = (optional: string[]) =>
    optional.filter((scope) => portal.hasLeads || !LEADS_SCOPES.includes(scope));
  const fullGrant = [...app.requiredScopes, ...grantable(app.optionalScopes)];
  const accessTokens = new Map<string, { expiresAt: number; refreshToken?: string; scopes: string[] }>();
  /** refresh token → the scopes it grants */
  const refreshTokens = new Map<string, string[]>();
  /** code → the redirect it was issued for (undefined: any of the app's) and the scopes it grants */
  const authCodes = new Map<string, { redirectUri?: string; scopes: string[] }>();
  const accessToken = options.accessToken ?? 'emulator-token';
  accessTokens.set(accessToken, {
    expiresAt: Number.POSITIVE_INFINITY,
    scopes: options.scopes ?? fullGrant,
  });
  const generalWindow: number[] = [];
  const searchWindow: number[] = [];

  const resolveType = (raw: string | undefined): ObjectTypeName => {
    const type = raw === undefined ? undefined : typeAliases[raw];
    if (type === undefined || (type === 'leads' && !portal.hasLeads))
      throw fail(400, `Unable to infer object type from: ${raw}`, 'VALIDATION_ERROR');
    return type;
  };

  const now = () => new Date(clock()).toISOString();

  type PropertyError = { isValid: false; message: string; error: string; name: string };
  const invalid = (errors: PropertyError[]) =>
    fail(400, `Property values were not valid: ${JSON.stringify(errors)}`, 'VALIDATION_ERROR', {
      errors: errors.map((e) => ({ message: e.message, code: e.error, context: { propertyName: [e.name] } })),
    });
  const isDatetime = (value: string) =>
    /^\d{10,16}$/.test(value) || (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)));

  /**
   * Checks property names and values as HubSpot does: unknown properties, values outside an enumeration's
   * options, owner ids that are no owner, pipelines and stages the portal does not have, malformed datetimes.
   * `current` is the record being updated (its pipeline decides which stages are valid).
   */
  const checkProperties = (type: ObjectTypeName, properties: unknown, current?: EmulatedObject) => {
    if (!isRecord(properties))
      throw fail(400, 'Invalid input JSON on line 1: properties is required', 'VALIDATION_ERROR');
    const defs = portal.properties[type];
    const bad = Object.keys(properties).filter((name) => !defs.has(name));
    if (bad.length > 0)
      throw invalid(
        bad.map((name) => ({
          isValid: false,
          message: `Property "${name}" does not exist`,
          error: 'PROPERTY_DOESNT_EXIST',
          name,
        })),
      );
    const readOnly = Object.keys(properties).filter((name) => calculatedProperties.has(name));
    if (readOnly.length > 0)
      throw invalid(
        readOnly.map((name) => ({
          isValid: false,
          message: `${name} is a read only property; its value cannot be set.`,
          error: 'READ_ONLY_VALUE',
          name,
        })),
      );
    for (const [name, value] of Object.entries(properties))
      if (
        value !== null &&
        typeof value !== 'string' &&
        typeof value !== 'number' &&
        typeof value !== 'boolean'
      )
        throw fail(400, `Property values were not valid: ${name} must be a string`, 'VALIDATION_ERROR');
    const values = Object.fromEntries(
      Object.entries(properties).map(([k, v]) => [k, v === null ? null : String(v)]),
    ) as Record<string, string | null>;
    const errors: PropertyError[] = [];
    const pipes = pipelineProperties[type];
    for (const [name, value] of Object.entries(values)) {
      if (value === null || value === '') continue;
      const def = defs.get(name)!;
      if (name === 'hubspot_owner_id') {
        if (!portal.owners.some((o) => o.id === value && !o.archived))
          errors.push({
            isValid: false,
            message: `${value} is not a valid owner id`,
            error: 'INVALID_OWNER_ID',
            name,
          });
      } else if (pipes !== undefined && name === pipes.pipeline) {
        if (!portal.pipelines[pipes.kind].some((p) => p.id === value))
          errors.push({
            isValid: false,
            message: `${value} is not a valid pipeline id; valid: ${portal.pipelines[pipes.kind].map((p) => p.id).join(', ')}`,
            error: 'INVALID_OPTION',
            name,
          });
      } else if (pipes !== undefined && name === pipes.stage) {
        const pipelineId = values[pipes.pipeline] ?? current?.properties[pipes.pipeline] ?? undefined;
        const pipeline =
          pipelineId === undefined || pipelineId === null
            ? portal.pipelines[pipes.kind][0]
            : portal.pipelines[pipes.kind].find((p) => p.id === pipelineId);
        if (pipeline !== undefined && !pipeline.stages.some((st) => st.id === value))
          errors.push({
            isValid: false,
            message: `${value} is not a valid stage of pipeline ${pipeline.id}; valid: ${pipeline.stages.map((st) => st.id).join(', ')}`,
            error: 'INVALID_OPTION',
            name,
          });
      } else if (def.type === 'enumeration' && def.options !== undefined && def.options.length > 0) {
        if (!def.options.some((o) => o.value === value))
          errors.push({
            isValid: false,
            message: `${value} was not one of the allowed options: ${def.options.map((o) => o.value).join(', ')}`,
            error: 'INVALID_OPTION',
            name,
          });
      } else if (def.type === 'datetime' && !isDatetime(value))
        errors.push({
          isValid: false,
          message: `${value} is not a valid datetime (ms since epoch or ISO 8601)`,
          error: 'INVALID_DATETIME',
          name,
        });
    }
    if (errors.length > 0) throw invalid(errors);
    return values;
  };

  /** The properties a new record of `type` must have (HubSpot's 400 REQUIRED_PROPERTY otherwise). */
  const checkRequired = (type: ObjectTypeName, properties: Record<string, string | null>) => {
    const missing = (requiredOnCreate[type] ?? []).filter((name) => !properties[name]);
    if (missing.length > 0)
      throw invalid(
        missing.map((name) => ({
          isValid: false,
          message: `${name} is required`,
          error: 'REQUIRED_PROPERTY',
          name,
        })),
      );
  };

  /** A unique property's value already on another record: HubSpot's 409. */
  const checkUnique = (type: ObjectTypeName, properties: Record<string, string | null>, selfId?: string) => {
    for (const [name, value] of Object.entries(properties)) {
      if (value === null || value === '' || !portal.properties[type].get(name)?.hasUniqueValue) continue;
      const other = [...portal.objects[type].values()].find(
        (o) => !o.archived && o.id !== selfId && o.properties[name] === value,
      );
      if (other !== undefined)
        throw fail(
          409,
          type === 'contacts' && name === 'email'
            ? `Contact already exists. Existing ID: ${other.id}`
            : `A ${type.replace(/s$/, '')} with ${name} "${value}" already exists. Existing ID: ${other.id}`,
          'CONFLICT',
        );
    }
  };

  const toJson = (o: EmulatedObject, requested?: string[]) => ({
    id: o.id,
    properties:
      requested === undefined || requested.length === 0
        ? o.properties
        : Object.fromEntries(
            [...new Set([...requested, 'hs_object_id', 'createdate', 'hs_lastmodifieddate'])].map((k) => [
              k,
              o.properties[k] ?? null,
            ]),
          ),
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    archived: o.archived,
  });

  const validateAssociation = (fromType: ObjectTypeName, toRaw: string, toId: string, types: unknown) => {
    const toType = resolveType(toRaw);
    if (!Array.isArray(types) || types.length === 0)
      throw fail(400, 'association types are required', 'VALIDATION_ERROR');
    const specs = types.map((t) => {
      if (!isRecord(t) || typeof t.associationTypeId !== 'number')
        throw fail(400, 'associationTypeId is required', 'VALIDATION_ERROR');
      const category = String(t.associationCategory ?? '');
      if (!associationCategories.includes(category))
        throw fail(
          400,
          `associationCategory ${category === '' ? 'is required' : `"${category}" is not one of ${associationCategories.join(', ')}`}`,
          'VALIDATION_ERROR',
        );
      if (
        category === HUBSPOT_DEFINED &&
        !(associationTypes[`${fromType}>${toType}`] ?? []).includes(t.associationTypeId)
      )
        throw fail(
          400,
          `${t.associationTypeId} is not a valid association type id between ${objectTypeIds[fromType]} and ${objectTypeIds[toType]}`,
          'VALIDATION_ERROR',
        );
      return { typeId: t.associationTypeId, category };
    });
    const target = portal.objects[toType].get(toId);
    if (target === undefined || target.archived)
      throw fail(400, `No ${objectTypeIds[toType]} with id ${toId} exists`, 'VALIDATION_ERROR', {
        context: { id: [toId] },
      });
    return { toType, specs };
  };

  const associate = (
    fromType: ObjectTypeName,
    fromId: string,
    toType: ObjectTypeName,
    toId: string,
    typeId: number,
    category: string,
  ) => {
    const exists = portal.associations.some(
      (a) =>
        a.fromType === fromType &&
        a.fromId === fromId &&
        a.toType === toType &&
        a.toId === toId &&
        a.typeId === typeId,
    );
    if (exists) return;
    portal.associations.push({ fromType, fromId, toType, toId, typeId, category });
    // HubSpot keeps both directions; the reverse carries the paired id where one is known.
    const reverse = (associationTypes[`${toType}>${fromType}`] ?? [])[0];
    if (reverse !== undefined && category === HUBSPOT_DEFINED)
      portal.associations.push({
        fromType: toType,
        fromId: toId,
        toType: fromType,
        toId: fromId,
        typeId: reverse,
        category,
      });
  };

  /** Validates a create input (properties, unique values, associations) without writing. */
  const prepareCreate = (type: ObjectTypeName, input: unknown) => {
    if (!isRecord(input)) throw fail(400, 'Invalid input JSON', 'VALIDATION_ERROR');
    const properties = checkProperties(type, input.properties);
    checkRequired(type, properties);
    const assocInputs = input.associations === undefined ? [] : input.associations;
    if (!Array.isArray(assocInputs)) throw fail(400, 'associations must be a list', 'VALIDATION_ERROR');
    const associations = assocInputs.map((a) => {
      if (!isRecord(a) || !isRecord(a.to) || typeof a.to.id !== 'string')
        throw fail(400, 'association to.id is required', 'VALIDATION_ERROR');
      // Create-time associations name no target type: HubSpot infers it from the id's type per typeId.
      const typeIds = Array.isArray(a.types)
        ? a.types.map((t) => (isRecord(t) ? t.associationTypeId : undefined))
        : [];
      const toType = objectTypes.find((t) =>
        typeIds.every((id) => (associationTypes[`${type}>${t}`] ?? []).includes(Number(id))),
      );
      if (toType === undefined)
        throw fail(
          400,
          `association type ids ${typeIds.join(',')} are not valid from ${objectTypeIds[type]}`,
          'VALIDATION_ERROR',
        );
      return { toId: a.to.id, ...validateAssociation(type, toType, a.to.id, a.types) };
    });
    if (type === 'leads' && !associations.some((a) => a.toType === 'contacts'))
      throw fail(400, 'A lead must be associated with a contact', 'VALIDATION_ERROR');
    checkUnique(type, properties);
    return { properties, associations };
  };

  const calculate = (type: ObjectTypeName, object: EmulatedObject) => {
    if (type !== 'contacts') return;
    for (const [calculated, source] of Object.entries(searchablePhoneOf)) {
      const typed = object.properties[source];
      object.properties[calculated] = typed ? searchablePhone(typed) : null;
    }
  };

  const commitCreate = (type: ObjectTypeName, prepared: ReturnType<typeof prepareCreate>) => {
    const id = String(nextId++);
    const at = now();
    const object: EmulatedObject = {
      id,
      properties: { ...prepared.properties, hs_object_id: id, createdate: at, hs_lastmodifieddate: at },
      createdAt: at,
      updatedAt: at,
      archived: false,
      indexedAt: clock() + emulator.searchLagMs,
    };
    calculate(type, object);
    portal.objects[type].set(id, object);
    for (const a of prepared.associations)
      for (const s of a.specs) associate(type, id, a.toType, a.toId, s.typeId, s.category);
    return object;
  };

  const update = (
    type: ObjectTypeName,
    object: EmulatedObject,
    properties: Record<string, string | null>,
  ) => {
    checkUnique(type, properties, object.id);
    // The index keeps serving the record as it was until it catches up with this write.
    if ((object.indexedAt ?? 0) <= clock()) object.indexed = { ...object.properties };
    Object.assign(object.properties, properties, { hs_lastmodifieddate: now() });
    calculate(type, object);
    object.updatedAt = now();
    object.indexedAt = clock() + emulator.searchLagMs;
    return object;
  };

  const findBy = (type: ObjectTypeName, idProperty: string | undefined, id: string) => {
    if (idProperty === undefined || idProperty === 'hs_object_id') return portal.objects[type].get(id);
    const def = portal.properties[type].get(idProperty);
    if (def === undefined || !def.hasUniqueValue)
      throw fail(
        400,
        `Unable to perform update/upsert by non-unique ${objectTypeIds[type]} property`,
        'VALIDATION_ERROR',
      );
    return [...portal.objects[type].values()].find((o) => !o.archived && o.properties[idProperty] === id);
  };

  const notFound = (id: string) =>
    fail(404, 'Object not found.  objectId are usually numeric.', 'OBJECT_NOT_FOUND', {
      context: { id: [id] },
    });

  const batchResponse = (results: unknown[], errors: unknown[] = []) => ({
    status: 'COMPLETE',
    results,
    ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
    requestedAt: now(),
    startedAt: now(),
    completedAt: now(),
  });

  const matches = (o: EmulatedObject, filter: unknown) => {
    if (!isRecord(filter) || typeof filter.propertyName !== 'string') return false;
    const actual = o.properties[filter.propertyName] ?? null;
    switch (filter.operator) {
      case 'EQ':
        return actual !== null && actual.toLowerCase() === String(filter.value).toLowerCase();
      case 'NEQ':
        return actual !== String(filter.value);
      case 'IN':
        return Array.isArray(filter.values) && actual !== null && filter.values.map(String).includes(actual);
      case 'HAS_PROPERTY':
        return actual !== null && actual !== '';
      case 'NOT_HAS_PROPERTY':
        return actual === null || actual === '';
      default:
        throw fail(
          400,
          `operator ${String(filter.operator)} is not supported by the emulator`,
          'VALIDATION_ERROR',
        );
    }
  };

  const search = (type: ObjectTypeName, body: unknown) => {
    if (!isRecord(body)) throw fail(400, 'Invalid input JSON', 'VALIDATION_ERROR');
    const groups = Array.isArray(body.filterGroups) ? body.filterGroups : [];
    if (groups.length > 5) throw fail(400, 'Too many filter groups (max 5)', 'VALIDATION_ERROR');
    let total = 0;
    for (const g of groups) {
      const filters = isRecord(g) && Array.isArray(g.filters) ? g.filters : [];
      if (filters.length > 10) throw fail(400, 'Too many filters in a group (max 10)', 'VALIDATION_ERROR');
      total += filters.length;
    }
    if (total > 25) throw fail(400, 'Too many filters (max 25)', 'VALIDATION_ERROR');
    const limit = typeof body.limit === 'number' ? body.limit : 10;
    if (limit > 200) throw fail(400, 'limit must be at most 200', 'VALIDATION_ERROR');
    // Search reads the index, which lags writes: a record is missing until indexed, and an updated one is
    // found by its old values until the index catches up.
    const t = clock();
    const inIndex = [...portal.objects[type].values()].flatMap((o) => {
      if ((o.indexedAt ?? 0) <= t) return [o];
      return o.indexed === undefined ? [] : [{ ...o, properties: o.indexed }];
    });
    let results = inIndex.filter(
      (o) =>
        !o.archived &&
        (groups.length === 0 ||
          groups.some(
            (g) => isRecord(g) && Array.isArray(g.filters) && g.filters.every((f) => matches(o, f)),
          )),
    );
    const sorts = Array.isArray(body.sorts) ? body.sorts.map(String) : [];
    if (sorts[0] === '-createdate') results = results.reverse();
    const after = Number(body.after ?? 0);
    const page = results.slice(after, after + limit);
    const properties = Array.isArray(body.properties) ? body.properties.map(String) : [];
    return {
      total: results.length,
      results: page.map((o) =>
        toJson(o, properties.length > 0 ? properties : ['createdate', 'hs_object_id']),
      ),
      ...(after + limit < results.length ? { paging: { next: { after: String(after + limit) } } } : {}),
    };
  };

  /** Sliding-window limits (research §9): 110 / 10 s per portal, 5 searches / s. */
  const overLimit = (isSearch: boolean): HttpError | undefined => {
    if (!enforceLimits) return undefined;
    const t = clock();
    const window = isSearch ? searchWindow : generalWindow;
    const span = isSearch ? 1000 : 10_000;
    const max = isSearch ? 5 : 110;
    while (window.length > 0 && window[0]! <= t - span) window.shift();
    if (window.length >= max)
      return new HttpError(429, rateLimitBody(isSearch ? 'SECONDLY' : 'TEN_SECONDLY_ROLLING'));
    window.push(t);
    return undefined;
  };

  const routeOf = (method: string, parts: string[]) =>
    `${method} /${parts.map((p) => (/^\d+$/.test(p) || p.length > 40 ? '{id}' : p)).join('/')}`;

  type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

  /**
   * OAuth on the 2026-03 endpoints (the v1 ones are deprecated, sunset 2027-02-16, and are not served):
   * POST /oauth/2026-03/token, /token/introspect, /token/revoke, all form-encoded with the app's credentials.
   */
  const handleOauth = (method: string, parts: string[], raw: string): Answer => {
    const oauthError = (status: number, code: string, message: string): Answer => ({
      status,
      body: { status: code, message, category: 'VALIDATION_ERROR', correlationId: randomUUID() },
    });
    if (parts[1] !== '2026-03' || method !== 'POST')
      return {
        status: 404,
        body: errorBody(
          `no route ${method} /${parts.join('/')}: use the 2026-03 OAuth endpoints`,
          'OBJECT_NOT_FOUND',
        ),
      };
    const form = new URLSearchParams(raw);
    if (form.get('client_id') !== clientId)
      return oauthError(400, 'BAD_CLIENT_ID', 'missing or unknown client id');
    if (form.get('client_secret') !== clientSecret)
      return oauthError(400, 'BAD_CLIENT_SECRET', 'missing or invalid client secret');
    const endpoint = parts.slice(2).join('/');
    if (endpoint === 'token') {
      const grant = form.get('grant_type');
      let scopes: string[];
      let refresh: string;
      if (grant === 'authorization_code') {
        const code = authCodes.get(form.get('code') ?? '');
        if (code === undefined) return oauthError(400, 'BAD_AUTH_CODE', 'missing or unknown auth code');
        const redirectUri = form.get('redirect_uri') ?? '';
        if (
          !app.redirectUrls.includes(redirectUri) ||
          (code.redirectUri !== undefined && code.redirectUri !== redirectUri)
        )
          return oauthError(
            400,
            'BAD_REDIRECT_URI',
            `redirect_uri ${redirectUri} does not match the install`,
          );
        authCodes.delete(form.get('code') ?? '');
        scopes = code.scopes;
        refresh = `emu-rt-${randomUUID()}`;
      } else if (grant === 'refresh_token') {
        const granted = refreshTokens.get(form.get('refresh_token') ?? '');
        if (granted === undefined)
          return oauthError(400, 'BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
        scopes = granted;
        refresh = form.get('refresh_token')!;
      } else return oauthError(400, 'BAD_GRANT_TYPE', `unsupported grant_type ${grant}`);
      const access = `emu-at-${randomUUID()}`;
      refreshTokens.set(refresh, scopes);
      accessTokens.set(access, { expiresAt: clock() + 1800_000, refreshToken: refresh, scopes });
      return {
        status: 200,
        body: {
          token_type: 'bearer',
          token_use: 'access_token',
          refresh_token: refresh,
          access_token: access,
          expires_in: 1800,
          hub_id: portalId,
          user_id: 501,
          scopes,
        },
      };
    }
    const token = form.get('token') ?? '';
    if (endpoint === 'token/introspect') {
      const entry = accessTokens.get(token);
      if (entry !== undefined && entry.expiresAt > clock())
        return {
          status: 200,
          body: {
            active: true,
            token,
            token_type: 'bearer',
            token_use: 'access_token',
            user: 'ana@example.com',
            user_id: 501,
            hub_id: portalId,
            hub_domain: `portal-${portalId}.hubspot.com`,
            app_id: 42,
            client_id: clientId,
            is_private_distribution: false,
            scopes: entry.scopes,
            expires_in: Number.isFinite(entry.expiresAt)
              ? Math.floor((entry.expiresAt - clock()) / 1000)
              : 1800,
          },
        };
      const refreshScopes = refreshTokens.get(token);
      if (refreshScopes !== undefined)
        return {
          status: 200,
          body: {
            active: true,
            token,
            token_type: 'refresh',
            token_use: 'refresh_token',
            user: 'ana@example.com',
            user_id: 501,
            hub_id: portalId,
            hub_domain: `portal-${portalId}.hubspot.com`,
            app_id: 42,
            client_id: clientId,
            scopes: refreshScopes,
          },
        };
      return { status: 200, body: { active: false } };
    }
    if (endpoint === 'token/revoke') {
      if (!refreshTokens.delete(token))
        return oauthError(400, 'BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
      for (const [access, entry] of accessTokens)
        if (entry.refreshToken === token) accessTokens.delete(access);
      return { status: 204 };
    }
    throw fail(404, `no route ${method} /${parts.join('/')}`, 'OBJECT_NOT_FOUND');
  };

  /**
   * The scopes a call needs, any one of them (the spec's `security` alternatives, research §10.3); undefined
   * for a path this emulator does not scope (it answers 404 anyway).
   */
  const scopesFor = (method: string, parts: string[]): string[] | undefined => {
    const objectType = (raw: string | undefined) => (raw === undefined ? undefined : typeAliases[raw]);
    const forObject = (raw: string | undefined, write: boolean) => {
      const type = objectType(raw);
      return type === undefined ? undefined : [write ? objectScopes[type].write : objectScopes[type].read];
    };
    const [a, b, c] = parts;
    if (a === 'crm' && b === 'v3' && c === 'objects') {
      const write = !(
        method === 'GET' ||
        parts[4] === 'search' ||
        (parts[4] === 'batch' && parts[5] === 'read')
      );
      return forObject(parts[3], write);
    }
    if (a === 'crm' && b === 'v4' && c === 'objects') return forObject(parts[3], method !== 'GET');
    if (a === 'crm' && b === 'v4' && c === 'associations') return forObject(parts[3], parts[5] === 'batch');
    if (a === 'crm' && b === 'v3' && c === 'properties') {
      const type = objectType(parts[3]);
      if (type === undefined) return undefined;
      if (method === 'GET') return [objectScopes[type].read, `crm.schemas.${type}.read`];
      return [schemaWriteScopes[type] ?? objectScopes[type].write];
    }
    if (a === 'crm' && b === 'v3' && c === 'pipelines') return forObject(parts[3], method !== 'GET');
    if (a === 'crm' && b === 'v3' && c === 'owners') return ['crm.objects.owners.read'];
    if (a === 'settings' && b === 'v3' && c === 'users' && parts[3] === 'teams')
      return ['settings.users.teams.read'];
    if (a === 'settings' && ((b === 'v3' && c === 'users') || (b === 'users' && c === 'v3')))
      return ['settings.users.read', 'crm.objects.users.read'];
    return undefined;
  };

  const handleCrm = (method: string, parts: string[], query: URLSearchParams, body: unknown): Answer => {
    const ok = (status: number, b?: unknown): Answer => ({ status, body: b });
    // /crm/v3/objects/{type}...
    if (parts[0] === 'crm' && parts[1] === 'v3' && parts[2] === 'objects') {
      const type = resolveType(parts[3]);
      const rest = parts.slice(4);
      if (rest.length === 0 && method === 'POST')
        return ok(201, toJson(commitCreate(type, prepareCreate(type, body))));
      if (rest[0] === 'search' && method === 'POST') return ok(200, search(type, body));
      if (rest[0] === 'batch' && method === 'POST') {
        const inputs = isRecord(body) && Array.isArray(body.inputs) ? body.inputs : undefined;
        if (inputs === undefined) throw fail(400, 'inputs is required', 'VALIDATION_ERROR');
        if (inputs.length > 100) throw fail(400, 'Batch size must be at most 100', 'VALIDATION_ERROR');
        const failing = ['create', 'upsert', 'update'].includes(String(rest[1]))
          ? takeBatchFailures(inputs.length)
          : [];
        const kept = inputs.slice(failing.length);
        const multiStatus = (results: unknown[]) =>
          failing.length === 0
            ? undefined
            : ok(
                207,
                batchResponse(
                  results,
                  failing.map((f) => batchInputError(f, inputs)),
                ),
              );
        if (rest[1] === 'create') {
          // All-or-nothing, as HubSpot does for validation and duplicate failures in a batch create.
          const prepared = kept.map((i) => prepareCreate(type, i));
          const keys = prepared.flatMap((p) =>
            Object.entries(p.properties)
              .filter(([k, v]) => v && portal.properties[type].get(k)?.hasUniqueValue)
              .map(([k, v]) => `${k}=${v}`),
          );
          if (new Set(keys).size !== keys.length)
            throw fail(409, 'Duplicate unique values in the batch', 'CONFLICT');
          const created = prepared.map((p) => toJson(commitCreate(type, p)));
          return multiStatus(created) ?? ok(201, batchResponse(created));
        }
        if (rest[1] === 'upsert') {
          const results = kept.map((i) => {
            if (!isRecord(i) || typeof i.id !== 'string')
              throw fail(400, 'id is required', 'VALIDATION_ERROR');
            const idProperty = typeof i.idProperty === 'string' ? i.idProperty : undefined;
            if (idProperty === undefined || !portal.properties[type].get(idProperty)?.hasUniqueValue)
              throw fail(
                400,
                `Unable to perform update/upsert by non-unique ${objectTypeIds[type]} property`,
                'VALIDATION_ERROR',
              );
            const properties = checkProperties(type, i.properties);
            const existing = findBy(type, idProperty, i.id);
            if (existing !== undefined) return { ...toJson(update(type, existing, properties)), new: false };
            const created = commitCreate(
              type,
              prepareCreateUnchecked(type, { ...properties, [idProperty]: i.id }),
            );
            return { ...toJson(created), new: true };
          });
          return multiStatus(results) ?? ok(200, batchResponse(results));
        }
        if (rest[1] === 'update') {
          // A record that does not exist fails alone (207 with its error); the others are written.
          const missing: unknown[] = [];
          const results = kept.flatMap((i) => {
            if (!isRecord(i) || typeof i.id !== 'string')
              throw fail(400, 'id is required', 'VALIDATION_ERROR');
            const object = findBy(type, typeof i.idProperty === 'string' ? i.idProperty : undefined, i.id);
            if (object === undefined || object.archived) {
              missing.push({
                status: 'error',
                category: 'OBJECT_NOT_FOUND',
                message: `Could not update some ${type} objects, they may be deleted or not exist.`,
                context: { ids: [i.id] },
              });
              return [];
            }
            return [toJson(update(type, object, checkProperties(type, i.properties, object)))];
          });
          const errors = [...failing.map((f) => batchInputError(f, inputs)), ...missing];
          return ok(errors.length > 0 ? 207 : 200, batchResponse(results, errors));
        }
        if (rest[1] === 'read') {
          const idProperty =
            isRecord(body) && typeof body.idProperty === 'string' ? body.idProperty : undefined;
          const properties =
            isRecord(body) && Array.isArray(body.properties) ? body.properties.map(String) : [];
          const found: unknown[] = [];
          const errors: unknown[] = [];
          for (const i of inputs) {
            const id = isRecord(i) ? String(i.id) : '';
            const object = findBy(type, idProperty, id);
            if (object === undefined)
              errors.push({
                status: 'error',
                category: 'OBJECT_NOT_FOUND',
                message: `Could not get some ${type} objects, they may be deleted or not exist.`,
                context: { ids: [id] },
              });
            else found.push(toJson(object, properties));
          }
          return ok(errors.length > 0 ? 207 : 200, batchResponse(found, errors));
        }
      }
      if (rest.length === 1) {
        const idProperty = query.get('idProperty') ?? undefined;
        const object = findBy(type, idProperty, rest[0]!);
        if (object === undefined || object.archived) throw notFound(rest[0]!);
        if (method === 'GET') {
          const requested = query.get('properties')?.split(',').filter(Boolean);
          const json: Record<string, unknown> = toJson(object, requested);
          const assocTypes = query.get('associations')?.split(',').filter(Boolean) ?? [];
          if (assocTypes.length > 0)
            json.associations = Object.fromEntries(
              assocTypes.map((raw) => {
                const to = resolveType(raw);
                const list = portal.associations.filter(
                  (a) => a.fromType === type && a.fromId === object.id && a.toType === to,
                );
                return [
                  to,
                  {
                    results: list.map((a) => ({
                      id: a.toId,
                      type: `${type.replace(/s$/, '')}_to_${to.replace(/s$/, '')}`,
                    })),
                  },
                ];
              }),
            );
          return ok(200, json);
        }
        if (method === 'PATCH') {
          if (!isRecord(body)) throw fail(400, 'Invalid input JSON', 'VALIDATION_ERROR');
          return ok(200, toJson(update(type, object, checkProperties(type, body.properties, object))));
        }
        if (method === 'DELETE') {
          object.archived = true;
          return ok(204);
        }
      }
    }
    // v4 associations
    if (parts[0] === 'crm' && parts[1] === 'v4' && parts[2] === 'objects' && parts[5] === 'associations') {
      const fromType = resolveType(parts[3]);
      const fromId = parts[4]!;
      const from = portal.objects[fromType].get(fromId);
      if (from === undefined || from.archived) throw notFound(fromId);
      if (method === 'PUT' && parts[6] === 'default' && parts.length === 9) {
        const toType = resolveType(parts[7]);
        const typeId = (associationTypes[`${fromType}>${toType}`] ?? [])[0];
        if (typeId === undefined)
          throw fail(400, `no default association between ${fromType} and ${toType}`, 'VALIDATION_ERROR');
        validateAssociation(fromType, toType, parts[8]!, [
          { associationCategory: HUBSPOT_DEFINED, associationTypeId: typeId },
        ]);
        associate(fromType, fromId, toType, parts[8]!, typeId, HUBSPOT_DEFINED);
        return ok(
          200,
          batchResponse([
            {
              from: { id: fromId },
              to: { id: parts[8] },
              associationSpec: { associationCategory: HUBSPOT_DEFINED, associationTypeId: typeId },
            },
          ]),
        );
      }
      if (method === 'PUT' && parts.length === 8) {
        const toId = parts[7]!;
        if (portal.objects[resolveType(parts[6])].get(toId) === undefined) throw notFound(toId);
        const { toType, specs } = validateAssociation(fromType, parts[6]!, toId, body);
        for (const s of specs) associate(fromType, fromId, toType, toId, s.typeId, s.category);
        return ok(201, {
          fromObjectTypeId: objectTypeIds[fromType],
          fromObjectId: Number(fromId),
          toObjectTypeId: objectTypeIds[toType],
          toObjectId: Number(toId),
          labels: specs.map((s) => associationLabels[s.typeId] ?? null).filter((l) => l !== null),
        });
      }
      if (method === 'GET' && parts.length === 7) {
        const toType = resolveType(parts[6]);
        const list = portal.associations.filter(
          (a) => a.fromType === fromType && a.fromId === fromId && a.toType === toType,
        );
        const byTarget = new Map<string, EmulatedAssociation[]>();
        for (const a of list) byTarget.set(a.toId, [...(byTarget.get(a.toId) ?? []), a]);
        return ok(200, {
          results: [...byTarget].map(([toObjectId, as]) => ({
            toObjectId: Number(toObjectId),
            associationTypes: as.map((a) => ({
              category: a.category,
              typeId: a.typeId,
              label: associationLabels[a.typeId] ?? null,
            })),
          })),
        });
      }
      if (method === 'DELETE' && parts.length === 8) {
        const toType = resolveType(parts[6]);
        portal.associations = portal.associations.filter(
          (a) =>
            !(
              (a.fromType === fromType &&
                a.fromId === fromId &&
                a.toType === toType &&
                a.toId === parts[7]) ||
              (a.fromType === toType && a.fromId === parts[7] && a.toType === fromType && a.toId === fromId)
            ),
        );
        return ok(204);
      }
    }
    if (parts[0] === 'crm' && parts[1] === 'v4' && parts[2] === 'associations') {
      const fromType = resolveType(parts[3]);
      const toType = resolveType(parts[4]);
      if (method === 'GET' && parts[5] === 'labels' && parts.length === 6)
        return ok(200, {
          results: (associationTypes[`${fromType}>${toType}`] ?? []).map((typeId) => ({
            category: HUBSPOT_DEFINED,
            typeId,
            label: associationLabels[typeId] ?? null,
          })),
        });
      if (method === 'POST' && parts[5] === 'batch' && parts[6] === 'create') {
        const inputs = isRecord(body) && Array.isArray(body.inputs) ? body.inputs : [];
        const checked = inputs.map((i) => {
          if (!isRecord(i) || !isRecord(i.from) || !isRecord(i.to))
            throw fail(400, 'from and to are required', 'VALIDATION_ERROR');
          const fromId = String(i.from.id);
          if (portal.objects[fromType].get(fromId) === undefined)
            throw fail(400, `No ${objectTypeIds[fromType]} with id ${fromId} exists`, 'VALIDATION_ERROR');
          return {
            fromId,
            toId: String(i.to.id),
            ...validateAssociation(fromType, toType, String(i.to.id), i.types),
          };
        });
        for (const c of checked)
          for (const s of c.specs) associate(fromType, c.fromId, toType, c.toId, s.typeId, s.category);
        return ok(
          201,
          batchResponse(
            checked.map((c) => ({
              fromObjectTypeId: objectTypeIds[fromType],
              fromObjectId: Number(c.fromId),
              toObjectTypeId: objectTypeIds[toType],
              toObjectId: Number(c.toId),
              labels: [],
            })),
          ),
        );
      }
    }
    // properties
    if (parts[0] === 'crm' && parts[1] === 'v3' && parts[2] === 'properties') {
      const type = resolveType(parts[3]);
      if (parts[4] === 'groups' && method === 'POST') {
        if (!isRecord(body) || typeof body.name !== 'string')
          throw fail(400, 'name is required', 'VALIDATION_ERROR');
        if (portal.propertyGroups[type].has(body.name))
          throw fail(409, `A property group named ${body.name} already exists.`, 'CONFLICT');
        portal.propertyGroups[type].add(body.name);
        return ok(201, {
          name: body.name,
          label: body.label,
          displayOrder: body.displayOrder ?? -1,
          archived: false,
        });
      }
      if (parts.length === 4 && method === 'POST') {
        if (
          !isRecord(body) ||
          typeof body.name !== 'string' ||
          typeof body.type !== 'string' ||
          typeof body.fieldType !== 'string' ||
          typeof body.groupName !== 'string'
        )
          throw fail(400, 'name, label, type, fieldType and groupName are required', 'VALIDATION_ERROR');
        if (portal.properties[type].has(body.name))
          throw fail(
            409,
            `Object property ${body.name} already exists for object type ${objectTypeIds[type]}`,
            'CONFLICT',
          );
        if (!portal.propertyGroups[type].has(body.groupName))
          throw fail(400, `Property group ${body.groupName} does not exist`, 'VALIDATION_ERROR');
        const unique = body.hasUniqueValue === true;
        if (unique && [...portal.properties[type].values()].filter((p) => p.hasUniqueValue).length >= 12)
          throw fail(400, 'An object can have at most 10 unique value properties', 'VALIDATION_ERROR');
        const def: PropertyDefinition = {
          name: body.name,
          label: String(body.label ?? body.name),
          type: body.type,
          fieldType: body.fieldType,
          groupName: body.groupName,
          hasUniqueValue: unique,
          ...(typeof body.description === 'string' ? { description: body.description } : {}),
          ...(Array.isArray(body.options) ? { options: body.options } : {}),
        };
        portal.properties[type].set(def.name, def);
        return ok(201, propertyJson(def));
      }
      if (parts.length === 4 && method === 'GET')
        return ok(200, { results: [...portal.properties[type].values()].map(propertyJson) });
      if (parts.length === 5 && method === 'GET') {
        const def = portal.properties[type].get(parts[4]!);
        if (def === undefined)
          throw fail(
            404,
            `Unable to find property ${parts[4]} for object type ${objectTypeIds[type]}`,
            'OBJECT_NOT_FOUND',
          );
        return ok(200, propertyJson(def));
      }
    }
    // pipelines
    if (parts[0] === 'crm' && parts[1] === 'v3' && parts[2] === 'pipelines' && method === 'GET') {
      const type = resolveType(parts[3]);
      const pipelines =
        type === 'deals' || type === 'tickets' || type === 'leads' ? portal.pipelines[type] : undefined;
      if (pipelines === undefined)
        throw fail(400, `Pipelines are not supported for ${type}`, 'VALIDATION_ERROR');
      const json = (p: EmulatedPipeline) => ({
        ...p,
        archived: false,
        createdAt: now(),
        updatedAt: now(),
        stages: p.stages.map((s) => ({
          ...s,
          archived: false,
          createdAt: now(),
          updatedAt: now(),
          writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
        })),
      });
      if (parts.length === 4) return ok(200, { results: pipelines.map(json) });
      const pipeline = pipelines.find((p) => p.id === parts[4]);
      if (pipeline === undefined) throw fail(404, `Pipeline ${parts[4]} not found`, 'OBJECT_NOT_FOUND');
      if (parts.length === 5) return ok(200, json(pipeline));
      if (parts[5] === 'stages' && parts.length === 6) return ok(200, { results: json(pipeline).stages });
    }
    // owners: GET /crm/v3/owners/ — the SDK's path has the trailing slash, but its RequestContext.getUrl()
    // drops a trailing slash when there is no query string, so both forms arrive (observed with 14.0.1).
    if (parts[0] === 'crm' && parts[1] === 'v3' && parts[2] === 'owners' && method === 'GET') {
      if (parts.length === 3) parts.push('');
      const ownerJson = (o: EmulatedOwner) => ({
        id: o.id,
        email: o.email,
        type: 'PERSON',
        firstName: o.firstName,
        lastName: o.lastName,
        userId: o.userId,
        userIdIncludingInactive: o.userId,
        createdAt: now(),
        updatedAt: now(),
        archived: o.archived,
        teams: o.teams,
      });
      if (parts.length === 4 && parts[3] === '') {
        const archived = query.get('archived') === 'true';
        const email = query.get('email');
        return ok(200, {
          results: portal.owners
            .filter((o) => o.archived === archived && (email === null || o.email === email))
            .map(ownerJson),
        });
      }
      if (parts.length === 4) {
        const byUser = query.get('idProperty') === 'userId';
        const owner = portal.owners.find((o) => (byUser ? String(o.userId) : o.id) === parts[3]);
        if (owner === undefined) throw fail(404, `Owner ${parts[3]} not found`, 'OBJECT_NOT_FOUND');
        return ok(200, ownerJson(owner));
      }
    }
    // settings users and teams. The users list is GET /settings/users/v3 (the 2026-03-26 spec revision);
    // the SDK's GET /settings/v3/users/ is no longer published and is not served.
    const userJson = (u: EmulatedUser) => ({
      id: u.id,
      email: u.email,
      firstName: u.firstName,
      lastName: u.lastName,
      roleIds: [],
      primaryTeamId: u.primaryTeamId,
      secondaryTeamIds: u.secondaryTeamIds ?? [],
      superAdmin: u.id === '501',
    });
    if (
      parts[0] === 'settings' &&
      parts[1] === 'users' &&
      parts[2] === 'v3' &&
      method === 'GET' &&
      (parts.length === 3 || (parts.length === 4 && parts[3] === ''))
    ) {
      const limit = Math.min(Number(query.get('limit') ?? 100) || 100, 100);
      const after = Number(query.get('after') ?? 0) || 0;
      const page = portal.users.slice(after, after + limit);
      return ok(200, {
        results: page.map(userJson),
        ...(after + limit < portal.users.length
          ? { paging: { next: { after: String(after + limit) } } }
          : {}),
      });
    }
    if (parts[0] === 'settings' && parts[1] === 'v3' && parts[2] === 'users' && method === 'GET') {
      if (parts.length === 4 && parts[3] === 'teams') return ok(200, { results: portal.teams });
      if (parts.length === 4) {
        const byEmail = query.get('idProperty') === 'EMAIL';
        const user = portal.users.find((u) => (byEmail ? u.email : u.id) === parts[3]);
        if (user === undefined) throw fail(404, `User ${parts[3]} not found`, 'OBJECT_NOT_FOUND');
        return ok(200, userJson(user));
      }
    }
    throw fail(404, `no route ${method} /${parts.join('/')}`, 'OBJECT_NOT_FOUND');
  };

  /** Upsert-created records skip association checks (upserts carry none) but keep property checks. */
  const prepareCreateUnchecked = (type: ObjectTypeName, properties: Record<string, string | null>) => {
    checkRequired(type, properties);
    checkUnique(type, properties);
    return { properties, associations: [] as ReturnType<typeof prepareCreate>['associations'] };
  };

  const propertyJson = (p: PropertyDefinition) => ({
    ...p,
    description: p.description ?? '',
    options: p.options ?? [],
    displayOrder: -1,
    calculated: false,
    externalOptions: false,
    hidden: false,
    formField: false,
    archived: false,
    createdAt: now(),
    updatedAt: now(),
    modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
  });

  const emulator: HubspotEmulator = {
    url: '',
    portalId,
    accessToken,
    clientId,
    clientSecret,
    calls,
    portal,
    latencyMs: options.latencyMs ?? 0,
    contacts: () => [...portal.objects.contacts.values()],
    leads: () => [...portal.objects.leads.values()],
    deals: () => [...portal.objects.deals.values()],
    tickets: () => [...portal.objects.tickets.values()],
    tasks: () => [...portal.objects.tasks.values()],
    communications: () => [...portal.objects.communications.values()],
    associationsOf: (type, id, toType) =>
      portal.associations.filter(
        (a) => a.fromType === type && a.fromId === id && (toType === undefined || a.toType === toType),
      ),
    resetCalls() {
      calls.total = 0;
      calls.byRoute = {};
      calls.log = [];
    },
    reset() {
      emulator.resetCalls();
      for (const t of objectTypes) portal.objects[t].clear();
      portal.associations = [];
      faults.length = 0;
      batchFailures = undefined;
      storm = undefined;
      generalWindow.length = 0;
      searchWindow.length = 0;
    },
    failNext(status, body) {
      faults.push(new HttpError(status, body ?? defaultBodyFor(status)));
    },
    failRate(next) {
      storm =
        next === undefined
          ? undefined
          : {
              rate: next.rate,
              policyName: next.policyName ?? 'TEN_SECONDLY_ROLLING',
              random: prng(next.seed ?? 1),
              ...(next.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: next.retryAfterSeconds }),
            };
    },
    issueAuthCode(code = `emu-code-${randomUUID()}`, scopes = fullGrant) {
      authCodes.set(code, { scopes });
      return code;
    },
    authorize(authorizeUrl, authorizeOptions = {}) {
      const url = new URL(authorizeUrl);
      const param = (name: string) => url.searchParams.get(name) ?? '';
      const refuse = (why: string): never => {
        throw new Error(`HubSpot refuses the install: ${why}`);
      };
      if (param('client_id') !== clientId) refuse(`unknown client_id "${param('client_id')}"`);
      const redirectUri = param('redirect_uri');
      if (!app.redirectUrls.includes(redirectUri))
        refuse(
          `redirect_uri "${redirectUri}" is not one of the app's redirect URLs (${app.redirectUrls.join(', ')})`,
        );
      const scope = param('scope').split(' ').filter(Boolean);
      const optional = param('optional_scope').split(' ').filter(Boolean);
      const missing = app.requiredScopes.filter((s) => !scope.includes(s));
      if (missing.length > 0) refuse(`scope lacks the app's required scopes ${missing.join(', ')}`);
      const declared = new Set([...app.requiredScopes, ...app.optionalScopes]);
      const undeclared = [...scope, ...optional].filter((s) => !declared.has(s));
      if (undeclared.length > 0) refuse(`the app does not declare the scopes ${undeclared.join(', ')}`);
      const granted = [...scope, ...(authorizeOptions.grantOptional === false ? [] : grantable(optional))];
      const code = `emu-code-${randomUUID()}`;
      authCodes.set(code, { redirectUri, scopes: granted });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      if (url.searchParams.has('state')) back.searchParams.set('state', param('state'));
      return back.toString();
    },
    seed(type, properties, id = String(nextId++)) {
      const at = now();
      const object: EmulatedObject = {
        id,
        properties: { ...properties, hs_object_id: id, createdate: at, hs_lastmodifieddate: at },
        createdAt: at,
        updatedAt: at,
        archived: false,
        indexedAt: clock(),
      };
      calculate(type, object);
      portal.objects[type].set(id, object);
      return object;
    },
    searchLagMs: options.searchLagMs ?? 1500,
    indexNow() {
      for (const t of objectTypes)
        for (const o of portal.objects[t].values()) {
          o.indexedAt = clock();
          o.indexed = undefined;
        }
    },
    failBatchInputsNext(count, category = 'INTERNAL_ERROR') {
      batchFailures = { count, category };
    },
    revoke() {
      accessTokens.clear();
      refreshTokens.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    if (emulator.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, emulator.latencyMs));
    const url = new URL(req.url ?? '/', 'http://emulator');
    const parts = url.pathname.split('/').slice(1).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const route = routeOf(method, parts);
    let answer: Answer;
    try {
      if (parts[0] === 'oauth') answer = handleOauth(method, parts, raw);
      else {
        const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const token = auth === undefined ? undefined : accessTokens.get(auth);
        if (token === undefined) throw new HttpError(401, unauthorizedBody());
        if (token.expiresAt <= clock())
          throw fail(
            401,
            'The OAuth token used to make this call expired 1 minute(s) ago.',
            'EXPIRED_AUTHENTICATION',
          );
        const needed = scopesFor(method, parts);
        if (needed !== undefined && !needed.some((scope) => token.scopes.includes(scope)))
          throw new HttpError(403, missingScopesBody(needed));
        const injected = faults.shift();
        if (injected !== undefined) throw injected;
        if (storm !== undefined && storm.random() < storm.rate) {
          retryAfter = storm.retryAfterSeconds;
          throw new HttpError(429, rateLimitBody(storm.policyName));
        }
        const limited = overLimit(parts[parts.length - 1] === 'search');
        if (limited !== undefined) throw limited;
        let body: unknown;
        if (raw !== '') {
          try {
            body = JSON.parse(raw);
          } catch {
            throw fail(400, 'Invalid input JSON on line 1', 'VALIDATION_ERROR');
          }
        }
        answer = handleCrm(method, parts, url.searchParams, body);
      }
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      answer = { status: error.status, body: error.body };
    }
    calls.total++;
    calls.byRoute[route] = (calls.byRoute[route] ?? 0) + 1;
    calls.log.push({ method, route, status: answer.status });
    const headers: Record<string, string> = { 'x-hubspot-correlation-id': randomUUID() };
    if (answer.status === 429 && retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
    retryAfter = undefined;
    if (answer.status === 429 || !route.endsWith('/search')) {
      headers['x-hubspot-ratelimit-interval-milliseconds'] = '10000';
      headers['x-hubspot-ratelimit-max'] = '110';
      headers['x-hubspot-ratelimit-remaining'] = String(Math.max(0, 110 - generalWindow.length));
    }
    if (answer.body === undefined) {
      res.writeHead(answer.status, headers);
      return res.end();
    }
    res.writeHead(answer.status, { ...headers, 'content-type': 'application/json;charset=utf-8' });
    res.end(JSON.stringify(answer.body));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify(errorBody(String(error), 'INTERNAL_ERROR')));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  emulator.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return emulator;
}
