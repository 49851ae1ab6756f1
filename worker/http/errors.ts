import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, ERROR_STATUS, type ErrorCode } from '../domain/errors';
import { log } from '../lib/log';
import type { AppEnv } from './types';

/** The one error body of the API: `{ error: { code, message, details? }, request_id }`. */
export function errorResponse(c: Context<AppEnv>, code: ErrorCode, message: string, details?: unknown, status?: number) {
  return c.json(
    { error: { code, message, ...(details !== undefined ? { details } : {}) }, request_id: c.get('requestId') },
    (status ?? ERROR_STATUS[code]) as ContentfulStatusCode,
  );
}

const CODE_BY_STATUS: Record<number, ErrorCode> = Object.fromEntries(
  Object.entries(ERROR_STATUS).map(([code, status]) => [status, code as ErrorCode]),
);

/**
 * Known errors become their status; anything else is logged with its stack and
 * answered with an opaque 500, so no client ever sees internals.
 */
export const handleError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof DomainError) {
    const retryAfter = (err.details as { retry_after?: unknown } | undefined)?.retry_after;
    if (err.code === 'rate_limited' && typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
    return errorResponse(c, err.code, err.message, err.details);
  }
  if (err instanceof HTTPException) {
    const code = CODE_BY_STATUS[err.status] ?? (err.status < 500 ? 'invalid_input' : 'internal');
    return errorResponse(c, code, err.message || 'Request failed', undefined, err.status);
  }
  log.error('unhandled_error', {
    request_id: c.get('requestId'),
    method: c.req.method,
    path: c.req.path,
    error: err instanceof Error ? (err.stack ?? err.message) : String(err),
  });
  return errorResponse(c, 'internal', 'Internal server error');
};

export const handleNotFound: NotFoundHandler<AppEnv> = (c) =>
  errorResponse(c, 'not_found', `No route for ${c.req.method} ${c.req.path}`);
