// Hybrid LLM intake: whether a turn goes to the model, and why. The offline result is kept when the rules
// are sure — everything they read this turn read well, nothing conflicts, nothing escalates weakly — and the
// model adjudicates the rest, once. What "unsure" means is computed only from what the offline extraction
// already knows (its signals with their confidences, its escalation triggers, the turn's messages), so a
// turn's call can be explained on the agent state and in `simulate` without asking anything.
import type { TurnEscalation } from '../intake/extract-signals.ts';
import { injectionSpans } from '../intake/urgency.ts';
import type { ConversationState } from '../model/conversation.ts';
import type { ConversationEvent } from '../model/inbound-event.ts';
import type { Signals } from '../model/signals.ts';
import {
  DEFAULT_INTENT_THRESHOLD,
  escalationReasons,
  type IntakeQuestion,
  isKnownSignal,
  KNOWN_URGENCY_CONFIDENCE,
  OUTSIDE_ESCALATION_CONFIDENCE,
  type PolicyConfig,
  type Question,
} from '../policy/decide.ts';
import type { StoredEvent } from '../ports/store.ts';
import type { LlmIntakeMode } from './llm-schema.ts';

/**
 * A value the rules read with less confidence than this is a guess: a service or place read from a typo, a
 * keyword or beside a rival, a time read from a part of the day alone. Stems and distinctive words (0.7)
 * and names as written (0.85+) are sure.
 */
export const SURE_CONFIDENCE = 0.7;
/** Below this, the language was not read from the words but fell back to the phone's or tenant's. */
const SURE_LANGUAGE_CONFIDENCE = 0.5;

/**
 * Why a turn goes to the model (hybrid), each a reason the offline result may be wrong:
 * - `voice`: the customer spoke; a transcript carries the engine's mishearings the rules take literally
 * - `injection`: words that instruct the agent were cut out; the model reads what the customer still wants
 * - `unread:serviceType`: the customer wrote and no service is known
 * - `unread:location|timing|urgency`: the customer answered the agent's question for it and it is still unknown
 * - `low_confidence:<signal>`: the rules read a service, place, time, urgency, intent or language as a guess
 * - `unknown_place`: a place named that matched no area and no known place outside (outside or a district?)
 * - `conflict:serviceType|location`: this turn reads a different service or area than an earlier one
 * - `unplaced_question`: a question no service answers, which the policy would ask about once and then give
 *   to a person — an escalation the rules see only weakly
 */
export type UnsureReason =
  | 'voice'
  | 'injection'
  | `unread:${IntakeQuestion}`
  | `low_confidence:${'serviceType' | 'location' | 'timing' | 'urgency' | 'intent' | 'language'}`
  | 'unknown_place'
  | `conflict:${'serviceType' | 'location'}`
  | 'unplaced_question';

/**
 * Why a turn does not go to the model (hybrid): `sure` (read surely, or nothing to read), `rules_escalate` (the
 * rules already make it an Inquiry; the model could only add a reason), `settled` (handed over or an Inquiry
 * already: the policy stays silent).
 */
export type SureReason = 'sure' | 'rules_escalate' | 'settled';

export type ModelCall =
  | { ask: true; why: Array<UnsureReason | 'always'> }
  | { ask: false; why: [SureReason] };

export interface ModelCallInput {
  mode: LlmIntakeMode;
  state: ConversationState;
  /** the turn's events; only the customer's messages are read */
  events: readonly StoredEvent[];
  /** voice-note transcripts by wamid */
  transcripts: Readonly<Record<string, string>>;
  /** what the rules read this turn alone */
  found: { signals: Signals; escalation: TurnEscalation; language: string };
  /** the conversation's signals before this turn */
  before: Signals;
  /** before merged with what the rules read this turn */
  signals: Signals;
  /** what the agent asked in its last reply */
  lastAsk: Question | undefined;
  hasVoiceWithoutTranscript: boolean;
  policy?: PolicyConfig | undefined;
}

/** The customer's words in one message: its text, caption or voice transcript (not a tapped title or a pin). */
function wordsOf(
  event: ConversationEvent,
  transcripts: Readonly<Record<string, string>>,
): string | undefined {
  const words = [event.text, event.media?.caption, transcripts[event.id]]
    .filter((part): part is string => part !== undefined && part.trim() !== '')
    .join('\n');
  return words === '' ? undefined : words;
}

/** The customer's words of a turn, one entry per message that has any. */
export function turnWords(
  events: readonly StoredEvent[],
  transcripts: Readonly<Record<string, string>>,
): string[] {
  return events.flatMap(({ event }) => {
    if (event.kind !== 'message') return [];
    const words = wordsOf(event, transcripts);
    return words === undefined ? [] : [words];
  });
}

/** Whether any of the turn's words instruct the agent (the rules read the turn without them). */
export function carriesInjection(said: readonly string[], language: string): boolean {
  return said.some((text) => injectionSpans(text, language).length > 0);
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A value the rules fill in without reading it from the words: the phone's country, "nothing said". */
function isDefault(name: keyof Signals, signals: Signals): boolean {
  if (name === 'location') {
    const place = signals.location?.value;
    return place?.areaId === undefined && place?.text === undefined && place?.latitude === undefined;
  }
  return name === 'urgency' && signals.urgency?.value === 'unknown';
}

/** Where on the map a place value points: an area, a named place outside, a pin. */
function placeOf(signals: Signals): unknown {
  const place = signals.location?.value;
  return place === undefined ? undefined : (place.areaId ?? (place.outside === true ? 'outside' : undefined));
}

function unsureReasons(input: ModelCallInput, said: readonly string[]): UnsureReason[] {
  const { found, before, signals, events, transcripts } = input;
  const reasons: UnsureReason[] = [];
  const add = (reason: UnsureReason) => {
    if (!reasons.includes(reason)) reasons.push(reason);
  };
  const messages = events.map((stored) => stored.event).filter((event) => event.kind === 'message');
  const spoken = messages.some(
    (event) => event.type === 'audio' && (event.text !== undefined || transcripts[event.id] !== undefined),
  );
  if (spoken) add('voice');
  if (carriesInjection(said, found.language)) add('injection');
  if (said.length > 0 && signals.serviceType === undefined) add('unread:serviceType');
  const asked = input.lastAsk;
  if (
    said.length > 0 &&
    (asked === 'location' || asked === 'timing' || asked === 'urgency') &&
    !isKnownSignal(signals, asked)
  )
    add(`unread:${asked}`);

  // A guess the rules made this turn that stands in the merged signals.
  const guess = (name: 'serviceType' | 'location' | 'timing' | 'urgency' | 'intent', least: number) => {
    const read = found.signals[name];
    const kept = signals[name];
    if (read === undefined || kept === undefined || read.source !== 'rule' || isDefault(name, found.signals))
      return false;
    return same(read.value, kept.value) && read.confidence === kept.confidence && read.confidence < least;
  };
  const place = found.signals.location;
  if (
    place?.source === 'rule' &&
    place.value.areaId === undefined &&
    place.value.text !== undefined &&
    place.value.latitude === undefined &&
    place.confidence < OUTSIDE_ESCALATION_CONFIDENCE &&
    same(place.value, signals.location?.value)
  )
    add('unknown_place');
  else if (guess('location', SURE_CONFIDENCE)) add('low_confidence:location');
  if (guess('serviceType', SURE_CONFIDENCE)) add('low_confidence:serviceType');
  if (guess('timing', SURE_CONFIDENCE)) add('low_confidence:timing');
  if (guess('urgency', KNOWN_URGENCY_CONFIDENCE)) add('low_confidence:urgency');
  const intent = found.signals.intent;
  const threshold =
    intent === undefined ? 0 : (input.policy?.thresholds?.[intent.value] ?? DEFAULT_INTENT_THRESHOLD);
  if (guess('intent', threshold)) add('low_confidence:intent');
  if (said.length > 0 && (signals.language?.confidence ?? 0) < SURE_LANGUAGE_CONFIDENCE)
    add('low_confidence:language');

  // A different service or area than an earlier turn's guess: changed their mind, or wants both?
  const earlierService = before.serviceType;
  const readService = found.signals.serviceType;
  if (
    earlierService !== undefined &&
    earlierService.source !== 'customer-confirmed' &&
    readService?.source === 'rule' &&
    readService.value !== earlierService.value
  )
    add('conflict:serviceType');
  const earlierPlace = placeOf(before);
  const readPlace = isDefault('location', found.signals) ? undefined : placeOf(found.signals);
  if (
    before.location?.source !== 'customer-confirmed' &&
    earlierPlace !== undefined &&
    readPlace !== undefined &&
    earlierPlace !== readPlace
  )
    add('conflict:location');

  if (intent?.value === 'question' && signals.serviceType === undefined) add('unplaced_question');
  return reasons;
}

/**
 * Whether to ask the model this turn, and why. `always` asks every turn. `hybrid` never asks about a
 * conversation already handed over or an Inquiry, nor a turn the rules already escalate (the model's
 * escalation only adds a reason), and asks once when any {@link UnsureReason} holds.
 */
export function modelCallFor(input: ModelCallInput): ModelCall {
  if (input.mode === 'always') return { ask: true, why: ['always'] };
  if (input.state === 'handed_over' || input.state === 'inquiry') return { ask: false, why: ['settled'] };
  const firm = escalationReasons({
    escalation: input.found.escalation,
    signals: input.signals,
    hasVoiceWithoutTranscript: input.hasVoiceWithoutTranscript,
    turnsWithoutProgress: 0,
    ...(input.policy === undefined ? {} : { policy: input.policy }),
  });
  if (firm.length > 0) return { ask: false, why: ['rules_escalate'] };
  const why = unsureReasons(input, turnWords(input.events, input.transcripts));
  return why.length > 0 ? { ask: true, why } : { ask: false, why: ['sure'] };
}
