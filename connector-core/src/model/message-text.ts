// The words of a message as people read them in a transcript (the agent's context, the CRM, the cards): its
// text, a caption, a tapped button's title, a pin's name and address (or its coordinates), a reaction, a
// completed WhatsApp Flow's answers, a shared contact card's name and number.
// A voice note's words are its transcript, kept beside the message (`conversation.voiceNotes`).
import type { ConversationEvent } from './inbound-event.ts';

/**
 * WhatsApp's longest text message, in characters. A longer "text" is no WhatsApp message (a forged or relayed
 * body): what intake, transcripts and the CRM read of one message stops here, so no turn spends long on it.
 */
export const WHATSAPP_TEXT_MAX_CHARS = 4096;

/** At most WhatsApp's longest message, with a mark where it was cut. */
export function capText(text: string): string {
  return text.length <= WHATSAPP_TEXT_MAX_CHARS ? text : `${text.slice(0, WHATSAPP_TEXT_MAX_CHARS)}…`;
}

/** Keys of a Flow's response that are plumbing, not the customer's answers. */
const flowPlumbing: ReadonlySet<string> = new Set(['flow_token']);

/** `delivery_rating` → `Delivery rating` */
function label(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function answer(value: unknown): string {
  if (Array.isArray(value)) return value.map(answer).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A completed Flow (`nfm_reply`) as readable fields, one a line; its raw text when it is not an object. */
export function flowText(response: unknown, name?: string): string | undefined {
  const title = name === 'address_message' ? 'Address' : 'Form answers';
  if (typeof response === 'string') return response === '' ? undefined : `${title}: ${response}`;
  if (response === null || typeof response !== 'object' || Array.isArray(response)) return undefined;
  const fields = Object.entries(response)
    .filter(([key, value]) => !flowPlumbing.has(key) && value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${label(key)}: ${answer(value)}`);
  return fields.length === 0 ? undefined : `${title}:\n${fields.join('\n')}`;
}

/** Shared contact cards as "name, number (type)", one card a line. */
export function contactsText(contacts: NonNullable<ConversationEvent['contacts']>): string | undefined {
  const cards = contacts.map((card) => {
    const phones = card.phones
      .map((p) => {
        const number = p.phone ?? (p.waId === undefined ? undefined : `+${p.waId}`);
        return number === undefined ? undefined : p.type ? `${number} (${p.type})` : number;
      })
      .filter((p): p is string => p !== undefined);
    return [card.name, ...phones, ...card.emails].filter(Boolean).join(', ');
  });
  const lines = cards.filter((card) => card !== '');
  return lines.length === 0 ? undefined : `Shared contact: ${lines.join('\nShared contact: ')}`;
}

export function messageText(event: ConversationEvent): string | undefined {
  const text = uncappedText(event);
  return text === undefined ? undefined : capText(text);
}

function uncappedText(event: ConversationEvent): string | undefined {
  if (event.location !== undefined)
    return (
      [event.location.name, event.location.address].filter(Boolean).join(' — ') ||
      `${event.location.latitude},${event.location.longitude}`
    );
  if (event.contacts !== undefined && event.contacts.length > 0) return contactsText(event.contacts);
  if (event.interactive?.type === 'nfm_reply')
    return flowText(event.interactive.response, event.interactive.name) ?? event.interactive.body;
  return (
    event.text ??
    event.media?.caption ??
    event.interactive?.title ??
    event.button?.text ??
    (event.reaction === undefined ? undefined : (event.reaction.emoji ?? '(reaction removed)'))
  );
}
