// The gateway's two halves without HTTP, for a CPU profile (`node --cpu-prof test/bench/receive-path.ts`) and a
// per-delivery cost: the acknowledgement path (verify, check the envelope, append to the delivery log), then
// the ingester draining that log (normalize, store events, schedule turns). Embedded mode, SQLite FULL.
// usage: node receive-path.ts [deliveries=40000] [perTick=64]
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema, type SqliteStore, systemClock } from '@leadwire/connector-core';
import { createLogger, createMetrics, openRuntime, tenantDirectory } from '@leadwire/webhook-gateway';
import { startIngester } from '../../webhook-gateway/src/webhook/ingest-deliveries.ts';
import { deliveryReceiver } from '../../webhook-gateway/src/webhook/receive-delivery.ts';
import { delivery, PHONE_NUMBER_ID } from './deliveries.ts';

const total = Number(process.argv[2] ?? 40_000);
const perTick = Number(process.argv[3] ?? 64);
const secret = randomBytes(16).toString('hex');
const env = { BENCH_SECRET: secret };
const config = configSchema.parse({
  storage: {
    sqlitePath: join(mkdtempSync(join(tmpdir(), 'leadwire-receive-')), 'leadwire.db'),
    sqliteSynchronous: process.env.BENCH_SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL',
  },
  whatsapp: { verifyToken: 'env:BENCH_SECRET', apps: [{ id: 'bench', appSecret: 'env:BENCH_SECRET' }] },
  tenants: [{ id: 'bench', whatsapp: { app: 'bench', phoneNumberIds: [PHONE_NUMBER_ID] } }],
});
const runtime = openRuntime(config, env);
const directory = tenantDirectory(config, env);
const logger = createLogger({ level: 'silent' });
const receive = deliveryReceiver({ directory, log: runtime.log, logger, clock: systemClock });
const bodies = Array.from({ length: total }, (_, i) => {
  const raw = Buffer.from(delivery(i));
  return { raw, signature: `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}` };
});

function measure<T>(work: () => Promise<T>): Promise<{ perSec: number; cpuUs: number }> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  return work().then(() => {
    const cpu = process.cpuUsage(cpuBefore);
    return {
      perSec: Math.round(total / ((performance.now() - started) / 1000)),
      cpuUs: Math.round((cpu.user + cpu.system) / total),
    };
  });
}

const ack = await measure(async () => {
  for (let i = 0; i < total; i += perTick) {
    const answers = await Promise.all(
      bodies.slice(i, i + perTick).map(({ raw, signature }) => receive(raw, signature, 'bench')),
    );
    if (answers.some((a) => a.status !== 200))
      throw new Error(`not acknowledged: ${JSON.stringify(answers[0])}`);
  }
});
const ingester = startIngester({ directory, ...runtime, logger, metrics: createMetrics() });
const ingest = await measure(() => ingester.drained());
const stored = await (runtime.store as SqliteStore).countEvents();
if (stored === 0) throw new Error('the ingester stored nothing');
process.stdout.write(
  `${JSON.stringify({
    deliveries: total,
    perTick,
    ack: { deliveriesPerSec: ack.perSec, cpuUsPerDelivery: ack.cpuUs },
    ingest: { deliveriesPerSec: ingest.perSec, cpuUsPerDelivery: ingest.cpuUs, eventsStored: stored },
  })}\n`,
);
await ingester.stop();
await runtime.close();
