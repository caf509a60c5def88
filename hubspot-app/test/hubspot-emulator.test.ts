// The emulator answers the real SDK the way HubSpot does: exact paths, the 2xx each SDK method demands
// (the SDK throws on any other), unique-property and association rules, limits, OAuth and error bodies.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Client } from '@hubspot/api-client';
import { type HubspotEmulator, startHubspotEmulator } from '../emulator/hubspot-emulator.ts';
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

  test('contact create answers 201 (the only status basicApi.create accepts) and search finds it by phone', async () => {
    const created = await client.crm.contacts.basicApi.create({
      properties: { firstname: 'Ana', phone: '+34600111222' },
    });
    assert.match(created.id, /^\d+$/);
    assert.equal(
      (await raw('POST', '/crm/v3/objects/contacts', { properties: { firstname: 'B' } })).status,
      201,
    );
    const found = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [
        { filters: [{ propertyName: 'phone', operator: 'EQ' as never, value: '+34600111222' }] },
      ],
      properties: ['firstname'],
      limit: 10,
    });
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
    const deal = await client.crm.deals.basicApi.create({ properties: { dealname: 'D' } });
    const ticket = await client.crm.tickets.basicApi.create({ properties: { subject: 'T' } });
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
    assert.equal((await client.settings.users.usersApi.getPage()).results.length, 3);
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

  test('OAuth: code and refresh grants, introspection, refresh-token delete, revoke → BAD_REFRESH_TOKEN', async () => {
    const code = hs.issueAuthCode();
    const tokens = await client.oauth.tokensApi.create(
      'authorization_code',
      code,
      'https://x/cb',
      hs.clientId,
      hs.clientSecret,
    );
    assert.equal(tokens.expiresIn, 1800);
    const info = await client.oauth.accessTokensApi.get(tokens.accessToken);
    assert.equal(info.hubId, hs.portalId);
    assert.ok(info.scopes.includes('crm.objects.contacts.write'));
    const refreshed = await client.oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      hs.clientId,
      hs.clientSecret,
      tokens.refreshToken,
    );
    const withNew = new Client({ accessToken: refreshed.accessToken, basePath: hs.url });
    await withNew.crm.owners.ownersApi.getPage();
    hs.revoke();
    const revoked = await sdkError(
      client.oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        hs.clientId,
        hs.clientSecret,
        tokens.refreshToken,
      ),
    );
    assert.equal(revoked.code, 400);
    assert.equal(revoked.body.status, 'BAD_REFRESH_TOKEN');
    assert.equal((await sdkError(withNew.crm.owners.ownersApi.getPage())).code, 401);
  });

  test('DELETE /oauth/v1/refresh-tokens/{t} answers 204', async () => {
    const fresh = await startHubspotEmulator();
    try {
      const c = new Client({ basePath: fresh.url });
      const tokens = await c.oauth.tokensApi.create(
        'authorization_code',
        fresh.issueAuthCode(),
        'https://x/cb',
        fresh.clientId,
        fresh.clientSecret,
      );
      await c.oauth.refreshTokensApi.archive(tokens.refreshToken);
      const again = await sdkError(c.oauth.refreshTokensApi.get(tokens.refreshToken));
      assert.equal(again.code, 404);
    } finally {
      await fresh.close();
    }
  });
});
