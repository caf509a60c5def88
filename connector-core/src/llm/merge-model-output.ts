// The model's answer merged into what the offline intake found: model values enter as `llm` at the
// model's own confidence, never over what the customer confirmed, and over a rule's value only when the
// model is more sure (an equally sure guess does not undo the rule). Values are re-validated against the
// Signals schema here, so nothing malformed reaches the conversation whatever the model port returned.

import { mergeSignals } from '../intake/merge-signals.ts';
import { type SignalName, type Signals, signalsSchema } from '../model/signals.ts';
import type { IntakeModelOutput } from '../ports/intake-model.ts';

export interface ModelEscalation {
  escalate: boolean;
  reason?: string;
}

export interface MergedModelOutput {
  signals: Signals;
  escalation: ModelEscalation;
  /** the model's reply to the customer, when it passed the guard */
  reply?: string;
}

const signalNames = Object.keys(signalsSchema.shape) as SignalName[];

function isSignalName(name: string): name is SignalName {
  return (signalNames as string[]).includes(name);
}

/** The model's signals as `Signals` (source `llm`, captured `at`); invalid values are left out. */
function modelSignals(output: IntakeModelOutput, offline: Signals, at: string): Signals {
  const found: Record<string, unknown> = {};
  for (const [name, { value, confidence }] of Object.entries(output.signals)) {
    if (!isSignalName(name)) continue;
    let candidate = value;
    // The model names an area; the country from the phone prefix stays known.
    const country = offline.location?.value.country;
    if (name === 'location' && country !== undefined && typeof value === 'object' && value !== null)
      candidate = { country, ...value };
    found[name] = { value: candidate, confidence, source: 'llm', at };
  }
  const parsed: Signals = {};
  for (const name of signalNames) {
    if (found[name] === undefined) continue;
    const one = signalsSchema.shape[name].safeParse(found[name]);
    if (one.success && one.data !== undefined) Object.assign(parsed, { [name]: one.data });
  }
  return parsed;
}

/**
 * `offline` with the model's values merged in: a `customer-confirmed` value always stays; a `rule` or
 * earlier `llm` value is replaced only by a strictly more confident model value; an absent one is filled.
 * Returns the merged signals, the model's escalation flag with its reason, and its reply.
 */
export function mergeModelOutput(offline: Signals, output: IntakeModelOutput, now: Date): MergedModelOutput {
  const found = modelSignals(output, offline, now.toISOString());
  const accepted: Signals = {};
  for (const name of signalNames) {
    const candidate = found[name];
    if (candidate === undefined) continue;
    const current = offline[name];
    if (current !== undefined && current.confidence >= candidate.confidence) continue;
    Object.assign(accepted, { [name]: candidate });
  }
  const escalation: ModelEscalation = { escalate: output.escalate };
  if (output.escalate && output.escalateReason !== undefined) escalation.reason = output.escalateReason;
  return {
    signals: mergeSignals(offline, accepted),
    escalation,
    ...(output.reply === undefined ? {} : { reply: output.reply }),
  };
}
