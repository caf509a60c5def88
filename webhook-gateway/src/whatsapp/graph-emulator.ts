// Graph emulator: an in-process stand-in for Meta's WhatsApp Cloud API on Meta's paths and shapes, so
// tests and the sandbox send for real over HTTP and can then read back what was "sent". It is at least as
// strict as Meta, from its own statement of Meta's rules (graph-emulator-rules.ts): the bearer token (and
// its expiry), the message limits, the 24-hour customer-service window (131047) and the 72-hour window of a
// customer who came from an ad (free entry point, stated in its statuses), the pair rate limit
// (131056), `to` without `+` read the way Meta reads it, mark-read only for messages the number received,
// media ids that expire, the WABA's message templates. Like Meta, it delivers signed status webhooks
// (`sent`, `delivered`, `read`, or `failed` for an undeliverable recipient), retrying until answered, and can
// be told to fail the next call with any Meta error code.
// https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/send-messages
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { signBody } from '../webhook/signature.ts';
import { metaLength, metaRules } from './graph-emulator-rules.ts';

export interface GraphEmulatorOptions {
  /** The bearer token every call must carry. Default `emulator-token`. */
  token?: string;
  /** When the token expires, emulator time in ms (Meta then answers 190, subcode 463). Default: never. */
  tokenExpiresAt?: number;
  /** Emulator time in ms (windows, rate limits, expiry). Default `Date.now`. */
  clock?: () => number;
  /** Delay before each answer. Default 0. */
  latencyMs?: number;
  /** Where to deliver status webhooks for accepted sends, as Meta does. Default: none. */
  statusWebhook?: StatusWebhookTarget;
  /**
   * The business numbers' display numbers by phone_number_id: Meta prepends the business number's country
   * code to a `to` without `+`. Default: Meta's documentation number 15550783881 (US, +1) for every id.
   */
  displayNumbers?: Record<string, string>;
  /** The WABA's message templates (`GET /{waba-id}/message_templates`). Default {@link exampleTemplates}. */
  templates?: EmulatedTemplate[];
  /** The customer reads each delivered message (a `read` status follows `delivered`). Default false. */
  readReceipts?: boolean;
}

/** A webhook receiver subscribed to the emulated number (Meta's app webhook subscription). */
export interface StatusWebhookTarget {
  /** the receiver's URL, e.g. the gateway's `/webhooks/whatsapp` */
  url: string;
  /** the Meta app's secret: each POST is signed with `X-Hub-Signature-256` */
  appSecret: string;
}

export type EmulatedStatus = 'sent' | 'delivered' | 'read' | 'failed';

/** A status webhook the receiver acknowledged with 200. */
export interface EmulatedStatusWebhook {
  wamid: string;
  status: EmulatedStatus;
  /** POSTs it took (1 when the receiver answered 200 at once) */
  attempts: number;
  at: number;
}

export interface EmulatedSend {
  phoneNumberId: string;
  /** the request body as Meta received it */
  body: Record<string, unknown>;
  /** who Meta delivers it to: the digits of `to` as Meta read them, or the BSUID in `recipient` */
  recipient: string;
  wamid: string;
  at: number;
}

export interface EmulatedRead {
  phoneNumberId: string;
  messageId: string;
  typing: boolean;
  at: number;
}

export interface MediaOptions {
  /** the sha256 the metadata announces (default: the true one, hex); set it to simulate corruption */
  sha256?: string;
  /** announce the true sha256 as base64 instead of hex */
  sha256Encoding?: 'hex' | 'base64';
}

/** A message template as `GET /{waba-id}/message_templates` returns it. */
export interface EmulatedTemplate {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  parameter_format?: 'POSITIONAL' | 'NAMED';
  components: Array<Record<string, unknown>>;
  quality_score?: { score: string };
  rejected_reason?: string;
}

export interface GraphEmulator {
  url: string;
  token: string;
  /** the WABA id the emulator serves templates for (Meta's documentation value) */
  wabaId: string;
  sent: EmulatedSend[];
  reads: EmulatedRead[];
  /** requests received per route: `messages` (sends and reads), `media` (metadata), `download`, `templates` */
  calls: Record<'messages' | 'media' | 'download' | 'templates', number>;
  /** status webhooks acknowledged by the receiver, in the order acknowledged */
  statusWebhooks: EmulatedStatusWebhook[];
  templates: EmulatedTemplate[];
  /** Start (or stop, with undefined) delivering status webhooks; pending ones go to the current target. */
  setStatusWebhook(target: StatusWebhookTarget | undefined): void;
  /** Media a customer sent: its id is valid 7 days from now (emulator time). */
  addMedia(id: string, bytes: Buffer, mimeType: string, options?: MediaOptions): void;
  /**
   * What Meta knows because it delivered an inbound webhook: each customer message opens (or renews) the
   * 24-hour window of its sender (wa_id and BSUID) and can be marked read. Takes a webhook body as posted.
   */
  observe(webhookBody: string | Buffer | Record<string, unknown>): void;
  /** A customer (wa_id digits or BSUID) wrote to the number at `at` (default now): opens the window. */
  customerWrote(phoneNumberId: string, customer: string, at?: number): void;
  /**
   * A customer wrote from a click-to-WhatsApp ad at `at` (default now), as a message with a `referral` does:
   * the number's first answer within 24 hours opens a 72-hour free-entry-point window.
   */
  customerCameFromAd(phoneNumberId: string, customer: string, at?: number): void;
  /** Messages to this customer are accepted, then fail asynchronously (a `failed` status, default 131026). */
  undeliverable(customer: string, code?: number): void;
  /** The token expires now: every call answers 190 (subcode 463) until a new emulator token is issued. */
  expireToken(): void;
  /** The next Graph call (send, read, media metadata or templates) fails with Meta's error `code`. */
  failNext(code: number, httpStatus?: number, headers?: Record<string, string>): void;
  /** Stops the server and every status webhook still being delivered. */
  close(): Promise<void>;
}

interface MediaEntry {
  bytes: Buffer;
  mimeType: string;
  sha256: string;
  addedAt: number;
}

/** A few templates of the kinds a sales team uses, in the statuses Meta reports. */
export const exampleTemplates: EmulatedTemplate[] = [
  {
    id: '1111111111111111',
    name: 'lead_follow_up',
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    parameter_format: 'POSITIONAL',
    components: [
      {
        type: 'BODY',
        text: 'Hi {{1}}, this is {{2}} about your {{3}} request. Is now a good time to talk?',
        example: { body_text: [['Ana', 'Sam', 'deep cleaning']] },
      },
      { type: 'FOOTER', text: 'Reply STOP to opt out' },
    ],
    quality_score: { score: 'GREEN' },
  },
  {
    id: '2222222222222222',
    name: 'quote_ready',
    language: 'en_US',
    status: 'APPROVED',
    category: 'MARKETING',
    parameter_format: 'NAMED',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Your quote' },
      {
        type: 'BODY',
        text: 'Hello {{customer_name}}, your quote for {{service}} is ready.',
        example: {
          body_text_named_params: [
            { param_name: 'customer_name', example: 'Ana' },
            { param_name: 'service', example: 'deep cleaning' },
          ],
        },
      },
    ],
    quality_score: { score: 'UNKNOWN' },
  },
  {
    id: '3333333333333333',
    name: 'seguimiento',
    language: 'es',
    status: 'PENDING',
    category: 'UTILITY',
    parameter_format: 'POSITIONAL',
    components: [{ type: 'BODY', text: 'Hola {{1}}, ¿seguimos con tu solicitud?' }],
  },
  {
    id: '4444444444444444',
    name: 'summer_sale',
    language: 'en_US',
    status: 'REJECTED',
    category: 'MARKETING',
    parameter_format: 'POSITIONAL',
    components: [{ type: 'BODY', text: 'Big summer sale!' }],
    rejected_reason: 'PROMOTIONAL',
  },
];

/** Meta's wording for the codes tests inject (from the error-codes page). */
const metaMessages: Record<number, string> = {
  0: 'AuthException',
  1: 'API Unknown',
  2: 'API Service',
  4: 'API Too Many Calls',
  190: 'Access token has expired',
  80007: 'Rate limit issues',
  130403: 'Recipient blocked',
  130429: 'Rate limit hit',
  131000: 'Something went wrong',
  131009: 'Parameter value is not valid',
  131016: 'Service unavailable',
  131026: 'Message Undeliverable',
  131031: 'Business Account locked',
  131047: 'Re-engagement message',
  131050: 'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages',
  131056: '(Business Account, Consumer Account) pair rate limit hit',
  131057: 'Account in maintenance mode',
  132000: 'Number of parameters does not match the expected number of params',
  132001: 'Template name does not exist in the translation',
  132012: 'Parameter format does not match format in the created template',
  132015: 'Template is Paused',
  132016: 'Template is Disabled',
};

function errorBody(code: number, message: string, details?: string): Record<string, unknown> {
  return {
    error: {
      message: `(#${code}) ${message}`,
      type: 'OAuthException',
      code,
      ...(details === undefined ? {} : { error_data: { messaging_product: 'whatsapp', details } }),
      fbtrace_id: randomBytes(9).toString('base64url'),
    },
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The first rule the body breaks, as Meta's error_data.details, or undefined when Meta would accept it. */
function invalidParameter(body: Record<string, unknown>): string | undefined {
  const tooLong = (v: unknown, max: number, name: string) => {
    const s = str(v);
    if (s === undefined || metaLength(s) === 0) return `${name} is required`;
    return metaLength(s) > max ? `${name} must be at most ${max} characters` : undefined;
  };
  const optionalLength = (v: unknown, max: number, name: string) =>
    v === undefined ? undefined : tooLong(v, max, name);
  if (body.messaging_product !== 'whatsapp') return 'messaging_product must be whatsapp';
  const callbackData = body.biz_opaque_callback_data;
  if (
    callbackData !== undefined &&
    (typeof callbackData !== 'string' || metaLength(callbackData) > metaRules.callbackDataMax)
  )
    return `biz_opaque_callback_data must be a string of at most ${metaRules.callbackDataMax} characters`;
  if (str(body.to) === undefined && str(body.recipient) === undefined) return 'to or recipient is required';
  if (body.type === 'text') {
    const text = body.text;
    return isRecord(text) ? tooLong(text.body, metaRules.text.bodyMax, 'text.body') : 'text is required';
  }
  if (body.type === 'template') return undefined; // checked against the WABA's templates
  if (body.type !== 'interactive') return `type ${String(body.type)} is not supported by the emulator`;
  const interactive = body.interactive;
  if (!isRecord(interactive) || !isRecord(interactive.action) || !isRecord(interactive.body))
    return 'interactive.body and interactive.action are required';
  const action = interactive.action;
  const headerAndFooter = (limits: { headerTextMax: number; footerMax: number }) => {
    const { header, footer } = interactive;
    if (header !== undefined) {
      if (!isRecord(header)) return 'interactive.header must be an object';
      if (header.type === 'text') {
        const p = tooLong(header.text, limits.headerTextMax, 'interactive.header.text');
        if (p) return p;
      }
    }
    if (footer !== undefined)
      return isRecord(footer)
        ? tooLong(footer.text, limits.footerMax, 'interactive.footer.text')
        : 'interactive.footer must be an object';
    return undefined;
  };
  if (interactive.type === 'button') {
    const rules = metaRules.replyButtons;
    const problem =
      tooLong(interactive.body.text, rules.bodyMax, 'interactive.body.text') ?? headerAndFooter(rules);
    if (problem) return problem;
    const buttons = action.buttons;
    if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > rules.buttonsMax)
      return `action.buttons must have 1 to ${rules.buttonsMax} items`;
    const titles = new Set<string>();
    const ids = new Set<string>();
    for (const b of buttons) {
      if (!isRecord(b) || b.type !== 'reply' || !isRecord(b.reply))
        return 'each button must be a reply button';
      const p =
        tooLong(b.reply.title, rules.titleMax, 'reply.title') ?? tooLong(b.reply.id, rules.idMax, 'reply.id');
      if (p) return p;
      titles.add(String(b.reply.title));
      ids.add(String(b.reply.id));
    }
    if (ids.size !== buttons.length) return 'button ids must be unique';
    return titles.size === buttons.length ? undefined : 'button titles must be unique';
  }
  if (interactive.type === 'list') {
    const rules = metaRules.list;
    if (
      interactive.header !== undefined &&
      (!isRecord(interactive.header) || interactive.header.type !== 'text')
    )
      return 'a list header must be of type text';
    const problem =
      tooLong(interactive.body.text, rules.bodyMax, 'interactive.body.text') ??
      headerAndFooter(rules) ??
      tooLong(action.button, rules.buttonMax, 'action.button');
    if (problem) return problem;
    const sections = action.sections;
    if (!Array.isArray(sections) || sections.length === 0 || sections.length > rules.sectionsMax)
      return `action.sections must have 1 to ${rules.sectionsMax} items`;
    let rows = 0;
    const ids = new Set<string>();
    for (const s of sections) {
      if (!isRecord(s) || !Array.isArray(s.rows) || s.rows.length === 0) return 'each section needs rows';
      const p = tooLong(s.title, rules.sectionTitleMax, 'section.title');
      if (p) return p;
      for (const r of s.rows) {
        rows++;
        if (!isRecord(r)) return 'each row must be an object';
        const q =
          tooLong(r.title, rules.rowTitleMax, 'row.title') ??
          tooLong(r.id, rules.rowIdMax, 'row.id') ??
          optionalLength(r.description, rules.rowDescriptionMax, 'row.description');
        if (q) return q;
        ids.add(String(r.id));
      }
    }
    if (ids.size !== rows) return 'row ids must be unique across sections';
    return rows <= rules.rowsMax ? undefined : `a list must have 1 to ${rules.rowsMax} rows in total`;
  }
  return `interactive.type ${String(interactive.type)} is not supported by the emulator`;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Meta retries an unanswered webhook with backoff for 7 days; the emulator compresses that to seconds. */
const STATUS_RETRY_FIRST_MS = 50;
const STATUS_RETRY_MAX_MS = 2_000;
const STATUS_POST_TIMEOUT_MS = 10_000;
/** Meta's documentation values for what the emulator cannot know. */
const DOC_WABA_ID = '102290129340398';
const DOC_DISPLAY_PHONE_NUMBER = '15550783881';

const placeholderPattern = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** The distinct placeholders of a template component's text, in order of first use. */
function placeholders(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return [...new Set([...text.matchAll(placeholderPattern)].map((m) => m[1]!))];
}

/**
 * Why Meta would refuse a template send (its error code and details), or undefined. Only APPROVED templates
 * are sendable; parameters must match the template's placeholders in number and format.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-management
 */
function templateProblem(
  body: Record<string, unknown>,
  templates: readonly EmulatedTemplate[],
): { code: number; details: string } | undefined {
  const template = body.template;
  if (!isRecord(template) || str(template.name) === undefined || !isRecord(template.language))
    return { code: 131009, details: 'template.name and template.language.code are required' };
  const code = str(template.language.code);
  const found = templates.find((t) => t.name === template.name && t.language === code);
  if (found === undefined)
    return { code: 132001, details: `template name (${String(template.name)}) does not exist in ${code}` };
  if (found.status === 'PAUSED') return { code: 132015, details: `template ${found.name} is paused` };
  if (found.status === 'DISABLED') return { code: 132016, details: `template ${found.name} is disabled` };
  if (found.status !== 'APPROVED')
    return { code: 132001, details: `template ${found.name} is ${found.status}, not APPROVED` };
  const given = Array.isArray(template.components) ? template.components : [];
  for (const part of ['HEADER', 'BODY'] as const) {
    const component = found.components.find((c) => c.type === part);
    const expected =
      component?.format === undefined || component.format === 'TEXT' ? placeholders(component?.text) : [];
    const sent = given.find((c) => isRecord(c) && String(c.type).toUpperCase() === part);
    const parameters = isRecord(sent) && Array.isArray(sent.parameters) ? sent.parameters : [];
    if (parameters.length !== expected.length)
      return {
        code: 132000,
        details: `${part.toLowerCase()}: expected number of params (${expected.length}) does not match received number of params (${parameters.length})`,
      };
    const named = found.parameter_format === 'NAMED';
    for (const parameter of parameters) {
      if (!isRecord(parameter) || parameter.type !== 'text' || str(parameter.text) === undefined)
        return { code: 131009, details: `${part.toLowerCase()}: each parameter needs type text and text` };
      if (metaLength(String(parameter.text)) === 0)
        return { code: 131009, details: `${part.toLowerCase()}: a parameter is empty` };
      const name = str(parameter.parameter_name);
      if (named !== (name !== undefined) || (named && !expected.includes(name!)))
        return {
          code: 132012,
          details: `${part.toLowerCase()}: parameter format does not match the template (${found.parameter_format ?? 'POSITIONAL'})`,
        };
    }
  }
  return undefined;
}

/** Digits of a phone number as Meta reads `to`: without a leading `+`, the business's country code comes first. */
function recipientDigits(to: string, businessCountryCode: string | undefined): string {
  const digits = to.replace(/\D/g, '');
  if (to.trim().startsWith('+') || businessCountryCode === undefined) return digits;
  return `${businessCountryCode}${digits}`;
}

/** A webhook POST body as Meta sends it: one entry, one change of `field` for a business number. */
export function webhookEnvelope(options: {
  phoneNumberId: string;
  displayPhoneNumber?: string;
  field: 'messages' | 'smb_message_echoes';
  value: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: DOC_WABA_ID,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: options.displayPhoneNumber ?? DOC_DISPLAY_PHONE_NUMBER,
                phone_number_id: options.phoneNumberId,
              },
              ...options.value,
            },
            field: options.field,
          },
        ],
      },
    ],
  };
}

/**
 * Meta signs "an escaped unicode version of the payload": non-ASCII as \uXXXX and `/` as `\/`.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/create-webhook-endpoint
 */
function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');
}

/**
 * One status webhook body in Meta's shape. Since v24.0 `conversation` is omitted (outside free-entry-point
 * windows); `pricing` comes with `sent` and `delivered`, never with `read` or `failed`. A reply inside the
 * customer-service window is free; a template is billed in its category. `failed` carries `errors[]`.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status
 */
function statusPayload(
  send: EmulatedSend,
  version: number,
  status: EmulatedStatus,
  seconds: number,
  extra: { category?: string; failure?: number; freeEntryUntil?: number } = {},
) {
  const to = str(send.body.to);
  const recipient = str(send.body.recipient);
  const callbackData = str(send.body.biz_opaque_callback_data);
  const item: Record<string, unknown> = { id: send.wamid, status, timestamp: String(seconds) };
  if (to !== undefined) item.recipient_id = send.recipient;
  else if (recipient?.includes('.ENT.')) item.recipient_parent_user_id = recipient;
  else if (recipient !== undefined) item.recipient_user_id = recipient;
  if (callbackData !== undefined) item.biz_opaque_callback_data = callbackData;
  const category = extra.category ?? 'service';
  if (status === 'failed') {
    const code = extra.failure ?? 131026;
    item.errors = [
      {
        code,
        title: metaMessages[code] ?? 'Message failed to send',
        message: metaMessages[code] ?? 'Message failed to send',
        error_data: { details: 'Message failed to send because the recipient cannot receive it.' },
        href: '/documentation/business-messaging/whatsapp/support/error-codes',
      },
    ];
  } else if (status !== 'read' && extra.freeEntryUntil !== undefined) {
    // Inside a free-entry-point window every version names the conversation and when the window ends.
    item.conversation = {
      id: createHash('md5')
        .update(`${send.phoneNumberId}:${send.recipient}:${extra.freeEntryUntil}`)
        .digest('hex'),
      ...(status === 'sent' ? { expiration_timestamp: String(Math.floor(extra.freeEntryUntil / 1000)) } : {}),
      origin: { type: 'referral_conversion' },
    };
    item.pricing = {
      billable: false,
      pricing_model: 'PMP',
      type: 'free_entry_point',
      category: 'referral_conversion',
    };
  } else if (status !== 'read') {
    if (version < 24)
      item.conversation = {
        id: createHash('md5').update(`${send.phoneNumberId}:${send.recipient}:${category}`).digest('hex'),
        ...(status === 'sent' ? { expiration_timestamp: String(seconds + 24 * 60 * 60) } : {}),
        origin: { type: category },
      };
    item.pricing =
      category === 'service'
        ? { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category }
        : { billable: true, pricing_model: 'PMP', type: 'regular', category };
  }
  return webhookEnvelope({
    phoneNumberId: send.phoneNumberId,
    field: 'messages',
    value: { statuses: [item] },
  });
}
export async function startGraphEmulator(options: GraphEmulatorOptions = {}): Promise<GraphEmulator> {
  const token = options.token ?? 'emulator-token';
  const clock = options.clock ?? Date.now;
  const latencyMs = options.latencyMs ?? 0;
  let tokenExpiresAt = options.tokenExpiresAt ?? Number.POSITIVE_INFINITY;
  const templates = (options.templates ?? exampleTemplates).map((t) => ({ ...t }));
  const media = new Map<string, MediaEntry>();
  /** download path token → media id and when the URL was issued */
  const issued = new Map<string, { mediaId: string; issuedAt: number }>();
  const faults: Array<{ code: number; httpStatus: number; headers: Record<string, string> }> = [];
  const sent: EmulatedSend[] = [];
  const reads: EmulatedRead[] = [];
  const calls = { messages: 0, media: 0, download: 0, templates: 0 };
  const statusWebhooks: EmulatedStatusWebhook[] = [];
  /** `<phoneNumberId>:<customer>` → when the customer last wrote */
  const lastInbound = new Map<string, number>();
  /** `<phoneNumberId>:<wamid>` of messages the number received (mark-read accepts only these) */
  const received = new Set<string>();
  /** `<phoneNumberId>:<customer>` → when the pair's borrowed quota is paid back */
  const pairFreeAt = new Map<string, number>();
  const failing = new Map<string, number>();
  let statusTarget = options.statusWebhook;
  const stopping = new AbortController();
  const deliveries = new Set<Promise<void>>();
  let baseUrl = '';

  // A number's display number does not change: parsed once, not on every send.
  const countryCodes = new Map<string, string | undefined>();
  const countryCodeOf = (phoneNumberId: string) => {
    if (countryCodes.has(phoneNumberId)) return countryCodes.get(phoneNumberId);
    const display = options.displayNumbers?.[phoneNumberId] ?? DOC_DISPLAY_PHONE_NUMBER;
    const code = parsePhoneNumberFromString(`+${display.replace(/\D/g, '')}`)?.countryCallingCode;
    countryCodes.set(phoneNumberId, code);
    return code;
  };
  const customerWrote = (phoneNumberId: string, customer: string, at = clock()) => {
    const key = `${phoneNumberId}:${customer}`;
    lastInbound.set(key, Math.max(at, lastInbound.get(key) ?? 0));
  };
  /** per pair: when the customer wrote from an ad, and when the free-entry-point window it opened ends */
  const fromAd = new Map<string, number>();
  const freeEntryUntil = new Map<string, number>();
  const customerCameFromAd = (phoneNumberId: string, customer: string, at = clock()) => {
    customerWrote(phoneNumberId, customer, at);
    fromAd.set(`${phoneNumberId}:${customer}`, at);
  };
  /** The free-entry-point window a send to the pair falls in (opening it with this send), or undefined. */
  const freeEntryWindow = (pair: string, now: number): number | undefined => {
    const open = freeEntryUntil.get(pair);
    if (open !== undefined && now < open) return open;
    const adAt = fromAd.get(pair);
    if (adAt === undefined || now - adAt > metaRules.customerServiceWindowMs) return undefined;
    fromAd.delete(pair);
    const until = now + metaRules.freeEntryPointWindowMs;
    freeEntryUntil.set(pair, until);
    return until;
  };

  /** POSTs one status until the current target answers 200 (retrying with backoff); false when stopped. */
  const deliverStatus = async (send: EmulatedSend, payload: string, status: EmulatedStatus) => {
    for (let attempt = 1; ; attempt++) {
      const target = statusTarget;
      if (target === undefined || stopping.signal.aborted) return false;
      const answered = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signBody(payload, target.appSecret),
        },
        body: payload,
        signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(STATUS_POST_TIMEOUT_MS)]),
      }).then(
        async (res) => {
          await res.body?.cancel();
          return res.status;
        },
        () => 0,
      );
      // Meta's text says 200, not "any 2xx".
      if (answered === 200) {
        statusWebhooks.push({ wamid: send.wamid, status, attempts: attempt, at: clock() });
        return true;
      }
      const waitMs = Math.min(STATUS_RETRY_MAX_MS, STATUS_RETRY_FIRST_MS * 2 ** (attempt - 1));
      await sleep(waitMs, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  };
  /** After an accepted send, in the background like Meta: `sent`, `delivered` (and `read`), or `failed`. */
  const deliverStatuses = (
    send: EmulatedSend,
    version: number,
    category: string | undefined,
    freeEntryUntil: number | undefined,
  ) => {
    if (statusTarget === undefined) return;
    const failure = failing.get(send.recipient);
    const sequence: EmulatedStatus[] =
      failure !== undefined
        ? ['failed']
        : options.readReceipts
          ? ['sent', 'delivered', 'read']
          : ['sent', 'delivered'];
    const task = (async () => {
      for (const status of sequence) {
        const payload = metaJson(
          statusPayload(send, version, status, Math.floor(clock() / 1000), {
            ...(category === undefined ? {} : { category }),
            ...(failure === undefined ? {} : { failure }),
            ...(freeEntryUntil === undefined ? {} : { freeEntryUntil }),
          }),
        );
        if (!(await deliverStatus(send, payload, status))) return;
      }
    })();
    deliveries.add(task);
    void task.finally(() => deliveries.delete(task));
  };

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  /** The bearer check: true when the call may go on, else answered (401, 190) and false. */
  const authorized = (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      json(res, 401, errorBody(190, 'Invalid OAuth access token - Cannot parse access token'));
      return false;
    }
    if (clock() >= tokenExpiresAt) {
      const body = errorBody(190, 'Error validating access token: Session has expired');
      (body.error as Record<string, unknown>).error_subcode = 463;
      json(res, 401, body);
      return false;
    }
    return true;
  };
  /** An injected fault, answered instead of the real thing; true when one was answered. */
  const fault = (res: ServerResponse) => {
    const next = faults.shift();
    if (next === undefined) return false;
    json(
      res,
      next.httpStatus,
      errorBody(next.code, metaMessages[next.code] ?? 'Injected error', 'injected fault'),
      next.headers,
    );
    return true;
  };
  const refuse = (res: ServerResponse, code: number, details: string) =>
    json(res, 400, errorBody(code, metaMessages[code] ?? 'Invalid parameter', details));

  const handleMessages = async (
    req: IncomingMessage,
    res: ServerResponse,
    version: number,
    phoneNumberId: string,
  ) => {
    const body = await readBody(req);
    if (fault(res)) return;
    if (!isRecord(body)) return refuse(res, 100, 'the body is not JSON');
    if (body.status === 'read') {
      const messageId = str(body.message_id);
      if (body.messaging_product !== 'whatsapp' || messageId === undefined)
        return refuse(res, 131009, 'message_id is required');
      // Meta marks only messages this number received; any other id is an invalid parameter.
      if (!received.has(`${phoneNumberId}:${messageId}`))
        return refuse(res, 100, `message_id ${messageId} is not a message this number received`);
      const typing = isRecord(body.typing_indicator) && body.typing_indicator.type === 'text';
      reads.push({ phoneNumberId, messageId, typing, at: clock() });
      return json(res, 200, { success: true });
    }
    const problem = invalidParameter(body);
    if (problem !== undefined) return refuse(res, 131009, problem);
    const to = str(body.to);
    const recipient =
      to === undefined ? str(body.recipient)! : recipientDigits(to, countryCodeOf(phoneNumberId));
    let category: string | undefined;
    if (body.type === 'template') {
      const refused = templateProblem(body, templates);
      if (refused !== undefined) return refuse(res, refused.code, refused.details);
      const template = body.template as Record<string, unknown>;
      category = templates
        .find(
          (t) =>
            t.name === template.name && t.language === (template.language as Record<string, unknown>).code,
        )
        ?.category.toLowerCase();
    }
    const freeEntry = freeEntryWindow(`${phoneNumberId}:${recipient}`, clock());
    if (body.type !== 'template' && freeEntry === undefined) {
      // Free-form messages only inside the customer-service window (or a free-entry-point window).
      const wrote = lastInbound.get(`${phoneNumberId}:${recipient}`);
      if (wrote === undefined || clock() - wrote > metaRules.customerServiceWindowMs)
        return refuse(
          res,
          131047,
          'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
        );
    }
    // Pair rate: each message borrows 6 s; more than a burst ahead of the clock is refused.
    const pair = `${phoneNumberId}:${recipient}`;
    const freeAt = Math.max(clock(), pairFreeAt.get(pair) ?? 0) + metaRules.pairIntervalMs;
    if (freeAt - clock() > metaRules.pairIntervalMs * metaRules.pairBurst)
      return refuse(
        res,
        131056,
        'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
      );
    pairFreeAt.set(pair, freeAt);
    const wamid = `wamid.${randomBytes(24).toString('base64url')}`;
    const accepted: EmulatedSend = { phoneNumberId, body, recipient, wamid, at: clock() };
    sent.push(accepted);
    deliverStatuses(accepted, version, category, freeEntry);
    const contact =
      to === undefined ? { input: recipient, user_id: recipient } : { input: to, wa_id: recipient };
    return json(res, 200, { messaging_product: 'whatsapp', contacts: [contact], messages: [{ id: wamid }] });
  };

  const handleTemplates = (res: ServerResponse, url: URL, wabaId: string) => {
    if (fault(res)) return;
    if (wabaId !== DOC_WABA_ID)
      return json(res, 400, {
        error: {
          message: `Unsupported get request. Object with ID '${wabaId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
          type: 'GraphMethodException',
          code: 100,
          fbtrace_id: randomBytes(9).toString('base64url'),
        },
      });
    const filters = ['name', 'status', 'category', 'language'] as const;
    const matching = templates.filter((t) =>
      filters.every((f) => {
        const wanted = url.searchParams.get(f);
        return wanted === null || String(t[f]).toLowerCase() === wanted.toLowerCase();
      }),
    );
    const limit = Math.max(1, Math.min(100, Number(url.searchParams.get('limit') ?? 25) || 25));
    const after = url.searchParams.get('after');
    const start = after === null ? 0 : Number(Buffer.from(after, 'base64url').toString()) || 0;
    const page = matching.slice(start, start + limit);
    const fields = url.searchParams
      .get('fields')
      ?.split(',')
      .map((f) => f.trim());
    const data = page.map((t) =>
      fields === undefined
        ? { name: t.name, language: t.language, status: t.status, category: t.category, id: t.id }
        : Object.fromEntries([
            ['id', t.id],
            ...fields.filter((f) => f in t).map((f) => [f, t[f as keyof EmulatedTemplate]]),
          ]),
    );
    const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
    const paging: Record<string, unknown> = {
      cursors: { before: cursor(start), after: cursor(start + page.length) },
    };
    if (start + page.length < matching.length) {
      const next = new URL(url.toString());
      next.searchParams.set('after', cursor(start + page.length));
      paging.next = `${baseUrl}${next.pathname}${next.search}`;
    }
    return json(res, 200, { data, paging });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const url = new URL(req.url ?? '/', 'http://emulator');
    const parts = url.pathname.split('/').filter(Boolean);

    if (req.method === 'GET' && parts[0] === 'media-download' && parts.length === 2) {
      calls.download++;
      if (!authorized(req, res)) return;
      const entry = issued.get(parts[1]!);
      const item = entry === undefined ? undefined : media.get(entry.mediaId);
      if (entry === undefined || item === undefined || clock() - entry.issuedAt > metaRules.mediaUrlTtlMs) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('Not Found');
      }
      res.writeHead(200, { 'content-type': item.mimeType, 'content-length': String(item.bytes.length) });
      return res.end(item.bytes);
    }

    const version = /^v\d+\.\d+$/.test(parts[0] ?? '') ? Number.parseFloat(parts[0]!.slice(1)) : undefined;
    if (req.method === 'POST' && version !== undefined && parts.length === 3 && parts[2] === 'messages') {
      calls.messages++;
      if (!authorized(req, res)) return;
      return handleMessages(req, res, version, parts[1]!);
    }

    if (
      req.method === 'GET' &&
      version !== undefined &&
      parts.length === 3 &&
      parts[2] === 'message_templates'
    ) {
      calls.templates++;
      if (!authorized(req, res)) return;
      return handleTemplates(res, url, parts[1]!);
    }

    if (req.method === 'GET' && version !== undefined && parts.length === 2) {
      calls.media++;
      if (!authorized(req, res)) return;
      if (fault(res)) return;
      const mediaId = parts[1]!;
      const item = media.get(mediaId);
      if (item === undefined || clock() - item.addedAt > metaRules.mediaIdTtlMs)
        return json(res, 400, {
          error: {
            message: `Unsupported get request. Object with ID '${mediaId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
            type: 'GraphMethodException',
            code: 100,
            // Graph API v16.0 and later no longer return error_subcode.
            ...(version <= metaRules.lastVersionWithSubcode ? { error_subcode: 33 } : {}),
            fbtrace_id: randomBytes(9).toString('base64url'),
          },
        });
      const pathToken = randomBytes(12).toString('hex');
      issued.set(pathToken, { mediaId, issuedAt: clock() });
      return json(res, 200, {
        messaging_product: 'whatsapp',
        url: `${baseUrl}/media-download/${pathToken}`,
        mime_type: item.mimeType,
        sha256: item.sha256,
        file_size: item.bytes.length,
        id: mediaId,
      });
    }

    json(res, 400, errorBody(100, 'Unknown path components', `${req.method} ${url.pathname}`));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, errorBody(1, 'API Unknown', String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    token,
    wabaId: DOC_WABA_ID,
    sent,
    reads,
    calls,
    statusWebhooks,
    templates,
    setStatusWebhook(target) {
      statusTarget = target;
    },
    addMedia(id, bytes, mimeType, mediaOptions = {}) {
      const digest = createHash('sha256').update(bytes).digest();
      const sha256 = mediaOptions.sha256 ?? digest.toString(mediaOptions.sha256Encoding ?? 'hex');
      media.set(id, { bytes, mimeType, sha256, addedAt: clock() });
    },
    observe(webhookBody) {
      let parsed: unknown = webhookBody;
      if (typeof webhookBody === 'string' || Buffer.isBuffer(webhookBody)) {
        try {
          parsed = JSON.parse(webhookBody.toString());
        } catch {
          return; // not a delivery Meta would make
        }
      }
      if (!isRecord(parsed) || !Array.isArray(parsed.entry)) return;
      for (const entry of parsed.entry) {
        if (!isRecord(entry) || !Array.isArray(entry.changes)) continue;
        for (const change of entry.changes) {
          if (!isRecord(change) || change.field !== 'messages' || !isRecord(change.value)) continue;
          const value = change.value;
          const phoneNumberId = isRecord(value.metadata) ? str(value.metadata.phone_number_id) : undefined;
          if (phoneNumberId === undefined || !Array.isArray(value.messages)) continue;
          for (const message of value.messages) {
            if (!isRecord(message)) continue;
            const id = str(message.id);
            if (id !== undefined) received.add(`${phoneNumberId}:${id}`);
            // Meta delivers the webhook as the customer writes: the window opens now (emulator time).
            const wrote = isRecord(message.referral) ? customerCameFromAd : customerWrote;
            for (const customer of [message.from, message.from_user_id, message.from_parent_user_id])
              if (typeof customer === 'string') wrote(phoneNumberId, customer);
          }
        }
      }
    },
    customerWrote,
    customerCameFromAd,
    undeliverable(customer, code = 131026) {
      failing.set(customer, code);
    },
    expireToken() {
      tokenExpiresAt = clock();
    },
    failNext(code, httpStatus, headers = {}) {
      faults.push({ code, httpStatus: httpStatus ?? (code === 190 || code === 0 ? 401 : 400), headers });
    },
    async close() {
      stopping.abort();
      await Promise.allSettled(deliveries);
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
