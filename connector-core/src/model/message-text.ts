// The words of a message as people read them in a transcript (the agent's context, the CRM, the cards): its
// text, a caption, a tapped button's title, a pin's name and address (or its coordinates), a reaction.
// A voice note's words are its transcript, kept beside the message (`conversation.voiceNotes`).
import type { ConversationEvent } from './inbound-event.ts';

export function messageText(event: ConversationEvent): string | undefined {
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
