// The contract of `GET {backend}/hubspot/card?objectTypeId&objectId`: everything the WhatsApp record card
// shows, in one JSON answer (hubspot.fetch caps responses at 1 MB; the backend trims old messages and says
// how many it left out). The shapes mirror connector-core's model (Conversation, Signals, RoutingTrace,
// Assignment) so the backend can pass stored values through; `test/card-data.types.test.ts` fails the
// typecheck when the two drift apart. Times are ISO-8601 strings except `Assignment.at`/`poolSince`, which
// stay epoch ms as the store keeps them.

/** Bumped on a breaking change; the card refuses other versions with a clear error. */
export const CARD_DATA_VERSION = 1;

/** The answer of GET /hubspot/card. */
export interface CardData {
  version: typeof CARD_DATA_VERSION;
  /** `null`: no WhatsApp conversation is linked to this record (the card shows its empty state). */
  conversation: CardConversation | null;
}

/** connector-core `conversationStates`. */
export type CardConversationState = 'new' | 'intake' | 'confirming' | 'handed_over' | 'inquiry' | 'human';

export interface CardConversation {
  /** Leadwire's conversation id, `<phoneNumberId>:<user key>`; sent back with claim and reply. */
  id: string;
  state: CardConversationState;
  customer: {
    /** the WhatsApp id: the customer's number as digits, country code first, no `+` (used for wa.me links) */
    waId: string;
    /** the WhatsApp profile name */
    name?: string;
    /** E.164 for display, e.g. `+966501234567` */
    phone?: string;
  };
  /** the business number that received the conversation */
  business: {
    phoneNumberId: string;
    /** as people read it, e.g. `+966 11 234 5678` */
    displayNumber?: string;
  };
  /** oldest first */
  messages: CardMessage[];
  /** messages older than the first one sent, left out to keep the answer under hubspot.fetch's 1 MB */
  olderMessagesOmitted?: number;
  /** connector-core `Signals`, as stored on the conversation */
  signals: CardSignals;
  /** display names for ids the card shows (owners in the trace, services, service areas) */
  labels?: CardLabels;
  /** the intake agent's last decision (`agent.decision`); absent until the agent ran */
  decision?: CardDecision;
  /** who holds the conversation and how routing got there; absent until it was routed */
  routing?: CardRouting;
  /** absent when no SLA applies (not routed, or assigned to a queue or the pool) */
  sla?: CardSla;
  /** WhatsApp's 24-hour customer-service window */
  window: CardWindow;
  /**
   * Set when the calling user may not reply for a reason other than the window (e.g. the tenant is paused,
   * the portal's access was revoked): a sentence shown under the disabled reply box.
   */
  replyBlockedReason?: string;
}

export interface CardMessage {
  /** the WhatsApp message id (wamid) or Leadwire's id for an outbound message */
  id: string;
  /** `agent`: Leadwire's intake agent; `human`: a person (through Leadwire, or the WhatsApp Business app) */
  author: 'customer' | 'agent' | 'human';
  /** for `human`: who wrote it (HubSpot owner name), when known */
  authorName?: string;
  /** ISO time */
  at: string;
  kind: 'text' | 'voice' | 'image' | 'video' | 'document' | 'location' | 'interactive' | 'template' | 'other';
  /** the text, caption, chosen button/list title, or template body as sent */
  text?: string;
  /** for `voice` (and other audio): the transcription, or why there is none */
  voice?: CardVoiceNote;
  /** delivery status of outbound messages, from WhatsApp status webhooks */
  status?: 'sent' | 'delivered' | 'read' | 'failed';
}

/** connector-core `VoiceNote` without the media id. */
export interface CardVoiceNote {
  transcript?: string;
  /** the language the transcriber heard (BCP-47 primary tag) */
  language?: string;
  /** why there is no transcript: `no_transcriber`, `media_gone`, `too_large`, `silence`, `transcriber_failed`, … */
  failure?: string;
}

export type CardSignalSource = 'rule' | 'llm' | 'customer-confirmed';

export interface CardSignal<T> {
  value: T;
  /** 0..1 */
  confidence: number;
  source: CardSignalSource;
  /** the customer's words (or the reply id, the pin) that showed it */
  evidence?: string;
  /** ISO time it was captured */
  at: string;
}

export interface CardLocation {
  /** a configured service area id */
  areaId?: string;
  /** what the customer wrote, when it matched no area */
  text?: string;
  latitude?: number;
  longitude?: number;
  /** a pin outside every service area */
  outside?: boolean;
  /** ISO 3166 alpha-2 */
  country?: string;
}

/** connector-core `Signals`. */
export interface CardSignals {
  urgency?: CardSignal<'urgent' | 'normal' | 'unknown'>;
  location?: CardSignal<CardLocation>;
  /** a service id of the tenant's catalog (`labels.services` names it) */
  serviceType?: CardSignal<string>;
  timing?: CardSignal<{ iso: string; text: string }>;
  budget?: CardSignal<string>;
  language?: CardSignal<string>;
  name?: CardSignal<string>;
  intent?: CardSignal<string>;
  sentiment?: CardSignal<'positive' | 'neutral' | 'negative'>;
  humanRequested?: CardSignal<boolean>;
}

export interface CardLabels {
  /** HubSpot owner id → name (assignees, trace candidates, holders) */
  users?: Record<string, string>;
  /** service id → name in the portal's language */
  services?: Record<string, string>;
  /** service area id → name */
  areas?: Record<string, string>;
}

export interface CardDecision {
  decision: 'lead' | 'inquiry' | 'continue' | 'silent';
  /**
   * Machine-readable reasons (connector-core policy): `human_requested`, `negative_sentiment`,
   * `sensitive:<topic>`, `voice_unclear`, `llm_escalated`, `bot_loop`, `outside_service_area`,
   * `missing:<question>`, `all_signals_present`, `all_signals_confirmed`, `low_confidence:<intent>`,
   * `clarified_once`, `answered:<id>`, `customer_changing`, `human_active`, … The card labels the known ones
   * and shows unknown ones as they are.
   */
  reasons: string[];
  /** ISO time */
  at: string;
  /**
   * LLM mode, this turn (connector-core `agent.model`): whether the AI model was asked and why — `always`, an
   * unsure reason (`unread:serviceType`, `low_confidence:location`, `voice`, …) or why not (`sure`,
   * `rules_escalate`, `settled`); `failed`: the error code when the call failed and the rules' result stood
   */
  model?: { asked: boolean; why: string[]; failed?: string };
}

/** connector-core `Assignee`. */
export interface CardAssignee {
  kind: 'user' | 'queue' | 'pool';
  /** the HubSpot owner id, the queue/team id, or `pool` */
  id: string;
  name?: string;
}

/** connector-core `Assignment` without `tenantId` and `trace`. */
export interface CardAssignment {
  conversationId: string;
  assignee: CardAssignee;
  source: 'routing' | 'reroute' | 'continuation' | 'manual' | 'claim';
  ruleId?: string;
  urgent: boolean;
  /** SLA re-routes made so far */
  hops: number;
  /** every user who held it, oldest first */
  holders: string[];
  /** epoch ms of this assignment */
  at: number;
  /** compare-and-set version; sent back as `expectedVersion` when claiming */
  version: number;
  /** epoch ms it entered the pool, while in the pool */
  poolSince?: number;
  /** reached the pool by exhausting its SLA re-routes */
  exhaustedHops?: boolean;
  closed: boolean;
}

export type CardSkipReason =
  | 'inactive'
  | 'offline'
  | 'at_capacity'
  | 'skill_mismatch'
  | 'area_mismatch'
  | 'language_mismatch'
  | 'excluded'
  | 'missing';

/** connector-core `RoutingTrace`. */
export interface CardRoutingTrace {
  /** the rule that decided, or `(none)` */
  rule: string;
  rulesSkipped: { rule: string; failed: string }[];
  steps: {
    /** e.g. `group:jeddah-team`, `recordOwner`, `offlineTransfer:user:102`, `user:101`, `queue:vip`, `unassigned` */
    target: string;
    stage: 'rule' | 'alternate';
    outcome: 'chosen' | 'nobody' | 'skipped';
    note?: string;
    candidates: {
      userId: string;
      outcome: 'chosen' | 'eligible' | 'skipped';
      reason?: CardSkipReason;
    }[];
  }[];
  note?: string;
  /** the trace in words, as `leadwire explain` prints it (names, times in the routing time zone) */
  text?: string[];
  /** the backlog sweep gave it out from the pool */
  sweep?: boolean;
  /** someone reassigned the record inside the CRM and the assignment followed */
  crmOwnerChange?: unknown;
}

export interface CardRouting {
  assignment: CardAssignment;
  /** the trace of the routing that made the current assignment (absent for manual and claim) */
  trace?: CardRoutingTrace;
}

export interface CardSla {
  /** ISO time the SLA check fires and re-routes if nobody answered; absent once answered or stopped */
  dueAt?: string;
  /** re-routes allowed before the pool (`routing.sla.maxHops`) */
  maxHops: number;
}

export interface CardWindow {
  /** ISO time the 24-hour window closes (last customer message + 24 h); absent if the customer never wrote */
  expiresAt?: string;
  /** ISO time of the customer's last message */
  lastInboundAt?: string;
}

// ---- runtime guard --------------------------------------------------------------------------------------

/** Why an answer is not a {@link CardData}: the first problem, with its path. */
export class CardDataError extends Error {
  constructor(path: string, problem: string) {
    super(`Leadwire sent card data the card cannot read (${path}: ${problem}).`);
    this.name = 'CardDataError';
  }
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function need(ok: boolean, path: string, problem: string): void {
  if (!ok) throw new CardDataError(path, problem);
}

function record(value: unknown, path: string): Json {
  need(isRecord(value), path, 'expected an object');
  return value as Json;
}

function string(value: unknown, path: string): void {
  need(typeof value === 'string', path, 'expected a string');
}

function optionalString(value: unknown, path: string): void {
  need(value === undefined || typeof value === 'string', path, 'expected a string');
}

function oneOf(value: unknown, allowed: readonly string[], path: string): void {
  need(typeof value === 'string' && allowed.includes(value), path, `expected one of ${allowed.join(', ')}`);
}

const STATES = ['new', 'intake', 'confirming', 'handed_over', 'inquiry', 'human'];
const AUTHORS = ['customer', 'agent', 'human'];
const SOURCES = ['rule', 'llm', 'customer-confirmed'];
const DECISIONS = ['lead', 'inquiry', 'continue', 'silent'];
const ASSIGNEE_KINDS = ['user', 'queue', 'pool'];

function checkMessage(value: unknown, path: string): void {
  const message = record(value, path);
  string(message.id, `${path}.id`);
  oneOf(message.author, AUTHORS, `${path}.author`);
  string(message.at, `${path}.at`);
  string(message.kind, `${path}.kind`);
  optionalString(message.text, `${path}.text`);
  if (message.voice !== undefined) {
    const voice = record(message.voice, `${path}.voice`);
    optionalString(voice.transcript, `${path}.voice.transcript`);
    optionalString(voice.failure, `${path}.voice.failure`);
  }
}

function checkSignals(value: unknown, path: string): void {
  const signals = record(value, path);
  for (const [name, signal] of Object.entries(signals)) {
    if (signal === undefined) continue;
    const at = `${path}.${name}`;
    const entry = record(signal, at);
    need('value' in entry, `${at}.value`, 'missing');
    need(typeof entry.confidence === 'number', `${at}.confidence`, 'expected a number');
    oneOf(entry.source, SOURCES, `${at}.source`);
  }
}

function checkRouting(value: unknown, path: string): void {
  const routing = record(value, path);
  const assignment = record(routing.assignment, `${path}.assignment`);
  const assignee = record(assignment.assignee, `${path}.assignment.assignee`);
  oneOf(assignee.kind, ASSIGNEE_KINDS, `${path}.assignment.assignee.kind`);
  string(assignee.id, `${path}.assignment.assignee.id`);
  need(typeof assignment.version === 'number', `${path}.assignment.version`, 'expected a number');
  need(typeof assignment.hops === 'number', `${path}.assignment.hops`, 'expected a number');
  need(typeof assignment.closed === 'boolean', `${path}.assignment.closed`, 'expected a boolean');
  if (routing.trace !== undefined) {
    const trace = record(routing.trace, `${path}.trace`);
    string(trace.rule, `${path}.trace.rule`);
    need(Array.isArray(trace.steps), `${path}.trace.steps`, 'expected an array');
    need(Array.isArray(trace.rulesSkipped), `${path}.trace.rulesSkipped`, 'expected an array');
    if (trace.text !== undefined) {
      need(
        Array.isArray(trace.text) && trace.text.every((line) => typeof line === 'string'),
        `${path}.trace.text`,
        'expected an array of strings',
      );
    }
    (trace.steps as unknown[]).forEach((step, i) => {
      const at = `${path}.trace.steps[${i}]`;
      string(record(step, at).target, `${at}.target`);
      need(Array.isArray((step as Json).candidates), `${at}.candidates`, 'expected an array');
    });
  }
}

/** The answer of GET /hubspot/card, checked; throws {@link CardDataError} naming the first problem. */
export function parseCardData(json: unknown): CardData {
  const data = record(json, '$');
  need(data.version === CARD_DATA_VERSION, '$.version', `expected ${CARD_DATA_VERSION}`);
  if (data.conversation === null) return { version: CARD_DATA_VERSION, conversation: null };
  const conversation = record(data.conversation, '$.conversation');
  const at = '$.conversation';
  string(conversation.id, `${at}.id`);
  oneOf(conversation.state, STATES, `${at}.state`);
  const customer = record(conversation.customer, `${at}.customer`);
  need(
    typeof customer.waId === 'string' && /^\d+$/.test(customer.waId),
    `${at}.customer.waId`,
    'expected digits',
  );
  string(record(conversation.business, `${at}.business`).phoneNumberId, `${at}.business.phoneNumberId`);
  need(Array.isArray(conversation.messages), `${at}.messages`, 'expected an array');
  (conversation.messages as unknown[]).forEach((message, i) => {
    checkMessage(message, `${at}.messages[${i}]`);
  });
  checkSignals(conversation.signals, `${at}.signals`);
  if (conversation.decision !== undefined) {
    const decision = record(conversation.decision, `${at}.decision`);
    oneOf(decision.decision, DECISIONS, `${at}.decision.decision`);
    need(
      Array.isArray(decision.reasons) && decision.reasons.every((reason) => typeof reason === 'string'),
      `${at}.decision.reasons`,
      'expected an array of strings',
    );
    if (decision.model !== undefined) {
      const model = record(decision.model, `${at}.decision.model`);
      need(typeof model.asked === 'boolean', `${at}.decision.model.asked`, 'expected a boolean');
      need(
        Array.isArray(model.why) && model.why.every((why) => typeof why === 'string'),
        `${at}.decision.model.why`,
        'expected an array of strings',
      );
      optionalString(model.failed, `${at}.decision.model.failed`);
    }
  }
  if (conversation.routing !== undefined) checkRouting(conversation.routing, `${at}.routing`);
  if (conversation.sla !== undefined) {
    const sla = record(conversation.sla, `${at}.sla`);
    optionalString(sla.dueAt, `${at}.sla.dueAt`);
    need(typeof sla.maxHops === 'number', `${at}.sla.maxHops`, 'expected a number');
  }
  const window = record(conversation.window, `${at}.window`);
  optionalString(window.expiresAt, `${at}.window.expiresAt`);
  optionalString(conversation.replyBlockedReason, `${at}.replyBlockedReason`);
  return data as unknown as CardData;
}
