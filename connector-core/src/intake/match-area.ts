// Where the customer is, offline: a service area named in the message (aliases and transliterations,
// matched like services), or the area a WhatsApp location pin falls in. A pin outside every area's
// radius is reported as outside, with the nearest area, so the agent can say so instead of routing.
import type { Coordinates } from '../config/intake-schema.ts';
import {
  besideStreetWord,
  devanagariKey,
  devanagariKeyOfLatin,
  type GazetteerPlace,
  LOCALITY_KINDS,
  placeNamed,
  placesIn,
} from './gazetteer.ts';
import { findPhrases, foldText, phraseRegExp } from './lexicon-match.ts';
import { type AliasCandidate, type AliasEntry, type CatalogMatch, matchAlias } from './match-catalog.ts';
import { consonantSkeleton, normalizeForMatch, tokens } from './text-normalize.ts';

/** The service area a message names (Jeddah / Jiddah / جدة / "jedah"), if one stands out. */
export function matchArea(text: string, areas: readonly AliasEntry[]): CatalogMatch | undefined {
  return matchAlias(text, areas);
}

// "I'm in <Place>" in the intake languages, written folded. In Latin script the place must be
// capitalized, which keeps "I'm in a hurry" and "saya di rumah" out; Arabic has no capitals, so only
// "I live in" phrases are used there ("أنا في" also means "I'm waiting", "I'm at work").
const PLACE_LEADS = [
  "i'm in",
  'i’m in',
  'im in',
  'i am in',
  "we're in",
  'we’re in',
  'we are in',
  'i live in',
  'we live in',
  'based in',
  'located in',
  'estoy en',
  'vivo en',
  'estamos en',
  'moro em',
  'moro no',
  'moro na',
  'moramos em',
  'estou em',
  'estou no',
  'estou na',
  'saya di',
  'aku di',
  'kami di',
  'tinggal di',
  'je suis a',
  'on est a',
  'nous sommes a',
  "j'habite a",
  'j’habite a',
  'j habite a',
  'nous habitons a',
  'ساكن في',
  'ساكنه في',
  'ساكنين في',
  'اسكن في',
  'نسكن في',
];
const PLACE_LEAD = phraseRegExp(PLACE_LEADS.map((lead) => foldText(lead).folded));
const CAPITALIZED =
  /^\s+(\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:(?:de|do|da|dos|das|del|di|el|al)\s+)?\p{Lu}[\p{L}\p{M}'’-]*){0,2})/u;
const ANY_WORD = /^\s+([\p{L}\p{M}]+)/u;
const ARABIC = /[\u0600-\u06ff]/u;
/** Turkish "<Place>'dayım / 'deyiz": a proper noun with the locative and "I am / we are". */
const TURKISH_HERE = /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{M}]*)['’][dt][ae]y[ıi][mz](?![\p{L}\p{N}])/u;
/** Hindi "मैं <Place> में हूँ" / "main <Place> me hoon". */
const HINDI_HERE = [
  /(?<![\p{L}\p{M}])(?:मैं|हम)\s+([\p{L}\p{M}]+(?:\s+[\p{L}\p{M}]+)?)\s+में\s+(?:हूँ|हूं|हैं|रहता|रहती|रहते)/u,
  /(?<![\p{L}\p{N}])(?:[Mm]ain|[Mm]ai|[Hh]um)\s+(\p{Lu}[\p{L}]*)\s+(?:me|mein|mai)\s+(?:hoon|hu|hun|hai|hain|rehta|rehti|rahta|rahti)(?![\p{L}\p{N}])/u,
];
/** Words after a lead that are somewhere but not a place to serve ("मैं घर में हूँ", "ساكن في شقة"). */
const NOT_PLACES = new Set(['घर', 'ऑफिस', 'दफ्तर', 'अस्पताल', 'شقه', 'فيلا', 'بيت', 'البيت', 'عماره']);

/**
 * The place a message says the customer is in ("I'm in Mecca", "moro no Rio de Janeiro",
 * "İstanbul'dayım", "मैं दिल्ली में हूँ"), as written; undefined when it states none. It does not look
 * the place up: the caller uses it when no configured area matched, as a place outside them.
 */
export function namedPlace(text: string): string | undefined {
  const folded = foldText(text);
  for (const lead of findPhrases(folded, PLACE_LEAD)) {
    const after = folded.origin[lead.end];
    if (after === undefined) continue;
    const rest = text.slice(after);
    const place = (ARABIC.test(lead.text) ? ANY_WORD : CAPITALIZED).exec(rest)?.[1];
    if (place !== undefined && !NOT_PLACES.has(foldText(place).folded)) return place;
  }
  for (const pattern of [TURKISH_HERE, ...HINDI_HERE]) {
    const place = pattern.exec(text)?.[1];
    if (place !== undefined && !NOT_PLACES.has(foldText(place).folded)) return place;
  }
  return undefined;
}

/** An area a pin can be placed in: configured areas without a center are skipped. */
export interface PinnableArea {
  id: string;
  center?: Coordinates | undefined;
  radiusKm?: number | undefined;
}

export type PinArea =
  | { outside?: undefined; id: string; distanceKm: number }
  | { outside: true; nearestId?: string; distanceKm?: number };

/** Mean Earth radius (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance between two points, km (haversine; error well under 1% at city scale). */
export function distanceKm(from: Coordinates, to: Coordinates): number {
  const rad = Math.PI / 180;
  const dLat = (to.latitude - from.latitude) * rad;
  const dLon = (to.longitude - from.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(from.latitude * rad) * Math.cos(to.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The nearest area whose radius contains the pin, with the distance to its center; otherwise
 * `{ outside: true }` with the nearest area that has a center (if any). An area with a center but no
 * radius never contains a pin: without a radius we cannot tell how far it reaches.
 */
export function areaForPin(latitude: number, longitude: number, areas: readonly PinnableArea[]): PinArea {
  const pin = { latitude, longitude };
  let inside: { id: string; distanceKm: number } | undefined;
  let nearest: { id: string; distanceKm: number } | undefined;
  for (const area of areas) {
    if (area.center === undefined) continue;
    const km = distanceKm(pin, area.center);
    if (nearest === undefined || km < nearest.distanceKm) nearest = { id: area.id, distanceKm: km };
    if (
      area.radiusKm !== undefined &&
      km <= area.radiusKm &&
      (inside === undefined || km < inside.distanceKm)
    ) {
      inside = { id: area.id, distanceKm: km };
    }
  }
  if (inside !== undefined) return { id: inside.id, distanceKm: round(inside.distanceKm) };
  if (nearest === undefined) return { outside: true };
  return { outside: true, nearestId: nearest.id, distanceKm: round(nearest.distanceKm) };
}

function round(km: number): number {
  return Math.round(km * 10) / 10;
}

/** An area as the text matcher reads it: names, districts, look-alike names, where it is. */
export interface PlaceableArea extends AliasEntry, PinnableArea {
  districts?: readonly string[];
  notNames?: readonly string[];
  country?: string | undefined;
}

export type TextPlace =
  | { areaId: string; confidence: number; evidence: string }
  | { outside: true; text: string; confidence: number; evidence: string; country?: string }
  /** a country or region that holds several areas, or part of one: no place can be told */
  | { ambiguous: true; text: string };

/** Look-alike names carry this prefix in the alias table: a hit on one is outside, never the area. */
const NOT_PREFIX = '\u0000not:';
/** A district is named by fewer customers and more often shared with other cities than the city itself. */
const DISTRICT_CONFIDENCE_CAP = 0.8;
/** A town of the gazetteer inside an area's radius (plus this margin, km) is in the area. */
const TOWN_MARGIN_KM = 10;
/** A town or country far from every area: sure enough for the policy to hand it to a person. */
export const GAZETTEER_OUTSIDE_CONFIDENCE = 0.85;
const TOWN_INSIDE_CONFIDENCE = 0.75;
/** A town at least this big is a town of its own beside an area: no margin beyond the radius (see placeInText). */
const OWN_CITY_POPULATION = 50_000;
/** A city this large is an area only within half its radius: beyond, it is a city of its own (Sharjah, Bonn). */
const BIG_CITY_POPULATION = 250_000;

/** Words a place name starts with that name many places ("Saint-Denis", "New Cairo", "Al Barsha"). */
const GENERIC_HEADS = new Set([
  ...['saint', 'sainte', 'santa', 'santo', 'sankt', 'north', 'south', 'east', 'west', 'upper', 'lower'],
  ...['great', 'little', 'grand', 'petit', 'nuevo', 'nueva', 'nova', 'novo', 'villa', 'ciudad', 'cidade'],
  ...['porto', 'puerto', 'kota', 'bandar', 'kuala', 'tanjung', 'sungai', 'taman', 'centro', 'parque'],
  ...['sant', 'san', 'sao', 'vila'],
]);
/** Particles that join the two parts of a compound place name ("Pozuelo de Alarcón", "Neuilly-sur-Seine"). */
const JOINERS = /^(?:de|del|da|do|sur|sous|les|am|an|im|upon|on)$/u;

/**
 * What customers call a compound place in short: the words before its particle or hyphen ("Pozuelo" for
 * "Pozuelo de Alarcón", "Boulogne" for "Boulogne-Billancourt", "Sant Cugat" for "Sant Cugat del Vallès") when
 * they are no generic words of places, else the word after the particle ("Gaia" for "Vila Nova de Gaia").
 */
function shortName(name: string): string[] {
  const parts = name.split(/[\s-]+/u).filter((part) => part !== '');
  if (parts.length < 2) return [];
  const joiner = parts.findIndex((part, i) => i > 0 && JOINERS.test(part.toLowerCase()));
  if (joiner < 0 && !name.includes('-')) return [];
  // the words before the particle ("Sant Cugat" of "Sant Cugat del Vallès", "L'Hospitalet" of "L'Hospitalet de
  // Llobregat"), or before the hyphen
  const head = joiner > 0 ? parts.slice(0, joiner) : parts.slice(0, 1);
  const words = head.flatMap((part) => tokens(part));
  if (words.some((word) => word.length > 1 && !GENERIC_HEADS.has(word)))
    return words.join('').length >= 5 ? [head.join(' ')] : [];
  // …or, when those are all generic, the one word after it ("Gaia" of "Vila Nova de Gaia")
  const tail = joiner > 0 && joiner === parts.length - 2 ? parts[joiner + 1] : undefined;
  return tail !== undefined && (tokens(tail)[0] ?? '').length >= 4 ? [tail] : [];
}

/**
 * An owner's note on a place name is not part of it: "Madrid, Iowa (USA)" is written "Madrid, Iowa", and
 * "Salamanca (city, Castilla y León)" is "Salamanca".
 */
function withoutNote(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*/gu, ' ').trim() || name;
}

function scriptOf(text: string): 'arabic' | 'devanagari' | 'latin' {
  return /[\u0600-\u06ff]/u.test(text) ? 'arabic' : /[\u0900-\u097f]/u.test(text) ? 'devanagari' : 'latin';
}

/**
 * A name written in two scripts side by side, each its spelling there ("عبدون Abdoun", "Andheri अंधेरी"): the
 * words of each script together. A name in one script is itself.
 */
function scriptParts(name: string): string[] {
  const parts: Array<{ script: string; words: string[] }> = [];
  for (const word of name.split(/\s+/u).filter(Boolean)) {
    const script = /\p{L}/u.test(word) ? scriptOf(word) : undefined;
    const last = parts.at(-1);
    if (last !== undefined && (script === undefined || script === last.script)) last.words.push(word);
    else parts.push({ script: script ?? 'latin', words: [word] });
  }
  return parts.length > 1 ? parts.map((part) => part.words.join(' ')) : [name];
}

/**
 * The names an owner wrote in one: either side of a slash between spaces ("Milla de Oro / Golden Mile"), each
 * script's words of a name written in two ("تلاع العلي Tla' al-Ali"), and a note in another script than the
 * name, its spelling there ("Dibba (دبا)", "Andheri (अंधेरी)").
 */
function spellings(name: string): string[] {
  const bare = withoutNote(name);
  const notes = [...name.matchAll(/\(([^)]*)\)/gu)]
    .map((note) => (note[1] ?? '').trim())
    .filter((note) => note !== '' && scriptOf(note) !== scriptOf(bare));
  return [...bare.split(/\s+\/\s+/u).flatMap(scriptParts), ...notes]
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * The initials an owner wrote after a name are a name too, not a note: "Petaling Jaya (PJ)", "Pantai Indah Kapuk
 * (PIK)", "Greater Kailash (GK)".
 */
function initialsInNote(name: string): string[] {
  const note = /\(([A-Z]{2,4})\)/u.exec(name)?.[1];
  if (note === undefined) return [];
  const initials = withoutNote(name)
    .split(/[\s-]+/u)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
  return initials === note ? [note] : [];
}

/** Letters a name written as one word needs: shorter joined names are other words ("Al Ain" is no "alain"). */
const JOINED_MIN_LETTERS = 7;

/**
 * A name of several Latin words written as one, as customers often do: "Georgetown" for George Town,
 * "Kualalumpur", "Abudhabi".
 */
function joinedName(name: string): string[] {
  const words = name.split(/[\s-]+/u).filter(Boolean);
  const joined = words.join('');
  return words.length > 1 && /^\p{Script=Latin}+$/u.test(joined) && joined.length >= JOINED_MIN_LETTERS
    ? [joined]
    : [];
}

const joinedNames = new WeakMap<
  readonly PlaceableArea[],
  Map<string, { id: string; district: boolean } | null>
>();

/** The areas' names of several words as one word each, to the one area each names (null: several do). */
function joinedNamesOf(
  areas: readonly PlaceableArea[],
): Map<string, { id: string; district: boolean } | null> {
  let names = joinedNames.get(areas);
  if (names === undefined) {
    names = new Map();
    for (const area of areas) {
      const own = [
        ...Object.values(area.names)
          .flat()
          .map((name) => ({ name, district: false })),
        ...(area.districts ?? []).map((name) => ({ name, district: true })),
      ];
      for (const { name, district } of own) {
        for (const joined of joinedName(withoutNote(name))) {
          const key = tokens(joined)[0] ?? joined;
          const known = names.get(key);
          if (known === undefined) names.set(key, { id: area.id, district });
          else if (known !== null && known.id !== area.id) names.set(key, null);
          else if (known !== null && !district) names.set(key, { id: area.id, district: false });
        }
      }
    }
    joinedNames.set(areas, names);
  }
  return names;
}

/** An area's name of several words written as one ("Georgetown" for George Town, "Kualalumpur"). */
function joinedNameIn(text: string, areas: readonly PlaceableArea[]): TextPlace | undefined {
  const names = joinedNamesOf(areas);
  if (names.size === 0) return undefined;
  for (const word of tokens(text)) {
    if (word.length < JOINED_MIN_LETTERS) continue;
    const named = names.get(word);
    if (named)
      return {
        areaId: named.id,
        confidence: named.district ? DISTRICT_CONFIDENCE_CAP : OTHER_SCRIPT_NAME_CONFIDENCE,
        evidence: word,
      };
  }
  return undefined;
}

const placeEntries = new WeakMap<readonly PlaceableArea[], AliasEntry[]>();
/**
 * Short forms everyone writes for a city's parts, known without the owner listing them: Jakarta's five cities
 * ("Jaksel", "Jakut"). Read as the area's districts.
 */
const CITY_SHORT_FORMS: ReadonlyArray<{ city: string; forms: readonly string[] }> = [
  { city: 'jakarta', forms: ['Jaksel', 'Jakut', 'Jakbar', 'Jaktim', 'Jakpus', 'JKT'] },
];
function shortFormsOf(area: PlaceableArea): string[] {
  const names = Object.values(area.names)
    .flat()
    .map((name) => tokens(name).join(' '));
  return CITY_SHORT_FORMS.filter(({ city }) => names.includes(city)).flatMap(({ forms }) => forms);
}

/** The words of the areas' own names of several words ("dubai", "marina" of "Dubai Marina"), four letters or more. */
function ownWordsOf(areas: readonly PlaceableArea[]): Set<string> {
  return new Set(
    areas.flatMap((area) =>
      Object.values(area.names)
        .flat()
        .flatMap(spellings)
        .map((name) => tokens(withoutNote(name)))
        .filter((words) => words.length > 1)
        .flat()
        .filter((word) => word.length >= 4),
    ),
  );
}

function entriesOf(areas: readonly PlaceableArea[]): AliasEntry[] {
  const cached = placeEntries.get(areas);
  if (cached !== undefined) return cached;
  const entries: AliasEntry[] = [];
  const ownNames = new Set(
    areas.flatMap((area) =>
      [...Object.values(area.names).flat(), ...(area.districts ?? [])]
        .flatMap(spellings)
        .map((name) => normalizeForMatch(name)),
    ),
  );
  // …and each word of them: a look-alike named by one ("Marina (Abu Dhabi)" beside "Dubai Marina") keeps its note too
  const ownWords = ownWordsOf(areas);
  for (const area of areas) {
    entries.push({
      id: area.id,
      names: Object.fromEntries(
        Object.entries(area.names).map(([language, names]) => [language, names.flatMap(spellings)]),
      ),
    });
    const districts = [...(area.districts ?? []), ...shortFormsOf(area)].flatMap(spellings);
    if (districts.length > 0)
      entries.push({
        id: `${area.id}\u0000district`,
        names: {
          '*': [
            ...districts,
            ...districts.flatMap(shortName),
            ...(area.districts ?? []).flatMap(initialsInNote),
          ],
        },
      });
    // a look-alike whose name without the note is an area's own keeps the note: it is what tells them apart
    // ("Kadıköy (Edirne)" beside the district Kadıköy)
    if (area.notNames !== undefined && area.notNames.length > 0)
      entries.push({
        id: `${NOT_PREFIX}${area.id}`,
        names: {
          '*': area.notNames.flatMap((name) =>
            spellings(name).flatMap((short) => {
              const bare = normalizeForMatch(short);
              if (!ownNames.has(bare) && !ownWords.has(bare)) return [short];
              // the name with each place of the note: "Paris (Texas, USA)" is "Paris Texas" or "Paris USA"
              const notes = [...name.matchAll(/\(([^)]*)\)/gu)].flatMap((note) =>
                (note[1] ?? '').split(/[,/;]/u).map((part) => part.trim()),
              );
              return [name, ...notes.filter((part) => part !== '').map((part) => `${short} ${part}`)];
            }),
          ),
        },
      });
  }
  placeEntries.set(areas, entries);
  return entries;
}

/**
 * Where a message places the customer, from its words: a service area by name, alias or district; outside
 * every area for a look-alike name (`notNames`), a town of the gazetteer far from every area, or a country
 * with no area; ambiguous for a country that has areas (it covers several, or more than one). A town of
 * the gazetteer within an area's radius is that area. Undefined when the message names no place.
 */
/** Whether a reading is a district the owner listed, named as written. */
function isListedDistrict(read: ReturnType<typeof matchAlias>): boolean {
  return read !== undefined && read.evidence.kind === 'exact' && read.id.includes('\u0000district');
}

export function placeInText(
  text: string,
  areas: readonly PlaceableArea[],
  tenantCountry: string,
  gazetteer: (text: string, language?: string) => readonly GazetteerPlace[] = placesIn,
  language?: string,
  sendsAbroad = false,
): TextPlace | undefined {
  const entries = entriesOf(areas);
  const sentThere = sendsAbroad ? sentAway : () => false;
  const read = matchAlias(text, entries, language, {
    admit: (candidate) => !everydayWordName(candidate, entries, text, language),
    sameAs: (id) => id.split('\u0000')[0] ?? id,
  });
  const named =
    read !== undefined && (everydayWordTypo(read, text) || namesAStreet(read, text)) ? undefined : read;
  // A name read with a typo that is itself another real place ("Izmit" for "Izmir") is that place.
  // Written together or apart ("Georgetown" for "George Town") is no typo.
  const lookAlike =
    named !== undefined &&
    named.evidence.kind !== 'reply' &&
    named.evidence.edits > 0 &&
    joined(named.evidence.span) !== joined(normalizeForMatch(named.evidence.alias))
      ? placeNamed(named.evidence.span)
      : undefined;
  const areaCountries = new Set(areas.map((area) => area.country ?? tenantCountry));
  // a metropolitan region that holds several towns ("Lembah Klang", "Delhi NCR", "Jabodetabek") says not which
  // one, whatever town of its name the gazetteer knows or the owner warned of; a town of it named still does
  const region = findPhrases(foldText(text), METRO_REGIONS)[0];
  if (region !== undefined && (named === undefined || named.id.startsWith(NOT_PREFIX)))
    return { ambiguous: true, text: region.text };
  if (named !== undefined && lookAlike === undefined) {
    const evidence = named.evidence.kind === 'reply' ? named.evidence.replyId : named.evidence.span;
    if (named.id.startsWith(NOT_PREFIX))
      return { outside: true, text: evidence, confidence: GAZETTEER_OUTSIDE_CONFIDENCE, evidence };
    // "Roma, Italia" is not the Roma district of Mexico City: a country no area is in places the name there,
    // unless it says where something or someone came from ("the marble came from Italy", "Italy se mangwaya")
    if (named.evidence.kind !== 'reply') {
      const country = gazetteer(text, language).find(
        (place) =>
          place.kind === 'country' &&
          !areaCountries.has(place.country) &&
          !origin(text, place.text) &&
          !sentThere(text, place.text) &&
          // …and the country is no district the owner listed ("Polonia, Medan", "Bosna Hersek" of Konya); an area's
          // own name spelled like a country stays the country's ("سلطنة عمان" is Oman, not "عمّان")
          !isListedDistrict(matchAlias(place.text, entries, language)),
      );
      if (country !== undefined) return outsidePlace(country);
    }
    const elsewhere = lookAlikeByNote(text, areas, named.id, evidence);
    if (elsewhere !== undefined)
      return {
        outside: true,
        text: elsewhere,
        confidence: GAZETTEER_OUTSIDE_CONFIDENCE,
        evidence: elsewhere,
      };
    const district = named.id.indexOf('\u0000district');
    if (district >= 0)
      return {
        areaId: named.id.slice(0, district),
        confidence: Math.min(named.confidence, DISTRICT_CONFIDENCE_CAP),
        evidence,
      };
    return { areaId: named.id, confidence: named.confidence, evidence };
  }
  if (named === undefined) {
    const short = otherScriptName(text, areas, language === 'ar') ?? joinedNameIn(text, areas);
    if (short !== undefined) return short;
  }
  const places =
    lookAlike === undefined ? gazetteer(text, language) : [lookAlike, ...gazetteer(text, language)];
  for (const place of places) {
    // where a parcel goes ("send a box to Lahore", "Kanada'ya koli") is not where the customer is
    if (sentThere(text, place.text)) continue;
    // the last word of a longer name nobody knows ("Tanjung Duren" is in Jakarta, not Düren) is no town abroad
    if (place.kind === 'town' && !areaCountries.has(place.country) && endsALongerName(text, place.text))
      continue;
    if (place.kind === 'country') {
      if (areaCountries.has(place.country)) return { ambiguous: true, text: place.text };
      return outsidePlace(place);
    }
    const at = { latitude: place.latitude ?? 0, longitude: place.longitude ?? 0 };
    // the margin is for the small towns at an area's edge: a town of 50,000 beyond the radius is a town of its
    // own (Bonn is not Cologne, Mohammedia not Casablanca), unless the owner lists it among the area's districts
    const ownCity = (place.population ?? 0) >= OWN_CITY_POPULATION;
    const bigCity = (place.population ?? 0) >= BIG_CITY_POPULATION;
    let inside: { id: string; km: number } | undefined;
    for (const area of areas) {
      if (area.center === undefined || area.radiusKm === undefined) continue;
      // a town across a border is not in the area, however near (Singapore towns around Johor Bahru)
      if (area.country !== undefined && place.country !== area.country) continue;
      const km = distanceKm(at, area.center);
      // a large city is the area only near its centre: Sharjah is no part of Dubai, though inside its radius
      const reach = bigCity ? area.radiusKm / 2 : area.radiusKm + (ownCity ? 0 : TOWN_MARGIN_KM);
      if (km <= reach && (inside === undefined || km < inside.km)) inside = { id: area.id, km };
    }
    if (inside !== undefined)
      return { areaId: inside.id, confidence: TOWN_INSIDE_CONFIDENCE, evidence: place.text };
    // the city an area is named as part of ("Dubai" beside the area "Dubai Marina") holds it and more: which part
    // is not said
    if (areas.some((area) => partOfCity(area, place, at))) return { ambiguous: true, text: place.text };
    // a small town abroad named like a word of one area's name ("in the Marina", a town in California, beside
    // "Dubai Marina") is that area, said short
    const short = areaCountries.has(place.country) ? undefined : areaNamedByWord(areas, place);
    if (short !== undefined)
      return { areaId: short, confidence: TOWN_INSIDE_CONFIDENCE, evidence: place.text };
    const placeable = areas.some((area) => area.center !== undefined && area.radiusKm !== undefined);
    if (placeable || !areaCountries.has(place.country)) return outsidePlace(place);
  }
  return undefined;
}

/**
 * The look-alike the owner warned of under the area's own name, told by a place of its note said anywhere in the
 * message ("Aveiro (Pará, Brasil)": "moro em Aveiro, no Pará"): the note's place, when no area has it as a name.
 */
function lookAlikeByNote(
  text: string,
  areas: readonly PlaceableArea[],
  id: string,
  span: string,
): string | undefined {
  const area = areas.find((candidate) => candidate.id === id.split('\u0000')[0]);
  const named = tokens(span).join(' ');
  const noted = (area?.notNames ?? []).filter(
    (name) => name.includes('(') && tokens(withoutNote(name)).join(' ') === named,
  );
  if (noted.length === 0) return undefined;
  // as written, accents kept: a note's "Pará" is no Portuguese "para"
  const said = ` ${asWritten(text)} `;
  const ours = areaNamesOf(areas);
  for (const name of noted)
    for (const [, note = ''] of name.matchAll(/\(([^)]*)\)/gu))
      for (const part of note.split(/[,/;]/u)) {
        const words = tokens(part).join(' ');
        if (words.length >= 3 && !ours.has(words) && said.includes(` ${asWritten(part)} `))
          return part.trim();
      }
  return undefined;
}

/** Lowercase words with their accents, one space between: a note's place as the customer wrote it. */
function asWritten(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
}

const areaNamesCache = new WeakMap<readonly PlaceableArea[], Set<string>>();
/** Every area's names and districts, and the words of its longer names, folded: worked out once per tenant. */
function areaNamesOf(areas: readonly PlaceableArea[]): Set<string> {
  let names = areaNamesCache.get(areas);
  if (names === undefined) {
    names = new Set([
      ...ownWordsOf(areas),
      ...areas.flatMap((other) =>
        [...Object.values(other.names).flat(), ...(other.districts ?? [])].map((own) =>
          tokens(withoutNote(own)).join(' '),
        ),
      ),
    ]);
    areaNamesCache.set(areas, names);
  }
  return names;
}

/** Each of an area's own names as its words, the owner's note left out. */
function nameWordsOf(area: PlaceableArea): string[][] {
  return Object.values(area.names)
    .flat()
    .map((name) => tokens(withoutNote(name)));
}

/** How far from a city's centre an area named as part of it may lie. */
const CITY_PART_KM = 40;
/** Whether `area` is named as a part of the town `place` ("Dubai Marina" of Dubai, "Stuttgart-West") and lies in it. */
function partOfCity(area: PlaceableArea, place: GazetteerPlace, at: Coordinates): boolean {
  if (area.center === undefined || (area.country !== undefined && area.country !== place.country))
    return false;
  if (distanceKm(at, area.center) > CITY_PART_KM) return false;
  return nameWordsOf(area).some((words) => {
    const name = words.join(' ');
    return name !== place.text && ` ${name} `.includes(` ${place.text} `);
  });
}

/** The one area with a name of several words one of which is this small town's name, if one has. */
function areaNamedByWord(areas: readonly PlaceableArea[], place: GazetteerPlace): string | undefined {
  if ((place.population ?? 0) >= OWN_CITY_POPULATION * 2 || place.text.includes(' ')) return undefined;
  const named = areas.filter((area) =>
    nameWordsOf(area).some((words) => words.length > 1 && words.includes(place.text)),
  );
  return named.length === 1 ? named[0]?.id : undefined;
}

/** Metropolitan regions named as a whole, each holding several towns. */
const METRO_REGIONS = phraseRegExp(
  [
    ...['lembah klang', 'klang valley', 'greater kuala lumpur', 'greater kl'],
    ...['ncr', 'delhi ncr', 'एनसीआर', 'दिल्ली एनसीआर', 'mmr', 'jabodetabek', 'jabotabek', 'greater jakarta'],
  ].map((name) => foldText(name).folded),
);

/**
 * Whether the one-word `name` (folded) is written after another capitalized word inside a sentence, as the
 * last word of a longer name ("di Tanjung Duren", "at Bukit Timah"), not after a word of place.
 */
function endsALongerName(text: string, name: string): boolean {
  if (name.includes(' ')) return false;
  for (const match of text.matchAll(/(?<=^|[^\p{L}\p{N}])(\p{Lu}[\p{L}\p{M}]*)\s+(\p{Lu}[\p{L}\p{M}]*)/gu)) {
    const [, first = '', second = ''] = match;
    if (tokens(second)[0] !== name) continue;
    const before = text.slice(0, match.index).trimEnd();
    // a capital that only opens the sentence, or a greeting, says nothing
    if (before === '' || /[.!?\n]$/u.test(before) || NOT_A_NAME_BEFORE.has(tokens(first)[0] ?? '')) continue;
    return true;
  }
  return false;
}
const NOT_A_NAME_BEFORE = new Set(
  [
    'i',
    'im',
    'hi',
    'hello',
    'dear',
    'sir',
    'mr',
    'mrs',
    'ms',
    'dr',
    'in',
    'at',
    'from',
    'to',
    'di',
    'ke',
    'dari',
  ].map((word) => tokens(word)[0] ?? word),
);

/** A name with its spaces, hyphens and apostrophes dropped ("George Town" and "Georgetown" alike). */
const joined = (name: string) => name.replace(/[\s'’-]+/gu, '');

/** Words that make a country where something came from: before it ("from Italy", "dari India"), after it ("Italy se"). */
const FROM_BEFORE = new Set(
  ['from', 'dari', 'desde', 'aus', 'von', 'da', 'do', 'من', 'imported', 'import'].map(
    (word) => tokens(word)[0] ?? word,
  ),
);
const FROM_AFTER = new Set(
  ['se', 'sy', 'से', 'ka', 'ki', 'ke', 'का', 'की', 'के', 'made', 'import', 'imported'].map(
    (word) => tokens(word)[0] ?? word,
  ),
);
/** Whether `country`, as folded in `text`, is said as where something or someone came from. */
function origin(text: string, country: string): boolean {
  const words = tokens(text);
  const countryWords = tokens(country);
  return words.some(
    (_, i) =>
      countryWords.every((w, k) => words[i + k] === w) &&
      (FROM_BEFORE.has(words[i - 1] ?? '') || FROM_AFTER.has(words[i + countryWords.length] ?? '')),
  );
}

/** Words of sending something away: a place it goes to is not the sender's ("send a parcel to Lahore"). */
const SENDING = new RegExp(
  `^(?:${[
    'send',
    'sent',
    'ship',
    'post(?:ing|ed)?',
    'mail',
    'courier',
    'parcels?',
    'packages?',
    'shipments?',
    'cargo',
    'luggage',
    'baggage',
    'schick',
    'versch',
    'versend',
    'sende',
    'pakete?',
    'seefracht',
    'karton',
    'gonder',
    'yolla',
    'koli',
    'kargo',
    'kirim',
    'hantar',
    'bhej',
    'भेज',
    'envi',
    'mand[ao]',
    'colis',
    'expedi',
    'ارسل',
    'ابعت',
    'ابعث',
    'ab3at',
    'اشحن',
    'شحن',
    'تنشحن',
    'طرد',
    'كرتون',
    'كراتين',
  ].join('|')})`,
  'u',
);
/** Words right before a place it is sent to ("to", "nach", "ke", "إلى", "la" in Levantine Arabizi). */
const SENT_TO_BEFORE = new Set(
  ['to', 'nach', 'ke', 'para', 'pra', 'vers', 'au', 'aux', 'الى', 'إلى', 'لعند', 'la', 'ila'].map(
    (word) => tokens(word)[0] ?? word,
  ),
);
/** What follows a place it is sent to: the Turkish dative after an apostrophe ("Kanada'ya"), Hindi "ko". */
const SENT_TO_AFTER = new Set(
  ['ya', 'ye', 'a', 'e', 'na', 'ne', 'ko', 'को'].map((word) => tokens(word)[0] ?? word),
);
/** People a parcel goes to: a place said after them is theirs ("to my family in Nepal", "لأهلي في مصر"). */
const RECIPIENTS =
  /^(?:family|familie|customers|clients|kunden|musterilerim\p{L}*|pelanggan|عملائي|لعملائي|زبائني|لزبائني|embassy|botschaft|elciligi\p{L}*|سفاره|للسفاره|mother|mom|mum|father|dad|parents|brother|sister|son|daughter|relatives|eltern|mutter|vater|bruder|schwester|keluarga|اهل|لاهل|اهلي|لاهلي|ahle|ahli|اخوي|لاخوي|لاخي|اخويا|ailem|annem|babam|kardesim|oglum|kizim)/u;
/** Words before a place the people a parcel goes to may stand ("لأهل العاملة اللي عندنا في الفلبين"). */
const RECIPIENT_REACH = 5;
const AND = new Set(
  ['and', 'or', 'und', 'oder', 've', 'dan', 'y', 'e', 'et', 'aur'].map((word) => tokens(word)[0] ?? word),
);
/** Words of going back home ("zurück nach Polen", "going back to Lahore", "وراجع مصر"). */
const GOING_BACK = new Set(
  ['zuruck', 'back', 'راجع', 'وراجع', 'راجعه', 'pulang', 'balik'].map((word) => tokens(word)[0] ?? word),
);
/**
 * Whether `place`, as folded in `text`, is where something is sent or someone returns home: after "to" in a
 * message about sending ("send one parcel to Lahore", "Kanada'ya koli", "pakete nach Izmir"), after the people it
 * goes to ("to my family in Nepal"), or after a word of going back ("zieh zurück nach Polen", "راجع مصر").
 */
function sentAway(text: string, place: string): boolean {
  const words = tokens(text);
  const placeWords = tokens(place);
  if (placeWords.length === 0) return false;
  const sending = words.some((word) => SENDING.test(word));
  return words.some((_, i) => {
    if (!placeWords.every((w, k) => words[i + k] === w)) return false;
    const before = words.slice(Math.max(0, i - RECIPIENT_REACH), i);
    // the last of several places it goes to ("to KSA and Oman")
    const listed = AND.has(words[i - 1] ?? '') ? 2 : 0;
    const previous = words[i - 1 - listed] ?? '';
    if (GOING_BACK.has(previous) || (GOING_BACK.has(words[i - 2] ?? '') && SENT_TO_BEFORE.has(previous)))
      return true;
    if (!sending) return false;
    return (
      SENT_TO_BEFORE.has(previous) ||
      SENT_TO_AFTER.has(words[i + placeWords.length] ?? '') ||
      before.some((word) => RECIPIENTS.test(word))
    );
  });
}

/** A place particle joined to an Arabic word ("فالمعاريف", "بسلا"), or a word of place before it. */
const ARABIC_JOINED_PLACE = /^(?:ف|ب|لل|ل)(?=\p{L}{3})/u;
const ARABIC_PLACE_WORDS = new Set(
  ['في', 'فى', 'من', 'حي', 'بحي', 'فحي', 'منطقه', 'عند', 'الى', 'إلى', 'لين', 'حتى', 'لعند'].map(
    (word) => tokens(word)[0] ?? word,
  ),
);
/** Kinds of place a name follows in Arabic and precedes in English ("مدينة خليفة", Khalifa City). */
const ARABIC_PLACE_KINDS = new Set(
  ['مدينه', 'جزيره', 'شاطئ', 'منطقه'].map((word) => tokens(word)[0] ?? word),
);
const LATIN_PLACE_KINDS = /\s+(?:city|island|beach|town|district|area)$/iu;
/** Words a name of several words may run to after a word of place ("في عين الشق", "إلى مدينة محمد بن زايد"). */
const SCRIPT_NAME_MAX_WORDS = 4;
/** Arabizi words of place before a name ("fe", "b", "f", "fel"). */
const ARABIZI_PLACE_WORDS = new Set([
  'fe',
  'fi',
  'f',
  'b',
  'bi',
  'fel',
  'fil',
  'bel',
  'bil',
  'men',
  'min',
  'mn',
]);
/** Hindi postpositions of place after a name ("अंधेरी में"). */
const HINDI_POSTPOSITIONS = new Set(['में', 'से', 'तक'].map((word) => tokens(word)[0] ?? word));
/** The Arabic article as romanized names begin with ("Al Qusais", "El Manar"). */
const LATIN_ARTICLE = /^(?:al|el)$/u;
/** Consonants a name read across scripts needs: fewer name too many words. */
const SCRIPT_NAME_MIN_CONSONANTS = 3;
/** Consonants compared between Arabic and Latin letters: the hard sounds one ("Agdal" / "أكدال"), no final h. */
function arabicLatinKey(word: string): string | undefined {
  return consonantSkeleton(word)
    ?.replace(/[gjkq]/gu, 'k')
    .replace(/h$/u, '');
}

/**
 * The spellings of a name read across scripts by its consonants: none when the owner wrote it in Arabic or
 * Devanagari too ("السويدي Al Suwaidi"), whose own spelling is read as written.
 */
function latinOnlySpellings(name: string): string[] {
  const all = spellings(name);
  return all.some((part) => scriptOf(part) !== 'latin') ? [] : all;
}

/** An area or district named in another script, or a look-alike the owner warned of (`outside`). */
interface ScriptName {
  id: string;
  district: boolean;
  outside?: boolean;
  /** read from Arabic script: whether a Latin spelling with these consonants has an "o", "u", "w" or "v" (و) */
  ou?: boolean;
}
interface ScriptKeys {
  arabic: Map<string, ScriptName[]>;
  devanagari: Map<string, ScriptName[]>;
  /** every spelling the owner gave, Arabic or Latin, without its article, by its consonants: read from Arabizi */
  arabizi: Map<string, ScriptName[]>;
}
const scriptKeys = new WeakMap<readonly PlaceableArea[], ScriptKeys>();
function scriptKeysOf(areas: readonly PlaceableArea[]): ScriptKeys {
  const known = scriptKeys.get(areas);
  if (known !== undefined) return known;
  const keys: ScriptKeys = { arabic: new Map(), devanagari: new Map(), arabizi: new Map() };
  const add = (map: ScriptKeys['arabic'], key: string | undefined, name: ScriptName) => {
    if (key === undefined || key.length < SCRIPT_NAME_MIN_CONSONANTS) return;
    const list = map.get(key) ?? [];
    const same = list.find((entry) => entry.id === name.id && entry.outside === name.outside);
    if (same === undefined) list.push({ ...name });
    else if (name.ou === true) same.ou = true;
    map.set(key, list);
  };
  const ownWords = ownWordsOf(areas);
  const lookAlike = (name: string) => !ownWords.has(tokens(withoutNote(name)).join(' '));
  for (const area of areas) {
    const names: Array<{ name: string } & ScriptName> = [
      ...Object.values(area.names)
        .flat()
        .map((name) => ({ name, id: area.id, district: false })),
      ...(area.districts ?? [])
        .flatMap(latinOnlySpellings)
        .map((name) => ({ name, id: area.id, district: true })),
      // "الشارقة" for the Sharjah the owner of a Dubai area warned of
      ...(area.notNames ?? [])
        .flatMap(latinOnlySpellings)
        .filter(lookAlike)
        .map((name) => ({ name, id: area.id, district: false, outside: true })),
    ];
    for (const [names, entry] of [
      [Object.values(area.names).flat(), { id: area.id, district: false }],
      [area.districts ?? [], { id: area.id, district: true }],
      [(area.notNames ?? []).filter(lookAlike), { id: area.id, district: false, outside: true }],
    ] as const)
      for (const name of names.flatMap(spellings)) {
        const plain = withoutNote(name);
        const words = tokens(plain);
        const bare = (LATIN_ARTICLE.test(words[0] ?? '') ? words.slice(1) : words)
          .join('')
          .replace(/^ال(?=.{3})/u, '');
        add(keys.arabizi, arabicLatinKey(bare), entry);
      }
    for (const { name, ...entry } of names) {
      const inArabic = (latin: string) =>
        add(keys.arabic, arabicLatinKey(latin), { ...entry, ou: /[ouwv]/u.test(latin) });
      // "Khalifa City" is also "Khalifa", as "مدينة خليفة" says it
      const plain = withoutNote(name);
      const bare = tokens(plain.replace(LATIN_PLACE_KINDS, '')).join('');
      if (bare !== tokens(plain).join('') && !entry.outside && /^[a-z]+$/u.test(bare)) inArabic(bare);
      const words = tokens(plain);
      const folded = words.join('');
      if (!/^[a-z]+$/u.test(folded)) continue;
      inArabic(folded);
      // "Al Sulimaniyah" is also written without its article ("السليمانية" read bare)
      if (words.length > 1 && LATIN_ARTICLE.test(words[0] ?? '')) inArabic(words.slice(1).join(''));
      add(keys.devanagari, devanagariKeyOfLatin(folded), entry);
    }
  }
  scriptKeys.set(areas, keys);
  return keys;
}

/**
 * A short area or district name the owner wrote in Latin letters, written by the customer in Arabic script
 * after a word of place ("فالمعاريف" for Maârif, "في الكرامة" for Karama, "في جميرا" for Jumeirah) or in
 * Devanagari before a postposition ("अंधेरी में" for Andheri): the same consonants, three at least, of one
 * area's names only. A look-alike the owner warned of, written so ("في الشارقة" for Sharjah), is outside.
 */
function otherScriptName(
  text: string,
  areas: readonly PlaceableArea[],
  arabizi = false,
): TextPlace | undefined {
  const keys = scriptKeysOf(areas);
  const words = tokens(text);
  for (const [i, word] of words.entries()) {
    let key: string | undefined;
    let map: ScriptKeys['arabic'] | undefined;
    /** the Arabic-script spelling read, when it was one */
    let written: string | undefined;
    if (/^[\u0621-\u064a]+$/u.test(word)) {
      const placed = ARABIC_PLACE_WORDS.has(words[i - 1] ?? '');
      const particle = ARABIC_JOINED_PLACE.exec(word)?.[0];
      if (!placed && particle === undefined) continue;
      // the word as written after a word of place ("في لوسيل"), or without the letter of place joined to it;
      // "لل" is "to" joined to the article ("للقصيص" is "to القصيص")
      const names = [
        ...(particle === undefined
          ? []
          : [particle === 'لل' ? `ال${word.slice(2)}` : word.slice(particle.length)]),
        ...(placed ? [word] : []),
      ];
      // a name of several words read whole, the longest first, an article inside dropped ("عين الشق" for Aïn
      // Chock); then the word without its article ("السليمانية" for Sulimaniyah), or with it ("القصيص")
      const following: string[] = [];
      for (const next of words.slice(i + 1, i + SCRIPT_NAME_MAX_WORDS)) {
        if (!/^[\u0621-\u064a]+$/u.test(next)) break;
        following.push(next.startsWith('ال') && next.length >= 4 ? next.slice(2) : next);
      }
      // a kind of place names it in the other order ("مدينة خليفة" for Khalifa City): the name after it alone
      if (names.some((name) => ARABIC_PLACE_KINDS.has(name)) && following.length > 0)
        names.push(following.join(''), following[0] ?? '');
      const candidates = names.flatMap((name) => [
        ...following.map((_, n) => [name, ...following.slice(0, n + 1)].join('')).reverse(),
        name.startsWith('ال') && name.length >= 5 ? name.slice(2) : name,
        name,
      ]);
      written = candidates.find((name) => keys.arabic.has(arabicLatinKey(name) ?? ''));
      key = written === undefined ? undefined : arabicLatinKey(written);
      map = keys.arabic;
    } else if (arabizi && /^[a-z]{4,}$/u.test(word)) {
      // a name said in Arabizi after its word of place, its article apart or not ("fe el malga" for Al Malqa)
      const previous = words[i - 1] ?? '';
      const placed =
        ARABIZI_PLACE_WORDS.has(previous) ||
        (LATIN_ARTICLE.test(previous) && ARABIZI_PLACE_WORDS.has(words[i - 2] ?? ''));
      if (!placed) continue;
      key = arabicLatinKey(word.replace(/^(?:al|el)(?=\p{L}{4})/u, ''));
      map = keys.arabizi;
    } else if (/^[\u0900-\u097f]+$/u.test(word)) {
      // a name of two words ending in a kind of locality, read joined ("लक्ष्मी नगर" for Laxmi Nagar, "मयूर
      // विहार"); one word before a postposition ("अंधेरी में")
      const previous = words[i - 1] ?? '';
      const pair = /^[\u0900-\u097f]+$/u.test(previous) ? devanagariKey(previous + word) : undefined;
      const before = HINDI_POSTPOSITIONS.has(words[i + 1] ?? '');
      const candidates = [
        ...(pair !== undefined && LOCALITY_KINDS.has(word) ? [pair] : []),
        ...(before ? [devanagariKey(word)] : []),
      ];
      key = candidates.find((k) => keys.devanagari.has(k));
      map = keys.devanagari;
    }
    const named = key === undefined ? undefined : map?.get(key);
    if (named?.length !== 1) continue;
    const [only] = named;
    if (only === undefined) continue;
    // a و (a long "o" or "u", or a "w") that no Latin spelling has: another word ("الكوزينة", the kitchen, is no
    // Gzenaya)
    if (written !== undefined && /.و/u.test(written) && only.ou === false) continue;
    if (only.outside === true)
      return { outside: true, text: word, confidence: GAZETTEER_OUTSIDE_CONFIDENCE, evidence: word };
    return {
      areaId: only.id,
      confidence: only.district ? DISTRICT_CONFIDENCE_CAP : OTHER_SCRIPT_NAME_CONFIDENCE,
      evidence: word,
    };
  }
  return undefined;
}
/** A Latin name read in another script by its consonants: below a name as written. */
const OTHER_SCRIPT_NAME_CONFIDENCE = 0.75;

/**
 * A place read from a street's or a square's name ("am Potsdamer Platz" is in Berlin, not Potsdam; "Jalan Ipoh"
 * is a road in Kuala Lumpur; "Bağdat Caddesi" a street in Istanbul).
 */
function namesAStreet(read: CatalogMatch, text: string): boolean {
  // a street named after the area is in it as often as not ("Penang Road"): only a look-alike's name is read so
  if (read.evidence.kind === 'reply' || !read.id.startsWith(NOT_PREFIX)) return false;
  const words = tokens(text);
  const span = tokens(read.evidence.span);
  const start = words.findIndex((_, i) => span.every((word, k) => words[i + k] === word));
  return start >= 0 && besideStreetWord(words, start, start + span.length);
}

/**
 * Fewest letters, past the article, an Arabic word needs to be read through a typo as a look-alike the owner
 * warned of: a shorter one is an everyday word a dot away ("صباح الخير", good morning, is not Khobar, "الخبر").
 */
const ARABIC_TYPO_MIN_LETTERS = 5;

/** Longest word a typo-read place name may be written in lowercase and still count. */
const LOWERCASE_TYPO_MAX_CHARS = 6;

/**
 * A short lowercase word read as a place through a typo is an everyday word far more often ("petang" is
 * evening, not Penang; "malam", "bitte", "kemana"): such a reading counts only when capitalized. In Arabic
 * script, which has no capitals, a short word read so as a look-alike never counts.
 */
function everydayWordTypo(match: CatalogMatch, text: string): boolean {
  const { evidence } = match;
  if (evidence.kind !== 'fuzzy') return false;
  if (/^[\u0621-\u064a\s]+$/u.test(evidence.span))
    return (
      match.id.startsWith(NOT_PREFIX) &&
      evidence.span.replace(/^ال/u, '').replace(/\s/gu, '').length < ARABIC_TYPO_MIN_LETTERS
    );
  // only scripts with capitals can tell a name from a word this way
  if (!/^[a-z]+$/u.test(evidence.span)) return false;
  if (evidence.span.length > LOWERCASE_TYPO_MAX_CHARS) return false;
  const [written] = writtenAs(text, evidence.span);
  return written === undefined || lowercase(written);
}

/** The words of `text`, as the customer wrote them, that fold to `span`. */
function writtenAs(text: string, span: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((word) => normalizeForMatch(word) === span);
}

function lowercase(word: string): boolean {
  return word[0] === word[0]?.toLowerCase();
}

/** Longest one-word name of an area read as an everyday word of another language when written in lowercase. */
const EVERYDAY_NAME_MAX_CHARS = 6;
const LATIN = /\p{Script=Latin}/u;

/**
 * A short name an area is given in another language, written in lowercase by a customer whose own language
 * names the area otherwise, is a word of the customer's language far more often: "minha casa em Coimbra" and
 * "estoy en casa" are at home, not in Casablanca ("Casa" to French speakers). Names in the customer's language,
 * in English, districts, and names in a script the customer's language does not use for the area (Arabizi
 * "ana f casa") still count.
 */
function everydayWordName(
  candidate: AliasCandidate,
  entries: readonly AliasEntry[],
  text: string,
  language: string | undefined,
): boolean {
  const { evidence } = candidate;
  if (language === undefined) return false;
  if (evidence.language === language || evidence.language === 'en' || evidence.language === '*') return false;
  if (evidence.span.includes(' ') || evidence.span.length > EVERYDAY_NAME_MAX_CHARS) return false;
  const own = entries.find((entry) => entry.id === candidate.id)?.names[language] ?? [];
  if (!own.some((name) => LATIN.test(name))) return false;
  const written = writtenAs(text, evidence.span);
  return written.length > 0 && written.every(lowercase);
}

function outsidePlace(place: GazetteerPlace): TextPlace {
  return {
    outside: true,
    text: place.text,
    country: place.country,
    confidence: GAZETTEER_OUTSIDE_CONFIDENCE,
    evidence: place.text,
  };
}
