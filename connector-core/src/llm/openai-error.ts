// OpenAI-compatible API failures as LeadwireErrors, so the turn knows what to do: a slow or failing
// endpoint is TEMPORARY, 429 is RATE_LIMITED (with the wait the API asked for), a rejected key is
// AUTH_REVOKED, and anything the model said that cannot be used (refusal, broken JSON, output outside the
// schema, a cut-off answer) is VALIDATION. The intake caller treats every one as "the offline result stands".
// https://platform.openai.com/docs/guides/error-codes
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  ContentFilterFinishReasonError,
  LengthFinishReasonError,
} from 'openai/core/error';
import { ZodError } from 'zod';
import { LeadwireError } from '../model/errors.ts';

/** What the call was, for messages a person can act on: `intake model gpt-4o-mini`. */
export interface OpenAiCallContext {
  what: string;
}

/** `retry-after-ms` (OpenAI's own header) or `retry-after` in seconds, when the response carried one. */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const seconds = Number(headers?.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** The API's own `error.code` / `error.type`, kept in details (never the message body or the key). */
function apiDetails(error: APIError): Record<string, unknown> {
  const details: Record<string, unknown> = { status: error.status };
  if (typeof error.code === 'string') details.apiCode = error.code;
  if (typeof error.type === 'string') details.apiType = error.type;
  const requestId = error.requestID;
  if (typeof requestId === 'string') details.requestId = requestId;
  return details;
}

/** Any failure of an OpenAI-compatible call (SDK error, JSON or zod parse error) as a LeadwireError. */
export function parseOpenAiError(error: unknown, context: OpenAiCallContext): LeadwireError {
  if (error instanceof LeadwireError) return error;
  const { what } = context;
  // APIConnectionTimeoutError extends APIConnectionError; both carry no status.
  if (error instanceof APIConnectionError) {
    return new LeadwireError('TEMPORARY', `${what}: no answer from the endpoint (${error.message})`, {
      cause: error,
    });
  }
  if (error instanceof APIUserAbortError) {
    return new LeadwireError('TEMPORARY', `${what}: the request was aborted`, { cause: error });
  }
  if (error instanceof APIError) {
    const status = error.status;
    const details = apiDetails(error);
    if (status === undefined) {
      return new LeadwireError('TEMPORARY', `${what}: the endpoint failed (${error.message})`, {
        cause: error,
        details,
      });
    }
    if (status === 429) {
      const wait = retryAfterMs(error.headers);
      // insufficient_quota is also a 429, but waiting does not help: someone must add credit.
      if (error.code === 'insufficient_quota') {
        return new LeadwireError('AUTH_REVOKED', `${what}: the API account is out of quota; add credit`, {
          cause: error,
          details,
        });
      }
      return new LeadwireError('RATE_LIMITED', `${what}: rate limited by the endpoint`, {
        cause: error,
        details,
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
      });
    }
    if (status === 401 || status === 403) {
      return new LeadwireError(
        'AUTH_REVOKED',
        `${what}: the endpoint rejected the API key (${status}); check llm.apiKey`,
        { cause: error, details },
      );
    }
    if (status === 408 || status === 409 || status >= 500) {
      return new LeadwireError('TEMPORARY', `${what}: the endpoint failed (${status})`, {
        cause: error,
        details,
      });
    }
    return new LeadwireError('VALIDATION', `${what}: the endpoint refused the request (${status})`, {
      cause: error,
      details,
    });
  }
  if (error instanceof LengthFinishReasonError || error instanceof ContentFilterFinishReasonError) {
    return new LeadwireError('VALIDATION', `${what}: the answer was cut off (${error.message})`, {
      cause: error,
    });
  }
  if (error instanceof SyntaxError) {
    return new LeadwireError('VALIDATION', `${what}: the answer is not JSON`, { cause: error });
  }
  if (error instanceof ZodError) {
    const paths = error.issues.map((issue) => issue.path.join('.') || '(root)');
    return new LeadwireError('VALIDATION', `${what}: the answer does not match the schema`, {
      cause: error,
      details: { paths },
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LeadwireError('TEMPORARY', `${what}: ${message}`, { cause: error });
}
