// The periodic pool sweep a worker starts: one per routing tenant at its `pool.sweepMinutes`, none for a
// tenant that switched it off.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type AddJob, configSchema, type JobQueue, openEmbeddedQueue } from '@leadwire/connector-core';
import { startSweeps } from '../src/runtime/compose.ts';

const dir = mkdtempSync(join(tmpdir(), 'leadwire-sweeps-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const tenant = (id: string, pool: Record<string, unknown>) => ({
  id,
  whatsapp: { app: 'main', phoneNumberIds: [String(100 + id.length)] },
  routing: { pool },
});

describe('periodic pool sweeps', () => {
  it('start at each tenant’s interval, and not at all where switched off', async () => {
    const config = configSchema.parse({
      whatsapp: { verifyToken: 'env:V', apps: [{ id: 'main', appSecret: 'env:S' }] },
      tenants: [
        tenant('every-10', { sweepMinutes: 10 }),
        tenant('off', { sweepMinutes: false }),
        tenant('default', {}),
      ],
    });
    const clock = { now: () => Date.parse('2026-03-02T10:01:00Z') };
    const inner = openEmbeddedQueue({ path: join(dir, 'queue.db'), clock });
    const added: AddJob[] = [];
    // The real queue, with the jobs added recorded.
    const queue = new Proxy<JobQueue>(inner, {
      get(target, property) {
        if (property === 'add') {
          return (job: AddJob) => {
            added.push(job);
            return target.add(job);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const jobs = await inner.counts();
    try {
      await startSweeps(config, { queue, clock });
      assert.deepEqual(
        added.map((job) => [job.data.tenantId, job.data.intervalMs]),
        [
          ['every-10', 600_000],
          ['default', 300_000],
        ],
      );
      assert.equal((await inner.counts()).delayed, jobs.delayed + 2, 'both wait in the queue');
    } finally {
      await inner.close();
    }
  });
});
