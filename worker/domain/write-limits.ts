/**
 * Abuse limits on customers' writes, enforced here (the domain layer) so every
 * surface meets them: REST, the chat agent, MCP and voice all reach the domain
 * through the tool registry. Staff and admins are exempt.
 *
 * - active bookings (confirmed, not started yet) per customer (token
 *   subject) and per phone: `conflict` (409), listing the customer's own ones;
 * - bookings created per customer and per chat session (the token's `sid`) in
 *   any 24 hours, and tickets opened per customer and per session in any hour:
 *   `rate_limited` (429) with `details.retry_after` in seconds;
 * - failed "find my booking" look-ups (see `findBooking`) per caller, session,
 *   booking number and detail in any hour: `rate_limited` (429);
 * - one-time codes requested (see booking-codes.ts) per caller, session,
 *   booking number and destination in any hour: `rate_limited` (429).
 *
 * Each number is a var in wrangler.jsonc (defaults below). A read before the
 * write explains a refusal; the write itself repeats the count inside the same
 * statement as the insert (`INSERT … SELECT … WHERE <guard>`, in the write's
 * one D1 transaction), so concurrent creates cannot slip past the limit.
 */
import { env } from 'cloudflare:workers';
import type { UserPrincipal } from '../auth/principal';
import { log } from '../lib/log';
import type { DomainContext } from './context';
import { conflict, DomainError } from './errors';

export interface WriteLimits {
  /** Active bookings one customer may hold (`BOOKINGS_ACTIVE_PER_CUSTOMER`). */
  activeBookingsPerCustomer: number;
  /** Active self-service bookings one phone number may hold, whoever made them (`BOOKINGS_ACTIVE_PER_PHONE`). */
  activeBookingsPerPhone: number;
  /** Bookings one customer, or one chat session, may create in any 24 hours (`BOOKINGS_PER_CUSTOMER_PER_DAY`). */
  bookingsPerDay: number;
  /** Tickets one customer, or one chat session, may open in any hour (`TICKETS_PER_CUSTOMER_PER_HOUR`). */
  ticketsPerHour: number;
  /** Failed booking look-ups per caller, session, booking number or detail in any hour (`BOOKING_LOOKUP_FAILURES_PER_HOUR`). */
  lookupFailuresPerHour: number;
  /** One-time booking codes per caller, session, booking number or destination in any hour (`BOOKING_CODES_PER_HOUR`). */
  bookingCodesPerHour: number;
}

/** The defaults, also in wrangler.jsonc `vars`, the README and docs/API.md. */
export const DEFAULT_WRITE_LIMITS: Readonly<WriteLimits> = {
  activeBookingsPerCustomer: 3,
  activeBookingsPerPhone: 3,
  bookingsPerDay: 6,
  ticketsPerHour: 5,
  lookupFailuresPerHour: 5,
  bookingCodesPerHour: 3,
};

/** The var that sets each limit. */
export const WRITE_LIMIT_VARS: Readonly<Record<keyof WriteLimits, string>> = {
  activeBookingsPerCustomer: 'BOOKINGS_ACTIVE_PER_CUSTOMER',
  activeBookingsPerPhone: 'BOOKINGS_ACTIVE_PER_PHONE',
  bookingsPerDay: 'BOOKINGS_PER_CUSTOMER_PER_DAY',
  ticketsPerHour: 'TICKETS_PER_CUSTOMER_PER_HOUR',
  lookupFailuresPerHour: 'BOOKING_LOOKUP_FAILURES_PER_HOUR',
  bookingCodesPerHour: 'BOOKING_CODES_PER_HOUR',
};

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const warned = new Set<string>();

/**
 * The limits a set of vars asks for: each a positive integer; anything else
 * (unset, empty, "0", "lots") keeps the default, with one warning per bad value.
 * @example writeLimitsFrom({ BOOKINGS_ACTIVE_PER_CUSTOMER: '5' }).activeBookingsPerCustomer // 5
 */
export function writeLimitsFrom(vars: Readonly<Record<string, unknown>>): WriteLimits {
  const limits = { ...DEFAULT_WRITE_LIMITS };
  for (const key of Object.keys(WRITE_LIMIT_VARS) as (keyof WriteLimits)[]) {
    const name = WRITE_LIMIT_VARS[key];
    const raw = vars[name];
    if (raw === undefined || raw === '') continue;
    const value = typeof raw === 'number' ? raw : /^\s*\d+\s*$/.test(String(raw)) ? Number(raw) : NaN;
    if (Number.isSafeInteger(value) && value >= 1) limits[key] = value;
    else if (!warned.has(`${name}=${String(raw)}`)) {
      warned.add(`${name}=${String(raw)}`);
      log.warn('write_limit_var_invalid', { var: name, value: String(raw), using: limits[key] });
    }
  }
  return limits;
}

const overrides = new WeakMap<DomainContext, WriteLimits>();

/**
 * A copy of `ctx` whose calls use these limits instead of the vars' (for
 * tests and tools that need another budget; identity is unchanged).
 * @example const ctx2 = withWriteLimits(ctx, { ticketsPerHour: 1 });
 */
export function withWriteLimits(ctx: DomainContext, limits: Partial<WriteLimits>): DomainContext {
  const copy: DomainContext = { ...ctx };
  overrides.set(copy, { ...writeLimitsOf(ctx), ...limits });
  return copy;
}

/** The limits that apply to calls made with `ctx`: its override, else the Worker's vars. */
export function writeLimitsOf(ctx: DomainContext): WriteLimits {
  return overrides.get(ctx) ?? writeLimitsFrom(env as unknown as Record<string, unknown>);
}

/** The caller the limits apply to: a customer. Staff and admins are exempt (null). */
export function limitedCaller(ctx: DomainContext): (UserPrincipal & { role: 'customer' }) | null {
  const actor = ctx.actor;
  return actor.kind === 'user' && actor.role === 'customer' ? (actor as UserPrincipal & { role: 'customer' }) : null;
}

/** Seconds until a window entry made at `at` leaves a window of `windowMs`, at least 1. */
const secondsUntil = (at: number, windowMs: number, now: number) => Math.max(1, Math.ceil((at + windowMs - now) / 1000));

const inWords = (seconds: number) =>
  seconds < 90 ? `${seconds} seconds` : seconds < 5400 ? `${Math.ceil(seconds / 60)} minutes` : `${Math.round(seconds / 3600)} hours`;

/** A `rate_limited` error a model can read: what happened, when to retry, and `details.retry_after` (seconds). */
export function rateLimited(message: string, retryAfter: number, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('rate_limited', `${message} Please try again in about ${inWords(retryAfter)}.`, { retry_after: retryAfter, ...details });
}

/**
 * Named parameters (`:name`) of `sql` as numbered ones starting at `first`,
 * so a guard can be appended to a statement that already binds ?1…?(first-1).
 */
function numbered(sql: string, values: Record<string, unknown>, first: number): { sql: string; params: unknown[] } {
  const names = Object.keys(values);
  const text = sql.replace(/:([a-z_]+)/g, (_, name: string) => {
    const i = names.indexOf(name);
    if (i < 0) throw new Error(`guard parameter :${name} has no value`);
    return `?${first + i}`;
  });
  return { sql: text, params: names.map((n) => values[n]) };
}

/** A guard that always passes: staff and admins. */
const OPEN_GUARD = { sql: '1', params: [] as unknown[] };

// ---------------------------------------------------------------------------------------------
// Bookings

const ACTIVE = "('confirmed')";

/** Who a booking being created counts against. */
export interface BookingScope {
  subject: string;
  sessionId: string | null;
  /** The booking's phone in E.164 (worker/domain/phones.ts). */
  phoneE164: string;
}

// Active = confirmed and not started. "Self-service" bookings by phone are those on a
// customer row with a token subject: what staff book for a phone-in caller never counts here.
const BOOKING_GUARD = `(
    (SELECT count(*) FROM bookings WHERE created_by = :subject AND status IN ${ACTIVE} AND starts_at > :now) < :active_limit
    AND (SELECT count(*) FROM bookings b JOIN customers c ON c.id = b.customer_id
         WHERE b.phone_e164 = :phone_number AND b.status IN ${ACTIVE} AND b.starts_at > :now AND c.subject IS NOT NULL) < :phone_limit
    AND (SELECT count(*) FROM bookings WHERE created_by = :subject AND created_at > :since) < :day_limit
    AND (:session_id IS NULL OR (SELECT count(*) FROM bookings WHERE session_id = :session_id AND created_at > :since) < :day_limit)
  )`;

/**
 * The SQL condition (and its values, numbered from `first`) under which
 * `scope` may create one more booking now; `1` for staff.
 */
export function bookingGuard(ctx: DomainContext, scope: BookingScope, first: number): { sql: string; params: unknown[] } {
  if (!limitedCaller(ctx)) return OPEN_GUARD;
  const limits = writeLimitsOf(ctx);
  const now = ctx.now();
  return numbered(
    BOOKING_GUARD,
    {
      subject: scope.subject,
      now,
      active_limit: limits.activeBookingsPerCustomer,
      phone_number: scope.phoneE164,
      phone_limit: limits.activeBookingsPerPhone,
      since: now - DAY_MS,
      day_limit: limits.bookingsPerDay,
      session_id: scope.sessionId,
    },
    first,
  );
}

/**
 * The read of the `created_at` that must leave a window (rows of `table` whose `column` is `key`, made after
 * `since`) before one more fits under `limit`: no row means there is room. A NULL key matches no row.
 */
const windowBlocker = (ctx: DomainContext, table: 'bookings' | 'tickets', column: string, key: string | null, since: number, limit: number) =>
  ctx.d1.prepare(`SELECT created_at AS at FROM ${table} WHERE ${column} = ?1 AND created_at > ?2 ORDER BY created_at DESC LIMIT 1 OFFSET ?3`).bind(key, since, limit - 1);

/** The first full window of the customer's and the session's (windowBlocker results, in that order), if one is. */
function fullWindow(customer: D1Result<{ at?: number }> | undefined, session: D1Result<{ at?: number }> | undefined) {
  for (const [scope, window] of [['customer', customer], ['session', session]] as const) {
    const at = window?.results[0]?.at;
    if (at !== undefined) return { scope, at };
  }
  return undefined;
}

/**
 * Why `scope` may not create a booking now, or null if it may. Read-only: it
 * explains refusals (and is asked again when the guard refused a racing write).
 * Its four reads go in one round trip and are judged in order.
 */
export async function bookingLimitError(ctx: DomainContext, scope: BookingScope): Promise<DomainError | null> {
  if (!limitedCaller(ctx)) return null;
  const limits = writeLimitsOf(ctx);
  const now = ctx.now();
  const since = now - DAY_MS;
  const [active, byPhone, customerWindow, sessionWindow] = await ctx.d1.batch<{ number?: string; n?: number; at?: number }>([
    ctx.d1.prepare(`SELECT number FROM bookings WHERE created_by = ?1 AND status IN ${ACTIVE} AND starts_at > ?2 ORDER BY starts_at, id`).bind(scope.subject, now),
    ctx.d1
      .prepare(
        `SELECT count(*) AS n FROM bookings b JOIN customers c ON c.id = b.customer_id
         WHERE b.phone_e164 = ?1 AND b.status IN ${ACTIVE} AND b.starts_at > ?2 AND c.subject IS NOT NULL`,
      )
      .bind(scope.phoneE164, now),
    windowBlocker(ctx, 'bookings', 'created_by', scope.subject, since, limits.bookingsPerDay),
    windowBlocker(ctx, 'bookings', 'session_id', scope.sessionId, since, limits.bookingsPerDay),
  ]);
  const mine = active!.results.map((r) => String(r.number));
  if (mine.length >= limits.activeBookingsPerCustomer) {
    return conflict(
      `You already have ${mine.length} active bookings: ${mine.join(', ')}. The limit is ${limits.activeBookingsPerCustomer}; ` +
        'cancel one, or wait until one is done, before booking another, or ask for a person to help.',
      { reason: 'active_bookings_limit', limit: limits.activeBookingsPerCustomer, active_bookings: mine },
    );
  }
  if ((byPhone!.results[0]?.n ?? 0) >= limits.activeBookingsPerPhone) {
    // Never name them: they may be someone else's bookings.
    return conflict(
      `This phone number already has ${limits.activeBookingsPerPhone} active bookings, the most we take online for one number; ` +
        'please ask for a person to book more.',
      { reason: 'active_bookings_per_phone_limit', limit: limits.activeBookingsPerPhone },
    );
  }
  const full = fullWindow(customerWindow, sessionWindow);
  if (!full) return null;
  return rateLimited(
    `${full.scope === 'customer' ? 'You have' : 'This conversation has'} made ${limits.bookingsPerDay} bookings in the last 24 hours, the most we take online.`,
    secondsUntil(full.at, DAY_MS, now),
    { reason: 'bookings_per_day_limit', scope: full.scope, limit: limits.bookingsPerDay, window_seconds: DAY_MS / 1000 },
  );
}

/** Throws the reason `scope` may not create a booking now, if there is one. */
export async function assertBookingAllowed(ctx: DomainContext, scope: BookingScope): Promise<void> {
  const error = await bookingLimitError(ctx, scope);
  if (error) throw error;
}

// ---------------------------------------------------------------------------------------------
// Tickets

export interface TicketScope {
  subject: string;
  sessionId: string | null;
}

const TICKET_GUARD = `(
    (SELECT count(*) FROM tickets WHERE opened_by = :subject AND created_at > :since) < :limit
    AND (:session_id IS NULL OR (SELECT count(*) FROM tickets WHERE session_id = :session_id AND created_at > :since) < :limit)
  )`;

/** The SQL condition under which `scope` may open one more ticket now (values numbered from `first`); `1` for staff. */
export function ticketGuard(ctx: DomainContext, scope: TicketScope, first: number): { sql: string; params: unknown[] } {
  if (!limitedCaller(ctx)) return OPEN_GUARD;
  const limits = writeLimitsOf(ctx);
  return numbered(TICKET_GUARD, { subject: scope.subject, since: ctx.now() - HOUR_MS, limit: limits.ticketsPerHour, session_id: scope.sessionId }, first);
}

/** Why `scope` may not open a ticket now, or null if it may. */
export async function ticketLimitError(ctx: DomainContext, scope: TicketScope): Promise<DomainError | null> {
  if (!limitedCaller(ctx)) return null;
  const limit = writeLimitsOf(ctx).ticketsPerHour;
  const now = ctx.now();
  const since = now - HOUR_MS;
  // Both windows in one round trip.
  const windows = await ctx.d1.batch<{ at: number }>([
    windowBlocker(ctx, 'tickets', 'opened_by', scope.subject, since, limit),
    windowBlocker(ctx, 'tickets', 'session_id', scope.sessionId, since, limit),
  ]);
  const full = fullWindow(windows[0], windows[1]);
  if (!full) return null;
  return rateLimited(
    `${full.scope === 'customer' ? 'You have' : 'This conversation has'} opened ${limit} tickets in the last hour, the most we take; ` +
      'the team has them and will follow up. For an emergency, ask for a person.',
    secondsUntil(full.at, HOUR_MS, now),
    { reason: 'tickets_per_hour_limit', scope: full.scope, limit, window_seconds: HOUR_MS / 1000 },
  );
}

// ---------------------------------------------------------------------------------------------
// Booking look-ups by number + detail

export interface LookupScope {
  subject: string;
  sessionId: string | null;
  bookingNumber: string;
  /** SHA-256 (hex) of the normalised detail that was given. */
  detailDigest: string;
}

/**
 * Throws `rate_limited` when any of the caller, their session, the booking
 * number or the detail has used up its failed look-ups for the hour. Checked
 * before the booking is read, so the answer is the same whether it exists.
 */
export async function assertLookupAllowed(ctx: DomainContext, scope: LookupScope): Promise<void> {
  if (!limitedCaller(ctx)) return;
  const limit = writeLimitsOf(ctx).lookupFailuresPerHour;
  const now = ctx.now();
  const since = now - HOUR_MS;
  const keys: [string, string | null][] = [
    ['subject', scope.subject],
    ['session_id', scope.sessionId],
    ['booking_number', scope.bookingNumber],
    ['detail_digest', scope.detailDigest],
  ];
  let blocker: number | null = null;
  for (const [column, key] of keys) {
    if (key === null) continue;
    const row = await ctx.d1
      .prepare(`SELECT at FROM booking_lookup_failures WHERE ${column} = ?1 AND at > ?2 ORDER BY at DESC LIMIT 1 OFFSET ?3`)
      .bind(key, since, limit - 1)
      .first<{ at: number }>();
    if (row && (blocker === null || row.at > blocker)) blocker = row.at;
  }
  if (blocker !== null) {
    throw rateLimited('Too many booking look-ups did not match.', secondsUntil(blocker, HOUR_MS, now), { reason: 'booking_lookup_limit' });
  }
}

/** Records one failed look-up (and drops those older than the window), in one batch. */
export async function recordLookupFailure(ctx: DomainContext, scope: LookupScope): Promise<void> {
  if (!limitedCaller(ctx)) return;
  const now = ctx.now();
  await ctx.d1.batch([
    ctx.d1
      .prepare('INSERT INTO booking_lookup_failures (at, subject, session_id, booking_number, detail_digest) VALUES (?1, ?2, ?3, ?4, ?5)')
      .bind(now, scope.subject, scope.sessionId, scope.bookingNumber, scope.detailDigest),
    ctx.d1.prepare('DELETE FROM booking_lookup_failures WHERE at <= ?1').bind(now - HOUR_MS),
  ]);
}
