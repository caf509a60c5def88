// `leadwire demo`: every scenario from the seeds ends the way the product promises, and the table shows it.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createLogger } from '../src/observability/logger.ts';
import { type DemoRow, demoCells, formatDemoTable, runDemo } from '../src/sandbox/demo.ts';

describe('demo', () => {
  let rows: DemoRow[];
  const row = (id: string) => {
    const found = rows.find((r) => r.scenario.id === id);
    assert.ok(found, `scenario ${id} ran`);
    return found;
  };
  const types = (r: DemoRow) => r.state.records.map((record) => record.type);

  before(async () => {
    rows = await runDemo({ logger: createLogger({ level: 'silent' }) });
  });

  it('urgent deep cleaning with a price question: an urgent Inquiry, routed, with a task and no price quoted', () => {
    const { state } = row('urgent-price');
    assert.equal(state.conversation?.decision?.decision, 'inquiry');
    assert.ok(state.conversation?.decision?.reasons.includes('pricing_without_rule'));
    assert.equal(state.conversation?.signals.urgency?.value, 'urgent');
    assert.equal(state.conversation?.signals.location?.value, 'jeddah');
    assert.equal(state.conversation?.routing?.trace?.rule, 'cleaning');
    assert.ok(types(row('urgent-price')).includes('Ticket'));
    assert.ok(types(row('urgent-price')).includes('Task'));
    for (const line of state.chat.filter((l) => l.from === 'agent'))
      assert.doesNotMatch(line.text ?? '', /\d+\s*(SAR|ريال)/);
  });

  it('a clinic eligibility question escalates as sensitive, to the clinic, as a Salesforce Case', () => {
    const { state } = row('clinic-eligibility');
    assert.equal(state.conversation?.decision?.decision, 'inquiry');
    assert.ok(state.conversation?.decision?.reasons.some((reason) => reason.startsWith('sensitive:')));
    assert.equal(state.conversation?.ownerName, 'Layla Nasser');
    assert.ok(types(row('clinic-eligibility')).includes('Case'));
  });

  it('a reservation is a Lead for the hosts; a menu question goes to a person', () => {
    const booking = row('restaurant-booking').state;
    assert.equal(booking.conversation?.decision?.decision, 'lead');
    assert.equal(booking.conversation?.signals.serviceType?.value, 'table_reservation');
    assert.equal(booking.conversation?.ownerName, 'Diego Martins');
    assert.ok(types(row('restaurant-booking')).includes('Lead'));
    const menu = row('restaurant-menu').state;
    assert.equal(menu.conversation?.decision?.decision, 'inquiry');
    assert.equal(menu.conversation?.signals.serviceType, undefined);
    assert.equal(menu.conversation?.signals.intent?.value, 'question');
    // asked which service once, then handed to a person: not three rounds of the same question
    assert.deepEqual(menu.conversation?.decision?.reasons, ['policy_clarify:question', 'clarified_once']);
    assert.equal(menu.chat.filter((line) => line.from === 'agent').length, 2);
  });

  it('the address in a voice note is transcribed and becomes the location', () => {
    const { state } = row('voice-address');
    const voice = state.chat.find((line) => line.kind === 'voice');
    assert.match(voice?.voice?.transcript ?? '', /Al Rawdah/);
    assert.equal(state.conversation?.signals.location?.value, 'jeddah');
    assert.equal(state.conversation?.decision?.decision, 'lead');
  });

  it('a returning customer continues with the owner of their record', () => {
    const { state } = row('returning');
    assert.equal(state.conversation?.ownerName, 'Omar Farouk');
    assert.equal(state.conversation?.routing?.trace?.rule, 'returning');
  });

  it('nobody answering within 5 minutes re-routes to someone else, with a task for them', () => {
    const { state } = row('no-answer');
    const history = state.conversation?.routingHistory ?? [];
    assert.equal(history.length, 2);
    assert.equal(history[1]?.source, 'reroute');
    assert.notEqual(history[1]?.assignee.id, history[0]?.assignee.id);
    const owner = state.conversation?.routing?.assignee.name;
    assert.ok(
      state.records.some((r) => r.type === 'Task' && r.owner === owner),
      'the new owner has a task',
    );
  });

  it('prints one table row per scenario with its signals, decision, owner, records and replies', () => {
    const table = formatDemoTable(rows);
    for (const r of rows) {
      const cells = demoCells(r);
      assert.ok(table.includes(cells.Scenario!.split('\n')[0]!.slice(0, 20)), r.scenario.id);
    }
    assert.match(table, /Signals .*Decision .*Owner .*Records written .*Replies/);
  });
});
