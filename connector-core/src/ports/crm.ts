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
}

export interface CrmLeadDetails {
  /** why routing chose the owner (rule, fallback), for reporting in the CRM */
  routingReason?: string;
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
}
