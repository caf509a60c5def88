// CrmPort: what Leadwire needs from a CRM (HubSpot, Salesforce). Implemented by hubspot-app and
// salesforce-package; every method is idempotent under the keys it is given.
import type { Conversation } from '../model/conversation.ts';

export interface CrmPerson {
  id: string;
  ownerId?: string;
}

export interface CrmRecordRef {
  id: string;
  kind: 'lead' | 'opportunity' | 'inquiry' | 'task' | 'person';
}

export interface CrmOwner {
  id: string;
  email?: string;
  name?: string;
  active: boolean;
  teams: string[];
}

export interface CrmTranscriptLine {
  wamid: string;
  direction: 'inbound' | 'outbound';
  author: 'customer' | 'agent' | 'human';
  sentAt: string;
  text?: string;
  transcription?: string;
  mediaId?: string;
  /** what the media is (the WhatsApp message type: audio, image, video, document, sticker), with its media id */
  mediaType?: string;
  /** a voice note recorded in WhatsApp (an audio message WhatsApp marks as voice) */
  voice?: boolean;
  /** a document's file name */
  filename?: string;
  /** The customer edited or deleted the message: `text` is its marked new version. */
  change?: 'edited' | 'deleted';
  /**
   * Set when the line revises a record already written (the edit's or revoke's own wamid): update that
   * record's text once per `changeId`, keeping its time, or write it when it was never written. Absent when
   * the change was folded into a line not yet written (an ordinary first write).
   */
  changeId?: string;
}

export interface CrmLeadDetails {
  /** why routing chose the owner (rule, fallback), for reporting in the CRM */
  routingReason?: string;
}

/**
 * Everything the "crm" step writes in one turn, for a CRM that writes it in one request (Salesforce: one
 * composite). Each part is present only when the step would otherwise have called the matching method.
 */
export interface CrmTurnWrite {
  /** instead of `upsertLead(conversation, ownerId, details)` */
  lead?: { ownerId: string | undefined; details?: CrmLeadDetails };
  /** instead of `upsertInquiry(conversation, ownerId, reason)` */
  inquiry?: { ownerId: string | undefined; reason: string };
  /** instead of `createTask(conversation, task)` */
  task?: { key: string; ownerId: string; subject: string; urgent: boolean; dueAt: string };
  /** instead of `writeTranscript(conversation, lines)`; may be empty */
  lines: CrmTranscriptLine[];
  /**
   * With a Lead or Inquiry: routing's trace of the current assignment (`RoutingTrace` as stored with it: rule,
   * rules skipped, steps with candidates), for a CRM that shows it on its card
   */
  routingTrace?: unknown;
}

/** What `writeTurn` wrote: the person (created now when `crmRefs.person` was unset) and each part's record. */
export interface CrmTurnResult {
  person: CrmPerson;
  lead?: CrmRecordRef;
  inquiry?: CrmRecordRef;
  task?: CrmRecordRef;
}

export interface CrmPort {
  readonly kind: 'hubspot' | 'salesforce';
  upsertPerson(conversation: Conversation): Promise<CrmPerson>;
  writeTranscript(conversation: Conversation, lines: CrmTranscriptLine[]): Promise<void>;
  upsertLead(
    conversation: Conversation,
    ownerId: string | undefined,
    /** optional extras a CRM may record with the Lead (e.g. why routing chose the owner) */
    details?: CrmLeadDetails,
  ): Promise<CrmRecordRef>;
  upsertInquiry(
    conversation: Conversation,
    ownerId: string | undefined,
    reason: string,
  ): Promise<CrmRecordRef>;
  createTask(
    conversation: Conversation,
    task: { key: string; ownerId: string; subject: string; urgent: boolean; dueAt: string },
  ): Promise<CrmRecordRef>;
  taskOpen(taskId: string): Promise<boolean>;
  listOwners(): Promise<CrmOwner[]>;
  /** users online now, where the CRM reports presence; undefined where it has none */
  presence(): Promise<Set<string> | undefined>;
  /**
   * Optional: the owner the CRM shows now on the record Leadwire wrote for the conversation (its Lead, else its
   * Inquiry), so routing follows a reassignment made inside the CRM; undefined when there is no record yet.
   */
  recordOwner?(conversation: Conversation): Promise<string | undefined>;
  /**
   * Optional (Salesforce): find the person without creating one — the "crm-person" step calls it instead of
   * `upsertPerson` and leaves `crmRefs.person` unset when it answers undefined; `writeTurn` then creates the
   * person in the same request as the turn's other writes.
   */
  findPerson?(conversation: Conversation): Promise<CrmPerson | undefined>;
  /**
   * Optional (Salesforce): the turn's writes in one request — the "crm" step calls it once instead of
   * `upsertPerson` (when `crmRefs.person` is unset), `upsertLead`/`upsertInquiry`, `createTask` and
   * `writeTranscript`, and records the ids it answers in `crmRefs`. Idempotent like the methods it replaces.
   */
  writeTurn?(conversation: Conversation, turn: CrmTurnWrite): Promise<CrmTurnResult>;
}
