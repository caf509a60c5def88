import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  type Conversation,
  createTurnProcessor,
  inboundEvent,
  isLeadwireError,
  MAX_EVENTS_PER_TURN,
  openSqliteStore,
  type Store,
  type TurnStep,
} from '@leadwire/connector-core';
import { ingestTextMessage, manualClock, testDelivery } from '@leadwire/connector-core/testing';

const CONVERSATION = '106540352242922:16505551234';
const T0 = 1_772_442_000;

function freshStore(clock = manualClock()): { store: Store; clock: ReturnType<typeof manualClock> } {
  const path = join(mkdtempSync(join(tmpdir(), 'leadwire-turn-')), 'leadwire.db');
  return { store: openSqliteStore({ path, synchronous: 'NORMAL', clock }), clock };
}

async function send(
  store: Store,
  ...messages: Array<[wamid: string, text: string, seconds?: number]>
): Promise<void> {
  await store.ingest(
    testDelivery(messages.map(([wamid, text, s]) => ingestTextMessage('16505551234', wamid, text, s))),
  );
}

/** A step whose external effect is recorded per idempotency key, counting every attempt. */
function countingStep(
  name: string,
  failFirst = 0,
): TurnStep & { attempts: string[]; effects: Map<string, string[]> } {
  const attempts: string[] = [];
  const effects = new Map<string, string[]>();
  return {
    name,
    attempts,
    effects,
    async run({ conversation, events, idempotencyKey }) {
      attempts.push(idempotencyKey);
      if (!effects.has(idempotencyKey))
        effects.set(
          idempotencyKey,
          events.map((e) => e.event.id),
        );
      if (attempts.length <= failFirst) throw new Error('crash after the effect, before the step finished');
      return conversation;
    },
  };
}

describe('turn processor', () => {
  it('claims pending events in timestamp order, records the turn and commits it', async () => {
    const { store, clock } = freshStore();
    const step = countingStep('handler');
    const processTurn = createTurnProcessor({ store, clock, handler: { steps: [step] } });
    await send(store, ['wamid.2', 'today, in Jeddah', T0 + 2], ['wamid.1', 'need deep cleaning', T0 + 1]);

    const outcome = await processTurn(CONVERSATION);
    assert.equal(outcome.status, 'committed');
    assert.ok(outcome.status === 'committed');
    assert.equal(outcome.turn.seq, 1);
    assert.equal(outcome.more, false);
    assert.deepEqual([...step.effects.values()], [['wamid.1', 'wamid.2']]);
    const conversation = await store.getConversation(CONVERSATION);
    assert.equal(conversation?.turnSeq, 1);
    assert.equal(conversation?.tenantId, 'tenant-a');
    assert.equal(conversation?.state, 'new');
    assert.equal(conversation?.lastInboundAt, new Date((T0 + 2) * 1000).toISOString());
    assert.equal(conversation?.windowExpiresAt, new Date((T0 + 2) * 1000 + 24 * 3600 * 1000).toISOString());
    assert.deepEqual(await store.pendingEvents(CONVERSATION), []);
    assert.deepEqual(await processTurn(CONVERSATION), { status: 'idle' });
  });

  it('takes at most MAX_EVENTS_PER_TURN events a turn: a flood is worked off in bounded turns, in order, none lost', async () => {
    const { store, clock } = freshStore();
    const step = countingStep('handler');
    const processTurn = createTurnProcessor({ store, clock, handler: { steps: [step] } });
    const flood = MAX_EVENTS_PER_TURN * 2 + 7;
    await send(
      store,
      ...Array.from({ length: flood }, (_, i): [string, string, number] => [
        `wamid.f${i}`,
        `msg ${i}`,
        T0 + i,
      ]),
    );
    const sizes: number[] = [];
    for (let more = true; more; ) {
      const outcome = await processTurn(CONVERSATION);
      assert.ok(outcome.status === 'committed');
      sizes.push(outcome.turn.eventSeqs.length);
      more = outcome.more;
    }
    assert.deepEqual(sizes, [MAX_EVENTS_PER_TURN, MAX_EVENTS_PER_TURN, 7]);
    assert.deepEqual(
      [...step.effects.values()].flat(),
      Array.from({ length: flood }, (_, i) => `wamid.f${i}`),
    );
    assert.deepEqual(await store.pendingEvents(CONVERSATION), []);
  });

  it('re-runs only the unfinished step after a crash, with the same events and the same key', async () => {
    const { store, clock } = freshStore();
    const first = countingStep('first');
    const flaky = countingStep('flaky', 1);
    const processTurn = createTurnProcessor({ store, clock, handler: { steps: [first, flaky] } });
    await send(store, ['wamid.a', 'Hi']);

    await assert.rejects(processTurn(CONVERSATION), /crash after the effect/);
    // A message arrives between the crash and the retry: it waits for the next turn.
    await send(store, ['wamid.b', 'are you there?', T0 + 5]);
    const retried = await processTurn(CONVERSATION);
    assert.ok(retried.status === 'committed');
    assert.equal(retried.turn.seq, 1);
    assert.equal(retried.more, true);
    assert.deepEqual(first.attempts, [`${CONVERSATION}:1:first`], 'a finished step is not run again');
    assert.deepEqual(flaky.attempts, [`${CONVERSATION}:1:flaky`, `${CONVERSATION}:1:flaky`]);
    assert.deepEqual([...flaky.effects.values()], [['wamid.a']]);

    const next = await processTurn(CONVERSATION);
    assert.ok(next.status === 'committed');
    assert.equal(next.turn.seq, 2);
    assert.deepEqual(flaky.effects.get(`${CONVERSATION}:2:flaky`), ['wamid.b']);
  });

  it('stores a marker for a step that changed nothing, and a retried turn goes on from the step before it', async () => {
    const { store, clock } = freshStore();
    const asking: TurnStep = {
      name: 'asking',
      run: async ({ conversation }) => ({ ...conversation, state: 'intake' }),
    };
    const idle = countingStep('idle');
    const seen: string[] = [];
    let crashes = 1;
    const flaky: TurnStep = {
      name: 'flaky',
      async run({ conversation }) {
        seen.push(conversation.state);
        if (crashes-- > 0) throw new Error('crash before the step finished');
        return conversation;
      },
    };
    const processTurn = createTurnProcessor({ store, clock, handler: { steps: [asking, idle, flaky] } });
    await send(store, ['wamid.a', 'Hi']);

    await assert.rejects(processTurn(CONVERSATION), /crash before the step finished/);
    assert.equal(await store.getStepResult(`${CONVERSATION}:1:idle`), 'unchanged', 'no second copy');
    assert.deepEqual(
      await store.getStepResult(`${CONVERSATION}:1:asking`),
      { $patch: { state: 'intake' } },
      'what the step changed, not another copy of the conversation',
    );
    const retried = await processTurn(CONVERSATION);
    assert.ok(retried.status === 'committed');
    assert.deepEqual(idle.attempts, [`${CONVERSATION}:1:idle`], 'a finished step is not run again');
    assert.deepEqual(seen, ['intake', 'intake'], 'the retry sees the conversation the step before left');
    assert.equal(retried.conversation.state, 'intake');
    assert.equal((await store.getConversation(CONVERSATION))?.state, 'intake');
  });

  it('stores what a step changed, inside objects and removed keys too, and a retry rebuilds it exactly', async () => {
    const { store, clock } = freshStore();
    const signalling: TurnStep = {
      name: 'signalling',
      run: async ({ conversation }) => ({
        ...conversation,
        signals: { ...conversation.signals, language: { value: 'pt', confidence: 0.9, source: 'rule' } },
        crmRefs: { ...conversation.crmRefs, hubspotContactId: '101' },
      }),
    };
    const forgetting: TurnStep = {
      name: 'forgetting',
      run: async ({ conversation }) => {
        const { hubspotContactId: _, ...crmRefs } = conversation.crmRefs;
        return { ...conversation, crmRefs, state: 'intake' };
      },
    };
    let crashes = 1;
    const seen: Conversation[] = [];
    const flaky: TurnStep = {
      name: 'flaky',
      async run({ conversation }) {
        seen.push(conversation);
        if (crashes-- > 0) throw new Error('crash before the step finished');
        return conversation;
      },
    };
    const processTurn = createTurnProcessor({
      store,
      clock,
      handler: { steps: [signalling, forgetting, flaky] },
    });
    await send(store, ['wamid.a', 'Hi']);

    await assert.rejects(processTurn(CONVERSATION), /crash before the step finished/);
    // the runtime's own first step is stored whole: a retry begins from it, not from its own clock
    const recorded = (await store.getStepResult(`${CONVERSATION}:1:record`)) as Conversation;
    assert.equal(recorded.id, CONVERSATION);
    assert.deepEqual(await store.getStepResult(`${CONVERSATION}:1:signalling`), {
      $patch: {
        signals: { $in: { language: { value: 'pt', confidence: 0.9, source: 'rule' } } },
        crmRefs: { $in: { hubspotContactId: '101' } },
      },
    });
    assert.deepEqual(await store.getStepResult(`${CONVERSATION}:1:forgetting`), {
      $patch: { state: 'intake', crmRefs: { $in: { hubspotContactId: { $unset: 1 } } } },
    });
    clock.advance(60_000);
    const retried = await processTurn(CONVERSATION);
    assert.ok(retried.status === 'committed');
    assert.deepEqual(seen[1], seen[0], 'the retry rebuilt the very conversation the first try had');
    assert.deepEqual((retried.conversation.signals as Record<string, unknown>).language, {
      value: 'pt',
      confidence: 0.9,
      source: 'rule',
    });
    assert.deepEqual(retried.conversation.crmRefs, {});
    assert.equal(retried.conversation.state, 'intake');

    // a later turn's first step is a patch on the committed conversation, which its retry reads again
    await send(store, ['wamid.b', 'still there?', T0 + 90]);
    crashes = 1;
    seen.length = 0;
    await assert.rejects(processTurn(CONVERSATION), /crash before the step finished/);
    const record = await store.getStepResult(`${CONVERSATION}:2:record`);
    assert.ok(typeof record === 'object' && record !== null && '$patch' in record, 'a patch, not a copy');
    clock.advance(60_000);
    const second = await processTurn(CONVERSATION);
    assert.ok(second.status === 'committed');
    assert.deepEqual(seen[1], seen[0], 'the retry rebuilt the very conversation the first try had');
    assert.equal(second.conversation.turnSeq, 2);
  });

  it('lets only one worker run a conversation at a time', async () => {
    const { store, clock } = freshStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: TurnStep = {
      name: 'slow',
      run: async ({ conversation }) => {
        await gate;
        return conversation;
      },
    };
    const processTurn = createTurnProcessor({ store, clock, handler: { steps: [slow] } });
    await send(store, ['wamid.x', 'Hi']);
    const running = processTurn(CONVERSATION);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await assert.rejects(processTurn(CONVERSATION), (error) => isLeadwireError(error, 'CONFLICT'));
    release();
    assert.equal((await running).status, 'committed');
  });

  it('does not commit when its lease was taken over by another worker', async () => {
    const { store, clock } = freshStore();
    const takeover: TurnStep = {
      name: 'takeover',
      run: async ({ conversation }) => {
        clock.advance(60_000); // this worker stalled past its lease…
        await store.acquireLease(CONVERSATION, 30_000); // …and another worker took the conversation
        return conversation;
      },
    };
    const processTurn = createTurnProcessor({ store, clock, handler: { steps: [takeover] } });
    await send(store, ['wamid.y', 'Hi']);
    await assert.rejects(processTurn(CONVERSATION), (error) => isLeadwireError(error, 'CONFLICT'));
    assert.equal(await store.getConversation(CONVERSATION), undefined);
    assert.equal(
      (await store.pendingEvents(CONVERSATION)).length,
      1,
      'the event is still there for the next try',
    );
  });

  it('switches the conversation to human when a person replied from the WhatsApp Business app', async () => {
    const { store, clock } = freshStore();
    const processTurn = createTurnProcessor({ store, clock, handler: { steps: [] } });
    await send(store, ['wamid.c1', 'Hi']);
    const echo = inboundEvent.parse({
      kind: 'echo',
      type: 'text',
      phoneNumberId: '106540352242922',
      timestamp: new Date((T0 + 60) * 1000).toISOString(),
      id: 'wamid.echo1',
      user: { waId: '16505551234' },
      text: 'Hi! Sara here, I can come today.',
      raw: {},
    });
    await store.ingest(
      testDelivery([
        {
          event: echo,
          dedupKey: 'e:106540352242922:wamid.echo1',
          tenantId: 'tenant-a',
          conversationKey: CONVERSATION,
        },
      ]),
    );
    const outcome = await processTurn(CONVERSATION);
    assert.ok(outcome.status === 'committed');
    const conversation: Conversation | undefined = await store.getConversation(CONVERSATION);
    assert.equal(conversation?.state, 'human');
    assert.equal(
      conversation?.lastInboundAt,
      new Date(T0 * 1000).toISOString(),
      'an echo does not move the window',
    );
  });
});
