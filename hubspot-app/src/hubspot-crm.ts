// HubspotCrm: the CrmPort on one HubSpot portal through `@hubspot/api-client` 14 (DESIGN §6). Person = contact
// upserted on a unique property holding the conversation id; Lead = Leads object (0-136), a deal, or the
// contact's lifecycle stage; Inquiry = ticket; follow-up = task; transcript = WHATS_APP communications.
// Every write is idempotent: contacts by their unique property, everything else through the write ledger
// (see write-ledger.ts) and a unique record-key property: a create whose answer was lost is found again by a
// read by that unique property (the records store, not the search index, which lags writes by seconds), and a
// second create of the same key is refused with a 409 naming the existing record. Updates are skipped when
// nothing changed. Calls go through the per-portal rate limiter; a ten-secondly 429 pauses the portal's bucket
// (every process) and is retried, nothing is dropped. Batch writes answering 207 are checked input by input.
import { createHash } from 'node:crypto';
import { globalAgent as httpAgent } from 'node:http';
import { globalAgent as httpsAgent } from 'node:https';
import { Client } from '@hubspot/api-client';
import type { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/models/AssociationSpec.js';
import type { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects/models/Filter.js';
import {
  type Clock,
  type Conversation,
  type CrmOwner,
  type CrmPerson,
  type CrmPort,
  type CrmRecordRef,
  type CrmTranscriptLine,
  isLeadwireError,
  LeadwireError,
  type Signals,
  signalsSchema,
  systemClock,
} from '@leadwire/connector-core';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { fromSdkError } from './hubspot-error.ts';
import { acquire, type BucketName, type PortalRateLimiter, realSleep, type Sleep } from './rate-limiter.ts';
import { type LedgerEntry, MemoryWriteLedger, type WriteLedger } from './write-ledger.ts';

export type LeadMode = 'leads' | 'deal' | 'lifecycle';

/** A portal's setup (what `leadwire setup hubspot` created or found). */
export interface HubspotPortalSettings {
  /** contact property with `hasUniqueValue` holding the conversation id @defaultValue `leadwire_conversation_id` */
  contactKeyProperty?: string;
  /** property on leads, deals, tickets, tasks and communications holding Leadwire's record key @defaultValue `leadwire_key` */
  recordKeyProperty?: string;
  /** where a Lead goes; `leads` falls back to `deal` when the portal has no Leads object @defaultValue `leads` */
  leadMode?: LeadMode;
  /** @defaultValue `default` / `appointmentscheduled` */
  dealPipeline?: string;
  dealStage?: string;
  /** @defaultValue `0` / `1` (HubSpot's default support pipeline, "New") */
  ticketPipeline?: string;
  ticketStage?: string;
  /** the lead pipeline and stage; left to HubSpot's defaults when unset */
  leadPipeline?: string;
  leadStage?: string;
  /** lead → contact association type id, from `/crm/v4/associations/leads/contacts/labels` @defaultValue 578 */
  leadContactAssociationTypeId?: number;
  /** Leadwire owner id → HubSpot owner id, where they differ (default: the id is a HubSpot owner id) */
  ownerMap?: Record<string, string>;
  /** an urgent task is due at the latest this many minutes from now @defaultValue 30 */
  urgentTaskDueMinutes?: number;
}

export interface HubspotCrmOptions {
  /** the portal's current access token (the token vault refreshes it before expiry) */
  accessToken: () => Promise<string>;
  /** the HubSpot portal (hub) id: the rate limiter's and ledger's key */
  portalId: string;
  /** @defaultValue `https://api.hubapi.com` (no trailing slash) */
  basePath?: string;
  /** the per-portal limiter shared by every process (Redis or SQLite) */
  limiter: PortalRateLimiter;
  /** which records exist, shared by every process; default in memory (one process only) */
  ledger?: WriteLedger;
  settings?: HubspotPortalSettings;
  clock?: Clock;
  sleep?: Sleep;
  /** how many ten-secondly 429s one call waits out before giving up with RATE_LIMITED @defaultValue 8 */
  maxRateLimitRetries?: number;
  /**
   * how long the portal's owners, users and teams (3 calls) stay cached in the ledger's storage, shared by every
   * process (Redis in scale-out) @defaultValue 300000 (5 minutes)
   */
  directoryTtlMs?: number;
}

/** What the ledger keeps of the portal's directory (owners with their teams and user ids). */
interface CachedDirectory {
  at: number;
  owners: CrmOwner[];
  userToOwner: [string, string][];
}

/** The optional extras a Lead carries (port: `upsertLead(conversation, ownerId, details?)`). */
export interface HubspotLeadDetails {
  routingReason?: string;
}

const HUBSPOT_DEFINED = 'HUBSPOT_DEFINED' as unknown as AssociationSpecAssociationCategoryEnum;
const EQ = 'EQ' as unknown as FilterOperatorEnum;

/** HUBSPOT_DEFINED association type ids (research §3). */
export const associationTypeIds = {
  dealToContact: 3,
  ticketToContact: 16,
  communicationToContact: 81,
  taskToContact: 204,
  taskToDeal: 216,
  taskToTicket: 230,
  leadToContact: 578,
} as const;

/** Leadwire's properties on signals-carrying objects, for filtering and reporting in HubSpot. */
export const leadwireSignalProperties = {
  urgency: 'leadwire_urgency',
  serviceType: 'leadwire_service_type',
  serviceArea: 'leadwire_service_area',
  language: 'leadwire_language',
  timing: 'leadwire_timing',
  decision: 'leadwire_decision',
  conversationId: 'leadwire_conversation_id',
  routingReason: 'leadwire_routing_reason',
} as const;

export interface LeadwirePropertyDefinition {
  objectType: 'contacts' | 'leads' | 'deals' | 'tickets' | 'tasks' | 'communications';
  name: string;
  label: string;
  type: 'string';
  fieldType: 'text' | 'textarea';
  groupName: string;
  hasUniqueValue?: boolean;
}

/** The properties the setup creates (in the `leadwire` group of each object), so the adapter's writes validate. */
export function leadwirePropertyDefinitions(
  settings: HubspotPortalSettings = {},
): LeadwirePropertyDefinition[] {
  const contactKey = settings.contactKeyProperty ?? 'leadwire_conversation_id';
  const recordKey = settings.recordKeyProperty ?? 'leadwire_key';
  const def = (
    objectType: LeadwirePropertyDefinition['objectType'],
    name: string,
    label: string,
    extra: Partial<LeadwirePropertyDefinition> = {},
  ): LeadwirePropertyDefinition => ({
    objectType,
    name,
    label,
    type: 'string',
    fieldType: 'text',
    groupName: 'leadwire',
    ...extra,
  });
  const signals = (objectType: LeadwirePropertyDefinition['objectType']) =>
    Object.entries(leadwireSignalProperties)
      .filter(([, name]) => !(objectType === 'contacts' && name === contactKey))
      .map(([key, name]) => def(objectType, name, `Leadwire ${key}`));
  return [
    def('contacts', contactKey, 'WhatsApp conversation (Leadwire)', { hasUniqueValue: true }),
    ...signals('contacts'),
    ...signals('leads'),
    ...signals('deals'),
    def('tickets', leadwireSignalProperties.conversationId, 'Leadwire conversationId'),
    // Unique, so a lost create is found again by a read by this property (not the lagging search index), and a
    // second create of the same key is refused instead of duplicating the record.
    ...(['leads', 'deals', 'tickets', 'tasks', 'communications'] as const).map((t) =>
      def(t, recordKey, 'Leadwire record key', { hasUniqueValue: true }),
    ),
  ];
}

type Apis = ReturnType<typeof bindApis>;

const usersPageSchema = z.object({
  results: z.array(z.object({ id: z.union([z.string(), z.number()]) }).loose()),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

/**
 * One page of the portal's users from GET /settings/users/v3, where the 2026-03 spec moved the list (the SDK's
 * usersApi.getPage still calls the unpublished /settings/v3/users/). `apiRequest` does not throw on an error
 * status, so a failure is thrown here in the SDK's ApiException shape for the error parser.
 */
async function usersPage(apis: Apis, after: string | undefined): Promise<z.infer<typeof usersPageSchema>> {
  const response = await apis.request({
    method: 'GET',
    path: '/settings/users/v3',
    qs: { limit: 100, ...(after === undefined ? {} : { after }) },
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok)
    throw { code: response.status, body, headers: Object.fromEntries(response.headers.entries()) };
  return usersPageSchema.parse(body);
}

/**
 * Touches every API the adapter uses right after `new Client()`, in the same tick: the SDK applies its
 * process-global decorators when an API is first accessed, so a Client another tenant builds later cannot
 * change ours (research §0.3). `numberOfApiCallRetries: 0` installs no retry decorator: we wait ourselves.
 * With an `httpAgent` the SDK's API calls go over node:http(s) instead of fetch (the same requests and
 * answers, a third of the CPU a call on the thread that runs the turns): Node's global agents, which keep
 * connections alive. `request` still goes through fetch.
 */
function bindApis(accessToken: string, basePath: string) {
  const client = new Client({
    accessToken,
    basePath,
    numberOfApiCallRetries: 0,
    httpAgent: new URL(basePath).protocol === 'http:' ? httpAgent : httpsAgent,
  });
  return {
    /** for the endpoints the SDK does not (or no longer) call */
    request: (opts: { method: string; path: string; qs?: Record<string, string | number> }) =>
      client.apiRequest(opts),
    contacts: {
      basic: client.crm.contacts.basicApi,
      batch: client.crm.contacts.batchApi,
      search: client.crm.contacts.searchApi,
    },
    objects: {
      basic: client.crm.objects.basicApi,
      batch: client.crm.objects.batchApi,
      search: client.crm.objects.searchApi,
    },
    owners: client.crm.owners.ownersApi,
    teams: client.settings.users.teamsApi,
  };
}

const hashOf = (value: unknown) =>
  createHash('sha1').update(JSON.stringify(value)).digest('base64url').slice(0, 16);

interface StoredRef {
  id: string;
  /** the object type the record is (a Lead may be a lead, a deal or the contact) */
  type: string;
  /** hash of the properties last written, so an unchanged re-run writes nothing */
  hash?: string;
  ownerId?: string;
}

export class HubspotCrm implements CrmPort {
  readonly kind = 'hubspot' as const;
  readonly #options: HubspotCrmOptions;
  readonly #settings: HubspotPortalSettings;
  readonly #ledger: WriteLedger;
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  #apis: { token: string; apis: Apis } | undefined;

  constructor(options: HubspotCrmOptions) {
    this.#options = options;
    this.#settings = options.settings ?? {};
    this.#ledger = options.ledger ?? new MemoryWriteLedger();
    this.#clock = options.clock ?? systemClock;
    this.#sleep = options.sleep ?? realSleep;
  }

  get #contactKey() {
    return this.#settings.contactKeyProperty ?? 'leadwire_conversation_id';
  }
  get #recordKey() {
    return this.#settings.recordKeyProperty ?? 'leadwire_key';
  }
  #ledgerKey(kind: string, id: string) {
    return `hubspot:${this.#options.portalId}:${kind}:${id}`;
  }
  #owner(ownerId: string | undefined) {
    return ownerId === undefined ? undefined : (this.#settings.ownerMap?.[ownerId] ?? ownerId);
  }

  /** One SDK call through the portal's limiter; ten-secondly 429s pause the bucket and are retried. */
  async #call<T>(bucket: BucketName, run: (apis: Apis) => Promise<T>): Promise<T> {
    const maxRetries = this.#options.maxRateLimitRetries ?? 8;
    for (let attempt = 0; ; attempt++) {
      await acquire(this.#options.limiter, this.#options.portalId, bucket, this.#sleep);
      const token = await this.#options.accessToken();
      if (this.#apis?.token !== token)
        this.#apis = { token, apis: bindApis(token, this.#options.basePath ?? 'https://api.hubapi.com') };
      try {
        return await run(this.#apis.apis);
      } catch (error) {
        const failure = fromSdkError(error);
        if (failure.code === 'RATE_LIMITED' && attempt < maxRetries) {
          await this.#options.limiter.pause(this.#options.portalId, bucket, failure.retryAfterMs ?? 10_000);
          continue;
        }
        if (failure.details?.reason === 'daily_limit' || failure.code === 'AUTH_REVOKED')
          throw new LeadwireError(
            failure.code,
            `HubSpot portal ${this.#options.portalId}: ${failure.message}`,
            {
              cause: failure,
              details: { ...failure.details, portalId: this.#options.portalId },
            },
          );
        throw failure;
      }
    }
  }

  async #stored(kind: string, id: string): Promise<LedgerEntry | undefined> {
    return (await this.#ledger.getMany([this.#ledgerKey(kind, id)])).get(this.#ledgerKey(kind, id));
  }
  #done(entry: LedgerEntry | undefined): StoredRef | undefined {
    return entry?.state === 'done' ? (JSON.parse(entry.value) as StoredRef) : undefined;
  }

  // ---- person ---------------------------------------------------------------------------------------------

  /** Cost: 0 calls when known; else a search by key/phone (search bucket) + at most one write. */
  async upsertPerson(conversation: Conversation): Promise<CrmPerson> {
    const known = this.#done(await this.#stored('person', conversation.id));
    if (known !== undefined) return { id: known.id, ...(known.ownerId ? { ownerId: known.ownerId } : {}) };
    const phone = e164Of(conversation);
    const key = this.#contactKey;
    const filterGroups = [{ filters: [{ propertyName: key, operator: EQ, value: conversation.id }] }];
    // However the number was typed on the contact ("+966 50 123 4567", "050-123-4567"), HubSpot's calculated
    // search properties hold its national number: `phone`/`mobilephone` EQ would need the exact spelling.
    const national = phone === undefined ? undefined : nationalNumberOf(phone);
    if (national !== undefined)
      for (const propertyName of searchablePhoneProperties)
        filterGroups.push({ filters: [{ propertyName, operator: EQ, value: national }] });
    const found = await this.#call('search', (a) =>
      a.contacts.search.doSearch({
        filterGroups,
        properties: [key, 'phone', 'mobilephone', 'firstname', 'lastname', 'hubspot_owner_id'],
        limit: 10,
      }),
    );
    const ours = found.results.find((c) => c.properties[key] === conversation.id);
    const match = ours ?? [...found.results].sort((x, y) => Number(x.id) - Number(y.id))[0];
    const { firstname, lastname } = splitName(conversation.user.name);
    const wanted: Record<string, string> = { [key]: conversation.id };
    if (phone !== undefined) Object.assign(wanted, { phone, mobilephone: phone });
    if (firstname !== undefined) wanted.firstname = firstname;
    if (lastname !== undefined) wanted.lastname = lastname;
    let person: StoredRef;
    if (match === undefined) {
      const upserted = await this.#call('general', (a) =>
        a.contacts.batch.upsert({ inputs: [{ idProperty: key, id: conversation.id, properties: wanted }] }),
      );
      throwBatchErrors(upserted, 'the contact upsert');
      const contact = upserted.results[0];
      if (contact === undefined)
        throw new LeadwireError('TEMPORARY', 'HubSpot answered the contact upsert with no result');
      person = { id: contact.id, type: 'contacts', ...ownerOf(contact.properties) };
    } else {
      // Fill only what is empty: a person may have edited the contact, and another conversation (another
      // business number) may own its key; either way it stays the customer's one contact.
      const fill = Object.fromEntries(Object.entries(wanted).filter(([name]) => !match.properties[name]));
      if (Object.keys(fill).length > 0)
        throwBatchErrors(
          await this.#call('general', (a) =>
            a.contacts.batch.update({ inputs: [{ id: match.id, properties: fill }] }),
          ),
          'the contact update',
        );
      person = { id: match.id, type: 'contacts', ...ownerOf(match.properties) };
    }
    await this.#ledger.complete({ [this.#ledgerKey('person', conversation.id)]: JSON.stringify(person) });
    return { id: person.id, ...(person.ownerId ? { ownerId: person.ownerId } : {}) };
  }

  async #personId(conversation: Conversation): Promise<string> {
    return conversation.crmRefs.person ?? (await this.upsertPerson(conversation)).id;
  }

  // ---- lead -----------------------------------------------------------------------------------------------

  async #leadMode(): Promise<LeadMode> {
    const mode = this.#settings.leadMode ?? 'leads';
    if (mode !== 'leads') return mode;
    const noLeads = await this.#stored('portal', 'no-leads-object');
    return noLeads === undefined ? 'leads' : 'deal';
  }

  /**
   * Cost: creating 1 call (associated to the contact in the create); an update 1 call, and 0 when the
   * properties did not change; +1 search only when an earlier create's answer was lost (ledger `pending`).
   */
  async upsertLead(
    conversation: Conversation,
    ownerId: string | undefined,
    details: HubspotLeadDetails = {},
  ): Promise<CrmRecordRef> {
    const personId = await this.#personId(conversation);
    const owner = this.#owner(ownerId);
    const signalProps = signalProperties(conversation, details);
    const mode = await this.#leadMode();
    if (mode === 'lifecycle') {
      const properties = {
        ...signalProps,
        lifecyclestage: 'lead',
        ...(owner ? { hubspot_owner_id: owner } : {}),
      };
      await this.#writeOnce('lead', conversation.id, 'contacts', properties, async () => {
        throwBatchErrors(
          await this.#call('general', (a) =>
            a.contacts.batch.update({ inputs: [{ id: personId, properties }] }),
          ),
          'the contact update',
        );
        return personId;
      });
      return { id: personId, kind: 'lead' };
    }
    const name = conversation.user.name ?? e164Of(conversation) ?? 'WhatsApp contact';
    const recordKey = `lead:${conversation.id}`;
    const asLead = () => ({
      ...signalProps,
      hs_lead_name: `${name} (WhatsApp)`,
      [this.#recordKey]: recordKey,
      ...(this.#settings.leadPipeline ? { hs_pipeline: this.#settings.leadPipeline } : {}),
      ...(this.#settings.leadStage ? { hs_pipeline_stage: this.#settings.leadStage } : {}),
      ...(owner ? { hubspot_owner_id: owner } : {}),
    });
    const asDeal = () => ({
      ...signalProps,
      dealname: `${name} (WhatsApp)`,
      pipeline: this.#settings.dealPipeline ?? 'default',
      dealstage: this.#settings.dealStage ?? 'appointmentscheduled',
      [this.#recordKey]: recordKey,
      ...(owner ? { hubspot_owner_id: owner } : {}),
    });
    const createDeal = async () => {
      const ref = await this.#writeOnce('lead', conversation.id, 'deals', asDeal(), () =>
        this.#create('deals', asDeal(), personId, associationTypeIds.dealToContact),
      );
      return ref;
    };
    if (mode === 'deal') return { id: (await createDeal()).id, kind: 'lead' };
    try {
      const ref = await this.#writeOnce('lead', conversation.id, 'leads', asLead(), () =>
        this.#create(
          'leads',
          asLead(),
          personId,
          this.#settings.leadContactAssociationTypeId ?? associationTypeIds.leadToContact,
        ),
      );
      return { id: ref.id, kind: 'lead' };
    } catch (error) {
      // The portal has no Leads object (Sales Hub Pro+ only), or the install was not granted the optional Leads
      // scopes (HubSpot grants them only where the object exists; the admin may untick them): a 400 "unable to
      // infer object type" or a 403 MISSING_SCOPES naming a Leads scope. Remember it for every process, then a deal.
      if (!isLeadsUnavailable(error)) throw error;
      await this.#ledger.complete({ [this.#ledgerKey('portal', 'no-leads-object')]: '{}' });
      await this.#forget('lead', conversation.id);
      return { id: (await createDeal()).id, kind: 'lead' };
    }
  }

  /** The id of the record whose unique record key is `key`, read from the records store; undefined if none. */
  async #readByKey(objectType: string, key: string): Promise<string | undefined> {
    try {
      const found = await this.#call('general', (a) =>
        a.objects.basic.getById(
          objectType,
          key,
          [this.#recordKey],
          undefined,
          undefined,
          false,
          this.#recordKey,
        ),
      );
      return found.id;
    } catch (error) {
      if (isLeadwireError(error, 'NOT_FOUND')) return undefined;
      throw error;
    }
  }

  async #forget(kind: string, id: string) {
    // A pending mark for a create that failed for sure (4xx) would cost a lookup next time; overwrite it
    // with a neutral done entry that #done treats as absent.
    await this.#ledger.complete({ [this.#ledgerKey(kind, id)]: JSON.stringify({ id: '', type: 'none' }) });
  }

  async #create(objectType: string, properties: Record<string, string>, personId: string, typeId: number) {
    const created = await this.#call('general', (a) =>
      a.objects.basic.create(objectType, {
        properties,
        associations: [
          {
            to: { id: personId },
            types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: typeId }],
          },
        ],
      }),
    );
    return created.id;
  }

  /**
   * The ledger protocol for one record: done → update when the properties changed (else nothing); pending →
   * look it up by its record key (one search) before creating; absent → mark pending, create, mark done.
   */
  async #writeOnce(
    kind: string,
    id: string,
    objectType: string,
    properties: Record<string, string>,
    create: () => Promise<string>,
  ): Promise<StoredRef> {
    const ledgerKey = this.#ledgerKey(kind, id);
    const entry = await this.#stored(kind, id);
    const hash = hashOf(properties);
    let ref = this.#done(entry);
    if (ref !== undefined && ref.type === 'none') ref = undefined;
    if (ref === undefined && entry?.state === 'pending' && objectType !== 'contacts') {
      // An earlier create's answer was lost: read the record by its unique key (not a search: the search
      // index lags writes by seconds and would miss a record created a moment ago).
      const recordKey = properties[this.#recordKey];
      const foundId = recordKey === undefined ? undefined : await this.#readByKey(objectType, recordKey);
      if (foundId !== undefined) ref = { id: foundId, type: objectType };
    }
    if (ref !== undefined && ref.type === objectType) {
      if (ref.hash !== hash) {
        const recordId = ref.id;
        if (objectType === 'contacts') await create();
        else
          await this.#call('general', (a) =>
            a.objects.batch.update(objectType, { inputs: [{ id: recordId, properties }] }),
          );
        ref = { ...ref, hash };
        await this.#ledger.complete({ [ledgerKey]: JSON.stringify(ref) });
      }
      return ref;
    }
    if (objectType !== 'contacts') await this.#ledger.begin([ledgerKey]);
    let createdId: string;
    try {
      createdId = await create();
    } catch (error) {
      // Another process (or a create whose answer was lost before the ledger knew) made it: the unique record
      // key refuses the duplicate and names the record.
      const existingId = isLeadwireError(error, 'CONFLICT') ? error.details?.existingId : undefined;
      if (typeof existingId !== 'string') throw error;
      createdId = existingId;
      if (objectType !== 'contacts')
        await this.#call('general', (a) =>
          a.objects.batch.update(objectType, { inputs: [{ id: existingId, properties }] }),
        );
    }
    const out: StoredRef = { id: createdId, type: objectType, hash };
    await this.#ledger.complete({ [ledgerKey]: JSON.stringify(out) });
    return out;
  }

  // ---- the record's owner ----------------------------------------------------------------------------------

  /**
   * The owner HubSpot shows now on the record Leadwire wrote for the conversation — its Lead (a Leads record,
   * a deal, or the contact in `lifecycle` mode), else its Inquiry's ticket — as a Leadwire owner id (`ownerMap`
   * read backwards). Undefined when nothing was written yet, the record is gone, or it has no owner. Cost: 0
   * without a record, else 1 call (a GET by id).
   */
  async recordOwner(conversation: Conversation): Promise<string | undefined> {
    const keys = ['lead', 'inquiry'].map((kind) => this.#ledgerKey(kind, conversation.id));
    const entries = await this.#ledger.getMany(keys);
    const record = keys.map((key) => this.#done(entries.get(key))).find((ref) => ref && ref.type !== 'none');
    if (record === undefined) return undefined;
    try {
      const found = await this.#call('general', (a) =>
        a.objects.basic.getById(record.type, record.id, ['hubspot_owner_id']),
      );
      const owner = found.properties.hubspot_owner_id;
      if (!owner) return undefined;
      const mapped = Object.entries(this.#settings.ownerMap ?? {}).find(([, id]) => id === owner);
      return mapped?.[0] ?? owner;
    } catch (error) {
      if (isLeadwireError(error, 'NOT_FOUND')) return undefined;
      throw error;
    }
  }

  // ---- inquiry ---------------------------------------------------------------------------------------------

  /** Cost: 1 call to create (associated in the create), 1 to update, 0 when unchanged. */
  async upsertInquiry(
    conversation: Conversation,
    ownerId: string | undefined,
    reason: string,
  ): Promise<CrmRecordRef> {
    const personId = await this.#personId(conversation);
    const owner = this.#owner(ownerId);
    const name = conversation.user.name ?? e164Of(conversation) ?? 'WhatsApp contact';
    const properties = {
      subject: `WhatsApp: ${name} — ${reason}`.slice(0, 250),
      content: summaryOf(conversation, reason),
      hs_pipeline: this.#settings.ticketPipeline ?? '0',
      hs_pipeline_stage: this.#settings.ticketStage ?? '1',
      [leadwireSignalProperties.conversationId]: conversation.id,
      [this.#recordKey]: `inquiry:${conversation.id}`,
      ...(owner ? { hubspot_owner_id: owner } : {}),
    };
    const ref = await this.#writeOnce('inquiry', conversation.id, 'tickets', properties, () =>
      this.#create('tickets', properties, personId, associationTypeIds.ticketToContact),
    );
    return { id: ref.id, kind: 'inquiry' };
  }

  // ---- task ------------------------------------------------------------------------------------------------

  /** Cost: 1 call (associated to the contact and the deal/ticket in the create); 0 when it exists. */
  async createTask(
    conversation: Conversation,
    task: { key: string; ownerId: string; subject: string; urgent: boolean; dueAt: string },
  ): Promise<CrmRecordRef> {
    const taskId = `${conversation.id}:${task.key}`;
    const existing = this.#done(await this.#stored('task', taskId));
    if (existing !== undefined && existing.type !== 'none') return { id: existing.id, kind: 'task' };
    const personId = await this.#personId(conversation);
    const urgentBy = this.#clock.now() + (this.#settings.urgentTaskDueMinutes ?? 30) * 60_000;
    const dueMs = Date.parse(task.dueAt);
    const due = task.urgent ? Math.min(Number.isNaN(dueMs) ? urgentBy : dueMs, urgentBy) : dueMs;
    const properties: Record<string, string> = {
      hs_task_subject: task.subject,
      hs_task_body: summaryOf(conversation),
      hs_timestamp: new Date(Number.isNaN(due) ? urgentBy : due).toISOString(),
      hubspot_owner_id: this.#owner(task.ownerId) ?? task.ownerId,
      hs_task_priority: task.urgent ? 'HIGH' : 'MEDIUM',
      hs_task_status: 'NOT_STARTED',
      hs_task_type: task.urgent ? 'CALL' : 'TODO',
      [this.#recordKey]: `task:${taskId}`,
    };
    const types = (typeId: number) => [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: typeId }];
    const associations = [{ to: { id: personId }, types: types(associationTypeIds.taskToContact) }];
    const lead = this.#done(await this.#stored('lead', conversation.id));
    if (lead?.type === 'deals')
      associations.push({ to: { id: lead.id }, types: types(associationTypeIds.taskToDeal) });
    const inquiryId =
      conversation.crmRefs.inquiry ?? this.#done(await this.#stored('inquiry', conversation.id))?.id;
    if (inquiryId)
      associations.push({ to: { id: inquiryId }, types: types(associationTypeIds.taskToTicket) });
    const ref = await this.#writeOnce('task', taskId, 'tasks', properties, async () => {
      const created = await this.#call('general', (a) =>
        a.objects.basic.create('tasks', { properties, associations }),
      );
      return created.id;
    });
    return { id: ref.id, kind: 'task' };
  }

  /** Cost: 1 call. */
  async taskOpen(taskId: string): Promise<boolean> {
    try {
      const task = await this.#call('general', (a) =>
        a.objects.basic.getById('tasks', taskId, ['hs_task_status']),
      );
      return task.properties.hs_task_status !== 'COMPLETED';
    } catch (error) {
      if (isLeadwireError(error, 'NOT_FOUND')) return false;
      throw error;
    }
  }

  // ---- transcript --------------------------------------------------------------------------------------------

  /**
   * One WHATS_APP communication per message, created in batches of 100 with the contact association inline.
   * Cost: 1 call per 100 new lines; lines already written cost nothing; +1 batch read by the unique record key
   * only for lines whose earlier create's answer was lost. A 207 answer keeps what was written and retries the
   * rest (TEMPORARY); a 409 (a line written by someone else meanwhile) reads the chunk back and writes the rest.
   */
  async writeTranscript(conversation: Conversation, lines: CrmTranscriptLine[]): Promise<void> {
    if (lines.length === 0) return;
    const keyOf = (line: CrmTranscriptLine) => this.#ledgerKey('comm', line.wamid);
    const revisionKey = (line: CrmTranscriptLine) => this.#ledgerKey('comm-rev', line.changeId ?? line.wamid);
    const entries = await this.#ledger.getMany([
      ...lines.map(keyOf),
      ...lines.filter((l) => l.change !== undefined).map(revisionKey),
    ]);
    // An edited or deleted message already written: its communication's body is updated, once per change.
    const revisions = lines.filter(
      (l) =>
        l.change !== undefined &&
        entries.get(keyOf(l))?.state === 'done' &&
        entries.get(revisionKey(l))?.state !== 'done',
    );
    for (let i = 0; i < revisions.length; i += 100) {
      const chunk = revisions.slice(i, i + 100);
      await this.#call('general', (a) =>
        a.objects.batch.update('communications', {
          inputs: chunk.map((line) => ({
            id: recordIdOf(entries.get(keyOf(line))),
            properties: { hs_communication_body: bodyOf(conversation, line) },
          })),
        }),
      );
      await this.#ledger.complete(Object.fromEntries(chunk.map((line) => [revisionKey(line), 'done'])));
    }
    let todo = lines.filter((l) => entries.get(keyOf(l))?.state !== 'done');
    const pending = todo.filter((l) => entries.get(keyOf(l))?.state === 'pending');
    if (pending.length > 0) {
      const done = await this.#readCommunications(pending);
      todo = todo.filter((l) => done[keyOf(l)] === undefined);
    }
    if (todo.length === 0) return;
    const personId = await this.#personId(conversation);
    const inputOf = (line: CrmTranscriptLine) => ({
      properties: {
        hs_communication_channel_type: 'WHATS_APP',
        hs_communication_logged_from: 'CRM',
        hs_communication_body: bodyOf(conversation, line),
        hs_timestamp: line.sentAt,
        [this.#recordKey]: `comm:${line.wamid}`,
        ...(line.author === 'human' && this.#owner(conversation.ownerId)
          ? { hubspot_owner_id: this.#owner(conversation.ownerId)! }
          : {}),
      },
      associations: [
        {
          to: { id: personId },
          types: [
            {
              associationCategory: HUBSPOT_DEFINED,
              associationTypeId: associationTypeIds.communicationToContact,
            },
          ],
        },
      ],
    });
    for (let i = 0; i < todo.length; i += 100) {
      let chunk = todo.slice(i, i + 100);
      await this.#ledger.begin(chunk.map(keyOf));
      let created: Awaited<ReturnType<Apis['objects']['batch']['create']>>;
      try {
        created = await this.#call('general', (a) =>
          a.objects.batch.create('communications', { inputs: chunk.map(inputOf) }),
        );
      } catch (error) {
        if (!isLeadwireError(error, 'CONFLICT')) throw error;
        const done = await this.#readCommunications(chunk);
        chunk = chunk.filter((l) => done[keyOf(l)] === undefined);
        if (chunk.length === 0) continue;
        const rest = chunk;
        created = await this.#call('general', (a) =>
          a.objects.batch.create('communications', { inputs: rest.map(inputOf) }),
        );
      }
      const done: Record<string, string> = {};
      for (const r of created.results) {
        const wamid = r.properties[this.#recordKey]?.replace(/^comm:/, '');
        if (wamid)
          done[this.#ledgerKey('comm', wamid)] = JSON.stringify({ id: r.id, type: 'communications' });
      }
      await this.#ledger.complete(done);
      const failed = chunk.filter((l) => done[keyOf(l)] === undefined);
      // A 207: the lines HubSpot did not write stay pending, so the retry reads them back (by key) and writes
      // what is still missing; the written ones are done and never written twice.
      if (failed.length > 0)
        throwBatchErrors(created, `the transcript (${failed.length} of ${chunk.length} lines)`, true);
    }
  }

  /** Reads communications by their unique record key (batch read, not search); records what exists as done. */
  async #readCommunications(lines: CrmTranscriptLine[]): Promise<Record<string, string>> {
    const read = await this.#call('general', (a) =>
      a.objects.batch.read('communications', {
        idProperty: this.#recordKey,
        inputs: lines.map((l) => ({ id: `comm:${l.wamid}` })),
        properties: [this.#recordKey],
        propertiesWithHistory: [],
      }),
    );
    const done: Record<string, string> = {};
    for (const r of read.results) {
      const wamid = r.properties[this.#recordKey]?.replace(/^comm:/, '');
      if (wamid) done[this.#ledgerKey('comm', wamid)] = JSON.stringify({ id: r.id, type: 'communications' });
    }
    await this.#ledger.complete(done);
    return done;
  }

  // ---- directory -------------------------------------------------------------------------------------------

  #userToOwner = new Map<string, string>();

  /**
   * Owners (id = owner id), their user ids and teams. Cost: 0 while the shared cache is fresh (one read per
   * portal per `directoryTtlMs` across every process, not per process); else 3 calls (+1 per further page).
   */
  async listOwners(): Promise<CrmOwner[]> {
    const cacheKey = this.#ledgerKey('directory', 'owners');
    const cached = (await this.#ledger.getMany([cacheKey])).get(cacheKey);
    if (cached?.state === 'done') {
      const directory = JSON.parse(cached.value) as CachedDirectory;
      if (this.#clock.now() - directory.at < (this.#options.directoryTtlMs ?? 5 * 60_000)) {
        for (const [userId, ownerId] of directory.userToOwner) this.#userToOwner.set(userId, ownerId);
        return directory.owners;
      }
    }
    const at = this.#clock.now();
    const fresh = await this.#readOwners();
    const directory: CachedDirectory = { at, owners: fresh, userToOwner: [...this.#userToOwner] };
    await this.#ledger.complete({ [cacheKey]: JSON.stringify(directory) });
    return fresh;
  }

  async #readOwners(): Promise<CrmOwner[]> {
    const owners = [];
    let after: string | undefined;
    do {
      const page = await this.#call('general', (a) => a.owners.getPage(undefined, after, 100, false));
      owners.push(...page.results);
      after = page.paging?.next?.after;
    } while (after !== undefined);
    const userIds = new Set<string>();
    after = undefined;
    do {
      const page = await this.#call('general', (a) => usersPage(a, after));
      for (const u of page.results) userIds.add(String(u.id));
      after = page.paging?.next?.after;
    } while (after !== undefined);
    const teams = await this.listTeams();
    return owners.map((o) => {
      const userId = o.userId === undefined ? undefined : String(o.userId);
      if (userId !== undefined) this.#userToOwner.set(userId, o.id);
      const teamIds = new Set((o.teams ?? []).map((t) => String(t.id)));
      for (const t of teams)
        if (userId !== undefined && (t.userIds.includes(userId) || t.secondaryUserIds.includes(userId)))
          teamIds.add(String(t.id));
      const name = [o.firstName, o.lastName].filter(Boolean).join(' ');
      return {
        id: o.id,
        ...(o.email ? { email: o.email } : {}),
        ...(name ? { name } : {}),
        active: !o.archived && userId !== undefined && userIds.has(userId),
        teams: [...teamIds],
      };
    });
  }

  /** A HubSpot user id (a card's `context.user.id`) as an owner id. Cost: 0 after listOwners, else 1 call. */
  /** The portal's teams with their members' user ids (`settings.users.teams`), one rate-limited call. */
  async listTeams(): Promise<
    Array<{ id: string; name: string; userIds: string[]; secondaryUserIds: string[] }>
  > {
    const teams = (await this.#call('general', (a) => a.teams.getAll())).results;
    return teams.map((t) => ({
      id: String(t.id),
      name: t.name,
      userIds: t.userIds.map(String),
      secondaryUserIds: t.secondaryUserIds.map(String),
    }));
  }

  async ownerIdOfUser(userId: string): Promise<string | undefined> {
    const cached = this.#userToOwner.get(userId);
    if (cached !== undefined) return cached;
    try {
      const owner = await this.#call('general', (a) => a.owners.getById(Number(userId), 'userId'));
      this.#userToOwner.set(userId, owner.id);
      return owner.id;
    } catch (error) {
      if (isLeadwireError(error, 'NOT_FOUND')) return undefined;
      throw error;
    }
  }

  /** HubSpot reports no presence. */
  async presence(): Promise<Set<string> | undefined> {
    return undefined;
  }
}

// ---- mapping helpers (pure) ----------------------------------------------------------------------------------

interface BatchAnswer {
  results: unknown[];
  errors?: Array<{ category?: string; message?: string; context?: Record<string, unknown> }>;
  numErrors?: number;
}

/**
 * A batch write HubSpot answered 207 (some inputs failed, `errors[]` beside `results`) as a LeadwireError:
 * NOT_FOUND / VALIDATION / CONFLICT by the first error's category, else TEMPORARY (retry). With `always`, throws
 * even when `errors` is empty (the caller found inputs missing from `results`).
 */
export function throwBatchErrors(answer: BatchAnswer, what: string, always = false): void {
  const errors = answer.errors ?? [];
  if (errors.length === 0 && !always) return;
  const first = errors[0];
  const code =
    first?.category === 'OBJECT_NOT_FOUND'
      ? 'NOT_FOUND'
      : first?.category === 'VALIDATION_ERROR'
        ? 'VALIDATION'
        : first?.category === 'CONFLICT'
          ? 'CONFLICT'
          : 'TEMPORARY';
  throw new LeadwireError(
    code,
    `HubSpot wrote only part of ${what}: ${errors.length || 'some'} input(s) failed${first?.message ? ` (HubSpot: ${first.message})` : ''}`,
    {
      details: {
        reason: 'batch_partial',
        httpStatus: 207,
        failed: errors.length,
        written: answer.results.length,
        ...(first?.category ? { category: first.category } : {}),
      },
    },
  );
}

/** The Leads object is out of reach: the portal has none, or the install lacks the (optional) Leads scopes. */
function isLeadsUnavailable(error: unknown): boolean {
  if (!isLeadwireError(error)) return false;
  if (error.code === 'VALIDATION' && error.details?.objectTypeUnavailable === true) return true;
  const missing = error.details?.missingScopes;
  return (
    error.details?.reason === 'missing_scopes' &&
    Array.isArray(missing) &&
    missing.some((scope) => typeof scope === 'string' && scope.startsWith('crm.objects.leads.'))
  );
}

/** HubSpot's calculated contact properties holding a phone's national number, however it was typed. */
export const searchablePhoneProperties = [
  'hs_searchable_calculated_phone_number',
  'hs_searchable_calculated_mobile_number',
] as const;

/** The national number of an E.164 phone (country code dropped), as HubSpot's phone search matches it. */
export function nationalNumberOf(e164: string): string | undefined {
  const parsed = parsePhoneNumberFromString(e164);
  if (parsed !== undefined) return String(parsed.nationalNumber);
  const digits = e164.replace(/\D/g, '');
  return digits.length >= 6 ? digits : undefined;
}

function ownerOf(properties: Record<string, string | null>): { ownerId?: string } {
  const owner = properties.hubspot_owner_id;
  return owner ? { ownerId: owner } : {};
}

export function e164Of(conversation: Conversation): string | undefined {
  const raw = conversation.user.phone ?? conversation.user.waId;
  if (raw === undefined) return undefined;
  const digits = raw.replace(/\D/g, '');
  return digits.length >= 6 ? `+${digits}` : undefined;
}

function splitName(name: string | undefined): { firstname?: string; lastname?: string } {
  const parts = name?.trim().split(/\s+/).filter(Boolean) ?? [];
  if (parts.length === 0) return {};
  if (parts.length === 1) return { firstname: parts[0]! };
  return { firstname: parts.slice(0, -1).join(' '), lastname: parts.at(-1)! };
}

function signalsOf(conversation: Conversation): Signals {
  const parsed = signalsSchema.safeParse(conversation.signals);
  return parsed.success ? parsed.data : {};
}

/** Leadwire's properties for a Lead (leads object, deal or contact). */
export function signalProperties(
  conversation: Conversation,
  details: HubspotLeadDetails = {},
): Record<string, string> {
  const s = signalsOf(conversation);
  const p = leadwireSignalProperties;
  const out: Record<string, string> = { [p.conversationId]: conversation.id };
  if (s.urgency) out[p.urgency] = s.urgency.value;
  if (s.serviceType) out[p.serviceType] = s.serviceType.value;
  const area = s.location?.value;
  if (area) out[p.serviceArea] = area.areaId ?? area.text ?? (area.outside ? 'outside service areas' : '');
  const language = s.language?.value ?? conversation.agent?.language;
  if (language) out[p.language] = language;
  if (s.timing) out[p.timing] = s.timing.value.iso;
  const decision = conversation.agent?.decision;
  if (decision) out[p.decision] = [decision.decision, ...decision.reasons].join(': ').slice(0, 1000);
  if (details.routingReason) out[p.routingReason] = details.routingReason.slice(0, 1000);
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== ''));
}

/** A person-readable summary: reason, captured signals, decision and the last lines. */
function summaryOf(conversation: Conversation, reason?: string): string {
  const s = signalsOf(conversation);
  const lines: string[] = [];
  if (reason) lines.push(`Reason: ${reason}`);
  if (s.serviceType) lines.push(`Service: ${s.serviceType.value}`);
  if (s.urgency) lines.push(`Urgency: ${s.urgency.value}`);
  const area = s.location?.value;
  if (area) lines.push(`Location: ${area.areaId ?? area.text ?? ''}`);
  if (s.timing) lines.push(`Timing: ${s.timing.value.text}`);
  const decision = conversation.agent?.decision;
  if (decision) lines.push(`Decision: ${decision.decision} (${decision.reasons.join(', ')})`);
  const history = conversation.agent?.history ?? [];
  if (history.length > 0) lines.push('', ...history.slice(-6).map((h) => `${h.author}: ${h.text}`));
  const phone = e164Of(conversation);
  if (phone) lines.push('', `WhatsApp: https://wa.me/${phone.slice(1)}`);
  return lines.join('\n').slice(0, 60_000);
}

const authorLabel = { customer: 'Customer', agent: 'Leadwire assistant', human: 'Agent' } as const;

/** The HubSpot id a done ledger entry recorded (`{"id": …, "type": …}`). */
function recordIdOf(entry: LedgerEntry | undefined): string {
  const value = entry?.state === 'done' ? entry.value : undefined;
  const id = value === undefined ? undefined : (JSON.parse(value) as { id?: unknown }).id;
  if (typeof id !== 'string')
    throw new LeadwireError('TEMPORARY', 'a written communication has no recorded id');
  return id;
}

/** How a media message reads in the transcript, by its WhatsApp type. */
const mediaLabels: Record<string, string> = {
  image: '📷 Image',
  video: '🎬 Video',
  document: '📄 Document',
  sticker: '🏷️ Sticker',
  audio: '🔊 Audio',
};

export function bodyOf(conversation: Conversation, line: CrmTranscriptLine): string {
  const note = conversation.voiceNotes?.[line.wamid];
  // Audio is what gets transcribed (a voice note, or an audio file); every other media type says what it is.
  const audio =
    line.mediaType === 'audio' ||
    (line.mediaType === undefined && (note !== undefined || line.transcription));
  const transcription = line.transcription ?? note?.transcript;
  const parts: string[] = [];
  if (line.text) parts.push(line.text);
  if (audio) {
    const what = line.voice === false ? '🔊 Audio' : '🎤 Voice note';
    parts.push(
      transcription
        ? `${what} — transcription: "${transcription}"`
        : `${what} (no transcription${note?.failure ? `: ${note.failure}` : ''})`,
    );
  } else if (line.mediaId !== undefined) {
    const label = mediaLabels[line.mediaType ?? ''] ?? '📎 Attachment';
    parts.push(line.filename ? `${label}: ${line.filename}` : label);
  }
  return `${authorLabel[line.author]}: ${parts.join('\n') || '(no text)'}`;
}
