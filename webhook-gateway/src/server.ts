// Running Leadwire: the gateway (HTTP) and/or the worker (turns) in this process, with a clean shutdown.
import { createServer, type RequestListener, type Server } from 'node:http';
import {
  ADMIN_TOKEN_MIN_CHARS,
  type Clock,
  type Config,
  LeadwireError,
  resolveSecret,
  type TurnHandler,
  turnConcurrency,
} from '@leadwire/connector-core';
import type { Router } from 'express';
import express from 'express';
import { createGatewayListener, observabilityRoutes } from './app.ts';
import { openHubspotCard, openRoutingOverrides } from './hubspot/compose-card.ts';
import { createLogger, type Logger } from './observability/logger.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import { appendingThrough, startAppendThread } from './runtime/append-thread.ts';
import {
  defaultHandler,
  deliveryLogPathOf,
  graphMessengerFor,
  openRuntime,
  type Runtime,
  routingHandlers,
  startPruning,
  startSweeps,
  startWorker,
} from './runtime/compose.ts';
import { openCrm } from './runtime/crm.ts';
import { type RoutingService, routingService } from './runtime/routing-service.ts';
import { type SalesforceReplies, startSalesforceReplies } from './runtime/salesforce-replies.ts';
import { startWorkThread } from './runtime/work-thread.ts';
import { type Ingester, startIngester } from './webhook/ingest-deliveries.ts';
import { tenantDirectory } from './webhook/tenant-directory.ts';

export interface RunOptions {
  config: Config;
  gateway: boolean;
  worker: boolean;
  /** ingest the delivery log in this process (default: with the worker) */
  ingest?: boolean;
  env?: NodeJS.ProcessEnv;
  handler?: TurnHandler;
  logger?: Logger;
  /** overrides config.server.port (0 = any free port) */
  port?: number;
  /** the source of "now" (the sandbox moves it forward); default the system clock */
  clock?: Clock;
  /** more HTTP routes on the gateway (the sandbox's page and API), given the running parts */
  routes?: (context: RouteContext) => Router;
  /**
   * Embedded gateway + worker: run the worker half (ingester, turns, jobs, sweeps) on a worker thread with its own
   * SQLite connections, so turn work never delays an acknowledgement (`leadwire start` does). Ignored with Redis,
   * an in-process handler or clock (they cannot cross to a thread).
   */
  workThread?: boolean;
  /** a worker alone serves health and metrics on `server.workerPort` when set (default true) */
  workerServer?: boolean;
}

/** What extra routes may use. */
export interface RouteContext {
  config: Config;
  env: NodeJS.ProcessEnv;
  runtime: Runtime;
  routing: RoutingService;
}

export interface Running {
  runtime: Runtime;
  metrics: Metrics;
  /** the delivery log's ingester, when this process runs one */
  ingester?: Ingester;
  /** the Salesforce record page's replies, read and sent by a worker */
  salesforceReplies?: SalesforceReplies;
  server?: Server;
  url?: string;
  close(): Promise<void>;
}

export async function run(options: RunOptions): Promise<Running> {
  const { config } = options;
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger(config.logging);
  const directory = tenantDirectory(config, env);
  const runtime = openRuntime(config, env, options.clock);
  const metrics = createMetrics(runtime.queue, runtime.log, runtime.store);
  const crm = openCrm(config, env, logger, {
    onPaused: (tenant) => metrics.tenantPaused.inc({ tenant, crm: 'hubspot' }),
  });
  // Routing edits saved from the HubSpot settings page override the file's section (hubspot/routing-overrides.ts).
  const overrides = await openRoutingOverrides(config, runtime, logger);
  const threaded =
    options.workThread === true &&
    options.gateway &&
    options.worker &&
    runtime.mode === 'embedded' &&
    options.handler === undefined &&
    options.clock === undefined;
  const worker = options.worker && !threaded;
  const workThread = threaded ? await startWorkThread(config, env, logger) : undefined;
  const appendThread = threaded
    ? await startAppendThread(
        { path: deliveryLogPathOf(config.storage), synchronous: config.storage.sqliteSynchronous },
        logger,
      )
    : undefined;

  let stopPruning: (() => void) | undefined;
  let salesforceReplies: SalesforceReplies | undefined;
  if (worker) {
    const handler =
      options.handler ??
      defaultHandler(config, runtime, env, crm, (tenant, phoneNumberId, error) => {
        logger.error(
          { tenant, phoneNumberId, reason: error.details?.reason, metaCode: error.details?.metaCode },
          `WhatsApp paused for tenant ${tenant}: ${error.message}`,
        );
        metrics.tenantPaused.inc({ tenant, crm: 'whatsapp' });
      });
    startWorker(runtime, handler, {
      concurrency: turnConcurrency(config),
      leaseMs: config.turns.leaseMs,
      logger,
      metrics,
      jobs: routingHandlers(config, runtime, logger, crm),
    });
    await startSweeps(config, runtime);
    stopPruning = startPruning(config, runtime, logger);
    if (config.tenants.some((tenant) => tenant.crm?.salesforce !== undefined))
      salesforceReplies = startSalesforceReplies({
        config,
        runtime,
        crm,
        messenger: graphMessengerFor(config, runtime, env),
        routing: routingService({ config, ...runtime }),
        logger,
        ...(config.salesforce?.replyPollMs === undefined
          ? {}
          : { intervalMs: config.salesforce.replyPollMs }),
      });
  }
  const ingester =
    (options.ingest ?? worker) ? startIngester({ directory, ...runtime, logger, metrics }) : undefined;
  let server: Server | undefined;
  let url: string | undefined;
  let hubspotCard: ReturnType<typeof openHubspotCard>;
  if (options.gateway) {
    const routing = routingService({ config, ...runtime });
    hubspotCard =
      overrides === undefined
        ? undefined
        : openHubspotCard({ config, env, runtime, crm, routing, overrides });
    const listener = createGatewayListener({
      directory,
      store: runtime.store,
      queue: runtime.queue,
      log: appendThread === undefined ? runtime.log : appendingThrough(runtime.log, appendThread),
      ...(ingester === undefined ? {} : { onAppended: ingester.nudge }),
      ...(workThread === undefined
        ? {}
        : { onAppended: workThread.nudge, moreMetrics: () => workThread.metrics() }),
      logger,
      metrics,
      clock: runtime.clock,
      admin: { token: adminTokenOf(config, env), routing },
      ...(crm.hubspotOAuth === undefined ? {} : { hubspotOAuth: crm.hubspotOAuth }),
      ...(crm.salesforceOAuth === undefined ? {} : { salesforceOAuth: crm.salesforceOAuth }),
      ...(hubspotCard === undefined ? {} : { hubspotCard: hubspotCard.routes }),
      ...(options.routes === undefined ? {} : { routes: options.routes({ config, env, runtime, routing }) }),
    });
    ({ server, url } = await listen(
      httpServer(listener, config),
      options.port ?? config.server.port,
      config,
    ));
  } else if (worker && options.workerServer !== false && config.server.workerPort !== undefined) {
    // A worker on its own: health, readiness and its metrics (turns, events ingested) for the scraper.
    const app = express()
      .disable('x-powered-by')
      .use(observabilityRoutes({ ...runtime, metrics }));
    ({ server, url } = await listen(httpServer(app, config), config.server.workerPort, config));
  }
  logger.info(
    {
      mode: runtime.mode,
      gateway: options.gateway,
      worker: options.worker,
      ...(threaded ? { workThread: true } : {}),
      ingest: ingester !== undefined,
      url,
    },
    'leadwire started',
  );

  let closing: Promise<void> | undefined;
  return {
    runtime,
    metrics,
    ...(ingester === undefined ? {} : { ingester }),
    ...(salesforceReplies === undefined ? {} : { salesforceReplies }),
    server,
    url,
    close() {
      closing ??= (async () => {
        if (server !== undefined) {
          const s = server;
          // Requests in flight get a moment to finish (their deliveries are being logged); a stalled client
          // does not hold the shutdown.
          const closed = new Promise<void>((resolve) => s.close(() => resolve()));
          s.closeIdleConnections();
          const force = setTimeout(() => s.closeAllConnections(), SHUTDOWN_GRACE_MS);
          await closed;
          clearTimeout(force);
        }
        await appendThread?.close();
        await workThread?.close();
        await ingester?.stop();
        stopPruning?.();
        await salesforceReplies?.stop();
        overrides?.stop();
        await hubspotCard?.close();
        await runtime.close();
        await crm.close();
      })();
      return closing;
    },
  };
}

/** How long a shutdown waits for requests in flight before it closes their connections. */
const SHUTDOWN_GRACE_MS = 3000;

/** The admin API's token, refused when too short to be safe (`config validate` says so too). */
function adminTokenOf(config: Config, env: NodeJS.ProcessEnv): string | undefined {
  if (config.server.adminToken === undefined) return undefined;
  const token = resolveSecret(config.server.adminToken, env);
  if (token.length < ADMIN_TOKEN_MIN_CHARS) {
    throw new LeadwireError(
      'VALIDATION',
      `server.adminToken is ${token.length} characters; use at least ${ADMIN_TOKEN_MIN_CHARS} random ones`,
    );
  }
  return token;
}

/**
 * The HTTP server with bounds on slow and many clients: headers within 5 s, the whole request within
 * `server.requestTimeoutMs` (checked every second, not Node's default 30 s), at most `server.maxConnections`.
 * Nothing before the signature check is worth holding a socket or memory for an unauthenticated client.
 */
export function httpServer(listener: RequestListener, config: Config): Server {
  const { requestTimeoutMs, maxConnections } = config.server;
  const server = createServer(
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout: Math.min(5000, requestTimeoutMs),
      connectionsCheckingInterval: 1000,
    },
    listener,
  );
  server.maxConnections = maxConnections;
  return server;
}

async function listen(http: Server, port: number, config: Config): Promise<{ server: Server; url: string }> {
  const server = await new Promise<Server>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, config.server.host, () => resolve(http));
  });
  server.keepAliveTimeout = 65_000;
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  return {
    server,
    url: `http://${config.server.host === '0.0.0.0' ? 'localhost' : config.server.host}:${bound}`,
  };
}
