/**
 * The service catalog: what the business offers, for how long and at what price.
 * Readable by anyone (visitors ask "what do you do?" before signing in).
 */
import { and, asc, eq, or, sql, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import { services } from '../db/schema';
import type { DomainContext } from './context';
import { DomainError, invalidInput } from './errors';
import { serviceViewSchema, type ServiceView } from '../protocol/business';

export { serviceViewSchema, type ServiceView };

export type ServiceRow = typeof services.$inferSelect;

/** What `listServices` returns: the matching services and every category name. */
export const serviceListSchema = z.object({
  services: z.array(serviceViewSchema),
  categories: z.array(z.string()).describe('Every category of the catalog, whatever the filter.'),
});
export type ServiceList = z.infer<typeof serviceListSchema>;

export const toServiceView = (s: ServiceRow): ServiceView => ({
  id: s.id,
  slug: s.slug,
  name: s.name,
  category: s.category,
  description: s.description,
  duration_minutes: s.durationMinutes,
  price_cents: s.priceCents,
});

/** Longest free-text `query` of `listServices`, in characters (the tool's schema states it). */
export const MAX_SERVICE_QUERY = 100;

/**
 * Whether `column` contains `text`, ignoring ASCII case (as LIKE did). `instr` rather than LIKE:
 * SQLite refuses LIKE patterns over 50 bytes (SQLITE_LIMIT_LIKE_PATTERN_LENGTH on D1), which made a
 * 49-character query a 500, and `%`, `_` and `\` need no escaping because nothing is a wildcard.
 */
const contains = (column: SQLWrapper, text: string) => sql`instr(lower(${column}), lower(${text})) > 0`;

/**
 * Active services, optionally narrowed by category (case-insensitive, exact)
 * and by a free-text query matched against slug, name and description.
 * `categories` always lists every category, so a caller whose filter matched
 * nothing learns what it could have asked for.
 * @example const { services } = await listServices(ctx, { category: 'plumbing', query: 'drain' });
 */
export async function listServices(
  ctx: DomainContext,
  input: { category?: string; query?: string } = {},
): Promise<ServiceList> {
  const category = input.category?.trim();
  const query = input.query?.trim();
  // One round trip for both reads.
  const [rows, categories] = await ctx.db.batch([
    ctx.db
      .select()
      .from(services)
      .where(
        and(
          eq(services.active, true),
          category ? sql`lower(${services.category}) = lower(${category})` : undefined,
          query
            ? or(contains(services.slug, query), contains(services.name, query), contains(services.description, query))
            : undefined,
        ),
      )
      .orderBy(asc(services.category), asc(services.name)),
    ctx.db.selectDistinct({ category: services.category }).from(services).where(eq(services.active, true)).orderBy(asc(services.category)),
  ]);
  return { services: rows.map(toServiceView), categories: categories.map((c) => c.category) };
}

/**
 * One active service by slug (`drain-cleaning`) or numeric id (`5` or `'5'`).
 * Throws `not_found` for unknown or retired services.
 * @example const service = await getServiceBySlugOrId(ctx, 'drain-cleaning');
 */
export async function getServiceBySlugOrId(ctx: DomainContext, ref: string | number): Promise<ServiceRow> {
  return activeService((await serviceQuery(ctx, ref))[0], ref);
}

/** The read of one service by id (digits) or slug, for a batch (calendar.ts) or alone. */
export function serviceQuery(ctx: DomainContext, ref: string | number) {
  const text = String(ref).trim();
  if (!text) throw invalidInput('A service (slug or id) is required');
  const byId = /^\d+$/.test(text);
  return ctx.db
    .select()
    .from(services)
    .where(byId ? eq(services.id, Number(text)) : eq(services.slug, text.toLowerCase()))
    .limit(1);
}

/** The row, or `not_found` when there is none or it is retired. */
export function activeService(row: ServiceRow | undefined, ref: string | number): ServiceRow {
  if (!row || !row.active) throw new DomainError('not_found', `Service '${String(ref).trim()}' not found; list_services shows the catalog`);
  return row;
}
