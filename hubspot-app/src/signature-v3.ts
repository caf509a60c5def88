// HubSpot's v3 request signature (webhooks, workflow actions, `hubspot.fetch` from cards): base64 of
// HMAC-SHA256(client secret, method + URI + raw body + timestamp), timestamp in ms, 5-minute window.
// https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation
// The SDK's `Signature.isValid` compares with `===` and throws on a stale timestamp, so we do not use it.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Requests signed longer ago than this (or further in the future) are refused. */
export const HUBSPOT_SIGNATURE_WINDOW_MS = 5 * 60_000;

export const HUBSPOT_SIGNATURE_HEADER = 'x-hubspot-signature-v3';
export const HUBSPOT_TIMESTAMP_HEADER = 'x-hubspot-request-timestamp';

/**
 * The percent-escapes HubSpot decodes in the URI before signing; every other escape (`%20`, `%26`, `%3D`,
 * `%2B`, `%23`, …) stays as sent. Source: the request-validation doc above, "Validate the v3 request signature".
 */
const DECODED_ESCAPES: Readonly<Record<string, string>> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};
const DECODED_ESCAPE = /%(?:3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/** The URI as HubSpot signs it: the full URL it called, with only the documented escapes decoded. */
export function hubspotSignatureUri(url: string): string {
  return url.replace(DECODED_ESCAPE, (encoded) => DECODED_ESCAPES[encoded.toUpperCase()] ?? encoded);
}

export interface SignatureV3Input {
  /** the HTTP method HubSpot used (upper-cased before signing) */
  method: string;
  /** the full public https URL HubSpot called, query included, as HubSpot sent it (not the proxy's view) */
  url: string;
  /** the raw body bytes (empty for GET) — never a re-serialized parse */
  rawBody: Buffer | string;
  /** the X-HubSpot-Request-Timestamp value: ms since the epoch */
  timestamp: string | number;
  clientSecret: string;
}

function hmacV3(input: SignatureV3Input): Buffer {
  const body = typeof input.rawBody === 'string' ? Buffer.from(input.rawBody, 'utf8') : input.rawBody;
  return createHmac('sha256', input.clientSecret)
    .update(`${input.method.toUpperCase()}${hubspotSignatureUri(input.url)}`, 'utf8')
    .update(body)
    .update(String(input.timestamp), 'utf8')
    .digest();
}

/** The X-HubSpot-Signature-v3 value HubSpot would send for this request. */
export function hubspotSignatureV3(input: SignatureV3Input): string {
  return hmacV3(input).toString('base64');
}

/** The headers HubSpot adds to a signed request (for tests, the sandbox and the local card proxy). */
export function signHubspotRequestV3(input: Omit<SignatureV3Input, 'timestamp'> & { now: number }): {
  'x-hubspot-signature-v3': string;
  'x-hubspot-request-timestamp': string;
} {
  const timestamp = String(input.now);
  return {
    [HUBSPOT_SIGNATURE_HEADER]: hubspotSignatureV3({ ...input, timestamp }),
    [HUBSPOT_TIMESTAMP_HEADER]: timestamp,
  };
}

export interface VerifySignatureV3Input {
  method: string;
  /** the full public https URL HubSpot called (configured public origin + the request's original URL) */
  url: string;
  rawBody: Buffer | string;
  /** the X-HubSpot-Request-Timestamp header */
  timestamp: string | undefined;
  /** the X-HubSpot-Signature-v3 header */
  signature: string | undefined;
  clientSecret: string;
  /** ms since the epoch */
  now: number;
  /** default HUBSPOT_SIGNATURE_WINDOW_MS */
  windowMs?: number;
}

export type SignatureV3Result =
  | { ok: true }
  | {
      ok: false;
      /** `missing`: a header is absent; `stale`: the timestamp is outside the window or unreadable; `mismatch`: wrong signature */
      reason: 'missing' | 'stale' | 'mismatch';
    };

/** Verify a request HubSpot signed: header presence, the 5-minute window, then the HMAC in constant time. */
export function verifyHubspotSignatureV3(input: VerifySignatureV3Input): SignatureV3Result {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'stale' };
  const windowMs = input.windowMs ?? HUBSPOT_SIGNATURE_WINDOW_MS;
  if (Math.abs(input.now - Number(timestamp)) > windowMs) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(hmacV3({ ...input, timestamp }).toString('base64'), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  const same = given.length === expected.length && timingSafeEqual(given, expected);
  return same ? { ok: true } : { ok: false, reason: 'mismatch' };
}
