// What a real org refuses, rule by rule: the emulator refuses it as Salesforce documents (real jsforce over
// HTTP), and the adapter does what the org accepts — duplicate rules, the messages' master-detail, converted
// Leads, field-level security, queues and Tasks, restricted standard picklists, phone numbers as typed, unknown
// SOQL fields, 300 answers, created records' Location, query paging.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Conversation, CrmTurnWrite } from '@leadwire/connector-core';
import { Connection } from 'jsforce';
import {
  type SalesforceEmulator,
  type SalesforceEmulatorOptions,
  startSalesforceEmulator,
} from '../emulator/salesforce-emulator.ts';
import { personKeyOf, SalesforceCrm } from '../src/salesforce-crm.ts';
import { integrationFieldAccess } from '../src/schema.ts';

const V = '66.0';
const ANA = '005000000000002AAA';
const LEAD_QUEUE = '00G000000000001AAA';
const NOW = Date.parse('2026-11-21T17:00:00.000Z');
const AT = '2026-11-21T17:00:00.000Z';

const emulators: SalesforceEmulator[] = [];
after(async () => {
  for (const emulator of emulators.splice(0)) await emulator.close();
});

async function org(options: SalesforceEmulatorOptions = {}): Promise<SalesforceEmulator> {
  const emulator = await startSalesforceEmulator({
    users: [{ Id: ANA, Name: 'Ana Ruiz' }],
    queues: [{ Id: LEAD_QUEUE, Name: 'Leads', sobjectTypes: ['Lead'] }],
    ...options,
  });
  emulators.push(emulator);
  return emulator;
}

const connect = (sf: SalesforceEmulator) =>
  new Connection({ instanceUrl: sf.url, accessToken: sf.accessToken, version: V });

const adapter = (sf: SalesforceEmulator, settings: { leadSource?: string } = {}) =>
  new SalesforceCrm({
    orgId: sf.orgId,
    instanceUrl: sf.url,
    accessToken: sf.accessToken,
    apiVersion: V,
    clock: { now: () => NOW },
    settings,
  });

let customers = 0;
/** A customer handed over as a Lead; the name is the same for everyone, as in real life it often is. */
function customer(overrides: Partial<Conversation> = {}): Conversation {
  customers++;
  const waId = overrides.user?.waId ?? `4915112${String(customers).padStart(6, '0')}`;
  return {
    id: `1098765:${waId}`,
    tenantId: 'acme',
    phoneNumberId: '1098765',
    user: { waId, name: 'Maria Garcia' },
    state: 'handed_over',
    signals: {},
    crmRefs: {},
    ownerId: ANA,
    turnSeq: 1,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

const line = (conversation: Conversation, n: number) => ({
  wamid: `wamid.${conversation.user.waId}.${n}`,
  direction: 'inbound' as const,
  author: 'customer' as const,
  sentAt: new Date(NOW + n * 1000).toISOString(),
  text: `message ${n}`,
});

/** The turn the CRM step writes for a Lead routed to `ownerId` (a Task for a user). */
function leadTurn(conversation: Conversation, lines = [line(conversation, 1)]): CrmTurnWrite {
  const owner = conversation.ownerId;
  return {
    lead: { ownerId: owner },
    ...(owner === undefined
      ? {}
      : {
          task: {
            key: `${conversation.id}:task:${owner}`,
            ownerId: owner,
            subject: 'WhatsApp lead',
            urgent: false,
            dueAt: new Date(NOW + 86_400_000).toISOString(),
          },
        }),
    lines,
  };
}

const errorOf = async (promise: PromiseLike<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as { errorCode?: string; data?: unknown; message?: string };
  }
  assert.fail('expected the org to refuse');
};

describe('duplicate rules: the standard Lead rule alerts on a name-alike', () => {
  let sf: SalesforceEmulator;
  before(async () => {
    sf = await org();
  });

  test('the org refuses a second "Maria Garcia" at "WhatsApp" without allowSave, with the duplicate result', async () => {
    const conn = connect(sf);
    await conn.sobject('Lead').create({ FirstName: 'Maria', LastName: 'Garcia', Company: 'WhatsApp' });
    const refused = await errorOf(
      conn.sobject('Lead').create({ FirstName: 'maria', LastName: 'GARCIA', Company: 'WhatsApp' }),
    );
    assert.equal(refused.errorCode, 'DUPLICATES_DETECTED');
    const saved = await conn.request<{ id: string }>({
      method: 'POST',
      url: `/services/data/v${V}/sobjects/Lead`,
      body: JSON.stringify({ FirstName: 'Maria', LastName: 'Garcia', Company: 'WhatsApp' }),
      headers: { 'content-type': 'application/json', 'Sforce-Duplicate-Rule-Header': 'allowSave=true' },
    });
    // saved, and reported for an admin to review
    const items = sf.records('DuplicateRecordItem').filter((item) => item.RecordId === saved.id);
    assert.equal(items.length, 1);
  });

  test('the adapter saves a second customer with the same name (allowSave) and the org reports the pair', async () => {
    const crm = adapter(sf);
    const first = customer();
    const second = customer();
    const a = await crm.writeTurn(first, leadTurn(first));
    const b = await crm.writeTurn(second, leadTurn(second));
    assert.notEqual(a.person.id, b.person.id);
    const sets = new Set(
      sf
        .records('DuplicateRecordItem')
        .filter((item) => item.RecordId === b.person.id)
        .map((item) => item.DuplicateRecordSetId),
    );
    assert.equal(sets.size, 1, 'the org reported the duplicate');
  });
});

describe('the messages’ master-detail', () => {
  test('a non-reparentable master-detail refuses a re-upsert that resends the same parent', async () => {
    const sf = await org({ reparentableMasterDetail: false });
    const crm = adapter(sf);
    const conversation = customer();
    await crm.writeTurn(conversation, leadTurn(conversation));
    const replay = await errorOf(crm.writeTurn(conversation, leadTurn(conversation)));
    assert.match(String(replay.message), /INVALID_FIELD_FOR_INSERT_UPDATE \(messages0\).*Conversation__c/);
  });

  test('the package’s reparentable master-detail takes a replayed turn: nothing new, nothing refused', async () => {
    const sf = await org();
    const crm = adapter(sf);
    const conversation = customer();
    await crm.writeTurn(conversation, leadTurn(conversation));
    const again = await adapter(sf).writeTurn(conversation, leadTurn(conversation));
    assert.equal(sf.records('WhatsApp_Message__c').length, 1);
    assert.equal(sf.records('Lead').length, 1);
    assert.ok(again.person.id.startsWith('00Q'));
  });
});

describe('converted Leads', () => {
  test('the org refuses any write to a converted Lead, an upsert by its key too', async () => {
    const sf = await org();
    const conn = connect(sf);
    const lead = await conn
      .sobject('Lead')
      .create({ LastName: 'Kim', Company: 'WhatsApp', WhatsApp_Key__c: 'wa_k' });
    sf.convertLead(lead.id as string);
    const update = await errorOf(conn.sobject('Lead').update({ Id: lead.id as string, Phone: '+4915100' }));
    assert.equal(update.errorCode, 'CANNOT_UPDATE_CONVERTED_LEAD');
    const upsert = await errorOf(
      conn
        .sobject('Lead')
        .upsert({ WhatsApp_Key__c: 'wa_k', LastName: 'Kim', Company: 'WhatsApp' }, 'WhatsApp_Key__c'),
    );
    assert.equal(upsert.errorCode, 'CANNOT_UPDATE_CONVERTED_LEAD');
  });

  test('a Lead converted into a Contact with neither the key nor the phone: the adapter follows ConvertedContactId', async () => {
    // the rep converted into an existing Contact, without the package's field mapping
    const sf = await org({ leadConvertMappings: {} });
    const conversation = customer();
    const first = await adapter(sf).writeTurn(conversation, leadTurn(conversation));
    const contactId = sf.insert('Contact', { LastName: 'Garcia', OwnerId: ANA });
    sf.convertLead(first.person.id, { contactId });

    const next = { ...conversation, id: `${conversation.id}:again`, crmRefs: {} };
    const written = await adapter(sf).writeTurn(next, leadTurn(next, [line(next, 2)]));
    assert.equal(written.person.id, contactId);
    assert.equal(written.lead?.kind, 'opportunity');
    const contact = sf.records('Contact').find((row) => row.Id === contactId);
    assert.equal(contact?.WhatsApp_Key__c, personKeyOf(conversation), 'the key now on the Contact');
    assert.equal(sf.records('Lead').length, 1, 'no new Lead');
  });

  test('the package maps the WhatsApp key onto the Contact a Lead converts into', async () => {
    const sf = await org();
    const conversation = customer();
    const first = await adapter(sf).writeTurn(conversation, leadTurn(conversation));
    const { contactId } = sf.convertLead(first.person.id);
    const contact = sf.records('Contact').find((row) => row.Id === contactId);
    assert.equal(contact?.WhatsApp_Key__c, personKeyOf(conversation));
    const next = { ...conversation, id: `${conversation.id}:again`, crmRefs: {} };
    assert.equal((await adapter(sf).findPerson(next))?.id, contactId);
  });
});

describe('field-level security', () => {
  const granted = () =>
    Object.fromEntries(
      integrationFieldAccess().map(({ field, editable }) => [field, { readable: true, editable }]),
    );

  test('the org refuses a write to a field the user may not see or only read, and a query naming a hidden field', async () => {
    const sf = await org({
      fieldPermissions: {
        ...granted(),
        'Lead.LeadSource': { readable: false, editable: false },
        'Lead.MobilePhone': { readable: true, editable: false },
      },
    });
    const conn = connect(sf);
    const hidden = await errorOf(
      conn.sobject('Lead').create({ LastName: 'A', Company: 'B', LeadSource: 'Web' }),
    );
    assert.equal(hidden.errorCode, 'INVALID_FIELD');
    const readOnly = await errorOf(
      conn.sobject('Lead').create({ LastName: 'A', Company: 'B', MobilePhone: '+49151' }),
    );
    assert.equal(readOnly.errorCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
    const query = await errorOf(conn.query('SELECT Id FROM Lead WHERE LeadSource = null'));
    assert.equal(query.errorCode, 'INVALID_FIELD');
    // the adapter fails the whole turn: the grant is missing (setup says which)
    const conversation = customer();
    await assert.rejects(adapter(sf).writeTurn(conversation, leadTurn(conversation)));
  });

  test('the package’s Leadwire_Integration lets the adapter write a whole turn (the emulator’s default access)', async () => {
    const sf = await org();
    const conversation = customer();
    const written = await adapter(sf).writeTurn(conversation, leadTurn(conversation));
    const lead = sf.records('Lead').find((row) => row.Id === written.person.id);
    assert.deepEqual([lead?.LeadSource, lead?.MobilePhone], ['WhatsApp', `+${conversation.user.waId}`]);
  });
});

describe('queues and Tasks', () => {
  test('the org refuses a Task owned by a queue that does not own Tasks', async () => {
    const sf = await org();
    const conn = connect(sf);
    const refused = await errorOf(conn.sobject('Task').create({ Subject: 'x', OwnerId: LEAD_QUEUE }));
    assert.equal(refused.errorCode, 'FIELD_INTEGRITY_EXCEPTION');
  });

  test('the adapter gives the queue the Lead and no Task; createTask for a queue is a clear VALIDATION', async () => {
    const sf = await org();
    const conversation = customer({ ownerId: LEAD_QUEUE });
    const written = await adapter(sf).writeTurn(conversation, leadTurn(conversation));
    assert.equal(sf.records('Lead').find((row) => row.Id === written.person.id)?.OwnerId, LEAD_QUEUE);
    assert.equal(sf.records('Task').length, 0);
    await assert.rejects(
      adapter(sf).createTask(conversation, {
        key: 'k',
        ownerId: LEAD_QUEUE,
        subject: 's',
        urgent: false,
        dueAt: AT,
      }),
      { code: 'VALIDATION' },
    );
  });
});

describe('standard picklists', () => {
  test('a restricted Lead Source refuses "WhatsApp"; the configured value is written instead', async () => {
    const sf = await org({ picklists: { 'Lead.LeadSource': { values: ['Web', 'Chat'], restricted: true } } });
    const refused = await errorOf(
      connect(sf).sobject('Lead').create({ LastName: 'A', Company: 'B', LeadSource: 'WhatsApp' }),
    );
    assert.equal(refused.errorCode, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    const conversation = customer();
    const written = await adapter(sf, { leadSource: 'Chat' }).writeTurn(conversation, leadTurn(conversation));
    assert.equal(sf.records('Lead').find((row) => row.Id === written.person.id)?.LeadSource, 'Chat');
  });
});

describe('phone numbers as typed', () => {
  for (const typed of ['+49 151 1234-5678', '0151 12345678', '(0151) 1234 5678', '0049.151.12345678'])
    test(`a Contact whose mobile was typed "${typed}" is the customer +4915112345678: no duplicate Lead`, async () => {
      const sf = await org();
      const contactId = sf.insert('Contact', { LastName: 'Garcia', MobilePhone: typed, OwnerId: ANA });
      const conversation = customer({ user: { waId: '4915112345678', name: 'Maria Garcia' } });
      const written = await adapter(sf).writeTurn(conversation, leadTurn(conversation));
      assert.equal(written.person.id, contactId);
      assert.equal(sf.records('Lead').length, 0);
    });

  test('another number sharing a few digits is not the customer', async () => {
    const sf = await org();
    sf.insert('Contact', { LastName: 'Other', Phone: '+49 30 2345678', OwnerId: ANA });
    const conversation = customer({ user: { waId: '4915112345678', name: 'Maria Garcia' } });
    const written = await adapter(sf).writeTurn(conversation, leadTurn(conversation));
    assert.ok(written.person.id.startsWith('00Q'), 'a new Lead');
  });
});

describe('REST shapes an org answers', () => {
  test('a query naming a field the object lacks is INVALID_FIELD, not an empty answer', async () => {
    const sf = await org();
    const refused = await errorOf(connect(sf).query("SELECT Id FROM Lead WHERE Nickname__c = 'x'"));
    assert.equal(refused.errorCode, 'INVALID_FIELD');
  });

  test('a composite subrequest that creates a record answers its Location in httpHeaders', async () => {
    const sf = await org();
    const answer = await connect(sf).requestPost<{
      compositeResponse: { httpHeaders: Record<string, string>; body: { id: string } }[];
    }>(`/services/data/v${V}/composite`, {
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: `/services/data/v${V}/sobjects/Lead`,
          referenceId: 'lead',
          body: { LastName: 'Loc', Company: 'WhatsApp' },
        },
      ],
    });
    const [sub] = answer.compositeResponse;
    assert.equal(sub?.httpHeaders.Location, `/services/data/v${V}/sobjects/Lead/${sub?.body.id}`);
  });

  test('a query answers 2,000 rows a page with nextRecordsUrl; the adapter’s directory reads every page', async () => {
    const users = Array.from({ length: 2_500 }, (_, i) => ({
      Id: `005${String(i + 10).padStart(12, '0')}AAA`,
      Name: `User ${i}`,
    }));
    const sf = await org({ users });
    const first = await connect(sf).request<{ records: unknown[]; done: boolean; nextRecordsUrl?: string }>({
      method: 'GET',
      url: `/services/data/v${V}/query?q=${encodeURIComponent('SELECT Id FROM User')}`,
    });
    assert.equal(first.records.length, 2_000);
    assert.equal(first.done, false);
    assert.match(first.nextRecordsUrl ?? '', /\/query\/01g\w+-2000$/);
    const owners = await adapter(sf).listOwners();
    assert.equal(owners.length, 2_500 + 1, 'every active user: the seeded ones and the integration user');
  });
});
