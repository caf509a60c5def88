// Transcriber: speech to text for voice notes (an OpenAI-compatible audio.transcriptions adapter later).
export interface Transcription {
  text: string;
  language?: string;
}

export interface Transcriber {
  transcribe(
    audio: { bytes: Buffer; mimeType: string; mediaId: string },
    languageHint?: string,
  ): Promise<Transcription>;
}
