// The HubSpot record card and settings page backend through the real gateway: a conversation driven by Meta
// webhook payloads to a Lead in the HubSpot emulator, then the calls the card makes, signed the way HubSpot
// signs hubspot.fetch (v3, the public URL, the raw body), and checked with the UI's own guards.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Conversation, REPLY_IDS } from '@leadwire/connector-core';
import { exampleIntakeInput, redisSkipReason } from '@leadwire/connector-core/testing';
import { signHubspotRequestV3 } from '@leadwire/hubspot-app';
import { type HubspotEmulator, startHubspotEmulator } from '../../hubspot-app/emulator/hubspot-emulator.ts';
import { createLeadwireProperties } from '../../hubspot-app/emulator/portal-setup.ts';
import { parseCardData } from '../../hubspot-app/project/src/app/cards/lib/card-data.ts';
import { parseSettingsData } from '../../hubspot-app/project/src/app/settings/lib/settings-data.ts';
import { type GraphEmulator, startGraphEmulator } from '../src/whatsapp/graph-emulator.ts';
import {
  customerMessage,
  customerText,
  DOC_PHONE_NUMBER_ID,
  type Harness,
  startHarness,
  testConfig,
  until,
  webhookBody,
} from './support/harness.ts';

const PUBLIC_URL = 'https://leadwire.example.com';
const CLIENT_SECRET = 'hubspot-client-secret';
const OTHER_PORTAL = '777000777';
/** emulator user 501 is owner 101 (Ana), 502 is 102 (Ben) */
const ANA_USER = '501';

const text = (from: string, body: string, seconds?: number) =>
  customerText(from, body, { name: 'Lucía', ...(seconds === undefined ? {} : { seconds }) });
const tap = (from: string, id: string) =>
  customerMessage(
    from,
    { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title: id } } },
    { name: 'Lucía' },
  ).body;

const redisSkip = await redisSkipReason();

for (const mode of ['embedded', 'scale-out'] as const)
  describe(`HubSpot card backend (${mode})`, { skip: mode === 'scale-out' ? redisSkip : undefined }, () => {
    let hubspot: HubspotEmulator;
    let graph: GraphEmulator;
    let gw: Harness;
    let portalId: string;
    const from = '34600333444';
    const conversationId = `${DOC_PHONE_NUMBER_ID}:${from}`;

    /** A call as hubspot.fetch makes it: HubSpot's query parameters, signed over the public URL and raw body. */
    function call(
      method: 'GET' | 'POST' | 'PUT',
      path: string,
      options: {
        query?: Record<string, string>;
        body?: unknown;
        portal?: string;
        userId?: string;
        secret?: string;
        now?: number;
        tamper?: (init: { url: string; body: string | undefined }) => {
          url: string;
          body: string | undefined;
        };
        signed?: boolean;
      } = {},
    ): Promise<Response> {
      const query = new URLSearchParams({
        ...options.query,
        userId: options.userId ?? ANA_USER,
        userEmail: 'ana@example.com',
        appId: '424242',
        portalId: options.portal ?? portalId,
      });
      const pathAndQuery = `${path}?${query.toString()}`;
      const body = options.body === undefined ? undefined : JSON.stringify(options.body);
      const headers: Record<string, string> =
        options.signed === false
          ? {}
          : signHubspotRequestV3({
              method,
              url: `${PUBLIC_URL}${pathAndQuery}`,
              rawBody: body ?? '',
              clientSecret: options.secret ?? CLIENT_SECRET,
              now: options.now ?? Date.now(),
            });
      let sent = { url: `${gw.url}${pathAndQuery}`, body };
      if (options.tamper !== undefined) sent = options.tamper(sent);
      return fetch(sent.url, {
        method,
        headers: { ...headers, ...(sent.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(sent.body === undefined ? {} : { body: sent.body }),
      });
    }

    const card = async (objectTypeId: string, objectId: string, portal?: string) => {
      const response = await call('GET', '/hubspot/card', {
        query: { objectTypeId, objectId },
        ...(portal === undefined ? {} : { portal }),
      });
      assert.equal(response.status, 200, await response.clone().text());
      return parseCardData(await response.json());
    };

    const conversationOf = (id: string) =>
      gw.running.runtime.store.getConversation(id) as Promise<Conversation | undefined>;
    const turns = (id: string, n: number) =>
      until(async () => ((await conversationOf(id))?.turnSeq ?? 0) >= n || undefined, `turn ${n} of ${id}`);

    before(async () => {
      hubspot = await startHubspotEmulator({ accessToken: 'hs-token' });
      await createLeadwireProperties(hubspot);
      portalId = String(hubspot.portal.id);
      graph = await startGraphEmulator({ token: 'test-graph-token' });
      const config = testConfig({ worker: true, mode });
      config.server = { ...config.server, adminToken: 'env:ADMIN_TOKEN' };
      config.whatsapp.graphBaseUrl = graph.url;
      config.whatsapp.replyIntervalMs = 0;
      config.hubspot = {
        clientId: 'leadwire-test-app',
        clientSecret: 'env:HUBSPOT_CLIENT_SECRET',
        publicUrl: PUBLIC_URL,
        apiBaseUrl: hubspot.url,
      };
      const acme = config.tenants[0]!;
      acme.intake = exampleIntakeInput;
      acme.whatsapp.accessToken = 'env:GRAPH_TOKEN';
      // Nobody has capacity: routing sends the Lead to the pool, where the card claims it.
      acme.routing = {
        users: [
          { id: '101', name: 'Ana', groups: ['cleaning'], maxOpen: 0 },
          { id: '102', name: 'Ben', groups: ['cleaning'], maxOpen: 0 },
        ],
        groups: [{ id: 'cleaning' }],
        rules: [{ id: 'cleaning', targets: [{ group: 'cleaning' }] }],
      };
      acme.crm = { hubspot: { accessToken: 'env:HUBSPOT_TOKEN', portalId, apiBaseUrl: hubspot.url } };
      // globex is connected to another portal
      config.tenants[1]!.crm = {
        hubspot: { accessToken: 'env:HUBSPOT_TOKEN', portalId: OTHER_PORTAL, apiBaseUrl: hubspot.url },
      };
      gw = await startHarness({
        config,
        graph,
        worker: true,
        env: {
          HUBSPOT_TOKEN: 'hs-token',
          HUBSPOT_CLIENT_SECRET: CLIENT_SECRET,
          LEADWIRE_SECRET_KEY: createHash('sha256').update('card-test').digest('hex'),
        },
      });

      // The customer asks, answers, confirms: a Lead (and a contact) in HubSpot, the conversation in the pool.
      assert.equal((await gw.post(text(from, 'Necesito una limpieza profunda en Jeddah'))).status, 200);
      await turns(conversationId, 1);
      assert.equal((await gw.post(text(from, 'hoy, es urgente'))).status, 200);
      await turns(conversationId, 2);
      assert.equal((await gw.post(tap(from, REPLY_IDS.confirmYes))).status, 200);
      await until(async () => {
        const c = await conversationOf(conversationId);
        return c?.turnSeq === 3 && c.crmRefs.lead !== undefined ? c : undefined;
      }, 'the Lead');
    });
    after(async () => {
      await gw?.close();
      await graph?.close();
      await hubspot?.close();
    });

    it('answers the card of the contact, the lead and the ticket-less record with the whole conversation', async () => {
      const [contact] = hubspot.contacts();
      const [lead] = hubspot.leads();
      assert.ok(contact !== undefined && lead !== undefined, 'the CRM step wrote a contact and a Lead');
      const data = await card('0-1', contact.id);
      const conversation = data.conversation;
      assert.ok(conversation !== null, 'the contact resolves to its conversation');
      assert.equal(conversation.id, conversationId);
      assert.equal(conversation.state, 'handed_over');
      assert.equal(conversation.customer.waId, from);
      assert.equal(conversation.customer.name, 'Lucía');
      assert.equal(conversation.customer.phone, `+${from}`);
      assert.equal(conversation.business.phoneNumberId, DOC_PHONE_NUMBER_ID);
      assert.equal(conversation.business.displayNumber, '+15550783881');
      // the transcript: three customer messages and the agent's replies between them, oldest first
      const customer = conversation.messages.filter((m) => m.author === 'customer');
      assert.deepEqual(
        customer.map((m) => m.text),
        ['Necesito una limpieza profunda en Jeddah', 'hoy, es urgente', REPLY_IDS.confirmYes],
      );
      assert.equal(customer[2]?.kind, 'interactive');
      const agent = conversation.messages.filter((m) => m.author === 'agent');
      assert.ok(agent.length >= 3, `the agent's replies are in the transcript (${agent.length})`);
      const times = conversation.messages.map((m) => Date.parse(m.at));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => a - b),
        'oldest first',
      );
      assert.equal(conversation.messages[0]?.author, 'customer', 'the customer wrote first');
      // signals, the decision and why, routing to the pool with its trace
      assert.equal(conversation.signals.serviceType?.value, 'deep_cleaning');
      assert.equal(conversation.signals.urgency?.value, 'urgent');
      assert.equal(conversation.labels?.services?.deep_cleaning !== undefined, true);
      assert.equal(conversation.decision?.decision, 'lead');
      assert.ok((conversation.decision?.reasons.length ?? 0) > 0);
      const routing = conversation.routing;
      assert.equal(routing?.assignment.assignee.kind, 'pool');
      assert.equal(routing?.assignment.source, 'routing');
      assert.equal(routing?.trace?.rule, 'cleaning');
      assert.ok(
        routing?.trace?.steps.some((step) => step.candidates.some((c) => c.reason === 'at_capacity')),
        'the trace says why nobody took it',
      );
      assert.equal(conversation.sla, undefined, 'no SLA runs in the pool');
      // the 24-hour window from the customer's last message
      const last = await conversationOf(conversationId);
      assert.equal(conversation.window.lastInboundAt, last?.lastInboundAt);
      assert.equal(
        Date.parse(conversation.window.expiresAt!),
        Date.parse(conversation.window.lastInboundAt!) + 24 * 3_600_000,
      );
      assert.equal(conversation.replyBlockedReason, undefined);

      // the Lead record shows the same conversation
      const byLead = await card('0-136', lead.id);
      assert.equal(byLead.conversation?.id, conversationId);
    });

    it('answers conversation: null for a record no conversation wrote', async () => {
      assert.deepEqual(await card('0-1', '999999999'), { version: 1, conversation: null });
      assert.deepEqual(await card('0-5', '1'), { version: 1, conversation: null });
    });

    it('refuses unsigned, stale, tampered and wrongly keyed calls with 401', async () => {
      const [contact] = hubspot.contacts();
      const query = { objectTypeId: '0-1', objectId: contact!.id };
      const unsigned = await call('GET', '/hubspot/card', { query, signed: false });
      assert.equal(unsigned.status, 401);
      const body = (await unsigned.json()) as { error: { code: string; message: string } };
      assert.match(body.error.message, /not signed/);
      assert.equal((await call('GET', '/hubspot/card', { query, now: Date.now() - 6 * 60_000 })).status, 401);
      assert.equal((await call('GET', '/hubspot/card', { query, secret: 'another-secret' })).status, 401);
      // another record than the one signed for
      const moved = await call('GET', '/hubspot/card', {
        query,
        tamper: ({ url, body: b }) => ({
          url: url.replace(`objectId=${contact!.id}`, 'objectId=1'),
          body: b,
        }),
      });
      assert.equal(moved.status, 401);
      // another portal than the one signed for
      const portal = await call('GET', '/hubspot/card', {
        query,
        tamper: ({ url, body: b }) => ({
          url: url.replace(`portalId=${portalId}`, `portalId=${OTHER_PORTAL}`),
          body: b,
        }),
      });
      assert.equal(portal.status, 401);
      // a body changed after signing
      const claim = await call('POST', '/hubspot/claim', {
        body: { conversationId, expectedVersion: 1 },
        tamper: ({ url }) => ({ url, body: JSON.stringify({ conversationId, expectedVersion: 2 }) }),
      });
      assert.equal(claim.status, 401);
      // the Host header does not matter: the public URL is what was signed
      const hosted = await fetch(`${gw.url}/hubspot/card?${new URLSearchParams({ ...query, portalId })}`, {
        headers: {
          host: 'evil.example.com',
          ...signHubspotRequestV3({
            method: 'GET',
            url: `https://evil.example.com/hubspot/card?${new URLSearchParams({ ...query, portalId })}`,
            rawBody: '',
            clientSecret: CLIENT_SECRET,
            now: Date.now(),
          }),
        },
      });
      assert.equal(hosted.status, 401);
    });

    it('never shows or changes another tenant\u2019s conversation', async () => {
      const [contact] = hubspot.contacts();
      // globex's portal asking for acme's record: globex has no conversation there
      const other = await card('0-1', contact!.id, OTHER_PORTAL);
      assert.equal(other.conversation, null);
      // globex acting on acme's conversation: 404, nothing changed
      const before = await gw.running.runtime.assignments.get(conversationId);
      const claim = await call('POST', '/hubspot/claim', {
        portal: OTHER_PORTAL,
        body: { conversationId, expectedVersion: before!.version },
      });
      assert.equal(claim.status, 404);
      const reply = await call('POST', '/hubspot/reply', {
        portal: OTHER_PORTAL,
        body: { conversationId, text: 'hola' },
      });
      assert.equal(reply.status, 404);
      assert.deepEqual(await gw.running.runtime.assignments.get(conversationId), before);
      // a portal no tenant is connected to
      const unknown = await call('GET', '/hubspot/card', {
        portal: '555',
        query: { objectTypeId: '0-1', objectId: contact!.id },
      });
      assert.equal(unknown.status, 404);
      assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'NOT_FOUND');
    });

    it('claims from the pool for the calling HubSpot user; a stale version is a 409', async () => {
      const current = await gw.running.runtime.assignments.get(conversationId);
      assert.equal(current?.assignee.kind, 'pool');
      const stale = await call('POST', '/hubspot/claim', {
        body: { conversationId, expectedVersion: current!.version - 1 },
      });
      assert.equal(stale.status, 409);
      assert.equal(((await stale.json()) as { error: { code: string } }).error.code, 'CONFLICT');
      assert.equal((await gw.running.runtime.assignments.get(conversationId))?.assignee.kind, 'pool');

      const claimed = await call('POST', '/hubspot/claim', {
        body: { conversationId, expectedVersion: current!.version },
      });
      assert.equal(claimed.status, 200, await claimed.clone().text());
      const { assignment } = (await claimed.json()) as {
        assignment: { assignee: { id: string }; source: string };
      };
      assert.equal(assignment.assignee.id, '101', 'HubSpot user 501 is owner 101');
      assert.equal(assignment.source, 'claim');
      // the same claim again: the version moved
      const again = await call('POST', '/hubspot/claim', {
        body: { conversationId, expectedVersion: current!.version },
      });
      assert.equal(again.status, 409);
      const [contact] = hubspot.contacts();
      const data = await card('0-1', contact!.id);
      assert.equal(data.conversation?.routing?.assignment.assignee.id, '101');
      assert.equal(data.conversation?.routing?.assignment.source, 'claim');
      assert.equal(data.conversation?.routing?.trace, undefined, 'a claim has no routing trace');
    });

    it('sends a reply on WhatsApp once, records it as a person\u2019s message and the agent goes silent', async () => {
      const sentBefore = graph.sent.length;
      const words = 'Hola Lucía, soy Ana. ¿Le viene bien a las 10?';
      const reply = await call('POST', '/hubspot/reply', { body: { conversationId, text: words } });
      assert.equal(reply.status, 200, await reply.clone().text());
      const { wamid } = (await reply.json()) as { wamid: string };
      const sent = graph.sent.slice(sentBefore);
      assert.equal(sent.length, 1);
      assert.equal(sent[0]?.wamid, wamid);
      const sentBody = sent[0]!.body as { to?: string; text?: { body?: string } };
      assert.equal(sentBody.text?.body, words);
      assert.equal(sentBody.to, `+${from}`, 'E.164 with +, as Meta asks');
      // HubSpot retries the same request: nothing is sent twice
      const retry = await call('POST', '/hubspot/reply', { body: { conversationId, text: words } });
      assert.equal(retry.status, 200);
      assert.equal(((await retry.json()) as { wamid: string }).wamid, wamid);
      assert.equal(graph.sent.length, sentBefore + 1);

      const human = await until(async () => {
        const c = await conversationOf(conversationId);
        return c?.state === 'human' ? c : undefined;
      }, 'the conversation with a person');
      assert.equal(human.stateBeforeHuman, 'handed_over');

      // The customer writes again: the agent stays silent.
      const agentSends = graph.sent.length;
      assert.equal((await gw.post(text(from, '¡Perfecto, gracias!'))).status, 200);
      await turns(conversationId, human.turnSeq + 1);
      await sleep(200);
      assert.equal(graph.sent.length, agentSends, 'the agent does not answer while a person has it');

      const [contact] = hubspot.contacts();
      const data = await card('0-1', contact!.id);
      const mine = data.conversation?.messages.find((m) => m.id === wamid);
      assert.equal(mine?.author, 'human');
      assert.equal(mine?.text, words);
      assert.equal(mine?.authorName, 'Ana');
      assert.equal(data.conversation?.state, 'human');
    });

    it('refuses a reply outside the 24-hour window with 409 and the reason', async () => {
      const late = '34600999888';
      const lateId = `${DOC_PHONE_NUMBER_ID}:${late}`;
      const twoDaysAgo = Math.floor(Date.now() / 1000) - 48 * 3600;
      assert.equal((await gw.post(text(late, 'Hola', twoDaysAgo))).status, 200);
      await turns(lateId, 1);
      const sentBefore = graph.sent.length;
      const reply = await call('POST', '/hubspot/reply', { body: { conversationId: lateId, text: 'Hola' } });
      assert.equal(reply.status, 409);
      const { error } = (await reply.json()) as { error: { code: string; message: string } };
      assert.equal(error.code, 'CONFLICT');
      assert.match(error.message, /24-hour window closed/);
      assert.equal(graph.sent.length, sentBefore, 'nothing was sent');
      // and a body the endpoint does not take
      const bad = await call('POST', '/hubspot/reply', { body: { conversationId: lateId } });
      assert.equal(bad.status, 400);
      const { error: issue } = (await bad.json()) as { error: { issues: Array<{ path: unknown[] }> } };
      assert.deepEqual(issue.issues[0]?.path, ['text']);
    });

    it('takes the window from a status that states a free-entry-point window (72 hours), not a billed conversation', async () => {
      const fromAd = '34600999444';
      const fromAdId = `${DOC_PHONE_NUMBER_ID}:${fromAd}`;
      const wroteAt = Math.floor(Date.now() / 1000) - 23 * 3600;
      assert.equal((await gw.post(text(fromAd, 'Hola, vengo del anuncio', wroteAt))).status, 200);
      const answered = await until(async () => {
        const c = await conversationOf(fromAdId);
        return c?.agent?.lastReplyWamid;
      }, 'the agent answering');
      assert.equal(graph.sent.find((s) => s.recipient === fromAd)?.wamid !== undefined, true);
      const windowOf = async () => {
        const response = await call('GET', '/hubspot/templates', { query: { conversationId: fromAdId } });
        const data = (await response.json()) as { windowOpen: boolean; windowExpiresAt?: string };
        return { windowOpen: data.windowOpen, windowExpiresAt: data.windowExpiresAt };
      };
      const fallback = new Date((wroteAt + 24 * 3600) * 1000).toISOString();
      assert.deepEqual(await windowOf(), { windowOpen: true, windowExpiresAt: fallback });

      const status = (conversation: Record<string, unknown>, pricing: Record<string, unknown>) =>
        webhookBody({
          statuses: [
            {
              id: answered,
              status: 'sent',
              timestamp: String(Math.floor(Date.now() / 1000)),
              recipient_id: fromAd,
              conversation,
              pricing,
            },
          ],
        });
      const until72h = Math.floor(Date.now() / 1000) + 72 * 3600;
      // A billed service conversation (statuses before v24.0) ends later, but is not the customer's window.
      const service = status(
        { id: 'conv-service', expiration_timestamp: String(until72h), origin: { type: 'service' } },
        { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' },
      );
      assert.equal((await gw.post(service)).status, 200);
      const freeEntry = status(
        { id: 'conv-ad', expiration_timestamp: String(until72h), origin: { type: 'referral_conversion' } },
        { billable: false, pricing_model: 'PMP', type: 'free_entry_point', category: 'referral_conversion' },
      );
      assert.equal((await gw.post(freeEntry)).status, 200);
      const stated = new Date(until72h * 1000).toISOString();
      await until(
        async () => ((await windowOf()).windowExpiresAt === stated ? true : undefined),
        'the stated window',
      );
      assert.deepEqual(await windowOf(), { windowOpen: true, windowExpiresAt: stated });
    });

    it('sends an approved template after the window closed, with its parameters, and records it', async () => {
      const late = '34600999777';
      const lateId = `${DOC_PHONE_NUMBER_ID}:${late}`;
      const twoDaysAgo = Math.floor(Date.now() / 1000) - 48 * 3600;
      assert.equal((await gw.post(text(late, 'Hola, necesito un fontanero', twoDaysAgo))).status, 200);
      await turns(lateId, 1);

      const listed = await call('GET', '/hubspot/templates', { query: { conversationId: lateId } });
      assert.equal(listed.status, 200, await listed.clone().text());
      const data = (await listed.json()) as {
        windowOpen: boolean;
        templates: Array<{
          name: string;
          status: string;
          category: string;
          sendable: boolean;
          bodyParameters: string[];
        }>;
      };
      assert.equal(data.windowOpen, false);
      const followUp = data.templates.find((t) => t.name === 'lead_follow_up')!;
      assert.deepEqual(
        [followUp.status, followUp.category, followUp.sendable, followUp.bodyParameters],
        ['APPROVED', 'UTILITY', true, ['1', '2', '3']],
      );
      assert.equal(
        data.templates.find((t) => t.name === 'summer_sale')?.sendable,
        false,
        'a rejected one is shown, not sendable',
      );

      const pending = await call('POST', '/hubspot/reply', {
        body: { conversationId: lateId, template: { name: 'seguimiento', language: 'es', body: ['Lucía'] } },
      });
      assert.equal(pending.status, 400);
      assert.match(((await pending.json()) as { error: { message: string } }).error.message, /PENDING/);
      const short = await call('POST', '/hubspot/reply', {
        body: {
          conversationId: lateId,
          template: { name: 'lead_follow_up', language: 'en_US', body: ['Lucía'] },
        },
      });
      assert.equal(short.status, 400);
      assert.match(
        ((await short.json()) as { error: { message: string } }).error.message,
        /needs 3 body values/,
      );

      const sentBefore = graph.sent.length;
      const reply = await call('POST', '/hubspot/reply', {
        body: {
          conversationId: lateId,
          template: { name: 'lead_follow_up', language: 'en_US', body: ['Lucía', 'Ana', 'plumbing'] },
        },
      });
      assert.equal(reply.status, 200, await reply.clone().text());
      const { wamid } = (await reply.json()) as { wamid: string };
      const sent = graph.sent.slice(sentBefore);
      assert.equal(sent.length, 1);
      assert.equal(sent[0]!.body.type, 'template');
      assert.deepEqual(sent[0]!.body.template, {
        name: 'lead_follow_up',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: ['Lucía', 'Ana', 'plumbing'].map((value) => ({ type: 'text', text: value })),
          },
        ],
      });
      const recorded = await until(async () => {
        const events = await gw.running.runtime.store.conversationEvents(lateId, { limit: 10 });
        return events.find(({ event }) => event.id === wamid)?.event;
      }, 'the template in the transcript');
      assert.match(recorded.text ?? '', /Hi Lucía, this is Ana about your plumbing request/);
    });

    it('shows an edited message as it is now and a deleted one without its words, both marked', async () => {
      const said = customerMessage(
        from,
        { type: 'text', text: { body: 'Mi piso es el 3' } },
        { name: 'Lucía' },
      );
      const secret = customerMessage(
        from,
        { type: 'text', text: { body: 'La llave está bajo el felpudo' } },
        { name: 'Lucía' },
      );
      await gw.post(said.body);
      await gw.post(secret.body);
      await gw.post(
        customerMessage(from, {
          type: 'edit',
          edit: {
            original_message_id: said.wamid,
            message: { type: 'text', text: { body: 'Mi piso es el 5' } },
          },
        }).body,
      );
      await gw.post(
        customerMessage(from, { type: 'revoke', revoke: { original_message_id: secret.wamid } }).body,
      );
      const [contact] = hubspot.contacts();
      const messages = (await card('0-1', contact!.id)).conversation?.messages ?? [];
      assert.equal(messages.find((m) => m.id === said.wamid)?.text, '✏️ (edited) Mi piso es el 5');
      assert.equal(messages.find((m) => m.id === secret.wamid)?.text, '🗑 (deleted by the customer)');
      assert.ok(!JSON.stringify(messages).includes('felpudo'), 'the deleted words are not shown');
    });

    it('reads the settings and saves routing: invalid is a 400 at its path, valid is applied', async () => {
      const response = await call('GET', '/hubspot/settings');
      assert.equal(response.status, 200, await response.clone().text());
      const settings = parseSettingsData(await response.json());
      assert.equal(settings.connection.portalId, Number(portalId));
      assert.equal(settings.connection.status, 'connected');
      assert.deepEqual(
        settings.owners.map((o) => o.id),
        ['101', '102', '103'],
      );
      assert.equal(settings.owners[0]?.name, 'Ana Ruiz');
      assert.deepEqual(
        settings.teams.find((t) => t.id === '9001'),
        { id: '9001', name: 'Plumbing', ownerIds: ['101', '102'] },
      );
      assert.deepEqual(
        settings.whatsappNumbers.map((n) => [n.phoneNumberId, n.status]),
        [[DOC_PHONE_NUMBER_ID, 'connected']],
      );
      assert.ok(settings.catalog.services.some((s) => s.id === 'deep_cleaning'));
      assert.deepEqual(
        settings.routing.users?.map((u) => u.id),
        ['101', '102'],
      );

      const invalid = {
        ...settings.routing,
        rules: [{ id: 'cleaning', when: { serviceType: ['no_such_service'] }, targets: [] }],
      };
      const refused = await call('PUT', '/hubspot/settings', { body: { routing: invalid } });
      assert.equal(refused.status, 400);
      const { error } = (await refused.json()) as {
        error: { code: string; issues: Array<{ path: (string | number)[]; message: string }> };
      };
      assert.equal(error.code, 'VALIDATION');
      assert.deepEqual(error.issues[0]?.path, ['rules', 0, 'targets']);
      const unknownService = {
        ...settings.routing,
        rules: [{ id: 'x', when: { serviceType: ['nope'] }, targets: [{ user: '101' }] }],
      };
      const refused2 = await call('PUT', '/hubspot/settings', { body: { routing: unknownService } });
      assert.equal(refused2.status, 400);
      const issues2 = ((await refused2.json()) as { error: { issues: Array<{ path: unknown[] }> } }).error
        .issues;
      assert.deepEqual(issues2[0]?.path, ['rules', 0, 'when', 'serviceType', 0]);

      // Before the save, routing knows no user 103: the admin API cannot assign to them.
      const admin = (id: string) =>
        fetch(`${gw.url}/conversations/${encodeURIComponent(conversationId)}/assign`, {
          method: 'POST',
          headers: {
            authorization: 'Bearer admin-secret-token-of-24-chars',
            'content-type': 'application/json',
          },
          body: JSON.stringify({ userId: id }),
        });
      assert.equal((await admin('103')).status, 400);

      const edited = {
        ...settings.routing,
        users: [...(settings.routing.users ?? []), { id: '103', name: 'Chen', groups: ['cleaning'] }],
      };
      const saved = await call('PUT', '/hubspot/settings', { body: { routing: edited } });
      assert.equal(saved.status, 200, await saved.clone().text());
      assert.deepEqual(((await saved.json()) as { routing: unknown }).routing, edited);
      const reread = parseSettingsData(await (await call('GET', '/hubspot/settings')).json());
      assert.deepEqual(reread.routing, edited);
      // the running routing reads the saved section
      assert.equal((await admin('103')).status, 200);
      // kept durably as an override of the file's section
      assert.ok((await gw.running.runtime.store.getStepResult('routing-override:acme:1')) !== undefined);
    });

    it('reads a completed Flow and a shared contact card as text: in intake, the HubSpot transcript and the card', async () => {
      const customer = '34600999333';
      const id = `${DOC_PHONE_NUMBER_ID}:${customer}`;
      assert.equal((await gw.post(text(customer, 'Necesito una limpieza profunda en Jeddah'))).status, 200);
      await turns(id, 1);
      // pywa's flow_completion shape, and a contact card as Meta's contacts-message example has it
      const flow = customerMessage(
        customer,
        {
          type: 'interactive',
          interactive: {
            type: 'nfm_reply',
            nfm_reply: {
              name: 'flow',
              body: 'Sent',
              response_json: JSON.stringify({ flow_token: 'ft-1', preferred_day: 'Saturday', rooms: 3 }),
            },
          },
        },
        { name: 'Lucía' },
      );
      const shared = customerMessage(
        customer,
        {
          type: 'contacts',
          contacts: [
            {
              name: { formatted_name: 'Omar Haddad', first_name: 'Omar' },
              phones: [{ phone: '+966 50 123 4567', wa_id: '966501234567', type: 'CELL' }],
            },
          ],
        },
        { name: 'Lucía' },
      );
      assert.equal((await gw.post(flow.body)).status, 200);
      assert.equal((await gw.post(shared.body)).status, 200);
      const flowWords = 'Form answers:\nPreferred day: Saturday\nRooms: 3';
      const contactWords = 'Shared contact: Omar Haddad, +966 50 123 4567 (CELL)';
      const heard = await until(async () => {
        const history = (await conversationOf(id))?.agent?.history ?? [];
        const texts = history.filter((line) => line.author === 'customer').map((line) => line.text);
        return texts.includes(flowWords) && texts.includes(contactWords) ? texts : undefined;
      }, 'intake reading both');
      assert.equal(heard.includes('(no text)'), false);

      // The customer confirms: a Lead, and the transcript is written to HubSpot.
      assert.equal((await gw.post(text(customer, 'hoy, es urgente'))).status, 200);
      await until(async () => {
        const c = await conversationOf(id);
        return c?.agent?.decision?.ask === 'confirm' || c?.crmRefs.lead !== undefined ? true : undefined;
      }, 'the confirmation question');
      assert.equal((await gw.post(tap(customer, REPLY_IDS.confirmYes))).status, 200);
      const lead = await until(async () => (await conversationOf(id))?.crmRefs.lead, 'the Lead');
      const bodies = await until(() => {
        const all = hubspot.communications().map((c) => String(c.properties.hs_communication_body));
        return all.some((b) => b.includes(flowWords)) && all.some((b) => b.includes(contactWords))
          ? all
          : undefined;
      }, 'both in the HubSpot transcript');
      assert.equal(bodies.filter((b) => b.includes(contactWords)).length, 1, 'written once');
      const shown = (await card('0-136', lead)).conversation?.messages ?? [];
      assert.equal(shown.find((m) => m.id === flow.wamid)?.text, flowWords);
      assert.equal(shown.find((m) => m.id === shared.wamid)?.text, contactWords);
    });
  });
