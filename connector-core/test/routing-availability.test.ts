// Availability: working hours read in each person's zone through Intl (daylight saving in Paris, no daylight
// saving in São Paulo since 2019, ranges crossing midnight belonging to the day they start), declared
// presence and CRM presence — and declaring "online" never stretching working hours.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type HoursSpec, isAvailable, localTime, withinHours } from '../src/routing/availability.ts';

const riyadhSunday: HoursSpec = { timezone: 'Asia/Riyadh', days: { sun: ['09:00-18:00'] } };
const riyadhFridayNight: HoursSpec = { timezone: 'Asia/Riyadh', days: { fri: ['22:00-02:00'] } };
const parisMonday: HoursSpec = { timezone: 'Europe/Paris', days: { mon: ['09:00-17:00'] } };
const saoPauloMonday: HoursSpec = { timezone: 'America/Sao_Paulo', days: { mon: ['09:00-18:00'] } };

describe('withinHours', () => {
  const cases: Array<[string, HoursSpec | undefined, string, boolean]> = [
    ['no hours means always inside', undefined, '2026-11-21T03:00:00Z', true],
    ['the first minute of a range is inside (Sun 09:00 Riyadh)', riyadhSunday, '2026-11-22T06:00:00Z', true],
    ['a minute before the range is outside (Sun 08:59)', riyadhSunday, '2026-11-22T05:59:00Z', false],
    ['the last minute is inside (Sun 17:59)', riyadhSunday, '2026-11-22T14:59:00Z', true],
    ['the end of a range is outside (Sun 18:00)', riyadhSunday, '2026-11-22T15:00:00Z', false],
    ['another weekday is closed (Mon 10:00)', riyadhSunday, '2026-11-23T07:00:00Z', false],
    ['an overnight range: Fri 22:30 is inside', riyadhFridayNight, '2026-11-20T19:30:00Z', true],
    ['an overnight range reaches into Sat 01:30', riyadhFridayNight, '2026-11-20T22:30:00Z', true],
    ['an overnight range ends at Sat 02:00', riyadhFridayNight, '2026-11-20T23:00:00Z', false],
    [
      'Fri 01:00 belongs to Thursday night, which is closed',
      riyadhFridayNight,
      '2026-11-19T22:00:00Z',
      false,
    ],
    ['Fri 21:59 is before the overnight range', riyadhFridayNight, '2026-11-20T18:59:00Z', false],
    [
      'Saturday 22:00 UTC is already Sunday 01:00 in Riyadh',
      { timezone: 'Asia/Riyadh', days: { sun: ['00:00-24:00'] } },
      '2026-11-21T22:00:00Z',
      true,
    ],
    [
      'the same instant is Saturday in UTC',
      { timezone: 'UTC', days: { sun: ['00:00-24:00'] } },
      '2026-11-21T22:00:00Z',
      false,
    ],
    [
      '"24:00" ends a range at midnight (23:59 inside)',
      { days: { sat: ['09:00-24:00'] } },
      '2026-11-21T23:59:00Z',
      true,
    ],
    ['Paris winter (CET): 07:30 UTC is 08:30, outside', parisMonday, '2026-01-05T07:30:00Z', false],
    ['Paris winter (CET): 08:30 UTC is 09:30, inside', parisMonday, '2026-01-05T08:30:00Z', true],
    ['Paris winter (CET): 15:30 UTC is 16:30, inside', parisMonday, '2026-01-05T15:30:00Z', true],
    ['Paris summer (CEST): 07:30 UTC is 09:30, inside', parisMonday, '2026-07-06T07:30:00Z', true],
    ['Paris summer (CEST): 15:30 UTC is 17:30, outside', parisMonday, '2026-07-06T15:30:00Z', false],
    [
      'Paris on the spring-forward night: 00:59 UTC is 01:59 CET, before 03:00',
      { timezone: 'Europe/Paris', days: { sun: ['03:00-04:00'] } },
      '2026-03-29T00:59:00Z',
      false,
    ],
    [
      'Paris on the spring-forward night: 01:00 UTC is already 03:00 CEST',
      { timezone: 'Europe/Paris', days: { sun: ['03:00-04:00'] } },
      '2026-03-29T01:00:00Z',
      true,
    ],
    [
      'São Paulo keeps UTC-3 in January (no DST since 2019): 11:59 UTC is 08:59',
      saoPauloMonday,
      '2026-01-05T11:59:00Z',
      false,
    ],
    ['São Paulo in January: 12:00 UTC is 09:00', saoPauloMonday, '2026-01-05T12:00:00Z', true],
    ['São Paulo in July: 20:59 UTC is 17:59', saoPauloMonday, '2026-07-06T20:59:00Z', true],
    ['São Paulo in July: 21:00 UTC is 18:00', saoPauloMonday, '2026-07-06T21:00:00Z', false],
  ];
  for (const [name, hours, instant, expected] of cases) {
    it(name, () => {
      assert.equal(withinHours(hours, new Date(instant), 'UTC'), expected);
    });
  }

  it('hours without a zone are read in the default zone', () => {
    const hours: HoursSpec = { days: { sun: ['09:00-18:00'] } };
    const instant = new Date('2026-11-22T06:30:00Z');
    assert.equal(withinHours(hours, instant, 'Asia/Riyadh'), true);
    assert.equal(withinHours(hours, instant, 'UTC'), false);
  });

  it('localTime reads the wall clock of the zone', () => {
    assert.deepEqual(localTime(new Date('2026-10-25T00:30:00Z'), 'Europe/Paris'), {
      weekday: 0,
      minute: 150,
    });
    assert.deepEqual(localTime(new Date('2026-10-25T01:30:00Z'), 'Europe/Paris'), {
      weekday: 0,
      minute: 150,
    });
  });
});

describe('isAvailable', () => {
  const sara = { id: '101', hours: { timezone: 'Asia/Riyadh', days: { sun: ['09:00-18:00'] } } };
  const insideHours = new Date('2026-11-22T07:00:00Z');
  const outsideHours = new Date('2026-11-22T16:00:00Z');
  const cases: Array<[string, Parameters<typeof isAvailable>[1], Date, boolean]> = [
    ['never declared anything, inside hours: available', {}, insideHours, true],
    ['never declared anything, outside hours: not available', {}, outsideHours, false],
    ['declared online inside hours: available', { declared: 'online' }, insideHours, true],
    ['declaring online never overrides working hours', { declared: 'online' }, outsideHours, false],
    ['declared away inside hours: not available', { declared: 'away' }, insideHours, false],
    ['the CRM reports presence and lists them online', { crmOnline: new Set(['101']) }, insideHours, true],
    ['the CRM reports presence without them', { crmOnline: new Set(['102']) }, insideHours, false],
    [
      'online in the CRM but declared away',
      { declared: 'away', crmOnline: new Set(['101']) },
      insideHours,
      false,
    ],
    ['online in the CRM outside hours', { crmOnline: new Set(['101']) }, outsideHours, false],
    [
      'declared online but offline in the CRM',
      { declared: 'online', crmOnline: new Set() },
      insideHours,
      false,
    ],
  ];
  for (const [name, presence, now, expected] of cases) {
    it(name, () => {
      assert.equal(isAvailable(sara, presence, now), expected);
    });
  }

  it('someone without working hours is available whenever not away', () => {
    assert.equal(isAvailable({ id: '9' }, {}, outsideHours), true);
    assert.equal(isAvailable({ id: '9' }, { declared: 'away' }, outsideHours), false);
  });
});
