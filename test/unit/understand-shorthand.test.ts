// Shorthand and corrections the offline engine reads (worker/agent/offline/understand.ts, when.ts, contact.ts,
// parse.ts): dotted and spelled-out times, texting abbreviations, details between slashes, a problem word over a
// location word, a number typed again, hours questions, "never mind, I'll keep it", work the business does not do.
// Today is pinned to Wednesday 2026-12-02, 10:00.
import { describe, expect, it } from 'vitest';
import { understand } from '../../worker/agent/offline/understand';
import { renumber } from '../../worker/agent/offline/amend';
import { daysNamed } from '../../worker/agent/offline/knowledge';
import { seedServices } from '../../worker/db/seed-data';

const catalog = seedServices.map((s) => ({ slug: s.slug, name: s.name, category: s.category, price_cents: s.priceCents, duration_minutes: s.durationMinutes }));
const read = (text: string, lang: 'en' | 'es' = 'en') => understand(text, { today: '2026-12-02', nowMinute: 600, catalog, lang, expectingName: false });

describe('times written with a dot or in words, and texting shorthand for days', () => {
  const cases: [string, 'en' | 'es', string | undefined, number | undefined][] = [
    ['can u send sum1 day after tmrw like 9.30??', 'en', '2026-12-04', 9 * 60 + 30],
    ['thursday 10.30 please', 'en', '2026-12-03', 10 * 60 + 30],
    ['wed at 8.00?', 'en', '2026-12-09', 8 * 60],
    ['9.30am works', 'en', undefined, 9 * 60 + 30],
    ['2moro noonish??', 'en', '2026-12-03', 12 * 60],
    ['2morrow at 4.15pm', 'en', '2026-12-03', 16 * 60 + 15],
    ['friday at three works', 'en', '2026-12-04', 15 * 60],
    ['¿para el miércoles a las tres de la tarde?', 'es', '2026-12-09', 15 * 60],
    ['el lunes a la una', 'es', '2026-12-07', 13 * 60],
    // Prices and durations with a dot are no times; "at once" is no eleven o'clock.
    ['it costs 1.50 per foot', 'en', undefined, undefined],
    ['the last job took 2.15 hours', 'en', undefined, undefined],
    ['can you come at once', 'en', undefined, undefined],
  ];
  it.each(cases)('%s', (text, lang, date, time) => {
    const u = read(text, lang);
    expect([u.slots.date, u.slots.time]).toEqual([date, time]);
  });
});

describe('details in one message', () => {
  it('reads a name between slashes or pipes', () => {
    expect(read('wed at 8.00? Bogdan Kowalczyk / 773-555-0309 / 6120 W Addison St chicago').slots.name).toBe('Bogdan Kowalczyk');
    expect(read('dana lee | 312 555 0100 | 12 oak st').slots).toMatchObject({ name: 'Dana Lee', phone: '312 555 0100', address: '12 oak st' });
  });

  it('a drip named outright is a leak, wherever it is', () => {
    expect(read('slow drip from the shutoff valve under my bathroom sink, can a plumber come friday at 14:00?').slots.service?.slug).toBe('leak-repair');
    expect(read('the bathroom sink drains slow').slots.service?.slug).toBe('drain-cleaning');
  });

  it('reads a number typed again as [new, old], and puts it into the address or phone', () => {
    expect(read('i typed the street number wrong. its 4521 not 4251').renumbered).toEqual(['4521', '4251']);
    expect(read('sorry 0351 should be 0315').renumbered).toEqual(['0315', '0351']);
    expect(renumber({ address: '4251 N Lincoln Ave, Chicago' }, ['4521', '4251'])).toEqual({ address: '4521 N Lincoln Ave, Chicago' });
    expect(renumber({ phone: '773-555-0351' }, ['0315', '0351'])).toEqual({ phone: '773-555-0315' });
    expect(renumber({ address: '14251 S Halsted St' }, ['4521', '4251'])).toEqual({});
  });

  it('"make that wednesday … i have jury duty thursday" corrects to the day it is made', () => {
    const u = read('wait, make that wednesday, same time. forgot i have jury duty thursday');
    expect([u.correction, u.slots.date, u.same.time]).toEqual([true, '2026-12-09', true]);
  });
});

describe('questions', () => {
  it('an opening-hours question names no visit day, with or without a question mark', () => {
    for (const text of ['r u guys open sundays', 'what about saturday, what time do u close', 'are y\'all open on weekends', '¿a qué hora cierran el sábado?']) {
      const u = read(text, /¿/.test(text) ? 'es' : 'en');
      expect([u.asks, u.slots.date]).toEqual([true, undefined]);
    }
    expect(read('can you come saturday at 10?').slots.date).toBe('2026-12-05');
    expect(read('r u guys open sundays').hoursQuestion).toBe(true);
    expect(read('are you open 24/7 for emergencies?').hoursQuestion).toBe(false);
    expect(daysNamed('what about saturday, what time do u close')).toEqual(['satu']);
    expect(daysNamed('¿Abren los domingos o en Año Nuevo?')).toEqual(['domi', 'ano ']);
  });

  it('a question about the charge for cancelling is about the policy, not a cancellation', () => {
    const u = read('thinking about cancelling BK-2026-000023... do i get charged if i do?');
    expect(u.intents.cancel).toBeUndefined();
  });

  it('asks about the booking on file', () => {
    expect(read('and whats the address you have on file for it?').top).toBe('lookup');
  });

  it('"never mind, I\'ll keep it" keeps a booking', () => {
    for (const text of ['ok nvm ill keep it for now, thanks', "never mind, I'll just leave it", 'mejor la dejo como está']) {
      const u = read(text, /mejor/.test(text) ? 'es' : 'en');
      expect([u.keep, u.no, u.yes]).toEqual([true, true, false]);
    }
  });

  it('names every trade the business does not do', () => {
    expect(read('do yall do solar panel installs? or roof leaks?').outOfScope).toBe('solar panel, roof');
    expect(read('can you fix the breaker panel?').outOfScope).toBeUndefined();
  });
});
