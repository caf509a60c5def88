// The gateway's receive path without HTTP: verify, parse, normalize, persist, schedule — for a CPU profile
// (`node --cpu-prof test/bench/receive-path.ts`) and a per-delivery cost. Embedded mode, SQLite FULL.
// usage: node receive-path.ts [deliveries=40000] [perTick=64]
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema, systemClock } from '@leadwire/connector-core';
import { createLogger, createMetrics, openRuntime, tenantDirectory } from '@leadwire/webhook-gateway';
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
const receive = deliveryReceiver({
  directory: tenantDirectory(config, env),
  store: runtime.store,
  queue: runtime.queue,
  logger: createLogger({ level: 'silent' }),
  metrics: createMetrics(runtime.queue),
  clock: systemClock,
});
const bodies = Array.from({ length: total }, (_, i) => {
  const raw = Buffer.from(delivery(i));
  return { raw, signature: `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}` };
});

const started = performance.now();
const cpuBefore = process.cpuUsage();
for (let i = 0; i < total; i += perTick) {
  const answers = await Promise.all(
    bodies.slice(i, i + perTick).map(({ raw, signature }) => receive(raw, signature, 'bench')),
  );
  if (answers.some((a) => a.status !== 200))
    throw new Error(`not acknowledged: ${JSON.stringify(answers[0])}`);
}
const cpu = process.cpuUsage(cpuBefore);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({
    deliveries: total,
    perTick,
    deliveriesPerSec: Math.round(total / seconds),
    cpuUsPerDelivery: Math.round((cpu.user + cpu.system) / total),
  })}\n`,
);
await runtime.close();
