// Staff analytics (#14) over conversations held through the real Worker, session objects and offline agent.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signToken } from '../worker/auth/tokens';
import { toZoned } from '../worker/lib/zoned-time';
import { call, openSession, say } from './http-helpers';

const staffToken = () => signToken(env, { sub: 'alice', role: 'staff', name: 'Alice Staff' }, '1h');
const today = () => toZoned(Date.now(), env.BUSINESS_TIMEZONE).date;

async function analytics(query = `from=${today()}&to=${today()}`) {
  const { res, body, text } = await call(`/api/v1/analytics?${query}`, { token: await staffToken() });
  expect(res.status, text).toBe(200);
  return body;
}

describe('GET /api/v1/analytics', () => {
  it('counts conversations once the customer wrote, their messages, bookings and conversion, by channel', async () => {
    const before = await analytics();
    const booker = await openSession();
    const booked = await say(booker, 'drain cleaning on 2030-04-09 at 10am please. Ann Lee, 312-555-0100, 12 Oak Ave, Chicago');
    expect(booked.function_calls.map((c) => c.name)).toContain('create_booking');
    const asker = await openSession();
    await say(asker, 'what are your hours on saturday?');
    await openSession(); // opened, never written in: no conversation
    const after = await analytics();
    const delta = (key: string) => after.totals[key] - before.totals[key];
    expect(delta('conversations')).toBe(2);
    expect(delta('bookings')).toBe(1);
    expect(delta('messages')).toBe(6); // each session's greeting, the two customer messages and the two replies (tool calls not counted)
    expect(after.totals.by_channel.chat - (before.totals.by_channel.chat ?? 0)).toBe(2);
    expect(after.totals.booking_conversion).toBeCloseTo(
      (before.totals.booking_conversion * before.totals.conversations + 1) / after.totals.conversations,
      2,
    );
    expect(after.days).toEqual([expect.objectContaining({ date: today(), conversations: after.totals.conversations })]);
    const voice = await analytics(`from=${today()}&to=${today()}&channel=voice`);
    expect(voice.totals.by_channel.chat).toBeUndefined();
  });

  it('gives one entry per day of the range and refuses bad ranges (400) and customers (403)', async () => {
    const week = await analytics('from=2030-03-04&to=2030-03-10');
    expect(week.days.map((d: { date: string }) => d.date)).toEqual(['2030-03-04', '2030-03-05', '2030-03-06', '2030-03-07', '2030-03-08', '2030-03-09', '2030-03-10']);
    expect(week.totals.conversations).toBe(0);
    for (const query of ['from=2030-03-10&to=2030-03-04', 'from=yesterday', 'from=2020-01-01&to=2030-01-01']) {
      const { res, body } = await call(`/api/v1/analytics?${query}`, { token: await staffToken() });
      expect(res.status, query).toBe(400);
      expect(body.error.code).toBe('invalid_input');
    }
    const customer = await openSession();
    const refused = await call('/api/v1/analytics', { token: customer.token });
    expect(refused.res.status).toBe(403);
  });
});
