// Receiving one WhatsApp delivery (DESIGN §4.1): fast, dumb, durable. Verify the signature on the raw
// bytes, normalize every entry/change/message/status/error, persist idempotently, schedule turns, and only
// then acknowledge. 401 bad signature, 400 not a WhatsApp envelope, 503 when it cannot persist (Meta
// retries for up to 7 days), 200 otherwise — including numbers no tenant owns (retrying would not help).
import {
  type Clock,
  isLeadwireError,
  type JobQueue,
  normalizeWebhook,
  type Store,
} from '@leadwire/connector-core';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { withDeadline } from '../runtime/with-deadline.ts';
import { buildDelivery } from './build-delivery.ts';
import { verifySignature } from './signature.ts';
import type { TenantDirectory } from './tenant-directory.ts';

/**
 * A delivery not persisted by then is refused (503) rather than held: Meta waits about 20 s before it counts a
 * delivery as failed, and persisting is idempotent, so work that finishes after the 503 is harmless.
 */
export const PERSIST_DEADLINE_MS = 3000;

export interface WebhookDeps {
  directory: TenantDirectory;
  store: Store;
  queue: JobQueue;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
}

export interface Answer {
  status: 200 | 400 | 401 | 503;
  message: string;
}

export type ReceiveDelivery = (
  raw: Buffer,
  signature: string | undefined,
  requestId: string,
) => Promise<Answer>;

export function deliveryReceiver(deps: WebhookDeps): ReceiveDelivery {
  const { directory, store, queue, logger, metrics, clock } = deps;

  return async function receive(raw, signature, requestId) {
    const signedBy = verifySignature(raw, signature, directory.apps);
    if (signedBy.length === 0) {
      logger.warn({ requestId }, 'webhook rejected: missing or invalid X-Hub-Signature-256');
      return { status: 401, message: 'invalid or missing X-Hub-Signature-256' };
    }

    const receivedAt = clock.now();
    let normalized: ReturnType<typeof normalizeWebhook>;
    try {
      normalized = normalizeWebhook(JSON.parse(raw.toString('utf8')), { receivedAt });
    } catch (error) {
      const reason = isLeadwireError(error) ? error.message : 'body is not JSON';
      logger.warn({ requestId, reason }, 'webhook rejected: not a WhatsApp envelope');
      return { status: 400, message: `not a WhatsApp webhook: ${reason}` };
    }

    if (normalized.dropped.length > 0) {
      // Items with nothing to act on (no id, an untracked status value…): the stored raw body keeps them.
      logger.warn(
        { requestId, dropped: normalized.dropped },
        'webhook items without a usable event were skipped',
      );
    }
    const { delivery, unknown } = buildDelivery(raw, normalized.events, signedBy, directory, receivedAt);
    if (unknown.length > 0) {
      metrics.unknownNumbers.inc(unknown.length);
      logger.warn(
        { requestId, phoneNumberIds: [...new Set(unknown.map((e) => e.phoneNumberId))] },
        'events for a phone_number_id no tenant owns (or signed by another tenant’s app) were dropped',
      );
    }
    // Nothing of ours in it (a field we do not handle, or only other tenants' numbers): nothing to keep.
    if (delivery.events.length === 0 && normalized.dropped.length === 0)
      return { status: 200, message: 'OK' };

    const persist = async () => {
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
    };
    try {
      await withDeadline(persist(), PERSIST_DEADLINE_MS, 'persisting the delivery');
    } catch (error) {
      logger.error({ requestId, err: error }, 'webhook not persisted; answering 503 so Meta retries');
      return { status: 503, message: 'temporarily unable to persist; retry' };
    }
    for (const { event } of delivery.events) metrics.events.inc({ kind: event.kind, type: event.type });
    return { status: 200, message: 'OK' };
  };
}
