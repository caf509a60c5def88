// What people do to routing from outside a turn: declare presence, claim a conversation from the pool,
// assign one by hand, and read why a conversation went where it did. Shared by the admin API and the CLI;
// every change is a compare-and-set on the assignment, so it never races a turn or an SLA re-route.
import {
  type Assignee,
  type Assignment,
  type Assignments,
  buildDirectory,
  type Clock,
  type Config,
  claimFromPool,
  type Directory,
  humanReleaseKey,
  isInPool,
  type JobQueue,
  LeadwireError,
  namesOf,
  poolManager,
  type RoutingConfig,
  type Store,
  scheduleSweep,
  signalsOf,
} from '@leadwire/connector-core';

export interface RoutingServiceDeps {
  config: Config;
  store: Store;
  assignments: Assignments;
  queue: JobQueue;
  clock: Clock;
}

export interface Explanation {
  conversationId: string;
  state: string;
  decision?: { decision: string; reasons: string[]; at: string };
  signals: Record<string, unknown>;
  assignment?: Assignment;
  /** every assignment made, oldest first, each with its trace */
  history: Assignment[];
  /** the routing time zone times are shown in */
  timezone?: string;
  /** user names by id, from the directory */
  names?: Record<string, string>;
  /** who the pool alert goes to */
  poolManager?: string;
}

export interface RoutingService {
  routingFor(tenantId: string): RoutingConfig | undefined;
  directoryFor(tenantId: string): Directory;
  /** the tenant a bare request means: the one given, else the only tenant with routing */
  tenantOf(requested: string | undefined): string;
  setPresence(tenantId: string, userId: string, status: 'online' | 'away'): Promise<void>;
  claim(conversationId: string, userId: string): Promise<Assignment>;
  assign(conversationId: string, target: { userId: string } | { queueId: string }): Promise<Assignment>;
  explain(conversationId: string): Promise<Explanation>;
  /** the work is done (the owner's task completed): frees their capacity and offers the pool again */
  close(conversationId: string): Promise<Assignment>;
  /** a person hands the conversation back to the agent (it answers the customer's next message) */
  release(conversationId: string): Promise<void>;
  pool(tenantId: string): Promise<Assignment[]>;
}

export function routingService(deps: RoutingServiceDeps): RoutingService {
  const { config, store, assignments, queue, clock } = deps;
  const tenants = new Map(config.tenants.map((tenant) => [tenant.id, tenant]));

  function routingOrFail(tenantId: string): RoutingConfig {
    const routing = tenants.get(tenantId)?.routing;
    if (routing === undefined)
      throw new LeadwireError('NOT_FOUND', `tenant "${tenantId}" has no routing section`);
    return routing;
  }

  function directoryFor(tenantId: string): Directory {
    return buildDirectory(undefined, routingOrFail(tenantId));
  }

  /** The zone, names and pool manager `explain` shows a tenant's routing with. */
  function routingContext(tenantId: string): Pick<Explanation, 'timezone' | 'names' | 'poolManager'> {
    const routing = tenants.get(tenantId)?.routing;
    if (routing === undefined) return {};
    const manager = poolManager(routing);
    return {
      timezone: routing.timezone ?? 'UTC',
      names: namesOf(directoryFor(tenantId)),
      ...(manager === undefined ? {} : { poolManager: manager }),
    };
  }

  async function conversationOrFail(conversationId: string) {
    const conversation = await store.getConversation(conversationId);
    if (conversation === undefined)
      throw new LeadwireError('NOT_FOUND', `no conversation "${conversationId}"`);
    return conversation;
  }

  function settled(result: Awaited<ReturnType<Assignments['assign']>>, what: string): Assignment {
    if (result.status === 'assigned') return result.assignment;
    throw new LeadwireError('CONFLICT', `${what}: the conversation changed hands meanwhile; read it again`, {
      details: { current: result.current?.assignee },
    });
  }

  return {
    routingFor: (tenantId) => tenants.get(tenantId)?.routing,
    directoryFor,
    tenantOf(requested) {
      if (requested !== undefined) {
        routingOrFail(requested);
        return requested;
      }
      const routed = config.tenants.filter((tenant) => tenant.routing !== undefined);
      if (routed.length !== 1)
        throw new LeadwireError(
          'VALIDATION',
          `name the tenant (${routed.map((t) => t.id).join(', ') || 'none has a routing section'})`,
        );
      return routed[0]!.id;
    },

    async setPresence(tenantId, userId, status) {
      const user = directoryFor(tenantId).users.find((u) => u.id === userId);
      if (user === undefined)
        throw new LeadwireError('NOT_FOUND', `no user "${userId}" in tenant "${tenantId}"`);
      await assignments.setPresence(tenantId, userId, status, clock.now());
      // Someone came online: the pool is offered again (urgent first, longest waiting).
      if (status === 'online') await scheduleSweep(queue, clock, tenantId);
    },

    async claim(conversationId, userId) {
      const current = await assignments.get(conversationId);
      if (current === undefined || !isInPool(current))
        throw new LeadwireError('CONFLICT', `conversation "${conversationId}" is not in the pool`, {
          details: { current: current?.assignee },
        });
      const claim = claimFromPool(directoryFor(current.tenantId), userId);
      if (!claim.ok) throw new LeadwireError('VALIDATION', `${userId} cannot claim it: ${claim.reason}`);
      const { assignee } = claim;
      return settled(
        await assignments.assign({
          tenantId: current.tenantId,
          conversationId,
          assignee,
          source: 'claim',
          urgent: current.urgent,
          at: clock.now(),
          expectedVersion: current.version,
        }),
        'claim',
      );
    },

    async assign(conversationId, target) {
      const conversation = await conversationOrFail(conversationId);
      const directory = directoryFor(conversation.tenantId);
      let assignee: Assignee;
      if ('userId' in target) {
        const user = directory.users.find((u) => u.id === target.userId);
        if (user === undefined || !user.active)
          throw new LeadwireError('VALIDATION', `no active user "${target.userId}" to assign`);
        assignee = { kind: 'user', id: user.id, ...(user.name ? { name: user.name } : {}) };
      } else {
        const queueTarget = directory.queues.find((q) => q.id === target.queueId);
        if (queueTarget === undefined) throw new LeadwireError('VALIDATION', `no queue "${target.queueId}"`);
        assignee = { kind: 'queue', id: queueTarget.crmId, name: queueTarget.name ?? queueTarget.id };
      }
      const current = await assignments.get(conversationId);
      const urgent = signalsOf(conversation.signals).urgency?.value === 'urgent';
      return settled(
        await assignments.assign({
          tenantId: conversation.tenantId,
          conversationId,
          assignee,
          source: 'manual',
          urgent,
          at: clock.now(),
          expectedVersion: current?.version ?? 0,
        }),
        'assign',
      );
    },

    async explain(conversationId) {
      const conversation = await conversationOrFail(conversationId);
      const assignment = await assignments.get(conversationId);
      const decision = conversation.agent?.decision;
      const signals = signalsOf(conversation.signals);
      return {
        conversationId,
        state: conversation.state,
        ...(decision === undefined
          ? {}
          : { decision: { decision: decision.decision, reasons: decision.reasons, at: decision.at } }),
        signals: Object.fromEntries(Object.entries(signals).map(([name, signal]) => [name, signal?.value])),
        ...(assignment === undefined ? {} : { assignment }),
        history: await assignments.history(conversationId),
        ...routingContext(conversation.tenantId),
      };
    },

    pool: (tenantId) => assignments.pool(tenantId),

    async close(conversationId) {
      const current = await assignments.get(conversationId);
      if (current === undefined)
        throw new LeadwireError('NOT_FOUND', `conversation "${conversationId}" was never assigned`);
      const closed = settled(await assignments.close(conversationId, current.version), 'close');
      await scheduleSweep(queue, clock, current.tenantId);
      return closed;
    },

    async release(conversationId) {
      const conversation = await conversationOrFail(conversationId);
      if (conversation.state !== 'human')
        throw new LeadwireError(
          'CONFLICT',
          `conversation "${conversationId}" is not with a person (${conversation.state})`,
        );
      await store.putStepResult(
        humanReleaseKey(conversationId, conversation.humanAt),
        new Date(clock.now()).toISOString(),
      );
    },
  };
}
