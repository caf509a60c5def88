// Gateway + worker end to end: deliveries become debounced turns, each event handled once in effect.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { readEffects, recordingHandler, redisSkipReason } from '@leadwire/connector-core/testing';
import { DOC_PHONE_NUMBER_ID, startHarness, textBody } from './support/harness.ts';

const redisSkip = await redisSkipReason();

async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

for (const mode of ['embedded', 'scale-out'] as const) {
  describe(`turns (${mode})`, { skip: mode === 'scale-out' ? redisSkip : undefined }, () => {
    it('three messages 300 ms apart make one turn; a fourth after the window makes a second', async () => {
      const witness = join(mkdtempSync(join(tmpdir(), 'leadwire-turns-')), 'effects.db');
      const gw = await startHarness({
        mode,
        worker: true,
        handler: recordingHandler({ path: witness }),
        turns: { debounceMs: 1000, maxWaitMs: 5000 },
      });
      try {
        const from = '16505557001';
        for (const [i, text] of ['Hi', 'need deep cleaning', 'today, in Jeddah'].entries()) {
          if (i > 0) await sleep(300);
          assert.equal(
            (await gw.post(textBody({ wamid: `wamid.d${i}`, from, text, timestamp: 1750000000 + i }))).status,
            200,
          );
        }
        await until(() => readEffects(witness).effects.length === 1, 5000, 'the first turn');
        await sleep(1200); // a whole quiet window with nothing new: still one turn
        assert.deepEqual(
          readEffects(witness).effects.map((e) => e.wamids),
          [['wamid.d0', 'wamid.d1', 'wamid.d2']],
        );

        assert.equal(
          (
            await gw.post(
              textBody({ wamid: 'wamid.d3', from, text: 'are you there?', timestamp: 1750000010 }),
            )
          ).status,
          200,
        );
        await until(() => readEffects(witness).effects.length === 2, 5000, 'the second turn');
        const { effects } = readEffects(witness);
        assert.deepEqual(effects[1]?.wamids, ['wamid.d3']);
        // The effect is written inside the turn; the commit follows it.
        const conversationId = `${DOC_PHONE_NUMBER_ID}:${from}`;
        await until(
          async () => (await gw.running.runtime.store.getConversation(conversationId))?.turnSeq === 2,
          5000,
          'the second commit',
        );
        const conversation = await gw.running.runtime.store.getConversation(conversationId);
        assert.equal(conversation?.signals.turnsRecorded, 2);
        assert.equal(conversation?.user.phone, '+16505557001');
        assert.equal(conversation?.lastInboundAt, new Date(1750000010 * 1000).toISOString());
        assert.deepEqual(await gw.running.runtime.store.pendingEvents(`${DOC_PHONE_NUMBER_ID}:${from}`), []);
      } finally {
        await gw.close();
      }
    });

    it('handles every message of many conversations once, in timestamp order', async () => {
      const witness = join(mkdtempSync(join(tmpdir(), 'leadwire-turns-')), 'effects.db');
      const gw = await startHarness({ mode, worker: true, handler: recordingHandler({ path: witness }) });
      try {
        const conversations = 25;
        const posts: Promise<Response>[] = [];
        for (let c = 0; c < conversations; c++) {
          for (let m = 2; m >= 0; m--) {
            posts.push(
              gw.post(
                textBody({
                  wamid: `wamid.c${c}m${m}`,
                  from: `1650556${String(c).padStart(4, '0')}`,
                  timestamp: 1750000000 + m,
                }),
              ),
            );
          }
        }
        for (const res of await Promise.all(posts)) assert.equal(res.status, 200);
        await until(
          () => readEffects(witness).effects.flatMap((e) => e.wamids).length === conversations * 3,
          15_000,
          'every message handled',
        );
        const { effects } = readEffects(witness);
        const wamids = effects.flatMap((e) => e.wamids);
        assert.equal(new Set(wamids).size, wamids.length, 'no message handled twice');
        for (const effect of effects) {
          const order = effect.wamids.map((w) => Number(w.slice(-1)));
          assert.deepEqual(order, [...order].sort(), `timestamp order in ${effect.key}`);
        }
      } finally {
        await gw.close();
      }
    });
  });
}
