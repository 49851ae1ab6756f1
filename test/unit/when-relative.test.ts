// Dates and times the offline engine reads (worker/agent/offline/when.ts, understand.ts): days counted from today
// or from a day named, ordinals beside a day gone by, hours in words with their half of the day, "sharp",
// quarters and halves, Spanish without accents ("manana" is tomorrow, "de la manana" the morning), a fallback
// time, and shifts of a booked visit ("one week later", "same time next week", "una semana después").
// Today is pinned to Thursday 2026-12-03, 08:00.
import { describe, expect, it } from 'vitest';
import { readWhen } from '../../worker/agent/offline/when';
import { understand } from '../../worker/agent/offline/understand';
import { seedServices } from '../../worker/db/seed-data';

const TODAY = '2026-12-03';
const when = (text: string, lang: 'en' | 'es' = 'en') => readWhen(text, TODAY, 8 * 60, lang);
const catalog = seedServices.map((s) => ({ slug: s.slug, name: s.name, category: s.category, price_cents: s.priceCents, duration_minutes: s.durationMinutes }));
const read = (text: string, lang: 'en' | 'es' = 'en') => understand(text, { today: TODAY, nowMinute: 8 * 60, catalog, lang, expectingName: false });

describe('days counted from today or from a day named', () => {
  const cases: [string, 'en' | 'es', string | undefined, number | undefined][] = [
    ['can u guys clean the ducts exactly 2 weeks from today at 9?', 'en', '2026-12-17', 9 * 60],
    ['two weeks from now', 'en', '2026-12-17', undefined],
    ['3 days from now at 11', 'en', '2026-12-06', 11 * 60],
    ['in two weeks at 9', 'en', '2026-12-17', 9 * 60],
    ['in a week', 'en', '2026-12-10', undefined],
    ['a week from today', 'en', '2026-12-10', undefined],
    ['a week from friday at 10', 'en', '2026-12-11', 10 * 60],
    ['a week from tomorrow at 10', 'en', '2026-12-11', 10 * 60],
    ['in 2 days', 'en', '2026-12-05', undefined],
    ['in a fortnight', 'en', '2026-12-17', undefined],
    ['a week on friday', 'en', '2026-12-11', undefined],
    ['friday week', 'en', '2026-12-11', undefined],
    ['two weeks from tomorrow', 'en', '2026-12-18', undefined],
    ['dentro de dos semanas a las 9', 'es', '2026-12-17', 9 * 60],
    ['en tres dias', 'es', '2026-12-06', undefined],
    ['de hoy en ocho dias a las 10', 'es', '2026-12-10', 10 * 60],
    // Durations are no days.
    ['it took two weeks to fix last time', 'en', undefined, undefined],
    ['hace una semana', 'es', undefined, undefined],
  ];
  it.each(cases)('%s', (text, lang, date, time) => {
    const w = when(text, lang);
    expect([w.date, w.time]).toEqual([date, time]);
  });
});

describe('a day gone by tells the story; the day asked for is the one ahead', () => {
  const cases: [string, 'en' | 'es', string | undefined, number | undefined][] = [
    ['we got the car last weekend. can someone come put it in on the 14th? like 9 sharp', 'en', '2026-12-14', 9 * 60],
    ['it has been clogged since sunday, can you come monday at 10?', 'en', '2026-12-07', 10 * 60],
    ['esta tapado desde el domingo. se puede el martes a las 10 de la manana?', 'es', '2026-12-08', 10 * 60],
    ['el dia 14 a las 9', 'es', '2026-12-14', 9 * 60],
    // A weekday with its date is that date; a bare number after an English weekday stays an hour.
    ['thursday the 17th at 9', 'en', '2026-12-17', 9 * 60],
    ['monday 14th', 'en', '2026-12-14', undefined],
    ['friday 4', 'en', '2026-12-04', 16 * 60],
    ['el jueves 17 a las nueve y media', 'es', '2026-12-17', 9 * 60 + 30],
    ['el martes 15', 'es', '2026-12-15', undefined],
    ['on the 2nd at 2', 'en', '2027-01-02', 14 * 60],
    ['can you come on the 3rd at 2?', 'en', '2026-12-03', 14 * 60],
  ];
  it.each(cases)('%s', (text, lang, date, time) => {
    const w = when(text, lang);
    expect([w.date, w.time]).toEqual([date, time]);
  });
  it('says back a day gone by when no day ahead is named', () => {
    expect(when('it broke last monday').issue?.kind).toBe('past');
    expect(when('yesterday at 3 it broke').issue?.kind).toBe('past');
  });
});

describe('times in words, sharp, quarters and halves, in English and Spanish', () => {
  const cases: [string, 'en' | 'es', string | undefined, number | undefined][] = [
    ["Would next Tuesday at ten o'clock in the morning be convenient?", 'en', '2026-12-08', 10 * 60],
    ["ten o'clock in the morning on monday", 'en', '2026-12-07', 10 * 60],
    ['friday at 2 in the afternoon', 'en', '2026-12-04', 14 * 60],
    ['tomorrow at 8 at night', 'en', '2026-12-04', 20 * 60],
    ['friday 9 sharp', 'en', '2026-12-04', 9 * 60],
    ['monday at 10 on the dot', 'en', '2026-12-07', 10 * 60],
    ['a quarter to 3 tomorrow', 'en', '2026-12-04', 14 * 60 + 45],
    ['quarter after 2 tomorrow', 'en', '2026-12-04', 14 * 60 + 15],
    ['tomorrow noonish', 'en', '2026-12-04', 12 * 60],
    ['monday around lunchtime', 'en', '2026-12-07', 12 * 60],
    ['tues at ten thirty', 'en', '2026-12-08', 10 * 60 + 30],
    ['tues at 2 fifteen', 'en', '2026-12-08', 14 * 60 + 15],
    // "after", "before" beside a day are no shift of a booking.
    ['friday after lunch? say 1', 'en', '2026-12-04', 13 * 60],
    ['el lunes antes de las 10', 'es', '2026-12-07', 10 * 60],
    ['el martes a las 10 de la manana', 'es', '2026-12-08', 10 * 60],
    ['el martes a las 6 de la mañana', 'es', '2026-12-08', 6 * 60],
    ['manana a las 10', 'es', '2026-12-04', 10 * 60],
    ['mañana por la mañana', 'es', '2026-12-04', undefined],
    ['el martes a las 10 y media', 'es', '2026-12-08', 10 * 60 + 30],
    ['el martes a las 3 menos cuarto', 'es', '2026-12-08', 14 * 60 + 45],
    ['el lunes a las 9 en punto', 'es', '2026-12-07', 9 * 60],
  ];
  it.each(cases)('%s', (text, lang, date, time) => {
    const w = when(text, lang);
    expect([w.date, w.time]).toEqual([date, time]);
  });
});

describe('a fallback time, tried when the first is not open', () => {
  it('reads the time offered after "if", "or", "otherwise"', () => {
    expect(when('quarter past 2 on friday? if u only do half hours then half past 2')).toMatchObject({ date: '2026-12-04', time: 14 * 60 + 15, alternatives: [14 * 60 + 30] });
    expect(when('2:15 or 2:30 on friday')).toMatchObject({ time: 14 * 60 + 15, alternatives: [14 * 60 + 30] });
    expect(when('monday 9 or 10')).toMatchObject({ date: '2026-12-07', time: 9 * 60, alternatives: [10 * 60] });
    expect(read('leak repair friday at 10, otherwise 11').slots).toMatchObject({ time: 10 * 60, altTimes: [11 * 60] });
  });
  it('takes no time after "not", and none of the customer\'s own day', () => {
    expect(when('monday at 9, not 10').alternatives).toBeUndefined();
    expect(when('monday at 9 if possible, i have to leave for work at 12:30').alternatives).toBeUndefined();
  });
});

describe('shifts of a booked visit', () => {
  const cases: [string, 'en' | 'es', number][] = [
    ['I must travel for family this week, sorry. Please can you move it one week later, the same day and same hour?', 'en', 7],
    ['can we do same time next week instead', 'en', 7],
    ['next week, same day and time please', 'en', 7],
    ['move it one day earlier', 'en', -1],
    ['can you move it to the day before', 'en', -1],
    ['puede moverla una semana despues, a la misma hora?', 'es', 7],
    ['dos dias antes por favor, muevalo', 'es', -2],
  ];
  it('is a move when a booking is talked about', () => {
    expect(read('hi, booking BK-2026-000004 - can we do same time next week instead?').top).toBe('reschedule');
  });
  it.each(cases)('%s', (text, lang, days) => {
    const u = read(text, lang);
    expect(u.shiftDays).toBe(days);
    // The shift is counted from the booked day, not from today.
    expect(u.slots.date).toBeUndefined();
  });
});
