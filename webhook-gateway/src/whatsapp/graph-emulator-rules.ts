// The Graph emulator's own statement of what Meta's Cloud API enforces, written from Meta's pages and kept
// apart from the product's constants (graph-limits.ts): when the product gets a number wrong, the emulator
// still refuses what Meta would refuse, and a test fails. Do not import the product's limits here.
// https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/text-messages
// https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-reply-buttons-messages
// https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-list-messages
// https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/send-messages (24-hour window)
// https://developers.facebook.com/documentation/business-messaging/whatsapp/about-the-platform#rate-limits

export const metaRules = {
  text: { bodyMax: 4096 },
  replyButtons: {
    bodyMax: 1024,
    buttonsMax: 3,
    titleMax: 20,
    idMax: 256,
    headerTextMax: 60,
    footerMax: 60,
  },
  list: {
    bodyMax: 4096,
    buttonMax: 20,
    sectionsMax: 10,
    rowsMax: 10,
    sectionTitleMax: 24,
    rowIdMax: 200,
    rowTitleMax: 24,
    rowDescriptionMax: 72,
    headerTextMax: 60,
    footerMax: 60,
  },
  /** `biz_opaque_callback_data` (raised from 256 to 512) */
  callbackDataMax: 512,
  /** a customer's message opens (or renews) a 24-hour window for free-form messages */
  customerServiceWindowMs: 24 * 60 * 60 * 1000,
  /**
   * a customer who wrote from a click-to-WhatsApp ad (a `referral`), answered within their 24-hour window,
   * opens a free-entry-point window: any message, free, for 72 hours from that answer
   * https://developers.facebook.com/documentation/business-messaging/whatsapp/pricing#free-entry-point-conversations
   */
  freeEntryPointWindowMs: 72 * 60 * 60 * 1000,
  /** pair rate: one message every 6 s to the same user, with bursts of up to 45 borrowing future quota */
  pairIntervalMs: 6_000,
  pairBurst: 45,
  /** media ids from webhooks expire after 7 days; a media URL after 5 minutes */
  mediaIdTtlMs: 7 * 24 * 60 * 60 * 1000,
  mediaUrlTtlMs: 5 * 60 * 1000,
  /** Graph API versions from v16.0 on no longer return `error_subcode` */
  lastVersionWithSubcode: 15,
} as const;

/** Characters as WhatsApp counts them: code points (an emoji is one). */
export function metaLength(text: string): number {
  return Array.from(text).length;
}
