// `leadwire setup salesforce` against the emulator: an org with the package and the permission set assigned is
// reported complete; a field the adapter writes that the org lacks, a field of the wrong type, a missing object
// and an unassigned permission set are each reported with what to do.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Connection } from 'jsforce';
import {
  type SalesforceEmulator,
  type SalesforceEmulatorOptions,
  startSalesforceEmulator,
} from '../emulator/salesforce-emulator.ts';
import { integrationFieldAccess, type SalesforceObject, salesforceSchema } from '../src/schema.ts';
import { checkSalesforceOrg, formatSetupReport, INTEGRATION_PERMISSION_SET } from '../src/setup.ts';

type SchemaShape = { objects: Record<string, SalesforceObject> };
const schema = salesforceSchema as unknown as SchemaShape;

const emulators: SalesforceEmulator[] = [];
afterEach(async () => {
  for (const emu of emulators.splice(0)) await emu.close();
});

/**
 * Whether the emulator can hold PermissionSet / PermissionSetAssignment rows (it must list them among its seeded
 * objects). Until it does, the permission set cases are reported as todo rather than passing without a check.
 */
async function emulatorHasPermissionSets(): Promise<boolean> {
  const emu = await startSalesforceEmulator();
  try {
    emu.insert('PermissionSet', { Name: 'Probe' });
    return true;
  } catch {
    return false;
  } finally {
    await emu.close();
  }
}
const permissionSetsTodo = (await emulatorHasPermissionSets())
  ? false
  : 'the emulator does not seed PermissionSet / PermissionSetAssignment yet';

/** The standard picklists of an org whose admin added the value "WhatsApp" Leadwire writes by default. */
const withWhatsApp = {
  'Lead.LeadSource': { values: ['Web', 'Phone Inquiry', 'Other', 'WhatsApp'] },
  'Opportunity.LeadSource': { values: ['Web', 'Phone Inquiry', 'Other', 'WhatsApp'] },
  'Case.Origin': { values: ['Phone', 'Email', 'Web', 'WhatsApp'] },
};

/** An org with the package deployed; `assigned` gives the integration user the permission set. */
async function org(options: { assigned: boolean; deployed?: boolean; emulator?: SalesforceEmulatorOptions }) {
  const emu = await startSalesforceEmulator({ picklists: withWhatsApp, ...options.emulator });
  emulators.push(emu);
  if (permissionSetsTodo === false && options.deployed !== false) {
    const permissionSetId = emu.insert('PermissionSet', {
      Name: INTEGRATION_PERMISSION_SET,
      Label: 'Leadwire Integration',
    });
    emu.insert('PermissionSet', { Name: 'Leadwire_User', Label: 'Leadwire User' });
    if (options.assigned)
      emu.insert('PermissionSetAssignment', { AssigneeId: emu.userId, PermissionSetId: permissionSetId });
  }
  const conn = new Connection({ instanceUrl: emu.url, accessToken: emu.accessToken, version: '62.0' });
  conn.userInfo = {
    id: emu.userId,
    organizationId: emu.orgId,
    url: `${emu.url}/id/${emu.orgId}/${emu.userId}`,
  };
  return { emu, conn };
}

/** Missing objects and fields (the permission set line is checked on its own). */
const fieldsAndObjects = (missing: string[]) => missing.filter((m) => !m.startsWith('permission set'));

/** The schema with one object's definition changed (the adapter expecting more than the org has). */
function schemaWith(object: string, change: (o: SalesforceObject) => SalesforceObject): SchemaShape {
  return { objects: { ...schema.objects, [object]: change(schema.objects[object]!) } };
}

describe('checkSalesforceOrg', () => {
  it('an org with every object and field and the permission set assigned is complete', {
    todo: permissionSetsTodo,
  }, async () => {
    const { emu, conn } = await org({ assigned: true });
    const report = await checkSalesforceOrg(conn, schema);
    assert.deepEqual(report.missing, []);
    assert.deepEqual(report.problems, []);
    assert.equal(report.ok, true);
    assert.ok(report.present.includes('WhatsApp_Conversation__c'));
    assert.ok(report.present.includes('WhatsApp_Message__c.Wamid__c'));
    assert.ok(report.present.includes('Task.Leadwire_Key__c'));
    assert.ok(
      report.present.includes(
        `permission set Leadwire_Integration assigned to the integration user (${emu.userId})`,
      ),
    );
    const fieldCount = Object.values(schema.objects).reduce((n, o) => n + Object.keys(o.fields).length, 0);
    // + the permission set assignment and the three picklist values
    assert.equal(report.present.length, Object.keys(schema.objects).length + fieldCount + 1 + 3);
    assert.match(
      formatSetupReport(report),
      /0 missing, 0 problem\(s\): the Leadwire package is installed\n$/,
    );
  });

  it('names a field the org lacks', async () => {
    const { conn } = await org({ assigned: true });
    const expected = schemaWith('WhatsApp_Conversation__c', (o) => ({
      ...o,
      fields: { ...o.fields, Channel__c: { type: 'Text', label: 'Channel', length: 40 } },
    }));
    const report = await checkSalesforceOrg(conn, expected);
    assert.deepEqual(fieldsAndObjects(report.missing), ['WhatsApp_Conversation__c.Channel__c']);
    assert.equal(report.ok, false);
    assert.match(formatSetupReport(report), /^missing {2}WhatsApp_Conversation__c\.Channel__c$/m);
  });

  it('names a field of the wrong type, a missing picklist value and a missing object', async () => {
    const { conn } = await org({ assigned: true });
    const expected: SchemaShape = {
      objects: {
        ...schemaWith('WhatsApp_Message__c', (o) => ({
          ...o,
          fields: {
            ...o.fields,
            Sent_At__c: { type: 'Date', label: 'Sent At' },
            Author__c: { type: 'Picklist', label: 'Author', values: ['customer', 'agent', 'human', 'bot'] },
          },
        })).objects,
        WhatsApp_Media__c: { label: 'WhatsApp Media', custom: true, fields: {} },
      },
    };
    const report = await checkSalesforceOrg(conn, expected);
    assert.deepEqual(fieldsAndObjects(report.missing), ['WhatsApp_Media__c']);
    assert.ok(
      report.problems.includes(
        'WhatsApp_Message__c.Sent_At__c is datetime, Leadwire writes it as Date: redeploy the Leadwire package (force-app) to this org',
      ),
      report.problems.join('\n'),
    );
    assert.ok(
      report.problems.some((p) =>
        p.startsWith('WhatsApp_Message__c.Author__c lacks the picklist value(s) bot'),
      ),
    );
    assert.ok(report.problems.some((p) => p.startsWith('WhatsApp_Media__c is not in the org')));
  });

  it('reports the permission set deployed but not assigned to the integration user', {
    todo: permissionSetsTodo,
  }, async () => {
    const { emu, conn } = await org({ assigned: false });
    const report = await checkSalesforceOrg(conn, schema);
    assert.deepEqual(report.missing, [
      `permission set Leadwire_Integration assigned to the integration user (${emu.userId})`,
    ]);
    assert.deepEqual(report.problems, [
      `assign the permission set Leadwire_Integration to user ${emu.userId} (Setup → Users → Permission Set Assignments)`,
    ]);
    assert.equal(report.ok, false);
  });

  it('reports a permission set that was never deployed', { todo: permissionSetsTodo }, async () => {
    const { emu, conn } = await org({ assigned: false, deployed: false });
    const report = await checkSalesforceOrg(conn, schema);
    assert.equal(report.missing.length, 1);
    assert.match(
      report.problems[0]!,
      new RegExp(`not in the org: deploy the Leadwire package, then assign it to user ${emu.userId}`),
    );
  });

  it('checks the user it is told to check', { todo: permissionSetsTodo }, async () => {
    const { conn } = await org({ assigned: true });
    const report = await checkSalesforceOrg(conn, schema, { userId: '005000000000009AAA' });
    assert.deepEqual(report.missing, [
      'permission set Leadwire_Integration assigned to the integration user (005000000000009AAA)',
    ]);
  });

  it('says exactly which field permission the integration user lacks, and where to grant it', async () => {
    const granted = Object.fromEntries(
      integrationFieldAccess().map(({ field, editable }) => [field, { readable: true, editable }]),
    );
    const { conn } = await org({
      assigned: true,
      emulator: {
        fieldPermissions: {
          ...granted,
          'Lead.LeadSource': { readable: false, editable: false },
          'Task.Priority': { readable: true, editable: false },
        },
      },
    });
    const report = await checkSalesforceOrg(conn, schema);
    assert.ok(report.missing.includes('Lead.LeadSource'));
    assert.deepEqual(
      report.problems.filter((p) => p.startsWith('Lead.') || p.startsWith('Task.')),
      [
        "Lead.LeadSource is hidden from the integration user (field-level security): in Setup → Permission Sets → Leadwire_Integration → Object Settings → Lead, give LeadSource Read and Edit Access (or redeploy the package's Leadwire_Integration)",
        "Task.Priority is read-only for the integration user: in Setup → Permission Sets → Leadwire_Integration → Object Settings → Task, give Priority Edit Access (or redeploy the package's Leadwire_Integration)",
      ],
    );
    assert.equal(report.ok, false);
  });

  it('reports a LeadSource or Origin value the org lacks, and that a restricted picklist refuses it', async () => {
    const { conn } = await org({
      assigned: true,
      emulator: {
        picklists: {
          ...withWhatsApp,
          'Lead.LeadSource': { values: ['Web', 'Other'] },
          'Case.Origin': { values: ['Phone', 'Web'], restricted: true },
        },
      },
    });
    const report = await checkSalesforceOrg(conn, schema);
    assert.deepEqual(
      report.problems.filter((p) => p.includes('has no value')),
      [
        'Lead.LeadSource has no value "WhatsApp" (it is saved as an unlisted value reports and filters do not offer): add it in Setup → Object Manager → Lead → Fields → LeadSource → Values, or set crm.salesforce.leadSource to one of: Web, Other',
        'Case.Origin has no value "WhatsApp" (the picklist is restricted, so every write with it fails): add it in Setup → Object Manager → Case → Fields → Origin → Values, or set crm.salesforce.caseOrigin to one of: Phone, Web',
      ],
    );
    const configured = await checkSalesforceOrg(conn, schema, {
      picklistValues: { 'Lead.LeadSource': 'Web', 'Case.Origin': 'Web' },
    });
    assert.deepEqual(configured.problems, []);
  });

  it('checks that the queues routing names own Leads and Cases', async () => {
    const { conn } = await org({
      assigned: true,
      emulator: {
        queues: [
          { Id: '00G000000000001AAA', Name: 'Plumbing', sobjectTypes: ['Lead', 'Case'] },
          { Id: '00G000000000002AAA', Name: 'Support', sobjectTypes: ['Case'] },
        ],
      },
    });
    const report = await checkSalesforceOrg(conn, schema, {
      queueIds: ['00G000000000001AAA', '00G000000000002AAA', '00G000000000404AAA', 'sales'],
    });
    assert.ok(report.present.includes('queue Plumbing (00G000000000001AAA) owns Leads and Cases'));
    assert.deepEqual(report.problems, [
      'routing names queue "sales", which is not a Salesforce queue id (00G…)',
      'queue Support (00G000000000002AAA) cannot own Lead: a Lead routed to it fails; add Lead to its Supported Objects (Setup → Queues)',
      'routing names queue 00G000000000404AAA, which the org does not have',
    ]);
  });

  it('reports a master-detail the org deployed without reparenting (message upserts would fail)', async () => {
    const { conn } = await org({ assigned: true, emulator: { reparentableMasterDetail: false } });
    const report = await checkSalesforceOrg(conn, schema);
    assert.deepEqual(report.problems, [
      'WhatsApp_Message__c.Conversation__c is not reparentable, so re-sending a message (a retry, a replay) fails: set "Allow reparenting" on it: redeploy the Leadwire package (force-app) to this org',
    ]);
  });
});
