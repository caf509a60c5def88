// `leadwire explain`: a conversation's decision and routing as a person reads it — the intake decision with
// its reasons, the signals, then each assignment with the rule that matched and every candidate tried.
import type { Assignment, RoutingTrace } from '@leadwire/connector-core';
import type { Explanation } from '../runtime/routing-service.ts';

function who(assignment: Assignment): string {
  const { assignee } = assignment;
  if (assignee.kind === 'pool') return 'the unassigned pool';
  return `${assignee.kind} ${assignee.name === undefined ? assignee.id : `${assignee.name} (${assignee.id})`}`;
}

function traceLines(trace: RoutingTrace): string[] {
  const lines = [`    rule: ${trace.rule}`];
  for (const skipped of trace.rulesSkipped)
    lines.push(`    skipped rule ${skipped.rule}: ${skipped.failed} did not match`);
  for (const step of trace.steps) {
    lines.push(
      `    ${step.stage} target ${step.target}: ${step.outcome}${step.note === undefined ? '' : ` (${step.note})`}`,
    );
    for (const candidate of step.candidates) {
      lines.push(
        `      ${candidate.userId}: ${candidate.outcome}${candidate.reason === undefined ? '' : ` — ${candidate.reason}`}`,
      );
    }
  }
  if (trace.note !== undefined) lines.push(`    note: ${trace.note}`);
  return lines;
}

function isTrace(value: unknown): value is RoutingTrace {
  return typeof value === 'object' && value !== null && 'rule' in value && 'steps' in value;
}

export function formatExplanation(explanation: Explanation): string {
  const lines = [`conversation ${explanation.conversationId}: ${explanation.state}`];
  if (explanation.decision !== undefined) {
    const { decision, reasons, at } = explanation.decision;
    lines.push(`decision: ${decision} at ${at} (${reasons.join(', ') || 'no reasons'})`);
  }
  const signals = Object.entries(explanation.signals).map(
    ([name, value]) => `${name}=${JSON.stringify(value)}`,
  );
  if (signals.length > 0) lines.push(`signals: ${signals.join(' ')}`);
  if (explanation.history.length === 0) lines.push('routing: not routed yet');
  for (const assignment of explanation.history) {
    const at = new Date(assignment.at).toISOString();
    lines.push(
      `${at} ${assignment.source} → ${who(assignment)}${assignment.hops > 0 ? ` (re-route ${assignment.hops})` : ''}`,
    );
    if (isTrace(assignment.trace)) lines.push(...traceLines(assignment.trace));
  }
  const current = explanation.assignment;
  if (current !== undefined) lines.push(`now: ${who(current)}${current.closed ? ' (closed)' : ''}`);
  return `${lines.join('\n')}\n`;
}
