// The OAuth `state` of a CRM install (HubSpot, Salesforce): names the tenant that started it, signed
// (HMAC-SHA256) so nobody can forge one for another tenant, expiring, and carrying a random nonce the callback
// spends once (replays are refused). Format: base64url(JSON {t: tenant, n: nonce, e: expiresAt}) "." base64url(HMAC).
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** How long an install may take from the redirect to the CRM until the callback. */
export const DEFAULT_STATE_TTL_MS = 10 * 60_000;

const payloadSchema = z.strictObject({
  t: z.string().min(1),
  n: z.string().regex(/^[\w-]{22}$/),
  e: z.number().int(),
});

export interface OAuthStatePayload {
  tenantId: string;
  nonce: string;
  /** ms since the epoch */
  expiresAt: number;
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
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest();
  return {
    issue(
      tenantId: string,
      now: number,
      ttlMs = DEFAULT_STATE_TTL_MS,
    ): OAuthStatePayload & { state: string } {
      const nonce = randomBytes(16).toString('base64url');
      const expiresAt = now + ttlMs;
      const payload = Buffer.from(JSON.stringify({ t: tenantId, n: nonce, e: expiresAt })).toString(
        'base64url',
      );
      return { state: `${payload}.${mac(payload).toString('base64url')}`, tenantId, nonce, expiresAt };
    },
    check(state: string, now: number): OAuthStateCheck {
      const [payload, signature, ...rest] = state.split('.');
      if (!payload || !signature || rest.length > 0 || state.length > 1024)
        return { ok: false, reason: 'malformed' };
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return { ok: false, reason: 'forged' };
      }
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      const parsed = payloadSchema.safeParse(decoded);
      if (!parsed.success) return { ok: false, reason: 'malformed' };
      const { t: tenantId, n: nonce, e: expiresAt } = parsed.data;
      if (now > expiresAt) return { ok: false, reason: 'expired' };
      return { ok: true, tenantId, nonce, expiresAt };
    },
  };
}
