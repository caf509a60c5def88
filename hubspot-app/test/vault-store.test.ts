// The SecretStore under the vault and the OAuth state nonces, one contract for both adapters (SQLite in a
// temp file, Redis on REDIS_URL under a random prefix), and the encrypted vault over each: the raw store
// never holds a token in clear.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { SecretStore } from '@leadwire/connector-core';
import { isLeadwireError, RedisSecretStore, SqliteSecretStore } from '@leadwire/connector-core';
import { redisSkipReason, testPrefix, testRedisUrl } from '@leadwire/connector-core/testing';
import { Redis } from 'ioredis';
import { encryptedTokenVault, type HubspotTokens } from '../src/token-vault.ts';

const dir = mkdtempSync(join(tmpdir(), 'lw-secrets-'));
const redisSkip = await redisSkipReason();
const prefixes: string[] = [];
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (redisSkip !== undefined) return;
  const admin = new Redis(testRedisUrl);
  for (const prefix of prefixes) {
    const keys = await admin.keys(`{${prefix}}:*`);
    if (keys.length > 0) await admin.del(...keys);
  }
  admin.disconnect();
});

interface Adapter {
  name: string;
  skip?: string;
  open(): SecretStore;
  /** every raw value the adapter holds (to prove nothing is in clear) */
  raw(store: SecretStore): Promise<string[]>;
}

let n = 0;
const adapters: Adapter[] = [
  {
    name: 'SQLite',
    open: () => new SqliteSecretStore({ path: join(dir, `store-${++n}.db`), synchronous: 'NORMAL' }),
    async raw() {
      const { DatabaseSync } = await import('node:sqlite');
      const db = new DatabaseSync(join(dir, `store-${n}.db`));
      const rows = db.prepare('SELECT key, value FROM secrets').all();
      db.close();
      return rows.map((row) => `${row.key}=${row.value}`);
    },
  },
  {
    name: 'Redis',
    ...(redisSkip === undefined ? {} : { skip: redisSkip }),
    open() {
      const prefix = testPrefix('secrets');
      prefixes.push(prefix);
      return new RedisSecretStore({ url: testRedisUrl, prefix });
    },
    async raw() {
      const admin = new Redis(testRedisUrl);
      const prefix = prefixes.at(-1)!;
      const keys = await admin.keys(`{${prefix}}:*`);
      const values = await Promise.all(keys.map(async (key) => `${key}=${await admin.get(key)}`));
      admin.disconnect();
      return values;
    },
  },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const adapter of adapters) {
  describe(`SecretStore contract: ${adapter.name}`, { skip: adapter.skip }, () => {
    it('creates, replaces, reads and deletes a value', async () => {
      const store = adapter.open();
      try {
        assert.equal(await store.get('k'), undefined);
        await store.put('k', 'one');
        assert.equal(await store.get('k'), 'one');
        await store.put('k', 'two');
        assert.equal(await store.get('k'), 'two');
        await store.delete('k');
        assert.equal(await store.get('k'), undefined);
        await store.delete('k');
      } finally {
        await store.close();
      }
    });

    it('putIfAbsent stores once: the second writer is told the key is taken, and the value stays', async () => {
      const store = adapter.open();
      try {
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => store.putIfAbsent('nonce', `writer-${i}`)),
        );
        assert.equal(results.filter(Boolean).length, 1);
        const winner = results.indexOf(true);
        assert.equal(await store.get('nonce'), `writer-${winner}`);
      } finally {
        await store.close();
      }
    });

    it('an expired key reads as absent and can be taken again', async () => {
      const store = adapter.open();
      try {
        assert.equal(await store.putIfAbsent('short', 'a', { expiresAt: Date.now() + 60 }), true);
        assert.equal(await store.putIfAbsent('short', 'b', { expiresAt: Date.now() + 60 }), false);
        await store.put('other', 'x', { expiresAt: Date.now() + 60 });
        assert.equal(await store.get('other'), 'x');
        await sleep(120);
        assert.equal(await store.get('short'), undefined);
        assert.equal(await store.get('other'), undefined);
        assert.equal(await store.putIfAbsent('short', 'c', { expiresAt: Date.now() + 60_000 }), true);
        assert.equal(await store.get('short'), 'c');
      } finally {
        await store.close();
      }
    });

    it('keeps values across a reopen (durable)', async () => {
      const store = adapter.open();
      await store.put('durable', 'yes');
      await store.close();
      if (adapter.name === 'SQLite') {
        const again = new SqliteSecretStore({ path: join(dir, `store-${n}.db`) });
        assert.equal(await again.get('durable'), 'yes');
        await again.close();
      } else {
        const again = new RedisSecretStore({ url: testRedisUrl, prefix: prefixes.at(-1)! });
        assert.equal(await again.get('durable'), 'yes');
        await again.close();
      }
    });
  });

  describe(`encrypted token vault over ${adapter.name}`, { skip: adapter.skip }, () => {
    const tokens: HubspotTokens = {
      portalId: '4242',
      tenantId: 'acme',
      accessToken: `CNb${randomBytes(24).toString('base64url')}`,
      refreshToken: `eu1-${randomBytes(16).toString('hex')}`,
      expiresAt: 1_700_001_800_000,
      scopes: ['oauth', 'crm.objects.contacts.write'],
      installedAt: 1_700_000_000_000,
      status: 'active',
    };

    it('stores tokens as an envelope only, and reads them back', async () => {
      const store = adapter.open();
      try {
        const vault = encryptedTokenVault({ store, key: randomBytes(32) });
        await vault.put('4242', tokens);
        assert.deepEqual(await vault.get('4242'), tokens);
        const raw = (await adapter.raw(store)).join('\n');
        assert.match(raw, /hubspot:tokens:4242=lw1\./);
        for (const secret of [tokens.accessToken, tokens.refreshToken, 'crm.objects', 'acme']) {
          assert.ok(!raw.includes(secret), `the raw store does not hold ${secret}`);
        }
        await vault.put('4242', { ...tokens, status: 'revoked', revokedAt: 1_700_000_100_000 });
        assert.equal((await vault.get('4242'))?.status, 'revoked');
        await vault.delete('4242');
        assert.equal(await vault.get('4242'), undefined);
      } finally {
        await store.close();
      }
    });

    it('refuses to read with another key, and to store a portal’s tokens under another portal', async () => {
      const store = adapter.open();
      try {
        await encryptedTokenVault({ store, key: randomBytes(32) }).put('4242', tokens);
        const other = encryptedTokenVault({ store, key: randomBytes(32) });
        await assert.rejects(other.get('4242'), (e: unknown) => isLeadwireError(e, 'VALIDATION'));
        await assert.rejects(other.put('1', tokens), /cannot be stored as 1/);
      } finally {
        await store.close();
      }
    });
  });
}
