// The crash window of GraphMessenger.send, closed end to end: the Graph emulator delivers signed status
// webhooks to a running gateway, which files the wamid they report under the send's marker; a retried
// send finds it there instead of messaging the customer twice. Run against both stores.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { isLeadwireError } from '@leadwire/connector-core';
import { type GraphEmulator, startGraphEmulator } from '../src/whatsapp/graph-emulator.ts';
import { GraphMessenger, sendCallbackData, storeSentLog } from '../src/whatsapp/graph-messenger.ts';
import {
  DOC_PHONE_NUMBER_ID,
  type Harness,
  secrets,
  startHarness,
  until,
  webhookBody,
} from './support/harness.ts';

const CUSTOMER = { phone: '+16505551234' };
const message = { kind: 'text', body: 'Thanks! A technician will call you today.' } as const;

const isSend = (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
  init?.method === 'POST' && String(input).endsWith('/messages');

/** The worker is SIGKILLed after Meta accepted the POST, before the wamid reaches the sent log. */
const diesAfterMetaAccepts: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  if (!isSend(input, init)) return res;
  await res.text();
  throw new Error('worker killed before recording the wamid');
};

/** The connection breaks before the POST reaches Meta. */
const diesBeforeMeta: typeof fetch = async (input, init) => {
  if (isSend(input, init)) throw new Error('connection reset before reaching Meta');
  return fetch(input, init);
};

async function rejectsTemporary(promise: Promise<unknown>): Promise<void> {
  await assert.rejects(promise, (error: unknown) => isLeadwireError(error) && error.code === 'TEMPORARY');
}

for (const mode of ['embedded', 'scale-out'] as const) {
  describe(`send reconciliation through status webhooks (${mode === 'embedded' ? 'SQLite' : 'Redis'})`, () => {
    let graph: GraphEmulator;
    let gw: Harness;
    const live = () => ({ url: `${gw.url}/webhooks/whatsapp`, appSecret: secrets.acme });
    const store = () => gw.running.runtime.store;
    const messenger = (options: { fetch?: typeof fetch; reconcileWindowMs?: number } = {}) =>
      new GraphMessenger({
        baseUrl: graph.url,
        tokenFor: () => graph.token,
        sentLog: storeSentLog(store()),
        ...options,
      });
    const send = (m: GraphMessenger, key: string) => m.send(DOC_PHONE_NUMBER_ID, CUSTOMER, message, key);
    const newKey = () => `${DOC_PHONE_NUMBER_ID}:16505551234:${randomUUID()}:reply`;

    before(async () => {
      // Tests start the emulator before the gateway, as the sandbox does: the target is set afterwards.
      graph = await startGraphEmulator({ token: 'test-graph-token' });
      gw = await startHarness({ mode, graph });
    });
    after(async () => {
      await graph.close();
      await gw.close();
    });
    beforeEach(() => {
      graph.setStatusWebhook(live());
      graph.sent.length = 0;
      graph.customerWrote(DOC_PHONE_NUMBER_ID, '16505551234');
      graph.statusWebhooks.length = 0;
    });

    it('a send Meta accepted, whose worker died before recording it, is not sent again', async () => {
      const key = newKey();
      await rejectsTemporary(send(messenger({ fetch: diesAfterMetaAccepts }), key));
      assert.equal(graph.sent.length, 1, 'Meta accepted the first POST');
      assert.equal(await storeSentLog(store()).get(key), undefined, 'and the sent log never heard of it');

      const wamid = await send(messenger({ reconcileWindowMs: 5_000 }), key);
      assert.equal(wamid, graph.sent[0]!.wamid);
      assert.equal(graph.sent.length, 1, 'the customer got the reply once');
      assert.equal(await storeSentLog(store()).get(key), wamid);
    });

    it('the retry waits while the gateway is unreachable and takes the status Meta redelivers', async () => {
      const key = newKey();
      graph.setStatusWebhook({ url: 'http://127.0.0.1:9/webhooks/whatsapp', appSecret: secrets.acme });
      await rejectsTemporary(send(messenger({ fetch: diesAfterMetaAccepts }), key));
      setTimeout(() => graph.setStatusWebhook(live()), 400);

      const started = Date.now();
      const wamid = await send(messenger({ reconcileWindowMs: 5_000 }), key);
      assert.ok(Date.now() - started >= 300, 'it waited for the status');
      assert.equal(wamid, graph.sent[0]!.wamid);
      assert.equal(graph.sent.length, 1);
      const sent = graph.statusWebhooks.find((w) => w.wamid === wamid && w.status === 'sent');
      assert.ok(sent !== undefined && sent.attempts > 1, 'Meta retried the status webhook');
    });

    it('a send Meta never got goes out once, after the reconcile window', async () => {
      const key = newKey();
      await rejectsTemporary(send(messenger({ fetch: diesBeforeMeta }), key));
      assert.equal(graph.sent.length, 0);

      const started = Date.now();
      const wamid = await send(messenger({ reconcileWindowMs: 400 }), key);
      assert.ok(Date.now() - started >= 400, 'it waited the whole window');
      assert.equal(graph.sent.length, 1);
      assert.equal(graph.sent[0]!.wamid, wamid);
      assert.equal(await storeSentLog(store()).get(key), wamid);
    });

    it('a first send goes out at once, and a repeated send sends nothing', async () => {
      const key = newKey();
      const started = Date.now();
      const wamid = await send(messenger({ reconcileWindowMs: 5_000 }), key);
      assert.ok(Date.now() - started < 2_000, 'no reconcile wait without an earlier attempt');
      const calls = graph.calls.messages;
      assert.equal(await send(messenger({ reconcileWindowMs: 5_000 }), key), wamid);
      assert.equal(graph.calls.messages, calls);
      assert.equal(graph.sent.length, 1);
    });

    it('the emulator’s status webhooks pass the signature check and are stored as status events', async () => {
      const key = newKey();
      const wamid = await send(messenger(), key);
      const record = await until(async () => {
        const status = await store().getStatus(wamid);
        return status?.status === 'delivered' ? status : undefined;
      }, 'the delivered status');
      assert.deepEqual(record.history, ['sent', 'delivered']);
      assert.equal(record.event.bizOpaqueCallbackData, sendCallbackData(key));
      assert.equal(record.event.recipientId, '16505551234');
      assert.equal(record.event.pricingCategory, 'service');
      // what cost reporting reads: the whole of `pricing`, as Meta sent it
      assert.deepEqual(record.event.pricing, {
        category: 'service',
        pricingModel: 'PMP',
        type: 'free_customer_service',
        billable: false,
      });
      assert.deepEqual(
        graph.statusWebhooks.filter((w) => w.wamid === wamid).map((w) => [w.status, w.attempts]),
        [
          ['sent', 1],
          ['delivered', 1],
        ],
      );
      assert.equal(await storeSentLog(store()).reported(DOC_PHONE_NUMBER_ID, sendCallbackData(key)), wamid);
    });

    it('a status webhook the gateway refuses (wrong secret) is retried until it is accepted', async () => {
      graph.setStatusWebhook({ url: live().url, appSecret: 'not-the-app-secret' });
      const wamid = await send(messenger(), newKey());
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(await store().getStatus(wamid), undefined, 'refused with 401, not stored');
      graph.setStatusWebhook(live());
      const sent = await until(
        () => graph.statusWebhooks.find((w) => w.wamid === wamid && w.status === 'sent'),
        'the sent status accepted',
      );
      assert.ok(sent.attempts > 1);
      // Accepted means logged; the ingester stores it right after.
      await until(() => store().getStatus(wamid), 'the accepted status stored');
    });

    it('a marked status fills the sent log only for a number its signer owns', async () => {
      const callbackData = sendCallbackData(newKey());
      const status = (wamid: string) =>
        webhookBody({
          statuses: [
            {
              id: wamid,
              status: 'sent',
              timestamp: '1750030073',
              recipient_id: '16505551234',
              biz_opaque_callback_data: callbackData,
            },
          ],
        });
      // globex's app signs a status for acme's number: dropped, nothing filled.
      assert.equal((await gw.post(status('wamid.FORGED'), { secret: secrets.globex })).status, 200);
      const log = storeSentLog(store());
      assert.equal(await log.reported(DOC_PHONE_NUMBER_ID, callbackData), undefined);
      assert.equal((await gw.post(status('wamid.OURS'))).status, 200);
      assert.equal(await log.reported(DOC_PHONE_NUMBER_ID, callbackData), 'wamid.OURS');
      // A redelivery (or a later status) does not overwrite it.
      assert.equal((await gw.post(status('wamid.LATER'))).status, 200);
      assert.equal(await log.reported(DOC_PHONE_NUMBER_ID, callbackData), 'wamid.OURS');
    });
  });
}
