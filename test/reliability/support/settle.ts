// Waiting for a run to settle: every conversation's inbox empty, no turn queued or running, and the outside
// world (sends, CRM calls) quiet for a moment. Polls against a deadline; no fixed sleeps stand in for it.
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobQueue, Store } from '@leadwire/connector-core';
import type { World } from './emulated-world.ts';
import type { Customer } from './scripted-customers.ts';

/** Resolves once nothing is left to do; throws with what is still pending after `timeoutMs`. */
export async function settled(input: {
  store: Store;
  queue: JobQueue;
  customers: readonly Customer[];
  world: World;
  timeoutMs: number;
}): Promise<void> {
  const { store, queue, customers, world } = input;
  const deadline = Date.now() + input.timeoutMs;
  const activity = () => world.graph.sent.length + world.salesforce.calls.total + world.hubspot.calls.total;
  for (;;) {
    const pending = await pendingByConversation(store, customers);
    const total = [...pending.values()].reduce((sum, n) => sum + n, 0);
    const counts = await queue.counts();
    if (total === 0 && counts.waiting === 0 && counts.active === 0) {
      const before = activity();
      await sleep(1500);
      if (activity() === before) return;
    } else await sleep(500);
    if (Date.now() > deadline) {
      const detail = await describePending(store, queue, pending);
      throw new Error(
        `the run did not settle: ${total} events pending, queue ${JSON.stringify(counts)}\n${detail}`,
      );
    }
  }
}

async function pendingByConversation(
  store: Store,
  customers: readonly Customer[],
): Promise<Map<string, number>> {
  const counts = await Promise.all(
    customers.map(
      async (c) => [c.conversationId, (await store.pendingEvents(c.conversationId)).length] as const,
    ),
  );
  return new Map(counts.filter(([, n]) => n > 0));
}

/** What a stuck conversation looks like: its turn sequence, the claimed next turn, its events and its jobs. */
async function describePending(store: Store, queue: JobQueue, pending: Map<string, number>): Promise<string> {
  const lines: string[] = [];
  for (const conversationId of [...pending.keys()].slice(0, 5)) {
    const conversation = await store.getConversation(conversationId);
    const seq = (conversation?.turnSeq ?? 0) + 1;
    const next = await store.getTurn(conversationId, seq);
    const events = (await store.pendingEvents(conversationId)).map((e) => ({
      seq: e.seq,
      kind: e.event.kind,
      type: e.event.type,
    }));
    lines.push(
      JSON.stringify({
        conversationId,
        turnSeq: conversation?.turnSeq,
        nextTurn: next,
        events,
        jobs: jobsOf(queue, conversationId),
      }),
    );
  }
  return lines.join('\n');
}

/** The embedded queue's rows naming the conversation (the BullMQ adapter keeps its jobs in Redis). */
function jobsOf(queue: JobQueue, conversationId: string): unknown {
  const path = (queue as { path?: unknown }).path;
  if (typeof path !== 'string') return 'not an embedded queue';
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db
      .prepare(
        `SELECT id, name, state, run_at - unixepoch('subsec') * 1000 AS runsInMs, attempts, code, reason, dedup_key
         FROM queue_jobs WHERE data LIKE ?`,
      )
      .all(`%${conversationId}%`);
  } finally {
    db.close();
  }
}
