/**
 * HTTP face of the MCP server: `/mcp` (Streamable HTTP, stateless, served by
 * the `agents` package's `createMcpHandler`) and the RFC 9728 metadata that a
 * 401 points clients to. Authentication happens here, before the MCP handler,
 * because the app's `authenticate` middleware only covers /api and /chat.
 */
import { localhostAllowedOrigins } from '@modelcontextprotocol/server';
import { createMcpHandler } from 'agents/mcp/server';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorResponse } from '../http/errors';
import type { AppEnv } from '../http/types';
import { log } from '../lib/log';
import { bearerChallenge, MCP_PATH, principalForMcp, protectedResourceMetadata, RESOURCE_METADATA_PATH } from './auth';
import { buildMcpServer } from './server';

/** Largest JSON-RPC body /mcp reads: tool arguments are small, as on the REST API. */
export const MAX_MCP_BODY_BYTES = 64 * 1024;

/**
 * Browser `Origin`s the MCP handler accepts (its DNS-rebinding guard), taken
 * from the same ALLOWED_ORIGINS as CORS so the two never disagree. Requests
 * without an Origin (desktop and server-side clients) are always accepted.
 */
function originHostnames(allowList: string): string[] | '*' {
  const list = allowList.split(',').map((o) => o.trim()).filter(Boolean);
  if (list.includes('*')) return '*';
  const hosts = list.flatMap((o) => {
    try {
      return [new URL(o).hostname];
    } catch {
      return [];
    }
  });
  return [...localhostAllowedOrigins(), ...hosts];
}

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
      allowedOriginHostnames: originHostnames(c.env.ALLOWED_ORIGINS),
      onerror: (err) => log.error('mcp_error', { request_id: c.get('requestId'), error: err.stack ?? err.message }),
    });
    return handler.fetch(c.req.raw);
  });
  return app;
}
