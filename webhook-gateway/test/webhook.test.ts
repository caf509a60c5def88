import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { conversationKeyOf, normalizeWebhook, type SqliteStore } from '@leadwire/connector-core';
import {
  DOC_PHONE_NUMBER_ID,
  fixture,
  fixtureNames,
  type Harness,
  SECOND_PHONE_NUMBER_ID,
  secrets,
  startHarness,
  statusBody,
  textBody,
  until,
} from './support/harness.ts';

const conversationOf = (from: string) => `${DOC_PHONE_NUMBER_ID}:${from}`;

describe('WhatsApp webhook gateway', () => {
  let gw: Harness;
  before(async () => {
    gw = await startHarness();
  });
  after(() => gw.close());

  describe('verification handshake', () => {
    it('echoes hub.challenge when the verify token matches', async () => {
      const res = await fetch(
        `${gw.url}/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-me`,
      );
      assert.equal(res.status, 200);
      assert.equal(await res.text(), '1158201444');
    });
    it('refuses a wrong verify token with 403', async () => {
      const res = await fetch(
        `${gw.url}/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1&hub.verify_token=nope`,
      );
      assert.equal(res.status, 403);
    });
  });

  describe('signature (X-Hub-Signature-256)', () => {
    it('accepts a body signed with the tenant app secret', async () => {
      const res = await gw.post(textBody({ wamid: 'wamid.sig-ok' }));
      assert.equal(res.status, 200);
      const pending = await gw.running.runtime.store.pendingEvents(conversationOf('16505551234'));
      assert.ok(pending.some((e) => e.event.id === 'wamid.sig-ok'));
    });
    it('rejects a missing signature with 401 and stores nothing', async () => {
      const res = await gw.post(textBody({ wamid: 'wamid.sig-missing', from: '16505550001' }), {
        secret: null,
      });
      assert.equal(res.status, 401);
      assert.deepEqual(await gw.running.runtime.store.pendingEvents(conversationOf('16505550001')), []);
    });
    it('rejects a wrong signature with 401 and stores nothing', async () => {
      const res = await gw.post(textBody({ wamid: 'wamid.sig-wrong', from: '16505550002' }), {
        secret: 'not-the-secret',
      });
      assert.equal(res.status, 401);
      const malformed = await gw.post(textBody({ wamid: 'wamid.sig-bad', from: '16505550002' }), {
        secret: null,
        headers: { 'x-hub-signature-256': 'sha256=zz' },
      });
      assert.equal(malformed.status, 401);
      assert.deepEqual(await gw.running.runtime.store.pendingEvents(conversationOf('16505550002')), []);
    });
    it('verifies the raw bytes: \\uXXXX escapes and \\/ pass as sent, and fail once re-serialized', async () => {
      const raw = textBody({ wamid: 'wamid.escaped', from: '16505550003', text: 'PLACEHOLDER' }).replace(
        'PLACEHOLDER',
        'Ol\\u00e1, limpeza em S\\u00e3o Paulo \\/ 50% \\u0040 casa \\ud83e\\uddf9',
      );
      assert.match(raw, /\\u00e1/);
      const res = await gw.post(raw);
      assert.equal(res.status, 200);
      const [stored] = await gw.running.runtime.store.pendingEvents(conversationOf('16505550003'));
      assert.equal(stored?.event.text, 'Olá, limpeza em São Paulo / 50% @ casa 🧹');

      // The same content re-serialized is different bytes: its signature no longer matches the original.
      const reserialized = JSON.stringify(JSON.parse(raw));
      assert.notEqual(reserialized, raw);
      const res2 = await fetch(`${gw.url}/webhooks/whatsapp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': (await import('../src/webhook/signature.ts')).signBody(raw, secrets.acme),
        },
        body: reserialized,
      });
      assert.equal(res2.status, 401);
    });
    it('keeps tenants apart: each number accepts only its own app’s signature', async () => {
      const globexBody = textBody({
        wamid: 'wamid.globex-1',
        from: '16505550004',
        phoneNumberId: SECOND_PHONE_NUMBER_ID,
      });
      assert.equal((await gw.post(globexBody, { secret: secrets.globex })).status, 200);
      const stored = await gw.running.runtime.store.pendingEvents(`${SECOND_PHONE_NUMBER_ID}:16505550004`);
      assert.equal(stored.length, 1);
      assert.equal(stored[0]?.tenantId, 'globex');

      // acme's secret is valid for acme's app, but cannot write into globex's number.
      const forged = textBody({
        wamid: 'wamid.globex-2',
        from: '16505550005',
        phoneNumberId: SECOND_PHONE_NUMBER_ID,
      });
      assert.equal((await gw.post(forged, { secret: secrets.acme })).status, 200);
      assert.deepEqual(
        await gw.running.runtime.store.pendingEvents(`${SECOND_PHONE_NUMBER_ID}:16505550005`),
        [],
      );
    });
  });

  describe('bad input changes nothing', () => {
    it('answers 400 to a body that is not JSON', async () => {
      assert.equal((await gw.post('{"object": "whatsapp_business_account", "entry": [')).status, 400);
    });
    it('answers 400 to JSON that is not a WhatsApp envelope', async () => {
      for (const body of [
        'null',
        '[]',
        '{"object":"page","entry":[]}',
        '{"object":"whatsapp_business_account","entry":5}',
      ]) {
        assert.equal((await gw.post(body)).status, 400, body);
      }
    });
    it('answers 413 above 3 MB without reading it into the store', async () => {
      const huge = textBody({ wamid: 'wamid.huge', from: '16505550006', text: 'x'.repeat(3 * 1024 * 1024) });
      const res = await gw.post(huge);
      assert.equal(res.status, 413);
      assert.deepEqual(await gw.running.runtime.store.pendingEvents(conversationOf('16505550006')), []);
    });
    it('answers 200 to an unknown phone_number_id, stores nothing and counts it', async () => {
      const before = await metricValue(gw.url, 'leadwire_unknown_phone_number_total');
      const res = await gw.post(
        textBody({ wamid: 'wamid.unknown', from: '16505550007', phoneNumberId: '999999999' }),
      );
      assert.equal(res.status, 200);
      assert.deepEqual(await gw.running.runtime.store.pendingEvents('999999999:16505550007'), []);
      assert.equal(await metricValue(gw.url, 'leadwire_unknown_phone_number_total'), before + 1);
    });
  });

  describe('every Meta example payload', () => {
    for (const name of fixtureNames()) {
      it(`${name} is acknowledged and every conversation event lands in its inbox`, async (t) => {
        // A gateway of its own: Meta's examples reuse one wamid, and the same wamid is the same message.
        const gw = await startHarness();
        t.after(() => gw.close());
        const body = fixture(name);
        const res = await gw.post(body);
        assert.equal(res.status, 200);
        for (const event of normalizeWebhook(JSON.parse(body)).events) {
          if (event.kind === 'status') {
            assert.ok(await gw.running.runtime.store.getStatus(event.id), `status of ${event.id} stored`);
          }
          const key = conversationKeyOf(event);
          if (key === undefined) continue;
          const id = await gw.running.runtime.store.resolveConversationId(key);
          const pending = await gw.running.runtime.store.pendingEvents(id);
          assert.ok(
            pending.some((e) => e.event.id === (event as { id: string }).id),
            `${event.kind}/${event.type} in ${id}`,
          );
        }
      });
    }
  });

  describe('batches, duplicates and order', () => {
    it('keeps every event of one delivery with many entries, changes, messages and statuses', async () => {
      const body = batchBody();
      assert.equal((await gw.post(body)).status, 200);
      const a = await gw.running.runtime.store.pendingEvents(conversationOf('16505551111'));
      const b = await gw.running.runtime.store.pendingEvents(conversationOf('16505552222'));
      assert.deepEqual(
        a.map((e) => e.event.id),
        ['wamid.batch-a1', 'wamid.batch-a2', 'wamid.batch-a3'],
      );
      assert.deepEqual(
        b.map((e) => e.event.id),
        ['wamid.batch-b1'],
      );
      assert.equal((await gw.running.runtime.store.getStatus('wamid.out-1'))?.status, 'read');
      assert.equal((await gw.running.runtime.store.getStatus('wamid.out-2'))?.status, 'failed');
    });
    it('stores the same delivery twice as one set of events', async () => {
      const body = textBody({ wamid: 'wamid.twice', from: '16505553333' });
      assert.equal((await gw.post(body)).status, 200);
      assert.equal((await gw.post(body)).status, 200);
      assert.equal((await gw.running.runtime.store.pendingEvents(conversationOf('16505553333'))).length, 1);
    });
    it('stores the same wamid from two different deliveries once', async () => {
      assert.equal(
        (await gw.post(textBody({ wamid: 'wamid.same', from: '16505554444', text: 'one' }))).status,
        200,
      );
      assert.equal(
        (await gw.post(textBody({ wamid: 'wamid.same', from: '16505554444', text: 'one again' }))).status,
        200,
      );
      const pending = await gw.running.runtime.store.pendingEvents(conversationOf('16505554444'));
      assert.deepEqual(
        pending.map((e) => e.event.text),
        ['one'],
      );
    });
    it('ends out-of-order statuses at the furthest state', async () => {
      for (const status of ['read', 'sent', 'delivered']) {
        assert.equal(
          (await gw.post(statusBody([{ wamid: 'wamid.ooo', status, timestamp: 1750000000 }]))).status,
          200,
        );
      }
      const record = await gw.running.runtime.store.getStatus('wamid.ooo');
      assert.equal(record?.status, 'read');
      assert.deepEqual(record?.history, ['read', 'sent', 'delivered']);
      assert.equal(
        (await gw.post(statusBody([{ wamid: 'wamid.ooo', status: 'failed', timestamp: 1750000001 }]))).status,
        200,
      );
      assert.equal(
        (await gw.post(statusBody([{ wamid: 'wamid.ooo', status: 'played', timestamp: 1750000002 }]))).status,
        200,
      );
      assert.equal((await gw.running.runtime.store.getStatus('wamid.ooo'))?.status, 'failed');
    });
    it('orders a conversation’s events by WhatsApp timestamp, then arrival', async () => {
      const from = '16505555555';
      await gw.post(textBody({ wamid: 'wamid.t3', from, timestamp: 1750000003 }));
      await gw.post(textBody({ wamid: 'wamid.t1', from, timestamp: 1750000001 }));
      await gw.post(textBody({ wamid: 'wamid.t3b', from, timestamp: 1750000003 }));
      const pending = await gw.running.runtime.store.pendingEvents(conversationOf(from));
      assert.deepEqual(
        pending.map((e) => e.event.id),
        ['wamid.t1', 'wamid.t3', 'wamid.t3b'],
      );
    });
  });

  describe('health and metrics', () => {
    it('/healthz and /readyz answer 200 when store, queue and delivery log are reachable', async () => {
      assert.equal((await fetch(`${gw.url}/healthz`)).status, 200);
      const ready = await fetch(`${gw.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(((await ready.json()) as { checks: unknown }).checks, {
        store: true,
        queue: true,
        deliveryLog: true,
        appending: true,
        ingesting: true,
      });
    });
    it('/metrics exposes ack latency, events by kind and type, duplicates, queue depth and DLQ size', async () => {
      const text = await (await fetch(`${gw.url}/metrics`)).text();
      for (const name of [
        'leadwire_webhook_ack_seconds_bucket',
        'leadwire_events_total{kind="message",type="text"}',
        'leadwire_duplicates_dropped_total',
        'leadwire_queue_depth',
        'leadwire_dlq_size',
        'leadwire_delivery_dead_letters',
        'leadwire_deliveries_dead_lettered_total',
        'leadwire_store_bytes',
      ]) {
        assert.ok(text.includes(name), name);
      }
    });
  });
});

describe('a delivery log that cannot append', () => {
  it('answers 503 so Meta retries, stores nothing, and /readyz says not ready', async () => {
    const gw = await startHarness();
    const { log, store } = gw.running.runtime;
    log.append = async () => {
      throw new Error('disk full');
    };
    log.ping = async () => {
      throw new Error('disk full');
    };
    try {
      assert.equal((await gw.post(textBody({ wamid: 'wamid.503' }))).status, 503);
      const ready = await fetch(`${gw.url}/readyz`);
      assert.equal(ready.status, 503);
      assert.equal(((await ready.json()) as { checks: { deliveryLog: boolean } }).checks.deliveryLog, false);
      assert.equal(await (store as SqliteStore).countEvents(), 0);
    } finally {
      await gw.close();
    }
  });
});

describe('readiness tells the truth', () => {
  it('says not ready while appends fail, even when a small write still succeeds (a nearly full disk)', async () => {
    const gw = await startHarness();
    const { log } = gw.running.runtime;
    const append = log.append.bind(log);
    log.append = async () => {
      throw new Error('SQLITE_FULL: database or disk is full');
    };
    try {
      assert.equal((await gw.post(textBody({ wamid: 'wamid.full' }))).status, 503);
      const ready = await fetch(`${gw.url}/readyz`);
      assert.equal(ready.status, 503);
      const { checks } = (await ready.json()) as { checks: Record<string, boolean> };
      assert.equal(checks.appending, false);
      assert.equal(checks.deliveryLog, true, 'the probe write fits; the deliveries do not');
      log.append = append;
      assert.equal((await gw.post(textBody({ wamid: 'wamid.room-again' }))).status, 200);
      assert.equal((await fetch(`${gw.url}/readyz`)).status, 200);
    } finally {
      await gw.close();
    }
  });

  it('says not ready when acknowledged deliveries wait unread for minutes (ingestion stuck)', async () => {
    const gw = await startHarness({ ingest: false });
    try {
      const { log, clock } = gw.running.runtime;
      await log.append({
        rawBody: Buffer.from(textBody({ wamid: 'wamid.stuck' })),
        receivedAt: clock.now() - 10 * 60_000,
        signedBy: ['acme-app'],
        requestId: 'req-stuck',
      });
      const ready = await fetch(`${gw.url}/readyz`);
      assert.equal(ready.status, 503);
      assert.equal(((await ready.json()) as { checks: { ingesting: boolean } }).checks.ingesting, false);
    } finally {
      await gw.close();
    }
  });
});

describe('a store that cannot persist', () => {
  it('still acknowledges: the delivery waits in the log and is ingested once the store is back', async () => {
    const gw = await startHarness();
    const { log, store } = gw.running.runtime;
    const ingest = store.ingest.bind(store);
    let refusals = 0;
    store.ingest = async () => {
      refusals++;
      throw new Error('disk full');
    };
    try {
      const answer = await gw.post(textBody({ wamid: 'wamid.store-down' }), { drain: false });
      assert.equal(answer.status, 200);
      await until(() => (refusals >= 2 ? true : undefined), 'the ingester to try again');
      // More deliveries meanwhile are acknowledged, and do not make it retry at once: it backs off.
      const before = refusals;
      for (let i = 0; i < 5; i++) {
        const more = await gw.post(textBody({ wamid: `wamid.store-down-${i}` }), { drain: false });
        assert.equal(more.status, 200);
      }
      assert.ok(refusals <= before + 1, `${refusals - before} retries during 5 deliveries`);
      assert.equal(await log.backlog(), 6, 'the acknowledged deliveries are still in the log');
      assert.equal(await (store as SqliteStore).countEvents(), 0);

      store.ingest = ingest;
      await until(async () => ((await log.backlog()) === 0 ? true : undefined), 'the log to drain');
      assert.equal(await (store as SqliteStore).countEvents(), 6);
      const id = await store.resolveConversationId(conversationOf('16505551234'));
      assert.deepEqual(
        (await store.pendingEvents(id)).map((e) => e.event.kind === 'message' && e.event.id),
        ['wamid.store-down', ...[0, 1, 2, 3, 4].map((i) => `wamid.store-down-${i}`)],
      );
    } finally {
      await gw.close();
    }
  });
});

async function metricValue(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}

/** Two entries, several changes, two messages in one value, read before delivered, a failed status. */
function batchBody(): string {
  const metadata = { display_phone_number: '15550783881', phone_number_id: DOC_PHONE_NUMBER_ID };
  const msg = (from: string, id: string, ts: number, body: string) => ({
    from,
    id,
    timestamp: String(ts),
    type: 'text',
    text: { body },
  });
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata,
              contacts: [
                { profile: { name: 'A' }, wa_id: '16505551111' },
                { profile: { name: 'B' }, wa_id: '16505552222' },
              ],
              messages: [
                msg('16505551111', 'wamid.batch-a1', 1750000100, 'Hi'),
                msg('16505552222', 'wamid.batch-b1', 1750000100, 'Hello'),
              ],
            },
          },
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata,
              statuses: [
                { id: 'wamid.out-1', status: 'read', timestamp: '1750000102', recipient_id: '16505551111' },
                {
                  id: 'wamid.out-1',
                  status: 'delivered',
                  timestamp: '1750000101',
                  recipient_id: '16505551111',
                },
              ],
            },
          },
        ],
      },
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata,
              contacts: [{ profile: { name: 'A' }, wa_id: '16505551111' }],
              messages: [
                msg('16505551111', 'wamid.batch-a2', 1750000103, 'need deep cleaning'),
                msg('16505551111', 'wamid.batch-a3', 1750000104, 'today, in Jeddah'),
              ],
              statuses: [
                {
                  id: 'wamid.out-2',
                  status: 'failed',
                  timestamp: '1750000105',
                  recipient_id: '16505551111',
                  errors: [{ code: 131049, title: 'not delivered' }],
                },
              ],
            },
          },
          { field: 'account_update', value: { phone_number: '15550783881', event: 'VERIFIED_ACCOUNT' } },
        ],
      },
    ],
  });
}
