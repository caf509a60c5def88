// The routing directory: CRM owners overlaid by routing.users (by id, else by email), config-only users
// kept, config references resolved to CRM ids — and the directory file `simulate --directory` reads.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isLeadwireError } from '../src/model/errors.ts';
import type { CrmOwner } from '../src/ports/crm.ts';
import { buildDirectory, directoryFromFile, loadDirectoryFile } from '../src/routing/directory.ts';
import { route } from '../src/routing/route.ts';
import { routingConfigSchema } from '../src/routing/routing-schema.ts';

const crmOwners: CrmOwner[] = [
  { id: '0055e01', email: 'Sara@Example.com', name: 'Sara Q.', active: true, teams: ['jeddah-team'] },
  { id: '0055e02', email: 'omar@example.com', name: 'Omar', active: false, teams: [] },
  { id: '0055e03', name: 'Huda', active: true, teams: [] },
];

const routing = routingConfigSchema.parse({
  timezone: 'Asia/Riyadh',
  admin: 'sara',
  users: [
    {
      id: 'sara',
      email: 'sara@example.com',
      groups: ['team'],
      skills: ['hvac'],
      hours: { days: { sun: ['09:00-17:00'] } },
    },
    { id: '0055e02', active: true, maxOpen: 4 },
    { id: 'new-hire', name: 'Noura', groups: ['team'] },
  ],
  groups: [{ id: 'team' }],
  rules: [{ id: 'r', targets: [{ user: 'sara' }, { group: 'team' }] }],
});

describe('buildDirectory', () => {
  const directory = buildDirectory(crmOwners, routing);
  const byId = new Map(directory.users.map((user) => [user.id, user]));

  it('matches a config user by email, case-insensitively, and keeps the CRM id', () => {
    assert.deepEqual(byId.get('0055e01'), {
      id: '0055e01',
      email: 'sara@example.com',
      name: 'Sara Q.',
      active: true,
      groups: ['team'],
      skills: ['hvac'],
      areas: [],
      languages: [],
      hours: { timezone: 'Asia/Riyadh', days: { sun: ['09:00-17:00'] } },
    });
    assert.equal(byId.has('sara'), false);
    assert.deepEqual(directory.aliases, { sara: '0055e01' });
    assert.equal(directory.admin, '0055e01');
  });

  it('matches by id, and a field the config gives wins over the CRM', () => {
    const omar = byId.get('0055e02');
    assert.deepEqual([omar?.active, omar?.maxOpen, omar?.name], [true, 4, 'Omar']);
  });

  it('keeps CRM users the config does not mention, with no groups (CRM teams are not groups)', () => {
    assert.deepEqual(byId.get('0055e03'), {
      id: '0055e03',
      name: 'Huda',
      active: true,
      groups: [],
      skills: [],
      areas: [],
      languages: [],
    });
  });

  it('includes config-only users, active unless said otherwise', () => {
    assert.deepEqual([byId.get('new-hire')?.active, byId.get('new-hire')?.name], [true, 'Noura']);
    assert.equal(directory.users.length, 4);
  });

  it('without CRM owners the directory is the config users', () => {
    const alone = buildDirectory(undefined, routing);
    assert.deepEqual(
      alone.users.map((user) => user.id),
      ['sara', '0055e02', 'new-hire'],
    );
    assert.equal(alone.admin, 'sara');
  });

  it('route resolves config ids to CRM ids (targets and exclusions)', () => {
    const base = {
      conversation: { id: 'c', returning: false },
      signals: {},
      decision: 'lead' as const,
      directory,
      presence: {},
      stats: { users: {} },
      routing,
      now: new Date('2026-11-22T07:00:00Z'),
    };
    assert.deepEqual(route(base).assignee, { kind: 'user', id: '0055e01', name: 'Sara Q.' });
    const rerouted = route({ ...base, ruleId: 'r', exclude: ['sara'] });
    assert.deepEqual(rerouted.assignee, { kind: 'user', id: 'new-hire', name: 'Noura' });
    assert.deepEqual(
      rerouted.trace.steps.map((step) => step.candidates.map((c) => `${c.userId}:${c.reason ?? c.outcome}`)),
      [['0055e01:excluded'], ['0055e01:excluded', 'new-hire:chosen']],
    );
  });
});

describe('directory files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leadwire-directory-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads YAML with users, presence and owners', () => {
    const file = loadDirectoryFile(
      write(
        'directory.yaml',
        `users:
  - { id: "101", name: Sara, groups: [team], languages: [ar] }
  - { id: "102", active: false }
presence: { "101": away }
owners:
  "+966500000001": { ownerId: "101", kind: opportunity }
  "+966500000002": { ownerId: "102" }
`,
      ),
    );
    assert.deepEqual(file.presence, { '101': 'away' });
    assert.deepEqual(file.owners, {
      '+966500000001': { ownerId: '101', kind: 'opportunity' },
      '+966500000002': { ownerId: '102', kind: 'lead' },
    });
    const directory = directoryFromFile(
      file,
      routingConfigSchema.parse({ users: [{ id: '102', active: true }] }),
    );
    assert.deepEqual(
      directory.users.map((user) => [user.id, user.active, user.groups]),
      [
        ['101', true, ['team']],
        ['102', true, []],
      ],
    );
  });

  it('reads JSON, and an empty file is an empty directory', () => {
    const file = loadDirectoryFile(write('directory.json', '{"users":[{"id":"7"}]}'));
    assert.deepEqual(file, { users: [{ id: '7' }], presence: {}, owners: {} });
    assert.deepEqual(loadDirectoryFile(write('empty.yaml', '')), { users: [], presence: {}, owners: {} });
  });

  it('a mistake is a VALIDATION error naming its path', () => {
    const path = write('bad.yaml', 'presence: { "101": busy }\nusers: [{ id: "1", maxOpen: -2 }]\n');
    assert.throws(
      () => loadDirectoryFile(path),
      (error: unknown) =>
        isLeadwireError(error, 'VALIDATION') &&
        /presence\.101: /.test(error.message) &&
        /users\[0\]\.maxOpen: /.test(error.message),
    );
  });

  it('a file that is not YAML or JSON is a VALIDATION error', () => {
    assert.throws(
      () => loadDirectoryFile(write('broken.yaml', 'users: [\n')),
      (error: unknown) => isLeadwireError(error, 'VALIDATION') && error.message.includes('broken.yaml'),
    );
  });
});
