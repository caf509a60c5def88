// `leadwire simulate --scenario FILE`: replay a routing scenario — the tenant's state, a start time and
// timed events — through the runtime's routing (route step, SLA re-route, pool alert, backlog sweep) on a
// simulated clock, and print who holds each conversation after every event, with the trace, checked
// against the assignees the scenario expects.
import { readFileSync } from 'node:fs';
import {
  type Assignment,
  type Config,
  formatPath,
  formatRoutingTime,
  type IntakeOutcome,
  LeadwireError,
  namesOf,
  personLabel,
  type RoutingConfig,
  type RoutingNotice,
  type RoutingScenario,
  routingScenarioSchema,
  runRoutingScenario,
  type ScenarioConversation,
  type ScenarioRun,
  signalsOf,
  systemClock,
} from '@leadwire/connector-core';
import { parse as parseYaml } from 'yaml';
import { assignmentCause } from './explain.ts';
import { replayIntake, simulatedConversation } from './simulate.ts';

/** Read a scenario file (YAML or JSON); problems are a VALIDATION error naming each path. */
export function loadScenario(path: string): RoutingScenario {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new LeadwireError('VALIDATION', `scenario ${path}: ${(error as Error).message}`, { cause: error });
  }
  const result = routingScenarioSchema.safeParse(data ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  throw new LeadwireError('VALIDATION', `scenario ${path} is not valid:\n  ${problems.join('\n  ')}`);
}

/**
 * Run a scenario: its own `routing` section, else the tenant's from `config`. With a config, conversations
 * given as messages go through the tenant's intake first.
 */
export async function simulateScenario(
  scenario: RoutingScenario,
  config: Config | undefined,
  tenantId?: string,
): Promise<ScenarioRun> {
  const tenant = config?.tenants.find((t) =>
    tenantId === undefined ? t.routing !== undefined : t.id === tenantId,
  );
  const routing: RoutingConfig | undefined = scenario.routing ?? tenant?.routing;
  if (routing === undefined) {
    throw new LeadwireError(
      'VALIDATION',
      'the scenario has no routing section: add one, or give a config (-c) with a tenant that routes',
    );
  }
  const serviceSkills =
    scenario.serviceSkills ??
    Object.fromEntries((tenant?.intake?.services ?? []).map((service) => [service.id, service.skills]));
  const intake =
    config === undefined
      ? undefined
      : async (conversation: ScenarioConversation, at: number): Promise<IntakeOutcome> => {
          const input = simulatedConversation.parse({
            id: conversation.id,
            messages: conversation.messages,
            at: new Date(at).toISOString(),
          });
          const replay = await replayIntake(config, input, systemClock, tenant?.id);
          const { state } = replay.conversation;
          return {
            signals: signalsOf(replay.conversation.signals),
            decision: state === 'handed_over' ? 'lead' : state === 'inquiry' ? 'inquiry' : undefined,
          };
        };
  return runRoutingScenario(scenario, {
    routing,
    serviceSkills,
    ...(tenant === undefined ? {} : { tenantId: tenant.id }),
    ...(intake === undefined ? {} : { intake }),
  });
}

function holderWords(assignment: Assignment | undefined, names: Record<string, string>): string {
  if (assignment === undefined) return 'not routed';
  const { assignee } = assignment;
  if (assignee.kind === 'pool') return 'the pool';
  if (assignee.kind === 'queue') return `queue ${assignee.name ?? assignee.id} (${assignee.id})`;
  return `${personLabel(assignee.id, assignee.name ?? names[assignee.id])}${assignment.closed ? ' (closed)' : ''}`;
}

function noticeWords(
  notice: RoutingNotice,
  names: Record<string, string>,
  timezone: string,
): string | undefined {
  if (notice.type !== 'pool_alert') return undefined;
  return `pool alert: ${personLabel(notice.manager, names[notice.manager])} alerted about ${notice.conversationId}, waiting since ${formatRoutingTime(notice.waitingSince, timezone)}`;
}

/** The run as a person reads it: each event, the assignments it caused with their traces, and the checks. */
export function formatScenarioRun(run: ScenarioRun): string {
  const names = namesOf(run.directory);
  const time = (ms: number) => formatRoutingTime(ms, run.timezone);
  const lines: string[] = [];
  if (run.name !== undefined) lines.push(`scenario: ${run.name}`);
  for (const step of run.steps) {
    lines.push(`${time(step.at)}  ${step.label}${step.note === undefined ? '' : ` — ${step.note}`}`);
    for (const { conversationId, assignment } of step.changes) {
      const at = assignment.at === step.at ? '' : ` at ${time(assignment.at)}`;
      lines.push(
        `  ${conversationId} → ${holderWords(assignment, names)} (${assignmentCause(assignment)}${at})`,
      );
      const trace = assignment.trace as { text?: string[] } | undefined;
      for (const line of trace?.text ?? []) lines.push(`      ${line}`);
    }
    for (const notice of step.notices) {
      const words = noticeWords(notice, names, run.timezone);
      if (words !== undefined) lines.push(`  ${words}`);
    }
    for (const { conversationId, assignment } of step.holders) {
      if (!step.changes.some((change) => change.conversationId === conversationId))
        lines.push(`  ${conversationId} stays with ${holderWords(assignment, names)}`);
    }
    for (const check of step.checks) {
      lines.push(
        check.ok
          ? `  ✓ ${check.conversationId}: ${check.expected}`
          : `  ✗ ${check.conversationId}: expected ${check.expected}, got ${check.actual}`,
      );
    }
  }
  const checks = run.steps.flatMap((step) => step.checks);
  const failed = checks.filter((check) => !check.ok).length;
  lines.push(
    `${checks.length - failed} of ${checks.length} expectations met${failed === 0 ? '' : ` — ${failed} failed`}`,
  );
  return `${lines.join('\n')}\n`;
}

/** The `simulate --scenario` command: prints the run; the exit code is 1 when an expectation failed. */
export async function runScenarioCommand(
  path: string,
  config: Config | undefined,
  options: { tenant?: string; json?: boolean },
): Promise<number> {
  const run = await simulateScenario(loadScenario(path), config, options.tenant);
  process.stdout.write(options.json === true ? `${JSON.stringify(run, null, 2)}\n` : formatScenarioRun(run));
  return run.passed ? 0 : 1;
}
