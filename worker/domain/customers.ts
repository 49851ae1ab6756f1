/**
 * The customer row a booking belongs to. A signed-in customer's row is keyed by
 * the token subject, so what they book is always theirs. Staff booking for a
 * phone-in caller are matched by email, then phone, but only against rows staff
 * made (no subject), so repeat callers keep one history and a detail someone
 * typed into their own session is never a key to what staff book.
 */
import { requireRole } from '../auth/principal';
import type { DomainContext } from './context';
import { invalidInput } from './errors';
import { requireE164 } from './phones';

export interface BookingContactInput {
  customer_name: string;
  phone: string;
  email?: string | undefined;
  address: string;
}

/**
 * Creates or refreshes the customer for a booking and returns its id. The phone is
 * kept as typed and in E.164 (`phone_e164`, indexed), which is what matching compares.
 * Customers: one UPSERT on `subject` (atomic under concurrent bookings), and
 * their own row's details follow what they typed last. Staff/admin: the first
 * row with no subject (one staff made) with the same email, else the same phone,
 * is refreshed; otherwise a new row with no subject is inserted. A row owned by
 * a token subject is never matched nor overwritten here: its details were typed
 * by whoever holds that token, so they prove nothing about who is calling.
 * @example const customerId = await resolveBookingCustomer(ctx, { customer_name: 'Ann', phone: '312-555-0100', address: '1 Main St' });
 */
export async function resolveBookingCustomer(ctx: DomainContext, input: BookingContactInput): Promise<number> {
  const actor = requireRole(ctx.actor, 'customer', 'staff', 'admin');
  const name = input.customer_name.trim();
  const phone = input.phone.trim();
  const address = input.address.trim();
  if (!name) throw invalidInput('customer_name is required');
  const phoneE164 = requireE164(phone);
  if (!address) throw invalidInput('address is required');
  const now = ctx.now();

  if (actor.role === 'customer') {
    const email = input.email?.trim() || actor.email || null;
    const row = await ctx.d1
      .prepare(
        `INSERT INTO customers (subject, name, email, phone, phone_e164, address, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?7, ?5, ?6, ?6)
         ON CONFLICT(subject) DO UPDATE SET name = excluded.name, email = coalesce(excluded.email, customers.email),
           phone = excluded.phone, phone_e164 = excluded.phone_e164, address = excluded.address, updated_at = excluded.updated_at
         RETURNING id`,
      )
      .bind(actor.subject, name, email, phone, address, now, phoneE164)
      .first<{ id: number }>();
    if (!row) throw new Error('customer upsert returned no row');
    return row.id;
  }

  const email = input.email?.trim() || null;
  const match =
    (email
      ? await ctx.d1
          .prepare('SELECT id FROM customers WHERE subject IS NULL AND lower(email) = lower(?1) ORDER BY id LIMIT 1')
          .bind(email)
          .first<{ id: number }>()
      : null) ??
    (await ctx.d1
      .prepare('SELECT id FROM customers WHERE subject IS NULL AND phone_e164 = ?1 ORDER BY id LIMIT 1')
      .bind(phoneE164)
      .first<{ id: number }>());
  if (match) {
    // `subject IS NULL` again: the row cannot have been claimed since, but an owned row is never written here.
    await ctx.d1
      .prepare(
        'UPDATE customers SET name = ?2, email = coalesce(?3, email), phone = ?4, phone_e164 = ?7, address = ?5, updated_at = ?6 WHERE id = ?1 AND subject IS NULL',
      )
      .bind(match.id, name, email, phone, address, now, phoneE164)
      .run();
    return match.id;
  }
  const row = await ctx.d1
    .prepare(
      'INSERT INTO customers (subject, name, email, phone, phone_e164, address, created_at, updated_at) VALUES (NULL, ?1, ?2, ?3, ?6, ?4, ?5, ?5) RETURNING id',
    )
    .bind(name, email, phone, address, now, phoneE164)
    .first<{ id: number }>();
  if (!row) throw new Error('customer insert returned no row');
  return row.id;
}
