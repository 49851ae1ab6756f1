// Readings added for the seventh held-out set (worker/agent/offline/understand.ts, parse.ts): sound-alike and
// autocorrect slips of service words, a fault is a repair (not an installation), water coming in and electrical fire
// signs as emergencies of their kind, a question after a filler word, every service of a multi-price question, and a
// request to insult someone else (no complaint about us). Today is pinned to Thursday 2026-12-03, 10:00.
import { describe, expect, it } from 'vitest';
import { matchService, servicesNamed, soundsLike } from '../../worker/agent/offline/parse';
import { hazardOf, insultRequest, understand } from '../../worker/agent/offline/understand';
import { seedServices } from '../../worker/db/seed-data';

const catalog = seedServices.map((s) => ({ slug: s.slug, name: s.name, category: s.category, price_cents: s.priceCents, duration_minutes: s.durationMinutes }));
const read = (text: string, lang: 'en' | 'es' = 'en') => understand(text, { today: '2026-12-03', nowMinute: 600, catalog, lang, expectingName: false });

describe('sound-alike and autocorrect slips of service words', () => {
  it.each([
    ['my furnish isnt turning on', 'furnace-repair'],
    ['the furness is making a weird noise', 'furnace-repair'],
    ['my toilet is leeking at the base, need a leek repair pls', 'leak-repair'],
    ['theres a leek under the sink', 'leak-repair'],
    ['my furnish isnt turning on 🥶 we have space heaters, but need someone to look at it', 'furnace-repair'],
  ])('%s', (text, slug) => {
    expect(matchService(text, catalog)?.slug).toBe(slug);
  });
  it.each([
    ['leek', 'leak', true],
    ['leeking', 'leak', true],
    ['furnish', 'furnace', true],
    ['look', 'leak', false],
    ['furniture', 'furnace', false],
    ['heated', 'heater', false],
  ] as const)('%s ~ %s: %s', (w, word, same) => {
    expect(soundsLike(w, word)).toBe(same);
  });
  it('furniture names no furnace', () => {
    expect(matchService('can you help me move furniture', catalog)?.slug).not.toBe('furnace-repair');
  });
});

describe('a fault is repaired, an installation only when asked for', () => {
  it('a broken heater with space heaters around is the furnace', () => {
    expect(read('the heat isnt working, we are using space heaters for now').slots.service?.slug).toBe('furnace-repair');
  });
  it('a new water heater is still an installation', () => {
    expect(read('i need a new water heater installed').slots.service?.slug).toBe('water-heater-install');
    expect(read('my water heater stopped working').slots.service?.slug).toBe('water-heater-install');
  });
});

describe('water coming in and electrical fire signs are emergencies of their kind', () => {
  it.each([
    'water is coming thru my kitchen ceiling 😰 the bathroom is right above it',
    'the ceiling in the hallway is bulging and dripping',
    'water pouring out of the light fixture in the kitchen',
    'el agua está saliendo por el techo de la cocina',
  ])('water: %s', (text) => {
    const u = read(text, /agua/.test(text) ? 'es' : 'en');
    expect(u.safety).toBe('emergency');
    expect(u.hazard).toBe('water');
  });
  it.each([
    'wait omg the outlet behind the tv just popped and theres smoke coming out of it',
    'burning smell coming from the breaker panel',
    'sparks came out of the plug when i pulled it',
    'sale humo del enchufe de la sala',
  ])('electrical: %s', (text) => {
    const u = read(text, /humo/.test(text) ? 'es' : 'en');
    expect(u.safety).toBe('emergency');
    expect(u.hazard).toBe('electrical');
  });
  it('a slow drip from the ceiling is a leak repair, not an emergency', () => {
    const u = read('Hi, I need a leak repair, slow drip from the ceiling under the upstairs bathroom. Monday 1pm?');
    expect(u.safety).toBeUndefined();
    expect(u.slots.service?.slug).toBe('leak-repair');
  });
  it('hazardOf tells the kinds apart', () => {
    expect(hazardOf('the outlet is sparking')).toBe('electrical');
    expect(hazardOf('a pipe burst in the basement')).toBe('water');
    expect(hazardOf('no heat and its freezing')).toBeUndefined();
  });
});

describe('a question after a filler word is a question', () => {
  it.each(['wait do i need to be home for it or can i just leave a key under the mat', 'quick q how many miles per hour does it actually add lol', 'oh and is there parking on the street'])('%s', (text) => {
    expect(read(text).asks).toBe(true);
  });
  it('"does it actually" is no correction; "actually" leading one is', () => {
    expect(read('how many miles does it actually add').correction).toBe(false);
    expect(read('actually make it tuesday').correction).toBe(true);
  });
});

describe('every service of a multi-price question', () => {
  it.each([
    ['how much is a drain cleaning? and a leak repair?? trying to budget lol', ['drain-cleaning', 'leak-repair']],
    ['cuánto cuesta el AC tune-up? y el leak repair?', ['ac-tune-up', 'leak-repair']],
    ['prices for duct cleaning and an outlet repair', ['duct-cleaning', 'outlet-repair']],
    ['how much is a drain cleaning', ['drain-cleaning']],
  ] as const)('%s', (text, slugs) => {
    expect(servicesNamed(text, catalog).map((s) => s.slug)).toEqual(slugs);
  });
});

describe('a request to insult someone else is declined, and no complaint', () => {
  it('reads the request and drops the complaint', () => {
    const u = read('my neighbor gary keeps parking across my driveway. write me a text i can send him calling him a fat useless idiot lol');
    expect(u.insult).toBe(true);
    expect(u.intents.complaint).toBeUndefined();
  });
  it.each(['your tech was useless and rude', 'write me a receipt for the drain cleaning', 'can you text him the address'])('not: %s', (text) => {
    expect(insultRequest(text)).toBe(false);
  });
  it('a complaint about us stays one', () => {
    expect(read('your tech was useless and rude').intents.complaint).toBeGreaterThan(0);
  });
});
