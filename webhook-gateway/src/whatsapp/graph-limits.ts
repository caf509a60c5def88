// The message limits Meta enforces on POST /{phone-number-id}/messages, in one table: GraphMessenger
// refuses a message that breaks them before any HTTP call, and the Graph emulator answers 400 on them
// the way Meta does, so both sides agree on one set of numbers.
// Sources: https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/text-messages
// https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-reply-buttons-messages
// https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-list-messages

export const graphLimits = {
  textBodyChars: 4096,
  buttonsBodyChars: 1024,
  buttonsMax: 3,
  buttonTitleChars: 20,
  buttonIdChars: 256,
  listBodyChars: 4096,
  listButtonChars: 20,
  listRowsMax: 10,
  listRowIdChars: 200,
  listRowTitleChars: 24,
  listRowDescriptionChars: 72,
} as const;

/** Characters as a person counts them (code points), not UTF-16 units: an emoji is one. */
export function charCount(text: string): number {
  return [...text].length;
}
