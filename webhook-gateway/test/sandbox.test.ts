// The sandbox end to end through its own HTTP API: a customer writes, the agent answers as WhatsApp shows it,
// the CRM emulators hold the records routing decided; a person's reply silences the agent; moving the clock
// past the SLA re-routes; bad input is a 400 that changes nothing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../src/observability/logger.ts';
import { type RunningSandbox, runSandbox } from '../src/sandbox/sandbox.ts';
import type { SandboxState } from '../src/sandbox/sandbox-driver.ts';
import { until } from './support/harness.ts';

describe('sandbox', () => {
  let sandbox: RunningSandbox;
  const api = (path: string, body?: unknown) =>
    fetch(`${sandbox.url}/sandbox/api/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const state = async (crm: string, customer: string) =>
    (await (await api(`state?crm=${crm}&customer=${customer}`)).json()) as SandboxState;

  before(async () => {
    sandbox = await runSandbox({ port: 0, logger: createLogger({ level: 'silent' }) });
  });
  after(() => sandbox.close());

  it('serves the page', async () => {
    const page = await fetch(`${sandbox.url}/sandbox`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /html/);
  });

  it('a HubSpot Lead: the agent asks, the customer taps, the owner gets the Lead and a task', async () => {
    const customer = '966500000101';
    const sent = await api('messages', {
      crm: 'hubspot',
      customer,
      customerName: 'Huda',
      // "today" leaves urgency open (a later day would read as normal), so the agent asks it with buttons
      message: { type: 'text', text: 'I need a deep cleaning in Jeddah today' },
    });
    assert.equal(sent.status, 202);
    const asked = await until(async () => {
      const s = await state('hubspot', customer);
      return s.chat.find((line) => line.from === 'agent' && line.kind === 'buttons') ?? undefined;
    }, 'the agent asking with buttons');
    const urgent = asked.buttons?.find((button) => button.id.includes('urgent'));
    assert.ok(urgent, `an urgency button (${JSON.stringify(asked.buttons)})`);
    assert.equal(
      (await api('messages', { crm: 'hubspot', customer, message: { type: 'reply', ...urgent } })).status,
      202,
    );
    const confirm = await until(async () => {
      const s = await state('hubspot', customer);
      const last = s.chat.at(-1);
      return last?.from === 'agent' && last.buttons?.some((b) => b.id.includes('yes')) ? last : undefined;
    }, 'the confirmation');
    const yes = confirm.buttons!.find((button) => button.id.includes('yes'))!;
    await api('messages', { crm: 'hubspot', customer, message: { type: 'reply', ...yes } });
    const done = await until(async () => {
      const s = await state('hubspot', customer);
      return s.records.some((r) => r.type === 'Task') ? s : undefined;
    }, 'the Lead and its task in HubSpot');
    assert.equal(done.conversation?.state, 'handed_over');
    assert.equal(done.conversation?.signals.serviceType?.value, 'deep_cleaning');
    const owner = done.conversation?.ownerName;
    assert.ok(owner !== undefined, 'routed to someone');
    assert.equal(done.conversation?.routing?.trace?.rule, 'cleaning');
    const lead = done.records.find((r) => r.type === 'Lead');
    assert.equal(lead?.owner, owner);
    assert.equal(done.records.find((r) => r.type === 'Task')?.owner, owner);
    assert.equal(sandbox.sandbox.hubspot.leads().length, 1);
  });

  it('Salesforce: a voice note is transcribed; a person replying silences the agent', async () => {
    const customer = '966500000102';
    await api('messages', {
      crm: 'salesforce',
      customer,
      message: { type: 'voice', transcript: 'I need AC repair in Riyadh, it is urgent' },
    });
    const heard = await until(async () => {
      const s = await state('salesforce', customer);
      const voice = s.chat.find((line) => line.kind === 'voice');
      return voice?.voice?.transcript === undefined ? undefined : s;
    }, 'the transcript');
    assert.equal(heard.conversation?.signals.serviceType?.value, 'ac_repair');
    const replies = () => sandbox.sandbox.graph.sent.filter((send) => send.recipient === customer).length;
    await until(() => (replies() > 0 ? true : undefined), 'the agent answering');
    assert.equal(
      (await api('owner-reply', { crm: 'salesforce', customer, text: 'Hi, Omar here, on my way' })).status,
      202,
    );
    await until(
      async () => ((await state('salesforce', customer)).conversation?.agentSilent ? true : undefined),
      'silent',
    );
    const before = replies();
    await api('messages', { crm: 'salesforce', customer, message: { type: 'text', text: 'great, thanks' } });
    const turns = (await state('salesforce', customer)).chat.filter(
      (line) => line.from === 'customer',
    ).length;
    assert.equal(turns, 2);
    await until(async () => {
      const conversation = await sandbox.running.runtime.store.getConversation(`106540352242923:${customer}`);
      return (conversation?.turnSeq ?? 0) >= 3 ? true : undefined;
    }, 'the third turn');
    assert.equal(replies(), before, 'the agent stays silent while a person handles it');
  });

  it('moving the clock past the SLA re-routes to the next person', async () => {
    const customer = '966500000103';
    await api('messages', {
      crm: 'hubspot',
      customer,
      message: { type: 'text', text: 'How much is a deep cleaning in Jeddah today? urgent please' },
    });
    const first = await until(async () => {
      const s = await state('hubspot', customer);
      return s.conversation?.routing?.assignee.kind === 'user' ? s.conversation.routing : undefined;
    }, 'the first routing');
    const moved = (await (await api('clock', { advanceMinutes: 6 })).json()) as {
      clockOffsetMinutes: number;
    };
    assert.equal(moved.clockOffsetMinutes >= 6, true);
    const second = await until(async () => {
      const s = await state('hubspot', customer);
      return s.conversation?.routing?.source === 'reroute' ? s.conversation.routing : undefined;
    }, 'the re-route');
    assert.equal(second.hops, 1);
    assert.notEqual(second.assignee.id, first.assignee.id);
  });

  it('after the 24-hour window, the CRM refuses a text with why and sends an approved template with its parameters', async () => {
    const customer = '966500000105';
    await api('messages', {
      crm: 'hubspot',
      customer,
      customerName: 'Huda',
      message: { type: 'text', text: 'Do you do deep cleaning in Jeddah?' },
    });
    const sentTo = () => sandbox.sandbox.graph.sent.filter((send) => send.recipient === customer);
    await until(() => (sentTo().length > 0 ? true : undefined), 'the agent answering');
    // the reply is a step of the turn; the conversation is committed when the turn ends, moments later
    const inside = await until(async () => {
      const body = (await (await api(`templates?crm=hubspot&customer=${customer}`)).json()) as {
        windowOpen?: boolean;
      };
      return body.windowOpen === undefined ? undefined : body;
    }, 'the turn committed');
    assert.equal(inside.windowOpen, true);

    await api('clock', { advanceMinutes: 25 * 60 });
    const before = sentTo().length;
    const refused = await api('crm-reply', {
      crm: 'hubspot',
      customer,
      reply: { text: 'Hi Huda, still need the cleaning?' },
    });
    assert.equal(refused.status, 409);
    assert.match(
      ((await refused.json()) as { error: string }).error,
      /24-hour window closed at .*only template messages can be sent.*Pick an approved template/,
    );
    assert.equal(sentTo().length, before, 'nothing sent');

    const listed = (await (await api(`templates?crm=hubspot&customer=${customer}`)).json()) as {
      windowOpen: boolean;
      templates: {
        name: string;
        status: string;
        category: string;
        sendable: boolean;
        bodyParameters: string[];
      }[];
    };
    assert.equal(listed.windowOpen, false);
    const followUp = listed.templates.find((t) => t.name === 'lead_follow_up');
    assert.deepEqual(
      { status: followUp?.status, category: followUp?.category, sendable: followUp?.sendable },
      { status: 'APPROVED', category: 'UTILITY', sendable: true },
    );
    assert.deepEqual(followUp?.bodyParameters, ['1', '2', '3']);
    assert.equal(listed.templates.find((t) => t.name === 'summer_sale')?.sendable, false);

    const template = { name: 'lead_follow_up', language: 'en_US' };
    const short = await api('crm-reply', {
      crm: 'hubspot',
      customer,
      reply: { template: { ...template, body: ['Huda'] } },
    });
    assert.equal(short.status, 400);
    assert.match(((await short.json()) as { error: string }).error, /needs 3 body values/);
    const pending = await api('crm-reply', {
      crm: 'hubspot',
      customer,
      reply: { template: { name: 'seguimiento', language: 'es', body: ['Huda'] } },
    });
    assert.equal(pending.status, 400);
    assert.equal(sentTo().length, before, 'nothing sent');

    const sent = await api('crm-reply', {
      crm: 'hubspot',
      customer,
      reply: { template: { ...template, body: ['Huda', 'Sam', 'deep cleaning'] } },
    });
    assert.equal(sent.status, 202);
    const { wamid } = (await sent.json()) as { wamid: string };
    const delivered = sentTo().at(-1);
    assert.equal(delivered?.wamid, wamid);
    assert.equal(delivered?.body.type, 'template');
    assert.deepEqual(delivered?.body.template, {
      name: 'lead_follow_up',
      language: { code: 'en_US' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Huda' },
            { type: 'text', text: 'Sam' },
            { type: 'text', text: 'deep cleaning' },
          ],
        },
      ],
    });
    const words = 'Hi Huda, this is Sam about your deep cleaning request. Is now a good time to talk?';
    const shown = await state('hubspot', customer);
    const line = shown.chat.filter((l) => l.id === wamid);
    assert.equal(line.length, 1, 'in the chat once');
    assert.equal(line[0]?.from, 'owner');
    assert.match(line[0]?.text ?? '', new RegExp(`^${words.replace(/[?]/g, '\\?')}`));
    // The next turn records it as the owner's message: the agent stays silent, the transcript has the words.
    const recorded = await until(async () => {
      const conversation = await sandbox.running.runtime.store.getConversation(`106540352242922:${customer}`);
      return conversation?.transcript?.find((l) => l.wamid === wamid) === undefined
        ? undefined
        : conversation;
    }, 'the template in the transcript');
    assert.equal(recorded.state, 'human');
    assert.deepEqual(
      recorded.transcript?.filter((l) => l.wamid === wamid).map((l) => [l.author, l.text]),
      [['human', `${words}\n\nReply STOP to opt out`]],
    );
  });

  it('bad input: 400 with the reason, nothing delivered', async () => {
    const cases: unknown[] = [
      { crm: 'pipedrive', customer: '966500000104', message: { type: 'text', text: 'hi' } },
      { crm: 'hubspot', customer: '+966 5', message: { type: 'text', text: 'hi' } },
      { crm: 'hubspot', customer: '966500000104', message: { type: 'text', text: '   ' } },
      { crm: 'hubspot', customer: '966500000104', message: { type: 'voice' } },
      {
        crm: 'hubspot',
        customer: '966500000104',
        message: { type: 'location', latitude: 123, longitude: 0 },
      },
    ];
    for (const body of cases) {
      const response = await api('messages', body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(typeof ((await response.json()) as { error?: unknown }).error, 'string');
    }
    assert.equal((await api('clock', { advanceMinutes: -5 })).status, 400);
    assert.equal(
      await sandbox.running.runtime.store.getConversation('106540352242922:966500000104'),
      undefined,
    );
  });

  it('`leadwire start` with no config runs the sandbox and says where to go; a busy port is a clear error', async (t) => {
    const cli = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');
    const cwd = mkdtempSync(join(tmpdir(), 'leadwire-start-'));
    const { LEADWIRE_CONFIG: _config, ...inherited } = process.env;
    const env = { ...inherited, PORT: '0' };
    const child = spawn(process.execPath, [cli, 'start'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    t.after(() => child.kill('SIGTERM'));
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const page = await until(
      () => /Open (http:\/\/\S+\/sandbox)/.exec(out)?.[1],
      'the sandbox address',
      20_000,
    );
    assert.equal((await fetch(page)).status, 200);

    const port = new URL(page).port;
    const busy = spawn(process.execPath, [cli, 'start'], {
      cwd,
      env: { ...env, PORT: port },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    busy.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => busy.once('exit', resolve));
    assert.equal(code, 2);
    assert.match(err, /already in use/);
  });
});
