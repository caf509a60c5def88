// The BullMQ JobQueue (scale-out mode): jobs live in Redis so any number of gateways add and workers run
// them. Our error codes map onto BullMQ's signals: 'never' codes throw UnrecoverableError, the others back off
// through a custom strategy that asks retryDecision, and the failed set is the dead-letter list.
// Turn debounce is BullMQ deduplication (replace + extend + keepLastIfActive), see scheduleTurn.
import { randomUUID } from 'node:crypto';
import { type Job as BullJob, type ConnectionOptions, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { errorCodes, errorHandling, LeadwireError, toLeadwireError } from '../model/errors.ts';
import type {
  AddJob,
  DeadLetter,
  JobData,
  JobHandler,
  JobQueue,
  QueueCounts,
  QueueOptions,
  WorkerOptions,
} from '../ports/job-queue.ts';
import { TURN_JOB } from '../ports/job-queue.ts';
import { reportOutages } from '../store/redis-connection.ts';
import { queueDefaults, retryDecision } from './retry-policy.ts';

export interface BullmqQueueOptions extends QueueOptions {
  /** Redis to use when no `connection` is given (default redis://127.0.0.1:6379) */
  url?: string;
  /** BullMQ connection options (BullMQ makes the queue's and the worker's clients from them), instead of `url` */
  connection?: ConnectionOptions;
  /** key prefix of every BullMQ key (default 'lw') */
  prefix?: string;
  /** BullMQ queue name (default 'leadwire') */
  queueName?: string;
  /** called on connection and worker errors; default: a process warning */
  onError?: (error: Error) => void;
}

type BullTurnJob = BullJob<JobData, void, string>;

const retryPending = -1;

// Reads (or starts) the conversation's debounce window, atomically with BullMQ's state of its turn job:
// - a turn waiting out a retry backoff takes the new messages along (returns -1: add nothing); replacing it
//   would reset its attempts and skip the backoff;
// - the cap needs the time of the window's first call; a new window starts once the turn it capped has
//   started (`processedOn` of the dedup key's job). Clearing the key from the worker when the turn starts
//   would race a call computing its delay.
// KEYS: first-call key, the turn's BullMQ dedup key, BullMQ delayed set. ARGV: now, ttl ms, job key prefix.
const turnWindowScript = `
local turnJobId = redis.call('GET', KEYS[2])
local jobKey = turnJobId and (ARGV[3] .. turnJobId)
if turnJobId and redis.call('ZSCORE', KEYS[3], turnJobId) and tonumber(redis.call('HGET', jobKey, 'atm') or '0') > 0 then
  return -1
end
local first = redis.call('GET', KEYS[1])
if first and turnJobId then
  local startedAt = redis.call('HGET', jobKey, 'processedOn')
  if startedAt and tonumber(startedAt) >= tonumber(first) then first = false end
else
  first = false
end
if first then return first end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]`;

export class BullmqQueue implements JobQueue {
  readonly #options: Required<QueueOptions>;
  readonly #queue: Queue<JobData, void, string>;
  readonly #queueName: string;
  readonly #prefix: string;
  readonly #onError: (error: Error) => void;
  /** set when we made the clients from `url` (and so must quit them) */
  readonly #url: string | undefined;
  readonly #connection: ConnectionOptions;
  #worker: Worker<JobData, void, string> | undefined;
  #workerClient: Redis | undefined;
  #scriptDefined = false;

  constructor(options: BullmqQueueOptions = {}) {
    this.#options = {
      debounceMs: options.debounceMs ?? queueDefaults.debounceMs,
      maxWaitMs: options.maxWaitMs ?? queueDefaults.maxWaitMs,
      attempts: options.attempts ?? queueDefaults.attempts,
      backoffMs: options.backoffMs ?? queueDefaults.backoffMs,
      maxBackoffMs: options.maxBackoffMs ?? queueDefaults.maxBackoffMs,
      lockMs: options.lockMs ?? queueDefaults.lockMs,
    };
    this.#queueName = options.queueName ?? 'leadwire';
    this.#prefix = options.prefix ?? 'lw';
    this.#onError =
      options.onError ?? ((error) => process.emitWarning(`leadwire BullMQ queue: ${error.message}`));
    if (options.connection === undefined) {
      this.#url = options.url ?? 'redis://127.0.0.1:6379';
      // Adds fail after a few retries, so the gateway answers 503 and Meta redelivers, instead of hanging.
      this.#connection = reportOutages(new Redis(this.#url, { maxRetriesPerRequest: 3 }));
    } else {
      this.#url = undefined;
      this.#connection = options.connection;
    }
    this.#queue = new Queue<JobData, void, string>(this.#queueName, {
      connection: this.#connection,
      prefix: this.#prefix,
    });
    this.#queue.on('error', (error) => this.#onError(error));
  }

  /**
   * Debounce by BullMQ deduplication in its debounce mode: a call while the turn job is delayed replaces it with
   * one delayed anew (`replace` + `extend`); while it runs, the call is kept as exactly one follow-up that BullMQ
   * adds when the running one finishes (`keepLastIfActive`), so a conversation never has two turns running.
   * The cap: the first call's time is kept in Redis and no delay reaches past it + maxWaitMs. A turn waiting
   * out a retry backoff absorbs the call (it will see the new events, or report more and schedule again).
   */
  async scheduleTurn(conversationId: string): Promise<void> {
    const { debounceMs, maxWaitMs } = this.#options;
    let firstAt = await this.#turnWindow(conversationId);
    for (let tries = 0; tries < 2 && firstAt !== retryPending; tries++) {
      const jobId = randomUUID();
      const delay = Math.max(0, Math.min(debounceMs, firstAt + maxWaitMs - Date.now()));
      const added = await this.#queue.add(
        TURN_JOB,
        { conversationId },
        {
          ...this.#jobOptions(),
          jobId,
          delay,
          // With keepLastIfActive BullMQ keeps the dedup key for the job's whole life and ignores ttl/extend.
          deduplication: {
            id: turnDedupId(conversationId),
            ttl: maxWaitMs + debounceMs,
            extend: true,
            replace: true,
            keepLastIfActive: true,
          },
        },
      );
      if (added.id === jobId || delay === debounceMs) return;
      // Kept as a follow-up with a capped delay: if the turn started between reading the window and the add,
      // that delay belongs to the old window. Once more with the new window (BullMQ keeps the last follow-up).
      const current = await this.#turnWindow(conversationId);
      if (current === firstAt) return;
      firstAt = current;
    }
  }

  async add(job: AddJob): Promise<string> {
    const id = job.id ?? randomUUID();
    // BullMQ ignores an add whose id exists in any state it keeps (waiting, delayed, active, failed).
    await this.#queue.add(job.name, job.data, {
      ...this.#jobOptions(),
      delay: job.delayMs ?? 0,
      jobId: encodeJobId(id),
    });
    return id;
  }

  async cancel(id: string): Promise<boolean> {
    const job = await this.#queue.getJob(encodeJobId(id));
    if (job === undefined) return false;
    const state = await job.getState();
    if (state !== 'waiting' && state !== 'delayed' && state !== 'prioritized') return false;
    try {
      await job.remove();
      return true;
    } catch {
      // It was taken by a worker between the two calls.
      return false;
    }
  }

  start(handlers: Record<string, JobHandler>, options: WorkerOptions = {}): void {
    if (this.#worker !== undefined) throw new Error('the BullMQ queue is already started');
    const { lockMs } = this.#options;
    // BullMQ requires a worker connection of its own that never gives up on a command (blocking reads).
    this.#workerClient =
      this.#url === undefined ? undefined : new Redis(this.#url, { maxRetriesPerRequest: null });
    this.#worker = new Worker<JobData, void, string>(this.#queueName, (job) => this.#process(job, handlers), {
      connection: this.#workerClient ?? this.#connection,
      prefix: this.#prefix,
      concurrency: options.concurrency ?? 8,
      lockDuration: lockMs,
      stalledInterval: Math.min(lockMs, 30_000),
      // A job whose worker keeps dying under it is dead-lettered like one that keeps failing.
      maxStalledCount: this.#options.attempts,
      settings: {
        backoffStrategy: (attemptsMade, _type, error) => {
          const decision = retryDecision(error?.cause ?? error, attemptsMade, this.#options);
          return decision.retry ? decision.delayMs : -1;
        },
      },
    });
    this.#worker.on('error', (error) => this.#onError(error));
  }

  async stop(): Promise<void> {
    const worker = this.#worker;
    const client = this.#workerClient;
    this.#worker = undefined;
    this.#workerClient = undefined;
    await worker?.close();
    await client?.quit();
  }

  async deadLetters(): Promise<DeadLetter[]> {
    const failed = await this.#queue.getFailed(0, -1);
    return failed.map((job) => {
      const { code, reason } = parseFailedReason(job.failedReason ?? '');
      return {
        id: decodeJobId(job.id ?? ''),
        name: job.name,
        data: job.data,
        attempts: job.attemptsMade,
        code,
        reason,
        failedAt: job.finishedOn ?? 0,
      };
    });
  }

  async replay(id?: string): Promise<number> {
    const jobs: BullTurnJob[] = [];
    if (id === undefined) jobs.push(...(await this.#queue.getFailed(0, -1)));
    else {
      const job = await this.#queue.getJob(encodeJobId(id));
      if (job !== undefined && (await job.getState()) === 'failed') jobs.push(job);
    }
    for (const job of jobs)
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return jobs.length;
  }

  async counts(): Promise<QueueCounts> {
    const counts = await this.#queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed');
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      delayed: counts.delayed ?? 0,
      active: counts.active ?? 0,
      dead: counts.failed ?? 0,
    };
  }

  async ping(): Promise<void> {
    const client = await this.#queue.getBackend().client;
    // The client interface has no PING; a GET of an absent key is the cheapest round trip.
    await client.get(this.#queue.toKey('lw:ping'));
  }

  async close(): Promise<void> {
    await this.stop();
    await this.#queue.close();
    if (this.#url !== undefined && this.#connection instanceof Redis) await this.#connection.quit();
  }

  #jobOptions() {
    return {
      attempts: this.#options.attempts,
      backoff: { type: 'leadwire' },
      removeOnComplete: true,
      // The failed set is the dead-letter list: keep it until replayed.
      removeOnFail: false,
    };
  }

  async #process(bullJob: BullTurnJob, handlers: Record<string, JobHandler>): Promise<void> {
    const handler = handlers[bullJob.name];
    try {
      if (handler === undefined) {
        throw new LeadwireError('VALIDATION', `no handler for job "${bullJob.name}" in this worker`);
      }
      await handler({
        id: decodeJobId(bullJob.id ?? ''),
        name: bullJob.name,
        data: bullJob.data,
        attempt: Math.max(bullJob.attemptsMade + 1, bullJob.attemptsStarted),
      });
    } catch (thrown) {
      const error = toLeadwireError(thrown);
      // failedReason carries the code, so the dead-letter list can report it.
      const message = `${error.code}: ${error.message}`;
      if (errorHandling[error.code].retry === 'never') throw new UnrecoverableError(message);
      throw new Error(message, { cause: error });
    }
  }

  /** The first-call time of the conversation's debounce window, or `retryPending`. */
  async #turnWindow(conversationId: string): Promise<number> {
    const client = await this.#queue.getBackend().client;
    if (!this.#scriptDefined) {
      client.defineCommand('leadwireTurnWindow', { numberOfKeys: 3, lua: turnWindowScript });
      this.#scriptDefined = true;
    }
    const keys = [
      this.#firstCallKey(conversationId),
      this.#queue.toKey(`de:${turnDedupId(conversationId)}`),
      this.#queue.toKey('delayed'),
    ];
    const ttlMs = this.#options.maxWaitMs + this.#options.debounceMs;
    const first: unknown = await client.runCommand('leadwireTurnWindow', [
      ...keys,
      Date.now(),
      ttlMs,
      this.#queue.toKey(''),
    ]);
    return Number(first);
  }

  #firstCallKey(conversationId: string): string {
    return this.#queue.toKey(`lw:first-call:${encodeJobId(conversationId)}`);
  }
}

function turnDedupId(conversationId: string): string {
  return encodeJobId(`turn:${conversationId}`);
}

/**
 * BullMQ job ids may not contain ':' nor look like integers; percent-encode, and mark integer-looking ids.
 * Every job gets an id from us (a UUID when the caller gave none), so BullMQ's own integer ids never appear.
 */
function encodeJobId(id: string): string {
  const encoded = encodeURIComponent(id);
  // '#' never survives encodeURIComponent, so the mark cannot be confused with an id.
  return `${Number.parseInt(encoded, 10)}` === encoded ? `#${encoded}` : encoded;
}

function decodeJobId(id: string): string {
  return decodeURIComponent(id.startsWith('#') ? id.slice(1) : id);
}

function parseFailedReason(failedReason: string): { code: string; reason: string } {
  const match = /^([A-Z_]+): ([\s\S]*)$/.exec(failedReason);
  const code = match?.[1];
  if (match !== null && code !== undefined && (errorCodes as readonly string[]).includes(code)) {
    return { code, reason: match[2] ?? '' };
  }
  // Failures BullMQ records itself (a job that stalled too often): unknown failures count as TEMPORARY.
  return { code: 'TEMPORARY', reason: failedReason };
}
