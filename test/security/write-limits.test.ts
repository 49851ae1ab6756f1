// Finding 5: abuse limits on writes, enforced in the domain layer (so REST, chat, MCP and voice
// all meet them), per customer (token subject), per chat session (the token's sid) and per phone.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../worker/auth/principal';
import { signToken } from '../../worker/auth/tokens';
import { cancelBooking, createBooking, type CreateBookingInput } from '../../worker/domain/bookings';
import type { DomainContext } from '../../worker/domain/context';
import { DomainError } from '../../worker/domain/errors';
import { openTicket } from '../../worker/domain/tickets';
import { DEFAULT_WRITE_LIMITS, WRITE_LIMIT_VARS, withWriteLimits, writeLimitsFrom, writeLimitsOf, type WriteLimits } from '../../worker/domain/write-limits';
import { findTool } from '../../worker/tools/catalog';
import { executeTool } from '../../worker/tools/registry';
import { call, openSession } from '../http-helpers';
import { ctxFor, staff } from '../helpers';

/** Saturday 2032-05-01, 12:00 in Chicago; every domain call below runs at this clock unless it moves it. */
const NOW = Date.parse('2032-05-01T17:00:00Z');
const HOUR = 3_600_000;

let n = 0;
/** A fresh widget visitor: subject `visitor:<sid>`, scoped to session sid, as session/new mints. */
const visitor = (): Principal & { kind: 'user' } => {
  const sid = `wl-session-${++n}`;
  return { kind: 'user', subject: `visitor:${sid}`, role: 'customer', sessionId: sid };
};
const at = (actor: Principal, now = NOW, limits?: Partial<WriteLimits>) => {
  const ctx = ctxFor(actor, { now: () => now });
  return limits ? withWriteLimits(ctx, limits) : ctx;
};
const contact = { customer_name: 'Lim Itt', phone: '312-555-0400', address: '4 Limit Ave, Chicago' };
/** Each caller books with a phone of their own unless a test names one, so the per-phone limit stays out of the way. */
const phones = new Map<string, string>();
const phoneOf = (ctx: DomainContext) => {
  const subject = ctx.actor.kind === 'user' ? ctx.actor.subject : 'anonymous';
  if (!phones.has(subject)) phones.set(subject, `312-556-${String(1000 + phones.size)}`);
  return phones.get(subject)!;
};
const book = (ctx: DomainContext, start: string, extra: Partial<CreateBookingInput> = {}) =>
  createBooking(ctx, { service: 'drain-cleaning', start, ...contact, phone: phoneOf(ctx), ...extra });
const ticket = (ctx: DomainContext, i = 0) => openTicket(ctx, { subject: `Issue ${i}`, description: 'Something broke.', priority: 'urgent' });

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('the probe: one free session token', () => {
  it('cannot book every slot of a day', async () => {
    const visitor = await openSession({ customer_name: 'Flood' });
    const day = '2032-04-05';
    const avail = await call(`/api/v1/availability?service=drain-cleaning&date_from=${day}&limit=200`);
    const starts: string[] = avail.body.days[0].slots.map((s: { start: string }) => s.start);
    // 17 starts on the hour and half hour; the 18th books a second technician at the first start.
    expect(starts.length).toBeGreaterThanOrEqual(17);
    const answers: { status: number; reason?: string }[] = [];
    for (const start of [...starts, ...starts].slice(0, 18)) {
      const r = await call('/api/v1/bookings', {
        method: 'POST',
        token: visitor.token,
        body: JSON.stringify({ service: 'drain-cleaning', start, customer_name: 'Flood', phone: '312-555-0300', address: '1 Flood St, Chicago' }),
      });
      answers.push({ status: r.res.status, reason: r.body.error?.details?.reason });
    }
    const third = answers.filter((a) => a.status === 201).length === 3 ? answers.findLastIndex((a) => a.status === 201) : -1;
    expect(third, JSON.stringify(answers)).toBeGreaterThan(0);
    // Every attempt after the third booking is the limit's 409, not a slot question.
    expect(answers.slice(third + 1).every((a) => a.status === 409 && a.reason === 'active_bookings_limit'), JSON.stringify(answers)).toBe(true);
    // The day is still there for everyone else: each booking holds its hour and the 30-minute travel buffer
    // after it, so it takes three of the half-hourly starts.
    const after = await call(`/api/v1/availability?service=drain-cleaning&date_from=${day}&limit=200`);
    expect(after.body.days[0].slots.length).toBeGreaterThanOrEqual(starts.length - 9);
  });

  it('cannot open 50 urgent tickets', async () => {
    const visitor = await openSession({ customer_name: 'Flood' });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 50; i++) {
      const r = await call('/api/v1/tickets', {
        method: 'POST',
        token: visitor.token,
        body: JSON.stringify({ subject: `URGENT ${i}`, description: 'Flood', priority: 'urgent' }),
      });
      statuses.push(r.res.status);
      if (r.res.status === 429) retryAfter ??= r.res.headers.get('Retry-After');
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    // The window is in the header as well as in the body.
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe('active bookings per customer', () => {
  it('refuses the 4th active booking with a 409 naming the three, through the tool registry as a model reads it', async () => {
    const who = visitor();
    const three = [];
    for (const start of ['2032-05-03T08:00', '2032-05-03T10:00', '2032-05-03T12:00']) three.push((await book(at(who), start)).number);
    const tool = findTool('create_booking')!;
    const input = { service: 'drain-cleaning', start: '2032-05-03T14:00', ...contact };
    const result = await executeTool(tool, at(who), input, 'chat');
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'active_bookings_limit', limit: 3, active_bookings: three } } });
    expect(!result.ok && result.error.message).toContain(`You already have 3 active bookings: ${three.join(', ')}`);

    // Cancelling one frees a place; a finished (past) one does not count either.
    await cancelBooking(at(who), { booking_number: three[0]! });
    expect((await executeTool(tool, at(who), input, 'mcp')).ok).toBe(true);
    const later = Date.parse('2032-05-03T19:30:00Z'); // 14:30 local: the 08:00–13:00 jobs have started
    expect((await book(at(who, later), '2032-05-04T08:00')).status).toBe('confirmed');
  });

  it('counts per phone across sessions, in any format, without naming other people’s bookings', async () => {
    const phones = ['(773) 555-0410', '773.555.0410', '+1 773 555 0410'];
    for (const [i, phone] of phones.entries()) await book(at(visitor()), `2032-05-05T${String(8 + 2 * i).padStart(2, '0')}:00`, { phone });
    const error = await refusal(book(at(visitor()), '2032-05-05T15:00', { phone: '7735550410' }));
    expect(error.code).toBe('conflict');
    expect(error.details).toEqual({ reason: 'active_bookings_per_phone_limit', limit: 3 });
    expect(error.message).not.toMatch(/BK-/);
    // Staff book that caller whatever the count, and staff bookings never use up the caller's online budget.
    for (const start of ['2032-05-06T08:00', '2032-05-06T10:00', '2032-05-06T12:00', '2032-05-06T14:00']) {
      await book(at(staff), start, { phone: '312-555-0477' });
    }
    expect((await book(at(visitor()), '2032-05-06T16:00', { phone: '312-555-0477' })).status).toBe('confirmed');
  });

  it('holds under concurrency: 10 simultaneous creates by one customer make exactly 3 bookings and use exactly 3 numbers', async () => {
    const who = visitor();
    const counter = async () => (await env.DB.prepare("SELECT value FROM counters WHERE name = 'booking:2032'").first<{ value: number }>())?.value ?? 0;
    const before = await counter();
    const starts = ['08:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '09:00'];
    const results = await Promise.allSettled(starts.map((t, i) => book(at(who), `2032-05-07T${t}`, { employee_id: i < 9 ? 3 : 4 })));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(3);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as DomainError).code, String(r.reason)).toBe('conflict');
    expect(await counter()).toBe(before + 3);
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM bookings WHERE created_by = ?').bind(who.subject).first<{ n: number }>();
    expect(rows?.n).toBe(3);
  });
});

describe('bookings per day', () => {
  it('answers the Nth booking in 24 hours with 429 and a retry_after, per customer and per session', async () => {
    const who = visitor();
    const limits = { bookingsPerDay: 4 };
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      const b = await book(at(who, NOW + i * 60_000, limits), `2032-05-10T${String(8 + 2 * i).padStart(2, '0')}:00`);
      made.push(b.number);
      // Cancel at once, so the active limit never speaks: only the daily count does.
      await cancelBooking(at(who, NOW + i * 60_000, limits), { booking_number: b.number });
    }
    const tool = findTool('create_booking')!;
    const fifth = await executeTool(tool, at(who, NOW + 10 * 60_000, limits), { service: 'drain-cleaning', start: '2032-05-11T08:00', ...contact }, 'voice');
    expect(fifth).toMatchObject({ ok: false, error: { code: 'rate_limited', details: { reason: 'bookings_per_day_limit', scope: 'customer', limit: 4 } } });
    // The first of the four leaves the window 24 hours after it was made.
    expect(!fifth.ok && (fifth.error.details as { retry_after: number }).retry_after).toBe(24 * 3600 - 10 * 60);
    expect(!fifth.ok && fifth.error.message).toMatch(/try again in about 24 hours/);
    expect((await book(at(who, NOW + 24 * HOUR + 1, limits), '2032-05-11T08:00')).status).toBe('confirmed');

    // One session, two subjects (a signed-in customer switching accounts in one chat): the session's count decides.
    const a: Principal = { kind: 'user', subject: 'wl-acct-a', role: 'customer', sessionId: 'wl-shared' };
    const b: Principal = { kind: 'user', subject: 'wl-acct-b', role: 'customer', sessionId: 'wl-shared' };
    const perSession = { bookingsPerDay: 2 };
    for (const [who2, start] of [[a, '2032-05-12T08:00'], [b, '2032-05-12T10:00']] as const) {
      const x = await book(at(who2, NOW, perSession), start);
      await cancelBooking(at(who2, NOW, perSession), { booking_number: x.number });
    }
    const third = await refusal(book(at(b, NOW + 1000, perSession), '2032-05-12T12:00'));
    expect(third).toMatchObject({ code: 'rate_limited', details: { scope: 'session', limit: 2 } });
  });
});

describe('tickets per hour', () => {
  it('answers a flood with 429 and retry_after, opens again when the hour has passed, and uses no number for a refusal', async () => {
    const who = visitor();
    const t0 = Date.parse('2032-06-01T15:00:00Z');
    const numbers = [];
    for (let i = 0; i < 5; i++) numbers.push((await ticket(at(who, t0 + i * 60_000), i)).number);
    const refused = await executeTool(findTool('open_ticket')!, at(who, t0 + 30 * 60_000), { subject: 'Again', description: 'Urgent!', priority: 'urgent' }, 'chat');
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited', details: { reason: 'tickets_per_hour_limit', limit: 5, retry_after: 30 * 60 } } });
    const next = await ticket(at(who, t0 + HOUR + 1));
    expect(Number(next.number.slice(-5))).toBe(Number(numbers[4]!.slice(-5)) + 1);
  });

  it('holds under concurrency: 12 simultaneous opens by one customer make exactly 5 tickets', async () => {
    const who = visitor();
    const t0 = Date.parse('2032-06-02T15:00:00Z');
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => ticket(at(who, t0), i)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as DomainError).code).toBe('rate_limited');
  });

  it('leaves staff and admins unlimited', async () => {
    const t0 = Date.parse('2032-06-03T15:00:00Z');
    for (let i = 0; i < 12; i++) await ticket(at(staff, t0), i);
    const opened = await env.DB.prepare("SELECT count(*) AS n FROM tickets WHERE opened_by = 'alice' AND created_at = ?").bind(t0).first<{ n: number }>();
    expect(opened?.n).toBe(12);
  });
});

describe('the numbers follow the vars', () => {
  it('reads every limit from its var, whose wrangler.jsonc value is the documented default', () => {
    const vars = env as unknown as Record<string, string>;
    for (const [key, name] of Object.entries(WRITE_LIMIT_VARS)) expect(Number(vars[name]), name).toBe(DEFAULT_WRITE_LIMITS[key as keyof WriteLimits]);
    expect(writeLimitsOf(ctxFor(visitor()))).toEqual(DEFAULT_WRITE_LIMITS);
    expect(
      writeLimitsFrom({ BOOKINGS_ACTIVE_PER_CUSTOMER: '1', BOOKINGS_ACTIVE_PER_PHONE: '7', BOOKINGS_PER_CUSTOMER_PER_DAY: '9', TICKETS_PER_CUSTOMER_PER_HOUR: '2', BOOKING_LOOKUP_FAILURES_PER_HOUR: '10', BOOKING_CODES_PER_HOUR: '4' }),
    ).toEqual({ activeBookingsPerCustomer: 1, activeBookingsPerPhone: 7, bookingsPerDay: 9, ticketsPerHour: 2, lookupFailuresPerHour: 10, bookingCodesPerHour: 4 });
    // Nonsense keeps the default rather than switching a limit off.
    expect(writeLimitsFrom({ BOOKINGS_ACTIVE_PER_CUSTOMER: '0', TICKETS_PER_CUSTOMER_PER_HOUR: 'lots', BOOKINGS_PER_CUSTOMER_PER_DAY: '-3' })).toEqual(DEFAULT_WRITE_LIMITS);
  });

  it('applies a changed var to the next request, on every surface', async () => {
    const vars = env as unknown as Record<string, string>;
    const saved = { active: vars.BOOKINGS_ACTIVE_PER_CUSTOMER!, tickets: vars.TICKETS_PER_CUSTOMER_PER_HOUR! };
    vars.BOOKINGS_ACTIVE_PER_CUSTOMER = '1';
    vars.TICKETS_PER_CUSTOMER_PER_HOUR = '2';
    try {
      const session = await openSession({ customer_name: 'Varia' });
      const body = (start: string) => JSON.stringify({ service: 'drain-cleaning', start, customer_name: 'Varia', phone: '312-555-0420', address: '2 Var St, Chicago' });
      expect((await call('/api/v1/bookings', { method: 'POST', token: session.token, body: body('2032-05-13T08:00') })).res.status).toBe(201);
      const second = await call('/api/v1/bookings', { method: 'POST', token: session.token, body: body('2032-05-13T10:00') });
      expect(second.res.status).toBe(409);
      expect(second.body.error.details).toMatchObject({ reason: 'active_bookings_limit', limit: 1 });
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await call('/api/v1/tickets', { method: 'POST', token: session.token, body: JSON.stringify({ subject: `T${i}`, description: 'd' }) })).res.status);
      }
      expect(statuses).toEqual([201, 201, 429]);
    } finally {
      vars.BOOKINGS_ACTIVE_PER_CUSTOMER = saved.active;
      vars.TICKETS_PER_CUSTOMER_PER_HOUR = saved.tickets;
    }
  });

  it('gives REST the same answers: 409 for the active limit, 429 with retry_after for a window, staff exempt', async () => {
    const session = await openSession({ customer_name: 'Resty' });
    const staffToken = await signToken(env, { sub: 'alice', role: 'staff' }, '1h');
    const body = (start: string, phone = '312-555-0430') => JSON.stringify({ service: 'drain-cleaning', start, customer_name: 'Resty', phone, address: '3 Rest St, Chicago' });
    for (const start of ['2032-05-14T08:00', '2032-05-14T10:00', '2032-05-14T12:00']) {
      expect((await call('/api/v1/bookings', { method: 'POST', token: session.token, body: body(start) })).res.status).toBe(201);
    }
    const fourth = await call('/api/v1/bookings', { method: 'POST', token: session.token, body: body('2032-05-14T14:00') });
    expect(fourth.res.status).toBe(409);
    expect(fourth.body.error.message).toMatch(/^You already have 3 active bookings: BK-2032-\d{6}, BK-2032-\d{6}, BK-2032-\d{6}\./);
    // Staff book a fourth and a fifth for the same phone.
    for (const start of ['2032-05-14T14:00', '2032-05-14T16:00']) {
      expect((await call('/api/v1/bookings', { method: 'POST', token: staffToken, body: body(start) })).res.status).toBe(201);
    }
  });
});
