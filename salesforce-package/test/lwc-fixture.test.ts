// The component's Jest fixture is what the adapter writes (scripts/lwc-fixture.ts, regenerated here and
// compared), and what the component does with it works against the org: a rep holding Leadwire_User claims a
// pool conversation with exactly the fields the component's Claim sends.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Connection } from 'jsforce';
import { startSalesforceEmulator } from '../emulator/salesforce-emulator.ts';
import { FIXTURE_PATH, makeFixture } from '../scripts/lwc-fixture.ts';
import { SalesforceCrm } from '../src/salesforce-crm.ts';

const REP = '005000000000002AAA';

describe('the component’s records', () => {
  test('the Jest fixture is what the adapter writes to the emulator (run scripts/lwc-fixture.ts when this fails)', async () => {
    const committed = JSON.parse(readFileSync(FIXTURE_PATH, 'utf8'));
    assert.deepEqual(committed, JSON.parse(JSON.stringify(await makeFixture())));
  });

  test('a rep with Leadwire_User claims a pool conversation: owner and routed owner become theirs', async () => {
    const sf = await startSalesforceEmulator({ users: [{ Id: REP, Name: 'Ana Ruiz' }] });
    try {
      const crm = new SalesforceCrm({
        orgId: sf.orgId,
        instanceUrl: sf.url,
        accessToken: sf.accessToken,
        apiVersion: sf.apiVersion,
      });
      const conversation = {
        id: '1098765:966501234567',
        tenantId: 'acme',
        phoneNumberId: '1098765',
        user: { waId: '966501234567', name: 'Layla Haddad' },
        state: 'handed_over' as const,
        signals: {},
        crmRefs: {},
        turnSeq: 1,
        createdAt: '2026-11-20T09:00:00.000Z',
        updatedAt: '2026-11-20T09:00:00.000Z',
      };
      await crm.writeTurn(conversation, { lead: { ownerId: undefined }, lines: [] });
      const [record] = sf.records('WhatsApp_Conversation__c');
      assert.equal(record?.Routed_Owner_Id__c, 'pool');
      const as = (token: string) =>
        new Connection({ instanceUrl: sf.url, accessToken: token, version: sf.apiVersion });
      // the fields whatsappConversation's Claim sends (its Jest test pins the same call)
      const claim = {
        Id: String(record?.Id),
        OwnerId: REP,
        Routed_Owner_Id__c: REP,
        Claim_Status__c: 'requested',
      };

      // without the permission set: Routed_Owner_Id__c is not even visible to the rep
      await assert.rejects(as(sf.sessionFor(REP)).sobject('WhatsApp_Conversation__c').update(claim), {
        errorCode: 'INVALID_FIELD',
      });
      const rep = as(sf.sessionFor(REP, 'Leadwire_User'));
      // what Leadwire wrote stays Leadwire's
      await assert.rejects(
        rep.sobject('WhatsApp_Conversation__c').update({ Id: claim.Id, Status__c: 'human' }),
        { errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' },
      );
      const claimed = await rep.sobject('WhatsApp_Conversation__c').update(claim);
      assert.equal(claimed.success, true);
      const after = sf.records('WhatsApp_Conversation__c')[0];
      assert.deepEqual([after?.OwnerId, after?.Routed_Owner_Id__c], [REP, REP]);
    } finally {
      await sf.close();
    }
  });

  test('changing the owner of someone else’s conversation takes Transfer Record', async () => {
    // an integration user holding the fields but not Transfer Record, and a conversation a rep owns
    const sf = await startSalesforceEmulator({
      users: [{ Id: REP, Name: 'Ana Ruiz' }],
      userPermissions: ['ApiEnabled', 'EditTask'],
    });
    try {
      const id = sf.insert('WhatsApp_Conversation__c', { Conversation_Key__c: 'k', OwnerId: REP });
      const integration = new Connection({
        instanceUrl: sf.url,
        accessToken: sf.accessToken,
        version: sf.apiVersion,
      });
      await assert.rejects(
        integration.sobject('WhatsApp_Conversation__c').update({ Id: id, OwnerId: sf.userId }),
        { errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' },
      );
    } finally {
      await sf.close();
    }
  });
});
