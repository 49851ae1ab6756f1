/**
 * The Worker's front door once OAuth is in: the provider's protocol endpoints
 * and the consent page are answered here, everything else (REST, chat,
 * widget, /mcp and its RFC 9728 metadata) goes to the Hono app untouched.
 */
import { handleAuthorize } from './authorize';
import { AUTHORIZE_PATH, authorizationServerFor, PROVIDER_PATHS } from './provider';

/** What the wrapped app must offer: Hono's `app.fetch` fits. */
interface FetchApp {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response>;
}

/**
 * Wraps the app with the OAuth authorization server: `export default withOAuth(buildApp())`.
 * On an origin that cannot host OAuth (plain http off loopback) the OAuth
 * paths fall through to the app, which answers them 404 like any unknown path.
 */
export function withOAuth(app: FetchApp): ExportedHandler<Env> & { fetch: NonNullable<ExportedHandler<Env>['fetch']> } {
  return {
    fetch(request, env, ctx) {
      const url = new URL(request.url);
      if (url.pathname === AUTHORIZE_PATH) return handleAuthorize(request, env);
      if (PROVIDER_PATHS.has(url.pathname)) {
        const server = authorizationServerFor(url.origin);
        if (server) return server.fetch(request, env, ctx);
      }
      return app.fetch(request, env, ctx);
    },
  };
}
