// Human-readable labels for the machine-readable codes the backend sends (decision reasons, skip reasons,
// signal names, trace targets). Unknown codes are shown as they are rather than hidden.

const REASONS: Record<string, string> = {
  human_requested: 'The customer asked for a person',
  negative_sentiment: 'The customer sounded unhappy',
  voice_unclear: 'A voice note could not be transcribed',
  llm_escalated: 'The AI assistant handed it to a person',
  bot_loop: 'The agent made no progress for several turns',
  outside_service_area: 'Outside the service area',
  all_signals_present: 'Everything needed was captured',
  all_signals_confirmed: 'The customer confirmed the details',
  clarified_once: 'Still unclear after one clarifying question',
  customer_changing: 'The customer is changing the details',
  human_active: 'A person is handling the conversation',
  already_handed_over: 'Already handed over',
  already_inquiry: 'Already an inquiry',
};

const TOPICS: Record<string, string> = {
  refund: 'refund',
  complaint: 'complaint',
  legal: 'legal matter',
  medical: 'medical matter',
  cancellation: 'cancellation',
};

const QUESTIONS: Record<string, string> = {
  serviceType: 'service',
  location: 'location',
  timing: 'timing',
  urgency: 'urgency',
  confirm: 'confirmation',
};

/** `sensitive:refund` → "Sensitive topic: refund"; unknown codes come back unchanged. */
export function reasonLabel(code: string): string {
  const known = REASONS[code];
  if (known !== undefined) return known;
  const [prefix, rest] = [code.slice(0, code.indexOf(':')), code.slice(code.indexOf(':') + 1)];
  if (code.includes(':')) {
    if (prefix === 'sensitive') return `Sensitive topic: ${TOPICS[rest] ?? rest.replaceAll('_', ' ')}`;
    if (prefix === 'missing') return `Still missing: ${QUESTIONS[rest] ?? rest}`;
    if (prefix === 'low_confidence') return `Unsure what the customer wants (${rest})`;
    if (prefix === 'answered') return `Answered from the knowledge base (${rest})`;
  }
  return code;
}

const MODEL_WHY: Record<string, string> = {
  always: 'it is asked on every turn',
  sure: 'the rules read everything surely',
  rules_escalate: 'the rules already handed it to a person',
  settled: 'the conversation was already handed over',
  voice: 'a voice transcript',
  injection: 'words that instruct the agent',
  unknown_place: 'a place that matched no area',
  unplaced_question: 'a question about no known service',
};

/** Whether the AI model was asked on the last turn, and why: "AI asked: service not read; a voice transcript". */
export function modelLabel(model: { asked: boolean; why: string[]; failed?: string }): string {
  const why = model.why.map((code) => {
    const known = MODEL_WHY[code];
    if (known !== undefined) return known;
    const [prefix, rest] = [code.slice(0, code.indexOf(':')), code.slice(code.indexOf(':') + 1)];
    const name = QUESTIONS[rest] ?? rest;
    if (prefix === 'unread') return `${name} not read`;
    if (prefix === 'low_confidence') return `${name} only guessed`;
    if (prefix === 'conflict') return `${name} differs from earlier`;
    return code;
  });
  const failed =
    model.failed === undefined ? '' : ` (the call failed: ${model.failed}; the rules' result stood)`;
  return `${model.asked ? 'AI asked' : 'AI not asked'}: ${why.join('; ')}${failed}`;
}

export const DECISION_LABELS: Record<string, string> = {
  lead: 'Lead',
  inquiry: 'Inquiry (handed to a person)',
  continue: 'Intake in progress',
  silent: 'Agent silent',
};

export const SKIP_REASON_LABELS: Record<string, string> = {
  inactive: 'inactive',
  offline: 'offline or outside working hours',
  at_capacity: 'at capacity',
  skill_mismatch: 'lacks a needed skill',
  area_mismatch: 'does not cover the area',
  language_mismatch: 'does not speak the language',
  excluded: 'already held it (SLA re-route)',
  missing: 'not in the directory',
};

export const SIGNAL_LABELS: Record<string, string> = {
  serviceType: 'Service',
  location: 'Location',
  urgency: 'Urgency',
  timing: 'Timing',
  budget: 'Budget',
  language: 'Language',
  name: 'Name',
  intent: 'Intent',
  sentiment: 'Sentiment',
  humanRequested: 'Asked for a person',
};

export const SOURCE_LABELS: Record<string, string> = {
  rule: 'rules',
  llm: 'AI',
  'customer-confirmed': 'confirmed by customer',
};

export const ASSIGNMENT_SOURCE_LABELS: Record<string, string> = {
  routing: 'routing',
  reroute: 'SLA re-route',
  continuation: 'existing owner',
  manual: 'manual transfer',
  claim: 'claimed from the pool',
};

/** `group:jeddah-team` → "Group jeddah-team"; `offlineTransfer:user:102` → "Offline transfer to user 102". */
export function targetLabel(target: string, users: Record<string, string> = {}): string {
  const parts = target.split(':');
  const [kind, id, more] = parts;
  if (kind === 'offlineTransfer') return `Offline transfer to ${targetLabel(`${id}:${more ?? ''}`, users)}`;
  if (kind === 'group') return `Group ${id}`;
  if (kind === 'user') return `User ${users[id ?? ''] ?? id}`;
  if (kind === 'queue') return `Queue ${id}`;
  if (kind === 'recordOwner') return 'Record owner';
  if (kind === 'admin') return 'Admin';
  if (kind === 'unassigned') return 'Unassigned pool';
  return target;
}

export function percent(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}

/** ISO → "2026-05-04 14:05 UTC"-like text in the given time zone (the portal's), falling back to UTC. */
export function formatTime(iso: string | number, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  try {
    return new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: timeZone ?? 'UTC',
    }).format(date);
  } catch {
    return date.toISOString();
  }
}
