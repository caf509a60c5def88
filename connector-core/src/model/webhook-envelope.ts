// Meta's WhatsApp webhook POST body, as zod schemas. Strict only on what makes a body a WhatsApp envelope
// (`object` and an `entry` array); everything below is read one level at a time and leniently, so one odd
// entry, change or item never costs the others in the same delivery (Meta batches up to 1,000 updates).
// Per-level schemas are parsed separately by `normalize.ts`; bad optional fields become `undefined`.
import { z } from 'zod';

/** A field that may be missing or malformed: either way it reads as `undefined`, never as a failure. */
function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

/** An array whose items are parsed one by one; items that do not parse are left out (the raw keeps them). */
function lenientArray<T extends z.ZodType>(item: T) {
  return z
    .array(z.unknown())
    .catch([])
    .transform((items) =>
      items.flatMap((value) => {
        const parsed = item.safeParse(value);
        return parsed.success ? [parsed.data as z.output<T>] : [];
      }),
    );
}

/** An id Meta sends as a string (a number is accepted and turned into one); empty means absent. */
export const webhookId = z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1));

const optionalId = lenient(webhookId);
const optionalText = lenient(z.string());
const optionalFlag = lenient(z.boolean());
/** Unix seconds, a string in Meta's payloads; converted to ISO by the normalizer. */
const unixSeconds = lenient(z.union([z.string(), z.number()]));
/** Meta documents floats; some relays and libraries send strings. */
function coordinate(limit: number) {
  return z
    .union([z.number(), z.string().trim().min(1).transform(Number)])
    .pipe(z.number().min(-limit).max(limit));
}
const wholeNumber = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^-?\d+$/)
      .transform(Number),
  ])
  .pipe(z.number().int());
const amount = z.union([z.number(), z.string().trim().min(1).transform(Number)]).pipe(z.number());

export const webhookEnvelope = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.unknown()),
});

/** `entry[]`: `id` is the WhatsApp Business Account id. */
export const webhookEntry = z.object({
  id: optionalId,
  changes: z.array(z.unknown()),
});

/** `changes[]`: `field` says what `value` holds; only `messages` and `smb_message_echoes` carry events. */
export const webhookChange = z.object({
  field: z.string(),
  value: z.unknown(),
});

export const eventFields = ['messages', 'smb_message_echoes'] as const;
/** The arrays of a change value that hold updates, each turned into events. */
export const eventArrayKeys = ['messages', 'statuses', 'errors', 'message_echoes'] as const;
export type EventArrayKey = (typeof eventArrayKeys)[number];

export const webhookMetadata = z.object({
  /** route on this, never on the display number */
  phone_number_id: webhookId,
  display_phone_number: optionalId,
});

/** `value.contacts[]`: who sent (or received) the update. Not the shared contact cards of a `contacts` message. */
export const webhookContact = z.object({
  wa_id: optionalId,
  user_id: optionalId,
  parent_user_id: optionalId,
  profile: lenient(z.object({ name: optionalText, username: optionalText })),
});
export type WebhookContact = z.output<typeof webhookContact>;

/** The part of `changes[].value` shared by all its updates; the update arrays are read item by item. */
export const webhookValue = z.object({
  metadata: webhookMetadata,
  contacts: lenientArray(webhookContact),
});

/** `errors[]` in `value`, `messages[]` and `statuses[]`. */
export const webhookError = z.object({
  code: wholeNumber,
  title: optionalText,
  message: optionalText,
  error_data: lenient(z.object({ details: optionalText })),
  href: optionalText,
});
export type WebhookError = z.output<typeof webhookError>;

const webhookErrors = lenientArray(webhookError);

export const webhookMessageContext = z.object({
  from: optionalId,
  id: optionalId,
  forwarded: optionalFlag,
  frequently_forwarded: optionalFlag,
  referred_product: lenient(z.object({ catalog_id: optionalId, product_retailer_id: optionalId })),
});

const messageReferral = z.object({
  source_url: optionalText,
  source_id: optionalId,
  source_type: optionalText,
  headline: optionalText,
  body: optionalText,
  ctwa_clid: optionalText,
});

/** Fields every message (and echo) has next to its type-specific body `<type>: {...}`. */
const messageCommon = {
  id: webhookId,
  timestamp: unixSeconds,
  type: optionalText,
  context: lenient(webhookMessageContext),
  referral: lenient(messageReferral),
  errors: webhookErrors,
  group_id: optionalId,
};

/** `messages[]`: from a customer. `from`/`wa_id` may be absent for username users (2026): then only BSUIDs. */
export const webhookMessage = z.object({
  ...messageCommon,
  from: optionalId,
  from_user_id: optionalId,
  from_parent_user_id: optionalId,
});
export type WebhookMessage = z.output<typeof webhookMessage>;

/** `message_echoes[]` (field `smb_message_echoes`): sent by a person from the WhatsApp Business app. */
export const webhookEcho = z.object({
  ...messageCommon,
  /** the business number */
  from: optionalId,
  /** the customer */
  to: optionalId,
  to_user_id: optionalId,
  to_parent_user_id: optionalId,
});
export type WebhookEcho = z.output<typeof webhookEcho>;

/** `statuses[]`: progress of a message we sent. */
export const webhookStatus = z.object({
  id: webhookId,
  status: z.string(),
  timestamp: unixSeconds,
  recipient_id: optionalId,
  recipient_user_id: optionalId,
  recipient_parent_user_id: optionalId,
  /** "group" when `recipient_id` is a group id; the person is then `recipient_participant_*` */
  recipient_type: optionalText,
  recipient_participant_id: optionalId,
  recipient_participant_user_id: optionalId,
  recipient_participant_parent_user_id: optionalId,
  biz_opaque_callback_data: optionalText,
  pricing: lenient(
    z.object({
      category: optionalText,
      pricing_model: optionalText,
      type: optionalText,
      billable: optionalFlag,
    }),
  ),
  /** before v24.0 (and in free-entry-point windows): the billed conversation and when it expires */
  conversation: lenient(
    z.object({
      id: optionalId,
      expiration_timestamp: unixSeconds,
      origin: lenient(z.object({ type: optionalText })),
    }),
  ),
  errors: webhookErrors,
});
export type WebhookStatus = z.output<typeof webhookStatus>;

/** The type-specific bodies of a message, keyed by `type`. A body that does not parse makes the message `unsupported`. */
export const webhookMessageBodies = {
  text: z.object({ body: z.string() }),
  media: z.object({
    id: webhookId,
    mime_type: optionalText,
    sha256: optionalText,
    url: optionalText,
    voice: optionalFlag,
    caption: optionalText,
    filename: optionalText,
    animated: optionalFlag,
  }),
  location: z.object({
    latitude: coordinate(90),
    longitude: coordinate(180),
    name: optionalText,
    address: optionalText,
    url: optionalText,
  }),
  /** `emoji` absent (Meta) or "" (seen by pywa) means the reaction was removed */
  reaction: z.object({ message_id: webhookId, emoji: optionalText }),
  contacts: z.array(
    z.object({
      name: lenient(
        z.object({ formatted_name: optionalText, first_name: optionalText, last_name: optionalText }),
      ),
      phones: lenientArray(z.object({ phone: optionalText, wa_id: optionalId, type: optionalText })),
      emails: lenientArray(z.object({ email: optionalText })),
    }),
  ),
  /** `interactive[type]` holds the reply: button_reply, list_reply, nfm_reply, call_permission_reply, … */
  interactive: z.looseObject({ type: z.string().min(1) }),
  interactiveChoice: z.object({ id: optionalId, title: optionalText, description: optionalText }),
  flowReply: z.object({ name: optionalText, body: optionalText, response_json: lenient(z.unknown()) }),
  button: z.object({ payload: optionalText, text: optionalText }),
  order: z.object({
    catalog_id: optionalId,
    text: optionalText,
    product_items: lenientArray(
      z.object({
        product_retailer_id: webhookId,
        quantity: amount,
        item_price: lenient(amount),
        currency: optionalText,
      }),
    ),
  }),
  /** `wa_id`, `user_id`, `parent_user_id` are the user's NEW ids */
  system: z.object({
    type: z.string().min(1),
    body: optionalText,
    wa_id: optionalId,
    user_id: optionalId,
    parent_user_id: optionalId,
  }),
  edit: z.object({ original_message_id: webhookId, message: lenient(z.unknown()) }),
  revoke: z.object({ original_message_id: webhookId }),
  unsupported: z.object({ type: z.string().min(1) }),
} as const;
