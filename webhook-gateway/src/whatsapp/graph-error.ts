// parseGraphError: a failed Graph API answer as a LeadwireError, so the queue knows whether to retry,
// wait, pause the tenant or dead-letter. Classified on Meta's `code` (and `error_data.details`), not on
// the HTTP status or the deprecated `error_subcode`, as Meta asks:
// https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes
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
  [
    131056,
    {
      code: 'RATE_LIMITED',
      reason: 'pair_rate_limit',
      advice: 'too many messages to this user in a short time; wait before the next one',
      retryAfterMs: 6_000,
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
  [131031, stop('account_locked', 'the WhatsApp Business Account is locked; check WhatsApp Manager')],
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
  const rule = rules.get(error.code) ?? ruleForStatus(status);
  const metaSays = error.message === undefined ? '' : ` (Meta: ${error.message})`;
  const details: Record<string, unknown> = { reason: rule.reason, httpStatus: status, metaCode: error.code };
  if (error.error_subcode !== undefined) details.metaSubcode = error.error_subcode;
  if (error.error_data?.details !== undefined) details.metaDetails = error.error_data.details;
  if (error.fbtrace_id !== undefined) details.fbtraceId = error.fbtrace_id;
  return new LeadwireError(rule.code, `WhatsApp error ${error.code}: ${rule.advice}${metaSays}`, {
    retryAfterMs: rule.code === 'RATE_LIMITED' ? (retryAfterHeaderMs ?? rule.retryAfterMs) : undefined,
    details,
  });
}
