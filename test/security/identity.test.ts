// Finding 1: typed contact details are data, not keys. A visitor who types someone else's email
// or phone must never see or touch the bookings staff make for that person, and a returning
// customer finds one booking only with its number AND a detail on that booking (no oracle).
// Every request goes through the Worker, as the outside probe did; dates are in 2032 so no other file meets them.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signToken } from '../../worker/auth/tokens';
import { call, openSession } from '../http-helpers';

/** A returning customer's look-up: POST /bookings/:number/find with the detail in the body (never in the URL). */
const find = (number: string, detail: Record<string, string>, token: string) =>
  call(`/api/v1/bookings/${number}/find`, { method: 'POST', token, body: JSON.stringify(detail) });

const staffToken = () => signToken(env, { sub: 'alice', role: 'staff', name: 'Alice Staff' }, '1h');

/** What staff type when the real person phones in: their details and a note only the technician should read. */
const victimBooking = (start: string, contact: { phone: string; email?: string }) => ({
  service: 'drain-cleaning',
  start,
  customer_name: 'Victor Victim',
  address: '9 Private Lane, Chicago, IL',
  notes: 'Back door; alarm code 9911',
  ...contact,
});

async function staffBooks(body: Record<string, unknown>) {
  const created = await call('/api/v1/bookings', { method: 'POST', token: await staffToken(), body: JSON.stringify(body) });
  expect(created.res.status, created.text).toBe(201);
  return created.body as { number: string };
}

/** Everything a visitor can try on a booking that is not theirs: list, read, cancel, reschedule. */
async function expectNoAccess(visitorToken: string, number: string) {
  const list = await call('/api/v1/bookings?limit=200', { token: visitorToken });
  expect(list.res.status).toBe(200);
  expect(list.text).not.toContain(number);
  expect(list.text).not.toContain('9911');
  expect(list.text).not.toContain('Private Lane');
  const read = await call(`/api/v1/bookings/${number}`, { token: visitorToken });
  expect(read.res.status).toBe(404);
  const cancel = await call(`/api/v1/bookings/${number}/cancel`, { method: 'POST', token: visitorToken, body: '{}' });
  expect(cancel.res.status).toBe(404);
  const move = await call(`/api/v1/bookings/${number}/reschedule`, { method: 'POST', token: visitorToken, body: JSON.stringify({ start: '2032-03-05T15:00' }) });
  expect(move.res.status).toBe(404);
  // The booking is untouched and still the victim's.
  const staffView = await call(`/api/v1/bookings/${number}`, { token: await staffToken() });
  expect(staffView.body).toMatchObject({ status: 'confirmed', customer: { name: 'Victor Victim' }, notes: 'Back door; alarm code 9911' });
}

describe('a claimed email or phone never takes over bookings staff make', () => {
  it('a visitor who claims the victim’s email in session/new cannot list, read or cancel the booking staff make for that email', async () => {
    // The visitor types the victim's email when the chat opens; the session token now carries it.
    const visitor = await openSession({ customer_name: 'Mallory', customer_email: 'victor.victim@example.com' });
    // Any write creates the visitor's customer row (UPSERTed on the token subject) with that email.
    const ticket = await call('/api/v1/tickets', { method: 'POST', token: visitor.token, body: JSON.stringify({ subject: 'Hello', description: 'Just saying hi.' }) });
    expect(ticket.res.status, ticket.text).toBe(201);

    // Later the real Victor phones in and staff book him by his email.
    const booked = await staffBooks(victimBooking('2032-03-02T10:00', { phone: '(312) 555-0177', email: 'victor.victim@example.com' }));
    await expectNoAccess(visitor.token, booked.number);

    // The visitor's own row was not refreshed with the victim's details, and the booking is on a row nobody owns.
    const rows = await env.DB.prepare('SELECT c.subject, c.name FROM bookings b JOIN customers c ON c.id = b.customer_id WHERE b.number = ?')
      .bind(booked.number)
      .first<{ subject: string | null; name: string }>();
    expect(rows).toEqual({ subject: null, name: 'Victor Victim' });
    const visitorRow = await env.DB.prepare('SELECT name, phone FROM customers WHERE subject = ?').bind(`visitor:${visitor.session_id}`).first();
    expect(visitorRow).toEqual({ name: 'Mallory', phone: null });
  });

  it('a visitor who books with the victim’s phone in another format cannot reach the booking staff make for that phone', async () => {
    const visitor = await openSession({ customer_name: 'Mallory' });
    const own = await call('/api/v1/bookings', {
      method: 'POST',
      token: visitor.token,
      body: JSON.stringify({ service: 'drain-cleaning', start: '2032-03-03T09:00', customer_name: 'Mallory', phone: '312.555.0188', address: '1 Fake St, Chicago' }),
    });
    expect(own.res.status, own.text).toBe(201);

    // Staff book the real owner of that phone, typed another way, with no email at all.
    const booked = await staffBooks(victimBooking('2032-03-03T13:00', { phone: '(312) 555-0188' }));
    await expectNoAccess(visitor.token, booked.number);
    // The visitor still sees their own booking, with what they typed.
    const mine = await call('/api/v1/bookings', { token: visitor.token });
    expect(mine.body.bookings.map((b: { number: string }) => b.number)).toEqual([own.body.number]);
    // What she typed, returned in E.164.
    expect(mine.body.bookings[0].customer).toEqual({ name: 'Mallory', phone: '+13125550188', email: null });
  });

  it('staff bookings for one phone-in caller still share one unowned record, and a staff booking never lands on a visitor’s row', async () => {
    const visitor = await openSession({ customer_name: 'Vera', customer_email: 'vera.caller@example.com' });
    await call('/api/v1/tickets', { method: 'POST', token: visitor.token, body: JSON.stringify({ subject: 'Hi', description: 'Hi.' }) });
    const first = await staffBooks(victimBooking('2032-03-04T10:00', { phone: '773-555-0160', email: 'vera.caller@example.com' }));
    const second = await staffBooks(victimBooking('2032-03-04T13:00', { phone: '(773) 555 0160' }));
    const owners = await env.DB.prepare('SELECT DISTINCT c.id, c.subject FROM bookings b JOIN customers c ON c.id = b.customer_id WHERE b.number IN (?, ?)')
      .bind(first.number, second.number)
      .all<{ id: number; subject: string | null }>();
    expect(owners.results).toHaveLength(1);
    expect(owners.results[0]!.subject).toBeNull();
  });
});

describe('a returning customer finds one booking by number plus a detail on it', () => {
  const detailsOf = (b: { number: string }) => ({ number: b.number });

  it('answers number + the booking’s phone (any format) or email with that one booking, notes withheld, and stays read-only', async () => {
    const first = await openSession({ customer_name: 'Rhea' });
    const created = await call('/api/v1/bookings', {
      method: 'POST',
      token: first.token,
      body: JSON.stringify({
        service: 'drain-cleaning',
        start: '2032-03-05T09:00',
        customer_name: 'Rhea Return',
        phone: '(312) 555-0123',
        email: 'Rhea.Return@example.com',
        address: '5 Elm St, Chicago',
        notes: 'Gate code 4321',
      }),
    });
    expect(created.res.status, created.text).toBe(201);
    const { number } = detailsOf(created.body);

    // Next week, in a new conversation (a new visitor subject).
    const later = await openSession({ customer_name: 'Rhea' });
    for (const detail of [{ phone: '312-555-0123' }, { phone: '+1 312 555 0123' }, { email: 'rhea.return@EXAMPLE.com' }] as Record<string, string>[]) {
      const found = await find(number.toLowerCase(), detail, later.token);
      expect(found.res.status, `${JSON.stringify(detail)}: ${found.text}`).toBe(200);
      expect(found.body).toMatchObject({ number, status: 'confirmed', customer: { name: 'Rhea Return' }, notes: null });
      expect(found.text).not.toContain('4321');
    }
    // Finding it grants nothing else: not listed as theirs, and not cancellable from this conversation.
    expect((await call('/api/v1/bookings', { token: later.token })).text).not.toContain(number);
    const cancel = await call(`/api/v1/bookings/${number}/cancel`, { method: 'POST', token: later.token, body: JSON.stringify({ phone: '312-555-0123' }) });
    expect(cancel.res.status).toBe(404);
    // The owner's own view still has everything.
    expect((await call(`/api/v1/bookings/${number}`, { token: first.token })).body.notes).toBe('Gate code 4321');
  });

  it('answers number + a wrong detail exactly as it answers an unknown number', async () => {
    const owner = await openSession({ customer_name: 'Omar' });
    const created = await call('/api/v1/bookings', {
      method: 'POST',
      token: owner.token,
      body: JSON.stringify({ service: 'drain-cleaning', start: '2032-03-05T13:00', customer_name: 'Omar Owner', phone: '312-555-0124', email: 'omar@example.com', address: '6 Elm St, Chicago' }),
    });
    expect(created.res.status, created.text).toBe(201);
    const number: string = created.body.number;
    const unknown = number.replace(/\d{6}$/, '999998');

    const prober = await openSession({});
    const answers = [];
    for (const ask of [
      () => call(`/api/v1/bookings/${number}`, { token: prober.token }),
      () => call(`/api/v1/bookings/${unknown}`, { token: prober.token }),
      () => find(number, { phone: '312-555-0999' }, prober.token),
      () => find(unknown, { phone: '312-555-0999' }, prober.token),
      () => find(number, { email: 'someone@example.com' }, prober.token),
      () => find(unknown, { email: 'someone@example.com' }, prober.token),
    ]) {
      const r = await ask();
      answers.push({ status: r.res.status, error: { ...r.body.error, message: r.body.error.message.replace(number, 'N').replace(unknown, 'N') } });
    }
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(new Set(answers.map((a) => JSON.stringify(a.error))).size).toBe(1);
  });

  it('rate limits wrong guesses per booking number, per detail and per caller, and then answers 429 whatever is tried', async () => {
    const owner = await openSession({ customer_name: 'Gus' });
    const created = await call('/api/v1/bookings', {
      method: 'POST',
      token: owner.token,
      body: JSON.stringify({ service: 'drain-cleaning', start: '2032-03-08T09:00', customer_name: 'Gus Guarded', phone: '312-555-0125', address: '7 Elm St, Chicago' }),
    });
    expect(created.res.status, created.text).toBe(201);
    const number: string = created.body.number;
    const limit = Number(env.BOOKING_LOOKUP_FAILURES_PER_HOUR);

    // Many guessers (fresh sessions) on one number: after the budget of the number, even the right phone is refused.
    for (let i = 0; i < limit; i++) {
      const guesser = await openSession({});
      expect((await find(number, { phone: `312-555-${String(1000 + i)}` }, guesser.token)).res.status).toBe(404);
    }
    const late = await openSession({});
    const refused = await find(number, { phone: '312-555-0125' }, late.token);
    expect(refused.res.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(refused.body.error.details.retry_after).toBeGreaterThan(0);
    expect(refused.body.error.details.retry_after).toBeLessThanOrEqual(3600);

    // One known phone tried against many numbers: the phone's budget runs out too.
    const sweeper = await openSession({});
    const base = Number(number.slice(-6));
    const statuses = [];
    for (let i = 1; i <= limit + 1; i++) {
      const fresh = await openSession({});
      const guess = number.replace(/\d{6}$/, String(base + 500 + i).padStart(6, '0'));
      statuses.push((await find(guess, { phone: '773-555-0999' }, i === limit + 1 ? sweeper.token : fresh.token)).res.status);
    }
    expect(statuses).toEqual([...Array(limit).fill(404), 429]);

    // One caller trying different numbers and phones: their own budget runs out.
    const prober = await openSession({});
    const mine = [];
    for (let i = 1; i <= limit + 1; i++) {
      const guess = number.replace(/\d{6}$/, String(base + 700 + i).padStart(6, '0'));
      mine.push((await find(guess, { phone: `630-555-${String(2000 + i)}` }, prober.token)).res.status);
    }
    expect(mine).toEqual([...Array(limit).fill(404), 429]);
    // The owner is not locked out of their own booking by others' misses.
    expect((await call(`/api/v1/bookings/${number}`, { token: owner.token })).res.status).toBe(200);
  });

  it('refuses a phone or e-mail in a URL, so contact details never reach request logs', async () => {
    const s = await openSession({});
    for (const path of ['/api/v1/bookings/BK-2032-000001?phone=312-555-0123', '/api/v1/bookings?email=a%40example.com']) {
      const r = await call(path, { token: s.token });
      expect(r.res.status, path).toBe(400);
      expect(r.body.error.message).toMatch(/JSON body/);
    }
  });
});
