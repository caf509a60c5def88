// SalesforceCrm against the emulator through real jsforce: what lands in the org (Lead or the existing Contact,
// conversation, messages, Task, Case, with the right owner or queue), what it costs (the emulator's call counter:
// a new Lead ≤ 2 calls, a further turn 1), and that re-runs, expired sessions and the daily limit lose nothing.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  type Assignments,
  type Conversation,
  type CrmPort,
  type CrmTranscriptLine,
  type CrmTurnWrite,
  crmSteps,
  errorHandling,
  isLeadwireError,
  signalsSchema,
  type TurnContext,
} from '@leadwire/connector-core';
import { Connection } from 'jsforce';
import {
  type SalesforceEmulator,
  type SalesforceEmulatorOptions,
  startSalesforceEmulator,
} from '../emulator/salesforce-emulator.ts';
import { ApiBudget } from '../src/api-budget.ts';
import {
  personKeyOf,
  SalesforceCrm,
  type SalesforceCrmOptions,
  type SalesforceSessionTokens,
} from '../src/salesforce-crm.ts';

const ANA = '005000000000002AAA';
const BEN = '005000000000003AAA';
const RULE_OWNER = '005000000000009AAA';
const PLUMBING_QUEUE = '00G000000000001AAA';
const CASE_ONLY_QUEUE = '00G000000000002AAA';
const SALES_GROUP = '00G000000000003AAA';
const NOW = Date.parse('2026-11-21T17:00:00.000Z');
const V = '62.0';

const org: SalesforceEmulatorOptions = {
  users: [
    { Id: ANA, Name: 'Ana Ruiz', Email: 'ana@acme.example' },
    { Id: BEN, Name: 'Ben Ortega', Email: 'ben@acme.example' },
    { Id: RULE_OWNER, Name: 'Assignment Rule Owner' },
    { Id: '005000000000004AAA', Name: 'Gone User', IsActive: false },
  ],
  queues: [
    {
      Id: PLUMBING_QUEUE,
      Name: 'Plumbing',
      sobjectTypes: ['Lead', 'Case', 'Task'],
      members: [ANA, SALES_GROUP],
    },
    { Id: CASE_ONLY_QUEUE, Name: 'Support', sobjectTypes: ['Case'], members: [] },
  ],
  groups: [{ Id: SALES_GROUP, Name: 'Sales', members: [BEN] }],
  // any Lead or Case written without `Sforce-Auto-Assign: FALSE` is re-owned by this rule
  assignmentRuleOwnerId: RULE_OWNER,
};

function conversationFixture(overrides: Partial<Conversation> = {}): Conversation {
  const at = '2026-11-21T17:00:00.000Z';
  return {
    id: '1098765:34600111222',
    tenantId: 'acme',
    phoneNumberId: '1098765',
    user: { waId: '34600111222', name: 'Lucía Fernández' },
    state: 'handed_over',
    signals: {
      urgency: { value: 'urgent', confidence: 0.9, source: 'rule', evidence: 'water everywhere', at },
      serviceType: { value: 'plumbing', confidence: 0.95, source: 'customer-confirmed', at },
      location: { value: { areaId: 'madrid-centro' }, confidence: 0.8, source: 'rule', at },
      language: { value: 'es', confidence: 0.99, source: 'rule', at },
    },
    crmRefs: {},
    ownerId: ANA,
    turnSeq: 1,
    agent: {
      language: 'es',
      askedBefore: [],
      turnsWithoutProgress: 0,
      escalation: { humanRequested: false, sensitive: [], negativeSentiment: false },
      hasVoiceWithoutTranscript: false,
      decision: { decision: 'lead', reasons: ['service matched', 'urgent'], at },
    },
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

const firstTurn: CrmTranscriptLine[] = [
  {
    wamid: 'wamid.HBgLMzQ2MDA=',
    direction: 'inbound',
    author: 'customer',
    sentAt: '2026-11-21T17:00:00.000Z',
    text: 'Hola, tengo una fuga',
  },
  {
    wamid: 'wamid.HBgLMzQ2MDB+/v=',
    direction: 'inbound',
    author: 'customer',
    sentAt: '2026-11-21T17:00:05.000Z',
    mediaId: 'm1',
    transcription: 'se ha roto una tubería en la cocina',
  },
  {
    wamid: 'wamid.out1',
    direction: 'outbound',
    author: 'agent',
    sentAt: '2026-11-21T17:00:10.000Z',
    text: 'Le paso con un técnico.',
  },
];
const secondTurn: CrmTranscriptLine[] = [
  {
    wamid: 'wamid.t2a',
    direction: 'inbound',
    author: 'customer',
    sentAt: '2026-11-21T17:05:00.000Z',
    text: 'Es en la calle Mayor 5',
  },
];

const wamidOf = (conversation: Conversation, wamid: string) => `${wamid}.${conversation.user.waId}`;

/**
 * The CRM steps as they call a CRM with the one-batch methods: "crm-person" calls `findPerson` (nothing is created),
 * "crm" calls `writeTurn` once with the parts it would have called upsertLead/upsertInquiry/createTask/
 * writeTranscript for, and keeps the ids in crmRefs (connector-core/src/conversation/crm-steps.ts, same conditions).
 */
async function crmTurn(
  crm: CrmPort,
  input: Conversation,
  turnLines: CrmTranscriptLine[],
): Promise<Conversation> {
  // wamids are unique across WhatsApp; the fixture lines are shared by every test's customer
  const lines = turnLines.map((line) => ({ ...line, wamid: wamidOf(input, line.wamid) }));
  const findPerson = crm.findPerson?.bind(crm);
  const writeTurn = crm.writeTurn?.bind(crm);
  assert.ok(findPerson && writeTurn);
  const refs = { ...input.crmRefs };
  if (refs.person === undefined) {
    const found = await findPerson(input);
    if (found !== undefined) {
      refs.person = found.id;
      if (found.ownerId !== undefined) refs.personOwner = found.ownerId;
    }
  }
  const conversation = { ...input, crmRefs: refs };
  const state = conversation.state === 'human' ? conversation.stateBeforeHuman : conversation.state;
  const owner = conversation.ownerId;
  const reasons = conversation.agent?.decision?.reasons ?? [];
  const turn: CrmTurnWrite = { lines };
  if (state === 'handed_over' && (refs.lead === undefined || refs.leadOwner !== owner))
    turn.lead = { ownerId: owner, details: { routingReason: reasons.join(', ') } };
  if (state === 'inquiry' && (refs.inquiry === undefined || refs.inquiryOwner !== owner))
    turn.inquiry = { ownerId: owner, reason: reasons.join(', ') };
  if (owner !== undefined && refs.taskOwner !== owner) {
    const urgent = signalsSchema.parse(conversation.signals).urgency?.value === 'urgent';
    turn.task = {
      key: `${conversation.id}:task:${owner}`,
      ownerId: owner,
      subject: 'WhatsApp lead: plumbing in madrid-centro — Lucía Fernández',
      urgent,
      dueAt: new Date(NOW + (urgent ? 30 * 60_000 : 24 * 3_600_000)).toISOString(),
    };
  }
  const result = await writeTurn(conversation, turn);
  refs.person = result.person.id;
  if (result.person.ownerId !== undefined) refs.personOwner = result.person.ownerId;
  if (result.lead !== undefined) {
    refs.lead = result.lead.id;
    if (owner === undefined) delete refs.leadOwner;
    else refs.leadOwner = owner;
  }
  if (result.inquiry !== undefined) {
    refs.inquiry = result.inquiry.id;
    if (owner === undefined) delete refs.inquiryOwner;
    else refs.inquiryOwner = owner;
  }
  if (result.task !== undefined && owner !== undefined) {
    refs.task = result.task.id;
    refs.taskOwner = owner;
  }
  return { ...conversation, crmRefs: refs, transcript: [] };
}

describe('SalesforceCrm', () => {
  let sf: SalesforceEmulator;
  before(async () => {
    sf = await startSalesforceEmulator(org);
  });
  after(async () => sf.close());
  let tokens: SalesforceSessionTokens[];

  const adapter = (emulator = sf, extra: Partial<SalesforceCrmOptions> = {}) =>
    new SalesforceCrm({
      orgId: emulator.orgId,
      instanceUrl: emulator.url,
      accessToken: emulator.accessToken,
      refreshToken: emulator.refreshToken,
      oauth2: { clientId: emulator.clientId, clientSecret: emulator.clientSecret, loginUrl: emulator.url },
      apiVersion: V,
      onTokens: (t) => {
        tokens.push(t);
      },
      clock: { now: () => NOW },
      ...extra,
    });

  let conversationN = 0;
  /** a fresh customer per test (the emulator's org is shared) */
  const fresh = (overrides: Partial<Conversation> = {}) => {
    conversationN++;
    const waId = `3460011${String(conversationN).padStart(4, '0')}`;
    return conversationFixture({
      id: `1098765:${waId}`,
      user: { waId, name: 'Lucía Fernández' },
      ...overrides,
    });
  };
  type Counts = Record<string, number> & {
    Lead: number;
    Task: number;
    WhatsApp_Conversation__c: number;
    WhatsApp_Message__c: number;
  };
  const counts = (): Counts =>
    Object.fromEntries(
      [
        'Lead',
        'Contact',
        'Opportunity',
        'Case',
        'Task',
        'WhatsApp_Conversation__c',
        'WhatsApp_Message__c',
      ].map((type) => [type, sf.records(type).length]),
    ) as Counts;
  const one = (type: string, predicate: (row: Record<string, unknown>) => boolean) => {
    const rows = sf.records(type).filter(predicate);
    assert.equal(rows.length, 1, `exactly one ${type}`);
    return rows[0] as Record<string, unknown>;
  };

  beforeEach(() => {
    sf.resetCalls();
    tokens = [];
  });

  test('a new Lead costs 2 API calls (one lookup, one composite) and lands with its owner, conversation, messages and Task', async () => {
    const crm = adapter();
    const conversation = fresh();
    const after = await crmTurn(crm, conversation, firstTurn);
    assert.equal(sf.calls.total, 2, JSON.stringify(sf.calls.log.map((c) => c.route)));
    const lead = one('Lead', (r) => r.Id === after.crmRefs.person);
    assert.equal(after.crmRefs.lead, lead.Id);
    assert.equal(lead.OwnerId, ANA, 'Leadwire\u2019s owner, not the assignment rule\u2019s');
    assert.equal(lead.WhatsApp_Key__c, personKeyOf(conversation));
    assert.match(String(lead.WhatsApp_Key__c), /^[A-Za-z0-9_-]+$/);
    assert.equal(lead.Phone, `+${conversation.user.waId}`);
    assert.deepEqual([lead.FirstName, lead.LastName, lead.Company], ['Lucía', 'Fernández', 'WhatsApp']);
    const conv = one('WhatsApp_Conversation__c', (r) => r.Lead__c === lead.Id);
    assert.equal(conv.Status__c, 'handed_over');
    assert.equal(conv.Urgency__c, 'urgent');
    assert.equal(conv.Decision__c, 'lead');
    assert.equal(conv.Service_Area__c, 'madrid-centro');
    // without routing's trace (no assignments given), the reason is the trace's note, as JSON the card reads
    assert.deepEqual(JSON.parse(String(conv.Routing_Trace__c)), {
      rule: '',
      rulesSkipped: [],
      steps: [],
      note: 'service matched, urgent',
    });
    assert.deepEqual(
      [conv.OwnerId, conv.Routed_Owner_Id__c],
      [ANA, ANA],
      'the routed rep owns the conversation',
    );
    const messages = sf.records('WhatsApp_Message__c').filter((r) => r.Conversation__c === conv.Id);
    assert.deepEqual(
      messages.map((m) => [m.Wamid__c, m.Type__c, m.Author__c]),
      [
        [wamidOf(conversation, 'wamid.HBgLMzQ2MDA='), 'text', 'customer'],
        [wamidOf(conversation, 'wamid.HBgLMzQ2MDB+/v='), 'voice', 'customer'],
        [wamidOf(conversation, 'wamid.out1'), 'text', 'agent'],
      ],
    );
    assert.equal(messages[1]?.Transcription__c, 'se ha roto una tubería en la cocina');
    const task = one('Task', (r) => r.Id === after.crmRefs.task);
    assert.deepEqual(
      [task.WhoId, task.WhatId, task.OwnerId, task.Priority, task.ActivityDate],
      [lead.Id, undefined, ANA, 'High', '2026-11-21'],
    );
    const composite = sf.calls.log.find(
      (c) =>
        c.route.endsWith('/composite') &&
        c.subrequests?.some((s) => s.route.includes('Lead/WhatsApp_Key__c')),
    );
    assert.equal(composite?.autoAssign, 'FALSE');
    assert.ok(
      composite?.subrequests?.filter((s) => /Lead|Case/.test(s.route)).every((s) => s.autoAssign === 'FALSE'),
    );
  });

  test('a queue owns the new Lead and gets no Task: its members work the queue, whoever takes the Lead follows up', async () => {
    const after = await crmTurn(adapter(), fresh({ ownerId: PLUMBING_QUEUE }), firstTurn);
    assert.equal(one('Lead', (r) => r.Id === after.crmRefs.person).OwnerId, PLUMBING_QUEUE);
    assert.equal(after.crmRefs.task, undefined);
    assert.equal(sf.records('Task').filter((r) => r.WhoId === after.crmRefs.person).length, 0);
    // the conversation stays the integration user's: a queue may not own conversations
    const conversation = one('WhatsApp_Conversation__c', (r) => r.Lead__c === after.crmRefs.person);
    assert.deepEqual([conversation.OwnerId, conversation.Routed_Owner_Id__c], [sf.userId, PLUMBING_QUEUE]);
    assert.equal(sf.calls.total, 2);
  });

  test('an existing Contact is matched by phone in E.164: no Lead, an Opportunity for the routed user, the key stamped on the Contact', async () => {
    const conversation = fresh({ ownerId: BEN });
    const contactId = sf.insert('Contact', {
      LastName: 'Fernández',
      Phone: `+${conversation.user.waId}`,
      OwnerId: ANA,
    });
    const leadsBefore = sf.records('Lead').length;
    const after = await crmTurn(adapter(), conversation, firstTurn);
    assert.equal(sf.calls.total, 2);
    assert.equal(after.crmRefs.person, contactId);
    assert.equal(after.crmRefs.personOwner, ANA, 'routing learns the Contact\u2019s owner');
    assert.equal(sf.records('Lead').length, leadsBefore, 'no Lead for a known Contact');
    const opportunity = one('Opportunity', (r) => r.Id === after.crmRefs.lead);
    assert.deepEqual(
      [opportunity.OwnerId, opportunity.StageName, opportunity.CloseDate],
      [BEN, 'Prospecting', '2026-12-21'],
    );
    assert.equal(one('Contact', (r) => r.Id === contactId).WhatsApp_Key__c, personKeyOf(conversation));
    const task = one('Task', (r) => r.Id === after.crmRefs.task);
    assert.deepEqual([task.WhoId, task.WhatId], [contactId, opportunity.Id]);
    const conv = one('WhatsApp_Conversation__c', (r) => r.Contact__c === contactId);
    assert.equal(conv.Opportunity__c, opportunity.Id);
    // the next conversation of the same customer finds the Contact by its key, before any phone
    const found = await adapter().findPerson(
      conversationFixture({ id: 'other:1', user: { waId: conversation.user.waId as string } }),
    );
    assert.equal(found?.id, contactId);
  });

  test('the same turn twice creates nothing new — from the same adapter, and from a fresh one after a crash', async () => {
    const conversation = fresh();
    await crmTurn(adapter(), conversation, firstTurn);
    const before = counts();
    await crmTurn(adapter(), conversation, firstTurn); // crmRefs lost: the re-run finds the Lead by its key
    const crm = adapter();
    await crmTurn(crm, conversation, firstTurn);
    await crmTurn(crm, conversation, firstTurn);
    assert.deepEqual(counts(), before);
  });

  test('a further turn costs one call: the new messages and the conversation, nothing else', async () => {
    const crm = adapter();
    const first = await crmTurn(crm, fresh(), firstTurn);
    sf.resetCalls();
    const before = counts();
    const second = await crmTurn(crm, { ...first, turnSeq: 2 }, secondTurn);
    assert.equal(sf.calls.total, 1);
    assert.deepEqual(counts(), { ...before, WhatsApp_Message__c: before.WhatsApp_Message__c + 1 });
    assert.deepEqual(second.crmRefs, first.crmRefs);
    // a fresh process (no cache) still needs only the one composite: crmRefs carry the person
    sf.resetCalls();
    await crmTurn(adapter(), second, [{ ...(secondTurn[0] as CrmTranscriptLine), wamid: 'wamid.t3' }]);
    assert.equal(sf.calls.total, 1);
  });

  test('a re-route moves the Lead and gives the new owner a Task, in one call', async () => {
    const crm = adapter();
    const first = await crmTurn(crm, fresh(), firstTurn);
    sf.resetCalls();
    const rerouted = await crmTurn(crm, { ...first, ownerId: BEN }, []);
    assert.equal(sf.calls.total, 1);
    assert.equal(one('Lead', (r) => r.Id === first.crmRefs.person).OwnerId, BEN);
    assert.equal(one('Task', (r) => r.Id === rerouted.crmRefs.task).OwnerId, BEN);
    assert.notEqual(rerouted.crmRefs.task, first.crmRefs.task);
  });

  test('an Inquiry becomes a Case a Case-only queue may own, linked from the conversation, with no Task', async () => {
    const conversation = fresh({ state: 'inquiry', ownerId: CASE_ONLY_QUEUE });
    const written = await crmTurn(adapter(), conversation, firstTurn);
    assert.equal(sf.calls.total, 2);
    const kase = one('Case', (r) => r.Id === written.crmRefs.inquiry);
    assert.deepEqual(
      [kase.OwnerId, kase.Priority, kase.Origin, kase.Description],
      [CASE_ONLY_QUEUE, 'High', 'WhatsApp', 'service matched, urgent'],
    );
    assert.equal(one('WhatsApp_Conversation__c', (r) => r.Case__c === kase.Id).Status__c, 'inquiry');
    assert.equal(sf.records('Task').filter((r) => r.WhoId === written.crmRefs.person).length, 0);
    // the person Lead behind a queue's Case is not the queue's (it may own Cases only)
    assert.equal(one('Lead', (r) => r.Id === written.crmRefs.person).OwnerId, sf.userId);
  });

  test('a conversation nobody was found for waits in the pool: Routed_Owner_Id__c "pool", no Task', async () => {
    const after = await crmTurn(adapter(), fresh({ ownerId: undefined }), firstTurn);
    const conversation = one('WhatsApp_Conversation__c', (r) => r.Lead__c === after.crmRefs.person);
    assert.deepEqual([conversation.Routed_Owner_Id__c, conversation.OwnerId], ['pool', sf.userId]);
    assert.equal(sf.records('Task').filter((r) => r.WhoId === after.crmRefs.person).length, 0);
  });

  test('an Inquiry routed to a user: the Case and the Task are theirs, the Task on the Case', async () => {
    const written = await crmTurn(adapter(), fresh({ state: 'inquiry', ownerId: BEN }), firstTurn);
    const kase = one('Case', (r) => r.Id === written.crmRefs.inquiry);
    const task = one('Task', (r) => r.Id === written.crmRefs.task);
    assert.deepEqual([kase.OwnerId, task.OwnerId, task.WhoId], [BEN, BEN, written.crmRefs.person]);
  });

  test('an Opportunity is owned by users only: a queue routed to a known Contact leaves it with the Contact\u2019s owner', async () => {
    const conversation = fresh({ ownerId: PLUMBING_QUEUE });
    sf.insert('Contact', { LastName: 'Fernández', Phone: `+${conversation.user.waId}`, OwnerId: BEN });
    const after = await crmTurn(adapter(), conversation, firstTurn);
    assert.equal(one('Opportunity', (r) => r.Id === after.crmRefs.lead).OwnerId, BEN);
    assert.equal(sf.records('Task').filter((r) => r.WhoId === after.crmRefs.person).length, 0);
    // the Contact's owner on it is no reassignment for routing to follow
    sf.resetCalls();
    assert.equal(await adapter().recordOwner(after), undefined);
    assert.equal(sf.calls.total, 0);
  });

  test('an expired session: one refresh, the call succeeds, the rotated refresh token is persisted', async () => {
    const rotating = await startSalesforceEmulator({ ...org, rotateRefreshTokens: true });
    try {
      const crm = adapter(rotating);
      const first = await crmTurn(crm, fresh(), firstTurn);
      rotating.expireSession();
      rotating.resetCalls();
      await crmTurn(crm, first, secondTurn);
      assert.equal(rotating.calls.oauth, 1);
      assert.equal(rotating.calls.total, 2, 'the 401 and the replay');
      assert.equal(tokens.length, 1);
      assert.deepEqual(tokens[0], {
        accessToken: rotating.accessToken,
        refreshToken: rotating.refreshToken,
        instanceUrl: rotating.url,
        rotated: true,
      });
      // the next expiry refreshes with the rotated token (the first one no longer works)
      rotating.expireSession();
      await crm.writeTranscript(first, [{ ...(secondTurn[0] as CrmTranscriptLine), wamid: 'wamid.t3' }]);
      assert.equal(tokens.length, 2);
      // a revoked app: one refresh attempt, then AUTH_REVOKED (pauses the tenant)
      rotating.revoke();
      rotating.resetCalls();
      const error = await crm
        .writeTranscript(first, [{ ...(secondTurn[0] as CrmTranscriptLine), wamid: 'wamid.t4' }])
        .catch((e: unknown) => e);
      assert.ok(isLeadwireError(error, 'AUTH_REVOKED'), String(error));
      assert.equal(rotating.calls.oauth, 1);
    } finally {
      await rotating.close();
    }
  });

  test('a refreshed session the org still refuses is AUTH_REVOKED after one refresh, not a loop', async () => {
    const crm = adapter();
    const conversation = await crmTurn(crm, fresh(), firstTurn);
    sf.resetCalls();
    sf.failNext('INVALID_SESSION_ID');
    sf.failNext('INVALID_SESSION_ID');
    sf.failNext('INVALID_SESSION_ID');
    const error = await crm.writeTranscript(conversation, secondTurn).catch((e: unknown) => e);
    assert.ok(isLeadwireError(error, 'AUTH_REVOKED'), String(error));
    assert.equal(sf.calls.oauth, 1);
    assert.ok(sf.calls.total <= 2);
  });

  test('REQUEST_LIMIT_EXCEEDED pauses the org, writes nothing, and the retry writes everything once', async () => {
    const crm = adapter();
    const conversation = fresh();
    await crm.findPerson(conversation);
    const before = counts();
    sf.failNext('REQUEST_LIMIT_EXCEEDED');
    const error = await crmTurn(crm, conversation, firstTurn).catch((e: unknown) => e);
    assert.ok(isLeadwireError(error, 'AUTH_REVOKED'), String(error));
    assert.equal(errorHandling[error.code].pausesTenant, true);
    assert.equal(error.details?.reason, 'daily_limit');
    assert.deepEqual(counts(), before, 'nothing half-written');
    const after = await crmTurn(crm, conversation, firstTurn);
    assert.deepEqual(counts(), {
      ...before,
      Lead: before.Lead + 1,
      Task: before.Task + 1,
      WhatsApp_Conversation__c: before.WhatsApp_Conversation__c + 1,
      WhatsApp_Message__c: before.WhatsApp_Message__c + 3,
    });
    assert.ok(after.crmRefs.task);
  });

  test('UNABLE_TO_LOCK_ROW is a CONFLICT the queue retries; the retry writes once', async () => {
    const crm = adapter();
    const conversation = fresh();
    const before = counts();
    sf.failNext('UNABLE_TO_LOCK_ROW');
    const error = await crmTurn(crm, conversation, firstTurn).catch((e: unknown) => e);
    assert.ok(isLeadwireError(error, 'CONFLICT'));
    await crmTurn(crm, conversation, firstTurn);
    assert.equal(counts().Lead, before.Lead + 1);
  });

  test('the per-org budget stops short of the daily limit, then probes /limits and goes on', async () => {
    const tight = await startSalesforceEmulator({ ...org, dailyApiLimit: 100, apiUsage: 90 });
    try {
      let now = NOW;
      const clock = { now: () => now };
      const crm = adapter(tight, {
        clock,
        budget: new ApiBudget({ reserveRatio: 0.05, pauseMs: 60_000, clock }),
      });
      const conversation = await crmTurn(crm, fresh(), firstTurn); // 92/100 used
      tight.apiUsage.used = 96;
      await crm.taskOpen('00T000000000001AAA'); // learns 97/100: past the 95% line
      tight.resetCalls();
      const error = await crmTurn(crm, conversation, secondTurn).catch((e: unknown) => e);
      assert.ok(isLeadwireError(error, 'RATE_LIMITED'));
      assert.equal(error.retryAfterMs, 60_000);
      assert.equal(tight.calls.total, 0, 'no call spent while paused');
      // the rolling window moved on: after the pause one /limits probe, then the write
      tight.apiUsage.used = 10;
      now += 60_000;
      await crmTurn(crm, conversation, secondTurn);
      assert.deepEqual(
        tight.calls.log.map((c) => c.route),
        [`GET /services/data/v${V}/limits`, `POST /services/data/v${V}/composite`],
      );
    } finally {
      await tight.close();
    }
  });

  test('the directory: active users with their queues and groups (nested), queues with what they may own', async () => {
    const crm = adapter();
    const owners = await crm.listOwners();
    assert.equal(sf.calls.total, 1);
    const byId = new Map(owners.map((o) => [o.id, o]));
    assert.equal(byId.has('005000000000004AAA'), false, 'inactive users are not owners');
    assert.deepEqual(byId.get(ANA)?.teams, [PLUMBING_QUEUE]);
    assert.deepEqual(
      byId.get(BEN)?.teams.sort(),
      [PLUMBING_QUEUE, SALES_GROUP].sort(),
      'Ben is in Plumbing through Sales',
    );
    assert.equal(byId.get(ANA)?.email, 'ana@acme.example');
    const queues = await crm.listQueues();
    assert.deepEqual(
      queues.map((q) => [q.id, q.sobjectTypes]),
      [
        [PLUMBING_QUEUE, ['Lead', 'Case', 'Task']],
        [CASE_ONLY_QUEUE, ['Case']],
      ],
    );
  });

  test('presence: users current and not away where the org has Omni-Channel, undefined where it has none', async () => {
    assert.equal(await adapter().presence(), undefined);
    const omni = await startSalesforceEmulator({
      ...org,
      presence: [
        { UserId: ANA },
        { UserId: BEN, IsAway: true, StatusDeveloperName: 'Break' },
        { UserId: RULE_OWNER, IsCurrentState: false },
      ],
    });
    try {
      assert.deepEqual(await adapter(omni).presence(), new Set([ANA]));
    } finally {
      await omni.close();
    }
  });

  test('recordOwner: none before a record, then one query for the owner the org shows now on the Lead, Opportunity or Case', async () => {
    const crm = adapter();
    const conversation = fresh();
    assert.equal(await crm.recordOwner(conversation), undefined, 'nothing written yet: nothing to follow');
    assert.equal(sf.calls.total, 0);
    const written = await crmTurn(crm, conversation, firstTurn);
    sf.resetCalls();
    assert.equal(await crm.recordOwner(written), ANA);
    assert.equal(sf.calls.total, 1, 'one query');

    // Ana hands her Lead to Ben in Salesforce, then Ben to the Plumbing queue (no assignment rule: a transfer)
    const ana = new Connection({
      instanceUrl: sf.url,
      accessToken: sf.sessionFor(ANA, 'Leadwire_User'),
      version: V,
    });
    const transfer = (conn: Connection, type: string, id: string | undefined, OwnerId: string) =>
      conn.request({
        method: 'PATCH',
        url: `/services/data/v${V}/sobjects/${type}/${id}`,
        body: JSON.stringify({ OwnerId }),
        headers: {
          'content-type': 'application/json',
          'Sforce-Auto-Assign': 'FALSE',
          // the tests' customers share a name: the rep saves past the duplicate alert
          'Sforce-Duplicate-Rule-Header': 'allowSave=true',
        },
      });
    await transfer(ana, 'Lead', written.crmRefs.person, BEN);
    assert.equal(await crm.recordOwner(written), BEN);
    await transfer(ana, 'Lead', written.crmRefs.person, PLUMBING_QUEUE);
    assert.equal(await crm.recordOwner(written), PLUMBING_QUEUE);

    // a known Contact's Opportunity
    const known = fresh({ ownerId: BEN });
    sf.insert('Contact', { LastName: 'Fernández', Phone: `+${known.user.waId}`, OwnerId: ANA });
    const withOpportunity = await crmTurn(crm, known, firstTurn);
    assert.equal(await crm.recordOwner(withOpportunity), BEN);
    await transfer(crm.connection, 'Opportunity', withOpportunity.crmRefs.lead, ANA);
    assert.equal(await crm.recordOwner(withOpportunity), ANA);

    // an Inquiry's Case
    const inquiry = await crmTurn(crm, fresh({ state: 'inquiry', ownerId: CASE_ONLY_QUEUE }), firstTurn);
    assert.equal(await crm.recordOwner(inquiry), CASE_ONLY_QUEUE);

    // an id Leadwire never wrote is not queried
    sf.resetCalls();
    const forged = { ...written, crmRefs: { lead: "00Q' OR Id != '" } };
    assert.equal(await crm.recordOwner(forged), undefined);
    assert.equal(sf.calls.total, 0);
  });

  test('taskOpen: open until the owner completes it', async () => {
    const crm = adapter();
    const after = await crmTurn(crm, fresh(), firstTurn);
    const taskId = after.crmRefs.task as string;
    assert.equal(await crm.taskOpen(taskId), true);
    sf.insert('Task', { Subject: 'unrelated' });
    const conn = crm.connection;
    await conn.sobject('Task').update({ Id: taskId, Status: 'Completed' });
    assert.equal(await crm.taskOpen(taskId), false);
    assert.equal(await crm.taskOpen("00T' OR Id != '"), false);
  });

  test('the core\u2019s CRM steps (connector-core crmSteps) write through the adapter', async () => {
    const crm = adapter();
    const trace = {
      rule: 'madrid-plumbing',
      rulesSkipped: [{ rule: 'barcelona', failed: 'area' }],
      steps: [
        {
          target: 'group:plumbers',
          stage: 'rule',
          outcome: 'chosen',
          candidates: [
            { userId: BEN, outcome: 'skipped', reason: 'offline' },
            { userId: ANA, outcome: 'chosen' },
          ],
        },
      ],
      via: 'rule',
      turnKey: 'turn-1',
    };
    const steps = crmSteps({
      crmFor: () => crm,
      clock: { now: () => NOW },
      assignments: { get: async () => ({ trace }) as Awaited<ReturnType<Assignments['get']>> },
    });
    const conversation = fresh({ transcript: firstTurn });
    const context = (c: Conversation): TurnContext => ({
      conversation: c,
      turn: { conversationId: c.id, seq: 1, eventSeqs: [], claimedAt: c.createdAt, fence: 1 },
      events: [],
      idempotencyKey: `${c.id}:1:crm`,
      assertLease: async () => {},
    });
    const withPerson = await steps.person.run(context(conversation));
    const written = await steps.write.run(context(withPerson));
    const lead = one('Lead', (r) => r.Id === written.crmRefs.person);
    assert.equal(lead.OwnerId, ANA);
    assert.equal(written.crmRefs.lead, lead.Id);
    assert.equal(one('Task', (r) => r.Id === written.crmRefs.task).OwnerId, ANA);
    assert.equal(
      sf.records('WhatsApp_Message__c').filter((m) => m.Wamid__c === 'wamid.out1').length >= 1,
      true,
    );
    // routing's trace, stored as JSON for the record page component
    const conv = one('WhatsApp_Conversation__c', (r) => r.Lead__c === lead.Id);
    assert.deepEqual(JSON.parse(String(conv.Routing_Trace__c)), trace);
    // the core's steps use findPerson + writeTurn: the adapter's budget holds end to end
    assert.equal(sf.calls.total, 2);
  });
});
