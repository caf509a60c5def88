// Secrets at rest (CRM OAuth tokens): AES-256-GCM under LEADWIRE_SECRET_KEY (DESIGN §8). A sealed value is
// one versioned envelope `lw1.<iv>.<tag>.<ciphertext>` (base64url, random 12-byte IV, 16-byte tag) whose
// additional data names the record, so an envelope copied under another key does not decrypt. The stores
// underneath only ever see envelopes.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { LeadwireError } from '../model/errors.ts';

/** The environment variable holding the 32-byte key, base64 or hex (`openssl rand -base64 32`). */
export const SECRET_KEY_ENV = 'LEADWIRE_SECRET_KEY';

const ENVELOPE_VERSION = 'lw1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The 32-byte key from its text form: 64 hex digits, or base64 / base64url of 32 bytes. Anything else is a
 * VALIDATION error that says how to make one (and never repeats the value).
 */
export function parseSecretKey(text: string | undefined, name = SECRET_KEY_ENV): Buffer {
  const value = text?.trim() ?? '';
  const howTo = `set ${name} to 32 random bytes in base64 or hex, e.g. \`openssl rand -base64 32\``;
  if (value === '') throw new LeadwireError('VALIDATION', `${name} is not set: ${howTo}`);
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(value)) {
    const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === 32) return key;
  }
  throw new LeadwireError(
    'VALIDATION',
    `${name} must be exactly 32 bytes (44 base64 characters or 64 hex digits; got ${value.length} characters): ${howTo}`,
  );
}

export interface TokenCipher {
  /** Encrypt `plaintext`, bound to `context` (authenticated, not encrypted). */
  seal(plaintext: string, context: string): string;
  /** Decrypt an envelope sealed with the same key and context; throws VALIDATION when it was altered. */
  open(envelope: string, context: string): string;
}

export function createTokenCipher(key: Buffer): TokenCipher {
  if (key.length !== 32) throw new LeadwireError('VALIDATION', 'the token key must be 32 bytes (AES-256)');
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
      return [ENVELOPE_VERSION, ...parts].join('.');
    },
    open(envelope, context) {
      const [version, iv, tag, ciphertext, ...rest] = envelope.split('.');
      if (version !== ENVELOPE_VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
        throw new LeadwireError('VALIDATION', `not a ${ENVELOPE_VERSION} token envelope`);
      }
      if (rest.length > 0) throw new LeadwireError('VALIDATION', 'malformed token envelope');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
          authTagLength: TAG_BYTES,
        });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const plain = Buffer.concat([
          decipher.update(Buffer.from(ciphertext, 'base64url')),
          decipher.final(),
        ]);
        return plain.toString('utf8');
      } catch (error) {
        throw new LeadwireError(
          'VALIDATION',
          `a stored token does not decrypt: it was altered, or ${SECRET_KEY_ENV} changed since it was written`,
          { cause: error },
        );
      }
    },
  };
}
