// Hostile webhook bodies, built from Meta's example payloads the way an attacker holding one tenant's app
// secret would build them: deep nesting at every level, huge strings, wrong types, missing keys, a thousand
// entries, broken JSON and odd Unicode. Deterministic (a seeded generator), so a failure names its body.
import { prng } from '@leadwire/connector-core/testing';
import { fixture, fixtureNames } from './harness.ts';

export interface HostileBody {
  /** what was done to which fixture, for the failure message */
  name: string;
  body: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

/** Every path to an object or array (containers) and to a scalar (leaves) in a JSON value. */
function pathsOf(value: Json, path: Path = [], into = { containers: [] as Path[], leaves: [] as Path[] }) {
  if (Array.isArray(value)) {
    into.containers.push(path);
    value.forEach((item, i) => {
      pathsOf(item, [...path, i], into);
    });
  } else if (value !== null && typeof value === 'object') {
    into.containers.push(path);
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], into);
  } else {
    into.leaves.push(path);
  }
  return into;
}

function at(root: Json, path: Path): Json {
  let node = root;
  for (const key of path) node = (node as Record<string | number, Json>)[key] as Json;
  return node;
}

function setAt(root: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const parent = at(root, path.slice(0, -1)) as Record<string | number, Json>;
  parent[path.at(-1)!] = value;
  return root;
}

function nested(depth: number): string {
  return `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
}

/** Nests `depth` arrays under a new key of the container at `path`, in the JSON text itself. */
function withDeepField(root: Json, path: Path, depth: number): string {
  const marker = '"__deep__marker__"';
  const container = at(root, path);
  if (Array.isArray(container)) container.push('__deep__marker__');
  else (container as Record<string, Json>).x = '__deep__marker__';
  return JSON.stringify(root).replace(marker, nested(depth));
}

const wrongValues: Json[] = [null, true, 0, -1, 1e308, '', '💥', [], {}, [[]], { a: { b: {} } }, '\u0000'];

/** At least `count` hostile bodies, cycling through every fixture and every kind of mutation. */
export function hostileBodies(count: number, seed = 13): HostileBody[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const fixtures = fixtureNames().map((name) => ({ name, json: JSON.parse(fixture(name)) as Json }));
  const copy = (json: Json): Json => structuredClone(json);
  const bodies: HostileBody[] = [];

  const mutations: Array<(name: string, json: Json) => HostileBody> = [
    (name, json) => {
      const { containers } = pathsOf(json);
      const path = pick(containers);
      const depth = pick([33, 64, 500, 5000, 20_000]);
      return {
        name: `${name}: ${depth} levels under ${path.join('.')}`,
        body: withDeepField(json, path, depth),
      };
    },
    (name, json) => {
      const { leaves } = pathsOf(json);
      const path = pick(leaves);
      const size = pick([4097, 65_536, 1_000_000]);
      return {
        name: `${name}: a ${size}-character string at ${path.join('.')}`,
        body: JSON.stringify(setAt(json, path, 'A'.repeat(size))),
      };
    },
    (name, json) => {
      const { containers, leaves } = pathsOf(json);
      const path = pick([...containers.slice(1), ...leaves]);
      const value = pick(wrongValues);
      return {
        name: `${name}: ${JSON.stringify(value)} at ${path.join('.')}`,
        body: JSON.stringify(setAt(json, path, value)),
      };
    },
    (name, json) => {
      const { containers, leaves } = pathsOf(json);
      const path = pick([...containers.slice(1), ...leaves]);
      const parent = at(json, path.slice(0, -1));
      if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
      else delete (parent as Record<string, Json>)[path.at(-1) as string];
      return { name: `${name}: without ${path.join('.')}`, body: JSON.stringify(json) };
    },
    (name, json) => {
      const text = JSON.stringify(json);
      const cut = Math.floor(random() * text.length);
      return { name: `${name}: cut at byte ${cut}`, body: text.slice(0, cut) };
    },
    (name, json) => {
      const text = JSON.stringify(json);
      const junk = pick(['\ud800', '\\ud800', '\u0000', '\\u0000', '\u202e', '"', '\\', '}', ',,', 'NaN']);
      const at = Math.floor(random() * text.length);
      return {
        name: `${name}: ${JSON.stringify(junk)} inserted at ${at}`,
        body: text.slice(0, at) + junk + text.slice(at),
      };
    },
    (name, json) => {
      // The same path, many times over: arrays of a thousand items where Meta sends one.
      const { containers } = pathsOf(json);
      const arrays = containers.filter((path) => Array.isArray(at(json, path)));
      const path = pick(arrays);
      const items = at(json, path) as Json[];
      const first = items[0] ?? {};
      setAt(
        json,
        path,
        Array.from({ length: 1000 }, () => first),
      );
      return { name: `${name}: 1,000 items at ${path.join('.') || 'root'}`, body: JSON.stringify(json) };
    },
    (name, json) => {
      const envelope = json as { entry: Json[] };
      return {
        name: `${name}: 1,000 entries`,
        body: JSON.stringify({ ...envelope, entry: Array.from({ length: 1000 }, () => envelope.entry[0]) }),
      };
    },
    (name, json) => ({
      name: `${name}: a top-level ${pick(['array', 'string', 'number'])}`,
      body: JSON.stringify(pick<Json>([[json], JSON.stringify(json), 42])),
    }),
  ];

  // The megabyte-sized kinds (a long string, a thousand items or entries) on one round in four: enough of
  // them to matter, few enough that the suite stays quick on two cores.
  const heavy = new Set([1, 6, 7]);
  for (let i = 0; bodies.length < count; i++) {
    const { name, json } = fixtures[i % fixtures.length]!;
    const round = Math.floor(i / fixtures.length);
    let kind = round % mutations.length;
    if (heavy.has(kind) && Math.floor(round / mutations.length) % 4 !== 0) kind = 2;
    bodies.push(mutations[kind]!(name, copy(json)));
  }
  return bodies;
}
