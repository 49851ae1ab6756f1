/**
 * The knowledge base: articles the agent answers from. Search goes through the
 * FTS5 index `kb_articles_fts` (kept in sync with `kb_articles` by triggers, see
 * migrations/0001_kb_fts.sql) with raw D1 because drizzle has no MATCH/bm25.
 * Anyone may read published articles; staff also see drafts and edit.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isStaff, requireRole } from '../auth/principal';
import { kbArticles } from '../db/schema';
import type { DomainContext } from './context';
import { epochMs } from './dates';
import { conflict, invalidInput, notFound } from './errors';

/** An article without its body, as lists show it. */
export const articleSummarySchema = z.object({
  id: z.int(),
  slug: z.string(),
  title: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  published: z.boolean().describe('false for a draft, which only staff see.'),
});
export type ArticleSummary = z.infer<typeof articleSummarySchema>;

export const articleViewSchema = articleSummarySchema.extend({
  body: z.string(),
  created_at: epochMs,
  updated_at: epochMs,
});
export type ArticleView = z.infer<typeof articleViewSchema>;

export const searchHitSchema = z.object({
  id: z.int(),
  slug: z.string(),
  title: z.string(),
  category: z.string(),
  snippet: z.string().describe('Best-matching passage of the body, matched terms wrapped in **.'),
  score: z.number().describe('Relevance; higher is better (negated bm25).'),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

/** What `deleteArticle` returns. */
export const articleDeletedSchema = z.object({ deleted: z.literal(true), article_id: z.int() });
export type ArticleDeleted = z.infer<typeof articleDeletedSchema>;

type ArticleRow = typeof kbArticles.$inferSelect;

const splitTags = (tags: string) => tags.split(/\s+/).filter(Boolean);
const summary = (a: ArticleRow): ArticleSummary => ({
  id: a.id,
  slug: a.slug,
  title: a.title,
  category: a.category,
  tags: splitTags(a.tags),
  published: a.published,
});
const toView = (a: ArticleRow): ArticleView => ({ ...summary(a), body: a.body, created_at: a.createdAt, updated_at: a.updatedAt });

// Words that match nearly every article and only blur the ranking. Dropped
// unless the query has nothing else.
const STOP_WORDS = new Set(
  ('a an and are as at be by can could do does for from have how i if in is it me my near not of on or our so than that the ' +
    'their then there this to us was we what when where which who why will with would you your')
    .split(' '),
);
const MAX_TERMS = 16;

/**
 * Turns free user text into a safe FTS5 query: every word becomes a quoted
 * string (so `AND`, `NEAR`, `-`, `*`, quotes and parentheses are just text),
 * joined with OR so partial matches still rank; the last word also matches
 * as a prefix, for half-typed input. Returns null when no word is left.
 * @example toFtsQuery(`what's your "price"? (AC)`) // '"price" OR "ac"'
 */
export function toFtsQuery(text: string): string | null {
  const words = text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  // Single letters (the "s" of "what's") carry no meaning unless they are digits.
  const unique = [...new Set(words.filter((w) => (w.length > 1 || /\d/.test(w)) && w.length <= 40))];
  const meaningful = unique.filter((w) => !STOP_WORDS.has(w));
  const terms = (meaningful.length > 0 ? meaningful : unique).slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  return terms.map((t, i) => (i === terms.length - 1 && t.length >= 3 ? `"${t}"*` : `"${t}"`)).join(' OR ');
}

// Column weights for bm25(title, body, tags): a title hit counts most.
const SEARCH_SQL = `
  SELECT a.id, a.slug, a.title, a.category,
         snippet(kb_articles_fts, 1, '**', '**', '…', 24) AS snippet,
         bm25(kb_articles_fts, 10.0, 1.0, 4.0) AS rank
    FROM kb_articles_fts
    JOIN kb_articles a ON a.id = kb_articles_fts.rowid
   WHERE kb_articles_fts MATCH ?1 AND a.published = 1
   ORDER BY rank, a.id
   LIMIT ?2`;

/**
 * Full-text search over published articles, best match first.
 * @example await searchKnowledgeBase(ctx, { query: 'when are you open on saturday' });
 */
export async function searchKnowledgeBase(ctx: DomainContext, input: { query: string; limit?: number }): Promise<SearchHit[]> {
  const match = toFtsQuery(input.query);
  if (!match) throw invalidInput('The search query needs at least one word', { query: input.query });
  const limit = Math.min(Math.max(input.limit ?? 5, 1), 20);
  const { results } = await ctx.d1
    .prepare(SEARCH_SQL)
    .bind(match, limit)
    .all<{ id: number; slug: string; title: string; category: string; snippet: string; rank: number }>();
  return results.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    category: r.category,
    snippet: r.snippet,
    score: Math.round(-r.rank * 1000) / 1000,
  }));
}

/**
 * One article by id. Drafts (unpublished) exist only for staff.
 * @example await getArticle(ctx, { article_id: 1 });
 */
export async function getArticle(ctx: DomainContext, input: { article_id: number }): Promise<ArticleView> {
  const row = await ctx.db.select().from(kbArticles).where(eq(kbArticles.id, input.article_id)).get();
  if (!row || (!row.published && !isStaff(ctx.actor))) throw notFound(`Article ${input.article_id}`);
  return toView(row);
}

/**
 * Article summaries (no body), by category then title; staff also see drafts.
 * @example await listArticles(ctx, { category: 'Policies' });
 */
export async function listArticles(ctx: DomainContext, input: { category?: string } = {}): Promise<ArticleSummary[]> {
  const rows = await ctx.db
    .select()
    .from(kbArticles)
    .where(input.category ? sql`lower(${kbArticles.category}) = ${input.category.trim().toLowerCase()}` : undefined)
    .orderBy(asc(kbArticles.category), asc(kbArticles.title));
  return rows.filter((r) => r.published || isStaff(ctx.actor)).map(summary);
}

/** `Frozen Pipes: what to do!` → `frozen-pipes-what-to-do`. */
export const slugify = (s: string) =>
  s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);

// Tags are stored space-separated (that is what the FTS index reads), so a
// multi-word tag becomes hyphenated.
const joinTags = (tags: string[]) => [...new Set(tags.map((t) => slugify(t)).filter(Boolean))].join(' ');

function nonEmpty(value: string, field: string): string {
  const v = value.trim();
  if (!v) throw invalidInput(`${field} must not be empty`, { [field]: value });
  return v;
}

function cleanSlug(slug: string): string {
  const s = slugify(slug);
  if (!s) throw invalidInput('slug must contain letters or digits', { slug });
  return s;
}

/** True for SQLite unique-constraint failures, however drizzle/D1 wrapped them. */
function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (String((e as Error).message ?? e).includes('UNIQUE constraint failed')) return true;
  }
  return false;
}

async function assertSlugFree(ctx: DomainContext, slug: string, exceptId?: number): Promise<void> {
  const clash = await ctx.db.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.slug, slug)).get();
  if (clash && clash.id !== exceptId) throw conflict(`An article with slug "${slug}" already exists`, { slug, article_id: clash.id });
}

export interface ArticleInput {
  title: string;
  body: string;
  category: string;
  /** Defaults to the slugified title. */
  slug?: string;
  tags?: string[];
  published?: boolean;
}

/**
 * Creates an article (indexed for search at once by trigger). Staff/admin only.
 * @example await createArticle(ctx, { title: 'Gift cards', category: 'Billing', body: '…', tags: ['gift'] });
 */
export async function createArticle(ctx: DomainContext, input: ArticleInput): Promise<ArticleView> {
  requireRole(ctx.actor, 'staff', 'admin');
  const title = nonEmpty(input.title, 'title');
  const slug = cleanSlug(input.slug ?? title);
  await assertSlugFree(ctx, slug);
  const now = ctx.now();
  try {
    const row = await ctx.db
      .insert(kbArticles)
      .values({
        slug,
        title,
        body: nonEmpty(input.body, 'body'),
        category: nonEmpty(input.category, 'category'),
        tags: joinTags(input.tags ?? []),
        published: input.published ?? true,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    return toView(row);
  } catch (err) {
    // A concurrent create can take the slug between the check and the insert.
    if (isUniqueViolation(err)) throw conflict(`An article with slug "${slug}" already exists`, { slug });
    throw err;
  }
}

/**
 * Changes fields of an article; the search index follows by trigger. Staff/admin only.
 * @example await updateArticle(ctx, { article_id: 3, body: 'New text…' });
 */
export async function updateArticle(
  ctx: DomainContext,
  input: Partial<ArticleInput> & { article_id: number },
): Promise<ArticleView> {
  requireRole(ctx.actor, 'staff', 'admin');
  const { article_id, ...fields } = input;
  if (Object.values(fields).every((v) => v === undefined)) {
    throw invalidInput('Nothing to update: pass at least one of title, body, category, slug, tags, published');
  }
  const set: Partial<typeof kbArticles.$inferInsert> = { updatedAt: ctx.now() };
  if (fields.title !== undefined) set.title = nonEmpty(fields.title, 'title');
  if (fields.body !== undefined) set.body = nonEmpty(fields.body, 'body');
  if (fields.category !== undefined) set.category = nonEmpty(fields.category, 'category');
  if (fields.tags !== undefined) set.tags = joinTags(fields.tags);
  if (fields.published !== undefined) set.published = fields.published;
  if (fields.slug !== undefined) {
    set.slug = cleanSlug(fields.slug);
    await assertSlugFree(ctx, set.slug, article_id);
  }
  try {
    const row = await ctx.db.update(kbArticles).set(set).where(eq(kbArticles.id, article_id)).returning().get();
    if (!row) throw notFound(`Article ${article_id}`);
    return toView(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`An article with slug "${set.slug}" already exists`, { slug: set.slug });
    throw err;
  }
}

/**
 * Deletes an article and (by trigger) its search entry. Staff/admin only.
 * @example await deleteArticle(ctx, { article_id: 3 }); // { deleted: true, article_id: 3 }
 */
export async function deleteArticle(ctx: DomainContext, input: { article_id: number }): Promise<ArticleDeleted> {
  requireRole(ctx.actor, 'staff', 'admin');
  const row = await ctx.db.delete(kbArticles).where(eq(kbArticles.id, input.article_id)).returning({ id: kbArticles.id }).get();
  if (!row) throw notFound(`Article ${input.article_id}`);
  return { deleted: true, article_id: row.id };
}
