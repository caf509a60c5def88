// `leadwire simulate`: replay conversations through intake and policy with no CRM writes and no sends —
// what RevOps run before going live to see the signals, decisions and replies the agent would produce.
import {
  type Clock,
  type Config,
  type Conversation,
  inboundEvent,
  intakeAgent,
  LeadwireError,
  type Messenger,
  type OutboundMessage,
  recordTurn,
  type StoredEvent,
  signalsSchema,
} from '@leadwire/connector-core';
import { z } from 'zod';

const simulatedMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().min(1) }),
  z.object({ type: z.literal('voice'), transcript: z.string().min(1).optional() }),
  z.object({
    type: z.literal('location'),
    latitude: z.number(),
    longitude: z.number(),
    name: z.string().optional(),
  }),
  z.object({ type: z.literal('reply'), id: z.string().min(1), title: z.string().optional() }),
]);

export const simulatedConversation = z.object({
  id: z.string().min(1),
  customer: z.object({ phone: z.string().optional(), name: z.string().optional() }).prefault({}),
  messages: z.array(simulatedMessage).min(1),
});
export type SimulatedConversation = z.infer<typeof simulatedConversation>;

export interface SimulationResult {
  id: string;
  language: string | undefined;
  signals: Record<string, unknown>;
  decision: string | undefined;
  reasons: string[];
  state: string;
  replies: string[];
}

/** What a reply would have said, as one line of text. */
function replyText(message: OutboundMessage): string {
  if (message.kind === 'text') return message.body;
  if (message.kind === 'buttons')
    return `${message.body} [${message.buttons.map((b) => b.title).join(' | ')}]`;
  return `${message.body} [${message.rows.map((r) => r.title).join(' | ')}]`;
}

/** Each message is one turn, a minute apart, as if the customer waited for every answer. */
export async function simulate(
  config: Config,
  input: SimulatedConversation,
  clock: Clock,
  tenantId?: string,
): Promise<SimulationResult> {
  const tenant = config.tenants.find((t) =>
    tenantId === undefined ? t.intake !== undefined : t.id === tenantId,
  );
  if (tenant?.intake === undefined) {
    throw new LeadwireError(
      'VALIDATION',
      'simulate needs a tenant with an intake section (use --tenant to pick one)',
    );
  }
  const phoneNumberId = tenant.whatsapp.phoneNumberIds[0]!;
  const digits = input.customer.phone?.replace(/\D/g, '');
  const replies: OutboundMessage[] = [];
  const dryRun: Messenger = {
    async send(_number, _to, message) {
      replies.push(message);
      return `wamid.simulated-${replies.length}`;
    },
    async markRead() {},
    async downloadMedia() {
      throw new LeadwireError('NOT_FOUND', 'simulate downloads no media');
    },
  };
  // Simulated time: each message a minute after the previous one.
  let now = clock.now();
  const simulatedClock: Clock = { now: () => now };
  const handler = intakeAgent({ intakeFor: () => tenant.intake, clock: simulatedClock, messenger: dryRun });
  const start = now;
  let conversation: Conversation = {
    id: `${phoneNumberId}:${digits ?? input.id}`,
    tenantId: tenant.id,
    phoneNumberId,
    user: {
      ...(digits === undefined ? { userId: input.id } : { waId: digits, phone: `+${digits}` }),
      ...(input.customer.name === undefined ? {} : { name: input.customer.name }),
    },
    state: 'new',
    signals: {},
    crmRefs: {},
    turnSeq: 0,
    createdAt: new Date(start).toISOString(),
    updatedAt: new Date(start).toISOString(),
  };
  for (const [i, message] of input.messages.entries()) {
    if (i > 0) now += 60_000;
    const at = new Date(now).toISOString();
    const base = {
      kind: 'message' as const,
      id: `wamid.${input.id}-${i}`,
      phoneNumberId,
      timestamp: at,
      user: conversation.user,
      raw: message,
    };
    const event =
      message.type === 'text'
        ? { ...base, type: 'text' as const, text: message.text }
        : message.type === 'voice'
          ? {
              ...base,
              type: 'audio' as const,
              media: { id: `media-${i}`, mimeType: 'audio/ogg; codecs=opus', voice: true },
              ...(message.transcript === undefined ? {} : { text: message.transcript }),
            }
          : message.type === 'location'
            ? {
                ...base,
                type: 'location' as const,
                location: {
                  latitude: message.latitude,
                  longitude: message.longitude,
                  ...(message.name === undefined ? {} : { name: message.name }),
                },
              }
            : {
                ...base,
                type: 'interactive' as const,
                interactive: { type: 'button_reply', id: message.id, title: message.title ?? message.id },
              };
    const events: StoredEvent[] = [
      {
        seq: i + 1,
        conversationId: conversation.id,
        tenantId: tenant.id,
        event: inboundEvent.parse(event) as StoredEvent['event'],
      },
    ];
    const turn = { conversationId: conversation.id, seq: i + 1, eventSeqs: [i + 1], claimedAt: at, fence: 0 };
    conversation = { ...recordTurn(conversation, events, at), turnSeq: i };
    for (const step of handler.steps) {
      conversation = await step.run({
        conversation,
        turn,
        events,
        idempotencyKey: `${conversation.id}:${i + 1}:${step.name}`,
        assertLease: async () => {},
      });
    }
    conversation = { ...conversation, turnSeq: i + 1 };
  }
  const signals = signalsSchema.parse(conversation.signals);
  return {
    id: input.id,
    language: conversation.agent?.language,
    signals: Object.fromEntries(Object.entries(signals).map(([name, signal]) => [name, signal?.value])),
    decision: conversation.agent?.decision?.decision,
    reasons: conversation.agent?.decision?.reasons ?? [],
    state: conversation.state,
    replies: replies.map(replyText),
  };
}
