// Routing in the durable pipeline, against both Assignments adapters (SQLite, Redis): the route step driven
// through the turn processor with the real intake agent, the SLA re-route, the pool alert and the backlog
// sweep driven through their job handlers, on a manual clock, with a real embedded queue underneath.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import {
  existingOwnersOf,
  ROUTING_JOB,
  routeStep,
  type StoredRoutingTrace,
  slaJobId,
  withRouteStep,
} from '../src/conversation/route-step.ts';
import {
  type AddJob,
  type Assignment,
  type Assignments,
  type Conversation,
  createTurnProcessor,
  inboundEvent,
  intakeAgent,
  isLeadwireError,
  type JobHandler,
  type JobQueue,
  openEmbeddedQueue,
  openSqliteAssignments,
  openSqliteStore,
  RedisAssignments,
  type RoutingConfigInput,
  routingConfigSchema,
  type Store,
  type TurnContext,
} from '../src/index.ts';
import { buildDirectory } from '../src/routing/directory.ts';
import { type RoutingNotice, routingJobs, scheduleSweep, sweepPool } from '../src/runtime/routing-jobs.ts';
import {
  exampleIntake,
  ingestTextMessage,
  type ManualClock,
  manualClock,
  redisSkipReason,
  testDelivery,
  testPrefix,
  testRedisUrl,
} from '../src/testing/index.ts';

const NUMBER = '106540352242922';
const TENANT = 'tenant-a';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const dir = mkdtempSync(join(tmpdir(), 'leadwire-routing-runtime-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const baseRouting: RoutingConfigInput = {
  admin: 'u-mgr',
  users: [
    { id: 'u-amal', name: 'Amal', groups: ['jeddah'] },
    { id: 'u-badr', groups: ['jeddah'] },
    { id: 'u-chen', groups: ['jeddah'] },
    { id: 'u-dana', groups: ['backup'] },
    { id: 'u-mgr' },
  ],
  groups: [{ id: 'jeddah', strategy: 'round_robin' }, { id: 'backup' }],
  rules: [
    {
      id: 'returning',
      when: { customer: 'returning' },
      targets: [{ recordOwner: { offlineTransfer: { group: 'backup' } } }, { group: 'jeddah' }],
    },
    { id: 'leads', when: { decision: ['lead'] }, targets: [{ group: 'jeddah' }] },
    { id: 'inquiries', when: { decision: ['inquiry'] }, targets: [{ group: 'jeddah' }] },
  ],
  sla: { minutes: 5, maxHops: 2 },
  pool: { alertAfterHours: 24 },
};

type OpenAssignments = (clock: ManualClock, dataset: string) => Promise<Assignments>;

/** Records `add` and `cancel` and hands everything to a real embedded queue. */
function recordingQueue(inner: JobQueue): { queue: JobQueue; added: AddJob[]; cancelled: string[] } {
  const added: AddJob[] = [];
  const cancelled: string[] = [];
  const queue: JobQueue = {
    scheduleTurn: (id) => inner.scheduleTurn(id),
    add: async (job) => {
      added.push(job);
      return inner.add(job);
    },
    cancel: async (id) => {
      cancelled.push(id);
      return inner.cancel(id);
    },
    start: (handlers, options) => inner.start(handlers, options),
    stop: () => inner.stop(),
    deadLetters: () => inner.deadLetters(),
    replay: (id) => inner.replay(id),
    counts: () => inner.counts(),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
  return { queue, added, cancelled };
}

/** The adapter, counting the claims that lost the fairness check (`user_count` conflicts). */
function countingConflicts(inner: Assignments, lost: { userCount: number }): Assignments {
  return new Proxy(inner, {
    get(target, property) {
      if (property === 'assign') {
        return async (input: Parameters<Assignments['assign']>[0]) => {
          const result = await target.assign(input);
          if (result.status === 'conflict' && result.reason === 'user_count') lost.userCount++;
          return result;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function defineRoutingRuntime(name: string, openAssignments: OpenAssignments, skip?: string): void {
  describe(`routing runtime: ${name}`, { skip }, () => {
    const closers: Array<() => Promise<void>> = [];
    let datasets = 0;
    after(async () => {
      for (const close of closers) await close();
    });

    async function setup(overrides: Partial<RoutingConfigInput> = {}) {
      const clock = manualClock();
      const dataset = `ds${datasets++}`;
      const store: Store = openSqliteStore({
        path: join(dir, name, dataset, 'store.db'),
        synchronous: 'NORMAL',
        clock,
      });
      const assignments = await openAssignments(clock, dataset);
      const inner = openEmbeddedQueue({ path: join(dir, name, dataset, 'queue.db'), clock });
      const { queue, added, cancelled } = recordingQueue(inner);
      closers.push(async () => {
        await assignments.shutdown?.();
        await inner.close();
        await store.close();
      });
      const routing = routingConfigSchema.parse({ ...baseRouting, ...overrides });
      const sources = {
        routingFor: () => ({ routing, serviceSkills: {} }),
        directoryFor: async () => buildDirectory(undefined, routing),
        assignments,
        clock,
      };
      const step = routeStep({ ...sources, queue });
      const processTurn = createTurnProcessor({
        store,
        clock,
        handler: withRouteStep(intakeAgent({ intakeFor: () => exampleIntake, clock }), step),
      });
      const notices: RoutingNotice[] = [];
      const jobOptions = {
        ...sources,
        store,
        queue,
        notify: async (notice: RoutingNotice) => {
          notices.push(notice);
        },
      };
      const handlers = routingJobs(jobOptions);
      let wamids = 0;

      async function turn(waId: string): Promise<Conversation> {
        const outcome = await processTurn(`${NUMBER}:${waId}`);
        assert.ok(outcome.status === 'committed');
        return outcome.conversation;
      }
      const seconds = () => Math.floor(clock.now() / 1000);
      async function say(waId: string, text: string): Promise<Conversation> {
        await store.ingest(testDelivery([ingestTextMessage(waId, `wamid.rt-${wamids++}`, text, seconds())]));
        return turn(waId);
      }
      async function ingestOf(waId: string, event: Record<string, unknown>): Promise<void> {
        const id = `wamid.rt-${wamids++}`;
        const parsed = inboundEvent.parse({
          phoneNumberId: NUMBER,
          timestamp: new Date(clock.now()).toISOString(),
          id,
          user: { waId },
          raw: {},
          ...event,
        });
        await store.ingest(
          testDelivery([
            {
              event: parsed,
              dedupKey: `m:${NUMBER}:${id}`,
              tenantId: TENANT,
              conversationKey: `${NUMBER}:${waId}`,
            },
          ]),
        );
      }
      /** Service, area, timing and urgency in one message, then the customer taps "Yes": a Lead. */
      async function lead(waId: string): Promise<Conversation> {
        const asked = await say(waId, 'I need deep cleaning in Jeddah today, urgent please');
        assert.equal(asked.state, 'confirming');
        await ingestOf(waId, {
          kind: 'message',
          type: 'interactive',
          interactive: { type: 'button_reply', id: 'confirm:yes', title: 'Yes' },
        });
        const handedOver = await turn(waId);
        assert.equal(handedOver.state, 'handed_over');
        return handedOver;
      }
      /** A person answers from the WhatsApp Business app (an echo). */
      async function personReplies(waId: string): Promise<Conversation> {
        await ingestOf(waId, { kind: 'echo', type: 'text', text: 'Amal here, on my way.' });
        return turn(waId);
      }
      async function runJob(id: string): Promise<void> {
        const job = added.findLast((candidate) => candidate.id === id);
        assert.ok(job, `job ${id} was scheduled (scheduled: ${added.map((a) => a.id).join(', ')})`);
        const handler: JobHandler | undefined = handlers[job.name];
        assert.ok(handler);
        await handler({ id, name: job.name, data: job.data, attempt: 1 });
      }
      const get = async (waId: string): Promise<Assignment> => {
        const assignment = await assignments.get(`${NUMBER}:${waId}`);
        assert.ok(assignment);
        return assignment;
      };
      return {
        clock,
        store,
        assignments,
        queue,
        added,
        cancelled,
        notices,
        routing,
        sources,
        jobOptions,
        step,
        say,
        lead,
        turn,
        personReplies,
        runJob,
        get,
      };
    }

    it('assigns a Lead through the rule’s group, stores the trace, and schedules its SLA check', async () => {
      const t = await setup();
      const conversation = await t.lead('966500000001');
      const id = `${NUMBER}:966500000001`;
      const assignment = await t.get('966500000001');
      assert.deepEqual(assignment.assignee, { kind: 'user', id: 'u-amal', name: 'Amal' });
      assert.equal(assignment.source, 'routing');
      assert.equal(assignment.ruleId, 'leads');
      assert.equal(assignment.urgent, true);
      const trace = assignment.trace as StoredRoutingTrace;
      assert.equal(trace.rule, 'leads');
      assert.deepEqual(
        trace.rulesSkipped.map((skipped) => skipped.rule),
        ['returning'],
      );
      assert.equal(trace.steps[0]?.target, 'group:jeddah');
      assert.deepEqual(
        trace.steps[0]?.candidates.map((c) => [c.userId, c.outcome]),
        [
          ['u-amal', 'chosen'],
          ['u-badr', 'eligible'],
          ['u-chen', 'eligible'],
        ],
      );
      assert.equal(trace.turnKey, `${id}:2:route`);
      assert.equal(conversation.ownerId, 'u-amal');
      assert.equal((await t.store.getConversation(id))?.ownerId, 'u-amal');
      const sla = t.added.find((job) => job.name === ROUTING_JOB.sla);
      assert.deepEqual(sla, {
        name: 'routing.sla',
        id: slaJobId(id, 1),
        delayMs: 5 * MINUTE,
        data: { conversationId: id, tenantId: TENANT, version: 1 },
      });
      assert.equal(await t.queue.cancel(slaJobId(id, 1)), true, 'the SLA check is waiting in the queue');
    });

    it('re-run after a crash, the step keeps its own claim and schedules the follow-up once', async () => {
      const t = await setup();
      const conversation = await t.lead('966500000002');
      const id = conversation.id;
      const context: TurnContext = {
        conversation: { ...conversation, ownerId: undefined },
        turn: { conversationId: id, seq: 2, eventSeqs: [], claimedAt: '', fence: 1 },
        events: [],
        idempotencyKey: `${id}:2:route`,
        assertLease: async () => {},
      };
      const again = await t.step.run(context);
      assert.equal(again.ownerId, 'u-amal');
      assert.equal((await t.get('966500000002')).version, 1, 'no second claim');
      assert.equal(
        t.added.filter((job) => job.id === slaJobId(id, 1)).length,
        2,
        're-added under its stable id',
      );
      assert.equal((await t.queue.counts()).delayed, 1, 'one SLA job in the queue');
    });

    it('re-routes an unanswered assignment hop by hop, excluding earlier holders, then to the pool', async () => {
      const t = await setup();
      await t.lead('966500000003');
      const id = `${NUMBER}:966500000003`;
      assert.equal((await t.get('966500000003')).assignee.id, 'u-amal');

      t.clock.advance(5 * MINUTE);
      await t.runJob(slaJobId(id, 1));
      let current = await t.get('966500000003');
      assert.deepEqual([current.assignee.id, current.source, current.hops], ['u-badr', 'reroute', 1]);
      await t.runJob(slaJobId(id, 1)); // the same job again: the version moved, nothing happens
      assert.equal((await t.get('966500000003')).version, 2);

      // Another Lead takes Chen, so Amal becomes the least recently assigned
      await t.lead('966500000013');
      assert.equal((await t.get('966500000013')).assignee.id, 'u-chen');
      t.clock.advance(5 * MINUTE);
      await t.runJob(slaJobId(id, 2));
      current = await t.get('966500000003');
      // round robin alone would pick Amal again; she already held it, so the one left is Chen
      assert.deepEqual([current.assignee.id, current.hops], ['u-chen', 2]);
      assert.deepEqual(current.holders, ['u-amal', 'u-badr', 'u-chen']);

      t.clock.advance(5 * MINUTE);
      await t.runJob(slaJobId(id, 3));
      current = await t.get('966500000003');
      assert.deepEqual([current.assignee.kind, current.exhaustedHops], ['pool', true]);
      // A job run twice may repeat its notice under the same key; the receiver writes each key once.
      const byKey = new Map(t.notices.map((n) => [n.key, n]));
      assert.deepEqual(
        [...byKey.values()].map((n) => (n.type === 'rerouted' ? [n.from.id, n.to.id] : n.type)),
        [
          ['u-amal', 'u-badr'],
          ['u-badr', 'u-chen'],
          ['u-chen', 'pool'],
        ],
      );
      const alert = t.added.find((job) => job.name === ROUTING_JOB.poolAlert);
      assert.equal(alert?.id, `pool-alert:${id}:4`);
      assert.equal(alert?.delayMs, 24 * HOUR);
    });

    it('a person’s reply cancels the SLA check, and a check that fires anyway leaves the owner', async () => {
      const t = await setup();
      await t.lead('966500000004');
      const id = `${NUMBER}:966500000004`;
      t.clock.advance(MINUTE);
      const replied = await t.personReplies('966500000004');
      assert.equal(replied.state, 'human');
      assert.equal(replied.ownerId, 'u-amal');
      assert.deepEqual(t.cancelled, [slaJobId(id, 1)]);
      assert.equal(await t.queue.cancel(slaJobId(id, 1)), false, 'no SLA check left in the queue');

      t.clock.advance(5 * MINUTE);
      await t.runJob(slaJobId(id, 1));
      assert.deepEqual([(await t.get('966500000004')).assignee.id, t.notices.length], ['u-amal', 0]);
    });

    it('keeps a manual transfer when the customer writes again', async () => {
      const t = await setup();
      await t.lead('966500000005');
      const id = `${NUMBER}:966500000005`;
      const manual = await t.assignments.assign({
        tenantId: TENANT,
        conversationId: id,
        assignee: { kind: 'user', id: 'u-dana' },
        source: 'manual',
        urgent: true,
        at: t.clock.now(),
        expectedVersion: 1,
      });
      assert.equal(manual.status, 'assigned');
      t.clock.advance(MINUTE);
      const next = await t.say('966500000005', 'any news?');
      const current = await t.get('966500000005');
      assert.deepEqual([current.assignee.id, current.source, current.version], ['u-dana', 'manual', 2]);
      assert.equal(next.ownerId, 'u-dana');
      assert.equal(
        t.added.filter((job) => job.name === ROUTING_JOB.sla).length,
        1,
        'no SLA for a manual one',
      );
    });

    it('gives a returning customer to the owner of the closed assignment; offline owner → offline transfer', async () => {
      const t = await setup();
      await t.lead('966500000006');
      const id = `${NUMBER}:966500000006`;
      await t.lead('966500000007'); // Amal got the first, Badr this one: Chen is next in the rotation
      assert.equal((await t.get('966500000007')).assignee.id, 'u-badr');
      assert.equal((await t.assignments.close(id, 1)).status, 'assigned');

      t.clock.advance(HOUR);
      const back = await t.say('966500000006', 'Hi again, I need another cleaning');
      let current = await t.get('966500000006');
      assert.deepEqual(
        [current.assignee.id, current.source, current.ruleId],
        ['u-amal', 'continuation', 'returning'],
      );
      assert.equal(back.ownerId, 'u-amal');

      assert.equal((await t.assignments.close(id, current.version)).status, 'assigned');
      await t.assignments.setPresence(TENANT, 'u-amal', 'away', t.clock.now());
      t.clock.advance(HOUR);
      await t.say('966500000006', 'Hello? Anyone?');
      current = await t.get('966500000006');
      assert.deepEqual([current.assignee.id, current.source], ['u-dana', 'routing']);
      const trace = current.trace as StoredRoutingTrace;
      assert.deepEqual(
        trace.steps.map((s) => [s.target, s.outcome]),
        [
          ['recordOwner', 'nobody'],
          ['offlineTransfer:group:backup', 'chosen'],
        ],
      );
      const owners = await existingOwnersOf(t.sources, back, { ...current, closed: true });
      assert.deepEqual(owners, [{ ownerId: 'u-dana', kind: 'lead' }]);
    });

    it('alerts the pool manager once, at the deadline', async () => {
      const t = await setup();
      for (const user of ['u-amal', 'u-badr', 'u-chen']) {
        await t.assignments.setPresence(TENANT, user, 'away', t.clock.now());
      }
      const inquiry = await t.say('966500000008', 'I want to talk to a human please');
      assert.equal(inquiry.state, 'inquiry');
      assert.equal(inquiry.ownerId, undefined);
      const id = inquiry.id;
      const pooled = await t.get('966500000008');
      assert.equal(pooled.assignee.kind, 'pool');
      const alertId = `pool-alert:${id}:1`;
      await assert.rejects(t.runJob(alertId), /before its deadline/);
      assert.equal(t.notices.length, 0);

      t.clock.advance(24 * HOUR);
      await t.runJob(alertId);
      await t.runJob(alertId);
      assert.deepEqual(
        t.notices.map((n) => (n.type === 'pool_alert' ? [n.type, n.manager, n.waitingSince] : n.type)),
        [['pool_alert', 'u-mgr', pooled.poolSince]],
      );
      assert.equal((await t.get('966500000008')).alertedAt, t.clock.now());
    });

    it('sweeps the pool when someone comes online: urgent first, and stops when nobody can take more', async () => {
      const t = await setup({
        users: [
          { id: 'u-amal', groups: ['jeddah'], maxOpen: 1 },
          { id: 'u-badr', groups: ['jeddah'] },
        ],
        admin: undefined,
        groups: [{ id: 'jeddah' }],
        rules: [{ id: 'all', targets: [{ group: 'jeddah' }] }],
      });
      await t.assignments.setPresence(TENANT, 'u-amal', 'away', t.clock.now());
      await t.assignments.setPresence(TENANT, 'u-badr', 'away', t.clock.now());
      const waiting = await t.say('966500000009', 'I want to talk to a human please');
      t.clock.advance(10 * MINUTE);
      const urgent = await t.say('966500000010', 'I want to talk to a human, it is urgent!');
      assert.equal((await t.get('966500000010')).urgent, true, 'the newer one is urgent');
      assert.equal((await t.assignments.pool(TENANT)).length, 2);

      assert.deepEqual(await sweepPool(t.jobOptions, TENANT), { offered: 0, assigned: [] }, 'nobody online');

      t.clock.advance(MINUTE);
      await t.assignments.setPresence(TENANT, 'u-amal', 'online', t.clock.now());
      const swept = await sweepPool(t.jobOptions, TENANT);
      assert.deepEqual(swept, {
        offered: 1,
        assigned: [{ conversationId: urgent.id, assignee: { kind: 'user', id: 'u-amal' } }],
      });
      assert.equal((await t.get('966500000009')).assignee.kind, 'pool', 'Amal is full; the older one waits');
      assert.ok(
        t.added.some((job) => job.id === slaJobId(urgent.id, 2)),
        'the swept item gets its SLA check',
      );
      assert.deepEqual(
        t.notices.map((n) => [n.type, n.conversationId]),
        [['assigned_from_pool', urgent.id]],
      );

      // The periodic sweep: one job per time slot, and each run queues the next slot.
      await t.assignments.setPresence(TENANT, 'u-badr', 'online', t.clock.now());
      const jobId = await scheduleSweep(t.queue, t.clock, TENANT, { periodic: true, intervalMs: 5 * MINUTE });
      const slot = Math.floor(t.clock.now() / (5 * MINUTE)) + 1;
      assert.equal(jobId, `sweep:${TENANT}:${slot}`);
      await t.runJob(jobId);
      assert.equal((await t.get('966500000009')).assignee.id, 'u-badr');
      assert.ok(t.added.some((job) => job.id === `sweep:${TENANT}:${slot + 1}`));
      assert.equal(waiting.state, 'inquiry');
    });

    it('two workers routing 1,000 conversations over a 3-person round robin end within one of each other', async () => {
      const t = await setup();
      // A second worker: its own route step on its own connection to the same assignments.
      const twin = await openAssignments(t.clock, `ds${datasets - 1}`);
      closers.push(async () => twin.shutdown?.());
      // Every reading of the clock moves it 1 ms, as real time would between two assignments.
      const ticking = {
        now: () => {
          t.clock.advance(1);
          return t.clock.now();
        },
      };
      const lost = { userCount: 0 };
      const workers = [t.assignments, twin].map((assignments) =>
        routeStep({ ...t.sources, assignments: countingConflicts(assignments, lost), clock: ticking }),
      );
      const conversationAt = (i: number): Conversation => ({
        id: `${NUMBER}:9665${String(i).padStart(8, '0')}`,
        tenantId: TENANT,
        phoneNumberId: NUMBER,
        user: {},
        state: 'inquiry',
        signals: {},
        crmRefs: {},
        turnSeq: 0,
        createdAt: '',
        updatedAt: '',
      });
      const runOn = async (worker: number, i: number) => {
        const conversation = conversationAt(i);
        const step = workers[worker];
        assert.ok(step);
        return step.run({
          conversation,
          turn: { conversationId: conversation.id, seq: 1, eventSeqs: [], claimedAt: '', fence: 1 },
          events: [],
          idempotencyKey: `${conversation.id}:1:route`,
          assertLease: async () => {},
        });
      };
      // Each worker runs two jobs at once; a claim that lost to another too often throws CONFLICT and the
      // queue would run it again, as here.
      const counts = new Map<string, number>();
      let next = 0;
      let retried = 0;
      const lane = async (worker: number) => {
        for (let i = next++; i < 1000; i = next++) {
          for (;;) {
            try {
              const result = await runOn(worker, i);
              assert.ok(result.ownerId);
              counts.set(result.ownerId, (counts.get(result.ownerId) ?? 0) + 1);
              break;
            } catch (error) {
              if (!isLeadwireError(error, 'CONFLICT')) throw error;
              retried++;
            }
          }
        }
      };
      await Promise.all(Array.from({ length: 4 }, (_, k) => lane(k % 2)));
      const values = [...counts.values()];
      assert.ok(lost.userCount > 0, 'the workers did compete for the same person');
      assert.equal(counts.size, 3);
      assert.equal(
        values.reduce((a, b) => a + b, 0),
        1000,
      );
      assert.ok(
        Math.max(...values) - Math.min(...values) <= 1,
        `balanced: ${JSON.stringify([...counts])} (${retried} turns retried)`,
      );
    });
  });
}

defineRoutingRuntime('SQLite', async (clock, dataset) =>
  openSqliteAssignments({ path: join(dir, 'SQLite', dataset, 'store.db'), synchronous: 'NORMAL', clock }),
);

const skip = await redisSkipReason();
const prefixes = new Map<string, string>();
after(async () => {
  if (skip !== undefined) return;
  const admin = new Redis(testRedisUrl);
  try {
    for (const prefix of prefixes.values()) {
      for await (const keys of admin.scanStream({ match: `{${prefix}}:*`, count: 1000 })) {
        if ((keys as string[]).length > 0) await admin.del(...(keys as string[]));
      }
    }
  } finally {
    admin.disconnect();
  }
});

defineRoutingRuntime(
  'Redis',
  async (clock, dataset) => {
    let prefix = prefixes.get(dataset);
    if (prefix === undefined) {
      prefix = testPrefix('routing-runtime');
      prefixes.set(dataset, prefix);
    }
    return new RedisAssignments({ url: testRedisUrl, prefix, clock });
  },
  skip,
);
