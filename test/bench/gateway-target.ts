// One server under test for bench:gateway, in its own process so it has a core to itself.
// usage: node gateway-target.ts <embedded|scale-out|bare|floor|peer|fastify-peer> <secret> [redisPrefix]
// The gateway targets answer a line `drain` on stdin: an ingester in this process empties the delivery log
// the load filled, and the target prints `drained {deliveries, ms, cpuUs}`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { configSchema } from '@leadwire/connector-core';
import { testRedisUrl } from '@leadwire/connector-core/testing';
import { createLogger, createMetrics, run, startIngester, tenantDirectory } from '@leadwire/webhook-gateway';
import { Queue } from 'bullmq';
import express from 'express';
import Fastify from 'fastify';

const [target, secret, prefix = 'lwbench'] = process.argv.slice(2) as [string, string, string?];

// Exit cleanly on a signal (so `node --cpu-prof` can write its profile); registered first, as the gateway
// targets then wait on stdin for the rest of their life.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));

function verify(raw: Buffer, header: string | undefined): boolean {
  if (header === undefined || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice(7), 'hex');
  const expected = createHmac('sha256', secret).update(raw).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function announce(port: number): void {
  process.stdout.write(`listening http://127.0.0.1:${port}\n`);
}

if (target === 'embedded' || target === 'scale-out') {
  // (a) and (b): the real gateway, durable (SQLite synchronous FULL, or Redis + BullMQ).
  const config = configSchema.parse({
    server: { port: 0, host: '127.0.0.1' },
    storage: {
      sqlitePath: join(mkdtempSync(join(tmpdir(), 'leadwire-bench-')), 'leadwire.db'),
      sqliteSynchronous: process.env.BENCH_SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL',
      redisPrefix: prefix,
      ...(target === 'scale-out' ? { redisUrl: 'env:BENCH_REDIS_URL' } : {}),
    },
    whatsapp: { verifyToken: 'env:BENCH_SECRET', apps: [{ id: 'bench', appSecret: 'env:BENCH_SECRET' }] },
    logging: { level: 'silent' },
    tenants: [{ id: 'bench', whatsapp: { app: 'bench', phoneNumberIds: ['106540352242922'] } }],
  });
  const env = { BENCH_SECRET: secret, BENCH_REDIS_URL: testRedisUrl };
  const logger = createLogger({ level: 'silent' });
  const running = await run({ config, env, gateway: true, worker: false, logger });
  announce(Number(new URL(running.url!).port));
  for await (const line of createInterface({ input: process.stdin })) {
    if (line !== 'drain') continue;
    const { runtime } = running;
    const deliveries = await runtime.log.backlog();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const ingester = startIngester({
      directory: tenantDirectory(config, env),
      ...runtime,
      logger,
      metrics: createMetrics(),
    });
    await ingester.drained();
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    await ingester.stop();
    const left = await runtime.log.backlog();
    if (left !== 0) throw new Error(`the ingester left ${left} deliveries in the log`);
    process.stdout.write(
      `drained ${JSON.stringify({ deliveries, ms: Math.round(ms), cpuUs: cpu.user + cpu.system })}\n`,
    );
  }
} else if (target === 'bare') {
  // (c) the ceiling: node:http that only checks the HMAC and answers 200.
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const ok = verify(Buffer.concat(chunks), req.headers['x-hub-signature-256'] as string | undefined);
      res.writeHead(ok ? 200 : 401).end();
    });
  });
  server.listen(0, '127.0.0.1', () => announce((server.address() as { port: number }).port));
} else if (target === 'floor') {
  // (e) the durable floor: (c) plus what any design that persists before it answers must do — append the raw
  // body to SQLite (WAL, synchronous FULL), one transaction per event-loop tick, and answer after COMMIT.
  const db = new DatabaseSync(join(mkdtempSync(join(tmpdir(), 'leadwire-bench-floor-')), 'floor.db'));
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL');
  db.exec(
    'CREATE TABLE deliveries (seq INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, raw BLOB NOT NULL)',
  );
  const insert = db.prepare('INSERT INTO deliveries (received_at, raw) VALUES (?, ?)');
  let batch: Array<{ raw: Buffer; done: () => void }> = [];
  const flush = (): void => {
    const items = batch;
    batch = [];
    db.exec('BEGIN IMMEDIATE');
    const now = Date.now();
    for (const { raw } of items) insert.run(now, raw);
    db.exec('COMMIT');
    for (const { done } of items) done();
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      if (!verify(raw, req.headers['x-hub-signature-256'] as string | undefined)) {
        res.writeHead(401).end();
        return;
      }
      if (batch.length === 0) setImmediate(flush);
      batch.push({ raw, done: () => res.writeHead(200).end() });
    });
  });
  server.listen(0, '127.0.0.1', () => announce((server.address() as { port: number }).port));
} else if (target === 'peer') {
  // (d) a typical hand-rolled peer: express.json() keeping the raw body for the HMAC, one BullMQ add each.
  const queue = new Queue('webhooks', { connection: { url: testRedisUrl }, prefix });
  const app = express();
  app.use(
    express.json({
      limit: '3mb',
      verify: (req, _res, buf) => {
        (req as unknown as { rawBody: Buffer }).rawBody = buf;
      },
    }),
  );
  app.post('/webhooks/whatsapp', async (req, res) => {
    if (!verify((req as unknown as { rawBody: Buffer }).rawBody, req.get('x-hub-signature-256'))) {
      res.sendStatus(401);
      return;
    }
    await queue.add('webhook', req.body, { removeOnComplete: true });
    res.sendStatus(200);
  });
  const server = app.listen(0, '127.0.0.1', () => announce((server.address() as { port: number }).port));
} else if (target === 'fastify-peer') {
  // (f) what a user would hand-roll on the fastest common stack: Fastify keeping the raw body for the HMAC, then
  // JSON.parse, one BullMQ add each, then 200.
  const queue = new Queue('webhooks', { connection: { url: testRedisUrl }, prefix });
  const app = Fastify({ bodyLimit: 3 * 1024 * 1024 });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post('/webhooks/whatsapp', async (req, reply) => {
    const raw = req.body as Buffer;
    if (!verify(raw, req.headers['x-hub-signature-256'] as string | undefined)) return reply.code(401).send();
    await queue.add('webhook', JSON.parse(raw.toString('utf8')), { removeOnComplete: true });
    return reply.code(200).send();
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  announce((app.server.address() as { port: number }).port);
} else {
  process.stderr.write(`unknown target ${target}\n`);
  process.exit(2);
}
