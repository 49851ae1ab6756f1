/**
 * Wall-clock arithmetic in an IANA time zone, on Temporal (temporal-polyfill:
 * workerd has no native Temporal yet). Local dates are `YYYY-MM-DD`; local
 * times are minutes after midnight.
 *
 * Why Temporal rather than offsets found by hand with Intl: the spec settles
 * the hard cases. A local time in a spring-forward gap resolves as
 * `disambiguation: 'compatible'` does (02:30 on a Chicago spring-forward day is
 * 03:30 CDT, the later instant), a time in a fall-back overlap resolves to the
 * earlier of its two instants, and a day in a zone whose DST starts at
 * midnight (America/Santiago, Asia/Beirut…) starts at 01:00, not at 23:00 the
 * day before.
 */
import { Temporal } from 'temporal-polyfill';

export interface ZonedParts {
  /** Local calendar date, `YYYY-MM-DD`. */
  date: string;
  /** Minutes after local midnight (wall clock: 09:30 is 570 even on a day that began at 01:00). */
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  year: number;
}

const zonedAt = (ms: number, timeZone: string): Temporal.ZonedDateTime =>
  Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);

/** True when `timeZone` is an IANA zone (or offset) the runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    zonedAt(0, timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * `fn` with its answers kept by argument list (cleared when more than `kept` are held). For the pure
 * functions below: availability asks the same wall times of the same days for every employee and every
 * turn, and each answer costs the polyfill's zone arithmetic.
 */
function remembered<A extends (string | number)[], R>(fn: (...args: A) => R, kept = 4096): (...args: A) => R {
  const answers = new Map<string, R>();
  return (...args: A): R => {
    const key = args.join('|');
    const known = answers.get(key);
    if (known !== undefined || answers.has(key)) return known as R;
    const answer = fn(...args);
    if (answers.size >= kept) answers.clear();
    answers.set(key, answer);
    return answer;
  };
}

/** toZoned's answers by zone and UTC minute (its parts have minute resolution); cleared when it grows past ZONED_KEPT. */
const zonedByMinute = new Map<string, Readonly<ZonedParts>>();
const ZONED_KEPT = 1024;

/**
 * The local date, time and weekday of instant `ms` in `timeZone`. Answers are kept per UTC minute: a turn
 * asks for "now" many times, and Temporal's zone arithmetic is the slow part (zone offsets are whole minutes
 * for every date after 1900). The result is frozen; it is shared.
 */
export function toZoned(ms: number, timeZone: string): ZonedParts {
  const key = `${timeZone}|${Math.floor(ms / 60_000)}`;
  const kept = zonedByMinute.get(key);
  if (kept) return kept;
  const z = zonedAt(ms, timeZone);
  const parts = Object.freeze({ date: z.toPlainDate().toString(), minute: z.hour * 60 + z.minute, weekday: z.dayOfWeek % 7, year: z.year });
  if (zonedByMinute.size >= ZONED_KEPT) zonedByMinute.clear();
  zonedByMinute.set(key, parts);
  return parts;
}

/**
 * The UTC instant of local `date` at `minute` (may exceed 1440: it rolls into
 * the next days) in `timeZone`. In a DST gap the result is the later instant
 * (the wall time read with the offset from before the jump, as Temporal's
 * 'compatible' does); in an overlap, the earlier one.
 * @example zonedToUtc('2026-11-23', 9 * 60, 'America/Chicago') // Date.parse('2026-11-23T15:00:00Z')
 */
export const zonedToUtc = remembered((date: string, minute: number, timeZone: string): number => {
  return Temporal.PlainDate.from(date)
    .toPlainDateTime()
    .add({ minutes: minute })
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
});

/**
 * The first instant of local `date`: usually its midnight, but 01:00 where DST
 * starts at midnight (America/Santiago in September).
 * @example startOfDay('2026-09-06', 'America/Santiago') // Date.parse('2026-09-06T04:00:00Z'), 01:00 -03
 */
export const startOfDay = remembered((date: string, timeZone: string): number => {
  return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).epochMilliseconds;
});

/**
 * True when the wall time `minute` exists on `date` in `timeZone` (false inside a spring-forward gap).
 * @example localTimeExists('2026-03-08', 150, 'America/Chicago') // false: 02:30 is skipped
 */
export const localTimeExists = remembered((date: string, minute: number, timeZone: string): boolean => {
  const wall = Temporal.PlainDate.from(date).toPlainDateTime().add({ minutes: minute });
  // A gap moves the wall time; an overlap keeps it (both of its instants read the same).
  return Temporal.PlainDateTime.compare(wall.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).toPlainDateTime(), wall) === 0;
});

/** `date` plus `days` calendar days. */
export const addDays = remembered((date: string, days: number): string => {
  return Temporal.PlainDate.from(date).add({ days }).toString();
});

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export const daysBetween = remembered((from: string, to: string): number => {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' }).days;
});

/** 0 = Sunday … 6 = Saturday, of a local date. */
export const weekdayOf = remembered((date: string): number => {
  return Temporal.PlainDate.from(date).dayOfWeek % 7;
});

/**
 * `2026-11-23T09:00:00-06:00`: an instant as local ISO 8601 with its offset, to the second.
 * @example toLocalIso(Date.parse('2026-11-23T15:00:00Z'), 'America/Chicago') // '2026-11-23T09:00:00-06:00'
 */
export function toLocalIso(ms: number, timeZone: string): string {
  return zonedAt(ms, timeZone).toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

/** A local time (minutes after midnight) as `HH:MM`. */
export const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** A local `HH:MM` as minutes after midnight. */
export const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
