// JobQueue: durable jobs with debounced turn scheduling, cancellable delayed jobs, retries with backoff by
// error code, and a dead-letter list. Adapters: embedded (SQLite, in-process worker) and BullMQ.
export type JobData = Record<string, unknown>;

export interface Job {
  id: string;
  name: string;
  data: JobData;
  /** 1 on the first try */
  attempt: number;
}

export type JobHandler = (job: Job) => Promise<void>;

export interface AddJob {
  name: string;
  data: JobData;
  /** a stable id makes add idempotent while a job with that id is waiting or delayed */
  id?: string;
  delayMs?: number;
}

export interface DeadLetter {
  id: string;
  name: string;
  data: JobData;
  attempts: number;
  /** the last error's code and message */
  code: string;
  reason: string;
  failedAt: number;
}

export interface QueueCounts {
  waiting: number;
  delayed: number;
  active: number;
  dead: number;
}

export interface QueueOptions {
  /** quiet window of the turn debounce: a turn runs this long after the last message (default 1500) */
  debounceMs?: number;
  /** cap: a turn runs at most this long after the first pending message (default 5000) */
  maxWaitMs?: number;
  /** tries before a job is dead-lettered (default 8) */
  attempts?: number;
  /** first backoff delay; doubles per try (default 1000) */
  backoffMs?: number;
  /** longest backoff delay (default 300000) */
  maxBackoffMs?: number;
  /** a running job is held this long (renewed while it runs); after its worker dies, another takes it over (default 30000) */
  lockMs?: number;
}

export interface WorkerOptions {
  /** jobs run at once (different conversations run in parallel; default 8) */
  concurrency?: number;
}

/** The job name of a conversation's turn; its data is `{ conversationId }`. */
export const TURN_JOB = 'turn';

export interface JobQueue {
  /**
   * Debounced: run `turn` for the conversation once no new call came for `debounceMs`, but no later than
   * `maxWaitMs` after the first call. A call while that conversation's turn runs schedules one more turn.
   */
  scheduleTurn(conversationId: string): Promise<void>;
  add(job: AddJob): Promise<string>;
  /** Cancel a waiting or delayed job; false when there was none. */
  cancel(id: string): Promise<boolean>;
  /** Start processing in this process; handlers by job name. */
  start(handlers: Record<string, JobHandler>, options?: WorkerOptions): void;
  /** Stop taking jobs and wait for the running ones. */
  stop(): Promise<void>;
  deadLetters(): Promise<DeadLetter[]>;
  /** Put dead-lettered jobs back (one by id, or all); returns how many. */
  replay(id?: string): Promise<number>;
  counts(): Promise<QueueCounts>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
