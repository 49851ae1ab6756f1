/**
 * `WebSocket /api/v1/chat/voice/call?session_id=…`: a voice call on an
 * existing chat session, so text and voice share one interaction and one
 * transcript. Create the session first (POST /api/v1/chat/session/new) and
 * call with its token: browsers cannot set headers on a WebSocket, so the token
 * rides in `Sec-WebSocket-Protocol` as `bearer.<jwt>` next to
 * `switchboard.voice.v1`, never in the URL. The call itself runs in the
 * session's Durable Object (durable-objects/voice/call.ts).
 */
import { Hono } from 'hono';
import { forwardUpgrade, refuseStaffSender } from '../chat/sessions';
import { voiceSettings } from '../chat/voice-settings';
import { VOICE_SUBPROTOCOL } from '../protocol/voice';
import { errorResponse } from './errors';
import { authenticateUpgrade } from './socket-auth';
import type { AppEnv } from './types';

/** The voice routes, mounted at /api/v1/chat/voice. */
export function voiceRoutes(): Hono<AppEnv> {
  const voice = new Hono<AppEnv>();

  voice.get('/call', async (c) => {
    // Said first and plainly: a deployment without voice must not look like one with a broken voice.
    const settings = voiceSettings(c.env);
    if (!settings.ok) return errorResponse(c, settings.error.code, settings.error.message);
    const verified = await authenticateUpgrade(c, VOICE_SUBPROTOCOL);
    if (verified instanceof Response) return verified;
    const { principal } = verified;
    const sessionId = c.req.query('session_id');
    if (!sessionId) {
      return errorResponse(c, 'invalid_input', 'session_id is required: create a session with POST /api/v1/chat/session/new and call with its token', {
        session_id: 'Required',
      });
    }
    // The voice model acts as the conversation's owner; staff reply through takeover (the object checks again).
    refuseStaffSender(principal);
    // One call: the session checks the caller (404, 403, 409) and accepts the call, which ends
    // (4001 token_expired) when the token expires.
    return forwardUpgrade(c.env, verified, sessionId, 'voice');
  });

  return voice;
}
