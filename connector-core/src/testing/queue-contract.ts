// The JobQueue contract: one suite every queue adapter must pass (embedded SQLite, BullMQ), so the two
// deployment modes behave the same. Timings are short real time with margins of at least 100 ms.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ErrorCode, LeadwireError } from '../model/errors.ts';
import type { Job, JobQueue, QueueOptions } from '../ports/job-queue.ts';
import { TURN_JOB } from '../ports/job-queue.ts';

export type QueueFactory = (options: QueueOptions) => Promise<JobQueue>;

interface Run extends Job {
  /** ms since the test's t0 */
  at: number;
}

async function waitFor(
  what: string,
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 3000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export function defineQueueContract(
  name: string,
  factory: QueueFactory,
  options: { skip?: string } = {},
): void {
  describe(`JobQueue contract: ${name}`, { skip: options.skip ?? false }, () => {
    async function open(t: TestContext, queueOptions: QueueOptions = {}): Promise<JobQueue> {
      const queue = await factory(queueOptions);
      t.after(() => queue.close());
      return queue;
    }

    /** Records every run of the named jobs, with the time since t0. */
    function recorder(t0: number) {
      const runs: Run[] = [];
      const record = async (job: Job) => {
        runs.push({ ...job, at: Date.now() - t0 });
      };
      return { runs, record };
    }

    const idle = (queue: JobQueue) => async () => {
      const counts = await queue.counts();
      return counts.active === 0 && counts.waiting === 0;
    };

    it('a job runs once, as its first attempt', async (t) => {
      const queue = await open(t);
      const { runs, record } = recorder(Date.now());
      queue.start({ send: record });
      const id = await queue.add({ name: 'send', data: { n: 1 } });
      await waitFor('the run', () => runs.length === 1);
      await waitFor('the queue to drain', idle(queue));
      await sleep(300);
      assert.equal(runs.length, 1);
      assert.deepEqual(
        runs.map(({ at: _at, ...job }) => job),
        [{ id, name: 'send', data: { n: 1 }, attempt: 1 }],
      );
      assert.deepEqual(await queue.counts(), { waiting: 0, delayed: 0, active: 0, dead: 0 });
    });

    it('a delayed job runs after its delay, not before', async (t) => {
      const queue = await open(t);
      const t0 = Date.now();
      const { runs, record } = recorder(t0);
      queue.start({ remind: record });
      await queue.add({ name: 'remind', data: {}, delayMs: 700 });
      await sleep(450);
      assert.equal(runs.length, 0, 'ran before its delay');
      assert.equal((await queue.counts()).delayed, 1);
      await waitFor('the delayed run', () => runs.length === 1, 2000);
      assert.ok(runs[0]!.at >= 690, `ran ${runs[0]!.at} ms after the add, expected at least 700`);
    });

    it('a cancelled delayed job never runs', async (t) => {
      const queue = await open(t);
      const { runs, record } = recorder(Date.now());
      queue.start({ check: record });
      const id = await queue.add({ name: 'check', data: {}, id: 'sla:conv-1', delayMs: 400 });
      assert.equal(id, 'sla:conv-1');
      assert.equal(await queue.cancel(id), true);
      assert.equal(await queue.cancel(id), false, 'a second cancel finds nothing');
      assert.equal(await queue.cancel('no-such-job'), false);
      await sleep(700);
      assert.equal(runs.length, 0);
      assert.deepEqual(await queue.counts(), { waiting: 0, delayed: 0, active: 0, dead: 0 });
    });

    it('adding the same id twice runs the job once (ids with ":" and digits only too)', async (t) => {
      const queue = await open(t);
      const { runs, record } = recorder(Date.now());
      queue.start({ sync: record });
      assert.equal(await queue.add({ name: 'sync', data: { v: 1 }, id: 'lead:42', delayMs: 200 }), 'lead:42');
      assert.equal(await queue.add({ name: 'sync', data: { v: 2 }, id: 'lead:42', delayMs: 200 }), 'lead:42');
      assert.equal(await queue.add({ name: 'sync', data: { v: 3 }, id: '42' }), '42');
      assert.equal(await queue.add({ name: 'sync', data: { v: 4 }, id: '42' }), '42');
      await waitFor('both jobs', () => runs.length >= 2);
      await sleep(400);
      assert.deepEqual(runs.map((r) => [r.id, r.data.v]).sort(), [
        ['42', 3],
        ['lead:42', 1],
      ]);
    });

    it('three turn calls 300 ms apart with debounceMs 1000 make one turn; a fourth after the window, a second', async (t) => {
      const queue = await open(t, { debounceMs: 1000, maxWaitMs: 5000 });
      const t0 = Date.now();
      const { runs, record } = recorder(t0);
      queue.start({ [TURN_JOB]: record });
      await queue.scheduleTurn('conv:1');
      await sleep(300);
      await queue.scheduleTurn('conv:1');
      await sleep(300);
      await queue.scheduleTurn('conv:1');
      const lastCall = Date.now() - t0;
      // 1000 ms after the first call the turn must still wait: each call moved it.
      await sleep(lastCall + 850 - (Date.now() - t0));
      assert.equal(runs.length, 0, 'the turn ran before the quiet window after the last call');
      await waitFor('the debounced turn', () => runs.length === 1, 1500);
      const first = runs[0]!;
      assert.deepEqual([first.name, first.data], [TURN_JOB, { conversationId: 'conv:1' }]);
      assert.ok(first.at - lastCall >= 950, `ran ${first.at - lastCall} ms after the last call`);
      assert.ok(first.at - lastCall < 1400, `ran ${first.at - lastCall} ms after the last call`);
      await sleep(400);
      assert.equal(runs.length, 1, 'three calls in one window make exactly one turn');

      const fourthCall = Date.now() - t0;
      await queue.scheduleTurn('conv:1');
      await waitFor('the second turn', () => runs.length === 2, 2000);
      assert.ok(
        runs[1]!.at - fourthCall >= 950,
        `the second turn ran ${runs[1]!.at - fourthCall} ms after its call`,
      );
      await sleep(200);
      assert.equal(runs.length, 2);
    });

    it('a turn runs no later than maxWaitMs after the first call, however often calls come', async (t) => {
      const queue = await open(t, { debounceMs: 500, maxWaitMs: 1000 });
      const t0 = Date.now();
      const { runs, record } = recorder(t0);
      queue.start({ [TURN_JOB]: record });
      for (let call = 0; call < 10; call++) {
        await queue.scheduleTurn('conv-cap');
        await sleep(200);
      }
      await waitFor('the capped turn', () => runs.length >= 1, 1000);
      const first = runs[0]!.at;
      // The calls after the capped turn open a new window (a turn right after the first one is allowed: a call
      // racing the first turn's start may be kept as its follow-up).
      await waitFor('a turn after the calls stopped', () => runs.some((r) => r.at > first + 150), 2000);
      const next = runs.find((r) => r.at > first + 150)!;
      assert.ok(first >= 950, `the first turn ran at ${first} ms, before the cap`);
      // Without the cap the first turn would wait for the calls to stop (about 2300 ms); the margin absorbs a busy machine.
      assert.ok(first < 2000, `the first turn ran at ${first} ms; the cap is 1000 ms after the first call`);
      assert.ok(runs.length <= 4, `${runs.length} turns for 10 calls: the calls were not debounced`);
      assert.ok(next.at >= first + 450, `after the capped turn at ${first} ms the next ran at ${next.at} ms`);
    });

    it('a call during a running turn makes exactly one more; a conversation runs one turn at a time, others run in parallel', async (t) => {
      const queue = await open(t, { debounceMs: 200, maxWaitMs: 1000 });
      const t0 = Date.now();
      const running = new Map<string, number>();
      let runningAll = 0;
      let maxAll = 0;
      let maxSameConversation = 0;
      const spans: Array<{ conversationId: string; start: number; end: number }> = [];
      queue.start({
        [TURN_JOB]: async (job) => {
          const conversationId = String(job.data.conversationId);
          const start = Date.now() - t0;
          running.set(conversationId, (running.get(conversationId) ?? 0) + 1);
          runningAll++;
          maxAll = Math.max(maxAll, runningAll);
          maxSameConversation = Math.max(maxSameConversation, running.get(conversationId) ?? 0);
          await sleep(700);
          running.set(conversationId, (running.get(conversationId) ?? 1) - 1);
          runningAll--;
          spans.push({ conversationId, start, end: Date.now() - t0 });
        },
      });
      await queue.scheduleTurn('conv-a');
      await queue.scheduleTurn('conv-b');
      await waitFor('both turns to start', () => runningAll === 2, 2000);
      await sleep(100);
      for (let call = 0; call < 3; call++) await queue.scheduleTurn('conv-a');
      await waitFor(
        'the follow-up turn',
        () => spans.filter((s) => s.conversationId === 'conv-a').length === 2,
        3000,
      );
      await sleep(600);
      const a = spans.filter((s) => s.conversationId === 'conv-a');
      const b = spans.filter((s) => s.conversationId === 'conv-b');
      assert.equal(a.length, 2, 'three calls during the turn make exactly one follow-up');
      assert.equal(b.length, 1);
      assert.equal(maxSameConversation, 1, 'two turns of one conversation ran at once');
      assert.ok(a[1]!.start >= a[0]!.end, 'the follow-up started before the running turn ended');
      assert.equal(maxAll, 2, 'turns of different conversations did not run in parallel');
    });

    it('a turn waiting out a retry backoff is neither pulled forward nor restarted by new calls', async (t) => {
      const queue = await open(t, { debounceMs: 100, maxWaitMs: 1000, attempts: 3, backoffMs: 700 });
      const t0 = Date.now();
      const { runs } = recorder(0);
      queue.start({
        [TURN_JOB]: async (job) => {
          runs.push({ ...job, at: Date.now() - t0 });
          if (job.attempt === 1) throw new LeadwireError('TEMPORARY', 'CRM timed out');
        },
      });
      await queue.scheduleTurn('conv-retry');
      await waitFor('the failed try to wait for its retry', async () => {
        return runs.length === 1 && (await queue.counts()).delayed === 1;
      });
      await queue.scheduleTurn('conv-retry');
      await sleep(150);
      await queue.scheduleTurn('conv-retry');
      await waitFor('the retry', () => runs.length === 2, 2000);
      await sleep(400);
      assert.deepEqual(
        runs.map((r) => r.attempt),
        [1, 2],
        'the calls during the backoff made no turn of their own',
      );
      const gap = runs[1]!.at - runs[0]!.at;
      assert.ok(gap >= 680, `retried ${gap} ms after the failure; the backoff is 700 ms`);
    });

    it('a call during a turn that then fails makes a follow-up that runs after the retry, not before', async (t) => {
      const queue = await open(t, { debounceMs: 100, maxWaitMs: 1000, attempts: 3, backoffMs: 600 });
      const t0 = Date.now();
      const { runs } = recorder(0);
      let started = 0;
      queue.start({
        [TURN_JOB]: async (job) => {
          started++;
          await sleep(200);
          runs.push({ ...job, at: Date.now() - t0 });
          if (runs.length === 1) throw new LeadwireError('TEMPORARY', 'CRM timed out');
        },
      });
      await queue.scheduleTurn('conv-fail');
      await waitFor('the first try to start', () => started === 1);
      await queue.scheduleTurn('conv-fail');
      await waitFor('three turns', () => runs.length === 3, 4000);
      await sleep(300);
      assert.deepEqual(
        runs.map((r) => r.attempt),
        [1, 2, 1],
        'the retry, then the follow-up as a new job',
      );
      assert.ok(runs[1]!.at - runs[0]!.at >= 780, 'the retry waited its backoff');
    });

    it('TEMPORARY failures are retried with exponential backoff', async (t) => {
      const queue = await open(t, { attempts: 4, backoffMs: 150 });
      const { runs } = recorder(0);
      const t0 = Date.now();
      queue.start({
        flaky: async (job) => {
          runs.push({ ...job, at: Date.now() - t0 });
          throw new LeadwireError('TEMPORARY', 'CRM answered 503');
        },
      });
      await queue.add({ name: 'flaky', data: {} });
      await waitFor('four attempts', () => runs.length === 4, 4000);
      assert.deepEqual(
        runs.map((r) => r.attempt),
        [1, 2, 3, 4],
      );
      const gaps = runs.slice(1).map((r, i) => r.at - runs[i]!.at);
      [150, 300, 600].forEach((expected, i) => {
        assert.ok(
          gaps[i]! >= expected - 20,
          `gap ${i + 1} was ${gaps[i]} ms, expected ~${expected} (gaps ${gaps})`,
        );
        assert.ok(
          gaps[i]! < expected + 300,
          `gap ${i + 1} was ${gaps[i]} ms, expected ~${expected} (gaps ${gaps})`,
        );
      });
    });

    it('TEMPORARY failures dead-letter after the last attempt, with the attempt count and the reason', async (t) => {
      const queue = await open(t, { attempts: 3, backoffMs: 50 });
      const t0 = Date.now();
      let calls = 0;
      queue.start({
        flaky: async () => {
          calls++;
          throw new Error('socket hang up');
        },
      });
      const id = await queue.add({ name: 'flaky', data: { lead: 7 }, id: 'flaky-1' });
      await waitFor('the dead letter', async () => (await queue.deadLetters()).length === 1);
      await sleep(300);
      const [dead] = await queue.deadLetters();
      assert.equal(calls, 3);
      assert.deepEqual(
        { ...dead, failedAt: 0 },
        {
          id,
          name: 'flaky',
          data: { lead: 7 },
          attempts: 3,
          code: 'TEMPORARY',
          reason: 'socket hang up',
          failedAt: 0,
        },
      );
      assert.ok(dead!.failedAt >= t0 && dead!.failedAt <= Date.now());
      assert.deepEqual(await queue.counts(), { waiting: 0, delayed: 0, active: 0, dead: 1 });
    });

    it('RATE_LIMITED waits retryAfterMs before the next try', async (t) => {
      const queue = await open(t, { attempts: 3, backoffMs: 100 });
      const { runs } = recorder(0);
      const t0 = Date.now();
      queue.start({
        limited: async (job) => {
          runs.push({ ...job, at: Date.now() - t0 });
          if (job.attempt === 1) {
            throw new LeadwireError('RATE_LIMITED', 'HubSpot: ten-second limit', { retryAfterMs: 600 });
          }
        },
      });
      await queue.add({ name: 'limited', data: {} });
      await waitFor('the second try', () => runs.length === 2, 3000);
      const gap = runs[1]!.at - runs[0]!.at;
      assert.ok(gap >= 580, `retried after ${gap} ms, expected the 600 ms the vendor asked for`);
      assert.ok(gap < 1000, `retried after ${gap} ms, expected ~600`);
      await waitFor('the queue to drain', idle(queue));
      assert.deepEqual(await queue.deadLetters(), []);
    });

    it('VALIDATION, NOT_FOUND and AUTH_REVOKED are not retried: dead-lettered at once with their code', async (t) => {
      const queue = await open(t, { attempts: 5, backoffMs: 50 });
      const calls = new Map<string, number>();
      queue.start({
        write: async (job) => {
          const code = job.data.code as ErrorCode;
          calls.set(code, (calls.get(code) ?? 0) + 1);
          throw new LeadwireError(code, `cannot write: ${code}`);
        },
      });
      const codes: ErrorCode[] = ['VALIDATION', 'NOT_FOUND', 'AUTH_REVOKED'];
      for (const code of codes) await queue.add({ name: 'write', data: { code }, id: `write-${code}` });
      await waitFor('three dead letters', async () => (await queue.deadLetters()).length === 3);
      await sleep(300);
      const dead = (await queue.deadLetters()).sort((x, y) => x.id.localeCompare(y.id));
      assert.deepEqual(
        dead.map((d) => [d.id, d.code, d.attempts, d.reason]),
        codes
          .map((code) => [`write-${code}`, code, 1, `cannot write: ${code}`])
          .sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
      );
      assert.deepEqual(Object.fromEntries(calls), { VALIDATION: 1, NOT_FOUND: 1, AUTH_REVOKED: 1 });
    });

    it('replay runs a dead job again from its first attempt', async (t) => {
      const queue = await open(t, { attempts: 2, backoffMs: 50 });
      const { runs } = recorder(0);
      const failing = new Set(['replay-a', 'replay-b']);
      queue.start({
        write: async (job) => {
          runs.push({ ...job, at: 0 });
          if (failing.has(job.id)) throw new LeadwireError('AUTH_REVOKED', 'portal 123 revoked the app');
        },
      });
      await queue.add({ name: 'write', data: { n: 1 }, id: 'replay-a' });
      await queue.add({ name: 'write', data: { n: 2 }, id: 'replay-b' });
      await waitFor('two dead letters', async () => (await queue.deadLetters()).length === 2);
      failing.clear(); // "the customer reconnected"
      assert.equal(await queue.replay('no-such-job'), 0);
      assert.equal(await queue.replay('replay-a'), 1);
      await waitFor('replay-a to run again', () => runs.filter((r) => r.id === 'replay-a').length === 2);
      assert.deepEqual(
        (await queue.deadLetters()).map((d) => d.id),
        ['replay-b'],
      );
      assert.equal(await queue.replay(), 1);
      await waitFor('replay-b to run again', () => runs.filter((r) => r.id === 'replay-b').length === 2);
      await waitFor('the queue to drain', idle(queue));
      assert.deepEqual(
        runs.slice(2).map((r) => [r.id, r.attempt, r.data.n]),
        [
          ['replay-a', 1, 1],
          ['replay-b', 1, 2],
        ],
      );
      assert.deepEqual(await queue.deadLetters(), []);
      assert.equal(await queue.replay(), 0);
    });

    it('counts show waiting, delayed, active and dead jobs', async (t) => {
      const queue = await open(t);
      await queue.ping();
      await queue.add({ name: 'slow', data: {} });
      await queue.add({ name: 'bad', data: {} });
      const later = await queue.add({ name: 'later', data: {}, delayMs: 10_000 });
      assert.deepEqual(await queue.counts(), { waiting: 2, delayed: 1, active: 0, dead: 0 });
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      try {
        queue.start({
          slow: () => gate,
          bad: async () => {
            throw new LeadwireError('VALIDATION', 'no phone and no user id');
          },
          later: async () => {},
        });
        await waitFor('one active and one dead', async () => {
          const counts = await queue.counts();
          return counts.active === 1 && counts.dead === 1;
        });
        assert.deepEqual(await queue.counts(), { waiting: 0, delayed: 1, active: 1, dead: 1 });
      } finally {
        release();
      }
      await waitFor('the slow job to finish', async () => (await queue.counts()).active === 0);
      assert.equal(await queue.cancel(later), true);
      assert.deepEqual(await queue.counts(), { waiting: 0, delayed: 0, active: 0, dead: 1 });
    });

    it('stop waits for the running job and takes no more', async (t) => {
      const queue = await open(t);
      const finished: string[] = [];
      queue.start({
        work: async (job) => {
          await sleep(300);
          finished.push(job.id);
        },
      });
      const first = await queue.add({ name: 'work', data: {} });
      await waitFor('the job to start', async () => (await queue.counts()).active === 1);
      await queue.stop();
      assert.deepEqual(finished, [first], 'stop returned before the running job finished');
      await queue.add({ name: 'work', data: {} });
      await sleep(300);
      assert.deepEqual(finished, [first]);
      assert.equal((await queue.counts()).waiting, 1);
    });
  });
}
