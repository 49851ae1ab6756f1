/**
 * Handing a conversation to a person: a high-priority ticket linked to the
 * interaction, and the interaction marked `escalated` so the staff queue shows it.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireUser } from '../auth/principal';
import { interactions } from '../db/schema';
import type { DomainContext } from './context';
import { openTicket } from './tickets';

export const handoffResultSchema = z.object({
  ticket_number: z.string().describe('The high-priority ticket opened for the handoff; tell it to the user.'),
  status: z.literal('escalated'),
  message: z.string(),
});
export type HandoffResult = z.infer<typeof handoffResultSchema>;

/**
 * Asks for a human to take over the current conversation.
 * @example await requestHuman(ctx, { reason: 'Customer wants to discuss a refund' });
 */
export async function requestHuman(ctx: DomainContext, input: { reason: string; emergency?: boolean | undefined }): Promise<HandoffResult> {
  const user = requireUser(ctx.actor);
  const ticket = await openTicket(ctx, {
    // An emergency (gas, flooding, sparks, no heat with someone at risk) is the on-call team's: urgent, said so first.
    subject: `${input.emergency ? 'EMERGENCY: on-call requested' : 'Handoff requested'}${user.name ? ` by ${user.name}` : ''}`.slice(0, 200),
    description: input.reason,
    priority: input.emergency ? 'urgent' : 'high',
  });
  if (ctx.interactionId !== undefined) {
    await ctx.db.update(interactions).set({ status: 'escalated', updatedAt: ctx.now() }).where(eq(interactions.id, ctx.interactionId));
  }
  return { ticket_number: ticket.number, status: 'escalated', message: 'A member of the team has been asked to join.' };
}
