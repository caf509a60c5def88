// Install links and the record of installs: a link names one CRM, one tenant, an expiry and whether it may
// re-link; nothing about it can be edited; every link that cannot start an install is refused with one and the
// same answer; a link is spent once; and a tenant's link to a portal or org moves only with a re-link grant —
// against both secret stores (SQLite, and Redis on REDIS_URL).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LeadwireError } from '../src/model/errors.ts';
import type { SecretStore } from '../src/ports/secret-store.ts';
import {
  bindInstall,
  DEFAULT_INSTALL_LINK_TTL_MS,
  deriveInstallLinkKey,
  INVALID_INSTALL_LINK_MESSAGE,
  installLinks,
  isInvalidInstallLink,
  openInstallLink,
  spendInstallLink,
} from '../src/store/install-link.ts';
import { deriveOAuthStateKey, signedOAuthState } from '../src/store/oauth-state.ts';
import { RedisSecretStore } from '../src/store/redis-secret-store.ts';
import { SqliteSecretStore } from '../src/store/sqlite-secret-store.ts';
import { deleteTestKeys, redisSkipReason, testPrefix, testRedisUrl } from '../src/testing/redis.ts';

const dir = mkdtempSync(join(tmpdir(), 'lw-install-link-'));
const redisSkip = await redisSkipReason();
const prefixes: string[] = [];
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const prefix of prefixes) await deleteTestKeys(prefix);
});

const secretKey = randomBytes(32);
const key = deriveInstallLinkKey(secretKey);
const links = installLinks(key);
const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;

const edit = (link: string, change: Record<string, unknown>) => {
  const [payload, mac] = link.split('.');
  const body = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  return `${Buffer.from(JSON.stringify({ ...body, ...change })).toString('base64url')}.${mac}`;
};

describe('install link', () => {
  it('names the CRM, the tenant, whether it may re-link, and works for 24 hours by default', () => {
    const issued = links.issue({ crm: 'hubspot', tenantId: 'acme', now: NOW });
    assert.equal(issued.expiresAt, NOW + DEFAULT_INSTALL_LINK_TTL_MS);
    assert.deepEqual(links.check(issued.link, 'hubspot', NOW + 24 * HOUR), {
      ok: true,
      crm: 'hubspot',
      tenantId: 'acme',
      nonce: issued.nonce,
      expiresAt: issued.expiresAt,
      relink: false,
    });
    assert.deepEqual(links.check(issued.link, 'hubspot', NOW + 24 * HOUR + 1), {
      ok: false,
      reason: 'expired',
    });
    const relink = links.issue({ crm: 'salesforce', tenantId: 'acme', now: NOW, relink: true, ttlMs: HOUR });
    const check = links.check(relink.link, 'salesforce', NOW);
    assert.ok(check.ok && check.relink);
    assert.notEqual(relink.nonce, issued.nonce);
  });

  it('works only for the CRM it names', () => {
    const { link } = links.issue({ crm: 'hubspot', tenantId: 'acme', now: NOW });
    assert.deepEqual(links.check(link, 'salesforce', NOW), { ok: false, reason: 'other crm' });
  });

  it('cannot be moved to another tenant, widened to a re-link, extended or re-aimed: the signature covers it all', () => {
    const issued = links.issue({ crm: 'hubspot', tenantId: 'acme', now: NOW });
    for (const change of [
      { t: 'globex' },
      { r: true },
      { e: issued.expiresAt + 30 * 24 * HOUR },
      { k: 'salesforce' },
      { n: 'A'.repeat(22) },
    ]) {
      assert.deepEqual(links.check(edit(issued.link, change), 'hubspot', NOW), {
        ok: false,
        reason: 'forged',
      });
    }
  });

  it('refuses a link signed by another deployment, or with a key derived for another purpose', () => {
    const foreign = installLinks(deriveInstallLinkKey(randomBytes(32))).issue({
      crm: 'hubspot',
      tenantId: 'acme',
      now: NOW,
    });
    assert.deepEqual(links.check(foreign.link, 'hubspot', NOW), { ok: false, reason: 'forged' });
    // an OAuth state is signed too, but with the state key: it is no install link
    const grant = links.issue({ crm: 'hubspot', tenantId: 'acme', now: NOW });
    const state = signedOAuthState(deriveOAuthStateKey(secretKey, 'hubspot')).issue(grant, NOW).state;
    assert.equal(links.check(state, 'hubspot', NOW).ok, false);
    for (const junk of ['', 'x', 'a.b', 'a.b.c', `${'x'.repeat(2000)}.y`])
      assert.equal(links.check(junk, 'hubspot', NOW).ok, false);
  });

  it('works for at most 7 days', () => {
    assert.throws(
      () => links.issue({ crm: 'hubspot', tenantId: 'acme', now: NOW, ttlMs: 8 * 24 * HOUR }),
      (e: unknown) => e instanceof LeadwireError && e.code === 'VALIDATION',
    );
    assert.throws(() => links.issue({ crm: 'hubspot', tenantId: 'acme', now: NOW, ttlMs: 0 }));
  });

  it('binds the OAuth state to it: the state names its nonce, expiry and re-link flag and never outlives it', () => {
    const grant = links.issue({
      crm: 'hubspot',
      tenantId: 'acme',
      now: NOW,
      ttlMs: 5 * 60_000,
      relink: true,
    });
    const state = signedOAuthState(deriveOAuthStateKey(secretKey, 'hubspot'));
    const issued = state.issue(grant, NOW);
    assert.equal(issued.expiresAt, grant.expiresAt, 'a 10-minute state from a link with 5 minutes left');
    const check = state.check(issued.state, NOW);
    assert.ok(check.ok);
    assert.deepEqual(check.link, { nonce: grant.nonce, expiresAt: grant.expiresAt, relink: true });
    assert.deepEqual(state.check(edit(issued.state, { r: false }), NOW), { ok: false, reason: 'forged' });
  });
});

interface Adapter {
  name: string;
  skip?: string;
  open(): SecretStore;
}
let n = 0;
const adapters: Adapter[] = [
  {
    name: 'SQLite',
    open: () => new SqliteSecretStore({ path: join(dir, `secrets-${++n}.db`), synchronous: 'NORMAL' }),
  },
  {
    name: 'Redis',
    ...(redisSkip === undefined ? {} : { skip: redisSkip }),
    open() {
      const prefix = testPrefix('install-link');
      prefixes.push(prefix);
      return new RedisSecretStore({ url: testRedisUrl, prefix });
    },
  },
];

for (const adapter of adapters) {
  describe(`installs recorded in the ${adapter.name} secret store`, { skip: adapter.skip }, () => {
    const isTenant = (id: string) => id === 'acme';
    const refusal = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => assert.fail('the link was accepted'),
        (e: unknown) => e,
      );
      assert.ok(isInvalidInstallLink(error), String(error));
      assert.equal((error as LeadwireError).code, 'NOT_FOUND');
      return { code: (error as LeadwireError).code, message: (error as LeadwireError).message };
    };

    it('opens a valid link until it is spent; of concurrent spends exactly one wins', async () => {
      const store = adapter.open();
      try {
        const now = Date.now();
        const issued = links.issue({ crm: 'hubspot', tenantId: 'acme', now });
        const grant = await openInstallLink({ link: issued.link, crm: 'hubspot', key, now, store, isTenant });
        assert.equal(grant.tenantId, 'acme');
        const spent = await Promise.all(Array.from({ length: 8 }, () => spendInstallLink(store, grant)));
        assert.equal(spent.filter(Boolean).length, 1);
        await refusal(openInstallLink({ link: issued.link, crm: 'hubspot', key, now, store, isTenant }));
        // a link for the other CRM with its own nonce is untouched
        const other = links.issue({ crm: 'salesforce', tenantId: 'acme', now });
        assert.equal(await spendInstallLink(store, other), true);
      } finally {
        await store.close();
      }
    });

    it('answers an unknown tenant, a forged, an expired and a used link with one and the same error', async () => {
      const store = adapter.open();
      try {
        const now = Date.now();
        const open = (link: string) => openInstallLink({ link, crm: 'hubspot', key, now, store, isTenant });
        const used = links.issue({ crm: 'hubspot', tenantId: 'acme', now });
        await spendInstallLink(store, used);
        const answers = await Promise.all(
          [
            links.issue({ crm: 'hubspot', tenantId: 'initech', now }).link,
            edit(links.issue({ crm: 'hubspot', tenantId: 'acme', now }).link, { t: 'globex' }),
            links.issue({ crm: 'hubspot', tenantId: 'acme', now: now - 2 * HOUR, ttlMs: HOUR }).link,
            links.issue({ crm: 'salesforce', tenantId: 'acme', now }).link,
            used.link,
            'acme',
          ].map((link) => refusal(open(link))),
        );
        for (const answer of answers)
          assert.deepEqual(answer, { code: 'NOT_FOUND', message: INVALID_INSTALL_LINK_MESSAGE });
      } finally {
        await store.close();
      }
    });

    it('links a tenant to the first account; the same account again is a reinstall; another one only with a re-link', async () => {
      const store = adapter.open();
      try {
        const index = 'hubspot:tenant-portal:acme';
        assert.deepEqual(await bindInstall(store, index, '111', false), { bound: true });
        assert.deepEqual(await bindInstall(store, index, '111', false), { bound: true });
        assert.deepEqual(await bindInstall(store, index, '222', false), { bound: false, current: '111' });
        assert.equal(await store.get(index), '111', 'a second portal changed nothing');
        assert.deepEqual(await bindInstall(store, index, '222', true), { bound: true, previous: '111' });
        assert.equal(await store.get(index), '222');
      } finally {
        await store.close();
      }
    });

    it('of racing first installs on different accounts exactly one links the tenant', async () => {
      const store = adapter.open();
      try {
        const index = 'salesforce:tenant-org:acme';
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) => bindInstall(store, index, `org-${i}`, false)),
        );
        const winners = results.flatMap((result, i) => (result.bound ? [`org-${i}`] : []));
        assert.equal(winners.length, 1);
        assert.equal(await store.get(index), winners[0]);
        for (const result of results) if (!result.bound) assert.equal(result.current, winners[0]);
      } finally {
        await store.close();
      }
    });
  });
}
