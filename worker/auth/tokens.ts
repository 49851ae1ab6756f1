/**
 * Token minting and verification with jose. Only type imports from our code, so
 * Node scripts (`npm run token`) load this file as it is.
 */
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Principal, Role } from './principal';

export interface TokenConfig {
  JWT_SECRET?: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  /** An outside issuer's key set; tokens with an asymmetric `alg` are checked against it. */
  JWT_JWKS_URL?: string;
}

export interface TokenClaims {
  sub: string;
  role: Role;
  name?: string;
  email?: string;
  /** Chat session the token is scoped to (customer tokens minted by the widget flow). */
  sid?: string;
}

const ROLE_SET = new Set<string>(['customer', 'staff', 'admin']);
/** Shortest HS256 secret accepted (also checked by `npm run dev` before it starts). */
export const MIN_SECRET_LENGTH = 32;

/**
 * Longest lifetime (`exp − iat`) of a token we accept or mint: 30 days. A token must say when it was
 * issued and when it expires; one that does not, or that would live longer, is refused.
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 30 * 86_400;
/** How far ahead of our clock an `iat` may be (clock skew between an issuer and us). */
const CLOCK_SKEW_SECONDS = 60;

/** A verified token: who it is for, and when it stops being valid (epoch ms). */
export interface VerifiedToken {
  principal: Principal;
  expiresAt: number;
}

export class TokenError extends Error {
  override readonly name = 'TokenError';
}

/** The HMAC key of the last secret used: importing it is most of what verifying a token costs. */
let hmacKey: { secret: string; key: Promise<CryptoKey> } | undefined;

function secretKey(config: TokenConfig): Promise<CryptoKey> {
  const secret = config.JWT_SECRET;
  if (!secret || secret.length < MIN_SECRET_LENGTH) {
    // A missing or short secret is an operator error: fail closed, never accept unsigned tokens.
    throw new Error(`JWT_SECRET must be set to at least ${MIN_SECRET_LENGTH} characters`);
  }
  if (hmacKey?.secret !== secret) {
    const key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    hmacKey = { secret, key };
    key.catch(() => (hmacKey = undefined));
  }
  return hmacKey.key;
}

/**
 * Signs an HS256 token.
 * @example await signToken(env, { sub: 'alice', role: 'staff' }, '12h')
 */
export async function signToken(config: TokenConfig, claims: TokenClaims, expiresIn: string | number = '12h'): Promise<string> {
  const { sub, ...rest } = claims;
  const token = await new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(await secretKey(config));
  // jose parses the time span; what it made is checked against the bound verifyToken applies.
  const { iat, exp } = decodeJwt(token);
  if (iat === undefined || exp === undefined || exp - iat > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new RangeError(`A token may live at most 30 days (asked for ${String(expiresIn)})`);
  }
  return token;
}

/** The token's expiry (epoch ms), after checking it has `iat` and `exp` and a lifetime within the bound. */
function boundedExpiry(payload: JWTPayload): number {
  // jose has already refused an `exp` in the past and non-numeric `iat`/`exp`; absent ones are ours to refuse.
  if (typeof payload.exp !== 'number') throw new TokenError('token has no expiry (exp)');
  if (typeof payload.iat !== 'number') throw new TokenError('token has no issue time (iat)');
  if (payload.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) throw new TokenError('token is issued in the future (iat)');
  if (payload.exp - payload.iat > MAX_TOKEN_LIFETIME_SECONDS) throw new TokenError('token lifetime (exp - iat) exceeds 30 days');
  return payload.exp * 1000;
}

const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** What an outside issuer may sign with: asymmetric algorithms only (HS256 is ours, checked with JWT_SECRET). */
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/**
 * Where a token came from decides what its claims prove. `issuer` is an outside identity provider
 * (checked against JWT_JWKS_URL): its `email_verified: true` makes its `email` a verified one.
 * `self` is a token we signed (HS256: `npm run token`, chat sessions), whose email is only what
 * someone typed, whatever claims it carries.
 */
type TokenSource = 'self' | 'issuer';

function principalFrom(payload: JWTPayload, source: TokenSource): Principal {
  const role = payload.role;
  if (typeof payload.sub !== 'string' || !payload.sub) throw new TokenError('token has no subject');
  if (typeof role !== 'string' || !ROLE_SET.has(role)) throw new TokenError('token has no valid role');
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const name = str(payload.name);
  const email = str(payload.email);
  const sessionId = str(payload.sid);
  // Only the boolean `true` (OpenID Connect Core 5.1); a string "true" or a missing claim verifies nothing.
  const verifiedEmail = source === 'issuer' && payload.email_verified === true ? email?.trim() || undefined : undefined;
  return {
    kind: 'user',
    subject: payload.sub,
    role: role as Role,
    ...(name ? { name } : {}),
    ...(email ? { email } : {}),
    ...(verifiedEmail ? { verifiedEmail } : {}),
    ...(sessionId ? { sessionId } : {}),
  };
}

/**
 * Verifies a bearer token (signature, expiry, issuer, audience) and returns
 * its principal. Throws TokenError for any token that is not valid.
 */
export async function verifyToken(config: TokenConfig, token: string): Promise<Principal> {
  return (await verifyTokenWithExpiry(config, token)).principal;
}

/**
 * Verifies a bearer token like `verifyToken` and also returns when it expires, for
 * connections that outlive the request (WebSockets close when their token expires).
 * A token needs `exp` and `iat`, with `exp − iat` at most 30 days (MAX_TOKEN_LIFETIME_SECONDS).
 */
export async function verifyTokenWithExpiry(config: TokenConfig, token: string): Promise<VerifiedToken> {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw new TokenError('malformed token');
  }
  const options = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
  try {
    if (alg === 'HS256') {
      const { payload } = await jwtVerify(token, await secretKey(config), { ...options, algorithms: ['HS256'] });
      return { principal: principalFrom(payload, 'self'), expiresAt: boundedExpiry(payload) };
    }
    if (config.JWT_JWKS_URL) {
      let jwks = jwksCache.get(config.JWT_JWKS_URL);
      if (!jwks) {
        jwks = createRemoteJWKSet(new URL(config.JWT_JWKS_URL));
        jwksCache.set(config.JWT_JWKS_URL, jwks);
      }
      const { payload } = await jwtVerify(token, jwks, { ...options, algorithms: JWKS_ALGORITHMS });
      return { principal: principalFrom(payload, 'issuer'), expiresAt: boundedExpiry(payload) };
    }
  } catch (err) {
    if (err instanceof TokenError) throw err;
    if (err instanceof Error && err.message.startsWith('JWT_SECRET')) throw err;
    throw new TokenError(err instanceof Error ? err.message : 'invalid token');
  }
  throw new TokenError(`unsupported token algorithm ${alg ?? '(none)'}`);
}
