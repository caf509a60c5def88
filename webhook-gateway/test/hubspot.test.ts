// HubSpot end to end: real Meta payloads through the gateway and the worker; the intake agent hands over a
// Lead, routing picks a HubSpot owner, and the HubSpot emulator (the real @hubspot/api-client over HTTP) ends
// up with the contact, the Lead, the owner's task and the transcript — within the call budget, exactly once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@hubspot/api-client';
import { type Conversation, REPLY_IDS } from '@leadwire/connector-core';
import { exampleIntakeInput } from '@leadwire/connector-core/testing';
import { type HubspotEmulator, startHubspotEmulator } from '../../hubspot-app/emulator/hubspot-emulator.ts';
import { createLeadwireProperties } from '../../hubspot-app/emulator/portal-setup.ts';
import { formatExplanation } from '../src/cli/explain.ts';
import { createLogger } from '../src/observability/logger.ts';
import { routingService } from '../src/runtime/routing-service.ts';
import { type GraphEmulator, startGraphEmulator } from '../src/whatsapp/graph-emulator.ts';
import {
  customerMessage,
  customerTap,
  customerText,
  DOC_PHONE_NUMBER_ID,
  type Harness,
  startHarness,
  testConfig,
  until,
  webhookBody,
} from './support/harness.ts';

describe('HubSpot end to end', () => {
  let hubspot: HubspotEmulator;
  let graph: GraphEmulator;
  let gw: Harness;
  /** what the gateway logged at warn and above */
  const warnings: string[] = [];

  before(async () => {
    hubspot = await startHubspotEmulator({ accessToken: 'hs-token' });
    await createLeadwireProperties(hubspot);
    hubspot.resetCalls();
    graph = await startGraphEmulator({ token: 'test-graph-token' });
    const config = testConfig({ worker: true });
    config.whatsapp.graphBaseUrl = graph.url;
    config.whatsapp.replyIntervalMs = 0;
    config.tenants[0]!.intake = exampleIntakeInput;
    config.tenants[0]!.whatsapp.accessToken = 'env:GRAPH_TOKEN';
    config.tenants[0]!.routing = {
      users: [
        { id: '101', name: 'Ana', groups: ['cleaning'] },
        { id: '102', name: 'Ben', groups: ['cleaning'] },
      ],
      groups: [{ id: 'cleaning' }],
      rules: [{ id: 'cleaning', targets: [{ group: 'cleaning' }] }],
    };
    config.tenants[0]!.crm = {
      hubspot: {
        accessToken: 'env:HUBSPOT_TOKEN',
        portalId: String(hubspot.portal.id),
        apiBaseUrl: hubspot.url,
      },
    };
    gw = await startHarness({
      config,
      graph,
      worker: true,
      env: { HUBSPOT_TOKEN: 'hs-token' },
      logger: createLogger({ level: 'warn' }, { write: (line: string) => warnings.push(line) }),
    });
  });
  after(async () => {
    await gw.close();
    await graph.close();
    await hubspot.close();
  });

  const directoryCalls = () =>
    Object.entries(hubspot.calls.byRoute)
      .filter(([route]) => /owners|settings\/v3\/users|settings\/users\/v3/.test(route))
      .reduce((sum, [, n]) => sum + n, 0);
  const conversationOf = (from: string) =>
    gw.running.runtime.store.getConversation(`${DOC_PHONE_NUMBER_ID}:${from}`) as Promise<
      Conversation | undefined
    >;
  const turns = (from: string, n: number) =>
    until(async () => ((await conversationOf(from))?.turnSeq ?? 0) >= n || undefined, `turn ${n}`);

  it('writes nothing during intake, then the Lead in ≤ 5 calls, exactly once, and a follow-up in ≤ 2', async () => {
    const from = '34600111222';
    assert.equal((await gw.post(customerText(from, 'Necesito una limpieza profunda en Jeddah'))).status, 200);
    await turns(from, 1);
    assert.equal((await gw.post(customerText(from, 'hoy, es urgente'))).status, 200);
    await turns(from, 2);
    assert.equal(hubspot.calls.total, 0, 'intake writes nothing to HubSpot');

    const confirm = customerTap(from, REPLY_IDS.confirmYes);
    assert.equal((await gw.post(confirm)).status, 200);
    const handedOver = await until(async () => {
      const c = await conversationOf(from);
      return c?.turnSeq === 3 ? c : undefined;
    }, 'the Lead');
    assert.equal(handedOver.state, 'handed_over');
    // Routing read the portal's users once (owners, users, teams: cached 5 minutes, shared by every Lead);
    // the Lead's own cost is everything else.
    const directoryReads = directoryCalls();
    assert.equal(directoryReads, 3, 'owners, users and teams read once for the directory');
    const leadCalls = hubspot.calls.total - directoryReads;
    assert.ok(leadCalls <= 5, `a new Lead cost ${leadCalls} calls (budget 5)`);

    const [contact] = hubspot.contacts();
    assert.equal(contact?.properties.leadwire_conversation_id, `${DOC_PHONE_NUMBER_ID}:${from}`);
    assert.equal(contact?.properties.phone, `+${from}`);
    const owner = handedOver.ownerId;
    assert.ok(owner === '101' || owner === '102', `routed to a HubSpot owner (${owner})`);
    const [lead] = hubspot.leads();
    assert.equal(lead?.properties.hubspot_owner_id, owner);
    assert.equal(lead?.properties.leadwire_service_type, 'deep_cleaning');
    assert.equal(lead?.properties.leadwire_urgency, 'urgent');
    const [task] = hubspot.tasks();
    assert.equal(task?.properties.hubspot_owner_id, owner);
    assert.equal(task?.properties.hs_task_priority, 'HIGH');
    const lines = hubspot.communications();
    assert.ok(lines.length >= 6, `the whole transcript so far (${lines.length} lines)`);
    assert.ok(lines.every((line) => line.properties.hs_communication_channel_type === 'WHATS_APP'));

    // Meta delivers the same webhook again: nothing new anywhere.
    const before = hubspot.calls.total;
    assert.equal((await gw.post(confirm)).status, 200);
    await sleep(400);
    assert.equal(hubspot.calls.total, before, 'a repeated delivery costs no call');
    assert.equal(hubspot.leads().length, 1);
    assert.equal(hubspot.tasks().length, 1);

    // A follow-up message: its line (and any update), nothing else.
    hubspot.resetCalls();
    assert.equal((await gw.post(customerText(from, 'Gracias, también las ventanas'))).status, 200);
    await turns(from, 4);
    await until(() => (hubspot.calls.total > 0 ? true : undefined), 'the follow-up write');
    assert.ok(hubspot.calls.total <= 2, `a further turn cost ${hubspot.calls.total} calls (budget 2)`);
    assert.equal(hubspot.contacts().length, 1);
    assert.equal(hubspot.leads().length, 1);
    assert.equal(hubspot.tasks().length, 1);
    assert.equal(hubspot.communications().length, lines.length + 1);
  });

  it('a person seen by BSUID and wa_id, then by wa_id alone, then by BSUID alone is one conversation, one contact, one owner', async () => {
    const wa = '34600111444';
    const bsuid = 'ES.7730011144455566677';
    let n = 0;
    const say = (ids: { wa?: boolean; bsuid?: boolean }, content: Record<string, unknown>) => {
      n++;
      return webhookBody({
        contacts: [
          {
            profile: { name: 'Marta' },
            ...(ids.wa ? { wa_id: wa } : {}),
            ...(ids.bsuid ? { user_id: bsuid } : {}),
          },
        ],
        messages: [
          {
            ...(ids.wa ? { from: wa } : {}),
            ...(ids.bsuid ? { from_user_id: bsuid } : {}),
            id: `wamid.link-${n}`,
            timestamp: String(Math.floor(Date.now() / 1000)),
            ...content,
          },
        ],
      });
    };
    const tap = (id: string) => ({
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id, title: id } },
    });
    const contactsBefore = hubspot.contacts().length;
    const leadsBefore = hubspot.leads().length;
    const id = `${DOC_PHONE_NUMBER_ID}:${bsuid}`;
    const conversation = () =>
      gw.running.runtime.store.getConversation(id) as Promise<Conversation | undefined>;
    await gw.post(
      say(
        { wa: true, bsuid: true },
        { type: 'text', text: { body: 'Necesito una limpieza profunda en Jeddah' } },
      ),
    );
    await until(async () => ((await conversation())?.turnSeq ?? 0) >= 1 || undefined, 'turn 1');
    await gw.post(say({ wa: true }, { type: 'text', text: { body: 'hoy, es urgente' } }));
    await until(async () => ((await conversation())?.turnSeq ?? 0) >= 2 || undefined, 'turn 2 (wa_id only)');
    await gw.post(say({ bsuid: true }, tap(REPLY_IDS.confirmYes)));
    const handedOver = await until(async () => {
      const c = await conversation();
      return c?.state === 'handed_over' ? c : undefined;
    }, 'the Lead');
    assert.equal(
      await gw.running.runtime.store.getConversation(`${DOC_PHONE_NUMBER_ID}:${wa}`),
      undefined,
      'no second conversation',
    );
    assert.equal(hubspot.contacts().length, contactsBefore + 1, 'one contact');
    assert.equal(hubspot.leads().length, leadsBefore + 1, 'one Lead');
    const owners = new Set(
      hubspot
        .leads()
        .slice(leadsBefore)
        .map((l) => l.properties.hubspot_owner_id),
    );
    assert.deepEqual([...owners], [handedOver.ownerId], 'one owner');
    assert.equal(handedOver.user.waId, wa);
    assert.equal(handedOver.user.userId, bsuid);
  });

  it('an edited and a deleted message change their communications once, marked, and a replay changes nothing', async () => {
    const from = '34600111333';
    await gw.post(customerText(from, 'Necesito una limpieza profunda en Jeddah'));
    await turns(from, 1);
    await gw.post(customerText(from, 'hoy, es urgente'));
    await turns(from, 2);
    await gw.post(customerTap(from, REPLY_IDS.confirmYes));
    await turns(from, 3);
    const typo = customerMessage(from, { type: 'text', text: { body: 'Mi direccion es calle 5' } });
    const regret = customerMessage(from, { type: 'text', text: { body: 'Mi numero es 555 1234' } });
    await gw.post(typo.body);
    await turns(from, 4);
    await gw.post(regret.body);
    await turns(from, 5);
    const bodyOf = (wamid: string) =>
      hubspot.communications().find((c) => c.properties.leadwire_key === `comm:${wamid}`)?.properties
        .hs_communication_body;
    await until(() => bodyOf(regret.wamid), 'both lines written');
    const count = hubspot.communications().length;

    // pywa's edited_message.json and deleted_message.json shapes
    const edit = customerMessage(from, {
      type: 'edit',
      edit: {
        original_message_id: typo.wamid,
        message: { type: 'text', text: { body: 'Mi dirección es calle 15' } },
      },
    });
    const revoke = customerMessage(from, { type: 'revoke', revoke: { original_message_id: regret.wamid } });
    await gw.post(edit.body);
    await gw.post(revoke.body);
    await until(
      () =>
        bodyOf(regret.wamid)?.includes('deleted') && bodyOf(typo.wamid)?.includes('edited')
          ? true
          : undefined,
      'the edit and the deletion applied',
    );
    assert.match(bodyOf(typo.wamid)!, /✏️ \(edited\) Mi dirección es calle 15/);
    assert.doesNotMatch(bodyOf(regret.wamid)!, /555 1234/, 'the deleted words are gone');
    assert.equal(hubspot.communications().length, count, 'no new line for an edit or a deletion');

    hubspot.resetCalls();
    await gw.post(edit.body);
    await gw.post(revoke.body);
    await sleep(400);
    assert.equal(hubspot.calls.total, 0, 'a replayed edit or deletion costs nothing');
  });

  it('follows a Lead reassigned inside HubSpot on the customer\u2019s next turn; a failed owner read keeps the assignee; a transfer through Leadwire stands', async () => {
    const from = '34600111555';
    const id = `${DOC_PHONE_NUMBER_ID}:${from}`;
    await gw.post(customerText(from, 'Necesito una limpieza profunda en Jeddah'));
    await turns(from, 1);
    await gw.post(customerText(from, 'hoy, es urgente'));
    await turns(from, 2);
    await gw.post(customerTap(from, REPLY_IDS.confirmYes));
    const handedOver = await until(async () => {
      const c = await conversationOf(from);
      return c?.turnSeq === 3 && c.crmRefs.lead !== undefined ? c : undefined;
    }, 'the Lead');
    const first = handedOver.ownerId as string;
    const other = first === '101' ? '102' : '101';
    const names: Record<string, string> = { '101': 'Ana', '102': 'Ben' };
    const lead = hubspot.leads().find((l) => l.id === handedOver.crmRefs.lead);
    assert.equal(lead?.properties.hubspot_owner_id, first);

    // A manager gives the Lead to the other person inside HubSpot.
    await new Client({ accessToken: 'hs-token', basePath: hubspot.url }).crm.objects.basicApi.update(
      'leads',
      handedOver.crmRefs.lead as string,
      { properties: { hubspot_owner_id: other } },
    );

    // The next turn cannot read the owner (HubSpot answers 500): the turn goes on, the assignee stays.
    hubspot.resetCalls();
    hubspot.failNext(500, { status: 'error', message: 'internal error', category: 'INTERNAL_ERROR' });
    await gw.post(customerText(from, 'Son tres habitaciones'));
    await turns(from, 4);
    const refused = hubspot.calls.log.filter((call) => call.status === 500);
    assert.deepEqual(
      refused.map((call) => call.method),
      ['GET'],
      'the owner read was the refused call',
    );
    assert.ok(
      warnings.some((line) => line.includes("reading the hubspot record's owner failed")),
      'the failed read is logged',
    );
    assert.equal((await gw.running.runtime.assignments.get(id))?.assignee.id, first);
    assert.equal((await conversationOf(from))?.ownerId, first);

    // The turn after reads it and follows: the assignment, the conversation's owner and a task for the new owner.
    const tasksBefore = hubspot.tasks().length;
    await gw.post(customerText(from, 'Y dos baños'));
    await turns(from, 5);
    const moved = await gw.running.runtime.assignments.get(id);
    assert.equal(moved?.assignee.id, other);
    assert.equal(moved?.source, 'manual', 'a person\u2019s choice: no SLA re-route undoes it');
    const change = `owner changed in the CRM: ${names[first]} (${first}) → ${names[other]} (${other})`;
    const lines = (moved?.trace as { text?: string[] } | undefined)?.text;
    assert.ok(lines?.includes(change), JSON.stringify(lines));
    assert.equal((await conversationOf(from))?.ownerId, other);
    await until(
      () => (hubspot.tasks().length === tasksBefore + 1 ? true : undefined),
      'the new owner\u2019s task',
    );
    assert.equal(hubspot.tasks().at(-1)?.properties.hubspot_owner_id, other);
    assert.equal(
      hubspot.leads().find((l) => l.id === handedOver.crmRefs.lead)?.properties.hubspot_owner_id,
      other,
    );

    const runtime = gw.running.runtime;
    const explained = formatExplanation(await routingService({ config: gw.config, ...runtime }).explain(id));
    assert.match(explained, /owner changed in the CRM → user/);
    assert.ok(explained.includes(change), explained);

    // Nothing changed in HubSpot since: a further turn follows nobody and writes no new task.
    await gw.post(customerText(from, 'Gracias'));
    await turns(from, 6);
    assert.equal((await gw.running.runtime.assignments.get(id))?.version, moved?.version);
    assert.equal(hubspot.tasks().length, tasksBefore + 1);

    // A transfer made through Leadwire is not undone by the owner HubSpot still shows (Leadwire's own write).
    await routingService({ config: gw.config, ...runtime }).assign(id, { userId: first });
    await gw.post(customerText(from, '¿A qué hora vienen?'));
    await turns(from, 7);
    assert.equal((await gw.running.runtime.assignments.get(id))?.assignee.id, first);
    await until(
      () =>
        hubspot.leads().find((l) => l.id === handedOver.crmRefs.lead)?.properties.hubspot_owner_id ===
          first || undefined,
      'the Lead back with its first owner',
    );
  });

  it('a 30 % storm of ten-secondly 429s: every Lead, task and line written exactly once, nothing dropped', async () => {
    const before = {
      contacts: hubspot.contacts().length,
      leads: hubspot.leads().length,
      tasks: hubspot.tasks().length,
    };
    const lines = hubspot.communications().length;
    hubspot.failRate({ rate: 0.3, policyName: 'TEN_SECONDLY_ROLLING', seed: 7, retryAfterSeconds: 1 });
    try {
      const customers = ['34600111301', '34600111302', '34600111303'];
      await Promise.all(
        customers.map(async (from) => {
          assert.equal(
            (await gw.post(customerText(from, 'Necesito una limpieza profunda en Jeddah'))).status,
            200,
          );
          await turns(from, 1);
          assert.equal((await gw.post(customerText(from, 'mañana, no es urgente'))).status, 200);
          await turns(from, 2);
          assert.equal((await gw.post(customerTap(from, REPLY_IDS.confirmYes))).status, 200);
          await until(
            async () => ((await conversationOf(from))?.turnSeq === 3 ? true : undefined),
            'the Lead',
            60_000,
          );
        }),
      );
      const refused = hubspot.calls.log.filter((call) => call.status === 429).length;
      assert.ok(refused > 0, 'the storm refused calls');
      assert.equal(hubspot.contacts().length, before.contacts + 3);
      assert.equal(hubspot.leads().length, before.leads + 3);
      assert.equal(hubspot.tasks().length, before.tasks + 3);
      const written = hubspot.communications().length - lines;
      assert.ok(written >= 18, `every line of the three conversations (${written})`);
      const keys = hubspot.communications().map((c) => c.properties.leadwire_key);
      assert.ok(
        keys.every((key) => typeof key === 'string' && key !== ''),
        'every line carries its key',
      );
      assert.equal(new Set(keys).size, keys.length, 'no line twice');
    } finally {
      hubspot.failRate(undefined);
    }
  });
});
