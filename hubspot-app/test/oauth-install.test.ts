// The install link and its `state`, without HubSpot: the authorize URL carries the app's client id, callback,
// scopes and a state that names the tenant, is signed, expires, and cannot be edited or forged.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isLeadwireError, SqliteSecretStore } from '@leadwire/connector-core';
import express from 'express';
import {
  deriveStateKey,
  HUBSPOT_OPTIONAL_SCOPES,
  HUBSPOT_REQUIRED_SCOPES,
  hubspotOAuth,
  hubspotOAuthRoutes,
  oauthState,
} from '../src/oauth/index.ts';
import { encryptedTokenVault } from '../src/token-vault.ts';

const dir = mkdtempSync(join(tmpdir(), 'lw-oauth-install-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const secretKey = randomBytes(32);
const NOW = 1_700_000_000_000;
const now = NOW;
const clock = { now: () => now };

function makeOAuth() {
  const store = new SqliteSecretStore({ path: join(dir, `${randomBytes(4).toString('hex')}.db`), clock });
  const oauth = hubspotOAuth({
    clientId: 'client-123',
    clientSecret: 'secret-abc',
    redirectUri: 'https://leadwire.example.com/oauth/hubspot/callback',
    vault: encryptedTokenVault({ store, key: secretKey }),
    store,
    stateKey: deriveStateKey(secretKey),
    basePath: 'http://127.0.0.1:9', // never called by these tests
    clock,
    isTenant: (id) => id === 'acme' || id === 'globex',
  });
  return { oauth, store };
}

describe('install URL', () => {
  it('points at HubSpot’s authorize page with client id, callback, scopes and a state', () => {
    const { oauth } = makeOAuth();
    const url = new URL(oauth.installUrl('acme'));
    assert.equal(url.origin + url.pathname, 'https://app.hubspot.com/oauth/authorize');
    assert.equal(url.searchParams.get('client_id'), 'client-123');
    assert.equal(url.searchParams.get('redirect_uri'), 'https://leadwire.example.com/oauth/hubspot/callback');
    assert.deepEqual(url.searchParams.get('scope')?.split(' '), [...HUBSPOT_REQUIRED_SCOPES]);
    assert.deepEqual(url.searchParams.get('optional_scope')?.split(' '), [...HUBSPOT_OPTIONAL_SCOPES]);
    assert.ok(url.searchParams.get('scope')?.includes('oauth'));
    assert.ok(url.searchParams.get('scope')?.includes('crm.objects.contacts.write'));
    assert.ok(url.searchParams.get('optional_scope')?.includes('crm.objects.leads.write'));
    // spaces as %20, the way HubSpot's own SDK builds it
    assert.match(url.search, /scope=oauth%20crm\.objects\.contacts\.read%20/);
    const check = oauthState(deriveStateKey(secretKey)).check(url.searchParams.get('state')!, NOW);
    assert.equal(check.ok && check.tenantId, 'acme');
  });

  it('issues a different state every time', () => {
    const { oauth } = makeOAuth();
    const state = (u: string) => new URL(u).searchParams.get('state');
    assert.notEqual(state(oauth.installUrl('acme')), state(oauth.installUrl('acme')));
  });

  it('refuses an unknown tenant', () => {
    const { oauth } = makeOAuth();
    assert.throws(
      () => oauth.installUrl('initech'),
      (e: unknown) => isLeadwireError(e, 'NOT_FOUND'),
    );
  });
});

describe('OAuth state', () => {
  const key = deriveStateKey(secretKey);
  const state = oauthState(key);

  it('names the tenant until it expires (10 minutes by default)', () => {
    const issued = state.issue('acme', NOW);
    const check = state.check(issued, NOW + 9 * 60_000);
    assert.ok(check.ok);
    assert.equal(check.tenantId, 'acme');
    assert.match(check.nonce, /^[\w-]{22}$/);
    assert.deepEqual(state.check(issued, NOW + 10 * 60_000 + 1), { ok: false, reason: 'expired' });
  });

  it('cannot be moved to another tenant or extended: the signature covers tenant, nonce and expiry', () => {
    const [payload, mac] = state.issue('acme', NOW).split('.');
    const body = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    for (const edit of [{ t: 'globex' }, { e: body.e + 3_600_000 }, { n: 'A'.repeat(22) }]) {
      const edited = Buffer.from(JSON.stringify({ ...body, ...edit })).toString('base64url');
      assert.deepEqual(state.check(`${edited}.${mac}`, NOW), { ok: false, reason: 'forged' });
    }
  });

  it('refuses a state signed with another key (another Leadwire, or a derived key for another purpose)', () => {
    const foreign = oauthState(deriveStateKey(randomBytes(32))).issue('acme', NOW);
    assert.deepEqual(state.check(foreign, NOW), { ok: false, reason: 'forged' });
    assert.deepEqual(oauthState(secretKey).check(state.issue('acme', NOW), NOW), {
      ok: false,
      reason: 'forged',
    });
  });

  for (const junk of ['', 'abc', 'a.b.c', '.', 'x'.repeat(2000)]) {
    it(`refuses junk ${JSON.stringify(junk.slice(0, 8))} as malformed or forged`, () => {
      const check = state.check(junk, NOW);
      assert.equal(check.ok, false);
    });
  }
});

describe('install route', () => {
  async function serve() {
    const { oauth } = makeOAuth();
    const app = express().use(hubspotOAuthRoutes(oauth));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    return {
      base: `http://127.0.0.1:${port}`,
      close: () => {
        server.closeAllConnections();
        server.close();
      },
    };
  }

  it('redirects the admin’s browser to HubSpot (302) with the tenant’s state', async () => {
    const { base, close } = await serve();
    try {
      const res = await fetch(`${base}/oauth/hubspot/install?tenant=acme`, { redirect: 'manual' });
      assert.equal(res.status, 302);
      const location = new URL(res.headers.get('location')!);
      assert.equal(location.host, 'app.hubspot.com');
      const check = oauthState(deriveStateKey(secretKey)).check(location.searchParams.get('state')!, NOW);
      assert.equal(check.ok && check.tenantId, 'acme');
    } finally {
      close();
    }
  });

  it('answers a missing tenant with 400 and an unknown one with 404, as a page', async () => {
    const { base, close } = await serve();
    try {
      const missing = await fetch(`${base}/oauth/hubspot/install`, { redirect: 'manual' });
      assert.equal(missing.status, 400);
      assert.match(missing.headers.get('content-type')!, /text\/html/);
      const unknown = await fetch(`${base}/oauth/hubspot/install?tenant=%3Cscript%3E`, {
        redirect: 'manual',
      });
      assert.equal(unknown.status, 404);
      const html = await unknown.text();
      assert.match(html, /no tenant &quot;&lt;script&gt;&quot;/);
      assert.ok(!html.includes('<script>'));
    } finally {
      close();
    }
  });
});
