// A `leadwire gateway|worker -c FILE` child process that the reliability scenarios SIGKILL and restart. Its
// output goes to a log file (named in failures); the gateway counts as up once it prints where it listens.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const cli = join(import.meta.dirname, '..', '..', '..', 'webhook-gateway', 'src', 'cli', 'main.ts');

/** Outside Linux's ephemeral range (32768–60999), so no outgoing connection takes it while its server restarts. */
const STABLE_PORTS: [number, number] = [20_000, 32_000];

/** A TCP port nothing listens on now, that a server can keep across restarts (the gateway, a private Redis). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = STABLE_PORTS[0] + Math.floor(Math.random() * (STABLE_PORTS[1] - STABLE_PORTS[0]));
    const server = createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (bound) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return port;
    }
  }
}

/** The environment a child runs with: ours minus what would change its mode or make it a test runner. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  // REDIS_URL overrides storage.redisUrl (and would turn an embedded run into a scale-out one).
  delete env.REDIS_URL;
  delete env.NODE_TEST_CONTEXT;
  return env;
}

export class LeadwireProcess {
  readonly #role: 'gateway' | 'worker';
  readonly #configPath: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #log: WriteStream;
  readonly logPath: string;
  #child: ChildProcess | undefined;
  starts = 0;
  kills = 0;

  constructor(role: 'gateway' | 'worker', configPath: string, env: NodeJS.ProcessEnv, logDir: string) {
    this.#role = role;
    this.#configPath = configPath;
    this.#env = env;
    this.logPath = join(logDir, `${role}.log`);
    this.#log = createWriteStream(this.logPath, { flags: 'a' });
  }

  get role(): string {
    return this.#role;
  }

  get running(): boolean {
    return this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Spawn it; a gateway resolves once it listens, a worker at once (it has nothing to announce). */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.running) return;
    this.starts++;
    this.#log.write(`--- start ${this.starts} at ${new Date().toISOString()}\n`);
    const child = spawn(process.execPath, [cli, this.#role, '-c', this.#configPath], {
      env: this.#env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    let listening = false;
    child.stdout.on('data', (chunk: Buffer) => {
      this.#log.write(chunk);
      if (chunk.toString('utf8').includes('is listening on')) listening = true;
    });
    child.stderr.on('data', (chunk: Buffer) => this.#log.write(chunk));
    if (this.#role === 'worker') return;
    const deadline = Date.now() + timeoutMs;
    while (!listening) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the ${this.#role} exited while starting; see ${this.logPath}`);
      if (Date.now() > deadline) throw new Error(`the ${this.#role} did not start; see ${this.logPath}`);
      await sleep(20);
    }
  }

  /** SIGKILL: no shutdown code runs, whatever it was doing. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (child === undefined || !this.running) return;
    this.kills++;
    this.#log.write(`--- SIGKILL at ${new Date().toISOString()}\n`);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM and wait for the clean shutdown (SIGKILL after `graceMs`). */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.#child;
    if (child === undefined || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    await this.stop();
    await new Promise<void>((resolve) => this.#log.end(resolve));
  }
}
