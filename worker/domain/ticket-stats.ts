/**
 * Ticket SLA figures for GET /analytics (#14): of the tickets opened in a time range, how many there
 * are, how many are still open or pending, and how many missed their first-response and resolution
 * targets (worker/domain/ticket-sla.ts) as of the context's clock. One indexed range query
 * (tickets by created_at) whose counts use the same conditions as list_tickets' `breached` filter.
 */
import { and, gte, inArray, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { interactions, tickets } from '../db/schema';
import type { DomainContext } from './context';
import { breachConditions, ticketSlaOf } from './ticket-sla';
import { firstResponseSql } from './tickets';

export const ticketBreachCountsSchema = z.object({
  opened: z.int(),
  unresolved: z.int(),
  first_response_breached: z.int(),
  resolution_breached: z.int(),
});
export type TicketBreachCounts = z.infer<typeof ticketBreachCountsSchema>;

/**
 * Tickets opened in [start, end) (epoch ms), only those of conversations on `channel` when given.
 * @example await ticketBreachCounts(staffCtx, { start, end, channel: null }) // { opened: 12, unresolved: 3, first_response_breached: 2, resolution_breached: 1 }
 */
export async function ticketBreachCounts(ctx: DomainContext, range: { start: number; end: number; channel: string | null }): Promise<TicketBreachCounts> {
  const b = breachConditions(
    ticketSlaOf(ctx),
    { priority: sql`${tickets.priority}`, createdAt: sql`${tickets.createdAt}`, firstResponseAt: firstResponseSql, resolvedAt: sql`${tickets.resolvedAt}` },
    ctx.now(),
  );
  const where = [gte(tickets.createdAt, range.start), lt(tickets.createdAt, range.end)];
  if (range.channel) where.push(inArray(tickets.interactionId, ctx.db.select({ id: interactions.id }).from(interactions).where(sql`${interactions.channel} = ${range.channel}`)));
  const row = await ctx.db
    .select({
      opened: sql<number>`count(*)`,
      unresolved: sql<number>`coalesce(sum(${tickets.status} IN ('open', 'pending')), 0)`,
      first_response_breached: sql<number>`coalesce(sum(${b.firstResponse}), 0)`,
      resolution_breached: sql<number>`coalesce(sum(${b.resolution}), 0)`,
    })
    .from(tickets)
    .where(and(...where))
    .get();
  return row ?? { opened: 0, unresolved: 0, first_response_breached: 0, resolution_breached: 0 };
}
