import { createMiddleware } from 'hono/factory';
import { ANONYMOUS } from '../../auth/principal';
import { isManageToken, verifyManageToken } from '../../auth/manage-token';
import { TokenError, verifyToken } from '../../auth/tokens';
import { errorResponse } from '../errors';
import type { AppEnv } from '../types';

/**
 * Sets `principal` from an `Authorization: Bearer` token. No header means an
 * anonymous caller; a header with a bad token is a 401, never a silent downgrade.
 * Tokens are read from the header only, never from the URL. A manage-link token
 * becomes a `manage` principal, which only a booking's view, reschedule and cancel accept.
 */
export const authenticate = () =>
  createMiddleware<AppEnv>(async function authenticate(c, next) {
    const header = c.req.header('authorization');
    if (!header) {
      c.set('principal', ANONYMOUS);
      return next();
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      c.header('WWW-Authenticate', 'Bearer error="invalid_request"');
      return errorResponse(c, 'unauthorized', 'Authorization header must be "Bearer <token>"');
    }
    try {
      // A booking's manage link (auth/manage-token.ts) or a JWT; each is checked with its own key.
      c.set('principal', isManageToken(match[1]) ? await verifyManageToken(c.env, match[1]) : await verifyToken(c.env, match[1]));
    } catch (err) {
      if (!(err instanceof TokenError)) throw err;
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return errorResponse(c, 'unauthorized', `Invalid token: ${err.message}`);
    }
    return next();
  });
