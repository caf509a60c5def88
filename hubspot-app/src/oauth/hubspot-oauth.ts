// HubSpot marketplace OAuth: the install URL from an operator's install link, with a signed `state` bound to
// the link; the callback's code exchange, which spends the link and links the tenant to the portal (a second
// portal never silently replaces the first: that takes a re-link link); the portal's tokens kept encrypted in
// the vault, access tokens refreshed ahead of expiry (one refresh per portal at a time), and a revoked refresh
// token turned into AUTH_REVOKED with the portal marked revoked so the tenant pauses until someone reinstalls.
// Token calls use the 2026-03 endpoints (token, introspect, revoke): the v1 ones the SDK still calls are
// deprecated, sunset 2027-02-16. Research: hubspot.md §10.
import type { SecretStore } from '@leadwire/connector-core';
import {
  bindInstall,
  type Clock,
  LeadwireError,
  openInstallLink,
  spendInstallLink,
  systemClock,
} from '@leadwire/connector-core';
import { z } from 'zod';
import type { HubspotTokens, TokenVault } from '../token-vault.ts';
import { DEFAULT_STATE_TTL_MS, oauthState } from './oauth-state.ts';

export const HUBSPOT_AUTHORIZE_URL = 'https://app.hubspot.com/oauth/authorize';

/** Scopes every install must grant (research §10.3): contacts + engagements, deals, tickets, owners, users, teams, properties. */
export const HUBSPOT_REQUIRED_SCOPES = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'tickets',
  'crm.objects.owners.read',
  'settings.users.read',
  'settings.users.teams.read',
  'crm.schemas.contacts.write',
  'crm.schemas.deals.write',
  'crm.schemas.tickets.write',
] as const;

/** Scopes used when the portal has them: the Leads object (0-136) exists only on some subscriptions. */
export const HUBSPOT_OPTIONAL_SCOPES = ['crm.objects.leads.read', 'crm.objects.leads.write'] as const;

/** Access tokens are refreshed this long before they expire (they last 30 minutes). */
export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

export interface HubspotOAuthConfig {
  clientId: string;
  /** the app's client secret (also the v3 signature key) */
  clientSecret: string;
  /** the public callback URL, exactly as listed in the app's `auth.redirectUrls` */
  redirectUri: string;
  /** default HUBSPOT_REQUIRED_SCOPES */
  scopes?: readonly string[];
  /** default HUBSPOT_OPTIONAL_SCOPES */
  optionalScopes?: readonly string[];
  vault: TokenVault;
  /** where used install links (and the tenant → portal index) are kept; the vault's store will do */
  store: SecretStore;
  /** HMAC key for `state` (derive it from LEADWIRE_SECRET_KEY with `deriveStateKey`) */
  stateKey: Buffer;
  /** the operator's install links' key (derive it from LEADWIRE_SECRET_KEY with `deriveInstallLinkKey`) */
  linkKey: Buffer;
  /** HubSpot API origin without a trailing slash (default https://api.hubapi.com); an emulator in tests */
  basePath?: string;
  /** default DEFAULT_STATE_TTL_MS (10 minutes) */
  stateTtlMs?: number;
  /** default DEFAULT_REFRESH_MARGIN_MS (5 minutes) */
  refreshMarginMs?: number;
  clock?: Clock;
  /** tenants that may install; absent = any id */
  isTenant?: (tenantId: string) => boolean;
  /** called once when a portal's refresh token is found revoked: log, count, pause the tenant */
  onRevoked?: (event: { portalId: string; tenantId: string }) => void;
  /** called after a successful install or reinstall (e.g. to run `setup hubspot`); log `relinkedFrom` loudly */
  onInstalled?: (event: InstallResult) => void;
}

export interface InstallResult {
  tenantId: string;
  portalId: string;
  scopes: string[];
  /** the portal the tenant was linked to before this install re-linked it (a re-link link) */
  relinkedFrom?: string;
}

export interface Installation {
  portalId: string;
  status: HubspotTokens['status'];
  scopes: string[];
  installedAt: number;
}

export interface HubspotOAuth {
  /**
   * The HubSpot authorize URL for an operator's install link, with a fresh signed `state` bound to it; a link
   * that cannot start an install (damaged, forged, expired, used, for no tenant) throws `invalidInstallLink`.
   */
  installUrl(link: string): Promise<string>;
  /**
   * Verify `state`, spend its install link, exchange the code, read the portal id, link the tenant to the portal
   * (CONFLICT when it is linked to another one and the link may not re-link), store the tokens encrypted.
   */
  handleCallback(input: { code: string; state: string }): Promise<InstallResult>;
  /** A valid access token for the portal, refreshed ahead of expiry; AUTH_REVOKED when the app lost access. */
  accessToken(portalId: string): Promise<string>;
  /** The tenant's HubSpot installation (for status pages and to find the portal), if any. */
  installation(tenantId: string): Promise<Installation | undefined>;
  /** Revoke the refresh token at HubSpot (best effort) and forget the portal's tokens. */
  uninstall(portalId: string): Promise<{ removed: boolean; revokedAtHubspot: boolean }>;
}

/** POST /oauth/2026-03/token's answer (AccessTokenResponse). */
const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
  hub_id: z.number().int().positive().optional(),
  scopes: z.array(z.string()).optional(),
});
const exchangeResponse = tokenResponse.extend({ refresh_token: z.string().min(1) });
/** POST /oauth/2026-03/token/introspect's answer for an active access token. */
const tokenInfo = z.object({
  active: z.literal(true),
  hub_id: z.number().int().positive(),
  scopes: z.array(z.string()).default([]),
});

/** The 2026-03 OAuth endpoints, relative to the API origin. */
export const HUBSPOT_OAUTH_PATHS = {
  token: '/oauth/2026-03/token',
  introspect: '/oauth/2026-03/token/introspect',
  revoke: '/oauth/2026-03/token/revoke',
} as const;

/** The parts of the SDK's ApiException we read. */
interface HubspotFailure {
  code: number;
  body: unknown;
}
function asHubspotFailure(error: unknown): HubspotFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, body } = error as { code?: unknown; body?: unknown };
  return typeof code === 'number' && code >= 100 ? { code, body } : undefined;
}
function failureStatus(failure: HubspotFailure): string | undefined {
  const body = failure.body as { status?: unknown; error?: unknown } | null | undefined;
  const status = body?.status ?? body?.error;
  return typeof status === 'string' ? status : undefined;
}

const tenantKey = (tenantId: string) => `hubspot:tenant-portal:${tenantId}`;

export function hubspotOAuth(config: HubspotOAuthConfig): HubspotOAuth {
  const { clientId, clientSecret, redirectUri, vault, store } = config;
  const clock = config.clock ?? systemClock;
  const scopes = config.scopes ?? HUBSPOT_REQUIRED_SCOPES;
  const optionalScopes = config.optionalScopes ?? HUBSPOT_OPTIONAL_SCOPES;
  const refreshMarginMs = config.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const state = oauthState(config.stateKey);
  const basePath = config.basePath ?? 'https://api.hubapi.com';
  /** One form-encoded POST with the app's credentials; a non-2xx answer is thrown as `{ code, body }`. */
  const post = async (path: string, form: Record<string, string | undefined>): Promise<unknown> => {
    const body = new URLSearchParams({ client_id: clientId, client_secret: clientSecret });
    for (const [name, value] of Object.entries(form)) if (value !== undefined) body.set(name, value);
    const response = await fetch(`${basePath}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = text;
    }
    if (!response.ok) throw { code: response.status, body: json };
    return json;
  };
  const refreshing = new Map<string, Promise<string>>();
  /** Revokes a refresh token, best effort: the grant is forgotten here whatever HubSpot answers. */
  const revokeRefreshToken = (token: string): Promise<void> =>
    post(HUBSPOT_OAUTH_PATHS.revoke, { token, token_type_hint: 'refresh_token' }).then(
      () => undefined,
      () => undefined,
    );

  /** Why a token call failed, as a LeadwireError (a revoked refresh token is handled by the caller). */
  const tokenCallError = (error: unknown, action: string, portalId?: string): LeadwireError => {
    const failure = asHubspotFailure(error);
    const where = portalId === undefined ? 'HubSpot' : `HubSpot portal ${portalId}`;
    const details = { ...(portalId === undefined ? {} : { portalId }), status: failure?.code };
    if (failure === undefined || failure.code >= 500) {
      return new LeadwireError('TEMPORARY', `${where}: ${action} failed; it is retried`, {
        cause: error,
        details,
      });
    }
    if (failure.code === 429) {
      return new LeadwireError('RATE_LIMITED', `${where}: ${action} was rate limited`, {
        cause: error,
        details,
        retryAfterMs: 10_000,
      });
    }
    const status = failureStatus(failure) ?? `HTTP ${failure.code}`;
    if (status === 'BAD_CLIENT_ID' || status === 'BAD_CLIENT_SECRET' || failure.code === 401) {
      return new LeadwireError(
        'AUTH_REVOKED',
        `HubSpot refused the app's credentials (${status}): check hubspot.clientId and the client secret`,
        { cause: error, details: { ...details, reason: status } },
      );
    }
    return new LeadwireError('VALIDATION', `${where}: ${action} was refused (${status})`, {
      cause: error,
      details: { ...details, reason: status },
    });
  };

  const revoked = (portalId: string, tenantId: string | undefined) =>
    new LeadwireError(
      'AUTH_REVOKED',
      `HubSpot portal ${portalId} revoked the app's access; reinstall it` +
        (tenantId === undefined
          ? ''
          : ` with an install link from the operator (leadwire install-link hubspot --tenant ${tenantId})`),
      { details: { portalId, ...(tenantId === undefined ? {} : { tenantId }) } },
    );

  async function markRevoked(tokens: HubspotTokens): Promise<void> {
    await vault.put(tokens.portalId, { ...tokens, status: 'revoked', revokedAt: clock.now() });
    config.onRevoked?.({ portalId: tokens.portalId, tenantId: tokens.tenantId });
  }

  async function refresh(portalId: string): Promise<string> {
    // Read again inside the flight: another process may have refreshed (or a reinstall replaced the tokens).
    const tokens = await vault.get(portalId);
    if (tokens === undefined) throw revoked(portalId, undefined);
    if (tokens.status === 'revoked') throw revoked(portalId, tokens.tenantId);
    if (tokens.expiresAt - clock.now() > refreshMarginMs) return tokens.accessToken;
    let answer: unknown;
    try {
      answer = await post(HUBSPOT_OAUTH_PATHS.token, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refreshToken,
      });
    } catch (error) {
      const failure = asHubspotFailure(error);
      // HubSpot's own code, or OAuth 2.0's for a refresh token that is no longer valid (RFC 6749 §5.2)
      const status = failure === undefined ? undefined : failureStatus(failure);
      if (failure?.code === 400 && (status === 'BAD_REFRESH_TOKEN' || status === 'invalid_grant')) {
        // Another process may have rotated the refresh token since we read it: only a refusal of the
        // token the vault still holds means the app lost access.
        const latest = await vault.get(portalId);
        if (
          latest !== undefined &&
          latest.status === 'active' &&
          latest.refreshToken !== tokens.refreshToken
        ) {
          return latest.expiresAt > clock.now() ? latest.accessToken : refresh(portalId);
        }
        await markRevoked(latest ?? tokens);
        throw revoked(portalId, tokens.tenantId);
      }
      const wrapped = tokenCallError(error, 'refreshing the access token', portalId);
      // HubSpot is having a moment but the current token still works: keep working with it.
      if (wrapped.code !== 'AUTH_REVOKED' && tokens.expiresAt - clock.now() > 30_000)
        return tokens.accessToken;
      throw wrapped;
    }
    const parsed = tokenResponse.safeParse(answer);
    if (!parsed.success) {
      throw new LeadwireError(
        'TEMPORARY',
        `HubSpot portal ${portalId}: the refresh answer had no usable token`,
      );
    }
    await vault.put(portalId, {
      ...tokens,
      accessToken: parsed.data.access_token,
      refreshToken: parsed.data.refresh_token ?? tokens.refreshToken,
      expiresAt: clock.now() + parsed.data.expires_in * 1000,
      ...(parsed.data.scopes === undefined ? {} : { scopes: parsed.data.scopes }),
    });
    return parsed.data.access_token;
  }

  return {
    async installUrl(link) {
      const grant = await openInstallLink({
        link,
        crm: 'hubspot',
        key: config.linkKey,
        now: clock.now(),
        store,
        isTenant: config.isTenant,
      });
      const params = new URLSearchParams({
        client_id: clientId,
        redirect_uri: redirectUri,
        scope: scopes.join(' '),
      });
      if (optionalScopes.length > 0) params.set('optional_scope', optionalScopes.join(' '));
      params.set('state', state.issue(grant, clock.now(), config.stateTtlMs ?? DEFAULT_STATE_TTL_MS));
      // URLSearchParams writes spaces as "+"; HubSpot's own builder (querystring) writes %20
      return `${HUBSPOT_AUTHORIZE_URL}?${params.toString().replaceAll('+', '%20')}`;
    },

    async handleCallback({ code, state: stateText }) {
      const checked = state.check(stateText, clock.now());
      if (!checked.ok) {
        const why = {
          malformed: 'the install link is damaged',
          forged: 'the install link was not issued by this Leadwire',
          expired: 'the install link expired',
        }[checked.reason];
        throw new LeadwireError('VALIDATION', `${why}: start the install again`, {
          details: { reason: `state ${checked.reason}` },
        });
      }
      const { tenantId, link } = checked;
      if (config.isTenant !== undefined && !config.isTenant(tenantId)) {
        throw new LeadwireError('NOT_FOUND', `no tenant "${tenantId}" in the configuration`);
      }
      // Spend the link before anything else, so two racing callbacks (or two tabs of one link) cannot both install.
      if (!(await spendInstallLink(store, { crm: 'hubspot', tenantId, ...link }))) {
        throw new LeadwireError(
          'VALIDATION',
          'this install link was already used: ask your Leadwire operator for a new one',
          { details: { reason: 'install link used' } },
        );
      }
      let exchanged: z.infer<typeof exchangeResponse>;
      try {
        const answer = await post(HUBSPOT_OAUTH_PATHS.token, {
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
        });
        exchanged = exchangeResponse.parse(answer);
      } catch (error) {
        if (error instanceof z.ZodError) {
          throw new LeadwireError('TEMPORARY', 'HubSpot answered the code exchange without usable tokens');
        }
        throw tokenCallError(error, 'exchanging the authorization code');
      }
      // The 2026-03 token answer names the portal and the granted scopes; introspect only when it does not.
      let info: { hub_id: number; scopes: string[] };
      if (exchanged.hub_id !== undefined && exchanged.scopes !== undefined)
        info = { hub_id: exchanged.hub_id, scopes: exchanged.scopes };
      else
        try {
          info = tokenInfo.parse(
            await post(HUBSPOT_OAUTH_PATHS.introspect, {
              token: exchanged.access_token,
              token_type_hint: 'access_token',
            }),
          );
        } catch (error) {
          if (error instanceof z.ZodError)
            throw new LeadwireError('TEMPORARY', 'HubSpot did not name the portal');
          throw tokenCallError(error, 'reading the installed portal');
        }
      const portalId = String(info.hub_id);
      const existing = await vault.get(portalId).catch(() => undefined);
      if (existing !== undefined && existing.status === 'active' && existing.tenantId !== tenantId) {
        throw new LeadwireError(
          'CONFLICT',
          `HubSpot portal ${portalId} is already connected to another Leadwire tenant; uninstall it there first`,
          { details: { portalId } },
        );
      }
      const binding = await bindInstall(store, tenantKey(tenantId), portalId, link.relink);
      if (!binding.bound) {
        // The portal gets nothing: not its tokens kept, not the tenant's data. Its fresh grant is given back.
        await revokeRefreshToken(exchanged.refresh_token);
        throw new LeadwireError(
          'CONFLICT',
          `Leadwire tenant ${tenantId} is linked to HubSpot portal ${binding.current}, so portal ${portalId} was not ` +
            `connected. Moving the tenant to another portal takes a re-link install link from the operator ` +
            `(leadwire install-link hubspot --tenant ${tenantId} --relink).`,
          {
            details: {
              tenantId,
              portalId,
              linkedPortalId: binding.current,
              reason: 'linked to another portal',
            },
          },
        );
      }
      const now = clock.now();
      await vault.put(portalId, {
        portalId,
        tenantId,
        accessToken: exchanged.access_token,
        refreshToken: exchanged.refresh_token,
        expiresAt: now + exchanged.expires_in * 1000,
        scopes: info.scopes,
        installedAt: now,
        status: 'active',
      });
      const relinkedFrom = binding.previous === portalId ? undefined : binding.previous;
      if (relinkedFrom !== undefined) {
        // the portal the tenant left keeps no access: its refresh token is revoked and forgotten
        const left = await vault.get(relinkedFrom).catch(() => undefined);
        if (left !== undefined && left.tenantId === tenantId) {
          if (left.status === 'active') await revokeRefreshToken(left.refreshToken);
          await vault.delete(relinkedFrom);
        }
      }
      const result: InstallResult = {
        tenantId,
        portalId,
        scopes: info.scopes,
        ...(relinkedFrom === undefined ? {} : { relinkedFrom }),
      };
      config.onInstalled?.(result);
      return result;
    },

    async accessToken(portalId) {
      const tokens = await vault.get(portalId);
      if (tokens === undefined) throw revoked(portalId, undefined);
      if (tokens.status === 'revoked') throw revoked(portalId, tokens.tenantId);
      if (tokens.expiresAt - clock.now() > refreshMarginMs) return tokens.accessToken;
      const inFlight = refreshing.get(portalId);
      if (inFlight !== undefined) return inFlight;
      const flight = refresh(portalId).finally(() => refreshing.delete(portalId));
      refreshing.set(portalId, flight);
      return flight;
    },

    async installation(tenantId) {
      const portalId = await store.get(tenantKey(tenantId));
      if (portalId === undefined) return undefined;
      const tokens = await vault.get(portalId);
      if (tokens === undefined || tokens.tenantId !== tenantId) return undefined;
      return { portalId, status: tokens.status, scopes: tokens.scopes, installedAt: tokens.installedAt };
    },

    async uninstall(portalId) {
      const tokens = await vault.get(portalId);
      if (tokens === undefined) return { removed: false, revokedAtHubspot: false };
      let revokedAtHubspot = false;
      if (tokens.status === 'active') {
        try {
          await post(HUBSPOT_OAUTH_PATHS.revoke, {
            token: tokens.refreshToken,
            token_type_hint: 'refresh_token',
          });
          revokedAtHubspot = true;
        } catch {
          // already revoked (the user uninstalled in HubSpot) or HubSpot unreachable: forget the tokens anyway
        }
      }
      await vault.delete(portalId);
      if ((await store.get(tenantKey(tokens.tenantId))) === portalId)
        await store.delete(tenantKey(tokens.tenantId));
      return { removed: true, revokedAtHubspot };
    },
  };
}
