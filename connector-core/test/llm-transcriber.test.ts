// Voice-note transcription over HTTP: the real `openai` client sends multipart audio to the emulator, which
// "hears" bytes that read `TRANSCRIPT:<text>`. Oversized audio is refused before any request; failures map
// to the codes the media step acts on.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type OpenAiEmulator,
  openAiError,
  startOpenAiEmulator,
} from '../../webhook-gateway/src/sandbox/openai-emulator.ts';
import { audioFileName, OpenAiTranscriber } from '../src/llm/openai-transcriber.ts';
import { type ErrorCode, isLeadwireError } from '../src/model/errors.ts';

let emulator: OpenAiEmulator;
let transcriber: OpenAiTranscriber;

before(async () => {
  emulator = await startOpenAiEmulator();
  transcriber = new OpenAiTranscriber({ baseURL: emulator.baseURL, apiKey: emulator.apiKey, maxBytes: 1024 });
});
after(() => emulator.close());

const voiceNote = (text: string, mimeType = 'audio/ogg; codecs=opus') => ({
  bytes: Buffer.from(`TRANSCRIPT:${text}`, 'utf8'),
  mimeType,
  mediaId: '1234567890',
});

interface Multipart {
  fields: Record<string, string>;
  files: Record<string, { name: string; type: string; size: number; bytes: Buffer }>;
}

function lastUpload(): { headers: Record<string, string>; body: Multipart } {
  const request = emulator.requests.filter((r) => r.path === '/v1/audio/transcriptions').at(-1);
  assert.ok(request, 'nothing was uploaded');
  return { headers: request.headers, body: request.body as Multipart };
}

async function rejection(promise: Promise<unknown>): Promise<ErrorCode> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isLeadwireError(error), `expected a LeadwireError, got ${String(error)}`);
    return error.code;
  }
  assert.fail('expected the call to fail');
}

describe('OpenAiTranscriber', () => {
  it('uploads the voice note as multipart with the model, the file and the language hint', async () => {
    const note = voiceNote('أبي سباك بكرة الصبح في جدة');
    const heard = await transcriber.transcribe(note, 'ar');
    assert.deepEqual(heard, { text: 'أبي سباك بكرة الصبح في جدة' });

    const { headers, body } = lastUpload();
    assert.match(headers['content-type'] ?? '', /^multipart\/form-data; boundary=/);
    assert.equal(headers.authorization, `Bearer ${emulator.apiKey}`);
    assert.equal(body.fields.model, 'gpt-4o-mini-transcribe');
    assert.equal(body.fields.language, 'ar');
    assert.equal(body.files.file?.name, 'voice-note.ogg');
    assert.equal(body.files.file?.type, 'audio/ogg');
    assert.deepEqual(body.files.file?.bytes, note.bytes);
  });

  it('leaves out a language hint the API would not take (not ISO-639-1)', async () => {
    await transcriber.transcribe(voiceNote('hello'), 'fil');
    assert.equal(lastUpload().body.fields.language, undefined);
  });

  it('uses the configured model', async () => {
    const whisper = new OpenAiTranscriber({
      baseURL: emulator.baseURL,
      apiKey: emulator.apiKey,
      model: 'whisper-1',
    });
    await whisper.transcribe(voiceNote('oi, preciso de um encanador'));
    assert.equal(lastUpload().body.fields.model, 'whisper-1');
  });

  it('refuses audio over maxBytes with VALIDATION before any request', async () => {
    const count = emulator.requests.length;
    const big = { bytes: Buffer.alloc(1025, 1), mimeType: 'audio/ogg', mediaId: 'big' };
    assert.equal(await rejection(transcriber.transcribe(big)), 'VALIDATION');
    assert.equal(emulator.requests.length, count, 'the oversized audio was sent');
    // exactly maxBytes is still accepted
    const edge = Buffer.concat([Buffer.from('TRANSCRIPT:ok'), Buffer.alloc(1024 - 13, 32)]);
    assert.equal(
      (await transcriber.transcribe({ bytes: edge, mimeType: 'audio/ogg', mediaId: 'edge' })).text,
      'ok',
    );
  });

  const failures: Array<[string, () => void, ErrorCode]> = [
    ['audio the API cannot decode', () => undefined, 'VALIDATION'],
    [
      'a 500',
      () =>
        emulator.scriptTranscription({
          status: 500,
          body: openAiError('The server had an error', 'server_error'),
        }),
      'TEMPORARY',
    ],
    [
      'a 429',
      () =>
        emulator.scriptTranscription({
          status: 429,
          body: openAiError('Rate limit', 'requests', 'rate_limit_exceeded'),
        }),
      'RATE_LIMITED',
    ],
    [
      'a 401',
      () =>
        emulator.scriptTranscription({
          status: 401,
          body: openAiError('Incorrect API key provided', 'invalid_request_error', 'invalid_api_key'),
        }),
      'AUTH_REVOKED',
    ],
  ];
  for (const [what, arrange, code] of failures) {
    it(`${what} → ${code}`, async () => {
      arrange();
      const bytes = what.startsWith('audio')
        ? Buffer.from([0x4f, 0x67, 0x67, 0x53, 0, 2])
        : voiceNote('x').bytes;
      assert.equal(
        await rejection(transcriber.transcribe({ bytes, mimeType: 'audio/ogg', mediaId: 'm1' })),
        code,
      );
    });
  }

  it('a slow endpoint is TEMPORARY after the timeout', async () => {
    const impatient = new OpenAiTranscriber({
      baseURL: emulator.baseURL,
      apiKey: emulator.apiKey,
      timeoutMs: 150,
    });
    emulator.scriptTranscription({ delayMs: 3000 });
    const started = performance.now();
    assert.equal(await rejection(impatient.transcribe(voiceNote('late'))), 'TEMPORARY');
    assert.ok(performance.now() - started < 1500);
  });

  it('names the file by its MIME type, so the API picks the decoder', () => {
    assert.equal(audioFileName('audio/ogg; codecs=opus'), 'voice-note.ogg');
    assert.equal(audioFileName('audio/mpeg'), 'voice-note.mp3');
    assert.equal(audioFileName('audio/mp4'), 'voice-note.m4a');
    assert.equal(audioFileName('audio/amr'), 'voice-note.amr');
  });
});
