// Intake-internal: folds customer text for lexicon matching with the same per-character folding as alias
// matching (text-normalize.ts), keeping a map back to the original characters so a rule can quote the
// customer's own words. Private to the rule extractors; not part of the public API.
import { foldChar, remembered } from './text-normalize.ts';

/** Text folded for matching, with `origin[i]` = index in the original of folded char `i`. */
export interface FoldedText {
  folded: string;
  origin: number[];
  original: string;
}

/** Texts whose folding is kept: a turn's message is folded again by every lexicon that reads it (30 times a turn). */
const RECENT_FOLDS = 16;

/**
 * The text folded as {@link foldChar} does, keeping the origin of every folded char. The answer is shared with
 * the next caller folding the same text: read it, never change it.
 */
export const foldText: (text: string) => FoldedText = remembered(foldTextOnce, RECENT_FOLDS);

function foldTextOnce(text: string): FoldedText {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const ch of text) {
    const out = foldChar(ch);
    for (let i = 0; i < out.length; i++) origin.push(index);
    folded += out;
    index += ch.length;
  }
  return { folded, origin, original: text };
}

/** The original substring behind folded range [start, end). */
export function originalSpan(text: FoldedText, start: number, end: number): string {
  if (end <= start) return '';
  const from = text.origin[start] ?? 0;
  const lastOrigin = text.origin[end - 1] ?? from;
  const last = text.original.codePointAt(lastOrigin) ?? 0;
  let to = lastOrigin + (last > 0xffff ? 2 : 1);
  // Keep marks that folded to nothing (tanween in "غداً", a combining accent) with their word.
  while (to < text.original.length && foldChar(text.original[to] ?? '') === '') to++;
  return text.original.slice(from, to).trim();
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const ARABIC_START = /^[\u0600-\u06ff]/;

/**
 * A whole-word pattern for a lexicon phrase written in folded form. Spaces match any run of
 * spaces or hyphens; Arabic phrases also match with an attached "و"/"ف"/"ب" prefix, and a bare noun of four
 * letters or more with the article.
 */
export function phrasePattern(phrase: string): string {
  return `(?<![\\p{L}\\p{N}\\p{M}])${phraseBody(phrase)}(?![\\p{L}\\p{N}\\p{M}])`;
}

/** A phrase's pattern without its word boundaries. */
function phraseBody(phrase: string): string {
  return `${PREFIX[prefixOf(phrase)]}${bareBody(phrase)}`;
}

function bareBody(phrase: string): string {
  return phrase
    .split(' ')
    .map((part) => escapeRegExp(part))
    .join('[\\s-]+');
}

/**
 * What an Arabic phrase may have joined before it: "و"/"ف"/"ب", and the article on a noun the lexicon writes
 * bare ("فرانشايز" is "الفرانشايز", "بالفرانشايز"); nothing before any other phrase.
 */
const PREFIX = { none: '', arabic: '(?:[وفب])?', article: '(?:[وفب]?ال|لل|[وفب])?' } as const;
function prefixOf(phrase: string): keyof typeof PREFIX {
  if (!ARABIC_START.test(phrase)) return 'none';
  return !phrase.startsWith('ال') && (phrase.split(' ')[0]?.length ?? 0) >= 4 ? 'article' : 'arabic';
}

/**
 * One regular expression matching any phrase in the list, longest phrases first. The word boundaries are
 * checked once around the alternation, not once per phrase: a lexicon of hundreds of phrases scans a message
 * several times faster, and a phrase that fails the boundary still gives way to a shorter one.
 */
export function phraseRegExp(phrases: readonly string[], ending?: (phrase: string) => string): RegExp {
  const sorted = [...new Set(phrases)].sort((a, b) => b.length - a.length);
  // each kind of prefix once before its phrases: an optional group before every one of hundreds of
  // alternatives would cost every scan
  const groups = new Map<keyof typeof PREFIX, string[]>();
  for (const phrase of sorted) {
    const kind = prefixOf(phrase);
    groups.set(kind, [...(groups.get(kind) ?? []), bareBody(phrase) + (ending?.(phrase) ?? '')]);
  }
  const alternatives = [...groups].map(([kind, bodies]) => `${PREFIX[kind]}(?:${bodies.join('|')})`);
  return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}\\p{M}])`, 'gu');
}

/** Shortest last word a phrase must end with to take an inflectional ending: short words would collide. */
const INFLECTED_MIN_CHARS = 4;
/**
 * The endings a phrase's last word may take in a language, as a pattern: Turkish case and possessive endings
 * ("hayal kırıklığı|na uğradım"), Romance gender and number ("déçu|e", "péssimo|s"), German adjective endings
 * ("enttäuscht|e"), Malay and Indonesian enclitics ("kecewa|nya") and words said twice ("muntah|2"). A lexicon
 * written in dictionary form then matches what customers write.
 */
export function inflectionOf(language: string): ((phrase: string) => string) | undefined {
  const ending = INFLECTIONS[language];
  if (ending === undefined) return undefined;
  return (phrase) => {
    const last = phrase.split(' ').at(-1) ?? '';
    if (!/^\p{Script=Latin}+$/u.test(last) || last.length < INFLECTED_MIN_CHARS) return '';
    const other = language === 'tr' ? OTHER_WORDS_AFTER[last] : undefined;
    return other === undefined ? ending : `(?!${other})${ending}`;
  };
}
/**
 * Turkish endings that make another word of a stem once folded: "acil" (urgent) is not "açılış" (an opening)
 * nor "acılı" (spicy).
 */
const OTHER_WORDS_AFTER: Record<string, string> = { acil: 'is|i(?!\\p{L})' };
const INFLECTIONS: Record<string, string> = {
  tr: '(?:\\p{L}{1,6})?',
  es: '(?:a|as|os|s|es)?',
  pt: '(?:a|as|os|s|es)?',
  fr: '(?:e|es|s)?',
  de: '(?:e|en|er|es|em)?',
  // …and a word said twice, written "muntah2" or "muntah-muntah"
  id: '(?:nya|lah|kah|2|-\\p{L}+)?',
  ms: '(?:nya|lah|kah|2|-\\p{L}+)?',
};

export interface PhraseHit {
  start: number;
  end: number;
  /** The phrase as the customer wrote it. */
  text: string;
}

/**
 * Every match of the global `regex` in `text`, as `text.matchAll(regex)` finds them. matchAll copies the
 * expression on every call, and V8 initialises each copy anew: for a lexicon's alternation of hundreds of
 * phrases that cost more than the search itself (5 % of a busy worker's turns). This searches with `regex`
 * itself and leaves its `lastIndex` as it found it.
 */
export function allMatches(regex: RegExp, text: string): RegExpExecArray[] {
  if (!regex.global) throw new TypeError(`allMatches needs a global expression: ${regex}`);
  const from = regex.lastIndex;
  const matches: RegExpExecArray[] = [];
  try {
    for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
      matches.push(match);
      // an empty match moves on by one character (a code point with the `u` flag), as matchAll does
      if (match[0] === '')
        regex.lastIndex = nextIndex(text, regex.lastIndex, regex.unicode || regex.flags.includes('v'));
    }
  } finally {
    regex.lastIndex = from;
  }
  return matches;
}

function nextIndex(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const high = text.charCodeAt(index);
  const low = text.charCodeAt(index + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? index + 2 : index + 1;
}

/** Every non-overlapping hit of `regex` in the folded text. */
export function findPhrases(text: FoldedText, regex: RegExp): PhraseHit[] {
  const hits: PhraseHit[] = [];
  for (const match of allMatches(regex, text.folded)) {
    const start = match.index;
    const end = start + match[0].length;
    hits.push({ start, end, text: originalSpan(text, start, end) });
  }
  return hits;
}
