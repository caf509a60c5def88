// A routing trace in words, one line each, the way a person asks about it: which rule, which targets,
// every candidate by name and id with why they were passed over (off shift until when, away, offline in
// the CRM, already held it), and the numbers behind the winner, with times in the routing time zone.
// `leadwire explain`, `simulate`, the HubSpot card and the Salesforce component all show these lines.
import type { Assignee, RoutingTrace, TraceCandidate, TraceStep } from './route.ts';

const FORMATTERS = new Map<string, { time: Intl.DateTimeFormat; day: Intl.DateTimeFormat }>();

function formattersFor(timezone: string) {
  let formatters = FORMATTERS.get(timezone);
  if (formatters === undefined) {
    formatters = {
      time: new Intl.DateTimeFormat('en-GB', {
        timeZone: timezone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
      day: new Intl.DateTimeFormat('en-GB', {
        timeZone: timezone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
      }),
    };
    FORMATTERS.set(timezone, formatters);
  }
  return formatters;
}

/** `09:00 Asia/Riyadh` on the day of `reference`, else `Sun 8 Mar 09:00 Asia/Riyadh`. */
export function formatRoutingTime(ms: number, timezone: string, reference?: number): string {
  const { time, day } = formattersFor(timezone);
  const sameDay = reference !== undefined && day.format(ms) === day.format(reference);
  return `${sameDay ? '' : `${day.format(ms)} `}${time.format(ms)} ${timezone}`;
}

/** `Sara (101)`, or the id alone when the name is unknown. */
export function personLabel(userId: string, name?: string): string {
  return name === undefined ? userId : `${name} (${userId})`;
}

const CONDITION_WORDS: Record<string, string> = {
  serviceType: 'service',
  area: 'service area',
  urgency: 'urgency',
  language: 'language',
  intent: 'intent',
  decision: 'decision',
  customer: 'new or returning customer',
  businessHours: 'business hours',
};

function targetWords(target: string, names: Record<string, string>): string {
  const [kind, ...rest] = target.split(':');
  const value = rest.join(':');
  if (kind === 'group') return `group ${value}`;
  if (kind === 'user') return `user ${personLabel(value, names[value])}`;
  if (kind === 'queue') return `queue ${value}`;
  if (kind === 'recordOwner') return 'record owner';
  if (kind === 'offlineTransfer') return `offline transfer to ${targetWords(value, names)}`;
  return kind ?? target;
}

function numbersWords(candidate: TraceCandidate, timezone: string, at: number | undefined): string {
  const numbers = candidate.numbers;
  if (numbers === undefined) return '';
  const last =
    numbers.lastAssignedAt === undefined
      ? 'never assigned'
      : `last assigned ${formatRoutingTime(numbers.lastAssignedAt, timezone, at)}`;
  const plural = numbers.inWindow === 1 ? '' : 's';
  return ` — ${last}, ${numbers.inWindow} assignment${plural} in the last ${numbers.windowMinutes} min, ${numbers.open} open`;
}

function skipWords(candidate: TraceCandidate, trace: RoutingTrace, timezone: string): string {
  switch (candidate.reason) {
    case 'offline':
      if (candidate.offline === 'off_shift') {
        return candidate.until === undefined
          ? 'off_shift (no working hours ahead)'
          : `off_shift until ${formatRoutingTime(candidate.until, timezone, trace.at)}`;
      }
      if (candidate.offline === 'away') return 'away (declared)';
      if (candidate.offline === 'offline_in_crm') return 'offline in CRM';
      return 'offline';
    case 'excluded':
      return trace.reroute === undefined
        ? 'already held it'
        : `already held it (SLA re-route ${trace.reroute.number})`;
    case 'inactive':
      return 'inactive in the CRM';
    case 'at_capacity':
      return 'at capacity (maxOpen reached)';
    case 'skill_mismatch':
      return "lacks the service's skills";
    case 'area_mismatch':
      return 'does not cover the service area';
    case 'language_mismatch':
      return "does not speak the customer's language";
    case 'missing':
      return 'not in the directory';
    default:
      return candidate.reason ?? '';
  }
}

function candidateLine(
  candidate: TraceCandidate,
  trace: RoutingTrace,
  names: Record<string, string>,
): string {
  const timezone = trace.timezone ?? 'UTC';
  const who = personLabel(candidate.userId, candidate.name ?? names[candidate.userId]);
  if (candidate.outcome === 'skipped') return `  ${who}: ${skipWords(candidate, trace, timezone)}`;
  return `  ${who}: ${candidate.outcome}${numbersWords(candidate, timezone, trace.at)}`;
}

const OUTCOME_WORDS: Record<TraceStep['outcome'], string> = {
  chosen: 'chosen',
  nobody: 'nobody',
  skipped: 'skipped',
};

function assigneeWords(assignee: Assignee, names: Record<string, string>): string {
  if (assignee.kind === 'pool') return 'the pool';
  const label = personLabel(assignee.id, assignee.name ?? names[assignee.id]);
  return assignee.kind === 'queue' ? `queue ${label}` : label;
}

/** The trace as lines of text; `names` fills in names an older trace did not store. */
export function traceText(trace: RoutingTrace, names: Record<string, string> = {}): string[] {
  const change = trace.crmOwnerChange;
  if (change !== undefined) {
    return [
      `owner changed in the CRM: ${assigneeWords(change.from, names)} → ${assigneeWords(change.to, names)}`,
      'read from the CRM record; Leadwire follows it (no SLA re-route, routing does not undo it)',
    ];
  }
  const lines: string[] = [];
  if (trace.sweep) lines.push('pool sweep: offered again from the pool');
  const reroute = trace.reroute;
  if (reroute !== undefined) {
    lines.push(
      reroute.number > reroute.maxHops
        ? `nobody answered after ${reroute.maxHops} SLA re-routes (maxHops ${reroute.maxHops}): to the pool`
        : `SLA re-route ${reroute.number} of at most ${reroute.maxHops} (maxHops)`,
    );
  }
  lines.push(`rule ${trace.rule}`);
  for (const skipped of trace.rulesSkipped) {
    lines.push(
      `  rule ${skipped.rule} skipped: ${CONDITION_WORDS[skipped.failed] ?? skipped.failed} did not match`,
    );
  }
  for (const step of trace.steps) {
    const stage = step.stage === 'alternate' ? 'alternate ' : '';
    const note = step.note === undefined ? '' : ` (${step.note})`;
    lines.push(`${stage}${targetWords(step.target, names)}: ${OUTCOME_WORDS[step.outcome]}${note}`);
    for (const candidate of step.candidates) lines.push(candidateLine(candidate, trace, names));
  }
  // The re-route notes repeat the header line above; any other note (a rule that no longer exists) stays.
  const note = trace.note;
  if (
    note !== undefined &&
    (reroute === undefined || !/^(re-route of rule|SLA re-routes reached)/.test(note))
  ) {
    lines.push(note);
  }
  return lines;
}
