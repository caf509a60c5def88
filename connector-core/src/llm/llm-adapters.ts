// The `llm:` config section as adapters: the intake model and, when `transcription` is configured, the
// voice-note transcriber, sharing one client. The API key is read from the environment here, at boot.
import { resolveSecret } from '../config/load-config.ts';
import type { LlmConfig } from './llm-schema.ts';
import { openAiClientOf } from './openai-client.ts';
import { OpenAiIntakeModel } from './openai-intake-model.ts';
import { OpenAiTranscriber } from './openai-transcriber.ts';

export interface LlmAdapters {
  /** absent when `llm.model` is not configured (intake stays offline) */
  intakeModel?: OpenAiIntakeModel;
  /** absent when `llm.transcription` is not configured (voice notes then go to a person) */
  transcriber?: OpenAiTranscriber;
}

/** Throws VALIDATION when the key's environment variable is not set. */
export function llmAdaptersFromConfig(config: LlmConfig, env: NodeJS.ProcessEnv = process.env): LlmAdapters {
  const client = openAiClientOf({ baseURL: config.baseURL, apiKey: resolveSecret(config.apiKey, env) });
  const intakeModel =
    config.model === undefined
      ? undefined
      : new OpenAiIntakeModel({ client, model: config.model, timeoutMs: config.timeoutMs });
  const transcriber =
    config.transcription === undefined
      ? undefined
      : new OpenAiTranscriber({
          client,
          model: config.transcription.model,
          maxBytes: config.transcription.maxBytes,
        });
  return {
    ...(intakeModel === undefined ? {} : { intakeModel }),
    ...(transcriber === undefined ? {} : { transcriber }),
  };
}
