// Readings added for the eighth held-out set (speech-to-text dictation): numbers said as words (phones digit by
// digit, in pieces, with fillers, mixed with digits, in Spanish; hours and their homophones; ordinal days), names
// dictated in lower case or given for someone else ("under the tenant's name …", "a nombre de mi mamá …"), a detail
// changed twice, Spanish price questions, a language asked for. Today is pinned to Thursday 2026-12-03, 10:00.
import { describe, expect, it } from 'vitest';
import { readName, readPhone } from '../../worker/agent/offline/contact';
import { detectLanguage } from '../../worker/agent/offline/language';
import { spokenDigits, spokenHouseNumber, spokenOrdinals } from '../../worker/agent/offline/spoken';
import { understand } from '../../worker/agent/offline/understand';
import { seedServices } from '../../worker/db/seed-data';

const catalog = seedServices.map((s) => ({ slug: s.slug, name: s.name, category: s.category, price_cents: s.priceCents, duration_minutes: s.durationMinutes }));
const read = (text: string, opts: { lang?: 'en' | 'es'; name?: boolean; time?: boolean } = {}) =>
  understand(text, { today: '2026-12-03', nowMinute: 600, catalog, lang: opts.lang ?? 'en', expectingName: opts.name ?? false, expectingTime: opts.time ?? false });
const digits = (phone: string | undefined) => phone?.replace(/\D/g, '');

describe('phone numbers said digit by digit', () => {
  it.each([
    ['call me at two one two five five five oh one nine eight', '2125550198'],
    ['its three one two... uh five five five... zero one four four', '3125550144'],
    ['my cell is 312 five five five 0177', '3125550177'],
    ['six three zero double five five one two three four', '6305551234'],
    ['eight four seven, five five five, oh oh one two', '8475550012'],
    ['one eight seven two five five five oh one three three', '18725550133'],
  ])('%s', (text, phone) => {
    expect(digits(read(text).slots.phone)).toBe(phone);
  });
  it('in Spanish', () => {
    expect(digits(read('mi telefono es tres uno dos cinco cinco cinco cero uno nueve nueve', { lang: 'es' }).slots.phone)).toBe('3125550199');
  });
  it('stops where the number is whole, before a house number', () => {
    const u = read('dana lee two one two five five five oh one nine eight 4410 north clark street');
    expect(digits(u.slots.phone)).toBe('2125550198');
    expect(u.slots.address).toMatch(/^4410 north clark street/);
  });
  it.each(['oh one more thing', 'two or three outlets', 'it was one eighty nine', 'dos o tres', 'BK-2026-000123'])('no phone in "%s"', (text) => {
    expect(spokenDigits(text, /dos/.test(text) ? 'es' : 'en')).toBe(text);
  });
  it('a few digits corrected are written as digits too', () => {
    expect(read('sorry its oh one four four not oh one four one').renumbered).toEqual(['0144', '0141']);
  });
  it('a dictated number is a phone the contact reader sees', () => {
    expect(digits(readPhone(spokenDigits('seven seven three five five five oh one two three')))).toBe('7735550123');
  });
});

describe('hours, homophones and days said as words', () => {
  it.each([
    ['friday at too in the afternoon', 14 * 60],
    ['monday at for in the afternoon', 16 * 60],
    ['wednesday at ate thirty in the morning', 8 * 60 + 30],
    ['saturday like nine ish', 9 * 60],
    ['tuesday at eleven o clock', 11 * 60],
  ])('%s', (text, minute) => {
    expect(read(text).slots.time).toBe(minute);
  });
  it.each(['ok eleven', 'nine works', 'yeah eleven is good'])('an hour said as a word answers "which time?": %s', (text) => {
    expect(read(text, { time: true }).slots.time).toBe(/nine/.test(text) ? 9 * 60 : 11 * 60);
  });
  it('"for" is no hour outside a time ("i will be there for an hour")', () => {
    expect(read('i will be there for an hour').slots.time).toBeUndefined();
  });
  it.each([
    ['can you come on the fifteenth', '2026-12-15'],
    ['the twenty first at 9', '2026-12-21'],
    ['december twenty third works', '2026-12-23'],
  ])('%s', (text, date) => {
    expect(read(text).slots.date).toBe(date);
  });
  it.each(['the first thing i noticed', 'the second one is fine', 'the third time'])('no day in "%s"', (text) => {
    expect(spokenOrdinals(text)).toBe(text);
  });
  it('a house number said as words', () => {
    expect(spokenHouseNumber('forty four ten north clark'.split(' '))).toEqual({ digits: '4410', used: 3 });
    expect(spokenHouseNumber('five oak street'.split(' '))).toBeUndefined();
  });
});

describe('a detail changed twice keeps the last', () => {
  it.each([
    ['no make it tuesday... no wait wednesday, tuesday is bad', '2026-12-09'],
    ['make it monday, actually friday, monday i work late', '2026-12-04'],
  ])('%s', (text, date) => {
    expect(read(text).slots.date).toBe(date);
  });
  it.each([
    ['eight... actually no nine... ok lets say nine thirty', 9 * 60 + 30],
    ['at 2, actually 3', 15 * 60],
  ])('%s', (text, minute) => {
    expect(read(text).slots.time).toBe(minute);
  });
  it('a day offered among others and said again is the one chosen', () => {
    expect(read('wednesday or friday um friday at ten').slots.date).toBe('2026-12-04');
  });
  it('a fallback after "or" is no correction', () => {
    expect(read('friday at 10, or 11 if not').slots.time).toBe(10 * 60);
  });
});

describe('names dictated, and names of the person the visit is for', () => {
  it.each([
    ['put it under her name jane okafor but use my cell', 'Jane Okafor'],
    ['the appointment should be under the tenants name li wei and her number is 312 555 0101', 'Li Wei'],
    ['its for my father, his name is omar said', 'Omar Said'],
    ['the name is for my mom ana ruiz', 'Ana Ruiz'],
    ['a nombre de mi mamá, lucia perez, el telefono es 312 555 0101', 'Lucia Perez'],
    ['la cita a nombre de ella, rosa maria vega, en su casa', 'Rosa Maria Vega'],
    ['the name is dana whitfield w h i t f i e l d', 'Dana Whitfield'],
  ])('%s', (text, name) => {
    expect(readName(text, true)).toBe(name);
  });
  it.each([
    'before i give you my info are you guys licensed',
    'if that is open put me down',
    'cause i work till five',
  ])('no name in "%s"', (text) => {
    expect(readName(text, true)).toBeUndefined();
  });
  it('a name before a dictated phone', () => {
    expect(read('amy tran seven seven three five five five oh one two three', { name: true }).slots.name).toBe('Amy Tran');
  });
  it('the number of the person the visit is for is no request for their data', () => {
    expect(read('book it under my sons name eli cho and his number is 312 555 0101').top).not.toBe('refuse');
    expect(read('his number is 312-555-0101. what day is it and where?').top).toBe('refuse');
  });
  it('a name word spelled with the letter that tells it apart', () => {
    expect(read('sorry its jon with no h').spelling).toBeUndefined();
    expect(read('oh sorry its katy with a y not ie').spelling).toBe('katy');
  });
  it('a question inside a dictated sentence', () => {
    expect(read('before i book are you guys insured').asks).toBe(true);
    expect(read('ok and do you guys take checks').asks).toBe(true);
  });
});

describe('Spanish price questions and a language asked for', () => {
  it.each(['cuanto sale', 'y cuanto va a costar', 'cuánto me va a salir', 'cuantos chavos cuesta', 'cuanto seria'])('%s', (text) => {
    expect(read(text, { lang: 'es' }).intents.price).toBeGreaterThan(0);
  });
  it.each([
    ['hi my mom needs a plumber, podemos seguir en espanol?', 'es'],
    ['can we do this in spanish please', 'es'],
    ['ok lets continue in english', 'en'],
  ] as const)('%s', (text, lang) => {
    expect(detectLanguage(text, lang === 'es' ? 'en' : 'es')).toBe(lang);
  });
});

describe('a time corrected, then the old one turned down', () => {
  it.each([
    ['perdón, mejor a las 11, a las 9 no estoy en casa', 11 * 60, 'es'],
    ['mejor a las 3, a las 10 no puedo', 15 * 60, 'es'],
  ] as const)('%s', (text, minute, lang) => {
    expect(read(text, { lang }).slots.time).toBe(minute);
  });
});

describe('a weekday and a date that disagree are asked about', () => {
  it.each(['can you come monday the 12th', 'sunday the 9th at 10'])('%s', (text) => {
    const u = read(text);
    expect(u.slots.date).toBeUndefined();
    expect(u.dateIssue?.kind).toBe('impossible');
  });
  it('a weekday and its own date are that date', () => {
    expect(read('saturday the 12th at 10').slots.date).toBe('2026-12-12');
  });
});

describe('asking for a language is not a question for the knowledge base', () => {
  it.each([
    ['hi, my dad needs someone to fix a leak but he barely speaks english, can we do this in spanish?', 'es'],
    ['buenas, se me tapo el drenaje de la cocina, podemos seguir en espanol?', 'es'],
    ['necesito reparar una fuga, can we continue in english?', 'en'],
  ])('%s', (text, lang) => {
    const u = read(text);
    expect(u.lang).toBe(lang);
    expect(u.intents.question).toBeUndefined();
    expect(u.slots.service).toBeDefined();
  });
  it('a real question beside it still is one', () => {
    expect(read('podemos seguir en espanol? cuanto cuesta destapar un drenaje?').intents.question).toBeDefined();
  });
});

describe('a window for the time of a new visit', () => {
  it.each([
    ['can someone come friday between 10 and 12?', 600, 720],
    ['friday from 9 to 11 works', 540, 660],
    ['between 1 and 3 on thursday', 780, 900],
    ['el viernes entre las 10 y las 12', 600, 720],
    ['anytime after 2 tomorrow', 840, undefined],
    ['it has to be before 11, i work after', undefined, 660],
    ['before 12 please', undefined, 720],
  ] as const)('%s', (text, after, before) => {
    const u = read(text, { lang: /viernes/.test(text) ? 'es' : 'en' });
    expect([u.after, u.before]).toEqual([after, before]);
  });
  it('a plain time is no window', () => {
    const u = read('friday at 10 please');
    expect([u.after, u.before, u.slots.time]).toEqual([undefined, undefined, 600]);
  });
});

describe('half a day asked for is a window', () => {
  it.each([
    ['can someone come friday morning for a drain cleaning', undefined, 720],
    ['tomorrow afternoon works for the ac tune up', 720, undefined],
    ['el jueves por la tarde para la fuga', 720, undefined],
    ['mañana por la mañana si se puede', undefined, 720],
    ['any morning next week, mornings are better for me', undefined, 720],
  ] as const)('%s', (text, after, before) => {
    const u = read(text, { lang: /jueves|mañana/.test(text) ? 'es' : 'en' });
    expect([u.after, u.before]).toEqual([after, before]);
  });
  it.each(['good morning, i need a drain cleaning on friday', 'this morning my water heater started leaking', 'buenos dias, necesito una cita'])('not: %s', (text) => {
    const u = read(text);
    expect([u.after, u.before]).toEqual([undefined, undefined]);
  });
});
