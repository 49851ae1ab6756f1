/**
 * The support team (`staff_members`): who takes tickets, and whether they are available for new ones.
 * Staff exist as token subjects; the seed names the team, and a staff member who sets their own
 * availability is added under their token's subject and name. Only staff read or change it, and each
 * changes only their own flag (identity from the token, never from input).
 */
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireRole } from '../auth/principal';
import { staffMembers } from '../db/schema';
import type { DomainContext } from './context';
import { invalidInput } from './errors';

export const staffMemberViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  available: z.boolean(),
  /** Open or pending tickets assigned to them. */
  open_tickets: z.int(),
});
export type StaffMemberView = z.infer<typeof staffMemberViewSchema>;

// Written out in full: inside a subquery, drizzle's unqualified column names would bind to the inner table.
const openTickets = sql<number>`(SELECT count(*) FROM tickets t WHERE t.assignee = "staff_members"."id" AND t.status IN ('open', 'pending'))`;

const columns = { id: staffMembers.id, name: staffMembers.name, available: staffMembers.available, open_tickets: openTickets };

/**
 * The team, by id, with availability and open workload.
 * @example await listStaff(staffCtx) // [{ id: 'alice', name: 'Alice Staff', available: true, open_tickets: 2 }, …]
 */
export async function listStaff(ctx: DomainContext): Promise<StaffMemberView[]> {
  requireRole(ctx.actor, 'staff', 'admin');
  return ctx.db.select(columns).from(staffMembers).orderBy(asc(staffMembers.id));
}

/**
 * Marks the caller available (they get tickets round-robin) or not; adds them to the team on first use.
 * @example await setMyAvailability(staffCtx, { available: false });
 */
export async function setMyAvailability(ctx: DomainContext, input: { available: boolean }): Promise<StaffMemberView> {
  const user = requireRole(ctx.actor, 'staff', 'admin');
  const now = ctx.now();
  await ctx.db
    .insert(staffMembers)
    .values({ id: user.subject, name: user.name?.trim() || user.subject, available: input.available, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: staffMembers.id, set: { available: input.available, updatedAt: now } })
    .run();
  const row = await ctx.db.select(columns).from(staffMembers).where(eq(staffMembers.id, user.subject)).get();
  if (!row) throw new Error(`staff member ${user.subject} missing after upsert`);
  return row;
}

/** `id` if it names a staff member, else a 400 naming the team: tickets are assigned to people who exist. */
export async function requireStaffMember(ctx: DomainContext, id: string): Promise<string> {
  const row = await ctx.db.select({ id: staffMembers.id }).from(staffMembers).where(eq(staffMembers.id, id)).get();
  if (row) return row.id;
  const team = await ctx.db.select({ id: staffMembers.id }).from(staffMembers).orderBy(asc(staffMembers.id));
  throw invalidInput(`No staff member "${id}"; assign one of: ${team.map((m) => m.id).join(', ')}`, { assignee: id });
}

/**
 * The SQL expression of the next assignee, round-robin among available staff: the one whose latest
 * ticket is oldest (or who has none), ties by id. Used inside the ticket's INSERT itself, so each
 * insert sees every earlier one and concurrent opens cannot pick alike (D1 runs statements one at a
 * time); NULL (unassigned) when nobody is available.
 */
export const NEXT_ASSIGNEE_SQL = `(SELECT s.id FROM staff_members s WHERE s.available = 1
  ORDER BY coalesce((SELECT max(t.id) FROM tickets t WHERE t.assignee = s.id), 0), s.id LIMIT 1)`;
