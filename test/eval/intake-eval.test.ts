// `npm run eval -- --llm` end to end, as a business measures its own model: the eval script runs as its own
// process against an OpenAI-compatible endpoint (the OpenAI emulator, answering each call from the request's
// schema and the customer's words) named only by the environment, in hybrid and always, and reports both
// runs with the model's calls per turn.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  type OpenAiEmulator,
  startOpenAiEmulator,
} from '../../webhook-gateway/src/sandbox/openai-emulator.ts';

const run = promisify(execFile);
const EVAL = join(import.meta.dirname, 'intake-eval.ts');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the eval script with `args` and `env` added to this process's environment. */
async function evalRun(args: string[], env: Record<string, string>): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [EVAL, ...args], {
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npm run eval -- --llm', () => {
  let openai: OpenAiEmulator;
  let env: Record<string, string>;
  before(async () => {
    openai = await startOpenAiEmulator({ apiKey: 'eval-key' });
    env = {
      LEADWIRE_EVAL_LLM_BASE_URL: openai.baseURL,
      LEADWIRE_EVAL_LLM_MODEL: 'gpt-4o-mini',
      LEADWIRE_EVAL_LLM_API_KEY: 'eval-key',
    };
  });
  after(() => openai.close());

  it('reports the LLM runs, hybrid asking the model on fewer turns than always, and exits 0', async () => {
    const { code, stdout, stderr } = await evalRun(
      ['--set', 'own-dev', '--llm', '--llm-intake', 'hybrid,always', '--json'],
      env,
    );
    assert.equal(code, 0, stderr);
    assert.match(
      stdout,
      /intake eval \(LLM mode: gpt-4o-mini at http:\/\/127\.0\.0\.1:\d+\/v1, hybrid and always\)/,
    );
    assert.match(stdout, /== own-dev \(LLM hybrid\): \d+ conversations, 0 errors/);
    assert.match(stdout, /== own-dev \(LLM always\): \d+ conversations, 0 errors/);
    assert.match(stdout, /model calls per turn +\d\.\d{3} +1\.000/);
    assert.match(stdout, /model calls +\d+ in \d+ turns: [\d.]+ per turn \(hybrid\), 0 failed/);

    const reports = JSON.parse(stdout.trim().split('\n').at(-1)!) as Array<{
      set: string;
      llm?: { intake: string; turns: number; calls: number; callsPerTurn: number; failures: number };
    }>;
    const hybrid = reports.find((r) => r.llm?.intake === 'hybrid')?.llm;
    const always = reports.find((r) => r.llm?.intake === 'always')?.llm;
    assert.ok(hybrid !== undefined && always !== undefined, 'both runs are in the JSON summary');
    assert.equal(always.calls, always.turns, 'always asks the model every turn');
    assert.equal(always.callsPerTurn, 1);
    assert.ok(hybrid.calls > 0, 'hybrid asks the model on the turns the rules are unsure of');
    assert.ok(hybrid.callsPerTurn < always.callsPerTurn, `hybrid ${hybrid.callsPerTurn} < always 1`);
    assert.equal(hybrid.failures + always.failures, 0);
    const chats = openai.requests.filter((r) => r.path === '/v1/chat/completions').length;
    assert.equal(chats, hybrid.calls + always.calls, 'every call counted is a call the endpoint answered');
  });

  it('says when the endpoint failed every call (these are then the offline figures)', async () => {
    const { code, stdout } = await evalRun(['--set', 'own-dev', '--llm'], {
      ...env,
      LEADWIRE_EVAL_LLM_API_KEY: 'a-wrong-key',
    });
    assert.equal(code, 0);
    assert.match(stdout, /\d+ failed \(AUTH_REVOKED \d+\)/);
    assert.match(stdout, /every model call failed: these are the offline figures/);
  });

  it('without the endpoint variables, says which are needed and exits 2', async () => {
    const { code, stderr } = await evalRun(['--set', 'own-dev', '--llm'], {
      LEADWIRE_EVAL_LLM_BASE_URL: '',
    });
    assert.equal(code, 2);
    assert.match(
      stderr,
      /--llm needs LEADWIRE_EVAL_LLM_BASE_URL, LEADWIRE_EVAL_LLM_MODEL and LEADWIRE_EVAL_LLM_API_KEY/,
    );
  });

  it('a mode it does not know is refused before anything runs', async () => {
    const { code, stderr, stdout } = await evalRun(['--llm', '--llm-intake', 'sometimes'], env);
    assert.equal(code, 2);
    assert.match(stderr, /--llm-intake takes hybrid, always or both comma-separated, not "sometimes"/);
    assert.doesNotMatch(stdout, /==/);
  });
});

describe('npm run eval, sealed sets', () => {
  it('an everyday run leaves the sealed sets out and says which they are', async () => {
    const { code, stdout, stderr } = await evalRun([], {});
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^sealed, run only when named \(--set\): holdout20$/m);
    assert.doesNotMatch(stdout, /^== holdout20/m);
    assert.match(stdout, /^== holdout19: \d+ conversations/m);
  });
});
