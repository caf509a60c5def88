// Receiving one WhatsApp delivery: fast, dumb, durable. Verify the signature on the raw bytes, check that the
// body is a WhatsApp envelope, append it to the delivery log, and only then acknowledge. 401 bad signature,
// 400 not a WhatsApp envelope, 503 when it cannot be logged (Meta retries for up to 7 days), 200 otherwise.
// Everything else — normalizing every entry/change/message/status/error, tenants by phone_number_id, storing
// events idempotently, scheduling turns — is the ingester's (ingest-deliveries.ts), reading the same log.
import {
  type Clock,
  type DeliveryLog,
  isLeadwireError,
  readWebhookEnvelope,
  scanWebhookEnvelope,
  webhookLimitProblem,
} from '@leadwire/connector-core';
import type { Logger } from '../observability/logger.ts';
import { withDeadline } from '../runtime/with-deadline.ts';
import { verifySignature } from './signature.ts';
import type { TenantDirectory } from './tenant-directory.ts';

/**
 * A delivery not logged by then is refused (503) rather than held: Meta waits about 20 s before it counts a
 * delivery as failed, and ingesting is idempotent, so an append that lands after the 503 is harmless.
 */
export const PERSIST_DEADLINE_MS = 3000;

export interface ReceiveDeps {
  directory: TenantDirectory;
  log: DeliveryLog;
  logger: Logger;
  clock: Clock;
  /** called after each append (an ingester in this process starts at once instead of at its next poll) */
  onAppended?: () => void;
  /** where the outcome of each append is noted, for /readyz */
  appends?: { lastSuccessAt?: number; lastFailureAt?: number };
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

export function deliveryReceiver(deps: ReceiveDeps): ReceiveDelivery {
  const { directory, log, logger, clock, onAppended, appends = {} } = deps;

  return async function receive(rawBody, signature, requestId) {
    const signedBy = verifySignature(rawBody, signature, directory.apps);
    if (signedBy.length === 0) {
      logger.warn({ requestId }, 'webhook rejected: missing or invalid X-Hub-Signature-256');
      return { status: 401, message: 'invalid or missing X-Hub-Signature-256' };
    }

    // A plain envelope is told from its bytes; anything else is parsed, and the refusal says why.
    let entries = scanWebhookEnvelope(rawBody);
    if (entries === undefined) {
      const limit = webhookLimitProblem(rawBody);
      if (limit !== undefined) {
        logger.warn({ requestId, reason: limit }, 'webhook rejected: breaks WhatsApp’s structural limits');
        return { status: 400, message: `not a WhatsApp webhook: ${limit}` };
      }
      try {
        entries = readWebhookEnvelope(JSON.parse(rawBody.toString('utf8'))).entry.length;
      } catch (error) {
        const reason = isLeadwireError(error) ? error.message : 'body is not JSON';
        logger.warn({ requestId, reason }, 'webhook rejected: not a WhatsApp envelope');
        return { status: 400, message: `not a WhatsApp webhook: ${reason}` };
      }
    }
    if (entries === 0) return { status: 200, message: 'OK' }; // nothing in it to keep

    try {
      await withDeadline(
        log.append({ rawBody, receivedAt: clock.now(), signedBy, requestId }),
        PERSIST_DEADLINE_MS,
        'logging the delivery',
      );
    } catch (error) {
      appends.lastFailureAt = performance.now();
      logger.error({ requestId, err: error }, 'webhook not logged; answering 503 so Meta retries');
      return { status: 503, message: 'temporarily unable to persist; retry' };
    }
    appends.lastSuccessAt = performance.now();
    onAppended?.();
    return { status: 200, message: 'OK' };
  };
}
