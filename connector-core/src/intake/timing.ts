// Preferred timing ("bukra", "besok sore", "kal subah", "tomorrow at 5") → a start instant in the
// tenant's timezone. Our lexicon covers today/tomorrow/day-after/now and times of day in all eight
// intake languages; chrono-node covers the rest (weekdays, dates) for en, es, pt, fr.
import * as chrono from 'chrono-node';
import {
  allMatches,
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
    ...days(0, ["aujourd'hui", 'aujourd hui', 'aujourdhui', 'auj']),
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
    // "hemen" is asap, urgency without a when
    ...days('now', ['simdi', 'su an']),
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

DAY_WORDS.de = [
  // "sofort" is asap, urgency without a when (as "segera" and "hemen")
  ...days('now', ['jetzt', 'gleich']),
  ...days(0, ['heute', 'heute noch', 'heute abend', 'heute nachmittag', 'heute morgen']),
  ...days(1, ['morgen', 'morgen fruh']),
  ...days(2, ['ubermorgen']),
];
DAY_WORDS.ms = [
  ...days('now', ['sekarang', 'skrg', 'sekarang juga']),
  ...days(0, ['hari ini', 'harini', 'hari ni', 'arini', 'petang ini', 'malam ini']),
  ...days(1, ['esok', 'besok', 'esok pagi']),
  ...days(2, ['lusa']),
];
/** Today in Arabizi, as customers spell it ("mumken el yom?"). */
export const ARABIZI_TODAY = ['lyoum', 'lyom', 'el yom', 'el youm', 'elyom', 'elyoum', 'al yom', 'al youm'];
DAY_WORDS.ar?.push(
  ...days('now', ['دابا', 'daba', 'هلق', 'hala2', 'halla2', 'توا', 'دلوقت']),
  ...days(0, [...ARABIZI_TODAY, 'el yawm', 'ليوما', 'النهارده']),
  ...days(1, ['غدوه', 'غدا', 'ghda', 'ghedda', 'bokra', 'bukra', 'بكرة']),
);
DAY_WORDS.fr?.push(...days('now', ['de suite', 'immediatement']));
DAY_WORDS.pt?.push(...days(1, ['amanha de manha']));
DAY_WORDS.hi?.push(...days('now', ['abhi turant', 'turant']), ...days(1, ['kal subah', 'kal shaam']));

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

PERIOD_WORDS.de = [
  ...periods(9, false, ['vormittag', 'vormittags', 'morgens', 'fruh']),
  ...periods(13, true, ['mittag', 'mittags']),
  ...periods(15, true, ['nachmittag', 'nachmittags']),
  ...periods(18, true, ['abend', 'abends']),
];
PERIOD_WORDS.ms = [
  ...periods(9, false, ['pagi']),
  ...periods(13, true, ['tengah hari']),
  ...periods(16, true, ['petang']),
  ...periods(20, true, ['malam']),
];

const LEXICON_LANGUAGES = Object.keys(DAY_WORDS);
const CHRONO_LOCALES: Record<string, chrono.Chrono> = {
  en: chrono.en.casual,
  es: chrono.es.casual,
  pt: chrono.pt.casual,
  fr: chrono.fr.casual,
  de: chrono.de.casual,
};

// ---- what is not a "when": greetings that name a time of day, past events, durations ----

/** Greetings that contain a time of day ("good evening", "selamat siang"): never timing. */
const GREETINGS = [
  'good morning',
  'good afternoon',
  'good evening',
  'good night',
  'buenos dias',
  'buen dia',
  'buenas tardes',
  'buenas noches',
  'bom dia',
  'boa tarde',
  'boa noite',
  'bonjour',
  'bonsoir',
  'bonne soiree',
  'bonne journee',
  'bonne nuit',
  'bonne fin de journee',
  'guten morgen',
  'guten tag',
  'guten abend',
  'gute nacht',
  'schonen abend',
  'schonen tag',
  'moin',
  'gunaydin',
  'iyi aksamlar',
  'iyi geceler',
  'iyi gunler',
  'tunaydin',
  'hayirli sabahlar',
  'hayirli aksamlar',
  'selamat pagi',
  'selamat siang',
  'selamat sore',
  'selamat malam',
  'selamat petang',
  'selamat tengah hari',
  'صباح الخير',
  'مساء الخير',
  'صباح النور',
  'مساء النور',
  'sabah el kheir',
  'sabah el khair',
  'sba7 lkhir',
  'sbah lkhir',
  'msa lkhir',
  'masa el kheir',
  'masa2 el kheir',
  'sabah l5er',
  'shubh prabhat',
  'shubh sandhya',
  'suprabhat',
  'शुभ प्रभात',
  'शुभ संध्या',
  'शुभ रात्रि',
  'good nite',
  'gm',
];
const GREETING = phraseRegExp(GREETINGS);
/**
 * A time of day alone opening a message, then punctuation or a word of address ("Morning!", "Pagi kak,",
 * "Evening all"): the greeting said short.
 */
const SHORT_GREETING =
  /^\s*(?:morning|evening|afternoon|pagi|siang|sore|malam|petang|buenas|buenos|bom|boa)(?=\s*(?:[!,.]|$)|\s+(?:kak|kakak|bro|sis|sir|all|guys|team|everyone|pak|bu|mas|mbak|min|admin|abang|bang|boss|bos|tuan|puan|encik|cik|gan|say)(?![\p{L}\p{N}]))/u;

/** Words that make the next few words a past event or a duration ("last Tuesday", "seit Montag"). */
const PAST_BEFORE = [
  'last',
  'yesterday',
  'since',
  'for the past',
  'for the last',
  'the other day',
  'ayer',
  'anteayer',
  'hace',
  'desde',
  'durante',
  'ontem',
  'anteontem',
  'ha',
  'faz',
  'hier',
  'avant-hier',
  'il y a',
  'depuis',
  'pendant',
  'gestern',
  'vorgestern',
  'letzte',
  'letzten',
  'letzter',
  'letztes',
  'seit',
  'vor',
  'dun',
  'gecen',
  'kemarin',
  'kmrn',
  'kmren',
  'kelmarin',
  'semalam',
  'sejak',
  'selama',
  'sudah',
  'dah',
  'امس',
  'امبارح',
  'البارحه',
  'lbare7',
  'mbare7',
  'imbarih',
  'منذ',
  'من',
  'صار له',
  'صارلو',
  'pichle',
  'pichhle',
  'पिछले',
  'बीते',
  'kal raat ko',
  'for',
];
/**
 * "Since" and, a few words on, this morning or last night ("since your guy did the spray this morning", "depuis
 * votre changement de filtre ce matin"): when it began, no when for the visit.
 */
const SINCE_THIS_MORNING =
  /(?<![\p{L}\p{N}])(?:since|depuis|seit|desde|sejak)(?:\s+[^\s.!?]+){0,8}?\s+(?:this morning|ce matin|heute (?:morgen|fruh)|esta manana|esta manha|pagi tadi|pagi ini|pagi ni|last night|hier soir|gestern abend|anoche|ontem a noite|semalam)(?![\p{L}\p{N}])/gu;
/** Darija in Latin letters for "that went by", after a span of time ("l'weekend li fat", "simana li daz"). */
const DARIJA_GONE_BY = ['li fat', 'lli fat', 'elli fat', 'li fatet', 'li daz', 'li dazet'];
/** Words that make the words before them a past event or a duration ("3 weeks ago", "minggu lalu"). */
const PAST_AFTER = [
  'ago',
  'pasado',
  'pasada',
  'passado',
  'passada',
  'dernier',
  'derniere',
  'once',
  'beri',
  'lalu',
  'yang lalu',
  'lepas',
  // "Kamis sebelumnya": the Thursday before it
  'sebelumnya',
  'الماضي',
  'الماضيه',
  'اللي فات',
  'فات',
  ...DARIJA_GONE_BY,
  'se',
  'से',
  'pehle',
  'पहले',
  'tha',
  'thi',
  'the',
  'था',
  'थी',
];
/**
 * Meals named by their time of day ("öğle yemeği" is lunch, "makan siang" too) and a whole night or day
 * ("raat bhar", "toute la nuit", "semalaman"): what or how long, not when.
 */
const MEALS_AND_SPANS = phraseRegExp([
  ...['ogle yemegi', 'ogle yemegine', 'ogle yemekleri', 'aksam yemegi', 'aksam yemegine', 'sabah kahvaltisi'],
  ...['makan siang', 'makan malam', 'makan pagi', 'makan tengah hari'],
  ...['raat bhar', 'din bhar', 'saari raat', 'puri raat', 'all night', 'all day long', 'toute la nuit'],
  ...['toda la noche', 'a noite toda', 'toda a noite', 'die ganze nacht', 'butun gece', 'sepanjang malam'],
  ...['semalaman', 'طول الليل', 'الليل كله'],
  ...['dari pagi sampai malam', 'dari pagi sampe malem', 'dari pagi sampe malam', 'pagi sampai malam'],
  ...['dari pagi sampai petang', 'dari pagi sampai sore', 'dari pagi sampe sore', 'pagi sampai petang'],
  // a price per night ("ek raat ka kitna", "per night"): how long, not when
  ...['ek raat', 'per night', 'a night', 'per raat', 'per malam', 'satu malam', 'bir gece', 'pro nacht'],
  ...['from morning till night', 'from morning to night', 'von morgens bis abends', 'sabahtan aksama'],
]);
/**
 * "الظهر" is noon and also the back: beside pain ("وجع فالظهر", "ضرني فالظهر", "الظهر كيوجعني") it is the
 * back, no time of day.
 */
const ARABIC_BACK_PAIN =
  /(?:(?:ال)?(?:وجع|الم|(?:ي|كي|تي|بي)?وجع\p{L}*|ضر\p{L}*|مشكل\p{L}*)\s+(?:\p{L}+\s+){0,2}(?:ف|في|فال)?\s*الظهر|(?:ف|في|فال)?الظهر\s+(?:\p{L}+\s+){0,2}(?:(?:ي|كي|تي|بي)?وجع\p{L}*|مضرور\p{L}*))/gu;
/** Hindi verbs in the perfective or continuous, romanized ("aaye", "gaye", "kiye", "rahe"): "the" after one is "were". */
const HINDI_PERFECTIVE =
  /^(?:aaye|aye|aae|gaye|gye|gae|kiye|kiya|diye|liye|bole|hue|rahe|chuke|lage|karaye|karwaye|bulaye|pahunche|nikle|baithe|dekhe|mile)$/u;
/** A clock time just before a word of the past ("pukul 10 pagi semalam", "at 10am yesterday"). */
const CLOCK_JUST_BEFORE =
  /(?<![\p{L}\p{N}])(?:(?:pukul|jam|pkl|at|um|saat|a las|vers)\s+\d{1,2}(?:[:.]\d{2})?(?:\s*(?:am|pm|pagi|petang|malam|siang|sore|uhr|h))?|\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|pagi|petang|malam|siang|sore|uhr|h|baje))\s*$/u;
/** Words of a time ahead before Hindi "se" (from): "अगले सोमवार से", "agle mahine se", "aaj se" ("kal" is either way). */
const AHEAD_BEFORE_SE = new Set(
  ['agle', 'agla', 'agli', 'अगले', 'अगला', 'अगली', 'next', 'aaj', 'आज'].map((word) => foldText(word).folded),
);
/** A start said after Hindi "se" (from): "Monday se start karna hai", "1 tareekh se shuru". */
const FROM_ON = /^\s+(?:start|shuru|chalu|begin|शुरू|चालू)(?![\p{L}\p{N}])/u;
/**
 * Hindi "kal" or "parso" told with a verb in the past ("aapke aadmi kal gaadi le ke aaye the", "parso … naali kholi
 * thi", "kal … locker se gayab ho gaya", "कल … आए थे"): yesterday, or the day before. Read before the words of the
 * past, whose "the" (were) would blank the verb first.
 */
const KAL_GONE_BY =
  /(?<![\p{L}\p{N}])(?:kal|parso|parson|parsoon) (?:[^\s.!?,]+ ){0,14}?(?:gaye|gayi|gaya|aaye|aayi|aaya|kiya|kiye|diya|diye|hua|hui|(?<!ke |ki )liye|(?<!ke |ki )liya|[^\s.!?,]+ (?:tha|thi|the))(?![\p{L}\p{N}])|(?<![\p{L}\p{N}\p{M}])(?:कल|परसों) (?:[^\s.!?,।]+ ){0,13}?(?:गया|गई|गए|आया|आई|आए|किया|किए|दिया|लिया|हुआ|हुई|था|थी|थे)(?![\p{L}\p{N}\p{M}])/gu;
/**
 * This morning, in every intake language (folded): at the briefs' hour and later it is mostly gone by, so it is a
 * "when" only in a sentence that asks for something ("can you come this morning?"), not in one that tells ("ce
 * matin je lis…", "Pagi ini 5 ekor discus mati").
 */
const THIS_MORNING =
  /(?<![\p{L}\p{N}])(?:this morning|ce matin|esta manana|esta manha|hoje de manha|heute (?:morgen|fruh|vormittag)|bu sabah|pagi (?:ini|ni)|aaj subah|आज सुबह)(?![\p{L}\p{N}])/gu;
/** Words that ask for something, in every intake language (folded): a sentence with one is a request. */
const ASKS =
  /[?؟]|(?<![\p{L}\p{N}])(?:can(?! ?.?t(?!\p{L}))|could(?!n)|would (?:you|it be|be)|need|want|please|pls|plz|asap|bisa|boleh|tolong|mau|nak|perlu|(?:i.?d|we.?d) like|book|booking|available|slots?|dispo\p{L}*|disponib\p{L}*|frei|musait|kosong|if possible|si possible|de ser posible|si es posible|se possivel|se der|wenn moglich|(?:ware|waere) (?:gut|super|toll|ideal)|kalau bisa|klo bisa|kalau boleh|olursa|olabilir|mumkin ho|ok|okay|fine|works|good for me|better|preferably|ideally|pode|podem|puede|pueden|podeis|podria|necesito|preciso|pouvez|peux|besoin|svp|stp|konnen|konnt|kannst|brauche|brauchen|bitte|misiniz|musunuz|lazim|istiyorum|chahiye|sakte|sakta|sakti|mumkin|ممكن|تقدر\p{L}*|ابي|ابغى|بغيت|عايز\p{L}*|चाहिए)(?![\p{L}\p{N}])/u;
const PAST_BEFORE_RE = phraseRegExp(PAST_BEFORE);
const PAST_AFTER_RE = phraseRegExp(PAST_AFTER);
/** A Turkish duration written with the copula: "3 haftadır", "iki gündür". */
const TURKISH_DURATION =
  /(?<![\p{L}\p{N}])(?:\d+\s+)?\p{L}*(?:hafta|gun|ay|yil|saat|dakika)(?:dir|dur|tir|tur)(?![\p{L}\p{N}])/gu;
/** A unit of time, so "for 3 weeks" is a duration but "for the kitchen" is not. */
const TIME_UNIT =
  /^(?:days?|weeks?|months?|years?|hours?|hari|minggu|bulan|tahun|jam|tag|tage|tagen|woche|wochen|monat|monate|monaten|jahr|jahre|jahren|stunde|stunden|gun|hafta|ay|yil|saat|dias?|semanas?|mes|meses|anos?|horas?|jours?|semaines?|mois|ans?|heures?|din|hafte|hafta|mahine|mahina|saal|ghante|يوم|يومين|ايام|اسبوع|اسبوعين|اسابيع|شهر|شهرين|سنه|ساعه|ساعات|weekend|wochenende)$/u;
/** A number or quantity before a unit: "3", "a", "zwei", "beberapa". */
const QUANTITY =
  /^(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|few|couple|some|several|dua|tiga|beberapa|satu|zwei|drei|paar|ein|eine|einer|einigen|iki|uc|birkac|bir|dois|duas|tres|um|uma|deux|trois|quelques|un|une|do|teen|kuch|ek|dos|unos|unas)$/u;
/** Words after which (within a few) a weekday or unit marks a past event. */
const AFTER_NEEDS_UNIT = new Set([
  'sebelumnya',
  'se',
  'से',
  'lalu',
  'lepas',
  'once',
  'tha',
  'thi',
  'था',
  'थी',
  'pehle',
  'पहले',
  'فات',
  ...DARIJA_GONE_BY,
]);
const BEFORE_NEEDS_UNIT = new Set([
  'for',
  'من',
  'selama',
  'sudah',
  'dah',
  'ha',
  'faz',
  'vor',
  'durante',
  'pendant',
  'hace',
]);

const unitSource = TIME_UNIT.source.slice(1, -1);
const quantitySource = QUANTITY.source.slice(1, -1);
/**
 * How long, said with "for" in the other intake languages: "für 3 Tage", "para un mes", "pour deux semaines",
 * "untuk 3 hari", "لمدة يومين", "3 din ke liye", "2 hafta için". A quantity is needed where the unit alone
 * may begin a "when" ("untuk minggu depan" is next week, "para el mes que viene" next month).
 */
const DURATION_FOR = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:fur|para|pour|por|untuk|selama|lmoudat|لمده|مده)\\s+(?:${quantitySource})\\s+(?:${unitSource})|(?:لمده|مده)\\s+(?:${unitSource})|(?:${quantitySource})\\s+(?:${unitSource})\\s+(?:ke liye|ki liye|icin|के लिए))(?![\\p{L}\\p{N}])`,
  'gu',
);

/** A Turkish verb in the past, folded ("atmıştınız", "geldi", "yaptırdık", "taktınız", "taktırdığımız"). */
const TURKISH_PAST =
  '(?:\\p{L}{2,}[dt][iu]g[iu](?:m|n|miz|muz|niz|nuz)?\\p{L}{0,3}|\\p{L}{2,}(?:mis|mus)(?:t[iu]|d[iu])?(?:m|n|k|niz|nuz|ler|lar)?|\\p{L}{2,}(?:d[iu]|t[iu])(?:m|n|k|niz|nuz|ler|lar)|geldi|gitti|yapti|atti|koydu|takti|bakti|birakti|kirdi|bozdu|gelmedi)';
/** A verb in the past by its "-ed", not "need", "speed", "bed" nor "interested" ("I need someone on Saturday" asks). */
const PAST_ED = '(?!(?:\\p{L}*[^r]eed|need|bed|red|shed|wed|interested)(?![\\p{L}\\p{N}]))\\p{L}+ed';
/** Weekdays of Portuguese, Spanish and French, folded. */
const ROMANCE_WEEKDAY =
  '(?:segunda|terca|quarta|quinta|sexta|sabado|domingo|lunes|martes|miercoles|jueves|viernes|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?:-feira)?';
/**
 * The customer's own visit told in the past, in Spanish, Portuguese and French ("me hice el piercing … el sábado",
 * "el sábado estuve", "fiz … na sexta", "paguei", "je suis passée … samedi", "j'ai fait"), folded. Portuguese "-ei"
 * is the past of any verb but the future's "-arei", "-erei", "-irei".
 */
const ROMANCE_PAST_MINE =
  '(?:hice|hicimos|estuve|estuvimos|fui|fuimos|vine|vinimos|tuve|tuvimos|traje|fiz|fizemos|estive|estivemos|fomos|vim|viemos|tive|tivemos|trouxe|\\p{L}{3,}(?<!ar|er|ir)ei|(?:j.?ai|on a|nous avons|je suis|on est|nous sommes|je me suis|on s.?est|je l.?ai|on l.?a|on m.?a|vous m.?avez|vous nous avez|il m.?a|elle m.?a|ils m.?ont)(?: (?:deja|bien))? (?:fait|faite|ete|eu|vu|pris|prise|mis|dit|recu|perdu|venue?|allee?|passee?|arrivee?|paye|reserve|appele|achete|laisse|commande|demande|essaye|rentree?|retournee?|fini|partie?|sortie?|tatouee?|percee?|debitee?|facturee?|prelevee?|livree?|installee?|nettoyee?|reparee?))';
/**
 * A visit told in the past in Portuguese, Spanish and French ("fizeram", "hicisteis", "est venu", "a réparé"), or
 * promised and not kept ("quedó en venir el jueves", "ficou de vir na segunda", "devait passer mardi").
 */
const ROMANCE_PAST = `(?:\\p{L}+(?:aram|eram|iram|aron|ieron|asteis|isteis)|fez|veio|hizo|vino|${ROMANCE_PAST_MINE}|est venue?|sont venue?s|est passee?|sont passee?s|a fait|ont fait|avez fait|est intervenue?|sont intervenue?s|a installe|ont installe|a repare|ont repare|quedo en|quedaron en|iba a|iban a|tenia que|tenian que|ficou de|ficaram de|devait|devaient)`;

/**
 * What reads as a time and says none (the label rules: past events, durations and counts are no "when"):
 * - "now" telling a state, not asking for a visit ("there's now a fresh dent", "Jetzt ist die Frontlippe
 *   gerissen", "agora está vazando", "Ahora tengo una mancha", "it's off now");
 * - days, weeks or months gone by ("it's been 3 weeks", "for 2 months");
 * - an amount of something other than time ("a 5,000 gallon tanker", "5 years experience", "20 litres");
 * - minutes or hours waited or taken ("waited 90 minutes", "demorou mais de 2 horas"), not "in 40 minutes";
 * - a weekday or this morning told after a verb in the past ("cleaned our tank on Saturday", "did the spray this
 *   morning", "Fizeram a limpeza na sexta", "est venu jeudi", "tadi pagi", "kal … karke gaye");
 * - how often this week or month ("third time this month");
 * - an age or a pregnancy ("my 7 month pregnant wife", "a 2-year-old");
 * - the Gulf's lunch after a meal's word ("بوكسات غدا", lunch boxes; "غدا" alone is tomorrow).
 */
/**
 * "Now" beginning a sentence that tells a state ("Now there's a stain", "…, maintenant il y a une odeur"): read
 * before the words of the past, whose "il y a" (ago) would take its words.
 */
const NOW_A_STATE =
  /(?:^|(?<=[.!?,;\n] ?)|(?<=(?:^|[\s,])(?:e|y|et|und|and) ))(?:now|jetzt|ahora|agora|maintenant|sekarang) (?:there|it|its|the|ist|sind|hat|hay|esta|ta|tem|il y a|c.?est|ada|dah|sudah|tengo|tiene|tenemos|tenho|temos|habe|haben|we have|i have|j.?ai|nous avons|(?<=agora )(?:a|o|as|os) |(?<=ahora )(?:el|la|los|las) |(?<=maintenant )(?:le|la|les) |(?<=jetzt )(?:der|die|das) |(?:he|she|they|his|her|my|nobody|no one|nothing) |(?<=now )i (?:see|saw|noticed|realise|realize|found)(?!\p{L})|(?<=jetzt )(?:seh|sehe|sah|merke|merk) ich(?!\p{L})|(?<=jetzt )(?:\p{L}+ )?nicht mehr |(?<=and now )(?!is |was |has |needs )\p{L}{3,}s )/gu;
/**
 * Until now or today, or from now on, in every intake language ("abhi tak", "até hoje", "bis heute", "لحد
 * دلوقتي"; "mulai sekarang awak kena jawab…", "à partir de maintenant", "von nun an").
 */
const UNTIL_NOW_SOURCE =
  '(?<![\\p{L}\\p{N}])(?:from now on|mulai (?:dari )?(?:sekarang|skrg)|dari sekarang|a partir de (?:ahora|agora|maintenant)|de ahora en adelante|desde agora|daqui (?:em|para a) (?:diante|frente)|desormais|von nun an|ab jetzt|bundan (?:boyle|sonra)|su andan itibaren|من الان(?: فصاعدا)?|abhi tak|ab tak|aaj tak|अभी तक|अब तक|आज तक|ate hoje|ate agora|hasta hoy|hasta ahora|bis heute|bis jetzt|jusqu.?a (?:aujourd.?hui|maintenant)|until today|till today|to this day|up to now|until now|(?:\\d+|two|three|four|five|several|many|multiple) times now|twice now|(?:\\d+(?:st|nd|rd|th)|second|third|fourth|fifth) time now|bugune kadar|simdiye kadar|samp(?:ai|e) (?:hari ini|hari ni|sekarang|skrg)|hingga (?:hari ini|sekarang|kini)|حتى (?:اليوم|الان)|(?:لحد|لحدّ|لغايه|للحين) (?:اليوم|الان|هلق|دابا|دلوقتي|دلوقت|الحين)|لين (?:اليوم|الحين))(?![\\p{L}\\p{N}])';
/** "Şimdi şöyle" (so, it is like this): a way into a story. */
const NOW_OPENS_A_STORY_SOURCE = '(?<![\\p{L}\\p{N}])simdi soyle(?![\\p{L}\\p{N}])';
/** A Turkish "now" before a thing that does not work ("Şimdi havuz ışıkları yanmıyor"): how things are. */
const NOW_TELLS_A_STATE_SOURCE =
  '(?<![\\p{L}\\p{N}])simdi(?: [^\\s.!?,]+){0,3} \\p{L}+(?:miyor|muyor|mıyor|müyor|mayan|meyen)\\p{L}*(?![\\p{L}\\p{N}])';
/**
 * "Now" and "today" that ask for no time: until now or today, a story opened, a state told (folded text). The
 * intake's urgency reads none of them as a "now" or a same-day ask.
 */
export const NOW_ASKS_NOTHING = new RegExp(
  [UNTIL_NOW_SOURCE, NOW_OPENS_A_STORY_SOURCE, NOW_TELLS_A_STATE_SOURCE, NOW_A_STATE.source].join('|'),
  'gu',
);
const NOT_A_WHEN = new RegExp(
  [
    "(?<![\\p{L}\\p{N}])(?:there'?s|there is|there are|it'?s|it is|is|are|was|has|have) now(?![\\p{L}\\p{N}])",
    // …in German too ("Das ist jetzt die dritte Reinigung"), and a Turkish "now" before a thing that does not work
    // ("Şimdi havuz ışıkları yanmıyor")
    '(?<![\\p{L}\\p{N}])(?:ist|sind|war|hat|haben) jetzt(?![\\p{L}\\p{N}])',
    NOW_TELLS_A_STATE_SOURCE,
    "(?<![\\p{L}\\p{N}])(?:it'?s|it is|they'?re|they are) (?!anyone|someone|somebody|you|it)\\p{L}+ now(?![\\p{L}\\p{N}])",
    "(?<![\\p{L}\\p{N}])\\p{L}+'(?:s|re) now(?![\\p{L}\\p{N}])",
    // "şimdi şöyle" (so, it is like this): a way into the story, no when
    NOW_OPENS_A_STORY_SOURCE,
    // "abhi tak nahi" (not yet), "ab tak", "até hoje", "bis heute": until now, no when
    UNTIL_NOW_SOURCE,
    // …but "bisa dateng sekarang ga?" asks for now: "ga" ending the question is its tag
    '(?<![\\p{L}\\p{N}])(?:sekarang|skrg|skg) (?:dah|sudah|udah|udh|masih|jadi|jd|(?:ga|gak|tak|tidak|nggak|ndak)(?=\\s+\\p{L}))(?![\\p{L}\\p{N}])',
    // a clock time told as gone by in Malay and Indonesian ("pukul 8 pagi tadi"), a span said as a length ("a year-long contract")
    '(?<![\\p{L}\\p{N}])(?:pukul|jam|pkl) \\d{1,2}(?:[.:]\\d{2})?(?: (?:pagi|siang|sore|petang|malam))? tadi(?![\\p{L}\\p{N}])',
    '(?<![\\p{L}\\p{N}])(?:(?:a|one|an) )?(?:year|month|week|day|hour)-long(?![\\p{L}\\p{N}])',
    // how long waited, in Spanish ("Llevo una semana esperando", "llevamos tres días sin agua")
    `(?<![\\p{L}\\p{N}])(?:llevo|llevamos|lleva|llevan)(?: ya)? (?:\\d+|una|un|${quantitySource}) (?:semanas?|dias|mes|meses|horas?)(?![\\p{L}\\p{N}])`,
    // a size, not a time ("6m x 3m", "120x80"); an ordinal, not a weekday ("a segunda vez", "la quinta parte")
    '(?<![\\p{L}\\p{N}])\\d+(?:[.,]\\d+)?\\s*(?:m|cm|mm|ft)?\\s*[x×]\\s*\\d+(?:[.,]\\d+)?\\s*(?:m|cm|mm|ft)?(?![\\p{L}\\p{N}])',
    '(?<![\\p{L}\\p{N}])(?:segunda|terceira|quarta|quinta|sexta) (?:vez|vezes|parte|opcao|mao|via)(?![\\p{L}\\p{N}])',
    "(?<![\\p{L}\\p{N}])(?:and|but|y|e|et|und|dan|tapi|ve|ama) (?:now|ahora|agora|maintenant|jetzt|sekarang|simdi) (?:there'?s|there is|there are|it'?s|hay|tengo|tem|esta|il y a|ist|sind|habe|ada|var)(?![\\p{L}\\p{N}])",
    `(?<![\\p{L}\\p{N}])(?:been|for|over|since) (?:about |around |almost |nearly |over )?(?:\\d+|${quantitySource})\\s*(?:days?|weeks?|months?)(?![\\p{L}\\p{N}])`,
    '(?<![\\p{N}.,])\\d[\\d.,]*\\s*(?:gallons?|gal|litres?|liters?|ltrs?|l|kg|kilos?|km|kms|meters?|metres?|m2|sqm|sq ?ft|cm|mm|inch|inches|percent|%|years?|yrs?|anos?|anos de|ans|jahre?n?|yil|tahun|saal|سنوات|سنين|لتر|جالون)(?![\\p{L}\\p{N}])',
    '(?<![\\p{N}.,])(?<!(?:in|within|em|en|dans|innerhalb|binnen|dalam|daqui a|dentro de|ke andar|خلال|بعد|in about|in around)\\s)(?:(?:mais|menos|mas|more|less) (?:de|than) |over |plus de |mehr als |lebih dari )?\\d+\\s*(?:minutes?|mins?|hours?|hrs?|minutos?|horas?|minuten|stunden|heures?|dakika|menit|minit|ghante|ghanta|دقيقه|دقائق|ساعات)(?![\\p{L}\\p{N}])(?! (?:from now|later|away))',
    `(?<![\\p{L}\\p{N}])(?:${PAST_ED}|came|took|went|was|were|did|had|made|broke|left|brought|sent|paid|fixed|gave|got|told|said) (?:[^\\s.!?]+ ){0,8}?(?:on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|this (?:morning|afternoon)|last night)`,
    // …the weekday right after the verb, without "on" ("the trainer came Sunday", "it arrived Friday")
    `(?<![\\p{L}\\p{N}])(?:came|went|arrived|left|broke|was|were|happened|(?!wanted(?![\\p{L}\\p{N}]))${PAST_ED}) (?:[^\\s.!?,]+ ){0,2}?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![\\p{L}\\p{N}])`,
    // …and the hour it happened at ("when I got home at 5 it was warm")
    '(?<![\\p{L}\\p{N}])(?:when|after|before|as soon as|by the time) (?:i|we|he|she|they|you) (?:got|came|went|arrived|woke up|left|checked|opened|\\p{L}+ed) (?:[^\\s.!?,]+ ){0,3}?at \\d{1,2}(?:[:.]\\d{2})?(?:\\s*(?:am|pm))?(?![\\p{L}\\p{N}])',
    // …and what happened within an hour of it ("the curls dropped within an hour")
    `(?<![\\p{L}\\p{N}])(?:came|went|arrived|broke|fell|stopped|started|was|were|${PAST_ED}) (?:[^\\s.!?,]+ ){0,2}?(?:within|in|after) (?:an?|one|half an|\\d+|two|three) (?:hours?|minutes?|mins?|days?)(?![\\p{L}\\p{N}])`,
    // too early or too late, asked of the customer's own state ("Ist das zu früh?"): no when
    '(?<![\\p{L}\\p{N}])(?:zu fruh|too early|too soon|trop tot|demasiado pronto|muito cedo|cedo demais|terlalu awal|terlalu cepat|cok erken|bahut jaldi)(?![\\p{L}\\p{N}])',
    // a length said before the thing it measures ("the 4 week pass", "a 3-month plan", "10 day course"): no when
    '(?<![\\p{L}\\p{N}])(?<!(?:in|within|after|next|for) )(?:\\d+|one|two|three|four|five|six|eight|ten|twelve)[\\s-](?:day|week|month|year)[\\s-](?!(?:from|later|away|ago|ahead|time|before|after|in|of|and|or|please|pls|plz|okay|thanks)(?![\\p{L}\\p{N}]))\\p{L}{3,}',
    // no longer, now ("Sie traut sich jetzt nicht mehr"): how things are
    '(?<![\\p{L}\\p{N}])(?:jetzt|nun) (?:\\p{L}+ )?nicht mehr(?![\\p{L}\\p{N}])',
    // …or the day first, the past after it ("at our event on Saturday was packing food", "la barbacoa del sábado
    // en Alcobendas fue un desastre", "o jantar de sábado foi péssimo")
    '(?<![\\p{L}\\p{N}])on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday) (?:was|were|had|did)(?![\\p{L}\\p{N}])',
    '(?<![\\p{L}\\p{N}])(?:del|de|do|da) (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|segunda|terca|quarta|quinta|sexta|sabado)(?:-feira)? (?:[^\\s.!?,]+ ){0,3}?(?:fue|fueron|estuvo|foi|foram|esteve)(?![\\p{L}\\p{N}])',
    // how long since it was last done ("haven't had my brows done in 3 months")
    `(?<![\\p{L}\\p{N}])(?:haven'?t|hasn'?t|have not|has not) (?:[^\\s.!?,]+ ){0,6}?in (?:over |about |almost )?(?:\\d+|${quantitySource}) (?:days?|weeks?|months?|years?)(?![\\p{L}\\p{N}])`,
    // a weekday told in the past in German ("war am Samstag da", "kam am Montag") and Turkish ("Cumartesi siz
    // ilaç atmıştınız", "pazartesi geldi")
    '(?<![\\p{L}\\p{N}])(?:war|waren|warst|wart|hatte|hatten|kam|kamen) (?:[^\\s.!?,]+ ){0,6}?(?:(?:am )?(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)|heute (?:fruh|morgen|vormittag))(?![\\p{L}\\p{N}])',
    // …or the weekday, then a participle ("die ihr am Samstag gereinigt habt", "den ganzen Samstag auf euren Fahrer
    // gewartet", "für Freitag bezahlt"), not "am Samstag geöffnet?" nor what is to be done ("gebracht werden")
    '(?<![\\p{L}\\p{N}])(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag) (?:[^\\s.!?,]+ ){0,6}?(?!geoffnet|geschlossen)(?:ge\\p{L}{3,}(?:t|en)|bezahlt|bestellt|repariert|installiert|montiert|verlegt|besucht|erledigt)(?![\\p{L}\\p{N}])(?! (?:werden|wird|bekommen|lassen|haben\\?|sein))',
    // Singlish "just now": a moment ago ("just now got spark", "he came just now")
    '(?<![\\p{L}\\p{N}])just now (?:[^\\s.!?,]+ ){0,2}?(?:got|had|was|were|came|went|\\p{L}+ed)(?![\\p{L}\\p{N}])',
    `(?<![\\p{L}\\p{N}])(?:pazartesi|sali|carsamba|persembe|cuma|cumartesi|pazar)(?:\\p{L}{0,5})? (?:[^\\s.!?,]+ ){0,4}?${TURKISH_PAST}(?![\\p{L}\\p{N}])`,
    // …and a month so ("Kasım'da taktınız", "geçen Ekim'de yaptırdık")
    `(?<![\\p{L}\\p{N}])(?:ocak|subat|mart|nisan|mayis|haziran|temmuz|agustos|eylul|ekim|kasim|aralik)(?:['’]?\\p{L}{0,5})? (?:[^\\s.!?,]+ ){0,4}?${TURKISH_PAST}(?![\\p{L}\\p{N}])`,
    // a visit told in the past in Portuguese, Spanish and French ("Fizeram a limpeza … na sexta", "est venu … jeudi")
    `(?<![\\p{L}\\p{N}])${ROMANCE_PAST} (?:[^\\s.!?]+ ){0,8}?(?:(?:na|no|el|le) )?${ROMANCE_WEEKDAY}`,
    // "it was" a few words before the weekday ("Fue en la Condesa el domingo", "c'était à Neuilly samedi")
    `(?<![\\p{L}\\p{N}])(?:fue|fueron|foi|foram|etait|c.?etait) (?:[^\\s.!?,]+ ){0,3}?(?:(?:na|no|el|le) )?${ROMANCE_WEEKDAY}`,
    // …or with the weekday first ("el sábado nos hicisteis el catering")
    `(?<![\\p{L}\\p{N}])(?:(?:el|la|na|no|le) )?${ROMANCE_WEEKDAY} (?:[^\\s.!?]+ ){0,2}?${ROMANCE_PAST}(?![\\p{L}\\p{N}])`,
    // how long it took, told in the past ("llegasteis en dos horas", "came in 3 hours", "chegaram em duas horas")
    '(?<![\\p{L}\\p{N}])(?:\\p{L}+(?:aron|asteis|aste|ieron|isteis|aram|eram|iram|ou)|came|took|arrived|showed up|turned up) (?:en|em|in|after|despues de|depois de) (?:\\d+|an?|one|two|three|una|un|dos|tres|uma|duas) (?:horas?|hours?|minutos|minutes|mins)(?![\\p{L}\\p{N}])',
    // a date told with "was" ("the clean was on 2 March")
    '(?<![\\p{L}\\p{N}])(?:was|were) on (?:the )?\\d{1,2}(?:st|nd|rd|th)?(?: of)? (?:january|february|march|april|may|june|july|august|september|october|november|december)(?![\\p{L}\\p{N}])',
    // earlier today or last night in Malay and Indonesian ("tadi pagi", "td malam")
    '(?<![\\p{L}\\p{N}])(?:tadi|td) (?:pagi|siang|sore|malam|petang)(?![\\p{L}\\p{N}])',
    // Hinglish "kal" or "aaj subah" told with a verb in the past ("kal … karke gaye", "aaj subah … aa gaye hain")
    '(?<![\\p{L}\\p{N}])(?:kal|aaj subah|subah) (?:[^\\s.!?,]+ ){0,9}?(?:gaye|gayi|gaya|aaye|aayi|aaya|kiya|kiye|diya|liya|hua|hui|tha|thi|the|uthi|utha|uthe|dekha|dekhi)(?![\\p{L}\\p{N}])',
    '(?<![\\p{L}\\p{N}\\p{M}])(?:कल|परसों|आज सुबह) (?:[^\\s.!?,।]+ ){0,13}?(?:गया|गई|गए|आया|आई|आए|किया|किए|दिया|लिया|हुआ|हुई|था|थी|थे)(?![\\p{L}\\p{N}\\p{M}])',
    '(?<![\\p{N}.,])\\d+[\\s-]*(?:months?|weeks?|years?|days?|meses|semanas|mois|semaines|monate|wochen|ay|hafta|bulan|minggu|mahine|mahina)[\\s-]*(?:pregnant|old|de gravidez|de embarazo|de grossesse|enceinte|embarazada|gravida|schwanger|hamile|hamil|olds?|ki pregnant)',
    '(?<![\\p{L}\\p{N}])(?:[\\p{L}\\p{N}]+ )?(?:times? this (?:week|month|year)|vez (?:este|esta|neste|nesta) (?:semana|mes)|fois (?:ce mois|cette semaine|cette annee)|mal (?:diese woche|diesen monat|in dieser woche|in diesem monat|dieses jahr))',
    // a time of day as the customer's own, spent or lost ("a waste of my morning", "ruined our weekend")
    '(?<![\\p{L}\\p{N}])(?:my|our|his|her|their) (?:whole |entire )?(?:morning|afternoon|evening|night|weekend)(?![\\p{L}\\p{N}])',
    // what happens every night, told of a problem ("in tears every night", "nangis tiap malam"): no visit's time
    '(?<![\\p{L}\\p{N}])(?:every night|each night|all night|nightly|tiap malam|setiap malam|tiap2 malam|har raat|hr raat|हर रात|cada noche|todas las noches|toda(?:s as)? noites?|toutes les nuits|chaque nuit|jede nacht|nachts immer|her gece|كل ليله|كل ليلة|kol lela|kol leila)(?![\\p{L}\\p{N}])',
    // …and said the other way round ("bu ay üçüncü kez", "kali ketiga bulan ni", "is mahine teesri baar")
    '(?<![\\p{L}\\p{N}])(?:bu (?:ay|hafta|sene|yil) \\p{L}+ (?:kez|kere|defa)|kali (?:ke)?\\p{L}+ (?:bulan|minggu) (?:ini|ni)|(?:is|iss) (?:mahine|hafte) \\p{L}+ (?:baar|bar))(?![\\p{L}\\p{N}])',
    // a day said again and again by the business ("كل يوم تقولون بكره", "every day you say tomorrow")
    '(?<![\\p{L}\\p{N}])(?:(?:you|they) (?:keep )?(?:say|saying|said)|(?:ت|ب|بت|ي)?تقولو\\p{L}*|(?:ت|ي)قولون|بتقول\\p{L}*)\\s+(?:(?:لي|لنا|me|us)\\s+)?(?:tomorrow|today|بكره|بكرا|بكرة|غدا|اليوم)(?:\\s+(?:tomorrow|بكره|بكرا|بكرة))*(?![\\p{L}\\p{N}])',
    // days, weeks or months counted with no word that puts them ahead ("three weeks waiting for a quote",
    // "2 semanas sin respuesta"): "in three weeks", "dans 2 semaines", "2 hafta sonra", "2 minggu lagi" stay
    `(?<![\\p{L}\\p{N}.,-])(?<!(?:in|within|next|coming|after|em|en|dans|ici|innerhalb|binnen|nach|dalam|setelah|selepas|daqui a|aqui a|dentro de|depois de|despues de|apres|proximas?|proximos?|prochaines?|nachsten|kommenden|gelecek|onumuzdeki|the next|the coming|in about|in around|the|les|los|las|os|den|die|prochains)\\s)(?:${quantitySource})\\s+(?:days?|weeks?|months?|dias|semanas|meses|jours|semaines|mois|tage|tagen|wochen|monate|monaten|gun|hafta|hari|minggu|bulan|din|hafte|mahine)(?![\\p{L}\\p{N}])(?!\\s+(?:from now|from today|later|away|ahead|lagi|sonra|icinde|baad|mein|me|spater|plus tard|depois|despues|mas tarde|apos))`,
    // late by hours ("2 h de retard", "3 hours late"), days ahead of something ("two days in advance")
    '(?<![\\p{L}\\p{N}])(?:\\d+|an?|one|two|three|un|une|deux|trois)\\s*(?:h|hrs?|hours?|heures?|horas?|stunden|jam|saat|ghante|minutes?|mins?|minutos?)\\s+(?:de retard|late|zu spat|verspatung|de atraso|de retraso|atrasad[oa]|terlambat|telat|gec)(?![\\p{L}\\p{N}])',
    '(?<![\\p{L}\\p{N}])(?:\\d+|a|one|two|three|four|five|un|une|deux|trois|dos|tres|dois)\\s+(?:days?|weeks?|jours|semaines|dias|semanas|tage|wochen|hari|minggu)\\s+(?:in advance|beforehand|early|a l.?avance|de antecedencia|de antelacion|con antelacion|im voraus|vorher|sebelumnya|lebih awal)(?![\\p{L}\\p{N}])',
    // a promise quoted, then the word of saying it ("'yarın geliyoruz' deyip kimse gelmiyor", "they said
    // 'tomorrow' again"): what was said, not when the customer wants the visit
    `['"‘“«][^'"’”»\\n]{1,60}['"’”»]\\s*(?:deyip|dedi\\p{L}*|diyor\\p{L}*|diye|dediniz|demistiniz|said|says|told|dijeron|dijo|dicen|disseram|disse|dizem|ont dit|a dit|disent|sagten|sagte|sagen|meinten|bilang|katanya|kata|cakap|bola|bole|kaha|kehte|قال\\p{L}*|يقول\\p{L}*)(?![\\p{L}\\p{N}])`,
    `(?:said|told (?:me|us)|dijeron|disseram|ont dit|sagten|dediler|bilang|kaha tha|قالوا)\\s*[:,]?\\s*['"‘“«][^'"’”»\\n]{1,60}['"’”»]`,
    // a promise told and broken ("قلتو غادي تجيو السبت وما جيتوش", "he said he'd come at 10 and came at 2",
    // "dijeron el sábado y no vinieron"): when they were to come, not when the customer wants the visit
    '(?<![\\p{L}\\p{N}])(?:said|told (?:me|us)|promised|قلتو\\p{L}*|قالي|قالو\\p{L}*|قال|dijeron|dijo|prometieron|disse\\p{L}*|ont dit|a dit|sagten|sagte|versprochen|dediniz|dedi\\p{L}*|bilang|janji|kaha tha|bola tha)(?:\\s+[^\\s.!?]+){0,8}?\\s+(?:(?:و)?ما جيتو\\p{L}*|(?:و)?ما جا\\p{L}*|(?:و)?مجاش|(?:و)?(?:جه|جا|جاء|وصل) الساعه|didn.?t (?:come|show)|never (?:came|showed)|came at|no (?:vinieron|vino|llegaron|llego)|nao (?:vieram|veio|apareceram|apareceu)|(?:ne )?sont pas venus|n.?est pas venu|kam(?:en)? nicht|nicht gekommen|gelmedi\\p{L}*|(?:tak|gak|tidak|nggak) (?:datang|dateng)|nahi (?:aaya|aaye|aayi))',
    // a Portuguese estate by name ("na Quinta do Lago"), not Thursday ("na quinta de manhã")
    '(?<![\\p{L}\\p{N}])quinta d[oa]s? (?!manha|tarde|noite|madrugada|feira|semana)\\p{L}+',
    // Morocco named, not the sunset prayer: "فالمغرب", "في المغرب"
    '(?<![\\p{L}\\p{N}])(?:(?:في|فى|من|الى|الي|داخل|خارج|كل) المغرب|[فبل]المغرب|للمغرب)(?![\\p{L}\\p{N}])',
    // "غدا" after a meal's word is the Gulf's lunch (غداء), not tomorrow: "بوكسات غدا", "وجبات غدا"
    '(?<![\\p{L}\\p{N}])(?:وجبات|وجبه|بوكسات|بوكس|اكل|طعام|سفره|عزومه|صحون|علب) غدا(?![\\p{L}\\p{N}])',
  ]
    .map((part) => `(?:${part})`)
    .join('|'),
  'gu',
);

function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(Math.max(0, end - start)) + text.slice(end);
}

/**
 * The folded text with greetings, past events and durations blanked out, so that what is left names a
 * "when" or nothing: "selamat siang, kemarin teknisi datang" leaves no timing.
 */
function maskNotTiming(text: FoldedText, language: string | undefined): FoldedText {
  let folded = text.folded;
  for (const hit of findPhrases(text, GREETING)) folded = blank(folded, hit.start, hit.end);
  const short = SHORT_GREETING.exec(folded);
  if (short !== null) folded = blank(folded, short.index, short.index + short[0].length);
  for (const hit of findPhrases(text, MEALS_AND_SPANS)) folded = blank(folded, hit.start, hit.end);
  folded = folded.replace(ARABIC_BACK_PAIN, (m) => ' '.repeat(m.length));
  folded = folded.replace(NOW_A_STATE, (m) => ' '.repeat(m.length));
  folded = folded.replace(SINCE_THIS_MORNING, (m) => ' '.repeat(m.length));
  folded = folded.replace(KAL_GONE_BY, (m) => ' '.repeat(m.length));
  // this morning in a sentence that asks nothing: what happened, not a when
  for (const hit of folded.matchAll(THIS_MORNING)) {
    const start = Math.max(...['.', '!', '?', '\n'].map((end) => folded.lastIndexOf(end, hit.index - 1))) + 1;
    const ends = /[.!?\n]/u.exec(folded.slice(hit.index));
    const sentence = folded.slice(start, ends === null ? folded.length : hit.index + ends.index + 1);
    if (!ASKS.test(sentence)) folded = blank(folded, hit.index, hit.index + hit[0].length);
  }
  const words = [...folded.matchAll(/[^\s,.;!?]+/gu)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    word: m[0],
  }));
  const after = (end: number, n: number) => {
    const next = words.filter((w) => w.start >= end).slice(0, n);
    return next.length === 0 ? end : (next.at(-1)?.end ?? end);
  };
  const before = (start: number, n: number) => {
    const previous = words.filter((w) => w.end <= start).slice(-n);
    return previous.length === 0 ? start : (previous[0]?.start ?? start);
  };
  const masked: FoldedText = { ...text, folded };
  for (const hit of findPhrases(masked, PAST_BEFORE_RE)) {
    const phrase = folded.slice(hit.start, hit.end);
    const [next, second] = words.filter((w) => w.start >= hit.end);
    // "for"/"من"/"selama": only before a span of time ("for 3 weeks", "من اسبوع"), not "for the kitchen"
    const span =
      next !== undefined &&
      (TIME_UNIT.test(next.word) ||
        (QUANTITY.test(next.word) && second !== undefined && TIME_UNIT.test(second.word)));
    if (BEFORE_NEEDS_UNIT.has(phrase) && !span) continue;
    // a weekday or a date just before says which day it was ("Sabtu kemarin", last Saturday; "tgl 2 kmrn")
    const at = words.findLastIndex((w) => w.end <= hit.start);
    const [dateWord, previous] = [words[at - 1], words[at]];
    const from =
      previous !== undefined && WEEKDAY_INDEX.has(previous.word)
        ? previous.start
        : previous !== undefined &&
            /^\d{1,2}$/u.test(previous.word) &&
            dateWord !== undefined &&
            /^(?:tgl|tanggal|tarikh|tkh)$/u.test(dateWord.word)
          ? dateWord.start
          : hit.start;
    // …or a clock time ("pukul 10 pagi semalam", "10am yesterday"): the hour it was
    const clock = CLOCK_JUST_BEFORE.exec(folded.slice(before(hit.start, 4), hit.start));
    const start = clock === null ? from : Math.min(from, hit.start - clock[0].length);
    folded = blank(folded, start, after(hit.end, 3));
  }
  for (const hit of findPhrases({ ...text, folded }, PAST_AFTER_RE)) {
    const phrase = folded.slice(hit.start, hit.end);
    const previous = words.filter((w) => w.end <= hit.start).at(-1);
    // Hinglish "the" (were) after a verb ("aaye the"); elsewhere it is the article ("end of the month")
    if (phrase === 'the' && language !== 'hi' && !HINDI_PERFECTIVE.test(previous?.word ?? '')) continue;
    // …in the same sentence ("kat Seremban 2. Lepas raya" is after Eid, not two gone by), the article dropped
    // ("l'weekend li fat")
    const unit = previous?.word.replace(/^[ld]'/u, '') ?? '';
    const marked =
      previous !== undefined &&
      !/[.!?]/u.test(folded.slice(previous.end, hit.start)) &&
      (TIME_UNIT.test(unit) || WEEKDAY_INDEX.has(unit) || /^\d+$/.test(unit));
    if (AFTER_NEEDS_UNIT.has(phrase) && !marked) continue;
    // Hinglish "Monday se start karna hai": from Monday on, ahead
    if ((phrase === 'se' || phrase === 'से') && FROM_ON.test(folded.slice(hit.end))) continue;
    // "अगले सोमवार से", "agle hafte se": from a day ahead on
    const twoBefore = words.filter((w) => w.end <= hit.start).slice(-2);
    if ((phrase === 'se' || phrase === 'से') && twoBefore.some((w) => AHEAD_BEFORE_SE.has(w.word))) continue;
    // "pasado mañana" is the day after tomorrow
    if (/^\s*manana/u.test(folded.slice(hit.end))) continue;
    folded = blank(folded, before(hit.start, 3), hit.end);
  }
  folded = folded.replace(TURKISH_DURATION, (m) => ' '.repeat(m.length));
  folded = folded.replace(DURATION_FOR, (m) => ' '.repeat(m.length));
  folded = folded.replace(NOT_A_WHEN, (m) => ' '.repeat(m.length));
  return { ...text, folded };
}

// ---- weekdays, weeks and months ahead ----

/** Weekday names per language, Sunday first (folded). */
const WEEKDAYS: string[][] = [
  [
    'sunday',
    'domingo',
    'dimanche',
    'sonntag',
    'pazar',
    'hari minggu',
    'ahad',
    'الاحد',
    'el7ad',
    'lhad',
    'l7ad',
    'a7ad',
    'ravivar',
    'रविवार',
    'itvaar',
    'itwar',
  ],
  [
    'monday',
    'lunes',
    'segunda',
    'segunda-feira',
    'lundi',
    'montag',
    'pazartesi',
    'senin',
    'senen',
    'isnin',
    'الاثنين',
    'الاتنين',
    'letnin',
    'tanin',
    'etnen',
    'itnein',
    'lithnin',
    'somvar',
    'सोमवार',
  ],
  [
    'tuesday',
    'martes',
    'terca',
    'terca-feira',
    'mardi',
    'dienstag',
    'sali',
    'selasa',
    'الثلاثاء',
    'التلات',
    'tlat',
    'talata',
    'talat',
    'tala2',
    'mangalvar',
    'मंगलवार',
  ],
  [
    'wednesday',
    'miercoles',
    'quarta',
    'quarta-feira',
    'mercredi',
    'mittwoch',
    'carsamba',
    'rabu',
    'الاربعاء',
    'الاربع',
    'larb3a',
    'arba3',
    'arb3a',
    'arbe3',
    'budhvar',
    'बुधवार',
  ],
  [
    'thursday',
    'jueves',
    'quinta',
    'quinta-feira',
    'jeudi',
    'donnerstag',
    'persembe',
    'kamis',
    'khamis',
    'الخميس',
    'lkhmis',
    'khamis',
    'khamees',
    '5amis',
    'guruvar',
    'गुरुवार',
    'veervar',
  ],
  [
    'friday',
    'viernes',
    'sexta',
    'sexta-feira',
    'vendredi',
    'freitag',
    'cuma',
    'jumat',
    "jum'at",
    'jumaat',
    'الجمعه',
    'jem3a',
    'jom3a',
    'jum3a',
    'gom3a',
    'gum3a',
    'gomaa',
    'shukravar',
    'शुक्रवार',
  ],
  [
    'saturday',
    'sabado',
    'samedi',
    'samstag',
    'sonnabend',
    'cumartesi',
    'sabtu',
    'السبت',
    'sebt',
    'sabt',
    'shanivar',
    'शनिवार',
  ],
];
const WEEKDAY_INDEX = new Map(WEEKDAYS.flatMap((names, day) => names.map((name) => [name, day] as const)));
// a weekday said as the ones to come ("Saturdays preferred", "on Mondays"): the next of them
for (const [day, name] of [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
].entries())
  WEEKDAY_INDEX.set(`${name}s`, day);
const WEEKDAY = phraseRegExp([...WEEKDAY_INDEX.keys()]);
/**
 * Weekday names that are everyday words of another intake language, read only in their own: Indonesian "cuma"
 * is "only", not the Turkish Friday; Spanish "segunda", "quinta" and "sexta" are ordinals, not the Portuguese
 * weekdays; "sali" is the Spanish "I left".
 */
const WEEKDAY_LANGUAGES: Record<string, readonly string[]> = {
  cuma: ['tr'],
  sali: ['tr'],
  segunda: ['pt'],
  terca: ['pt'],
  quarta: ['pt'],
  quinta: ['pt'],
  sexta: ['pt'],
};
function weekdayIn(said: string, language: string | undefined): boolean {
  const only = WEEKDAY_LANGUAGES[foldText(said).folded];
  return only === undefined || language === undefined || only.includes(language);
}

/** Relative days ahead: next week, this week, the weekend, next month, the end of the month. */
const AHEAD: Array<[string[], (today: Date, weekday: number) => number]> = [
  [
    [
      'next week',
      'nxt week',
      'la proxima semana',
      'proxima semana',
      'la semana que viene',
      'semana que vem',
      'semaine prochaine',
      'la semaine prochaine',
      'nachste woche',
      'kommende woche',
      'naechste woche',
      'haftaya',
      'gelecek hafta',
      'onumuzdeki hafta',
      'minggu depan',
      'minggu hadapan',
      'الاسبوع الجاي',
      'الاسبوع القادم',
      'الاسبوع الياي',
      'السيمانه الجايه',
      'simana jaya',
      'l2osbo3 ljay',
      'el esbo3 el gai',
      'agle hafte',
      'agle hafta',
      'अगले हफ्ते',
      'अगले सप्ताह',
    ],
    () => 7,
  ],
  [
    [
      'this week',
      'later this week',
      'esta semana',
      'essa semana',
      'cette semaine',
      'diese woche',
      'bu hafta',
      'minggu ini',
      'minggu ni',
      'هذا الاسبوع',
      'هالاسبوع',
      'had simana',
      'هاد السيمانه',
      'فهاد السيمانه',
      'هاد الاسبوع',
      'is hafte',
      'इस हफ्ते',
    ],
    () => 1,
  ],
  [
    [
      'this weekend',
      'the weekend',
      'on the weekend',
      'at the weekend',
      'fin de semana',
      'fim de semana',
      'ce week-end',
      'le week-end',
      'ce weekend',
      'am wochenende',
      'wochenende',
      'hafta sonu',
      'akhir pekan',
      'hujung minggu',
      'الويكند',
      'نهايه الاسبوع',
      'weekend',
      // every weekend ("weekends pls", "los fines de semana")
      'weekends',
      'on weekends',
      'at weekends',
      'fines de semana',
      'los fines de semana',
      'fins de semana',
      'les week-ends',
      'les weekends',
      'wochenenden',
      'hafta sonlari',
      'hafta sonlarinda',
    ],
    (_today, weekday) => (6 - weekday + 7) % 7 || 7,
  ],
  [
    [
      'next month',
      'nxt month',
      'el proximo mes',
      'el mes que viene',
      'mes que vem',
      'proximo mes',
      'le mois prochain',
      'mois prochain',
      'nachsten monat',
      'nachster monat',
      'kommenden monat',
      'gelecek ay',
      'onumuzdeki ay',
      'bulan depan',
      'bulan hadapan',
      'الشهر الجاي',
      'الشهر القادم',
      'الشهر الياي',
      'chhar jay',
      'agle mahine',
      'अगले महीने',
    ],
    () => 30,
  ],
  [
    [
      'end of the month',
      'end of month',
      'fin de mes',
      'finales de mes',
      'fim do mes',
      'final do mes',
      'fin du mois',
      'ende des monats',
      'monatsende',
      'ende monat',
      'ay sonu',
      'ay sonunda',
      'ay sonuna',
      'akhir bulan',
      'hujung bulan',
      'اخر الشهر',
      'mahine ke end',
      'mahine ke aakhir',
      'महीने के अंत',
    ],
    (today) => {
      const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 0)).getUTCDate();
      return Math.max(1, last - today.getUTCDate() - 2);
    },
  ],
];
const AHEAD_INDEX = new Map(
  AHEAD.flatMap(([phrases, offset]) => phrases.map((phrase) => [phrase, offset] as const)),
);
const AHEAD_RE = phraseRegExp([...AHEAD_INDEX.keys()]);
/**
 * "in 2 weeks", "dalam 3 hari", "2 hafta sonra", "in 3 Tagen", "dans 2 semaines", "2 din baad"; a window too:
 * "within the next 10 days", "dans les 15 jours", "en los próximos 15 días"; "two weeks from now", "2 minggu lagi".
 */
const IN_SPAN =
  /(?<![\p{L}\p{N}])(?:(?:in|within|dalam|dans|en|em|daqui a|nach)\s+(?:(?:the next|the|next|les|les prochains|los proximos|las proximas|os proximos|as proximas|proximos|proximas|den nachsten|die nachsten)\s+)?(\d+|a|one|two|three|dua|tiga|zwei|drei|deux|trois|quinze|dois|duas|tres|dos)\s+(day|days|week|weeks|hari|minggu|tagen|wochen|woche|jours|semaines|semanas|dias|semana|dia)|in a fortnight|(\d+|iki|bir)\s+(gun|hafta)\s+sonra|(\d+|do)\s+(din|hafte)\s+(?:baad|bad|mein)|(\d+|a|one|two|three|dua|tiga|satu)\s+(day|days|week|weeks|hari|minggu)\s+(?:from now|from today|lagi))(?![\p{L}])/u;
const SPAN_COUNTS: Record<string, number> = {
  a: 1,
  one: 1,
  bir: 1,
  two: 2,
  dua: 2,
  zwei: 2,
  deux: 2,
  dois: 2,
  duas: 2,
  dos: 2,
  iki: 2,
  do: 2,
  three: 3,
  tiga: 3,
  drei: 3,
  trois: 3,
  tres: 3,
  quinze: 15,
};
/** Days ahead an {@link IN_SPAN} match says: its count times its unit ("quinze jours" is 15, a fortnight 14). */
function spanDays(match: RegExpExecArray): number {
  if (match[0].includes('fortnight')) return 14;
  const count = match[1] ?? match[3] ?? match[5] ?? match[7] ?? '1';
  const unit = match[2] ?? match[4] ?? match[6] ?? match[8] ?? 'day';
  const n = /^\d+$/u.test(count) ? Number(count) : (SPAN_COUNTS[count] ?? 1);
  return /^(?:week|weeks|minggu|wochen|woche|semaines|semanas|semana|hafta|hafte)$/u.test(unit) ? n * 7 : n;
}
/** Days before today a date without a year is read as gone by, not as next year's. */
const LATELY_DAYS = 14;
/** Months before this one a month named alone is read as gone by, not as next year's. */
const LATELY_MONTHS = 2;
/** How many months before today's `month` is (1 for last month), or 12 and more for this month and ahead. */
function monthsAgo(today: { month: number }, month: number): number {
  const back = (today.month - month + 12) % 12;
  return back === 0 ? 12 : back;
}
/** Whether day `dayOfMonth` of `month`, said without a year, fell in the last `LATELY_DAYS` days. */
function lately(
  today: { year: number; month: number; day: number },
  month: number,
  dayOfMonth: number,
): boolean {
  const back =
    (Date.UTC(today.year, today.month - 1, today.day) - Date.UTC(today.year, month - 1, dayOfMonth)) /
    86_400_000;
  return back > 0 && back <= LATELY_DAYS;
}
/** A date written with numbers: 15/3, 15-03, 15.03.2026. */
const NUMERIC_DATE =
  /(?<![\d.,/])(\d{1,2})(?:[/-](\d{1,2})(?:[/-](\d{2,4}))?|\.(\d{1,2})\.(\d{2,4})?)(?![\d,/]|\.\d)/u;

// Months by name, in every intake language (Levantine and Maghrebi Arabic too), from CLDR through Intl.
const MONTH_LOCALES = ['en', 'es', 'pt', 'fr', 'de', 'tr', 'id', 'ms', 'ar', 'ar-SY', 'ar-MA', 'hi'];
const MONTH_INDEX = new Map<string, number>();
for (const locale of MONTH_LOCALES) {
  const format = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  for (let month = 1; month <= 12; month++) {
    const name = foldText(format.format(Date.UTC(2026, month - 1, 15))).folded;
    if (name !== '' && !/\d/u.test(name)) MONTH_INDEX.set(name, month);
  }
}
/** Turkish month names: only they take a Turkish case ending ("marche" is French, not "March" + "e"). */
const TURKISH_MONTHS = new Set(
  Array.from(
    { length: 12 },
    (_, i) =>
      foldText(
        new Intl.DateTimeFormat('tr', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, i, 15)),
      ).folded,
  ),
);
/** Whether a folded word names a month in an intake language ("march", "subat", "mac"). */
export function isMonthName(folded: string): boolean {
  return MONTH_INDEX.has(folded);
}
const MONTH_NAMES = [...MONTH_INDEX.keys()]
  .sort((a, b) => b.length - a.length)
  .map((name) => name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&').replace(/ /gu, '[\\s-]+'));
/**
 * A month by name, with a day before or after it ("14 Şubat", "14 de febrero", "August 14th") and Turkish case
 * endings ("eylülde", "Haziran'da"). Short names are everyday words too ("may", "mai", "nisan" is an engagement
 * once folded, "ocak" a stove): those count only with a day, a case ending or a word of time before them.
 */
const MONTH_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(\\d{1,2})\\.?\\s+(?:de\\s+)?)?(${MONTH_NAMES.join('|')})((?:da|de|ta|te|nda|nde|ya|ye|a|e)(?![\\p{L}])|\\s(?:da|de|ta|te)(?![\\p{L}]))?(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\p{N}]))?(?![\\p{L}\\p{N}])`,
  'gu',
);
const BEFORE_A_MONTH = new Set(
  [
    'in',
    'en',
    'em',
    'im',
    'au',
    'bulan',
    'pada',
    'this',
    'next',
    'early',
    'late',
    'mid',
    'end',
    'of',
    'from',
    'until',
    'fin',
    'ende',
    'ab',
    'desde',
    'partir',
    'principios',
    'comienzos',
    'mediados',
    'finales',
    'inicio',
    'inicios',
    'comeco',
    'meados',
    'fins',
    'akhir',
    'awal',
    'fim',
    'final',
    'debut',
    'anfang',
    'mitte',
    'no',
    'na',
    'f',
    'fi',
    'في',
    'شهر',
    'اول',
    'اخر',
    'اوائل',
    'اواخر',
    // Darija "of" ("f lwest dyal abril")
    'dyal',
    'dial',
    // from, until, before and after ("mulai April", "sampai Mei", "before June", "nach Mai")
    ...['mulai', 'sampai', 'hingga', 'sebelum', 'selepas', 'setelah', 'sesudah', 'pertengahan', 'hujung'],
  ].map((word) => foldText(word).folded),
);

/** A start or span said after a month's name in Hinglish and English ("April start", "May se", "June tak"). */
const FROM_A_MONTH = /^\s+(?:start|starting|onwards|se|से|tak|तक|mein|में|shuru|शुरू)(?![\p{L}\p{N}])/u;
/** A month said by its number in Malay and Indonesian ("awal bulan 4", "bulan 5 nanti"), not "4 bulan" (months). */
const MONTH_NUMBER = /(?<![\p{L}\p{N}])(?:bulan|chhar|chher|shahr|شهر)\s+(\d{1,2})(?![\p{N},:/-]|\.\d)/u;
/** Short month names that are no other word in any intake language: read alone ("Sommerfest im Büro, Juni"). */
const UNMISTAKABLE_SHORT_MONTHS = new Set([
  'juni',
  'juli',
  'juin',
  'abril',
  'junio',
  'julio',
  'junho',
  'julho',
]);
/** Words before a month's name that say its end or its middle ("Ende März", "finales de mayo", "mid-April"). */
const MONTH_END = new Set(
  ['end', 'ende', 'fin', 'fim', 'finales', 'fins', 'akhir', 'hujung', 'اخر', 'اواخر'].map(
    (w) => foldText(w).folded,
  ),
);
const MONTH_MIDDLE = new Set(
  ['mid', 'mitte', 'mediados', 'meados', 'pertengahan'].map((w) => foldText(w).folded),
);
/**
 * A part of a Turkish month after its name ("nisan başı", "mayıs ortasında", "haziran sonuna"), or the month said
 * as such ("Nisan ayında").
 */
const TURKISH_PART_OF_MONTH =
  /^\s+(?:basi|basinda|basindan|basina|ortasi|ortasinda|ortalari|ortalarinda|sonu|sonunda|sonuna|sonlari|sonlarinda|ayi|ayinda|ayindan|ayina|ayinin)(?![\p{L}\p{N}])/u;

function monthOf(text: FoldedText, today: { year: number; month: number; day: number }, language?: string) {
  for (const hit of allMatches(MONTH_RE, text.folded)) {
    const [, dayBefore, name = '', written, dayAfter] = hit;
    // a case ending belongs to a Turkish name; after another language's name it is another word
    const attached = written !== undefined && !/^\s/u.test(written);
    // …and only in Turkish: "Marta" is a name in Portuguese, no "Mart'a"
    if (attached && (!TURKISH_MONTHS.has(name) || (language !== undefined && language !== 'tr'))) continue;
    const ending = TURKISH_MONTHS.has(name) ? written : undefined;
    const month = MONTH_INDEX.get(name);
    const day = Number(dayBefore ?? dayAfter ?? 0);
    const before = text.folded
      .slice(0, hit.index)
      .trim()
      .split(/[\s-]+/u)
      .filter((word) => word !== '');
    // "a partir de abril", "a principios de mayo": the word before "de"
    const previous = (before.at(-1) === 'de' ? before.at(-2) : before.at(-1)) ?? '';
    const rest = text.folded.slice(hit.index + hit[0].length);
    const partOfMonth =
      (TURKISH_MONTHS.has(name) && TURKISH_PART_OF_MONTH.test(rest)) ||
      ((name !== 'may' || language === 'hi') && name !== 'march' && FROM_A_MONTH.test(rest));
    // a short name may be another word ("may", "mai", "mars", "mart"); these are months alone
    const short =
      (name.length <= 5 || name === 'march' || name === 'مارس') && !UNMISTAKABLE_SHORT_MONTHS.has(name);
    if (month === undefined || day > 31) continue;
    if (short && day === 0 && ending === undefined && !partOfMonth && !BEFORE_A_MONTH.has(previous)) continue;
    if (day > 0 && lately(today, month, day)) continue;
    // a month named alone that ended in the last two ("Paguei em fevereiro", said in March) is gone by
    if (day === 0 && monthsAgo(today, month) <= LATELY_MONTHS) continue;
    // "Ende März", "end of March", "mediados de marzo": a day late or in the middle of the month, not its first
    const part = day > 0 ? day : MONTH_END.has(previous) ? 25 : MONTH_MIDDLE.has(previous) ? 15 : 0;
    return dated(hit[0], month, part, today);
  }
  const numbered = MONTH_NUMBER.exec(text.folded);
  const month = Number(numbered?.[1] ?? 0);
  if (numbered !== null && month >= 1 && month <= 12) return dated(numbered[0], month, 0, today);
  return undefined;
}

function dated(
  text: string,
  month: number,
  day: number,
  today: { year: number; month: number; day: number },
) {
  let year = today.year;
  if (month < today.month || (month === today.month && day !== 0 && day < today.day)) year += 1;
  return {
    year,
    month,
    day: day === 0 ? (month === today.month && year === today.year ? today.day : 1) : day,
    text,
  };
}

// ---- holidays: a window everyone knows the date of ----

/**
 * Holidays by name in every intake language, folded, with how to find the next one. A customer who says
 * "after Eid", "nach Ostern", "setelah lebaran" or "before Christmas" states a when; its date is the
 * holiday's (Islamic ones from the Umm al-Qura calendar through Intl, Easter by the Gregorian computus).
 */
type HolidayKind = 'christmas' | 'new_year' | 'easter' | 'eid_fitr' | 'eid_adha' | 'iftar';
const HOLIDAY_NAMES: Record<HolidayKind, string[]> = {
  christmas: [
    'christmas',
    'xmas',
    'navidad',
    'natal',
    'noel',
    'weihnachten',
    'krismas',
    'क्रिसमस',
    'الكريسماس',
  ],
  new_year: [
    'new year',
    'ano nuevo',
    'ano novo',
    'nouvel an',
    'neujahr',
    'silvester',
    'yilbasi',
    'tahun baru',
    'naya saal',
    'راس السنه',
  ],
  easter: [
    'easter',
    'semana santa',
    'pascua',
    'pascoa',
    'paques',
    'ostern',
    'osterferien',
    'paskalya',
    'paskah',
  ],
  eid_fitr: [
    'eid',
    'eid al fitr',
    'eid ul fitr',
    // French writes it "l'Aïd" ("après l'Aïd", "pour l'Aïd el-Fitr")
    "l'aid",
    'l aid',
    'aid el fitr',
    'aid al fitr',
    'aid el seghir',
    'bayram',
    'ramazan bayrami',
    'seker bayrami',
    'lebaran',
    'idul fitri',
    'hari raya',
    'lepas raya',
    'selepas raya',
    'sebelum raya',
    // Raya said alone, as the time of it ("cuti raya", "balik kampung raya ni", "tempah kereta utk raya")
    ...[
      'cuti raya',
      'raya ni',
      'raya nanti',
      'utk raya',
      'untuk raya',
      'balik raya',
      'musim raya',
      'time raya',
    ],
    ...['masa raya', 'sempena raya', 'pagi raya', 'hari raya nanti'],
    // the end of Ramadan is the feast that ends it
    ...[
      'end of ramadan',
      'fin du ramadan',
      'fin de ramadan',
      'fim do ramadao',
      'fim do ramada',
      'fim do ramadan',
    ],
    ...['ende des ramadan', 'ramazan sonu', 'akhir ramadan', 'hujung ramadan', 'akhir puasa', 'hujung puasa'],
    'عيد الفطر',
    'العيد',
    // "for the Eid", "at the Eid": the article joined to "for" or "in"
    'للعيد',
    'بالعيد',
    'فالعيد',
    'العيد الصغير',
    'after ramadan',
    'nach ramadan',
    'apres le ramadan',
    'despues de ramadan',
    'ramazandan sonra',
    'setelah puasa',
    'بعد رمضان',
    'ramzan ke baad',
    'ramadan ke baad',
    'ramzan ke bad',
    'रमज़ान के बाद',
    'रमजान के बाद',
    'selepas ramadan',
    'setelah ramadan',
    'depois do ramadao',
    'depois do ramadan',
    'l3id',
    'el 3id',
    'la3id',
    'l3eed',
    'el 3eid',
    'l3eid',
    'la3eid',
    '3eid',
  ],
  eid_adha: [
    'eid al adha',
    'aid el kebir',
    "l'aid el kebir",
    'l aid el kebir',
    'aid el adha',
    'eid ul adha',
    'kurban bayrami',
    'idul adha',
    'raya haji',
    'bakrid',
    'bakra eid',
    'عيد الاضحى',
    'العيد الكبير',
  ],
  iftar: ['iftar', 'iftardan sonra', 'buka puasa', 'بعد الفطور', 'بعد الافطار', 'after iftar'],
};
const HOLIDAY_INDEX = new Map(
  Object.entries(HOLIDAY_NAMES).flatMap(([kind, names]) =>
    names.map((name) => [name, kind as HolidayKind] as const),
  ),
);
// Turkish says "after" with a case ending on the name ("Bayramdan sonra", "yılbaşında")
const HOLIDAY_RE = phraseRegExp([...HOLIDAY_INDEX.keys()], (name) =>
  /^[a-z ]+$/u.test(name) && name.length >= 5 ? '(?:dan|den|tan|ten|da|de|ta|te|a|e|ya|ye|in|un)?' : '',
);
const ISLAMIC = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', {
  month: 'numeric',
  day: 'numeric',
  timeZone: 'UTC',
});

/** The next day on or after `today` whose Islamic month and day are these (scanning at most a year ahead). */
function nextIslamic(today: { year: number; month: number; day: number }, month: number, day: number) {
  for (let ahead = 0; ahead <= 370; ahead++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + ahead, 12));
    const parts = ISLAMIC.formatToParts(date);
    const m = Number(parts.find((p) => p.type === 'month')?.value);
    const d = Number(parts.find((p) => p.type === 'day')?.value);
    if (m === month && d === day)
      return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  }
  return undefined;
}

/** Easter Sunday of a year (the anonymous Gregorian algorithm). */
function easter(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((8 * b + 13) / 25) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return { month, day: ((h + l - 7 * m + 114) % 31) + 1 };
}

/** Words that make the meal that breaks the fast a time: "after iftar", "sebelum buka puasa", "iftar ke baad". */
const MEAL_TIME_BEFORE =
  /(?:^|[^\p{L}])(?:after|before|at|by|until|till|around|from|sebelum|selepas|lepas|sesudah|setelah|menjelang|jelang|waktu|pas|nach|vor|zum|bis|apres|avant|despues|antes|depois|ba3d|ba3ed|gabl|qabl|بعد|قبل|وقت|عند)\s+(?:the\s+|dem\s+|de\s+|del\s+|do\s+|da\s+|la\s+|l\s*'?\s*|el\s+|al\s+|o\s+)?$/u;
const MEAL_TIME_AFTER =
  /^\s*(?:ke\s+baad|ke\s+bad|se\s+pehle|se\s+pahle|ke\s+time|ke\s+waqt|time\b|ke\s+samay|sonra|once|vakti|saati|के\s+बाद|से\s+पहले|के\s+समय)/u;

function holidayOf(text: FoldedText, today: { year: number; month: number; day: number }) {
  const hit = findPhrases(text, HOLIDAY_RE)[0];
  if (hit === undefined) return undefined;
  const said = text.folded.slice(hit.start, hit.end).replace(/[\s-]+/gu, ' ');
  const kind =
    HOLIDAY_INDEX.get(said) ??
    [...HOLIDAY_INDEX].find(([name]) => said.startsWith(name) && said.length - name.length <= 3)?.[1];
  if (kind === undefined) return undefined;
  // "iftar packages", "paket buka puasa": the meal named as a thing is no when
  if ((kind === 'iftar' && said === 'iftar') || said === 'buka puasa') {
    const before = text.folded.slice(Math.max(0, hit.start - 24), hit.start);
    const after = text.folded.slice(hit.end, hit.end + 24);
    if (!MEAL_TIME_BEFORE.test(before) && !MEAL_TIME_AFTER.test(after)) return undefined;
  }
  let date: { year: number; month: number; day: number } | undefined;
  let hour = 0;
  if (kind === 'christmas') date = dated(hit.text, 12, 25, today);
  else if (kind === 'new_year') date = dated(hit.text, 1, 1, today);
  else if (kind === 'easter') {
    // this year's, or next year's once it has passed
    const thisYear = easter(today.year);
    const { year } = dated(hit.text, thisYear.month, thisYear.day, today);
    date = { year, ...easter(year) };
  } else if (kind === 'eid_fitr') date = nextIslamic(today, 10, 1);
  else if (kind === 'eid_adha') date = nextIslamic(today, 12, 10);
  else {
    // the meal that breaks the fast: this evening
    date = today;
    hour = 19;
  }
  return date === undefined ? undefined : { ...date, hour, text: hit.text };
}

/**
 * "on the 28th", "the 3rd, please", Hinglish "25 tarikh": a day of this month (or the next, when it has
 * passed); not "the 3rd time".
 */
const ORDINAL_DAY =
  /(?<![\p{L}\p{N}])(\d{1,2})(?:(?:st|nd|rd|th)(?=\s*(?:$|[,.;!?]|of\b|at\b|if\b|please\b|pls\b))|\s+(?:tarikh|tareekh|tarik|तारीख)(?![\p{L}\p{N}]))/u;

/**
 * A day of the month after a word that makes it one ("after the 20th", "depois do dia 20", "a partir del día
 * 15", "après le 20", "nach dem 20."), this month's or, once passed, the next's.
 */
const DAY_AFTER_PREPOSITION =
  /(?<![\p{L}\p{N}])(?:(?:after|before|from|until|till|by|on) the (\d{1,2})(?:st|nd|rd|th)|(?:depois do|antes do|a partir do|ate o|ate ao|no) dia (\d{1,2})|(?:despues del|antes del|a partir del|hasta el|el) dia (\d{1,2})|(?:apres le|avant le|a partir du|jusqu au|semaine du) (\d{1,2})(?!\s*(?:h\b|heures?|jours|ans|euros?|%|personnes))|(?:nach dem|vor dem|ab dem|bis zum) (\d{1,2})\.)(?![\p{L}\p{N}])/u;

/**
 * A day of the month named by its own word, with no preposition: "é dia 25", "el día 3", "tanggal 25", "tgl 5",
 * "tarikh 12", "ayın 20'si", "20'sinden önce", "am 25.", "le 25 si possible", "يوم 25". A unit or a floor after
 * the number makes it something else ("dia 2 anos", "am 3. Stock").
 */
const DAY_OF_MONTH_SAID =
  /(?<![\p{L}\p{N}])(?:(\d{1,2}) ?hb(?![\p{L}\p{N}])|(?:dia|tanggal|tgl|tarikh|tkh|ayin|nhar|نهار|يوم) (\d{1,2})(?![\p{L}\p{N}]|[.,:]\d)(?!\s*(?:tahun|bulan|hari|minggu|jam|orang|kali|anos|anios|meses|dias|semanas|horas|يوم|ايام|اسابيع|شهور|ساعات))|(?<!saat )(\d{1,2})['’]?s?[iu]n(?:de|da|den|dan|e|a)(?![\p{L}\p{N}])|am (\d{1,2})\.(?![\p{N}])(?!\s*(?:stock|og|etage|obergeschoss))|le (\d{1,2})(?=\s*(?:$|[,.!?]|si\b|ou\b|svp|stp|au matin|matin|apres|prochain|de ce mois|du mois)))/u;

/**
 * A season ahead, with a word that makes it a "when": "before summer", "antes del verano", "avant l'hiver",
 * "bis zum Sommer", "kıştan önce", "yaza kadar", "sebelum musim hujan", "قبل الصيف", "garmi se pehle", "this
 * winter", "el próximo verano", "cet été", "nächsten Frühling", "bu kış". A season alone is no "when" ("in winter
 * the house is freezing").
 */
const SEASONS: Array<[start: { month: number; day: number }, names: string[]]> = [
  [
    { month: 3, day: 20 },
    ['spring', 'primavera', 'printemps', 'fruhling', 'fruhjahr', 'ilkbahar', 'bahar', 'الربيع'],
  ],
  [
    { month: 6, day: 21 },
    [
      'summer',
      'verano',
      'verao',
      'ete',
      'sommer',
      'yaz',
      'musim panas',
      'الصيف',
      'garmi',
      'garmiyon',
      'गर्मी',
      'गर्मियों',
    ],
  ],
  [{ month: 9, day: 22 }, ['autumn', 'fall', 'otono', 'outono', 'automne', 'herbst', 'sonbahar', 'الخريف']],
  [
    { month: 12, day: 21 },
    [
      'winter',
      'invierno',
      'inverno',
      'hiver',
      'kis',
      'musim dingin',
      'الشتاء',
      'sardi',
      'sardiyon',
      'सर्दी',
      'सर्दियों',
    ],
  ],
  [{ month: 6, day: 1 }, ['monsoon', 'barsaat', 'baarish', 'बरसात']],
  [{ month: 10, day: 1 }, ['rainy season', 'musim hujan']],
  [{ month: 4, day: 1 }, ['dry season', 'musim kemarau']],
];
/** Seasons of the tropics, named by rain, not by the sun: the same months either side of the equator. */
const TROPICAL = new Set([
  'monsoon',
  'barsaat',
  'baarish',
  'बरसात',
  'rainy season',
  'musim hujan',
  'dry season',
  'musim kemarau',
]);
const SEASON_START = new Map(
  SEASONS.flatMap(([start, names]) => names.map((name) => [name, start] as const)),
);
const seasonSource = [...SEASON_START.keys()].sort((a, b) => b.length - a.length).join('|');
const SEASON_AHEAD = new RegExp(
  [
    // the word before the season
    `(?:before|by|until|till|this|next|coming|antes del?|hasta el|para el|este|esta|proximo|ate ao|ate o|antes do|neste|no proximo|avant l'|avant l |avant le|d'ici l'|d ici l |d'ici le|cet|ce|vor dem|vor|bis zum|bis|diesen|nachsten|im nachsten|kommenden|bu|gelecek|onumuzdeki|sebelum|قبل|هذا|هاد|is|agle|agli)\\s*(?:(?:the|el|la|le|o|a|dem|den)\\s+)?(${seasonSource})`,
    // the word after it
    `(${seasonSource})(?:dan|den|tan|ten)? (?:once|gelmeden)|(${seasonSource})(?:a|e|ya|ye)? kadar|(${seasonSource}) (?:prochain|que viene|que vem|ini|depan|nanti|الجاي|القادم|الجاي|se pehle|से पहले)`,
  ]
    .map((part) => `(?:${part})`)
    .join('|'),
  'u',
);
/** …as whole words. */
const SEASON_AHEAD_WORD = new RegExp(`(?<![\\p{L}\\p{N}])(?:${SEASON_AHEAD.source})(?![\\p{L}\\p{N}])`, 'u');
/** Timezones south of the equator, where the seasons come the other way round. */
const SOUTHERN =
  /^(?:Australia|Antarctica|Pacific\/Auckland|America\/(?:Sao_Paulo|Argentina|Santiago|Montevideo|Asuncion)|Africa\/(?:Johannesburg|Maputo|Windhoek))/u;

function seasonAhead(
  text: FoldedText,
  context: TimingContext,
  today: { year: number; month: number; day: number },
) {
  const hit = SEASON_AHEAD_WORD.exec(text.folded);
  if (hit === null) return undefined;
  const name = hit.slice(1).find((group) => group !== undefined) ?? '';
  let start = SEASON_START.get(name);
  if (start === undefined) return undefined;
  if (SOUTHERN.test(context.timezone) && !TROPICAL.has(name))
    start = { month: ((start.month + 5) % 12) + 1, day: start.day };
  const passed = start.month < today.month || (start.month === today.month && start.day <= today.day);
  return {
    year: today.year + (passed ? 1 : 0),
    ...start,
    text: originalSpan(text, hit.index, hit.index + hit[0].length),
  };
}

/**
 * Within an hour or two, where chrono reads no such phrase: "daqui a uma hora", "dalam sejam", "ek ghante
 * mein", "خلال ساعة", "bir saat içinde"; and by noon ("öğlene kadar", "avant midi", "sebelum tengah hari").
 */
const WITHIN_HOURS =
  /(?<![\p{L}\p{N}])(?:(?:daqui a|dentro de|em) (uma|duas|\d+) horas?|dalam (satu|dua|\d+) jam|dalam (se)jam(?: lagi)?|(se)jam lagi|(satu|dua|\d+) jam lagi|(ek|do|\d+) ghant[ea] (?:mein|me|main)|(?:خلال|بعد|في خلال) (ساعه|ساعتين)|(bir|yarim|iki|\d+) saat (?:icinde|icerisinde))(?![\p{L}\p{N}])/u;
const HOURS_SAID: Record<string, number> = {
  uma: 1,
  duas: 2,
  satu: 1,
  dua: 2,
  se: 1,
  ek: 1,
  do: 2,
  ساعه: 1,
  ساعتين: 2,
  bir: 1,
  yarim: 0.5,
  iki: 2,
};
const BY_NOON =
  /(?<![\p{L}\p{N}])(?:oglene kadar|ogleden once|avant midi|sebelum tengah hari|sebelum siang|dopahar se pehle|قبل الظهر)(?![\p{L}\p{N}])/u;

function aheadOf(text: FoldedText, context: TimingContext): TimingSignal | undefined {
  const within = WITHIN_HOURS.exec(text.folded);
  if (within !== null) {
    const said = within.slice(1).find((group) => group !== undefined) ?? '1';
    const hours = /^\d+$/u.test(said) ? Number(said) : (HOURS_SAID[said] ?? 1);
    // "within" an hour may be now; "in" an hour is then
    const by = /^(?:dalam|dentro|خلال|في خلال)|(?:icinde|icerisinde|mein|me|main)$/u.test(within[0]);
    if (hours > 0 && hours <= 12)
      return {
        iso: formatInTimezone(
          new Date(context.now.getTime() + (by ? 0 : hours * 3_600_000)),
          context.timezone,
        ),
        text: originalSpan(text, within.index, within.index + within[0].length),
        confidence: 0.7,
        source: 'rule',
      };
  }
  const today = localParts(context.now, context.timezone);
  const byNoon = BY_NOON.exec(text.folded);
  if (byNoon !== null)
    return {
      iso: formatInTimezone(
        zonedInstant(today.year, today.month, today.day, 12, 0, context.timezone),
        context.timezone,
      ),
      text: originalSpan(text, byNoon.index, byNoon.index + byNoon[0].length),
      confidence: 0.7,
      source: 'rule',
    };
  const noon = new Date(Date.UTC(today.year, today.month - 1, today.day, 12));
  const weekday = noon.getUTCDay();
  const at = (offset: number, phrase: string, confidence: number): TimingSignal => ({
    iso: formatInTimezone(
      zonedInstant(today.year, today.month, today.day + offset, 0, 0, context.timezone),
      context.timezone,
    ),
    text: phrase,
    confidence,
    source: 'rule',
  });
  const ahead = findPhrases(text, AHEAD_RE)[0];
  if (ahead !== undefined) {
    const offset =
      AHEAD_INDEX.get(foldText(ahead.text).folded.replace(/[\s-]+/g, ' ')) ??
      AHEAD_INDEX.get(foldText(ahead.text).folded);
    return at(offset?.(noon, weekday) ?? 7, ahead.text, 0.7);
  }
  const day = findPhrases(text, WEEKDAY).find((hit) => weekdayIn(hit.text, context.language));
  if (day !== undefined) {
    const target = WEEKDAY_INDEX.get(foldText(day.text).folded);
    if (target !== undefined) return at((target - weekday + 7) % 7 || 7, day.text, 0.75);
  }
  const span = IN_SPAN.exec(text.folded);
  if (span !== null)
    return at(spanDays(span), originalSpan(text, span.index, span.index + span[0].length), 0.65);
  const date = NUMERIC_DATE.exec(text.folded);
  // "5-6 koli": a range of numbers before the things it counts, no date
  const counts =
    date !== null &&
    /^\d{1,2}-\d{1,2}$/u.test(date[0]) &&
    /^\s+\p{L}{3,}/u.test(text.folded.slice(date.index + date[0].length)) &&
    !MONTH_INDEX.has(/^\s+(\p{L}+)/u.exec(text.folded.slice(date.index + date[0].length))?.[1] ?? '');
  if (date !== null && !counts) {
    const dayOfMonth = Number(date[1]);
    const month = Number(date[2] ?? date[4]);
    if (
      dayOfMonth >= 1 &&
      dayOfMonth <= 31 &&
      month >= 1 &&
      month <= 12 &&
      !lately(today, month, dayOfMonth)
    ) {
      let year = today.year;
      if (month < today.month || (month === today.month && dayOfMonth < today.day)) year += 1;
      const start = zonedInstant(year, month, dayOfMonth, 0, 0, context.timezone);
      return {
        iso: formatInTimezone(start, context.timezone),
        text: date[0],
        confidence: 0.7,
        source: 'rule',
      };
    }
  }
  const holiday = holidayOf(text, today);
  if (holiday !== undefined) {
    const start = zonedInstant(holiday.year, holiday.month, holiday.day, holiday.hour, 0, context.timezone);
    return {
      iso: formatInTimezone(start, context.timezone),
      text: holiday.text,
      confidence: 0.6,
      source: 'rule',
    };
  }
  const named = monthOf(text, today, context.language);
  if (named !== undefined) {
    const start = zonedInstant(named.year, named.month, named.day, 0, 0, context.timezone);
    return {
      iso: formatInTimezone(start, context.timezone),
      text: originalSpanOf(text, named.text),
      confidence: 0.7,
      source: 'rule',
    };
  }
  const season = seasonAhead(text, context, today);
  if (season !== undefined) {
    const start = zonedInstant(season.year, season.month, season.day, 0, 0, context.timezone);
    return {
      iso: formatInTimezone(start, context.timezone),
      text: season.text,
      confidence: 0.55,
      source: 'rule',
    };
  }
  const ordinal =
    ORDINAL_DAY.exec(text.folded) ??
    DAY_AFTER_PREPOSITION.exec(text.folded) ??
    DAY_OF_MONTH_SAID.exec(text.folded);
  // …not when a month is named after it ("no dia 28 de fevereiro"): the month's readers above have said
  const monthAfter = /^\s+(?:de |of |d )?(\p{L}+)/u.exec(
    text.folded.slice((ordinal?.index ?? 0) + (ordinal?.[0].length ?? 0)),
  );
  if (ordinal !== null && !MONTH_INDEX.has(monthAfter?.[1] ?? '')) {
    const dayOfMonth = Number(ordinal.slice(1).find((group) => group !== undefined));
    if (dayOfMonth >= 1 && dayOfMonth <= 31) {
      const later = dayOfMonth < today.day;
      const ahead = later ? (today.month % 12) + 1 : today.month;
      const year = later && today.month === 12 ? today.year + 1 : today.year;
      const start = zonedInstant(year, ahead, dayOfMonth, 0, 0, context.timezone);
      return {
        iso: formatInTimezone(start, context.timezone),
        text: ordinal[0].trim(),
        confidence: 0.65,
        source: 'rule',
      };
    }
  }
  return undefined;
}

/** The customer's own words for a span of the folded text found by its folded form. */
function originalSpanOf(text: FoldedText, folded: string): string {
  const at = text.folded.indexOf(folded);
  return at < 0 ? folded : originalSpan(text, at, at + folded.length);
}

// Times: "17:00", "5.30", "17h30", "5pm", "at 5", "a las 5", "jam 5", "saat 5", "الساعه 5", "5 baje".
const CLOCK = /(?<![\p{L}\p{N}])(\d{1,2})(?:[:.h](\d{2}))(?![\p{N}])/u;
const MERIDIEM = /(?<![\p{L}\p{N}])(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)(?![\p{L}])/u;
const FRENCH_HOUR = /(?<![\p{L}\p{N}])(\d{1,2})\s*h(?![\p{L}\p{N}])/u;
// "a"/"as" are also the English article and "as" ("a 2 bed flat"): after them only an hour that ends the phrase;
// so after a word of "from" ("a partir de las 6", "ab 17 Uhr", "after 6 months" is none)
const PREFIXED_HOUR =
  /(?<![\p{L}\p{N}])(?:(?:at|around|a las|a la|vers|jam|pukul|saat|الساعه|الساعة|sa3a|el sa3a)\s+(\d{1,2})(?![\p{N}:.])|(?:as|a)\s+(\d{1,2})(?![\p{N}:.])(?=\s*(?:$|[,;!?]|\.(?!\d)|h\b|horas?\b|heures?\b|hrs?\b|(?:da|de la) ))|(?:a partir de las?|desde las?|a partir das?|depois das?|from|after|ab|um|nach|des|dari jam|mulai jam|lepas pukul|selepas pukul)\s+(\d{1,2})(?![\p{N}:.])(?=\s*(?:$|[,;!?]|\.(?!\d)|h\b|uhr\b|horas?\b|heures?\b|hrs?\b|o.?clock\b|(?:da|de la) )))/u;
/** "About" a number before the things it counts, in the plural: a quantity ("around 20 parcels", "about 12 people"). */
const ABOUT_SO_MANY =
  /^(?:around|about)\s+\d{1,2}\s+(?!(?:this|is|was|as|its|us|hrs|hours|mins|minutes|o.?clock)(?![\p{L}]))(?:\p{L}{2,}s|people|pcs|persons?|kids|children|staff)(?![\p{L}\p{N}])/u;
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
    // the prefixed hour has three alternatives, each with its own group and no minutes
    const minuteGroup = pattern === PREFIXED_HOUR ? undefined : match[2];
    let hour = Number(match[1] ?? match[2] ?? (pattern === PREFIXED_HOUR ? match[3] : undefined));
    const minute = minuteGroup ? Number(minuteGroup) : 0;
    if (hour > 23 || minute > 59) continue;
    // "around 20 parcels a week", "about 12 people": about so many things, no hour
    if (pattern === PREFIXED_HOUR && ABOUT_SO_MANY.test(text.folded.slice(match.index))) continue;
    let explicit = hour >= 13 || hour === 0;
    if (isMeridiem) {
      const pm = (match[3] ?? '').startsWith('p');
      if (hour > 12) continue;
      hour = (hour % 12) + (pm ? 12 : 0);
      explicit = true;
    }
    if (!isMeridiem && minuteGroup !== undefined && hour >= 10) explicit = true;
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
/** Instants read last, by timezone and time: a turn reads the same few (its messages', now) several times. */
const recentParts = new Map<string, LocalParts>();
const RECENT_PARTS = 64;

/** The wall-clock parts of `instant` in `timezone`; the answer is shared: read it, never change it. */
function localParts(instant: Date, timezone: string): LocalParts {
  const key = `${timezone}|${instant.getTime()}`;
  const known = recentParts.get(key);
  if (known !== undefined) return known;
  const parts = localPartsOnce(instant, timezone);
  if (recentParts.size >= RECENT_PARTS) recentParts.clear();
  recentParts.set(key, parts);
  return parts;
}

function localPartsOnce(instant: Date, timezone: string): LocalParts {
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
export function zonedInstant(
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

/** The calendar day of `instant` in `timezone`, `YYYY-MM-DD` (days compare as strings). */
export function dayInTimezone(instant: Date, timezone: string): string {
  const p = localParts(instant, timezone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
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

/** The next weekday named in the text (a week ahead when it is today's), as days from today. */
function weekdayAhead(
  text: FoldedText,
  context: TimingContext,
  today: { year: number; month: number; day: number },
): { offset: number; hit: PhraseHit } | undefined {
  const hit = findPhrases(text, WEEKDAY).find((found) => weekdayIn(found.text, context.language));
  const target = hit === undefined ? undefined : WEEKDAY_INDEX.get(foldText(hit.text).folded);
  if (hit === undefined || target === undefined) return undefined;
  const weekday = new Date(Date.UTC(today.year, today.month - 1, today.day, 12)).getUTCDay();
  return { offset: (target - weekday + 7) % 7 || 7, hit };
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
  // this morning asked for ("can you come this morning?", "bisa pagi ini?"): today's, from now when it has begun
  const thisMorning =
    periodHit !== undefined &&
    [...text.folded.matchAll(THIS_MORNING)].some(
      (hit) => hit.index <= periodHit.start && hit.index + hit[0].length >= periodHit.end,
    );
  // a weekday with the time of day or the hour ("Saturday morning", "sábado a las 10"): that day's
  const weekday =
    day === undefined && period?.day === undefined ? weekdayAhead(masked, context, today) : undefined;
  let offset = typeof day?.offset === 'number' ? day.offset : (period?.day ?? weekday?.offset ?? 0);
  // "today after iftar", "اليوم من بعد الفطور": the day's hour is the meal's
  const meal = day !== undefined && !period && !time ? holidayOf(masked, today) : undefined;
  let hour: number | undefined =
    period?.hour ?? (meal !== undefined && meal.hour > 0 ? meal.hour : undefined);
  let minute = 0;
  if (time) {
    hour = time.hour;
    minute = time.minute;
    if (!time.explicit && time.hour < 12) {
      // A bare hour: the period word decides; otherwise 1–7 are business-hours afternoons.
      if (period?.pm || (!period && time.hour >= 1 && time.hour <= 7)) hour = time.hour + 12;
    }
  }

  // today's weekday with an hour still ahead today ("Tuesday 5pm", said on a Tuesday morning) is today
  if (
    weekday?.offset === 7 &&
    hour !== undefined &&
    zonedInstant(today.year, today.month, today.day, hour, minute, context.timezone).getTime() > now.getTime()
  )
    offset = 0;
  let start: Date;
  if (hour === undefined) {
    const midnight = zonedInstant(today.year, today.month, today.day + offset, 0, 0, context.timezone);
    start = midnight.getTime() > now.getTime() ? midnight : now;
  } else {
    start = zonedInstant(today.year, today.month, today.day + offset, hour, minute, context.timezone);
    // "at 5" with no day, already past today → tomorrow.
    if (thisMorning && start.getTime() <= now.getTime()) start = now;
    else if (!day && period?.day === undefined && !weekday && start.getTime() <= now.getTime()) {
      offset += 1;
      start = zonedInstant(today.year, today.month, today.day + offset, hour, minute, context.timezone);
    }
  }
  const parts = [day || weekday ? 1 : 0, period ? 1 : 0, time ? 1 : 0].reduce((a, b) => a + b, 0);
  const confidence = parts >= 2 ? 0.85 : day ? 0.75 : time ? 0.7 : 0.6;
  return {
    iso: formatInTimezone(start, context.timezone),
    text: span(text, [dayHit ?? weekday?.hit, periodHit, time]),
    confidence,
    source: 'rule',
  };
}

/**
 * What chrono reads as a time that customers do not mean as one: a number counting something ("menú de 3
 * platos", "festa de 15 anos", "apartamento de 2 quartos" — chrono's "from 3"), an hour said as a length
 * ("llegó una hora tarde"), and one word that is no weekday, month or midday ("tarde" alone is late, "marche"
 * no "mardi", "was bietet ihr so an?" — "So" is Sunday only with a date).
 */
function notAWhen(found: string, rest: string): boolean {
  const words = foldText(found).folded.trim();
  // one word is a when only as a weekday, a month or midday ("marche" is no "mardi", "tarde" alone is late)
  if (/^\p{L}+$/u.test(words) && !WEEKDAY_INDEX.has(words) && !MONTH_INDEX.has(words) && !MIDDAY.has(words))
    return true;
  if (/^(?:una|uma|une|one|an?|ein|eine|the)\s+(?:hora|hour|hr|heure|stunde)$/u.test(words)) return true;
  // one letter after an article ("a S$85 charge"); minutes after which something happened ("after a few minutes the
  // instructor swam off")
  if (/^(?:the|a|an)\s+\p{L}$/u.test(words)) return true;
  if (/^after (?:a few|few|some|a couple of|\d+) (?:minutes?|mins?|seconds?)$/u.test(words)) return true;
  // a count before a word that is also a time zone ("10 PT sessions"): only a clock time is said with its zone
  if (/^\d{1,2}\s*(?:pt|pst|pdt|et|est|edt|ct|cst|mt|mst)$/u.test(words)) return true;
  // "snapped in half" is no half hour, "25m" a length; seconds are how long something lasted ("for a few seconds"), never a visit
  if (
    /^in half(?! an hour| hour)/u.test(words) ||
    /^\d+\s*m$/u.test(words) ||
    /(?:^|\s)(?:seconds?|secs?|segundos?|secondes?|sekunden?|saniye|detik|saat)$/u.test(words)
  )
    return true;
  // chrono reads the start of "money" as a month ("give me the money back"): a word that only begins like one
  if (/(?:^|\s)mon(?!th|days?|\b)\p{L}/u.test(words)) return true;
  // "20 mothers a year", "twice a week": a rate, no when ("in a week" is one)
  if (/^(?:a|an|per)\s+(?:year|month|week|day)$/u.test(words)) return true;
  // hours counted without "in" are a length ("a 3 hour shoot", "für 6 Stunden"); "in 2 hours" is a when
  if (
    /^(?:\p{L}+\s+)?\d+\s*(?:hours?|hrs?|stunden?|horas?|heures?|jam|saat|ghante|ghanta)$/u.test(words) &&
    !/^(?:in|within|dans|en|em|innerhalb|dalam|after|nach|apres|despues|depois|sonra)\s/u.test(words)
  )
    return true;
  // …or "a 2" of "daqui a 2 dias" (chrono's "at 2"), a count of days told by the word after it
  // …and so is a number said as about so many, or a range of them, before what it counts ("around 20 parcels a
  // week", "5-6 koli ve 2 bavul")
  const counted =
    /^(?:de|from|desde|von|a|around|about|approx|approximately|roughly|some|ca|circa|etwa|ungefahr|rund|sekitar|environ|aprox|aproximadamente|yaklasik|takriban|lagbhag)?\s*(?:\d{1,2}\s*[-–]\s*)?\d{1,4}$/u.test(
      words,
    );
  const next = /^\s+([\p{L}]+)/u.exec(foldText(rest).folded)?.[1];
  return counted && next !== undefined && next.length >= 3 && !HOUR_WORD.test(next) && !MONTH_INDEX.has(next);
}
const MIDDAY = new Set([
  'noon',
  'midnight',
  'midday',
  'midi',
  'minuit',
  'mittag',
  'mitternacht',
  'mediodia',
  'medianoche',
  'meiodia',
  'meia-noite',
]);
/** Words after a bare number that make it an hour ("a las 3 horas", "um 3 Uhr", "às 3 da tarde"). */
const HOUR_WORD =
  /^(?:horas?|hrs?|hours?|uhr|heures?|o'?clock|baje|bje|sharp|pile|precis\p{L}*|tarde|manha|manana|noche|noite|soir|matin|morning|afternoon|evening|night|abends|morgens|nachmittags|fruh|pagi|siang|sore|malam|hoy|hoje|today|tomorrow|morgen)$/u;

function fromChrono(text: string, context: TimingContext): TimingSignal | undefined {
  const parser = CHRONO_LOCALES[context.language ?? 'en'];
  if (!parser) return undefined;
  const reference = { instant: context.now, timezone: offsetMinutes(context.now, context.timezone) };
  const result = parser
    .parse(text, reference, { forwardDate: true })
    // a match begins and ends a word: chrono reads "día 15" as "a 15" (3 p.m.), "the méchoui" as "the m", its word
    // test knowing no accents
    .filter(
      (found) =>
        !/\p{L}$/u.test(text.slice(0, found.index)) &&
        !/^\p{L}/u.test(text.slice(found.index + found.text.length)),
    )
    .find((found) => !notAWhen(found.text, text.slice(found.index + found.text.length)));
  if (!result) return undefined;
  const c = result.start;
  const today = localParts(context.now, context.timezone);
  let year = c.get('year') ?? 0;
  const month = c.get('month') ?? 1;
  let dayOfMonth = c.get('day') ?? 1;
  // a month named without a day ("in March", "a finales de marzo"): this month's is from today on, not next
  // year's, and its end or middle is as said (chrono takes the 1st)
  if (!c.isCertain('day') && c.isCertain('month') && !c.isCertain('year')) {
    const words = foldText(text.slice(0, result.index + result.text.length)).folded.split(/[\s-]+/u);
    const at = words.findLastIndex((word) => MONTH_INDEX.get(word) === month);
    const before =
      at > 0 ? (words[at - 1] === 'de' || words[at - 1] === 'of' ? words[at - 2] : words[at - 1]) : '';
    const part = MONTH_END.has(before ?? '') ? 25 : MONTH_MIDDLE.has(before ?? '') ? 15 : 1;
    if (month === today.month) year = today.year;
    else if (monthsAgo(today, month) <= LATELY_MONTHS) return undefined;
    dayOfMonth = part;
  }
  // a day of the month a few weeks gone ("charged twice on 2 March", said on the 10th) is past, not next year's
  if (!c.isCertain('year') && c.isCertain('day') && year > today.year && lately(today, month, dayOfMonth))
    return undefined;
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
  const folded = maskNotTiming(foldText(text), context.language);
  if (folded.folded.trim() === '') return undefined;
  // chrono reads the original words: give it the text with the same spans blanked
  let original = '';
  for (const [i, ch] of [...text].entries())
    original += folded.folded[folded.origin.indexOf(i)] === ' ' && ch.trim() !== '' ? ' ' : ch;
  return fromLexicon(folded, context) ?? fromChrono(original, context) ?? aheadOf(folded, context);
}
