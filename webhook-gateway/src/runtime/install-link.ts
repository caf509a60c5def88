// The operator's side of an install: a signed, single-use, expiring link that lets one tenant's CRM admin
// install the HubSpot app or connect a Salesforce org, under the deployment's public URL (`leadwire install-link`).
import {
  type Config,
  deriveInstallLinkKey,
  type InstallCrm,
  installLinks,
  LeadwireError,
  parseSecretKey,
} from '@leadwire/connector-core';

export interface InstallLinkOptions {
  now: number;
  /** default DEFAULT_INSTALL_LINK_TTL_MS (24 hours), at most 7 days */
  ttlMs?: number;
  /** the install may move the tenant to another portal or org than the one it is linked to */
  relink?: boolean;
  /** Salesforce: connect a sandbox org (the link opens test.salesforce.com) */
  sandbox?: boolean;
}

export interface InstallLink {
  url: string;
  crm: InstallCrm;
  tenantId: string;
  /** ms since the epoch */
  expiresAt: number;
  relink: boolean;
}

export const CRM_LABEL: Record<InstallCrm, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

/** A link for `tenantId`'s install of `crm`; VALIDATION when this deployment cannot install that tenant by OAuth. */
export function createInstallLink(
  config: Config,
  env: NodeJS.ProcessEnv,
  crm: InstallCrm,
  tenantId: string,
  options: InstallLinkOptions,
): InstallLink {
  const label = CRM_LABEL[crm];
  const app = config[crm];
  if (app === undefined)
    throw new LeadwireError(
      'VALIDATION',
      `the config has no top-level ${crm} section: this deployment runs no ${label} app to install`,
    );
  const tenant = config.tenants.find((t) => t.id === tenantId && t.crm?.[crm] !== undefined);
  if (tenant === undefined) {
    const ids = config.tenants.filter((t) => t.crm?.[crm] !== undefined).map((t) => t.id);
    throw new LeadwireError(
      'VALIDATION',
      `tenant "${tenantId}" has no crm.${crm} section (${label} tenants: ${ids.join(', ') || 'none'})`,
    );
  }
  const fixed =
    crm === 'hubspot'
      ? tenant.crm?.hubspot?.accessToken !== undefined && 'a fixed token (crm.hubspot.accessToken)'
      : (tenant.crm?.salesforce?.accessToken !== undefined &&
          'a fixed session (crm.salesforce.accessToken)') ||
        (tenant.crm?.salesforce?.jwt !== undefined && 'the JWT bearer flow (crm.salesforce.jwt)');
  if (fixed)
    throw new LeadwireError(
      'VALIDATION',
      `tenant "${tenantId}" reaches ${label} with ${fixed}: an install would not be used`,
    );
  const issued = installLinks(deriveInstallLinkKey(parseSecretKey(env.LEADWIRE_SECRET_KEY))).issue({
    crm,
    tenantId,
    now: options.now,
    ...(options.ttlMs === undefined ? {} : { ttlMs: options.ttlMs }),
    relink: options.relink === true,
  });
  // the same origin rule as the OAuth redirect URI (`<publicUrl>/oauth/<crm>/callback`)
  const url = new URL(`/oauth/${crm}/install`, app.publicUrl);
  url.searchParams.set('link', issued.link);
  if (crm === 'salesforce' && options.sandbox === true) url.searchParams.set('sandbox', 'true');
  return { url: url.toString(), crm, tenantId, expiresAt: issued.expiresAt, relink: issued.relink };
}

/** `30m`, `12h`, `7d` (or plain minutes) → ms; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)\s*([mhd]?)$/.exec(text.trim());
  if (match === null) return undefined;
  const unit = { '': 60_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as '' | 'm' | 'h' | 'd'];
  const ms = Number(match[1]) * unit;
  return ms > 0 ? ms : undefined;
}
