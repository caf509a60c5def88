// What to do after a job failed, by error code (errorHandling) and attempt: shared by both queue adapters.
import { errorHandling, type LeadwireError, toLeadwireError } from '../model/errors.ts';
import type { QueueOptions } from '../ports/job-queue.ts';

export const queueDefaults = {
  debounceMs: 1500,
  maxWaitMs: 5000,
  attempts: 8,
  backoffMs: 1000,
  maxBackoffMs: 300_000,
  lockMs: 30_000,
} satisfies Required<QueueOptions>;

export type RetryDecision =
  | { retry: true; delayMs: number; error: LeadwireError }
  | { retry: false; error: LeadwireError };

/** `attempt` is the try that just failed (1 for the first). */
export function retryDecision(
  thrown: unknown,
  attempt: number,
  options: Required<Pick<QueueOptions, 'attempts' | 'backoffMs' | 'maxBackoffMs'>>,
): RetryDecision {
  const error = toLeadwireError(thrown);
  const policy = errorHandling[error.code].retry;
  if (policy === 'never' || attempt >= options.attempts) return { retry: false, error };
  const backoff = Math.min(options.backoffMs * 2 ** (attempt - 1), options.maxBackoffMs);
  const delayMs = policy === 'after' && error.retryAfterMs !== undefined ? error.retryAfterMs : backoff;
  return { retry: true, delayMs, error };
}
