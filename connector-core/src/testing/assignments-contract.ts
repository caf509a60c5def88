// The Assignments contract: one suite every Assignments adapter (SQLite, Redis, and any fake) must pass, so
// routing, the SLA re-route, the pool and `leadwire explain` rely on the same semantics in both modes.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type {
  Assignee,
  AssignInput,
  Assignment,
  AssignmentSource,
  Assignments,
  AssignResult,
} from '../ports/assignments.ts';
import { type ManualClock, manualClock } from './store-contract.ts';

export interface AssignmentsContractContext {
  /** the adapter must read "now" from this clock (it prunes users' assignment logs by it) */
  clock: ManualClock;
  /**
   * Names the data the adapter works on: a new name is a fresh, empty store; a name seen before opens a
   * second, independent adapter (its own connection) on the same data.
   */
  dataset: string;
}

export type AssignmentsFactory = (context: AssignmentsContractContext) => Promise<Assignments>;

export interface AssignmentsContractOptions {
  /** skip the whole suite with this reason (e.g. Redis is not reachable) */
  skip?: string;
}

const TENANT = 'tenant-a';
const HOUR = 3_600_000;

const alice: Assignee = { kind: 'user', id: 'u-alice', name: 'Alice' };
const bob: Assignee = { kind: 'user', id: 'u-bob' };
const carol: Assignee = { kind: 'user', id: 'u-carol' };
const pool: Assignee = { kind: 'pool', id: 'pool' };
const salesQueue: Assignee = { kind: 'queue', id: 'q-sales' };

function assigned(result: AssignResult): Assignment {
  if (result.status !== 'assigned') {
    assert.fail(`expected the change to be written, got a ${result.reason} conflict`);
  }
  return result.assignment;
}

/** A small seeded PRNG (mulberry32), so a failing randomized run can be replayed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function defineAssignmentsContract(
  name: string,
  factory: AssignmentsFactory,
  options: AssignmentsContractOptions = {},
): void {
  describe(`Assignments contract: ${name}`, { skip: options.skip }, () => {
    const opened: Assignments[] = [];
    let datasets = 0;
    after(async () => {
      await Promise.all(opened.map((a) => a.shutdown?.()));
    });

    /** A fresh, empty adapter, the clock it runs on, and a way to open a second adapter on its data. */
    async function open(): Promise<{
      store: Assignments;
      clock: ManualClock;
      twin: () => Promise<Assignments>;
    }> {
      const clock = manualClock();
      const dataset = `ds${datasets++}`;
      const openOne = async () => {
        const adapter = await factory({ clock, dataset });
        opened.push(adapter);
        return adapter;
      };
      return { store: await openOne(), clock, twin: openOne };
    }

    /** Assign with the version read right before (the usual caller), or the one given. */
    async function assignNow(
      store: Assignments,
      clock: ManualClock,
      conversationId: string,
      assignee: Assignee,
      extra: Partial<AssignInput> = {},
    ): Promise<AssignResult> {
      const current = await store.get(conversationId);
      return store.assign({
        tenantId: TENANT,
        conversationId,
        assignee,
        source: 'routing',
        urgent: false,
        at: clock.now(),
        expectedVersion: current?.version ?? 0,
        ...extra,
      });
    }

    async function statsOf(store: Assignments, clock: ManualClock, userId: string, windowMs = 2 * HOUR) {
      const { users } = await store.stats(TENANT, [userId], clock.now(), windowMs);
      const stats = users[userId];
      assert.ok(stats, `stats for ${userId}`);
      return stats;
    }

    describe('assign', () => {
      it('the first assignment is version 1 with its rule, trace and holder, and takes the user’s capacity', async () => {
        const { store, clock } = await open();
        const trace = { rule: 'jeddah-ac', steps: [{ target: 'group:jeddah', candidates: [] }] };
        const at = clock.now();
        const result = await store.assign({
          tenantId: TENANT,
          conversationId: 'c1',
          assignee: alice,
          source: 'routing',
          ruleId: 'jeddah-ac',
          urgent: true,
          at,
          trace,
          expectedVersion: 0,
        });
        const expected: Assignment = {
          tenantId: TENANT,
          conversationId: 'c1',
          assignee: { kind: 'user', id: 'u-alice', name: 'Alice' },
          source: 'routing',
          ruleId: 'jeddah-ac',
          urgent: true,
          hops: 0,
          holders: ['u-alice'],
          at,
          version: 1,
          closed: false,
          trace,
        };
        assert.deepEqual(result, { status: 'assigned', assignment: expected });
        assert.deepEqual(await store.get('c1'), expected);
        assert.deepEqual(await store.history('c1'), [expected]);
        assert.deepEqual(await statsOf(store, clock, 'u-alice'), {
          open: 1,
          lastAssignedAt: at,
          recentAssignments: [at],
          count: 1,
        });
      });

      it('nothing is assigned for a conversation never routed', async () => {
        const { store } = await open();
        assert.equal(await store.get('c-none'), undefined);
        assert.deepEqual(await store.history('c-none'), []);
      });

      it('a stale version is a conflict that writes nothing', async () => {
        const { store, clock } = await open();
        const first = assigned(await assignNow(store, clock, 'c1', alice));
        clock.advance(1000);
        // a second worker routed on the version it read before the first one won
        const late = await store.assign({
          tenantId: TENANT,
          conversationId: 'c1',
          assignee: bob,
          source: 'routing',
          urgent: false,
          at: clock.now(),
          expectedVersion: 0,
        });
        assert.deepEqual(late, { status: 'conflict', reason: 'version', current: first });
        assert.deepEqual(await store.get('c1'), first);
        assert.equal((await store.history('c1')).length, 1);
        assert.deepEqual(await statsOf(store, clock, 'u-bob'), { open: 0, recentAssignments: [], count: 0 });
        assert.equal((await statsOf(store, clock, 'u-alice')).open, 1);
        // a version from the future is just as stale, also for a conversation never assigned
        const ahead = await store.assign({
          tenantId: TENANT,
          conversationId: 'c2',
          assignee: bob,
          source: 'routing',
          urgent: false,
          at: clock.now(),
          expectedVersion: 3,
        });
        assert.deepEqual(ahead, { status: 'conflict', reason: 'version', current: undefined });
        assert.equal(await store.get('c2'), undefined);
      });

      it('another assignment to the chosen user since stats() were read is a user_count conflict', async () => {
        const { store, clock } = await open();
        const { count } = await statsOf(store, clock, 'u-alice');
        assert.equal(count, 0);
        // meanwhile another worker gives alice a different conversation
        assigned(await assignNow(store, clock, 'c-other', alice));
        const stale = await assignNow(store, clock, 'c1', alice, { expectedUserCount: count });
        assert.deepEqual(stale, { status: 'conflict', reason: 'user_count', current: undefined });
        assert.equal(await store.get('c1'), undefined);
        assert.deepEqual(await store.history('c1'), []);
        const after = await statsOf(store, clock, 'u-alice');
        assert.deepEqual([after.open, after.count], [1, 1]);
        // re-read, re-decide: the fresh count goes through
        const fresh = await assignNow(store, clock, 'c1', alice, { expectedUserCount: after.count });
        assert.equal(assigned(fresh).version, 1);
        const final = await statsOf(store, clock, 'u-alice');
        assert.deepEqual([final.open, final.count], [2, 2]);
      });

      it('re-assigning moves the open count from the old owner to the new one', async () => {
        const { store, clock } = await open();
        assigned(await assignNow(store, clock, 'c1', alice));
        clock.advance(60_000);
        const moved = assigned(await assignNow(store, clock, 'c1', bob, { source: 'manual' }));
        assert.equal(moved.version, 2);
        assert.deepEqual(moved.assignee, bob);
        const { users } = await store.stats(TENANT, ['u-alice', 'u-bob'], clock.now(), 2 * HOUR);
        assert.deepEqual(
          [users['u-alice']?.open, users['u-alice']?.count, users['u-bob']?.open, users['u-bob']?.count],
          [0, 1, 1, 1],
        );
        // back to alice: she holds it again, once
        assigned(await assignNow(store, clock, 'c1', alice, { source: 'manual' }));
        const back = await store.stats(TENANT, ['u-alice', 'u-bob'], clock.now(), 2 * HOUR);
        assert.deepEqual([back.users['u-alice']?.open, back.users['u-bob']?.open], [1, 0]);
      });

      it('re-assigning to the same user keeps one open conversation and counts another assignment', async () => {
        const { store, clock } = await open();
        assigned(await assignNow(store, clock, 'c1', alice));
        assigned(await assignNow(store, clock, 'c1', alice, { source: 'continuation' }));
        const stats = await statsOf(store, clock, 'u-alice');
        assert.deepEqual([stats.open, stats.count], [1, 2]);
      });

      it('queues and the pool take nobody’s capacity', async () => {
        const { store, clock } = await open();
        assigned(await assignNow(store, clock, 'c1', alice));
        assigned(await assignNow(store, clock, 'c1', salesQueue));
        assert.equal((await statsOf(store, clock, 'u-alice')).open, 0);
        assigned(await assignNow(store, clock, 'c1', pool));
        assert.equal((await statsOf(store, clock, 'u-alice')).open, 0);
        assert.deepEqual(await store.stats(TENANT, ['q-sales', 'pool'], clock.now(), HOUR), {
          users: {
            'q-sales': { open: 0, recentAssignments: [], count: 0 },
            pool: { open: 0, recentAssignments: [], count: 0 },
          },
        });
      });

      it('counts SLA hops for re-routes only', async () => {
        const { store, clock } = await open();
        const sources: Array<[AssignmentSource, Assignee]> = [
          ['routing', alice],
          ['reroute', bob],
          ['reroute', carol],
          ['manual', alice],
          ['reroute', pool],
          ['claim', bob],
          ['continuation', bob],
        ];
        const hops: number[] = [];
        for (const [source, assignee] of sources) {
          hops.push(assigned(await assignNow(store, clock, 'c1', assignee, { source })).hops);
        }
        assert.deepEqual(hops, [0, 1, 2, 2, 3, 3, 3]);
      });

      it('keeps every user who held the conversation, oldest first, each once', async () => {
        const { store, clock } = await open();
        const holders: string[][] = [];
        for (const assignee of [alice, salesQueue, bob, alice, pool, carol, bob]) {
          holders.push(assigned(await assignNow(store, clock, 'c1', assignee)).holders);
        }
        assert.deepEqual(holders, [
          ['u-alice'],
          ['u-alice'],
          ['u-alice', 'u-bob'],
          ['u-alice', 'u-bob'],
          ['u-alice', 'u-bob'],
          ['u-alice', 'u-bob', 'u-carol'],
          ['u-alice', 'u-bob', 'u-carol'],
        ]);
      });
    });

    describe('history', () => {
      it('lists every assignment as it was made, oldest first, without closes and alerts', async () => {
        const { store, clock } = await open();
        const first = assigned(await assignNow(store, clock, 'c1', alice, { ruleId: 'r1', trace: { n: 1 } }));
        clock.advance(HOUR);
        const second = assigned(
          await assignNow(store, clock, 'c1', pool, { source: 'reroute', ruleId: 'r1', trace: { n: 2 } }),
        );
        clock.advance(25 * HOUR);
        const alerted = assigned(await store.markAlerted('c1', clock.now(), second.version));
        const third = assigned(await assignNow(store, clock, 'c1', bob, { source: 'claim' }));
        const closed = assigned(await store.close('c1', third.version));
        assert.deepEqual(
          [first.version, second.version, alerted.version, third.version, closed.version],
          [1, 2, 3, 4, 5],
        );
        assert.deepEqual(await store.history('c1'), [first, second, third]);
        assert.deepEqual(await store.history('c2'), []);
      });
    });

    describe('the pool', () => {
      it('entering sets poolSince, staying keeps it, leaving clears the pool fields', async () => {
        const { store, clock } = await open();
        assigned(await assignNow(store, clock, 'c1', alice));
        clock.advance(HOUR);
        const entered = assigned(await assignNow(store, clock, 'c1', pool, { source: 'reroute' }));
        const since = clock.now();
        assert.equal(entered.poolSince, since);
        assert.equal(entered.exhaustedHops, undefined);
        assert.equal((await statsOf(store, clock, 'u-alice')).open, 0);
        assert.deepEqual(await store.pool(TENANT), [entered]);

        clock.advance(HOUR);
        const stayed = assigned(
          await assignNow(store, clock, 'c1', pool, { source: 'reroute', exhaustedHops: true }),
        );
        assert.equal(stayed.poolSince, since, 'the pool clock keeps running from the first entry');
        assert.equal(stayed.exhaustedHops, true);
        assert.equal(stayed.at, since + HOUR);
        assert.deepEqual(await store.pool(TENANT), [stayed]);

        clock.advance(HOUR);
        const kept = assigned(await assignNow(store, clock, 'c1', pool, { source: 'routing' }));
        assert.equal(kept.exhaustedHops, true, 'still in the pool because it exhausted its hops');

        const claimed = assigned(await assignNow(store, clock, 'c1', bob, { source: 'claim' }));
        assert.deepEqual(
          [claimed.poolSince, claimed.exhaustedHops, claimed.alertedAt],
          [undefined, undefined, undefined],
        );
        assert.deepEqual(await store.pool(TENANT), []);
        assert.equal((await statsOf(store, clock, 'u-bob')).open, 1);

        clock.advance(HOUR);
        const again = assigned(await assignNow(store, clock, 'c1', pool, { source: 'reroute' }));
        assert.equal(again.poolSince, clock.now(), 're-entering starts a new stay');
        assert.equal(again.exhaustedHops, undefined);
      });

      it('lists the tenant’s open pool items, oldest first', async () => {
        const { store, clock } = await open();
        assigned(await assignNow(store, clock, 'c-late', alice));
        assigned(await assignNow(store, clock, 'c-old', pool));
        clock.advance(1000);
        assigned(await assignNow(store, clock, 'c-b', pool));
        assigned(await assignNow(store, clock, 'c-a', pool));
        clock.advance(1000);
        assigned(await assignNow(store, clock, 'c-late', pool, { source: 'reroute' }));
        // re-assigned to the pool later on: keeps its place
        assigned(await assignNow(store, clock, 'c-old', pool, { source: 'reroute' }));
        assigned(await assignNow(store, clock, 'c-queue', salesQueue));
        const closing = assigned(await assignNow(store, clock, 'c-closed', pool));
        assigned(await store.close('c-closed', closing.version));
        await store.assign({
          tenantId: 'tenant-b',
          conversationId: 'c-elsewhere',
          assignee: pool,
          source: 'routing',
          urgent: false,
          at: clock.now() - 5000,
          expectedVersion: 0,
        });
        const listed = await store.pool(TENANT);
        assert.deepEqual(
          listed.map((a) => a.conversationId),
          ['c-old', 'c-a', 'c-b', 'c-late'],
        );
        assert.deepEqual(await store.get('c-old'), listed[0]);
        assert.deepEqual(
          (await store.pool('tenant-b')).map((a) => a.conversationId),
          ['c-elsewhere'],
        );
      });

      it('the manager is alerted once per stay', async () => {
        const { store, clock } = await open();
        const item = assigned(await assignNow(store, clock, 'c1', pool));
        clock.advance(24 * HOUR);
        const alertAt = clock.now();
        const first = await store.markAlerted('c1', alertAt, item.version);
        assert.deepEqual(first, {
          status: 'assigned',
          assignment: { ...item, alertedAt: alertAt, version: item.version + 1 },
        });
        const alerted = assigned(first);
        // a second sweep that read the same version loses
        assert.deepEqual(await store.markAlerted('c1', alertAt + 1, item.version), {
          status: 'conflict',
          reason: 'version',
          current: alerted,
        });
        // and one that read the alerted item does not alert again
        clock.advance(HOUR);
        assert.deepEqual(await store.markAlerted('c1', clock.now(), alerted.version), {
          status: 'conflict',
          reason: 'version',
          current: alerted,
        });
        assert.deepEqual(await store.get('c1'), alerted);
        // staying in the pool keeps the alert; the alert is in the pool listing
        const stayed = assigned(await assignNow(store, clock, 'c1', pool, { source: 'reroute' }));
        assert.equal(stayed.alertedAt, alertAt);
        assert.deepEqual(await store.pool(TENANT), [stayed]);
        // claimed: no longer alertable, and the next stay may be alerted again
        const claimed = assigned(await assignNow(store, clock, 'c1', alice, { source: 'claim' }));
        assert.equal(claimed.alertedAt, undefined);
        assert.equal((await store.markAlerted('c1', clock.now(), claimed.version)).status, 'conflict');
        const back = assigned(await assignNow(store, clock, 'c1', pool, { source: 'manual' }));
        assert.equal(back.alertedAt, undefined);
        assert.equal(
          assigned(await store.markAlerted('c1', clock.now(), back.version)).alertedAt,
          clock.now(),
        );
        assert.equal((await store.markAlerted('c-none', clock.now(), 0)).status, 'conflict');
      });
    });

    describe('close', () => {
      it('frees the owner’s capacity once; closing again at the current version changes nothing', async () => {
        const { store, clock } = await open();
        assigned(await assignNow(store, clock, 'c1', alice));
        const open2 = assigned(await assignNow(store, clock, 'c2', alice));
        assert.equal((await statsOf(store, clock, 'u-alice')).open, 2);

        const closed = assigned(await store.close('c2', open2.version));
        assert.deepEqual(closed, { ...open2, closed: true, version: open2.version + 1 });
        assert.deepEqual(await store.get('c2'), closed);
        assert.deepEqual(
          [(await statsOf(store, clock, 'u-alice')).open, (await statsOf(store, clock, 'u-alice')).count],
          [1, 2],
        );

        // the pinned idempotency: same version → the closed assignment, unchanged; nothing moves
        assert.deepEqual(await store.close('c2', closed.version), { status: 'assigned', assignment: closed });
        assert.deepEqual(await store.get('c2'), closed);
        assert.equal((await statsOf(store, clock, 'u-alice')).open, 1);
        // a retry with the version read before the close is stale
        assert.deepEqual(await store.close('c2', open2.version), {
          status: 'conflict',
          reason: 'version',
          current: closed,
        });
        assert.equal((await statsOf(store, clock, 'u-alice')).open, 1);
        assert.deepEqual(await store.close('c-none', 0), {
          status: 'conflict',
          reason: 'version',
          current: undefined,
        });
      });

      it('re-assigning a closed conversation reopens it without releasing the former owner again', async () => {
        const { store, clock } = await open();
        const first = assigned(await assignNow(store, clock, 'c1', alice));
        assigned(await store.close('c1', first.version));
        const reopened = assigned(await assignNow(store, clock, 'c1', bob, { source: 'continuation' }));
        assert.equal(reopened.closed, false);
        assert.equal(reopened.version, 3);
        const { users } = await store.stats(TENANT, ['u-alice', 'u-bob'], clock.now(), HOUR);
        assert.deepEqual([users['u-alice']?.open, users['u-bob']?.open], [0, 1]);
        // and back to the same owner after a close: she gets it back as open work
        const closedAgain = assigned(await store.close('c1', reopened.version));
        assigned(await assignNow(store, clock, 'c1', bob, { source: 'continuation' }));
        assert.equal(closedAgain.closed, true);
        assert.equal((await statsOf(store, clock, 'u-bob')).open, 1);
      });

      it('a closed pool item leaves the pool', async () => {
        const { store, clock } = await open();
        const item = assigned(await assignNow(store, clock, 'c1', pool));
        assigned(await store.close('c1', item.version));
        assert.deepEqual(await store.pool(TENANT), []);
        const back = assigned(await assignNow(store, clock, 'c1', pool));
        assert.equal(back.poolSince, clock.now());
        assert.deepEqual(await store.pool(TENANT), [back]);
      });
    });

    describe('stats', () => {
      it('counts assignments inside the window only; lastAssignedAt is the latest', async () => {
        const { store, clock } = await open();
        const t0 = clock.now();
        assigned(await assignNow(store, clock, 'c1', alice));
        clock.advance(HOUR);
        assigned(await assignNow(store, clock, 'c2', alice));
        clock.advance(2 * HOUR);
        assigned(await assignNow(store, clock, 'c3', alice));
        const now = clock.now();
        // t0 is 3 h old: outside a 2 h window; t0 + 1 h is exactly 2 h old: inside
        assert.deepEqual(await statsOf(store, clock, 'u-alice', 2 * HOUR), {
          open: 3,
          lastAssignedAt: now,
          recentAssignments: [t0 + HOUR, now],
          count: 3,
        });
        assert.deepEqual((await statsOf(store, clock, 'u-alice', 4 * HOUR)).recentAssignments, [
          t0,
          t0 + HOUR,
          now,
        ]);
        // the window ends at `now`: asked for an earlier moment, later assignments are not in it
        const earlier = await store.stats(TENANT, ['u-alice'], t0 + HOUR, HOUR);
        assert.deepEqual(earlier.users['u-alice']?.recentAssignments, [t0, t0 + HOUR]);
      });

      it('forgets assignment timestamps older than 24 hours when the user is next assigned', async () => {
        const { store, clock } = await open();
        const t0 = clock.now();
        assigned(await assignNow(store, clock, 'c1', alice));
        clock.advance(25 * HOUR);
        assigned(await assignNow(store, clock, 'c2', alice));
        const stats = await store.stats(TENANT, ['u-alice'], clock.now(), 48 * HOUR);
        assert.deepEqual(stats.users['u-alice']?.recentAssignments, [t0 + 25 * HOUR]);
        assert.equal(stats.users['u-alice']?.count, 2, 'the count is never pruned');
      });

      it('is per tenant, and zero for users never assigned', async () => {
        const { store, clock } = await open();
        assigned(await assignNow(store, clock, 'c1', alice));
        await store.assign({
          tenantId: 'tenant-b',
          conversationId: 'c-b',
          assignee: bob,
          source: 'routing',
          urgent: false,
          at: clock.now(),
          expectedVersion: 0,
        });
        const { users } = await store.stats(TENANT, ['u-alice', 'u-bob', 'u-nobody'], clock.now(), HOUR);
        assert.deepEqual(users, {
          'u-alice': { open: 1, lastAssignedAt: clock.now(), recentAssignments: [clock.now()], count: 1 },
          'u-bob': { open: 0, recentAssignments: [], count: 0 },
          'u-nobody': { open: 0, recentAssignments: [], count: 0 },
        });
        assert.equal((await store.stats('tenant-b', ['u-bob'], clock.now(), HOUR)).users['u-bob']?.open, 1);
      });
    });

    describe('presence', () => {
      it('keeps each user’s latest declaration, per tenant', async () => {
        const { store, clock } = await open();
        assert.deepEqual(await store.presence(TENANT), {});
        const t = clock.now();
        await store.setPresence(TENANT, 'u-alice', 'online', t);
        await store.setPresence(TENANT, 'u-bob', 'away', t);
        await store.setPresence('tenant-b', 'u-alice', 'away', t);
        assert.deepEqual(await store.presence(TENANT), { 'u-alice': 'online', 'u-bob': 'away' });
        await store.setPresence(TENANT, 'u-alice', 'away', t + 1000);
        await store.setPresence(TENANT, 'u-bob', 'online', t + 1000);
        assert.deepEqual(await store.presence(TENANT), { 'u-alice': 'away', 'u-bob': 'online' });
        assert.deepEqual(await store.presence('tenant-b'), { 'u-alice': 'away' });
      });

      it('ignores a declaration older than the one stored', async () => {
        const { store, clock } = await open();
        const t = clock.now();
        await store.setPresence(TENANT, 'u-alice', 'away', t);
        await store.setPresence(TENANT, 'u-alice', 'online', t - 1000);
        assert.deepEqual(await store.presence(TENANT), { 'u-alice': 'away' });
      });
    });

    describe('concurrency', () => {
      it('200 concurrent assigns and closes from two adapters leave every counter exact', async () => {
        const { store, clock, twin } = await open();
        const adapters = [store, await twin()];
        const random = prng(20260302);
        const users = ['u1', 'u2', 'u3', 'u4', 'u5'];
        const assignees: Assignee[] = [
          ...users.map((id): Assignee => ({ kind: 'user', id })),
          pool,
          salesQueue,
        ];
        const sources: AssignmentSource[] = ['routing', 'reroute', 'manual', 'claim', 'continuation'];
        const conversations = Array.from({ length: 12 }, (_, i) => `cc${i}`);
        const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
        const made: Record<string, number> = Object.fromEntries(users.map((u) => [u, 0]));
        let conflicts = 0;

        const ops = Array.from({ length: 200 }, () => ({
          adapter: pick(adapters),
          conversationId: pick(conversations),
          // a third of the operations close
          action:
            random() < 1 / 3 ? ('close' as const) : { assignee: pick(assignees), source: pick(sources) },
        }));

        await Promise.all(
          ops.map(async ({ adapter, conversationId, action }) => {
            for (let attempt = 0; attempt < 1000; attempt++) {
              const current = await adapter.get(conversationId);
              let result: AssignResult;
              if (action === 'close') {
                if (current === undefined || current.closed) return;
                result = await adapter.close(conversationId, current.version);
              } else {
                const { assignee, source } = action;
                const expectedUserCount =
                  assignee.kind === 'user'
                    ? (await adapter.stats(TENANT, [assignee.id], clock.now(), HOUR)).users[assignee.id]
                        ?.count
                    : undefined;
                result = await adapter.assign({
                  tenantId: TENANT,
                  conversationId,
                  assignee,
                  source,
                  urgent: false,
                  at: clock.now(),
                  expectedVersion: current?.version ?? 0,
                  ...(expectedUserCount === undefined ? {} : { expectedUserCount }),
                });
                if (result.status === 'assigned' && assignee.kind === 'user') {
                  made[assignee.id] = (made[assignee.id] ?? 0) + 1;
                }
              }
              if (result.status === 'assigned') return;
              conflicts++;
            }
            assert.fail(`operation on ${conversationId} never got through`);
          }),
        );

        assert.ok(conflicts > 0, 'the operations really raced');
        const finals = await Promise.all(conversations.map((id) => store.get(id)));
        const openByUser: Record<string, number> = Object.fromEntries(users.map((u) => [u, 0]));
        for (const assignment of finals) {
          if (assignment?.assignee.kind === 'user' && !assignment.closed) {
            openByUser[assignment.assignee.id] = (openByUser[assignment.assignee.id] ?? 0) + 1;
          }
        }
        for (const adapter of adapters) {
          const { users: stats } = await adapter.stats(TENANT, users, clock.now(), HOUR);
          for (const user of users) {
            assert.equal(stats[user]?.open, openByUser[user], `open of ${user}`);
            assert.equal(stats[user]?.count, made[user], `count of ${user}`);
          }
        }
        // every version is accounted for: history holds each assignment once, in order
        for (const [i, id] of conversations.entries()) {
          const versions = (await store.history(id)).map((a) => a.version);
          assert.deepEqual(
            versions,
            [...versions].sort((a, b) => a - b),
          );
          assert.equal(new Set(versions).size, versions.length);
          if (finals[i] !== undefined) assert.ok(versions.length > 0);
        }
        const expectedPool = finals.filter((a) => a?.assignee.kind === 'pool' && !a.closed).length;
        assert.equal((await store.pool(TENANT)).length, expectedPool);
      });
    });
  });
}
