/**
 * "Ask the data" (#14): a staff member's plain-language question about the business, answered through
 * the read-only figures tools (`get_booking_stats`, `get_analytics`, `list_services`) under their own
 * token — never generated SQL — with every tool call and its result returned as the figures used.
 * With a model key the configured model chooses the calls; without one (or if the model fails) the
 * offline reader (./read.ts) maps the documented question shapes to one call and words the answer.
 */
import { z } from 'zod';
import { requireRole } from '../../auth/principal';
import type { Analytics } from '../../domain/analytics';
import type { BookingStats } from '../../domain/booking-stats';
import type { DomainContext } from '../../domain/context';
import { employees } from '../../db/schema';
import { eq } from 'drizzle-orm';
import { listServices } from '../../domain/services';
import { toZoned } from '../../lib/zoned-time';
import { findTool } from '../../tools/catalog';
import { DomainError } from '../../domain/errors';
import { executeTool, fieldErrors, type AnyTool, type ToolResult } from '../../tools/registry';
import { createChatModel, type ModelEnv } from '../factory';
import { runTurn } from '../loop';
import { money } from '../offline/replies';
import { readQuestion, type Plan } from './read';

export const askInputSchema = z.object({ question: z.string().trim().min(3, 'Ask a question of at least 3 characters').max(500) });

export const ASK_TOOLS = ['get_booking_stats', 'get_analytics', 'list_services'] as const;

const figureSchema = z.object({
  tool: z.string(),
  input: z.unknown(),
  /** The tool's result as the registry returned it: `{ok: true, data}` or `{ok: false, error}`. */
  result: z.unknown(),
});
export type Figure = { tool: string; input: unknown; result: ToolResult };

export const askAnswerSchema = z.object({
  question: z.string(),
  answer: z.string(),
  /** Every tool call made for the answer, with its input and result: the figures the answer quotes. */
  figures: z.array(figureSchema),
  answered_by: z.enum(['offline', 'model']),
  /** False when the question was of no shape the offline reader knows (the answer says what it can answer). */
  understood: z.boolean(),
});
export type AskAnswer = Omit<z.infer<typeof askAnswerSchema>, 'figures'> & { figures: Figure[] };

/** What the offline reader can be asked, as the answer to a question it could not read. */
export const ASK_EXAMPLES = [
  'How many plumbing bookings last week?',
  'Which technician has the most jobs tomorrow?',
  'What was our booking conversion this month?',
  'Most popular services in the last 30 days?',
  'Revenue from bookings made yesterday?',
  'How many voice calls this week?',
  'Average CSAT last month?',
];

const pct = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const span = (p: { from: string; to: string }) => (p.from === p.to ? p.from : `${p.from} to ${p.to}`);

/**
 * @example await askTheData(staffCtx, env, { question: 'how many plumbing bookings last week?' })
 */
export async function askTheData(ctx: DomainContext, env: ModelEnv, body: unknown): Promise<AskAnswer> {
  requireRole(ctx.actor, 'staff', 'admin');
  const parsed = askInputSchema.safeParse(body);
  if (!parsed.success) throw new DomainError('invalid_input', 'Invalid request body', fieldErrors(parsed.error));
  const { question } = parsed.data;
  if (env.OPENAI_API_KEY) {
    const viaModel = await askModel(ctx, env, question);
    if (viaModel) return viaModel;
  }
  return askOffline(ctx, question);
}

async function askOffline(ctx: DomainContext, question: string): Promise<AskAnswer> {
  const today = toZoned(ctx.now(), ctx.timeZone).date;
  const [{ services }, techs] = await Promise.all([
    listServices(ctx),
    ctx.db.select({ name: employees.name }).from(employees).where(eq(employees.active, true)),
  ]);
  const plan = readQuestion(question, today, services, techs.map((t) => t.name));
  if (!plan) {
    return {
      question,
      answer: `I can answer questions about bookings and conversations from the figures, for example: ${ASK_EXAMPLES.map((e) => `“${e}”`).join(', ')}`,
      figures: [],
      answered_by: 'offline',
      understood: false,
    };
  }
  const result = await executeTool(findTool(plan.tool)!, ctx, plan.input, 'rest');
  const figures = [{ tool: plan.tool, input: plan.input, result }];
  if (!result.ok) return { question, answer: `I couldn't get those figures: ${result.error.message}`, figures, answered_by: 'offline', understood: true };
  return { question, answer: word(plan, result.data), figures, answered_by: 'offline', understood: true };
}

/** The answer in one or two sentences, quoting the figures the tool returned. */
function word(plan: Plan, data: unknown): string {
  const when = `${plan.period.label} (${span(plan.period)})`;
  if (plan.tool === 'get_analytics') {
    const t = (data as Analytics).totals;
    const of = `of ${plural(t.conversations, 'conversation')}`;
    switch (plan.metric) {
      case 'conversations':
        return `${plural(t.conversations, plan.input.channel === 'voice' ? 'voice conversation' : 'conversation')} ${when}${plan.input.channel ? '' : ` (chat ${t.by_channel.chat ?? 0}, voice ${t.by_channel.voice ?? 0})`}.`;
      case 'messages':
        return `${plural(t.messages, 'message')} in ${plural(t.conversations, 'conversation')} ${when}.`;
      case 'booking_conversion':
        return `Booking conversion ${when}: ${pct(t.booking_conversion)} ${of} ended with a booking (${plural(t.bookings, 'booking')} in all).`;
      case 'resolution_rate':
        return `Resolution rate ${when}: ${pct(t.resolution_rate)} ${of}.`;
      case 'escalation_rate':
        return `Escalation rate ${when}: ${pct(t.escalation_rate)} ${of} were handed to a person.`;
      case 'first_staff_reply_seconds':
        return t.first_staff_reply_seconds === null ? `Staff replied in none of the ${plural(t.conversations, 'conversation')} ${when}.` : `Staff's first reply came after ${Math.round(t.first_staff_reply_seconds / 60)} min on average (${t.first_staff_reply_seconds} s) ${when}.`;
      case 'csat_average':
        return t.csat_average === null ? `No conversation was rated ${when}.` : `Average CSAT ${when}: ${t.csat_average} out of 5, from ${plural(t.csat_count, 'rating')}.`;
      case 'cost_cents':
        return `Model cost ${when}: ${money(Math.round(t.cost_cents)) === 'free' ? '$0' : money(Math.round(t.cost_cents))} for ${t.prompt_tokens + t.completion_tokens} tokens (${t.prompt_tokens} in, ${t.completion_tokens} out).`;
    }
  }
  const stats = data as BookingStats;
  const status = plan.input.status ? `${plan.input.status} ` : '';
  const what = `${status}${plan.subject ? `${plan.subject} ` : ''}`;
  const dated = stats.date_field === 'booked' ? `booked ${when}` : `${when}`;
  const value = (cents: number) => (cents ? money(cents) : '$0');
  if (plan.ask === 'top' && stats.groups) {
    if (stats.groups.length === 0) return `No ${what}bookings ${dated}.`;
    const [top, ...rest] = stats.groups;
    const lead = plan.input.group_by === 'day' ? `The busiest day ${when} is ${top!.key}` : `${top!.key} leads ${when}`;
    const then = rest.slice(0, 4).map((g) => `${g.key} ${g.count}`).join(', ');
    return `${lead} with ${plural(top!.count, 'booking')} (${value(top!.value_cents)})${then ? `; then ${then}` : ''}. ${plural(stats.total, `${what}booking`)} in all.`;
  }
  if (plan.ask === 'value') return `${plural(stats.total, `${what}booking`)} ${dated}, worth ${value(stats.value_cents)} at list price.`;
  return `${plural(stats.total, `${what}booking`)} ${dated}${stats.total ? `, worth ${value(stats.value_cents)}` : ''}.`;
}

/** The model's answer, or undefined when the model failed (the offline reader answers instead). */
async function askModel(ctx: DomainContext, env: ModelEnv, question: string): Promise<AskAnswer | undefined> {
  const tools = ASK_TOOLS.map((name) => findTool(name)).filter((t): t is AnyTool => !!t);
  const figures: Figure[] = [];
  const results = new Map<string, ToolResult>();
  const today = toZoned(ctx.now(), ctx.timeZone).date;
  const outcome = await runTurn({
    model: createChatModel(env),
    messages: [
      {
        role: 'system',
        content:
          `You answer ${env.BUSINESS_NAME} staff's questions about their business data. Today is ${today} (${ctx.timeZone}); weeks run Monday to Sunday. ` +
          'Use only the tools for figures, never guess or compute figures the tools did not return, and quote the figures and the dates they cover. ' +
          'Money is in cents in tool results: write dollars. Answer in one to three sentences.',
      },
      { role: 'user', content: question },
    ],
    tools,
    ctx,
    store: { get: (id, tool) => results.get(`${id}:${tool}`), put: (id, tool, r) => void results.set(`${id}:${tool}`, r) },
    hooks: {
      onTextDelta() {},
      onToolStarted() {},
      onToolFinished(call, result) {
        let input: unknown = call.arguments;
        try {
          input = JSON.parse(call.arguments);
        } catch {
          // Kept as the model wrote it: the figure shows what was asked.
        }
        figures.push({ tool: call.name, input, result });
      },
      onMessage() {},
    },
    maxRounds: 4,
  });
  if (outcome.failure) return undefined;
  return { question, answer: outcome.text, figures, answered_by: 'model', understood: true };
}
