/**
 * The chat wire protocol: every event a session sends (over WebSocket, SSE or
 * NDJSON) and every frame a client may send, as discriminated unions on `type`.
 * Shared by the Worker, the session Durable Object and the widget, so both
 * ends are checked by the same compiler. Send sites use `satisfies`.
 */

/** A message of the transcript as clients see it (tool plumbing left out). */
export interface TranscriptMessage {
  seq: number;
  role: 'user' | 'assistant' | 'staff';
  content: string;
  created_at: string;
  /** Knowledge-base articles the reply was based on. */
  sources?: Source[];
  /** Set on replies of the built-in offline model. */
  offline?: boolean;
  /** On user messages: the id the client sent it with, so it can match its own echo. */
  client_id?: string;
  /** On replies: what booking tools returned in that turn (confirmation cards). */
  bookings?: unknown[];
}

export interface Source {
  id: number;
  title: string;
}

export interface FunctionCallSummary {
  call_id: string;
  name: string;
  ok: boolean;
  /** Error code when `ok` is false. */
  error?: string;
}

/**
 * What a turn cost the session in round trips, up to its reply: D1 calls and Durable Object storage
 * operations on the reply's path, and those of the session's previous turn made after its reply (the
 * outbox flush, the alarm). Sent only where the SERVER_TIMING var is "true" (dev, bench).
 */
export interface TurnOps {
  d1: number;
  storage: number;
  /** The previous turn's work after its reply, when there was one. */
  after_reply?: { d1: number; storage: number };
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

/**
 * A conversation's status, the same in the session object, in D1 (`interactions.status`), in the
 * staff queue's filter and on the wire: open, escalated (a person is needed or has it), abandoned
 * (idle past SESSION_IDLE_MINUTES), resolved (staff resolved it, or it ended). Which of the two a
 * resolved conversation is, the `reopens` field of the `session` event (and of the transcript) says.
 */
export const SESSION_STATUSES = ['open', 'escalated', 'abandoned', 'resolved'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Who answers the customer: the AI agent, or a person who took the conversation over. */
export type SessionMode = 'ai' | 'human';

/** What a session emits; `id` is a per-session sequence clients resume from. */
export type SessionEvent =
  | {
      type: 'session';
      session_id: string;
      interaction_number: string;
      status: SessionStatus;
      /** Who answers now (on takeover/handback, on connect, and on status changes); absent on events stored before modes existed. */
      mode?: SessionMode;
      /** Subject of the staff member in charge, while `mode` is 'human'. */
      agent?: string;
      /**
       * While `status` is 'resolved': whether the customer rated this resolution (POST …/csat). A client asks
       * for a rating when it sees `rated: false`; a session event with `rated: true` follows a rating, so
       * another tab stops asking. Absent on other statuses.
       */
      rated?: boolean;
      /**
       * While `status` is 'resolved': true when staff resolved it (POST …/resolve), so the conversation is still
       * open for writing and the customer's next message reopens it (status 'open' again); false when it ended for
       * good (POST …/end: a new message is refused with a conflict, the client offers a new conversation). Absent
       * on other statuses, and on events stored before the field existed (read as false).
       */
      reopens?: boolean;
    }
  | { type: 'message'; message: TranscriptMessage }
  | { type: 'turn_started'; turn_id: string }
  | { type: 'text_delta'; turn_id: string; delta: string }
  | { type: 'tool_started'; turn_id: string; call_id: string; name: string; label: string }
  | { type: 'tool_finished'; turn_id: string; call_id: string; name: string; ok: boolean; error?: string; data?: unknown }
  | {
      type: 'turn_done';
      turn_id: string;
      message: TranscriptMessage;
      function_calls: FunctionCallSummary[];
      usage: Usage;
      offline: boolean;
      ops?: TurnOps;
    }
  /** A customer's message was stored while staff has the conversation: no AI turn runs; a person will answer. */
  | { type: 'waiting_for_staff'; turn_id: string }
  | { type: 'error'; code: string; message: string };

export type ServerEvent = SessionEvent & { id: number };

/** Frames a client may send on the session WebSocket. */
export type ClientFrame =
  | { type: 'message'; text: string; client_id?: string }
  | { type: 'resume'; last_event_id: number };

/** Longest message a customer or staff member may send (characters, after trimming); longer is a 413 or an error event. */
export const MAX_MESSAGE_CHARS = 4000;
/** Largest frame a client may send on the session WebSocket (characters of JSON). */
export const MAX_FRAME_BYTES = 8 * 1024;

/** The subprotocol a client offers (first) and the server selects. */
export const CHAT_SUBPROTOCOL = 'switchboard.chat.v1';
/** Prefix of the second subprotocol entry, which carries the bearer token. */
export const TOKEN_SUBPROTOCOL_PREFIX = 'bearer.';

/**
 * Close code and reason of a socket (chat or voice) whose token expired: the server
 * closes it when the token's `exp` passes (a frame after that is never processed).
 * Reconnecting needs a fresh token; the same one is refused (401).
 */
export const CLOSE_TOKEN_EXPIRED = { code: 4001, reason: 'token_expired' } as const;
/**
 * Close code and reason of a socket the server asks to reconnect (1012, "service restart"):
 * it was opened before the server recorded its token's expiry. Reconnect with the same token.
 */
export const CLOSE_RECONNECT = { code: 1012, reason: 'reconnect' } as const;

/**
 * Tools whose successful results are bookings the client shows as confirmation cards: their data
 * rides on `tool_finished` (and voice's), and on the reply after them (`TranscriptMessage.bookings`).
 */
export const BOOKING_CARD_TOOLS: readonly string[] = ['create_booking', 'reschedule_booking', 'update_booking_details', 'cancel_booking'];

/** Human label of a tool call, shown while it runs ("Checking availability…"). */
export function toolLabel(name: string): string {
  const labels: Record<string, string> = {
    list_services: 'Looking up services',
    check_availability: 'Checking availability',
    create_booking: 'Booking your appointment',
    get_booking: 'Looking up your booking',
    list_bookings: 'Looking up bookings',
    cancel_booking: 'Cancelling the booking',
    reschedule_booking: 'Rescheduling the booking',
    update_booking_details: 'Correcting the booking',
    request_booking_code: 'Sending a verification code',
    verify_booking_code: 'Checking the code',
    search_knowledge_base: 'Searching the knowledge base',
    get_kb_article: 'Reading an article',
    open_ticket: 'Opening a ticket',
    request_human: 'Connecting you with a person',
  };
  return `${labels[name] ?? `Running ${name.replaceAll('_', ' ')}`}…`;
}
