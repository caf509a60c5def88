// The Salesforce schema Leadwire writes: every custom object and field (and the standard fields it sets) with
// API names and types. The single source for the adapter, the emulator and the contract test that proves the
// SFDX metadata under force-app declares each custom object and field with a compatible type.
// Task custom fields are Activity fields in metadata (`objects/Activity/fields/…`), shared with Event.

export type SalesforceFieldType =
  | 'Id'
  | 'Text'
  | 'TextArea'
  | 'LongTextArea'
  | 'Phone'
  | 'Email'
  | 'Picklist'
  | 'Checkbox'
  | 'Number'
  | 'Date'
  | 'DateTime'
  | 'Lookup'
  | 'MasterDetail';

export interface SalesforceField {
  type: SalesforceFieldType;
  label: string;
  /** characters, for Text / TextArea / LongTextArea */
  length?: number;
  externalId?: boolean;
  unique?: boolean;
  /** external ids compare case-sensitively only where this is true */
  caseSensitive?: boolean;
  /** picklist values (restricted) */
  values?: readonly string[];
  /** lookup / master-detail target(s); polymorphic standard lookups list several */
  referenceTo?: readonly string[];
  /** relationship name (`<name>__r` on the child) for custom lookups and master-detail */
  relationship?: string;
  /** the child relationship name on the parent (e.g. `Messages__r`) */
  relationshipLabel?: string;
  required?: boolean;
  /** master-detail: the child may move to another parent (`reparentableMasterDetail`); upserts resend the parent */
  reparentable?: boolean;
  /** a standard field: present in every org, not declared in force-app */
  standard?: boolean;
}

export interface SalesforceObject {
  label: string;
  pluralLabel?: string;
  /** a custom object Leadwire's package declares (the standard objects only carry Leadwire's custom fields) */
  custom: boolean;
  /** where the custom fields of this object live in metadata (`Activity` for Task) */
  metadataObject?: string;
  fields: Readonly<Record<string, SalesforceField>>;
}

const std = (
  type: SalesforceFieldType,
  label: string,
  extra: Partial<SalesforceField> = {},
): SalesforceField => ({
  type,
  label,
  standard: true,
  ...extra,
});

/** Text(255), External ID, unique, case-sensitive: the key every idempotent upsert goes by (URL-safe values). */
const externalKey = (label: string): SalesforceField => ({
  type: 'Text',
  label,
  length: 255,
  externalId: true,
  unique: true,
  caseSensitive: true,
});

export const conversationStatusValues = [
  'new',
  'intake',
  'confirming',
  'handed_over',
  'inquiry',
  'human',
] as const;
export const urgencyValues = ['urgent', 'normal', 'unknown'] as const;
export const decisionValues = ['lead', 'inquiry', 'continue', 'silent'] as const;
export const directionValues = ['inbound', 'outbound'] as const;
export const authorValues = ['customer', 'agent', 'human'] as const;
export const messageTypeValues = ['text', 'voice', 'media', 'other'] as const;

export const salesforceSchema = {
  objects: {
    WhatsApp_Conversation__c: {
      label: 'WhatsApp Conversation',
      pluralLabel: 'WhatsApp Conversations',
      custom: true,
      fields: {
        Conversation_Key__c: externalKey('Conversation Key'),
        Phone_Number_Id__c: { type: 'Text', label: 'Business Phone Number Id', length: 64 },
        WhatsApp_Id__c: { type: 'Text', label: 'WhatsApp Id (wa_id)', length: 64 },
        WhatsApp_User_Id__c: { type: 'Text', label: 'WhatsApp User Id', length: 255 },
        Phone__c: { type: 'Phone', label: 'Phone' },
        Customer_Name__c: { type: 'Text', label: 'Customer Name', length: 255 },
        Status__c: { type: 'Picklist', label: 'Status', values: conversationStatusValues },
        Urgency__c: { type: 'Picklist', label: 'Urgency', values: urgencyValues },
        Decision__c: { type: 'Picklist', label: 'Decision', values: decisionValues },
        Decision_Reasons__c: { type: 'LongTextArea', label: 'Decision Reasons', length: 32768 },
        Service_Type__c: { type: 'Text', label: 'Service Type', length: 255 },
        Service_Area__c: { type: 'Text', label: 'Service Area', length: 255 },
        Language__c: { type: 'Text', label: 'Language', length: 16 },
        Timing__c: { type: 'Text', label: 'Timing', length: 255 },
        Routing_Trace__c: { type: 'LongTextArea', label: 'Routing Trace', length: 32768 },
        Routed_Owner_Id__c: { type: 'Text', label: 'Routed Owner Id', length: 18 },
        SLA_Due__c: { type: 'DateTime', label: 'SLA Due' },
        Last_Message_At__c: { type: 'DateTime', label: 'Last Message At' },
        Lead__c: { type: 'Lookup', label: 'Lead', referenceTo: ['Lead'], relationship: 'Lead' },
        Contact__c: { type: 'Lookup', label: 'Contact', referenceTo: ['Contact'], relationship: 'Contact' },
        Opportunity__c: {
          type: 'Lookup',
          label: 'Opportunity',
          referenceTo: ['Opportunity'],
          relationship: 'Opportunity',
        },
        Case__c: { type: 'Lookup', label: 'Case', referenceTo: ['Case'], relationship: 'Case' },
      },
    },
    WhatsApp_Message__c: {
      label: 'WhatsApp Message',
      pluralLabel: 'WhatsApp Messages',
      custom: true,
      fields: {
        Conversation__c: {
          type: 'MasterDetail',
          label: 'Conversation',
          referenceTo: ['WhatsApp_Conversation__c'],
          relationship: 'Conversation',
          relationshipLabel: 'Messages',
          required: true,
          reparentable: true,
        },
        Direction__c: { type: 'Picklist', label: 'Direction', values: directionValues },
        Author__c: { type: 'Picklist', label: 'Author', values: authorValues },
        Type__c: { type: 'Picklist', label: 'Type', values: messageTypeValues },
        Body__c: { type: 'LongTextArea', label: 'Body', length: 32768 },
        Transcription__c: { type: 'LongTextArea', label: 'Transcription', length: 32768 },
        Media_Id__c: { type: 'Text', label: 'Media Id', length: 255 },
        Sent_At__c: { type: 'DateTime', label: 'Sent At' },
        Wamid__c: externalKey('WhatsApp Message Id'),
      },
    },
    Lead: {
      label: 'Lead',
      custom: false,
      fields: {
        Id: std('Id', 'Lead ID'),
        WhatsApp_Key__c: externalKey('WhatsApp Key'),
        FirstName: std('Text', 'First Name', { length: 40 }),
        LastName: std('Text', 'Last Name', { length: 80, required: true }),
        Company: std('Text', 'Company', { length: 255, required: true }),
        Phone: std('Phone', 'Phone'),
        MobilePhone: std('Phone', 'Mobile Phone'),
        LeadSource: std('Picklist', 'Lead Source'),
        Description: std('LongTextArea', 'Description', { length: 32000 }),
        OwnerId: std('Lookup', 'Owner', { referenceTo: ['User', 'Group'] }),
        IsConverted: std('Checkbox', 'Converted'),
        ConvertedContactId: std('Lookup', 'Converted Contact', { referenceTo: ['Contact'] }),
      },
    },
    Contact: {
      label: 'Contact',
      custom: false,
      fields: {
        Id: std('Id', 'Contact ID'),
        WhatsApp_Key__c: externalKey('WhatsApp Key'),
        LastName: std('Text', 'Last Name', { length: 80, required: true }),
        Phone: std('Phone', 'Phone'),
        MobilePhone: std('Phone', 'Mobile Phone'),
        AccountId: std('Lookup', 'Account', { referenceTo: ['Account'] }),
        OwnerId: std('Lookup', 'Owner', { referenceTo: ['User'] }),
      },
    },
    Opportunity: {
      label: 'Opportunity',
      custom: false,
      fields: {
        Id: std('Id', 'Opportunity ID'),
        Leadwire_Key__c: externalKey('Leadwire Key'),
        Name: std('Text', 'Name', { length: 120, required: true }),
        StageName: std('Picklist', 'Stage', { required: true }),
        CloseDate: std('Date', 'Close Date', { required: true }),
        AccountId: std('Lookup', 'Account', { referenceTo: ['Account'] }),
        LeadSource: std('Picklist', 'Lead Source'),
        Description: std('LongTextArea', 'Description', { length: 32000 }),
        /** users only (research §2.1) */
        OwnerId: std('Lookup', 'Owner', { referenceTo: ['User'] }),
      },
    },
    Case: {
      label: 'Case',
      custom: false,
      fields: {
        Id: std('Id', 'Case ID'),
        Leadwire_Key__c: externalKey('Leadwire Key'),
        Subject: std('Text', 'Subject', { length: 255 }),
        Description: std('LongTextArea', 'Description', { length: 32000 }),
        Origin: std('Picklist', 'Case Origin'),
        Status: std('Picklist', 'Status'),
        Priority: std('Picklist', 'Priority'),
        SuppliedName: std('Text', 'Web Name', { length: 80 }),
        SuppliedPhone: std('Text', 'Web Phone', { length: 40 }),
        ContactId: std('Lookup', 'Contact', { referenceTo: ['Contact'] }),
        OwnerId: std('Lookup', 'Owner', { referenceTo: ['User', 'Group'] }),
      },
    },
    Task: {
      label: 'Task',
      custom: false,
      metadataObject: 'Activity',
      fields: {
        Id: std('Id', 'Activity ID'),
        Leadwire_Key__c: externalKey('Leadwire Key'),
        Subject: std('Text', 'Subject', { length: 255 }),
        Description: std('LongTextArea', 'Comments', { length: 32000 }),
        WhoId: std('Lookup', 'Name', { referenceTo: ['Lead', 'Contact'] }),
        WhatId: std('Lookup', 'Related To', {
          referenceTo: ['Opportunity', 'Case', 'WhatsApp_Conversation__c'],
        }),
        OwnerId: std('Lookup', 'Assigned To', { referenceTo: ['User', 'Group'] }),
        Priority: std('Picklist', 'Priority'),
        Status: std('Picklist', 'Status'),
        ActivityDate: std('Date', 'Due Date'),
        TaskSubtype: std('Picklist', 'Task Subtype'),
        IsClosed: std('Checkbox', 'Closed'),
      },
    },
  },
} as const satisfies { objects: Record<string, SalesforceObject> };

export type SalesforceObjectName = keyof typeof salesforceSchema.objects;

/** Every custom field Leadwire's package must declare, as `{ object, field, metadataObject, definition }`. */
export function customFields(): {
  object: string;
  field: string;
  metadataObject: string;
  definition: SalesforceField;
}[] {
  const list = [];
  for (const [object, definition] of Object.entries(salesforceSchema.objects) as [
    string,
    SalesforceObject,
  ][]) {
    for (const [field, fieldDefinition] of Object.entries(definition.fields)) {
      if (!field.endsWith('__c')) continue;
      list.push({
        object,
        field,
        metadataObject: definition.metadataObject ?? object,
        definition: fieldDefinition,
      });
    }
  }
  return list;
}
