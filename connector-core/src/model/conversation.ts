// Conversation and Turn: the state the worker keeps per WhatsApp conversation, and the unit of work
// (all pending inbound events of one conversation, processed together).
import { z } from 'zod';
import { userIdentity } from './inbound-event.ts';

export const conversationStates = ['new', 'intake', 'confirming', 'handed_over', 'inquiry', 'human'] as const;
export type ConversationState = (typeof conversationStates)[number];

/** What the intake agent carries from one turn to the next. */
export const agentState = z.object({
  /** the customer's language (BCP-47 primary tag) */
  language: z.string().optional(),
  /** questions asked and answers given so far (`decideNext` askedKeys), to spot a bot loop */
  askedBefore: z.array(z.string()),
  turnsWithoutProgress: z.number().int().nonnegative(),
  /** this turn's escalation triggers, voice notes and confirmation answer */
  escalation: z.object({
    humanRequested: z.boolean(),
    sensitive: z.array(z.string()),
    negativeSentiment: z.boolean(),
    /** other reasons intake found: `out_of_scope:not_offered`, `out_of_scope:not_a_request`, `voice_broken`, `injection_only` */
    reasons: z.array(z.string()).optional(),
  }),
  hasVoiceWithoutTranscript: z.boolean(),
  customerConfirmed: z.boolean().optional(),
  /** when the agent last wrote to the customer (WhatsApp allows one message per 6 s to a user) */
  lastReplyAt: z.string().optional(),
  /** the wamid of the agent's last message (its status may state a longer window: free entry point) */
  lastReplyWamid: z.string().optional(),
  /** LLM mode, this turn: whether the model was asked and why, its guarded reply, or why the offline result stood */
  model: z
    .object({
      /** whether the model was called this turn (hybrid asks only when the offline result is unsure) */
      asked: z.boolean().optional(),
      /** why it was asked (`always`, or the unsure reasons: `unread:serviceType`, `voice`…) or not (`sure`, `rules_escalate`, `settled`) */
      why: z.array(z.string()).optional(),
      reply: z.string().optional(),
      escalateReason: z.string().optional(),
      escalated: z.boolean(),
      /** the error code when the call failed (the offline result stood) */
      failed: z.string().optional(),
      /** what the output guard removed */
      dropped: z.array(z.string()).optional(),
    })
    .optional(),
  /** the last lines of the conversation, oldest first, for the LLM's context (capped) */
  history: z
    .array(z.object({ author: z.enum(['customer', 'agent', 'human']), text: z.string(), at: z.string() }))
    .optional(),
  /** the last decision and why */
  decision: z
    .object({
      decision: z.enum(['lead', 'inquiry', 'continue', 'silent']),
      reasons: z.array(z.string()),
      ask: z.enum(['serviceType', 'location', 'timing', 'urgency', 'confirm', 'change']).optional(),
      answer: z.string().optional(),
      at: z.string(),
    })
    .optional(),
});
export type AgentState = z.infer<typeof agentState>;

/** One line of the conversation as the CRM keeps it (customer, agent or a person). */
export const transcriptLine = z.object({
  wamid: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  author: z.enum(['customer', 'agent', 'human']),
  sentAt: z.string(),
  text: z.string().optional(),
  transcription: z.string().optional(),
  mediaId: z.string().optional(),
  /** the WhatsApp message type of the media (audio, image, video, document, sticker) */
  mediaType: z.string().optional(),
  /** an audio message WhatsApp marks as a voice note */
  voice: z.boolean().optional(),
  /** a document's file name */
  filename: z.string().optional(),
  /**
   * The customer edited or deleted the message `wamid` (WhatsApp `edit` / `revoke`): this line revises the
   * one already written; `text` is the marked new version. `changeId` is the edit's or revoke's own wamid.
   */
  change: z.enum(['edited', 'deleted']).optional(),
  changeId: z.string().optional(),
});
export type TranscriptLine = z.infer<typeof transcriptLine>;

/** A voice note (or other audio) the customer sent, and what became of its transcription. */
export const voiceNote = z.object({
  mediaId: z.string(),
  mimeType: z.string().optional(),
  /** the words, when transcription succeeded */
  transcript: z.string().optional(),
  /** the language the transcriber heard */
  language: z.string().optional(),
  /** why there is no transcript: `no_transcriber`, `media_gone`, `too_large`, `transcriber_failed`, … */
  failure: z.string().optional(),
});
export type VoiceNote = z.infer<typeof voiceNote>;

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
  /** voice notes by wamid, with their transcripts (the media step fills it) */
  voiceNotes: z.record(z.string(), voiceNote).optional(),
  /** lines not yet written to the CRM, oldest first (written once the conversation is a Lead or Inquiry) */
  transcript: z.array(transcriptLine).optional(),
  /** a person (WhatsApp Business app echo, or a reply through Leadwire) last wrote at this ISO time */
  humanAt: z.string().optional(),
  /** the state the conversation was in when a person took over; restored when the agent is released */
  stateBeforeHuman: z.enum(conversationStates).optional(),
  /** the intake agent's memory across turns (absent until the agent ran) */
  agent: agentState.optional(),
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
