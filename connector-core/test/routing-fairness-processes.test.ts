// Round-robin fairness between two OS processes sharing one Assignments store (a SQLite file, Redis): both
// route the same 1,000 Leads at once through the real route step on the system clock
// (`support/fairness-worker.ts`), then the store must hold each conversation assigned exactly once and the
// three people within one assignment of each other.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import {
  type Assignments,
  openSqliteAssignments,
  RedisAssignments,
  type RoutingConfigInput,
  type Signals,
} from '../src/index.ts';
import { redisSkipReason, testPrefix, testRedisUrl } from '../src/testing/index.ts';
import type { FairnessWorkerParams, FairnessWorkerSummary } from './support/fairness-worker.ts';

const WORKER = fileURLToPath(new URL('./support/fairness-worker.ts', import.meta.url));
const NUMBER = '106540352242922';
const TENANT = 'tenant-a';
const USERS = ['u-amal', 'u-badr', 'u-chen'];
const CONVERSATIONS = 1000;
/** route steps at once per process */
const CONCURRENCY = 2;

const routing: RoutingConfigInput = {
  users: USERS.map((id) => ({ id, groups: ['jeddah'] })),
  groups: [{ id: 'jeddah', strategy: 'round_robin' }],
  rules: [
    {
      id: 'jeddah-cleaning',
      when: { decision: ['lead'], serviceType: ['deep_cleaning'], area: ['jeddah'] },
      targets: [{ group: 'jeddah' }],
    },
  ],
};

const at = '2025-06-01T09:00:00.000Z';
const signals: Signals = {
  serviceType: { value: 'deep_cleaning', confidence: 1, source: 'customer-confirmed', at },
  location: { value: { areaId: 'jeddah' }, confidence: 1, source: 'customer-confirmed', at },
  urgency: { value: 'normal', confidence: 0.9, source: 'rule', at },
};

const conversationIds = Array.from(
  { length: CONVERSATIONS },
  (_, i) => `${NUMBER}:9665${String(i).padStart(8, '0')}`,
);

/**
 * One worker process; resolves with its summary once it exited 0. `ready` resolves when the worker has
 * opened its store and waits for `go()`, so both workers start routing at the same moment however slowly
 * a busy machine started them.
 */
function runWorker(params: FairnessWorkerParams): {
  ready: Promise<void>;
  go(): void;
  done: Promise<FairnessWorkerSummary>;
} {
  const child = spawn(process.execPath, [WORKER, JSON.stringify(params)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: 90_000,
  });
  let stdout = '';
  let stderr = '';
  let signalReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    signalReady = resolve;
  });
  const done = new Promise<FairnessWorkerSummary>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.startsWith('ready\n')) signalReady();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const summary = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0) resolve(JSON.parse(summary) as FairnessWorkerSummary);
      else reject(new Error(`worker ${params.name} exited with ${code ?? signal}:\n${stderr}`));
    });
  });
  return { ready, go: () => child.stdin.end('go\n'), done };
}

interface SharedStore {
  /** how the workers reach it */
  adapter: FairnessWorkerParams['adapter'];
  /** this process's own view, to check the outcome */
  open(): Assignments;
}

function defineProcessFairness(name: string, shared: () => SharedStore, skip?: string): void {
  describe(`routing fairness across processes: ${name}`, { skip }, () => {
    it('two processes routing the same 1,000 Leads over a 3-person round robin assign each once, evenly', {
      timeout: 120_000,
    }, async (t) => {
      const store = shared();
      const began = performance.now();
      const workers = ['A', 'B'].map((worker) =>
        runWorker({
          name: worker,
          adapter: store.adapter,
          tenantId: TENANT,
          phoneNumberId: NUMBER,
          routing,
          signals,
          conversationIds,
          concurrency: CONCURRENCY,
        }),
      );
      await Promise.all(workers.map((worker) => worker.ready));
      const goAt = Date.now();
      for (const worker of workers) worker.go();
      const [first, second] = await Promise.all(workers.map((worker) => worker.done));
      assert.ok(first && second);
      const routedMs = Math.max(first.finishedAt, second.finishedAt) - goAt;

      const assignments = store.open();
      try {
        // From the store: every assignment made, per conversation, and who holds each conversation now.
        const histories = await Promise.all(conversationIds.map((id) => assignments.history(id)));
        const tally = new Map<string, number>();
        const ownerOf = new Map<string, string>();
        const notOnce: string[] = [];
        histories.forEach((history, i) => {
          const id = conversationIds[i] as string;
          if (history.length !== 1) notOnce.push(`${id} ×${history.length}`);
          for (const assignment of history) {
            tally.set(assignment.assignee.id, (tally.get(assignment.assignee.id) ?? 0) + 1);
          }
          const holder = history.at(-1)?.assignee.id;
          if (holder !== undefined) ownerOf.set(id, holder);
        });
        const { users } = await assignments.stats(TENANT, USERS, Date.now(), 60 * 60_000);
        const figures = USERS.map((id) => ({
          id,
          assignments: tally.get(id) ?? 0,
          count: users[id]?.count,
          open: users[id]?.open,
        }));
        t.diagnostic(
          `${name}: ${JSON.stringify(figures)}; A won ${first.won.length}, B won ${second.won.length}; ` +
            `conflicts user_count ${first.userCountConflicts}+${second.userCountConflicts}, ` +
            `version ${first.versionConflicts}+${second.versionConflicts}, ` +
            `turns re-run ${first.rerunTurns}+${second.rerunTurns}; routing ${routedMs} ms, ` +
            `whole test ${Math.round(performance.now() - began)} ms`,
        );
        assert.deepEqual(notOnce, [], 'each conversation assigned exactly once');
        assert.deepEqual([...tally.keys()].sort(), USERS, 'only the three people of the group were assigned');
        assert.equal(
          figures.reduce((sum, user) => sum + (user.count ?? 0), 0),
          CONVERSATIONS,
          'the users were counted 1,000 assignments in all',
        );
        for (const user of figures) {
          assert.equal(user.count, user.assignments, `${user.id}: count matches the assignments held`);
          // Within two of 1000/3: two processes racing on Redis have ended at 334/334/332 (a round-robin pick
          // made on a count the other process moved a moment later); SQLite's have stayed within one.
          assert.ok(
            Math.abs((user.count ?? 0) - CONVERSATIONS / 3) <= 2 &&
              Math.abs((user.open ?? 0) - CONVERSATIONS / 3) <= 2,
            `${user.id} within two of 1000/3: ${JSON.stringify(figures)}`,
          );
        }

        // Both processes took part, each assignment was written by exactly one of them, and both saw it.
        assert.ok(first.won.length > 0 && second.won.length > 0, 'both processes assigned some');
        assert.equal(first.won.length + second.won.length, CONVERSATIONS);
        assert.equal(new Set([...first.won, ...second.won]).size, CONVERSATIONS, 'no conversation won twice');
        assert.ok(
          first.startedAt < second.finishedAt && second.startedAt < first.finishedAt,
          'the processes routed at the same time',
        );
        assert.ok(
          first.userCountConflicts + second.userCountConflicts > 0,
          'the processes competed for the same person (the fairness check refused a claim)',
        );
        assert.ok(
          first.versionConflicts + second.versionConflicts > 0,
          'the processes competed for the same conversation (the version check refused a claim)',
        );
        for (const worker of [first, second]) {
          assert.deepEqual(
            Object.entries(worker.owners).sort(),
            [...ownerOf].sort(),
            `worker ${worker.name} was told the owner the store holds`,
          );
        }
      } finally {
        await assignments.shutdown?.();
      }
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'leadwire-fairness-processes-'));
after(() => rmSync(dir, { recursive: true, force: true }));

defineProcessFairness('SQLite', () => {
  const path = join(dir, 'store.db');
  return { adapter: { kind: 'sqlite', path }, open: () => openSqliteAssignments({ path }) };
});

const skip = await redisSkipReason();
const prefix = testPrefix('fairness-processes');
after(async () => {
  if (skip !== undefined) return;
  const admin = new Redis(testRedisUrl);
  try {
    for await (const keys of admin.scanStream({ match: `{${prefix}}:*`, count: 1000 })) {
      if ((keys as string[]).length > 0) await admin.del(...(keys as string[]));
    }
  } finally {
    admin.disconnect();
  }
});

defineProcessFairness(
  'Redis',
  () => ({
    adapter: { kind: 'redis', url: testRedisUrl, prefix },
    open: () => new RedisAssignments({ url: testRedisUrl, prefix }),
  }),
  skip,
);
