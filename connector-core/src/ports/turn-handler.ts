// TurnHandler: what a turn does with its events once the runtime has claimed them. Later issues fill it
// with the media, intake, policy, CRM, routing and reply steps.
import type { Conversation, Turn } from '../model/conversation.ts';
import type { StoredEvent } from './store.ts';

export interface TurnContext {
  conversation: Conversation;
  turn: Turn;
  events: StoredEvent[];
  /** `<conversationId>:<turnSeq>:<step>`: the key every external effect of this step must be idempotent under */
  idempotencyKey: string;
  /** throws CONFLICT when the lease was lost (another worker now owns the conversation) */
  assertLease(): Promise<void>;
}

export interface TurnStep {
  name: string;
  /**
   * Returns the conversation to carry forward: `context.conversation` itself when it has nothing to change, else a
   * new object (the conversation given is never changed in place). Runs again after a crash: its effects must be
   * idempotent.
   */
  run(context: TurnContext): Promise<Conversation>;
}

export interface TurnHandler {
  /** ordered named steps run after the runtime's own "record" step */
  steps: readonly TurnStep[];
}
