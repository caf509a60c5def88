// The OAuth `state` of a CRM install (HubSpot, Salesforce): names the tenant and carries the install link it
// started from (its nonce, expiry and re-link flag), signed (HMAC-SHA256) so nobody can forge one for another
// tenant or widen a link, expiring (never after its link), with a random nonce of its own. The callback spends
// the link's nonce, so neither a replayed state nor a second state from the same link installs again.
// Format: base64url(JSON {t, n, e, l, x, r}) "." base64url(HMAC).
import { hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { InstallGrant } from './install-link.ts';
import { signedToken } from './signed-token.ts';

/** How long an install may take from the redirect to the CRM until the callback. */
export const DEFAULT_STATE_TTL_MS = 10 * 60_000;

const NONCE = /^[\w-]{22}$/;

const payloadSchema = z.strictObject({
  t: z.string().min(1),
  n: z.string().regex(NONCE),
  e: z.number().int(),
  l: z.string().regex(NONCE),
  x: z.number().int(),
  r: z.boolean(),
});

/** The install link a state was issued from. */
export type StateLink = Pick<InstallGrant, 'nonce' | 'expiresAt' | 'relink'>;

export interface OAuthStatePayload {
  tenantId: string;
  nonce: string;
  /** ms since the epoch */
  expiresAt: number;
  link: StateLink;
}

export type OAuthStateCheck =
  | ({ ok: true } & OAuthStatePayload)
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

/**
 * A key for one CRM's state signatures, derived from LEADWIRE_SECRET_KEY (HKDF with the CRM's name), so the
 * same key never serves two purposes.
 */
export function deriveOAuthStateKey(secretKey: Buffer, crm: 'hubspot' | 'salesforce'): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), `leadwire ${crm} oauth state v1`, 32));
}

export function signedOAuthState(key: Buffer) {
  const token = signedToken(key);
  return {
    /** A state for an install started from `grant` (a checked install link); it expires with the link at the latest. */
    issue(
      grant: Pick<InstallGrant, 'tenantId' | 'nonce' | 'expiresAt' | 'relink'>,
      now: number,
      ttlMs = DEFAULT_STATE_TTL_MS,
    ): OAuthStatePayload & { state: string } {
      const nonce = randomBytes(16).toString('base64url');
      const expiresAt = Math.min(now + ttlMs, grant.expiresAt);
      const state = token.seal({
        t: grant.tenantId,
        n: nonce,
        e: expiresAt,
        l: grant.nonce,
        x: grant.expiresAt,
        r: grant.relink,
      });
      const link = { nonce: grant.nonce, expiresAt: grant.expiresAt, relink: grant.relink };
      return { state, tenantId: grant.tenantId, nonce, expiresAt, link };
    },
    check(state: string, now: number): OAuthStateCheck {
      const opened = token.open(state);
      if (!opened.ok) return opened;
      const parsed = payloadSchema.safeParse(opened.payload);
      if (!parsed.success) return { ok: false, reason: 'malformed' };
      const { t: tenantId, n: nonce, e: expiresAt, l, x, r } = parsed.data;
      if (now > expiresAt) return { ok: false, reason: 'expired' };
      return { ok: true, tenantId, nonce, expiresAt, link: { nonce: l, expiresAt: x, relink: r } };
    },
  };
}
