// leadwire_events_total counts what was stored: a delivery Meta retries (same body) or a batch that repeats
// an update already stored adds nothing, so after a replay the metric equals the events in the store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SqliteStore } from '@leadwire/connector-core';
import { startHarness, webhookBody } from './support/harness.ts';

describe('leadwire_events_total', () => {
  it('equals the events stored after Meta retries a delivery', async () => {
    const gw = await startHarness();
    try {
      const from = '16505550042';
      const message = (id: string, text: string) => ({
        from,
        id,
        timestamp: '1750000000',
        type: 'text',
        text: { body: text },
      });
      const batch = webhookBody({
        contacts: [{ profile: { name: 'Ana' }, wa_id: from }],
        messages: [
          message('wamid.m-1', 'Hi'),
          message('wamid.m-2', 'need a cleaning'),
          message('wamid.m-3', 'today'),
        ],
        statuses: [{ id: 'wamid.out-1', status: 'sent', timestamp: '1750000001', recipient_id: from }],
      });
      for (let retry = 0; retry < 2; retry++) assert.equal((await gw.post(batch)).status, 200);
      // a later batch repeats one message and brings one new
      const overlap = webhookBody({
        contacts: [{ profile: { name: 'Ana' }, wa_id: from }],
        messages: [message('wamid.m-3', 'today'), message('wamid.m-4', 'in Jeddah')],
      });
      assert.equal((await gw.post(overlap)).status, 200);
      const metrics = await (await fetch(`${gw.url}/metrics`)).text();
      const counted = [...metrics.matchAll(/^leadwire_events_total\{[^}]*\} (\d+)$/gm)].reduce(
        (sum, m) => sum + Number(m[1]),
        0,
      );
      const store = gw.running.runtime.store as unknown as SqliteStore;
      const stored = await store.countEvents();
      assert.equal(stored, 5);
      assert.equal(counted, stored);
    } finally {
      await gw.close();
    }
  });
});
