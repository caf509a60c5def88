// One way to open the scale-out Redis connection for the adapters that share it (store, assignments, secrets,
// CRM rate buckets and ledger): pipelined, and a few retries before a call fails, so the gateway answers 503
// (Meta redelivers) instead of hanging on an unreachable Redis. BullMQ opens its own (it needs other options).
import { Redis } from 'ioredis';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function openRedis(url: string = DEFAULT_REDIS_URL): Redis {
  return new Redis(url, { enableAutoPipelining: true, maxRetriesPerRequest: 3 });
}
