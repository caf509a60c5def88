// What intake, transcripts and the CRM read of one message stops at WhatsApp's own limit, so a forged
// multi-megabyte "text" costs a turn no more than the longest real message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capText, messageText, WHATSAPP_TEXT_MAX_CHARS } from '../src/model/message-text.ts';
import { normalizeWebhook } from '../src/model/normalize.ts';

function textDelivery(body: string) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
              messages: [
                {
                  from: '16505551234',
                  id: 'wamid.big',
                  timestamp: '1750000000',
                  type: 'text',
                  text: { body },
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

describe('message text', () => {
  it('reads at most 4,096 characters of a message, marking the cut', () => {
    const [event] = normalizeWebhook(textDelivery('A'.repeat(2_500_000)), { receivedAt: 0 }).events;
    assert.ok(event?.kind === 'message');
    const text = messageText(event);
    assert.equal(text?.length, WHATSAPP_TEXT_MAX_CHARS + 1);
    assert.ok(text?.endsWith('…'));
  });
  it('leaves a message within the limit as it is', () => {
    const exact = 'b'.repeat(WHATSAPP_TEXT_MAX_CHARS);
    assert.equal(capText(exact), exact);
    const [event] = normalizeWebhook(textDelivery('hello'), { receivedAt: 0 }).events;
    assert.ok(event?.kind === 'message');
    assert.equal(messageText(event), 'hello');
  });
});
