// The scopes the app declares (app-hsmeta.json), the scopes the install link asks for, and the README's list
// for portal admins are one and the same: HubSpot refuses an install whose `scope` lacks a required scope of
// the app, and an optional scope the config does not list is never granted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { HUBSPOT_OPTIONAL_SCOPES, HUBSPOT_REQUIRED_SCOPES } from '../src/oauth/index.ts';

const repo = join(import.meta.dirname, '..', '..');
const appConfig = JSON.parse(readFileSync(join(repo, 'hubspot-app/project/src/app/app-hsmeta.json'), 'utf8'))
  .config.auth as { requiredScopes: string[]; optionalScopes: string[] };
const readme = readFileSync(join(repo, 'README.md'), 'utf8');

function readmeList(marker: string): string[] {
  const match = new RegExp(`<!-- ${marker} -->([\\s\\S]*?)<!-- /${marker} -->`).exec(readme);
  assert.ok(match, `README has no ${marker} block`);
  return [...match[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

describe('the app’s scopes', () => {
  it('app-hsmeta.json requires exactly what the install link sends as scope', () => {
    assert.deepEqual([...appConfig.requiredScopes].sort(), [...HUBSPOT_REQUIRED_SCOPES].sort());
  });

  it('the Leads scopes are optional everywhere, never required', () => {
    assert.deepEqual([...appConfig.optionalScopes].sort(), [...HUBSPOT_OPTIONAL_SCOPES].sort());
    for (const scope of ['crm.objects.leads.read', 'crm.objects.leads.write']) {
      assert.ok(appConfig.optionalScopes.includes(scope));
      assert.ok(!appConfig.requiredScopes.includes(scope));
    }
  });

  it('the README lists the required and optional scopes exactly as the app declares them', () => {
    assert.deepEqual(readmeList('hubspot-required-scopes'), appConfig.requiredScopes);
    assert.deepEqual(readmeList('hubspot-optional-scopes'), appConfig.optionalScopes);
  });
});
