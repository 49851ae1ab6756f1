// Configuring the business over REST (issue #13, item 8) against the real D1: every endpoint's happy path and its
// 400/403/404/409; customers and staff refused on every write; a closure empties a day and refuses a booking naming
// the next open day; new hours move the slots, the prompt and the hours article on the next request; a retired
// service is neither listed nor bookable while its booking keeps it; the seed leaves configured tables alone.
// Dates are computed from the real clock (REST runs on it): three to five weeks ahead, inside the booking horizon.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemPrompt } from '../worker/agent/prompt';
import { signToken } from '../worker/auth/tokens';
import { seedStatements } from '../worker/db/seed';
import { businessDay, loadBusinessCalendar, loadPromptCalendar, nextOpenDay } from '../worker/domain/business-calendar';
import { holidayNames, hoursSentence } from '../worker/domain/hours-text';
import { addDays, toZoned, weekdayOf } from '../worker/lib/zoned-time';
import { REST_ROUTES } from '../worker/http/rest';
import { admin as adminPrincipal, ctxFor } from './helpers';
import { call, openSession, say } from './http-helpers';

const tokens: Record<'admin' | 'staff' | 'customer', string> = { admin: '', staff: '', customer: '' };
const TZ = 'America/Chicago';
const today = () => toZoned(Date.now(), TZ).date;

/** The first local date on `weekday` at least `daysAhead` days from today that the seeded calendar keeps open. */
async function openDate(weekday: number, daysAhead: number): Promise<string> {
  const cal = await loadBusinessCalendar(ctxFor(adminPrincipal));
  let d = addDays(today(), daysAhead);
  while (weekdayOf(d) !== weekday || businessDay(cal, d).windows.length === 0) d = addDays(d, 1);
  return d;
}

const as = (who: keyof typeof tokens, method: string, path: string, body?: unknown) =>
  call(`/api/v1${path}`, { method, token: tokens[who], ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

const slotsOn = async (service: string, date: string) => {
  const { res, body } = await call(`/api/v1/availability?service=${service}&date_from=${date}`);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.days[0] as { date: string; slots: { time: string; start: string }[]; closed?: string; hours?: string };
};

const CONTACT = { customer_name: 'Carl Config', phone: '312-555-0177', address: '1 Config Way, Chicago, IL 60601' };

beforeAll(async () => {
  tokens.admin = await signToken(env, { sub: 'root', role: 'admin', name: 'Ada Admin' }, '1h');
  tokens.staff = await signToken(env, { sub: 'alice', role: 'staff', name: 'Alice Staff' }, '1h');
  tokens.customer = await signToken(env, { sub: 'cust-cfg', role: 'customer', name: 'Carl Config' }, '1h');
});

describe('who may configure the business', () => {
  /** A request of every business route, with a valid body for its tool. */
  const writes: [string, string, unknown?][] = [
    ['GET', '/business'],
    ['PUT', '/business/hours', { hours: [{ weekday: 1, start: '08:00', end: '17:00' }] }],
    ['POST', '/business/holidays', { name: 'Founders Day', rule: 'fixed', month: 3, day: 9 }],
    ['DELETE', '/business/holidays/1'],
    ['POST', '/business/closures', { date: '2039-01-04', reason: 'x' }],
    ['DELETE', '/business/closures/1'],
    ['POST', '/services', { slug: 'x-service', name: 'X', category: 'HVAC', duration_minutes: 60, price_cents: 100 }],
    ['PATCH', '/services/1', { price_cents: 1 }],
    ['POST', '/employees', { name: 'X', email: 'x@example.com', department: 'HVAC', skills: [] }],
    ['PATCH', '/employees/1', { active: false }],
    ['PUT', '/employees/1/schedule', { schedule: [] }],
    ['POST', '/employees/1/time-off', { from: '2039-01-04', to: '2039-01-05' }],
    ['DELETE', '/employees/1/time-off/1'],
  ];

  it('covers every business route', () => {
    const business = REST_ROUTES.filter((r) => /^\/(business|services\/|employees)/.test(r.path) || (r.path === '/services' && r.method === 'POST'));
    expect(business.map((r) => r.method).sort()).toEqual(writes.map(([m]) => m).sort());
  });

  it.each(writes)('%s %s: 401 without a token, 403 for a customer or staff, before anything is written', async (method, path, body) => {
    const before = await env.DB.prepare("SELECT coalesce((SELECT value FROM counters WHERE name = 'business_config'), 0) AS v").first<{ v: number }>();
    expect((await call(`/api/v1${path}`, { method, ...(body ? { body: JSON.stringify(body) } : {}) })).res.status).toBe(401);
    for (const who of ['customer', 'staff'] as const) {
      const { res, body: answer } = await as(who, method, path, body);
      expect(res.status, `${who}: ${JSON.stringify(answer)}`).toBe(403);
      expect(answer.error.code).toBe('forbidden');
    }
    const after = await env.DB.prepare("SELECT coalesce((SELECT value FROM counters WHERE name = 'business_config'), 0) AS v").first<{ v: number }>();
    expect(after!.v).toBe(before!.v);
  });
});

describe('GET /business', () => {
  it('reads the seeded configuration: hours, holidays with their next date, services, employees with their week', async () => {
    const { res, body } = await as('admin', 'GET', '/business');
    expect(res.status).toBe(200);
    expect(body.time_zone).toBe(TZ);
    expect(body.hours).toContainEqual({ weekday: 6, start: '09:00', end: '13:00' });
    expect(body.hours_text).toMatch(/^We are open Monday to Friday from 8:00 AM to 5:00 PM/);
    expect(body.holidays.find((h: { slug: string }) => h.slug === 'christmas')).toMatchObject({ rule: 'fixed', month: 12, day: 25, next_date: expect.stringMatching(/-12-2[456]$/) });
    expect(body.services).toHaveLength(11);
    expect(body.employees.find((e: { id: number }) => e.id === 3)).toMatchObject({ name: 'Dev Patel', active: true, schedule: expect.arrayContaining([{ weekday: 1, start: '08:00', end: '17:00' }]) });
  });
});

describe('opening hours', () => {
  it('400s name the field: bad times, start after end, overlapping windows, nothing open', async () => {
    const bad = async (hours: unknown) => {
      const { res, body } = await as('admin', 'PUT', '/business/hours', { hours });
      expect(res.status, JSON.stringify(body)).toBe(400);
      return body.error.details as Record<string, string>;
    };
    expect(await bad([{ weekday: 1, start: '8am', end: '17:00' }])).toHaveProperty(['hours.0.start']);
    expect(await bad([{ weekday: 7, start: '08:00', end: '17:00' }])).toHaveProperty(['hours.0.weekday']);
    expect(await bad([{ weekday: 1, start: '17:00', end: '08:00' }])).toEqual({ 'hours.0.end': 'must be after start' });
    expect(await bad([{ weekday: 1, start: '08:00', end: '12:00' }, { weekday: 1, start: '11:00', end: '17:00' }])).toHaveProperty(['hours.1.start']);
    expect(await bad([])).toHaveProperty(['hours']);
  });

  it('a change moves the slots on the next request, and the prompt and the hours article say the new hours', async () => {
    const monday = await openDate(1, 21);
    const before = await slotsOn('drain-cleaning', monday);
    expect(before.slots[0]!.time).toBe('08:00');
    // The prompt's copy is kept in this isolate: read it once so the change must replace it.
    const first = await loadPromptCalendar(ctxFor(adminPrincipal));

    const hours = [
      ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '10:00', end: '16:00' })),
      { weekday: 6, start: '09:00', end: '13:00' },
    ];
    const { res, body } = await as('admin', 'PUT', '/business/hours', { hours });
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.hours_text).toMatch(/^We are open Monday to Friday from 10:00 AM to 4:00 PM and Saturday from 9:00 AM to 1:00 PM; closed on Sundays/);

    const after = await slotsOn('drain-cleaning', monday);
    expect(after.hours).toBe('10:00 AM–4:00 PM');
    expect(after.slots[0]!.time).toBe('10:00');
    // A 60-minute job ends by closing time.
    expect(after.slots.at(-1)!.time).toBe('15:00');

    const prompt = await loadPromptCalendar(ctxFor(adminPrincipal));
    expect(prompt).not.toBe(first);
    const text = systemPrompt({ businessName: 'Brightside', timeZone: TZ, now: Date.now(), calendar: prompt });
    expect(text).toContain(`Opening hours: ${hoursSentence(prompt.hours, prompt.holidays, 'en')}`);
    expect(text).toContain('Monday to Friday from 10:00 AM to 4:00 PM');
    const article = async (slug: string) => (await env.DB.prepare('SELECT body FROM kb_articles WHERE slug = ?').bind(slug).first<{ body: string }>())!.body;
    expect(await article('business-hours')).toContain('work Monday to Friday from 10:00 AM to 4:00 PM and Saturday from 9:00 AM to 1:00 PM (Central Time)');
    expect(await article('business-hours-es')).toContain('de lunes a viernes de 10:00 AM a 4:00 PM');
    expect(await article('how-to-book')).toContain('Monday to Friday from 10:00 AM to 4:00 PM');
    // What the knowledge tools serve (the offline agent answers from them) is the new article.
    const { body: served } = await call('/api/v1/kb/articles/1');
    expect(served.body).toContain('Monday to Friday from 10:00 AM to 4:00 PM');

    // The offline agent's answer, in a new conversation, says them too.
    const reply = (await say(await openSession({ customer_name: 'Hal Hours' }), 'What are your opening hours?')).response;
    expect(reply).toContain('Monday to Friday from 10:00 AM to 4:00 PM');

    // A booking at the old opening time is refused, naming the hours.
    const early = await as('customer', 'POST', '/bookings', { service: 'drain-cleaning', start: `${monday}T08:00`, ...CONTACT });
    expect(early.res.status, JSON.stringify(early.body)).toBe(409);
    expect(early.body.error.message).toContain('10:00 AM–4:00 PM');

    // Back to the seed's hours for the tests after this one.
    const restore = [...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })), { weekday: 6, start: '09:00', end: '13:00' }];
    expect((await as('admin', 'PUT', '/business/hours', { hours: restore })).res.status).toBe(200);
    expect(await article('emergency-service')).toContain('Saturday after 1:00 PM');
  });
});

describe('closures', () => {
  it('a closure empties the day, refuses a booking on it naming the next open day, and is listed until removed', async () => {
    const wednesday = await openDate(3, 28);
    expect((await slotsOn('leak-repair', wednesday)).slots.length).toBeGreaterThan(0);

    const added = await as('admin', 'POST', '/business/closures', { date: wednesday, reason: 'Staff training' });
    expect(added.res.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.closures).toEqual([{ id: expect.any(Number), date: wednesday, start: null, end: null, reason: 'Staff training' }]);
    expect(added.body.bookings_affected).toEqual([]);

    const day = await slotsOn('leak-repair', wednesday);
    expect(day).toMatchObject({ slots: [], closed: 'Staff training' });

    const cal = await loadBusinessCalendar(ctxFor(adminPrincipal));
    const next = nextOpenDay(cal, wednesday)!;
    const refused = await as('customer', 'POST', '/bookings', { service: 'leak-repair', start: `${wednesday}T10:00`, ...CONTACT });
    expect(refused.res.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.error.message).toContain('Staff training');
    expect(refused.body.error.message).toContain(`The next open day is`);
    expect(refused.body.error.message).toContain(next.date);
    expect(refused.body.error.details).toMatchObject({ reason: 'closed', next_open_day: next.date });

    const listed = await as('admin', 'GET', '/business');
    const closure = listed.body.closures.find((c: { date: string }) => c.date === wednesday);
    expect(closure).toMatchObject({ reason: 'Staff training' });

    expect((await as('admin', 'DELETE', `/business/closures/${closure.id}`)).body).toEqual({ removed: true, id: closure.id });
    expect((await slotsOn('leak-repair', wednesday)).slots.length).toBeGreaterThan(0);
    const again = await as('admin', 'DELETE', `/business/closures/${closure.id}`);
    expect(again.res.status).toBe(404);
  });

  it('part of a day, a range, and what a closure leaves to rearrange; 400s for the past, half a time, a backwards range', async () => {
    const thursday = await openDate(4, 28);
    const booked = await as('customer', 'POST', '/bookings', { service: 'drain-cleaning', start: `${thursday}T15:00`, ...CONTACT });
    expect(booked.res.status, JSON.stringify(booked.body)).toBe(201);
    const partial = await as('admin', 'POST', '/business/closures', { date: thursday, start: '12:00', end: '24:00', reason: 'Half day' });
    expect(partial.res.status, JSON.stringify(partial.body)).toBe(201);
    expect(partial.body.bookings_affected).toEqual([booked.body.number]);
    const day = await slotsOn('drain-cleaning', thursday);
    expect(day.hours).toBe('8:00 AM–12:00 PM');
    expect(day.slots.at(-1)!.time).toBe('11:00');

    const range = await as('admin', 'POST', '/business/closures', { date: addDays(thursday, 7), date_to: addDays(thursday, 9), reason: 'Move' });
    expect(range.body.closures.map((c: { date: string }) => c.date)).toEqual([addDays(thursday, 7), addDays(thursday, 8), addDays(thursday, 9)]);

    const bad = async (body: unknown) => {
      const { res, body: answer } = await as('admin', 'POST', '/business/closures', body);
      expect(res.status, JSON.stringify(answer)).toBe(400);
      return answer.error.details;
    };
    expect(await bad({ date: addDays(today(), -1), reason: 'x' })).toHaveProperty('date');
    expect(await bad({ date: thursday, start: '12:00', reason: 'x' })).toHaveProperty('end');
    expect(await bad({ date: thursday, date_to: addDays(thursday, -1), reason: 'x' })).toHaveProperty('date_to');
    expect(await bad({ date: '2030-02-30', reason: 'x' })).toHaveProperty('date');
    expect(await bad({ date: thursday })).toHaveProperty('reason');
  });
});

describe('holidays', () => {
  it('adds a rule (the day closes, the articles name it), refuses a duplicate slug and a rule missing its fields, removes it', async () => {
    const friday = await openDate(5, 21);
    const [, month, day] = friday.split('-').map(Number);
    const added = await as('admin', 'POST', '/business/holidays', { name: 'Founders Day', rule: 'fixed', month, day, observed: false });
    expect(added.res.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ slug: 'founders-day', rule: 'fixed', next_date: friday });
    expect(await slotsOn('drain-cleaning', friday)).toMatchObject({ slots: [], closed: 'Founders Day' });
    // The article names it where the prompt does (the holidays in the calendar's order).
    const hoursArticle = await env.DB.prepare("SELECT body FROM kb_articles WHERE slug = 'business-hours'").first<{ body: string }>();
    const cal = await loadBusinessCalendar(ctxFor(adminPrincipal));
    expect(holidayNames(cal.holidays, 'en')).toContain('Founders Day');
    expect(hoursArticle!.body).toContain(`major holidays (${holidayNames(cal.holidays, 'en')})`);
    expect(hoursSentence(cal.hours, cal.holidays, 'en')).toContain(holidayNames(cal.holidays, 'en'));

    const dup = await as('admin', 'POST', '/business/holidays', { name: 'Founders Day', rule: 'fixed', month: 1, day: 2 });
    expect(dup.res.status).toBe(409);
    const missing = await as('admin', 'POST', '/business/holidays', { name: 'Some Monday', rule: 'nth_weekday', month: 2 });
    expect(missing.res.status).toBe(400);
    expect(missing.body.error.details).toEqual({ weekday: 'required for rule nth_weekday', nth: 'required for rule nth_weekday' });
    const noDay = await as('admin', 'POST', '/business/holidays', { name: 'Feb 30', rule: 'fixed', month: 2, day: 30 });
    expect(noDay.body.error.details).toEqual({ day: 'month 2 has no day 30' });

    expect((await as('admin', 'DELETE', `/business/holidays/${added.body.id}`)).res.status).toBe(200);
    expect((await slotsOn('drain-cleaning', friday)).slots.length).toBeGreaterThan(0);
    expect((await as('admin', 'DELETE', `/business/holidays/${added.body.id}`)).res.status).toBe(404);
  });
});

describe('services', () => {
  it('creates one (409 for a taken slug, 400 for a bad duration or price), books it once a technician has the skill', async () => {
    const created = await as('admin', 'POST', '/services', { slug: 'gutter-cleaning', name: 'Gutter Cleaning', category: 'Plumbing', duration_minutes: 90, price_cents: 19900, buffer_minutes: 15 });
    expect(created.res.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ slug: 'gutter-cleaning', active: true, buffer_minutes: 15, description: '' });
    expect((await as('admin', 'POST', '/services', { slug: 'gutter-cleaning', name: 'Again', category: 'Plumbing', duration_minutes: 90, price_cents: 1 })).res.status).toBe(409);
    const bad = await as('admin', 'POST', '/services', { slug: 'Bad Slug', name: 'X', category: 'Plumbing', duration_minutes: 50, price_cents: -1 });
    expect(bad.res.status).toBe(400);
    expect(Object.keys(bad.body.error.details).sort()).toEqual(['duration_minutes', 'price_cents', 'slug']);

    const listed = await call('/api/v1/services?category=plumbing');
    expect(listed.body.services.map((s: { slug: string }) => s.slug)).toContain('gutter-cleaning');
    const monday = await openDate(1, 22);
    expect((await slotsOn('gutter-cleaning', monday)).slots).toEqual([]);
    // Dev Patel (3) gets the skill: skills are replaced whole, and must name services.
    const unknown = await as('admin', 'PATCH', '/employees/3', { skills: ['drain-cleaning', 'no-such-service'] });
    expect(unknown.res.status).toBe(400);
    expect(unknown.body.error.details).toEqual({ skills: 'unknown service: no-such-service' });
    const skilled = await as('admin', 'PATCH', '/employees/3', { skills: ['drain-cleaning', 'leak-repair', 'water-heater-install', 'gutter-cleaning'] });
    expect(skilled.res.status, JSON.stringify(skilled.body)).toBe(200);
    expect((await slotsOn('gutter-cleaning', monday)).slots[0]).toMatchObject({ time: '08:00' });
  });

  it('retired: not listed, not bookable, its bookings keep it; offered again when reactivated; 404 for an unknown id', async () => {
    const tuesday = await openDate(2, 29);
    const booked = await as('customer', 'POST', '/bookings', { service: 'duct-cleaning', start: `${tuesday}T09:00`, ...CONTACT });
    expect(booked.res.status, JSON.stringify(booked.body)).toBe(201);

    const retired = await as('admin', 'PATCH', '/services/3', { active: false });
    expect(retired.res.status, JSON.stringify(retired.body)).toBe(200);
    expect(retired.body).toMatchObject({ slug: 'duct-cleaning', active: false });
    expect((await call('/api/v1/services')).body.services.map((s: { slug: string }) => s.slug)).not.toContain('duct-cleaning');
    expect((await call(`/api/v1/availability?service=duct-cleaning&date_from=${tuesday}`)).res.status).toBe(404);
    const refused = await as('customer', 'POST', '/bookings', { service: 'duct-cleaning', start: `${addDays(tuesday, 1)}T09:00`, ...CONTACT });
    expect(refused.res.status).toBe(404);
    const kept = await as('customer', 'GET', `/bookings/${booked.body.number}`);
    expect(kept.body.service).toMatchObject({ slug: 'duct-cleaning' });
    expect((await as('admin', 'GET', '/business')).body.services.find((s: { id: number }) => s.id === 3)).toMatchObject({ active: false });

    expect((await as('admin', 'PATCH', '/services/3', { active: true })).res.status).toBe(200);
    expect((await call('/api/v1/services')).body.services.map((s: { slug: string }) => s.slug)).toContain('duct-cleaning');
    expect((await as('admin', 'PATCH', '/services/999', { price_cents: 1 })).res.status).toBe(404);
    expect((await as('admin', 'PATCH', '/services/3', {})).res.status).toBe(400);
  });
});

describe('employees, their weeks and their time off', () => {
  it('creates one (409 for a taken email), gives them a week, then time off removes their slots until it is removed', async () => {
    const created = await as('admin', 'POST', '/employees', { name: 'Rosa Diaz', email: 'Rosa@Brightside.example', department: 'Electrical', skills: ['outlet-repair'] });
    expect(created.res.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ email: 'rosa@brightside.example', schedule: [], time_off: [], active: true, max_jobs_per_day: null });
    const id = created.body.id as number;
    expect((await as('admin', 'POST', '/employees', { name: 'Rosa Two', email: 'rosa@brightside.example', department: 'Electrical', skills: [] })).res.status).toBe(409);
    expect((await as('admin', 'PATCH', '/employees/8', { email: 'rosa@brightside.example' })).res.status).toBe(409);

    const sunday = addDays(await openDate(1, 23), -1);
    // Sundays stay closed whatever a technician's week says.
    const week = await as('admin', 'PUT', `/employees/${id}/schedule`, { schedule: [{ weekday: 0, start: '08:00', end: '12:00' }, { weekday: 1, start: '13:00', end: '17:00' }] });
    expect(week.res.status, JSON.stringify(week.body)).toBe(200);
    expect(week.body.schedule).toEqual([{ weekday: 0, start: '08:00', end: '12:00' }, { weekday: 1, start: '13:00', end: '17:00' }]);
    expect((await slotsOn('outlet-repair', sunday)).slots).toEqual([]);
    const monday = addDays(sunday, 1);
    const rosaSlots = async () => (await call(`/api/v1/availability?service=outlet-repair&date_from=${monday}&employee_id=${id}`)).body.days[0].slots as { time: string }[];
    expect((await rosaSlots()).map((s) => s.time)).toEqual(['13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00']);

    const off = await as('admin', 'POST', `/employees/${id}/time-off`, { from: `${monday}T14:00`, to: `${monday}T17:00`, reason: 'Dentist' });
    expect(off.res.status, JSON.stringify(off.body)).toBe(201);
    expect(off.body).toMatchObject({ employee_id: id, from: expect.stringMatching(new RegExp(`^${monday}T14:00:00-0[56]:00$`)), reason: 'Dentist', bookings_affected: [] });
    expect((await rosaSlots()).map((s) => s.time)).toEqual(['13:00']);
    expect((await as('admin', 'GET', '/business')).body.employees.find((e: { id: number }) => e.id === id).time_off).toHaveLength(1);
    expect((await as('admin', 'DELETE', `/employees/${id}/time-off/${off.body.id}`)).res.status).toBe(200);
    expect((await rosaSlots()).length).toBe(7);
    expect((await as('admin', 'DELETE', `/employees/${id}/time-off/${off.body.id}`)).res.status).toBe(404);
    expect((await as('admin', 'DELETE', `/employees/3/time-off/${off.body.id}`)).res.status).toBe(404);

    // Inactive: offered for nothing.
    expect((await as('admin', 'PATCH', `/employees/${id}`, { active: false })).body).toMatchObject({ active: false });
    expect((await call(`/api/v1/availability?service=outlet-repair&date_from=${monday}&employee_id=${id}`)).res.status).toBe(404);
  });

  it('400s and 404s: overlapping windows, a backwards absence, unknown employees', async () => {
    const overlap = await as('admin', 'PUT', '/employees/2/schedule', { schedule: [{ weekday: 2, start: '09:00', end: '13:00' }, { weekday: 2, start: '12:00', end: '17:00' }] });
    expect(overlap.res.status).toBe(400);
    expect(overlap.body.error.details).toHaveProperty(['schedule.1.start']);
    expect((await as('admin', 'PUT', '/employees/999/schedule', { schedule: [] })).res.status).toBe(404);
    const backwards = await as('admin', 'POST', '/employees/2/time-off', { from: '2039-01-05', to: '2039-01-03' });
    expect(backwards.res.status).toBe(400);
    expect(backwards.body.error.details).toEqual({ to: 'must be after from' });
    expect((await as('admin', 'POST', '/employees/2/time-off', { from: 'soon', to: '2039-01-03' })).res.status).toBe(400);
    expect((await as('admin', 'POST', '/employees/999/time-off', { from: '2039-01-03', to: '2039-01-04' })).res.status).toBe(404);
    expect((await as('admin', 'PATCH', '/employees/999', { active: true })).res.status).toBe(404);
    expect((await as('admin', 'POST', '/employees', { name: 'No Mail', email: 'not-an-email', department: 'HVAC', skills: [] })).body.error.details).toHaveProperty('email');
  });
});

describe('the seed stays a seed', () => {
  it('once an admin has configured the business, loading the seed again brings back no deleted holiday and doubles no hours', async () => {
    const christmas = await env.DB.prepare("SELECT id FROM holidays WHERE slug = 'christmas'").first<{ id: number }>();
    expect((await as('admin', 'DELETE', `/business/holidays/${christmas!.id}`)).res.status).toBe(200);
    const hoursBefore = await env.DB.prepare('SELECT count(*) AS n FROM opening_hours').first<{ n: number }>();
    await env.DB.batch(seedStatements().map((s) => env.DB.prepare(s)));
    expect(await env.DB.prepare("SELECT id FROM holidays WHERE slug = 'christmas'").first()).toBeNull();
    expect((await env.DB.prepare('SELECT count(*) AS n FROM opening_hours').first<{ n: number }>())!.n).toBe(hoursBefore!.n);
  });
});
