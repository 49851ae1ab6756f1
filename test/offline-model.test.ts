// The offline model's parsing and its cancel/reschedule flows, through the real session and tools.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { matchService } from '../worker/agent/offline/parse';
import { understand } from '../worker/agent/offline/understand';
import { seedServices } from '../worker/db/seed-data';
import { openSession, say } from './http-helpers';

const TODAY = '2030-03-06'; // a Wednesday

/** The slots the engine reads from one message, as it reads every customer message. */
const slots = (text: string) => understand(text, { today: TODAY, nowMinute: 0, catalog: [], lang: 'en', expectingName: false }).slots;
const parseDate = (text: string, _today: string) => slots(text).date;
const parseTime = (text: string) => slots(text).time;
const parsePhone = (text: string) => slots(text).phone;
const parseAddress = (text: string) => slots(text).address;

describe('entity parsing', () => {
  it('reads dates relative to today in several forms', () => {
    expect(parseDate('tomorrow please', TODAY)).toBe('2030-03-07');
    expect(parseDate('on Monday', TODAY)).toBe('2030-03-11');
    expect(parseDate('wednesday', TODAY)).toBe('2030-03-13');
    expect(parseDate('March 4', TODAY)).toBe('2031-03-04');
    expect(parseDate('the 9th of March', TODAY)).toBe('2030-03-09');
    expect(parseDate('4/15', TODAY)).toBe('2030-04-15');
    expect(parseDate('2030-12-01', TODAY)).toBe('2030-12-01');
    expect(parseDate('12 Marshall St', TODAY)).toBeUndefined();
    expect(parseDate('312-555-0100', TODAY)).toBeUndefined();
  });

  it('reads times and leaves phone numbers and addresses alone', () => {
    expect(parseTime('10am')).toBe(600);
    expect(parseTime('at 2:30 pm')).toBe(870);
    expect(parseTime('14:00')).toBe(840);
    expect(parseTime('noon')).toBe(720);
    expect(parseTime('around 3')).toBe(900);
    expect(parseTime('312-555-0100')).toBeUndefined();
    expect(parseTime('12 Oak Ave')).toBeUndefined();
  });

  it('reads phones, addresses and services', () => {
    expect(parsePhone('call me at (312) 555-0100')).toBe('(312) 555-0100');
    expect(parsePhone('2030')).toBeUndefined();
    expect(parseAddress('it is 12 Oak Ave, Evanston')).toBe('12 Oak Ave, Evanston');
    const catalog = seedServices.map((s) => ({ slug: s.slug, name: s.name, category: s.category }));
    expect(matchService('my kitchen sink is clogged', catalog)?.slug).toBe('drain-cleaning');
    expect(matchService('the furnace makes noise', catalog)?.slug).toBe('furnace-repair');
    expect(matchService('install a tesla charger', catalog)?.slug).toBe('ev-charger-install');
    expect(matchService('hello there', catalog)).toBeUndefined();
  });
});

describe('cancel and reschedule conversations', () => {
  it('finds the one upcoming booking, asks before cancelling, and cancels on yes', async () => {
    const s = await openSession();
    for (const m of ['I need a lighting installation on April 2, 2030 at 10am', 'Lee Ray', '312 555 0150']) await say(s, m);
    const booked = await say(s, '3 Birch Ln, Evanston');
    const number = /BK-\d{4}-\d{6}/.exec(booked.response)![0];
    const asked = await say(s, 'please cancel my appointment');
    expect(asked.response).toContain(number);
    expect(asked.response).toMatch(/Shall I cancel it/);
    const done = await say(s, 'yes');
    expect(done.response).toBe(`Booking ${number} is cancelled. Is there anything else I can help with?`);
    expect(done.function_calls).toContainEqual(expect.objectContaining({ name: 'cancel_booking', ok: true }));
  });

  it('moves a booking named by number to a new day and time', async () => {
    const s = await openSession();
    for (const m of ['Book a duct cleaning on April 3, 2030 at 9am', 'Kim Dale', '312 555 0151']) await say(s, m);
    const booked = await say(s, '8 Cedar Ct, Skokie');
    const number = /BK-\d{4}-\d{6}/.exec(booked.response)![0];
    const moved = await say(s, `reschedule ${number} to April 4, 2030 at 1pm`);
    expect(moved.response).toMatch(new RegExp(`${number} is now Duct Cleaning on Thursday, April 4 at 1:00 PM`));
  });
});

describe('emergencies', () => {
  it('gives the immediate steps and the surcharge before anything is promised; a yes opens an urgent on-call ticket and escalates', async () => {
    const s = await openSession({ customer_name: 'Flo Ood' });
    const first = await say(s, 'my basement is flooding, water is pouring out of a pipe by the water heater!!');
    // The catalogue is read first (every message is read for the service it names); nothing is booked or promised.
    expect(first.function_calls.map((c) => c.name)).toEqual(['list_services']);
    expect(first.response).toMatch(/shut off the main water valve/);
    expect(first.response).toMatch(/\$150/);
    expect(first.response).toMatch(/on-call/);
    const yes = await say(s, 'yes please send someone');
    expect(yes.function_calls).toEqual([expect.objectContaining({ name: 'request_human', ok: true })]);
    const ticket = await env.DB.prepare(
      `SELECT t.priority, t.subject, t.description, i.status FROM tickets t JOIN interactions i ON i.id = t.interaction_id WHERE i.session_id = ?`,
    )
      .bind(s.session_id)
      .first<{ priority: string; subject: string; description: string; status: string }>();
    expect(ticket).toMatchObject({ priority: 'urgent', status: 'escalated' });
    expect(ticket?.subject).toMatch(/^EMERGENCY/);
    expect(ticket?.description).toMatch(/basement is flooding/);
  });

  it('a plain request for a person stays a high-priority handoff', async () => {
    const s = await openSession();
    await say(s, 'can i talk to a real person please');
    const ticket = await env.DB.prepare('SELECT t.priority FROM tickets t JOIN interactions i ON i.id = t.interaction_id WHERE i.session_id = ?').bind(s.session_id).first<{ priority: string }>();
    expect(ticket?.priority).toBe('high');
  });
});
