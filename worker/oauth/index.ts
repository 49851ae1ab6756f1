/**
 * The Worker's front door once OAuth is in: the provider's protocol endpoints
 * and the consent page are answered here, everything else (REST, chat,
 * widget, /mcp and its RFC 9728 metadata) goes to the Hono app untouched.
 */
import { handleAuthorize } from './authorize';
import { AS_METADATA_PATH, AUTHORIZE_PATH, authorizationServerFor, PROVIDER_PATHS, REGISTER_PATH } from './provider';
import { guardRegistration } from './register';

/** What the wrapped app must offer: Hono's `app.fetch` fits. */
interface FetchApp {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response>;
}

type Server = NonNullable<ReturnType<typeof authorizationServerFor>>;

async function answerProvider(server: Server, request: Request, env: Env, ctx: ExecutionContext, path: string): Promise<Response> {
  let checked: Request | Response = request;
  if (path === REGISTER_PATH) checked = await guardRegistration(request, env);
  const res = checked instanceof Response ? checked : await server.fetch(checked, env, ctx);
  // RFC 8414 metadata is public and the same for everyone: it keeps whatever caching the provider gives it.
  return withOAuthHeaders(res, path === AS_METADATA_PATH);
}

/**
 * The headers the Hono app gives its own responses, for the OAuth paths it does not serve: no-store
 * (codes, tokens, client secrets, the consent form) unless `cacheable`, and nosniff.
 */
function withOAuthHeaders(res: Response, cacheable: boolean): Response {
  const missing: [string, string][] = [];
  if (!cacheable && !res.headers.has('Cache-Control')) missing.push(['Cache-Control', 'no-store']);
  if (!res.headers.has('X-Content-Type-Options')) missing.push(['X-Content-Type-Options', 'nosniff']);
  if (!missing.length || res.status === 101) return res;
  const out = new Response(res.body, res);
  for (const [name, value] of missing) out.headers.set(name, value);
  return out;
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
      if (url.pathname === AUTHORIZE_PATH) return handleAuthorize(request, env).then((res) => withOAuthHeaders(res, false));
      if (PROVIDER_PATHS.has(url.pathname)) {
        const server = authorizationServerFor(url.origin);
        if (server) return answerProvider(server, request, env, ctx, url.pathname);
      }
      return app.fetch(request, env, ctx);
    },
  };
}
