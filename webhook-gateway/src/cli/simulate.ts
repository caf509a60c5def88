// `leadwire simulate`: replay conversations through intake, policy and routing with no CRM writes and no
// sends — what RevOps run before going live to see the signals, decisions, replies and owners the agent
// would produce. Routing reads the tenant's routing config over a directory file standing in for the CRM
// (users, declared presence, existing record owners); assignments made in one run count for the next
// conversations of the same run, so round robin and capacity show as they would live.
import {
  buildDirectory,
  type Clock,
  type Config,
  type Conversation,
  type Directory,
  type DirectoryFile,
  directoryFromFile,
  inboundEvent,
  LeadwireError,
  llmAdaptersFromConfig,
  type Messenger,
  type OutboundMessage,
  type RecordOwnerRef,
  type RoutedAssignee,
  type RoutingTrace,
  recordTurn,
  route,
  type StoredEvent,
  signalsOf,
  type TenantIntakeModel,
  tenantsIntakeAgent,
  type UserStats,
} from '@leadwire/connector-core';
import { z } from 'zod';

/** when the customer sent it (ISO); a message without one was sent right after the previous one */
const sentAt = z.iso.datetime({ offset: true }).optional();
const simulatedMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().min(1), at: sentAt }),
  z.object({ type: z.literal('voice'), transcript: z.string().min(1).optional(), at: sentAt }),
  z.object({
    type: z.literal('location'),
    latitude: z.number(),
    longitude: z.number(),
    name: z.string().optional(),
    at: sentAt,
  }),
  z.object({ type: z.literal('reply'), id: z.string().min(1), title: z.string().optional(), at: sentAt }),
]);
type SimulatedMessage = z.infer<typeof simulatedMessage>;

/** Messages closer together than this are one turn, as the live debounce (turns.debounceMs) makes them. */
export const BURST_GAP_MS = 1500;
/** The gap between two messages that give no time of their own: typed one after the other. */
const TYPING_GAP_MS = 1000;
/** A tapped reply without a time of its own: the customer read the agent's message first. */
const READING_GAP_MS = 60_000;

/**
 * The turns the runtime would make of these messages: a burst (messages without a time of their own, or
 * sent within {@link BURST_GAP_MS} of the previous one) is one turn, as the live debounce makes it, so the
 * agent never counts questions the customer had not seen yet. A tapped reply answers something the agent
 * sent, so it starts a turn. Each message gets its send time.
 */
export function turnsOf(
  messages: readonly SimulatedMessage[],
  start: number,
): { message: SimulatedMessage; at: number }[][] {
  const turns: { message: SimulatedMessage; at: number }[][] = [];
  let previous = start;
  for (const [i, message] of messages.entries()) {
    const at =
      message.at === undefined
        ? i === 0
          ? start
          : previous + (message.type === 'reply' ? READING_GAP_MS : TYPING_GAP_MS)
        : Date.parse(message.at);
    const last = turns.at(-1);
    if (last === undefined || message.type === 'reply' || at - previous > BURST_GAP_MS) turns.push([]);
    turns.at(-1)!.push({ message, at });
    previous = at;
  }
  return turns;
}

export const simulatedConversation = z.object({
  id: z.string().min(1),
  customer: z.object({ phone: z.string().optional(), name: z.string().optional() }).prefault({}),
  messages: z.array(simulatedMessage).min(1),
  /** the email (or CRM id) of the person who already owns this customer's lead or contact */
  existingOwner: z.string().min(1).optional(),
  /** when the conversation happens (ISO): business hours and presence are read at this time */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type SimulatedConversation = z.infer<typeof simulatedConversation>;

export interface SimulationResult {
  id: string;
  language: string | undefined;
  signals: Record<string, unknown>;
  decision: string | undefined;
  reasons: string[];
  /** what the agent's last reply asks the customer for, when it asks something */
  ask?: string;
  state: string;
  replies: string[];
  /** who routing gives it to; absent while the conversation is still in intake or without routing config */
  assignee?: RoutedAssignee;
  trace?: RoutingTrace;
  /** the turns the messages made (a burst is one turn, as the live debounce makes it) */
  turns: number;
  /**
   * LLM mode: each turn's model call — whether it was asked and why (`always`, the unsure reasons of a hybrid
   * tenant, or why not: `sure`, `rules_escalate`, `settled`), and why it failed when it did
   */
  model?: Array<{ turn: number; asked: boolean; why: string[]; failed?: string }>;
}

export interface SimulateOptions {
  /**
   * LLM mode: the model the agent asks, as the runtime would (any failure leaves the offline result); its
   * `intake` (hybrid or always) defaults to the tenant's `llm.intake`
   */
  intakeModel?: TenantIntakeModel;
}

/**
 * `--llm`: the tenant's intake model from its `llm` section (the key read from `env`), asked as its
 * `llm.intake` says. VALIDATION when the tenant has no `llm.model` or the key's variable is not set.
 */
export function tenantIntakeModel(
  tenant: Pick<Config['tenants'][number], 'id' | 'llm'>,
  env: NodeJS.ProcessEnv = process.env,
): TenantIntakeModel {
  if (tenant.llm === undefined)
    throw new LeadwireError('VALIDATION', `--llm: tenant "${tenant.id}" has no llm section`);
  const model = llmAdaptersFromConfig(tenant.llm, env).intakeModel;
  if (model === undefined)
    throw new LeadwireError('VALIDATION', `--llm: tenant "${tenant.id}" sets no llm.model`);
  return { model, timeoutMs: tenant.llm.timeoutMs, intake: tenant.llm.intake };
}

/** What routing knows during one simulate run: the directory, presence, owners and the assignments made so far. */
export interface SimulatedRouting {
  directory: Directory;
  presence: DirectoryFile['presence'];
  owners: DirectoryFile['owners'];
  stats: Record<string, UserStats>;
}

/** The routing context of a run: the directory file in place of the CRM, or the config's users alone. */
export function simulatedRouting(
  config: Config,
  file: DirectoryFile | undefined,
  tenantId?: string,
): SimulatedRouting | undefined {
  const tenant = config.tenants.find((t) =>
    tenantId === undefined ? t.intake !== undefined : t.id === tenantId,
  );
  const routing = tenant?.routing;
  if (routing === undefined) return undefined;
  return {
    directory: file === undefined ? buildDirectory(undefined, routing) : directoryFromFile(file, routing),
    presence: file?.presence ?? {},
    owners: file?.owners ?? {},
    stats: {},
  };
}

/** The existing owner named on the input line (email or id), else the directory file's owner of the phone. */
function existingOwnerOf(
  input: SimulatedConversation,
  routing: SimulatedRouting,
  phone: string | undefined,
): RecordOwnerRef | undefined {
  if (input.existingOwner !== undefined) {
    const wanted = input.existingOwner.toLowerCase();
    const user = routing.directory.users.find(
      (u) => u.id === input.existingOwner || u.email?.toLowerCase() === wanted,
    );
    return { ownerId: user?.id ?? input.existingOwner, kind: 'lead' };
  }
  const owner = (phone === undefined ? undefined : routing.owners[phone]) ?? routing.owners[input.id];
  return owner === undefined ? undefined : { ownerId: owner.ownerId, kind: owner.kind };
}

/** What a reply would have said, as one line of text. */
function replyText(message: OutboundMessage): string {
  if (message.kind === 'text') return message.body;
  if (message.kind === 'template') return message.text;
  if (message.kind === 'buttons')
    return `${message.body} [${message.buttons.map((b) => b.title).join(' | ')}]`;
  return `${message.body} [${message.rows.map((r) => r.title).join(' | ')}]`;
}

/** A conversation after its messages ran through the agent: its state, the replies, and the time it ended. */
export interface IntakeReplay {
  tenant: Config['tenants'][number] & { intake: NonNullable<Config['tenants'][number]['intake']> };
  conversation: Conversation;
  replies: OutboundMessage[];
  /** when the last turn ran (epoch ms) */
  now: number;
  turns: number;
  /** LLM mode: each turn's model call (see {@link SimulationResult.model}) */
  model: NonNullable<SimulationResult['model']>;
}

/**
 * Replays one conversation's messages, grouped into turns as the live debounce groups them (see
 * {@link turnsOf}), each turn through the same agent the runtime composes for the tenant (intake, its
 * policy, replies).
 */
export async function replayIntake(
  config: Config,
  input: SimulatedConversation,
  clock: Clock,
  tenantId?: string,
  options: SimulateOptions = {},
): Promise<IntakeReplay> {
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
  // Simulated time: from the line's `at` when it gives one, each message at its own time.
  let now = input.at === undefined ? clock.now() : Date.parse(input.at);
  const simulatedClock: Clock = { now: () => now };
  const handler = tenantsIntakeAgent([tenant], {
    clock: simulatedClock,
    messenger: dryRun,
    // nothing is sent: WhatsApp's pair rate limit does not apply to a dry run
    replyIntervalMs: 0,
    ...(options.intakeModel === undefined ? {} : { intakeModelFor: () => options.intakeModel }),
  });
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
  let seq = 0;
  const model: IntakeReplay['model'] = [];
  const turns = turnsOf(input.messages, start);
  for (const [t, messages] of turns.entries()) {
    const events: StoredEvent[] = [];
    for (const { message, at: sent } of messages) {
      seq += 1;
      events.push({
        seq,
        conversationId: conversation.id,
        tenantId: tenant.id,
        event: simulatedEvent(
          message,
          { id: input.id, phoneNumberId, user: conversation.user },
          seq - 1,
          new Date(sent).toISOString(),
        ),
      });
    }
    // The turn runs once the burst is over (the debounce window after its last message).
    now = Math.max(now, messages.at(-1)!.at + BURST_GAP_MS);
    const at = new Date(now).toISOString();
    const turn = {
      conversationId: conversation.id,
      seq: t + 1,
      eventSeqs: events.map((e) => e.seq),
      claimedAt: at,
      fence: 0,
    };
    conversation = { ...recordTurn(conversation, events, at), turnSeq: t };
    for (const step of handler.steps) {
      conversation = await step.run({
        conversation,
        turn,
        events,
        idempotencyKey: `${conversation.id}:${t + 1}:${step.name}`,
        assertLease: async () => {},
      });
    }
    conversation = { ...conversation, turnSeq: t + 1 };
    const call = conversation.agent?.model;
    if (call?.asked !== undefined)
      model.push({
        turn: t + 1,
        asked: call.asked,
        why: call.why ?? [],
        ...(call.failed === undefined ? {} : { failed: call.failed }),
      });
  }
  return {
    tenant: { ...tenant, intake: tenant.intake },
    conversation,
    replies,
    now,
    turns: turns.length,
    model,
  };
}

/**
 * A simulated message as WhatsApp's webhook would have delivered it: the `i`-th message of conversation `id` to
 * `phoneNumberId` from `user`, sent at `at` (ISO). The event a turn reads.
 */
export function simulatedEvent(
  message: SimulatedMessage,
  to: { id: string; phoneNumberId: string; user: Conversation['user'] },
  i: number,
  at: string,
): StoredEvent['event'] {
  const base = {
    kind: 'message' as const,
    id: `wamid.${to.id}-${i}`,
    phoneNumberId: to.phoneNumberId,
    timestamp: at,
    user: to.user,
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
  return inboundEvent.parse(event) as StoredEvent['event'];
}

/** Replays one conversation through the agent (see {@link replayIntake}), then routing. */
export async function simulate(
  config: Config,
  input: SimulatedConversation,
  clock: Clock,
  tenantId?: string,
  routing?: SimulatedRouting,
  options: SimulateOptions = {},
): Promise<SimulationResult> {
  const { tenant, conversation, replies, now, turns, model } = await replayIntake(
    config,
    input,
    clock,
    tenantId,
    options,
  );
  const signals = signalsOf(conversation.signals);
  const result: SimulationResult = {
    id: input.id,
    language: conversation.agent?.language,
    signals: Object.fromEntries(Object.entries(signals).map(([name, signal]) => [name, signal?.value])),
    decision: conversation.agent?.decision?.decision,
    reasons: conversation.agent?.decision?.reasons ?? [],
    ...(conversation.agent?.decision?.ask === undefined ? {} : { ask: conversation.agent.decision.ask }),
    state: conversation.state,
    replies: replies.map(replyText),
    turns,
    ...(model.length === 0 ? {} : { model }),
  };
  const handedOver = conversation.state === 'handed_over' || conversation.state === 'inquiry';
  if (routing === undefined || tenant.routing === undefined || !handedOver) return result;
  const existingOwner = existingOwnerOf(input, routing, conversation.user.phone);
  const decision = route({
    conversation: { id: conversation.id, returning: existingOwner !== undefined, existingOwner },
    signals,
    decision: conversation.state === 'handed_over' ? 'lead' : 'inquiry',
    directory: routing.directory,
    presence: routing.presence,
    stats: { users: routing.stats },
    routing: tenant.routing,
    now: new Date(now),
    serviceSkills: Object.fromEntries(tenant.intake.services.map((service) => [service.id, service.skills])),
  });
  if (decision.assignee.kind === 'user') {
    const id = decision.assignee.id;
    const held = routing.stats[id] ?? { open: 0, recentAssignments: [] };
    routing.stats[id] = {
      open: held.open + 1,
      lastAssignedAt: now,
      recentAssignments: [...held.recentAssignments, now],
    };
  }
  return { ...result, assignee: decision.assignee, trace: decision.trace };
}
