// Salesforce end to end: real Meta payloads through the gateway and the worker; intake hands over a Lead,
// routing picks a Salesforce user, and the Salesforce emulator (real jsforce over HTTP) ends up with the
// Lead, the WhatsApp conversation and its messages and the owner's Task — in one query and one composite,
// exactly once; an expired session is refreshed once; a daily-limit answer stops and resumes without loss.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Conversation, REPLY_IDS } from '@leadwire/connector-core';
import { exampleIntakeInput } from '@leadwire/connector-core/testing';
import { Connection } from 'jsforce';
import {
  type SalesforceEmulator,
  startSalesforceEmulator,
} from '../../salesforce-package/emulator/salesforce-emulator.ts';
import { formatExplanation } from '../src/cli/explain.ts';
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
} from './support/harness.ts';

const OWNER = '005000000000002AAA';
const BRUNO = '005000000000003AAA';

describe('Salesforce end to end', () => {
  let salesforce: SalesforceEmulator;
  let graph: GraphEmulator;
  let gw: Harness;

  before(async () => {
    salesforce = await startSalesforceEmulator({
      users: [
        { Id: OWNER, Name: 'Paula Souza' },
        { Id: BRUNO, Name: 'Bruno Lima' },
      ],
    });
    graph = await startGraphEmulator({ token: 'test-graph-token' });
    const config = testConfig({ worker: true, turns: { attempts: 3, backoffMs: 20 } });
    config.whatsapp.graphBaseUrl = graph.url;
    config.whatsapp.replyIntervalMs = 0;
    config.salesforce = {
      consumerKey: salesforce.clientId,
      consumerSecret: 'env:SF_SECRET',
      publicUrl: 'https://leadwire.example.com',
      loginUrl: salesforce.url,
      apiVersion: salesforce.apiVersion,
    };
    config.tenants[0]!.intake = exampleIntakeInput;
    config.tenants[0]!.whatsapp.accessToken = 'env:GRAPH_TOKEN';
    config.tenants[0]!.routing = {
      users: [{ id: OWNER, name: 'Paula', groups: ['sales'] }],
      groups: [{ id: 'sales' }],
      rules: [{ id: 'all', targets: [{ group: 'sales' }] }],
    };
    config.tenants[0]!.crm = {
      salesforce: {
        instanceUrl: salesforce.url,
        orgId: salesforce.orgId,
        accessToken: 'env:SF_ACCESS',
        refreshToken: 'env:SF_REFRESH',
      },
    };
    gw = await startHarness({
      config,
      graph,
      worker: true,
      env: {
        SF_SECRET: salesforce.clientSecret,
        SF_ACCESS: salesforce.accessToken,
        SF_REFRESH: salesforce.refreshToken,
        LEADWIRE_SECRET_KEY: randomBytes(32).toString('base64'),
      },
    });
  });
  after(async () => {
    await gw.close();
    await graph.close();
    await salesforce.close();
  });

  const conversationOf = (from: string) =>
    gw.running.runtime.store.getConversation(`${DOC_PHONE_NUMBER_ID}:${from}`) as Promise<
      Conversation | undefined
    >;
  const turns = (from: string, n: number) =>
    until(async () => (((await conversationOf(from))?.turnSeq ?? 0) >= n ? true : undefined), `turn ${n}`);
  const lead = async (from: string) => {
    assert.equal((await gw.post(customerText(from, 'Preciso de limpeza pesada em Jeddah'))).status, 200);
    await turns(from, 1);
    assert.equal((await gw.post(customerText(from, 'hoje, é urgente'))).status, 200);
    await turns(from, 2);
  };

  it('writes the Lead, conversation, messages and Task in ≤ 2 calls, exactly once; a follow-up in 2', async () => {
    // A first Lead warms routing's directory (users, queues, members: one read, cached for every Lead).
    const warm = '5511987650009';
    await lead(warm);
    assert.equal(salesforce.calls.total, 0, 'intake writes nothing to Salesforce');
    assert.equal((await gw.post(customerTap(warm, REPLY_IDS.confirmYes))).status, 200);
    await turns(warm, 3);
    await until(() => (salesforce.records('Lead').length === 1 ? true : undefined), 'the first Lead');
    salesforce.resetCalls();

    const from = '5511987650001';
    await lead(from);
    const confirm = customerTap(from, REPLY_IDS.confirmYes);
    assert.equal((await gw.post(confirm)).status, 200);
    const handedOver = await until(async () => {
      const c = await conversationOf(from);
      return c?.turnSeq === 3 ? c : undefined;
    }, 'the Lead');
    assert.equal(handedOver.ownerId, OWNER);
    assert.ok(salesforce.calls.total <= 2, `a new Lead cost ${salesforce.calls.total} calls (budget 2)`);

    const leadRecord = salesforce.records('Lead').at(-1);
    assert.equal(leadRecord?.OwnerId, OWNER);
    assert.equal(salesforce.records('WhatsApp_Conversation__c').length, 2, 'the WhatsApp conversation');
    const messages = salesforce.records('WhatsApp_Message__c');
    assert.ok(messages.length >= 12, `both transcripts so far (${messages.length} messages)`);
    const task = salesforce.records('Task').at(-1);
    assert.equal(task?.OwnerId, OWNER);
    assert.equal(task?.Priority, 'High');
    const ownerWrites = salesforce.calls.log.filter((c) => c.route.includes('composite'));
    assert.ok(ownerWrites.length >= 1);

    const before = salesforce.calls.total;
    assert.equal((await gw.post(confirm)).status, 200, 'Meta delivers the same webhook again');
    await sleep(400);
    assert.equal(salesforce.calls.total, before, 'a repeated delivery costs no call');

    salesforce.resetCalls();
    assert.equal((await gw.post(customerText(from, 'Obrigado! Também as janelas'))).status, 200);
    await turns(from, 4);
    await until(() => (salesforce.calls.total > 0 ? true : undefined), 'the follow-up write');
    await sleep(200);
    assert.deepEqual(
      salesforce.calls.log.map((call) => call.route.replace(/^(\w+ )\/services\/data\/v[\d.]+/, '$1')),
      ['GET /query', 'POST /composite'],
      'a further turn costs one query (the Lead\u2019s owner now) and one composite',
    );
    assert.equal(salesforce.records('Lead').length, 2);
    assert.equal(salesforce.records('Task').length, 2);
    assert.equal(salesforce.records('WhatsApp_Message__c').length, messages.length + 1);
  });

  it('refreshes an expired session once and goes on', async () => {
    const from = '5511987650002';
    await lead(from);
    salesforce.expireSession();
    const oauthBefore = salesforce.calls.oauth;
    assert.equal((await gw.post(customerTap(from, REPLY_IDS.confirmYes))).status, 200);
    await until(async () => ((await conversationOf(from))?.turnSeq === 3 ? true : undefined), 'the Lead');
    assert.equal(salesforce.calls.oauth - oauthBefore, 1, 'one refresh');
    assert.equal(salesforce.records('Lead').length, 3);
  });

  it('stops on the daily API limit and, once the org has room again, writes everything once', async () => {
    const from = '5511987650003';
    await lead(from);
    salesforce.failRate({ rate: 1, fault: 'REQUEST_LIMIT_EXCEEDED' });
    assert.equal((await gw.post(customerTap(from, REPLY_IDS.confirmYes))).status, 200);
    await until(async () => {
      const letters = await gw.running.runtime.queue.deadLetters();
      return letters.length > 0 ? letters : undefined;
    }, 'the paused turn');
    assert.equal((await conversationOf(from))?.turnSeq, 2, 'not committed: its events wait');
    salesforce.failRate(undefined);
    assert.equal(await gw.running.runtime.queue.replay(), 1);
    await until(async () => ((await conversationOf(from))?.turnSeq === 3 ? true : undefined), 'the replay');
    await sleep(300);
    assert.equal(salesforce.records('Lead').length, 4);
    assert.equal(salesforce.records('Task').length, 4, 'one task per Lead, none twice');
  });

  it('an edited and a deleted message change their WhatsApp_Message__c rows once, marked', async () => {
    const from = '5511987650077';
    await lead(from);
    await gw.post(customerTap(from, REPLY_IDS.confirmYes));
    await turns(from, 3);
    const typo = customerMessage(from, { type: 'text', text: { body: 'Rua 5, apto 2' } });
    const regret = customerMessage(from, { type: 'text', text: { body: 'Meu CPF é 123' } });
    await gw.post(typo.body);
    await turns(from, 4);
    await gw.post(regret.body);
    await turns(from, 5);
    const row = (wamid: string) =>
      salesforce.records('WhatsApp_Message__c').find((r) => r.Wamid__c === wamid) as
        | Record<string, unknown>
        | undefined;
    await until(() => row(regret.wamid), 'both rows written');
    const count = salesforce.records('WhatsApp_Message__c').length;
    // WhatsApp's edit (the new version is a whole message) and revoke, as pywa's fixtures carry them
    await gw.post(
      customerMessage(from, {
        type: 'edit',
        edit: {
          original_message_id: typo.wamid,
          message: { type: 'text', text: { body: 'Rua 15, apto 2' } },
        },
      }).body,
    );
    await gw.post(
      customerMessage(from, { type: 'revoke', revoke: { original_message_id: regret.wamid } }).body,
    );
    await until(
      () => (String(row(regret.wamid)?.Body__c).includes('deleted') ? true : undefined),
      'the deletion applied',
    );
    assert.match(String(row(typo.wamid)?.Body__c), /\(edited\) Rua 15, apto 2/);
    assert.doesNotMatch(String(row(regret.wamid)?.Body__c), /123/);
    assert.equal(salesforce.records('WhatsApp_Message__c').length, count, 'the rows changed, none added');
  });

  it('a reply a rep writes on the record page reaches the customer and silences the agent', async () => {
    const from = '5511987650004';
    await lead(from);
    assert.equal((await gw.post(customerTap(from, REPLY_IDS.confirmYes))).status, 200);
    await until(async () => ((await conversationOf(from))?.turnSeq === 3 ? true : undefined), 'the Lead');
    const record = await until(
      () =>
        salesforce
          .records('WhatsApp_Conversation__c')
          .find((row) => row.WhatsApp_Id__c === from && typeof row.Window_Expires_At__c === 'string'),
      'the conversation with its reply window',
    );
    // what the component's Send saves, as the rep (Leadwire_User) through the API
    const rep = new Connection({
      instanceUrl: salesforce.url,
      accessToken: salesforce.sessionFor(OWNER, 'Leadwire_User'),
      version: salesforce.apiVersion,
    });
    const saved = await rep.sobject('WhatsApp_Message__c').create({
      Conversation__c: record.Id,
      Direction__c: 'outbound',
      Author__c: 'human',
      Type__c: 'text',
      Body__c: 'Olá! Sou a Paula, passo aí amanhã às 9h.',
      Sent_At__c: new Date().toISOString(),
      Wamid__c: 'sf_reply_1',
      Delivery_Status__c: 'queued',
    });
    // the worker's next pass (every 30 s; here at once)
    assert.equal(await gw.running.salesforceReplies?.poll(), 1);
    const sent = await until(
      () =>
        graph.sent.find(
          (send) =>
            (send.body.text as { body?: string } | undefined)?.body ===
            'Olá! Sou a Paula, passo aí amanhã às 9h.',
        ),
      'the reply on WhatsApp',
    );
    assert.equal(sent.body.to, `+${from}`);
    const settled = await until(() => {
      const row = salesforce.records('WhatsApp_Message__c').find((r) => r.Id === saved.id);
      return row?.Delivery_Status__c === 'sent' ? row : undefined;
    }, 'the record settled');
    assert.equal(settled.Wamid__c, sent.wamid);
    // the next turn records a person's message: the agent stays silent
    const human = await until(async () => {
      const c = await conversationOf(from);
      return c?.state === 'human' ? c : undefined;
    }, 'the conversation taken over by a person');
    assert.ok(human.humanAt !== undefined);
    const agentSendsBefore = graph.sent.length;
    assert.equal((await gw.post(customerText(from, 'Perfeito, obrigado!'))).status, 200);
    await turns(from, human.turnSeq + 1);
    await sleep(300);
    assert.equal(graph.sent.length, agentSendsBefore, 'the agent does not answer while a person does');
    // the reply is one transcript line: the turn's line landed on the rep's record (its wamid)
    assert.equal(
      salesforce.records('WhatsApp_Message__c').filter((r) => r.Wamid__c === sent.wamid).length,
      1,
    );
  });

  it('a reply Leadwire cannot send is marked failed with the reason, and nothing is sent', async () => {
    const unknown = salesforce.insert('WhatsApp_Conversation__c', {
      Conversation_Key__c: 'not_a_leadwire_key',
    });
    const sendsBefore = graph.sent.length;
    const saved = await new Connection({
      instanceUrl: salesforce.url,
      accessToken: salesforce.sessionFor(OWNER, 'Leadwire_User'),
      version: salesforce.apiVersion,
    })
      .sobject('WhatsApp_Message__c')
      .create({
        Conversation__c: unknown,
        Direction__c: 'outbound',
        Author__c: 'human',
        Type__c: 'text',
        Body__c: 'Hello?',
        Wamid__c: 'sf_reply_unknown',
        Delivery_Status__c: 'queued',
      });
    assert.equal(await gw.running.salesforceReplies?.poll(), 0);
    const failed = await until(() => {
      const row = salesforce.records('WhatsApp_Message__c').find((r) => r.Id === saved.id);
      return row?.Delivery_Status__c === 'failed' ? row : undefined;
    }, 'the record settled as failed');
    assert.equal(failed.Delivery_Error__c, 'Leadwire does not know this conversation.');
    assert.equal(graph.sent.length, sendsBefore);
  });

  it('a Claim on the record page takes the pool conversation in Leadwire too; a second one is refused', async () => {
    const tenantId = (await conversationOf('5511987650001'))?.tenantId;
    assert.ok(tenantId);
    // nobody available: the next Lead waits in the pool
    await gw.running.runtime.assignments.setPresence(tenantId, OWNER, 'away', Date.now());
    const from = '5511987650005';
    await lead(from);
    assert.equal((await gw.post(customerTap(from, REPLY_IDS.confirmYes))).status, 200);
    const conversation = await until(async () => {
      const c = await conversationOf(from);
      return c?.turnSeq === 3 ? c : undefined;
    }, 'the Lead');
    assert.equal((await gw.running.runtime.assignments.get(conversation.id))?.assignee.kind, 'pool');
    const record = await until(
      () =>
        salesforce
          .records('WhatsApp_Conversation__c')
          .find((row) => row.WhatsApp_Id__c === from && row.Routed_Owner_Id__c === 'pool'),
      'the pool conversation in Salesforce',
    );
    // what the component's Claim saves, as the rep
    const rep = new Connection({
      instanceUrl: salesforce.url,
      accessToken: salesforce.sessionFor(OWNER, 'Leadwire_User'),
      version: salesforce.apiVersion,
    });
    const claim = {
      Id: String(record.Id),
      OwnerId: OWNER,
      Routed_Owner_Id__c: OWNER,
      Claim_Status__c: 'requested',
    };
    await rep.sobject('WhatsApp_Conversation__c').update(claim);
    await gw.running.salesforceReplies?.poll();
    const assignment = await gw.running.runtime.assignments.get(conversation.id);
    assert.deepEqual([assignment?.assignee.kind, assignment?.assignee.id], ['user', OWNER]);
    assert.equal(
      salesforce.records('WhatsApp_Conversation__c').find((r) => r.Id === record.Id)?.Claim_Status__c,
      'claimed',
    );

    // claimed already: a second Claim is refused, and the record says why
    await rep.sobject('WhatsApp_Conversation__c').update(claim);
    await gw.running.salesforceReplies?.poll();
    const refused = salesforce.records('WhatsApp_Conversation__c').find((r) => r.Id === record.Id);
    assert.equal(refused?.Claim_Status__c, 'refused');
    assert.match(String(refused?.Claim_Note__c), /not in the pool/);
    await gw.running.runtime.assignments.setPresence(tenantId, OWNER, 'online', Date.now());
  });

  it('follows a Lead reassigned inside Salesforce on the customer\u2019s next turn', async () => {
    const from = '5511987650011';
    const id = `${DOC_PHONE_NUMBER_ID}:${from}`;
    await lead(from);
    await gw.post(customerTap(from, REPLY_IDS.confirmYes));
    const handedOver = await until(async () => {
      const c = await conversationOf(from);
      return c?.turnSeq === 3 && c.crmRefs.lead !== undefined ? c : undefined;
    }, 'the Lead');
    assert.equal(handedOver.ownerId, OWNER);
    // Paula hands the Lead to Bruno on its record page (a transfer: no assignment rule)
    const paula = new Connection({
      instanceUrl: salesforce.url,
      accessToken: salesforce.sessionFor(OWNER, 'Leadwire_User'),
      version: salesforce.apiVersion,
    });
    await paula.request({
      method: 'PATCH',
      url: `/services/data/v${salesforce.apiVersion}/sobjects/Lead/${handedOver.crmRefs.lead}`,
      body: JSON.stringify({ OwnerId: BRUNO }),
      headers: {
        'content-type': 'application/json',
        'Sforce-Auto-Assign': 'FALSE',
        // every test customer has the same name: the rep saves past the duplicate alert
        'Sforce-Duplicate-Rule-Header': 'allowSave=true',
      },
    });

    await gw.post(customerText(from, 'São dois quartos'));
    await turns(from, 4);
    const moved = await gw.running.runtime.assignments.get(id);
    assert.deepEqual([moved?.assignee.id, moved?.source], [BRUNO, 'manual']);
    const change = `owner changed in the CRM: Paula (${OWNER}) → Bruno Lima (${BRUNO})`;
    const lines = (moved?.trace as { text?: string[] } | undefined)?.text;
    assert.ok(lines?.includes(change), JSON.stringify(lines));
    assert.equal((await conversationOf(from))?.ownerId, BRUNO);
    const task = await until(
      () =>
        salesforce.records('Task').find((t) => t.WhoId === handedOver.crmRefs.lead && t.OwnerId === BRUNO),
      'Bruno\u2019s task',
    );
    assert.ok(task);
    const explained = formatExplanation(
      await routingService({ config: gw.config, ...gw.running.runtime }).explain(id),
    );
    assert.ok(explained.includes(change), explained);
  });
});
