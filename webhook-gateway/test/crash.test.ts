// Crash safety: a worker process is SIGKILLed in the middle of turns, again and again, and restarted;
// in the end every event was handled exactly once in effect (the recording handler's witness file shows
// one effect per turn, every message in exactly one of them), for both queue adapters.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { readEffects, redisSkipReason } from '@leadwire/connector-core/testing';
import { startHarness, testConfig, textBody } from './support/harness.ts';

const redisSkip = await redisSkipReason();
const workerScript = join(import.meta.dirname, 'support', 'crash-worker.ts');
const KILLS = 8;
const CONVERSATIONS = 30;
const MESSAGES_PER_WAVE = 40;

function startWorker(configPath: string, witness: string): ChildProcess {
  return spawn(process.execPath, [workerScript, configPath, witness, '25'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once('exit', resolve));
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

for (const mode of ['embedded', 'scale-out'] as const) {
  describe(`crash safety (${mode})`, { skip: mode === 'scale-out' ? redisSkip : undefined }, () => {
    it(`a worker SIGKILLed mid-turn ${KILLS} times handles every event once in effect`, {
      timeout: 120_000,
    }, async (t) => {
      const dir = mkdtempSync(join(tmpdir(), 'leadwire-crash-'));
      const witness = join(dir, 'effects.db');
      const config = testConfig({
        mode,
        turns: { debounceMs: 20, maxWaitMs: 100, backoffMs: 20, attempts: 50, leaseMs: 400, concurrency: 4 },
      });
      const configPath = join(dir, 'config.json');
      writeFileSync(configPath, JSON.stringify(config));
      const gw = await startHarness({ config });
      const sent: string[] = [];
      let n = 0;
      const wave = async (): Promise<void> => {
        const posts: Promise<Response>[] = [];
        for (let i = 0; i < MESSAGES_PER_WAVE; i++, n++) {
          const wamid = `wamid.crash-${n}`;
          sent.push(wamid);
          const from = `1650558${String(n % CONVERSATIONS).padStart(4, '0')}`;
          posts.push(gw.post(textBody({ wamid, from, timestamp: 1750000000 + n })));
        }
        for (const res of await Promise.all(posts)) assert.equal(res.status, 200);
      };
      let child: ChildProcess | undefined;
      try {
        for (let k = 0; k < KILLS; k++) {
          await wave();
          child = startWorker(configPath, witness);
          // Kill it while it is inside a turn: right after it starts a step, plus a random few milliseconds.
          const attemptsBefore = readEffects(witness).attempts;
          await until(
            () => readEffects(witness).attempts > attemptsBefore,
            20_000,
            'the worker to start a turn',
          );
          await sleep(Math.floor(Math.random() * 40));
          child.kill('SIGKILL');
          await exited(child);
        }
        await wave();
        const finalWorker = startWorker(configPath, witness);
        try {
          await until(
            () => new Set(readEffects(witness).effects.flatMap((e) => e.wamids)).size === sent.length,
            60_000,
            'every message to be handled',
          );
          await sleep(300); // anything still running would show up as a duplicate now
        } finally {
          finalWorker.kill('SIGTERM');
          await exited(finalWorker);
        }
        const { effects, attempts } = readEffects(witness);
        const handled = effects.flatMap((e) => e.wamids);
        assert.equal(handled.length, sent.length, 'no message handled twice');
        assert.deepEqual(new Set(handled), new Set(sent), 'no message lost');
        assert.ok(
          attempts > effects.length,
          `turns were interrupted and re-run (${attempts} attempts, ${effects.length} effects)`,
        );
        t.diagnostic(
          `${mode}: ${sent.length} messages, ${KILLS} SIGKILLs, ${attempts} step attempts, ${effects.length} turns, ${handled.length} handled, 0 lost, 0 duplicated`,
        );
        for (const effect of effects) {
          const conversation = await gw.running.runtime.store.getConversation(effect.conversationId);
          assert.ok(
            conversation !== undefined && conversation.turnSeq >= effect.seq,
            `turn ${effect.key} committed`,
          );
        }
      } finally {
        child?.kill('SIGKILL');
        await gw.close();
      }
    });
  });
}
