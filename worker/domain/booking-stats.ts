/**
 * Booking figures for staff questions about the business (#14, "ask the data"): how many bookings, and
 * their value, between two local days, by visit day or by the day they were made, optionally filtered
 * by service, category, technician or status and grouped by one of them. Read-only, staff only, one
 * indexed range query; it is the data behind answers, so the agent quotes figures instead of writing SQL.
 */
import { z } from 'zod';
import { requireRole } from '../auth/principal';
import { BOOKING_STATUSES } from '../db/schema';
import { addDays, startOfDay, toZoned } from '../lib/zoned-time';
import type { DomainContext } from './context';
import { parseLocalDate } from './dates';
import { invalidInput } from './errors';
import { MAX_ANALYTICS_DAYS } from './analytics';

export const STATS_GROUPS = ['service', 'category', 'technician', 'day', 'status'] as const;
/** `visit`: the day the job is scheduled for; `booked`: the day the booking was made. */
export const STATS_DATE_FIELDS = ['visit', 'booked'] as const;

export const bookingStatsInput = z.object({
  from: z.string().trim().max(10).optional().describe('First local day, YYYY-MM-DD (default: 29 days before `to`).'),
  to: z.string().trim().max(10).optional().describe('Last local day, YYYY-MM-DD (default today).'),
  date_field: z.enum(STATS_DATE_FIELDS).default('visit').describe('Count by visit day (default) or by the day booked.'),
  service: z.string().trim().max(60).optional().describe('A service slug.'),
  category: z.string().trim().max(40).optional().describe('A service category, e.g. Plumbing.'),
  technician: z.string().trim().max(80).optional().describe("A technician's name (or part of it)."),
  status: z.enum(BOOKING_STATUSES).optional().describe('Only this status (default: all but cancelled).'),
  group_by: z.enum(STATS_GROUPS).optional(),
});
export type BookingStatsInput = z.input<typeof bookingStatsInput>;

const groupSchema = z.object({ key: z.string(), count: z.number(), value_cents: z.number() });
export const bookingStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  date_field: z.enum(STATS_DATE_FIELDS),
  time_zone: z.string(),
  filters: z.record(z.string(), z.string()),
  total: z.number(),
  value_cents: z.number(),
  /** Largest first; absent without `group_by`. */
  groups: z.array(groupSchema).optional(),
});
export type BookingStats = z.infer<typeof bookingStatsSchema>;

interface Row {
  starts_at: number;
  created_at: number;
  status: string;
  price_cents: number;
  service: string;
  category: string;
  technician: string;
}

/**
 * @example await bookingStats(staffCtx, { from: '2030-03-01', to: '2030-03-07', category: 'Plumbing', group_by: 'service' })
 */
export async function bookingStats(ctx: DomainContext, raw: BookingStatsInput): Promise<BookingStats> {
  requireRole(ctx.actor, 'staff', 'admin');
  const input = bookingStatsInput.parse(raw);
  const to = input.to ? parseLocalDate(input.to, 'to') : toZoned(ctx.now(), ctx.timeZone).date;
  const from = input.from ? parseLocalDate(input.from, 'from') : addDays(to, -29);
  if (from > to) throw invalidInput('from must not be after to');
  if (addDays(from, MAX_ANALYTICS_DAYS - 1) < to) throw invalidInput(`at most ${MAX_ANALYTICS_DAYS} days at a time`);
  const column = input.date_field === 'visit' ? 'b.starts_at' : 'b.created_at';
  const { results } = await ctx.d1
    .prepare(
      `SELECT b.starts_at, b.created_at, b.status, b.price_cents, s.slug AS service, s.category, e.name AS technician
       FROM bookings b JOIN services s ON s.id = b.service_id JOIN employees e ON e.id = b.employee_id
       WHERE ${column} >= ?1 AND ${column} < ?2
         AND (?3 IS NULL OR s.slug = ?3) AND (?4 IS NULL OR s.category = ?4 COLLATE NOCASE)
         AND (?5 IS NULL OR instr(lower(e.name), lower(?5)) > 0)
         AND (CASE WHEN ?6 IS NULL THEN b.status <> 'cancelled' ELSE b.status = ?6 END)`,
    )
    .bind(startOfDay(from, ctx.timeZone), startOfDay(addDays(to, 1), ctx.timeZone), input.service ?? null, input.category ?? null, input.technician ?? null, input.status ?? null)
    .all<Row>();
  const filters = Object.fromEntries(
    (['service', 'category', 'technician', 'status'] as const).flatMap((k) => (input[k] ? [[k, input[k]]] : [])),
  );
  const stats: BookingStats = {
    from,
    to,
    date_field: input.date_field,
    time_zone: ctx.timeZone,
    filters,
    total: results.length,
    value_cents: results.reduce((sum, r) => sum + r.price_cents, 0),
  };
  if (input.group_by) stats.groups = groupRows(results, input.group_by, input.date_field, ctx.timeZone);
  return stats;
}

function groupRows(rows: Row[], by: (typeof STATS_GROUPS)[number], dateField: (typeof STATS_DATE_FIELDS)[number], timeZone: string) {
  const keyOf = (r: Row): string => {
    switch (by) {
      case 'day':
        return toZoned(dateField === 'visit' ? r.starts_at : r.created_at, timeZone).date;
      case 'service':
        return r.service;
      case 'category':
        return r.category;
      case 'technician':
        return r.technician;
      case 'status':
        return r.status;
    }
  };
  const groups = new Map<string, { key: string; count: number; value_cents: number }>();
  for (const r of rows) {
    const key = keyOf(r);
    const g = groups.get(key) ?? { key, count: 0, value_cents: 0 };
    g.count += 1;
    g.value_cents += r.price_cents;
    groups.set(key, g);
  }
  // Days in order; everything else largest first, ties by name so answers are stable.
  return [...groups.values()].sort(by === 'day' ? (a, b) => a.key.localeCompare(b.key) : (a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
