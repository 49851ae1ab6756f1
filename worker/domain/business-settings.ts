/**
 * Configuring the business without editing code, part two: the calendar (opening hours, holidays,
 * closures), plus the one read of everything (`getBusinessSettings`) the console's Business page shows
 * (technicians' weeks and time off are changed in ./employee-calendar.ts). Admins only (`requireAdmin`). Each change
 * is one D1 batch with the configuration bump (./business-config.ts); a change of hours or holidays
 * also rewrites the articles that state them (./hours-articles.ts) in that batch. Times of day are
 * "HH:MM" (24-hour) on the wire and minutes after local midnight in D1.
 */
import { asc, eq, gt, gte } from 'drizzle-orm';
import { z } from 'zod';
import { closures, employees, type HOLIDAY_RULES, holidays, kbArticles, openingHours, schedules, timeOff } from '../db/schema';
import { addDays, daysBetween, hhmm, minutesOf, startOfDay, toZoned } from '../lib/zoned-time';
import { businessCalendar, upcomingHolidays } from './business-calendar';
import { configBump, listAllServices, requireAdmin } from './business-config';
import type { DomainContext } from './context';
import { parseLocalDate } from './dates';
import { conflict, DomainError, invalidInput } from './errors';
import type { BusinessSettings, closureAddedSchema, WeeklyWindow } from '../protocol/business';
import { bookingsBetween, checkWindows, toEmployeeAdminView } from './employee-calendar';
import { calendarArticleBodies, CALENDAR_ARTICLE_SLUGS } from './hours-articles';
import { hoursSentence, type NamedHoliday, type OpeningWindow } from './hours-text';

// ---- the one read ------------------------------------------------------------------------------------------


/**
 * Everything an admin configures, in one read: hours (and the sentence stating them), holidays with their
 * next date, closures from today on, every service (retired too), and every employee with their week and
 * their time off that has not ended.
 * @example const { hours, closures } = await getBusinessSettings(adminCtx);
 */
export async function getBusinessSettings(ctx: DomainContext): Promise<BusinessSettings> {
  requireAdmin(ctx);
  const now = ctx.now();
  const today = toZoned(now, ctx.timeZone).date;
  const [hours, rules, oneOff, people, week, off, catalog] = await Promise.all([
    ctx.db.select().from(openingHours).orderBy(asc(openingHours.weekday), asc(openingHours.opensMinute)),
    ctx.db.select().from(holidays).orderBy(asc(holidays.month), asc(holidays.id)),
    ctx.db.select().from(closures).where(gte(closures.date, today)).orderBy(asc(closures.date), asc(closures.id)),
    ctx.db.select().from(employees).orderBy(asc(employees.id)),
    ctx.db.select().from(schedules).orderBy(asc(schedules.weekday), asc(schedules.startMinute)),
    ctx.db.select().from(timeOff).where(gt(timeOff.endsAt, now)).orderBy(asc(timeOff.startsAt)),
    listAllServices(ctx),
  ]);
  const calendar = businessCalendar(hours, rules, []);
  const ahead = upcomingHolidays(calendar, today, 366);
  return {
    time_zone: ctx.timeZone,
    hours: hours.map((h) => ({ weekday: h.weekday, start: hhmm(h.opensMinute), end: hhmm(h.closesMinute) })),
    hours_text: hoursSentence(hours, rules, 'en'),
    holidays: rules.map((h) => ({
      id: h.id,
      slug: h.slug,
      name: h.name,
      rule: h.rule,
      month: h.month,
      day: h.day,
      weekday: h.weekday,
      nth: h.nth,
      observed: h.observed,
      next_date: ahead.find((d) => d.slug === h.slug)?.date ?? null,
    })),
    closures: oneOff.map((c) => ({
      id: c.id,
      date: c.date,
      start: c.startMinute === null ? null : hhmm(c.startMinute),
      end: c.endMinute === null ? null : hhmm(c.endMinute),
      reason: c.reason,
    })),
    services: catalog,
    employees: people.map((e) => toEmployeeAdminView(ctx, e, week, off)),
  };
}

// ---- opening hours and holidays (and the articles that state them) ----------------------------------------

/** The UPDATEs that rewrite the calendar articles for these hours and holidays (in the caller's batch). */
function articleRewrites(ctx: DomainContext, hours: readonly OpeningWindow[], named: readonly (NamedHoliday & { month: number })[]) {
  // In the order the calendar reads them (by month), so the articles list them as the prompt does.
  const bodies = calendarArticleBodies(hours, [...named].sort((a, b) => a.month - b.month));
  const now = ctx.now();
  return CALENDAR_ARTICLE_SLUGS.map((slug) => ctx.db.update(kbArticles).set({ body: bodies[slug], updatedAt: now }).where(eq(kbArticles.slug, slug)));
}

/**
 * Replaces the weekly opening hours: every weekday absent from `hours` is closed; two windows make a split
 * day. Existing bookings stay; availability, bookings, the prompt and the hours articles follow at once.
 * @example await setOpeningHours(adminCtx, { hours: [{ weekday: 1, start: '08:00', end: '17:00' }] });
 */
export async function setOpeningHours(ctx: DomainContext, input: { hours: WeeklyWindow[] }): Promise<BusinessSettings> {
  requireAdmin(ctx);
  const windows = checkWindows(input.hours, 'hours');
  if (windows.length === 0) throw invalidInput('Give at least one opening window: a business open on no day takes no booking', { hours: 'empty' });
  const rows = windows.map((w) => ({ weekday: w.weekday, opensMinute: w.start, closesMinute: w.end }));
  const named = await ctx.db.select({ slug: holidays.slug, name: holidays.name, month: holidays.month }).from(holidays).orderBy(asc(holidays.month), asc(holidays.id));
  await ctx.db.batch([ctx.db.delete(openingHours), ctx.db.insert(openingHours).values(rows), ...articleRewrites(ctx, rows, named), configBump(ctx)]);
  return getBusinessSettings(ctx);
}

export interface HolidayInput {
  name: string;
  slug?: string | undefined;
  rule: (typeof HOLIDAY_RULES)[number];
  month: number;
  day?: number | undefined;
  weekday?: number | undefined;
  nth?: number | undefined;
  observed?: boolean | undefined;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const slugify = (text: string) =>
  text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/**
 * Adds a recurring holiday: `fixed` (month + day), `nth_weekday` (month + weekday + nth, 1–5) or
 * `last_weekday` (month + weekday). 409 when its slug (from the name unless given) is taken.
 * @example await addHoliday(adminCtx, { name: 'Christmas Eve', rule: 'fixed', month: 12, day: 24, observed: false });
 */
export async function addHoliday(ctx: DomainContext, input: HolidayInput) {
  requireAdmin(ctx);
  const errors: Record<string, string> = {};
  const need = (field: 'day' | 'weekday' | 'nth') => {
    if (input[field] === undefined) errors[field] = `required for rule ${input.rule}`;
  };
  if (input.rule === 'fixed') {
    need('day');
    if (input.day !== undefined && input.day > DAYS_IN_MONTH[input.month - 1]!) errors.day = `month ${input.month} has no day ${input.day}`;
  } else {
    need('weekday');
    if (input.rule === 'nth_weekday') need('nth');
  }
  const slug = input.slug ?? slugify(input.name);
  if (!slug) errors.slug = 'give a slug (the name has no letters or digits)';
  if (Object.keys(errors).length) throw invalidInput(`Invalid holiday: ${Object.entries(errors).map(([k, v]) => `${k} ${v}`).join('; ')}`, errors);
  const row = {
    slug,
    name: input.name,
    rule: input.rule,
    month: input.month,
    day: input.rule === 'fixed' ? input.day! : null,
    weekday: input.rule === 'fixed' ? null : input.weekday!,
    nth: input.rule === 'nth_weekday' ? input.nth! : null,
    // Only a fixed date can fall on a weekend: the other rules always name a weekday.
    observed: input.rule === 'fixed' ? (input.observed ?? true) : false,
  };
  const [hours, named] = await Promise.all([
    ctx.db.select().from(openingHours),
    ctx.db.select({ slug: holidays.slug, name: holidays.name, month: holidays.month }).from(holidays).orderBy(asc(holidays.month), asc(holidays.id)),
  ]);
  if (named.some((h) => h.slug === slug)) throw conflict(`A holiday with slug "${slug}" already exists`, { slug: 'already taken' });
  const insert = ctx.db.insert(holidays).values(row).onConflictDoNothing({ target: holidays.slug }).returning();
  const [inserted] = await ctx.db.batch([insert, ...articleRewrites(ctx, hours, [...named, row]), configBump(ctx)]);
  if (inserted.length === 0) throw conflict(`A holiday with slug "${slug}" already exists`, { slug: 'already taken' });
  return (await getBusinessSettings(ctx)).holidays.find((h) => h.id === inserted[0]!.id)!;
}

/**
 * Removes a holiday rule (404 when there is none with that id).
 * @example await removeHoliday(adminCtx, 6);
 */
export async function removeHoliday(ctx: DomainContext, id: number): Promise<{ removed: true; id: number }> {
  requireAdmin(ctx);
  const [hours, named] = await Promise.all([
    ctx.db.select().from(openingHours),
    ctx.db.select({ id: holidays.id, slug: holidays.slug, name: holidays.name, month: holidays.month }).from(holidays).orderBy(asc(holidays.month), asc(holidays.id)),
  ]);
  if (!named.some((h) => h.id === id)) throw new DomainError('not_found', `Holiday ${id} not found`);
  const [deleted] = await ctx.db.batch([
    ctx.db.delete(holidays).where(eq(holidays.id, id)).returning({ id: holidays.id }),
    ...articleRewrites(ctx, hours, named.filter((h) => h.id !== id)),
    configBump(ctx),
  ]);
  if (deleted.length === 0) throw new DomainError('not_found', `Holiday ${id} not found`);
  return { removed: true, id };
}

// ---- closures -----------------------------------------------------------------------------------------------

/** The longest closure one call adds, in days. */
export const MAX_CLOSURE_DAYS = 62;

export interface ClosureInput {
  date: string;
  date_to?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
  reason: string;
}

/**
 * Closes the business on a date, a range of dates (`date_to`, whole days) or part of one date (`start`–`end`).
 * From today on only. Returns the closures added and the confirmed bookings inside them, which stay booked.
 * @example await addClosure(adminCtx, { date: '2030-12-24', start: '12:00', end: '24:00', reason: 'Christmas Eve' });
 */
export async function addClosure(ctx: DomainContext, input: ClosureInput): Promise<z.infer<typeof closureAddedSchema>> {
  requireAdmin(ctx);
  const date = parseLocalDate(input.date, 'date');
  const to = input.date_to === undefined ? date : parseLocalDate(input.date_to, 'date_to');
  const today = toZoned(ctx.now(), ctx.timeZone).date;
  const errors: Record<string, string> = {};
  if (date < today) errors.date = `must be today (${today}) or later`;
  if (to < date) errors.date_to = 'must not be before date';
  else if (daysBetween(date, to) >= MAX_CLOSURE_DAYS) errors.date_to = `at most ${MAX_CLOSURE_DAYS} days per closure`;
  const partial = input.start !== undefined || input.end !== undefined;
  if (partial && (input.start === undefined || input.end === undefined)) errors[input.start === undefined ? 'start' : 'end'] = 'give both start and end, or neither (the whole day)';
  else if (partial && minutesOf(input.start!) >= minutesOf(input.end!)) errors.end = 'must be after start';
  if (partial && to !== date) errors.date_to = 'a part-day closure is one date';
  if (Object.keys(errors).length) throw invalidInput(`Invalid closure: ${Object.entries(errors).map(([k, v]) => `${k} ${v}`).join('; ')}`, errors);
  const startMinute = partial ? minutesOf(input.start!) : null;
  const endMinute = partial ? minutesOf(input.end!) : null;
  const dates = Array.from({ length: daysBetween(date, to) + 1 }, (_, i) => addDays(date, i));
  const [inserted] = await ctx.db.batch([
    ctx.db.insert(closures).values(dates.map((d) => ({ date: d, startMinute, endMinute, reason: input.reason }))).returning(),
    configBump(ctx),
  ]);
  const fromMs = startOfDay(date, ctx.timeZone) + (startMinute ?? 0) * 60_000;
  const toMs = partial ? startOfDay(date, ctx.timeZone) + endMinute! * 60_000 : startOfDay(addDays(to, 1), ctx.timeZone);
  return {
    closures: inserted.map((c) => ({ id: c.id, date: c.date, start: partial ? input.start! : null, end: partial ? input.end! : null, reason: c.reason })),
    bookings_affected: await bookingsBetween(ctx, fromMs, toMs),
  };
}

/**
 * Removes one closure (one date) by id; 404 when there is none.
 * @example await removeClosure(adminCtx, 3);
 */
export async function removeClosure(ctx: DomainContext, id: number): Promise<{ removed: true; id: number }> {
  requireAdmin(ctx);
  const [deleted] = await ctx.db.batch([ctx.db.delete(closures).where(eq(closures.id, id)).returning({ id: closures.id }), configBump(ctx)]);
  if (deleted.length === 0) throw new DomainError('not_found', `Closure ${id} not found`);
  return { removed: true, id };
}

