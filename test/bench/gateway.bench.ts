// bench:gateway — signed, realistic WhatsApp deliveries (texts, voice notes, status batches) driven with
// autocannon over loopback at 100 connections against, in one run:
//   (a) the gateway in embedded mode, durable   (b) the gateway with Redis/BullMQ
//   (c) bare node:http that only checks the HMAC (the ceiling)   (d) express + express.json + HMAC + BullMQ add
//   (e) the durable floor: (c) plus the raw body appended to SQLite (FULL) before the answer
// Prints one JSON document with requests/s, p50/p99 latency, each one's ratio to (c) and CPU µs per request;
// for (a) and (b) also `ingest`: after the load, the ingester drains the delivery log the load filled
// (normalize, store the events, schedule the turns) — deliveries/s and CPU µs per delivery.
// Options (environment): BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 100), BENCH_TARGETS (comma
// list), BENCH_SQLITE_SYNCHRONOUS=NORMAL, BENCH_PROFILE_DIR (a CPU profile of each server).
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { deleteTestKeys, redisSkipReason, testPrefix, testRedisUrl } from '@leadwire/connector-core/testing';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { delivery } from './deliveries.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const secret = randomBytes(16).toString('hex');

const POOL = 200_000;
const bodies: Array<{ body: string; signature: string }> = [];
for (let i = 0; i < POOL; i++) {
  const body = delivery(i);
  bodies.push({ body, signature: `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` });
}

interface Target {
  child: ChildProcess;
  url: string;
  /** the target's next line on stdout */
  nextLine(): Promise<string | undefined>;
}

async function startTarget(name: string, prefix: string): Promise<Target> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
        : []),
      join(import.meta.dirname, 'gateway-target.ts'),
      name,
      secret,
      prefix,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const nextLine = async () => {
    const { value, done } = await lines.next();
    return done ? undefined : (value as string);
  };
  for (let line = await nextLine(); line !== undefined; line = await nextLine()) {
    const match = /^listening (\S+)/.exec(line);
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

/** User + system CPU seconds a process has used so far (Linux /proc; undefined elsewhere). */
function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return undefined;
  }
}
const ticksPerSecond = 100;

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
): Promise<Figures> {
  let next = offset;
  const serverBefore = processCpuSeconds(cpu.pid);
  const redisBefore = cpu.redis ? await redisCpuSeconds() : undefined;
  const loadBefore = process.cpuUsage();
  const result = await autocannon({
    url: `${url}/webhooks/whatsapp`,
    connections,
    duration,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const item = bodies[next++ % POOL]!;
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

const redisSkip = await redisSkipReason().catch((e: Error) => e.message);
const all = [
  { key: 'c_bare_http_hmac', target: 'bare' },
  { key: 'e_durable_floor', target: 'floor' },
  { key: 'a_gateway_embedded', target: 'embedded', gateway: true },
  { key: 'b_gateway_redis_bullmq', target: 'scale-out', redis: true, gateway: true },
  { key: 'd_express_json_bullmq_peer', target: 'peer', redis: true },
];
const wanted = process.env.BENCH_TARGETS?.split(',');
const results: Record<string, Figures & { ratioToCeiling?: number; skipped?: string }> = {};
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
    await measure(url, offset, Math.min(3, seconds)).catch(() => undefined); // warm-up is not counted
    offset += POOL / 8;
    const figures = await measure(url, offset, seconds, { pid: child.pid, redis: redis === true });
    offset += POOL / 4;
    results[key] = gateway ? { ...figures, ingest: await drain(started) } : figures;
  } finally {
    child.stdin?.end();
    child.kill('SIGTERM');
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    if (redis) await deleteTestKeys(prefix);
  }
  process.stderr.write(`${key}: ${JSON.stringify(results[key])}\n`);
}

const ceiling = results.c_bare_http_hmac?.requestsPerSec;
for (const figures of Object.values(results)) {
  if (ceiling && !figures.skipped)
    figures.ratioToCeiling = Number((figures.requestsPerSec / ceiling).toFixed(3));
}
const a = results.a_gateway_embedded;
const b = results.b_gateway_redis_bullmq;
const d = results.d_express_json_bullmq_peer;
const goals = {
  embeddedAtLeastHalfOfCeiling: a?.ratioToCeiling !== undefined ? a.ratioToCeiling >= 0.5 : null,
  embeddedP99AtMost50Ms: a !== undefined ? a.p99Ms <= 50 : null,
  embeddedAheadOfPeer:
    a !== undefined && d !== undefined && !d.skipped ? a.requestsPerSec > d.requestsPerSec : null,
  redisAheadOfPeer:
    b !== undefined && d !== undefined && !b.skipped && !d.skipped
      ? b.requestsPerSec > d.requestsPerSec
      : null,
};
process.stdout.write(`${JSON.stringify({ seconds, connections, results, goals }, null, 2)}\n`);
