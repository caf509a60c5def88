// The ingester: from the delivery log to events and turns. It reads acknowledged deliveries in order,
// normalizes every entry/change/message/status/error, keeps a tenant's events only when its own app signed
// them, stores them idempotently (on (phone_number_id, wamid) for messages, (wamid, status) for statuses),
// schedules each conversation's turn, and only then consumes the entries. A crash anywhere reads them again;
// a second ingest stores nothing twice and re-schedules the turns a first try may have missed.
import {
  type Clock,
  type DeliveryLog,
  isLeadwireError,
  type JobQueue,
  type LoggedDelivery,
  normalizeWebhook,
  type Store,
} from '@leadwire/connector-core';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { buildDelivery } from './build-delivery.ts';
import type { TenantDirectory } from './tenant-directory.ts';

export interface IngestDeps {
  directory: TenantDirectory;
  log: DeliveryLog;
  store: Store;
  queue: JobQueue;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
}

export interface IngestOptions {
  /** entries read and ingested at once (default 256) */
  batch?: number;
  /** how often the log is read when nobody nudges (another process appends; default 50 ms) */
  pollMs?: number;
  /** the wait after a failed pass, doubled up to 30 s while failures last (default 250 ms) */
  retryMs?: number;
  /**
   * Tries a delivery gets while the store answers before it is set aside in the dead-letter list (default 3).
   * A try that fails while the store is down does not count: an outage waits, it never dead-letters.
   */
  maxAttempts?: number;
}

export interface Ingester {
  /** read the log now (the gateway in this process just appended) */
  nudge(): void;
  /** resolves once every entry appended before the call is ingested */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

const MAX_RETRY_MS = 30_000;
/** The longest stretch of synchronous ingest work before the ingester lets other callbacks run. */
const SLICE_MS = 10;

export function startIngester(deps: IngestDeps, options: IngestOptions = {}): Ingester {
  const { log, logger } = deps;
  const batch = options.batch ?? 256;
  const pollMs = options.pollMs ?? 50;
  const retryMs = options.retryMs ?? 250;
  const maxAttempts = options.maxAttempts ?? 3;
  const ingestOne = entryIngester(deps);
  /** failed tries per log position, counted while the store was reachable */
  const attempts = new Map<string, number>();

  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let waiters: Array<() => void> = [];

  /** One read of the log; the number of entries ingested (0: the log was empty). */
  async function pass(): Promise<number> {
    const entries = await log.read(batch);
    if (entries.length === 0) return 0;
    // In log order: the store writes calls in call order, so arrival order is kept. Normalizing is synchronous
    // (a delivery of 1,000 updates takes a few hundred ms on a busy core): yield to the event loop whenever a
    // slice of work has run long, so acknowledgements in this process are never held behind a batch.
    const started: Array<Promise<PromiseSettledResult<void>>> = [];
    let sliceStart = performance.now();
    for (const entry of entries) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
      // Settled at once: a rejection must not sit unhandled while the loop yields.
      started.push(
        ingestOne(entry).then(
          (value) => ({ status: 'fulfilled', value }),
          (reason: unknown) => ({ status: 'rejected', reason }),
        ),
      );
    }
    const outcomes = await Promise.all(started);
    let failed = outcomes.findIndex((outcome) => outcome.status === 'rejected');
    if (failed !== -1 && (await storeAnswers())) {
      // The store is up, so these deliveries themselves fail: count the try, and set aside those out of tries.
      const poisoned = await setAsidePoisoned(entries, outcomes);
      failed = outcomes.findIndex((outcome, i) => outcome.status === 'rejected' && !poisoned.has(i));
    }
    // Consume up to the first failure: what follows it is read again (a harmless second ingest), so a
    // conversation's events are never stored out of their arrival order.
    // (Entries set aside are already gone from the log; consuming them again changes nothing.)
    const done = failed === -1 ? entries : entries.slice(0, failed);
    await log.consume(done.map((entry) => entry.position));
    for (const entry of done) attempts.delete(entry.position);
    if (failed !== -1) throw (outcomes[failed] as PromiseRejectedResult).reason;
    return entries.length;
  }

  async function storeAnswers(): Promise<boolean> {
    try {
      await deps.store.ping();
      return true;
    } catch {
      return false;
    }
  }

  /** Counts a failed try of each rejected entry; dead-letters those out of tries. Returns their indexes. */
  async function setAsidePoisoned(
    entries: readonly LoggedDelivery[],
    outcomes: ReadonlyArray<PromiseSettledResult<void>>,
  ): Promise<Set<number>> {
    const setAside = new Set<number>();
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.status !== 'rejected') continue;
      const entry = entries[i]!;
      const tries = (attempts.get(entry.position) ?? 0) + 1;
      if (tries < maxAttempts) {
        attempts.set(entry.position, tries);
        continue;
      }
      const reason = describe(outcome.reason);
      await log.deadLetter(entry, reason, deps.clock.now());
      attempts.delete(entry.position);
      setAside.add(i);
      deps.metrics.deliveriesDeadLettered.inc();
      logger.error(
        { requestId: entry.requestId, deliveryTries: tries, reason },
        'a delivery failed every try while the store answered; set aside (leadwire dlq list --deliveries)',
      );
    }
    return setAside;
  }

  async function loop(): Promise<void> {
    try {
      for (;;) {
        again = false;
        const ingested = await pass();
        if (stopped || (ingested === 0 && !again)) break;
      }
      failures = 0;
      const satisfied = waiters;
      waiters = [];
      for (const resolve of satisfied) resolve();
    } catch (error) {
      failures++;
      logger.error({ err: error, failures }, 'ingesting the delivery log failed; retrying');
    }
  }

  function nudge(): void {
    // While passes fail, the retry timer decides when to try again: appends must not hammer a store that is down.
    if (stopped || failures > 0) return;
    run();
  }

  function run(): void {
    if (running !== undefined) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = loop().finally(() => {
      running = undefined;
      if (stopped) return;
      if (again && failures === 0) run();
      else {
        const wait = failures === 0 ? pollMs : Math.min(retryMs * 2 ** (failures - 1), MAX_RETRY_MS);
        timer = setTimeout(run, wait);
        timer.unref();
      }
    });
  }

  run();
  return {
    nudge,
    drained() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        nudge();
      });
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

/** Ingests one logged delivery: events stored (idempotently) and turns scheduled, or a rejection. */
function entryIngester(deps: IngestDeps): (entry: LoggedDelivery) => Promise<void> {
  const { directory, store, queue, logger, metrics } = deps;
  return async function ingestOne({ rawBody, receivedAt, signedBy, requestId }) {
    let normalized: ReturnType<typeof normalizeWebhook>;
    try {
      normalized = normalizeWebhook(JSON.parse(rawBody.toString('utf8')), { receivedAt });
    } catch (error) {
      // The gateway checked the envelope before logging it, so only a log written by something else gets here:
      // the raw body is kept for audit, with no events.
      const reason = isLeadwireError(error) ? error.message : 'body is not JSON';
      logger.error({ requestId, reason }, 'a logged delivery is not a WhatsApp envelope; kept, no events');
      await store.ingest(buildDelivery(rawBody, [], signedBy, directory, receivedAt).delivery);
      return;
    }
    if (normalized.dropped.length > 0) {
      // Items with nothing to act on (no id, an untracked status value…): the stored raw body keeps them.
      logger.warn(
        { requestId, dropped: normalized.dropped },
        'webhook items without a usable event were skipped',
      );
    }
    const { delivery, unknown } = buildDelivery(rawBody, normalized.events, signedBy, directory, receivedAt);
    if (unknown.length > 0) {
      metrics.unknownNumbers.inc(unknown.length);
      logger.warn(
        { requestId, phoneNumberIds: [...new Set(unknown.map((e) => e.phoneNumberId))] },
        'events for a phone_number_id no tenant owns (or signed by another tenant’s app) were dropped',
      );
    }
    // Nothing of ours in it (a field we do not handle, or only other tenants' numbers): nothing to keep.
    if (delivery.events.length === 0 && normalized.dropped.length === 0) return;

    const result = await store.ingest(delivery);
    let conversations = result.conversations;
    if (result.duplicates > 0) {
      // A redelivery, or a second ingest after a crash: the first may have stopped before scheduling the turn.
      metrics.duplicates.inc(result.duplicates);
      const keys = delivery.events.flatMap((e) =>
        e.conversationKey === undefined ? [] : [e.conversationKey],
      );
      const ids = await Promise.all([...new Set(keys)].map((key) => store.resolveConversationId(key)));
      conversations = [...new Set([...conversations, ...ids])];
    }
    await Promise.all(conversations.map((id) => queue.scheduleTurn(id)));
    // What was stored, not what was delivered: a retried delivery adds nothing to the count.
    for (const index of result.storedIndexes) {
      const event = delivery.events[index]?.event;
      if (event !== undefined) metrics.events.inc({ kind: event.kind, type: event.type });
    }
  };
}
