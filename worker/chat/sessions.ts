/**
 * The one core of every chat surface (the v1 API and the compatibility
 * routes): create a session, check who may use it, send a message and read
 * the turn's events. Routes stay thin and differ only in their JSON shapes.
 */
import { suggestReply, type Suggestion } from '../agent/suggest';
import { ANONYMOUS, isStaff, requireRole, type Principal, type UserPrincipal } from '../auth/principal';
import { signToken } from '../auth/tokens';
import { createContext } from '../domain/context';
import { DomainError, ERROR_STATUS, type ErrorCode } from '../domain/errors';
import type { Failure, Result } from '../lib/result';
import { MAX_MESSAGE_CHARS, type ServerEvent } from '../protocol/chat';
import {
  PRINCIPAL_HEADER,
  TOKEN_EXPIRES_HEADER,
  TurnSummaryBuilder,
  type CollectResult,
  type SendErrorCode,
  type SendResult,
  type SessionInfo,
  type SessionTranscript,
  type StaffResult,
  type TurnSummary,
} from '../protocol/session';
import { STAFF_SEND_REFUSAL } from './policy';

const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/**
 * Customer tokens for a chat session last a day (within the 30-day bound verifyToken applies to
 * every token). There is no refresh: when the token is refused (401 over HTTP, close 4001
 * `token_expired` on a socket) the widget starts a new session.
 */
export const SESSION_TOKEN_TTL = '24h';

export interface NewSessionInput {
  customer_name?: string | undefined;
  customer_email?: string | undefined;
  referrer_url?: string | undefined;
}

export interface NewSession {
  session_id: string;
  interaction_number: string;
  token: string;
  greeting: string;
  timestamp: string;
}

export const sessionStub = (env: Env, sessionId: string) => env.ChatSession.getByName(sessionId);

/**
 * Opens a session. The caller's own subject owns it when they are signed in;
 * an anonymous visitor gets a fresh subject. Either way the returned token is a
 * customer token scoped to this session.
 */
export async function createSession(env: Env, principal: Principal, input: NewSessionInput): Promise<NewSession> {
  const sessionId = crypto.randomUUID();
  const owner = principal.kind === 'user' && principal.role === 'customer' ? principal.subject : `visitor:${sessionId}`;
  const name = input.customer_name ?? (principal.kind === 'user' ? principal.name : undefined);
  const email = input.customer_email ?? (principal.kind === 'user' ? principal.email : undefined);
  // The session records its owner as the token below describes them: its AI turns act as exactly that customer.
  const ownerPrincipal: UserPrincipal = { kind: 'user', subject: owner, role: 'customer', sessionId, ...(name ? { name } : {}), ...(email ? { email } : {}) };
  const info = await sessionStub(env, sessionId).open({ session_id: sessionId, owner_subject: owner, owner: ownerPrincipal, ...input });
  const token = await signToken(
    env,
    { sub: owner, role: 'customer', sid: sessionId, ...(name ? { name } : {}), ...(email ? { email } : {}) },
    SESSION_TOKEN_TTL,
  );
  return { session_id: sessionId, interaction_number: info.interaction_number, token, greeting: info.greeting, timestamp: info.created_at };
}

/** A session's answer as the route's: its data, or its failure as a DomainError (the app's one error body). */
function unwrap<T>(result: Result<T, ErrorCode, never>): T {
  if (!result.ok) throw new DomainError(result.error.code, result.error.message);
  return result.data;
}

/** The stub of a session id that can exist: 401 anonymous, 404 for an id no session can have (no call to an object). */
function stubFor(env: Env, principal: Principal, sessionId: string) {
  if (principal.kind === 'anonymous') throw new DomainError('unauthorized', 'A session token is required');
  if (!SESSION_ID.test(sessionId)) throw new DomainError('not_found', 'No such chat session');
  return sessionStub(env, sessionId);
}

/** GET /chat/session/:id in one call: the session checks the reader (404 unknown, 403 someone else's). */
export async function readTranscript(env: Env, principal: Principal, sessionId: string): Promise<SessionTranscript> {
  return unwrap(await stubFor(env, principal, sessionId).transcript(principal));
}

/** POST /chat/session/:id/end in one call, checked by the session like the transcript. */
export async function endSession(env: Env, principal: Principal, sessionId: string): Promise<SessionInfo> {
  return unwrap(await stubFor(env, principal, sessionId).end(principal));
}

/** The customer's rating of their resolved or ended conversation. */
export async function rateSession(env: Env, principal: Principal, sessionId: string, score: number, comment: string | null) {
  return unwrap(await stubFor(env, principal, sessionId).rate(principal, score, comment));
}

/**
 * Runs a staff action on a session: 401 anonymous, 403 not staff (checked before the session is
 * called, so a customer learns nothing about other sessions), then one call in which the session
 * checks the role again and answers 404 unknown or 409 refused.
 */
export async function staffAction<T>(env: Env, principal: Principal, sessionId: string, action: (stub: ReturnType<typeof sessionStub>, staff: Principal) => Promise<StaffResult<T>>): Promise<T> {
  const staff = requireRole(principal, 'staff', 'admin');
  return unwrap(await action(stubFor(env, staff, sessionId), staff));
}

/**
 * POST /chat/session/:id/suggest: a draft reply for staff (worker/agent/suggest.ts), never sent. 403 for
 * anyone but staff before the session is called; then one call for the transcript (404 unknown). The
 * knowledge base is read as an anonymous visitor would read it: the draft is meant for the customer.
 */
export async function suggestForSession(env: Env, principal: Principal, sessionId: string): Promise<Suggestion> {
  const staff = requireRole(principal, 'staff', 'admin');
  const transcript = await readTranscript(env, staff, sessionId);
  return suggestReply(createContext(env, ANONYMOUS), env, transcript.messages);
}

/**
 * Forwards a verified WebSocket upgrade to the session (`ws`: chat, `voice`: a call) with the
 * principal and the token's expiry. One call: the session checks the caller and accepts the socket,
 * or refuses with `{ error: { code, message } }`, which becomes the app's error body.
 */
export async function forwardUpgrade(
  env: Env,
  verified: { principal: Principal; expiresAt: number },
  sessionId: string,
  path: 'ws' | 'voice',
  search?: URLSearchParams,
): Promise<Response> {
  const url = new URL(`https://session/${path}`);
  for (const [key, value] of search ?? []) url.searchParams.set(key, value);
  const headers = { Upgrade: 'websocket', [PRINCIPAL_HEADER]: JSON.stringify(verified.principal), [TOKEN_EXPIRES_HEADER]: String(verified.expiresAt) };
  const response = await stubFor(env, verified.principal, sessionId).fetch(new Request(url, { headers }));
  if (response.status === 101) return response;
  const body = (await response.clone().json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  const code = body?.error?.code;
  if (code && code in ERROR_STATUS && ERROR_STATUS[code as ErrorCode] === response.status) throw new DomainError(code as ErrorCode, body.error!.message ?? code);
  return response;
}

/**
 * Refuses a staff token on the customer message routes (403): an AI turn in a customer's
 * conversation acts with the owner's rights, and staff speak through takeover and staff-message.
 * The session object refuses it too (`ChatSession.accept`); this answers before anything is opened.
 */
export function refuseStaffSender(principal: Principal): void {
  if (isStaff(principal)) throw new DomainError('forbidden', STAFF_SEND_REFUSAL);
}

/** Checks a message's text: empty is a 400, too long a 413. */
export function validateMessage(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '') throw new DomainError('invalid_input', 'message must be a non-empty string', { message: 'Required' });
  if (text.length > MAX_MESSAGE_CHARS) throw new DomainError('payload_too_large', `message is limited to ${MAX_MESSAGE_CHARS} characters`);
  return text.trim();
}

/**
 * Sends a message to the session. The session itself answers 404 (unknown),
 * 403 (someone else's, or a staff sender) or 429, so a turn costs one call to its object.
 */
export async function sendMessage(env: Env, principal: Principal, sessionId: string, text: string, clientId?: string, requestId?: string): Promise<ReadableStream<Uint8Array>> {
  const result: SendResult = await senderStub(env, principal, sessionId).send(principal, text, clientId, requestId);
  if (result.ok) return result.data.stream;
  throw sendFailure(result.error);
}

/**
 * Sends a message and waits for the whole turn, summed up by the session itself: the plain JSON answer
 * without a stream between the object and the Worker. The same checks and answers as `sendMessage`.
 */
export async function sendAndCollect(env: Env, principal: Principal, sessionId: string, text: string, clientId?: string, requestId?: string): Promise<TurnSummary> {
  // The RPC types cannot carry `unknown` (a booking card's data), so they read the result as never; it is a CollectResult.
  const result = (await senderStub(env, principal, sessionId).sendAndCollect(principal, text, clientId, requestId)) as unknown as CollectResult;
  if (result.ok) return result.data;
  throw sendFailure(result.error);
}

/** The stub of the session a customer writes to: `stubFor`'s checks, and 403 for a staff sender. */
function senderStub(env: Env, principal: Principal, sessionId: string) {
  refuseStaffSender(principal);
  return stubFor(env, principal, sessionId);
}

/** A session's refusal of a message as the app's error. */
function sendFailure({ code, message, details }: Failure<SendErrorCode | 'unavailable', { retry_after: number }>): DomainError {
  // A repeated client id is a conflict over HTTP: the first message with it is being (or was) answered.
  return new DomainError(code === 'duplicate' ? 'conflict' : code, message, code === 'rate_limited' ? { retry_after: details?.retry_after ?? 60 } : details);
}

/** The events of an NDJSON stream, one parsed object per line. */
export async function* readEvents(stream: ReadableStream<Uint8Array>): AsyncGenerator<ServerEvent> {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) yield JSON.parse(line) as ServerEvent;
    }
    if (done) break;
  }
}

/** Reads a turn's NDJSON stream to its end and sums it up for a plain JSON answer. */
export async function collectTurn(stream: ReadableStream<Uint8Array>): Promise<TurnSummary> {
  const summary = new TurnSummaryBuilder();
  for await (const event of readEvents(stream)) if (summary.add(event)) break;
  return unwrap(summary.result());
}
