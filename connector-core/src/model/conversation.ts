// Conversation and Turn: the state the worker keeps per WhatsApp conversation, and the unit of work
// (all pending inbound events of one conversation, processed together).
import { z } from 'zod';
import { userIdentity } from './inbound-event.ts';

export const conversationStates = ['new', 'intake', 'confirming', 'handed_over', 'inquiry', 'human'] as const;
export type ConversationState = (typeof conversationStates)[number];

export const conversation = z.object({
  /** `<phoneNumberId>:<parentUserId ?? userId ?? waId>`: stable across number changes (aliases re-key) */
  id: z.string(),
  tenantId: z.string(),
  phoneNumberId: z.string(),
  user: userIdentity,
  state: z.enum(conversationStates),
  /** routing signals, filled by intake (later issues); each value carries confidence and source */
  signals: z.record(z.string(), z.unknown()),
  /** ids of the records written in the CRM (person, lead, inquiry, task…) */
  crmRefs: z.record(z.string(), z.string()),
  ownerId: z.string().optional(),
  /** the 24-hour customer-service window closes at this ISO time */
  windowExpiresAt: z.string().optional(),
  lastInboundAt: z.string().optional(),
  /** the number of turns committed */
  turnSeq: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Conversation = z.infer<typeof conversation>;

export const turn = z.object({
  conversationId: z.string(),
  /** 1 for the first turn; the conversation's turnSeq once committed */
  seq: z.number().int().positive(),
  /** the store's arrival sequence numbers of the events claimed by this turn, in processing order */
  eventSeqs: z.array(z.number().int()),
  claimedAt: z.string(),
  /** the fencing token of the lease that claimed it */
  fence: z.number().int(),
});
export type Turn = z.infer<typeof turn>;
