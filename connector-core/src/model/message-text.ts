// The words of a message as people read them in a transcript (the agent's context, the CRM, the cards): its
// text, a caption, a tapped button's title, a pin's name and address (or its coordinates), a reaction.
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
  return (
    event.text ??
    event.media?.caption ??
    event.interactive?.title ??
    event.button?.text ??
    (event.reaction === undefined ? undefined : (event.reaction.emoji ?? '(reaction removed)'))
  );
}
