// GraphMessenger: the Messenger port over Meta's WhatsApp Cloud API (Graph API). It builds Meta's JSON,
// refuses messages that break Meta's limits before any HTTP call, makes sends idempotent through a
// durable sent-log (closing the crash window with a send intent and the status webhooks Meta echoes our
// marker in), and downloads media the two-step way Meta requires.
// https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/send-messages
import { createHash, randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  DownloadedMedia,
  InboundEvent,
  MessageTemplate,
  Messenger,
  OutboundButtons,
  OutboundList,
  OutboundMessage,
  OutboundTemplate,
  Store,
} from '@leadwire/connector-core';
import { isLeadwireError, LeadwireError } from '@leadwire/connector-core';
import { z } from 'zod';
import { parseGraphError } from './graph-error.ts';
import { charCount, graphLimits } from './graph-limits.ts';
import { memoryPairRefusals, type PairRefusals } from './pair-refusals.ts';

/** A send about to be POSTed under a key: recorded first, so a retry knows Meta may already have it. */
export interface SendIntent {
  /** when the send was first attempted, ms since the epoch */
  at: number;
  /** names the attempt that recorded it */
  attempt: string;
}

/** Where sent messages are remembered by idempotency key. Must be durable for the guarantee to hold. */
export interface SentLog {
  get(key: string): Promise<string | undefined>;
  put(key: string, wamid: string): Promise<void>;
  /** Set-if-absent, before the POST: the intent recorded first (`intent` itself when there was none). */
  intend(key: string, intent: SendIntent): Promise<SendIntent>;
  /**
   * The wamid a status webhook reported for the send that carried `callbackData` from this number (the
   * ingester stores it with the delivery: {@link sendReportsOf}).
   */
  reported(phoneNumberId: string, callbackData: string): Promise<string | undefined>;
}

/**
 * Marks the `biz_opaque_callback_data` of Leadwire's own sends. Meta echoes the field in the message's
 * status webhooks (sent/delivered/read); it allows 512 characters, and every app subscribed to the WABA
 * receives it, so the key goes in hashed: fixed length, and no conversation id (the customer's number)
 * handed to other apps.
 * https://developers.facebook.com/docs/whatsapp/business-platform/changelog (limit raised from 256 to 512)
 */
const CALLBACK_MARKER = 'leadwire-send:v1:';

/** The `biz_opaque_callback_data` a send under `key` carries (60 characters). */
export function sendCallbackData(key: string): string {
  return CALLBACK_MARKER + createHash('sha256').update(key).digest('base64url');
}

/**
 * Status webhooks of Leadwire's own sends carry {@link sendCallbackData}: the wamid they report, as step
 * results the ingester stores with the delivery (`Delivery.stepResults`, in the same write as its events), so
 * a send retried after its process died between Meta's answer and the sent-log write finds it instead of
 * sending twice. A status stating a free-entry-point window keeps its end under the message's wamid
 * ({@link statedWindow}). Events must come from a delivery already checked for tenant ownership
 * (`buildDelivery`); other statuses cost nothing.
 */
export function sendReportsOf(
  events: ReadonlyArray<{ event: InboundEvent }>,
): Array<{ key: string; value: string }> {
  const reports: Array<{ key: string; value: string }> = [];
  for (const { event } of events) {
    if (event.kind !== 'status') continue;
    const window = statedWindowOf(event);
    if (window !== undefined)
      reports.push({ key: windowReportKey(event.phoneNumberId, event.id), value: window });
    if (!event.bizOpaqueCallbackData?.startsWith(CALLBACK_MARKER)) continue;
    reports.push({ key: sendReportKey(event.phoneNumberId, event.bizOpaqueCallbackData), value: event.id });
  }
  return reports;
}

/**
 * When a free-entry-point window ends, as a status of the message states it (a customer who came from a
 * click-to-WhatsApp ad or a Page button, answered within 24 hours: any message for 72 hours). Since v24.0 Meta
 * sends `conversation` only inside such windows; before, every status named its billed conversation, whose
 * expiry is not the customer-service window, so only a free-entry-point origin or pricing type counts.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/pricing#free-entry-point-conversations
 */
function statedWindowOf(event: Extract<InboundEvent, { kind: 'status' }>): string | undefined {
  const expiresAt = event.conversation?.expiresAt;
  if (expiresAt === undefined) return undefined;
  const freeEntryPoint =
    event.pricing?.type === 'free_entry_point' ||
    ['free_entry_point', 'referral_conversion'].includes(event.conversation?.originType ?? '') ||
    event.pricing?.category === 'referral_conversion';
  return freeEntryPoint ? expiresAt : undefined;
}

function windowReportKey(phoneNumberId: string, wamid: string): string {
  return `whatsapp-window:${phoneNumberId}:${wamid}`;
}

/** The window a status of the message `wamid` stated (see {@link sendReportsOf}), or undefined. */
export async function statedWindow(
  store: Pick<Store, 'getStepResult'>,
  phoneNumberId: string,
  wamid: string,
): Promise<string | undefined> {
  const value = await store.getStepResult(windowReportKey(phoneNumberId, wamid));
  return typeof value === 'string' ? value : undefined;
}

/** Scoped by number, so one tenant's webhooks cannot fill another tenant's sends. */
function sendReportKey(phoneNumberId: string, callbackData: string): string {
  return `whatsapp-sent-reported:${phoneNumberId}:${callbackData}`;
}

export interface GraphMessengerOptions {
  /** Graph API origin. Default `https://graph.facebook.com`. */
  baseUrl?: string;
  /** Graph API version, from config. Default `v25.0`. */
  version?: string;
  /** The access token (system-user token) for a business phone number. */
  tokenFor(phoneNumberId: string): string | Promise<string>;
  sentLog: SentLog;
  /** makes every call through it (tests); default: Graph API calls over node:http(s), media downloads by fetch */
  fetch?: typeof fetch;
  /** Largest media file downloaded. Default 16 MB (Meta's audio limit). */
  maxMediaBytes?: number;
  /** Per-request timeout; a timeout counts as TEMPORARY. Default 30 000 ms. */
  requestTimeoutMs?: number;
  /**
   * How long a retried send (an intent recorded, no wamid) waits for a status webhook to report the first
   * attempt's wamid before sending again. Meta sends `sent` within about a second; keep it well under the
   * turn lease (`turns.leaseMs`). Default 5 000 ms.
   */
  reconcileWindowMs?: number;
  /**
   * Called once when a number is paused: Meta refused the token, a permission, or the whole account (see
   * graph-error.ts). While paused, calls for the number fail at once without reaching Meta, except one probe
   * every `pauseProbeMs`; a new token or a successful probe lifts the pause.
   */
  onPaused?: (phoneNumberId: string, error: LeadwireError) => void;
  /** How often a paused number lets one call through to see whether Meta accepts it again. Default 10 min. */
  pauseProbeMs?: number;
  /**
   * The pair-rate refusals in a row (131056), shared by every process that sends for the numbers (Redis in
   * scale-out). @defaultValue this process's own count
   */
  pairRefusals?: PairRefusals;
}

interface Pause {
  error: LeadwireError;
  since: number;
  /** sha256 of the token that was refused: another token lifts the pause */
  token: string;
  lastProbe: number;
}

const DEFAULT_MAX_MEDIA_BYTES = 16 * 1024 * 1024;
const DEFAULT_RECONCILE_WINDOW_MS = 5_000;
const DEFAULT_PAUSE_PROBE_MS = 10 * 60_000;
const RECONCILE_POLL_MS = 100;

const sendResponse = z.object({
  messages: z.array(z.object({ id: z.string().min(1) })).min(1),
});

const mediaMetadata = z.object({
  url: z.string().url(),
  mime_type: z.string(),
  sha256: z.string().optional(),
  file_size: z.coerce.number().optional(),
  id: z.string(),
});

const sendIntent = z.object({ at: z.number(), attempt: z.string() });

/**
 * A sent-log on the Store's step results (set-if-absent, durable): `whatsapp-sent:<key>` → wamid,
 * `whatsapp-send-intent:<key>` → intent, and `whatsapp-sent-reported:<phoneNumberId>:<callbackData>` → wamid
 * from status webhooks ({@link sendReportsOf}).
 */
export function storeSentLog(store: Pick<Store, 'getStepResult' | 'putStepResult'>): SentLog {
  const sentKey = (key: string) => `whatsapp-sent:${key}`;
  const wamidOf = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    get: async (key) => wamidOf(await store.getStepResult(sentKey(key))),
    async put(key, wamid) {
      await store.putStepResult(sentKey(key), wamid);
    },
    async intend(key, intent) {
      const stored = sendIntent.safeParse(await store.putStepResult(`whatsapp-send-intent:${key}`, intent));
      return stored.success ? stored.data : intent;
    },
    reported: async (phoneNumberId, callbackData) =>
      wamidOf(await store.getStepResult(sendReportKey(phoneNumberId, callbackData))),
  };
}

function refuse(message: string, field: string): never {
  throw new LeadwireError('VALIDATION', `WhatsApp message refused before sending: ${message}`, {
    details: { reason: 'limit', field },
  });
}

function checkLength(text: string, max: number, field: string, min = 1): void {
  const n = charCount(text);
  if (n < min) refuse(`${field} is empty`, field);
  if (n > max) refuse(`${field} has ${n} characters, WhatsApp allows at most ${max}`, field);
}

function checkButtons(message: OutboundButtons): void {
  checkLength(message.body, graphLimits.buttonsBodyChars, 'body');
  const { buttons } = message;
  if (buttons.length === 0) refuse('a button message needs at least one button', 'buttons');
  if (buttons.length > graphLimits.buttonsMax)
    refuse(`${buttons.length} buttons, WhatsApp allows at most ${graphLimits.buttonsMax}`, 'buttons');
  buttons.forEach((b, i) => {
    checkLength(b.title, graphLimits.buttonTitleChars, `buttons[${i}].title`);
    checkLength(b.id, graphLimits.buttonIdChars, `buttons[${i}].id`);
  });
  if (new Set(buttons.map((b) => b.title)).size !== buttons.length)
    refuse('button titles must be unique', 'buttons');
  if (new Set(buttons.map((b) => b.id)).size !== buttons.length)
    refuse('button ids must be unique', 'buttons');
}

function checkList(message: OutboundList): void {
  checkLength(message.body, graphLimits.listBodyChars, 'body');
  checkLength(message.button, graphLimits.listButtonChars, 'button');
  checkLength(message.sectionTitle ?? message.button, graphLimits.listSectionTitleChars, 'sectionTitle');
  const { rows } = message;
  if (rows.length === 0) refuse('a list message needs at least one row', 'rows');
  if (rows.length > graphLimits.listRowsMax)
    refuse(`${rows.length} rows, WhatsApp allows at most ${graphLimits.listRowsMax}`, 'rows');
  rows.forEach((r, i) => {
    checkLength(r.title, graphLimits.listRowTitleChars, `rows[${i}].title`);
    checkLength(r.id, graphLimits.listRowIdChars, `rows[${i}].id`);
    if (r.description !== undefined)
      checkLength(r.description, graphLimits.listRowDescriptionChars, `rows[${i}].description`, 0);
  });
  if (new Set(rows.map((r) => r.id)).size !== rows.length) refuse('row ids must be unique', 'rows');
}

function templateParameters(parameters: OutboundTemplate['body']): Array<Record<string, unknown>> {
  return (parameters ?? []).map((p) => {
    checkLength(p.text, graphLimits.textBodyChars, 'template parameter');
    return p.name === undefined
      ? { type: 'text', text: p.text }
      : { type: 'text', parameter_name: p.name, text: p.text };
  });
}

/** Meta's `template` object for a template send (header and body text parameters). */
function templateObject(message: OutboundTemplate): Record<string, unknown> {
  checkLength(message.name, 512, 'template name');
  const components: Array<Record<string, unknown>> = [];
  if (message.header !== undefined && message.header.length > 0)
    components.push({ type: 'header', parameters: templateParameters(message.header) });
  if (message.body !== undefined && message.body.length > 0)
    components.push({ type: 'body', parameters: templateParameters(message.body) });
  return {
    name: message.name,
    language: { code: message.language },
    ...(components.length > 0 ? { components } : {}),
  };
}

/** Meta's JSON for one outbound message. Throws VALIDATION when it breaks Meta's limits. */
export function buildMessageBody(
  to: { phone?: string; userId?: string },
  message: OutboundMessage,
): Record<string, unknown> {
  // `to` wins over `recipient` when both are set; BSUIDs go in `recipient`.
  // https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids
  // E.164 with `+`: Meta reads a number without it as local to the business number's country and
  // prepends that country code (a wrong number for every customer abroad).
  // https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/phone-number-formats
  let address: Record<string, string>;
  const digits = to.phone?.replace(/\D/g, '') ?? '';
  if (digits !== '') address = { to: `+${digits}` };
  else if (to.userId !== undefined && to.userId !== '') address = { recipient: to.userId };
  else return refuse('the recipient has neither a phone number nor a BSUID', 'to');
  const head = { messaging_product: 'whatsapp', recipient_type: 'individual', ...address };
  switch (message.kind) {
    case 'text':
      checkLength(message.body, graphLimits.textBodyChars, 'body');
      return { ...head, type: 'text', text: { body: message.body, preview_url: false } };
    case 'template':
      return { ...head, type: 'template', template: templateObject(message) };
    case 'buttons':
      checkButtons(message);
      return {
        ...head,
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: message.body },
          action: {
            buttons: message.buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })),
          },
        },
      };
    case 'list':
      checkList(message);
      return {
        ...head,
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text: message.body },
          action: {
            button: message.button,
            sections: [
              {
                title: message.sectionTitle ?? message.button,
                rows: message.rows.map((r) =>
                  r.description === undefined
                    ? { id: r.id, title: r.title }
                    : { id: r.id, title: r.title, description: r.description },
                ),
              },
            ],
          },
        },
      };
  }
}

/** Meta gives sha256 as hex (media endpoint) or base64 (webhooks); compare in whichever form it came. */
function sha256Matches(expected: string, bytes: Buffer): boolean {
  const digest = createHash('sha256').update(bytes).digest();
  const trimmed = expected.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return trimmed.toLowerCase() === digest.toString('hex');
  const normalized = trimmed.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  return normalized === digest.toString('base64').replace(/=+$/, '');
}

export class GraphMessenger implements Messenger {
  readonly #baseUrl: string;
  readonly #version: string;
  readonly #tokenFor: GraphMessengerOptions['tokenFor'];
  readonly #sentLog: SentLog;
  readonly #fetch: typeof fetch | undefined;
  readonly #maxMediaBytes: number;
  readonly #timeoutMs: number;
  readonly #reconcileWindowMs: number;
  readonly #onPaused: GraphMessengerOptions['onPaused'];
  readonly #pauseProbeMs: number;
  readonly #paused = new Map<string, Pause>();
  readonly #pairRefusals: PairRefusals;

  constructor(options: GraphMessengerOptions) {
    this.#baseUrl = (options.baseUrl ?? 'https://graph.facebook.com').replace(/\/+$/, '');
    this.#version = options.version ?? 'v25.0';
    this.#tokenFor = options.tokenFor;
    this.#sentLog = options.sentLog;
    this.#fetch = options.fetch;
    this.#maxMediaBytes = options.maxMediaBytes ?? DEFAULT_MAX_MEDIA_BYTES;
    this.#timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.#reconcileWindowMs = Math.max(0, options.reconcileWindowMs ?? DEFAULT_RECONCILE_WINDOW_MS);
    this.#onPaused = options.onPaused;
    this.#pauseProbeMs = options.pauseProbeMs ?? DEFAULT_PAUSE_PROBE_MS;
    this.#pairRefusals = options.pairRefusals ?? memoryPairRefusals();
  }

  /** Why the number is paused (the error Meta gave), or undefined when it is not. */
  pausedBecause(phoneNumberId: string): LeadwireError | undefined {
    return this.#paused.get(phoneNumberId)?.error;
  }

  /**
   * Sends once per `key`: a key already in the sent-log returns its wamid without sending. Before the POST
   * the send records an intent and tags the message with {@link sendCallbackData}; Meta echoes the tag in
   * the message's status webhooks, which fill the log ({@link sendReportsOf}). So when a process dies
   * after Meta accepted the POST and before the sent-log write, the retry finds the intent, waits up to
   * `reconcileWindowMs` for the status to report the wamid, and returns it without sending. Nothing
   * reported in that window means Meta most likely never got the message: it is sent (at-least-once; a
   * status held up longer than the window, e.g. the gateway down, still lets a duplicate through).
   * Meta's send API takes no idempotency key. Two concurrent sends with one key can both go out;
   * callers serialize per conversation (the turn lease).
   */
  async send(
    phoneNumberId: string,
    to: { phone?: string; userId?: string },
    message: OutboundMessage,
    key: string,
  ): Promise<string> {
    const body = buildMessageBody(to, message);
    const already = await this.#sentLog.get(key);
    if (already !== undefined) return already;
    const callbackData = sendCallbackData(key);
    const intent = { at: Date.now(), attempt: randomUUID() };
    const first = await this.#sentLog.intend(key, intent);
    if (first.attempt !== intent.attempt) {
      const reported = await this.#awaitReport(phoneNumberId, key, callbackData);
      if (reported !== undefined) {
        await this.#sentLog.put(key, reported);
        return reported;
      }
    }
    const pair = `${phoneNumberId}:${String(body.to ?? body.recipient)}`;
    const json = await this.#graphJson(phoneNumberId, `/${encodeURIComponent(phoneNumberId)}/messages`, {
      method: 'POST',
      body: { ...body, biz_opaque_callback_data: callbackData },
    }).catch(async (error: unknown) => {
      throw await this.#pairBackoff(pair, error);
    });
    await this.#pairRefusals.cleared(pair).catch(() => undefined);
    const parsed = sendResponse.safeParse(json);
    if (!parsed.success)
      throw new LeadwireError('TEMPORARY', 'WhatsApp accepted a send but its answer had no message id', {
        details: { reason: 'unexpected_response', phoneNumberId },
      });
    const wamid = parsed.data.messages[0]!.id;
    await this.#sentLog.put(key, wamid);
    return wamid;
  }

  /**
   * Meta's pair rate limit (131056) asks for a retry after 4^X seconds, X counting the refusals in a row:
   * 1 s, 4 s, 16 s, 64 s… The count is shared by every process sending to the pair; a success resets it.
   * https://developers.facebook.com/documentation/business-messaging/whatsapp/about-the-platform#rate-limits
   */
  async #pairBackoff(pair: string, error: unknown): Promise<unknown> {
    if (!isLeadwireError(error) || error.details?.metaCode !== 131056) return error;
    // Unable to count (Redis down): the shortest wait, and the queue's own backoff grows from there.
    const x = await this.#pairRefusals.refused(pair).catch(() => 0);
    return new LeadwireError(error.code, error.message, {
      cause: error,
      retryAfterMs: 4 ** x * 1000,
      details: { ...error.details, pairRefusals: x + 1 },
    });
  }

  /** The wamid an earlier attempt got, from the log or a status webhook, polled until the window closes. */
  async #awaitReport(phoneNumberId: string, key: string, callbackData: string): Promise<string | undefined> {
    const deadline = Date.now() + this.#reconcileWindowMs;
    for (;;) {
      const wamid =
        (await this.#sentLog.get(key)) ?? (await this.#sentLog.reported(phoneNumberId, callbackData));
      if (wamid !== undefined) return wamid;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await sleep(Math.min(RECONCILE_POLL_MS, left));
    }
  }

  /**
   * Marks `wamid` (and earlier messages in the thread) as read; `typing` also shows the typing indicator,
   * which WhatsApp dismisses on the next reply or after 25 s, so only ask for it before replying.
   * https://developers.facebook.com/documentation/business-messaging/whatsapp/typing-indicators
   */
  async markRead(phoneNumberId: string, wamid: string, typing = false): Promise<void> {
    const body: Record<string, unknown> = {
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: wamid,
    };
    if (typing) body.typing_indicator = { type: 'text' };
    await this.#graphJson(phoneNumberId, `/${encodeURIComponent(phoneNumberId)}/messages`, {
      method: 'POST',
      body,
    });
  }

  /**
   * Media in two steps: the metadata (a URL valid 5 minutes), then the bytes from that URL with the same
   * bearer token. A 404 on the bytes means the URL expired: fetch a fresh one once and retry.
   * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media
   */
  async downloadMedia(phoneNumberId: string, mediaId: string): Promise<DownloadedMedia> {
    const token = await this.#tokenFor(phoneNumberId);
    for (let attempt = 1; ; attempt++) {
      const meta = await this.#mediaMetadata(phoneNumberId, mediaId);
      const res = await this.#request(meta.url, { headers: { authorization: `Bearer ${token}` } });
      if (res.status === 404 && attempt === 1) {
        await res.body?.cancel();
        continue;
      }
      if (res.status === 404)
        throw new LeadwireError(
          'NOT_FOUND',
          `WhatsApp media ${mediaId} is still missing after a fresh URL; media ids expire 7 days after the message`,
          { details: { reason: 'media_gone', mediaId, phoneNumberId } },
        );
      if (!res.ok) throw parseGraphError(res.status, await readJson(res), res.headers);
      const declared = Number(res.headers.get('content-length') ?? Number.NaN);
      if (declared > this.#maxMediaBytes) {
        await res.body?.cancel();
        this.#tooLarge(mediaId, declared);
      }
      const bytes = await res.arrayBuffer().then(
        (body) => Buffer.from(body),
        (error: unknown) => {
          throw new LeadwireError(
            'TEMPORARY',
            `WhatsApp media ${mediaId}: the download broke off; retrying`,
            {
              cause: error,
              details: { reason: 'network', mediaId },
            },
          );
        },
      );
      if (bytes.length > this.#maxMediaBytes) this.#tooLarge(mediaId, bytes.length);
      if (meta.sha256 !== undefined && !sha256Matches(meta.sha256, bytes))
        throw new LeadwireError(
          'VALIDATION',
          `WhatsApp media ${mediaId} failed its sha256 check (corrupted or tampered download); ask the customer to resend`,
          { details: { reason: 'sha256_mismatch', mediaId } },
        );
      return {
        bytes,
        mimeType: meta.mime_type || (res.headers.get('content-type') ?? 'application/octet-stream'),
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
    }
  }

  async #mediaMetadata(phoneNumberId: string, mediaId: string): Promise<z.infer<typeof mediaMetadata>> {
    const json = await this.#graphJson(
      phoneNumberId,
      `/${encodeURIComponent(mediaId)}?phone_number_id=${encodeURIComponent(phoneNumberId)}`,
      { method: 'GET' },
    ).catch((error: unknown) => {
      // Meta's "object does not exist" (code 100) for a media id: expired (7 days) or never ours. Since
      // v16.0 Meta no longer sends error_subcode 33, so the code (or a 404) is all there is to go on.
      if (isLeadwireError(error) && (error.details?.metaCode === 100 || error.details?.httpStatus === 404))
        throw new LeadwireError(
          'NOT_FOUND',
          `WhatsApp media ${mediaId} does not exist (expired or not ours)`,
          {
            cause: error,
            details: { reason: 'media_gone', mediaId, phoneNumberId },
          },
        );
      throw error;
    });
    const parsed = mediaMetadata.safeParse(json);
    if (!parsed.success)
      throw new LeadwireError(
        'TEMPORARY',
        `WhatsApp media ${mediaId}: the metadata answer had no usable URL`,
        {
          details: { reason: 'unexpected_response', mediaId },
        },
      );
    const size = parsed.data.file_size;
    if (size !== undefined && size > this.#maxMediaBytes) this.#tooLarge(mediaId, size);
    return parsed.data;
  }

  #tooLarge(mediaId: string, bytes: number): never {
    throw new LeadwireError(
      'VALIDATION',
      `WhatsApp media ${mediaId} is ${bytes} bytes, over the ${this.#maxMediaBytes}-byte limit; ask the customer for a shorter file`,
      { details: { reason: 'media_too_large', mediaId, bytes, maxBytes: this.#maxMediaBytes } },
    );
  }

  /** One Graph API call with the number's token; any failure comes back as a LeadwireError. */
  async #graphJson(
    phoneNumberId: string,
    path: string,
    init: { method: 'GET' | 'POST'; body?: unknown },
  ): Promise<unknown> {
    const token = await this.#tokenFor(phoneNumberId);
    this.#checkPause(phoneNumberId, token);
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const url = path.startsWith('http') ? path : `${this.#baseUrl}/${this.#version}${path}`;
    const call = {
      method: init.method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    };
    const answer = this.#fetch === undefined ? await this.#call(url, call) : await this.#fetched(url, call);
    const json = jsonOf(answer.text);
    if (answer.status < 200 || answer.status > 299) {
      const error = parseGraphError(answer.status, json, answer.headers);
      if (error.handling.pausesTenant) this.#pause(phoneNumberId, token, error);
      throw error;
    }
    this.#paused.delete(phoneNumberId);
    return json;
  }

  /** A Graph API call over node:http(s); failing before an answer is TEMPORARY, as with fetch. */
  async #call(url: string, init: GraphCall): Promise<GraphAnswer> {
    try {
      return await graphCall(url, init, this.#timeoutMs);
    } catch (error) {
      throw unreachable(url, error);
    }
  }

  /** A Graph API call through the fetch the messenger was given. */
  async #fetched(url: string, init: GraphCall): Promise<GraphAnswer> {
    const res = await this.#request(url, init);
    return { status: res.status, headers: res.headers, text: await res.text().catch(() => '') };
  }

  /** A paused number fails at once, but a new token or a due probe goes through to Meta. */
  #checkPause(phoneNumberId: string, token: string): void {
    const pause = this.#paused.get(phoneNumberId);
    if (pause === undefined) return;
    if (pause.token !== fingerprint(token)) {
      this.#paused.delete(phoneNumberId);
      return;
    }
    const now = Date.now();
    if (now - pause.lastProbe >= this.#pauseProbeMs) {
      pause.lastProbe = now;
      return;
    }
    throw new LeadwireError(
      'AUTH_REVOKED',
      `WhatsApp number ${phoneNumberId} is paused since ${new Date(pause.since).toISOString()}: ${pause.error.message}`,
      { cause: pause.error, details: { ...pause.error.details, paused: true, phoneNumberId } },
    );
  }

  #pause(phoneNumberId: string, token: string, error: LeadwireError): void {
    const known = this.#paused.get(phoneNumberId);
    const now = Date.now();
    this.#paused.set(phoneNumberId, {
      error,
      since: known?.since ?? now,
      token: fingerprint(token),
      lastProbe: now,
    });
    if (known === undefined) this.#onPaused?.(phoneNumberId, error);
  }

  /**
   * The WhatsApp Business Account's message templates, every page (`GET /{waba-id}/message_templates`),
   * with the number's token. Meta allows about 200 such calls an hour per app and WABA: cache the answer.
   * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-management
   */
  async listTemplates(phoneNumberId: string, wabaId: string): Promise<MessageTemplate[]> {
    const templates: MessageTemplate[] = [];
    let next: string | undefined =
      `/${encodeURIComponent(wabaId)}/message_templates?fields=${TEMPLATE_FIELDS}&limit=100`;
    for (let page = 0; next !== undefined && page < 50; page++) {
      const parsed = templatePage.safeParse(await this.#graphJson(phoneNumberId, next, { method: 'GET' }));
      if (!parsed.success)
        throw new LeadwireError('TEMPORARY', 'WhatsApp answered the template list in an unexpected shape', {
          details: { reason: 'unexpected_response', wabaId },
        });
      for (const raw of parsed.data.data) templates.push(toTemplate(raw));
      // Only follow Meta's own next link (same origin as the configured Graph API).
      const link = parsed.data.paging?.next;
      next = link?.startsWith(this.#baseUrl) ? link : undefined;
    }
    return templates;
  }

  async #request(url: string, init: RequestInit): Promise<Response> {
    try {
      return await (this.#fetch ?? fetch)(url, { ...init, signal: AbortSignal.timeout(this.#timeoutMs) });
    } catch (error) {
      throw unreachable(url, error);
    }
  }
}

function unreachable(url: string, error: unknown): LeadwireError {
  const what = error instanceof Error ? error.message : String(error);
  return new LeadwireError('TEMPORARY', `WhatsApp Graph API unreachable (${what}); retrying with backoff`, {
    cause: error,
    details: { reason: 'network', host: new URL(url).host },
  });
}

interface GraphCall {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body: string | undefined;
}

/** What the Graph API answered: the status, the headers, the body ('' when it broke off or timed out). */
interface GraphAnswer {
  status: number;
  headers: Headers | Record<string, string | undefined>;
  text: string;
}

const utf8 = new TextDecoder();

/**
 * One Graph API call over node:http(s) with the global agents (connections kept alive): a third of the CPU of a
 * fetch, on the thread that runs the turns (one send or more a turn). It fails as fetch does: before an answer
 * with the network's error, or after `timeoutMs` with a TimeoutError; a body that breaks off or outlasts the
 * timeout reads as '', and the body is decoded as fetch's `text()` decodes it.
 */
function graphCall(url: string, init: GraphCall, timeoutMs: number): Promise<GraphAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers =
      init.body === undefined
        ? init.headers
        : { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) };
    let settled = false;
    /** set once the status and headers arrived: settles with the body ('' when it broke off) */
    let answer: ((text: string) => void) | undefined;
    const settle = (then: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      then();
    };
    const req = send(target, { method: init.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      answer = (text) =>
        settle(() => resolve({ status: res.statusCode ?? 0, headers: flatHeaders(res.headers), text }));
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => answer?.(utf8.decode(Buffer.concat(chunks))));
      res.on('error', () => answer?.(''));
      res.on('close', () => answer?.(''));
    });
    const timer = setTimeout(
      () => req.destroy(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
      timeoutMs,
    );
    timer.unref();
    req.on('error', (error) => (answer === undefined ? settle(() => reject(error)) : answer('')));
    req.end(init.body);
  });
}

/** Node's response headers as fetch's Headers reads them: a repeated header's values joined with ", ". */
function flatHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers))
    flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

const TEMPLATE_FIELDS = 'id,name,status,category,language,parameter_format,components,rejected_reason';

const templateComponent = z
  .object({ type: z.string(), format: z.string().optional(), text: z.string().optional() })
  .loose();
const templatePage = z.object({
  data: z.array(
    z
      .object({
        id: z.string(),
        name: z.string(),
        language: z.string(),
        status: z.string(),
        category: z.string(),
        parameter_format: z.string().optional(),
        components: z.array(templateComponent).default([]),
        rejected_reason: z.string().optional(),
      })
      .loose(),
  ),
  paging: z.object({ next: z.string().optional() }).loose().optional(),
});

/** The placeholders of a template text (`{{1}}` or `{{name}}`), distinct, in order of first use. */
export function templatePlaceholders(text: string | undefined): string[] {
  if (text === undefined) return [];
  return [...new Set([...text.matchAll(/\{\{\s*([^{}\s]+)\s*\}\}/g)].map((m) => m[1]!))];
}

function toTemplate(raw: z.infer<typeof templatePage>['data'][number]): MessageTemplate {
  const part = (type: string) => raw.components.find((c) => c.type.toUpperCase() === type);
  const header = part('HEADER');
  const headerText = header?.format === undefined || header.format === 'TEXT' ? header?.text : undefined;
  const body = part('BODY')?.text ?? '';
  const footer = part('FOOTER')?.text;
  return {
    id: raw.id,
    name: raw.name,
    language: raw.language,
    status: raw.status,
    category: raw.category,
    parameterFormat: raw.parameter_format === 'NAMED' ? 'NAMED' : 'POSITIONAL',
    ...(headerText === undefined ? {} : { header: headerText }),
    body,
    ...(footer === undefined ? {} : { footer }),
    headerParameters: templatePlaceholders(headerText),
    bodyParameters: templatePlaceholders(body),
    ...(raw.rejected_reason === undefined || raw.rejected_reason === 'NONE'
      ? {}
      : { rejectedReason: raw.rejected_reason }),
  };
}

/** A template's text with its parameters filled in (what the transcript shows). */
export function renderTemplateText(
  template: Pick<MessageTemplate, 'header' | 'body' | 'footer' | 'headerParameters' | 'bodyParameters'>,
  header: ReadonlyArray<{ name?: string; text: string }>,
  body: ReadonlyArray<{ name?: string; text: string }>,
): string {
  const fill = (text: string, names: string[], values: ReadonlyArray<{ name?: string; text: string }>) =>
    text.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (whole, name: string) => {
      const byName = values.find((v) => v.name === name);
      const byIndex = values[names.indexOf(name)];
      return (byName ?? byIndex)?.text ?? whole;
    });
  return [
    template.header === undefined ? undefined : fill(template.header, template.headerParameters, header),
    fill(template.body, template.bodyParameters, body),
    template.footer,
  ]
    .filter((part): part is string => part !== undefined && part !== '')
    .join('\n\n');
}

async function readJson(res: Response): Promise<unknown> {
  return jsonOf(await res.text().catch(() => ''));
}

function jsonOf(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
