// pino logger. By default phone numbers, names and message bodies are redacted wherever they appear in a
// log object, so logs can be shipped to a third party without leaking customers' data.
import { createHash } from 'node:crypto';
import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/** Keys that may hold personal data or secrets, at any of the first few levels of a log object. */
const sensitiveKeys = [
  'phone',
  'waId',
  'wa_id',
  'from',
  'to',
  'name',
  'username',
  'text',
  'body',
  'caption',
  'transcript',
  'address',
  'appSecret',
  'accessToken',
  'authorization',
];
const secretKeys = ['appSecret', 'accessToken', 'authorization', 'refreshToken', 'password'];
/**
 * Keys whose values embed a customer's number (a conversation id is `<phone_number_id>:<wa_id>`, a turn id
 * extends it, an admin path carries a conversation id): long digit runs in them become a stable pseudonym, so
 * log lines of one conversation still join up without the number.
 */
const pseudonymKeys = ['turnId', 'conversationId', 'conversationKey', 'jobId', 'path', 'url'];

/** Each run of 7+ digits as `#` and 8 hex digits of its hash: the same number reads the same everywhere. */
export function pseudonymize(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value.replace(
    /\+?\d{7,}/g,
    (digits) => `#${createHash('sha256').update(digits).digest('hex').slice(0, 8)}`,
  );
}

function pathsFor(keys: readonly string[]): string[] {
  return keys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);
}

export function createLogger(
  options: { level?: string; redact?: boolean } = {},
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'leadwire' },
      // Secrets are always hidden; personal data unless redaction was turned off for local debugging.
      redact:
        options.redact === false
          ? { paths: pathsFor(secretKeys), censor: '[redacted]' }
          : {
              paths: pathsFor([...sensitiveKeys, ...pseudonymKeys]),
              censor: (value, path) =>
                pseudonymKeys.includes(path.at(-1) ?? '') ? pseudonymize(value) : '[redacted]',
            },
    },
    destination,
  );
}
