// Installs are bound to a tenant by the operator, through the real gateway, the real SDK and two emulated HubSpot
// portals behind one API origin: knowing a tenant id starts nothing (and reads exactly like an unknown id); an
// operator's link installs once; a second portal never takes over a linked tenant without a re-link link — its
// install changes nothing and no customer data, card or settings call reaches it — and a re-link is logged and
// followed at once by the card backend and the worker.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  type Conversation,
  deriveInstallLinkKey,
  installLinks,
  parseSecretKey,
  REPLY_IDS,
} from '@leadwire/connector-core';
import { exampleIntakeInput } from '@leadwire/connector-core/testing';
import { signHubspotRequestV3 } from '@leadwire/hubspot-app';
import { type HubspotEmulator, startHubspotEmulator } from '../../hubspot-app/emulator/hubspot-emulator.ts';
import { createLeadwireProperties } from '../../hubspot-app/emulator/portal-setup.ts';
import {
  type SalesforceEmulator,
  startSalesforceEmulator,
} from '../../salesforce-package/emulator/salesforce-emulator.ts';
import { createLogger } from '../src/observability/logger.ts';
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
import { type HubspotPortals, startHubspotPortals } from './support/hubspot-portals.ts';

const PUBLIC_URL = 'https://leadwire.example.com';
const CLIENT_SECRET = 'app-secret';

describe('install links bind a tenant to its HubSpot portal', () => {
  let acmePortal: HubspotEmulator;
  let otherPortal: HubspotEmulator;
  let hubspot: HubspotPortals;
  let graph: GraphEmulator;
  let gw: Harness;
  const logLines: Record<string, unknown>[] = [];
  const env = {
    HUBSPOT_CLIENT_SECRET: CLIENT_SECRET,
    LEADWIRE_SECRET_KEY: randomBytes(32).toString('base64'),
  };

  before(async () => {
    [acmePortal, otherPortal] = await Promise.all([
      startHubspotEmulator({ clientId: 'leadwire-app', clientSecret: CLIENT_SECRET, portalId: 700001 }),
      startHubspotEmulator({ clientId: 'leadwire-app', clientSecret: CLIENT_SECRET, portalId: 700002 }),
    ]);
    await Promise.all([createLeadwireProperties(acmePortal), createLeadwireProperties(otherPortal)]);
    acmePortal.resetCalls();
    otherPortal.resetCalls();
    hubspot = await startHubspotPortals([acmePortal, otherPortal]);
    graph = await startGraphEmulator({ token: 'test-graph-token' });
    const config = testConfig({ worker: true, turns: { attempts: 2, backoffMs: 20 } });
    config.whatsapp.graphBaseUrl = graph.url;
    config.whatsapp.replyIntervalMs = 0;
    config.hubspot = {
      clientId: 'leadwire-app',
      clientSecret: 'env:HUBSPOT_CLIENT_SECRET',
      publicUrl: PUBLIC_URL,
      apiBaseUrl: hubspot.url,
    };
    const acme = config.tenants[0]!;
    acme.intake = exampleIntakeInput;
    acme.whatsapp.accessToken = 'env:GRAPH_TOKEN';
    acme.routing = {
      users: [{ id: '101', name: 'Ana', groups: ['team'] }],
      groups: [{ id: 'team' }],
      rules: [{ id: 'all', targets: [{ group: 'team' }] }],
    };
    acme.crm = { hubspot: {} };
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
          logLines.push(JSON.parse(line));
        done();
      },
    });
    gw = await startHarness({
      config,
      graph,
      worker: true,
      env,
      logger: createLogger({ level: 'info' }, sink),
    });
  });
  after(async () => {
    await gw.close();
    await Promise.all([graph.close(), hubspot.close(), acmePortal.close(), otherPortal.close()]);
  });

  /** the link the operator prints (`leadwire install-link hubspot --tenant acme [--relink]`), on this gateway */
  const operatorLink = (tenantId = 'acme', relink = false) =>
    createInstallLink(gw.config, env, 'hubspot', tenantId, { now: Date.now(), relink }).url.replace(
      PUBLIC_URL,
      gw.url,
    );
  const open = async (url: string) => {
    const res = await fetch(url, { redirect: 'manual' });
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  };
  /** the admin's browser: the link, HubSpot's consent on `portal`, back to the callback */
  const installWith = async (url: string, portal: HubspotEmulator) => {
    const start = await open(url);
    assert.equal(start.status, 302, start.html);
    const state = new URL(start.location!).searchParams.get('state')!;
    const code = hubspot.approve(portal);
    const res = await fetch(
      `${gw.url}/oauth/hubspot/callback?code=${code}&state=${encodeURIComponent(state)}`,
    );
    return { status: res.status, html: await res.text() };
  };
  /** a call of the card or settings page as HubSpot signs it for `portal` */
  const cardCall = (
    method: 'GET' | 'PUT',
    path: string,
    portal: HubspotEmulator,
    options: { body?: unknown; query?: Record<string, string> } = {},
  ) => {
    const { body } = options;
    const query = new URLSearchParams({
      ...options.query,
      userId: '501',
      userEmail: 'ana@example.com',
      portalId: String(portal.portalId),
    });
    const pathAndQuery = `${path}?${query}`;
    const raw = body === undefined ? undefined : JSON.stringify(body);
    const headers = signHubspotRequestV3({
      method,
      url: `${PUBLIC_URL}${pathAndQuery}`,
      rawBody: raw ?? '',
      clientSecret: CLIENT_SECRET,
      now: Date.now(),
    });
    return fetch(`${gw.url}${pathAndQuery}`, {
      method,
      headers: { ...headers, ...(raw === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(raw === undefined ? {} : { body: raw }),
    });
  };
  const conversationOf = (from: string) =>
    gw.running.runtime.store.getConversation(`${DOC_PHONE_NUMBER_ID}:${from}`) as Promise<
      Conversation | undefined
    >;
  const lead = async (from: string) => {
    await gw.post(customerText(from, 'I need a deep cleaning in Jeddah tomorrow', { name: 'Lucía' }));
    await until(async () => ((await conversationOf(from))?.turnSeq === 1 ? true : undefined), 'turn 1');
    await gw.post(customerText(from, 'mañana, no es urgente'));
    await until(async () => ((await conversationOf(from))?.turnSeq === 2 ? true : undefined), 'turn 2');
    await gw.post(customerTap(from, REPLY_IDS.confirmYes));
  };

  it('answers a known tenant id, an unknown one and any link that is not the operator’s exactly alike', async () => {
    // signed with this deployment's key, but not something the operator's command would make (or not any more)
    const links = installLinks(deriveInstallLinkKey(parseSecretKey(env.LEADWIRE_SECRET_KEY)));
    const signed = (tenantId: string, now = Date.now()) =>
      `${gw.url}/oauth/hubspot/install?link=${links.issue({ crm: 'hubspot', tenantId, now, ttlMs: 60_000 }).link}`;
    const answers = await Promise.all(
      [
        `${gw.url}/oauth/hubspot/install?tenant=acme`,
        `${gw.url}/oauth/hubspot/install?tenant=initech`,
        `${gw.url}/oauth/hubspot/install`,
        `${gw.url}/oauth/hubspot/install?link=acme`,
        signed('globex'), // globex writes to no HubSpot
        signed('initech'), // no such tenant
        signed('acme', Date.now() - 120_000), // expired
        operatorLink('acme').replace(/link=[^.]+/, (m) => `${m.slice(0, -2)}AA`), // damaged
      ].map(open),
    );
    for (const answer of answers) assert.deepEqual(answer, answers[0]);
    assert.equal(answers[0]!.status, 404);
    assert.equal(acmePortal.calls.total + otherPortal.calls.total, 0, 'nothing reached HubSpot');
  });

  it('installs from the operator’s link once; the link then answers like any invalid one', async () => {
    const link = operatorLink();
    const installed = await installWith(link, acmePortal);
    assert.equal(installed.status, 200, installed.html);
    assert.match(installed.html, /portal 700001 is connected to Leadwire \(acme\)/);
    const again = await open(link);
    assert.deepEqual(again, await open(`${gw.url}/oauth/hubspot/install?tenant=initech`));
    assert.equal((await cardCall('GET', '/hubspot/settings', acmePortal)).status, 200);
  });

  it('a second portal without a re-link link changes nothing, and no customer, card or settings call reaches it', async () => {
    const attempt = await installWith(operatorLink(), otherPortal);
    assert.equal(attempt.status, 409);
    assert.match(attempt.html, /linked to HubSpot portal 700001, so portal 700002 was not connected/);
    assert.equal(otherPortal.calls.byRoute['POST /oauth/2026-03/token/revoke'], 1, 'its grant is given back');

    // The portal's card and settings calls, signed by HubSpot as for any portal that installed the app: refused.
    const card = await cardCall('GET', '/hubspot/card', otherPortal, {
      query: { objectTypeId: '0-1', objectId: '1' },
    });
    assert.equal(card.status, 404);
    assert.equal((await cardCall('GET', '/hubspot/settings', otherPortal)).status, 404);
    const save = await cardCall('PUT', '/hubspot/settings', otherPortal, {
      body: { routing: { users: [], groups: [], rules: [] } },
    });
    assert.equal(save.status, 404);
    assert.equal((await cardCall('GET', '/hubspot/settings', acmePortal)).status, 200);

    // A new customer's Lead goes to acme's portal; the other portal receives nothing.
    otherPortal.resetCalls();
    await lead('966500000301');
    await until(() => (acmePortal.leads().length === 1 ? true : undefined), 'the Lead in acme’s portal');
    assert.deepEqual(otherPortal.contacts(), []);
    assert.equal(otherPortal.calls.total, 0);
  });

  it('a re-link link moves the tenant to the new portal, and the gateway logs it', async () => {
    const moved = await installWith(operatorLink('acme', true), otherPortal);
    assert.equal(moved.status, 200, moved.html);
    const logged = logLines.find((line) => line.relinkedFrom !== undefined && line.level === 40);
    assert.ok(logged, 'a warning names the portal the tenant left');
    assert.equal(logged.tenantId, 'acme');
    assert.equal(logged.portalId, '700002');
    assert.equal(logged.relinkedFrom, '700001');
    assert.equal((await cardCall('GET', '/hubspot/settings', otherPortal)).status, 200);
    assert.equal((await cardCall('GET', '/hubspot/settings', acmePortal)).status, 404);

    // The running worker follows the link: the next customer's Lead goes to the new portal, none to the old one.
    const leadsBefore = acmePortal.leads().length;
    await lead('966500000302');
    await until(() => (otherPortal.leads().length === 1 ? true : undefined), 'the Lead in the new portal');
    assert.equal(acmePortal.leads().length, leadsBefore);
  });
});

describe('install links bind a tenant to its Salesforce org', () => {
  const OWNER = '005000000000002AAA';
  let acmeOrg: SalesforceEmulator;
  let otherOrg: SalesforceEmulator;
  let graph: GraphEmulator;
  let gw: Harness;
  const env = { SF_SECRET: 'csecret', LEADWIRE_SECRET_KEY: randomBytes(32).toString('base64') };

  before(async () => {
    // The admin logs in to acme's org on the production login URL, or to another org on the sandbox one.
    [acmeOrg, otherOrg] = await Promise.all([
      startSalesforceEmulator({ users: [{ Id: OWNER, Name: 'Paula Souza' }] }),
      startSalesforceEmulator({ users: [{ Id: OWNER, Name: 'Paula Souza' }], orgId: '00D000000000002AAA' }),
    ]);
    graph = await startGraphEmulator({ token: 'test-graph-token' });
    const config = testConfig({ worker: true, turns: { attempts: 3, backoffMs: 20 } });
    config.whatsapp.graphBaseUrl = graph.url;
    config.whatsapp.replyIntervalMs = 0;
    config.salesforce = {
      consumerKey: acmeOrg.clientId,
      consumerSecret: 'env:SF_SECRET',
      publicUrl: PUBLIC_URL,
      loginUrl: acmeOrg.url,
      sandboxLoginUrl: otherOrg.url,
      apiVersion: acmeOrg.apiVersion,
    };
    const acme = config.tenants[0]!;
    acme.intake = exampleIntakeInput;
    acme.whatsapp.accessToken = 'env:GRAPH_TOKEN';
    acme.routing = {
      users: [{ id: OWNER, name: 'Paula', groups: ['sales'] }],
      groups: [{ id: 'sales' }],
      rules: [{ id: 'all', targets: [{ group: 'sales' }] }],
    };
    acme.crm = { salesforce: {} };
    gw = await startHarness({ config, graph, worker: true, env });
  });
  after(async () => {
    await gw.close();
    await Promise.all([graph.close(), acmeOrg.close(), otherOrg.close()]);
  });

  const connectWith = async (options: { relink?: boolean; org: SalesforceEmulator }) => {
    const sandbox = options.org === otherOrg;
    const link = createInstallLink(gw.config, env, 'salesforce', 'acme', {
      now: Date.now(),
      relink: options.relink === true,
      sandbox,
    }).url.replace(PUBLIC_URL, gw.url);
    const start = await fetch(link, { redirect: 'manual' });
    assert.equal(start.status, 302, await start.text());
    const authorize = new URL(start.headers.get('location')!);
    const code = options.org.issueAuthCode({
      codeChallenge: authorize.searchParams.get('code_challenge')!,
      redirectUri: authorize.searchParams.get('redirect_uri')!,
    });
    const state = authorize.searchParams.get('state')!;
    const res = await fetch(
      `${gw.url}/oauth/salesforce/callback?code=${code}&state=${encodeURIComponent(state)}`,
    );
    return { status: res.status, html: await res.text() };
  };
  const conversationOf = (from: string) =>
    gw.running.runtime.store.getConversation(`${DOC_PHONE_NUMBER_ID}:${from}`) as Promise<
      Conversation | undefined
    >;
  const lead = async (from: string) => {
    await gw.post(customerText(from, 'Preciso de limpeza pesada em Jeddah'));
    await until(async () => ((await conversationOf(from))?.turnSeq === 1 ? true : undefined), 'turn 1');
    await gw.post(customerText(from, 'hoje, é urgente'));
    await until(async () => ((await conversationOf(from))?.turnSeq === 2 ? true : undefined), 'turn 2');
    await gw.post(customerTap(from, REPLY_IDS.confirmYes));
  };

  it('a second org gets nothing without a re-link link; with one, new customers go to it and none to the old org', async () => {
    assert.equal((await connectWith({ org: acmeOrg })).status, 200);
    const refused = await connectWith({ org: otherOrg });
    assert.equal(refused.status, 409);
    assert.match(
      refused.html,
      /linked to Salesforce org 00D000000000001AAA, so org 00D000000000002AAA was not/,
    );
    await lead('5511987650101');
    await until(() => (acmeOrg.records('Lead').length === 1 ? true : undefined), 'the Lead in acme’s org');
    assert.equal(otherOrg.calls.total, 0, 'no API call reached the other org');

    const moved = await connectWith({ org: otherOrg, relink: true });
    assert.equal(moved.status, 200, moved.html);
    await lead('5511987650102');
    await until(() => (otherOrg.records('Lead').length === 1 ? true : undefined), 'the Lead in the new org');
    assert.equal(acmeOrg.records('Lead').length, 1, 'nothing more reached the org the tenant left');
  });
});
