// The intake agent's steps run as the turn processor runs them, one turn at a time, on stored customer
// messages built from the fields a test is about.
import type { Conversation } from '../../src/model/conversation.ts';
import type { StoredEvent } from '../../src/ports/store.ts';
import type { TurnContext, TurnHandler } from '../../src/ports/turn-handler.ts';

let seq = 0;

/** A conversation just opened by `waId` on `phoneNumberId` at `at`, with nothing read yet. */
export function newConversation(
  options: { phoneNumberId: string; waId: string; at: number },
  overrides: Partial<Conversation> = {},
): Conversation {
  const { phoneNumberId, waId, at } = options;
  return {
    id: `${phoneNumberId}:${waId}`,
    tenantId: 'acme',
    phoneNumberId,
    user: { waId, phone: `+${waId}` },
    state: 'new',
    signals: {},
    crmRefs: {},
    turnSeq: 0,
    createdAt: new Date(at).toISOString(),
    updatedAt: new Date(at).toISOString(),
    ...overrides,
  };
}

/** A stored customer message of `conversationId` at `at`, with the given fields (type, text, media…). */
export function storedMessage(
  fields: Record<string, unknown>,
  options: { conversationId: string; phoneNumberId: string; at: number },
): StoredEvent {
  seq++;
  return {
    seq,
    conversationId: options.conversationId,
    tenantId: 'acme',
    event: {
      kind: 'message',
      id: `wamid.in-${seq}`,
      phoneNumberId: options.phoneNumberId,
      timestamp: new Date(options.at).toISOString(),
      user: { waId: '966501234567' },
      raw: {},
      ...fields,
    } as StoredEvent['event'],
  };
}

/** One turn of `events` through every step of `handler`; the conversation after it, its turn counted. */
export async function runTurn(
  handler: TurnHandler,
  start: Conversation,
  events: StoredEvent[],
): Promise<Conversation> {
  let current = start;
  for (const step of handler.steps) {
    const context: TurnContext = {
      conversation: current,
      turn: {
        conversationId: current.id,
        seq: current.turnSeq + 1,
        eventSeqs: events.map((e) => e.seq),
        claimedAt: '',
        fence: 1,
      },
      events,
      idempotencyKey: `${current.id}:${current.turnSeq + 1}:${step.name}`,
      assertLease: async () => {},
    };
    current = await step.run(context);
  }
  return { ...current, turnSeq: current.turnSeq + 1 };
}
