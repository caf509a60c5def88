// The `llm:` config section: defaults, secrets only as env references, and adapters built from it that
// talk to the endpoint with the key from the environment.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startOpenAiEmulator } from '../../webhook-gateway/src/sandbox/openai-emulator.ts';
import { llmAdaptersFromConfig } from '../src/llm/llm-adapters.ts';
import { llmConfigSchema } from '../src/llm/llm-schema.ts';
import { isLeadwireError } from '../src/model/errors.ts';

describe('llmConfigSchema', () => {
  it('fills the defaults', () => {
    const config = llmConfigSchema.parse({
      baseURL: 'https://api.openai.com/v1',
      apiKey: 'env:OPENAI_API_KEY',
      model: 'gpt-4o-mini',
      transcription: {},
    });
    assert.equal(config.timeoutMs, 8000);
    assert.deepEqual(config.transcription, { model: 'gpt-4o-mini-transcribe', maxBytes: 16 * 1024 * 1024 });
  });

  it('leaves transcription out unless it is configured', () => {
    const config = llmConfigSchema.parse({
      baseURL: 'http://localhost:11434/v1',
      apiKey: 'env:K',
      model: 'llama3',
    });
    assert.equal(config.transcription, undefined);
  });

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ['a key written in clear', { apiKey: 'sk-live-123' }, 'apiKey'],
    ['a baseURL that is not http(s)', { baseURL: 'ftp://models.example.com' }, 'baseURL'],
    ['an empty model', { model: '' }, 'model'],
    ['neither a model nor transcription', { model: undefined }, 'model'],
    ['a fractional timeout', { timeoutMs: 1.5 }, 'timeoutMs'],
  ];
  for (const [what, change, path] of invalid) {
    it(`rejects ${what} at ${path}`, () => {
      const result = llmConfigSchema.safeParse({
        baseURL: 'https://api.openai.com/v1',
        apiKey: 'env:OPENAI_API_KEY',
        model: 'gpt-4o-mini',
        ...change,
      });
      assert.equal(result.success, false);
      assert.deepEqual(
        result.error?.issues.map((issue) => issue.path.join('.')),
        [path],
      );
    });
  }
});

describe('llmAdaptersFromConfig', () => {
  it('builds a working intake model and transcriber with the key from the environment', async (t) => {
    const emulator = await startOpenAiEmulator({ apiKey: 'sk-from-env' });
    t.after(() => emulator.close());
    const config = llmConfigSchema.parse({
      baseURL: emulator.baseURL,
      apiKey: 'env:LEADWIRE_TEST_OPENAI_KEY',
      model: 'gpt-4o-mini',
      transcription: { maxBytes: 2048 },
    });
    const { intakeModel, transcriber } = llmAdaptersFromConfig(config, {
      LEADWIRE_TEST_OPENAI_KEY: 'sk-from-env',
    });
    const output = await intakeModel!.extract(
      {
        transcript: [{ author: 'customer', text: 'need plumbing in dammam' }],
        signals: {},
        allowed: { serviceTypes: ['plumbing'], serviceAreas: ['dammam'], knowledge: [] },
      },
      { timeoutMs: 2000 },
    );
    assert.equal(output.signals.serviceType?.value, 'plumbing');
    assert.equal(transcriber?.maxBytes, 2048);
    const heard = await transcriber?.transcribe({
      bytes: Buffer.from('TRANSCRIPT:hello'),
      mimeType: 'audio/ogg',
      mediaId: 'm',
    });
    assert.equal(heard?.text, 'hello');
  });

  it('a transcription-only endpoint: voice notes are transcribed, intake stays offline', async (t) => {
    const emulator = await startOpenAiEmulator({ apiKey: 'sk-local' });
    t.after(() => emulator.close());
    const config = llmConfigSchema.parse({
      baseURL: emulator.baseURL,
      apiKey: 'env:LEADWIRE_TEST_OPENAI_KEY',
      transcription: {},
    });
    const adapters = llmAdaptersFromConfig(config, { LEADWIRE_TEST_OPENAI_KEY: 'sk-local' });
    assert.equal(adapters.intakeModel, undefined);
    const heard = await adapters.transcriber?.transcribe({
      bytes: Buffer.from('TRANSCRIPT:my address is Al Rawdah street'),
      mimeType: 'audio/ogg',
      mediaId: 'm',
    });
    assert.equal(heard?.text, 'my address is Al Rawdah street');
    assert.equal(emulator.requests.filter((r) => r.path.includes('chat')).length, 0);
  });

  it('fails at boot with VALIDATION when the key variable is not set', () => {
    const config = llmConfigSchema.parse({
      baseURL: 'https://api.openai.com/v1',
      apiKey: 'env:NOPE',
      model: 'm',
    });
    assert.throws(
      () => llmAdaptersFromConfig(config, {}),
      (error: unknown) => isLeadwireError(error, 'VALIDATION'),
    );
  });
});
