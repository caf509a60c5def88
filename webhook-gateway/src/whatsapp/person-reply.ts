// A person's reply on WhatsApp through Leadwire (the HubSpot card, the Salesforce record page, the sandbox's CRM
// view): the customer-service window rule, approved templates with their parameters, and the reply recorded as
// the person's message, so the next turn marks the conversation `human` (the agent stays silent) and the CRM
// step writes it to the transcript.
import { createHash } from 'node:crypto';
import {
  type Clock,
  type Config,
  type Conversation,
  type EchoEvent,
  type JobQueue,
  LeadwireError,
  type MessageTemplate,
  type Messenger,
  type Store,
} from '@leadwire/connector-core';
import { renderTemplateText, statedWindow } from './graph-messenger.ts';

/** WhatsApp caps a text message at 4,096 characters. */
export const MAX_REPLY_CHARS = 4096;

/** Templates are read from Meta at most this often per business account (Meta allows ~200 reads an hour). */
const TEMPLATE_CACHE_MS = 5 * 60_000;

/** A template to send, its parameter values in the order of the template's placeholders. */
export interface TemplateChoice {
  name: string;
  language: string;
  header?: string[];
  body?: string[];
}

/**
 * When WhatsApp's customer-service window closes (ISO), undefined before the customer wrote: 24 hours after
 * their last message, or later when a status of one of Leadwire's recent messages to them stated a
 * free-entry-point window that ends later (72 hours, for customers who came from an ad).
 */
export async function windowClosesAt(
  store: Pick<Store, 'conversationEvents' | 'getStepResult'>,
  conversation: Conversation,
): Promise<string | undefined> {
  const recent = await store.conversationEvents(conversation.id, { limit: 50 });
  const ours = recent.flatMap(({ event }) => (event.kind === 'echo' ? [event.id] : []));
  const lastReply = conversation.agent?.lastReplyWamid;
  const wamids = [...new Set([...(lastReply === undefined ? [] : [lastReply]), ...ours])];
  const stated = await Promise.all(
    wamids.map((wamid) => statedWindow(store, conversation.phoneNumberId, wamid)),
  );
  return [conversation.windowExpiresAt, ...stated]
    .filter((at): at is string => at !== undefined)
    .reduce<string | undefined>(
      (latest, at) => (latest === undefined || Date.parse(at) > Date.parse(latest) ? at : latest),
      undefined,
    );
}

/** Whether the window closing at `closesAt` (from {@link windowClosesAt}) is open at `now`. */
export function windowOpen(closesAt: string | undefined, now: number): boolean {
  return closesAt !== undefined && Date.parse(closesAt) > now;
}

/**
 * Refuses a free-form reply outside the window (WhatsApp answers 131047 to anything but an approved template),
 * with what to do instead (`instead`: how this place offers templates, or what else the person can do).
 */
export function assertWindowOpen(closesAt: string | undefined, now: number, instead: string): void {
  if (windowOpen(closesAt, now)) return;
  throw new LeadwireError(
    'CONFLICT',
    closesAt === undefined
      ? `The customer has not written yet: WhatsApp allows only template messages until they do. ${instead}`
      : `WhatsApp's 24-hour window closed at ${closesAt}: only template messages can be sent until the customer writes again. ${instead}`,
  );
}

/** The text of a free-form reply, trimmed, or VALIDATION when it is empty or too long. */
export function replyText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '' || [...trimmed].length > MAX_REPLY_CHARS)
    throw new LeadwireError('VALIDATION', `A reply is 1 to ${MAX_REPLY_CHARS} characters.`);
  return trimmed;
}

/** A template ready to send, with its words as the transcript shows them. */
export type FilledTemplate = ReturnType<typeof fillTemplate>;

/** The chosen template as a message, or VALIDATION naming what is wrong (unknown, not approved, parameters). */
export function fillTemplate(templates: readonly MessageTemplate[], choice: TemplateChoice) {
  const template = templates.find((t) => t.name === choice.name && t.language === choice.language);
  if (template === undefined)
    throw new LeadwireError('VALIDATION', `There is no template ${choice.name} in ${choice.language}.`);
  if (template.status !== 'APPROVED')
    throw new LeadwireError(
      'VALIDATION',
      `Template ${template.name} is ${template.status}: only approved templates can be sent.`,
    );
  const fill = (names: string[], values: string[] | undefined, part: string) => {
    const given = (values ?? []).map((v) => v.trim());
    if (given.length !== names.length || given.some((v) => v === ''))
      throw new LeadwireError(
        'VALIDATION',
        `Template ${template.name} needs ${names.length} ${part} value${names.length === 1 ? '' : 's'} (${names.map((n) => `{{${n}}}`).join(', ') || 'none'}).`,
      );
    return given.map((value, i) =>
      template.parameterFormat === 'NAMED' ? { name: names[i]!, text: value } : { text: value },
    );
  };
  const header = fill(template.headerParameters, choice.header, 'header');
  const body = fill(template.bodyParameters, choice.body, 'body');
  return {
    kind: 'template' as const,
    name: template.name,
    language: template.language,
    ...(header.length === 0 ? {} : { header }),
    ...(body.length === 0 ? {} : { body }),
    text: renderTemplateText(template, header, body),
  };
}

/** A template as a person picks it: what it says, what it takes, and whether it can be sent. */
export function templateOption(t: MessageTemplate) {
  return {
    name: t.name,
    language: t.language,
    status: t.status,
    category: t.category,
    ...(t.header === undefined ? {} : { header: t.header }),
    body: t.body,
    ...(t.footer === undefined ? {} : { footer: t.footer }),
    headerParameters: t.headerParameters,
    bodyParameters: t.bodyParameters,
    sendable: t.status === 'APPROVED',
    ...(t.rejectedReason === undefined ? {} : { rejectedReason: t.rejectedReason }),
  };
}

/** The business accounts' templates, read through the Graph API and cached a few minutes per account. */
export interface TemplateCatalog {
  /** the templates of the conversation's WhatsApp Business Account; CONFLICT without WhatsApp access */
  templatesOf(conversation: Conversation): Promise<MessageTemplate[]>;
}

export function templateCatalog(deps: {
  config: Config;
  store: Pick<Store, 'conversationEvents'>;
  clock: Clock;
  messenger?: Messenger | undefined;
  canSendFrom(phoneNumberId: string): boolean;
}): TemplateCatalog {
  const { config, store, clock, messenger } = deps;
  const cache = new Map<string, { at: number; templates: Promise<MessageTemplate[]> }>();
  return {
    async templatesOf(conversation) {
      if (messenger?.listTemplates === undefined || !deps.canSendFrom(conversation.phoneNumberId))
        throw new LeadwireError('CONFLICT', 'Leadwire has no WhatsApp access for this business number.');
      const tenant = config.tenants.find((t) => t.id === conversation.tenantId);
      let wabaId = tenant?.whatsapp.wabaId;
      if (wabaId === undefined) {
        const recent = await store.conversationEvents(conversation.id, { limit: 50 });
        wabaId = [...recent].reverse().find(({ event }) => event.wabaId !== undefined)?.event.wabaId;
      }
      if (wabaId === undefined)
        throw new LeadwireError(
          'VALIDATION',
          'Leadwire does not know this number’s WhatsApp Business Account: set whatsapp.wabaId in the tenant’s config.',
        );
      const cacheKey = `${conversation.phoneNumberId}:${wabaId}`;
      const cached = cache.get(cacheKey);
      if (cached !== undefined && clock.now() - cached.at < TEMPLATE_CACHE_MS) return cached.templates;
      const templates = messenger.listTemplates(conversation.phoneNumberId, wabaId);
      cache.set(cacheKey, { at: clock.now(), templates });
      templates.catch(() => cache.delete(cacheKey));
      return templates;
    },
  };
}

/**
 * Records a reply Leadwire sent for a person as their message (an echo, as if written in the WhatsApp Business
 * app) and schedules the conversation's turn. Its dedup key is the echo's (`e:<phoneNumberId>:<wamid>`), so
 * recording the same send twice stores it once. `source` says where it was written (kept in the echo's raw).
 */
export async function recordPersonReply(
  deps: { store: Pick<Store, 'ingest'>; queue: Pick<JobQueue, 'scheduleTurn'> },
  conversation: Conversation,
  reply: { wamid: string; text: string; at: number; object: string; source: Record<string, unknown> },
): Promise<void> {
  const event: EchoEvent = {
    kind: 'echo',
    type: 'text',
    phoneNumberId: conversation.phoneNumberId,
    timestamp: new Date(reply.at).toISOString(),
    id: reply.wamid,
    user: { ...conversation.user },
    text: reply.text,
    raw: { leadwire: reply.source },
  };
  const rawBody = Buffer.from(JSON.stringify({ object: reply.object, event }));
  await deps.store.ingest({
    id: createHash('sha256').update(rawBody).digest('hex'),
    rawBody,
    receivedAt: reply.at,
    events: [
      {
        event,
        dedupKey: `e:${conversation.phoneNumberId}:${reply.wamid}`,
        tenantId: conversation.tenantId,
        conversationKey: conversation.id,
      },
    ],
  });
  await deps.queue.scheduleTurn(conversation.id);
}
