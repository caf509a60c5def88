// Structural limits of a WhatsApp webhook body, checked on the raw bytes before anything parses them. Meta's
// deepest payload (an order's product items, an interactive flow reply inside a message inside a change)
// nests about a dozen levels; a body nested thousands of levels deep is no WhatsApp delivery, and storing it
// would overflow the stack of every recursive reader after it (JSON.stringify, zod). It is refused at the
// acknowledgement (400), so it never reaches the delivery log.

/** Objects and arrays nested deeper than this are refused; three times the deepest documented payload. */
export const WEBHOOK_MAX_DEPTH = 32;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The deepest nesting of objects and arrays in a JSON text, read from its bytes (strings and their escapes
 * skipped), stopping as soon as it passes `limit`. A single pass with no allocation: cheap on the hot path.
 */
export function jsonDepth(raw: Uint8Array, limit = WEBHOOK_MAX_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
  }
  return deepest;
}

/** Why a webhook body breaks WhatsApp's structural limits, or undefined when it keeps them. */
export function webhookLimitProblem(raw: Uint8Array): string | undefined {
  if (jsonDepth(raw) > WEBHOOK_MAX_DEPTH) {
    return `nested deeper than ${WEBHOOK_MAX_DEPTH} levels (no WhatsApp payload does)`;
  }
  return undefined;
}
