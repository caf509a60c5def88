// The `llm:` config section: an OpenAI-compatible endpoint (OpenAI, Azure OpenAI, a local server) for the
// intake model and, when `transcription` is set, for voice notes. Secrets are `env:NAME` references.
import { z } from 'zod';
import { secretRef } from '../config/secret-ref.ts';

export const DEFAULT_LLM_TIMEOUT_MS = 8000;
/**
 * When the intake model is asked: `hybrid` only on a turn whose offline result is unsure (see
 * `modelCallFor`), at most once; `always` on every turn.
 */
export const llmIntakeModes = ['hybrid', 'always'] as const;
export type LlmIntakeMode = (typeof llmIntakeModes)[number];
/** Most turns the rules read surely cost no call, and nothing the model could change is left unasked. */
export const DEFAULT_LLM_INTAKE: LlmIntakeMode = 'hybrid';
export const DEFAULT_TRANSCRIPTION_MODEL = 'gpt-4o-mini-transcribe';
/** 16 MiB: WhatsApp voice notes are far smaller; OpenAI accepts up to 25 MB. */
export const DEFAULT_TRANSCRIPTION_MAX_BYTES = 16 * 1024 * 1024;

export const transcriptionConfigSchema = z.object({
  /** the `audio.transcriptions` model. Default `gpt-4o-mini-transcribe`. */
  model: z.string().min(1).default(DEFAULT_TRANSCRIPTION_MODEL),
  /** audio larger than this is refused before any request. Default 16 MiB. */
  maxBytes: z.number().int().positive().default(DEFAULT_TRANSCRIPTION_MAX_BYTES),
});

export const llmConfigSchema = z
  .object({
    /** the API root, e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1` */
    baseURL: z.url({
      protocol: /^https?$/,
      error: 'baseURL is an http(s) URL such as https://api.openai.com/v1',
    }),
    /** the API key, as `env:NAME` */
    apiKey: secretRef,
    /**
     * the chat model for intake; it must support structured outputs (json_schema, strict). Absent = intake stays
     * offline and the endpoint only transcribes voice notes (then `transcription` is required)
     */
    model: z.string().min(1).optional(),
    /**
     * `hybrid`: the model adjudicates only a turn the offline rules are unsure of (words they could not
     * read, a guess, a conflict, a question they cannot place, a voice transcript, a suspected injection), one
     * call at most; `always`: one call every turn. Default `hybrid`.
     */
    intake: z.enum(llmIntakeModes).default(DEFAULT_LLM_INTAKE),
    /** how long one intake call may take before the offline result stands. Default 8000. */
    timeoutMs: z.number().int().positive().default(DEFAULT_LLM_TIMEOUT_MS),
    /** voice-note transcription through the same endpoint; absent = voice notes go to a person */
    transcription: transcriptionConfigSchema.optional(),
  })
  .refine((llm) => llm.model !== undefined || llm.transcription !== undefined, {
    message: 'llm needs a `model` for intake, a `transcription` section for voice notes, or both',
    path: ['model'],
  });

export type LlmConfigInput = z.input<typeof llmConfigSchema>;
export type LlmConfig = z.output<typeof llmConfigSchema>;
export type TranscriptionConfig = z.output<typeof transcriptionConfigSchema>;
