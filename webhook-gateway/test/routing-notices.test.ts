// Routing's notices reach the CRM outside a turn: a re-route gives the new owner the Lead and the same task
// the next turn would write (one key per conversation and owner); a pool alert is a task for the manager;
// a conversation the CRM does not hold yet is left for its next turn.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Conversation, type CrmPort, configSchema } from '@leadwire/connector-core';
import { routingNotices } from '../src/runtime/compose.ts';
import { testConfig } from './support/harness.ts';

const ID = '106540352242922:966501234567';
const at = '2026-11-21T09:00:00.000Z';

function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: ID,
    tenantId: 'acme',
    phoneNumberId: '106540352242922',
    user: { waId: '966501234567', name: 'Sara' },
    state: 'handed_over',
    signals: { urgency: { value: 'urgent', confidence: 0.9, source: 'rule', at } },
    crmRefs: { person: 'contact-1', lead: 'lead-1', leadOwner: 'u-a', task: 'task-1', taskOwner: 'u-a' },
    ownerId: 'u-a',
    turnSeq: 3,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

function recordingCrm() {
  const calls: string[] = [];
  const tasks: Array<{ key: string; ownerId: string; urgent: boolean; dueAt: string }> = [];
  const port = {
    kind: 'hubspot',
    async upsertLead(c: Conversation, ownerId: string | undefined) {
      calls.push(`lead:${c.ownerId}:${ownerId}`);
      return { id: 'lead-1', kind: 'lead' };
    },
    async upsertInquiry() {
      calls.push('inquiry');
      return { id: 'ticket-1', kind: 'inquiry' };
    },
    async createTask(
      _c: Conversation,
      task: { key: string; ownerId: string; urgent: boolean; dueAt: string },
    ) {
      calls.push(`task:${task.ownerId}`);
      tasks.push(task);
      return { id: `task-${tasks.length + 1}`, kind: 'task' };
    },
  } as unknown as CrmPort;
  return { port, calls, tasks };
}

function noticesFor(stored: Conversation | undefined, port: CrmPort, now: number) {
  const config = configSchema.parse(testConfig());
  return routingNotices(
    config,
    { store: { getConversation: async () => stored } as never, clock: { now: () => now } },
    { info: () => {} },
    { crmFor: () => port },
  );
}

describe('routing notices reach the CRM', () => {
  const now = Date.parse('2026-11-21T10:00:00.000Z');

  it('a re-route gives the new owner the Lead and the task the next turn would write', async () => {
    const { port, calls, tasks } = recordingCrm();
    await noticesFor(
      conversation(),
      port,
      now,
    )({
      type: 'rerouted',
      key: 'k1',
      tenantId: 'acme',
      conversationId: ID,
      from: { kind: 'user', id: 'u-a' },
      to: { kind: 'user', id: 'u-b' },
      hops: 1,
      exhaustedHops: false,
    });
    assert.deepEqual(calls, ['lead:u-b:u-b', 'task:u-b']);
    assert.equal(tasks[0]?.key, `${ID}:task:u-b`, 'the key the CRM step uses for this owner');
    assert.equal(tasks[0]?.urgent, true);
    assert.equal(tasks[0]?.dueAt, new Date(now + 30 * 60_000).toISOString(), 'urgent: due in 30 minutes');
  });

  it('a pool alert is one task for the manager; a queue or a conversation the CRM lacks gets nothing', async () => {
    const { port, calls, tasks } = recordingCrm();
    await noticesFor(
      conversation({ ownerId: undefined }),
      port,
      now,
    )({
      type: 'pool_alert',
      key: 'k2',
      tenantId: 'acme',
      conversationId: ID,
      manager: 'u-boss',
      waitingSince: now - 86_400_000,
      urgent: false,
    });
    assert.deepEqual(calls, ['task:u-boss']);
    assert.equal(tasks[0]?.key, `${ID}:pool-alert:u-boss:${now - 86_400_000}`);
    assert.equal(tasks[0]?.urgent, false);

    calls.length = 0;
    await noticesFor(
      conversation(),
      port,
      now,
    )({
      type: 'rerouted',
      key: 'k3',
      tenantId: 'acme',
      conversationId: ID,
      from: { kind: 'user', id: 'u-a' },
      to: { kind: 'queue', id: '00G1' },
      hops: 1,
      exhaustedHops: false,
    });
    await noticesFor(
      conversation({ crmRefs: {} }),
      port,
      now,
    )({
      type: 'assigned_from_pool',
      key: 'k4',
      tenantId: 'acme',
      conversationId: ID,
      to: { kind: 'user', id: 'u-c' },
      waitingSince: now,
    });
    assert.deepEqual(calls, [], 'nothing for a queue, nothing for a conversation the CRM does not hold yet');
  });
});
