// bench:pipeline's deployment under test, run as `leadwire` itself runs: a JSON config file and child
// processes of the real CLI. Embedded (no REDIS_URL, one SQLite file): `leadwire start` (gateway + worker)
// plus N−1 `leadwire worker` on the same file. Scale-out (REDIS_URL, a prefix of its own, deleted after):
// `leadwire gateway` plus N `leadwire worker`. Workers can be added between runs (1 → 4) to save start-ups,
// which take seconds each on a busy two-core machine.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { type ConfigInput, RedisStore } from '@leadwire/connector-core';
import { testRedisUrl } from '@leadwire/connector-core/testing';
import { Redis } from 'ioredis';
import { threadCpuSeconds } from './cpu-time.ts';

export type Mode = 'embedded' | 'scale-out';

const CLI = join(import.meta.dirname, '..', '..', 'webhook-gateway', 'src', 'cli', 'main.ts');
const STARTUP_TIMEOUT_MS = 60_000;

export interface DeploymentOptions {
  mode: Mode;
  /** worker processes to start with (embedded: `leadwire start` is the first) */
  workers: number;
  config: ConfigInput;
  env: Record<string, string>;
  redisPrefix: string;
  /** when set, every process writes a CPU profile of each of its threads here (`--cpu-prof-dir`) on exit */
  profileDir?: string;
}

export interface Deployment {
  url: string;
  /** worker processes running (embedded: `leadwire start` counts as one) */
  workers: number;
  /** how the processes were started, for the report */
  processes(): string[];
  /** starts more `leadwire worker` processes and waits until they are ready */
  addWorkers(count: number): Promise<void>;
  /** the conversation's committed turns (0 before its first) */
  turnSeq(id: string): Promise<number>;
  /**
   * CPU seconds each process has used so far, per thread name (`leadwire-work` is embedded mode's work thread),
   * keyed `leadwire start`, `leadwire worker 1`…; empty where /proc is not there to read.
   */
  cpuSeconds(): Record<string, Record<string, number>>;
  /** warn / error log lines the processes wrote (level ≥ 40), in order */
  warnings: string[];
  stop(): Promise<void>;
}

interface Child {
  /** `leadwire start`, `leadwire worker 2`… */
  label: string;
  process: ChildProcess;
  exited: Promise<void>;
}

export async function startDeployment(options: DeploymentOptions): Promise<Deployment> {
  const dir = mkdtempSync(join(tmpdir(), 'leadwire-pipeline-bench-'));
  const sqlitePath = join(dir, 'leadwire.db');
  const config: ConfigInput = {
    ...options.config,
    storage: { ...options.config.storage, sqlitePath, redisPrefix: options.redisPrefix },
  };
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(config));
  // The compile cache spares each new process most of the work of loading the CLI's modules again.
  const env: NodeJS.ProcessEnv = {
    NODE_COMPILE_CACHE: join(tmpdir(), 'leadwire-bench-compile-cache'),
    ...process.env,
    ...options.env,
  };
  delete env.REDIS_URL;
  if (options.mode === 'scale-out') env.REDIS_URL = testRedisUrl;

  const warnings: string[] = [];
  const children: Child[] = [];
  /** Spawns `leadwire <command>`; resolves with the line `ready` matched once it appears on stdout. */
  const spawnCli = (command: string, ready: RegExp): Promise<RegExpExecArray> => {
    const profile =
      options.profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`];
    const child = spawn(process.execPath, [...profile, CLI, command, '-c', configPath], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const label =
      command === 'worker'
        ? `leadwire worker ${children.filter((c) => c.label.startsWith('leadwire worker')).length + 1}`
        : `leadwire ${command}`;
    children.push({ label, process: child, exited });
    const stderr: string[] = [];
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`leadwire ${command} did not start in ${STARTUP_TIMEOUT_MS} ms`)),
        STARTUP_TIMEOUT_MS,
      );
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`leadwire ${command} exited (${code}): ${stderr.join('').slice(-2000)}`));
      });
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = ready.exec(line);
        if (match !== null) {
          clearTimeout(timer);
          resolve(match);
          return;
        }
        if (line.startsWith('{')) {
          const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
          if ((entry.level ?? 0) >= 40)
            warnings.push(`${command}: ${entry.msg ?? ''} ${entry.err?.message ?? ''}`.trim());
        }
      });
    });
  };

  const gateway = options.mode === 'embedded' ? 'start' : 'gateway';
  const firstWorkers = options.mode === 'embedded' ? options.workers - 1 : options.workers;
  const startWorkers = (count: number) =>
    Promise.all(Array.from({ length: count }, () => spawnCli('worker', /"msg":"leadwire started"/)));
  let url: string;
  let extraWorkers = 0;
  try {
    url = (await spawnCli(gateway, /is listening on (\S+)/))[1]!;
    await startWorkers(firstWorkers);
    extraWorkers = firstWorkers;
  } catch (error) {
    for (const child of children) child.process.kill('SIGKILL');
    throw error;
  }

  // The bench reads the store to see each turn commit: the same SQLite file (only the turn number, not the whole
  // conversation: every waiting customer asks four times a second), or Redis under the prefix.
  const sqlite = options.mode === 'embedded' ? new DatabaseSync(sqlitePath, { readOnly: true }) : undefined;
  const turnSeqOf = sqlite?.prepare('SELECT turn_seq FROM conversations WHERE id = ?');
  const store =
    options.mode === 'scale-out'
      ? new RedisStore({ url: testRedisUrl, prefix: options.redisPrefix })
      : undefined;

  return {
    url,
    get workers() {
      return extraWorkers + (options.mode === 'embedded' ? 1 : 0);
    },
    processes: () => [
      `leadwire ${gateway}`,
      ...(extraWorkers > 0 ? [`${extraWorkers} × leadwire worker`] : []),
    ],
    async addWorkers(count) {
      await startWorkers(count);
      extraWorkers += count;
    },
    turnSeq: async (id) =>
      turnSeqOf !== undefined
        ? Number(turnSeqOf.get(id)?.turn_seq ?? 0)
        : ((await store?.getConversation(id))?.turnSeq ?? 0),
    cpuSeconds: () =>
      Object.fromEntries(
        children.flatMap(({ label, process: child }) => {
          const threads = threadCpuSeconds(child.pid);
          return threads === undefined ? [] : [[label, threads]];
        }),
      ),
    warnings,
    async stop() {
      await Promise.all(
        children.map(async ({ process: child, exited }) => {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(killer);
        }),
      );
      sqlite?.close();
      await store?.close();
      if (options.mode === 'scale-out') await deleteRedisPrefix(options.redisPrefix);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Deletes every key of the run: the store's `{prefix}:…`, BullMQ's `prefix:…` and the CRM state's. */
export async function deleteRedisPrefix(prefix: string): Promise<number> {
  const client = new Redis(testRedisUrl);
  let deleted = 0;
  try {
    for await (const keys of client.scanStream({ match: `*${prefix}*`, count: 1000 })) {
      const batch = keys as string[];
      if (batch.length > 0) deleted += await client.del(...batch);
    }
  } finally {
    client.disconnect();
  }
  return deleted;
}
