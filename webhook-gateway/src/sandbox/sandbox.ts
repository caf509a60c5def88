// The sandbox: Leadwire on a laptop with no Meta, HubSpot, Salesforce or OpenAI account. The Graph API,
// HubSpot, Salesforce and an OpenAI-compatible endpoint are emulators started in this process (Leadwire talks
// to them over HTTP with the real SDKs, exactly as it would to the real services); the clock can be moved
// forward to see SLA re-routes; state lives in a fresh SQLite file, since the emulators forget on exit.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock, Config } from '@leadwire/connector-core';
import { setupHubspotPortal } from '@leadwire/hubspot-app';
import { type HubspotEmulator, startHubspotEmulator } from '@leadwire/hubspot-app/emulator';
import { type SalesforceEmulator, startSalesforceEmulator } from '@leadwire/salesforce-package/emulator';
import type { Logger } from '../observability/logger.ts';
import { type Running, run } from '../server.ts';
import { type GraphEmulator, startGraphEmulator } from '../whatsapp/graph-emulator.ts';
import { type OpenAiEmulator, startOpenAiEmulator, transcriptResponder } from './openai-emulator.ts';
import {
  fullName,
  SANDBOX_BUSINESS,
  type SandboxSecrets,
  sandboxConfig,
  sandboxTeam,
} from './sandbox-config.ts';
import { type SandboxDriver, sandboxDriver } from './sandbox-driver.ts';
import { sandboxRoutes } from './sandbox-routes.ts';

/** A clock that can be moved forward (never back), for SLA re-routes and pool alerts without waiting. */
export interface SandboxClock extends Clock {
  /** minutes moved forward so far */
  offsetMinutes(): number;
  advance(minutes: number): void;
}

export function sandboxClock(): SandboxClock {
  let offsetMs = 0;
  return {
    now: () => Date.now() + offsetMs,
    offsetMinutes: () => offsetMs / 60_000,
    advance(minutes) {
      offsetMs += Math.max(0, minutes) * 60_000;
    },
  };
}

export interface Sandbox {
  config: Config;
  env: SandboxSecrets;
  clock: SandboxClock;
  graph: GraphEmulator;
  hubspot: HubspotEmulator;
  salesforce: SalesforceEmulator;
  openAi: OpenAiEmulator;
  /** where the sandbox keeps its state (removed on close) */
  dataDir: string;
  /** a voice note's words, told to the emulated transcriber (audio it has no words for is "unclear") */
  sayInVoiceNote(audio: Buffer, words: string): void;
  close(): Promise<void>;
}

/** Start the emulators and build the sandbox config around them. `port` is the gateway's (0 = any). */
export async function startSandbox(options: { port?: number; host?: string } = {}): Promise<Sandbox> {
  const clock = sandboxClock();
  const secrets = {
    graph: 'sandbox-graph-token',
    hubspot: 'sandbox-hubspot-token',
    openAi: 'sandbox-openai-key',
  };
  const spoken = new Map<string, string>();
  const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  const [graph, hubspot, salesforce, openAi] = await Promise.all([
    startGraphEmulator({ token: secrets.graph, clock: () => clock.now() }),
    startHubspotEmulator({ accessToken: secrets.hubspot }),
    startSalesforceEmulator({
      users: sandboxTeam.map((person) => ({
        Id: person.ids.salesforce,
        Name: fullName(person),
        Email: `${person.key}@oasis.example`,
      })),
    }),
    startOpenAiEmulator({
      apiKey: secrets.openAi,
      transcriber: (request) => {
        const words = spoken.get(digest(request.file.bytes));
        return words === undefined ? transcriptResponder(request) : { text: words };
      },
    }),
  ]);
  seedHubspotTeam(hubspot);
  const dataDir = mkdtempSync(join(tmpdir(), 'leadwire-sandbox-'));
  const config = sandboxConfig(
    {
      graphUrl: graph.url,
      wabaId: graph.wabaId,
      openAiUrl: openAi.baseURL,
      hubspot: { url: hubspot.url, portalId: hubspot.portalId },
      salesforce: {
        url: salesforce.url,
        orgId: salesforce.orgId,
        clientId: salesforce.clientId,
        apiVersion: salesforce.apiVersion,
      },
    },
    { sqlitePath: join(dataDir, 'sandbox.db'), ...options },
  );
  const env: SandboxSecrets = {
    LEADWIRE_SANDBOX_APP_SECRET: 'sandbox-app-secret',
    LEADWIRE_SANDBOX_VERIFY_TOKEN: 'sandbox-verify-token',
    LEADWIRE_SANDBOX_GRAPH_TOKEN: secrets.graph,
    LEADWIRE_SANDBOX_OPENAI_KEY: secrets.openAi,
    LEADWIRE_SANDBOX_HUBSPOT_TOKEN: secrets.hubspot,
    LEADWIRE_SANDBOX_SF_SECRET: salesforce.clientSecret,
    LEADWIRE_SANDBOX_SF_ACCESS: salesforce.accessToken,
    LEADWIRE_SANDBOX_SF_REFRESH: salesforce.refreshToken,
    LEADWIRE_SECRET_KEY: randomBytes(32).toString('base64'),
  };
  // What `leadwire setup hubspot` does after an install: Leadwire's properties on the portal.
  const setup = await setupHubspotPortal({ accessToken: secrets.hubspot, basePath: hubspot.url });
  if (setup.problems.length > 0)
    throw new Error(`sandbox: HubSpot setup reported problems: ${setup.problems.join('; ')}`);
  hubspot.resetCalls();

  return {
    config,
    env,
    clock,
    graph,
    hubspot,
    salesforce,
    openAi,
    dataDir,
    sayInVoiceNote(audio, words) {
      spoken.set(digest(audio), words);
    },
    async close() {
      await Promise.allSettled([graph.close(), hubspot.close(), salesforce.close(), openAi.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The portal's owners and users are the sandbox team (HubSpot owner id = the team member's `ids.hubspot`). */
function seedHubspotTeam(hubspot: HubspotEmulator): void {
  const team = {
    id: '9100',
    name: SANDBOX_BUSINESS,
    userIds: [] as string[],
    secondaryUserIds: [] as string[],
  };
  hubspot.portal.teams = [team];
  hubspot.portal.owners = sandboxTeam.map((person, i) => {
    const userId = 7001 + i;
    team.userIds.push(String(userId));
    return {
      id: person.ids.hubspot,
      userId,
      email: `${person.key}@oasis.example`,
      firstName: person.firstName,
      lastName: person.lastName,
      archived: false,
      teams: [{ id: team.id, name: team.name, primary: true }],
    };
  });
  hubspot.portal.users = hubspot.portal.owners.map((owner) => ({
    id: String(owner.userId),
    email: owner.email,
    firstName: owner.firstName,
    lastName: owner.lastName,
    primaryTeamId: team.id,
    secondaryTeamIds: [],
  }));
}

/** The sandbox running: emulators, Leadwire (gateway + worker, embedded) and the sandbox's page and API. */
export interface RunningSandbox {
  sandbox: Sandbox;
  running: Running;
  driver: SandboxDriver;
  url: string;
  close(): Promise<void>;
}

export async function runSandbox(
  options: { port?: number; host?: string; logger?: Logger } = {},
): Promise<RunningSandbox> {
  const sandbox = await startSandbox(options);
  let url: string | undefined;
  let driver: SandboxDriver | undefined;
  try {
    const running = await run({
      config: sandbox.config,
      env: { ...sandbox.env },
      gateway: true,
      worker: true,
      clock: sandbox.clock,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      routes: (context) => {
        driver = sandboxDriver(sandbox, context, () => {
          if (url === undefined) throw new Error('the sandbox gateway is not listening yet');
          return url;
        });
        return sandboxRoutes(driver);
      },
    });
    url = running.url!;
    // Meta reports each sent message's progress (sent, delivered) back to the webhook, as it does live.
    sandbox.graph.setStatusWebhook({
      url: `${url}/webhooks/whatsapp`,
      appSecret: sandbox.env.LEADWIRE_SANDBOX_APP_SECRET,
    });
    const ready = driver!;
    return {
      sandbox,
      running,
      driver: ready,
      url,
      async close() {
        await running.close();
        await sandbox.close();
      },
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}
