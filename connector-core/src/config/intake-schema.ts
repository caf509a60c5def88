// A tenant's intake configuration: what the offline intake may recognise (services, service areas) and
// may say (knowledge, templates), in the tenant's languages. Validated once at boot so matching can
// trust ids, coordinates and language tags; cross-references (knowledge → service) fail fast with paths.
import { z } from 'zod';

/** A BCP-47 primary language subtag (`en`, `ar`, `pt`, `fil`), lowercase. */
export const languageTag = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'a language is a lowercase BCP-47 primary tag such as en, ar or pt');

const catalogId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'ids are lowercase letters, digits, dashes and underscores');

/** Names per language; each language lists every alias, spelling and transliteration customers use. */
const aliasesByLanguage = z
  .record(languageTag, z.array(z.string().trim().min(1)).min(1))
  .refine((names) => Object.keys(names).length > 0, 'give at least one name in one language');

const textByLanguage = z
  .record(languageTag, z.string().min(1))
  .refine((texts) => Object.keys(texts).length > 0, 'give the text in at least one language');

/** An IANA time zone name this runtime knows (`Asia/Riyadh`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const serviceSchema = z.object({
  id: catalogId,
  /** aliases per language, e.g. `{ en: ['AC repair', 'aircon'], ar: ['مكيف', 'تكييف'] }` */
  names: aliasesByLanguage,
  /** skill tags routing uses to pick someone qualified */
  skills: z.array(z.string().min(1)).default([]),
  /**
   * words that point to this service without naming it, per language (`{ en: ['leak', 'dripping'] }`): read
   * with less confidence than a name, and never when a name of another service is in the message
   */
  keywords: z.record(languageTag, z.array(z.string().trim().min(1))).optional(),
  /** what the service is, in the owner's words (given to the model in LLM mode, never matched) */
  description: z.string().min(1).optional(),
});

export const coordinatesSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});

export const areaSchema = z
  .object({
    id: catalogId,
    /** aliases and transliterations per language, e.g. `{ en: ['Jeddah', 'Jiddah', 'Jedda'], ar: ['جدة'] }` */
    names: aliasesByLanguage,
    /** the point a WhatsApp location pin is measured from */
    center: coordinatesSchema.optional(),
    /** a pin within this distance of `center` is in the area; needs `center` */
    radiusKm: z.number().positive().optional(),
    /** the branch that serves the area */
    branch: z.string().min(1).optional(),
    /** districts, suburbs and neighbourhoods customers name instead of the city (`Cheras`, `Kadıköy`) */
    districts: z.array(z.string().trim().min(1)).default([]),
    /**
     * places whose names look like this area's but are elsewhere (`Kuala Terengganu` for `Kuala Lumpur`):
     * named by the customer, they are outside every area, never this one
     */
    notNames: z.array(z.string().trim().min(1)).default([]),
    /** the area's country, ISO 3166-1 alpha-2 (`DE`); default: the tenant's */
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'a country is an ISO 3166-1 alpha-2 code such as SA or BR')
      .optional(),
    /** the area's IANA time zone, where times the customer gives are read; default: the tenant's */
    timezone: z
      .string()
      .refine(isTimeZone, 'not an IANA time zone (e.g. Asia/Riyadh, America/Sao_Paulo)')
      .optional(),
  })
  .refine((area) => area.radiusKm === undefined || area.center !== undefined, {
    message: 'radiusKm needs a center to measure from',
    path: ['radiusKm'],
  });

export const knowledgeSchema = z.object({
  id: catalogId,
  /**
   * what the answer is about: `pricing`, `hours` or another intent, or the owner's own words for it ("prices of
   * passport photos", "Öffnungszeiten"), which intake reads as the intent they name; the policy matrix keys on it
   */
  intent: z.string().trim().min(1),
  /** the service the answer is about; absent = applies to every service */
  serviceId: z.string().min(1).optional(),
  answer: textByLanguage,
});

export const intakeConfigSchema = z
  .object({
    /** the business country, ISO 3166-1 alpha-2 (`SA`, `BR`); the default for local phone numbers */
    country: z.string().regex(/^[A-Z]{2}$/, 'a country is an ISO 3166-1 alpha-2 code such as SA or BR'),
    /** IANA time zone (`Asia/Riyadh`) in which relative times such as "tomorrow" are read */
    timezone: z.string().refine(isTimeZone, 'not an IANA time zone (e.g. Asia/Riyadh, America/Sao_Paulo)'),
    /** the languages the tenant serves; the first is the default when detection is unsure */
    languages: z.array(languageTag).min(1).default(['en']),
    services: z.array(serviceSchema).default([]),
    areas: z.array(areaSchema).default([]),
    /**
     * what the business does not do, in the owner's words (`car or motorcycle transport`): a request for it is
     * out of scope and goes to a person, not through intake
     */
    notOffered: z.array(z.string().trim().min(1)).default([]),
    /** answers the agent may give; a question with no matching entry is escalated, never guessed */
    knowledge: z.array(knowledgeSchema).default([]),
    /** overrides of the agent's message templates: template name → language → text */
    templates: z.record(z.string().min(1), textByLanguage).optional(),
  })
  .superRefine((intake, ctx) => {
    const duplicates = (key: 'services' | 'areas' | 'knowledge', ids: string[]): void => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id))
          ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id "${id}"` });
        seen.add(id);
      });
    };
    duplicates(
      'services',
      intake.services.map((service) => service.id),
    );
    duplicates(
      'areas',
      intake.areas.map((area) => area.id),
    );
    duplicates(
      'knowledge',
      intake.knowledge.map((entry) => entry.id),
    );
    const languages = new Set<string>();
    intake.languages.forEach((language, i) => {
      if (languages.has(language)) {
        ctx.addIssue({
          code: 'custom',
          path: ['languages', i],
          message: `language "${language}" listed twice`,
        });
      }
      languages.add(language);
    });
    const serviceIds = new Set(intake.services.map((service) => service.id));
    intake.knowledge.forEach((entry, i) => {
      if (entry.serviceId !== undefined && !serviceIds.has(entry.serviceId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['knowledge', i, 'serviceId'],
          message: `no service "${entry.serviceId}" in intake.services (have: ${[...serviceIds].join(', ')})`,
        });
      }
    });
  });

export type IntakeConfigInput = z.input<typeof intakeConfigSchema>;
export type IntakeConfig = z.output<typeof intakeConfigSchema>;
export type ServiceConfig = z.output<typeof serviceSchema>;
export type AreaConfig = z.output<typeof areaSchema>;
export type KnowledgeConfig = z.output<typeof knowledgeSchema>;
export type Coordinates = z.output<typeof coordinatesSchema>;
