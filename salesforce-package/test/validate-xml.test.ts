// Every metadata XML file under force-app is well-formed (SDR converts malformed XML without complaint,
// research/salesforce.md §5) and is the metadata type its file name says, in the Metadata API namespace.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { describe, test } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { filesUnder, forceAppDir, METADATA_NAMESPACE, readMetadata } from '../scripts/metadata-source.ts';

/** The root element each source suffix must carry. */
const ROOT_BY_SUFFIX: Record<string, string> = {
  '.object-meta.xml': 'CustomObject',
  '.field-meta.xml': 'CustomField',
  '.listView-meta.xml': 'ListView',
  '.layout-meta.xml': 'Layout',
  '.tab-meta.xml': 'CustomTab',
  '.permissionset-meta.xml': 'PermissionSet',
  '.js-meta.xml': 'LightningComponentBundle',
  '.LeadConvertSetting-meta.xml': 'LeadConvertSettings',
};

const xmlFiles = filesUnder(forceAppDir, (path) => path.endsWith('.xml'));

describe('metadata XML', () => {
  test('force-app holds metadata XML', () => {
    assert.ok(xmlFiles.length > 40, `only ${xmlFiles.length} XML files under force-app`);
  });

  for (const path of xmlFiles) {
    const name = relative(forceAppDir, path);
    test(`${name} is well-formed ${Object.entries(ROOT_BY_SUFFIX).find(([suffix]) => path.endsWith(suffix))?.[1] ?? 'metadata'}`, () => {
      const verdict = XMLValidator.validate(readFileSync(path, 'utf8'));
      assert.equal(verdict === true ? true : `${verdict.err.msg} (line ${verdict.err.line})`, true);
      const suffix = Object.keys(ROOT_BY_SUFFIX).find((candidate) => basename(path).endsWith(candidate));
      assert.ok(suffix, `${name}: a file name SFDX does not know`);
      const { root, body } = readMetadata(path);
      assert.equal(root, ROOT_BY_SUFFIX[suffix]);
      assert.equal(body['@xmlns'], METADATA_NAMESPACE);
    });
  }

  test('a file with a missing end tag is rejected', () => {
    const verdict = XMLValidator.validate('<CustomField xmlns="x"><label>Broken</label>');
    assert.notEqual(verdict, true);
  });
});
