// pino logger. By default phone numbers, names and message bodies are redacted wherever they appear in a
// log object, so logs can be shipped to a third party without leaking customers' data.
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
      redact: {
        paths: pathsFor(options.redact === false ? secretKeys : sensitiveKeys),
        censor: '[redacted]',
      },
    },
    destination,
  );
}
