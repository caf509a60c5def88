// What `leadwire eval` holds a tenant's own labelled conversations to before launch: the share of
// conversations it must get entirely right and move forward (overall and per intent), per-field minimums,
// and how many conversations per intent the launch method asks for.
import { z } from 'zod';

const share = z.number().min(0).max(1);

/** The fields a labelled conversation may state, scored one by one. */
export const evalFields = [
  'serviceType',
  'area',
  'urgency',
  'language',
  'intent',
  'decision',
  'assignee',
] as const;
export type EvalField = (typeof evalFields)[number];

export const evalConfigSchema = z.strictObject({
  thresholds: z
    .strictObject({
      /** share of conversations with every labelled field right, overall and per intent @defaultValue 0.85 */
      accuracy: share.default(0.85),
      /**
       * share of conversations the agent moved forward — handed to a person (a Lead or an Inquiry) or
       * asking the customer its next question — overall and per intent @defaultValue 0.9
       */
      actionability: share.default(0.9),
      /** least accuracy per field, over the conversations that label it; a field left out is not held to one */
      fields: z.partialRecord(z.enum(evalFields), share).default({}),
    })
    .prefault({}),
  /** conversations per intent the launch method replays; fewer is reported as too few to trust @defaultValue 50 */
  minPerIntent: z.number().int().min(1).default(50),
});

export type EvalConfig = z.output<typeof evalConfigSchema>;
