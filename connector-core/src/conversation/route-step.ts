// The "route" turn step: once the policy made a conversation a Lead or an Inquiry, choose its owner with the
// pure `route()` and claim it with a compare-and-set in the Assignments store, then schedule what follows
// (the SLA re-route check for a routed user, the manager alert for the pool). An open assignment — however
// it was made — is kept by later turns. Also the claim loop and the follow-up scheduling the routing jobs
// (SLA re-route, backlog sweep) share.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Conversation } from '../model/conversation.ts';
import { LeadwireError } from '../model/errors.ts';
import { type Signals, signalsOf } from '../model/signals.ts';
import type { Assignment, AssignmentSource, Assignments } from '../ports/assignments.ts';
import type { Clock } from '../ports/clock.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import type { TurnHandler, TurnStep } from '../ports/turn-handler.ts';
import type { Directory } from '../routing/directory.ts';
import { poolAlertAt } from '../routing/pool.ts';
import {
  NO_RULE,
  namesOf,
  type RecordOwnerRef,
  type RoutingDecision,
  type RoutingTrace,
  route,
} from '../routing/route.ts';
import type { RoutingConfig } from '../routing/routing-schema.ts';
import { slaDelayMs } from '../routing/sla.ts';
import { traceText } from '../routing/trace-text.ts';

/** The most a worker steps aside after losing a race for the same person, times the attempt (ms). */
const CONFLICT_JITTER_MS = 15;

/** A tenant's routing and the skills each of its services needs (intake.services[].skills). */
export interface TenantRouting {
  routing: RoutingConfig;
  serviceSkills: Record<string, string[]>;
}

/** Where the routing of a tenant comes from; shared by the route step and the routing jobs. */
export interface RoutingSources {
  /** the tenant's routing; undefined = the tenant does not route (conversations are left unassigned) */
  routingFor(tenantId: string): TenantRouting | undefined;
  /** the CRM's users overlaid by `routing.users` (see `buildDirectory`) */
  directoryFor(tenantId: string): Promise<Directory>;
  assignments: Assignments;
  clock: Clock;
  /** users online in the CRM; undefined (or absent) where the CRM reports no presence */
  crmOnlineFor?: ((tenantId: string) => Promise<Set<string> | undefined>) | undefined;
  /** owners of the customer's existing CRM records (lead/contact/opportunity); default: none */
  existingOwnersFor?: ((conversation: Conversation) => Promise<RecordOwnerRef[]>) | undefined;
  /**
   * The owner the CRM shows now on the record Leadwire wrote for the conversation (its Lead or Inquiry), read
   * when a turn runs; undefined = not known. A different owner than the assignment's means someone reassigned
   * it inside the CRM, and routing follows. Absent = owners change only through Leadwire.
   */
  recordOwnerFor?: ((conversation: Conversation) => Promise<string | undefined>) | undefined;
}

export interface RouteStepOptions extends RoutingSources {
  /** schedules the SLA check and the pool alert; without it nothing is scheduled (simulation) */
  queue?: JobQueue | undefined;
  /** how many times a claim is retried when another worker assigned the chosen user first @defaultValue 5 */
  maxClaimTries?: number;
}

/** Job names of the routing follow-ups (handlers in `runtime/routing-jobs.ts`). */
export const ROUTING_JOB = {
  sla: 'routing.sla',
  poolAlert: 'routing.pool-alert',
  sweep: 'routing.sweep',
} as const;

/** The data of an SLA check or a pool alert: the assignment version it was scheduled for. */
export interface AssignmentJobData {
  conversationId: string;
  tenantId: string;
  version: number;
  [key: string]: unknown;
}

export const slaJobId = (conversationId: string, version: number): string =>
  `sla:${conversationId}:${version}`;
export const poolAlertJobId = (conversationId: string, version: number): string =>
  `pool-alert:${conversationId}:${version}`;

/**
 * The trace stored with an assignment: `route()`'s trace plus what made the change — the turn step's
 * idempotency key or the job's id — so a step or job re-run after a crash recognises its own claim.
 */
export type StoredRoutingTrace = RoutingTrace & {
  turnKey?: string;
  jobKey?: string;
  via?: RoutingDecision['via'];
};

export function storedTraceOf(assignment: Assignment | undefined): StoredRoutingTrace | undefined {
  const trace = assignment?.trace;
  return typeof trace === 'object' && trace !== null ? (trace as StoredRoutingTrace) : undefined;
}

/** SLA re-routes apply to assignments routing made (not manual transfers, claims, or queues). */
const SLA_SOURCES: ReadonlySet<AssignmentSource> = new Set(['routing', 'reroute', 'continuation']);

export function hasSla(assignment: Assignment): boolean {
  return !assignment.closed && assignment.assignee.kind === 'user' && SLA_SOURCES.has(assignment.source);
}

/**
 * Schedule what an assignment waits for: the SLA check for a routed user (at `at` + the SLA delay), the
 * manager alert for a pool item not alerted yet (at `poolSince` + `pool.alertAfterHours`). Nothing for a
 * queue, a manual transfer or a claim. Stable job ids make it safe to call again after a crash.
 */
export async function scheduleFollowUp(
  queue: JobQueue | undefined,
  routing: RoutingConfig,
  assignment: Assignment,
  nowMs: number,
): Promise<string | undefined> {
  if (queue === undefined || assignment.closed) return undefined;
  const data: AssignmentJobData = {
    conversationId: assignment.conversationId,
    tenantId: assignment.tenantId,
    version: assignment.version,
  };
  if (hasSla(assignment)) {
    const dueAt = assignment.at + slaDelayMs(routing, assignment.urgent);
    return queue.add({
      name: ROUTING_JOB.sla,
      id: slaJobId(assignment.conversationId, assignment.version),
      delayMs: Math.max(0, dueAt - nowMs),
      data,
    });
  }
  if (assignment.assignee.kind === 'pool' && assignment.alertedAt === undefined) {
    const dueAt = poolAlertAt(routing, assignment.poolSince ?? assignment.at);
    return queue.add({
      name: ROUTING_JOB.poolAlert,
      id: poolAlertJobId(assignment.conversationId, assignment.version),
      delayMs: Math.max(0, dueAt - nowMs),
      data,
    });
  }
  return undefined;
}

/** The intake decision routing matches on: from the state the policy left (a person's takeover keeps it). */
export function intakeDecisionOf(conversation: Conversation): 'lead' | 'inquiry' {
  const state = conversation.state === 'human' ? conversation.stateBeforeHuman : conversation.state;
  return state === 'handed_over' ? 'lead' : 'inquiry';
}

/** The conversation with `ownerId` naming the assignee (a user or a queue); none for the pool. */
export function withOwner(conversation: Conversation, assignment: Assignment | undefined): Conversation {
  const { ownerId: _previous, ...rest } = conversation;
  if (assignment === undefined || assignment.assignee.kind === 'pool') return rest;
  return { ...rest, ownerId: assignment.assignee.id };
}

export interface ClaimRequest {
  tenant: TenantRouting;
  tenantId: string;
  conversationId: string;
  signals: Signals;
  decision: 'lead' | 'inquiry';
  /** the assignment read before routing (its version is the compare-and-set's) */
  current: Assignment | undefined;
  returning: boolean;
  existingOwners: RecordOwnerRef[];
  /** SLA re-route: the rule, the holders to exclude and the hops so far come from `current` */
  reroute?: boolean;
  /** what made the change, stored in the trace (`turnKey` or `jobKey`) */
  cause: { turnKey: string } | { jobKey: string };
  /** assign only when routing found a person (the backlog sweep leaves the rest in the pool) */
  onlyUsers?: boolean;
  /** the backlog sweep offers it again from the pool (the trace says so) */
  sweep?: boolean;
  maxTries?: number;
}

export type ClaimOutcome =
  | {
      status: 'assigned';
      assignment: Assignment;
      decision: RoutingDecision;
      previous: Assignment | undefined;
    }
  /** someone else changed the assignment first; `current` is theirs */
  | { status: 'taken'; current: Assignment | undefined }
  /** `onlyUsers` and routing found nobody */
  | { status: 'nobody'; decision: RoutingDecision };

/** `continuation` when the conversation went to an existing owner through a `recordOwner` target. */
function sourceOf(request: ClaimRequest, decision: RoutingDecision, directory: Directory): AssignmentSource {
  if (request.reroute) return 'reroute';
  if (decision.assignee.kind !== 'user' || decision.via === 'pool' || decision.targetIndex === undefined) {
    return 'routing';
  }
  const { routing } = request.tenant;
  const targets =
    decision.via === 'rule'
      ? routing.rules.find((rule) => rule.id === decision.ruleId)?.targets
      : routing.alternates;
  const target = targets?.[decision.targetIndex];
  if (target === undefined || !('recordOwner' in target)) return 'routing';
  // The offline-owner transfer decides through the same target but gives the work to someone new.
  const resolve = (id: string): string => directory.aliases?.[id] ?? id;
  const owner = request.existingOwners.some((ref) => resolve(ref.ownerId) === decision.assignee.id);
  return owner ? 'continuation' : 'routing';
}

/**
 * Route, then claim with compare-and-set on the assignment's version and on the chosen user's assignment
 * count (fairness between workers): a `user_count` conflict re-reads the stats and routes again, a
 * `version` conflict means someone else assigned the conversation and theirs stands.
 */
export async function routeAndClaim(sources: RoutingSources, request: ClaimRequest): Promise<ClaimOutcome> {
  const { assignments, clock } = sources;
  const { routing, serviceSkills } = request.tenant;
  const directory = await sources.directoryFor(request.tenantId);
  const userIds = directory.users.map((user) => user.id);
  const presence = await assignments.presence(request.tenantId);
  const crmOnline = await sources.crmOnlineFor?.(request.tenantId);
  const maxTries = request.maxTries ?? 8;
  const current = request.current;
  const existingOwner = request.existingOwners[0];

  for (let attempt = 1; attempt <= maxTries; attempt++) {
    const nowMs = clock.now();
    const windowMs = routing.leastActiveWindowMinutes * 60_000;
    const stats = await assignments.stats(request.tenantId, userIds, nowMs, windowMs);
    const decision = route({
      conversation: {
        id: request.conversationId,
        returning: request.returning,
        existingOwner,
        existingOwners: request.existingOwners,
      },
      signals: request.signals,
      decision: request.decision,
      directory,
      presence,
      crmOnline,
      stats,
      routing,
      now: new Date(nowMs),
      serviceSkills,
      sweep: request.sweep,
      ...(request.reroute && current !== undefined
        ? { exclude: current.holders, ruleId: current.ruleId, hops: current.hops }
        : {}),
    });
    if (request.onlyUsers && decision.assignee.kind !== 'user') return { status: 'nobody', decision };
    const { assignee } = decision;
    const trace: StoredRoutingTrace = { ...decision.trace, via: decision.via, ...request.cause };
    const result = await assignments.assign({
      tenantId: request.tenantId,
      conversationId: request.conversationId,
      assignee,
      source: sourceOf(request, decision, directory),
      ruleId: decision.ruleId,
      urgent: decision.urgent,
      at: nowMs,
      trace,
      expectedVersion: current?.version ?? 0,
      expectedUserCount: assignee.kind === 'user' ? (stats.users[assignee.id]?.count ?? 0) : undefined,
      exhaustedHops: decision.exhaustedHops,
    });
    if (result.status === 'assigned') {
      return { status: 'assigned', assignment: result.assignment, decision, previous: current };
    }
    if (result.reason === 'version') return { status: 'taken', current: result.current };
    // Another worker gave the same person a conversation first: step aside a random moment so workers that
    // routed at the same instant do not collide again on the next person.
    await sleep(Math.random() * CONFLICT_JITTER_MS * attempt);
  }
  throw new LeadwireError(
    'CONFLICT',
    `conversation ${request.conversationId}: the chosen owner was assigned by another worker ${maxTries} times in a row; retrying`,
    { retryAfterMs: 250 },
  );
}

/**
 * Who already works this customer: the CRM's record owners, and the last person who held the
 * conversation's closed assignment (as the lead owner).
 */
export async function existingOwnersOf(
  sources: RoutingSources,
  conversation: Conversation,
  closed: Assignment | undefined,
): Promise<RecordOwnerRef[]> {
  const owners = [...((await sources.existingOwnersFor?.(conversation)) ?? [])];
  const lastHolder = closed?.closed ? closed.holders.at(-1) : undefined;
  if (lastHolder !== undefined && !owners.some((owner) => owner.ownerId === lastHolder)) {
    owners.push({ ownerId: lastHolder, kind: 'lead' });
  }
  return owners;
}

/**
 * Someone reassigned the conversation's record inside the CRM: the assignment follows as a person's choice
 * (like a manual transfer: no SLA re-route, never undone by routing), so capacity and continuation count
 * the new owner, and its trace says where the change came from. Returns the assignment that stands.
 */
export async function followCrmOwner(
  sources: RoutingSources,
  conversation: Conversation,
  current: Assignment,
  routing: RoutingConfig,
): Promise<Assignment> {
  const crmOwner = await sources.recordOwnerFor?.(conversation);
  if (crmOwner === undefined || crmOwner === current.assignee.id) return current;
  const directory = await sources.directoryFor(current.tenantId);
  const userId = directory.aliases?.[crmOwner] ?? crmOwner;
  const user = directory.users.find((candidate) => candidate.id === userId);
  const queue = directory.queues.find((candidate) => candidate.crmId === crmOwner);
  const assignee: Assignment['assignee'] =
    queue !== undefined
      ? { kind: 'queue', id: queue.crmId, name: queue.name ?? queue.id }
      : { kind: 'user', id: userId, ...(user?.name === undefined ? {} : { name: user.name }) };
  const now = sources.clock.now();
  const trace: RoutingTrace = {
    rule: current.ruleId ?? NO_RULE,
    rulesSkipped: [],
    steps: [],
    at: now,
    timezone: routing.timezone ?? 'UTC',
    crmOwnerChange: { from: current.assignee, to: assignee },
  };
  trace.text = traceText(trace, namesOf(directory));
  const result = await sources.assignments.assign({
    tenantId: current.tenantId,
    conversationId: current.conversationId,
    assignee,
    source: 'manual',
    ...(current.ruleId === undefined ? {} : { ruleId: current.ruleId }),
    urgent: current.urgent,
    at: now,
    trace,
    expectedVersion: current.version,
  });
  return result.status === 'assigned' ? result.assignment : (result.current ?? current);
}

/** The route step. Place it after "policy" and before "reply" (see `withRouteStep`). */
export function routeStep(options: RouteStepOptions): TurnStep {
  const { assignments, queue, clock } = options;
  return {
    name: 'route',
    async run({ conversation, idempotencyKey }) {
      const tenant = options.routingFor(conversation.tenantId);
      if (tenant === undefined) return conversation;
      const current = await assignments.get(conversation.id);

      if (current !== undefined && !current.closed) {
        const followed = await followCrmOwner(options, conversation, current, tenant.routing);
        if (followed !== current) {
          await queue?.cancel(slaJobId(conversation.id, current.version));
          return withOwner(conversation, followed);
        }
        // Whoever holds it keeps it (manual transfer, claim, pool, routing): a later turn does not re-route.
        if (conversation.state === 'human') {
          // A person answered: the SLA re-route has nothing left to check.
          await queue?.cancel(slaJobId(conversation.id, current.version));
        } else if (storedTraceOf(current)?.turnKey === idempotencyKey) {
          // This step claimed it before a crash: the follow-up may not have been scheduled yet.
          await scheduleFollowUp(queue, tenant.routing, current, clock.now());
        }
        return withOwner(conversation, current);
      }
      if (conversation.state !== 'handed_over' && conversation.state !== 'inquiry') return conversation;

      const existingOwners = await existingOwnersOf(options, conversation, current);
      const outcome = await routeAndClaim(options, {
        tenant,
        tenantId: conversation.tenantId,
        conversationId: conversation.id,
        signals: signalsOf(conversation.signals),
        decision: intakeDecisionOf(conversation),
        current,
        returning: current !== undefined || existingOwners.length > 0,
        existingOwners,
        cause: { turnKey: idempotencyKey },
        maxTries: options.maxClaimTries,
      });
      if (outcome.status === 'taken') return withOwner(conversation, outcome.current);
      if (outcome.status === 'nobody') return conversation;
      await scheduleFollowUp(queue, tenant.routing, outcome.assignment, clock.now());
      return withOwner(conversation, outcome.assignment);
    },
  };
}

/** `handler` with `step` placed right after its "policy" step (at the end when it has none). */
export function withRouteStep(handler: TurnHandler, step: TurnStep): TurnHandler {
  const steps = [...handler.steps];
  const policy = steps.findIndex((candidate) => candidate.name === 'policy');
  steps.splice(policy === -1 ? steps.length : policy + 1, 0, step);
  return { steps };
}
