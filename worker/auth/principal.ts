import { DomainError, forbidden } from '../domain/errors';

export const ROLES = ['customer', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling, as established by a verified token and nothing else.
 * `sessionId` is set on customer tokens minted for one chat session.
 * `email` is a claim (typed by someone, proves nothing); `verifiedEmail` is set only
 * from an outside identity provider's token (JWKS path) whose `email_verified` is
 * true, and is the one email that admits bookings carrying it (`booking-views.ts`).
 */
export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      subject: string;
      role: Role;
      name?: string;
      email?: string;
      /** As the identity provider wrote it (compared trimmed and case-insensitively); never from our own HS256 tokens. */
      verifiedEmail?: string;
      sessionId?: string;
    }
  /**
   * The bearer of a booking's manage link (worker/auth/manage-token.ts): no sign-in, one booking. It may
   * view, reschedule and cancel that booking only while its `epoch` is the booking's (a cancel moves it on)
   * and until a few days after the visit; every other domain function refuses it (`requireRole`).
   */
  | { kind: 'manage'; bookingNumber: string; epoch: number };

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;
export type ManagePrincipal = Extract<Principal, { kind: 'manage' }>;

export const ANONYMOUS: Principal = { kind: 'anonymous' };

/** Role name used for permission tables; anonymous callers are `anonymous`, a manage link's bearer `manage`. */
export type Audience = Role | 'anonymous' | 'manage';
export const audienceOf = (p: Principal): Audience => (p.kind === 'user' ? p.role : p.kind);

export const isStaff = (p: Principal): p is UserPrincipal => p.kind === 'user' && (p.role === 'staff' || p.role === 'admin');

/**
 * Asserts that the caller is signed in and has one of `roles`.
 * @example const user = requireRole(ctx.actor, 'staff', 'admin');
 */
export function requireRole(p: Principal, ...roles: Role[]): UserPrincipal {
  if (p.kind === 'anonymous') throw new DomainError('unauthorized', 'Sign-in required');
  if (p.kind !== 'user' || !roles.includes(p.role)) throw forbidden();
  return p;
}

/** Asserts that the caller is signed in, whatever the role. */
export function requireUser(p: Principal): UserPrincipal {
  return requireRole(p, ...ROLES);
}
