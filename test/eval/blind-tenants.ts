// The blind set's businesses (businesses.json, as their owners describe them) mapped onto tenant configs
// mechanically: the owner's service and area names become the aliases as given; districts, look-alike
// names, country, time zone, centre and radius as given; knowledge answers and sensitive topics as given.
// Nothing is added here because a conversation needed it: the set measures what a business would get
// by writing its own config from the same description.
import { readFileSync } from 'node:fs';
import type { ConfigInput } from '@leadwire/connector-core';
import { z } from 'zod';

const names = z.record(z.string(), z.array(z.string()));

const business = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  country: z.string(),
  timezone: z.string(),
  languages: z.array(z.string()),
  services: z.array(z.object({ id: z.string(), names, description: z.string().optional() })),
  notOffered: z.array(z.string()).default([]),
  areas: z.array(
    z.object({
      id: z.string(),
      names,
      country: z.string().optional(),
      timezone: z.string().optional(),
      districts: z.array(z.string()).default([]),
      notNames: z.array(z.string()).default([]),
      center: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
      radiusKm: z.number().optional(),
    }),
  ),
  knowledge: z
    .array(
      z.object({
        id: z.string(),
        intent: z.string(),
        serviceId: z.string().optional(),
        answer: z.record(z.string(), z.string()),
      }),
    )
    .default([]),
  sensitiveTopics: z.array(z.string()).default([]),
});
export type Business = z.infer<typeof business>;

export function readBusinesses(file: string): Business[] {
  return z.array(business).parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** One tenant per business, each with its own WhatsApp number id. */
export function tenantsOf(businesses: readonly Business[]): NonNullable<ConfigInput['tenants']> {
  return businesses.map((b, i) => ({
    id: b.id,
    whatsapp: { app: 'eval-app', phoneNumberIds: [String(200000000000001 + i)] },
    intake: {
      country: b.country,
      timezone: b.timezone,
      languages: b.languages,
      services: b.services.map((s) => ({
        id: s.id,
        names: s.names,
        ...(s.description === undefined ? {} : { description: s.description }),
      })),
      areas: b.areas.map((a) => ({
        id: a.id,
        names: a.names,
        districts: a.districts,
        notNames: a.notNames,
        ...(a.country === undefined ? {} : { country: a.country }),
        ...(a.timezone === undefined ? {} : { timezone: a.timezone }),
        ...(a.center === undefined ? {} : { center: a.center }),
        ...(a.radiusKm === undefined ? {} : { radiusKm: a.radiusKm }),
      })),
      notOffered: b.notOffered,
      knowledge: b.knowledge,
    },
    policy: { sensitiveTopics: b.sensitiveTopics },
  }));
}
