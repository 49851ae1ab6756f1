// Verified identity (issue #11): changing a booking from another conversation needs proof beyond knowing its
// number and phone. (1) A one-time code sent to the phone or email ON the booking binds that one booking to the
// session; (2) an identity provider's token with email_verified true admits the bookings carrying that email.
// Requests go through the Worker; the fake sender's messages are read from D1 (outbound_messages), the IdP's
// tokens are signed with the fake IdP's keys (test/fake-idp) and checked through the real JWKS path.
// Dates are in 2033 so no other file meets them.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { importJWK, SignJWT, type JWK } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import type { Principal } from '../../worker/auth/principal';
import { signToken } from '../../worker/auth/tokens';
import { codeSenderFor } from '../../worker/domain/code-sender';
import worker from '../../worker/index';
import { findTool } from '../../worker/tools/catalog';
import { executeTool } from '../../worker/tools/registry';
import { ctxFor } from '../helpers';
import { BASE, call, freshIp, openSession, say, type OpenedSession } from '../http-helpers';

const staffToken = () => signToken(env, { sub: 'alice', role: 'staff', name: 'Alice Staff' }, '1h');

/** Staff book a phone-in caller: the booking belongs to nobody's token. */
async function staffBooks(start: string, contact: { phone: string; email?: string }, name = 'Vera Victim') {
  const created = await call('/api/v1/bookings', {
    method: 'POST',
    token: await staffToken(),
    body: JSON.stringify({ service: 'drain-cleaning', start, customer_name: name, address: '9 Private Lane, Chicago, IL', notes: 'Side gate code 5566', ...contact }),
  });
  expect(created.res.status, created.text).toBe(201);
  return created.body.number as string;
}

const post = (path: string, token: string, body: unknown) => call(path, { method: 'POST', token, body: JSON.stringify(body) });
const requestCode = (s: OpenedSession, number: string, channel: 'sms' | 'email', extra: Record<string, unknown> = {}) =>
  post(`/api/v1/bookings/${number}/code`, s.token, { channel, ...extra });
const verifyCode = (s: OpenedSession, number: string, code: string) => post(`/api/v1/bookings/${number}/verify`, s.token, { code });

/** Messages the development sender recorded for `recipient`, newest first. */
async function outbox(recipient: string) {
  const rows = await env.DB.prepare('SELECT channel, recipient, subject, body FROM outbound_messages WHERE recipient = ? ORDER BY id DESC').bind(recipient).all<{
    channel: string;
    recipient: string;
    subject: string | null;
    body: string;
  }>();
  return rows.results;
}
const outboxSize = async () => (await env.DB.prepare('SELECT count(*) AS n FROM outbound_messages').first<{ n: number }>())!.n;

/** The code in the newest message to `recipient`. */
async function latestCode(recipient: string): Promise<string> {
  const [message] = await outbox(recipient);
  const code = /: (\d{6}) is your code/.exec(message?.body ?? '')?.[1];
  expect(code, JSON.stringify(message)).toBeDefined();
  return code!;
}

/** A six-digit code that is not `code`. */
const wrong = (code: string, i = 0) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');

/** The session's own customer principal, as its token describes it (for calls with a pinned clock). */
const principalOf = (s: OpenedSession): Principal => ({ kind: 'user', subject: `visitor:${s.session_id}`, role: 'customer', sessionId: s.session_id });

describe('a booking number and its phone are knowledge, not identity', () => {
  it('a visitor in a new session who knows number + phone may read it (notes withheld) but cannot cancel or move it', async () => {
    const number = await staffBooks('2033-03-07T09:00', { phone: '(312) 555-0701', email: 'vera.one@example.com' });
    const visitor = await openSession({ customer_name: 'Vera?' });
    const found = await post(`/api/v1/bookings/${number}/find`, visitor.token, { phone: '312-555-0701' });
    expect(found.res.status, found.text).toBe(200);
    expect(found.body.notes).toBeNull();
    expect((await post(`/api/v1/bookings/${number}/cancel`, visitor.token, { phone: '312-555-0701' })).res.status).toBe(404);
    expect((await post(`/api/v1/bookings/${number}/reschedule`, visitor.token, { start: '2033-03-08T13:00', phone: '312-555-0701' })).res.status).toBe(404);
    expect((await call(`/api/v1/bookings/${number}`, { token: await staffToken() })).body.status).toBe('confirmed');
  });
});

describe('a one-time code to the phone or email on the booking', () => {
  it('answers the same for an unknown number, and sends only to the detail on the booking, never one typed', async () => {
    const number = await staffBooks('2033-03-07T13:00', { phone: '(312) 555-0702', email: 'vera.two@example.com' });
    const unknown = number.replace(/\d{6}$/, '999997');
    const visitor = await openSession({});
    const before = await outboxSize();

    const real = await requestCode(visitor, number, 'sms', { phone: '773-555-0999', to: 'attacker@example.com' });
    const none = await requestCode(visitor, unknown, 'sms');
    expect([real.res.status, none.res.status]).toEqual([202, 202]);
    const same = (b: { booking_number: string; message: string }, n: string) => ({ ...b, booking_number: 'N', message: b.message.replace(n, 'N') });
    expect(same(real.body, number)).toEqual(same(none.body, unknown));
    expect(real.body).toMatchObject({ channel: 'sms', expires_in_seconds: 600, max_attempts: 5 });
    expect(real.text).not.toContain('0702');

    // Exactly one message, to the phone as stored on the booking; nothing for the unknown number or the typed details.
    expect(await outboxSize()).toBe(before + 1);
    const [sms] = await outbox('(312) 555-0702');
    expect(sms).toMatchObject({ channel: 'sms', subject: null });
    expect(sms!.body).toMatch(new RegExp(`^Brightside Home Services: \\d{6} is your code to manage booking ${number}\\.`));
    expect(await outbox('773-555-0999')).toEqual([]);
    expect(await outbox('attacker@example.com')).toEqual([]);
    // Only a keyed hash of it is stored.
    const code = await latestCode('(312) 555-0702');
    const stored = await env.DB.prepare('SELECT * FROM booking_codes WHERE booking_number = ? ORDER BY id DESC LIMIT 1').bind(number).first<Record<string, unknown>>();
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(stored!.code_hash).toMatch(/^[0-9a-f]{64}$/);

    // By email, to the booking's address; a booking without an email gets the same answer and nothing is sent.
    const byEmail = await requestCode(visitor, number, 'email');
    expect(byEmail.res.status).toBe(202);
    const [mail] = await outbox('vera.two@example.com');
    expect(mail).toMatchObject({ channel: 'email', subject: `Your code for booking ${number}` });
    const noEmail = await staffBooks('2033-03-07T15:00', { phone: '(312) 555-0712' });
    const other = await openSession({});
    const sizeBefore = await outboxSize();
    const answer = await requestCode(other, noEmail, 'email');
    expect(answer.res.status).toBe(202);
    expect(same(answer.body, noEmail)).toEqual(same(byEmail.body, number));
    expect(await outboxSize()).toBe(sizeBefore);
  });

  it('five wrong codes lock it; the right code then grants that booking only, to that session only', async () => {
    const phone = '(312) 555-0703';
    const number = await staffBooks('2033-03-08T09:00', { phone, email: 'vera.three@example.com' });
    const sibling = await staffBooks('2033-03-08T13:00', { phone, email: 'vera.three@example.com' });
    const visitor = await openSession({ customer_name: 'Vera' });

    expect((await requestCode(visitor, number, 'sms')).res.status).toBe(202);
    const first = await latestCode(phone);
    const lefts = [];
    for (let i = 0; i < 5; i++) {
      const r = await verifyCode(visitor, number, wrong(first, i));
      expect(r.res.status, r.text).toBe(400);
      expect(r.body.error.details.reason).toBe('code_wrong');
      lefts.push(r.body.error.details.attempts_left);
    }
    expect(lefts).toEqual([4, 3, 2, 1, 0]);
    const locked = await verifyCode(visitor, number, first);
    expect(locked.res.status).toBe(409);
    expect(locked.body.error.details.reason).toBe('code_locked');
    expect((await post(`/api/v1/bookings/${number}/cancel`, visitor.token, {})).res.status).toBe(404);

    // A new code; another session cannot use it (codes belong to whoever asked).
    expect((await requestCode(visitor, number, 'sms')).res.status).toBe(202);
    const second = await latestCode(phone);
    const intruder = await openSession({});
    const theirs = await verifyCode(intruder, number, second);
    expect(theirs.res.status).toBe(409);
    expect(theirs.body.error.details.reason).toBe('no_code');

    const verified = await verifyCode(visitor, number, `${second.slice(0, 3)} ${second.slice(3)}`);
    expect(verified.res.status, verified.text).toBe(200);
    expect(verified.body).toMatchObject({ number, notes: 'Side gate code 5566', customer: { name: 'Vera Victim' } });
    expect((await verifyCode(visitor, number, second)).body.error.details.reason).toBe('code_used');

    // That booking is now this session's to see, list and change; its sibling (same phone) is not, nor for the intruder.
    expect((await call(`/api/v1/bookings/${number}`, { token: visitor.token })).res.status).toBe(200);
    const listed = await call('/api/v1/bookings', { token: visitor.token });
    expect(listed.body.bookings.map((b: { number: string }) => b.number)).toEqual([number]);
    expect((await call(`/api/v1/bookings/${sibling}`, { token: visitor.token })).res.status).toBe(404);
    expect((await post(`/api/v1/bookings/${sibling}/cancel`, visitor.token, {})).res.status).toBe(404);
    expect((await call(`/api/v1/bookings/${number}`, { token: intruder.token })).res.status).toBe(404);
    expect((await post(`/api/v1/bookings/${number}/cancel`, intruder.token, {})).res.status).toBe(404);

    const moved = await post(`/api/v1/bookings/${number}/reschedule`, visitor.token, { start: '2033-03-08T15:00' });
    expect(moved.res.status, moved.text).toBe(200);
    const cancelled = await post(`/api/v1/bookings/${number}/cancel`, visitor.token, { reason: 'Verified by code' });
    expect(cancelled.res.status, cancelled.text).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await call(`/api/v1/bookings/${sibling}`, { token: await staffToken() })).body.status).toBe('confirmed');
  });

  it('a code expires after 10 minutes (the context clock), and then the right code is refused', async () => {
    const phone = '(312) 555-0704';
    const number = await staffBooks('2033-03-09T09:00', { phone });
    const visitor = await openSession({});
    expect((await requestCode(visitor, number, 'sms')).res.status).toBe(202);
    const code = await latestCode(phone);
    const verify = findTool('verify_booking_code')!;
    const later = (minutes: number) => ctxFor(principalOf(visitor), { now: () => Date.now() + minutes * 60_000 });

    const expired = await executeTool(verify, later(11), { booking_number: number, code }, 'rest');
    expect(expired).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'code_expired' } } });
    // Over REST too (the row's expiry moved into the past), and no attempt was counted on an expired code.
    await env.DB.prepare('UPDATE booking_codes SET expires_at = ? WHERE booking_number = ?').bind(Date.now() - 1000, number).run();
    const refused = await verifyCode(visitor, number, code);
    expect(refused.res.status).toBe(409);
    expect(refused.body.error.details.reason).toBe('code_expired');
    expect((await env.DB.prepare('SELECT attempts FROM booking_codes WHERE booking_number = ?').bind(number).first<{ attempts: number }>())!.attempts).toBe(0);
    expect((await post(`/api/v1/bookings/${number}/cancel`, visitor.token, {})).res.status).toBe(404);

    // Within the ten minutes it works.
    expect((await requestCode(visitor, number, 'sms')).res.status).toBe(202);
    const fresh = await latestCode(phone);
    expect(await executeTool(verify, later(9), { booking_number: number, code: fresh }, 'rest')).toMatchObject({ ok: true, data: { number } });
  });

  it('rate limits requests per booking number, for real and unknown numbers alike, so nobody floods a phone', async () => {
    const phone = '(312) 555-0705';
    const number = await staffBooks('2033-03-09T13:00', { phone });
    const unknown = number.replace(/\d{6}$/, '999996');
    const limit = Number(env.BOOKING_CODES_PER_HOUR);
    const statuses = { real: [] as number[], unknown: [] as number[] };
    let last: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i <= limit; i++) {
      statuses.real.push((last = await requestCode(await openSession({}), number, 'sms')).res.status);
      statuses.unknown.push((await requestCode(await openSession({}), unknown, 'sms')).res.status);
    }
    expect(statuses.real).toEqual([...Array(limit).fill(202), 429]);
    expect(statuses.unknown).toEqual(statuses.real);
    expect(last!.body.error.details).toMatchObject({ reason: 'booking_code_limit', limit });
    expect(Number(last!.res.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await outbox(phone)).toHaveLength(limit);

    // One caller asking about many numbers runs out of their own budget.
    const sweeper = await openSession({});
    const mine = [];
    for (let i = 1; i <= limit + 1; i++) mine.push((await requestCode(sweeper, number.replace(/\d{6}$/, String(990_000 + i)), 'sms')).res.status);
    expect(mine).toEqual([...Array(limit).fill(202), 429]);
  });

  it('with no sender configured (CODE_SENDER empty, as shipped) answers 503 for every number; staff and anonymous callers are refused', async () => {
    const number = await staffBooks('2033-03-10T09:00', { phone: '(312) 555-0706' });
    const vars = env as unknown as Record<string, string>;
    const saved = vars.CODE_SENDER!;
    vars.CODE_SENDER = '';
    try {
      const visitor = await openSession({});
      const answers = [await requestCode(visitor, number, 'sms'), await requestCode(visitor, number.replace(/\d{6}$/, '999995'), 'sms')];
      expect(answers.map((a) => a.res.status)).toEqual([503, 503]);
      expect(answers[0]!.body.error).toEqual(answers[1]!.body.error);
      expect(await outbox('(312) 555-0706')).toEqual([]);
    } finally {
      vars.CODE_SENDER = saved;
    }
    expect(() => codeSenderFor(env.DB, Date.now, { CODE_SENDER: 'twilio' })).toThrow(/cannot be sent/);
    expect((await post(`/api/v1/bookings/${number}/code`, await staffToken(), { channel: 'sms' })).res.status).toBe(403);
    const anonymous = await call(`/api/v1/bookings/${number}/code`, { method: 'POST', body: JSON.stringify({ channel: 'sms' }) });
    expect(anonymous.res.status).toBe(401);
  });
});

const idp = inject('fakeIdp');

/** A token from the business's identity provider, signed with its `alg` key (kid in the header). */
async function idpToken(claims: Record<string, unknown>, alg: 'RS256' | 'ES256' = 'RS256'): Promise<string> {
  const jwk = idp.signingKeys.find((k: JWK) => k.alg === alg)!;
  return new SignJWT({ role: 'customer', ...claims })
    .setProtectedHeader({ alg, kid: jwk.kid! })
    .setSubject(String(claims.sub ?? 'idp-user'))
    .setIssuer(env.JWT_ISSUER)
    .setAudience(env.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(await importJWK(jwk, alg));
}

/** The Worker as a deployment that trusts the IdP's key set (JWT_JWKS_URL) runs it. */
async function asDeployment(path: string, token: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  headers.set('cf-connecting-ip', freshIp());
  if (init.body) headers.set('Content-Type', 'application/json');
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${BASE}${path}`, { ...init, headers }) as Request<unknown, IncomingRequestCfProperties>, { ...env, JWT_JWKS_URL: idp.jwksUrl }, ctx);
  await waitOnExecutionContext(ctx);
  const text = await res.text();
  return { res, text, body: text ? JSON.parse(text) : undefined };
}

describe("an identity provider's verified email", () => {
  it('admits the bookings whose email equals it (any case), to list, read and cancel, with RS256 and ES256 keys', async () => {
    const mine = await staffBooks('2033-03-10T13:00', { phone: '(312) 555-0707', email: 'Pat.Verified@Example.com' });
    const someoneElse = await staffBooks('2033-03-10T15:00', { phone: '(312) 555-0708', email: 'other.person@example.com' });
    for (const alg of ['RS256', 'ES256'] as const) {
      const token = await idpToken({ sub: `idp|pat-${alg}`, email: 'pat.verified@example.COM', email_verified: true }, alg);
      const listed = await asDeployment('/api/v1/bookings?date_from=2033-03-10&date_to=2033-03-10', token);
      expect(listed.res.status, listed.text).toBe(200);
      expect(listed.body.bookings.map((b: { number: string }) => b.number)).toEqual([mine]);
      const read = await asDeployment(`/api/v1/bookings/${mine}`, token);
      expect(read.res.status).toBe(200);
      expect(read.body.notes).toBe('Side gate code 5566');
      expect((await asDeployment(`/api/v1/bookings/${someoneElse}`, token)).res.status).toBe(404);
    }
    const token = await idpToken({ sub: 'idp|pat', email: 'pat.verified@example.com', email_verified: true });
    const cancelled = await asDeployment(`/api/v1/bookings/${mine}/cancel`, token, { method: 'POST', body: JSON.stringify({ reason: 'Signed in' }) });
    expect(cancelled.res.status, cancelled.text).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await asDeployment(`/api/v1/bookings/${someoneElse}/cancel`, token, { method: 'POST', body: '{}' })).res.status).toBe(404);
  });

  it('admits nothing when email_verified is false, missing or the string "true", nor for our own HS256 tokens whatever they claim', async () => {
    const number = await staffBooks('2033-03-11T09:00', { phone: '(312) 555-0709', email: 'quinn.claimed@example.com' });
    const claims = { sub: 'idp|quinn', email: 'quinn.claimed@example.com' };
    const tokens: Record<string, string> = {
      'email_verified false': await idpToken({ ...claims, email_verified: false }),
      'email_verified missing': await idpToken(claims),
      'email_verified "true"': await idpToken({ ...claims, email_verified: 'true' }),
      // What `npm run token` or a forged-claims HS256 token would carry: signed with our secret, so no IdP vouched for it.
      'HS256 with email_verified': await new SignJWT({ role: 'customer', ...claims, email_verified: true })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject('quinn')
        .setIssuer(env.JWT_ISSUER)
        .setAudience(env.JWT_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(env.JWT_SECRET)),
    };
    for (const [why, token] of Object.entries(tokens)) {
      const listed = await asDeployment('/api/v1/bookings?limit=200', token);
      expect(listed.res.status, why).toBe(200);
      expect(listed.text, why).not.toContain(number);
      expect((await asDeployment(`/api/v1/bookings/${number}`, token)).res.status, why).toBe(404);
      expect((await asDeployment(`/api/v1/bookings/${number}/cancel`, token, { method: 'POST', body: '{}' })).res.status, why).toBe(404);
    }
    // A session opened with any claimed email gets no verified one either.
    const session = await openSession({ customer_email: 'quinn.claimed@example.com' });
    expect((await call(`/api/v1/bookings/${number}`, { token: session.token })).res.status).toBe(404);
    // Without JWT_JWKS_URL (the shipped default) an IdP token is refused outright.
    const plain = await call('/api/v1/bookings', { token: await idpToken({ ...claims, email_verified: true }) });
    expect(plain.res.status).toBe(401);
    expect((await call(`/api/v1/bookings/${number}`, { token: await staffToken() })).body.status).toBe('confirmed');
  });
});

describe('the offline agent asks for proof the same way', () => {
  it('offers a code for a booking it cannot see, takes a wrong one, then the right one, and only then cancels', async () => {
    const phone = '(312) 555-0731';
    const number = await staffBooks('2033-03-14T09:00', { phone, email: 'vera.chat@example.com' });
    const visitor = await openSession();
    const asked = await say(visitor, `hi i need to cancel my appointment ${number.toLowerCase()}`);
    expect(asked.offline).toBe(true);
    expect(asked.response).toMatch(new RegExp(`can't see ${number}.*6-digit code`, 's'));
    expect(asked.response).not.toMatch(/Vera|Private Lane|5566/);
    const sent = await say(visitor, 'text it please');
    expect(sent.function_calls.map((c) => c.name)).toEqual(['request_booking_code']);
    expect(sent.response).toMatch(/What is the code\?/);
    const code = await latestCode(phone);
    const refused = await say(visitor, wrong(code));
    expect(refused.function_calls).toEqual([expect.objectContaining({ name: 'verify_booking_code', ok: false })]);
    expect(refused.response).toMatch(/didn't work/);
    const stillActive = await env.DB.prepare('SELECT status FROM bookings WHERE number = ?').bind(number).first<{ status: string }>();
    expect(stillActive?.status).not.toBe('cancelled');
    const verified = await say(visitor, `ok its ${code.slice(0, 3)} ${code.slice(3)}`);
    expect(verified.function_calls).toEqual([expect.objectContaining({ name: 'verify_booking_code', ok: true })]);
    expect(verified.response).toMatch(new RegExp(`${number}.*Shall I cancel it\\?`, 's'));
    const done = await say(visitor, 'yes');
    expect(done.function_calls).toEqual([expect.objectContaining({ name: 'cancel_booking', ok: true })]);
    expect(done.response).toMatch(new RegExp(`${number} is cancelled`));
    const row = await env.DB.prepare('SELECT status FROM bookings WHERE number = ?').bind(number).first<{ status: string }>();
    expect(row?.status).toBe('cancelled');
  });
});
