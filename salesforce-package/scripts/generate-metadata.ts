// Writes the SFDX field metadata and the two permission sets from src/schema.ts, the one source of every
// custom object and field Leadwire writes. Run after changing the schema, then commit the files:
//   npx node salesforce-package/scripts/generate-metadata.ts
// Objects, list views, layouts and the tab are written by hand (labels, sections, columns); the contract test
// (test/metadata-contract.test.ts) fails when they or these files drift from the schema.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  customFields,
  integrationFieldAccess,
  isPermissionable,
  type SalesforceField,
} from '../src/schema.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'force-app', 'main', 'default');

/** The child relationship name on the parent (`<name>__r` there) for lookups the schema leaves unnamed. */
export const DEFAULT_CHILD_RELATIONSHIP = 'WhatsApp_Conversations';

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `handed_over` → `Handed over`. */
export const picklistLabel = (value: string): string => {
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function fieldXml(name: string, field: SalesforceField, parentLabel: string): string {
  const lines = [`    <fullName>${name}</fullName>`, `    <label>${escapeXml(field.label)}</label>`];
  const add = (element: string, value: string | number | boolean) =>
    lines.push(`    <${element}>${value}</${element}>`);
  switch (field.type) {
    case 'Text':
      add('type', 'Text');
      add('length', field.length ?? 255);
      break;
    case 'TextArea':
      add('type', 'TextArea');
      break;
    case 'LongTextArea':
      add('type', 'LongTextArea');
      add('length', field.length ?? 32768);
      add('visibleLines', 5);
      break;
    case 'Picklist': {
      add('type', 'Picklist');
      const values = (field.values ?? []).map((value) =>
        [
          '            <value>',
          `                <fullName>${escapeXml(value)}</fullName>`,
          '                <default>false</default>',
          `                <label>${escapeXml(picklistLabel(value))}</label>`,
          '            </value>',
        ].join('\n'),
      );
      lines.push(
        [
          '    <valueSet>',
          '        <restricted>true</restricted>',
          '        <valueSetDefinition>',
          '            <sorted>false</sorted>',
          ...values,
          '        </valueSetDefinition>',
          '    </valueSet>',
        ].join('\n'),
      );
      break;
    }
    case 'Checkbox':
      add('type', 'Checkbox');
      add('defaultValue', false);
      break;
    case 'Number':
      add('type', 'Number');
      add('precision', 18);
      add('scale', 0);
      break;
    case 'Lookup':
    case 'MasterDetail': {
      const target = field.referenceTo?.[0];
      if (target === undefined || field.referenceTo?.length !== 1) {
        throw new Error(`${name}: a custom ${field.type} needs exactly one referenceTo`);
      }
      const childName = field.relationshipLabel ?? DEFAULT_CHILD_RELATIONSHIP;
      add('type', field.type);
      add('referenceTo', target);
      add('relationshipName', childName);
      add('relationshipLabel', escapeXml(field.relationshipLabel ?? `${parentLabel}s`));
      if (field.type === 'Lookup') add('deleteConstraint', 'SetNull');
      else {
        add('relationshipOrder', 0);
        add('reparentableMasterDetail', field.reparentable === true);
        add('writeRequiresMasterRead', false);
      }
      break;
    }
    case 'Formula':
      lines.push(`    <formula>${escapeXml(field.formula ?? '')}</formula>`);
      add('formulaTreatBlanksAs', 'BlankAsZero');
      add('type', 'Text');
      break;
    default:
      // Phone, Email, Date, DateTime: the type alone
      add('type', field.type);
  }
  if (field.externalId) add('externalId', true);
  if (field.unique) {
    add('unique', true);
    add('caseSensitive', field.caseSensitive === true);
  }
  // master-detail fields are required by nature and take no <required>
  if (field.type !== 'MasterDetail') add('required', field.required === true);
  if (field.type !== 'MasterDetail' && field.type !== 'LongTextArea' && field.type !== 'Formula')
    add('trackTrending', false);
  return `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
${lines.join('\n')}
</CustomField>
`;
}

function permissionSetXml(options: {
  label: string;
  description: string;
  objects: {
    object: string;
    create: boolean;
    read?: boolean;
    edit: boolean;
    viewAll: boolean;
    modifyAll: boolean;
  }[];
  fields: { field: string; editable: boolean }[];
  userPermissions: string[];
}): string {
  const fieldBlocks = options.fields
    .map(({ field, editable }) => ({ name: field, editable }))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(
      ({ name, editable }) => `    <fieldPermissions>
        <editable>${editable}</editable>
        <field>${name}</field>
        <readable>true</readable>
    </fieldPermissions>`,
    );
  const objectBlocks = options.objects.map(
    (o) => `    <objectPermissions>
        <allowCreate>${o.create}</allowCreate>
        <allowDelete>false</allowDelete>
        <allowEdit>${o.edit}</allowEdit>
        <allowRead>${o.read ?? true}</allowRead>
        <modifyAllRecords>${o.modifyAll}</modifyAllRecords>
        <object>${o.object}</object>
        <viewAllRecords>${o.viewAll}</viewAllRecords>
    </objectPermissions>`,
  );
  const tab = `    <tabSettings>
        <tab>WhatsApp_Conversation__c</tab>
        <visibility>Visible</visibility>
    </tabSettings>`;
  const userBlocks = options.userPermissions.map(
    (name) => `    <userPermissions>
        <enabled>true</enabled>
        <name>${name}</name>
    </userPermissions>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <description>${escapeXml(options.description)}</description>
${fieldBlocks.join('\n')}
    <hasActivationRequired>false</hasActivationRequired>
    <label>${escapeXml(options.label)}</label>
${objectBlocks.join('\n')}
${tab}
${userBlocks.join('\n')}
</PermissionSet>
`.replace(/\n\n/g, '\n');
}

const labels: Record<string, string> = {
  WhatsApp_Conversation__c: 'WhatsApp Conversation',
  WhatsApp_Message__c: 'WhatsApp Message',
};

function write(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

/**
 * The fields a Leadwire user may change: the routed owner, when claiming a pool conversation (with OwnerId), and
 * a reply's message, which Leadwire then sends.
 */
export const USER_EDITABLE_FIELDS = new Set([
  'WhatsApp_Conversation__c.Routed_Owner_Id__c',
  'WhatsApp_Conversation__c.Claim_Status__c',
  ...['Direction__c', 'Author__c', 'Type__c', 'Body__c', 'Sent_At__c', 'Wamid__c', 'Delivery_Status__c'].map(
    (field) => `WhatsApp_Message__c.${field}`,
  ),
]);

export function generate(): string[] {
  const written: string[] = [];
  for (const { object, field, metadataObject, definition } of customFields()) {
    const path = join(root, 'objects', metadataObject, 'fields', `${field}.field-meta.xml`);
    write(path, fieldXml(field, definition, labels[object] ?? object));
    written.push(path);
  }
  // Modify All would also need Delete, which nobody gets: the conversation's sharing is Read/Write and the
  // messages follow their conversation, so View All is enough for the integration's upserts to see every row.
  const custom = (create: boolean, edit: boolean, viewAll: boolean) =>
    ['WhatsApp_Conversation__c', 'WhatsApp_Message__c'].map((object) => ({
      object,
      create,
      edit,
      viewAll,
      modifyAll: false,
    }));
  const user = join(root, 'permissionsets', 'Leadwire_User.permissionset-meta.xml');
  write(
    user,
    permissionSetXml({
      label: 'Leadwire User',
      description:
        'Read WhatsApp conversations and messages on Lead, Contact, Opportunity and Case pages; claim a conversation from the pool; reply through Leadwire inside the 24-hour window.',
      // edit the conversation (Claim); create a message (a reply Leadwire sends)
      objects: custom(false, false, false).map((o) =>
        o.object === 'WhatsApp_Conversation__c' ? { ...o, edit: true } : { ...o, create: true },
      ),
      fields: customFields()
        .filter(({ definition }) => isPermissionable(definition))
        .map(({ object, field }) => ({
          field: `${object}.${field}`,
          editable: USER_EDITABLE_FIELDS.has(`${object}.${field}`),
        })),
      // Claim makes the rep the owner of a conversation the integration user owns: changing another user's
      // record's owner takes Transfer Record (the rep's Edit on the object comes from this set, the record
      // access from the object's Read/Write sharing)
      userPermissions: ['TransferAnyEntity'],
    }),
  );
  const integration = join(root, 'permissionsets', 'Leadwire_Integration.permissionset-meta.xml');
  write(
    integration,
    permissionSetXml({
      label: 'Leadwire Integration',
      description:
        "For Leadwire's integration user: writes conversations, messages, Leads, Contacts, Opportunities, Cases and Tasks through the API.",
      objects: [
        ...custom(true, true, true),
        ...['Lead', 'Contact', 'Opportunity', 'Case'].map((object) => ({
          object,
          create: true,
          edit: true,
          viewAll: false,
          modifyAll: false,
        })),
        // Contact and Opportunity access depends on Account read (object permission dependencies): the
        // deploy refuses the set without it; Leadwire reads Contacts' AccountId and links Opportunities to it
        { object: 'Account', create: false, edit: false, viewAll: false, modifyAll: false },
      ].sort((a, b) => a.object.localeCompare(b.object)),
      fields: integrationFieldAccess(),
      // a re-route moves a conversation the previous rep owns: on a Read/Write object that takes Transfer Record
      userPermissions: ['ApiEnabled', 'EditTask', 'TransferAnyEntity'],
    }),
  );
  written.push(user, integration);
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const path of generate()) console.log(path);
}
