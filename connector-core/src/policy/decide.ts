// The escalation policy: after intake merged this turn's signals, decide whether the conversation is a
// Lead, an Inquiry, needs one more question, or the agent stays silent — with machine-readable reasons.
// Pure: state, signals and config in, decision out (DESIGN §5.4). Escalation wins over intake, because a
// wrong automated answer costs more than a person reading one more chat.
import type { IntakeConfig, KnowledgeConfig } from '../config/intake-schema.ts';
import { knowledgeIntent } from '../intake/intents.ts';
import { foldText } from '../intake/lexicon-match.ts';
import { servicesNamed } from '../intake/match-catalog.ts';
import type { ConversationState } from '../model/conversation.ts';
import type { Signals } from '../model/signals.ts';

export type PolicyAction = 'answer' | 'clarify' | 'escalate';
export type Question = 'serviceType' | 'location' | 'timing' | 'urgency' | 'confirm' | 'change';
export type Decision = 'lead' | 'inquiry' | 'continue' | 'silent';

/** The signals intake must capture before a Lead, most valuable first: one question per turn in this order. */
export const INTAKE_QUESTIONS = ['serviceType', 'location', 'timing', 'urgency'] as const;
export type IntakeQuestion = (typeof INTAKE_QUESTIONS)[number];

/** Intents that carry on with intake unless the policy matrix names them. */
const INTAKE_INTENTS = new Set(['book', 'other']);
/** Intents escalated when the matrix says nothing about them. */
const ESCALATED_INTENTS = new Set(['complaint', 'eligibility']);
/**
 * A question the agent has no answer for: about a service the tenant offers, intake goes on (the owner sees
 * the question in the transcript); about nothing it can place, the agent asks which service once, then hands
 * it to a person — not three rounds of the same question before the bot-loop rule does.
 */
const QUESTION_INTENT = 'question';
/** An intent read with less confidence than this is clarified once, then escalated. */
export const DEFAULT_INTENT_THRESHOLD = 0.5;
/** Asking a question this many times without an answer is a bot loop. */
const MAX_ASKS = 2;
/** Turns in a row in which no signal was captured before the conversation counts as a bot loop. */
const MAX_TURNS_WITHOUT_PROGRESS = 3;
/**
 * An urgency read with less confidence than this is a hint
 * (a same-day request → urgent): it is kept for routing, and the customer is still asked.
 */
export const KNOWN_URGENCY_CONFIDENCE = 0.5;
/**
 * A location outside every service area escalates from this confidence (a pin) or once the customer
 * confirmed it; a place only named in text may be a district the aliases lack, so intake goes on and
 * the confirmation shows it to the customer.
 */
export const OUTSIDE_ESCALATION_CONFIDENCE = 0.8;

export interface PolicyConfig {
  /** minimum intent confidence per intent (default {@link DEFAULT_INTENT_THRESHOLD}) */
  thresholds?: Record<string, number>;
  /** action per intent or service id; a service's entry wins over its intent's, `escalate` always wins */
  matrix?: Record<string, PolicyAction>;
  /** sensitive topics that escalate; default: every topic intake reports */
  sensitiveTopics?: string[];
}

export interface DecideInput {
  state: ConversationState;
  /** the conversation's merged signals, this turn included */
  signals: Signals;
  /** this turn's escalation triggers (see `detectEscalation`) */
  escalation: {
    humanRequested: boolean;
    sensitive: string[];
    negativeSentiment: boolean;
    reasons?: string[] | undefined;
  };
  /** this turn's intent; default `signals.intent` */
  intent?: { value: string; confidence: number };
  /** a voice note arrived and could not be transcribed */
  hasVoiceWithoutTranscript: boolean;
  /** LLM mode: the model asked for a person this turn (its reason is kept with the agent state) */
  modelEscalated?: boolean;
  /** the `askedKeys` of earlier decisions, in order: detects questions asked without an answer */
  askedBefore: string[];
  /** consecutive earlier turns that captured no new signal */
  turnsWithoutProgress: number;
  /** the customer's answer to the confirmation buttons this turn: true = Yes, false = Change */
  customerConfirmed: boolean | undefined;
  intake: IntakeConfig;
  policy?: PolicyConfig;
}

export interface NextStep {
  decision: Decision;
  /** why, machine-readable: `human_requested`, `sensitive:refund`, `missing:location`, … */
  reasons: string[];
  nextState: ConversationState;
  /** the question to ask this turn */
  ask?: Question;
  /** the knowledge entry to answer with this turn */
  answer?: string;
  /** what to append to `askedBefore` for the next turn: the question asked, `clarify:<intent>`, `answer:<id>` */
  askedKeys: string[];
}

function silent(state: ConversationState, reason: string): NextStep {
  return { decision: 'silent', reasons: [reason], nextState: state, askedKeys: [] };
}

function inquiry(reasons: string[]): NextStep {
  return { decision: 'inquiry', reasons, nextState: 'inquiry', askedKeys: [] };
}

/** Times `key` was asked; a confirmation the customer answered with "Change" starts the count again. */
function timesAsked(askedBefore: readonly string[], key: string): number {
  const since = key === 'confirm' ? askedBefore.lastIndexOf('change') + 1 : 0;
  return askedBefore.slice(since).filter((asked) => asked === key).length;
}

/**
 * A country from the phone prefix is a routing hint, not the place the service is needed; an urgency
 * below {@link KNOWN_URGENCY_CONFIDENCE} is still asked.
 */
export function isKnownSignal(signals: Signals, name: IntakeQuestion): boolean {
  if (name === 'urgency')
    return (
      signals.urgency?.value !== 'unknown' && (signals.urgency?.confidence ?? 0) >= KNOWN_URGENCY_CONFIDENCE
    );
  if (name !== 'location') return signals[name] !== undefined;
  const place = signals.location?.value;
  return (
    place !== undefined &&
    (place.areaId !== undefined || place.text !== undefined || place.latitude !== undefined)
  );
}

function missingQuestion(signals: Signals): IntakeQuestion | undefined {
  return INTAKE_QUESTIONS.find((name) => !isKnownSignal(signals, name));
}

/** Triggers that always make an Inquiry, in a stable order. */
export function escalationReasons(
  input: Pick<
    DecideInput,
    | 'escalation'
    | 'signals'
    | 'policy'
    | 'hasVoiceWithoutTranscript'
    | 'modelEscalated'
    | 'turnsWithoutProgress'
  >,
): string[] {
  const reasons: string[] = [];
  const { escalation, signals } = input;
  if (escalation.humanRequested || signals.humanRequested?.value === true) reasons.push('human_requested');
  if (escalation.negativeSentiment || signals.sentiment?.value === 'negative')
    reasons.push('negative_sentiment');
  const allowed = input.policy?.sensitiveTopics;
  for (const topic of escalation.sensitive) {
    if (allowed === undefined || allowed.includes(topic)) reasons.push(`sensitive:${topic}`);
  }
  for (const reason of escalation.reasons ?? []) if (!reasons.includes(reason)) reasons.push(reason);
  if (input.hasVoiceWithoutTranscript) reasons.push('voice_unclear');
  if (input.modelEscalated === true) reasons.push('llm_escalated');
  if (input.turnsWithoutProgress >= MAX_TURNS_WITHOUT_PROGRESS) reasons.push('bot_loop');
  const location = input.signals.location;
  if (location?.value.outside === true && location.confidence >= OUTSIDE_ESCALATION_CONFIDENCE)
    reasons.push('outside_service_area');
  return reasons;
}

/** The configured answer for `intent`, the service's own entry before one that applies to every service. */
function knowledgeFor(
  knowledge: readonly KnowledgeConfig[],
  intent: string,
  serviceId: string | undefined,
): KnowledgeConfig | undefined {
  const forIntent = knowledge.filter((entry) => knowledgeIntent(entry.intent) === intent);
  return (
    forIntent.find((entry) => serviceId !== undefined && entry.serviceId === serviceId) ??
    forIntent.find((entry) => entry.serviceId === undefined)
  );
}

function policyAction(intent: string, serviceId: string | undefined, policy: PolicyConfig | undefined) {
  const byService = serviceId === undefined ? undefined : policy?.matrix?.[serviceId];
  const byIntent = policy?.matrix?.[intent];
  if (byService === 'escalate' || byIntent === 'escalate') return 'escalate';
  const configured = byService ?? byIntent;
  if (configured !== undefined) return configured;
  if (ESCALATED_INTENTS.has(intent)) return 'escalate';
  if (intent === QUESTION_INTENT) return serviceId === undefined ? 'clarify' : undefined;
  return INTAKE_INTENTS.has(intent) ? undefined : 'answer';
}

/** Words of a quote, which a person gives after seeing the work. */
const QUOTED =
  /(?<![\p{L}\p{N}])(?:quoted?|quotes|quotation|estimate[ds]?|devis|presupuest\p{L}*|orcament\p{L}*|angebot|kostenvoranschlag|teklif\p{L}*|sebut harga|penawaran|(?:ال)?دوفي|عرض سعر)(?![\p{L}\p{N}])/u;

/** Whether a sentence of `entry`'s answer names `serviceId` beside a quote. */
function saysQuoted(entry: KnowledgeConfig, serviceId: string, intake: IntakeConfig): boolean {
  return Object.entries(entry.answer).some(([language, answer]) =>
    answer
      .split(/[.!?\n]+/u)
      .some(
        (sentence) =>
          QUOTED.test(foldText(sentence).folded) &&
          servicesNamed(sentence, intake.services, [language]).has(serviceId),
      ),
  );
}

type IntentOutcome = { step: NextStep } | { answer?: string; reasons: string[]; askedKeys: string[] };

/** What this turn's intent asks of the policy: an answer, a clarification, an escalation, or nothing. */
function handleIntent(input: DecideInput): IntentOutcome {
  const intent = input.intent ?? input.signals.intent;
  if (intent === undefined) return { reasons: [], askedKeys: [] };
  const name = intent.value;
  const serviceId = input.signals.serviceType?.value;
  const threshold = input.policy?.thresholds?.[name] ?? DEFAULT_INTENT_THRESHOLD;
  const clarifyKey = `clarify:${name}`;
  const clarify = (reason: string): IntentOutcome => {
    if (input.askedBefore.includes(clarifyKey)) return { step: inquiry([reason, 'clarified_once']) };
    return {
      step: {
        decision: 'continue',
        reasons: [reason],
        nextState: 'intake',
        ask: 'serviceType',
        askedKeys: [clarifyKey],
      },
    };
  };
  if (intent.confidence < threshold) return clarify(`low_confidence:${name}`);
  const action = policyAction(name, serviceId, input.policy);
  if (action === undefined) return { reasons: [], askedKeys: [] };
  if (action === 'escalate') return { step: inquiry([`policy_escalate:${name}`]) };
  if (action === 'clarify') return clarify(`policy_clarify:${name}`);
  const found = knowledgeFor(input.intake.knowledge, name, serviceId);
  // an entry for every service that says this one is quoted ("Walk-in showers and large jobs are quoted after a
  // visit", "Douches à l'italienne : devis après visite") gives it no price: a person quotes it
  const entry =
    name === 'pricing' &&
    serviceId !== undefined &&
    found !== undefined &&
    found.serviceId === undefined &&
    saysQuoted(found, serviceId, input.intake)
      ? undefined
      : found;
  if (entry === undefined) {
    const forOtherServices = input.intake.knowledge.some(
      (k) => knowledgeIntent(k.intent) === name && k.serviceId !== undefined,
    );
    // the tenant prices some services: learn which one before giving up
    if (serviceId === undefined && forOtherServices)
      return { reasons: [`${name}_needs_service`], askedKeys: [] };
    return { step: inquiry([name === 'pricing' ? 'pricing_without_rule' : `no_answer:${name}`]) };
  }
  const answerKey = `answer:${entry.id}`;
  if (input.askedBefore.includes(answerKey)) return { reasons: [], askedKeys: [] };
  return { answer: entry.id, reasons: [`answered:${entry.id}`], askedKeys: [answerKey] };
}

/** The next step of the intake conversation after this turn's signals were merged. */
export function decideNext(input: DecideInput): NextStep {
  const { state, signals } = input;
  if (state === 'human') return silent(state, 'human_active');
  if (state === 'handed_over' || state === 'inquiry') return silent(state, `already_${state}`);

  const triggers = escalationReasons(input);
  if (triggers.length > 0) return inquiry(triggers);

  if (state === 'confirming' && input.customerConfirmed === false) {
    return {
      decision: 'continue',
      reasons: ['customer_changing'],
      nextState: 'intake',
      ask: 'change',
      askedKeys: ['change'],
    };
  }
  const missing = missingQuestion(signals);
  if (state === 'confirming' && input.customerConfirmed === true && missing === undefined) {
    return { decision: 'lead', reasons: ['all_signals_confirmed'], nextState: 'handed_over', askedKeys: [] };
  }

  const intent = handleIntent(input);
  if ('step' in intent) return intent.step;

  const question: Question = missing ?? 'confirm';
  if (timesAsked(input.askedBefore, question) >= MAX_ASKS)
    return inquiry(['bot_loop', `unanswered:${question}`]);
  const step: NextStep = {
    decision: 'continue',
    reasons: [...intent.reasons, missing === undefined ? 'all_signals_present' : `missing:${missing}`],
    nextState: missing === undefined ? 'confirming' : 'intake',
    ask: question,
    askedKeys: [...intent.askedKeys, question],
  };
  if (intent.answer !== undefined) step.answer = intent.answer;
  return step;
}
