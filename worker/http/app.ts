import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { mcpRoutes } from '../mcp/routes';
import { TOOLS } from '../tools/catalog';
import { chatRoutes } from './chat';
import { compatRoutes } from './compat';
import { configRoutes } from './config';
import { errorResponse, handleError, handleNotFound } from './errors';
import { allowedOrigin } from './origins';
import { authenticate } from './middleware/authenticate';
import { jsonLog } from './middleware/json-log';
import { mountRestRoutes } from './rest';
import type { AppEnv } from './types';
import { voiceRoutes } from './voice';

/** Largest JSON body the API reads; anything bigger is a 413 before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;


/** The versioned API: the registry's REST routes and the chat routes. */
function apiV1(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  mountRestRoutes(api, TOOLS);
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
      origin: (origin, c) => allowedOrigin(origin, c.env.ALLOWED_ORIGINS),
      // Mcp-* headers: MCP clients in a browser (e.g. the Inspector's direct mode) send and read them.
      allowHeaders: ['Authorization', 'Content-Type', 'Accept', 'Mcp-Session-Id', 'Mcp-Protocol-Version', 'Mcp-Method', 'Mcp-Name', 'Last-Event-ID'],
      exposeHeaders: ['X-Request-Id', 'Retry-After', 'Mcp-Session-Id', 'WWW-Authenticate'],
      maxAge: 600,
    }),
  );
  app.onError(handleError);
  app.notFound(handleNotFound);

  for (const path of ['/api/*', '/chat/*']) {
    app.use(path, bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => errorResponse(c, 'payload_too_large', `Body exceeds ${MAX_BODY_BYTES} bytes`) }));
    app.use(path, authenticate());
  }

  app.get('/health', (c) => c.json({ status: 'ok', service: 'switchboard', time: new Date().toISOString() }));
  app.route('/api/v1', apiV1());
  app.route('/', compatRoutes());
  app.route('/', mcpRoutes());
  return app;
}
