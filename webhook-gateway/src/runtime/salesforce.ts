// The Salesforce side of the CRM composition: each Salesforce tenant's CrmPort over a jsforce Connection —
// a fixed session, the JWT bearer flow as an integration user, or the org an admin connected through OAuth —
// and the connected app's OAuth install.
import {
  type Config,
  type CrmPort,
  deriveInstallLinkKey,
  LeadwireError,
  parseSecretKey,
  resolveSecret,
  type SecretStore,
  type TenantConfig,
} from '@leadwire/connector-core';
import {
  deriveSalesforceStateKey,
  encryptedSalesforceTokenVault,
  jwtConnection,
  SalesforceCrm,
  type SalesforceOAuth,
  salesforceOAuth,
} from '@leadwire/salesforce-package';
import type { Logger } from '../observability/logger.ts';
import { lazyCrm } from './crm.ts';

export interface SalesforceRuntime {
  ports: Map<string, CrmPort>;
  oauth?: SalesforceOAuth;
  /** the tenant's org as an adapter (its jsforce connection for `leadwire setup salesforce`) */
  connect(tenantId: string): Promise<SalesforceCrm>;
}

export function openSalesforce(
  config: Config,
  env: NodeJS.ProcessEnv,
  logger: Logger,
  secrets: SecretStore,
  onPaused?: (tenantId: string) => void,
): SalesforceRuntime {
  const tenants = config.tenants.filter((tenant) => tenant.crm?.salesforce !== undefined);
  const app = config.salesforce;
  let oauth: SalesforceOAuth | undefined;
  if (app !== undefined && tenants.length > 0) {
    const key = parseSecretKey(env.LEADWIRE_SECRET_KEY);
    oauth = salesforceOAuth({
      consumerKey: app.consumerKey,
      ...(app.consumerSecret === undefined ? {} : { consumerSecret: resolveSecret(app.consumerSecret, env) }),
      redirectUri: new URL('/oauth/salesforce/callback', app.publicUrl).toString(),
      loginUrl: app.loginUrl,
      sandboxLoginUrl: app.sandboxLoginUrl,
      apiVersion: app.apiVersion,
      vault: encryptedSalesforceTokenVault({ store: secrets, key }),
      store: secrets,
      stateKey: deriveSalesforceStateKey(key),
      linkKey: deriveInstallLinkKey(key),
      isTenant: (id) => tenants.some((tenant) => tenant.id === id),
      onRevoked: ({ orgId, tenantId }) => {
        logger.error(
          { orgId, tenantId },
          'Salesforce access revoked: the tenant is paused until it reconnects',
        );
        onPaused?.(tenantId);
      },
      onInstalled: ({ orgId, tenantId, relinkedFrom }) =>
        relinkedFrom === undefined
          ? logger.info({ orgId, tenantId }, 'Salesforce org connected')
          : logger.warn(
              { orgId, tenantId, relinkedFrom },
              "Salesforce tenant re-linked to another org (the operator's --relink install link)",
            ),
    });
  }
  const ports = new Map<string, CrmPort>();
  const installs = (tenant: TenantConfig) => {
    const sf = tenant.crm!.salesforce!;
    return sf.accessToken === undefined && sf.jwt === undefined ? oauth : undefined;
  };
  for (const tenant of tenants) {
    const authority = installs(tenant);
    ports.set(
      tenant.id,
      lazyCrm(
        'salesforce',
        () => connect(tenant),
        true,
        // Every call checks the tenant is still linked to this org; after a re-link the port connects again,
        // and nothing more reaches the org the tenant left.
        authority === undefined
          ? undefined
          : async (crm) => {
              const linked = await authority.installation(tenant.id);
              if (linked !== undefined && linked.orgId !== crm.orgId)
                throw new LeadwireError(
                  'TEMPORARY',
                  `tenant "${tenant.id}" was re-linked from Salesforce org ${crm.orgId} to ${linked.orgId}; connecting again`,
                  {
                    details: {
                      tenantId: tenant.id,
                      orgId: crm.orgId,
                      linkedOrgId: linked.orgId,
                      relinked: true,
                    },
                  },
                );
            },
      ),
    );
  }

  async function connect(tenant: TenantConfig): Promise<SalesforceCrm> {
    const sf = tenant.crm!.salesforce!;
    const settings = { leadCompany: sf.leadCompany, leadSource: sf.leadSource, caseOrigin: sf.caseOrigin };
    const apiVersion = app?.apiVersion;
    if (sf.accessToken !== undefined) {
      return new SalesforceCrm({
        orgId: sf.orgId!,
        instanceUrl: sf.instanceUrl!,
        accessToken: resolveSecret(sf.accessToken, env),
        ...(sf.refreshToken === undefined ? {} : { refreshToken: resolveSecret(sf.refreshToken, env) }),
        ...(app === undefined
          ? {}
          : {
              oauth2: {
                clientId: app.consumerKey,
                ...(app.consumerSecret === undefined
                  ? {}
                  : { clientSecret: resolveSecret(app.consumerSecret, env) }),
                loginUrl: app.loginUrl,
              },
            }),
        ...(apiVersion === undefined ? {} : { apiVersion }),
        settings,
      });
    }
    if (sf.jwt !== undefined && app !== undefined) {
      const connection = await jwtConnection({
        consumerKey: app.consumerKey,
        username: sf.jwt.username,
        privateKey: resolveSecret(sf.jwt.privateKey, env),
        loginUrl: app.loginUrl,
        apiVersion: app.apiVersion,
      });
      const orgId = connection.userInfo?.organizationId;
      if (orgId === undefined) throw new LeadwireError('AUTH_REVOKED', 'the JWT bearer flow named no org');
      return new SalesforceCrm({ orgId, connection, apiVersion: app.apiVersion, settings });
    }
    const installation = await oauth?.installation(tenant.id);
    if (oauth === undefined || installation === undefined || installation.status !== 'active')
      throw new LeadwireError(
        'AUTH_REVOKED',
        `tenant "${tenant.id}" has not connected its Salesforce org (make an install link: leadwire install-link salesforce --tenant ${tenant.id})`,
      );
    const connection = await oauth.connection(tenant.id);
    return new SalesforceCrm({
      orgId: installation.orgId,
      connection,
      ...(apiVersion === undefined ? {} : { apiVersion }),
      settings,
    });
  }

  return {
    ports,
    ...(oauth === undefined ? {} : { oauth }),
    connect: async (tenantId) => {
      const tenant = tenants.find((t) => t.id === tenantId);
      if (tenant === undefined)
        throw new LeadwireError('VALIDATION', `tenant "${tenantId}" has no crm.salesforce section`);
      return connect(tenant);
    },
  };
}
