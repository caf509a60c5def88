// `leadwire start -c FILE`: the gateway on the main thread, the worker on a thread of its own, one process.
// The turns the thread runs show in the gateway's /metrics; SIGTERM stops both cleanly.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { signBody } from '../src/webhook/signature.ts';
import { customerText, harnessEnv, secrets, testConfig, until } from './support/harness.ts';

const cli = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');

/** The value of one sample line of a Prometheus text exposition, or undefined when it is absent. */
function sample(text: string, line: string): number | undefined {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe('leadwire start with a config', () => {
  const children: ChildProcess[] = [];
  after(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('runs the worker on its own thread: turns are processed, counted in /metrics, and SIGTERM stops both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadwire-start-'));
    const configPath = join(dir, 'leadwire.json');
    writeFileSync(configPath, JSON.stringify({ ...testConfig(), logging: { level: 'warn' } }));
    const child = spawn(process.execPath, [cli, 'start', '-c', configPath], {
      env: { ...process.env, ...harnessEnv, REDIS_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    const url = await until(
      () => /listening on (\S+)/.exec(output)?.[1],
      `leadwire start to listen (output so far: ${output})`,
      30_000,
    );
    assert.match(output, /Leadwire \(embedded\)/);

    for (const [i, from] of ['16505550101', '16505550102', '16505550103'].entries()) {
      const body = customerText(from, `hello ${i}`);
      const answer = await fetch(`${url}/webhooks/whatsapp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, secrets.acme) },
        body,
      });
      assert.equal(answer.status, 200);
    }

    const metrics = await until(
      async () => {
        const text = await (await fetch(`${url}/metrics`)).text();
        return sample(text, 'leadwire_turns_total{outcome="committed"}') === 3 ? text : undefined;
      },
      'three committed turns in /metrics',
      20_000,
    );
    // The gateway's own figures are there too.
    assert.equal(sample(metrics, 'leadwire_events_total{kind="message",type="text"}'), 3);
    assert.equal(sample(metrics, 'leadwire_queue_depth{state="waiting"}'), 0);

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0, output);
  });
});
