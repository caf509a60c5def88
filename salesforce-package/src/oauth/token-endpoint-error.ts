// What a failed call to Salesforce's token endpoint (/services/oauth2/token) means. jsforce's OAuth2 throws an
// Error whose `name` is the OAuth `error` and whose message is `error_description`; a non-JSON answer becomes
// `ERROR_HTTP_<status>`, and the HTTP status is otherwise not exposed (https://github.com/jsforce/jsforce/issues/1701).
// Error codes: https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_flow_errors.htm&type=5
import { LeadwireError } from '@leadwire/connector-core';

export interface TokenEndpointRefusal {
  /** the OAuth `error` (`invalid_grant`, `invalid_client_id`, …) or `ERROR_HTTP_<status>` */
  error: string;
  /** Salesforce's `error_description`: never holds a token */
  description: string;
}

/** The refusal when `error` came from the token endpoint; undefined for network failures and our own bugs. */
export function tokenEndpointRefusal(error: unknown): TokenEndpointRefusal | undefined {
  if (!(error instanceof Error)) return undefined;
  if (!/^(?:[a-z_]+|ERROR_HTTP_\d{3})$/.test(error.name)) return undefined;
  return { error: error.name, description: error.message.slice(0, 300) };
}

/** OAuth errors that mean the grant itself is gone: the refresh token was revoked or expired, the user or org deactivated. */
export const REVOKED_GRANT_ERRORS: ReadonlySet<string> = new Set([
  'invalid_grant',
  'inactive_user',
  'inactive_org',
]);

/** OAuth errors that mean Leadwire's connected-app credentials are wrong (configuration, not the org). */
const CLIENT_ERRORS: ReadonlySet<string> = new Set([
  'invalid_client_id',
  'invalid_client',
  'invalid_client_credentials',
  'unauthorized_client',
  'redirect_uri_mismatch',
]);

/**
 * The failure as a LeadwireError, for everything but a revoked grant (the caller decides what that means):
 * 5xx and network failures are TEMPORARY, 429 RATE_LIMITED, bad client credentials AUTH_REVOKED (nothing works
 * until the configuration is fixed), any other refusal VALIDATION.
 */
export function tokenEndpointError(error: unknown, action: string, where = 'Salesforce'): LeadwireError {
  const refusal = tokenEndpointRefusal(error);
  if (refusal === undefined) {
    return new LeadwireError('TEMPORARY', `${where}: ${action} failed; it is retried`, { cause: error });
  }
  const details = { reason: refusal.error, description: refusal.description };
  const status = /^ERROR_HTTP_(\d{3})$/.exec(refusal.error)?.[1];
  if (status === '429') {
    return new LeadwireError('RATE_LIMITED', `${where}: ${action} was rate limited`, {
      cause: error,
      details,
      retryAfterMs: 10_000,
    });
  }
  if (status !== undefined && Number(status) >= 500) {
    return new LeadwireError('TEMPORARY', `${where}: ${action} failed (HTTP ${status}); it is retried`, {
      cause: error,
      details,
    });
  }
  if (CLIENT_ERRORS.has(refusal.error)) {
    return new LeadwireError(
      'AUTH_REVOKED',
      `Salesforce refused Leadwire's connected app (${refusal.error}: ${refusal.description}): check ` +
        'salesforce.consumerKey, the consumer secret and the callback URL of the connected app',
      { cause: error, details },
    );
  }
  return new LeadwireError(
    'VALIDATION',
    `${where}: ${action} was refused (${refusal.error}: ${refusal.description})`,
    { cause: error, details },
  );
}
