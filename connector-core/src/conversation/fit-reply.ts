// A reply that fits WhatsApp's limits: the agent's reply can be longer than one message allows (a knowledge
// answer put before a reply-button question can pass the buttons' 1,024 characters, and Meta refuses the
// whole message). Rather than lose the reply, it goes out as several messages: the answer as text, then the
// question with its buttons or list. And when Meta refuses a reply all the same, its plain-text form is
// what still reaches the customer.
import { charCount, whatsappLimits } from '../model/whatsapp-limits.ts';
import type { OutboundMessage, OutboundText } from '../ports/messenger.ts';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest prefix of `text` with at most `max` code points, ending on a grapheme boundary. */
function prefixOf(text: string, max: number): string {
  let out = '';
  let count = 0;
  for (const { segment } of graphemes.segment(text)) {
    const n = charCount(segment);
    if (count + n > max) break;
    out += segment;
    count += n;
  }
  return out;
}

/**
 * `text` in pieces of at most `max` characters, cut at a paragraph break, else a line break, else after a
 * sentence or a space, else on a grapheme boundary. No piece is empty.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (charCount(rest) > max) {
    const head = prefixOf(rest, max);
    let cut = head.lastIndexOf('\n\n');
    if (cut <= 0) cut = head.lastIndexOf('\n');
    if (cut <= 0) {
      const sentence = head.lastIndexOf('. ');
      cut = sentence > 0 ? sentence + 1 : -1;
    }
    if (cut <= 0) cut = head.lastIndexOf(' ');
    if (cut <= 0) cut = head.length;
    pieces.push(head.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}

function bodyLimit(message: OutboundMessage): number {
  switch (message.kind) {
    case 'buttons':
      return whatsappLimits.buttonsBodyChars;
    case 'list':
      return whatsappLimits.listBodyChars;
    default:
      return whatsappLimits.textBodyChars;
  }
}

const asText = (body: string): OutboundText => ({ kind: 'text', body });

/**
 * `message` as one or more messages that each fit WhatsApp's body limits, in the order to send them. A reply
 * within the limits comes back unchanged; a long text is split; a long interactive body keeps its last
 * paragraph (the question) with the buttons or list and sends what comes before it (the answer) as text.
 */
export function fitReply(message: OutboundMessage): OutboundMessage[] {
  if (message.kind === 'template') return [message];
  const limit = bodyLimit(message);
  if (charCount(message.body) <= limit) return [message];
  if (message.kind === 'text') return splitText(message.body, limit).map(asText);
  const body = message.body.trim();
  const breakAt = body.lastIndexOf('\n\n');
  let lead = breakAt > 0 ? body.slice(0, breakAt) : '';
  let question = breakAt > 0 ? body.slice(breakAt + 2).trim() : body;
  if (charCount(question) > limit) {
    const pieces = splitText(question, limit);
    question = pieces.pop()!;
    lead = [lead, ...pieces].filter((part) => part !== '').join('\n\n');
  }
  return [...splitText(lead, whatsappLimits.textBodyChars).map(asText), { ...message, body: question }];
}

/** The reply as plain text: the body, then the choices it offered, one a line (the fallback when Meta refuses it). */
export function plainTextOf(message: OutboundMessage): OutboundText[] {
  switch (message.kind) {
    case 'text':
      return fitReply(message) as OutboundText[];
    case 'template':
      return fitReply(asText(message.text)) as OutboundText[];
    case 'buttons':
      return fitReply(
        asText(`${message.body}\n\n${message.buttons.map((b) => `• ${b.title}`).join('\n')}`),
      ) as OutboundText[];
    case 'list':
      return fitReply(
        asText(`${message.body}\n\n${message.rows.map((r) => `• ${r.title}`).join('\n')}`),
      ) as OutboundText[];
  }
}

/** What a sent message says, for the transcript and the CRM (a template with its parameters filled in). */
export function sentText(message: OutboundMessage): string {
  return message.kind === 'template' ? message.text : message.body;
}
