// The append thread's entry (see append-thread.ts): commits the receipts the main thread hands over, a tick's at once.
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteDeliveryLog } from '@leadwire/connector-core';
import type { FromAppender, ToAppender } from './append-thread.ts';

const port = parentPort!;
const log = openSqliteDeliveryLog(workerData as { path: string; synchronous: 'FULL' | 'NORMAL' });
port.on('message', (message: ToAppender) => {
  const ids = message.batch.map(({ id }) => id);
  // The log commits every append of this tick in one transaction.
  Promise.all(message.batch.map(({ receipt }) => log.append(receipt))).then(
    () => port.postMessage({ type: 'appended', ids } satisfies FromAppender),
    (error: unknown) =>
      port.postMessage({ type: 'failed', ids, message: (error as Error).message } satisfies FromAppender),
  );
});
port.postMessage({ type: 'ready' } satisfies FromAppender);
