// A deadline on work the gateway must answer for promptly (persisting a delivery, readiness checks): past
// it the caller gets a TEMPORARY error while the work itself goes on. An unreachable Redis otherwise makes
// ioredis hold each command 7–20 s (reconnect backoff × maxRetriesPerRequest), and BullMQ waits for a ready
// client forever.
import { LeadwireError } from '@leadwire/connector-core';

export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  // One promise and one timer per call (it runs once per acknowledged webhook).
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new LeadwireError('TEMPORARY', `${what} took longer than ${ms} ms; retry`)),
      ms,
    );
    // Handled either way: a failure after the deadline has nobody waiting for it; it must not surface as
    // unhandled.
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
