/**
 * The HTTP API's bodies as zod schemas, declared once: the routes validate requests with them, the
 * domain returns the views they describe (`z.infer` is the view type), the OpenAPI document
 * (worker/http/openapi/) is written from them, and the staff console takes its types from them
 * (`import type` only, so no zod reaches a browser bundle). Zod and leaf modules only: the console's
 * compiler reads this file too.
 *
 * Where a shape is also a TypeScript interface of the session object's RPC contract
 * (protocol/session.ts, protocol/chat.ts), `Agrees` below makes the compiler hold the two together.
 */
import { z } from 'zod';
import { BOOKING_STATUSES, INTERACTION_STATUSES } from '../db/schema';
import { ERROR_STATUS, type ErrorCode } from '../domain/errors';
import { MAX_MESSAGE_CHARS, SESSION_STATUSES, type FunctionCallSummary, type TranscriptMessage } from './chat';
import type { ModeChange, SessionInfo, SessionTranscript } from './session';

/** True when A and B are the same type (each assignable to the other); a false fails the build below. */
type Agrees<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

// ---- errors ------------------------------------------------------------------------------------------

const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** The one error body (worker/http/errors.ts `errorResponse`). */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES).describe('Machine-readable: what kind of failure (its HTTP status follows from it).'),
    message: z.string().describe('A sentence for people.'),
    details: z.unknown().optional().describe('Facts a client can act on, e.g. field errors `{ field: message }` or `{ retry_after }`.'),
  }),
  request_id: z.string().describe('The X-Request-Id of this request, for support.'),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

// ---- views the domain returns ------------------------------------------------------------------------

/** A booking as callers see it, with its service, technician and customer. */
export const bookingViewSchema = z.object({
  number: z.string().describe('BK-YYYY-NNNNNN'),
  status: z.enum(BOOKING_STATUSES),
  service: z.object({ slug: z.string(), name: z.string(), category: z.string() }),
  employee: z.object({ id: z.int(), name: z.string() }),
  customer: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
  address: z.string(),
  start: z.string().describe('Local ISO 8601 with offset, in the business time zone.'),
  end: z.string().describe('Local ISO 8601 with offset, in the business time zone.'),
  starts_at: z.string().describe('UTC, ISO 8601.'),
  ends_at: z.string().describe('UTC, ISO 8601.'),
  price_cents: z.int(),
  notes: z.string().nullable(),
  interaction_id: z.int().nullable(),
  created_at: z.string().describe('UTC, ISO 8601.'),
});
export type BookingView = z.infer<typeof bookingViewSchema>;

/** One page of bookings; `has_more` says whether another page follows at `offset + limit`. */
export const bookingListSchema = z.object({
  bookings: z.array(bookingViewSchema),
  limit: z.int(),
  offset: z.int(),
  has_more: z.boolean(),
});
export type BookingList = z.infer<typeof bookingListSchema>;

/** A conversation in the staff queue (GET /api/v1/conversations). */
export const conversationViewSchema = z.object({
  number: z.string().describe('INT-YYYY-NNNNN'),
  session_id: z.string().describe('The chat session id: open it with /api/v1/chat/session/:id (and its WebSocket) to watch or take over.'),
  channel: z.enum(['chat', 'voice', 'mcp']),
  status: z.enum(INTERACTION_STATUSES),
  customer_name: z.string().nullable(),
  customer_email: z.string().nullable(),
  created_at: z.string().describe('ISO 8601'),
  updated_at: z.string().describe('ISO 8601'),
  prompt_tokens: z.int(),
  completion_tokens: z.int(),
  cost_cents: z.number(),
  last_message: z.string().nullable().describe('The latest customer, assistant or staff message, cut to 200 characters.'),
});
export type ConversationView = z.infer<typeof conversationViewSchema>;

export const conversationListSchema = z.object({ conversations: z.array(conversationViewSchema) });
export type ConversationList = z.infer<typeof conversationListSchema>;

// ---- chat sessions -----------------------------------------------------------------------------------

/** A message's text as the chat routes read it (`validateMessage`: a non-empty string, at most MAX_MESSAGE_CHARS). */
const messageText = z
  .unknown()
  .meta({ type: 'string', minLength: 1, maxLength: MAX_MESSAGE_CHARS, description: `The message, 1 to ${MAX_MESSAGE_CHARS} characters after trimming (longer is a 413).` });

/** POST /api/v1/chat/session/new (and the compatibility POST /chat/sessions). */
export const newSessionBodySchema = z.object({
  customer_email: z.email().max(254).optional().describe("The visitor's email, if the site knows it (data, never a key to anyone's records)."),
  customer_name: z.string().trim().min(1).max(120).optional(),
  referrer_url: z.url().max(2000).optional().describe('The page the chat was opened on.'),
});

export const newSessionSchema = z.object({
  session_id: z.string(),
  interaction_number: z.string().describe('INT-YYYY-NNNNN'),
  token: z.string().describe('A customer JWT scoped to this session, valid 24 hours: the bearer of every later call.'),
  greeting: z.string(),
  timestamp: z.string().describe('ISO 8601'),
});
export type NewSession = z.infer<typeof newSessionSchema>;

/** POST /api/v1/chat/message. */
export const messageBodySchema = z.object({
  session_id: z.string().max(64),
  message: messageText,
  client_id: z.string().min(1).max(100).optional().describe('A client-chosen id; sending the same one again is refused (409), so a retry never answers twice.'),
});

/** A body that is only a message: POST /chat/session/:id/staff-message and the compatibility routes. */
export const textMessageBodySchema = z.object({ message: messageText });

/** POST /api/:user_id/chat (compatibility). */
export const userChatBodySchema = z.object({ conversation_id: z.string().max(64).optional().describe('Omit to start a conversation.'), message: messageText });

export const csatBodySchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
});

const sourceSchema = z.object({ id: z.int(), title: z.string() });
const functionCallSchema = z.object({ call_id: z.string(), name: z.string(), ok: z.boolean(), error: z.string().optional() });

/** A transcript message (protocol/chat.ts `TranscriptMessage`). */
export const transcriptMessageSchema = z.object({
  seq: z.int(),
  role: z.enum(['user', 'assistant', 'staff']),
  content: z.string(),
  created_at: z.string(),
  sources: z.array(sourceSchema).optional(),
  offline: z.boolean().optional(),
  client_id: z.string().optional(),
  bookings: z.array(z.unknown()).optional(),
});

/** A turn answered as one JSON object (without `Accept: text/event-stream`). */
export const turnReplySchema = z.object({
  response: z.string(),
  function_calls: z.array(functionCallSchema),
  tokens_used: z.object({ prompt_tokens: z.int(), completion_tokens: z.int(), total_tokens: z.int() }),
  sources: z.array(sourceSchema),
  offline: z.boolean().describe('True when the built-in offline model answered.'),
  bookings: z.array(z.unknown()).describe('What booking tools returned in this turn (confirmation cards).'),
  handled_by: z.enum(['ai', 'staff']).describe("'staff' when a person has the conversation: stored, no AI turn, empty response."),
});
export type TurnReply = z.infer<typeof turnReplySchema>;

export const sessionInfoSchema = z.object({
  session_id: z.string(),
  interaction_number: z.string(),
  owner_subject: z.string(),
  status: z.enum(SESSION_STATUSES),
  greeting: z.string(),
  created_at: z.string(),
});

export const sessionTranscriptSchema = sessionInfoSchema.extend({
  mode: z.enum(['ai', 'human']),
  agent: z.string().nullable().describe("The staff member who has the conversation, while mode is 'human'."),
  reopens: z
    .boolean()
    .describe("True while staff have resolved it (status 'resolved'): the customer can still write, and a new message reopens it. False otherwise, in particular once the conversation ended for good (…/end)."),
  messages: z.array(transcriptMessageSchema),
  summary: z.string().nullable(),
  sentiment: z.number().nullable(),
  sentiment_label: z.string().nullable(),
  intent: z.string().nullable(),
  category: z.string().nullable(),
  outcome: z.string().nullable(),
  csat: z.object({ score: z.int(), comment: z.string().nullable() }).nullable().describe("The customer's rating of the current resolution, or null before one."),
  last_event_id: z.int().describe("The latest event's id: a socket resumes after it (?last_event_id=)."),
});
export type SessionTranscriptBody = z.infer<typeof sessionTranscriptSchema>;

export const csatAnswerSchema = z.object({ session_id: z.string(), score: z.int(), comment: z.string().nullable() });

export const modeChangeSchema = z.union([
  z.object({ session_id: z.string(), mode: z.literal('human'), agent: z.string() }),
  z.object({ session_id: z.string(), mode: z.literal('ai') }),
]);

export const staffMessageAnswerSchema = z.object({ message: transcriptMessageSchema });

export const resolveAnswerSchema = z.object({
  session_id: z.string(),
  status: z.literal('resolved'),
  insights: z.object({
    summary: z.string(),
    sentiment: z.number(),
    sentiment_label: z.enum(['negative', 'neutral', 'positive']),
    intent: z.string(),
    category: z.string(),
    outcome: z.enum(['booked', 'answered', 'escalated', 'abandoned']),
    analysed_at: z.int(),
  }),
});

// ---- deployment --------------------------------------------------------------------------------------

/** GET /api/v1/config: what the widget and the console need to know before a session exists. */
export const publicConfigSchema = z.object({
  business_name: z.string(),
  timezone: z.string().describe("The business's IANA time zone (schedules, \"today\")."),
  voice: z.boolean().describe('Whether WebSocket /api/v1/chat/voice/call accepts calls here (VOICE_ENABLED is "true" and a realtime key is set).'),
  offline_model: z.boolean().describe('True when no provider key is set and the built-in offline model answers.'),
});

export const healthSchema = z.object({ status: z.literal('ok'), service: z.string(), time: z.string() });

// The compiler holds these schemas to the session object's contract: a field added on one side fails the build.
export type ContractChecks = [
  Holds<Agrees<z.infer<typeof sessionInfoSchema>, SessionInfo>>,
  Holds<Agrees<z.infer<typeof sessionTranscriptSchema>, SessionTranscript>>,
  Holds<Agrees<z.infer<typeof transcriptMessageSchema>, TranscriptMessage>>,
  Holds<Agrees<z.infer<typeof functionCallSchema>, FunctionCallSummary>>,
  Holds<Agrees<z.infer<typeof modeChangeSchema>, ModeChange>>,
];
