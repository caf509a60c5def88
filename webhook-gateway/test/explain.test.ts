// `leadwire explain` in words: each assignment with what made it (routing, an SLA re-route, the pool sweep),
// names with ids, times in the routing time zone, hop counts that agree with maxHops, and the pool alert.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Assignment, RoutingTrace } from '@leadwire/connector-core';
import { formatExplanation } from '../src/cli/explain.ts';
import type { Explanation } from '../src/runtime/routing-service.ts';

const at = Date.parse('2026-03-01T07:00:00Z'); // 10:00 in Riyadh
const MINUTE = 60_000;

function assignment(overrides: Partial<Assignment>): Assignment {
  return {
    tenantId: 't',
    conversationId: 'c1',
    assignee: { kind: 'user', id: '101' },
    source: 'routing',
    urgent: false,
    hops: 0,
    holders: ['101'],
    at,
    version: 1,
    closed: false,
    ...overrides,
  };
}

function trace(overrides: Partial<RoutingTrace>): RoutingTrace {
  return { rule: 'all', rulesSkipped: [], steps: [], ...overrides };
}

function explain(history: Assignment[], current: Assignment, extra: Partial<Explanation> = {}): string {
  return formatExplanation({
    conversationId: 'c1',
    state: 'handed_over',
    signals: {},
    history,
    assignment: current,
    timezone: 'Asia/Riyadh',
    names: { '101': 'Sara', '102': 'Omar', '900': 'Mona' },
    poolManager: '900',
    ...extra,
  });
}

describe('leadwire explain', () => {
  it('names people with ids and shows times in the routing time zone', () => {
    const first = assignment({ trace: trace({ text: ['rule all', 'group team: chosen (round_robin)'] }) });
    const text = explain([first], first);
    assert.match(text, /^Sun 1 Mar 10:00 Asia\/Riyadh routing → user Sara \(101\)$/m);
    assert.match(text, /^ {4}group team: chosen \(round_robin\)$/m);
    assert.match(text, /^now: user Sara \(101\)$/m);
  });

  it('labels a sweep assignment as the pool sweep, not plain routing', () => {
    const swept = assignment({
      trace: trace({ sweep: true, text: ['pool sweep: offered again from the pool'] }),
    });
    assert.match(explain([swept], swept), /10:00 Asia\/Riyadh pool sweep → user Sara \(101\)/);
  });

  it('labels an owner changed inside the CRM as such', () => {
    const moved = assignment({
      assignee: { kind: 'user', id: '102' },
      source: 'manual',
      trace: trace({
        crmOwnerChange: { from: { kind: 'user', id: '101' }, to: { kind: 'user', id: '102' } },
      }),
    });
    const text = explain([moved], moved);
    assert.match(text, /10:00 Asia\/Riyadh owner changed in the CRM → user Omar \(102\)/);
    assert.match(text, /^ {4}owner changed in the CRM: Sara \(101\) → Omar \(102\)$/m);
  });

  it('a re-route to the pool at maxHops never reads as a re-route past the limit', () => {
    const exhausted = assignment({
      assignee: { kind: 'pool', id: 'pool' },
      source: 'reroute',
      hops: 4,
      exhaustedHops: true,
      at: at + 20 * MINUTE,
      poolSince: at + 20 * MINUTE,
      version: 5,
      trace: trace({
        reroute: { number: 4, maxHops: 3 },
        note: 'SLA re-routes reached maxHops (3): to the pool',
        text: ['nobody answered after 3 SLA re-routes (maxHops 3): to the pool', 'rule all'],
      }),
    });
    const text = explain([exhausted], exhausted);
    assert.match(text, /10:20 Asia\/Riyadh SLA re-routes used up → the unassigned pool/);
    assert.doesNotMatch(text, /re-route 4/);
  });

  it('shows the pool alert: who was alerted, when, and since when the conversation waits', () => {
    const pooled = assignment({
      assignee: { kind: 'pool', id: 'pool' },
      poolSince: at,
      alertedAt: at + 24 * 60 * MINUTE,
      version: 2,
    });
    assert.match(
      explain([pooled], pooled),
      /^pool alert: Mona \(900\) alerted at Mon 2 Mar 10:00 Asia\/Riyadh \(waiting since Sun 1 Mar 10:00 Asia\/Riyadh\)$/m,
    );
    const waiting = { ...pooled, alertedAt: undefined };
    assert.match(
      explain([waiting], waiting),
      /^pool: waiting since Sun 1 Mar 10:00 Asia\/Riyadh; Mona \(900\) not alerted yet$/m,
    );
  });

  it('renders a trace stored without text from its structure', () => {
    const old = assignment({
      trace: trace({
        steps: [
          {
            target: 'group:team',
            stage: 'rule',
            outcome: 'chosen',
            candidates: [
              { userId: '102', outcome: 'skipped', reason: 'offline' },
              { userId: '101', outcome: 'chosen' },
            ],
          },
        ],
      }),
    });
    const text = explain([old], old);
    assert.match(text, /^ {6}Omar \(102\): offline$/m);
    assert.match(text, /^ {6}Sara \(101\): chosen$/m);
  });
});
