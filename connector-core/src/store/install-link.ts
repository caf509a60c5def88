// Install links: how an operator binds a CRM install to a tenant. Knowing a tenant id is worth nothing; an
// install starts only from a link the operator made (`leadwire install-link hubspot --tenant acme`): signed with
// a key derived from LEADWIRE_SECRET_KEY for this purpose alone, naming the CRM, the tenant, an expiry, a random
// nonce and whether it may re-link the tenant to another portal or org. The OAuth `state` carries the link, and
// the callback spends the nonce in the store (set-if-absent), so a link installs once. Every link that cannot
// start an install gets the same answer, so the install endpoint tells nothing about which tenants exist.
import { hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { LeadwireError } from '../model/errors.ts';
import type { SecretStore } from '../ports/secret-store.ts';
import { signedToken } from './signed-token.ts';

export type InstallCrm = 'hubspot' | 'salesforce';

/** How long a new link works when the operator names no other time. */
export const DEFAULT_INSTALL_LINK_TTL_MS = 24 * 60 * 60_000;
/** The longest a link may work: a forgotten link should not stay a way in. */
export const MAX_INSTALL_LINK_TTL_MS = 7 * 24 * 60 * 60_000;

/** What a valid link allows: one install of `crm` for `tenantId` until `expiresAt`. */
export interface InstallGrant {
  crm: InstallCrm;
  tenantId: string;
  nonce: string;
  /** ms since the epoch */
  expiresAt: number;
  /** the install may replace the portal or org the tenant is linked to now */
  relink: boolean;
}

export type InstallLinkCheck =
  | ({ ok: true } & InstallGrant)
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'other crm' };

const NONCE = /^[\w-]{22}$/;

const payloadSchema = z.strictObject({
  k: z.enum(['hubspot', 'salesforce']),
  t: z.string().min(1).max(200),
  n: z.string().regex(NONCE),
  e: z.number().int(),
  r: z.boolean(),
});

/** The install links' key, derived from LEADWIRE_SECRET_KEY (HKDF with its own label), so it serves nothing else. */
export function deriveInstallLinkKey(secretKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'leadwire install link v1', 32));
}

export function installLinks(key: Buffer) {
  const token = signedToken(key);
  return {
    issue(options: {
      crm: InstallCrm;
      tenantId: string;
      now: number;
      /** default DEFAULT_INSTALL_LINK_TTL_MS, at most MAX_INSTALL_LINK_TTL_MS */
      ttlMs?: number;
      relink?: boolean;
    }): InstallGrant & { link: string } {
      const ttlMs = options.ttlMs ?? DEFAULT_INSTALL_LINK_TTL_MS;
      if (!Number.isInteger(ttlMs) || ttlMs <= 0 || ttlMs > MAX_INSTALL_LINK_TTL_MS)
        throw new LeadwireError(
          'VALIDATION',
          `an install link works for at most ${MAX_INSTALL_LINK_TTL_MS / 86_400_000} days (and more than 0)`,
        );
      const grant: InstallGrant = {
        crm: options.crm,
        tenantId: options.tenantId,
        nonce: randomBytes(16).toString('base64url'),
        expiresAt: options.now + ttlMs,
        relink: options.relink === true,
      };
      const link = token.seal({
        k: grant.crm,
        t: grant.tenantId,
        n: grant.nonce,
        e: grant.expiresAt,
        r: grant.relink,
      });
      return { ...grant, link };
    },
    check(link: string, crm: InstallCrm, now: number): InstallLinkCheck {
      const opened = token.open(link);
      if (!opened.ok) return opened;
      const parsed = payloadSchema.safeParse(opened.payload);
      if (!parsed.success) return { ok: false, reason: 'malformed' };
      const { k, t, n, e, r } = parsed.data;
      if (k !== crm) return { ok: false, reason: 'other crm' };
      if (now > e) return { ok: false, reason: 'expired' };
      return { ok: true, crm: k, tenantId: t, nonce: n, expiresAt: e, relink: r };
    },
  };
}

/** The one message for every link that cannot start an install: invalid, expired, used or for no tenant. */
export const INVALID_INSTALL_LINK_MESSAGE =
  'This install link is not valid: it is incomplete, expired or already used. Ask your Leadwire operator for a new one.';

/** The error behind that answer; `reason` is for the log only, never for the browser. */
export function invalidInstallLink(reason: string): LeadwireError {
  return new LeadwireError('NOT_FOUND', INVALID_INSTALL_LINK_MESSAGE, {
    details: { reason, invalidInstallLink: true },
  });
}

export function isInvalidInstallLink(error: unknown): boolean {
  return error instanceof LeadwireError && error.details?.invalidInstallLink === true;
}

const usedKey = (crm: InstallCrm, nonce: string) => `${crm}:install-link-used:${nonce}`;

/**
 * The grant of a link the install endpoint may start from, or the uniform invalid-link error: the signature,
 * the CRM, the expiry, the tenant (still configured for this CRM) and the store (not used yet) all must agree.
 */
export async function openInstallLink(options: {
  link: string;
  crm: InstallCrm;
  key: Buffer;
  now: number;
  store: SecretStore;
  isTenant?: ((tenantId: string) => boolean) | undefined;
}): Promise<InstallGrant> {
  const checked = installLinks(options.key).check(options.link, options.crm, options.now);
  if (!checked.ok) throw invalidInstallLink(`link ${checked.reason}`);
  const { ok: _, ...grant } = checked;
  if (options.isTenant !== undefined && !options.isTenant(grant.tenantId))
    throw invalidInstallLink('no such tenant');
  if ((await options.store.get(usedKey(grant.crm, grant.nonce))) !== undefined)
    throw invalidInstallLink('link used');
  return grant;
}

/** Mark the link used; true only for the one caller that did (concurrent callbacks: exactly one wins). */
export function spendInstallLink(
  store: SecretStore,
  grant: Pick<InstallGrant, 'crm' | 'tenantId' | 'nonce' | 'expiresAt'>,
): Promise<boolean> {
  // kept until the link expires: after that its signature check refuses it anyway
  return store.putIfAbsent(usedKey(grant.crm, grant.nonce), grant.tenantId, { expiresAt: grant.expiresAt });
}

export type InstallBinding = { bound: true; previous?: string } | { bound: false; current: string };

/**
 * Link a tenant to the CRM account (portal, org) an install reached, under `key` (the tenant → account index).
 * A tenant linked to nothing takes it (set-if-absent, so of two racing first installs one wins); the account it
 * is linked to already is a reinstall; another account replaces it only with a re-link grant (`previous` names
 * the one replaced). Otherwise nothing changes and `current` names the account the tenant stays linked to.
 */
export async function bindInstall(
  store: SecretStore,
  key: string,
  account: string,
  relink: boolean,
): Promise<InstallBinding> {
  if (await store.putIfAbsent(key, account)) return { bound: true };
  const current = await store.get(key);
  if (current === undefined) return bindInstall(store, key, account, relink); // unlinked in between
  if (current === account) return { bound: true };
  if (!relink) return { bound: false, current };
  await store.put(key, account);
  return { bound: true, previous: current };
}
