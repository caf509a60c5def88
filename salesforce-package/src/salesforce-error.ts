// parseSalesforceError: a failed Salesforce answer as a LeadwireError, so the queue knows whether to retry, wait,
// pause the org or dead-letter. Reads REST error arrays (`[{errorCode, message, fields}]`), collection rows
// (`{success: false, errors: [{statusCode, …}]}` — statusCode, not errorCode: jsforce#1067), composite answers
// (the first subrequest error that is not PROCESSING_HALTED) and OAuth token errors; research/salesforce.md §1.8.
// jsforce hides the HTTP status (jsforce#1701): `fromJsforceError` maps its `errorCode` back to one.
import { type ErrorCode, LeadwireError } from '@leadwire/connector-core';
import { z } from 'zod';

export type SalesforceErrorHeaders = Headers | Record<string, string | undefined> | undefined;

/** How long a concurrent-request limit (≥ 20 s requests, research §2.7) is waited out. */
export const CONCURRENT_LIMIT_WAIT_MS = 20_000;

const restError = z
  .object({
    errorCode: z.string().optional(),
    statusCode: z.string().optional(),
    message: z.string().optional(),
    fields: z.array(z.string()).optional(),
  })
  .loose();
const rowResult = z.object({ success: z.literal(false), errors: z.array(restError) }).loose();
const compositeAnswer = z.object({
  compositeResponse: z.array(
    z.object({ body: z.unknown(), httpStatusCode: z.number(), referenceId: z.string().optional() }).loose(),
  ),
});
const oauthError = z.object({ error: z.string(), error_description: z.string().optional() });

export interface SalesforceErrorDetail {
  errorCode: string;
  message: string;
  fields: string[];
  status: number;
  /** the composite subrequest it came from */
  referenceId?: string;
}

const IGNORED = new Set(['PROCESSING_HALTED', 'ALL_OR_NONE_OPERATION_ROLLED_BACK']);

/** The errors in an answer body, root causes first (PROCESSING_HALTED and rollback rows last). */
export function salesforceErrorsOf(status: number, body: unknown): SalesforceErrorDetail[] {
  const list: SalesforceErrorDetail[] = [];
  const add = (error: z.infer<typeof restError>, at: number, referenceId?: string) =>
    list.push({
      errorCode: error.errorCode ?? error.statusCode ?? `ERROR_HTTP_${at}`,
      message: error.message ?? '',
      fields: error.fields ?? [],
      status: at,
      ...(referenceId === undefined ? {} : { referenceId }),
    });
  const visit = (value: unknown, at: number, referenceId?: string) => {
    const composite = compositeAnswer.safeParse(value);
    if (composite.success) {
      for (const sub of composite.data.compositeResponse)
        if (sub.httpStatusCode >= 300 || Array.isArray(sub.body))
          visit(sub.body, sub.httpStatusCode, sub.referenceId);
      return;
    }
    const oauth = oauthError.safeParse(value);
    if (oauth.success) {
      list.push({
        errorCode: oauth.data.error,
        message: oauth.data.error_description ?? oauth.data.error,
        fields: [],
        status: at,
      });
      return;
    }
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      const row = rowResult.safeParse(item);
      if (row.success) {
        for (const error of row.data.errors) add(error, at, referenceId);
        continue;
      }
      const error = restError.safeParse(item);
      if (error.success && (error.data.errorCode !== undefined || error.data.statusCode !== undefined))
        add(error.data, at, referenceId);
    }
  };
  visit(body, status);
  if (list.length === 0 && status >= 300)
    list.push({
      errorCode: `ERROR_HTTP_${status}`,
      message: typeof body === 'string' ? body.slice(0, 200) : '',
      fields: [],
      status,
    });
  return [...list.filter((e) => !IGNORED.has(e.errorCode)), ...list.filter((e) => IGNORED.has(e.errorCode))];
}

interface Classified {
  code: ErrorCode;
  reason: string;
  advice: string;
  retryAfterMs?: number;
}

function classify(error: SalesforceErrorDetail): Classified {
  const { errorCode: code, status } = error;
  switch (code) {
    case 'REQUEST_LIMIT_EXCEEDED':
      if (/concurrent|longtxn/i.test(error.message))
        return {
          code: 'RATE_LIMITED',
          reason: 'concurrent_limit',
          advice: 'too many long-running requests in the org at once; slowing down',
          retryAfterMs: CONCURRENT_LIMIT_WAIT_MS,
        };
      // The core's only org-pausing code (errorHandling.AUTH_REVOKED.pausesTenant): every further call would be
      // refused too, until the org's rolling 24-hour usage drops (research §2.7: a circuit breaker, not a retry).
      return {
        code: 'AUTH_REVOKED',
        reason: 'daily_limit',
        advice:
          'the org used up its daily API allocation; the tenant is paused until usage over the last 24 hours drops below the limit — resume it then (events are kept)',
      };
    case 'INVALID_SESSION_ID':
    case 'invalid_grant':
    case 'INVALID_AUTH_HEADER':
      // jsforce already refreshed once (or the refresh token itself was refused)
      return {
        code: 'AUTH_REVOKED',
        reason: code === 'invalid_grant' ? 'refresh_token_revoked' : 'session_invalid',
        advice:
          'Salesforce refused Leadwire\u2019s session and refresh token; reconnect the org (leadwire setup salesforce)',
      };
    case 'invalid_client_id':
    case 'invalid_client':
    case 'unsupported_grant_type':
    case 'redirect_uri_mismatch':
      return {
        code: 'AUTH_REVOKED',
        reason: code,
        advice:
          'the connected app refused the token request; check its consumer key, secret and callback URL',
      };
    case 'API_DISABLED_FOR_ORG':
    case 'API_CURRENTLY_DISABLED':
    case 'INSUFFICIENT_ACCESS':
    case 'INSUFFICIENT_ACCESS_OR_READONLY':
    case 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY':
      return {
        code: 'AUTH_REVOKED',
        reason: 'insufficient_access',
        advice:
          'the integration user may not do this; assign the Leadwire_Integration permission set (and API Enabled) and resume the tenant',
      };
    case 'UNABLE_TO_LOCK_ROW':
      return {
        code: 'CONFLICT',
        reason: 'row_locked',
        advice: 'another process holds the record; retrying shortly',
      };
    case 'DUPLICATE_VALUE':
      // On an external id this is two upserts racing to create the same key: the retry finds and updates the record.
      return {
        code: 'CONFLICT',
        reason: 'duplicate_value',
        advice: 'a record with this unique value was created at the same time; retrying updates it',
      };
    case 'MULTIPLE_CHOICES':
      return {
        code: 'VALIDATION',
        reason: 'multiple_matches',
        advice:
          'more than one record carries this external id; make the field unique in Setup and merge the duplicates',
      };
    case 'DUPLICATES_DETECTED':
      return {
        code: 'VALIDATION',
        reason: 'duplicate_rule',
        advice:
          'a duplicate rule blocked the record; allow the integration user to bypass it or merge the records',
      };
    case 'FIELD_CUSTOM_VALIDATION_EXCEPTION':
      return {
        code: 'VALIDATION',
        reason: 'validation_rule',
        advice:
          'a validation rule in the org refused the record; exempt the integration user or relax the rule',
      };
    case 'REQUIRED_FIELD_MISSING':
      return {
        code: 'VALIDATION',
        reason: 'required_field_missing',
        advice:
          'the org requires a field Leadwire does not set; make it optional for the integration user or give it a default',
      };
    case 'INACTIVE_OWNER_OR_USER':
      return {
        code: 'VALIDATION',
        reason: 'inactive_owner',
        advice: 'the routed owner is inactive in Salesforce; remove them from routing',
      };
    case 'NOT_FOUND':
    case 'ENTITY_IS_DELETED':
      return {
        code: 'NOT_FOUND',
        reason: code.toLowerCase(),
        advice: 'the record or resource does not exist',
      };
    case 'INVALID_TYPE':
    case 'INVALID_FIELD':
    case 'NO_SUCH_COLUMN':
      return {
        code: 'VALIDATION',
        reason: 'schema_missing',
        advice:
          'an object or field Leadwire writes is missing or hidden; install the Leadwire package and assign its permission set (leadwire setup salesforce)',
      };
    case 'SERVER_UNAVAILABLE':
    case 'REQUEST_RUNNING_TOO_LONG':
    case 'UNKNOWN_EXCEPTION':
    case 'QUERY_TIMEOUT':
      return {
        code: 'TEMPORARY',
        reason: code.toLowerCase(),
        advice: 'Salesforce failed for now; retrying with backoff',
      };
  }
  if (status === 401)
    return {
      code: 'AUTH_REVOKED',
      reason: 'unauthorized',
      advice: 'reconnect the org (leadwire setup salesforce)',
    };
  if (status === 404)
    return { code: 'NOT_FOUND', reason: 'not_found', advice: 'the record or resource does not exist' };
  if (status === 409) return { code: 'CONFLICT', reason: 'conflict', advice: 'retrying shortly' };
  if (status === 420 || status === 429 || status >= 500 || status === 0)
    return {
      code: 'TEMPORARY',
      reason: `http_${status}`,
      advice: 'Salesforce failed for now; retrying with backoff',
    };
  // FIELD_INTEGRITY_EXCEPTION, STRING_TOO_LONG, INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, MALFORMED_ID, … and
  // any other 4xx: the data is wrong and retrying cannot fix it
  return {
    code: 'VALIDATION',
    reason: code.toLowerCase(),
    advice: 'Salesforce refused the data; see the error for the field',
  };
}

/**
 * A failed answer (HTTP status, parsed body, headers) as a LeadwireError with `details` `{ reason, errorCode,
 * fields, referenceId, status, errors }`. Pure; the caller decides what to do with it.
 */
export function parseSalesforceError(
  status: number,
  body: unknown,
  _headers?: SalesforceErrorHeaders,
): LeadwireError {
  const errors = salesforceErrorsOf(status, body);
  const first = errors[0] ?? { errorCode: `ERROR_HTTP_${status}`, message: '', fields: [], status };
  const classified = classify(first);
  const where = first.referenceId === undefined ? '' : ` (${first.referenceId})`;
  return new LeadwireError(
    classified.code,
    `Salesforce ${first.errorCode}${where}: ${first.message} — ${classified.advice}`,
    {
      ...(classified.retryAfterMs === undefined ? {} : { retryAfterMs: classified.retryAfterMs }),
      details: {
        reason: classified.reason,
        errorCode: first.errorCode,
        fields: first.fields,
        status: first.status,
        ...(first.referenceId === undefined ? {} : { referenceId: first.referenceId }),
        errors: errors.map(({ errorCode, fields, referenceId }) => ({ errorCode, fields, referenceId })),
      },
    },
  );
}

/** The HTTP status jsforce's error code stands for (jsforce drops the status: jsforce#1701). */
const statusOfCode: Record<string, number> = {
  INVALID_SESSION_ID: 401,
  REQUEST_LIMIT_EXCEEDED: 403,
  INSUFFICIENT_ACCESS: 403,
  API_DISABLED_FOR_ORG: 403,
  NOT_FOUND: 404,
  ENTITY_IS_DELETED: 404,
  MULTIPLE_CHOICES: 300,
  SERVER_UNAVAILABLE: 503,
  UNKNOWN_EXCEPTION: 500,
};

const jsforceError = z
  .object({ errorCode: z.string().optional(), message: z.string(), data: z.unknown().optional() })
  .loose();

/**
 * Anything jsforce threw as a LeadwireError: an `HttpApiError` (`errorCode`, `data`), a failed session refresh
 * ("Unable to refresh session due to: …" — the one refresh jsforce tried was refused), or a network failure.
 */
export function fromJsforceError(error: unknown): LeadwireError {
  if (error instanceof LeadwireError) return error;
  const parsed = jsforceError.safeParse(error);
  if (!parsed.success) return new LeadwireError('TEMPORARY', String(error), { cause: error });
  const { errorCode, message, data } = parsed.data;
  if (/Unable to refresh session/i.test(message)) {
    const wrapped = parseSalesforceError(400, { error: 'invalid_grant', error_description: message });
    return new LeadwireError(wrapped.code, wrapped.message, {
      cause: error,
      ...(wrapped.details ? { details: wrapped.details } : {}),
    });
  }
  if (errorCode === undefined)
    return new LeadwireError('TEMPORARY', `Salesforce unreachable: ${message}`, {
      cause: error,
      details: { reason: 'network' },
    });
  const httpStatus = /^ERROR_HTTP_(\d{3})$/.exec(errorCode);
  const status = httpStatus ? Number(httpStatus[1]) : (statusOfCode[errorCode] ?? 400);
  const body =
    errorCode === 'MULTIPLE_API_ERRORS' && Array.isArray(data)
      ? data
      : [
          {
            errorCode,
            message,
            ...(data !== null && typeof data === 'object'
              ? { fields: (data as { fields?: unknown }).fields }
              : {}),
          },
        ];
  const mapped = parseSalesforceError(status, sanitize(body));
  return new LeadwireError(mapped.code, mapped.message, {
    cause: error,
    ...(mapped.retryAfterMs === undefined ? {} : { retryAfterMs: mapped.retryAfterMs }),
    ...(mapped.details === undefined ? {} : { details: mapped.details }),
  });
}

function sanitize(body: unknown[]): unknown[] {
  return body.map((item) => {
    if (item === null || typeof item !== 'object') return item;
    const { fields, ...rest } = item as { fields?: unknown };
    return Array.isArray(fields) ? { ...rest, fields } : rest;
  });
}
