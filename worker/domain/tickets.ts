/**
 * Support tickets. Anyone signed in may open one; a customer sees only the
 * tickets they opened (others are `not_found`, never `forbidden`, so numbers
 * cannot be probed) and never the internal notes. Triage (status, assignee,
 * priority) and notes are staff work. A new ticket goes round-robin to an available staff member
 * (worker/domain/staff.ts); staff see each ticket's SLA due times and breaches (worker/domain/ticket-sla.ts).
 */
import { and, asc, desc, eq, getTableColumns, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { isStaff, requireRole, requireUser, type UserPrincipal } from '../auth/principal';
import { customers, PRIORITIES, ticketNotes, tickets, TICKET_STATUSES } from '../db/schema';
import { toZoned } from '../lib/zoned-time';
import type { DomainContext } from './context';
import { epochMs } from './dates';
import { DomainError, forbidden, invalidInput, notFound } from './errors';
import { NEXT_ASSIGNEE_SQL, requireStaffMember } from './staff';
import { breachConditions, nextDueSql, slaStatus, slaViewSchema, ticketSlaOf } from './ticket-sla';
import { ticketGuard, ticketLimitError, type TicketScope } from './write-limits';

export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type TicketPriority = (typeof PRIORITIES)[number];

/** An internal note on a ticket (staff only). */
export const ticketNoteViewSchema = z.object({
  id: z.int(),
  author: z.string(),
  body: z.string(),
  created_at: z.int(),
});
export type TicketNoteView = z.infer<typeof ticketNoteViewSchema>;

export const ticketViewSchema = z.object({
  number: z.string(),
  subject: z.string(),
  description: z.string(),
  priority: z.enum(PRIORITIES),
  status: z.enum(TICKET_STATUSES),
  customer_id: z.int().nullable(),
  opened_by: z.string(),
  assignee: z.string().nullable(),
  interaction_id: z.int().nullable(),
  created_at: epochMs,
  // Times in the shape's one description (created_at's), as every ticket tool's output repeats it.
  updated_at: z.int(),
  first_response_at: z.int().nullable(),
  resolved_at: z.int().nullable(),
  // SLA figures, staff only: flat rather than nested, as every ticket tool's output schema repeats them.
  ...slaViewSchema.partial().shape,
  /** Staff only: the chat session the ticket came from, for a link to its conversation (null when none). */
  session_id: z.string().nullable().optional(),
  /** Staff only. */
  notes: z.array(ticketNoteViewSchema).optional(),
});
export type TicketView = z.infer<typeof ticketViewSchema>;

/** What `addTicketNote` returns: the note, with the number of its ticket. */
export const ticketNoteAddedSchema = ticketNoteViewSchema.extend({ ticket_number: z.string() });
export type TicketNoteAdded = z.infer<typeof ticketNoteAddedSchema>;

/** A ticket as every read selects it (`ticketColumns`): the table's row with the session of its conversation. */
type TicketRow = typeof tickets.$inferSelect & { conversationSessionId: string | null };

/**
 * The first response as staff see it: the stamp (a note or status change), or a staff message in the
 * ticket's conversation after it was opened, whichever came first. Names written out in full: inside
 * the subquery, drizzle's unqualified column names would bind to `messages`.
 */
export const firstResponseSql = sql<number | null>`(SELECT CASE WHEN "tickets"."first_response_at" IS NULL THEN reply
  WHEN reply IS NULL THEN "tickets"."first_response_at" ELSE min("tickets"."first_response_at", reply) END
  FROM (SELECT min(m.created_at) AS reply FROM messages m
    WHERE m.interaction_id = "tickets"."interaction_id" AND m.role = 'staff' AND m.created_at >= "tickets"."created_at"))`;

/** The chat session of a ticket: the one it was opened in, else its interaction's (a staff-opened ticket has none). */
const conversationSessionSql = sql<string | null>`coalesce("tickets"."session_id",
  (SELECT i.session_id FROM interactions i WHERE i.id = "tickets"."interaction_id"))`;

/** Ticket columns with the first response and the conversation computed: every read goes through this. */
const ticketColumns = { ...getTableColumns(tickets), firstResponseAt: firstResponseSql, conversationSessionId: conversationSessionSql };

/** The caller's view: SLA figures for staff only, measured at the context's clock. */
function viewFor(ctx: DomainContext, t: TicketRow): TicketView {
  const view = toView(t);
  return isStaff(ctx.actor) ? { ...view, ...slaStatus(ticketSlaOf(ctx), t, ctx.now()), session_id: t.conversationSessionId } : view;
}

const toView = (t: TicketRow): TicketView => ({
  number: t.number,
  subject: t.subject,
  description: t.description,
  priority: t.priority,
  status: t.status,
  customer_id: t.customerId,
  opened_by: t.openedBy,
  assignee: t.assignee,
  interaction_id: t.interactionId,
  created_at: t.createdAt,
  updated_at: t.updatedAt,
  first_response_at: t.firstResponseAt,
  resolved_at: t.resolvedAt,
});

function required(value: string, field: string): string {
  const v = value.trim();
  if (!v) throw invalidInput(`${field} must not be empty`, { [field]: value });
  return v;
}

/** Ticket numbers are matched case-insensitively ("tk-2026-00001" works). */
const normalizeNumber = (n: string) => n.trim().toUpperCase();

/**
 * The customers row of a signed-in customer, created on first need. The
 * insert ignores the unique-subject conflict so two concurrent first tickets
 * still end up with one row.
 */
async function customerIdForSubject(ctx: DomainContext, user: UserPrincipal): Promise<number> {
  const now = ctx.now();
  // The insert and the read in one round trip (a batch is one transaction: the read sees the row).
  const [, [row]] = await ctx.db.batch([
    ctx.db
      .insert(customers)
      .values({ subject: user.subject, name: user.name ?? 'Customer', email: user.email ?? null, createdAt: now, updatedAt: now })
      .onConflictDoNothing(),
    ctx.db.select({ id: customers.id }).from(customers).where(eq(customers.subject, user.subject)).limit(1),
  ]);
  if (!row) throw new Error(`customer row for ${user.subject} missing after upsert`);
  return row.id;
}

/**
 * A customer record staff made (no token subject) with this email. A row owned by a
 * subject holds what its token's holder typed, so an email never links to it.
 */
async function customerIdForEmail(ctx: DomainContext, email: string): Promise<number | null> {
  const row = await ctx.db
    .select({ id: customers.id })
    .from(customers)
    .where(and(isNull(customers.subject), sql`lower(${customers.email}) = ${email.trim().toLowerCase()}`))
    .orderBy(asc(customers.id))
    .get();
  return row?.id ?? null;
}

/** The ticket if the caller may see it: staff any, a customer only their own. */
async function visibleTicket(ctx: DomainContext, user: UserPrincipal, number: string): Promise<TicketRow> {
  const byNumber = eq(tickets.number, normalizeNumber(number));
  const row = await ctx.db
    .select(ticketColumns)
    .from(tickets)
    .where(isStaff(ctx.actor) ? byNumber : and(byNumber, eq(tickets.openedBy, user.subject)))
    .get();
  if (!row) throw notFound(`Ticket ${number}`);
  return row;
}

/**
 * Opens a ticket numbered `TK-YYYY-NNNNN`. A customer's ticket is linked to
 * their own customer record; staff may link one by `customer_email` (to a
 * record staff made). A customer may open `ticketsPerHour` tickets in any hour,
 * per token subject and per chat session (worker/domain/write-limits.ts): the
 * count is in the same statements as the counter and the insert, so a refused
 * ticket uses no number and concurrent opens cannot pass the limit. The insert picks the assignee
 * round-robin among available staff (`NEXT_ASSIGNEE_SQL`) in the same statement.
 * @example await openTicket(ctx, { subject: 'Water heater still leaking', description: 'Since the visit on Monday…' });
 */
export async function openTicket(
  ctx: DomainContext,
  input: { subject: string; description: string; priority?: TicketPriority; customer_email?: string },
): Promise<TicketView> {
  const user = requireUser(ctx.actor);
  // A customer cannot attach a ticket to someone else by naming their email: the staff-only field is refused.
  if (!isStaff(user) && input.customer_email !== undefined) throw forbidden('Only staff can link a ticket to a customer by email');
  const subject = required(input.subject, 'subject');
  const description = required(input.description, 'description');
  const customerId =
    user.role === 'customer'
      ? await customerIdForSubject(ctx, user)
      : input.customer_email
        ? await customerIdForEmail(ctx, input.customer_email)
        : null;
  const scope: TicketScope = { subject: user.subject, sessionId: user.role === 'customer' ? (user.sessionId ?? null) : null };
  const refused = await ticketLimitError(ctx, scope);
  if (refused) throw refused;
  const now = ctx.now();
  const year = toZoned(now, ctx.timeZone).year;
  const counter = `ticket:${year}`;
  const counterGuard = ticketGuard(ctx, scope, 2);
  const insertGuard = ticketGuard(ctx, scope, 11);
  // Counter and row under the same guard, in one transaction: both happen, or neither.
  const [, inserted] = await ctx.d1.batch<{ id: number }>([
    ctx.d1
      .prepare(
        `INSERT INTO counters (name, value) SELECT ?1, 1 WHERE ${counterGuard.sql}
         ON CONFLICT(name) DO UPDATE SET value = value + 1`,
      )
      .bind(counter, ...counterGuard.params),
    ctx.d1
      .prepare(
        `INSERT INTO tickets (number, subject, description, priority, status, customer_id, opened_by, interaction_id, session_id,
           assignee, created_at, updated_at)
         SELECT ?1 || printf('%05d', (SELECT value FROM counters WHERE name = ?2)), ?3, ?4, ?5, 'open', ?6, ?7, ?8, ?9,
           ${NEXT_ASSIGNEE_SQL}, ?10, ?10
         WHERE ${insertGuard.sql}
         RETURNING id`,
      )
      .bind(`TK-${year}-`, counter, subject, description, input.priority ?? 'normal', customerId, user.subject, ctx.interactionId ?? null, scope.sessionId, now, ...insertGuard.params),
  ]);
  const id = inserted?.results[0]?.id;
  if (id === undefined) {
    // A concurrent open filled the budget between our check and this batch.
    throw (await ticketLimitError(ctx, scope)) ?? new DomainError('rate_limited', 'Too many tickets at once; please try again in a minute', { retry_after: 60 });
  }
  const row = await ctx.db.select(ticketColumns).from(tickets).where(eq(tickets.id, id)).get();
  if (!row) throw new Error(`ticket ${id} missing after insert`);
  return viewFor(ctx, row);
}

export const TICKET_BREACHES = ['any', 'first_response', 'resolution'] as const;
/** `newest` (default): by when opened. `due`: open and pending ones first, overdue or soonest due first (SLA). */
export const TICKET_SORTS = ['newest', 'due'] as const;
export interface TicketFilter {
  status?: TicketStatus | undefined;
  priority?: TicketPriority | undefined;
  assignee?: string | undefined;
  /** Staff only: tickets whose first-response or resolution target (or either) is missed. */
  breached?: (typeof TICKET_BREACHES)[number] | undefined;
  sort?: (typeof TICKET_SORTS)[number] | undefined;
  limit?: number | undefined;
}

/** The SQL conditions of a list filter, for the caller (a customer's own tickets only; `breached` is staff's). */
export function ticketConditions(ctx: DomainContext, input: TicketFilter): SQL[] {
  const user = requireUser(ctx.actor);
  // Staff-only filters are refused to customers, not ignored: they list only their own tickets.
  if (!isStaff(user) && (input.assignee !== undefined || input.breached !== undefined)) throw forbidden('Only staff can list tickets by assignee or SLA breach');
  const where: SQL[] = [];
  if (!isStaff(ctx.actor)) where.push(eq(tickets.openedBy, user.subject));
  if (input.status) where.push(eq(tickets.status, input.status));
  if (input.priority) where.push(eq(tickets.priority, input.priority));
  if (input.assignee) where.push(eq(tickets.assignee, input.assignee.trim()));
  if (input.breached) {
    const b = breachConditions(ticketSlaOf(ctx), { priority: sql`${tickets.priority}`, createdAt: sql`${tickets.createdAt}`, firstResponseAt: firstResponseSql, resolvedAt: sql`${tickets.resolvedAt}` }, ctx.now());
    where.push(input.breached === 'first_response' ? b.firstResponse : input.breached === 'resolution' ? b.resolution : or(b.firstResponse, b.resolution)!);
  }
  return where;
}

/**
 * Lists tickets, newest first (or by what falls due first, `sort: 'due'`): a customer's own, or (staff) everyone's.
 * @example await listTickets(ctx, { status: 'open', sort: 'due', limit: 10 });
 */
export async function listTickets(ctx: DomainContext, input: TicketFilter = {}): Promise<TicketView[]> {
  const where = ticketConditions(ctx, input);
  const limit = Math.min(Math.max(input.limit ?? 20, 1), 100);
  const newest = [desc(tickets.createdAt), desc(tickets.id)];
  const due = nextDueSql(ticketSlaOf(ctx), { priority: sql`${tickets.priority}`, status: sql`${tickets.status}`, createdAt: sql`${tickets.createdAt}`, firstResponseAt: firstResponseSql });
  const rows = await ctx.db
    .select(ticketColumns)
    .from(tickets)
    .where(and(...where))
    .orderBy(...(input.sort === 'due' ? [sql`${due} IS NULL`, asc(due), ...newest] : newest))
    .limit(limit);
  return rows.map((r) => viewFor(ctx, r));
}

/**
 * One ticket by number; staff also get its internal notes.
 * @example await getTicket(ctx, { ticket_number: 'TK-2026-00042' });
 */
export async function getTicket(ctx: DomainContext, input: { ticket_number: string }): Promise<TicketView> {
  const user = requireUser(ctx.actor);
  const row = await visibleTicket(ctx, user, input.ticket_number);
  const view = viewFor(ctx, row);
  if (isStaff(ctx.actor)) {
    const notes = await ctx.db
      .select()
      .from(ticketNotes)
      .where(eq(ticketNotes.ticketId, row.id))
      .orderBy(asc(ticketNotes.createdAt), asc(ticketNotes.id));
    view.notes = notes.map((n) => ({ id: n.id, author: n.author, body: n.body, created_at: n.createdAt }));
  }
  return view;
}

/**
 * Triage: changes status, assignee (a staff member's id; empty string unassigns) or priority. Staff/admin
 * only. A status change is a first response; resolved or closed stamps `resolved_at`, reopening clears it.
 * @example await updateTicket(ctx, { ticket_number: 'TK-2026-00042', status: 'pending', assignee: 'alice' });
 */
export async function updateTicket(
  ctx: DomainContext,
  input: { ticket_number: string; status?: TicketStatus; assignee?: string; priority?: TicketPriority },
): Promise<TicketView> {
  requireRole(ctx.actor, 'staff', 'admin');
  if (input.status === undefined && input.assignee === undefined && input.priority === undefined) {
    throw invalidInput('Nothing to update: pass at least one of status, assignee, priority');
  }
  const now = ctx.now();
  const set: Partial<Record<keyof typeof tickets.$inferInsert, unknown>> = { updatedAt: now };
  if (input.status !== undefined) {
    set.status = input.status;
    set.firstResponseAt = sql`coalesce(${tickets.firstResponseAt}, ${now})`;
    const closing = input.status === 'resolved' || input.status === 'closed';
    // Resolved → closed keeps the time it was resolved; reopening starts over.
    set.resolvedAt = closing ? sql`CASE WHEN ${tickets.status} IN ('resolved', 'closed') THEN ${tickets.resolvedAt} ELSE ${now} END` : null;
  }
  if (input.priority !== undefined) set.priority = input.priority;
  if (input.assignee !== undefined) set.assignee = input.assignee.trim() ? await requireStaffMember(ctx, input.assignee.trim()) : null;
  const updated = await ctx.db
    .update(tickets)
    .set(set as Partial<typeof tickets.$inferInsert>)
    .where(eq(tickets.number, normalizeNumber(input.ticket_number)))
    .returning({ id: tickets.id })
    .get();
  if (!updated) throw notFound(`Ticket ${input.ticket_number}`);
  const row = await ctx.db.select(ticketColumns).from(tickets).where(eq(tickets.id, updated.id)).get();
  if (!row) throw notFound(`Ticket ${input.ticket_number}`);
  return viewFor(ctx, row);
}

/**
 * Adds an internal (staff-only) note to a ticket, authored by the caller.
 * @example await addTicketNote(ctx, { ticket_number: 'TK-2026-00042', body: 'Called back, part on order.' });
 */
export async function addTicketNote(
  ctx: DomainContext,
  input: { ticket_number: string; body: string },
): Promise<TicketNoteAdded> {
  const user = requireRole(ctx.actor, 'staff', 'admin');
  const body = required(input.body, 'body');
  const ticket = await visibleTicket(ctx, user, input.ticket_number);
  const now = ctx.now();
  // The note and the ticket's "last activity" stamp land together in one batch (one transaction).
  const [note] = await ctx.db.batch([
    ctx.db.insert(ticketNotes).values({ ticketId: ticket.id, author: user.subject, body, createdAt: now }).returning(),
    // A note is staff working the ticket: its first response, if none came before.
    ctx.db.update(tickets).set({ updatedAt: now, firstResponseAt: sql`coalesce(${tickets.firstResponseAt}, ${now})` }).where(eq(tickets.id, ticket.id)),
  ]);
  const n = note[0];
  if (!n) throw new Error('ticket note insert returned no row');
  return { id: n.id, ticket_number: ticket.number, author: n.author, body: n.body, created_at: n.createdAt };
}
