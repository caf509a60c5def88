// The gateway attacked as one tenant's app secret, a header fuzzer and a slow client would attack it: a
// thousand signed mutated bodies built from Meta's payloads, forged and doubled signature headers, stalled
// uploads. Through all of it the gateway answers 200, 400, 401, 408 or 413 — never a 5xx — stays up, and
// every valid message sent among the attacks is ingested and its turn committed. Both modes.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { redisSkipReason } from '@leadwire/connector-core/testing';
import { signBody } from '../src/webhook/signature.ts';
import {
  DOC_PHONE_NUMBER_ID,
  type Harness,
  secrets,
  startHarness,
  testConfig,
  textBody,
  until,
} from './support/harness.ts';
import { hostileBodies } from './support/hostile-bodies.ts';

const redisSkip = await redisSkipReason();
const REQUEST_TIMEOUT_MS = 2000;

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** A raw HTTP request, for what fetch refuses to send (repeated headers, lying lengths). */
function rawRequest(url: string, head: string, body = ''): Promise<{ status: number; socket: Socket }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(head + body));
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(reply);
      if (match !== null) {
        resolve({ status: Number(match[1]), socket });
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: 0, socket }));
  });
}

function postHead(path: string, headers: Record<string, string | string[]>, length: number): string {
  const lines = [`POST ${path} HTTP/1.1`, 'Host: localhost', `Content-Length: ${length}`];
  for (const [name, value] of Object.entries(headers)) {
    for (const one of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${one}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

for (const mode of ['embedded', 'scale-out'] as const) {
  describe(`the gateway under attack (${mode})`, {
    skip: mode === 'scale-out' ? (redisSkip ?? false) : false,
  }, () => {
    it('answers a thousand hostile bodies, fuzzed headers and stalled uploads without a 5xx, and ingests every valid message', async (t) => {
      const base = testConfig({ mode });
      const gw: Harness = await startHarness({
        mode,
        worker: true,
        config: { ...base, server: { port: 0, host: '127.0.0.1', requestTimeoutMs: REQUEST_TIMEOUT_MS } },
      });
      const statuses = new Map<number, number>();
      const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const valid: string[] = [];
      let sent = 0;
      const sendValid = async (): Promise<void> => {
        const n = sent++;
        const from = `1650555${String(n).padStart(4, '0')}`;
        const response = await gw.post(
          textBody({
            wamid: `wamid.valid-${n}`,
            from,
            text: `valid message ${n}`,
            timestamp: 1750000000 + n,
          }),
          { drain: false },
        );
        assert.equal(response.status, 200, `valid message ${n}`);
        valid.push(from);
      };
      try {
        // 1. A thousand signed mutated bodies, eight at a time, with a valid message after every 40th.
        const bodies = hostileBodies(1000);
        assert.ok(bodies.length >= 1000);
        let i = 0;
        await inParallel(bodies, 8, async ({ name, body }) => {
          const response = await gw.post(body, { drain: false });
          await response.arrayBuffer();
          assert.ok(response.status < 500, `${name}: answered ${response.status}`);
          count(response.status);
          if (++i % 40 === 0) await sendValid();
        });
        assert.ok((statuses.get(400) ?? 0) > 100, 'the structurally impossible ones are refused');
        assert.ok((statuses.get(200) ?? 0) > 100, 'odd but well-formed ones are acknowledged');

        // 2. Headers: a digest with junk after it, two signature headers, the wrong scheme, none at all.
        const body = textBody({ wamid: 'wamid.forged', from: '16505559999' });
        const signature = signBody(body, secrets.acme);
        const forged: Array<Record<string, string | string[]>> = [
          { 'X-Hub-Signature-256': `${signature}junk` },
          { 'X-Hub-Signature-256': [signature, signBody(body, 'other')] },
          { 'X-Hub-Signature-256': [signature, signature] },
          { 'X-Hub-Signature-256': signature.replace('sha256=', 'sha1=') },
          { 'X-Hub-Signature-256': signature.slice(0, 40) },
          { 'X-Hub-Signature-256': `sha256=${'0'.repeat(64)}` },
          {},
        ];
        for (const headers of forged) {
          const { status } = await rawRequest(
            gw.url,
            postHead('/webhooks/whatsapp', headers, Buffer.byteLength(body)),
            body,
          );
          assert.equal(status, 401, `${JSON.stringify(headers)} is refused`);
        }
        const huge = await rawRequest(
          gw.url,
          postHead(
            '/webhooks/whatsapp',
            { 'X-Pad': 'a'.repeat(40_000), 'X-Hub-Signature-256': signature },
            0,
          ),
        );
        assert.equal(huge.status, 431, 'headers over the limit');
        for (const headers of [{ 'Content-Type': 'text/plain' }, { 'Content-Encoding': 'gzip' }] as Array<
          Record<string, string>
        >) {
          const { status } = await rawRequest(
            gw.url,
            postHead(
              '/webhooks/whatsapp',
              { ...headers, 'X-Hub-Signature-256': signature },
              Buffer.byteLength(body),
            ),
            body,
          );
          assert.ok(
            status === 200 || status === 400 || status === 415,
            `${JSON.stringify(headers)}: ${status}`,
          );
        }

        // 3. Sixty stalled uploads: each promises 2.9 MB and sends a few bytes. Meanwhile valid messages go through,
        //    and the server cuts every stalled one off within its request timeout.
        const started = Date.now();
        const stalled = await Promise.all(
          Array.from(
            { length: 60 },
            () =>
              new Promise<Socket>((resolve) => {
                const { port } = new URL(gw.url);
                const socket = connect(Number(port), '127.0.0.1', () => {
                  socket.write(
                    postHead('/webhooks/whatsapp', { 'X-Hub-Signature-256': signature }, 2_900_000),
                  );
                  socket.write('{"object":"whatsapp_business_account","entry":[');
                  socket.resume(); // read the 408, so the end of the stream is seen
                  resolve(socket);
                });
                socket.on('error', () => undefined);
              }),
          ),
        );
        for (let n = 0; n < 5; n++) await sendValid();
        await until(
          () => (stalled.every((socket) => socket.destroyed || socket.readableEnded) ? true : undefined),
          'every stalled upload cut off',
          REQUEST_TIMEOUT_MS * 4,
        );
        assert.ok(
          Date.now() - started < REQUEST_TIMEOUT_MS * 4,
          'cut off near the request timeout, not minutes later',
        );
        for (const socket of stalled) socket.destroy();

        // 4. Every valid message is ingested and its turn committed; nothing was set aside; the process is well.
        for (let n = 0; n < 5; n++) await sendValid();
        await gw.running.ingester?.drained();
        const { store, log } = gw.running.runtime;
        await until(
          async () => {
            for (const from of valid) {
              const id = await store.resolveConversationId(`${DOC_PHONE_NUMBER_ID}:${from}`);
              const conversation = await store.getConversation(id);
              if ((conversation?.turnSeq ?? 0) < 1 || (await store.pendingEvents(id)).length > 0)
                return undefined;
            }
            return true;
          },
          'every valid message ingested and its turn committed',
          60_000,
        );
        assert.ok(valid.length >= 35, `${valid.length} valid messages among the attacks`);
        t.diagnostic(
          `${mode}: ${bodies.length} hostile bodies answered ${[...statuses].map(([s, n]) => `${n}×${s}`).join(', ')}; ${valid.length} valid messages ingested, turns committed`,
        );
        assert.equal(await log.deadLetterCount(), 0, 'nothing acknowledged failed to ingest');
        assert.equal((await fetch(`${gw.url}/healthz`)).status, 200);
        const ready = await fetch(`${gw.url}/readyz`);
        assert.equal(ready.status, 200, JSON.stringify(await ready.json()));
      } finally {
        await gw.close();
      }
      assert.equal([...statuses.keys()].filter((status) => status >= 500).length, 0);
    });

    it('refuses a body nested deeper than WhatsApp ever nests before acknowledging it', async () => {
      const gw = await startHarness({ mode });
      try {
        const deep = textBody({ wamid: 'wamid.deep', from: '16505558888' }).replace(
          '"type":"text"',
          `"x":${'['.repeat(5000)}${']'.repeat(5000)},"type":"text"`,
        );
        const response = await gw.post(deep);
        assert.equal(response.status, 400);
        assert.match(await response.text(), /nested deeper than 32 levels/);
        assert.equal(await gw.running.runtime.log.backlog(), 0, 'never logged');
        assert.equal(
          (await gw.post(textBody({ wamid: 'wamid.after-deep', from: '16505558888' }))).status,
          200,
        );
      } finally {
        await gw.close();
      }
    });
  });
}

describe('slow clients', () => {
  it('a stalled upload does not hold the server: headers and body have a deadline', async () => {
    const base = testConfig();
    const gw = await startHarness({
      config: { ...base, server: { port: 0, host: '127.0.0.1', requestTimeoutMs: REQUEST_TIMEOUT_MS } },
    });
    try {
      const { port } = new URL(gw.url);
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('error', () => undefined);
      socket.resume(); // read what the server answers, so its close is seen
      socket.write('POST /webhooks/whatsapp HTTP/1.1\r\nHost: localhost\r\n'); // headers never finished
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      const started = Date.now();
      await closed;
      assert.ok(Date.now() - started < REQUEST_TIMEOUT_MS + 2500, `cut off after ${Date.now() - started} ms`);
      await sleep(0);
    } finally {
      await gw.close();
    }
  });
});
