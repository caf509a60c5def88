// Routing end to end, in both modes: real webhook payloads through the gateway and the worker, the intake
// agent hands over a Lead, the route step assigns it by the tenant's rules (round robin across the team),
// the assignment and its trace are stored, a manual transfer survives the next turn, an Inquiry with
// nobody eligible goes to the pool, and `leadwire explain` prints the stored decision and trace.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type Assignment, type ConfigInput, type Conversation, REPLY_IDS } from '@leadwire/connector-core';
import { exampleIntakeInput, redisSkipReason } from '@leadwire/connector-core/testing';
import { type GraphEmulator, startGraphEmulator } from '../src/whatsapp/graph-emulator.ts';
import {
  customerTap,
  customerText,
  DOC_PHONE_NUMBER_ID,
  type Harness,
  harnessEnv,
  startHarness,
  testConfig,
  until,
} from './support/harness.ts';

const redisSkip = await redisSkipReason();
const bin = join(import.meta.dirname, '..', 'bin', 'leadwire.js');

function routedConfig(mode: 'embedded' | 'scale-out', graph: GraphEmulator): ConfigInput {
  const config = testConfig({ mode, worker: true });
  config.whatsapp.graphBaseUrl = graph.url;
  config.whatsapp.replyIntervalMs = 0;
  config.tenants[0]!.intake = exampleIntakeInput;
  config.tenants[0]!.whatsapp.accessToken = 'env:GRAPH_TOKEN';
  config.tenants[0]!.routing = {
    users: [
      { id: 'u-sara', name: 'Sara', groups: ['cleaning'] },
      { id: 'u-omar', name: 'Omar', groups: ['cleaning'] },
      { id: 'u-mona', name: 'Mona' },
    ],
    groups: [{ id: 'cleaning', strategy: 'round_robin' }],
    rules: [
      {
        id: 'cleaning-leads',
        when: { serviceType: ['deep_cleaning'], decision: ['lead'] },
        targets: [{ group: 'cleaning' }],
      },
      { id: 'inquiries', when: { decision: ['inquiry'] }, targets: [{ unassigned: true }] },
    ],
    sla: { minutes: 60 },
  };
  return config;
}

for (const mode of ['embedded', 'scale-out'] as const) {
  describe(`routing through the turn processor (${mode})`, {
    skip: mode === 'scale-out' ? redisSkip : undefined,
  }, () => {
    it('assigns Leads round robin with a stored trace, keeps a manual transfer, pools an Inquiry', async () => {
      const graph = await startGraphEmulator({ token: 'test-graph-token' });
      const config = routedConfig(mode, graph);
      const gw: Harness = await startHarness({ config, graph, worker: true });
      try {
        const { store, assignments } = gw.running.runtime;
        const conversationOf = (from: string) =>
          store.getConversation(`${DOC_PHONE_NUMBER_ID}:${from}`) as Promise<Conversation | undefined>;
        const lead = async (from: string): Promise<Assignment> => {
          const steps = [
            customerText(from, 'I need a deep cleaning in Jeddah'),
            customerText(from, 'tomorrow morning, no rush'),
            customerTap(from, REPLY_IDS.confirmYes),
          ];
          for (const [i, body] of steps.entries()) {
            assert.equal((await gw.post(body)).status, 200);
            await until(
              async () => ((await conversationOf(from))?.turnSeq === i + 1 ? true : undefined),
              `turn ${i + 1}`,
            );
          }
          return until(async () => assignments.get(`${DOC_PHONE_NUMBER_ID}:${from}`), 'the assignment');
        };

        const first = await lead('16505558001');
        const second = await lead('16505558002');
        assert.deepEqual(
          [first.assignee.id, second.assignee.id].sort(),
          ['u-omar', 'u-sara'],
          'round robin gives the second Lead to the other person',
        );
        assert.equal(first.ruleId, 'cleaning-leads');
        assert.equal(first.source, 'routing');
        const trace = first.trace as { rule: string; steps: Array<{ target: string; outcome: string }> };
        assert.equal(trace.rule, 'cleaning-leads');
        assert.deepEqual(trace.steps[0], { ...trace.steps[0], target: 'group:cleaning', outcome: 'chosen' });
        const handedOver = await conversationOf('16505558001');
        assert.equal(handedOver?.state, 'handed_over');
        assert.equal(handedOver?.ownerId, first.assignee.id);

        // A manager moves the first Lead to Mona; the customer writes again; routing keeps Mona.
        const moved = await assignments.assign({
          tenantId: 'acme',
          conversationId: first.conversationId,
          assignee: { kind: 'user', id: 'u-mona', name: 'Mona' },
          source: 'manual',
          urgent: false,
          at: Date.now(),
          expectedVersion: first.version,
        });
        assert.equal(moved.status, 'assigned');
        assert.equal((await gw.post(customerText('16505558001', 'Also the windows please'))).status, 200);
        const after = await until(
          async () =>
            (await conversationOf('16505558001'))?.turnSeq === 4 ? conversationOf('16505558001') : undefined,
          'the next turn',
        );
        assert.equal(after?.ownerId, 'u-mona', 'the manual transfer is respected');
        assert.equal((await assignments.get(first.conversationId))?.assignee.id, 'u-mona');

        // An Inquiry goes to the pool by its rule.
        assert.equal((await gw.post(customerText('16505558003', 'I want to talk to a human'))).status, 200);
        const pooled = await until(
          async () => assignments.get(`${DOC_PHONE_NUMBER_ID}:16505558003`),
          'the pool',
        );
        assert.equal(pooled.assignee.kind, 'pool');
        assert.deepEqual(
          (await assignments.pool('acme')).map((a) => a.conversationId),
          [`${DOC_PHONE_NUMBER_ID}:16505558003`],
        );

        if (mode === 'embedded') {
          // `leadwire explain` reads the same store from another process.
          const file = join(config.storage!.sqlitePath!, '..', 'leadwire.json');
          writeFileSync(file, JSON.stringify({ ...config, server: { port: 0 } }));
          const explained = spawnSync(process.execPath, [bin, 'explain', second.conversationId, '-c', file], {
            encoding: 'utf8',
            env: { ...process.env, ...harnessEnv },
          });
          assert.equal(explained.status, 0, explained.stderr);
          assert.match(explained.stdout, /decision: lead/);
          assert.match(explained.stdout, /rule cleaning-leads/);
          assert.match(explained.stdout, new RegExp(`routing → user \\w+ \\(${second.assignee.id}\\)`));
        }
      } finally {
        await gw.close();
        await graph.close();
      }
    });
  });
}
