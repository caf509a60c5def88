// Webhook normalization against every Meta example payload (each with assertions on its own values), a
// synthetic batch that peers would truncate, per-update robustness, non-envelopes, identity keys and E.164.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { aliasKeyOf, conversationKeyOf, dedupKeyOf, toE164, userKey } from '../src/conversation/identity.ts';
import { isLeadwireError } from '../src/model/errors.ts';
import {
  type InboundEvent,
  inboundEvent,
  type MessageEvent,
  type StatusEvent,
} from '../src/model/inbound-event.ts';
import { messageText } from '../src/model/message-text.ts';
import { type NormalizedWebhook, normalizeWebhook } from '../src/model/normalize.ts';
import { toNormalizedLine } from '../src/model/normalized-line.ts';

const fixturesDir = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'whatsapp');
const PNID = '106540352242922';
const WABA = '102290129340398';
const RECEIVED_AT = Date.parse('2026-01-02T03:04:05.000Z');
const SHEENA = { waId: '16505551234', phone: '+16505551234', name: 'Sheena Nelson' };
const BSUID = 'US.13491208655302741918';
const PARENT_BSUID = 'US.ENT.11815799212886844830';

function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(fixturesDir, name), 'utf8'));
}

function normalizeFixture(name: string): NormalizedWebhook {
  return normalizeWebhook(readFixture(name), { receivedAt: RECEIVED_AT });
}

/** The fixture's single event, which must be an inbound message from Meta's documentation number. */
function onlyMessage(name: string): MessageEvent {
  const { events, dropped } = normalizeFixture(name);
  assert.deepEqual(dropped, []);
  assert.equal(events.length, 1);
  const [event] = events;
  assert.ok(event?.kind === 'message', `${name} is a message`);
  assert.equal(event.phoneNumberId, PNID);
  assert.equal(event.displayPhoneNumber, '15550783881');
  return event;
}

function onlyStatus(name: string): StatusEvent {
  const { events } = normalizeFixture(name);
  assert.equal(events.length, 1);
  const [event] = events;
  assert.ok(event?.kind === 'status', `${name} is a status`);
  assert.equal(event.phoneNumberId, PNID);
  assert.equal(event.wabaId, WABA);
  return event;
}

/** One check per fixture file, on the real values in that file. */
const fixtureChecks: Record<string, () => void> = {
  'text.json': () => {
    const m = onlyMessage('text.json');
    assert.equal(m.type, 'text');
    assert.equal(m.id, 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=');
    assert.equal(m.text, 'Does it come in another color?');
    assert.equal(m.timestamp, '2025-06-08T20:59:43.000Z');
    assert.equal(m.wabaId, WABA);
    assert.deepEqual(m.user, SHEENA);
    assert.equal(conversationKeyOf(m), `${PNID}:16505551234`);
    assert.equal(dedupKeyOf(m, 'delivery', 0), `m:${PNID}:${m.id}`);
    assert.equal(aliasKeyOf(m), undefined);
  },
  'text_message_business_button_referred_product.json': () => {
    const m = onlyMessage('text_message_business_button_referred_product.json');
    assert.equal(m.text, 'Is this still available?');
    assert.equal(m.wabaId, '419561257915477');
    assert.deepEqual(m.context, {
      from: '15550783881',
      id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGA9wcm9kdWN0X2lucXVpcnkA',
      referredProduct: { catalogId: '194836987003835', productRetailerId: 'di9ozbzfi4' },
    });
  },
  'text_ctwa_referral.json': () => {
    const m = onlyMessage('text_ctwa_referral.json');
    assert.equal(m.text, 'Can I get more info about this?');
    assert.equal(m.timestamp, '2025-06-18T19:46:32.000Z');
    assert.deepEqual(m.referral, {
      sourceUrl: 'https://fb.me/3cr4Wqqkv',
      sourceId: '120226305854810726',
      sourceType: 'ad',
      headline: 'Chat with us',
      body: 'Summer Succulents are here!',
      ctwaClid:
        'Aff-n8ZTODiE79d22KtAwQKj9e_mIEOOj27vDVwFjN80dp4_0NiNhEgpGo0AHemvuSoifXaytfTzcchptiErTKCqTrJ5nW1h7IHYeYymGb5K5J5iTROpBhWAGaIAeUzHL50',
    });
  },
  'text_username_bsuid_no_phone.json': () => {
    const m = onlyMessage('text_username_bsuid_no_phone.json');
    assert.equal(m.text, 'Does it come in another color?');
    assert.equal(m.user.waId, undefined);
    assert.equal(m.user.phone, undefined);
    assert.equal(userKey(m.user), PARENT_BSUID);
    assert.deepEqual(m.user, {
      userId: BSUID,
      parentUserId: PARENT_BSUID,
      username: '@realsheenanelson',
      name: 'Sheena Nelson',
    });
    assert.equal(conversationKeyOf(m), `${PNID}:${PARENT_BSUID}`);
  },
  'audio_voice_meta.json': () => {
    const m = onlyMessage('audio_voice_meta.json');
    assert.equal(m.type, 'audio');
    assert.equal(m.timestamp, '2025-04-11T04:08:16.000Z');
    assert.deepEqual(m.media, {
      id: '1908647269898587',
      mimeType: 'audio/ogg; codecs=opus',
      sha256: 'wvqXMe6n7n1W0zphvLPoLj+s/NtKqmr3zZ7YzTP7xFI=',
      url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=133...',
      voice: true,
    });
    assert.equal(m.text, undefined);
  },
  'image.json': () => {
    const m = onlyMessage('image.json');
    assert.equal(m.type, 'image');
    assert.equal(m.text, 'Taj Mahal');
    assert.equal(m.media?.id, '1003383421387256');
    assert.equal(m.media?.mimeType, 'image/jpeg');
    assert.equal(m.media?.caption, 'Taj Mahal');
    assert.equal(m.media?.sha256, 'SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=');
  },
  'video.json': () => {
    const m = onlyMessage('video.json');
    assert.equal(m.type, 'video');
    assert.equal(m.text, 'Timelapse of growth');
    assert.equal(m.media?.id, '731675419373506');
    assert.equal(m.media?.mimeType, 'video/mp4');
  },
  'document.json': () => {
    const m = onlyMessage('document.json');
    assert.equal(m.type, 'document');
    assert.equal(m.text, 'my receipt');
    assert.equal(m.media?.id, '622684793477189');
    assert.equal(m.media?.filename, 'receipt.pdf');
    assert.equal(m.media?.mimeType, 'application/pdf');
  },
  'sticker.json': () => {
    const m = onlyMessage('sticker.json');
    assert.equal(m.type, 'sticker');
    assert.equal(m.media?.id, '1908647269898587');
    assert.equal(m.media?.mimeType, 'image/webp');
    assert.equal(m.media?.animated, true);
    assert.equal(m.text, undefined);
  },
  'location.json': () => {
    const m = onlyMessage('location.json');
    assert.equal(m.type, 'location');
    assert.deepEqual(m.location, {
      latitude: 37.44221496582,
      longitude: -122.16165924072,
      name: 'Philz Coffee',
      address: '101 Forest Ave, Palo Alto, CA 94301',
      url: 'https://philzcoffee.com/',
    });
  },
  'contacts.json': () => {
    const m = onlyMessage('contacts.json');
    assert.equal(m.type, 'contacts');
    assert.deepEqual(m.contacts, [
      {
        name: 'Barbara J. Johnson',
        phones: [{ phone: '+1 (415) 555-0829', waId: '14125550829', type: 'MOBILE' }],
        emails: [],
      },
    ]);
    assert.deepEqual(m.user, SHEENA, 'the sender comes from value.contacts, not the shared card');
  },
  'interactive_button_reply.json': () => {
    const m = onlyMessage('interactive_button_reply.json');
    assert.equal(m.type, 'interactive');
    assert.deepEqual(m.interactive, { type: 'button_reply', id: 'cancel-button', title: 'Cancel' });
    assert.equal(m.text, 'Cancel');
    assert.equal(m.context?.id, 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MEM2RUJFNkI0RENGQTVDRjUA');
  },
  'interactive_list_reply.json': () => {
    const m = onlyMessage('interactive_list_reply.json');
    assert.deepEqual(m.interactive, {
      type: 'list_reply',
      id: 'priority_express',
      title: 'Priority Mail Express',
      description: 'Next Day to 2 Days',
    });
    assert.equal(m.text, 'Priority Mail Express');
    assert.equal(m.timestamp, '2025-06-13T22:42:55.000Z');
  },
  'button_template_quick_reply.json': () => {
    const m = onlyMessage('button_template_quick_reply.json');
    assert.equal(m.type, 'button');
    assert.deepEqual(m.button, { payload: 'Unsubscribe', text: 'Unsubscribe' });
    assert.equal(m.text, 'Unsubscribe');
    assert.equal(m.context?.from, '15550783881');
  },
  'reaction.json': () => {
    const m = onlyMessage('reaction.json');
    assert.equal(m.type, 'reaction');
    assert.deepEqual(m.reaction, {
      messageId: 'wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=',
      emoji: '👍',
    });
  },
  'reaction_removed.json': () => {
    const m = onlyMessage('reaction_removed.json');
    assert.equal(m.type, 'reaction');
    assert.deepEqual(m.reaction, {
      messageId: 'wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=',
    });
    assert.ok(m.reaction !== undefined && !('emoji' in m.reaction), 'a removal has no emoji key');
  },
  'order.json': () => {
    const m = onlyMessage('order.json');
    assert.equal(m.type, 'order');
    assert.deepEqual(m.order, {
      catalogId: '194836987003835',
      text: 'Love these!',
      items: [
        { productRetailerId: 'di9ozbzfi4', quantity: 2, itemPrice: 30, currency: 'USD' },
        { productRetailerId: 'nqryix03ez', quantity: 1, itemPrice: 25, currency: 'USD' },
      ],
    });
  },
  'system_user_changed_number.json': () => {
    const m = onlyMessage('system_user_changed_number.json');
    assert.equal(m.type, 'system');
    assert.deepEqual(m.system, {
      type: 'user_changed_number',
      body: 'User Sheena Nelson changed from 16505551234 to 12195555358',
      newWaId: '12195555358',
    });
    assert.deepEqual(m.user, { waId: '16505551234', phone: '+16505551234' }, 'no contacts array: no name');
    assert.equal(conversationKeyOf(m), `${PNID}:16505551234`);
    assert.equal(aliasKeyOf(m), `${PNID}:12195555358`);
  },
  'unsupported.json': () => {
    const m = onlyMessage('unsupported.json');
    assert.equal(m.type, 'unsupported');
    assert.equal(m.unsupportedType, 'edit');
    assert.deepEqual(m.errors, [
      {
        code: 131051,
        title: 'Message type unknown',
        message: 'Message type unknown',
        details: 'Message type is currently not supported.',
      },
    ]);
    const body = readFixture('unsupported.json') as {
      entry: { changes: { value: { messages: unknown[] } }[] }[];
    };
    assert.deepEqual(m.raw, body.entry[0]?.changes[0]?.value.messages[0]);
  },
  'group_text_meta.json': () => {
    const m = onlyMessage('group_text_meta.json');
    assert.equal(m.type, 'text');
    assert.equal(m.groupId, 'HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA');
    assert.equal(m.id, 'wamid.HASDI128HJOPUERIH82ahdasd09ASDHi5>', "Meta's id is kept as sent");
    assert.equal(m.text, 'What does everyone think about this?');
    assert.deepEqual(m.user, { waId: '16505551234', phone: '+16505551234', name: 'Tiago Mingo' });
  },
  'errors_value_level_rate_limit.json': () => {
    const { events } = normalizeFixture('errors_value_level_rate_limit.json');
    assert.equal(events.length, 1);
    const [event] = events;
    assert.ok(event?.kind === 'error');
    assert.equal(event.phoneNumberId, PNID);
    assert.deepEqual(event.errors, [
      {
        code: 130429,
        title: 'Rate limit hit',
        message: 'Rate limit hit',
        details:
          'Message failed to send because there were too many messages sent from this phone number in a short period of time',
        href: '/documentation/business-messaging/whatsapp/support/error-codes',
      },
    ]);
    assert.equal(event.timestamp, new Date(RECEIVED_AT).toISOString(), 'value errors carry no timestamp');
    assert.equal(dedupKeyOf(event, 'delivery-sha', 0), 'x:delivery-sha:0');
    assert.equal(conversationKeyOf(event), undefined);
  },
  'status_sent.json': () => {
    const s = onlyStatus('status_sent.json');
    assert.equal(s.type, 'sent');
    assert.equal(s.id, 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=');
    assert.equal(s.timestamp, '2025-06-15T23:27:53.000Z');
    assert.equal(s.recipientId, '16505551234');
    assert.deepEqual(s.user, { waId: '16505551234', phone: '+16505551234' });
    assert.equal(s.pricingCategory, 'marketing');
    assert.equal(dedupKeyOf(s, 'd', 0), `s:${s.id}:sent`);
    assert.equal(conversationKeyOf(s), undefined);
  },
  'status_sent_v24_minimal.json': () => {
    const s = onlyStatus('status_sent_v24_minimal.json');
    assert.equal(s.type, 'sent');
    assert.equal(s.pricingCategory, undefined);
    assert.equal(s.recipientId, '16505551234');
  },
  'status_delivered.json': () => {
    const s = onlyStatus('status_delivered.json');
    assert.equal(s.type, 'delivered');
    assert.equal(s.id, 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MTE5MjVBOTE3MDk5QUVFM0YA');
    assert.equal(s.timestamp, '2025-06-18T16:22:53.000Z');
    assert.equal(s.pricingCategory, 'service');
  },
  'status_failed.json': () => {
    const s = onlyStatus('status_failed.json');
    assert.equal(s.type, 'failed');
    assert.equal(s.errors?.length, 1);
    assert.equal(s.errors?.[0]?.code, 131049);
    assert.equal(
      s.errors?.[0]?.details,
      'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
    );
    assert.equal(s.errors?.[0]?.href, '/documentation/business-messaging/whatsapp/support/error-codes');
    assert.equal(s.user.waId, '16505551234');
  },
  'status_delivered_bsuid_username.json': () => {
    const s = onlyStatus('status_delivered_bsuid_username.json');
    assert.equal(s.type, 'delivered');
    assert.deepEqual(s.user, {
      waId: '16505551234',
      userId: BSUID,
      parentUserId: PARENT_BSUID,
      phone: '+16505551234',
      username: '@pablomorales',
      name: 'Pablo M.',
    });
  },
  'status_delivered_bsuid_no_phone.json': () => {
    const s = onlyStatus('status_delivered_bsuid_no_phone.json');
    assert.equal(s.type, 'delivered');
    assert.equal(s.recipientId, undefined);
    assert.deepEqual(s.user, {
      userId: BSUID,
      parentUserId: PARENT_BSUID,
      username: '@pablomorales',
      name: 'Pablo M.',
    });
  },
};

const fixtureNames = readdirSync(fixturesDir)
  .filter((name) => name.endsWith('.json'))
  .sort();

describe("Meta's example payloads", () => {
  it('every fixture file has its own assertions, and every assertion has its file', () => {
    assert.ok(fixtureNames.length >= 27, `found ${fixtureNames.length} fixtures in ${fixturesDir}`);
    assert.deepEqual(
      fixtureNames.filter((name) => !(name in fixtureChecks)),
      [],
      'fixtures without a specific test',
    );
    assert.deepEqual(
      Object.keys(fixtureChecks).filter((name) => !fixtureNames.includes(name)),
      [],
      'tests for missing fixtures',
    );
  });

  for (const name of fixtureNames) {
    it(`${name}: normalizes to valid events with the file's values`, () => {
      const { events, ignoredChanges, dropped } = normalizeFixture(name);
      assert.ok(events.length > 0);
      assert.equal(ignoredChanges, 0);
      assert.deepEqual(dropped, []);
      for (const event of events) {
        assert.deepEqual(
          inboundEvent.parse(event),
          event,
          'the event matches the InboundEvent schema exactly',
        );
        const line = toNormalizedLine(event);
        assert.equal(line.raw, undefined);
        assert.equal(line.kind, event.kind);
        assert.match(String(line.timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      }
      const check = fixtureChecks[name];
      assert.ok(check, `no specific assertions for ${name}`);
      check();
    });
  }
});

/** A delivery peers would truncate: two entries, several changes, two messages in one value, a status pair
 *  arriving read-before-delivered, a change of another field, an echo, a second phone_number_id. */
function batchBody(): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA-1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550001111', phone_number_id: 'PN-1' },
              contacts: [
                { profile: { name: 'Bea' }, wa_id: '16505552222' },
                { profile: { name: 'Ali' }, wa_id: '16505551111' },
              ],
              messages: [
                {
                  from: '16505551111',
                  id: 'wamid.A1',
                  timestamp: '1750000000',
                  type: 'text',
                  text: { body: 'Hi' },
                },
                {
                  from: '16505551111',
                  id: 'wamid.A2',
                  timestamp: '1750000001',
                  type: 'text',
                  text: { body: 'need deep cleaning' },
                },
              ],
              statuses: [
                { id: 'wamid.OUT1', status: 'read', timestamp: '1750000003', recipient_id: '16505552222' },
                {
                  id: 'wamid.OUT1',
                  status: 'delivered',
                  timestamp: '1750000002',
                  recipient_id: '16505552222',
                },
              ],
            },
          },
          { field: 'account_update', value: { phone_number: '15550001111', event: 'VERIFIED_ACCOUNT' } },
          {
            field: 'smb_message_echoes',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550001111', phone_number_id: 'PN-1' },
              contacts: [{ profile: { name: 'Ali' }, wa_id: '16505551111' }],
              message_echoes: [
                {
                  from: '15550001111',
                  to: '16505551111',
                  id: 'wamid.ECHO1',
                  timestamp: '1750000004',
                  type: 'text',
                  text: { body: 'A person here: today at 3pm works' },
                },
              ],
            },
          },
        ],
      },
      {
        id: 'WABA-2',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550002222', phone_number_id: 'PN-2' },
              contacts: [{ profile: { name: 'Bea' }, wa_id: '16505552222' }],
              // statuses before messages: events follow the document's key order
              statuses: [
                { id: 'wamid.OUT2', status: 'sent', timestamp: '1750000005', recipient_id: '16505552222' },
              ],
              messages: [
                {
                  from: '16505552222',
                  id: 'wamid.B1',
                  timestamp: '1750000006',
                  type: 'image',
                  image: { id: 'media-B1', mime_type: 'image/jpeg', caption: 'my sofa' },
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

describe('a batched delivery', () => {
  const { events, ignoredChanges, dropped } = normalizeWebhook(batchBody(), { receivedAt: RECEIVED_AT });

  it('keeps every event, in document order', () => {
    assert.deepEqual(
      events.map((e) => [e.kind, e.type, 'id' in e ? e.id : undefined, e.phoneNumberId, e.wabaId]),
      [
        ['message', 'text', 'wamid.A1', 'PN-1', 'WABA-1'],
        ['message', 'text', 'wamid.A2', 'PN-1', 'WABA-1'],
        ['status', 'read', 'wamid.OUT1', 'PN-1', 'WABA-1'],
        ['status', 'delivered', 'wamid.OUT1', 'PN-1', 'WABA-1'],
        ['echo', 'text', 'wamid.ECHO1', 'PN-1', 'WABA-1'],
        ['status', 'sent', 'wamid.OUT2', 'PN-2', 'WABA-2'],
        ['message', 'image', 'wamid.B1', 'PN-2', 'WABA-2'],
      ],
    );
    assert.equal(ignoredChanges, 1, 'the account_update change');
    assert.deepEqual(dropped, []);
    for (const event of events) assert.deepEqual(inboundEvent.parse(event), event);
  });

  it('matches each sender to its own contact, not the contact at the same index', () => {
    const [a1, , , , echo, , b1] = events as MessageEvent[];
    assert.deepEqual(a1?.user, { waId: '16505551111', phone: '+16505551111', name: 'Ali' });
    assert.deepEqual(b1?.user, { waId: '16505552222', phone: '+16505552222', name: 'Bea' });
    assert.equal(b1?.text, 'my sofa');
    assert.equal(echo?.text, 'A person here: today at 3pm works');
    assert.deepEqual(
      echo?.user,
      { waId: '16505551111', phone: '+16505551111', name: 'Ali' },
      'echo user = customer',
    );
  });

  it('files the echo in the customer conversation, and gives every event its own dedup key', () => {
    const [a1, a2, , , echo, , b1] = events;
    assert.ok(a1 && a2 && echo && b1);
    assert.equal(conversationKeyOf(a1), 'PN-1:16505551111');
    assert.equal(conversationKeyOf(a2), 'PN-1:16505551111');
    assert.equal(conversationKeyOf(echo), 'PN-1:16505551111');
    assert.equal(conversationKeyOf(b1), 'PN-2:16505552222');
    const keys = events.map((event, index) => dedupKeyOf(event, 'delivery', index));
    assert.deepEqual(keys, [
      'm:PN-1:wamid.A1',
      'm:PN-1:wamid.A2',
      's:wamid.OUT1:read',
      's:wamid.OUT1:delivered',
      'e:PN-1:wamid.ECHO1',
      's:wamid.OUT2:sent',
      'm:PN-2:wamid.B1',
    ]);
  });
});

/** A body with one change on Meta's documentation number holding `value` (metadata added). */
function bodyWith(value: Record<string, unknown>): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: WABA,
        changes: [
          {
            field: 'messages',
            value: { metadata: { display_phone_number: '15550783881', phone_number_id: PNID }, ...value },
          },
        ],
      },
    ],
  };
}

function messagesOf(...messages: unknown[]): { events: MessageEvent[]; result: NormalizedWebhook } {
  const result = normalizeWebhook(bodyWith({ messages }), { receivedAt: RECEIVED_AT });
  for (const event of result.events) assert.deepEqual(inboundEvent.parse(event), event);
  return { events: result.events.filter((e): e is MessageEvent => e.kind === 'message'), result };
}

const from = '16505551234';

describe('one odd update does not cost the others', () => {
  it('keeps understood messages, turns misunderstood ones with an id into unsupported, reports id-less ones', () => {
    const { events, result } = messagesOf(
      { from, id: 'wamid.ok', timestamp: '1750000000', type: 'text', text: { body: 'first' } },
      { from, timestamp: '1750000001', type: 'text', text: { body: 'no id' } },
      { from, id: 'wamid.badaudio', timestamp: '1750000002', type: 'audio', audio: 'not an object' },
      { from, id: 'wamid.poll', timestamp: '1750000003', type: 'poll_creation', poll_creation: {} },
      { from, id: 'wamid.noint', timestamp: '1750000004', type: 'interactive' },
      { from, id: 'wamid.notype', timestamp: '1750000005' },
      'not a message',
      { from, id: 'wamid.last', timestamp: '1750000006', type: 'text', text: { body: 'last' } },
    );
    assert.deepEqual(
      events.map((e) => [e.id, e.type, e.unsupportedType, e.text]),
      [
        ['wamid.ok', 'text', undefined, 'first'],
        ['wamid.badaudio', 'unsupported', 'audio', undefined],
        ['wamid.poll', 'unsupported', 'poll_creation', undefined],
        ['wamid.noint', 'unsupported', 'interactive', undefined],
        ['wamid.notype', 'unsupported', 'unknown', undefined],
        ['wamid.last', 'text', undefined, 'last'],
      ],
    );
    assert.deepEqual(
      result.dropped.map((d) => d.path),
      ['entry[0].changes[0].value.messages[1]', 'entry[0].changes[0].value.messages[6]'],
    );
    assert.match(result.dropped[0]?.reason ?? '', /id/);
    assert.deepEqual(events[1]?.raw, {
      from,
      id: 'wamid.badaudio',
      timestamp: '1750000002',
      type: 'audio',
      audio: 'not an object',
    });
  });

  it('keeps a message without a timestamp, dated at arrival', () => {
    const { events } = messagesOf({ from, id: 'wamid.nots', type: 'text', text: { body: 'x' } });
    assert.equal(events[0]?.timestamp, '2026-01-02T03:04:05.000Z');
  });

  it('drops a status it cannot track and a change it cannot route, and reports both', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: WABA,
          changes: [
            { field: 'messages', value: { statuses: [{ id: 'wamid.x', status: 'sent', timestamp: '1' }] } },
            {
              field: 'messages',
              value: {
                metadata: { phone_number_id: PNID },
                statuses: [
                  { id: 'wamid.s1', status: 'deleted', timestamp: '1750000000', recipient_id: from },
                  { id: 'wamid.s2', status: 'played', timestamp: '1750000001', recipient_id: from },
                ],
                errors: [{ title: 'no code' }, { code: '131000', title: 'Something went wrong' }],
              },
            },
            'not a change',
          ],
        },
        'not an entry',
      ],
    };
    const result = normalizeWebhook(body, { receivedAt: RECEIVED_AT });
    assert.deepEqual(
      result.events.map((e) => [e.kind, e.type]),
      [
        ['status', 'played'],
        ['error', 'error'],
      ],
    );
    const [, error] = result.events;
    assert.ok(error?.kind === 'error');
    assert.deepEqual(error.errors, [{ code: 131000, title: 'Something went wrong' }]);
    assert.deepEqual(
      result.dropped.map((d) => d.path),
      [
        'entry[0].changes[0].value',
        'entry[0].changes[1].value.statuses[0]',
        'entry[0].changes[1].value.errors[0]',
        'entry[0].changes[2]',
        'entry[1]',
      ],
    );
    assert.match(result.dropped[0]?.reason ?? '', /metadata/);
    assert.match(result.dropped[1]?.reason ?? '', /"deleted"/);
  });
});

describe('content mapping beyond the fixtures', () => {
  it('reads lat/long sent as strings, and an empty emoji as a removed reaction', () => {
    const { events } = messagesOf(
      {
        from,
        id: 'wamid.loc',
        timestamp: '1',
        type: 'location',
        location: { latitude: '21.54', longitude: '39.17' },
      },
      {
        from,
        id: 'wamid.unreact',
        timestamp: '2',
        type: 'reaction',
        reaction: { message_id: 'wamid.r', emoji: '' },
      },
      {
        from,
        id: 'wamid.badloc',
        timestamp: '3',
        type: 'location',
        location: { latitude: 'north', longitude: 1 },
      },
    );
    assert.deepEqual(events[0]?.location, { latitude: 21.54, longitude: 39.17 });
    assert.deepEqual(events[1]?.reaction, { messageId: 'wamid.r' });
    assert.equal(events[2]?.type, 'unsupported');
    assert.equal(events[2]?.unsupportedType, 'location');
  });

  it('parses an nfm_reply response_json, and keeps it as text when it is not JSON', () => {
    const { events } = messagesOf(
      {
        from,
        id: 'wamid.flow',
        timestamp: '1',
        type: 'interactive',
        interactive: {
          type: 'nfm_reply',
          nfm_reply: { name: 'flow', body: 'Sent', response_json: '{"flow_token":"t-1","city":"Jeddah"}' },
        },
      },
      {
        from,
        id: 'wamid.flow2',
        timestamp: '2',
        type: 'interactive',
        interactive: { type: 'nfm_reply', nfm_reply: { response_json: 'not json' } },
      },
    );
    assert.deepEqual(events[0]?.interactive, {
      type: 'nfm_reply',
      name: 'flow',
      body: 'Sent',
      response: { flow_token: 't-1', city: 'Jeddah' },
    });
    assert.deepEqual(events[1]?.interactive, { type: 'nfm_reply', response: 'not json' });
  });

  it('maps edit (with the new text), revoke and request_welcome', () => {
    const { events } = messagesOf(
      {
        from,
        id: 'wamid.edit',
        timestamp: '1',
        type: 'edit',
        edit: {
          original_message_id: 'wamid.orig',
          message: { type: 'text', text: { body: 'Text was edited' } },
        },
      },
      {
        from,
        id: 'wamid.editcap',
        timestamp: '2',
        type: 'edit',
        edit: {
          original_message_id: 'wamid.img',
          message: { type: 'image', image: { id: '6546', caption: 'new' } },
        },
      },
      {
        from,
        id: 'wamid.del',
        timestamp: '3',
        type: 'revoke',
        revoke: { original_message_id: 'wamid.gone' },
      },
      { from, id: 'wamid.hello', timestamp: '4', type: 'request_welcome' },
    );
    assert.deepEqual(
      events.map((e) => [e.type, e.originalMessageId, e.text]),
      [
        ['edit', 'wamid.orig', 'Text was edited'],
        ['edit', 'wamid.img', 'new'],
        ['revoke', 'wamid.gone', undefined],
        ['request_welcome', undefined, undefined],
      ],
    );
  });

  it('keeps the whole new version of an edit: type, media id and url, caption and context', () => {
    const { events } = messagesOf({
      from,
      id: 'wamid.yyyyyy',
      timestamp: '1697044968',
      type: 'edit',
      edit: {
        original_message_id: 'wamid.zzzzzz',
        message: {
          context: { from: '15550783881', id: 'wamid.quoted' },
          type: 'image',
          image: {
            caption: 'caption',
            mime_type: 'image/jpeg',
            sha256: '4654+8g=',
            id: '65463453',
            url: 'https://lookaside.example/65463453',
          },
        },
      },
    });
    const edit = events[0]!;
    assert.equal(edit.type, 'edit');
    assert.equal(edit.editedType, 'image');
    assert.equal(edit.text, 'caption');
    assert.deepEqual(edit.media, {
      id: '65463453',
      mimeType: 'image/jpeg',
      sha256: '4654+8g=',
      url: 'https://lookaside.example/65463453',
      caption: 'caption',
    });
    assert.deepEqual(edit.context, { from: '15550783881', id: 'wamid.quoted' });
  });

  it('renders a Flow completion and a shared contact card as text (pywa flow_completion.json, Meta contacts)', () => {
    const { events } = messagesOf(
      {
        from,
        id: 'wamid.wegrchytvwcggt==',
        timestamp: '1702502473',
        type: 'interactive',
        interactive: {
          type: 'nfm_reply',
          nfm_reply: {
            response_json:
              '{"comment_text":"Comment Text","delivery_rating":"4","flow_token":"AQAAAAACS5FpgQ_cAAAAAD0QI3s.","purchase_rating":"2"}',
            body: 'Sent',
            name: 'flow',
          },
        },
      },
      {
        from,
        id: 'wamid.card',
        timestamp: '2',
        type: 'contacts',
        contacts: [
          {
            name: { formatted_name: 'Barbara J. Johnson', first_name: 'Barbara' },
            phones: [{ phone: '+1 (940) 555-1234', type: 'HOME', wa_id: '19405551234' }],
            emails: [{ email: 'bjohnson@example.com', type: 'WORK' }],
          },
        ],
      },
    );
    assert.equal(
      messageText(events[0] as MessageEvent),
      'Form answers:\nComment text: Comment Text\nDelivery rating: 4\nPurchase rating: 2',
    );
    assert.equal(
      messageText(events[1] as MessageEvent),
      'Shared contact: Barbara J. Johnson, +1 (940) 555-1234 (HOME), bjohnson@example.com',
    );
  });

  it('keeps a status’s pricing and conversation fields (legacy CBP capture)', () => {
    const { events } = normalizeWebhook(
      bodyWith({
        statuses: [
          {
            id: 'wamid.sent-cbp',
            status: 'sent',
            timestamp: '1686304543',
            recipient_id: from,
            conversation: {
              id: 'b2f2b1c3f1d1e9e9a1a1a1a1a1a1a1a1',
              expiration_timestamp: '1686390960',
              origin: { type: 'user_initiated' },
            },
            pricing: { billable: true, pricing_model: 'CBP', category: 'user_initiated' },
          },
        ],
      }),
    );
    const status = events[0] as StatusEvent;
    assert.deepEqual(status.pricing, { category: 'user_initiated', pricingModel: 'CBP', billable: true });
    assert.deepEqual(status.conversation, {
      id: 'b2f2b1c3f1d1e9e9a1a1a1a1a1a1a1a1',
      originType: 'user_initiated',
      expiresAt: '2023-06-10T09:56:00.000Z',
    });
    assert.equal(status.pricingCategory, 'user_initiated');
  });

  it('links a value-level 131000 to the message it explains (pywa interactive_message_with_err)', () => {
    const { events } = normalizeWebhook(
      bodyWith({
        contacts: [{ profile: { name: 'Test' }, wa_id: from }],
        messages: [{ from, id: 'wamid.broken', timestamp: '1', type: 'interactive' }],
        errors: [
          {
            code: 131000,
            title: 'Something went wrong',
            message: 'Something went wrong',
            error_data: { details: 'Unsupported webhook payload' },
          },
        ],
      }),
    );
    const [message, error] = events;
    assert.equal(message?.kind, 'message');
    assert.equal(message?.type, 'unsupported');
    assert.deepEqual(
      (message as MessageEvent).errors?.map((e) => e.code),
      [131000],
    );
    assert.equal(error?.kind, 'error');
    assert.deepEqual(error?.kind === 'error' ? error.messageIds : undefined, ['wamid.broken']);
  });

  it('keeps a wa_id libphonenumber cannot validate, flagged, so phone matching still works', () => {
    const unknownRange = '99912345678';
    const { events } = messagesOf({
      from: unknownRange,
      id: 'wamid.range',
      timestamp: '1',
      type: 'text',
      text: { body: 'hi' },
    });
    assert.equal(toE164(unknownRange), undefined, 'libphonenumber refuses it');
    assert.deepEqual(
      { phone: events[0]?.user.phone, validated: events[0]?.user.phoneValidated },
      { phone: `+${unknownRange}`, validated: false },
    );
  });

  it('re-keys on user_changed_user_id with the new BSUID, and not when the key stays the same', () => {
    const { events } = messagesOf(
      {
        from_user_id: BSUID,
        id: 'wamid.sys',
        timestamp: '1',
        type: 'system',
        system: { type: 'user_changed_user_id', body: 'changed', user_id: 'US.999' },
      },
      {
        from,
        id: 'wamid.same',
        timestamp: '2',
        type: 'system',
        system: { type: 'user_changed_number', wa_id: from },
      },
      {
        from,
        id: 'wamid.identity',
        timestamp: '3',
        type: 'system',
        system: { type: 'customer_identity_changed', body: 'security code changed' },
      },
    );
    const [changedId, same, identity] = events;
    assert.ok(changedId && same && identity);
    assert.equal(conversationKeyOf(changedId), `${PNID}:${BSUID}`);
    assert.equal(aliasKeyOf(changedId), `${PNID}:US.999`);
    assert.equal(aliasKeyOf(same), undefined);
    assert.equal(aliasKeyOf(identity), undefined);
  });

  it('reads a group status: the group is groupId, the person is the participant', () => {
    const result = normalizeWebhook(
      bodyWith({
        statuses: [
          {
            id: 'wamid.g',
            status: 'read',
            timestamp: '1750000000',
            recipient_id: 'GROUP-1',
            recipient_type: 'group',
            recipient_participant_id: from,
            biz_opaque_callback_data: 'campaign-7',
          },
        ],
      }),
    );
    const [status] = result.events;
    assert.ok(status?.kind === 'status');
    assert.equal(status.groupId, 'GROUP-1');
    assert.equal(status.recipientId, 'GROUP-1');
    assert.deepEqual(status.user, { waId: from, phone: '+16505551234' });
    assert.equal(status.bizOpaqueCallbackData, 'campaign-7');
  });
});

describe('non-envelopes', () => {
  const cases: [string, unknown, RegExp][] = [
    ['null', null, /the body/],
    ['an array', [], /the body/],
    ['a string', 'hello', /the body/],
    ['another object type', { object: 'page', entry: [] }, /object/],
    ['no object', { entry: [] }, /object/],
    ['entry not an array', { object: 'whatsapp_business_account', entry: 5 }, /entry/],
    ['no entry', { object: 'whatsapp_business_account' }, /entry/],
  ];
  for (const [label, body, path] of cases) {
    it(`${label} throws VALIDATION naming the path`, () => {
      assert.throws(
        () => normalizeWebhook(body),
        (error: unknown) => isLeadwireError(error, 'VALIDATION') && path.test(error.message),
      );
    });
  }

  it('an envelope with no entries is valid and empty', () => {
    assert.deepEqual(normalizeWebhook({ object: 'whatsapp_business_account', entry: [] }), {
      events: [],
      ignoredChanges: 0,
      dropped: [],
    });
  });
});

describe('identity', () => {
  it('formats WhatsApp digits as E.164, and refuses what is not a number', () => {
    assert.equal(toE164('16505551234'), '+16505551234');
    assert.equal(toE164('966501234567'), '+966501234567');
    assert.equal(toE164('+1 (415) 555-0829'), '+14155550829');
    assert.equal(toE164('0712'), undefined);
    assert.equal(toE164(''), undefined);
    assert.equal(toE164(BSUID), undefined);
  });

  it('keys users by parent BSUID, then BSUID, then wa_id', () => {
    assert.equal(userKey({ waId: '1', userId: 'U', parentUserId: 'P' }), 'P');
    assert.equal(userKey({ waId: '1', userId: 'U' }), 'U');
    assert.equal(userKey({ waId: '1' }), '1');
    assert.equal(userKey({ name: 'only a name' }), undefined);
  });

  it('gives no conversation key to a message with no user id', () => {
    const { events } = messagesOf({ id: 'wamid.anon', timestamp: '1', type: 'text', text: { body: 'who?' } });
    const [event] = events;
    assert.ok(event);
    assert.deepEqual(event.user, {});
    assert.equal(conversationKeyOf(event), undefined);
  });
});

describe('the normalize line', () => {
  it('leads with kind, type, id, phoneNumberId, timestamp, user, and leaves out raw', () => {
    const [voice] = normalizeFixture('audio_voice_meta.json').events as InboundEvent[];
    assert.ok(voice);
    const line = toNormalizedLine(voice);
    assert.deepEqual(Object.keys(line).slice(0, 6), [
      'kind',
      'type',
      'id',
      'phoneNumberId',
      'timestamp',
      'user',
    ]);
    assert.equal('raw' in line, false);
    assert.deepEqual(line.media, {
      id: '1908647269898587',
      mimeType: 'audio/ogg; codecs=opus',
      sha256: 'wvqXMe6n7n1W0zphvLPoLj+s/NtKqmr3zZ7YzTP7xFI=',
      url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=133...',
      voice: true,
    });
    assert.deepEqual(line.user, SHEENA);
  });

  it('prints an error event without id or user, with its errors', () => {
    const [error] = normalizeFixture('errors_value_level_rate_limit.json').events;
    assert.ok(error);
    const line = toNormalizedLine(error);
    assert.deepEqual(Object.keys(line), [
      'kind',
      'type',
      'phoneNumberId',
      'timestamp',
      'displayPhoneNumber',
      'wabaId',
      'errors',
    ]);
    assert.deepEqual(JSON.parse(JSON.stringify(line)), line, 'plain JSON');
  });
});
