// X-Hub-Signature-256: `sha256=` + hex HMAC-SHA256 of the exact raw body with the app secret. Hash the bytes
// as received — Meta escapes non-ASCII as \uXXXX and `/` as `\/`, so re-serialized JSON never matches
// (whatsapp-api-js #290, #380). Compared in constant time against every configured app's secret.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface AppSecret {
  appId: string;
  secret: string;
}

export function signBody(raw: Buffer | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

/** Exactly `sha256=` and 64 hex digits: no junk after the digest, no second header joined to the first. */
const SIGNATURE = /^sha256=[0-9a-fA-F]{64}$/;

/** The ids of the apps whose secret produced this signature (empty when missing, malformed or wrong). */
export function verifySignature(
  raw: Buffer,
  header: string | string[] | undefined,
  apps: readonly AppSecret[],
): string[] {
  // Node joins repeated headers with ", ", and Buffer.from(hex) stops quietly at the first non-hex character:
  // parse strictly, so only one well-formed signature is ever compared.
  if (typeof header !== 'string' || !SIGNATURE.test(header)) return [];
  const given = Buffer.from(header.slice(7), 'hex');
  const matched: string[] = [];
  for (const app of apps) {
    const expected = createHmac('sha256', app.secret).update(raw).digest();
    if (timingSafeEqual(given, expected)) matched.push(app.appId);
  }
  return matched;
}

/** Compares two secrets in constant time, whatever their lengths (both are hashed to the same size first). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}
