// The HubSpot side of a card call: every `hubspot.fetch` from the record card and the settings page is signed
// by HubSpot with the app's client secret (X-HubSpot-Signature-v3). HubSpot signs the public URL it called, so
// the URL is rebuilt from config `hubspot.publicUrl` + the request's original URL (never the Host header, which
// a proxy or a forged request controls), and the raw body bytes are verified before anything is parsed.
// HubSpot adds `portalId`, `userId`, `userEmail` (and `appId`) as query parameters (ui-extensions
// `ProxyMetadata`); they are trusted only once the signature verified, since they are part of the signed URL.
import {
  HUBSPOT_SIGNATURE_HEADER,
  HUBSPOT_TIMESTAMP_HEADER,
  verifyHubspotSignatureV3,
} from '@leadwire/hubspot-app';
import type { Request } from 'express';

/** Who called: the portal and user HubSpot vouched for in the signed URL. */
export interface HubspotCaller {
  portalId: string;
  userId?: string;
  userEmail?: string;
}

export type VerifiedCall =
  | { ok: true; caller: HubspotCaller; body: unknown }
  | { ok: false; status: 400 | 401; message: string };

/** The URL HubSpot called: the configured public origin (and any base path) + the original request URL. */
export function publicUrlOf(publicUrl: string, originalUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${originalUrl}`;
}

const query = (req: Request, name: string): string | undefined => {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** Verify the v3 signature over the raw body (kept by `express.raw`), then read the caller and the JSON body. */
export function verifyCall(
  req: Request,
  options: { clientSecret: string; publicUrl: string; now: number },
): VerifiedCall {
  const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const verdict = verifyHubspotSignatureV3({
    method: req.method,
    url: publicUrlOf(options.publicUrl, req.originalUrl),
    rawBody,
    timestamp: req.get(HUBSPOT_TIMESTAMP_HEADER),
    signature: req.get(HUBSPOT_SIGNATURE_HEADER),
    clientSecret: options.clientSecret,
    now: options.now,
  });
  if (!verdict.ok) {
    const why = {
      missing: 'the request is not signed by HubSpot',
      stale: 'the request signature expired (more than 5 minutes old); reload the card',
      mismatch: 'the request signature does not match',
    }[verdict.reason];
    return { ok: false, status: 401, message: `Leadwire refused the request: ${why}.` };
  }
  const portalId = query(req, 'portalId');
  if (portalId === undefined || !/^\d+$/.test(portalId))
    return { ok: false, status: 400, message: 'HubSpot did not say which portal is calling (portalId).' };
  const userId = query(req, 'userId');
  const userEmail = query(req, 'userEmail');
  let body: unknown;
  if (rawBody.length > 0) {
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return { ok: false, status: 400, message: 'The request body is not JSON.' };
    }
  }
  return {
    ok: true,
    caller: {
      portalId,
      ...(userId !== undefined && /^\d+$/.test(userId) ? { userId } : {}),
      ...(userEmail === undefined ? {} : { userEmail }),
    },
    body,
  };
}
