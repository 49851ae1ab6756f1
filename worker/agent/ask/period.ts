/**
 * The span of local days a staff question names ("last week", "tomorrow", "in march", "past 14 days",
 * "on friday", "2030-03-04"), for the offline data-question reader. Weeks run Monday to Sunday, as the
 * console's charts draw them. Pure: `today` is the business's local date.
 */
import { Temporal } from 'temporal-polyfill';
import { addDays, weekdayOf } from '../../lib/zoned-time';

export interface Period {
  from: string;
  to: string;
  /** How the question said it, for the answer ("last week"). */
  label: string;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const monday = (date: string) => addDays(date, -((weekdayOf(date) + 6) % 7));
const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
/** The first of the month `n` months after the month of `date`. */
const shiftMonth = (date: string, n: number) => Temporal.PlainDate.from(monthStart(date)).add({ months: n }).toString();
const monthEnd = (date: string) => addDays(shiftMonth(date, 1), -1);

/** The period `text` names, or undefined when it names none. */
export function readPeriod(text: string, today: string): Period | undefined {
  const t = text.toLowerCase();
  const iso = [...t.matchAll(/\b(\d{4}-\d{2}-\d{2})\b/g)].map((m) => m[1]!);
  if (iso.length >= 2) return { from: iso[0]!, to: iso[1]!, label: `${iso[0]} to ${iso[1]}` };
  if (iso.length === 1) return { from: iso[0]!, to: iso[0]!, label: iso[0]! };
  if (/\b(today|so far today)\b/.test(t)) return { from: today, to: today, label: 'today' };
  if (/\b(tomorrow|tmrw|tmr)\b/.test(t)) return { from: addDays(today, 1), to: addDays(today, 1), label: 'tomorrow' };
  if (/\byesterday\b/.test(t)) return { from: addDays(today, -1), to: addDays(today, -1), label: 'yesterday' };
  const span = /\b(?:last|past|previous)\s+(\d{1,3})\s+(day|week|month)s?\b/.exec(t);
  if (span) {
    const n = Number(span[1]);
    const days = span[2] === 'day' ? n : span[2] === 'week' ? n * 7 : n * 30;
    return { from: addDays(today, -(days - 1)), to: today, label: `the last ${n} ${span[2]}${n === 1 ? '' : 's'}` };
  }
  const next = /\bnext\s+(\d{1,3})\s+days?\b/.exec(t);
  if (next) return { from: today, to: addDays(today, Number(next[1]) - 1), label: `the next ${next[1]} days` };
  const week = /\b(this|last|previous|next|past)\s+week\b/.exec(t);
  if (week) {
    const offset = week[1] === 'this' ? 0 : week[1] === 'next' ? 7 : -7;
    const from = addDays(monday(today), offset);
    return { from, to: addDays(from, 6), label: `${week[1] === 'previous' || week[1] === 'past' ? 'last' : week[1]} week` };
  }
  const month = /\b(this|last|previous|next|past)\s+month\b/.exec(t);
  if (month) {
    const offset = month[1] === 'this' ? 0 : month[1] === 'next' ? 1 : -1;
    const from = shiftMonth(today, offset);
    return { from, to: monthEnd(from), label: `${month[1] === 'previous' || month[1] === 'past' ? 'last' : month[1]} month` };
  }
  if (/\b(this|last|previous)\s+year\b|\bytd\b|\byear to date\b/.test(t)) {
    const year = Number(today.slice(0, 4)) - (/\b(last|previous)\s+year\b/.test(t) ? 1 : 0);
    const from = `${year}-01-01`;
    const to = year === Number(today.slice(0, 4)) ? today : `${year}-12-31`;
    return { from, to, label: year === Number(today.slice(0, 4)) ? 'this year' : 'last year' };
  }
  const named = new RegExp(`\\b(?:in|for|during|of)\\s+(${MONTHS.join('|')}|${MONTHS.map((m) => m.slice(0, 3)).join('|')})\\b`).exec(t);
  if (named) {
    const index = MONTHS.findIndex((m) => m.startsWith(named[1]!));
    // The most recent such month that has begun: "in march" asked in February is last year's March.
    let year = Number(today.slice(0, 4));
    if (index + 1 > Number(today.slice(5, 7))) year -= 1;
    const from = `${year}-${String(index + 1).padStart(2, '0')}-01`;
    return { from, to: monthEnd(from), label: MONTHS[index]!.replace(/^./, (c) => c.toUpperCase()) + ` ${year}` };
  }
  const day = new RegExp(`\\b(last|this|next|on)?\\s*(${WEEKDAYS.join('|')})\\b`).exec(t);
  if (day) {
    const target = WEEKDAYS.indexOf(day[2]!);
    const diff = (target - weekdayOf(today) + 7) % 7;
    // "last friday" is the one before today; otherwise the coming one (today counts).
    const date = day[1] === 'last' ? addDays(today, diff === 0 ? -7 : diff - 7) : addDays(today, day[1] === 'next' && diff === 0 ? 7 : diff);
    return { from: date, to: date, label: `${day[1] === 'last' ? 'last' : ''} ${day[2]} (${date})`.trim() };
  }
  return undefined;
}
