// bench:gateway — signed, realistic WhatsApp deliveries (texts, voice notes, status batches) driven with
// autocannon over loopback at 100 connections against, in one run:
//   (a) the gateway in embedded mode, durable   (b) the gateway with Redis/BullMQ
//   (c) bare node:http that only checks the HMAC (the ceiling)   (d) express + express.json + HMAC + BullMQ add
// Prints one JSON document with requests/s, p50/p99 latency and each one's ratio to (c).
// Options (environment): BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 100), BENCH_TARGETS (comma list).
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { deleteTestKeys, redisSkipReason, testPrefix } from '@leadwire/connector-core/testing';
import autocannon from 'autocannon';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const secret = randomBytes(16).toString('hex');
const PHONE_NUMBER_ID = '106540352242922';

/** A realistic mix: 60 % texts, 10 % voice notes, 30 % status batches (sent/delivered/read of 3 messages). */
function delivery(i: number): string {
  const metadata = { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID };
  const from = `1650${String(5_000_000 + (i % 20_000)).padStart(7, '0')}`;
  const ts = String(1_750_000_000 + i);
  const contacts = [{ profile: { name: 'Sheena Nelson' }, wa_id: from }];
  let value: Record<string, unknown>;
  const kind = i % 10;
  if (kind < 6) {
    value = {
      contacts,
      messages: [
        {
          from,
          id: `wamid.bench-${i}`,
          timestamp: ts,
          type: 'text',
          text: { body: `Hola, necesito limpieza profunda hoy en Jeddah \u00e1 #${i}` },
        },
      ],
    };
  } else if (kind === 6) {
    value = {
      contacts,
      messages: [
        {
          from,
          id: `wamid.bench-${i}`,
          timestamp: ts,
          type: 'audio',
          audio: {
            mime_type: 'audio/ogg; codecs=opus',
            sha256: 'wvqXMe6n7n1W0zphvLPoLj+s/NtKqmr3zZ7YzTP7xFI=',
            id: `${1908647269898587 + i}`,
            voice: true,
          },
        },
      ],
    };
  } else {
    value = {
      statuses: ['sent', 'delivered', 'read'].map((status, k) => ({
        id: `wamid.out-${i}-${k}`,
        status,
        timestamp: ts,
        recipient_id: from,
        ...(status === 'sent'
          ? { pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'service' } }
          : {}),
      })),
    };
  }
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata, ...value } }],
      },
    ],
  });
}

const POOL = 200_000;
const bodies: Array<{ body: string; signature: string }> = [];
for (let i = 0; i < POOL; i++) {
  const body = delivery(i);
  bodies.push({ body, signature: `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` });
}

async function startTarget(name: string, prefix: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'gateway-target.ts'), name, secret, prefix],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const match = /^listening (\S+)/.exec(line);
    if (match?.[1] !== undefined) return { child, url: match[1] };
  }
  throw new Error(`target ${name} did not start`);
}

interface Figures {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

async function measure(url: string, offset: number, duration = seconds): Promise<Figures> {
  let next = offset;
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
  return {
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const redisSkip = await redisSkipReason().catch((e: Error) => e.message);
const all = [
  { key: 'c_bare_http_hmac', target: 'bare' },
  { key: 'a_gateway_embedded', target: 'embedded' },
  { key: 'b_gateway_redis_bullmq', target: 'scale-out', redis: true },
  { key: 'd_express_json_bullmq_peer', target: 'peer', redis: true },
];
const wanted = process.env.BENCH_TARGETS?.split(',');
const results: Record<string, Figures & { ratioToCeiling?: number; skipped?: string }> = {};
let offset = 0;
for (const { key, target, redis } of all) {
  if (wanted !== undefined && !wanted.includes(target)) continue;
  if (redis && redisSkip !== undefined) {
    results[key] = { requestsPerSec: 0, p50Ms: 0, p99Ms: 0, non2xx: 0, errors: 0, skipped: redisSkip };
    continue;
  }
  const prefix = testPrefix('bench');
  const { child, url } = await startTarget(target, prefix);
  try {
    await measure(url, offset, Math.min(3, seconds)).catch(() => undefined); // warm-up is not counted
    offset += POOL / 8;
    results[key] = await measure(url, offset);
    offset += POOL / 4;
  } finally {
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
