import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { MCP_PATH } from '../mcp/paths';
import { mcpRoutes } from '../mcp/routes';
import { TOOLS } from '../tools/catalog';
import { askRoutes } from './ask';
import { bookingCalendarRoutes } from './booking-calendar';
import { chatRoutes } from './chat';
import { compatRoutes } from './compat';
import { configRoutes } from './config';
import { errorResponse, handleError, handleNotFound } from './errors';
import { allowedOrigin } from './origins';
import { authenticate } from './middleware/authenticate';
import { jsonLog } from './middleware/json-log';
import { metricsRoutes } from './metrics';
import { openApiRoutes } from './openapi/routes';
import { mountRestRoutes } from './rest';
import type { AppEnv } from './types';
import { voiceRoutes } from './voice';

/** Largest JSON body the API reads; anything bigger is a 413 before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Whether a Cache-Control value lets caches keep the response (what a route chose on purpose, e.g. /config). */
const deliberatelyCacheable = (value: string | null) => !!value && /\b(public|private|max-age=[1-9]|s-maxage=[1-9])/i.test(value);

/**
 * `Cache-Control: no-store` on every response of the API, chat and /mcp: they carry tokens,
 * transcripts, bookings and contact details, and answer by the caller's role (staff see KB drafts),
 * so neither a browser nor a shared cache may keep them. Only a response that chose to be cacheable
 * keeps its header (GET /api/v1/config: public, max-age=60; the OpenAPI document). Streams keep `no-transform`.
 */
export function noStore(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.res.status === 101) return; // a WebSocket upgrade: nothing is cached, and its headers are the socket's
    const current = c.res.headers.get('Cache-Control');
    if (deliberatelyCacheable(current)) return;
    const value = current && /no-transform/i.test(current) ? 'no-store, no-transform' : 'no-store';
    try {
      c.res.headers.set('Cache-Control', value);
    } catch {
      // Headers of a response passed through from fetch() are immutable: copy it first.
      c.res = new Response(c.res.body, c.res);
      c.res.headers.set('Cache-Control', value);
    }
  };
}


/** The versioned API: the registry's REST routes, a booking's calendar file and the chat routes. */
function apiV1(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  // Before the REST table, so /analytics/ask is not read as anything else.
  api.route('/analytics/ask', askRoutes());
  mountRestRoutes(api, TOOLS);
  api.route('/', bookingCalendarRoutes());
  api.route('/chat', chatRoutes());
  api.route('/chat/voice', voiceRoutes());
  api.route('/config', configRoutes());
  return api;
}

/**
 * Builds the Worker's HTTP app: request ids, JSON logs, CORS for the allowed
 * origins, one error handler, and the versioned API.
 */
export function buildApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(jsonLog());
  app.use(secureHeaders());
  app.use(
    '*',
    cors({
      // The Worker's own origin is always allowed; other sites only when ALLOWED_ORIGINS lists them (or is "*").
      origin: (origin, c) => allowedOrigin(origin, c.env.ALLOWED_ORIGINS, new URL(c.req.url).origin),
      // Mcp-* headers: MCP clients in a browser (e.g. the Inspector's direct mode) send and read them.
      allowHeaders: ['Authorization', 'Content-Type', 'Accept', 'Mcp-Session-Id', 'Mcp-Protocol-Version', 'Mcp-Method', 'Mcp-Name', 'Last-Event-ID'],
      exposeHeaders: ['X-Request-Id', 'Retry-After', 'Mcp-Session-Id', 'WWW-Authenticate'],
      maxAge: 600,
    }),
  );
  for (const path of ['/api/*', '/chat/*', MCP_PATH]) app.use(path, noStore());
  app.onError(handleError);
  app.notFound(handleNotFound);

  for (const path of ['/api/*', '/chat/*']) {
    app.use(path, bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => errorResponse(c, 'payload_too_large', `Body exceeds ${MAX_BODY_BYTES} bytes`) }));
    app.use(path, authenticate());
  }

  app.get('/health', (c) => c.json({ status: 'ok', service: 'switchboard', time: new Date().toISOString() }));
  app.route('/', openApiRoutes());
  app.route('/', metricsRoutes());
  app.route('/api/v1', apiV1());
  app.route('/', compatRoutes());
  app.route('/', mcpRoutes());
  return app;
}
