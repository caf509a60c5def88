// A routing scenario: the state a tenant is in (open work, last assignments, presence, CRM presence, what
// waits in the pool), a start time, and timed events (a conversation arrives, nobody replies for a while,
// someone comes online, a person replies, the pool is swept). It runs through the runtime's own route
// step, SLA re-route, pool alert and backlog sweep, on a clock only the scenario moves, and reports who
// holds each conversation after every event, with the trace, checked against what the scenario expects.
import { z } from 'zod';
import { languageTag } from '../config/intake-schema.ts';
import { routeStep, scheduleFollowUp } from '../conversation/route-step.ts';
import type { Conversation } from '../model/conversation.ts';
import { LeadwireError } from '../model/errors.ts';
import type { Signals } from '../model/signals.ts';
import type { Assignment, Assignments } from '../ports/assignments.ts';
import type { Clock } from '../ports/clock.ts';
import { buildDirectory, type Directory } from '../routing/directory.ts';
import { namesOf, type RecordOwnerRef } from '../routing/route.ts';
import { type RoutingConfig, routingConfigSchema } from '../routing/routing-schema.ts';
import { personLabel } from '../routing/trace-text.ts';
import { openSqliteAssignments } from '../store/sqlite-assignments.ts';
import { type RoutingNotice, routingJobs, scheduleSweep, sweepPool } from './routing-jobs.ts';
import { ScenarioQueue } from './scenario-queue.ts';

const id = z.string().min(1);
const instant = z.iso.datetime({ offset: true });

/** A conversation as routing sees it: signals given directly, or messages the intake turns into signals. */
export const scenarioConversationSchema = z.strictObject({
  id,
  /** the intake decision @defaultValue 'lead' */
  decision: z.enum(['lead', 'inquiry']).default('lead'),
  /** a service id (intake.services[].id) */
  service: z.string().min(1).optional(),
  /** a service area id (intake.areas[].id) */
  area: z.string().min(1).optional(),
  urgency: z.enum(['urgent', 'normal', 'unknown']).optional(),
  language: languageTag.optional(),
  intent: z.string().min(1).optional(),
  /** the owner of the customer's existing lead or contact (a user id) */
  recordOwner: id.optional(),
  /** the owner of the customer's open opportunity (tried before the record owner) */
  opportunityOwner: id.optional(),
  /** the customer's messages, replayed through the tenant's intake for signals and decision (`simulate -c`) */
  messages: z.array(z.unknown()).min(1).optional(),
});
export type ScenarioConversation = z.output<typeof scenarioConversationSchema>;

/** Who a conversation should be with: a user id, `pool`, or `queue:<queue id or CRM id>`. */
const expectedAssignee = z.string().min(1);

const scenarioEventSchema = z
  .strictObject({
    /** when it happens (ISO); absent = `afterMinutes` after the previous event (or at the start) */
    at: instant.optional(),
    /** minutes after the previous event; every job due meanwhile (SLA checks, alerts, sweeps) runs first */
    afterMinutes: z.number().min(0).optional(),
    /** what the event stands for, printed with it (e.g. "nobody replied") */
    note: z.string().optional(),
    /** a customer's conversation reaches routing (or writes again) */
    conversation: scenarioConversationSchema.optional(),
    /** a user declares themselves online: the pool is offered again */
    online: id.optional(),
    /** a user declares themselves away */
    away: id.optional(),
    /** the CRM shows the user online (needs `state.crmOnline`) */
    crmOnline: id.optional(),
    /** the CRM shows the user offline */
    crmOffline: id.optional(),
    /** a person replied to the customer (the SLA check is cancelled) */
    reply: id.optional(),
    /** the work on the conversation is done: the owner's capacity is freed and the pool offered again */
    close: id.optional(),
    /** the backlog sweep runs now */
    sweep: z.literal(true).optional(),
    /** someone reassigns the conversation's record inside the CRM; routing reads it when the next turn runs */
    crmOwnerChange: z.strictObject({ conversation: id, owner: id }).optional(),
    /** the assignee expected after the event: for the event's conversation, or per conversation id */
    expect: z.union([expectedAssignee, z.record(id, expectedAssignee)]).optional(),
  })
  .superRefine((event, ctx) => {
    const actions = ACTIONS.filter((action) => event[action] !== undefined);
    if (actions.length > 1)
      ctx.addIssue({ code: 'custom', message: `one action per event (this one has ${actions.join(', ')})` });
    if (event.at !== undefined && event.afterMinutes !== undefined)
      ctx.addIssue({ code: 'custom', path: ['at'], message: 'give at or afterMinutes, not both' });
    if (typeof event.expect === 'string' && conversationOf(event) === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['expect'],
        message: 'this event names no conversation: give expect as { <conversation id>: <assignee> }',
      });
  });
export type ScenarioEvent = z.output<typeof scenarioEventSchema>;

const ACTIONS = [
  'conversation',
  'online',
  'away',
  'crmOnline',
  'crmOffline',
  'reply',
  'close',
  'sweep',
  'crmOwnerChange',
] as const satisfies readonly (keyof ScenarioEvent)[];

function conversationOf(
  event: Pick<ScenarioEvent, 'conversation' | 'reply' | 'close' | 'crmOwnerChange'>,
): string | undefined {
  return event.conversation?.id ?? event.reply ?? event.close ?? event.crmOwnerChange?.conversation;
}

const userStateSchema = z.strictObject({
  /** open conversations the user holds at the start @defaultValue 0 */
  open: z.number().int().min(0).default(0),
  /** when the user was last assigned (ISO) */
  lastAssignedAt: instant.optional(),
  /** when the user's recent assignments were made (ISO), for `least_active` */
  assignedAt: z.array(instant).default([]),
});

const poolItemSchema = scenarioConversationSchema.extend({
  /** when it entered the pool (ISO) */
  since: instant,
  /** it got there by using up its SLA re-routes (the sweep leaves it for a person) */
  exhaustedHops: z.boolean().default(false),
});

export const routingScenarioSchema = z.strictObject({
  name: z.string().optional(),
  /** the routing section; absent = the tenant's from the config file */
  routing: routingConfigSchema.optional(),
  /** skills each service needs (intake.services[].skills); absent = the config's */
  serviceSkills: z.record(id, z.array(z.string().min(1))).optional(),
  start: instant,
  state: z
    .strictObject({
      users: z.record(id, userStateSchema).default({}),
      /** declared presence */
      presence: z.record(id, z.enum(['online', 'away'])).default({}),
      /** users online in the CRM; absent = the CRM reports no presence */
      crmOnline: z.array(id).optional(),
      /** conversations waiting in the pool at the start */
      pool: z.array(poolItemSchema).default([]),
    })
    .prefault({}),
  events: z.array(scenarioEventSchema).min(1),
});
export type RoutingScenario = z.output<typeof routingScenarioSchema>;
export type RoutingScenarioInput = z.input<typeof routingScenarioSchema>;

/** What the intake made of a conversation's messages. */
export interface IntakeOutcome {
  signals: Signals;
  /** undefined = the conversation is still in intake (it does not reach routing yet) */
  decision: 'lead' | 'inquiry' | undefined;
}

export interface ScenarioOptions {
  routing: RoutingConfig;
  serviceSkills?: Record<string, string[]>;
  tenantId?: string;
  /** turns a conversation's messages into signals and a decision; needed when a conversation has messages */
  intake?: (conversation: ScenarioConversation, at: number) => Promise<IntakeOutcome>;
}

/** One assignment made during an event (the event's own, or a job's that fell due before it). */
export interface ScenarioChange {
  conversationId: string;
  assignment: Assignment;
}

export interface ScenarioCheck {
  conversationId: string;
  expected: string;
  /** the assignee as written in expectations: user id, `pool` or `queue:<CRM id>`; `none` when never assigned */
  actual: string;
  ok: boolean;
}

export interface ScenarioStep {
  /** the event's index in `events` */
  index: number;
  at: number;
  /** what happened, in a few words */
  label: string;
  note?: string;
  changes: ScenarioChange[];
  notices: RoutingNotice[];
  /** who holds each conversation the event names, after it */
  holders: Array<{ conversationId: string; assignment: Assignment | undefined }>;
  checks: ScenarioCheck[];
}

export interface ScenarioRun {
  name?: string;
  timezone: string;
  directory: Directory;
  steps: ScenarioStep[];
  /** every expectation met */
  passed: boolean;
}

const TENANT = 'scenario';
const PHONE_NUMBER_ID = 'scenario';
const MINUTE = 60_000;

/** A signal the scenario states: certain, as if the customer confirmed it. */
function stated<T>(value: T, at: string) {
  return { value, confidence: 1, source: 'customer-confirmed' as const, at };
}

function signalsOf(spec: ScenarioConversation, at: string): Signals {
  const signals: Signals = {};
  if (spec.service !== undefined) signals.serviceType = stated(spec.service, at);
  if (spec.area !== undefined) signals.location = stated({ areaId: spec.area }, at);
  if (spec.urgency !== undefined) signals.urgency = stated(spec.urgency, at);
  if (spec.language !== undefined) signals.language = stated(spec.language, at);
  if (spec.intent !== undefined) signals.intent = stated(spec.intent, at);
  return signals;
}

function ownersOf(spec: ScenarioConversation): RecordOwnerRef[] {
  const owners: RecordOwnerRef[] = [];
  if (spec.opportunityOwner !== undefined)
    owners.push({ ownerId: spec.opportunityOwner, kind: 'opportunity' });
  if (spec.recordOwner !== undefined) owners.push({ ownerId: spec.recordOwner, kind: 'lead' });
  return owners;
}

/** The assignee as expectations name it. */
export function assigneeKey(assignment: Assignment | undefined): string {
  if (assignment === undefined) return 'none';
  const { assignee } = assignment;
  if (assignee.kind === 'pool') return 'pool';
  return assignee.kind === 'queue' ? `queue:${assignee.id}` : assignee.id;
}

function matches(
  expected: string,
  assignment: Assignment | undefined,
  routing: RoutingConfig,
  directory: Directory,
) {
  const actual = assigneeKey(assignment);
  if (expected.startsWith('queue:')) {
    const queue = routing.queues.find((q) => q.id === expected.slice(6));
    return actual === `queue:${queue?.crmId ?? expected.slice(6)}`;
  }
  return actual === (directory.aliases?.[expected] ?? expected);
}

/**
 * Run a scenario on a fresh in-memory assignments store. Each event first lets the clock reach its time,
 * running every job due on the way (SLA re-routes, pool alerts, periodic sweeps) at its own time, then
 * does its action. Throws a VALIDATION error for an event the scenario cannot do (an unknown user or
 * conversation, messages without an intake).
 */
export async function runRoutingScenario(
  scenario: RoutingScenario,
  options: ScenarioOptions,
): Promise<ScenarioRun> {
  const { routing } = options;
  const tenantId = options.tenantId ?? TENANT;
  const start = Date.parse(scenario.start);
  let now = start;
  const clock: Clock = { now: () => now };
  const directory = buildDirectory(undefined, routing);
  const names = namesOf(directory);
  const knownUser = (userId: string, what: string): string => {
    const resolved = directory.aliases?.[userId] ?? userId;
    if (!directory.users.some((user) => user.id === resolved))
      throw new LeadwireError('VALIDATION', `${what}: no user "${userId}" in routing.users`);
    return resolved;
  };

  const inner = openSqliteAssignments({ path: ':memory:', synchronous: 'NORMAL', clock });
  const assignments = withStartingState(inner, scenario.state.users, knownUser);
  const queue = new ScenarioQueue(clock);
  const conversations = new Map<string, Conversation>();
  const owners = new Map<string, RecordOwnerRef[]>();
  const crmOnline =
    scenario.state.crmOnline === undefined
      ? undefined
      : new Set(scenario.state.crmOnline.map((u) => knownUser(u, 'state.crmOnline')));
  const notices: RoutingNotice[] = [];
  /** owners set inside the CRM on the records Leadwire wrote, by conversation */
  const crmRecordOwners = new Map<string, string>();
  const sources = {
    routingFor: () => ({ routing, serviceSkills: options.serviceSkills ?? {} }),
    directoryFor: async () => directory,
    assignments,
    clock,
    crmOnlineFor: async () => crmOnline,
    existingOwnersFor: async (conversation: Conversation) => owners.get(conversation.id) ?? [],
    recordOwnerFor: async (conversation: Conversation) => crmRecordOwners.get(conversation.id),
  };
  const jobOptions = {
    ...sources,
    store: { getConversation: async (conversationId: string) => conversations.get(conversationId) },
    queue,
    notify: async (notice: RoutingNotice) => {
      notices.push(notice);
    },
  };
  queue.start(routingJobs(jobOptions));
  const step = routeStep({ ...sources, queue });
  let turns = 0;

  const runTurn = async (conversation: Conversation): Promise<void> => {
    turns += 1;
    const at = new Date(now).toISOString();
    const after = await step.run({
      conversation,
      turn: { conversationId: conversation.id, seq: turns, eventSeqs: [], claimedAt: at, fence: 0 },
      events: [],
      idempotencyKey: `${conversation.id}:${turns}:route`,
      assertLease: async () => {},
    });
    conversations.set(conversation.id, after);
  };

  const conversationFrom = async (spec: ScenarioConversation): Promise<Conversation> => {
    const at = new Date(now).toISOString();
    let signals = signalsOf(spec, at);
    let decision: IntakeOutcome['decision'] = spec.decision;
    if (spec.messages !== undefined) {
      if (options.intake === undefined)
        throw new LeadwireError(
          'VALIDATION',
          `conversation ${spec.id} has messages: give the config with the intake (-c)`,
        );
      const outcome = await options.intake(spec, now);
      signals = { ...outcome.signals, ...signals };
      decision = outcome.decision;
    }
    for (const owner of ownersOf(spec)) knownUser(owner.ownerId, `conversation ${spec.id}`);
    owners.set(spec.id, ownersOf(spec));
    const previous = conversations.get(spec.id);
    const state = decision === undefined ? 'intake' : decision === 'lead' ? 'handed_over' : 'inquiry';
    return {
      id: spec.id,
      tenantId,
      phoneNumberId: PHONE_NUMBER_ID,
      user: { userId: spec.id },
      state,
      signals,
      crmRefs: {},
      turnSeq: previous?.turnSeq ?? 0,
      createdAt: previous?.createdAt ?? at,
      updatedAt: at,
    };
  };

  const conversationOrFail = (conversationId: string): Conversation => {
    const conversation = conversations.get(conversationId);
    if (conversation === undefined)
      throw new LeadwireError('VALIDATION', `no conversation "${conversationId}" yet in this scenario`);
    return conversation;
  };

  /** the last assignment version reported per conversation (the starting pool is state, not news) */
  const seen = new Map<string, number>();
  // The starting pool: each item assigned to the pool when it entered, its manager alert scheduled.
  for (const item of scenario.state.pool) {
    const since = Date.parse(item.since);
    const conversation = await conversationFrom(item);
    conversations.set(item.id, conversation);
    const result = await assignments.assign({
      tenantId,
      conversationId: item.id,
      assignee: { kind: 'pool', id: 'pool' },
      source: 'routing',
      urgent: item.urgency === 'urgent',
      at: since,
      expectedVersion: 0,
      exhaustedHops: item.exhaustedHops,
    });
    if (result.status !== 'assigned')
      throw new LeadwireError('VALIDATION', `pool item ${item.id} is listed twice`);
    seen.set(item.id, result.assignment.version);
    await scheduleFollowUp(queue, routing, result.assignment, now);
  }
  for (const [userId, status] of Object.entries(scenario.state.presence))
    await assignments.setPresence(tenantId, knownUser(userId, 'state.presence'), status, start - 1);
  if (routing.pool.sweepMinutes !== false)
    await scheduleSweep(queue, clock, tenantId, {
      periodic: true,
      intervalMs: routing.pool.sweepMinutes * MINUTE,
    });

  const steps: ScenarioStep[] = [];
  const changesSince = async (): Promise<ScenarioChange[]> => {
    const changes: ScenarioChange[] = [];
    for (const conversationId of conversations.keys()) {
      const last = seen.get(conversationId) ?? 0;
      for (const assignment of await assignments.history(conversationId)) {
        if (assignment.version <= last) continue;
        seen.set(conversationId, assignment.version);
        changes.push({ conversationId, assignment });
      }
    }
    return changes.sort((a, b) => a.assignment.at - b.assignment.at);
  };

  for (const [index, event] of scenario.events.entries()) {
    const at = event.at !== undefined ? Date.parse(event.at) : now + (event.afterMinutes ?? 0) * MINUTE;
    if (at < now)
      throw new LeadwireError(
        'VALIDATION',
        `events[${index}] is at ${new Date(at).toISOString()}, before the previous event`,
      );
    const noticeCount = notices.length;
    // Every job due before the event runs at its own time.
    for (let due = queue.takeDue(at); due !== undefined; due = queue.takeDue(at)) {
      now = Math.max(now, due.runAt);
      await due.handler(due.job);
    }
    now = at;
    const label = await act(event);
    const named =
      event.expect !== undefined && typeof event.expect === 'object' ? Object.keys(event.expect) : [];
    const own = conversationOf(event);
    const holders = [];
    for (const conversationId of new Set([...(own === undefined ? [] : [own]), ...named]))
      holders.push({ conversationId, assignment: await assignments.get(conversationId) });
    const expected =
      event.expect === undefined
        ? {}
        : typeof event.expect === 'string'
          ? { [own!]: event.expect }
          : event.expect;
    const checks: ScenarioCheck[] = [];
    for (const [conversationId, wanted] of Object.entries(expected)) {
      const assignment = await assignments.get(conversationId);
      checks.push({
        conversationId,
        expected: wanted,
        actual: assigneeKey(assignment),
        ok: matches(wanted, assignment, routing, directory),
      });
    }
    steps.push({
      index,
      at,
      label,
      ...(event.note === undefined ? {} : { note: event.note }),
      changes: await changesSince(),
      notices: notices.slice(noticeCount),
      holders,
      checks,
    });
  }
  await inner.shutdown?.();
  await queue.close();

  async function act(event: ScenarioEvent): Promise<string> {
    if (event.conversation !== undefined) {
      const conversation = await conversationFrom(event.conversation);
      await runTurn(conversation);
      return `conversation ${conversation.id} (${describeConversation(event.conversation, conversation)})`;
    }
    if (event.online !== undefined || event.away !== undefined) {
      const status = event.online !== undefined ? 'online' : 'away';
      const userId = knownUser((event.online ?? event.away)!, `${status} event`);
      await assignments.setPresence(tenantId, userId, status, now);
      // Someone came online: the pool is offered again (as the presence API does).
      if (status === 'online') await drainNow(await scheduleSweep(queue, clock, tenantId));
      return `${personLabel(userId, names[userId])} declared ${status}`;
    }
    if (event.crmOnline !== undefined || event.crmOffline !== undefined) {
      if (crmOnline === undefined)
        throw new LeadwireError(
          'VALIDATION',
          'CRM presence events need state.crmOnline (the users online in the CRM at the start)',
        );
      const userId = knownUser((event.crmOnline ?? event.crmOffline)!, 'CRM presence event');
      if (event.crmOnline !== undefined) crmOnline.add(userId);
      else crmOnline.delete(userId);
      return `${personLabel(userId, names[userId])} ${event.crmOnline !== undefined ? 'online' : 'offline'} in the CRM`;
    }
    if (event.reply !== undefined) {
      const conversation = conversationOrFail(event.reply);
      const humanAt = new Date(now).toISOString();
      const state = conversation.state === 'human' ? conversation.stateBeforeHuman : conversation.state;
      await runTurn({
        ...conversation,
        state: 'human',
        ...(state === undefined ? {} : { stateBeforeHuman: state }),
        humanAt,
      });
      return `a person replied in ${event.reply}`;
    }
    if (event.close !== undefined) {
      conversationOrFail(event.close);
      const current = await assignments.get(event.close);
      if (current === undefined)
        throw new LeadwireError('VALIDATION', `conversation ${event.close} was never assigned`);
      await assignments.close(event.close, current.version);
      await drainNow(await scheduleSweep(queue, clock, tenantId));
      return `${event.close} closed`;
    }
    if (event.crmOwnerChange !== undefined) {
      const { conversation, owner } = event.crmOwnerChange;
      conversationOrFail(conversation);
      crmRecordOwners.set(conversation, owner);
      return `${conversation} reassigned to ${personLabel(owner, names[owner])} inside the CRM`;
    }
    if (event.sweep !== undefined) {
      await sweepPool(jobOptions, tenantId);
      return 'pool sweep';
    }
    return 'time passes';
  }

  /** Run a job queued for now (the sweep a presence change or a close asks for). */
  async function drainNow(jobId: string): Promise<void> {
    for (let due = queue.takeDue(now); due !== undefined; due = queue.takeDue(now)) {
      await due.handler(due.job);
      if (due.job.id === jobId) break;
    }
  }

  const passed = steps.every((s) => s.checks.every((check) => check.ok));
  return {
    ...(scenario.name === undefined ? {} : { name: scenario.name }),
    timezone: routing.timezone ?? 'UTC',
    directory,
    steps,
    passed,
  };
}

function describeConversation(spec: ScenarioConversation, conversation: Conversation): string {
  const decision =
    conversation.state === 'handed_over'
      ? 'lead'
      : conversation.state === 'inquiry'
        ? 'inquiry'
        : 'still in intake';
  const facts = Object.entries({
    service: spec.service,
    area: spec.area,
    urgency: spec.urgency,
    language: spec.language,
    intent: spec.intent,
    'record owner': spec.recordOwner,
    'opportunity owner': spec.opportunityOwner,
  })
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name} ${value}`);
  return [decision, ...facts].join(', ');
}

/**
 * The assignments store with the scenario's starting workload added to what the run records: open work,
 * the last assignment and recent assignments per user. The fairness counter is left as stored so the
 * compare-and-set of a claim still holds.
 */
function withStartingState(
  inner: Assignments,
  users: RoutingScenario['state']['users'],
  knownUser: (userId: string, what: string) => string,
): Assignments {
  const seeded = new Map(
    Object.entries(users).map(([userId, state]) => [
      knownUser(userId, 'state.users'),
      {
        open: state.open,
        assignedAt: state.assignedAt.map((at) => Date.parse(at)),
        lastAssignedAt: state.lastAssignedAt === undefined ? undefined : Date.parse(state.lastAssignedAt),
      },
    ]),
  );
  return {
    assign: (input) => inner.assign(input),
    get: (conversationId) => inner.get(conversationId),
    history: (conversationId) => inner.history(conversationId),
    close: (conversationId, version) => inner.close(conversationId, version),
    pool: (tenantId) => inner.pool(tenantId),
    markAlerted: (conversationId, at, version) => inner.markAlerted(conversationId, at, version),
    setPresence: (tenantId, userId, status, at) => inner.setPresence(tenantId, userId, status, at),
    presence: (tenantId) => inner.presence(tenantId),
    async stats(tenantId, userIds, nowMs, windowMs) {
      const stats = await inner.stats(tenantId, userIds, nowMs, windowMs);
      for (const [userId, seed] of seeded) {
        const held = stats.users[userId];
        if (held === undefined) continue;
        const times = [
          ...seed.assignedAt,
          ...(seed.lastAssignedAt === undefined ? [] : [seed.lastAssignedAt]),
        ];
        const last = Math.max(held.lastAssignedAt ?? Number.NEGATIVE_INFINITY, ...times);
        held.open += seed.open;
        if (Number.isFinite(last)) held.lastAssignedAt = last;
        held.recentAssignments = [
          ...seed.assignedAt.filter((at) => at <= nowMs && nowMs - at <= windowMs),
          ...held.recentAssignments,
        ].sort((a, b) => a - b);
      }
      return stats;
    },
  };
}
