// Property: whatever a validly signed body holds, the gateway answers 200 or 400, stays up, and never
// half-writes — a 400 stores nothing, and a 200 stores all of the delivery (posting it again adds nothing).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SqliteStore } from '@leadwire/connector-core';
import fc from 'fast-check';
import { fixture, fixtureNames, type Harness, startHarness } from './support/harness.ts';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);

/** Mutations of Meta's own payloads: keys dropped, values replaced by arbitrary JSON, arrays emptied or doubled. */
function mutated(): fc.Arbitrary<string> {
  const bodies = fixtureNames().map((name) => JSON.parse(fixture(name)) as unknown);
  const path = fc.array(fc.nat({ max: 12 }), { minLength: 1, maxLength: 8 });
  const mutation = fc.record({
    path,
    op: fc.constantFrom('delete', 'replace', 'empty', 'double', 'stringify'),
    value: fc.jsonValue({ maxDepth: 2 }),
  });
  return fc
    .tuple(fc.constantFrom(...bodies), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([body, mutations]) => {
      const copy = structuredClone(body);
      for (const m of mutations) mutate(copy, m.path, m.op, m.value);
      return JSON.stringify(copy);
    });
}

function mutate(root: unknown, path: number[], op: string, value: unknown): void {
  let parent: Record<string, unknown> | unknown[] | undefined;
  let key: string | number | undefined;
  let node: unknown = root;
  for (const step of path) {
    if (node === null || typeof node !== 'object') break;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    parent = node as Record<string, unknown> | unknown[];
    key = keys[step % keys.length]!;
    node = (parent as Record<string | number, unknown>)[key];
  }
  if (parent === undefined || key === undefined) return;
  const target = parent as Record<string | number, unknown>;
  if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete target[key];
  } else if (op === 'replace') target[key] = value;
  else if (op === 'empty') target[key] = Array.isArray(node) ? [] : {};
  else if (op === 'double' && Array.isArray(node)) target[key] = [...node, ...node];
  else if (op === 'stringify') target[key] = JSON.stringify(node ?? null);
}

const bodies = fc.oneof(
  { weight: 6, arbitrary: mutated() },
  { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string() },
  {
    weight: 1,
    arbitrary: fc
      .record({ object: fc.constant('whatsapp_business_account'), entry: fc.jsonValue() })
      .map((v) => JSON.stringify(v)),
  },
);

describe('any validly signed body', () => {
  let gw: Harness;
  let store: SqliteStore;
  before(async () => {
    gw = await startHarness();
    store = gw.running.runtime.store as SqliteStore;
  });
  after(() => gw.close());

  it(`gets only 200 or 400, and is written whole or not at all (${RUNS} bodies)`, async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const before = await store.countEvents();
        const res = await gw.post(body);
        await res.arrayBuffer();
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        assert.ok(res.status === 200 || res.status === 400, `status ${res.status}`);
        const afterFirst = await store.countEvents();
        if (res.status === 400) {
          assert.equal(afterFirst, before, 'a rejected body stored nothing');
          return;
        }
        // Everything the delivery holds was stored by the first post: the second adds nothing.
        assert.equal((await gw.post(body)).status, 200);
        assert.equal(await store.countEvents(), afterFirst, 'redelivery adds nothing');
      }),
      { numRuns: RUNS },
    );
    assert.equal((await fetch(`${gw.url}/healthz`)).status, 200, 'the process is still up');
    assert.ok((seen.get(200) ?? 0) > RUNS / 10, `some bodies were accepted: ${JSON.stringify([...seen])}`);
    assert.ok((seen.get(400) ?? 0) > RUNS / 10, `some bodies were rejected: ${JSON.stringify([...seen])}`);
  });
});
