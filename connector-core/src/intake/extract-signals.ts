// Offline extraction for one turn: the customer's messages (texts, captions, voice transcripts,
// interactive replies, location pins) become routing signals and escalation triggers, using only the
// tenant's intake config and local rules. Messages are read in order and merged like turns are, so a
// later, at-least-as-sure statement wins and a service the customer tapped is never overridden.
import type { IntakeConfig } from '../config/intake-schema.ts';
import type { ConversationEvent } from '../model/inbound-event.ts';
import type { Signals } from '../model/signals.ts';
import { REPLY_IDS } from '../policy/compose-reply.ts';
import type { StoredEvent } from '../ports/store.ts';
import { HOURS, knowledgeIntent, PRICING } from './intents.ts';
import { detectLanguage } from './language.ts';
import { findPhrases, foldText, phraseRegExp } from './lexicon-match.ts';
import { areaForPin, namedPlace, placeInText } from './match-area.ts';
import {
  matchService,
  namesWhatItIsFor,
  notOfferedMatch,
  otherWorkNamed,
  SERVICE_REPLY_PREFIX,
  serviceFromReply,
  tradeAskedOf,
} from './match-catalog.ts';
import { mergeSignals } from './merge-signals.ts';
import { countryOfPhone } from './phone-country.ts';
import { inFull, tokens } from './text-normalize.ts';
import { dayInTimezone, extractTiming } from './timing.ts';
import {
  BUILT_IN_TOPICS,
  detectEscalation,
  detectUrgency,
  hazardIn,
  injectionSpans,
  notARequest,
  quoteForAPerson,
  SAME_DAY_CONFIDENCE,
  topicWords,
} from './urgency.ts';

export interface ExtractSignalsInput {
  /** the turn's events, in order; only the customer's messages are read (echoes are the business) */
  events: readonly StoredEvent[];
  intake: IntakeConfig;
  /** the customer's number, E.164; default: the first message's `user.phone` */
  phone?: string | undefined;
  /** the customer's WhatsApp profile name; default: the first message's `user.name` */
  profileName?: string | undefined;
  /** voice-note transcriptions by wamid */
  transcripts?: Readonly<Record<string, string>> | undefined;
  /**
   * the tenant's sensitive topics (built-in ids or own keywords, see `detectEscalation`); the intake
   * schema has none yet, so the default is every built-in topic
   */
  sensitiveTopics?: readonly string[] | undefined;
  /** stamps every signal's `at`; also the reference time for timing when a message has no valid timestamp */
  now: Date;
}

export interface TurnEscalation {
  humanRequested: boolean;
  /** sensitive topic ids found, first occurrence order */
  sensitive: string[];
  negativeSentiment: boolean;
  /** other reasons a person must read it: out of scope, a broken voice transcript, an injection alone */
  reasons: string[];
  /** the customer's words behind the triggers */
  evidence: string[];
}

export interface ExtractedSignals {
  signals: Signals;
  escalation: TurnEscalation;
  /** the detected language, or the phone country's / tenant's default when the turn says too little */
  language: string;
}

/** Confidence of a WhatsApp location pin: the customer's device placed it, but it may be approximate. */
const PIN_CONFIDENCE = 0.95;
/** Confidence of the phone country as the customer's location: many customers travel or relocate. */
const PHONE_COUNTRY_CONFIDENCE = 0.3;
/** A profile name is often a nickname or an emoji. */
const PROFILE_NAME_CONFIDENCE = 0.5;
/**
 * Confidence of "unknown" when the customer said nothing about time or urgency: below what the policy
 * counts as known (so the agent may still ask) and below any urgency cue (so a later one wins).
 */
export const DEFAULT_URGENCY_CONFIDENCE = 0.3;
/** A service read from its words by stem or a distinctive word, not its name as written (match-catalog). */
const WORDS_MATCH_CONFIDENCE = 0.7;
/** A service read from its own name's words by stems (match-catalog's words evidence with one edit). */
const OWN_WORDS_CONFIDENCE = 0.65;
/** Confidence of "normal" read from a visit asked for a later day (no urgency word said). */
const LATER_DAY_CONFIDENCE = 0.6;

/** Whether `iso` falls on a later calendar day than `now`, both read in `timezone`. */
function laterThanToday(iso: string, now: Date, timezone: string): boolean {
  const when = new Date(iso);
  return !Number.isNaN(when.getTime()) && dayInTimezone(when, timezone) > dayInTimezone(now, timezone);
}

/** Faces of distress (crying, loudly crying, screaming in fear, anxious, fearful) and SOS: the customer is in trouble now. */
const DISTRESS_FACE = /[\u{1F62D}\u{1F631}\u{1F630}\u{1F628}\u{1F198}\u{1F622}]/u;
/** Urgency read from a hazard or distress rather than said: the agent still confirms it. */
const HARM_CONFIDENCE = 0.7;

const areaWords = new WeakMap<object, Set<string>>();

/** Every word of the business's area names and districts, in every language (worked out once per catalog). */
function areaWordsOf(areas: IntakeConfig['areas']): Set<string> {
  let words = areaWords.get(areas);
  if (words === undefined) {
    words = new Set(
      areas.flatMap((area) =>
        [...Object.values(area.names).flat(), ...area.districts].flatMap((name) => tokens(name)),
      ),
    );
    areaWords.set(areas, words);
  }
  return words;
}

/** A "when" that is now itself, in the intake languages, and nothing more ("jetzt", "ahora", not "today at 5"). */
const NOW_SAID =
  /^(?:now|right now|jetzt|sofort jetzt|ahora|ahorita|ahora mismo|agora|agora mesmo|maintenant|sekarang|skrg|şimdi|simdi|abhi|अभी|هلق|هلأ|الحين|دلوقتي|دابا|daba|halla|7alan|حالا)$/iu;

/** A slot at least this far ahead (a time of day later today) is a booking, as a later day is. */
const LATER_SLOT_MS = 60 * 60 * 1000;

/** Whether `iso` names a time at least {@link LATER_SLOT_MS} after `now` ("tonight", "at 6pm" in the morning). */
function laterSlot(iso: string, now: Date): boolean {
  const when = Date.parse(iso);
  return !Number.isNaN(when) && when - now.getTime() >= LATER_SLOT_MS;
}

/**
 * Confidence of a place the customer says they are in ("I'm in Rappocini", "मैं इपोह में हूँ") that matched no
 * service area and no place the gazetteer knows: kept as written, neither an area nor outside them. Most such
 * names are a served city's districts the aliases lack, or a region over several areas; a hybrid tenant's model
 * is asked which it is.
 */
const NAMED_PLACE_CONFIDENCE = 0.45;
const MAX_EVIDENCE_CHARS = 200;

// Phrases are written plainly and folded like customer text (case, diacritics, Arabic variants).
const BOOKING_PHRASES = [
  'book',
  'booking',
  'appointment',
  'schedule',
  'reserve',
  'reservation',
  'reservar',
  'reserva',
  'agendar',
  'cita',
  'marcar',
  'agendamento',
  'احجز',
  'حجز',
  'موعد',
  'pesan',
  'jadwal',
  'réserver',
  'réservation',
  'rendez-vous',
  'rdv',
  'randevu',
  'rezervasyon',
  'book karna',
  'बुक',
];

/**
 * How a question opens when the customer leaves out the question mark. Only openings: "what" inside a
 * sentence ("I don't know what to do") is no question.
 */
const QUESTION_OPENINGS = [
  'do you',
  'does',
  'is there',
  'are there',
  'what',
  'which',
  'tienen',
  'hay',
  'cuál',
  'vocês têm',
  'tem',
  'qual',
  'quais',
  'هل',
  'ماذا',
  'ما هو',
  'ما هي',
  'est-ce que',
  'avez-vous',
  'quel',
  'quelle',
  'apakah',
  'क्या',
];

const BOOKING = phraseRegExp(BOOKING_PHRASES.map((phrase) => foldText(phrase).folded));
const QUESTION_OPENING = phraseRegExp(QUESTION_OPENINGS.map((phrase) => foldText(phrase).folded));
/** ? ¿ and the Arabic question mark */
const QUESTION_MARK = /[?¿؟]/u;

/** What the customer said in one message, in words (text, caption or transcript). */
function wordsOf(
  event: ConversationEvent,
  transcripts: Readonly<Record<string, string>>,
): string | undefined {
  const parts = [
    event.text,
    event.media?.caption,
    event.type === 'audio' ? transcripts[event.id] : undefined,
  ];
  const text = parts
    .filter((part): part is string => part !== undefined && part.trim().length > 0)
    .join('\n')
    .trim();
  return text.length > 0 ? text : undefined;
}

/** The text with the given spans blanked out (kept as spaces, so words on either side stay apart). */
function withoutSpans(text: string, spans: readonly { start: number; end: number }[]): string | undefined {
  let out = text;
  for (const { start, end } of spans) out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
  return out.trim() === '' ? undefined : out;
}

/**
 * Marks transcribers leave where they could not hear, in the forms common engines write them: a note in
 * square brackets in any language ("[inaudible]", "[unverständlich]", "[غير واضح]", "[शोर]"), or "??", "**".
 */
const INAUDIBLE = /\[[^\]\n]{1,40}\]|\((?:inaudible|unclear|indistinct)\)|\?\?+|\*\*+/giu;

/**
 * A voice transcript too broken to act on: marks of inaudible speech, trailing-off fragments ("…"), or
 * many words cut off ("th- the ac- br-"). A short clear transcript is not broken.
 */
/** Words in a row that say a whole clause, between the pauses of a voice note. */
const CLAUSE_WORDS = 6;
function brokenTranscript(text: string): boolean {
  const marks = text.match(INAUDIBLE)?.length ?? 0;
  // pauses ("مرحبا... اه... بدي اعمل تنظيف للكنباية بالشارقة") are broken speech only when no stretch
  // between them says a whole clause
  const stretches = text.split(/\.\.\.|…/u);
  const longest = Math.max(...stretches.map((part) => part.split(/\s+/u).filter(Boolean).length));
  const ellipses = longest >= CLAUSE_WORDS ? 0 : stretches.length - 1;
  // a word cut off where the speech broke ("th-", "ac…"); short whole words ("I", "in", "AC") are words
  const pieces = text.split(/\s+/u).filter((piece) => piece !== '');
  const fragments = pieces.filter((piece) => /^[\p{L}\p{M}]{1,3}(?:-|…|\.\.\.)$/u.test(piece)).length;
  return marks >= 1 || ellipses >= 2 || (pieces.length >= 4 && fragments / pieces.length > 0.3);
}

function evidence(text: string): string {
  return text.length > MAX_EVIDENCE_CHARS ? `${text.slice(0, MAX_EVIDENCE_CHARS - 1)}…` : text;
}

function referenceTime(event: ConversationEvent, now: Date): Date {
  const sent = new Date(event.timestamp);
  return Number.isNaN(sent.getTime()) ? now : sent;
}

/** The interactive reply (or template quick-reply button) id that names a service, if any. */
function serviceReplyOf(event: ConversationEvent): string | undefined {
  const id = event.interactive?.id ?? event.button?.payload;
  return id?.startsWith(SERVICE_REPLY_PREFIX) ? id : undefined;
}

/**
 * "How much" asked of time, not money ("wie viel Vorlauf braucht ihr?", "how much notice do you need?",
 * "cuánto tiempo antes"), or "as soon as" ("cuanto antes", "o quanto antes"): the words right after it.
 */
const HOW_LONG =
  /^\s+(?:\p{L}+\s+)?(?:antes|vorlauf|zeit|tage|wochen|stunden|time|notice|lead time|days|hours|weeks|tiempo|antelacion|dias|horas|semanas|tempo|antecedencia|temps|jours|heures|semaines|delai|sure|gun|saat|hafta|lama|hari|jam|minggu|waktu|din|ghante|hafte|وقت|يوم|ايام|ساعه|ساعات)(?![\p{L}\p{N}])/u;

function intentOf(text: string, at: string, answersHours: boolean): Signals['intent'] {
  const folded = foldText(text);
  // opening hours, when the business wrote an answer for them; otherwise it is any other question
  const hours = answersHours ? findPhrases(folded, HOURS)[0] : undefined;
  // "how much" inside the hours phrase ("jam buka berapa") asks when, not what it costs
  const pricing = findPhrases(folded, PRICING).find(
    (hit) =>
      (hours === undefined || hit.start < hours.start || hit.end > hours.end) &&
      !HOW_LONG.test(folded.folded.slice(hit.end)),
  );
  if (pricing !== undefined)
    return { value: 'pricing', confidence: 0.8, source: 'rule', evidence: pricing.text, at };
  if (hours !== undefined)
    return { value: 'hours', confidence: 0.7, source: 'rule', evidence: hours.text, at };
  const booking = findPhrases(folded, BOOKING)[0];
  if (booking !== undefined)
    return { value: 'book', confidence: 0.7, source: 'rule', evidence: booking.text, at };
  // Any other question: the policy asks which service it is about, and hands it to a person when none is.
  const opening = findPhrases(folded, QUESTION_OPENING)[0];
  if (QUESTION_MARK.test(text) || (opening !== undefined && opening.start === folded.folded.search(/\S/u))) {
    const evidence = text.trim().slice(0, MAX_EVIDENCE_CHARS);
    return { value: 'question', confidence: 0.6, source: 'rule', evidence, at };
  }
  return undefined;
}

/** The words of the tenant's own service names, folded: a district named by one of them may be that word. */
const serviceWordsCache = new WeakMap<IntakeConfig, Set<string>>();
function serviceWordsOf(intake: IntakeConfig): Set<string> {
  let words = serviceWordsCache.get(intake);
  if (words === undefined) {
    words = new Set(
      intake.services.flatMap((service) => Object.values(service.names).flat().flatMap(tokens)),
    );
    serviceWordsCache.set(intake, words);
  }
  return words;
}

/**
 * The words of the tenant's own service names that tell of a medical matter on their own ("Pregnancy yoga",
 * "Newborn night care", "Hearing aid fitting"), folded: what the business is for.
 */
const ownConditionsCache = new WeakMap<IntakeConfig, string[]>();
function ownConditionsOf(intake: IntakeConfig): string[] {
  let words = ownConditionsCache.get(intake);
  if (words === undefined) {
    words = [
      ...new Set(
        intake.services.flatMap((service) =>
          Object.values(service.names)
            .flat()
            .flatMap((name) => topicWords(name, 'medical').flatMap(tokens)),
        ),
      ),
    ];
    ownConditionsCache.set(intake, words);
  }
  return words;
}

/**
 * Whether the sensitive matter of `topic` read in `text` is only the business's own subject, said by its customer
 * ("4 aylık hamileyim" at a studio whose service is "Hamile pilatesi", "a nanny for my newborn" where one is
 * "Newborn night care", "my tyre punctured" where one is "Puncture repair"): every word of the family read is one of
 * its names' condition words (for damage, any word of its names), or begins with one. A medical question about it
 * ("is it safe while pregnant?"), a doctor's word, or damage that came back ("punctured again") stays.
 */
function onlyOwnSubject(text: string, intake: IntakeConfig, language: string, topic: string): boolean {
  // a condition is read from the names' medical words; damage from any word of them ("Puncture repair")
  const own = topic === 'medical' ? ownConditionsOf(intake) : [...serviceWordsOf(intake)];
  const ours = (word: string) => own.some((c) => word === c || (c.length >= 4 && word.startsWith(c)));
  const words =
    own.length === 0 || DOUBT[topic]?.test(tokens(text).join(' ')) ? [] : topicWords(text, topic, language);
  return words.length > 0 && words.every((hit) => tokens(hit).every(ours));
}
/** The business's own work failed: it happened again ("punctured again after your repair"), a claim, no new job. */
const WORK_DOUBT =
  /(?<![\p{L}\p{N}])(?:again|wieder|nochmal|erneut|otra vez|de nuevo|outra vez|de novo|encore|tekrar|yine|gene|lagi|phir|dobara|تاني|ثاني|مره ثانيه)(?![\p{L}\p{N}])/u;
/** A doubt about the customer's health beside it: whether it is still safe, allowed or a risk, or a medicine. */
const HEALTH_DOUBT =
  /(?<![\p{L}\p{N}])(?:safe|risk\p{L}*|riesgo|risco|risque|berisiko|bahaya|allowed|erlaubt|permitid[oa]|autorise|still|trotzdem|masih|tetap|todavia|ainda|encore|yine de|hala|phir bhi|gefahrlich|dangerous|peligros[oa]|perigos[oa]|dangereu\p{L}*|tehlikeli|aman|sicher|segur[oa]|guvenli|medicine\p{L}*|medication\p{L}*|remedio\p{L}*|medicament\p{L}*|medikament\p{L}*|obat|ubat|ilac\p{L}*|dawa\p{L}*|دوا\p{L}*|خطر|امن|آمن)(?![\p{L}\p{N}])/u;
/**
 * The families a business's own service names may speak of (a condition it is for, a puncture it repairs), each with
 * what keeps a matter sensitive though its words are the business's own.
 */
const DOUBT: Record<string, RegExp> = { medical: HEALTH_DOUBT, damage: WORK_DOUBT };

/**
 * A job application, a supplier, a franchise (`notARequest`), but not read from the business's own words: a word of
 * its service names ("stage" at a riding school whose camp is a "stage d'équitation d'été"), or a vacancy asked for
 * in one of its services ("há vagas para o campo de férias?", "any vacancy in the summer camp?").
 */
function notARequestOf(text: string, intake: IntakeConfig, language: string): string | undefined {
  const hit = notARequest(text, language);
  if (hit === undefined) return undefined;
  const own = serviceWordsOf(intake);
  const ours = (word: string) =>
    own.has(word) ||
    (word.length >= 4 && [...own].some((o) => o.length >= 4 && (word.startsWith(o) || o.startsWith(word))));
  const words = tokens(hit);
  const at = text.indexOf(hit);
  if (at < 0) return hit;
  const vacancyInAService =
    words.length === 1 &&
    VACANCY.test(words[0] ?? '') &&
    tokens(text.slice(at + hit.length))
      .slice(0, 4)
      .some(ours);
  if (!vacancyInAService && !words.every(ours)) return hit;
  return notARequestOf(`${text.slice(0, at)} ${text.slice(at + hit.length)}`, intake, language);
}
/** A vacancy, or a free place, in the intake languages' words that also name a job opening. */
const VACANCY = /^(?:vaga|vagas|vacanc(?:y|ies)|vacantes?|plazas?|lowongan)$/u;

/**
 * Where a message places the customer. A district whose name is a word of the business's own service names,
 * written in lowercase ("wedding photographer in Dubai" at a studio that lists Berlin's Wedding), is that
 * word: the message is read again without it.
 */
function placeOf(text: string, intake: IntakeConfig, language: string): ReturnType<typeof placeInText> {
  const sendsAbroad = [...serviceWordsOf(intake)].some((word) => SENDING_ABROAD.test(word));
  const place = placeInText(text, intake.areas, intake.country, undefined, language, sendsAbroad);
  if (place === undefined || !('areaId' in place)) return place;
  const span = place.evidence;
  if (!/^[\p{Ll}]+$/u.test(span) || !serviceWordsOf(intake).has(span)) return place;
  const written = text.split(/[^\p{L}\p{N}]+/u).filter((word) => tokens(word)[0] === span);
  if (written.length === 0) return place;
  const area = intake.areas.find((candidate) => candidate.id === place.areaId);
  const district = area?.districts.some((name) => tokens(name).join(' ') === span) ?? false;
  const named =
    district ||
    Object.values(area?.names ?? {}).some((names) => names.some((name) => tokens(name).join(' ') === span));
  // a word of the services read as a place's typo ("bengkung" of "Bengkung belly binding" for Sengkang) names no
  // place, however written; one that is a district's own name only in lowercase
  if (named && (!district || written.some((word) => word[0] !== word[0]?.toLowerCase()))) return place;
  return placeInText(
    text.replace(new RegExp(`(?<![\\p{L}])${written[0]}(?![\\p{L}])`, 'gu'), ' '),
    intake.areas,
    intake.country,
    undefined,
    language,
    sendsAbroad,
  );
}

/**
 * Words of a service that sends things abroad ("International parcel", "Paket ins Ausland", "Yurt dışına
 * koli"): at such a business, where a parcel goes is not where the customer is.
 */
const SENDING_ABROAD =
  /^(?:abroad|international|internacional|overseas|ausland|auslands|yurtdis|yurt$|للخارج|etranger|luar$)/u;

/** Words of a time of day or week that a service's name may hold ("Night nanny", "pengasuh malam", "रात की आया"). */
const TIME_OF_DAY_WORDS = new Set(
  [
    ...['night', 'nights', 'overnight', 'evening', 'morning', 'afternoon', 'weekend', 'weekends'],
    ...['malam', 'pagi', 'petang', 'siang', 'sore', 'raat', 'subah', 'shaam', 'रात', 'सुबह', 'शाम'],
    ...['nacht', 'abend', 'wochenende', 'gece', 'sabah', 'aksam', 'noche', 'noite', 'nuit', 'soir', 'soiree'],
    ...['ليل', 'ليلي', 'ليليه', 'مسائي', 'مسائيه', 'صباحي', 'صباحيه'],
  ].map((word) => tokens(word)[0] ?? word),
);
const serviceTimeCache = new WeakMap<IntakeConfig, Array<{ time: string; others: string[] }>>();
/** The service names' time words, each with the other words of its name ("night" with "nanny"). */
function serviceTimesOf(intake: IntakeConfig): Array<{ time: string; others: string[] }> {
  let found = serviceTimeCache.get(intake);
  if (found === undefined) {
    found = intake.services.flatMap((service) =>
      Object.values(service.names)
        .flat()
        .flatMap((name) => {
          const words = tokens(name);
          const others = words.filter((word) => word.length >= 3 && !TIME_OF_DAY_WORDS.has(word));
          return others.length === 0
            ? []
            : words.filter((word) => TIME_OF_DAY_WORDS.has(word)).map((time) => ({ time, others }));
        }),
    );
    serviceTimeCache.set(intake, found);
  }
  return found;
}
/** Letters a message word shares with a name's word to be said beside it ("nannies" for "nanny"). */
const BESIDE_STEM = 4;
/**
 * `text` without the time words that are part of a service's name as said ("a night nanny", "pengasuh malam",
 * "रात की आया"): the service asked for, not when.
 */
function withoutServiceTimes(text: string, intake: IntakeConfig): string {
  const times = serviceTimesOf(intake);
  if (times.length === 0) return text;
  const parts = text.split(/([^\p{L}\p{M}\p{N}]+)/u);
  const words = parts.map((part, i) => (i % 2 === 0 ? (tokens(part)[0] ?? '') : ''));
  const near = (i: number, other: string) =>
    [i - 4, i - 2, i + 2, i + 4].some((k) => {
      const word = words[k] ?? '';
      const stem = Math.min(BESIDE_STEM, other.length);
      return word.length >= stem && word.slice(0, stem) === other.slice(0, stem);
    });
  return parts
    .map((part, i) =>
      i % 2 === 0 &&
      times.some(({ time, others }) => words[i] === time && others.some((other) => near(i, other)))
        ? ' '.repeat(part.length)
        : part,
    )
    .join('');
}

/** `text` with the words made only of `words` (folded) blanked out. */
function withoutWords(text: string, words: ReadonlySet<string>): string {
  return text.replace(/[\p{L}\p{N}\p{M}'’-]+/gu, (word) => {
    const folded = tokens(word);
    return folded.length > 0 && folded.every((w) => words.has(w)) ? ' ' : word;
  });
}

/** Where a customer's times are read: the time zone of the area they are in, once known, else the business's. */
function zoneOf(intake: IntakeConfig, location: Signals['location']): string {
  const value = location?.value;
  const areaId = value !== undefined && 'areaId' in value ? value.areaId : undefined;
  return (
    (areaId === undefined ? undefined : intake.areas.find((area) => area.id === areaId)?.timezone) ??
    intake.timezone
  );
}

/**
 * The signals of one turn, offline. Language is detected over every text of the turn (phone country
 * as hint, the tenant's first language as fallback) and steers the lexicons; timing is read in the
 * customer's area's time zone (the tenant's until an area is known) relative to each message's own timestamp. The phone country stands in as
 * location only when no message placed the customer.
 */
export function extractSignals(input: ExtractSignalsInput): ExtractedSignals {
  const { intake, now } = input;
  const at = now.toISOString();
  const transcripts = input.transcripts ?? {};
  const messages = input.events.map((stored) => stored.event).filter((event) => event.kind === 'message');
  const phone = input.phone ?? messages.find((event) => event.user.phone !== undefined)?.user.phone;
  const phoneCountry = phone === undefined ? undefined : countryOfPhone(phone);
  const profileName = (input.profileName ?? messages.find((event) => event.user.name)?.user.name)?.trim();

  const written = messages.map((event) => wordsOf(event, transcripts));
  const detected = detectLanguage(
    written.filter((text): text is string => text !== undefined),
    { phoneCountry, fallback: intake.languages[0] },
  );
  const answersHours = intake.knowledge.some((entry) => knowledgeIntent(entry.intent) === 'hours');
  const language = detected.language;
  // chat short forms read in full ("nk pndah umah" is "nak pindah rumah")
  const texts = written.map((text) => (text === undefined ? undefined : inFull(text, language)));
  const spoken = texts.filter((text): text is string => text !== undefined);

  let signals: Signals = {};
  /** the most words of a service's own name a message said, to weigh against a not-offered item's */
  let serviceWords = 0;
  /** the words each message named its service by, for a not-offered thing they may only say what it is for */
  const serviceSpans: string[] = [];
  /** the words that named the place the customer is in: never a thing not offered */
  const placeWords = new Set<string>();
  /** each time read, with the zone it was read in, to read again once the customer's area is known */
  const timingReads: Array<{
    text: string;
    event: (typeof messages)[number];
    zone: string;
    evidence: string;
  }> = [];
  if (spoken.length > 0) {
    signals.language = {
      value: language,
      confidence: detected.confidence,
      source: 'rule',
      evidence: evidence(spoken.join(' · ')),
      at,
    };
  }
  if (profileName !== undefined && profileName.length > 0) {
    signals.name = {
      value: profileName,
      confidence: PROFILE_NAME_CONFIDENCE,
      source: 'rule',
      evidence: profileName,
      at,
    };
  }

  const escalation: TurnEscalation = {
    humanRequested: false,
    sensitive: [],
    negativeSentiment: false,
    reasons: [],
    evidence: [],
  };
  const reason = (why: string) => {
    if (!escalation.reasons.includes(why)) escalation.reasons.push(why);
  };
  // Words that instruct the agent are not the customer's request: each message is read without them.
  const injections = texts.map((said) => (said === undefined ? [] : injectionSpans(said, language)));
  const injected = injections.some((spans) => spans.length > 0);
  // when the tenant's sensitive topics include hazards, detectEscalation has read them already
  const hazardTopic = (input.sensitiveTopics ?? BUILT_IN_TOPICS).includes('hazard');
  // whether every urgency read in this turn was a same-day ask or harm told (never an urgency word): a later
  // slot given in another message of a burst then makes it a booking
  let softUrgency = true;
  /** each message's words as read (injections blanked), for what a burst tells only together */
  const readTexts: string[] = [];
  for (const [i, event] of messages.entries()) {
    const found: Signals = {};
    const replyId = serviceReplyOf(event);
    const service = replyId === undefined ? undefined : serviceFromReply(replyId, intake.services);
    if (service !== undefined && replyId !== undefined) {
      found.serviceType = {
        value: service.id,
        confidence: 1,
        source: 'customer-confirmed',
        evidence: replyId,
        at,
      };
    }
    // The agent's own urgency buttons: the customer's answer, confirmed.
    const tapped = event.interactive?.id ?? event.button?.payload;
    if (tapped === REPLY_IDS.urgent || tapped === REPLY_IDS.notUrgent) {
      found.urgency = {
        value: tapped === REPLY_IDS.urgent ? 'urgent' : 'normal',
        confidence: 1,
        source: 'customer-confirmed',
        evidence: tapped,
        at,
      };
    }
    if (event.location !== undefined) {
      const { latitude, longitude } = event.location;
      const pin = areaForPin(latitude, longitude, intake.areas);
      found.location = {
        value: pin.outside ? { outside: true, latitude, longitude } : { areaId: pin.id, latitude, longitude },
        confidence: PIN_CONFIDENCE,
        source: 'rule',
        evidence: `pin ${latitude},${longitude}${event.location.name ? ` ${event.location.name}` : ''}`,
        at,
      };
    }

    const said = texts[i];
    const spans = injections[i] ?? [];
    escalation.evidence.push(...spans.map((span) => span.text));
    const text = said === undefined ? undefined : withoutSpans(said, spans);
    if (text !== undefined) readTexts.push(text);
    const broken = said !== undefined && event.type === 'audio' && brokenTranscript(said);
    if (broken) reason('voice_broken');
    if (text !== undefined) {
      const quoted = evidence(text);
      const notRequest = notARequestOf(text, intake, language);
      if (notRequest !== undefined) {
        reason('out_of_scope:not_a_request');
        escalation.evidence.push(notRequest);
      }
      const quote = quoteForAPerson(text, language);
      if (quote !== undefined) {
        reason('pricing:needs_person');
        escalation.evidence.push(quote);
      }
      const area = found.location === undefined ? placeOf(text, intake, language) : undefined;
      const namedBy = area !== undefined && 'evidence' in area ? new Set(tokens(area.evidence)) : undefined;
      for (const word of namedBy ?? []) placeWords.add(word);
      // a word heard between gaps ("peti … [noise] … tak") is no service: a person listens to it
      let matched =
        found.serviceType === undefined && !broken
          ? matchService(text, intake.services, language)
          : undefined;
      // a service read only from the words naming the place is none ("Bandung" is no "band" of the DJ service)
      if (
        matched !== undefined &&
        namedBy !== undefined &&
        matched.evidence.kind !== 'reply' &&
        tokens(matched.evidence.span).every((word) => namedBy.has(word))
      )
        matched = matchService(withoutWords(text, namedBy), intake.services, language);
      if (matched?.evidence.kind === 'words')
        serviceWords = Math.max(serviceWords, tokens(matched.evidence.span).length);
      if (matched !== undefined && matched.evidence.kind !== 'reply')
        serviceSpans.push(matched.evidence.span);
      if (matched !== undefined) {
        found.serviceType = {
          value: matched.id,
          confidence: matched.confidence,
          source: 'rule',
          evidence: quoted,
          at,
        };
      }
      if (area !== undefined && 'areaId' in area) {
        found.location = {
          value: { areaId: area.areaId },
          confidence: area.confidence,
          source: 'rule',
          evidence: quoted,
          at,
        };
      } else if (area !== undefined && 'outside' in area) {
        found.location = {
          value: {
            text: area.text,
            outside: true,
            ...(area.country === undefined ? {} : { country: area.country }),
          },
          confidence: area.confidence,
          source: 'rule',
          evidence: quoted,
          at,
        };
      }
      const place = found.location === undefined && area === undefined ? namedPlace(text) : undefined;
      if (place !== undefined) {
        found.location = {
          value: { text: place },
          confidence: NAMED_PLACE_CONFIDENCE,
          source: 'rule',
          evidence: quoted,
          at,
        };
      }
      const zone = zoneOf(intake, found.location ?? signals.location);
      const when = withoutServiceTimes(text, intake);
      const timing = extractTiming(when, { timezone: zone, now: referenceTime(event, now), language });
      if (timing !== undefined) {
        timingReads.push({ text: when, event, zone, evidence: timing.text });
        found.timing = {
          value: { iso: timing.iso, text: timing.text },
          confidence: timing.confidence,
          source: 'rule',
          evidence: timing.text,
          at,
        };
      }
      // An urgency word in a turn that instructs the agent is what the instruction shouts ("URGENT!!!"),
      // not the customer's situation: only harm, a same-day request or "no rush" count there.
      const detected = detectUrgency(text, language);
      // "today" with a slot later in the day ("hoy a las 6", "heute Abend") is a booking, not an emergency; so is
      // a trouble told with the later day the customer asks for ("lastiğim patladı, yarın sabah 8'de
      // değiştirebilir misiniz?"): the label rules' "a later time given" reads it normal
      const later =
        timing !== undefined &&
        (laterSlot(timing.iso, referenceTime(event, now)) ||
          (detected?.cue === 'harm' && laterThanToday(timing.iso, now, zone)));
      const urgency =
        (detected?.cue === 'same-day' || detected?.cue === 'harm') && later ? undefined : detected;
      if (urgency !== undefined && !(injected && urgency.cue === 'urgency-word')) {
        if (urgency.value === 'urgent' && urgency.cue !== 'same-day' && urgency.cue !== 'harm')
          softUrgency = false;
        found.urgency = {
          value: urgency.value,
          confidence: urgency.confidence,
          source: 'rule',
          evidence: urgency.evidence,
          at,
        };
      }
      const intent = intentOf(text, at, answersHours);
      if (intent !== undefined) found.intent = intent;

      const triggers = detectEscalation(text, language, input.sensitiveTopics);
      // a person in the service's own name is the service ("sound system + operator"), not a person asked for
      const humanRequested =
        triggers.humanRequested &&
        (matched?.evidence.kind !== 'exact' ||
          detectEscalation(withoutWords(text, new Set(tokens(matched.evidence.span))), language, [])
            .humanRequested);
      if (humanRequested) {
        escalation.humanRequested = true;
        found.humanRequested = { value: true, confidence: 0.9, source: 'rule', evidence: quoted, at };
      }
      if (triggers.negativeSentiment) {
        escalation.negativeSentiment = true;
        found.sentiment = { value: 'negative', confidence: 0.8, source: 'rule', evidence: quoted, at };
      }
      for (const topic of triggers.sensitive) {
        if (topic in DOUBT && onlyOwnSubject(text, intake, language, topic)) continue;
        if (!escalation.sensitive.includes(topic)) escalation.sensitive.push(topic);
      }
      escalation.evidence.push(...triggers.evidence);
      // A hazard going on (a smell of gas, sparks) or a face of distress is urgent without an urgency word.
      if (found.urgency === undefined) {
        const harm =
          DISTRESS_FACE.exec(text)?.[0] ??
          (triggers.sensitive.includes('hazard') || (!hazardTopic && hazardIn(text, language))
            ? quoted
            : undefined);
        if (harm !== undefined)
          found.urgency = {
            value: 'urgent',
            confidence: HARM_CONFIDENCE,
            source: 'rule',
            evidence: harm,
            at,
          };
      }
    }
    signals = mergeSignals(signals, found);
  }
  // a sensitive matter told over a burst ("eure Trainerin war gestern bei uns" … "Danach fehlt mein Armband"): the
  // messages are one story, read together when none of them alone told one
  if (escalation.sensitive.length === 0 && readTexts.length > 1) {
    const together = detectEscalation(readTexts.join('. '), language, input.sensitiveTopics);
    if (together.sensitive.length > 0) {
      escalation.sensitive.push(...together.sensitive);
      escalation.evidence.push(...together.evidence);
    }
  }

  // A service the business does not offer, asked for with no service it does offer by name: out of scope
  // (a service read only from a shared or partial word gives way to the not-offered item named). The words
  // naming the customer's place name no such item ("International City" asks for no international shipping).
  const guessedService =
    signals.serviceType !== undefined &&
    signals.serviceType.source === 'rule' &&
    signals.serviceType.confidence <= WORDS_MATCH_CONFIDENCE;
  // …or named only by a word saying what a not-offered thing is for ("düğün davetiyesi", "wedding cars"): out of scope
  const oneWordNames = serviceSpans.filter((span) => tokens(span).length === 1);
  const forAThingNotOffered =
    signals.serviceType?.source === 'rule' && !guessedService && oneWordNames.length > 0
      ? spoken
          .map((text) => {
            const read = notOfferedMatch(text, intake.notOffered, language, intake.services);
            return read !== undefined && oneWordNames.some((span) => namesWhatItIsFor(text, span, read.span))
              ? read
              : undefined;
          })
          .find((match) => match !== undefined)
      : undefined;
  if (forAThingNotOffered !== undefined) {
    reason('out_of_scope:not_offered');
    escalation.evidence.push(forAThingNotOffered.item);
    delete signals.serviceType;
  } else if (signals.serviceType === undefined || guessedService) {
    const notOffered = spoken
      .map((text) => {
        const read = notOfferedMatch(text, intake.notOffered, language, intake.services);
        // read only from the words naming the customer's place: read again without them
        // …or from the business's own places ("catering outside Jakarta, … Dubai and Sharjah" names no one in Sharjah)
        const places = new Set([...placeWords, ...areaWordsOf(intake.areas)]);
        return read !== undefined && tokens(read.span).every((word) => places.has(word))
          ? notOfferedMatch(withoutWords(text, places), intake.notOffered, language, intake.services)
          : read;
      })
      .find((match) => match !== undefined);
    // …unless the not-offered item is read only through concepts and the service from its own name's words
    // ("tuisyen untuk SPM" is the school's SPM tuition, not the "competitive exam coaching" it does not do)
    const ownWords =
      signals.serviceType !== undefined && signals.serviceType.confidence >= OWN_WORDS_CONFIDENCE;
    // …or named by one word of it where several words of a service's own name were said ("j'ai claqué la
    // porte et les clés sont dedans" is the lockout service, not the car keys it does not cut)
    // …or read only through concepts scattered over the message, where a service is read from words side by side
    // ("Gardinen waschen in Mainhattan, geht das? Wohnung im Gallus" is the curtains, not the house cleaning)
    const outnamed =
      signals.serviceType !== undefined &&
      ((notOffered?.words === 1 && serviceWords >= 2) ||
        (notOffered?.byConcepts === true && serviceWords >= 2 && notOffered.words > serviceWords + 2));
    if (notOffered !== undefined && !(notOffered.byConcepts && ownWords) && !outnamed) {
      reason('out_of_scope:not_offered');
      escalation.evidence.push(notOffered.item);
      delete signals.serviceType;
    } else if (signals.serviceType === undefined && language !== undefined) {
      const places = new Set([...placeWords, ...areaWordsOf(intake.areas)]);
      const other = spoken
        .map((text) => otherWorkNamed(text, intake.services, language, places))
        .find((word) => word !== undefined);
      if (other !== undefined) {
        reason('out_of_scope:not_offered');
        escalation.evidence.push(other);
      }
    }
  }
  // Asked whether the business sells, buys or rents out something, where none of its services does: not offered,
  // whatever thing of the trade it names ("Do you sell brake pads? I'd fit them myself", "Vocês compram
  // carro batido?").
  if (
    !escalation.reasons.includes('out_of_scope:not_offered') &&
    signals.serviceType?.source !== 'customer-confirmed'
  ) {
    const trade = spoken
      .map((text) => tradeAskedOf(text, intake.services))
      .find((words) => words !== undefined);
    if (trade !== undefined) {
      reason('out_of_scope:not_offered');
      escalation.evidence.push(trade);
      delete signals.serviceType;
    }
  }
  // A job application, a supplier's offer: the services it names are the sender's trade, not a request.
  if (escalation.reasons.includes('out_of_scope:not_a_request') && signals.serviceType?.source === 'rule')
    delete signals.serviceType;
  // Only an injection, no request of the customer's own: a person reads it.
  const request =
    signals.serviceType !== undefined ||
    signals.location !== undefined ||
    signals.timing !== undefined ||
    signals.intent !== undefined ||
    escalation.humanRequested ||
    escalation.sensitive.length > 0 ||
    escalation.reasons.length > 0;
  if (injected && !request) reason('injection_only');
  // A time read before the customer's area was known, in the business's zone, is read again in the area's
  // ("today at 3pm" from Dubai is 3 p.m. in Dubai, whatever the business's own zone).
  const zone = zoneOf(intake, signals.location);
  const read = timingReads.find((r) => r.evidence === signals.timing?.evidence);
  if (signals.timing !== undefined && read !== undefined && read.zone !== zone) {
    const again = extractTiming(read.text, { timezone: zone, now: referenceTime(read.event, now), language });
    if (again !== undefined)
      signals.timing = { ...signals.timing, value: { iso: again.iso, text: again.text } };
  }
  // A later day given for the visit says it can wait: normal, as a dispatcher reads it; so does a later slot given
  // in one message of a burst after harm told in another ("caiu a energia no quarto" … "hoje às 18h?").
  // A visit asked for now ("can you come now?", "jetzt bitte") is urgent by the label rules' "now/ASAP", though no
  // urgency word was said.
  const timing = signals.timing;
  if (timing !== undefined) {
    const rule = { source: 'rule' as const, evidence: timing.evidence ?? timing.value.text, at };
    if (
      (signals.urgency === undefined ||
        (signals.urgency.value === 'urgent' && softUrgency && messages.length > 1)) &&
      (laterThanToday(timing.value.iso, now, zone) || laterSlot(timing.value.iso, now))
    )
      signals.urgency = { value: 'normal', confidence: LATER_DAY_CONFIDENCE, ...rule };
    else if (signals.urgency === undefined && NOW_SAID.test(timing.value.text))
      signals.urgency = { value: 'urgent', confidence: SAME_DAY_CONFIDENCE, ...rule };
  }
  // Nothing said about time or urgency is `unknown`, not `normal`: see DEFAULT_URGENCY_CONFIDENCE.
  if (signals.urgency === undefined && spoken.length > 0) {
    signals.urgency = {
      value: 'unknown',
      confidence: DEFAULT_URGENCY_CONFIDENCE,
      source: 'rule',
      at,
    };
  }
  if (signals.location === undefined && phoneCountry !== undefined) {
    signals.location = {
      value: { country: phoneCountry },
      confidence: PHONE_COUNTRY_CONFIDENCE,
      source: 'rule',
      evidence: `phone country ${phoneCountry}`,
      at,
    };
  }
  return { signals, escalation, language };
}
