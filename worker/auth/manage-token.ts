/**
 * Manage links: a signed token that lets whoever holds a booking's link view, reschedule or cancel that
 * one booking without signing in. HS256 with jose, under a key derived from JWT_SECRET by HKDF (so a
 * manage token can never verify as a bearer JWT, nor the reverse, and there is no second secret to
 * operate; rotating JWT_SECRET revokes every link). Its own `typ` and audience keep the two apart too.
 *
 * The token carries the booking number and the booking's `manage_epoch` when it was minted; the domain
 * layer accepts it only while that epoch is still the booking's (a cancel moves it on) and until
 * MANAGE_LINK_GRACE_DAYS after the visit's current end (booking-views.ts `loadBookingForActor`), so it
 * keeps working after a reschedule. Links carry it in the URL fragment (`/manage.html#t=…`), which
 * browsers never send to a server; the manage page sends it as `Authorization: Bearer`.
 */
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import type { ManagePrincipal } from './principal';
import { MIN_SECRET_LENGTH, TokenError, type TokenConfig } from './tokens';

/** The `typ` header of a manage token: what tells the authenticate middleware which verifier to use. */
export const MANAGE_TOKEN_TYPE = 'booking-manage+jwt';
const MANAGE_AUDIENCE = 'switchboard-manage';
/** How long a manage link is valid after the visit's end (checked against the booking as it is now). */
export const MANAGE_LINK_GRACE_DAYS = 7;
/** A hard cap on the token itself, whatever the booking does: a year and a bit (bookings are at most a horizon ahead). */
const MANAGE_TOKEN_LIFETIME_SECONDS = 400 * 86_400;
const BOOKING_NUMBER = /^BK-\d{4}-\d{6}$/;

const encoder = new TextEncoder();
let derived: { secret: string; key: Promise<Uint8Array> } | undefined;

/** The manage-link key: HKDF-SHA-256 of JWT_SECRET with its own `info`, never JWT_SECRET itself. */
function manageKey(config: Pick<TokenConfig, 'JWT_SECRET'>): Promise<Uint8Array> {
  const secret = config.JWT_SECRET;
  if (!secret || secret.length < MIN_SECRET_LENGTH) throw new Error(`JWT_SECRET must be set to at least ${MIN_SECRET_LENGTH} characters`);
  if (derived?.secret !== secret) {
    const key = crypto.subtle
      .importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveBits'])
      .then((base) => crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode('switchboard manage-link v1') }, base, 256))
      .then((bits) => new Uint8Array(bits));
    derived = { secret, key };
  }
  return derived.key;
}

/**
 * A manage token for booking `number` at its current `epoch`.
 * @example const t = await signManageToken(env, { bookingNumber: 'BK-2030-000001', epoch: 0 });
 */
export async function signManageToken(config: TokenConfig, booking: { bookingNumber: string; epoch: number }): Promise<string> {
  return new SignJWT({ ep: booking.epoch })
    .setProtectedHeader({ alg: 'HS256', typ: MANAGE_TOKEN_TYPE })
    .setSubject(booking.bookingNumber)
    .setIssuer(config.JWT_ISSUER)
    .setAudience(MANAGE_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + MANAGE_TOKEN_LIFETIME_SECONDS)
    .sign(await manageKey(config));
}

/** Whether a bearer token says it is a manage token (only which verifier to use; the signature decides). */
export function isManageToken(token: string): boolean {
  try {
    return decodeProtectedHeader(token).typ === MANAGE_TOKEN_TYPE;
  } catch {
    return false;
  }
}

/** Verifies a manage token (signature, type, issuer, audience, expiry) and returns its principal; TokenError otherwise. */
export async function verifyManageToken(config: TokenConfig, token: string): Promise<ManagePrincipal> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, await manageKey(config), {
      algorithms: ['HS256'],
      typ: MANAGE_TOKEN_TYPE,
      issuer: config.JWT_ISSUER,
      audience: MANAGE_AUDIENCE,
      maxTokenAge: MANAGE_TOKEN_LIFETIME_SECONDS,
    }));
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('JWT_SECRET')) throw err;
    throw new TokenError(err instanceof Error ? err.message : 'invalid manage token');
  }
  const epoch = payload.ep;
  if (typeof payload.sub !== 'string' || !BOOKING_NUMBER.test(payload.sub)) throw new TokenError('manage token has no booking number');
  if (typeof epoch !== 'number' || !Number.isInteger(epoch) || epoch < 0) throw new TokenError('manage token has no epoch');
  return { kind: 'manage', bookingNumber: payload.sub, epoch };
}
