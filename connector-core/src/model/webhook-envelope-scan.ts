// The acknowledgement's envelope check read straight from the bytes: one pass that validates the JSON grammar
// (as strictly as JSON.parse), keeps within WhatsApp's nesting limit and finds the top-level `object` and
// `entry`, without decoding the body or building its objects. It only ever says "certainly an envelope with
// n entries"; anything else — invalid JSON, too deep, not an envelope, or a body it does not read on its own
// (an escaped top-level key, an escaped `object` value) — is `undefined`, and the caller takes the full path
// (webhookLimitProblem, JSON.parse, readWebhookEnvelope) that words the refusal.
import { WEBHOOK_MAX_DEPTH } from './webhook-limits.ts';

const FAIL = -1;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

const OBJECT_KEY = Buffer.from('object');
const ENTRY_KEY = Buffer.from('entry');
const WHATSAPP = Buffer.from('whatsapp_business_account');
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');

/**
 * How many entries a body that is certainly a WhatsApp webhook envelope (valid JSON, nested at most
 * WEBHOOK_MAX_DEPTH levels, a top-level object whose last `object` is "whatsapp_business_account" and whose
 * last `entry` is an array) holds; `undefined` when it is not one or this pass cannot tell.
 */
export function scanWebhookEnvelope(raw: Uint8Array): number | undefined {
  let i = skipSpace(raw, 0);
  if (raw[i] !== OPEN_BRACE) return undefined;
  let isWhatsApp = false;
  let entries = -1;
  i = skipSpace(raw, i + 1);
  if (raw[i] === CLOSE_BRACE) return undefined; // `{}` has neither
  for (;;) {
    if (raw[i] !== QUOTE) return undefined;
    const keyStart = i + 1;
    i = scanString(raw, i);
    if (i === FAIL) return undefined;
    const keyEnd = i - 1;
    i = skipSpace(raw, i);
    if (raw[i] !== COLON) return undefined;
    i = skipSpace(raw, i + 1);
    const valueStart = i;
    if (bytesEqual(raw, keyStart, keyEnd, OBJECT_KEY)) {
      i = scanValue(raw, i, 1);
      if (i === FAIL) return undefined;
      // The value's bytes, quotes included, are exactly the literal: no escape can hide in them.
      isWhatsApp =
        raw[valueStart] === QUOTE &&
        i - valueStart === WHATSAPP.length + 2 &&
        bytesEqual(raw, valueStart + 1, i - 1, WHATSAPP);
      if (!isWhatsApp && raw[valueStart] === QUOTE && hasBackslash(raw, valueStart, i)) return undefined;
    } else if (bytesEqual(raw, keyStart, keyEnd, ENTRY_KEY)) {
      if (raw[i] === OPEN_BRACKET) {
        i = scanArray(raw, i, 2);
        entries = arrayLength;
      } else {
        i = scanValue(raw, i, 1);
        entries = -1;
      }
      if (i === FAIL) return undefined;
    } else {
      // Another key: one that is escaped might decode to `object` or `entry`, so leave those to JSON.parse.
      if (hasBackslash(raw, keyStart, keyEnd)) return undefined;
      i = scanValue(raw, i, 1);
      if (i === FAIL) return undefined;
    }
    i = skipSpace(raw, i);
    if (raw[i] === COMMA) {
      i = skipSpace(raw, i + 1);
      continue;
    }
    if (raw[i] !== CLOSE_BRACE) return undefined;
    i = skipSpace(raw, i + 1);
    if (i !== raw.length) return undefined;
    return isWhatsApp && entries >= 0 ? entries : undefined;
  }
}

/** The element count of the array scanArray last read to its end (no allocation per call). */
let arrayLength = 0;

function bytesEqual(raw: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start !== expected.length) return false;
  for (let k = 0; k < expected.length; k++) if (raw[start + k] !== expected[k]) return false;
  return true;
}

function hasBackslash(raw: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (raw[k] === BACKSLASH) return true;
  return false;
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipSpace(raw: Uint8Array, from: number): number {
  let i = from;
  while (i < raw.length && isSpace(raw[i])) i++;
  return i;
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= ZERO && byte <= NINE;
}

function isHex(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    ((byte >= ZERO && byte <= NINE) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66))
  );
}

/** The value at `i` (depth: how deep a container opened here would be); the index after it, or FAIL. */
function scanValue(raw: Uint8Array, i: number, depth: number): number {
  switch (raw[i]) {
    case QUOTE:
      return scanString(raw, i);
    case OPEN_BRACE:
      return scanObject(raw, i, depth + 1);
    case OPEN_BRACKET:
      return scanArray(raw, i, depth + 1);
    case 0x74: // t
      return scanLiteral(raw, i, TRUE);
    case 0x66: // f
      return scanLiteral(raw, i, FALSE);
    case 0x6e: // n
      return scanLiteral(raw, i, NULL);
    default:
      return scanNumber(raw, i);
  }
}

/** A string from its opening quote: escapes as JSON allows them, no raw control characters. */
function scanString(raw: Uint8Array, from: number): number {
  let i = from + 1;
  for (;;) {
    const byte = raw[i];
    if (byte === undefined || byte < 0x20) return FAIL;
    if (byte === QUOTE) return i + 1;
    if (byte !== BACKSLASH) {
      i++;
      continue;
    }
    const escaped = raw[i + 1];
    if (escaped === 0x75) {
      // \uXXXX
      if (!isHex(raw[i + 2]) || !isHex(raw[i + 3]) || !isHex(raw[i + 4]) || !isHex(raw[i + 5])) return FAIL;
      i += 6;
    } else if (
      escaped === QUOTE ||
      escaped === BACKSLASH ||
      escaped === 0x2f || // /
      escaped === 0x62 || // b
      escaped === 0x66 || // f
      escaped === 0x6e || // n
      escaped === 0x72 || // r
      escaped === 0x74 // t
    ) {
      i += 2;
    } else return FAIL;
  }
}

/** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
function scanNumber(raw: Uint8Array, from: number): number {
  let i = from;
  if (raw[i] === MINUS) i++;
  if (raw[i] === ZERO) i++;
  else if (isDigit(raw[i])) while (isDigit(raw[i])) i++;
  else return FAIL;
  if (raw[i] === DOT) {
    i++;
    if (!isDigit(raw[i])) return FAIL;
    while (isDigit(raw[i])) i++;
  }
  if (raw[i] === 0x65 || raw[i] === 0x45) {
    i++;
    if (raw[i] === PLUS || raw[i] === MINUS) i++;
    if (!isDigit(raw[i])) return FAIL;
    while (isDigit(raw[i])) i++;
  }
  return i;
}

function scanLiteral(raw: Uint8Array, i: number, literal: Uint8Array): number {
  return bytesEqual(raw, i, i + literal.length, literal) ? i + literal.length : FAIL;
}

function scanObject(raw: Uint8Array, from: number, depth: number): number {
  if (depth > WEBHOOK_MAX_DEPTH) return FAIL;
  let i = skipSpace(raw, from + 1);
  if (raw[i] === CLOSE_BRACE) return i + 1;
  for (;;) {
    if (raw[i] !== QUOTE) return FAIL;
    i = scanString(raw, i);
    if (i === FAIL) return FAIL;
    i = skipSpace(raw, i);
    if (raw[i] !== COLON) return FAIL;
    i = scanValue(raw, skipSpace(raw, i + 1), depth);
    if (i === FAIL) return FAIL;
    i = skipSpace(raw, i);
    if (raw[i] === CLOSE_BRACE) return i + 1;
    if (raw[i] !== COMMA) return FAIL;
    i = skipSpace(raw, i + 1);
  }
}

function scanArray(raw: Uint8Array, from: number, depth: number): number {
  if (depth > WEBHOOK_MAX_DEPTH) return FAIL;
  let i = skipSpace(raw, from + 1);
  if (raw[i] === CLOSE_BRACKET) {
    arrayLength = 0;
    return i + 1;
  }
  let length = 0;
  for (;;) {
    i = scanValue(raw, i, depth);
    if (i === FAIL) return FAIL;
    length++;
    i = skipSpace(raw, i);
    if (raw[i] === CLOSE_BRACKET) {
      arrayLength = length;
      return i + 1;
    }
    if (raw[i] !== COMMA) return FAIL;
    i = skipSpace(raw, i + 1);
  }
}
