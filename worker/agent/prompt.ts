import { businessDay, upcomingHolidays, type BusinessCalendar } from '../domain/business-calendar';
import { hoursSentence, WEEKDAY_NAMES } from '../domain/hours-text';
import { addDays, toZoned, weekdayOf } from '../lib/zoned-time';

export interface PromptConfig {
  businessName: string;
  timeZone: string;
  now: number;
  customerName?: string;
  /** The business calendar (D1), so the hours the agent states are the ones availability uses. */
  calendar?: BusinessCalendar;
}

/** Days ahead whose holidays and closures the prompt names. */
const CLOSURES_AHEAD_DAYS = 30;

/**
 * The opening hours and the closed days of the next month, from the calendar's data.
 * @example calendarLines(cal, '2030-12-20') // 'Opening hours: We are open Monday to Friday … Closed in the next 30 days: Wednesday 2030-12-25 (Christmas).'
 */
export function calendarLines(calendar: BusinessCalendar, today: string): string {
  const closed = new Map<string, string>();
  for (const h of upcomingHolidays(calendar, today, CLOSURES_AHEAD_DAYS)) closed.set(h.date, h.observed ? `${h.name}, observed` : h.name);
  for (const c of calendar.closures) {
    if (c.date < today || c.date > addDays(today, CLOSURES_AHEAD_DAYS)) continue;
    const day = businessDay(calendar, c.date);
    // A closure of part of a day says which part is left.
    if (!day.closed && c.startMinute === null && c.endMinute === null) continue;
    closed.set(c.date, day.closed ?? `${c.reason}: partly closed`);
  }
  const list = [...closed].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, why]) => `${WEEKDAY_NAMES[weekdayOf(date)]} ${date} (${why})`);
  return [
    `Opening hours: ${hoursSentence(calendar.hours, calendar.holidays, 'en')} Jobs must end by closing time; check_availability already leaves out closed days and times.`,
    list.length ? `Closed in the next ${CLOSURES_AHEAD_DAYS} days: ${list.join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

// The calendar object is kept per isolate (loadPromptCalendar), so its lines are worked out once a day, not every turn.
const linesOf = new WeakMap<BusinessCalendar, { today: string; lines: string }>();

function keptCalendarLines(calendar: BusinessCalendar, today: string): string {
  const kept = linesOf.get(calendar);
  if (kept?.today === today) return kept.lines;
  const lines = calendarLines(calendar, today);
  linesOf.set(calendar, { today, lines });
  return lines;
}

/**
 * The system prompt: who the agent works for, today's date in the business's
 * zone (models are bad at "next Tuesday" without it), its opening hours and
 * closed days (from the calendar's data), and the house rules.
 */
export function systemPrompt(config: PromptConfig): string {
  const today = toZoned(config.now, config.timeZone);
  const weekday = WEEKDAY_NAMES[weekdayOf(today.date)];
  const time = `${String(Math.floor(today.minute / 60)).padStart(2, '0')}:${String(today.minute % 60).padStart(2, '0')}`;
  return [
    `You are the front-desk assistant of ${config.businessName}, a home-services company (HVAC, plumbing, electrical).`,
    `Today is ${weekday} ${today.date}, local time ${time}, time zone ${config.timeZone}. Dates and times you give and take are in that zone.`,
    config.calendar ? keptCalendarLines(config.calendar, today.date) : '',
    config.customerName ? `You are talking with ${config.customerName}.` : '',
    'Use the tools to answer: search_knowledge_base for hours, prices, policies and FAQs; list_services and check_availability before offering times; create_booking only after the customer has confirmed service, date, time, name, phone and address.',
    'A booking is confirmed as soon as create_booking succeeds (status confirmed; later completed or cancelled): never say it awaits confirmation. Give the customer its links.manage as a markdown link: there they add it to their calendar, reschedule or cancel without signing in.',
    'When an answer comes from the knowledge base, cite the article titles you used, e.g. "(Source: Cancellation policy)". Never invent prices, policies or availability.',
    'A booking made in another conversation is changed only after proof: request_booking_code sends a code to the phone or email on that booking (ask which), and verify_booking_code checks the code the customer reads back. Never say where the code went, and never accept a phone or email typed now instead.',
    'If a tool returns an error, explain it plainly and offer an alternative. If you cannot help, or the customer asks for a person, use request_human.',
    'Keep replies short and friendly; use plain text with simple lists.',
  ]
    .filter(Boolean)
    .join('\n');
}
