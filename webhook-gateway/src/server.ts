// Running Leadwire: the gateway (HTTP) and/or the worker (turns) in this process, with a clean shutdown.
import { createServer, type Server } from 'node:http';
import { type Clock, type Config, resolveSecret, type TurnHandler } from '@leadwire/connector-core';
import type { Router } from 'express';
import express from 'express';
import { createGatewayListener, observabilityRoutes } from './app.ts';
import { openHubspotCard, openRoutingOverrides } from './hubspot/compose-card.ts';
import { createLogger, type Logger } from './observability/logger.ts';
import { createMetrics } from './observability/metrics.ts';
import {
  defaultHandler,
  graphMessengerFor,
  openRuntime,
  type Runtime,
  routingHandlers,
  startSweeps,
  startWorker,
} from './runtime/compose.ts';
import { openCrm } from './runtime/crm.ts';
import { type RoutingService, routingService } from './runtime/routing-service.ts';
import { type SalesforceReplies, startSalesforceReplies } from './runtime/salesforce-replies.ts';
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
  const metrics = createMetrics(runtime.queue, runtime.log);
  const crm = openCrm(config, env, logger, {
    onPaused: (tenant) => metrics.tenantPaused.inc({ tenant, crm: 'hubspot' }),
  });
  // Routing edits saved from the HubSpot settings page override the file's section (hubspot/routing-overrides.ts).
  const overrides = await openRoutingOverrides(config, runtime, logger);

  let salesforceReplies: SalesforceReplies | undefined;
  if (options.worker) {
    const handler = options.handler ?? defaultHandler(config, runtime, env, crm);
    startWorker(runtime, handler, {
      concurrency: config.turns.concurrency,
      leaseMs: config.turns.leaseMs,
      logger,
      metrics,
      jobs: routingHandlers(config, runtime, logger, crm),
    });
    await startSweeps(config, runtime);
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
    (options.ingest ?? options.worker)
      ? startIngester({ directory, ...runtime, logger, metrics })
      : undefined;
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
      log: runtime.log,
      ...(ingester === undefined ? {} : { onAppended: ingester.nudge }),
      logger,
      metrics,
      clock: runtime.clock,
      admin: {
        token:
          config.server.adminToken === undefined ? undefined : resolveSecret(config.server.adminToken, env),
        routing,
      },
      ...(crm.hubspotOAuth === undefined ? {} : { hubspotOAuth: crm.hubspotOAuth }),
      ...(crm.salesforceOAuth === undefined ? {} : { salesforceOAuth: crm.salesforceOAuth }),
      ...(hubspotCard === undefined ? {} : { hubspotCard: hubspotCard.routes }),
      ...(options.routes === undefined ? {} : { routes: options.routes({ config, env, runtime, routing }) }),
    });
    ({ server, url } = await listen(createServer(listener), options.port ?? config.server.port, config));
  } else if (options.worker && config.server.workerPort !== undefined) {
    // A worker on its own: health, readiness and its metrics (turns, events ingested) for the scraper.
    const app = express()
      .disable('x-powered-by')
      .use(observabilityRoutes({ ...runtime, metrics }));
    ({ server, url } = await listen(createServer(app), config.server.workerPort, config));
  }
  logger.info(
    {
      mode: runtime.mode,
      gateway: options.gateway,
      worker: options.worker,
      ingest: ingester !== undefined,
      url,
    },
    'leadwire started',
  );

  let closing: Promise<void> | undefined;
  return {
    runtime,
    ...(ingester === undefined ? {} : { ingester }),
    ...(salesforceReplies === undefined ? {} : { salesforceReplies }),
    server,
    url,
    close() {
      closing ??= (async () => {
        if (server !== undefined) {
          const s = server;
          await new Promise<void>((resolve) => s.close(() => resolve()));
          s.closeAllConnections();
        }
        await ingester?.stop();
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
