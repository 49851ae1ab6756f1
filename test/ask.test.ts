// "Ask the data" (#14): staff questions in plain language answered from the read-only figures tools
// (get_booking_stats, get_analytics) on the real D1, offline; the model path is in test/provider/ask.test.ts.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { askTheData } from '../worker/agent/ask/answer';
import { readPeriod } from '../worker/agent/ask/period';
import { signToken } from '../worker/auth/tokens';
import { findTool } from '../worker/tools/catalog';
import { executeTool } from '../worker/tools/registry';
import { zonedToUtc } from '../worker/lib/zoned-time';
import { ctxFor, customerA, staff } from './helpers';
import type { FakeStep } from './fake-openai/server.ts';
import { call, openSession } from './http-helpers';

const tz = env.BUSINESS_TIMEZONE;
/** Noon, local time, on `date`: the clock of a staff member asking that day. */
const noon = (date: string) => zonedToUtc(date, 12 * 60, tz);
const askOn = (date: string, question: string) => askTheData(ctxFor(staff, { now: () => noon(date) }), env, { question });

// The week of Monday 2031-06-02 (nothing else in this file's D1 books then), and the Monday after.
const VISITS = [
  { service: 'drain-cleaning', start: '2031-06-02T10:00', employee_id: 3 }, // Dev Patel
  { service: 'ac-tune-up', start: '2031-06-02T10:00', employee_id: 1 }, // Maria Lopez
  { service: 'leak-repair', start: '2031-06-03T10:00', employee_id: 3 }, // Dev Patel
  { service: 'outlet-repair', start: '2031-06-03T13:00', employee_id: 6 }, // Aisha Johnson
  { service: 'drain-cleaning', start: '2031-06-04T09:00', employee_id: 4 }, // Sarah Kim
  { service: 'leak-repair', start: '2031-06-05T10:00', employee_id: 5, cancel: true }, // Tom Becker, cancelled
  { service: 'drain-cleaning', start: '2031-06-09T10:00', employee_id: 3 }, // the next week
];

beforeAll(async () => {
  const ctx = ctxFor(staff, { now: () => noon('2031-05-20') });
  for (const [i, v] of VISITS.entries()) {
    const made = await executeTool(findTool('create_booking')!, ctx, {
      service: v.service,
      start: v.start,
      employee_id: v.employee_id,
      customer_name: `Asked Customer ${i}`,
      phone: `312-555-02${String(i).padStart(2, '0')}`,
      address: '12 Oak Ave, Chicago, IL 60601',
    }, 'rest');
    expect(made.ok, JSON.stringify(made)).toBe(true);
    if (v.cancel && made.ok) {
      const cancelled = await executeTool(findTool('cancel_booking')!, ctx, { booking_number: (made.data as { number: string }).number }, 'rest');
      expect(cancelled.ok, JSON.stringify(cancelled)).toBe(true);
    }
  }
});

describe('the periods a question names', () => {
  it.each([
    ['how many bookings last week', '2031-06-11', '2031-06-02', '2031-06-08'],
    ['jobs this week?', '2031-06-11', '2031-06-09', '2031-06-15'],
    ['who is busiest tomorrow', '2031-06-02', '2031-06-03', '2031-06-03'],
    ['bookings yesterday', '2031-06-01', '2031-05-31', '2031-05-31'],
    ['revenue last month', '2031-03-15', '2031-02-01', '2031-02-28'],
    ['conversions in the past 14 days', '2031-06-14', '2031-06-01', '2031-06-14'],
    ['bookings in march', '2031-02-10', '2030-03-01', '2030-03-31'],
    ['what about last friday', '2031-06-11', '2031-06-06', '2031-06-06'],
    ['from 2031-06-02 to 2031-06-04', '2031-01-01', '2031-06-02', '2031-06-04'],
  ])('%s (asked on %s) → %s … %s', (text, today, from, to) => {
    expect(readPeriod(text, today)).toMatchObject({ from, to });
  });
});

describe('askTheData offline', () => {
  it('counts a category last week by visit day, leaving the cancelled and the next week out, and shows the figures', async () => {
    const answer = await askOn('2031-06-11', 'how many plumbing bookings last week?');
    expect(answer).toMatchObject({ answered_by: 'offline', understood: true });
    expect(answer.figures).toHaveLength(1);
    expect(answer.figures[0]).toMatchObject({ tool: 'get_booking_stats', input: { from: '2031-06-02', to: '2031-06-08', category: 'Plumbing' } });
    expect(answer.figures[0]!.result).toMatchObject({ ok: true, data: { total: 3, value_cents: 14900 + 17500 + 14900 } });
    expect(answer.answer).toMatch(/^3 Plumbing bookings last week \(2031-06-02 to 2031-06-08\), worth \$473/);
  });

  it('names the technician with the most jobs, and counts cancellations and one service', async () => {
    const busiest = await askOn('2031-06-11', 'which tech had the most jobs last week');
    expect(busiest.figures[0]!.input).toMatchObject({ group_by: 'technician' });
    expect(busiest.answer).toMatch(/^Dev Patel leads last week .* with 2 bookings/);
    const cancelled = await askOn('2031-06-11', 'any cancellations last week?');
    expect(cancelled.figures[0]!.result).toMatchObject({ ok: true, data: { total: 1 } });
    const drains = await askOn('2031-06-11', 'how many drain cleanings this week');
    expect(drains.figures[0]!.input).toMatchObject({ service: 'drain-cleaning', from: '2031-06-09', to: '2031-06-15' });
    expect(drains.answer).toMatch(/^1 Drain Cleaning booking this week/);
  });

  it('answers by the day booked when asked what came in, and conversation figures from get_analytics', async () => {
    // beforeAll made them all on 2031-05-20 (the domain stamps bookings with its clock); one was cancelled since.
    const made = await askOn('2031-05-21', 'how many bookings were made yesterday?');
    expect(made.figures[0]!.input).toMatchObject({ date_field: 'booked', from: '2031-05-20', to: '2031-05-20' });
    expect(made.figures[0]!.result).toMatchObject({ ok: true, data: { total: 6 } });
    expect(made.answer).toMatch(/^6 bookings booked yesterday \(2031-05-20\)/);
    const conversion = await askOn('2031-06-11', "what's our booking conversion this month");
    expect(conversion.figures[0]).toMatchObject({ tool: 'get_analytics', input: { from: '2031-06-01', to: '2031-06-30' } });
    expect(conversion.answer).toMatch(/^Booking conversion this month \(2031-06-01 to 2031-06-30\): 0%/);
  });

  it('says what it can answer for a question of no known shape, and calls nothing', async () => {
    const answer = await askOn('2031-06-11', 'what is the meaning of life?');
    expect(answer).toMatchObject({ understood: false, figures: [] });
    expect(answer.answer).toMatch(/plumbing bookings last week/i);
  });

  it('refuses customers in the domain, whatever the surface', async () => {
    await expect(askTheData(ctxFor(customerA), env, { question: 'how many bookings last week' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('POST /api/v1/analytics/ask', () => {
  const staffToken = () => signToken(env, { sub: 'alice', role: 'staff', name: 'Alice Staff' }, '1h');

  it('answers staff with the figures used', async () => {
    const { res, body, text } = await call('/api/v1/analytics/ask', { method: 'POST', token: await staffToken(), body: JSON.stringify({ question: 'bookings between 2031-06-02 and 2031-06-08 by service' }) });
    expect(res.status, text).toBe(200);
    expect(body.figures[0].result.data.groups).toEqual([
      { key: 'drain-cleaning', count: 2, value_cents: 29800 },
      { key: 'ac-tune-up', count: 1, value_cents: 12900 },
      { key: 'leak-repair', count: 1, value_cents: 17500 },
      { key: 'outlet-repair', count: 1, value_cents: 11900 },
    ]);
    expect(body.answer).toMatch(/^drain-cleaning leads .* with 2 bookings \(\$298\); then ac-tune-up 1, leak-repair 1, outlet-repair 1\. 5 bookings in all\.$/);
  });

  it('is 401 without a token, 403 for a customer, 400 for a missing or oversized question', async () => {
    expect((await call('/api/v1/analytics/ask', { method: 'POST', body: '{"question":"bookings today"}' })).res.status).toBe(401);
    const customer = await openSession();
    const refused = await call('/api/v1/analytics/ask', { method: 'POST', token: customer.token, body: '{"question":"bookings today"}' });
    expect(refused.res.status).toBe(403);
    for (const body of ['{}', '{"question":""}', JSON.stringify({ question: 'x'.repeat(501) }), 'not json']) {
      const bad = await call('/api/v1/analytics/ask', { method: 'POST', token: await staffToken(), body });
      expect(bad.res.status, body).toBe(400);
      expect(bad.body.error.code).toBe('invalid_input');
    }
  });
});

describe('askTheData with a model', () => {
  const baseURL = inject('fakeOpenAIUrl');
  /** The env of a deployment with a key, whose model is a fresh scripted scenario of the fake provider. */
  async function withModel(steps: FakeStep[]) {
    const id = `ask-${crypto.randomUUID()}`;
    const res = await fetch(`${new URL(baseURL).origin}/__scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, steps }) });
    expect(res.status).toBe(201);
    const requests = async () => (await (await fetch(`${new URL(baseURL).origin}/__scenarios/${id}/requests`)).json()) as { messages: { role: string; content: string }[]; tools: { function: { name: string } }[] }[];
    return { env: { ...env, OPENAI_API_KEY: 'sk-test-fake', OPENAI_BASE_URL: baseURL, OPENAI_MODEL: id }, requests };
  }

  it('lets the model choose the read-only tools and returns its calls as the figures', async () => {
    const model = await withModel([
      { toolCalls: [{ name: 'get_booking_stats', arguments: '{"from":"2031-06-02","to":"2031-06-08","group_by":"technician"}' }] },
      { reply: 'Dev Patel had the most jobs last week: 2 of 5.' },
    ]);
    const answer = await askTheData(ctxFor(staff, { now: () => noon('2031-06-11') }), model.env, { question: 'who worked the most last week?' });
    expect(answer).toMatchObject({ answered_by: 'model', understood: true, answer: 'Dev Patel had the most jobs last week: 2 of 5.' });
    expect(answer.figures).toHaveLength(1);
    expect(answer.figures[0]).toMatchObject({ tool: 'get_booking_stats', input: { group_by: 'technician' }, result: { ok: true, data: { total: 5 } } });
    const [first] = await model.requests();
    expect(first!.tools.map((t) => t.function.name).sort()).toEqual(['get_analytics', 'get_booking_stats', 'list_services']);
    expect(first!.messages[0]!.content).toContain('Today is 2031-06-11');
  });

  it('falls back to the offline reader when the model fails', async () => {
    const model = await withModel([{ error: { status: 400, message: 'bad request' } }]);
    const answer = await askTheData(ctxFor(staff, { now: () => noon('2031-06-11') }), model.env, { question: 'how many plumbing bookings last week?' });
    expect(answer).toMatchObject({ answered_by: 'offline', understood: true });
    expect(answer.answer).toMatch(/^3 Plumbing bookings last week/);
  });
});
