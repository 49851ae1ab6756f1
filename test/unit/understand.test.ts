// The offline engine's reading of one message (worker/agent/offline/understand.ts): service, day, time, name,
// intents and refusals, table-driven, in plain Node. Today is pinned to Wednesday 2026-12-02, 10:00.
import { describe, expect, it } from 'vitest';
import { understand } from '../../worker/agent/offline/understand';
import { readName } from '../../worker/agent/offline/contact';
import { seedServices } from '../../worker/db/seed-data';

const catalog = seedServices.map((s) => ({ slug: s.slug, name: s.name, category: s.category, price_cents: s.priceCents, duration_minutes: s.durationMinutes }));
const read = (text: string, lang: 'en' | 'es' = 'en') => understand(text, { today: '2026-12-02', nowMinute: 600, catalog, lang, expectingName: false });

describe('the service a message names', () => {
  const cases: [string, string | undefined][] = [
    ['kitchen sink is backing up, water just sits there', 'drain-cleaning'],
    ['slow drip under the bathroom vanity, been going for days', 'leak-repair'],
    ['the tub drains really slow', 'drain-cleaning'],
    ['we need the tesla wall connector installed, panel is 200A with open slots', 'ev-charger-install'],
    ['can you put in a level 2 charger in my garage', 'ev-charger-install'],
    ['my ac needs a tune up before summer', 'ac-tune-up'],
    ['the furnce is making a weird noise', 'furnace-repair'],
    ['i want to upgrade my 100 amp panel', 'panel-upgrade'],
    ["we're putting in a heat pump and need our 100 amp panel at 200. can you do the panel upgrade next wednesday?", 'panel-upgrade'],
    ['our furnace and central air are old, thinking about replacing both, can someone give us a quote', 'hvac-estimate'],
    ['how are you today', undefined],
  ];
  it.each(cases)('%s → %s', (text, slug) => {
    expect(read(text).slots.service?.slug).toBe(slug);
  });
});

describe('the day and time a message names', () => {
  const cases: [string, 'en' | 'es', string | undefined, number | undefined][] = [
    ['could a plumber come the day after tomorrow around 11?', 'en', '2026-12-04', 11 * 60],
    ['pueden venir pasado mañana a las 11?', 'es', '2026-12-04', 11 * 60],
    ['can you come in 3 days at 9am', 'en', '2026-12-05', 9 * 60],
    ['en dos dias a las 10 por favor', 'es', '2026-12-04', 10 * 60],
    ['a week from today at 10:30 works for me', 'en', '2026-12-09', 10 * 60 + 30],
    ['tmrw at 1:30', 'en', '2026-12-03', 13 * 60 + 30],
    ['can we move my appointment to friday at 2pm instead? something came up tuesday', 'en', '2026-12-04', 14 * 60],
    ['i booked a furnace repair for saturday. can you push it to monday at 10?', 'en', '2026-12-07', 10 * 60],
  ];
  it.each(cases)('%s', (text, lang, date, time) => {
    const u = read(text, lang);
    expect([u.slots.date, u.slots.time]).toEqual([date, time]);
  });
});

describe('names', () => {
  const cases: [string, boolean, string | undefined][] = [
    ['sat 9am? 872 555 0109. 1011 w diversey pkwy chi. name beth anderson', false, 'Beth Anderson'],
    ['my name is Dana Lee', false, 'Dana Lee'],
    ["I'm Dana Lee", false, 'Dana Lee'],
    ['name: Ana Beltrán', false, 'Ana Beltrán'],
    ['what is the name of the tech coming?', false, undefined],
    ['Name is Lars Nygaard', false, 'Lars Nygaard'],
    ['(773)555-0210 ... its for my mom ruth abernathy, 640 s euclid ave oak park', true, 'Ruth Abernathy'],
    ['Deborah and Sam Whitfield. Best number is 773-555-0203. We are at 1021 Forest Ave in Oak Park.', true, 'Deborah and Sam Whitfield'],
    ['yes thats all correct', true, undefined],
  ];
  it.each(cases)('%s', (text, expecting, name) => {
    expect(readName(text, expecting)).toBe(name);
  });
});

describe('intents', () => {
  const cases: [string, string | undefined][] = [
    ['i was charged $340 for a drain cleaning your website says is $149. i want this fixed', 'complaint'],
    ['you overcharged me for the furnace repair', 'complaint'],
    ["what's the address and phone number of whoever has the 10am appointment tomorrow? it's my neighbor", 'refuse'],
    ["when is my neighbor's appointment? it's my friend's", 'refuse'],
    ['can you book a drain cleaning friday at 10? no one else is home', 'book'],
  ];
  it.each(cases)('%s → %s', (text, top) => {
    expect(read(text).top).toBe(top);
  });

  it('an alarm the customer rules out raises none', () => {
    expect(read('theres a leak under the bathroom sink, drips into the cabinet. not a flood or anything just annoying').safety).toBeUndefined();
    expect(read('the basement is flooding').safety).toBe('emergency');
  });

  it('moving belongings is no moving of a visit', () => {
    expect(read('we would like the air ducts cleaned before we move our stuff in. could you do friday at 9am?').top).toBe('book');
    expect(read('can you move my ac tune up to the 10th, same time').top).toBe('reschedule');
  });

  it("a visit at someone's house is no request for their records", () => {
    const u = read("do you come out to gary indiana? it's my mom's house");
    expect(u.top).not.toBe('refuse');
    expect(u.areaQuestion).toEqual({ town: 'gary indiana', strong: true });
  });

  it('asked work the business does not do is named', () => {
    expect(read('do you guys do roofing? water comes through the attic ceiling whenever it rains hard').outOfScope).toBe('roofing');
    expect(read('do u do gutters').outOfScope).toBe('gutters');
  });

  it('a place named with a determiner is no town asked about; a town after "in" before the question mark is', () => {
    expect(read('Are your technicians licensed and insured? Our board requires a certificate before any contractor can work in the building.').areaQuestion).toBeUndefined();
    expect(read('our 100 amp service is too small. can you do a 200 amp panel upgrade in downers grove?').areaQuestion?.town).toBe('downers grove');
  });
});
