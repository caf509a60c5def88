// Every Lightning Web Component compiles with the LWC compiler (templates, JavaScript, CSS), and each bundle
// is complete: SDR converts a bundle without its .js-meta.xml (research/salesforce.md §5), this does not.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { transformSync } from '@lwc/compiler';
import { defaultDir, filesUnder, list, readMetadata, text } from '../scripts/metadata-source.ts';

const lwcDir = join(defaultDir, 'lwc');
const bundles = readdirSync(lwcDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('Lightning Web Components', () => {
  test('the whatsappConversation bundle exists', () => {
    assert.ok(bundles.includes('whatsappConversation'));
  });

  for (const bundle of bundles) {
    const dir = join(lwcDir, bundle);

    test(`${bundle} has its JavaScript, template and .js-meta.xml`, () => {
      for (const file of [`${bundle}.js`, `${bundle}.html`, `${bundle}.js-meta.xml`]) {
        assert.ok(existsSync(join(dir, file)), `${bundle}/${file} is missing`);
      }
    });

    const sources = filesUnder(dir, (path) => !path.includes('__tests__') && /\.(js|html|css)$/.test(path));
    for (const path of sources) {
      const file = path.slice(dir.length + 1);
      test(`${bundle}/${file} compiles`, () => {
        const result = transformSync(readFileSync(path, 'utf8'), path, { name: bundle, namespace: 'c' });
        assert.ok(result.code.length > 0);
        // @lwc/errors DiagnosticLevel: 0 fatal, 1 error, 2 warning, 3 log
        const warnings: { level: number; message: string }[] = result.warnings ?? [];
        const errors = warnings.filter((warning) => warning.level <= 1);
        assert.deepEqual(
          errors.map((warning) => warning.message),
          [],
        );
      });
    }
  }

  test('whatsappConversation is exposed on Lead, Contact, Opportunity and Case record pages', () => {
    const { body } = readMetadata(join(lwcDir, 'whatsappConversation', 'whatsappConversation.js-meta.xml'));
    assert.equal(text(body, 'isExposed'), 'true');
    assert.equal(text(body, 'apiVersion'), '66.0');
    const targets = body.targets as Parameters<typeof list>[0];
    assert.deepEqual(list<string>(targets, 'target'), ['lightning__RecordPage']);
    const configs = list(body.targetConfigs as Parameters<typeof list>[0], 'targetConfig');
    const recordPage = configs.find((config) => config['@targets'] === 'lightning__RecordPage');
    const objects = list<string>(recordPage?.objects as Parameters<typeof list>[0], 'object');
    assert.deepEqual(objects.slice().sort(), ['Case', 'Contact', 'Lead', 'Opportunity']);
  });

  test('a template with an unknown directive does not compile', () => {
    assert.throws(() =>
      transformSync('<template><div lwc:nope={x}></div></template>', 'broken.html', {
        name: 'broken',
        namespace: 'c',
      }),
    );
  });
});
