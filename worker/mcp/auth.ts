/**
 * Who is calling /mcp, and how a client that is not signed in learns where to
 * sign in. Kept apart from the transport: `principalForMcp` is the only
 * function that turns a request into a principal for the MCP surface, for
 * both kinds of bearer token it accepts (our HS256/JWKS JWTs and the opaque
 * tokens of the OAuth authorization server in worker/oauth/).
 */
import type { UserPrincipal } from '../auth/principal';
import { TokenError, verifyToken } from '../auth/tokens';
import { isProviderToken, principalFromOAuthToken } from '../oauth/provider';
import { mcpResource, RESOURCE_METADATA_PATH } from './paths';

export { MCP_PATH, RESOURCE_METADATA_PATH } from './paths';

/** The outcome of authenticating one MCP request. */
export type McpAuthResult =
  | { ok: true; principal: UserPrincipal }
  | {
      ok: false;
      /** RFC 6750 error: absent when no credentials were sent (a plain challenge), else why they failed. */
      error?: 'invalid_request' | 'invalid_token';
      message: string;
    };

/**
 * Authenticates an MCP request from its `Authorization: Bearer <token>`
 * header. Two kinds of token reach the same principal:
 * - a JWT (`a.b.c`): the REST API's own tokens (`npm run token`, or an
 *   outside issuer's via JWT_JWKS_URL), with the same checks as REST;
 * - an OAuth access token (`user:grant:secret`) that this origin's
 *   authorization server issued to a connector for this origin's /mcp: the
 *   grant's props carry the subject and role chosen at sign-in.
 * Unlike REST, a caller without a token is refused rather than treated as
 * anonymous: MCP clients only start their sign-in flow on a 401, and every
 * business tool but the catalog needs an identity anyway.
 * @example const auth = await principalForMcp(request, env); if (!auth.ok) return challenge(request, auth);
 */
export async function principalForMcp(request: Request, env: Env): Promise<McpAuthResult> {
  const header = request.headers.get('authorization');
  if (!header) return { ok: false, message: 'Sign-in required: send Authorization: Bearer <token>' };
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return { ok: false, error: 'invalid_request', message: 'Authorization header must be "Bearer <token>"' };
  const token = match[1];
  if (isProviderToken(token)) {
    // Its KV record decides: unknown, revoked, expired, or issued for another origin's /mcp all read as null.
    const principal = await principalFromOAuthToken(new URL(request.url).origin, token, env);
    return principal ? { ok: true, principal } : { ok: false, error: 'invalid_token', message: 'Invalid token: unknown or expired access token' };
  }
  try {
    const principal = await verifyToken(env, token);
    // verifyToken only returns signed-in principals; the check keeps the type honest.
    if (principal.kind !== 'user') return { ok: false, error: 'invalid_token', message: 'Token has no user' };
    return { ok: true, principal };
  } catch (err) {
    // Anything else (e.g. a missing JWT_SECRET) is an operator error and must surface as a 500.
    if (!(err instanceof TokenError)) throw err;
    return { ok: false, error: 'invalid_token', message: `Invalid token: ${err.message}` };
  }
}

/** The `WWW-Authenticate` value of a 401 from /mcp (RFC 6750 §3 plus RFC 9728 §5.1). */
export function bearerChallenge(origin: string, failure: Extract<McpAuthResult, { ok: false }>): string {
  const params = [`resource_metadata="${origin}${RESOURCE_METADATA_PATH}"`];
  if (failure.error) params.unshift(`error="${failure.error}"`, `error_description="${failure.message.replace(/["\\]/g, '')}"`);
  return `Bearer ${params.join(', ')}`;
}

/**
 * The RFC 9728 protected-resource metadata of /mcp. The authorization server
 * is this origin: worker/oauth/ serves its RFC 8414 metadata at
 * `/.well-known/oauth-authorization-server` here.
 */
export function protectedResourceMetadata(origin: string, resourceName: string) {
  return {
    resource: mcpResource(origin),
    authorization_servers: [origin],
    bearer_methods_supported: ['header'],
    resource_name: resourceName,
  };
}
