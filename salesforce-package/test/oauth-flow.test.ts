// Connecting an org against the Salesforce emulator, through real jsforce and the real routes: the browser's
// install → callback round trip stores the tokens encrypted under the org; bad, replayed or expired states are a
// 400 that stores nothing; an expired session is refreshed once and a rotated refresh token is persisted before
// the request is replayed; a revoked refresh token marks the org revoked and surfaces as AUTH_REVOKED.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, afterEach, describe, it } from 'node:test';
import {
  deriveInstallLinkKey,
  installLinks,
  isInvalidInstallLink,
  isLeadwireError,
  SqliteSecretStore,
} from '@leadwire/connector-core';
import express from 'express';
import {
  type SalesforceEmulator,
  type SalesforceEmulatorOptions,
  startSalesforceEmulator,
} from '../emulator/salesforce-emulator.ts';
import {
  deriveSalesforceStateKey,
  encryptedSalesforceTokenVault,
  type SalesforceInstallResult,
  type SalesforceOAuth,
  type SalesforceTokenVault,
  salesforceOAuth,
  salesforceOAuthRoutes,
} from '../src/oauth/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'lw-sf-oauth-flow-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const MINUTE = 60_000;
const REDIRECT = 'https://leadwire.example.com/oauth/salesforce/callback';

interface World {
  emu: SalesforceEmulator;
  oauth: SalesforceOAuth;
  vault: SalesforceTokenVault;
  store: SqliteSecretStore;
  clock: { now: () => number; advance(ms: number): void };
  revokedEvents: { orgId: string; tenantId: string }[];
  installed: SalesforceInstallResult[];
  /** an operator's install link (`leadwire install-link salesforce --tenant … [--relink]`) */
  link(tenant: string, relink?: boolean): string;
  base: string;
  server: Server;
  rawRows(): { key: string; value: string }[];
  tokenCalls(): number;
}

const worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) {
    w.server.closeAllConnections();
    w.server.close();
    await w.store.close();
    await w.emu.close();
  }
});

/** A Leadwire with the routes mounted, whose production (or sandbox) login URL is the emulator. */
async function world(
  options: {
    emulator?: SalesforceEmulatorOptions;
    sandboxOnly?: boolean;
    /** a second org behind the sandbox login URL (the admin logs in to another org) */
    sandboxEmulator?: SalesforceEmulator;
  } = {},
): Promise<World> {
  let now = Date.now();
  const clock = {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
  const emu = await startSalesforceEmulator(options.emulator);
  const dbPath = join(dir, `${randomBytes(4).toString('hex')}.db`);
  const store = new SqliteSecretStore({ path: dbPath, synchronous: 'NORMAL', clock });
  const secretKey = randomBytes(32);
  const vault = encryptedSalesforceTokenVault({ store, key: secretKey });
  const revokedEvents: World['revokedEvents'] = [];
  const installed: World['installed'] = [];
  const oauth = salesforceOAuth({
    consumerKey: emu.clientId,
    consumerSecret: emu.clientSecret,
    redirectUri: REDIRECT,
    // with sandboxOnly the production host is unreachable, proving a sandbox connect never talks to it
    loginUrl: options.sandboxOnly === true ? 'http://127.0.0.1:9' : emu.url,
    sandboxLoginUrl: options.sandboxEmulator?.url ?? emu.url,
    apiVersion: '62.0',
    vault,
    store,
    stateKey: deriveSalesforceStateKey(secretKey),
    linkKey: deriveInstallLinkKey(secretKey),
    clock,
    isTenant: (id) => ['acme', 'globex'].includes(id),
    onRevoked: (event) => revokedEvents.push(event),
    onInstalled: (event) => installed.push(event),
  });
  const links = installLinks(deriveInstallLinkKey(secretKey));
  const server = express().use(salesforceOAuthRoutes(oauth)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const w: World = {
    emu,
    oauth,
    vault,
    store,
    clock,
    revokedEvents,
    installed,
    link: (tenant, relink = false) =>
      links.issue({ crm: 'salesforce', tenantId: tenant, now: clock.now(), relink }).link,
    base,
    server,
    rawRows() {
      const db = new DatabaseSync(dbPath);
      const rows = db.prepare('SELECT key, value FROM secrets ORDER BY key').all();
      db.close();
      return rows.map((row) => ({ key: String(row.key), value: String(row.value) }));
    },
    tokenCalls: () => emu.calls.byRoute['POST /services/oauth2/token'] ?? 0,
  };
  worlds.push(w);
  return w;
}

/**
 * The admin's browser: /install?link= → (Salesforce login, emulated by a code bound to the challenge) →
 * callback URL. The link is a fresh one for `tenant` unless given; `org` is the emulator the admin logs in to.
 */
async function callbackUrl(
  w: World,
  tenant = 'acme',
  sandbox = false,
  link = w.link(tenant),
  org = w.emu,
): Promise<string> {
  const res = await fetch(
    `${w.base}/oauth/salesforce/install?link=${link}${sandbox ? '&sandbox=true' : ''}`,
    {
      redirect: 'manual',
    },
  );
  assert.equal(res.status, 302);
  const authorize = new URL(res.headers.get('location')!);
  const code = org.issueAuthCode({
    codeChallenge: authorize.searchParams.get('code_challenge')!,
    redirectUri: authorize.searchParams.get('redirect_uri')!,
  });
  const state = authorize.searchParams.get('state')!;
  return `${w.base}/oauth/salesforce/callback?code=${code}&state=${encodeURIComponent(state)}`;
}

const connect = async (w: World, tenant = 'acme') => {
  const res = await fetch(await callbackUrl(w, tenant));
  assert.equal(res.status, 200, await res.clone().text());
};

const tokenRows = (w: World) => w.rawRows().filter((row) => row.key.startsWith('salesforce:tokens:'));

describe('connect callback', () => {
  it('exchanges the code with the PKCE verifier, reads org and user, stores the tokens encrypted', async () => {
    const w = await world();
    const res = await fetch(await callbackUrl(w));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /text\/html/);
    assert.match(await res.text(), new RegExp(`Leadwire is connected.*org ${w.emu.orgId}.*acme`, 's'));

    const tokens = await w.vault.get(w.emu.orgId);
    assert.ok(tokens);
    assert.equal(tokens.tenantId, 'acme');
    assert.equal(tokens.userId, w.emu.userId);
    assert.equal(tokens.instanceUrl, w.emu.url);
    assert.equal(tokens.accessToken, w.emu.accessToken);
    assert.equal(tokens.refreshToken, w.emu.refreshToken);
    assert.equal(tokens.status, 'active');
    assert.equal(tokens.sandbox, false);
    assert.equal(w.tokenCalls(), 1);

    const rows = tokenRows(w);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.key, `salesforce:tokens:${w.emu.orgId}`);
    assert.match(rows[0]!.value, /^lw1\./);
    const raw = JSON.stringify(w.rawRows());
    for (const secret of [tokens.accessToken, tokens.refreshToken]) {
      assert.ok(!raw.includes(secret), 'the store never holds a token in clear');
    }
    assert.ok(
      !w.rawRows().some((row) => row.key.startsWith('salesforce:oauth-pkce:')),
      'the verifier is spent',
    );

    // the envelope is bound to its org: moved under another org's key it does not open
    await w.store.put('salesforce:tokens:00D000000000002AAA', rows[0]!.value);
    await assert.rejects(w.vault.get('00D000000000002AAA'), (e: unknown) => isLeadwireError(e, 'VALIDATION'));

    // the connection works against the org
    const conn = await w.oauth.connection('acme');
    assert.equal(conn.userInfo?.id, w.emu.userId);
    const users = await conn.query<{ Username: string }>(
      `SELECT Id, Username FROM User WHERE Id = '${w.emu.userId}'`,
    );
    assert.equal(users.totalSize, 1);
    assert.deepEqual(await w.oauth.installation('acme'), {
      orgId: w.emu.orgId,
      userId: w.emu.userId,
      instanceUrl: w.emu.url,
      sandbox: false,
      status: 'active',
      installedAt: tokens.installedAt,
    });
  });

  it('exchanges a sandbox connect on the sandbox login URL', async () => {
    const w = await world({ sandboxOnly: true });
    const res = await fetch(await callbackUrl(w, 'acme', true));
    assert.equal(res.status, 200, await res.clone().text());
    const tokens = (await w.vault.get(w.emu.orgId))!;
    assert.equal(tokens.sandbox, true);
    assert.equal(tokens.loginUrl, w.emu.url);
  });

  it('refuses a replayed state with 400 and changes nothing', async () => {
    const w = await world();
    const url = await callbackUrl(w);
    assert.equal((await fetch(url)).status, 200);
    const before = w.rawRows();
    const calls = w.tokenCalls();
    const replay = url.replace(/code=[^&]+/, `code=${w.emu.issueAuthCode()}`);
    const res = await fetch(replay);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /already used/);
    assert.deepEqual(w.rawRows(), before);
    assert.equal(w.tokenCalls(), calls, 'no code exchange for a replay');
  });

  it('refuses an expired state with 400 and stores nothing', async () => {
    const w = await world();
    const url = await callbackUrl(w);
    w.clock.advance(10 * MINUTE + 1);
    const res = await fetch(url);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /expired/);
    assert.deepEqual(tokenRows(w), []);
    assert.equal(w.tokenCalls(), 0);
    assert.equal(await w.oauth.installation('acme'), undefined);
  });

  it('refuses forged and damaged states with 400 and stores nothing', async () => {
    const w = await world();
    const url = new URL(await callbackUrl(w));
    const state = url.searchParams.get('state')!;
    const [payload, mac] = state.split('.');
    const body = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const swapped = `${Buffer.from(JSON.stringify({ ...body, t: 'globex' })).toString('base64url')}.${mac}`;
    for (const forged of [swapped, `${payload}.${randomBytes(32).toString('base64url')}`, 'not-a-state']) {
      const res = await fetch(
        `${w.base}/oauth/salesforce/callback?code=${url.searchParams.get('code')}&state=${encodeURIComponent(forged)}`,
      );
      assert.equal(res.status, 400);
    }
    assert.deepEqual(tokenRows(w), []);
    assert.equal(w.tokenCalls(), 0);
  });

  it('answers a denied grant, a missing code, or a code exchanged without its verifier with 400', async () => {
    const w = await world();
    assert.equal(
      (await fetch(`${w.base}/oauth/salesforce/callback?error=access_denied&error_description=denied`))
        .status,
      400,
    );
    assert.equal((await fetch(`${w.base}/oauth/salesforce/callback?state=x`)).status, 400);
    // a code bound to a different challenge: Salesforce refuses the verifier
    const url = new URL(await callbackUrl(w));
    const foreign = w.emu.issueAuthCode({ codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' });
    url.searchParams.set('code', foreign);
    const res = await fetch(url);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /invalid code verifier/);
    assert.deepEqual(tokenRows(w), []);
  });

  it('refuses to hand an org connected to one tenant to another (409), keeping the first', async () => {
    const w = await world();
    await connect(w, 'acme');
    const before = await w.vault.get(w.emu.orgId);
    const res = await fetch(await callbackUrl(w, 'globex'));
    assert.equal(res.status, 409);
    assert.deepEqual(await w.vault.get(w.emu.orgId), before);
    assert.equal(await w.oauth.installation('globex'), undefined);
  });
});

describe('install links', () => {
  it('a link connects once: a second state opened from it, and the link itself, are refused after', async () => {
    const w = await world();
    const link = w.link('acme');
    const first = await callbackUrl(w, 'acme', false, link);
    const second = await callbackUrl(w, 'acme', false, link);
    assert.equal((await fetch(first)).status, 200);
    const tokensBefore = tokenRows(w);
    const again = await fetch(second);
    assert.equal(again.status, 400);
    assert.match(await again.text(), /already used/);
    assert.deepEqual(tokenRows(w), tokensBefore);
    assert.equal(w.tokenCalls(), 1, 'no code exchange for a spent link');
    await assert.rejects(w.oauth.installUrl(link), isInvalidInstallLink);
    const page = await fetch(`${w.base}/oauth/salesforce/install?link=${link}`, { redirect: 'manual' });
    assert.equal(page.status, 404);
  });

  describe('a second org for a linked tenant', () => {
    const ORG_B = '00D000000000002AAA';

    it('without a re-link link changes nothing: the tenant keeps its org and the new org gets no token', async () => {
      const orgB = await startSalesforceEmulator({ orgId: ORG_B });
      try {
        const w = await world({ sandboxEmulator: orgB });
        await connect(w, 'acme');
        const before = w.rawRows().filter((row) => !row.key.startsWith('salesforce:install-link-used:'));
        const res = await fetch(await callbackUrl(w, 'acme', true, w.link('acme'), orgB));
        assert.equal(res.status, 409);
        const page = await res.text();
        assert.match(page, new RegExp(`linked to Salesforce org ${w.emu.orgId}, so org ${ORG_B} was not`));
        assert.match(page, /leadwire install-link salesforce --tenant acme --relink/);
        assert.deepEqual(
          w.rawRows().filter((row) => !row.key.startsWith('salesforce:install-link-used:')),
          before,
          'no token, no index change',
        );
        assert.equal((await w.oauth.installation('acme'))?.orgId, w.emu.orgId);
        assert.equal(await w.vault.get(ORG_B), undefined);
        assert.deepEqual(
          w.installed.map((event) => event.orgId),
          [w.emu.orgId],
        );
      } finally {
        await orgB.close();
      }
    });

    it('with a re-link link moves the tenant to the new org and forgets the old one', async () => {
      const orgB = await startSalesforceEmulator({ orgId: ORG_B });
      try {
        const w = await world({ sandboxEmulator: orgB });
        await connect(w, 'acme');
        const res = await fetch(await callbackUrl(w, 'acme', true, w.link('acme', true), orgB));
        assert.equal(res.status, 200, await res.clone().text());
        assert.equal((await w.oauth.installation('acme'))?.orgId, ORG_B);
        assert.equal(await w.vault.get(w.emu.orgId), undefined);
        assert.deepEqual(
          w.installed.map((event) => [event.orgId, event.relinkedFrom]),
          [
            [w.emu.orgId, undefined],
            [ORG_B, w.emu.orgId],
          ],
        );
        const conn = await w.oauth.connection('acme');
        assert.equal(conn.userInfo?.organizationId, ORG_B);
      } finally {
        await orgB.close();
      }
    });
  });
});

describe('session refresh', () => {
  it('persists the new access token and the rotated refresh token before the request is replayed', async () => {
    const w = await world({ emulator: { rotateRefreshTokens: true } });
    await connect(w);
    const first = (await w.vault.get(w.emu.orgId))!;
    const conn = await w.oauth.connection('acme');
    const events: { accessToken: string; refreshToken: unknown }[] = [];
    conn.on('refresh', (accessToken: string, res: { refresh_token?: string } | undefined) =>
      events.push({ accessToken, refreshToken: res?.refresh_token }),
    );

    w.emu.expireSession();
    w.emu.resetCalls();
    const result = await conn.query(`SELECT Id FROM User WHERE Id = '${w.emu.userId}'`);
    assert.equal(result.totalSize, 1);
    assert.equal(w.tokenCalls(), 1, 'one refresh');

    const stored = (await w.vault.get(w.emu.orgId))!;
    assert.notEqual(stored.refreshToken, first.refreshToken, 'rotated');
    assert.equal(stored.refreshToken, w.emu.refreshToken);
    assert.equal(stored.accessToken, w.emu.accessToken);
    assert.equal(stored.refreshedAt, w.clock.now());
    assert.equal(
      conn.refreshToken,
      stored.refreshToken,
      'the connection refreshes with the new token next time',
    );
    assert.deepEqual(events, [{ accessToken: stored.accessToken, refreshToken: stored.refreshToken }]);
    const raw = JSON.stringify(w.rawRows());
    assert.ok(!raw.includes(stored.refreshToken) && !raw.includes(stored.accessToken), 'stored encrypted');

    // the old refresh token is dead at Salesforce; a second expiry refreshes with the rotated one
    w.emu.expireSession();
    assert.equal((await conn.query(`SELECT Id FROM User WHERE Id = '${w.emu.userId}'`)).totalSize, 1);
    assert.equal(w.tokenCalls(), 2);
    assert.equal((await w.vault.get(w.emu.orgId))!.refreshToken, w.emu.refreshToken);

    // a connection made from the vault later (another worker) starts from the latest tokens
    w.emu.expireSession();
    const later = await w.oauth.connection('acme');
    assert.equal((await later.query(`SELECT Id FROM User WHERE Id = '${w.emu.userId}'`)).totalSize, 1);
    assert.equal(w.tokenCalls(), 3);
  });

  it('concurrent requests on expired sessions of two connections share one refresh', async () => {
    const w = await world({ emulator: { rotateRefreshTokens: true } });
    await connect(w);
    const [a, b] = [await w.oauth.connection('acme'), await w.oauth.connection('acme')];
    w.emu.expireSession();
    w.emu.resetCalls();
    const soql = `SELECT Id FROM User WHERE Id = '${w.emu.userId}'`;
    const results = await Promise.all([a.query(soql), b.query(soql), a.query(soql), b.query(soql)]);
    assert.ok(results.every((r) => r.totalSize === 1));
    assert.equal(w.tokenCalls(), 1);
    assert.equal((await w.vault.get(w.emu.orgId))!.refreshToken, w.emu.refreshToken);
  });

  it('a revoked refresh token → AUTH_REVOKED, the org marked revoked, one alert, no more token calls', async () => {
    const w = await world();
    await connect(w);
    const conn = await w.oauth.connection('acme');
    const { refreshToken } = (await w.vault.get(w.emu.orgId))!;
    w.emu.revoke();
    w.emu.resetCalls();
    const soql = `SELECT Id FROM User WHERE Id = '${w.emu.userId}'`;
    const results = await Promise.allSettled([conn.query(soql), conn.query(soql), conn.query(soql)]);
    assert.equal(w.tokenCalls(), 1);
    for (const result of results) {
      assert.equal(result.status, 'rejected');
      assert.ok(isLeadwireError(result.reason, 'AUTH_REVOKED'), String(result.reason));
      assert.equal(result.reason.handling.pausesTenant, true);
      assert.match(result.reason.message, new RegExp(`org ${w.emu.orgId} refused .*connect the org again`));
      assert.ok(!result.reason.message.includes(refreshToken), 'no token in the message');
    }
    const stored = (await w.vault.get(w.emu.orgId))!;
    assert.equal(stored.status, 'revoked');
    assert.equal(stored.revokedAt, w.clock.now());
    assert.deepEqual(w.revokedEvents, [{ orgId: w.emu.orgId, tenantId: 'acme' }]);
    assert.equal((await w.oauth.installation('acme'))?.status, 'revoked');
    await assert.rejects(w.oauth.connection('acme'), (e: unknown) => isLeadwireError(e, 'AUTH_REVOKED'));
    assert.equal(w.tokenCalls(), 1);

    // connecting again restores the org
    await connect(w);
    assert.equal((await w.vault.get(w.emu.orgId))!.status, 'active');
    assert.equal((await (await w.oauth.connection('acme')).query(soql)).totalSize, 1);
  });

  it('a tenant that never connected is AUTH_REVOKED (it waits for a connect)', async () => {
    const w = await world();
    await assert.rejects(w.oauth.connection('acme'), (e: unknown) => isLeadwireError(e, 'AUTH_REVOKED'));
  });
});
