// signalsOf: a conversation's signals parsed once per signals object, shared frozen between the steps of a turn.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signalsOf } from '../src/model/signals.ts';

const at = '2026-03-10T09:00:00.000Z';
const stored = () => ({
  serviceType: { value: 'deep_cleaning', confidence: 0.9, source: 'rule', at },
  urgency: { value: 'urgent', confidence: 0.8, source: 'rule', evidence: 'hoy', at },
});

describe('signalsOf', () => {
  it('reads the signals as the schema does and answers the same object for the same signals', () => {
    const signals = stored();
    const read = signalsOf(signals);
    assert.deepEqual(read, stored());
    assert.equal(signalsOf(signals), read);
    // another object with the same content is read on its own
    assert.notEqual(signalsOf(stored()), read);
  });

  it('shares a frozen answer: a step that changed it in place would change every later step`s reading', () => {
    const read = signalsOf(stored());
    assert.throws(() => {
      (read as Record<string, unknown>).location = { value: { areaId: 'x' } };
    }, TypeError);
    assert.throws(() => {
      (read.urgency as { value: string }).value = 'normal';
    }, TypeError);
  });

  it('refuses signals the schema refuses, every time they are read', () => {
    const bad = { urgency: { value: 'soon', confidence: 2, source: 'rule', at } };
    assert.throws(() => signalsOf(bad));
    assert.throws(() => signalsOf(bad));
  });
});
