// setupHubspotPortal against the emulator through the real SDK: what it creates, that a second run creates
// nothing (the emulator's call counter), that it never changes a conflicting property, and what it reports
// about pipelines, the Leads object and scopes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isLeadwireError } from '@leadwire/connector-core';
import { type HubspotEmulator, startHubspotEmulator } from '../emulator/hubspot-emulator.ts';
import { type HubspotPortalSettings, leadwirePropertyDefinitions } from '../src/hubspot-crm.ts';
import { HUBSPOT_OPTIONAL_SCOPES, HUBSPOT_REQUIRED_SCOPES } from '../src/oauth/hubspot-oauth.ts';
import { formatSetupReport, type HubspotSetupOptions, setupHubspotPortal } from '../src/setup.ts';

const emulators: HubspotEmulator[] = [];
async function portal(options: { hasLeads?: boolean } = {}) {
  const emulator = await startHubspotEmulator(options);
  emulators.push(emulator);
  return emulator;
}
after(async () => {
  await Promise.all(emulators.map((e) => e.close()));
});

const setup = (emulator: HubspotEmulator, options: Partial<HubspotSetupOptions> = {}) =>
  setupHubspotPortal({ accessToken: emulator.accessToken, basePath: emulator.url, ...options });
const posts = (emulator: HubspotEmulator) => emulator.calls.log.filter((c) => c.method === 'POST');
const writes = (emulator: HubspotEmulator) => emulator.calls.log.filter((c) => c.method !== 'GET');

describe('setupHubspotPortal on a fresh portal with Leads', () => {
  let hs: HubspotEmulator;
  before(async () => {
    hs = await portal();
  });

  test('the first run creates the leadwire group on each object and every property the adapter writes', async () => {
    const logged: string[] = [];
    const report = await setup(hs, { log: (kind, message) => logged.push(`${kind} ${message}`) });
    assert.deepEqual(report.problems, []);
    const definitions = leadwirePropertyDefinitions();
    for (const d of definitions) {
      const created = hs.portal.properties[d.objectType].get(d.name);
      assert.ok(created, `${d.objectType}.${d.name} exists`);
      assert.equal(created.groupName, 'leadwire');
      assert.equal(created.type, 'string');
      assert.equal(
        created.hasUniqueValue,
        d.hasUniqueValue === true,
        `${d.objectType}.${d.name} unique flag`,
      );
    }
    const objectTypes = [...new Set(definitions.map((d) => d.objectType))];
    for (const t of objectTypes) assert.ok(hs.portal.propertyGroups[t].has('leadwire'), `group on ${t}`);
    assert.equal(report.created.length, definitions.length + objectTypes.length);
    assert.ok(report.created.includes('property contacts.leadwire_conversation_id (unique)'));
    assert.ok(report.created.includes('property group leads.leadwire'));
    assert.equal(posts(hs).length, definitions.length + objectTypes.length);
    assert.ok(posts(hs).every((c) => c.status === 201));
    assert.equal(logged.length, report.created.length + report.found.length, 'every line is logged');
    assert.equal(report.hasLeads, true);
    assert.equal(report.discovered.leadContactAssociationTypeId, 578);
    assert.ok(report.found.some((m) => /association type 578/.test(m)));
    assert.ok(
      report.found.includes(
        'deal pipeline default (Sales Pipeline), stage appointmentscheduled (Appointment Scheduled)',
      ),
    );
    assert.ok(report.found.includes('ticket pipeline 0 (Support Pipeline), stage 1 (New)'));
  });

  test('a second run creates nothing: zero POSTs, everything found', async () => {
    hs.resetCalls();
    const report = await setup(hs);
    assert.deepEqual(report.created, []);
    assert.deepEqual(report.problems, []);
    assert.equal(posts(hs).length, 0, JSON.stringify(hs.calls.log));
    assert.equal(writes(hs).length, 0);
    for (const d of leadwirePropertyDefinitions())
      assert.ok(
        report.found.some((m) => m.startsWith(`property ${d.objectType}.${d.name}`)),
        `${d.objectType}.${d.name} found`,
      );
    assert.ok(report.found.includes('property group contacts.leadwire'));
    const text = formatSetupReport(report);
    assert.match(text, /^found {4}property contacts\.leadwire_conversation_id \(unique\)$/m);
    assert.match(text, /0 created, \d+ found, 0 problem\(s\)\n$/);
  });
});

describe('setupHubspotPortal never changes what exists', () => {
  test('a property with another type or unique flag is a problem and stays as it was', async () => {
    const hs = await portal();
    const existing = (name: string, type: string, unique: boolean) => ({
      name,
      label: name,
      type,
      fieldType: type === 'number' ? 'number' : 'text',
      groupName: 'contactinformation',
      hasUniqueValue: unique,
    });
    hs.portal.properties.contacts.set(
      'leadwire_conversation_id',
      existing('leadwire_conversation_id', 'string', false),
    );
    hs.portal.properties.deals.set('leadwire_urgency', existing('leadwire_urgency', 'number', false));
    const report = await setup(hs);
    assert.equal(report.problems.length, 2, report.problems.join('\n'));
    assert.match(
      report.problems.find((p) => p.includes('contacts.leadwire_conversation_id')) ?? '',
      /exists as type string but Leadwire needs type string, unique; left unchanged \(a unique flag can't be changed/,
    );
    assert.match(
      report.problems.find((p) => p.includes('deals.leadwire_urgency')) ?? '',
      /exists as type number but Leadwire needs type string; left unchanged/,
    );
    assert.equal(hs.portal.properties.contacts.get('leadwire_conversation_id')?.hasUniqueValue, false);
    assert.equal(hs.portal.properties.deals.get('leadwire_urgency')?.type, 'number');
    assert.ok(
      !hs.calls.log.some(
        (c) => c.route.includes('leadwire_conversation_id') || c.route.includes('leadwire_urgency'),
      ),
      'no call touched the conflicting properties',
    );
    assert.ok(!hs.calls.log.some((c) => c.method === 'PATCH' || c.method === 'DELETE'));
    // everything else is still created
    assert.ok(hs.portal.properties.contacts.has('leadwire_urgency'));
    assert.ok(hs.portal.properties.deals.has('leadwire_service_type'));
  });

  test('a failed create is reported, and the rest of the setup goes on', async () => {
    const hs = await portal();
    // leave room for no unique property on contacts: the emulator refuses the 13th
    for (let i = 0; i < 10; i++)
      hs.portal.properties.contacts.set(`uniq_${i}`, {
        name: `uniq_${i}`,
        label: `uniq_${i}`,
        type: 'string',
        fieldType: 'text',
        groupName: 'contactinformation',
        hasUniqueValue: true,
      });
    const report = await setup(hs);
    assert.equal(report.problems.length, 1, report.problems.join('\n'));
    assert.match(
      report.problems[0]!,
      /^property contacts\.leadwire_conversation_id \(unique\) could not be created: .*at most 10 unique/,
    );
    assert.equal(hs.portal.properties.contacts.has('leadwire_conversation_id'), false);
    assert.ok(hs.portal.properties.contacts.has('leadwire_urgency'));
    assert.ok(report.found.includes('ticket pipeline 0 (Support Pipeline), stage 1 (New)'));
  });

  test('an existing leadwire group is found, and only the missing properties are created', async () => {
    const hs = await portal();
    hs.portal.propertyGroups.contacts.add('leadwire');
    const report = await setup(hs);
    assert.deepEqual(report.problems, []);
    assert.ok(report.found.includes('property group contacts.leadwire'));
    assert.ok(!report.created.includes('property group contacts.leadwire'));
    assert.ok(report.created.includes('property contacts.leadwire_urgency'));
    assert.equal(
      hs.calls.log.filter((c) => c.route === 'POST /crm/v3/properties/contacts/groups')[0]?.status,
      409,
    );
  });

  test('a token HubSpot refuses ends the setup at the first call', async () => {
    const hs = await portal();
    await assert.rejects(setupHubspotPortal({ accessToken: 'wrong-token', basePath: hs.url }), (error) => {
      assert.ok(isLeadwireError(error, 'AUTH_REVOKED'));
      return true;
    });
    assert.equal(hs.calls.total, 1);
  });

  test('a ten-secondly 429 is waited out and retried', async () => {
    const hs = await portal();
    hs.failNext(429);
    const waits: number[] = [];
    const report = await setup(hs, {
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    assert.deepEqual(report.problems, []);
    assert.deepEqual(waits, [10_000]);
    assert.equal(hs.calls.log[0]?.status, 429);
  });
});

describe('setupHubspotPortal pipelines', () => {
  test('a pipeline or stage the portal does not have is a problem listing the ones it has', async () => {
    const hs = await portal();
    const settings: HubspotPortalSettings = {
      dealPipeline: 'sales-2',
      ticketPipeline: '0',
      ticketStage: '99',
      leadPipeline: 'lead-pipeline-id',
      leadStage: 'no-such-stage',
    };
    const report = await setup(hs, { settings });
    assert.deepEqual(report.problems, [
      'deal pipeline "sales-2" does not exist; deal pipelines: default (Sales Pipeline)',
      'ticket stage "99" is not in ticket pipeline 0 (Support Pipeline); its stages: 1 (New), 2 (Waiting on contact), 4 (Closed)',
      'lead stage "no-such-stage" is not in lead pipeline lead-pipeline-id (Leads pipeline); its stages: new-stage-id (New), attempting-stage-id (Attempting), connected-stage-id (Connected), qualified-stage-id (Qualified), unqualified-stage-id (Unqualified)',
    ]);
  });

  test('configured pipelines and stages that exist are found', async () => {
    const hs = await portal();
    const report = await setup(hs, {
      settings: { dealPipeline: 'default', dealStage: 'qualifiedtobuy', leadStage: 'attempting-stage-id' },
    });
    assert.deepEqual(report.problems, []);
    assert.ok(
      report.found.includes(
        'deal pipeline default (Sales Pipeline), stage qualifiedtobuy (Qualified To Buy)',
      ),
    );
    assert.ok(
      report.found.includes(
        'lead pipeline lead-pipeline-id (Leads pipeline), stage attempting-stage-id (Attempting)',
      ),
    );
  });
});

describe('setupHubspotPortal on a portal without Leads', () => {
  test('says deals will be used, creates no leads properties, and is not a problem', async () => {
    const hs = await portal({ hasLeads: false });
    const report = await setup(hs);
    assert.deepEqual(report.problems, []);
    assert.equal(report.hasLeads, false);
    assert.equal(report.discovered.leadMode, 'deal');
    // HubSpot grants the optional Leads scopes only where the object exists: the lookup is a 403 MISSING_SCOPES
    assert.ok(
      report.found.includes(
        'leads: the installation has no Leads scopes (no Leads object); Leads will be deals',
      ),
      report.found.join('\n'),
    );
    assert.ok(!hs.calls.log.some((c) => c.route.startsWith('POST /crm/v3/properties/leads')));
    assert.ok(!report.created.some((m) => m.includes('leads.')));
    assert.ok(hs.portal.properties.deals.has('leadwire_key'));
    assert.ok(report.found.some((m) => m.startsWith('deal pipeline default')));

    hs.resetCalls();
    const again = await setup(hs);
    assert.deepEqual(again.created, []);
    assert.equal(posts(hs).length, 0);
  });

  test('leadMode deal does not look for Leads; lifecycle writes no deals either', async () => {
    const hs = await portal();
    const deal = await setup(hs, { settings: { leadMode: 'deal' } });
    assert.ok(!hs.calls.log.some((c) => c.route.includes('/associations/leads')));
    assert.ok(!deal.created.some((m) => m.includes('leads.')));
    assert.ok(hs.portal.properties.deals.has('leadwire_key'));

    const other = await portal();
    const lifecycle = await setup(other, { settings: { leadMode: 'lifecycle' } });
    assert.deepEqual(lifecycle.problems, []);
    assert.ok(!other.portal.properties.deals.has('leadwire_key'));
    assert.ok(!other.calls.log.some((c) => c.route.startsWith('GET /crm/v3/pipelines/deals')));
  });
});

describe('setupHubspotPortal scopes (OAuth installations)', () => {
  test('the granted scopes are checked when given', async () => {
    const hs = await portal();
    const all = [...HUBSPOT_REQUIRED_SCOPES, ...HUBSPOT_OPTIONAL_SCOPES];
    const ok = await setup(hs, { grantedScopes: all });
    assert.deepEqual(ok.problems, []);
    assert.ok(ok.found.includes('scopes: every required scope is granted'));

    const lacking = await setup(hs, {
      grantedScopes: all.filter((s) => s !== 'crm.schemas.contacts.write' && s !== 'crm.objects.leads.write'),
    });
    assert.deepEqual(lacking.problems, [
      'scopes: the installation lacks crm.schemas.contacts.write; reinstall the app with a new install link (leadwire install-link hubspot --tenant <id>) so they are granted',
      'scopes: the portal has Leads but the installation lacks crm.objects.leads.write; reinstall the app, or set leadMode: deal',
    ]);
  });

  test('a fixed token (no granted scopes given) is not checked', async () => {
    const hs = await portal();
    const report = await setup(hs);
    assert.ok(!report.found.some((m) => m.startsWith('scopes:')));
    assert.ok(!report.problems.some((m) => m.startsWith('scopes:')));
  });
});
