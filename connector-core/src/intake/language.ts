// Offline language detection for intake: script checks first (Arabic, Devanagari), then lexicons for
// the romanized forms n-gram detectors misread (Arabizi, Hinglish), then eld restricted to the
// languages Leadwire supports. Short or ambiguous chats fall back to the phone country's language.
import eldMedium from 'eld/medium';
import { languageOfCountry } from './phone-country.ts';
import { inFull, PRODUCT_CODE } from './text-normalize.ts';

export const SUPPORTED_LANGUAGES = ['en', 'es', 'pt', 'ar', 'id', 'ms', 'fr', 'tr', 'hi', 'de'] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];

export interface LanguageHints {
  /** ISO alpha-2 country of the customer's phone (see `countryOfPhone`). */
  phoneCountry?: string;
  /** The tenant's default language, used when nothing else decides. Default `en`. */
  fallback?: string;
}

export interface LanguageSignal {
  language: string;
  confidence: number;
  source: 'rule';
}

// eld tells Malay from Indonesian poorly on chat-length text: the words only one of them uses decide
// (MALAY_WORDS, INDONESIAN_WORDS), eld only when neither shows.
const detector = eldMedium.newInstance();
detector.setLanguageSubset([...SUPPORTED_LANGUAGES]);
const ELD_MAP: Record<string, SupportedLanguage> = Object.fromEntries(
  SUPPORTED_LANGUAGES.map((language) => [language, language]),
);

// Everyday words of one of the two standard languages and not (or rarely) of the other.
const MALAY_WORDS: Record<string, number> = Object.fromEntries(
  [
    'nak',
    'tak',
    'boleh',
    'awak',
    'pejabat',
    'bila',
    'sebab',
    'macam',
    'percuma',
    'sahaja',
    'esok',
    'lori',
    'kedai',
    'sila',
    'encik',
    'cik',
    'puan',
    'jom',
    'kat',
    'je',
    'sikit',
    'petang',
    'isnin',
    'khamis',
    'jumaat',
    'ahad',
    'dah',
    'mahu',
    'kereta',
    'wang',
    'ni',
    'tu',
    'lah',
    'tengah',
    'bilik',
    'rosak',
    'cuti',
    'hantar',
    'tolonglah',
    'betul',
    'sekejap',
    'kenapa',
    'bulan',
    'minggu',
    'perabot',
    'barang',
    // words of things and institutions where the two standards differ (Indonesian in brackets)
    'aircond', // (AC)
    'almari', // (lemari)
    'tandas', // (toilet, WC)
    'hospital', // (rumah sakit)
    'doktor', // (dokter)
    'telefon', // (telepon)
    'nombor', // (nomor)
    'tarikh', // (tanggal)
    'bahagian', // (bagian)
    'kerana', // (karena)
    'yuran', // (biaya)
    'peperiksaan', // (ujian)
    'tuisyen', // (les)
    'basikal', // (sepeda)
    'teksi', // (taksi)
    'bandar', // (kota)
    'hadapan', // (depan)
    'faham', // (paham)
    'beritahu', // (kasih tahu)
    'bagitau',
    'takde',
    'tiada',
    'korang', // (kalian)
    'camne',
    'seronok',
    'penat',
    'ringgit',
    'tempah', // (pesan)
    'tempahan',
    'majlis', // (acara)
    'kenduri',
    'takpe',
    // chat spellings of Malay ("nk tnya bole x dtg umah", "pon ok, xde hal")
    'bole',
    'xde',
    'pon',
    'nk',
    'umah',
    'perkhidmatan', // (layanan)
    'pangsapuri', // (apartemen)
    'konvokesyen', // (wisuda)
    'pertunangan', // (lamaran)
  ].map((word) => [word, ['bulan', 'minggu', 'barang', 'kenapa', 'betul'].includes(word) ? 0 : 1]),
);
const INDONESIAN_WORDS: Record<string, number> = Object.fromEntries(
  [
    'mau',
    'nggak',
    'gak',
    'ga',
    'enggak',
    'tidak',
    'bisa',
    'kantor',
    'kapan',
    'gratis',
    'saja',
    'aja',
    'besok',
    'truk',
    'toko',
    'silakan',
    'pak',
    'bapak',
    'ibu',
    'bu',
    'mas',
    'mbak',
    'dong',
    'sih',
    'deh',
    'banget',
    'udah',
    'sudah',
    'sore',
    'siang',
    'senin',
    'kamis',
    'jumat',
    'uang',
    'mobil',
    'gimana',
    'bagaimana',
    'sedikit',
    'ingin',
    'tolong',
    'kami',
    'rusak',
    'kamar',
    'lemari',
    'nih',
    'kok',
    'lho',
    // (Malay in brackets)
    'kulkas', // (peti sejuk)
    'biaya', // (kos, yuran)
    'ongkos',
    'kirim', // (hantar)
    'kirimkan',
    'kasur', // (tilam)
    'ukuran', // (saiz)
    'permisi', // (tumpang tanya)
    'bagian', // (bahagian)
    'karena', // (kerana)
    'kamu', // (awak)
    'dokter', // (doktor)
    'telepon', // (telefon)
    'nomor', // (nombor)
    'nomer',
    'tanggal', // (tarikh)
    'sepeda', // (basikal)
    'paham', // (faham)
    'pakai', // (guna)
    'bikin', // (buat)
    'kasih', // (bagi)
    'yuk',
    'gue',
    'gw',
    'lu',
    'kalian', // (korang, kamu semua)
    'karyawan', // (pekerja)
    'ujian', // (peperiksaan)
    'les', // (tuisyen)
    'bimbel',
    'rupiah',
    'halo', // (helo, hai)
    'bukber', // buka bersama
    'porsi', // (hidangan)
    'pesen', // (tempah)
    'pengen',
    'kayak', // (macam)
    'gitu',
    'bgt',
    'layanan', // (perkhidmatan)
    'apartemen', // (pangsapuri)
    'wisuda', // (konvokesyen)
    'lamaran', // (pertunangan)
    'domisili',
  ].map((word) => [word, ['tolong', 'kami', 'rusak'].includes(word) ? 0 : 1]),
);

const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/gu;
const DEVANAGARI_LETTER = /[\u0900-\u097f]/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;

// Weight 2: distinctive words; weight 1: words that also occur in another supported language.
const ARABIZI_WORDS: Record<string, number> = {
  ana: 1,
  enta: 2,
  enti: 2,
  inta: 2,
  bukra: 2,
  bokra: 2,
  shukran: 2,
  shokran: 2,
  yalla: 2,
  inshallah: 2,
  inshalla: 2,
  wallah: 2,
  habibi: 2,
  ayez: 2,
  ayza: 2,
  abi: 1,
  abgha: 2,
  mumkin: 2,
  momken: 2,
  mish: 1,
  msh: 2,
  keefak: 2,
  kifak: 2,
  shlonak: 2,
  ahlan: 2,
  marhaba: 1,
  salam: 1,
  alaikum: 2,
  ya: 1,
  el: 1,
  fi: 1,
  lazem: 2,
  lazim: 1,
  tayeb: 2,
  zain: 1,
  kam: 1,
  bikam: 2,
  elyom: 2,
  alyom: 2,
  // Darija (Maghreb)
  bghit: 2,
  bghina: 2,
  bgha: 2,
  dyal: 2,
  dial: 2,
  dyali: 2,
  diali: 2,
  dyalna: 2,
  dyalkom: 2,
  wach: 2,
  kayn: 2,
  kayna: 2,
  machi: 1,
  daba: 2,
  ghadi: 2,
  bzaf: 2,
  bezzaf: 2,
  mzyan: 2,
  mzyana: 2,
  khoya: 2,
  khouya: 2,
  lia: 1,
  kifach: 2,
  fin: 1,
  chhal: 2,
  shhal: 2,
  wakha: 2,
  safi: 1,
  bach: 2,
  ghda: 2,
  lyoum: 2,
  tomobil: 2,
  tonobil: 2,
  dar: 1,
  f: 1,
  lbab: 2,
  sarout: 2,
  sarut: 2,
  khdamch: 2,
  makhdamch: 2,
  nbdel: 2,
  nbeddel: 2,
  nrakkeb: 2,
  nrakeb: 2,
  // Egyptian, Levantine, Gulf
  delwa2ty: 2,
  dilwa2ti: 2,
  ezzay: 2,
  keda: 2,
  mafeesh: 2,
  mafish: 2,
  baddi: 2,
  biddi: 2,
  shu: 1,
  hayda: 2,
  kteer: 2,
  ktir: 2,
  wayed: 2,
  shlon: 2,
  yaani: 2,
  abghi: 2,
  ebgha: 2,
  bdi: 2,
  bdna: 2,
  mosawer: 2,
  msawer: 2,
  sowar: 1,
  '3ayez': 2,
};

const HINGLISH_WORDS: Record<string, number> = {
  mujhe: 2,
  muje: 2,
  chahiye: 2,
  chahie: 2,
  kya: 2,
  kyaa: 2,
  nahi: 2,
  nahin: 2,
  nhi: 2,
  hain: 1,
  hai: 1,
  aap: 2,
  aapko: 2,
  mera: 2,
  meri: 2,
  mere: 1,
  ghar: 2,
  abhi: 2,
  aaj: 2,
  kal: 1,
  parso: 2,
  jaldi: 2,
  karna: 2,
  karo: 2,
  kijiye: 2,
  karwana: 2,
  bhai: 2,
  bhaiya: 2,
  haan: 2,
  theek: 2,
  thik: 2,
  kaise: 2,
  kitna: 2,
  kitne: 2,
  lagega: 2,
  hoga: 2,
  hogi: 2,
  raha: 2,
  rahi: 2,
  baje: 2,
  ho: 1,
  ki: 1,
  mein: 1,
  ji: 1,
  se: 1,
  baat: 2,
  paani: 2,
  pani: 1,
  // grammar words and common verbs of Hinglish sentences ("teacher ne mere bete ko thappad maara")
  ne: 1,
  ko: 1,
  ka: 1,
  aur: 2,
  bahut: 2,
  bohot: 2,
  bahot: 2,
  tha: 1,
  thi: 1,
  kiya: 2,
  kiye: 2,
  diya: 2,
  diye: 2,
  karke: 2,
  karne: 2,
  karte: 2,
  wala: 2,
  wali: 2,
  wale: 2,
  bakwas: 2,
  bilkul: 2,
  kahan: 2,
  kaun: 2,
  kyun: 2,
  accha: 2,
  acha: 2,
  lekin: 2,
  maara: 2,
  sakte: 2,
  sakta: 2,
  // "main … hoon" (I am), "rehta hoon" (I live)
  hoon: 2,
  rehta: 2,
  rehti: 2,
  rahta: 2,
  rahte: 2,
  humko: 2,
  apne: 1,
  batao: 2,
  bataiye: 2,
  sakti: 2,
  chahte: 2,
  chaiye: 2,
  aapki: 2,
  aapka: 2,
  aapke: 2,
  apna: 2,
  apni: 2,
  humein: 2,
  hume: 2,
  mujhse: 2,
  yeh: 2,
  woh: 2,
  gaye: 2,
  gayi: 2,
  hua: 2,
  hui: 2,
  thappad: 2,
  beti: 2,
  bete: 2,
  shaadi: 2,
  zyada: 2,
  jyada: 2,
  paise: 2,
  paisa: 2,
  wapas: 2,
};

/** Latin letter + one of the digits Arabizi uses for Arabic sounds, inside a word: "3ayez", "ma7al". */
const ARABIZI_DIGIT_WORD = /^(?=.*\p{L})[\p{L}\d]*\p{L}[23579][\p{L}\d]*$|^[23579]\p{L}{2,}$/u;

/** The lowercase words and numbers of `text`. */
function tokensOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/**
 * Evidence of a romanized language in `tokens`: each distinctive word (weight 2) each time it is said, each word
 * shared with another language (weight 1) once, however often ("el" four times is Spanish's article, not Arabizi).
 */
function lexiconScore(tokens: readonly string[], lexicon: Record<string, number>): number {
  let score = 0;
  const shared = new Set<string>();
  for (const token of tokens) {
    const weight = lexicon[token] ?? 0;
    if (weight > 1) score += weight;
    else if (weight > 0 && !shared.has(token)) {
      shared.add(token);
      score += weight;
    }
  }
  return score;
}

function arabiziScore(tokens: readonly string[]): number {
  let score = lexiconScore(tokens, ARABIZI_WORDS);
  for (const token of tokens) {
    if (
      !/^\d+$/.test(token) &&
      ARABIZI_DIGIT_WORD.test(token) &&
      // a number with its unit ("5yo", "3yrs", "2kg", "10pax") is no word of Arabizi
      !/^\d+(am|pm|h|st|nd|rd|th|yo|yr|yrs|y|k|km|kg|g|gb|mb|cm|mm|ml|l|ltr|pc|pcs|pax|min|mins|hr|hrs|wk|wks|mo|ft|sqft|sqm)$/.test(
        token,
      ) &&
      !PRODUCT_CODE.test(token) &&
      // a Malay or Indonesian word said twice ("anak2", "liat2", "mlm2"), and a count ("3x")
      !/^\p{L}{3,}2$/u.test(token) &&
      !/^\d+x$/u.test(token) &&
      // a vowel, or the 3 and 7 that stand for sounds near one: "2wks" (two weeks), "SS2" (a district) are no words
      /[aeiouy37]/u.test(token)
    ) {
      score += 2;
    }
  }
  return score;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

// Greetings that say nothing about language because everyone on WhatsApp uses them.
const UNIVERSAL_SHORT = new Set([
  'hi',
  'hello',
  'hey',
  'ok',
  'okay',
  'thanks',
  'thx',
  'yes',
  'no',
  'pls',
  'please',
]);

/** Greetings only one intake language uses, and the words around them ("buenos días", "bom dia", "guten Tag"). */
const GREETING_LANGUAGE: Record<string, string> = {
  ...Object.fromEntries(['hola', 'buenas', 'buenos', 'dias', 'días', 'tardes'].map((w) => [w, 'es'])),
  ...Object.fromEntries(['olá', 'ola', 'oi', 'bom', 'dia', 'boa', 'tarde', 'noite'].map((w) => [w, 'pt'])),
  ...Object.fromEntries(['bonjour', 'bonsoir', 'salut', 'coucou'].map((w) => [w, 'fr'])),
  ...Object.fromEntries(['hallo', 'moin', 'servus', 'guten', 'tag', 'morgen', 'abend'].map((w) => [w, 'de'])),
  ...Object.fromEntries(
    ['merhaba', 'selamlar', 'günaydın', 'iyi', 'günler', 'akşamlar'].map((w) => [w, 'tr']),
  ),
  ...Object.fromEntries(['namaste', 'namaskar', 'namasté'].map((w) => [w, 'hi'])),
};

/**
 * Detects the customer's language over their messages so far. Scripts and romanized lexicons
 * decide first; eld decides reliable Latin text; otherwise the phone country's language (hint) or
 * the fallback is returned with low confidence.
 */
export function detectLanguage(texts: readonly string[], hints: LanguageHints = {}): LanguageSignal {
  const text = texts.join('\n').trim();
  // The phone's country is no evidence of the language (customers travel, expats write home): it only
  // breaks a tie that the text leaves open, never overrides what the words say.
  const hinted = languageOfCountry(hints.phoneCountry);
  const fallback = hints.fallback ?? hinted ?? 'en';

  const arabic = countMatches(text, ARABIC_LETTER);
  const devanagari = countMatches(text, DEVANAGARI_LETTER);
  const latin = countMatches(text, LATIN_LETTER);
  if (arabic >= 2 && arabic >= latin) {
    return { language: 'ar', confidence: arabic >= 8 ? 0.95 : 0.85, source: 'rule' };
  }
  if (devanagari >= 2 && devanagari >= latin) {
    return { language: 'hi', confidence: devanagari >= 8 ? 0.95 : 0.85, source: 'rule' };
  }

  const tokens = tokensOf(text);
  const words = tokens.filter((token) => /\p{L}/u.test(token));
  if (words.length === 0 || words.every((word) => UNIVERSAL_SHORT.has(word))) {
    return { language: fallback, confidence: hinted ? 0.4 : 0.2, source: 'rule' };
  }
  // a message of greetings only says its language by them ("Hola", "bom dia", "merhaba"): eld cannot read one word
  const greeted = new Set(
    words.filter((word) => !UNIVERSAL_SHORT.has(word)).map((word) => GREETING_LANGUAGE[word]),
  );
  if (greeted.size === 1 && !greeted.has(undefined) && words.length <= 4) {
    const [language = fallback] = greeted as Set<string>;
    return { language, confidence: 0.6, source: 'rule' };
  }

  const result = detector.detect(text);
  const scores = result.getScores();
  const eldLanguage = ELD_MAP[result.language];
  const eldScore = scores[result.language] ?? 0;
  const eldReliable = eldLanguage !== undefined && result.isReliable();

  const arabizi = arabiziScore(tokens);
  const hinglish = lexiconScore(tokens, HINGLISH_WORDS);
  const romanized =
    arabizi >= hinglish ? { language: 'ar', score: arabizi } : { language: 'hi', score: hinglish };
  // A romanized lexicon wins over eld unless eld is sure of a language the lexicon could be
  // mistaken for (Indonesian "hai", Spanish "el" …) and the lexicon evidence is thin.
  const lexiconWins =
    romanized.score >= 4 || (romanized.score >= 2 && (!eldReliable || eldLanguage === 'en'));
  if (lexiconWins) {
    return {
      language: romanized.language,
      confidence: round2(clamp(0.55 + 0.05 * romanized.score, 0.6, 0.9)),
      source: 'rule',
    };
  }

  // Malay or Indonesian: the words only one of them uses decide over eld's guess between the two, and over
  // English where they carry the sentence around English words ("bro DJ available tak sabtu ni?")
  // …read with their chat short forms in full ("kls piano mcm mana" is "kelas piano macam mana")
  const full = tokensOf(inFull(text, 'ms'));
  const malay = lexiconScore(full, MALAY_WORDS);
  const indonesian = lexiconScore(full, INDONESIAN_WORDS);
  const malayLike =
    eldLanguage === 'ms' ||
    eldLanguage === 'id' ||
    (scores.ms ?? 0) + (scores.id ?? 0) > eldScore ||
    (eldLanguage === 'en' && Math.max(malay, indonesian) >= 2);
  if (malayLike) {
    if (malay !== indonesian && malay + indonesian >= 1) {
      return {
        language: malay > indonesian ? 'ms' : 'id',
        confidence: round2(clamp(0.6 + 0.05 * Math.abs(malay - indonesian), 0.6, 0.9)),
        source: 'rule',
      };
    }
  }

  if (eldReliable && words.length >= 2) {
    return { language: eldLanguage, confidence: round2(clamp(eldScore, 0.5, 0.95)), source: 'rule' };
  }
  if (eldLanguage !== undefined && eldLanguage === fallback) {
    return { language: fallback, confidence: 0.5, source: 'rule' };
  }
  return { language: fallback, confidence: hinted ? 0.4 : 0.2, source: 'rule' };
}
