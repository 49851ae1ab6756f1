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

export interface BookingContactInput {
  customer_name: string;
  phone: string;
  email?: string | undefined;
  address: string;
}

/** Digits only, so `(312) 555-0100` and `312.555.0100` are the same phone. */
export const phoneDigits = (phone: string) => phone.replace(/\D/g, '');

/**
 * The phone as a comparison key: its digits, with the US/Canada country code of
 * an 11-digit number dropped, so `+1 312 555 0100` and `312-555-0100` agree.
 * What limits count by and booking look-ups compare (never a key to records).
 * @example phoneKey('+1 (312) 555-0100') // '3125550100'
 */
export function phoneKey(phone: string): string {
  const digits = phoneDigits(phone);
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

// The same normalisation in SQL, for matching rows saved in any format.
const PHONE_DIGITS_SQL =
  "replace(replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')";

/**
 * Creates or refreshes the customer for a booking and returns its id.
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
  if (phoneDigits(phone).length < 7) throw invalidInput('phone must be a phone number with at least 7 digits');
  if (!address) throw invalidInput('address is required');
  const now = ctx.now();

  if (actor.role === 'customer') {
    const email = input.email?.trim() || actor.email || null;
    const row = await ctx.d1
      .prepare(
        `INSERT INTO customers (subject, name, email, phone, address, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
         ON CONFLICT(subject) DO UPDATE SET name = excluded.name, email = coalesce(excluded.email, customers.email),
           phone = excluded.phone, address = excluded.address, updated_at = excluded.updated_at
         RETURNING id`,
      )
      .bind(actor.subject, name, email, phone, address, now)
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
      .prepare(`SELECT id FROM customers WHERE subject IS NULL AND ${PHONE_DIGITS_SQL} IN (?1, ?2) ORDER BY id LIMIT 1`)
      .bind(phoneKey(phone), `1${phoneKey(phone)}`)
      .first<{ id: number }>());
  if (match) {
    // `subject IS NULL` again: the row cannot have been claimed since, but an owned row is never written here.
    await ctx.d1
      .prepare(
        'UPDATE customers SET name = ?2, email = coalesce(?3, email), phone = ?4, address = ?5, updated_at = ?6 WHERE id = ?1 AND subject IS NULL',
      )
      .bind(match.id, name, email, phone, address, now)
      .run();
    return match.id;
  }
  const row = await ctx.d1
    .prepare(
      'INSERT INTO customers (subject, name, email, phone, address, created_at, updated_at) VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?5) RETURNING id',
    )
    .bind(name, email, phone, address, now)
    .first<{ id: number }>();
  if (!row) throw new Error('customer insert returned no row');
  return row.id;
}
