// What a sandbox visitor can do, and what they see. Customer messages and the owner's replies from the
// WhatsApp Business app enter exactly as Meta would deliver them: signed webhook POSTs to the gateway. What the
// agent answered is read back from the Graph emulator; what the CRM holds, from the CRM emulators.
import { randomBytes } from 'node:crypto';
import {
  type Assignment,
  type Conversation,
  type ConversationEvent,
  LeadwireError,
  messageText,
  recipientOf,
  slaDelayMs,
  withinHours,
} from '@leadwire/connector-core';
import { z } from 'zod';
import { graphMessengerFor } from '../runtime/compose.ts';
import type { RouteContext } from '../server.ts';
import { signBody } from '../webhook/signature.ts';
import { webhookEnvelope } from '../whatsapp/graph-emulator.ts';
import {
  assertWindowOpen,
  fillTemplate,
  recordPersonReply,
  replyText,
  templateCatalog,
  templateOption,
  windowClosesAt,
  windowOpen,
} from '../whatsapp/person-reply.ts';
import type { Sandbox } from './sandbox.ts';
import { SANDBOX_BUSINESS, SANDBOX_CRMS, type SandboxCrm, sandboxLines } from './sandbox-config.ts';

export const sandboxCrm = z.enum(SANDBOX_CRMS as [SandboxCrm, ...SandboxCrm[]]);
/** A customer's WhatsApp id: their number in international format, digits only. */
export const customerNumber = z
  .string()
  .regex(/^[1-9]\d{7,14}$/, 'a customer is a phone number in international format, digits only (8–15)');

export const sandboxMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: z.string().trim().min(1).max(4096) }),
  z.strictObject({
    type: z.literal('location'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: z.string().max(200).optional(),
    address: z.string().max(500).optional(),
  }),
  z
    .strictObject({
      type: z.literal('voice'),
      /** what the voice note says (the emulated transcriber hears it) */
      transcript: z.string().trim().min(1).max(4096).optional(),
      /** an audio file, base64; without a transcript the transcriber cannot make it out */
      audioBase64: z.base64().max(22_000_000).optional(),
      mimeType: z
        .string()
        .regex(/^audio\//, 'a voice note is audio/*')
        .optional(),
    })
    .refine((voice) => voice.transcript !== undefined || voice.audioBase64 !== undefined, {
      message: 'a voice note needs an audio file, a transcript, or both',
    }),
  z.strictObject({
    type: z.literal('reply'),
    id: z.string().min(1).max(256),
    title: z.string().min(1).max(100),
  }),
]);
export type SandboxMessage = z.infer<typeof sandboxMessage>;

/** A reply written in the CRM (as from the HubSpot card): free-form text, or an approved template. */
export const sandboxCrmReply = z.union([
  z.strictObject({ text: z.string().trim().min(1).max(4096) }),
  z.strictObject({
    template: z.strictObject({
      name: z.string().min(1).max(512),
      language: z.string().min(1).max(20),
      header: z.array(z.string().max(1024)).max(10).optional(),
      body: z.array(z.string().max(1024)).max(100).optional(),
    }),
  }),
]);
export type SandboxCrmReply = z.infer<typeof sandboxCrmReply>;

/** The business account's templates for a customer, and whether a free-form reply can be sent now. */
export interface SandboxTemplates {
  windowOpen: boolean;
  windowExpiresAt?: string;
  templates: ReturnType<typeof templateOption>[];
}

export interface TeamMember {
  id: string;
  name: string;
  online: boolean;
  inHours: boolean;
  openLeads: number;
  groups: string[];
}

export interface ChatLine {
  id: string;
  from: 'customer' | 'agent' | 'owner';
  at: string;
  kind: 'text' | 'location' | 'voice' | 'buttons' | 'list' | 'other';
  text?: string;
  buttons?: { id: string; title: string }[];
  list?: {
    button: string;
    sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
  };
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  voice?: { transcript?: string; failure?: string };
  status?: 'sent' | 'delivered' | 'read' | 'failed';
}

export interface SandboxRecord {
  type: string;
  id: string;
  title: string;
  owner?: string;
  fields: Record<string, string>;
}

export interface SandboxAssignee {
  kind: 'user' | 'queue' | 'pool';
  id?: string;
  name?: string;
}

export interface SandboxState {
  crm: SandboxCrm;
  customer: string;
  customerName: string;
  businessName: string;
  businessNumber: string;
  now: string;
  clockOffsetMinutes: number;
  team: TeamMember[];
  chat: ChatLine[];
  conversation: null | {
    id: string;
    state: Conversation['state'];
    agentSilent: boolean;
    ownerId?: string;
    ownerName?: string;
    signals: Record<string, { value: string; confidence?: number; source?: string }>;
    /** the last decision; `ask` is the question the agent asked with it */
    decision?: { decision: string; reasons: string[]; at: string; ask?: string };
    routing?: {
      assignee: SandboxAssignee;
      source: string;
      hops: number;
      slaDueAt?: string;
      trace?: {
        rule: string;
        steps: { target: string; outcome: string; detail?: string }[];
        rulesSkipped: string[];
      };
    };
    routingHistory: { at: string; assignee: SandboxAssignee; source: string; reason?: string }[];
  };
  records: SandboxRecord[];
  apiCalls: number;
}

export interface SandboxDriver {
  conversationId(crm: SandboxCrm, customer: string): string;
  send(
    crm: SandboxCrm,
    customer: string,
    message: SandboxMessage,
    customerName?: string,
  ): Promise<{ wamid: string }>;
  /** the owner answers from the WhatsApp Business app (Meta echoes it to Leadwire: the agent goes silent) */
  ownerReply(crm: SandboxCrm, customer: string, text: string): Promise<{ wamid: string }>;
  /**
   * The owner answers from the CRM (as from the HubSpot card): text inside the 24-hour window, an approved
   * template with its parameters any time. Outside the window a text is refused (CONFLICT) and nothing is sent.
   */
  crmReply(crm: SandboxCrm, customer: string, reply: SandboxCrmReply): Promise<{ wamid: string }>;
  templates(crm: SandboxCrm, customer: string): Promise<SandboxTemplates>;
  release(crm: SandboxCrm, customer: string): Promise<void>;
  setPresence(crm: SandboxCrm, userId: string, online: boolean): Promise<TeamMember[]>;
  advanceClock(minutes: number): { now: string; clockOffsetMinutes: number };
  team(crm: SandboxCrm): Promise<TeamMember[]>;
  state(crm: SandboxCrm, customer: string): Promise<SandboxState>;
}

const iso = (ms: number) => new Date(ms).toISOString();
const DEFAULT_CUSTOMER_NAME = 'Sandbox customer';

/** The sandbox's actions over a running gateway (`gatewayUrl` is known once it listens). */
export function sandboxDriver(
  sandbox: Sandbox,
  context: Pick<RouteContext, 'config' | 'env' | 'runtime' | 'routing'>,
  gatewayUrl: () => string,
): SandboxDriver {
  const { runtime, routing } = context;
  const { clock } = sandbox;
  const messenger = graphMessengerFor(context.config, runtime, context.env);
  const catalog = templateCatalog({
    config: context.config,
    store: runtime.store,
    clock,
    messenger,
    canSendFrom: () => true,
  });
  const names = new Map<string, string>();
  let sequence = 0;
  const wamid = () => `wamid.sandbox-${Date.now().toString(36)}-${(++sequence).toString(36)}`;

  async function deliver(body: string): Promise<void> {
    // Meta delivers it: the customer's 24-hour window opens in the emulated Graph API.
    sandbox.graph.observe(body);
    const response = await fetch(`${gatewayUrl()}/webhooks/whatsapp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signBody(body, sandbox.env.LEADWIRE_SANDBOX_APP_SECRET),
      },
      body,
    });
    if (response.status !== 200)
      throw new LeadwireError(
        'TEMPORARY',
        `the gateway answered ${response.status}: ${await response.text()}`,
      );
  }

  function envelope(
    crm: SandboxCrm,
    field: 'messages' | 'smb_message_echoes',
    value: Record<string, unknown>,
  ): string {
    const line = sandboxLines[crm];
    return JSON.stringify(
      webhookEnvelope({
        phoneNumberId: line.phoneNumberId,
        displayPhoneNumber: line.display.replace(/\D/g, ''),
        field,
        value,
      }),
    );
  }

  /** The agent's latest message to the customer, as Meta received it. */
  function lastAgentBody(crm: SandboxCrm, customer: string): Record<string, unknown> | undefined {
    const line = sandboxLines[crm];
    return sandbox.graph.sent.findLast(
      (send) => send.phoneNumberId === line.phoneNumberId && send.recipient === customer,
    )?.body;
  }

  function content(crm: SandboxCrm, customer: string, message: SandboxMessage): Record<string, unknown> {
    switch (message.type) {
      case 'text':
        return { type: 'text', text: { body: message.text } };
      case 'location':
        return {
          type: 'location',
          location: {
            latitude: message.latitude,
            longitude: message.longitude,
            ...(message.name === undefined ? {} : { name: message.name }),
            ...(message.address === undefined ? {} : { address: message.address }),
          },
        };
      case 'voice': {
        const bytes =
          message.audioBase64 === undefined
            ? Buffer.from(`OggS sandbox voice note ${randomBytes(8).toString('hex')}`)
            : Buffer.from(message.audioBase64, 'base64');
        if (message.transcript !== undefined) sandbox.sayInVoiceNote(bytes, message.transcript);
        const mediaId = String(1_900_000_000_000_000 + Math.floor(Math.random() * 1e14));
        const mimeType = message.mimeType ?? 'audio/ogg; codecs=opus';
        sandbox.graph.addMedia(mediaId, bytes, mimeType, { sha256Encoding: 'base64' });
        return { type: 'audio', audio: { id: mediaId, mime_type: mimeType, voice: true } };
      }
      case 'reply': {
        const interactive = lastAgentBody(crm, customer)?.interactive as { type?: string } | undefined;
        return interactive?.type === 'list'
          ? {
              type: 'interactive',
              interactive: { type: 'list_reply', list_reply: { id: message.id, title: message.title } },
            }
          : {
              type: 'interactive',
              interactive: { type: 'button_reply', button_reply: { id: message.id, title: message.title } },
            };
      }
    }
  }

  async function conversationOf(crm: SandboxCrm, customer: string): Promise<Conversation> {
    const conversation = await runtime.store.getConversation(
      `${sandboxLines[crm].phoneNumberId}:${customer}`,
    );
    if (conversation === undefined)
      throw new LeadwireError('NOT_FOUND', `No conversation with ${customer} on the ${crm} line yet.`);
    return conversation;
  }

  async function team(crm: SandboxCrm): Promise<TeamMember[]> {
    const tenantId = sandboxLines[crm].tenantId;
    const config = routing.routingFor(tenantId);
    if (config === undefined) return [];
    const users = routing.directoryFor(tenantId).users;
    const now = clock.now();
    const [presence, stats] = await Promise.all([
      runtime.assignments.presence(tenantId),
      runtime.assignments.stats(
        tenantId,
        users.map((user) => user.id),
        now,
        60_000,
      ),
    ]);
    return users.map((user) => ({
      id: user.id,
      name: user.name ?? user.id,
      online: presence[user.id] !== 'away',
      inHours: withinHours(user.hours, new Date(now), config.timezone ?? 'UTC'),
      openLeads: stats.users[user.id]?.open ?? 0,
      groups: [...user.groups],
    }));
  }

  function nameOf(crm: SandboxCrm, id: string | undefined): string | undefined {
    if (id === undefined) return undefined;
    const user = routing.directoryFor(sandboxLines[crm].tenantId).users.find((u) => u.id === id);
    return user?.name ?? id;
  }

  const assigneeOf = (crm: SandboxCrm, assignment: Assignment): SandboxAssignee => ({
    kind: assignment.assignee.kind,
    ...(assignment.assignee.kind === 'pool' ? {} : { id: assignment.assignee.id }),
    ...(assignment.assignee.kind === 'user' ? { name: nameOf(crm, assignment.assignee.id) } : {}),
    ...(assignment.assignee.kind === 'queue' && assignment.assignee.name !== undefined
      ? { name: assignment.assignee.name }
      : {}),
  });

  function chatOf(
    crm: SandboxCrm,
    customer: string,
    conversation: Conversation | undefined,
    events: ConversationEvent[],
  ) {
    const lines: ChatLine[] = [];
    for (const event of events) {
      const from = event.kind === 'echo' ? 'owner' : 'customer';
      const at = event.timestamp;
      if (event.location !== undefined) {
        lines.push({ id: event.id, from, at, kind: 'location', location: event.location });
      } else if (event.media?.mimeType?.startsWith('audio/') === true) {
        const note = conversation?.voiceNotes?.[event.id];
        const voice = {
          ...(note?.transcript === undefined ? {} : { transcript: note.transcript }),
          ...(note?.failure === undefined ? {} : { failure: note.failure }),
        };
        lines.push({ id: event.id, from, at, kind: 'voice', voice });
      } else {
        const text = messageText(event);
        lines.push({
          id: event.id,
          from,
          at,
          kind: text === undefined ? 'other' : 'text',
          ...(text === undefined ? {} : { text }),
        });
      }
    }
    const line = sandboxLines[crm];
    // A reply sent from the CRM is in the chat once, as the owner's (its echo event), not also as the agent's.
    const recorded = new Set(events.map((event) => event.id));
    for (const send of sandbox.graph.sent) {
      if (send.phoneNumberId !== line.phoneNumberId || send.recipient !== customer) continue;
      if (recorded.has(send.wamid)) continue;
      lines.push(agentLine(send.wamid, iso(send.at), send.body));
    }
    return lines.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }

  async function records(crm: SandboxCrm, conversation: Conversation | undefined): Promise<SandboxRecord[]> {
    if (conversation === undefined) return [];
    return crm === 'hubspot'
      ? hubspotRecords(sandbox, conversation, (id) => nameOf(crm, id))
      : salesforceRecords(sandbox, conversation, (id) => nameOf(crm, id));
  }

  return {
    conversationId: (crm, customer) => `${sandboxLines[crm].phoneNumberId}:${customer}`,

    async send(crm, customer, message, customerName) {
      const id = wamid();
      if (customerName !== undefined) names.set(customer, customerName);
      const name = names.get(customer) ?? DEFAULT_CUSTOMER_NAME;
      const timestamp = String(Math.floor(clock.now() / 1000));
      await deliver(
        envelope(crm, 'messages', {
          contacts: [{ profile: { name }, wa_id: customer }],
          messages: [{ from: customer, id, timestamp, ...content(crm, customer, message) }],
        }),
      );
      return { wamid: id };
    },

    async ownerReply(crm, customer, text) {
      const id = wamid();
      await deliver(
        envelope(crm, 'smb_message_echoes', {
          message_echoes: [
            {
              from: sandboxLines[crm].display.replace(/\D/g, ''),
              to: customer,
              id,
              timestamp: String(Math.floor(clock.now() / 1000)),
              type: 'text',
              text: { body: text },
            },
          ],
        }),
      );
      return { wamid: id };
    },

    async crmReply(crm, customer, reply) {
      const conversation = await conversationOf(crm, customer);
      const now = clock.now();
      const template =
        'template' in reply
          ? fillTemplate(await catalog.templatesOf(conversation), reply.template)
          : undefined;
      const text = template?.text ?? replyText('text' in reply ? reply.text : '');
      if (template === undefined)
        assertWindowOpen(
          await windowClosesAt(runtime.store, conversation),
          now,
          'Pick an approved template instead.',
        );
      const ownerName = nameOf(crm, conversation.ownerId);
      const wamid = await messenger.send(
        conversation.phoneNumberId,
        recipientOf(conversation),
        template ?? { kind: 'text', body: text },
        `sandbox-crm-reply:${randomBytes(8).toString('hex')}`,
      );
      await recordPersonReply(runtime, conversation, {
        wamid,
        text,
        at: now,
        object: 'leadwire.sandbox_reply',
        source: {
          source: 'sandbox-crm',
          ...(template === undefined
            ? {}
            : { template: { name: template.name, language: template.language } }),
          ...(ownerName === undefined ? {} : { authorName: ownerName }),
        },
      });
      return { wamid };
    },

    async templates(crm, customer) {
      const conversation = await conversationOf(crm, customer);
      const expiresAt = await windowClosesAt(runtime.store, conversation);
      return {
        windowOpen: windowOpen(expiresAt, clock.now()),
        ...(expiresAt === undefined ? {} : { windowExpiresAt: expiresAt }),
        templates: (await catalog.templatesOf(conversation)).map(templateOption),
      };
    },

    async release(crm, customer) {
      await routing.release(`${sandboxLines[crm].phoneNumberId}:${customer}`);
    },

    async setPresence(crm, userId, online) {
      await routing.setPresence(sandboxLines[crm].tenantId, userId, online ? 'online' : 'away');
      return team(crm);
    },

    advanceClock(minutes) {
      clock.advance(minutes);
      return { now: iso(clock.now()), clockOffsetMinutes: clock.offsetMinutes() };
    },

    team,

    async state(crm, customer) {
      const line = sandboxLines[crm];
      const conversationId = `${line.phoneNumberId}:${customer}`;
      const conversation = await runtime.store.getConversation(conversationId);
      const events =
        conversation === undefined
          ? []
          : (await runtime.store.conversationEvents(conversationId, { limit: 200 })).map((e) => e.event);
      const explanation =
        conversation === undefined ? undefined : await routing.explain(conversationId).catch(() => undefined);
      const routingConfig = routing.routingFor(line.tenantId);
      // The owner is whoever holds the conversation now (a re-route changes it before the next turn does).
      const held = explanation?.assignment?.assignee;
      const ownerId = held?.kind === 'user' ? held.id : conversation?.ownerId;
      const assignment = explanation?.assignment;
      const answered =
        conversation?.humanAt !== undefined &&
        assignment !== undefined &&
        Date.parse(conversation.humanAt) >= assignment.at;
      const slaRunning =
        assignment !== undefined &&
        assignment.assignee.kind === 'user' &&
        !assignment.closed &&
        !answered &&
        ['routing', 'reroute', 'continuation'].includes(assignment.source);
      return {
        crm,
        customer,
        customerName: names.get(customer) ?? conversation?.user.name ?? DEFAULT_CUSTOMER_NAME,
        businessName: `${SANDBOX_BUSINESS} (${crm === 'hubspot' ? 'HubSpot' : 'Salesforce'} line)`,
        businessNumber: line.display,
        now: iso(clock.now()),
        clockOffsetMinutes: clock.offsetMinutes(),
        team: await team(crm),
        chat: chatOf(crm, customer, conversation, events),
        conversation:
          conversation === undefined
            ? null
            : {
                id: conversation.id,
                state: conversation.state,
                agentSilent: conversation.state === 'human',
                ...(ownerId === undefined ? {} : { ownerId, ownerName: nameOf(crm, ownerId) }),
                signals: signalsOf(conversation),
                ...(conversation.agent?.decision === undefined
                  ? {}
                  : {
                      decision: {
                        decision: conversation.agent.decision.decision,
                        reasons: [...conversation.agent.decision.reasons],
                        at: conversation.agent.decision.at,
                        ...(conversation.agent.decision.ask === undefined
                          ? {}
                          : { ask: conversation.agent.decision.ask }),
                      },
                    }),
                ...(assignment === undefined
                  ? {}
                  : {
                      routing: {
                        assignee: assigneeOf(crm, assignment),
                        source: assignment.source,
                        hops: assignment.hops,
                        ...(slaRunning && routingConfig !== undefined
                          ? { slaDueAt: iso(assignment.at + slaDelayMs(routingConfig, assignment.urgent)) }
                          : {}),
                        ...traceOf(assignment.trace, (id) => nameOf(crm, id)),
                      },
                    }),
                routingHistory: (explanation?.history ?? []).map((a) => ({
                  at: iso(a.at),
                  assignee: assigneeOf(crm, a),
                  source: a.source,
                  ...(a.ruleId === undefined ? {} : { reason: `rule ${a.ruleId}` }),
                })),
              },
        records: await records(crm, conversation),
        apiCalls: crm === 'hubspot' ? sandbox.hubspot.calls.total : sandbox.salesforce.calls.total,
      };
    },
  };
}

/** A message the agent sent, as the customer's WhatsApp shows it. */
function agentLine(id: string, at: string, body: Record<string, unknown>): ChatLine {
  const line: ChatLine = { id, from: 'agent', at, kind: 'other', status: 'delivered' };
  if (body.type === 'text') {
    const text = (body.text as { body?: string } | undefined)?.body;
    return { ...line, kind: 'text', ...(text === undefined ? {} : { text }) };
  }
  if (body.type !== 'interactive') return line;
  const interactive = body.interactive as {
    type?: string;
    body?: { text?: string };
    action?: {
      buttons?: { reply?: { id: string; title: string } }[];
      button?: string;
      sections?: { title?: string; rows?: { id: string; title: string; description?: string }[] }[];
    };
  };
  const text = interactive.body?.text;
  if (interactive.type === 'button') {
    const buttons = (interactive.action?.buttons ?? []).flatMap((b) =>
      b.reply === undefined ? [] : [b.reply],
    );
    return { ...line, kind: 'buttons', ...(text === undefined ? {} : { text }), buttons };
  }
  if (interactive.type === 'list') {
    const sections = (interactive.action?.sections ?? []).map((section) => ({
      ...(section.title === undefined ? {} : { title: section.title }),
      rows: section.rows ?? [],
    }));
    return {
      ...line,
      kind: 'list',
      ...(text === undefined ? {} : { text }),
      list: { button: interactive.action?.button ?? 'Choose', sections },
    };
  }
  return { ...line, ...(text === undefined ? {} : { text }) };
}

/** Signals as the card shows them: a display value, its confidence and where it came from. */
function signalsOf(
  conversation: Conversation,
): Record<string, { value: string; confidence?: number; source?: string }> {
  const out: Record<string, { value: string; confidence?: number; source?: string }> = {};
  for (const [name, raw] of Object.entries(conversation.signals)) {
    if (typeof raw !== 'object' || raw === null || !('value' in raw)) continue;
    const signal = raw as { value: unknown; confidence?: number; source?: string };
    const value = displayValue(signal.value);
    if (value === undefined) continue;
    out[name] = {
      value,
      ...(typeof signal.confidence === 'number' ? { confidence: signal.confidence } : {}),
      ...(typeof signal.source === 'string' ? { source: signal.source } : {}),
    };
  }
  return out;
}

function displayValue(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { areaId?: string; text?: string; iso?: string; outside?: boolean; country?: string };
  if (v.areaId !== undefined) return v.text === undefined ? v.areaId : `${v.areaId} (“${v.text}”)`;
  if (v.outside === true) return `outside the service areas${v.text === undefined ? '' : ` (“${v.text}”)`}`;
  if (v.text !== undefined && v.iso !== undefined) return `${v.text} → ${v.iso}`;
  if (v.text === undefined && v.iso === undefined && v.country !== undefined)
    return `${v.country} (phone number)`;
  return v.text ?? v.iso ?? JSON.stringify(value);
}

function traceOf(
  trace: unknown,
  nameOf: (id: string) => string | undefined,
): {
  trace?: {
    rule: string;
    steps: { target: string; outcome: string; detail?: string }[];
    rulesSkipped: string[];
  };
} {
  if (typeof trace !== 'object' || trace === null) return {};
  const t = trace as {
    rule?: unknown;
    steps?: {
      target: string;
      outcome: string;
      note?: string;
      candidates?: { userId: string; outcome: string; reason?: string }[];
    }[];
    rulesSkipped?: { rule: string; failed: string }[];
  };
  if (typeof t.rule !== 'string' || !Array.isArray(t.steps)) return {};
  return {
    trace: {
      rule: t.rule,
      steps: t.steps.map((step) => {
        const candidates = (step.candidates ?? [])
          .map(
            (c) =>
              `${nameOf(c.userId) ?? c.userId}: ${c.outcome}${c.reason === undefined ? '' : ` (${c.reason})`}`,
          )
          .join('; ');
        const detail = [step.note, candidates]
          .filter((part) => part !== undefined && part !== '')
          .join(' — ');
        return { target: step.target, outcome: step.outcome, ...(detail === '' ? {} : { detail }) };
      }),
      rulesSkipped: (t.rulesSkipped ?? []).map((skip) => `${skip.rule} (${skip.failed})`),
    },
  };
}

const text = (value: unknown): string | undefined =>
  value === undefined || value === null || value === '' ? undefined : String(value);

function fieldsOf(source: Record<string, unknown>, labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, label] of Object.entries(labels)) {
    const value = text(source[key]);
    if (value !== undefined) out[label] = value;
  }
  return out;
}

/** The HubSpot records of the conversation: the contact, and what is associated with it. */
function hubspotRecords(
  sandbox: Sandbox,
  conversation: Conversation,
  nameOf: (id: string | undefined) => string | undefined,
): SandboxRecord[] {
  const { hubspot } = sandbox;
  const contactId = conversation.crmRefs.person;
  if (contactId === undefined) return [];
  const contact = hubspot.contacts().find((c) => c.id === contactId);
  if (contact === undefined) return [];
  const out: SandboxRecord[] = [];
  const owned = (props: Record<string, unknown>) => {
    const owner = nameOf(text(props.hubspot_owner_id));
    return owner === undefined ? {} : { owner };
  };
  const p = contact.properties;
  out.push({
    type: 'Contact',
    id: contact.id,
    title: [p.firstname, p.lastname].filter(Boolean).join(' ') || String(p.phone ?? contact.id),
    ...owned(p),
    fields: fieldsOf(p, {
      phone: 'Phone',
      hs_whatsapp_phone_number: 'WhatsApp',
      lifecyclestage: 'Lifecycle stage',
    }),
  });
  const related = (type: 'leads' | 'deals' | 'tickets' | 'tasks' | 'communications') =>
    new Set(hubspot.associationsOf('contacts', contact.id, type).map((a) => a.toId));
  const kinds: {
    type: 'leads' | 'deals' | 'tickets' | 'tasks' | 'communications';
    label: string;
    list: typeof hubspot.leads;
  }[] = [
    { type: 'leads', label: 'Lead', list: () => hubspot.leads() },
    { type: 'deals', label: 'Deal', list: () => hubspot.deals() },
    { type: 'tickets', label: 'Ticket', list: () => hubspot.tickets() },
    { type: 'tasks', label: 'Task', list: () => hubspot.tasks() },
  ];
  for (const kind of kinds) {
    const ids = related(kind.type);
    for (const record of kind.list().filter((r) => ids.has(r.id))) {
      const props = record.properties;
      out.push({
        type: kind.label,
        id: record.id,
        title: String(
          props.hs_lead_name ?? props.dealname ?? props.subject ?? props.hs_task_subject ?? record.id,
        ),
        ...owned(props),
        fields: fieldsOf(props, {
          leadwire_service_type: 'Service',
          leadwire_service_area: 'Area',
          leadwire_urgency: 'Urgency',
          leadwire_timing: 'Timing',
          leadwire_routing_reason: 'Why routed',
          hs_pipeline_stage: 'Stage',
          hs_task_priority: 'Priority',
          hs_timestamp: 'Due',
          hs_task_status: 'Status',
          content: 'Description',
        }),
      });
    }
  }
  const lines = related('communications');
  const count = hubspot.communications().filter((c) => lines.has(c.id)).length;
  if (count > 0)
    out.push({
      type: 'Communication',
      id: `${contact.id}-whatsapp`,
      title: `${count} WhatsApp message${count === 1 ? '' : 's'} logged`,
      fields: { Channel: 'WHATS_APP' },
    });
  return out;
}

/** The Salesforce records of the conversation: the Lead (or Contact), its conversation, Case, Tasks, messages. */
function salesforceRecords(
  sandbox: Sandbox,
  conversation: Conversation,
  nameOf: (id: string | undefined) => string | undefined,
): SandboxRecord[] {
  const { salesforce } = sandbox;
  const personId = conversation.crmRefs.person;
  if (personId === undefined) return [];
  const out: SandboxRecord[] = [];
  const owned = (row: Record<string, unknown>) => {
    const owner = nameOf(text(row.OwnerId));
    return owner === undefined ? {} : { owner };
  };
  for (const type of ['Lead', 'Contact']) {
    for (const row of salesforce.records(type).filter((r) => r.Id === personId)) {
      out.push({
        type,
        id: String(row.Id),
        title: [row.FirstName, row.LastName].filter(Boolean).join(' ') || String(row.Id),
        ...owned(row),
        fields: fieldsOf(row, { Phone: 'Phone', Company: 'Company', Status: 'Status', LeadSource: 'Source' }),
      });
    }
  }
  const conversations = salesforce
    .records('WhatsApp_Conversation__c')
    .filter((r) => r.Lead__c === personId || r.Contact__c === personId);
  for (const row of conversations) {
    out.push({
      type: 'WhatsApp_Conversation__c',
      id: String(row.Id),
      title: `WhatsApp conversation (${String(row.Status__c ?? '')})`,
      ...owned(row),
      fields: fieldsOf(
        { ...row, Routing_Trace__c: traceSummary(row.Routing_Trace__c) },
        {
          Service_Type__c: 'Service',
          Service_Area__c: 'Area',
          Urgency__c: 'Urgency',
          Timing__c: 'Timing',
          Decision__c: 'Decision',
          Routing_Trace__c: 'Why routed',
          SLA_Due__c: 'SLA due',
        },
      ),
    });
  }
  const inquiryId = conversation.crmRefs.inquiry;
  for (const row of salesforce.records('Case').filter((r) => r.Id === inquiryId)) {
    out.push({
      type: 'Case',
      id: String(row.Id),
      title: String(row.Subject ?? row.Id),
      ...owned(row),
      fields: fieldsOf(row, { Status: 'Status', Priority: 'Priority', Origin: 'Origin' }),
    });
  }
  for (const row of salesforce.records('Task').filter((r) => r.WhoId === personId)) {
    out.push({
      type: 'Task',
      id: String(row.Id),
      title: String(row.Subject ?? row.Id),
      ...owned(row),
      fields: fieldsOf(row, { Priority: 'Priority', ActivityDate: 'Due', Status: 'Status' }),
    });
  }
  const conversationIds = new Set(conversations.map((r) => r.Id));
  const count = salesforce
    .records('WhatsApp_Message__c')
    .filter((r) => conversationIds.has(r.Conversation__c)).length;
  if (count > 0)
    out.push({
      type: 'WhatsApp_Message__c',
      id: `${personId}-messages`,
      title: `${count} WhatsApp message${count === 1 ? '' : 's'} logged`,
      fields: {},
    });
  return out;
}

/** Routing_Trace__c (routing's trace as JSON) in a line: the rule, who was chosen, the note. */
function traceSummary(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    const trace = JSON.parse(value) as {
      rule?: string;
      note?: string;
      steps?: { target?: string; outcome?: string }[];
    };
    const chosen = trace.steps?.find((step) => step.outcome === 'chosen')?.target;
    return (
      [trace.rule ? `rule ${trace.rule}` : '', chosen ? `→ ${chosen}` : '', trace.note ?? '']
        .filter(Boolean)
        .join(' ') || value
    );
  } catch {
    return value;
  }
}
