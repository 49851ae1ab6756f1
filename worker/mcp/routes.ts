/**
 * HTTP face of the MCP server: `/mcp` (Streamable HTTP, stateless, served by
 * the `agents` package's `createMcpHandler`) and the RFC 9728 metadata that a
 * 401 points clients to. Authentication happens here, before the MCP handler,
 * because the app's `authenticate` middleware only covers /api and /chat.
 */
import { createMcpHandler } from 'agents/mcp/server';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorResponse } from '../http/errors';
import { allowedOrigin, rebindingSafeOwnOrigin } from '../http/origins';
import type { AppEnv } from '../http/types';
import { log } from '../lib/log';
import { bearerChallenge, MCP_PATH, principalForMcp, protectedResourceMetadata, RESOURCE_METADATA_PATH } from './auth';
import { buildMcpServer } from './server';

/** Largest JSON-RPC body /mcp reads: tool arguments are small, as on the REST API. */
export const MAX_MCP_BODY_BYTES = 64 * 1024;

/**
 * The DNS-rebinding guard of /mcp, before anything else (authentication included): a request
 * with an `Origin` header must come from a site ALLOWED_ORIGINS lists (or `*`), or from the
 * Worker's own origin where that cannot be a rebound name (https, or a loopback host; see
 * `rebindingSafeOwnOrigin`). Anything else is a 403 with a JSON-RPC error body, as the MCP
 * transport spec asks. No `Origin` (desktop and server-side clients) is always fine. The same
 * list as CORS, so the two never disagree.
 */
export const refuseForeignOrigin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const origin = c.req.header('origin');
  if (!origin || allowedOrigin(origin, c.env.ALLOWED_ORIGINS, rebindingSafeOwnOrigin(c.req.url) ?? undefined)) return next();
  log.warn('mcp_origin_refused', { request_id: c.get('requestId'), origin: origin.slice(0, 200) });
  return c.json(
    {
      jsonrpc: '2.0',
      id: null,
      error: {
        code: -32000,
        message: `Forbidden: Origin ${origin.slice(0, 200)} may not use this MCP server (list it in ALLOWED_ORIGINS)`,
        data: { code: 'forbidden', request_id: c.get('requestId') },
      },
    },
    403,
  );
};

const metadata = (c: Context<AppEnv>) =>
  c.json(protectedResourceMetadata(new URL(c.req.url).origin, c.env.BUSINESS_NAME), 200, { 'Cache-Control': 'public, max-age=3600' });

/**
 * Routes to mount at the app's root: `app.route('/', mcpRoutes())`.
 * CORS comes from the app's own middleware, so the handler's is switched off.
 */
export function mcpRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Both the root document (what our 401 names) and the path-suffixed one (RFC 9728 §3.1) that clients also probe.
  app.get(RESOURCE_METADATA_PATH, metadata);
  app.get(`${RESOURCE_METADATA_PATH}${MCP_PATH}`, metadata);

  app.use(MCP_PATH, refuseForeignOrigin);
  app.use(
    MCP_PATH,
    bodyLimit({
      maxSize: MAX_MCP_BODY_BYTES,
      onError: (c) => errorResponse(c, 'payload_too_large', `Body exceeds ${MAX_MCP_BODY_BYTES} bytes`),
    }),
  );
  app.all(MCP_PATH, async (c) => {
    const auth = await principalForMcp(c.req.raw, c.env);
    if (!auth.ok) {
      c.header('WWW-Authenticate', bearerChallenge(new URL(c.req.url).origin, auth));
      return errorResponse(c, 'unauthorized', auth.message);
    }
    // A handler per request: the factory closes over this caller, so each request gets
    // a server that lists only their tools. Building one is cheap next to a D1 query.
    const handler = createMcpHandler(() => buildMcpServer(c.env, auth.principal), {
      route: MCP_PATH,
      corsOptions: false,
      // Origins were checked by refuseForeignOrigin (the handler's own check knows hostnames only).
      allowedOriginHostnames: '*',
      onerror: (err) => log.error('mcp_error', { request_id: c.get('requestId'), error: err.stack ?? err.message }),
    });
    return handler.fetch(c.req.raw);
  });
  return app;
}
