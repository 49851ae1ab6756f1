/**
 * Who is opening a WebSocket. Browsers cannot set headers on a WebSocket, so
 * the token rides in `Sec-WebSocket-Protocol` as `bearer.<jwt>` next to the
 * protocol's own name (never in the URL); and CORS does not cover upgrades, so
 * a browser's Origin is checked against ALLOWED_ORIGINS here.
 */
import type { Context } from 'hono';
import { TokenError, verifyTokenWithExpiry, type VerifiedToken } from '../auth/tokens';
import { TOKEN_SUBPROTOCOL_PREFIX } from '../protocol/chat';
import { errorResponse } from './errors';
import { allowedOrigin } from './origins';
import type { AppEnv } from './types';

/**
 * The verified principal of a WebSocket upgrade offering `subprotocol` and when its token
 * expires (the socket is closed then, see durable-objects/session/sockets.ts), or the error response
 * to send (426 not an upgrade, 401 no/invalid token, 403 origin).
 * @example const auth = await authenticateUpgrade(c, CHAT_SUBPROTOCOL); if (auth instanceof Response) return auth;
 */
export async function authenticateUpgrade(c: Context<AppEnv>, subprotocol: string): Promise<VerifiedToken | Response> {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return errorResponse(c, 'invalid_input', 'Expected a WebSocket upgrade', undefined, 426);
  const offered = (c.req.header('sec-websocket-protocol') ?? '').split(',').map((p) => p.trim());
  const token = offered.find((p) => p.startsWith(TOKEN_SUBPROTOCOL_PREFIX))?.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
  if (!offered.includes(subprotocol) || !token) {
    return errorResponse(c, 'unauthorized', `Offer the subprotocols "${subprotocol}" and "${TOKEN_SUBPROTOCOL_PREFIX}<token>"`);
  }
  let verified: VerifiedToken;
  try {
    verified = await verifyTokenWithExpiry(c.env, token);
  } catch (err) {
    if (err instanceof TokenError) return errorResponse(c, 'unauthorized', `Invalid token: ${err.message}`);
    throw err;
  }
  const origin = c.req.header('origin');
  if (origin && origin !== new URL(c.req.url).origin && !allowedOrigin(origin, c.env.ALLOWED_ORIGINS)) {
    return errorResponse(c, 'forbidden', `Origin ${origin} may not open sockets here`);
  }
  return verified;
}
