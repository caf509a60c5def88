// Claims and replies made on the Salesforce record page. A Claim sets Claim_Status__c "requested": Leadwire's
// routing assigns the pool conversation to the rep (so no sweep or pool alert hands it to someone else) and the
// record says `claimed`, or `refused` with why. Replies: the component saves a WhatsApp_Message__c with
// Delivery_Status__c "queued" (the org stores nothing else: no token, no callout); Leadwire reads the queued ones
// of each Salesforce tenant (every 30 s by default, `salesforce.replyPollMs`), sends each through the Graph API inside the 24-hour window, and
// records it as a person's message — the next turn marks the conversation `human`, so the agent stays silent,
// as with an echo from the WhatsApp Business app. The record then says `sent` (with the message's wamid) or
// `failed` (with why). Idempotent: the send is keyed by the record id, the echo by the wamid.
import {
  type Config,
  isLeadwireError,
  LeadwireError,
  type Messenger,
  recipientOf,
} from '@leadwire/connector-core';
import { conversationIdOfKey, type SalesforceCrm } from '@leadwire/salesforce-package';
import type { Logger } from '../observability/logger.ts';
import { assertWindowOpen, recordPersonReply, replyText, windowClosesAt } from '../whatsapp/person-reply.ts';
import type { Runtime } from './compose.ts';
import type { CrmRuntime } from './crm.ts';
import type { RoutingService } from './routing-service.ts';

export interface SalesforceReplies {
  /** one pass over every Salesforce tenant; answers how many replies were sent */
  poll(): Promise<number>;
  stop(): Promise<void>;
}

export function startSalesforceReplies(options: {
  config: Config;
  runtime: Pick<Runtime, 'store' | 'queue' | 'clock'>;
  crm: Pick<CrmRuntime, 'salesforceConnect'>;
  messenger: Messenger;
  /** takes a claim made on the record page (the pool conversation becomes the rep's) */
  routing: Pick<RoutingService, 'claim'>;
  logger: Logger;
  /**
   * Each pass costs one API call per Salesforce tenant: every 30 s is 2,880 calls a day per org (a few percent
   * of an Enterprise org's daily allocation). @defaultValue 30000
   */
  intervalMs?: number;
}): SalesforceReplies {
  const { config, runtime, crm, messenger, logger } = options;
  const tenants = config.tenants.filter((tenant) => tenant.crm?.salesforce !== undefined);
  const orgs = new Map<string, Promise<SalesforceCrm>>();
  const orgOf = (tenantId: string) => {
    let org = orgs.get(tenantId);
    if (org === undefined) {
      org = crm.salesforceConnect(tenantId);
      org.catch(() => orgs.delete(tenantId));
      orgs.set(tenantId, org);
    }
    return org;
  };

  /** Sends one reply and records it; a refusal the rep must see is thrown as VALIDATION or CONFLICT. */
  async function send(
    tenantId: string,
    reply: { id: string; text: string; conversationKey: string; authorId?: string },
  ) {
    const conversationId = conversationIdOfKey(reply.conversationKey);
    const conversation =
      conversationId === undefined ? undefined : await runtime.store.getConversation(conversationId);
    if (conversation === undefined || conversation.tenantId !== tenantId)
      throw new LeadwireError('VALIDATION', 'Leadwire does not know this conversation.');
    const text = replyText(reply.text);
    const now = runtime.clock.now();
    assertWindowOpen(
      await windowClosesAt(runtime.store, conversation),
      now,
      'The record page sends free-form replies only: wait for the customer to write.',
    );
    const wamid = await messenger.send(
      conversation.phoneNumberId,
      recipientOf(conversation),
      { kind: 'text', body: text },
      `salesforce-reply:${reply.id}`,
    );
    await recordPersonReply(runtime, conversation, {
      wamid,
      text,
      at: now,
      object: 'leadwire.salesforce_reply',
      source: {
        source: 'salesforce-record-page',
        messageId: reply.id,
        ...(reply.authorId === undefined ? {} : { userId: reply.authorId }),
      },
    });
    return wamid;
  }

  /** A rep's Claim: Leadwire's routing assigns the pool conversation to them (or says why not). */
  async function claim(tenantId: string, request: { conversationKey: string; userId: string }) {
    const conversationId = conversationIdOfKey(request.conversationKey);
    const conversation =
      conversationId === undefined ? undefined : await runtime.store.getConversation(conversationId);
    if (conversation === undefined || conversation.tenantId !== tenantId)
      throw new LeadwireError('VALIDATION', 'Leadwire does not know this conversation.');
    await options.routing.claim(conversation.id, request.userId);
  }

  async function pollTenant(tenantId: string): Promise<number> {
    const org = await orgOf(tenantId);
    const work = await org.pendingWork();
    for (const request of work.claims) {
      try {
        await claim(tenantId, request);
        await org.settleClaim(request.id, { claimed: true });
      } catch (error) {
        if (
          isLeadwireError(error, 'VALIDATION') ||
          isLeadwireError(error, 'CONFLICT') ||
          isLeadwireError(error, 'NOT_FOUND')
        )
          await org.settleClaim(request.id, { error: error.message });
        else throw error;
      }
    }
    let sent = 0;
    for (const reply of work.replies) {
      try {
        const wamid = await send(tenantId, reply);
        await org.settleReply(reply.id, { wamid });
        sent++;
      } catch (error) {
        // the rep reads why on the record; anything else (the Graph API or the org briefly away) waits for the next pass
        if (isLeadwireError(error, 'VALIDATION') || isLeadwireError(error, 'CONFLICT'))
          await org.settleReply(reply.id, { error: error.message });
        else throw error;
      }
    }
    return sent;
  }

  let running: Promise<number> | undefined;
  async function poll(): Promise<number> {
    let total = 0;
    for (const tenant of tenants) {
      try {
        total += await pollTenant(tenant.id);
      } catch (error) {
        logger.warn(
          { tenant: tenant.id, err: error },
          'Salesforce replies: the pass stopped; the next one retries',
        );
      }
    }
    return total;
  }

  const timer =
    tenants.length === 0
      ? undefined
      : setInterval(() => {
          running ??= poll().finally(() => {
            running = undefined;
          });
        }, options.intervalMs ?? 30_000);
  timer?.unref();

  return {
    poll,
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      await running;
    },
  };
}
