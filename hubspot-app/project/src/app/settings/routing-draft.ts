// Pure edits of the routing config the settings page holds, and its validation with the config file's own
// schema (routingConfigSchema), turned into messages per field path (`rules.0.targets.1.group`).
//
// The schema is imported by relative path, not from '@leadwire/connector-core': the package's index pulls
// in BullMQ, ioredis, SQLite and OpenAI, which cannot be bundled into a UI extension. routing-schema.ts
// needs only zod (and intake-schema.ts, also zod-only).
import { type RoutingConfigInput, routingConfigSchema } from './lib/vendor/routing-schema.ts';

export type Draft = RoutingConfigInput;
export type DraftRule = NonNullable<Draft['rules']>[number];
export type DraftTarget = DraftRule['targets'][number];
export type DraftGroup = NonNullable<Draft['groups']>[number];
export type DraftUser = NonNullable<Draft['users']>[number];

/** field path → message; `''` holds problems of the whole config */
export type FieldErrors = Record<string, string>;

export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Validate with the config file's schema; the first message per path. */
export function validateDraft(draft: Draft): FieldErrors {
  const result = routingConfigSchema.safeParse(draft);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = pathKey(issue.path);
    errors[key] ??= issue.message;
  }
  return errors;
}

export function errorsFromIssues(issues: { path: (string | number)[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[pathKey(issue.path)] ??= issue.message;
  return errors;
}

export function membersOf(draft: Draft, groupId: string): string[] {
  return (draft.users ?? []).filter((user) => user.groups?.includes(groupId)).map((user) => user.id);
}

/** Make exactly `ownerIds` members of the group: users are added for new owners, never removed. */
export function setMembers(
  draft: Draft,
  groupId: string,
  ownerIds: readonly string[],
  owners: readonly { id: string; name: string; email?: string }[],
): Draft {
  const wanted = new Set(ownerIds);
  const users: DraftUser[] = (draft.users ?? []).map((user) => {
    const groups = (user.groups ?? []).filter((group) => group !== groupId);
    if (wanted.has(user.id)) groups.push(groupId);
    return { ...user, groups };
  });
  for (const id of wanted) {
    if (users.some((user) => user.id === id)) continue;
    const owner = owners.find((candidate) => candidate.id === id);
    users.push({
      id,
      ...(owner?.name ? { name: owner.name } : {}),
      ...(owner?.email ? { email: owner.email } : {}),
      groups: [groupId],
    });
  }
  return { ...draft, users };
}

export type TargetKind = 'recordOwner' | 'group' | 'user' | 'queue' | 'admin' | 'unassigned';

export function kindOf(target: DraftTarget): TargetKind {
  if ('recordOwner' in target) return 'recordOwner';
  if ('group' in target) return 'group';
  if ('user' in target) return 'user';
  if ('queue' in target) return 'queue';
  if ('admin' in target) return 'admin';
  return 'unassigned';
}

export function targetOf(kind: TargetKind, value = ''): DraftTarget {
  switch (kind) {
    case 'recordOwner':
      return { recordOwner: {} };
    case 'group':
      return { group: value };
    case 'user':
      return { user: value };
    case 'queue':
      return { queue: value };
    case 'admin':
      return { admin: true };
    default:
      return { unassigned: true };
  }
}

/** The id a target points at, for group / user / queue targets. */
export function targetValue(target: DraftTarget): string {
  if ('group' in target) return target.group;
  if ('user' in target) return target.user;
  if ('queue' in target) return target.queue;
  return '';
}

export function move<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}
