// The WhatsApp webhook endpoint (DESIGN §4.1): fast, dumb, durable. Verify the signature on the raw bytes,
// normalize every entry/change/message/status/error, persist idempotently, schedule turns, then answer 200.
// 401 bad signature, 400 not a WhatsApp envelope, 413 over 3 MB, 503 when it cannot persist (Meta retries).
import {
  type Clock,
  isLeadwireError,
  type JobQueue,
  normalizeWebhook,
  type Store,
} from '@leadwire/connector-core';
import express, { type Request, type Response, Router } from 'express';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { buildDelivery } from './build-delivery.ts';
import { verifySignature } from './signature.ts';
import type { TenantDirectory } from './tenant-directory.ts';

export const WEBHOOK_BODY_LIMIT_BYTES = 3 * 1024 * 1024;

export interface WebhookDeps {
  directory: TenantDirectory;
  store: Store;
  queue: JobQueue;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
}

export function whatsappRoutes(deps: WebhookDeps): Router {
  const { directory, store, queue, logger, metrics, clock } = deps;
  const router = Router();

  router.get('/webhooks/whatsapp', (req, res) => {
    const mode = req.query['hub.mode'];
    const token = req.query['hub.verify_token'];
    const challenge = req.query['hub.challenge'];
    if (mode === 'subscribe' && token === directory.verifyToken && typeof challenge === 'string') {
      res.status(200).type('text/plain').send(challenge);
      return;
    }
    logger.warn({ mode }, 'webhook verification refused: wrong hub.mode or hub.verify_token');
    res.status(403).type('text/plain').send('verification failed');
  });

  router.post(
    '/webhooks/whatsapp',
    express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT_BYTES }),
    async (req: Request, res: Response) => {
      const startedAt = performance.now();
      const answer = (status: number, message: string): void => {
        res.status(status).type('text/plain').send(message);
        metrics.ackSeconds.observe({ status: String(status) }, (performance.now() - startedAt) / 1000);
      };
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const signedBy = verifySignature(raw, req.get('x-hub-signature-256'), directory.apps);
      if (signedBy.length === 0) {
        logger.warn({ requestId: req.id }, 'webhook rejected: missing or invalid X-Hub-Signature-256');
        answer(401, 'invalid or missing X-Hub-Signature-256');
        return;
      }

      let events: ReturnType<typeof normalizeWebhook>['events'];
      try {
        events = normalizeWebhook(JSON.parse(raw.toString('utf8'))).events;
      } catch (error) {
        const reason = isLeadwireError(error) ? error.message : 'body is not JSON';
        logger.warn({ requestId: req.id, reason }, 'webhook rejected: not a WhatsApp envelope');
        answer(400, `not a WhatsApp webhook: ${reason}`);
        return;
      }

      const { delivery, unknown } = buildDelivery(raw, events, signedBy, directory, clock.now());
      if (unknown.length > 0) {
        metrics.unknownNumbers.inc(unknown.length);
        logger.warn(
          { requestId: req.id, phoneNumberIds: [...new Set(unknown.map((e) => e.phoneNumberId))] },
          'events for a phone_number_id no tenant owns (or signed by another app) were dropped',
        );
      }
      if (delivery.events.length === 0) {
        answer(200, 'OK');
        return;
      }

      try {
        const result = await store.ingest(delivery);
        let conversations = result.conversations;
        if (result.duplicates > 0) {
          // A redelivery: its first try may have stored the events and failed before scheduling the turn.
          metrics.duplicates.inc(result.duplicates);
          const keys = delivery.events.flatMap((e) =>
            e.conversationKey === undefined ? [] : [e.conversationKey],
          );
          const ids = await Promise.all([...new Set(keys)].map((key) => store.resolveConversationId(key)));
          conversations = [...new Set([...conversations, ...ids])];
        }
        await Promise.all(conversations.map((id) => queue.scheduleTurn(id)));
      } catch (error) {
        logger.error(
          { requestId: req.id, err: error },
          'webhook not persisted; answering 503 so Meta retries',
        );
        answer(503, 'temporarily unable to persist; retry');
        return;
      }
      for (const { event } of delivery.events) metrics.events.inc({ kind: event.kind, type: event.type });
      answer(200, 'OK');
    },
  );

  return router;
}
