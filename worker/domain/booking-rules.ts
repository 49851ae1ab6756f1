/**
 * Booking rules in the manner of Cal.com's event settings, applied by availability and enforced again
 * on create and reschedule:
 * - a travel buffer kept free after each job (per service, `services.buffer_minutes`; default
 *   `BOOKING_BUFFER_MINUTES`, 30), held as booking cells so the cells' primary key enforces it;
 * - minimum notice: no start sooner than `BOOKING_MIN_NOTICE_MINUTES` (120) from now (staff exempt:
 *   they may squeeze in a same-day job);
 * - a horizon: no start on a local date more than `BOOKING_HORIZON_DAYS` (90) after today;
 * - a daily cap of jobs per technician (`employees.max_jobs_per_day`; default `BOOKING_MAX_JOBS_PER_DAY`,
 *   6), checked inside the booking's insert too, so concurrent creates cannot pass it.
 */
import { env } from 'cloudflare:workers';
import { log } from '../lib/log';
import type { DomainContext } from './context';

export interface BookingRules {
  /** Minutes kept free after a job when its service sets none. */
  bufferMinutes: number;
  /** The soonest a customer may book, in minutes from now. */
  minNoticeMinutes: number;
  /** The furthest local date bookable, in days after today. */
  horizonDays: number;
  /** Jobs one technician takes on a local day when their row sets none. */
  maxJobsPerDay: number;
}

/** The defaults, also in wrangler.jsonc `vars` and docs/API.md. */
export const DEFAULT_BOOKING_RULES: Readonly<BookingRules> = { bufferMinutes: 30, minNoticeMinutes: 120, horizonDays: 90, maxJobsPerDay: 6 };

export const BOOKING_RULE_VARS: Readonly<Record<keyof BookingRules, string>> = {
  bufferMinutes: 'BOOKING_BUFFER_MINUTES',
  minNoticeMinutes: 'BOOKING_MIN_NOTICE_MINUTES',
  horizonDays: 'BOOKING_HORIZON_DAYS',
  maxJobsPerDay: 'BOOKING_MAX_JOBS_PER_DAY',
};

/** Zero is a meaningful buffer or notice; a horizon or cap of zero would close the business. */
const MINIMUM: Readonly<Record<keyof BookingRules, number>> = { bufferMinutes: 0, minNoticeMinutes: 0, horizonDays: 1, maxJobsPerDay: 1 };

const warned = new Set<string>();

/**
 * The rules a set of vars asks for: whole numbers (at least 0 for buffer and notice, 1 for horizon and
 * cap); anything else keeps the default, with one warning per bad value.
 * @example bookingRulesFrom({ BOOKING_HORIZON_DAYS: '30' }).horizonDays // 30
 */
export function bookingRulesFrom(vars: Readonly<Record<string, unknown>>): BookingRules {
  const rules = { ...DEFAULT_BOOKING_RULES };
  for (const key of Object.keys(BOOKING_RULE_VARS) as (keyof BookingRules)[]) {
    const name = BOOKING_RULE_VARS[key];
    const raw = vars[name];
    if (raw === undefined || raw === '') continue;
    const value = typeof raw === 'number' ? raw : /^\s*\d+\s*$/.test(String(raw)) ? Number(raw) : NaN;
    if (Number.isSafeInteger(value) && value >= MINIMUM[key]) rules[key] = value;
    else if (!warned.has(`${name}=${String(raw)}`)) {
      warned.add(`${name}=${String(raw)}`);
      log.warn('booking_rule_var_invalid', { var: name, value: String(raw), using: rules[key] });
    }
  }
  return rules;
}

// On the context itself (a symbol key), so copies made by `{ ...ctx }` (withWriteLimits) keep it.
const OVERRIDE = Symbol('bookingRules');
type WithRules = DomainContext & { [OVERRIDE]?: BookingRules };

/**
 * A copy of `ctx` whose calls use these rules instead of the vars' (tests; identity is unchanged).
 * @example const ctx2 = withBookingRules(ctx, { maxJobsPerDay: 1 });
 */
export function withBookingRules(ctx: DomainContext, rules: Partial<BookingRules>): DomainContext {
  const copy: WithRules = { ...ctx, [OVERRIDE]: { ...bookingRulesOf(ctx), ...rules } };
  return copy;
}

/** The rules for calls made with `ctx`: its override, else the Worker's vars. */
export function bookingRulesOf(ctx: DomainContext): BookingRules {
  return (ctx as WithRules)[OVERRIDE] ?? bookingRulesFrom(env as unknown as Record<string, unknown>);
}
