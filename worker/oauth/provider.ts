/**
 * The OAuth 2.1 authorization server that MCP connectors (claude.ai, ChatGPT,
 * the Inspector) sign in through: @cloudflare/workers-oauth-provider's
 * `OAuthAuthorizationServer` serves the RFC 8414 metadata, dynamic client
 * registration (RFC 7591), the token endpoint (PKCE S256 only, rotating
 * refresh tokens, revocation) and validates the opaque tokens it issues.
 * State lives in the OAUTH_KV namespace, tokens and codes only as hashes.
 *
 * Why the role-based server and not the combined `OAuthProvider` wrapped
 * around /mcp: the provider fixes its issuer and resource as absolute URLs at
 * construction, while this Worker answers on whatever origin it is reached at
 * (127.0.0.1:<port> in dev and tests, workers.dev, a custom domain), and /mcp
 * must keep accepting our own HS256 JWTs with our own 401 challenge. So one
 * server per origin is built on first use, and /mcp stays our route: it asks
 * `principalFromOAuthToken` about tokens that are not JWTs.
 */
import { OAuthAuthorizationServer } from '@cloudflare/workers-oauth-provider';
import type { UserPrincipal } from '../auth/principal';
import { log } from '../lib/log';
import { mcpResource } from '../mcp/paths';
import { principalFromGrantProps } from './identity';

/** The consent page (ours, worker/oauth/authorize.ts). */
export const AUTHORIZE_PATH = '/authorize';
/** Token endpoint (code and refresh grants, RFC 7009 revocation), served by the provider. */
export const TOKEN_PATH = '/oauth/token';
/** RFC 7591 dynamic client registration, served by the provider. */
export const REGISTER_PATH = '/oauth/register';
/** RFC 8414 metadata of the issuer `<origin>` (no path), served by the provider. */
export const AS_METADATA_PATH = '/.well-known/oauth-authorization-server';

/** Paths the provider itself answers; everything else is the app's. */
export const PROVIDER_PATHS: ReadonlySet<string> = new Set([AS_METADATA_PATH, TOKEN_PATH, REGISTER_PATH]);

/**
 * Seconds a dynamically registered client lives unused: 30 days, as long as a refresh token (the
 * provider's default `refreshTokenTTL`). A client that keeps exchanging tokens is renewed by the
 * provider past half of it; one that registered and never came back (or was registered by a script)
 * is gone from OAUTH_KV after it, instead of after the provider's default 90 days.
 */
export const CLIENT_REGISTRATION_TTL = 30 * 24 * 60 * 60;

/** Upper bound on cached servers: a deployment has a handful of hostnames; anything past that is noise. */
const MAX_CACHED_ORIGINS = 32;
const servers = new Map<string, OAuthAuthorizationServer | null>();

function build(origin: string): OAuthAuthorizationServer | null {
  try {
    return new OAuthAuthorizationServer({
      issuer: origin,
      resources: [mcpResource(origin)],
      authorizeEndpoint: AUTHORIZE_PATH,
      tokenEndpoint: TOKEN_PATH,
      clientRegistrationEndpoint: REGISTER_PATH,
      clientRegistrationTTL: CLIENT_REGISTRATION_TTL,
      // Client ID Metadata Documents: a connector may name itself by an https URL (its metadata document)
      // instead of registering first; the provider fetches it (https only, size and time capped; safe with
      // the global_fetch_strictly_public flag) and the consent page shows the domain that published it.
      clientIdMetadataDocumentEnabled: true,
      // No scopes: what a caller may do is decided by the role in the grant, exactly as for our JWTs.
      onError: ({ code, status, internal }) => {
        log.warn('oauth_error', { code, status, category: internal.category, reason: internal.reason });
      },
    });
  } catch (err) {
    // The provider refuses issuers it cannot honour: plain http on a non-loopback host (OAuth 2.1 needs https).
    if (err instanceof TypeError) return null;
    throw err;
  }
}

/**
 * The authorization server for requests that arrived at `origin`, or null
 * when OAuth cannot be offered there (http on a non-loopback host). The
 * issuer is the request's own origin: on Cloudflare only hostnames routed to
 * this Worker reach it, and a token is bound to its origin's /mcp, so a token
 * issued on one hostname is refused on another.
 * @example const as = authorizationServerFor(new URL(request.url).origin);
 */
export function authorizationServerFor(origin: string): OAuthAuthorizationServer | null {
  let server = servers.get(origin);
  if (server === undefined) {
    if (servers.size >= MAX_CACHED_ORIGINS) servers.clear();
    server = build(origin);
    servers.set(origin, server);
  }
  return server;
}

/** Whether `token` has the provider's shape (`userId:grantId:secret`) rather than a JWT's (`a.b.c`). */
export const isProviderToken = (token: string): boolean => token.split(':').length === 3;

/**
 * The principal behind an access token this server issued for /mcp on
 * `origin`: the token's KV record must exist, be unexpired and have that
 * resource as its audience, and the grant's props must name a user. Null for
 * anything else, so the caller answers 401 invalid_token.
 */
export async function principalFromOAuthToken(origin: string, token: string, env: Env): Promise<UserPrincipal | null> {
  const server = authorizationServerFor(origin);
  if (!server) return null;
  const validated = await server.validateToken(mcpResource(origin), token, env);
  return validated ? principalFromGrantProps(validated.props) : null;
}
