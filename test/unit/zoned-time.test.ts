// Zone arithmetic (worker/lib/zoned-time.ts, on Temporal): gaps, overlaps, midnight-DST zones and businesses outside the US.
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isValidTimeZone, localTimeExists, startOfDay, toLocalIso, toZoned, weekdayOf, zonedToUtc } from '../../worker/lib/zoned-time';

const hm = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));

describe('zonedToUtc', () => {
  // [what, zone, local date, local time, UTC instant]
  const cases: [string, string, string, string, string][] = [
    ['Chicago winter', 'America/Chicago', '2026-11-23', '09:00', '2026-11-23T15:00:00Z'],
    ['Chicago summer', 'America/Chicago', '2026-06-01', '09:00', '2026-06-01T14:00:00Z'],
    // Spring forward 02:00 → 03:00: 02:30 does not exist; 'compatible' reads it with the offset before the jump (03:30 CDT).
    ['Chicago gap → later', 'America/Chicago', '2026-03-08', '02:30', '2026-03-08T08:30:00Z'],
    ['Chicago just after the gap', 'America/Chicago', '2026-03-08', '03:00', '2026-03-08T08:00:00Z'],
    // Fall back 02:00 → 01:00: 01:30 happens twice; the earlier (CDT) is meant.
    ['Chicago overlap → earlier', 'America/Chicago', '2026-11-01', '01:30', '2026-11-01T06:30:00Z'],
    // DST starts at midnight: 00:00 on 2026-09-06 does not exist, the day begins at 01:00 -03.
    ['Santiago midnight gap → 01:00', 'America/Santiago', '2026-09-06', '00:00', '2026-09-06T04:00:00Z'],
    ['Santiago first morning', 'America/Santiago', '2026-09-06', '09:00', '2026-09-06T12:00:00Z'],
    // DST ends at midnight: 23:00–24:00 on 2026-04-04 happens twice; the earlier (-03).
    ['Santiago overlap → earlier', 'America/Santiago', '2026-04-04', '23:30', '2026-04-05T02:30:00Z'],
    ['London BST gap → later', 'Europe/London', '2026-03-29', '01:30', '2026-03-29T01:30:00Z'],
    ['London overlap → earlier (BST)', 'Europe/London', '2026-10-25', '01:30', '2026-10-25T00:30:00Z'],
    ['London summer morning', 'Europe/London', '2026-07-01', '09:00', '2026-07-01T08:00:00Z'],
    // Southern hemisphere: DST from October to April.
    ['Sydney gap → later', 'Australia/Sydney', '2026-10-04', '02:30', '2026-10-03T16:30:00Z'],
    ['Sydney overlap → earlier (AEDT)', 'Australia/Sydney', '2026-04-05', '02:30', '2026-04-04T15:30:00Z'],
    ['Sydney winter morning', 'Australia/Sydney', '2026-07-01', '09:00', '2026-06-30T23:00:00Z'],
    ['Minutes past 24:00 roll over', 'America/Chicago', '2026-11-23', '00:00', '2026-11-23T06:00:00Z'],
  ];
  it.each(cases)('%s', (_what, zone, date, time, utc) => {
    expect(new Date(zonedToUtc(date, hm(time), zone)).toISOString()).toBe(new Date(utc).toISOString());
  });

  it('takes minutes beyond one day into the next days', () => {
    expect(zonedToUtc('2026-11-22', 24 * 60 + 9 * 60, 'America/Chicago')).toBe(Date.parse('2026-11-23T15:00:00Z'));
  });
});

describe('startOfDay and day lengths', () => {
  // [zone, date, first instant, hours in the day]
  const cases: [string, string, string, number][] = [
    ['America/Chicago', '2026-03-08', '2026-03-08T06:00:00Z', 23],
    ['America/Chicago', '2026-11-01', '2026-11-01T05:00:00Z', 25],
    ['America/Chicago', '2026-11-23', '2026-11-23T06:00:00Z', 24],
    // Not 23:00 on the 5th: the day starts at 01:00 -03.
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00Z', 23],
    ['America/Santiago', '2026-04-05', '2026-04-05T04:00:00Z', 24],
    ['America/Santiago', '2026-04-04', '2026-04-04T03:00:00Z', 25],
    ['Europe/London', '2026-03-29', '2026-03-29T00:00:00Z', 23],
    ['Australia/Sydney', '2026-10-04', '2026-10-03T14:00:00Z', 23],
  ];
  it.each(cases)('%s %s', (zone, date, first, hours) => {
    expect(new Date(startOfDay(date, zone)).toISOString()).toBe(new Date(first).toISOString());
    expect((startOfDay(addDays(date, 1), zone) - startOfDay(date, zone)) / 3_600_000).toBe(hours);
  });
});

describe('toZoned, toLocalIso and local-time existence', () => {
  // [zone, instant, local date, local time, weekday, local ISO]
  const cases: [string, string, string, string, number, string][] = [
    ['America/Chicago', '2026-11-23T15:00:00Z', '2026-11-23', '09:00', 1, '2026-11-23T09:00:00-06:00'],
    ['America/Chicago', '2026-03-08T08:30:00Z', '2026-03-08', '03:30', 0, '2026-03-08T03:30:00-05:00'],
    ['America/Chicago', '2026-11-01T07:30:00Z', '2026-11-01', '01:30', 0, '2026-11-01T01:30:00-06:00'],
    ['America/Santiago', '2026-09-06T04:00:00Z', '2026-09-06', '01:00', 0, '2026-09-06T01:00:00-03:00'],
    ['Europe/London', '2026-12-25T09:00:00Z', '2026-12-25', '09:00', 5, '2026-12-25T09:00:00+00:00'],
    ['Australia/Sydney', '2026-12-31T13:00:00Z', '2027-01-01', '00:00', 5, '2027-01-01T00:00:00+11:00'],
  ];
  it.each(cases)('%s %s', (zone, instant, date, time, weekday, iso) => {
    const ms = Date.parse(instant);
    expect(toZoned(ms, zone)).toEqual({ date, minute: hm(time), weekday, year: Number(date.slice(0, 4)) });
    expect(toLocalIso(ms, zone)).toBe(iso);
    expect(weekdayOf(date)).toBe(weekday);
  });

  it('knows which wall times a day skips', () => {
    expect(localTimeExists('2026-03-08', hm('02:30'), 'America/Chicago')).toBe(false);
    expect(localTimeExists('2026-03-08', hm('03:00'), 'America/Chicago')).toBe(true);
    expect(localTimeExists('2026-11-01', hm('01:30'), 'America/Chicago')).toBe(true);
    expect(localTimeExists('2026-09-06', 0, 'America/Santiago')).toBe(false);
    expect(localTimeExists('2026-09-06', 60, 'America/Santiago')).toBe(true);
  });

  it('counts calendar days and validates zones', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(daysBetween('2026-03-31', '2026-03-01')).toBe(-30);
    expect(isValidTimeZone('America/Santiago')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
