/**
 * The staff API's response shapes as the console reads them. The wire protocol
 * of a session (events, transcript messages, subprotocols) is imported from
 * worker/protocol/chat.ts, never copied; the REST bodies are the types of the
 * zod schemas the Worker validates and documents with (worker/protocol/api.ts,
 * type-only imports, so no zod reaches the bundle), under the names the console uses.
 */
import type { BookingList, BookingView, ConversationView, SessionTranscriptBody } from '../../worker/protocol/api';
import { SESSION_STATUSES, type ServerEvent, type SessionMode, type SessionStatus, type TranscriptMessage } from '../../worker/protocol/chat';

export type { SessionMode };

export type ConversationStatus = SessionStatus;
export const CONVERSATION_STATUSES: readonly ConversationStatus[] = SESSION_STATUSES;

/** GET /api/v1/conversations → { conversations: ConversationSummary[] } (escalated first). */
export type ConversationSummary = ConversationView;

/**
 * GET /api/v1/chat/session/:id as staff. `agent` is `string | null` on the wire; conversation.ts still
 * stores it as `string | undefined` (a null reads as "no agent" there), so it is narrowed here until that
 * file reads `detail.agent ?? undefined` (left to the console split under way).
 */
export type SessionDetail = Omit<SessionTranscriptBody, 'messages' | 'agent'> & { messages: StaffTranscriptMessage[]; agent?: string };

/** A transcript message; staff messages may name the agent who wrote them. */
export type StaffTranscriptMessage = TranscriptMessage & { agent?: string };

/** Session events as a staff socket sees them (the shared protocol, mode and waiting_for_staff included). */
export type ConsoleEvent = ServerEvent;

/** A booking (GET /api/v1/bookings): the domain's BookingView. */
export type BookingItem = BookingView;
export type { BookingList };

export type { PublicConfig } from '../../worker/protocol/config';

/** GET /api/v1/business (admins): the domain's view of everything the Business page edits. */
export type { BusinessSettings, EmployeeAdminView } from '../../worker/protocol/business';
