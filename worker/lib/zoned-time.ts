/**
 * Wall-clock arithmetic in an IANA time zone with the platform's Intl, which
 * knows every zone's DST rules (workerd has no Temporal yet). Local dates are
 * `YYYY-MM-DD`; local times are minutes after midnight.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface ZonedParts {
  /** Local calendar date, `YYYY-MM-DD`. */
  date: string;
  /** Minutes after local midnight. */
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  year: number;
}

/** True when `timeZone` is a zone Intl knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local date, time and weekday of instant `ms` in `timeZone`. */
export function toZoned(ms: number, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const year = Number(parts.year);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    year,
  };
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms (Chicago in winter: -6 h). */
function offsetAt(ms: number, timeZone: string): number {
  const z = toZoned(ms, timeZone);
  const [y, m, d] = z.date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, 0, z.minute);
  return asUtc - (ms - (((ms % 60_000) + 60_000) % 60_000));
}

/**
 * The UTC instant of local `date` at `minute` in `timeZone`. In a DST gap the
 * result is the instant the clock jumps to; in an overlap, the earlier one.
 * @example zonedToUtc('2026-11-23', 9 * 60, 'America/Chicago') // 2026-11-23T15:00:00Z
 */
export function zonedToUtc(date: string, minute: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, 0, minute);
  const first = naive - offsetAt(naive, timeZone);
  const second = naive - offsetAt(first, timeZone);
  return Math.min(first, second);
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `2026-11-23T09:00:00-06:00`: an instant as local ISO 8601 with its offset. */
export function toLocalIso(ms: number, timeZone: string): string {
  const z = toZoned(ms, timeZone);
  const offMin = Math.round(offsetAt(ms, timeZone) / 60_000);
  const sign = offMin < 0 ? '-' : '+';
  const abs = Math.abs(offMin);
  const hh = String(Math.floor(z.minute / 60)).padStart(2, '0');
  const mm = String(z.minute % 60).padStart(2, '0');
  return `${z.date}T${hh}:${mm}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
