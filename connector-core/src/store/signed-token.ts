// A small signed token: base64url(JSON payload) "." base64url(HMAC-SHA256(payload)). The OAuth `state` and the
// operator's install links are both this shape, each under a key derived for its own purpose.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Longer texts are refused before any work (a state or a link is a few hundred characters). */
const MAX_TOKEN_CHARS = 1024;

export type OpenedToken = { ok: true; payload: unknown } | { ok: false; reason: 'malformed' | 'forged' };

export function signedToken(key: Buffer) {
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest();
  return {
    seal(payload: object): string {
      const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${encoded}.${mac(encoded).toString('base64url')}`;
    },
    /** The payload once the signature matched (constant-time), else why not. */
    open(token: string): OpenedToken {
      const [encoded, signature, ...rest] = token.split('.');
      if (!encoded || !signature || rest.length > 0 || token.length > MAX_TOKEN_CHARS)
        return { ok: false, reason: 'malformed' };
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(encoded);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return { ok: false, reason: 'forged' };
      try {
        return { ok: true, payload: JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) };
      } catch {
        return { ok: false, reason: 'malformed' };
      }
    },
  };
}
