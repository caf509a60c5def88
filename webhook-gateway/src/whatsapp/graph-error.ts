// parseGraphError: a failed Graph API answer as a LeadwireError, so the queue knows whether to retry,
// wait, pause the tenant or dead-letter. Classified on Meta's `code` (and `error_data.details`), not on
// the HTTP status or the deprecated `error_subcode` (not returned since v16.0), as Meta asks:
// https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes
// Permission errors and account-wide blocks are AUTH_REVOKED: every further message of the number would
// fail the same way, so the tenant's number is paused with the reason (GraphMessenger), not each message
// dead-lettered one by one.
import { type ErrorCode, LeadwireError } from '@leadwire/connector-core';
import { z } from 'zod';

const graphErrorBody = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.coerce.number(),
    error_subcode: z.coerce.number().optional(),
    error_data: z
      .object({ messaging_product: z.string().optional(), details: z.string().optional() })
      .partial()
      .optional(),
    fbtrace_id: z.string().optional(),
  }),
});

/** Headers as fetch gives them, or a plain record (tests, node:http). */
export type GraphErrorHeaders = Headers | Record<string, string | undefined>;

interface Rule {
  code: ErrorCode;
  /** machine-readable reason for details.reason */
  reason: string;
  /** what a person should do about it */
  advice: string;
  retryAfterMs?: number;
}

const temporary = (reason: string, advice: string): Rule => ({ code: 'TEMPORARY', reason, advice });
const stop = (reason: string, advice: string): Rule => ({ code: 'VALIDATION', reason, advice });
const pause = (reason: string, advice: string): Rule => ({ code: 'AUTH_REVOKED', reason, advice });

const permissionAdvice =
  'the WhatsApp access token lacks a permission (whatsapp_business_messaging / whatsapp_business_management) or the app lost access to the number; grant it in Meta Business Settings and update the token';

const rules: ReadonlyMap<number, Rule> = new Map<number, Rule>([
  [
    0,
    {
      code: 'AUTH_REVOKED',
      reason: 'auth',
      advice: 'the WhatsApp access token was refused; issue a new system-user token and update the tenant',
    },
  ],
  [
    190,
    {
      code: 'AUTH_REVOKED',
      reason: 'token_invalid',
      advice:
        'the WhatsApp access token is invalid or expired; issue a new system-user token and update the tenant',
    },
  ],
  [1, temporary('graph_unknown', 'Meta reported an unknown error; retrying with backoff')],
  [
    2,
    temporary(
      'graph_unavailable',
      'Meta reported the service temporarily unavailable; retrying with backoff',
    ),
  ],
  [131000, temporary('graph_unknown', 'Meta failed to send for an unknown reason; retrying with backoff')],
  [131016, temporary('service_overloaded', 'WhatsApp is overloaded; retrying with backoff')],
  [
    131057,
    temporary(
      'throughput_upgrade',
      'the business number is being upgraded to higher throughput; retry shortly',
    ),
  ],
  [
    4,
    {
      code: 'RATE_LIMITED',
      reason: 'app_rate_limit',
      advice: 'the Meta app hit its API call limit; slow down',
      retryAfterMs: 60_000,
    },
  ],
  [
    80007,
    {
      code: 'RATE_LIMITED',
      reason: 'waba_rate_limit',
      advice: 'the WhatsApp Business Account hit its rate limit; slow down',
      retryAfterMs: 60_000,
    },
  ],
  [
    130429,
    {
      code: 'RATE_LIMITED',
      reason: 'throughput',
      advice: 'the business number reached its messages-per-second throughput; slow down',
      retryAfterMs: 1_000,
    },
  ],
  // Pair rate limit: about one message per 6 s to the same user.
  // https://developers.facebook.com/documentation/business-messaging/whatsapp/about-the-platform#rate-limits
  // The wait grows as 4^X seconds with X the consecutive refusals (GraphMessenger tracks X per user).
  [
    131056,
    {
      code: 'RATE_LIMITED',
      reason: 'pair_rate_limit',
      advice: 'too many messages to this user in a short time; wait before the next one',
      retryAfterMs: 1_000,
    },
  ],
  [
    131047,
    stop(
      'window_closed',
      'more than 24 hours have passed since the customer last wrote; only a template message can reach them now',
    ),
  ],
  [
    131026,
    stop(
      'undeliverable',
      'the message cannot be delivered to this user (not on WhatsApp, old client or terms)',
    ),
  ],
  [131050, stop('user_opted_out', 'the user stopped marketing messages from this business')],
  [130403, stop('user_blocked', 'the business blocked this user; unblock them before writing')],
  [3, pause('permission', permissionAdvice)],
  [10, pause('permission', permissionAdvice)],
  [131005, pause('permission', permissionAdvice)],
  [
    368,
    pause(
      'account_restricted',
      'Meta temporarily blocked the account for policy violations; see Business Support Home',
    ),
  ],
  [
    131031,
    pause('account_locked', 'the WhatsApp Business Account is locked; check WhatsApp Manager and appeal'),
  ],
  [
    131042,
    pause('payment_issue', 'the WhatsApp Business Account has a payment problem; fix the payment method'),
  ],
  [
    131045,
    pause(
      'number_not_registered',
      'the business phone number is not registered; register it in WhatsApp Manager',
    ),
  ],
  [
    133010,
    pause(
      'number_not_registered',
      'the business phone number is not registered; register it in WhatsApp Manager',
    ),
  ],
  [
    130497,
    pause(
      'country_restricted',
      'the business account cannot message users in this country (Meta restriction); check WhatsApp Manager',
    ),
  ],
  [
    131037,
    pause(
      'display_name_not_approved',
      'the number has no approved display name; get it approved in WhatsApp Manager',
    ),
  ],
  [
    131048,
    pause(
      'spam_rate_limited',
      'Meta restricted the number for spam-rate reasons (many blocks or reports); check quality in WhatsApp Manager',
    ),
  ],
  [
    131064,
    pause(
      'template_restricted',
      'Meta restricted the account for template-classification violations; check WhatsApp Manager',
    ),
  ],
  [131051, stop('unsupported_type', 'the message type is not supported; ask the user to resend')],
  [131052, stop('media_download_failed', 'the media could not be downloaded (or is over 100 MB)')],
  [131053, stop('media_upload_failed', 'the media was refused (wrong MIME type or extension)')],
  [131009, stop('invalid_parameter', 'a parameter of the request is not valid; fix the message')],
  [
    131062,
    stop('bsuid_not_supported', 'this message cannot go to a BSUID; send to the phone number instead'),
  ],
]);

function headerOf(headers: GraphErrorHeaders | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Retry-After in seconds (Meta rarely sends it; honour it when it does). */
function retryAfterOf(headers: GraphErrorHeaders | undefined): number | undefined {
  const value = headerOf(headers, 'retry-after');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * `X-Business-Use-Case-Usage` (`{"<business id>": [{type, call_count, …, estimated_time_to_regain_access}]}`):
 * the longest `estimated_time_to_regain_access` (minutes), in ms, when Meta throttles the business.
 * https://developers.facebook.com/docs/graph-api/overview/rate-limiting#headers
 */
export function regainAccessMs(headers: GraphErrorHeaders | undefined): number | undefined {
  const value = headerOf(headers, 'x-business-use-case-usage');
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  let minutes: number | undefined;
  for (const usages of Object.values(parsed)) {
    if (!Array.isArray(usages)) continue;
    for (const usage of usages) {
      const m = Number(
        (usage as { estimated_time_to_regain_access?: unknown }).estimated_time_to_regain_access,
      );
      if (Number.isFinite(m) && m > 0) minutes = Math.max(minutes ?? 0, m);
    }
  }
  return minutes === undefined ? undefined : minutes * 60_000;
}

/** When the body is not Meta's error shape: decide on the HTTP status alone. */
function ruleForStatus(status: number): Rule {
  if (status === 401) return rules.get(190)!;
  if (status === 429)
    return {
      code: 'RATE_LIMITED',
      reason: 'http_429',
      advice: 'Meta answered 429; slow down',
      retryAfterMs: 60_000,
    };
  if (status >= 500 || status === 0) return temporary('http_5xx', 'Meta is failing; retrying with backoff');
  return stop('http_4xx', 'Meta refused the request; fix it before trying again');
}

/**
 * A Graph API failure (`status` and parsed JSON `body`) as a LeadwireError with the code that says what to do.
 * details carry Meta's code, subcode, error_data.details and fbtrace_id (quote it to Meta support).
 */
export function parseGraphError(status: number, body: unknown, headers?: GraphErrorHeaders): LeadwireError {
  const parsed = graphErrorBody.safeParse(body);
  const retryAfterHeaderMs = retryAfterOf(headers);
  if (!parsed.success) {
    const rule = ruleForStatus(status);
    return new LeadwireError(rule.code, `WhatsApp Graph API answered HTTP ${status}: ${rule.advice}`, {
      retryAfterMs: rule.code === 'RATE_LIMITED' ? (retryAfterHeaderMs ?? rule.retryAfterMs) : undefined,
      details: { reason: rule.reason, httpStatus: status },
    });
  }
  const error = parsed.data.error;
  const rule =
    rules.get(error.code) ??
    (error.code >= 200 && error.code <= 299 ? pause('permission', permissionAdvice) : ruleForStatus(status));
  const metaSays = error.message === undefined ? '' : ` (Meta: ${error.message})`;
  const details: Record<string, unknown> = { reason: rule.reason, httpStatus: status, metaCode: error.code };
  if (error.error_subcode !== undefined) details.metaSubcode = error.error_subcode;
  if (error.error_data?.details !== undefined) details.metaDetails = error.error_data.details;
  if (error.fbtrace_id !== undefined) details.fbtraceId = error.fbtrace_id;
  const regainMs = error.code === 4 || error.code === 80007 ? regainAccessMs(headers) : undefined;
  return new LeadwireError(rule.code, `WhatsApp error ${error.code}: ${rule.advice}${metaSays}`, {
    retryAfterMs:
      rule.code === 'RATE_LIMITED' ? (regainMs ?? retryAfterHeaderMs ?? rule.retryAfterMs) : undefined,
    details,
  });
}
