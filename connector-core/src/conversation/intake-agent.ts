// The intake agent as turn steps: "intake" reads the turn's messages into signals, "policy" decides what to
// do next (ask, confirm, hand over a Lead, escalate an Inquiry, stay silent), "reply" answers on WhatsApp
// inside the 24-hour window. Each step is pure but for the send, which is idempotent under the step key.
import type { TenantConfig } from '../config/config-schema.ts';
import type { IntakeConfig } from '../config/intake-schema.ts';
import { extractSignals } from '../intake/extract-signals.ts';
import { loadGazetteer } from '../intake/gazetteer.ts';
import { confirmSignals, mergeSignals } from '../intake/merge-signals.ts';
import { BUILT_IN_TOPICS } from '../intake/urgency.ts';
import { DEFAULT_LLM_INTAKE, type LlmIntakeMode } from '../llm/llm-schema.ts';
import { mergeModelOutput } from '../llm/merge-model-output.ts';
import { carriesInjection, modelCallFor, turnWords } from '../llm/model-call.ts';
import type { AgentState, Conversation } from '../model/conversation.ts';
import { isLeadwireError, LeadwireError } from '../model/errors.ts';
import { capText, messageText } from '../model/message-text.ts';
import { type Signals, signalsOf } from '../model/signals.ts';
import { composeReply, REPLY_IDS } from '../policy/compose-reply.ts';
import { decideNext, type PolicyConfig } from '../policy/decide.ts';
import type { Clock } from '../ports/clock.ts';
import type { IntakeModel, IntakeModelInput } from '../ports/intake-model.ts';
import type { Messenger, OutboundMessage } from '../ports/messenger.ts';
import type { StoredEvent } from '../ports/store.ts';
import type { Transcriber } from '../ports/transcriber.ts';
import type { TurnHandler, TurnStep } from '../ports/turn-handler.ts';
import { fitReply, plainTextOf, sentText } from './fit-reply.ts';
import { recipientOf } from './identity.ts';
import { mediaStep, transcriptsOf } from './media-step.ts';

/**
 * Sends a reply in as many messages as WhatsApp's limits need ({@link fitReply}), each under its own key
 * (the first under `key`, so a reply that fits keeps its key). When Meta refuses a part as invalid, its plain
 * text goes out instead, so the customer is answered; other failures (window closed, rate limit, a paused
 * number) are thrown for the queue to handle.
 */
async function sendFitted(
  messenger: Messenger,
  phoneNumberId: string,
  to: { phone?: string; userId?: string },
  message: OutboundMessage,
  key: string,
): Promise<Array<{ wamid: string; text: string }>> {
  const sent: Array<{ wamid: string; text: string }> = [];
  const parts = fitReply(message);
  for (const [i, part] of parts.entries()) {
    const partKey = i === 0 ? key : `${key}:part-${i + 1}`;
    try {
      sent.push({ wamid: await messenger.send(phoneNumberId, to, part, partKey), text: sentText(part) });
    } catch (error) {
      const refused =
        isLeadwireError(error, 'VALIDATION') && refusedContent.has(String(error.details?.reason));
      if (!refused || part.kind === 'text') throw error;
      for (const [j, plain] of plainTextOf(part).entries())
        sent.push({
          wamid: await messenger.send(phoneNumberId, to, plain, `${partKey}:plain-${j + 1}`),
          text: plain.body,
        });
    }
  }
  return sent;
}

/** Refusals of a message's content (not of the customer or the window): a plain-text form may pass. */
const refusedContent: ReadonlySet<string> = new Set(['limit', 'invalid_parameter', 'http_4xx']);

export interface IntakeAgentOptions {
  /** the tenant's intake config; a tenant without one is only recorded */
  intakeFor(tenantId: string): IntakeConfig | undefined;
  clock: Clock;
  /** sends the agent's replies; without it the agent decides but says nothing (simulation) */
  messenger?: Messenger;
  /** the tenant's policy (matrix, thresholds, sensitive topics); default: the built-in policy */
  policyFor?: (tenantId: string) => PolicyConfig | undefined;
  /** the tenant's voice-note transcriber; none = voice notes go to a person ("voice_unclear") */
  transcriberFor?: (tenantId: string) => Transcriber | undefined;
  /**
   * LLM mode: the tenant's intake model and when to ask it (`intake`, default `hybrid`: only on a turn whose
   * offline result is unsure); none = offline only. Any failure leaves the offline result standing.
   */
  intakeModelFor?: (tenantId: string) => TenantIntakeModel | undefined;
  /** after a person wrote, the agent stays silent until they have been quiet this long (default 24 h) */
  humanIdleMsFor?: (tenantId: string) => number | undefined;
  /** whether a person released this takeover (`leadwire release`, the admin API) */
  releasedByPerson?: (conversation: Conversation) => Promise<boolean>;
  /** at least this long between two messages to one customer (WhatsApp's pair rate limit; default 6000) */
  replyIntervalMs?: number;
}

/** A tenant's intake model, how long a call may take, and when it is asked. */
export interface TenantIntakeModel {
  model: IntakeModel;
  timeoutMs: number;
  /** `hybrid` (default): only a turn the rules are unsure of; `always`: every turn */
  intake?: LlmIntakeMode;
}

const CONFIRMABLE = ['serviceType', 'location', 'timing', 'urgency'] as const;
/** The store key (step results) marking that a person released the takeover that began at `humanAt`. */
export function humanReleaseKey(conversationId: string, humanAt: string | undefined): string {
  return `human-release:${conversationId}:${humanAt ?? 'unknown'}`;
}

/** A person's takeover lasts until they have been quiet this long, then the agent may speak again. */
export const DEFAULT_HUMAN_IDLE_MS = 24 * 60 * 60 * 1000;
/** Unwritten transcript lines kept for the CRM at most (see crm-steps). */
const MAX_TRANSCRIPT_LINES = 500;
/** Lines of conversation the agent remembers for context. */
const HISTORY_LINES = 20;

function freshAgent(): AgentState {
  return {
    askedBefore: [],
    turnsWithoutProgress: 0,
    escalation: { humanRequested: false, sensitive: [], negativeSentiment: false },
    hasVoiceWithoutTranscript: false,
  };
}

/** The id of a button or list row the customer tapped, or a template quick-reply payload. */
function replyIdOf({ event }: StoredEvent): string | undefined {
  if (event.kind !== 'message') return undefined;
  return event.interactive?.id ?? event.button?.payload;
}

function confirmationOf(events: readonly StoredEvent[]): boolean | undefined {
  let answer: boolean | undefined;
  for (const e of events) {
    const id = replyIdOf(e);
    if (id === REPLY_IDS.confirmYes) answer = true;
    else if (id === REPLY_IDS.confirmChange) answer = false;
  }
  return answer;
}

function known(signals: Signals): number {
  return CONFIRMABLE.filter((name) => signals[name] !== undefined).length;
}

/**
 * A conversation a person took over goes back to the agent once the customer writes after the person has
 * been quiet for `idleMs`, or after the person released it; it returns to the state it had, so a
 * handed-over lead stays handed over.
 */
export function releaseIfIdle(
  conversation: Conversation,
  events: readonly StoredEvent[],
  now: number,
  idleMs: number,
  releasedByPerson = false,
): Conversation {
  if (conversation.state !== 'human') return conversation;
  const humanAt =
    conversation.humanAt === undefined ? Number.NEGATIVE_INFINITY : Date.parse(conversation.humanAt);
  const customerWrote = events.some(({ event }) => event.kind === 'message');
  if (!customerWrote || (now - humanAt < idleMs && !releasedByPerson)) return conversation;
  const { stateBeforeHuman, ...rest } = conversation;
  return { ...rest, state: stateBeforeHuman ?? 'intake' };
}

/** The customer's words of a turn (texts, captions, transcripts, tapped titles) as history lines. */
function customerLines(
  events: readonly StoredEvent[],
  transcripts: Readonly<Record<string, string>>,
): NonNullable<AgentState['history']> {
  const lines: NonNullable<AgentState['history']> = [];
  for (const { event } of events) {
    if (event.kind !== 'message') continue;
    const text = event.text ?? transcripts[event.id] ?? messageText(event);
    if (text !== undefined) lines.push({ author: 'customer', text: capText(text), at: event.timestamp });
  }
  return lines;
}

function remember(
  history: AgentState['history'],
  lines: NonNullable<AgentState['history']>,
): NonNullable<AgentState['history']> {
  return [...(history ?? []), ...lines].slice(-HISTORY_LINES);
}

/** What the model may use: the tenant's ids and its knowledge answers, in the customer's language when given. */
function allowedFor(config: IntakeConfig, language: string): IntakeModelInput['allowed'] {
  return {
    serviceTypes: config.services.map((service) => service.id),
    serviceAreas: config.areas.map((area) => area.id),
    knowledge: config.knowledge.map((entry) => {
      const answer = entry.answer[language] ?? Object.values(entry.answer)[0] ?? '';
      return `${entry.intent}${entry.serviceId === undefined ? '' : ` (${entry.serviceId})`}: ${answer}`;
    }),
  };
}

/**
 * LLM mode: one structured call with the conversation so far; its signals merge over the offline ones (never
 * over what the customer confirmed). A timeout, refusal, invalid output or any other failure leaves the
 * offline result standing and the turn goes on; the failure is kept on the agent state.
 */
async function askModel(
  llm: { model: IntakeModel; timeoutMs: number },
  input: {
    config: IntakeConfig;
    sensitiveTopics: readonly string[] | undefined;
    signals: Signals;
    history: NonNullable<AgentState['history']>;
    language: string;
    now: Date;
  },
): Promise<{ signals: Signals; model: NonNullable<AgentState['model']> }> {
  const { config, signals, history, language, now, sensitiveTopics } = input;
  try {
    const output = await llm.model.extract(
      {
        transcript: history.map(({ author, text }) => ({ author, text })),
        signals,
        allowed: allowedFor(config, language),
        catalog: {
          services: config.services.map((s) => ({
            id: s.id,
            names: s.names,
            ...(s.description === undefined ? {} : { description: s.description }),
          })),
          areas: config.areas.map((a) => ({
            id: a.id,
            names: a.names,
            districts: a.districts,
            notNames: a.notNames,
            ...(a.country === undefined ? {} : { country: a.country }),
          })),
          notOffered: config.notOffered,
          sensitiveTopics: [...(sensitiveTopics ?? BUILT_IN_TOPICS)],
        },
        language,
        now: now.toISOString(),
        timezone: config.timezone,
      },
      { timeoutMs: llm.timeoutMs },
    );
    const merged = mergeModelOutput(signals, output, now);
    return {
      signals: merged.signals,
      model: {
        escalated: merged.escalation.escalate,
        ...(merged.escalation.reason === undefined ? {} : { escalateReason: merged.escalation.reason }),
        ...(merged.reply === undefined ? {} : { reply: merged.reply }),
        ...(output.dropped === undefined || output.dropped.length === 0 ? {} : { dropped: output.dropped }),
      },
    };
  } catch (error) {
    return {
      signals,
      model: { escalated: false, failed: isLeadwireError(error) ? error.code : 'TEMPORARY' },
    };
  }
}

export function intakeAgent(options: IntakeAgentOptions): TurnHandler {
  const { intakeFor, clock, messenger } = options;
  const policyFor = options.policyFor ?? (() => undefined);
  const replyIntervalMs = options.replyIntervalMs ?? 6000;

  const intake: TurnStep = {
    name: 'intake',
    async run({ conversation: stored, events }) {
      const config = intakeFor(stored.tenantId);
      if (config === undefined) return stored;
      const idleMs = options.humanIdleMsFor?.(stored.tenantId) ?? DEFAULT_HUMAN_IDLE_MS;
      const released = stored.state === 'human' && (await options.releasedByPerson?.(stored)) === true;
      const conversation = releaseIfIdle(stored, events, clock.now(), idleMs, released);
      if (conversation.state === 'human') return conversation;
      const now = new Date(clock.now());
      const before = signalsOf(conversation.signals);
      const transcripts = transcriptsOf(conversation.voiceNotes);
      const found = extractSignals({
        events: events as StoredEvent[],
        intake: config,
        phone: conversation.user.phone,
        profileName: conversation.user.name,
        sensitiveTopics: policyFor(conversation.tenantId)?.sensitiveTopics,
        transcripts,
        now,
      });
      const customerConfirmed = confirmationOf(events);
      let signals = mergeSignals(before, found.signals);
      const agent = conversation.agent ?? freshAgent();
      const history = remember(agent.history, customerLines(events, transcripts));
      const language = found.signals.language?.value ?? agent.language ?? found.language;
      const hasVoiceWithoutTranscript = events.some(
        ({ event }) =>
          event.kind === 'message' &&
          event.type === 'audio' &&
          event.media?.voice === true &&
          event.text === undefined &&
          transcripts[event.id] === undefined,
      );
      const llm = options.intakeModelFor?.(conversation.tenantId);
      let model: AgentState['model'];
      if (llm !== undefined) {
        const policy = policyFor(conversation.tenantId);
        const call = modelCallFor({
          mode: llm.intake ?? DEFAULT_LLM_INTAKE,
          state: conversation.state,
          events,
          transcripts,
          found,
          before,
          signals,
          lastAsk: agent.decision?.ask,
          hasVoiceWithoutTranscript,
          policy,
        });
        if (call.ask) {
          const sensitiveTopics = policy?.sensitiveTopics;
          const asked = await askModel(llm, { config, sensitiveTopics, signals, history, language, now });
          // A turn that instructs the agent shouts "URGENT" for the instruction, not the customer: the model's
          // urgent is no more urgency there than the rules' urgency word is.
          const offlineUrgency = signals.urgency;
          signals = asked.signals;
          if (
            signals.urgency?.source === 'llm' &&
            signals.urgency.value === 'urgent' &&
            carriesInjection(turnWords(events, transcripts), found.language)
          ) {
            const { urgency: _, ...rest } = signals;
            signals = offlineUrgency === undefined ? rest : { ...rest, urgency: offlineUrgency };
          }
          model = { asked: true, why: call.why, ...asked.model };
        } else model = { asked: false, why: call.why, escalated: false };
      }
      if (customerConfirmed === true) signals = confirmSignals(signals, [...CONFIRMABLE], now.toISOString());
      const progressed = known(signals) > known(before) || customerConfirmed !== undefined;
      return {
        ...conversation,
        signals,
        agent: {
          ...agent,
          // A turn without words (a tapped button, a pin) keeps the language the customer wrote in.
          language: signals.language?.value ?? agent.language ?? found.language,
          model,
          escalation: found.escalation,
          // A voice note without its transcript (no transcriber, or it failed) goes to a person.
          hasVoiceWithoutTranscript,
          history,
          turnsWithoutProgress: progressed ? 0 : agent.turnsWithoutProgress + 1,
          ...(customerConfirmed === undefined ? { customerConfirmed: undefined } : { customerConfirmed }),
        },
      };
    },
  };

  const decide: TurnStep = {
    name: 'policy',
    async run({ conversation }) {
      const config = intakeFor(conversation.tenantId);
      const agent = conversation.agent;
      if (config === undefined || agent === undefined || conversation.state === 'human') return conversation;
      const policy = policyFor(conversation.tenantId);
      const next = decideNext({
        state: conversation.state,
        signals: signalsOf(conversation.signals),
        escalation: agent.escalation,
        hasVoiceWithoutTranscript: agent.hasVoiceWithoutTranscript,
        modelEscalated: agent.model?.escalated === true,
        askedBefore: agent.askedBefore,
        turnsWithoutProgress: agent.turnsWithoutProgress,
        customerConfirmed: agent.customerConfirmed,
        intake: config,
        ...(policy === undefined ? {} : { policy }),
      });
      return {
        ...conversation,
        state: next.nextState,
        agent: {
          ...agent,
          askedBefore: [...agent.askedBefore, ...next.askedKeys],
          decision: {
            decision: next.decision,
            reasons: next.reasons,
            ...(next.ask === undefined ? {} : { ask: next.ask }),
            ...(next.answer === undefined ? {} : { answer: next.answer }),
            at: new Date(clock.now()).toISOString(),
          },
        },
      };
    },
  };

  const reply: TurnStep = {
    name: 'reply',
    async run({ conversation, events, idempotencyKey, assertLease }) {
      const config = intakeFor(conversation.tenantId);
      const decision = conversation.agent?.decision;
      if (messenger === undefined || config === undefined || decision === undefined) return conversation;
      if (decision.decision === 'silent' || conversation.state === 'human') return conversation;
      // Free-form replies only inside the customer-service window (WhatsApp rule, error 131047 outside).
      const windowOpen =
        conversation.windowExpiresAt !== undefined && Date.parse(conversation.windowExpiresAt) > clock.now();
      if (!windowOpen) return conversation;
      const message = composeReply(
        {
          decision: decision.decision,
          reasons: decision.reasons,
          nextState: conversation.state,
          askedKeys: [],
          ...(decision.ask === undefined ? {} : { ask: decision.ask }),
          ...(decision.answer === undefined ? {} : { answer: decision.answer }),
        },
        {
          language: conversation.agent?.language ?? config.languages[0] ?? 'en',
          signals: signalsOf(conversation.signals),
          intake: config,
        },
      );
      if (message === undefined) return conversation;
      // LLM mode: the model's guarded words replace a plain question or answer; buttons, lists, the
      // confirmation and the handoff keep their templates (they carry ids and legal-safe wording).
      const modelReply = conversation.agent?.model?.reply;
      if (decision.decision === 'continue' && message.kind === 'text' && modelReply !== undefined)
        message.body = modelReply;
      // Too soon after the last reply: the turn is retried for this step only once the interval has passed
      // (the earlier steps are done and keyed), so the customer gets the message, just not faster than allowed.
      const lastReplyAt = conversation.agent?.lastReplyAt;
      const waitMs = lastReplyAt === undefined ? 0 : Date.parse(lastReplyAt) + replyIntervalMs - clock.now();
      if (waitMs > 0) {
        throw new LeadwireError('RATE_LIMITED', `one message per ${replyIntervalMs} ms to a customer`, {
          retryAfterMs: waitMs,
        });
      }
      // Mark read and show the typing indicator: a courtesy, so a refusal never stops the reply.
      const last = [...events].reverse().find(({ event }) => event.kind === 'message');
      if (last !== undefined)
        await messenger.markRead(conversation.phoneNumberId, last.event.id, true).catch(() => undefined);
      // Still ours? A worker that lost the conversation (a stalled process) must not send what its successor will.
      await assertLease();
      const sentLines = await sendFitted(
        messenger,
        conversation.phoneNumberId,
        recipientOf(conversation),
        message,
        idempotencyKey,
      );
      const agent = conversation.agent;
      const at = new Date(clock.now()).toISOString();
      const lines = sentLines.map(({ wamid, text }) => ({
        wamid,
        direction: 'outbound' as const,
        author: 'agent' as const,
        sentAt: at,
        text,
      }));
      return agent === undefined
        ? conversation
        : {
            ...conversation,
            transcript: [...(conversation.transcript ?? []), ...lines].slice(-MAX_TRANSCRIPT_LINES),
            agent: {
              ...agent,
              lastReplyAt: at,
              ...(lines.length === 0 ? {} : { lastReplyWamid: lines.at(-1)!.wamid }),
              history: remember(
                agent.history,
                lines.map((line) => ({ author: 'agent' as const, text: line.text, at })),
              ),
            },
          };
    },
  };

  const media = mediaStep({ messenger, transcriberFor: options.transcriberFor ?? (() => undefined) });
  return { steps: [media, intake, decide, reply] };
}

/** What the runtime provides around the tenants' config: time, the sender, models, the takeover store. */
export type TenantAgentDeps = Omit<IntakeAgentOptions, 'intakeFor' | 'policyFor' | 'humanIdleMsFor'>;

/**
 * The intake agent of a config's tenants: each tenant's intake, policy (matrix, thresholds, sensitive
 * topics), takeover idle time and when its model is asked (`llm.intake`). The live runtime and `leadwire
 * simulate` both compose the agent here, so a replay applies exactly the policy and model calls the runtime
 * would.
 */
export function tenantsIntakeAgent(
  tenants: readonly Pick<TenantConfig, 'id' | 'intake' | 'policy' | 'llm'>[],
  deps: TenantAgentDeps,
): TurnHandler {
  const byId = new Map(tenants.map((tenant) => [tenant.id, tenant]));
  // the world's places are read once, at boot, rather than stalling the first turn that names a town
  if (tenants.some((tenant) => tenant.intake !== undefined)) loadGazetteer();
  const { intakeModelFor } = deps;
  return intakeAgent({
    ...deps,
    // when the model is asked: as the caller says (an eval comparing both), else the tenant's `llm.intake`
    ...(intakeModelFor === undefined
      ? {}
      : {
          intakeModelFor: (id: string) => {
            const llm = intakeModelFor(id);
            const intake = llm?.intake ?? byId.get(id)?.llm?.intake;
            return llm === undefined ? undefined : { ...llm, ...(intake === undefined ? {} : { intake }) };
          },
        }),
    intakeFor: (id) => byId.get(id)?.intake,
    policyFor: (id) => byId.get(id)?.policy,
    humanIdleMsFor: (id) => {
      const minutes = byId.get(id)?.policy.humanIdleMinutes;
      return minutes === undefined ? undefined : minutes * 60_000;
    },
  });
}
