// HubSpot's install `state`: the shared signed state (connector-core) under HubSpot's own derived key.
import {
  DEFAULT_STATE_TTL_MS,
  deriveOAuthStateKey,
  type OAuthStateCheck,
  type OAuthStatePayload,
  type StateLink,
  signedOAuthState,
} from '@leadwire/connector-core';

export { DEFAULT_STATE_TTL_MS, type OAuthStateCheck, type OAuthStatePayload };

/** HubSpot's key for state signatures, derived from LEADWIRE_SECRET_KEY. */
export function deriveStateKey(secretKey: Buffer): Buffer {
  return deriveOAuthStateKey(secretKey, 'hubspot');
}

export function oauthState(key: Buffer) {
  const signed = signedOAuthState(key);
  return {
    issue: (grant: StateLink & { tenantId: string }, now: number, ttlMs = DEFAULT_STATE_TTL_MS): string =>
      signed.issue(grant, now, ttlMs).state,
    check: signed.check,
  };
}
