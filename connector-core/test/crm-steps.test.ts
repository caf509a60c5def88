// The CRM steps over a recording CrmPort: nothing reaches the CRM while intake is still asking; the turn that
// makes a Lead writes the person, the Lead with its owner, the owner's task and the whole transcript so far;
// later turns write only their lines; a new owner gets the Lead and a task of their own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyRevisions,
  type Conversation,
  type CrmPort,
  type CrmTranscriptLine,
  crmSteps,
  intakeAgent,
  type Messenger,
  REPLY_IDS,
  revisedText,
  type StoredEvent,
  type TurnContext,
  type TurnHandler,
  withCrmSteps,
} from '../src/index.ts';
import { exampleIntake } from '../src/testing/index.ts';

const T0 = Date.parse('2026-11-21T09:00:00Z');
const NUMBER = '106540352242922';
const ID = `${NUMBER}:966501234567`;

function recordingCrm() {
  const calls: string[] = [];
  const lines: CrmTranscriptLine[] = [];
  const tasks: Array<{ key: string; ownerId: string; urgent: boolean; dueAt: string; subject: string }> = [];
  const crm: CrmPort = {
    kind: 'hubspot',
    async upsertPerson() {
      calls.push('person');
      return { id: 'contact-1', ownerId: 'owner-existing' };
    },
    async writeTranscript(_conversation, written) {
      calls.push(`transcript:${written.length}`);
      lines.push(...written);
    },
    async upsertLead(_conversation, ownerId) {
      calls.push(`lead:${ownerId}`);
      return { id: 'lead-1', kind: 'lead' };
    },
    async upsertInquiry(_conversation, ownerId, reason) {
      calls.push(`inquiry:${ownerId}:${reason}`);
      return { id: 'ticket-1', kind: 'inquiry' };
    },
    async createTask(_conversation, task) {
      calls.push(`task:${task.ownerId}`);
      tasks.push(task);
      return { id: `task-${tasks.length}`, kind: 'task' };
    },
    async taskOpen() {
      return true;
    },
    async listOwners() {
      return [];
    },
    async presence() {
      return undefined;
    },
  };
  return { crm, calls, lines, tasks };
}

const messenger: Messenger = {
  async send(_number, _to, _message, key) {
    return `wamid.out-${key}`;
  },
  async markRead() {},
  async downloadMedia() {
    throw new Error('no media here');
  },
};

let seq = 0;
function customer(content: Record<string, unknown>, at: number): StoredEvent {
  seq++;
  return {
    seq,
    conversationId: ID,
    tenantId: 'acme',
    event: {
      kind: 'message',
      id: `wamid.in-${seq}`,
      phoneNumberId: NUMBER,
      timestamp: new Date(at).toISOString(),
      user: { waId: '966501234567' },
      raw: {},
      ...content,
    } as StoredEvent['event'],
  };
}
const text = (body: string, at: number) => customer({ type: 'text', text: body }, at);
const tap = (id: string, at: number) =>
  customer({ type: 'interactive', interactive: { type: 'button_reply', id, title: id } }, at);

function start(): Conversation {
  return {
    id: ID,
    tenantId: 'acme',
    phoneNumberId: NUMBER,
    user: { waId: '966501234567', phone: '+966501234567', name: 'Sara' },
    state: 'new',
    signals: {},
    crmRefs: {},
    turnSeq: 0,
    createdAt: new Date(T0).toISOString(),
    updatedAt: new Date(T0).toISOString(),
    windowExpiresAt: new Date(T0 + 86_400_000).toISOString(),
  };
}

async function turn(handler: TurnHandler, conversation: Conversation, events: StoredEvent[], owner?: string) {
  let current = conversation;
  for (const step of handler.steps) {
    // routing's stand-in: the owner is set when the conversation is handed over
    if (step.name === 'crm' && owner !== undefined && current.state === 'handed_over')
      current = { ...current, ownerId: owner };
    const context: TurnContext = {
      conversation: current,
      turn: { conversationId: ID, seq: current.turnSeq + 1, eventSeqs: [], claimedAt: '', fence: 1 },
      events,
      idempotencyKey: `${ID}:${current.turnSeq + 1}:${step.name}`,
      assertLease: async () => {},
    };
    current = await step.run(context);
  }
  return { ...current, turnSeq: current.turnSeq + 1 };
}

describe('CRM steps', () => {
  it('writes nothing during intake, then the person, Lead, task and whole transcript at handover', async () => {
    const { crm, calls, lines, tasks } = recordingCrm();
    let now = T0;
    const agent = intakeAgent({
      intakeFor: () => exampleIntake,
      clock: { now: () => now },
      messenger,
      replyIntervalMs: 0,
    });
    const handler = withCrmSteps(agent, crmSteps({ crmFor: () => crm, clock: { now: () => now } }));
    assert.deepEqual(
      handler.steps.map((s) => s.name),
      ['media', 'intake', 'policy', 'crm-person', 'reply', 'crm'],
    );
    let conversation = await turn(handler, start(), [text('I need a deep cleaning in Jeddah tomorrow', now)]);
    now += 60_000;
    conversation = await turn(handler, conversation, [tap(REPLY_IDS.urgent, now)]);
    assert.deepEqual(calls, [], 'intake turns write nothing');
    assert.ok((conversation.transcript?.length ?? 0) >= 3, 'the lines wait for the CRM');

    now += 60_000;
    conversation = await turn(handler, conversation, [tap(REPLY_IDS.confirmYes, now)], 'owner-7');
    assert.equal(conversation.state, 'handed_over');
    assert.deepEqual(calls.slice(0, 3), ['person', 'lead:owner-7', 'task:owner-7']);
    assert.match(calls[3] ?? '', /^transcript:\d+$/);
    assert.equal(calls.length, 4, 'four writes (the person search is the adapter’s fifth call)');
    assert.deepEqual(conversation.crmRefs, {
      person: 'contact-1',
      personOwner: 'owner-existing',
      lead: 'lead-1',
      leadOwner: 'owner-7',
      task: 'task-1',
      taskOwner: 'owner-7',
    });
    assert.deepEqual(conversation.transcript, []);
    assert.equal(tasks[0]?.urgent, true);
    assert.equal(Date.parse(tasks[0]?.dueAt ?? ''), now + 30 * 60_000, 'an urgent task is due in 30 minutes');
    assert.match(tasks[0]?.subject ?? '', /deep_cleaning in jeddah — Sara/);
    assert.deepEqual(
      lines.map((l) => l.author),
      ['customer', 'agent', 'customer', 'agent', 'customer', 'agent'],
      'in order, customer and agent',
    );
    assert.deepEqual(
      [...lines].sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt)),
      lines,
    );

    calls.length = 0;
    now += 60_000;
    conversation = await turn(handler, conversation, [text('thanks!', now)], 'owner-7');
    assert.deepEqual(calls, ['transcript:1'], 'a later turn writes only its line');

    calls.length = 0;
    now += 60_000;
    conversation = await turn(handler, conversation, [text('hello? anyone', now)], 'owner-9');
    assert.deepEqual(
      calls,
      ['lead:owner-9', 'task:owner-9', 'transcript:1'],
      'a new owner gets the Lead and a task',
    );
    assert.equal(tasks[1]?.key, `${ID}:task:owner-9`);
  });

  it('an Inquiry becomes a record with its reasons; without a CRM nothing is buffered', async () => {
    const { crm, calls } = recordingCrm();
    const agent = intakeAgent({
      intakeFor: () => exampleIntake,
      clock: { now: () => T0 },
      messenger,
      replyIntervalMs: 0,
    });
    const handler = withCrmSteps(agent, crmSteps({ crmFor: () => crm, clock: { now: () => T0 } }));
    const conversation = await turn(handler, start(), [text('I want to talk to a human please', T0)]);
    assert.equal(conversation.state, 'inquiry');
    assert.deepEqual(calls.slice(0, 2), ['person', 'inquiry:undefined:human_requested']);

    const none = withCrmSteps(agent, crmSteps({ crmFor: () => undefined, clock: { now: () => T0 } }));
    const quiet = await turn(none, start(), [text('I need AC repair', T0)]);
    assert.equal(quiet.transcript?.length, 1, 'only the reply step’s own line, capped');
  });
});

describe('edits and deletions in the transcript', () => {
  const line = (wamid: string, text: string, sentAt: string) => ({
    wamid,
    direction: 'inbound' as const,
    author: 'customer' as const,
    sentAt,
    text,
  });
  it('a revision of a line not yet written changes it in place, keeping its time (a first write)', () => {
    const folded = applyRevisions([
      line('wamid.a', 'Calle 5', '2026-01-01T10:00:00Z'),
      {
        ...line('wamid.a', revisedText('edited', 'Calle 15'), '2026-01-01T10:05:00Z'),
        change: 'edited',
        changeId: 'wamid.e',
      },
      { ...line('wamid.b', 'secret', '2026-01-01T10:01:00Z'), transcription: 'secret words' },
      {
        ...line('wamid.b', revisedText('deleted', undefined), '2026-01-01T10:06:00Z'),
        change: 'deleted',
        changeId: 'wamid.r',
      },
    ]);
    assert.deepEqual(folded, [
      { ...line('wamid.a', '✏️ (edited) Calle 15', '2026-01-01T10:00:00Z'), change: 'edited' },
      { ...line('wamid.b', '🗑 (deleted by the customer)', '2026-01-01T10:01:00Z'), change: 'deleted' },
    ]);
  });
  it('two revisions of a written line leave the latest only', () => {
    const folded = applyRevisions([
      {
        ...line('wamid.c', revisedText('edited', 'one'), '2026-01-01T10:05:00Z'),
        change: 'edited',
        changeId: 'wamid.e1',
      },
      {
        ...line('wamid.c', revisedText('edited', 'two'), '2026-01-01T10:06:00Z'),
        change: 'edited',
        changeId: 'wamid.e2',
      },
    ]);
    assert.equal(folded.length, 1);
    assert.equal(folded[0]?.text, '✏️ (edited) two');
    assert.equal(folded[0]?.changeId, 'wamid.e2');
  });
});
