// Routing edits made on the HubSpot settings page. The config file stays the source of truth at boot; an edit
// saved from HubSpot is an OVERRIDE of one tenant's `routing` section, kept in the durable store (SQLite file
// or Redis) so every process sees it and it survives restarts:
//
//   step result `routing-override:<tenantId>:<n>` = { routing (input form), savedAt, savedBy }, n = 1, 2, …
//
// Step results are set-if-absent, so the overrides form an append-only log: a save writes n+1 after the head
// n it found (losing a race, it moves to the next free n), and the highest n is in force. Removing the
// override (going back to the file) is an operator action: delete the keys, or put the file's section back
// from the settings page. Applying an override replaces `tenant.routing` in the running Config object, which
// is what routing (route step, SLA jobs, admin API) reads on every use; each process re-reads the log every
// `refreshMs` (default 30 s) so a worker picks up an edit saved on a gateway.
import {
  type Config,
  LeadwireError,
  type RoutingConfig,
  type RoutingConfigInput,
  routingConfigSchema,
  routingReferenceIssues,
  type Store,
  type TenantConfig,
} from '@leadwire/connector-core';

export interface RoutingOverride {
  routing: RoutingConfigInput;
  /** ISO time */
  savedAt: string;
  savedBy: { portalId: string; userId?: string; userEmail?: string };
}

/** A problem at a path of the routing section (relative to it, as the settings page reads them). */
export interface RoutingIssue {
  path: (string | number)[];
  message: string;
}

export const routingOverrideKey = (tenantId: string, n: number): string =>
  `routing-override:${tenantId}:${n}`;

/**
 * Validate a routing section as the config file's loader would: `routingConfigSchema`, plus the references
 * rules and users make to the tenant's intake catalog (services, areas).
 */
export function validateRouting(
  tenant: TenantConfig,
  input: unknown,
): { ok: true; routing: RoutingConfig } | { ok: false; issues: RoutingIssue[] } {
  const parsed = routingConfigSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
        message: issue.message,
      })),
    };
  const routing = parsed.data;
  const issues: RoutingIssue[] = routingReferenceIssues(routing, tenant.intake);
  return issues.length === 0 ? { ok: true, routing } : { ok: false, issues };
}

function isOverride(value: unknown): value is RoutingOverride {
  return typeof value === 'object' && value !== null && 'routing' in value && 'savedAt' in value;
}

export interface RoutingOverrides {
  /** the override in force for the tenant, if any */
  current(tenantId: string): Promise<RoutingOverride | undefined>;
  /** append an override (already validated) and apply it in this process */
  save(tenant: TenantConfig, override: RoutingOverride, routing: RoutingConfig): Promise<void>;
  /** read every tenant's override and apply it to the running config */
  refresh(): Promise<void>;
  /** re-read periodically (unref'd timer) */
  start(refreshMs?: number): void;
  stop(): void;
}

export function routingOverrides(options: {
  config: Config;
  store: Pick<Store, 'getStepResult' | 'putStepResult'>;
  onError?: (error: unknown) => void;
}): RoutingOverrides {
  const { config, store } = options;
  /** the head last seen per tenant (the log only grows) */
  const heads = new Map<string, number>();
  /** the head applied per tenant, so a refresh re-parses only what changed */
  const applied = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;

  const exists = async (tenantId: string, n: number) =>
    n === 0 || (await store.getStepResult(routingOverrideKey(tenantId, n))) !== undefined;

  /** The highest n written: gallop up from the last head seen, then bisect. */
  async function head(tenantId: string): Promise<number> {
    let low = heads.get(tenantId) ?? 0;
    let step = 1;
    let high = low + step;
    while (await exists(tenantId, high)) {
      low = high;
      step *= 2;
      high = low + step;
    }
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (await exists(tenantId, mid)) low = mid;
      else high = mid;
    }
    heads.set(tenantId, low);
    return low;
  }

  async function read(tenantId: string, n: number): Promise<RoutingOverride | undefined> {
    if (n === 0) return undefined;
    const value = await store.getStepResult(routingOverrideKey(tenantId, n));
    return isOverride(value) ? value : undefined;
  }

  function apply(tenantId: string, n: number, routing: RoutingConfig) {
    const tenant = config.tenants.find((t) => t.id === tenantId);
    if (tenant === undefined) return;
    tenant.routing = routing;
    applied.set(tenantId, n);
  }

  async function refresh() {
    for (const tenant of config.tenants) {
      const n = await head(tenant.id);
      if (n === 0 || applied.get(tenant.id) === n) continue;
      const override = await read(tenant.id, n);
      if (override === undefined) continue;
      const checked = validateRouting(tenant, override.routing);
      // A stored override the current catalog no longer accepts stays unapplied (the file's section holds).
      if (checked.ok) apply(tenant.id, n, checked.routing);
      else
        options.onError?.(
          new LeadwireError('VALIDATION', `routing override ${n} of tenant "${tenant.id}" is not valid now`),
        );
    }
  }

  return {
    async current(tenantId) {
      return read(tenantId, await head(tenantId));
    },
    async save(tenant, override, routing) {
      for (let attempt = 0; attempt < 20; attempt++) {
        const n = (await head(tenant.id)) + 1;
        const stored = await store.putStepResult(routingOverrideKey(tenant.id, n), override);
        heads.set(tenant.id, n);
        if (JSON.stringify(stored) === JSON.stringify(override)) {
          apply(tenant.id, n, routing);
          return;
        }
      }
      throw new LeadwireError('TEMPORARY', 'the routing settings are being saved elsewhere; try again');
    },
    refresh,
    start(refreshMs = 30_000) {
      timer ??= setInterval(() => {
        refresh().catch((error: unknown) => options.onError?.(error));
      }, refreshMs);
      timer.unref();
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
}
