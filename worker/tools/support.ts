/** Tools about conversations themselves: handing one to a person, and the staff queue of them. */
import { z } from 'zod';
import { CONVERSATION_CHANNELS, CONVERSATION_STATUSES, listConversations, MAX_CONVERSATIONS } from '../domain/conversations';
import { conversationListSchema } from '../protocol/api';
import { ANALYTICS_CHANNELS, analyticsSchema, getAnalytics } from '../domain/analytics';
import { bookingStats, bookingStatsInput, bookingStatsSchema } from '../domain/booking-stats';
import { handoffResultSchema, requestHuman } from '../domain/handoff';
import { defineTool, type AnyTool } from './registry';

const requestHumanTool = defineTool({
  name: 'request_human',
  title: 'Ask for a person',
  description:
    'Hand this conversation to a member of staff: use it when the customer asks for a person, is upset, or needs something ' +
    'you cannot do with your tools. Opens a high-priority ticket linked to the conversation and returns its number.',
  category: 'support',
  access: ['customer', 'staff', 'admin'],
  input: z.object({
    reason: z.string().min(1).max(2000).describe('Why a person is needed, in one or two sentences, in the customer’s words.'),
    emergency: z.boolean().optional().describe('True for a safety emergency (gas smell, flooding, sparks, no heat with someone at risk): the on-call team gets an urgent ticket.'),
  }),
  output: handoffResultSchema,
  annotations: { readOnly: false, destructive: false, idempotent: false },
  example: { reason: 'Customer wants to talk about a billing dispute.' },
  handler: (ctx, input) => requestHuman(ctx, input),
});

const listConversationsTool = defineTool({
  name: 'list_conversations',
  title: 'List conversations',
  description:
    'Staff only: list customer conversations (chat and voice sessions) for the support queue, escalated ones first, then the ' +
    'most recently active. Each has its interaction number, session id, status, customer, token usage and a preview of the ' +
    'latest message. Filter by status or channel.',
  category: 'support',
  access: ['staff', 'admin'],
  input: z.object({
    status: z.enum(CONVERSATION_STATUSES).optional().describe('Only conversations in this status: open, escalated, abandoned or resolved.'),
    channel: z.enum(CONVERSATION_CHANNELS).optional().describe('Only chat or only voice conversations.'),
    // Coerced: over REST a GET's query values arrive as strings.
    limit: z.coerce.number().int().min(1).max(MAX_CONVERSATIONS).optional().describe('How many to return (default 50, at most 200).'),
  }),
  output: conversationListSchema,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  example: { status: 'escalated', limit: 20 },
  handler: (ctx, input) => listConversations(ctx, input),
});

const getAnalyticsTool = defineTool({
  name: 'get_analytics',
  title: 'Conversation analytics',
  description:
    'Staff only: figures per local day and in total for conversations that began between from and to (dates, default the last ' +
    '30 days): conversations (once the customer wrote), messages, tokens, cost in cents, bookings made in them, booking conversion, ' +
    'resolution and escalation rates, mean seconds to a first staff reply, and counts by channel. Quote the figures you use.',
  category: 'support',
  access: ['staff', 'admin'],
  input: z.object({
    from: z.string().trim().max(10).optional().describe('First day, YYYY-MM-DD, in the business time zone.'),
    to: z.string().trim().max(10).optional().describe('Last day, YYYY-MM-DD (default today).'),
    channel: z.enum(ANALYTICS_CHANNELS).optional().describe('Only chat or only voice conversations.'),
  }),
  output: analyticsSchema,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  example: { from: '2030-03-01', to: '2030-03-07' },
  handler: (ctx, input) => getAnalytics(ctx, input),
});

const getBookingStatsTool = defineTool({
  name: 'get_booking_stats',
  title: 'Booking figures',
  description:
    'Staff only: count and value (cents) of bookings between two local days, by visit or booking day; filter by service, ' +
    'category, technician or status (default: not cancelled); group by one of them or day. Quote the figures you use.',
  category: 'support',
  access: ['staff', 'admin'],
  input: bookingStatsInput,
  output: bookingStatsSchema,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  example: { from: '2030-03-04', to: '2030-03-10', category: 'Plumbing', group_by: 'service' },
  handler: (ctx, input) => bookingStats(ctx, input),
});

export const supportTools: AnyTool[] = [requestHumanTool, listConversationsTool, getAnalyticsTool, getBookingStatsTool];
