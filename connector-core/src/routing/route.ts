// route(): who gets a conversation, as a pure function of plain data. The first rule whose conditions hold
// decides; its target chain is tried in order (eligibility filters, then the group's strategy); when the
// whole chain finds nobody the alternates are tried, then the pool — never the next rule. Every step and
// every candidate skipped is written to the trace the CRM card shows.
import type { Signals } from '../model/signals.ts';
import {
  isAvailable,
  nextShiftStart,
  type Unavailability,
  unavailability,
  withinHours,
} from './availability.ts';
import type { Directory, DirectoryUser } from './directory.ts';
import type {
  RoutingConfig,
  RoutingGroup,
  RoutingRule,
  RoutingTarget,
  RuleConditions,
} from './routing-schema.ts';
import { assignmentsInWindow, rankCandidates, type UserStats } from './select-candidate.ts';
import { hopsExhausted, slaDelayMs } from './sla.ts';
import { traceText } from './trace-text.ts';

export { type PoolItem, sweepOrder } from './pool.ts';
export { slaDelayMs } from './sla.ts';

/** The rule id in a decision when no rule matched (only possible when the rules have no catch-all). */
export const NO_RULE = '(none)';

export interface RecordOwnerRef {
  ownerId: string;
  kind: 'lead' | 'contact' | 'opportunity';
}

export interface RouteInput {
  conversation: {
    id: string;
    returning: boolean;
    existingOwner?: RecordOwnerRef | undefined;
    /** every owner known for the customer's records; the opportunity owner is tried first */
    existingOwners?: RecordOwnerRef[] | undefined;
  };
  signals: Signals;
  /** the intake decision */
  decision: 'lead' | 'inquiry';
  directory: Directory;
  /** declared presence per user id */
  presence: Record<string, 'online' | 'away'>;
  /** users online in the CRM; undefined where the CRM reports no presence */
  crmOnline?: Set<string> | undefined;
  stats: { users: Record<string, UserStats> };
  routing: RoutingConfig;
  now: Date;
  /** SLA re-route: everyone who already held the conversation */
  exclude?: string[] | undefined;
  /** SLA re-route: evaluate this rule's chain again instead of matching rules */
  ruleId?: string | undefined;
  /** SLA re-route: re-routes made so far; at `sla.maxHops` the conversation goes to the pool */
  hops?: number | undefined;
  /** skills each service needs (intake.services[].skills), for groups with `matchSkills` */
  serviceSkills?: Record<string, string[]> | undefined;
  /** the backlog sweep offers a pooled conversation again (the trace says so) */
  sweep?: boolean | undefined;
}

export type SkipReason =
  | 'inactive'
  | 'offline'
  | 'at_capacity'
  | 'skill_mismatch'
  | 'area_mismatch'
  | 'language_mismatch'
  | 'excluded'
  | 'missing';

/** The numbers a group's strategy compared: who was assigned least recently, least often, holds least. */
export interface CandidateNumbers {
  /** epoch ms of the last assignment; absent = never assigned */
  lastAssignedAt?: number;
  /** assignments inside the group's `least_active` window */
  inWindow: number;
  windowMinutes: number;
  open: number;
}

export interface TraceCandidate {
  userId: string;
  /** the person's name, when the directory has it */
  name?: string;
  outcome: 'chosen' | 'eligible' | 'skipped';
  reason?: SkipReason;
  /** why an `offline` candidate is unavailable */
  offline?: Unavailability;
  /** `off_shift`: when their working hours begin again (epoch ms) */
  until?: number;
  numbers?: CandidateNumbers;
}

export interface TraceStep {
  /** e.g. `group:jeddah-team`, `recordOwner`, `offlineTransfer:user:102` */
  target: string;
  /** whether the target came from the rule's chain or from `routing.alternates` */
  stage: 'rule' | 'alternate';
  outcome: 'chosen' | 'nobody' | 'skipped';
  note?: string;
  candidates: TraceCandidate[];
}

export interface RoutingTrace {
  rule: string;
  rulesSkipped: Array<{ rule: string; failed: keyof RuleConditions }>;
  steps: TraceStep[];
  note?: string;
  /** epoch ms routing ran */
  at?: number;
  /** the zone times are shown in (`routing.timezone`, else UTC) */
  timezone?: string;
  /** an SLA re-route: its number (1 = the first) and the most allowed */
  reroute?: { number: number; maxHops: number };
  /** the backlog sweep offered it again from the pool */
  sweep?: boolean;
  /** not routing's choice: someone reassigned the record inside the CRM, and the assignment followed */
  crmOwnerChange?: { from: Assignee; to: Assignee };
  /** the trace as a person reads it, one line each: what `explain`, the HubSpot card and Salesforce show */
  text?: string[];
}

export interface Assignee {
  kind: 'user' | 'queue' | 'pool';
  /** the CRM owner id, the CRM queue id (`queues[].crmId`), or `pool` */
  id: string;
  name?: string;
}

export interface RoutingDecision {
  assignee: Assignee;
  ruleId: string;
  /** `rule`: a target of the rule's chain; `alternate`: of `routing.alternates`; `pool`: nobody was found */
  via: 'rule' | 'alternate' | 'pool';
  /** the index of the deciding target in the rule's chain (or in `alternates` when via is `alternate`) */
  targetIndex?: number;
  /** when the SLA check fires; only for users assigned by routing (per-urgency override applies) */
  slaMs?: number;
  urgent: boolean;
  /** the conversation went to the pool because its SLA re-routes reached `sla.maxHops` */
  exhaustedHops?: boolean;
  trace: RoutingTrace;
}

interface Facts {
  serviceType: string | undefined;
  area: string | undefined;
  urgency: 'urgent' | 'normal' | 'unknown';
  language: string | undefined;
  intent: string | undefined;
  decision: 'lead' | 'inquiry';
  customer: 'new' | 'returning';
  businessHours: () => boolean;
}

const CONDITION_ORDER = [
  'serviceType',
  'area',
  'urgency',
  'language',
  'intent',
  'decision',
  'customer',
  'businessHours',
] as const satisfies readonly (keyof RuleConditions)[];

/** The first condition of `when` that does not hold, or undefined when the rule matches. */
function failedCondition(when: RuleConditions, facts: Facts): keyof RuleConditions | undefined {
  for (const name of CONDITION_ORDER) {
    const wanted = when[name];
    if (wanted === undefined) continue;
    if (name === 'businessHours') {
      if (wanted !== facts.businessHours()) return name;
    } else if (name === 'customer') {
      if (wanted !== facts.customer) return name;
    } else {
      const actual = facts[name];
      if (actual === undefined || !(wanted as readonly string[]).includes(actual)) return name;
    }
  }
  return undefined;
}

function targetLabel(target: RoutingTarget): string {
  if ('group' in target) return `group:${target.group}`;
  if ('user' in target) return `user:${target.user}`;
  if ('queue' in target) return `queue:${target.queue}`;
  if ('admin' in target) return 'admin';
  if ('unassigned' in target) return 'unassigned';
  return 'recordOwner';
}

const OWNER_PRECEDENCE: Record<RecordOwnerRef['kind'], number> = { opportunity: 0, lead: 1, contact: 1 };

type Outcome = { kind: 'assign'; assignee: Assignee } | { kind: 'pool' } | { kind: 'nobody' };

interface Checks {
  available: boolean;
  capacity: boolean;
  group?: RoutingGroup;
}

/** Names by user id, for the trace text. */
export function namesOf(directory: Directory): Record<string, string> {
  const names: Record<string, string> = {};
  for (const user of directory.users) if (user.name !== undefined) names[user.id] = user.name;
  return names;
}

/** Runs one routing call; holds the lookups so target evaluation reads as the design states it. */
class Router {
  readonly steps: TraceStep[] = [];
  private readonly users: Map<string, DirectoryUser>;
  private readonly exclude: Set<string>;
  private readonly input: RouteInput;
  private readonly facts: Facts;
  private stage: TraceStep['stage'] = 'rule';

  constructor(input: RouteInput, facts: Facts) {
    this.input = input;
    this.facts = facts;
    this.users = new Map(input.directory.users.map((user) => [user.id, user]));
    this.exclude = new Set((input.exclude ?? []).map((id) => this.resolve(id)));
  }

  resolve(userId: string): string {
    return this.input.directory.aliases?.[userId] ?? userId;
  }

  setStage(stage: TraceStep['stage']): void {
    this.stage = stage;
  }

  /** Why `userId` may not receive the conversation under `checks`, or undefined when eligible. */
  private skipReason(userId: string, checks: Checks): SkipReason | undefined {
    const user = this.users.get(userId);
    if (user === undefined) return 'missing';
    if (this.exclude.has(userId)) return 'excluded';
    if (!user.active) return 'inactive';
    if (checks.available && !this.available(user)) return 'offline';
    if (checks.capacity && user.maxOpen !== undefined) {
      if ((this.input.stats.users[userId]?.open ?? 0) >= user.maxOpen) return 'at_capacity';
    }
    const group = checks.group;
    if (group?.matchSkills && this.facts.serviceType !== undefined) {
      const needed = this.input.serviceSkills?.[this.facts.serviceType] ?? [];
      if (!needed.every((skill) => user.skills.includes(skill))) return 'skill_mismatch';
    }
    if (group?.matchAreas && this.facts.area !== undefined && !user.areas.includes(this.facts.area)) {
      return 'area_mismatch';
    }
    if (
      group?.matchLanguage &&
      this.facts.language !== undefined &&
      !user.languages.includes(this.facts.language)
    ) {
      return 'language_mismatch';
    }
    return undefined;
  }

  /** A trace candidate with the person's name and, when they are unavailable, why and until when. */
  private candidate(userId: string, outcome: TraceCandidate['outcome'], reason?: SkipReason): TraceCandidate {
    const user = this.users.get(userId);
    const candidate: TraceCandidate = { userId, outcome };
    if (user?.name !== undefined) candidate.name = user.name;
    if (reason === undefined) return candidate;
    candidate.reason = reason;
    if (reason === 'offline' && user !== undefined) {
      const why = unavailability(
        user,
        { declared: this.input.presence[user.id], crmOnline: this.input.crmOnline },
        this.input.now,
      );
      if (why !== undefined) candidate.offline = why;
      const until = why === 'off_shift' ? nextShiftStart(user.hours, this.input.now) : undefined;
      if (until !== undefined) candidate.until = until.getTime();
    }
    return candidate;
  }

  private numbers(userId: string, windowMinutes: number): CandidateNumbers {
    const stats = this.input.stats.users[userId];
    const numbers: CandidateNumbers = {
      inWindow: assignmentsInWindow(stats, this.input.now.getTime(), windowMinutes * 60_000),
      windowMinutes,
      open: stats?.open ?? 0,
    };
    const last =
      stats?.lastAssignedAt ??
      (stats?.recentAssignments.length ? Math.max(...stats.recentAssignments) : undefined);
    if (last !== undefined) numbers.lastAssignedAt = last;
    return numbers;
  }

  private available(user: DirectoryUser): boolean {
    return isAvailable(
      user,
      { declared: this.input.presence[user.id], crmOnline: this.input.crmOnline },
      this.input.now,
    );
  }

  private assignUser(userId: string): Outcome {
    const name = this.users.get(userId)?.name;
    return {
      kind: 'assign',
      assignee: name === undefined ? { kind: 'user', id: userId } : { kind: 'user', id: userId, name },
    };
  }

  private step(target: string, outcome: TraceStep['outcome'], candidates: TraceCandidate[], note?: string) {
    const step: TraceStep = { target, stage: this.stage, outcome, candidates };
    if (note !== undefined) step.note = note;
    this.steps.push(step);
  }

  /** One user as a target: eligible → assigned, else nobody. */
  private single(label: string, userId: string, checks: Checks): Outcome {
    const reason = this.skipReason(userId, checks);
    if (reason !== undefined) {
      this.step(label, 'nobody', [this.candidate(userId, 'skipped', reason)]);
      return { kind: 'nobody' };
    }
    this.step(label, 'chosen', [this.candidate(userId, 'chosen')]);
    return this.assignUser(userId);
  }

  private group(label: string, groupId: string): Outcome {
    const group = this.input.directory.groups.find((candidate) => candidate.id === groupId);
    if (group === undefined) {
      this.step(label, 'skipped', [], `no group "${groupId}" in the directory`);
      return { kind: 'nobody' };
    }
    const members = this.input.directory.users
      .filter((user) => user.groups.includes(groupId))
      .map((user) => user.id)
      .sort();
    const checks: Checks = { available: group.onlineOnly, capacity: group.respectCapacity, group };
    const windowMinutes = group.leastActiveWindowMinutes ?? this.input.routing.leastActiveWindowMinutes;
    const candidates: TraceCandidate[] = members.map((userId) => {
      const reason = this.skipReason(userId, checks);
      if (reason !== undefined) return this.candidate(userId, 'skipped', reason);
      return { ...this.candidate(userId, 'eligible'), numbers: this.numbers(userId, windowMinutes) };
    });
    const eligible = candidates.filter((c) => c.outcome === 'eligible').map((c) => c.userId);
    const [chosen] = rankCandidates(eligible, group.strategy, {
      stats: this.input.stats.users,
      nowMs: this.input.now.getTime(),
      windowMs: windowMinutes * 60_000,
    });
    if (chosen === undefined) {
      this.step(label, 'nobody', candidates, members.length === 0 ? 'the group has no members' : undefined);
      return { kind: 'nobody' };
    }
    for (const candidate of candidates) if (candidate.userId === chosen) candidate.outcome = 'chosen';
    this.step(label, 'chosen', candidates, group.strategy);
    return this.assignUser(chosen);
  }

  private recordOwner(
    label: string,
    target: Extract<RoutingTarget, { recordOwner: unknown }>['recordOwner'],
  ): Outcome {
    const { existingOwner, existingOwners = [] } = this.input.conversation;
    const owners = [...(existingOwner ? [existingOwner] : []), ...existingOwners]
      .filter((owner, i, all) => all.findIndex((other) => other.ownerId === owner.ownerId) === i)
      .sort((a, b) => OWNER_PRECEDENCE[a.kind] - OWNER_PRECEDENCE[b.kind]);
    if (owners.length === 0) {
      this.step(label, 'skipped', [], 'no existing owner');
      return { kind: 'nobody' };
    }
    const candidates: TraceCandidate[] = [];
    for (const owner of owners) {
      const userId = this.resolve(owner.ownerId);
      // Continuation ignores capacity: the person who already works the customer keeps them.
      const reason = this.skipReason(userId, { available: false, capacity: false });
      if (reason !== undefined) {
        candidates.push(this.candidate(userId, 'skipped', reason));
        continue;
      }
      const user = this.users.get(userId)!;
      if (this.available(user)) {
        candidates.push(this.candidate(userId, 'chosen'));
        this.step(label, 'chosen', candidates, `${owner.kind} owner`);
        return this.assignUser(userId);
      }
      candidates.push(this.candidate(userId, 'skipped', 'offline'));
      const transfer = target.offlineTransfer;
      if (transfer === undefined) {
        this.step(label, 'nobody', candidates, `${owner.kind} owner offline; no offline transfer configured`);
        return { kind: 'nobody' };
      }
      this.step(label, 'nobody', candidates, `${owner.kind} owner offline; offline transfer applies`);
      return 'group' in transfer
        ? this.group(`offlineTransfer:group:${transfer.group}`, transfer.group)
        : this.single(`offlineTransfer:user:${transfer.user}`, this.resolve(transfer.user), {
            available: true,
            capacity: true,
          });
    }
    this.step(label, 'nobody', candidates, 'no active owner');
    return { kind: 'nobody' };
  }

  evaluate(target: RoutingTarget): Outcome {
    const label = targetLabel(target);
    if ('recordOwner' in target) return this.recordOwner(label, target.recordOwner);
    if ('group' in target) return this.group(label, target.group);
    if ('user' in target) {
      return this.single(label, this.resolve(target.user), {
        available: target.onlineOnly ?? true,
        capacity: target.respectCapacity ?? true,
      });
    }
    if ('admin' in target) {
      const admin = this.input.directory.admin;
      if (admin === undefined) {
        this.step(label, 'skipped', [], 'no admin configured');
        return { kind: 'nobody' };
      }
      // The admin target ignores capacity unless asked (it is the last person who must see the work).
      return this.single(label, admin, {
        available: target.onlineOnly ?? true,
        capacity: target.respectCapacity ?? false,
      });
    }
    if ('queue' in target) {
      const queue = this.input.directory.queues.find((candidate) => candidate.id === target.queue);
      if (queue === undefined) {
        this.step(label, 'skipped', [], `no queue "${target.queue}" in the directory`);
        return { kind: 'nobody' };
      }
      // A queue always yields: the CRM distributes inside it.
      this.step(label, 'chosen', [], `CRM queue ${queue.crmId}`);
      return { kind: 'assign', assignee: { kind: 'queue', id: queue.crmId, name: queue.name ?? queue.id } };
    }
    this.step(label, 'chosen', [], 'explicit unassigned: to the pool');
    return { kind: 'pool' };
  }
}

function factsOf(input: RouteInput): Facts {
  const { signals, routing, now } = input;
  let inHours: boolean | undefined;
  return {
    serviceType: signals.serviceType?.value,
    area: signals.location?.value.areaId,
    urgency: signals.urgency?.value ?? 'unknown',
    language: signals.language?.value,
    intent: signals.intent?.value,
    decision: input.decision,
    customer: input.conversation.returning ? 'returning' : 'new',
    businessHours: () => {
      inHours ??=
        routing.businessHours !== undefined &&
        withinHours({ days: routing.businessHours }, now, routing.timezone ?? 'UTC');
      return inHours;
    },
  };
}

const POOL: Assignee = { kind: 'pool', id: 'pool' };

/** Decide who gets the conversation. Pure: the caller claims the result atomically in the store. */
export function route(input: RouteInput): RoutingDecision {
  const facts = factsOf(input);
  const urgent = facts.urgency === 'urgent';
  const rulesSkipped: RoutingTrace['rulesSkipped'] = [];

  let rule: RoutingRule | undefined;
  let note: string | undefined;
  if (input.ruleId !== undefined) {
    rule = input.routing.rules.find((candidate) => candidate.id === input.ruleId);
    if (rule === undefined) note = `rule "${input.ruleId}" no longer exists; rules matched again`;
    else note = `re-route of rule "${rule.id}"`;
  }
  if (rule === undefined) {
    for (const candidate of input.routing.rules) {
      const failed = failedCondition(candidate.when, facts);
      if (failed === undefined) {
        rule = candidate;
        break;
      }
      rulesSkipped.push({ rule: candidate.id, failed });
    }
  }
  const ruleId = rule?.id ?? NO_RULE;
  const router = new Router(input, facts);
  const trace = (): RoutingTrace => {
    const out: RoutingTrace = {
      rule: ruleId,
      rulesSkipped,
      steps: router.steps,
      at: input.now.getTime(),
      timezone: input.routing.timezone ?? 'UTC',
    };
    if (note !== undefined) out.note = note;
    if (input.ruleId !== undefined && input.hops !== undefined) {
      out.reroute = { number: input.hops + 1, maxHops: input.routing.sla.maxHops };
    }
    if (input.sweep) out.sweep = true;
    out.text = traceText(out);
    return out;
  };
  const decide = (outcome: Outcome, via: 'rule' | 'alternate', targetIndex: number): RoutingDecision => {
    const assignee = outcome.kind === 'assign' ? outcome.assignee : POOL;
    const decision: RoutingDecision = { assignee, ruleId, via, targetIndex, urgent, trace: trace() };
    if (assignee.kind === 'user') decision.slaMs = slaDelayMs(input.routing, urgent);
    return decision;
  };

  if (input.ruleId !== undefined && input.hops !== undefined && hopsExhausted(input.routing, input.hops)) {
    note = `SLA re-routes reached maxHops (${input.routing.sla.maxHops}): to the pool`;
    return { assignee: POOL, ruleId, via: 'pool', urgent, exhaustedHops: true, trace: trace() };
  }

  for (const [index, target] of (rule?.targets ?? []).entries()) {
    const outcome = router.evaluate(target);
    if (outcome.kind !== 'nobody') return decide(outcome, 'rule', index);
  }
  router.setStage('alternate');
  for (const [index, target] of input.routing.alternates.entries()) {
    const outcome = router.evaluate(target);
    if (outcome.kind !== 'nobody') return decide(outcome, 'alternate', index);
  }
  const nobody = 'nobody found by the rule or the alternates: to the pool';
  note = note?.startsWith('rule "') ? `${note}; ${nobody}` : nobody;
  return { assignee: POOL, ruleId, via: 'pool', urgent, trace: trace() };
}
