// Redis for the reliability scenarios: cleaning a run's keys off the shared test Redis, and a private
// redis-server the Redis-outage scenario can stop and restart.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { deleteTestKeys } from '@leadwire/connector-core/testing';
import { Redis } from 'ioredis';

/** Deletes every key under `prefix` (the store's, the queue's, the CRM adapters'). */
export const deleteRedisPrefix = (url: string, prefix: string): Promise<void> => deleteTestKeys(prefix, url);

const REDIS_SERVER = '/usr/bin/redis-server';

/** undefined when redis-server can be started; a one-line skip reason when not (throws instead when CI=true). */
export function redisServerSkipReason(): string | undefined {
  if (existsSync(REDIS_SERVER)) return undefined;
  const reason = `${REDIS_SERVER} is missing; install redis-server to run the Redis outage scenario`;
  if (process.env.CI === 'true') throw new Error(`CI=true requires it: ${reason}`);
  return reason;
}

/**
 * A redis-server of our own, persisting with an append-only file fsynced on every write (`appendfsync
 * always`): what the gateway acknowledged survives a crash of Redis itself, not only a clean shutdown.
 */
export class PrivateRedis {
  readonly port: number;
  readonly dir: string;
  #child: ChildProcess | undefined;

  constructor(port: number, dir: string) {
    this.port = port;
    this.dir = dir;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes'];
    args.push('--appendfsync', 'always', '--dir', this.dir, '--logfile', 'redis.log');
    this.#child = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
    const deadline = Date.now() + 15_000;
    for (;;) {
      const client = new Redis(this.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      client.on('error', () => {});
      try {
        await client.connect();
        // Loading the AOF answers LOADING until the data is back.
        if ((await client.ping()) === 'PONG') return;
      } catch {
        // not up yet
      } finally {
        client.disconnect();
      }
      if (Date.now() > deadline)
        throw new Error(`redis-server on ${this.port} did not start (see ${this.dir}/redis.log)`);
      await sleep(50);
    }
  }

  /** SIGTERM (Redis writes its AOF and exits) or SIGKILL (a crash); resolves once it is gone. */
  async stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const child = this.#child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}
