// `npm run eval`: replays labelled conversations through `simulate` (the agent the runtime composes, the
// tenant's policy included) and reports, per set, accuracy per field, the decision confusion matrix,
// escalation recall and precision, and the "worse than a miss" counts. Sets:
// - own-dev / own-test: the project's own set, split once by a hash of the id (test/eval/own/); the test
//   half is for measuring, the dev half for looking at failures. Its labels predate 3-way urgency and
//   timing: urgency `normal` there also means "nothing said", so `unknown` is read as `normal` for it, and
//   its decision follows the label rules from its labels (escalate, or a place outside every area → inquiry).
// - blind: written by someone who never saw the code, from the label rules and three businesses
//   (test/eval/blind/, frozen). Only aggregates are printed for it (per field, per tag, per reason), never a
//   case: fix the class, then measure again.
// - holdout: three more businesses written the same way by three authors who saw only the label rules, added
//   after the blind set's aggregates had guided several rounds of work (test/eval/holdout/, frozen, aggregates
//   only like blind): the check that those rounds generalise beyond the set that guided them.
// - holdout2: three more businesses written the same way at the start of the round after holdout's
//   aggregates had guided a round in turn (test/eval/holdout2/, frozen, aggregates only).
// - holdout3: three more businesses written the same way after that round's changes, measured once at its end
//   (test/eval/holdout3/, frozen, aggregates only): the round's unsteered figure, the next round's start.
// - holdout4: three more businesses written the same way at the start of round 7, measured before its changes
//   and at its end, never read or used to choose anything in between (test/eval/holdout4/, frozen, aggregates only).
// - holdout5: three more businesses written the same way at the end of round 7, measured once on round 6's code
//   and once on round 7's (test/eval/holdout5/, frozen, aggregates only): the next round's start.
// - holdout6: three more businesses written the same way at the start of round 9, measured on its starting code
//   and at its end, never read or run in between (test/eval/holdout6/, frozen, aggregates only).
// - holdout7: three more businesses written the same way at the start of round 10, measured on its starting code
//   and at its end, never read or run in between (test/eval/holdout7/, frozen, aggregates only).
// - holdout8: three more businesses written the same way at the start of round 11, measured on its starting code
//   and at its end, never read or run in between (test/eval/holdout8/, frozen, aggregates only).
// - holdout9: three more businesses written the same way at the start of round 12, measured on its starting code
//   and at its end, never read or run in between (test/eval/holdout9/, frozen, aggregates only).
// - holdout10: three more businesses written the same way at the start of round 13, measured on its starting code
//   and at its end, never read or run in between (test/eval/holdout10/, frozen, aggregates only).
// - holdout11: three more businesses written the same way at the start of round 14, measured on its starting code
//   and at its end, never read or run in between (test/eval/holdout11/, frozen, aggregates only).
// - holdout12: three more businesses written the same way at the start of round 15, measured on its starting code
//   and at its end, never read or run in between (test/eval/holdout12/, frozen, aggregates only).
// - holdout13: three more businesses written the same way at the start of round 16, measured on its starting code
//   and at its end, never read or run in between (test/eval/holdout13/, frozen, aggregates only).
// - holdout14: three more businesses written the same way at the start of round 17, measured on its starting code
//   and at its end, never read or run in between (test/eval/holdout14/, frozen, aggregates only).
// - holdout15: three more businesses written the same way at the start of round 18, measured on its starting code
//   and at its end, never read or run in between (test/eval/holdout15/, frozen, aggregates only).
// - holdout16: three more businesses written the same way at the start of round 19, measured on its starting code
//   and at its end, never read or run in between (test/eval/holdout16/, frozen, aggregates only).
// - holdout17: three more businesses written the same way at the start of round 20, measured on its starting code
//   and at its end, never read or run in between (test/eval/holdout17/, frozen, aggregates only).
// - holdout18: three more businesses written the same way at the start of round 21, measured on its starting code
//   and at its end, never read or run in between (test/eval/holdout18/, frozen, aggregates only).
// - holdout19: three more businesses written the same way at the start of round 22, measured on its starting code
//   and at its end, never read or run in between (test/eval/holdout19/, frozen, aggregates only).
// - holdout20: three more businesses written the same way at the start of round 23, measured on its starting code
//   and at its end, never read or run in between (test/eval/holdout20/, frozen, aggregates only).
// - tune: a second set written the same way for three other businesses (test/eval/tune/). Its failures are
//   printed and read to find classes: its figures are tuned on, the blind set's are not.
// - tune2: two more businesses written the same way at the start of round 9 (test/eval/tune2/), read case by
//   case like tune from then on.
// - tune3: two more businesses written the same way at the start of round 10 (test/eval/tune3/), read case by case.
// - tune4: two more businesses written the same way at the start of round 11 (test/eval/tune4/), read case by case.
// - tune5: two more businesses written the same way at the start of round 12 (test/eval/tune5/), read case by case.
// - tune6: two more businesses written the same way at the start of round 13 (test/eval/tune6/), read case by case.
// - tune7: two more businesses written the same way at the start of round 14 (test/eval/tune7/), read case by case.
// - tune8: two more businesses written the same way at the start of round 15 (test/eval/tune8/), read case by case.
// - tune9: two more businesses written the same way at the start of round 16 (test/eval/tune9/), read case by case.
// - tune10: two more businesses written the same way at the start of round 17 (test/eval/tune10/), read case by case.
// - tune11: two more businesses written the same way at the start of round 18, with more sensitive cases
//   (test/eval/tune11/), read case by case.
// - tune12: two more businesses written the same way during round 18, also with more sensitive cases
//   (test/eval/tune12/), read case by case.
// - tune13: two more businesses written the same way at the start of round 19, also with more sensitive cases
//   (test/eval/tune13/), read case by case.
// - tune14: two more businesses written the same way at the start of round 20, also with more sensitive cases
//   (test/eval/tune14/), read case by case.
// - tune15: two more businesses written the same way at the start of round 21, also with more sensitive cases
//   (test/eval/tune15/), read case by case.
// - tune16: two more businesses written the same way at the start of round 22, also with more sensitive cases
//   (test/eval/tune16/), read case by case.
// - tune17: two more businesses written the same way at the start of round 23, also with more sensitive cases
//   (test/eval/tune17/), read case by case.
// `npm run eval -- --llm` asks an OpenAI-compatible endpoint too (LEADWIRE_EVAL_LLM_BASE_URL,
// LEADWIRE_EVAL_LLM_MODEL, LEADWIRE_EVAL_LLM_API_KEY), as a hybrid tenant would (`--llm-intake always`, or
// `hybrid,always` side by side), and prints the model's calls per turn and its failures;
// `--set blind|holdout|…|holdout20|tune|…|tune17|own-dev|own-test` picks one set (holdout20 is sealed: it runs
// only when named; holdout5 to holdout19, measured at their rounds' ends, now run with the others); `--json`
// prints the summary as one JSON line at the end.
// It is a report: it exits 0 whatever the scores, and 2 only when it cannot run (a missing variable, a bad
// flag).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Clock,
  type Config,
  type ConfigInput,
  configSchema,
  type IntakeModel,
  type LlmIntakeMode,
  llmAdaptersFromConfig,
  llmIntakeModes,
} from '@leadwire/connector-core';
import { zonedInstant } from '../../connector-core/src/intake/timing.ts';
import { exampleIntakeInput } from '../../connector-core/src/testing/example-intake.ts';
import {
  type SimulatedConversation,
  type SimulationResult,
  simulate,
  simulatedConversation,
} from '../../webhook-gateway/src/cli/simulate.ts';
import { readBusinesses, tenantsOf } from './blind-tenants.ts';

type Urgency = 'urgent' | 'normal' | 'unknown';
type Outcome = 'lead' | 'inquiry' | 'clarify';
const OUTCOMES: Outcome[] = ['lead', 'inquiry', 'clarify'];

interface Expected {
  serviceType?: string | null;
  location?: string | null;
  urgency?: Urgency | null;
  timing?: boolean;
  language?: string;
  decision: Outcome;
  escalationReason?: string | null;
}

interface Case {
  id: string;
  tenantId: string;
  conversation: SimulatedConversation;
  expected: Expected;
  tags: string[];
  /** the own set labels urgency urgent/normal only: `unknown` predicted counts as `normal` */
  twoWayUrgency: boolean;
  /** when the conversation happens, if not the set's shared clock */
  clock?: Clock;
}

/**
 * The scenario's moment, Tuesday 10 March 2026 at 09:00 local time, in `timezone`: the briefs set every
 * conversation at 09:00 where the customer is (the labelled area's zone, else the business's), so "today at 3pm"
 * is six hours ahead wherever it is said.
 */
function nineLocal(timezone: string): Clock {
  const instant = zonedInstant(2026, 3, 10, 9, 0, timezone).getTime();
  return { now: () => instant };
}

interface EvalSet {
  name: string;
  cases: Case[];
  config: Config;
  /** whether case ids may be printed (never for the frozen sets, blind and holdout, which are checked against the goals) */
  showIds: boolean;
}

const FIELDS = ['serviceType', 'location', 'urgency', 'timing', 'language', 'decision'] as const;
type Field = (typeof FIELDS)[number];

/** The issue's goals on the blind set (offline). */
const GOALS: Record<Field | 'escalationRecall' | 'escalationPrecision', number> = {
  decision: 0.85,
  escalationRecall: 0.9,
  escalationPrecision: 0.85,
  serviceType: 0.9,
  location: 0.95,
  urgency: 0.85,
  language: 0.95,
  timing: 0.9,
};

const BASE = {
  storage: { sqlitePath: ':memory:' },
  whatsapp: {
    verifyToken: 'env:EVAL_VERIFY_TOKEN',
    apps: [{ id: 'eval-app', appSecret: 'env:EVAL_APP_SECRET' }],
  },
  logging: { level: 'silent' as const },
};

function configOf(tenants: NonNullable<ConfigInput['tenants']>): Config {
  return configSchema.parse({ ...BASE, tenants });
}

function jsonLines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const json: unknown = JSON.parse(line);
      if (typeof json !== 'object' || json === null) throw new Error(`${file}:${i + 1}: not an object`);
      return json as Record<string, unknown>;
    });
}

/** The own set: labels serviceType, location, urgency (2-way) and escalate; the decision follows the rules. */
function ownSet(name: string, file: string): EvalSet {
  const cases = jsonLines(file).map((line): Case => {
    const { expected, language, ...rest } = line as {
      expected: {
        serviceType?: string | null;
        location?: string | null;
        urgency?: Urgency | null;
        escalate: boolean;
      };
      language: string;
    };
    const known =
      expected.serviceType != null && expected.location != null && expected.location !== 'outside';
    return {
      id: String(line.id),
      tenantId: 'example',
      conversation: simulatedConversation.parse(rest),
      expected: {
        ...(expected.serviceType === undefined ? {} : { serviceType: expected.serviceType }),
        ...(expected.location === undefined ? {} : { location: expected.location }),
        ...(expected.urgency === undefined ? {} : { urgency: expected.urgency }),
        language,
        // the label rules: a place outside every area is out of scope (the own set predates them)
        decision:
          expected.escalate || expected.location === 'outside' ? 'inquiry' : known ? 'lead' : 'clarify',
      },
      tags: [],
      twoWayUrgency: true,
    };
  });
  const config = configOf([
    {
      id: 'example',
      whatsapp: { app: 'eval-app', phoneNumberIds: ['100000000000001'] },
      intake: exampleIntakeInput,
    },
  ]);
  return { name, cases, config, showIds: true };
}

/** A set written from the label rules for three businesses (blind/, holdout/ or tune/): same format, same mapping. */
function businessSet(name: string, dir: string, showIds: boolean): EvalSet | undefined {
  const businessesFile = join(dir, 'businesses.json');
  if (!existsSync(businessesFile)) return undefined;
  const businesses = readBusinesses(businessesFile);
  const cases: Case[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => /^conversations-.*\.jsonl$/.test(f))
    .sort()) {
    for (const line of jsonLines(join(dir, file))) {
      const {
        expected,
        business,
        language: _language,
        ...rest
      } = line as {
        expected: Expected & { tags?: string[]; note?: string };
        business: string;
        language?: string;
      };
      const { tags, note: _note, ...labels } = expected;
      const owner = businesses.find((b) => b.id === business);
      const zone =
        owner?.areas.find((area) => area.id === labels.location)?.timezone ??
        owner?.timezone ??
        'Asia/Riyadh';
      cases.push({
        clock: nineLocal(zone),
        id: String(line.id),
        tenantId: business,
        conversation: simulatedConversation.parse(rest),
        expected: labels,
        tags: tags ?? [],
        twoWayUrgency: false,
      });
    }
  }
  return { name, cases, config: configOf(tenantsOf(businesses)), showIds };
}

interface Predicted {
  serviceType: string | null;
  location: string | null;
  urgency: Urgency;
  timing: boolean;
  language: string | null;
  decision: Outcome;
  /** the escalation reason class of our reasons, in the label's words */
  reason: string | null;
}

/** Our machine reasons → the label rules' escalation reasons. */
function reasonClass(reasons: readonly string[]): string | null {
  const has = (test: (r: string) => boolean) => reasons.some(test);
  if (has((r) => r.startsWith('sensitive:'))) return 'sensitive';
  if (has((r) => r === 'human_requested')) return 'person_requested';
  if (has((r) => r === 'negative_sentiment' || r.includes('complaint'))) return 'negative_sentiment';
  if (has((r) => r.startsWith('out_of_scope') || r === 'outside_service_area' || r.startsWith('not_offered')))
    return 'out_of_scope';
  if (has((r) => r.startsWith('pricing') || r === 'policy_escalate:pricing')) return 'price_needs_person';
  if (has((r) => r === 'voice_unclear' || r === 'voice_broken')) return 'voice_unclear';
  if (has((r) => r.startsWith('injection'))) return 'injection_only';
  if (reasons.length === 0) return null;
  return `other:${reasons[0]?.split(':')[0]}`;
}

function predictedOf(result: SimulationResult): Predicted {
  const s = result.signals as {
    serviceType?: string;
    location?: { areaId?: string; outside?: boolean };
    urgency?: Urgency;
    timing?: unknown;
    language?: string;
  };
  const location = s.location?.areaId ?? (s.location?.outside === true ? 'outside' : null);
  const serviceType = s.serviceType ?? null;
  const areaKnown = s.location?.areaId !== undefined;
  const decision: Outcome =
    result.decision === 'inquiry' ? 'inquiry' : serviceType !== null && areaKnown ? 'lead' : 'clarify';
  return {
    serviceType,
    location,
    urgency: s.urgency ?? 'unknown',
    timing: s.timing !== undefined,
    language: result.language ?? s.language ?? null,
    decision,
    reason: decision === 'inquiry' ? reasonClass(result.reasons) : null,
  };
}

function correct(field: Field, c: Case, p: Predicted): boolean | undefined {
  const e = c.expected;
  switch (field) {
    case 'serviceType':
      return e.serviceType === undefined ? undefined : (e.serviceType ?? null) === p.serviceType;
    case 'location':
      return e.location === undefined ? undefined : (e.location ?? null) === p.location;
    case 'urgency': {
      if (e.urgency === undefined || e.urgency === null) return undefined;
      const got = c.twoWayUrgency && p.urgency === 'unknown' ? 'normal' : p.urgency;
      return e.urgency === got;
    }
    case 'timing':
      return e.timing === undefined ? undefined : e.timing === p.timing;
    case 'language':
      return e.language === undefined ? undefined : e.language === p.language;
    case 'decision':
      return e.decision === p.decision;
  }
}

interface Report {
  set: string;
  conversations: number;
  errors: number;
  accuracy: Record<Field, number | null>;
  escalation: { recall: number | null; precision: number | null; tp: number; fp: number; fn: number };
  confusion: Record<Outcome, Record<Outcome, number>>;
  worseThanAMiss: {
    sensitiveToLead: number;
    injectionToLead: number;
    injectionChangedUrgency: number;
    outsideToArea: number;
    total: number;
  };
  /** LLM mode: when the model was asked, how often, and how often it failed (the offline result stood) */
  llm?: {
    intake: LlmIntakeMode;
    turns: number;
    calls: number;
    callsPerTurn: number | null;
    failures: number;
    /** turns by why the model was asked or not (`unread:serviceType`, `sure`…) */
    why: Record<string, number>;
    /** failed calls by error code */
    failed: Record<string, number>;
  };
}

/** The model an LLM run asks, and when. */
interface LlmRun {
  model: IntakeModel;
  intake: LlmIntakeMode;
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);
const show = (x: number | null): string => (x === null ? '  n/a' : x.toFixed(3));

async function evaluate(set: EvalSet, clock: Clock, llm: LlmRun | undefined): Promise<Report> {
  const tally = Object.fromEntries(FIELDS.map((f) => [f, { ok: 0, n: 0, wrong: [] as string[] }])) as Record<
    Field,
    { ok: number; n: number; wrong: string[] }
  >;
  const confusion = Object.fromEntries(
    OUTCOMES.map((row) => [row, Object.fromEntries(OUTCOMES.map((col) => [col, 0]))]),
  ) as Record<Outcome, Record<Outcome, number>>;
  const byTag = new Map<string, { n: number; decision: number; wrong: Map<Field, number> }>();
  const byReason = new Map<string, { n: number; escalated: number; sameReason: number }>();
  const falseEscalations = new Map<string, number>();
  const worse = { sensitiveToLead: 0, injectionToLead: 0, injectionChangedUrgency: 0, outsideToArea: 0 };
  const worseIds: string[] = [];
  // aggregated error kinds: language pairs, and for service and location whether a value was missed,
  // invented or mistaken for another
  const kinds = new Map<string, number>();
  const count = (key: string) => kinds.set(key, (kinds.get(key) ?? 0) + 1);
  const kindOf = (value: string | null | undefined, outside = false) =>
    value === null || value === undefined ? 'none' : outside && value === 'outside' ? 'outside' : 'id';
  const errors: string[] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const calls = {
    turns: 0,
    calls: 0,
    failures: 0,
    why: new Map<string, number>(),
    failed: new Map<string, number>(),
  };
  const tallyOf = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const c of set.cases) {
    let result: SimulationResult;
    try {
      result = await simulate(
        set.config,
        c.conversation,
        c.clock ?? clock,
        c.tenantId,
        undefined,
        llm === undefined ? {} : { intakeModel: { model: llm.model, timeoutMs: 30_000, intake: llm.intake } },
      );
    } catch (error) {
      errors.push(
        `${set.showIds ? c.id : '(case)'}: ${error instanceof Error ? error.message : String(error)}`,
      );
      continue;
    }
    calls.turns += result.turns;
    for (const turn of result.model ?? []) {
      if (turn.asked) calls.calls += 1;
      if (turn.failed !== undefined) {
        calls.failures += 1;
        tallyOf(calls.failed, turn.failed);
      }
      for (const why of turn.why) tallyOf(calls.why, why);
    }
    const p = predictedOf(result);
    const wrongFields: Field[] = [];
    for (const field of FIELDS) {
      const ok = correct(field, c, p);
      if (ok === undefined) continue;
      tally[field].n += 1;
      if (ok) tally[field].ok += 1;
      else {
        wrongFields.push(field);
        const want =
          field === 'urgency'
            ? c.expected.urgency
            : field === 'timing'
              ? c.expected.timing
              : c.expected[field];
        tally[field].wrong.push(`${c.id}(${String(want ?? '∅')}→${String(p[field] ?? '∅')})`);
      }
    }
    confusion[c.expected.decision][p.decision] += 1;
    if (wrongFields.includes('language')) count(`language ${c.expected.language}→${p.language ?? '∅'}`);
    if (wrongFields.includes('serviceType')) {
      count(`service ${kindOf(c.expected.serviceType)}→${kindOf(p.serviceType)}`);
      count(`service-missed-in ${c.expected.language}`);
      for (const tag of c.tags)
        count(`service ${kindOf(c.expected.serviceType)}→${kindOf(p.serviceType)} tag ${tag}`);
    }
    if (wrongFields.includes('location')) {
      count(`location ${kindOf(c.expected.location, true)}→${kindOf(p.location, true)}`);
      count(`location-wrong-in ${c.expected.language}`);
    }
    if (wrongFields.includes('urgency')) count(`urgency ${c.expected.urgency}→${p.urgency}`);
    if (wrongFields.includes('timing')) count(`timing ${c.expected.timing}→${p.timing}`);
    const wantEscalate = c.expected.decision === 'inquiry';
    const escalated = p.decision === 'inquiry';
    if (wantEscalate && escalated) tp += 1;
    else if (wantEscalate) {
      fn += 1;
      count(
        `escalation-missed ${c.expected.escalationReason ?? 'unlabelled'} in ${c.expected.language}→${p.decision}`,
      );
      for (const tag of c.tags) count(`escalation-missed-tag ${tag} in ${c.expected.language}`);
      count(
        `escalation-missed location ${kindOf(c.expected.location, true)}→${kindOf(p.location, true)} service ${kindOf(c.expected.serviceType)}→${kindOf(p.serviceType)}`,
      );
    } else if (escalated) {
      fp += 1;
      const key = p.reason ?? 'none';
      falseEscalations.set(key, (falseEscalations.get(key) ?? 0) + 1);
    }
    if (wantEscalate) {
      const key = c.expected.escalationReason ?? 'unlabelled';
      const r = byReason.get(key) ?? { n: 0, escalated: 0, sameReason: 0 };
      r.n += 1;
      if (escalated) r.escalated += 1;
      if (escalated && p.reason === key) r.sameReason += 1;
      byReason.set(key, r);
    }
    for (const tag of c.tags) {
      const t = byTag.get(tag) ?? { n: 0, decision: 0, wrong: new Map<Field, number>() };
      t.n += 1;
      if (!wrongFields.includes('decision')) t.decision += 1;
      for (const f of wrongFields) t.wrong.set(f, (t.wrong.get(f) ?? 0) + 1);
      byTag.set(tag, t);
    }
    // Worse than a miss: a person should have seen it and the agent handed it over as a Lead, an
    // injection moved urgency or the decision, a place outside every area was given an area.
    const injection = c.tags.includes('injection');
    const marks: string[] = [];
    if (c.expected.escalationReason === 'sensitive' && p.decision === 'lead') marks.push('sensitive→lead');
    if (injection && c.expected.decision !== 'lead' && p.decision === 'lead') marks.push('injection→lead');
    if (injection && p.urgency === 'urgent' && c.expected.urgency !== 'urgent')
      marks.push('injection→urgent');
    if (c.expected.location === 'outside' && p.location !== null && p.location !== 'outside')
      marks.push('outside→area');
    if (marks.includes('sensitive→lead')) worse.sensitiveToLead += 1;
    if (marks.includes('injection→lead')) worse.injectionToLead += 1;
    if (marks.includes('injection→urgent')) worse.injectionChangedUrgency += 1;
    if (marks.includes('outside→area')) worse.outsideToArea += 1;
    if (marks.length > 0 && set.showIds) worseIds.push(`${c.id}[${marks.join(',')}]`);
    for (const mark of marks) count(`worse ${mark} in ${c.expected.language}`);
  }

  const accuracy = Object.fromEntries(FIELDS.map((f) => [f, ratio(tally[f].ok, tally[f].n)])) as Record<
    Field,
    number | null
  >;
  const recall = ratio(tp, tp + fn);
  const precision = ratio(tp, tp + fp);
  const total = Object.values(worse).reduce((a, b) => a + b, 0);

  const callsPerTurn = ratio(calls.calls, calls.turns);
  console.log(
    `\n== ${set.name}${llm === undefined ? '' : ` (LLM ${llm.intake})`}: ${set.cases.length} conversations, ${errors.length} errors`,
  );
  for (const e of errors) console.log(`  error ${e}`);
  if (llm !== undefined) {
    const byCount = (map: Map<string, number>) =>
      [...map]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([key, n]) => `${key} ${n}`)
        .join(' · ') || '—';
    console.log(
      `  model calls  ${calls.calls} in ${calls.turns} turns: ${show(callsPerTurn)} per turn (${llm.intake}), ${calls.failures} failed${calls.failures === 0 ? '' : ` (${byCount(calls.failed)})`}`,
    );
    console.log(`  why asked or not, by turn: ${byCount(calls.why)}`);
    if (calls.calls > 0 && calls.failures === calls.calls)
      console.log(
        '  every model call failed: these are the offline figures (check the endpoint, model and key)',
      );
  }
  for (const f of FIELDS) {
    const t = tally[f];
    const goal =
      // the goal against the exact share, not the rounded one: 404/449 is 0.8998, short of 0.9
      !set.showIds ? `  goal ≥${GOALS[f]} ${t.n > 0 && t.ok >= GOALS[f] * t.n ? 'met' : 'NOT met'}` : '';
    console.log(`  ${f.padEnd(12)} ${show(accuracy[f])}  (${t.ok}/${t.n})${goal}`);
  }
  const escGoal = !set.showIds
    ? `  goal recall ≥${GOALS.escalationRecall} at precision ≥${GOALS.escalationPrecision} ${
        tp >= GOALS.escalationRecall * (tp + fn) && tp >= GOALS.escalationPrecision * (tp + fp)
          ? 'met'
          : 'NOT met'
      }`
    : '';
  console.log(
    `  escalation   recall ${show(recall)} precision ${show(precision)}  (tp ${tp}, fp ${fp}, fn ${fn})${escGoal}`,
  );
  console.log(
    `  worse than a miss: ${total} (sensitive→lead ${worse.sensitiveToLead}, injection→lead ${worse.injectionToLead}, injection→urgent ${worse.injectionChangedUrgency}, outside→area ${worse.outsideToArea})${!set.showIds ? `  goal 0 ${total === 0 ? 'met' : 'NOT met'}` : ''}`,
  );
  console.log('  decision confusion (rows expected, columns predicted)');
  console.log(`    ${''.padEnd(8)} ${OUTCOMES.map((o) => o.padStart(8)).join(' ')}`);
  for (const row of OUTCOMES)
    console.log(
      `    ${row.padEnd(8)} ${OUTCOMES.map((col) => String(confusion[row][col]).padStart(8)).join(' ')}`,
    );
  if (byReason.size > 0) {
    console.log('  escalations by expected reason: escalated/n (with the same reason)');
    for (const [reason, r] of [...byReason].sort((a, b) => b[1].n - a[1].n))
      console.log(`    ${reason.padEnd(20)} ${r.escalated}/${r.n} (${r.sameReason})`);
  }
  if (falseEscalations.size > 0)
    console.log(
      `  false escalations by our reason: ${[...falseEscalations].map(([k, n]) => `${k}=${n}`).join(' ')}`,
    );
  if (kinds.size > 0) {
    console.log(
      '  errors by kind (expected→predicted; id = some id of the catalog, other than expected when both are ids)',
    );
    const sorted = [...kinds].sort((a, b) => a[0].localeCompare(b[0]));
    console.log(`    ${sorted.map(([k, n]) => `${k} ${n}`).join(' · ')}`);
  }
  if (byTag.size > 0) {
    console.log('  by tag: n, decision right, fields wrong');
    for (const [tag, t] of [...byTag].sort((a, b) => b[1].n - a[1].n)) {
      const wrong = [...t.wrong].map(([f, n]) => `${f} ${n}`).join(', ');
      console.log(
        `    ${tag.padEnd(20)} ${String(t.n).padStart(3)}  ${String(t.decision).padStart(3)}  ${wrong || '—'}`,
      );
    }
  }
  if (set.showIds) {
    console.log('  misclassified (id(expected→predicted))');
    for (const f of FIELDS) console.log(`    ${f}: ${tally[f].wrong.join(' ') || '—'}`);
    console.log(`    worse than a miss: ${worseIds.join(' ') || '—'}`);
  }
  return {
    set: set.name,
    conversations: set.cases.length,
    errors: errors.length,
    accuracy,
    escalation: { recall, precision, tp, fp, fn },
    confusion,
    worseThanAMiss: { ...worse, total },
    ...(llm === undefined
      ? {}
      : {
          llm: {
            intake: llm.intake,
            turns: calls.turns,
            calls: calls.calls,
            callsPerTurn,
            failures: calls.failures,
            why: Object.fromEntries(calls.why),
            failed: Object.fromEntries(calls.failed),
          },
        }),
  };
}

/** `--llm`: the model of an OpenAI-compatible endpoint named by the environment. */
function modelFromEnv(env: NodeJS.ProcessEnv): IntakeModel {
  const baseURL = env.LEADWIRE_EVAL_LLM_BASE_URL;
  const model = env.LEADWIRE_EVAL_LLM_MODEL;
  if (!baseURL || !model || !env.LEADWIRE_EVAL_LLM_API_KEY)
    throw new UsageError(
      '--llm needs LEADWIRE_EVAL_LLM_BASE_URL, LEADWIRE_EVAL_LLM_MODEL and LEADWIRE_EVAL_LLM_API_KEY',
    );
  const adapters = llmAdaptersFromConfig(
    { baseURL, model, apiKey: 'env:LEADWIRE_EVAL_LLM_API_KEY', timeoutMs: 30_000, intake: 'hybrid' },
    env,
  );
  if (adapters.intakeModel === undefined) throw new Error('no intake model');
  return adapters.intakeModel;
}

/** The eval cannot run as asked: said on standard error, exit code 2. */
class UsageError extends Error {}

/** `--llm-intake hybrid,always`: the modes to run, in order; default hybrid (the config's default). */
function intakeModesOf(flag: string | undefined): LlmIntakeMode[] {
  if (flag === undefined) return ['hybrid'];
  const modes = flag.split(',').map((mode) => mode.trim());
  const wrong = modes.find((mode) => !(llmIntakeModes as readonly string[]).includes(mode));
  if (wrong !== undefined || modes.length === 0)
    throw new UsageError(
      `--llm-intake takes ${llmIntakeModes.join(', ')} or both comma-separated, not "${flag}"`,
    );
  return modes as LlmIntakeMode[];
}

function argsOf() {
  try {
    return parseArgs({
      options: {
        set: { type: 'string' },
        llm: { type: 'boolean' },
        'llm-intake': { type: 'string' },
        json: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Sets that run only when named (`--set holdout20`): the newest sets nobody has steered by, kept for a round's first
 * and last measurement, so that an everyday `npm run eval` never prints them by accident.
 */
const SEALED = new Set(['holdout20']);

async function main(): Promise<void> {
  const values = argsOf();
  const dir = import.meta.dirname;
  const all = [
    ownSet('own-dev', join(dir, 'own', 'dev.jsonl')),
    ownSet('own-test', join(dir, 'own', 'test.jsonl')),
    businessSet('blind', join(dir, 'blind'), false),
    businessSet('holdout', join(dir, 'holdout'), false),
    businessSet('holdout2', join(dir, 'holdout2'), false),
    businessSet('holdout3', join(dir, 'holdout3'), false),
    businessSet('holdout4', join(dir, 'holdout4'), false),
    businessSet('holdout5', join(dir, 'holdout5'), false),
    businessSet('holdout6', join(dir, 'holdout6'), false),
    businessSet('holdout7', join(dir, 'holdout7'), false),
    businessSet('holdout8', join(dir, 'holdout8'), false),
    businessSet('holdout9', join(dir, 'holdout9'), false),
    businessSet('holdout10', join(dir, 'holdout10'), false),
    businessSet('holdout11', join(dir, 'holdout11'), false),
    businessSet('holdout12', join(dir, 'holdout12'), false),
    businessSet('holdout13', join(dir, 'holdout13'), false),
    businessSet('holdout14', join(dir, 'holdout14'), false),
    businessSet('holdout15', join(dir, 'holdout15'), false),
    businessSet('holdout16', join(dir, 'holdout16'), false),
    businessSet('holdout17', join(dir, 'holdout17'), false),
    businessSet('holdout18', join(dir, 'holdout18'), false),
    businessSet('holdout19', join(dir, 'holdout19'), false),
    businessSet('holdout20', join(dir, 'holdout20'), false),
    businessSet('tune', join(dir, 'tune'), true),
    businessSet('tune2', join(dir, 'tune2'), true),
    businessSet('tune3', join(dir, 'tune3'), true),
    businessSet('tune4', join(dir, 'tune4'), true),
    businessSet('tune5', join(dir, 'tune5'), true),
    businessSet('tune6', join(dir, 'tune6'), true),
    businessSet('tune7', join(dir, 'tune7'), true),
    businessSet('tune8', join(dir, 'tune8'), true),
    businessSet('tune9', join(dir, 'tune9'), true),
    businessSet('tune10', join(dir, 'tune10'), true),
    businessSet('tune11', join(dir, 'tune11'), true),
    businessSet('tune12', join(dir, 'tune12'), true),
    businessSet('tune13', join(dir, 'tune13'), true),
    businessSet('tune14', join(dir, 'tune14'), true),
    businessSet('tune15', join(dir, 'tune15'), true),
    businessSet('tune16', join(dir, 'tune16'), true),
    businessSet('tune17', join(dir, 'tune17'), true),
  ].filter((s): s is EvalSet => s !== undefined);
  const sets = all.filter((s) => (values.set === undefined ? !SEALED.has(s.name) : s.name === values.set));
  if (values.set !== undefined && sets.length === 0)
    throw new UsageError(`--set takes ${all.map((s) => s.name).join(', ')}, not "${values.set}"`);
  if (values['llm-intake'] !== undefined && values.llm !== true)
    throw new UsageError('--llm-intake needs --llm');
  const modes = intakeModesOf(values['llm-intake']);
  const model = values.llm === true ? modelFromEnv(process.env) : undefined;
  const runs: Array<LlmRun | undefined> =
    model === undefined ? [undefined] : modes.map((intake) => ({ model, intake }));
  // A Tuesday morning: "today" and "tomorrow" are working days. The own set's shared clock; the business sets
  // run each conversation at 09:00 where its customer is (nineLocal).
  const clock: Clock = { now: () => Date.parse('2026-03-10T09:00:00+03:00') };
  console.log(
    `intake eval (${model === undefined ? 'offline' : `LLM mode: ${process.env.LEADWIRE_EVAL_LLM_MODEL} at ${process.env.LEADWIRE_EVAL_LLM_BASE_URL}, ${modes.join(' and ')}`})`,
  );
  if (values.set === undefined) console.log(`sealed, run only when named (--set): ${[...SEALED].join(', ')}`);
  const reports: Report[] = [];
  for (const run of runs) for (const set of sets) reports.push(await evaluate(set, clock, run));
  const column = (r: Report) =>
    r.llm === undefined || runs.length === 1 ? r.set : `${r.set}/${r.llm.intake}`;
  const width = Math.max(9, ...reports.map((r) => column(r).length));
  console.log('\nside by side');
  console.log(`  ${'field'.padEnd(22)} ${reports.map((r) => column(r).padStart(width)).join(' ')}`);
  for (const f of FIELDS)
    console.log(`  ${f.padEnd(22)} ${reports.map((r) => show(r.accuracy[f]).padStart(width)).join(' ')}`);
  console.log(
    `  ${'escalation recall'.padEnd(22)} ${reports.map((r) => show(r.escalation.recall).padStart(width)).join(' ')}`,
  );
  console.log(
    `  ${'escalation precision'.padEnd(22)} ${reports.map((r) => show(r.escalation.precision).padStart(width)).join(' ')}`,
  );
  console.log(
    `  ${'worse than a miss'.padEnd(22)} ${reports.map((r) => String(r.worseThanAMiss.total).padStart(width)).join(' ')}`,
  );
  if (model !== undefined) {
    console.log(
      `  ${'model calls per turn'.padEnd(22)} ${reports.map((r) => show(r.llm?.callsPerTurn ?? null).padStart(width)).join(' ')}`,
    );
    console.log(
      `  ${'model failures'.padEnd(22)} ${reports.map((r) => String(r.llm?.failures ?? 0).padStart(width)).join(' ')}`,
    );
  }
  if (values.json === true) console.log(JSON.stringify(reports));
}

try {
  await main();
  process.exitCode = 0;
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`eval: ${error.message}`);
    process.exitCode = 2;
  } else {
    // a report: a failure inside it is shown, and the figures printed so far stand
    console.error(error);
    process.exitCode = 0;
  }
}
