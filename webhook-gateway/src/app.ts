// The gateway's HTTP surface: the webhook hot path on plain node:http, everything else (the verification
// handshake, health, readiness, metrics, and later OAuth, card and admin APIs) in an express 5 app.
import { randomUUID } from 'node:crypto';
import type { RequestListener } from 'node:http';
import type { Clock, DeliveryLog, JobQueue, Store } from '@leadwire/connector-core';
import { type HubspotOAuth, hubspotOAuthRoutes } from '@leadwire/hubspot-app';
import { type SalesforceOAuth, salesforceOAuthRoutes } from '@leadwire/salesforce-package';
import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import { AggregatorRegistry } from 'prom-client';
import { adminRoutes } from './admin/admin-routes.ts';
import { type HubspotCardRoutesOptions, hubspotCardRoutes } from './hubspot/card-routes.ts';
import type { Logger } from './observability/logger.ts';
import type { Metrics } from './observability/metrics.ts';
import type { RoutingService } from './runtime/routing-service.ts';
import { withDeadline } from './runtime/with-deadline.ts';
import type { Metric } from './runtime/work-thread.ts';
import { deliveryReceiver } from './webhook/receive-delivery.ts';
import type { TenantDirectory } from './webhook/tenant-directory.ts';
import { verificationRoute } from './webhook/verification-route.ts';
import { isWebhookPost, webhookEndpoint } from './webhook/webhook-endpoint.ts';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
  }
}

export interface GatewayDeps {
  directory: TenantDirectory;
  store: Store;
  queue: JobQueue;
  /** where deliveries go before they are acknowledged */
  log: DeliveryLog;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
  /** called after each delivery is logged (an ingester in this process reads it at once) */
  onAppended?: () => void;
  /** more counters and histograms for /metrics (embedded mode's work thread) */
  moreMetrics?: () => Promise<Metric[]>;
  /** the admin API (presence, claim, assign, routing); absent = not served */
  admin?: { token: string | undefined; routing: RoutingService };
  /** the HubSpot app install (`/oauth/hubspot/install`, `/oauth/hubspot/callback`) */
  hubspotOAuth?: HubspotOAuth;
  /** the Salesforce org connect (`/oauth/salesforce/install`, `/oauth/salesforce/callback`) */
  salesforceOAuth?: SalesforceOAuth;
  /** the HubSpot record card and settings page backend (`/hubspot/*`, v3-signed) */
  hubspotCard?: Omit<HubspotCardRoutesOptions, 'logger'>;
  /** more routes (the sandbox's page and API) */
  routes?: Router;
}

/** How long /readyz waits for the store and the queue before it says not ready. */
const READINESS_TIMEOUT_MS = 1000;

/**
 * A delivery acknowledged this long ago and still not ingested means ingestion is stuck (no ingester runs, or
 * the store refuses every write): /readyz says so. Poison deliveries are set aside within seconds, so only a
 * real stoppage gets here.
 */
export const INGESTION_STUCK_AFTER_MS = 120_000;

/** The outcome of the latest delivery-log appends, kept by the webhook receiver for /readyz. */
export interface AppendHealth {
  lastSuccessAt?: number;
  lastFailureAt?: number;
}

/** How long a failed append, with none succeeding since, keeps /readyz failing (the log's ping checks after). */
const APPEND_FAILURE_MEMORY_MS = 60_000;

function appendsFailing(appends: AppendHealth | undefined): boolean {
  const failed = appends?.lastFailureAt;
  if (failed === undefined || failed < (appends?.lastSuccessAt ?? -1)) return false;
  return performance.now() - failed < APPEND_FAILURE_MEMORY_MS;
}

/** `/healthz`, `/readyz` (store, queue and delivery log reachable) and `/metrics`: the gateway's and a worker's. */
export function observabilityRoutes(
  deps: Pick<GatewayDeps, 'store' | 'queue' | 'log' | 'metrics' | 'clock' | 'moreMetrics'> & {
    appends?: AppendHealth;
  },
): Router {
  const { store, queue, log, metrics, clock, appends, moreMetrics } = deps;
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    // A probe must answer: an unreachable Redis would otherwise hold it (BullMQ waits for a ready client).
    const [storeCheck, queueCheck, logCheck, oldest] = await Promise.allSettled([
      withDeadline(store.ping(), READINESS_TIMEOUT_MS, 'the store ping'),
      withDeadline(queue.ping(), READINESS_TIMEOUT_MS, 'the queue ping'),
      withDeadline(log.ping(), READINESS_TIMEOUT_MS, 'the delivery log ping'),
      withDeadline(log.oldestReceivedAt(), READINESS_TIMEOUT_MS, 'the delivery log backlog'),
    ]);
    const checks = {
      store: storeCheck.status === 'fulfilled',
      queue: queueCheck.status === 'fulfilled',
      deliveryLog: logCheck.status === 'fulfilled',
      // The last append failed lately (a full disk, a read-only file): webhooks are being refused with 503.
      appending: !appendsFailing(appends),
      ingesting:
        oldest.status === 'fulfilled' &&
        (oldest.value === undefined || clock.now() - oldest.value < INGESTION_STUCK_AFTER_MS),
    };
    const ready = Object.values(checks).every(Boolean);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  router.get('/metrics', async (_req, res) => {
    if (moreMetrics === undefined) {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
      return;
    }
    // The work thread's gauges read the same file as ours: only its counters and histograms are added.
    const [own, more] = await Promise.all([metrics.registry.getMetricsAsJSON(), moreMetrics()]);
    const merged = AggregatorRegistry.aggregate([
      own,
      more.filter((metric) => String(metric.type) !== 'gauge'),
    ]);
    res.type(merged.contentType).send(await merged.metrics());
  });
  return router;
}

export function createGatewayApp(deps: GatewayDeps, appends: AppendHealth = {}): Express {
  const { directory, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use((req, res, next) => {
    req.id = req.get('x-request-id') ?? randomUUID();
    res.setHeader('x-request-id', req.id);
    next();
  });

  app.use(observabilityRoutes({ ...deps, appends }));
  // Before any router that parses bodies: the card's signature covers the raw bytes.
  if (deps.hubspotCard !== undefined) app.use(hubspotCardRoutes({ ...deps.hubspotCard, logger }));
  app.use(verificationRoute(directory, logger));
  if (deps.admin !== undefined) app.use(adminRoutes({ ...deps.admin, logger }));
  if (deps.hubspotOAuth !== undefined) app.use(hubspotOAuthRoutes(deps.hubspotOAuth, { logger }));
  if (deps.salesforceOAuth !== undefined) app.use(salesforceOAuthRoutes(deps.salesforceOAuth, { logger }));
  if (deps.routes !== undefined) app.use(deps.routes);

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    // The client's mistakes (invalid JSON, a body over its limit, a bad % escape in a path) carry their own
    // 4xx from express and body-parser: answer it, never a 500 and an error log anyone can trigger.
    const status = clientErrorStatus(error);
    if (status !== undefined) {
      logger.info({ requestId: req.id, status, reason: (error as Error).message }, 'request refused');
      res.status(status).json({ error: clientErrorMessage(status), requestId: req.id });
      return;
    }
    logger.error({ requestId: req.id, err: error }, 'unhandled request error');
    res.status(500).json({ error: 'internal error', requestId: req.id });
  };
  app.use(onError);
  return app;
}

function clientErrorStatus(error: unknown): number | undefined {
  if (error instanceof URIError) return 400;
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const code = typeof status === 'number' ? status : statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 ? code : undefined;
}

function clientErrorMessage(status: number): string {
  if (status === 413) return 'request body too large';
  if (status === 400) return 'malformed request (invalid JSON or URL encoding)';
  return 'request refused';
}

/** The request listener of the gateway's HTTP server. */
export function createGatewayListener(deps: GatewayDeps): RequestListener {
  const appends: AppendHealth = {};
  const app = createGatewayApp(deps, appends);
  const webhook = webhookEndpoint(deliveryReceiver({ ...deps, appends }), deps.metrics);
  return (req, res) => (isWebhookPost(req) ? webhook(req, res) : app(req, res));
}
