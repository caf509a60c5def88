// The CRM turn steps. The CRM only hears of a conversation once intake made it a Lead or an Inquiry — sales
// teams see finished work, not half-asked questions — and then in as few calls as the budgets allow:
// - "crm-person" (before routing): find or create the customer's person record once, learning its existing
//   owner so routing can continue with them;
// - "crm" (after the reply): the Lead or Inquiry with its owner, the owner's task, and every transcript line
//   not yet written, in one batch. Each call is idempotent under the keys it is given, so a re-run after a
//   crash writes nothing twice; what was written is remembered in `crmRefs`.
import type { Conversation, TranscriptLine } from '../model/conversation.ts';
import { signalsSchema } from '../model/signals.ts';
import type { CrmPort } from '../ports/crm.ts';
import type { StoredEvent } from '../ports/store.ts';
import type { TurnHandler, TurnStep } from '../ports/turn-handler.ts';

export interface CrmTaskPolicy {
  /** an urgent lead's task is due this soon (default 30 minutes) */
  urgentDueMinutes: number;
  /** any other task is due this soon (default 24 hours) */
  dueHours: number;
}

export const DEFAULT_TASK_POLICY: CrmTaskPolicy = { urgentDueMinutes: 30, dueHours: 24 };

export interface CrmStepsOptions {
  /** the tenant's CRM; none = nothing is written */
  crmFor(tenantId: string): CrmPort | undefined;
  clock: { now(): number };
  taskPolicyFor?: (tenantId: string) => CrmTaskPolicy | undefined;
}

/** Lines the transcript keeps, at most; older unwritten lines are dropped first (the CRM was unreachable). */
const MAX_PENDING_LINES = 500;

const handedOver = (conversation: Conversation): boolean =>
  conversation.state === 'handed_over' ||
  conversation.state === 'inquiry' ||
  (conversation.state === 'human' &&
    (conversation.stateBeforeHuman === 'handed_over' || conversation.stateBeforeHuman === 'inquiry'));

/** The turn's customer messages and a person's echoes as transcript lines (voice notes with their words). */
export function turnLines(conversation: Conversation, events: readonly StoredEvent[]): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  for (const { event } of events) {
    if (event.kind !== 'message' && event.kind !== 'echo') continue;
    const note = conversation.voiceNotes?.[event.id];
    const text =
      event.text ??
      event.media?.caption ??
      event.interactive?.title ??
      event.button?.text ??
      (event.location === undefined
        ? undefined
        : [
            event.location.name,
            event.location.address,
            `${event.location.latitude},${event.location.longitude}`,
          ]
            .filter(Boolean)
            .join(' — '));
    lines.push({
      wamid: event.id,
      direction: event.kind === 'message' ? 'inbound' : 'outbound',
      author: event.kind === 'message' ? 'customer' : 'human',
      sentAt: event.timestamp,
      ...(text === undefined ? {} : { text }),
      ...(note?.transcript === undefined ? {} : { transcription: note.transcript }),
      ...(event.media === undefined ? {} : { mediaId: event.media.id }),
    });
  }
  return lines;
}

/** The owner's task subject: what and where, as a sales rep scans a task list. */
function taskSubject(conversation: Conversation): string {
  const signals = signalsSchema.parse(conversation.signals);
  const what = signals.serviceType?.value ?? (conversation.state === 'inquiry' ? 'inquiry' : 'lead');
  const where = signals.location?.value.areaId ?? signals.location?.value.text;
  const who = conversation.user.name ?? conversation.user.phone ?? 'a customer';
  const kind = conversation.state === 'inquiry' ? 'WhatsApp inquiry' : 'WhatsApp lead';
  return `${kind}: ${what}${where === undefined ? '' : ` in ${where}`} — ${who}`;
}

export function crmSteps(options: CrmStepsOptions): { person: TurnStep; write: TurnStep } {
  const { crmFor, clock } = options;

  const person: TurnStep = {
    name: 'crm-person',
    async run({ conversation }) {
      const crm = crmFor(conversation.tenantId);
      if (crm === undefined || !handedOver(conversation) || conversation.crmRefs.person !== undefined)
        return conversation;
      const found = await crm.upsertPerson(conversation);
      return {
        ...conversation,
        crmRefs: {
          ...conversation.crmRefs,
          person: found.id,
          ...(found.ownerId === undefined ? {} : { personOwner: found.ownerId }),
        },
      };
    },
  };

  const write: TurnStep = {
    name: 'crm',
    async run({ conversation, events }) {
      const crm = crmFor(conversation.tenantId);
      const pending = [...(conversation.transcript ?? []), ...turnLines(conversation, events)]
        // by time; at the same moment the customer's message comes before the answer to it
        .sort(
          (a, b) =>
            Date.parse(a.sentAt) - Date.parse(b.sentAt) ||
            Number(a.direction === 'outbound') - Number(b.direction === 'outbound'),
        )
        .slice(-MAX_PENDING_LINES);
      if (crm === undefined) return conversation;
      if (!handedOver(conversation)) return { ...conversation, transcript: pending };
      const refs = { ...conversation.crmRefs };
      if (refs.person === undefined) {
        const found = await crm.upsertPerson(conversation);
        refs.person = found.id;
        if (found.ownerId !== undefined) refs.personOwner = found.ownerId;
      }
      const current = { ...conversation, crmRefs: refs };
      const state = conversation.state === 'human' ? conversation.stateBeforeHuman : conversation.state;
      // Queues and the pool own no record; a queue's id is the CRM's own (Salesforce queues own Leads and Cases).
      const owner = conversation.ownerId;
      if (state === 'handed_over' && (refs.lead === undefined || refs.leadOwner !== owner)) {
        const reasons = conversation.agent?.decision?.reasons ?? [];
        const lead = await crm.upsertLead(current, owner, { routingReason: reasons.join(', ') });
        refs.lead = lead.id;
        if (owner === undefined) delete refs.leadOwner;
        else refs.leadOwner = owner;
      }
      if (state === 'inquiry' && (refs.inquiry === undefined || refs.inquiryOwner !== owner)) {
        const reasons = conversation.agent?.decision?.reasons ?? [];
        const inquiry = await crm.upsertInquiry(current, owner, reasons.join(', '));
        refs.inquiry = inquiry.id;
        if (owner === undefined) delete refs.inquiryOwner;
        else refs.inquiryOwner = owner;
      }
      if (owner !== undefined && refs.taskOwner !== owner) {
        const policy = options.taskPolicyFor?.(conversation.tenantId) ?? DEFAULT_TASK_POLICY;
        const urgent = signalsSchema.parse(conversation.signals).urgency?.value === 'urgent';
        const dueMs = urgent ? policy.urgentDueMinutes * 60_000 : policy.dueHours * 3_600_000;
        const task = await crm.createTask(current, {
          key: `${conversation.id}:task:${owner}`,
          ownerId: owner,
          subject: taskSubject(conversation),
          urgent,
          dueAt: new Date(clock.now() + dueMs).toISOString(),
        });
        refs.task = task.id;
        refs.taskOwner = owner;
      }
      if (pending.length > 0) await crm.writeTranscript({ ...current, crmRefs: refs }, pending);
      return { ...conversation, crmRefs: refs, transcript: [] };
    },
  };

  return { person, write };
}

/** The intake handler with the CRM steps: the person before routing (or before "reply"), the writes last. */
export function withCrmSteps(
  handler: TurnHandler,
  steps: { person: TurnStep; write: TurnStep },
): TurnHandler {
  const list = [...handler.steps];
  const before = list.findIndex((step) => step.name === 'route' || step.name === 'reply');
  list.splice(before === -1 ? list.length : before, 0, steps.person);
  list.push(steps.write);
  return { steps: list };
}
