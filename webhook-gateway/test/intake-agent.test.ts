// The intake agent end to end: real webhook payloads in, a real gateway and worker, replies checked in the
// Graph API emulator, the decision checked in the store.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Conversation, REPLY_IDS } from '@leadwire/connector-core';
import { exampleIntakeInput } from '@leadwire/connector-core/testing';
import { type GraphEmulator, startGraphEmulator } from '../src/whatsapp/graph-emulator.ts';
import {
  customerTap,
  customerText,
  DOC_PHONE_NUMBER_ID,
  type Harness,
  startHarness,
  testConfig,
  until,
  webhookBody,
} from './support/harness.ts';

describe('intake agent in the turn processor', () => {
  let graph: GraphEmulator;
  let gw: Harness;
  before(async () => {
    graph = await startGraphEmulator({ token: 'test-graph-token' });
    const config = testConfig({ worker: true });
    config.whatsapp.graphBaseUrl = graph.url;
    config.tenants[0]!.intake = exampleIntakeInput;
    config.tenants[0]!.whatsapp.accessToken = 'env:GRAPH_TOKEN';
    config.whatsapp.replyIntervalMs = 0; // pacing has its own test below
    config.server = { ...config.server, adminToken: 'env:ADMIN_TOKEN' };
    gw = await startHarness({ config, graph, worker: true });
  });
  after(async () => {
    await gw.close();
    await graph.close();
  });

  const conversationOf = (from: string) =>
    gw.running.runtime.store.getConversation(`${DOC_PHONE_NUMBER_ID}:${from}`) as Promise<
      Conversation | undefined
    >;
  const repliesTo = (from: string) => graph.sent.filter((s) => s.recipient === from);

  it('asks one question per turn, confirms, and hands over a Lead (English)', async () => {
    const from = '16505559001';
    assert.equal(
      (await gw.post(customerText(from, 'Hi, I need a deep cleaning for my apartment'))).status,
      200,
    );
    const first = await until(() => repliesTo(from)[0], 'the first reply');
    assert.equal(first.body.type, 'text');
    assert.match(JSON.stringify(first.body), /where|location|area|city/i, 'asks for the location next');
    assert.ok(
      graph.reads.some((r) => r.messageId.startsWith('wamid.test-')),
      'the message was marked read',
    );

    assert.equal((await gw.post(customerText(from, 'In Jeddah, today please'))).status, 200);
    const second = await until(() => repliesTo(from)[1], 'the urgency question');
    assert.equal(second.body.type, 'interactive');
    const buttons = JSON.stringify(second.body);
    assert.ok(
      buttons.includes(REPLY_IDS.urgent) && buttons.includes(REPLY_IDS.notUrgent),
      'urgency as buttons',
    );

    assert.equal((await gw.post(customerTap(from, REPLY_IDS.urgent, 'Urgent'))).status, 200);
    const confirm = await until(() => repliesTo(from)[2], 'the confirmation');
    assert.ok(JSON.stringify(confirm.body).includes(REPLY_IDS.confirmYes), 'confirmation with Yes / Change');
    await until(
      async () => ((await conversationOf(from))?.state === 'confirming' ? true : undefined),
      'state confirming',
    );

    assert.equal((await gw.post(customerTap(from, REPLY_IDS.confirmYes, 'Yes'))).status, 200);
    const handoff = await until(() => repliesTo(from)[3], 'the handoff message');
    assert.doesNotMatch(JSON.stringify(handoff.body), /\d+\s*(min|hour)/i, 'the handoff promises no time');

    const conversation = await until(
      async () => ((await conversationOf(from))?.state === 'handed_over' ? conversationOf(from) : undefined),
      'the Lead',
    );
    assert.equal(conversation?.agent?.decision?.decision, 'lead');
    const signals = conversation?.signals as Record<string, { value: unknown; source: string }>;
    assert.equal(signals.serviceType?.value, 'deep_cleaning');
    assert.equal((signals.location?.value as { areaId?: string } | undefined)?.areaId, 'jeddah');
    assert.equal(signals.urgency?.value, 'urgent');
    assert.equal(signals.serviceType?.source, 'customer-confirmed');
    assert.equal(repliesTo(from).length, 4, 'one reply per turn, none twice');
  });

  it('escalates to an Inquiry when the customer asks for a person (Spanish)', async () => {
    const from = '16505559002';
    assert.equal((await gw.post(customerText(from, 'Quiero hablar con una persona, por favor'))).status, 200);
    const conversation = await until(
      async () => ((await conversationOf(from))?.state === 'inquiry' ? conversationOf(from) : undefined),
      'the Inquiry',
    );
    assert.equal(conversation?.agent?.decision?.decision, 'inquiry');
    assert.ok(conversation?.agent?.decision?.reasons.includes('human_requested'));
    assert.equal(conversation?.agent?.language, 'es');
    await until(() => repliesTo(from)[0], 'the inquiry handoff');
  });

  it('goes silent once a person replied from the WhatsApp Business app', async () => {
    const from = '16505559003';
    const echo = webhookBody(
      {
        message_echoes: [
          {
            from: '15550783881',
            to: from,
            id: 'wamid.echo-agent-1',
            timestamp: String(Math.floor(Date.now() / 1000)),
            type: 'text',
            text: { body: 'Hi, this is Omar from the team, I will help you.' },
          },
        ],
      },
      { field: 'smb_message_echoes' },
    );
    assert.equal((await gw.post(echo)).status, 200);
    await until(
      async () => ((await conversationOf(from))?.state === 'human' ? true : undefined),
      'state human',
    );
    assert.equal((await gw.post(customerText(from, 'I need AC repair'))).status, 200);
    await until(
      async () => ((await conversationOf(from))?.turnSeq === 2 ? true : undefined),
      'the second turn',
    );
    assert.deepEqual(repliesTo(from), [], 'the agent said nothing');
  });

  it('speaks again once the person releases the conversation (admin API)', async () => {
    const from = '16505559004';
    const echo = webhookBody(
      {
        message_echoes: [
          {
            from: '15550783881',
            to: from,
            id: 'wamid.echo-agent-2',
            timestamp: String(Math.floor(Date.now() / 1000)),
            type: 'text',
            text: { body: 'Omar here, one moment.' },
          },
        ],
      },
      { field: 'smb_message_echoes' },
    );
    assert.equal((await gw.post(echo)).status, 200);
    await until(
      async () => ((await conversationOf(from))?.state === 'human' ? true : undefined),
      'state human',
    );
    const release = (id: string) =>
      fetch(`${gw.url}/conversations/${encodeURIComponent(id)}/release`, {
        method: 'POST',
        headers: { authorization: 'Bearer admin-secret-token-of-24-chars' },
      });
    assert.equal((await release(`${DOC_PHONE_NUMBER_ID}:${from}`)).status, 200);
    assert.equal((await release(`${DOC_PHONE_NUMBER_ID}:16505559001`)).status, 409, 'not with a person');
    assert.equal((await gw.post(customerText(from, 'I need AC repair'))).status, 200);
    const reply = await until(() => repliesTo(from)[0], 'the agent answering again');
    assert.equal(reply.body.to, `+${from}`);
    await until(
      async () => ((await conversationOf(from))?.state === 'intake' ? true : undefined),
      'the released conversation back in intake',
    );
  });
});

describe('reply pacing', () => {
  it('never writes to one customer twice within whatsapp.replyIntervalMs, and loses no reply', async () => {
    const graph = await startGraphEmulator({ token: 'test-graph-token' });
    const config = testConfig({ worker: true, turns: { debounceMs: 20, maxWaitMs: 50, backoffMs: 20 } });
    config.whatsapp.graphBaseUrl = graph.url;
    config.whatsapp.replyIntervalMs = 1500;
    config.tenants[0]!.intake = exampleIntakeInput;
    config.tenants[0]!.whatsapp.accessToken = 'env:GRAPH_TOKEN';
    const gw = await startHarness({ config, graph, worker: true });
    try {
      const from = '16505559010';
      const replies = () => graph.sent.filter((s) => s.recipient === from);
      assert.equal((await gw.post(customerText(from, 'I need a deep cleaning'))).status, 200);
      await until(() => replies()[0], 'the first reply');
      assert.equal((await gw.post(customerText(from, 'in Riyadh, tomorrow'))).status, 200);
      await until(() => replies()[1], 'the second reply', 8000);
      const [first, second] = replies();
      assert.ok(second!.at - first!.at >= 1500, `${second!.at - first!.at} ms apart`);
      assert.equal(replies().length, 2);
    } finally {
      await gw.close();
      await graph.close();
    }
  });
});
