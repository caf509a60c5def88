// Transcriber over an OpenAI-compatible `audio.transcriptions` endpoint. Audio over the configured size
// is refused before any request (VALIDATION: a person listens instead); failures map like the intake
// model's (see openai-error.ts). https://platform.openai.com/docs/api-reference/audio/createTranscription
import type OpenAI from 'openai';
import { toFile } from 'openai';
import { LeadwireError } from '../model/errors.ts';
import type { Transcriber, Transcription } from '../ports/transcriber.ts';
import { DEFAULT_TRANSCRIPTION_MAX_BYTES, DEFAULT_TRANSCRIPTION_MODEL } from './llm-schema.ts';
import { type OpenAiEndpoint, openAiClientOf } from './openai-client.ts';
import { parseOpenAiError } from './openai-error.ts';

export type OpenAiTranscriberOptions = OpenAiEndpoint & {
  /** Default `gpt-4o-mini-transcribe`. */
  model?: string;
  /** audio larger than this is refused without a request. Default 16 MiB. */
  maxBytes?: number;
  /** Default 30000: a voice note of a few minutes takes longer than an intake call. */
  timeoutMs?: number;
};

/**
 * File extensions by MIME type. The API picks the decoder by the file name; WhatsApp voice notes are
 * `audio/ogg; codecs=opus`. AAC and AMR (which WhatsApp also allows) are not accepted by OpenAI: the API
 * answers 400, which maps to VALIDATION.
 */
const EXTENSIONS: Record<string, string> = {
  'audio/ogg': 'ogg',
  'audio/opus': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mp4': 'm4a',
  'audio/m4a': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/webm': 'webm',
  'audio/flac': 'flac',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
};

/** `voice-note.<ext>` for a MIME type (parameters such as `codecs=opus` ignored). */
export function audioFileName(mimeType: string): string {
  const base = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  return `voice-note.${EXTENSIONS[base] ?? 'ogg'}`;
}

const DEFAULT_TRANSCRIPTION_TIMEOUT_MS = 30_000;

export class OpenAiTranscriber implements Transcriber {
  readonly model: string;
  readonly maxBytes: number;
  readonly #client: OpenAI;
  readonly #timeoutMs: number;

  constructor(options: OpenAiTranscriberOptions) {
    this.#client = openAiClientOf(options);
    this.model = options.model ?? DEFAULT_TRANSCRIPTION_MODEL;
    this.maxBytes = options.maxBytes ?? DEFAULT_TRANSCRIPTION_MAX_BYTES;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TRANSCRIPTION_TIMEOUT_MS;
  }

  async transcribe(
    audio: { bytes: Buffer; mimeType: string; mediaId: string },
    languageHint?: string,
  ): Promise<Transcription> {
    const what = `transcription model ${this.model}`;
    if (audio.bytes.length > this.maxBytes) {
      throw new LeadwireError(
        'VALIDATION',
        `${what}: voice note ${audio.mediaId} is ${audio.bytes.length} bytes, over the ${this.maxBytes}-byte limit (llm.transcription.maxBytes)`,
        { details: { mediaId: audio.mediaId, bytes: audio.bytes.length, maxBytes: this.maxBytes } },
      );
    }
    const type = audio.mimeType.split(';')[0]?.trim() || 'audio/ogg';
    // the API takes ISO-639-1 (two letters); anything else is left for the model to detect
    const language = languageHint !== undefined && /^[a-z]{2}$/.test(languageHint) ? languageHint : undefined;
    try {
      const file = await toFile(audio.bytes, audioFileName(audio.mimeType), { type });
      const result = await this.#client.audio.transcriptions.create(
        { file, model: this.model, ...(language === undefined ? {} : { language }) },
        { timeout: this.#timeoutMs, maxRetries: 0 },
      );
      const heard: unknown = (result as { language?: unknown }).language;
      return { text: result.text, ...(typeof heard === 'string' && heard !== '' ? { language: heard } : {}) };
    } catch (error) {
      throw parseOpenAiError(error, { what: `${what} (voice note ${audio.mediaId})` });
    }
  }
}
