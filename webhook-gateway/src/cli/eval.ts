// `leadwire eval -c leadwire.yaml conversations.jsonl`: a tenant measures its own setup before launch. Each
// labelled conversation (expected signals, decision, assignee) is replayed through the same intake, policy
// and routing as `simulate` — offline, or with the tenant's model (`--llm`) — and scored on accuracy (every
// labelled field right) and actionability (the agent moved it forward), per field and per intent, against
// the tenant's `eval.thresholds`. Failing conversations are listed with what differed.
import { readFileSync } from 'node:fs';
import {
  type Config,
  type EvalConfig,
  type EvalField,
  evalFields,
  formatPath,
  LeadwireError,
  type LlmIntakeMode,
  type RoutedAssignee,
  systemClock,
} from '@leadwire/connector-core';
import { z } from 'zod';
import {
  type SimulateOptions,
  type SimulationResult,
  simulate,
  simulatedConversation,
  simulatedRouting,
  tenantIntakeModel,
} from './simulate.ts';

const expectedSchema = z.strictObject({
  /** a service id; null = no service should be captured */
  serviceType: z.string().min(1).nullable().optional(),
  /** a service area id; null = no area should be captured */
  area: z.string().min(1).nullable().optional(),
  urgency: z.enum(['urgent', 'normal', 'unknown']).optional(),
  language: z.string().min(2).optional(),
  intent: z.string().min(1).optional(),
  /** `clarify`: the agent should still be asking (neither a Lead nor an Inquiry yet) */
  decision: z.enum(['lead', 'inquiry', 'clarify']).optional(),
  /** a user id, `pool`, or `queue:<queue id or CRM id>` */
  assignee: z.string().min(1).optional(),
});

export const labelledConversation = simulatedConversation.extend({
  /** the intent the conversation is counted under; absent = `expected.intent`, else `(none)` */
  intent: z.string().min(1).optional(),
  expected: expectedSchema,
});
export type LabelledConversation = z.infer<typeof labelledConversation>;

export interface FieldScore {
  /** conversations that label the field */
  labelled: number;
  correct: number;
  accuracy: number | null;
  /** the field's threshold, when the config sets one */
  threshold?: number;
  pass: boolean;
}

export interface IntentScore {
  conversations: number;
  accurate: number;
  actionable: number;
  accuracy: number;
  actionability: number;
  pass: boolean;
  /** fewer conversations than `eval.minPerIntent`: a score to read with care */
  tooFew: boolean;
}

export interface EvalFailure {
  id: string;
  intent: string;
  /** each labelled field that differed, with what was expected and what came out */
  differences: Array<{ field: EvalField; expected: string; actual: string }>;
  /** the agent neither handed it over nor asked a next question */
  notActionable: boolean;
}

export interface EvalReport {
  tenant: string;
  mode: 'offline' | 'llm';
  /** LLM mode: when the model was asked (the tenant's `llm.intake`), how often, and how often it failed */
  model?: { intake: LlmIntakeMode; turns: number; calls: number; callsPerTurn: number; failures: number };
  conversations: number;
  accuracy: number;
  actionability: number;
  thresholds: EvalConfig['thresholds'];
  minPerIntent: number;
  fields: Partial<Record<EvalField, FieldScore>>;
  intents: Record<string, IntentScore>;
  failures: EvalFailure[];
  pass: boolean;
}

/** Read the labelled file: every line is checked before any runs, and a bad one is named with its problem. */
export function readLabelled(path: string): LabelledConversation[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LeadwireError('VALIDATION', `cannot read ${path}: ${(error as Error).message}`);
  }
  const lines = text.split('\n').map((line, i) => ({ line: line.trim(), number: i + 1 }));
  return lines
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (error) {
        throw new LeadwireError('VALIDATION', `${path}:${number}: not JSON: ${(error as Error).message}`);
      }
      const parsed = labelledConversation.safeParse(json);
      if (parsed.success) return parsed.data;
      const problems = parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
      throw new LeadwireError('VALIDATION', `${path}:${number}: ${problems.join('; ')}`);
    });
}

function assigneeText(assignee: RoutedAssignee | undefined): string {
  if (assignee === undefined) return 'none';
  if (assignee.kind === 'pool') return 'pool';
  return assignee.kind === 'queue' ? `queue:${assignee.id}` : assignee.id;
}

/** What the run produced for each field, as the labels write it. */
function predictedOf(result: SimulationResult): Record<EvalField, string | null> {
  const signal = (name: string): unknown => result.signals[name];
  const location = signal('location') as { areaId?: string } | undefined;
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  return {
    serviceType: text(signal('serviceType')),
    area: location?.areaId ?? null,
    urgency: text(signal('urgency')) ?? 'unknown',
    language: result.language ?? text(signal('language')),
    intent: text(signal('intent')),
    decision: result.state === 'handed_over' ? 'lead' : result.state === 'inquiry' ? 'inquiry' : 'clarify',
    assignee: assigneeText(result.assignee),
  };
}

function matches(
  field: EvalField,
  expected: string | null,
  actual: string | null,
  config: Config,
  tenantId: string,
) {
  if (field !== 'assignee' || expected === null || !expected.startsWith('queue:')) return expected === actual;
  const queue = config.tenants
    .find((t) => t.id === tenantId)
    ?.routing?.queues.find((q) => q.id === expected.slice(6));
  return actual === `queue:${queue?.crmId ?? expected.slice(6)}` || actual === expected;
}

const ratio = (n: number, d: number): number => (d === 0 ? 0 : Math.round((n / d) * 1000) / 1000);

export interface EvalOptions {
  tenantId?: string;
  /** ask the tenant's model (its `llm` section), as the runtime would */
  llm?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** Replay and score a tenant's labelled conversations against its `eval` thresholds. */
export async function evaluateTenant(
  config: Config,
  conversations: readonly LabelledConversation[],
  options: EvalOptions = {},
): Promise<EvalReport> {
  const tenant = config.tenants.find((t) =>
    options.tenantId === undefined ? t.intake !== undefined : t.id === options.tenantId,
  );
  if (tenant?.intake === undefined) {
    throw new LeadwireError(
      'VALIDATION',
      'eval needs a tenant with an intake section (use --tenant to pick one)',
    );
  }
  if (conversations.length === 0) throw new LeadwireError('VALIDATION', 'no labelled conversations to score');
  const simulateOptions: SimulateOptions = options.llm
    ? { intakeModel: tenantIntakeModel(tenant, options.env) }
    : {};
  const { thresholds, minPerIntent } = tenant.eval;
  const routing = simulatedRouting(config, undefined, tenant.id);
  const fieldCounts = new Map<EvalField, { labelled: number; correct: number }>();
  const intentCounts = new Map<string, { conversations: number; accurate: number; actionable: number }>();
  const failures: EvalFailure[] = [];
  let accurate = 0;
  let actionable = 0;
  const calls = { turns: 0, calls: 0, failures: 0 };

  for (const labelled of conversations) {
    const result = await simulate(config, labelled, systemClock, tenant.id, routing, simulateOptions);
    calls.turns += result.turns;
    for (const turn of result.model ?? []) {
      if (turn.asked) calls.calls += 1;
      if (turn.failed !== undefined) calls.failures += 1;
    }
    const predicted = predictedOf(result);
    const intent = labelled.intent ?? labelled.expected.intent ?? '(none)';
    const differences: EvalFailure['differences'] = [];
    for (const field of evalFields) {
      const expected = labelled.expected[field];
      if (expected === undefined) continue;
      const counts = fieldCounts.get(field) ?? { labelled: 0, correct: 0 };
      counts.labelled += 1;
      if (matches(field, expected, predicted[field], config, tenant.id)) counts.correct += 1;
      else differences.push({ field, expected: expected ?? 'none', actual: predicted[field] ?? 'none' });
      fieldCounts.set(field, counts);
    }
    // Moved forward: handed to a person, or the agent asks the customer its next question.
    const movedOn = predicted.decision !== 'clarify' || result.ask !== undefined;
    const counts = intentCounts.get(intent) ?? { conversations: 0, accurate: 0, actionable: 0 };
    counts.conversations += 1;
    if (differences.length === 0) {
      counts.accurate += 1;
      accurate += 1;
    }
    if (movedOn) {
      counts.actionable += 1;
      actionable += 1;
    }
    intentCounts.set(intent, counts);
    if (differences.length > 0 || !movedOn) {
      failures.push({ id: labelled.id, intent, differences, notActionable: !movedOn });
    }
  }

  const fields: EvalReport['fields'] = {};
  for (const [field, counts] of fieldCounts) {
    const threshold = thresholds.fields[field];
    const accuracy = ratio(counts.correct, counts.labelled);
    fields[field] = {
      ...counts,
      accuracy,
      ...(threshold === undefined ? {} : { threshold }),
      pass: threshold === undefined || accuracy >= threshold,
    };
  }
  const intents: EvalReport['intents'] = {};
  for (const [intent, counts] of [...intentCounts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const accuracy = ratio(counts.accurate, counts.conversations);
    const actionability = ratio(counts.actionable, counts.conversations);
    intents[intent] = {
      ...counts,
      accuracy,
      actionability,
      pass: accuracy >= thresholds.accuracy && actionability >= thresholds.actionability,
      tooFew: counts.conversations < minPerIntent,
    };
  }
  const report: Omit<EvalReport, 'pass'> = {
    tenant: tenant.id,
    mode: options.llm ? 'llm' : 'offline',
    ...(options.llm && tenant.llm !== undefined
      ? { model: { intake: tenant.llm.intake, ...calls, callsPerTurn: ratio(calls.calls, calls.turns) } }
      : {}),
    conversations: conversations.length,
    accuracy: ratio(accurate, conversations.length),
    actionability: ratio(actionable, conversations.length),
    thresholds,
    minPerIntent,
    fields,
    intents,
    failures,
  };
  const pass =
    report.accuracy >= thresholds.accuracy &&
    report.actionability >= thresholds.actionability &&
    Object.values(fields).every((score) => score.pass) &&
    Object.values(intents).every((score) => score.pass);
  return { ...report, pass };
}

const percent = (value: number | null): string => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);

/** The report as a person reads it: totals, per intent, per field, then each failing conversation. */
export function formatEvalReport(report: EvalReport): string {
  const { thresholds } = report;
  const mark = (pass: boolean) => (pass ? 'pass' : 'FAIL');
  const lines = [
    `eval of tenant ${report.tenant} (${report.mode}): ${report.conversations} conversations — ${mark(report.pass)}`,
    `accuracy ${percent(report.accuracy)} (threshold ${percent(thresholds.accuracy)}), actionability ${percent(report.actionability)} (threshold ${percent(thresholds.actionability)})`,
  ];
  const model = report.model;
  if (model !== undefined)
    lines.push(
      `model calls: ${model.calls} in ${model.turns} turns, ${model.callsPerTurn.toFixed(2)} per turn (llm.intake ${model.intake}), ${model.failures} failed`,
    );
  lines.push('per intent:');
  for (const [intent, score] of Object.entries(report.intents)) {
    const few = score.tooFew ? ` — only ${score.conversations} of the ${report.minPerIntent} to trust` : '';
    lines.push(
      `  ${intent}: ${score.conversations} conversation${score.conversations === 1 ? '' : 's'}, accuracy ${percent(score.accuracy)}, actionability ${percent(score.actionability)} ${mark(score.pass)}${few}`,
    );
  }
  lines.push('per field:');
  for (const [field, score] of Object.entries(report.fields)) {
    const threshold =
      score.threshold === undefined ? '' : ` (threshold ${percent(score.threshold)}) ${mark(score.pass)}`;
    lines.push(`  ${field}: ${score.correct}/${score.labelled} ${percent(score.accuracy)}${threshold}`);
  }
  if (report.failures.length > 0) lines.push('failing conversations:');
  for (const failure of report.failures) {
    const what = failure.differences.map((d) => `${d.field} expected ${d.expected}, got ${d.actual}`);
    if (failure.notActionable) what.push('not actionable: neither handed over nor asking a next question');
    lines.push(`  ${failure.id} [${failure.intent}]: ${what.join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The `eval` command: prints the report (or JSON); the exit code is 1 below the thresholds. */
export async function runEvalCommand(
  config: Config,
  file: string,
  options: { tenant?: string; llm?: boolean; json?: boolean },
): Promise<number> {
  const report = await evaluateTenant(config, readLabelled(file), {
    ...(options.tenant === undefined ? {} : { tenantId: options.tenant }),
    llm: options.llm === true,
  });
  process.stdout.write(
    options.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatEvalReport(report),
  );
  return report.pass ? 0 : 1;
}
