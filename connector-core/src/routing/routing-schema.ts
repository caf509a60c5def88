// A tenant's routing configuration: who may receive conversations (an overlay on the CRM's users), the
// groups and queues they are distributed through, the ordered rules with their target chains, and the SLA
// and pool timings. Validated once at boot; every reference (group, user, queue, admin, manager) is checked
// against the ids declared here and reported with its exact path.
import { z } from 'zod';
import { isTimeZone, languageTag } from '../config/intake-schema.ts';

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

/** A time range in minutes since local midnight; `endMinute <= startMinute` means it crosses midnight. */
export interface TimeRange {
  startMinute: number;
  endMinute: number;
}

const RANGE = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

/** `"09:00-18:00"` → minutes; `"22:00-02:00"` crosses midnight; `"24:00"` is allowed as an end. */
export function parseTimeRange(text: string): TimeRange | undefined {
  const match = RANGE.exec(text);
  if (!match) return undefined;
  const [startHour, startMin, endHour, endMin] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  if (startHour > 23 || startMin > 59 || endMin > 59 || endHour > 24 || (endHour === 24 && endMin > 0)) {
    return undefined;
  }
  const startMinute = startHour * 60 + startMin;
  const endMinute = endHour * 60 + endMin;
  if (startMinute === endMinute % 1440 && endMinute !== 1440) return undefined;
  return { startMinute, endMinute };
}

const timeZone = z
  .string()
  .refine(isTimeZone, 'not an IANA time zone (e.g. Asia/Riyadh, America/Sao_Paulo, Europe/Paris)');

const timeRange = z
  .string()
  .refine(
    (text) => parseTimeRange(text) !== undefined,
    'a time range is "HH:MM-HH:MM" in 24 h time, e.g. "09:00-18:00"; "22:00-02:00" crosses midnight, "00:00-24:00" is the whole day',
  );

/** Open hours per weekday; a day left out is closed. A range crossing midnight belongs to the day it starts. */
export const weeklyHoursSchema = z.strictObject(
  Object.fromEntries(weekdays.map((day) => [day, z.array(timeRange).optional()])) as Record<
    Weekday,
    z.ZodOptional<z.ZodArray<typeof timeRange>>
  >,
);

export const userHoursSchema = z.strictObject({
  /** absent = `routing.timezone` */
  timezone: timeZone.optional(),
  days: weeklyHoursSchema,
});

const id = z.string().min(1);

/**
 * A person routing may assign. The id is the CRM owner id; a CRM user whose id differs is matched by
 * email. Fields given here win over the CRM's.
 */
export const routingUserSchema = z.strictObject({
  id,
  email: z.email().optional(),
  name: z.string().min(1).optional(),
  /** absent = what the CRM says (or active, for a user the CRM does not know) */
  active: z.boolean().optional(),
  groups: z.array(id).optional(),
  skills: z.array(z.string().min(1)).optional(),
  /** service area ids (intake.areas) this person covers */
  areas: z.array(z.string().min(1)).optional(),
  languages: z.array(languageTag).optional(),
  /** working hours; absent = always inside hours */
  hours: userHoursSchema.optional(),
  /** most open conversations distribution gives this person; absent = no limit */
  maxOpen: z.number().int().min(0).optional(),
});

export const groupStrategies = ['round_robin', 'least_active', 'balanced'] as const;
export type GroupStrategy = (typeof groupStrategies)[number];

export const routingGroupSchema = z.strictObject({
  id,
  /**
   * `round_robin`: least recently assigned first; `least_active`: fewest assignments inside
   * `leastActiveWindowMinutes`; `balanced`: fewest open. @defaultValue 'round_robin'
   */
  strategy: z.enum(groupStrategies).default('round_robin'),
  /** only members available now (hours, presence) receive work @defaultValue true */
  onlineOnly: z.boolean().default(true),
  /** members need every skill of the conversation's service (intake.services[].skills) */
  matchSkills: z.boolean().default(false),
  /** members need the conversation's service area in their `areas` */
  matchAreas: z.boolean().default(false),
  /** members need the conversation's language in their `languages` */
  matchLanguage: z.boolean().default(false),
  /** members at their `maxOpen` are skipped @defaultValue true */
  respectCapacity: z.boolean().default(true),
  /** the window `least_active` counts assignments in; absent = `routing.leastActiveWindowMinutes` */
  leastActiveWindowMinutes: z.number().positive().optional(),
});

export const routingQueueSchema = z.strictObject({
  id,
  name: z.string().min(1).optional(),
  /** the CRM queue or team id the conversation is handed to */
  crmId: id,
});

const offlineTransferSchema = z.union([z.strictObject({ group: id }), z.strictObject({ user: id })], {
  error: 'offlineTransfer is { group: <group id> } or { user: <user id> }',
});

/** How strictly a `user` or `admin` target checks the person. */
const personTargetFlags = {
  /** only when available now (hours, presence) @defaultValue true */
  onlineOnly: z.boolean().optional(),
  /** only below their `maxOpen` @defaultValue true for `user`, false for `admin` */
  respectCapacity: z.boolean().optional(),
};

export const routingTargetSchema = z.union(
  [
    z.strictObject({
      recordOwner: z.strictObject({ offlineTransfer: offlineTransferSchema.optional() }),
    }),
    z.strictObject({ group: id }),
    z.strictObject({ user: id, ...personTargetFlags }),
    z.strictObject({ queue: id }),
    z.strictObject({ admin: z.literal(true), ...personTargetFlags }),
    z.strictObject({ unassigned: z.literal(true) }),
  ],
  {
    error:
      'a target is one of { recordOwner: {} }, { group: <id> }, { user: <id>, onlineOnly?, respectCapacity? }, { queue: <id> }, { admin: true, onlineOnly?, respectCapacity? }, { unassigned: true }',
  },
);

const oneOrMore = <T extends z.ZodType>(item: T) => z.array(item).min(1);

/** Every condition given must hold; a list matches when the conversation's value is in it. */
export const ruleConditionsSchema = z.strictObject({
  /** service ids (intake.services[].id) */
  serviceType: oneOrMore(z.string().min(1)).optional(),
  /** service area ids (intake.areas[].id) */
  area: oneOrMore(z.string().min(1)).optional(),
  /** `unknown`: the customer said nothing about time or urgency (also when intake captured no urgency) */
  urgency: oneOrMore(z.enum(['urgent', 'normal', 'unknown'])).optional(),
  language: oneOrMore(languageTag).optional(),
  intent: oneOrMore(z.string().min(1)).optional(),
  /** the intake decision */
  decision: oneOrMore(z.enum(['lead', 'inquiry'])).optional(),
  customer: z.enum(['new', 'returning']).optional(),
  /** true = only inside `routing.businessHours`, false = only outside */
  businessHours: z.boolean().optional(),
});

export const routingRuleSchema = z.strictObject({
  id,
  when: ruleConditionsSchema.default({}),
  /** tried in order; the first that yields someone decides */
  targets: z.array(routingTargetSchema).min(1),
});

/** The catch-all used when a tenant gives no rules: the existing owner if any, else the pool. */
export function defaultRules(): z.output<typeof routingRuleSchema>[] {
  return [{ id: 'default', when: {}, targets: [{ recordOwner: {} }, { unassigned: true }] }];
}

export const routingConfigSchema = z
  .strictObject({
    /** IANA zone for `businessHours` and for user hours without their own; needed when either is used */
    timezone: timeZone.optional(),
    /** when the `businessHours` rule condition is true */
    businessHours: weeklyHoursSchema.optional(),
    /** the user an `{ admin: true }` target assigns */
    admin: id.optional(),
    users: z.array(routingUserSchema).default([]),
    groups: z.array(routingGroupSchema).default([]),
    queues: z.array(routingQueueSchema).default([]),
    /** ordered; the first matching rule decides. Absent or empty = the owner if any, else the pool */
    rules: z
      .array(routingRuleSchema)
      .optional()
      .transform((rules) => (rules !== undefined && rules.length > 0 ? rules : defaultRules())),
    /** tried when the matched rule's chain finds nobody, before the pool */
    alternates: z.array(routingTargetSchema).default([]),
    sla: z
      .strictObject({
        /** re-route a routed assignment nobody answered within this long @defaultValue 5 */
        minutes: z.number().positive().default(5),
        byUrgency: z
          .strictObject({
            urgent: z.number().positive().optional(),
            normal: z.number().positive().optional(),
          })
          .optional(),
        /** re-routes before the conversation goes to the pool @defaultValue 3 */
        maxHops: z.number().int().min(0).default(3),
      })
      .prefault({}),
    pool: z
      .strictObject({
        /** alert the manager when a pooled conversation is unclaimed this long @defaultValue 24 */
        alertAfterHours: z.number().positive().default(24),
        /** the user alerted; absent = the admin */
        manager: id.optional(),
        /** how often the pool is offered again; `false` = only when someone comes online or frees capacity @defaultValue 5 */
        sweepMinutes: z.union([z.number().positive(), z.literal(false)]).default(5),
      })
      .prefault({}),
    /** the window `least_active` counts assignments in @defaultValue 120 */
    leastActiveWindowMinutes: z.number().positive().default(120),
  })
  .superRefine((routing, ctx) => {
    const issue = (path: (string | number)[], message: string): void => {
      ctx.addIssue({ code: 'custom', path, message });
    };
    const idsOf = (key: 'users' | 'groups' | 'queues' | 'rules', ids: string[]): Set<string> => {
      const seen = new Set<string>();
      ids.forEach((value, i) => {
        if (seen.has(value)) issue([key, i, 'id'], `duplicate id "${value}"`);
        seen.add(value);
      });
      return seen;
    };
    const users = idsOf(
      'users',
      routing.users.map((user) => user.id),
    );
    const groups = idsOf(
      'groups',
      routing.groups.map((group) => group.id),
    );
    const queues = idsOf(
      'queues',
      routing.queues.map((queue) => queue.id),
    );
    idsOf(
      'rules',
      routing.rules.map((rule) => rule.id),
    );
    const have = (ids: Set<string>): string => (ids.size === 0 ? 'none declared' : [...ids].join(', '));
    const checkUser = (path: (string | number)[], value: string): void => {
      if (!users.has(value)) issue(path, `no user "${value}" in routing.users (have: ${have(users)})`);
    };
    const checkGroup = (path: (string | number)[], value: string): void => {
      if (!groups.has(value)) issue(path, `no group "${value}" in routing.groups (have: ${have(groups)})`);
    };

    routing.users.forEach((user, i) => {
      user.groups?.forEach((group, j) => {
        checkGroup(['users', i, 'groups', j], group);
      });
    });
    if (routing.admin !== undefined) checkUser(['admin'], routing.admin);
    if (routing.pool.manager !== undefined) checkUser(['pool', 'manager'], routing.pool.manager);

    const checkTarget = (path: (string | number)[], target: RoutingTarget): void => {
      if ('group' in target) checkGroup([...path, 'group'], target.group);
      else if ('user' in target) checkUser([...path, 'user'], target.user);
      else if ('queue' in target) {
        if (!queues.has(target.queue)) {
          issue([...path, 'queue'], `no queue "${target.queue}" in routing.queues (have: ${have(queues)})`);
        }
      } else if ('admin' in target) {
        if (routing.admin === undefined) issue([...path, 'admin'], 'an admin target needs routing.admin');
      } else if ('recordOwner' in target) {
        const transfer = target.recordOwner.offlineTransfer;
        const at = [...path, 'recordOwner', 'offlineTransfer'];
        if (transfer !== undefined && 'group' in transfer) checkGroup([...at, 'group'], transfer.group);
        if (transfer !== undefined && 'user' in transfer) checkUser([...at, 'user'], transfer.user);
      }
    };
    routing.rules.forEach((rule, i) => {
      rule.targets.forEach((target, j) => {
        checkTarget(['rules', i, 'targets', j], target);
      });
      if (rule.when.businessHours !== undefined && routing.businessHours === undefined) {
        issue(
          ['rules', i, 'when', 'businessHours'],
          'the businessHours condition needs routing.businessHours',
        );
      }
    });
    routing.alternates.forEach((target, j) => {
      checkTarget(['alternates', j], target);
    });

    if (routing.timezone === undefined) {
      if (routing.businessHours !== undefined) {
        issue(['timezone'], 'businessHours need a time zone: set routing.timezone (e.g. Asia/Riyadh)');
      }
      routing.users.forEach((user, i) => {
        if (user.hours !== undefined && user.hours.timezone === undefined) {
          issue(
            ['users', i, 'hours', 'timezone'],
            'hours need a time zone: set it here or in routing.timezone (e.g. Asia/Riyadh)',
          );
        }
      });
    }
  });

export type RoutingConfigInput = z.input<typeof routingConfigSchema>;
export type RoutingConfig = z.output<typeof routingConfigSchema>;
export type RoutingUser = z.output<typeof routingUserSchema>;
export type RoutingGroup = z.output<typeof routingGroupSchema>;
export type RoutingQueue = z.output<typeof routingQueueSchema>;
export type RoutingTarget = z.output<typeof routingTargetSchema>;
export type RoutingRule = z.output<typeof routingRuleSchema>;
export type RuleConditions = z.output<typeof ruleConditionsSchema>;
export type WeeklyHours = z.output<typeof weeklyHoursSchema>;
export type UserHours = z.output<typeof userHoursSchema>;
