// HubspotCrm against the emulator through the real SDK: what lands in the portal (records, owners, properties,
// associations), what it costs (the emulator's call counter), and that re-runs and 429 storms write once.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Client } from '@hubspot/api-client';
import { type Conversation, errorHandling, isLeadwireError, LeadwireError } from '@leadwire/connector-core';
import { type HubspotEmulator, startHubspotEmulator } from '../emulator/hubspot-emulator.ts';
import { createLeadwireProperties } from '../emulator/portal-setup.ts';
import { HubspotCrm, type HubspotPortalSettings } from '../src/hubspot-crm.ts';
import { HUBSPOT_OPTIONAL_SCOPES, HUBSPOT_REQUIRED_SCOPES } from '../src/oauth/index.ts';
import { type BucketName, MemoryRateLimiter } from '../src/rate-limiter.ts';
import { MemoryWriteLedger, type WriteLedger } from '../src/write-ledger.ts';
import { conversationFixture, fakeTime, firstTurnLines, secondTurnLines } from './fixtures.ts';

const TWO_HOURS_MS = 2 * 3600_000;

describe('HubspotCrm', () => {
  let hs: HubspotEmulator;
  let noLeads: HubspotEmulator;
  before(async () => {
    hs = await startHubspotEmulator();
    noLeads = await startHubspotEmulator({ hasLeads: false });
  });
  after(async () => {
    await hs.close();
    await noLeads.close();
  });
  beforeEach(async () => {
    for (const e of [hs, noLeads]) {
      e.reset();
      if (!e.portal.properties.contacts.has('leadwire_conversation_id')) await createLeadwireProperties(e);
      e.resetCalls();
    }
  });

  function adapter(
    emulator: HubspotEmulator,
    options: {
      ledger?: WriteLedger;
      settings?: HubspotPortalSettings;
      time?: ReturnType<typeof fakeTime>;
    } = {},
  ) {
    const time = options.time ?? fakeTime();
    const crm = new HubspotCrm({
      accessToken: async () => emulator.accessToken,
      portalId: String(emulator.portalId),
      basePath: emulator.url,
      limiter: new MemoryRateLimiter({ clock: time.clock }),
      ledger: options.ledger ?? new MemoryWriteLedger(),
      settings: options.settings ?? {},
      clock: time.clock,
      sleep: time.sleep,
    });
    return { crm, time };
  }

  /** What the worker does for a turn that makes a new Lead: person, transcript, lead, follow-up task. */
  async function leadTurn(crm: HubspotCrm, conversation: Conversation, now: number, lines = firstTurnLines) {
    const person = await crm.upsertPerson(conversation);
    const withPerson = { ...conversation, crmRefs: { ...conversation.crmRefs, person: person.id } };
    await crm.writeTranscript(withPerson, lines);
    const lead = await crm.upsertLead(withPerson, '102', { routingReason: 'rule plumbing-madrid → Ben' });
    const task = await crm.createTask(withPerson, {
      key: 'follow-up',
      ownerId: '102',
      subject: 'Call Lucía about the leak',
      urgent: true,
      dueAt: new Date(now + TWO_HOURS_MS).toISOString(),
    });
    return {
      person,
      lead,
      task,
      conversation: { ...withPerson, crmRefs: { ...withPerson.crmRefs, lead: lead.id, task: task.id } },
    };
  }

  test('a new Lead costs at most 5 calls and lands with its owner, signals and associations', async () => {
    const { crm, time } = adapter(hs);
    const out = await leadTurn(crm, conversationFixture(), time.state.now);
    assert.ok(hs.calls.total <= 5, `made ${hs.calls.total} calls: ${JSON.stringify(hs.calls.byRoute)}`);
    assert.equal(hs.calls.byRoute['POST /crm/v3/objects/contacts/search'], 1);

    const [contact] = hs.contacts();
    assert.equal(contact?.properties.leadwire_conversation_id, '1098765:34600111222');
    assert.equal(contact?.properties.phone, '+34600111222');
    assert.equal(contact?.properties.mobilephone, '+34600111222');
    assert.equal(contact?.properties.firstname, 'Lucía');
    assert.equal(contact?.properties.lastname, 'Fernández');

    const [lead] = hs.leads();
    assert.equal(lead?.id, out.lead.id);
    assert.equal(lead?.properties.hubspot_owner_id, '102');
    assert.equal(lead?.properties.hs_lead_name, 'Lucía Fernández (WhatsApp)');
    assert.equal(lead?.properties.leadwire_urgency, 'urgent');
    assert.equal(lead?.properties.leadwire_service_type, 'plumbing');
    assert.equal(lead?.properties.leadwire_service_area, 'madrid-centro');
    assert.equal(lead?.properties.leadwire_language, 'es');
    assert.equal(lead?.properties.leadwire_timing, '2026-11-21T18:00:00.000Z');
    assert.equal(lead?.properties.leadwire_decision, 'lead: service matched: urgent');
    assert.equal(lead?.properties.leadwire_routing_reason, 'rule plumbing-madrid → Ben');
    assert.deepEqual(
      hs.associationsOf('leads', out.lead.id).map((a) => [a.toType, a.toId, a.typeId]),
      [['contacts', contact?.id, 578]],
    );

    const [task] = hs.tasks();
    assert.equal(task?.properties.hubspot_owner_id, '102');
    assert.deepEqual(
      hs.associationsOf('tasks', out.task.id).map((a) => [a.toType, a.typeId]),
      [['contacts', 204]],
    );

    const comms = hs.communications();
    assert.equal(comms.length, 3);
    assert.ok(comms.every((c) => c.properties.hs_communication_channel_type === 'WHATS_APP'));
    assert.ok(
      comms.every((c) =>
        hs.associationsOf('communications', c.id).some((a) => a.toId === contact?.id && a.typeId === 81),
      ),
    );
    const voice = comms.find((c) => c.properties.hs_timestamp === '2026-11-21T17:00:05.000Z');
    assert.match(
      String(voice?.properties.hs_communication_body),
      /transcription: "se ha roto una tubería en la cocina"/,
    );
  });

  test('an existing contact found by phone is reused and its owner reported', async () => {
    hs.seed('contacts', { phone: '+34600111222', firstname: 'Lucy', hubspot_owner_id: '103' }, '555');
    const { crm } = adapter(hs);
    const person = await crm.upsertPerson(conversationFixture());
    assert.deepEqual(person, { id: '555', ownerId: '103' });
    assert.equal(hs.contacts().length, 1);
    assert.equal(hs.contacts()[0]?.properties.firstname, 'Lucy', 'a name a person entered is kept');
    assert.equal(hs.contacts()[0]?.properties.leadwire_conversation_id, '1098765:34600111222');
    assert.equal(hs.calls.total, 2);
  });

  test('the same turn twice creates nothing new (another process, shared ledger: 0 calls)', async () => {
    const ledger = new MemoryWriteLedger();
    const first = adapter(hs, { ledger });
    await leadTurn(first.crm, conversationFixture(), first.time.state.now);
    const before = {
      contacts: hs.contacts().length,
      leads: hs.leads().length,
      tasks: hs.tasks().length,
      comms: hs.communications().length,
    };
    hs.resetCalls();
    const second = adapter(hs, { ledger });
    await leadTurn(second.crm, conversationFixture(), first.time.state.now);
    assert.deepEqual(
      {
        contacts: hs.contacts().length,
        leads: hs.leads().length,
        tasks: hs.tasks().length,
        comms: hs.communications().length,
      },
      before,
    );
    assert.equal(hs.calls.total, 0);
  });

  test('a returning customer whose phone was typed "+966 50 123 4567" is matched, not created again', async () => {
    hs.seed('contacts', { mobilephone: '+966 50 123 4567', firstname: 'Nora' }, '777');
    hs.seed('contacts', { phone: '(050) 999-0000', firstname: 'Someone else' }, '778');
    const { crm } = adapter(hs);
    const conversation = conversationFixture({
      id: '1098765:966501234567',
      user: { waId: '966501234567', name: 'Nora A.' },
    });
    const person = await crm.upsertPerson(conversation);
    assert.equal(person.id, '777');
    assert.equal(hs.contacts().length, 2, 'no new contact');
    assert.equal(hs.contacts().find((c) => c.id === '777')?.properties.firstname, 'Nora');
  });

  test('a re-run after a lost answer looks the records up once instead of creating them again', async () => {
    // The process "crashes" after each create reached HubSpot but before the ledger recorded the id.
    const ledger = new MemoryWriteLedger();
    const crashing: WriteLedger = {
      getMany: (keys) => ledger.getMany(keys),
      begin: (keys) => ledger.begin(keys),
      complete: async (entries) => {
        if (Object.keys(entries).some((k) => /:(lead|task|comm):/.test(k))) throw new Error('crash');
        return ledger.complete(entries);
      },
    };
    const first = adapter(hs, { ledger: crashing });
    const conversation = conversationFixture();
    const person = await first.crm.upsertPerson(conversation);
    const withPerson = { ...conversation, crmRefs: { person: person.id } };
    await assert.rejects(first.crm.writeTranscript(withPerson, firstTurnLines), /crash/);
    await assert.rejects(first.crm.upsertLead(withPerson, '102'), /crash/);
    hs.resetCalls();
    const second = adapter(hs, { ledger });
    await second.crm.writeTranscript(withPerson, firstTurnLines);
    await second.crm.upsertLead(withPerson, '102');
    // The search index lags writes (the emulator's default 1.5 s): recovery must not depend on it.
    assert.ok(hs.searchLagMs > 0);
    assert.equal(hs.communications().length, 3);
    assert.equal(hs.leads().length, 1, 'the Lead is written once');
    const searches = hs.calls.log.filter((c) => c.route.endsWith('/search'));
    assert.deepEqual(searches, [], 'recovery reads by the unique key, it does not search');
    assert.equal(hs.calls.byRoute['POST /crm/v3/objects/communications/batch/read'], 1);
    assert.equal(hs.calls.total, 3, JSON.stringify(hs.calls.byRoute));
  });

  test('a follow-up turn costs at most 2 calls: the transcript and one update', async () => {
    const { crm, time } = adapter(hs);
    const turn1 = await leadTurn(crm, conversationFixture(), time.state.now);
    hs.resetCalls();
    const conversation: Conversation = {
      ...turn1.conversation,
      turnSeq: 2,
      signals: {
        ...turn1.conversation.signals,
        location: {
          value: { areaId: 'madrid-norte', text: 'calle Mayor 5' },
          confidence: 0.9,
          source: 'customer-confirmed',
          at: '2026-11-21T17:05:00.000Z',
        },
      },
    };
    await crm.upsertPerson(conversation);
    await crm.writeTranscript(conversation, secondTurnLines);
    await crm.upsertLead(conversation, '102', { routingReason: 'rule plumbing-madrid → Ben' });
    await crm.createTask(conversation, {
      key: 'follow-up',
      ownerId: '102',
      subject: 'Call Lucía about the leak',
      urgent: true,
      dueAt: new Date(time.state.now + TWO_HOURS_MS).toISOString(),
    });
    assert.ok(hs.calls.total <= 2, `made ${hs.calls.total} calls: ${JSON.stringify(hs.calls.byRoute)}`);
    assert.equal(hs.communications().length, 4);
    assert.equal(hs.leads()[0]?.properties.leadwire_service_area, 'madrid-norte');
    assert.equal(hs.tasks().length, 1);
  });

  test('installed on a portal without the Leads object, Lead after Lead becomes a deal', async () => {
    // The admin approves the app's own install link; HubSpot grants the optional Leads scopes only where the
    // object exists, so the token's Leads calls are 403 MISSING_SCOPES (not a revocation).
    const link = `https://app.hubspot.com/oauth/authorize?${new URLSearchParams({
      client_id: noLeads.clientId,
      redirect_uri: 'https://leadwire.example.com/oauth/hubspot/callback',
      scope: HUBSPOT_REQUIRED_SCOPES.join(' '),
      optional_scope: HUBSPOT_OPTIONAL_SCOPES.join(' '),
    })}`;
    const code = new URL(noLeads.authorize(link)).searchParams.get('code')!;
    const exchanged = await fetch(`${noLeads.url}/oauth/2026-03/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'https://leadwire.example.com/oauth/hubspot/callback',
        client_id: noLeads.clientId,
        client_secret: noLeads.clientSecret,
      }),
    });
    const { access_token: token } = (await exchanged.json()) as { access_token: string };
    noLeads.resetCalls();
    const time = fakeTime();
    const crm = new HubspotCrm({
      accessToken: async () => token,
      portalId: String(noLeads.portalId),
      basePath: noLeads.url,
      limiter: new MemoryRateLimiter({ clock: time.clock }),
      clock: time.clock,
      sleep: time.sleep,
    });
    const first = await leadTurn(crm, conversationFixture(), time.state.now);
    assert.equal(noLeads.deals()[0]?.id, first.lead.id);
    assert.equal(noLeads.leads().length, 0);
    assert.deepEqual(
      noLeads.calls.log.filter((c) => c.status === 403).map((c) => c.route),
      ['POST /crm/v3/objects/leads'],
    );
    const second = await leadTurn(
      crm,
      conversationFixture({ id: '1098765:34600999888', user: { waId: '34600999888', name: 'Pablo' } }),
      time.state.now,
    );
    assert.equal(noLeads.deals().length, 2);
    assert.ok(noLeads.deals().some((d) => d.id === second.lead.id));
    assert.equal(noLeads.calls.log.filter((c) => c.status === 403).length, 1, 'learnt once');
  });

  test('a transcript batch answered 207 keeps the written lines and writes only the failed ones again', async () => {
    const { crm } = adapter(hs);
    const conversation = conversationFixture();
    const person = await crm.upsertPerson(conversation);
    const withPerson = { ...conversation, crmRefs: { person: person.id } };
    hs.failBatchInputsNext(1);
    await assert.rejects(crm.writeTranscript(withPerson, firstTurnLines), (error: unknown) =>
      isLeadwireError(error, 'TEMPORARY'),
    );
    assert.equal(hs.communications().length, 2, 'half-written: two of three lines');
    await crm.writeTranscript(withPerson, firstTurnLines);
    assert.equal(hs.communications().length, 3);
    assert.deepEqual(
      hs
        .communications()
        .map((c) => c.properties.leadwire_key)
        .sort(),
      firstTurnLines.map((l) => `comm:${l.wamid}`).sort(),
      'each line exactly once',
    );
  });

  test('images, videos, documents and stickers are written as what they are, not as voice notes', async () => {
    const { crm } = adapter(hs);
    const conversation = conversationFixture({ voiceNotes: {} });
    const person = await crm.upsertPerson(conversation);
    const at = '2026-11-21T17:10:00.000Z';
    const media = (wamid: string, mediaType: string, extra = {}) => ({
      wamid,
      direction: 'inbound' as const,
      author: 'customer' as const,
      sentAt: at,
      mediaId: `m-${wamid}`,
      mediaType,
      ...extra,
    });
    await crm.writeTranscript({ ...conversation, crmRefs: { person: person.id } }, [
      media('w.img', 'image', { text: 'the leak' }),
      media('w.vid', 'video'),
      media('w.doc', 'document', { filename: 'invoice.pdf' }),
      media('w.stk', 'sticker'),
      media('w.voice', 'audio', { voice: true, transcription: 'hola' }),
    ]);
    const body = (wamid: string) =>
      hs.communications().find((c) => c.properties.leadwire_key === `comm:${wamid}`)?.properties
        .hs_communication_body;
    assert.equal(body('w.img'), 'Customer: the leak\n📷 Image');
    assert.equal(body('w.vid'), 'Customer: 🎬 Video');
    assert.equal(body('w.doc'), 'Customer: 📄 Document: invoice.pdf');
    assert.equal(body('w.stk'), 'Customer: 🏷️ Sticker');
    assert.equal(body('w.voice'), 'Customer: 🎤 Voice note — transcription: "hola"');
    assert.ok(
      !hs
        .communications()
        .some((c) => /Voice note \(no transcription/.test(String(c.properties.hs_communication_body))),
    );
  });

  test('a portal without the Leads object gets a deal in the configured pipeline instead', async () => {
    const { crm, time } = adapter(noLeads, {
      settings: { dealPipeline: 'default', dealStage: 'qualifiedtobuy' },
    });
    const out = await leadTurn(crm, conversationFixture(), time.state.now);
    const [deal] = noLeads.deals();
    assert.equal(deal?.id, out.lead.id);
    assert.equal(deal?.properties.pipeline, 'default');
    assert.equal(deal?.properties.dealstage, 'qualifiedtobuy');
    assert.equal(deal?.properties.hubspot_owner_id, '102');
    assert.equal(deal?.properties.leadwire_urgency, 'urgent');
    assert.deepEqual(
      noLeads.associationsOf('deals', out.lead.id).map((a) => [a.toType, a.typeId]),
      [['contacts', 3]],
    );
    assert.ok(
      noLeads.associationsOf('tasks', out.task.id).some((a) => a.toType === 'deals' && a.typeId === 216),
    );
    // the first Lead learns the portal has no Leads object (one refused call); later ones go straight to a deal
    assert.equal(noLeads.calls.total, 6);
    noLeads.resetCalls();
    await leadTurn(
      crm,
      conversationFixture({ id: '1098765:34600999888', user: { waId: '34600999888', name: 'Marta' } }),
      time.state.now,
    );
    assert.ok(noLeads.calls.total <= 5, JSON.stringify(noLeads.calls.byRoute));
    assert.equal(noLeads.deals().length, 2);
  });

  test('leadMode deal costs the same 5 calls as the Leads object', async () => {
    const { crm, time } = adapter(hs, { settings: { leadMode: 'deal' } });
    await leadTurn(crm, conversationFixture(), time.state.now);
    assert.equal(hs.deals().length, 1);
    assert.equal(hs.leads().length, 0);
    assert.ok(hs.calls.total <= 5);
  });

  // ---- the record's owner, as a person changed it inside HubSpot ---------------------------------------------

  /** A person in HubSpot gives a record another owner (the portal's own API, as HubSpot's UI does). */
  const reassign = (emulator: HubspotEmulator, type: string, id: string, owner: string) =>
    new Client({
      accessToken: emulator.accessToken,
      basePath: emulator.url,
      numberOfApiCallRetries: 0,
    }).crm.objects.basicApi.update(type, id, { properties: { hubspot_owner_id: owner } });

  test('the Lead\u2019s owner: no call before there is a Lead, then one rate-limited GET reading what HubSpot shows now', async () => {
    const time = fakeTime();
    const taken: BucketName[] = [];
    const limiter = new MemoryRateLimiter({ clock: time.clock });
    const take = limiter.take.bind(limiter);
    limiter.take = (portalId, bucket) => {
      taken.push(bucket);
      return take(portalId, bucket);
    };
    const crm = new HubspotCrm({
      accessToken: async () => hs.accessToken,
      portalId: String(hs.portalId),
      basePath: hs.url,
      limiter,
      clock: time.clock,
      sleep: time.sleep,
    });
    const conversation = conversationFixture();
    assert.equal(await crm.recordOwner(conversation), undefined, 'no Lead yet: nothing to follow');
    assert.equal(hs.calls.total, 0);

    const out = await leadTurn(crm, conversation, time.state.now);
    hs.resetCalls();
    taken.length = 0;
    assert.equal(await crm.recordOwner(out.conversation), '102');
    assert.deepEqual(
      [hs.calls.total, taken],
      [1, ['general']],
      'one GET, counted by the portal\u2019s limiter',
    );

    await reassign(hs, 'leads', out.lead.id, '101');
    assert.equal(await crm.recordOwner(out.conversation), '101', 'the owner a person gave it in HubSpot');

    // a ten-secondly 429 waits and reads again, like every other call
    hs.resetCalls();
    hs.failNext(429, {
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
    });
    assert.equal(await crm.recordOwner(out.conversation), '101');
    assert.equal(hs.calls.total, 2);

    // the Lead was deleted in HubSpot: nothing to follow
    await new Client({ accessToken: hs.accessToken, basePath: hs.url }).crm.objects.basicApi.archive(
      'leads',
      out.lead.id,
    );
    assert.equal(await crm.recordOwner(out.conversation), undefined);
  });

  test('the owner of the deal (no Leads object), of the ticket, and through ownerMap', async () => {
    const settings = { leadMode: 'deal' as const, ownerMap: { 'u-ana': '101' } };
    const { crm, time } = adapter(hs, { settings });
    const out = await leadTurn(crm, conversationFixture(), time.state.now);
    const [deal] = hs.deals();
    assert.equal(deal?.id, out.lead.id);
    assert.equal(await crm.recordOwner(out.conversation), '102');
    await reassign(hs, 'deals', out.lead.id, '101');
    assert.equal(
      await crm.recordOwner(out.conversation),
      'u-ana',
      'HubSpot\u2019s owner 101 is Leadwire\u2019s u-ana',
    );

    const inquiry = conversationFixture({ id: '1098765:34600555666', state: 'inquiry' });
    const ticket = await crm.upsertInquiry(inquiry, '103', 'customer asked for a person');
    assert.equal(await crm.recordOwner(inquiry), '103');
    await reassign(hs, 'tickets', ticket.id, '102');
    assert.equal(await crm.recordOwner(inquiry), '102');
  });

  test('an Inquiry becomes a ticket in the configured pipeline with the reason and summary', async () => {
    const { crm } = adapter(hs, { settings: { ticketPipeline: '0', ticketStage: '2' } });
    const conversation = conversationFixture();
    const ref = await crm.upsertInquiry(conversation, '101', 'customer asked for a person');
    assert.equal(ref.kind, 'inquiry');
    const [ticket] = hs.tickets();
    assert.equal(ticket?.properties.hs_pipeline, '0');
    assert.equal(ticket?.properties.hs_pipeline_stage, '2');
    assert.equal(ticket?.properties.hubspot_owner_id, '101');
    assert.match(String(ticket?.properties.subject), /customer asked for a person/);
    assert.match(
      String(ticket?.properties.content),
      /Reason: customer asked for a person[\s\S]*Service: plumbing/,
    );
    assert.deepEqual(
      hs.associationsOf('tickets', ref.id).map((a) => [a.toType, a.typeId]),
      [['contacts', 16]],
    );
    await crm.upsertInquiry(conversation, '101', 'customer asked for a person');
    assert.equal(hs.tickets().length, 1);
  });

  test('an urgent Lead gets a HIGH task due within 30 minutes; a normal one MEDIUM on its due date', async () => {
    const { crm, time } = adapter(hs);
    const conversation = { ...conversationFixture(), crmRefs: {} };
    const dueAt = new Date(time.state.now + TWO_HOURS_MS).toISOString();
    await crm.createTask(conversation, {
      key: 'urgent',
      ownerId: '102',
      subject: 'Call now',
      urgent: true,
      dueAt,
    });
    await crm.createTask(conversation, {
      key: 'normal',
      ownerId: '102',
      subject: 'Call later',
      urgent: false,
      dueAt,
    });
    const urgent = hs.tasks().find((t) => t.properties.hs_task_subject === 'Call now');
    const normal = hs.tasks().find((t) => t.properties.hs_task_subject === 'Call later');
    assert.equal(urgent?.properties.hs_task_priority, 'HIGH');
    assert.ok(Date.parse(String(urgent?.properties.hs_timestamp)) <= time.state.now + 30 * 60_000);
    assert.equal(normal?.properties.hs_task_priority, 'MEDIUM');
    assert.equal(normal?.properties.hs_timestamp, dueAt);
    assert.equal(await crm.taskOpen(String(urgent?.id)), true);
    urgent!.properties.hs_task_status = 'COMPLETED';
    assert.equal(await crm.taskOpen(String(urgent?.id)), false);
    assert.equal(await crm.taskOpen('424242'), false);
  });

  test('a 30% 429 storm (TEN_SECONDLY_ROLLING) slows down and still writes everything exactly once', async (t) => {
    const { crm, time } = adapter(hs);
    hs.failRate({ rate: 0.3, seed: 7 });
    const customers = ['34600000001', '34600000002', '34600000003', '34600000004'];
    for (const waId of customers) {
      const turn1 = await leadTurn(
        crm,
        conversationFixture({ id: `1098765:${waId}`, user: { waId, name: `C ${waId}` } }),
        time.state.now,
        firstTurnLines.map((l) => ({ ...l, wamid: `${l.wamid}.${waId}` })),
      );
      const lines = secondTurnLines.map((l) => ({ ...l, wamid: `${l.wamid}.${waId}` }));
      await crm.writeTranscript({ ...turn1.conversation, turnSeq: 2 }, lines);
      await crm.upsertLead({ ...turn1.conversation, signals: {} }, '101');
    }
    hs.failRate(undefined);
    const limited = hs.calls.log.filter((c) => c.status === 429).length;
    t.diagnostic(
      `${hs.calls.total} calls, ${limited} answered 429, ${time.state.slept} ms waited (simulated)`,
    );
    assert.ok(limited >= 5, `only ${limited} 429s`);
    assert.ok(time.state.slept >= limited * 10_000, 'each 429 paused the portal for a rolling window');
    assert.equal(hs.contacts().length, 4);
    assert.equal(hs.leads().length, 4);
    assert.equal(hs.tasks().length, 4);
    assert.equal(hs.communications().length, 16);
    assert.ok(hs.leads().every((l) => l.properties.hubspot_owner_id === '101'));
    const wamids = hs.communications().map((c) => c.properties.leadwire_key);
    assert.equal(new Set(wamids).size, 16);
  });

  test('a DAILY 429 is not retried and comes out as the error that pauses the tenant', async () => {
    const { crm } = adapter(hs);
    hs.failNext(429, {
      status: 'error',
      message: 'You have reached your daily limit.',
      errorType: 'RATE_LIMIT',
      correlationId: 'c033cdaa',
      policyName: 'DAILY',
      requestId: '3d3e35b7',
    });
    const error = await crm.upsertPerson(conversationFixture()).then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof LeadwireError);
    assert.equal(errorHandling[error.code].pausesTenant, true);
    assert.equal(error.details?.reason, 'daily_limit');
    assert.equal(error.details?.portalId, String(hs.portalId));
    assert.equal(hs.calls.total, 1);
  });

  test('a revoked token is AUTH_REVOKED naming the portal, and nothing is written', async () => {
    const fresh = await startHubspotEmulator();
    try {
      const { crm } = adapter(fresh);
      fresh.revoke();
      await assert.rejects(crm.upsertPerson(conversationFixture()), (e: unknown) => {
        assert.ok(isLeadwireError(e, 'AUTH_REVOKED'));
        assert.match(e.message, new RegExp(`portal ${fresh.portalId}.*reinstall`));
        return true;
      });
      assert.equal(fresh.contacts().length, 0);
      assert.equal(fresh.calls.total, 1, 'a revoked token is not retried');
    } finally {
      await fresh.close();
    }
  });

  test('the directory (owners, users, teams) is read once per portal per 5 minutes across processes', async () => {
    const ledger = new MemoryWriteLedger(); // the shared storage (Redis in scale-out, the SQLite file embedded)
    const time = fakeTime();
    const first = adapter(hs, { ledger, time }).crm;
    const second = adapter(hs, { ledger, time }).crm; // another worker process
    const owners = await first.listOwners();
    assert.equal(hs.calls.total, 3, 'owners, users and teams');
    assert.deepEqual(await second.listOwners(), owners);
    assert.equal(await second.ownerIdOfUser('502'), '102', 'user → owner from the shared cache');
    assert.equal(hs.calls.total, 3, 'the second process reads nothing');
    assert.ok(
      hs.calls.log.some((c) => c.route === 'GET /settings/users/v3'),
      'users from /settings/users/v3',
    );
    await time.sleep(5 * 60_000);
    await second.listOwners();
    assert.equal(hs.calls.total, 6, 'read again once the 5 minutes are over');
  });

  test('owners come with their teams; user ids map to owner ids; HubSpot reports no presence', async () => {
    const fresh = await startHubspotEmulator();
    try {
      const { crm } = adapter(fresh);
      const owners = await crm.listOwners();
      assert.deepEqual(
        owners.map((o) => [o.id, o.name, o.active, o.teams.sort()]),
        [
          ['101', 'Ana Ruiz', true, ['9001', '9002']],
          ['102', 'Ben Okafor', true, ['9001']],
          ['103', 'Chen Li', true, ['9002']],
        ],
      );
      assert.equal(fresh.calls.total, 3);
      assert.equal(await crm.ownerIdOfUser('502'), '102');
      const other = adapter(fresh).crm;
      assert.equal(await other.ownerIdOfUser('503'), '103');
      assert.equal(await other.ownerIdOfUser('999'), undefined);
      assert.equal(await crm.presence(), undefined);
    } finally {
      await fresh.close();
    }
  });
});
