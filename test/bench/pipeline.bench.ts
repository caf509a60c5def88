// bench:pipeline — whole conversations through gateway → intake agent → routing → CRM writes, against the in-repo
// emulators (HubSpot / Salesforce answering after 100 ms, the Graph API, OpenAI), in both deployment modes
// (embedded: SQLite; scale-out: Redis + BullMQ under a prefix of its own, deleted after) with 1 and 4 worker
// processes, for HubSpot and for Salesforce. Each customer writes a text, answers when ("hoy, es urgente"), then taps "yes" — each
// message sent once the agent's reply to the previous one arrived — and the third turn hands a Lead over.
// All customers start at once (a campaign burst): latencies include the wait behind that backlog
// (`--customers K` keeps only K conversations in flight instead, for latency at a steadier load).
// Output: one JSON document with every run on stdout; one human summary line per run on stderr.
// Measured per run (bench-side clock, performance.now()):
//   messagesPerSec   3 × completed conversations / (first webhook POST → last Lead's last CRM call done)
//   handoffTurnMs    p50/p95 of: turn 3's webhook POST → the last CRM API call about that conversation done
//                    (observed by a timing proxy in front of each emulator). Turns 1–2 write nothing to the
//                    CRM by design, so turn 3 is the only turn with a CRM write; replyMs covers every turn.
//   replyMs          p50/p95 of: each webhook POST → the agent's reply reaching the Graph emulator
//   turns            the turns the conversations committed (a message after the quiet window makes its own):
//                    what every per-turn figure below divides by
//   crmApi           API calls per Lead and per turn (every call the proxies saw, the directory reads included),
//                    the most one Lead cost, 429s, and records written (a duplicate shows as extra records)
//   llmCallsPerTurn  chat completions the OpenAI emulator answered / turns (offline intake: tenants have no
//                    `llm` section, so this is 0 measured, not assumed; `--intake llm` gives every tenant one)
//   cpuMsPerTurn     CPU time (Linux /proc) during the run / turns: embedded mode's work thread, every thread of
//                    the Leadwire processes, and this bench process (customers, emulators, proxies); per thread
//                    in cpuSeconds. Two shared cores make rates noisy; CPU per turn is what compares across runs.
//   cpuTimeline      every quarter second: the machine's busy cores, and the cores the work thread, Leadwire and
//                    this bench used; how long the work thread ran near a whole core and how many cores stood idle
//                    meanwhile (what a second work thread could have had at most)
//   floor            the least time the burst could take (see floorOf), and the drain time over it
//   hubspotPortalUse when each portal's first CRM call came and how much of its span it had no call in flight
//                    (see portalUse): whether the rate limit or the turns before the calls set the pace
// Every latency includes `turns.debounceMs` once per turn: 300 ms here, not production's 1500 ms. Customers send
// one message per reply, so the quiet window never merges anything and only adds that wait to each turn (not to
// throughput); with 1500 ms a full matrix would spend most of its time waiting. `--debounce-ms 1500` measures it.
// HubSpot allows 110 requests / 10 s per portal, so Leads are spread over several tenants (one portal or org
// each, `--portals`, default one per 20 conversations), as a hosted deployment serves several businesses.
// Options: --conversations N (1000) --only hubspot|salesforce --modes embedded,scale-out --workers 1,4
//          --portals N --intake offline,llm --latency-ms 100 --debounce-ms 300 --concurrency N (per worker;
//          default the product's, by the tenants' CRM budgets)
//          --sqlite-synchronous FULL|NORMAL (embedded; FULL, the default, fsyncs every commit)
//          --customers K (in flight; default all) --patience-s 300 (a customer's wait for a reply or commit)
//          --profile-dir DIR (a CPU profile of every thread of the deployment's processes, written when they stop)
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type ConfigInput, configSchema, turnConcurrency } from '@leadwire/connector-core';
import { exampleIntakeInput, redisSkipReason } from '@leadwire/connector-core/testing';
import { startGraphEmulator } from '@leadwire/webhook-gateway';
import { startOpenAiEmulator } from '../../webhook-gateway/src/sandbox/openai-emulator.ts';
import { threadCpuSeconds } from './cpu-time.ts';
import { type CpuSeconds, type CpuTimeline, startCpuTimeline } from './cpu-timeline.ts';
import { type CrmCall, type CrmFleet, type CrmName, startCrmFleet } from './pipeline-crm.ts';
import { type Customer, converse, ReplyWatcher } from './pipeline-customers.ts';
import { type Deployment, type Mode, startDeployment } from './pipeline-deployment.ts';

const { values: flags } = parseArgs({
  options: {
    conversations: { type: 'string', default: '1000' },
    only: { type: 'string' },
    modes: { type: 'string', default: 'embedded,scale-out' },
    workers: { type: 'string', default: '1,4' },
    portals: { type: 'string' },
    intake: { type: 'string', default: 'offline' },
    'latency-ms': { type: 'string', default: '100' },
    'debounce-ms': { type: 'string', default: '300' },
    'sqlite-synchronous': { type: 'string', default: 'FULL' },
    concurrency: { type: 'string' },
    'patience-s': { type: 'string', default: '300' },
    customers: { type: 'string' },
    'profile-dir': { type: 'string' },
  },
});

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
function choose<T extends string>(value: string, allowed: readonly T[], flag: string): T[] {
  const chosen = list(value);
  const bad = chosen.filter((v) => !allowed.includes(v as T));
  if (bad.length > 0 || chosen.length === 0) {
    process.stderr.write(`--${flag}: ${value} (allowed: ${allowed.join(', ')})\n`);
    process.exit(2);
  }
  return chosen as T[];
}
const conversations = Number(flags.conversations);
if (!Number.isInteger(conversations) || conversations < 1 || conversations > 9_999_999) {
  process.stderr.write(`--conversations: ${flags.conversations} is not a count\n`);
  process.exit(2);
}
const crms = choose(flags.only ?? 'hubspot,salesforce', ['hubspot', 'salesforce'] as const, 'only');
const modes = choose(flags.modes, ['embedded', 'scale-out'] as const, 'modes');
const workerCounts = [...new Set(list(flags.workers).map(Number))].sort((a, b) => a - b);
if (workerCounts.length === 0 || workerCounts.some((n) => !Number.isInteger(n) || n < 1)) {
  process.stderr.write(`--workers: ${flags.workers} is not a list of counts\n`);
  process.exit(2);
}
const intakes = choose(flags.intake, ['offline', 'llm'] as const, 'intake');
const portals = Math.min(conversations, Number(flags.portals ?? Math.ceil(conversations / 20)));
const latencyMs = Number(flags['latency-ms']);
const debounceMs = Number(flags['debounce-ms']);
const sqliteSynchronous = flags['sqlite-synchronous'] === 'NORMAL' ? 'NORMAL' : 'FULL';
const concurrency = flags.concurrency === undefined ? undefined : Number(flags.concurrency);
const patienceMs = Number(flags['patience-s']) * 1000;
/** conversations in flight at once (a new customer starts when one finishes); default: all at once */
const inFlight = Math.max(1, Number(flags.customers ?? conversations));

const APP_SECRET = randomBytes(16).toString('hex');
const GRAPH_TOKEN = 'bench-graph-token';
const OPENAI_KEY = 'bench-openai-key';
/** HubSpot's burst limit per portal (the adapter shares it across processes; research/hubspot.md §9). */
const HUBSPOT_PER_10S = 110;
/** The README's call budgets for a new Lead (directory reads aside). */
const LEAD_BUDGET: Record<CrmName, number> = { hubspot: 5, salesforce: 2 };

/** A tenant's phone_number_id: fleet digit, then the tenant's index. */
const phoneNumberIdOf = (fleet: number, tenant: number) => `10654${fleet}${String(tenant).padStart(9, '0')}`;

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]!);
}
function stats(values: number[]) {
  const sorted = values.toSorted((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: percentile(sorted, 100) };
}
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

interface RunSpec {
  crm: CrmName;
  mode: Mode;
  workers: number;
  intake: 'offline' | 'llm';
}

/** Turns one worker runs at once: `--concurrency`, else what the product derives from the tenants' CRM budgets. */
let turnsPerWorker = 0;

/** Customers are numbered across the whole bench, so no two runs share a WhatsApp id. */
let nextCustomer = 0;

/**
 * One deployment per mode (and intake) serving a set of tenants per CRM — HubSpot tenants on some numbers,
 * Salesforce tenants on others. For each worker count (ascending; workers are added, never removed) the CRM
 * runs go one after the other on it: fewer process start-ups, at the price of a store that already holds the
 * earlier runs' conversations.
 */
async function runDeployment(
  intake: RunSpec['intake'],
  mode: Mode,
  onRun: (spec: RunSpec, result: ReturnType<typeof report> | { error: string }) => void,
): Promise<void> {
  let started = performance.now();
  const graph = await startGraphEmulator({ token: GRAPH_TOKEN });
  const replies = new ReplyWatcher(graph);
  const openai = await startOpenAiEmulator({ apiKey: OPENAI_KEY });
  const fleets: CrmFleet[] = [];
  let deployment: Deployment | undefined;
  const redisPrefix = `lwbench:pipeline:${randomBytes(4).toString('hex')}`;
  const pending = workerCounts.flatMap((workers) => crms.map((crm) => ({ crm, mode, workers, intake })));
  try {
    for (const crm of crms) fleets.push(await startCrmFleet(crm, portals, latencyMs));
    const tenants = fleets.flatMap((fleet, f) =>
      Array.from({ length: portals }, (_, i) => ({
        id: `${fleet.crm}-${i}`,
        whatsapp: {
          app: 'bench',
          phoneNumberIds: [phoneNumberIdOf(f, i)],
          accessToken: 'env:BENCH_GRAPH_TOKEN',
        },
        intake: exampleIntakeInput,
        ...(intake === 'llm'
          ? {
              llm: {
                baseURL: openai.baseURL,
                apiKey: 'env:BENCH_OPENAI_KEY',
                model: 'gpt-4o-mini',
                // the dearest case: a call every turn
                intake: 'always' as const,
                timeoutMs: 8000,
              },
            }
          : {}),
        ...fleet.sectionsFor(i),
      })),
    );
    const config: ConfigInput = {
      server: { port: 0, host: '127.0.0.1' },
      storage: { sqliteSynchronous },
      turns: { debounceMs, ...(concurrency === undefined ? {} : { concurrency }) },
      whatsapp: {
        verifyToken: 'env:BENCH_VERIFY_TOKEN',
        apps: [{ id: 'bench', appSecret: 'env:BENCH_APP_SECRET' }],
        graphBaseUrl: graph.url,
        replyIntervalMs: 0,
      },
      // info: the processes say "leadwire started" when ready; per turn they log only at debug
      logging: { level: 'info' },
      tenants,
    };
    turnsPerWorker = turnConcurrency(configSchema.parse(config));
    for (const workers of workerCounts) {
      const fresh = deployment === undefined;
      if (deployment === undefined)
        deployment = await startDeployment({
          mode,
          workers,
          config,
          redisPrefix,
          ...(flags['profile-dir'] === undefined ? {} : { profileDir: flags['profile-dir'] }),
          env: {
            BENCH_VERIFY_TOKEN: 'bench-verify',
            BENCH_APP_SECRET: APP_SECRET,
            BENCH_GRAPH_TOKEN: GRAPH_TOKEN,
            BENCH_OPENAI_KEY: OPENAI_KEY,
            LEADWIRE_SECRET_KEY: randomBytes(32).toString('base64'),
            ...Object.assign({}, ...fleets.map((fleet) => fleet.env)),
          },
        });
      else {
        started = performance.now();
        await deployment.addWorkers(workers - deployment.workers);
      }
      const live = deployment;
      const setupMs = performance.now() - started;
      for (const [f, fleet] of fleets.entries()) {
        const spec: RunSpec = { crm: fleet.crm, mode, workers, intake };
        const customers: Customer[] = Array.from({ length: conversations }, (_, i) => {
          const index = nextCustomer++;
          const waId = `3469${String(index).padStart(7, '0')}`;
          const phoneNumberId = phoneNumberIdOf(f, i % portals);
          return {
            index,
            waId,
            phoneNumberId,
            conversationId: `${phoneNumberId}:${waId}`,
            postMs: [],
            ackMs: [],
            replyMs: [],
            postRetries: [],
          };
        });
        const before = {
          calls: fleet.calls.length,
          records: fleet.records(),
          refused: fleet.refused(),
          reconnects: fleet.proxy.reconnects,
          proxyFailures: fleet.proxy.failures.length,
          llm: openai.requests.length,
          sends: replies.sends,
          warnings: live.warnings.length,
        };
        const queue = [...customers];
        const cpuBefore = cpuSnapshot(live);
        const timeline = startCpuTimeline(() => cpuSnapshot(live));
        const loadBefore = loadavg()[0]!;
        await Promise.all(
          Array.from({ length: Math.min(inFlight, customers.length) }, async () => {
            for (let customer = queue.shift(); customer !== undefined; customer = queue.shift())
              await converse(customer, {
                graph,
                gatewayUrl: live.url,
                appSecret: APP_SECRET,
                replies,
                patienceMs,
                committed: async (id) => (await live.turnSeq(id)) >= 3,
              });
          }),
        );
        const after = fleet.records();
        const cpu = cpuSince(cpuBefore, cpuSnapshot(live));
        // the turns the conversations committed: a message arriving after the quiet window makes a turn of its
        // own, so a conversation may take more than its three
        const turnsRun = (await Promise.all(customers.map((c) => live.turnSeq(c.conversationId)))).reduce(
          (sum, n) => sum + n,
          0,
        );
        const cpuTimeline = timeline.stop();
        pending.shift();
        onRun(
          spec,
          report(spec, customers, {
            turnsRun,
            calls: fleet.calls.slice(before.calls),
            records: Object.fromEntries(
              Object.entries(after).map(([type, n]) => [type, n - (before.records[type] ?? 0)]),
            ),
            refused: fleet.refused() - before.refused,
            proxy: {
              reconnects: fleet.proxy.reconnects - before.reconnects,
              failures: fleet.proxy.failures.slice(before.proxyFailures),
            },
            setup:
              f > 0
                ? { deployment: `reused from the ${fleets[f - 1]!.crm} run` }
                : fresh
                  ? { deploymentStartSeconds: round(setupMs / 1000, 1) }
                  : { workersAddedSeconds: round(setupMs / 1000, 1) },
            llmCalls: openai.requests.slice(before.llm).filter((r) => r.path === '/v1/chat/completions')
              .length,
            graphSends: replies.sends - before.sends,
            processes: live.processes(),
            warnings: live.warnings.slice(before.warnings),
            redisPrefix: mode === 'scale-out' ? redisPrefix : undefined,
            loadAverage: [round(loadBefore), round(loadavg()[0]!)],
            cpu,
            cpuTimeline,
          }),
        );
      }
    }
  } catch (error) {
    for (const spec of pending) onRun(spec, { error: (error as Error).message });
  } finally {
    await deployment?.stop();
    for (const fleet of fleets) await fleet.close();
    await graph.close();
    await openai.close();
  }
}

interface RunObservations {
  /** turns the conversations committed (three a conversation when every message joined its own turn) */
  turnsRun: number;
  /** the CRM calls the proxies saw during the run */
  calls: CrmCall[];
  /** records written during the run, per type */
  records: Record<string, number>;
  refused: number;
  /** the timing proxies' own trouble: retried stale connections, calls they failed to forward */
  proxy: { reconnects: number; failures: string[] };
  setup: Record<string, number | string>;
  llmCalls: number;
  graphSends: number;
  processes: string[];
  /** the processes' warn / error lines during the run */
  warnings: string[];
  redisPrefix: string | undefined;
  /** the machine's 1-minute load average before and after the run (2 cores: above 2 means waiting for CPU) */
  loadAverage: number[];
  /** CPU seconds used during the run, per process and thread name (this bench process with the emulators too) */
  cpu: CpuSeconds;
  /** cores busy on the machine and used by the work thread, Leadwire and the bench, every quarter second */
  cpuTimeline: CpuTimeline;
}

/** CPU seconds so far of this process (the customers, the emulators, the proxies) and the deployment's. */
function cpuSnapshot(deployment: Deployment): CpuSeconds {
  const own = threadCpuSeconds(process.pid);
  return { ...(own === undefined ? {} : { bench: own }), ...deployment.cpuSeconds() };
}

/** Per process: each thread's CPU seconds between two snapshots, and their `total`. */
function cpuSince(before: CpuSeconds, after: CpuSeconds): CpuSeconds {
  return Object.fromEntries(
    Object.entries(after).map(([process, threads]) => {
      const used = Object.fromEntries(
        Object.entries(threads)
          .map(([thread, s]): [string, number] => [thread, round(s - (before[process]?.[thread] ?? 0))])
          .filter(([, s]) => s > 0),
      );
      const total = Object.values(used).reduce((sum, s) => sum + s, 0);
      return [process, { ...used, total: round(total) }];
    }),
  );
}

/** CPU ms a turn: summed over every process's threads named `thread` (or whole processes when `thread` is total). */
function cpuMsPerTurn(cpu: CpuSeconds, turns: number, thread: string, only?: (process: string) => boolean) {
  const entries = Object.entries(cpu).filter(([process]) => only?.(process) ?? true);
  if (turns === 0 || !entries.some(([, threads]) => thread in threads)) return undefined;
  return round((entries.reduce((sum, [, threads]) => sum + (threads[thread] ?? 0), 0) * 1000) / turns);
}

/** A warning without the conversation it names, so alike warnings count together. */
const warningKind = (line: string) => line.replace(/\b\d{15}:\d{11}\b/g, '<conversation>');

function report(spec: RunSpec, customers: Customer[], extra: RunObservations) {
  const done = customers.filter((c) => c.failure === undefined);
  const byCustomer = new Map<string, CrmCall[]>();
  let unattributed = 0;
  let naming2 = 0;
  for (const call of extra.calls) {
    if (call.customers.length === 0) unattributed++;
    else if (call.customers.length > 1) naming2++;
    else {
      const list = byCustomer.get(call.customers[0]!) ?? [];
      list.push(call);
      byCustomer.set(call.customers[0]!, list);
    }
  }
  const handoff: number[] = [];
  const perLead: number[] = [];
  const overBudget: string[][] = [];
  let beforeHandoff = 0;
  let lastWriteMs = 0;
  for (const c of done) {
    const calls = byCustomer.get(c.waId) ?? [];
    const post3 = c.postMs[2]!;
    beforeHandoff += calls.filter((call) => call.startMs < post3).length;
    perLead.push(calls.length);
    if (calls.length > LEAD_BUDGET[spec.crm] && overBudget.length < 3)
      overBudget.push(
        calls.map((call) => `${call.route} ${call.status}${call.parts ? ` [${call.parts}]` : ''}`),
      );
    const end = calls.reduce((max, call) => Math.max(max, call.endMs), 0);
    const finished = end > 0 ? end : c.committedMs!;
    handoff.push(finished - post3);
    lastWriteMs = Math.max(lastWriteMs, finished);
  }
  const firstPostMs = Math.min(...customers.map((c) => c.postMs[0] ?? Number.POSITIVE_INFINITY));
  const seconds = (lastWriteMs - firstPostMs) / 1000;
  // per-turn figures divide by the turns actually run, not three a conversation
  const turns = extra.turnsRun;
  const total = extra.calls.length;
  const records = extra.records;
  const leadsWritten =
    spec.crm === 'hubspot' ? (records.leads ?? 0) + (records.deals ?? 0) : (records.Lead ?? 0);
  const tasksWritten = spec.crm === 'hubspot' ? (records.tasks ?? 0) : (records.Task ?? 0);
  const failures = customers.filter((c) => c.failure !== undefined);
  const failureReasons: Record<string, number> = {};
  for (const c of failures) failureReasons[c.failure!] = (failureReasons[c.failure!] ?? 0) + 1;
  const callsPerLead = done.length === 0 ? 0 : total / done.length;
  const byRoute: Record<string, number> = {};
  for (const call of extra.calls) byRoute[call.route] = (byRoute[call.route] ?? 0) + 1;
  return {
    ...spec,
    processes: extra.processes,
    tenants: portals,
    conversations: customers.length,
    completed: done.length,
    failed: failures.length,
    ...(failures.length === 0 ? {} : { failureReasons }),
    seconds: round(seconds, 1),
    ...extra.setup,
    turns,
    messagesPerSec: round(seconds > 0 ? (done.length * 3) / seconds : 0, 1),
    leadsPerSec: round(seconds > 0 ? done.length / seconds : 0, 1),
    handoffTurnMs: stats(handoff),
    replyMs: stats(done.flatMap((c) => c.replyMs.map((at, k) => at - c.postMs[k]!))),
    ackMs: stats(done.flatMap((c) => c.ackMs.map((at, k) => at - c.postMs[k]!))),
    webhookRetries: customers.reduce((n, c) => n + c.postRetries.length, 0),
    ...(customers.some((c) => c.postRetries.length > 0)
      ? { webhookRetryReasons: [...new Set(customers.flatMap((c) => c.postRetries))].slice(0, 5) }
      : {}),
    crmApi: {
      calls: total,
      callsPerLead: round(callsPerLead),
      callsPerTurn: round(turns === 0 ? 0 : total / turns),
      perLeadAttributed: { ...stats(perLead), budget: LEAD_BUDGET[spec.crm] },
      leadsOverBudget: perLead.filter((n) => n > LEAD_BUDGET[spec.crm]).length,
      ...(overBudget.length === 0 ? {} : { overBudgetExamples: overBudget }),
      callsDuringIntakeTurns: beforeHandoff,
      unattributedCalls: unattributed,
      callsNamingSeveralCustomers: naming2,
      refused429: extra.refused,
      proxyReconnects: extra.proxy.reconnects,
      proxyFailures: extra.proxy.failures.length,
      byRoute,
      records,
      duplicateLeads: Math.max(0, leadsWritten - done.length),
      duplicateTasks: Math.max(0, tasksWritten - done.length),
    },
    ...(spec.crm === 'hubspot'
      ? {
          hubspotPortalLimit: {
            requestsPer10s: HUBSPOT_PER_10S,
            portals,
            conversationsPerPortal: round(customers.length / portals, 1),
            maxLeadsPerSecPerPortal: round(callsPerLead > 0 ? HUBSPOT_PER_10S / 10 / callsPerLead : 0),
            onePortalMinSeconds: round((customers.length * callsPerLead) / (HUBSPOT_PER_10S / 10), 0),
          },
          hubspotPortalUse: portalUse(extra.calls, firstPostMs),
        }
      : {}),
    floor: floorOf(spec, customers.length, seconds, extra.cpu.bench?.total),
    cpuSeconds: extra.cpu,
    cpuTimeline: extra.cpuTimeline,
    cpuMsPerTurn: {
      workThread: cpuMsPerTurn(extra.cpu, turns, 'leadwire-work'),
      leadwire: cpuMsPerTurn(extra.cpu, turns, 'total', (p) => p !== 'bench'),
      bench: cpuMsPerTurn(extra.cpu, turns, 'total', (p) => p === 'bench'),
    },
    loadAverage1m: extra.loadAverage,
    llmCallsPerTurn: round(turns === 0 ? 0 : extra.llmCalls / turns),
    graphSendsPerTurn: round(turns === 0 ? 0 : extra.graphSends / turns),
    processWarnings: {
      count: extra.warnings.length,
      kinds: Object.fromEntries(
        [...new Set(extra.warnings.map(warningKind))].map((kind) => [
          kind,
          extra.warnings.filter((w) => warningKind(w) === kind).length,
        ]),
      ),
    },
    ...(extra.redisPrefix === undefined ? {} : { redisPrefix: `${extra.redisPrefix} (deleted)` }),
  };
}

/**
 * When the portals' limits were used: per portal, its first CRM call (seconds after the first webhook) and the
 * share of the time from its first call to its last with no call of it in flight — its limiter idle while turns
 * that would call it waited for the work thread. A portal kept busy from an early first call is what drains the
 * burst near the floor; a late first call or much idle says the turns before the CRM calls are the bottleneck.
 */
function portalUse(calls: CrmCall[], firstPostMs: number) {
  const byPortal = new Map<number, CrmCall[]>();
  for (const call of calls) byPortal.set(call.tenant, [...(byPortal.get(call.tenant) ?? []), call]);
  const firstCall: number[] = [];
  const idleShare: number[] = [];
  for (const portalCalls of byPortal.values()) {
    const sorted = portalCalls.toSorted((a, b) => a.startMs - b.startMs);
    const first = sorted[0]!.startMs;
    let busyUntil = first;
    let idle = 0;
    for (const call of sorted) {
      if (call.startMs > busyUntil) idle += call.startMs - busyUntil;
      busyUntil = Math.max(busyUntil, call.endMs);
    }
    firstCall.push((first - firstPostMs) / 1000);
    idleShare.push(busyUntil > first ? idle / (busyUntil - first) : 0);
  }
  const sortedFirst = firstCall.toSorted((a, b) => a - b);
  const mid = (values: number[]) =>
    values.toSorted((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? 0;
  return {
    firstCallSeconds: { p50: round(mid(sortedFirst), 1), max: round(sortedFirst.at(-1) ?? 0, 1) },
    idleShareP50: round(mid(idleShare)),
  };
}

/**
 * The least time the burst could take, whatever Leadwire did within the product's own limits: one conversation's
 * own path (three turns, each after its quiet window, and the Lead's CRM calls one after another at the emulator's
 * latency); the turns the workers may run at once (each Lead's turn holds one of `turns.concurrency` per worker
 * for its CRM calls, so the Leads' calls take Leads × calls × latency / (turns at once × workers)); for
 * HubSpot, the portal's rate limit (the busiest portal's Leads × the call budget at 110 requests / 10 s); and the
 * machine: this bench's own process (the customers, the emulators answering every call and send, the timing
 * proxies) used `benchCpuSeconds` of CPU during the run, which the machine's cores could not have done in less
 * than that over their number even had Leadwire used none. The run's drain time (first webhook → last Lead
 * written) over it is the ratio that says how close the pipeline gets; `drainedOverPathFloor` leaves the machine
 * out, as the floor was before it counted.
 */
function floorOf(spec: RunSpec, count: number, drainedSeconds: number, benchCpuSeconds: number | undefined) {
  const pathSeconds = (3 * debounceMs + LEAD_BUDGET[spec.crm] * latencyMs) / 1000;
  const turnsAtOnce = turnsPerWorker * spec.workers;
  const turnBudgetSeconds = (count * LEAD_BUDGET[spec.crm] * latencyMs) / 1000 / turnsAtOnce;
  const rateLimitSeconds =
    spec.crm === 'hubspot'
      ? (Math.ceil(count / portals) * LEAD_BUDGET.hubspot) / (HUBSPOT_PER_10S / 10)
      : undefined;
  const machineSeconds = benchCpuSeconds === undefined ? undefined : benchCpuSeconds / cpus().length;
  const withoutMachine = Math.max(pathSeconds, turnBudgetSeconds, rateLimitSeconds ?? 0);
  const seconds = Math.max(withoutMachine, machineSeconds ?? 0);
  return {
    seconds: round(seconds, 1),
    conversationPathSeconds: round(pathSeconds, 1),
    turnBudgetSeconds: round(turnBudgetSeconds, 1),
    turnsAtOnce,
    ...(rateLimitSeconds === undefined ? {} : { hubspotRateLimitSeconds: round(rateLimitSeconds, 1) }),
    ...(machineSeconds === undefined ? {} : { benchCpuOverCoresSeconds: round(machineSeconds, 1) }),
    drainedOverFloor: round(drainedSeconds / seconds, 2),
    drainedOverPathFloor: round(drainedSeconds / withoutMachine, 2),
  };
}

const redisSkip = modes.includes('scale-out')
  ? await redisSkipReason().catch((e: Error) => e.message)
  : undefined;
const benchStarted = performance.now();
const runs: Array<Record<string, unknown>> = [];
const keyOf = (spec: RunSpec) =>
  `${spec.crm} ${spec.mode} ${spec.workers}w${spec.intake === 'llm' ? ' llm' : ''}`;
for (const intake of intakes)
  for (const mode of modes) {
    if (mode === 'scale-out' && redisSkip !== undefined) {
      for (const workers of workerCounts)
        for (const crm of crms) {
          runs.push({ crm, mode, workers, intake, skipped: redisSkip });
          process.stderr.write(`${keyOf({ crm, mode, workers, intake })}: skipped (${redisSkip})\n`);
        }
      continue;
    }
    await runDeployment(intake, mode, (spec, r) => {
      runs.push('error' in r ? { ...spec, ...r } : r);
      if ('error' in r) {
        process.stderr.write(`${keyOf(spec)}: error ${r.error}\n`);
        return;
      }
      const { p50, p95 } = r.handoffTurnMs;
      process.stderr.write(
        `${keyOf(spec)}: ${r.completed}/${r.conversations} leads in ${r.seconds}s, ${r.messagesPerSec} msg/s, ` +
          `handoff turn p50 ${p50}ms p95 ${p95}ms, reply p50 ${r.replyMs.p50}ms p95 ${r.replyMs.p95}ms, ` +
          `CRM ${r.crmApi.callsPerLead} calls/lead ${r.crmApi.callsPerTurn}/turn (one Lead ≤ ${r.crmApi.perLeadAttributed.max}), ` +
          `LLM ${r.llmCallsPerTurn}/turn, ${r.tenants} tenants, ${r.crmApi.refused429} × 429, ` +
          `duplicate leads ${r.crmApi.duplicateLeads}, ${r.processWarnings.count} warnings, failed ${r.failed}, ` +
          `drained in ${r.floor.drainedOverFloor}× the floor (${r.floor.seconds}s: path ${r.floor.conversationPathSeconds}s, ` +
          `${r.floor.turnsAtOnce} turns at once ${r.floor.turnBudgetSeconds}s` +
          `${r.floor.hubspotRateLimitSeconds === undefined ? '' : `, rate limit ${r.floor.hubspotRateLimitSeconds}s`}` +
          `${r.floor.benchCpuOverCoresSeconds === undefined ? '' : `, bench CPU / cores ${r.floor.benchCpuOverCoresSeconds}s`}; ` +
          `${r.floor.drainedOverPathFloor}× without the machine), ` +
          `${r.hubspotPortalUse === undefined ? '' : `portals' first call p50 ${r.hubspotPortalUse.firstCallSeconds.p50}s max ${r.hubspotPortalUse.firstCallSeconds.max}s, idle p50 ${Math.round(r.hubspotPortalUse.idleShareP50 * 100)} % of their span, `}` +
          `CPU ms/turn: work thread ${r.cpuMsPerTurn.workThread ?? '-'}, leadwire ${r.cpuMsPerTurn.leadwire ?? '-'}, ` +
          `bench and emulators ${r.cpuMsPerTurn.bench ?? '-'}; ` +
          `work thread at ≥ 0.8 core for ${r.cpuTimeline.workThreadSaturatedSeconds}s, idle cores then p50 ` +
          `${r.cpuTimeline.idleCoresWhileSaturated ?? '-'} (whole run ${r.cpuTimeline.idleCoresP50 ?? '-'})\n`,
      );
    });
  }

process.stdout.write(
  `${JSON.stringify(
    {
      conversations,
      messagesPerConversation: 3,
      crmLatencyMs: latencyMs,
      debounceMs,
      sqliteSynchronous,
      concurrencyPerWorker: concurrency ?? 'by CRM budgets (turnConcurrency)',
      tenants: portals,
      arrival:
        inFlight >= conversations
          ? 'all conversations at once; each message after the reply to the previous one'
          : `${inFlight} conversations in flight; each message after the reply to the previous one`,
      cpus: cpus().length,
      totalSeconds: round((performance.now() - benchStarted) / 1000, 1),
      runs,
    },
    null,
    2,
  )}\n`,
);
