// Routing scenarios (state, a start time, timed events) run through the runtime's route step, SLA re-route,
// pool alert and sweep: every scenario under examples/routing-scenarios meets the assignees it expects
// after each event, an expectation that does not hold fails the run, and bad scenarios are refused.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfigFile, type RoutingScenarioInput, routingScenarioSchema } from '@leadwire/connector-core';
import { formatScenarioRun, loadScenario, simulateScenario } from '../src/cli/simulate-scenario.ts';

const repo = join(import.meta.dirname, '..', '..');
const scenarios = join(repo, 'examples', 'routing-scenarios');
const bin = join(import.meta.dirname, '..', 'bin', 'leadwire.js');
const env = { WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_APP_SECRET: 's', WHATSAPP_ACCESS_TOKEN: 't' };

/** The assignee after each event, as `<conversation>=<assignee>` per checked conversation. */
async function assigneesOf(file: string): Promise<string[][]> {
  const run = await simulateScenario(loadScenario(join(scenarios, file)), undefined);
  assert.ok(run.passed, formatScenarioRun(run));
  return run.steps.map((step) => step.checks.map((check) => `${check.conversationId}=${check.actual}`));
}

describe('routing scenarios', () => {
  it('every example scenario meets its expectations (the README three and fifteen more)', async () => {
    const files = readdirSync(scenarios).filter((file) => file.endsWith('.yaml'));
    assert.ok(files.length >= 18, `${files.length} scenarios`);
    for (const file of files) await assigneesOf(file);
  });

  it('home services: urgent SLA to the admin, continuation, away owner to the pool, back when online', async () => {
    assert.deepEqual(await assigneesOf('home-services.yaml'), [
      ['ac-1=102'],
      ['ac-1=900'],
      ['ac-1=900'],
      ['clean-1=101'],
      [],
      ['back-1=101'],
      [],
      [],
      ['back-2=pool'],
      ['back-2=101'],
    ]);
  });

  it('clinic: balanced to capacity, reception in hours, the front desk queue otherwise', async () => {
    assert.deepEqual((await assigneesOf('clinic.yaml')).flat(), [
      'question-1=201',
      'booking-1=202',
      'question-2=queue:00G5e000001',
      'booking-2=queue:00G5e000001',
      'booking-3=202',
    ]);
  });

  it('restaurant: hosts take turns in business hours; the pool and its manager alert otherwise', async () => {
    const run = await simulateScenario(loadScenario(join(scenarios, 'restaurant.yaml')), undefined);
    assert.deepEqual(
      run.steps.flatMap((step) => step.checks.map((check) => `${check.conversationId}=${check.actual}`)),
      [
        'table-1=501',
        'table-2=502',
        'table-3=501',
        'catering-1=pool',
        'catering-1=pool',
        'table-1=501',
        'table-late=pool',
      ],
    );
    const alerts = run.steps.flatMap((step) => step.notices).filter((notice) => notice.type === 'pool_alert');
    assert.deepEqual(
      alerts.map((alert) => [alert.conversationId, alert.manager]),
      [['catering-1', '500']],
    );
  });

  it('SLA re-routes hop to each person once, then the pool at maxHops; the sweep leaves it there', async () => {
    assert.deepEqual((await assigneesOf('sla-hops.yaml')).flat(), [
      'lead-1=u-ana',
      'lead-1=u-ben',
      'lead-1=u-carla',
      'lead-1=pool',
      'lead-1=pool',
    ]);
  });

  it('the pool is re-offered urgent first when someone comes online, within capacity', async () => {
    assert.deepEqual(await assigneesOf('pool-reoffer.yaml'), [
      ['urgent-1=pool'],
      ['urgent-1=u-ana', 'waiting-1=pool'],
      ['waiting-1=pool'],
      ['waiting-1=u-ben'],
    ]);
  });

  it('an expectation that does not hold fails the run and says what differed', async () => {
    const scenario = loadScenario(join(scenarios, 'round-robin-history.yaml'));
    const wrong = {
      ...scenario,
      events: scenario.events.map((event, i) => (i === 0 ? { ...event, expect: 'u-ana' } : event)),
    };
    const run = await simulateScenario(wrong, undefined);
    assert.equal(run.passed, false);
    assert.match(formatScenarioRun(run), /✗ c-1: expected u-ana, got u-caio/);
  });

  it('refuses an event with two actions and a user routing does not know', async () => {
    const base: RoutingScenarioInput = {
      routing: { users: [{ id: 'u-ana' }], rules: [{ id: 'all', targets: [{ user: 'u-ana' }] }] },
      start: '2026-03-02T10:00:00Z',
      events: [{ online: 'u-ana', away: 'u-ana' }],
    };
    const parsed = routingScenarioSchema.safeParse(base);
    assert.equal(parsed.success, false);
    assert.match(
      parsed.error?.issues[0]?.message ?? '',
      /one action per event \(this one has online, away\)/,
    );

    const unknown = routingScenarioSchema.parse({ ...base, events: [{ online: 'u-zed' }] });
    await assert.rejects(
      simulateScenario(unknown, undefined),
      /online event: no user "u-zed" in routing.users/,
    );
  });

  it('`simulate --scenario` prints the trace and exits 1 when an expectation fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadwire-scenario-'));
    const file = join(dir, 'wrong.yaml');
    writeFileSync(
      file,
      [
        'routing:',
        '  timezone: Asia/Riyadh',
        '  users: [{ id: u-sara, name: Sara, groups: [g], hours: { days: { sun: ["09:00-17:00"] } } }, { id: u-omar, name: Omar, groups: [g] }]',
        '  groups: [{ id: g }]',
        '  rules: [{ id: all, targets: [{ group: g }] }]',
        'start: "2026-03-01T08:00:00+03:00"',
        'events:',
        '  - { conversation: { id: c-1 }, expect: u-sara }',
        '',
      ].join('\n'),
    );
    const result = spawnSync(process.execPath, [bin, 'simulate', '--scenario', file], { encoding: 'utf8' });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /Sara \(u-sara\): off_shift until 09:00 Asia\/Riyadh/);
    assert.match(result.stdout, /✗ c-1: expected u-sara, got u-omar/);
  });

  it("conversations given as messages go through the tenant's intake first (-c)", async () => {
    const config = loadConfigFile(join(repo, 'leadwire.example.yaml'), { ...process.env, ...env });
    const scenario = routingScenarioSchema.parse({
      start: '2026-11-22T10:00:00+03:00',
      events: [
        {
          conversation: {
            id: 'by-messages',
            messages: [
              { type: 'text', text: 'I need deep cleaning in Jeddah' },
              { type: 'text', text: 'tomorrow morning' },
              { type: 'reply', id: 'urgency:normal' },
              { type: 'reply', id: 'confirm:yes' },
            ],
          },
          expect: '101',
        },
      ],
    });
    const run = await simulateScenario(scenario, config);
    assert.ok(run.passed, formatScenarioRun(run));
    assert.match(formatScenarioRun(run), /rule cleaning-jeddah/);
  });
});
