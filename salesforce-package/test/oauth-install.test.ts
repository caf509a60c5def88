// The connect link without Salesforce: from an operator's install link, the authorize URL on the production or
// sandbox login host carries the consumer key, callback, scopes, a signed state naming the tenant and the link,
// and an S256 PKCE challenge; the verifier never
// leaves the server and is kept sealed under the state's nonce.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import {
  deriveInstallLinkKey,
  installLinks,
  isInvalidInstallLink,
  SqliteSecretStore,
} from '@leadwire/connector-core';
import {
  codeChallengeS256,
  createCodeVerifier,
  deriveSalesforceStateKey,
  encryptedSalesforceTokenVault,
  parseIdentityUrl,
  salesforceOAuth,
  salesforceOAuthState,
} from '../src/oauth/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'lw-sf-oauth-install-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const secretKey = randomBytes(32);
const NOW = 1_700_000_000_000;
const clock = { now: () => NOW };
const REDIRECT = 'https://leadwire.example.com/oauth/salesforce/callback';
const links = installLinks(deriveInstallLinkKey(secretKey));
const grant = (tenantId: string) => links.issue({ crm: 'salesforce', tenantId, now: NOW });
/** an operator's install link (`leadwire install-link salesforce --tenant …`) */
const link = (tenantId: string) => grant(tenantId).link;

function makeOAuth() {
  const path = join(dir, `${randomBytes(4).toString('hex')}.db`);
  const store = new SqliteSecretStore({ path, clock });
  const oauth = salesforceOAuth({
    consumerKey: '3MVG9-consumer-key',
    consumerSecret: 'consumer-secret',
    redirectUri: REDIRECT,
    vault: encryptedSalesforceTokenVault({ store, key: secretKey }),
    store,
    stateKey: deriveSalesforceStateKey(secretKey),
    linkKey: deriveInstallLinkKey(secretKey),
    clock,
    isTenant: (id) => id === 'acme',
  });
  const rawRows = () => {
    const db = new DatabaseSync(path);
    const rows = db.prepare('SELECT key, value FROM secrets ORDER BY key').all();
    db.close();
    return rows.map((row) => ({ key: String(row.key), value: String(row.value) }));
  };
  return { oauth, rawRows };
}

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', () => {
    assert.equal(
      codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes verifiers of 43–128 unreserved characters, different every time', () => {
    const a = createCodeVerifier();
    assert.match(a, /^[A-Za-z0-9\-._~]{43,128}$/);
    assert.notEqual(a, createCodeVerifier());
  });
});

describe('install URL', () => {
  it('points at login.salesforce.com with consumer key, callback, scopes, state and an S256 challenge', async () => {
    const { oauth, rawRows } = makeOAuth();
    const url = new URL(await oauth.installUrl(link('acme')));
    assert.equal(url.origin + url.pathname, 'https://login.salesforce.com/services/oauth2/authorize');
    const q = url.searchParams;
    assert.equal(q.get('response_type'), 'code');
    assert.equal(q.get('client_id'), '3MVG9-consumer-key');
    assert.equal(q.get('redirect_uri'), REDIRECT);
    assert.equal(q.get('scope'), 'api refresh_token');
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.match(q.get('code_challenge')!, /^[\w-]{43}$/);
    assert.equal(q.get('code_verifier'), null, 'the verifier never goes to the browser');
    const check = salesforceOAuthState(deriveSalesforceStateKey(secretKey)).check(q.get('state')!, NOW);
    assert.ok(check.ok);
    assert.equal(check.tenantId, 'acme');
    // the verifier is kept server-side under the state's nonce, sealed
    const rows = rawRows();
    assert.deepEqual(
      rows.map((r) => r.key),
      [`salesforce:oauth-pkce:${check.nonce}`],
    );
    assert.match(rows[0]!.value, /^lw1\./);
  });

  it('points a sandbox connect at test.salesforce.com', async () => {
    const { oauth } = makeOAuth();
    const url = new URL(await oauth.installUrl(link('acme'), { sandbox: true }));
    assert.equal(url.origin + url.pathname, 'https://test.salesforce.com/services/oauth2/authorize');
  });

  it('issues a different state and challenge every time', async () => {
    const { oauth } = makeOAuth();
    const a = new URL(await oauth.installUrl(link('acme'))).searchParams;
    const b = new URL(await oauth.installUrl(link('acme'))).searchParams;
    assert.notEqual(a.get('state'), b.get('state'));
    assert.notEqual(a.get('code_challenge'), b.get('code_challenge'));
  });

  it('refuses a link for a tenant that is not configured, a HubSpot link and a bare tenant id, keeping nothing', async () => {
    const { oauth, rawRows } = makeOAuth();
    await assert.rejects(oauth.installUrl(link('initech')), isInvalidInstallLink);
    await assert.rejects(
      oauth.installUrl(links.issue({ crm: 'hubspot', tenantId: 'acme', now: NOW }).link),
      isInvalidInstallLink,
    );
    await assert.rejects(oauth.installUrl('acme'), isInvalidInstallLink);
    assert.deepEqual(rawRows(), []);
  });
});

describe('OAuth state', () => {
  const state = salesforceOAuthState(deriveSalesforceStateKey(secretKey));

  it('expires after its TTL', () => {
    const { state: text } = state.issue(grant('acme'), NOW, 60_000);
    assert.equal(state.check(text, NOW + 60_000).ok, true);
    assert.deepEqual(state.check(text, NOW + 60_001), { ok: false, reason: 'expired' });
  });

  it('refuses an edited tenant and a foreign signature', () => {
    const { state: text } = state.issue(grant('acme'), NOW);
    const [payload, mac] = text.split('.');
    const body = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const swapped = `${Buffer.from(JSON.stringify({ ...body, t: 'globex' })).toString('base64url')}.${mac}`;
    assert.deepEqual(state.check(swapped, NOW), { ok: false, reason: 'forged' });
    const other = salesforceOAuthState(deriveSalesforceStateKey(randomBytes(32))).issue(
      grant('acme'),
      NOW,
    ).state;
    assert.deepEqual(state.check(other, NOW), { ok: false, reason: 'forged' });
    assert.deepEqual(state.check('garbage', NOW), { ok: false, reason: 'malformed' });
  });
});

describe('identity URL', () => {
  it('names the org and the user', () => {
    assert.deepEqual(
      parseIdentityUrl('https://login.salesforce.com/id/00D5g000004Ab1CEAS/0055g00000AbCdEAAV'),
      {
        orgId: '00D5g000004Ab1CEAS',
        userId: '0055g00000AbCdEAAV',
      },
    );
    assert.equal(parseIdentityUrl('https://login.salesforce.com/services/oauth2/userinfo'), undefined);
  });
});
