/**
 * The staff API's response shapes as the console reads them. The wire protocol
 * of a session (events, transcript messages, subprotocols) is imported from
 * worker/protocol/chat.ts, never copied; these are only the REST bodies the
 * console consumes, and only the fields it shows.
 */
import { SESSION_STATUSES, type ServerEvent, type SessionMode, type SessionStatus, type TranscriptMessage } from '../../worker/protocol/chat';

export type { SessionMode };

export type ConversationStatus = SessionStatus;
export const CONVERSATION_STATUSES: readonly ConversationStatus[] = SESSION_STATUSES;

/** GET /api/v1/conversations → { conversations: ConversationSummary[] } (escalated first). */
export interface ConversationSummary {
  number: string;
  session_id: string;
  channel: string;
  status: ConversationStatus | string;
  customer_name: string | null;
  customer_email: string | null;
  created_at: string;
  updated_at: string;
  prompt_tokens: number;
  completion_tokens: number;
  cost_cents: number;
  last_message: string | null;
}

/** GET /api/v1/chat/session/:id as staff. */
export interface SessionDetail {
  session_id: string;
  interaction_number: string;
  owner_subject?: string;
  status: string;
  greeting?: string;
  created_at: string;
  messages: StaffTranscriptMessage[];
  last_event_id: number;
  /** Insights, once staff resolved the conversation (null before). */
  summary?: string | null;
  sentiment?: number | null;
  sentiment_label?: string | null;
  intent?: string | null;
  category?: string | null;
  outcome?: string | null;
  mode?: SessionMode;
  agent?: string;
}

/** A transcript message; staff messages may name the agent who wrote them. */
export type StaffTranscriptMessage = TranscriptMessage & { agent?: string };

/** Session events as a staff socket sees them (the shared protocol, mode and waiting_for_staff included). */
export type ConsoleEvent = ServerEvent;

/** The part of a booking (GET /api/v1/bookings, BookingView) the side panel shows. */
export interface BookingItem {
  number: string;
  status: string;
  service: { name: string };
  employee: { name: string };
  customer: { name: string; phone: string | null; email: string | null };
  address: string;
  /** Local ISO 8601 with offset, in the business time zone. */
  start: string;
  end: string;
  price_cents: number;
}

export interface BookingList {
  bookings: BookingItem[];
  limit: number;
  offset: number;
  has_more: boolean;
}

export type { PublicConfig } from '../../worker/protocol/config';
