// Salesforce web server flow with PKCE (an admin connects an org): the authorize URL, from an operator's install
// link, on the production or sandbox login host with a signed `state` bound to the link and an S256 challenge
// whose verifier stays server-side; the callback spends the link and links the tenant to the org (a second org
// never silently replaces the first: that takes a re-link link); the code exchange (jsforce OAuth2) with that
// verifier; the org and user read from the identity URL; the tokens sealed in the vault under the org; and jsforce Connections whose session refresh persists the new
// access token and any rotated refresh token before the failed request is replayed. A refused refresh token
// marks the org revoked and surfaces as AUTH_REVOKED. Research: salesforce.md §1.2, §1.3, §1.8, §1.10.

import { hkdfSync } from 'node:crypto';
import {
  bindInstall,
  type Clock,
  createTokenCipher,
  LeadwireError,
  openInstallLink,
  type SecretStore,
  spendInstallLink,
  systemClock,
} from '@leadwire/connector-core';
import { Connection, OAuth2, type Schema } from 'jsforce';
import { z } from 'zod';
import { DEFAULT_STATE_TTL_MS, salesforceOAuthState } from './oauth-state.ts';
import { codeChallengeS256, createCodeVerifier } from './pkce.ts';
import { type RefreshedSession, useLeadwireRefresh } from './refreshing-connection.ts';
import type { SalesforceTokens, SalesforceTokenVault } from './salesforce-token-vault.ts';
import { REVOKED_GRANT_ERRORS, tokenEndpointError, tokenEndpointRefusal } from './token-endpoint-error.ts';

export const SALESFORCE_LOGIN_URL = 'https://login.salesforce.com';
export const SALESFORCE_SANDBOX_LOGIN_URL = 'https://test.salesforce.com';
/** `api` for REST, `refresh_token` (= offline_access) for a refresh token. */
export const SALESFORCE_DEFAULT_SCOPES = ['api', 'refresh_token'] as const;
/** The REST API version used when the configuration names none (always set one: jsforce defaults to 50.0). */
export const DEFAULT_SALESFORCE_API_VERSION = '66.0';

export interface SalesforceOAuthConfig {
  /** the connected app's consumer key (OAuth client id) */
  consumerKey: string;
  /** the connected app's consumer secret; omit only when the app does not require it for the web server flow */
  consumerSecret?: string;
  /** the public callback URL, exactly as in the connected app (…/oauth/salesforce/callback) */
  redirectUri: string;
  /** @defaultValue `https://login.salesforce.com` (an emulator's origin in tests; a My Domain URL works too) */
  loginUrl?: string;
  /** @defaultValue `https://test.salesforce.com` */
  sandboxLoginUrl?: string;
  /** @defaultValue SALESFORCE_DEFAULT_SCOPES */
  scopes?: readonly string[];
  /** REST API version of the connections, e.g. `62.0` @defaultValue DEFAULT_SALESFORCE_API_VERSION */
  apiVersion?: string;
  vault: SalesforceTokenVault;
  /** where the PKCE verifiers, used install links and the tenant → org index are kept; the vault's store will do */
  store: SecretStore;
  /** HMAC key for `state` (derive it from LEADWIRE_SECRET_KEY with `deriveSalesforceStateKey`); also seals verifiers */
  stateKey: Buffer;
  /** the operator's install links' key (derive it from LEADWIRE_SECRET_KEY with `deriveInstallLinkKey`) */
  linkKey: Buffer;
  /** @defaultValue DEFAULT_STATE_TTL_MS (10 minutes) */
  stateTtlMs?: number;
  clock?: Clock;
  /** tenants that may connect; absent = any id */
  isTenant?: (tenantId: string) => boolean;
  /** called once when an org's refresh token is found revoked: log, count, pause the tenant */
  onRevoked?: (event: { orgId: string; tenantId: string }) => void;
  /** called after a successful connect (e.g. to run `setup salesforce`); log `relinkedFrom` loudly */
  onInstalled?: (event: SalesforceInstallResult) => void;
}

export interface SalesforceInstallResult {
  tenantId: string;
  orgId: string;
  userId: string;
  instanceUrl: string;
  sandbox: boolean;
  /** the org the tenant was linked to before this connect re-linked it (a re-link link) */
  relinkedFrom?: string;
}

export interface SalesforceInstallation {
  orgId: string;
  userId: string;
  instanceUrl: string;
  sandbox: boolean;
  status: SalesforceTokens['status'];
  installedAt: number;
}

export interface SalesforceOAuth {
  /**
   * The authorize URL for an operator's install link, with a fresh signed `state` bound to it and an S256 PKCE
   * challenge; a link that cannot start a connect (damaged, forged, expired, used, for no tenant) throws
   * `invalidInstallLink`.
   */
  installUrl(link: string, options?: { sandbox?: boolean }): Promise<string>;
  /**
   * Verify `state`, spend its install link, exchange the code with the verifier, link the tenant to the org
   * (CONFLICT when it is linked to another one and the link may not re-link), store the org's tokens encrypted.
   */
  handleCallback(input: { code: string; state: string }): Promise<SalesforceInstallResult>;
  /** A jsforce Connection to the tenant's org; its session refresh persists new tokens; AUTH_REVOKED when gone. */
  connection<S extends Schema = Schema>(tenantId: string): Promise<Connection<S>>;
  /** The tenant's Salesforce connection (for status pages and `setup salesforce`), if any. */
  installation(tenantId: string): Promise<SalesforceInstallation | undefined>;
}

/** The token endpoint answer fields Leadwire depends on (research §1.3: `id`, `access_token`, `instance_url`). */
const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  instance_url: z.url(),
  id: z.url(),
  scope: z.string().optional(),
});

/** `https://login.salesforce.com/id/<orgId>/<userId>` → the ids, or undefined when it is not an identity URL. */
export function parseIdentityUrl(url: string): { orgId: string; userId: string } | undefined {
  const match = /\/id\/([0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?)\/([0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?)\/?$/.exec(
    new URL(url).pathname,
  );
  return match === null ? undefined : { orgId: match[1]!, userId: match[2]! };
}

const tenantKey = (tenantId: string) => `salesforce:tenant-org:${tenantId}`;
const verifierKey = (nonce: string) => `salesforce:oauth-pkce:${nonce}`;

const pendingConnect = z.object({ tenantId: z.string(), verifier: z.string().min(43), sandbox: z.boolean() });

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export function salesforceOAuth(config: SalesforceOAuthConfig): SalesforceOAuth {
  const { consumerKey, consumerSecret, redirectUri, vault, store } = config;
  const clock = config.clock ?? systemClock;
  const productionLoginUrl = trimSlash(config.loginUrl ?? SALESFORCE_LOGIN_URL);
  const sandboxLoginUrl = trimSlash(config.sandboxLoginUrl ?? SALESFORCE_SANDBOX_LOGIN_URL);
  const scopes = config.scopes ?? SALESFORCE_DEFAULT_SCOPES;
  const apiVersion = config.apiVersion ?? DEFAULT_SALESFORCE_API_VERSION;
  const state = salesforceOAuthState(config.stateKey);
  // verifiers are sealed at rest like tokens, under a key of their own derived from the state key
  const verifierCipher = createTokenCipher(
    Buffer.from(hkdfSync('sha256', config.stateKey, Buffer.alloc(0), 'leadwire salesforce pkce v1', 32)),
  );
  const refreshing = new Map<string, Promise<RefreshedSession>>();

  const oauth2 = (loginUrl: string) =>
    new OAuth2({
      clientId: consumerKey,
      ...(consumerSecret === undefined ? {} : { clientSecret: consumerSecret }),
      redirectUri,
      loginUrl,
    });

  const checkTenant = (tenantId: string) => {
    if (config.isTenant !== undefined && !config.isTenant(tenantId)) {
      throw new LeadwireError('NOT_FOUND', `no tenant "${tenantId}" in the configuration`);
    }
  };

  const revoked = (orgId: string | undefined, tenantId: string | undefined) =>
    new LeadwireError(
      'AUTH_REVOKED',
      `${orgId === undefined ? 'No Salesforce org is connected' : `Salesforce org ${orgId} refused Leadwire's refresh token (revoked, expired or the user deactivated)`}` +
        `; connect the org again${tenantId === undefined ? '' : ` with an install link from the operator (leadwire install-link salesforce --tenant ${tenantId})`}`,
      {
        details: {
          ...(orgId === undefined ? {} : { orgId }),
          ...(tenantId === undefined ? {} : { tenantId }),
        },
      },
    );

  async function markRevoked(tokens: SalesforceTokens): Promise<void> {
    await vault.put(tokens.orgId, { ...tokens, status: 'revoked', revokedAt: clock.now() });
    config.onRevoked?.({ orgId: tokens.orgId, tenantId: tokens.tenantId });
  }

  async function refreshOrg(
    orgId: string,
    staleAccessToken: string | null | undefined,
  ): Promise<RefreshedSession> {
    // Read again: another connection or process may have refreshed (and, with rotation, spent the old token).
    const tokens = await vault.get(orgId);
    if (tokens === undefined) throw revoked(orgId, undefined);
    if (tokens.status === 'revoked') throw revoked(orgId, tokens.tenantId);
    if (
      staleAccessToken !== undefined &&
      staleAccessToken !== null &&
      tokens.accessToken !== staleAccessToken
    ) {
      return {
        accessToken: tokens.accessToken,
        instanceUrl: tokens.instanceUrl,
        refreshToken: tokens.refreshToken,
      };
    }
    let answer: unknown;
    try {
      answer = await oauth2(tokens.loginUrl).refreshToken(tokens.refreshToken);
    } catch (error) {
      const refusal = tokenEndpointRefusal(error);
      if (refusal !== undefined && REVOKED_GRANT_ERRORS.has(refusal.error)) {
        // Only a refusal of the token the vault still holds means the org is gone: another process may have
        // rotated it since we read it.
        const latest = await vault.get(orgId);
        if (
          latest !== undefined &&
          latest.status === 'active' &&
          latest.refreshToken !== tokens.refreshToken
        ) {
          return {
            accessToken: latest.accessToken,
            instanceUrl: latest.instanceUrl,
            refreshToken: latest.refreshToken,
          };
        }
        await markRevoked(latest ?? tokens);
        throw revoked(orgId, tokens.tenantId);
      }
      throw tokenEndpointError(error, 'refreshing the session', `Salesforce org ${orgId}`);
    }
    const parsed = tokenAnswer.partial({ id: true }).safeParse(answer);
    if (!parsed.success) {
      throw new LeadwireError('TEMPORARY', `Salesforce org ${orgId}: the refresh answer had no usable token`);
    }
    const next: SalesforceTokens = {
      ...tokens,
      accessToken: parsed.data.access_token,
      instanceUrl: trimSlash(parsed.data.instance_url),
      // rotation: a new refresh token replaces (and invalidates) the old one — keep it or lose the org
      refreshToken: parsed.data.refresh_token ?? tokens.refreshToken,
      refreshedAt: clock.now(),
    };
    await vault.put(orgId, next);
    return {
      accessToken: next.accessToken,
      instanceUrl: next.instanceUrl,
      refreshToken: next.refreshToken,
      response: answer as RefreshedSession['response'],
    };
  }

  /** One refresh per org at a time in this process; every connection to the org shares it. */
  function refreshOnce(
    orgId: string,
    staleAccessToken: string | null | undefined,
  ): Promise<RefreshedSession> {
    const inFlight = refreshing.get(orgId);
    if (inFlight !== undefined) return inFlight;
    const flight = refreshOrg(orgId, staleAccessToken).finally(() => refreshing.delete(orgId));
    refreshing.set(orgId, flight);
    return flight;
  }

  async function tenantTokens(tenantId: string): Promise<SalesforceTokens | undefined> {
    const orgId = await store.get(tenantKey(tenantId));
    if (orgId === undefined) return undefined;
    const tokens = await vault.get(orgId);
    return tokens === undefined || tokens.tenantId !== tenantId ? undefined : tokens;
  }

  return {
    async installUrl(link, options = {}) {
      const grant = await openInstallLink({
        link,
        crm: 'salesforce',
        key: config.linkKey,
        now: clock.now(),
        store,
        isTenant: config.isTenant,
      });
      const { tenantId } = grant;
      const sandbox = options.sandbox === true;
      const issued = state.issue(grant, clock.now(), config.stateTtlMs ?? DEFAULT_STATE_TTL_MS);
      const verifier = createCodeVerifier();
      const pending = JSON.stringify({ tenantId, verifier, sandbox });
      await store.put(verifierKey(issued.nonce), verifierCipher.seal(pending, verifierKey(issued.nonce)), {
        expiresAt: issued.expiresAt,
      });
      return oauth2(sandbox ? sandboxLoginUrl : productionLoginUrl).getAuthorizationUrl({
        scope: scopes.join(' '),
        state: issued.state,
        code_challenge: codeChallengeS256(verifier),
        code_challenge_method: 'S256',
      });
    },

    async handleCallback({ code, state: stateText }) {
      const checked = state.check(stateText, clock.now());
      if (!checked.ok) {
        const why = {
          malformed: 'the connect link is damaged',
          forged: 'the connect link was not issued by this Leadwire',
          expired: 'the connect link expired',
        }[checked.reason];
        throw new LeadwireError('VALIDATION', `${why}: start connecting the org again`, {
          details: { reason: `state ${checked.reason}` },
        });
      }
      const { tenantId, nonce, link } = checked;
      checkTenant(tenantId);
      // Spend the link before anything else, so two racing callbacks (or two tabs of one link) cannot both connect.
      if (!(await spendInstallLink(store, { crm: 'salesforce', tenantId, ...link }))) {
        throw new LeadwireError(
          'VALIDATION',
          'this install link was already used: ask your Leadwire operator for a new one',
          { details: { reason: 'install link used' } },
        );
      }
      const sealed = await store.get(verifierKey(nonce));
      await store.delete(verifierKey(nonce));
      const pending =
        sealed === undefined
          ? undefined
          : pendingConnect.safeParse(JSON.parse(verifierCipher.open(sealed, verifierKey(nonce)))).data;
      if (pending === undefined || pending.tenantId !== tenantId) {
        throw new LeadwireError('VALIDATION', 'the connect link expired: start connecting the org again', {
          details: { reason: 'verifier missing' },
        });
      }
      const loginUrl = pending.sandbox ? sandboxLoginUrl : productionLoginUrl;
      let exchanged: z.infer<typeof tokenAnswer>;
      try {
        exchanged = tokenAnswer.parse(
          await oauth2(loginUrl).requestToken(code, { code_verifier: pending.verifier }),
        );
      } catch (error) {
        if (error instanceof z.ZodError) {
          throw new LeadwireError('TEMPORARY', 'Salesforce answered the code exchange without usable tokens');
        }
        throw tokenEndpointError(error, 'exchanging the authorization code');
      }
      if (exchanged.refresh_token === undefined) {
        throw new LeadwireError(
          'VALIDATION',
          'Salesforce issued no refresh token: add the "refresh_token, offline_access" scope to the connected app',
        );
      }
      const ids = parseIdentityUrl(exchanged.id);
      if (ids === undefined) throw new LeadwireError('TEMPORARY', 'Salesforce did not name the org and user');
      const { orgId, userId } = ids;
      const existing = await vault.get(orgId).catch(() => undefined);
      if (existing !== undefined && existing.status === 'active' && existing.tenantId !== tenantId) {
        throw new LeadwireError(
          'CONFLICT',
          `Salesforce org ${orgId} is already connected to another Leadwire tenant; disconnect it there first`,
          { details: { orgId } },
        );
      }
      const binding = await bindInstall(store, tenantKey(tenantId), orgId, link.relink);
      if (!binding.bound) {
        // The org gets nothing: not its tokens kept, not the tenant's data. Its fresh grant is given back.
        await oauth2(loginUrl)
          .revokeToken(exchanged.refresh_token)
          .catch(() => undefined);
        throw new LeadwireError(
          'CONFLICT',
          `Leadwire tenant ${tenantId} is linked to Salesforce org ${binding.current}, so org ${orgId} was not ` +
            `connected. Moving the tenant to another org takes a re-link install link from the operator ` +
            `(leadwire install-link salesforce --tenant ${tenantId} --relink).`,
          { details: { tenantId, orgId, linkedOrgId: binding.current, reason: 'linked to another org' } },
        );
      }
      const now = clock.now();
      await vault.put(orgId, {
        orgId,
        userId,
        tenantId,
        instanceUrl: trimSlash(exchanged.instance_url),
        loginUrl,
        sandbox: pending.sandbox,
        identityUrl: exchanged.id,
        accessToken: exchanged.access_token,
        refreshToken: exchanged.refresh_token,
        scopes: exchanged.scope?.split(' ').filter(Boolean) ?? [...scopes],
        installedAt: now,
        status: 'active',
      });
      const relinkedFrom = binding.previous === orgId ? undefined : binding.previous;
      if (relinkedFrom !== undefined) {
        // the org the tenant left keeps no access: its refresh token is revoked and forgotten
        const left = await vault.get(relinkedFrom).catch(() => undefined);
        if (left !== undefined && left.tenantId === tenantId) {
          if (left.status === 'active')
            await oauth2(left.loginUrl)
              .revokeToken(left.refreshToken)
              .catch(() => undefined);
          await vault.delete(relinkedFrom);
        }
      }
      const result: SalesforceInstallResult = {
        tenantId,
        orgId,
        userId,
        instanceUrl: trimSlash(exchanged.instance_url),
        sandbox: pending.sandbox,
        ...(relinkedFrom === undefined ? {} : { relinkedFrom }),
      };
      config.onInstalled?.(result);
      return result;
    },

    async connection<S extends Schema = Schema>(tenantId: string) {
      const tokens = await tenantTokens(tenantId);
      if (tokens === undefined) throw revoked(undefined, tenantId);
      if (tokens.status === 'revoked') throw revoked(tokens.orgId, tenantId);
      const connection = new Connection<S>({
        instanceUrl: tokens.instanceUrl,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        version: apiVersion,
        oauth2: {
          clientId: consumerKey,
          ...(consumerSecret === undefined ? {} : { clientSecret: consumerSecret }),
          redirectUri,
          loginUrl: tokens.loginUrl,
        },
      });
      connection.userInfo = { id: tokens.userId, organizationId: tokens.orgId, url: tokens.identityUrl };
      return useLeadwireRefresh(connection, (stale) => refreshOnce(tokens.orgId, stale));
    },

    async installation(tenantId) {
      const tokens = await tenantTokens(tenantId);
      if (tokens === undefined) return undefined;
      const { orgId, userId, instanceUrl, sandbox, status, installedAt } = tokens;
      return { orgId, userId, instanceUrl, sandbox, status, installedAt };
    },
  };
}
