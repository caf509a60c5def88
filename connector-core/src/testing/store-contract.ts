// The Store contract: one suite every Store adapter (SQLite, Redis, and any fake) must pass, so the gateway
// and the turn runtime can rely on the same semantics in embedded and scale-out mode.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, describe, it } from 'node:test';
import type { Conversation, Turn } from '../model/conversation.ts';
import { conversation as conversationSchema } from '../model/conversation.ts';
import { isLeadwireError } from '../model/errors.ts';
import type { StatusValue } from '../model/inbound-event.ts';
import { inboundEvent } from '../model/inbound-event.ts';
import type { Clock } from '../ports/clock.ts';
import type { Delivery, IngestEvent, IngestResult, Store } from '../ports/store.ts';

/** A clock the suite moves by hand, so lease expiry is tested without sleeping. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

export interface StoreContractContext {
  /** the store must read "now" from this clock (leases expire by it) */
  clock: ManualClock;
}

/** Makes a fresh, empty store for one test. */
export type StoreFactory = (context: StoreContractContext) => Promise<Store>;

export interface StoreContractOptions {
  /** skip the whole suite with this reason (e.g. Redis is not reachable) */
  skip?: string;
}

const PHONE_NUMBER_ID = '106540352242922';
const TENANT = 'tenant-a';
/** 2026-03-02T09:00:00Z, in WhatsApp's unit (seconds) */
const T0 = 1_772_442_000;

export function manualClock(): ManualClock {
  let now = Date.UTC(2026, 2, 2, 9, 0, 0);
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function conversationKey(waId: string): string {
  return `${PHONE_NUMBER_ID}:${waId}`;
}

/** A customer's text message, as the normalizer would hand it to the store. */
export function ingestTextMessage(waId: string, wamid: string, text: string, seconds = T0): IngestEvent {
  const raw = { from: waId, id: wamid, timestamp: String(seconds), type: 'text', text: { body: text } };
  const event = inboundEvent.parse({
    kind: 'message',
    type: 'text',
    phoneNumberId: PHONE_NUMBER_ID,
    timestamp: iso(seconds),
    id: wamid,
    user: { waId },
    text,
    raw,
  });
  return {
    event,
    dedupKey: `m:${PHONE_NUMBER_ID}:${wamid}`,
    tenantId: TENANT,
    conversationKey: conversationKey(waId),
  };
}

/** `user_changed_number`: the conversation of `waId` is from now on also reached through `newWaId`. */
function numberChange(waId: string, newWaId: string, wamid: string, seconds = T0): IngestEvent {
  const body = `User ${waId} changed from ${waId} to ${newWaId}`;
  const event = inboundEvent.parse({
    kind: 'message',
    type: 'system',
    phoneNumberId: PHONE_NUMBER_ID,
    timestamp: iso(seconds),
    id: wamid,
    user: { waId },
    system: { type: 'user_changed_number', body, newWaId },
    raw: {
      from: waId,
      id: wamid,
      type: 'system',
      system: { body, wa_id: newWaId, type: 'user_changed_number' },
    },
  });
  return {
    event,
    dedupKey: `m:${PHONE_NUMBER_ID}:${wamid}`,
    tenantId: TENANT,
    conversationKey: conversationKey(waId),
    aliasKey: conversationKey(newWaId),
  };
}

function statusUpdate(wamid: string, status: StatusValue, seconds = T0): IngestEvent {
  const raw = { id: wamid, status, timestamp: String(seconds), recipient_id: '16505551234' };
  const event = inboundEvent.parse({
    kind: 'status',
    type: status,
    phoneNumberId: PHONE_NUMBER_ID,
    timestamp: iso(seconds),
    id: wamid,
    user: { waId: '16505551234' },
    recipientId: '16505551234',
    raw,
  });
  return { event, dedupKey: `s:${wamid}:${status}`, tenantId: TENANT };
}

function accountError(code: number, seconds = T0): IngestEvent {
  const errors = [{ code, title: 'Rate limit hit' }];
  const event = inboundEvent.parse({
    kind: 'error',
    type: 'error',
    phoneNumberId: PHONE_NUMBER_ID,
    timestamp: iso(seconds),
    errors,
    raw: { errors },
  });
  return { event, dedupKey: `e:${PHONE_NUMBER_ID}:${code}:${seconds}`, tenantId: TENANT };
}

let bodies = 0;
/** A delivery with a body of its own (so its id differs from every other delivery's) unless `body` is given. */
export function testDelivery(events: IngestEvent[], body = `body-${bodies++}-${Math.random()}`): Delivery {
  const rawBody = Buffer.from(JSON.stringify({ object: 'whatsapp_business_account', body }));
  return {
    id: createHash('sha256').update(rawBody).digest('hex'),
    rawBody,
    receivedAt: Date.now(),
    events,
  };
}

function conversationAt(id: string, turnSeq: number): Conversation {
  return conversationSchema.parse({
    id,
    tenantId: TENANT,
    phoneNumberId: PHONE_NUMBER_ID,
    user: { waId: id.split(':')[1] },
    state: 'intake',
    signals: { language: { value: 'en', confidence: 0.9, source: 'rule' } },
    crmRefs: {},
    turnSeq,
    createdAt: '2026-03-02T09:00:00.000Z',
    updatedAt: '2026-03-02T09:05:00.000Z',
  });
}

function texts(events: ReadonlyArray<{ event: { text?: string } }>): Array<string | undefined> {
  return events.map((e) => e.event.text);
}

function sum(results: IngestResult[], field: 'stored' | 'duplicates'): number {
  return results.reduce((total, r) => total + r[field], 0);
}

export function defineStoreContract(
  name: string,
  factory: StoreFactory,
  options: StoreContractOptions = {},
): void {
  describe(`Store contract: ${name}`, { skip: options.skip }, () => {
    const opened: Store[] = [];
    after(async () => {
      await Promise.all(opened.map((s) => s.close()));
    });

    /** A fresh store and the clock it runs on. */
    async function open(): Promise<{ store: Store; clock: ManualClock }> {
      const clock = manualClock();
      const store = await factory({ clock });
      opened.push(store);
      return { store, clock };
    }

    /** A conversation with pending events and a lease held on it. */
    async function leasedConversation(store: Store, waId: string, count: number) {
      const id = conversationKey(waId);
      const events = Array.from({ length: count }, (_, i) =>
        ingestTextMessage(waId, `wamid.${waId}.${i}`, `m${i}`, T0 + i),
      );
      await store.ingest(testDelivery(events));
      const lease = await store.acquireLease(id, 30_000);
      assert.ok(lease, 'a free conversation can be leased');
      const pending = await store.pendingEvents(id);
      return { id, lease, pending };
    }

    it('pendingEvents with a limit gives the first events of the inbox, in order', async () => {
      const { store } = await open();
      const { id, pending } = await leasedConversation(store, '15550009001', 7);
      assert.equal(pending.length, 7);
      const first = await store.pendingEvents(id, { limit: 3 });
      assert.deepEqual(
        first.map((e) => e.seq),
        pending.slice(0, 3).map((e) => e.seq),
      );
      assert.equal((await store.pendingEvents(id, { limit: 50 })).length, 7);
    });

    describe('one person, one conversation (BSUID and wa_id linked)', () => {
      const BSUID = 'US.13491208655302741918';
      const WA = '4915112345600';
      /** A text from the person as WhatsApp names them in this webhook: BSUID, wa_id or both. */
      const from = (ids: { bsuid?: boolean; wa?: boolean }, wamid: string, text: string, seconds = T0) => {
        const item = ingestTextMessage(WA, wamid, text, seconds);
        const user = { ...(ids.wa ? { waId: WA } : {}), ...(ids.bsuid ? { userId: BSUID } : {}) };
        const event = { ...item.event, user } as IngestEvent['event'];
        const key = conversationKey(ids.bsuid ? BSUID : WA);
        const links = ids.bsuid && ids.wa ? [conversationKey(WA)] : [];
        return { ...item, event, conversationKey: key, ...(links.length > 0 ? { linkKeys: links } : {}) };
      };

      it('a wa_id-only message after a BSUID-and-wa_id one joins the same conversation', async () => {
        const { store } = await open();
        await store.ingest(testDelivery([from({ bsuid: true, wa: true }, 'wamid.L1', 'Hi')]));
        const second = await store.ingest(testDelivery([from({ wa: true }, 'wamid.L2', 'again', T0 + 1)]));
        assert.deepEqual(second.conversations, [conversationKey(BSUID)]);
        assert.deepEqual(texts(await store.pendingEvents(conversationKey(BSUID))), ['Hi', 'again']);
        assert.equal(await store.resolveConversationId(conversationKey(WA)), conversationKey(BSUID));
      });

      it('a BSUID-and-wa_id message after a wa_id-only one joins the older conversation', async () => {
        const { store } = await open();
        await store.ingest(testDelivery([from({ wa: true }, 'wamid.L3', 'Hi')]));
        const second = await store.ingest(
          testDelivery([from({ bsuid: true, wa: true }, 'wamid.L4', 'more', T0 + 1)]),
        );
        assert.deepEqual(second.conversations, [conversationKey(WA)]);
        assert.deepEqual(texts(await store.pendingEvents(conversationKey(WA))), ['Hi', 'more']);
        assert.equal(await store.resolveConversationId(conversationKey(BSUID)), conversationKey(WA));
      });

      it('merges two conversations of one person when the link comes late: the older keeps every event', async () => {
        const { store } = await open();
        await store.ingest(testDelivery([from({ wa: true }, 'wamid.L5', 'first', T0)]));
        await store.ingest(testDelivery([from({ bsuid: true }, 'wamid.L6', 'second', T0 + 1)]));
        assert.deepEqual(
          texts(await store.pendingEvents(conversationKey(BSUID))),
          ['second'],
          'two conversations',
        );
        const linked = await store.ingest(
          testDelivery([from({ bsuid: true, wa: true }, 'wamid.L7', 'third', T0 + 2)]),
        );
        assert.deepEqual(linked.conversations, [conversationKey(WA)]);
        assert.deepEqual(texts(await store.pendingEvents(conversationKey(WA))), ['first', 'second', 'third']);
        assert.deepEqual(await store.pendingEvents(conversationKey(BSUID)), []);
        assert.equal(await store.resolveConversationId(conversationKey(BSUID)), conversationKey(WA));
        // and again: nothing moves twice
        const again = await store.ingest(testDelivery([from({ bsuid: true }, 'wamid.L8', 'fourth', T0 + 3)]));
        assert.deepEqual(again.conversations, [conversationKey(WA)]);
      });
    });

    describe('ingest is idempotent', () => {
      it('stores a redelivered body once and counts its events as duplicates', async () => {
        const { store } = await open();
        const d = testDelivery([
          ingestTextMessage('4915112345678', 'wamid.A1', 'Hi'),
          statusUpdate('wamid.OUT1', 'sent'),
        ]);
        assert.deepEqual(await store.ingest(d), {
          stored: 2,
          duplicates: 0,
          storedIndexes: [0, 1],
          conversations: [conversationKey('4915112345678')],
        });
        const again = await store.ingest(d);
        assert.equal(again.stored, 0);
        assert.equal(again.duplicates, 2);
        assert.deepEqual(again.storedIndexes, [], 'nothing new to count');
        assert.deepEqual(again.conversations, [], 'no new inbox events, no turn to schedule');
        assert.deepEqual(texts(await store.pendingEvents(conversationKey('4915112345678'))), ['Hi']);
      });

      it('stores a message carried by two different deliveries once', async () => {
        const { store } = await open();
        const first = await store.ingest(
          testDelivery([ingestTextMessage('4915112345678', 'wamid.A1', 'Hi')]),
        );
        const second = await store.ingest(
          testDelivery([
            ingestTextMessage('4915112345678', 'wamid.A1', 'Hi'),
            ingestTextMessage('4915112345678', 'wamid.A2', 'there', T0 + 1),
          ]),
        );
        assert.equal(first.stored, 1);
        assert.deepEqual([second.stored, second.duplicates], [1, 1]);
        assert.deepEqual(texts(await store.pendingEvents(conversationKey('4915112345678'))), ['Hi', 'there']);
      });

      it('stores an event once when concurrent deliveries carry it', async () => {
        const { store } = await open();
        const results = await Promise.all(
          Array.from({ length: 8 }, () =>
            store.ingest(testDelivery([ingestTextMessage('4915112345678', 'wamid.A1', 'Hi')])),
          ),
        );
        assert.equal(sum(results, 'stored'), 1);
        assert.equal(sum(results, 'duplicates'), 7);
        assert.equal(results.filter((r) => r.conversations.length > 0).length, 1, 'one turn is scheduled');
        assert.equal((await store.pendingEvents(conversationKey('4915112345678'))).length, 1);
      });

      it('stores an event once when one delivery repeats it', async () => {
        const { store } = await open();
        const message = ingestTextMessage('4915112345678', 'wamid.A1', 'Hi');
        const result = await store.ingest(testDelivery([message, message]));
        assert.deepEqual([result.stored, result.duplicates], [1, 1]);
        assert.equal((await store.pendingEvents(conversationKey('4915112345678'))).length, 1);
      });

      it('keeps every event of a delivery, across conversations and kinds', async () => {
        const { store } = await open();
        const customers = ['4915100000001', '4915100000002', '4915100000003'];
        const messages = Array.from({ length: 60 }, (_, i) =>
          ingestTextMessage(customers[i % 3]!, `wamid.M${i}`, `message ${i}`, T0 + i),
        );
        const statuses = Array.from({ length: 10 }, (_, i) => statusUpdate(`wamid.OUT${i}`, 'delivered'));
        const result = await store.ingest(testDelivery([...messages, ...statuses, accountError(130429)]));
        assert.equal(result.stored, 71);
        assert.equal(result.duplicates, 0);
        assert.deepEqual([...result.conversations].sort(), customers.map(conversationKey).sort());
        for (const [i, customer] of customers.entries()) {
          const pending = await store.pendingEvents(conversationKey(customer));
          assert.equal(pending.length, 20);
          assert.deepEqual(
            texts(pending),
            Array.from({ length: 20 }, (_, k) => `message ${k * 3 + i}`),
          );
          for (const p of pending) {
            assert.equal(p.conversationId, conversationKey(customer));
            assert.equal(p.tenantId, TENANT);
          }
        }
        assert.equal((await store.getStatus('wamid.OUT9'))?.status, 'delivered');
      });

      it('gives stored events increasing, unique sequence numbers and keeps them whole', async () => {
        const { store } = await open();
        const message = ingestTextMessage('4915112345678', 'wamid.A1', 'Hi');
        await store.ingest(
          testDelivery([message, ingestTextMessage('4915112345678', 'wamid.A2', 'again', T0 + 1)]),
        );
        const pending = await store.pendingEvents(conversationKey('4915112345678'));
        assert.ok(pending[0]!.seq < pending[1]!.seq);
        assert.deepEqual(
          pending[0]!.event,
          message.event,
          'the event comes back as it went in, raw included',
        );
      });

      it('writes nothing of a delivery it cannot persist, and fails only that delivery', async () => {
        const { store } = await open();
        const good = ingestTextMessage('4915112345678', 'wamid.A1', 'Hi');
        const poisoned = ingestTextMessage('4915112345678', 'wamid.A2', 'unserializable');
        // zod accepts any `raw`; a BigInt cannot be written as JSON
        const bad = { ...poisoned, event: { ...poisoned.event, raw: { value: 10n } } };
        const results = await Promise.allSettled([
          store.ingest(testDelivery([ingestTextMessage('4915100000009', 'wamid.B1', 'before')])),
          store.ingest(testDelivery([ingestTextMessage('4915112345678', 'wamid.A0', 'first'), bad])),
          store.ingest(testDelivery([good])),
        ]);
        assert.deepEqual(
          results.map((r) => r.status),
          ['fulfilled', 'rejected', 'fulfilled'],
        );
        assert.deepEqual(texts(await store.pendingEvents(conversationKey('4915112345678'))), ['Hi']);
        assert.equal((await store.pendingEvents(conversationKey('4915100000009'))).length, 1);
      });

      it('keeps all of 200 concurrent deliveries', async () => {
        const { store } = await open();
        const customers = Array.from({ length: 10 }, (_, i) => `49151000001${String(i).padStart(2, '0')}`);
        const results = await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            store.ingest(
              testDelivery([
                ingestTextMessage(customers[i % 10]!, `wamid.C${i}`, `message ${i}`, T0 + i),
                statusUpdate(`wamid.OUT${i % 20}`, 'delivered'),
              ]),
            ),
          ),
        );
        assert.equal(sum(results, 'stored'), 220);
        assert.equal(sum(results, 'duplicates'), 180);
        let pendingTotal = 0;
        for (const [k, customer] of customers.entries()) {
          const pending = await store.pendingEvents(conversationKey(customer));
          assert.deepEqual(
            texts(pending),
            Array.from({ length: 20 }, (_, j) => `message ${j * 10 + k}`),
          );
          pendingTotal += pending.length;
        }
        assert.equal(pendingTotal, 200);
      });
    });

    describe('the inbox', () => {
      it('orders pending events by WhatsApp timestamp, then by arrival', async () => {
        const { store } = await open();
        const c = '4915112345678';
        // arrival order: "c" (t+2), "a" (t), then one delivery with "d" (t+3), "b1" (t+1), "b2" (t+1)
        await store.ingest(testDelivery([ingestTextMessage(c, 'wamid.c', 'c', T0 + 2)]));
        await store.ingest(testDelivery([ingestTextMessage(c, 'wamid.a', 'a', T0)]));
        await store.ingest(
          testDelivery([
            ingestTextMessage(c, 'wamid.d', 'd', T0 + 3),
            ingestTextMessage(c, 'wamid.b1', 'b1', T0 + 1),
            ingestTextMessage(c, 'wamid.b2', 'b2', T0 + 1),
          ]),
        );
        await store.ingest(testDelivery([ingestTextMessage(c, 'wamid.b3', 'b3', T0 + 1)]));
        // a burst inside one second: arrival decides, also past ten events (sequence 9 before 10)
        const burst = Array.from({ length: 12 }, (_, i) => `e${i}`);
        for (const text of burst)
          await store.ingest(testDelivery([ingestTextMessage(c, `wamid.${text}`, text, T0 + 5)]));
        const pending = await store.pendingEvents(conversationKey(c));
        assert.deepEqual(texts(pending), ['a', 'b1', 'b2', 'b3', 'c', 'd', ...burst]);
      });

      it('is empty for a conversation nobody wrote to', async () => {
        const { store } = await open();
        assert.deepEqual(await store.pendingEvents(conversationKey('4900000000000')), []);
        assert.equal(await store.getConversation(conversationKey('4900000000000')), undefined);
      });

      it('does not hold statuses or errors', async () => {
        const { store } = await open();
        const result = await store.ingest(
          testDelivery([statusUpdate('wamid.OUT1', 'read'), accountError(131056)]),
        );
        assert.equal(result.stored, 2);
        assert.deepEqual(result.conversations, []);
      });
    });

    describe('conversation events', () => {
      it('returns the latest events, committed and pending, oldest first, up to the limit', async () => {
        const { store, clock } = await open();
        const { id, lease, pending } = await leasedConversation(store, '4915112345678', 3);
        const turn = await store.claimTurn({
          conversationId: id,
          seq: 1,
          eventSeqs: pending.map((e) => e.seq),
          claimedAt: new Date(clock.now()).toISOString(),
          fence: lease.fence,
        });
        assert.equal(
          await store.commitTurn({
            conversation: conversationAt(id, 1),
            expectedSeq: 0,
            fence: lease.fence,
            turn,
          }),
          true,
        );
        // pending after the commit, one of them with an earlier WhatsApp timestamp than its predecessor
        await store.ingest(testDelivery([ingestTextMessage('4915112345678', 'wamid.p1', 'p1', T0 + 20)]));
        await store.ingest(testDelivery([ingestTextMessage('4915112345678', 'wamid.p0', 'p0', T0 + 10)]));
        // another conversation's events and statuses never show up
        await store.ingest(
          testDelivery([
            ingestTextMessage('4900000000001', 'wamid.other', 'other'),
            statusUpdate('wamid.x', 'sent'),
          ]),
        );
        const all = await store.conversationEvents(id, { limit: 100 });
        assert.deepEqual(texts(all), ['m0', 'm1', 'm2', 'p0', 'p1']);
        assert.ok(all.every((e) => e.conversationId === id && e.tenantId === TENANT));
        const latest = await store.conversationEvents(id, { limit: 2 });
        assert.deepEqual(texts(latest), ['p0', 'p1'], 'the latest two by arrival, oldest first');
        assert.deepEqual(await store.conversationEvents(conversationKey('4900000000002'), { limit: 10 }), []);
      });

      it('keeps a re-keyed conversation\u2019s events together', async () => {
        const { store } = await open();
        const id = conversationKey('4915112345678');
        await store.ingest(testDelivery([ingestTextMessage('4915112345678', 'wamid.k1', 'before', T0)]));
        await store.ingest(
          testDelivery([numberChange('4915112345678', '4915199999999', 'wamid.k2', T0 + 1)]),
        );
        await store.ingest(testDelivery([ingestTextMessage('4915199999999', 'wamid.k3', 'after', T0 + 2)]));
        const events = await store.conversationEvents(id, { limit: 10 });
        assert.deepEqual(
          events.map((e) => e.event.id),
          ['wamid.k1', 'wamid.k2', 'wamid.k3'],
        );
      });
    });

    describe('message statuses', () => {
      async function statusesOf(store: Store, wamid: string, sequence: StatusValue[]) {
        for (const [i, status] of sequence.entries()) {
          await store.ingest(testDelivery([statusUpdate(wamid, status, T0 + i)]));
        }
        return store.getStatus(wamid);
      }

      it('a late "delivered" does not undo "read"', async () => {
        const { store } = await open();
        const record = await statusesOf(store, 'wamid.OUT1', ['read', 'delivered']);
        assert.equal(record?.status, 'read');
        assert.deepEqual(record?.history, ['read', 'delivered']);
        assert.equal(record?.event.type, 'read', 'the event kept is the one that set the status');
      });

      it('a "sent" after "delivered" stays "delivered"', async () => {
        const { store } = await open();
        const record = await statusesOf(store, 'wamid.OUT1', ['delivered', 'sent']);
        assert.equal(record?.status, 'delivered');
        assert.deepEqual(record?.history, ['delivered', 'sent']);
      });

      it('moves forward through sent, delivered, read, played', async () => {
        const { store } = await open();
        const record = await statusesOf(store, 'wamid.OUT1', ['sent', 'delivered', 'read', 'played']);
        assert.equal(record?.status, 'played');
        assert.equal(record?.wamid, 'wamid.OUT1');
      });

      it('"failed" wins over everything and nothing moves it', async () => {
        const { store } = await open();
        const record = await statusesOf(store, 'wamid.OUT1', ['delivered', 'failed', 'read', 'played']);
        assert.equal(record?.status, 'failed');
        assert.deepEqual(record?.history, ['delivered', 'failed', 'read', 'played']);
        const late = await statusesOf(store, 'wamid.OUT2', ['read', 'failed']);
        assert.equal(late?.status, 'failed', 'failed beats read');
      });

      it('a repeated status is not recorded twice', async () => {
        const { store } = await open();
        const record = await statusesOf(store, 'wamid.OUT1', ['sent', 'delivered', 'sent', 'delivered']);
        assert.deepEqual(record?.history, ['sent', 'delivered']);
        assert.equal(await store.getStatus('wamid.UNKNOWN'), undefined);
      });
    });

    describe('aliases', () => {
      it('after a number change, messages from the new number land in the old conversation', async () => {
        const { store } = await open();
        const old = conversationKey('4915112345678');
        await store.ingest(testDelivery([ingestTextMessage('4915112345678', 'wamid.A1', 'Hi')]));
        const rekey = await store.ingest(
          testDelivery([numberChange('4915112345678', '4917600000000', 'wamid.SYS1', T0 + 1)]),
        );
        assert.deepEqual(rekey.conversations, [old]);
        const after = await store.ingest(
          testDelivery([ingestTextMessage('4917600000000', 'wamid.A2', 'new phone', T0 + 2)]),
        );
        assert.deepEqual(after.conversations, [old]);
        assert.equal(await store.resolveConversationId(conversationKey('4917600000000')), old);
        assert.equal(await store.resolveConversationId(old), old);
        assert.deepEqual(texts(await store.pendingEvents(old)), ['Hi', undefined, 'new phone']);
        assert.deepEqual(await store.pendingEvents(conversationKey('4917600000000')), []);
      });

      it('applies a re-key to the events after it in the same delivery', async () => {
        const { store } = await open();
        const result = await store.ingest(
          testDelivery([
            numberChange('4915112345678', '4917600000000', 'wamid.SYS1'),
            ingestTextMessage('4917600000000', 'wamid.A2', 'new phone', T0 + 1),
          ]),
        );
        assert.deepEqual(result.conversations, [conversationKey('4915112345678')]);
      });

      it('a key that already names a conversation is not moved', async () => {
        const { store } = await open();
        await store.ingest(testDelivery([numberChange('4915112345678', '4917600000000', 'wamid.SYS1')]));
        await store.ingest(
          testDelivery([numberChange('4915199999999', '4917600000000', 'wamid.SYS2', T0 + 1)]),
        );
        assert.equal(
          await store.resolveConversationId(conversationKey('4917600000000')),
          conversationKey('4915112345678'),
        );
        assert.equal(await store.resolveConversationId('never-seen'), 'never-seen');
      });
    });

    describe('leases', () => {
      it('are exclusive until they expire, and each new lease gets a higher fence', async () => {
        const { store, clock } = await open();
        const id = conversationKey('4915112345678');
        const first = await store.acquireLease(id, 1000);
        assert.ok(first);
        assert.equal(first.conversationId, id);
        assert.equal(await store.acquireLease(id, 1000), undefined, 'held');
        assert.ok(
          await store.acquireLease(conversationKey('4915100000000'), 1000),
          'other conversations are free',
        );
        clock.advance(1000);
        const second = await store.acquireLease(id, 1000);
        assert.ok(second, 'an expired lease can be taken over');
        assert.ok(second.fence > first.fence);
        assert.equal(await store.renewLease(first, 1000), false, 'the stale fence cannot renew');
        assert.equal(await store.renewLease(second, 1000), true);
      });

      it('renewing keeps a lease past its first expiry', async () => {
        const { store, clock } = await open();
        const id = conversationKey('4915112345678');
        const lease = (await store.acquireLease(id, 1000))!;
        clock.advance(800);
        assert.equal(await store.renewLease(lease, 1000), true);
        clock.advance(800);
        assert.equal(await store.acquireLease(id, 1000), undefined, 'still held after the first ttl');
        clock.advance(200);
        assert.equal(await store.renewLease(lease, 1000), false, 'an expired lease cannot be renewed');
      });

      it('release frees the conversation at once and fences never repeat', async () => {
        const { store, clock } = await open();
        const id = conversationKey('4915112345678');
        const fences: number[] = [];
        for (let i = 0; i < 3; i++) {
          const lease = (await store.acquireLease(id, 60_000))!;
          fences.push(lease.fence);
          await store.releaseLease(lease);
        }
        assert.ok(fences[0]! < fences[1]! && fences[1]! < fences[2]!, `fences ${fences} increase`);
        const stale = (await store.acquireLease(id, 1000))!;
        clock.advance(1000);
        const current = (await store.acquireLease(id, 60_000))!;
        await store.releaseLease(stale);
        assert.equal(
          await store.acquireLease(id, 1000),
          undefined,
          'a stale release leaves the new lease alone',
        );
        assert.equal(await store.renewLease(current, 60_000), true);
      });

      it('a stale fence can neither claim nor commit a turn', async () => {
        const { store, clock } = await open();
        const { id, lease: stale, pending } = await leasedConversation(store, '4915112345678', 2);
        clock.advance(30_000);
        const current = (await store.acquireLease(id, 30_000))!;
        const turn: Turn = {
          conversationId: id,
          seq: 1,
          eventSeqs: pending.map((e) => e.seq),
          claimedAt: new Date(clock.now()).toISOString(),
          fence: stale.fence,
        };
        await assert.rejects(store.claimTurn(turn), (error) => isLeadwireError(error, 'CONFLICT'));
        assert.equal(await store.getTurn(id, 1), undefined, 'the stale claim wrote nothing');
        const committed = await store.commitTurn({
          conversation: conversationAt(id, 1),
          expectedSeq: 0,
          fence: stale.fence,
          turn,
        });
        assert.equal(committed, false);
        assert.equal(await store.getConversation(id), undefined);
        assert.equal((await store.pendingEvents(id)).length, 2);
        // the current holder can
        const claimed = await store.claimTurn({ ...turn, fence: current.fence });
        assert.equal(claimed.fence, current.fence);
        assert.equal(
          await store.commitTurn({
            conversation: conversationAt(id, 1),
            expectedSeq: 0,
            fence: current.fence,
            turn: claimed,
          }),
          true,
        );
      });
    });

    describe('turns', () => {
      it('a retried claim gets the first claim back', async () => {
        const { store, clock } = await open();
        const { id, lease, pending } = await leasedConversation(store, '4915112345678', 2);
        const first: Turn = {
          conversationId: id,
          seq: 1,
          eventSeqs: pending.map((e) => e.seq),
          claimedAt: new Date(clock.now()).toISOString(),
          fence: lease.fence,
        };
        assert.deepEqual(await store.claimTurn(first), first);
        await store.ingest(testDelivery([ingestTextMessage('4915112345678', 'wamid.late', 'late', T0 + 10)]));
        clock.advance(5000);
        const later = await store.pendingEvents(id);
        const retry: Turn = {
          ...first,
          eventSeqs: later.map((e) => e.seq),
          claimedAt: new Date(clock.now()).toISOString(),
        };
        assert.deepEqual(await store.claimTurn(retry), first);
        assert.deepEqual(await store.getTurn(id, 1), first);
        assert.equal(await store.getTurn(id, 2), undefined);
      });

      it('step results are set once; later puts return the first value', async () => {
        const { store } = await open();
        const key = `${conversationKey('4915112345678')}:1:intake`;
        assert.equal(await store.getStepResult(key), undefined);
        const first = { signals: { city: 'Jeddah' }, confidence: 0.8, list: [1, 2, 3] };
        assert.deepEqual(await store.putStepResult(key, first), first);
        assert.deepEqual(await store.putStepResult(key, { signals: { city: 'Riyadh' } }), first);
        assert.deepEqual(await store.getStepResult(key), first);
        assert.equal(await store.putStepResult(`${key}-flag`, false), false, 'falsy values are results too');
        assert.equal(await store.getStepResult(`${key}-flag`), false);
      });

      it('a step result put as JSON is set once too; the put returns the JSON stored', async () => {
        const { store } = await open();
        const key = `${conversationKey('4915112345678')}:1:policy`;
        const first = JSON.stringify({ state: 'intake', signals: { city: 'Jeddah' } });
        assert.equal(await store.putStepResultJson(key, first), first);
        assert.equal(await store.putStepResultJson(key, JSON.stringify({ state: 'new' })), first);
        assert.deepEqual(await store.putStepResult(key, { state: 'human' }), JSON.parse(first));
        assert.deepEqual(await store.getStepResult(key), JSON.parse(first));
      });

      it('a delivery writes its step results with its events, set-if-absent', async () => {
        const { store } = await open();
        const reported = 'whatsapp-sent-reported:106540352242922:leadwire-send:v1:abc';
        await store.putStepResult('already', 'first');
        const delivery = {
          ...testDelivery([statusUpdate('wamid.OUT1', 'sent')]),
          stepResults: [
            { key: reported, value: 'wamid.OUT1' },
            { key: 'already', value: 'second' },
          ],
        };
        assert.equal((await store.ingest(delivery)).stored, 1);
        assert.equal(await store.getStepResult(reported), 'wamid.OUT1');
        assert.equal(await store.getStepResult('already'), 'first', 'an existing result is kept');
        await store.ingest({ ...delivery, stepResults: [{ key: reported, value: 'wamid.OTHER' }] });
        assert.equal(await store.getStepResult(reported), 'wamid.OUT1', 'a redelivery changes nothing');
      });

      it('writes no step result of a delivery it cannot persist', async () => {
        const { store } = await open();
        const poisoned = ingestTextMessage('4915112345678', 'wamid.P1', 'unserializable');
        const bad = { ...poisoned, event: { ...poisoned.event, raw: { value: 10n } } };
        const delivery = { ...testDelivery([bad]), stepResults: [{ key: 'with-bad-events', value: 1 }] };
        await assert.rejects(store.ingest(delivery));
        assert.equal(await store.getStepResult('with-bad-events'), undefined);
        const badResult = { ...testDelivery([]), stepResults: [{ key: 'unserializable', value: 10n }] };
        await assert.rejects(store.ingest(badResult));
        assert.equal(await store.getStepResult('unserializable'), undefined);
      });

      it('commit removes exactly the turn\u2019s events; events that came later stay pending', async () => {
        const { store, clock } = await open();
        const { id, lease, pending } = await leasedConversation(store, '4915112345678', 3);
        const turn = await store.claimTurn({
          conversationId: id,
          seq: 1,
          eventSeqs: pending.map((e) => e.seq),
          claimedAt: new Date(clock.now()).toISOString(),
          fence: lease.fence,
        });
        // arrives during the turn, with an earlier WhatsApp timestamp than the claimed ones
        await store.ingest(testDelivery([ingestTextMessage('4915112345678', 'wamid.late', 'late', T0 - 60)]));
        const conversation = conversationAt(id, 1);
        assert.equal(
          await store.commitTurn({ conversation, expectedSeq: 0, fence: lease.fence, turn }),
          true,
        );
        assert.deepEqual(await store.getConversation(id), conversation);
        assert.deepEqual(texts(await store.pendingEvents(id)), ['late']);
        assert.deepEqual(await store.getTurn(id, 1), turn);
      });

      it('commit is a compare-and-set on the turn sequence', async () => {
        const { store, clock } = await open();
        const { id, lease, pending } = await leasedConversation(store, '4915112345678', 2);
        const turn = await store.claimTurn({
          conversationId: id,
          seq: 1,
          eventSeqs: pending.map((e) => e.seq),
          claimedAt: new Date(clock.now()).toISOString(),
          fence: lease.fence,
        });
        const conversation = conversationAt(id, 1);
        const wrongSeq = await store.commitTurn({ conversation, expectedSeq: 1, fence: lease.fence, turn });
        assert.equal(wrongSeq, false, 'the stored conversation is at 0, not 1');
        const mismatched = await store.commitTurn({
          conversation: conversationAt(id, 2),
          expectedSeq: 0,
          fence: lease.fence,
          turn,
        });
        assert.equal(mismatched, false, 'the conversation must carry the turn\u2019s seq');
        assert.equal(await store.getConversation(id), undefined, 'refused commits write nothing');
        assert.equal((await store.pendingEvents(id)).length, 2);

        assert.equal(
          await store.commitTurn({ conversation, expectedSeq: 0, fence: lease.fence, turn }),
          true,
        );
        const replay = await store.commitTurn({
          conversation: { ...conversation, state: 'human' },
          expectedSeq: 0,
          fence: lease.fence,
          turn,
        });
        assert.equal(replay, false, 'a replayed commit finds the sequence moved');
        assert.deepEqual(await store.getConversation(id), conversation);

        await store.ingest(testDelivery([ingestTextMessage('4915112345678', 'wamid.next', 'next', T0 + 30)]));
        const next = await store.pendingEvents(id);
        const second = await store.claimTurn({
          conversationId: id,
          seq: 2,
          eventSeqs: next.map((e) => e.seq),
          claimedAt: new Date(clock.now()).toISOString(),
          fence: lease.fence,
        });
        const updated = { ...conversationAt(id, 2), state: 'confirming' as const };
        assert.equal(
          await store.commitTurn({ conversation: updated, expectedSeq: 1, fence: lease.fence, turn: second }),
          true,
        );
        assert.deepEqual(await store.getConversation(id), updated);
        assert.deepEqual(await store.pendingEvents(id), []);
      });
    });

    it('answers ping', async () => {
      const { store } = await open();
      await store.ping();
    });
  });
}
