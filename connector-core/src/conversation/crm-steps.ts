// The CRM turn steps. The CRM only hears of a conversation once intake made it a Lead or an Inquiry — sales
// teams see finished work, not half-asked questions — and then in as few calls as the budgets allow:
// - "crm-person" (before routing): find or create the customer's person record once, learning its existing
//   owner so routing can continue with them;
// - "crm" (after the reply): the Lead or Inquiry with its owner, the owner's task, and every transcript line
//   not yet written, in one batch. Each call is idempotent under the keys it is given, so a re-run after a
//   crash writes nothing twice; what was written is remembered in `crmRefs`.
import type { Conversation, TranscriptLine } from '../model/conversation.ts';
import { messageText } from '../model/message-text.ts';
import { signalsOf } from '../model/signals.ts';
import type { Assignments } from '../ports/assignments.ts';
import type { CrmPort, CrmTurnResult, CrmTurnWrite } from '../ports/crm.ts';
import type { Store, StoredEvent } from '../ports/store.ts';
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
  /** routing's assignments: a Lead or Inquiry write carries the current assignment's trace (`routingTrace`) */
  assignments?: Pick<Assignments, 'get'>;
}

/** Lines the transcript keeps, at most; older unwritten lines are dropped first (the CRM was unreachable). */
const MAX_PENDING_LINES = 500;

const handedOver = (conversation: Conversation): boolean =>
  conversation.state === 'handed_over' ||
  conversation.state === 'inquiry' ||
  (conversation.state === 'human' &&
    (conversation.stateBeforeHuman === 'handed_over' || conversation.stateBeforeHuman === 'inquiry'));

/** How a revised message reads in the CRM: marked, so nobody mistakes it for what was first said. */
export function revisedText(change: 'edited' | 'deleted', text: string | undefined): string {
  return change === 'deleted' ? '🗑 (deleted by the customer)' : `✏️ (edited) ${text ?? ''}`.trimEnd();
}

/**
 * The turn's customer messages and a person's echoes as transcript lines (voice notes with their words). An
 * edit or a revoke becomes a line revising the original message (same `wamid`, `change` set).
 */
export function turnLines(conversation: Conversation, events: readonly StoredEvent[]): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  for (const { event } of events) {
    if (event.kind !== 'message' && event.kind !== 'echo') continue;
    if (event.type === 'edit' || event.type === 'revoke') {
      if (event.originalMessageId === undefined) continue;
      const change = event.type === 'edit' ? 'edited' : 'deleted';
      lines.push({
        wamid: event.originalMessageId,
        direction: event.kind === 'message' ? 'inbound' : 'outbound',
        author: event.kind === 'message' ? 'customer' : 'human',
        sentAt: event.timestamp,
        text: revisedText(change, change === 'edited' ? messageText(event) : undefined),
        change,
        changeId: event.id,
        ...(change === 'edited' && event.media !== undefined ? { mediaId: event.media.id } : {}),
      });
      continue;
    }
    const note = conversation.voiceNotes?.[event.id];
    const text = messageText(event);
    lines.push({
      wamid: event.id,
      direction: event.kind === 'message' ? 'inbound' : 'outbound',
      author: event.kind === 'message' ? 'customer' : 'human',
      sentAt: event.timestamp,
      ...(text === undefined ? {} : { text }),
      ...(note?.transcript === undefined ? {} : { transcription: note.transcript }),
      ...(event.media === undefined
        ? {}
        : {
            mediaId: event.media.id,
            mediaType: event.type,
            ...(event.media.voice === undefined ? {} : { voice: event.media.voice }),
            ...(event.media.filename === undefined ? {} : { filename: event.media.filename }),
          }),
    });
  }
  return lines;
}

/**
 * Edits and deletions folded in (lines in time order): a revision of a line not yet written changes that line
 * in place (it keeps its time and is written once, marked); of a line already written, only the latest
 * revision per message stays, so a CRM updates each record once per turn.
 */
export function applyRevisions(lines: readonly TranscriptLine[]): TranscriptLine[] {
  const out: TranscriptLine[] = [];
  for (const line of lines) {
    const at = line.change === undefined ? -1 : out.findIndex((l) => l.wamid === line.wamid);
    if (at < 0) {
      out.push(line);
      continue;
    }
    const { transcription: _heard, ...withoutWords } = out[at]!;
    const base = line.change === 'deleted' ? withoutWords : out[at]!;
    // Folded into a line not yet written, the change is marked but names no changeId: the line is a first
    // write (with its own time), not an update of a record.
    const folded = out[at]!.change === undefined || out[at]!.changeId === undefined;
    const { changeId: _earlier, ...rest } = base;
    out[at] = {
      ...rest,
      ...(line.text === undefined ? {} : { text: line.text }),
      change: line.change!,
      ...(folded || line.changeId === undefined ? {} : { changeId: line.changeId }),
      ...(line.mediaId === undefined ? {} : { mediaId: line.mediaId }),
    };
  }
  return out;
}

/** How a person is named in a task: the WhatsApp profile name, else the phone. */
export function customerLabel(conversation: Conversation): string {
  return conversation.user.name ?? conversation.user.phone ?? 'a customer';
}

/** Whether the conversation is urgent, and when a task about it is due by the tenant's policy. */
export function taskDue(
  conversation: Conversation,
  policy: CrmTaskPolicy,
  nowMs: number,
): { urgent: boolean; dueAt: string } {
  const urgent = signalsOf(conversation.signals).urgency?.value === 'urgent';
  const dueMs = urgent ? policy.urgentDueMinutes * 60_000 : policy.dueHours * 3_600_000;
  return { urgent, dueAt: new Date(nowMs + dueMs).toISOString() };
}

/**
 * The owner's task about a conversation. Its key is one per conversation and owner, so the turn's CRM step and
 * a re-route's notice write the same task once, whichever comes first.
 */
export function ownerTask(
  conversation: Conversation,
  ownerId: string,
  policy: CrmTaskPolicy,
  nowMs: number,
  subject = taskSubject(conversation),
): NonNullable<CrmTurnWrite['task']> {
  return {
    key: `${conversation.id}:task:${ownerId}`,
    ownerId,
    subject,
    ...taskDue(conversation, policy, nowMs),
  };
}

/** The owner's task subject: what and where, as a sales rep scans a task list. */
function taskSubject(conversation: Conversation): string {
  const signals = signalsOf(conversation.signals);
  const what = signals.serviceType?.value ?? (conversation.state === 'inquiry' ? 'inquiry' : 'lead');
  const where = signals.location?.value.areaId ?? signals.location?.value.text;
  const who = customerLabel(conversation);
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
      // A CRM that writes a turn in one request only looks the person up here (it creates them with the turn).
      const found =
        crm.findPerson === undefined
          ? await crm.upsertPerson(conversation)
          : await crm.findPerson(conversation);
      if (found === undefined) return conversation;
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

  /** What this turn must write: the parts whose record is missing or whose owner changed. */
  function plan(conversation: Conversation, lines: TranscriptLine[]): CrmTurnWrite {
    const refs = conversation.crmRefs;
    const state = conversation.state === 'human' ? conversation.stateBeforeHuman : conversation.state;
    // Queues and the pool own no task; a queue's id is the CRM's own (Salesforce queues own Leads and Cases).
    const owner = conversation.ownerId;
    const reasons = (conversation.agent?.decision?.reasons ?? []).join(', ');
    const turn: CrmTurnWrite = { lines };
    if (state === 'handed_over' && (refs.lead === undefined || refs.leadOwner !== owner))
      turn.lead = { ownerId: owner, details: { routingReason: reasons } };
    if (state === 'inquiry' && (refs.inquiry === undefined || refs.inquiryOwner !== owner))
      turn.inquiry = { ownerId: owner, reason: reasons };
    if (owner !== undefined && refs.taskOwner !== owner) {
      const policy = options.taskPolicyFor?.(conversation.tenantId) ?? DEFAULT_TASK_POLICY;
      turn.task = ownerTask(conversation, owner, policy, clock.now());
    }
    return turn;
  }

  /** The turn's writes one call each (HubSpot): person, Lead or Inquiry, task, then the transcript batch. */
  async function writeByParts(
    crm: CrmPort,
    conversation: Conversation,
    turn: CrmTurnWrite,
  ): Promise<CrmTurnResult> {
    const refs = { ...conversation.crmRefs };
    const person =
      refs.person === undefined
        ? await crm.upsertPerson(conversation)
        : { id: refs.person, ...(refs.personOwner === undefined ? {} : { ownerId: refs.personOwner }) };
    const current = { ...conversation, crmRefs: { ...refs, person: person.id } };
    const result: CrmTurnResult = { person };
    if (turn.lead !== undefined)
      result.lead = await crm.upsertLead(current, turn.lead.ownerId, turn.lead.details);
    if (turn.inquiry !== undefined)
      result.inquiry = await crm.upsertInquiry(current, turn.inquiry.ownerId, turn.inquiry.reason);
    if (turn.task !== undefined) result.task = await crm.createTask(current, turn.task);
    if (turn.lines.length > 0) await crm.writeTranscript(current, turn.lines);
    return result;
  }

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
      const revised = applyRevisions(pending);
      if (crm === undefined) return conversation;
      if (!handedOver(conversation)) return { ...conversation, transcript: revised };
      const turn = plan(conversation, revised);
      if ((turn.lead !== undefined || turn.inquiry !== undefined) && options.assignments !== undefined) {
        const trace = (await options.assignments.get(conversation.id))?.trace;
        if (trace !== undefined) turn.routingTrace = trace;
      }
      const result =
        crm.writeTurn === undefined
          ? await writeByParts(crm, conversation, turn)
          : await crm.writeTurn(conversation, turn);
      const refs: Record<string, string> = { ...conversation.crmRefs, person: result.person.id };
      if (result.person.ownerId !== undefined && refs.personOwner === undefined)
        refs.personOwner = result.person.ownerId;
      const owner = conversation.ownerId;
      const remember = (ref: 'lead' | 'inquiry' | 'task', id: string | undefined) => {
        if (id === undefined) return;
        refs[ref] = id;
        const ownerRef = `${ref}Owner`;
        if (owner === undefined) delete refs[ownerRef];
        else refs[ownerRef] = owner;
      };
      remember('lead', result.lead?.id);
      remember('inquiry', result.inquiry?.id);
      remember('task', result.task?.id);
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

// ---- reverse index: CRM record → conversation ----------------------------------------------------------------

/** HubSpot's fixed object type ids of the records the CRM steps write (research/hubspot.md §7). */
export const HUBSPOT_OBJECT_TYPES = { contact: '0-1', deal: '0-3', ticket: '0-5', lead: '0-136' } as const;

/**
 * The store key (step results, set-if-absent) naming the conversation a CRM record was written for:
 * `crm-ref:<crm kind>:<tenant id>:<object type>:<object id>`. Keyed by tenant, not portal: the CRM step knows
 * its tenant, and the card resolves the calling portal to its tenant first. `objectType` is HubSpot's
 * object type id (`0-1`, `0-136`, `0-3`, `0-5`); for Salesforce the Leadwire ref name (`person`, `lead`, `inquiry`).
 */
export function crmRefIndexKey(
  crm: CrmPort['kind'],
  tenantId: string,
  objectType: string,
  objectId: string,
): string {
  return `crm-ref:${crm}:${tenantId}:${objectType}:${objectId}`;
}

/**
 * The object types a `crmRefs` entry may be, per CRM. HubSpot's Lead is a Leads record (0-136) or, in `deal`
 * mode and on portals without the Leads object, a deal (0-3) — the port does not say which, so it is indexed
 * under both (object ids are per portal; a deal and a lead sharing an id would resolve to the same tenant's
 * conversation only). In `lifecycle` mode the Lead is the contact itself (`lead` = `person`).
 */
function indexedTypes(crm: CrmPort['kind'], ref: 'person' | 'lead' | 'inquiry'): string[] {
  if (crm === 'salesforce') return [ref];
  switch (ref) {
    case 'person':
      return [HUBSPOT_OBJECT_TYPES.contact];
    case 'lead':
      return [HUBSPOT_OBJECT_TYPES.lead, HUBSPOT_OBJECT_TYPES.deal];
    case 'inquiry':
      return [HUBSPOT_OBJECT_TYPES.ticket];
  }
}

/**
 * The step after "crm" that records the reverse index of the person, Lead and Inquiry the CRM steps wrote
 * (`crmRefIndexKey` → conversation id, set-if-absent, so a re-run writes nothing new). The CRM card resolves
 * the record it is shown on through it.
 */
export function crmRefIndexStep(options: {
  crmFor(tenantId: string): CrmPort | undefined;
  store: Pick<Store, 'putStepResult'>;
}): TurnStep {
  return {
    name: 'crm-ref-index',
    async run({ conversation }) {
      const crm = options.crmFor(conversation.tenantId);
      if (crm === undefined) return conversation;
      const writes: Promise<unknown>[] = [];
      for (const ref of ['person', 'lead', 'inquiry'] as const) {
        const id = conversation.crmRefs[ref];
        if (id === undefined || (ref === 'lead' && id === conversation.crmRefs.person)) continue;
        for (const type of indexedTypes(crm.kind, ref))
          writes.push(
            options.store.putStepResult(
              crmRefIndexKey(crm.kind, conversation.tenantId, type, id),
              conversation.id,
            ),
          );
      }
      await Promise.all(writes);
      return conversation;
    },
  };
}

/** The handler with the reverse-index step after the CRM writes (or last, when there is no "crm" step). */
export function withCrmRefIndex(handler: TurnHandler, step: TurnStep): TurnHandler {
  const list = [...handler.steps];
  const after = list.findIndex((s) => s.name === 'crm');
  list.splice(after === -1 ? list.length : after + 1, 0, step);
  return { steps: list };
}
