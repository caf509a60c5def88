// The world around Leadwire in a reliability run, all inside the test process so it outlives every kill:
// Meta (the Graph emulator: replies, and `sent`/`delivered` status webhooks back to the gateway), a Salesforce
// org (the bulk of the Leads), a HubSpot portal (a share of them) and optionally an OpenAI endpoint. Also the
// config that wires two tenants to them: acme writes to Salesforce, globex to HubSpot, one Meta app for both.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ConfigInput, configSchema, type LlmConfigInput } from '@leadwire/connector-core';
import { exampleIntakeInput } from '@leadwire/connector-core/testing';
import {
  createLogger,
  type GraphEmulator,
  type Running,
  run,
  startGraphEmulator,
} from '@leadwire/webhook-gateway';
import {
  type HubspotEmulator,
  startHubspotEmulator,
} from '../../../hubspot-app/emulator/hubspot-emulator.ts';
import { createLeadwireProperties } from '../../../hubspot-app/emulator/portal-setup.ts';
import {
  type SalesforceEmulator,
  startSalesforceEmulator,
} from '../../../salesforce-package/emulator/salesforce-emulator.ts';
import {
  DOC_PHONE_NUMBER_ID,
  harnessEnv,
  SECOND_PHONE_NUMBER_ID,
  secrets,
} from '../../../webhook-gateway/test/support/harness.ts';

export const APP_SECRET = secrets.acme;
/** acme's number: its Leads go to Salesforce */
export const SALESFORCE_NUMBER = { phoneNumberId: DOC_PHONE_NUMBER_ID, secret: APP_SECRET };
/** globex's number: its Leads go to HubSpot */
export const HUBSPOT_NUMBER = { phoneNumberId: SECOND_PHONE_NUMBER_ID, secret: APP_SECRET };

const SALESFORCE_OWNERS = ['005000000000011AAA', '005000000000012AAA'];
const HUBSPOT_OWNERS = ['101', '102'];

export interface World {
  graph: GraphEmulator;
  salesforce: SalesforceEmulator;
  hubspot: HubspotEmulator;
  /** the secrets the config names, for the processes that run it */
  env: Record<string, string>;
  /** Meta delivers status webhooks to this gateway from now on */
  deliverStatusesTo(webhookUrl: string): void;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const graph = await startGraphEmulator({ token: harnessEnv.GRAPH_TOKEN });
  const salesforce = await startSalesforceEmulator({
    users: SALESFORCE_OWNERS.map((Id, i) => ({ Id, Name: `Owner ${i + 1}` })),
    dailyApiLimit: 100_000_000,
  });
  const hubspot = await startHubspotEmulator({ accessToken: 'hs-token' });
  await createLeadwireProperties(hubspot);
  hubspot.resetCalls();
  return {
    graph,
    salesforce,
    hubspot,
    env: {
      ...harnessEnv,
      SF_SECRET: salesforce.clientSecret,
      SF_ACCESS: salesforce.accessToken,
      SF_REFRESH: salesforce.refreshToken,
      HUBSPOT_TOKEN: 'hs-token',
      LEADWIRE_SECRET_KEY: randomBytes(32).toString('base64'),
    },
    deliverStatusesTo(webhookUrl) {
      graph.setStatusWebhook({ url: webhookUrl, appSecret: APP_SECRET });
    },
    async close() {
      await graph.close();
      await salesforce.close();
      await hubspot.close();
    },
  };
}

export interface WorldConfigOptions {
  /** 0 = any free port (in-process runs); a fixed one for a gateway that restarts */
  port: number;
  dir: string;
  /** scale-out: the environment variable holding the Redis URL, and the key prefix */
  redis?: { urlVariable: string; prefix: string };
  turns?: ConfigInput['turns'];
  /** write Leads to the CRMs (default true) */
  crm?: boolean;
  /** LLM mode for acme */
  llm?: LlmConfigInput;
}

export function worldConfig(world: World, options: WorldConfigOptions): ConfigInput {
  const crm = options.crm ?? true;
  return {
    server: { port: options.port, host: '127.0.0.1' },
    storage: {
      sqlitePath: join(options.dir, 'leadwire.db'),
      sqliteSynchronous: 'NORMAL',
      ...(options.redis === undefined
        ? {}
        : { redisUrl: `env:${options.redis.urlVariable}`, redisPrefix: options.redis.prefix }),
    },
    turns: {
      debounceMs: 100,
      maxWaitMs: 500,
      backoffMs: 50,
      // A turn unlucky through many faults in a row waits at most 5 s, so the run settles soon after the storm.
      maxBackoffMs: 5000,
      attempts: 30,
      leaseMs: 2000,
      concurrency: 16,
      ...options.turns,
    },
    whatsapp: {
      verifyToken: 'env:VERIFY_TOKEN',
      graphBaseUrl: world.graph.url,
      replyIntervalMs: 0,
      apps: [{ id: 'meta-app', appSecret: 'env:ACME_SECRET' }],
    },
    ...(crm
      ? {
          salesforce: {
            consumerKey: world.salesforce.clientId,
            consumerSecret: 'env:SF_SECRET',
            publicUrl: 'https://leadwire.example.com',
            loginUrl: world.salesforce.url,
            apiVersion: world.salesforce.apiVersion,
          },
        }
      : {}),
    logging: { level: 'warn' },
    tenants: [
      {
        id: 'acme',
        whatsapp: {
          app: 'meta-app',
          phoneNumberIds: [SALESFORCE_NUMBER.phoneNumberId],
          accessToken: 'env:GRAPH_TOKEN',
        },
        intake: exampleIntakeInput,
        ...(options.llm === undefined ? {} : { llm: options.llm }),
        routing: {
          users: SALESFORCE_OWNERS.map((id, i) => ({ id, name: `Owner ${i + 1}`, groups: ['sales'] })),
          groups: [{ id: 'sales' }],
          rules: [{ id: 'all', targets: [{ group: 'sales' }] }],
        },
        ...(crm
          ? {
              crm: {
                salesforce: {
                  instanceUrl: world.salesforce.url,
                  orgId: world.salesforce.orgId,
                  accessToken: 'env:SF_ACCESS',
                  refreshToken: 'env:SF_REFRESH',
                },
              },
            }
          : {}),
      },
      {
        id: 'globex',
        whatsapp: {
          app: 'meta-app',
          phoneNumberIds: [HUBSPOT_NUMBER.phoneNumberId],
          accessToken: 'env:GRAPH_TOKEN',
        },
        intake: exampleIntakeInput,
        routing: {
          users: HUBSPOT_OWNERS.map((id, i) => ({ id, name: `Rep ${i + 1}`, groups: ['cleaning'] })),
          groups: [{ id: 'cleaning' }],
          rules: [{ id: 'cleaning', targets: [{ group: 'cleaning' }] }],
        },
        ...(crm
          ? {
              crm: {
                hubspot: {
                  accessToken: 'env:HUBSPOT_TOKEN',
                  portalId: String(world.hubspot.portal.id),
                  apiBaseUrl: world.hubspot.url,
                },
              },
            }
          : {}),
      },
    ],
  };
}

/** Writes the config where `leadwire -c` reads it. */
/** Leadwire in this process (gateway and worker) against the world, whose status webhooks go to it. */
export async function runInWorld(
  world: World,
  config: ConfigInput,
): Promise<{ running: Running; url: string }> {
  const running = await run({
    config: configSchema.parse(config),
    env: world.env,
    gateway: true,
    worker: true,
    logger: createLogger({ level: 'silent' }),
  });
  const url = `${running.url}/webhooks/whatsapp`;
  world.deliverStatusesTo(url);
  return { running, url };
}

export function writeConfig(config: ConfigInput, dir: string): string {
  const path = join(dir, 'leadwire.json');
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}
