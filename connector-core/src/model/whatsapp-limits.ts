// The limits Meta's Cloud API sets on a message Leadwire sends, as the product reads them: the reply
// composer and the fitter keep replies inside them, and GraphMessenger refuses a message that breaks them
// before any HTTP call. (The Graph emulator states Meta's rules separately, so a wrong number here is caught.)
// https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/text-messages
// https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-reply-buttons-messages
// https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-list-messages

export const whatsappLimits = {
  textBodyChars: 4096,
  buttonsBodyChars: 1024,
  buttonsMax: 3,
  buttonTitleChars: 20,
  buttonIdChars: 256,
  listBodyChars: 4096,
  listButtonChars: 20,
  listRowsMax: 10,
  listSectionTitleChars: 24,
  listRowIdChars: 200,
  listRowTitleChars: 24,
  listRowDescriptionChars: 72,
  headerTextChars: 60,
  footerTextChars: 60,
} as const;

/** Characters as a person counts them (code points), not UTF-16 units: an emoji is one. */
export function charCount(text: string): number {
  return [...text].length;
}
