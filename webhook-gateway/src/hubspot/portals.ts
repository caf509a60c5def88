// Which tenant a calling HubSpot portal is, and what the card needs from that portal's CRM: the owner of a
// HubSpot user (claim), the owners and teams (settings, labels). A portal is a tenant's when the tenant's
// fixed `crm.hubspot.portalId` names it, or the tenant installed the app on it (OAuth installation). The CRM
// calls reach the portal the way the worker's do (`CrmRuntime.hubspotAccess`: the same token and the same
// per-portal rate buckets).
import type { Config, CrmOwner, TenantConfig } from '@leadwire/connector-core';
import { HubspotCrm, type HubspotOAuth } from '@leadwire/hubspot-app';
import type { CrmRuntime } from '../runtime/crm.ts';

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
  crm: Pick<CrmRuntime, 'hubspotAccess'>;
  oauth?: HubspotOAuth;
  now: () => number;
}): HubspotPortals {
  const { config, oauth, now } = options;
  const tenants = config.tenants.filter((tenant) => tenant.crm?.hubspot !== undefined);
  const crms = new Map<string, HubspotCrm>();
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

  /**
   * A reading adapter on the portal the tenant is linked to now (no ledger: the card only reads owners and
   * teams); one per tenant and portal, so a re-linked tenant reads its new portal at once.
   */
  async function crmOf(tenantId: string): Promise<HubspotCrm> {
    const access = await options.crm.hubspotAccess(tenantId);
    const key = `${tenantId}:${access.portalId}`;
    let crm = crms.get(key);
    if (crm === undefined) {
      crm = new HubspotCrm({
        accessToken: access.accessToken,
        portalId: access.portalId,
        basePath: access.basePath,
        limiter: access.limiter,
      });
      crms.set(key, crm);
    }
    return crm;
  }

  const owners = (tenantId: string): Promise<CrmOwner[]> =>
    ownersCache.get(tenantId, async () => (await crmOf(tenantId)).listOwners());

  return {
    async tenantOfPortal(portalId) {
      for (const tenant of tenants) {
        const portal = await portalOf(tenant);
        if (portal?.portalId === portalId) return portal;
      }
      return undefined;
    },
    async ownerIdOfUser(tenantId, userId) {
      return (await crmOf(tenantId)).ownerIdOfUser(userId);
    },
    owners,
    teams: (tenantId) =>
      teamsCache.get(tenantId, async () => {
        const [list, teams] = await Promise.all([owners(tenantId), (await crmOf(tenantId)).listTeams()]);
        const names = new Map(teams.map((team) => [team.id, team.name]));
        const ids = new Set([...names.keys(), ...list.flatMap((owner) => owner.teams)]);
        return [...ids].map((id) => ({
          id,
          name: names.get(id) ?? id,
          ownerIds: list.filter((owner) => owner.teams.includes(id)).map((owner) => owner.id),
        }));
      }),
    async close() {},
  };
}
