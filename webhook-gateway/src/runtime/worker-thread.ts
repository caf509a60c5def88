// `leadwire start`'s worker on a thread of its own: turns (intake, routing, CRM writes) never hold up the
// webhook's acknowledgement, and embedded mode uses a second core. One process still, one SQLite file: the
// embedded queue already serves a gateway and a worker on separate connections. The thread's metrics are
// merged into the gateway's /metrics.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadConfigFile } from '@leadwire/connector-core';
import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import { run } from '../server.ts';

type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

type ToThread = { type: 'metrics'; id: number } | { type: 'stop' };
type FromThread =
  | { type: 'ready' }
  | { type: 'metrics'; id: number; metrics: MetricsJson }
  | { type: 'stopped' }
  | { type: 'failed'; message: string };

export interface WorkerThread {
  /** the thread's metrics, for the gateway's /metrics */
  metrics(): Promise<MetricsJson>;
  /** finishes the turns in hand (as `run().close()` does) and ends the thread */
  stop(): Promise<void>;
}

/**
 * Starts the worker of the config at `configPath` on a thread and resolves once it runs. `onExit` is told
 * when the thread ends by itself (a crash): the caller decides (the CLI exits, so a supervisor restarts it,
 * and the persisted jobs resume).
 */
export async function startWorkerThread(
  configPath: string,
  onExit: (reason: string) => void,
): Promise<WorkerThread> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { configPath } });
  const waiting = new Map<number, (metrics: MetricsJson) => void>();
  let nextId = 0;
  let stopping: Promise<void> | undefined;
  let stopped: (() => void) | undefined;
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (message: FromThread) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'failed') reject(new Error(message.message));
      else if (message.type === 'metrics') waiting.get(message.id)?.(message.metrics);
      else stopped?.();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      reject(new Error(`the worker thread exited with code ${code} before it started`));
      for (const answer of waiting.values()) answer([]);
      if (stopping === undefined) onExit(`the worker thread exited with code ${code}`);
    });
  });
  return {
    metrics() {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, (metrics) => {
          waiting.delete(id);
          resolve(metrics);
        });
        worker.postMessage({ type: 'metrics', id } satisfies ToThread);
      });
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        stopped = resolve;
        worker.once('exit', () => resolve());
        worker.postMessage({ type: 'stop' } satisfies ToThread);
      }).then(() => worker.terminate().then(() => undefined));
      return stopping;
    },
  };
}

/** The thread itself: the worker half of `run()`, answering for its metrics and stopping when told. */
async function threadMain(): Promise<void> {
  const port = parentPort;
  if (port === null) return;
  const { configPath } = workerData as { configPath: string };
  let running: Awaited<ReturnType<typeof run>>;
  try {
    running = await run({ config: loadConfigFile(configPath), gateway: false, worker: true });
  } catch (error) {
    port.postMessage({ type: 'failed', message: (error as Error).message } satisfies FromThread);
    return;
  }
  port.on('message', (message: ToThread) => {
    if (message.type === 'metrics') {
      void running.metrics.registry.getMetricsAsJSON().then((all) => {
        // The gauges (queue depth, dead letters) read the same queue the gateway reports: counted once there.
        const metrics = all.filter((metric) => String(metric.type) !== 'gauge');
        port.postMessage({ type: 'metrics', id: message.id, metrics } satisfies FromThread);
      });
    } else {
      void running.close().finally(() => {
        port.postMessage({ type: 'stopped' } satisfies FromThread);
        port.close();
      });
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromThread);
}

if (!isMainThread && (workerData as { configPath?: unknown } | null)?.configPath !== undefined) {
  await threadMain();
}
