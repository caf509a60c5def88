// `leadwire explain`: a conversation's decision and routing as a person reads it — the intake decision with
// its reasons, the signals, then each assignment with what made it (routing, an SLA re-route, the pool
// sweep, a person), the rule that matched and every candidate tried, by name, and the pool alert.
import {
  type Assignment,
  formatRoutingTime,
  personLabel,
  type RoutingTrace,
  traceText,
} from '@leadwire/connector-core';
import type { Explanation } from '../runtime/routing-service.ts';

function who(assignment: Assignment, names: Record<string, string>): string {
  const { assignee } = assignment;
  if (assignee.kind === 'pool') return 'the unassigned pool';
  return `${assignee.kind} ${personLabel(assignee.id, assignee.name ?? names[assignee.id])}`;
}

function isTrace(value: unknown): value is RoutingTrace & { jobKey?: string } {
  return typeof value === 'object' && value !== null && 'rule' in value && 'steps' in value;
}

/** What made the assignment, in words: a sweep assignment is the pool sweep's, not plain routing. */
export function assignmentCause(assignment: Assignment): string {
  const trace = isTrace(assignment.trace) ? assignment.trace : undefined;
  if (trace?.sweep || trace?.jobKey?.startsWith('sweep:')) return 'pool sweep';
  if (trace?.crmOwnerChange !== undefined) return 'owner changed in the CRM';
  switch (assignment.source) {
    case 'reroute':
      return assignment.exhaustedHops ? 'SLA re-routes used up' : `SLA re-route ${assignment.hops}`;
    case 'continuation':
      return 'continuation (existing owner)';
    case 'manual':
      return 'manual transfer';
    case 'claim':
      return 'claimed from the pool';
    default:
      return 'routing';
  }
}

export function formatExplanation(explanation: Explanation): string {
  const timezone = explanation.timezone ?? 'UTC';
  const names = explanation.names ?? {};
  const time = (ms: number): string => formatRoutingTime(ms, timezone);
  const lines = [`conversation ${explanation.conversationId}: ${explanation.state}`];
  if (explanation.decision !== undefined) {
    const { decision, reasons, at } = explanation.decision;
    lines.push(`decision: ${decision} at ${time(Date.parse(at))} (${reasons.join(', ') || 'no reasons'})`);
  }
  const signals = Object.entries(explanation.signals).map(
    ([name, value]) => `${name}=${JSON.stringify(value)}`,
  );
  if (signals.length > 0) lines.push(`signals: ${signals.join(' ')}`);
  if (explanation.history.length === 0) lines.push('routing: not routed yet');
  for (const assignment of explanation.history) {
    lines.push(`${time(assignment.at)} ${assignmentCause(assignment)} → ${who(assignment, names)}`);
    if (isTrace(assignment.trace)) {
      const text = assignment.trace.text ?? traceText(assignment.trace, names);
      lines.push(...text.map((line) => `    ${line}`));
    }
  }
  const current = explanation.assignment;
  if (current !== undefined) {
    lines.push(`now: ${who(current, names)}${current.closed ? ' (closed)' : ''}`);
    if (current.assignee.kind === 'pool') {
      const since = current.poolSince ?? current.at;
      const manager =
        explanation.poolManager === undefined
          ? 'nobody to alert'
          : personLabel(explanation.poolManager, names[explanation.poolManager]);
      lines.push(
        current.alertedAt === undefined
          ? `pool: waiting since ${time(since)}; ${manager} not alerted yet`
          : `pool alert: ${manager} alerted at ${time(current.alertedAt)} (waiting since ${time(since)})`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
