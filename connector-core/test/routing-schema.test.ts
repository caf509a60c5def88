// The routing section of a tenant's config: defaults a minimal config gets, a full config as RevOps would
// write it in YAML, and every cross-reference or format mistake reported at its exact path.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { formatPath } from '../src/config/load-config.ts';
import {
  parseTimeRange,
  type RoutingConfigInput,
  routingConfigSchema,
} from '../src/routing/routing-schema.ts';

const fullYaml = `
timezone: Asia/Riyadh
businessHours: { sun: ["09:00-18:00"], mon: ["09:00-18:00"], thu: ["22:00-02:00"] }
admin: "100"
users:
  - id: "100"
    name: Amal
  - id: "101"
    email: sara@example.com
    name: Sara
    active: true
    groups: [jeddah-team]
    skills: [hvac]
    areas: [jeddah]
    languages: [ar, en]
    hours: { timezone: Asia/Riyadh, days: { sun: ["09:00-17:00"] } }
    maxOpen: 20
  - id: "102"
    groups: [jeddah-team]
groups:
  - { id: jeddah-team, strategy: least_active, onlineOnly: false, matchSkills: true }
queues:
  - { id: support, name: Support, crmId: "00G5e000001" }
rules:
  - id: urgent-jeddah
    when: { serviceType: [ac_repair], area: [jeddah], urgency: [urgent], language: [ar], intent: [book], decision: [lead], customer: returning, businessHours: true }
    targets:
      - recordOwner: { offlineTransfer: { group: jeddah-team } }
      - recordOwner: { offlineTransfer: { user: "102" } }
      - recordOwner: {}
      - group: jeddah-team
      - user: "101"
      - queue: support
      - admin: true
      - unassigned: true
alternates: [ { user: "100" } ]
sla: { minutes: 10, byUrgency: { urgent: 2 }, maxHops: 2 }
pool: { alertAfterHours: 12, manager: "100" }
leastActiveWindowMinutes: 60
`;

describe('routingConfigSchema: valid configs', () => {
  it('a minimal config gets the documented defaults', () => {
    const routing = routingConfigSchema.parse({});
    assert.deepEqual(routing.sla, { minutes: 5, maxHops: 3 });
    assert.deepEqual(routing.pool, { alertAfterHours: 24, sweepMinutes: 5 });
    assert.equal(routing.leastActiveWindowMinutes, 120);
    assert.deepEqual(routing.rules, [
      { id: 'default', when: {}, targets: [{ recordOwner: {} }, { unassigned: true }] },
    ]);
    assert.deepEqual([routing.users, routing.groups, routing.queues, routing.alternates], [[], [], [], []]);
  });

  it('an empty rule list also gets the catch-all rule', () => {
    const routing = routingConfigSchema.parse({ rules: [] });
    assert.deepEqual(
      routing.rules.map((rule) => rule.id),
      ['default'],
    );
  });

  it('a group gets round robin, online only, capacity respected and no matching by default', () => {
    const routing = routingConfigSchema.parse({ groups: [{ id: 'team' }] });
    assert.deepEqual(routing.groups[0], {
      id: 'team',
      strategy: 'round_robin',
      onlineOnly: true,
      matchSkills: false,
      matchAreas: false,
      matchLanguage: false,
      respectCapacity: true,
    });
  });

  it('a group may set its own least-active window; the periodic pool sweep may be switched off', () => {
    const routing = routingConfigSchema.parse({
      groups: [{ id: 'team', strategy: 'least_active', leastActiveWindowMinutes: 30 }],
      pool: { sweepMinutes: false },
    });
    assert.equal(routing.groups[0]?.leastActiveWindowMinutes, 30);
    assert.equal(routing.pool.sweepMinutes, false);
    assert.equal(routingConfigSchema.safeParse({ pool: { sweepMinutes: 0 } }).success, false);
  });

  it('user and admin targets take onlineOnly and respectCapacity; other targets do not', () => {
    const routing = routingConfigSchema.parse({
      admin: 'a',
      users: [{ id: 'a' }],
      rules: [
        {
          id: 'r',
          targets: [
            { user: 'a', respectCapacity: false },
            { admin: true, onlineOnly: false },
          ],
        },
      ],
    });
    assert.deepEqual(routing.rules[0]?.targets, [
      { user: 'a', respectCapacity: false },
      { admin: true, onlineOnly: false },
    ]);
    const group = routingConfigSchema.safeParse({
      groups: [{ id: 'g' }],
      rules: [{ id: 'r', targets: [{ group: 'g', onlineOnly: false }] }],
    });
    assert.equal(group.success, false);
  });

  it('the full YAML example parses with its values', () => {
    const routing = routingConfigSchema.parse(parseYaml(fullYaml));
    assert.equal(routing.rules[0]?.targets.length, 8);
    assert.deepEqual(routing.rules[0]?.targets[0], {
      recordOwner: { offlineTransfer: { group: 'jeddah-team' } },
    });
    assert.equal(routing.groups[0]?.strategy, 'least_active');
    assert.equal(routing.groups[0]?.onlineOnly, false);
    assert.deepEqual(routing.sla, { minutes: 10, byUrgency: { urgent: 2 }, maxHops: 2 });
    assert.deepEqual(routing.pool, { alertAfterHours: 12, manager: '100', sweepMinutes: 5 });
    assert.equal(routing.users[1]?.maxOpen, 20);
    assert.equal(routing.rules[0]?.when.customer, 'returning');
  });
});

function problems(input: unknown): Array<[string, string]> {
  const result = routingConfigSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => [formatPath(issue.path), issue.message]);
}

const base = {
  timezone: 'Asia/Riyadh',
  users: [{ id: '101', groups: ['team'] }],
  groups: [{ id: 'team' }],
  queues: [{ id: 'support', crmId: 'Q1' }],
} satisfies RoutingConfigInput;

describe('routingConfigSchema: mistakes are reported at their path', () => {
  const cases: Array<[string, unknown, string, RegExp]> = [
    [
      'an unknown group in a target',
      { ...base, rules: [{ id: 'r', targets: [{ user: '101' }, { group: 'nope' }] }] },
      'rules[0].targets[1].group',
      /no group "nope" in routing.groups \(have: team\)/,
    ],
    [
      'an unknown user in a target',
      { ...base, rules: [{ id: 'r', targets: [{ user: '999' }] }] },
      'rules[0].targets[0].user',
      /no user "999" in routing.users/,
    ],
    [
      'an unknown queue in a target',
      { ...base, rules: [{ id: 'r', targets: [{ queue: 'sales' }] }] },
      'rules[0].targets[0].queue',
      /no queue "sales" in routing.queues \(have: support\)/,
    ],
    [
      'an unknown user in the alternates',
      { ...base, alternates: [{ group: 'team' }, { user: '7' }] },
      'alternates[1].user',
      /no user "7"/,
    ],
    ['an unknown admin', { ...base, admin: '5' }, 'admin', /no user "5"/],
    ['an unknown pool manager', { ...base, pool: { manager: '6' } }, 'pool.manager', /no user "6"/],
    [
      'an unknown group in an offline transfer',
      { ...base, rules: [{ id: 'r', targets: [{ recordOwner: { offlineTransfer: { group: 'x' } } }] }] },
      'rules[0].targets[0].recordOwner.offlineTransfer.group',
      /no group "x"/,
    ],
    [
      'an unknown user in an offline transfer',
      { ...base, rules: [{ id: 'r', targets: [{ recordOwner: { offlineTransfer: { user: '8' } } }] }] },
      'rules[0].targets[0].recordOwner.offlineTransfer.user',
      /no user "8"/,
    ],
    [
      "an unknown group in a user's groups",
      { ...base, users: [{ id: '101', groups: ['team', 'ghosts'] }] },
      'users[0].groups[1]',
      /no group "ghosts"/,
    ],
    [
      'an admin target without an admin',
      { ...base, rules: [{ id: 'r', targets: [{ admin: true }] }] },
      'rules[0].targets[0].admin',
      /needs routing.admin/,
    ],
    [
      'a business-hours condition without business hours',
      { ...base, rules: [{ id: 'r', when: { businessHours: true }, targets: [{ unassigned: true }] }] },
      'rules[0].when.businessHours',
      /needs routing.businessHours/,
    ],
    [
      'a duplicate user id',
      { ...base, users: [{ id: '101' }, { id: '101' }] },
      'users[1].id',
      /duplicate id "101"/,
    ],
    [
      'a duplicate group id',
      { ...base, groups: [{ id: 'team' }, { id: 'team' }] },
      'groups[1].id',
      /duplicate id "team"/,
    ],
    [
      'a duplicate queue id',
      { ...base, queues: [base.queues[0], { id: 'support', crmId: 'Q2' }] },
      'queues[1].id',
      /duplicate id "support"/,
    ],
    [
      'a duplicate rule id',
      {
        ...base,
        rules: [
          { id: 'r', targets: [{ unassigned: true }] },
          { id: 'r', targets: [{ unassigned: true }] },
        ],
      },
      'rules[1].id',
      /duplicate id "r"/,
    ],
    [
      'a time range without minutes',
      { ...base, users: [{ id: '101', hours: { days: { mon: ['9-17'] } } }] },
      'users[0].hours.days.mon[0]',
      /a time range is "HH:MM-HH:MM"/,
    ],
    [
      'a time range past 24:00',
      { ...base, businessHours: { sun: ['09:00-18:00', '25:00-26:00'] } },
      'businessHours.sun[1]',
      /a time range is "HH:MM-HH:MM"/,
    ],
    [
      'an empty time range',
      { ...base, businessHours: { tue: ['10:00-10:00'] } },
      'businessHours.tue[0]',
      /a time range is/,
    ],
    [
      'a misspelt weekday',
      { ...base, businessHours: { monday: ['09:00-17:00'] } },
      'businessHours',
      /monday/,
    ],
    ['an unknown time zone', { ...base, timezone: 'Mars/Olympus' }, 'timezone', /not an IANA time zone/],
    [
      "an unknown time zone in a user's hours",
      { ...base, users: [{ id: '101', hours: { timezone: 'Asia/Jedda', days: {} } }] },
      'users[0].hours.timezone',
      /not an IANA time zone/,
    ],
    [
      'hours with no zone anywhere',
      { users: [{ id: '101', hours: { days: { sun: ['09:00-17:00'] } } }] },
      'users[0].hours.timezone',
      /hours need a time zone/,
    ],
    [
      'business hours with no zone',
      { businessHours: { sun: ['09:00-17:00'] } },
      'timezone',
      /businessHours need a time zone/,
    ],
    [
      'a target of no known shape',
      { ...base, rules: [{ id: 'r', targets: [{ team: 'team' }] }] },
      'rules[0].targets[0]',
      /a target is one of/,
    ],
    [
      'a misspelt condition',
      { ...base, rules: [{ id: 'r', when: { servicetype: ['ac'] }, targets: [{ unassigned: true }] }] },
      'rules[0].when',
      /servicetype/,
    ],
    ['a rule without targets', { ...base, rules: [{ id: 'r', targets: [] }] }, 'rules[0].targets', /.+/],
    ['a negative capacity', { ...base, users: [{ id: '101', maxOpen: -1 }] }, 'users[0].maxOpen', /.+/],
    [
      'an unknown strategy',
      { ...base, groups: [{ id: 'team', strategy: 'random' }] },
      'groups[0].strategy',
      /.+/,
    ],
  ];
  for (const [name, input, path, message] of cases) {
    it(name, () => {
      const found = problems(input);
      const atPath = found.filter(([where]) => where === path);
      assert.ok(atPath.length > 0, `expected a problem at ${path}, got ${JSON.stringify(found)}`);
      assert.match(atPath[0]![1], message);
    });
  }

  it('a valid base config has no problems', () => {
    assert.deepEqual(problems(base), []);
  });
});

describe('parseTimeRange', () => {
  const cases: Array<[string, ReturnType<typeof parseTimeRange>]> = [
    ['09:00-18:00', { startMinute: 540, endMinute: 1080 }],
    ['22:00-02:00', { startMinute: 1320, endMinute: 120 }],
    ['00:00-24:00', { startMinute: 0, endMinute: 1440 }],
    ['09:30-24:00', { startMinute: 570, endMinute: 1440 }],
    ['24:00-02:00', undefined],
    ['09:00-24:30', undefined],
    ['09:60-10:00', undefined],
    ['08:00-08:00', undefined],
    ['00:00-00:00', undefined],
    ['9:00-18:00', undefined],
    ['09:00 - 18:00', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`"${text}"`, () => {
      assert.deepEqual(parseTimeRange(text), expected);
    });
  }
});
