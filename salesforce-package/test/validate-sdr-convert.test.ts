// The SFDX source converts to the Metadata API format with @salesforce/source-deploy-retrieve (the engine of
// `sf project convert source`), and the package.xml lists what Leadwire installs. SDR checks structure and
// type inference only, not schemas (research/salesforce.md §5); validate-xml and metadata-contract do the rest.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import {
  API_VERSION,
  filesUnder,
  forceAppDir,
  list,
  readMetadata,
  text,
} from '../scripts/metadata-source.ts';
import { customFields, salesforceSchema } from '../src/schema.ts';

/** Converts `sourceDir` into `outputDirectory`; `fromSource` ignores sourceApiVersion, so the version is set here. */
async function convert(sourceDir: string, outputDirectory: string): Promise<void> {
  const components = ComponentSet.fromSource(sourceDir);
  components.sourceApiVersion = API_VERSION;
  components.apiVersion = API_VERSION;
  await new MetadataConverter().convert(components, 'metadata', {
    type: 'directory',
    outputDirectory,
    genUniqueDir: false,
  });
}

describe('source-deploy-retrieve conversion', () => {
  let out: string;
  let members: Map<string, string[]>;
  let version: string;

  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'leadwire-sdr-'));
    await convert(forceAppDir, out);
    const { body } = readMetadata(join(out, 'package.xml'));
    version = text(body, 'version');
    members = new Map(
      list(body, 'types').map((type) => [text(type, 'name'), list<string>(type, 'members').slice().sort()]),
    );
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  test(`the package.xml is for API version ${API_VERSION}`, () => {
    assert.equal(version, API_VERSION);
  });

  test('it installs the two custom objects, their layouts, list views and the tab', () => {
    const customObjects = Object.entries(salesforceSchema.objects)
      .filter(([, object]) => object.custom)
      .map(([name]) => name)
      .sort();
    assert.deepEqual(members.get('CustomObject'), customObjects);
    assert.deepEqual(members.get('Layout'), [
      'WhatsApp_Conversation__c-WhatsApp Conversation Layout',
      'WhatsApp_Message__c-WhatsApp Message Layout',
    ]);
    assert.deepEqual(members.get('CustomTab'), ['WhatsApp_Conversation__c']);
    assert.deepEqual(members.get('ListView'), [
      'WhatsApp_Conversation__c.All',
      'WhatsApp_Conversation__c.My_Conversations',
      'WhatsApp_Conversation__c.Pool',
      'WhatsApp_Conversation__c.Urgent',
      'WhatsApp_Message__c.All',
    ]);
  });

  test('it installs every custom field of the schema, on standard objects too', () => {
    const expected = customFields()
      .map(({ metadataObject, field }) => `${metadataObject}.${field}`)
      .sort();
    assert.deepEqual(members.get('CustomField'), expected);
  });

  test('it installs the permission sets and the record-page component', () => {
    assert.deepEqual(members.get('PermissionSet'), ['Leadwire_Integration', 'Leadwire_User']);
    assert.deepEqual(members.get('LightningComponentBundle'), ['whatsappConversation']);
  });

  test('nothing else is in the package', () => {
    assert.deepEqual([...members.keys()].sort(), [
      'CustomField',
      'CustomObject',
      'CustomTab',
      'Layout',
      'LeadConvertSettings',
      'LightningComponentBundle',
      'ListView',
      'PermissionSet',
    ]);
  });

  test('the deployed bundle leaves out Jest tests and mocks (.forceignore)', () => {
    const shipped = filesUnder(out).map((path) => relative(out, path));
    const testFiles = shipped.filter((path) => path.includes('__tests__') || path.includes('jest-mocks'));
    assert.deepEqual(
      testFiles,
      [],
      'salesforce-package/.forceignore must exclude **/__tests__/** and force-app/test/** (research/salesforce.md §4.1)',
    );
  });

  test('a misplaced file fails the conversion', async () => {
    const project = mkdtempSync(join(tmpdir(), 'leadwire-sdr-bad-'));
    try {
      const objectDir = join(project, 'main', 'default', 'objects', 'Bad__c');
      mkdirSync(join(objectDir, 'fields'), { recursive: true });
      writeFileSync(
        join(objectDir, 'Bad__c.object-meta.xml'),
        readFileSync(
          join(
            forceAppDir,
            'main/default/objects/WhatsApp_Conversation__c/WhatsApp_Conversation__c.object-meta.xml',
          ),
        ),
      );
      writeFileSync(join(objectDir, 'fields', 'Oops__c.fieldz-meta.xml'), '<CustomField/>');
      await assert.rejects(convert(project, join(project, 'out')), /Unexpected child metadata/);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
