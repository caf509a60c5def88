// The HubSpot install end to end: the operator makes an install link, an admin installs through the gateway's
// OAuth routes with it, Leads land in the portal; the install is revoked, the next Lead's turn stops (dead-lettered, its events kept, nothing
// half-written); after a reinstall the replay writes it exactly once.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Conversation, REPLY_IDS } from '@leadwire/connector-core';
import { exampleIntakeInput } from '@leadwire/connector-core/testing';
import { type HubspotEmulator, startHubspotEmulator } from '../../hubspot-app/emulator/hubspot-emulator.ts';
import { createLeadwireProperties } from '../../hubspot-app/emulator/portal-setup.ts';
import { createInstallLink } from '../src/runtime/install-link.ts';
import { type GraphEmulator, startGraphEmulator } from '../src/whatsapp/graph-emulator.ts';
import {
  customerTap,
  customerText,
  DOC_PHONE_NUMBER_ID,
  type Harness,
  startHarness,
  testConfig,
  until,
} from './support/harness.ts';

describe('HubSpot install, revoke and reinstall', () => {
  let hubspot: HubspotEmulator;
  let graph: GraphEmulator;
  let gw: Harness;
  const env = {
    HUBSPOT_CLIENT_SECRET: 'app-secret',
    LEADWIRE_SECRET_KEY: randomBytes(32).toString('base64'),
  };

  before(async () => {
    hubspot = await startHubspotEmulator({ clientId: 'leadwire-app', clientSecret: 'app-secret' });
    await createLeadwireProperties(hubspot);
    graph = await startGraphEmulator({ token: 'test-graph-token' });
    const config = testConfig({ worker: true, turns: { attempts: 2, backoffMs: 20 } });
    config.whatsapp.graphBaseUrl = graph.url;
    config.whatsapp.replyIntervalMs = 0;
    config.hubspot = {
      clientId: 'leadwire-app',
      clientSecret: 'env:HUBSPOT_CLIENT_SECRET',
      publicUrl: 'https://leadwire.example.com',
      apiBaseUrl: hubspot.url,
    };
    config.tenants[0]!.intake = exampleIntakeInput;
    config.tenants[0]!.whatsapp.accessToken = 'env:GRAPH_TOKEN';
    config.tenants[0]!.routing = {
      users: [{ id: '101', name: 'Ana', groups: ['team'] }],
      groups: [{ id: 'team' }],
      rules: [{ id: 'all', targets: [{ group: 'team' }] }],
    };
    config.tenants[0]!.crm = { hubspot: {} };
    gw = await startHarness({
      config,
      graph,
      worker: true,
      env,
    });
  });
  after(async () => {
    await gw.close();
    await graph.close();
    await hubspot.close();
  });

  const conversationOf = (from: string) =>
    gw.running.runtime.store.getConversation(`${DOC_PHONE_NUMBER_ID}:${from}`) as Promise<
      Conversation | undefined
    >;
  const install = async () => {
    const link = createInstallLink(gw.config, env, 'hubspot', 'acme', { now: Date.now() });
    const start = await fetch(link.url.replace('https://leadwire.example.com', gw.url), {
      redirect: 'manual',
    });
    assert.equal(start.status, 302);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const callback = await fetch(
      `${gw.url}/oauth/hubspot/callback?code=${hubspot.issueAuthCode()}&state=${encodeURIComponent(state)}`,
    );
    assert.equal(callback.status, 200, await callback.text());
  };
  const lead = async (from: string) => {
    assert.equal((await gw.post(customerText(from, 'I need a deep cleaning in Jeddah'))).status, 200);
    await until(async () => ((await conversationOf(from))?.turnSeq === 1 ? true : undefined), 'turn 1');
    assert.equal((await gw.post(customerText(from, 'tomorrow, no rush'))).status, 200);
    await until(async () => ((await conversationOf(from))?.turnSeq === 2 ? true : undefined), 'turn 2');
    assert.equal((await gw.post(customerTap(from, REPLY_IDS.confirmYes))).status, 200);
  };

  it('installs, writes; after a revoke stops without losing the turn; after a reinstall writes it once', async () => {
    // Before the install, nothing can be written: the install is the first step.
    await install();
    await lead('966500000201');
    await until(() => (hubspot.leads().length === 1 ? true : undefined), 'the first Lead in HubSpot');
    assert.equal(hubspot.leads()[0]?.properties.hubspot_owner_id, '101');

    hubspot.revoke();
    await lead('966500000202');
    const [dead] = await until(async () => {
      const letters = await gw.running.runtime.queue.deadLetters();
      return letters.length > 0 ? letters : undefined;
    }, 'the stopped turn in the dead-letter list');
    assert.equal(dead?.code, 'AUTH_REVOKED');
    const stopped = await conversationOf('966500000202');
    assert.equal(stopped?.turnSeq, 2, 'the Lead turn did not commit');
    assert.equal(
      (await gw.running.runtime.store.pendingEvents(`${DOC_PHONE_NUMBER_ID}:966500000202`)).length,
      1,
      'its event is kept',
    );
    assert.equal(hubspot.leads().length, 1, 'nothing half-written');

    await install();
    assert.equal(await gw.running.runtime.queue.replay(), 1);
    await until(() => (hubspot.leads().length === 2 ? true : undefined), 'the replayed Lead');
    await until(
      async () => ((await conversationOf('966500000202'))?.turnSeq === 3 ? true : undefined),
      'commit',
    );
    await sleep(300);
    assert.equal(hubspot.leads().length, 2);
    assert.equal(hubspot.contacts().length, 2);
    assert.equal(hubspot.tasks().length, 2, 'one task per Lead, none twice');
  });
});
