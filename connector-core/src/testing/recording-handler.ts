// A TurnHandler for tests that proves the runtime's guarantees: its one step writes an effect into a SQLite
// witness file (shared across processes, so a worker can be killed and restarted) under the step's
// idempotency key, and counts every attempt. Optional pauses give a test time to SIGKILL it mid-turn.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TurnHandler } from '../ports/turn-handler.ts';

export interface RecordedEffect {
  key: string;
  conversationId: string;
  seq: number;
  wamids: string[];
}

function open(path: string): DatabaseSync {
  mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  // busy_timeout first: switching to WAL takes a lock a concurrent writer may hold.
  db.exec(`PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL;
    CREATE TABLE IF NOT EXISTS effects (key TEXT PRIMARY KEY, conversation_id TEXT, seq INTEGER, wamids TEXT);
    CREATE TABLE IF NOT EXISTS attempts (n INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT, pid INTEGER);`);
  return db;
}

export function recordingHandler(options: { path: string; pauseMs?: number }): TurnHandler {
  const db = open(options.path);
  const attempt = db.prepare('INSERT INTO attempts (key, pid) VALUES (?, ?)');
  const effect = db.prepare(
    'INSERT OR IGNORE INTO effects (key, conversation_id, seq, wamids) VALUES (?, ?, ?, ?)',
  );
  const pauseMs = options.pauseMs ?? 0;
  return {
    steps: [
      {
        name: 'effect',
        async run({ conversation, turn, events, idempotencyKey }) {
          attempt.run(idempotencyKey, process.pid);
          if (pauseMs > 0) await sleep(pauseMs);
          // The external effect, idempotent under the step key (as a CRM upsert by external id would be).
          const wamids = events.map((e) => e.event.id);
          effect.run(idempotencyKey, conversation.id, turn.seq, JSON.stringify(wamids));
          if (pauseMs > 0) await sleep(pauseMs);
          return { ...conversation, signals: { ...conversation.signals, turnsRecorded: turn.seq } };
        },
      },
    ],
  };
}

/** What the witness file holds. */
export function readEffects(path: string): { effects: RecordedEffect[]; attempts: number } {
  const db = open(path);
  try {
    const rows = db
      .prepare('SELECT key, conversation_id, seq, wamids FROM effects ORDER BY rowid')
      .all() as Array<{
      key: string;
      conversation_id: string;
      seq: number;
      wamids: string;
    }>;
    const attempts = (db.prepare('SELECT count(*) AS n FROM attempts').get() as { n: number }).n;
    return {
      effects: rows.map((r) => ({
        key: r.key,
        conversationId: r.conversation_id,
        seq: r.seq,
        wamids: JSON.parse(r.wamids) as string[],
      })),
      attempts,
    };
  } finally {
    db.close();
  }
}
