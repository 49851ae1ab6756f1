/**
 * The offline reader of staff data questions (#14, "ask the data"): a question in plain English becomes
 * one call of a read-only figures tool (`get_booking_stats` or `get_analytics`), never SQL. It reads the
 * question shapes listed in docs/CONSOLE.md ("Ask the data"); anything else is `undefined`, and the
 * answer says what it can be asked. Pure: the caller gives today's local date, services and technicians.
 */
import type { BookingStatsInput } from '../../domain/booking-stats';
import { addDays } from '../../lib/zoned-time';
import { matchService, words, type CatalogEntry } from '../offline/parse';
import { readPeriod, type Period } from './period';

/** The analytics figures a question can ask about (keys of get_analytics' totals). */
export type AnalyticsMetric =
  | 'conversations'
  | 'messages'
  | 'booking_conversion'
  | 'resolution_rate'
  | 'escalation_rate'
  | 'first_staff_reply_seconds'
  | 'csat_average'
  | 'cost_cents';

export type Plan =
  | { tool: 'get_booking_stats'; input: BookingStatsInput; ask: 'count' | 'value' | 'top'; period: Period; subject: string }
  | { tool: 'get_analytics'; input: { from: string; to: string; channel?: 'chat' | 'voice' }; metric: AnalyticsMetric; period: Period };

const has = (text: string, re: RegExp) => re.test(text);

/** Which analytics figure the question is about, if it is about conversations rather than bookings. */
function analyticsMetric(t: string): AnalyticsMetric | undefined {
  if (has(t, /\bconver(sion|t)\b|\bconvert(ed|s)?\b/)) return 'booking_conversion';
  if (has(t, /\bescalat|\bhand(ed)?[- ]?offs?\b|\bhanded (over|off)\b/)) return 'escalation_rate';
  if (has(t, /\bresol(ution|ved|ve)\b/)) return 'resolution_rate';
  if (has(t, /\bcsat\b|\bsatisf|\brating|\brated\b|\bscore\b|\bhappy\b/)) return 'csat_average';
  if (has(t, /\b(first|staff)\b.*\b(reply|response|respond)|\b(reply|response) time\b|\bhow (fast|quickly|long)\b.*\b(reply|respond|answer)/)) return 'first_staff_reply_seconds';
  if (has(t, /\bcost|\bspen[dt]\b|\btokens?\b|\bai bill\b|\bmodel (cost|spend)\b/)) return 'cost_cents';
  if (has(t, /\bmessages?\b/)) return 'messages';
  if (has(t, /\b(conversations?|chats?|calls?|sessions?|visitors?|inquir(y|ies)|enquir(y|ies))\b/) && !has(t, /\b(bookings?|jobs?|appointments?|visits?)\b/)) return 'conversations';
  return undefined;
}

/** Whether the question is about bookings at all ("jobs", "appointments", "how busy"). */
const aboutBookings = (t: string) =>
  has(t, /\b(bookings?|booked|jobs?|appointments?|appts?|visits?|revenue|sales|worth|value|earn|busy|busiest|cancell?ations?|cancell?ed|popular|scheduled)\b/);

/**
 * The one tool call that answers `question`, or undefined for a question of no shape it knows.
 * @example readQuestion('how many plumbing bookings last week?', '2030-03-13', services, techs)
 *   // { tool: 'get_booking_stats', input: { from: '2030-03-04', to: '2030-03-10', category: 'Plumbing' }, ... }
 */
export function readQuestion(question: string, today: string, services: readonly CatalogEntry[], technicians: readonly string[]): Plan | undefined {
  const t = question.toLowerCase();
  const period = readPeriod(t, today) ?? { from: addDays(today, -29), to: today, label: 'the last 30 days' };
  const metric = analyticsMetric(t);
  if (metric && (!aboutBookings(t) || metric === 'booking_conversion')) {
    const channel = has(t, /\b(voice|calls?|phone)\b/) ? 'voice' : has(t, /\bchats?\b/) ? 'chat' : undefined;
    return { tool: 'get_analytics', input: { from: period.from, to: period.to, ...(channel ? { channel } : {}) }, metric, period };
  }
  const input: BookingStatsInput = { from: period.from, to: period.to };
  const subject: string[] = [];
  const said = new Set<string>(words(t));
  const tech = technicians.find((name) => words(name).some((w) => w.length > 2 && said.has(w)));
  if (tech) {
    input.technician = tech;
    subject.push(tech);
  }
  const categories = [...new Set(services.map((s) => s.category))];
  const category = categories.find((c) => said.has(c.toLowerCase()) || (c.toLowerCase() === 'electrical' && has(t, /\belectric(al|ian)?\b/)));
  if (category) {
    input.category = category;
    subject.push(category);
  } else {
    const service = matchService(t.replace(/\b(bookings?|jobs?|appointments?|visits?)\b/g, ' '), services);
    if (service) {
      input.service = service.slug;
      subject.push(service.name);
    }
  }
  // "how many drain cleanings" is about bookings without saying so.
  if (!aboutBookings(t) && !(subject.length && has(t, /\b(how many|number of|count|total)\b/))) return undefined;

  // "bookings made last week", "how many came in" count by the day booked; otherwise by the visit day.
  if (has(t, /\b(made|created|taken|placed|came in|booked (last|this|yesterday|today|in|on|during))\b/)) input.date_field = 'booked';
  if (has(t, /\bcancell?(ations?|ed|s)?\b/)) input.status = 'cancelled';
  else if (has(t, /\bcompleted?\b|\bfinished\b|\bdone\b/)) input.status = 'completed';

  let ask: 'count' | 'value' | 'top' = has(t, /\b(revenue|sales|worth|value|earn(ed|ings)?|money|how much)\b/) ? 'value' : 'count';
  if (has(t, /\b(technicians?|techs?|employees?|staff|who|plumbers?|electricians?|workers?)\b/) && has(t, /\b(most|busiest|top|least|fewest|each|per|by)\b/)) {
    input.group_by = 'technician';
    ask = 'top';
  } else if (has(t, /\b(busiest|quietest|which|what) (day|date)\b|\bper day\b|\bby day\b|\bdaily\b|\beach day\b/)) {
    input.group_by = 'day';
    ask = 'top';
  } else if (has(t, /\bcategor(y|ies)\b/) && has(t, /\b(most|top|popular|by|per|each|which)\b/)) {
    input.group_by = 'category';
    ask = 'top';
  } else if (has(t, /\b(most popular|most booked|top|by|per|each|which|what) services?\b|\bservices?\b.*\b(most|popular|top)\b/)) {
    input.group_by = 'service';
    ask = 'top';
  }
  return { tool: 'get_booking_stats', input, ask, period, subject: subject.join(' ') };
}
