// Salesforce emulator: an in-process stand-in for one org on Salesforce's REST paths and shapes, so real jsforce
// talks to it over HTTP (research/salesforce.md §1.3–§1.10, §2). OAuth token endpoint (refresh with optional
// rotation, authorization code with PKCE, JWT bearer with signature, audience and expiry checked), sObject
// create / update / upsert by external id (201 with Location, 300 with the matching records' URLs), sObject
// collections, /composite with references, allOrNone and each subrequest's httpHeaders, the SOQL Leadwire issues
// (soql.ts; 2,000 rows a page with nextRecordsUrl; INVALID_FIELD for a field the object lacks or the user may not
// read), /limits, describe, `Sforce-Limit-Info` on every answer, error arrays. As strict as an org, by default:
// `Sforce-Auto-Assign` (absent = the org's assignment rule re-owns Leads and Cases), the standard Lead duplicate
// rule (refused without `Sforce-Duplicate-Rule-Header: allowSave=true`, reported when allowed), field-level
// security from the package's permission set (or the one given), Transfer Record for changing another user's
// record's owner, converted Leads read-only, a non-reparentable master-detail never resent, owner rules
// (Opportunity → users only; queues own only the objects they support), restricted standard picklists when
// configured; per-user sessions for a rep with `Leadwire_User`; call counters, latency and fault injection.
import { createHash, type KeyObject, randomBytes, verify as verifySignature } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { defaultDir, list, readMetadata, text } from '../scripts/metadata-source.ts';
import {
  isPermissionable,
  type SalesforceField,
  type SalesforceObject,
  salesforceSchema,
} from '../src/schema.ts';
import { parseSoql, type Row, runSoql, SoqlError } from './soql.ts';

export interface SeedUser {
  Id?: string;
  Name: string;
  Email?: string;
  Username?: string;
  IsActive?: boolean;
}

export interface SeedQueue {
  Id?: string;
  Name: string;
  DeveloperName?: string;
  /** object types the queue may own (QueueSobject rows). Default Lead, Case, Task */
  sobjectTypes?: string[];
  /** member user (or group) ids (GroupMember rows) */
  members?: string[];
}

export interface SeedGroup {
  Id?: string;
  Name: string;
  DeveloperName?: string;
  members?: string[];
}

export interface SeedPresence {
  UserId: string;
  IsCurrentState?: boolean;
  IsAway?: boolean;
  StatusDeveloperName?: string;
}

export interface SalesforceEmulatorOptions {
  /** connected app credentials. Default `cid` / `csecret` */
  clientId?: string;
  clientSecret?: string;
  /** an access token valid from the start. Default `emulator-token` */
  accessToken?: string;
  /** a refresh token valid from the start. Default `emulator-refresh` */
  refreshToken?: string;
  /** issue a new refresh token on every refresh and invalidate the old one. Default false */
  rotateRefreshTokens?: boolean;
  /** the integration user's username (JWT bearer `sub`). Default `integration@leadwire.example` */
  username?: string;
  /**
   * The public key of the certificate uploaded to the connected app: JWT bearer assertions must verify with
   * it. Default none (every JWT bearer assertion is refused)
   */
  jwtPublicKey?: KeyObject | string;
  /** the org's daily API allocation (`Sforce-Limit-Info` denominator). Default 15000 */
  dailyApiLimit?: number;
  /** API calls already used in the rolling 24 h. Default 0 */
  apiUsage?: number;
  /** delay before each answer. Default 0 */
  latencyMs?: number;
  /** users besides the integration user */
  users?: SeedUser[];
  queues?: SeedQueue[];
  /** public groups (Type Regular) */
  groups?: SeedGroup[];
  /** Omni-Channel presence rows; absent = the org has no Omni-Channel (UserServicePresence unsupported) */
  presence?: SeedPresence[];
  /** the owner the org's active assignment rule gives Leads and Cases written without `Sforce-Auto-Assign: FALSE` */
  assignmentRuleOwnerId?: string;
  /** the org's id (18 characters, `00D…`). Default 00D000000000001AAA */
  orgId?: string;
  /**
   * The integration user's field-level security, `Object.Field` → access, for every field that takes it.
   * Default: what the package's `Leadwire_Integration` permission set grants (the set the admin assigns).
   */
  fieldPermissions?: Record<string, { readable: boolean; editable: boolean }>;
  /** The integration user's user permissions (e.g. `TransferAnyEntity`). Default: `Leadwire_Integration`'s */
  userPermissions?: string[];
  /**
   * The standard Lead duplicate rule (matching first name, last name and company; action on create and edit:
   * Allow with alert, report): a Lead write that matches another Lead is refused with DUPLICATES_DETECTED
   * unless it carries `Sforce-Duplicate-Rule-Header: allowSave=true`, and then reported as a Duplicate Record
   * Set. Default true (the rule is active in a new org).
   */
  duplicateRules?: boolean;
  /** Standard picklists' values (`Object.Field` → values), restricted or not. Default: a new org's, unrestricted */
  picklists?: Record<string, { values: string[]; restricted?: boolean }>;
  /** the master-detail `reparentableMasterDetail` as deployed. Default: the schema's (the package's metadata) */
  reparentableMasterDetail?: boolean;
  /** Lead conversion field mapping, output object → Lead field → field. Default: the package's LeadConvertSettings */
  leadConvertMappings?: Record<string, Record<string, string>>;
}

export type FaultName =
  | 'REQUEST_LIMIT_EXCEEDED'
  | 'UNABLE_TO_LOCK_ROW'
  | 'SERVER_UNAVAILABLE'
  | 'INVALID_SESSION_ID';
export type Fault = FaultName | { status: number; body: unknown };

export interface CallLogEntry {
  method: string;
  /** e.g. `PATCH /services/data/v62.0/sobjects/Lead/{id}` (ids and external id values as placeholders) */
  route: string;
  status: number;
  /** the `Sforce-Auto-Assign` header sent, if any */
  autoAssign?: string;
  subrequests?: { method: string; route: string; status: number; autoAssign?: string }[];
}

export interface CallCounter {
  /** API calls (`/services/data/…`; a composite counts once), as against the org's daily allocation */
  total: number;
  /** token endpoint calls */
  oauth: number;
  byRoute: Record<string, number>;
  log: CallLogEntry[];
}

export interface SalesforceEmulator {
  /** instance URL and login URL (the token endpoint lives on the same origin) */
  url: string;
  orgId: string;
  /** the integration user's id (owner of records written without OwnerId) */
  userId: string;
  clientId: string;
  clientSecret: string;
  /** the current valid access and refresh tokens */
  accessToken: string;
  refreshToken: string;
  calls: CallCounter;
  /** every record of an object type, in insertion order (copies) */
  records(type: string): Row[];
  /** insert a record directly (no API call), e.g. an existing Contact; answers its id */
  insert(type: string, fields: Row): string;
  /** an API version the emulator serves, e.g. `62.0` */
  apiVersion: string;
  apiUsage: { used: number; limit: number };
  /** zero the call counter */
  resetCalls(): void;
  /** the next API call fails with this fault before doing anything */
  failNext(fault: Fault): void;
  /** this share (0–1) of API calls fail with the fault, until `failRate(undefined)` */
  failRate(storm: { rate: number; fault: Fault; seed?: number } | undefined): void;
  /** every current access token stops working: the next call answers 401 INVALID_SESSION_ID */
  expireSession(): void;
  /** every access and refresh token stops working (the connected app was revoked) */
  revoke(): void;
  /** an authorization code the token endpoint accepts once, optionally bound to a PKCE S256 challenge */
  issueAuthCode(options?: { code?: string; codeChallenge?: string; redirectUri?: string }): string;
  latencyMs: number;
  close(): Promise<void>;
  /**
   * Convert a Lead as a user would (Convert button): into a new Contact and Account (or the given ones), copying
   * the mapped fields onto the Contact where it has none; the Lead becomes read-only (IsConverted).
   */
  convertLead(
    leadId: string,
    into?: { contactId?: string; accountId?: string },
  ): { contactId: string; accountId: string };
  /**
   * An access token for another user of the org (a rep using the record page), with the field-level security
   * and user permissions of one of the package's permission sets (`Leadwire_User`) or of none.
   */
  sessionFor(userId: string, permissionSet?: string): string;
}

/** The API version record URLs are written with: the package's (sfdx-project.json) and the adapter's. */
const API_VERSION = '66.0';

/** The versions served, up to the one the package and the adapter use (one version everywhere). */
const API_VERSIONS = ['58.0', '59.0', '60.0', '61.0', '62.0', '63.0', '64.0', '65.0', API_VERSION];

const keyPrefixes: Record<string, string> = {
  Account: '001',
  Contact: '003',
  Opportunity: '006',
  Lead: '00Q',
  Case: '500',
  Task: '00T',
  User: '005',
  Group: '00G',
  GroupMember: '011',
  QueueSobject: '03g',
  UserServicePresence: '0Jf',
  ServicePresenceStatus: '0N5',
  PermissionSet: '0PS',
  PermissionSetAssignment: '0Pa',
  WhatsApp_Conversation__c: 'a01',
  WhatsApp_Message__c: 'a02',
};

/** Fields each seeded (non-schema) object carries; writes to them are not validated. */
const seededObjects = [
  'Account',
  'User',
  'Group',
  'GroupMember',
  'QueueSobject',
  'ServicePresenceStatus',
  'PermissionSet',
  'PermissionSetAssignment',
  'DuplicateRecordSet',
  'DuplicateRecordItem',
];

/** Fields the org computes: writing one is refused whatever the field-level security says. */
const NOT_WRITABLE = new Set(['IsConverted', 'ConvertedContactId', 'ConvertedAccountId', 'IsClosed']);

/** Fields every object has, readable with the object. */
const SYSTEM_FIELDS = new Set([
  'id',
  'name',
  'ownerid',
  'createddate',
  'createdbyid',
  'lastmodifieddate',
  'lastmodifiedbyid',
  'systemmodstamp',
  'isdeleted',
]);

/** A new org's standard picklist values (unrestricted: Salesforce saves an unlisted value as is). */
const STANDARD_PICKLISTS: Record<string, string[]> = {
  'Lead.LeadSource': ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'],
  'Opportunity.LeadSource': ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'],
  'Opportunity.StageName': [
    'Prospecting',
    'Qualification',
    'Needs Analysis',
    'Value Proposition',
    'Id. Decision Makers',
    'Perception Analysis',
    'Proposal/Price Quote',
    'Negotiation/Review',
    'Closed Won',
    'Closed Lost',
  ],
  'Case.Origin': ['Phone', 'Email', 'Web'],
  'Case.Priority': ['High', 'Medium', 'Low'],
  'Case.Status': ['New', 'Working', 'Escalated', 'Closed'],
  'Task.Priority': ['High', 'Normal', 'Low'],
  'Task.Status': ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
};

/** The query batch size: a longer answer comes in pages linked by `nextRecordsUrl`. */
const QUERY_BATCH_SIZE = 2000;

class SoqlFieldError extends SoqlError {}

/** The field-level security and user permissions a permission set of the package grants. */
function packagePermissionSet(name: string): {
  fields: Map<string, { readable: boolean; editable: boolean }>;
  userPermissions: Set<string>;
} {
  const { body } = readMetadata(join(defaultDir, 'permissionsets', `${name}.permissionset-meta.xml`));
  return {
    fields: new Map(
      list(body, 'fieldPermissions').map((permission) => [
        text(permission, 'field'),
        {
          readable: text(permission, 'readable') === 'true',
          editable: text(permission, 'editable') === 'true',
        },
      ]),
    ),
    userPermissions: new Set(
      list(body, 'userPermissions')
        .filter((permission) => text(permission, 'enabled') === 'true')
        .map((permission) => text(permission, 'name')),
    ),
  };
}

/** The package's Lead conversion mapping: output object → Lead field → output field. */
function packageLeadConvertMappings(): Record<string, Record<string, string>> {
  const { body } = readMetadata(
    join(defaultDir, 'LeadConvertSettings', 'LeadConvertSettings.LeadConvertSetting-meta.xml'),
  );
  const mappings: Record<string, Record<string, string>> = {};
  for (const mapping of list(body, 'objectMapping'))
    mappings[text(mapping, 'outputObject')] = Object.fromEntries(
      list(mapping, 'mappingFields').map((field) => [text(field, 'inputField'), text(field, 'outputField')]),
    );
  return mappings;
}

/** The text formulas the package declares: field references and nested `SUBSTITUTE(text, 'old', 'new')`. */
function evaluateFormula(formula: string, row: Row): string | null {
  let i = 0;
  const skip = () => {
    while (/\s/.test(formula[i] ?? '')) i++;
  };
  const expect = (character: string) => {
    skip();
    if (formula[i] !== character) throw new Error(`formula: expected ${character} at ${i}: ${formula}`);
    i++;
  };
  const literal = (): string => {
    skip();
    const match = /^'((?:[^'\\]|\\.)*)'/.exec(formula.slice(i));
    if (match === null) throw new Error(`formula: expected a text literal at ${i}: ${formula}`);
    i += match[0].length;
    return (match[1] ?? '').replace(/\\(.)/g, '$1');
  };
  const expression = (): string => {
    skip();
    if (formula.startsWith('SUBSTITUTE(', i)) {
      i += 'SUBSTITUTE('.length;
      const value = expression();
      expect(',');
      const from = literal();
      expect(',');
      const to = literal();
      expect(')');
      return from === '' ? value : value.split(from).join(to);
    }
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(formula.slice(i));
    if (match === null) throw new Error(`formula: unexpected text at ${i}: ${formula}`);
    i += match[0].length;
    const value = row[match[0]];
    return value === null || value === undefined ? '' : String(value);
  };
  const value = expression();
  return value === '' ? null : value;
}

const schemaObjects = salesforceSchema.objects as unknown as Record<string, SalesforceObject>;

interface ApiResult {
  status: number;
  body?: unknown;
  /** the created record's URL (`Location` header; `httpHeaders.Location` in a composite) */
  location?: string;
}

/** How a write was asked for: its headers, or an admin's direct insert (no FLS, sharing or duplicate rules). */
interface WriteContext {
  autoAssign?: string | undefined;
  /** `Sforce-Duplicate-Rule-Header: allowSave=true` */
  allowSave?: boolean;
  admin?: boolean;
}

const sfError = (status: number, errorCode: string, message: string, fields: string[] = []): ApiResult => ({
  status,
  body: [{ message, errorCode, fields }],
});

class RecordError extends Error {
  readonly errorCode: string;
  readonly fields: string[];
  readonly status: number;
  readonly duplicateResult: unknown;
  constructor(
    errorCode: string,
    message: string,
    fields: string[] = [],
    status = 400,
    duplicateResult?: unknown,
  ) {
    super(message);
    this.errorCode = errorCode;
    this.fields = fields;
    this.status = status;
    this.duplicateResult = duplicateResult;
  }
}

const faultBodies: Record<FaultName, ApiResult> = {
  REQUEST_LIMIT_EXCEEDED: sfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'),
  UNABLE_TO_LOCK_ROW: sfError(400, 'UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access to this record'),
  SERVER_UNAVAILABLE: sfError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable'),
  INVALID_SESSION_ID: sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid'),
};

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clone = <T>(value: T): T => structuredClone(value);

export async function startSalesforceEmulator(
  options: SalesforceEmulatorOptions = {},
): Promise<SalesforceEmulator> {
  const clientId = options.clientId ?? 'cid';
  const clientSecret = options.clientSecret ?? 'csecret';
  const username = options.username ?? 'integration@leadwire.example';
  const orgId = options.orgId ?? '00D000000000001AAA';
  const accessTokens = new Set([options.accessToken ?? 'emulator-token']);
  const refreshTokens = new Set([options.refreshToken ?? 'emulator-refresh']);
  let currentAccess = options.accessToken ?? 'emulator-token';
  let currentRefresh = options.refreshToken ?? 'emulator-refresh';
  const authCodes = new Map<string, { codeChallenge?: string; redirectUri?: string }>();
  const apiUsage = { used: options.apiUsage ?? 0, limit: options.dailyApiLimit ?? 15_000 };
  const calls: CallCounter = { total: 0, oauth: 0, byRoute: {}, log: [] };
  const faults: Fault[] = [];
  let storm: { rate: number; fault: Fault; random: () => number } | undefined;
  let url = '';

  let store = new Map<string, Map<string, Row>>();
  const counters = new Map<string, number>();
  const newId = (type: string): string => {
    const prefix = keyPrefixes[type] ?? 'a0Z';
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}${String(n).padStart(12, '0')}AAA`;
  };
  const table = (type: string): Map<string, Row> => {
    let rows = store.get(type);
    if (rows === undefined) {
      rows = new Map();
      store.set(type, rows);
    }
    return rows;
  };
  /**
   * The store as it is now, for an allOrNone rollback: new tables holding the same rows. A stored row is never
   * changed in place (a write stores a new object), so sharing them is a true copy, at the cost of the tables'
   * entries rather than a deep clone of every record on every composite call.
   */
  const snapshotStore = () => new Map([...store].map(([type, rows]) => [type, new Map(rows)]));
  const typeOfId = (id: string): string | undefined => {
    for (const [type, rows] of store) if (rows.has(id)) return type;
    return undefined;
  };
  const findById = (id: string): Row | undefined => {
    for (const rows of store.values()) {
      const row = rows.get(id);
      if (row !== undefined) return row;
    }
    return undefined;
  };
  const now = () => new Date().toISOString().replace('Z', '+0000');

  const seed = (type: string, fields: Row): string => {
    const id = typeof fields.Id === 'string' ? fields.Id : newId(type);
    table(type).set(id, { ...fields, Id: id });
    return id;
  };

  // ---- seed the org ---------------------------------------------------------------------------------------
  const userId = seed('User', {
    Id: '005000000000001AAA',
    Name: 'Leadwire Integration',
    Username: username,
    Email: username,
    IsActive: true,
  });
  for (const user of options.users ?? [])
    seed('User', {
      IsActive: true,
      Email: `${user.Name.toLowerCase().replace(/\W+/g, '.')}@example.com`,
      ...user,
    });
  for (const queue of options.queues ?? []) {
    const { sobjectTypes, members, ...fields } = queue;
    const id = seed('Group', {
      DeveloperName: queue.Name.replace(/\W+/g, '_'),
      ...fields,
      Type: 'Queue',
    });
    // a queue owns only the object types it was set up for (Setup → Queues → Supported Objects)
    for (const type of sobjectTypes ?? ['Lead', 'Case'])
      seed('QueueSobject', { QueueId: id, SobjectType: type });
    for (const member of members ?? []) seed('GroupMember', { GroupId: id, UserOrGroupId: member });
  }
  for (const group of options.groups ?? []) {
    const { members, ...fields } = group;
    const id = seed('Group', { DeveloperName: group.Name.replace(/\W+/g, '_'), ...fields, Type: 'Regular' });
    for (const member of members ?? []) seed('GroupMember', { GroupId: id, UserOrGroupId: member });
  }
  const omniChannel = options.presence !== undefined;
  if (omniChannel) {
    const statuses = new Map<string, string>();
    for (const row of options.presence ?? []) {
      const name = row.StatusDeveloperName ?? 'Available';
      let statusId = statuses.get(name);
      if (statusId === undefined) {
        statusId = seed('ServicePresenceStatus', { DeveloperName: name, MasterLabel: name });
        statuses.set(name, statusId);
      }
      seed('UserServicePresence', {
        UserId: row.UserId,
        ServicePresenceStatusId: statusId,
        IsCurrentState: row.IsCurrentState ?? true,
        IsAway: row.IsAway ?? false,
        StatusStartDate: now(),
      });
    }
  }

  // ---- record rules ---------------------------------------------------------------------------------------
  const fieldDef = (type: string, field: string): SalesforceField | undefined => {
    const fields = schemaObjects[type]?.fields;
    if (fields === undefined) return undefined;
    const key = Object.keys(fields).find((k) => k.toLowerCase() === field.toLowerCase());
    return key === undefined ? undefined : fields[key];
  };
  const canonical = (type: string, field: string): string => {
    const fields = schemaObjects[type]?.fields ?? {};
    return Object.keys(fields).find((k) => k.toLowerCase() === field.toLowerCase()) ?? field;
  };
  // ---- the integration user's access: field-level security and user permissions ---------------------------
  const assigned =
    options.fieldPermissions === undefined || options.userPermissions === undefined
      ? packagePermissionSet('Leadwire_Integration')
      : undefined;
  interface Session {
    userId: string;
    fields: Map<string, { readable: boolean; editable: boolean }>;
    userPermissions: Set<string>;
  }
  const integration: Session = {
    userId: '005000000000001AAA',
    fields: new Map(
      options.fieldPermissions === undefined
        ? (assigned?.fields ?? [])
        : Object.entries(options.fieldPermissions),
    ),
    userPermissions: new Set(options.userPermissions ?? assigned?.userPermissions ?? []),
  };
  /** other users' sessions (a rep on a record page), by access token */
  const userSessions = new Map<string, Session>();
  /** the session of the request being answered (answers are computed synchronously, one at a time) */
  let current: Session = integration;
  /** What the current user may do with a field: fields without field-level security follow the object. */
  const fieldAccess = (type: string, field: string): { readable: boolean; editable: boolean } => {
    const definition = fieldDef(type, field);
    if (definition === undefined || !isPermissionable(definition)) return { readable: true, editable: true };
    return current.fields.get(`${type}.${canonical(type, field)}`) ?? { readable: false, editable: false };
  };
  const picklist = (type: string, field: string): { values: string[]; restricted: boolean } | undefined => {
    const name = `${type}.${field}`;
    const configured = options.picklists?.[name];
    if (configured !== undefined)
      return { values: configured.values, restricted: configured.restricted === true };
    const values = STANDARD_PICKLISTS[name];
    return values === undefined ? undefined : { values, restricted: false };
  };
  const isReparentable = (field: SalesforceField) =>
    options.reparentableMasterDetail ?? field.reparentable === true;

  const queueSupports = (queueId: string, type: string): boolean =>
    [...table('QueueSobject').values()].some((row) => row.QueueId === queueId && row.SobjectType === type);

  function checkOwner(type: string, ownerId: unknown): void {
    if (typeof ownerId !== 'string')
      throw new RecordError('FIELD_INTEGRITY_EXCEPTION', 'Owner ID: bad value', ['OwnerId']);
    const owner = findById(ownerId);
    const ownerType = typeOfId(ownerId);
    if (ownerType === 'User') {
      if (owner?.IsActive !== true)
        throw new RecordError('INACTIVE_OWNER_OR_USER', 'operation performed with inactive user', [
          'OwnerId',
        ]);
      return;
    }
    const userOnly = type === 'Opportunity' || type === 'Contact' || type === 'Account';
    if (ownerType === 'Group' && owner?.Type === 'Queue' && !userOnly && queueSupports(ownerId, type)) return;
    throw new RecordError('FIELD_INTEGRITY_EXCEPTION', `Owner ID: id value of incorrect type: ${ownerId}`, [
      'OwnerId',
    ]);
  }

  /** Resolve `Parent__r: {Ext__c: value}` relationship external ids to the lookup field. */
  function resolveRelationships(type: string, fields: Row): Row {
    const out: Row = {};
    for (const [key, value] of Object.entries(fields)) {
      if (key === 'attributes') continue;
      if (key.endsWith('__r') && value !== null && typeof value === 'object') {
        const lookup = canonical(type, key.replace(/__r$/, '__c'));
        const definition = fieldDef(type, lookup);
        const target = definition?.referenceTo?.[0];
        const entries = Object.entries(value as Row).filter(([k]) => k !== 'attributes');
        const [extField, extValue] = entries[0] ?? [];
        if (target === undefined || extField === undefined)
          throw new RecordError('INVALID_FIELD', `No such column '${key}' on entity '${type}'`, [key]);
        const parent = [...table(target).values()].find(
          (row) => row[canonical(target, extField)] === extValue,
        );
        if (parent === undefined)
          throw new RecordError(
            'INVALID_FIELD',
            `Foreign key external ID: ${String(extValue)} not found for field ${extField} in entity ${target}`,
            [key],
          );
        out[lookup] = parent.Id;
      } else out[key] = value;
    }
    return out;
  }

  function validate(type: string, fields: Row, existing: Row | undefined, context: WriteContext): Row {
    const definition = schemaObjects[type];
    if (definition === undefined) {
      if (seededObjects.includes(type) || type === 'UserServicePresence') return fields;
      throw new RecordError('NOT_FOUND', 'The requested resource does not exist', [], 404);
    }
    const clean: Row = {};
    for (const [rawKey, value] of Object.entries(fields)) {
      const key = canonical(type, rawKey);
      const field = definition.fields[key];
      if (field === undefined || key === 'Id' || (context.admin !== true && !fieldAccess(type, key).readable))
        throw new RecordError('INVALID_FIELD', `No such column '${rawKey}' on sobject of type ${type}`, [
          rawKey,
        ]);
      // a formula, a system field, a field the user may only read, a parent a non-reparentable detail keeps
      const locked =
        field.type === 'Formula' ||
        NOT_WRITABLE.has(key) ||
        (existing !== undefined && field.type === 'MasterDetail' && !isReparentable(field)) ||
        (context.admin !== true && !fieldAccess(type, key).editable);
      if (locked && !(context.admin === true && NOT_WRITABLE.has(key)))
        throw new RecordError(
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          `Unable to create/update fields: ${key}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          [key],
        );
      const standardValues = field.values === undefined ? picklist(type, key) : undefined;
      if (
        standardValues?.restricted === true &&
        value !== null &&
        value !== undefined &&
        !standardValues.values.includes(String(value))
      )
        throw new RecordError(
          'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          `${field.label}: bad value for restricted picklist field: ${String(value)}`,
          [key],
        );
      if (value !== null && value !== undefined) {
        if (field.values !== undefined && !field.values.includes(String(value)))
          throw new RecordError(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${field.label}: bad value for restricted picklist field: ${String(value)}`,
            [key],
          );
        if (field.length !== undefined && typeof value === 'string' && value.length > field.length)
          throw new RecordError(
            'STRING_TOO_LONG',
            `${field.label}: data value too large: ${value.slice(0, 40)}… (max length=${field.length})`,
            [key],
          );
        if ((field.type === 'Lookup' || field.type === 'MasterDetail') && key !== 'OwnerId') {
          const targetType = typeof value === 'string' ? typeOfId(value) : undefined;
          if (targetType === undefined)
            throw new RecordError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [key]);
          if (!field.referenceTo?.includes(targetType))
            throw new RecordError(
              'FIELD_INTEGRITY_EXCEPTION',
              `${field.label} ID: id value of incorrect type: ${String(value)}`,
              [key],
            );
        }
        if (field.type === 'DateTime' && Number.isNaN(Date.parse(String(value))))
          throw new RecordError(
            'JSON_PARSER_ERROR',
            `Cannot deserialize instance of datetime from ${String(value)}`,
            [key],
          );
        if (field.type === 'Date' && !/^\d{4}-\d{2}-\d{2}$/.test(String(value)))
          throw new RecordError(
            'JSON_PARSER_ERROR',
            `Cannot deserialize instance of date from ${String(value)}`,
            [key],
          );
      }
      clean[key] = value;
    }
    if (clean.OwnerId !== undefined) checkOwner(type, clean.OwnerId);
    const merged = { ...existing, ...clean };
    const missing = Object.entries(definition.fields)
      .filter(
        ([name, field]) =>
          field.required === true &&
          (merged[name] === undefined || merged[name] === null || merged[name] === ''),
      )
      .map(([name]) => name);
    if (missing.length > 0)
      throw new RecordError(
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${missing.join(', ')}]`,
        missing,
      );
    if (
      type === 'Task' &&
      typeof merged.WhoId === 'string' &&
      merged.WhoId.startsWith('00Q') &&
      merged.WhatId
    )
      throw new RecordError(
        'FIELD_INTEGRITY_EXCEPTION',
        'Related To ID: You can\u2019t associate a Lead with a Related To record',
        ['WhatId'],
      );
    for (const [name, field] of Object.entries(definition.fields)) {
      if (field.unique !== true || merged[name] === undefined || merged[name] === null) continue;
      const same = (a: unknown, b: unknown) =>
        field.caseSensitive === true ? a === b : String(a).toLowerCase() === String(b).toLowerCase();
      const clash = [...table(type).values()].find(
        (row) => row.Id !== existing?.Id && same(row[name], merged[name]),
      );
      if (clash !== undefined)
        throw new RecordError(
          'DUPLICATE_VALUE',
          `duplicate value found: ${name} duplicates value on record with id: ${String(clash.Id)}`,
          [name],
        );
    }
    return clean;
  }

  const defaults: Record<string, Row> = {
    Lead: { Status: 'Open - Not Contacted', IsConverted: false },
    Case: { Status: 'New', Priority: 'Medium' },
    Task: { Status: 'Not Started', Priority: 'Normal', IsClosed: false, TaskSubtype: 'Task' },
  };
  const hasOwner = (type: string) => fieldDef(type, 'OwnerId') !== undefined || type.endsWith('__c');

  function computeFormulas(type: string, row: Row): void {
    for (const [name, field] of Object.entries(schemaObjects[type]?.fields ?? {}))
      if (field.type === 'Formula' && field.formula !== undefined)
        row[name] = evaluateFormula(field.formula, row);
  }

  /** The standard Lead duplicate rule: alert (refuse) unless allowSave, report the duplicates when saved. */
  function checkDuplicates(type: string, row: Row, context: WriteContext): void {
    if (type !== 'Lead' || context.admin === true || options.duplicateRules === false) return;
    const norm = (value: unknown) =>
      String(value ?? '')
        .trim()
        .replace(/\s+/g, ' ')
        .toLowerCase();
    const same = [...table('Lead').values()].filter(
      (other) =>
        other.Id !== row.Id &&
        other.IsConverted !== true &&
        norm(other.FirstName) === norm(row.FirstName) &&
        norm(other.LastName) === norm(row.LastName) &&
        norm(other.Company) === norm(row.Company),
    );
    if (same.length === 0) return;
    if (context.allowSave !== true)
      throw new RecordError('DUPLICATES_DETECTED', 'Use one of these records?', [], 400, {
        allowSave: true,
        duplicateRule: 'Standard_Rule_for_Leads_with_Duplicate_Leads',
        duplicateRuleEntityType: 'Lead',
        errorMessage: 'Use one of these records?',
        matchResults: [
          {
            entityType: 'Lead',
            errors: [],
            matchEngine: 'FuzzyMatchEngine',
            matchRecords: same.map((other) => ({
              additionalInformation: [],
              fieldDiffs: [],
              matchConfidence: 100,
              record: {
                attributes: { type: 'Lead', url: recordUrl('Lead', String(other.Id)) },
                Id: other.Id,
              },
            })),
            rule: 'Standard_Lead_Match_Rule_v1_0',
            size: same.length,
            success: true,
          },
        ],
      });
    const setId = seed('DuplicateRecordSet', {
      DuplicateRuleId: 'Standard_Rule_for_Leads_with_Duplicate_Leads',
      RecordCount: same.length + 1,
    });
    for (const id of [row.Id, ...same.map((other) => other.Id)])
      seed('DuplicateRecordItem', { DuplicateRecordSetId: setId, RecordId: id });
  }

  /**
   * Changing the owner of a record someone else owns: Leads and Cases are Public Read/Write/Transfer in a new
   * org; any other object needs Transfer Record (or the owner's own hand).
   */
  function checkTransfer(type: string, existing: Row, context: WriteContext): void {
    if (context.admin === true || type === 'Lead' || type === 'Case' || type === 'Task') return;
    if (existing.OwnerId === current.userId || current.userPermissions.has('TransferAnyEntity')) return;
    throw new RecordError(
      'INSUFFICIENT_ACCESS_OR_READONLY',
      'insufficient access rights on object id: Transfer Record is needed to change the owner',
      ['OwnerId'],
    );
  }

  function convertLead(
    leadId: string,
    into: { contactId?: string; accountId?: string } = {},
  ): { contactId: string; accountId: string } {
    const lead = table('Lead').get(leadId);
    if (lead === undefined || lead.IsConverted === true)
      throw new Error(`no unconverted Lead ${leadId} to convert`);
    const admin: WriteContext = { autoAssign: 'FALSE', admin: true };
    const accountId = into.accountId ?? seed('Account', { Name: lead.Company, OwnerId: lead.OwnerId });
    const mapping = (options.leadConvertMappings ?? packageLeadConvertMappings()).Contact ?? {};
    let contactId = into.contactId;
    if (contactId === undefined) {
      contactId = createRecord(
        'Contact',
        {
          LastName: lead.LastName,
          ...(typeof lead.Phone === 'string' ? { Phone: lead.Phone } : {}),
          ...(typeof lead.MobilePhone === 'string' ? { MobilePhone: lead.MobilePhone } : {}),
          AccountId: accountId,
        },
        admin,
      );
    }
    const contact = table('Contact').get(contactId) ?? {};
    // mapped fields fill what the Contact lacks; an existing Contact's values stay
    const mapped = Object.fromEntries(
      Object.entries(mapping)
        .filter(([from, to]) => lead[from] !== undefined && lead[from] !== null && !contact[to])
        .map(([from, to]) => [to, lead[from]]),
    );
    if (Object.keys(mapped).length > 0) updateRecord('Contact', contactId, mapped, admin);
    table('Lead').set(leadId, {
      ...table('Lead').get(leadId),
      IsConverted: true,
      Status: 'Closed - Converted',
      ConvertedContactId: contactId,
      ConvertedAccountId: accountId,
    });
    return { contactId, accountId };
  }

  function applyAssignment(type: string, row: Row, context: WriteContext): void {
    if (type !== 'Lead' && type !== 'Case') return;
    // REST defaults to TRUE when the header is absent (research §2.4)
    if (context.autoAssign?.toUpperCase() === 'FALSE') return;
    if (options.assignmentRuleOwnerId !== undefined) row.OwnerId = options.assignmentRuleOwnerId;
  }

  function createRecord(type: string, fields: Row, context: WriteContext): string {
    const clean = validate(type, resolveRelationships(type, fields), undefined, context);
    const id = newId(type);
    const stamp = now();
    const row: Row = {
      ...(defaults[type] ?? {}),
      ...(hasOwner(type) ? { OwnerId: current.userId } : {}),
      ...clean,
      Id: id,
      CreatedById: current.userId,
      CreatedDate: stamp,
      LastModifiedDate: stamp,
      SystemModstamp: stamp,
    };
    if (type === 'Task') row.IsClosed = row.Status === 'Completed';
    applyAssignment(type, row, context);
    computeFormulas(type, row);
    checkDuplicates(type, row, context);
    table(type).set(id, row);
    return id;
  }

  function updateRecord(type: string, id: string, fields: Row, context: WriteContext): void {
    const existing = table(type).get(id);
    if (existing === undefined)
      throw new RecordError('NOT_FOUND', 'The requested resource does not exist', [], 404);
    if (type === 'Lead' && existing.IsConverted === true && context.admin !== true)
      throw new RecordError('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead', []);
    const clean = validate(type, resolveRelationships(type, fields), existing, context);
    if (clean.OwnerId !== undefined && clean.OwnerId !== existing.OwnerId)
      checkTransfer(type, existing, context);
    const row: Row = { ...existing, ...clean, LastModifiedDate: now(), SystemModstamp: now() };
    if (type === 'Task') row.IsClosed = row.Status === 'Completed';
    applyAssignment(type, row, context);
    computeFormulas(type, row);
    checkDuplicates(type, row, context);
    table(type).set(id, row);
  }

  /** Upsert by external id: 0 matches → create (201), 1 → update (200), more → 300. */
  function upsertRecord(
    type: string,
    extField: string,
    extValue: string,
    fields: Row,
    context: WriteContext,
  ): { id: string; created: boolean } {
    const field = canonical(type, extField);
    const definition = fieldDef(type, field);
    if (field !== 'Id' && definition?.externalId !== true)
      throw new RecordError(
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${extField}`,
        [],
        404,
      );
    const same = (a: unknown) =>
      definition?.caseSensitive === true
        ? a === extValue
        : String(a).toLowerCase() === extValue.toLowerCase();
    const found = [...table(type).values()].filter((row) => same(row[field]));
    if (found.length > 1)
      throw new RecordError(
        'MULTIPLE_CHOICES',
        'Multiple records found',
        found.map((row) => `/services/data/v${API_VERSION}/sobjects/${type}/${String(row.Id)}`),
        300,
      );
    const existing = found[0];
    if (existing !== undefined) {
      updateRecord(type, existing.Id as string, fields, context);
      return { id: existing.Id as string, created: false };
    }
    return { id: createRecord(type, { ...fields, [field]: extValue }, context), created: true };
  }

  const recordResult = (error: unknown): ApiResult => {
    if (error instanceof RecordError)
      // a 300 answers the URLs of the records the external id matched
      return error.status === 300
        ? { status: 300, body: error.fields }
        : error.duplicateResult !== undefined
          ? {
              status: error.status,
              body: [
                {
                  message: error.message,
                  errorCode: error.errorCode,
                  fields: error.fields,
                  duplicateResult: error.duplicateResult,
                },
              ],
            }
          : sfError(error.status, error.errorCode, error.message, error.fields);
    if (error instanceof SoqlError) return sfError(400, 'MALFORMED_QUERY', error.message);
    throw error;
  };

  // ---- query ----------------------------------------------------------------------------------------------
  const soqlSource = {
    rows: (object: string): Row[] | undefined => {
      if (object === 'UserServicePresence' && !omniChannel) return undefined;
      const known =
        schemaObjects[object] !== undefined ||
        seededObjects.includes(object) ||
        object === 'UserServicePresence';
      return known ? [...table(object).values()] : undefined;
    },
    resolve: (row: Row, relationship: string): Row | undefined => {
      const idField = relationship.endsWith('__r')
        ? relationship.replace(/__r$/, '__c')
        : Object.keys(row).find((k) => k.toLowerCase() === `${relationship.toLowerCase()}id`);
      const id = idField === undefined ? undefined : row[idField];
      return typeof id === 'string' ? findById(id) : undefined;
    },
    checkField: (object: string, path: string) => {
      const definition = schemaObjects[object];
      if (definition === undefined || path.includes('.')) return;
      const field = fieldDef(object, path);
      if (field === undefined ? SYSTEM_FIELDS.has(path.toLowerCase()) : fieldAccess(object, path).readable)
        return;
      throw new SoqlFieldError(
        `No such column '${path}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    },
  };
  /** Query cursors: the rows still to come of an answer longer than one batch. */
  const cursors = new Map<string, Row[]>();
  let cursorCount = 0;
  function page(rows: Row[], totalSize: number): ApiResult {
    const batch = rows.slice(0, QUERY_BATCH_SIZE);
    const rest = rows.slice(QUERY_BATCH_SIZE);
    const body: Row = { totalSize, done: rest.length === 0, records: batch };
    if (rest.length > 0) {
      const locator = `01g${String(++cursorCount).padStart(15, '0')}-${totalSize - rest.length}`;
      cursors.set(locator, rest);
      body.nextRecordsUrl = `/services/data/v${API_VERSION}/query/${locator}`;
    }
    return { status: 200, body };
  }

  function project(type: string, row: Row, fields: string[]): Row {
    const out: Row = {
      attributes: { type, url: `/services/data/v${API_VERSIONS.at(-1)}/sobjects/${type}/${String(row.Id)}` },
    };
    for (const path of fields) {
      const parts = path.split('.');
      if (parts.length === 1) {
        const key = Object.keys(row).find((k) => k.toLowerCase() === path.toLowerCase());
        const definition = schemaObjects[type]?.fields;
        if (
          key === undefined &&
          definition !== undefined &&
          definition[canonical(type, path)] === undefined &&
          path !== 'Id'
        )
          throw new SoqlError(`No such column '${path}' on entity '${type}'.`);
        out[key ?? canonical(type, path)] = key === undefined ? null : row[key];
        continue;
      }
      const [relationship, field] = parts as [string, string];
      const parent = soqlSource.resolve(row, relationship);
      out[relationship] =
        parent === undefined
          ? null
          : {
              ...(out[relationship] as Row | undefined),
              attributes: { type: typeOfId(String(parent.Id)) },
              [field]: parent[field] ?? null,
            };
    }
    return out;
  }

  function query(soql: string): ApiResult {
    try {
      const parsed = parseSoql(soql);
      const rows = runSoql(parsed, soqlSource);
      const records = rows.map((row) => project(parsed.object, row, parsed.fields));
      return page(records, records.length);
    } catch (error) {
      if (error instanceof SoqlFieldError) return sfError(400, 'INVALID_FIELD', error.message);
      if (error instanceof SoqlError && error.message.includes('is not supported'))
        return sfError(
          400,
          'INVALID_TYPE',
          `${error.message} If you are attempting to use a custom object, be sure to append the '__c' after the entity name.`,
        );
      return recordResult(error);
    }
  }

  // ---- describe -------------------------------------------------------------------------------------------
  const describeType: Record<string, string> = {
    Id: 'id',
    Text: 'string',
    TextArea: 'textarea',
    LongTextArea: 'textarea',
    Phone: 'phone',
    Email: 'email',
    Picklist: 'picklist',
    Checkbox: 'boolean',
    Number: 'double',
    Formula: 'string',
    Date: 'date',
    DateTime: 'datetime',
    Lookup: 'reference',
    MasterDetail: 'reference',
  };
  function describe(type: string): ApiResult {
    const definition = schemaObjects[type];
    if (definition === undefined) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return {
      status: 200,
      body: {
        name: type,
        label: definition.label,
        custom: definition.custom,
        keyPrefix: keyPrefixes[type],
        // a field the user may not read is not described; one they may not edit is neither createable nor updateable
        fields: Object.entries(definition.fields)
          .filter(([name]) => fieldAccess(type, name).readable)
          .map(([name, field]) => ({
            name,
            label: field.label,
            type: describeType[field.type],
            calculated: field.type === 'Formula',
            permissionable: isPermissionable(field),
            createable:
              field.type !== 'Formula' &&
              !NOT_WRITABLE.has(name) &&
              name !== 'Id' &&
              fieldAccess(type, name).editable,
            updateable:
              field.type !== 'Formula' &&
              !NOT_WRITABLE.has(name) &&
              name !== 'Id' &&
              fieldAccess(type, name).editable &&
              (field.type !== 'MasterDetail' || isReparentable(field)),
            restrictedPicklist: field.values !== undefined || picklist(type, name)?.restricted === true,
            length: field.length ?? 0,
            custom: name.endsWith('__c'),
            externalId: field.externalId === true,
            unique: field.unique === true,
            caseSensitive: field.caseSensitive === true,
            nillable: field.required !== true,
            picklistValues: (field.values ?? picklist(type, name)?.values ?? []).map((value) => ({
              value,
              label: value,
              active: true,
            })),
            referenceTo: field.referenceTo ?? [],
            relationshipName: field.relationship ?? null,
          })),
      },
    };
  }

  // ---- the REST router --------------------------------------------------------------------------------------
  interface Request {
    method: string;
    /** path after `/services/data/vXX.X` */
    path: string;
    search: URLSearchParams;
    body: unknown;
    autoAssign: string | undefined;
    /** `Sforce-Duplicate-Rule-Header` */
    duplicateRule?: string | undefined;
  }

  const writeContext = (request: Request): WriteContext => ({
    autoAssign: request.autoAssign,
    allowSave: /(?:^|;)\s*allowSave\s*=\s*true\b/i.test(request.duplicateRule ?? ''),
  });
  const recordUrl = (type: string, id: string) => `/services/data/v${API_VERSION}/sobjects/${type}/${id}`;

  const routeName = (method: string, fullPath: string): string => {
    const parts = fullPath.split('/');
    const i = parts.indexOf('sobjects');
    if (i !== -1 && parts.length > i + 2 && parts[i + 2] !== 'describe') {
      if (parts.length === i + 3)
        parts[i + 2] = parts[i - 1] === 'composite' ? (parts[i + 2] as string) : '{id}';
      if (parts.length === i + 4) parts[i + 3] = '{value}';
    }
    const query = parts.indexOf('query');
    if (query !== -1 && parts.length > query + 1) parts[query + 1] = '{locator}';
    return `${method} ${parts.join('/')}`;
  };

  function collection(request: Request, segments: string[]): ApiResult {
    const body = (request.body ?? {}) as { allOrNone?: boolean; records?: Row[] };
    const records = body.records ?? [];
    if (records.length > 200)
      return sfError(
        400,
        'EXCEEDED_ID_LIMIT',
        'record limit reached. cannot submit more than 200 records into this call',
      );
    const snapshot = snapshotStore();
    const results: Row[] = [];
    let failed = false;
    for (const record of records) {
      const attributes = (record.attributes ?? {}) as { type?: string };
      try {
        const type = segments[0] ?? attributes.type;
        if (type === undefined) throw new RecordError('INVALID_TYPE', 'Must send a concrete entity type.');
        const { attributes: _, ...fields } = record;
        if (request.method === 'POST') {
          results.push({ id: createRecord(type, fields, writeContext(request)), success: true, errors: [] });
        } else if (segments.length === 2) {
          const extField = segments[1] as string;
          const key = Object.keys(fields).find((k) => k.toLowerCase() === extField.toLowerCase());
          const value = key === undefined ? undefined : fields[key];
          if (key === undefined || typeof value !== 'string')
            throw new RecordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${extField}]`, [
              extField,
            ]);
          const { [key]: __, ...rest } = fields;
          const { id, created } = upsertRecord(type, extField, value, rest, writeContext(request));
          results.push({ id, success: true, errors: [], created });
        } else {
          const { Id, ...rest } = fields;
          if (typeof Id !== 'string')
            throw new RecordError('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
          updateRecord(typeOfId(Id) ?? type, Id, rest, writeContext(request));
          results.push({ id: Id, success: true, errors: [] });
        }
      } catch (error) {
        if (!(error instanceof RecordError)) throw error;
        failed = true;
        results.push({
          success: false,
          errors: [{ statusCode: error.errorCode, message: error.message, fields: error.fields }],
        });
      }
    }
    if (failed && body.allOrNone === true) {
      store = snapshot;
      return {
        status: 200,
        body: results.map((result) =>
          result.success === false
            ? result
            : {
                success: false,
                errors: [
                  {
                    statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                    message:
                      'Record rolled back because not all records were valid and the request was using AllOrNone header',
                    fields: [],
                  },
                ],
              },
        ),
      };
    }
    return { status: 200, body: results };
  }

  function composite(request: Request, depth: number): ApiResult {
    const body = (request.body ?? {}) as {
      allOrNone?: boolean;
      compositeRequest?: {
        method: string;
        url: string;
        referenceId: string;
        body?: unknown;
        httpHeaders?: Record<string, string>;
      }[];
    };
    const subrequests = body.compositeRequest ?? [];
    if (depth > 0) return sfError(400, 'INVALID_ENDPOINT', 'composite requests cannot be nested');
    if (subrequests.length === 0 || subrequests.length > 25)
      return sfError(
        400,
        'INVALID_BATCH_REQUEST',
        'Composite request must have between 1 and 25 subrequests',
      );
    const heavy = subrequests.filter((s) => /\/(query|composite\/sobjects)/.test(s.url)).length;
    if (heavy > 5)
      return sfError(
        400,
        'INVALID_BATCH_REQUEST',
        'A composite request can have at most 5 query or sObject Collection subrequests',
      );
    const ids = new Set<string>();
    for (const sub of subrequests) {
      if (!/^[A-Za-z0-9_]+$/.test(sub.referenceId ?? '') || ids.has(sub.referenceId))
        return sfError(400, 'INVALID_BATCH_REQUEST', `Invalid or duplicate referenceId: ${sub.referenceId}`);
      ids.add(sub.referenceId);
    }
    const snapshot = snapshotStore();
    const results: {
      body: unknown;
      httpHeaders: Record<string, string>;
      httpStatusCode: number;
      referenceId: string;
    }[] = [];
    const bodies = new Map<string, unknown>();
    let failed = false;
    const log: NonNullable<CallLogEntry['subrequests']> = [];
    for (const sub of subrequests) {
      if (failed && body.allOrNone === true) {
        results.push({
          ...halted(
            'The transaction was rolled back since another operation in the same transaction failed.',
          ),
          referenceId: sub.referenceId,
        });
        continue;
      }
      let missing: string | undefined;
      const substitute = (text: string) =>
        text.replace(
          /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])+)\}/g,
          (whole, ref: string, path: string) => {
            const resolved = readPath(bodies.get(ref), path);
            if (resolved === undefined) {
              missing = `${ref}${path}`;
              return whole;
            }
            return String(resolved);
          },
        );
      const resolveDeep = (value: unknown): unknown =>
        typeof value === 'string'
          ? substitute(value)
          : Array.isArray(value)
            ? value.map(resolveDeep)
            : value !== null && typeof value === 'object'
              ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(v)]))
              : value;
      const subUrl = substitute(sub.url);
      const subBody = resolveDeep(sub.body);
      if (missing !== undefined) {
        failed = true;
        results.push({
          ...halted(
            `Invalid reference specified. No value for ${missing} found in ${missing.split(/[.[]/)[0]}. Provided referenceId ensure that it matches a referenceId in the request and the field name matches`,
            400,
          ),
          referenceId: sub.referenceId,
        });
        continue;
      }
      const match = /^\/services\/data\/v(\d+\.\d+)(\/.*)$/.exec(subUrl.split('?')[0] as string);
      const headerValue = Object.entries(sub.httpHeaders ?? {}).find(
        ([k]) => k.toLowerCase() === 'sforce-auto-assign',
      )?.[1];
      const autoAssign = headerValue ?? request.autoAssign;
      const duplicateRule =
        Object.entries(sub.httpHeaders ?? {}).find(
          ([k]) => k.toLowerCase() === 'sforce-duplicate-rule-header',
        )?.[1] ?? request.duplicateRule;
      let result: ApiResult;
      if (match === null) result = sfError(400, 'INVALID_URL', `Invalid URL: ${subUrl}`);
      else
        result = api(
          {
            method: sub.method.toUpperCase(),
            path: match[2] as string,
            search: new URLSearchParams(subUrl.split('?')[1] ?? ''),
            body: subBody,
            autoAssign,
            duplicateRule,
          },
          depth + 1,
        );
      log.push({
        method: sub.method.toUpperCase(),
        route: routeName(sub.method.toUpperCase(), subUrl.split('?')[0] as string),
        status: result.status,
        ...(autoAssign === undefined ? {} : { autoAssign }),
      });
      const rowsFailed =
        Array.isArray(result.body) && result.body.some((row) => (row as Row)?.success === false);
      if (result.status >= 400 || (rowsFailed && body.allOrNone === true)) failed = true;
      else bodies.set(sub.referenceId, result.body);
      results.push({
        body: result.body ?? null,
        httpHeaders: result.location === undefined ? {} : { Location: result.location },
        httpStatusCode: result.status,
        referenceId: sub.referenceId,
      });
    }
    if (failed && body.allOrNone === true) {
      store = snapshot;
      // every subrequest that succeeded is rolled back; the failing one (a 4xx, or a collection's failed rows) keeps its errors
      for (const result of results)
        if (
          result.httpStatusCode < 400 &&
          !isHalted(result.body) &&
          !(Array.isArray(result.body) && result.body.some((row) => (row as Row)?.success === false))
        )
          Object.assign(
            result,
            halted('The transaction was rolled back since another operation in the same transaction failed.'),
          );
    }
    return { status: 200, body: { compositeResponse: results }, subrequests: log } as ApiResult;
  }

  function api(request: Request, depth = 0): ApiResult {
    const segments = request.path.split('/').filter(Boolean).map(decodeURIComponent);
    const [head, ...rest] = segments;
    try {
      if (head === 'limits' && request.method === 'GET')
        return {
          status: 200,
          body: {
            DailyApiRequests: { Max: apiUsage.limit, Remaining: Math.max(0, apiUsage.limit - apiUsage.used) },
            DailyAsyncApexExecutions: { Max: 250000, Remaining: 250000 },
          },
        };
      if ((head === 'query' || head === 'queryAll') && request.method === 'GET') {
        const q = request.search.get('q');
        if (q === null) {
          const locator = rest[0];
          const remaining = locator === undefined ? undefined : cursors.get(locator);
          if (remaining === undefined)
            return locator === undefined
              ? sfError(400, 'MALFORMED_QUERY', 'A query string has to be specified')
              : sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
          cursors.delete(locator as string);
          const done = Number((locator as string).split('-')[1] ?? 0);
          return page(remaining, done + remaining.length);
        }
        return query(q);
      }
      if (head === 'composite' && request.method === 'POST' && rest.length === 0)
        return composite(request, depth);
      if (head === 'composite' && rest[0] === 'sobjects') return collection(request, rest.slice(1));
      if (head === 'sobjects') {
        const [type, second, third] = rest;
        if (type === undefined)
          return {
            status: 200,
            body: {
              encoding: 'UTF-8',
              maxBatchSize: 200,
              sobjects: Object.entries(schemaObjects).map(([name, o]) => ({
                name,
                label: o.label,
                custom: o.custom,
              })),
            },
          };
        if (schemaObjects[type] === undefined && !seededObjects.includes(type))
          return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
        if (second === 'describe' && request.method === 'GET') return describe(type);
        const fields = (request.body ?? {}) as Row;
        if (second === undefined && request.method === 'POST') {
          const id = createRecord(type, fields, writeContext(request));
          return { status: 201, body: { id, success: true, errors: [] }, location: recordUrl(type, id) };
        }
        if (second !== undefined && third === undefined) {
          const row = table(type).get(second);
          if (request.method === 'GET') {
            if (row === undefined) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
            const wanted = request.search.get('fields')?.split(',');
            return { status: 200, body: project(type, row, wanted ?? Object.keys(row)) };
          }
          if (request.method === 'PATCH') {
            updateRecord(type, second, fields, writeContext(request));
            return { status: 204 };
          }
          if (request.method === 'DELETE') {
            if (row === undefined) return sfError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
            table(type).delete(second);
            return { status: 204 };
          }
        }
        if (second !== undefined && third !== undefined && request.method === 'PATCH') {
          const bodyKey = Object.keys(fields).find(
            (k) => k.toLowerCase() === second.toLowerCase() || k === 'Id',
          );
          if (bodyKey !== undefined)
            return sfError(
              400,
              'INVALID_FIELD',
              `Unable to create/update fields: ${bodyKey}. Do not specify the external ID field in the body.`,
              [bodyKey],
            );
          const { id, created } = upsertRecord(type, second, third, fields, writeContext(request));
          return {
            status: created ? 201 : 200,
            body: { id, success: true, errors: [], created },
            ...(created ? { location: recordUrl(type, id) } : {}),
          };
        }
      }
      return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    } catch (error) {
      return recordResult(error);
    }
  }

  // ---- OAuth ----------------------------------------------------------------------------------------------
  const issueTokens = (withRefresh: boolean, rotate: boolean) => {
    currentAccess = `00D!${randomBytes(12).toString('hex')}`;
    accessTokens.add(currentAccess);
    let refresh: string | undefined;
    if (withRefresh) {
      refresh = randomBytes(16).toString('hex');
      if (rotate) refreshTokens.clear();
      refreshTokens.add(refresh);
      currentRefresh = refresh;
    }
    const issuedAt = String(Date.now());
    return {
      access_token: currentAccess,
      ...(refresh === undefined ? {} : { refresh_token: refresh }),
      signature: createHash('sha256').update(`${url}${issuedAt}${currentAccess}`).digest('base64'),
      scope: 'api refresh_token',
      instance_url: url,
      id: `${url}/id/${orgId}/${userId}`,
      token_type: 'Bearer',
      issued_at: issuedAt,
    };
  };
  const oauthError = (error: string, description: string, status = 400): ApiResult => ({
    status,
    body: { error, error_description: description },
  });

  function token(form: URLSearchParams): ApiResult {
    const grant = form.get('grant_type');
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      // the JWT bearer flow's rules: RS256 signed with the key of the certificate uploaded to the connected
      // app, iss = consumer key, aud = the login or test URL (or a site's), sub = a pre-authorized user, exp
      // in the future and at most 3 minutes out
      const assertion = form.get('assertion') ?? '';
      const [header, payload, signature, ...rest] = assertion.split('.');
      let claims: { iss?: string; sub?: string; aud?: string; exp?: number };
      let alg: unknown;
      try {
        alg = JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8')).alg;
        claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
      } catch {
        return oauthError('invalid_grant', 'invalid assertion');
      }
      if (rest.length > 0 || alg !== 'RS256' || signature === undefined)
        return oauthError('invalid_grant', 'invalid assertion');
      if (claims.iss !== clientId) return oauthError('invalid_client_id', 'client identifier invalid');
      const certificate = options.jwtPublicKey;
      if (
        certificate === undefined ||
        !verifySignature(
          'sha256',
          Buffer.from(`${header}.${payload}`),
          certificate,
          Buffer.from(signature, 'base64url'),
        )
      )
        return oauthError('invalid_grant', 'invalid assertion signature');
      const audiences = [url, 'https://login.salesforce.com', 'https://test.salesforce.com'];
      if (typeof claims.aud !== 'string' || !audiences.includes(claims.aud.replace(/\/+$/, '')))
        return oauthError('invalid_grant', 'audience is invalid');
      if (claims.sub !== username)
        return oauthError('invalid_grant', 'user hasn\u2019t approved this consumer');
      const now = Date.now();
      if (
        typeof claims.exp !== 'number' ||
        claims.exp * 1000 < now ||
        claims.exp * 1000 > now + 3 * 60_000 + 1000
      )
        return oauthError('invalid_grant', 'expired authorization code');
      return { status: 200, body: issueTokens(false, false) };
    }
    if (form.get('client_id') !== clientId)
      return oauthError('invalid_client_id', 'client identifier invalid');
    const secret = form.get('client_secret');
    if (secret !== null && secret !== clientSecret)
      return oauthError('invalid_client', 'invalid client credentials');
    if (grant === 'refresh_token') {
      const refresh = form.get('refresh_token') ?? '';
      if (!refreshTokens.has(refresh)) return oauthError('invalid_grant', 'expired access/refresh token');
      const rotate = options.rotateRefreshTokens === true;
      return { status: 200, body: issueTokens(rotate, true) };
    }
    if (grant === 'authorization_code') {
      const code = form.get('code') ?? '';
      const issued = authCodes.get(code);
      if (issued === undefined) return oauthError('invalid_grant', 'invalid authorization code');
      authCodes.delete(code);
      if (issued.redirectUri !== undefined && form.get('redirect_uri') !== issued.redirectUri)
        return oauthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
      if (issued.codeChallenge !== undefined) {
        const verifier = form.get('code_verifier') ?? '';
        if (createHash('sha256').update(verifier).digest('base64url') !== issued.codeChallenge)
          return oauthError('invalid_grant', 'invalid code verifier');
      }
      return { status: 200, body: issueTokens(true, false) };
    }
    return oauthError('unsupported_grant_type', 'grant type not supported');
  }

  // ---- HTTP -----------------------------------------------------------------------------------------------
  const readBody = async (req: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  const emulator: SalesforceEmulator = {
    url: '',
    orgId,
    userId,
    clientId,
    clientSecret,
    get accessToken() {
      return currentAccess;
    },
    get refreshToken() {
      return currentRefresh;
    },
    calls,
    apiVersion: API_VERSIONS.at(-1) as string,
    apiUsage,
    records: (type) => [...table(type).values()].map(clone),
    insert: (type, fields) => {
      current = integration;
      return createRecord(type, fields, { autoAssign: 'FALSE', admin: true });
    },
    sessionFor(sessionUserId, permissionSet) {
      const token = `00D!user-${randomBytes(8).toString('hex')}`;
      const granted =
        permissionSet === undefined
          ? { fields: new Map(), userPermissions: new Set<string>() }
          : packagePermissionSet(permissionSet);
      userSessions.set(token, { userId: sessionUserId, ...granted });
      return token;
    },
    convertLead,
    resetCalls() {
      calls.total = 0;
      calls.oauth = 0;
      calls.byRoute = {};
      calls.log = [];
    },
    failNext(fault) {
      faults.push(fault);
    },
    failRate(options) {
      storm = options === undefined ? undefined : { ...options, random: mulberry32(options.seed ?? 1) };
    },
    expireSession() {
      accessTokens.clear();
    },
    revoke() {
      accessTokens.clear();
      refreshTokens.clear();
    },
    issueAuthCode(options = {}) {
      const code = options.code ?? randomBytes(8).toString('hex');
      authCodes.set(code, {
        ...(options.codeChallenge === undefined ? {} : { codeChallenge: options.codeChallenge }),
        ...(options.redirectUri === undefined ? {} : { redirectUri: options.redirectUri }),
      });
      return code;
    },
    latencyMs: options.latencyMs ?? 0,
    close: async () => {},
  };

  const send = (res: ServerResponse, result: ApiResult, headers: Record<string, string> = {}) => {
    const payload = result.body === undefined ? '' : JSON.stringify(result.body);
    res.writeHead(result.status, {
      ...headers,
      ...(result.location === undefined ? {} : { Location: result.location }),
      ...(payload === '' ? {} : { 'content-type': 'application/json;charset=UTF-8' }),
    });
    res.end(payload);
  };

  const server = createServer(async (req, res) => {
    try {
      const raw = await readBody(req);
      if (emulator.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, emulator.latencyMs));
      const parsedUrl = new URL(req.url ?? '/', url);
      const method = (req.method ?? 'GET').toUpperCase();
      const path = parsedUrl.pathname;
      const count = (route: string) => {
        calls.byRoute[route] = (calls.byRoute[route] ?? 0) + 1;
      };
      if (path === '/services/oauth2/token' && method === 'POST') {
        calls.oauth++;
        count('POST /services/oauth2/token');
        const result = token(new URLSearchParams(raw));
        calls.log.push({ method, route: 'POST /services/oauth2/token', status: result.status });
        return send(res, result);
      }
      if (path === '/services/data' || path === '/services/data/') {
        return send(res, {
          status: 200,
          body: API_VERSIONS.map((version) => ({
            version,
            label: `v${version}`,
            url: `/services/data/v${version}`,
          })),
        });
      }
      const idMatch = /^\/id\/([^/]+)\/([^/]+)$/.exec(path);
      const match = /^\/services\/data\/v(\d+\.\d+)(\/.*)?$/.exec(path);
      if (idMatch === null && match === null)
        return send(res, sfError(404, 'NOT_FOUND', 'The requested resource does not exist'));
      const auth = req.headers.authorization ?? '';
      const bearer = auth.replace(/^(Bearer|OAuth) /i, '');
      const autoAssignHeader = req.headers['sforce-auto-assign'];
      const autoAssign = Array.isArray(autoAssignHeader) ? autoAssignHeader[0] : autoAssignHeader;
      const duplicateHeader = req.headers['sforce-duplicate-rule-header'];
      const duplicateRule = Array.isArray(duplicateHeader) ? duplicateHeader[0] : duplicateHeader;
      const route = routeName(method, path);
      const entry: CallLogEntry = {
        method,
        route,
        status: 0,
        ...(autoAssign === undefined ? {} : { autoAssign }),
      };
      calls.total++;
      count(route);
      calls.log.push(entry);
      const limitHeader = () => ({ 'Sforce-Limit-Info': `api-usage=${apiUsage.used}/${apiUsage.limit}` });
      const reply = (result: ApiResult) => {
        entry.status = result.status;
        const subrequests = (result as { subrequests?: CallLogEntry['subrequests'] }).subrequests;
        if (subrequests !== undefined) entry.subrequests = subrequests;
        send(res, result, limitHeader());
      };
      const session = userSessions.get(bearer);
      if (!accessTokens.has(bearer) && session === undefined) return reply(faultBodies.INVALID_SESSION_ID);
      current = session ?? integration;
      if (apiUsage.used >= apiUsage.limit) return reply(faultBodies.REQUEST_LIMIT_EXCEEDED);
      apiUsage.used++;
      const fault =
        faults.shift() ?? (storm !== undefined && storm.random() < storm.rate ? storm.fault : undefined);
      if (fault !== undefined) return reply(typeof fault === 'string' ? faultBodies[fault] : fault);
      if (idMatch !== null)
        return reply({
          status: 200,
          body: {
            id: `${url}/id/${orgId}/${userId}`,
            user_id: userId,
            organization_id: orgId,
            username,
            display_name: 'Leadwire Integration',
            urls: { rest: `${url}/services/data/v{version}/` },
          },
        });
      let body: unknown;
      if (raw !== '') {
        try {
          body = JSON.parse(raw);
        } catch {
          return reply(sfError(400, 'JSON_PARSER_ERROR', 'Unexpected character in the request body'));
        }
      }
      const result = api({
        method,
        path: match?.[2] ?? '/',
        search: parsedUrl.searchParams,
        body,
        autoAssign,
        duplicateRule,
      });
      return reply(result);
    } catch (error) {
      send(res, sfError(500, 'UNKNOWN_EXCEPTION', error instanceof Error ? error.message : String(error)));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  emulator.url = url;
  emulator.close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return emulator;
}

function halted(message: string, status = 400) {
  return { body: [{ errorCode: 'PROCESSING_HALTED', message }], httpHeaders: {}, httpStatusCode: status };
}

function isHalted(body: unknown): boolean {
  return Array.isArray(body) && (body[0] as Row | undefined)?.errorCode === 'PROCESSING_HALTED';
}

/** `.id`, `.records[0].Id` on a subrequest's answer. */
function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const [, field, index] of path.matchAll(/\.([A-Za-z0-9_]+)|\[(\d+)\]/g)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = field !== undefined ? (current as Row)[field] : (current as unknown[])[Number(index)];
  }
  return current;
}
