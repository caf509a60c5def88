// The routing trace as a person reads it (what explain, simulate, the HubSpot card and Salesforce show):
// why someone was unavailable (off shift until when, away, offline in the CRM), names with ids, times in the
// routing time zone, the numbers behind the winner, re-routes and hop limits that read without contradiction,
// and the pool sweep named as such.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RoutingConfigInput } from '../src/routing/routing-schema.ts';
import { formatRoutingTime, traceText } from '../src/routing/trace-text.ts';
import { type RouteOverrides, routeWith } from './support/route-with.ts';

/** Sunday 2026-03-01 08:00 in Riyadh. */
const now = new Date('2026-03-01T05:00:00Z');
const MINUTE = 60_000;

const config: RoutingConfigInput = {
  timezone: 'Asia/Riyadh',
  users: [
    { id: '101', name: 'Sara', groups: ['team'], hours: { days: { sun: ['09:00-17:00'] } } },
    { id: '102', name: 'Omar', groups: ['team'] },
    { id: '103', name: 'Lina', groups: ['team'] },
    { id: '104', groups: ['team'] },
  ],
  groups: [{ id: 'team', strategy: 'round_robin' }],
  rules: [{ id: 'all', targets: [{ group: 'team' }] }],
  sla: { minutes: 5, maxHops: 3 },
};

function textOf(overrides: RouteOverrides = {}): string[] {
  const decision = routeWith(config, overrides.now ?? now, overrides);
  assert.deepEqual(decision.trace.text, traceText(decision.trace), 'the stored text is the trace in words');
  return decision.trace.text ?? [];
}

describe('routing trace text', () => {
  it('someone outside their hours is off_shift until their next start, in the routing time zone', () => {
    assert.ok(textOf().includes('  Sara (101): off_shift until 09:00 Asia/Riyadh'));
  });

  it('an off_shift until another day names the day', () => {
    const evening = new Date('2026-03-01T15:00:00Z'); // Sun 18:00 in Riyadh; Sara works Sundays only
    assert.ok(textOf({ now: evening }).includes('  Sara (101): off_shift until Sun 8 Mar 09:00 Asia/Riyadh'));
  });

  it('a declared absence reads away (declared); CRM presence reads offline in CRM', () => {
    const lines = textOf({ presence: { '102': 'away' }, crmOnline: new Set(['102', '104']) });
    assert.ok(lines.includes('  Omar (102): away (declared)'));
    assert.ok(lines.includes('  Lina (103): offline in CRM'));
  });

  it('candidates show names with their ids, and the id alone when the name is unknown', () => {
    const lines = textOf();
    assert.ok(lines.some((line) => line.startsWith('  Omar (102): ')));
    assert.ok(lines.some((line) => line.startsWith('  104: ')));
  });

  it('the winner and the eligible show the numbers behind the choice, times in the routing zone', () => {
    const lines = textOf({
      stats: {
        users: {
          '102': {
            open: 2,
            lastAssignedAt: now.getTime() - 30 * MINUTE,
            recentAssignments: [now.getTime() - 30 * MINUTE],
          },
          '103': { open: 1, lastAssignedAt: now.getTime() - 90 * MINUTE, recentAssignments: [] },
          '104': {
            open: 0,
            lastAssignedAt: now.getTime() - 10 * MINUTE,
            recentAssignments: [now.getTime() - 20 * MINUTE, now.getTime() - 10 * MINUTE],
          },
        },
      },
    });
    assert.ok(lines.includes('group team: chosen (round_robin)'));
    assert.ok(
      lines.includes(
        '  Lina (103): chosen — last assigned 06:30 Asia/Riyadh, 0 assignments in the last 120 min, 1 open',
      ),
      lines.join('\n'),
    );
    assert.ok(
      lines.includes(
        '  Omar (102): eligible — last assigned 07:30 Asia/Riyadh, 1 assignment in the last 120 min, 2 open',
      ),
    );
    assert.ok(
      lines.includes(
        '  104: eligible — last assigned 07:50 Asia/Riyadh, 2 assignments in the last 120 min, 0 open',
      ),
    );
  });

  it('a person skipped on a re-route already held it, with the re-route named', () => {
    const lines = textOf({ ruleId: 'all', hops: 0, exclude: ['102'] });
    assert.equal(lines[0], 'SLA re-route 1 of at most 3 (maxHops)');
    assert.ok(lines.includes('  Omar (102): already held it (SLA re-route 1)'));
    assert.ok(!lines.some((line) => line.includes('excluded')));
  });

  it('at maxHops the count reads as the re-routes made, never one past the limit', () => {
    const lines = textOf({ ruleId: 'all', hops: 3, exclude: ['102', '103', '104'] });
    assert.deepEqual(lines, ['nobody answered after 3 SLA re-routes (maxHops 3): to the pool', 'rule all']);
    assert.ok(!lines.some((line) => /re-route 4/.test(line)));
  });

  it('a sweep assignment says it came from the pool sweep', () => {
    assert.equal(textOf({ sweep: true })[0], 'pool sweep: offered again from the pool');
  });

  it('when nobody is found the text says the conversation went to the pool', () => {
    const lines = textOf({ presence: { '102': 'away', '103': 'away', '104': 'away' } });
    assert.equal(lines.at(-1), 'nobody found by the rule or the alternates: to the pool');
  });

  it('an owner changed inside the CRM says so, by name', () => {
    const lines = traceText(
      {
        rule: 'all',
        rulesSkipped: [],
        steps: [],
        crmOwnerChange: { from: { kind: 'user', id: '101' }, to: { kind: 'user', id: '102', name: 'Omar' } },
      },
      { '101': 'Sara' },
    );
    assert.equal(lines[0], 'owner changed in the CRM: Sara (101) → Omar (102)');
  });

  it('formats a time in the zone, with the day when it is not the reference day', () => {
    const ms = Date.parse('2026-03-02T06:00:00Z');
    assert.equal(formatRoutingTime(ms, 'Asia/Riyadh', ms), '09:00 Asia/Riyadh');
    assert.equal(
      formatRoutingTime(ms, 'America/Sao_Paulo', now.getTime()),
      'Mon 2 Mar 03:00 America/Sao_Paulo',
    );
  });
});
