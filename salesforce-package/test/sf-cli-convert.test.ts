// `sf project convert source`, the Salesforce CLI itself (from npm, as an admin runs it before a deploy), turns
// the package into Metadata API format with no error, and the package.xml it writes lists Leadwire's objects,
// permission sets and component. Offline: telemetry, update checks and plugin installs are switched off.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const packageDir = join(import.meta.dirname, '..');
/** The CLI's entry point, where npm put it (hoisted to the repository's node_modules, or the package's own). */
const sfBin = [join(packageDir, 'node_modules'), join(packageDir, '..', 'node_modules')]
  .map((modules) => join(modules, '@salesforce', 'cli', 'bin', 'run.js'))
  .find((bin) => existsSync(bin));
const out = mkdtempSync(join(tmpdir(), 'leadwire-sf-convert-'));
after(() => rmSync(out, { recursive: true, force: true }));

describe('sf project convert source', () => {
  it('converts force-app with 0 errors and lists the objects, permission sets and component', () => {
    assert.ok(sfBin !== undefined, '@salesforce/cli is a dev dependency of the package: npm install');
    assert.ok(sfBin !== undefined, '@salesforce/cli is a dev dependency of the package: npm install');
    const result = spawnSync(
      process.execPath,
      [
        sfBin,
        'project',
        'convert',
        'source',
        '--root-dir',
        'force-app',
        '--output-dir',
        join(out, 'mdapi'),
        '--json',
      ],
      {
        cwd: packageDir,
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          SF_DISABLE_TELEMETRY: 'true',
          SF_AUTOUPDATE_DISABLE: 'true',
          SF_SKIP_NEW_VERSION_CHECK: 'true',
          SF_HIDE_RELEASE_NOTES: 'true',
          HOME: out,
        },
      },
    );
    const json = JSON.parse(result.stdout) as { status: number; warnings?: unknown[]; message?: string };
    assert.equal(json.status, 0, json.message ?? result.stderr);
    assert.deepEqual(json.warnings ?? [], []);
    const manifest = join(out, 'mdapi', 'package.xml');
    assert.ok(existsSync(manifest));
    const xml = readFileSync(manifest, 'utf8');
    for (const member of [
      'WhatsApp_Conversation__c',
      'WhatsApp_Message__c',
      'Leadwire_Integration',
      'Leadwire_User',
      'whatsappConversation',
    ]) {
      assert.ok(xml.includes(`<members>${member}</members>`), `${member} in package.xml`);
    }
  });
});
