// The Salesforce emulator against real jsforce 3 over HTTP: the REST shapes and status codes the adapter relies on
// (research/salesforce.md §1.3–§1.10), so a test passing here means the same calls work against an org.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Connection } from 'jsforce';
import { type SalesforceEmulator, startSalesforceEmulator } from '../emulator/salesforce-emulator.ts';
import { parseSoql } from '../emulator/soql.ts';

const V = '62.0';

describe('Salesforce emulator (real jsforce)', () => {
  let sf: SalesforceEmulator;
  const connect = (extra: { refreshToken?: string } = {}) =>
    new Connection({
      instanceUrl: sf.url,
      accessToken: sf.accessToken,
      version: V,
      ...(extra.refreshToken === undefined
        ? {}
        : {
            refreshToken: extra.refreshToken,
            oauth2: { clientId: sf.clientId, clientSecret: sf.clientSecret, loginUrl: sf.url },
          }),
    });

  before(async () => {
    sf = await startSalesforceEmulator({
      users: [{ Id: '005000000000002AAA', Name: 'Ana Ruiz' }],
      queues: [{ Id: '00G000000000001AAA', Name: 'Plumbing Leads', sobjectTypes: ['Lead', 'Case'] }],
    });
  });
  after(async () => sf.close());
  beforeEach(() => sf.resetCalls());

  test('create answers 201 {id, success, errors}; update by id answers 204; every answer carries Sforce-Limit-Info', async () => {
    const conn = connect();
    const created = await conn.sobject('Lead').create({ LastName: 'Ruiz', Company: 'WhatsApp' });
    assert.equal(created.success, true);
    assert.match(created.id ?? '', /^00Q\w{15}$/);
    const updated = await conn.sobject('Lead').update({ Id: created.id as string, Phone: '+34600111222' });
    assert.equal(updated.success, true);
    assert.equal(sf.records('Lead').find((r) => r.Id === created.id)?.Phone, '+34600111222');
    assert.deepEqual(conn.limitInfo.apiUsage, { used: sf.apiUsage.used, limit: 15_000 });
    assert.equal(sf.calls.byRoute[`PATCH /services/data/v${V}/sobjects/Lead/{id}`], 1);
  });

  test('upsert by external id: 201 created:true, then 200 created:false, and nothing new', async () => {
    const conn = connect();
    const first = await conn
      .sobject('Lead')
      .upsert({ WhatsApp_Key__c: 'wa_1', LastName: 'A', Company: 'X' }, 'WhatsApp_Key__c');
    const second = await conn
      .sobject('Lead')
      .upsert({ WhatsApp_Key__c: 'wa_1', LastName: 'B', Company: 'X' }, 'WhatsApp_Key__c');
    assert.deepEqual([first.created, second.created], [true, false]);
    assert.equal(first.id, second.id);
    assert.equal(sf.records('Lead').filter((r) => r.WhatsApp_Key__c === 'wa_1').length, 1);
    assert.equal(sf.calls.log.at(0)?.status, 201);
    assert.equal(sf.calls.log.at(1)?.status, 200);
  });

  test('errors come as [{errorCode, message, fields}]: required fields, restricted picklists, duplicate external ids', async () => {
    const conn = connect();
    await assert.rejects(conn.sobject('Lead').create({ Company: 'X' }), {
      errorCode: 'REQUIRED_FIELD_MISSING',
    });
    await assert.rejects(
      conn.sobject('WhatsApp_Conversation__c').create({ Conversation_Key__c: 'k1', Urgency__c: 'very' }),
      { errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' },
    );
    await conn.sobject('WhatsApp_Conversation__c').create({ Conversation_Key__c: 'dup' });
    await assert.rejects(conn.sobject('WhatsApp_Conversation__c').create({ Conversation_Key__c: 'dup' }), {
      errorCode: 'DUPLICATE_VALUE',
    });
    await assert.rejects(conn.sobject('Lead').create({ LastName: 'A', Company: 'X', Nope__c: 1 }), {
      errorCode: 'INVALID_FIELD',
    });
  });

  test('owners: Opportunities take users only, Leads take a queue that supports Leads, Tasks not a Lead-only queue', async () => {
    const conn = connect();
    await assert.rejects(
      conn.sobject('Opportunity').create({
        Name: 'O',
        StageName: 'Prospecting',
        CloseDate: '2026-12-01',
        OwnerId: '00G000000000001AAA',
      }),
      { errorCode: 'FIELD_INTEGRITY_EXCEPTION' },
    );
    const lead = await conn
      .sobject('Lead')
      .create(
        { LastName: 'Q', Company: 'X', OwnerId: '00G000000000001AAA' },
        { headers: { 'Sforce-Auto-Assign': 'FALSE' } },
      );
    assert.equal(lead.success, true);
    await assert.rejects(conn.sobject('Task').create({ Subject: 'x', OwnerId: '00G000000000001AAA' }), {
      errorCode: 'FIELD_INTEGRITY_EXCEPTION',
    });
    assert.equal(sf.calls.log.at(1)?.autoAssign, 'FALSE');
  });

  test('collections: upsert by external id in the body, 200 per-row results with statusCode on failures', async () => {
    const conn = connect();
    const parent = await conn.sobject('WhatsApp_Conversation__c').create({ Conversation_Key__c: 'c-col' });
    const rows = await conn.requestPatch<
      { success: boolean; created?: boolean; errors: { statusCode: string }[] }[]
    >(`/services/data/v${V}/composite/sobjects/WhatsApp_Message__c/Wamid__c`, {
      allOrNone: false,
      records: [
        {
          attributes: { type: 'WhatsApp_Message__c' },
          Wamid__c: 'wamid.A+/=',
          Conversation__c: parent.id,
          Direction__c: 'inbound',
        },
        {
          attributes: { type: 'WhatsApp_Message__c' },
          Wamid__c: 'wamid.B',
          Conversation__c: parent.id,
          Direction__c: 'sideways',
        },
      ],
    });
    assert.equal(rows[0]?.success, true);
    assert.equal(rows[0]?.created, true);
    assert.equal(rows[1]?.success, false);
    assert.equal(rows[1]?.errors[0]?.statusCode, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });

  test('composite: references between subrequests, one API call, allOrNone rolls everything back', async () => {
    const conn = connect();
    const base = `/services/data/v${V}`;
    const ok = await conn.requestPost<{
      compositeResponse: { httpStatusCode: number; body: { id: string } }[];
    }>('/composite', {
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: `${base}/sobjects/Lead`,
          referenceId: 'lead',
          body: { LastName: 'C', Company: 'X' },
        },
        {
          method: 'POST',
          url: `${base}/sobjects/Task`,
          referenceId: 'task',
          body: { Subject: 'call', WhoId: '@{lead.id}' },
        },
      ],
    });
    assert.deepEqual(
      ok.compositeResponse.map((r) => r.httpStatusCode),
      [201, 201],
    );
    const task = sf.records('Task').find((r) => r.Id === ok.compositeResponse[1]?.body.id);
    assert.equal(task?.WhoId, ok.compositeResponse[0]?.body.id);
    assert.equal(sf.calls.total, 1);

    const leadsBefore = sf.records('Lead').length;
    const failed = await conn.requestPost<{
      compositeResponse: { httpStatusCode: number; body: { errorCode: string }[] }[];
    }>('/composite', {
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: `${base}/sobjects/Lead`,
          referenceId: 'lead',
          body: { LastName: 'D', Company: 'X' },
        },
        { method: 'POST', url: `${base}/sobjects/Lead`, referenceId: 'bad', body: { Company: 'X' } },
      ],
    });
    assert.equal(sf.records('Lead').length, leadsBefore, 'rolled back');
    assert.equal(failed.compositeResponse[0]?.body[0]?.errorCode, 'PROCESSING_HALTED');
    assert.equal(failed.compositeResponse[1]?.body[0]?.errorCode, 'REQUIRED_FIELD_MISSING');
  });

  test('composite allOrNone: a record updated before the failing subrequest keeps its values from before', async () => {
    const conn = connect();
    const base = `/services/data/v${V}`;
    const id = sf.insert('Lead', { LastName: 'Kept', Company: 'X', Phone: '+34600000001' });
    await conn.requestPost('/composite', {
      allOrNone: true,
      compositeRequest: [
        {
          method: 'PATCH',
          url: `${base}/sobjects/Lead/${id}`,
          referenceId: 'change',
          body: { Phone: '+34600000002', LastName: 'Changed' },
        },
        { method: 'POST', url: `${base}/sobjects/Lead`, referenceId: 'bad', body: { Company: 'X' } },
      ],
    });
    const lead = sf.records('Lead').find((r) => r.Id === id);
    assert.equal(lead?.Phone, '+34600000001');
    assert.equal(lead?.LastName, 'Kept');
  });

  test('SOQL: the parser reads the query shapes the adapter issues, and the answer is totalSize/done/records', async () => {
    const conn = connect();
    // an admin's records (the integration user may read a Contact's phone, not write it)
    sf.insert('Contact', { LastName: 'Soql', Phone: '+34600999888', WhatsApp_Key__c: 'wa_soql' });
    sf.insert('Contact', { LastName: 'Other', Phone: '+1555' });
    const found = await conn.query<{ Id: string; Phone: string }>(
      "SELECT Id, Phone FROM Contact WHERE (WhatsApp_Key__c = 'nope' OR Phone = '+34600999888') AND LastName != 'x' LIMIT 5",
    );
    assert.equal(found.totalSize, 1);
    assert.equal(found.records[0]?.Phone, '+34600999888');
    assert.deepEqual(parseSoql("SELECT Id FROM Lead WHERE Name = 'O\\'Brien' LIMIT 1").where, {
      kind: 'compare',
      field: 'Name',
      op: '=',
      value: "O'Brien",
    });
    const queues = await conn.query(
      "SELECT Id FROM Group WHERE Type = 'Queue' AND Id IN (SELECT QueueId FROM QueueSobject WHERE SobjectType = 'Case')",
    );
    assert.equal(queues.totalSize, 1);
    await assert.rejects(async () => conn.query('SELECT Id FROM Contact WHERE'), {
      errorCode: 'MALFORMED_QUERY',
    });
    await assert.rejects(async () => conn.query('SELECT UserId FROM UserServicePresence'), {
      errorCode: 'INVALID_TYPE',
    });
  });

  test('an expired session answers 401 INVALID_SESSION_ID; jsforce refreshes at the token endpoint and replays', async () => {
    const rotating = await startSalesforceEmulator({ rotateRefreshTokens: true });
    try {
      const conn = new Connection({
        instanceUrl: rotating.url,
        accessToken: rotating.accessToken,
        refreshToken: rotating.refreshToken,
        oauth2: { clientId: rotating.clientId, clientSecret: rotating.clientSecret, loginUrl: rotating.url },
        version: V,
      });
      const refreshed: { token: string; refresh?: string; id: string }[] = [];
      conn.on('refresh', (token: string, res: { refresh_token?: string; id: string }) =>
        refreshed.push({
          token,
          id: res.id,
          ...(res.refresh_token === undefined ? {} : { refresh: res.refresh_token }),
        }),
      );
      rotating.expireSession();
      const answer = await conn.query('SELECT Id FROM Lead');
      assert.equal(answer.totalSize, 0);
      assert.equal(refreshed.length, 1);
      assert.equal(refreshed[0]?.refresh, rotating.refreshToken, 'rotated refresh token handed out');
      assert.match(refreshed[0]?.id ?? '', /\/id\/00D\w+\/005\w+$/);
      assert.deepEqual(
        rotating.calls.log.map((c) => `${c.route} ${c.status}`),
        [
          `GET /services/data/v${V}/query 401`,
          'POST /services/oauth2/token 200',
          `GET /services/data/v${V}/query 200`,
        ],
      );
    } finally {
      await rotating.close();
    }
  });

  test('fault injection and limits: REQUEST_LIMIT_EXCEEDED, UNABLE_TO_LOCK_ROW, and the daily allocation', async () => {
    const limited = await startSalesforceEmulator({ dailyApiLimit: 3 });
    try {
      const conn = new Connection({ instanceUrl: limited.url, accessToken: limited.accessToken, version: V });
      limited.failNext('UNABLE_TO_LOCK_ROW');
      await assert.rejects(conn.sobject('Lead').create({ LastName: 'L', Company: 'X' }), {
        errorCode: 'UNABLE_TO_LOCK_ROW',
      });
      const limits = await conn.request<{ DailyApiRequests: { Max: number; Remaining: number } }>(
        `/services/data/v${V}/limits`,
      );
      assert.deepEqual(limits.DailyApiRequests, { Max: 3, Remaining: 1 });
      await conn.query('SELECT Id FROM Lead');
      await assert.rejects(async () => conn.query('SELECT Id FROM Lead'), {
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
        message: 'TotalRequests Limit exceeded.',
      });
      assert.deepEqual(conn.limitInfo.apiUsage, { used: 3, limit: 3 });
    } finally {
      await limited.close();
    }
  });

  test('Sforce-Auto-Assign absent = the org assignment rule re-owns the Lead; FALSE keeps Leadwire\u2019s owner', async () => {
    const ruled = await startSalesforceEmulator({
      users: [
        { Id: '005000000000009AAA', Name: 'Rule Owner' },
        { Id: '005000000000002AAA', Name: 'Ana' },
      ],
      assignmentRuleOwnerId: '005000000000009AAA',
    });
    try {
      const conn = new Connection({ instanceUrl: ruled.url, accessToken: ruled.accessToken, version: V });
      const plain = await conn
        .sobject('Lead')
        .create({ LastName: 'P', Company: 'X', OwnerId: '005000000000002AAA' });
      const kept = await conn
        .sobject('Lead')
        .create(
          { LastName: 'K', Company: 'X', OwnerId: '005000000000002AAA' },
          { headers: { 'Sforce-Auto-Assign': 'FALSE' } },
        );
      const owner = (id: string | undefined) => ruled.records('Lead').find((r) => r.Id === id)?.OwnerId;
      assert.equal(owner(plain.id), '005000000000009AAA');
      assert.equal(owner(kept.id), '005000000000002AAA');
    } finally {
      await ruled.close();
    }
  });
});
