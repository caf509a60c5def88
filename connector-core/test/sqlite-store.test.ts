// The SQLite store passes the Store contract, and what it acknowledged is still there after a reopen.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import { defineStoreContract, ingestTextMessage, testDelivery } from '../src/testing/store-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'leadwire-sqlite-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const freshPath = () => join(dir, `store-${files++}`, 'leadwire.db');

defineStoreContract('SQLite (synchronous FULL)', async ({ clock }) =>
  openSqliteStore({ path: freshPath(), clock }),
);
defineStoreContract('SQLite (synchronous NORMAL)', async ({ clock }) =>
  openSqliteStore({ path: freshPath(), synchronous: 'NORMAL', clock }),
);

describe('SQLite store on disk', () => {
  it('keeps events, conversations, statuses and fences across close and reopen', async () => {
    const path = freshPath();
    const id = '106540352242922:4915112345678';
    const first = openSqliteStore({ path });
    await first.ingest(testDelivery([ingestTextMessage('4915112345678', 'wamid.A1', 'Hi')]));
    const lease = (await first.acquireLease(id, 60_000))!;
    await first.releaseLease(lease);
    await first.putStepResult(`${id}:1:intake`, { city: 'Jeddah' });
    const pendingBefore = await first.pendingEvents(id);
    // queued, not yet written: close must flush it
    const late = first.ingest(
      testDelivery([ingestTextMessage('4915112345678', 'wamid.A2', 'there', 1_772_442_100)]),
    );
    await first.close();
    assert.equal((await late).stored, 1);

    const reopened = openSqliteStore({ path });
    try {
      const pending = await reopened.pendingEvents(id);
      assert.deepEqual(pending.slice(0, 1), pendingBefore);
      assert.deepEqual(
        pending.map((e) => e.event.text),
        ['Hi', 'there'],
      );
      assert.deepEqual(await reopened.getStepResult(`${id}:1:intake`), { city: 'Jeddah' });
      const again = (await reopened.acquireLease(id, 60_000))!;
      assert.ok(again.fence > lease.fence, 'fences keep counting after a restart');
      const redelivered = await reopened.ingest(
        testDelivery([ingestTextMessage('4915112345678', 'wamid.A1', 'Hi')]),
      );
      assert.deepEqual([redelivered.stored, redelivered.duplicates], [0, 1]);
      assert.equal(await reopened.countEvents(), 2);
      assert.equal(await reopened.countEvents({ kind: 'status' }), 0);
    } finally {
      await reopened.close();
    }
  });

  it('keeps the raw body of a delivery Meta retried once', async () => {
    const path = freshPath();
    const store = openSqliteStore({ path });
    const delivery = testDelivery([ingestTextMessage('4915112345678', 'wamid.R1', 'Hi')]);
    for (let retry = 0; retry < 3; retry++) await store.ingest(delivery);
    await store.close();
    const db = new DatabaseSync(path);
    try {
      const row = db.prepare('SELECT COUNT(*) AS n FROM deliveries WHERE id = ?').get(delivery.id) as {
        n: number;
      };
      assert.equal(row.n, 1);
    } finally {
      db.close();
    }
  });

  it('refuses deliveries after close', async () => {
    const store = openSqliteStore({ path: freshPath() });
    await store.close();
    await assert.rejects(
      store.ingest(testDelivery([ingestTextMessage('4915112345678', 'wamid.A1', 'Hi')])),
      /closed/,
    );
  });
});

describe('SQLite store retention', () => {
  it('prunes raw deliveries, step results and turns older than the cutoffs, keeps newer ones and the events, and reports its size', async () => {
    let now = 1_800_000_000_000;
    const clock = { now: () => now };
    const store = openSqliteStore({ path: freshPath(), clock });
    try {
      const id = '106540352242922:4915112345678';
      const old = testDelivery([ingestTextMessage('4915112345678', 'wamid.R1', 'Hi')]);
      await store.ingest({ ...old, receivedAt: now });
      await store.putStepResult('old-step', { sent: 'wamid.X' });
      const lease = (await store.acquireLease(id, 60_000))!;
      await store.claimTurn({
        conversationId: id,
        seq: 1,
        fence: lease.fence,
        eventSeqs: [],
        claimedAt: new Date(now).toISOString(),
      });
      await store.releaseLease(lease);
      now += 40 * 86_400_000;
      await store.putStepResult('new-step', { sent: 'wamid.Y' });
      const sizeBefore = await store.sizeBytes();
      assert.ok(sizeBefore > 0);

      const cutoff = now - 30 * 86_400_000;
      const pruned = await store.prune({ deliveries: cutoff, stepResults: cutoff, turns: cutoff });
      assert.deepEqual(pruned, { deliveries: 1, stepResults: 1, turns: 1 });
      assert.equal(await store.getStepResult('old-step'), undefined);
      assert.deepEqual(await store.getStepResult('new-step'), { sent: 'wamid.Y' });
      assert.equal(await store.getTurn(id, 1), undefined);
      assert.equal((await store.pendingEvents(id)).length, 1, 'events are kept');
      assert.deepEqual(await store.prune({ deliveries: cutoff, stepResults: cutoff, turns: cutoff }), {
        deliveries: 0,
        stepResults: 0,
        turns: 0,
      });
    } finally {
      await store.close();
    }
  });
});
