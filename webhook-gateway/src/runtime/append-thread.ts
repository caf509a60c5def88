// Embedded mode's append thread: `leadwire start` writes acknowledged deliveries to the delivery log from a thread
// of their own. A commit at synchronous FULL waits for the disk (an fsync, milliseconds when the work thread writes
// too); on the thread that answers webhooks that wait would hold every request behind it. The main thread hands
// each tick's receipts over, keeps answering other requests, and answers these once the thread says they are
// committed.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import {
  type DeliveryLog,
  type DeliveryReceipt,
  LeadwireError,
  SQLITE_BUSY_TIMEOUT_MS,
} from '@leadwire/connector-core';
import type { Logger } from '../observability/logger.ts';

export type ToAppender = { type: 'append'; batch: Array<{ id: number; receipt: DeliveryReceipt }> };
export type FromAppender =
  | { type: 'ready' }
  | { type: 'appended'; ids: number[] }
  | { type: 'failed'; ids: number[]; message: string };

interface Waiting {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface AppendThread {
  append(receipt: DeliveryReceipt): Promise<void>;
  close(): Promise<void>;
}

export async function startAppendThread(
  options: { path: string; synchronous: 'FULL' | 'NORMAL' },
  logger: Logger,
): Promise<AppendThread> {
  const worker = new Worker(new URL('./append-thread-entry.ts', import.meta.url), {
    workerData: options,
    name: 'leadwire-append',
  });
  const waiting = new Map<number, Waiting>();
  let pending: ToAppender['batch'] = [];
  let nextId = 0;
  let closed = false;
  const settle = (ids: number[], outcome: (w: Waiting) => void) => {
    for (const id of ids) {
      const w = waiting.get(id);
      waiting.delete(id);
      if (w !== undefined) outcome(w);
    }
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: FromAppender) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'appended') settle(message.ids, (w) => w.resolve());
      else {
        const failure = new LeadwireError('TEMPORARY', 'the delivery could not be written to the log', {
          cause: new Error(message.message),
        });
        settle(message.ids, (w) => w.reject(failure));
      }
    });
    worker.once('error', reject);
  });
  worker.on('exit', (code) => {
    const gone = new LeadwireError('TEMPORARY', 'the delivery log is closed');
    settle([...waiting.keys()], (w) => w.reject(gone));
    if (closed) return;
    logger.fatal({ code }, 'the append thread stopped: exiting');
    process.exit(1);
  });
  await ready;
  return {
    append(receipt) {
      if (closed) return Promise.reject(new LeadwireError('TEMPORARY', 'the delivery log is closed'));
      return new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        // One message per event-loop tick, however many webhooks it received.
        if (pending.length === 0)
          setImmediate(() => {
            const batch = pending;
            pending = [];
            worker.postMessage({ type: 'append', batch } satisfies ToAppender);
          });
        pending.push({ id, receipt });
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      // Receipts already handed over are committed (or refused) before the thread ends; a stuck commit is cut
      // after the log's own lock wait, and its receipts are refused (Meta retries them).
      const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS * 2;
      while (waiting.size > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 5));
      const exited = once(worker, 'exit');
      await worker.terminate();
      await exited.catch(() => undefined);
    },
  };
}

/** The log, with appends made by the append thread (reads and the ingester's writes stay on this connection). */
export function appendingThrough(log: DeliveryLog, thread: AppendThread): DeliveryLog {
  return {
    append: (receipt) => thread.append(receipt),
    read: (limit) => log.read(limit),
    consume: (positions) => log.consume(positions),
    backlog: () => log.backlog(),
    oldestReceivedAt: () => log.oldestReceivedAt(),
    deadLetter: (entry, reason, failedAt) => log.deadLetter(entry, reason, failedAt),
    deadLetterCount: () => log.deadLetterCount(),
    deadLetters: (limit) => log.deadLetters(limit),
    replayDeadLetter: (id) => log.replayDeadLetter(id),
    ping: () => log.ping(),
    close: () => log.close(),
  };
}
