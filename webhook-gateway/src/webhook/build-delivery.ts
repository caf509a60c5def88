// From normalized events to what the store persists: tenant by phone_number_id (only when the app that
// signed the delivery is that tenant's app: tenants stay isolated), idempotency keys, conversation keys.
import { createHash } from 'node:crypto';
import {
  aliasKeyOf,
  conversationKeyOf,
  type Delivery,
  dedupKeyOf,
  type InboundEvent,
  type IngestEvent,
  linkKeysOf,
} from '@leadwire/connector-core';
import { sendReportsOf } from '../whatsapp/graph-messenger.ts';
import type { TenantDirectory } from './tenant-directory.ts';

export interface BuiltDelivery {
  delivery: Delivery;
  /** events dropped: no tenant owns their number, or it was signed by another tenant's app */
  unknown: InboundEvent[];
}

export function buildDelivery(
  raw: Buffer,
  events: readonly InboundEvent[],
  signedBy: readonly string[],
  directory: TenantDirectory,
  receivedAt: number,
): BuiltDelivery {
  const id = createHash('sha256').update(raw).digest('hex');
  const kept: IngestEvent[] = [];
  const unknown: InboundEvent[] = [];
  events.forEach((event, index) => {
    const owner = directory.byPhoneNumberId.get(event.phoneNumberId);
    if (owner === undefined || !signedBy.includes(owner.appId)) {
      unknown.push(event);
      return;
    }
    const ingest: IngestEvent = { event, dedupKey: dedupKeyOf(event, id, index), tenantId: owner.tenantId };
    const conversationKey = conversationKeyOf(event);
    if (conversationKey !== undefined) ingest.conversationKey = conversationKey;
    const aliasKey = aliasKeyOf(event);
    if (aliasKey !== undefined) ingest.aliasKey = aliasKey;
    const linkKeys = linkKeysOf(event);
    if (linkKeys.length > 0) ingest.linkKeys = linkKeys;
    kept.push(ingest);
  });
  // Statuses of our own sends fill the sent log with the events: a send retried after a crash finds its wamid.
  const stepResults = sendReportsOf(kept);
  return {
    delivery: {
      id,
      rawBody: raw,
      receivedAt,
      events: kept,
      ...(stepResults.length > 0 ? { stepResults } : {}),
    },
    unknown,
  };
}
