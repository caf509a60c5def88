// The `leadwire` command line.
// Each command loads what it needs when it runs: `--help`, `config validate` and `normalize` never load the
// runtime, the CRM clients or the intake.
import { existsSync, readFileSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import type { Config, DirectoryFile, TenantConfig } from '@leadwire/connector-core';
import { Command } from 'commander';
import type { openCrm } from '../runtime/crm.ts';
import type { routingService } from '../runtime/routing-service.ts';
import type { SimulateOptions } from './simulate.ts';

// Node keeps the compiled (and type-stripped) modules between runs: a command loads in about two thirds the time.
enableCompileCache();

const DEFAULT_CONFIG = 'leadwire.yaml';

// Output piped into `head` and closed early is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

function fail(message: string, code = 2): never {
  process.stderr.write(`leadwire: ${message}\n`);
  process.exit(code);
}

function configPathOf(option: string | undefined): string | undefined {
  return option ?? process.env.LEADWIRE_CONFIG ?? (existsSync(DEFAULT_CONFIG) ? DEFAULT_CONFIG : undefined);
}

/** The config to run with, or exit with the reason. */
async function loadOrFail(option: string | undefined): Promise<Config> {
  const path = configPathOf(option);
  if (path === undefined)
    fail(`no config: pass --config FILE, set LEADWIRE_CONFIG, or create ./${DEFAULT_CONFIG}`);
  const { loadConfigFile } = await import('@leadwire/connector-core/config');
  try {
    return loadConfigFile(path);
  } catch (error) {
    fail((error as Error).message);
  }
}

function readInput(file: string | undefined): string {
  try {
    return readFileSync(file === undefined || file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    fail(`cannot read ${file ?? 'standard input'}: ${(error as Error).message}`);
  }
}

function stopOnSignals(close: () => Promise<void>): void {
  const stop = (): void => {
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`leadwire: shutdown failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function serve(option: string | undefined, gateway: boolean, worker: boolean): Promise<void> {
  const config = await loadOrFail(option);
  const { run } = await import('../server.ts');
  const running = await run({ config, gateway, worker, workThread: true });
  if (running.url !== undefined) {
    process.stdout.write(`Leadwire (${running.runtime.mode}) is listening on ${running.url}\n`);
    process.stdout.write(
      `  WhatsApp webhook: ${running.url}/webhooks/whatsapp   health: /healthz /readyz   metrics: /metrics\n`,
    );
  }
  stopOnSignals(() => running.close());
}

/** `start` with no config at all: the sandbox, everything emulated in this process. */
async function serveSandbox(): Promise<void> {
  const port = process.env.PORT === undefined ? 3000 : Number(process.env.PORT);
  const host = process.env.HOST ?? '127.0.0.1';
  const { runSandbox } = await import('../sandbox/sandbox.ts');
  const sandbox = await runSandbox({ port, host }).catch((error: NodeJS.ErrnoException) =>
    error.code === 'EADDRINUSE'
      ? fail(`${host}:${port} is already in use: stop what runs there, or set PORT to another port`)
      : Promise.reject(error),
  );
  const { config } = sandbox.sandbox;
  process.stdout.write(
    [
      `Leadwire sandbox is running (no config found, so nothing here talks to Meta, HubSpot, Salesforce or OpenAI).`,
      ``,
      `  Open ${sandbox.url}/sandbox and write to the business as a customer.`,
      ``,
      `  Emulated in this process: the WhatsApp Cloud API, a HubSpot portal, a Salesforce org and an`,
      `  OpenAI-compatible endpoint (voice-note transcription). The team, catalog and routing rules are in`,
      `  webhook-gateway/src/sandbox/sandbox-config.ts; state is kept in ${config.storage.sqlitePath}`,
      `  and forgotten on exit. Try \`npm run demo\` for the scripted scenarios.`,
      ``,
      `  WhatsApp webhook: ${sandbox.url}/webhooks/whatsapp (app secret "${sandbox.sandbox.env.LEADWIRE_SANDBOX_APP_SECRET}")   health: /healthz   metrics: /metrics`,
      `  To run for real: copy leadwire.example.yaml to leadwire.yaml (see the README).`,
      ``,
    ].join('\n'),
  );
  stopOnSignals(() => sandbox.close());
}

const program = new Command('leadwire')
  .description('Leadwire: WhatsApp conversations in, routed leads and tasks in HubSpot and Salesforce out')
  .showHelpAfterError();

program
  .command('start')
  .description('run the gateway and the worker in one process (embedded mode; the sandbox when no config)')
  .option('-c, --config <file>', 'config file (default: $LEADWIRE_CONFIG or ./leadwire.yaml)')
  .action((options: { config?: string }) =>
    configPathOf(options.config) === undefined ? serveSandbox() : serve(options.config, true, true),
  );

program
  .command('demo')
  .description("replay the customers' scenarios through the sandbox and print what happened")
  .option('--json', 'one JSON line per scenario instead of the table')
  .action(async (options: { json?: boolean }) => {
    const started = Date.now();
    const [{ createLogger }, { demoCells, formatDemoTable, runDemo }] = await Promise.all([
      import('../observability/logger.ts'),
      import('../sandbox/demo.ts'),
    ]);
    const rows = await runDemo({ logger: createLogger({ level: 'silent' }) });
    if (options.json) {
      for (const row of rows)
        process.stdout.write(
          `${JSON.stringify({ id: row.scenario.id, ...demoCells(row), state: row.state })}\n`,
        );
      return;
    }
    process.stdout.write(`${formatDemoTable(rows)}\n`);
    process.stdout.write(
      `${rows.length} scenarios through the sandbox (WhatsApp, HubSpot, Salesforce and OpenAI emulated) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  });

program
  .command('gateway')
  .description(
    'run only the HTTP gateway: it appends deliveries to the log (scale-out: several behind a load balancer)',
  )
  .option('-c, --config <file>', 'config file')
  .action((options: { config?: string }) => serve(options.config, true, false));

program
  .command('worker')
  .description(
    'run only the worker: it ingests the delivery log and runs turns (scale-out: as many as you need)',
  )
  .option('-c, --config <file>', 'config file')
  .action((options: { config?: string }) => serve(options.config, false, true));

program
  .command('normalize')
  .description('print the events of one WhatsApp webhook body, one JSON line each')
  .argument('[file]', 'the body; - or nothing reads standard input')
  .action(async (file: string | undefined) => {
    const { LeadwireError, normalizeWebhook, toNormalizedLine } = await import(
      '@leadwire/connector-core/model'
    );
    const text = readInput(file);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      fail(`not JSON: ${(error as Error).message}`);
    }
    try {
      const { events } = normalizeWebhook(body);
      for (const event of events) process.stdout.write(`${JSON.stringify(toNormalizedLine(event))}\n`);
    } catch (error) {
      if (error instanceof LeadwireError) fail(`not a WhatsApp webhook body: ${error.message}`);
      throw error;
    }
  });

program
  .command('simulate')
  .description('replay conversations through intake and policy: no CRM writes, no sends; one JSON line each')
  .option('-c, --config <file>', 'config file with a tenant that has an intake section')
  .option('--tenant <id>', 'the tenant to simulate (default: the first with an intake section)')
  .option('--directory <file>', 'users, presence and existing owners standing in for the CRM (JSON or YAML)')
  .option(
    '--scenario <file>',
    'a routing scenario (state, start, timed events); exit 1 when an expectation fails',
  )
  .option('--json', 'with --scenario: the run as JSON')
  .option(
    '--llm',
    "ask the tenant's model (its llm section) as the runtime would; each turn says whether and why",
  )
  .argument('[file]', 'conversations as JSON lines; - or nothing reads standard input')
  .action(
    async (
      file: string | undefined,
      options: {
        config?: string;
        tenant?: string;
        directory?: string;
        scenario?: string;
        json?: boolean;
        llm?: boolean;
      },
    ) => {
      if (options.scenario !== undefined) {
        const config = options.config === undefined ? undefined : await loadOrFail(options.config);
        const { runScenarioCommand } = await import('./simulate-scenario.ts');
        process.exitCode = await runScenarioCommand(options.scenario, config, options).catch((error: Error) =>
          fail(error.message),
        );
        return;
      }
      const config = await loadOrFail(
        options.config ?? fail('simulate needs -c <config file> (or --scenario)'),
      );
      const [
        { formatPath, loadDirectoryFile, systemClock },
        { simulate, simulatedConversation, simulatedRouting, tenantIntakeModel },
      ] = await Promise.all([import('@leadwire/connector-core'), import('./simulate.ts')]);
      let directory: DirectoryFile | undefined;
      try {
        directory = options.directory === undefined ? undefined : loadDirectoryFile(options.directory);
      } catch (error) {
        fail((error as Error).message);
      }
      const routing = simulatedRouting(config, directory, options.tenant);
      const lines = readInput(file)
        .split('\n')
        .map((line, i) => ({ line: line.trim(), number: i + 1 }))
        .filter(({ line }) => line !== '');
      // Every line is checked before any runs: a bad file changes nothing and names the line to fix.
      const conversations = lines.map(({ line, number }) => {
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch (error) {
          fail(`line ${number}: not JSON: ${(error as Error).message}`);
        }
        const parsed = simulatedConversation.safeParse(json);
        if (!parsed.success) {
          const problems = parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
          fail(`line ${number}: ${problems.join('; ')}`);
        }
        return parsed.data;
      });
      let simulateOptions: SimulateOptions = {};
      if (options.llm === true) {
        const tenant = config.tenants.find((t) =>
          options.tenant === undefined ? t.intake !== undefined : t.id === options.tenant,
        );
        try {
          if (tenant !== undefined) simulateOptions = { intakeModel: tenantIntakeModel(tenant) };
        } catch (error) {
          fail((error as Error).message);
        }
      }
      for (const conversation of conversations) {
        try {
          const result = await simulate(
            config,
            conversation,
            systemClock,
            options.tenant,
            routing,
            simulateOptions,
          );
          process.stdout.write(`${JSON.stringify(result)}\n`);
        } catch (error) {
          fail((error as Error).message);
        }
      }
    },
  );

program
  .command('eval')
  .description(
    "score a tenant's labelled conversations per intent and field; exit 1 below its eval.thresholds",
  )
  .requiredOption('-c, --config <file>', 'config file with a tenant that has an intake section')
  .option('--tenant <id>', 'the tenant to measure (default: the first with an intake section)')
  .option('--llm', "ask the tenant's model (its llm section), not only the offline intake")
  .option('--json', 'print the report as JSON')
  .argument('<file>', 'labelled conversations as JSON lines (simulate lines with an expected object)')
  .action(
    async (file: string, options: { config: string; tenant?: string; llm?: boolean; json?: boolean }) => {
      const config = await loadOrFail(options.config);
      const { runEvalCommand } = await import('./eval.ts');
      process.exitCode = await runEvalCommand(config, file, options).catch((error: Error) =>
        fail(error.message),
      );
    },
  );

const configCommand = program.command('config').description('check or describe the config file');
configCommand
  .command('validate')
  .description('validate a config file; prints every problem with its path')
  .argument('[file]', 'config file (default: $LEADWIRE_CONFIG or ./leadwire.yaml)')
  .action(async (file: string | undefined) => {
    const path = configPathOf(file) ?? fail(`no config file given and ./${DEFAULT_CONFIG} does not exist`);
    const { configWarnings, missingSecrets, parseConfig } = await import('@leadwire/connector-core/config');
    const { config, problems } = parseConfig(readInput(path));
    const all = config === undefined ? problems : missingSecrets(config);
    if (all.length > 0) {
      process.stderr.write(
        `${path} is not valid:\n${all.map((p) => `  ${p.path}: ${p.message}`).join('\n')}\n`,
      );
      process.exit(1);
    }
    for (const warning of config === undefined ? [] : configWarnings(config)) {
      process.stderr.write(`warning: ${warning.path}: ${warning.message}\n`);
    }
    process.stdout.write(`${path} is valid (${config?.tenants.length} tenant(s))\n`);
  });
configCommand
  .command('schema')
  .description('print the JSON Schema of the config file (for editor completion)')
  .action(async () => {
    const [{ configSchema }, { z }] = await Promise.all([
      import('@leadwire/connector-core/config'),
      import('zod'),
    ]);
    process.stdout.write(`${JSON.stringify(z.toJSONSchema(configSchema, { io: 'input' }), null, 2)}\n`);
  });

/** The runtime (store, log, queue) of the config, for commands that read or repair it. */
async function openRuntimeOf(option: string | undefined) {
  const config = await loadOrFail(option);
  const { openRuntime } = await import('../runtime/compose.ts');
  return openRuntime(config, process.env);
}

const dlq = program
  .command('dlq')
  .description('turns that exhausted their retries, and deliveries the ingester set aside (--deliveries)');
dlq
  .command('list')
  .description('list dead-lettered jobs (or, with --deliveries, webhook deliveries)')
  .option('-c, --config <file>', 'config file')
  .option(
    '--deliveries',
    'the webhook deliveries set aside: id, request id, received, tenant app, size, reason',
  )
  .action(async (options: { config?: string; deliveries?: boolean }) => {
    const runtime = await openRuntimeOf(options.config);
    try {
      if (options.deliveries === true) {
        const dead = await runtime.log.deadLetters();
        if (dead.length === 0) process.stdout.write('no dead-lettered deliveries\n');
        for (const delivery of dead) {
          process.stdout.write(
            `${delivery.id}\t${delivery.requestId}\t${new Date(delivery.receivedAt).toISOString()}\t${delivery.signedBy.join(',')}\t${delivery.rawBody.length} bytes\t${new Date(delivery.failedAt).toISOString()}\t${delivery.reason}\n`,
          );
        }
        return;
      }
      const dead = await runtime.queue.deadLetters();
      if (dead.length === 0) process.stdout.write('no dead-lettered jobs\n');
      for (const job of dead) {
        process.stdout.write(
          `${job.id}\t${job.name}\t${JSON.stringify(job.data)}\t${job.code}\t${job.attempts} tries\t${new Date(job.failedAt).toISOString()}\t${job.reason}\n`,
        );
      }
    } finally {
      await runtime.close();
    }
  });
dlq
  .command('show')
  .description('print the raw bytes of a dead-lettered delivery, as WhatsApp sent them')
  .argument('<id>', 'a delivery id (from dlq list --deliveries)')
  .option('-c, --config <file>', 'config file')
  .action(async (id: string, options: { config?: string }) => {
    const runtime = await openRuntimeOf(options.config);
    try {
      const delivery = (await runtime.log.deadLetters()).find((dead) => dead.id === id);
      if (delivery === undefined) fail(`no dead-lettered delivery ${id}`, 1);
      process.stdout.write(delivery.rawBody);
      process.stdout.write('\n');
    } finally {
      await runtime.close();
    }
  });
dlq
  .command('replay')
  .description('put dead-lettered jobs back in the queue (or, with --deliveries, deliveries back in the log)')
  .argument('[id]', 'one job id (from dlq list) or delivery id (from dlq list --deliveries)')
  .option('--all', 'every dead-lettered job (or delivery)')
  .option('--deliveries', 'replay webhook deliveries the ingester set aside')
  .option('-c, --config <file>', 'config file')
  .action(
    async (id: string | undefined, options: { all?: boolean; config?: string; deliveries?: boolean }) => {
      if (id === undefined && options.all !== true) fail('give an id or --all');
      const runtime = await openRuntimeOf(options.config);
      try {
        if (options.deliveries === true) {
          const ids = options.all === true ? (await runtime.log.deadLetters()).map((dead) => dead.id) : [id!];
          let replayed = 0;
          for (const one of ids) if (await runtime.log.replayDeadLetter(one)) replayed++;
          if (id !== undefined && replayed === 0) fail(`no dead-lettered delivery ${id}`, 1);
          process.stdout.write(`replayed ${replayed} deliver${replayed === 1 ? 'y' : 'ies'} into the log\n`);
          return;
        }
        const replayed = await runtime.queue.replay(options.all === true ? undefined : id);
        if (id !== undefined && replayed === 0) fail(`no dead-lettered job ${id}`, 1);
        process.stdout.write(`replayed ${replayed} job(s)\n`);
      } finally {
        await runtime.close();
      }
    },
  );

const setup = program.command('setup').description("prepare a tenant's CRM for Leadwire");

/**
 * Runs a setup check for the tenant writing to `crm` (the one named, else the only one), with the CRM side of
 * the runtime open; a LeadwireError becomes exit 1 with its message, problems in the report exit 1 too.
 */
async function withCrmTenant(
  crmName: 'hubspot' | 'salesforce',
  options: { tenant?: string; config?: string },
  work: (
    crm: ReturnType<typeof openCrm>,
    tenantId: string,
    tenant: TenantConfig,
    config: Config,
  ) => Promise<boolean>,
): Promise<void> {
  const config = await loadOrFail(options.config);
  const env = process.env;
  const [{ LeadwireError }, { createLogger }, { openCrm }] = await Promise.all([
    import('@leadwire/connector-core/model'),
    import('../observability/logger.ts'),
    import('../runtime/crm.ts'),
  ]);
  const label = crmName === 'hubspot' ? 'HubSpot' : 'Salesforce';
  const ids = config.tenants.filter((t) => t.crm?.[crmName] !== undefined).map((t) => t.id);
  if (options.tenant !== undefined && !ids.includes(options.tenant))
    fail(
      `tenant "${options.tenant}" has no crm.${crmName} section (${label} tenants: ${ids.join(', ') || 'none'})`,
    );
  if (options.tenant === undefined && ids.length !== 1)
    fail(
      ids.length === 0
        ? `no tenant has a crm.${crmName} section`
        : `several tenants use ${label} (${ids.join(', ')}): pick one with --tenant`,
    );
  const tenantId = options.tenant ?? ids[0]!;
  let crm: ReturnType<typeof openCrm>;
  try {
    crm = openCrm(config, env, createLogger(config.logging, process.stderr));
  } catch (error) {
    if (error instanceof LeadwireError) fail(error.message, 1);
    throw error;
  }
  try {
    const tenant = config.tenants.find((t) => t.id === tenantId)!;
    if (!(await work(crm, tenantId, tenant, config))) process.exitCode = 1;
  } catch (error) {
    if (error instanceof LeadwireError) fail(error.message, 1);
    throw error;
  } finally {
    await crm.close();
  }
}

setup
  .command('hubspot')
  .description(
    "create the Leadwire property group and properties in a tenant's HubSpot portal and check its pipelines, stages, association labels and scopes; safe to run again",
  )
  .option('--tenant <id>', 'the tenant (default: the only one with a crm.hubspot section)')
  .option('-c, --config <file>', 'config file')
  .action((options: { tenant?: string; config?: string }) =>
    withCrmTenant('hubspot', options, async (crm, tenantId) => {
      const { formatSetupReport, setupHubspotPortal } = await import('@leadwire/hubspot-app');
      const access = await crm.hubspotAccess(tenantId);
      process.stdout.write(`HubSpot portal ${access.portalId} (tenant ${tenantId})\n`);
      const report = await setupHubspotPortal(access);
      process.stdout.write(formatSetupReport(report));
      return report.problems.length === 0;
    }),
  );
setup
  .command('salesforce')
  .description('check the org has the Leadwire package: objects, fields, the integration permission set')
  .option('--tenant <id>', 'the tenant (default: the only one with a crm.salesforce section)')
  .option('-c, --config <file>', 'config file')
  .action((options: { tenant?: string; config?: string }) =>
    withCrmTenant('salesforce', options, async (crm, tenantId, tenant) => {
      const {
        checkSalesforceOrg,
        formatSetupReport: formatSalesforceSetupReport,
        salesforceSchema,
      } = await import('@leadwire/salesforce-package');
      const org = await crm.salesforceConnect(tenantId);
      process.stdout.write(`Salesforce org ${org.connection.instanceUrl} (tenant ${tenantId})\n`);
      const sf = tenant.crm?.salesforce;
      const report = await checkSalesforceOrg(org.connection, salesforceSchema, {
        // the values this tenant writes, and the queues its routing may assign
        ...(sf === undefined
          ? {}
          : {
              picklistValues: {
                'Lead.LeadSource': sf.leadSource,
                'Opportunity.LeadSource': sf.leadSource,
                'Case.Origin': sf.caseOrigin,
              },
            }),
        queueIds: (tenant.routing?.queues ?? []).map((queue) => queue.crmId),
      });
      process.stdout.write(formatSalesforceSetupReport(report));
      return report.ok;
    }),
  );

program
  .command('install-link')
  .description(
    "make the link that installs the HubSpot app or connects a Salesforce org for one tenant: signed, single use, expiring; give it to the tenant's CRM admin",
  )
  .argument('<crm>', 'hubspot or salesforce')
  .option('--tenant <id>', 'the tenant (default: the only one using that CRM)')
  .option(
    '--relink',
    'let this install move the tenant to another portal or org than the one it is linked to now',
  )
  .option('--expires-in <duration>', 'how long the link works: 30m, 12h, 7d (at most 7d)', '24h')
  .option('--sandbox', 'Salesforce: connect a sandbox org (test.salesforce.com)')
  .option('-c, --config <file>', 'config file')
  .action(
    async (
      crmName: string,
      options: { tenant?: string; relink?: boolean; expiresIn: string; sandbox?: boolean; config?: string },
    ) => {
      if (crmName !== 'hubspot' && crmName !== 'salesforce')
        fail(`the CRM is hubspot or salesforce, not "${crmName}"`);
      const [{ CRM_LABEL, createInstallLink, parseDuration }, { createLogger }] = await Promise.all([
        import('../runtime/install-link.ts'),
        import('../observability/logger.ts'),
      ]);
      const ttlMs = parseDuration(options.expiresIn);
      if (ttlMs === undefined)
        fail(`--expires-in is a duration like 30m, 12h or 7d, not "${options.expiresIn}"`);
      return withCrmTenant(crmName, options, async (crm, tenantId, _tenant, config) => {
        const label = CRM_LABEL[crmName];
        const account = crmName === 'hubspot' ? 'portal' : 'org';
        const now = Date.now();
        const link = createInstallLink(config, process.env, crmName, tenantId, {
          now,
          ttlMs,
          relink: options.relink === true,
          sandbox: options.sandbox === true,
        });
        const installed =
          crmName === 'hubspot'
            ? (await crm.hubspotOAuth?.installation(tenantId))?.portalId
            : (await crm.salesforceOAuth?.installation(tenantId))?.orgId;
        // The operator's action is logged (a re-link loudly); the link itself never is.
        createLogger(config.logging, process.stderr)[link.relink ? 'warn' : 'info'](
          {
            crm: crmName,
            tenantId,
            relink: link.relink,
            expiresAt: new Date(link.expiresAt).toISOString(),
            ...(installed === undefined ? {} : { linkedTo: installed }),
          },
          link.relink ? 'install link made: it may re-link the tenant' : 'install link made',
        );
        const minutes = Math.round((link.expiresAt - now) / 60_000);
        const lasts =
          minutes < 120
            ? `${minutes} min`
            : minutes < 2880
              ? `${Math.round(minutes / 6) / 10} h`
              : `${Math.round(minutes / 144) / 10} days`;
        process.stdout.write(
          [
            link.url,
            `Install link for tenant ${tenantId} (${label}): it works once, until ${new Date(link.expiresAt).toISOString()} (${lasts}).`,
            installed === undefined
              ? `Tenant ${tenantId} is not linked to a ${label} ${account} yet: the ${account} installed through this link becomes its ${account}.`
              : link.relink
                ? `Tenant ${tenantId} is linked to ${label} ${account} ${installed}: the ${account} installed through this link replaces it.`
                : `Tenant ${tenantId} is linked to ${label} ${account} ${installed}: this link reinstalls there only (--relink lets it move the tenant to another ${account}).`,
            '',
          ].join('\n'),
        );
        return true;
      });
    },
  );

/** Runs `work` with the runtime of the config, closing it after; a LeadwireError becomes exit 1 with its message. */
async function withRouting(
  configOption: string | undefined,
  work: (service: ReturnType<typeof routingService>) => Promise<void>,
): Promise<void> {
  const config = await loadOrFail(configOption);
  const [{ LeadwireError }, { openRuntime }, { routingService }] = await Promise.all([
    import('@leadwire/connector-core/model'),
    import('../runtime/compose.ts'),
    import('../runtime/routing-service.ts'),
  ]);
  const runtime = openRuntime(config, process.env);
  try {
    await work(routingService({ config, ...runtime }));
  } catch (error) {
    if (error instanceof LeadwireError) fail(error.message, 1);
    throw error;
  } finally {
    await runtime.close();
  }
}

program
  .command('presence')
  .description('declare a user online or away (away users get no new work; online offers them the pool)')
  .argument('<user>', 'the user id (CRM owner id)')
  .argument('<status>', 'online or away')
  .option('--tenant <id>', 'the tenant (default: the only one with a routing section)')
  .option('-c, --config <file>', 'config file')
  .action(async (user: string, status: string, options: { tenant?: string; config?: string }) => {
    if (status !== 'online' && status !== 'away') fail(`status is online or away, not "${status}"`);
    await withRouting(options.config, async (routing) => {
      const tenantId = routing.tenantOf(options.tenant);
      await routing.setPresence(tenantId, user, status);
      process.stdout.write(`${user} is ${status} (tenant ${tenantId})\n`);
    });
  });

program
  .command('explain')
  .description('why a conversation went where it did: the decision, its reasons, and each routing trace')
  .argument('<conversation>', 'the conversation id (<phone_number_id>:<customer id>)')
  .option('--json', 'print the stored decision and traces as JSON')
  .option('-c, --config <file>', 'config file')
  .action(async (conversationId: string, options: { json?: boolean; config?: string }) => {
    await withRouting(options.config, async (routing) => {
      const { formatExplanation } = await import('./explain.ts');
      const explanation = await routing.explain(conversationId);
      process.stdout.write(
        options.json === true ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation),
      );
    });
  });

program
  .command('release')
  .description('hand a conversation a person took over back to the agent (it answers the next message)')
  .argument('<conversation>', 'the conversation id (<phone_number_id>:<customer id>)')
  .option('-c, --config <file>', 'config file')
  .action(async (conversationId: string, options: { config?: string }) => {
    await withRouting(options.config, async (routing) => {
      await routing.release(conversationId);
      process.stdout.write(`${conversationId}: the agent answers the next message\n`);
    });
  });

await program.parseAsync(process.argv);
