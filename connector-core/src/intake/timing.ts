// Preferred timing ("bukra", "besok sore", "kal subah", "tomorrow at 5") → a start instant in the
// tenant's timezone. Our lexicon covers today/tomorrow/day-after/now and times of day in all eight
// intake languages; chrono-node covers the rest (weekdays, dates) for en, es, pt, fr.
import * as chrono from 'chrono-node';
import {
  type FoldedText,
  findPhrases,
  foldText,
  originalSpan,
  type PhraseHit,
  phraseRegExp,
} from './lexicon-match.ts';

export interface TimingContext {
  /** IANA timezone of the tenant, e.g. `Asia/Riyadh`. */
  timezone: string;
  /** The reference instant (the message's timestamp); never read from the clock here. */
  now: Date;
  /** Detected customer language; lexicons of this language and English are used. */
  language?: string;
}

export interface TimingSignal {
  /** Start of the requested window, ISO 8601 with the tenant's UTC offset. */
  iso: string;
  /** The phrase as the customer wrote it. */
  text: string;
  confidence: number;
  source: 'rule';
}

interface DayWord {
  phrase: string;
  /** Days after today, or 'now'. */
  offset: number | 'now';
}

interface PeriodWord {
  phrase: string;
  hour: number;
  /** A bare hour next to this word is afternoon/evening ("5 sore" → 17:00). */
  pm: boolean;
  /** Words like "tonight" also say which day. */
  day?: number;
}

function days(offset: number | 'now', phrases: string[]): DayWord[] {
  return phrases.map((phrase) => ({ phrase, offset }));
}

function periods(hour: number, pm: boolean, phrases: string[], day?: number): PeriodWord[] {
  return phrases.map((phrase) => (day === undefined ? { phrase, hour, pm } : { phrase, hour, pm, day }));
}

// Phrases are written folded (lowercase, no Latin accents, Arabic أ→ا, ة→ه, ى→ي).
// Hindi "kal"/"कल" means both yesterday and tomorrow; a customer asking for a visit means tomorrow.
const DAY_WORDS: Record<string, DayWord[]> = {
  en: [
    ...days('now', ['now', 'right now', 'right away', 'immediately']),
    ...days(0, ['today', 'this afternoon', 'this evening', 'this morning']),
    ...days(1, ['tomorrow', 'tmrw', 'tmr', 'tomoro']),
    ...days(2, ['day after tomorrow', 'the day after tomorrow']),
  ],
  es: [
    ...days('now', ['ahora', 'ahorita', 'ahora mismo']),
    ...days(0, ['hoy', 'esta tarde', 'esta noche']),
    ...days(1, ['manana']),
    ...days(2, ['pasado manana']),
  ],
  pt: [
    ...days('now', ['agora', 'agora mesmo']),
    ...days(0, ['hoje', 'hj']),
    ...days(1, ['amanha']),
    ...days(2, ['depois de amanha']),
  ],
  fr: [
    ...days('now', ['maintenant', 'tout de suite']),
    ...days(0, ["aujourd'hui", 'aujourd hui', 'auj']),
    ...days(1, ['demain']),
    ...days(2, ['apres-demain', 'apres demain']),
  ],
  ar: [
    ...days('now', [
      'الحين',
      'الان',
      'هلق',
      'حالا',
      'دلوقتي',
      'alhin',
      'el7in',
      'dlw2ty',
      'delwa2ty',
      'hala2',
    ]),
    ...days(0, ['اليوم', 'el yom', 'elyom', 'el youm', 'al yom', 'alyom', 'el naharda', 'elnaharda']),
    ...days(1, ['بكره', 'بكرا', 'غدا', 'باكر', 'bukra', 'bokra', 'bukrah', 'bokrah', 'boukra']),
    ...days(2, ['بعد بكره', 'بعد بكرا', 'بعد غد', 'بعد غدا', 'ba3d bukra', 'ba3d bokra', 'b3d bukra']),
  ],
  id: [
    ...days('now', ['sekarang', 'skrg', 'skrng', 'sekarang juga']),
    ...days(0, ['hari ini', 'hr ini', 'nanti']),
    ...days(1, ['besok', 'besuk', 'bsk']),
    ...days(2, ['lusa']),
  ],
  tr: [
    ...days('now', ['simdi', 'hemen', 'su an']),
    ...days(0, ['bugun', 'bu aksam', 'bu sabah']),
    ...days(1, ['yarin']),
    ...days(2, ['obur gun', 'yarindan sonra']),
  ],
  hi: [
    ...days('now', ['अभी', 'abhi', 'abhi ke abhi']),
    ...days(0, ['आज', 'aaj', 'aj']),
    ...days(1, ['कल', 'kal', 'kl']),
    ...days(2, ['परसों', 'parso', 'parson', 'parsoon']),
  ],
};

const PERIOD_WORDS: Record<string, PeriodWord[]> = {
  en: [
    ...periods(9, false, ['morning', 'in the morning']),
    ...periods(14, true, ['afternoon', 'in the afternoon']),
    ...periods(18, true, ['evening', 'in the evening']),
    ...periods(20, true, ['night', 'at night']),
    ...periods(20, true, ['tonight'], 0),
  ],
  es: [
    ...periods(9, false, ['por la manana', 'de la manana', 'en la manana']),
    ...periods(15, true, ['por la tarde', 'de la tarde', 'en la tarde']),
    ...periods(20, true, ['por la noche', 'de la noche', 'en la noche']),
  ],
  pt: [
    ...periods(9, false, ['de manha', 'pela manha', 'manha']),
    ...periods(15, true, ['a tarde', 'de tarde', 'da tarde', 'tarde']),
    ...periods(20, true, ['a noite', 'de noite', 'da noite', 'noite']),
  ],
  fr: [
    ...periods(9, false, ['matin', 'le matin']),
    ...periods(14, true, ['apres-midi', 'apres midi', 'aprem']),
    ...periods(18, true, ['soir', 'le soir']),
    ...periods(18, true, ['ce soir'], 0),
  ],
  ar: [
    ...periods(9, false, ['الصبح', 'الصباح', 'صباحا', 'sob7', 'el sob7', 'elsob7', 'sabah']),
    ...periods(12, true, ['الظهر', 'el dohr', 'el zohr']),
    ...periods(15, true, ['العصر', 'el 3asr']),
    ...periods(18, true, ['المغرب', 'المسا', 'المساء', 'مساء', 'masaa', 'bel leil']),
    ...periods(20, true, ['بالليل', 'الليل']),
    ...periods(20, true, ['الليله'], 0),
  ],
  id: [
    ...periods(9, false, ['pagi']),
    ...periods(12, true, ['siang']),
    ...periods(16, true, ['sore']),
    ...periods(19, true, ['malam']),
  ],
  tr: [
    ...periods(9, false, ['sabah']),
    ...periods(12, true, ['ogle', 'oglen']),
    ...periods(14, true, ['ogleden sonra']),
    ...periods(18, true, ['aksam']),
    ...periods(21, true, ['gece']),
  ],
  hi: [
    ...periods(9, false, ['सुबह', 'subah', 'subha']),
    ...periods(13, true, ['दोपहर', 'dopahar', 'dopehar']),
    ...periods(18, true, ['शाम', 'shaam', 'sham']),
    ...periods(20, true, ['रात', 'raat', 'rat']),
  ],
};

const LEXICON_LANGUAGES = Object.keys(DAY_WORDS);
const CHRONO_LOCALES: Record<string, chrono.Chrono> = {
  en: chrono.en.casual,
  es: chrono.es.casual,
  pt: chrono.pt.casual,
  fr: chrono.fr.casual,
};

// Times: "17:00", "5.30", "17h30", "5pm", "at 5", "a las 5", "jam 5", "saat 5", "الساعه 5", "5 baje".
const CLOCK = /(?<![\p{L}\p{N}])(\d{1,2})(?:[:.h](\d{2}))(?![\p{N}])/u;
const MERIDIEM = /(?<![\p{L}\p{N}])(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)(?![\p{L}])/u;
const FRENCH_HOUR = /(?<![\p{L}\p{N}])(\d{1,2})\s*h(?![\p{L}\p{N}])/u;
const PREFIXED_HOUR =
  /(?<![\p{L}\p{N}])(?:at|around|a las|a la|as|vers|a|jam|pukul|saat|الساعه|الساعة|sa3a|el sa3a)\s+(\d{1,2})(?![\p{N}:.])/u;
const SUFFIXED_HOUR = /(?<![\p{L}\p{N}])(\d{1,2})\s*(?:baje|bje|बजे|de la|da)(?![\p{L}\p{N}])/u;

interface TimeHit extends PhraseHit {
  hour: number;
  minute: number;
  /** am/pm or a 24-hour clock said it; no evening guess needed. */
  explicit: boolean;
}

function findTime(text: FoldedText): TimeHit | undefined {
  const candidates: Array<[RegExp, boolean]> = [
    [MERIDIEM, true],
    [CLOCK, false],
    [FRENCH_HOUR, false],
    [PREFIXED_HOUR, false],
    [SUFFIXED_HOUR, false],
  ];
  for (const [pattern, isMeridiem] of candidates) {
    const match = pattern.exec(text.folded);
    if (!match) continue;
    let hour = Number(match[1]);
    const minute = match[2] ? Number(match[2]) : 0;
    if (hour > 23 || minute > 59) continue;
    let explicit = hour >= 13 || hour === 0;
    if (isMeridiem) {
      const pm = (match[3] ?? '').startsWith('p');
      if (hour > 12) continue;
      hour = (hour % 12) + (pm ? 12 : 0);
      explicit = true;
    }
    if (!isMeridiem && match[2] !== undefined && hour >= 10) explicit = true;
    const start = match.index;
    const end = start + match[0].length;
    return { start, end, text: '', hour, minute, explicit };
  }
  return undefined;
}

function lexiconFor(language: string | undefined): string[] {
  if (language === undefined || !LEXICON_LANGUAGES.includes(language)) return LEXICON_LANGUAGES;
  return language === 'en' ? ['en'] : [language, 'en'];
}

const DAY_REGEX = new Map<string, RegExp>();
const PERIOD_REGEX = new Map<string, RegExp>();
function cached<T extends { phrase: string }>(
  cache: Map<string, RegExp>,
  table: Record<string, T[]>,
  languages: string[],
): { regex: RegExp; entries: Map<string, T> } {
  const key = languages.join(',');
  const entries = new Map<string, T>();
  for (const language of languages)
    for (const entry of table[language] ?? []) entries.set(entry.phrase, entry);
  let regex = cache.get(key);
  if (!regex) {
    regex = phraseRegExp([...entries.keys()]);
    cache.set(key, regex);
  }
  return { regex, entries };
}

/** Finds the lexicon entry behind a hit by re-testing each phrase against the matched text. */
function entryOf<T extends { phrase: string }>(hit: string, entries: Map<string, T>): T | undefined {
  const folded = foldText(hit).folded.replace(/[\s-]+/g, ' ');
  return entries.get(folded) ?? entries.get(folded.replace(/^[وفب]/u, ''));
}

// ---- timezone arithmetic (Intl only; no clock) ----

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
function localParts(instant: Date, timezone: string): LocalParts {
  let formatter = FORMATTERS.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    FORMATTERS.set(timezone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function offsetMinutes(instant: Date, timezone: string): number {
  const p = localParts(instant, timezone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant at local wall-clock time in `timezone` (day overflow allowed: day 32 → next month). */
function zonedInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timezone: string,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetMinutes(new Date(wall), timezone) * 60_000;
  const second = wall - offsetMinutes(new Date(first), timezone) * 60_000;
  return new Date(second);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** ISO 8601 with the timezone's offset at that instant, e.g. `2026-03-12T17:00:00+03:00`. */
export function formatInTimezone(instant: Date, timezone: string): string {
  const p = localParts(instant, timezone);
  const offset = offsetMinutes(instant, timezone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function span(text: FoldedText, hits: Array<{ start: number; end: number } | undefined>): string {
  const present = hits.filter((hit): hit is { start: number; end: number } => hit !== undefined);
  const start = Math.min(...present.map((hit) => hit.start));
  const end = Math.max(...present.map((hit) => hit.end));
  return originalSpan(text, start, end);
}

function fromLexicon(text: FoldedText, context: TimingContext): TimingSignal | undefined {
  const languages = lexiconFor(context.language);
  const periodTable = cached(PERIOD_REGEX, PERIOD_WORDS, languages);
  const periodHit = findPhrases(text, periodTable.regex)[0];
  const period = periodHit ? entryOf(periodHit.text, periodTable.entries) : undefined;
  // Blank the period phrase so "por la mañana" is not also read as "mañana" (tomorrow).
  const masked: FoldedText = periodHit
    ? {
        ...text,
        folded:
          text.folded.slice(0, periodHit.start) +
          ' '.repeat(periodHit.end - periodHit.start) +
          text.folded.slice(periodHit.end),
      }
    : text;
  const dayTable = cached(DAY_REGEX, DAY_WORDS, languages);
  const dayHit = findPhrases(masked, dayTable.regex)[0];
  const day = dayHit ? entryOf(dayHit.text, dayTable.entries) : undefined;
  const time = findTime(masked);
  if (!day && !period && !time) return undefined;

  const now = context.now;
  if (day?.offset === 'now' && !time && !period) {
    return {
      iso: formatInTimezone(now, context.timezone),
      text: span(text, [dayHit]),
      confidence: 0.85,
      source: 'rule',
    };
  }

  const today = localParts(now, context.timezone);
  let offset = typeof day?.offset === 'number' ? day.offset : (period?.day ?? 0);
  let hour: number | undefined = period?.hour;
  let minute = 0;
  if (time) {
    hour = time.hour;
    minute = time.minute;
    if (!time.explicit && time.hour < 12) {
      // A bare hour: the period word decides; otherwise 1–7 are business-hours afternoons.
      if (period?.pm || (!period && time.hour >= 1 && time.hour <= 7)) hour = time.hour + 12;
    }
  }

  let start: Date;
  if (hour === undefined) {
    const midnight = zonedInstant(today.year, today.month, today.day + offset, 0, 0, context.timezone);
    start = midnight.getTime() > now.getTime() ? midnight : now;
  } else {
    start = zonedInstant(today.year, today.month, today.day + offset, hour, minute, context.timezone);
    // "at 5" with no day, already past today → tomorrow.
    if (!day && period?.day === undefined && start.getTime() <= now.getTime()) {
      offset += 1;
      start = zonedInstant(today.year, today.month, today.day + offset, hour, minute, context.timezone);
    }
  }
  const parts = [day ? 1 : 0, period ? 1 : 0, time ? 1 : 0].reduce((a, b) => a + b, 0);
  const confidence = parts >= 2 ? 0.85 : day ? 0.75 : time ? 0.7 : 0.6;
  return {
    iso: formatInTimezone(start, context.timezone),
    text: span(text, [dayHit, periodHit, time]),
    confidence,
    source: 'rule',
  };
}

function fromChrono(text: string, context: TimingContext): TimingSignal | undefined {
  const parser = CHRONO_LOCALES[context.language ?? 'en'];
  if (!parser) return undefined;
  const reference = { instant: context.now, timezone: offsetMinutes(context.now, context.timezone) };
  const result = parser.parse(text, reference, { forwardDate: true })[0];
  if (!result) return undefined;
  const c = result.start;
  const year = c.get('year') ?? 0;
  const month = c.get('month') ?? 1;
  const dayOfMonth = c.get('day') ?? 1;
  let start: Date;
  if (c.isCertain('hour')) {
    start = zonedInstant(year, month, dayOfMonth, c.get('hour') ?? 0, c.get('minute') ?? 0, context.timezone);
  } else {
    const midnight = zonedInstant(year, month, dayOfMonth, 0, 0, context.timezone);
    start = midnight.getTime() > context.now.getTime() ? midnight : context.now;
  }
  return {
    iso: formatInTimezone(start, context.timezone),
    text: result.text,
    confidence: 0.7,
    source: 'rule',
  };
}

/**
 * Extracts the customer's preferred timing from one message. Day-only phrases start at local
 * midnight of that day (or now, for today); bare hours 1–7 are read as p.m. unless a morning word
 * says otherwise; an hour already past today moves to tomorrow.
 */
export function extractTiming(text: string, context: TimingContext): TimingSignal | undefined {
  const folded = foldText(text);
  return fromLexicon(folded, context) ?? fromChrono(text, context);
}
