// The contract between the Node adapter and the package: every object and field src/schema.ts says Leadwire
// writes is declared under force-app with the same type, length, picklist values and key flags; nothing else
// is declared on those objects; the permission sets cover every field; the component, layouts and list views
// read only fields that exist.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { salesforceAppSchema } from '@leadwire/connector-core';
import { startSalesforceEmulator } from '../emulator/salesforce-emulator.ts';
import {
  API_VERSION,
  defaultDir,
  filesUnder,
  list,
  packageRoot,
  readMetadata,
  text,
  type XmlNode,
} from '../scripts/metadata-source.ts';
import { DEFAULT_SALESFORCE_API_VERSION } from '../src/oauth/salesforce-oauth.ts';
import {
  customFields,
  integrationFieldAccess,
  isPermissionable,
  type SalesforceObject,
  salesforceSchema,
} from '../src/schema.ts';

const objectsDir = join(defaultDir, 'objects');
const schemaObjects = Object.entries(salesforceSchema.objects) as [string, SalesforceObject][];
const fieldPath = (metadataObject: string, field: string) =>
  join(objectsDir, metadataObject, 'fields', `${field}.field-meta.xml`);

/** Standard fields the package's own files may name (beside the schema's). */
const STANDARD_FIELDS = new Set([
  'Name',
  'NAME',
  'OwnerId',
  'Owner.Name',
  'OWNER.ALIAS',
  'CreatedById',
  'LastModifiedById',
]);

const OBJECT_FLAGS = [
  'allowCreate',
  'allowRead',
  'allowEdit',
  'allowDelete',
  'viewAllRecords',
  'modifyAllRecords',
];

/** Object permission dependencies on the same object (Salesforce: "Object Permission Dependencies"). */
const SAME_OBJECT_DEPENDENCIES: Record<string, string[]> = {
  allowCreate: ['allowRead'],
  allowEdit: ['allowRead'],
  allowDelete: ['allowRead', 'allowEdit'],
  viewAllRecords: ['allowRead'],
  modifyAllRecords: ['allowRead', 'allowEdit', 'allowDelete', 'viewAllRecords'],
};

/**
 * Objects whose Read any permission on `object` depends on: Contacts and Opportunities hang off Accounts, a
 * detail object off its master (from the schema's master-detail fields).
 */
function parentObjects(object: string): string[] {
  const standard: Record<string, string[]> = { Contact: ['Account'], Opportunity: ['Account'] };
  const masters = Object.values(
    salesforceSchema.objects[object as keyof typeof salesforceSchema.objects]?.fields ?? {},
  )
    .filter((field) => field.type === 'MasterDetail')
    .flatMap((field) => [...(field.referenceTo ?? [])]);
  return [...(standard[object] ?? []), ...masters];
}

/** Whether `object.field` exists: a custom field of the schema, or a standard field. */
function fieldExists(object: string, field: string): boolean {
  if (STANDARD_FIELDS.has(field)) return true;
  const definition = schemaObjects.find(([name]) => name === object)?.[1];
  return definition !== undefined && field in definition.fields;
}

describe('schema ↔ force-app contract', () => {
  for (const [name, object] of schemaObjects.filter(([, candidate]) => candidate.custom)) {
    test(`${name} is a custom object labelled "${object.label}"`, () => {
      const path = join(objectsDir, name, `${name}.object-meta.xml`);
      assert.ok(existsSync(path), `${path} is missing`);
      const { body } = readMetadata(path);
      assert.equal(text(body, 'label'), object.label);
      assert.equal(text(body, 'pluralLabel'), object.pluralLabel);
      assert.equal(text(body, 'deploymentStatus'), 'Deployed');
    });
  }

  for (const { object, field, metadataObject, definition } of customFields()) {
    test(`${object}.${field} is a ${definition.type}${definition.externalId ? ' external id' : ''}`, () => {
      const path = fieldPath(metadataObject, field);
      assert.ok(existsSync(path), `${path} is missing`);
      const { body } = readMetadata(path);
      assert.equal(text(body, 'fullName'), field);
      assert.equal(text(body, 'label'), definition.label);
      if (definition.type === 'Formula') {
        assert.equal(text(body, 'type'), 'Text', 'a text formula');
        assert.equal(text(body, 'formula'), definition.formula);
      } else assert.equal(text(body, 'type'), definition.type);
      if (definition.length !== undefined) assert.equal(Number(text(body, 'length')), definition.length);
      assert.equal(text(body, 'externalId') === 'true', definition.externalId === true, 'externalId');
      assert.equal(text(body, 'unique') === 'true', definition.unique === true, 'unique');
      if (definition.unique) {
        assert.equal(
          text(body, 'caseSensitive') === 'true',
          definition.caseSensitive === true,
          'caseSensitive',
        );
      }
      if (definition.type === 'Picklist') {
        const valueSet = body.valueSet as XmlNode;
        assert.equal(text(valueSet, 'restricted'), 'true', 'a restricted picklist');
        const values = list(valueSet.valueSetDefinition as XmlNode, 'value').map((value) =>
          text(value, 'fullName'),
        );
        assert.deepEqual(values, [...(definition.values ?? [])]);
      }
      if (definition.type === 'Lookup' || definition.type === 'MasterDetail') {
        assert.deepEqual(list<string>(body, 'referenceTo'), [...(definition.referenceTo ?? [])]);
        // the path from the child (`Lead__r`) follows from the field name; the schema must agree
        assert.equal(definition.relationship, field.replace(/__c$/, ''));
        if (definition.relationshipLabel !== undefined) {
          assert.equal(text(body, 'relationshipName'), definition.relationshipLabel);
        }
      }
      if (definition.type === 'MasterDetail') {
        assert.equal(definition.required, true, 'master-detail is required');
        assert.equal(
          text(body, 'reparentableMasterDetail') === 'true',
          definition.reparentable === true,
          'reparentableMasterDetail as the schema says (message upserts resend the parent)',
        );
      } else assert.equal(text(body, 'required') === 'true', definition.required === true, 'required');
    });
  }

  test('the objects carry no custom field the schema does not know', () => {
    const declared = new Set(customFields().map(({ metadataObject, field }) => `${metadataObject}.${field}`));
    const stray = readdirSync(objectsDir)
      .filter((object) => existsSync(join(objectsDir, object, 'fields')))
      .flatMap((object) =>
        readdirSync(join(objectsDir, object, 'fields')).map(
          (file) => `${object}.${file.replace('.field-meta.xml', '')}`,
        ),
      )
      .filter((name) => !declared.has(name));
    assert.deepEqual(stray, []);
  });

  describe('permission sets', () => {
    const permissionSet = (name: string) => {
      const { body } = readMetadata(join(defaultDir, 'permissionsets', `${name}.permissionset-meta.xml`));
      const fields = new Map(
        list(body, 'fieldPermissions').map((permission) => [
          text(permission, 'field'),
          {
            readable: text(permission, 'readable') === 'true',
            editable: text(permission, 'editable') === 'true',
          },
        ]),
      );
      const objects = new Map(
        list(body, 'objectPermissions').map((permission) => [text(permission, 'object'), permission]),
      );
      return { fields, objects };
    };
    // required and master-detail fields take no field permissions (the platform rejects them)
    const permissible = customFields().filter(({ definition }) => isPermissionable(definition));
    const custom = schemaObjects.filter(([, object]) => object.custom).map(([name]) => name);

    test('Leadwire_Integration creates and edits the conversation objects and every field', () => {
      const { objects } = permissionSet('Leadwire_Integration');
      for (const name of custom) {
        const permission = objects.get(name);
        for (const flag of ['allowCreate', 'allowEdit', 'allowRead', 'viewAllRecords']) {
          assert.equal(text(permission, flag), 'true', `${name} ${flag}`);
        }
      }
    });

    test('Leadwire_Integration grants field-level security on every field the adapter writes or reads, standard fields too', () => {
      const { fields } = permissionSet('Leadwire_Integration');
      const wanted = integrationFieldAccess();
      for (const { field, editable } of wanted)
        assert.deepEqual(fields.get(field), { readable: true, editable }, field);
      // the written standard fields a minimal integration profile hides
      for (const field of [
        'Lead.LeadSource',
        'Lead.MobilePhone',
        'Case.Origin',
        'Case.Priority',
        'Case.SuppliedName',
        'Case.SuppliedPhone',
        'Task.Priority',
        'Task.ActivityDate',
      ])
        assert.equal(fields.get(field)?.editable, true, field);
      assert.deepEqual([...fields.keys()].sort(), wanted.map(({ field }) => field).sort(), 'nothing more');
    });

    for (const name of ['Leadwire_Integration', 'Leadwire_User'])
      test(`${name}: every object permission's dependencies are granted`, () => {
        const { objects } = permissionSet(name);
        const has = (object: string, flag: string) => text(objects.get(object), flag) === 'true';
        for (const [object, permission] of objects) {
          const flags = OBJECT_FLAGS.filter((flag) => text(permission, flag) === 'true');
          for (const flag of flags) {
            for (const needed of SAME_OBJECT_DEPENDENCIES[flag] ?? [])
              assert.ok(has(object, needed), `${object} ${flag} needs ${object} ${needed}`);
            for (const parent of parentObjects(object))
              assert.ok(has(parent, 'allowRead'), `${object} ${flag} needs ${parent} allowRead`);
          }
        }
      });

    test('Leadwire_User reads every field, may change only the routed owner (Claim) and write a reply message', () => {
      const { fields, objects } = permissionSet('Leadwire_User');
      for (const name of custom) {
        assert.equal(text(objects.get(name), 'allowRead'), 'true', `${name} read`);
        assert.equal(text(objects.get(name), 'allowDelete'), 'false', `${name} delete`);
      }
      assert.equal(text(objects.get('WhatsApp_Conversation__c'), 'allowCreate'), 'false');
      assert.equal(
        text(objects.get('WhatsApp_Message__c'), 'allowCreate'),
        'true',
        'a reply is a new message',
      );
      assert.equal(text(objects.get('WhatsApp_Message__c'), 'allowEdit'), 'false');
      const reply = [
        'Direction__c',
        'Author__c',
        'Type__c',
        'Body__c',
        'Sent_At__c',
        'Wamid__c',
        'Delivery_Status__c',
      ];
      for (const { object, field } of permissible) {
        const editable =
          `${object}.${field}` === 'WhatsApp_Conversation__c.Routed_Owner_Id__c' ||
          `${object}.${field}` === 'WhatsApp_Conversation__c.Claim_Status__c' ||
          (object === 'WhatsApp_Message__c' && reply.includes(field));
        assert.deepEqual(
          fields.get(`${object}.${field}`),
          { readable: true, editable },
          `${object}.${field}`,
        );
      }
    });
  });

  test('whatsappConversation reads only fields and relationships that exist', async () => {
    const url = pathToFileURL(join(defaultDir, 'lwc', 'whatsappConversation', 'fields.js')).href;
    const fields = (await import(url)) as Record<string, unknown>;
    const qualified = Object.values(fields)
      .flatMap((value) => (Array.isArray(value) ? value : [value]))
      .filter((value): value is string => typeof value === 'string' && /^\w+__c\./.test(value));
    assert.ok(qualified.length > 20);
    for (const name of qualified) {
      const [object = '', ...rest] = name.split('.');
      assert.ok(fieldExists(object, rest.join('.')), `${name} is not in the schema`);
    }
    const relationship = (metadataObject: string, field: string) =>
      `${text(readMetadata(fieldPath(metadataObject, field)).body, 'relationshipName')}__r`;
    assert.equal(fields.MESSAGES_RELATED_LIST, relationship('WhatsApp_Message__c', 'Conversation__c'));
    for (const lookup of ['Lead__c', 'Contact__c', 'Opportunity__c', 'Case__c']) {
      assert.equal(
        fields.CONVERSATIONS_RELATED_LIST,
        relationship('WhatsApp_Conversation__c', lookup),
        lookup,
      );
    }
  });

  test('layouts and list views name only fields that exist', () => {
    const files = filesUnder(defaultDir, (path) => /\.(layout|listView)-meta\.xml$/.test(path));
    assert.ok(files.length >= 7);
    for (const path of files) {
      const { root, body } = readMetadata(path);
      const object =
        root === 'Layout'
          ? ((path.split('/').pop() ?? '').split('-')[0] ?? '')
          : (path.split('/').at(-3) ?? '');
      const named =
        root === 'Layout'
          ? [
              ...list(body, 'layoutSections').flatMap((section) =>
                list(section, 'layoutColumns').flatMap((column) =>
                  list(column, 'layoutItems').map((item) => text(item, 'field')),
                ),
              ),
            ]
          : [
              ...list<string>(body, 'columns'),
              ...list(body, 'filters').map((filter) => text(filter, 'field')),
            ];
      for (const field of named) assert.ok(fieldExists(object, field), `${path}: ${object}.${field}`);
    }
  });
});

test('one API version: the package, its component, the adapter’s default, the config default and the emulator', async () => {
  const project = JSON.parse(readFileSync(join(packageRoot, 'sfdx-project.json'), 'utf8'));
  const bundle = readMetadata(
    join(defaultDir, 'lwc', 'whatsappConversation', 'whatsappConversation.js-meta.xml'),
  ).body;
  const emulator = await startSalesforceEmulator();
  try {
    assert.deepEqual(
      {
        package: project.sourceApiVersion,
        component: text(bundle, 'apiVersion'),
        metadataChecks: API_VERSION,
        config: salesforceAppSchema.shape.apiVersion.parse(undefined),
        emulator: emulator.apiVersion,
      },
      {
        package: DEFAULT_SALESFORCE_API_VERSION,
        component: DEFAULT_SALESFORCE_API_VERSION,
        metadataChecks: DEFAULT_SALESFORCE_API_VERSION,
        config: DEFAULT_SALESFORCE_API_VERSION,
        emulator: DEFAULT_SALESFORCE_API_VERSION,
      },
    );
  } finally {
    await emulator.close();
  }
});
