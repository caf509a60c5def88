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
  | 'MasterDetail'
  /** a text formula: computed by the org, read-only */
  | 'Formula';

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
  /**
   * `read`: the adapter reads the field and never writes it (field permission readable only); absent = it
   * writes it (readable and editable).
   */
  access?: 'read';
  /**
   * false for fields that take no field-level security (Id, OwnerId, name parts, required and system fields,
   * master-detail): always visible to a user who can read the object, and the platform rejects a
   * `fieldPermissions` entry for them.
   */
  permissionable?: false;
  /** Formula: the formula text (a text result) */
  formula?: string;
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

/** A field the org maintains: readable with the object, never written, no field permission. */
const system = { access: 'read', permissionable: false } as const;

/**
 * The digits of a phone field (a text formula), so a number matches however it was typed: `+49 151 1234-5678`,
 * `0151 12345678` and `(0151) 1234 5678` all end in the national number `15112345678` (research: an exact
 * `Phone = '+49…'` never matches a number stored as typed).
 */
const phoneDigits = (source: 'Phone' | 'MobilePhone'): SalesforceField => ({
  type: 'Formula',
  label: source === 'Phone' ? 'Phone Digits' : 'Mobile Digits',
  access: 'read',
  formula: ["' '", "'-'", "'('", "')'", "'.'", "'/'", "'+'"].reduce(
    (inner, character) => `SUBSTITUTE(${inner}, ${character}, '')`,
    source,
  ),
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
export const deliveryStatusValues = ['queued', 'sent', 'failed'] as const;
export const claimStatusValues = ['requested', 'claimed', 'refused'] as const;

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
        /**
         * A rep's Claim from the record page: `requested` until Leadwire's routing takes it (`claimed`) or refuses
         * it (`refused`, with Claim_Note__c), e.g. someone else was assigned first
         */
        Claim_Status__c: { type: 'Picklist', label: 'Claim Status', values: claimStatusValues },
        Claim_Note__c: { type: 'Text', label: 'Claim Note', length: 255 },
        /** WhatsApp's 24-hour customer-service window: a rep may reply from the record page until then */
        Window_Expires_At__c: { type: 'DateTime', label: 'Reply Window Closes' },
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
        /** the routed user (or a queue that may own conversations): reps see theirs in "My Conversations" */
        OwnerId: std('Lookup', 'Owner', { referenceTo: ['User', 'Group'], permissionable: false }),
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
          // every message upsert (a retry, a replayed wamid) sends its parent again: Salesforce refuses that on a
          // non-reparentable master-detail even when the parent is the same
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
        /**
         * A rep's reply from the record page: `queued` until Leadwire sends it through the Graph API (then `sent`,
         * Wamid__c the message's id) or cannot (`failed`, with Delivery_Error__c)
         */
        Delivery_Status__c: { type: 'Picklist', label: 'Delivery Status', values: deliveryStatusValues },
        Delivery_Error__c: { type: 'Text', label: 'Delivery Error', length: 255 },
      },
    },
    Lead: {
      label: 'Lead',
      custom: false,
      fields: {
        Id: std('Id', 'Lead ID', system),
        WhatsApp_Key__c: externalKey('WhatsApp Key'),
        FirstName: std('Text', 'First Name', { length: 40, permissionable: false }),
        LastName: std('Text', 'Last Name', { length: 80, required: true, permissionable: false }),
        Company: std('Text', 'Company', { length: 255, required: true, permissionable: false }),
        Phone: std('Phone', 'Phone'),
        MobilePhone: std('Phone', 'Mobile Phone'),
        LeadSource: std('Picklist', 'Lead Source'),
        OwnerId: std('Lookup', 'Owner', { referenceTo: ['User', 'Group'], permissionable: false }),
        IsConverted: std('Checkbox', 'Converted', system),
        ConvertedContactId: std('Lookup', 'Converted Contact', { referenceTo: ['Contact'], ...system }),
        ConvertedAccountId: std('Lookup', 'Converted Account', { referenceTo: ['Account'], ...system }),
        Phone_Digits__c: phoneDigits('Phone'),
        Mobile_Digits__c: phoneDigits('MobilePhone'),
      },
    },
    Contact: {
      label: 'Contact',
      custom: false,
      fields: {
        Id: std('Id', 'Contact ID', system),
        WhatsApp_Key__c: externalKey('WhatsApp Key'),
        LastName: std('Text', 'Last Name', { length: 80, required: true, permissionable: false }),
        Phone: std('Phone', 'Business Phone', { access: 'read' }),
        MobilePhone: std('Phone', 'Mobile Phone', { access: 'read' }),
        AccountId: std('Lookup', 'Account', { referenceTo: ['Account'], access: 'read' }),
        OwnerId: std('Lookup', 'Owner', { referenceTo: ['User'], permissionable: false }),
        Phone_Digits__c: phoneDigits('Phone'),
        Mobile_Digits__c: phoneDigits('MobilePhone'),
      },
    },
    Opportunity: {
      label: 'Opportunity',
      custom: false,
      fields: {
        Id: std('Id', 'Opportunity ID', system),
        Leadwire_Key__c: externalKey('Leadwire Key'),
        Name: std('Text', 'Name', { length: 120, required: true, permissionable: false }),
        StageName: std('Picklist', 'Stage', { required: true, permissionable: false }),
        CloseDate: std('Date', 'Close Date', { required: true, permissionable: false }),
        AccountId: std('Lookup', 'Account', { referenceTo: ['Account'] }),
        LeadSource: std('Picklist', 'Lead Source'),
        /** users only (research §2.1) */
        OwnerId: std('Lookup', 'Owner', { referenceTo: ['User'], permissionable: false }),
      },
    },
    Case: {
      label: 'Case',
      custom: false,
      fields: {
        Id: std('Id', 'Case ID', system),
        Leadwire_Key__c: externalKey('Leadwire Key'),
        Subject: std('Text', 'Subject', { length: 255 }),
        Description: std('LongTextArea', 'Description', { length: 32000 }),
        Origin: std('Picklist', 'Case Origin'),
        Status: std('Picklist', 'Status', system),
        Priority: std('Picklist', 'Priority'),
        SuppliedName: std('Text', 'Web Name', { length: 80 }),
        SuppliedPhone: std('Text', 'Web Phone', { length: 40 }),
        ContactId: std('Lookup', 'Contact', { referenceTo: ['Contact'] }),
        OwnerId: std('Lookup', 'Owner', { referenceTo: ['User', 'Group'], permissionable: false }),
      },
    },
    Task: {
      label: 'Task',
      custom: false,
      metadataObject: 'Activity',
      fields: {
        Id: std('Id', 'Activity ID', system),
        Leadwire_Key__c: externalKey('Leadwire Key'),
        Subject: std('Text', 'Subject', { length: 255 }),
        Description: std('LongTextArea', 'Comments', { length: 32000 }),
        WhoId: std('Lookup', 'Name', { referenceTo: ['Lead', 'Contact'] }),
        WhatId: std('Lookup', 'Related To', {
          referenceTo: ['Opportunity', 'Case', 'WhatsApp_Conversation__c'],
        }),
        OwnerId: std('Lookup', 'Assigned To', { referenceTo: ['User', 'Group'], permissionable: false }),
        Priority: std('Picklist', 'Priority'),
        Status: std('Picklist', 'Status', system),
        ActivityDate: std('Date', 'Due Date'),
        TaskSubtype: std('Picklist', 'Task Subtype', system),
        IsClosed: std('Checkbox', 'Closed', system),
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

/** Whether a field takes a `fieldPermissions` entry (the platform rejects one on required and master-detail fields). */
export function isPermissionable(field: SalesforceField): boolean {
  return field.permissionable !== false && field.required !== true && field.type !== 'MasterDetail';
}

/**
 * Every field the integration user needs field-level security on, standard fields included: readable always,
 * editable when the adapter writes it. `Leadwire_Integration` must grant exactly these (the metadata check).
 */
export function integrationFieldAccess(): { field: string; editable: boolean }[] {
  const list = [];
  for (const [object, definition] of Object.entries(salesforceSchema.objects) as [
    string,
    SalesforceObject,
  ][]) {
    for (const [name, field] of Object.entries(definition.fields)) {
      if (!isPermissionable(field)) continue;
      list.push({
        field: `${object}.${name}`,
        editable: field.access !== 'read' && field.type !== 'Formula',
      });
    }
  }
  return list.sort((a, b) => a.field.localeCompare(b.field));
}
