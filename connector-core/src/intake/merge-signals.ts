// Merging signals across messages and turns: what the customer confirmed is never overwritten by a
// guess (rule or LLM), a confirmation replaces anything, and a guess replaces another guess only with
// at least its confidence, so a stray low-confidence match cannot undo a clear earlier one.
import { isDeepStrictEqual } from 'node:util';
import type { SignalName, SignalSource, Signals } from '../model/signals.ts';

/** The shape every signal shares, whatever its value. */
interface AnySignal {
  value: unknown;
  confidence: number;
  source: SignalSource;
  evidence?: string | undefined;
  at: string;
}

const CONFIRMED: SignalSource = 'customer-confirmed';

function mergeSignal<S extends AnySignal>(current: S | undefined, found: S | undefined): S | undefined {
  if (found === undefined) return current;
  if (current === undefined) return found;
  const currentConfirmed = current.source === CONFIRMED;
  const foundConfirmed = found.source === CONFIRMED;
  if (currentConfirmed && !foundConfirmed) return current;
  if (foundConfirmed) return found;
  if (isDeepStrictEqual(current.value, found.value)) {
    // the same guess again: keep the better-supported one, seen now
    return current.confidence > found.confidence ? { ...current, at: found.at } : found;
  }
  return found.confidence >= current.confidence ? found : current;
}

function mergeKey<K extends SignalName>(out: Signals, key: K, current: Signals, found: Signals): void {
  const merged = mergeSignal<NonNullable<Signals[K]>>(current[key] ?? undefined, found[key] ?? undefined);
  if (merged !== undefined) out[key] = merged;
}

/**
 * `found` (newer) merged into `current`: per signal, a `customer-confirmed` value is kept against any
 * `rule`/`llm` value; a newly confirmed value replaces anything; otherwise the newer value wins when
 * its confidence is at least the older one's. The same value seen again keeps the higher confidence
 * and takes the newer `at`. Returns a new object; the inputs are not changed.
 */
export function mergeSignals(current: Signals, found: Signals): Signals {
  const out: Signals = { ...current };
  const keys = new Set([...Object.keys(current), ...Object.keys(found)]) as Set<SignalName>;
  for (const key of keys) mergeKey(out, key, current, found);
  return out;
}

function confirmKey<K extends SignalName>(out: Signals, key: K, at: string): void {
  const signal = out[key];
  if (signal === undefined) return;
  out[key] = { ...signal, source: CONFIRMED, confidence: 1, at };
}

/**
 * The named signals marked as confirmed by the customer (confidence 1, source `customer-confirmed`,
 * `at` given), e.g. after they accept the confirmation message. Names without a value are ignored:
 * there is nothing to confirm.
 */
export function confirmSignals(signals: Signals, names: readonly SignalName[], at: string): Signals {
  const out: Signals = { ...signals };
  for (const name of names) confirmKey(out, name, at);
  return out;
}
