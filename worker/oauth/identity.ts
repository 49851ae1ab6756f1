/**
 * Who signs in on the OAuth consent page, and what an OAuth grant remembers of
 * them. `resolveLoginIdentity` is the one function a real identity provider
 * replaces; everything else (consent, codes, tokens, /mcp) only ever sees the
 * `LoginIdentity` it returns, stored as the grant's props.
 */
import { ROLES, type Role, type UserPrincipal } from '../auth/principal';

/** The bindings the sign-in step reads. */
export interface LoginEnv {
  /** "true" enables the DEV LOGIN (no password: pick a role and a name). Anything else disables it. */
  DEV_LOGIN?: string;
}

/**
 * A signed-in person, as stored in an OAuth grant's `props` (encrypted by the
 * provider) and turned back into a principal on every /mcp request.
 */
export interface LoginIdentity {
  subject: string;
  role: Role;
  name?: string;
  email?: string;
}

/** The outcome of a sign-in attempt: an identity, or why there is none (shown on the page). */
export type LoginResult = { ok: true; identity: LoginIdentity } | { ok: false; status: 400 | 403; message: string };

/** Roles the dev login offers. */
export const DEV_LOGIN_ROLES: readonly Role[] = ROLES;

const MAX_NAME_LENGTH = 80;

/** Whether this deployment offers the dev login. Strictly "true": a typo must not open the door. */
export const devLoginEnabled = (env: LoginEnv): boolean => env.DEV_LOGIN === 'true';

/**
 * Whether anyone can sign in here at all; /authorize refuses (403) when not.
 * Part of the same hook as `resolveLoginIdentity`: a real identity provider
 * makes this true.
 */
export const loginAvailable = (env: LoginEnv): boolean => devLoginEnabled(env);

/** A stable, URL-safe subject for a dev-login name, prefixed so it can never collide with a real IdP subject. */
export function devSubject(role: Role, name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `dev-${role}-${slug || 'user'}`;
}

/**
 * Turns a POST of the consent form into the person who is signing in.
 *
 * Today this is the DEV LOGIN: the form's `role` and `name` are taken at
 * their word, which is only acceptable because it is off unless DEV_LOGIN is
 * "true". A production deployment replaces the body of this function with a
 * real identity provider (e.g. verify a Cloudflare Access JWT from the
 * `Cf-Access-Jwt-Assertion` header, or a session cookie set by an upstream
 * OIDC sign-in via the provider's `beginUpstream`/`finishUpstream`) and maps
 * that user to a role; nothing else in the OAuth flow changes.
 * @example const login = await resolveLoginIdentity(request, env); if (!login.ok) return refuse(login);
 */
export async function resolveLoginIdentity(request: Request, env: LoginEnv): Promise<LoginResult> {
  if (!devLoginEnabled(env)) {
    return { ok: false, status: 403, message: 'Sign-in is not configured on this server (DEV_LOGIN is off and no identity provider is plugged in).' };
  }
  // A clone: the caller still reads the consent handle from the same body.
  const form = await request.clone().formData();
  const role = String(form.get('role') ?? '');
  const name = String(form.get('name') ?? '').trim();
  if (!(ROLES as readonly string[]).includes(role)) return { ok: false, status: 400, message: 'Pick a role.' };
  if (!name || name.length > MAX_NAME_LENGTH) return { ok: false, status: 400, message: `Enter a name of 1 to ${MAX_NAME_LENGTH} characters.` };
  return { ok: true, identity: { subject: devSubject(role as Role, name), role: role as Role, name } };
}

/**
 * A grant's props back as a principal, checked field by field: props are our
 * own writing, but a grant outlives code changes, so an unexpected shape is
 * refused rather than trusted. Returns null when they do not describe a user.
 */
export function principalFromGrantProps(props: unknown): UserPrincipal | null {
  if (typeof props !== 'object' || props === null) return null;
  const { subject, role, name, email } = props as Record<string, unknown>;
  if (typeof subject !== 'string' || !subject) return null;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return null;
  return {
    kind: 'user',
    subject,
    role: role as Role,
    ...(typeof name === 'string' && name ? { name } : {}),
    ...(typeof email === 'string' && email ? { email } : {}),
  };
}
