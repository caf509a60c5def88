// What the HubSpot record card and settings page do, scoped to the calling portal's tenant: read a
// conversation as CardData, claim it from the pool, reply on WhatsApp as a person, read and save routing.
// Every conversation is checked against the caller's tenant: another tenant's is NOT_FOUND.
import { createHash } from 'node:crypto';
import {
  type Assignment,
  type Assignments,
  type Clock,
  type Config,
  type Conversation,
  type ConversationEvent,
  claimFromPool,
  crmRefIndexKey,
  HUBSPOT_OBJECT_TYPES,
  isInPool,
  type JobQueue,
  LeadwireError,
  type Messenger,
  messageText,
  type RoutingConfig,
  type RoutingConfigInput,
  recipientOf,
  revisedText,
  type Store,
  signalsSchema,
  slaDelayMs,
  type TenantConfig,
} from '@leadwire/connector-core';
import type {
  CardAssignment,
  CardData,
  CardMessage,
  CardRoutingTrace,
  CardSignals,
} from '../../../hubspot-app/project/src/app/cards/lib/card-data.ts';
import type {
  TemplateChoice,
  TemplatesData,
} from '../../../hubspot-app/project/src/app/cards/lib/templates-data.ts';
import type {
  SettingsData,
  SettingsSaved,
} from '../../../hubspot-app/project/src/app/settings/lib/settings-data.ts';
import type { RoutingService } from '../runtime/routing-service.ts';
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
import type { HubspotPortals, PortalTenant } from './portals.ts';
import { type RoutingOverrides, validateRouting } from './routing-overrides.ts';
import type { HubspotCaller } from './signed-request.ts';

/** Events read for the transcript; older ones are left out (`olderMessagesOmitted`). */
const TRANSCRIPT_EVENTS = 200;
/** hubspot.fetch refuses answers over 1 MB; stay well under it. */
const MAX_CARD_BYTES = 900_000;

/** `objectTypeId` as the card sends it (`context.crm.objectTypeId`), or the object's name. */
const OBJECT_TYPES: Record<string, string> = {
  '0-1': HUBSPOT_OBJECT_TYPES.contact,
  contacts: HUBSPOT_OBJECT_TYPES.contact,
  contact: HUBSPOT_OBJECT_TYPES.contact,
  '0-136': HUBSPOT_OBJECT_TYPES.lead,
  leads: HUBSPOT_OBJECT_TYPES.lead,
  lead: HUBSPOT_OBJECT_TYPES.lead,
  '0-3': HUBSPOT_OBJECT_TYPES.deal,
  deals: HUBSPOT_OBJECT_TYPES.deal,
  deal: HUBSPOT_OBJECT_TYPES.deal,
  '0-5': HUBSPOT_OBJECT_TYPES.ticket,
  tickets: HUBSPOT_OBJECT_TYPES.ticket,
  ticket: HUBSPOT_OBJECT_TYPES.ticket,
};

export interface CardServiceDeps {
  config: Config;
  store: Store;
  assignments: Assignments;
  queue: JobQueue;
  clock: Clock;
  routing: RoutingService;
  portals: HubspotPortals;
  overrides: RoutingOverrides;
  /** sends the card's replies (the Graph API); undefined = replying is off */
  messenger?: Messenger;
  /** whether Leadwire holds a WhatsApp token for a business number */
  canSendFrom(phoneNumberId: string): boolean;
}

export interface CardService {
  /** the caller's tenant, or NOT_FOUND */
  tenantOf(caller: HubspotCaller): Promise<PortalTenant>;
  card(portal: PortalTenant, objectTypeId: string, objectId: string): Promise<CardData>;
  claim(
    portal: PortalTenant,
    caller: HubspotCaller,
    input: { conversationId: string; expectedVersion: number },
  ): Promise<Assignment>;
  /** A text reply (inside the 24-hour window) or an approved template (any time), sent as a person. */
  reply(
    portal: PortalTenant,
    caller: HubspotCaller,
    input: { conversationId: string; text?: string; template?: TemplateChoice; requestId?: string },
  ): Promise<{ conversationId: string; wamid: string }>;
  /** The business account's templates for a conversation, with their status, category and parameters. */
  templates(portal: PortalTenant, conversationId: string): Promise<TemplatesData>;
  settings(portal: PortalTenant): Promise<SettingsData>;
  saveSettings(portal: PortalTenant, caller: HubspotCaller, routing: unknown): Promise<SettingsSaved>;
}

const iso = (ms: number) => new Date(ms).toISOString();

function messageKind(event: ConversationEvent): CardMessage['kind'] {
  switch (event.type) {
    case 'text':
      return 'text';
    case 'audio':
      return 'voice';
    case 'image':
    case 'sticker':
      return 'image';
    case 'video':
      return 'video';
    case 'document':
      return 'document';
    case 'location':
      return 'location';
    case 'interactive':
    case 'button':
      return 'interactive';
    default:
      return 'other';
  }
}

/** Who wrote a card reply, as the synthetic echo carries it. */
function echoAuthor(event: ConversationEvent): string | undefined {
  const raw = event.raw as { leadwire?: { authorName?: unknown } } | undefined;
  const name = raw?.leadwire?.authorName;
  return typeof name === 'string' ? name : undefined;
}

function cardStatus(status: string | undefined): CardMessage['status'] {
  switch (status) {
    case 'sent':
    case 'delivered':
    case 'read':
    case 'failed':
      return status;
    case 'played':
      return 'read';
    default:
      return undefined;
  }
}

function firstName(names: Record<string, string[]>, language: string | undefined): string | undefined {
  return (language === undefined ? undefined : names[language]?.[0]) ?? Object.values(names)[0]?.[0];
}

function cardAssignment(assignment: Assignment): CardAssignment {
  return {
    conversationId: assignment.conversationId,
    assignee: { ...assignment.assignee },
    source: assignment.source,
    ...(assignment.ruleId === undefined ? {} : { ruleId: assignment.ruleId }),
    urgent: assignment.urgent,
    hops: assignment.hops,
    holders: [...assignment.holders],
    at: assignment.at,
    version: assignment.version,
    ...(assignment.poolSince === undefined ? {} : { poolSince: assignment.poolSince }),
    ...(assignment.exhaustedHops === undefined ? {} : { exhaustedHops: assignment.exhaustedHops }),
    closed: assignment.closed,
  };
}

function isTrace(value: unknown): value is CardRoutingTrace {
  if (typeof value !== 'object' || value === null) return false;
  const trace = value as Record<string, unknown>;
  return typeof trace.rule === 'string' && Array.isArray(trace.steps) && Array.isArray(trace.rulesSkipped);
}

export function cardService(deps: CardServiceDeps): CardService {
  const { store, assignments, queue, clock, portals, overrides } = deps;

  const catalog = templateCatalog(deps);

  async function conversationOfTenant(portal: PortalTenant, conversationId: unknown): Promise<Conversation> {
    const conversation =
      typeof conversationId === 'string' && conversationId !== ''
        ? await store.getConversation(conversationId)
        : undefined;
    // Another tenant's conversation is answered exactly like a missing one.
    if (conversation === undefined || conversation.tenantId !== portal.tenant.id)
      throw new LeadwireError('NOT_FOUND', 'Leadwire has no such conversation for this HubSpot account.');
    return conversation;
  }

  async function ownerOfCaller(portal: PortalTenant, caller: HubspotCaller): Promise<string | undefined> {
    if (caller.userId === undefined) return undefined;
    return portals.ownerIdOfUser(portal.tenant.id, caller.userId);
  }

  /** Owner names for the card: routing's users, then the portal's owners when HubSpot answers. */
  async function userLabels(tenant: TenantConfig): Promise<Record<string, string>> {
    const users: Record<string, string> = {};
    for (const user of tenant.routing?.users ?? []) if (user.name !== undefined) users[user.id] = user.name;
    try {
      for (const owner of await portals.owners(tenant.id))
        if (owner.name !== undefined) users[owner.id] ??= owner.name;
    } catch {
      // labels are a nicety: the card shows ids when HubSpot cannot be asked now
    }
    return users;
  }

  async function messagesOf(
    conversation: Conversation,
  ): Promise<{ messages: CardMessage[]; omitted: number }> {
    const events = await store.conversationEvents(conversation.id, { limit: TRANSCRIPT_EVENTS + 1 });
    let omitted = 0;
    if (events.length > TRANSCRIPT_EVENTS) {
      omitted = events.length - TRANSCRIPT_EVENTS;
      events.splice(0, omitted);
    }
    const messages: Array<CardMessage & { order: number }> = [];
    const visible = events.filter(
      ({ event }) =>
        event.type !== 'system' &&
        event.type !== 'edit' &&
        event.type !== 'revoke' &&
        event.type !== 'request_welcome',
    );
    // The customer edited or deleted a message: it reads as it is now, marked (the latest change wins).
    const revisions = new Map<string, string>();
    const deleted = new Set<string>();
    for (const { event } of events)
      if ((event.type === 'edit' || event.type === 'revoke') && event.originalMessageId !== undefined) {
        if (event.type === 'revoke') deleted.add(event.originalMessageId);
        revisions.set(
          event.originalMessageId,
          event.type === 'edit'
            ? revisedText('edited', messageText(event))
            : revisedText('deleted', undefined),
        );
      }
    const statuses = await Promise.all(
      visible.map(({ event }) => (event.kind === 'echo' ? store.getStatus(event.id) : undefined)),
    );
    visible.forEach(({ event, seq }, i) => {
      const text = revisions.get(event.id) ?? messageText(event);
      const note = conversation.voiceNotes?.[event.id];
      const author = event.kind === 'message' ? 'customer' : 'human';
      const authorName = event.kind === 'echo' ? echoAuthor(event) : undefined;
      const status = cardStatus(statuses[i]?.status);
      messages.push({
        order: seq,
        id: event.id,
        author,
        ...(authorName === undefined ? {} : { authorName }),
        at: event.timestamp,
        kind: messageKind(event),
        ...(text === undefined ? {} : { text }),
        ...(deleted.has(event.id) || (note === undefined && event.type !== 'audio')
          ? {}
          : {
              voice: {
                ...(note?.transcript === undefined ? {} : { transcript: note.transcript }),
                ...(note?.language === undefined ? {} : { language: note.language }),
                ...(note === undefined
                  ? { failure: 'pending' }
                  : note.failure === undefined
                    ? {}
                    : { failure: note.failure }),
              },
            }),
        ...(status === undefined ? {} : { status }),
      });
    });
    // The agent's replies: lines not yet written to the CRM carry their wamid (and so a status); the agent's
    // memory (`agent.history`, capped) has the older ones, without ids.
    const firstAt = events[0] === undefined ? undefined : Date.parse(events[0].event.timestamp);
    const seen = new Set<string>();
    const agentLines = (conversation.transcript ?? []).filter((line) => line.author === 'agent');
    const lineStatuses = await Promise.all(agentLines.map((line) => store.getStatus(line.wamid)));
    agentLines.forEach((line, i) => {
      seen.add(`${line.sentAt}|${line.text ?? ''}`);
      const status = cardStatus(lineStatuses[i]?.status);
      messages.push({
        order: Number.MAX_SAFE_INTEGER,
        id: line.wamid,
        author: 'agent',
        at: line.sentAt,
        kind: 'text',
        ...(line.text === undefined ? {} : { text: line.text }),
        ...(status === undefined ? {} : { status }),
      });
    });
    for (const line of conversation.agent?.history ?? []) {
      if (line.author !== 'agent' || seen.has(`${line.at}|${line.text}`)) continue;
      // older than the oldest event shown: left out with them
      if (omitted > 0 && firstAt !== undefined && Date.parse(line.at) < firstAt) continue;
      messages.push({
        order: Number.MAX_SAFE_INTEGER,
        id: `agent:${line.at}`,
        author: 'agent',
        at: line.at,
        kind: 'text',
        text: line.text,
      });
    }
    messages.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.order - b.order);
    return { messages: messages.map(({ order: _, ...message }) => message), omitted };
  }

  async function conversationCard(portal: PortalTenant, conversation: Conversation): Promise<CardData> {
    const tenant = portal.tenant;
    const routing: RoutingConfig | undefined = tenant.routing;
    const { messages, omitted } = await messagesOf(conversation);
    const assignment = await assignments.get(conversation.id);
    const parsedSignals = signalsSchema.safeParse(conversation.signals);
    const signals = (parsedSignals.success ? parsedSignals.data : {}) as CardSignals;
    const decision = conversation.agent?.decision;
    const model = conversation.agent?.model;
    const language = conversation.agent?.language ?? tenant.intake?.languages[0];
    const services = Object.fromEntries(
      (tenant.intake?.services ?? []).flatMap((service) => {
        const name = firstName(service.names, language);
        return name === undefined ? [] : [[service.id, name]];
      }),
    );
    const areas = Object.fromEntries(
      (tenant.intake?.areas ?? []).flatMap((area) => {
        const name = firstName(area.names, language);
        return name === undefined ? [] : [[area.id, name]];
      }),
    );
    const users = await userLabels(tenant);
    const waId =
      conversation.user.waId ??
      conversation.user.phone?.replace(/\D/g, '') ??
      conversation.id.split(':')[1] ??
      '';
    const lastEvent = await store.conversationEvents(conversation.id, { limit: 1 });
    const displayDigits = lastEvent[0]?.event.displayPhoneNumber?.replace(/\D/g, '');
    // The SLA: for a user assignment made by routing, until it is answered (a person wrote after it) or closed.
    let sla: { dueAt?: string; maxHops: number } | undefined;
    if (routing !== undefined && assignment !== undefined && assignment.assignee.kind === 'user') {
      const answered =
        conversation.humanAt !== undefined && Date.parse(conversation.humanAt) >= assignment.at;
      const running =
        !assignment.closed &&
        !answered &&
        (assignment.source === 'routing' ||
          assignment.source === 'reroute' ||
          assignment.source === 'continuation');
      sla = {
        maxHops: routing.sla.maxHops,
        ...(running ? { dueAt: iso(assignment.at + slaDelayMs(routing, assignment.urgent)) } : {}),
      };
    }
    const windowExpiresAt = await windowClosesAt(store, conversation);
    let replyBlockedReason: string | undefined;
    if (portal.status === 'revoked')
      replyBlockedReason = 'Leadwire lost access to this HubSpot account: reinstall the app to reply.';
    else if (deps.messenger === undefined || !deps.canSendFrom(conversation.phoneNumberId))
      replyBlockedReason =
        'Leadwire has no WhatsApp access for this business number, so it cannot send replies.';
    const data: CardData = {
      version: 1,
      conversation: {
        id: conversation.id,
        state: conversation.state,
        customer: {
          waId: /^\d+$/.test(waId) ? waId : '0',
          ...(conversation.user.name === undefined ? {} : { name: conversation.user.name }),
          ...(conversation.user.phone !== undefined
            ? { phone: conversation.user.phone }
            : /^\d+$/.test(waId)
              ? { phone: `+${waId}` }
              : {}),
        },
        business: {
          phoneNumberId: conversation.phoneNumberId,
          ...(displayDigits ? { displayNumber: `+${displayDigits}` } : {}),
        },
        messages,
        ...(omitted > 0 ? { olderMessagesOmitted: omitted } : {}),
        signals,
        labels: { users, services, areas },
        ...(decision === undefined
          ? {}
          : {
              decision: {
                decision: decision.decision,
                reasons: [...decision.reasons],
                at: decision.at,
                ...(model?.asked === undefined
                  ? {}
                  : {
                      model: {
                        asked: model.asked,
                        why: [...(model.why ?? [])],
                        ...(model.failed === undefined ? {} : { failed: model.failed }),
                      },
                    }),
              },
            }),
        ...(assignment === undefined
          ? {}
          : {
              routing: {
                assignment: cardAssignment(assignment),
                ...(assignment.source !== 'manual' &&
                assignment.source !== 'claim' &&
                isTrace(assignment.trace)
                  ? { trace: assignment.trace }
                  : {}),
              },
            }),
        ...(sla === undefined ? {} : { sla }),
        window: {
          ...(windowExpiresAt === undefined ? {} : { expiresAt: windowExpiresAt }),
          ...(conversation.lastInboundAt === undefined ? {} : { lastInboundAt: conversation.lastInboundAt }),
        },
        ...(replyBlockedReason === undefined ? {} : { replyBlockedReason }),
      },
    };
    // Keep under hubspot.fetch's 1 MB: drop the oldest messages first.
    const card = data.conversation!;
    while (card.messages.length > 1 && Buffer.byteLength(JSON.stringify(data)) > MAX_CARD_BYTES) {
      const drop = Math.max(1, Math.floor(card.messages.length / 10));
      card.messages.splice(0, drop);
      card.olderMessagesOmitted = (card.olderMessagesOmitted ?? 0) + drop;
    }
    return data;
  }

  function routingInput(tenant: TenantConfig, override: RoutingConfigInput | undefined): RoutingConfigInput {
    if (override !== undefined) return override;
    // The file's section, as loaded (defaults filled in): a valid input of the same schema.
    return (tenant.routing ?? { users: [], groups: [], queues: [] }) as RoutingConfigInput;
  }

  return {
    async tenantOf(caller) {
      const portal = await portals.tenantOfPortal(caller.portalId);
      if (portal === undefined)
        throw new LeadwireError(
          'NOT_FOUND',
          'This HubSpot account is not connected to Leadwire. Install the app from your Leadwire tenant.',
        );
      return portal;
    },

    async card(portal, objectTypeId, objectId) {
      const type = OBJECT_TYPES[objectTypeId];
      if (type === undefined || !/^\d+$/.test(objectId))
        throw new LeadwireError(
          'VALIDATION',
          'The card works on contacts, leads, deals and tickets (objectTypeId 0-1, 0-136, 0-3, 0-5).',
        );
      const conversationId = await store.getStepResult(
        crmRefIndexKey('hubspot', portal.tenant.id, type, objectId),
      );
      if (typeof conversationId !== 'string') return { version: 1, conversation: null };
      const conversation = await store.getConversation(conversationId);
      if (conversation === undefined || conversation.tenantId !== portal.tenant.id)
        return { version: 1, conversation: null };
      return conversationCard(portal, conversation);
    },

    async claim(portal, caller, input) {
      const conversation = await conversationOfTenant(portal, input.conversationId);
      const ownerId = await ownerOfCaller(portal, caller);
      if (ownerId === undefined)
        throw new LeadwireError(
          'VALIDATION',
          'Your HubSpot user is not an owner in this account, so it cannot claim.',
        );
      const current = await assignments.get(conversation.id);
      if (current === undefined || current.version !== input.expectedVersion)
        throw new LeadwireError(
          'CONFLICT',
          'The conversation changed meanwhile; the card shows it as it is now.',
          {
            details: { current: current?.assignee },
          },
        );
      if (!isInPool(current))
        throw new LeadwireError('CONFLICT', 'The conversation is not waiting in the pool any more.', {
          details: { current: current.assignee },
        });
      const claim = claimFromPool(deps.routing.directoryFor(portal.tenant.id), ownerId);
      if (!claim.ok)
        throw new LeadwireError(
          'VALIDATION',
          `You cannot claim it: ${claim.reason === 'missing' ? 'you are not a routing user of this account' : claim.reason}.`,
        );
      const result = await assignments.assign({
        tenantId: portal.tenant.id,
        conversationId: conversation.id,
        assignee: claim.assignee,
        source: 'claim',
        urgent: current.urgent,
        at: clock.now(),
        expectedVersion: input.expectedVersion,
      });
      if (result.status !== 'assigned')
        throw new LeadwireError('CONFLICT', 'Someone else took the conversation first.', {
          details: { current: result.current?.assignee },
        });
      return result.assignment;
    },

    async reply(portal, caller, input) {
      const conversation = await conversationOfTenant(portal, input.conversationId);
      if ((input.text === undefined) === (input.template === undefined))
        throw new LeadwireError('VALIDATION', 'A reply is either a text or a template, not both or neither.');
      const text = input.text === undefined ? '' : replyText(input.text);
      if (portal.status === 'revoked')
        throw new LeadwireError(
          'AUTH_REVOKED',
          'Leadwire lost access to this HubSpot account: reinstall the app.',
        );
      const messenger = deps.messenger;
      if (messenger === undefined || !deps.canSendFrom(conversation.phoneNumberId))
        throw new LeadwireError('CONFLICT', 'Leadwire has no WhatsApp access for this business number.');
      const now = clock.now();
      if (input.template === undefined)
        assertWindowOpen(
          await windowClosesAt(store, conversation),
          now,
          'Pick an approved template instead.',
        );
      const message =
        input.template === undefined
          ? undefined
          : fillTemplate(await catalog.templatesOf(conversation), input.template);
      const words = message?.text ?? text;
      // Idempotent per request: the client's key, else the body — the same words to the same latest customer
      // message are sent once (a double click, HubSpot's retry), and may be sent again after the customer wrote.
      const recent = await store.conversationEvents(conversation.id, { limit: 50 });
      const lastInbound = [...recent].reverse().find(({ event }) => event.kind === 'message');
      const key = createHash('sha256')
        .update(
          JSON.stringify([
            portal.tenant.id,
            conversation.id,
            caller.userId ?? '',
            input.requestId ?? '',
            input.requestId === undefined
              ? input.template === undefined
                ? text
                : JSON.stringify(input.template)
              : '',
            input.requestId === undefined ? (lastInbound?.event.id ?? '') : '',
          ]),
        )
        .digest('hex');
      const wamid = await messenger.send(
        conversation.phoneNumberId,
        recipientOf(conversation),
        message ?? { kind: 'text', body: text },
        `hubspot-reply:${key}`,
      );
      // Recorded as a person's message: the next turn marks the conversation `human` (the agent stays silent)
      // and the CRM step writes it to the transcript. Its dedup key is the echo's, so a retry stores it once.
      let authorName: string | undefined;
      let ownerId: string | undefined;
      try {
        ownerId = await ownerOfCaller(portal, caller);
        if (ownerId !== undefined) authorName = (await userLabels(portal.tenant))[ownerId];
      } catch {
        // the name is a nicety
      }
      authorName ??= caller.userEmail;
      await recordPersonReply({ store, queue }, conversation, {
        wamid,
        text: words,
        at: now,
        object: 'leadwire.hubspot_reply',
        source: {
          source: 'hubspot-card',
          ...(message === undefined ? {} : { template: { name: message.name, language: message.language } }),
          portalId: caller.portalId,
          ...(caller.userId === undefined ? {} : { userId: caller.userId }),
          ...(ownerId === undefined ? {} : { ownerId }),
          ...(authorName === undefined ? {} : { authorName }),
        },
      });
      return { conversationId: conversation.id, wamid };
    },

    async templates(portal, conversationId) {
      const conversation = await conversationOfTenant(portal, conversationId);
      const templates = await catalog.templatesOf(conversation);
      const expiresAt = await windowClosesAt(store, conversation);
      return {
        windowOpen: windowOpen(expiresAt, clock.now()),
        ...(expiresAt === undefined ? {} : { windowExpiresAt: expiresAt }),
        templates: templates.map(templateOption),
      };
    },

    async settings(portal) {
      const tenant = portal.tenant;
      const override = await overrides.current(tenant.id);
      let owners: SettingsData['owners'] = [];
      let teams: SettingsData['teams'] = [];
      if (portal.status === 'connected') {
        const [ownerList, teamList] = await Promise.all([
          portals.owners(tenant.id),
          portals.teams(tenant.id),
        ]);
        owners = ownerList.map((owner) => ({
          id: owner.id,
          name: owner.name ?? owner.email ?? owner.id,
          ...(owner.email === undefined ? {} : { email: owner.email }),
          active: owner.active,
        }));
        teams = teamList;
      }
      const languages = tenant.intake?.languages ?? [];
      const first = languages[0];
      return {
        version: 1,
        connection: {
          portalId: Number(portal.portalId),
          status: portal.status,
          ...(portal.status === 'revoked'
            ? { message: 'Leadwire lost access to this HubSpot account. Reinstall the app to reconnect.' }
            : {}),
          ...(portal.installedAt === undefined ? {} : { installedAt: iso(portal.installedAt) }),
        },
        whatsappNumbers: tenant.whatsapp.phoneNumberIds.map((phoneNumberId) => ({
          phoneNumberId,
          displayNumber: phoneNumberId,
          status: deps.canSendFrom(phoneNumberId) ? 'connected' : 'disconnected',
        })),
        owners,
        teams,
        catalog: {
          services: (tenant.intake?.services ?? []).map((service) => ({
            id: service.id,
            name: firstName(service.names, first) ?? service.id,
          })),
          areas: (tenant.intake?.areas ?? []).map((area) => ({
            id: area.id,
            name: firstName(area.names, first) ?? area.id,
          })),
          languages: [...languages],
        },
        routing: routingInput(tenant, override?.routing),
      };
    },

    async saveSettings(portal, caller, input) {
      const tenant = portal.tenant;
      const checked = validateRouting(tenant, input);
      if (!checked.ok)
        throw new LeadwireError(
          'VALIDATION',
          'The routing settings have problems; fix them and save again.',
          {
            details: { issues: checked.issues },
          },
        );
      const routing = input as RoutingConfigInput;
      await overrides.save(
        tenant,
        {
          routing,
          savedAt: iso(clock.now()),
          savedBy: {
            portalId: caller.portalId,
            ...(caller.userId === undefined ? {} : { userId: caller.userId }),
            ...(caller.userEmail === undefined ? {} : { userEmail: caller.userEmail }),
          },
        },
        checked.routing,
      );
      return { routing };
    },
  };
}
