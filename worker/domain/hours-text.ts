/**
 * The business's hours in words, from the calendar's rows: what the hours article, the system prompt
 * and the offline agent say. No imports, so the Node seed scripts (which write the article from the
 * seed rows) and the Worker (which reads the rows from D1) say the same sentence.
 */

export interface OpeningWindow {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  opensMinute: number;
  closesMinute: number;
}

export interface NamedHoliday {
  slug: string;
  name: string;
}

export type HoursLang = 'en' | 'es';

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const WEEKDAY_NAMES_ES = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'] as const;
const PLURAL_ES = ['domingos', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábados'] as const;

/** Spanish names of the holidays the seed knows; others keep their own name. */
const HOLIDAY_NAMES_ES: Record<string, string> = {
  'new-years-day': 'Año Nuevo',
  'memorial-day': 'Memorial Day',
  'independence-day': '4 de julio',
  'labor-day': 'Labor Day',
  thanksgiving: 'Acción de Gracias',
  christmas: 'Navidad',
};

/**
 * "8:00 AM", "1:00 PM", "12:00 PM".
 * @example clock(17 * 60) // '5:00 PM'
 */
export function clock(minute: number): string {
  const h = Math.floor(minute / 60) % 24;
  const m = String(minute % 60).padStart(2, '0');
  return `${h % 12 === 0 ? 12 : h % 12}:${m} ${h < 12 ? 'AM' : 'PM'}`;
}

/** "a, b and c" / "a, b y c". */
function list(items: string[], lang: HoursLang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'es' ? 'y' : 'and'} ${items.at(-1)}`;
}

/** Monday-first order, so "Monday to Saturday" reads as a week does. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];

/** The weekdays grouped into runs of consecutive days with the same hours, Monday first. */
function runs(hours: readonly OpeningWindow[]): { days: number[]; windows: [number, number][] }[] {
  const key = (weekday: number) =>
    hours
      .filter((h) => h.weekday === weekday && h.opensMinute < h.closesMinute)
      .map((h): [number, number] => [h.opensMinute, h.closesMinute])
      .sort((a, b) => a[0] - b[0]);
  const out: { days: number[]; windows: [number, number][]; k: string }[] = [];
  for (const weekday of WEEK) {
    const windows = key(weekday);
    if (windows.length === 0) continue;
    const k = JSON.stringify(windows);
    const last = out.at(-1);
    if (last && last.k === k && WEEK.indexOf(last.days.at(-1)!) === WEEK.indexOf(weekday) - 1) last.days.push(weekday);
    else out.push({ days: [weekday], windows, k });
  }
  return out.map(({ days, windows }) => ({ days, windows }));
}

/**
 * The weekly hours in a sentence fragment.
 * @example describeWeeklyHours(seedOpeningHours, 'en') // 'Monday to Friday from 8:00 AM to 5:00 PM and Saturday from 9:00 AM to 1:00 PM'
 * @example describeWeeklyHours(seedOpeningHours, 'es') // 'de lunes a viernes de 8:00 AM a 5:00 PM y los sábados de 9:00 AM a 1:00 PM'
 */
export function describeWeeklyHours(hours: readonly OpeningWindow[], lang: HoursLang = 'en'): string {
  const parts = runs(hours).map(({ days, windows }) => {
    const first = days[0]!;
    const last = days.at(-1)!;
    if (lang === 'es') {
      const when = days.length === 1 ? `los ${PLURAL_ES[first]}` : `de ${WEEKDAY_NAMES_ES[first]} a ${WEEKDAY_NAMES_ES[last]}`;
      return `${when} ${list(windows.map(([s, e]) => `de ${clock(s)} a ${clock(e)}`), 'es')}`;
    }
    const when = days.length === 1 ? WEEKDAY_NAMES[first] : days.length === 2 ? `${WEEKDAY_NAMES[first]} and ${WEEKDAY_NAMES[last]}` : `${WEEKDAY_NAMES[first]} to ${WEEKDAY_NAMES[last]}`;
    return `${when} ${list(windows.map(([s, e]) => `from ${clock(s)} to ${clock(e)}`), 'en')}`;
  });
  return list(parts, lang);
}

/**
 * The weekdays with no hours: "Sundays" / "los domingos".
 * @example closedWeekdays(seedOpeningHours, 'en') // 'Sundays'
 */
export function closedWeekdays(hours: readonly OpeningWindow[], lang: HoursLang = 'en'): string {
  const open = new Set(hours.filter((h) => h.opensMinute < h.closesMinute).map((h) => h.weekday));
  const closed = WEEK.filter((d) => !open.has(d));
  return lang === 'es' ? list(closed.map((d) => `los ${PLURAL_ES[d]}`), 'es') : list(closed.map((d) => `${WEEKDAY_NAMES[d]}s`), 'en');
}

/**
 * The holidays by name, in the order given.
 * @example holidayNames(seedHolidays, 'es') // 'Año Nuevo, Memorial Day, 4 de julio, Labor Day, Acción de Gracias y Navidad'
 */
export function holidayNames(definitions: readonly NamedHoliday[], lang: HoursLang = 'en'): string {
  return list(definitions.map((h) => (lang === 'es' ? (HOLIDAY_NAMES_ES[h.slug] ?? h.name) : h.name)), lang);
}

/**
 * The hours in one sentence, as the prompt and the offline agent state them.
 * @example hoursSentence(seedOpeningHours, seedHolidays, 'en')
 *   // 'We are open Monday to Friday from 8:00 AM to 5:00 PM and Saturday from 9:00 AM to 1:00 PM; closed on Sundays and on New Year’s Day, …'
 */
export function hoursSentence(hours: readonly OpeningWindow[], definitions: readonly NamedHoliday[], lang: HoursLang = 'en'): string {
  return lang === 'es'
    ? `Abrimos ${describeWeeklyHours(hours, 'es')}; cerramos ${closedWeekdays(hours, 'es')} y en ${holidayNames(definitions, 'es')}.`
    : `We are open ${describeWeeklyHours(hours, 'en')}; closed on ${closedWeekdays(hours, 'en')} and on ${holidayNames(definitions, 'en')}.`;
}
