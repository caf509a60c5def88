// Which tenant a calling HubSpot portal is, and what the card needs from that portal's CRM: the owner of a
// HubSpot user (claim), the owners and teams (settings, labels). A portal is a tenant's when the tenant's
// fixed `crm.hubspot.portalId` names it, or the tenant installed the app on it (OAuth installation). The CRM
// calls go through the same per-portal rate buckets as the worker's (SQLite file or Redis).
import {
  type Config,
  type CrmOwner,
  LeadwireError,
  resolveSecret,
  type TenantConfig,
} from '@leadwire/connector-core';
import {
  HubspotCrm,
  type HubspotOAuth,
  type PortalRateLimiter,
  RedisRateLimiter,
  SqliteRateLimiter,
} from '@leadwire/hubspot-app';
import { Redis } from 'ioredis';
import { redisUrlOf } from '../runtime/compose.ts';

export interface PortalTenant {
  tenant: TenantConfig;
  portalId: string;
  /** `revoked`: the OAuth install lost access (reinstall) */
  status: 'connected' | 'revoked';
  installedAt?: number;
}

export interface PortalTeam {
  id: string;
  name: string;
  ownerIds: string[];
}

export interface HubspotPortals {
  /** the tenant of a calling portal; undefined when no tenant is connected to it */
  tenantOfPortal(portalId: string): Promise<PortalTenant | undefined>;
  /** the HubSpot owner id of a HubSpot user of the tenant's portal */
  ownerIdOfUser(tenantId: string, userId: string): Promise<string | undefined>;
  /** the portal's owners (cached a few minutes) */
  owners(tenantId: string): Promise<CrmOwner[]>;
  /** the portal's teams with their members as owner ids (cached a few minutes) */
  teams(tenantId: string): Promise<PortalTeam[]>;
  close(): Promise<void>;
}

const CACHE_MS = 5 * 60_000;

interface TenantCrm {
  crm: HubspotCrm;
  token: () => Promise<string>;
  basePath: string;
}

function openLimiter(
  config: Config,
  env: NodeJS.ProcessEnv,
): { limiter: PortalRateLimiter; close(): Promise<void> } {
  const url = redisUrlOf(config, env);
  if (url !== undefined) {
    const client = new Redis(url, { maxRetriesPerRequest: 3 });
    return {
      limiter: new RedisRateLimiter({ client, prefix: config.storage.redisPrefix }),
      close: async () => client.disconnect(),
    };
  }
  const limiter = new SqliteRateLimiter({ path: config.storage.sqlitePath });
  return { limiter, close: async () => limiter.close() };
}

/** Values loaded at most every CACHE_MS per key; a failed load is forgotten at once. */
function ttlCache<T>(now: () => number) {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return {
    get(key: string, load: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit !== undefined && now() - hit.at < CACHE_MS) return hit.value;
      const value = load();
      entries.set(key, { at: now(), value });
      value.catch(() => entries.delete(key));
      return value;
    },
  };
}

export function hubspotPortals(options: {
  config: Config;
  env: NodeJS.ProcessEnv;
  oauth?: HubspotOAuth;
  now: () => number;
}): HubspotPortals {
  const { config, env, oauth, now } = options;
  const tenants = config.tenants.filter((tenant) => tenant.crm?.hubspot !== undefined);
  const appBase = (config.hubspot?.apiBaseUrl ?? 'https://api.hubapi.com').replace(/\/$/, '');
  let shared: ReturnType<typeof openLimiter> | undefined;
  const crms = new Map<string, Promise<TenantCrm>>();
  const ownersCache = ttlCache<CrmOwner[]>(now);
  const teamsCache = ttlCache<PortalTeam[]>(now);

  async function portalOf(tenant: TenantConfig): Promise<PortalTenant | undefined> {
    const hubspot = tenant.crm!.hubspot!;
    if (hubspot.accessToken !== undefined && hubspot.portalId !== undefined)
      return { tenant, portalId: hubspot.portalId, status: 'connected' };
    const installation = await oauth?.installation(tenant.id);
    if (installation === undefined) return undefined;
    return {
      tenant,
      portalId: installation.portalId,
      status: installation.status === 'active' ? 'connected' : 'revoked',
      installedAt: installation.installedAt,
    };
  }

  function crmOf(tenantId: string): Promise<TenantCrm> {
    let crm = crms.get(tenantId);
    if (crm === undefined) {
      crm = (async () => {
        const tenant = tenants.find((t) => t.id === tenantId);
        if (tenant === undefined) throw new LeadwireError('NOT_FOUND', `tenant "${tenantId}" has no HubSpot`);
        const portal = await portalOf(tenant);
        if (portal === undefined || portal.status !== 'connected')
          throw new LeadwireError('AUTH_REVOKED', `tenant "${tenantId}" has no active HubSpot install`);
        const hubspot = tenant.crm!.hubspot!;
        const basePath = hubspot.apiBaseUrl?.replace(/\/$/, '') ?? appBase;
        const fixed = hubspot.accessToken === undefined ? undefined : resolveSecret(hubspot.accessToken, env);
        const authority = oauth;
        const token =
          fixed !== undefined
            ? async () => fixed
            : async () => {
                if (authority === undefined) throw new LeadwireError('AUTH_REVOKED', 'no HubSpot app');
                return authority.accessToken(portal.portalId);
              };
        shared ??= openLimiter(config, env);
        return {
          crm: new HubspotCrm({
            accessToken: token,
            portalId: portal.portalId,
            basePath,
            limiter: shared.limiter,
          }),
          token,
          basePath,
        };
      })().catch((error: unknown) => {
        crms.delete(tenantId);
        throw error;
      });
      crms.set(tenantId, crm);
    }
    return crm;
  }

  const owners = (tenantId: string): Promise<CrmOwner[]> =>
    ownersCache.get(tenantId, async () => (await crmOf(tenantId)).crm.listOwners());

  return {
    async tenantOfPortal(portalId) {
      for (const tenant of tenants) {
        const portal = await portalOf(tenant);
        if (portal?.portalId === portalId) return portal;
      }
      return undefined;
    },
    async ownerIdOfUser(tenantId, userId) {
      return (await crmOf(tenantId)).crm.ownerIdOfUser(userId);
    },
    owners,
    teams: (tenantId) =>
      teamsCache.get(tenantId, async () => {
        const { token, basePath } = await crmOf(tenantId);
        const list = await owners(tenantId);
        const response = await fetch(`${basePath}/settings/v3/users/teams`, {
          headers: { authorization: `Bearer ${await token()}` },
          signal: AbortSignal.timeout(10_000),
        });
        const names = new Map<string, string>();
        if (response.ok) {
          const body = (await response.json()) as { results?: Array<{ id: string | number; name?: string }> };
          for (const team of body.results ?? []) names.set(String(team.id), team.name ?? String(team.id));
        }
        const ids = new Set([...names.keys(), ...list.flatMap((owner) => owner.teams)]);
        return [...ids].map((id) => ({
          id,
          name: names.get(id) ?? id,
          ownerIds: list.filter((owner) => owner.teams.includes(id)).map((owner) => owner.id),
        }));
      }),
    async close() {
      await shared?.close();
    },
  };
}
