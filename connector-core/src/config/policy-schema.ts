// A tenant's escalation policy: what the agent may answer, clarify or must escalate per intent or service,
// how sure it must be of an intent, which topics always go to a person, and how long a person's takeover
// keeps the agent silent (DESIGN §5.4).
import { z } from 'zod';

export const policyAction = z.enum(['answer', 'clarify', 'escalate']);

export const policyConfigSchema = z.object({
  /** action per intent (`pricing`, `eligibility`…) or service id; a service's entry wins, `escalate` always wins */
  matrix: z.record(z.string().min(1), policyAction).optional(),
  /** minimum intent confidence per intent (default 0.5): below it the agent clarifies once, then escalates */
  thresholds: z.record(z.string().min(1), z.number().min(0).max(1)).optional(),
  /** sensitive topics that escalate (built-in ids such as refund, cancel, complaint, medical); default: all */
  sensitiveTopics: z.array(z.string().min(1)).optional(),
  /** after a person wrote to the customer, the agent stays silent until they have been quiet this long */
  humanIdleMinutes: z
    .number()
    .int()
    .min(1)
    .default(24 * 60),
});

export type PolicyConfigInput = z.input<typeof policyConfigSchema>;
export type PolicyConfigOutput = z.output<typeof policyConfigSchema>;
