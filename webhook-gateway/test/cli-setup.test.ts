// `leadwire setup hubspot` and `leadwire install-link` as a user runs them: the real command in a child process
// against the HubSpot emulator (the real SDK over HTTP), for a fixed-token tenant and for a tenant that installs
// the app through OAuth with the operator's install link.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { configSchema, deriveInstallLinkKey, installLinks, parseSecretKey } from '@leadwire/connector-core';
import { leadwirePropertyDefinitions } from '@leadwire/hubspot-app';
import {
  type HubspotEmulator,
  projectApp,
  startHubspotEmulator,
} from '../../hubspot-app/emulator/hubspot-emulator.ts';
import { createLogger } from '../src/observability/logger.ts';
import { openCrm } from '../src/runtime/crm.ts';

const bin = join(import.meta.dirname, '..', 'bin', 'leadwire.js');

/** Runs the CLI without blocking this process's event loop (the emulator answers from it). */
function leadwire(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...process.env, REDIS_URL: '', ...env }, cwd: mkdtempSync(join(tmpdir(), 'leadwire-setup-')) },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

function writeConfig(hubspot: Record<string, unknown>[], app?: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'leadwire-setup-cfg-'));
  const file = join(dir, 'leadwire.json');
  const config = {
    storage: { sqlitePath: join(dir, 'leadwire.db') },
    logging: { level: 'silent' },
    whatsapp: { verifyToken: 'env:VT', apps: [{ id: 'main', appSecret: 'env:AS' }] },
    ...(app === undefined ? {} : { hubspot: app }),
    tenants: hubspot.map((crm, i) => ({
      id: i === 0 ? 'acme' : `tenant-${i}`,
      whatsapp: { app: 'main', phoneNumberIds: [String(106540352242922 + i)] },
      crm: { hubspot: crm },
    })),
  };
  writeFileSync(file, JSON.stringify(config));
  return { file, config };
}
const baseEnv = { VT: 'v', AS: 's', HUBSPOT_TOKEN: 'hs-token' };
const posts = (hs: HubspotEmulator) => hs.calls.log.filter((c) => c.method === 'POST');

describe('leadwire setup hubspot (fixed token)', () => {
  let hs: HubspotEmulator;
  before(async () => {
    hs = await startHubspotEmulator({ accessToken: 'hs-token' });
  });
  after(() => hs.close());
  const tenant = () => ({
    accessToken: 'env:HUBSPOT_TOKEN',
    portalId: String(hs.portalId),
    apiBaseUrl: hs.url,
  });

  it('creates the group and properties, prints them, and a second run creates nothing', async () => {
    const { file } = writeConfig([tenant()]);
    const first = await leadwire(['setup', 'hubspot', '-c', file], baseEnv);
    assert.equal(first.status, 0, first.stderr + first.stdout);
    assert.match(first.stdout, /^HubSpot portal 123456 \(tenant acme\)$/m);
    assert.match(first.stdout, /^created {2}property group contacts\.leadwire$/m);
    assert.match(first.stdout, /^created {2}property contacts\.leadwire_conversation_id \(unique\)$/m);
    assert.match(first.stdout, /^found {4}ticket pipeline 0 \(Support Pipeline\), stage 1 \(New\)$/m);
    assert.match(
      first.stdout,
      /^found {4}leads: Leads object \(0-136\), lead → contact association type 578/m,
    );
    assert.doesNotMatch(first.stdout, /^problem/m);
    assert.equal(hs.portal.properties.contacts.get('leadwire_conversation_id')?.hasUniqueValue, true);
    for (const d of leadwirePropertyDefinitions()) assert.ok(hs.portal.properties[d.objectType].has(d.name));

    hs.resetCalls();
    const second = await leadwire(['setup', 'hubspot', '--tenant', 'acme', '-c', file], baseEnv);
    assert.equal(second.status, 0, second.stderr + second.stdout);
    assert.equal(posts(hs).length, 0, 'the second run sends no POST');
    assert.doesNotMatch(second.stdout, /^created/m);
    assert.match(second.stdout, /^found {4}property contacts\.leadwire_conversation_id \(unique\)$/m);
    assert.match(second.stdout, /^0 created, \d+ found, 0 problem\(s\)$/m);
  });

  it('exits 1 and names the problem when a configured pipeline does not exist', async () => {
    const { file } = writeConfig([{ ...tenant(), dealPipeline: 'no-such-pipeline' }]);
    const { status, stdout } = await leadwire(['setup', 'hubspot', '-c', file], baseEnv);
    assert.equal(status, 1, stdout);
    assert.match(
      stdout,
      /^problem {2}deal pipeline "no-such-pipeline" does not exist; deal pipelines: default \(Sales Pipeline\)$/m,
    );
    assert.match(stdout, /, 1 problem\(s\)$/m);
  });

  it('exits 1 with HubSpot’s refusal when the token is wrong', async () => {
    const { file } = writeConfig([tenant()]);
    const { status, stderr } = await leadwire(['setup', 'hubspot', '-c', file], {
      ...baseEnv,
      HUBSPOT_TOKEN: 'wrong',
    });
    assert.equal(status, 1);
    assert.match(stderr, /^leadwire: HubSpot answered HTTP 401/);
  });

  it('asks for --tenant when several tenants use HubSpot, and refuses one that does not', async () => {
    const { file } = writeConfig([tenant(), tenant()]);
    const several = await leadwire(['setup', 'hubspot', '-c', file], baseEnv);
    assert.equal(several.status, 2);
    assert.match(several.stderr, /several tenants use HubSpot \(acme, tenant-1\): pick one with --tenant/);
    const unknown = await leadwire(['setup', 'hubspot', '--tenant', 'nope', '-c', file], baseEnv);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /tenant "nope" has no crm\.hubspot section/);
  });
});

describe('leadwire setup hubspot (OAuth installation)', () => {
  let hs: HubspotEmulator;
  before(async () => {
    hs = await startHubspotEmulator();
  });
  after(() => hs.close());

  it('uses the installed portal and checks the scopes the installation granted', async () => {
    const app = {
      clientId: hs.clientId,
      clientSecret: 'env:HS_CLIENT_SECRET',
      publicUrl: 'https://leadwire.example.com',
      apiBaseUrl: hs.url,
    };
    const { file, config } = writeConfig([{}], app);
    const env = {
      ...baseEnv,
      HS_CLIENT_SECRET: hs.clientSecret,
      LEADWIRE_SECRET_KEY: randomBytes(32).toString('base64'),
    };

    const before = await leadwire(['setup', 'hubspot', '-c', file], env);
    assert.equal(before.status, 1);
    assert.match(before.stderr, /tenant "acme" has not installed the HubSpot app/);

    // The operator makes an install link; acme's admin installs the app with it, in the storage the command reads.
    const made = await leadwire(['install-link', 'hubspot', '-c', file], env);
    assert.equal(made.status, 0, made.stderr);
    const link = new URL(made.stdout.split('\n')[0]!).searchParams.get('link')!;
    const crm = openCrm(
      configSchema.parse(config),
      { ...process.env, ...env },
      createLogger({ level: 'silent' }),
    );
    try {
      const state = new URL(await crm.hubspotOAuth!.installUrl(link)).searchParams.get('state')!;
      // An installation made before the app asked for the crm.schemas.* scopes.
      const granted = projectApp().requiredScopes.filter((scope) => !scope.startsWith('crm.schemas.'));
      await crm.hubspotOAuth!.handleCallback({ code: hs.issueAuthCode(undefined, granted), state });
    } finally {
      await crm.close();
    }

    const { status, stdout } = await leadwire(['setup', 'hubspot', '-c', file], env);
    // Without the crm.schemas.* scopes setup still creates what it can, and says what is missing.
    assert.equal(status, 1, stdout);
    assert.match(stdout, /^HubSpot portal 123456 \(tenant acme\)$/m);
    assert.match(
      stdout,
      /^problem {2}scopes: the installation lacks crm\.schemas\.contacts\.write, crm\.schemas\.deals\.write, crm\.schemas\.tickets\.write; reinstall the app/m,
    );
    assert.match(
      stdout,
      /^problem {2}property group contacts\.leadwire could not be created: HubSpot answered HTTP 403/m,
    );
    assert.match(stdout, /^created {2}property tasks\.leadwire_key \(unique\)$/m);
  });
});

describe('leadwire setup salesforce (fixed session)', () => {
  it('checks every object and field of the package and exits 1 on a problem (here: the integration user is unknown)', async () => {
    const { startSalesforceEmulator } = await import(
      '../../salesforce-package/emulator/salesforce-emulator.ts'
    );
    const sf = await startSalesforceEmulator();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'leadwire-setup-sf-'));
      const file = join(dir, 'leadwire.json');
      writeFileSync(
        file,
        JSON.stringify({
          storage: { sqlitePath: join(dir, 'leadwire.db') },
          logging: { level: 'silent' },
          whatsapp: { verifyToken: 'env:VT', apps: [{ id: 'main', appSecret: 'env:AS' }] },
          tenants: [
            {
              id: 'acme',
              whatsapp: { app: 'main', phoneNumberIds: ['106540352242922'] },
              crm: {
                salesforce: {
                  instanceUrl: sf.url,
                  orgId: sf.orgId,
                  accessToken: 'env:SF_ACCESS',
                  // values a new org's picklists have (the default "WhatsApp" would be reported missing)
                  leadSource: 'Web',
                  caseOrigin: 'Web',
                },
              },
            },
          ],
        }),
      );
      const result = await leadwire(['setup', 'salesforce', '-c', file], {
        ...baseEnv,
        SF_ACCESS: sf.accessToken,
      });
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stdout, /Salesforce org .* \(tenant acme\)/);
      assert.match(result.stdout, /\d+ present, 0 missing, 1 problem/);
      assert.match(result.stdout, /Leadwire_Integration was not checked/);
    } finally {
      await sf.close();
    }
  });
});

describe('leadwire install-link', () => {
  const app = {
    clientId: 'leadwire-app',
    clientSecret: 'env:HS_CLIENT_SECRET',
    publicUrl: 'https://leadwire.example.com',
  };
  const secretKey = randomBytes(32).toString('base64');
  const env = { ...baseEnv, HS_CLIENT_SECRET: 'app-secret', LEADWIRE_SECRET_KEY: secretKey };
  const checkLink = (url: string, now = Date.now()) =>
    installLinks(deriveInstallLinkKey(parseSecretKey(secretKey))).check(
      new URL(url).searchParams.get('link')!,
      'hubspot',
      now,
    );

  it('prints the single-use link under the public URL with its expiry (24 hours by default)', async () => {
    const { file } = writeConfig([{}], app);
    const started = Date.now();
    const { status, stdout, stderr } = await leadwire(['install-link', 'hubspot', '-c', file], env);
    assert.equal(status, 0, stderr);
    const [url, expiry, linked] = stdout.split('\n');
    assert.match(url!, /^https:\/\/leadwire\.example\.com\/oauth\/hubspot\/install\?link=[\w-]+\.[\w-]+$/);
    const check = checkLink(url!);
    assert.ok(check.ok);
    assert.equal(check.tenantId, 'acme');
    assert.equal(check.relink, false);
    assert.ok(check.expiresAt >= started + 24 * 3_600_000 && check.expiresAt <= Date.now() + 24 * 3_600_000);
    assert.equal(
      expiry,
      `Install link for tenant acme (HubSpot): it works once, until ${new Date(check.expiresAt).toISOString()} (24 h).`,
    );
    assert.match(linked!, /^Tenant acme is not linked to a HubSpot portal yet/);
  });

  it('makes a re-link link only when asked, for the time asked', async () => {
    const { file } = writeConfig([{}], app);
    const { status, stdout } = await leadwire(
      ['install-link', 'hubspot', '--tenant', 'acme', '--relink', '--expires-in', '2h', '-c', file],
      env,
    );
    assert.equal(status, 0);
    const check = checkLink(stdout.split('\n')[0]!);
    assert.ok(check.ok && check.relink);
    assert.ok(Math.abs(check.expiresAt - (Date.now() + 2 * 3_600_000)) < 60_000);
    assert.ok(!checkLink(stdout.split('\n')[0]!, Date.now() + 3 * 3_600_000).ok, 'expired after 2 hours');
  });

  it('refuses what cannot be installed, with the reason', async () => {
    const fixed = writeConfig([{ accessToken: 'env:HUBSPOT_TOKEN', portalId: '1' }], app);
    const oauth = writeConfig([{}], app);
    const { LEADWIRE_SECRET_KEY: _, ...noKey } = env;
    const cases: [string[], Record<string, string>, number, RegExp][] = [
      [['install-link', 'hubspot', '-c', fixed.file], env, 1, /reaches HubSpot with a fixed token/],
      [['install-link', 'zoho', '-c', oauth.file], env, 2, /the CRM is hubspot or salesforce/],
      [['install-link', 'hubspot', '--expires-in', '8d', '-c', oauth.file], env, 1, /at most 7 days/],
      [['install-link', 'hubspot', '-c', oauth.file], noKey, 1, /LEADWIRE_SECRET_KEY is not set/],
    ];
    const results = await Promise.all(cases.map(([args, caseEnv]) => leadwire(args, caseEnv)));
    for (const [i, [args, , code, message]] of cases.entries()) {
      const { status, stdout, stderr } = results[i]!;
      assert.equal(status, code, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, message);
      assert.equal(stdout, '', 'no link printed');
    }
  });
});
