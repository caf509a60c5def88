import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { LeadwireError, openEmbeddedQueue, openSqliteDeliveryLog } from '@leadwire/connector-core';
import { startOpenAiEmulator } from '../src/sandbox/openai-emulator.ts';
import { fixturesDir } from './support/harness.ts';

const bin = join(import.meta.dirname, '..', 'bin', 'leadwire.js');
const repo = join(import.meta.dirname, '..', '..');

function leadwire(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    input: options.input,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    cwd: mkdtempSync(join(tmpdir(), 'leadwire-cli-')),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('leadwire normalize', () => {
  it('prints one JSON line per event with kind, type, id, phoneNumberId, ISO timestamp, user and content', () => {
    const { status, stdout } = leadwire(['normalize', join(fixturesDir, 'audio_voice_meta.json')]);
    assert.equal(status, 0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 1);
    const [voice] = lines;
    assert.equal(voice.kind, 'message');
    assert.equal(voice.type, 'audio');
    assert.match(voice.id, /^wamid\./);
    assert.equal(voice.phoneNumberId, '106540352242922');
    assert.match(voice.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    assert.equal(voice.media.voice, true);
    assert.equal(voice.media.mimeType, 'audio/ogg; codecs=opus');
    assert.equal(voice.user.waId, '16505551234');
    assert.equal(voice.raw, undefined, 'raw JSON is not printed');
  });
  it('reads standard input with -', () => {
    const { status, stdout } = leadwire(['normalize', '-'], {
      input: JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '1',
            changes: [
              {
                field: 'messages',
                value: {
                  metadata: { phone_number_id: '42', display_phone_number: '1' },
                  statuses: [
                    {
                      id: 'wamid.A',
                      status: 'delivered',
                      timestamp: '1750000000',
                      recipient_id: '16505551234',
                    },
                    { id: 'wamid.B', status: 'read', timestamp: '1750000001', recipient_id: '16505551234' },
                  ],
                },
              },
            ],
          },
        ],
      }),
    });
    assert.equal(status, 0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => [l.kind, l.type, l.id]),
      [
        ['status', 'delivered', 'wamid.A'],
        ['status', 'read', 'wamid.B'],
      ],
    );
  });
  it('exits 2 with a clear message when the input is not a WhatsApp envelope', () => {
    const notJson = leadwire(['normalize', '-'], { input: 'hello' });
    assert.equal(notJson.status, 2);
    assert.match(notJson.stderr, /not JSON/);
    const wrong = leadwire(['normalize', '-'], { input: '{"object":"page","entry":[]}' });
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /not a WhatsApp webhook body/);
    assert.equal(wrong.stdout, '');
  });
});

describe('leadwire config', () => {
  const env = { WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_APP_SECRET: 's', WHATSAPP_ACCESS_TOKEN: 't' };
  it('validates the example config', () => {
    const { status, stdout } = leadwire(['config', 'validate', join(repo, 'leadwire.example.yaml')], { env });
    assert.equal(status, 0, stdout);
    assert.match(stdout, /is valid \(1 tenant/);
  });
  it('prints every problem with its path, and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadwire-cfg-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'whatsapp:',
        '  verifyToken: plain-text-secret',
        '  apps: [{ id: main, appSecret: env:WHATSAPP_APP_SECRET }]',
        'turns: { debounceMs: -1 }',
        'tenants:',
        '  - id: acme',
        '    whatsapp: { app: other, phoneNumberIds: ["12a"] }',
      ].join('\n'),
    );
    const { status, stderr } = leadwire(['config', 'validate', file], { env });
    assert.equal(status, 1);
    assert.match(stderr, /whatsapp\.verifyToken: secrets are written as env:NAME/);
    assert.match(stderr, /turns\.debounceMs: /);
    assert.match(stderr, /tenants\[0\]\.whatsapp\.phoneNumberIds\[0\]: a phone_number_id is digits only/);
  });
  it('refuses an admin token too short to be safe, and warns when retries end before a dead worker’s lease', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'leadwire-cli-')), 'weak.yaml');
    writeFileSync(
      file,
      [
        'server: { adminToken: env:ADMIN_TOKEN }',
        'whatsapp:',
        '  verifyToken: env:WHATSAPP_VERIFY_TOKEN',
        '  apps: [{ id: main, appSecret: env:WHATSAPP_APP_SECRET }]',
        'turns: { attempts: 3, backoffMs: 100, leaseMs: 30000 }',
        'tenants:',
        '  - id: acme',
        '    whatsapp: { app: main, phoneNumberIds: ["123"] }',
      ].join('\n'),
    );
    const env = { WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_APP_SECRET: 's', ADMIN_TOKEN: 'x' };
    const weak = leadwire(['config', 'validate', file], { env });
    assert.equal(weak.status, 1);
    assert.match(weak.stderr, /server\.adminToken: the admin token is 1 characters; use at least 24/);
    const strong = leadwire(['config', 'validate', file], { env: { ...env, ADMIN_TOKEN: 'a'.repeat(32) } });
    assert.equal(strong.status, 0, strong.stderr);
    assert.match(
      strong.stderr,
      /warning: turns: 3 tries with backoff from 100 ms span 300 ms, shorter than leaseMs/,
    );
  });
  it('reads a knowledge entry described in words, and warns of one no question can reach', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'leadwire-cli-')), 'knowledge.yaml');
    writeFileSync(
      file,
      [
        'whatsapp:',
        '  verifyToken: env:WHATSAPP_VERIFY_TOKEN',
        '  apps: [{ id: main, appSecret: env:WHATSAPP_APP_SECRET }]',
        'tenants:',
        '  - id: acme',
        '    whatsapp: { app: main, phoneNumberIds: ["123"] }',
        '    intake:',
        '      country: FR',
        '      timezone: Europe/Paris',
        '      languages: [fr]',
        '      knowledge:',
        '        - { id: price, intent: "Combien coûte une ouverture de porte ?", answer: { fr: "89 €" } }',
        '        - { id: payment, intent: "moyens de paiement", answer: { fr: "Carte" } }',
      ].join('\n'),
    );
    const env = { WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_APP_SECRET: 's' };
    const { status, stderr } = leadwire(['config', 'validate', file], { env });
    assert.equal(status, 0, stderr);
    assert.match(
      stderr,
      /warning: tenants\.0\.intake\.knowledge\.1\.intent: "moyens de paiement" names no intent/,
    );
    assert.doesNotMatch(stderr, /knowledge\.0/);
  });
  it('names the environment variable a secret needs', () => {
    const { status, stderr } = leadwire(['config', 'validate', join(repo, 'leadwire.example.yaml')], {
      env: { WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_APP_SECRET: '', WHATSAPP_ACCESS_TOKEN: 't' },
    });
    assert.equal(status, 1);
    assert.match(
      stderr,
      /whatsapp\.apps\[0\]\.appSecret: environment variable WHATSAPP_APP_SECRET is not set/,
    );
  });
  it('prints the JSON Schema of the config', () => {
    const { status, stdout } = leadwire(['config', 'schema']);
    assert.equal(status, 0);
    const schema = JSON.parse(stdout);
    assert.ok(schema.properties.tenants);
    assert.ok(schema.properties.whatsapp.properties.apps);
  });
});

describe('leadwire dlq', () => {
  it('lists dead-lettered jobs with their error code and reason, and replays them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadwire-dlq-'));
    const path = join(dir, 'leadwire.db');
    const configFile = join(dir, 'leadwire.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        storage: { sqlitePath: path },
        whatsapp: { verifyToken: 'env:VT', apps: [{ id: 'main', appSecret: 'env:AS' }] },
        tenants: [{ id: 'acme', whatsapp: { app: 'main', phoneNumberIds: ['106540352242922'] } }],
      }),
    );
    const env = { VT: 'v', AS: 's', REDIS_URL: '' };
    const queue = openEmbeddedQueue({ path, attempts: 3, backoffMs: 10 });
    queue.start({
      turn: async () => {
        throw new LeadwireError('VALIDATION', 'the turn carried data no step accepts');
      },
    });
    await queue.add({
      name: 'turn',
      data: { conversationId: '106540352242922:16505551234' },
      id: 'job-dead-1',
    });
    const deadline = Date.now() + 5000;
    while ((await queue.counts()).dead === 0) {
      assert.ok(Date.now() < deadline, 'the job is dead-lettered');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await queue.close();

    const list = leadwire(['dlq', 'list', '-c', configFile], { env });
    assert.equal(list.status, 0, list.stderr);
    assert.match(
      list.stdout,
      /job-dead-1\tturn\t.*16505551234.*\tVALIDATION\t1 tries\t.*the turn carried data no step accepts/,
    );

    const replay = leadwire(['dlq', 'replay', 'job-dead-1', '-c', configFile], { env });
    assert.equal(replay.status, 0, replay.stderr);
    assert.match(replay.stdout, /replayed 1 job/);
    const reopened = openEmbeddedQueue({ path });
    try {
      const counts = await reopened.counts();
      assert.equal(counts.dead, 0);
      assert.equal(counts.waiting + counts.delayed, 1);
    } finally {
      await reopened.close();
    }
    assert.equal(leadwire(['dlq', 'replay', 'no-such-job', '-c', configFile], { env }).status, 1);
    assert.match(leadwire(['dlq', 'list', '-c', configFile], { env }).stdout, /no dead-lettered jobs/);
  });

  it('lists, shows and replays the deliveries the ingester set aside', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadwire-dlq-'));
    // The delivery log's own file, beside the store's (leadwire-deliveries.db)
    const path = join(dir, 'leadwire-deliveries.db');
    const configFile = join(dir, 'leadwire.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        storage: { sqlitePath: join(dir, 'leadwire.db') },
        whatsapp: { verifyToken: 'env:VT', apps: [{ id: 'main', appSecret: 'env:AS' }] },
        tenants: [{ id: 'acme', whatsapp: { app: 'main', phoneNumberIds: ['106540352242922'] } }],
      }),
    );
    const env = { VT: 'v', AS: 's', REDIS_URL: '' };
    const raw = '{"object":"whatsapp_business_account","entry":[{"poison":true}]}';
    const log = openSqliteDeliveryLog({ path });
    await log.append({
      rawBody: Buffer.from(raw),
      receivedAt: Date.now(),
      signedBy: ['main'],
      requestId: 'req-9',
    });
    const [entry] = await log.read(1);
    await log.deadLetter(entry!, 'RangeError: Maximum call stack size exceeded', Date.now());
    const [dead] = await log.deadLetters();
    await log.close();

    const list = leadwire(['dlq', 'list', '--deliveries', '-c', configFile], { env });
    assert.equal(list.status, 0, list.stderr);
    assert.match(
      list.stdout,
      new RegExp(`^${dead!.id}\treq-9\t.*\tmain\t${raw.length} bytes\t.*Maximum call stack`),
    );
    const show = leadwire(['dlq', 'show', dead!.id, '-c', configFile], { env });
    assert.equal(show.stdout.trim(), raw, 'the raw bytes, as received');
    const replay = leadwire(['dlq', 'replay', '--deliveries', dead!.id, '-c', configFile], { env });
    assert.equal(replay.status, 0, replay.stderr);
    assert.match(replay.stdout, /replayed 1 delivery into the log/);
    assert.match(
      leadwire(['dlq', 'list', '--deliveries', '-c', configFile], { env }).stdout,
      /no dead-lettered deliveries/,
    );
    const reopened = openSqliteDeliveryLog({ path });
    try {
      assert.equal(await reopened.backlog(), 1, 'back in the log, for the ingester');
    } finally {
      await reopened.close();
    }
  });
});

describe('leadwire simulate', () => {
  const env = { WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_APP_SECRET: 's', WHATSAPP_ACCESS_TOKEN: 't' };
  const example = join(repo, 'leadwire.example.yaml');
  it('prints the signals, decision, reasons and replies of each conversation, sending nothing', () => {
    const input = [
      {
        id: 'lead-en',
        customer: { phone: '+966501234567', name: 'Sara' },
        messages: [
          { type: 'text', text: 'Hi, I need deep cleaning' },
          { type: 'text', text: 'in Jeddah, today' },
          { type: 'reply', id: 'urgency:urgent' },
          { type: 'reply', id: 'confirm:yes' },
        ],
      },
      {
        id: 'person-es',
        customer: { phone: '+34600111222' },
        messages: [{ type: 'text', text: 'Quiero hablar con una persona' }],
      },
      { id: 'voice-ar', customer: { phone: '+966501112233' }, messages: [{ type: 'voice' }] },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');
    const { status, stdout, stderr } = leadwire(['simulate', '-c', example, '-'], { input, env });
    assert.equal(status, 0, stderr);
    const [lead, person, voice] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lead.decision, 'lead');
    assert.equal(lead.signals.serviceType, 'deep_cleaning');
    assert.equal(lead.signals.location.areaId, 'jeddah');
    assert.equal(lead.signals.urgency, 'urgent');
    assert.equal(lead.language, 'en');
    // the two typed messages are one burst, one turn: one answer, then one for each tap
    assert.equal(lead.replies.length, 3);
    assert.equal(person.decision, 'inquiry');
    assert.deepEqual(person.reasons, ['human_requested']);
    assert.equal(person.language, 'es');
    assert.equal(voice.decision, 'inquiry');
    assert.deepEqual(voice.reasons, ['voice_unclear']);
  });
  it('replays a burst as one turn and messages sent apart as turns of their own', () => {
    const burst = ['I need deep cleaning', 'in Jeddah', 'when can you come?', 'hello?'];
    const line = (id: string, at: (i: number) => string | undefined) =>
      JSON.stringify({
        id,
        at: '2026-03-10T09:00:00+03:00',
        messages: burst.map((text, i) => ({ type: 'text', text, ...(at(i) ? { at: at(i) } : {}) })),
      });
    const apart = (i: number) => `2026-03-10T09:0${i}:00+03:00`;
    const input = `${line('burst', () => undefined)}\n${line('apart', apart)}\n`;
    const { status, stdout, stderr } = leadwire(['simulate', '-c', example, '-'], { input, env });
    assert.equal(status, 0, stderr);
    const [together, separate] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(together.replies.length, 1);
    assert.equal(separate.replies.length, 4);
  });
  it("applies the tenant's policy section as the runtime does (matrix, sensitive topics)", () => {
    const escalating = join(mkdtempSync(join(tmpdir(), 'leadwire-policy-')), 'leadwire.yaml');
    writeFileSync(
      escalating,
      readFileSync(example, 'utf8').replace(
        'matrix: { pricing: answer }',
        'matrix: { pricing: escalate }\n      sensitiveTopics: [complaint]',
      ),
    );
    const input = `${JSON.stringify({ id: 'price', messages: [{ type: 'text', text: 'how much is deep cleaning in Jeddah?' }] })}\n`;
    const run = (config: string) => {
      const { status, stdout, stderr } = leadwire(['simulate', '-c', config, '-'], { input, env });
      assert.equal(status, 0, stderr);
      return JSON.parse(stdout.trim());
    };
    assert.notEqual(run(example).decision, 'inquiry');
    const escalated = run(escalating);
    assert.equal(escalated.decision, 'inquiry');
    assert.deepEqual(escalated.reasons, ['policy_escalate:pricing']);
  });
  it("--llm asks the tenant's model as the runtime would, and says per turn whether and why", async () => {
    const openai = await startOpenAiEmulator({ apiKey: 'cli-key' });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'leadwire-llm-'));
      const config = join(dir, 'leadwire.yaml');
      writeFileSync(
        config,
        readFileSync(example, 'utf8').replace(
          '    # llm:\n',
          `    llm: { baseURL: "${openai.baseURL}", apiKey: env:CLI_OPENAI_KEY, model: gpt-4o-mini }\n`,
        ),
      );
      const conversations = join(dir, 'conversations.jsonl');
      const line = {
        id: 'unsure-then-sure',
        at: '2026-03-10T09:00:00+03:00',
        customer: { phone: '+966501234567' },
        messages: [
          { type: 'text', text: 'Hello there' },
          { type: 'text', text: 'deep cleaning in Jeddah tomorrow at 10am', at: '2026-03-10T09:05:00+03:00' },
          { type: 'reply', id: 'confirm:yes' },
        ],
      };
      writeFileSync(conversations, `${JSON.stringify(line)}\n`);
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [bin, 'simulate', '-c', config, '--llm', conversations],
        { env: { ...process.env, ...env, CLI_OPENAI_KEY: 'cli-key' } },
      );
      const result = JSON.parse(stdout.trim());
      assert.equal(result.turns, 3);
      assert.deepEqual(result.model, [
        { turn: 1, asked: true, why: ['unread:serviceType'] },
        { turn: 2, asked: false, why: ['sure'] },
        { turn: 3, asked: false, why: ['sure'] },
      ]);
      assert.equal(openai.requests.filter((r) => r.path === '/v1/chat/completions').length, 1);
      const without = leadwire(['simulate', '-c', config, conversations], {
        env: { ...env, CLI_OPENAI_KEY: 'cli-key' },
      });
      assert.equal(without.status, 0, without.stderr);
      assert.equal(JSON.parse(without.stdout.trim()).model, undefined, 'no model without --llm');
    } finally {
      await openai.close();
    }
  });
  it('--llm without an llm section says so', () => {
    const input = `${JSON.stringify({ id: 'ok', messages: [{ type: 'text', text: 'hi' }] })}\n`;
    const { status, stderr } = leadwire(['simulate', '-c', example, '--llm', '-'], { input, env });
    assert.equal(status, 2);
    assert.match(stderr, /--llm: tenant "acme-cleaning" has no llm section/);
  });
  it('refuses a bad line with its number and runs nothing', () => {
    const input = `${JSON.stringify({ id: 'ok', messages: [{ type: 'text', text: 'hi' }] })}\n{"id":"bad","messages":[]}\n`;
    const { status, stdout, stderr } = leadwire(['simulate', '-c', example, '-'], { input, env });
    assert.equal(status, 2);
    assert.match(stderr, /line 2: messages: /);
    assert.equal(stdout, '');
  });
});

describe('leadwire simulate with routing', () => {
  const env = { WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_APP_SECRET: 's', WHATSAPP_ACCESS_TOKEN: 't' };
  const example = join(repo, 'leadwire.example.yaml');
  const lead = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    customer: { phone: `+9665012${id.replace(/\D/g, '').padStart(5, '0')}` },
    messages: [
      { type: 'text', text: 'I need deep cleaning in Jeddah' },
      { type: 'text', text: 'tomorrow morning' },
      { type: 'reply', id: 'urgency:normal' },
      { type: 'reply', id: 'confirm:yes' },
    ],
    ...extra,
  });
  const run = (lines: unknown[], directory?: string) => {
    const args = [
      'simulate',
      '-c',
      example,
      ...(directory === undefined ? [] : ['--directory', directory]),
      '-',
    ];
    const input = lines.map((line) => JSON.stringify(line)).join('\n');
    const { status, stdout, stderr } = leadwire(args, { input, env });
    assert.equal(status, 0, stderr);
    return stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { id: string; assignee?: { kind: string; id: string }; trace?: { rule: string } },
      );
  };

  it('adds the assignee and trace; round robin takes turns across the run', () => {
    const results = run([lead('c1'), lead('c2'), lead('c3'), lead('c4')]);
    assert.deepEqual(
      results.map((r) => r.assignee?.id),
      ['101', '102', '101', '102'],
    );
    assert.equal(results[0]?.trace?.rule, 'cleaning-jeddah');
  });

  it('reads presence and existing owners from --directory; existingOwner continues with that owner', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadwire-dir-'));
    const file = join(dir, 'directory.yaml');
    writeFileSync(file, ['presence:', '  "101": away', ''].join('\n'));
    const [first, second, returning] = run(
      [lead('d1'), lead('d2'), lead('d3', { existingOwner: 'omar@acme.example' })],
      file,
    );
    assert.equal(first?.assignee?.id, '102', 'Sara is away');
    assert.equal(second?.assignee?.id, '102');
    assert.equal(returning?.assignee?.id, '102');
    assert.equal(returning?.trace?.rule, 'returning-customer');
  });

  it("evaluates working hours at the line's time: nobody in the HVAC team at night goes to the manager", () => {
    const ac = {
      id: 'night',
      customer: { phone: '+966501299999' },
      at: '2026-11-22T23:30:00+03:00',
      messages: [
        { type: 'text', text: 'AC repair in Jeddah please' },
        { type: 'text', text: 'tomorrow' },
        { type: 'reply', id: 'urgency:normal' },
        { type: 'reply', id: 'confirm:yes' },
      ],
    };
    const dir = mkdtempSync(join(tmpdir(), 'leadwire-dir-'));
    const file = join(dir, 'directory.json');
    writeFileSync(file, JSON.stringify({ presence: { '102': 'away' } }));
    const [night] = run([ac], file);
    assert.equal(night?.trace?.rule, 'ac-repair');
    assert.deepEqual(night?.assignee, { kind: 'user', id: '900', name: 'Mona (manager)' });
  });

  it('refuses a directory file with a path-precise problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadwire-dir-'));
    const file = join(dir, 'directory.json');
    writeFileSync(file, JSON.stringify({ presence: { '101': 'sleeping' } }));
    const { status, stderr } = leadwire(['simulate', '-c', example, '--directory', file, '-'], {
      input: JSON.stringify(lead('x')),
      env,
    });
    assert.equal(status, 2);
    assert.match(stderr, /presence/);
  });
});
