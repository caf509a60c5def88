// `POST /webhooks/whatsapp` on plain node:http, ahead of express: it is the one hot path (Meta sends up to
// 3× the outgoing message rate in webhooks), and express's per-request machinery costs about half the
// throughput of the bare server there. Everything else the gateway serves goes through express.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from '../observability/metrics.ts';
import type { ReceiveDelivery } from './receive-delivery.ts';

export const WEBHOOK_PATH = '/webhooks/whatsapp';
export const WEBHOOK_BODY_LIMIT_BYTES = 3 * 1024 * 1024;

export function isWebhookPost(req: IncomingMessage): boolean {
  if (req.method !== 'POST' || req.url === undefined) return false;
  const query = req.url.indexOf('?');
  return (query === -1 ? req.url : req.url.slice(0, query)) === WEBHOOK_PATH;
}

export function webhookEndpoint(receive: ReceiveDelivery, metrics: Metrics) {
  return function handle(req: IncomingMessage, res: ServerResponse): void {
    const startedAt = performance.now();
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' ? header : randomUUID();
    const answer = (status: number, message: string): void => {
      res
        .writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-request-id': requestId })
        .end(message);
      metrics.ackSeconds.observe({ status: String(status) }, (performance.now() - startedAt) / 1000);
    };
    const tooLarge = (): void => {
      res.setHeader('connection', 'close');
      answer(413, 'body larger than 3 MB');
      // Drain what the client is still sending so it reads the 413 cleanly; cut off a runaway upload.
      let drained = 0;
      req.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > 8 * WEBHOOK_BODY_LIMIT_BYTES) req.socket.destroy();
      });
      req.resume();
    };

    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > WEBHOOK_BODY_LIMIT_BYTES) {
      tooLarge();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let rejected = false;
    req.on('data', (chunk: Buffer) => {
      if (rejected) return;
      size += chunk.length;
      if (size > WEBHOOK_BODY_LIMIT_BYTES) {
        rejected = true;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      rejected = true;
    });
    req.on('end', () => {
      if (rejected) return;
      receive(
        Buffer.concat(chunks, size),
        req.headers['x-hub-signature-256'] as string | undefined,
        requestId,
      ).then(
        ({ status, message }) => answer(status, message),
        () => answer(503, 'temporarily unable to persist; retry'),
      );
    });
  };
}
