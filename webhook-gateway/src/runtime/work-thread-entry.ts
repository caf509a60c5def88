// The work thread's entry (see work-thread.ts): the worker half of `run`, answering the main thread's messages.
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '@leadwire/connector-core';
import type { FromThread, ToThread } from './work-thread.ts';

async function runThread(): Promise<void> {
  const port = parentPort!;
  const { config, env } = workerData as { config: Config; env: NodeJS.ProcessEnv };
  const { run } = await import('../server.ts');
  let running: Awaited<ReturnType<typeof run>>;
  try {
    running = await run({ config, env, gateway: false, worker: true, workerServer: false });
  } catch (error) {
    port.postMessage({ type: 'failed', message: (error as Error).message } satisfies FromThread);
    return;
  }
  port.on('message', (message: ToThread) => {
    if (message.type === 'nudge') running.ingester?.nudge();
    else if (message.type === 'metrics') {
      running.metrics.registry.getMetricsAsJSON().then(
        (metrics) => port.postMessage({ type: 'metrics', id: message.id, metrics } satisfies FromThread),
        () => port.postMessage({ type: 'metrics', id: message.id, metrics: [] } satisfies FromThread),
      );
    } else {
      running.close().finally(() => port.close());
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromThread);
}

await runThread();
