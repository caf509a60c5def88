// Folding text so that the spellings customers actually type compare equal to the tenant's aliases:
// case, Latin diacritics, Arabic letter variants and harakat, non-ASCII digits, punctuation, and
// Arabizi (Arabic written in Latin letters with digits for the sounds Latin lacks). Both sides of a
// match go through the same folding, so it may lose information as long as it loses it consistently.

/** Digit blocks folded to ASCII: Arabic-Indic, Extended Arabic-Indic (Persian/Urdu), Devanagari. */
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x0966];

/**
 * Letters folded to one spelling. Arabic hamza carriers (أ إ آ ؤ ئ) are also decomposed by NFKD and
 * lose their hamza with the marks below; they are listed so the intent is visible in one place.
 */
const LETTER_FOLDS: Record<string, string> = {
  // Arabic alef variants → bare alef (ٱ wasla does not decompose under NFKD)
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  // alef maqsura and Persian yeh → yeh; hamza on yeh/waw → the bare letter
  ى: 'ي',
  ی: 'ي',
  ئ: 'ي',
  ؤ: 'و',
  // taa marbuta is written as haa by many (جدة / جده)
  ة: 'ه',
  ۀ: 'ه',
  // Persian keheh → kaf
  ک: 'ك',
  // Turkish dotless i: customers on foreign keyboards type i (klima, kılıma); İ decomposes to i + dot
  ı: 'i',
  // Latin letters NFKD keeps whole
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ł: 'l',
  // Devanagari chandrabindu and anusvara are used interchangeably in informal Hindi
  'ँ': 'ं',
};

const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');

/**
 * Marks removed after NFKD: Latin/Greek/Cyrillic combining diacritics, Arabic harakat, superscript alef
 * and Quranic marks, tatweel, the Devanagari nukta (ज़ / ज are interchangeable in typed Hindi), and
 * invisible joiners and direction marks. Devanagari vowel signs are kept: they are letters there.
 */
const REMOVED_MARKS =
  /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u093c\u200b-\u200f\u061c\u2060\ufeff]/gu;

const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

/** Answers kept per input, at most this many (then forgotten all at once): characters and words repeat. */
const REMEMBERED_MAX = 50_000;

/**
 * A pure string function that keeps its answers, at most `max` of them (then forgets them all at once): every
 * message folds the same characters and compares the same catalog names again, which cost a turn more than
 * anything else it computes. An answer is shared with the next caller asking the same: read it, never change it.
 */
export function remembered<T>(compute: (input: string) => T, max = REMEMBERED_MAX): (input: string) => T {
  const answers = new Map<string, T>();
  return (input) => {
    if (answers.has(input)) return answers.get(input) as T;
    const answer = compute(input);
    if (answers.size >= max) answers.clear();
    answers.set(input, answer);
    return answer;
  };
}

function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f]/gu, (digit) => {
    const code = digit.codePointAt(0) ?? 0;
    const zero = DIGIT_ZEROS.find((start) => code >= start && code <= start + 9) ?? code;
    return String(code - zero);
  });
}

/**
 * One character folded for comparison: NFKD, lowercase, diacritics and Arabic harakat/tatweel removed,
 * letter variants unified (see {@link LETTER_FOLDS}), non-ASCII digits to ASCII. '' for a character
 * that is only a mark. The lexicon rules fold character by character to quote the customer's words back.
 */
export const foldChar = remembered((ch: string): string =>
  asciiDigits(ch.normalize('NFKD').toLowerCase())
    .replace(FOLDABLE, (letter) => LETTER_FOLDS[letter] ?? letter)
    .replace(REMOVED_MARKS, '')
    .normalize('NFC'),
);

/**
 * Folds text for comparison: every character through {@link foldChar}, then runs of punctuation and
 * whitespace to one space. `São Paulo` → `sao paulo`, `جِدَّة` → `جده`, `٣` → `3`.
 */
export function normalizeForMatch(text: string): string {
  let folded = '';
  for (const ch of text) folded += foldChar(ch);
  return folded.normalize('NFC').replace(NOT_WORD, ' ').trim();
}

/** The folded words of `text`, in order. */
export function tokens(text: string): string[] {
  const folded = normalizeForMatch(text);
  return folded === '' ? [] : folded.split(' ');
}

/**
 * Arabizi digits and the Latin letters they stand for. Only the five near-universal ones are mapped:
 * 2 (ء hamza) and 3 (ع ain) become `a`, the vowel that usually surrounds them in romanized aliases;
 * 5 (خ) → `kh`, 7 (ح) → `h`, 9 (ق/ص) → `q`. 6 (ط) and 8 (غ) are regional and rare, and mapping them
 * would garble ordinary numbers, so they stay digits.
 */
const ARABIZI_LETTERS: Record<string, string> = { '2': 'a', '3': 'a', '5': 'kh', '7': 'h', '9': 'q' };

/** A number with a unit or ordinal suffix (`5pm`, `2nd`, `3km`), which is not Arabizi. */
const NUMBER_WITH_UNIT = /^\d+(?:am|pm|st|nd|rd|th|h|hr|hrs|k|km|m|min|mins|x)$/;

/**
 * A model number or an error code, which mixes letters and digits as Arabizi does: "E24", "S23", "A52s", "F2",
 * "3D", "5G".
 */
export const PRODUCT_CODE = /^(?:[a-z]{1,3}\d{2,}[a-z]?|[a-z]\d|\d+(?:[a-z]|gb|tb|mb|hz|px))$/u;

/** True for a folded token that mixes Latin letters with Arabizi digits (`7amam`, `3ayez`, `ta5ir`). */
export function isArabizi(token: string): boolean {
  return (
    /^[a-z0-9]+$/.test(token) &&
    /[a-z]/.test(token) &&
    /[23579]/.test(token) &&
    !NUMBER_WITH_UNIT.test(token) &&
    !PRODUCT_CODE.test(token)
  );
}

/**
 * Rewrites the Arabizi words of `text` in plain Latin (`7amam` → `hamam`, `3ayez` → `aayez`) so that
 * romanized aliases (`hammam`) match with ordinary typo tolerance; other words are folded but kept.
 */
export function arabiziToLatin(text: string): string {
  return tokens(text)
    .map((token) =>
      isArabizi(token) ? token.replace(/[23579]/g, (digit) => ARABIZI_LETTERS[digit] ?? digit) : token,
    )
    .join(' ');
}

/** Arabic proclitics (and, so, with/in, for, like, the) in the order they stack, longest first. */
const ARABIC_PREFIXES = ['وبال', 'وال', 'بال', 'فال', 'كال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل', 'ك'];
const ARABIC_WORD = /^[\u0621-\u064a]+$/u;

/**
 * The stems a folded Arabic word may have once its attached proclitics are removed: `بالرياض` →
 * `[الرياض, رياض]`, `للتنظيف` → `[تنظيف]`. Stems shorter than three letters are not produced, so short
 * words are not stripped into something else. Non-Arabic words have no stems.
 */
export function arabicStems(token: string): string[] {
  if (!ARABIC_WORD.test(token)) return [];
  const stems = new Set<string>();
  for (const prefix of ARABIC_PREFIXES) {
    if (token.startsWith(prefix) && token.length - prefix.length >= 3) stems.add(token.slice(prefix.length));
  }
  return [...stems];
}

/**
 * Patterns of Arabic verbs and verbal nouns over a three-letter root: the verbal noun "تبديل" (changing), a
 * present tense "نبدل", "يبدل", Darija "كنبدل", and the tenth form "استأجر", "استئجار" (to rent, renting).
 */
const ARABIC_ROOT_PATTERNS = [
  /^ت(.)(.)ي(.)$/u,
  /^(?:ن|ي|ت|ا)(.)(.)(.)$/u,
  /^(?:كن|كي|كت|كا|بن|بي|بت|تن)(.)(.)(.)$/u,
  /^(?:است|نست|يست|تست|ست)(.)(.)(.)$/u,
  /^است(.)(.)ا(.)$/u,
];

/**
 * The three root letters an Arabic verb or verbal noun is built on, when a pattern tells them: "نبدل", "يبدل"
 * and "تبديل" are all ب-د-ل; "تأجير", "استأجر" and "استئجار" ا-ج-ر. Proclitics and the article are stripped
 * first; hamza is read as alif. Undefined for a word no pattern fits.
 */
export function arabicRoot(token: string): string | undefined {
  if (!ARABIC_WORD.test(token)) return undefined;
  for (const candidate of [token, ...arabicStems(token)]) {
    const plain = candidate.replace(/[أإآئؤء]/gu, 'ا');
    for (const pattern of ARABIC_ROOT_PATTERNS) {
      const match = pattern.exec(plain);
      if (match !== null) return `${match[1]}${match[2]}${match[3]}`;
    }
  }
  return undefined;
}

/** Endings of an Arabic verb's person and object ("ينقلون", "تغسلو", "نقلناها"), longest first. */
const ARABIC_VERB_SUFFIXES = ['ونها', 'وها', 'ون', 'وا', 'ين', 'نا', 'ها', 'هم', 'كم', 'و', 'ه', 'ك'];

/**
 * The roots an Arabic verb as a customer writes it may have, with its person or object ending ("ينقلون",
 * "تغسلو ليا", "نغلفها"): {@link arabicRoot} of the word without such an ending, then of the word as written
 * ("تنظفو" is ن-ظ-ف, not ظ-ف-و).
 */
export function arabicVerbRoots(token: string): string[] {
  const roots = new Set<string>();
  for (const suffix of ARABIC_VERB_SUFFIXES) {
    if (!token.endsWith(suffix) || token.length - suffix.length < 4) continue;
    const root = arabicRoot(token.slice(0, -suffix.length));
    if (root !== undefined) roots.add(root);
  }
  const root = arabicRoot(token);
  if (root !== undefined) roots.add(root);
  return [...roots];
}

/** Arabic letters as the Latin consonants romanizations write them; vowels and weak letters drop. */
const ARABIC_CONSONANTS: Record<string, string> = {
  ب: 'b',
  ت: 't',
  ث: 't',
  ج: 'j',
  ح: 'h',
  خ: 'K',
  د: 'd',
  ذ: 'd',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'S',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  غ: 'G',
  ف: 'f',
  ق: 'k',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
};
/** Latin spellings of one Arabic sound, longest first, and the sounds romanizations write alike. */
const LATIN_CONSONANTS: Array<[RegExp, string]> = [
  [/sh|ch/gu, 'S'],
  [/kh/gu, 'K'],
  [/gh/gu, 'G'],
  [/th/gu, 't'],
  [/dh|dj/gu, 'd'],
  [/[qc]/gu, 'k'],
  [/g/gu, 'j'],
  [/p/gu, 'b'],
  [/v/gu, 'f'],
  [/[aeiouyw]/gu, ''],
];

/**
 * Devanagari consonants as {@link LATIN_CONSONANTS} leaves their romanization ("इंदिरानगर" and "Indiranagar" →
 * `ndrnjr`): aspirates as their plain letter, the nasal sign as n, a nukta's letter as the sound it makes;
 * vowels, vowel signs and the virama drop.
 */
const DEVANAGARI_CONSONANTS: Readonly<Record<string, string>> = Object.fromEntries(
  [...'कखगघङचछजझञटठडढणतथदधनपफबभमरलवशषसहंँ'].map((letter, i) => [
    letter,
    'kKjGnSSjjnttddnttddnbfbbmrlfSSshnn'[i] ?? '',
  ]),
);
/** Letters with a nukta, as the sound they make: "ज़" is z, "फ़" f, "ड़" r. */
const NUKTA_CONSONANTS: Readonly<Record<string, string>> = {
  क: 'k',
  ख: 'K',
  ग: 'G',
  ज: 'z',
  ड: 'r',
  ढ: 'r',
  फ: 'f',
};

/**
 * The consonants of a folded word in one Latin spelling, so an Arabic-script or Devanagari name and its
 * romanization compare ("البرشا" and "Al Barsha" → `lbrS`, "مردف" and "Mirdif" → `mrdf`, "इंदिरानगर" and
 * "Indiranagar" → `ndrnjr`). A final taa marbuta and doubled letters drop. Undefined for a word in another
 * script.
 */
export const consonantSkeleton = remembered((folded: string): string | undefined => {
  const word = folded.replaceAll(' ', '');
  let out: string;
  if (/^[\u0621-\u064a]+$/u.test(word)) {
    out = [...word.replace(/ه$/u, '')].map((letter) => ARABIC_CONSONANTS[letter] ?? '').join('');
  } else if (/^[a-z]+$/u.test(word)) {
    out = LATIN_CONSONANTS.reduce((text, [from, to]) => text.replace(from, to), word);
  } else if (/^[\u0900-\u097f]+$/u.test(word)) {
    const letters = [...word.normalize('NFD')];
    out = letters
      .map((letter, i) =>
        letters[i + 1] === '\u093c'
          ? (NUKTA_CONSONANTS[letter] ?? '')
          : (DEVANAGARI_CONSONANTS[letter] ?? ''),
      )
      .join('');
  } else return undefined;
  return out.replace(/(.)\1+/gu, '$1');
});

/**
 * Malay and Indonesian as typed in chat, in full: "nk pndah umah dr gelugor bln dpn" is "nak pindah rumah dari
 * gelugor bulan depan". Only the well-known short forms; each is a word of its own, never part of one.
 */
const CHAT_SHORT_FORMS: Readonly<Record<string, string>> = {
  yg: 'yang',
  dgn: 'dengan',
  utk: 'untuk',
  tdk: 'tidak',
  sy: 'saya',
  sya: 'saya',
  dr: 'dari',
  dri: 'dari',
  tp: 'tapi',
  tpi: 'tapi',
  jg: 'juga',
  sdh: 'sudah',
  udh: 'udah',
  blm: 'belum',
  bs: 'bisa',
  bsa: 'bisa',
  blh: 'boleh',
  bleh: 'boleh',
  leh: 'boleh',
  brp: 'berapa',
  brapa: 'berapa',
  bpe: 'berapa',
  hrg: 'harga',
  rmh: 'rumah',
  umah: 'rumah',
  pndah: 'pindah',
  pindh: 'pindah',
  pndh: 'pindah',
  nk: 'nak',
  ad: 'ada',
  kls: 'kelas',
  xde: 'takde',
  xda: 'takde',
  xleh: 'tak boleh',
  bln: 'bulan',
  dpn: 'depan',
  mgg: 'minggu',
  mggu: 'minggu',
  skrg: 'sekarang',
  skrng: 'sekarang',
  skrang: 'sekarang',
  bsk: 'besok',
  besuk: 'besok',
  esk: 'esok',
  ptg: 'petang',
  mlm: 'malam',
  tmpt: 'tempat',
  krn: 'karena',
  krna: 'karena',
  sbb: 'sebab',
  lg: 'lagi',
  lgi: 'lagi',
  jgn: 'jangan',
  tlg: 'tolong',
  brg: 'barang',
  brang: 'barang',
  org: 'orang',
  dlm: 'dalam',
  msh: 'masih',
  gmn: 'gimana',
  gmna: 'gimana',
  knp: 'kenapa',
  bbrp: 'beberapa',
  sblm: 'sebelum',
  stlh: 'setelah',
  nnt: 'nanti',
  ntr: 'nanti',
  bnyk: 'banyak',
  byk: 'banyak',
  mcm: 'macam',
  kpd: 'kepada',
  jd: 'jadi',
  jdi: 'jadi',
  dlu: 'dulu',
  kete: 'kereta',
  krete: 'kereta',
  pjbt: 'pejabat',
  kntr: 'kantor',
};
const CHAT_WORD = /(?<![\p{L}\p{N}])\p{L}+(?![\p{L}\p{N}])/gu;

/** `text` with the chat short forms of Malay and Indonesian written in full; other languages as they are. */
export function inFull(text: string, language: string): string {
  if (language !== 'ms' && language !== 'id') return text;
  return text.replace(CHAT_WORD, (word) => CHAT_SHORT_FORMS[word.toLowerCase()] ?? word);
}
