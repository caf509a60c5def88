// The v3 signature HubSpot puts on webhooks and `hubspot.fetch` calls: known vectors (computed with
// `openssl dgst -sha256 -hmac … -binary | base64` over the documented concatenation), the URI decoding rules,
// the 5-minute window both ways, and every tampered part refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Signature } from '@hubspot/api-client';
import {
  HUBSPOT_SIGNATURE_WINDOW_MS,
  hubspotSignatureUri,
  hubspotSignatureV3,
  signHubspotRequestV3,
  verifyHubspotSignatureV3,
} from '../src/signature-v3.ts';

const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const NOW = 1_700_000_000_000;
const CARD_URL = 'https://leadwire.example.com/hubspot/card?portalId=123&appId=456';
const BODY = '{"example_field":"example_value"}';

describe('v3 signature: known vectors', () => {
  it('signs method + URI + body + timestamp with HMAC-SHA256 in base64', () => {
    // printf '%s' 'POSThttps://leadwire.example.com/hubspot/card?portalId=123&appId=456{"example_field":"example_value"}1700000000000' | openssl …
    const signature = hubspotSignatureV3({
      method: 'post',
      url: CARD_URL,
      rawBody: BODY,
      timestamp: NOW,
      clientSecret: SECRET,
    });
    assert.equal(signature, 'OLTm75tCs7zZvMZHjLzhie0j08/gVrmUSig1QK4DlJI=');
  });

  it('decodes the documented escapes in the URI before signing, and keeps %20', () => {
    // signed string: GEThttps://leadwire.example.com/hubspot/card?email=a@b.co&q=it's%20(x)1700000000000
    const url = 'https://leadwire.example.com/hubspot/card?email=a%40b.co&q=it%27s%20%28x%29';
    const signature = hubspotSignatureV3({
      method: 'GET',
      url,
      rawBody: '',
      timestamp: NOW,
      clientSecret: SECRET,
    });
    assert.equal(signature, 'z1oqUet/yRPhGpHQ15bczta+XUq+k5Lbyezbxo4OY5A=');
  });

  it('agrees with the SDK’s own v3 implementation on an URL without escapes', () => {
    const sdk = Signature.getSignature('POST', 'v3', {
      signature: '',
      url: CARD_URL,
      requestBody: BODY,
      timestamp: NOW,
      clientSecret: SECRET,
    });
    assert.equal(
      hubspotSignatureV3({
        method: 'POST',
        url: CARD_URL,
        rawBody: BODY,
        timestamp: NOW,
        clientSecret: SECRET,
      }),
      sdk,
    );
  });

  const uriCases: [string, string][] = [
    ['%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B', ":/?@!$'()*,;"],
    ['%3a%2f', ':/'],
    ['%20%26%3D%2B%23%25%22', '%20%26%3D%2B%23%25%22'],
    ['caf%C3%A9', 'caf%C3%A9'],
  ];
  for (const [sent, signed] of uriCases) {
    it(`signs ?q=${sent} as ?q=${signed}`, () => {
      assert.equal(hubspotSignatureUri(`https://x.example/p?q=${sent}`), `https://x.example/p?q=${signed}`);
    });
  }
});

describe('v3 signature: verification', () => {
  const signed = {
    method: 'POST',
    url: CARD_URL,
    rawBody: Buffer.from(BODY),
    clientSecret: SECRET,
  };
  const headers = signHubspotRequestV3({ ...signed, now: NOW });
  const base = {
    ...signed,
    timestamp: headers['x-hubspot-request-timestamp'],
    signature: headers['x-hubspot-signature-v3'],
    now: NOW,
  };

  const cases: [
    string,
    Partial<typeof base> & { timestamp?: string | undefined; signature?: string | undefined },
    string,
  ][] = [
    ['the request as signed', {}, 'ok'],
    ['the method in lower case (HubSpot signs it upper-case)', { method: 'post' }, 'ok'],
    ['4m59s later', { now: NOW + HUBSPOT_SIGNATURE_WINDOW_MS - 1000 }, 'ok'],
    ['a clock 30 s behind HubSpot', { now: NOW - 30_000 }, 'ok'],
    ['5m01s later (stale)', { now: NOW + HUBSPOT_SIGNATURE_WINDOW_MS + 1000 }, 'stale'],
    ['a timestamp 10 minutes in the future', { now: NOW - 10 * 60_000 }, 'stale'],
    ['an unreadable timestamp', { timestamp: '17e11' }, 'stale'],
    ['no timestamp header', { timestamp: undefined }, 'missing'],
    ['no signature header', { signature: undefined }, 'missing'],
    ['an empty signature header', { signature: '' }, 'missing'],
    ['a tampered body', { rawBody: Buffer.from(BODY.replace('value', 'valuE')) }, 'mismatch'],
    ['a tampered URL (other portal)', { url: CARD_URL.replace('123', '124') }, 'mismatch'],
    ['a tampered method', { method: 'PUT' }, 'mismatch'],
    ['a replayed signature with a fresh timestamp', { timestamp: String(NOW + 1000) }, 'mismatch'],
    ['another app’s secret', { clientSecret: 'another-secret' }, 'mismatch'],
    ['a truncated signature', { signature: headers['x-hubspot-signature-v3'].slice(0, 20) }, 'mismatch'],
    [
      'a signature whose + became a space (URL-decoded by a proxy)',
      { signature: headers['x-hubspot-signature-v3'].replaceAll('+', ' ').replaceAll('/', ' ') },
      'mismatch',
    ],
  ];
  for (const [name, change, expected] of cases) {
    it(`${name} → ${expected}`, () => {
      const result = verifyHubspotSignatureV3({ ...base, ...change });
      assert.deepEqual(result, expected === 'ok' ? { ok: true } : { ok: false, reason: expected });
    });
  }

  it('verifies a URL whose escapes HubSpot decodes, given as the client sent it', () => {
    const url = 'https://leadwire.example.com/hubspot/card?email=a%40b.co';
    const h = signHubspotRequestV3({ method: 'GET', url, rawBody: '', clientSecret: SECRET, now: NOW });
    const check = (u: string) =>
      verifyHubspotSignatureV3({
        method: 'GET',
        url: u,
        rawBody: '',
        timestamp: h['x-hubspot-request-timestamp'],
        signature: h['x-hubspot-signature-v3'],
        clientSecret: SECRET,
        now: NOW,
      });
    assert.deepEqual(check(url), { ok: true });
    assert.deepEqual(check('https://leadwire.example.com/hubspot/card?email=a@b.co'), { ok: true });
    assert.deepEqual(check('https://leadwire.example.com/hubspot/card?email=a%2540b.co'), {
      ok: false,
      reason: 'mismatch',
    });
  });

  it('signs the raw bytes, so a body that is not valid UTF-8 still verifies', () => {
    const rawBody = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const h = signHubspotRequestV3({
      method: 'POST',
      url: CARD_URL,
      rawBody,
      clientSecret: SECRET,
      now: NOW,
    });
    const verify = (body: Buffer) =>
      verifyHubspotSignatureV3({
        method: 'POST',
        url: CARD_URL,
        rawBody: body,
        timestamp: h['x-hubspot-request-timestamp'],
        signature: h['x-hubspot-signature-v3'],
        clientSecret: SECRET,
        now: NOW,
      });
    assert.deepEqual(verify(rawBody), { ok: true });
    assert.deepEqual(verify(Buffer.from(rawBody.toString('utf8'))), { ok: false, reason: 'mismatch' });
  });
});
