// From one WhatsApp webhook body to Leadwire's InboundEvents. Meta batches up to 1,000 updates per POST and
// peers that read only entry[0].changes[0].messages[0] lose data, so this reads EVERY entry × change ×
// update, and isolates each one: a malformed update never costs the others in the same body.
//
// Order: events come out in document order — entries in array order, their changes in array order, and
// within a change value the update arrays (`messages`, `statuses`, `errors`, `message_echoes`) in the order
// their keys appear in the JSON, each array's items in array order. Both event fields (`messages`,
// `smb_message_echoes`) are read for all four arrays, so nothing Meta puts in them is skipped.
//
// What is kept when an update is odd (the gateway persists the raw body, so nothing is lost for audit):
// - a message or echo with an id whose body cannot be understood (unknown type, missing or malformed body)
//   becomes `type: 'unsupported'` with `unsupportedType` = its `type`, and keeps its raw JSON;
// - a message, echo or status without a usable timestamp gets `receivedAt` (WhatsApp's timestamp is
//   "when the webhook was triggered", so arrival time is the closest stand-in); value-level errors carry no
//   timestamp at all and always get `receivedAt`;
// - an update that cannot become an event (not an object, no id, a status value Leadwire does not track,
//   an error without a numeric code), an unreadable entry or change, or an event change without
//   `metadata.phone_number_id` (it cannot be routed) is left out and reported in `dropped` with its path;
// - changes of other fields (account_update, history, …) carry no events: counted in `ignoredChanges`.
import type { z } from 'zod';
import { toE164 } from '../conversation/identity.ts';
import { LeadwireError } from './errors.ts';
import {
  type EchoEvent,
  type ErrorEvent,
  type InboundEvent,
  type MessageEvent,
  type StatusEvent,
  type StatusValue,
  statusValues,
  type UserIdentity,
  type WhatsappError,
} from './inbound-event.ts';
import {
  webhookMessageBodies as bodies,
  type EventArrayKey,
  eventArrayKeys,
  eventFields,
  type WebhookContact,
  type WebhookError,
  type WebhookMessage,
  webhookChange,
  webhookEcho,
  webhookEntry,
  webhookEnvelope,
  webhookError,
  webhookMessage,
  webhookMessageContext,
  webhookStatus,
  webhookValue,
} from './webhook-envelope.ts';

/** An entry, change or update that could not become an event, with where it was and why. */
export interface DroppedUpdate {
  path: string;
  reason: string;
}

export interface NormalizedWebhook {
  /** every event of the body, in document order */
  events: InboundEvent[];
  /** changes whose field carries no events (account_update, history, …) */
  ignoredChanges: number;
  dropped: DroppedUpdate[];
}

export interface NormalizeOptions {
  /** arrival time (ms since the epoch), used where WhatsApp gives no timestamp; defaults to now */
  receivedAt?: number;
}

/** Where an event comes from: the same for every update of one change value. */
interface EventSource {
  phoneNumberId: string;
  displayPhoneNumber?: string;
  wabaId?: string;
}

interface ValueScope {
  source: EventSource;
  contacts: readonly WebhookContact[];
  receivedAt: string;
}

type ItemResult = { event: InboundEvent } | { reason: string };

type MessageContent = Pick<
  MessageEvent,
  | 'type'
  | 'text'
  | 'media'
  | 'location'
  | 'reaction'
  | 'contacts'
  | 'interactive'
  | 'button'
  | 'order'
  | 'system'
  | 'originalMessageId'
  | 'editedType'
  | 'context'
  | 'unsupportedType'
>;

interface UserIds {
  waId?: string | undefined;
  userId?: string | undefined;
  parentUserId?: string | undefined;
}

/**
 * The envelope of a webhook body (`object` is "whatsapp_business_account", `entry` an array), or
 * LeadwireError VALIDATION naming the offending path: what the gateway checks before it acknowledges.
 */
export function readWebhookEnvelope(body: unknown): { entry: unknown[] } {
  const envelope = webhookEnvelope.safeParse(body);
  if (envelope.success) return envelope.data;
  const [issue] = envelope.error.issues;
  const path = issue === undefined ? '' : pathOf(issue.path);
  throw new LeadwireError(
    'VALIDATION',
    `not a WhatsApp webhook envelope: ${path === '' ? 'the body' : path}: ${issue?.message ?? 'invalid'}`,
    { details: { path } },
  );
}

/**
 * Every event of a webhook body. Throws LeadwireError VALIDATION (naming the offending path) only when
 * the body is not a WhatsApp envelope: `object` is not "whatsapp_business_account" or `entry` is not an array.
 */
export function normalizeWebhook(body: unknown, options: NormalizeOptions = {}): NormalizedWebhook {
  const envelope = readWebhookEnvelope(body);
  const receivedAt = new Date(validTime(options.receivedAt) ?? Date.now()).toISOString();
  const result: NormalizedWebhook = { events: [], ignoredChanges: 0, dropped: [] };
  envelope.entry.forEach((entry, e) => {
    readEntry(entry, `entry[${e}]`, receivedAt, result);
  });
  return result;
}

function readEntry(raw: unknown, path: string, receivedAt: string, result: NormalizedWebhook): void {
  const entry = webhookEntry.safeParse(raw);
  if (!entry.success) {
    result.dropped.push({ path, reason: `unreadable entry: ${firstIssue(entry.error)}` });
    return;
  }
  entry.data.changes.forEach((change, c) => {
    readChange(change, `${path}.changes[${c}]`, entry.data.id, receivedAt, result);
  });
}

function readChange(
  raw: unknown,
  path: string,
  wabaId: string | undefined,
  receivedAt: string,
  result: NormalizedWebhook,
): void {
  const change = webhookChange.safeParse(raw);
  if (!change.success) {
    result.dropped.push({ path, reason: `unreadable change: ${firstIssue(change.error)}` });
    return;
  }
  if (!isEventField(change.data.field)) {
    result.ignoredChanges += 1;
    return;
  }
  const value = webhookValue.safeParse(change.data.value);
  const rawValue = asRecord(change.data.value);
  if (!value.success || rawValue === undefined) {
    const reason = value.success ? 'not an object' : firstIssue(value.error);
    result.dropped.push({ path: `${path}.value`, reason: `cannot route this change: ${reason}` });
    return;
  }
  const { metadata, contacts } = value.data;
  const scope: ValueScope = {
    source: defined({
      phoneNumberId: metadata.phone_number_id,
      displayPhoneNumber: metadata.display_phone_number,
      wabaId,
    }),
    contacts,
    receivedAt,
  };
  const first = result.events.length;
  for (const [key, items] of Object.entries(rawValue)) {
    if (!isEventArrayKey(key)) continue;
    if (!Array.isArray(items)) {
      result.dropped.push({ path: `${path}.value.${key}`, reason: 'expected an array' });
      continue;
    }
    items.forEach((item, i) => {
      const read = readers[key](item, scope);
      if ('event' in read) result.events.push(read.event);
      else result.dropped.push({ path: `${path}.value.${key}[${i}]`, reason: read.reason });
    });
  }
  linkValueErrors(result.events, first);
}

/**
 * A value-level error beside messages explains them (WhatsApp sends 131000 "Unsupported webhook payload"
 * next to a message it could not render): the error names the messages of its change, and a message that
 * came out unsupported carries the error too.
 */
function linkValueErrors(events: InboundEvent[], from: number): void {
  const changeEvents = events.slice(from);
  const messages = changeEvents.filter((e): e is MessageEvent => e.kind === 'message');
  const errors = changeEvents.filter((e): e is ErrorEvent => e.kind === 'error');
  if (messages.length === 0 || errors.length === 0) return;
  const messageIds = messages.map((m) => m.id);
  const valueErrors = errors.flatMap((e) => e.errors);
  for (let i = from; i < events.length; i++) {
    const event = events[i]!;
    if (event.kind === 'error') events[i] = { ...event, messageIds };
    else if (event.kind === 'message' && event.type === 'unsupported')
      events[i] = { ...event, errors: [...(event.errors ?? []), ...valueErrors] };
  }
}

const readers: Readonly<Record<EventArrayKey, (item: unknown, scope: ValueScope) => ItemResult>> = {
  messages: readMessage,
  statuses: readStatus,
  errors: readValueError,
  message_echoes: readEcho,
};

function readMessage(raw: unknown, scope: ValueScope): ItemResult {
  const parsed = webhookMessage.safeParse(raw);
  const item = asRecord(raw);
  if (!parsed.success || item === undefined) return { reason: `unreadable message: ${issueOf(parsed)}` };
  const m = parsed.data;
  const user = identityOf(
    { waId: m.from, userId: m.from_user_id, parentUserId: m.from_parent_user_id },
    scope,
  );
  const event: MessageEvent = { kind: 'message', ...messageFields(m, item, user, scope) };
  return { event };
}

/** An echo is a message a person sent from the WhatsApp Business app: its `user` is the customer (`to`). */
function readEcho(raw: unknown, scope: ValueScope): ItemResult {
  const parsed = webhookEcho.safeParse(raw);
  const item = asRecord(raw);
  if (!parsed.success || item === undefined) return { reason: `unreadable echo: ${issueOf(parsed)}` };
  const m = parsed.data;
  const user = identityOf({ waId: m.to, userId: m.to_user_id, parentUserId: m.to_parent_user_id }, scope);
  const event: EchoEvent = { kind: 'echo', ...messageFields(m, item, user, scope) };
  return { event };
}

function messageFields(
  m: Pick<WebhookMessage, 'id' | 'timestamp' | 'context' | 'referral' | 'group_id' | 'errors'>,
  item: Record<string, unknown>,
  user: UserIdentity,
  scope: ValueScope,
): Omit<MessageEvent, 'kind'> {
  const content = readContent(item);
  return defined({
    ...scope.source,
    timestamp: isoFromUnixSeconds(m.timestamp) ?? scope.receivedAt,
    raw: item,
    id: m.id,
    user,
    ...content,
    // an edit's new version may quote a message of its own
    context: (m.context && nonEmpty(contextOf(m.context))) ?? content.context,
    referral: m.referral && nonEmpty(referralOf(m.referral)),
    groupId: m.group_id,
    errors: errorsOf(m.errors),
  });
}

function readStatus(raw: unknown, scope: ValueScope): ItemResult {
  const parsed = webhookStatus.safeParse(raw);
  if (!parsed.success) return { reason: `unreadable status: ${firstIssue(parsed.error)}` };
  const s = parsed.data;
  if (!isStatusValue(s.status)) {
    return { reason: `status "${s.status}" is not one Leadwire tracks (${statusValues.join(', ')})` };
  }
  // In a group, recipient_id is the group; the person is the participant.
  const inGroup = s.recipient_type === 'group';
  const ids: UserIds = inGroup
    ? {
        waId: s.recipient_participant_id,
        userId: s.recipient_participant_user_id,
        parentUserId: s.recipient_participant_parent_user_id,
      }
    : { waId: s.recipient_id, userId: s.recipient_user_id, parentUserId: s.recipient_parent_user_id };
  const event: StatusEvent = defined({
    kind: 'status',
    type: s.status,
    id: s.id,
    ...scope.source,
    timestamp: isoFromUnixSeconds(s.timestamp) ?? scope.receivedAt,
    raw,
    user: identityOf(ids, scope),
    recipientId: s.recipient_id,
    groupId: inGroup ? s.recipient_id : undefined,
    bizOpaqueCallbackData: s.biz_opaque_callback_data,
    pricingCategory: s.pricing?.category,
    pricing:
      s.pricing &&
      nonEmpty(
        defined({
          category: s.pricing.category,
          pricingModel: s.pricing.pricing_model,
          type: s.pricing.type,
          billable: s.pricing.billable,
        }),
      ),
    conversation:
      s.conversation &&
      nonEmpty(
        defined({
          id: s.conversation.id,
          originType: s.conversation.origin?.type,
          expiresAt: isoFromUnixSeconds(s.conversation.expiration_timestamp),
        }),
      ),
    errors: errorsOf(s.errors),
  });
  return { event };
}

/** `value.errors[]`: about the number or the app, not one conversation. One event per error. */
function readValueError(raw: unknown, scope: ValueScope): ItemResult {
  const parsed = webhookError.safeParse(raw);
  if (!parsed.success) return { reason: `unreadable error: ${firstIssue(parsed.error)}` };
  const event: ErrorEvent = {
    kind: 'error',
    type: 'error',
    ...scope.source,
    timestamp: scope.receivedAt,
    raw,
    errors: [errorOf(parsed.data)],
  };
  return { event };
}

/** The type-specific content of a message (or an echo, or the new version inside an edit). */
export function readContent(item: Record<string, unknown>): MessageContent {
  const type = typeof item.type === 'string' && item.type !== '' ? item.type : 'unknown';
  const body = Object.hasOwn(item, type) ? item[type] : undefined;
  return knownContent(type, body) ?? { type: 'unsupported', unsupportedType: type };
}

function knownContent(type: string, body: unknown): MessageContent | undefined {
  switch (type) {
    case 'text': {
      const text = parse(bodies.text, body);
      return text && { type, text: text.body };
    }
    case 'audio':
    case 'image':
    case 'video':
    case 'document':
    case 'sticker': {
      const media = parse(bodies.media, body);
      return (
        media &&
        defined({
          type,
          text: media.caption,
          media: defined({
            id: media.id,
            mimeType: media.mime_type,
            sha256: media.sha256,
            url: media.url,
            voice: media.voice,
            caption: media.caption,
            filename: media.filename,
            animated: media.animated,
          }),
        })
      );
    }
    case 'location': {
      const l = parse(bodies.location, body);
      return (
        l && {
          type,
          location: defined({
            latitude: l.latitude,
            longitude: l.longitude,
            name: l.name,
            address: l.address,
            url: l.url,
          }),
        }
      );
    }
    case 'reaction': {
      const r = parse(bodies.reaction, body);
      // emoji absent or "" = the customer removed the reaction: no emoji key at all
      return r && { type, reaction: defined({ messageId: r.message_id, emoji: r.emoji || undefined }) };
    }
    case 'contacts': {
      const cards = parse(bodies.contacts, body);
      return cards && { type, contacts: cards.map(sharedContactOf) };
    }
    case 'interactive': {
      const interactive = parse(bodies.interactive, body);
      if (interactive === undefined) return undefined;
      const reply = Object.hasOwn(interactive, interactive.type) ? interactive[interactive.type] : undefined;
      return interactiveContent(interactive.type, reply);
    }
    case 'button': {
      const b = parse(bodies.button, body);
      return b && defined({ type, text: b.text, button: defined({ payload: b.payload, text: b.text }) });
    }
    case 'order': {
      const o = parse(bodies.order, body);
      return (
        o && {
          type,
          order: defined({
            catalogId: o.catalog_id,
            text: o.text,
            items: o.product_items.map((p) =>
              defined({
                productRetailerId: p.product_retailer_id,
                quantity: p.quantity,
                itemPrice: p.item_price,
                currency: p.currency,
              }),
            ),
          }),
        }
      );
    }
    case 'system': {
      const s = parse(bodies.system, body);
      return (
        s && {
          type,
          system: defined({
            type: s.type,
            body: s.body,
            newWaId: s.wa_id,
            newUserId: s.user_id,
            newParentUserId: s.parent_user_id,
          }),
        }
      );
    }
    case 'edit': {
      const edit = parse(bodies.edit, body);
      if (edit === undefined) return undefined;
      // The new version is a whole message (text, or media with a new caption, id and url, and its own
      // context): all of it is kept, with its type beside the edit's.
      const newVersion = asRecord(edit.message);
      const content = newVersion === undefined ? undefined : readContent(newVersion);
      const innerContext = parse(webhookMessageContext, newVersion?.context);
      const context = innerContext === undefined ? undefined : nonEmpty(contextOf(innerContext));
      return defined({
        ...content,
        type,
        originalMessageId: edit.original_message_id,
        editedType: content?.type,
        context,
      });
    }
    case 'revoke': {
      const revoke = parse(bodies.revoke, body);
      return revoke && { type, originalMessageId: revoke.original_message_id };
    }
    case 'request_welcome':
      return { type };
    case 'unsupported':
      return { type, unsupportedType: parse(bodies.unsupported, body)?.type ?? 'unknown' };
    default:
      return undefined;
  }
}

function interactiveContent(type: string, reply: unknown): MessageContent {
  if (type === 'button_reply' || type === 'list_reply') {
    const choice = parse(bodies.interactiveChoice, reply);
    return defined({
      type: 'interactive',
      text: choice?.title,
      interactive: defined({ type, id: choice?.id, title: choice?.title, description: choice?.description }),
    });
  }
  if (type === 'nfm_reply') {
    const flow = parse(bodies.flowReply, reply);
    return {
      type: 'interactive',
      interactive: defined({
        type,
        name: flow?.name,
        body: flow?.body,
        response: jsonOrText(flow?.response_json),
      }),
    };
  }
  return { type: 'interactive', interactive: defined({ type, response: reply }) };
}

function sharedContactOf(
  card: z.output<typeof bodies.contacts>[number],
): NonNullable<MessageEvent['contacts']>[number] {
  const fullName = [card.name?.first_name, card.name?.last_name]
    .filter((part) => part !== undefined)
    .join(' ');
  return defined({
    name: card.name?.formatted_name ?? (fullName === '' ? undefined : fullName),
    phones: card.phones.map((p) => defined({ phone: p.phone, waId: p.wa_id, type: p.type })),
    emails: card.emails.flatMap((e) => (e.email === undefined ? [] : [e.email])),
  });
}

function contextOf(c: NonNullable<WebhookMessage['context']>): NonNullable<MessageEvent['context']> {
  const product = c.referred_product;
  return defined({
    from: c.from,
    id: c.id,
    forwarded: c.forwarded,
    frequentlyForwarded: c.frequently_forwarded,
    referredProduct:
      product &&
      nonEmpty(defined({ catalogId: product.catalog_id, productRetailerId: product.product_retailer_id })),
  });
}

function referralOf(r: NonNullable<WebhookMessage['referral']>): NonNullable<MessageEvent['referral']> {
  return defined({
    sourceUrl: r.source_url,
    sourceId: r.source_id,
    sourceType: r.source_type,
    headline: r.headline,
    body: r.body,
    ctwaClid: r.ctwa_clid,
  });
}

/**
 * Who an update is about: the ids on the update itself, completed from the `value.contacts[]` entry of the
 * same user — matched by wa_id, user_id or parent_user_id, never by array position.
 */
function identityOf(ids: UserIds, scope: ValueScope): UserIdentity {
  const contact = scope.contacts.find((c) => sameUser(c, ids));
  const waId = ids.waId ?? contact?.wa_id;
  const e164 = waId === undefined ? undefined : toE164(waId);
  // A wa_id libphonenumber does not know yet (a new range) is still the customer's number: keep its
  // digits, marked as not validated, so matching by phone in the CRM still finds them.
  const unvalidated = e164 === undefined && waId !== undefined && /^\d{7,15}$/.test(waId);
  return defined({
    waId,
    userId: ids.userId ?? contact?.user_id,
    parentUserId: ids.parentUserId ?? contact?.parent_user_id,
    phone: e164 ?? (unvalidated ? `+${waId}` : undefined),
    phoneValidated: unvalidated ? false : undefined,
    username: contact?.profile?.username,
    name: contact?.profile?.name,
  });
}

function sameUser(contact: WebhookContact, ids: UserIds): boolean {
  return (
    (ids.waId !== undefined && contact.wa_id === ids.waId) ||
    (ids.userId !== undefined && contact.user_id === ids.userId) ||
    (ids.parentUserId !== undefined && contact.parent_user_id === ids.parentUserId)
  );
}

function errorOf(e: WebhookError): WhatsappError {
  return defined({
    code: e.code,
    title: e.title,
    message: e.message,
    details: e.error_data?.details,
    href: e.href,
  });
}

function errorsOf(errors: readonly WebhookError[]): WhatsappError[] | undefined {
  return errors.length === 0 ? undefined : errors.map(errorOf);
}

/** WhatsApp's Unix seconds (a string) as ISO 8601; undefined when absent or not a time. */
export function isoFromUnixSeconds(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const seconds = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  const ms = validTime(seconds * 1000);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** A time in ms that a Date can hold, or undefined. */
function validTime(ms: number | undefined): number | undefined {
  return ms !== undefined && Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : undefined;
}

/** nfm_reply.response_json is a JSON string: parsed when it is JSON, kept as text otherwise. */
function jsonOrText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The object without its undefined-valued keys, so events and printed lines carry only what is known. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function nonEmpty<T extends object>(value: T): T | undefined {
  return Object.keys(value).length === 0 ? undefined : value;
}

function isEventField(field: string): boolean {
  return (eventFields as readonly string[]).includes(field);
}

function isEventArrayKey(key: string): key is EventArrayKey {
  return (eventArrayKeys as readonly string[]).includes(key);
}

function isStatusValue(status: string): status is StatusValue {
  return (statusValues as readonly string[]).includes(status);
}

function firstIssue(error: z.ZodError): string {
  const [issue] = error.issues;
  if (issue === undefined) return 'invalid';
  const path = pathOf(issue.path);
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

function issueOf(parsed: { success: true } | { success: false; error: z.ZodError }): string {
  return parsed.success ? 'not an object' : firstIssue(parsed.error);
}

function pathOf(path: readonly PropertyKey[]): string {
  return path
    .map((step, i) => (typeof step === 'number' ? `[${step}]` : `${i === 0 ? '' : '.'}${String(step)}`))
    .join('');
}
