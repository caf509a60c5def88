// The DeliveryLog contract: one suite both adapters pass (SQLite table, Redis stream). What the gateway
// appended is there, byte for byte, until the ingester consumes it — across a reopen and a reader that dies.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeliveryLog, DeliveryReceipt, LoggedDelivery } from '../ports/delivery-log.ts';

/** Returns an opener for one fresh log location; each call of the opener is another handle on it. */
export type DeliveryLogFactory = () => () => DeliveryLog;

/** How long the suite waits for an abandoned entry to be claimed (adapters under test claim after 50 ms). */
export const CONTRACT_CLAIM_AFTER_MS = 50;

function receipt(n: number, extra: Partial<DeliveryReceipt> = {}): DeliveryReceipt {
  return {
    rawBody: Buffer.from(`{"object":"whatsapp_business_account","entry":[],"n":${n}}`),
    receivedAt: 1_772_000_000_000 + n,
    signedBy: ['acme-app'],
    requestId: `req-${n}`,
    ...extra,
  };
}

export function defineDeliveryLogContract(
  name: string,
  factory: DeliveryLogFactory,
  options: { skip?: string } = {},
): void {
  describe(`DeliveryLog contract: ${name}`, { skip: options.skip ?? false }, () => {
    function location(t: TestContext): () => DeliveryLog {
      const open = factory();
      return () => {
        const log = open();
        t.after(() => log.close());
        return log;
      };
    }

    it('reads back what was appended, in order, byte for byte, until it is consumed', async (t) => {
      const log = location(t)();
      // Meta's escapes and non-ASCII must survive untouched: the signature covers these bytes.
      const raw = Buffer.from('{"text":"caf\\u00e9 \\/ \u00e9\u0628","bin":"\u0000"}', 'utf8');
      await log.append(receipt(1, { rawBody: raw, signedBy: ['acme-app', 'globex-app'] }));
      await log.append(receipt(2));
      assert.equal(await log.backlog(), 2);

      const entries = await log.read(10);
      assert.equal(entries.length, 2);
      const [first, second] = entries as [(typeof entries)[0], (typeof entries)[0]];
      assert.deepEqual(first.rawBody, raw);
      assert.deepEqual(first.signedBy, ['acme-app', 'globex-app']);
      assert.equal(first.receivedAt, 1_772_000_000_001);
      assert.equal(first.requestId, 'req-1');
      assert.equal(second.requestId, 'req-2');
      assert.notEqual(first.position, second.position);

      // Not consumed: read again.
      assert.deepEqual(
        (await log.read(10)).map((e) => e.requestId),
        ['req-1', 'req-2'],
      );
      await log.consume([first.position]);
      assert.equal(await log.backlog(), 1);
      assert.deepEqual(
        (await log.read(10)).map((e) => e.requestId),
        ['req-2'],
      );
      await log.consume([second.position]);
      assert.equal(await log.backlog(), 0);
      assert.deepEqual(await log.read(10), []);
      await log.consume([]);
    });

    it('honours the read limit and keeps append order across many appends in one tick', async (t) => {
      const log = location(t)();
      await Promise.all(Array.from({ length: 300 }, (_, n) => log.append(receipt(n))));
      assert.equal(await log.backlog(), 300);
      const seen: string[] = [];
      for (;;) {
        const entries = await log.read(64);
        if (entries.length === 0) break;
        assert.ok(entries.length <= 64);
        seen.push(...entries.map((e) => e.requestId));
        await log.consume(entries.map((e) => e.position));
      }
      assert.deepEqual(
        seen,
        Array.from({ length: 300 }, (_, n) => `req-${n}`),
      );
    });

    it('keeps what it acknowledged across a reopen', async (t) => {
      const open = location(t);
      const first = open();
      await first.append(receipt(7));
      await first.close();
      const second = open();
      assert.deepEqual(
        (await second.read(10)).map((e) => e.requestId),
        ['req-7'],
      );
    });

    it('gives a dead reader’s unconsumed entries to another reader, and a consumed entry to none', async (t) => {
      const open = location(t);
      const writer = open();
      await writer.append(receipt(1));
      await writer.append(receipt(2));
      const crashed = open();
      assert.equal((await crashed.read(10)).length, 2);
      await crashed.close(); // read, never consumed

      const survivor = open();
      await sleep(CONTRACT_CLAIM_AFTER_MS * 3);
      const taken = await survivor.read(10);
      assert.deepEqual(
        taken.map((e) => e.requestId),
        ['req-1', 'req-2'],
      );
      await survivor.consume(taken.map((e) => e.position));
      const other = open();
      await sleep(CONTRACT_CLAIM_AFTER_MS * 3);
      assert.deepEqual(await other.read(10), []);
      assert.equal(await other.backlog(), 0);
    });

    it('gives two live readers different entries', async (t) => {
      const open = location(t);
      const writer = open();
      for (let n = 1; n <= 4; n++) await writer.append(receipt(n));
      const first = open();
      const second = open();
      const a = await first.read(2);
      const b = await second.read(10);
      assert.deepEqual(
        a.map((e) => e.requestId),
        ['req-1', 'req-2'],
      );
      assert.deepEqual(
        b.map((e) => e.requestId),
        ['req-3', 'req-4'],
      );
      assert.deepEqual(
        (await first.read(10)).map((e) => e.requestId),
        ['req-1', 'req-2'],
        'a reader reads its own unconsumed entries again',
      );
    });

    it('sets a poison entry aside with its bytes and reason, moves on, and replays it on request', async (t) => {
      const log = location(t)();
      const raw = Buffer.from('{"object":"whatsapp_business_account","entry":[[[["deep"]]]]}');
      await log.append(receipt(1, { rawBody: raw, signedBy: ['acme-app', 'globex-app'] }));
      await log.append(receipt(2));
      assert.equal(await log.oldestReceivedAt(), 1_772_000_000_001);
      const [poison, next] = (await log.read(10)) as [LoggedDelivery, LoggedDelivery];

      await log.deadLetter(poison, 'RangeError: Maximum call stack size exceeded', 1_772_000_009_000);
      assert.equal(await log.backlog(), 1, 'the log no longer holds it');
      assert.equal(await log.oldestReceivedAt(), 1_772_000_000_002);
      assert.deepEqual(
        (await log.read(10)).map((e) => e.requestId),
        ['req-2'],
      );
      assert.equal(await log.deadLetterCount(), 1);
      const [dead, ...more] = await log.deadLetters();
      assert.equal(more.length, 0);
      assert.ok(dead !== undefined);
      assert.deepEqual(dead.rawBody, raw);
      assert.deepEqual(dead.signedBy, ['acme-app', 'globex-app']);
      assert.equal(dead.requestId, 'req-1');
      assert.equal(dead.receivedAt, 1_772_000_000_001);
      assert.equal(dead.reason, 'RangeError: Maximum call stack size exceeded');
      assert.equal(dead.failedAt, 1_772_000_009_000);

      await log.consume([next.position]);
      assert.equal(await log.oldestReceivedAt(), undefined);
      assert.equal(await log.replayDeadLetter('no-such-id'), false);
      assert.equal(await log.replayDeadLetter(dead.id), true);
      assert.equal(await log.replayDeadLetter(dead.id), false, 'a replayed entry leaves the list');
      assert.deepEqual(await log.deadLetters(), []);
      assert.equal(await log.deadLetterCount(), 0);
      const [replayed] = await log.read(10);
      assert.deepEqual(replayed?.rawBody, raw);
      assert.deepEqual(replayed?.signedBy, ['acme-app', 'globex-app']);
    });

    it('refuses an append once closed, and answers ping while open', async (t) => {
      const log = location(t)();
      await log.ping();
      await log.close();
      await assert.rejects(log.append(receipt(1)));
    });
  });
}
