// `GET /webhooks/whatsapp`: Meta's subscription handshake. Echo hub.challenge when the verify token matches.
import { Router } from 'express';
import type { Logger } from '../observability/logger.ts';
import { sameSecret } from './signature.ts';
import type { TenantDirectory } from './tenant-directory.ts';
import { WEBHOOK_PATH } from './webhook-endpoint.ts';

export function verificationRoute(directory: TenantDirectory, logger: Logger): Router {
  const router = Router();
  router.get(WEBHOOK_PATH, (req, res) => {
    const mode = req.query['hub.mode'];
    const token = req.query['hub.verify_token'];
    const challenge = req.query['hub.challenge'];
    if (
      mode === 'subscribe' &&
      typeof token === 'string' &&
      sameSecret(token, directory.verifyToken) &&
      typeof challenge === 'string'
    ) {
      res.status(200).type('text/plain').send(challenge);
      return;
    }
    logger.warn({ mode }, 'webhook verification refused: wrong hub.mode or hub.verify_token');
    res.status(403).type('text/plain').send('verification failed');
  });
  return router;
}
