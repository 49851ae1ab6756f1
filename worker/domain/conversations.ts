/**
 * The staff queue: conversations (D1 `interactions`, one per chat session) with
 * their latest words, escalated ones first so a person sees who is waiting.
 * Staff only; customers follow their own conversation through its session.
 */
import { requireRole } from '../auth/principal';
import { INTERACTION_STATUSES } from '../db/schema';
import type { DomainContext } from './context';
import type { ConversationList, ConversationView } from '../protocol/api';

/** Statuses and channels the list can be filtered by (the contract of GET /api/v1/conversations). */
export const CONVERSATION_STATUSES = INTERACTION_STATUSES;
export const CONVERSATION_CHANNELS = ['chat', 'voice'] as const;
/** Longest `last_message` returned; the console shows a one-line preview. */
export const LAST_MESSAGE_CHARS = 200;
export const DEFAULT_CONVERSATIONS = 50;
export const MAX_CONVERSATIONS = 200;

export type { ConversationList, ConversationView };

interface Row {
  number: string;
  session_id: string;
  channel: ConversationView['channel'];
  status: ConversationView['status'];
  customer_name: string | null;
  customer_email: string | null;
  created_at: number;
  updated_at: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_cents: number;
  last_message: string | null;
}

/**
 * Conversations for the staff console: escalated first, then most recently active.
 * @example await listConversations(ctx, { status: 'escalated', limit: 20 });
 */
export async function listConversations(
  ctx: DomainContext,
  input: { status?: (typeof CONVERSATION_STATUSES)[number]; channel?: (typeof CONVERSATION_CHANNELS)[number]; limit?: number } = {},
): Promise<ConversationList> {
  requireRole(ctx.actor, 'staff', 'admin');
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (input.status) {
    where.push('i.status = ?');
    params.push(input.status);
  }
  if (input.channel) {
    where.push('i.channel = ?');
    params.push(input.channel);
  }
  const limit = Math.min(Math.max(input.limit ?? DEFAULT_CONVERSATIONS, 1), MAX_CONVERSATIONS);
  // Raw SQL: the correlated subquery for the latest message (by the session's own seq, tool plumbing
  // and assistant tool-call rows left out) reads more plainly than its drizzle form.
  const { results } = await ctx.d1
    .prepare(
      `SELECT i.number, i.session_id, i.channel, i.status, i.customer_name, i.customer_email, i.created_at, i.updated_at,
              i.prompt_tokens, i.completion_tokens, i.cost_cents,
              (SELECT substr(m.content, 1, ${LAST_MESSAGE_CHARS}) FROM messages m
                WHERE m.interaction_id = i.id AND m.role IN ('user', 'assistant', 'staff') AND m.tool_name IS NULL
                ORDER BY m.seq DESC LIMIT 1) AS last_message
         FROM interactions i
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY (i.status = 'escalated') DESC, i.updated_at DESC, i.id DESC
        LIMIT ?`,
    )
    .bind(...params, limit)
    .all<Row>();
  return {
    conversations: results.map((r) => ({
      number: r.number,
      session_id: r.session_id,
      channel: r.channel,
      status: r.status,
      customer_name: r.customer_name,
      customer_email: r.customer_email,
      created_at: new Date(r.created_at).toISOString(),
      updated_at: new Date(r.updated_at).toISOString(),
      prompt_tokens: r.prompt_tokens,
      completion_tokens: r.completion_tokens,
      cost_cents: r.cost_cents,
      last_message: r.last_message,
    })),
  };
}
