// How the card and the settings page reach the Leadwire backend: one fetcher signature (hubspot.fetch in
// HubSpot, a fake in tests), the backend's base URL, and the JSON error shape every endpoint answers with.
// Nothing secret lives here: HubSpot signs each hubspot.fetch call (X-HubSpot-Signature-v3) and the backend
// verifies it and scopes the answer to the calling portal (research/hubspot.md §11.1, §12.3).

/**
 * The Leadwire backend. It must also be listed in `src/app/app-hsmeta.json` → `config.permittedUrls.fetch`
 * (HTTPS, no localhost: use `src/app/local.json` proxying for `hs project dev`).
 */
export const BACKEND_URL = 'https://leadwire.example.com';

export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface FetchInit {
  method: HttpMethod;
  /** hubspot.fetch sends it as JSON (and signs `JSON.stringify(body)`) */
  body?: Record<string, unknown>;
  /** ms; hubspot.fetch defaults to 15 s and allows up to 120 s */
  timeout?: number;
}

/** The part of a fetch Response the UI reads. */
export interface FetchResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

/** `hubspot.fetch`-compatible; injected so tests need no HubSpot runtime (hubspot.fetch is not mocked). */
export type Fetcher = (url: string, init: FetchInit) => Promise<FetchResponse>;

/** The error codes of Leadwire's `LeadwireError` (connector-core/src/model/errors.ts), plus transport failures. */
export type BackendErrorCode =
  | 'TEMPORARY'
  | 'RATE_LIMITED'
  | 'AUTH_REVOKED'
  | 'VALIDATION'
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'NETWORK'
  | 'BAD_RESPONSE';

/** A problem at one field of a request body (`path` as zod reports it, e.g. `["rules", 0, "targets"]`). */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Every non-2xx answer of the backend:
 * `{ "error": { "code": "CONFLICT", "message": "…a sentence a person can act on…", "issues": [...] } }`.
 */
export interface BackendErrorBody {
  error: { code: BackendErrorCode; message: string; issues?: FieldIssue[] };
}

export class BackendError extends Error {
  readonly code: BackendErrorCode;
  readonly status: number;
  readonly issues: FieldIssue[];

  constructor(code: BackendErrorCode, message: string, status = 0, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
    this.status = status;
    this.issues = issues;
  }
}

const CODES = new Set<string>([
  'TEMPORARY',
  'RATE_LIMITED',
  'AUTH_REVOKED',
  'VALIDATION',
  'CONFLICT',
  'NOT_FOUND',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorFromBody(status: number, body: unknown): BackendError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    const code = CODES.has(error.code) ? (error.code as BackendErrorCode) : 'TEMPORARY';
    const issues = Array.isArray(error.issues)
      ? error.issues.filter(
          (issue): issue is FieldIssue =>
            isRecord(issue) && Array.isArray(issue.path) && typeof issue.message === 'string',
        )
      : [];
    return new BackendError(code, error.message, status, issues);
  }
  const code = status === 404 ? 'NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : 'TEMPORARY';
  return new BackendError(code, `Leadwire answered HTTP ${status}. Try again in a moment.`, status);
}

/** Build `{BACKEND_URL}{path}?query` with the query values encoded. */
export function backendUrl(path: string, query: Record<string, string | number> = {}): string {
  const params = Object.entries(query)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return `${BACKEND_URL}${path}${params === '' ? '' : `?${params}`}`;
}

/** One call to the backend: the parsed JSON on 2xx, a {@link BackendError} otherwise. */
export async function requestJson(fetcher: Fetcher, url: string, init: FetchInit): Promise<unknown> {
  let response: FetchResponse;
  try {
    response = await fetcher(url, init);
  } catch (cause) {
    const detail = cause instanceof Error ? ` (${cause.message})` : '';
    throw new BackendError('NETWORK', `Could not reach Leadwire${detail}. Check your connection and retry.`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) throw errorFromBody(response.status, body);
  return body;
}

/** A message for any thrown value, for the error states. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}
