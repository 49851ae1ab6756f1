/**
 * Who is calling /mcp, and how a client that is not signed in learns where to
 * sign in. Kept apart from the transport so an OAuth 2.1 provider
 * (@cloudflare/workers-oauth-provider) can later replace the bearer check in
 * one place: `principalForMcp` is the only function that turns a request into
 * a principal for the MCP surface.
 */
import type { UserPrincipal } from '../auth/principal';
import { TokenError, verifyToken, type TokenConfig } from '../auth/tokens';

/** Where RFC 9728 metadata is served; also the `resource_metadata` of every 401 challenge. */
export const RESOURCE_METADATA_PATH = '/.well-known/oauth-protected-resource';
/** The MCP endpoint, which is the protected resource the metadata describes. */
export const MCP_PATH = '/mcp';

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
 * Authenticates an MCP request from its `Authorization: Bearer <jwt>` header,
 * with the same tokens and checks as the REST API. Unlike REST, a caller
 * without a token is refused rather than treated as anonymous: MCP clients
 * only start their sign-in flow on a 401, and every business tool but the
 * catalog needs an identity anyway.
 * @example const auth = await principalForMcp(request, env); if (!auth.ok) return challenge(request, auth);
 */
export async function principalForMcp(request: Request, env: TokenConfig): Promise<McpAuthResult> {
  const header = request.headers.get('authorization');
  if (!header) return { ok: false, message: 'Sign-in required: send Authorization: Bearer <token>' };
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return { ok: false, error: 'invalid_request', message: 'Authorization header must be "Bearer <token>"' };
  try {
    const principal = await verifyToken(env, match[1]);
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
 * is this origin: the OAuth provider, when it lands, serves its own metadata
 * at `/.well-known/oauth-authorization-server` here.
 */
export function protectedResourceMetadata(origin: string, resourceName: string) {
  return {
    resource: `${origin}${MCP_PATH}`,
    authorization_servers: [origin],
    bearer_methods_supported: ['header'],
    resource_name: resourceName,
  };
}
