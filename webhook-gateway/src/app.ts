// The gateway's HTTP surface: the webhook hot path on plain node:http, everything else (the verification
// handshake, health, readiness, metrics, and later OAuth, card and admin APIs) in an express 5 app.
import { randomUUID } from 'node:crypto';
import type { RequestListener } from 'node:http';
import type { Clock, DeliveryLog, JobQueue, Store } from '@leadwire/connector-core';
import { type HubspotOAuth, hubspotOAuthRoutes } from '@leadwire/hubspot-app';
import { type SalesforceOAuth, salesforceOAuthRoutes } from '@leadwire/salesforce-package';
import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import { adminRoutes } from './admin/admin-routes.ts';
import { type HubspotCardRoutesOptions, hubspotCardRoutes } from './hubspot/card-routes.ts';
import type { Logger } from './observability/logger.ts';
import type { Metrics } from './observability/metrics.ts';
import type { RoutingService } from './runtime/routing-service.ts';
import { withDeadline } from './runtime/with-deadline.ts';
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

/** `/healthz`, `/readyz` (store, queue and delivery log reachable) and `/metrics`: the gateway's and a worker's. */
export function observabilityRoutes(deps: Pick<GatewayDeps, 'store' | 'queue' | 'log' | 'metrics'>): Router {
  const { store, queue, log, metrics } = deps;
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    // A probe must answer: an unreachable Redis would otherwise hold it (BullMQ waits for a ready client).
    const [storeCheck, queueCheck, logCheck] = await Promise.allSettled([
      withDeadline(store.ping(), READINESS_TIMEOUT_MS, 'the store ping'),
      withDeadline(queue.ping(), READINESS_TIMEOUT_MS, 'the queue ping'),
      withDeadline(log.ping(), READINESS_TIMEOUT_MS, 'the delivery log ping'),
    ]);
    const checks = {
      store: storeCheck.status === 'fulfilled',
      queue: queueCheck.status === 'fulfilled',
      deliveryLog: logCheck.status === 'fulfilled',
    };
    const ready = checks.store && checks.queue && checks.deliveryLog;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}

export function createGatewayApp(deps: GatewayDeps): Express {
  const { directory, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use((req, res, next) => {
    req.id = req.get('x-request-id') ?? randomUUID();
    res.setHeader('x-request-id', req.id);
    next();
  });

  app.use(observabilityRoutes(deps));
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
    logger.error({ requestId: req.id, err: error }, 'unhandled request error');
    res.status(500).json({ error: 'internal error', requestId: req.id });
  };
  app.use(onError);
  return app;
}

/** The request listener of the gateway's HTTP server. */
export function createGatewayListener(deps: GatewayDeps): RequestListener {
  const app = createGatewayApp(deps);
  const webhook = webhookEndpoint(deliveryReceiver(deps), deps.metrics);
  return (req, res) => (isWebhookPost(req) ? webhook(req, res) : app(req, res));
}
