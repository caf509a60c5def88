// The admin API over HTTP: bearer auth, presence, claim from the pool, manual assignment and the routing
// read-out — each change a compare-and-set in the assignments store, bad input refused without a change.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Assignment } from '@leadwire/connector-core';
import { DOC_PHONE_NUMBER_ID, type Harness, startHarness, testConfig, textBody } from './support/harness.ts';

const TOKEN = 'admin-secret-token-of-24-chars';

describe('admin API', () => {
  let gw: Harness;
  const conversationId = `${DOC_PHONE_NUMBER_ID}:16505557001`;

  before(async () => {
    const config = testConfig({ worker: true });
    config.server = { ...config.server, adminToken: 'env:ADMIN_TOKEN' };
    config.tenants[0]!.routing = {
      users: [
        { id: 'u1', name: 'Sara', groups: ['team'] },
        { id: 'u2', name: 'Omar', groups: ['team'] },
        { id: 'u3', name: 'Gone', active: false },
      ],
      groups: [{ id: 'team' }],
      queues: [{ id: 'support', name: 'Support', crmId: '00G001' }],
    };
    gw = await startHarness({ config, worker: true });
    // a conversation the gateway recorded, sitting in the pool
    assert.equal((await gw.post(textBody({ wamid: 'wamid.admin-1', from: '16505557001' }))).status, 200);
    const { store, assignments, clock } = gw.running.runtime;
    for (let i = 0; i < 100 && (await store.getConversation(conversationId)) === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(await store.getConversation(conversationId), 'the turn recorded the conversation');
    const pooled = await assignments.assign({
      tenantId: 'acme',
      conversationId,
      assignee: { kind: 'pool', id: 'pool' },
      source: 'routing',
      urgent: true,
      at: clock.now(),
      expectedVersion: 0,
      trace: { rule: 'default', rulesSkipped: [], steps: [] },
    });
    assert.equal(pooled.status, 'assigned');
  });
  after(async () => {
    await gw.close();
  });

  const call = (method: string, path: string, body?: unknown, token: string | null = TOKEN) =>
    fetch(`${gw.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const path = (suffix: string) => `/conversations/${encodeURIComponent(conversationId)}/${suffix}`;

  it('refuses a request without the bearer token, or with a wrong one', async () => {
    assert.equal((await call('GET', '/pool', undefined, null)).status, 401);
    assert.equal((await call('GET', '/pool', undefined, 'wrong-token-of-other-length')).status, 401);
  });

  it('refuses a bare token without "Bearer ", and answers malformed requests with a 4xx, never a 500', async () => {
    const bare = await fetch(`${gw.url}/pool`, { headers: { authorization: TOKEN } });
    assert.equal(bare.status, 401);
    const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const badEscape = await fetch(`${gw.url}/conversations/%E0%A4%A/claim`, {
      method: 'POST',
      headers: auth,
      body: '{}',
    });
    assert.equal(badEscape.status, 400);
    const badEscapeNoToken = await fetch(`${gw.url}/conversations/%zz/routing`);
    assert.ok(
      badEscapeNoToken.status === 400 || badEscapeNoToken.status === 401,
      String(badEscapeNoToken.status),
    );
    const invalidJson = await fetch(`${gw.url}/conversations/x/claim`, {
      method: 'POST',
      headers: auth,
      body: '{"userId":',
    });
    assert.equal(invalidJson.status, 400);
    const tooLarge = await fetch(`${gw.url}/conversations/x/claim`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ userId: 'u'.repeat(20_000) }),
    });
    assert.equal(tooLarge.status, 413);
    const unknownPath = await fetch(`${gw.url}/%E0%A4%A`);
    assert.ok(unknownPath.status === 400 || unknownPath.status === 404, String(unknownPath.status));
  });

  it('lists the pool and declares presence; an unknown user or status is a 4xx that changes nothing', async () => {
    const pool = (await (await call('GET', '/pool')).json()) as { pool: Assignment[] };
    assert.deepEqual(
      pool.pool.map((a) => a.conversationId),
      [conversationId],
    );
    assert.equal((await call('POST', '/agents/u1/presence', { status: 'away' })).status, 200);
    assert.deepEqual(await gw.running.runtime.assignments.presence('acme'), { u1: 'away' });
    assert.equal((await call('POST', '/agents/nobody/presence', { status: 'online' })).status, 404);
    assert.equal((await call('POST', '/agents/u1/presence', { status: 'sleeping' })).status, 400);
    assert.deepEqual(await gw.running.runtime.assignments.presence('acme'), { u1: 'away' });
  });

  it('lets an active user claim from the pool once; a second claim is a 409 naming the holder', async () => {
    assert.equal(
      (await call('POST', path('claim'), { userId: 'u3' })).status,
      400,
      'inactive users cannot claim',
    );
    const first = await call('POST', path('claim'), { userId: 'u2' });
    assert.equal(first.status, 200);
    const { assignment } = (await first.json()) as { assignment: Assignment };
    assert.deepEqual(assignment.assignee, { kind: 'user', id: 'u2', name: 'Omar' });
    assert.equal(assignment.source, 'claim');
    const second = await call('POST', path('claim'), { userId: 'u1' });
    assert.equal(second.status, 409);
    assert.equal((await gw.running.runtime.assignments.get(conversationId))?.assignee.id, 'u2');
  });

  it('assigns by hand to a user or a queue, and the routing read-out shows every step', async () => {
    assert.equal((await call('POST', path('assign'), { userId: 'nobody' })).status, 400);
    assert.equal((await call('POST', path('assign'), { userId: 'u1', queueId: 'support' })).status, 400);
    const toQueue = await call('POST', path('assign'), { queueId: 'support' });
    assert.equal(toQueue.status, 200);
    const toUser = await call('POST', path('assign'), { userId: 'u1' });
    assert.equal(toUser.status, 200);
    const explained = (await (await call('GET', path('routing'))).json()) as {
      history: Assignment[];
      assignment: Assignment;
    };
    assert.deepEqual(
      explained.history.map((a) => `${a.source}:${a.assignee.kind}:${a.assignee.id}`),
      ['routing:pool:pool', 'claim:user:u2', 'manual:queue:00G001', 'manual:user:u1'],
    );
    assert.equal(explained.assignment.assignee.id, 'u1');
    assert.equal((await call('GET', `/conversations/${encodeURIComponent('nope:1')}/routing`)).status, 404);
  });

  it('closes finished work once, freeing the owner’s capacity', async () => {
    const { assignments } = gw.running.runtime;
    const before = (await assignments.stats('acme', ['u1'], Date.now(), 3_600_000)).users.u1?.open;
    const closed = await call('POST', path('close'));
    assert.equal(closed.status, 200);
    assert.equal(((await closed.json()) as { assignment: Assignment }).assignment.closed, true);
    const after = (await assignments.stats('acme', ['u1'], Date.now(), 3_600_000)).users.u1?.open;
    assert.equal(after, (before ?? 0) - 1);
    assert.equal((await call('POST', path('close'))).status, 200, 'closing again changes nothing');
    assert.equal((await assignments.stats('acme', ['u1'], Date.now(), 3_600_000)).users.u1?.open, after);
    assert.equal((await call('POST', path('release'))).status, 409, 'not with a person');
  });
});
