/**
 * The contract between the Worker and a session's Durable Object (ChatSession):
 * what its RPC methods take and answer, and the headers of a WebSocket upgrade
 * the Worker forwards to it. The Worker holds only the object's stub; this
 * module is what both sides agree on, so neither imports the other's internals.
 */
import type { UserPrincipal } from '../auth/principal';
import type { Result } from '../lib/result';
import type { FunctionCallSummary, ServerEvent, SessionMode, SessionStatus, Source, TranscriptMessage, TurnOps, Usage } from './chat';

/** Header the Worker sets (after verifying the token) when it forwards an upgrade: the caller's principal as JSON. */
export const PRINCIPAL_HEADER = 'x-switchboard-principal';
/** Header with the verified token's expiry (epoch ms), set next to PRINCIPAL_HEADER. */
export const TOKEN_EXPIRES_HEADER = 'x-switchboard-token-expires';

export interface OpenSessionInput {
  session_id: string;
  owner_subject: string;
  /** The claims of the owner's token (name, email, session scope): every AI turn acts as this customer. */
  owner?: UserPrincipal;
  customer_name?: string | undefined;
  customer_email?: string | undefined;
  referrer_url?: string | undefined;
}

export interface SessionInfo {
  session_id: string;
  interaction_number: string;
  owner_subject: string;
  status: SessionStatus;
  greeting: string;
  created_at: string;
}

/** `GET /api/v1/chat/session/:id`: the session, who answers it, and its transcript with the resume cursor. */
export interface SessionTranscript extends SessionInfo {
  mode: SessionMode;
  /** The staff member who has the conversation, while `mode` is 'human'. */
  agent: string | null;
  /**
   * True while staff have resolved it (status 'resolved'): still open for writing, the customer's next message
   * reopens it. False otherwise (in particular once it ended for good). The `session` event's field of that name.
   */
  reopens: boolean;
  messages: TranscriptMessage[];
  /** Conversation insights, once staff resolved it (null before): a short summary, sentiment −1…1 and its label, intent, category, outcome. */
  summary: string | null;
  sentiment: number | null;
  sentiment_label: string | null;
  intent: string | null;
  category: string | null;
  outcome: string | null;
  /** The customer's rating of the current resolution (POST …/csat), or null before one. */
  csat: { score: number; comment: string | null } | null;
  /** The id of the latest event: a client's socket resumes after it. */
  last_event_id: number;
}

/** Why the session refused a reader (transcript, end, a socket): unknown, or someone else's. */
export type AccessErrorCode = 'not_found' | 'forbidden';
export type AccessResult<T> = Result<T, AccessErrorCode, never>;

/**
 * Why `send` refused a message. `duplicate`: a message with this client id was already accepted (the
 * HTTP routes answer it as a 409 conflict; a socket ignores it, the client sees the first in the stream).
 * `rate_limited` carries `details.retry_after` (seconds).
 */
export type SendErrorCode = 'not_found' | 'forbidden' | 'rate_limited' | 'conflict' | 'duplicate';
export type SendResult = Result<{ turn_id: string; stream: ReadableStream<Uint8Array> }, SendErrorCode, { retry_after: number }>;

/** A whole turn, summed up for a plain JSON answer (`ChatSession.sendAndCollect`, or a stream read to its end). */
export interface TurnSummary {
  response: string;
  function_calls: FunctionCallSummary[];
  tokens_used: Usage & { total_tokens: number };
  sources: Source[];
  offline: boolean;
  requires_escalation: boolean;
  /** Data of booking tools that succeeded (for confirmation cards). */
  bookings: unknown[];
  /** 'staff' when a person has the conversation: the message was stored, no AI turn ran, and `response` is empty. */
  handled_by: 'ai' | 'staff';
  /** The turn's round trips, where the session reports them (SERVER_TIMING). */
  ops?: TurnOps;
}

/** What `sendAndCollect` answers: the turn's summary, a refusal of the message, or 'unavailable' when the turn failed. */
export type CollectResult = Result<TurnSummary, SendErrorCode | 'unavailable', { retry_after: number }>;

/**
 * Sums a turn's events up as they come (`add` is true once the turn is over), the same way wherever they are
 * read: in the session while its turn runs, or from a turn's NDJSON stream.
 * @example const b = new TurnSummaryBuilder(); for (const e of events) if (b.add(e)) break; b.result();
 */
export class TurnSummaryBuilder {
  private text = '';
  private readonly bookings: unknown[] = [];
  private outcome: Result<TurnSummary, 'unavailable', never> | undefined;

  add(event: ServerEvent): boolean {
    if (this.outcome) return true;
    if (event.type === 'text_delta') this.text += event.delta;
    if (event.type === 'tool_finished' && event.data !== undefined) this.bookings.push(event.data);
    if (event.type === 'error') this.outcome = { ok: false, error: { code: 'unavailable', message: event.message } };
    if (event.type === 'waiting_for_staff') {
      const none = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
      this.outcome = { ok: true, data: { response: '', function_calls: [], tokens_used: none, sources: [], offline: false, requires_escalation: true, bookings: [], handled_by: 'staff' } };
    }
    if (event.type === 'turn_done') {
      this.outcome = {
        ok: true,
        data: {
          response: event.message.content,
          function_calls: event.function_calls,
          tokens_used: { ...event.usage, total_tokens: event.usage.prompt_tokens + event.usage.completion_tokens },
          sources: event.message.sources ?? [],
          offline: event.offline,
          requires_escalation: event.function_calls.some((c) => c.name === 'request_human' && c.ok),
          bookings: this.bookings,
          handled_by: 'ai',
          ...(event.ops ? { ops: event.ops } : {}),
        },
      };
    }
    return this.outcome !== undefined;
  }

  /** The summary, or why there is none (the turn failed, or its events ended before it did). */
  result(): Result<TurnSummary, 'unavailable', never> {
    return this.outcome ?? { ok: false, error: { code: 'unavailable', message: this.text ? 'The reply was cut off' : 'The session ended the turn without a reply' } };
  }
}

export type StaffErrorCode = 'not_found' | 'forbidden' | 'conflict' | 'invalid_input';
export type StaffResult<T> = Result<T, StaffErrorCode, never>;

/** What takeover and handback answer. */
export type ModeChange = { session_id: string; mode: 'human'; agent: string } | { session_id: string; mode: 'ai' };
