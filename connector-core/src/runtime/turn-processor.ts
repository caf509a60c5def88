// The turn processor: claims a conversation's pending events (at most one turn per conversation at a
// time, guarded by a lease with a fencing token), runs the named steps in order, each at most once in
// effect under `<conversationId>:<turnSeq>:<step>`, and commits with compare-and-set on the turn sequence.
// A crash anywhere means the job runs again: the claim, finished steps and the commit are all replay-safe.
import { newConversation, recordTurn } from '../conversation/record-turn.ts';
import type { Conversation, Turn } from '../model/conversation.ts';
import { conversation as conversationSchema } from '../model/conversation.ts';
import { LeadwireError } from '../model/errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { Lease, Store, StoredEvent } from '../ports/store.ts';
import type { TurnContext, TurnHandler, TurnStep } from '../ports/turn-handler.ts';
import { stepResultJson } from '../store/store-rules.ts';
import { applyStepPatch, isStoredPatch, stepPatch } from './step-patch.ts';

export interface TurnProcessorOptions {
  store: Store;
  clock: Clock;
  handler: TurnHandler;
  /** lease on the conversation; renewed at a third of it while the turn runs (default 30000) */
  leaseMs?: number;
  /** the most inbox events one turn takes (default MAX_EVENTS_PER_TURN) */
  maxEventsPerTurn?: number;
}

/**
 * The most events one turn takes from a conversation's inbox. WhatsApp lets a person send far fewer messages
 * between two turns of a real conversation; beyond it is a flood, which then costs each turn the same.
 */
export const MAX_EVENTS_PER_TURN = 50;

export type TurnOutcome =
  | { status: 'idle' }
  /** `more`: events arrived during the turn; schedule another */
  | { status: 'committed'; turn: Turn; conversation: Conversation; more: boolean };

/** The runtime's own first step: fold the events into the conversation's bookkeeping. */
export const recordStep: TurnStep = {
  name: 'record',
  run: async ({ conversation, events }) => recordTurn(conversation, events, conversation.updatedAt),
};

export function stepKey(conversationId: string, seq: number, step: string): string {
  return `${conversationId}:${seq}:${step}`;
}

/**
 * What a step that left the conversation as the previous step did stores instead of another copy of it (a JSON
 * string, never a conversation, which is an object). About half the steps of a turn change nothing (media
 * without media, routing or CRM steps with nothing to do): each stored the whole conversation, 1.5–2 KB, and
 * those copies were a third of the bytes a turn wrote. A retried turn reads the previous step's result first,
 * so the marker always stands for the conversation at hand.
 */
export const UNCHANGED_STEP_JSON = '"unchanged"';

export function createTurnProcessor(
  options: TurnProcessorOptions,
): (conversationId: string) => Promise<TurnOutcome> {
  const { store, clock, handler } = options;
  const leaseMs = options.leaseMs ?? 30_000;
  const maxEventsPerTurn = options.maxEventsPerTurn ?? MAX_EVENTS_PER_TURN;
  const steps: readonly TurnStep[] = [recordStep, ...handler.steps];

  return async function processTurn(conversationId) {
    const lease = await store.acquireLease(conversationId, leaseMs);
    if (lease === undefined) {
      throw new LeadwireError(
        'CONFLICT',
        `conversation ${conversationId} is being processed by another worker`,
        {
          retryAfterMs: 250,
        },
      );
    }
    const keeper = keepLease(store, lease, leaseMs);
    try {
      return await runTurn(conversationId, lease, keeper.assert);
    } finally {
      keeper.stop();
      await store.releaseLease(lease);
    }
  };

  async function runTurn(
    conversationId: string,
    lease: Lease,
    assertLease: () => Promise<void>,
  ): Promise<TurnOutcome> {
    const stored = await store.getConversation(conversationId);
    const expectedSeq = stored?.turnSeq ?? 0;
    const seq = expectedSeq + 1;
    const existing = await store.getTurn(conversationId, seq);
    // A turn takes at most `maxEventsPerTurn` of the inbox: a customer flooding one conversation costs each of
    // its turns a bounded read, and the rest wait for the next turn. A retried turn reads all, to find the
    // events its first try claimed.
    const pending = await store.pendingEvents(
      conversationId,
      existing === undefined ? { limit: maxEventsPerTurn } : {},
    );
    if (existing === undefined && pending.length === 0) return { status: 'idle' };

    const nowIso = new Date(clock.now()).toISOString();
    // A retried turn keeps the events its first try claimed; events that came later wait for the next turn.
    const turn =
      existing ??
      (await store.claimTurn({
        conversationId,
        seq,
        eventSeqs: pending.map((e) => e.seq),
        claimedAt: nowIso,
        fence: lease.fence,
      }));
    const bySeq = new Map(pending.map((e) => [e.seq, e]));
    const events = turn.eventSeqs.map((s) => bySeq.get(s)).filter((e): e is StoredEvent => e !== undefined);
    const first = events[0];
    if (first === undefined) {
      throw new LeadwireError(
        'CONFLICT',
        `turn ${seq} of ${conversationId} lost its events (committed elsewhere)`,
      );
    }

    let current: Conversation = { ...(stored ?? newConversation(first, nowIso)), updatedAt: nowIso };
    /**
     * Whether `current` is a conversation this turn stored (a patch on the one before it): a retry rebuilds
     * exactly it, so the next step may be stored as a patch on it or as the marker. Until then, what the turn
     * began from (its clock's time) is not what a retry begins from: the first step's result is a patch on the
     * committed conversation, which a retry reads again, and stored whole for a conversation's first turn.
     */
    let rebuilt = false;
    for (const step of steps) {
      const key = stepKey(conversationId, seq, step.name);
      /** what a retry rebuilds this step's conversation on: the step before it, or the committed conversation */
      const base = rebuilt ? current : stored;
      // Step results are written after the claim: a turn claimed just now has none to look up.
      const done = existing === undefined ? undefined : await store.getStepResult(key);
      if (done !== undefined) {
        if (done !== JSON.parse(UNCHANGED_STEP_JSON)) {
          current = conversationOf(base, done);
          rebuilt = true;
        }
        continue;
      }
      await assertLease();
      const context: TurnContext = { conversation: current, turn, events, idempotencyKey: key, assertLease };
      const result = await step.run(context);
      // A step that changed nothing stores the marker, one that changed a part stores what it changed. Steps
      // never change the conversation in place and keep what they did not touch, so telling either needs no
      // serializing of the whole (see step-patch.ts). The first step never stores the marker: it stands for
      // `current`, whose clock a retry does not share.
      const patch = base === undefined || result === base ? undefined : stepPatch(base, result);
      const json =
        base === undefined
          ? stepResultJson(key, result)
          : patch === undefined && rebuilt
            ? UNCHANGED_STEP_JSON
            : stepResultJson(key, { $patch: patch ?? {} });
      const kept = await store.putStepResultJson(key, json);
      if (kept === UNCHANGED_STEP_JSON) continue;
      current = conversationOf(base, JSON.parse(kept));
      rebuilt = true;
    }

    const committed = { ...current, turnSeq: seq };
    const ok = await store.commitTurn({ conversation: committed, expectedSeq, fence: lease.fence, turn });
    if (!ok) {
      throw new LeadwireError(
        'CONFLICT',
        `turn ${seq} of ${conversationId} lost its commit (lease or sequence moved)`,
      );
    }
    const after = await store.pendingEvents(conversationId, { limit: 1 });
    return { status: 'committed', turn, conversation: committed, more: after.length > 0 };
  }
}

/** The conversation a stored step result stands for: itself, or a patch on the one before it. */
function conversationOf(before: object | undefined, stored: unknown): Conversation {
  return conversationSchema.parse(
    isStoredPatch(stored) ? applyStepPatch(before ?? {}, stored.$patch) : stored,
  );
}

/** Renews the lease in the background; `assert` throws CONFLICT once it was lost. */
function keepLease(
  store: Store,
  lease: Lease,
  leaseMs: number,
): { assert: () => Promise<void>; stop: () => void } {
  let lost = false;
  const timer = setInterval(
    () => {
      store.renewLease(lease, leaseMs).then(
        (held) => {
          if (!held) lost = true;
        },
        () => {
          lost = true;
        },
      );
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return {
    assert: async () => {
      if (lost)
        throw new LeadwireError(
          'CONFLICT',
          `lease on ${lease.conversationId} was lost; another worker took over`,
        );
    },
    stop: () => clearInterval(timer),
  };
}
