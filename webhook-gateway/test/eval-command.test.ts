// `leadwire eval`: a tenant's labelled conversations replayed through intake, policy and routing, scored per
// intent and per field against the tenant's eval thresholds; failures say what differed; exit 1 below them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type Config, configSchema, type LlmIntakeMode, loadConfigFile } from '@leadwire/connector-core';
import { type EvalReport, evaluateTenant, formatEvalReport, readLabelled } from '../src/cli/eval.ts';
import { startOpenAiEmulator } from '../src/sandbox/openai-emulator.ts';

const repo = join(import.meta.dirname, '..', '..');
const bin = join(import.meta.dirname, '..', 'bin', 'leadwire.js');
const example = join(repo, 'leadwire.example.yaml');
const labelled = join(repo, 'examples', 'eval', 'conversations.jsonl');
const env = { WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_APP_SECRET: 's', WHATSAPP_ACCESS_TOKEN: 't' };
const config = loadConfigFile(example, { ...process.env, ...env });

/** The example config with its tenant's eval section replaced. */
function withEval(evalSection: unknown): Config {
  const [tenant] = config.tenants;
  const parsed = configSchema.shape.tenants.element.shape.eval.parse(evalSection);
  return { ...config, tenants: [{ ...tenant!, eval: parsed }] };
}

/** The example file with one line's expected fields changed. */
function relabelled(id: string, expected: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'leadwire-eval-'));
  const file = join(dir, 'conversations.jsonl');
  const lines = readFileSync(labelled, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; expected: Record<string, unknown> })
    .map((line) => (line.id === id ? { ...line, expected: { ...line.expected, ...expected } } : line));
  writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n'));
  return file;
}

describe('leadwire eval', () => {
  it('scores the example tenant per intent and per field, and passes its default thresholds', async () => {
    const report = await evaluateTenant(config, readLabelled(labelled));
    assert.equal(report.pass, true, formatEvalReport(report));
    assert.deepEqual(
      Object.entries(report.intents).map(([intent, score]) => [
        intent,
        score.conversations,
        score.accuracy,
        score.tooFew,
      ]),
      [
        ['book', 4, 1, true],
        ['human', 1, 1, true],
      ],
    );
    assert.deepEqual(report.fields.assignee, { labelled: 3, correct: 3, accuracy: 1, pass: true });
    assert.deepEqual(report.thresholds, { accuracy: 0.85, actionability: 0.9, fields: {} });
    assert.match(formatEvalReport(report), /book: 4 conversations, .* pass — only 4 of the 50 to trust/);
  });

  it('a conversation that differs from its labels is listed with what differed, and the intent fails', async () => {
    const file = relabelled('book-2', { assignee: '101', urgency: 'urgent' });
    const report = await evaluateTenant(config, readLabelled(file));
    assert.equal(report.pass, false);
    assert.deepEqual(report.failures, [
      {
        id: 'book-2',
        intent: 'book',
        differences: [
          { field: 'urgency', expected: 'urgent', actual: 'normal' },
          { field: 'assignee', expected: '101', actual: '102' },
        ],
        notActionable: false,
      },
    ]);
    assert.equal(report.intents.book?.pass, false);
    assert.equal(report.intents.human?.pass, true);
    assert.match(
      formatEvalReport(report),
      /book-2 \[book\]: urgency expected urgent, got normal; assignee expected 101, got 102/,
    );
  });

  it('holds each field to its own threshold from the config', async () => {
    const file = relabelled('book-3', { area: 'riyadh' });
    const lenient = await evaluateTenant(withEval({ thresholds: { accuracy: 0.5 } }), readLabelled(file));
    assert.equal(lenient.pass, true, 'one miss in five meets 50%');
    const strict = await evaluateTenant(
      withEval({ thresholds: { accuracy: 0.5, fields: { area: 0.9 } } }),
      readLabelled(file),
    );
    assert.equal(strict.pass, false);
    assert.deepEqual(strict.fields.area, {
      labelled: 4,
      correct: 3,
      accuracy: 0.75,
      threshold: 0.9,
      pass: false,
    });
  });

  it('the eval section is validated: shares between 0 and 1, known fields only', () => {
    const section = configSchema.shape.tenants.element.shape.eval;
    assert.deepEqual(section.parse(undefined), {
      thresholds: { accuracy: 0.85, actionability: 0.9, fields: {} },
      minPerIntent: 50,
    });
    assert.equal(section.safeParse({ thresholds: { accuracy: 1.5 } }).success, false);
    assert.equal(section.safeParse({ thresholds: { fields: { mood: 0.5 } } }).success, false);
  });

  it('names the line of a labelled file that is not valid, and asks for an llm section with --llm', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadwire-eval-'));
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(
      bad,
      `${readFileSync(labelled, 'utf8').split('\n')[0]}\n{"id": "x", "messages": [], "expected": {}}\n`,
    );
    assert.throws(() => readLabelled(bad), /bad\.jsonl:2: messages: /);
    await assert.rejects(
      evaluateTenant(config, readLabelled(labelled), { llm: true }),
      /--llm: tenant "acme-cleaning" has no llm section/,
    );
  });

  it("--llm asks the tenant's model as its llm.intake says, and reports the calls per turn", async () => {
    const openai = await startOpenAiEmulator({ apiKey: 'eval-key' });
    try {
      const withLlm = (intake: LlmIntakeMode): Config => {
        const [tenant] = config.tenants;
        const llm = configSchema.shape.tenants.element.shape.llm.parse({
          baseURL: openai.baseURL,
          apiKey: 'env:EVAL_OPENAI_KEY',
          model: 'gpt-4o-mini',
          intake,
        });
        return { ...config, tenants: [{ ...tenant!, llm }] };
      };
      const reportOf = (intake: LlmIntakeMode) =>
        evaluateTenant(withLlm(intake), readLabelled(labelled), {
          llm: true,
          env: { EVAL_OPENAI_KEY: 'eval-key' },
        });
      const hybrid = await reportOf('hybrid');
      const always = await reportOf('always');
      assert.equal(always.model?.calls, always.model?.turns);
      assert.equal(always.model?.callsPerTurn, 1);
      assert.ok((hybrid.model?.callsPerTurn ?? 1) < 1, JSON.stringify(hybrid.model));
      assert.equal(hybrid.model?.failures, 0);
      const chats = openai.requests.filter((r) => r.path === '/v1/chat/completions').length;
      assert.equal(chats, (hybrid.model?.calls ?? 0) + (always.model?.calls ?? 0));
      assert.match(
        formatEvalReport(hybrid),
        /\(llm\): \d+ conversations[^\n]*\naccuracy [^\n]*\nmodel calls: \d+ in \d+ turns, 0\.\d\d per turn \(llm\.intake hybrid\), 0 failed\n/,
      );
    } finally {
      await openai.close();
    }
  });

  it('the command prints a JSON report and exits 1 below the thresholds', () => {
    const file = relabelled('human-1', { decision: 'lead' });
    const result = spawnSync(process.execPath, [bin, 'eval', '-c', example, file, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as EvalReport;
    assert.equal(report.pass, false);
    assert.deepEqual(
      report.failures.map((failure) => failure.id),
      ['human-1'],
    );
  });
});
