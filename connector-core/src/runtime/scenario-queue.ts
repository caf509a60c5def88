// A job queue on simulated time: delayed jobs wait until the scenario's clock reaches them and then run one
// by one, earliest first, through the real handlers. It keeps the queue's contract where routing depends on
// it — an id already waiting is not added twice, a cancelled job never runs — so a scenario replays exactly
// what the runtime would do, without a worker, polling or wall-clock waits.
import { LeadwireError } from '../model/errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { AddJob, Job, JobHandler, JobQueue } from '../ports/job-queue.ts';

interface Waiting {
  job: Job;
  runAt: number;
  seq: number;
}

export class ScenarioQueue implements JobQueue {
  readonly #clock: Clock;
  readonly #waiting = new Map<string, Waiting>();
  #handlers: Record<string, JobHandler> = {};
  #seq = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  async scheduleTurn(conversationId: string): Promise<void> {
    throw new LeadwireError('VALIDATION', `a scenario runs no turns (${conversationId})`);
  }

  async add(job: AddJob): Promise<string> {
    this.#seq += 1;
    const id = job.id ?? `job-${this.#seq}`;
    if (!this.#waiting.has(id)) {
      this.#waiting.set(id, {
        job: { id, name: job.name, data: job.data, attempt: 1 },
        runAt: this.#clock.now() + (job.delayMs ?? 0),
        seq: this.#seq,
      });
    }
    return id;
  }

  async cancel(id: string): Promise<boolean> {
    return this.#waiting.delete(id);
  }

  start(handlers: Record<string, JobHandler>): void {
    this.#handlers = handlers;
  }

  /** The next job due at or before `until` (earliest first, then the order they were added), taken off the queue. */
  takeDue(until: number): { job: Job; runAt: number; handler: JobHandler } | undefined {
    let next: Waiting | undefined;
    for (const waiting of this.#waiting.values()) {
      if (waiting.runAt > until) continue;
      if (
        next === undefined ||
        waiting.runAt < next.runAt ||
        (waiting.runAt === next.runAt && waiting.seq < next.seq)
      )
        next = waiting;
    }
    if (next === undefined) return undefined;
    this.#waiting.delete(next.job.id);
    const handler = this.#handlers[next.job.name];
    if (handler === undefined) throw new LeadwireError('VALIDATION', `no handler for job ${next.job.name}`);
    return { job: next.job, runAt: next.runAt, handler };
  }

  async stop(): Promise<void> {}
  async deadLetters() {
    return [];
  }
  async replay(): Promise<number> {
    return 0;
  }
  async counts() {
    return { waiting: this.#waiting.size, delayed: 0, active: 0, dead: 0 };
  }
  async ping(): Promise<void> {}
  async close(): Promise<void> {
    this.#waiting.clear();
  }
}
