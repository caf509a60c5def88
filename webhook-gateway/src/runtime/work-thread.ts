// Embedded mode's work thread: `leadwire start` answers webhooks on the main thread and runs everything behind
// the acknowledgement (the delivery log's ingester, turns, routing jobs, sweeps, Salesforce replies) on a worker
// thread with its own connections to the same SQLite file. A turn's SQLite writes and CPU then never hold an
// acknowledgement: each thread has its event loop (and, on two cores, its core). The two meet only in the file
// (the queue and the log are shared tables) and in three messages: "a delivery was appended", "your metrics",
// "close".
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Config } from '@leadwire/connector-core';
import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import type { Logger } from '../observability/logger.ts';

export type Metric = MetricObjectWithValues<MetricValue<string>>;

export type ToThread = { type: 'nudge' } | { type: 'metrics'; id: number } | { type: 'close' };
export type FromThread =
  | { type: 'ready' }
  | { type: 'metrics'; id: number; metrics: Metric[] }
  | { type: 'failed'; message: string };

/** How long a closing work thread may take before it is terminated. */
const CLOSE_GRACE_MS = 15_000;

export interface WorkThread {
  /** a delivery was appended: the ingester looks now rather than at its next poll */
  nudge(): void;
  /** the thread's counters and histograms (its gauges read the same file as the main thread's) */
  metrics(): Promise<Metric[]>;
  close(): Promise<void>;
}

/** Starts the work thread and waits until its worker runs; a thread that dies on its own ends the process. */
export async function startWorkThread(
  config: Config,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<WorkThread> {
  const worker = new Worker(new URL('./work-thread-entry.ts', import.meta.url), {
    workerData: { config, env },
    // the thread's name in `top -H`, `ps -L` and /proc (15 characters at most there)
    name: 'leadwire-work',
  });
  let closing = false;
  let nudged = false;
  let nextId = 0;
  const waiting = new Map<number, (metrics: Metric[]) => void>();
  const started = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: FromThread) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'failed') reject(new Error(message.message));
      else {
        waiting.get(message.id)?.(message.metrics);
        waiting.delete(message.id);
      }
    });
    worker.once('error', reject);
  });
  worker.on('exit', (code) => {
    for (const answer of waiting.values()) answer([]);
    waiting.clear();
    if (closing) return;
    // Without its work thread the process would acknowledge deliveries nobody ingests: stop, so the supervisor
    // restarts it (the acknowledged deliveries wait in the log).
    logger.fatal({ code }, 'the work thread stopped: exiting');
    process.exit(1);
  });
  await started;
  return {
    nudge() {
      // One message per event-loop turn at most, however many deliveries it appended.
      if (nudged) return;
      nudged = true;
      setImmediate(() => {
        nudged = false;
        worker.postMessage({ type: 'nudge' } satisfies ToThread);
      });
    },
    metrics() {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({ type: 'metrics', id } satisfies ToThread);
      });
    },
    async close() {
      if (closing) return;
      closing = true;
      const exited = once(worker, 'exit');
      worker.postMessage({ type: 'close' } satisfies ToThread);
      // Its turns in flight finish or are resumed after their lease by the next start: a stuck close is cut.
      const cut = setTimeout(() => void worker.terminate(), CLOSE_GRACE_MS);
      await exited;
      clearTimeout(cut);
    },
  };
}
