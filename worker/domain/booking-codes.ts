/**
 * Verified identity without an identity provider: a one-time code sent to the phone or email
 * *on a booking* proves the caller holds it, and binds that one booking to their token subject
 * (`booking_grants`), after which the ownership rule (`customerMayAct` in booking-views.ts)
 * admits it for get, list, cancel and reschedule.
 *
 * - The destination is read from the booking, never taken from the caller.
 * - Asking answers the same whether or not the number names a booking, has that channel on
 *   file, or was refused a send: every request writes one `booking_codes` row (with no booking
 *   when nothing was sent), so requests count alike and the reply never varies.
 * - Only an HMAC of the code is stored (keyed with JWT_SECRET, salted per row); a code lasts
 *   10 minutes, allows 5 attempts (each counted before it is compared, in one statement), is
 *   compared in constant time, works once, and only for the subject that asked for it.
 * - Requests are rate limited per caller, session and booking number (`BOOKING_CODES_PER_HOUR`,
 *   429); per destination the same budget silently stops sending (a 429 there would tell that
 *   two numbers share a phone), so nobody can flood a customer's phone with codes.
 */
import { env } from 'cloudflare:workers';
import { z } from 'zod';
import { requireRole, type UserPrincipal } from '../auth/principal';
import { MIN_SECRET_LENGTH } from '../auth/tokens';
import { CODE_CHANNELS, type CodeChannel } from '../db/schema';
import { log } from '../lib/log';
import { getBooking, normalizeBookingNumber, normalizeEmail, type BookingView } from './booking-views';
import { codeSenderFor } from './code-sender';
import type { DomainContext } from './context';
import { toE164 } from './phones';
import { conflict, invalidInput } from './errors';
import { HOUR_MS, rateLimited, writeLimitsOf } from './write-limits';

/** How long a code may be used. */
export const CODE_TTL_MS = 10 * 60_000;
/** Guesses one code allows; the last wrong one locks it. */
export const CODE_MAX_ATTEMPTS = 5;
const DAY_MS = 24 * HOUR_MS;

/** What `request_booking_code` answers, the same for every booking number. */
export const bookingCodeRequestSchema = z.object({
  booking_number: z.string().describe('The number asked about, normalised (BK-YYYY-NNNNNN).'),
  channel: z.enum(CODE_CHANNELS),
  expires_in_seconds: z.int().describe('How long the code can be used.'),
  max_attempts: z.int().describe('Wrong codes allowed before it locks.'),
  message: z.string().describe('What to tell the customer.'),
});
export type BookingCodeRequest = z.infer<typeof bookingCodeRequestSchema>;

const encoder = new TextEncoder();
const hex = (bytes: ArrayBuffer | Uint8Array) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string) => new Uint8Array((text.match(/../g) ?? []).map((h) => parseInt(h, 16)));
const sha256Hex = async (text: string) => hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));

/** A uniformly random 6-digit code (rejection sampling, so no digit string is likelier than another). */
function sixDigitCode(): string {
  const bound = Math.floor(2 ** 32 / 1_000_000) * 1_000_000;
  const word = new Uint32Array(1);
  do crypto.getRandomValues(word);
  while (word[0]! >= bound);
  return String(word[0]! % 1_000_000).padStart(6, '0');
}

let hmacKey: { secret: string; key: Promise<CryptoKey> } | undefined;

/** HMAC-SHA-256 of a code under JWT_SECRET and the row's salt: a copy of D1 alone does not give the codes away. */
async function codeHash(salt: string, code: string): Promise<ArrayBuffer> {
  const secret = (env as { JWT_SECRET?: string }).JWT_SECRET;
  if (!secret || secret.length < MIN_SECRET_LENGTH) throw new Error(`JWT_SECRET must be set to at least ${MIN_SECRET_LENGTH} characters`);
  if (hmacKey?.secret !== secret) {
    hmacKey = { secret, key: crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']) };
  }
  // The prefix keeps these MACs apart from anything else signed with the secret (JWTs never contain NUL).
  return crypto.subtle.sign('HMAC', await hmacKey.key, encoder.encode(`booking-code\0${salt}\0${code}`));
}

interface BookingContact {
  id: number;
  phone: string | null;
  email: string | null;
}

/** The phone and email on booking `number` (its own columns, else its customer row's for older rows), or null. */
function contactOf(ctx: DomainContext, number: string): Promise<BookingContact | null> {
  return ctx.d1
    .prepare(
      `SELECT b.id,
         CASE WHEN b.contact_name IS NOT NULL THEN b.contact_phone ELSE c.phone END AS phone,
         CASE WHEN b.contact_name IS NOT NULL THEN b.contact_email ELSE c.email END AS email
       FROM bookings b JOIN customers c ON c.id = b.customer_id WHERE b.number = ?1`,
    )
    .bind(number)
    .first<BookingContact>();
}

interface RequestScope {
  subject: string;
  sessionId: string | null;
  bookingNumber: string;
}

/** Why `scope` may not ask for another code now (429), or null: caller, session and number each have the hourly budget. */
async function codeRequestLimitError(ctx: DomainContext, scope: RequestScope, limit: number, now: number) {
  const keys: [string, string | null][] = [
    ['subject', scope.subject],
    ['session_id', scope.sessionId],
    ['booking_number', scope.bookingNumber],
  ];
  let blocker: number | null = null;
  for (const [column, key] of keys) {
    if (key === null) continue;
    const row = await ctx.d1
      .prepare(`SELECT created_at AS at FROM booking_codes WHERE ${column} = ?1 AND created_at > ?2 ORDER BY created_at DESC LIMIT 1 OFFSET ?3`)
      .bind(key, now - HOUR_MS, limit - 1)
      .first<{ at: number }>();
    if (row && (blocker === null || row.at > blocker)) blocker = row.at;
  }
  if (blocker === null) return null;
  const retryAfter = Math.max(1, Math.ceil((blocker + HOUR_MS - now) / 1000));
  return rateLimited(`Too many verification codes were asked for (at most ${limit} an hour).`, retryAfter, { reason: 'booking_code_limit', limit });
}

/**
 * Sends a 6-digit code to the phone (`sms`) or email on booking `booking_number`, for the
 * calling customer to pass to `verifyBookingCode` within 10 minutes. Answers the same whether
 * or not the booking exists or has that channel on file. Needs a configured sender
 * (`CODE_SENDER`, else `unavailable`); rate limited per caller, session and number (429).
 * @example await requestBookingCode(ctx, { booking_number: 'BK-2030-000001', channel: 'sms' });
 */
export async function requestBookingCode(ctx: DomainContext, input: { booking_number: string; channel: CodeChannel }): Promise<BookingCodeRequest> {
  const actor = requireRole(ctx.actor, 'customer');
  const wanted = normalizeBookingNumber(input.booking_number);
  // Before anything is read: with no sender every number gets the same 503.
  const sender = codeSenderFor(ctx.d1, ctx.now);
  const limit = writeLimitsOf(ctx).bookingCodesPerHour;
  const now = ctx.now();
  const scope: RequestScope = { subject: actor.subject, sessionId: actor.sessionId ?? null, bookingNumber: wanted };
  const refusal = await codeRequestLimitError(ctx, scope, limit, now);
  if (refusal) throw refusal;

  const booking = await contactOf(ctx, wanted);
  const to = (input.channel === 'sms' ? booking?.phone : booking?.email)?.trim() || null;
  const destination = to ? (input.channel === 'sms' ? `p:${toE164(to) ?? to.replace(/\D/g, '')}` : `e:${normalizeEmail(to)}`) : `x:${crypto.randomUUID()}`;
  const code = sixDigitCode();
  const salt = hex(crypto.getRandomValues(new Uint8Array(16)));
  const since = now - HOUR_MS;
  // One statement: the caller/session/number budget as its WHERE (concurrent requests cannot pass it), and the
  // booking id only while the destination's budget lasts (no id: nothing is sent, and the code can never work).
  const row = await ctx.d1
    .prepare(
      `INSERT INTO booking_codes (booking_number, booking_id, subject, session_id, channel, destination_digest, salt, code_hash,
         expires_at, attempts, used_at, created_at)
       SELECT ?1,
         CASE WHEN ?2 IS NOT NULL AND (SELECT count(*) FROM booking_codes WHERE destination_digest = ?6 AND booking_id IS NOT NULL AND created_at > ?11) < ?12
           THEN ?2 END,
         ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, NULL, ?10
       WHERE (SELECT count(*) FROM booking_codes WHERE subject = ?3 AND created_at > ?11) < ?12
         AND (?4 IS NULL OR (SELECT count(*) FROM booking_codes WHERE session_id = ?4 AND created_at > ?11) < ?12)
         AND (SELECT count(*) FROM booking_codes WHERE booking_number = ?1 AND created_at > ?11) < ?12
       RETURNING id, booking_id`,
    )
    .bind(
      wanted,
      to ? booking!.id : null,
      actor.subject,
      scope.sessionId,
      input.channel,
      await sha256Hex(destination),
      salt,
      hex(await codeHash(salt, code)),
      now + CODE_TTL_MS,
      now,
      since,
      limit,
    )
    .first<{ id: number; booking_id: number | null }>();
  if (!row) throw (await codeRequestLimitError(ctx, scope, limit, now)) ?? conflict('Too many codes asked for at once; please try again');
  // Old rows go (a day is more than any window that counts them); grants stay.
  await ctx.d1.prepare('DELETE FROM booking_codes WHERE created_at <= ?1').bind(now - DAY_MS).run();

  if (row.booking_id !== null && to) {
    const business = (env as { BUSINESS_NAME?: string }).BUSINESS_NAME || 'We';
    const text =
      `${business}: ${code} is your code to manage booking ${wanted}. It expires in 10 minutes. ` +
      'Nobody from us will ask you for it; if you did not ask for it, ignore this message.';
    try {
      await sender.send({ channel: input.channel, to, text, ...(input.channel === 'email' ? { subject: `Your code for booking ${wanted}` } : {}) });
    } catch (err) {
      // Answered like any other request: a failure only where a booking exists would tell it exists.
      log.error('booking_code_send_failed', { sender: sender.name, channel: input.channel, error: String(err) });
    }
  } else if (booking && to) {
    log.warn('booking_code_destination_limit', { channel: input.channel, booking_number: wanted });
  }
  const where = input.channel === 'sms' ? 'a phone number' : 'an email address';
  return {
    booking_number: wanted,
    channel: input.channel,
    expires_in_seconds: CODE_TTL_MS / 1000,
    max_attempts: CODE_MAX_ATTEMPTS,
    message:
      `If ${wanted} is a booking with ${where} on file, a 6-digit code was just sent there. ` +
      'Ask the customer for it and pass it to verify_booking_code within 10 minutes; never say where it was sent.',
  };
}

interface CodeRow {
  id: number;
  booking_id: number | null;
  salt: string;
  code_hash: string;
  expires_at: number;
  attempts: number;
  used_at: number | null;
}

/** A code that can no longer be used: 409 with the reason, and what to do. */
const unusable = (reason: 'no_code' | 'code_used' | 'code_expired' | 'code_locked', message: string) =>
  conflict(`${message} Ask for a new code with request_booking_code.`, { reason });

/**
 * Checks `code` against the caller's latest code for `booking_number` and, when it is right,
 * binds that booking to their subject (a `booking_grants` row) and returns it in full. A wrong
 * code is `invalid_input` with `details.attempts_left`; none asked for, used, expired or locked
 * (5 wrong) is `conflict` with `details.reason`.
 * @example await verifyBookingCode(ctx, { booking_number: 'BK-2030-000001', code: '123456' });
 */
export async function verifyBookingCode(ctx: DomainContext, input: { booking_number: string; code: string }): Promise<BookingView> {
  const actor: UserPrincipal = requireRole(ctx.actor, 'customer');
  const wanted = normalizeBookingNumber(input.booking_number);
  const now = ctx.now();
  const latest = await ctx.d1
    .prepare(
      'SELECT id, booking_id, salt, code_hash, expires_at, attempts, used_at FROM booking_codes WHERE booking_number = ?1 AND subject = ?2 ORDER BY id DESC LIMIT 1',
    )
    .bind(wanted, actor.subject)
    .first<CodeRow>();
  if (!latest) throw unusable('no_code', `No code was asked for ${wanted} in this conversation.`);
  if (latest.used_at !== null) throw unusable('code_used', 'That code was already used.');
  if (latest.expires_at <= now) throw unusable('code_expired', 'That code has expired (codes last 10 minutes).');
  if (latest.attempts >= CODE_MAX_ATTEMPTS) throw unusable('code_locked', `That code was entered wrong ${CODE_MAX_ATTEMPTS} times and is locked.`);

  // The attempt is counted before the comparison, in one statement: concurrent guesses cannot exceed the budget.
  const counted = await ctx.d1
    .prepare('UPDATE booking_codes SET attempts = attempts + 1 WHERE id = ?1 AND used_at IS NULL AND expires_at > ?2 AND attempts < ?3 RETURNING attempts')
    .bind(latest.id, now, CODE_MAX_ATTEMPTS)
    .first<{ attempts: number }>();
  if (!counted) throw unusable('code_locked', 'That code can no longer be used.');
  const given = input.code.replace(/\D/g, '');
  const right = crypto.subtle.timingSafeEqual(await codeHash(latest.salt, given), fromHex(latest.code_hash));
  // A row with no booking was never sent to anyone: even a lucky guess is wrong.
  if (!right || latest.booking_id === null) {
    const left = CODE_MAX_ATTEMPTS - counted.attempts;
    throw invalidInput(
      left > 0 ? `That code is not right; ${left} ${left === 1 ? 'attempt' : 'attempts'} left.` : 'That code is not right, and it is now locked. Ask for a new code with request_booking_code.',
      { reason: 'code_wrong', attempts_left: left },
    );
  }
  const [used] = await ctx.d1.batch([
    ctx.d1.prepare('UPDATE booking_codes SET used_at = ?2 WHERE id = ?1 AND used_at IS NULL').bind(latest.id, now),
    ctx.d1
      .prepare('INSERT OR IGNORE INTO booking_grants (booking_id, subject, channel, granted_at) SELECT booking_id, subject, channel, used_at FROM booking_codes WHERE id = ?1 AND used_at = ?2')
      .bind(latest.id, now),
  ]);
  if (!used?.meta.changes) throw unusable('code_used', 'That code was already used.');
  log.info('booking_code_verified', { booking_number: wanted });
  return getBooking(ctx, wanted);
}
