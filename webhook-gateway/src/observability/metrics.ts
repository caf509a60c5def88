// Prometheus metrics (prom-client), one registry per running instance so tests can run several.

import type { DeliveryLog, JobQueue, Store } from '@leadwire/connector-core';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  ackSeconds: Histogram<'status'>;
  events: Counter<'kind' | 'type'>;
  duplicates: Counter;
  unknownNumbers: Counter;
  /** deliveries the ingester set aside after failing every try while the store answered */
  deliveriesDeadLettered: Counter;
  turns: Counter<'outcome'>;
  turnSeconds: Histogram;
  /** a tenant's CRM access was revoked (uninstall, daily limit): its turns stop until it reinstalls */
  tenantPaused: Counter<'tenant' | 'crm'>;
}

export function createMetrics(
  queue?: JobQueue,
  log?: Pick<DeliveryLog, 'backlog' | 'deadLetterCount'>,
  store?: Pick<Store, 'sizeBytes'>,
): Metrics {
  const registry = new Registry();
  const metrics: Metrics = {
    registry,
    ackSeconds: new Histogram({
      name: 'leadwire_webhook_ack_seconds',
      help: 'Time from receiving a WhatsApp webhook to answering it',
      labelNames: ['status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    events: new Counter({
      name: 'leadwire_events_total',
      help: 'WhatsApp events stored from acknowledged deliveries, by kind and type',
      labelNames: ['kind', 'type'],
      registers: [registry],
    }),
    duplicates: new Counter({
      name: 'leadwire_duplicates_dropped_total',
      help: 'Events dropped because an earlier delivery already stored them',
      registers: [registry],
    }),
    unknownNumbers: new Counter({
      name: 'leadwire_unknown_phone_number_total',
      help: 'Events for a phone_number_id no tenant owns (or signed by another tenant’s app)',
      registers: [registry],
    }),
    deliveriesDeadLettered: new Counter({
      name: 'leadwire_deliveries_dead_lettered_total',
      help: 'Acknowledged deliveries the ingester could not store after every try, set aside (leadwire dlq list --deliveries)',
      registers: [registry],
    }),
    tenantPaused: new Counter({
      name: 'leadwire_tenant_paused_total',
      help: 'A tenant lost its CRM or WhatsApp access (revoked install or token, daily limit, account block); its turns wait in the dead-letter list',
      labelNames: ['tenant', 'crm'],
      registers: [registry],
    }),
    turns: new Counter({
      name: 'leadwire_turns_total',
      help: 'Conversation turns, by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    turnSeconds: new Histogram({
      name: 'leadwire_turn_seconds',
      help: 'Time to process one conversation turn',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
  };
  if (log !== undefined) {
    new Gauge({
      name: 'leadwire_delivery_log_backlog',
      help: 'Acknowledged webhook deliveries not yet ingested (events stored, turns scheduled)',
      registers: [registry],
      async collect() {
        this.set(await log.backlog());
      },
    });
    new Gauge({
      name: 'leadwire_delivery_dead_letters',
      help: 'Deliveries in the dead-letter list (leadwire dlq list --deliveries)',
      registers: [registry],
      async collect() {
        this.set(await log.deadLetterCount());
      },
    });
  }
  if (store !== undefined) {
    new Gauge({
      name: 'leadwire_store_bytes',
      help: 'Size of the store (the SQLite file; in scale-out, the memory Redis uses); pruned by storage.retention',
      registers: [registry],
      async collect() {
        this.set(await store.sizeBytes());
      },
    });
  }
  if (queue !== undefined) {
    new Gauge({
      name: 'leadwire_queue_depth',
      help: 'Jobs in the queue, by state',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        const counts = await queue.counts();
        for (const [state, value] of Object.entries(counts)) if (state !== 'dead') this.set({ state }, value);
      },
    });
    new Gauge({
      name: 'leadwire_dlq_size',
      help: 'Jobs in the dead-letter list (leadwire dlq list)',
      registers: [registry],
      async collect() {
        this.set((await queue.counts()).dead);
      },
    });
  }
  return metrics;
}
