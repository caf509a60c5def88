// InboundEvent: what Leadwire keeps of one WhatsApp update (a message, an echo of a message a person sent
// from the WhatsApp Business app, a status of a message we sent, or an error). The zod schema is the source
// of truth; every event keeps the raw JSON object it came from for audit.
import { z } from 'zod';

export const messageTypes = [
  'text',
  'audio',
  'image',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'interactive',
  'button',
  'reaction',
  'order',
  'edit',
  'revoke',
  'system',
  'request_welcome',
  'unsupported',
] as const;
export type MessageType = (typeof messageTypes)[number];

export const statusValues = ['sent', 'delivered', 'read', 'played', 'failed'] as const;
export type StatusValue = (typeof statusValues)[number];

/** Who the update is about. `phone` is E.164 when a number is known; username users may have none. */
export const userIdentity = z.object({
  waId: z.string().optional(),
  userId: z.string().optional(),
  parentUserId: z.string().optional(),
  phone: z.string().optional(),
  /**
   * false when `phone` is the `wa_id` digits libphonenumber could not validate (a range it does not know
   * yet): kept so CRM matching by phone still works, marked so nobody relies on its country or format
   */
  phoneValidated: z.boolean().optional(),
  username: z.string().optional(),
  name: z.string().optional(),
});
export type UserIdentity = z.infer<typeof userIdentity>;

export const whatsappError = z.object({
  code: z.number(),
  title: z.string().optional(),
  message: z.string().optional(),
  details: z.string().optional(),
  href: z.string().optional(),
});
export type WhatsappError = z.infer<typeof whatsappError>;

export const media = z.object({
  id: z.string(),
  mimeType: z.string().optional(),
  sha256: z.string().optional(),
  url: z.string().optional(),
  /** true for a voice note recorded in WhatsApp */
  voice: z.boolean().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  animated: z.boolean().optional(),
});
export type Media = z.infer<typeof media>;

export const location = z.object({
  latitude: z.number(),
  longitude: z.number(),
  name: z.string().optional(),
  address: z.string().optional(),
  url: z.string().optional(),
});

export const reaction = z.object({
  messageId: z.string(),
  /** absent when the customer removed the reaction */
  emoji: z.string().optional(),
});

export const sharedContact = z.object({
  name: z.string().optional(),
  phones: z.array(
    z.object({ phone: z.string().optional(), waId: z.string().optional(), type: z.string().optional() }),
  ),
  emails: z.array(z.string()),
});

export const interactiveReply = z.object({
  /** button_reply | list_reply | nfm_reply | call_permission_reply | … */
  type: z.string(),
  /** nfm_reply: `flow` (a WhatsApp Flow completed) or `address_message` */
  name: z.string().optional(),
  /** nfm_reply: the text the customer saw on the reply ("Sent") */
  body: z.string().optional(),
  id: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  /** nfm_reply.response_json, parsed when it is JSON */
  response: z.unknown().optional(),
});

export const buttonReply = z.object({ payload: z.string().optional(), text: z.string().optional() });

export const order = z.object({
  catalogId: z.string().optional(),
  text: z.string().optional(),
  items: z.array(
    z.object({
      productRetailerId: z.string(),
      quantity: z.number(),
      itemPrice: z.number().optional(),
      currency: z.string().optional(),
    }),
  ),
});

/** A `system` message: the user's number or business-scoped id changed (re-keys the conversation). */
export const systemChange = z.object({
  type: z.string(),
  body: z.string().optional(),
  newWaId: z.string().optional(),
  newUserId: z.string().optional(),
  newParentUserId: z.string().optional(),
});

export const messageContext = z.object({
  from: z.string().optional(),
  id: z.string().optional(),
  forwarded: z.boolean().optional(),
  frequentlyForwarded: z.boolean().optional(),
  referredProduct: z
    .object({ catalogId: z.string().optional(), productRetailerId: z.string().optional() })
    .optional(),
});

/** Click-to-WhatsApp ad attribution. */
export const referral = z.object({
  sourceUrl: z.string().optional(),
  sourceId: z.string().optional(),
  sourceType: z.string().optional(),
  headline: z.string().optional(),
  body: z.string().optional(),
  ctwaClid: z.string().optional(),
});

const eventBase = z.object({
  phoneNumberId: z.string(),
  displayPhoneNumber: z.string().optional(),
  /** entry[].id: the WhatsApp Business Account */
  wabaId: z.string().optional(),
  /** WhatsApp's timestamp, ISO 8601 (WhatsApp sends Unix seconds) */
  timestamp: z.string(),
  /** the raw update object this event came from */
  raw: z.unknown(),
});

const messageContent = {
  id: z.string(),
  user: userIdentity,
  text: z.string().optional(),
  media: media.optional(),
  location: location.optional(),
  reaction: reaction.optional(),
  contacts: z.array(sharedContact).optional(),
  interactive: interactiveReply.optional(),
  button: buttonReply.optional(),
  order: order.optional(),
  system: systemChange.optional(),
  /** edit / revoke: the message it changes */
  originalMessageId: z.string().optional(),
  /** edit: the type of the new version; its content is in this event's text, media, location, … fields */
  editedType: z.string().optional(),
  /** unsupported: the type WhatsApp could not deliver (e.g. "edit"), or an unknown `type` we received */
  unsupportedType: z.string().optional(),
  context: messageContext.optional(),
  referral: referral.optional(),
  groupId: z.string().optional(),
  errors: z.array(whatsappError).optional(),
};

export const messageEvent = eventBase.extend({
  kind: z.literal('message'),
  type: z.enum(messageTypes),
  ...messageContent,
});

/** A message a person sent from the WhatsApp Business app (coexistence): `user` is the customer it went to. */
export const echoEvent = eventBase.extend({
  kind: z.literal('echo'),
  type: z.enum(messageTypes),
  ...messageContent,
});

export const statusEvent = eventBase.extend({
  kind: z.literal('status'),
  type: z.enum(statusValues),
  /** the wamid of the message we sent */
  id: z.string(),
  user: userIdentity,
  recipientId: z.string().optional(),
  groupId: z.string().optional(),
  bizOpaqueCallbackData: z.string().optional(),
  pricingCategory: z.string().optional(),
  /** what Meta bills and how (cost reporting): `pricing` as the status carried it */
  pricing: z
    .object({
      category: z.string().optional(),
      pricingModel: z.string().optional(),
      /** regular | free_customer_service | free_entry_point */
      type: z.string().optional(),
      billable: z.boolean().optional(),
    })
    .optional(),
  /** the billed conversation (statuses before v24.0 and in free-entry-point windows) */
  conversation: z
    .object({
      id: z.string().optional(),
      /** service, utility, marketing, authentication, referral_conversion… */
      originType: z.string().optional(),
      /** ISO time the conversation (and a free-entry-point window) ends; WhatsApp sends it with `sent` */
      expiresAt: z.string().optional(),
    })
    .optional(),
  errors: z.array(whatsappError).optional(),
});

/** A system, app or account-level error (`value.errors`): about the number, not one conversation. */
export const errorEvent = eventBase.extend({
  kind: z.literal('error'),
  type: z.literal('error'),
  errors: z.array(whatsappError),
  /** the messages of the same update this error explains (e.g. 131000 beside a message WhatsApp could not render) */
  messageIds: z.array(z.string()).optional(),
});

export const inboundEvent = z.discriminatedUnion('kind', [messageEvent, echoEvent, statusEvent, errorEvent]);

export type MessageEvent = z.infer<typeof messageEvent>;
export type EchoEvent = z.infer<typeof echoEvent>;
export type StatusEvent = z.infer<typeof statusEvent>;
export type ErrorEvent = z.infer<typeof errorEvent>;
export type InboundEvent = z.infer<typeof inboundEvent>;
export type ConversationEvent = MessageEvent | EchoEvent;

/** Status progress: a status only moves forward; `failed` is terminal. */
export const statusRank: Readonly<Record<StatusValue, number>> = {
  sent: 1,
  delivered: 2,
  read: 3,
  played: 4,
  failed: 99,
};
