// Merging the model's answer into the offline signals: the customer's confirmation always stands, a rule's
// value gives way only to a more confident model, gaps are filled as `llm`, and malformed values never land.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeModelOutput } from '../src/llm/merge-model-output.ts';
import type { Signals } from '../src/model/signals.ts';
import type { IntakeModelOutput } from '../src/ports/intake-model.ts';

const NOW = new Date('2026-11-21T15:00:00Z');
const EARLIER = '2026-11-21T14:00:00.000Z';

function model(
  signals: IntakeModelOutput['signals'],
  extra: Partial<IntakeModelOutput> = {},
): IntakeModelOutput {
  return { signals, escalate: false, ...extra };
}

describe('mergeModelOutput', () => {
  it('fills a missing signal as llm at the model confidence, captured now', () => {
    const { signals } = mergeModelOutput({}, model({ urgency: { value: 'urgent', confidence: 0.8 } }), NOW);
    assert.deepEqual(signals.urgency, {
      value: 'urgent',
      confidence: 0.8,
      source: 'llm',
      at: NOW.toISOString(),
    });
  });

  it('never overrides what the customer confirmed, however sure the model is', () => {
    const offline: Signals = {
      serviceType: { value: 'plumbing', confidence: 1, source: 'customer-confirmed', at: EARLIER },
    };
    const { signals } = mergeModelOutput(
      offline,
      model({ serviceType: { value: 'ac_repair', confidence: 1 } }),
      NOW,
    );
    assert.deepEqual(signals.serviceType, offline.serviceType);
  });

  it('replaces a rule value only when the model is more confident', () => {
    const offline: Signals = {
      serviceType: { value: 'plumbing', confidence: 0.7, source: 'rule', evidence: 'pipe', at: EARLIER },
      urgency: { value: 'normal', confidence: 0.6, source: 'rule', at: EARLIER },
    };
    const { signals } = mergeModelOutput(
      offline,
      model({
        serviceType: { value: 'ac_repair', confidence: 0.7 },
        urgency: { value: 'urgent', confidence: 0.9 },
      }),
      NOW,
    );
    assert.deepEqual(signals.serviceType, offline.serviceType, 'an equally sure model replaced the rule');
    assert.deepEqual(signals.urgency, {
      value: 'urgent',
      confidence: 0.9,
      source: 'llm',
      at: NOW.toISOString(),
    });
  });

  it('leaves out values the Signals schema rejects, and keeps the phone country with a model area', () => {
    const offline: Signals = {
      location: { value: { country: 'SA' }, confidence: 0.3, source: 'rule', at: EARLIER },
    };
    const { signals } = mergeModelOutput(
      offline,
      model({
        location: { value: { areaId: 'jeddah' }, confidence: 0.8 },
        sentiment: { value: 'furious', confidence: 0.9 },
        timing: { value: { text: 'tomorrow' }, confidence: 0.9 },
        assignee: { value: 'manager', confidence: 1 },
      }),
      NOW,
    );
    assert.deepEqual(signals.location?.value, { country: 'SA', areaId: 'jeddah' });
    assert.equal(signals.sentiment, undefined);
    assert.equal(signals.timing, undefined);
    assert.deepEqual(Object.keys(signals), ['location']);
  });

  it('returns the escalation with its reason and the reply', () => {
    const merged = mergeModelOutput(
      {},
      model({}, { escalate: true, escalateReason: 'asked for a person', reply: 'Un momento, por favor.' }),
      NOW,
    );
    assert.deepEqual(merged.escalation, { escalate: true, reason: 'asked for a person' });
    assert.equal(merged.reply, 'Un momento, por favor.');
    const calm = mergeModelOutput({}, model({}), NOW);
    assert.deepEqual(calm.escalation, { escalate: false });
    assert.equal(calm.reply, undefined);
  });
});
