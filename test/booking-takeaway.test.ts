// What a customer takes away from a booking (#13): the .ics calendar file and the manage link (a signed token in the
// URL fragment, no sign-in, one booking), through the real Worker and D1. Dates in June 2031 are this file's own.
import { env } from 'cloudflare:workers';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { MANAGE_LINK_GRACE_DAYS, MANAGE_TOKEN_TYPE, signManageToken, verifyManageToken } from '../worker/auth/manage-token';
import { signToken } from '../worker/auth/tokens';
import { getBooking } from '../worker/domain/bookings';
import { DomainError } from '../worker/domain/errors';
import { escapeText, foldLine } from '../worker/lib/icalendar';
import { ctxFor } from './helpers';
import { BASE, call, openSession } from './http-helpers';

const customer = (sub: string) => signToken(env, { sub, role: 'customer' }, '1h');
const staffToken = () => signToken(env, { sub: 'alice', role: 'staff' }, '1h');

let phones = 0;
/** Books drain cleaning at `start` as customer `sub` (each with its own phone: limits count by phone); returns the booking and its manage token (from the link's fragment). */
async function book(sub: string, start: string) {
  const phone = `312-555-${String(1200 + phones++)}`;
  const token = await customer(sub);
  const { res, body } = await call('/api/v1/bookings', {
    method: 'POST',
    token,
    body: JSON.stringify({ service: 'drain-cleaning', start, customer_name: 'Ann Takeaway', phone, address: '12 Elm St, Apt 3; Chicago, IL' }),
  });
  expect(res.status, JSON.stringify(body)).toBe(201);
  const link = new URL(body.links.manage, BASE);
  const manage = new URLSearchParams(link.hash.slice(1)).get('t')!;
  return { booking: body, token, manage, link };
}

/** The content lines of an .ics text, unfolded (RFC 5545 §3.1). */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('the booking answer', () => {
  it('carries the calendar file path and a manage link whose token is only in the fragment', async () => {
    const { booking, link, manage } = await book('take-1', '2031-06-03T10:00');
    expect(booking.links.ics).toBe(`/api/v1/bookings/${booking.number}/ics`);
    // Browsers never send the fragment: the request line is just /manage.html.
    expect(link.pathname).toBe('/manage.html');
    expect(link.search).toBe('');
    expect(await verifyManageToken(env, manage)).toEqual({ kind: 'manage', bookingNumber: booking.number, epoch: 0 });
  });
});

describe('GET /bookings/:n/ics', () => {
  it('is an RFC 5545 event: CRLF, folded lines, escaped text, UTC times, a stable UID', async () => {
    const { booking, token } = await book('take-2', '2031-06-04T10:00');
    const { res, text } = await call(booking.links.ics, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="${booking.number}.ics"`);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const lines = unfold(text);
    expect(lines.slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0']);
    // 10:00 in Chicago in June is 15:00 UTC; drain cleaning takes an hour.
    expect(lines).toEqual(
      expect.arrayContaining([
        'BEGIN:VEVENT',
        `UID:${booking.number}@switchboard.test`,
        'SEQUENCE:0',
        'DTSTART:20310604T150000Z',
        'DTEND:20310604T160000Z',
        'SUMMARY:Drain Cleaning · Brightside Home Services',
        'LOCATION:12 Elm St\\, Apt 3\\; Chicago\\, IL',
        'STATUS:CONFIRMED',
        'END:VEVENT',
      ]),
    );
    expect(lines.find((l) => l.startsWith('DTSTAMP:'))).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    expect(lines.find((l) => l.startsWith('DESCRIPTION:'))).toContain(`Booking ${booking.number}\\nTechnician: `);
  });

  it('is for the booking’s customer, staff and its manage link; anyone else gets 401 or 404', async () => {
    const { booking, manage } = await book('take-3', '2031-06-05T10:00');
    expect((await call(booking.links.ics)).res.status).toBe(401);
    expect((await call(booking.links.ics, { token: await customer('take-someone-else') })).res.status).toBe(404);
    expect((await call(booking.links.ics, { token: await staffToken() })).res.status).toBe(200);
    expect((await call(booking.links.ics, { token: manage })).res.status).toBe(200);
    const long = await call(`/api/v1/bookings/${'X'.repeat(40)}/ics`, { token: manage });
    expect(long.res.status).toBe(400);
  });
});

describe('the manage link', () => {
  it('views, reschedules and cancels its one booking, and nothing else', async () => {
    const { booking, manage } = await book('take-4', '2031-06-10T10:00');
    const other = await book('take-4b', '2031-06-10T13:00');
    const view = await call(`/api/v1/bookings/${booking.number}`, { token: manage });
    expect(view.res.status).toBe(200);
    expect(view.body).toMatchObject({ number: booking.number, address: '12 Elm St, Apt 3; Chicago, IL' });
    // Another booking, a list, a correction, staff tools, MCP and chat: refused.
    expect((await call(`/api/v1/bookings/${other.booking.number}`, { token: manage })).res.status).toBe(404);
    expect((await call('/api/v1/bookings', { token: manage })).res.status).toBe(403);
    expect((await call(`/api/v1/bookings/${booking.number}`, { method: 'PATCH', token: manage, body: JSON.stringify({ notes: 'x' }) })).res.status).toBe(403);
    expect((await call(`/api/v1/bookings/${booking.number}/complete`, { method: 'POST', token: manage })).res.status).toBe(403);
    expect((await call('/api/v1/tickets', { token: manage })).res.status).toBe(403);
    expect((await call('/mcp', { method: 'POST', token: manage, body: '{}', headers: { Accept: 'application/json, text/event-stream' } })).res.status).toBe(401);
    const session = await openSession();
    expect((await call('/api/v1/chat/message', { method: 'POST', token: manage, body: JSON.stringify({ session_id: session.session_id, message: 'hi' }) })).res.status).toBe(403);
    expect((await call(`/api/v1/chat/session/${session.session_id}`, { token: manage })).res.status).toBe(403);

    // Reschedule: a fresh link in the answer, the old link still works, and the calendar's SEQUENCE goes up.
    const moved = await call(`/api/v1/bookings/${booking.number}/reschedule`, { method: 'POST', token: manage, body: JSON.stringify({ start: '2031-06-11T10:00' }) });
    expect(moved.res.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ number: booking.number, start: '2031-06-11T10:00:00-05:00', links: { ics: booking.links.ics } });
    expect(moved.body.links.manage).toMatch(/^\/manage\.html#t=/);
    expect((await call(`/api/v1/bookings/${booking.number}`, { token: manage })).res.status).toBe(200);
    expect(unfold((await call(booking.links.ics, { token: manage })).text)).toEqual(expect.arrayContaining(['SEQUENCE:1', 'DTSTART:20310611T150000Z']));

    // Cancel: done, then every link of it stops working; its customer's calendar file says CANCELLED.
    const cancelled = await call(`/api/v1/bookings/${booking.number}/cancel`, { method: 'POST', token: manage, body: JSON.stringify({ reason: 'Fixed it' }) });
    expect(cancelled.res.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const fresh = new URLSearchParams(moved.body.links.manage.split('#')[1]).get('t')!;
    for (const t of [manage, fresh]) expect((await call(`/api/v1/bookings/${booking.number}`, { token: t })).res.status).toBe(404);
    const file = unfold((await call(booking.links.ics, { token: await customer('take-4') })).text);
    expect(file).toEqual(expect.arrayContaining(['SEQUENCE:2', 'STATUS:CANCELLED']));
  });

  it('works until a week after the visit, as it is booked now', async () => {
    const { booking } = await book('take-5', '2031-06-12T10:00');
    const link = await verifyManageToken(env, await signManageToken(env, { bookingNumber: booking.number, epoch: 0 }));
    const end = Date.parse(booking.ends_at);
    const at = (ms: number) => getBooking(ctxFor(link, { now: () => ms }), booking.number);
    expect((await at(end + (MANAGE_LINK_GRACE_DAYS * 86_400_000 - 60_000))).number).toBe(booking.number);
    await expect(at(end + MANAGE_LINK_GRACE_DAYS * 86_400_000 + 60_000)).rejects.toBeInstanceOf(DomainError);
    // An epoch the booking never had (as if minted before a cancel) opens nothing.
    await expect(getBooking(ctxFor({ ...link, epoch: 1 }, { now: () => end }), booking.number)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a tampered token, a JWT dressed as one, and a manage token dressed as a JWT', async () => {
    const { booking, manage } = await book('take-6', '2031-06-13T10:00');
    const [h, p, s] = manage.split('.');
    const tampered = `${h}.${btoa(JSON.stringify({ ...JSON.parse(atob(p!.replace(/-/g, '+').replace(/_/g, '/'))), ep: 5 })).replace(/=+$/, '')}.${s}`;
    expect((await call(`/api/v1/bookings/${booking.number}`, { token: tampered })).res.status).toBe(401);
    // Signed with JWT_SECRET itself (not the derived key) but typed as a manage token.
    const forged = await new SignJWT({ ep: 0 })
      .setProtectedHeader({ alg: 'HS256', typ: MANAGE_TOKEN_TYPE })
      .setSubject(booking.number)
      .setIssuer(env.JWT_ISSUER)
      .setAudience('switchboard-manage')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(env.JWT_SECRET));
    expect((await call(`/api/v1/bookings/${booking.number}`, { token: forged })).res.status).toBe(401);
    // A manage token with its typ header swapped goes to the JWT verifier, which refuses it.
    const retyped = `${btoa(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).replace(/=+$/, '')}.${p}.${s}`;
    expect((await call(`/api/v1/bookings/${booking.number}`, { token: retyped })).res.status).toBe(401);
  });
});

describe('lib/icalendar', () => {
  it('escapes TEXT and folds at 75 octets without splitting a character', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const line = `DESCRIPTION:${'ñ'.repeat(100)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n').slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
});
