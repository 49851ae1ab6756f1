// Holidays by rule (pure), and one statement of hours everywhere: the D1 calendar, the hours articles, the system
// prompt, the offline agent's answer and the demo site all say what availability does.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import indexHtml from '../public/index.html?raw';
import { systemPrompt } from '../worker/agent/prompt';
import { seedHolidays, seedOpeningHours } from '../worker/db/seed-data';
import { businessCalendar, businessDay, loadBusinessCalendar, loadPromptCalendar, nextOpenDay, PROMPT_CALENDAR_TTL_MS } from '../worker/domain/business-calendar';
import { holidaysInYear, type HolidayDefinition } from '../worker/domain/holidays';
import { closedWeekdays, describeWeeklyHours, holidayNames, hoursSentence } from '../worker/domain/hours-text';
import { anonymous, ctxFor } from './helpers';
import { openSession, say } from './http-helpers';

const definitions: HolidayDefinition[] = seedHolidays.map((h) => ({ ...h }));

describe('holidays by rule', () => {
  // [year, every closed date with its slug (o = observed)]
  const cases: [number, string[]][] = [
    [2026, ['2026-01-01 new-years-day', '2026-05-25 memorial-day', '2026-07-03 independence-day o', '2026-07-04 independence-day', '2026-09-07 labor-day', '2026-11-26 thanksgiving', '2026-12-25 christmas']],
    // Christmas 2027 and New Year's Day 2028 are Saturdays: both observed on the Fridays before, the second in 2027.
    [2027, ['2027-01-01 new-years-day', '2027-05-31 memorial-day', '2027-07-04 independence-day', '2027-07-05 independence-day o', '2027-09-06 labor-day', '2027-11-25 thanksgiving', '2027-12-24 christmas o', '2027-12-25 christmas', '2027-12-31 new-years-day o']],
    [2028, ['2028-01-01 new-years-day', '2028-05-29 memorial-day', '2028-07-04 independence-day', '2028-09-04 labor-day', '2028-11-23 thanksgiving', '2028-12-25 christmas']],
    // Sundays: Christmas 2022 → Monday the 26th; New Year's Day 2023 → Monday the 2nd.
    [2022, ['2022-01-01 new-years-day', '2022-05-30 memorial-day', '2022-07-04 independence-day', '2022-09-05 labor-day', '2022-11-24 thanksgiving', '2022-12-25 christmas', '2022-12-26 christmas o']],
    [2023, ['2023-01-01 new-years-day', '2023-01-02 new-years-day o', '2023-05-29 memorial-day', '2023-07-04 independence-day', '2023-09-04 labor-day', '2023-11-23 thanksgiving', '2023-12-25 christmas']],
    [2030, ['2030-01-01 new-years-day', '2030-05-27 memorial-day', '2030-07-04 independence-day', '2030-09-02 labor-day', '2030-11-28 thanksgiving', '2030-12-25 christmas']],
  ];
  it.each(cases)('%i', (year, expected) => {
    expect(holidaysInYear(definitions, year).map((h) => `${h.date} ${h.slug}${h.observed ? ' o' : ''}`)).toEqual(expected);
  });

  it('observes nothing when a rule says not to, and skips a 5th weekday a month lacks', () => {
    const fixed: HolidayDefinition = { slug: 'x', name: 'X', rule: 'fixed', month: 7, day: 4, observed: false };
    expect(holidaysInYear([fixed], 2026).map((h) => h.date)).toEqual(['2026-07-04']);
    const fifth: HolidayDefinition = { slug: 'y', name: 'Y', rule: 'nth_weekday', month: 2, weekday: 1, nth: 5, observed: true };
    expect(holidaysInYear([fifth], 2026)).toEqual([]);
  });

  it('closes observed days, keeps the others, and finds the next open day', () => {
    const cal = businessCalendar(seedOpeningHours.map((h) => ({ ...h })), definitions, []);
    expect(businessDay(cal, '2027-12-24')).toMatchObject({ windows: [], closed: 'Christmas, observed' });
    expect(businessDay(cal, '2027-12-25')).toMatchObject({ windows: [], closed: 'Christmas' });
    expect(businessDay(cal, '2027-12-23')).toMatchObject({ windows: [[480, 1020]] });
    // Friday observed, Saturday the holiday, Sunday closed: the next open day is Monday.
    expect(nextOpenDay(cal, '2027-12-23')?.date).toBe('2027-12-27');
  });
});

describe('one statement of hours', () => {
  const en = describeWeeklyHours(seedOpeningHours, 'en');

  it('describes the seeded calendar as the business publishes it', () => {
    expect(en).toBe('Monday to Friday from 8:00 AM to 5:00 PM and Saturday from 9:00 AM to 1:00 PM');
    expect(describeWeeklyHours(seedOpeningHours, 'es')).toBe('de lunes a viernes de 8:00 AM a 5:00 PM y los sábados de 9:00 AM a 1:00 PM');
    expect(closedWeekdays(seedOpeningHours, 'en')).toBe('Sundays');
    expect(holidayNames(seedHolidays, 'en')).toBe('New Year’s Day, Memorial Day, July 4th, Labor Day, Thanksgiving and Christmas');
    expect(holidayNames(seedHolidays, 'es')).toBe('Año Nuevo, Memorial Day, 4 de julio, Labor Day, Acción de Gracias y Navidad');
  });

  it('the D1 calendar, the articles, the prompt and the demo site agree', async () => {
    const cal = await loadBusinessCalendar(ctxFor(anonymous));
    // What availability reads is what the seed (and so the articles) were written from.
    expect(describeWeeklyHours(cal.hours, 'en')).toBe(en);
    expect(holidayNames(cal.holidays, 'en')).toBe(holidayNames(seedHolidays, 'en'));
    const article = async (slug: string) => (await env.DB.prepare('SELECT body FROM kb_articles WHERE slug = ?').bind(slug).first<{ body: string }>())!.body;
    expect(await article('business-hours')).toContain(`work ${en} (Central Time)`);
    expect(await article('business-hours')).toContain(`closed on Sundays and major holidays (${holidayNames(cal.holidays, 'en')})`);
    expect(await article('how-to-book')).toContain(en);
    expect(await article('business-hours-es')).toContain(describeWeeklyHours(cal.hours, 'es'));
    expect(await article('emergency-service')).toContain('Saturday after 1:00 PM');

    const prompt = systemPrompt({ businessName: 'Brightside', timeZone: 'America/Chicago', now: Date.parse('2030-12-16T18:00:00Z'), calendar: cal });
    expect(prompt).toContain(`Opening hours: ${hoursSentence(cal.hours, cal.holidays, 'en')}`);
    expect(prompt).toContain('Closed in the next 30 days: Wednesday 2030-12-25 (Christmas), Wednesday 2031-01-01 (New Year’s Day).');

    // The demo site's static copy, in its own short form.
    expect(indexHtml).toContain('Open Monday to Friday 8 AM–5 PM and Saturday 9 AM–1 PM');
    expect(describeWeeklyHours(cal.hours, 'en').replaceAll(':00', '').replace(/from (\d+ [AP]M) to (\d+ [AP]M)/g, '$1–$2')).toBe(
      'Monday to Friday 8 AM–5 PM and Saturday 9 AM–1 PM',
    );
  });

  it('the offline agent states the same hours', async () => {
    const session = await openSession({ customer_name: 'Olive Hours' });
    const reply = (await say(session, 'What are your opening hours?')).response as string;
    expect(reply).toContain(en);
  });
});

describe("the prompt's copy of the calendar", () => {
  it('is read once a minute, while availability reads D1 every time', async () => {
    let now = Date.parse('2031-02-03T15:00:00Z');
    const ctx = ctxFor(anonymous, { now: () => now });
    const first = await loadPromptCalendar(ctx);
    await env.DB.prepare("INSERT INTO closures (date, reason) VALUES ('2031-02-05', 'Staff training')").run();
    now += PROMPT_CALENDAR_TTL_MS - 1;
    expect(await loadPromptCalendar(ctx)).toBe(first);
    expect(businessDay(await loadBusinessCalendar(ctx), '2031-02-05').windows).toEqual([]);
    now += 2;
    const fresh = await loadPromptCalendar(ctx);
    expect(fresh).not.toBe(first);
    expect(businessDay(fresh, '2031-02-05').windows).toEqual([]);
    expect(businessDay(first, '2031-02-05').windows).not.toEqual([]);
  });
});
