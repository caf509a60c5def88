// Folding the write-ahead log into the database file off the thread that writes. SQLite checkpoints inside the
// COMMIT that takes the WAL past `wal_autocheckpoint` pages (1000 by default): that commit copies the pages into
// the file and fsyncs the WAL and the file (`synchronous NORMAL` or `FULL`), holding its thread 10–40 ms while
// the disk works, about once every 30 turns of a busy worker. A worker's thread instead leaves it to a thread of
// its own that runs a PASSIVE checkpoint (it waits on no reader or writer) every `intervalMs`; its connections
// still checkpoint themselves past a far larger bound (`DEFERRED_AUTOCHECKPOINT_PAGES`), should that thread
// fall behind or stop. Durability is unchanged: a checkpoint only copies frames already durable in the WAL, and
// SQLite reuses the WAL only after a checkpoint synced the file.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { deferWalCheckpoints } from './sqlite-file.ts';

/** A writing thread's own bound when another thread checkpoints its file: 8192 pages (32 MB of WAL at 4 KB). */
export const DEFERRED_AUTOCHECKPOINT_PAGES = 8192;

export interface WalCheckpointerOptions {
  /** the database file; `:memory:` has no WAL and gets no thread */
  path: string;
  /** how often the thread checkpoints (default 100 ms: a busy worker's WAL then stays near SQLite's default size) */
  intervalMs?: number;
  /** told when a checkpoint fails for another reason than a lock held elsewhere (the thread goes on) */
  onError?: (message: string) => void;
}

export interface WalCheckpointer {
  /** checkpoints completed so far, each folding what the WAL held (for tests) */
  checkpoints(): Promise<number>;
  stop(): Promise<void>;
}

export type ToCheckpointer = { type: 'count' } | { type: 'stop' };
export type FromCheckpointer =
  | { type: 'count'; checkpoints: number }
  | { type: 'failed'; message: string }
  | { type: 'stopped' };

/**
 * Starts the checkpoint thread for `path` and makes connections this thread opens afterwards (openSqliteFile)
 * leave checkpoints to it. Undefined for `:memory:`.
 */
export async function startWalCheckpointer(
  options: WalCheckpointerOptions,
): Promise<WalCheckpointer | undefined> {
  if (options.path === ':memory:') return undefined;
  const worker = new Worker(new URL('./wal-checkpoint-thread.ts', import.meta.url), {
    workerData: { path: options.path, intervalMs: options.intervalMs ?? 100 },
    name: 'leadwire-ckpt',
  });
  // It never keeps the process alive: a process ending without stop() has SQLite checkpoint at its last close.
  worker.unref();
  const counts: Array<(n: number) => void> = [];
  worker.on('message', (message: FromCheckpointer) => {
    if (message.type === 'count') counts.shift()?.(message.checkpoints);
    else if (message.type === 'failed') options.onError?.(message.message);
  });
  worker.on('error', (error) => options.onError?.(error.message));
  await once(worker, 'online');
  deferWalCheckpoints(options.path, DEFERRED_AUTOCHECKPOINT_PAGES);
  let stopped: Promise<void> | undefined;
  return {
    checkpoints() {
      return new Promise((resolve) => {
        counts.push(resolve);
        worker.postMessage({ type: 'count' } satisfies ToCheckpointer);
      });
    },
    stop() {
      stopped ??= (async () => {
        deferWalCheckpoints(options.path, undefined);
        const exited = once(worker, 'exit');
        worker.postMessage({ type: 'stop' } satisfies ToCheckpointer);
        await exited;
      })();
      return stopped;
    },
  };
}
