// `leadwire demo`: the scenarios customers told us about (../seeds), replayed through the sandbox — real
// webhooks into the gateway, the intake agent, routing, and the HubSpot and Salesforce emulators — then one
// readable table of what happened: signals, decision, owner, records written, replies.
import type { Logger } from '../observability/logger.ts';
import { type RunningSandbox, runSandbox } from './sandbox.ts';
import { type SandboxCrm, sandboxLines, sandboxTeam } from './sandbox-config.ts';
import type { SandboxMessage, SandboxState } from './sandbox-driver.ts';

/** One thing the scripted customer (or the demo) does. */
export type DemoStep =
  | { say: string }
  | { voice: string }
  | { pin: { latitude: number; longitude: number; name?: string; address?: string } }
  /** move the sandbox clock forward, in minutes (nobody answers meanwhile) */
  | { wait: number };

/** How the customer answers the agent's questions; a question the profile has no answer for gets `otherwise`. */
export interface DemoAnswers {
  urgency?: 'urgent' | 'normal';
  location?: string;
  timing?: string;
  /** the service picked from the agent's list */
  service?: string;
  /** confirm the summary (default yes) */
  confirm?: boolean;
  otherwise?: string;
}

export interface DemoScenario {
  id: string;
  title: string;
  crm: SandboxCrm;
  customer: string;
  customerName: string;
  /** the customer already is in the CRM, owned by this team member (a returning customer) */
  existingOwner?: (typeof sandboxTeam)[number]['key'];
  steps: DemoStep[];
  answers: DemoAnswers;
}

export const demoScenarios: DemoScenario[] = [
  {
    id: 'urgent-price',
    title: 'Urgent deep cleaning in Jeddah, asking for a price',
    crm: 'hubspot',
    customer: '966501110001',
    customerName: 'Huda Al-Harbi',
    steps: [{ say: 'Salam, I need a deep cleaning in Jeddah today, it is urgent. What is the price?' }],
    answers: {},
  },
  {
    id: 'clinic-eligibility',
    title: 'A clinic eligibility question that must escalate',
    crm: 'salesforce',
    customer: '966501110002',
    customerName: 'Noura Saleh',
    steps: [
      { say: 'I am pregnant and on blood thinners, am I eligible for the clinic visit? Is it safe for me?' },
    ],
    answers: {},
  },
  {
    id: 'restaurant-booking',
    title: 'A restaurant reservation…',
    crm: 'hubspot',
    customer: '5511991110003',
    customerName: 'Rafael Costa',
    steps: [{ say: 'Quero reservar uma mesa para 4 pessoas amanhã às 20h' }],
    answers: { location: 'São Paulo, Jardins', urgency: 'normal' },
  },
  {
    id: 'restaurant-menu',
    title: '…versus a menu question',
    crm: 'hubspot',
    customer: '5511991110004',
    customerName: 'Camila Rocha',
    steps: [{ say: 'Vocês têm opções veganas no cardápio?' }],
    answers: { otherwise: 'Só queria saber se tem prato vegano no cardápio' },
  },
  {
    id: 'voice-address',
    title: 'The address given in a voice note',
    crm: 'salesforce',
    customer: '966501110005',
    customerName: 'Faisal Qahtani',
    steps: [
      { say: 'My AC is not working, I need AC repair tomorrow morning' },
      { voice: 'The address is Al Rawdah district in Jeddah, near the mall.' },
    ],
    answers: { urgency: 'normal' },
  },
  {
    id: 'returning',
    title: 'A returning customer continues with their owner',
    crm: 'hubspot',
    customer: '966501110006',
    customerName: 'Salma Yousef',
    existingOwner: 'omar',
    steps: [{ say: 'Hi again! I need another deep cleaning in Jeddah next week' }],
    answers: { urgency: 'normal' },
  },
  {
    id: 'no-answer',
    title: 'Nobody answers within 5 minutes: re-routed',
    crm: 'salesforce',
    customer: '966501110007',
    customerName: 'Khalid Otaibi',
    steps: [{ say: 'I need pest control in Riyadh, there are cockroaches everywhere' }, { wait: 6 }],
    answers: { timing: 'today afternoon', urgency: 'urgent' },
  },
];

export interface DemoRow {
  scenario: DemoScenario;
  state: SandboxState;
  /** CRM API calls the scenario cost */
  apiCalls: number;
}

const DEADLINE_MS = 20_000;
/** answers given to the agent after one scripted message, at most */
const MAX_EXCHANGES = 5;

/** The customer's answer to the agent's latest question, or undefined when it asked nothing. */
function answerTo(state: SandboxState, answers: DemoAnswers): SandboxMessage | undefined {
  const decision = state.conversation?.decision;
  if (decision?.decision !== 'continue' || decision.ask === undefined) return undefined;
  const latest = state.chat.findLast((line) => line.from === 'agent');
  const options = [...(latest?.buttons ?? []), ...(latest?.list?.sections.flatMap((s) => s.rows) ?? [])];
  const tap = (fragment: string): SandboxMessage | undefined => {
    const choice = options.find((option) => option.id.includes(fragment));
    return choice === undefined ? undefined : { type: 'reply', id: choice.id, title: choice.title };
  };
  const say = (text: string | undefined): SandboxMessage | undefined =>
    text === undefined ? undefined : { type: 'text', text };
  const otherwise = say(answers.otherwise);
  switch (decision.ask) {
    case 'urgency':
      return tap(answers.urgency ?? 'normal') ?? otherwise;
    case 'confirm':
      return tap(answers.confirm === false ? 'no' : 'yes') ?? otherwise;
    case 'location':
      return say(answers.location) ?? otherwise;
    case 'timing':
      return say(answers.timing) ?? otherwise;
    case 'serviceType':
      return (answers.service === undefined ? undefined : tap(`service:${answers.service}`)) ?? otherwise;
    default:
      return otherwise;
  }
}

async function poll<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`demo: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The customer's existing record, owned by a team member: what makes them "returning". */
async function seedExistingCustomer(running: RunningSandbox, scenario: DemoScenario): Promise<void> {
  const owner = sandboxTeam.find((person) => person.key === scenario.existingOwner);
  if (owner === undefined) return;
  const [firstname, ...rest] = scenario.customerName.split(' ');
  if (scenario.crm === 'salesforce') {
    running.sandbox.salesforce.insert('Contact', {
      FirstName: firstname,
      LastName: rest.join(' ') || 'Customer',
      Phone: `+${scenario.customer}`,
      OwnerId: owner.ids.salesforce,
    });
    return;
  }
  const { hubspot } = running.sandbox;
  const response = await fetch(`${hubspot.url}/crm/v3/objects/contacts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hubspot.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      properties: {
        firstname,
        lastname: rest.join(' '),
        phone: `+${scenario.customer}`,
        hubspot_owner_id: owner.ids.hubspot,
      },
    }),
  });
  if (!response.ok) throw new Error(`demo: seeding the returning customer failed (${response.status})`);
  // The customer has been in the CRM for a long time: HubSpot's search index has long caught up with it.
  hubspot.indexNow();
}

async function play(running: RunningSandbox, scenario: DemoScenario): Promise<DemoRow> {
  const { driver } = running;
  const { crm, customer } = scenario;
  const store = running.running.runtime.store;
  const conversationId = `${sandboxLines[crm].phoneNumberId}:${customer}`;
  const calls = () =>
    crm === 'hubspot' ? running.sandbox.hubspot.calls.total : running.sandbox.salesforce.calls.total;
  await seedExistingCustomer(running, scenario);
  const before = calls();
  let turns = 0;
  const deliver = async (message: SandboxMessage) => {
    await driver.send(crm, customer, message, scenario.customerName);
    const expected = ++turns;
    await poll(`turn ${expected} of ${scenario.id}`, async () => {
      const conversation = await store.getConversation(conversationId);
      return (conversation?.turnSeq ?? 0) >= expected ? true : undefined;
    });
  };
  for (const step of scenario.steps) {
    if ('wait' in step) {
      const current = (await driver.state(crm, customer)).conversation?.routing;
      driver.advanceClock(step.wait);
      await poll("the SLA re-route and the new owner's task", async () => {
        const state = await driver.state(crm, customer);
        const routing = state.conversation?.routing;
        if (routing === undefined || routing.hops <= (current?.hops ?? 0)) return undefined;
        const name = routing.assignee.name;
        return routing.assignee.kind !== 'user' ||
          state.records.some((r) => r.type === 'Task' && r.owner === name)
          ? true
          : undefined;
      });
      continue;
    }
    if ('say' in step) await deliver({ type: 'text', text: step.say });
    else if ('voice' in step) await deliver({ type: 'voice', transcript: step.voice });
    else await deliver({ type: 'location', ...step.pin });
    // The customer answers what the agent asks until it stops asking (a Lead, an Inquiry, or silence).
    for (let exchanges = 0; exchanges < MAX_EXCHANGES; exchanges++) {
      const answer = answerTo(await driver.state(crm, customer), scenario.answers);
      if (answer === undefined) break;
      await deliver(answer);
    }
  }
  // The CRM writes of the last turn are done once its turn committed; give routing follow-ups a moment.
  return { scenario, state: await driver.state(crm, customer), apiCalls: calls() - before };
}

/** Run every scenario on a fresh sandbox. */
export async function runDemo(
  options: { logger?: Logger; scenarios?: DemoScenario[] } = {},
): Promise<DemoRow[]> {
  const running = await runSandbox({
    port: 0,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  try {
    const rows: DemoRow[] = [];
    for (const scenario of options.scenarios ?? demoScenarios) rows.push(await play(running, scenario));
    return rows;
  } finally {
    await running.close();
  }
}

// ---- the table ----

const clip = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if ([...candidate].length <= width) line = candidate;
      else {
        if (line !== '') lines.push(line);
        line = clip(word, width);
      }
    }
    lines.push(line);
  }
  return lines;
}

/** The cells of one scenario's row. */
export function demoCells(row: DemoRow): Record<string, string> {
  const { state, scenario } = row;
  const conversation = state.conversation;
  const signals = Object.entries(conversation?.signals ?? {})
    .filter(([name]) => ['serviceType', 'location', 'urgency', 'timing', 'language', 'intent'].includes(name))
    .map(([name, signal]) => `${name}=${signal.value.replace(/ → .*/, '')}`)
    .join('\n');
  const decision = conversation?.decision;
  const routing = conversation?.routing;
  const owner =
    routing === undefined
      ? (conversation?.ownerName ?? '—')
      : `${routing.assignee.name ?? routing.assignee.kind} (rule ${routing.trace?.rule ?? '?'}, ${routing.source}${
          routing.hops > 0 ? `, hop ${routing.hops}` : ''
        })`;
  const counts = new Map<string, number>();
  for (const record of state.records) {
    const type = record.type.replace(/__c$/, '').replaceAll('_', ' ');
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  const records = [...counts].map(([type, n]) => `${n} ${type}`).join('\n');
  const replies = state.chat.filter((line) => line.from === 'agent');
  const last = replies.at(-1);
  return {
    Scenario: `${scenario.title}\n(${scenario.crm === 'hubspot' ? 'HubSpot' : 'Salesforce'})`,
    Signals: signals || '—',
    Decision:
      decision === undefined
        ? '—'
        : `${decision.decision}${decision.reasons.length === 0 ? '' : `\n${decision.reasons.join(', ')}`}`,
    Owner: owner,
    'Records written': `${records || 'none'}\n${row.apiCalls} API calls`,
    Replies: `${replies.length}: “${last?.text ?? ''}”`,
  };
}

const widths: Record<string, number> = {
  Scenario: 28,
  Signals: 28,
  Decision: 22,
  Owner: 24,
  'Records written': 24,
  Replies: 36,
};

export function formatDemoTable(rows: DemoRow[]): string {
  const columns = Object.keys(widths);
  const rule = `+${columns.map((c) => '-'.repeat(widths[c]! + 2)).join('+')}+`;
  const render = (cells: Record<string, string>) => {
    const wrapped = columns.map((c) => wrap(cells[c] ?? '', widths[c]!));
    const height = Math.max(...wrapped.map((lines) => lines.length));
    const out: string[] = [];
    for (let i = 0; i < height; i++)
      out.push(`| ${columns.map((c, j) => (wrapped[j]![i] ?? '').padEnd(widths[c]!)).join(' | ')} |`);
    return out.join('\n');
  };
  const header = Object.fromEntries(columns.map((c) => [c, c]));
  return [rule, render(header), rule, ...rows.flatMap((row) => [render(demoCells(row)), rule])].join('\n');
}
