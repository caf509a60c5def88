// Who a conversation is with, and the keys the store files events under. Since 2026 a user may have no
// phone number (usernames), so the stable key is the business-scoped id: parent_user_id ?? user_id ?? wa_id
// (DESIGN §4.4). The phone, when known, is kept as E.164 beside the key, never as the only key.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { InboundEvent, UserIdentity } from '../model/inbound-event.ts';

/** System message types that give the user a new id: the conversation gets an alias under the new key. */
const rekeyingSystemTypes: ReadonlySet<string> = new Set([
  'user_changed_number',
  'user_changed_user_id',
  'customer_changed_number',
]);

/** Where a message to the conversation's customer goes: their number (E.164) and, when known, their BSUID. */
export function recipientOf(conversation: { user: UserIdentity }): { phone?: string; userId?: string } {
  const { user } = conversation;
  return {
    ...(user.waId === undefined ? {} : { phone: user.phone ?? user.waId }),
    ...(user.userId === undefined ? {} : { userId: user.parentUserId ?? user.userId }),
  };
}

/** The user's part of a conversation key: the most stable id WhatsApp gave us. */
export function userKey(user: UserIdentity): string | undefined {
  return user.parentUserId ?? user.userId ?? user.waId;
}

/** `<phoneNumberId>:<userKey>` for messages and echoes; undefined for statuses, errors and id-less users. */
export function conversationKeyOf(event: InboundEvent): string | undefined {
  if (event.kind !== 'message' && event.kind !== 'echo') return undefined;
  const key = userKey(event.user);
  return key === undefined ? undefined : `${event.phoneNumberId}:${key}`;
}

/**
 * The person's other conversation keys this message reveals: WhatsApp names one person by a business-scoped
 * id (parent, then own) and by a wa_id, and sends them sometimes together, sometimes alone (during the BSUID
 * rollout an identity-change webhook may carry only the wa_id). Each key the conversation key does not
 * already use is a link, so that one person stays one conversation (the store merges them).
 */
export function linkKeysOf(event: InboundEvent): string[] {
  if (event.kind !== 'message' && event.kind !== 'echo') return [];
  const own = conversationKeyOf(event);
  const { parentUserId, userId, waId } = event.user;
  const keys = [parentUserId, userId, waId]
    .filter((id): id is string => id !== undefined && id !== '')
    .map((id) => `${event.phoneNumberId}:${id}`)
    .filter((key) => key !== own);
  return [...new Set(keys)];
}

/**
 * For a system message saying the user's number or id changed: the conversation key under the NEW id
 * (same priority as `userKey`), so later messages from the new id reach the same conversation.
 * Undefined for every other event, and when the new key is the old one.
 */
export function aliasKeyOf(event: InboundEvent): string | undefined {
  if (event.kind !== 'message' || event.type !== 'system' || event.system === undefined) return undefined;
  if (!rekeyingSystemTypes.has(event.system.type)) return undefined;
  const { newParentUserId, newUserId, newWaId } = event.system;
  const newKey = newParentUserId ?? newUserId ?? newWaId;
  if (newKey === undefined) return undefined;
  const alias = `${event.phoneNumberId}:${newKey}`;
  return alias === conversationKeyOf(event) ? undefined : alias;
}

/**
 * The idempotency key of one event of a delivery: a redelivered update maps to the same key.
 * Messages `m:<phoneNumberId>:<wamid>`, echoes `e:<phoneNumberId>:<wamid>`, statuses `s:<wamid>:<status>`,
 * errors (which carry no id) `x:<deliveryId>:<index>` — the same body always yields the same keys.
 */
export function dedupKeyOf(event: InboundEvent, deliveryId: string, index: number): string {
  switch (event.kind) {
    case 'message':
      return `m:${event.phoneNumberId}:${event.id}`;
    case 'echo':
      return `e:${event.phoneNumberId}:${event.id}`;
    case 'status':
      return `s:${event.id}:${event.type}`;
    case 'error':
      return `x:${deliveryId}:${index}`;
  }
}

const E164_CACHE_SIZE = 50_000;
const e164Cache = new Map<string, string | undefined>();

/**
 * A WhatsApp number (digits, as in `wa_id` and `from`) as E.164, or undefined when it is not a valid
 * number (a BSUID, a group id, a too-short string). Spaces, dashes, dots, brackets and a leading `+` are
 * tolerated so display-formatted numbers (shared contact cards) work too.
 */
export function toE164(digits: string): string | undefined {
  const bare = digits
    .trim()
    .replace(/^\+/, '')
    .replace(/[\s\-().]/g, '');
  if (!/^\d+$/.test(bare)) return undefined;
  // Parsing is the costliest part of normalizing a message; customers write many times, so remember.
  if (e164Cache.has(bare)) return e164Cache.get(bare);
  const phone = parsePhoneNumberFromString(`+${bare}`);
  const e164 = phone?.isValid() ? phone.number : undefined;
  if (e164Cache.size >= E164_CACHE_SIZE) e164Cache.delete(e164Cache.keys().next().value as string);
  e164Cache.set(bare, e164);
  return e164;
}
