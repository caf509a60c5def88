// The JWT bearer flow: the assertion is `{"alg":"RS256"}`, iss = consumer key, sub = username, aud = the login
// URL, exp at most 3 minutes out, signed so the connected app's certificate verifies it; the emulator's token
// endpoint accepts it, and a refused user surfaces as AUTH_REVOKED with what to check.
import assert from 'node:assert/strict';
import { generateKeyPairSync, verify } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { isLeadwireError } from '@leadwire/connector-core';
import { type SalesforceEmulator, startSalesforceEmulator } from '../emulator/salesforce-emulator.ts';
import {
  jwtAudience,
  jwtConnection,
  MAX_ASSERTION_TTL_MS,
  requestJwtToken,
  signJwtAssertion,
} from '../src/oauth/index.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const NOW = 1_700_000_000_123;

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

describe('JWT bearer assertion', () => {
  it('carries iss, sub, aud and an exp within 3 minutes, and verifies with the public key', () => {
    const jwt = signJwtAssertion({
      consumerKey: '3MVG9-key',
      username: 'integration@acme.example',
      audience: 'https://login.salesforce.com',
      privateKey: pem,
      now: NOW,
    });
    const [header, claims, signature, ...rest] = jwt.split('.');
    assert.deepEqual(rest, []);
    assert.deepEqual(decode(header!), { alg: 'RS256' });
    assert.deepEqual(decode(claims!), {
      iss: '3MVG9-key',
      sub: 'integration@acme.example',
      aud: 'https://login.salesforce.com',
      exp: Math.floor((NOW + MAX_ASSERTION_TTL_MS) / 1000),
    });
    assert.ok(decode(claims!).exp * 1000 <= NOW + 3 * 60_000);
    const signed = Buffer.from(`${header}.${claims}`);
    assert.ok(verify('sha256', signed, publicKey, Buffer.from(signature!, 'base64url')));
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    assert.ok(!verify('sha256', signed, other, Buffer.from(signature!, 'base64url')));
  });

  it('refuses a lifetime over 3 minutes and a key that is not RSA', () => {
    const input = { consumerKey: 'k', username: 'u', audience: 'https://login.salesforce.com', now: NOW };
    assert.throws(
      () => signJwtAssertion({ ...input, privateKey: pem, ttlMs: MAX_ASSERTION_TTL_MS + 1 }),
      (e: unknown) => isLeadwireError(e, 'VALIDATION'),
    );
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    assert.throws(
      () => signJwtAssertion({ ...input, privateKey: ec }),
      (e: unknown) => isLeadwireError(e, 'VALIDATION'),
    );
    assert.throws(
      () => signJwtAssertion({ ...input, privateKey: 'not a pem' }),
      (e: unknown) => isLeadwireError(e, 'VALIDATION'),
    );
  });
});

describe('JWT bearer connection', () => {
  let emu: SalesforceEmulator;
  before(async () => {
    emu = await startSalesforceEmulator({ username: 'integration@acme.example', jwtPublicKey: publicKey });
  });
  after(() => emu.close());

  const config = () => ({
    consumerKey: emu.clientId,
    username: 'integration@acme.example',
    privateKey: pem,
    loginUrl: emu.url,
    apiVersion: '62.0',
  });

  it('is accepted by the token endpoint and works, signing a new assertion when the session expires', async () => {
    emu.resetCalls();
    const conn = await jwtConnection(config());
    assert.equal(conn.instanceUrl, emu.url);
    assert.equal(conn.accessToken, emu.accessToken);
    assert.equal(conn.refreshToken ?? undefined, undefined, 'the JWT flow has no refresh token');
    assert.equal(conn.userInfo?.id, emu.userId);
    assert.equal(conn.userInfo?.organizationId, emu.orgId);
    const soql = `SELECT Id FROM User WHERE Id = '${emu.userId}'`;
    assert.equal((await conn.query(soql)).totalSize, 1);
    emu.expireSession();
    assert.equal((await conn.query(soql)).totalSize, 1);
    assert.equal(emu.calls.oauth, 2, 'the first token and one re-sign after the expiry');
    assert.equal(conn.accessToken, emu.accessToken);
  });

  it('a user the connected app does not accept → AUTH_REVOKED saying what to check', async () => {
    await assert.rejects(jwtConnection({ ...config(), username: 'someone@acme.example' }), (e: unknown) => {
      assert.ok(isLeadwireError(e, 'AUTH_REVOKED'));
      assert.match(e.message, /someone@acme\.example.*pre-authorized/);
      return true;
    });
  });

  it('a wrong consumer key → AUTH_REVOKED naming the connected app settings', async () => {
    await assert.rejects(jwtConnection({ ...config(), consumerKey: 'wrong' }), (e: unknown) => {
      assert.ok(isLeadwireError(e, 'AUTH_REVOKED'));
      assert.match(e.message, /invalid_client_id.*consumerKey/);
      return true;
    });
  });

  it('the token endpoint checks the signature, the audience and the expiry', async () => {
    const refused = async (change: Record<string, unknown>, pattern: RegExp) =>
      assert.rejects(requestJwtToken({ ...config(), ...change }), (e: unknown) => {
        assert.ok(isLeadwireError(e, 'AUTH_REVOKED'));
        assert.match(e.message, pattern);
        return true;
      });
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    await refused({ privateKey: stranger }, /invalid assertion signature/);
    await refused({ audience: 'https://acme.my.salesforce.com' }, /audience is invalid/);
    // an assertion signed 10 minutes ago has expired
    await refused({ clock: { now: () => Date.now() - 10 * 60_000 } }, /expired/);
  });
});

describe('JWT audience', () => {
  it('is the login, test or site URL, never a My Domain', () => {
    assert.equal(jwtAudience('https://login.salesforce.com/'), 'https://login.salesforce.com');
    assert.equal(jwtAudience('https://test.salesforce.com'), 'https://test.salesforce.com');
    assert.equal(jwtAudience('https://acme.my.salesforce.com'), 'https://login.salesforce.com');
    assert.equal(jwtAudience('https://acme--uat.sandbox.my.salesforce.com'), 'https://test.salesforce.com');
    assert.equal(jwtAudience('https://acme.my.site.com/partners/'), 'https://acme.my.site.com/partners');
  });
});
