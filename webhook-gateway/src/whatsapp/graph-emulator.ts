// Graph emulator: an in-process stand-in for Meta's WhatsApp Cloud API on Meta's paths and shapes, so
// tests and the sandbox send for real over HTTP and can then read back what was "sent". It enforces the
// bearer token and the message limits the way Meta does (same error bodies), expires media URLs after
// 5 minutes of its clock, and can be told to fail the next call with any Meta error code. Like Meta, it can
// deliver signed status webhooks (`sent`, then `delivered`) for what it accepted, retrying until answered.
// https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/send-messages
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { signBody } from '../webhook/signature.ts';
import { charCount, graphLimits } from './graph-limits.ts';

export interface GraphEmulatorOptions {
  /** The bearer token every call must carry. Default `emulator-token`. */
  token?: string;
  /** Emulator time in ms (media URL expiry). Default `Date.now`. */
  clock?: () => number;
  /** Delay before each answer. Default 0. */
  latencyMs?: number;
  /** Where to deliver status webhooks for accepted sends, as Meta does. Default: none. */
  statusWebhook?: StatusWebhookTarget;
}

/** A webhook receiver subscribed to the emulated number (Meta's app webhook subscription). */
export interface StatusWebhookTarget {
  /** the receiver's URL, e.g. the gateway's `/webhooks/whatsapp` */
  url: string;
  /** the Meta app's secret: each POST is signed with `X-Hub-Signature-256` */
  appSecret: string;
}

/** A status webhook the receiver acknowledged with 200. */
export interface EmulatedStatusWebhook {
  wamid: string;
  status: 'sent' | 'delivered';
  /** POSTs it took (1 when the receiver answered 200 at once) */
  attempts: number;
  at: number;
}

export interface EmulatedSend {
  phoneNumberId: string;
  /** the request body as Meta received it */
  body: Record<string, unknown>;
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

export interface GraphEmulator {
  url: string;
  token: string;
  sent: EmulatedSend[];
  reads: EmulatedRead[];
  /** requests received per route: `messages` (sends and reads), `media` (metadata), `download` */
  calls: Record<'messages' | 'media' | 'download', number>;
  /** status webhooks acknowledged by the receiver, in the order acknowledged */
  statusWebhooks: EmulatedStatusWebhook[];
  /** Start (or stop, with undefined) delivering status webhooks; pending ones go to the current target. */
  setStatusWebhook(target: StatusWebhookTarget | undefined): void;
  addMedia(id: string, bytes: Buffer, mimeType: string, options?: MediaOptions): void;
  /** The next Graph call (send, read or media metadata) fails with Meta's error `code`. */
  failNext(code: number, httpStatus?: number): void;
  /** Stops the server and every status webhook still being delivered. */
  close(): Promise<void>;
}

interface MediaEntry {
  bytes: Buffer;
  mimeType: string;
  sha256: string;
}

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

/** The first limit the body breaks, as Meta's error_data.details, or undefined when Meta would accept it. */
function invalidParameter(body: Record<string, unknown>): string | undefined {
  const tooLong = (v: unknown, max: number, name: string) => {
    const s = str(v);
    if (s === undefined || charCount(s) === 0) return `${name} is required`;
    return charCount(s) > max ? `${name} must be at most ${max} characters` : undefined;
  };
  if (body.messaging_product !== 'whatsapp') return 'messaging_product must be whatsapp';
  const callbackData = body.biz_opaque_callback_data;
  if (callbackData !== undefined && (typeof callbackData !== 'string' || charCount(callbackData) > 512))
    return 'biz_opaque_callback_data must be a string of at most 512 characters';
  if (str(body.to) === undefined && str(body.recipient) === undefined) return 'to or recipient is required';
  if (body.type === 'text') {
    const text = body.text;
    return isRecord(text) ? tooLong(text.body, graphLimits.textBodyChars, 'text.body') : 'text is required';
  }
  if (body.type !== 'interactive') return `type ${String(body.type)} is not supported by the emulator`;
  const interactive = body.interactive;
  if (!isRecord(interactive) || !isRecord(interactive.action) || !isRecord(interactive.body))
    return 'interactive.body and interactive.action are required';
  const action = interactive.action;
  if (interactive.type === 'button') {
    const problem = tooLong(interactive.body.text, graphLimits.buttonsBodyChars, 'interactive.body.text');
    if (problem) return problem;
    const buttons = action.buttons;
    if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > graphLimits.buttonsMax)
      return `action.buttons must have 1 to ${graphLimits.buttonsMax} items`;
    const titles = new Set<string>();
    for (const b of buttons) {
      if (!isRecord(b) || b.type !== 'reply' || !isRecord(b.reply))
        return 'each button must be a reply button';
      const p =
        tooLong(b.reply.title, graphLimits.buttonTitleChars, 'reply.title') ??
        tooLong(b.reply.id, graphLimits.buttonIdChars, 'reply.id');
      if (p) return p;
      titles.add(String(b.reply.title));
    }
    return titles.size === buttons.length ? undefined : 'button titles must be unique';
  }
  if (interactive.type === 'list') {
    const problem =
      tooLong(interactive.body.text, graphLimits.listBodyChars, 'interactive.body.text') ??
      tooLong(action.button, graphLimits.listButtonChars, 'action.button');
    if (problem) return problem;
    const sections = action.sections;
    if (!Array.isArray(sections) || sections.length === 0 || sections.length > 10)
      return 'action.sections must have 1 to 10 items';
    let rows = 0;
    for (const s of sections) {
      if (!isRecord(s) || !Array.isArray(s.rows)) return 'each section needs rows';
      for (const r of s.rows) {
        rows++;
        if (!isRecord(r)) return 'each row must be an object';
        const p =
          tooLong(r.title, graphLimits.listRowTitleChars, 'row.title') ??
          tooLong(r.id, graphLimits.listRowIdChars, 'row.id');
        if (p) return p;
        if (
          r.description !== undefined &&
          charCount(String(r.description)) > graphLimits.listRowDescriptionChars
        )
          return `row.description must be at most ${graphLimits.listRowDescriptionChars} characters`;
      }
    }
    return rows > 0 && rows <= graphLimits.listRowsMax
      ? undefined
      : `a list must have 1 to ${graphLimits.listRowsMax} rows in total`;
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

const MEDIA_URL_TTL_MS = 5 * 60 * 1000;
/** Meta retries an unanswered webhook with backoff for 7 days; the emulator compresses that to seconds. */
const STATUS_RETRY_FIRST_MS = 50;
const STATUS_RETRY_MAX_MS = 2_000;
const STATUS_POST_TIMEOUT_MS = 10_000;
/** Meta's documentation values for what the emulator cannot know. */
const DOC_WABA_ID = '102290129340398';
const DOC_DISPLAY_PHONE_NUMBER = '15550783881';

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
 * windows); `pricing` comes with `sent` and `delivered`. A reply inside the customer-service window is free.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status
 */
function statusPayload(send: EmulatedSend, version: number, status: 'sent' | 'delivered', seconds: number) {
  const to = str(send.body.to);
  const recipient = str(send.body.recipient);
  const callbackData = str(send.body.biz_opaque_callback_data);
  const item: Record<string, unknown> = { id: send.wamid, status, timestamp: String(seconds) };
  if (to !== undefined) item.recipient_id = to.replace(/\D/g, '');
  else if (recipient?.includes('.ENT.')) item.recipient_parent_user_id = recipient;
  else if (recipient !== undefined) item.recipient_user_id = recipient;
  if (callbackData !== undefined) item.biz_opaque_callback_data = callbackData;
  if (version < 24)
    item.conversation = {
      id: createHash('md5')
        .update(`${send.phoneNumberId}:${to ?? recipient}`)
        .digest('hex'),
      ...(status === 'sent' ? { expiration_timestamp: String(seconds + 24 * 60 * 60) } : {}),
      origin: { type: 'service' },
    };
  item.pricing = {
    billable: false,
    pricing_model: 'PMP',
    type: 'free_customer_service',
    category: 'service',
  };
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
  const media = new Map<string, MediaEntry>();
  /** download path token → media id and when the URL was issued */
  const issued = new Map<string, { mediaId: string; issuedAt: number }>();
  const faults: Array<{ code: number; httpStatus: number }> = [];
  const sent: EmulatedSend[] = [];
  const reads: EmulatedRead[] = [];
  const calls = { messages: 0, media: 0, download: 0 };
  const statusWebhooks: EmulatedStatusWebhook[] = [];
  let statusTarget = options.statusWebhook;
  const stopping = new AbortController();
  const deliveries = new Set<Promise<void>>();
  let baseUrl = '';

  /** POSTs one status until the current target answers 200 (retrying with backoff); false when stopped. */
  const deliverStatus = async (send: EmulatedSend, payload: string, status: 'sent' | 'delivered') => {
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
  /** After an accepted send: `sent`, then `delivered`, in the background, like Meta. */
  const deliverStatuses = (send: EmulatedSend, version: number) => {
    if (statusTarget === undefined) return;
    const task = (async () => {
      for (const status of ['sent', 'delivered'] as const) {
        const payload = metaJson(statusPayload(send, version, status, Math.floor(clock() / 1000)));
        if (!(await deliverStatus(send, payload, status))) return;
      }
    })();
    deliveries.add(task);
    void task.finally(() => deliveries.delete(task));
  };

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const authorized = (req: IncomingMessage) => req.headers.authorization === `Bearer ${token}`;
  const unauthorized = (res: ServerResponse) =>
    json(res, 401, errorBody(190, 'Invalid OAuth access token - Cannot parse access token'));
  /** An injected fault, answered instead of the real thing; true when one was answered. */
  const fault = (res: ServerResponse) => {
    const next = faults.shift();
    if (next === undefined) return false;
    json(
      res,
      next.httpStatus,
      errorBody(next.code, metaMessages[next.code] ?? 'Injected error', 'injected fault'),
    );
    return true;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const url = new URL(req.url ?? '/', 'http://emulator');
    const parts = url.pathname.split('/').filter(Boolean);

    if (req.method === 'GET' && parts[0] === 'media-download' && parts.length === 2) {
      calls.download++;
      if (!authorized(req)) return unauthorized(res);
      const entry = issued.get(parts[1]!);
      const item = entry === undefined ? undefined : media.get(entry.mediaId);
      if (entry === undefined || item === undefined || clock() - entry.issuedAt > MEDIA_URL_TTL_MS) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('Not Found');
      }
      res.writeHead(200, { 'content-type': item.mimeType, 'content-length': String(item.bytes.length) });
      return res.end(item.bytes);
    }

    if (
      req.method === 'POST' &&
      parts.length === 3 &&
      /^v\d+\.\d+$/.test(parts[0]!) &&
      parts[2] === 'messages'
    ) {
      calls.messages++;
      if (!authorized(req)) return unauthorized(res);
      const phoneNumberId = parts[1]!;
      const body = await readBody(req);
      if (fault(res)) return;
      if (!isRecord(body)) return json(res, 400, errorBody(100, 'Invalid parameter', 'the body is not JSON'));
      if (body.status === 'read') {
        const messageId = str(body.message_id);
        if (body.messaging_product !== 'whatsapp' || messageId === undefined)
          return json(res, 400, errorBody(131009, metaMessages[131009]!, 'message_id is required'));
        const typing = isRecord(body.typing_indicator) && body.typing_indicator.type === 'text';
        reads.push({ phoneNumberId, messageId, typing, at: clock() });
        return json(res, 200, { success: true });
      }
      const problem = invalidParameter(body);
      if (problem !== undefined) return json(res, 400, errorBody(131009, metaMessages[131009]!, problem));
      const wamid = `wamid.${randomBytes(24).toString('base64url')}`;
      const accepted = { phoneNumberId, body, wamid, at: clock() };
      sent.push(accepted);
      deliverStatuses(accepted, Number.parseFloat(parts[0]!.slice(1)));
      const to = str(body.to);
      const contact =
        to === undefined
          ? { input: str(body.recipient), user_id: str(body.recipient) }
          : { input: to, wa_id: to.replace(/\D/g, '') };
      return json(res, 200, {
        messaging_product: 'whatsapp',
        contacts: [contact],
        messages: [{ id: wamid }],
      });
    }

    if (req.method === 'GET' && parts.length === 2 && /^v\d+\.\d+$/.test(parts[0]!)) {
      calls.media++;
      if (!authorized(req)) return unauthorized(res);
      if (fault(res)) return;
      const mediaId = parts[1]!;
      const item = media.get(mediaId);
      if (item === undefined)
        return json(res, 400, {
          error: {
            message: `Unsupported get request. Object with ID '${mediaId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
            type: 'GraphMethodException',
            code: 100,
            error_subcode: 33,
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
    sent,
    reads,
    calls,
    statusWebhooks,
    setStatusWebhook(target) {
      statusTarget = target;
    },
    addMedia(id, bytes, mimeType, mediaOptions = {}) {
      const digest = createHash('sha256').update(bytes).digest();
      const sha256 = mediaOptions.sha256 ?? digest.toString(mediaOptions.sha256Encoding ?? 'hex');
      media.set(id, { bytes, mimeType, sha256 });
    },
    failNext(code, httpStatus) {
      faults.push({ code, httpStatus: httpStatus ?? (code === 190 || code === 0 ? 401 : 400) });
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
