// The agent's reply step with the real GraphMessenger against the strict Graph emulator: what Meta would
// refuse never leaves the customer unanswered (a long knowledge answer before a button question is split),
// a failed mark-as-read does not stop the reply, the typing indicator is shown, and `to` carries the `+`.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  type Conversation,
  fitReply,
  intakeAgent,
  type StoredEvent,
  splitText,
  type TurnStep,
} from '@leadwire/connector-core';
import { exampleIntake } from '@leadwire/connector-core/testing';
import { type GraphEmulator, startGraphEmulator } from '../src/whatsapp/graph-emulator.ts';
import { GraphMessenger, type SentLog } from '../src/whatsapp/graph-messenger.ts';

const NUMBER = '106540352242922';
const CUSTOMER = '966501234567';
const longAnswer = Array.from(
  { length: 16 },
  (_, i) => `Paragraph ${i + 1} of our opening hours and holiday schedule, which is long on purpose.`,
).join(' ');

function memorySentLog(): SentLog {
  const entries = new Map<string, string>();
  return {
    get: async (key) => entries.get(key),
    put: async (key, wamid) => {
      if (!entries.has(key)) entries.set(key, wamid);
    },
    intend: async (_key, intent) => intent,
    reported: async () => undefined,
  };
}

describe('the reply step against the strict Graph emulator', () => {
  let now = Date.now();
  let graph: GraphEmulator;
  let reply: TurnStep;
  before(async () => {
    graph = await startGraphEmulator({ token: 'fit-token', clock: () => now });
    const messenger = new GraphMessenger({
      baseUrl: graph.url,
      tokenFor: () => graph.token,
      sentLog: memorySentLog(),
    });
    const intake = {
      ...exampleIntake,
      knowledge: exampleIntake.knowledge.map((k) =>
        k.id === 'hours' ? { ...k, answer: { en: longAnswer } } : k,
      ),
    };
    const steps = intakeAgent({
      intakeFor: () => intake,
      clock: { now: () => now },
      messenger,
      replyIntervalMs: 0,
    }).steps;
    reply = steps.find((step) => step.name === 'reply')!;
  });
  after(() => graph.close());
  beforeEach(() => {
    now += 60_000;
    graph.sent.length = 0;
    graph.reads.length = 0;
  });

  let seq = 0;
  const run = async (ask: 'urgency' | 'location', wamid: string) => {
    const at = new Date(now).toISOString();
    const conversation: Conversation = {
      id: `${NUMBER}:${CUSTOMER}`,
      tenantId: 'acme',
      phoneNumberId: NUMBER,
      user: { waId: CUSTOMER, phone: `+${CUSTOMER}` },
      state: 'intake',
      signals: {},
      crmRefs: {},
      turnSeq: 1,
      createdAt: at,
      updatedAt: at,
      windowExpiresAt: new Date(now + 86_400_000).toISOString(),
      agent: {
        language: 'en',
        askedBefore: [],
        turnsWithoutProgress: 0,
        escalation: { humanRequested: false, sensitive: [], negativeSentiment: false },
        hasVoiceWithoutTranscript: false,
        decision: { decision: 'continue', reasons: [], ask, answer: 'hours', at },
      },
    };
    const event: StoredEvent = {
      seq: ++seq,
      conversationId: conversation.id,
      tenantId: 'acme',
      event: {
        kind: 'message',
        type: 'text',
        id: wamid,
        phoneNumberId: NUMBER,
        timestamp: at,
        user: { waId: CUSTOMER },
        text: 'When are you open?',
        raw: {},
      },
    };
    return reply.run({
      conversation,
      turn: { conversationId: conversation.id, seq: 1, eventSeqs: [seq], claimedAt: at, fence: 1 },
      events: [event],
      idempotencyKey: `${conversation.id}:${seq}:reply`,
      assertLease: async () => {},
    });
  };

  it('splits a knowledge answer that would push the button body past 1,024 characters: the customer gets both', async () => {
    graph.customerWrote(NUMBER, CUSTOMER);
    const after = await run('urgency', 'wamid.never-received');
    assert.ok(graph.sent.length >= 2, `sent ${graph.sent.length}`);
    const [answer, ...rest] = graph.sent;
    assert.equal(answer!.body.type, 'text');
    assert.match(JSON.stringify(answer!.body), /Paragraph 1 of our opening hours/);
    const question = rest.at(-1)!;
    assert.equal(question.body.type, 'interactive', 'the question keeps its buttons');
    assert.equal(question.body.to, `+${CUSTOMER}`, 'E.164 with +');
    assert.equal(after.transcript?.length, graph.sent.length, 'every part is in the transcript');
  });

  it('a refused mark-as-read does not stop the reply; the typing indicator is asked for', async () => {
    graph.customerWrote(NUMBER, CUSTOMER);
    await run('location', 'wamid.unknown-to-meta');
    assert.equal(graph.reads.length, 0, 'Meta refused the unknown id');
    assert.equal(graph.sent.length, 1, 'the reply went out all the same');
    graph.observe({
      entry: [
        {
          changes: [
            {
              field: 'messages',
              value: {
                metadata: { phone_number_id: NUMBER },
                messages: [
                  { from: CUSTOMER, id: 'wamid.known', timestamp: '1', type: 'text', text: { body: 'hi' } },
                ],
              },
            },
          ],
        },
      ],
    });
    await run('location', 'wamid.known');
    assert.deepEqual(
      graph.reads.map((r) => [r.messageId, r.typing]),
      [['wamid.known', true]],
    );
  });

  it('a reply outside the window is refused by Meta with 131047 and not sent', async () => {
    now += 2 * 86_400_000;
    await assert.rejects(run('location', 'wamid.late'), /131047|24 hours/);
    assert.equal(graph.sent.length, 0);
  });
});

describe('fitReply', () => {
  it('leaves a reply within the limits as it is', () => {
    const message = { kind: 'buttons' as const, body: 'Urgent?', buttons: [{ id: 'y', title: 'Yes' }] };
    assert.deepEqual(fitReply(message), [message]);
  });
  it('cuts long text on paragraph and sentence boundaries, never over 4,096 characters', () => {
    const body = `${'a'.repeat(3000)}\n\n${'b'.repeat(3000)}. ${'c'.repeat(3000)}`;
    const parts = splitText(body, 4096);
    assert.deepEqual(
      parts.map((p) => p.length),
      [3000, 3001, 3000],
    );
    assert.equal(parts.join(''), body.replace(/\s/g, ''));
  });
  it('never splits an emoji', () => {
    const parts = splitText('👋'.repeat(5000), 4096);
    assert.deepEqual(
      parts.map((p) => [...p].length),
      [4096, 904],
    );
  });
});
