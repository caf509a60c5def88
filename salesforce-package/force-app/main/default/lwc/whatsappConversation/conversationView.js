// Pure view helpers for whatsappConversation: turn UI API records (getRecord, getRelatedListRecords) into
// what the template shows. No LWC imports, so the rules read (and test) as plain functions.

/** @typedef {import('lightning/uiRecordApi').RecordRepresentation} RecordRepresentation */

/** The picklist values Leadwire writes, in the words the card shows (src/schema.ts). */
const STATUS_LABELS = {
  new: 'New',
  intake: 'Intake',
  confirming: 'Confirming',
  handed_over: 'Handed over',
  inquiry: 'Inquiry',
  human: 'A person is replying',
};
const AUTHOR_LABELS = { customer: 'Customer', agent: 'Leadwire agent', human: 'Team member' };
const SKIP_REASONS = {
  inactive: 'inactive',
  offline: 'offline',
  at_capacity: 'at capacity',
  skill_mismatch: 'lacks the skill',
  area_mismatch: 'outside the area',
  language_mismatch: 'does not speak the language',
  excluded: 'already held it',
  missing: 'not in the directory',
};

/** The routed owner id Leadwire writes for a conversation nobody was found for (connector-core `Assignee`). */
export const POOL_OWNER = 'pool';

/**
 * A field's value from a UI API record, following `Owner.Name`-style paths; undefined when absent.
 * @param {RecordRepresentation | undefined | null} record
 * @param {string} path field API name relative to the record, e.g. `Status__c` or `Owner.Name`
 * @returns {unknown}
 */
export function fieldValue(record, path) {
  /** @type {unknown} */
  let current = record;
  for (const name of path.split('.')) {
    const fields = /** @type {RecordRepresentation | undefined} */ (current)?.fields;
    if (!fields || !(name in fields)) return undefined;
    current = fields[name]?.value;
  }
  return current ?? undefined;
}

/**
 * A string field's value, or '' when empty or absent.
 * @param {RecordRepresentation | undefined | null} record
 * @param {string} path
 * @returns {string}
 */
export function textValue(record, path) {
  const value = fieldValue(record, path);
  return value === undefined || value === null ? '' : String(value);
}

/**
 * The wa.me link for a WhatsApp id or phone number (digits only: wa.me rejects `+`, spaces and dashes).
 * @param {string} waIdOrPhone
 * @returns {string | null}
 */
export function whatsappUrl(waIdOrPhone) {
  const digits = String(waIdOrPhone ?? '').replace(/\D/g, '');
  return digits ? `https://wa.me/${digits}` : null;
}

/**
 * The conversation to show among those linked to the record: the one with the latest message.
 * @param {RecordRepresentation[]} records
 * @returns {RecordRepresentation | undefined}
 */
export function latestConversation(records) {
  let latest;
  let latestAt = '';
  for (const record of records) {
    const at = textValue(record, 'Last_Message_At__c');
    if (latest === undefined || at > latestAt) {
      latest = record;
      latestAt = at;
    }
  }
  return latest;
}

/**
 * The decision reasons: stored as a JSON array of sentences, or as lines.
 * @param {string} text
 * @returns {{ key: string, text: string }[]}
 */
export function decisionReasons(text) {
  if (!text) return [];
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text.split(/\r?\n/);
  }
  const lines = Array.isArray(parsed) ? parsed : [text];
  return lines
    .map((line) => String(line).trim())
    .filter((line) => line.length > 0)
    .map((line, index) => ({ key: `reason-${index}`, text: line }));
}

/**
 * @typedef {object} TraceView
 * @property {string} rule
 * @property {string} note
 * @property {{ key: string, text: string }[]} skipped
 * @property {{ key: string, title: string, note: string, candidates: { key: string, text: string }[] }[]} steps
 * @property {string} raw the stored text, shown as is when it is not a trace Leadwire wrote
 * @property {{ key: string, text: string }[]} lines the trace in the words `leadwire explain` uses
 * @property {boolean} hasLines
 */

/**
 * connector-core `RoutingTrace` as the adapter stores it (JSON in Routing_Trace__c).
 * @typedef {object} StoredTrace
 * @property {string} rule
 * @property {{ rule: string, failed: string }[]} [rulesSkipped]
 * @property {{ target: string, stage: string, outcome: string, note?: string, candidates?: { userId: string, outcome: string, reason?: string }[] }[]} [steps]
 * @property {string} [note]
 * @property {string[]} [text] the trace in words (names, times in the routing time zone)
 */

/**
 * The routing trace (connector-core `RoutingTrace`, stored as JSON) in sentences.
 * @param {string} text
 * @returns {TraceView | null}
 */
export function routingTrace(text) {
  if (!text) return null;
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { rule: '', note: '', skipped: [], steps: [], raw: text, lines: [], hasLines: false };
  }
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    typeof (/** @type {{ rule?: unknown }} */ (parsed).rule) !== 'string'
  ) {
    return { rule: '', note: '', skipped: [], steps: [], raw: text, lines: [], hasLines: false };
  }
  const trace = /** @type {StoredTrace} */ (parsed);
  const skipped = (Array.isArray(trace.rulesSkipped) ? trace.rulesSkipped : []).map((entry, index) => ({
    key: `skipped-${index}`,
    text: `Rule "${entry.rule}" did not apply: ${entry.failed} did not match`,
  }));
  const steps = (Array.isArray(trace.steps) ? trace.steps : []).map((step, index) => ({
    key: `step-${index}`,
    title: `${step.stage === 'alternate' ? 'Alternate ' : ''}${step.target}: ${step.outcome}`,
    note: step.note ?? '',
    candidates: (step.candidates ?? []).map((candidate, candidateIndex) => ({
      key: `step-${index}-candidate-${candidateIndex}`,
      text:
        candidate.outcome === 'skipped'
          ? `${candidate.userId}: skipped (${SKIP_REASONS[/** @type {keyof typeof SKIP_REASONS} */ (candidate.reason)] ?? candidate.reason ?? 'no reason given'})`
          : `${candidate.userId}: ${candidate.outcome}`,
    })),
  }));
  // The words explain and the HubSpot card show, when Leadwire stored them with the trace.
  const lines = (Array.isArray(trace.text) ? trace.text : [])
    .filter((line) => typeof line === 'string')
    .map((line, index) => ({ key: `line-${index}`, text: line }));
  return {
    rule: trace.rule,
    note: typeof trace.note === 'string' ? trace.note : '',
    skipped,
    steps,
    raw: '',
    lines,
    hasLines: lines.length > 0,
  };
}

/**
 * The SLA state of a conversation at `now`.
 * @param {string} dueIso `SLA_Due__c`, empty when no SLA applies (not routed, a queue or the pool)
 * @param {number} now epoch ms
 * @returns {{ state: 'none' | 'running' | 'overdue', label: string }}
 */
export function slaState(dueIso, now) {
  const due = dueIso ? Date.parse(dueIso) : Number.NaN;
  if (Number.isNaN(due)) return { state: 'none', label: 'No SLA running' };
  const minutes = Math.round(Math.abs(due - now) / 60000);
  const span = minutes >= 120 ? `${Math.round(minutes / 60)} h` : `${minutes} min`;
  return due >= now
    ? { state: 'running', label: `First reply due in ${span}` }
    : { state: 'overdue', label: `SLA overdue by ${span}` };
}

/**
 * @typedef {object} TranscriptLineView
 * @property {string} key
 * @property {string} author
 * @property {string} sentAt
 * @property {string} text
 * @property {boolean} isVoice
 * @property {string} transcription
 * @property {string} delivery a reply's delivery in words, '' once sent
 * @property {string} className
 */

/**
 * A reply's delivery in words: nothing once sent (or for the messages Leadwire wrote).
 * @param {string} status
 * @param {string} error
 * @returns {string}
 */
function deliveryLabel(status, error) {
  if (status === 'queued') return 'Sending through Leadwire…';
  if (status === 'failed') return `Not sent: ${error || 'Leadwire could not send it'}`;
  return '';
}

/**
 * The transcript lines, oldest first; a voice note carries its transcription.
 * @param {RecordRepresentation[]} records `WhatsApp_Message__c` rows
 * @param {string} customerName
 * @returns {TranscriptLineView[]}
 */
export function transcriptLines(records, customerName) {
  return [...records]
    .sort((a, b) => textValue(a, 'Sent_At__c').localeCompare(textValue(b, 'Sent_At__c')))
    .map((record, index) => {
      const author = textValue(record, 'Author__c');
      const isVoice = textValue(record, 'Type__c') === 'voice';
      const body = textValue(record, 'Body__c');
      return {
        key: record.id ?? `message-${index}`,
        author:
          author === 'customer' && customerName
            ? customerName
            : (AUTHOR_LABELS[/** @type {keyof typeof AUTHOR_LABELS} */ (author)] ?? author),
        sentAt: textValue(record, 'Sent_At__c'),
        text: body || (isVoice ? 'Voice note' : ''),
        isVoice,
        delivery: deliveryLabel(
          textValue(record, 'Delivery_Status__c'),
          textValue(record, 'Delivery_Error__c'),
        ),
        transcription: textValue(record, 'Transcription__c'),
        className: `message message_${textValue(record, 'Direction__c') === 'outbound' ? 'outbound' : 'inbound'}`,
      };
    });
}

/** WhatsApp caps a text message at 4,096 characters. */
export const MAX_REPLY_CHARS = 4096;

/**
 * Whether a person may reply now: WhatsApp allows free-form messages until the 24-hour window closes.
 * @param {string} expiresIso `Window_Expires_At__c`
 * @param {number} now epoch ms
 * @returns {{ open: boolean, note: string }}
 */
export function replyWindow(expiresIso, now) {
  const closes = expiresIso ? Date.parse(expiresIso) : Number.NaN;
  if (Number.isNaN(closes))
    return { open: false, note: 'Replies open once the customer has written on WhatsApp.' };
  if (closes <= now)
    return {
      open: false,
      note: 'WhatsApp’s 24-hour window has closed: the customer must write again before anyone can reply.',
    };
  return { open: true, note: '' };
}

/**
 * The fields of a reply as the record page saves it: an outbound message by a person, queued for Leadwire,
 * which sends it through WhatsApp and records the outcome on it (Delivery_Status__c sent or failed).
 * @param {string} conversationId
 * @param {string} text
 * @param {number} now epoch ms
 * @returns {Record<string, string>}
 */
export function replyFields(conversationId, text, now) {
  return {
    Conversation__c: conversationId,
    Direction__c: 'outbound',
    Author__c: 'human',
    Type__c: 'text',
    Body__c: text,
    Sent_At__c: new Date(now).toISOString(),
    // a placeholder key until Leadwire sets the WhatsApp message id
    Wamid__c: `sf_${conversationId}_${now.toString(36)}`,
    Delivery_Status__c: 'queued',
  };
}

/**
 * The status in words.
 * @param {string} status
 * @returns {string}
 */
export function statusLabel(status) {
  return STATUS_LABELS[/** @type {keyof typeof STATUS_LABELS} */ (status)] ?? status;
}

/**
 * Whether the current user may claim the conversation: it waits in the pool (or in a queue) and they do
 * not own it already.
 * @param {{ routedOwnerId: string, ownerId: string, userId: string }} owners
 * @returns {boolean}
 */
export function isClaimable({ routedOwnerId, ownerId, userId }) {
  const inPool = routedOwnerId === POOL_OWNER || ownerId.startsWith('00G');
  return inPool && ownerId !== userId;
}

/**
 * A person-readable message from a UI API error (a FetchResponse, or an Error).
 * @param {unknown} error
 * @returns {string}
 */
export function errorMessage(error) {
  if (!error || typeof error !== 'object') return error ? String(error) : 'Unknown error';
  const e = /** @type {{ body?: unknown, message?: unknown, statusText?: unknown }} */ (error);
  if (Array.isArray(e.body)) {
    return e.body.map((/** @type {{ message?: string }} */ entry) => entry.message).join(', ');
  }
  const bodyMessage = /** @type {{ message?: unknown } | undefined} */ (e.body)?.message;
  if (typeof bodyMessage === 'string') return bodyMessage;
  if (typeof e.message === 'string') return e.message;
  return typeof e.statusText === 'string' ? e.statusText : 'Unknown error';
}
