/**
 * Recurring holidays as rules, computed per year: a fixed date (July 4th), the nth weekday of a month
 * (Thanksgiving: the 4th Thursday of November) or its last one (Memorial Day: the last Monday of May).
 * A fixed date that falls on a weekend is also observed on the nearest weekday: Saturday → the Friday
 * before, Sunday → the Monday after (as US federal holidays are). Pure: no database, no clock.
 */
import { Temporal } from 'temporal-polyfill';
import type { HolidayRule } from '../db/schema';

export interface HolidayDefinition {
  slug: string;
  name: string;
  rule: HolidayRule;
  /** 1–12. */
  month: number;
  /** Day of the month (`fixed`). */
  day?: number | null;
  /** 0 = Sunday … 6 = Saturday (`nth_weekday`, `last_weekday`). */
  weekday?: number | null;
  /** 1–5 (`nth_weekday`). */
  nth?: number | null;
  /** A fixed date on a weekend also closes the nearest weekday. */
  observed: boolean;
}

export interface HolidayDate {
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  slug: string;
  name: string;
  /** True for the weekday a weekend holiday is observed on. */
  observed: boolean;
}

/** The date `definition` falls on in `year`, or null when the rule has no such day (a 5th Monday). */
export function holidayDate(definition: HolidayDefinition, year: number): Temporal.PlainDate | null {
  const { rule, month } = definition;
  if (rule === 'fixed') {
    if (!definition.day) return null;
    const date = Temporal.PlainDate.from({ year, month, day: definition.day }, { overflow: 'reject' });
    return date;
  }
  const isoWeekday = (definition.weekday ?? 0) === 0 ? 7 : definition.weekday!;
  if (rule === 'nth_weekday') {
    const first = Temporal.PlainDate.from({ year, month, day: 1 });
    const date = first.add({ days: (isoWeekday - first.dayOfWeek + 7) % 7 + ((definition.nth ?? 1) - 1) * 7 });
    return date.month === month ? date : null;
  }
  const last = Temporal.PlainDate.from({ year, month, day: 1 }).add({ months: 1 }).subtract({ days: 1 });
  return last.subtract({ days: (last.dayOfWeek - isoWeekday + 7) % 7 });
}

/**
 * Every closed date of `definitions` in `year`, sorted: the holidays themselves and, for fixed ones on a
 * weekend, the observed weekday (which may fall in the year next door: New Year's Day 2028 is a
 * Saturday, observed on Friday 2027-12-31, which belongs to 2027's list).
 * @example holidaysInYear([{ slug: 'christmas', name: 'Christmas', rule: 'fixed', month: 12, day: 25, observed: true }], 2027)
 *   // 2027-12-24 (observed, a Friday) and 2027-12-25 (a Saturday)
 */
export function holidaysInYear(definitions: readonly HolidayDefinition[], year: number): HolidayDate[] {
  const out: HolidayDate[] = [];
  for (const definition of definitions) {
    for (const y of [year - 1, year, year + 1]) {
      let date: Temporal.PlainDate | null;
      try {
        date = holidayDate(definition, y);
      } catch {
        continue; // 29 February in a common year, say: no such day.
      }
      if (!date) continue;
      const { slug, name } = definition;
      if (date.year === year) out.push({ date: date.toString(), slug, name, observed: false });
      if (definition.rule === 'fixed' && definition.observed && date.dayOfWeek >= 6) {
        const shifted = date.add({ days: date.dayOfWeek === 6 ? -1 : 1 });
        if (shifted.year === year) out.push({ date: shifted.toString(), slug, name, observed: true });
      }
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * A memo of `holidaysInYear` by date, for one set of definitions.
 * @example const on = holidayLookup(defs); on('2030-12-25')?.name // 'Christmas'
 */
export function holidayLookup(definitions: readonly HolidayDefinition[]): (date: string) => HolidayDate | undefined {
  const years = new Map<number, Map<string, HolidayDate>>();
  return (date) => {
    const year = Number(date.slice(0, 4));
    let byDate = years.get(year);
    if (!byDate) {
      byDate = new Map();
      // The holiday itself wins over another's observed day on the same date.
      for (const h of holidaysInYear(definitions, year)) if (!byDate.has(h.date) || !h.observed) byDate.set(h.date, h);
      years.set(year, byDate);
    }
    return byDate.get(date);
  };
}
