import { createMiddleware } from 'hono/factory';
import { log } from '../../lib/log';
import type { AppEnv } from '../types';

/**
 * One JSON line per request with its id, status and duration (no bodies, no tokens), for Workers Logs.
 * `LOG_REQUESTS=false` leaves it out: `wrangler dev` prints a line per request itself, so locally
 * (`.dev.vars`) it would be every request twice.
 */
export const jsonLog = () =>
  createMiddleware<AppEnv>(async function jsonLog(c, next) {
    const started = performance.now();
    await next();
    if (c.env.LOG_REQUESTS === 'false') return;
    const principal = c.get('principal');
    log.info('request', {
      request_id: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      subject: principal?.kind === 'user' ? principal.subject : undefined,
    });
  });
