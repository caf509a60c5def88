// parseHubspotError: a failed HubSpot answer as a LeadwireError, so the queue knows whether to retry, wait,
// pause the tenant or dead-letter. Classified on the body's `policyName` / `category` / OAuth `status`
// first and the HTTP status second (error bodies: research/hubspot.md §1.2, §2, §9, §10).
// https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines
import { type ErrorCode, LeadwireError } from '@leadwire/connector-core';
import { z } from 'zod';

const hubspotErrorBody = z
  .object({
    status: z.string().optional(),
    message: z.string().optional(),
    category: z.string().optional(),
    errorType: z.string().optional(),
    policyName: z.string().optional(),
    correlationId: z.string().optional(),
    requestId: z.string().optional(),
    context: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

/** Headers as fetch gives them, the SDK's `ApiException.headers`, or a plain record. */
export type HubspotErrorHeaders = Headers | Record<string, string | undefined> | undefined;

/** The SDK retries a ten-secondly 429 after 10 s × attempt; one full rolling window is the safe wait. */
export const TEN_SECONDLY_WAIT_MS = 10_000;
/** The search limit is per second. */
export const SECONDLY_WAIT_MS = 1_000;

function headerOf(headers: HubspotErrorHeaders, name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function retryAfterMsOf(headers: HubspotErrorHeaders): number | undefined {
  const seconds = Number(headerOf(headers, 'retry-after'));
  if (headerOf(headers, 'retry-after') !== undefined && Number.isFinite(seconds) && seconds >= 0)
    return seconds * 1000;
  return undefined;
}

/** "Contact already exists. Existing ID: 123" (research §2), or a `context.id` list. */
export function existingIdOf(
  message: string | undefined,
  context?: Record<string, unknown>,
): string | undefined {
  const match = message === undefined ? null : /Existing ID: ?(\d+)/i.exec(message);
  if (match?.[1] !== undefined) return match[1];
  const ids = context?.existingId ?? context?.id;
  return Array.isArray(ids) && typeof ids[0] === 'string' ? ids[0] : undefined;
}

interface Classified {
  code: ErrorCode;
  reason: string;
  advice: string;
  retryAfterMs?: number;
}

function classify(status: number, body: z.infer<typeof hubspotErrorBody>, headers: HubspotErrorHeaders) {
  const retryAfter = retryAfterMsOf(headers);
  if (status === 429 || body.errorType === 'RATE_LIMIT') {
    if (body.policyName === 'DAILY')
      // The core's only tenant-pausing code is AUTH_REVOKED: a used-up daily limit must stop the tenant and
      // alert (every further call is another error counted against the app's 5% error budget, research §9).
      return {
        code: 'AUTH_REVOKED',
        reason: 'daily_limit',
        advice:
          'the portal used up its daily API limit; the tenant is paused until the limit resets at midnight in the portal time zone — resume it then (events are kept)',
      } satisfies Classified;
    const secondly = body.message === 'You have reached your secondly limit.';
    return {
      code: 'RATE_LIMITED',
      reason:
        body.policyName === 'TEN_SECONDLY_ROLLING' ? 'ten_secondly' : secondly ? 'secondly' : 'http_429',
      advice: 'HubSpot rate limit hit; slowing the portal down',
      retryAfterMs: retryAfter ?? (secondly ? SECONDLY_WAIT_MS : TEN_SECONDLY_WAIT_MS),
    } satisfies Classified;
  }
  // OAuth token endpoint bodies: {"status":"BAD_REFRESH_TOKEN","message":"missing or unknown refresh token"}
  if (body.status === 'BAD_REFRESH_TOKEN')
    return {
      code: 'AUTH_REVOKED',
      reason: 'refresh_token_revoked',
      advice:
        'the refresh token was revoked (app uninstalled?); reinstall Leadwire from the HubSpot marketplace',
    } satisfies Classified;
  if (
    body.status === 'BAD_CLIENT_ID' ||
    body.status === 'BAD_AUTH_CODE' ||
    body.status === 'BAD_REDIRECT_URI'
  )
    return {
      code: 'VALIDATION',
      reason: body.status.toLowerCase(),
      advice: 'the OAuth request was refused; check the app client id, secret and redirect URL',
    } satisfies Classified;
  if (body.category === 'EXPIRED_AUTHENTICATION')
    // An expired access token is the token provider's job (refresh on expires_in, research §10.2), not a revocation.
    return {
      code: 'TEMPORARY',
      reason: 'token_expired',
      advice: 'the access token expired; refresh it and retry',
    } satisfies Classified;
  if (status === 403 && body.category === 'MISSING_SCOPES')
    // The install was not granted a scope this call needs (an optional one the admin left out, or one the
    // portal's subscription does not have): not a revocation; the caller decides (Leads fall back to deals).
    return {
      code: 'VALIDATION',
      reason: 'missing_scopes',
      advice:
        'the installation lacks a scope this call needs; reinstall the app granting it, or stop using what needs it',
    } satisfies Classified;
  if (status === 401 || status === 403)
    return {
      code: 'AUTH_REVOKED',
      reason: status === 403 ? 'forbidden' : 'unauthorized',
      advice:
        status === 403
          ? 'HubSpot refused the call (missing scope or permission); reinstall the app with the required scopes'
          : 'HubSpot refused the access token; reinstall Leadwire from the HubSpot marketplace',
    } satisfies Classified;
  if (status === 409 || body.category === 'CONFLICT')
    return { code: 'CONFLICT', reason: 'conflict', advice: 'the record already exists' } satisfies Classified;
  if (status === 404 || body.category === 'OBJECT_NOT_FOUND')
    return {
      code: 'NOT_FOUND',
      reason: 'not_found',
      advice: 'the record does not exist',
    } satisfies Classified;
  if (status >= 500 || status === 0 || status === 408)
    return {
      code: 'TEMPORARY',
      reason: status === 0 ? 'network' : 'server_error',
      advice: 'HubSpot is failing; retrying with backoff',
    } satisfies Classified;
  return {
    code: 'VALIDATION',
    reason: 'validation',
    advice: 'HubSpot refused the data; fix it (or the portal setup) before trying again',
  } satisfies Classified;
}

/**
 * A HubSpot failure (`status`, parsed JSON `body`, response headers) as a LeadwireError. details carry the
 * reason, HTTP status, category, policyName, correlationId (quote it to HubSpot support) and, for a
 * duplicate, the existing record's id.
 */
export function parseHubspotError(
  status: number,
  body: unknown,
  headers?: HubspotErrorHeaders,
): LeadwireError {
  const parsed = hubspotErrorBody.safeParse(typeof body === 'string' ? safeJson(body) : body);
  const data = parsed.success ? parsed.data : {};
  const rule = classify(status, data, headers);
  const details: Record<string, unknown> = { reason: rule.reason, httpStatus: status };
  if (data.category !== undefined) details.category = data.category;
  if (data.policyName !== undefined) details.policyName = data.policyName;
  if (data.correlationId !== undefined) details.correlationId = data.correlationId;
  const existingId = rule.code === 'CONFLICT' ? existingIdOf(data.message, data.context) : undefined;
  if (existingId !== undefined) details.existingId = existingId;
  if (data.message?.startsWith('Unable to infer object type')) details.objectTypeUnavailable = true;
  if (rule.reason === 'missing_scopes') details.missingScopes = missingScopesOf(data);
  const says = data.message === undefined ? '' : ` (HubSpot: ${data.message})`;
  return new LeadwireError(rule.code, `HubSpot answered HTTP ${status}: ${rule.advice}${says}`, {
    retryAfterMs: rule.retryAfterMs,
    details,
  });
}

/** The scopes a MISSING_SCOPES body names (`errors[].context.requiredGranularScopes` or `missingScopes`). */
function missingScopesOf(body: Record<string, unknown>): string[] {
  const errors = Array.isArray(body.errors) ? body.errors : [];
  const scopes = errors.flatMap((e: unknown) => {
    const context = (e as { context?: Record<string, unknown> } | null)?.context ?? {};
    return [context.requiredGranularScopes, context.missingScopes].flatMap((v) =>
      Array.isArray(v) ? v : [],
    );
  });
  return [...new Set(scopes.filter((s): s is string => typeof s === 'string'))];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An SDK `ApiException` (or a fetch/network failure) as a LeadwireError. */
export function fromSdkError(error: unknown): LeadwireError {
  if (error instanceof LeadwireError) return error;
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number') {
    const e = error as { code: number; body?: unknown; headers?: Record<string, string> };
    const out = parseHubspotError(e.code, e.body, e.headers);
    return new LeadwireError(out.code, out.message, {
      cause: error,
      retryAfterMs: out.retryAfterMs,
      details: out.details,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LeadwireError('TEMPORARY', `HubSpot could not be reached: ${message}`, {
    cause: error,
    details: { reason: 'network', httpStatus: 0 },
  });
}
