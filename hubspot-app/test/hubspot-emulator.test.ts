// The emulator answers the real SDK the way HubSpot does: exact paths, the 2xx each SDK method demands
// (the SDK throws on any other), unique-property and association rules, limits, OAuth and error bodies.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Client } from '@hubspot/api-client';
import { type HubspotEmulator, projectApp, startHubspotEmulator } from '../emulator/hubspot-emulator.ts';
import { createLeadwireProperties } from '../emulator/portal-setup.ts';

type SdkError = { code: number; body: Record<string, unknown> };
const sdkError = async (promise: Promise<unknown>): Promise<SdkError> => {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  assert.fail('expected the SDK to throw');
};

const REDIRECT = 'https://leadwire.example.com/oauth/hubspot/callback';
/** A form-encoded POST to an OAuth endpoint with the app's credentials. */
const oauthForm = (emu: HubspotEmulator, path: string, fields: Record<string, string>) =>
  fetch(`${emu.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: emu.clientId, client_secret: emu.clientSecret, ...fields }),
  });
/** The authorize URL an install link sends the admin to. */
const installLink = (emu: HubspotEmulator, scope: string[], optional: string[] = [], redirect = REDIRECT) =>
  `https://app.hubspot.com/oauth/authorize?${new URLSearchParams({
    client_id: emu.clientId,
    redirect_uri: redirect,
    scope: scope.join(' '),
    ...(optional.length > 0 ? { optional_scope: optional.join(' ') } : {}),
    state: 's1',
  })}`;

describe('HubSpot emulator with @hubspot/api-client 14', () => {
  let hs: HubspotEmulator;
  let client: Client;
  before(async () => {
    hs = await startHubspotEmulator();
    client = new Client({ accessToken: hs.accessToken, basePath: hs.url });
  });
  beforeEach(() => hs.reset());
  after(() => hs.close());

  const raw = (method: string, path: string, body?: unknown) =>
    fetch(`${hs.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${hs.accessToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  test('contact create answers 201 (the only status basicApi.create accepts); search finds it once indexed', async () => {
    const created = await client.crm.contacts.basicApi.create({
      properties: { firstname: 'Ana', phone: '+34600111222' },
    });
    assert.match(created.id, /^\d+$/);
    assert.equal(
      (await raw('POST', '/crm/v3/objects/contacts', { properties: { firstname: 'B' } })).status,
      201,
    );
    const search = () =>
      client.crm.contacts.searchApi.doSearch({
        filterGroups: [
          { filters: [{ propertyName: 'phone', operator: 'EQ' as never, value: '+34600111222' }] },
        ],
        properties: ['firstname'],
        limit: 10,
      });
    assert.equal((await search()).total, 0, 'the search index lags the write');
    hs.indexNow();
    const found = await search();
    assert.equal(found.total, 1);
    assert.equal(found.results[0]?.properties.firstname, 'Ana');
  });

  test('batch upsert by a unique property creates then updates; by a non-unique one it is a 400', async () => {
    await createLeadwireProperties(hs);
    const input = { idProperty: 'leadwire_conversation_id', id: 'c-1', properties: { firstname: 'Ana' } };
    const first = await client.crm.contacts.batchApi.upsert({ inputs: [input] });
    const second = await client.crm.contacts.batchApi.upsert({
      inputs: [{ ...input, properties: { lastname: 'R' } }],
    });
    assert.equal(first.results[0]?._new, true);
    assert.equal(second.results[0]?._new, false);
    assert.equal(second.results[0]?.id, first.results[0]?.id);
    assert.equal(hs.contacts().length, 1);
    const error = await sdkError(
      client.crm.contacts.batchApi.upsert({ inputs: [{ idProperty: 'firstname', id: 'x', properties: {} }] }),
    );
    assert.equal(error.code, 400);
    assert.equal(error.body.message, 'Unable to perform update/upsert by non-unique 0-1 property');
  });

  test('a duplicate unique value on create is a 409 naming the existing id', async () => {
    const first = await client.crm.contacts.basicApi.create({ properties: { email: 'a@x.com' } });
    const error = await sdkError(client.crm.contacts.basicApi.create({ properties: { email: 'a@x.com' } }));
    assert.equal(error.code, 409);
    assert.equal(error.body.message, `Contact already exists. Existing ID: ${first.id}`);
    assert.equal(error.body.category, 'CONFLICT');
  });

  test('unknown properties, association type ids and target ids are 400s', async () => {
    const contact = await client.crm.contacts.basicApi.create({ properties: { firstname: 'A' } });
    assert.equal(
      (await sdkError(client.crm.contacts.basicApi.create({ properties: { nope: '1' } }))).code,
      400,
    );
    const task = (id: string, typeId: number) =>
      client.crm.objects.tasks.basicApi.create({
        properties: { hs_timestamp: '2026-11-21T18:00:00Z', hs_task_subject: 'x' },
        associations: [
          {
            to: { id },
            types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: typeId }],
          },
        ],
      });
    assert.equal((await sdkError(task(contact.id, 81))).code, 400);
    assert.equal((await sdkError(task('999999', 204))).code, 400);
    const ok = await task(contact.id, 204);
    assert.deepEqual(
      hs.associationsOf('tasks', ok.id).map((a) => [a.toType, a.typeId]),
      [['contacts', 204]],
    );
  });

  test('v4 associations: PUT 201, default 200, batch create 201, labels, and a 404 for an unknown record', async () => {
    const contact = await client.crm.contacts.basicApi.create({ properties: { firstname: 'A' } });
    const deal = await client.crm.deals.basicApi.create({
      properties: { dealname: 'D', dealstage: 'appointmentscheduled' },
    });
    const ticket = await client.crm.tickets.basicApi.create({
      properties: { subject: 'T', hs_pipeline_stage: '1' },
    });
    await client.crm.associations.v4.basicApi.create('deals', deal.id, 'contacts', contact.id, [
      { associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 3 },
    ]);
    await client.crm.associations.v4.basicApi.createDefault('tickets', ticket.id, 'contacts', contact.id);
    await client.crm.associations.v4.batchApi.create('deals', 'tickets', {
      inputs: [
        {
          _from: { id: deal.id },
          to: { id: ticket.id },
          types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 27 }],
        },
      ],
    });
    assert.equal(hs.associationsOf('contacts', contact.id).length, 2);
    const page = await client.crm.associations.v4.basicApi.getPage('deals', deal.id, 'contacts');
    assert.equal(String(page.results[0]?.toObjectId), contact.id);
    const labels = await client.crm.associations.v4.schema.definitionsApi.getAll('leads', 'contacts');
    assert.deepEqual(
      labels.results.map((l) => l.typeId),
      [578],
    );
    const missing = await sdkError(
      client.crm.associations.v4.basicApi.create('deals', deal.id, 'contacts', '424242', [
        { associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 3 },
      ]),
    );
    assert.equal(missing.code, 404);
  });

  test('communications batch create answers 201 with WHATS_APP records', async () => {
    const contact = await client.crm.contacts.basicApi.create({ properties: { firstname: 'A' } });
    const created = await client.crm.objects.communications.batchApi.create({
      inputs: [
        {
          properties: {
            hs_communication_channel_type: 'WHATS_APP',
            hs_communication_logged_from: 'CRM',
            hs_communication_body: 'Hola',
            hs_timestamp: '2026-11-21T17:01:11.853Z',
          },
          associations: [
            {
              to: { id: contact.id },
              types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 81 }],
            },
          ],
        },
      ],
    });
    assert.equal(created.results.length, 1);
    assert.equal(
      (await raw('POST', '/crm/v3/objects/communications/batch/create', { inputs: [] })).status,
      201,
    );
  });

  test('owners (trailing slash), users, teams, properties, pipelines', async () => {
    const owners = await client.crm.owners.ownersApi.getPage(undefined, undefined, 100);
    assert.deepEqual(
      owners.results.map((o) => o.id),
      ['101', '102', '103'],
    );
    assert.equal((await raw('GET', '/crm/v3/owners/')).status, 200);
    assert.equal((await client.crm.owners.ownersApi.getById(502, 'userId')).id, '102');
    const users = await raw('GET', '/settings/users/v3?limit=2');
    const page = (await users.json()) as { results: unknown[]; paging?: { next?: { after: string } } };
    assert.equal(page.results.length, 2);
    assert.equal(page.paging?.next?.after, '2');
    // the list moved to /settings/users/v3; the SDK's /settings/v3/users/ is no longer published
    assert.equal((await sdkError(client.settings.users.usersApi.getPage())).code, 404);
    assert.deepEqual(
      (await client.settings.users.teamsApi.getAll()).results.map((t) => t.name),
      ['Plumbing', 'Electrical'],
    );
    const definition = {
      name: 'leadwire_x',
      label: 'X',
      type: 'string' as never,
      fieldType: 'text' as never,
      groupName: 'contactinformation',
    };
    await client.crm.properties.coreApi.create('contacts', definition);
    assert.equal(
      (await client.crm.properties.coreApi.getByName('contacts', 'leadwire_x')).name,
      'leadwire_x',
    );
    assert.equal((await sdkError(client.crm.properties.coreApi.create('contacts', definition))).code, 409);
    const deals = await client.crm.pipelines.pipelinesApi.getAll('deals');
    assert.equal(deals.results[0]?.stages[0]?.id, 'appointmentscheduled');
    const tickets = await client.crm.pipelines.pipelineStagesApi.getAll('tickets', '0');
    assert.equal(tickets.results[0]?.id, '1');
  });

  test('a portal without the Leads object refuses leads calls', async () => {
    hs.portal.hasLeads = false;
    const error = await sdkError(
      client.crm.objects.leads.basicApi.create({ properties: { hs_lead_name: 'x' } }),
    );
    assert.equal(error.code, 400);
    assert.match(String(error.body.message), /Unable to infer object type/);
    hs.portal.hasLeads = true;
  });

  test("a wrong token is a 401 with HubSpot's body; failNext and storms answer 429 with policyName", async () => {
    const bad = new Client({ accessToken: 'nope', basePath: hs.url });
    const error = await sdkError(bad.crm.contacts.basicApi.getById('1'));
    assert.equal(error.code, 401);
    assert.equal(error.body.category, 'INVALID_AUTHENTICATION');
    hs.failNext(429, undefined);
    const limited = await sdkError(client.crm.owners.ownersApi.getPage());
    assert.equal(limited.code, 429);
    assert.equal(limited.body.policyName, 'TEN_SECONDLY_ROLLING');
    hs.failRate({ rate: 1, policyName: 'DAILY' });
    const daily = await sdkError(client.crm.owners.ownersApi.getPage());
    assert.equal(daily.body.policyName, 'DAILY');
    assert.equal(daily.body.message, 'You have reached your daily limit.');
    hs.failRate(undefined);
  });

  test('the sixth search within a second is a 429 (5/s)', async () => {
    const search = () => client.crm.contacts.searchApi.doSearch({ filterGroups: [], limit: 1 });
    for (let i = 0; i < 5; i++) await search();
    const error = await sdkError(search());
    assert.equal(error.code, 429);
    assert.equal(error.body.message, 'You have reached your secondly limit.');
  });

  const form = (path: string, fields: Record<string, string>) => oauthForm(hs, path, fields);

  test('OAuth 2026-03: code and refresh grants, introspection, revoke → BAD_REFRESH_TOKEN', async () => {
    const exchanged = await form('/oauth/2026-03/token', {
      grant_type: 'authorization_code',
      code: hs.issueAuthCode(),
      redirect_uri: REDIRECT,
    });
    assert.equal(exchanged.status, 200);
    const tokens = (await exchanged.json()) as Record<string, unknown>;
    assert.equal(tokens.expires_in, 1800);
    assert.equal(tokens.hub_id, hs.portalId);
    assert.ok((tokens.scopes as string[]).includes('crm.objects.contacts.write'));
    const info = (await (
      await form('/oauth/2026-03/token/introspect', { token: String(tokens.access_token) })
    ).json()) as Record<string, unknown>;
    assert.equal(info.active, true);
    assert.equal(info.hub_id, hs.portalId);
    const refreshed = (await (
      await form('/oauth/2026-03/token', {
        grant_type: 'refresh_token',
        refresh_token: String(tokens.refresh_token),
      })
    ).json()) as Record<string, unknown>;
    const withNew = new Client({ accessToken: String(refreshed.access_token), basePath: hs.url });
    await withNew.crm.owners.ownersApi.getPage();
    assert.equal(
      (await form('/oauth/2026-03/token/revoke', { token: String(tokens.refresh_token) })).status,
      204,
    );
    const revoked = await form('/oauth/2026-03/token', {
      grant_type: 'refresh_token',
      refresh_token: String(tokens.refresh_token),
    });
    assert.equal(revoked.status, 400);
    assert.equal(((await revoked.json()) as Record<string, unknown>).status, 'BAD_REFRESH_TOKEN');
    assert.equal((await sdkError(withNew.crm.owners.ownersApi.getPage())).code, 401);
  });

  test('the deprecated OAuth v1 endpoints are not served', async () => {
    const v1 = await form('/oauth/v1/token', {
      grant_type: 'authorization_code',
      code: hs.issueAuthCode(),
      redirect_uri: REDIRECT,
    });
    assert.equal(v1.status, 404);
  });
});

describe('the emulator refuses what HubSpot refuses', () => {
  let hs: HubspotEmulator;
  let client: Client;
  before(async () => {
    hs = await startHubspotEmulator();
    client = new Client({ accessToken: hs.accessToken, basePath: hs.url });
  });
  beforeEach(() => hs.reset());
  after(() => hs.close());
  const form = (path: string, fields: Record<string, string>) => oauthForm(hs, path, fields);

  const post = (path: string, body: unknown, token = hs.accessToken) =>
    fetch(`${hs.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  /** HubSpot's error body: the status, its category, a correlation id, and the failing property's error code. */
  async function refused(response: Response, status: number, category: string, error?: string) {
    assert.equal(response.status, status);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.category, category);
    assert.match(String(body.correlationId), /^[0-9a-f-]{36}$/);
    if (error !== undefined) assert.match(String(body.message), new RegExp(`"error":"${error}"`));
    return body;
  }
  const contactId = async () =>
    (await client.crm.contacts.basicApi.create({ properties: { firstname: 'A' } })).id;
  const task = (properties: Record<string, string>) =>
    post('/crm/v3/objects/tasks', {
      properties: { hs_timestamp: '2026-11-21T18:00:00.000Z', hs_task_subject: 'Call', ...properties },
    });
  const communication = (properties: Record<string, string>) =>
    post('/crm/v3/objects/communications', {
      properties: {
        hs_communication_channel_type: 'WHATS_APP',
        hs_communication_logged_from: 'CRM',
        hs_communication_body: 'Hola',
        hs_timestamp: '2026-11-21T18:00:00.000Z',
        ...properties,
      },
    });

  test('a task priority outside LOW/MEDIUM/HIGH (URGENT) is a 400 INVALID_OPTION', async () => {
    await refused(await task({ hs_task_priority: 'URGENT' }), 400, 'VALIDATION_ERROR', 'INVALID_OPTION');
    assert.equal((await task({ hs_task_priority: 'HIGH' })).status, 201);
  });

  test('a task type outside EMAIL/CALL/TODO (FAX) is a 400 INVALID_OPTION', async () => {
    await refused(await task({ hs_task_type: 'FAX' }), 400, 'VALIDATION_ERROR', 'INVALID_OPTION');
  });

  test('a task status HubSpot does not have (DONE) is a 400 INVALID_OPTION', async () => {
    await refused(await task({ hs_task_status: 'DONE' }), 400, 'VALIDATION_ERROR', 'INVALID_OPTION');
    assert.equal((await task({ hs_task_status: 'COMPLETED' })).status, 201);
  });

  test('an owner id that is no owner of the portal (99999) is a 400 INVALID_OWNER_ID', async () => {
    await refused(await task({ hubspot_owner_id: '99999' }), 400, 'VALIDATION_ERROR', 'INVALID_OWNER_ID');
    assert.equal((await task({ hubspot_owner_id: '101' })).status, 201);
  });

  test('a deal or ticket stage that is not in its pipeline is a 400 INVALID_OPTION', async () => {
    const deal = (properties: Record<string, string>) =>
      post('/crm/v3/objects/deals', { properties: { dealname: 'D', ...properties } });
    await refused(await deal({ dealstage: 'nope' }), 400, 'VALIDATION_ERROR', 'INVALID_OPTION');
    await refused(
      await deal({ pipeline: 'missing', dealstage: 'appointmentscheduled' }),
      400,
      'VALIDATION_ERROR',
      'INVALID_OPTION',
    );
    assert.equal((await deal({ pipeline: 'default', dealstage: 'closedwon' })).status, 201);
    await refused(
      await post('/crm/v3/objects/tickets', {
        properties: { subject: 'T', hs_pipeline_stage: 'appointmentscheduled' },
      }),
      400,
      'VALIDATION_ERROR',
      'INVALID_OPTION',
    );
  });

  test('a communication channel HubSpot does not log (TELEGRAM) is a 400 INVALID_OPTION', async () => {
    await refused(
      await communication({ hs_communication_channel_type: 'TELEGRAM' }),
      400,
      'VALIDATION_ERROR',
      'INVALID_OPTION',
    );
  });

  test("a lifecycle stage that is not one of HubSpot's is a 400 INVALID_OPTION", async () => {
    await refused(
      await post('/crm/v3/objects/contacts', {
        properties: { firstname: 'A', lifecyclestage: 'hot-prospect' },
      }),
      400,
      'VALIDATION_ERROR',
      'INVALID_OPTION',
    );
    const id = await contactId();
    const patch = await fetch(`${hs.url}/crm/v3/objects/contacts/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${hs.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { lifecyclestage: 'bogus' } }),
    });
    await refused(patch, 400, 'VALIDATION_ERROR', 'INVALID_OPTION');
  });

  test('a communication without hs_timestamp is a 400 REQUIRED_PROPERTY', async () => {
    const response = await post('/crm/v3/objects/communications', {
      properties: {
        hs_communication_channel_type: 'WHATS_APP',
        hs_communication_logged_from: 'CRM',
        hs_communication_body: 'Hola',
      },
    });
    await refused(response, 400, 'VALIDATION_ERROR', 'REQUIRED_PROPERTY');
    await refused(
      await communication({ hs_timestamp: 'yesterday' }),
      400,
      'VALIDATION_ERROR',
      'INVALID_DATETIME',
    );
  });

  test('a ticket without hs_pipeline_stage is a 400 REQUIRED_PROPERTY', async () => {
    await refused(
      await post('/crm/v3/objects/tickets', { properties: { subject: 'T' } }),
      400,
      'VALIDATION_ERROR',
      'REQUIRED_PROPERTY',
    );
  });

  test('an association without a category (or with an unknown one) is a 400', async () => {
    const id = await contactId();
    const note = (types: unknown[]) =>
      post('/crm/v3/objects/tasks', {
        properties: { hs_timestamp: '2026-11-21T18:00:00.000Z' },
        associations: [{ to: { id }, types }],
      });
    await refused(await note([{ associationTypeId: 204 }]), 400, 'VALIDATION_ERROR');
    await refused(
      await note([{ associationCategory: 'WHATEVER', associationTypeId: 204 }]),
      400,
      'VALIDATION_ERROR',
    );
    assert.equal(
      (await note([{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 }])).status,
      201,
    );
  });

  test('a calculated property cannot be written', async () => {
    await refused(
      await post('/crm/v3/objects/contacts', {
        properties: { firstname: 'A', hs_searchable_calculated_phone_number: '1' },
      }),
      400,
      'VALIDATION_ERROR',
      'READ_ONLY_VALUE',
    );
  });

  test('a batch write can answer 207: the failed inputs are named in errors[] and not written', async () => {
    hs.failBatchInputsNext(1);
    const created = await client.crm.objects.batchApi.create('tasks', {
      inputs: ['a', 'b'].map((subject) => ({
        properties: { hs_timestamp: '2026-11-21T18:00:00.000Z', hs_task_subject: subject },
        associations: [],
      })),
    });
    assert.equal(created.results.length, 1);
    assert.equal((created as { errors?: unknown[] }).errors?.length, 1);
    assert.equal(hs.tasks().length, 1);
    const updated = await post('/crm/v3/objects/tasks/batch/update', {
      inputs: [
        { id: created.results[0]!.id, properties: { hs_task_subject: 'c' } },
        { id: '424242', properties: { hs_task_subject: 'd' } },
      ],
    });
    assert.equal(updated.status, 207);
    const body = (await updated.json()) as { results: unknown[]; errors: { category: string }[] };
    assert.equal(body.results.length, 1);
    assert.equal(body.errors[0]?.category, 'OBJECT_NOT_FOUND');
  });

  test('a token without a scope gets 403 MISSING_SCOPES naming it', async () => {
    const noLeads = await startHubspotEmulator({ hasLeads: false });
    try {
      const id = (
        await new Client({
          accessToken: noLeads.accessToken,
          basePath: noLeads.url,
        }).crm.contacts.basicApi.create({ properties: { firstname: 'A' } })
      ).id;
      const response = await fetch(`${noLeads.url}/crm/v3/objects/leads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${noLeads.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          properties: { hs_lead_name: 'x' },
          associations: [
            { to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 578 }] },
          ],
        }),
      });
      const body = await refused(response, 403, 'MISSING_SCOPES');
      assert.match(JSON.stringify(body.errors), /crm\.objects\.leads\.write/);
    } finally {
      await noLeads.close();
    }
  });

  test('search lags writes: a new record is not found until indexed, an update is found by its old value', async () => {
    hs.searchLagMs = 60_000;
    const id = (await client.crm.contacts.basicApi.create({ properties: { firstname: 'Old' } })).id;
    const byName = async (firstname: string) =>
      (
        await client.crm.contacts.searchApi.doSearch({
          filterGroups: [
            { filters: [{ propertyName: 'firstname', operator: 'EQ' as never, value: firstname }] },
          ],
          limit: 10,
        })
      ).total;
    assert.equal(await byName('Old'), 0);
    hs.indexNow();
    assert.equal(await byName('Old'), 1);
    await client.crm.contacts.basicApi.update(id, { properties: { firstname: 'New' } });
    assert.equal(await byName('New'), 0);
    assert.equal(await byName('Old'), 1);
    hs.indexNow();
    assert.equal(await byName('New'), 1);
    hs.searchLagMs = 1500;
  });

  test('phone search matches the national number however the phone was typed', async () => {
    hs.seed('contacts', { phone: '+966 50 123 4567' });
    hs.seed('contacts', { mobilephone: '+966-50-123-4567' });
    const found = await client.crm.contacts.searchApi.doSearch({
      filterGroups: ['hs_searchable_calculated_phone_number', 'hs_searchable_calculated_mobile_number'].map(
        (propertyName) => ({ filters: [{ propertyName, operator: 'EQ' as never, value: '501234567' }] }),
      ),
      limit: 10,
    });
    assert.equal(found.total, 2);
  });

  test('the authorize step checks client id, redirect_uri and that every required scope is asked for', async () => {
    const app = projectApp();
    assert.throws(
      () => hs.authorize(installLink(hs, app.requiredScopes, [], 'https://evil.example.com/cb')),
      /redirect_uri/,
    );
    const withoutLeadsRequired = app.requiredScopes.filter((s) => s !== 'crm.objects.contacts.write');
    assert.throws(
      () => hs.authorize(installLink(hs, withoutLeadsRequired)),
      /required scopes crm\.objects\.contacts\.write/,
    );
    assert.throws(
      () => hs.authorize(installLink(hs, [...app.requiredScopes, 'e-commerce'])),
      /does not declare/,
    );
    const back = new URL(hs.authorize(installLink(hs, app.requiredScopes, app.optionalScopes)));
    assert.equal(`${back.origin}${back.pathname}`, REDIRECT);
    assert.equal(back.searchParams.get('state'), 's1');
    const code = back.searchParams.get('code')!;
    const elsewhere = await form('/oauth/2026-03/token', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'https://leadwire.example.com/other',
    });
    assert.equal(((await elsewhere.json()) as Record<string, unknown>).status, 'BAD_REDIRECT_URI');
    const exchanged = await form('/oauth/2026-03/token', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
    });
    const scopes = ((await exchanged.json()) as { scopes: string[] }).scopes;
    assert.ok(scopes.includes('crm.objects.leads.write'), 'optional scopes the portal has are granted');
  });

  test('an install on a portal without Leads is not granted the optional Leads scopes', async () => {
    const noLeads = await startHubspotEmulator({ hasLeads: false });
    try {
      const app = projectApp();
      const link = installLink(noLeads, app.requiredScopes, app.optionalScopes);
      const code = new URL(noLeads.authorize(link)).searchParams.get('code')!;
      const exchanged = await oauthForm(noLeads, '/oauth/2026-03/token', {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
      });
      const scopes = ((await exchanged.json()) as { scopes: string[] }).scopes;
      assert.ok(!scopes.some((s) => s.startsWith('crm.objects.leads.')));
      assert.ok(scopes.includes('crm.objects.deals.write'));
    } finally {
      await noLeads.close();
    }
  });
});
