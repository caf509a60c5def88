// `leadwire start -c FILE` (embedded) acknowledges on the main thread and runs the ingester and the turns on a
// work thread: what it acknowledges is stored and turned, /metrics adds the thread's counters, and a SIGTERM
// stops both threads cleanly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { openSqliteStore } from '@leadwire/connector-core';
import { signBody } from '../src/webhook/signature.ts';
import { until } from './support/harness.ts';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'whatsapp', name), 'utf8');

it('`leadwire start` stores and turns what it acknowledged on its work thread, and stops cleanly', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'leadwire-work-thread-'));
  const sqlitePath = join(dir, 'leadwire.db');
  const config = join(dir, 'leadwire.yaml');
  writeFileSync(
    config,
    [
      'server: { port: 0, host: 127.0.0.1 }',
      `storage: { sqlitePath: ${JSON.stringify(sqlitePath)} }`,
      'turns: { debounceMs: 0, maxWaitMs: 0 }',
      'whatsapp: { verifyToken: env:LW_VERIFY, apps: [{ id: main, appSecret: env:LW_APP_SECRET }] }',
      'tenants: [{ id: t1, whatsapp: { app: main, phoneNumberIds: ["106540352242922"] } }]',
    ].join('\n'),
  );
  const cli = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');
  const { LEADWIRE_CONFIG: _config, ...inherited } = process.env;
  const env = { ...inherited, LW_VERIFY: 'verify-token', LW_APP_SECRET: 'app-secret-for-the-test' };
  const child = spawn(process.execPath, [cli, 'start', '-c', config], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGKILL'));
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const url = await until(
    () => /is listening on (http:\/\/\S+)/.exec(out)?.[1],
    'the listening address',
    30_000,
  );
  // Two "leadwire started" lines: the main thread's gateway, and the work thread's worker with its ingester.
  await until(
    () => (/"workThread":true/.test(out) ? true : undefined),
    'the gateway saying it has a work thread',
  );
  assert.match(out, /"gateway":false,"worker":true,"ingest":true/);

  // Meta's examples: a text and a status (its image example reuses the text's wamid, so it would be a duplicate).
  const bodies = ['text.json', 'status_delivered.json'].map(fixture);
  for (const body of bodies) {
    const answer = await fetch(`${url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signBody(body, 'app-secret-for-the-test'),
      },
      body,
    });
    assert.equal(answer.status, 200);
  }
  const metric = (text: string, name: string) =>
    [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)$`, 'gm'))].reduce(
      (sum, m) => sum + Number(m[1]),
      0,
    );
  // The thread's counters reach the main thread's /metrics: events stored, turns committed.
  const metrics = await until(
    async () => {
      const text = await (await fetch(`${url}/metrics`)).text();
      return metric(text, 'leadwire_turns_total') >= 1 && metric(text, 'leadwire_events_total') >= 2
        ? text
        : undefined;
    },
    'events stored and a turn committed by the work thread',
    30_000,
  );
  assert.equal(metric(metrics, 'leadwire_delivery_log_backlog'), 0);
  assert.equal((await fetch(`${url}/readyz`)).status, 200);

  child.kill('SIGTERM');
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.equal(code, 0);
  // What the thread wrote is in the file the next start opens.
  const store = openSqliteStore({ path: sqlitePath });
  try {
    const conversation = await store.getConversation('106540352242922:16505551234');
    assert.ok(conversation, 'the conversation of the acknowledged text is stored');
  } finally {
    await store.close();
  }
});
