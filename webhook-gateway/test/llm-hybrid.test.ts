// Hybrid LLM intake end to end (the default `llm.intake`): real webhook payloads in, the real `openai` client
// talking to the OpenAI emulator, replies checked in the Graph emulator. A conversation the rules read
// surely costs no model call; an unclear one costs one call per unsure turn; what the model escalates still
// goes to a person.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Conversation, REPLY_IDS } from '@leadwire/connector-core';
import { keywordResponder } from '../src/sandbox/openai-emulator.ts';
import { customerTap, customerText, until } from './support/harness.ts';
import { type LlmWorld, startLlmWorld } from './support/llm-world.ts';

describe('hybrid LLM intake in the turn processor', () => {
  let world: LlmWorld;

  // no `intake:` in the tenant's llm section: hybrid is the default
  before(async () => {
    world = await startLlmWorld();
  });
  after(() => world.close());

  const chatCalls = () => world.chatCalls();
  const conversationOf = (from: string) => world.conversationOf(from);
  const repliesTo = (from: string) => world.graph.sent.filter((s) => s.recipient === from);
  /** Sends one message as a turn of its own and waits until the turn ran and the agent answered it. */
  async function turn(from: string, body: string): Promise<{ conversation: Conversation; calls: number }> {
    const before = chatCalls();
    const turns = (await conversationOf(from))?.turnSeq ?? 0;
    const replies = repliesTo(from).length;
    assert.equal((await world.gw.post(body)).status, 200);
    const conversation = await until(
      async () => {
        const c = await conversationOf(from);
        return c !== undefined && c.turnSeq > turns ? c : undefined;
      },
      `turn ${turns + 1}`,
    );
    await until(() => repliesTo(from).length > replies || undefined, 'the reply');
    return { conversation, calls: chatCalls() - before };
  }

  it('a clear conversation costs no model call, from first message to Lead', async () => {
    const from = '966500000301';
    const first = await turn(from, customerText(from, 'I need deep cleaning in Jeddah tomorrow at 10am'));
    assert.equal(first.calls, 0);
    assert.deepEqual(first.conversation.agent?.model, { asked: false, why: ['sure'], escalated: false });
    assert.equal(first.conversation.agent?.decision?.ask, 'confirm');
    const yes = await turn(from, customerTap(from, REPLY_IDS.confirmYes, 'Yes'));
    assert.equal(yes.calls, 0);
    assert.equal(yes.conversation.state, 'handed_over');
  });

  it('an unclear conversation costs one call per unsure turn, and the model fills what the rules missed', async () => {
    const from = '966500000302';
    world.answerWith((request) => ({
      ...(keywordResponder(request) as Record<string, unknown>),
      serviceType: { value: 'ac_repair', confidence: 0.9 },
    }));
    try {
      const unread = await turn(
        from,
        customerText(from, 'something in the kitchen stopped working, in Jeddah'),
      );
      assert.equal(unread.calls, 1);
      assert.deepEqual(unread.conversation.agent?.model?.why, ['unread:serviceType']);
      const service = (unread.conversation.signals as Record<string, { value: unknown; source: string }>)
        .serviceType;
      assert.deepEqual([service?.value, service?.source], ['ac_repair', 'llm']);
      assert.equal(unread.conversation.agent?.decision?.ask, 'timing');

      const vague = await turn(from, customerText(from, 'in the morning'));
      assert.equal(vague.calls, 1);
      assert.deepEqual(vague.conversation.agent?.model?.why, ['low_confidence:timing']);

      const sure = await turn(from, customerTap(from, REPLY_IDS.notUrgent, 'Not urgent'));
      assert.equal(sure.calls, 0, 'a tapped answer is sure');
      assert.equal(sure.conversation.agent?.model?.asked, false);
    } finally {
      world.answerWith(keywordResponder);
    }
  });

  it("the model's escalation on an unsure turn still makes an Inquiry", async () => {
    const from = '966500000303';
    world.answerWith((request) => ({
      ...(keywordResponder(request) as Record<string, unknown>),
      escalate: true,
      escalateReason: 'the customer sounds distressed',
    }));
    try {
      const { conversation, calls } = await turn(
        from,
        customerText(from, 'something in the kitchen stopped working, in Jeddah'),
      );
      assert.equal(calls, 1);
      assert.equal(conversation.state, 'inquiry');
      assert.ok(conversation.agent?.decision?.reasons.includes('llm_escalated'));
    } finally {
      world.answerWith(keywordResponder);
    }
  });
});
