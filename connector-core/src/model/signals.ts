// Signals: what intake captured about a conversation, each value with its confidence, where it came from
// and the words that showed it. Merged across turns: a value the customer confirmed is never overwritten by
// a guess, and a guess only replaces another guess with at least its confidence.
import { z } from 'zod';

export const signalSources = ['rule', 'llm', 'customer-confirmed'] as const;
export type SignalSource = (typeof signalSources)[number];

function signal<T extends z.ZodType>(value: T) {
  return z.object({
    value,
    confidence: z.number().min(0).max(1),
    source: z.enum(signalSources),
    /** the customer's words (or the reply id, the pin) that showed it */
    evidence: z.string().optional(),
    /** ISO time it was captured */
    at: z.string(),
  });
}

export const locationValue = z.object({
  /** a configured service area */
  areaId: z.string().optional(),
  /** what the customer wrote, when it matched no area */
  text: z.string().optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  /** a pin outside every service area */
  outside: z.boolean().optional(),
  /** ISO 3166 alpha-2, e.g. from the phone prefix */
  country: z.string().optional(),
});

export const signalsSchema = z.object({
  /** `unknown`: the customer said nothing about time or urgency (asking is a policy choice, not a fact) */
  urgency: signal(z.enum(['urgent', 'normal', 'unknown'])).optional(),
  location: signal(locationValue).optional(),
  /** a service id of the tenant's catalog */
  serviceType: signal(z.string()).optional(),
  timing: signal(z.object({ iso: z.string(), text: z.string() })).optional(),
  budget: signal(z.string()).optional(),
  /** BCP-47 primary tag */
  language: signal(z.string()).optional(),
  name: signal(z.string()).optional(),
  /** e.g. book, pricing, hours, eligibility, complaint, other */
  intent: signal(z.string()).optional(),
  sentiment: signal(z.enum(['positive', 'neutral', 'negative'])).optional(),
  humanRequested: signal(z.boolean()).optional(),
});

export type Signals = z.infer<typeof signalsSchema>;
export type SignalName = keyof Signals;
export type Signal<K extends SignalName> = NonNullable<Signals[K]>;

const parsed = new WeakMap<object, Readonly<Signals>>();

/**
 * A conversation's signals, read once per signals object: a turn's steps hand the conversation on without
 * changing it in place, so the intake, policy, reply, route and CRM steps read the same object; each read
 * parsed it again. The answer is shared and frozen: build a new object to change it.
 */
export function signalsOf(signals: Record<string, unknown>): Readonly<Signals> {
  let known = parsed.get(signals);
  if (known === undefined) {
    const read = signalsSchema.parse(signals);
    for (const value of Object.values(read)) Object.freeze(value);
    known = Object.freeze(read);
    parsed.set(signals, known);
  }
  return known;
}
