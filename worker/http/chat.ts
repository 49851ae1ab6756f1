/**
 * Chat routes under /api/v1/chat: sessions, messages (JSON or SSE), the
 * transcript, and the session WebSocket. The work is in worker/chat/sessions.ts
 * and the session's Durable Object; these handlers only speak HTTP.
 */
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { requireRole, type Principal } from '../auth/principal';
import { ipLimitEnabled } from '../chat/limits';
import {
  createSession,
  endSession,
  rateSession,
  forwardUpgrade,
  readEvents,
  readTranscript,
  refuseStaffSender,
  sendAndCollect,
  sendMessage,
  staffAction,
  suggestForSession,
  validateMessage,
} from '../chat/sessions';
import { DomainError } from '../domain/errors';
import { csatBodySchema, messageBodySchema, newSessionBodySchema, textMessageBodySchema } from '../protocol/api';
import { CHAT_SUBPROTOCOL, type TurnOps } from '../protocol/chat';
import type { TurnSummary } from '../protocol/session';
import { fieldErrors } from '../tools/registry';
import { authenticateUpgrade } from './socket-auth';
import type { AppEnv } from './types';

/** Parses a JSON body with `schema`; a 400 with field errors otherwise. */
export async function jsonBody<T extends z.ZodType>(c: Context<AppEnv>, schema: T): Promise<z.output<T>> {
  let raw: unknown = {};
  const text = await c.req.text();
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new DomainError('invalid_input', 'Request body is not valid JSON');
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new DomainError('invalid_input', 'Invalid request body', fieldErrors(parsed.error));
  return parsed.data;
}

/** Per-IP budget (the platform's rate limiting binding): a flood gets 429 with Retry-After. `CHAT_IP_LIMIT=off` skips it. */
export async function limitByIp(c: Context<AppEnv>): Promise<void> {
  if (!ipLimitEnabled(c.env)) return;
  // Cloudflare's edge sets cf-connecting-ip itself; locally every caller is one client.
  const ip = c.req.header('cf-connecting-ip') ?? 'local';
  const { success } = await c.env.CHAT_IP_LIMITER.limit({ key: `chat:${ip}` });
  if (!success) throw new DomainError('rate_limited', 'Too many requests from this address', { retry_after: 60 });
}

const wantsStream = (c: Context<AppEnv>) => (c.req.header('accept') ?? '').includes('text/event-stream');

/**
 * A turn's round trips as a Server-Timing header (dev and bench only, see TurnOps):
 * `d1;desc="2", do-storage;desc="14", d1-after-reply;desc="1", do-storage-after-reply;desc="3"`.
 */
export function serverTiming(ops: TurnOps): string {
  const entries = [['d1', ops.d1], ['do-storage', ops.storage]];
  if (ops.after_reply) entries.push(['d1-after-reply', ops.after_reply.d1], ['do-storage-after-reply', ops.after_reply.storage]);
  return entries.map(([name, n]) => `${name};desc="${n}"`).join(', ');
}

/** What a customer sent: `answerTurn` sends it as the answer's format needs. */
interface Sent {
  principal: Principal;
  sessionId: string;
  text: string;
  clientId?: string | undefined;
}

/**
 * Answers a turn as SSE (each event with its id, so EventSource can resume) or as one JSON object, which the
 * session sums up itself (`sendAndCollect`: no event stream between the object and the Worker).
 */
export async function answerTurn(c: Context<AppEnv>, sent: Sent, shape: (s: TurnSummary) => object) {
  const requestId = c.get('requestId');
  if (!wantsStream(c)) {
    const turn = await sendAndCollect(c.env, sent.principal, sent.sessionId, sent.text, sent.clientId, requestId);
    if (turn.ops) c.header('Server-Timing', serverTiming(turn.ops));
    return c.json(shape(turn));
  }
  const stream = await sendMessage(c.env, sent.principal, sent.sessionId, sent.text, sent.clientId, requestId);
  return streamSSE(c, async (sse) => {
    for await (const event of readEvents(stream)) {
      await sse.writeSSE({ id: String(event.id), event: event.type, data: JSON.stringify(event) });
    }
  });
}

export function chatRoutes(): Hono<AppEnv> {
  const chat = new Hono<AppEnv>();

  chat.post('/session/new', async (c) => {
    await limitByIp(c);
    const body = await jsonBody(c, newSessionBodySchema);
    return c.json(await createSession(c.env, c.get('principal'), body), 201);
  });

  chat.post('/message', async (c) => {
    const body = await jsonBody(c, messageBodySchema);
    const principal = c.get('principal');
    if (principal.kind === 'anonymous') throw new DomainError('unauthorized', 'A session token is required');
    // Staff reply through takeover / staff-message; the session object refuses them as well.
    refuseStaffSender(principal);
    const text = validateMessage(body.message);
    await limitByIp(c);
    return answerTurn(c, { principal, sessionId: body.session_id, text, clientId: body.client_id }, (t) => ({
      response: t.response,
      function_calls: t.function_calls,
      tokens_used: t.tokens_used,
      sources: t.sources,
      offline: t.offline,
      bookings: t.bookings,
      handled_by: t.handled_by,
    }));
  });

  chat.get('/session/:id', async (c) => c.json(await readTranscript(c.env, c.get('principal'), c.req.param('id'))));

  chat.post('/session/:id/end', async (c) => c.json(await endSession(c.env, c.get('principal'), c.req.param('id'))));

  // CSAT: the customer rates a resolved or ended conversation, 1 to 5 with an optional comment, once per resolution.
  chat.post('/session/:id/csat', async (c) => {
    const body = await jsonBody(c, csatBodySchema);
    return c.json(await rateSession(c.env, c.get('principal'), c.req.param('id'), body.score, body.comment || null));
  });

  // Staff takeover (durable-objects/session/staff-mode.ts): staff and admins only; the session re-checks the role.
  chat.post('/session/:id/takeover', async (c) =>
    c.json(await staffAction(c.env, c.get('principal'), c.req.param('id'), (stub, staff) => stub.takeover(staff))),
  );

  chat.post('/session/:id/staff-message', async (c) => {
    const principal = c.get('principal');
    requireRole(principal, 'staff', 'admin');
    const text = validateMessage((await jsonBody(c, textMessageBodySchema)).message);
    return c.json(await staffAction(c.env, principal, c.req.param('id'), (stub, staff) => stub.staffMessage(staff, text)));
  });

  chat.post('/session/:id/resolve', async (c) =>
    c.json(await staffAction(c.env, c.get('principal'), c.req.param('id'), (stub, staff) => stub.resolve(staff))),
  );

  // Staff assist: a draft reply for the staff member to edit and send through staff-message; it sends nothing.
  chat.post('/session/:id/suggest', async (c) => c.json(await suggestForSession(c.env, c.get('principal'), c.req.param('id'))));

  chat.post('/session/:id/handback', async (c) =>
    c.json(await staffAction(c.env, c.get('principal'), c.req.param('id'), (stub, staff) => stub.handback(staff))),
  );

  // The token rides in Sec-WebSocket-Protocol (see socket-auth.ts), never in the URL. The socket is
  // closed (4001 token_expired) when the token expires; staff may follow it, but not send messages on it.
  chat.get('/session/:id/ws', async (c) => {
    const verified = await authenticateUpgrade(c, CHAT_SUBPROTOCOL);
    if (verified instanceof Response) return verified;
    const lastEventId = c.req.query('last_event_id');
    const search = new URLSearchParams(lastEventId && /^\d+$/.test(lastEventId) ? { last_event_id: lastEventId } : {});
    return forwardUpgrade(c.env, verified, c.req.param('id'), 'ws', search);
  });

  return chat;
}
