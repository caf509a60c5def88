// The records whatsappConversation's Jest tests render, made by the real adapter against the emulator: a
// conversation routing found nobody for (the pool) with its routing trace and a long transcript, read back as
// the UI API answers them (RecordRepresentation: `fields.X.value`). The component is tested on what the adapter
// writes, not on hand-made records; test/lwc-fixture.test.ts fails when the committed file drifts.
//   npx node salesforce-package/scripts/lwc-fixture.ts   (rewrites the file)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Conversation, CrmTranscriptLine } from '@leadwire/connector-core';
import { startSalesforceEmulator } from '../emulator/salesforce-emulator.ts';
import type { Row } from '../emulator/soql.ts';
import { SalesforceCrm } from '../src/salesforce-crm.ts';
import { defaultDir } from './metadata-source.ts';

export const FIXTURE_PATH = join(
  defaultDir,
  'lwc',
  'whatsappConversation',
  '__tests__',
  'data',
  'poolConversation.json',
);

/** The transcript's length: more than one page of the component (50), fewer than two. */
export const FIXTURE_MESSAGES = 70;

const START = Date.parse('2026-11-20T09:00:00.000Z');

/** routing's trace of a conversation that went to the pool: the rule's group had nobody available */
export const POOL_TRACE = {
  rule: 'riyadh-ac',
  rulesSkipped: [{ rule: 'jeddah', failed: 'area' }],
  steps: [
    {
      target: 'group:riyadh-team',
      stage: 'rule',
      outcome: 'nobody',
      candidates: [
        { userId: '005000000000002AAA', outcome: 'skipped', reason: 'offline' },
        { userId: '005000000000003AAA', outcome: 'skipped', reason: 'at_capacity' },
      ],
    },
    { target: 'pool', stage: 'pool', outcome: 'chosen' },
  ],
  via: 'pool',
  turnKey: '1098765:966501234567:3',
};

/** A UI API record: the fields asked for, each `{ value, displayValue }`; `Owner.Name` as a nested record. */
function uiRecord(apiName: string, row: Row, fields: string[], ownerName?: string) {
  const out: Record<string, { value: unknown; displayValue: null }> = {};
  for (const field of fields) out[field] = { value: row[field] ?? null, displayValue: null };
  if (ownerName !== undefined)
    out.Owner = {
      value: { apiName: 'User', id: row.OwnerId, fields: { Name: { value: ownerName, displayValue: null } } },
      displayValue: null,
    };
  return { apiName, id: String(row.Id), fields: out };
}

export async function makeFixture() {
  const sf = await startSalesforceEmulator();
  try {
    const crm = new SalesforceCrm({
      orgId: sf.orgId,
      instanceUrl: sf.url,
      accessToken: sf.accessToken,
      apiVersion: sf.apiVersion,
      clock: { now: () => START },
    });
    const conversation: Conversation = {
      id: '1098765:966501234567',
      tenantId: 'acme',
      phoneNumberId: '1098765',
      user: { waId: '966501234567', name: 'Layla Haddad' },
      state: 'handed_over',
      signals: {},
      crmRefs: {},
      turnSeq: 3,
      createdAt: new Date(START).toISOString(),
      updatedAt: new Date(START).toISOString(),
    };
    const lines: CrmTranscriptLine[] = Array.from({ length: FIXTURE_MESSAGES }, (_, n) => ({
      wamid: `wamid.fixture.${n + 1}`,
      direction: n % 2 === 0 ? 'inbound' : 'outbound',
      author: n % 2 === 0 ? 'customer' : 'agent',
      sentAt: new Date(START + n * 60_000).toISOString(),
      text: `message ${n + 1}`,
    }));
    await crm.writeTurn(conversation, { lead: { ownerId: undefined }, routingTrace: POOL_TRACE, lines });
    const [record] = sf.records('WhatsApp_Conversation__c');
    if (record === undefined) throw new Error('the adapter wrote no conversation');
    const owner = sf.records('User').find((user) => user.Id === record.OwnerId);
    return {
      conversation: uiRecord(
        'WhatsApp_Conversation__c',
        { ...record, Name: 'WAC-000001' },
        [
          'Name',
          'Customer_Name__c',
          'Phone__c',
          'WhatsApp_Id__c',
          'Status__c',
          'Routing_Trace__c',
          'Routed_Owner_Id__c',
          'Last_Message_At__c',
          'OwnerId',
        ],
        String(owner?.Name ?? ''),
      ),
      // as the related list answers them: newest first
      messages: sf
        .records('WhatsApp_Message__c')
        .sort((a, b) => String(b.Sent_At__c).localeCompare(String(a.Sent_At__c)))
        .map((row) =>
          uiRecord('WhatsApp_Message__c', row, [
            'Direction__c',
            'Author__c',
            'Type__c',
            'Body__c',
            'Sent_At__c',
          ]),
        ),
    };
  } finally {
    await sf.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(FIXTURE_PATH, `${JSON.stringify(await makeFixture(), null, 2)}\n`);
  console.log(FIXTURE_PATH);
}
