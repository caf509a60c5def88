// Tokens at rest: LEADWIRE_SECRET_KEY parsing with errors a person can act on, and AES-256-GCM envelopes
// that are random per write, bound to their portal and refuse any alteration.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createTokenCipher, isLeadwireError, parseSecretKey } from '@leadwire/connector-core';

const KEY = randomBytes(32);

describe('LEADWIRE_SECRET_KEY', () => {
  it('accepts 32 bytes as base64, base64url without padding, or hex', () => {
    assert.deepEqual(parseSecretKey(KEY.toString('base64')), KEY);
    assert.deepEqual(parseSecretKey(KEY.toString('base64url')), KEY);
    assert.deepEqual(parseSecretKey(KEY.toString('hex')), KEY);
    assert.deepEqual(parseSecretKey(` ${KEY.toString('hex').toUpperCase()}\n`), KEY);
  });

  const refused: [string, string | undefined, RegExp][] = [
    ['unset', undefined, /LEADWIRE_SECRET_KEY is not set.*openssl rand -base64 32/],
    ['empty', '', /is not set/],
    ['16 bytes of base64', randomBytes(16).toString('base64'), /exactly 32 bytes.*got 24 characters/],
    ['33 bytes of hex', randomBytes(33).toString('hex'), /exactly 32 bytes.*got 66 characters/],
    ['a passphrase', 'correct horse battery staple', /exactly 32 bytes/],
  ];
  for (const [name, value, message] of refused) {
    it(`refuses ${name} with a VALIDATION error that does not echo the value`, () => {
      assert.throws(
        () => parseSecretKey(value),
        (error: unknown) => {
          assert.ok(isLeadwireError(error, 'VALIDATION'));
          assert.match(error.message, message);
          if (value) assert.ok(!error.message.includes(value.trim()), 'the key is not in the message');
          return true;
        },
      );
    });
  }
});

describe('token envelopes', () => {
  const cipher = createTokenCipher(KEY);
  const secret = 'CJSP5qf1KhICAQEYs-gDIIGOBii1';

  it('round-trips, and never contains the plaintext', () => {
    const envelope = cipher.seal(secret, 'hubspot:tokens:123');
    assert.match(envelope, /^lw1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    assert.ok(!envelope.includes(secret));
    assert.equal(cipher.open(envelope, 'hubspot:tokens:123'), secret);
  });

  it('uses a fresh IV per write: the same token sealed twice differs', () => {
    const a = cipher.seal(secret, 'ctx');
    const b = cipher.seal(secret, 'ctx');
    assert.notEqual(a, b);
    assert.notEqual(a.split('.')[1], b.split('.')[1]);
  });

  const flip = (part: string) => {
    const bytes = Buffer.from(part, 'base64url');
    bytes[0]! ^= 1;
    return bytes.toString('base64url');
  };
  const tampered: [string, (parts: string[]) => string[]][] = [
    ['a flipped ciphertext bit', ([v, iv, tag, ct]) => [v!, iv!, tag!, flip(ct!)]],
    ['a flipped tag bit', ([v, iv, tag, ct]) => [v!, iv!, flip(tag!), ct!]],
    ['a flipped IV bit', ([v, iv, tag, ct]) => [v!, flip(iv!), tag!, ct!]],
    ['an unknown version', ([, iv, tag, ct]) => ['lw9', iv!, tag!, ct!]],
    ['a missing part', ([v, iv, tag]) => [v!, iv!, tag!]],
  ];
  for (const [name, change] of tampered) {
    it(`refuses ${name}`, () => {
      const envelope = change(cipher.seal(secret, 'ctx').split('.')).join('.');
      assert.throws(
        () => cipher.open(envelope, 'ctx'),
        (e: unknown) => isLeadwireError(e, 'VALIDATION'),
      );
    });
  }

  it('refuses an envelope moved to another portal, or read with another key', () => {
    const envelope = cipher.seal(secret, 'hubspot:tokens:123');
    assert.throws(
      () => cipher.open(envelope, 'hubspot:tokens:124'),
      /altered, or LEADWIRE_SECRET_KEY changed/,
    );
    assert.throws(() => createTokenCipher(randomBytes(32)).open(envelope, 'hubspot:tokens:123'), /altered/);
  });
});
