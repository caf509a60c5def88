// Phone number → country → likely language: the offline hint used when a message is too short to
// tell its language ("hi", "ok", a thumbs-up). WhatsApp ids arrive as digits without "+".
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { remembered } from './text-normalize.ts';

/**
 * ISO 3166-1 alpha-2 country of an E.164 number (with or without "+"), or undefined. Kept per number: every turn
 * of a conversation asks again, and parsing a number costs more than the rest of reading a short message.
 */
export const countryOfPhone: (e164: string) => string | undefined = remembered((e164) => {
  const digits = e164.replace(/[^\d+]/g, '');
  if (digits.replace('+', '').length < 6) return undefined;
  const normalized = digits.startsWith('+') ? digits : `+${digits}`;
  return parsePhoneNumberFromString(normalized)?.country;
});

const LANGUAGE_COUNTRIES: Record<string, readonly string[]> = {
  ar: [
    'AE',
    'BH',
    'DZ',
    'EG',
    'IQ',
    'JO',
    'KW',
    'LB',
    'LY',
    'MA',
    'MR',
    'OM',
    'PS',
    'QA',
    'SA',
    'SD',
    'SY',
    'TN',
    'YE',
  ],
  en: ['AU', 'CA', 'GB', 'GH', 'IE', 'JM', 'KE', 'NG', 'NZ', 'SG', 'UG', 'US', 'ZA'],
  es: [
    'AR',
    'BO',
    'CL',
    'CO',
    'CR',
    'CU',
    'DO',
    'EC',
    'ES',
    'GQ',
    'GT',
    'HN',
    'MX',
    'NI',
    'PA',
    'PE',
    'PR',
    'PY',
    'SV',
    'UY',
    'VE',
  ],
  fr: ['BF', 'BJ', 'CD', 'CG', 'CI', 'CM', 'FR', 'GA', 'GN', 'HT', 'MC', 'MG', 'ML', 'NE', 'SN', 'TG'],
  hi: ['IN'],
  id: ['ID'],
  pt: ['AO', 'BR', 'CV', 'GW', 'MZ', 'PT', 'ST', 'TL'],
  tr: ['TR'],
};

const COUNTRY_LANGUAGE = new Map<string, string>(
  Object.entries(LANGUAGE_COUNTRIES).flatMap(([language, countries]) =>
    countries.map((country) => [country, language] as const),
  ),
);

/**
 * The supported language most customers from `country` write in, or undefined where there is
 * no clear majority among en, es, pt, ar, id, fr, tr, hi (e.g. Malaysia, Switzerland).
 */
export function languageOfCountry(country: string | undefined): string | undefined {
  if (country === undefined) return undefined;
  return COUNTRY_LANGUAGE.get(country.toUpperCase());
}
