// The SQLite assignments pass the Assignments contract (a second adapter is a second connection to the same
// file), and live beside the store in its database file.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openSqliteAssignments } from '../src/store/sqlite-assignments.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import { defineAssignmentsContract } from '../src/testing/assignments-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'leadwire-sqlite-assignments-'));
after(() => rmSync(dir, { recursive: true, force: true }));

defineAssignmentsContract('SQLite', async ({ clock, dataset }) =>
  openSqliteAssignments({ path: join(dir, dataset, 'leadwire.db'), clock }),
);

describe('SQLite assignments on disk', () => {
  it('share the store’s file and keep assignments and counters across a reopen', async () => {
    const path = join(dir, 'shared', 'leadwire.db');
    const store = openSqliteStore({ path });
    const first = openSqliteAssignments({ path });
    const result = await first.assign({
      tenantId: 't',
      conversationId: 'c1',
      assignee: { kind: 'user', id: 'u1' },
      source: 'routing',
      urgent: false,
      at: 1000,
      expectedVersion: 0,
    });
    assert.equal(result.status, 'assigned');
    await first.shutdown();
    await store.ping();
    await store.close();

    const reopened = openSqliteAssignments({ path });
    try {
      assert.equal((await reopened.get('c1'))?.version, 1);
      const { users } = await reopened.stats('t', ['u1'], 1000, 60_000);
      assert.deepEqual(users.u1, { open: 1, lastAssignedAt: 1000, recentAssignments: [1000], count: 1 });
    } finally {
      await reopened.shutdown();
    }
  });
});
