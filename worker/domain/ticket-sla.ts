/**
 * Service-level targets for tickets (#14): per priority, the minutes within which staff should first
 * respond and the minutes within which the ticket should be resolved, counted in wall-clock time from
 * when it was opened (no business-hours clock, no pause while pending). `TICKET_SLA` in wrangler.jsonc
 * overrides them as JSON, e.g. `{"urgent":{"first_response_minutes":10}}`: priorities and fields it
 * leaves out keep their defaults; a value that is not valid keeps the whole default, with one warning,
 * as the booking rules do (worker/domain/booking-rules.ts). A target met late stays breached.
 */
import { env } from 'cloudflare:workers';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { PRIORITIES } from '../db/schema';
import { log } from '../lib/log';
import type { DomainContext } from './context';

type Priority = (typeof PRIORITIES)[number];

export interface SlaTarget {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}
export type TicketSla = Record<Priority, SlaTarget>;

/** The defaults, also in wrangler.jsonc's comment and docs/API.md. */
export const DEFAULT_TICKET_SLA: Readonly<TicketSla> = {
  urgent: { firstResponseMinutes: 15, resolutionMinutes: 240 },
  high: { firstResponseMinutes: 60, resolutionMinutes: 480 },
  normal: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
  low: { firstResponseMinutes: 1440, resolutionMinutes: 4320 },
};

const minutes = z.int().min(1).max(525_600);
const varSchema = z.strictObject(
  Object.fromEntries(
    PRIORITIES.map((p) => [p, z.strictObject({ first_response_minutes: minutes.optional(), resolution_minutes: minutes.optional() }).optional()]),
  ) as Record<Priority, z.ZodOptional<z.ZodObject<{ first_response_minutes: z.ZodOptional<typeof minutes>; resolution_minutes: z.ZodOptional<typeof minutes> }>>>,
);

const warned = new Set<string>();

/**
 * The targets a `TICKET_SLA` value asks for (JSON text), over the defaults.
 * @example ticketSlaFrom('{"urgent":{"first_response_minutes":10}}').urgent.firstResponseMinutes // 10
 */
export function ticketSlaFrom(raw: unknown): TicketSla {
  const sla = structuredClone(DEFAULT_TICKET_SLA) as TicketSla;
  if (raw === undefined || raw === null || String(raw).trim() === '') return sla;
  let parsed: z.infer<typeof varSchema> | undefined;
  try {
    const result = varSchema.safeParse(JSON.parse(String(raw)));
    if (result.success) parsed = result.data;
  } catch {
    parsed = undefined;
  }
  if (!parsed) {
    if (!warned.has(String(raw))) {
      warned.add(String(raw));
      log.warn('ticket_sla_var_invalid', { var: 'TICKET_SLA', value: String(raw), using: 'defaults' });
    }
    return sla;
  }
  for (const p of PRIORITIES) {
    const given = parsed[p];
    if (given?.first_response_minutes !== undefined) sla[p].firstResponseMinutes = given.first_response_minutes;
    if (given?.resolution_minutes !== undefined) sla[p].resolutionMinutes = given.resolution_minutes;
  }
  return sla;
}

// On the context itself (a symbol key), so copies made by `{ ...ctx }` keep it; as withBookingRules.
const OVERRIDE = Symbol('ticketSla');
type WithSla = DomainContext & { [OVERRIDE]?: TicketSla };

/**
 * A copy of `ctx` whose calls use these targets instead of the var's (tests; identity is unchanged).
 * @example const ctx2 = withTicketSla(ctx, { urgent: { firstResponseMinutes: 5, resolutionMinutes: 60 } });
 */
export function withTicketSla(ctx: DomainContext, sla: Partial<TicketSla>): DomainContext {
  const copy: WithSla = { ...ctx, [OVERRIDE]: { ...ticketSlaOf(ctx), ...sla } };
  return copy;
}

/** The targets for calls made with `ctx`: its override, else the Worker's `TICKET_SLA`. */
export function ticketSlaOf(ctx: DomainContext): TicketSla {
  return (ctx as WithSla)[OVERRIDE] ?? ticketSlaFrom(env.TICKET_SLA);
}

export const slaViewSchema = z.object({
  first_response_due: z.int(),
  resolution_due: z.int(),
  first_response_breached: z.boolean(),
  resolution_breached: z.boolean(),
});
export type SlaView = z.infer<typeof slaViewSchema>;

/** What one ticket's targets say at `now`: its due times and whether each was missed (met late, or overdue). */
export function slaStatus(
  sla: TicketSla,
  t: { priority: Priority; createdAt: number; firstResponseAt: number | null; resolvedAt: number | null },
  now: number,
): SlaView {
  const target = sla[t.priority];
  const firstResponseDue = t.createdAt + target.firstResponseMinutes * 60_000;
  const resolutionDue = t.createdAt + target.resolutionMinutes * 60_000;
  return {
    first_response_due: firstResponseDue,
    resolution_due: resolutionDue,
    first_response_breached: (t.firstResponseAt ?? now) > firstResponseDue,
    resolution_breached: (t.resolvedAt ?? now) > resolutionDue,
  };
}

/** `CASE priority WHEN … THEN <ms> END` for one target, so SQL can filter and count what `slaStatus` says. */
function targetMs(sla: TicketSla, priority: SQL, key: keyof SlaTarget): SQL {
  const whens = PRIORITIES.map((p) => sql` WHEN ${p} THEN ${sla[p][key] * 60_000}`);
  return sql`(CASE ${priority}${sql.join(whens)} END)`;
}

/**
 * SQL conditions true exactly when `slaStatus` says breached, over a ticket's columns (the first
 * response as the caller computes it, e.g. with a staff message in its conversation).
 */
export function breachConditions(
  sla: TicketSla,
  cols: { priority: SQL; createdAt: SQL; firstResponseAt: SQL; resolvedAt: SQL },
  now: number,
): { firstResponse: SQL; resolution: SQL } {
  return {
    firstResponse: sql`(coalesce(${cols.firstResponseAt}, ${now}) > ${cols.createdAt} + ${targetMs(sla, cols.priority, 'firstResponseMinutes')})`,
    resolution: sql`(coalesce(${cols.resolvedAt}, ${now}) > ${cols.createdAt} + ${targetMs(sla, cols.priority, 'resolutionMinutes')})`,
  };
}

/**
 * SQL for when a ticket's next target falls due: the first response until there is one, then the
 * resolution; NULL once it is resolved or closed. Ordering by it puts what is overdue or soonest due first.
 */
export function nextDueSql(sla: TicketSla, cols: { priority: SQL; status: SQL; createdAt: SQL; firstResponseAt: SQL }): SQL {
  return sql`(CASE WHEN ${cols.status} IN ('resolved', 'closed') THEN NULL
    WHEN ${cols.firstResponseAt} IS NULL THEN ${cols.createdAt} + ${targetMs(sla, cols.priority, 'firstResponseMinutes')}
    ELSE ${cols.createdAt} + ${targetMs(sla, cols.priority, 'resolutionMinutes')} END)`;
}
