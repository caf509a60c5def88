// The Graph emulator's rules, one test each: it must refuse what Meta refuses (window, pair rate, limits,
// token expiry, mark-read, templates) and report what Meta reports (statuses, including `read` and `failed`),
// from its own statement of Meta's rules.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type GraphEmulator, startGraphEmulator } from '../src/whatsapp/graph-emulator.ts';
import { metaRules } from '../src/whatsapp/graph-emulator-rules.ts';
import { until } from './support/harness.ts';

const PHONE = '106540352242922';
const CUSTOMER = '16505551234';
const HOUR = 60 * 60 * 1000;

describe('Graph emulator rules', () => {
  let now = Date.parse('2026-11-20T10:00:00Z');
  let graph: GraphEmulator;
  before(async () => {
    graph = await startGraphEmulator({ token: 'rules-token', clock: () => now });
  });
  after(() => graph.close());
  beforeEach(() => {
    now += 24 * HOUR; // every test starts with fresh windows and pair quotas
  });

  const post = async (body: Record<string, unknown>, path = `/v25.0/${PHONE}/messages`) => {
    const res = await fetch(`${graph.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${graph.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...body }),
    });
    const json = (await res.json()) as {
      error?: { code: number; error_subcode?: number; error_data?: { details?: string } };
    };
    return { status: res.status, code: json.error?.code, details: json.error?.error_data?.details, json };
  };
  const text = (to: string, body = 'Hello') => ({ to, type: 'text', text: { body } });
  const inbound = (from: string, id: string) => ({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: graph.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE },
              contacts: [{ profile: { name: 'Ana' }, wa_id: from }],
              messages: [
                { from, id, timestamp: String(Math.floor(now / 1000)), type: 'text', text: { body: 'hi' } },
              ],
            },
          },
        ],
      },
    ],
  });

  describe('24-hour customer-service window', () => {
    it('refuses a free-form message to a customer who never wrote with 131047', async () => {
      const answer = await post(text(`+${CUSTOMER}`));
      assert.equal(answer.status, 400);
      assert.equal(answer.code, 131047);
    });
    it('accepts it within 24 hours of the customer’s message, refuses it after', async () => {
      graph.observe(inbound(CUSTOMER, 'wamid.window-1'));
      now += 23 * HOUR;
      assert.equal((await post(text(`+${CUSTOMER}`))).status, 200);
      now += 2 * HOUR;
      assert.equal((await post(text(`+${CUSTOMER}`))).code, 131047);
    });
    it('accepts an approved template outside the window', async () => {
      const answer = await post({
        to: `+${CUSTOMER}`,
        type: 'template',
        template: {
          name: 'lead_follow_up',
          language: { code: 'en_US' },
          components: [
            {
              type: 'body',
              parameters: ['Ana', 'Sam', 'cleaning'].map((t) => ({ type: 'text', text: t })),
            },
          ],
        },
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.json));
    });
    it('reads `to` without + as Meta does: the business number’s country code goes first (a wrong number)', async () => {
      graph.observe(inbound('447700900123', 'wamid.uk-1'));
      assert.equal((await post(text('447700900123'))).code, 131047, 'sent to +1447700900123');
      assert.equal((await post(text('+447700900123'))).status, 200);
      assert.equal(graph.sent.at(-1)!.recipient, '447700900123');
    });
  });

  describe('free-entry-point window (a customer from a click-to-WhatsApp ad)', () => {
    const fromAd = (from: string, id: string) => {
      const body = inbound(from, id);
      const message = body.entry[0]!.changes[0]!.value.messages[0]! as Record<string, unknown>;
      message.referral = { source_url: 'https://fb.me/ad', source_id: '120', source_type: 'ad' };
      return body;
    };
    it('answered within 24 hours, any message is accepted for 72 hours from the answer; 131047 after', async () => {
      const customer = '16505550101';
      graph.observe(fromAd(customer, 'wamid.ad-1'));
      now += 2 * HOUR;
      assert.equal((await post(text(`+${customer}`))).status, 200, 'the answer opens the window');
      now += 72 * HOUR - 60_000;
      assert.equal((await post(text(`+${customer}`))).status, 200, 'a minute before 72 hours, still open');
      now += 2 * 60_000;
      assert.equal((await post(text(`+${customer}`))).code, 131047, '72 hours after the answer');
    });
    it('answered after 24 hours, there is no free-entry-point window', async () => {
      const customer = '16505550102';
      graph.observe(fromAd(customer, 'wamid.ad-2'));
      now += 25 * HOUR;
      assert.equal((await post(text(`+${customer}`))).code, 131047);
    });
  });

  it(`refuses the pair rate: a burst of ${metaRules.pairBurst} passes, the next fails with 131056 until 6 s pass`, async () => {
    graph.customerWrote(PHONE, CUSTOMER);
    for (let i = 0; i < metaRules.pairBurst; i++)
      assert.equal((await post(text(`+${CUSTOMER}`, `m${i}`))).status, 200, `message ${i + 1}`);
    assert.equal((await post(text(`+${CUSTOMER}`))).code, 131056);
    now += metaRules.pairIntervalMs;
    assert.equal((await post(text(`+${CUSTOMER}`))).status, 200);
  });

  describe('message limits', () => {
    beforeEach(() => graph.customerWrote(PHONE, CUSTOMER));
    const list = (section: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      to: `+${CUSTOMER}`,
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Which?' },
        action: { button: 'Choose', sections: [section] },
        ...extra,
      },
    });
    const buttons = (items: Array<{ id: string; title: string }>, extra: Record<string, unknown> = {}) => ({
      to: `+${CUSTOMER}`,
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Urgent?' },
        action: { buttons: items.map((reply) => ({ type: 'reply', reply })) },
        ...extra,
      },
    });
    const rows = [{ id: 'a', title: 'A' }];
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['a list section without a title', list({ rows }), /section.title is required/],
      ['a section title over 24 characters', list({ title: 'x'.repeat(25), rows }), /section.title/],
      [
        'duplicate row ids',
        list({ title: 'S', rows: [...rows, { id: 'a', title: 'B' }] }),
        /row ids must be unique/,
      ],
      [
        'a list header over 60 characters',
        list({ title: 'S', rows }, { header: { type: 'text', text: 'h'.repeat(61) } }),
        /header.text/,
      ],
      [
        'a list footer over 60 characters',
        list({ title: 'S', rows }, { footer: { text: 'f'.repeat(61) } }),
        /footer/,
      ],
      [
        'duplicate button ids',
        buttons([
          { id: 'same', title: 'Yes' },
          { id: 'same', title: 'No' },
        ]),
        /button ids must be unique/,
      ],
      [
        'a button footer over 60 characters',
        buttons([{ id: 'y', title: 'Yes' }], { footer: { text: 'f'.repeat(61) } }),
        /footer/,
      ],
      [
        'a button body over 1,024 characters',
        {
          ...buttons([{ id: 'y', title: 'Yes' }]),
          interactive: {
            type: 'button',
            body: { text: 'b'.repeat(1025) },
            action: { buttons: [{ type: 'reply', reply: { id: 'y', title: 'Yes' } }] },
          },
        },
        /body.text must be at most 1024/,
      ],
    ];
    for (const [name, body, details] of cases)
      it(`refuses ${name} with 131009`, async () => {
        const answer = await post(body);
        assert.equal(answer.code, 131009);
        assert.match(answer.details ?? '', details);
      });
  });

  it('refuses an expired token with 190 (subcode 463)', async () => {
    const expiring = await startGraphEmulator({ token: 't', clock: () => now, tokenExpiresAt: now + HOUR });
    try {
      expiring.customerWrote(PHONE, CUSTOMER);
      const send = () =>
        fetch(`${expiring.url}/v25.0/${PHONE}/messages`, {
          method: 'POST',
          headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
          body: JSON.stringify({ messaging_product: 'whatsapp', ...text(`+${CUSTOMER}`) }),
        });
      assert.equal((await send()).status, 200);
      now += HOUR;
      const res = await send();
      const body = (await res.json()) as { error: { code: number; error_subcode: number } };
      assert.equal(res.status, 401);
      assert.deepEqual([body.error.code, body.error.error_subcode], [190, 463]);
    } finally {
      await expiring.close();
    }
  });

  it('marks read only a message the number received', async () => {
    graph.observe(inbound(CUSTOMER, 'wamid.received-1'));
    assert.equal((await post({ status: 'read', message_id: 'wamid.received-1' })).status, 200);
    const unknown = await post({ status: 'read', message_id: 'wamid.never-received' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.code, 100);
  });

  it('answers a media id older than 7 days as missing, without error_subcode from v16 on', async () => {
    graph.addMedia('media-7d', Buffer.from('x'), 'audio/ogg');
    now += metaRules.mediaIdTtlMs + 1;
    const get = async (version: string) => {
      const res = await fetch(`${graph.url}/${version}/media-7d`, {
        headers: { authorization: `Bearer ${graph.token}` },
      });
      return ((await res.json()) as { error: { code: number; error_subcode?: number } }).error;
    };
    assert.equal((await get('v25.0')).code, 100);
    assert.equal((await get('v25.0')).error_subcode, undefined);
    assert.equal((await get('v15.0')).error_subcode, 33);
  });

  describe('templates', () => {
    const template = (name: string, language: string, parameters: Array<Record<string, unknown>>) => ({
      to: `+${CUSTOMER}`,
      type: 'template',
      template: { name, language: { code: language }, components: [{ type: 'body', parameters }] },
    });
    it('lists the WABA’s templates, filtered and paged with Meta’s cursors', async () => {
      const get = async (query: string) => {
        const res = await fetch(`${graph.url}/v25.0/${graph.wabaId}/message_templates?${query}`, {
          headers: { authorization: `Bearer ${graph.token}` },
        });
        return (await res.json()) as {
          data: Array<{ name: string; status: string }>;
          paging: { next?: string };
        };
      };
      const approved = await get('status=APPROVED&fields=name,status,category,components');
      assert.deepEqual(approved.data.map((t) => t.name).sort(), ['lead_follow_up', 'quote_ready']);
      const first = await get('limit=1');
      assert.equal(first.data.length, 1);
      assert.ok(first.paging.next, 'a next page');
      const second = await fetch(first.paging.next!, { headers: { authorization: `Bearer ${graph.token}` } });
      const page = (await second.json()) as { data: Array<{ name: string }> };
      assert.notEqual(page.data[0]!.name, first.data[0]!.name);
    });
    it('refuses a template that is not approved (132001)', async () => {
      assert.equal((await post(template('seguimiento', 'es', [{ type: 'text', text: 'Ana' }]))).code, 132001);
      assert.equal((await post(template('lead_follow_up', 'de', []))).code, 132001, 'no German translation');
    });
    it('refuses a wrong parameter count (132000) and a wrong parameter format (132012)', async () => {
      assert.equal(
        (await post(template('lead_follow_up', 'en_US', [{ type: 'text', text: 'Ana' }]))).code,
        132000,
      );
      const positional = ['Ana', 'cleaning'].map((t) => ({ type: 'text', text: t }));
      assert.equal((await post(template('quote_ready', 'en_US', positional))).code, 132012);
    });
  });

  describe('status webhooks', () => {
    let received: Array<Record<string, unknown>>;
    let receiver: ReturnType<typeof createServer>;
    let receiverUrl: string;
    before(async () => {
      received = [];
      receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push(JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>);
          res.writeHead(200).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
    });
    after(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

    const statusesOf = (wamid: string) =>
      received
        .map((body) => JSON.stringify(body))
        .map(
          (raw) =>
            JSON.parse(raw) as {
              entry: Array<{ changes: Array<{ value: { statuses: Array<Record<string, unknown>> } }> }>;
            },
        )
        .flatMap((body) => body.entry[0]!.changes[0]!.value.statuses)
        .filter((s) => s.id === wamid);

    it('reports sent, delivered and read (with pricing on sent and delivered only)', async () => {
      const reading = await startGraphEmulator({
        token: 't',
        clock: () => now,
        readReceipts: true,
        statusWebhook: { url: receiverUrl, appSecret: 's' },
      });
      try {
        reading.customerWrote(PHONE, CUSTOMER);
        const res = await fetch(`${reading.url}/v25.0/${PHONE}/messages`, {
          method: 'POST',
          headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
          body: JSON.stringify({ messaging_product: 'whatsapp', ...text(`+${CUSTOMER}`) }),
        });
        const wamid = ((await res.json()) as { messages: Array<{ id: string }> }).messages[0]!.id;
        const statuses = await until(
          () => (statusesOf(wamid).length === 3 ? statusesOf(wamid) : undefined),
          'three statuses',
        );
        assert.deepEqual(
          statuses.map((s) => s.status),
          ['sent', 'delivered', 'read'],
        );
        assert.deepEqual(
          statuses.map((s) => 'pricing' in s),
          [true, true, false],
        );
      } finally {
        await reading.close();
      }
    });

    it('states a free-entry-point window in every version: conversation.expiration_timestamp on sent, free pricing', async () => {
      const stating = await startGraphEmulator({
        token: 't',
        clock: () => now,
        statusWebhook: { url: receiverUrl, appSecret: 's' },
      });
      try {
        stating.customerCameFromAd(PHONE, CUSTOMER);
        const res = await fetch(`${stating.url}/v25.0/${PHONE}/messages`, {
          method: 'POST',
          headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
          body: JSON.stringify({ messaging_product: 'whatsapp', ...text(`+${CUSTOMER}`) }),
        });
        const wamid = ((await res.json()) as { messages: Array<{ id: string }> }).messages[0]!.id;
        const [sent, delivered] = await until(
          () => (statusesOf(wamid).length === 2 ? statusesOf(wamid) : undefined),
          'two statuses',
        );
        assert.ok(sent !== undefined && delivered !== undefined);
        assert.deepEqual(sent.conversation, {
          id: (sent.conversation as { id: string }).id,
          expiration_timestamp: String(Math.floor((now + 72 * HOUR) / 1000)),
          origin: { type: 'referral_conversion' },
        });
        assert.equal('expiration_timestamp' in (delivered.conversation as object), false);
        assert.deepEqual(sent.pricing, {
          billable: false,
          pricing_model: 'PMP',
          type: 'free_entry_point',
          category: 'referral_conversion',
        });
      } finally {
        await stating.close();
      }
    });

    it('reports failed with Meta’s error for an undeliverable recipient, asynchronously', async () => {
      const failing = await startGraphEmulator({
        token: 't',
        clock: () => now,
        statusWebhook: { url: receiverUrl, appSecret: 's' },
      });
      try {
        failing.customerWrote(PHONE, CUSTOMER);
        failing.undeliverable(CUSTOMER, 131026);
        const res = await fetch(`${failing.url}/v24.0/${PHONE}/messages`, {
          method: 'POST',
          headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
          body: JSON.stringify({ messaging_product: 'whatsapp', ...text(`+${CUSTOMER}`) }),
        });
        assert.equal(res.status, 200, 'accepted first, as Meta does');
        const wamid = ((await res.json()) as { messages: Array<{ id: string }> }).messages[0]!.id;
        const [failed] = await until(
          () => (statusesOf(wamid).length > 0 ? statusesOf(wamid) : undefined),
          'the failed status',
        );
        assert.equal(failed!.status, 'failed');
        assert.equal((failed!.errors as Array<{ code: number }>)[0]!.code, 131026);
        assert.equal('pricing' in failed!, false);
      } finally {
        await failing.close();
      }
    });
  });

  it('states Meta’s limits itself: its rules import nothing from the product', () => {
    const source = readFileSync(new URL('../src/whatsapp/graph-emulator-rules.ts', import.meta.url), 'utf8');
    assert.doesNotMatch(source, /^import /m);
    const emulator = readFileSync(new URL('../src/whatsapp/graph-emulator.ts', import.meta.url), 'utf8');
    assert.doesNotMatch(emulator, /graph-limits|whatsappLimits|@leadwire\/connector-core/);
  });
});
