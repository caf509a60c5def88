// How big a reliability run is, and the seed its randomness comes from. CI (CI=true) and LEADWIRE_SLOW=1 run
// the full sizes; a local `npm test` runs a tenth so it stays quick. LEADWIRE_SEED replays a run's random kills
// and faults (every scenario prints the seed it used).
import { randomInt } from 'node:crypto';
import type { Findings } from './witness.ts';

export const fullSize = process.env.CI === 'true' || process.env.LEADWIRE_SLOW === '1';
export const sizeName = fullSize ? 'full' : 'reduced (1/10; CI=true or LEADWIRE_SLOW=1 runs full size)';

/** `full` at full size, else a tenth of it (at least `min`). */
export function sized(full: number, min = 1): number {
  return fullSize ? full : Math.max(min, Math.round(full / 10));
}

export const seed =
  process.env.LEADWIRE_SEED === undefined ? randomInt(2 ** 31) : Number(process.env.LEADWIRE_SEED);

export interface Random {
  /** a float in [0, 1) */
  next(): number;
  /** an integer in [min, max] */
  between(min: number, max: number): number;
  /** true with probability `p` */
  chance(p: number): boolean;
}

/** mulberry32: a small seeded PRNG, so a run's kills and faults replay from its seed. */
export function seededRandom(from: number): Random {
  let state = from >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
  };
}

/** The line every scenario prints (one per run). */
export function summaryLine(
  fields: Pick<Findings, 'sent' | 'acknowledged' | 'processed' | 'records' | 'duplicates' | 'lost'> & {
    scenario: string;
    mode: string;
    extra?: Record<string, string | number>;
  },
): string {
  const extra = Object.entries(fields.extra ?? {}).map(([key, value]) => ` ${key}=${value}`);
  return `scenario=${fields.scenario} mode=${fields.mode} sent=${fields.sent} acknowledged=${fields.acknowledged} processed=${fields.processed} records=${fields.records} duplicates=${fields.duplicates} lost=${fields.lost}${extra.join('')}`;
}
