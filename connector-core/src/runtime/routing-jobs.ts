// The routing jobs: the SLA check (an unanswered routed assignment moves to the next eligible person, up to
// `sla.maxHops`, then to the pool), the pool's manager alert (once per stay), and the backlog sweep (pool
// items offered again, urgent first, when someone becomes available). Each job re-checks the stored state
// before acting and writes with compare-and-set on the assignment's version, so running twice is harmless.
import { z } from 'zod';
import {
  existingOwnersOf,
  followCrmOwner,
  hasSla,
  intakeDecisionOf,
  ROUTING_JOB,
  type RoutingSources,
  routeAndClaim,
  scheduleFollowUp,
  storedTraceOf,
} from '../conversation/route-step.ts';
import { LeadwireError } from '../model/errors.ts';
import { signalsOf } from '../model/signals.ts';
import type { Assignee, Assignment } from '../ports/assignments.ts';
import type { Clock } from '../ports/clock.ts';
import type { Job, JobHandler, JobQueue } from '../ports/job-queue.ts';
import type { Store } from '../ports/store.ts';
import { isAvailable } from '../routing/availability.ts';
import type { Directory } from '../routing/directory.ts';
import { managerAlertDue, poolAlertAt, poolManager, sweepOrder } from '../routing/pool.ts';

/**
 * What routing tells people (CRM tasks and notes, later). `key` is stable per effect: a job retried after a
 * crash may send the same notice again, and the receiver writes it at most once per key.
 */
export type RoutingNotice =
  | {
      type: 'rerouted';
      key: string;
      tenantId: string;
      conversationId: string;
      /** who did not answer in time */
      from: Assignee;
      /** the next person, a queue, or the pool */
      to: Assignee;
      /** re-routes made so far, this one included */
      hops: number;
      exhaustedHops: boolean;
    }
  | {
      type: 'pool_alert';
      key: string;
      tenantId: string;
      conversationId: string;
      /** `pool.manager`, else the admin */
      manager: string;
      /** epoch ms the conversation entered the pool */
      waitingSince: number;
      urgent: boolean;
    }
  | {
      type: 'assigned_from_pool';
      key: string;
      tenantId: string;
      conversationId: string;
      to: Assignee;
      waitingSince: number;
    };

export interface RoutingJobsOptions extends RoutingSources {
  /** reads the conversation (signals, state, when a person last wrote) */
  store: Pick<Store, 'getConversation'>;
  queue: JobQueue;
  notify?: ((notice: RoutingNotice) => Promise<void>) | undefined;
  /** how often the periodic sweep runs @defaultValue 300000 (5 min) */
  sweepIntervalMs?: number;
}

export interface SweepResult {
  /** pool items routing was asked about */
  offered: number;
  assigned: Array<{ conversationId: string; assignee: Assignee }>;
}

const assignmentJobData = z.object({
  conversationId: z.string().min(1),
  tenantId: z.string().min(1),
  version: z.number().int().positive(),
});

const sweepJobData = z.object({
  tenantId: z.string().min(1),
  /** the time slot of a periodic sweep; absent for a one-off */
  slot: z.number().int().optional(),
  /** the periodic sweep's interval (it names the slots) */
  intervalMs: z.number().int().positive().optional(),
});

function parseData<T>(schema: z.ZodType<T>, job: Job): T {
  const result = schema.safeParse(job.data);
  if (result.success) return result.data;
  throw new LeadwireError(
    'VALIDATION',
    `job ${job.id} (${job.name}) has malformed data: ${result.error.message}`,
  );
}

export const sweepJobId = (tenantId: string, slot?: number): string =>
  slot === undefined ? `sweep:${tenantId}:now` : `sweep:${tenantId}:${slot}`;

/** Someone distribution could still give work to: active, available now, below their capacity. */
function anyoneEligible(
  directory: Directory,
  presence: Record<string, 'online' | 'away'>,
  crmOnline: Set<string> | undefined,
  open: Record<string, { open: number } | undefined>,
  now: Date,
): boolean {
  return directory.users.some(
    (user) =>
      user.active &&
      isAvailable(user, { declared: presence[user.id], crmOnline }, now) &&
      (user.maxOpen === undefined || (open[user.id]?.open ?? 0) < user.maxOpen),
  );
}

/** The periodic sweep's interval when none is configured. */
export const DEFAULT_SWEEP_INTERVAL_MS = 300_000;

const noNotice = async (): Promise<void> => {};

/** Handlers by job name for the SLA check, the pool alert and the sweep: pass them to `queue.start`. */
export function routingJobs(options: RoutingJobsOptions): Record<string, JobHandler> {
  const { store, assignments, queue, clock } = options;
  const notify = options.notify ?? noNotice;
  const sweepIntervalMs = options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;

  async function slaCheck(job: Job): Promise<void> {
    const data = parseData(assignmentJobData, job);
    const tenant = options.routingFor(data.tenantId);
    if (tenant === undefined) return;
    const current = await assignments.get(data.conversationId);
    if (current === undefined) return;
    if (current.version !== data.version) {
      // A retry after this job re-routed but crashed before scheduling and notifying: finish that part.
      if (storedTraceOf(current)?.jobKey === job.id && current.version === data.version + 1) {
        const previous = (await assignments.history(data.conversationId)).find(
          (entry) => entry.version === data.version,
        );
        await scheduleFollowUp(queue, tenant.routing, current, clock.now());
        if (previous !== undefined) await notify(reroutedNotice(job.id, previous, current));
      }
      return;
    }
    if (!hasSla(current)) return;
    const conversation = await store.getConversation(data.conversationId);
    if (conversation === undefined) return;
    // Answered: a person wrote (app echo, or through Leadwire) after the assignment was made.
    if (conversation.humanAt !== undefined && Date.parse(conversation.humanAt) >= current.at) return;
    // Reassigned inside the CRM meanwhile: that person's choice stands, nothing to re-route.
    if ((await followCrmOwner(options, conversation, current, tenant.routing)) !== current) return;

    const existingOwners = await existingOwnersOf(options, conversation, undefined);
    const outcome = await routeAndClaim(options, {
      tenant,
      tenantId: data.tenantId,
      conversationId: data.conversationId,
      signals: signalsOf(conversation.signals),
      decision: intakeDecisionOf(conversation),
      current,
      returning: existingOwners.length > 0,
      existingOwners,
      reroute: true,
      cause: { jobKey: job.id },
    });
    if (outcome.status !== 'assigned') return;
    await scheduleFollowUp(queue, tenant.routing, outcome.assignment, clock.now());
    await notify(reroutedNotice(job.id, current, outcome.assignment));
  }

  async function poolAlert(job: Job): Promise<void> {
    const data = parseData(assignmentJobData, job);
    const tenant = options.routingFor(data.tenantId);
    if (tenant === undefined) return;
    const current = await assignments.get(data.conversationId);
    // Claimed, closed, re-assigned or already alerted: nothing to say.
    if (current === undefined || current.version !== data.version || current.alertedAt !== undefined) return;
    if (current.assignee.kind !== 'pool' || current.closed) return;
    const waitingSince = current.poolSince ?? current.at;
    const nowMs = clock.now();
    if (!managerAlertDue(tenant.routing, { enteredPoolAt: waitingSince }, nowMs)) {
      throw new LeadwireError(
        'TEMPORARY',
        `pool alert for ${data.conversationId} ran before its deadline (${new Date(poolAlertAt(tenant.routing, waitingSince)).toISOString()}); retrying`,
      );
    }
    // Notify first, then record: a failed notice is retried with the job, and once recorded no run sends again.
    const manager = poolManager(tenant.routing);
    if (manager !== undefined) {
      await notify({
        type: 'pool_alert',
        key: job.id,
        tenantId: data.tenantId,
        conversationId: data.conversationId,
        manager,
        waitingSince,
        urgent: current.urgent,
      });
    }
    await assignments.markAlerted(data.conversationId, nowMs, data.version);
  }

  async function sweepJob(job: Job): Promise<void> {
    const data = parseData(sweepJobData, job);
    await sweepPool(options, data.tenantId);
    // The next slot is named after this one, not after the clock, so a late or early run keeps the chain.
    if (data.slot !== undefined) {
      await addSweepSlot(queue, clock, data.tenantId, data.slot + 1, data.intervalMs ?? sweepIntervalMs);
    }
  }

  return {
    [ROUTING_JOB.sla]: slaCheck,
    [ROUTING_JOB.poolAlert]: poolAlert,
    [ROUTING_JOB.sweep]: sweepJob,
  };
}

/**
 * Offer the tenant's pool again (a user came online or freed capacity; the admin API and the sweep job call
 * it): urgent first, then longest waiting, skipping items that used up their SLA hops. An item goes to the
 * person routing now finds for it (compare-and-set on the item's version) and gets its SLA check; the sweep
 * stops once nobody is left who could take work.
 */
export async function sweepPool(
  options: Omit<RoutingJobsOptions, 'sweepIntervalMs'>,
  tenantId: string,
): Promise<SweepResult> {
  const { store, assignments, queue, clock } = options;
  const notify = options.notify ?? noNotice;
  const result: SweepResult = { offered: 0, assigned: [] };
  const tenant = options.routingFor(tenantId);
  if (tenant === undefined) return result;
  const items = sweepOrder(
    (await assignments.pool(tenantId)).map((item) => ({
      item,
      conversationId: item.conversationId,
      urgent: item.urgent,
      enteredPoolAt: item.poolSince ?? item.at,
      exhaustedHops: item.exhaustedHops === true,
    })),
  );
  if (items.length === 0) return result;
  const directory = await options.directoryFor(tenantId);
  const userIds = directory.users.map((user) => user.id);
  const windowMs = tenant.routing.leastActiveWindowMinutes * 60_000;
  const crmOnline = await options.crmOnlineFor?.(tenantId);
  const presence = await assignments.presence(tenantId);

  for (const { item } of items) {
    const nowMs = clock.now();
    const { users } = await assignments.stats(tenantId, userIds, nowMs, windowMs);
    if (!anyoneEligible(directory, presence, crmOnline, users, new Date(nowMs))) break;
    const conversation = await store.getConversation(item.conversationId);
    if (conversation === undefined) continue;
    const existingOwners = await existingOwnersOf(options, conversation, undefined);
    result.offered++;
    const outcome = await routeAndClaim(options, {
      tenant,
      tenantId,
      conversationId: item.conversationId,
      signals: signalsOf(conversation.signals),
      decision: intakeDecisionOf(conversation),
      current: item,
      returning: existingOwners.length > 0,
      existingOwners,
      cause: { jobKey: `sweep:${tenantId}:${item.conversationId}:${item.version}` },
      onlyUsers: true,
      sweep: true,
    });
    if (outcome.status !== 'assigned') continue;
    const { assignment } = outcome;
    result.assigned.push({ conversationId: item.conversationId, assignee: assignment.assignee });
    await scheduleFollowUp(queue, tenant.routing, assignment, clock.now());
    await notify({
      type: 'assigned_from_pool',
      key: `assigned-from-pool:${item.conversationId}:${assignment.version}`,
      tenantId,
      conversationId: item.conversationId,
      to: assignment.assignee,
      waitingSince: item.poolSince ?? item.at,
    });
  }
  return result;
}

/**
 * Queue a sweep of the tenant's pool. `periodic`: the next time slot's sweep (`sweep:<tenant>:<slot>`, slot =
 * floor(now / intervalMs) + 1), which re-schedules itself every interval — call it at boot; every worker
 * may, the slot id makes it one job. Otherwise one sweep as soon as possible (`sweep:<tenant>:now`),
 * coalesced with any other still waiting. Returns the job id.
 */
export function scheduleSweep(
  queue: JobQueue,
  clock: Clock,
  tenantId: string,
  schedule: { periodic?: boolean; intervalMs?: number } = {},
): Promise<string> {
  if (!schedule.periodic) {
    return queue.add({ name: ROUTING_JOB.sweep, id: sweepJobId(tenantId), data: { tenantId } });
  }
  const intervalMs = schedule.intervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
  return addSweepSlot(queue, clock, tenantId, Math.floor(clock.now() / intervalMs) + 1, intervalMs);
}

function addSweepSlot(
  queue: JobQueue,
  clock: Clock,
  tenantId: string,
  slot: number,
  intervalMs: number,
): Promise<string> {
  return queue.add({
    name: ROUTING_JOB.sweep,
    id: sweepJobId(tenantId, slot),
    delayMs: Math.max(0, slot * intervalMs - clock.now()),
    data: { tenantId, slot, intervalMs },
  });
}

function reroutedNotice(key: string, previous: Assignment, next: Assignment): RoutingNotice {
  return {
    type: 'rerouted',
    key,
    tenantId: next.tenantId,
    conversationId: next.conversationId,
    from: previous.assignee,
    to: next.assignee,
    hops: next.hops,
    exhaustedHops: next.exhaustedHops === true,
  };
}
