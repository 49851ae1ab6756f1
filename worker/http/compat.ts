/**
 * Compatibility routes for the two API shapes users of such systems already
 * call. Thin: the same core (worker/chat/sessions.ts) as /api/v1/chat.
 *   POST /api/:user_id/chat               {conversation_id?, message} → {conversation_id, response, tool_calls}
 *   POST /chat/sessions                    {customer_*?}               → {session_id, token, …}
 *   POST /chat/sessions/:id/messages       {message}                   → {message, sources, requires_escalation}
 */
import { Hono } from 'hono';
import { requireUser } from '../auth/principal';
import { createSession, refuseStaffSender, sendAndCollect, sessionStub, validateMessage } from '../chat/sessions';
import { DomainError } from '../domain/errors';
import { newSessionBodySchema, textMessageBodySchema, userChatBodySchema } from '../protocol/api';
import { jsonBody, limitByIp } from './chat';
import type { AppEnv } from './types';


export function compatRoutes(): Hono<AppEnv> {
  const compat = new Hono<AppEnv>();

  compat.post('/api/:user_id/chat', async (c) => {
    const user = requireUser(c.get('principal'));
    if (c.req.param('user_id') !== user.subject) throw new DomainError('forbidden', 'user_id must be the signed-in user');
    // An AI turn acts as a customer: staff reply through takeover / staff-message, and get no conversation of their own here.
    refuseStaffSender(user);
    const body = await jsonBody(c, userChatBodySchema);
    const text = validateMessage(body.message);
    await limitByIp(c);
    // An existing conversation is checked by its session when the message is sent (404, 403): one call.
    let conversationId = body.conversation_id;
    if (!conversationId) {
      conversationId = crypto.randomUUID();
      await sessionStub(c.env, conversationId).open({ session_id: conversationId, owner_subject: user.subject, owner: user, customer_name: user.name, customer_email: user.email });
    }
    const turn = await sendAndCollect(c.env, user, conversationId, text, undefined, c.get('requestId'));
    return c.json({
      conversation_id: conversationId,
      response: turn.response,
      tool_calls: turn.function_calls.map((f) => ({ id: f.call_id, name: f.name, ok: f.ok })),
    });
  });

  compat.post('/chat/sessions', async (c) => {
    await limitByIp(c);
    return c.json(await createSession(c.env, c.get('principal'), await jsonBody(c, newSessionBodySchema)), 201);
  });

  compat.post('/chat/sessions/:id/messages', async (c) => {
    const principal = c.get('principal');
    if (principal.kind === 'anonymous') throw new DomainError('unauthorized', 'A session token is required');
    refuseStaffSender(principal);
    const body = await jsonBody(c, textMessageBodySchema);
    const text = validateMessage(body.message);
    await limitByIp(c);
    const turn = await sendAndCollect(c.env, principal, c.req.param('id'), text, undefined, c.get('requestId'));
    return c.json({ message: turn.response, sources: turn.sources, requires_escalation: turn.requires_escalation });
  });

  return compat;
}
