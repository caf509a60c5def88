// LeadwireError: one error type with a closed set of codes, and the table that says what each code means
// for the caller (retry, wait, stop the tenant, dead-letter) and for an HTTP client.

export const errorCodes = [
  'TEMPORARY',
  'RATE_LIMITED',
  'AUTH_REVOKED',
  'VALIDATION',
  'CONFLICT',
  'NOT_FOUND',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export type RetryPolicy =
  /** retry with exponential backoff */
  | 'backoff'
  /** retry after the error's `retryAfterMs` (or the backoff when it carries none) */
  | 'after'
  /** do not retry: the job goes to the dead-letter list at once */
  | 'never';

export interface ErrorHandling {
  httpStatus: number;
  retry: RetryPolicy;
  /** the tenant is paused until a person acts (reinstall, reconnect) */
  pausesTenant: boolean;
  meaning: string;
}

/** How each code is handled. Queue adapters, the HTTP edge and the CLI all read this one table. */
export const errorHandling: Readonly<Record<ErrorCode, ErrorHandling>> = {
  TEMPORARY: {
    httpStatus: 503,
    retry: 'backoff',
    pausesTenant: false,
    meaning: 'a dependency failed in a way that may pass: retry with exponential backoff',
  },
  RATE_LIMITED: {
    httpStatus: 429,
    retry: 'after',
    pausesTenant: false,
    meaning: 'a vendor limit was hit: wait retryAfterMs, slow the tenant down, drop nothing',
  },
  AUTH_REVOKED: {
    httpStatus: 502,
    retry: 'never',
    pausesTenant: true,
    meaning: 'the CRM or WhatsApp access was revoked: stop the tenant and alert; replay after reconnecting',
  },
  VALIDATION: {
    httpStatus: 400,
    retry: 'never',
    pausesTenant: false,
    meaning: 'the data is wrong and retrying cannot fix it: dead-letter with the reason',
  },
  CONFLICT: {
    httpStatus: 409,
    retry: 'backoff',
    pausesTenant: false,
    meaning: 'someone else holds or changed the record (lock busy, sequence moved): retry shortly',
  },
  NOT_FOUND: {
    httpStatus: 404,
    retry: 'never',
    pausesTenant: false,
    meaning: 'the thing asked for does not exist: dead-letter with the reason',
  },
};

export interface LeadwireErrorOptions {
  cause?: unknown;
  /** for RATE_LIMITED: how long to wait before the next try */
  retryAfterMs?: number;
  /** structured details a person or a log can use (never secrets or message bodies) */
  details?: Record<string, unknown>;
}

export class LeadwireError extends Error {
  override readonly name = 'LeadwireError';
  readonly code: ErrorCode;
  readonly retryAfterMs: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: LeadwireErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }

  get handling(): ErrorHandling {
    return errorHandling[this.code];
  }
}

/** Any thrown value as a LeadwireError; unknown failures count as TEMPORARY (retrying is the safe default). */
export function toLeadwireError(error: unknown): LeadwireError {
  if (error instanceof LeadwireError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LeadwireError('TEMPORARY', message, { cause: error });
}

export function isLeadwireError(error: unknown, code?: ErrorCode): error is LeadwireError {
  return error instanceof LeadwireError && (code === undefined || error.code === code);
}
