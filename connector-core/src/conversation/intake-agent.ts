// The intake agent as turn steps: "intake" reads the turn's messages into signals, "policy" decides what to
// do next (ask, confirm, hand over a Lead, escalate an Inquiry, stay silent), "reply" answers on WhatsApp
// inside the 24-hour window. Each step is pure but for the send, which is idempotent under the step key.
import type { IntakeConfig } from '../config/intake-schema.ts';
import { extractSignals } from '../intake/extract-signals.ts';
import { confirmSignals, mergeSignals } from '../intake/merge-signals.ts';
import type { AgentState } from '../model/conversation.ts';
import { LeadwireError } from '../model/errors.ts';
import { type Signals, signalsSchema } from '../model/signals.ts';
import { composeReply, REPLY_IDS } from '../policy/compose-reply.ts';
import { decideNext, type PolicyConfig } from '../policy/decide.ts';
import type { Clock } from '../ports/clock.ts';
import type { Messenger } from '../ports/messenger.ts';
import type { StoredEvent } from '../ports/store.ts';
import type { TurnHandler, TurnStep } from '../ports/turn-handler.ts';

export interface IntakeAgentOptions {
  /** the tenant's intake config; a tenant without one is only recorded */
  intakeFor(tenantId: string): IntakeConfig | undefined;
  clock: Clock;
  /** sends the agent's replies; without it the agent decides but says nothing (simulation) */
  messenger?: Messenger;
  policy?: PolicyConfig;
  /** at least this long between two messages to one customer (WhatsApp's pair rate limit; default 6000) */
  replyIntervalMs?: number;
}

const CONFIRMABLE = ['serviceType', 'location', 'timing', 'urgency'] as const;

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

export function intakeAgent(options: IntakeAgentOptions): TurnHandler {
  const { intakeFor, clock, messenger, policy } = options;
  const replyIntervalMs = options.replyIntervalMs ?? 6000;

  const intake: TurnStep = {
    name: 'intake',
    async run({ conversation, events }) {
      const config = intakeFor(conversation.tenantId);
      if (config === undefined || conversation.state === 'human') return conversation;
      const now = new Date(clock.now());
      const before = signalsSchema.parse(conversation.signals);
      const found = extractSignals({
        events: events as StoredEvent[],
        intake: config,
        phone: conversation.user.phone,
        profileName: conversation.user.name,
        sensitiveTopics: policy?.sensitiveTopics,
        now,
      });
      const customerConfirmed = confirmationOf(events);
      let signals = mergeSignals(before, found.signals);
      if (customerConfirmed === true) signals = confirmSignals(signals, [...CONFIRMABLE], now.toISOString());
      const agent = conversation.agent ?? freshAgent();
      const progressed = known(signals) > known(before) || customerConfirmed !== undefined;
      return {
        ...conversation,
        signals,
        agent: {
          ...agent,
          // A turn without words (a tapped button, a pin) keeps the language the customer wrote in.
          language: signals.language?.value ?? agent.language ?? found.language,
          escalation: found.escalation,
          // A voice note without its transcript (no transcriber configured) goes to a person.
          hasVoiceWithoutTranscript: events.some(
            ({ event }) =>
              event.kind === 'message' &&
              event.type === 'audio' &&
              event.media?.voice === true &&
              event.text === undefined,
          ),
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
      const next = decideNext({
        state: conversation.state,
        signals: signalsSchema.parse(conversation.signals),
        escalation: agent.escalation,
        hasVoiceWithoutTranscript: agent.hasVoiceWithoutTranscript,
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
    async run({ conversation, events, idempotencyKey }) {
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
          signals: signalsSchema.parse(conversation.signals),
          intake: config,
        },
      );
      if (message === undefined) return conversation;
      // Too soon after the last reply: the turn is retried for this step only once the interval has passed
      // (the earlier steps are done and keyed), so the customer gets the message, just not faster than allowed.
      const lastReplyAt = conversation.agent?.lastReplyAt;
      const waitMs = lastReplyAt === undefined ? 0 : Date.parse(lastReplyAt) + replyIntervalMs - clock.now();
      if (waitMs > 0) {
        throw new LeadwireError('RATE_LIMITED', `one message per ${replyIntervalMs} ms to a customer`, {
          retryAfterMs: waitMs,
        });
      }
      const last = [...events].reverse().find(({ event }) => event.kind === 'message');
      if (last !== undefined) await messenger.markRead(conversation.phoneNumberId, last.event.id);
      const to = {
        ...(conversation.user.waId === undefined ? {} : { phone: conversation.user.waId }),
        ...(conversation.user.userId === undefined
          ? {}
          : { userId: conversation.user.parentUserId ?? conversation.user.userId }),
      };
      await messenger.send(conversation.phoneNumberId, to, message, idempotencyKey);
      const agent = conversation.agent;
      return agent === undefined
        ? conversation
        : { ...conversation, agent: { ...agent, lastReplyAt: new Date(clock.now()).toISOString() } };
    },
  };

  return { steps: [intake, decide, reply] };
}
