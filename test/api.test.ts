// The REST API end to end inside workerd: auth, validation, limits, errors, and a booking through HTTP.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signToken, type TokenClaims } from '../worker/auth/tokens';
import { BASE, call as api } from './http-helpers';

const tokenFor = (claims: TokenClaims, ttl: string | number = '1h') => signToken(env, claims, ttl);

describe('platform', () => {
  it('answers /health and gives every response a request id', async () => {
    const { res, body } = await api('/health');
    expect(res.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(res.headers.get('X-Request-Id')).toBeTruthy();
  });

  it('answers unknown routes with a JSON 404', async () => {
    const { res, body } = await api('/api/v1/nope');
    expect(res.status).toBe(404);
    expect(body.error.code).toBe('not_found');
    expect(body.request_id).toBeTruthy();
  });

  it('answers CORS preflights for allowed origins: by default the Worker’s own, not other sites', async () => {
    const preflight = (origin: string) =>
      exports.default.fetch(new Request(`${BASE}/api/v1/services`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } }));
    const res = await preflight(BASE);
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(BASE);
    // Listed sites: test/provider (ALLOWED_ORIGINS set) and test/security/defaults.test.ts.
    expect((await preflight('https://shop.example')).headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});

describe('auth', () => {
  it('rejects a bad, expired or wrongly signed token with 401, never as anonymous', async () => {
    const expired = await tokenFor({ sub: 'alice', role: 'staff' }, Math.floor(Date.now() / 1000) - 10);
    const forged = await signToken({ ...env, JWT_SECRET: 'x'.repeat(40) }, { sub: 'alice', role: 'admin' });
    for (const token of ['garbage', expired, forged]) {
      const { res, body } = await api('/api/v1/services', { token });
      expect(res.status, token).toBe(401);
      expect(body.error.code).toBe('unauthorized');
      expect(res.headers.get('WWW-Authenticate')).toContain('invalid_token');
    }
    const { res } = await api('/api/v1/services', { headers: { Authorization: 'Basic abc' } });
    expect(res.status).toBe(401);
  });

  it('gives 401 to anonymous callers of signed-in routes and 403 to the wrong role', async () => {
    expect((await api('/api/v1/bookings')).res.status).toBe(401);
    const customer = await tokenFor({ sub: 'cust-rest', role: 'customer' });
    const { res, body } = await api('/api/v1/projects', { token: customer });
    expect(res.status).toBe(403);
    expect(body.error.code).toBe('forbidden');
  });
});

describe('bad input', () => {
  it('turns malformed JSON, non-object bodies and schema errors into 400s with field errors', async () => {
    const token = await tokenFor({ sub: 'cust-bad', role: 'customer' });
    const malformed = await api('/api/v1/bookings', { method: 'POST', token, body: '{"service": ' });
    expect(malformed.res.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/JSON/);
    const array = await api('/api/v1/bookings', { method: 'POST', token, body: '[1,2]' });
    expect(array.res.status).toBe(400);
    const missing = await api('/api/v1/bookings', { method: 'POST', token, body: JSON.stringify({ service: 'drain-cleaning' }) });
    expect(missing.res.status).toBe(400);
    expect(missing.body.error.code).toBe('invalid_input');
    expect(Object.keys(missing.body.error.details)).toEqual(expect.arrayContaining(['start', 'customer_name', 'phone', 'address']));
    const tooLong = await api('/api/v1/tasks', { method: 'POST', token, body: JSON.stringify({ title: 'x'.repeat(5000) }) });
    expect(tooLong.res.status).toBe(400);
    expect(tooLong.body.error.details).toHaveProperty('title');
  });

  it('refuses bodies over the limit with 413 and never leaks a stack trace', async () => {
    const token = await tokenFor({ sub: 'cust-big', role: 'customer' });
    const { res, body } = await api('/api/v1/tasks', { method: 'POST', token, body: JSON.stringify({ title: 'a', notes: 'n'.repeat(100_000) }) });
    expect(res.status).toBe(413);
    expect(body.error.code).toBe('payload_too_large');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers an unknown booking with 404 and a past date with 400', async () => {
    const token = await tokenFor({ sub: 'staff-x', role: 'staff' });
    expect((await api('/api/v1/bookings/BK-2030-999999', { token })).res.status).toBe(404);
    const past = await api('/api/v1/bookings', {
      method: 'POST',
      token,
      body: JSON.stringify({ service: 'drain-cleaning', start: '2020-01-06T10:00', customer_name: 'P', phone: '312 555 0101', address: '2 Elm St' }),
    });
    expect(past.res.status).toBe(400);
  });
});

describe('booking over REST', () => {
  it('lists seeded services, books a slot that availability then no longer offers, and 409s a second booking of it', async () => {
    const services = await api('/api/v1/services?category=plumbing');
    expect(services.res.status).toBe(200);
    expect(JSON.stringify(services.body)).toContain('drain-cleaning');

    const date = '2030-05-06'; // a Monday
    const before = await api(`/api/v1/availability?service=drain-cleaning&date_from=${date}&employee_id=3`);
    expect(before.res.status).toBe(200);
    expect(JSON.stringify(before.body)).toContain(`${date}T10:00`);

    const token = await tokenFor({ sub: 'cust-rest-book', role: 'customer', name: 'Rita Rest', email: 'rita@example.com' });
    const booking = {
      service: 'drain-cleaning',
      start: `${date}T10:00`,
      employee_id: 3,
      customer_name: 'Rita Rest',
      phone: '+1 312 555 0199',
      email: 'rita@example.com',
      address: '12 Oak Ave, Evanston, IL',
    };
    const created = await api('/api/v1/bookings', { method: 'POST', token, body: JSON.stringify(booking) });
    expect(created.res.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.number).toMatch(/^BK-\d{4}-\d{6}$/);

    const after = await api(`/api/v1/availability?service=drain-cleaning&date_from=${date}&employee_id=3`);
    expect(JSON.stringify(after.body)).not.toContain(`${date}T10:00`);

    const again = await api('/api/v1/bookings', { method: 'POST', token, body: JSON.stringify(booking) });
    expect(again.res.status).toBe(409);

    const mine = await api('/api/v1/bookings', { token });
    expect(JSON.stringify(mine.body)).toContain(created.body.number);
    const cancelled = await api(`/api/v1/bookings/${created.body.number}/cancel`, { method: 'POST', token, body: '{}' });
    expect(cancelled.res.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
  });
});
