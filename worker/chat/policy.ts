/**
 * Who may do what in a chat session. The session's Durable Object applies
 * these rules itself (so no route, socket or tool can skip them); the Worker
 * uses the same ones to answer early without a call to the object.
 */
import { isStaff, type Principal } from '../auth/principal';
import { fail, ok, type Result } from '../lib/result';

/**
 * The session's own customer (by session-scoped token or owning subject), or staff: who may read it
 * and follow its socket. Who may *send* it a message is narrower: staff may not (STAFF_SEND_REFUSAL).
 * @example if (!mayUseSession(principal, { session_id, owner_subject })) return forbidden;
 */
export function mayUseSession(principal: Principal, session: { session_id: string; owner_subject: string }): boolean {
  if (principal.kind !== 'user') return false;
  return principal.sessionId === session.session_id || principal.subject === session.owner_subject || isStaff(principal);
}

/**
 * Whether `principal` may read `session` (undefined: no such session): the one check behind every
 * session route, made inside the session object. Anonymous callers are refused before (401).
 * @example const access = checkSessionUse(principal, store.meta()); if (!access.ok) return access; const meta = access.data;
 */
export function checkSessionUse<S extends { session_id: string; owner_subject: string }>(principal: Principal, session: S | undefined): Result<S, 'not_found' | 'forbidden', never> {
  if (!session) return fail('not_found', 'No such chat session');
  if (!mayUseSession(principal, session)) return fail('forbidden', 'This chat session belongs to someone else');
  return ok(session);
}

/**
 * What a staff token gets on the customer message routes (REST, SSE, compat, socket `message`
 * frames, voice calls): an AI turn run with staff tools would put what staff may see into the
 * customer's transcript and the model's history, so staff speak only as themselves.
 */
export const STAFF_SEND_REFUSAL =
  'Staff reply through takeover / staff-message (POST /api/v1/chat/session/{id}/takeover, then /staff-message); a staff token gets no AI turn in a conversation';
