// The checkpoint thread's entry (see wal-checkpointer.ts): a connection of its own that folds the WAL into the
// database file every `intervalMs`, waiting on no one (PASSIVE), until told to stop.
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteFile } from './sqlite-file.ts';
import type { FromCheckpointer, ToCheckpointer } from './wal-checkpointer.ts';

const port = parentPort!;
const { path, intervalMs } = workerData as { path: string; intervalMs: number };
// NORMAL: a checkpoint syncs the WAL before copying it and the file after, as with FULL.
const db = openSqliteFile({ path, synchronous: 'NORMAL' });
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let checkpoints = 0;
let failed = false;

/** Passes per interval at most: each folds what the writers added during the previous one. */
const MAX_PASSES = 8;

const timer = setInterval(() => {
  try {
    // Until the file holds the whole WAL: only then does the next writer start the WAL over from its beginning
    // instead of growing it (a busy writer adds frames while a pass runs, so one pass rarely gets there).
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const result = checkpoint.get();
      // busy = 1: another connection was checkpointing; the next interval tries again.
      if (result === undefined || result.busy !== 0) break;
      checkpoints++;
      if (Number(result.checkpointed) >= Number(result.log)) break;
    }
  } catch (error) {
    // Said once: the writers' own bound keeps the WAL in check meanwhile.
    if (!failed)
      port.postMessage({ type: 'failed', message: (error as Error).message } satisfies FromCheckpointer);
    failed = true;
  }
}, intervalMs);

port.on('message', (message: ToCheckpointer) => {
  if (message.type === 'count') {
    port.postMessage({ type: 'count', checkpoints } satisfies FromCheckpointer);
    return;
  }
  clearInterval(timer);
  db.close();
  port.close();
});
