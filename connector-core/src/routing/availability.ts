// Availability: inside working hours (read in the person's time zone through Intl, so daylight saving and
// zones that dropped it need no tables), not declared away, and online in the CRM where the CRM reports
// presence. Declaring "online" never stretches working hours.
import { parseTimeRange, type WeeklyHours, weekdays } from './routing-schema.ts';

export interface HoursSpec {
  /** absent = the default zone given to `withinHours` */
  timezone?: string | undefined;
  days: WeeklyHours;
}

export interface LocalTime {
  /** 0 = Sunday */
  weekday: number;
  /** minutes since local midnight */
  minute: number;
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall-clock weekday and minute of `now` in `timezone`. */
export function localTime(now: Date, timezone: string): LocalTime {
  let formatter = FORMATTERS.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    FORMATTERS.set(timezone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(now)) parts[part.type] = part.value;
  return {
    weekday: WEEKDAY_INDEX[parts.weekday ?? 'Sun'] ?? 0,
    minute: Number(parts.hour ?? 0) * 60 + Number(parts.minute ?? 0),
  };
}

/**
 * Whether `now` falls inside `hours`. Absent hours = always inside. A range crossing midnight
 * (`"22:00-02:00"`) belongs to the day it starts: Friday's covers Friday 22:00 to Saturday 02:00.
 */
export function withinHours(hours: HoursSpec | undefined, now: Date, defaultZone: string): boolean {
  if (hours === undefined) return true;
  const { weekday, minute } = localTime(now, hours.timezone ?? defaultZone);
  const today = hours.days[weekdays[weekday]!] ?? [];
  const yesterday = hours.days[weekdays[(weekday + 6) % 7]!] ?? [];
  for (const text of today) {
    const range = parseTimeRange(text);
    if (range === undefined) continue;
    const crosses = range.endMinute <= range.startMinute;
    if (minute >= range.startMinute && (crosses || minute < range.endMinute)) return true;
  }
  for (const text of yesterday) {
    const range = parseTimeRange(text);
    if (range === undefined || range.endMinute > range.startMinute) continue;
    if (minute < range.endMinute) return true;
  }
  return false;
}

export interface AvailabilityInput {
  /** what the person declared; never declared = available inside their hours */
  declared?: 'online' | 'away' | undefined;
  /** users online in the CRM; undefined where the CRM reports no presence */
  crmOnline?: Set<string> | undefined;
}

export interface AvailabilitySubject {
  id: string;
  /** resolved hours (the directory fills in the tenant's zone); absent = always inside hours */
  hours?: { timezone: string; days: WeeklyHours } | undefined;
}

/** Why someone is not available: outside their hours, declared away, or offline in the CRM. */
export type Unavailability = 'off_shift' | 'away' | 'offline_in_crm';

/** Why `user` is unavailable now, or undefined when available (the first reason in that order). */
export function unavailability(
  user: AvailabilitySubject,
  presence: AvailabilityInput,
  now: Date,
): Unavailability | undefined {
  if (!withinHours(user.hours, now, 'UTC')) return 'off_shift';
  if (presence.declared === 'away') return 'away';
  if (presence.crmOnline !== undefined && !presence.crmOnline.has(user.id)) return 'offline_in_crm';
  return undefined;
}

/** Inside working hours AND not declared away AND (no CRM presence, or online in the CRM). */
export function isAvailable(user: AvailabilitySubject, presence: AvailabilityInput, now: Date): boolean {
  return unavailability(user, presence, now) === undefined;
}

const STEP_MS = 15 * 60_000;
const LOOKAHEAD_MS = 8 * 24 * 60 * 60_000;

/**
 * When `hours` next begin after `now` (to the minute), or undefined when they never do within a week. Hours
 * start on whole minutes: the search walks in quarter hours, then back minute by minute to the first inside.
 */
export function nextShiftStart(hours: AvailabilitySubject['hours'], now: Date): Date | undefined {
  if (hours === undefined) return undefined;
  const start = Math.floor(now.getTime() / 60_000) * 60_000;
  for (let at = start + STEP_MS; at <= start + LOOKAHEAD_MS; at += STEP_MS) {
    if (!withinHours(hours, new Date(at), 'UTC')) continue;
    let first = at;
    while (first - 60_000 > start && withinHours(hours, new Date(first - 60_000), 'UTC')) first -= 60_000;
    return new Date(first);
  }
  return undefined;
}
