// route(): the routing semantics of DESIGN §7, one behaviour per test — the first matching rule decides,
// an exhausted chain goes to the alternates and then the pool (never the next rule), eligibility filters
// in order, the three strategies and their tie-breaks, capacity, continuation with offline transfer, SLA
// re-routes, queues, the explicit pool and business hours — plus the SLA, sweep and pool helpers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Signals } from '../src/model/signals.ts';
import { buildDirectory } from '../src/routing/directory.ts';
import { claimFromPool, managerAlertDue, poolAlertAt, poolManager } from '../src/routing/pool.ts';
import { NO_RULE, type RoutingDecision, route, slaDelayMs, sweepOrder } from '../src/routing/route.ts';
import { type RoutingConfigInput, routingConfigSchema } from '../src/routing/routing-schema.ts';
import type { UserStats } from '../src/routing/select-candidate.ts';
import { type RouteOverrides, routeWith } from './support/route-with.ts';

/** Sunday 2026-11-22 10:00 in Riyadh. */
const at = '2026-11-22T07:00:00.000Z';
const now = new Date(at);
const MINUTE = 60_000;

function signal<T>(value: T) {
  return { value, confidence: 0.9, source: 'rule' as const, at };
}

const acRepairJeddah: Signals = {
  serviceType: signal('ac_repair'),
  location: signal({ areaId: 'jeddah' }),
  language: signal('ar'),
  intent: signal('book'),
};

function run(config: RoutingConfigInput, overrides: RouteOverrides = {}): RoutingDecision {
  return routeWith(config, now, overrides);
}

function assigned(decision: RoutingDecision): string {
  return `${decision.assignee.kind}:${decision.assignee.id}`;
}

function candidates(decision: RoutingDecision, step = 0): string[] {
  return (decision.trace.steps[step]?.candidates ?? []).map(
    (c) => `${c.userId}:${c.outcome}${c.reason ? `:${c.reason}` : ''}`,
  );
}

const team = (
  ids: string[],
  group: Record<string, unknown> = {},
  extra: Partial<RoutingConfigInput> = {},
): RoutingConfigInput => ({
  timezone: 'Asia/Riyadh',
  users: ids.map((id) => ({ id, groups: ['team'] })),
  groups: [{ id: 'team', ...group }],
  rules: [{ id: 'to-team', targets: [{ group: 'team' }] }],
  ...extra,
});

describe('route: rules', () => {
  it('with no rules, a new customer goes to the pool through the default chain', () => {
    const decision = run({});
    assert.equal(assigned(decision), 'pool:pool');
    assert.deepEqual([decision.ruleId, decision.via, decision.targetIndex], ['default', 'rule', 1]);
    assert.deepEqual(
      decision.trace.steps.map((step) => [step.target, step.outcome, step.note]),
      [
        ['recordOwner', 'skipped', 'no existing owner'],
        ['unassigned', 'chosen', 'explicit unassigned: to the pool'],
      ],
    );
    assert.equal(decision.slaMs, undefined);
  });

  it('with no rules, a returning customer goes to their owner', () => {
    const decision = run(
      { users: [{ id: '101', name: 'Sara' }] },
      { conversation: { id: 'c1', returning: true, existingOwner: { ownerId: '101', kind: 'lead' } } },
    );
    assert.deepEqual(decision.assignee, { kind: 'user', id: '101', name: 'Sara' });
    assert.deepEqual([decision.ruleId, decision.via, decision.targetIndex], ['default', 'rule', 0]);
    assert.equal(decision.slaMs, 5 * MINUTE);
  });

  const conditionCases: Array<[string, Record<string, unknown>, RouteOverrides, string]> = [
    ['serviceType', { serviceType: ['plumbing'] }, { signals: acRepairJeddah }, 'serviceType'],
    ['serviceType when no service was captured', { serviceType: ['ac_repair'] }, {}, 'serviceType'],
    ['area', { area: ['riyadh'] }, { signals: acRepairJeddah }, 'area'],
    ['urgency (no urgency signal counts as normal)', { urgency: ['urgent'] }, {}, 'urgency'],
    ['language', { language: ['en'] }, { signals: acRepairJeddah }, 'language'],
    ['intent', { intent: ['pricing'] }, { signals: acRepairJeddah }, 'intent'],
    ['decision', { decision: ['inquiry'] }, { decision: 'lead' }, 'decision'],
    ['customer: returning', { customer: 'returning' }, {}, 'customer'],
    ['customer: new', { customer: 'new' }, { conversation: { id: 'c', returning: true } }, 'customer'],
    ['businessHours: false inside hours', { businessHours: false }, {}, 'businessHours'],
    [
      'businessHours: true outside hours',
      { businessHours: true },
      { now: new Date('2026-11-22T16:00:00Z') },
      'businessHours',
    ],
  ];
  for (const [name, when, overrides, failed] of conditionCases) {
    it(`a rule whose ${name} condition fails is skipped, naming it`, () => {
      const decision = run(
        {
          timezone: 'Asia/Riyadh',
          businessHours: { sun: ['09:00-18:00'] },
          queues: [{ id: 'q', crmId: 'Q' }],
          rules: [
            { id: 'first', when, targets: [{ queue: 'q' }] },
            { id: 'catch', targets: [{ unassigned: true }] },
          ],
        },
        overrides,
      );
      assert.equal(decision.ruleId, 'catch');
      assert.deepEqual(decision.trace.rulesSkipped, [{ rule: 'first', failed }]);
    });
  }

  it('a rule whose every condition holds decides', () => {
    const decision = run(
      {
        timezone: 'Asia/Riyadh',
        businessHours: { sun: ['09:00-18:00'] },
        queues: [{ id: 'q', crmId: 'Q' }],
        rules: [
          {
            id: 'all',
            when: {
              serviceType: ['ac_repair'],
              area: ['jeddah'],
              urgency: ['urgent'],
              language: ['ar'],
              intent: ['book'],
              decision: ['lead'],
              customer: 'returning',
              businessHours: true,
            },
            targets: [{ queue: 'q' }],
          },
        ],
      },
      {
        signals: { ...acRepairJeddah, urgency: signal('urgent' as const) },
        conversation: { id: 'c', returning: true },
      },
    );
    assert.deepEqual([decision.ruleId, assigned(decision), decision.urgent], ['all', 'queue:Q', true]);
    assert.deepEqual(decision.trace.rulesSkipped, []);
  });

  const chainConfig: RoutingConfigInput = {
    admin: '100',
    users: [{ id: '100' }, { id: '101', groups: ['night'] }, { id: '102' }],
    groups: [{ id: 'night' }],
    rules: [
      { id: 'urgent', when: { urgency: ['urgent'] }, targets: [{ group: 'night' }] },
      { id: 'rest', targets: [{ user: '102' }] },
    ],
    alternates: [{ user: '100' }],
  };
  const urgentSignals: Signals = { urgency: signal('urgent' as const) };

  it('when the whole chain finds nobody, the alternates are tried — not the next rule', () => {
    const decision = run(chainConfig, { signals: urgentSignals, presence: { '101': 'away' } });
    assert.equal(assigned(decision), 'user:100');
    assert.deepEqual([decision.ruleId, decision.via, decision.targetIndex], ['urgent', 'alternate', 0]);
    assert.deepEqual(
      decision.trace.steps.map((step) => [step.stage, step.target, step.outcome]),
      [
        ['rule', 'group:night', 'nobody'],
        ['alternate', 'user:100', 'chosen'],
      ],
    );
    assert.deepEqual(candidates(decision), ['101:skipped:offline']);
  });

  it('online-only with everyone offline: alternates, then the pool — the next rule never runs', () => {
    const decision = run(chainConfig, {
      signals: urgentSignals,
      presence: { '100': 'away', '101': 'away' },
    });
    assert.equal(assigned(decision), 'pool:pool');
    assert.deepEqual([decision.ruleId, decision.via, decision.targetIndex], ['urgent', 'pool', undefined]);
    assert.ok(decision.trace.steps.every((step) => step.target !== 'user:102'));
    assert.equal(decision.slaMs, undefined);
  });

  it('CRM presence counts: nobody online in the CRM means nobody online', () => {
    const decision = run(chainConfig, { signals: urgentSignals, crmOnline: new Set() });
    assert.deepEqual([assigned(decision), decision.via], ['pool:pool', 'pool']);
    assert.deepEqual(candidates(decision), ['101:skipped:offline']);
  });

  it('when no rule matches, the alternates and then the pool apply', () => {
    const config = { ...chainConfig, rules: [chainConfig.rules![0]!] };
    assert.deepEqual(
      [assigned(run(config)), run(config).ruleId, run(config).via],
      ['user:100', NO_RULE, 'alternate'],
    );
  });
});

describe('route: eligibility', () => {
  it('filters apply in order: active, then available, then capacity, then matching', () => {
    const decision = run(
      {
        timezone: 'Asia/Riyadh',
        users: [
          { id: 'a', groups: ['team'], active: false, maxOpen: 0, skills: [] },
          { id: 'b', groups: ['team'], maxOpen: 0, skills: [] },
          { id: 'c', groups: ['team'], maxOpen: 1, skills: [] },
          { id: 'd', groups: ['team'], skills: [] },
          { id: 'e', groups: ['team'], skills: ['hvac'] },
        ],
        groups: [{ id: 'team', matchSkills: true }],
        rules: [{ id: 'r', targets: [{ group: 'team' }] }],
      },
      {
        presence: { a: 'away', b: 'away' },
        signals: acRepairJeddah,
        serviceSkills: { ac_repair: ['hvac'] },
      },
    );
    assert.equal(assigned(decision), 'user:e');
    assert.deepEqual(candidates(decision), [
      'a:skipped:inactive',
      'b:skipped:offline',
      'c:skipped:skill_mismatch',
      'd:skipped:skill_mismatch',
      'e:chosen',
    ]);
  });

  it('a group that is not online-only assigns members who are offline, never inactive ones', () => {
    const decision = run(
      {
        users: [
          { id: 'a', groups: ['team'], active: false },
          { id: 'b', groups: ['team'] },
        ],
        groups: [{ id: 'team', onlineOnly: false }],
        rules: [{ id: 'r', targets: [{ group: 'team' }] }],
      },
      { presence: { a: 'away', b: 'away' } },
    );
    assert.equal(assigned(decision), 'user:b');
    assert.deepEqual(candidates(decision), ['a:skipped:inactive', 'b:chosen']);
  });

  it('declaring online outside working hours still counts as offline', () => {
    const decision = run(
      {
        timezone: 'Asia/Riyadh',
        users: [
          { id: 'a', groups: ['team'], hours: { days: { mon: ['09:00-17:00'] } } },
          { id: 'b', groups: ['team'], hours: { days: { sun: ['09:00-17:00'] } } },
        ],
        groups: [{ id: 'team' }],
        rules: [{ id: 'r', targets: [{ group: 'team' }] }],
      },
      { presence: { a: 'online' } },
    );
    assert.deepEqual(candidates(decision), ['a:skipped:offline', 'b:chosen']);
  });

  it('a user target needs the user active and available', () => {
    const config: RoutingConfigInput = {
      users: [{ id: '101' }, { id: '102', active: false }],
      rules: [{ id: 'r', targets: [{ user: '101' }, { user: '102' }, { unassigned: true }] }],
    };
    const decision = run(config, { presence: { '101': 'away' } });
    assert.deepEqual([assigned(decision), decision.targetIndex], ['pool:pool', 2]);
    assert.deepEqual(
      decision.trace.steps.map((step) => step.candidates[0]?.reason),
      ['offline', 'inactive', undefined],
    );
  });
});

function statsOf(entries: Record<string, Partial<UserStats>>): Record<string, UserStats> {
  return Object.fromEntries(
    Object.entries(entries).map(([id, stats]) => [id, { open: 0, recentAssignments: [], ...stats }]),
  );
}

const ago = (minutes: number) => now.getTime() - minutes * MINUTE;

describe('route: least_active', () => {
  const cases: Array<[string, Record<string, Partial<UserStats>>, string]> = [
    [
      'an assignment 2 h 01 ago does not count; one 1 h 59 ago does',
      {
        a: { recentAssignments: [ago(121)], lastAssignedAt: ago(121) },
        b: { recentAssignments: [ago(119)] },
      },
      'a',
    ],
    [
      'an assignment exactly 2 h ago still counts',
      {
        a: { recentAssignments: [ago(120), ago(60)], lastAssignedAt: ago(60) },
        b: { recentAssignments: [ago(5)], lastAssignedAt: ago(5) },
      },
      'b',
    ],
    [
      'fewest assignments in the window wins over recency',
      {
        a: { recentAssignments: [ago(100), ago(90)], lastAssignedAt: ago(90) },
        b: { recentAssignments: [ago(5)], lastAssignedAt: ago(5) },
      },
      'b',
    ],
    [
      'a tie goes to the least recently assigned',
      {
        a: { recentAssignments: [ago(30)], lastAssignedAt: ago(30) },
        b: { recentAssignments: [ago(60)], lastAssignedAt: ago(60) },
      },
      'b',
    ],
    [
      'a user never assigned counts as least recent',
      { a: { recentAssignments: [ago(200)], lastAssignedAt: ago(200) }, b: {} },
      'b',
    ],
    ['remaining ties go to the user id, alphabetically', { b: {}, a: {} }, 'a'],
  ];
  for (const [name, stats, expected] of cases) {
    it(name, () => {
      const decision = run(team(Object.keys(stats), { strategy: 'least_active' }), {
        stats: { users: statsOf(stats) },
      });
      assert.equal(assigned(decision), `user:${expected}`);
    });
  }

  it('the window is configurable', () => {
    const stats = {
      a: { recentAssignments: [ago(45)], lastAssignedAt: ago(45) },
      b: { lastAssignedAt: ago(10) },
    };
    const config = (minutes: number) =>
      team(['a', 'b'], { strategy: 'least_active' }, { leastActiveWindowMinutes: minutes });
    assert.equal(assigned(run(config(30), { stats: { users: statsOf(stats) } })), 'user:a');
    assert.equal(assigned(run(config(60), { stats: { users: statsOf(stats) } })), 'user:b');
  });

  it('ids tie alphabetically, not numerically', () => {
    const decision = run(team(['u2', 'u10'], { strategy: 'least_active' }));
    assert.equal(assigned(decision), 'user:u10');
  });
});

describe('route: round_robin and balanced', () => {
  it('a burst in one millisecond still goes round: same-moment ties go to the fewest assignments', () => {
    const routing = routingConfigSchema.parse(team(['amal', 'badr', 'chen']));
    const directory = buildDirectory(undefined, routing);
    const stats: Record<string, UserStats> = {};
    const counts = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const decision = route({
        conversation: { id: `burst${i}`, returning: false },
        signals: {},
        decision: 'lead',
        directory,
        presence: {},
        stats: { users: stats },
        routing,
        now, // every lead in the same millisecond
      });
      const id = decision.assignee.id;
      const previous = stats[id] ?? { open: 0, recentAssignments: [], count: 0 };
      stats[id] = {
        open: previous.open + 1,
        lastAssignedAt: now.getTime(),
        recentAssignments: [...previous.recentAssignments, now.getTime()],
        count: (previous.count ?? 0) + 1,
      };
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    assert.deepEqual(Object.fromEntries(counts), { amal: 100, badr: 100, chen: 100 });
  });

  function distribute(strategy: string, userIds: string[], rounds: number): Map<string, number> {
    const routing = routingConfigSchema.parse(team(userIds, { strategy }));
    const directory = buildDirectory(undefined, routing);
    const stats: Record<string, UserStats> = {};
    const counts = new Map<string, number>();
    let clock = now.getTime();
    for (let i = 0; i < rounds; i++) {
      const decision = route({
        conversation: { id: `c${i}`, returning: false },
        signals: {},
        decision: 'lead',
        directory,
        presence: {},
        stats: { users: stats },
        routing,
        now: new Date(clock),
      });
      const id = decision.assignee.id;
      const previous = stats[id] ?? { open: 0, recentAssignments: [] };
      stats[id] = {
        open: previous.open + 1,
        lastAssignedAt: clock,
        recentAssignments: [...previous.recentAssignments, clock],
      };
      counts.set(id, (counts.get(id) ?? 0) + 1);
      clock += 7_000;
    }
    return counts;
  }

  const users = ['amal', 'bo', 'carla', 'd', 'eduardo', 'fi', 'ghassan'];

  it('round robin over 1,000 assignments gives each of 7 users 142 or 143', () => {
    const counts = distribute('round_robin', users, 1000);
    assert.deepEqual([...counts.keys()].sort(), users);
    const values = [...counts.values()];
    assert.equal(
      values.reduce((sum, n) => sum + n, 0),
      1000,
    );
    assert.ok(Math.max(...values) - Math.min(...values) <= 1, JSON.stringify([...counts]));
  });

  it('round robin serves the never-assigned first, in id order, then the least recently assigned', () => {
    const decision = run(team(['a', 'b', 'c']), {
      stats: { users: statsOf({ a: { lastAssignedAt: ago(1) }, c: { lastAssignedAt: ago(2) } }) },
    });
    assert.equal(assigned(decision), 'user:b');
    const next = run(team(['a', 'b', 'c']), {
      stats: {
        users: statsOf({
          a: { lastAssignedAt: ago(1) },
          b: { lastAssignedAt: ago(3) },
          c: { lastAssignedAt: ago(2) },
        }),
      },
    });
    assert.equal(assigned(next), 'user:b');
    assert.deepEqual(candidates(next), ['a:eligible', 'b:chosen', 'c:eligible']);
  });

  it('least_active and balanced are fair too when their stats are fed back', () => {
    for (const strategy of ['least_active', 'balanced']) {
      const values = [...distribute(strategy, users, 700).values()];
      assert.deepEqual(values, [100, 100, 100, 100, 100, 100, 100], strategy);
    }
  });

  const balancedCases: Array<[string, Record<string, Partial<UserStats>>, string]> = [
    ['fewest open wins', { a: { open: 3 }, b: { open: 1, lastAssignedAt: ago(1) } }, 'b'],
    [
      'a tie goes to the least recently assigned',
      { a: { open: 2, lastAssignedAt: ago(1) }, b: { open: 2, lastAssignedAt: ago(50) } },
      'b',
    ],
    ['then to the user id', { b: { open: 1 }, a: { open: 1 } }, 'a'],
  ];
  for (const [name, stats, expected] of balancedCases) {
    it(`balanced: ${name}`, () => {
      const decision = run(team(Object.keys(stats), { strategy: 'balanced' }), {
        stats: { users: statsOf(stats) },
      });
      assert.equal(assigned(decision), `user:${expected}`);
    });
  }
});

describe('route: capacity', () => {
  const config: RoutingConfigInput = {
    admin: 'boss',
    users: [
      { id: 'a', groups: ['team'], maxOpen: 2 },
      { id: 'b', groups: ['team'], maxOpen: 3 },
      { id: 'boss', maxOpen: 1 },
    ],
    groups: [{ id: 'team' }],
    rules: [
      { id: 'owner', when: { customer: 'returning' }, targets: [{ recordOwner: {} }] },
      { id: 'r', targets: [{ group: 'team' }, { admin: true }] },
    ],
  };

  it('a member at maxOpen is skipped', () => {
    const decision = run(config, { stats: { users: statsOf({ a: { open: 2 }, b: { open: 2 } }) } });
    assert.equal(assigned(decision), 'user:b');
    assert.deepEqual(candidates(decision), ['a:skipped:at_capacity', 'b:chosen']);
  });

  it('a member below maxOpen is eligible', () => {
    const decision = run(config, {
      stats: { users: statsOf({ a: { open: 1 }, b: { open: 0, lastAssignedAt: ago(1) } }) },
    });
    assert.equal(assigned(decision), 'user:a');
  });

  it('the admin target ignores capacity', () => {
    const decision = run(config, {
      stats: { users: statsOf({ a: { open: 2 }, b: { open: 3 }, boss: { open: 9 } }) },
    });
    assert.deepEqual([assigned(decision), decision.targetIndex], ['user:boss', 1]);
  });

  it('continuation to the existing owner ignores capacity', () => {
    const decision = run(config, {
      conversation: { id: 'c', returning: true, existingOwner: { ownerId: 'a', kind: 'contact' } },
      stats: { users: statsOf({ a: { open: 40 } }) },
    });
    assert.deepEqual([assigned(decision), decision.ruleId], ['user:a', 'owner']);
  });
});

describe('route: skills, areas and languages', () => {
  const config = (group: Record<string, unknown>): RoutingConfigInput => ({
    users: [
      { id: 'a', groups: ['team'], skills: ['plumbing'], areas: ['riyadh'], languages: ['en'] },
      {
        id: 'b',
        groups: ['team'],
        skills: ['hvac', 'plumbing'],
        areas: ['jeddah', 'mecca'],
        languages: ['ar'],
      },
    ],
    groups: [{ id: 'team', ...group }],
    rules: [{ id: 'r', targets: [{ group: 'team' }] }],
  });
  const skills = { ac_repair: ['hvac'], deep_cleaning: ['cleaning'] };
  const first = { stats: { users: statsOf({ b: { lastAssignedAt: ago(1) } }) } };

  const cases: Array<[string, Record<string, unknown>, RouteOverrides, string[]]> = [
    ['without matching, round robin picks a', {}, { signals: acRepairJeddah }, ['a:chosen', 'b:eligible']],
    [
      'matchSkills keeps those with every skill of the service',
      { matchSkills: true },
      { signals: acRepairJeddah, serviceSkills: skills },
      ['a:skipped:skill_mismatch', 'b:chosen'],
    ],
    [
      'matchAreas keeps those covering the area',
      { matchAreas: true },
      { signals: acRepairJeddah },
      ['a:skipped:area_mismatch', 'b:chosen'],
    ],
    [
      'matchLanguage keeps those speaking the language',
      { matchLanguage: true },
      { signals: acRepairJeddah },
      ['a:skipped:language_mismatch', 'b:chosen'],
    ],
    [
      'a service nobody has the skills for finds nobody',
      { matchSkills: true },
      { signals: { serviceType: signal('deep_cleaning') }, serviceSkills: skills },
      ['a:skipped:skill_mismatch', 'b:skipped:skill_mismatch'],
    ],
    [
      'an unknown service, area or language does not filter',
      { matchSkills: true, matchAreas: true, matchLanguage: true },
      { serviceSkills: skills },
      ['a:chosen', 'b:eligible'],
    ],
  ];
  for (const [name, group, overrides, expected] of cases) {
    it(name, () => {
      assert.deepEqual(candidates(run(config(group), { ...first, ...overrides })), expected);
    });
  }
});

describe('route: continuation', () => {
  const config: RoutingConfigInput = {
    timezone: 'Asia/Riyadh',
    users: [
      { id: 'owner', name: 'Olivia' },
      { id: 'opp' },
      { id: 'gone', active: false },
      { id: 'mate', groups: ['team'] },
      { id: 'sub' },
    ],
    groups: [{ id: 'team' }],
    rules: [
      {
        id: 'returning',
        when: { customer: 'returning' },
        targets: [{ recordOwner: { offlineTransfer: { group: 'team' } } }, { user: 'sub' }],
      },
      { id: 'new', targets: [{ unassigned: true }] },
    ],
  };
  const returning = (...owners: Array<[string, 'lead' | 'contact' | 'opportunity']>): RouteOverrides => ({
    conversation: {
      id: 'c',
      returning: true,
      existingOwners: owners.map(([ownerId, kind]) => ({ ownerId, kind })),
    },
  });

  it('a returning customer goes to their available owner', () => {
    const decision = run(config, returning(['owner', 'lead']));
    assert.deepEqual(decision.assignee, { kind: 'user', id: 'owner', name: 'Olivia' });
    assert.equal(decision.trace.steps[0]?.note, 'lead owner');
  });

  it('the opportunity owner comes first when an open opportunity exists', () => {
    const decision = run(config, returning(['owner', 'contact'], ['opp', 'opportunity']));
    assert.equal(assigned(decision), 'user:opp');
    assert.equal(decision.trace.steps[0]?.note, 'opportunity owner');
  });

  it('an offline owner: the offline-owner transfer applies', () => {
    const decision = run(config, { ...returning(['owner', 'lead']), presence: { owner: 'away' } });
    assert.deepEqual([assigned(decision), decision.targetIndex], ['user:mate', 0]);
    assert.deepEqual(
      decision.trace.steps.map((step) => [step.target, step.outcome]),
      [
        ['recordOwner', 'nobody'],
        ['offlineTransfer:group:team', 'chosen'],
      ],
    );
    assert.deepEqual(candidates(decision), ['owner:skipped:offline']);
  });

  it('an offline transfer to a user', () => {
    const toUser = structuredClone(config);
    toUser.rules![0]!.targets[0] = { recordOwner: { offlineTransfer: { user: 'sub' } } };
    const decision = run(toUser, { ...returning(['owner', 'lead']), presence: { owner: 'away' } });
    assert.deepEqual(
      [assigned(decision), decision.trace.steps[1]?.target],
      ['user:sub', 'offlineTransfer:user:sub'],
    );
  });

  it('an offline owner whose transfer finds nobody: the chain moves on', () => {
    const decision = run(config, {
      ...returning(['owner', 'lead']),
      presence: { owner: 'away', mate: 'away' },
    });
    assert.deepEqual([assigned(decision), decision.targetIndex], ['user:sub', 1]);
  });

  it('an offline owner without a transfer: the chain moves on', () => {
    const plain = structuredClone(config);
    plain.rules![0]!.targets[0] = { recordOwner: {} };
    const decision = run(plain, { ...returning(['owner', 'lead']), presence: { owner: 'away' } });
    assert.deepEqual([assigned(decision), decision.targetIndex], ['user:sub', 1]);
    assert.match(decision.trace.steps[0]?.note ?? '', /no offline transfer/);
  });

  it('an inactive owner: the chain moves on to its next target, without the offline transfer', () => {
    const decision = run(config, returning(['gone', 'lead']));
    assert.deepEqual([assigned(decision), decision.targetIndex], ['user:sub', 1]);
    assert.deepEqual(candidates(decision), ['gone:skipped:inactive']);
    assert.ok(decision.trace.steps.every((step) => !step.target.startsWith('offlineTransfer')));
  });

  it('a missing owner: the chain moves on to its next target', () => {
    const decision = run(config, returning(['left-the-company', 'lead']));
    assert.deepEqual([assigned(decision), decision.targetIndex], ['user:sub', 1]);
    assert.deepEqual(candidates(decision), ['left-the-company:skipped:missing']);
  });

  it('an inactive opportunity owner falls back to the lead owner', () => {
    const decision = run(config, returning(['owner', 'lead'], ['gone', 'opportunity']));
    assert.equal(assigned(decision), 'user:owner');
    assert.deepEqual(candidates(decision), ['gone:skipped:inactive', 'owner:chosen']);
  });

  it('a returning customer without an owner record moves on', () => {
    const decision = run(config, { conversation: { id: 'c', returning: true } });
    assert.deepEqual([assigned(decision), decision.trace.steps[0]?.outcome], ['user:sub', 'skipped']);
  });
});

describe('route: SLA re-route', () => {
  const config: RoutingConfigInput = {
    timezone: 'Asia/Riyadh',
    businessHours: { sun: ['09:00-18:00'] },
    users: [
      { id: 'a', groups: ['team'] },
      { id: 'b', groups: ['team'] },
      { id: 'c', groups: ['team'] },
    ],
    groups: [{ id: 'team' }],
    rules: [
      { id: 'day', when: { businessHours: true }, targets: [{ group: 'team' }] },
      { id: 'night', targets: [{ unassigned: true }] },
    ],
    sla: { maxHops: 2 },
  };

  it('the same rule is evaluated again, excluding everyone who already held the conversation', () => {
    const decision = run(config, { ruleId: 'day', exclude: ['a'], hops: 0 });
    assert.deepEqual([assigned(decision), decision.ruleId], ['user:b', 'day']);
    assert.deepEqual(candidates(decision), ['a:skipped:excluded', 'b:chosen', 'c:eligible']);
    assert.equal(decision.slaMs, 5 * MINUTE);
  });

  it('a re-route keeps the rule even if its conditions no longer hold', () => {
    const evening = new Date('2026-11-22T16:00:00Z');
    assert.equal(run(config, { now: evening }).ruleId, 'night');
    const decision = run(config, { now: evening, ruleId: 'day', exclude: ['a', 'b'], hops: 1 });
    assert.deepEqual([assigned(decision), decision.ruleId], ['user:c', 'day']);
  });

  it('with everyone excluded the conversation goes to the pool', () => {
    const decision = run(config, { ruleId: 'day', exclude: ['a', 'b', 'c'], hops: 1 });
    assert.deepEqual([assigned(decision), decision.via], ['pool:pool', 'pool']);
  });

  it('at maxHops re-routes the conversation goes to the pool, marked as exhausted', () => {
    const decision = run(config, { ruleId: 'day', exclude: ['a', 'b'], hops: 2 });
    assert.deepEqual([assigned(decision), decision.via, decision.exhaustedHops], ['pool:pool', 'pool', true]);
    assert.equal(decision.slaMs, undefined);
    assert.equal(run(config, { ruleId: 'day', exclude: ['a'], hops: 1 }).exhaustedHops, undefined);
  });

  it('a re-route of a rule that no longer exists matches the rules again', () => {
    const decision = run(config, { ruleId: 'deleted', exclude: ['a'] });
    assert.deepEqual([assigned(decision), decision.ruleId], ['user:b', 'day']);
  });
});

describe('route: queues, the pool and the admin', () => {
  const config: RoutingConfigInput = {
    admin: 'boss',
    users: [{ id: 'boss', name: 'Bashir' }, { id: 'a' }],
    queues: [{ id: 'support', name: 'Support', crmId: '00G5e000001' }],
    rules: [{ id: 'r', targets: [{ queue: 'support' }, { user: 'a' }] }],
  };

  it('a queue target always yields, even with nobody online, and gets no SLA', () => {
    const decision = run(config, { presence: { boss: 'away', a: 'away' }, crmOnline: new Set() });
    assert.deepEqual(decision.assignee, { kind: 'queue', id: '00G5e000001', name: 'Support' });
    assert.deepEqual([decision.via, decision.targetIndex, decision.slaMs], ['rule', 0, undefined]);
    assert.equal(decision.trace.steps.length, 1);
  });

  it('an explicit unassigned target sends to the pool at once; later targets never run', () => {
    const decision = run({
      users: [{ id: 'a' }],
      rules: [{ id: 'r', targets: [{ unassigned: true }, { user: 'a' }] }],
      alternates: [{ user: 'a' }],
    });
    assert.deepEqual([assigned(decision), decision.via, decision.targetIndex], ['pool:pool', 'rule', 0]);
    assert.deepEqual(
      decision.trace.steps.map((step) => step.target),
      ['unassigned'],
    );
  });

  it('the admin target needs the admin available', () => {
    const adminConfig: RoutingConfigInput = { ...config, rules: [{ id: 'r', targets: [{ admin: true }] }] };
    assert.deepEqual(run(adminConfig).assignee, { kind: 'user', id: 'boss', name: 'Bashir' });
    assert.equal(assigned(run(adminConfig, { presence: { boss: 'away' } })), 'pool:pool');
  });

  it('onlineOnly: false on an admin or user target reaches the person while unavailable', () => {
    const away = { presence: { boss: 'away' as const, a: 'away' as const } };
    const admin = run(
      { ...config, rules: [{ id: 'r', targets: [{ admin: true, onlineOnly: false }] }] },
      away,
    );
    assert.equal(assigned(admin), 'user:boss');
    const user = run({ ...config, rules: [{ id: 'r', targets: [{ user: 'a', onlineOnly: false }] }] }, away);
    assert.equal(assigned(user), 'user:a');
  });

  it('respectCapacity: the admin target ignores capacity unless set; a user target respects it unless unset', () => {
    const full = {
      stats: { users: { boss: { open: 1, recentAssignments: [] }, a: { open: 1, recentAssignments: [] } } },
    };
    const users = [
      { id: 'boss', maxOpen: 1 },
      { id: 'a', maxOpen: 1 },
    ];
    const admin = (respectCapacity?: boolean) =>
      assigned(
        run(
          {
            admin: 'boss',
            users,
            rules: [
              {
                id: 'r',
                targets: [{ admin: true, ...(respectCapacity === undefined ? {} : { respectCapacity }) }],
              },
            ],
          },
          full,
        ),
      );
    assert.deepEqual([admin(), admin(true)], ['user:boss', 'pool:pool']);
    const user = (respectCapacity?: boolean) =>
      assigned(
        run(
          {
            users,
            rules: [
              {
                id: 'r',
                targets: [{ user: 'a', ...(respectCapacity === undefined ? {} : { respectCapacity }) }],
              },
            ],
          },
          full,
        ),
      );
    assert.deepEqual([user(), user(false)], ['pool:pool', 'user:a']);
  });
});

describe('route: business hours', () => {
  const config: RoutingConfigInput = {
    timezone: 'Asia/Riyadh',
    businessHours: { sat: ['09:00-17:00'], thu: ['20:00-02:00'] },
    queues: [
      { id: 'day', crmId: 'DAY' },
      { id: 'night', crmId: 'NIGHT' },
    ],
    rules: [
      { id: 'open', when: { businessHours: true }, targets: [{ queue: 'day' }] },
      { id: 'closed', targets: [{ queue: 'night' }] },
    ],
  };
  const cases: Array<[string, string, string | undefined, string]> = [
    ['Sat 10:00 Riyadh is open', '2026-11-21T07:00:00Z', undefined, 'open'],
    ['Sat 17:00 Riyadh is closed', '2026-11-21T14:00:00Z', undefined, 'closed'],
    ['Thu 23:30 Riyadh is open (overnight range)', '2026-11-19T20:30:00Z', undefined, 'open'],
    ['Fri 01:30 Riyadh belongs to Thursday night, open', '2026-11-19T22:30:00Z', undefined, 'open'],
    ['Fri 02:00 Riyadh is closed', '2026-11-19T23:00:00Z', undefined, 'closed'],
    [
      'the same instant read in São Paulo (Thu 19:30) is closed',
      '2026-11-19T22:30:00Z',
      'America/Sao_Paulo',
      'closed',
    ],
    ['Sat 09:30 in Paris (CET) is open', '2026-01-03T08:30:00Z', 'Europe/Paris', 'open'],
    ['Sat 08:30 in Paris (CEST) is closed', '2026-07-04T06:30:00Z', 'Europe/Paris', 'closed'],
    ['Sat 09:30 in Paris (CEST) is open', '2026-07-04T07:30:00Z', 'Europe/Paris', 'open'],
  ];
  for (const [name, instant, zone, rule] of cases) {
    it(name, () => {
      const decision = run(zone ? { ...config, timezone: zone } : config, { now: new Date(instant) });
      assert.equal(decision.ruleId, rule);
    });
  }
});

describe('SLA timing', () => {
  const routing = routingConfigSchema.parse({ sla: { minutes: 7, byUrgency: { urgent: 2 } } });

  it('slaDelayMs: the per-urgency override, else the default minutes', () => {
    assert.equal(slaDelayMs(routing, true), 2 * MINUTE);
    assert.equal(slaDelayMs(routing, false), 7 * MINUTE);
    assert.equal(slaDelayMs(routingConfigSchema.parse({}), true), 5 * MINUTE);
  });

  it('a routed user assignment carries the per-urgency SLA', () => {
    const decision = route({
      conversation: { id: 'c', returning: false },
      signals: { urgency: signal('urgent' as const) },
      decision: 'lead',
      directory: buildDirectory(undefined, { ...routing, users: [{ id: 'a' }] }),
      presence: {},
      stats: { users: {} },
      routing: { ...routing, rules: [{ id: 'r', when: {}, targets: [{ user: 'a' }] }] },
      now,
    });
    assert.deepEqual([assigned(decision), decision.urgent, decision.slaMs], ['user:a', true, 2 * MINUTE]);
  });
});

describe('the pool', () => {
  it('sweepOrder: urgent first, then longest waiting; items that exhausted their hops are not re-offered', () => {
    const items = [
      { conversationId: 'normal-old', urgent: false, enteredPoolAt: 1_000, exhaustedHops: false },
      { conversationId: 'urgent-new', urgent: true, enteredPoolAt: 5_000, exhaustedHops: false },
      { conversationId: 'urgent-exhausted', urgent: true, enteredPoolAt: 500, exhaustedHops: true },
      { conversationId: 'normal-new', urgent: false, enteredPoolAt: 9_000, exhaustedHops: false },
      { conversationId: 'urgent-old', urgent: true, enteredPoolAt: 2_000, exhaustedHops: false },
    ];
    assert.deepEqual(
      sweepOrder(items).map((item) => item.conversationId),
      ['urgent-old', 'urgent-new', 'normal-old', 'normal-new'],
    );
  });

  it('the manager alert counts from entering the pool and fires once', () => {
    const routing = routingConfigSchema.parse({
      users: [{ id: 'm' }],
      pool: { alertAfterHours: 24, manager: 'm' },
    });
    const entered = Date.parse('2026-11-20T10:00:00Z');
    assert.equal(poolAlertAt(routing, entered), Date.parse('2026-11-21T10:00:00Z'));
    assert.equal(managerAlertDue(routing, { enteredPoolAt: entered }, entered + 24 * 3_600_000 - 1), false);
    assert.equal(managerAlertDue(routing, { enteredPoolAt: entered }, entered + 24 * 3_600_000), true);
    assert.equal(
      managerAlertDue(
        routing,
        { enteredPoolAt: entered, alertedAt: entered + 24 * 3_600_000 },
        entered + 48 * 3_600_000,
      ),
      false,
    );
    assert.equal(poolManager(routing), 'm');
    assert.equal(poolManager(routingConfigSchema.parse({ admin: 'x', users: [{ id: 'x' }] })), 'x');
  });

  it('a claim assigns any active user, without presence or capacity checks, and no SLA', () => {
    const routing = routingConfigSchema.parse({
      users: [
        { id: 'busy', maxOpen: 0, hours: { timezone: 'UTC', days: {} } },
        { id: 'gone', active: false },
      ],
    });
    const directory = buildDirectory(undefined, routing);
    assert.deepEqual(claimFromPool(directory, 'busy'), { ok: true, assignee: { kind: 'user', id: 'busy' } });
    assert.deepEqual(claimFromPool(directory, 'gone'), { ok: false, reason: 'inactive' });
    assert.deepEqual(claimFromPool(directory, 'nobody'), { ok: false, reason: 'missing' });
  });
});
