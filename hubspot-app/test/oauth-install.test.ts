// The install link and its `state`, without HubSpot: from an operator's install link, the authorize URL carries
// the app's client id, callback, scopes and a state that names the tenant and the link, is signed, expires, and
// cannot be edited or forged; the install endpoint answers every link that cannot start an install the same way.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  deriveInstallLinkKey,
  INVALID_INSTALL_LINK_MESSAGE,
  installLinks,
  isInvalidInstallLink,
  SqliteSecretStore,
} from '@leadwire/connector-core';
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
const links = installLinks(deriveInstallLinkKey(secretKey));
/** an operator's install link for the tenant (what `leadwire install-link hubspot` prints, without the URL) */
const link = (tenantId: string) => links.issue({ crm: 'hubspot', tenantId, now: NOW }).link;
/** what a state is bound to: a checked link */
const grant = (tenantId: string) => links.issue({ crm: 'hubspot', tenantId, now: NOW });

function makeOAuth() {
  const store = new SqliteSecretStore({ path: join(dir, `${randomBytes(4).toString('hex')}.db`), clock });
  const oauth = hubspotOAuth({
    clientId: 'client-123',
    clientSecret: 'secret-abc',
    redirectUri: 'https://leadwire.example.com/oauth/hubspot/callback',
    vault: encryptedTokenVault({ store, key: secretKey }),
    store,
    stateKey: deriveStateKey(secretKey),
    linkKey: deriveInstallLinkKey(secretKey),
    basePath: 'http://127.0.0.1:9', // never called by these tests
    clock,
    isTenant: (id) => id === 'acme' || id === 'globex',
  });
  return { oauth, store };
}

describe('install URL', () => {
  it('points at HubSpot’s authorize page with client id, callback, scopes and a state', async () => {
    const { oauth } = makeOAuth();
    const url = new URL(await oauth.installUrl(link('acme')));
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

  it('issues a different state every time the link is opened', async () => {
    const { oauth } = makeOAuth();
    const state = (u: string) => new URL(u).searchParams.get('state');
    const acme = link('acme');
    assert.notEqual(state(await oauth.installUrl(acme)), state(await oauth.installUrl(acme)));
  });

  it('refuses a link for a tenant that is not configured, and a tenant id instead of a link', async () => {
    const { oauth } = makeOAuth();
    await assert.rejects(oauth.installUrl(link('initech')), isInvalidInstallLink);
    await assert.rejects(oauth.installUrl('acme'), isInvalidInstallLink);
  });
});

describe('OAuth state', () => {
  const key = deriveStateKey(secretKey);
  const state = oauthState(key);

  it('names the tenant until it expires (10 minutes by default)', () => {
    const issued = state.issue(grant('acme'), NOW);
    const check = state.check(issued, NOW + 9 * 60_000);
    assert.ok(check.ok);
    assert.equal(check.tenantId, 'acme');
    assert.match(check.nonce, /^[\w-]{22}$/);
    assert.deepEqual(state.check(issued, NOW + 10 * 60_000 + 1), { ok: false, reason: 'expired' });
  });

  it('cannot be moved to another tenant or extended: the signature covers tenant, nonce and expiry', () => {
    const [payload, mac] = state.issue(grant('acme'), NOW).split('.');
    const body = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    for (const edit of [{ t: 'globex' }, { e: body.e + 3_600_000 }, { n: 'A'.repeat(22) }, { r: true }]) {
      const edited = Buffer.from(JSON.stringify({ ...body, ...edit })).toString('base64url');
      assert.deepEqual(state.check(`${edited}.${mac}`, NOW), { ok: false, reason: 'forged' });
    }
  });

  it('refuses a state signed with another key (another Leadwire, or a derived key for another purpose)', () => {
    const foreign = oauthState(deriveStateKey(randomBytes(32))).issue(grant('acme'), NOW);
    assert.deepEqual(state.check(foreign, NOW), { ok: false, reason: 'forged' });
    assert.deepEqual(oauthState(secretKey).check(state.issue(grant('acme'), NOW), NOW), {
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
      const res = await fetch(`${base}/oauth/hubspot/install?link=${link('acme')}`, { redirect: 'manual' });
      assert.equal(res.status, 302);
      const location = new URL(res.headers.get('location')!);
      assert.equal(location.host, 'app.hubspot.com');
      const check = oauthState(deriveStateKey(secretKey)).check(location.searchParams.get('state')!, NOW);
      assert.equal(check.ok && check.tenantId, 'acme');
    } finally {
      close();
    }
  });

  it('answers a missing, damaged, forged, expired or unknown tenant’s link, and a bare tenant id, with one 404 page', async () => {
    const { base, close } = await serve();
    try {
      const [payload, mac] = link('acme').split('.');
      const body = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const swapped = `${Buffer.from(JSON.stringify({ ...body, t: 'globex' })).toString('base64url')}.${mac}`;
      const expired = links.issue({ crm: 'hubspot', tenantId: 'acme', now: NOW - 120_000, ttlMs: 60_000 });
      const queries = [
        '',
        '?tenant=acme',
        '?tenant=initech',
        '?tenant=%3Cscript%3E',
        `?link=${link('initech')}`,
        `?link=${expired.link}`,
        `?link=${encodeURIComponent(swapped)}`,
        '?link=%3Cscript%3E',
      ];
      const answers = await Promise.all(
        queries.map(async (query) => {
          const res = await fetch(`${base}/oauth/hubspot/install${query}`, { redirect: 'manual' });
          return {
            status: res.status,
            type: res.headers.get('content-type'),
            location: res.headers.get('location'),
            html: await res.text(),
          };
        }),
      );
      for (const answer of answers) assert.deepEqual(answer, answers[0]);
      assert.equal(answers[0]!.status, 404);
      assert.match(answers[0]!.type!, /text\/html/);
      assert.ok(answers[0]!.html.includes(INVALID_INSTALL_LINK_MESSAGE));
      assert.ok(!answers[0]!.html.includes('acme'));
    } finally {
      close();
    }
  });
});
