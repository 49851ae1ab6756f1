/**
 * Staff analytics over conversations (#14): per local day and in total, how many
 * conversations (a session counts once the customer has said something),
 * messages (the customer's, staff's and the agent's replies, not its tool calls), tokens and cost, bookings made in them and booking conversion,
 * resolution and escalation rates and time to a first staff reply, by channel.
 * One indexed range query (interactions by created_at) with correlated counts;
 * days are bucketed in the business's time zone here, since SQLite knows no zones.
 */
import { z } from 'zod';
import { requireRole } from '../auth/principal';
import { addDays, startOfDay, toZoned } from '../lib/zoned-time';
import type { DomainContext } from './context';
import { invalidInput } from './errors';
import { ticketBreachCounts, ticketBreachCountsSchema } from './ticket-stats';

export const ANALYTICS_CHANNELS = ['chat', 'voice'] as const;
/** The widest range one request may ask for. */
export const MAX_ANALYTICS_DAYS = 366;

const figuresSchema = z.object({
  conversations: z.number(),
  messages: z.number(),
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  cost_cents: z.number(),
  bookings: z.number(),
  /** Conversations with a booking ÷ conversations (0 when there are none). */
  booking_conversion: z.number(),
  resolution_rate: z.number(),
  escalation_rate: z.number(),
  /** Mean seconds from the customer's first message to the first staff message, where staff replied. */
  first_staff_reply_seconds: z.number().nullable(),
  /** Mean customer rating (1–5) of the rated conversations, and how many were rated. */
  csat_average: z.number().nullable(),
  csat_count: z.number(),
  by_channel: z.record(z.string(), z.number()),
});

export const analyticsSchema = z.object({
  from: z.string(),
  to: z.string(),
  time_zone: z.string(),
  channel: z.enum(ANALYTICS_CHANNELS).nullable(),
  totals: figuresSchema,
  /** The analysed conversations' intents (insights.ts), most frequent first, at most ten. */
  top_intents: z.array(z.object({ intent: z.string(), conversations: z.number() })),
  days: z.array(figuresSchema.extend({ date: z.string() })),
  /** Tickets opened in the range and their SLA breaches (worker/domain/ticket-stats.ts). */
  tickets: ticketBreachCountsSchema,
});
export type Analytics = z.infer<typeof analyticsSchema>;
type Figures = z.infer<typeof figuresSchema>;

interface Row {
  created_at: number;
  channel: string;
  status: string;
  prompt_tokens: number;
  completion_tokens: number;
  cost_cents: number;
  messages: number;
  bookings: number;
  escalations: number;
  first_user_at: number;
  first_staff_at: number | null;
  csat_score: number | null;
  intent: string | null;
}

const ratio = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : 0);

function figures(rows: Row[]): Figures {
  const replies = rows.filter((r) => r.first_staff_at !== null && r.first_staff_at >= r.first_user_at);
  const rated = rows.filter((r) => r.csat_score !== null);
  const byChannel: Record<string, number> = {};
  for (const r of rows) byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1;
  const sum = (f: (r: Row) => number) => rows.reduce((total, r) => total + f(r), 0);
  return {
    conversations: rows.length,
    messages: sum((r) => r.messages),
    prompt_tokens: sum((r) => r.prompt_tokens),
    completion_tokens: sum((r) => r.completion_tokens),
    cost_cents: Math.round(sum((r) => r.cost_cents) * 10_000) / 10_000,
    bookings: sum((r) => r.bookings),
    booking_conversion: ratio(rows.filter((r) => r.bookings > 0).length, rows.length),
    resolution_rate: ratio(rows.filter((r) => r.status === 'resolved').length, rows.length),
    escalation_rate: ratio(rows.filter((r) => r.status === 'escalated' || r.escalations > 0).length, rows.length),
    first_staff_reply_seconds: replies.length ? Math.round(replies.reduce((t, r) => t + (r.first_staff_at! - r.first_user_at), 0) / replies.length / 1000) : null,
    csat_average: rated.length ? Math.round((rated.reduce((t, r) => t + r.csat_score!, 0) / rated.length) * 100) / 100 : null,
    csat_count: rated.length,
    by_channel: byChannel,
  };
}

/** Intents of the analysed conversations, most frequent first (ties by name). */
function topIntents(rows: Row[]): Analytics['top_intents'] {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.intent) counts.set(r.intent, (counts.get(r.intent) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).slice(0, 10).map(([intent, conversations]) => ({ intent, conversations }));
}

/**
 * One range query on interactions(created_at, channel) with correlated counts per interaction (each on
 * messages' (interaction_id, seq) or bookings' interaction index). Exported for bench/analytics.mjs, which
 * checks its plan with EXPLAIN QUERY PLAN on 10,000 seeded interactions.
 */
export const ANALYTICS_QUERY = `SELECT i.created_at, i.channel, i.status, i.prompt_tokens, i.completion_tokens, i.cost_cents, i.csat_score, i.intent,
         (SELECT count(*) FROM messages m WHERE m.interaction_id = i.id AND (m.role IN ('user', 'staff') OR (m.role = 'assistant' AND m.tool_name IS NULL))) AS messages,
         (SELECT count(*) FROM bookings b WHERE b.interaction_id = i.id) AS bookings,
         (SELECT count(*) FROM messages m WHERE m.interaction_id = i.id AND m.role = 'tool' AND m.tool_name = 'request_human') AS escalations,
         (SELECT min(m.created_at) FROM messages m WHERE m.interaction_id = i.id AND m.role = 'user') AS first_user_at,
         (SELECT min(m.created_at) FROM messages m WHERE m.interaction_id = i.id AND m.role = 'staff') AS first_staff_at
       FROM interactions i
       WHERE i.created_at >= ?1 AND i.created_at < ?2 AND (?3 IS NULL OR i.channel = ?3) AND i.channel IN ('chat', 'voice')
         AND EXISTS (SELECT 1 FROM messages m WHERE m.interaction_id = i.id AND m.role = 'user')`;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * @example await getAnalytics(staffCtx, { from: '2030-03-01', to: '2030-03-07', channel: 'chat' })
 */
export async function getAnalytics(ctx: DomainContext, input: { from?: string | undefined; to?: string | undefined; channel?: (typeof ANALYTICS_CHANNELS)[number] | undefined }): Promise<Analytics> {
  requireRole(ctx.actor, 'staff', 'admin');
  const today = toZoned(ctx.now(), ctx.timeZone).date;
  const to = input.to ?? today;
  const from = input.from ?? addDays(to, -29);
  for (const [name, value] of [['from', from], ['to', to]] as const) if (!LOCAL_DATE.test(value) || Number.isNaN(Date.parse(value))) throw invalidInput(`${name} must be a date, YYYY-MM-DD`);
  if (from > to) throw invalidInput('from must not be after to');
  if (addDays(from, MAX_ANALYTICS_DAYS - 1) < to) throw invalidInput(`at most ${MAX_ANALYTICS_DAYS} days at a time`);
  const start = startOfDay(from, ctx.timeZone);
  const end = startOfDay(addDays(to, 1), ctx.timeZone);
  const channel = input.channel ?? null;
  const { results } = await ctx.d1
    .prepare(ANALYTICS_QUERY)
    .bind(start, end, channel)
    .all<Row>();
  const byDay = new Map<string, Row[]>();
  for (let day = from; day <= to; day = addDays(day, 1)) byDay.set(day, []);
  for (const row of results) byDay.get(toZoned(row.created_at, ctx.timeZone).date)?.push(row);
  return {
    from,
    to,
    time_zone: ctx.timeZone,
    channel,
    totals: figures(results),
    top_intents: topIntents(results),
    days: [...byDay].map(([date, rows]) => ({ date, ...figures(rows) })),
    tickets: await ticketBreachCounts(ctx, { start, end, channel }),
  };
}
