// Offline recognition of a catalog entry (a service, and through match-area.ts a service area) in a
// customer's message: the tenant's multilingual aliases are compared as phrases of folded words, with
// typo tolerance only on long words, so "AC repiar" and "جده" match while "pestle" does not. The most
// specific alias wins; two entries tied for the same evidence are reported as no match, because a
// wrong guess routes a lead to the wrong team while a clarifying question costs one turn.
import { StemmerId } from '@nlpjs/lang-id';
import { distance } from 'fastest-levenshtein';
import { devanagariKey, devanagariKeyOfLatin } from './gazetteer.ts';
import { foldText } from './lexicon-match.ts';
import { conceptsNeeded, conceptsOf, isBroadConcept, isWeakConcept } from './service-concepts.ts';
import {
  arabicRoot,
  arabicStems,
  arabicVerbRoots,
  arabiziToLatin,
  consonantSkeleton,
  isArabizi,
  remembered,
  tokens,
} from './text-normalize.ts';

/** How far matching may go beyond the aliases' own words. */
export interface MatchOptions {
  /**
   * when nothing is named in the customer's words, read the aliases as language-neutral concepts
   * (service-concepts.ts): `names`, every word of an alias; `words`, also one specific word of one entry.
   * For services, never for places.
   */
  concepts?: 'names' | 'words';
  /** which hits may count at all (a place's everyday-word reading is left out before the winner is chosen) */
  admit?: (candidate: AliasCandidate) => boolean;
  /** the one thing two entries' ids name, when several entries name it (an area and its districts) */
  sameAs?: (id: string) => string;
}

/** Anything with an id and aliases per language: a configured service or service area. */
export interface AliasEntry {
  id: string;
  names: Record<string, string[]>;
  /**
   * the owner's description of the entry ("against cockroaches, ants and other crawling insects"): a specific
   * concept it names that no other entry has points to it when nothing else does
   */
  description?: string | undefined;
}

/** Why an alias matched: the alias as configured, its language, and the folded words it matched. */
export interface AliasEvidence {
  /** exact or fuzzy: the alias's words in a row; words: its content words by stem, in any order, words between */
  kind: 'exact' | 'fuzzy' | 'words';
  alias: string;
  language: string;
  /** the folded words of the message that matched */
  span: string;
  /** typo corrections needed (0 for exact) */
  edits: number;
}

/** The customer tapped a reply button or list row Leadwire sent. */
export interface ReplyEvidence {
  kind: 'reply';
  replyId: string;
}

export interface CatalogMatch {
  id: string;
  /** 0..1; 1 only for the customer's own choice from an interactive reply */
  confidence: number;
  evidence: AliasEvidence | ReplyEvidence;
}

/** One entry's best alias hit in a message, as ranked by {@link rankAliases}. */
export interface AliasCandidate {
  id: string;
  /** specificity: folded characters matched, less a penalty per typo */
  score: number;
  evidence: AliasEvidence;
  /** matched word positions in the message, `[start, end)` */
  start: number;
  end: number;
}

/** The prefix of interactive reply ids that carry a service id (`service:ac_repair`). */
export const SERVICE_REPLY_PREFIX = 'service:';

/** The reply id to put on a button or list row offering `serviceId`. */
export function serviceReplyId(serviceId: string): string {
  return `${SERVICE_REPLY_PREFIX}${serviceId}`;
}

interface CompiledAlias {
  id: string;
  alias: string;
  language: string;
  /** per word, the spellings it may take */
  words: string[][];
  chars: number;
}

const EDIT_PENALTY = 1.5;
const compiledCache = new WeakMap<readonly AliasEntry[], CompiledAlias[]>();

function compile(entries: readonly AliasEntry[]): CompiledAlias[] {
  const cached = compiledCache.get(entries);
  if (cached !== undefined) return cached;
  const compiled: CompiledAlias[] = [];
  // which entries' names use each word, worked out only when a name lists things: a thing of a list another entry
  // names too is no name of this one
  const lists = entries.some((entry) =>
    Object.values(entry.names).some((names) => names.some((n) => n.includes(','))),
  );
  const namedBy = new Map<string, Set<string>>();
  if (lists)
    for (const entry of entries)
      for (const name of Object.values(entry.names).flat())
        for (const word of tokens(name)) namedBy.set(word, (namedBy.get(word) ?? new Set()).add(entry.id));
  const othersName = (word: string, id: string) =>
    [...(namedBy.get(word) ?? [])].some((other) => other !== id);
  for (const entry of entries) {
    for (const [language, aliases] of Object.entries(entry.names)) {
      const each = lists
        ? aliases.flatMap((name) =>
            listed(name)
              .filter((item) => !tokens(item.thing).some((word) => othersName(word, entry.id)))
              .map((item) => item.name),
          )
        : [];
      for (const alias of [...aliases, ...each]) {
        // "Disinfection / sanitising", "Weekly / fortnightly maid visit": a slash between spaces is an "or"
        // ("A/C" is one word)
        const joined = alias.replaceAll('&', ' and ').replace(/\s+\/\s+/gu, ' or ');
        for (const words of coordinated(tokens(joined), language)) {
          if (words.length === 0) continue;
          compiled.push({
            id: entry.id,
            alias,
            language,
            // an alias written with the article (الرياض) also matches the bare word (رياض)
            words: words.map((word) => {
              const letters = spelledLetters(word);
              if (letters !== undefined) return [word, letters];
              return word.startsWith('ال') && word.length >= 5 ? [word, word.slice(2)] : [word];
            }),
            chars: words.reduce((sum, word) => sum + word.length, 0),
          });
        }
      }
    }
  }
  compiledCache.set(entries, compiled);
  return compiled;
}

/**
 * A name that lists several things before or after the work they share ("Sofa, carpet & mattress cleaning",
 * "Cuci sofa, karpet & tilam"): the work on each, as its own name ("carpet cleaning", "cuci tilam").
 */
function listed(name: string): Array<{ name: string; thing: string }> {
  const parts = name
    .split(/\s*(?:,|&|\band\b|\bdan\b|\bund\b|\bet\b|\by\b|\be\b|\bve\b|\baur\b)\s*/u)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length < 3 || !name.includes(',')) return [];
  const words = parts.map((part) => part.split(/\s+/u));
  const first = words[0] ?? [];
  const last = words.at(-1) ?? [];
  const middle = words.slice(1, -1);
  if (middle.some((part) => part.length !== 1)) return [];
  // the work must be a word of its own ("cleaning", "cuci"), not "new" or "de"
  const worded = (work: string[]) => work.some((word) => word.length >= 4);
  // the shared work after the last thing ("… mattress cleaning")
  if (first.length === 1 && last.length >= 2 && worded(last.slice(1))) {
    const work = last.slice(1).join(' ');
    const things = [...words.slice(0, -1).map((part) => part[0] ?? ''), last[0] ?? ''];
    return things.map((thing) => ({ name: `${thing} ${work}`, thing }));
  }
  // …or before the first ("Cuci sofa, …")
  if (last.length === 1 && first.length >= 2 && worded(first.slice(0, -1))) {
    const work = first.slice(0, -1).join(' ');
    const things = [first.at(-1) ?? '', ...words.slice(1).map((part) => part[0] ?? '')];
    return things.map((thing) => ({ name: `${work} ${thing}`, thing }));
  }
  return [];
}

/** "and" or "or" between two words of a name, folded. */
const AND_WORDS = new Set([
  'and',
  'und',
  'y',
  'e',
  'et',
  've',
  'dan',
  'aur',
  'or',
  'oder',
  'ou',
  'o',
  'veya',
  'atau',
  'ya',
]);

/** Occasions a service is for, not what it is: a wedding, a birthday, an event. */
const OCCASIONS = new Set(['wedding', 'celebration']);

/** Whether one word of a name says a thing of its own: a specific concept that is no occasion. */
function thingAlone(word: string, language: string): boolean {
  const concepts = conceptsNeeded([word], language).flatMap((set) => [...set]);
  return (
    concepts.length > 0 && concepts.every((concept) => !isWeakConcept(concept) && !OCCASIONS.has(concept))
  );
}

/**
 * A name that joins two things ("Sofa & carpet cleaning", "تنظيف كنب وسجاد", "selling or buying cars") names
 * the work on either: the name as written, and once with each of the two.
 */
function coordinated(words: readonly string[], language: string): string[][] {
  for (const [k, word] of words.entries()) {
    if (k === 0) continue;
    if (AND_WORDS.has(word) && k + 1 < words.length)
      return [
        [...words],
        words.filter((_, i) => i !== k && i !== k + 1),
        words.filter((_, i) => i !== k && i !== k - 1),
        // "DJ & sound system": a first thing of its own is named alone too, never an occasion ("Birthday &")
        // ("Clés et serrures de voiture": what follows "de" qualifies both, so neither stands alone)
        ...(k === 1 &&
        words.length > 3 &&
        !words.slice(k + 1).some((w) => FUNCTION_WORDS.has(w)) &&
        thingAlone(words[0] ?? '', language)
          ? [[words[0] ?? '']]
          : []),
      ];
    // Arabic joins "and" to the word: وسجاد
    if (/^و[\u0621-\u064a]{3,}$/u.test(word))
      return [
        [...words],
        words.filter((_, i) => i !== k),
        words.map((w, i) => (i === k ? word.slice(1) : w)).filter((_, i) => i !== k - 1),
      ];
  }
  return [[...words]];
}

/** The Arabic article as Arabizi writes it, alone or joined to "in", "with", "to". */
const ARABIZI_ARTICLE = new Set(['el', 'il', 'fel', 'fil', 'bel', 'bil', 'lel', 'lil']);

/** The spellings a message word may stand for: itself, its Arabizi readings, its Arabic stems, its letters. */
function messageForms(word: string): string[] {
  const forms = [word, ...arabicStems(word)];
  if (isArabizi(word)) forms.push(arabiziToLatin(word));
  // the 'ayn a name begins with, which Latin spellings leave out: "3ain" of "Ain", "3ajman" of "Ajman"
  if (/^3[aeiou]\p{L}{2}/u.test(word)) forms.push(arabiziToLatin(word.slice(1)));
  // the article, alone or after "in", "with", "to" ("fel 3ain", "el Ain" of "Al Ain")
  if (ARABIZI_ARTICLE.has(word)) forms.push('al');
  const letters = spelledLetters(word);
  if (letters !== undefined) forms.push(letters);
  return forms;
}

/** The Latin letters' names in Devanagari, folded: an acronym is written "आरओ" as often as "RO". */
const DEVANAGARI_LETTERS: ReadonlyArray<readonly [string, string]> = Object.entries({
  a: 'ए',
  b: 'बी',
  c: 'सी',
  d: 'डी',
  e: 'ई',
  f: 'एफ',
  g: 'जी',
  h: 'एच',
  i: 'आई',
  j: 'जे',
  k: 'के',
  l: 'एल',
  m: 'एम',
  n: 'एन',
  o: 'ओ',
  p: 'पी',
  q: 'क्यू',
  r: 'आर',
  s: 'एस',
  t: 'टी',
  u: 'यू',
  v: 'वी',
  w: 'डब्ल्यू',
  x: 'एक्स',
  y: 'वाई',
  z: 'जेड',
}).map(([letter, name]) => [tokens(name)[0] ?? name, letter] as const);

/**
 * The Latin acronym a Devanagari word spells out letter by letter ("आरओ" → "ro", "एसी" → "ac", "सीसीटीवी" →
 * "cctv"), or undefined. Two letters at least: one letter's name is often a word ("जी", "के").
 */
function spelledLetters(word: string): string | undefined {
  if (!/^[\u0900-\u097f]{2,}$/u.test(word)) return undefined;
  const read = (rest: string): string | undefined => {
    if (rest === '') return '';
    for (const [name, letter] of DEVANAGARI_LETTERS) {
      if (!rest.startsWith(name)) continue;
      const tail = read(rest.slice(name.length));
      if (tail !== undefined) return letter + tail;
    }
    return undefined;
  };
  const letters = read(word);
  return letters !== undefined && letters.length >= 2 ? letters : undefined;
}

/** Typos tolerated in a word of this length: none below 5 letters, 1 from 5, 2 from 8. */
function allowedEdits(length: number): number {
  if (length >= 8) return 2;
  if (length >= 5) return 1;
  return 0;
}
/** The shortest word read with a typo or a suffix, and the most of either (see allowedEdits and wordEdits). */
const TYPO_MIN_CHARS = 5;
const MAX_EDITS = 2;
const MAX_SUFFIX_CHARS = 3;

/** Two letters swapped (`repiar`), which plain Levenshtein counts as two edits. */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diffs: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length > 2) return false;
  }
  const [first, second] = diffs;
  return first !== undefined && second === first + 1 && a[first] === b[second] && a[second] === b[first];
}

/** Edits needed for a message word (in any of its forms) to read as an alias word, if tolerated. */
function wordEdits(forms: readonly string[], aliasForms: readonly string[]): number | undefined {
  let best: number | undefined;
  for (const form of forms) {
    for (const aliasForm of aliasForms) {
      if (form === aliasForm) return 0;
      const allowed = allowedEdits(Math.min(form.length, aliasForm.length));
      if (allowed === 0) continue;
      // a suffixed word (Turkish klimayı, Indonesian bersihkan) counts as one edit of its alias
      const suffixed =
        form.startsWith(aliasForm) &&
        form.length - aliasForm.length <= MAX_SUFFIX_CHARS &&
        /^[a-z]+$/.test(aliasForm);
      let edits = suffixed ? 1 : undefined;
      // a typo keeps a Latin word's first letter, or its sound ("karpet", "fotos"): "hello" is no "cello"
      const sameStart = startsAlike(form, aliasForm);
      if (edits === undefined && Math.abs(form.length - aliasForm.length) <= allowed) {
        const d = isTransposition(form, aliasForm) ? 1 : sameStart ? distance(form, aliasForm) : allowed + 1;
        if (d <= allowed) edits = d;
      }
      if (edits !== undefined && (best === undefined || edits < best)) best = edits;
    }
  }
  return best;
}

/** First letters one sound is spelt with across the intake languages ("carpet" / "karpet", "photo" / "foto"). */
const SOUND_ALIKE = ['ck', 'cs', 'kq', 'fp', 'vw', 'bv', 'gj', 'jy', 'iy', 'ei', 'sz', 'ou'];
function startsAlike(form: string, aliasForm: string): boolean {
  const [a = '', b = ''] = [form[0], aliasForm[0]];
  if (a === b || !/^[a-z]$/u.test(a) || !/^[a-z]$/u.test(b)) return true;
  return SOUND_ALIKE.some((pair) => pair.includes(a) && pair.includes(b));
}

/**
 * The spellings aliases begin with: all of them, and by length those a typo or a suffix may reach, each with the
 * letters it has (see {@link lettersOf}).
 */
interface FirstWords {
  all: Set<string>;
  typoReachable: Map<number, Array<{ spelling: string; letters: number }>>;
}
const firstWordsCache = new WeakMap<readonly CompiledAlias[], FirstWords>();

function firstWordsOf(compiled: readonly CompiledAlias[]): FirstWords {
  let known = firstWordsCache.get(compiled);
  if (known === undefined) {
    known = { all: new Set(compiled.flatMap((alias) => alias.words[0] ?? [])), typoReachable: new Map() };
    for (const spelling of known.all) {
      if (spelling.length < TYPO_MIN_CHARS) continue;
      const sameLength = known.typoReachable.get(spelling.length) ?? [];
      sameLength.push({ spelling, letters: lettersOf(spelling) });
      known.typoReachable.set(spelling.length, sameLength);
    }
    firstWordsCache.set(compiled, known);
  }
  return known;
}

/** The letters of a word as a set of 31 classes (UTF-16 unit modulo 31), one bit each. */
function lettersOf(word: string): number {
  let letters = 0;
  for (let i = 0; i < word.length; i++) letters |= 1 << (word.charCodeAt(i) % 31);
  return letters;
}

/** Classes set in `bits`. */
function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}

/**
 * The aliases' first-word spellings some message word reads as (see wordEdits). An alias whose first word is
 * none of them is nowhere in the message as a phrase: a look-up per alias instead of a comparison per alias and
 * message word. A typo or a suffix only reaches spellings of nearly the word's length, with at most
 * {@link MAX_EDITS} letters the word lacks (each edit brings in one letter at most), so only those are compared.
 */
function firstWordsSaid(forms: readonly string[][], compiled: readonly CompiledAlias[]): Set<string> {
  const { all, typoReachable } = firstWordsOf(compiled);
  const said = new Set<string>();
  for (const form of new Set(forms.flat())) {
    if (all.has(form)) said.add(form);
    if (form.length < TYPO_MIN_CHARS) continue;
    const letters = lettersOf(form);
    const shortest = Math.max(TYPO_MIN_CHARS, form.length - MAX_SUFFIX_CHARS);
    for (let length = shortest; length <= form.length + MAX_EDITS; length++) {
      for (const alias of typoReachable.get(length) ?? []) {
        if (said.has(alias.spelling) || bitCount(alias.letters & ~letters) > MAX_EDITS) continue;
        if (wordEdits([form], [alias.spelling]) !== undefined) said.add(alias.spelling);
      }
    }
  }
  return said;
}

/** Edits for the message words from `start` on to read as the alias words, if every word is tolerated. */
function phraseEdits(
  forms: readonly string[][],
  start: number,
  aliasWords: readonly string[][],
): number | undefined {
  let edits = 0;
  for (const [j, aliasForms] of aliasWords.entries()) {
    const e = wordEdits(forms[start + j] ?? [], aliasForms);
    if (e === undefined) return undefined;
    edits += e;
  }
  return edits;
}

/** Words of an alias that carry no meaning of their own ("AC repair *for* home", "limpeza *de* painéis"). */
const FUNCTION_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'for',
  'and',
  'or',
  'to',
  'in',
  'de',
  'da',
  'do',
  'das',
  'dos',
  'del',
  'la',
  'le',
  'les',
  'el',
  'los',
  'las',
  'des',
  'du',
  'et',
  'e',
  'y',
  'o',
  'ou',
  'em',
  'en',
  'para',
  'pour',
  'a',
  'au',
  'aux',
  'dan',
  'di',
  'ke',
  'untuk',
  'yang',
  'und',
  'der',
  'die',
  'das',
  'fur',
  'von',
  've',
  'ile',
  'ka',
  'ki',
  'ke',
  'se',
  // "with", "without", "from": what a service comes with names no service ("PA system with technician")
  ...['with', 'without', 'from', 'avec', 'sans', 'mit', 'ohne', 'dengan', 'tanpa'],
  // Arabic "of", "in", "with", "for" (Darija, Levantine, Egyptian) and Hindi postpositions in Devanagari
  ...['ديال', 'تاع', 'متاع', 'بتاع', 'حق', 'في', 'من', 'على', 'مع', 'dyal', 'dial', 'ta3'],
  ...['का', 'की', 'के', 'में', 'और', 'लिए'],
]);
/** A shared beginning this long (and this share of the shorter word) makes two words one stem. */
const STEM_PREFIX = 5;
/** A message word that begins an alias word stands for it only when it has this share of its letters. */
const CUT_SHORT_SHARE = 0.7;
const STEM_SHARE = 0.6;

/**
 * Whether two folded words are forms of one stem: one begins with the other (a suffix: Turkish
 * `lastiklerimi` ← `lastik`, Malay `pindahkan` ← `pindah`, German `Reifenwechsels`), or they share a
 * long beginning (`değişimi` / `değiştirmek`, `mudança` / `mudar` does not: too short).
 */
function sameStem(word: string, aliasWord: string, loose: boolean, roots = false): boolean {
  if (word === aliasWord) return true;
  // Arabic verbs and verbal nouns of one root ("نبدل" for "تبديل", "استأجر" for "تأجير"), beside another word
  if (roots && sameArabicRoot(word, aliasWord)) return true;
  // every reading below keeps the word's beginning: most pairs end here, before any pattern is tried
  if (word[0] !== aliasWord[0]) return false;
  // a short word's plural ("bugs", "pads", "ants")
  if (/^[a-z]{3}$/u.test(aliasWord) && (word === `${aliasWord}s` || word === `${aliasWord}es`)) return true;
  // an English plural of a word in -y, either way ("night nannies" for "Night nanny", "delivery" of "Deliveries")
  if (/^[a-z]{3,}[^aeiou]y$/u.test(aliasWord) && word === `${aliasWord.slice(0, -1)}ies`) return true;
  if (/^[a-z]{3,}[^aeiou]y$/u.test(word) && aliasWord === `${word.slice(0, -1)}ies`) return true;
  // beside another word of the name, a short verb of its noun ("buy" of "buying old rugs", "cut" of "cutting")
  if (loose && word.length === 3 && derived(word, aliasWord)) return true;
  const shorter = Math.min(word.length, aliasWord.length);
  if (shorter < 4 || !/^[\p{L}]+$/u.test(word)) return false;
  // the worker and the work, two words made of one ("plumber" / "plumbing", "cleaner" / "cleaning")
  if (siblings(word, aliasWord)) return true;
  // a suffix added to the alias's word; the alias's word cut short only when long
  if (word.startsWith(aliasWord)) return aliasWord.length >= 5 || (loose && aliasWord.length >= 4);
  // cut short ("repar" for "reparatur"), not the first part of a compound ("Reifen" of "Reifeneinlagerung");
  // beside another word of the name, the singular of a plural ("print" of "Photo prints")
  if (aliasWord.startsWith(word) || (loose && derived(word, aliasWord)))
    return (
      (word.length >= 6 && word.length >= CUT_SHORT_SHARE * aliasWord.length) ||
      (loose && (aliasWord === `${word}s` || aliasWord === `${word}es` || derived(word, aliasWord)))
    );
  if (!loose) return false;
  let common = 0;
  while (common < shorter && word[common] === aliasWord[common]) common++;
  return common >= STEM_PREFIX && common >= STEM_SHARE * shorter;
}

/** A service name's word this long may be typed with one letter wrong, beside another word of the name. */
const TYPO_MIN_LETTERS = 6;

/**
 * A long word typed with one letter missing or one too many ("privte" of "private"), its first two right. A letter
 * changed is left out: "angkut" (carry) and "angkat" (lift) are two Malay words.
 */
function typedWrong(word: string, aliasWord: string): boolean {
  return (
    Math.abs(word.length - aliasWord.length) === 1 &&
    Math.min(word.length, aliasWord.length) >= TYPO_MIN_LETTERS &&
    word.slice(0, 2) === aliasWord.slice(0, 2) &&
    /^[a-z]+$/u.test(word) &&
    distance(word, aliasWord) === 1
  );
}

/**
 * Endings that make a noun of a verb or of a thing in a service's name: rent → rental, paint → painting, bake →
 * baking, magic → magician.
 */
const DERIVING = ['al', 'ing', 'ings', 'ation', 'er', 'ers', 'ian', 'ians'];

/**
 * Whether the alias's word is the customer's verb with a deriving ending ("rent" → "rental", "hem" →
 * "hemming", "tile" → "tiling"), beside another word of the name.
 */
function derived(word: string, aliasWord: string): boolean {
  if (word.length < 3 || !/^[a-z]+$/u.test(word)) return false;
  const bases = [word, `${word}${word.at(-1) ?? ''}`];
  if (word.endsWith('e')) bases.push(word.slice(0, -1));
  return bases.some((base) => DERIVING.some((ending) => aliasWord === base + ending));
}

/**
 * Endings that make a worker or the work of an English verb or thing (plumb → plumber, plumbing), or the verb
 * done (test → tested, testing).
 */
const WORKER_OR_WORK = ['ers', 'er', 'ings', 'ing', 'ed'];
/** Least letters of the base two such words share. */
const SIBLING_BASE = 4;

/** The base of an English word made with one of {@link WORKER_OR_WORK}, or undefined. */
function baseOf(word: string): string | undefined {
  if (!/^[a-z]+$/u.test(word)) return undefined;
  const ending = WORKER_OR_WORK.find((end) => word.endsWith(end));
  if (ending === undefined) return undefined;
  const base = word.slice(0, -ending.length);
  // "mover" and "moving" both of "mov(e)", "shipper" and "shipping" of "ship"
  const single = base.length > 2 && base.at(-1) === base.at(-2) ? base.slice(0, -1) : base;
  return single.length >= SIBLING_BASE ? single : undefined;
}

/** Whether two different words are made of one base ("plumber", "plumbing"; "tested", "testing"). */
function siblings(word: string, aliasWord: string): boolean {
  const base = baseOf(word);
  return base !== undefined && base === baseOf(aliasWord) && word !== aliasWord;
}

/** An Arabic word without its article ("السجاد" → "سجاد"), when three letters stay; any other word as it is. */
function withoutArticle(word: string): string {
  return /^ال[\u0621-\u064a]{3,}$/u.test(word) ? word.slice(2) : word;
}

/** A verbal noun of the pattern فعيل ("غسيل", washing): its three root letters. */
const ARABIC_FAIIL_NOUN = /^([\u0621-\u064a])([\u0621-\u064a])ي([\u0621-\u064a])$/u;

/** Two Arabic words of one root, when a pattern tells the root of one and the other is it or has it. */
function sameArabicRoot(word: string, aliasWord: string): boolean {
  // roots and plurals are of Arabic words: a word of another script is one of neither
  if (!ARABIC_START.test(word) || !ARABIC_START.test(aliasWord)) return false;
  // a feminine singular and its plural ("سيارة" / "سيارات")
  const singular = (w: string) => w.replace(/(?:ات|ه)$/u, '');
  if (/^[\u0621-\u064a]{4,}$/u.test(word) && singular(word) === singular(aliasWord)) return true;
  // a verb said of the owner's verbal noun "فعيل" ("نغسل السجاد", "تغسلون" of "غسيل السجاد")
  const faiil = (verb: string, noun: string) => {
    const root = ARABIC_FAIIL_NOUN.exec(withoutArticle(noun))?.slice(1).join('');
    return root !== undefined && arabicVerbRoots(verb).includes(root);
  };
  if (faiil(word, aliasWord) || faiil(aliasWord, word)) return true;
  const a = arabicRoot(word);
  const b = arabicRoot(aliasWord);
  if (a === undefined && b === undefined) return false;
  return (a ?? word) === (b ?? aliasWord);
}

const contentCache = new WeakMap<CompiledAlias, string[]>();

/** The alias's words that carry meaning, folded (worked out once per alias). */
function contentWords(alias: CompiledAlias): string[] {
  let content = contentCache.get(alias);
  if (content === undefined) {
    content = alias.words.map((forms) => forms[0] ?? '').filter((w) => w !== '' && !FUNCTION_WORDS.has(w));
    contentCache.set(alias, content);
  }
  return content;
}

/**
 * Words an owner qualifies a name with ("*general* electrical wiring", "*used* furniture", "plumbing *not
 * related to our systems*") that a customer seldom repeats: a concept reading does without them.
 */
const QUALIFIERS = new Set([
  'general',
  'used',
  'new',
  'daily',
  'private',
  'only',
  'without',
  'not',
  'related',
  'our',
  'systems',
  'etc',
  'out',
  'multi',
  'tier',
  'home',
  'at',
  'with',
]);

/**
 * Words that name the work done (repair, service, treatment, control) rather than what it is done to: a
 * customer names the thing and its trouble ("my washing machine is leaking"), so the stem reading of an alias
 * does without them when it has another content word.
 */
const WORK_WORDS = new Set(
  [
    ...['repair', 'repairs', 'service', 'servicing', 'fix', 'treatment', 'control', 'removal', 'maintenance'],
    // hiring out is the work of a rental business: "sound system hire" is said "a sound system"
    ...[
      'hire',
      'rental',
      'sewa',
      'penyewaan',
      'kiraye',
      'alquiler',
      'aluguel',
      'location',
      'vermietung',
      'kiralama',
    ],
    ...['servis', 'perbaikan', 'reparasi', 'baiki', 'pembaikan', 'penyelenggaraan'],
    ...['réparation', 'dépannage', 'entretien', 'traitement'],
    ...['reparación', 'arreglo', 'servicio', 'tratamiento', 'mantenimiento'],
    ...['conserto', 'reparo', 'reparação', 'manutenção', 'tratamento', 'controlo', 'controle'],
    ...['tamir', 'tamiri', 'servisi', 'bakım', 'bakımı', 'onarım', 'onarımı'],
    ...['reparatur', 'wartung', 'bekämpfung'],
    ...['रिपेयर', 'सर्विस', 'ट्रीटमेंट', 'मरम्मत', 'कंट्रोल'],
    ...['تصليح', 'صيانة', 'اصلاح', 'إصلاح', 'علاج', 'مكافحة'],
  ].map((word) => tokens(word)[0] ?? word),
);

const stemWords = new WeakMap<CompiledAlias, { needed: string[]; work: string[] }>();

/**
 * The alias's words {@link wordsMatch} looks for, worked out once per alias: those it needs, and the work words
 * it does without but counts when said.
 */
function stemWordsOf(alias: CompiledAlias): { needed: string[]; work: string[] } {
  let content = stemWords.get(alias);
  if (content === undefined) {
    const all = contentWords(alias);
    // "servis mesin cuci" is said "mesin cuci saya rusak": the thing, not the work
    const things = all.filter((word) => !WORK_WORDS.has(word));
    content =
      things.length > 0 && things.length < all.length
        ? { needed: things, work: all.filter((word) => WORK_WORDS.has(word)) }
        : { needed: all, work: [] };
    stemWords.set(alias, content);
  }
  return content;
}

/** Least consonants two spellings of a word in Devanagari and in Latin letters share to be one word. */
const HINGLISH_MIN_CONSONANTS = 3;
const devanagariKeys = new Map<string, string>();
const hinglishKeys = new Map<string, string>();

/**
 * Whether a Hindi name's word in Devanagari and a Hinglish word are one word ("लगवाना" / "lagwana", "बोतल" /
 * "bottle", "प्यूरीफायर" / "purifier"): the consonants each script writes, `fewest` at least.
 */
function sameHinglish(word: string, aliasWord: string, fewest = HINGLISH_MIN_CONSONANTS): boolean {
  if (!/^[a-z]{3,}$/u.test(word) || !/^[\u0900-\u097f]+$/u.test(aliasWord)) return false;
  let key = devanagariKeys.get(aliasWord);
  if (key === undefined) {
    key = devanagariKey(aliasWord);
    devanagariKeys.set(aliasWord, key);
  }
  if (key.length < fewest) return false;
  let latin = hinglishKeys.get(word);
  if (latin === undefined) {
    // व is written v or w: "lagwana"
    latin = devanagariKeyOfLatin(word.replaceAll('w', 'v')) ?? '';
    if (hinglishKeys.size > 20_000) hinglishKeys.clear();
    hinglishKeys.set(word, latin);
  }
  return key === latin;
}

const affixes = new StemmerId();
const rootCache = new Map<string, string>();
/** Least letters of a Malay or Indonesian root read for a word: shorter roots are many words' ends. */
const MALAY_ROOT_MIN = 4;

/**
 * The root of a Malay or Indonesian word without its affixes ("pemasangan", "memasang" → "pasang";
 * "pembersihan", "dibersihkan" → "bersih"), by nlp.js's Indonesian stemmer; undefined when too short to tell.
 */
function malayRoot(word: string): string | undefined {
  if (!/^[a-z]{5,}$/u.test(word)) return undefined;
  let root = rootCache.get(word);
  if (root === undefined) {
    root = affixes.stemWord(word);
    if (rootCache.size > 20_000) rootCache.clear();
    rootCache.set(word, root);
  }
  return root.length >= MALAY_ROOT_MIN ? root : undefined;
}

/**
 * The root of a word with Jakarta's spoken suffix "-in" (and "nge-"), which the written language says "-kan"
 * or "-i" ("bersihin", "dibersihin", "ngebersihin" → "bersih"; "pasangin" → "pasang"), read as its written
 * "di…kan"; undefined when the word has no such suffix.
 */
function spokenMalayRoot(word: string): string | undefined {
  const bare = word.replace(/^(?:di|nge)(?=[a-z]{5,}$)/u, '');
  if (!bare.endsWith('in') || bare.length < 6) return undefined;
  return malayRoot(`di${bare.slice(0, -2)}kan`);
}

/**
 * A verb's endings in Turkish after its root, folded: causative, passive or reflexive first, then the infinitive,
 * the present, future, aorist, past, reported past, the converbs and the imperative ("yıkatmak", "yıkatacağım",
 * "yıkatmıştık", "temizletir misiniz", "değiştirebilir").
 */
const TURKISH_VERB_ENDING =
  /^(?:t|tt|n|l|il|in|ul|un|tir|dir|tur|dur)?(?:mak|mek|ma|me|iyor|uyor|iyo|uyo|acak|ecek|acag|eceg|abil|ebil|ir|ar|er|ur|di|ti|du|tu|mis|mus|ip|up|ince|unca|sin|sun|in|un|ayim|eyim|alim|elim)/u;

/**
 * Whether a message word is a form of the verb a Turkish name's verbal noun makes ("yıkama" of "Halı yıkama":
 * "yıkatmak", "yıkıyor musunuz", "yıkatacağım"; "temizleme": "temizliyor").
 */
function sameTurkishVerb(word: string, aliasWord: string): boolean {
  if (!/^[a-z]{4,}m[ae]$/u.test(aliasWord)) return false;
  const root = aliasWord.slice(0, -2);
  if (word.startsWith(root)) return TURKISH_VERB_ENDING.test(word.slice(root.length));
  // a root's last vowel gives way to the present's ("yıka" + "ıyor" is "yıkıyor")
  const narrowed = root.slice(0, -1);
  return (
    /[aeiu]$/u.test(root) &&
    word.startsWith(narrowed) &&
    /^(?:iyor|uyor|iyo|uyo)/u.test(word.slice(narrowed.length))
  );
}

/** Whether a message word and a Malay or Indonesian alias word are one root with other affixes. */
function sameMalayRoot(word: string, aliasWord: string): boolean {
  const root = malayRoot(aliasWord);
  if (root === undefined) return false;
  return root === malayRoot(word) || root === spokenMalayRoot(word);
}

/**
 * The alias's content words found as stems anywhere in the message, near each other (any order, other
 * words between, a compound split in two or two words written as one), or undefined when one is missing.
 */
function wordsMatch(
  words: readonly string[],
  alias: CompiledAlias,
  forms: readonly string[][] = words.map((word) => [word]),
  /** a service's name (never a place's) is also read in Hinglish from its Devanagari */
  hinglish = false,
  /** words the message may have between the name's */
  apart = NAME_WORDS_APART,
): { start: number; end: number; matched: number } | undefined {
  const { needed: content, work } = stemWordsOf(alias);
  if (content.length === 0) return undefined;
  const joined = content.join('');
  // one word: only its suffixed forms; several: each by stem, which together are strong evidence
  const loose = content.length > 1;
  const positions: number[] = [];
  const malay = alias.language === 'ms' || alias.language === 'id';
  const turkish = alias.language === 'tr';
  const hindi = hinglish && alias.language === 'hi';
  const said = (aliasWord: string, loose: boolean) =>
    forms.findIndex((wordForms) =>
      wordForms.some(
        (word) =>
          sameStem(word, aliasWord, loose, loose) ||
          // beside another word of a service's name, a long word with a typo ("privte swiming lesons")
          (hinglish && loose && typedWrong(word, aliasWord)) ||
          // the owner's "السجاد" is the customer's "سجاد" ("غسيل ٣ سجاد")
          (loose && word === withoutArticle(aliasWord)) ||
          (malay && sameMalayRoot(word, aliasWord)) ||
          (turkish && sameTurkishVerb(word, aliasWord)) ||
          (hindi &&
            // beside another word of the name, two consonants ("paani ki bottle") or an acronym
            // ("RO purifier") are enough; alone they are not ("RO lagwana" is no "RO सर्विस")
            (content.length > 1
              ? sameHinglish(word, aliasWord, 2) || spelledLetters(aliasWord) === word
              : sameHinglish(word, aliasWord))),
      ),
    );
  // per word of the name, the letters the message said of it: a word said as a form of it counts its own
  // letters ("piscina" is as much the "Reparación de piscinas" as the "Mantenimiento de piscina"), a compound
  // said in its parts the whole
  let matched = 0;
  for (const aliasWord of content) {
    let at = said(aliasWord, loose);
    matched += at < 0 ? aliasWord.length : Math.min(aliasWord.length, words[at]?.length ?? 0);
    // a compound the customer split ("Reifen wechseln") or an alias written apart that they wrote as one
    if (at < 0)
      at = words.findIndex(
        (word, i) =>
          i + 1 < words.length &&
          word[0] === aliasWord[0] &&
          sameStem(word + (words[i + 1] ?? ''), aliasWord, false),
      );
    if (at < 0 && content.length > 1)
      at = words.findIndex((word) => word.length >= joined.length && sameStem(word, joined, false));
    // a compound of the alias said in its parts ("Hochzeitsfotografie": "Fotografen für die Hochzeit")
    if (at < 0) at = compoundAt(aliasWord, forms);
    if (at < 0) return undefined;
    positions.push(at);
  }
  const hit = nearEachOther(positions, content, apart);
  if (hit === undefined || work.length === 0) return hit === undefined ? undefined : { ...hit, matched };
  // the work the name does without, said beside its thing, tells apart two services of one thing: "mantenimiento
  // semanal de la piscina" is the "Mantenimiento de piscina", not the "Reparación de piscinas"
  const workSaid = work
    .map((aliasWord) => ({ aliasWord, at: said(aliasWord, true) }))
    .filter(
      ({ at }) =>
        at >= 0 && nearEachOther([...positions, at], [...content, ...work], NAME_WORDS_APART) !== undefined,
    );
  return { ...hit, matched: matched + workSaid.reduce((sum, { aliasWord }) => sum + aliasWord.length, 0) };
}

/** Words a name may have between its own: a few ("Jakarta, Selatan", "car or motorcycle transport"). */
const NAME_WORDS_APART = 4;
/**
 * Words a service's name may have between its own: a clause's worth. The customer names the thing, says what is
 * wrong with it, then the work ("kolam koi di rumah udah keruh bgt, ijo gitu, mau dibersihin"). A not-offered
 * phrase keeps the few: "my car needs to get to a garage" asks for no garage work.
 */
const SERVICE_WORDS_APART = 14;

/** Where an alias's words were found, when they stand near each other (`apart` words between at most). */
function nearEachOther(
  positions: readonly number[],
  content: readonly string[],
  apart: number,
): { start: number; end: number; matched: number } | undefined {
  const start = Math.min(...positions);
  const end = Math.max(...positions) + 1;
  if (end - start > content.length + apart) return undefined;
  return { start, end, matched: content.reduce((sum, w) => sum + w.length, 0) };
}

/**
 * The language a customer writing in one intake language mixes in besides English: French in Maghrebi Arabic,
 * German and Turkish in each other among Turkish-German customers.
 */
const LOANS_FROM: Readonly<Record<string, string>> = { ar: 'fr', tr: 'de', de: 'tr' };

/** An English word as English spells it, a plural or "-d" at most ("bottle" of "bottled"), British or American. */
function loanForm(word: string, aliasWord: string): boolean {
  return (
    word === aliasWord ||
    word === `${aliasWord}s` ||
    `${word}s` === aliasWord ||
    `${word}d` === aliasWord ||
    // one letter doubled where the other spelling has it once ("snorkeling", "snorkelling"; "canceled")
    (word.length >= UNDOUBLED_MIN && undoubled(word) === undoubled(aliasWord)) ||
    devanagariLoan(word, aliasWord)
  );
}

/** Letters a word needs before its doubled letters may be read as single: short ones are other words. */
const UNDOUBLED_MIN = 6;
function undoubled(word: string): string {
  return word.replace(/(\p{L})\1/gu, '$1');
}

/** Consonants of an English word written in Devanagari, fewest: "क्लास" is "class", "कुकिंग" "cooking". */
const DEVANAGARI_LOAN_MIN_CONSONANTS = 3;
const latinKeys = new Map<string, string>();
const saidKeys = new Map<string, string>();

/** An English word written in Devanagari as Hindi says it ("कुकिंग क्लास", "कैटरिंग"), read by its consonants. */
function devanagariLoan(word: string, aliasWord: string): boolean {
  if (!/^[\u0900-\u097f]+$/u.test(word) || !/^[a-z]{3,}$/u.test(aliasWord)) return false;
  let key = saidKeys.get(word);
  if (key === undefined) {
    key = devanagariKey(word);
    // the customer's words: a bounded memory
    if (saidKeys.size > 20_000) saidKeys.clear();
    saidKeys.set(word, key);
  }
  if (key.length < DEVANAGARI_LOAN_MIN_CONSONANTS) return false;
  let latin = latinKeys.get(aliasWord);
  if (latin === undefined) {
    latin = devanagariKeyOfLatin(aliasWord) ?? '';
    latinKeys.set(aliasWord, latin);
  }
  // a plural said as the singular ("क्लास" for "classes")
  return key === latin || (aliasWord.endsWith('s') && key === devanagariKeyOfLatin(aliasWord.slice(0, -1)));
}

/**
 * An English alias in another language's message ("RO ki service karwani hai"): every content word said as
 * English has it (see loanForm), two at least. Never by stem: "paneles" is Spanish, not "panels".
 */
function loanMatch(
  alias: CompiledAlias,
  forms: readonly string[][],
  apart = NAME_WORDS_APART,
): { start: number; end: number; matched: number } | undefined {
  const content = contentWords(alias);
  if (content.length < 2) return undefined;
  const positions: number[] = [];
  for (const aliasWord of content) {
    const at = forms.findIndex((wordForms) => wordForms.some((word) => loanForm(word, aliasWord)));
    if (at < 0) return undefined;
    positions.push(at);
  }
  return nearEachOther(positions, content, apart);
}

/** Least letters of each part of a compound read in its parts. */
const COMPOUND_PART = 4;
/** Least letters of a compound's last part read alone as the compound. */
const COMPOUND_HEAD = 8;
/**
 * Where the message says a long alias word in its two parts, each by its stem, in any order ("Hochzeit" and
 * "Fotografen" for "Hochzeitsfotografie", "foto" and "buku" for "fotobuku"), the joining "s" of German compounds
 * allowed; -1 when it does not.
 */
function compoundAt(aliasWord: string, forms: readonly string[][]): number {
  if (aliasWord.length < 2 * COMPOUND_PART + 1 || !/^\p{L}+$/u.test(aliasWord)) return -1;
  const find = (part: string) =>
    forms.findIndex((wordForms) => wordForms.some((word) => sameStem(word, part, true)));
  for (let cut = COMPOUND_PART; cut <= aliasWord.length - COMPOUND_PART; cut++) {
    const head = aliasWord.slice(0, cut);
    let tail = aliasWord.slice(cut);
    if (tail.startsWith('s') && tail.length > COMPOUND_PART && head.length > COMPOUND_PART)
      tail = tail.slice(1);
    const first = find(head);
    if (first < 0) continue;
    const second = find(tail);
    if (second >= 0 && second !== first) return Math.min(first, second);
  }
  // a long last part alone is what the compound is ("Vidéosurveillance": "caméra de surveillance")
  for (let cut = COMPOUND_PART; cut <= aliasWord.length - COMPOUND_HEAD; cut++) {
    const tail = aliasWord.slice(cut);
    if (tail.length * 2 < aliasWord.length) break;
    const at = forms.findIndex((wordForms) => wordForms.some((word) => word === tail));
    if (at >= 0) return at;
  }
  return -1;
}

/** Per script (Latin, or Arabic script and Devanagari), each skeleton's first run of one length (see skeletonRuns). */
interface FirstRuns {
  other: Map<string, number>;
  latin: Map<string, number>;
}

/** What {@link rankAliases} reads of a message before any catalog: its words, their spellings, their runs. */
interface ReadMessage {
  words: string[];
  forms: string[][];
  /** per run length, the first run with each skeleton: a look-up per alias, not a scan of the runs */
  firstRuns: FirstRuns[];
}

/** Messages whose reading is kept: a turn reads each against the services, the areas and what is not offered. */
const RECENT_MESSAGES = 16;

/** The message read as {@link ReadMessage}; the answer is shared with the next reader: read it, never change it. */
const readMessage = remembered((text: string): ReadMessage => {
  const words = tokens(text);
  const forms = words.map(messageForms);
  const firstRuns = skeletonRuns(words, forms).map((runs) => {
    const first: FirstRuns = { other: new Map(), latin: new Map() };
    runs.forEach((run, i) => {
      for (const skeleton of run.other) if (!first.other.has(skeleton)) first.other.set(skeleton, i);
      for (const skeleton of run.latin) if (!first.latin.has(skeleton)) first.latin.set(skeleton, i);
    });
    return first;
  });
  return { words, forms, firstRuns };
}, RECENT_MESSAGES);

/**
 * Every entry with an alias in `text`, best first, one candidate per entry (its most specific hit).
 * Use it to offer choices when {@link matchAlias} finds the message ambiguous. With `language`, aliases of
 * that language (and language-neutral ones) are also matched by stems in any order, English ones in any
 * order as English spells them (see loanMatch): never aliases of another language by stem, where a
 * similar-looking word means something else.
 */
export function rankAliases(
  text: string,
  entries: readonly AliasEntry[],
  language?: string,
  options: MatchOptions = {},
): AliasCandidate[] {
  const { words, forms, firstRuns } = readMessage(text);
  const best = new Map<string, AliasCandidate>();
  /** a service's names or a not-offered list (read by concepts too), not a place's */
  const services = options.concepts !== undefined;
  const compiled = compile(entries);
  const firstSaid = firstWordsSaid(forms, compiled);
  const apart = options.concepts === 'words' ? SERVICE_WORDS_APART : NAME_WORDS_APART;
  for (const alias of compiled) {
    // English names inside another language: a service's (never a place's, which is matched as written)
    // …and the other language its speakers mix in: French names inside Maghrebi Arabic ("cours dyal l3wd", "balade f
    // la plage"), German inside a Turkish-German customer's Turkish and Turkish inside their German
    const loan =
      services &&
      language !== undefined &&
      language !== 'en' &&
      (alias.language === 'en' || LOANS_FROM[language] === alias.language);
    if (language !== undefined && (alias.language === language || alias.language === '*' || loan)) {
      const hit = loan
        ? loanMatch(alias, forms, apart)
        : (wordsMatch(words, alias, forms, services, apart) ??
          // an owner's language-neutral words, written in Devanagari by a Hindi speaker
          (services && alias.language === '*' && language === 'hi'
            ? loanMatch(alias, forms, apart)
            : undefined));
      if (hit !== undefined) {
        const candidate: AliasCandidate = {
          id: alias.id,
          // below an exact hit of the same length: the alias as written is better evidence
          score: 0.8 * hit.matched - 1,
          evidence: {
            kind: 'words',
            alias: alias.alias,
            language: alias.language,
            span: words.slice(hit.start, hit.end).join(' '),
            edits: 1,
          },
          start: hit.start,
          end: hit.end,
        };
        const previous = best.get(alias.id);
        if (previous === undefined || candidate.score > previous.score) best.set(alias.id, candidate);
      }
    }
    if (!alias.words[0]?.some((spelling) => firstSaid.has(spelling))) continue;
    const length = alias.words.length;
    for (let start = 0; start + length <= words.length; start++) {
      const edits = phraseEdits(forms, start, alias.words);
      if (edits === undefined) continue;
      const candidate: AliasCandidate = {
        id: alias.id,
        score: alias.chars + (length - 1) - EDIT_PENALTY * edits,
        evidence: {
          kind: edits === 0 ? 'exact' : 'fuzzy',
          alias: alias.alias,
          language: alias.language,
          span: words.slice(start, start + length).join(' '),
          edits,
        },
        start,
        end: start + length,
      };
      const previous = best.get(alias.id);
      if (previous === undefined || candidate.score > previous.score) best.set(alias.id, candidate);
    }
  }
  // a name in the other script adds an entry, never second-guesses one named as written
  for (const hit of transliteratedHits(words, firstRuns, entries))
    if (!best.has(hit.id)) best.set(hit.id, hit);
  // one word of a service's name may name it; one word of a place's is no place ("Barat" of "Jakarta Barat" is
  // west, "Johor" of "Johor Bahru" the state)
  if (best.size === 0 && language !== undefined && services) {
    const hit = distinctiveHit(words, forms, entries, language, false, services);
    if (hit !== undefined) best.set(hit.id, hit);
  }
  if (best.size === 0 && language !== undefined && options.concepts !== undefined) {
    for (const hit of conceptHits(words, entries, language, options.concepts === 'words'))
      best.set(hit.id, hit);
  }
  // an English word of one entry, said as English spells it, inside another language ("paani ki testing")
  if (best.size === 0 && services && language !== undefined && language !== 'en') {
    const mixed = LOANS_FROM[language];
    const hit =
      distinctiveHit(words, forms, entries, language, 'en') ??
      // …and a word of one entry in the language its speakers mix in ("cours dyal l3wd")
      (mixed === undefined ? undefined : distinctiveHit(words, forms, entries, language, mixed));
    if (hit !== undefined) best.set(hit.id, hit);
  }
  // the thing an owner's name of another language is about, said as written by a customer of any language, when
  // nothing else names a service: the name but its first word, a verb of the work ("top box" of "Pasang top box")
  if (best.size === 0 && services && language !== undefined) {
    const things = thingNamed(forms, words, compiled, language);
    if (new Set(things.map((hit) => hit.id)).size === 1 && things[0] !== undefined)
      best.set(things[0].id, things[0]);
  }
  const ranked = [...best.values()].sort((a, b) => b.score - a.score || a.evidence.edits - b.evidence.edits);
  const [first, second] = ranked;
  // services named by the thing they share ("piscina" of every pool service) are told apart by a word only one
  // service has: "abertura da piscina" is the "Abertura e fecho da época"
  if (
    services &&
    language !== undefined &&
    first !== undefined &&
    second !== undefined &&
    second.score >= first.score
  ) {
    const hit = distinctiveHit(words, forms, entries, language, false, true);
    if (hit !== undefined)
      return [{ ...hit, score: first.score + 1 }, ...ranked.filter((candidate) => candidate.id !== hit.id)];
  }
  return ranked;
}

/**
 * Names of another language than the customer's, of three words or more, whose words after the first are said as
 * written, in order, each of three letters at least: the thing the name is about.
 */
function thingNamed(
  forms: readonly string[][],
  words: readonly string[],
  compiled: readonly CompiledAlias[],
  language: string,
): AliasCandidate[] {
  const said = new Set(forms.flat());
  const saidAt = (at: number, spellings: readonly string[]) =>
    forms[at]?.some((form) => spellings.includes(form)) === true;
  const hits: AliasCandidate[] = [];
  for (const alias of compiled) {
    if (alias.language === language || alias.language === '*' || alias.words.length < 3) continue;
    const thing = alias.words.slice(1);
    if (!thing.every((spellings) => spellings.some((spelling) => said.has(spelling)))) continue;
    if (thing.some((spellings) => (spellings[0]?.length ?? 0) < 3 || FUNCTION_WORDS.has(spellings[0] ?? '')))
      continue;
    for (let start = 0; start + thing.length <= forms.length; start++) {
      if (!thing.every((spellings, j) => saidAt(start + j, spellings))) continue;
      hits.push({
        id: alias.id,
        score: 0.8 * thing.length - 1,
        evidence: {
          kind: 'words',
          alias: alias.alias,
          language: alias.language,
          span: words.slice(start, start + thing.length).join(' '),
          edits: 1,
        },
        start,
        end: start + thing.length,
      });
      break;
    }
  }
  return hits;
}

/** Consonants a name must have to be matched across scripts: fewer collide with other words. */
const MIN_SKELETON = 4;

const ARABIC_START = /^[\u0621-\u064a]/u;
/**
 * A message's words in Arabic script or Devanagari, matched across scripts against romanized names; a name in
 * Devanagari is matched only as written (a Hindi name is read in Hinglish by {@link sameHinglish}).
 */
const OTHER_SCRIPT_START = /^[\u0621-\u064a\u0900-\u097f]/u;
const DEVANAGARI_START = /^[\u0900-\u097f]/u;
const aliasSkeletons = new WeakMap<CompiledAlias, { skeleton: string | undefined; arabic: boolean }>();

/** An alias's consonants across scripts (its words run together) and its script, worked out once per alias. */
function skeletonOf(alias: CompiledAlias): { skeleton: string | undefined; arabic: boolean } {
  let known = aliasSkeletons.get(alias);
  if (known === undefined) {
    const aliasWord = alias.words.map((spellings) => spellings[0] ?? '').join('');
    known = { skeleton: consonantSkeleton(aliasWord), arabic: ARABIC_START.test(aliasWord) };
    aliasSkeletons.set(alias, known);
  }
  return known;
}

/**
 * Once per message, for runs of 1–3 words (`[length − 1][start]`): the consonants of each spelling of the first
 * word with the following words (Arabizi read as Latin) written together, by the first spelling's script.
 */
function skeletonRuns(
  words: readonly string[],
  forms: readonly string[][],
): Array<Array<{ other: Set<string>; latin: Set<string> }>> {
  const latinWords = words.map((word) => (isArabizi(word) ? arabiziToLatin(word) : word));
  return [1, 2, 3].map((length) =>
    forms.slice(0, Math.max(0, forms.length - length + 1)).map((spellings, i) => {
      const rest = latinWords.slice(i + 1, i + length).join('');
      const run = { other: new Set<string>(), latin: new Set<string>() };
      for (const form of spellings) {
        const skeleton = consonantSkeleton(form + rest);
        if (skeleton !== undefined) (OTHER_SCRIPT_START.test(form) ? run.other : run.latin).add(skeleton);
      }
      return run;
    }),
  );
}

const transliterableCache = new WeakMap<
  readonly AliasEntry[],
  Array<{ alias: CompiledAlias; wanted: string; arabicAlias: boolean }>
>();

/** The aliases with consonants enough to be matched across scripts, in order, each with its skeleton. */
function transliterable(entries: readonly AliasEntry[]) {
  let known = transliterableCache.get(entries);
  if (known === undefined) {
    known = compile(entries).flatMap((alias) => {
      const { skeleton: wanted, arabic: arabicAlias } = skeletonOf(alias);
      return wanted === undefined || wanted.length < MIN_SKELETON || DEVANAGARI_START.test(alias.alias)
        ? []
        : [{ alias, wanted, arabicAlias }];
    });
    transliterableCache.set(entries, known);
  }
  return known;
}

/**
 * Names written in the other script: an Arabic-script word that is the consonants of a romanized alias
 * ("مردف" for "Mirdif", "بالبرشا" for "Al Barsha"), or a romanized word of an Arabic-script alias. Exact
 * consonants only, no typo on top, and never between two words of the same script.
 */
function transliteratedHits(
  words: readonly string[],
  firstRuns: readonly FirstRuns[],
  entries: readonly AliasEntry[],
): AliasCandidate[] {
  const found: AliasCandidate[] = [];
  for (const { alias, wanted, arabicAlias } of transliterable(entries)) {
    // the alias's words may be written apart or together: up to as many message words as it has
    for (let length = 1; length <= Math.min(alias.words.length, 3); length++) {
      // a run in the other script than the alias's: never between two words of the same script
      const first = firstRuns[length - 1]!;
      const at = (arabicAlias ? first.latin : first.other).get(wanted);
      if (at === undefined) continue;
      found.push({
        id: alias.id,
        score: alias.chars - EDIT_PENALTY,
        evidence: {
          kind: 'fuzzy',
          alias: alias.alias,
          language: alias.language,
          span: words.slice(at, at + length).join(' '),
          edits: 1,
        },
        start: at,
        end: at + length,
      });
      break;
    }
  }
  return found;
}

const distinctiveCache = new WeakMap<
  readonly AliasEntry[],
  Map<string, Map<string, { id: string; alias: string }>>
>();

/**
 * Per language, the alias words that belong to one entry only (`Reifen` is in three tyre services, `Bremsen`
 * in one): a word that names one entry and no other is evidence of it even when the rest of its alias is
 * not said ("neue Bremsen bitte" for "Bremsbeläge wechseln").
 */
function distinctiveWords(
  entries: readonly AliasEntry[],
): Map<string, Map<string, { id: string; alias: string }>> {
  const cached = distinctiveCache.get(entries);
  if (cached !== undefined) return cached;
  const owners = new Map<string, Map<string, Set<string>>>();
  const aliasOf = new Map<string, string>();
  for (const alias of compile(entries)) {
    const byWord = owners.get(alias.language) ?? new Map<string, Set<string>>();
    for (const [i, forms] of alias.words.entries()) {
      const word = forms.at(-1) ?? '';
      if (word.length < 4 || FUNCTION_WORDS.has(word)) continue;
      // the word after a bound prefix is not the name's alone: "wedding" of "Pre-wedding Shoot Styling"
      if (BOUND_PREFIXES.has(alias.words[i - 1]?.at(-1) ?? '')) continue;
      const ids = byWord.get(word) ?? new Set<string>();
      ids.add(alias.id);
      byWord.set(word, ids);
      aliasOf.set(`${alias.language}:${word}`, alias.alias);
    }
    owners.set(alias.language, byWord);
  }
  const distinctive = new Map<string, Map<string, { id: string; alias: string }>>();
  const shared = new Map<string, Set<string>>();
  for (const [language, byWord] of owners) {
    shared.set(language, new Set([...byWord].filter(([, ids]) => ids.size > 1).map(([word]) => word)));
    const words = new Map<string, { id: string; alias: string }>();
    for (const [word, ids] of byWord) {
      const [id] = [...ids];
      // a word shared by two entries, or a stem of another entry's word, tells nothing
      const shared = [...byWord.keys()].some(
        (other) =>
          other !== word && !ids.has([...(byWord.get(other) ?? [])][0] ?? '') && sameStem(other, word, false),
      );
      if (ids.size === 1 && id !== undefined && !shared)
        words.set(word, { id, alias: aliasOf.get(`${language}:${word}`) ?? word });
    }
    distinctive.set(language, words);
  }
  distinctiveCache.set(entries, distinctive);
  sharedCache.set(entries, shared);
  return distinctive;
}

/** Prefixes written apart from their word ("pre-wedding", "post natal", "non-stick"), which they change. */
const BOUND_PREFIXES = new Set([
  'pre',
  'post',
  'non',
  'anti',
  'semi',
  'mini',
  'ex',
  'co',
  'mid',
  'multi',
  'sub',
]);

/** The longest beginning one of `forms` shares with one of `words`. */
function commonStart(forms: readonly string[], words: readonly string[]): number {
  let longest = 0;
  for (const form of forms)
    for (const word of words) {
      let n = 0;
      while (n < form.length && form[n] === word[n]) n++;
      longest = Math.max(longest, n);
    }
  return longest;
}

const sharedCache = new WeakMap<readonly AliasEntry[], Map<string, Set<string>>>();

/** Per language, the alias words several entries have ("carrelage" of the tiling and of the grout cleaning). */
function sharedWords(entries: readonly AliasEntry[]): Map<string, Set<string>> {
  distinctiveWords(entries);
  return sharedCache.get(entries) ?? new Map();
}

/** Languages whose compounds put the modifier before the thing ("lunch box", "इफ्तार बॉक्स", "iftar kutusu"). */
const MODIFIER_FIRST = new Set(['en', 'hi', 'tr', 'de']);
type DistinctiveFind = { alias: string; at: number; word: string; exact: boolean };

/**
 * A Latin word that is an Arabic-script word, consonant for consonant: the customer's Arabizi of an Arabic name's word
 * ("marateb" of "المراتب", "drabzeen" of "درابزين"), or a name's English word in the customer's Arabic script
 * ("تانكر" of "tanker"); four consonants at least, the article left out.
 */
function arabiziOf(form: string, word: string): boolean {
  if (!/^[a-z]+$/u.test(form) || !ARABIC_START.test(word)) return false;
  const wanted = consonantSkeleton(word.replace(/^ال/u, ''));
  return wanted !== undefined && wanted.length >= MIN_SKELETON && consonantSkeleton(form) === wanted;
}

/** The one entry a distinctive word of the customer's language names, when only one is named. */
function distinctiveHit(
  words: readonly string[],
  forms: readonly string[][],
  entries: readonly AliasEntry[],
  language: string,
  /**
   * the language of words loaned into another's message (English anywhere, French in Maghrebi Arabic): said as
   * that language spells them, never by stem
   */
  loan: string | false = false,
  /** a service's Hindi word (never a place's) also said in Hinglish */
  hinglish = false,
): AliasCandidate | undefined {
  const own = loan === false ? language : loan;
  const table = distinctiveWords(entries).get(own);
  if (table === undefined) return undefined;
  const found = new Map<string, DistinctiveFind>();
  // a word that fits many services ("change", "repair") names none alone, even when one alias has it; a
  // broad word ("comida", "klinik") is the catalog's own word here
  const weak = (word: string) => {
    const [concepts] = conceptsOf([word], language);
    const read = [...(concepts ?? [])].filter((concept) => !isBroadConcept(concept));
    return read.length > 0 && read.every(isWeakConcept);
  };
  // alone, a Hinglish word needs four consonants: "saaman" (सामान, goods) is every customer's word
  const said =
    loan !== false
      ? (form: string, word: string) => loanForm(form, word) || (language === 'ar' && arabiziOf(word, form))
      : (form: string, word: string) =>
          sameStem(form, word, true) ||
          typedWrong(form, word) ||
          (hinglish && language === 'hi' && sameHinglish(form, word, HINGLISH_MIN_CONSONANTS + 1)) ||
          (language === 'ar' && arabiziOf(form, word));
  const hits: Array<DistinctiveFind & { id: string; closeness: number }> = [];
  for (const [word, owner] of table) {
    const at = forms.findIndex((wordForms) => wordForms.some((form) => said(form, word)));
    if (at < 0) continue;
    const exact = forms[at]?.includes(word) === true;
    // the word as written, its plural or singular, or a looser stem
    const plural = forms[at]?.some((form) => loanForm(form, word)) === true;
    hits.push({ id: owner.id, alias: owner.alias, at, word, exact, closeness: exact ? 2 : plural ? 1 : 0 });
  }
  // a word said as one entry has it is not also the stem of another's ("tanker" is not "tank"); its plural
  // is not a looser stem's ("light" is the "lights" of one name, not the "lighting" of another)
  const closest = new Map<number, number>();
  for (const hit of hits) closest.set(hit.at, Math.max(closest.get(hit.at) ?? 0, hit.closeness));
  // a word several entries have is theirs, as written, nearer than one entry's word, or whole at its start:
  // "carrelage" and "carreler" (of two tiling names' "carrelage") are not the "carreaux" of the tile repair,
  // "floorboards" (of two names' "floor") not the "flooring" of one
  const several = [...(sharedWords(entries).get(own) ?? [])];
  for (const hit of hits) {
    if (hit.closeness === 2) continue;
    const said = forms[hit.at] ?? [];
    const near = commonStart(said, [hit.word]);
    const theirs = (word: string) => {
      const common = commonStart(said, [word]);
      return common > near || (common === word.length && common === near && said[0]?.length !== common);
    };
    if (several.some(theirs)) closest.set(hit.at, 2);
  }
  for (const { id, closeness, ...hit } of hits) {
    if (closeness < (closest.get(hit.at) ?? 0)) continue;
    const previous = found.get(id);
    if (previous === undefined || (weak(previous.word) && !weak(hit.word))) found.set(id, hit);
  }
  // a weak word ("hantar", deliver) names nothing beside a specific one ("botol"): "hantar 4 botol air"; a
  // broad one ("appointment") is specific to no one either
  const broad = (word: string) => {
    const [concepts] = conceptsOf([word], language);
    return concepts !== undefined && concepts.size > 0 && [...concepts].every(isBroadConcept);
  };
  if ([...found.values()].some((hit) => !weak(hit.word) && !broad(hit.word)))
    for (const [id, hit] of found) if (weak(hit.word)) found.delete(id);
  // two entries' words side by side are one thing, named by its modifier: "iftar boxes" (not the lunch
  // boxes), "इफ्तार बॉक्स"; "nasi kotak kantor" puts the modifier after the head
  if (found.size === 2) {
    const [a, b] = [...found.values()].sort((x, y) => x.at - y.at) as [DistinctiveFind, DistinctiveFind];
    if (b.at - a.at === 1) {
      const head = MODIFIER_FIRST.has(own) ? b : a;
      for (const [id, hit] of found) if (hit === head) found.delete(id);
    }
  }
  if (found.size !== 1) return undefined;
  const [[id, hit]] = [...found] as [[string, DistinctiveFind]];
  if (weak(hit.word)) return undefined;
  return {
    id,
    score: 0.5 * hit.word.length - 1,
    evidence: { kind: 'words', alias: hit.alias, language, span: words[hit.at] ?? hit.word, edits: 2 },
    start: hit.at,
    end: hit.at + 1,
  };
}

const describedConcepts = new WeakMap<AliasEntry, Set<string>>();

/** The specific concepts an entry's description names (read as English first, then any language). */
function descriptionConcepts(entry: AliasEntry): Set<string> {
  let concepts = describedConcepts.get(entry);
  if (concepts === undefined) {
    const said = entry.description === undefined ? [] : conceptsNeeded(tokens(entry.description), '*');
    concepts = new Set(said.flatMap((part) => [...part]).filter((concept) => !isWeakConcept(concept)));
    describedConcepts.set(entry, concepts);
  }
  return concepts;
}

const aliasConcepts = new WeakMap<CompiledAlias, Set<string>[]>();

/** The concepts an alias needs (see conceptsNeeded), read in the alias's language. */
function conceptsOfAlias(alias: CompiledAlias): Set<string>[] {
  let concepts = aliasConcepts.get(alias);
  if (concepts === undefined) {
    // …nor the word a bound prefix changes ("wedding" of "pre-wedding" is no wedding)
    const said = alias.words.map((forms) => forms[0] ?? '');
    const changed = new Set(said.filter((_, i) => BOUND_PREFIXES.has(said[i - 1] ?? '')));
    concepts = conceptsNeeded(
      contentWords(alias).filter((word) => !QUALIFIERS.has(word) && !changed.has(word)),
      alias.language,
    );
    aliasConcepts.set(alias, concepts);
  }
  return concepts;
}

const conceptOwnersCache = new WeakMap<readonly AliasEntry[], Map<string, Set<string>>>();

/** Per concept, the entries whose aliases or description have it. */
function conceptOwners(entries: readonly AliasEntry[]): Map<string, Set<string>> {
  let owners = conceptOwnersCache.get(entries);
  if (owners === undefined) {
    owners = new Map();
    const add = (concept: string, id: string) => {
      const ids = owners?.get(concept) ?? new Set<string>();
      owners?.set(concept, ids.add(id));
    };
    for (const alias of compile(entries)) {
      for (const concepts of conceptsOfAlias(alias)) for (const concept of concepts) add(concept, alias.id);
    }
    for (const entry of entries) for (const concept of descriptionConcepts(entry)) add(concept, entry.id);
    conceptOwnersCache.set(entries, owners);
  }
  return owners;
}

/**
 * The entries a message names in other words than their aliases: every content word of an alias said
 * through a word of the same concept (any order, a few words between), at least one of them specific; or,
 * failing that, a specific concept only one entry's aliases have ("akü" → battery replacement) when only
 * one entry is named so. A hit that has a concept no other entry has ranks first ("limpieza de paneles
 * solares": cleaning, not solar panels).
 */
function conceptHits(
  words: readonly string[],
  entries: readonly AliasEntry[],
  language: string,
  oneWord: boolean,
): AliasCandidate[] {
  const said = conceptsOf(words, language);
  if (said.every((concepts) => concepts.size === 0)) return [];
  const owners = conceptOwners(entries);
  const distinctive = (concept: string) => !isWeakConcept(concept) && owners.get(concept)?.size === 1;
  const best = new Map<string, AliasCandidate>();
  const saidAny = new Set(said.flatMap((concepts) => [...concepts]));
  for (const alias of compile(entries)) {
    const needed = conceptsOfAlias(alias);
    if (needed.length === 0 || needed.some((concepts) => concepts.size === 0)) continue;
    // a part of the alias no word says: most aliases end here, before the readings below
    if (!needed.every((concepts) => [...concepts].some((concept) => saidAny.has(concept)))) continue;
    // one weak concept names nothing alone; two together do ("sell" + "car"), unless one is broad ("book" +
    // "appointment")
    const weakOnly = !needed.some((concepts) => [...concepts].some((concept) => !isWeakConcept(concept)));
    const broad = needed.some((concepts) => [...concepts].every(isBroadConcept));
    if (weakOnly && (needed.length < 2 || broad)) continue;
    const positions = needed.map((concepts) =>
      said.findIndex((found) => [...concepts].some((c) => found.has(c))),
    );
    if (positions.some((at) => at < 0)) continue;
    // met only through broad words ("test" for the checkup in "muayene") is not met
    const specificMet = needed.some((concepts) =>
      said.some((found) => [...concepts].some((concept) => found.has(concept) && !isBroadConcept(concept))),
    );
    if (!specificMet) continue;
    const start = Math.min(...positions);
    const end = Math.max(...positions) + 1;
    if (end - start > needed.length + 4) continue;
    const specific = needed.filter((concepts) => [...concepts].some(distinctive)).length;
    const candidate: AliasCandidate = {
      id: alias.id,
      score: needed.length + 0.5 * specific,
      evidence: {
        kind: 'words',
        alias: alias.alias,
        language,
        span: words.slice(start, end).join(' '),
        edits: 2,
      },
      start,
      end,
    };
    const previous = best.get(alias.id);
    if (previous === undefined || candidate.score > previous.score) best.set(alias.id, candidate);
  }
  if (best.size > 0 || !oneWord) return [...best.values()];
  // one specific concept of one entry
  const named = new Map<string, number>();
  for (const [at, concepts] of said.entries()) {
    for (const concept of concepts) {
      const [id] = distinctive(concept) ? [...(owners.get(concept) ?? [])] : [];
      if (id !== undefined && !named.has(id)) named.set(id, at);
    }
  }
  if (named.size !== 1) return [];
  const [[id, at]] = [...named] as [[string, number]];
  const alias = compile(entries).find((a) => a.id === id)?.alias ?? id;
  return [
    {
      id,
      score: 0.5,
      evidence: { kind: 'words', alias, language, span: words[at] ?? '', edits: 3 },
      start: at,
      end: at + 1,
    },
  ];
}

function baseConfidence(candidate: AliasCandidate): number {
  const { evidence } = candidate;
  const words = candidate.end - candidate.start;
  if (evidence.kind === 'words') return evidence.edits > 1 ? 0.6 : 0.7;
  if (evidence.kind === 'exact') {
    const tiny = evidence.span.replaceAll(' ', '').length < 3 ? 0.1 : 0;
    return Math.min(0.95, 0.85 + 0.05 * (words - 1)) - tiny;
  }
  return Math.max(0.5, 0.7 - 0.05 * evidence.edits);
}

/**
 * The entry `text` names, if one stands out. Hits inside the winner's words (an "AC" within "AC
 * repair") are explained by it; another entry named elsewhere in the message lowers the confidence,
 * and another entry with an equally specific hit makes the message ambiguous (undefined).
 */
export function matchAlias(
  text: string,
  entries: readonly AliasEntry[],
  language?: string,
  options: MatchOptions = {},
): CatalogMatch | undefined {
  const ranked = rankAliases(text, entries, language, options);
  const { admit, sameAs } = options;
  return chooseAlias(admit === undefined ? ranked : ranked.filter(admit), sameAs);
}

/**
 * The winner of ranked candidates (see {@link matchAlias}). Entries naming the same thing (`sameAs`: a city and
 * its district, "Stuttgart-Degerloch") are no rivals.
 */
function chooseAlias(
  ranked: readonly AliasCandidate[],
  sameAs: (id: string) => string = (id) => id,
): CatalogMatch | undefined {
  const [winner, ...others] = ranked;
  if (winner === undefined) return undefined;
  const rivals = others.filter(
    (other) =>
      sameAs(other.id) !== sameAs(winner.id) &&
      (other.score >= winner.score || other.start < winner.start || other.end > winner.end),
  );
  const rival = rivals[0];
  if (rival !== undefined && rival.score >= winner.score) return undefined;
  let confidence = baseConfidence(winner);
  // another entry named elsewhere: the customer may want both, or be comparing; ask before routing
  if (rival !== undefined) confidence -= 0.15 + 0.2 * (rival.score / winner.score);
  return { id: winner.id, confidence: Math.round(confidence * 100) / 100, evidence: winner.evidence };
}

/**
 * Words of an occasion, folded: a wedding, a birthday, an engagement, a party. Said beside a thing for it ("DJ
 * lazım, düğünümüz olacak", "a photographer for my sister's henna night"), the thing is what is asked.
 */
const OCCASION_WORDS = new Set(
  [
    ...['wedding', 'weddings', 'birthday', 'engagement', 'henna', 'night', 'party', 'parties', 'anniversary'],
    ...['graduation', 'reception', 'celebration', 'event', 'events', 'feast', 'function'],
    ...['hochzeit', 'geburtstag', 'verlobung', 'feier', 'fest', 'kina'],
    ...[
      'dugun',
      'dugunu',
      'dugunumuz',
      'nisan',
      'gecesi',
      'dogum',
      'gunu',
      'sunnet',
      'parti',
      'organizasyon',
    ],
    ...['عرس', 'العرس', 'زواج', 'الزواج', 'فرح', 'الفرح', 'خطوبه', 'الخطوبه', 'ملكه', 'عيد', 'ميلاد', 'حفله'],
    ...['3ers', 'l3ers', 'farah', 'khotba', '5otbe', '7afla', 'hafla'],
    ...[
      'boda',
      'bodas',
      'cumpleanos',
      'fiesta',
      'casamento',
      'aniversario',
      'festa',
      'mariage',
      'anniversaire',
    ],
    ...[
      'fiancailles',
      'fete',
      'nikah',
      'kahwin',
      'kenduri',
      'walimah',
      'pernikahan',
      'nikahan',
      'ulang',
      'tahun',
    ],
    ...['shaadi', 'shadi', 'sagai', 'mehendi', 'mehndi', 'janamdin', 'शादी', 'सगाई', 'मेहंदी', 'जन्मदिन'],
  ].map((word) => tokens(word)[0] ?? word),
);
/** A candidate named by occasion words alone. */
function occasionOnly(candidate: AliasCandidate): boolean {
  const words = tokens(candidate.evidence.span).filter((word) => !FUNCTION_WORDS.has(word));
  return words.length > 0 && words.every((word) => OCCASION_WORDS.has(word));
}
/** Services named by occasion words alone give way to one named by a thing for it, said as written. */
function thingOverOccasion(ranked: readonly AliasCandidate[]): readonly AliasCandidate[] {
  const things = ranked.filter((candidate) => !occasionOnly(candidate));
  return things.length < ranked.length && things.some((candidate) => candidate.evidence.kind === 'exact')
    ? things
    : ranked;
}

/** "or" and "and" in the intake languages, folded: two services joined by one are both wanted, or not chosen. */
const JOINING_WORDS = new Set(
  [
    'or',
    'and',
    'o',
    'y',
    'ou',
    'e',
    'et',
    'oder',
    'und',
    'veya',
    'ile',
    've',
    'atau',
    'dan',
    'sama',
    'ya',
    'aur',
    'या',
    'और',
    'او',
    'و',
    'wala',
    'w',
  ].map((word) => tokens(word).join(' ')),
);

/**
 * Whether two services are each named in their own words with "or"/"and" between them ("kulkas sama mesin
 * cuci", "mesin basuh atau mesin basuh pinggan"): the customer wants both or has not chosen; asking beats
 * guessing one.
 */
function twoJoined(ranked: readonly AliasCandidate[], words: readonly string[]): boolean {
  const service = (candidate: AliasCandidate) => candidate.id.replace(KEYWORD_SUFFIX, '');
  for (const a of ranked) {
    for (const b of ranked) {
      if (service(a) === service(b) || a.end > b.start) continue;
      const between = words.slice(a.end, b.start);
      if (between.length >= 1 && between.length <= 2 && between.some((word) => JOINING_WORDS.has(word)))
        return true;
    }
  }
  return false;
}

/** A service's keywords (words pointing to it without naming it) carry this suffix in the alias table. */
const KEYWORD_SUFFIX = '\u0000keyword';
/** A keyword is weaker evidence than a name. */
const KEYWORD_CONFIDENCE_CAP = 0.6;

const serviceEntries = new WeakMap<readonly ServiceEntry[], AliasEntry[]>();
interface ServiceEntry extends AliasEntry {
  keywords?: Record<string, string[]> | undefined;
}

/** A catalog's services as alias entries: each service's names, and its keywords as an entry of their own. */
function entriesOfServices(services: readonly ServiceEntry[]): AliasEntry[] {
  let entries = serviceEntries.get(services);
  if (entries === undefined) {
    entries = services.flatMap((service) => [
      { id: service.id, names: service.names, description: service.description },
      ...(service.keywords === undefined
        ? []
        : [{ id: `${service.id}${KEYWORD_SUFFIX}`, names: service.keywords }]),
    ]);
    serviceEntries.set(services, entries);
  }
  return entries;
}

/**
 * The service a customer's message names (see {@link matchAlias}), by its names, or with less confidence
 * by one of its keywords. With the customer's `language`, names of that language also match by stems.
 */
export function matchService(
  text: string,
  services: readonly ServiceEntry[],
  language?: string,
): CatalogMatch | undefined {
  const entries = entriesOfServices(services);
  const ranked = thingOverOccasion(
    headsName(rankAliases(text, entries, language, { concepts: 'words' }), language),
  );
  if (twoJoined(ranked, readMessage(text).words)) return undefined;
  const match = faultFor(text, services, chooseAlias(ranked)) ?? acronymSaid(text, services);
  if (match === undefined || !match.id.endsWith(KEYWORD_SUFFIX)) return match;
  return {
    ...match,
    id: match.id.slice(0, -KEYWORD_SUFFIX.length),
    confidence: Math.min(match.confidence, KEYWORD_CONFIDENCE_CAP),
  };
}

const acronymsCache = new WeakMap<
  readonly ServiceEntry[],
  Map<string, { id: string; alias: string } | null>
>();
/**
 * A capitalised short form the owner wrote in a name of mixed case ("1-to-1 PT", "AC Servicing", "CCTV Installation"),
 * said in capitals by the customer ("home PT", "PT at our villa"): the one service whose name has it. Too short to be
 * read from words, the capitals are what make it the owner's.
 */
function acronymSaid(text: string, services: readonly ServiceEntry[]): CatalogMatch | undefined {
  let acronyms = acronymsCache.get(services);
  if (acronyms === undefined) {
    acronyms = new Map();
    for (const service of services)
      for (const names of Object.values(service.names))
        for (const name of names) {
          if (!/\p{Ll}/u.test(name)) continue;
          for (const [short] of name.matchAll(SHORT_FORM)) {
            const held = acronyms.get(short);
            acronyms.set(
              short,
              held === undefined || held?.id === service.id ? { id: service.id, alias: name } : null,
            );
          }
        }
    acronymsCache.set(services, acronyms);
  }
  for (const [short] of text.matchAll(SHORT_FORM)) {
    const owner = acronyms.get(short);
    if (owner)
      return {
        id: owner.id,
        confidence: ACRONYM_CONFIDENCE,
        evidence: { kind: 'words', alias: owner.alias, language: '*', span: short.toLowerCase(), edits: 0 },
      };
  }
  return undefined;
}
/** A short form in capitals, two to five letters ("PT", "AC", "CCTV"). */
const SHORT_FORM = /(?<![\p{L}\p{N}])\p{Lu}{2,5}(?![\p{L}\p{N}])/gu;
/** A short form in capitals: as sure as words of a name. */
const ACRONYM_CONFIDENCE = 0.7;

/**
 * Concepts that name what or whom a service is for, or where, rather than the work: a customer names them
 * asking for any trade ("our dog brought fleas", "can your driver collect", "salle de bain").
 */
const THINGS = new Set([
  ...['house', 'office', 'flat', 'car', 'motorcycle', 'pet', 'animal', 'abroad', 'water', 'gas', 'food'],
  ...['clothes', 'tv', 'sofa', 'carpet', 'venue', 'maid', 'chauffeur', 'hearing', 'eye', 'nose', 'hair'],
  ...['phone', 'screen', 'laptop', 'website', 'printer', 'alcohol', 'quran', 'furniture', 'tyre', 'wheel'],
]);
/** Letters a word of other work may add to a concept's form ("plumber|s"): fewer read fewer look-alikes. */
const OTHER_WORK_SUFFIX = 2;
/**
 * A kind of work asked about that none of the catalog's services has, in its names or its description ("¿podéis
 * pintar el piso?" at a tiler, "do you also do plumbing?"): the customer asks for something not offered.
 */
export function otherWorkNamed(
  text: string,
  services: readonly ServiceEntry[],
  language: string,
  placeWords: ReadonlySet<string> = new Set(),
): string | undefined {
  const owners = conceptOwners(entriesOfServices(services));
  // asked about: the word in a question ("Machen Sie sowas?", "¿hacéis también…?", "عندكم خدمة طبخ؟")
  for (const sentence of text.split(/(?<=[?؟])/u)) {
    if (!/[?؟]/u.test(sentence)) continue;
    const { words } = readMessage(sentence);
    for (const [at, concepts] of conceptsOf(words, language, OTHER_WORK_SUFFIX).entries()) {
      const word = words[at] ?? '';
      if (placeWords.has(word)) continue;
      const specific = [...concepts].filter((concept) => !isWeakConcept(concept) && !isBroadConcept(concept));
      if (specific.length > 0 && specific.every((concept) => !owners.has(concept) && !THINGS.has(concept)))
        return word;
    }
  }
  return undefined;
}

/**
 * Whether the customer asks if the business sells something, in every intake language ("Do you sell brake pads?",
 * "Verkaufen Sie auch Poolroboter?", "Kak jual keyboard bekas gak?", "क्या आप मछली बेचते हैं?", "¿Vendéis
 * recambios?", "تبيعون فلاتر؟"), folded text.
 */
const SELL_ASKED =
  /(?<![\p{L}\p{N}])(?:(?:do|does|can|could) (?:you|u|ya)(?: guys)?(?: also| even)? sell|(?:you|u) (?:also )?sell [^.!?\n]{0,40}\?|is (?:it|this|that|the \p{L}+) for sale|verkaufen sie|verkauft ihr|vendeis|(?:ustedes )?venden ustedes|vende usted|(?:voces|vcs|voce) (?:tambem )?vende\p{L}*|vendez.?vous|vous vendez|tu vends|satiyor musunuz|satiyo musunuz|satar misiniz|satisi(?:ni)? yapiyor musunuz|(?:ada )?(?:di)?jual [^.!?\n]{0,30}?(?:gak|ga|tak|ke|kah|x|nggak|tidak)(?![\p{L}\p{N}])|(?:korang|kalian|anda|awak|kamu) (?:ada )?jual|(?:bechte|bechtey) (?:ho|hain|hai)|बेचते (?:हो|हैं)|(?:ت|كت|بت)بيع(?:و|ون|وا)|katbi3o\p{L}*|tbi3o\p{L}*)(?![\p{L}\p{N}])/u;
/** Selling and fitting asked together ("do you sell and install split units?") asks for the fitting too. */
const SELL_AND_FIT =
  /(?<![\p{L}\p{N}])(?:sell|verkauf\p{L}*|vend\p{L}*|jual|satiyor|satar|bech\p{L}*|بيع\p{L}*)\s+(?:and|&|\+|or|und|oder|y|e|et|ou|dan|atau|ve|aur|و)\s*(?:install\p{L}*|fit\p{L}*|repair\p{L}*|service|einbau\p{L}*|montier\p{L}*|instal\p{L}*|pasang\p{L}*|monta\p{L}*|pose\p{L}*|tak\p{L}*|lagat\p{L}*|lagva\p{L}*|(?:ال)?تركيب|تركبو\p{L}*)/u;

/**
 * Whether the customer asks if the business buys something from them, in every intake language ("Vocês compram carro
 * batido?", "do you buy old rugs?", "Kaufen Sie Altgold an?", "eski halılar alıyor musunuz, ne verirsiniz?", "تشترون
 * سجاد قديم؟"), folded text.
 */
const BUY_ASKED =
  /(?<![\p{L}\p{N}])(?:(?:do|does|would|will) (?:you|u|ya)(?: guys)?(?: also)? buy|(?:kaufen|kauft) (?:sie|ihr) (?:\p{L}+ ){0,3}(?:an|auf)?|ankauf|comprais|compran ustedes|compra usted|(?:voces|vcs|voce) (?:tambem )?compra\p{L}*|compram|achetez.?vous|vous achetez|rachetez.?vous|vous rachetez|satin ali(?:yor musunuz|r misiniz)|ne verirsiniz|kac(?:a)? alirsiniz|(?:korang|kalian|anda|awak) (?:ada )?beli|(?:kharidte|kharidoge) (?:ho|hain|hai)|खरीदते (?:हो|हैं)|(?:ت|بت|كت)شتر(?:و|ون|وا)|(?:ت|بت)اخذون (?:\p{L}+ ){0,3}(?:قديم\p{L}*|مستعمل\p{L}*))(?![\p{L}\p{N}])/u;

/**
 * Whether the customer asks if the business rents or hires something out, in every intake language ("¿Alquiláis
 * también el salón?", "Ada dewan utk disewa tak?", "do you rent out chairs?", "Vermieten Sie auch Stühle?"), folded.
 */
const RENT_ASKED =
  /(?<![\p{L}\p{N}])(?:(?:do|does|can|could) (?:you|u|ya)(?: guys)?(?: also)? (?:rent|hire)(?: out)?|(?:\p{L}+ )?for (?:rent|hire)\?|vermiete[nt] (?:sie|ihr)|verleih(?:en|t) (?:sie|ihr)|alquilais|alquilan ustedes|alquila usted|(?:voces|vcs|voce) (?:tambem )?aluga\p{L}*|alugam|louez.?vous|vous louez|kiraliyor musunuz|kiraya veriyor musunuz|kiralik [^.!?\n]{0,20}?var mi|(?:ada )?[^.!?\n]{0,30}?(?:untuk|utk) disewa|(?:boleh|bisa) (?:tak |gak )?sewa [^.!?\n]{0,30}?(?:tak|gak|ke|kah|x)?\?|(?:kiraye|kiraaye) pe (?:dete|milega|milegi)|किराए पर (?:देते|मिलेगा|मिलेगी)|(?:ت|بت|كت)(?:اجرو|أجرو|كريو)\p{L}*|(?:تاجير|تأجير|ايجار|كراء) [^.!?\n]{0,20}?(?:عندكم|ديالكم)?\?)(?![\p{L}\p{N}])/u;

/** A kind of trade asked about, the concept a catalog that does it has, and what asks for the work after all. */
const TRADES: ReadonlyArray<{ asked: RegExp; concept: string; unless?: RegExp }> = [
  { asked: SELL_ASKED, concept: 'sell', unless: SELL_AND_FIT },
  { asked: BUY_ASKED, concept: 'buy' },
  { asked: RENT_ASKED, concept: 'hire' },
];

const catalogConceptsCache = new WeakMap<readonly ServiceEntry[], Set<string>>();
/**
 * The concepts the catalog's services have in their names or descriptions, weak ones included ("sell", "buy",
 * "hire"): worked out once per catalog, the names' from the concepts matching has read already.
 */
function catalogConcepts(services: readonly ServiceEntry[]): Set<string> {
  let concepts = catalogConceptsCache.get(services);
  if (concepts === undefined) {
    concepts = new Set(conceptOwners(entriesOfServices(services)).keys());
    for (const service of services)
      for (const said of conceptsOf(tokens(service.description ?? ''), '*'))
        for (const c of said) concepts.add(c);
    catalogConceptsCache.set(services, concepts);
  }
  return concepts;
}

/**
 * The words asking whether the business sells, buys or rents out something, when none of its services does: a
 * workshop asked for parts, a pool service for a robot, a music school for a used keyboard, a cleaner to buy old
 * rugs. Not offered, though the thing is the trade's own.
 */
export function tradeAskedOf(text: string, services: readonly ServiceEntry[]): string | undefined {
  if (services.length === 0) return undefined;
  const folded = foldText(text).folded;
  for (const { asked, concept, unless } of TRADES) {
    const words = asked.exec(folded)?.[0];
    if (words === undefined || unless?.test(folded) === true) continue;
    if (!catalogConcepts(services).has(concept)) return words;
  }
  return undefined;
}

const namedCache = new WeakMap<readonly ServiceEntry[], Map<string, Set<string>>>();

/**
 * Every service `text` names in any of `languages`, whichever stands out or not: an owner's own sentence, each
 * thing of a list too ("Walk-in showers and large jobs are quoted after a visit").
 */
export function servicesNamed(
  text: string,
  services: readonly ServiceEntry[],
  languages: readonly string[],
): Set<string> {
  const cache = namedCache.get(services) ?? new Map<string, Set<string>>();
  namedCache.set(services, cache);
  const key = `${languages.join(',')}\u0000${text}`;
  let named = cache.get(key);
  if (named === undefined) {
    const entries = entriesOfServices(services);
    // the whole, and each thing of a list on its own ("a jump start, a tyre change or opening a locked car")
    const parts = [text, ...text.split(/[,;/()]|\s(?:or|and)\s/u).filter((part) => part.trim() !== '')];
    named = new Set(
      parts.flatMap((part) =>
        languages.flatMap((language) =>
          rankAliases(part, entries, language, { concepts: 'words' }).map((candidate) =>
            candidate.id.replace(KEYWORD_SUFFIX, ''),
          ),
        ),
      ),
    );
    cache.set(key, named);
  }
  return named;
}

/**
 * Two names read over shared words, neither inside the other, name one thing and a part of it: the thing meant
 * is the one holding the phrase's head, which comes last where modifiers come first ("bahçe kapısının motoru",
 * "sliding gate motor": the motor) and first elsewhere ("moteur du portail coulissant"). The other is dropped,
 * so it is no rival either.
 */
function headsName(
  ranked: readonly AliasCandidate[],
  language: string | undefined,
): readonly AliasCandidate[] {
  const [winner] = ranked;
  if (winner === undefined || language === undefined) return ranked;
  const crossing = (a: AliasCandidate, b: AliasCandidate) =>
    a.start < b.start && b.start < a.end && a.end < b.end;
  // a name said as a phrase: its words in a row, in the script it is written in ("kapısının motoru" for "Kapı
  // motoru"; not "kapı kaça çıkar? Motorsuz", nor "class join" read as "गायन क्लास")
  const phrase = (candidate: AliasCandidate) =>
    candidate.end - candidate.start === tokens(candidate.evidence.alias).length &&
    /\p{Script=Latin}/u.test(candidate.evidence.alias) === /\p{Script=Latin}/u.test(candidate.evidence.span);
  if (!phrase(winner)) return ranked;
  const other = ranked.find(
    (candidate) =>
      candidate.id !== winner.id &&
      phrase(candidate) &&
      (crossing(winner, candidate) || crossing(candidate, winner)),
  );
  if (other === undefined) return ranked;
  const [first, last] = winner.start < other.start ? [winner, other] : [other, winner];
  const head = MODIFIER_FIRST.has(language) ? last : first;
  const part = head === winner ? other : winner;
  return [head, ...ranked.filter((candidate) => candidate !== head && candidate !== part)];
}

/**
 * Something that stopped working, in every intake language (folded): "not working", "keeps tripping",
 * "çalışmıyor", "fliegt raus", "ne marche plus", "se me ha ido la luz", "caiu a energia", "mati lampu",
 * "bijli chali gayi", "ما يشتغل".
 */
const MALFUNCTION = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[
    "not working|doesn'?t work|does not work|don'?t work|stopped working|won'?t (?:work|turn on)|isn'?t working|died|dead|keeps? tripping|tripp(?:ed|ing)|no power|power (?:is )?(?:out|off|cut)|power cut|outage|blackout",
    'calismiyor?|calismaz|ariza\\p{L}*|atiyor|atti|elektrik yok|elektrikler gitti|elektrik kesildi|yanmiyor?',
    'funktioniert nicht|geht nicht mehr|springt nicht an|ausgefallen|fallt raus|fliegt (?:\\p{L}+ ){0,4}raus|springt raus|strom (?:ist )?weg|kein strom|stromausfall',
    'ne marche (?:plus|pas)|ne fonctionne (?:plus|pas)|en panne|plus de courant|pas de courant|plus d.?electricite|disjoncte|saute',
    'no funciona|no va|no anda|no arranca|se (?:me |nos )?(?:ha |han )?ido la luz|se fue la luz|sin luz|no hay luz|salta',
    'nao funciona|nao liga|nao arranca|sem luz|sem energia|sem corrente|caiu a (?:energia|luz|corrente)|(?:vai|ir|foi) abaixo|disparou|desarma\\p{L}*|queimou',
    'tidak berfungsi|tak berfungsi|gak nyala|ga nyala|tidak nyala|tak menyala|mati lampu|listrik mati|lampu mati|takde elektrik|terputus',
    'kaam nahi kar (?:raha|rahi)|chal nahi (?:raha|rahi)|bijli (?:nahi|chali gayi|gayi|gai)|काम नहीं कर|बिजली (?:नहीं|चली गई|गई)',
    'عطلان|معطل|ما يشتغل|مايشتغل|ما تشتغل|مش شغال|مو شغال|الكهربا مقطوعه|الكهرباء مقطوعه|انقطعت الكهربا\\p{L}*|طافي\\p{L}*',
  ].join('|')})(?![\\p{L}\\p{N}])`,
  'u',
);
/** An owner's word for fault-finding work in a service's name: "Elektrik arızası", "Störungsdienst", "Dépannage". */
const FAULT_WORK =
  /(?<![\p{L}\p{N}])(?:fault\p{L}*|breakdown\p{L}*|ariza\p{L}*|storung\p{L}*|fehlersuche|panne\p{L}*|depannage|averia\p{L}*|avaria\p{L}*|kerosakan|kerusakan|kharabi|खराबी|عطل|اعطال)/u;

const genericRepair = new WeakMap<readonly ServiceEntry[], string | null>();

/**
 * The one service of a catalog that is fault-finding and repair as such: a name whose work is repair or
 * fault-finding and which names no specific thing ("Fault finding and repairs", "Arıza tespiti ve onarım"; not
 * "Brake repair"). Null when none or several are.
 */
function genericRepairOf(services: readonly ServiceEntry[]): string | null {
  let found = genericRepair.get(services);
  if (found === undefined) {
    const ids = new Set<string>();
    const compiled = compile(services);
    const conceptsOfAlias = (alias: CompiledAlias) =>
      conceptsNeeded(contentWords(alias), alias.language).flatMap((part) => [...part]);
    // the thing two thirds of the catalog's services are done to is the business's own ("Pool repair" at a pool
    // service is its repair as such)
    const servicesOf = new Map<string, Set<string>>();
    for (const alias of compiled)
      for (const concept of conceptsOfAlias(alias))
        servicesOf.set(concept, (servicesOf.get(concept) ?? new Set()).add(alias.id));
    const own = (concept: string) => 3 * (servicesOf.get(concept)?.size ?? 0) >= 2 * services.length;
    for (const alias of compiled) {
      const words = contentWords(alias);
      const concepts = conceptsOfAlias(alias);
      const repair = concepts.includes('repair') || FAULT_WORK.test(words.join(' '));
      if (
        repair &&
        concepts.every((concept) => concept === 'repair' || isWeakConcept(concept) || own(concept))
      )
        ids.add(alias.id);
    }
    found = ids.size === 1 ? ([...ids][0] ?? null) : null;
    genericRepair.set(services, found);
  }
  return found;
}

/**
 * A customer telling what stopped working asks for the business's fault-finding and repair: "sockets died"
 * at an electrician is the repair, not the new sockets a word of the message read; "caiu a energia" names
 * nothing else. A service named by its own words ("the brake repair") stays.
 */
function faultFor(
  text: string,
  services: readonly ServiceEntry[],
  match: CatalogMatch | undefined,
): CatalogMatch | undefined {
  if (match !== undefined && (match.evidence.kind !== 'words' || match.evidence.edits < 2)) return match;
  // what stopped working first: most messages say nothing of it, and the catalog is then never read
  const said = MALFUNCTION.exec(foldText(text).folded);
  if (said === null) return match;
  const repair = genericRepairOf(services);
  if (repair === null || match?.id === repair) return match;
  const alias = compile(services).find((a) => a.id === repair)?.alias ?? repair;
  return {
    id: repair,
    confidence: 0.6,
    evidence: { kind: 'words', alias, language: '*', span: said[0], edits: 3 },
  };
}

/**
 * The service an interactive reply chose: the reply id is `service:<id>` (see {@link serviceReplyId})
 * or the bare service id. Unknown ids are undefined: the id came from the customer's device.
 */
export function serviceFromReply(replyId: string, services: readonly AliasEntry[]): CatalogMatch | undefined {
  const id = replyId.startsWith(SERVICE_REPLY_PREFIX) ? replyId.slice(SERVICE_REPLY_PREFIX.length) : replyId;
  if (!services.some((service) => service.id === id)) return undefined;
  return { id, confidence: 1, evidence: { kind: 'reply', replyId } };
}

/** Per not-offered list, its entries and the things its lists name alone (see {@link listWithItsWork}). */
const notOfferedEntries = new WeakMap<readonly string[], { entries: AliasEntry[]; listed: Set<string> }>();

const COORDINATION = /\s(?:or|and|&|\+|ou|o|oder|veya|atau|dan|et|y|e|und)\s/u;
/**
 * Each thing a coordination names: "live streaming of weddings or events" is "live streaming of weddings" and
 * "live streaming of events" (not "events" alone, which the business may well offer); "snake or wild animal
 * removal" is "snake" (when it stands alone) and "wild animal removal".
 */
function alternativesOf(part: string): string[] {
  const sides = part.split(COORDINATION).map((side) => side.trim().split(/\s+/u).filter(Boolean));
  const isFunction = (word: string | undefined) =>
    word !== undefined && FUNCTION_WORDS.has(tokens(word)[0] ?? '');
  // "clés et serrures de voiture ou de moto": what follows "de" qualifies every thing before it ("clés de
  // voiture"), and a side that begins with it ("de moto") qualifies the thing before it ("serrures de moto")
  const qualifierAt = sides.findIndex((words, i) => i > 0 && words.slice(1).some(isFunction));
  if (qualifierAt > 0) {
    const side = sides[qualifierAt] ?? [];
    const qualifier = side.slice(side.findIndex((word, i) => i > 0 && isFunction(word)));
    return sides.map((words, i) => {
      if (isFunction(words[0]))
        return [...(sides[i - 1] ?? []).filter((w) => !isFunction(w)).slice(0, 1), ...words].join(' ');
      return (i < qualifierAt && words.length === 1 ? [...words, ...qualifier] : words).join(' ');
    });
  }
  if (sides.length !== 2) return sides.map((words) => words.join(' '));
  const [first = [], second = []] = sides;
  if (first.length > 1 && second.length === 1)
    return [first.join(' '), [...first.slice(0, -1), ...second].join(' ')];
  return [first.join(' '), second.join(' ')];
}

/** The work an owner's not-offered item can begin with: what is not done to the things it goes on to list. */
const WORK_CONCEPTS = new Set([
  'repair',
  'install',
  'cleaning',
  'maintenance',
  'assemble',
  'deliver',
  'removal',
  'change',
  'sell',
  'buy',
  'hire',
  'packing',
]);

/**
 * An item whose head is a work done to the things its brackets list ("repairing household appliances
 * (washing machines, fridges)") is that work on each of them: "repairing fridges", not "fridges", which an
 * electrician's customer names in passing ("the fridge is off too"). Other brackets stay as written
 * ("dangerous goods (gas cylinders, fuel)": a gas cylinder is what is not carried).
 */
function examplesWithTheirWork(item: string, listed: Set<string>): string[] {
  const bracket = /^([^()]+)\(([^()]+)\)(.*)$/u.exec(item);
  if (bracket === null) return listWithItsWork(item, listed);
  const [, head = '', inside = '', tail = ''] = bracket;
  const [first] = tokens(head).filter((word) => !FUNCTION_WORDS.has(word));
  if (first === undefined) return [item];
  // a bracket inside the phrase names its words before it, and the rest of the phrase goes with both:
  // "household water tank (tangki air) cleaning" is "tangki air cleaning", and no "cleaning" alone
  if (!isWork(first))
    return tail.trim() === ''
      ? [item]
      : [head, ...inside.split(/[,;/]/u)]
          .map((part) => part.trim())
          .filter((part) => part !== '')
          .map((part) => `${part} ${tail.trim()}`);
  const examples = inside
    .split(/[,;/]|\s(?:or|and)\s/u)
    .map((example) => example.replace(/\b(?:incl|including|e\.g|such as)\.?/giu, '').trim())
    .filter((example) => example.length >= 3);
  return [head.trim(), ...examples.map((example) => `${first} ${example}`), ...(tail.trim() ? [tail] : [])];
}

/** Whether a word is a work an owner's not-offered item can begin with (see {@link WORK_CONCEPTS}). */
function isWork(word: string): boolean {
  return conceptsNeeded([word], '*').some((part) => [...part].some((c) => WORK_CONCEPTS.has(c)));
}

/**
 * An item that begins with a work and goes on to list what it is not done to ("selling fish, arowana or koi")
 * is that work on each of them ("selling koi"), and each thing alone where the business's own services do not
 * name it: "koi" is what every customer of a koi pond builder says. A list whose later things bring their own
 * work ("repairs, installs or removals") stays as written.
 */
function listWithItsWork(item: string, listed: Set<string>): string[] {
  const parts = item.split(',').map((part) => part.trim());
  const [head = '', ...rest] = parts;
  const [work] = tokens(head).filter((word) => !FUNCTION_WORDS.has(word));
  if (rest.length === 0 || work === undefined || !isWork(work)) return [item];
  const things = rest.flatMap((part) => part.split(/\s(?:or|and|ou|o|y|e|et|oder|und|atau|dan|veya)\s/u));
  const short = things.every((thing) => {
    const words = tokens(thing).filter((word) => !FUNCTION_WORDS.has(word));
    return words.length > 0 && words.length <= 2 && !words.some(isWork);
  });
  if (!short) return [item];
  const alone = things.map((thing) => thing.trim());
  for (const thing of alone) listed.add(thing);
  return [head, ...alone.map((thing) => `${work} ${thing}`), ...alone];
}

/**
 * Whether one thing of "car or motorcycle transport" names the item alone: "motorcycle" does (no customer of
 * a tyre shop asks about one for anything it offers), a weak word ("car") does not.
 */
function standsAlone(part: string): boolean {
  const words = tokens(part);
  if (words.length !== 1) return true;
  const concepts = conceptsNeeded(words, '*').flatMap((set) => [...set]);
  return concepts.length === 0 || concepts.some((concept) => !isWeakConcept(concept));
}

/**
 * Evidence edits of a reading through language-neutral concepts rather than the item's own words: a
 * distinctive concept (distinctiveHit, 2) or the concepts of a whole name (conceptHits, 3).
 */
const CONCEPT_READING_EDITS = 2;

/**
 * Whether every word a not-offered item was read from is what one of the business's own services is: an
 * owner who writes "moves to or from cities we do not serve" at a removals firm restates the trade, and a
 * customer's "we're moving from Deira to Mirdif" asks for no such thing. A word the services do not have
 * ("deep" of "deep cleaning" at a firm that cleans) keeps the item.
 */
function ownTrade(span: string, services: readonly ServiceEntry[], language: string | undefined): boolean {
  if (services.length === 0) return false;
  const words = tokens(span).filter((word) => !FUNCTION_WORDS.has(word));
  if (words.length === 0) return false;
  const entries = entriesOfServices(services);
  const owners = conceptOwners(entries);
  const said = conceptsOf(words, language ?? '*');
  // …or a word of a service's own name: "tesisat" at an electrician whose rewiring is "Elektrik tesisatı
  // yenileme" is its wiring, though plumbers say it too
  const named = (word: string) =>
    compile(entries).some((alias) => contentWords(alias).some((own) => sameStem(word, own, false)));
  return words.every((word, i) => [...(said[i] ?? [])].some((concept) => owners.has(concept)) || named(word));
}

/**
 * The thing of a not-offered item named with the word a service's own name puts before it, and not the item's
 * ("our *septic* tank was last cleaned" at a septic service that does no "water tank cleaning"): the service's thing.
 */
function qualifiedAsOwn(
  text: string,
  span: string,
  alias: string,
  services: readonly ServiceEntry[],
): boolean {
  if (services.length === 0) return false;
  const said = tokens(text);
  const head = tokens(span)[0];
  if (head === undefined) return false;
  const item = tokens(alias);
  const names = compile(entriesOfServices(services));
  return said.some((word, i) => {
    const before = said[i - 1];
    if (before === undefined || word !== head || FUNCTION_WORDS.has(before)) return false;
    if (item.some((own) => sameStem(before, own, true))) return false;
    return names.some((name) => {
      const words = contentWords(name);
      return words.some(
        (own, j) => j > 0 && sameStem(word, own, true) && sameStem(before, words[j - 1] ?? '', true),
      );
    });
  });
}

/**
 * A service's word that only says what a not-offered thing is for, beside it ("düğün davetiyesi", "wedding cars",
 * "invitaciones de boda"): the thing is what is asked, not the service. One word, right before the thing or right
 * after it, a function word ("de", "of") between at most.
 */
export function namesWhatItIsFor(text: string, serviceSpan: string, thingSpan: string): boolean {
  const service = tokens(serviceSpan);
  const thing = tokens(thingSpan);
  const [word] = service;
  if (service.length !== 1 || word === undefined || thing.length === 0 || thing.includes(word)) return false;
  const said = tokens(text);
  const near = (from: number, to: number) =>
    to - from === 1 || (to - from === 2 && FUNCTION_WORDS.has(said[from + 1] ?? ''));
  for (let i = 0; i < said.length; i++) {
    if (said[i] !== word) continue;
    for (let j = 0; j + thing.length <= said.length; j++) {
      if (!thing.every((w, k) => said[j + k] === w)) continue;
      if (near(i, j) || near(j + thing.length - 1, i)) return true;
    }
  }
  return false;
}

/** "Store" said of a shop: after an article, a possessive or a kind of shop. */
const A_SHOP =
  /(?<![\p{L}\p{N}])(?:a|an|my|our|the|small|online|retail|convenience|grocery|web|e-?commerce)\s+(?:\p{L}+\s+)?store(?![\p{L}\p{N}])/u;

/**
 * The phrase of the tenant's "not offered" list a message asks for, if any. The owner writes each item
 * as they would describe it ("towing (çekici, Abschleppen)", "car or motorcycle transport"): every name
 * in it is an alias (split at brackets, commas, slashes, "&" and "or"; "selling or buying cars" also as
 * "selling cars" and "buying cars"), matched like a service's names; `byConcepts` when only language-neutral
 * concepts named it, not the item's own words.
 */
export function notOfferedMatch(
  text: string,
  notOffered: readonly string[],
  language?: string,
  services: readonly ServiceEntry[] = [],
): { item: string; byConcepts: boolean; words: number; span: string } | undefined {
  if (notOffered.length === 0) return undefined;
  let read = notOfferedEntries.get(notOffered);
  if (read === undefined) {
    const listed = new Set<string>();
    const entries = notOffered.map((item, i) => ({
      id: String(i),
      names: {
        '*': [
          ...new Set(
            examplesWithTheirWork(item, listed)
              .flatMap((part) => part.split(/[(),/;|•[\]]|\setc\.?/u))
              // each thing of "car or motorcycle transport" alone, and the whole read both ways
              .flatMap((part) => [part, ...alternativesOf(part).filter(standsAlone)])
              .map((part) => part.replace(/\b(?:incl|including|e\.g)\.?/giu, '').trim())
              .filter((part) => part.length >= 3),
          ),
        ],
      },
    }));
    read = { entries, listed };
    notOfferedEntries.set(notOffered, read);
  }
  const { entries, listed } = read;
  const match = matchAlias(text, entries, language, {
    concepts: 'names',
    // "koi" of "selling fish, arowana or koi" at a koi pond builder: its own trade, unless sold ("selling koi")
    admit: (candidate) =>
      !(listed.has(candidate.evidence.alias) && ownTrade(candidate.evidence.span, services, language)),
  });
  if (match === undefined || match.evidence.kind === 'reply') return undefined;
  // "car repair" read as its thing alone is "car": every customer of a driving school or a rental says it
  const { evidence } = match;
  if (evidence.kind === 'words' && evidence.edits < CONCEPT_READING_EDITS && !standsAlone(evidence.span)) {
    const said = tokens(text);
    const span = new Set(tokens(evidence.span));
    const rest = tokens(evidence.alias).filter((word) => !span.has(word));
    if (!rest.some((word) => said.some((w) => sameStem(w, word, true)))) return undefined;
  }
  if (evidence.kind === 'words' && ownTrade(evidence.span, services, language)) return undefined;
  if (evidence.kind === 'words' && qualifiedAsOwn(text, evidence.span, evidence.alias, services))
    return undefined;
  // "a small online store", "my store": a shop, not storing anything
  if (evidence.kind === 'words' && evidence.span === 'store' && A_SHOP.test(foldText(text).folded))
    return undefined;
  const item = notOffered[Number(match.id)];
  if (item === undefined) return undefined;
  return {
    item,
    byConcepts: match.evidence.kind === 'words' && match.evidence.edits >= CONCEPT_READING_EDITS,
    words:
      match.evidence.kind === 'words'
        ? tokens(match.evidence.span).length
        : tokens(match.evidence.alias).length,
    span: match.evidence.span,
  };
}
