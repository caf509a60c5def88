// Rules both Store adapters apply the same way (SQLite and Redis): what a consistent commit is, how events
// sort, what a step result may be, and the error for a stale fence.

import { LeadwireError } from '../model/errors.ts';
import type { InboundEvent } from '../model/inbound-event.ts';
import type { CommitTurn } from '../ports/store.ts';

/** The conversation, the turn and the expected sequence must agree before the store is even asked. */
export function isConsistentCommit({ conversation, expectedSeq, turn }: CommitTurn): boolean {
  return (
    conversation.id === turn.conversationId &&
    conversation.turnSeq === turn.seq &&
    turn.seq === expectedSeq + 1
  );
}

/** Sort key for the inbox: WhatsApp's timestamp, or the arrival time when the event carries no usable one. */
export function timestampMs(event: InboundEvent, receivedAt: number): number {
  const ms = Date.parse(event.timestamp);
  return Number.isFinite(ms) ? ms : receivedAt;
}

export function stepResultJson(key: string, value: unknown): string {
  const json = value === undefined ? undefined : JSON.stringify(value);
  if (json === undefined) {
    throw new LeadwireError(
      'VALIDATION',
      `step result ${key} is not JSON-serializable (got ${typeof value})`,
    );
  }
  return json;
}

export function staleFence(conversationId: string): LeadwireError {
  return new LeadwireError(
    'CONFLICT',
    `the lease on conversation ${conversationId} was taken over by a newer worker; this turn stops here`,
  );
}
