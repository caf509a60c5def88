// bench:gateway — signed, realistic WhatsApp deliveries (texts, voice notes, status batches from 20,000
// customers) driven with autocannon over loopback at 100 connections against, in one run:
//   (s) `leadwire start -c leadwire.yaml`: the process users run, embedded, durable, its work running (ingester
//       and turns on the work thread) — closed loop, fixed rates (1,000 / 2,000 / 3,000 per second), and the
//       same fixed rate while one customer floods one conversation (the others' p99 is what counts)
//   (a) the embedded gateway alone, its ingester paused until after the load   (b) the gateway with Redis/BullMQ
//   (c) bare node:http that only checks the HMAC (the ceiling)   (d) express + express.json + HMAC + BullMQ add
//   (f) Fastify + raw-body HMAC + one BullMQ add (the strong hand-rolled peer)
//   (e) the durable floor: (c) plus the raw body appended to SQLite (FULL) before the answer
// Prints one JSON document with requests/s, p50/p99 latency, each one's ratio to (c) and CPU µs per request;
// for (a) and (b) also `ingest`: after the load, the ingester drains the delivery log the load filled
// (normalize, store the events, schedule the turns) — deliveries/s and CPU µs per delivery.
// Options (environment): BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 100), BENCH_TARGETS (comma
// list of bare,floor,start,embedded,scale-out,peer,fastify-peer), BENCH_RATES (default 1000,2000,3000),
// BENCH_SQLITE_SYNCHRONOUS=NORMAL, BENCH_PROFILE_DIR (a CPU profile of each server).
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { deleteTestKeys, redisSkipReason, testPrefix, testRedisUrl } from '@leadwire/connector-core/testing';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { processCpuSeconds } from './cpu-time.ts';
import { CUSTOMERS, delivery, PHONE_NUMBER_ID } from './deliveries.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const secret = randomBytes(16).toString('hex');

const rates = (process.env.BENCH_RATES ?? '1000,2000,3000').split(',').map(Number);
const POOL = 200_000;
const signed = (body: string) => ({
  body,
  signature: `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
});
const bodies = Array.from({ length: POOL }, (_, i) => signed(delivery(i)));
/**
 * One customer flooding one conversation with distinct messages, 500 a second (a bot or a script: WhatsApp itself
 * lets a person send far fewer), while the other 20,000 customers write at the first fixed rate.
 */
const FLOOD_PER_SEC = 500;
const FLOOD_POOL = 50_000;
const floodBodies = Array.from({ length: FLOOD_POOL }, (_, i) => signed(delivery(10_000_000 + i * 10, 1)));

interface Target {
  child: ChildProcess;
  url: string;
  /** the target's next line on stdout */
  nextLine(): Promise<string | undefined>;
}

/** `leadwire start -c leadwire.yaml` as a user runs it: one tenant, no intake (turns record), durable SQLite. */
function startCommand(): { args: string[]; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'leadwire-bench-start-'));
  const config = join(dir, 'leadwire.yaml');
  writeFileSync(
    config,
    [
      'server: { port: 0, host: 127.0.0.1 }',
      `storage: { sqlitePath: ${JSON.stringify(join(dir, 'leadwire.db'))}, sqliteSynchronous: ${process.env.BENCH_SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL'} }`,
      'whatsapp: { verifyToken: env:BENCH_SECRET, apps: [{ id: bench, appSecret: env:BENCH_SECRET }] }',
      'logging: { level: info }',
      `tenants: [{ id: bench, whatsapp: { app: bench, phoneNumberIds: ["${PHONE_NUMBER_ID}"] } }]`,
    ].join('\n'),
  );
  const cli = join(import.meta.dirname, '..', '..', 'webhook-gateway', 'src', 'cli', 'main.ts');
  return { args: [cli, 'start', '-c', config], env: { ...process.env, BENCH_SECRET: secret } };
}

async function startTarget(name: string, prefix: string): Promise<Target> {
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const start = name === 'start' ? startCommand() : undefined;
  const child = spawn(
    process.execPath,
    [...profile, ...(start?.args ?? [join(import.meta.dirname, 'gateway-target.ts'), name, secret, prefix])],
    { stdio: ['pipe', 'pipe', 'inherit'], ...(start === undefined ? {} : { env: start.env }) },
  );
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const nextLine = async () => {
    const { value, done } = await lines.next();
    return done ? undefined : (value as string);
  };
  for (let line = await nextLine(); line !== undefined; line = await nextLine()) {
    const match = /^listening (\S+)/.exec(line) ?? /is listening on (\S+)/.exec(line);
    if (match?.[1] !== undefined) return { child, url: match[1], nextLine };
  }
  throw new Error(`target ${name} did not start`);
}

/**
 * After the load: the gateway's ingester empties the delivery log the load filled (normalize, store the
 * events, schedule the turns), in the target's process. What it does per delivery, off the acknowledgement.
 */
async function drain(target: Target): Promise<Ingest> {
  target.child.stdin!.write('drain\n');
  for (let line = await target.nextLine(); line !== undefined; line = await target.nextLine()) {
    if (!line.startsWith('drained ')) continue;
    const { deliveries, ms, cpuUs } = JSON.parse(line.slice('drained '.length)) as {
      deliveries: number;
      ms: number;
      cpuUs: number;
    };
    return {
      deliveries,
      deliveriesPerSec: Math.round(deliveries / (Math.max(1, ms) / 1000)),
      cpuUsPerDelivery: Math.round(cpuUs / Math.max(1, deliveries)),
    };
  }
  throw new Error('the target ended before it drained its delivery log');
}

/** The ingester emptying the delivery log after the load. */
interface Ingest {
  deliveries: number;
  deliveriesPerSec: number;
  cpuUsPerDelivery: number;
}

interface Figures {
  /** fixed-rate runs: the rate asked for (autocannon corrects latency for coordinated omission) */
  askedPerSec?: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /**
   * CPU time per answered request, in µs: the server process, Redis when the target uses it (the peer's
   * queue work runs there), and autocannon. Two cores are shared by all three, so these bound the rate.
   */
  cpuUsPerRequest?: { server: number; redis?: number; loadGenerator: number };
  /** the gateways only: the ingester draining what the load acknowledged */
  ingest?: Ingest;
}

async function redisCpuSeconds(): Promise<number | undefined> {
  const client = new Redis(testRedisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await client.connect();
    const info = await client.info('cpu');
    const read = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1]);
    const seconds = read('used_cpu_user') + read('used_cpu_sys');
    return Number.isFinite(seconds) ? seconds : undefined;
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

async function measure(
  url: string,
  offset: number,
  duration = seconds,
  cpu: { pid?: number | undefined; redis?: boolean } = {},
  shape: { rate?: number; pool?: typeof bodies; connections?: number } = {},
): Promise<Figures> {
  const pool = shape.pool ?? bodies;
  let next = offset;
  const serverBefore = processCpuSeconds(cpu.pid);
  const redisBefore = cpu.redis ? await redisCpuSeconds() : undefined;
  const loadBefore = process.cpuUsage();
  const result = await autocannon({
    url: `${url}/webhooks/whatsapp`,
    connections: shape.connections ?? connections,
    duration,
    ...(shape.rate === undefined ? {} : { overallRate: shape.rate }),
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const item = pool[next++ % pool.length]!;
          return {
            ...request,
            body: item.body,
            headers: { ...request.headers, 'x-hub-signature-256': item.signature },
          };
        },
      },
    ],
  });
  const load = process.cpuUsage(loadBefore);
  const serverAfter = processCpuSeconds(cpu.pid);
  const redisAfter = cpu.redis ? await redisCpuSeconds() : undefined;
  const answered = result.requests.total;
  const perRequest = (cpuSeconds: number) => Math.round((cpuSeconds * 1e6) / Math.max(1, answered));
  return {
    ...(shape.rate === undefined ? {} : { askedPerSec: shape.rate }),
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    ...(serverBefore === undefined || serverAfter === undefined
      ? {}
      : {
          cpuUsPerRequest: {
            server: perRequest(serverAfter - serverBefore),
            ...(redisBefore === undefined || redisAfter === undefined
              ? {}
              : { redis: perRequest(redisAfter - redisBefore) }),
            loadGenerator: perRequest((load.user + load.system) / 1e6),
          },
        }),
  };
}

/** What the real process's work thread had done when the load ended, from its /metrics. */
async function workDone(url: string): Promise<{ turns: number; events: number; backlog: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const sum = (name: string) =>
    [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)$`, 'gm'))].reduce(
      (n, m) => n + Number(m[1]),
      0,
    );
  return {
    turns: sum('leadwire_turns_total'),
    events: sum('leadwire_events_total'),
    backlog: sum('leadwire_delivery_log_backlog'),
  };
}

/** The real process: closed loop, then fixed rates, then a fixed rate with one conversation flooded alongside. */
async function measureStart(target: Target, offsetAt: number): Promise<StartFigures> {
  const { url, child } = target;
  let offset = offsetAt;
  const step = () => {
    const at = offset;
    offset += POOL / 8;
    return at;
  };
  await measure(url, step(), Math.min(3, seconds)).catch(() => undefined); // warm-up is not counted
  const closedLoop = await measure(url, step(), seconds, { pid: child.pid });
  const work = await workDone(url);
  const fixedRates: Figures[] = [];
  for (const rate of rates)
    fixedRates.push(await measure(url, step(), seconds, { pid: child.pid }, { rate }));
  const othersRate = rates[0] ?? 1000;
  const [others, flood] = await Promise.all([
    measure(url, step(), seconds, { pid: child.pid }, { rate: othersRate }),
    measure(url, 0, seconds, {}, { pool: floodBodies, connections: 10, rate: FLOOD_PER_SEC }),
  ]);
  return {
    ...closedLoop,
    workDuringClosedLoop: work,
    fixedRates,
    flood: { others, oneConversation: flood },
    workAtEnd: await workDone(url),
  };
}

interface StartFigures extends Figures {
  /** turns committed, events stored and deliveries waiting when the closed-loop run ended */
  workDuringClosedLoop: { turns: number; events: number; backlog: number };
  fixedRates: Figures[];
  /** the first fixed rate over 20,000 customers while one customer floods one conversation at 500/s */
  flood: { others: Figures; oneConversation: Figures };
  workAtEnd: { turns: number; events: number; backlog: number };
}

const redisSkip = await redisSkipReason().catch((e: Error) => e.message);
const all = [
  { key: 'c_bare_http_hmac', target: 'bare' },
  { key: 'e_durable_floor', target: 'floor' },
  { key: 's_leadwire_start', target: 'start' },
  { key: 'a_gateway_embedded_work_paused', target: 'embedded', gateway: true },
  { key: 'b_gateway_redis_bullmq', target: 'scale-out', redis: true, gateway: true },
  { key: 'd_express_json_bullmq_peer', target: 'peer', redis: true },
  { key: 'f_fastify_bullmq_peer', target: 'fastify-peer', redis: true },
];
const wanted = process.env.BENCH_TARGETS?.split(',');
const results: Record<string, (Figures | StartFigures) & { ratioToCeiling?: number; skipped?: string }> = {};
let offset = 0;
for (const { key, target, redis, gateway } of all) {
  if (wanted !== undefined && !wanted.includes(target)) continue;
  if (redis && redisSkip !== undefined) {
    results[key] = { requestsPerSec: 0, p50Ms: 0, p99Ms: 0, non2xx: 0, errors: 0, skipped: redisSkip };
    continue;
  }
  const prefix = testPrefix('bench');
  const started = await startTarget(target, prefix);
  const { child, url } = started;
  try {
    if (target === 'start') {
      results[key] = await measureStart(started, offset);
      offset += POOL;
    } else {
      await measure(url, offset, Math.min(3, seconds)).catch(() => undefined); // warm-up is not counted
      offset += POOL / 8;
      const figures = await measure(url, offset, seconds, { pid: child.pid, redis: redis === true });
      offset += POOL / 4;
      results[key] = gateway ? { ...figures, ingest: await drain(started) } : figures;
    }
  } finally {
    child.stdin?.end();
    child.kill('SIGTERM');
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    if (redis) await deleteTestKeys(prefix);
  }
  process.stderr.write(`${key}: ${JSON.stringify(results[key])}\n`);
}

const ceiling = results.c_bare_http_hmac?.requestsPerSec;
const ratio = (figures: Figures) => Number((figures.requestsPerSec / ceiling!).toFixed(3));
for (const figures of Object.values(results)) {
  if (ceiling && !figures.skipped) figures.ratioToCeiling = ratio(figures);
}
const s = results.s_leadwire_start as (StartFigures & { ratioToCeiling?: number }) | undefined;
const a = results.a_gateway_embedded_work_paused;
const b = results.b_gateway_redis_bullmq;
const f = results.f_fastify_bullmq_peer;
const sustained = (figures: Figures, rate: number) =>
  figures.requestsPerSec >= rate * 0.97 && figures.p99Ms <= 50 && figures.non2xx === 0;
const at3000 = s?.fixedRates.find((figures) => figures.askedPerSec === 3000);
const goals = {
  startSustains3000PerSecAtP99Within50Ms: at3000 !== undefined ? sustained(at3000, 3000) : null,
  startClosedLoopAtLeastQuarterOfCeiling: s?.ratioToCeiling !== undefined ? s.ratioToCeiling >= 0.25 : null,
  floodLeavesOthersP99Within50Ms: s !== undefined ? s.flood.others.p99Ms <= 50 : null,
  scaleOutAtLeastHalfOfCeiling: b?.ratioToCeiling !== undefined ? b.ratioToCeiling >= 0.5 : null,
  scaleOutAheadOfFastifyPeer:
    b !== undefined && f !== undefined && !b.skipped && !f.skipped
      ? b.requestsPerSec > f.requestsPerSec
      : null,
  gatewayAloneAtLeastHalfOfCeiling: a?.ratioToCeiling !== undefined ? a.ratioToCeiling >= 0.5 : null,
};
process.stdout.write(
  `${JSON.stringify({ seconds, connections, customers: CUSTOMERS, rates, results, goals }, null, 2)}\n`,
);
