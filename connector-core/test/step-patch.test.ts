// A step's result as what it changed: the patch rebuilds the result exactly from the conversation before it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyStepPatch, isStoredPatch, stepPatch } from '../src/runtime/step-patch.ts';

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** A JSON object up to `depth` levels deep, with strings, numbers, booleans, arrays and objects. */
function object(next: () => number, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const keys = Math.floor(next() * 5);
  for (let k = 0; k < keys; k++) {
    const pick = next();
    const key = `k${Math.floor(next() * 6)}`;
    if (pick < 0.25 && depth > 0) result[key] = object(next, depth - 1);
    else if (pick < 0.45) result[key] = [Math.floor(next() * 3), `s${Math.floor(next() * 3)}`];
    else if (pick < 0.65) result[key] = `v${Math.floor(next() * 4)}`;
    else if (pick < 0.85) result[key] = Math.floor(next() * 4);
    else result[key] = next() < 0.5;
  }
  return result;
}

describe('step patches', () => {
  it('an equal copy is no change; an untouched part is not compared by its JSON at all', () => {
    const before = { a: { b: [1, 2] }, c: 'x' };
    assert.equal(stepPatch(before, { ...before }), undefined);
    assert.equal(stepPatch(before, { a: { b: [1, 2] }, c: 'x' }), undefined);
  });

  it('holds a new value, a removed key and a change inside an object, and nothing else', () => {
    const before = { state: 'new', agent: { history: ['hi'], decision: { ask: 'place' } }, refs: { a: '1' } };
    const after = { state: 'intake', agent: { history: ['hi'], decision: { ask: 'time' } }, refs: {} };
    const patch = stepPatch(before, after);
    assert.deepEqual(patch, {
      state: 'intake',
      agent: { $in: { decision: { $in: { ask: 'time' } } } },
      refs: { $in: { a: { $unset: 1 } } },
    });
    assert.deepEqual(applyStepPatch(before, patch ?? {}), after);
  });

  it('rebuilds any change of any JSON object, through JSON as the store keeps it', () => {
    const next = random(7);
    for (let i = 0; i < 2_000; i++) {
      const before = object(next, 3);
      const after = next() < 0.2 ? before : object(next, 3);
      const patch = stepPatch(before, after);
      const stored: unknown = JSON.parse(JSON.stringify({ $patch: patch ?? {} }));
      assert.ok(isStoredPatch(stored));
      assert.deepEqual(applyStepPatch(before, stored.$patch), after, `case ${i}`);
    }
  });

  it('a list that grew at its end keeps only what was added', () => {
    const before = { transcript: [{ text: 'hi' }, { text: 'hello' }], tags: ['a'] };
    const after = { transcript: [...before.transcript, { text: 'where?' }], tags: ['b'] };
    const patch = stepPatch(before, after);
    assert.deepEqual(patch, { transcript: { $push: [{ text: 'where?' }] }, tags: ['b'] });
    assert.deepEqual(applyStepPatch(before, patch ?? {}), after);
  });

  it('a conversation is never read as a patch', () => {
    assert.equal(isStoredPatch({ id: 'c1', state: 'new', signals: {} }), false);
    assert.equal(isStoredPatch('unchanged'), false);
  });
});
