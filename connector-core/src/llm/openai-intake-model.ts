// IntakeModel over an OpenAI-compatible chat completions endpoint: one structured call per turn
// (`chat.completions.parse` + a zod response format built from the tenant's catalog), then the output
// guard. Failures become LeadwireErrors (see openai-error.ts); the caller keeps the offline result.
// https://platform.openai.com/docs/guides/structured-outputs
import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { LeadwireError } from '../model/errors.ts';
import type { IntakeModel, IntakeModelInput, IntakeModelOutput } from '../ports/intake-model.ts';
import { guardContextOf, guardModelOutput } from './guard-output.ts';
import { INTAKE_SYSTEM_PROMPT, intakeUserMessage } from './intake-prompt.ts';
import { intakeResponseSchema, toIntakeModelOutput } from './intake-response-schema.ts';
import { DEFAULT_LLM_TIMEOUT_MS } from './llm-schema.ts';
import { type OpenAiEndpoint, openAiClientOf } from './openai-client.ts';
import { parseOpenAiError } from './openai-error.ts';

export type OpenAiIntakeModelOptions = OpenAiEndpoint & {
  /** a chat model with structured outputs, e.g. `gpt-4o-mini` */
  model: string;
  /** used when a call passes no timeout of its own. Default 8000. */
  timeoutMs?: number;
};

/** The response format's name, as the API shows it in errors and logs. */
export const INTAKE_RESPONSE_NAME = 'intake_turn';

export class OpenAiIntakeModel implements IntakeModel {
  readonly model: string;
  readonly #client: OpenAI;
  readonly #timeoutMs: number;

  constructor(options: OpenAiIntakeModelOptions) {
    this.#client = openAiClientOf(options);
    this.model = options.model;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
  }

  async extract(input: IntakeModelInput, options: { timeoutMs?: number } = {}): Promise<IntakeModelOutput> {
    const what = `intake model ${this.model}`;
    const schema = intakeResponseSchema(input.allowed);
    let completion: Awaited<ReturnType<typeof this.call>>;
    try {
      completion = await this.call(input, schema, options.timeoutMs ?? this.#timeoutMs);
    } catch (error) {
      throw parseOpenAiError(error, { what });
    }
    const message = completion.choices[0]?.message;
    if (message === undefined) throw new LeadwireError('VALIDATION', `${what}: the answer has no choice`);
    if (message.refusal) {
      throw new LeadwireError('VALIDATION', `${what}: the model refused to answer`, {
        details: { refusal: message.refusal.slice(0, 200) },
      });
    }
    if (message.parsed === null) throw new LeadwireError('VALIDATION', `${what}: the answer is empty`);
    const { output, dropped } = guardModelOutput(toIntakeModelOutput(message.parsed), guardContextOf(input));
    return dropped.length === 0 ? output : { ...output, dropped };
  }

  private call(input: IntakeModelInput, schema: ReturnType<typeof intakeResponseSchema>, timeoutMs: number) {
    return this.#client.chat.completions.parse(
      {
        model: this.model,
        temperature: 0,
        messages: [
          { role: 'system', content: INTAKE_SYSTEM_PROMPT },
          { role: 'user', content: intakeUserMessage(input) },
        ],
        response_format: zodResponseFormat(schema, INTAKE_RESPONSE_NAME),
      },
      { timeout: timeoutMs, maxRetries: 0 },
    );
  }
}
