// LLM faults: in LLM mode the model answers every intake call too late (past the tenant's llm.timeoutMs) or
// with broken JSON. The offline result must stand: the same conversations run at the same time through a
// second tenant without an `llm` section, and each LLM-mode conversation ends with the signals, decision,
// state and replies of its offline twin — every conversation handled, none stalled by the model.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Conversation, REPLY_IDS, type Store } from '@leadwire/connector-core';
import { type ChatReply, startOpenAiEmulator } from '../../webhook-gateway/src/sandbox/openai-emulator.ts';
import {
  HUBSPOT_NUMBER,
  runInWorld,
  SALESFORCE_NUMBER,
  startWorld,
  worldConfig,
} from './support/emulated-world.ts';
import { MetaSender } from './support/meta-sender.ts';
import { seed, seededRandom, sized, sizeName, summaryLine } from './support/run-size.ts';
import {
  type Customer,
  type CustomerRunOptions,
  customer,
  Replies,
  runCustomers,
  type ScriptStep,
} from './support/scripted-customers.ts';
import { witness } from './support/witness.ts';

const PAIRS = sized(120, 16);
const RAMP_MS = sized(15_000, 4_000);
const LLM_TIMEOUT_MS = 500;
/** acme (the first number) runs in LLM mode, globex (the second) offline */
const LLM_NUMBER = SALESFORCE_NUMBER;
const OFFLINE_NUMBER = HUBSPOT_NUMBER;

const scripts: ScriptStep[][] = [
  [
    { text: 'Necesito una limpieza profunda en Jeddah mañana' },
    { tap: REPLY_IDS.urgent },
    { tap: REPLY_IDS.confirmYes },
  ],
  [
    { text: 'My AC stopped working, I am in Jeddah, can someone come today?' },
    { tap: REPLY_IDS.urgent },
    { tap: REPLY_IDS.confirmYes },
  ],
  [{ text: 'أحتاج سباك في جدة بكرة ضروري' }, { tap: REPLY_IDS.confirmYes }],
  [{ text: 'Can I talk to a real person please?' }],
  [
    { text: 'Quanto custa a dedetização?' },
    { text: 'Em Jidá, amanhã de manhã' },
    { tap: REPLY_IDS.notUrgent },
  ],
  [
    { text: 'Bonjour' },
    { text: 'Un grand ménage à Djeddah demain' },
    { tap: REPLY_IDS.notUrgent },
    { tap: REPLY_IDS.confirmYes },
  ],
  [{ text: 'Klima tamiri lazım, Cidde, acil' }, { tap: REPLY_IDS.confirmChange }, { text: 'yarın' }],
  [{ text: 'Your cleaner was terrible, I want a refund' }],
  [
    { text: 'Halo, butuh pembersihan di Jeddah besok' },
    { tap: REPLY_IDS.urgent },
    { tap: REPLY_IDS.confirmYes },
  ],
  [
    { text: 'mujhe AC repair chahiye Jeddah mein kal' },
    { tap: REPLY_IDS.notUrgent },
    { tap: REPLY_IDS.confirmYes },
  ],
];

/** A time read from "now" ("today") moves with the LLM turn's extra wait; seconds apart is the same time. */
const SAME_MOMENT_MS = 5000;

const isoOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && 'iso' in value && typeof value.iso === 'string'
    ? value.iso
    : undefined;

/** What the agent made of a conversation, without the moments it happened at (times aligned to its twin's). */
function outcome(conversation: Conversation | undefined, twin?: Conversation) {
  if (conversation === undefined) return undefined;
  const twinSignals = (twin?.signals ?? {}) as Record<string, { value?: unknown }>;
  const signals = Object.fromEntries(
    Object.entries(conversation.signals as Record<string, Record<string, unknown>>).map(([name, s]) => {
      const [iso, twinIso] = [isoOf(s.value), isoOf(twinSignals[name]?.value)];
      const sameMoment =
        iso !== undefined &&
        twinIso !== undefined &&
        Math.abs(Date.parse(iso) - Date.parse(twinIso)) <= SAME_MOMENT_MS;
      const value = sameMoment ? { ...(s.value as object), iso: twinIso } : s.value;
      return [name, { value, confidence: s.confidence, source: s.source, evidence: s.evidence }];
    }),
  );
  const agent = conversation.agent;
  return {
    state: conversation.state,
    turnSeq: conversation.turnSeq,
    signals,
    language: agent?.language,
    decision: agent?.decision && { ...agent.decision, at: undefined },
    askedBefore: agent?.askedBefore,
    customerConfirmed: agent?.customerConfirmed,
  };
}

/** Message `index` goes once the previous one's turn committed (a turn per message in both tenants). */
function afterTurns(store: Store, timeoutMs = 120_000): CustomerRunOptions['ready'] {
  return async (c: Customer, index: number) => {
    const deadline = Date.now() + timeoutMs;
    while (((await store.getConversation(c.conversationId))?.turnSeq ?? 0) < index) {
      if (Date.now() > deadline) return false;
      await sleep(100);
    }
    return true;
  };
}

describe('LLM faults', () => {
  it(`${PAIRS} conversations whose model times out or answers broken JSON end as their offline twins`, {
    timeout: 10 * 60_000,
  }, async (t) => {
    const random = seededRandom(seed + 4);
    t.diagnostic(`size=${sizeName} seed=${seed + 4} (LEADWIRE_SEED=${seed} replays it)`);
    const started = Date.now();
    const faults = { timeouts: 0, brokenJson: 0 };
    const openai = await startOpenAiEmulator({
      apiKey: 'test-openai-key',
      responder: (): ChatReply => {
        if (random.chance(0.5)) {
          faults.timeouts++;
          // biome-ignore lint/suspicious/noThenProperty: the emulator's delayed-answer shape (`then` = what follows)
          return { delayMs: LLM_TIMEOUT_MS + 1500, then: { content: '{}' } };
        }
        faults.brokenJson++;
        return { content: '{"signals": {"serviceType": {"value": "deep_clean' };
      },
    });
    const world = await startWorld();
    const dir = mkdtempSync(join(tmpdir(), 'leadwire-reliability-llm-'));
    const config = worldConfig(world, {
      port: 0,
      dir,
      crm: false,
      llm: {
        baseURL: openai.baseURL,
        apiKey: 'env:OPENAI_KEY',
        model: 'gpt-4o-mini',
        // every turn asks the model, so every turn meets its fault
        intake: 'always',
        timeoutMs: LLM_TIMEOUT_MS,
      },
    });
    const { running, url } = await runInWorld(world, config);
    try {
      const { store, queue } = running.runtime;
      const pairs = Array.from({ length: PAIRS }, (_, i) => {
        const from = `9665${String(40_000_000 + i)}`;
        const script = scripts[i % scripts.length]!;
        return { llm: customer(from, LLM_NUMBER, script), offline: customer(from, OFFLINE_NUMBER, script) };
      });
      const customers = pairs.flatMap((p) => [p.llm, p.offline]);
      const sender = new MetaSender({ url, graph: world.graph });
      const replies = new Replies(world.graph);
      await runCustomers(customers, { sender, ready: afterTurns(store), rampMs: RAMP_MS });
      const findings = await witness({
        store,
        queue,
        customers,
        sender,
        replies,
        world,
        settleTimeoutMs: 120_000,
        crm: false,
        expectLeads: false,
      });

      const differences: string[] = [];
      let modelFailures = 0;
      let same = 0;
      const states = new Map<string, number>();
      for (const { llm, offline } of pairs) {
        const [withModel, without] = await Promise.all([
          store.getConversation(llm.conversationId),
          store.getConversation(offline.conversationId),
        ]);
        states.set(String(without?.state), (states.get(String(without?.state)) ?? 0) + 1);
        if (withModel?.agent?.model?.failed !== undefined) modelFailures++;
        else
          differences.push(
            `${llm.conversationId}: the model's failure was not recorded (${JSON.stringify(withModel?.agent?.model)})`,
          );
        try {
          assert.deepEqual(outcome(withModel, without), outcome(without));
          const texts = (c: Customer) =>
            replies
              .to(c.phoneNumberId, c.from)
              .map(({ body }) => ({ ...body, biz_opaque_callback_data: undefined }));
          assert.deepEqual(texts(llm), texts(offline));
          same++;
        } catch (error) {
          differences.push(
            `${llm.conversationId} differs from its offline twin: ${(error as Error).message}`,
          );
        }
      }
      const chatCalls = openai.requests.filter((r) => r.path === '/v1/chat/completions').length;
      t.diagnostic(
        summaryLine({
          scenario: 'llm-faults',
          mode: 'embedded',
          ...findings,
          extra: {
            llmCalls: chatCalls,
            llmTimeouts: faults.timeouts,
            llmBrokenJson: faults.brokenJson,
            llmFailuresRecorded: modelFailures,
            sameAsOffline: same,
            offlineStates: [...states].map(([state, n]) => `${state}:${n}`).join(','),
            seconds: Math.round((Date.now() - started) / 1000),
          },
        }),
      );
      assert.deepEqual(findings.problems, []);
      assert.equal(findings.lost, 0);
      assert.equal(findings.duplicates, 0);
      assert.equal(
        findings.processed,
        customers.reduce((sum, c) => sum + c.script.length, 0),
      );
      assert.deepEqual(differences.slice(0, 10), []);
      const llmTurns = pairs.reduce((sum, p) => sum + p.llm.script.length, 0);
      assert.ok(
        chatCalls >= llmTurns,
        `the model was asked every turn (${chatCalls} calls, ${llmTurns} turns)`,
      );
    } finally {
      await running.close();
      await world.close();
      await openai.close();
    }
  });
});
