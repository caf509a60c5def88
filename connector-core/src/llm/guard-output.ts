// The last check between a model and a customer: whatever the model answered (a strict schema, a local
// server that ignores it, or a model talked round by the customer), only catalog ids and well-formed
// values pass, and a reply is dropped when it states a number, price, date or link the tenant's knowledge
// and the customer's own words do not contain, quotes our instructions, talks about configuration,
// promises an outcome, or is in another language than the customer's. Pure; the reasons are returned so
// a person can see why. Dropping is cheap: the offline templates answer instead.
import { detectLanguage } from '../intake/language.ts';
import { foldChar, normalizeForMatch } from '../intake/text-normalize.ts';
import type { IntakeModelInput, IntakeModelOutput } from '../ports/intake-model.ts';
import { INTAKE_SYSTEM_PROMPT } from './intake-prompt.ts';
import { INTAKE_INTENTS, INTAKE_SENTIMENTS, INTAKE_URGENCIES } from './intake-response-schema.ts';

export interface GuardContext {
  /** the tenant's catalog ids */
  serviceTypes: readonly string[];
  /** the tenant's service-area ids */
  serviceAreas: readonly string[];
  /** the knowledge answers the model was given */
  knowledge: readonly string[];
  /** everything the customer wrote in the conversation */
  customerTexts: readonly string[];
  /** the customer's language when known (BCP-47 primary tag) */
  language?: string | undefined;
  /** the system prompt the model was given, which a reply must never quote */
  systemPrompt: string;
}

export interface GuardedOutput {
  output: IntakeModelOutput;
  /** one line per removed value or reply: `what: why` */
  dropped: string[];
}

/** The guard's context for a model input (the default system prompt unless another was used). */
export function guardContextOf(input: IntakeModelInput, systemPrompt = INTAKE_SYSTEM_PROMPT): GuardContext {
  return {
    serviceTypes: input.allowed.serviceTypes,
    serviceAreas: input.allowed.serviceAreas,
    knowledge: input.allowed.knowledge,
    customerTexts: input.transcript.filter((line) => line.author === 'customer').map((line) => line.text),
    language: input.language,
    systemPrompt,
  };
}

// ---- signal values ----

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const oneOf = (values: readonly string[]) => (v: unknown) => typeof v === 'string' && values.includes(v);

/** Why a signal value is unacceptable, or undefined when it may pass. */
type ValueCheck = (value: unknown, context: GuardContext) => string | undefined;

const signalChecks: Record<string, ValueCheck> = {
  serviceType: (v, c) =>
    typeof v === 'string' && c.serviceTypes.includes(v) ? undefined : `${show(v)} is not in the catalog`,
  location: (v, c) => {
    if (!isRecord(v)) return 'not a location';
    if (v.areaId !== undefined && !(typeof v.areaId === 'string' && c.serviceAreas.includes(v.areaId)))
      return `${show(v.areaId)} is not a service area`;
    return Object.keys(v).every((key) => ['areaId', 'text', 'country'].includes(key))
      ? undefined
      : 'carries fields a model may not set';
  },
  urgency: (v) => (oneOf(INTAKE_URGENCIES)(v) ? undefined : `${show(v)} is not an urgency`),
  sentiment: (v) => (oneOf(INTAKE_SENTIMENTS)(v) ? undefined : `${show(v)} is not a sentiment`),
  intent: (v) => (oneOf(INTAKE_INTENTS)(v) ? undefined : `${show(v)} is not an intent`),
  language: (v) =>
    typeof v === 'string' && /^[a-z]{2,3}$/.test(v) ? undefined : `${show(v)} is not a language tag`,
  timing: (v) =>
    isRecord(v) && isNonEmptyString(v.iso) && typeof v.text === 'string' && !Number.isNaN(Date.parse(v.iso))
      ? undefined
      : 'not a resolvable time',
  name: (v) => (isNonEmptyString(v) && v.length <= 100 ? undefined : 'not a name'),
  budget: (v) => (isNonEmptyString(v) && v.length <= 100 ? undefined : 'not a budget'),
  humanRequested: (v) => (typeof v === 'boolean' ? undefined : 'not a yes/no'),
};

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

// ---- reply checks ----

/** Text folded character by character (case, diacritics, Arabic variants, digits to ASCII), punctuation kept. */
function fold(text: string): string {
  let out = '';
  for (const ch of text) out += foldChar(ch);
  return out;
}

const NUMBER = /\d(?:[\d.,\u066b\u066c]*\d)?/g;
const digitsOf = (number: string) => number.replace(/\D/g, '');

interface NumberSet {
  whole: Set<string>;
  runs: Set<string>;
}

function numbersIn(texts: readonly string[]): NumberSet {
  const set: NumberSet = { whole: new Set(), runs: new Set() };
  for (const text of texts) {
    for (const [number] of fold(text).matchAll(NUMBER)) {
      set.whole.add(digitsOf(number));
      for (const [run] of number.matchAll(/\d+/g)) set.runs.add(run);
    }
  }
  return set;
}

function numberKnown(number: string, known: NumberSet): boolean {
  if (known.whole.has(digitsOf(number))) return true;
  return [...number.matchAll(/\d+/g)].every(([run]) => /^0+$/.test(run) || known.runs.has(run));
}

/** Currency symbols, codes and words (folded), next to which a number is a price. */
const CURRENCIES = [
  ...['$', '€', '£', '¥', '₹', '₺', '﷼', 'r$', 'rp', 'rs', 'sar', 'sr', 'usd', 'eur', 'brl', 'idr', 'inr'],
  ...['aed', 'tl', 'riyal', 'riyals', 'dollar', 'dollars', 'euro', 'euros', 'reais', 'peso', 'pesos'],
  ...['rupiah', 'rupee', 'rupees', 'lira', 'dirham', 'dirhams', 'ريال', 'ر.س', 'دولار', 'درهم', 'रुपये', 'रुपए'],
].map((currency) => fold(currency).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const CURRENCY = CURRENCIES.sort((a, b) => b.length - a.length).join('|');
const AMOUNT = String.raw`\d(?:[\d.,\u066b\u066c]*\d)?`;
const CURRENCY_AMOUNT = new RegExp(
  `(?:(?<![\\p{L}])(?:${CURRENCY})\\.?\\s?(${AMOUNT}))|(?:(${AMOUNT})\\s?(?:${CURRENCY})(?![\\p{L}]))`,
  'gu',
);
const PERCENT = new RegExp(`(?:(${AMOUNT})\\s?[%\u066a])|(?:[%\u066a]\\s?(${AMOUNT}))`, 'g');

/** Words that name a day, in the eight intake languages; a reply may only use the ones already given. */
const DAY_WORDS = [
  ...['today', 'tomorrow', 'tonight', 'yesterday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
  ...['saturday', 'sunday', 'hoy', 'manana', 'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado'],
  ...['domingo', 'hoje', 'amanha', 'segunda-feira', 'terca-feira', 'quarta-feira', 'quinta-feira'],
  ...['sexta-feira', 'اليوم', 'غدا', 'بكره', 'بكرة', 'الليله', 'الاثنين', 'الثلاثاء', 'الاربعاء', 'الخميس'],
  ...['الجمعه', 'السبت', 'الاحد', 'besok', 'lusa', 'nanti malam', 'hari ini', 'senin', 'selasa', 'rabu'],
  ...['kamis', 'jumat', 'sabtu', "aujourd'hui", 'demain', 'ce soir', 'lundi', 'mardi', 'mercredi', 'jeudi'],
  ...['vendredi', 'samedi', 'dimanche', 'bugun', 'yarin', 'bu aksam', 'pazartesi', 'sali', 'carsamba'],
  ...['persembe', 'cuma', 'cumartesi', 'pazar', 'आज', 'कल', 'परसों', 'aaj', 'kal', 'parson', 'सोमवार'],
  ...['मंगलवार', 'बुधवार', 'गुरुवार', 'शुक्रवार', 'शनिवार', 'रविवार'],
];

/** Price words that make an offer even without a number. */
const DISCOUNT_TERMS = [
  ...['discount', 'free of charge', 'for free', 'descuento', 'gratis', 'desconto', 'gratuito', 'diskon'],
  ...['potongan harga', 'remise', 'reduction', 'gratuit', 'indirim', 'ucretsiz', 'خصم', 'مجان', 'تخفيض'],
  ...['छूट', 'मुफ्त', 'मुफ़्त'],
];

/** Words about our configuration, instructions or secrets, which no customer reply needs. */
const CONFIG_TERMS = [
  ...['system prompt', 'your prompt', 'my prompt', 'instruction', 'config', 'api key', 'apikey', 'token'],
  ...['service_ids', 'knowledge_answers', 'known_signals', 'customer_language', 'json'],
  ...['instrucciones', 'indicaciones del sistema', 'instrucoes', 'instrucao', 'instruksi', 'konfigurasi'],
  ...['perintah sistem', 'consignes', 'talimat', 'yapilandirma', 'sistem istemi', 'تعليمات', 'التعليمات'],
  ...['اعدادات', 'الاعدادات', 'التوجيهات', 'برومبت', 'निर्देश', 'कॉन्फ़िगरेशन', 'कॉन्फिगरेशन', 'प्रॉम्प्ट'],
];

/** Promises of an outcome, as stems. */
const PROMISE_TERMS = [
  ...[
    'guarantee',
    'promise',
    'garant',
    'promet',
    'dijamin',
    'jaminan',
    'menjamin',
    'pasti berhasil',
    'promis',
  ],
  ...['soz veriyoruz', 'soz veririz', 'مضمون', 'نضمن', 'اضمن', 'ضمان', 'نعدك', 'اوعدك', 'نوعدك'],
  ...['गारंटी', 'वादा', 'पक्का'],
];

const isLatin = (term: string) => /^[\p{Script=Latin}\d\s'_-]+$/u.test(term);

/** Terms folded once, so they compare against folded text. */
function foldTerms(terms: readonly string[]): string[] {
  return terms.map((term) => (term.includes('_') ? term : normalizeForMatch(term.replace(/'/g, ' '))));
}

/**
 * The first term in `text`: a Latin term as the start of a word (a stem: `garant` finds `garantizado`), a
 * term in another script anywhere (Arabic and Devanagari glue prefixes to words).
 */
function findTerm(text: string, terms: readonly string[], whole = false): string | undefined {
  const folded = ` ${normalizeForMatch(text.replace(/'/g, ' '))} `;
  const raw = text.toLowerCase();
  for (const term of terms) {
    if (term.includes('_')) {
      if (raw.includes(term)) return term;
    } else if (isLatin(term) || whole) {
      if (folded.includes(` ${term}${whole ? ' ' : ''}`)) return term;
    } else if (folded.includes(term)) return term;
  }
  return undefined;
}

const DAY_TERMS = foldTerms(DAY_WORDS);
const DISCOUNTS = foldTerms(DISCOUNT_TERMS);
const CONFIGS = foldTerms(CONFIG_TERMS);
const PROMISES = foldTerms(PROMISE_TERMS);

/** Runs of `size` words, lowercased, for spotting a quoted passage. */
function wordRuns(text: string, size: number): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const runs = new Set<string>();
  for (let i = 0; i + size <= words.length; i++) runs.add(words.slice(i, i + size).join(' '));
  return runs;
}

const ECHO_WORDS = 8;
/** One short WhatsApp message; anything longer is not what the model was asked for. */
const MAX_REPLY_CHARS = 1000;
/** The escalation reason is for staff (CRM); kept short so it cannot carry a dump of anything. */
const MAX_REASON_CHARS = 300;
const LINK = /\bhttps?:\/\/[^\s]+|\bwww\.[^\s]+|[^\s@]+@[^\s@]+\.[a-z]{2,}/giu;

/** Why the reply may not be sent, or undefined when it may. */
function replyProblem(reply: string, context: GuardContext): string | undefined {
  const knowledge = context.knowledge;
  const given = [...knowledge, ...context.customerTexts];
  if ([...reply].length > MAX_REPLY_CHARS) return `is longer than ${MAX_REPLY_CHARS} characters`;

  const foldedReply = fold(reply);
  const knowledgeNumbers = numbersIn(knowledge);
  for (const match of foldedReply.matchAll(CURRENCY_AMOUNT)) {
    const amount = match[1] ?? match[2] ?? '';
    if (!numberKnown(amount, knowledgeNumbers))
      return `states an amount the knowledge does not ("${match[0]}")`;
  }
  for (const match of foldedReply.matchAll(PERCENT)) {
    const amount = match[1] ?? match[2] ?? '';
    if (!numberKnown(amount, knowledgeNumbers))
      return `states a percentage the knowledge does not ("${match[0]}")`;
  }
  const givenNumbers = numbersIn(given);
  for (const [number] of foldedReply.matchAll(NUMBER)) {
    if (!numberKnown(number, givenNumbers)) return `states a number, time or date no one gave ("${number}")`;
  }
  const day = findTerm(reply, DAY_TERMS, true);
  if (day !== undefined && !given.some((text) => findTerm(text, [day], true) !== undefined))
    return `names a day no one gave ("${day}")`;
  const discount = findTerm(reply, DISCOUNTS);
  if (discount !== undefined && !knowledge.some((text) => findTerm(text, [discount]) !== undefined))
    return `offers a price the knowledge does not ("${discount}")`;
  for (const [link] of reply.matchAll(LINK)) {
    if (!knowledge.some((text) => text.includes(link)))
      return `contains a link the knowledge does not ("${link}")`;
  }

  const promptRuns = wordRuns(context.systemPrompt, ECHO_WORDS);
  for (const run of wordRuns(reply, ECHO_WORDS)) {
    if (promptRuns.has(run)) return 'quotes the system prompt';
  }
  const config = findTerm(reply, CONFIGS);
  if (config !== undefined && !knowledge.some((text) => findTerm(text, [config]) !== undefined))
    return `talks about configuration or instructions ("${config}")`;

  const promise = findTerm(reply, PROMISES);
  if (promise !== undefined && !knowledge.some((text) => findTerm(text, [promise]) !== undefined))
    return `promises an outcome ("${promise}")`;

  if (context.language !== undefined) {
    const words = reply.match(/[\p{L}]+/gu) ?? [];
    const heard = detectLanguage([reply], { fallback: context.language });
    // Hinglish customers read English replies; other mismatches only count when the detector is sure.
    const excused = context.language === 'hi' && heard.language === 'en';
    if (words.length >= 3 && heard.language !== context.language && heard.confidence >= 0.6 && !excused)
      return `is in ${heard.language}, the customer writes ${context.language}`;
  }
  return undefined;
}

/**
 * `output` with every value outside the tenant's catalog, areas and enums removed, unknown signal names
 * removed, and the reply removed when it is unsafe to send (see the module header). The input is not changed.
 */
export function guardModelOutput(output: IntakeModelOutput, context: GuardContext): GuardedOutput {
  const dropped: string[] = [];
  const signals: IntakeModelOutput['signals'] = {};
  for (const [name, signal] of Object.entries(output.signals)) {
    const check = signalChecks[name];
    if (check === undefined) {
      dropped.push(`${name}: not a signal a model may set`);
      continue;
    }
    const { value, confidence } = signal;
    if (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1)) {
      dropped.push(`${name}: confidence ${show(confidence)} is not between 0 and 1`);
      continue;
    }
    const problem = check(value, context);
    if (problem !== undefined) dropped.push(`${name}: ${problem}`);
    else signals[name] = { value, confidence };
  }

  const { reply, intent, escalateReason } = output;
  const guarded: IntakeModelOutput = { signals, escalate: output.escalate === true };
  if (intent !== undefined) {
    if (oneOf(INTAKE_INTENTS)(intent)) guarded.intent = intent;
    else dropped.push(`intent: ${show(intent)} is not an intent`);
  }
  if (escalateReason !== undefined)
    guarded.escalateReason = [...escalateReason].slice(0, MAX_REASON_CHARS).join('');
  if (reply !== undefined) {
    const problem = replyProblem(reply, context);
    if (problem === undefined) guarded.reply = reply;
    else dropped.push(`reply: ${problem}`);
  }
  return { output: guarded, dropped };
}
