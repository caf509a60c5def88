// The composition root: config in, running adapters out. `REDIS_URL` (or storage.redisUrl) selects the
// scale-out drivers (Redis store, BullMQ); without it everything lives in one SQLite file (embedded).
import { extname } from 'node:path';
import {
  type Assignments,
  BullmqQueue,
  buildDirectory,
  type Clock,
  type Config,
  type CrmOwner,
  createTurnProcessor,
  crmRefIndexStep,
  crmSteps,
  customerLabel,
  DEFAULT_TASK_POLICY,
  type DeliveryLog,
  humanReleaseKey,
  type JobHandler,
  type JobQueue,
  LeadwireError,
  type LlmAdapters,
  llmAdaptersFromConfig,
  openEmbeddedQueue,
  openSqliteAssignments,
  openSqliteDeliveryLog,
  openSqliteStore,
  ownerTask,
  RedisAssignments,
  RedisDeliveryLog,
  RedisStore,
  type RetentionCutoffs,
  type RoutingNotice,
  type RoutingSources,
  resolveSecret,
  routeStep,
  routingJobs,
  type Store,
  scheduleSweep,
  systemClock,
  TURN_JOB,
  type TurnHandler,
  taskDue,
  tenantsIntakeAgent,
  withCrmRefIndex,
  withCrmSteps,
  withRouteStep,
} from '@leadwire/connector-core';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { GraphMessenger, storeSentLog } from '../whatsapp/graph-messenger.ts';
import { memoryPairRefusals, type PairRefusals, RedisPairRefusals } from '../whatsapp/pair-refusals.ts';
import type { CrmRuntime } from './crm.ts';

export type Mode = 'embedded' | 'scale-out';

/**
 * Where routing reads from: each tenant's routing config and catalog skills, the directory (the config's
 * users until a CRM adapter supplies its owners), and the assignments store. Undefined when no tenant routes.
 */
/** How long the CRM's users stay cached for routing. */
const DIRECTORY_TTL_MS = 5 * 60_000;
/** How long the CRM's presence (who is online) stays cached for routing. */
const PRESENCE_TTL_MS = 30_000;

export function routingSources(
  config: Config,
  runtime: Runtime,
  crm?: Pick<CrmRuntime, 'existingOwnersFor' | 'crmFor' | 'recordOwnerFor'>,
): RoutingSources | undefined {
  const tenants = new Map(config.tenants.map((tenant) => [tenant.id, tenant]));
  if (!config.tenants.some((tenant) => tenant.routing !== undefined)) return undefined;
  // The CRM's users (owners, teams), read once per DIRECTORY_TTL_MS and shared by every Lead; when the CRM
  // cannot be read (not installed yet, an outage) routing goes on with the config's users.
  const owners = new Map<string, { at: number; owners: Promise<CrmOwner[] | undefined> }>();
  const crmOwners = (tenantId: string): Promise<CrmOwner[] | undefined> => {
    const port = crm?.crmFor(tenantId);
    if (port === undefined) return Promise.resolve(undefined);
    const cached = owners.get(tenantId);
    if (cached !== undefined && runtime.clock.now() - cached.at < DIRECTORY_TTL_MS) return cached.owners;
    const read = port.listOwners().catch(() => cached?.owners ?? undefined);
    owners.set(tenantId, { at: runtime.clock.now(), owners: read });
    return read;
  };
  // Who is online in the CRM (Salesforce Omni-Channel), read at most every PRESENCE_TTL_MS; a CRM without
  // presence (HubSpot) or an unreadable one leaves availability to working hours and declared presence.
  const presence = new Map<string, { at: number; online: Promise<Set<string> | undefined> }>();
  const crmPresence = (tenantId: string): Promise<Set<string> | undefined> => {
    const port = crm?.crmFor(tenantId);
    if (port === undefined) return Promise.resolve(undefined);
    const cached = presence.get(tenantId);
    if (cached !== undefined && runtime.clock.now() - cached.at < PRESENCE_TTL_MS) return cached.online;
    const online = port.presence().catch(() => undefined);
    presence.set(tenantId, { at: runtime.clock.now(), online });
    return online;
  };
  return {
    routingFor(tenantId) {
      const tenant = tenants.get(tenantId);
      if (tenant?.routing === undefined) return undefined;
      const services = tenant.intake?.services ?? [];
      return {
        routing: tenant.routing,
        serviceSkills: Object.fromEntries(services.map((service) => [service.id, service.skills])),
      };
    },
    async directoryFor(tenantId) {
      const routing = tenants.get(tenantId)?.routing;
      if (routing === undefined) throw new LeadwireError('NOT_FOUND', `tenant "${tenantId}" has no routing`);
      return buildDirectory(await crmOwners(tenantId), routing);
    },
    assignments: runtime.assignments,
    clock: runtime.clock,
    ...(crm === undefined ? {} : { existingOwnersFor: crm.existingOwnersFor, crmOnlineFor: crmPresence }),
    // An owner changed inside the CRM: read on the conversation's Lead or Inquiry while it is assigned.
    ...(crm?.recordOwnerFor === undefined ? {} : { recordOwnerFor: crm.recordOwnerFor }),
  };
}

/** The routing follow-ups a worker runs (SLA re-route, pool alert, backlog sweep); none without routing. */
export function routingHandlers(
  config: Config,
  runtime: Runtime,
  logger: Logger,
  crm?: Pick<CrmRuntime, 'existingOwnersFor' | 'crmFor' | 'recordOwnerFor'>,
): Record<string, JobHandler> {
  const sources = routingSources(config, runtime, crm);
  if (sources === undefined) return {};
  return routingJobs({
    ...sources,
    store: runtime.store,
    queue: runtime.queue,
    notify: routingNotices(config, runtime, logger, crm),
  });
}

/**
 * What owners hear of routing outside a turn: a re-route or a pick from the pool gives the new owner the
 * record and a task at once; the pool alert is a task for the manager. Conversations the CRM does not hold
 * yet reach it with their next turn.
 */
export function routingNotices(
  config: Config,
  runtime: Pick<Runtime, 'store' | 'clock'>,
  logger: Pick<Logger, 'info'>,
  crm?: Pick<CrmRuntime, 'crmFor'>,
): (notice: RoutingNotice) => Promise<void> {
  const tenants = new Map(config.tenants.map((tenant) => [tenant.id, tenant]));
  return async (notice) => {
    logger.info({ notice }, `routing: ${notice.type}`);
    const port = crm?.crmFor(notice.tenantId);
    const conversation = await runtime.store.getConversation(notice.conversationId);
    // Only conversations the CRM already holds: the rest reach the CRM with their next turn.
    if (port === undefined || conversation?.crmRefs.person === undefined) return;
    const policy = tenants.get(notice.tenantId)?.crm?.tasks ?? DEFAULT_TASK_POLICY;
    const now = runtime.clock.now();
    const who = customerLabel(conversation);
    if (notice.type === 'rerouted' || notice.type === 'assigned_from_pool') {
      if (notice.to.kind !== 'user') return;
      // The new owner gets the record and a task now (the task the next turn would write, once).
      const owned = { ...conversation, ownerId: notice.to.id };
      const why =
        notice.type === 'rerouted' ? `re-routed: no reply in time (hop ${notice.hops})` : 'from the pool';
      if (conversation.state === 'handed_over')
        await port.upsertLead(owned, notice.to.id, { routingReason: why });
      if (conversation.state === 'inquiry') await port.upsertInquiry(owned, notice.to.id, why);
      const kind = conversation.state === 'inquiry' ? 'inquiry' : 'lead';
      await port.createTask(
        owned,
        ownerTask(owned, notice.to.id, policy, now, `WhatsApp ${kind} for you (${why}) — ${who}`),
      );
    } else {
      // The manager is told once: a task to pick an owner for the conversation waiting in the pool.
      await port.createTask(conversation, {
        key: `${conversation.id}:pool-alert:${notice.manager}:${notice.waitingSince}`,
        ownerId: notice.manager,
        subject: `Unclaimed WhatsApp conversation waiting since ${new Date(notice.waitingSince).toISOString()} — ${who}`,
        ...taskDue(conversation, policy, now),
        urgent: notice.urgent,
      });
    }
  };
}

/** Start each routing tenant's periodic backlog sweep (idempotent: one job per time slot). */
const DAY_S = 24 * 60 * 60;
const DAY_MS = DAY_S * 1000;
/** How often the store is pruned to its retention. */
export const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** The cutoffs of `storage.retention` at `now`. */
export function retentionCutoffs(config: Config, now: number): RetentionCutoffs {
  const { deliveriesDays, stepResultsDays, turnsDays } = config.storage.retention;
  return {
    deliveries: now - deliveriesDays * DAY_MS,
    stepResults: now - stepResultsDays * DAY_MS,
    turns: now - turnsDays * DAY_MS,
  };
}

/**
 * Prunes the store to its retention now and then every hour (Redis keys expire by themselves). Returns the
 * stop function. A failed prune is logged and tried again at the next hour: it never stops the worker.
 */
export function startPruning(
  config: Config,
  runtime: Pick<Runtime, 'store' | 'clock'>,
  logger: Logger,
): () => void {
  const prune = (): void => {
    runtime.store.prune(retentionCutoffs(config, runtime.clock.now())).then(
      (pruned) => {
        if (pruned.deliveries + pruned.stepResults + pruned.turns > 0)
          logger.info({ pruned }, 'store pruned');
      },
      (error: unknown) => logger.warn({ err: error }, 'pruning the store failed; trying again in an hour'),
    );
  };
  prune();
  const timer = setInterval(prune, PRUNE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Start each routing tenant's periodic backlog sweep every `pool.sweepMinutes` (none when it is false). */
export async function startSweeps(config: Config, runtime: Pick<Runtime, 'queue' | 'clock'>): Promise<void> {
  for (const tenant of config.tenants) {
    const minutes = tenant.routing?.pool.sweepMinutes;
    if (minutes !== undefined && minutes !== false)
      await scheduleSweep(runtime.queue, runtime.clock, tenant.id, {
        periodic: true,
        intervalMs: minutes * 60_000,
      });
  }
}

/** Told when Meta refuses a tenant's token, a permission or the whole account: its number is paused. */
export type WhatsappPausedHook = (tenantId: string, phoneNumberId: string, error: LeadwireError) => void;

/** The Graph API messenger for every tenant's numbers, with their tokens; sends are remembered in the store. */
export function graphMessengerFor(
  config: Config,
  runtime: Pick<Runtime, 'store' | 'pairRefusals'>,
  env: NodeJS.ProcessEnv,
  onPaused?: WhatsappPausedHook,
): GraphMessenger {
  const tokenOf = new Map<string, string>();
  const tenantOf = new Map<string, string>();
  for (const tenant of config.tenants) {
    for (const id of tenant.whatsapp.phoneNumberIds) tenantOf.set(id, tenant.id);
    if (tenant.whatsapp.accessToken === undefined) continue;
    const token = resolveSecret(tenant.whatsapp.accessToken, env);
    for (const id of tenant.whatsapp.phoneNumberIds) tokenOf.set(id, token);
  }
  return new GraphMessenger({
    baseUrl: config.whatsapp.graphBaseUrl,
    version: config.whatsapp.graphApiVersion,
    tokenFor: (phoneNumberId) => {
      const token = tokenOf.get(phoneNumberId);
      if (token === undefined) {
        throw new LeadwireError(
          'AUTH_REVOKED',
          `no whatsapp.accessToken configured for number ${phoneNumberId}`,
        );
      }
      return token;
    },
    sentLog: storeSentLog(runtime.store),
    ...(runtime.pairRefusals === undefined ? {} : { pairRefusals: runtime.pairRefusals }),
    ...(onPaused === undefined
      ? {}
      : { onPaused: (id: string, error: LeadwireError) => onPaused(tenantOf.get(id) ?? id, id, error) }),
  });
}

/** Until a tenant configures intake, a turn only records itself. */
const recordOnly: TurnHandler = { steps: [] };

/**
 * The turn steps for this config: the intake agent (answering through the Graph API) when a tenant has an
 * `intake` section, else record only.
 */
export function defaultHandler(
  config: Config,
  runtime: Runtime,
  env: NodeJS.ProcessEnv = process.env,
  crm?: CrmRuntime,
  onWhatsappPaused?: WhatsappPausedHook,
): TurnHandler {
  const tenants = new Map(config.tenants.map((tenant) => [tenant.id, tenant]));
  if (!config.tenants.some((tenant) => tenant.intake !== undefined)) return recordOnly;
  const messenger = graphMessengerFor(config, runtime, env, onWhatsappPaused);
  // LLM mode per tenant: adapters built once at boot (the key's variable must be set).
  const llm = new Map<string, { adapters: LlmAdapters; timeoutMs: number }>();
  for (const tenant of config.tenants) {
    if (tenant.llm === undefined) continue;
    llm.set(tenant.id, { adapters: llmAdaptersFromConfig(tenant.llm, env), timeoutMs: tenant.llm.timeoutMs });
  }
  const agent = tenantsIntakeAgent(config.tenants, {
    intakeModelFor: (id) => {
      const tenantLlm = llm.get(id);
      const model = tenantLlm?.adapters.intakeModel;
      return model === undefined ? undefined : { model, timeoutMs: tenantLlm!.timeoutMs };
    },
    transcriberFor: (id) => llm.get(id)?.adapters.transcriber,
    clock: runtime.clock,
    messenger,
    releasedByPerson: async (conversation) =>
      (await runtime.store.getStepResult(humanReleaseKey(conversation.id, conversation.humanAt))) !==
      undefined,
    replyIntervalMs: config.whatsapp.replyIntervalMs,
  });
  const sources = routingSources(config, runtime, crm);
  const routed =
    sources === undefined ? agent : withRouteStep(agent, routeStep({ ...sources, queue: runtime.queue }));
  if (crm === undefined) return routed;
  const written = withCrmSteps(
    routed,
    crmSteps({
      crmFor: crm.crmFor,
      clock: runtime.clock,
      taskPolicyFor: (id) => tenants.get(id)?.crm?.tasks,
      ...(sources === undefined ? {} : { assignments: runtime.assignments }),
    }),
  );
  // The CRM record → conversation index the HubSpot card resolves a record by.
  return withCrmRefIndex(written, crmRefIndexStep({ crmFor: crm.crmFor, store: runtime.store }));
}

export interface Runtime {
  mode: Mode;
  store: Store;
  queue: JobQueue;
  /** acknowledged webhook deliveries waiting to be ingested (same SQLite file or Redis as the store) */
  log: DeliveryLog;
  /** routing's assignments, counters, pool and presence (same SQLite file or Redis as the store) */
  assignments: Assignments;
  /** WhatsApp's pair-rate refusals in a row (131056), shared by every messenger (Redis in scale-out) */
  pairRefusals?: PairRefusals;
  clock: Clock;
  close(): Promise<void>;
}

export function redisUrlOf(config: Config, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.REDIS_URL) return env.REDIS_URL;
  return config.storage.redisUrl === undefined ? undefined : resolveSecret(config.storage.redisUrl, env);
}

export function openRuntime(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
  clock: Clock = systemClock,
): Runtime {
  const queueOptions = {
    debounceMs: config.turns.debounceMs,
    maxWaitMs: config.turns.maxWaitMs,
    attempts: config.turns.attempts,
    backoffMs: config.turns.backoffMs,
    maxBackoffMs: config.turns.maxBackoffMs,
    lockMs: config.turns.leaseMs,
  };
  const redisUrl = redisUrlOf(config, env);
  let store: Store;
  let queue: JobQueue;
  // A dead worker's half-ingested deliveries wait as long as its turns do before another takes them.
  let log: DeliveryLog;
  let assignments: Assignments;
  let pairRefusals: PairRefusals = memoryPairRefusals();
  if (redisUrl !== undefined) {
    const prefix = config.storage.redisPrefix;
    const { deliveriesDays, stepResultsDays } = config.storage.retention;
    store = new RedisStore({
      url: redisUrl,
      prefix,
      clock,
      rawBodyTtlSeconds: Math.round(deliveriesDays * DAY_S),
      recordTtlSeconds: Math.round(Math.max(stepResultsDays, config.storage.retention.turnsDays) * DAY_S),
    });
    log = new RedisDeliveryLog({ url: redisUrl, prefix, claimAfterMs: config.turns.leaseMs });
    queue = new BullmqQueue({ ...queueOptions, url: redisUrl, prefix });
    assignments = new RedisAssignments({ url: redisUrl, prefix, clock });
    pairRefusals = new RedisPairRefusals({ url: redisUrl, prefix });
  } else {
    const path = config.storage.sqlitePath;
    const synchronous = config.storage.sqliteSynchronous;
    store = openSqliteStore({ path, synchronous, clock });
    log = openSqliteDeliveryLog({
      path: deliveryLogPathOf(config.storage),
      movedFrom: path,
      synchronous,
      claimAfterMs: config.turns.leaseMs,
      now: () => clock.now(),
    });
    queue = openEmbeddedQueue({ ...queueOptions, path, clock });
    assignments = openSqliteAssignments({ path, synchronous, clock });
  }
  return {
    mode: redisUrl === undefined ? 'embedded' : 'scale-out',
    store,
    queue,
    log,
    assignments,
    pairRefusals,
    clock,
    async close() {
      await pairRefusals.close?.();
      await log.close();
      await queue.close();
      await assignments.shutdown?.();
      await store.close();
    },
  };
}

/** Embedded mode's delivery log file: `storage.deliveryLogPath`, else `<sqlitePath's name>-deliveries<ext>` beside it. */
export function deliveryLogPathOf(storage: Config['storage']): string {
  if (storage.deliveryLogPath !== undefined) return storage.deliveryLogPath;
  if (storage.sqlitePath === ':memory:') return ':memory:';
  const ext = extname(storage.sqlitePath);
  return `${storage.sqlitePath.slice(0, storage.sqlitePath.length - ext.length)}-deliveries${ext}`;
}

/** Process turns in this process until the queue is stopped. */
export function startWorker(
  runtime: Runtime,
  handler: TurnHandler,
  options: {
    concurrency: number;
    leaseMs: number;
    logger: Logger;
    metrics: Metrics;
    /** more job handlers by name (the routing follow-ups) */
    jobs?: Record<string, JobHandler>;
  },
): void {
  const { store, queue, clock } = runtime;
  const { logger, metrics } = options;
  const processTurn = createTurnProcessor({ store, clock, handler, leaseMs: options.leaseMs });
  queue.start(
    {
      ...options.jobs,
      [TURN_JOB]: async (job) => {
        const conversationId = String(job.data.conversationId);
        const end = metrics.turnSeconds.startTimer();
        try {
          const outcome = await processTurn(conversationId);
          metrics.turns.inc({ outcome: outcome.status });
          if (outcome.status === 'committed') {
            logger.debug(
              { turnId: `${conversationId}:${outcome.turn.seq}`, events: outcome.turn.eventSeqs.length },
              'turn committed',
            );
            if (outcome.more) await queue.scheduleTurn(conversationId);
          }
        } catch (error) {
          metrics.turns.inc({ outcome: 'failed' });
          logger.warn({ turnId: conversationId, attempt: job.attempt, err: error }, 'turn failed');
          throw error;
        } finally {
          end();
        }
      },
    },
    { concurrency: options.concurrency },
  );
}
