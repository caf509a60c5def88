// The CRM side of the composition root: each tenant's CrmPort (HubSpot today), the HubSpot OAuth install
// and the per-portal state every process shares (rate buckets, write ledger, encrypted tokens) in the same
// SQLite file or Redis as the rest of the runtime.
import {
  type Config,
  type Conversation,
  type CrmPort,
  deriveInstallLinkKey,
  isLeadwireError,
  LeadwireError,
  openRedis,
  parseSecretKey,
  type RecordOwnerRef,
  RedisSecretStore,
  resolveSecret,
  type SecretStore,
  SqliteSecretStore,
  type TenantConfig,
} from '@leadwire/connector-core';
import {
  deriveStateKey,
  encryptedTokenVault,
  HubspotCrm,
  type HubspotOAuth,
  type HubspotPortalSettings,
  hubspotOAuth,
  type PortalRateLimiter,
  RedisRateLimiter,
  RedisWriteLedger,
  SqliteRateLimiter,
  SqliteWriteLedger,
  setupHubspotPortal,
  type WriteLedger,
} from '@leadwire/hubspot-app';
import type { SalesforceOAuth } from '@leadwire/salesforce-package';
import type { Logger } from '../observability/logger.ts';
import { redisUrlOf } from './compose.ts';
import { openSalesforce, type SalesforceRuntime } from './salesforce.ts';

export interface CrmRuntime {
  /** the tenant's CRM, or undefined when the tenant writes to none */
  crmFor(tenantId: string): CrmPort | undefined;
  /** owners of the customer's existing records, as the person step learned them (for continuation) */
  existingOwnersFor(conversation: Conversation): Promise<RecordOwnerRef[]>;
  /**
   * The owner someone gave the conversation's Lead or Inquiry inside the CRM (routing follows it): undefined
   * when it is still the owner Leadwire wrote. No call while the conversation has no owner or the CRM holds no
   * record of it; a failed read is logged and answers undefined, so the current assignee stays.
   */
  recordOwnerFor?(conversation: Conversation): Promise<string | undefined>;
  /** the HubSpot OAuth install, when the deployment runs a HubSpot app */
  hubspotOAuth?: HubspotOAuth;
  /** the Salesforce connect flow, when the deployment has a connected app */
  salesforceOAuth?: SalesforceOAuth;
  /** a Salesforce tenant's org as an adapter (`leadwire setup salesforce`) */
  salesforceConnect: SalesforceRuntime['connect'];
  /** how a tenant reaches its HubSpot portal (`leadwire setup hubspot`); AUTH_REVOKED before an install */
  hubspotAccess(tenantId: string): Promise<HubspotAccess>;
  close(): Promise<void>;
}

/** A tenant's HubSpot portal: a fixed token's configured portal, or the portal it installed the app on. */
export interface HubspotAccess {
  portalId: string;
  basePath: string;
  accessToken: () => Promise<string>;
  settings: HubspotPortalSettings;
  /** the per-portal limiter every process shares */
  limiter: PortalRateLimiter;
  /** the scopes the OAuth installation granted; absent for a fixed token */
  grantedScopes?: string[];
}

/** The per-portal HubSpot state in the runtime's own storage: buckets, ledger, token store. */
interface HubspotShared {
  limiter: PortalRateLimiter;
  ledger: WriteLedger;
  secrets: SecretStore;
  close(): Promise<void>;
}

function hubspotShared(config: Config, env: NodeJS.ProcessEnv): HubspotShared {
  const url = redisUrlOf(config, env);
  const prefix = config.storage.redisPrefix;
  if (url !== undefined) {
    const client = openRedis(url);
    return {
      limiter: new RedisRateLimiter({ client, prefix }),
      ledger: new RedisWriteLedger({ client, prefix }),
      secrets: new RedisSecretStore({ client, prefix }),
      async close() {
        client.disconnect();
      },
    };
  }
  const path = config.storage.sqlitePath;
  const limiter = new SqliteRateLimiter({ path });
  const ledger = new SqliteWriteLedger({ path });
  const secrets = new SqliteSecretStore({ path, synchronous: config.storage.sqliteSynchronous });
  return {
    limiter,
    ledger,
    secrets,
    async close() {
      limiter.close();
      ledger.close();
      await secrets.close();
    },
  };
}

function portalSettings(tenant: TenantConfig) {
  const hubspot = tenant.crm?.hubspot;
  if (hubspot === undefined) return undefined;
  return {
    leadMode: hubspot.leadMode,
    dealPipeline: hubspot.dealPipeline,
    dealStage: hubspot.dealStage,
    ticketPipeline: hubspot.ticketPipeline,
    ticketStage: hubspot.ticketStage,
    ...(tenant.crm?.tasks === undefined ? {} : { urgentTaskDueMinutes: tenant.crm.tasks.urgentDueMinutes }),
  };
}

/**
 * A CrmPort that connects when first used (a fixed token, or what the tenant installed). Before an install (or
 * after an uninstall) every call is AUTH_REVOKED, so the turn is dead-lettered with its events kept, and
 * replayed after the install (`leadwire dlq replay`). A call refused as AUTH_REVOKED, or because the tenant was
 * re-linked to another portal or org (`details.relinked`), drops the connection: the next call connects to
 * whatever the tenant is linked to then. A CRM that writes a turn in one request (Salesforce)
 * keeps its optional `findPerson` / `writeTurn`; the others do not get them.
 */
export function lazyCrm<T extends CrmPort>(
  kind: CrmPort['kind'],
  resolve: () => Promise<T>,
  oneRequestTurns = false,
  /** runs before every call: throws (`details.relinked`) when the adapter's portal or org is no longer the tenant's */
  guard?: (adapter: T) => Promise<void>,
): CrmPort {
  let crm: Promise<T> | undefined;
  const get = () => {
    crm ??= resolve().catch((error: unknown) => {
      crm = undefined;
      throw error;
    });
    return crm;
  };
  const use = async <R>(work: (adapter: T) => Promise<R>): Promise<R> => {
    const connected = get();
    try {
      const adapter = await connected;
      await guard?.(adapter);
      return await work(adapter);
    } catch (error) {
      if (
        isLeadwireError(error) &&
        (error.code === 'AUTH_REVOKED' || error.details?.relinked === true) &&
        crm === connected
      )
        crm = undefined;
      throw error;
    }
  };
  const port: CrmPort = {
    kind,
    upsertPerson: (conversation) => use((c) => c.upsertPerson(conversation)),
    writeTranscript: (conversation, lines) => use((c) => c.writeTranscript(conversation, lines)),
    upsertLead: (conversation, ownerId, details) => use((c) => c.upsertLead(conversation, ownerId, details)),
    upsertInquiry: (conversation, ownerId, reason) =>
      use((c) => c.upsertInquiry(conversation, ownerId, reason)),
    createTask: (conversation, task) => use((c) => c.createTask(conversation, task)),
    taskOpen: (taskId) => use((c) => c.taskOpen(taskId)),
    listOwners: () => use((c) => c.listOwners()),
    presence: () => use((c) => c.presence()),
    recordOwner: (conversation) => use(async (c) => c.recordOwner?.(conversation)),
  };
  if (!oneRequestTurns) return port;
  return {
    ...port,
    findPerson: (conversation) =>
      use((c) => (c.findPerson === undefined ? c.upsertPerson(conversation) : c.findPerson(conversation))),
    writeTurn: (conversation, turn) =>
      use(async (c) => {
        if (c.writeTurn === undefined)
          throw new LeadwireError('VALIDATION', `${kind} writes no turn in one request`);
        return c.writeTurn(conversation, turn);
      }),
  };
}

export interface OpenCrmOptions {
  /** counts a tenant paused by a revoked HubSpot install (`leadwire_tenant_paused_total`) */
  onPaused?: (tenantId: string) => void;
  /** run `setup hubspot` for a portal right after its install (default true) */
  setupAfterInstall?: boolean;
}

export function openCrm(
  config: Config,
  env: NodeJS.ProcessEnv,
  logger: Logger,
  options: OpenCrmOptions = {},
): CrmRuntime {
  const tenants = config.tenants.filter((tenant) => tenant.crm?.hubspot !== undefined);
  if (config.tenants.every((tenant) => tenant.crm === undefined)) {
    return {
      crmFor: () => undefined,
      existingOwnersFor: async () => [],
      hubspotAccess: async (tenantId) => {
        throw new LeadwireError('VALIDATION', `tenant "${tenantId}" has no crm.hubspot section`);
      },
      salesforceConnect: async (tenantId) => {
        throw new LeadwireError('VALIDATION', `tenant "${tenantId}" has no crm.salesforce section`);
      },
      close: async () => {},
    };
  }
  const shared = hubspotShared(config, env);
  const app = config.hubspot;
  let oauth: HubspotOAuth | undefined;
  if (app !== undefined) {
    const key = parseSecretKey(env.LEADWIRE_SECRET_KEY);
    oauth = hubspotOAuth({
      clientId: app.clientId,
      clientSecret: resolveSecret(app.clientSecret, env),
      redirectUri: new URL('/oauth/hubspot/callback', app.publicUrl).toString(),
      vault: encryptedTokenVault({ store: shared.secrets, key }),
      store: shared.secrets,
      stateKey: deriveStateKey(key),
      linkKey: deriveInstallLinkKey(key),
      basePath: app.apiBaseUrl.replace(/\/$/, ''),
      isTenant: (id) => tenants.some((tenant) => tenant.id === id),
      onRevoked: ({ portalId, tenantId }) => {
        logger.error(
          { portalId, tenantId },
          'HubSpot access revoked: the tenant is paused until it reinstalls',
        );
        options.onPaused?.(tenantId);
      },
      onInstalled: ({ portalId, tenantId, relinkedFrom }) => {
        if (relinkedFrom === undefined) logger.info({ portalId, tenantId }, 'HubSpot app installed');
        else
          logger.warn(
            { portalId, tenantId, relinkedFrom },
            "HubSpot tenant re-linked to another portal (the operator's --relink install link)",
          );
        if (options.setupAfterInstall === false) return;
        // The portal gets Leadwire's properties at once; problems are logged (`leadwire setup hubspot` repeats it).
        void hubspotAccess(tenantId)
          .then((access) => setupHubspotPortal(access))
          .then((report) =>
            logger.info(
              {
                tenantId,
                portalId,
                created: report.created.length,
                found: report.found.length,
                problems: report.problems,
              },
              report.problems.length === 0 ? 'HubSpot portal set up' : 'HubSpot portal set up with problems',
            ),
          )
          .catch((error: unknown) =>
            logger.warn({ tenantId, portalId, err: error }, 'HubSpot setup after install failed'),
          );
      },
    });
  }
  const basePath = (app?.apiBaseUrl ?? 'https://api.hubapi.com').replace(/\/$/, '');
  const accessOf = async (tenant: TenantConfig): Promise<HubspotAccess> => {
    const hubspot = tenant.crm!.hubspot!;
    const common = {
      basePath: hubspot.apiBaseUrl?.replace(/\/$/, '') ?? basePath,
      settings: portalSettings(tenant) ?? {},
      limiter: shared.limiter,
    };
    if (hubspot.accessToken !== undefined) {
      const token = resolveSecret(hubspot.accessToken, env);
      return { ...common, portalId: hubspot.portalId!, accessToken: async () => token };
    }
    const installation = await oauth?.installation(tenant.id);
    if (oauth === undefined || installation === undefined || installation.status !== 'active')
      throw new LeadwireError(
        'AUTH_REVOKED',
        `tenant "${tenant.id}" has not installed the HubSpot app (make an install link: leadwire install-link hubspot --tenant ${tenant.id})`,
      );
    const authority = oauth;
    const { portalId } = installation;
    return {
      ...common,
      portalId,
      // Every call checks the tenant is still linked to this portal; after a re-link it is not, and the caller
      // connects again (the turn is retried against the new portal; nothing more reaches the old one).
      accessToken: async () => {
        const linked = await authority.installation(tenant.id);
        if (linked !== undefined && linked.portalId !== portalId)
          throw new LeadwireError(
            'TEMPORARY',
            `tenant "${tenant.id}" was re-linked from HubSpot portal ${portalId} to ${linked.portalId}; connecting again`,
            { details: { tenantId: tenant.id, portalId, linkedPortalId: linked.portalId, relinked: true } },
          );
        return authority.accessToken(portalId);
      },
      grantedScopes: installation.scopes,
    };
  };
  async function hubspotAccess(tenantId: string): Promise<HubspotAccess> {
    const tenant = tenants.find((t) => t.id === tenantId);
    if (tenant === undefined)
      throw new LeadwireError('VALIDATION', `tenant "${tenantId}" has no crm.hubspot section`);
    return accessOf(tenant);
  }
  const ports = new Map<string, CrmPort>();
  for (const tenant of tenants) {
    ports.set(
      tenant.id,
      lazyCrm('hubspot', async () => {
        const access = await accessOf(tenant);
        return new HubspotCrm({
          accessToken: access.accessToken,
          portalId: access.portalId,
          basePath: access.basePath,
          limiter: shared.limiter,
          ledger: shared.ledger,
          settings: access.settings,
        });
      }),
    );
  }
  const salesforce = openSalesforce(config, env, logger, shared.secrets, options.onPaused);
  for (const [tenantId, port] of salesforce.ports) ports.set(tenantId, port);
  return {
    crmFor: (tenantId) => ports.get(tenantId),
    existingOwnersFor: async (conversation) => {
      const owner = conversation.crmRefs.personOwner;
      return owner === undefined ? [] : [{ ownerId: owner, kind: 'contact' }];
    },
    recordOwnerFor: async (conversation) => {
      const port = ports.get(conversation.tenantId);
      const { lead, inquiry, leadOwner, inquiryOwner } = conversation.crmRefs;
      // Nobody holds it (new, or waiting in the pool), or the CRM holds no record of it yet: nothing to follow.
      if (conversation.ownerId === undefined || port?.recordOwner === undefined) return undefined;
      if (lead === undefined && inquiry === undefined) return undefined;
      try {
        const owner = await port.recordOwner(conversation);
        // The owner Leadwire itself wrote last is no change made in the CRM (a transfer may not be written yet).
        return owner === (lead === undefined ? inquiryOwner : leadOwner) ? undefined : owner;
      } catch (error) {
        logger.warn(
          { tenantId: conversation.tenantId, conversationId: conversation.id, err: error },
          `reading the ${port.kind} record's owner failed; the conversation keeps its assignee`,
        );
        return undefined;
      }
    },
    ...(oauth === undefined ? {} : { hubspotOAuth: oauth }),
    ...(salesforce.oauth === undefined ? {} : { salesforceOAuth: salesforce.oauth }),
    salesforceConnect: salesforce.connect,
    hubspotAccess,
    close: () => shared.close(),
  };
}
