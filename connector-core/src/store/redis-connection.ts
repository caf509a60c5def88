// One way to open the scale-out Redis connection for the adapters that share it (store, assignments, secrets,
// CRM rate buckets and ledger): pipelined, and a few retries before a call fails, so the gateway answers 503
// (Meta redelivers) instead of hanging on an unreachable Redis. BullMQ opens its own (it needs other options).
import { Redis } from 'ioredis';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function openRedis(url: string = DEFAULT_REDIS_URL): Redis {
  return reportOutages(new Redis(url, { enableAutoPipelining: true, maxRetriesPerRequest: 3 }));
}

/**
 * An outage is reported once (one line on stderr) and its recovery once, instead of ioredis printing an
 * unhandled-error stack trace on every reconnect attempt. Calls made meanwhile fail on their own.
 */
export function reportOutages(client: Redis): Redis {
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    process.stderr.write(`leadwire: Redis unreachable (${error.message}); reconnecting\n`);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    process.stderr.write('leadwire: Redis reachable again\n');
  });
  return client;
}
