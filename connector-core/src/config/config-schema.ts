// The Leadwire configuration file: one zod schema, validated at boot (fail fast, path-precise errors).
// Secrets are never written in the file: they are `env:NAME` references resolved when the config loads.
// Later features (intake catalog, routing rules, CRM credentials) extend this same schema.
import { z } from 'zod';
import { llmConfigSchema } from '../llm/llm-schema.ts';
import { type RoutingConfig, routingConfigSchema } from '../routing/routing-schema.ts';
import { hubspotAppSchema, salesforceAppSchema, tenantCrmSchema } from './crm-schema.ts';
import { evalConfigSchema } from './eval-schema.ts';
import { type IntakeConfig, intakeConfigSchema } from './intake-schema.ts';
import { policyConfigSchema } from './policy-schema.ts';
import { secretRef } from './secret-ref.ts';

export { secretRef } from './secret-ref.ts';

export const whatsappApp = z.object({
  /** a name for the Meta app, referenced by tenants */
  id: z.string().min(1),
  /** the app secret Meta signs webhooks with (X-Hub-Signature-256) */
  appSecret: secretRef,
});

export const tenantSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'tenant ids are lowercase letters, digits and dashes')
    .describe('stable tenant id'),
  name: z.string().min(1).optional(),
  whatsapp: z.object({
    /** the Meta app (whatsapp.apps[].id) whose secret signs this tenant's webhooks */
    app: z.string().min(1),
    /** the business numbers (metadata.phone_number_id) of this tenant */
    phoneNumberIds: z.array(z.string().regex(/^\d+$/, 'a phone_number_id is digits only')).min(1),
    /** Graph API token for sending and media (used by the intake agent) */
    accessToken: secretRef.optional(),
    /**
     * the WhatsApp Business Account id (webhooks' `entry[].id`), to list its message templates; default: the
     * id the conversation's webhooks carried
     */
    wabaId: z.string().regex(/^\d+$/, 'a WhatsApp Business Account id is digits only').optional(),
  }),
  /** the intake catalog, areas, languages and knowledge; absent = no offline intake for this tenant */
  intake: intakeConfigSchema.optional(),
  /** LLM mode: an OpenAI-compatible endpoint for intake (and voice-note transcription); absent = offline only */
  llm: llmConfigSchema.optional(),
  /** escalation policy of the intake agent; absent = the built-in policy */
  policy: policyConfigSchema.prefault({}),
  /** who gets each Lead and Inquiry: users, groups, queues, ordered rules with fallback chains, SLA, pool */
  routing: routingConfigSchema.optional(),
  /** where Leads, Inquiries, tasks and the transcript are written; absent = decided and routed, not written */
  crm: tenantCrmSchema.optional(),
  /** the thresholds `leadwire eval` holds the tenant's labelled conversations to */
  eval: evalConfigSchema.prefault({}),
});

export const configSchema = z
  .object({
    server: z
      .object({
        port: z.number().int().min(0).max(65535).default(3000),
        host: z.string().default('0.0.0.0'),
        /** bearer token of the admin API (presence, claim, assign, routing); absent = the admin API is off */
        adminToken: secretRef.optional(),
        /**
         * `leadwire worker` serves /healthz, /readyz and /metrics (turns, events ingested) on this port, on
         * `host`; absent = a worker serves nothing
         */
        workerPort: z.number().int().min(0).max(65535).optional(),
        /** a request (headers and body) not fully received by then is cut off with 408: slow clients hold nothing long */
        requestTimeoutMs: z.number().int().min(1000).default(15_000),
        /** connections served at once; more are refused until some close */
        maxConnections: z.number().int().min(1).default(1024),
      })
      .prefault({}),
    storage: z
      .object({
        /** embedded mode: the SQLite file holding state and jobs */
        sqlitePath: z.string().default('./data/leadwire.db'),
        /**
         * embedded mode: the SQLite file of acknowledged deliveries waiting to be ingested (default beside
         * sqlitePath: `leadwire-deliveries.db`). A file of its own, so an acknowledgement never waits for the
         * store's write lock.
         */
        deliveryLogPath: z.string().optional(),
        /** FULL fsyncs every commit (survives power loss); NORMAL survives a process crash */
        sqliteSynchronous: z.enum(['FULL', 'NORMAL']).default('FULL'),
        /** scale-out mode: Redis for state and BullMQ (the REDIS_URL environment variable also selects it) */
        redisUrl: secretRef.optional(),
        /** key prefix in Redis */
        redisPrefix: z.string().default('lw'),
        /**
         * How long records that only serve audit and retries are kept. Events and conversations are kept; raw
         * webhook bodies, step results (idempotency of a turn's side effects) and turn claims are pruned.
         */
        retention: z
          .object({
            /** raw webhook bodies (Meta retries a delivery for up to 7 days) */
            deliveriesDays: z.number().positive().default(7),
            /** step results: what a turn already did (a turn is retried for hours at most) */
            stepResultsDays: z.number().positive().default(30),
            /** turn claims */
            turnsDays: z.number().positive().default(30),
          })
          .prefault({}),
      })
      .prefault({}),
    turns: z
      .object({
        /** quiet window: a turn runs this long after the customer's last message */
        debounceMs: z.number().int().min(0).default(1500),
        /** a turn runs at most this long after the first pending message */
        maxWaitMs: z.number().int().min(0).default(5000),
        /** tries before a turn is dead-lettered */
        attempts: z.number().int().min(1).default(8),
        /** first retry delay, doubled per try */
        backoffMs: z.number().int().min(1).default(1000),
        /** the longest wait between two tries, however many came before (default 5 minutes) */
        maxBackoffMs: z.number().int().min(1).default(300_000),
        /** a running turn holds its conversation this long (renewed while it runs); a dead worker's turn resumes after it */
        leaseMs: z.number().int().min(100).default(30_000),
        /**
         * turns of different conversations processed at once per worker (default: by the tenants' CRM budgets,
         * see turnConcurrency)
         */
        concurrency: z.number().int().min(1).optional(),
      })
      .prefault({}),
    whatsapp: z.object({
      /** the Verify token typed in the Meta App Dashboard */
      verifyToken: secretRef,
      graphApiVersion: z
        .string()
        .regex(/^v\d+\.\d+$/)
        .default('v25.0'),
      /** Graph API origin; change it only to point at an emulator */
      graphBaseUrl: z.url().default('https://graph.facebook.com'),
      /** at least this long between two messages to one customer (WhatsApp allows one per 6 s) */
      replyIntervalMs: z.number().int().min(0).default(6000),
      apps: z.array(whatsappApp).min(1),
    }),
    /** the HubSpot app tenants install (needed when a tenant writes to HubSpot through OAuth) */
    hubspot: hubspotAppSchema.optional(),
    /** the Salesforce connected app tenants connect their orgs through (OAuth web flow with PKCE) */
    salesforce: salesforceAppSchema.optional(),
    logging: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
        /** redact phone numbers, names and message bodies from logs */
        redact: z.boolean().default(true),
      })
      .prefault({}),
    tenants: z.array(tenantSchema).min(1),
  })
  .superRefine((config, ctx) => {
    const apps = new Set(config.whatsapp.apps.map((app) => app.id));
    const tenantIds = new Set<string>();
    const owners = new Map<string, string>();
    config.tenants.forEach((tenant, i) => {
      if (tenantIds.has(tenant.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tenants', i, 'id'],
          message: `duplicate tenant id "${tenant.id}"`,
        });
      }
      tenantIds.add(tenant.id);
      if (!apps.has(tenant.whatsapp.app)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tenants', i, 'whatsapp', 'app'],
          message: `no app "${tenant.whatsapp.app}" in whatsapp.apps (have: ${[...apps].join(', ')})`,
        });
      }
      for (const issue of routingReferenceIssues(tenant.routing, tenant.intake))
        ctx.addIssue({
          code: 'custom',
          path: ['tenants', i, 'routing', ...issue.path],
          message: issue.message,
        });
      if (
        tenant.crm?.hubspot !== undefined &&
        tenant.crm.hubspot.accessToken === undefined &&
        config.hubspot === undefined
      )
        ctx.addIssue({
          code: 'custom',
          path: ['tenants', i, 'crm', 'hubspot'],
          message:
            'installing through OAuth needs the top-level hubspot app section (clientId, clientSecret, publicUrl)',
        });
      tenant.whatsapp.phoneNumberIds.forEach((id, j) => {
        const owner = owners.get(id);
        if (owner !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['tenants', i, 'whatsapp', 'phoneNumberIds', j],
            message: `phone_number_id ${id} already belongs to tenant "${owner}"`,
          });
        }
        owners.set(id, tenant.id);
      });
    });
  });

/** A problem with a tenant's routing section, at its path inside that section. */
export interface RoutingReferenceIssue {
  path: (string | number)[];
  message: string;
}

/** Routing may only name the services and service areas the tenant's intake knows. */
export function routingReferenceIssues(
  routing: RoutingConfig | undefined,
  intake: IntakeConfig | undefined,
): RoutingReferenceIssue[] {
  if (routing === undefined || intake === undefined) return [];
  const issues: RoutingReferenceIssue[] = [];
  const services = new Set(intake.services.map((service) => service.id));
  const areas = new Set(intake.areas.map((area) => area.id));
  const check = (
    ids: readonly string[] | undefined,
    known: Set<string>,
    what: string,
    path: (string | number)[],
  ) => {
    ids?.forEach((id, k) => {
      if (!known.has(id))
        issues.push({
          path: [...path, k],
          message: `no ${what} "${id}" in intake (have: ${[...known].join(', ')})`,
        });
    });
  };
  routing.rules.forEach((rule, r) => {
    check(rule.when.serviceType, services, 'service', ['rules', r, 'when', 'serviceType']);
    check(rule.when.area, areas, 'service area', ['rules', r, 'when', 'area']);
  });
  routing.users.forEach((user, u) => {
    check(user.areas, areas, 'service area', ['users', u, 'areas']);
  });
  return issues;
}

export type ConfigInput = z.input<typeof configSchema>;
/** The most turns a worker runs at once by its tenants' budgets (`turns.concurrency` may set more). */
export const MAX_TURN_CONCURRENCY = 256;

/**
 * Turns a worker runs at once when `turns.concurrency` is not set. A turn mostly waits on the network (the CRM,
 * the Graph API, the model), and the writes of the turns in flight share their commits, so the worker runs as
 * many as its tenants can use: the turns writing to the CRM its budget keeps busy — a HubSpot portal (110
 * requests / 10 s, about 5 calls a Lead) 2, a Salesforce org (no per-second limit) 4, none without a CRM — and
 * 2 more per tenant taking in conversations meanwhile (they do not call the CRM, so they must not wait for a
 * writing turn's place); at least 8, at most {@link MAX_TURN_CONCURRENCY}.
 */
export function turnConcurrency(config: Pick<Config, 'turns' | 'tenants'>): number {
  if (config.turns.concurrency !== undefined) return config.turns.concurrency;
  let sum = 0;
  for (const tenant of config.tenants) {
    const writing = tenant.crm?.salesforce !== undefined ? 4 : tenant.crm?.hubspot !== undefined ? 2 : 0;
    sum += writing + 2;
  }
  return Math.min(MAX_TURN_CONCURRENCY, Math.max(8, sum));
}

export type Config = z.output<typeof configSchema>;
export type TenantConfig = z.output<typeof tenantSchema>;
