/**
 * The knowledge-base articles that state the business's hours, written from the calendar's rows: the seed
 * writes them from its rows, and every change to the opening hours or the holidays (business-settings.ts)
 * rewrites them in the same D1 batch, so the hours article, the system prompt and availability never
 * disagree. Only the articles' bodies are generated; titles and tags stay as seeded. No imports beyond
 * ./hours-text.ts, so the Node seed scripts can load it.
 */
import { clock, closedWeekdays, describeWeeklyHours, holidayNames, type NamedHoliday, type OpeningWindow } from './hours-text.ts';

/** The slugs whose bodies come from the calendar. */
export const CALENDAR_ARTICLE_SLUGS = ['business-hours', 'business-hours-es', 'how-to-book', 'emergency-service'] as const;
export type CalendarArticleSlug = (typeof CALENDAR_ARTICLE_SLUGS)[number];

/** "weekday evenings, Saturday after 1:00 PM, Sundays and holidays". */
function afterHours(hours: readonly OpeningWindow[]): string {
  const saturday = hours.filter((h) => h.weekday === 6 && h.opensMinute < h.closesMinute);
  const parts = ['weekday evenings'];
  if (saturday.length) parts.push(`Saturday after ${clock(Math.max(...saturday.map((h) => h.closesMinute)))}`);
  const closed = closedWeekdays(hours, 'en');
  if (closed) parts.push(closed);
  return `${parts.join(', ')} and holidays`;
}

/**
 * The body of each calendar article for these hours and holidays.
 * @example calendarArticleBodies(seedOpeningHours, seedHolidays)['business-hours'] // 'Our office and technicians work Monday to Friday …'
 */
export function calendarArticleBodies(hours: readonly OpeningWindow[], holidays: readonly NamedHoliday[]): Record<CalendarArticleSlug, string> {
  const en = describeWeeklyHours(hours, 'en');
  const es = describeWeeklyHours(hours, 'es');
  const closedEn = closedWeekdays(hours, 'en');
  const closedEs = closedWeekdays(hours, 'es');
  return {
    'business-hours':
      `Our office and technicians work ${en} (Central Time). ` +
      `We are closed on ${[closedEn, `major holidays (${holidayNames(holidays, 'en')})`].filter(Boolean).join(' and ')}; ` +
      'when a holiday falls on a Saturday we also close the Friday before, and on a Sunday the Monday after. ' +
      'Regular appointments can be booked in any of these hours, including Saturday mornings, which fill up first, so book a few days ahead. ' +
      'Our online assistant takes questions and booking requests around the clock. Outside business hours, urgent problems such as no heat in winter, ' +
      'a burst pipe or a sewage backup are handled by our on-call emergency team; see "Emergency service".',
    'business-hours-es':
      `Nuestra oficina y nuestros técnicos trabajan ${es} (hora del centro). ` +
      `Cerramos ${[closedEs, `los feriados principales (${holidayNames(holidays, 'es')})`].filter(Boolean).join(' y ')}. ` +
      'Las citas normales se reservan dentro de ese horario; los sábados por la mañana se llenan primero. ' +
      'Fuera de horario, los problemas urgentes como quedarse sin calefacción en invierno o una tubería rota los atiende nuestro equipo de guardia.',
    'how-to-book':
      'The fastest way to book is right here: tell our online assistant what you need and your address, and it will show open times and book the slot you choose. ' +
      'You can also call the office during business hours. We need your name, phone or email, the service address, and a short description of the problem. ' +
      'Bookings are confirmed at once, with a booking number (BK-…) and a link where you can add the visit to your calendar, reschedule or cancel it without signing in. ' +
      `Appointments are booked within our business hours, ${en}, and a job must be finished by closing time. ` +
      'For large projects, start with a free HVAC replacement estimate or ask for a quote.',
    'emergency-service':
      'Our on-call team handles true emergencies 24 hours a day, every day of the year: no heat when it is below freezing, a burst or leaking pipe you cannot shut off, ' +
      'a sewage backup, no hot water for a household with infants or elderly residents, and sparking outlets or a total loss of power. ' +
      `Outside business hours (${afterHours(hours)}) an after-hours surcharge of $150 is added to the regular price; ` +
      'we tell you the total before dispatching. We aim to arrive within two hours in Chicago and three hours in the suburbs. ' +
      'If you smell gas, do not call us first: leave the building, then call 911 or your gas utility from outside.',
  };
}
