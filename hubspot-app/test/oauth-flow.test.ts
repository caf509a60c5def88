// The install and token lifecycle against the HubSpot emulator, through the real SDK and the real routes:
// operator's link → callback → tokens stored encrypted; bad states and spent links refused without a change; a
// second portal never replaces the tenant's portal without a re-link link; refresh ahead of expiry, once for
// many callers; a revoked refresh token pauses the portal (AUTH_REVOKED) until a reinstall restores it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import {
  deriveInstallLinkKey,
  installLinks,
  isInvalidInstallLink,
  isLeadwireError,
  SqliteSecretStore,
} from '@leadwire/connector-core';
import express from 'express';
import { type HubspotEmulator, startHubspotEmulator } from '../emulator/hubspot-emulator.ts';
import {
  deriveStateKey,
  type HubspotOAuth,
  type HubspotOAuthConfig,
  hubspotOAuth,
  hubspotOAuthRoutes,
  type InstallResult,
} from '../src/oauth/index.ts';
import { encryptedTokenVault, type TokenVault } from '../src/token-vault.ts';

const dir = mkdtempSync(join(tmpdir(), 'lw-oauth-flow-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const MINUTE = 60_000;
const REDIRECT = 'https://leadwire.example.com/oauth/hubspot/callback';

interface World {
  emu: HubspotEmulator;
  oauth: HubspotOAuth;
  vault: TokenVault;
  store: SqliteSecretStore;
  dbPath: string;
  clock: { now: () => number; advance(ms: number): void };
  revokedEvents: { portalId: string; tenantId: string }[];
  installed: InstallResult[];
  base: string;
  server: Server;
  /** the config every HubSpotOAuth of this Leadwire shares (its store and keys) */
  shared: Omit<HubspotOAuthConfig, 'basePath' | 'clientId' | 'clientSecret'>;
  /** an operator's install link (`leadwire install-link hubspot --tenant … [--relink]`) */
  link(tenant: string, relink?: boolean): string;
  /** start an install from a link (a fresh one for `tenant` by default) and return the callback URL */
  callbackUrl(tenant: string, code?: string, link?: string): Promise<string>;
  /** every raw row of the secrets table */
  rawRows(): string[];
  tokenCalls(): number;
}

let w: World;

beforeEach(async () => {
  let now = Date.UTC(2026, 10, 21, 9, 0, 0);
  const clock = {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
  const emu = await startHubspotEmulator({ clock: clock.now, portalId: 777001, enforceLimits: false });
  const dbPath = join(dir, `${randomBytes(4).toString('hex')}.db`);
  const store = new SqliteSecretStore({ path: dbPath, synchronous: 'NORMAL', clock });
  const secretKey = randomBytes(32);
  const vault = encryptedTokenVault({ store, key: secretKey });
  const revokedEvents: World['revokedEvents'] = [];
  const installed: InstallResult[] = [];
  const shared: World['shared'] = {
    redirectUri: REDIRECT,
    vault,
    store,
    stateKey: deriveStateKey(secretKey),
    linkKey: deriveInstallLinkKey(secretKey),
    clock,
    isTenant: (id) => ['acme', 'globex'].includes(id),
    onRevoked: (event) => revokedEvents.push(event),
    onInstalled: (event) => installed.push(event),
  };
  const oauth = hubspotOAuth({
    ...shared,
    clientId: emu.clientId,
    clientSecret: emu.clientSecret,
    basePath: emu.url,
  });
  const links = installLinks(deriveInstallLinkKey(secretKey));
  const server = express().use(hubspotOAuthRoutes(oauth)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  w = {
    emu,
    oauth,
    vault,
    store,
    dbPath,
    clock,
    revokedEvents,
    installed,
    base,
    server,
    shared,
    link: (tenant, relink = false) =>
      links.issue({ crm: 'hubspot', tenantId: tenant, now: clock.now(), relink }).link,
    async callbackUrl(tenant, code = emu.issueAuthCode(), link = w.link(tenant)) {
      const state = new URL(await oauth.installUrl(link)).searchParams.get('state')!;
      return `${base}/oauth/hubspot/callback?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`;
    },
    rawRows() {
      const db = new DatabaseSync(dbPath);
      const rows = db.prepare('SELECT key, value FROM secrets ORDER BY key').all();
      db.close();
      return rows.map((row) => `${row.key}=${row.value}`);
    },
    tokenCalls: () => emu.calls.byRoute['POST /oauth/2026-03/token'] ?? 0,
  };
});

afterEach(async () => {
  w.server.closeAllConnections();
  w.server.close();
  await w.store.close();
  await w.emu.close();
});

const install = async (tenant = 'acme') => {
  const res = await fetch(await w.callbackUrl(tenant));
  assert.equal(res.status, 200, await res.clone().text());
  return res;
};

const storedTokenRows = () => w.rawRows().filter((row) => row.startsWith('hubspot:tokens:'));

describe('install callback', () => {
  it('exchanges the code, reads the portal, stores the tokens encrypted and says so', async () => {
    const res = await fetch(await w.callbackUrl('acme'));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /text\/html/);
    assert.match(await res.text(), /Leadwire is installed.*portal 777001.*acme/s);

    const tokens = await w.vault.get('777001');
    assert.ok(tokens);
    assert.equal(tokens.tenantId, 'acme');
    assert.equal(tokens.status, 'active');
    assert.match(tokens.accessToken, /^emu-at-/);
    assert.match(tokens.refreshToken, /^emu-rt-/);
    assert.equal(tokens.expiresAt, w.clock.now() + 30 * MINUTE);
    assert.equal(tokens.installedAt, w.clock.now());
    assert.ok(tokens.scopes.includes('crm.objects.contacts.write'));
    assert.deepEqual(await w.oauth.installation('acme'), {
      portalId: '777001',
      status: 'active',
      scopes: tokens.scopes,
      installedAt: tokens.installedAt,
    });
    assert.equal(w.tokenCalls(), 1);
    // the 2026-03 token answer names the portal and the scopes: no introspection call
    assert.equal(w.emu.calls.byRoute['POST /oauth/2026-03/token/introspect'], undefined);
    assert.ok(!w.emu.calls.log.some((c) => c.route.includes('/oauth/v1/')), 'no deprecated v1 endpoint');

    const raw = w.rawRows().join('\n');
    for (const secret of [tokens.accessToken, tokens.refreshToken, 'crm.objects']) {
      assert.ok(!raw.includes(secret), `the database does not hold ${secret} in clear`);
    }
    assert.match(storedTokenRows()[0]!, /^hubspot:tokens:777001=lw1\./);

    // the token works against HubSpot
    const owners = await fetch(`${w.emu.url}/crm/v3/owners/`, {
      headers: { authorization: `Bearer ${await w.oauth.accessToken('777001')}` },
    });
    assert.equal(owners.status, 200);
  });

  it('refuses a replayed state with 400 and changes nothing', async () => {
    const url = await w.callbackUrl('acme');
    assert.equal((await fetch(url)).status, 200);
    const before = w.rawRows();
    const calls = w.tokenCalls();
    // the same link again, even with a fresh valid code
    const replay = url.replace(/code=[^&]+/, `code=${w.emu.issueAuthCode()}`);
    const res = await fetch(replay);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /already used/);
    assert.deepEqual(w.rawRows(), before);
    assert.equal(w.tokenCalls(), calls, 'no code exchange for a replay');
  });

  it('refuses an expired state with 400 and stores nothing', async () => {
    const url = await w.callbackUrl('acme');
    w.clock.advance(10 * MINUTE + 1);
    const res = await fetch(url);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /expired/);
    assert.deepEqual(storedTokenRows(), []);
    assert.equal(w.tokenCalls(), 0);
    assert.equal(await w.oauth.installation('acme'), undefined);
  });

  it('refuses a forged state (tenant swapped, or signed by someone else) with 400 and stores nothing', async () => {
    const state = new URL(await w.oauth.installUrl(w.link('acme'))).searchParams.get('state')!;
    const [payload, mac] = state.split('.');
    const body = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const swapped = `${Buffer.from(JSON.stringify({ ...body, t: 'globex' })).toString('base64url')}.${mac}`;
    for (const forged of [swapped, `${payload}.${randomBytes(32).toString('base64url')}`, 'not-a-state']) {
      const res = await fetch(
        `${w.base}/oauth/hubspot/callback?code=${w.emu.issueAuthCode()}&state=${encodeURIComponent(forged)}`,
      );
      assert.equal(res.status, 400);
    }
    assert.deepEqual(w.rawRows(), []);
    assert.equal(w.tokenCalls(), 0);
  });

  it('answers a missing code, a denied grant or a code HubSpot refuses with 400 and stores nothing', async () => {
    assert.equal((await fetch(`${w.base}/oauth/hubspot/callback?state=x`)).status, 400);
    assert.equal((await fetch(`${w.base}/oauth/hubspot/callback?error=access_denied`)).status, 400);
    const res = await fetch(await w.callbackUrl('acme', 'a-code-hubspot-never-issued'));
    assert.equal(res.status, 400);
    assert.match(await res.text(), /BAD_AUTH_CODE/);
    assert.deepEqual(storedTokenRows(), []);
  });

  it('refuses to hand a portal connected to one tenant to another (409), keeping the first install', async () => {
    await install('acme');
    const before = await w.vault.get('777001');
    const res = await fetch(await w.callbackUrl('globex'));
    assert.equal(res.status, 409);
    assert.deepEqual(await w.vault.get('777001'), before);
    assert.equal(await w.oauth.installation('globex'), undefined);
  });
});

describe('install links', () => {
  it('a link installs once: a second state opened from it, and the link itself, are refused after', async () => {
    const link = w.link('acme');
    const first = await w.callbackUrl('acme', undefined, link);
    const second = await w.callbackUrl('acme', undefined, link);
    assert.equal((await fetch(first)).status, 200);
    const before = w.rawRows();
    const again = await fetch(second);
    assert.equal(again.status, 400);
    assert.match(await again.text(), /already used/);
    assert.deepEqual(w.rawRows(), before);
    assert.equal(w.tokenCalls(), 1, 'no code exchange for a spent link');
    await assert.rejects(w.oauth.installUrl(link), isInvalidInstallLink);
  });

  describe('a second portal for a linked tenant', () => {
    let other: HubspotEmulator;
    let otherOAuth: HubspotOAuth;
    beforeEach(async () => {
      // The same Leadwire (store, keys), with the admin logged in to another HubSpot portal.
      other = await startHubspotEmulator({ clock: w.clock.now, portalId: 888002, enforceLimits: false });
      otherOAuth = hubspotOAuth({
        ...w.shared,
        clientId: other.clientId,
        clientSecret: other.clientSecret,
        basePath: other.url,
      });
    });
    afterEach(() => other.close());
    const installOther = async (link: string) => {
      const state = new URL(await otherOAuth.installUrl(link)).searchParams.get('state')!;
      return otherOAuth.handleCallback({ code: other.issueAuthCode(), state });
    };

    it('without a re-link link changes nothing: the tenant keeps its portal and the new portal gets no token', async () => {
      await install('acme');
      const before = w.rawRows().filter((row) => !row.startsWith('hubspot:install-link-used:'));
      await assert.rejects(installOther(w.link('acme')), (e: unknown) => {
        assert.ok(isLeadwireError(e, 'CONFLICT'));
        assert.match(e.message, /linked to HubSpot portal 777001, so portal 888002 was not connected/);
        assert.match(e.message, /leadwire install-link hubspot --tenant acme --relink/);
        return true;
      });
      assert.deepEqual(
        w.rawRows().filter((row) => !row.startsWith('hubspot:install-link-used:')),
        before,
        'no token, no index change',
      );
      assert.equal((await w.oauth.installation('acme'))?.portalId, '777001');
      assert.equal(await w.vault.get('888002'), undefined);
      assert.equal(other.calls.byRoute['POST /oauth/2026-03/token/revoke'], 1, 'its grant is revoked');
      assert.deepEqual(
        w.installed.map((event) => event.portalId),
        ['777001'],
      );
    });

    it('with a re-link link moves the tenant: the old portal’s grant is revoked and forgotten', async () => {
      await install('acme');
      const result = await installOther(w.link('acme', true));
      assert.equal(result.portalId, '888002');
      assert.equal(result.relinkedFrom, '777001');
      assert.equal((await w.oauth.installation('acme'))?.portalId, '888002');
      assert.equal(await w.vault.get('777001'), undefined);
      // the revoke goes to the HubSpot this install talks to (one API serves every portal on HubSpot)
      assert.equal(other.calls.byRoute['POST /oauth/2026-03/token/revoke'], 1);
      assert.deepEqual(
        w.installed.map((event) => [event.portalId, event.relinkedFrom]),
        [
          ['777001', undefined],
          ['888002', '777001'],
        ],
      );
      await assert.rejects(w.oauth.accessToken('777001'), (e: unknown) => isLeadwireError(e, 'AUTH_REVOKED'));
      assert.match(await otherOAuth.accessToken('888002'), /^emu-at-/);
    });

    it('a re-link link to the portal the tenant is on is a plain reinstall', async () => {
      await install('acme');
      const state = new URL(await w.oauth.installUrl(w.link('acme', true))).searchParams.get('state')!;
      const result = await w.oauth.handleCallback({ code: w.emu.issueAuthCode(), state });
      assert.equal(result.relinkedFrom, undefined);
      assert.equal((await w.oauth.installation('acme'))?.status, 'active');
    });
  });
});

describe('access tokens', () => {
  it('serves the stored token while it has more than 5 minutes left, without calling HubSpot', async () => {
    await install();
    const stored = (await w.vault.get('777001'))!;
    w.emu.resetCalls();
    w.clock.advance(24 * MINUTE);
    assert.equal(await w.oauth.accessToken('777001'), stored.accessToken);
    assert.equal(w.emu.calls.total, 0);
  });

  it('refreshes 5 minutes before expiry: 10 concurrent callers share one token request', async () => {
    await install();
    const stored = (await w.vault.get('777001'))!;
    w.emu.resetCalls();
    w.clock.advance(25 * MINUTE + 1);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => w.oauth.accessToken('777001')));
    assert.equal(w.tokenCalls(), 1);
    assert.equal(w.emu.calls.total, 1);
    assert.equal(new Set(tokens).size, 1);
    assert.notEqual(tokens[0], stored.accessToken);
    const refreshed = (await w.vault.get('777001'))!;
    assert.equal(refreshed.accessToken, tokens[0]);
    assert.equal(refreshed.expiresAt, w.clock.now() + 30 * MINUTE);
    assert.equal(
      refreshed.refreshToken,
      stored.refreshToken,
      'HubSpot (and the emulator) keep the refresh token',
    );
    assert.equal(refreshed.installedAt, stored.installedAt);
    // the next callers get the new token without another request
    assert.equal(await w.oauth.accessToken('777001'), tokens[0]);
    assert.equal(w.tokenCalls(), 1);
    const raw = w.rawRows().join('\n');
    assert.ok(!raw.includes(tokens[0]!), 'the refreshed token is stored encrypted');
  });

  it('a revoked refresh token → AUTH_REVOKED for every caller, the portal marked revoked, one alert', async () => {
    await install();
    w.emu.revoke();
    w.emu.resetCalls();
    w.clock.advance(26 * MINUTE);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => w.oauth.accessToken('777001')));
    assert.equal(w.tokenCalls(), 1);
    for (const result of results) {
      assert.equal(result.status, 'rejected');
      assert.ok(isLeadwireError(result.reason, 'AUTH_REVOKED'));
      assert.equal(result.reason.handling.pausesTenant, true);
      assert.match(result.reason.message, /portal 777001 revoked the app's access; reinstall it/);
      assert.ok(!result.reason.message.includes('emu-rt-'), 'no token in the message');
    }
    const tokens = (await w.vault.get('777001'))!;
    assert.equal(tokens.status, 'revoked');
    assert.equal(tokens.revokedAt, w.clock.now());
    assert.deepEqual(w.revokedEvents, [{ portalId: '777001', tenantId: 'acme' }]);
    assert.equal((await w.oauth.installation('acme'))?.status, 'revoked');
    // later callers are refused from the vault, without asking HubSpot again
    await assert.rejects(w.oauth.accessToken('777001'), (e: unknown) => isLeadwireError(e, 'AUTH_REVOKED'));
    assert.equal(w.tokenCalls(), 1);
  });

  it('a reinstall restores a revoked portal', async () => {
    await install();
    w.emu.revoke();
    w.clock.advance(26 * MINUTE);
    await assert.rejects(w.oauth.accessToken('777001'), (e: unknown) => isLeadwireError(e, 'AUTH_REVOKED'));
    w.clock.advance(60 * MINUTE);
    await install();
    const tokens = (await w.vault.get('777001'))!;
    assert.equal(tokens.status, 'active');
    assert.equal(tokens.revokedAt, undefined);
    assert.equal(tokens.installedAt, w.clock.now());
    const token = await w.oauth.accessToken('777001');
    assert.equal(token, tokens.accessToken);
    const owners = await fetch(`${w.emu.url}/crm/v3/owners/`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(owners.status, 200);
    // and it refreshes again like a fresh install
    w.clock.advance(26 * MINUTE);
    assert.notEqual(await w.oauth.accessToken('777001'), token);
  });

  it('a portal never installed is AUTH_REVOKED (the tenant waits for an install)', async () => {
    await assert.rejects(w.oauth.accessToken('999'), (e: unknown) => isLeadwireError(e, 'AUTH_REVOKED'));
  });
});

describe('uninstall', () => {
  it('revokes the refresh token at HubSpot and forgets the portal', async () => {
    await install();
    const { refreshToken } = (await w.vault.get('777001'))!;
    assert.deepEqual(await w.oauth.uninstall('777001'), { removed: true, revokedAtHubspot: true });
    assert.equal(w.emu.calls.byRoute['POST /oauth/2026-03/token/revoke'], 1);
    assert.deepEqual(
      w.rawRows().filter((row) => !row.startsWith('hubspot:install-link-used:')),
      [],
    );
    assert.equal(await w.oauth.installation('acme'), undefined);
    await assert.rejects(w.oauth.accessToken('777001'), (e: unknown) => isLeadwireError(e, 'AUTH_REVOKED'));
    const refused = await fetch(`${w.emu.url}/oauth/2026-03/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: w.emu.clientId,
        client_secret: w.emu.clientSecret,
      }),
    });
    assert.equal(refused.status, 400);
    assert.deepEqual(await w.oauth.uninstall('777001'), { removed: false, revokedAtHubspot: false });
  });
});
