// The embedded queue passes the JobQueue contract on a SQLite file, keeps its jobs across a restart, and hands
// the job of a worker that died (SIGKILL) to another worker on the same file.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import type { Job } from '../src/ports/job-queue.ts';
import { TURN_JOB } from '../src/ports/job-queue.ts';
import { type EmbeddedQueueOptions, openEmbeddedQueue } from '../src/queue/embedded-queue.ts';
import { defineQueueContract } from '../src/testing/queue-contract.ts';
import { manualClock } from '../src/testing/store-contract.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leadwire-queue-'));
  dirs.push(dir);
  return join(dir, 'leadwire.db');
}

defineQueueContract('embedded (SQLite)', async (options) =>
  openEmbeddedQueue({ ...options, path: tempFile() }),
);

function open(t: TestContext, options: EmbeddedQueueOptions) {
  const queue = openEmbeddedQueue(options);
  t.after(() => queue.close());
  return queue;
}

async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('embedded queue on a file', () => {
  it('keeps its jobs across close and reopen', async (t) => {
    const path = tempFile();
    const before = openEmbeddedQueue({ path, debounceMs: 100 });
    await before.add({ name: 'send', data: { n: 1 }, id: 'send-1' });
    await before.scheduleTurn('conv-1');
    await before.close();

    const reopened = open(t, { path, debounceMs: 100 });
    assert.equal((await reopened.counts()).waiting + (await reopened.counts()).delayed, 2);
    const runs: Job[] = [];
    reopened.start({
      send: async (job) => void runs.push(job),
      [TURN_JOB]: async (job) => void runs.push(job),
    });
    await waitFor('both jobs', () => runs.length === 2);
    assert.deepEqual(runs.map((r) => [r.name, r.data]).sort(), [
      ['send', { n: 1 }],
      ['turn', { conversationId: 'conv-1' }],
    ]);
  });

  it('runs a job that another process (the gateway) added to the same file', async (t) => {
    const path = tempFile();
    const gateway = open(t, { path });
    const worker = open(t, { path });
    const runs: Job[] = [];
    worker.start({ send: async (job) => void runs.push(job) });
    await gateway.add({ name: 'send', data: {}, id: 'from-gateway' });
    await waitFor('the run', () => runs.length === 1, 1000);
    assert.equal(runs[0]!.id, 'from-gateway');
  });

  it('renews the lock of a running job, so another worker does not take it over', async (t) => {
    const path = tempFile();
    const first = open(t, { path, lockMs: 300 });
    const second = open(t, { path, lockMs: 300 });
    const runs: string[] = [];
    first.start({
      work: async () => {
        runs.push('first');
        await sleep(1000);
      },
    });
    await first.add({ name: 'work', data: {} });
    await waitFor('the first worker to start', () => runs.length === 1);
    second.start({ work: async () => void runs.push('second') });
    await first.stop();
    await sleep(500);
    assert.deepEqual(runs, ['first']);
    assert.deepEqual(await second.counts(), { waiting: 0, delayed: 0, active: 0, dead: 0 });
  });

  it('gives the job of a worker killed mid-run to another worker once its lock expires, as the next attempt', async (t) => {
    const path = tempFile();
    const killedAt = await killWorkerMidJob(t, { path, lockMs: 300 });
    const survivor = open(t, { path, lockMs: 300 });
    const runs: Array<Job & { at: number }> = [];
    survivor.start({ work: async (job) => void runs.push({ ...job, at: Date.now() - killedAt }) });
    await waitFor('the job to be taken over', () => runs.length === 1, 2000);
    assert.deepEqual(
      runs.map(({ at: _at, ...job }) => job),
      [{ id: 'work-1', name: 'work', data: { n: 1 }, attempt: 2 }],
    );
    assert.ok(runs[0]!.at < 1000, `taken over ${runs[0]!.at} ms after the kill; the lock is 300 ms`);
  });

  it('runs the next turn of a conversation under way before the first turns of conversations that started later', async (t) => {
    const { clock, queue, runs } = await afterFirstTurn(t, 'under-way');
    clock.advance(900);
    await queue.scheduleTurn('new-1');
    await queue.scheduleTurn('new-2');
    clock.advance(50);
    // the customer answers the agent: due after the two new conversations' first turns
    await queue.scheduleTurn('under-way');
    clock.advance(150);
    await waitFor('every turn', () => runs.length === 4);
    assert.deepEqual(runs, ['under-way', 'under-way', 'new-1', 'new-2']);
  });

  it('runs the waiting jobs of a file written before jobs had a priority', async (t) => {
    const path = tempFile();
    const old = new DatabaseSync(path);
    old.exec(`CREATE TABLE queue_jobs (id TEXT PRIMARY KEY, name TEXT NOT NULL, data TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('waiting', 'active', 'dead')), run_at INTEGER NOT NULL,
      first_at INTEGER NOT NULL, dedup_key TEXT, attempts INTEGER NOT NULL DEFAULT 0, locked_until INTEGER,
      lock_token TEXT, code TEXT, reason TEXT, failed_at INTEGER) STRICT;
      INSERT INTO queue_jobs (id, name, data, state, run_at, first_at) VALUES ('old-1', 'send', '{"n":1}', 'waiting', 0, 0);`);
    old.close();
    const queue = open(t, { path });
    const runs: Job[] = [];
    queue.start({ send: async (job) => void runs.push(job) });
    await queue.add({ name: 'send', data: { n: 2 }, id: 'new-1' });
    await waitFor('both jobs', () => runs.length === 2);
    assert.deepEqual(
      runs.map((r) => r.id),
      ['old-1', 'new-1'],
    );
  });

  it('a customer back after a long pause is a new conversation: no place ahead of the others', async (t) => {
    const { clock, queue, runs } = await afterFirstTurn(t, 'returning');
    clock.advance(60 * 60_000);
    await queue.scheduleTurn('new-1');
    clock.advance(50);
    await queue.scheduleTurn('returning');
    clock.advance(150);
    await waitFor('every turn', () => runs.length === 3);
    assert.deepEqual(runs, ['returning', 'new-1', 'returning']);
  });

  it('dead-letters the job of a worker killed during its last attempt', async (t) => {
    const path = tempFile();
    await killWorkerMidJob(t, { path, lockMs: 300, attempts: 1 });
    const survivor = open(t, { path, lockMs: 300, attempts: 1 });
    const runs: Job[] = [];
    survivor.start({ work: async (job) => void runs.push(job) });
    await waitFor('the dead letter', async () => (await survivor.deadLetters()).length === 1, 2000);
    const [dead] = await survivor.deadLetters();
    assert.equal(runs.length, 0);
    assert.equal(dead?.id, 'work-1');
    assert.equal(dead?.attempts, 1);
    assert.equal(dead?.code, 'TEMPORARY');
    assert.match(dead?.reason ?? '', /lock expired/);
  });
});

/**
 * A queue on a manual clock running one turn at a time (debounce 100 ms) once the first turn of `conversationId`
 * ran; `runs` lists the conversations of its turns in the order they ran.
 */
async function afterFirstTurn(t: TestContext, conversationId: string) {
  const clock = manualClock();
  const queue = open(t, { path: tempFile(), clock, debounceMs: 100, pollMs: 5 });
  const runs: string[] = [];
  queue.start(
    { [TURN_JOB]: async (job) => void runs.push(String(job.data.conversationId)) },
    { concurrency: 1 },
  );
  await queue.scheduleTurn(conversationId);
  clock.advance(100);
  await waitFor('its first turn', () => runs.length === 1);
  return { clock, queue, runs };
}

/** Starts a worker process that adds job `work-1`, takes it and hangs; SIGKILLs it mid-job. Returns the kill time. */
async function killWorkerMidJob(t: TestContext, options: EmbeddedQueueOptions): Promise<number> {
  const module = pathToFileURL(join(import.meta.dirname, '../src/queue/embedded-queue.ts')).href;
  const script = `
    import { openEmbeddedQueue } from ${JSON.stringify(module)};
    const queue = openEmbeddedQueue(${JSON.stringify(options)});
    await queue.add({ name: 'work', data: { n: 1 }, id: 'work-1' });
    queue.start({ work: async () => { process.stdout.write('started\\n'); await new Promise(() => {}); } });`;
  const child = spawn(process.execPath, ['--input-type=module', '--no-warnings', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(() => child.kill('SIGKILL'));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('started') && resolve());
    child.on('exit', (code) => reject(new Error(`the worker exited (${code}) before it started the job`)));
  });
  child.kill('SIGKILL');
  const killedAt = Date.now();
  await new Promise((resolve) => child.once('exit', resolve));
  return killedAt;
}
