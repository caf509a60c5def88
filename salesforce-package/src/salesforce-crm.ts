// SalesforceCrm: the CrmPort on one Salesforce org through jsforce 3 (DESIGN §6, research/salesforce.md §1–§2).
// Person = the Contact or Lead carrying the WhatsApp key, else the one with the customer's phone, else a new
// Lead. A turn's writes — the Lead (or the Contact's Opportunity), the Case for an Inquiry, the
// WhatsApp_Conversation__c, its WhatsApp_Message__c rows and the owner's Task — go in one /composite request
// (allOrNone), every record upserted by an external id, so a re-run writes nothing twice. Budget: a new Lead is
// one lookup and one composite, a further turn one composite (`findPerson` + `writeTurn`, the port's optional
// one-batch methods), plus one query when routing reads the owner of an assigned Lead (`recordOwner`).
// `Sforce-Auto-Assign: FALSE` on every write: Leadwire owns the routing.
import { createHash } from 'node:crypto';
import {
  type Clock,
  type Conversation,
  type CrmOwner,
  type CrmPerson,
  type CrmPort,
  type CrmRecordRef,
  type CrmTranscriptLine,
  type CrmTurnResult,
  type CrmTurnWrite,
  LeadwireError,
  type Signals,
  signalsSchema,
  systemClock,
} from '@leadwire/connector-core';
import { Connection } from 'jsforce';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { ApiBudget, type ApiBudgetOptions } from './api-budget.ts';
import { DEFAULT_SALESFORCE_API_VERSION } from './oauth/salesforce-oauth.ts';
import { fromJsforceError, parseSalesforceError } from './salesforce-error.ts';

/** What an org's connection carries after a refresh, for the token store (encrypt before persisting). */
export interface SalesforceSessionTokens {
  accessToken: string;
  /** the refresh token now valid: a rotated one when the connected app rotates them, else the current one */
  refreshToken: string | undefined;
  instanceUrl: string;
  /** the refresh token changed (connected-app rotation): persist it, the old one no longer works */
  rotated: boolean;
}

/** An org's choices for the records Leadwire creates (what `leadwire setup salesforce` found or was told). */
export interface SalesforceOrgSettings {
  /** `Lead.Company` (required by Salesforce) when the customer gave none @defaultValue `WhatsApp` */
  leadCompany?: string;
  /** `Lead.LeadSource` / `Opportunity.LeadSource` @defaultValue `WhatsApp` */
  leadSource?: string;
  /** `Case.Origin` @defaultValue `WhatsApp` */
  caseOrigin?: string;
  /** a new Opportunity's `StageName` @defaultValue `Prospecting` */
  opportunityStage?: string;
  /** a new Opportunity's `CloseDate`, days from now @defaultValue 30 */
  opportunityCloseDays?: number;
}

export interface SalesforceCrmOptions {
  /** the org id (`00D…`): names the org in errors and logs */
  orgId: string;
  /**
   * A ready jsforce Connection (e.g. `SalesforceOAuth.connection(tenantId)`, whose refresh persists through the
   * token vault). When given, instanceUrl / accessToken / refreshToken / oauth2 / onTokens are not used.
   */
  connection?: Connection;
  /** e.g. `https://acme.my.salesforce.com` (not a lightning.force.com URL); required without `connection` */
  instanceUrl?: string;
  /** required without `connection` */
  accessToken?: string;
  /** with `oauth2`, lets jsforce refresh an expired session once per call */
  refreshToken?: string;
  /** the connected app: token URL = `${loginUrl}/services/oauth2/token` @defaultValue loginUrl `https://login.salesforce.com` */
  oauth2?: { clientId: string; clientSecret?: string; loginUrl?: string; redirectUri?: string };
  /**
   * Called after every session refresh with the new access token and the refresh token now valid (rotated
   * when the connected app rotates them). The call that triggered the refresh waits for it to settle.
   */
  onTokens?: (tokens: SalesforceSessionTokens) => Promise<void> | void;
  /** research §1.2: always explicit @defaultValue DEFAULT_SALESFORCE_API_VERSION (the OAuth module's) */
  apiVersion?: string;
  settings?: SalesforceOrgSettings;
  /** the per-org daily-limit budget (reserve share, pause) */
  budget?: ApiBudget | ApiBudgetOptions;
  clock?: Clock;
}

type PersonKind = 'Lead' | 'Contact';

interface PersonMatch {
  id: string;
  kind: PersonKind;
  ownerId?: string;
  accountId?: string;
  /** found by phone (or through a converted Lead): the WhatsApp key is written onto the record with the first turn */
  byPhone: boolean;
}

/**
 * Every write: Leadwire owns the routing (no assignment rules), and a Lead that only looks like another one is
 * saved. Every Leadwire Lead has the same Company, so the standard Lead duplicate rule (name + company, "Allow"
 * with an alert) would otherwise refuse a second "Maria Garcia" and roll the whole turn back. Leadwire has
 * already matched the person by WhatsApp key and phone; a name-alike is another customer. The org's rule still
 * reports the pair (Duplicate Record Sets) for an admin to review.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_duplicaterules.htm
 */
const WRITE_HEADERS = {
  'Sforce-Auto-Assign': 'FALSE',
  'Sforce-Duplicate-Rule-Header': 'allowSave=true',
} as const;
const MESSAGES_PER_COLLECTION = 200;
/** Composite: ≤ 25 subrequests, of which ≤ 5 queries or collections (research §1.7). */
const MAX_COLLECTIONS = 5;
const MATCH_CACHE_SIZE = 1000;

const queryAnswer = z.object({
  totalSize: z.number(),
  records: z.array(z.record(z.string(), z.unknown())),
  nextRecordsUrl: z.string().optional(),
});
const compositeAnswer = z.object({
  compositeResponse: z.array(
    z.object({ body: z.unknown(), httpStatusCode: z.number(), referenceId: z.string() }).loose(),
  ),
});
const saveResult = z.object({ id: z.string(), success: z.boolean() }).loose();

/** A value safe in an external-id URL segment: [A-Za-z0-9_] kept, every other byte `-xx` (injective; research §1.5). */
export function urlSafeKey(value: string): string {
  const encoded = [...Buffer.from(value, 'utf8')]
    .map((byte) => {
      const c = String.fromCharCode(byte);
      return /[A-Za-z0-9_]/.test(c) ? c : `-${byte.toString(16).padStart(2, '0')}`;
    })
    .join('');
  return encoded.length <= 255 ? encoded : `h_${createHash('sha256').update(value).digest('base64url')}`;
}

/** The person key on Lead/Contact `WhatsApp_Key__c`: the WhatsApp user, the same across the tenant's numbers. */
export function personKeyOf(conversation: Conversation): string {
  const user = conversation.user;
  const id = user.parentUserId ?? user.userId ?? user.waId ?? conversation.id;
  return `wa_${urlSafeKey(id)}`;
}

export const conversationKeyOf = (conversation: Conversation): string => urlSafeKey(conversation.id);

/** The conversation id a Conversation_Key__c stands for (urlSafeKey reversed); undefined for a hashed key. */
export function conversationIdOfKey(key: string): string | undefined {
  if (key.startsWith('h_') || !/^(?:[A-Za-z0-9_]|-[0-9a-f]{2})*$/.test(key)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < key.length; i++) {
    if (key[i] === '-') {
      bytes.push(Number.parseInt(key.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(key.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A rep's Claim on the record page, waiting for Leadwire's routing to take it. */
export interface SalesforceClaim {
  /** the WhatsApp_Conversation__c id */
  id: string;
  conversationKey: string;
  /** the rep who claimed it (the record's new owner) */
  userId: string;
}

/** A reply a rep wrote on the record page, waiting for Leadwire to send it. */
export interface SalesforceReply {
  /** the WhatsApp_Message__c id */
  id: string;
  text: string;
  /** the conversation's Conversation_Key__c */
  conversationKey: string;
  /** the user who wrote it */
  authorId?: string;
}

/** The customer's phone in E.164, from the phone WhatsApp reported or the wa_id (both digits). */
export function e164Of(conversation: Conversation): string | undefined {
  const digits = (conversation.user.phone ?? conversation.user.waId)?.replace(/\D/g, '');
  return digits === undefined || digits.length < 6 ? undefined : `+${digits}`;
}

/**
 * The national significant number's digits (`15112345678` for +49 151 12345678): the suffix every way of typing
 * the number shares. Undefined without a phone or when it is too short to match safely.
 */
export function nationalDigitsOf(conversation: Conversation): string | undefined {
  const e164 = e164Of(conversation);
  if (e164 === undefined) return undefined;
  const national = parsePhoneNumberFromString(e164)?.nationalNumber ?? e164.slice(1);
  return national.length < 6 ? undefined : national;
}

const soqlString = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const isUser = (id: string | undefined): id is string => id?.startsWith('005') === true;

/** `Routed_Owner_Id__c` of a conversation routing found nobody for: the "Pool (unclaimed)" list view's filter. */
export const POOL_OWNER = 'pool';

/** The objects a conversation's Lead or Inquiry may be, by their id's key prefix. */
const ownedTypes: Record<string, string> = { '00Q': 'Lead', '006': 'Opportunity', '500': 'Case' };

function kindOf(id: string): PersonKind {
  return id.startsWith('003') ? 'Contact' : 'Lead';
}

function messageType(line: CrmTranscriptLine): string {
  if (line.transcription !== undefined) return 'voice';
  if (line.mediaId !== undefined) return 'media';
  return line.text === undefined ? 'other' : 'text';
}

/**
 * `Routing_Trace__c`: routing's trace as JSON, what the record page component renders (rule, rules skipped,
 * each target with its candidates and why each was skipped). Without a trace (a re-route notice) the reason
 * is its note. Over the field's 32,768 characters the candidates go first, then the steps.
 */
export function routingTraceJson(trace: unknown, reason: string | undefined): string | undefined {
  const stored =
    trace !== null && typeof trace === 'object' && typeof (trace as { rule?: unknown }).rule === 'string'
      ? (trace as Record<string, unknown>)
      : reason === undefined || reason === ''
        ? undefined
        : { rule: '', rulesSkipped: [], steps: [], note: reason };
  if (stored === undefined) return undefined;
  const fits = (value: unknown) => {
    const json = JSON.stringify(value);
    return json.length <= 32_768 ? json : undefined;
  };
  const steps = Array.isArray(stored.steps) ? (stored.steps as Record<string, unknown>[]) : [];
  return (
    fits(stored) ??
    fits({ ...stored, steps: steps.map(({ candidates: _, ...step }) => step) }) ??
    fits({
      rule: stored.rule,
      rulesSkipped: [],
      steps: [],
      note: 'the trace is too long to store; see leadwire explain',
    })
  );
}

const clip = (text: string | undefined, max: number) =>
  text === undefined ? undefined : text.length <= max ? text : `${text.slice(0, max - 1)}…`;

interface Subrequest {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

export class SalesforceCrm implements CrmPort {
  readonly kind = 'salesforce' as const;
  readonly orgId: string;
  readonly apiVersion: string;
  /** the jsforce connection (its `refresh` event persists rotated tokens through `onTokens`) */
  readonly connection: Connection;
  readonly budget: ApiBudget;
  private readonly settings: Required<SalesforceOrgSettings>;
  private readonly clock: Clock;
  private readonly matches = new Map<string, PersonMatch | null>();
  /** set by a refresh, cleared by the next success: a second refresh in a row means the org refused us */
  private refreshedSinceSuccess = false;
  private persisting: Promise<void> = Promise.resolve();
  private persistError: unknown;
  private omniChannelCheckedAt: number | undefined;

  constructor(options: SalesforceCrmOptions) {
    this.orgId = options.orgId;
    this.apiVersion = options.apiVersion ?? DEFAULT_SALESFORCE_API_VERSION;
    this.clock = options.clock ?? systemClock;
    this.budget =
      options.budget instanceof ApiBudget
        ? options.budget
        : new ApiBudget({ clock: this.clock, ...options.budget });
    this.settings = {
      leadCompany: options.settings?.leadCompany ?? 'WhatsApp',
      leadSource: options.settings?.leadSource ?? 'WhatsApp',
      caseOrigin: options.settings?.caseOrigin ?? 'WhatsApp',
      opportunityStage: options.settings?.opportunityStage ?? 'Prospecting',
      opportunityCloseDays: options.settings?.opportunityCloseDays ?? 30,
    };
    if (options.connection !== undefined) {
      this.connection = options.connection;
      return;
    }
    if (options.instanceUrl === undefined || options.accessToken === undefined)
      throw new LeadwireError(
        'VALIDATION',
        'SalesforceCrm needs a connection, or an instanceUrl and accessToken',
      );
    const canRefresh = options.refreshToken !== undefined && options.oauth2 !== undefined;
    this.connection = new Connection({
      instanceUrl: options.instanceUrl,
      accessToken: options.accessToken,
      version: this.apiVersion,
      callOptions: { client: 'leadwire' },
      ...(options.oauth2 === undefined
        ? {}
        : { oauth2: { loginUrl: 'https://login.salesforce.com', ...options.oauth2 } }),
      ...(canRefresh
        ? {
            refreshToken: options.refreshToken,
            // jsforce's own refresh keeps the old refresh token (research §1.3) and replays a 401 after every
            // refresh; this one keeps a rotated token and refuses a second refresh before a call succeeds.
            refreshFn: async (conn, callback) => {
              try {
                if (this.refreshedSinceSuccess) throw new Error('the org refused the refreshed session too');
                if (conn.refreshToken === undefined || conn.refreshToken === null)
                  throw new Error('no refresh token');
                const response = await conn.oauth2.refreshToken(conn.refreshToken);
                this.refreshedSinceSuccess = true;
                conn.instanceUrl = response.instance_url ?? conn.instanceUrl;
                callback(undefined, response.access_token, response);
              } catch (error) {
                callback(error instanceof Error ? error : new Error(String(error)));
              }
            },
          }
        : {}),
    });
    this.connection.on('refresh', (accessToken: string, response: { refresh_token?: string }) => {
      const rotated =
        response.refresh_token !== undefined && response.refresh_token !== this.connection.refreshToken;
      if (response.refresh_token !== undefined) this.connection.refreshToken = response.refresh_token;
      const tokens: SalesforceSessionTokens = {
        accessToken,
        refreshToken: this.connection.refreshToken ?? undefined,
        instanceUrl: this.connection.instanceUrl,
        rotated,
      };
      if (options.onTokens !== undefined)
        this.persisting = this.persisting
          .then(() => options.onTokens?.(tokens))
          .catch((error: unknown) => {
            this.persistError = error;
          });
    });
  }

  // ---- the REST edge --------------------------------------------------------------------------------------

  private get base(): string {
    return `/services/data/v${this.apiVersion}`;
  }

  /** One API call: the org's budget first, jsforce errors as LeadwireErrors, refreshed tokens persisted. */
  private async call<T>(run: () => Promise<T>): Promise<T> {
    if (this.budget.gate(this.orgId) === 'probe') {
      await this.raw(() => this.connection.request({ method: 'GET', url: `${this.base}/limits` }));
      this.budget.afterProbe(this.orgId);
    }
    return this.raw(run);
  }

  private async raw<T>(run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      this.refreshedSinceSuccess = false;
      return result;
    } catch (error) {
      const mapped = fromJsforceError(error);
      if (mapped.code === 'AUTH_REVOKED' && mapped.details?.reason === 'session_invalid')
        throw new LeadwireError(
          'AUTH_REVOKED',
          `Salesforce org ${this.orgId} refused Leadwire's session after a refresh; reconnect the org (leadwire setup salesforce)`,
          { cause: error, details: mapped.details },
        );
      throw mapped;
    } finally {
      this.budget.observe(this.connection.limitInfo?.apiUsage);
      await this.persisting;
      if (this.persistError !== undefined) {
        const persistError = this.persistError;
        this.persistError = undefined;
        // the org now only accepts the rotated refresh token: losing it would lock the tenant out
        // biome-ignore lint/correctness/noUnsafeFinally: a lost rotated token matters more than the call's result
        throw new LeadwireError(
          'TEMPORARY',
          `could not save the refreshed Salesforce tokens of org ${this.orgId}`,
          {
            cause: persistError,
          },
        );
      }
    }
  }

  private async composite(subrequests: Subrequest[], allOrNone: boolean) {
    const answer = await this.call(() =>
      this.connection.request({
        method: 'POST',
        url: `${this.base}/composite`,
        body: JSON.stringify({ allOrNone, compositeRequest: subrequests }),
        headers: { 'content-type': 'application/json', ...WRITE_HEADERS },
      }),
    );
    const parsed = compositeAnswer.parse(answer);
    const failed = parsed.compositeResponse.some(
      (sub) =>
        sub.httpStatusCode >= 400 ||
        (Array.isArray(sub.body) &&
          sub.body.some((row) => (row as { success?: boolean })?.success === false)),
    );
    if (failed && allOrNone) throw parseSalesforceError(200, parsed);
    return new Map(parsed.compositeResponse.map((sub) => [sub.referenceId, sub]));
  }

  private async query(soql: string) {
    const answer = await this.call(() =>
      this.connection.request({ method: 'GET', url: `${this.base}/query?q=${encodeURIComponent(soql)}` }),
    );
    return queryAnswer.parse(answer).records;
  }

  // ---- the person -----------------------------------------------------------------------------------------

  private remember(conversationId: string, match: PersonMatch | null): void {
    this.matches.delete(conversationId);
    this.matches.set(conversationId, match);
    if (this.matches.size > MATCH_CACHE_SIZE) {
      const oldest = this.matches.keys().next().value;
      if (oldest !== undefined) this.matches.delete(oldest);
    }
  }

  /**
   * One call (a composite of two queries): the Contact or Lead with the WhatsApp key, else with the phone —
   * matched on the phone fields' digits by the national number, however it was typed (`+49 151 …`,
   * `0151-…`). A converted Lead is followed to its Contact (a converted Lead cannot be written to).
   */
  private async lookup(conversation: Conversation): Promise<PersonMatch | null> {
    const key = personKeyOf(conversation);
    const national = nationalDigitsOf(conversation);
    const where = [
      `WhatsApp_Key__c = ${soqlString(key)}`,
      ...(national === undefined
        ? []
        : [
            `Phone_Digits__c LIKE ${soqlString(`%${national}`)}`,
            `Mobile_Digits__c LIKE ${soqlString(`%${national}`)}`,
          ]),
    ].join(' OR ');
    const subrequest = (referenceId: string, soql: string): Subrequest => ({
      method: 'GET',
      url: `${this.base}/query?q=${encodeURIComponent(soql)}`,
      referenceId,
    });
    const results = await this.composite(
      [
        subrequest(
          'contacts',
          `SELECT Id, OwnerId, AccountId, WhatsApp_Key__c FROM Contact WHERE ${where} LIMIT 10`,
        ),
        subrequest(
          'leads',
          `SELECT Id, OwnerId, WhatsApp_Key__c, IsConverted, ConvertedContactId, ConvertedContact.OwnerId, ConvertedContact.AccountId FROM Lead WHERE ${where} LIMIT 10`,
        ),
      ],
      false,
    );
    const rows = (ref: string) => {
      const sub = results.get(ref);
      if (sub === undefined || sub.httpStatusCode >= 400)
        throw parseSalesforceError(sub?.httpStatusCode ?? 500, sub?.body);
      return queryAnswer.parse(sub.body).records;
    };
    const contacts = rows('contacts');
    const leads = rows('leads');
    const byKey = (row: Record<string, unknown>) => row.WhatsApp_Key__c === key;
    const pick = (
      row: Record<string, unknown> | undefined,
      kind: PersonKind,
      byPhone: boolean,
    ): PersonMatch | undefined =>
      row === undefined
        ? undefined
        : {
            id: String(row.Id),
            kind,
            ...(typeof row.OwnerId === 'string' ? { ownerId: row.OwnerId } : {}),
            ...(typeof row.AccountId === 'string' ? { accountId: row.AccountId } : {}),
            byPhone,
          };
    /** A converted Lead stands for the Contact it became, which gets the key (the Lead can no longer be written). */
    const converted = (row: Record<string, unknown> | undefined): PersonMatch | undefined => {
      if (row === undefined || typeof row.ConvertedContactId !== 'string') return undefined;
      const contact = (row.ConvertedContact ?? {}) as Record<string, unknown>;
      return pick({ ...contact, Id: row.ConvertedContactId }, 'Contact', true);
    };
    const open = leads.filter((row) => row.IsConverted !== true);
    const closed = leads.filter((row) => row.IsConverted === true);
    return (
      pick(contacts.find(byKey), 'Contact', false) ??
      pick(open.find(byKey), 'Lead', false) ??
      converted(closed.find(byKey)) ??
      pick(contacts[0], 'Contact', true) ??
      pick(open[0], 'Lead', true) ??
      converted(closed[0]) ??
      null
    );
  }

  async findPerson(conversation: Conversation): Promise<CrmPerson | undefined> {
    const match = await this.lookup(conversation);
    this.remember(conversation.id, match);
    return match === null
      ? undefined
      : { id: match.id, ...(match.ownerId === undefined ? {} : { ownerId: match.ownerId }) };
  }

  async upsertPerson(conversation: Conversation): Promise<CrmPerson> {
    const found = await this.findPerson(conversation);
    if (found !== undefined) return found;
    return (await this.writeTurn(conversation, { lines: [] })).person;
  }

  // ---- the turn's writes ----------------------------------------------------------------------------------

  async writeTurn(conversation: Conversation, turn: CrmTurnWrite): Promise<CrmTurnResult> {
    const refs = conversation.crmRefs;
    let match: PersonMatch | null;
    if (refs.person !== undefined) {
      const cached = this.matches.get(conversation.id);
      match =
        cached?.id === refs.person
          ? cached
          : {
              id: refs.person,
              kind: kindOf(refs.person),
              ...(refs.personOwner === undefined ? {} : { ownerId: refs.personOwner }),
              byPhone: false,
            };
    } else {
      const cached = this.matches.get(conversation.id);
      match = cached === undefined ? await this.lookup(conversation) : cached;
    }

    const signals = signalsSchema.safeParse(conversation.signals);
    const s: Signals = signals.success ? signals.data : {};
    const urgent = s.urgency?.value === 'urgent';
    const key = conversationKeyOf(conversation);
    const sub: Subrequest[] = [];
    const phone = e164Of(conversation);
    const name = conversation.user.name ?? s.name?.value;
    const leadOwner = turn.lead?.ownerId;

    // the person: a new Lead (upserted by the WhatsApp key), or the WhatsApp key onto the record found by phone
    let personRef: string;
    let personOwner = match?.ownerId;
    if (match === null) {
      const [first, ...rest] = (name ?? '').trim().split(/\s+/).filter(Boolean);
      const lastName = rest.length > 0 ? rest.join(' ') : (first ?? phone ?? 'WhatsApp customer');
      // an Inquiry's queue may own Cases only: the person Lead behind a Case goes to a routed user, else stays
      const inquiryOwner = turn.inquiry?.ownerId;
      const ownerId =
        leadOwner ?? (turn.lead === undefined && isUser(inquiryOwner) ? inquiryOwner : undefined);
      sub.push({
        method: 'PATCH',
        url: `${this.base}/sobjects/Lead/WhatsApp_Key__c/${personKeyOf(conversation)}`,
        referenceId: 'person',
        body: {
          ...(rest.length > 0 && first !== undefined ? { FirstName: clip(first, 40) } : {}),
          LastName: clip(lastName, 80),
          Company: this.settings.leadCompany,
          LeadSource: this.settings.leadSource,
          ...(phone === undefined ? {} : { Phone: phone, MobilePhone: phone }),
          ...(ownerId === undefined ? {} : { OwnerId: ownerId }),
        },
        httpHeaders: WRITE_HEADERS,
      });
      personRef = '@{person.id}';
      personOwner = ownerId;
    } else {
      personRef = match.id;
      const keyFields = match.byPhone ? { WhatsApp_Key__c: personKeyOf(conversation) } : {};
      const ownerFields = match.kind === 'Lead' && leadOwner !== undefined ? { OwnerId: leadOwner } : {};
      if (Object.keys({ ...keyFields, ...ownerFields }).length > 0) {
        sub.push({
          method: 'PATCH',
          url: `${this.base}/sobjects/${match.kind}/${match.id}`,
          referenceId: 'person',
          body: { ...keyFields, ...ownerFields },
          httpHeaders: WRITE_HEADERS,
        });
        if (ownerFields.OwnerId !== undefined) personOwner = ownerFields.OwnerId;
      }
    }
    const isContact = match?.kind === 'Contact';

    // the Lead: the person Lead itself, or an Opportunity on the Contact (owned by users only, research §2.1)
    let leadRef: string | undefined;
    if (turn.lead !== undefined) {
      if (!isContact) leadRef = personRef;
      else {
        const ownerId = isUser(leadOwner) ? leadOwner : isUser(match?.ownerId) ? match?.ownerId : undefined;
        const existing = refs.lead !== undefined && refs.lead !== refs.person ? refs.lead : undefined;
        if (existing !== undefined) {
          if (ownerId !== undefined)
            sub.push({
              method: 'PATCH',
              url: `${this.base}/sobjects/Opportunity/${existing}`,
              referenceId: 'lead',
              body: { OwnerId: ownerId },
            });
          leadRef = existing;
        } else {
          const close = new Date(this.clock.now() + this.settings.opportunityCloseDays * 86_400_000);
          sub.push({
            method: 'PATCH',
            url: `${this.base}/sobjects/Opportunity/Leadwire_Key__c/opp_${key}`,
            referenceId: 'lead',
            body: {
              Name: clip(`WhatsApp: ${s.serviceType?.value ?? 'lead'} — ${name ?? phone ?? 'customer'}`, 120),
              StageName: this.settings.opportunityStage,
              CloseDate: close.toISOString().slice(0, 10),
              LeadSource: this.settings.leadSource,
              ...(match?.accountId === undefined ? {} : { AccountId: match.accountId }),
              ...(ownerId === undefined ? {} : { OwnerId: ownerId }),
            },
          });
          leadRef = '@{lead.id}';
        }
      }
    } else if (refs.lead !== undefined) leadRef = refs.lead;

    // the Inquiry: a Case (a queue may own it)
    let caseRef: string | undefined = refs.inquiry;
    if (turn.inquiry !== undefined) {
      const ownerFields = turn.inquiry.ownerId === undefined ? {} : { OwnerId: turn.inquiry.ownerId };
      if (refs.inquiry !== undefined) {
        if (turn.inquiry.ownerId !== undefined)
          sub.push({
            method: 'PATCH',
            url: `${this.base}/sobjects/Case/${refs.inquiry}`,
            referenceId: 'inquiry',
            body: ownerFields,
            httpHeaders: WRITE_HEADERS,
          });
      } else {
        sub.push({
          method: 'PATCH',
          url: `${this.base}/sobjects/Case/Leadwire_Key__c/case_${key}`,
          referenceId: 'inquiry',
          body: {
            Subject: clip(
              `WhatsApp inquiry: ${s.intent?.value ?? s.serviceType?.value ?? 'question'} — ${name ?? phone ?? 'customer'}`,
              255,
            ),
            Description: clip(turn.inquiry.reason, 32_000),
            Origin: this.settings.caseOrigin,
            Priority: urgent ? 'High' : 'Medium',
            ...(name === undefined ? {} : { SuppliedName: clip(name, 80) }),
            ...(phone === undefined ? {} : { SuppliedPhone: phone }),
            ...(isContact ? { ContactId: personRef } : {}),
            ...ownerFields,
          },
          httpHeaders: WRITE_HEADERS,
        });
        caseRef = '@{inquiry.id}';
      }
    }

    // the conversation, upserted by its key every turn (status, signals, links)
    const decision = conversation.agent?.decision;
    const lastLine = turn.lines.at(-1);
    const isOpportunity = isContact && leadRef !== undefined;
    const routingReason = turn.lead?.details?.routingReason;
    const trace = routingTraceJson(turn.routingTrace, routingReason);
    // routing's outcome, when this turn writes it: a user or a queue, or nobody (the pool: anyone may claim it)
    const routed = turn.lead ?? turn.inquiry;
    const routedOwner = routed === undefined ? undefined : (routed.ownerId ?? POOL_OWNER);
    sub.push({
      method: 'PATCH',
      url: `${this.base}/sobjects/WhatsApp_Conversation__c/Conversation_Key__c/${key}`,
      referenceId: 'conversation',
      body: {
        Phone_Number_Id__c: conversation.phoneNumberId,
        ...(conversation.user.waId === undefined ? {} : { WhatsApp_Id__c: conversation.user.waId }),
        ...(conversation.user.userId === undefined ? {} : { WhatsApp_User_Id__c: conversation.user.userId }),
        ...(phone === undefined ? {} : { Phone__c: phone }),
        ...(name === undefined ? {} : { Customer_Name__c: clip(name, 255) }),
        Status__c: conversation.state,
        ...(s.urgency === undefined ? {} : { Urgency__c: s.urgency.value }),
        ...(decision === undefined
          ? {}
          : {
              Decision__c: decision.decision,
              Decision_Reasons__c: clip(decision.reasons.join('\n'), 32_768),
            }),
        ...(s.serviceType === undefined ? {} : { Service_Type__c: clip(s.serviceType.value, 255) }),
        ...(s.location?.value.areaId === undefined && s.location?.value.text === undefined
          ? {}
          : { Service_Area__c: clip(s.location?.value.areaId ?? s.location?.value.text, 255) }),
        ...(s.language === undefined ? {} : { Language__c: clip(s.language.value, 16) }),
        ...(s.timing === undefined
          ? {}
          : { Timing__c: clip(s.timing.value.text || s.timing.value.iso, 255) }),
        ...(trace === undefined ? {} : { Routing_Trace__c: trace }),
        ...(routedOwner === undefined ? {} : { Routed_Owner_Id__c: routedOwner }),
        // the routed user owns the conversation record ("My Conversations", the SLA); a queue or the pool leaves
        // it with its current owner (a queue may not own conversations; a claim takes it from the pool)
        ...(isUser(routedOwner) ? { OwnerId: routedOwner } : {}),
        ...(turn.task === undefined ? {} : { SLA_Due__c: turn.task.dueAt }),
        ...(conversation.windowExpiresAt === undefined
          ? {}
          : { Window_Expires_At__c: conversation.windowExpiresAt }),
        ...(lastLine === undefined ? {} : { Last_Message_At__c: lastLine.sentAt }),
        ...(match?.kind === 'Contact' ? { Contact__c: personRef } : { Lead__c: personRef }),
        ...(isOpportunity ? { Opportunity__c: leadRef } : {}),
        ...(caseRef === undefined ? {} : { Case__c: caseRef }),
      },
    });

    // the transcript: WhatsApp_Message__c rows upserted by wamid, ≤ 200 per collection
    const chunks: CrmTranscriptLine[][] = [];
    for (let i = 0; i < turn.lines.length; i += MESSAGES_PER_COLLECTION)
      chunks.push(turn.lines.slice(i, i + MESSAGES_PER_COLLECTION));
    const messageRecords = (lines: CrmTranscriptLine[], parent: Record<string, unknown>) =>
      lines.map((line) => ({
        attributes: { type: 'WhatsApp_Message__c' },
        Wamid__c: line.wamid,
        ...parent,
        Direction__c: line.direction,
        Author__c: line.author,
        Type__c: messageType(line),
        ...(line.text === undefined ? {} : { Body__c: clip(line.text, 32_768) }),
        ...(line.transcription === undefined ? {} : { Transcription__c: clip(line.transcription, 32_768) }),
        ...(line.mediaId === undefined ? {} : { Media_Id__c: line.mediaId }),
        // an edit or deletion of a row already written keeps the row's time
        ...(line.changeId === undefined ? { Sent_At__c: line.sentAt } : {}),
      }));
    const inFirst = chunks.slice(0, MAX_COLLECTIONS);
    for (const [index, lines] of inFirst.entries())
      sub.push({
        method: 'PATCH',
        url: `${this.base}/composite/sobjects/WhatsApp_Message__c/Wamid__c`,
        referenceId: `messages${index}`,
        body: { allOrNone: true, records: messageRecords(lines, { Conversation__c: '@{conversation.id}' }) },
      });

    // the owner's follow-up Task, upserted by the step's key (a Lead takes no WhatId: research §2.3). A queue
    // gets none: its members work the queue's Leads and Cases from the queue's list view, a queue owns Tasks
    // only when set up for them, and one bad owner would roll back the whole turn; whoever takes the record
    // from the queue owns the follow-up.
    const task = turn.task !== undefined && isUser(turn.task.ownerId) ? turn.task : undefined;
    if (task !== undefined) {
      const whatId = isContact
        ? turn.inquiry !== undefined || (turn.lead === undefined && caseRef !== undefined)
          ? caseRef
          : leadRef
        : undefined;
      sub.push({
        method: 'PATCH',
        url: `${this.base}/sobjects/Task/Leadwire_Key__c/task_${urlSafeKey(task.key)}`,
        referenceId: 'task',
        body: {
          Subject: clip(task.subject, 255),
          WhoId: personRef,
          ...(whatId === undefined ? {} : { WhatId: whatId }),
          OwnerId: task.ownerId,
          Priority: task.urgent ? 'High' : 'Normal',
          ActivityDate: task.dueAt.slice(0, 10),
          Description: clip(
            [
              `WhatsApp ${phone ?? ''}`.trim(),
              decision === undefined ? undefined : `Why: ${decision.reasons.join(', ')}`,
              `Due ${task.dueAt}`,
            ]
              .filter(Boolean)
              .join('\n'),
            32_000,
          ),
        },
      });
    }

    const results = await this.composite(sub, true);
    const idOf = (ref: string): string | undefined => {
      const body = results.get(ref)?.body;
      const parsed = saveResult.safeParse(body);
      return parsed.success ? parsed.data.id : undefined;
    };
    // more transcript than one composite carries (> 1000 lines): further composites, parent by its key
    for (let i = MAX_COLLECTIONS; i < chunks.length; i += MAX_COLLECTIONS)
      await this.composite(
        chunks.slice(i, i + MAX_COLLECTIONS).map((lines, index) => ({
          method: 'PATCH' as const,
          url: `${this.base}/composite/sobjects/WhatsApp_Message__c/Wamid__c`,
          referenceId: `messages${index}`,
          body: {
            allOrNone: true,
            records: messageRecords(lines, { Conversation__r: { Conversation_Key__c: key } }),
          },
        })),
        true,
      );

    const personId = match?.id ?? idOf('person');
    if (personId === undefined)
      throw new LeadwireError('TEMPORARY', `Salesforce org ${this.orgId} answered no id for the new Lead`);
    this.remember(conversation.id, {
      id: personId,
      kind: match?.kind ?? 'Lead',
      ...(personOwner === undefined ? {} : { ownerId: personOwner }),
      ...(match?.accountId === undefined ? {} : { accountId: match.accountId }),
      byPhone: false,
    });
    const result: CrmTurnResult = {
      person: { id: personId, ...(personOwner === undefined ? {} : { ownerId: personOwner }) },
    };
    if (turn.lead !== undefined) {
      const id = isContact ? (idOf('lead') ?? leadRef) : personId;
      if (id !== undefined && !id.startsWith('@'))
        result.lead = { id, kind: isContact ? 'opportunity' : 'lead' };
    }
    if (turn.inquiry !== undefined) {
      const id = idOf('inquiry') ?? refs.inquiry;
      if (id !== undefined) result.inquiry = { id, kind: 'inquiry' };
    }
    if (task !== undefined) {
      const id = idOf('task');
      if (id !== undefined) result.task = { id, kind: 'task' };
    }
    return result;
  }

  async upsertLead(
    conversation: Conversation,
    ownerId: string | undefined,
    details?: { routingReason?: string },
  ): Promise<CrmRecordRef> {
    const result = await this.writeTurn(conversation, {
      lead: { ownerId, ...(details === undefined ? {} : { details }) },
      lines: [],
    });
    return result.lead ?? { id: result.person.id, kind: 'lead' };
  }

  async upsertInquiry(
    conversation: Conversation,
    ownerId: string | undefined,
    reason: string,
  ): Promise<CrmRecordRef> {
    const result = await this.writeTurn(conversation, { inquiry: { ownerId, reason }, lines: [] });
    if (result.inquiry === undefined)
      throw new LeadwireError('TEMPORARY', `Salesforce org ${this.orgId} answered no Case id`);
    return result.inquiry;
  }

  async createTask(
    conversation: Conversation,
    task: { key: string; ownerId: string; subject: string; urgent: boolean; dueAt: string },
  ): Promise<CrmRecordRef> {
    if (!isUser(task.ownerId))
      throw new LeadwireError(
        'VALIDATION',
        `Leadwire gives Salesforce Tasks to users only, not to ${task.ownerId} (a queue's members work its records from the queue)`,
      );
    const result = await this.writeTurn(conversation, { task, lines: [] });
    if (result.task === undefined)
      throw new LeadwireError('TEMPORARY', `Salesforce org ${this.orgId} answered no Task id`);
    return result.task;
  }

  async writeTranscript(conversation: Conversation, lines: CrmTranscriptLine[]): Promise<void> {
    if (lines.length === 0) return;
    await this.writeTurn(conversation, { lines });
  }

  // ---- replies from the record page ----------------------------------------------------------------------

  /**
   * The replies reps wrote on the record page that Leadwire has not sent yet (`Delivery_Status__c = 'queued'`),
   * oldest first, each with the conversation it answers (its Conversation_Key__c) and who wrote it.
   */
  async pendingReplies(limit = 50): Promise<SalesforceReply[]> {
    return (await this.pendingWork(limit)).replies;
  }

  /**
   * What reps did on the record page that Leadwire has not taken yet, in one call: the queued replies and the
   * requested claims (`Claim_Status__c = 'requested'`, the rep being the conversation's new owner).
   */
  async pendingWork(limit = 50): Promise<{ replies: SalesforceReply[]; claims: SalesforceClaim[] }> {
    const n = Math.max(1, Math.min(200, limit));
    const q = (referenceId: string, soql: string): Subrequest => ({
      method: 'GET',
      url: `${this.base}/query?q=${encodeURIComponent(soql)}`,
      referenceId,
    });
    const results = await this.composite(
      [
        q(
          'replies',
          `SELECT Id, Body__c, CreatedById, Conversation__r.Conversation_Key__c FROM WhatsApp_Message__c WHERE Delivery_Status__c = 'queued' ORDER BY CreatedDate LIMIT ${n}`,
        ),
        q(
          'claims',
          `SELECT Id, Conversation_Key__c, OwnerId FROM WhatsApp_Conversation__c WHERE Claim_Status__c = 'requested' LIMIT ${n}`,
        ),
      ],
      true,
    );
    const rows = (ref: string) => queryAnswer.parse(results.get(ref)?.body).records;
    const claims = rows('claims').map((row) => ({
      id: String(row.Id),
      conversationKey: String(row.Conversation_Key__c ?? ''),
      userId: String(row.OwnerId ?? ''),
    }));
    const replies = rows('replies').map((row) => ({
      id: String(row.Id),
      text: typeof row.Body__c === 'string' ? row.Body__c : '',
      conversationKey: String(
        (row.Conversation__r as Record<string, unknown> | null)?.Conversation_Key__c ?? '',
      ),
      ...(typeof row.CreatedById === 'string' ? { authorId: row.CreatedById } : {}),
    }));
    return { replies, claims };
  }

  /** What Leadwire's routing made of a claim: taken, or refused with the reason the rep reads. */
  async settleClaim(id: string, outcome: { claimed: true } | { error: string }): Promise<void> {
    if (!/^[A-Za-z0-9]{15,18}$/.test(id))
      throw new LeadwireError('VALIDATION', `"${id}" is not a WhatsApp_Conversation__c id`);
    const body =
      'claimed' in outcome
        ? { Claim_Status__c: 'claimed', Claim_Note__c: null }
        : { Claim_Status__c: 'refused', Claim_Note__c: clip(outcome.error, 255) };
    await this.call(() =>
      this.connection.request({
        method: 'PATCH',
        url: `${this.base}/sobjects/WhatsApp_Conversation__c/${id}`,
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
    );
  }

  /**
   * What became of a reply: sent (the record takes the message's wamid, so the transcript line the next turn
   * writes for it lands on the same record) or failed, with the reason the rep reads.
   */
  async settleReply(id: string, outcome: { wamid: string } | { error: string }): Promise<void> {
    if (!/^[A-Za-z0-9]{15,18}$/.test(id))
      throw new LeadwireError('VALIDATION', `"${id}" is not a WhatsApp_Message__c id`);
    const body =
      'wamid' in outcome
        ? { Delivery_Status__c: 'sent', Wamid__c: outcome.wamid, Delivery_Error__c: null }
        : { Delivery_Status__c: 'failed', Delivery_Error__c: clip(outcome.error, 255) };
    await this.call(() =>
      this.connection.request({
        method: 'PATCH',
        url: `${this.base}/sobjects/WhatsApp_Message__c/${id}`,
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
    );
  }

  /**
   * The owner Salesforce shows now on the record Leadwire wrote for the conversation — its Lead (the person
   * Lead, or the Contact's Opportunity), else its Inquiry's Case — a user's or a queue's id. Undefined when
   * nothing was written yet, the record is gone, its id is not one Leadwire writes, or it is an Opportunity
   * routed to a queue (left with a user). Cost: 0 without a record, else 1 query.
   */
  async recordOwner(conversation: Conversation): Promise<string | undefined> {
    const id = conversation.crmRefs.lead ?? conversation.crmRefs.inquiry;
    const type = id === undefined ? undefined : ownedTypes[id.slice(0, 3)];
    if (id === undefined || type === undefined || !/^[A-Za-z0-9]{15,18}$/.test(id)) return undefined;
    // Routed to a queue, a Contact's Opportunity stays with a user (queues own none): no owner of Leadwire's.
    if (type === 'Opportunity' && !isUser(conversation.crmRefs.leadOwner)) return undefined;
    const rows = await this.query(`SELECT OwnerId FROM ${type} WHERE Id = ${soqlString(id)}`);
    const owner = rows[0]?.OwnerId;
    return typeof owner === 'string' ? owner : undefined;
  }

  async taskOpen(taskId: string): Promise<boolean> {
    if (!/^[A-Za-z0-9]{15,18}$/.test(taskId)) return false;
    const rows = await this.query(`SELECT Id, IsClosed FROM Task WHERE Id = ${soqlString(taskId)}`);
    return rows[0] !== undefined && rows[0].IsClosed !== true;
  }

  // ---- the directory --------------------------------------------------------------------------------------

  /** Queues with the object types they may own and their direct and nested members. */
  async listQueues(): Promise<
    { id: string; name: string; developerName: string; sobjectTypes: string[]; memberIds: string[] }[]
  > {
    const directory = await this.directory();
    return directory.queues;
  }

  private async directory() {
    const q = (referenceId: string, soql: string): Subrequest => ({
      method: 'GET',
      url: `${this.base}/query?q=${encodeURIComponent(soql)}`,
      referenceId,
    });
    const results = await this.composite(
      [
        q('users', 'SELECT Id, Name, Email, IsActive FROM User WHERE IsActive = true'),
        q(
          'groups',
          "SELECT Id, Name, DeveloperName, Type FROM Group WHERE Type = 'Queue' OR Type = 'Regular'",
        ),
        q('members', 'SELECT GroupId, UserOrGroupId FROM GroupMember'),
        q('queueTypes', 'SELECT QueueId, SobjectType FROM QueueSobject'),
      ],
      true,
    );
    // a query answers 2,000 rows at a time: an org with more users or memberships continues at nextRecordsUrl
    const rows = async (ref: string) => {
      let page = queryAnswer.parse(results.get(ref)?.body);
      const records = [...page.records];
      while (page.nextRecordsUrl !== undefined) {
        const next = page.nextRecordsUrl;
        page = queryAnswer.parse(
          await this.call(() => this.connection.request({ method: 'GET', url: next })),
        );
        records.push(...page.records);
      }
      return records;
    };
    const users = await rows('users');
    const groups = await rows('groups');
    const members = await rows('members');
    const queueTypes = await rows('queueTypes');
    const direct = new Map<string, string[]>();
    for (const row of members) {
      const list = direct.get(String(row.GroupId)) ?? [];
      list.push(String(row.UserOrGroupId));
      direct.set(String(row.GroupId), list);
    }
    // GroupMember lists direct members only (research §2.2): expand groups inside groups
    const usersOf = (groupId: string, seen = new Set<string>()): string[] => {
      if (seen.has(groupId)) return [];
      seen.add(groupId);
      return (direct.get(groupId) ?? []).flatMap((id) => (id.startsWith('00G') ? usersOf(id, seen) : [id]));
    };
    const groupUsers = new Map(groups.map((group) => [String(group.Id), new Set(usersOf(String(group.Id)))]));
    const owners: CrmOwner[] = users.map((user) => ({
      id: String(user.Id),
      ...(typeof user.Email === 'string' ? { email: user.Email } : {}),
      ...(typeof user.Name === 'string' ? { name: user.Name } : {}),
      active: user.IsActive === true,
      teams: [...groupUsers].filter(([, ids]) => ids.has(String(user.Id))).map(([id]) => id),
    }));
    const queues = groups
      .filter((group) => group.Type === 'Queue')
      .map((group) => ({
        id: String(group.Id),
        name: String(group.Name),
        developerName: String(group.DeveloperName ?? group.Name),
        sobjectTypes: queueTypes
          .filter((row) => row.QueueId === group.Id)
          .map((row) => String(row.SobjectType)),
        memberIds: [...(groupUsers.get(String(group.Id)) ?? [])],
      }));
    return { owners, queues };
  }

  /** Active users, each with the queues and public groups they belong to (directly or through a group) as teams. */
  async listOwners(): Promise<CrmOwner[]> {
    return (await this.directory()).owners;
  }

  /**
   * Users in an Omni-Channel status that is current and not away; undefined when the org has no Omni-Channel
   * (UserServicePresence unsupported — re-checked hourly).
   */
  async presence(): Promise<Set<string> | undefined> {
    if (this.omniChannelCheckedAt !== undefined && this.clock.now() - this.omniChannelCheckedAt < 3_600_000)
      return undefined;
    try {
      const rows = await this.query(
        'SELECT UserId FROM UserServicePresence WHERE IsCurrentState = true AND IsAway = false LIMIT 2000',
      );
      this.omniChannelCheckedAt = undefined;
      return new Set(rows.map((row) => String(row.UserId)));
    } catch (error) {
      if (error instanceof LeadwireError && error.details?.errorCode === 'INVALID_TYPE') {
        this.omniChannelCheckedAt = this.clock.now();
        return undefined;
      }
      throw error;
    }
  }
}
