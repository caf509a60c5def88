// Salesforce's connect `state`: the shared signed state (connector-core) under Salesforce's own derived key;
// its nonce also keys the server-side PKCE verifier.
import {
  DEFAULT_STATE_TTL_MS,
  deriveOAuthStateKey,
  type OAuthStateCheck,
  type OAuthStatePayload,
  signedOAuthState,
} from '@leadwire/connector-core';

export { DEFAULT_STATE_TTL_MS };
export type SalesforceStatePayload = OAuthStatePayload;
export type SalesforceStateCheck = OAuthStateCheck;

/** The key for Salesforce `state` signatures, derived from LEADWIRE_SECRET_KEY so no key serves two purposes. */
export function deriveSalesforceStateKey(secretKey: Buffer): Buffer {
  return deriveOAuthStateKey(secretKey, 'salesforce');
}

export const salesforceOAuthState = signedOAuthState;
