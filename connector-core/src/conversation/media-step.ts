// The "media" turn step: each voice note of the turn is fetched through the Graph API and transcribed, and
// the transcript is kept with the conversation under the message's wamid, so intake reads the customer's
// words and the CRM card shows them. A voice note that cannot be transcribed is kept with the reason
// (the media id stays in the stored event) and the policy hands it to a person ("voice_unclear").
import type { VoiceNote } from '../model/conversation.ts';
import { isLeadwireError } from '../model/errors.ts';
import type { Messenger } from '../ports/messenger.ts';
import type { StoredEvent } from '../ports/store.ts';
import type { Transcriber } from '../ports/transcriber.ts';
import type { TurnStep } from '../ports/turn-handler.ts';

export interface MediaStepOptions {
  /** fetches the audio; without it no voice note can be transcribed */
  messenger?: Messenger | undefined;
  /** the tenant's transcriber, or undefined when the tenant has none */
  transcriberFor(tenantId: string): Transcriber | undefined;
}

/** The audio messages of a turn that carry no words of their own (a voice note, an audio file). */
export function untranscribedAudio(
  events: readonly StoredEvent[],
): Array<{ wamid: string; mediaId: string; mimeType?: string }> {
  const found: Array<{ wamid: string; mediaId: string; mimeType?: string }> = [];
  for (const { event } of events) {
    if (event.kind !== 'message' || event.type !== 'audio' || event.media === undefined) continue;
    if (event.text !== undefined) continue;
    found.push({
      wamid: event.id,
      mediaId: event.media.id,
      ...(event.media.mimeType === undefined ? {} : { mimeType: event.media.mimeType }),
    });
  }
  return found;
}

/** Why a transcription failed, short and machine-readable (stored with the voice note). */
function failureOf(error: unknown): string {
  if (!isLeadwireError(error)) return 'transcriber_failed';
  const reason = error.details?.reason;
  if (typeof reason === 'string') return reason;
  return error.code === 'VALIDATION' ? 'invalid_audio' : 'transcriber_failed';
}

export function mediaStep(options: MediaStepOptions): TurnStep {
  const { messenger } = options;
  return {
    name: 'media',
    async run({ conversation, events }) {
      const audio = untranscribedAudio(events);
      if (audio.length === 0) return conversation;
      const transcriber = options.transcriberFor(conversation.tenantId);
      const notes: Record<string, VoiceNote> = { ...conversation.voiceNotes };
      for (const { wamid, mediaId, mimeType } of audio) {
        if (notes[wamid]?.transcript !== undefined) continue;
        const note: VoiceNote = { mediaId, ...(mimeType === undefined ? {} : { mimeType }) };
        if (transcriber === undefined || messenger === undefined) {
          notes[wamid] = { ...note, failure: 'no_transcriber' };
          continue;
        }
        try {
          const media = await messenger.downloadMedia(conversation.phoneNumberId, mediaId);
          const heard = await transcriber.transcribe(
            { bytes: media.bytes, mimeType: media.mimeType, mediaId },
            conversation.agent?.language,
          );
          const text = heard.text.trim();
          notes[wamid] =
            text === ''
              ? { ...note, failure: 'silence' }
              : {
                  ...note,
                  transcript: text,
                  ...(heard.language === undefined ? {} : { language: heard.language }),
                };
        } catch (error) {
          // Lost access stops the tenant (a person must reconnect); anything else leaves the voice note for a
          // person to listen to rather than holding the customer's turn hostage to a flaky transcriber.
          if (isLeadwireError(error) && error.code === 'AUTH_REVOKED') throw error;
          notes[wamid] = { ...note, failure: failureOf(error) };
        }
      }
      return { ...conversation, voiceNotes: notes };
    },
  };
}

/** The transcripts of the conversation's voice notes by wamid, as intake reads them. */
export function transcriptsOf(
  notes: Readonly<Record<string, VoiceNote>> | undefined,
): Record<string, string> {
  const transcripts: Record<string, string> = {};
  for (const [wamid, note] of Object.entries(notes ?? {})) {
    if (note.transcript !== undefined) transcripts[wamid] = note.transcript;
  }
  return transcripts;
}
