// GraphMessenger against the Graph emulator over real HTTP, and parseGraphError over Meta-shaped bodies.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  type ErrorCode,
  isLeadwireError,
  type LeadwireError,
  openSqliteStore,
} from '@leadwire/connector-core';
import { deleteTestKeys, redisSkipReason, testPrefix, testRedisUrl } from '@leadwire/connector-core/testing';
import { type GraphEmulator, startGraphEmulator } from '../src/whatsapp/graph-emulator.ts';
import { parseGraphError } from '../src/whatsapp/graph-error.ts';
import {
  GraphMessenger,
  type SendIntent,
  type SentLog,
  sendCallbackData,
  storeSentLog,
} from '../src/whatsapp/graph-messenger.ts';
import { RedisPairRefusals } from '../src/whatsapp/pair-refusals.ts';

const PHONE_NUMBER_ID = '106540352242922';
const CUSTOMER = { phone: '+16505551234' };

function memorySentLog(): SentLog & {
  entries: Map<string, string>;
  intents: Map<string, SendIntent>;
  reports: Map<string, string>;
} {
  const entries = new Map<string, string>();
  const intents = new Map<string, SendIntent>();
  const reports = new Map<string, string>();
  const setIfAbsent = <T>(map: Map<string, T>, key: string, value: T): T => {
    if (!map.has(key)) map.set(key, value);
    return map.get(key)!;
  };
  return {
    entries,
    intents,
    reports,
    get: async (key) => entries.get(key),
    put: async (key, wamid) => {
      setIfAbsent(entries, key, wamid);
    },
    intend: async (key, intent) => setIfAbsent(intents, key, intent),
    reported: async (phoneNumberId, callbackData) => reports.get(`${phoneNumberId}:${callbackData}`),
  };
}

const totalCalls = (emulator: GraphEmulator) =>
  emulator.calls.messages + emulator.calls.media + emulator.calls.download;

async function rejectsWith(
  promise: Promise<unknown>,
  code: ErrorCode,
  check?: (e: LeadwireError) => void,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isLeadwireError(error), `expected a LeadwireError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    check?.(error);
    return true;
  });
}

describe('GraphMessenger against the Graph emulator', () => {
  let now = Date.parse('2026-11-20T10:00:00Z');
  let emulator: GraphEmulator;
  let messenger: GraphMessenger;
  let sentLog: ReturnType<typeof memorySentLog>;
  const messengerWith = (
    overrides: { token?: string; maxMediaBytes?: number; reconcileWindowMs?: number } = {},
  ) =>
    new GraphMessenger({
      baseUrl: emulator.url,
      version: 'v25.0',
      tokenFor: () => overrides.token ?? emulator.token,
      sentLog,
      maxMediaBytes: overrides.maxMediaBytes,
      reconcileWindowMs: overrides.reconcileWindowMs,
    });

  before(async () => {
    emulator = await startGraphEmulator({ token: 'test-token', clock: () => now });
  });
  after(() => emulator.close());
  beforeEach(() => {
    sentLog = memorySentLog();
    messenger = messengerWith();
    emulator.sent.length = 0;
    emulator.reads.length = 0;
    // The customer wrote just now: the 24-hour window is open.
    emulator.customerWrote(PHONE_NUMBER_ID, '16505551234');
    emulator.customerWrote(PHONE_NUMBER_ID, 'US.13491208655302741918');
  });

  describe('send', () => {
    it('sends a text in Meta’s shape and returns the wamid', async () => {
      const wamid = await messenger.send(
        PHONE_NUMBER_ID,
        CUSTOMER,
        { kind: 'text', body: 'Hi Ana 👋' },
        'k-text',
      );
      assert.match(wamid, /^wamid\./);
      assert.equal(emulator.sent.length, 1);
      const sent = emulator.sent[0]!;
      assert.equal(sent.phoneNumberId, PHONE_NUMBER_ID);
      assert.equal(sent.wamid, wamid);
      assert.deepEqual(sent.body, {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '+16505551234',
        type: 'text',
        text: { body: 'Hi Ana 👋', preview_url: false },
        biz_opaque_callback_data: sendCallbackData('k-text'),
      });
    });

    it('tags each send with a fixed-length marker of its key, however long the key', () => {
      const short = sendCallbackData('k');
      const long = sendCallbackData(`conv:${'x'.repeat(2000)}:1:reply`);
      assert.match(short, /^leadwire-send:v1:[\w-]{43}$/);
      assert.equal(long.length, short.length);
      assert.ok(long.length <= 512, 'Meta allows 512 characters');
      assert.notEqual(long, short);
      assert.equal(sendCallbackData('k'), short);
    });

    it('sends reply buttons as interactive.type button', async () => {
      await messenger.send(
        PHONE_NUMBER_ID,
        CUSTOMER,
        {
          kind: 'buttons',
          body: 'Is this urgent?',
          buttons: [
            { id: 'urgent', title: 'Yes, today' },
            { id: 'later', title: 'It can wait' },
          ],
        },
        'k-buttons',
      );
      assert.deepEqual(emulator.sent[0]!.body.interactive, {
        type: 'button',
        body: { text: 'Is this urgent?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'urgent', title: 'Yes, today' } },
            { type: 'reply', reply: { id: 'later', title: 'It can wait' } },
          ],
        },
      });
      assert.equal(emulator.sent[0]!.body.type, 'interactive');
    });

    it('sends a list as interactive.type list with one section', async () => {
      await messenger.send(
        PHONE_NUMBER_ID,
        CUSTOMER,
        {
          kind: 'list',
          body: 'Which service?',
          button: 'Choose',
          rows: [
            { id: 'plumbing', title: 'Plumbing', description: 'Leaks, pipes, drains' },
            { id: 'electrical', title: 'Electrical' },
          ],
        },
        'k-list',
      );
      assert.deepEqual(emulator.sent[0]!.body.interactive, {
        type: 'list',
        body: { text: 'Which service?' },
        action: {
          button: 'Choose',
          sections: [
            {
              title: 'Choose',
              rows: [
                { id: 'plumbing', title: 'Plumbing', description: 'Leaks, pipes, drains' },
                { id: 'electrical', title: 'Electrical' },
              ],
            },
          ],
        },
      });
    });

    it('sends to a BSUID in `recipient` when there is no phone number', async () => {
      await messenger.send(
        PHONE_NUMBER_ID,
        { userId: 'US.13491208655302741918' },
        { kind: 'text', body: 'Hello' },
        'k-bsuid',
      );
      const body = emulator.sent[0]!.body;
      assert.equal(body.recipient, 'US.13491208655302741918');
      assert.equal('to' in body, false);
    });

    it('sends once per key: the second send returns the first wamid without an HTTP call', async () => {
      const first = await messenger.send(PHONE_NUMBER_ID, CUSTOMER, { kind: 'text', body: 'Once' }, 'k-once');
      const calls = totalCalls(emulator);
      const second = await messenger.send(
        PHONE_NUMBER_ID,
        CUSTOMER,
        { kind: 'text', body: 'Once' },
        'k-once',
      );
      assert.equal(second, first);
      assert.equal(emulator.sent.length, 1);
      assert.equal(totalCalls(emulator), calls);
    });

    it('records a send intent before the POST', async () => {
      const before = Date.now();
      await messenger.send(PHONE_NUMBER_ID, CUSTOMER, { kind: 'text', body: 'Hi' }, 'k-intent');
      const intent = sentLog.intents.get('k-intent');
      assert.ok(intent !== undefined && intent.at >= before && intent.at <= Date.now());
    });

    it('a retry after an unrecorded send waits for the status report and sends nothing', async () => {
      const first = messengerWith();
      // The first attempt's process dies after Meta accepted the POST, before the sent-log write.
      const lost = await first.send(PHONE_NUMBER_ID, CUSTOMER, { kind: 'text', body: 'Once' }, 'k-lost');
      sentLog.entries.delete('k-lost');
      const calls = emulator.calls.messages;
      // Meta's `sent` status arrives a little later, carrying the marker.
      setTimeout(() => {
        sentLog.reports.set(`${PHONE_NUMBER_ID}:${sendCallbackData('k-lost')}`, lost);
      }, 150);
      const started = Date.now();
      const again = await messengerWith({ reconcileWindowMs: 5_000 }).send(
        PHONE_NUMBER_ID,
        CUSTOMER,
        { kind: 'text', body: 'Once' },
        'k-lost',
      );
      assert.equal(again, lost);
      assert.equal(emulator.calls.messages, calls);
      assert.equal(emulator.sent.length, 1);
      assert.equal(sentLog.entries.get('k-lost'), lost);
      assert.ok(Date.now() - started < 2_000, 'returned once the report arrived');
    });

    it('a report for another number does not count', async () => {
      sentLog.intents.set('k-other', { at: Date.now(), attempt: 'crashed' });
      sentLog.reports.set(`999:${sendCallbackData('k-other')}`, 'wamid.NOT-OURS');
      const wamid = await messengerWith({ reconcileWindowMs: 50 }).send(
        PHONE_NUMBER_ID,
        CUSTOMER,
        { kind: 'text', body: 'Hi' },
        'k-other',
      );
      assert.notEqual(wamid, 'wamid.NOT-OURS');
      assert.equal(emulator.sent.length, 1);
    });

    it('a retry with an intent and no report sends once after the window', async () => {
      sentLog.intents.set('k-never', { at: Date.now(), attempt: 'crashed' });
      const started = Date.now();
      const wamid = await messengerWith({ reconcileWindowMs: 300 }).send(
        PHONE_NUMBER_ID,
        CUSTOMER,
        { kind: 'text', body: 'Hi' },
        'k-never',
      );
      assert.ok(Date.now() - started >= 300, 'waited the window');
      assert.equal(emulator.sent.length, 1);
      assert.equal(emulator.sent[0]!.wamid, wamid);
      assert.equal(sentLog.entries.get('k-never'), wamid);
    });

    it('keeps the sent-log in the Store, so a restarted worker does not send again', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'leadwire-sent-log-'));
      try {
        const path = join(dir, 'store.db');
        const message = { kind: 'text', body: 'Once, even across restarts' } as const;
        const first = openSqliteStore({ path });
        const options = { baseUrl: emulator.url, tokenFor: () => emulator.token };
        const wamid = await new GraphMessenger({ ...options, sentLog: storeSentLog(first) }).send(
          PHONE_NUMBER_ID,
          CUSTOMER,
          message,
          'conv-1:3:reply',
        );
        await first.close();
        const second = openSqliteStore({ path });
        const again = await new GraphMessenger({ ...options, sentLog: storeSentLog(second) }).send(
          PHONE_NUMBER_ID,
          CUSTOMER,
          message,
          'conv-1:3:reply',
        );
        await second.close();
        assert.equal(again, wamid);
        assert.equal(emulator.sent.length, 1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    const overLimit: Array<[string, Parameters<GraphMessenger['send']>[2]]> = [
      [
        'four buttons',
        {
          kind: 'buttons',
          body: 'Pick',
          buttons: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id.toUpperCase() })),
        },
      ],
      [
        'a 21-character button title',
        { kind: 'buttons', body: 'Pick', buttons: [{ id: 'a', title: 'x'.repeat(21) }] },
      ],
      [
        'a 257-character button id',
        { kind: 'buttons', body: 'Pick', buttons: [{ id: 'i'.repeat(257), title: 'A' }] },
      ],
      [
        'eleven rows',
        {
          kind: 'list',
          body: 'Pick',
          button: 'Open',
          rows: Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: `Row ${i}` })),
        },
      ],
      [
        'a 25-character row title',
        { kind: 'list', body: 'Pick', button: 'Open', rows: [{ id: 'r', title: 'y'.repeat(25) }] },
      ],
      [
        'a 73-character row description',
        {
          kind: 'list',
          body: 'Pick',
          button: 'Open',
          rows: [{ id: 'r', title: 'R', description: 'd'.repeat(73) }],
        },
      ],
      [
        'a 21-character list button',
        { kind: 'list', body: 'Pick', button: 'b'.repeat(21), rows: [{ id: 'r', title: 'R' }] },
      ],
      ['a 4097-character text', { kind: 'text', body: 't'.repeat(4097) }],
      ['an empty text', { kind: 'text', body: '' }],
    ];
    for (const [name, message] of overLimit) {
      it(`refuses ${name} with VALIDATION before any HTTP call`, async () => {
        const calls = totalCalls(emulator);
        await rejectsWith(messenger.send(PHONE_NUMBER_ID, CUSTOMER, message, `k-${name}`), 'VALIDATION');
        assert.equal(totalCalls(emulator), calls);
        assert.equal(sentLog.entries.size, 0);
      });
    }

    it('refuses a recipient with neither phone nor BSUID', async () => {
      await rejectsWith(
        messenger.send(PHONE_NUMBER_ID, {}, { kind: 'text', body: 'Hi' }, 'k-nobody'),
        'VALIDATION',
      );
    });

    it('counts an emoji as one character, as WhatsApp does', async () => {
      await messenger.send(
        PHONE_NUMBER_ID,
        CUSTOMER,
        { kind: 'buttons', body: 'Pick', buttons: [{ id: 'a', title: '🔧'.repeat(20) }] },
        'k-emoji',
      );
      assert.equal(emulator.sent.length, 1);
    });

    it('maps 131047 to VALIDATION window_closed and logs nothing', async () => {
      emulator.failNext(131047);
      await rejectsWith(
        messenger.send(PHONE_NUMBER_ID, CUSTOMER, { kind: 'text', body: 'Late' }, 'k-late'),
        'VALIDATION',
        (e) => assert.equal(e.details?.reason, 'window_closed'),
      );
      assert.equal(sentLog.entries.size, 0);
    });

    it('waits 4^X seconds after the pair rate limit (131056), X counting refusals in a row', async () => {
      const waits: Array<number | undefined> = [];
      for (const _ of [1, 2, 3]) {
        emulator.failNext(131056);
        await rejectsWith(
          messenger.send(PHONE_NUMBER_ID, CUSTOMER, { kind: 'text', body: 'Fast' }, 'k-fast'),
          'RATE_LIMITED',
          (e) => waits.push(e.retryAfterMs),
        );
      }
      assert.deepEqual(waits, [1_000, 4_000, 16_000]);
      await messenger.send(PHONE_NUMBER_ID, CUSTOMER, { kind: 'text', body: 'Fast' }, 'k-fast');
      emulator.failNext(131056);
      await rejectsWith(
        messenger.send(PHONE_NUMBER_ID, CUSTOMER, { kind: 'text', body: 'Again' }, 'k-fast-2'),
        'RATE_LIMITED',
        (e) => assert.equal(e.retryAfterMs, 1_000, 'a success starts the count again'),
      );
    });

    it('waits for X-Business-Use-Case-Usage’s estimated_time_to_regain_access on 80007', async () => {
      emulator.failNext(80007, 400, {
        'x-business-use-case-usage': JSON.stringify({
          '102290129340398': [
            { type: 'whatsapp_business_management', call_count: 100, estimated_time_to_regain_access: 7 },
          ],
        }),
      });
      await rejectsWith(
        messenger.send(PHONE_NUMBER_ID, CUSTOMER, { kind: 'text', body: 'Hi' }, 'k-buc'),
        'RATE_LIMITED',
        (e) => assert.equal(e.retryAfterMs, 7 * 60_000),
      );
    });

    it('sends `to` as E.164 with +, whatever form the number came in', async () => {
      await messenger.send(PHONE_NUMBER_ID, { phone: '16505551234' }, { kind: 'text', body: 'Hi' }, 'k-plus');
      assert.equal(emulator.sent[0]!.body.to, '+16505551234');
      assert.equal(emulator.sent[0]!.recipient, '16505551234');
    });

    it('sends an approved template with positional and named parameters', async () => {
      await messenger.send(
        PHONE_NUMBER_ID,
        CUSTOMER,
        {
          kind: 'template',
          name: 'quote_ready',
          language: 'en_US',
          body: [
            { name: 'customer_name', text: 'Ana' },
            { name: 'service', text: 'deep cleaning' },
          ],
          text: 'Hello Ana, your quote for deep cleaning is ready.',
        },
        'k-template',
      );
      assert.deepEqual(emulator.sent[0]!.body.template, {
        name: 'quote_ready',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', parameter_name: 'customer_name', text: 'Ana' },
              { type: 'text', parameter_name: 'service', text: 'deep cleaning' },
            ],
          },
        ],
      });
    });

    it('lists the WABA’s templates with their status, category and parameters', async () => {
      const templates = await messenger.listTemplates(PHONE_NUMBER_ID, emulator.wabaId);
      const followUp = templates.find((t) => t.name === 'lead_follow_up')!;
      assert.equal(followUp.status, 'APPROVED');
      assert.equal(followUp.category, 'UTILITY');
      assert.deepEqual(followUp.bodyParameters, ['1', '2', '3']);
      assert.equal(followUp.parameterFormat, 'POSITIONAL');
      const rejected = templates.find((t) => t.name === 'summer_sale')!;
      assert.equal(rejected.status, 'REJECTED');
      assert.equal(rejected.rejectedReason, 'PROMOTIONAL');
      assert.deepEqual(templates.find((t) => t.name === 'quote_ready')!.bodyParameters, [
        'customer_name',
        'service',
      ]);
    });

    for (const [code, reason] of [
      [10, 'permission'],
      [200, 'permission'],
      [131005, 'permission'],
      [131031, 'account_locked'],
      [368, 'account_restricted'],
    ] as const) {
      it(`pauses the number on ${code} (${reason}): later calls fail at once without reaching Meta`, async () => {
        const paused: Array<[string, string | undefined]> = [];
        const pausing = new GraphMessenger({
          baseUrl: emulator.url,
          tokenFor: () => emulator.token,
          sentLog,
          onPaused: (id, error) => paused.push([id, String(error.details?.reason)]),
        });
        emulator.failNext(code);
        await rejectsWith(
          pausing.send(PHONE_NUMBER_ID, CUSTOMER, { kind: 'text', body: 'Hi' }, `k-pause-${code}`),
          'AUTH_REVOKED',
          (e) => assert.equal(e.details?.reason, reason),
        );
        const calls = emulator.calls.messages;
        await rejectsWith(
          pausing.send(PHONE_NUMBER_ID, CUSTOMER, { kind: 'text', body: 'Hi again' }, `k-pause-${code}-2`),
          'AUTH_REVOKED',
          (e) => {
            assert.match(e.message, /is paused since/);
            assert.equal(e.details?.reason, reason);
          },
        );
        assert.equal(emulator.calls.messages, calls, 'nothing reached Meta while paused');
        assert.deepEqual(paused, [[PHONE_NUMBER_ID, reason]], 'told once');
        assert.equal(pausing.pausedBecause(PHONE_NUMBER_ID)?.details?.reason, reason);
      });
    }

    it('a new token lifts the pause', async () => {
      let token = 'expired-token';
      const pausing = new GraphMessenger({ baseUrl: emulator.url, tokenFor: () => token, sentLog });
      await rejectsWith(
        pausing.send(PHONE_NUMBER_ID, CUSTOMER, { kind: 'text', body: 'Hi' }, 'k-token-1'),
        'AUTH_REVOKED',
      );
      token = emulator.token;
      await pausing.send(PHONE_NUMBER_ID, CUSTOMER, { kind: 'text', body: 'Hi' }, 'k-token-1');
      assert.equal(pausing.pausedBecause(PHONE_NUMBER_ID), undefined);
    });

    it('maps a refused token to AUTH_REVOKED', async () => {
      await rejectsWith(
        messengerWith({ token: 'stale' }).send(
          PHONE_NUMBER_ID,
          CUSTOMER,
          { kind: 'text', body: 'Hi' },
          'k-auth',
        ),
        'AUTH_REVOKED',
      );
    });

    it('maps an unreachable Graph API to TEMPORARY', async () => {
      const offline = new GraphMessenger({
        baseUrl: 'http://127.0.0.1:9',
        tokenFor: () => 't',
        sentLog,
      });
      await rejectsWith(
        offline.send(PHONE_NUMBER_ID, CUSTOMER, { kind: 'text', body: 'Hi' }, 'k-net'),
        'TEMPORARY',
      );
    });
  });

  describe('markRead', () => {
    beforeEach(() => {
      for (const id of ['wamid.IN1', 'wamid.IN2'])
        emulator.observe({
          entry: [
            {
              changes: [
                {
                  field: 'messages',
                  value: {
                    metadata: { phone_number_id: PHONE_NUMBER_ID },
                    messages: [
                      { from: '16505551234', id, timestamp: '1', type: 'text', text: { body: 'hi' } },
                    ],
                  },
                },
              ],
            },
          ],
        });
    });
    it('marks a message read with the typing indicator', async () => {
      await messenger.markRead(PHONE_NUMBER_ID, 'wamid.IN1', true);
      assert.deepEqual(
        emulator.reads.map(({ phoneNumberId, messageId, typing }) => ({ phoneNumberId, messageId, typing })),
        [{ phoneNumberId: PHONE_NUMBER_ID, messageId: 'wamid.IN1', typing: true }],
      );
    });
    it('marks a message read without typing by default', async () => {
      await messenger.markRead(PHONE_NUMBER_ID, 'wamid.IN2');
      assert.equal(emulator.reads[0]!.typing, false);
    });
  });

  describe('downloadMedia', () => {
    const voice = Buffer.from('OggS fake opus voice note bytes');
    const hexOf = (b: Buffer) => createHash('sha256').update(b).digest('hex');

    it('downloads media and checks its hex sha256', async () => {
      emulator.addMedia('media-1', voice, 'audio/ogg; codecs=opus');
      const media = await messenger.downloadMedia(PHONE_NUMBER_ID, 'media-1');
      assert.deepEqual(media.bytes, voice);
      assert.equal(media.mimeType, 'audio/ogg; codecs=opus');
      assert.equal(media.sha256, hexOf(voice));
    });

    it('accepts a base64 sha256 as well', async () => {
      emulator.addMedia('media-b64', voice, 'audio/ogg', { sha256Encoding: 'base64' });
      const media = await messenger.downloadMedia(PHONE_NUMBER_ID, 'media-b64');
      assert.equal(media.sha256, hexOf(voice));
    });

    it('fetches a fresh URL once when the first has expired', async () => {
      emulator.addMedia('media-exp', voice, 'audio/ogg');
      let metadataCalls = 0;
      const stale = new GraphMessenger({
        baseUrl: emulator.url,
        tokenFor: () => emulator.token,
        sentLog,
        // Six minutes pass between the metadata call and the first download: the URL expired.
        fetch: async (input, init) => {
          const res = await fetch(input, init);
          if (String(input).includes('/v25.0/media-exp') && metadataCalls++ === 0) now += 6 * 60 * 1000;
          return res;
        },
      });
      const before = { ...emulator.calls };
      const got = await stale.downloadMedia(PHONE_NUMBER_ID, 'media-exp');
      assert.deepEqual(got.bytes, voice);
      assert.equal(emulator.calls.media - before.media, 2);
      assert.equal(emulator.calls.download - before.download, 2);
    });

    it('refuses bytes whose sha256 does not match with VALIDATION', async () => {
      emulator.addMedia('media-bad', voice, 'audio/ogg', { sha256: hexOf(Buffer.from('something else')) });
      await rejectsWith(messenger.downloadMedia(PHONE_NUMBER_ID, 'media-bad'), 'VALIDATION', (e) =>
        assert.equal(e.details?.reason, 'sha256_mismatch'),
      );
    });

    it('refuses media over the size limit before downloading it', async () => {
      emulator.addMedia('media-big', Buffer.alloc(2048), 'audio/ogg');
      const before = emulator.calls.download;
      await rejectsWith(
        messengerWith({ maxMediaBytes: 1024 }).downloadMedia(PHONE_NUMBER_ID, 'media-big'),
        'VALIDATION',
        (e) => assert.equal(e.details?.reason, 'media_too_large'),
      );
      assert.equal(emulator.calls.download, before);
    });

    it('maps a refused token to AUTH_REVOKED', async () => {
      emulator.addMedia('media-auth', voice, 'audio/ogg');
      await rejectsWith(
        messengerWith({ token: 'revoked' }).downloadMedia(PHONE_NUMBER_ID, 'media-auth'),
        'AUTH_REVOKED',
      );
    });

    it('answers an unknown media id with NOT_FOUND media_gone (Meta code 100, no subcode since v16)', async () => {
      await rejectsWith(messenger.downloadMedia(PHONE_NUMBER_ID, 'no-such-media'), 'NOT_FOUND', (error) => {
        assert.equal(error.details?.reason, 'media_gone');
        assert.equal(error.details?.metaSubcode, undefined);
      });
    });

    it('answers a media id older than 7 days with NOT_FOUND media_gone', async () => {
      emulator.addMedia('media-old', voice, 'audio/ogg');
      now += 7 * 24 * 60 * 60 * 1000 + 1;
      await rejectsWith(messenger.downloadMedia(PHONE_NUMBER_ID, 'media-old'), 'NOT_FOUND', (error) => {
        assert.equal(error.details?.reason, 'media_gone');
      });
    });
  });

  describe('the emulator, called directly', () => {
    it('answers a download without the bearer with 401', async () => {
      emulator.addMedia('media-raw', Buffer.from('OggS raw'), 'audio/ogg');
      const meta = await fetch(`${emulator.url}/v25.0/media-raw?phone_number_id=${PHONE_NUMBER_ID}`, {
        headers: { authorization: `Bearer ${emulator.token}` },
      });
      const { url } = (await meta.json()) as { url: string };
      const res = await fetch(url);
      assert.equal(res.status, 401);
      assert.equal(parseGraphError(res.status, await res.json()).code, 'AUTH_REVOKED');
    });
    it('answers a body over Meta’s limits with 400 and code 131009', async () => {
      const res = await fetch(`${emulator.url}/v25.0/${PHONE_NUMBER_ID}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messaging_product: 'whatsapp', to: '1', type: 'text', text: { body: '' } }),
      });
      assert.equal(res.status, 400);
      const error = parseGraphError(res.status, await res.json());
      assert.equal(error.code, 'VALIDATION');
      assert.equal(error.details?.metaCode, 131009);
    });
  });
});

describe('parseGraphError', () => {
  const meta = (code: number, message: string, extra: Record<string, unknown> = {}) => ({
    error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf123', ...extra },
  });
  const table: Array<{
    name: string;
    status: number;
    body: unknown;
    code: ErrorCode;
    retryAfterMs?: number;
    reason?: string;
  }> = [
    {
      name: 'expired token (190)',
      status: 401,
      body: meta(190, 'Error validating access token: Session has expired on Friday, 20-Nov-26', {
        error_subcode: 463,
      }),
      code: 'AUTH_REVOKED',
    },
    { name: 'auth exception (0)', status: 401, body: meta(0, '(#0) AuthException'), code: 'AUTH_REVOKED' },
    {
      name: 'API unknown (1)',
      status: 500,
      body: meta(1, '(#1) An unknown error occurred'),
      code: 'TEMPORARY',
    },
    {
      name: 'API service (2)',
      status: 503,
      body: meta(2, '(#2) Service temporarily unavailable'),
      code: 'TEMPORARY',
    },
    {
      name: 'something went wrong (131000)',
      status: 500,
      body: meta(131000, 'Something went wrong'),
      code: 'TEMPORARY',
    },
    {
      name: 'service unavailable (131016)',
      status: 503,
      body: meta(131016, 'Service unavailable'),
      code: 'TEMPORARY',
    },
    {
      name: 'throughput upgrade (131057)',
      status: 400,
      body: meta(131057, 'Account in maintenance mode'),
      code: 'TEMPORARY',
    },
    {
      name: 'app rate limit (4)',
      status: 400,
      body: meta(4, '(#4) Application request limit reached'),
      code: 'RATE_LIMITED',
      retryAfterMs: 60_000,
    },
    {
      name: 'WABA rate limit (80007)',
      status: 400,
      body: meta(80007, '(#80007) Rate limit issues'),
      code: 'RATE_LIMITED',
      retryAfterMs: 60_000,
    },
    {
      name: 'throughput (130429)',
      status: 400,
      body: meta(130429, '(#130429) Rate limit hit'),
      code: 'RATE_LIMITED',
      retryAfterMs: 1_000,
    },
    {
      name: 'pair rate limit (131056)',
      status: 400,
      body: meta(131056, '(#131056) (Business Account, Consumer Account) pair rate limit hit'),
      code: 'RATE_LIMITED',
      retryAfterMs: 1_000,
      reason: 'pair_rate_limit',
    },
    {
      name: '24 h window closed (131047)',
      status: 400,
      body: meta(131047, '(#131047) Re-engagement message', {
        error_data: {
          messaging_product: 'whatsapp',
          details:
            'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
        },
      }),
      code: 'VALIDATION',
      reason: 'window_closed',
    },
    {
      name: 'undeliverable (131026)',
      status: 400,
      body: meta(131026, 'Message Undeliverable.'),
      code: 'VALIDATION',
      reason: 'undeliverable',
    },
    {
      name: 'marketing opt-out (131050)',
      status: 400,
      body: meta(131050, 'Unable to deliver'),
      code: 'VALIDATION',
    },
    {
      name: 'user blocked (130403)',
      status: 400,
      body: meta(130403, 'Recipient blocked'),
      code: 'VALIDATION',
    },
    {
      name: 'account locked (131031)',
      status: 400,
      body: meta(131031, 'Business Account locked'),
      code: 'AUTH_REVOKED',
      reason: 'account_locked',
    },
    ...(
      [
        [3, 'permission'],
        [10, 'permission'],
        [200, 'permission'],
        [299, 'permission'],
        [131005, 'permission'],
        [368, 'account_restricted'],
        [131042, 'payment_issue'],
        [131045, 'number_not_registered'],
        [133010, 'number_not_registered'],
        [130497, 'country_restricted'],
        [131037, 'display_name_not_approved'],
        [131048, 'spam_rate_limited'],
        [131064, 'template_restricted'],
      ] as const
    ).map(([code, reason]) => ({
      name: `account-wide ${code} (${reason})`,
      status: 400,
      body: meta(code, 'Blocked'),
      code: 'AUTH_REVOKED' as const,
      reason,
    })),
    {
      name: 'unsupported type (131051)',
      status: 400,
      body: meta(131051, 'Unsupported message type'),
      code: 'VALIDATION',
    },
    {
      name: 'media too big (131052)',
      status: 400,
      body: meta(131052, 'Media download error'),
      code: 'VALIDATION',
    },
    {
      name: 'media upload (131053)',
      status: 400,
      body: meta(131053, 'Media upload error'),
      code: 'VALIDATION',
    },
    { name: 'unknown code on a 500', status: 500, body: meta(999999, 'Mystery'), code: 'TEMPORARY' },
    { name: 'unknown code on a 400', status: 400, body: meta(999999, 'Mystery'), code: 'VALIDATION' },
    { name: 'HTML from a proxy on 502', status: 502, body: '<html>Bad Gateway</html>', code: 'TEMPORARY' },
    { name: 'empty 401', status: 401, body: undefined, code: 'AUTH_REVOKED' },
  ];
  for (const row of table) {
    it(`${row.name} → ${row.code}`, () => {
      const error = parseGraphError(row.status, row.body);
      assert.equal(error.code, row.code, error.message);
      if (row.retryAfterMs !== undefined) assert.equal(error.retryAfterMs, row.retryAfterMs);
      if (row.code !== 'RATE_LIMITED') assert.equal(error.retryAfterMs, undefined);
      if (row.reason !== undefined) assert.equal(error.details?.reason, row.reason);
      assert.match(error.message, /WhatsApp/);
    });
  }

  it('keeps fbtrace_id and Meta’s details for support', () => {
    const error = parseGraphError(
      400,
      meta(131047, 'Re-engagement message', {
        error_data: { messaging_product: 'whatsapp', details: 'window' },
      }),
    );
    assert.equal(error.details?.fbtraceId, 'AbCdEf123');
    assert.equal(error.details?.metaDetails, 'window');
    assert.equal(error.details?.metaCode, 131047);
  });

  it('honours a Retry-After header on a rate limit', () => {
    const error = parseGraphError(400, meta(130429, 'Rate limit hit'), { 'Retry-After': '3' });
    assert.equal(error.retryAfterMs, 3000);
  });

  it('reads the code when Meta sends it as a string', () => {
    const error = parseGraphError(400, { error: { message: 'x', code: '131056' } });
    assert.equal(error.code, 'RATE_LIMITED');
  });
});

describe('the pair rate limit across workers (Redis)', { skip: await redisSkipReason() }, () => {
  const prefix = testPrefix('pair-refusals');
  let emulator: GraphEmulator;
  const counts: RedisPairRefusals[] = [];
  /** A worker process: its own messenger and its own Redis connection, the deployment's prefix. */
  const worker = () => {
    const pairRefusals = new RedisPairRefusals({ url: testRedisUrl, prefix });
    counts.push(pairRefusals);
    return new GraphMessenger({
      baseUrl: emulator.url,
      version: 'v25.0',
      tokenFor: () => emulator.token,
      sentLog: memorySentLog(),
      pairRefusals,
    });
  };

  before(async () => {
    emulator = await startGraphEmulator({ token: 'test-token' });
    emulator.customerWrote(PHONE_NUMBER_ID, '16505551234');
    emulator.customerWrote(PHONE_NUMBER_ID, '16505550000');
  });
  after(async () => {
    await Promise.all(counts.map((c) => c.close()));
    await emulator.close();
    await deleteTestKeys(prefix);
  });

  it('counts one X per business number and customer for every worker: 4^X seconds, whoever sends', async () => {
    const [a, b] = [worker(), worker()];
    const refusedWait = async (messenger: GraphMessenger, to: { phone: string }, key: string) => {
      emulator.failNext(131056);
      let wait: number | undefined;
      await rejectsWith(
        messenger.send(PHONE_NUMBER_ID, to, { kind: 'text', body: 'Hello' }, key),
        'RATE_LIMITED',
        (e) => {
          wait = e.retryAfterMs;
        },
      );
      return wait;
    };
    assert.equal(await refusedWait(a, CUSTOMER, 'p-1'), 1_000);
    assert.equal(await refusedWait(b, CUSTOMER, 'p-2'), 4_000, 'the second worker continues the count');
    assert.equal(await refusedWait(a, CUSTOMER, 'p-3'), 16_000);
    // Another customer of the same number has a count of their own.
    assert.equal(await refusedWait(b, { phone: '+16505550000' }, 'p-4'), 1_000);
    // A send that gets through, on either worker, starts the pair's count again for both.
    await b.send(PHONE_NUMBER_ID, CUSTOMER, { kind: 'text', body: 'Hello' }, 'p-5');
    assert.equal(await refusedWait(a, CUSTOMER, 'p-6'), 1_000);
  });
});
