// The gateway's HTTP application: WhatsApp webhooks, health, readiness and metrics.
import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { type WebhookDeps, whatsappRoutes } from './webhook/whatsapp-routes.ts';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
  }
}

export type GatewayDeps = WebhookDeps;

export function createGatewayApp(deps: GatewayDeps): Express {
  const { store, queue, logger, metrics } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use((req, res, next) => {
    req.id = req.get('x-request-id') ?? randomUUID();
    res.setHeader('x-request-id', req.id);
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const [storeCheck, queueCheck] = await Promise.allSettled([store.ping(), queue.ping()]);
    const checks = { store: storeCheck.status === 'fulfilled', queue: queueCheck.status === 'fulfilled' };
    res
      .status(checks.store && checks.queue ? 200 : 503)
      .json({ status: checks.store && checks.queue ? 'ready' : 'not ready', checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use(whatsappRoutes(deps));

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      res.status(413).type('text/plain').send('body larger than 3 MB');
      return;
    }
    if (type === 'request.aborted' || type === 'request.size.invalid') {
      res.status(400).type('text/plain').send('incomplete body');
      return;
    }
    logger.error({ requestId: req.id, err: error }, 'unhandled request error');
    res.status(500).json({ error: 'internal error', requestId: req.id });
  };
  app.use(onError);
  return app;
}
