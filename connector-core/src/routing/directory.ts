// The directory routing reads: the CRM's users overlaid by the tenant's routing.users (groups, skills,
// areas, languages, hours, capacity), plus the groups and queues. Also the directory file `simulate
// --directory` reads in place of a live CRM (users, declared presence, existing record owners).
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { formatPath } from '../config/load-config.ts';
import { LeadwireError } from '../model/errors.ts';
import type { CrmOwner } from '../ports/crm.ts';
import {
  type RoutingConfig,
  type RoutingGroup,
  type RoutingQueue,
  type RoutingUser,
  routingUserSchema,
  type WeeklyHours,
} from './routing-schema.ts';

export interface DirectoryUser {
  /** the CRM owner id */
  id: string;
  email?: string;
  name?: string;
  active: boolean;
  groups: string[];
  skills: string[];
  areas: string[];
  languages: string[];
  /** with the zone resolved; absent = always inside hours */
  hours?: { timezone: string; days: WeeklyHours };
  maxOpen?: number;
}

export interface Directory {
  users: DirectoryUser[];
  groups: RoutingGroup[];
  queues: RoutingQueue[];
  /** the admin's directory id */
  admin?: string;
  /** config user id → directory (CRM) id, for config users matched to a CRM user by email */
  aliases?: Record<string, string>;
}

type RoutingSection = Pick<RoutingConfig, 'users' | 'groups' | 'queues' | 'admin' | 'timezone'>;

function fromConfigUser(user: RoutingUser, id: string, base: DirectoryUser | undefined, zone: string) {
  const out: DirectoryUser = {
    id,
    active: user.active ?? base?.active ?? true,
    groups: user.groups ?? base?.groups ?? [],
    skills: user.skills ?? base?.skills ?? [],
    areas: user.areas ?? base?.areas ?? [],
    languages: user.languages ?? base?.languages ?? [],
  };
  const email = user.email ?? base?.email;
  const name = user.name ?? base?.name;
  const maxOpen = user.maxOpen ?? base?.maxOpen;
  const hours = user.hours ? { timezone: user.hours.timezone ?? zone, days: user.hours.days } : base?.hours;
  if (email !== undefined) out.email = email;
  if (name !== undefined) out.name = name;
  if (maxOpen !== undefined) out.maxOpen = maxOpen;
  if (hours !== undefined) out.hours = hours;
  return out;
}

function overlay(base: DirectoryUser[], routing: RoutingSection): Directory {
  const zone = routing.timezone ?? 'UTC';
  const byId = new Map(base.map((user) => [user.id, user]));
  const byEmail = new Map<string, DirectoryUser>();
  for (const user of base) if (user.email) byEmail.set(user.email.toLowerCase(), user);
  const merged = new Map<string, DirectoryUser>(byId);
  const aliases: Record<string, string> = {};
  for (const user of routing.users) {
    const match = byId.get(user.id) ?? (user.email ? byEmail.get(user.email.toLowerCase()) : undefined);
    const id = match?.id ?? user.id;
    if (id !== user.id) aliases[user.id] = id;
    merged.set(id, fromConfigUser(user, id, match, zone));
  }
  const directory: Directory = {
    users: [...merged.values()],
    groups: routing.groups,
    queues: routing.queues,
  };
  if (routing.admin !== undefined) directory.admin = aliases[routing.admin] ?? routing.admin;
  if (Object.keys(aliases).length > 0) directory.aliases = aliases;
  return directory;
}

/**
 * CRM owners overlaid by `routing.users`: matched by id, else by email (case-insensitive); a field given
 * in the config wins. Config users the CRM does not know are included. Group membership comes from the
 * config only (CRM teams are not groups). Without CRM owners the directory is the config's users.
 */
export function buildDirectory(crmOwners: CrmOwner[] | undefined, routing: RoutingSection): Directory {
  const base = (crmOwners ?? []).map((owner): DirectoryUser => {
    const user: DirectoryUser = {
      id: owner.id,
      active: owner.active,
      groups: [],
      skills: [],
      areas: [],
      languages: [],
    };
    if (owner.email !== undefined) user.email = owner.email;
    if (owner.name !== undefined) user.name = owner.name;
    return user;
  });
  return overlay(base, routing);
}

export const directoryFileSchema = z.strictObject({
  /** stand-ins for the CRM's users, in the shape of routing.users */
  users: z.array(routingUserSchema).default([]),
  /** declared presence per user id */
  presence: z.record(z.string().min(1), z.enum(['online', 'away'])).default({}),
  /** existing record owners per E.164 phone or conversation key */
  owners: z
    .record(
      z.string().min(1),
      z.strictObject({
        ownerId: z.string().min(1),
        kind: z.enum(['lead', 'contact', 'opportunity']).default('lead'),
      }),
    )
    .default({}),
});

export type DirectoryFile = z.output<typeof directoryFileSchema>;

/** The directory from a directory file's users (in place of the CRM), overlaid by `routing.users`. */
export function directoryFromFile(file: DirectoryFile, routing: RoutingSection): Directory {
  const zone = routing.timezone ?? 'UTC';
  const base = file.users.map((user) => fromConfigUser(user, user.id, undefined, zone));
  return overlay(base, routing);
}

/** Read a directory file (JSON or YAML); problems are a VALIDATION error naming each path. */
export function loadDirectoryFile(path: string): DirectoryFile {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new LeadwireError('VALIDATION', `directory file ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const result = directoryFileSchema.safeParse(data ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  throw new LeadwireError('VALIDATION', `directory file ${path} is not valid:\n  ${problems.join('\n  ')}`, {
    details: { problems },
  });
}
