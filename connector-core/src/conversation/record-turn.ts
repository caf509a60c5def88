// The runtime's own first step: fold a turn's events into the conversation's bookkeeping (who the
// customer is, when they last wrote, when the 24-hour window closes, whether a person took over).
import type { Conversation } from '../model/conversation.ts';
import type { StoredEvent } from '../ports/store.ts';

const WINDOW_MS = 24 * 60 * 60 * 1000;

export function newConversation(first: StoredEvent, nowIso: string): Conversation {
  return {
    id: first.conversationId,
    tenantId: first.tenantId,
    phoneNumberId: first.event.phoneNumberId,
    user: {},
    state: 'new',
    signals: {},
    crmRefs: {},
    turnSeq: 0,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
}

/** Pure: the conversation after `events` (ordered), without the turn counter (the runtime sets it). */
export function recordTurn(
  conversation: Conversation,
  events: readonly StoredEvent[],
  nowIso: string,
): Conversation {
  let next: Conversation = { ...conversation, user: { ...conversation.user }, updatedAt: nowIso };
  for (const { event } of events) {
    if (event.kind === 'echo') {
      // A person answered from the WhatsApp Business app: the bot stays silent until it is released.
      if (next.state !== 'human') next.stateBeforeHuman = next.state;
      next.state = 'human';
      if (next.humanAt === undefined || Date.parse(event.timestamp) > Date.parse(next.humanAt))
        next.humanAt = event.timestamp;
      continue;
    }
    // Identity: keep what we knew, learn what this message adds (a username user may reveal a number later).
    const known = Object.fromEntries(Object.entries(event.user).filter(([, value]) => value !== undefined));
    next.user = { ...next.user, ...known };
    // Echoes do not open the window; only the customer's own messages do.
    const at = Date.parse(event.timestamp);
    if (next.lastInboundAt === undefined || at >= Date.parse(next.lastInboundAt)) {
      next = {
        ...next,
        lastInboundAt: event.timestamp,
        windowExpiresAt: new Date(at + WINDOW_MS).toISOString(),
      };
    }
  }
  return next;
}
