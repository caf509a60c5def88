// The install link as HubSpot's authorize page sees it: the emulator checks the client id, that redirect_uri is
// one of the app's redirect URLs and that `scope` asks for every required scope of the app (app-hsmeta.json),
// then the callback exchanges the code on the 2026-03 token endpoint. A portal without the Leads object is
// installed without the optional Leads scopes.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { deriveInstallLinkKey, installLinks, SqliteSecretStore } from '@leadwire/connector-core';
import { startHubspotEmulator } from '../emulator/hubspot-emulator.ts';
import { deriveStateKey, hubspotOAuth } from '../src/oauth/index.ts';
import { encryptedTokenVault } from '../src/token-vault.ts';

const dir = mkdtempSync(join(tmpdir(), 'lw-oauth-authorize-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function installOn(options: { hasLeads: boolean; redirectUri?: string }) {
  const emu = await startHubspotEmulator({ hasLeads: options.hasLeads, enforceLimits: false });
  const store = new SqliteSecretStore({ path: join(dir, `${randomBytes(4).toString('hex')}.db`) });
  const key = randomBytes(32);
  const oauth = hubspotOAuth({
    clientId: emu.clientId,
    clientSecret: emu.clientSecret,
    redirectUri: options.redirectUri ?? 'https://leadwire.example.com/oauth/hubspot/callback',
    vault: encryptedTokenVault({ store, key }),
    store,
    stateKey: deriveStateKey(key),
    linkKey: deriveInstallLinkKey(key),
    isTenant: (id) => id === 'acme',
    basePath: emu.url,
  });
  const links = installLinks(deriveInstallLinkKey(key));
  /** The install URL of an operator's link for tenant acme. */
  const installUrl = () =>
    oauth.installUrl(links.issue({ crm: 'hubspot', tenantId: 'acme', now: Date.now() }).link);
  const close = async () => {
    await store.close();
    await emu.close();
  };
  return { emu, oauth, installUrl, close };
}

describe('installing through HubSpot’s authorize step', () => {
  it('HubSpot accepts the install link and the callback installs with every scope the portal has', async () => {
    const { emu, oauth, installUrl, close } = await installOn({ hasLeads: true });
    try {
      const back = new URL(emu.authorize(await installUrl()));
      const installed = await oauth.handleCallback({
        code: back.searchParams.get('code')!,
        state: back.searchParams.get('state')!,
      });
      assert.equal(installed.portalId, String(emu.portalId));
      assert.ok(installed.scopes.includes('crm.objects.leads.write'));
      assert.ok(installed.scopes.includes('crm.schemas.contacts.write'));
      assert.ok(!emu.calls.log.some((c) => c.route.includes('/oauth/v1/')), 'no deprecated endpoint');
    } finally {
      await close();
    }
  });

  it('on a portal without the Leads object the install has no Leads scopes, and still succeeds', async () => {
    const { emu, oauth, installUrl, close } = await installOn({ hasLeads: false });
    try {
      const back = new URL(emu.authorize(await installUrl()));
      const installed = await oauth.handleCallback({
        code: back.searchParams.get('code')!,
        state: back.searchParams.get('state')!,
      });
      assert.ok(!installed.scopes.some((s) => s.startsWith('crm.objects.leads.')));
      assert.ok(installed.scopes.includes('crm.objects.deals.write'));
    } finally {
      await close();
    }
  });

  it('a callback URL the app does not declare is refused at the authorize step', async () => {
    const { emu, installUrl, close } = await installOn({
      hasLeads: true,
      redirectUri: 'https://other.example.com/oauth/hubspot/callback',
    });
    try {
      const url = await installUrl();
      assert.throws(() => emu.authorize(url), /redirect_uri/);
    } finally {
      await close();
    }
  });
});
