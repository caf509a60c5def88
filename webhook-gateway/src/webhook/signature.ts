// X-Hub-Signature-256: `sha256=` + hex HMAC-SHA256 of the exact raw body with the app secret. Hash the bytes
// as received — Meta escapes non-ASCII as \uXXXX and `/` as `\/`, so re-serialized JSON never matches
// (whatsapp-api-js #290, #380). Compared in constant time against every configured app's secret.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface AppSecret {
  appId: string;
  secret: string;
}

export function signBody(raw: Buffer | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

/** The ids of the apps whose secret produced this signature (empty when missing, malformed or wrong). */
export function verifySignature(
  raw: Buffer,
  header: string | undefined,
  apps: readonly AppSecret[],
): string[] {
  if (header === undefined || !header.startsWith('sha256=')) return [];
  const given = Buffer.from(header.slice(7), 'hex');
  if (given.length !== 32) return [];
  const matched: string[] = [];
  for (const app of apps) {
    const expected = createHmac('sha256', app.secret).update(raw).digest();
    if (timingSafeEqual(given, expected)) matched.push(app.appId);
  }
  return matched;
}
