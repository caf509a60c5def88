// The structured answer the intake model must give, built per tenant: service and area are enums of the
// tenant's own ids, so a strict Structured Outputs model cannot name anything else. Every field is
// required and nullable (OpenAI strict mode), and nothing in it can name an owner, queue or routing rule.
// https://platform.openai.com/docs/guides/structured-outputs#supported-schemas
import { z } from 'zod';
import type { IntakeModelOutput } from '../ports/intake-model.ts';

export const INTAKE_INTENTS = [
  'book',
  'pricing',
  'hours',
  'eligibility',
  'complaint',
  /** a question that none of the others covers */
  'question',
  'other',
] as const;
export const INTAKE_URGENCIES = ['urgent', 'normal', 'unknown'] as const;
export const INTAKE_SENTIMENTS = ['positive', 'neutral', 'negative'] as const;

const confidence = z.number().min(0).max(1);

/** A signal as the model gives it: the value or null, and how sure it is. */
function scored<T extends z.ZodType>(value: T) {
  return z.object({ value, confidence });
}

/** An enum of the tenant's ids, or only `null` when the tenant has none (an empty enum is invalid). */
function idEnum(ids: readonly string[]) {
  const [first, ...rest] = [...new Set(ids)];
  return first === undefined ? z.null() : z.enum([first, ...rest]).nullable();
}

export interface IntakeResponseAllowed {
  serviceTypes: readonly string[];
  serviceAreas: readonly string[];
}

export function intakeResponseSchema(allowed: IntakeResponseAllowed) {
  return z.object({
    serviceType: scored(idEnum(allowed.serviceTypes)),
    area: scored(idEnum(allowed.serviceAreas)),
    urgency: scored(z.enum(INTAKE_URGENCIES).nullable()),
    /** BCP-47 primary tag of the customer's language (`ar`, `pt`) */
    language: scored(z.string().nullable()),
    timing: scored(
      z
        .object({
          /** the customer's words for the time, e.g. "tomorrow at 9" */
          text: z.string(),
          /** the time as ISO 8601 in the tenant's time zone, or null when it cannot be resolved */
          iso: z.string().nullable(),
        })
        .nullable(),
    ),
    name: scored(z.string().nullable()),
    budget: scored(z.string().nullable()),
    intent: scored(z.enum(INTAKE_INTENTS).nullable()),
    sentiment: scored(z.enum(INTAKE_SENTIMENTS).nullable()),
    humanRequested: scored(z.boolean().nullable()),
    /** the message to the customer, in their language; null when there is nothing safe to say */
    reply: z.string().nullable(),
    escalate: z.boolean(),
    escalateReason: z.string().nullable(),
  });
}

export type IntakeResponse = z.output<ReturnType<typeof intakeResponseSchema>>;

/** The parsed answer as the port's output, signal values in the shapes `Signals` uses; nulls left out. */
export function toIntakeModelOutput(response: IntakeResponse): IntakeModelOutput {
  const signals: IntakeModelOutput['signals'] = {};
  const put = (name: string, value: unknown, score: number) => {
    if (value !== null && value !== undefined && value !== '') signals[name] = { value, confidence: score };
  };
  put('serviceType', response.serviceType.value, response.serviceType.confidence);
  put(
    'location',
    response.area.value === null ? null : { areaId: response.area.value },
    response.area.confidence,
  );
  put('urgency', response.urgency.value, response.urgency.confidence);
  put('language', response.language.value?.trim().toLowerCase(), response.language.confidence);
  const timing = response.timing.value;
  // a time the model could not resolve to a moment is no timing signal (the offline intake keeps its own)
  put('timing', timing?.iso ? { iso: timing.iso, text: timing.text } : null, response.timing.confidence);
  put('name', response.name.value?.trim(), response.name.confidence);
  put('budget', response.budget.value?.trim(), response.budget.confidence);
  put('intent', response.intent.value, response.intent.confidence);
  put('sentiment', response.sentiment.value, response.sentiment.confidence);
  put('humanRequested', response.humanRequested.value, response.humanRequested.confidence);
  const reply = response.reply?.trim();
  const reason = response.escalateReason?.trim();
  return {
    signals,
    ...(response.intent.value === null ? {} : { intent: response.intent.value }),
    ...(reply ? { reply } : {}),
    escalate: response.escalate,
    ...(reason ? { escalateReason: reason } : {}),
  };
}
