// Test harness: a real gateway (and optionally worker) on an ephemeral port, with its own SQLite file or
// its own Redis prefix, and helpers to post signed WhatsApp deliveries.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Config, type ConfigInput, configSchema, type TurnHandler } from '@leadwire/connector-core';
import { deleteTestKeys, testPrefix, testRedisUrl } from '@leadwire/connector-core/testing';
import { createLogger, type Logger } from '../../src/observability/logger.ts';
import { type Running, run } from '../../src/server.ts';
import { signBody } from '../../src/webhook/signature.ts';
import type { GraphEmulator } from '../../src/whatsapp/graph-emulator.ts';

export const fixturesDir = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'shared',
  'fixtures',
  'whatsapp',
);
export const DOC_PHONE_NUMBER_ID = '106540352242922';
export const SECOND_PHONE_NUMBER_ID = '222333444555666';
export const secrets = { acme: 'acme-app-secret', globex: 'globex-app-secret' } as const;

export function fixture(name: string): string {
  return readFileSync(join(fixturesDir, name), 'utf8');
}

export function fixtureNames(): string[] {
  return readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export interface Harness {
  url: string;
  config: Config;
  running: Running;
  /** posts a signed delivery; unless `drain` is false, resolves once the ingester has taken it in */
  post(
    body: string | Buffer,
    options?: { secret?: string | null; headers?: Record<string, string>; drain?: boolean },
  ): Promise<Response>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** a whole config to use instead of testConfig(options) */
  config?: ConfigInput;
  mode?: 'embedded' | 'scale-out';
  worker?: boolean;
  /** ingest the delivery log in this process (default true); post() then waits until its delivery is in */
  ingest?: boolean;
  handler?: TurnHandler;
  turns?: ConfigInput['turns'];
  /** more environment variables (secrets the config names) */
  env?: Record<string, string>;
  /** where the gateway logs (default: nowhere) */
  logger?: Logger;
  /** the Graph emulator playing Meta: each posted delivery is one Meta delivered (it opens the customer's window) */
  graph?: Pick<GraphEmulator, 'observe'>;
}

export const harnessEnv = {
  ACME_SECRET: secrets.acme,
  GLOBEX_SECRET: secrets.globex,
  VERIFY_TOKEN: 'verify-me',
  GRAPH_TOKEN: 'test-graph-token',
  OPENAI_KEY: 'test-openai-key',
  ADMIN_TOKEN: 'admin-secret-token-of-24-chars',
};

/** The Redis prefixes this test file's scale-out configs use: their keys are deleted when the file ends. */
const scaleOutPrefixes = new Set<string>();
after(async () => {
  for (const prefix of scaleOutPrefixes) await deleteTestKeys(prefix);
});

/** Two tenants on two Meta apps: acme owns Meta's documentation number, globex a second one. */
export function testConfig(options: HarnessOptions = {}): ConfigInput {
  const dir = mkdtempSync(join(tmpdir(), 'leadwire-gw-'));
  const redisPrefix = testPrefix('gw');
  if (options.mode === 'scale-out') scaleOutPrefixes.add(redisPrefix);
  return {
    server: { port: 0, host: '127.0.0.1' },
    storage: {
      sqlitePath: join(dir, 'leadwire.db'),
      sqliteSynchronous: 'NORMAL',
      redisPrefix,
      ...(options.mode === 'scale-out' ? { redisUrl: 'env:TEST_REDIS_URL' } : {}),
    },
    turns: { debounceMs: 50, maxWaitMs: 200, backoffMs: 20, ...options.turns },
    whatsapp: {
      verifyToken: 'env:VERIFY_TOKEN',
      apps: [
        { id: 'acme-app', appSecret: 'env:ACME_SECRET' },
        { id: 'globex-app', appSecret: 'env:GLOBEX_SECRET' },
      ],
    },
    logging: { level: 'silent' },
    tenants: [
      { id: 'acme', whatsapp: { app: 'acme-app', phoneNumberIds: [DOC_PHONE_NUMBER_ID] } },
      { id: 'globex', whatsapp: { app: 'globex-app', phoneNumberIds: [SECOND_PHONE_NUMBER_ID] } },
    ],
  };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const config = configSchema.parse(options.config ?? testConfig(options));
  const running = await run({
    config,
    env: { ...harnessEnv, TEST_REDIS_URL: testRedisUrl, ...options.env },
    gateway: true,
    worker: options.worker ?? false,
    ingest: options.ingest ?? true,
    ...(options.handler === undefined ? {} : { handler: options.handler }),
    logger: options.logger ?? createLogger({ level: 'silent' }),
  });
  const url = running.url!;
  return {
    url,
    config,
    running,
    async post(body, { secret = secrets.acme, headers = {}, drain = true } = {}) {
      options.graph?.observe(body);
      const sig: Record<string, string> =
        secret === null ? {} : { 'x-hub-signature-256': signBody(body, secret) };
      const response = await fetch(`${url}/webhooks/whatsapp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...sig, ...headers },
        body,
      });
      // What was acknowledged is in the delivery log; tests look at what the ingester made of it.
      if (drain) await running.ingester?.drained();
      return response;
    },
    close: () => running.close(),
  };
}

/** A webhook POST body with one change of `field` carrying `value` (metadata added), as Meta sends it. */
export function webhookBody(
  value: Record<string, unknown>,
  options: { field?: string; phoneNumberId?: string } = {},
): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: options.field ?? 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: '15550783881',
                phone_number_id: options.phoneNumberId ?? DOC_PHONE_NUMBER_ID,
              },
              ...value,
            },
          },
        ],
      },
    ],
  });
}

/** A webhook body with one text message. */
export function textBody(options: {
  wamid: string;
  from?: string;
  text?: string;
  timestamp?: number;
  phoneNumberId?: string;
}): string {
  const from = options.from ?? '16505551234';
  return webhookBody(
    {
      contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: from }],
      messages: [
        {
          from,
          id: options.wamid,
          timestamp: String(options.timestamp ?? 1750000000),
          type: 'text',
          text: { body: options.text ?? 'Hi, I need a deep cleaning' },
        },
      ],
    },
    options.phoneNumberId === undefined ? {} : { phoneNumberId: options.phoneNumberId },
  );
}

export function statusBody(statuses: Array<{ wamid: string; status: string; timestamp: number }>): string {
  return webhookBody({
    statuses: statuses.map((s) => ({
      id: s.wamid,
      status: s.status,
      timestamp: String(s.timestamp),
      recipient_id: '16505551234',
    })),
  });
}

/** Polls `check` until it returns a value (not undefined), failing with `what` after `timeoutMs`. */
export async function until<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

let customerMessages = 0;

/** A webhook body with one message a customer sent now (or at `seconds`), and its wamid. */
export function customerMessage(
  from: string,
  content: Record<string, unknown>,
  options: { name?: string; seconds?: number } = {},
): { body: string; wamid: string } {
  customerMessages++;
  const wamid = `wamid.test-${customerMessages}`;
  const timestamp = String(options.seconds ?? Math.floor(Date.now() / 1000));
  const body = webhookBody({
    contacts: [{ profile: { name: options.name ?? 'Customer' }, wa_id: from }],
    messages: [{ from, id: wamid, timestamp, ...content }],
  });
  return { body, wamid };
}

/** A customer's text message (the webhook body). */
export const customerText = (
  from: string,
  text: string,
  options?: { name?: string; seconds?: number },
): string => customerMessage(from, { type: 'text', text: { body: text } }, options).body;

/** A customer's tap on a reply button (the webhook body). */
export const customerTap = (from: string, id: string, title = id): string =>
  customerMessage(from, {
    type: 'interactive',
    interactive: { type: 'button_reply', button_reply: { id, title } },
  }).body;
