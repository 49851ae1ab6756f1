/**
 * Knowledge-base tools: search and reading are open to anyone (the widget's
 * visitors ask before they sign in); editing is staff work.
 */
import { z } from 'zod';
import {
  articleDeletedSchema,
  articleSummarySchema,
  articleViewSchema,
  createArticle,
  deleteArticle,
  getArticle,
  listArticles,
  searchHitSchema,
  searchKnowledgeBase,
  updateArticle,
} from '../domain/knowledge';
import { numericId } from './ids';
import { defineTool, type AnyTool } from './registry';

const STAFF = ['staff', 'admin'] as const;

const articleId = numericId.describe('The numeric id of the article (from search_knowledge_base or list_kb_articles).');
const title = z.string().min(1).max(200);
const body = z.string().min(1).max(20000);
const category = z.string().min(1).max(60);
const slug = z.string().min(1).max(80);
const tags = z.array(z.string().min(1).max(40)).max(20);

const searchTool = defineTool({
  name: 'search_knowledge_base',
  title: 'Search the knowledge base',
  description:
    "Search the business's knowledge base (hours, prices and fees, policies, service areas, warranties, how-to tips). " +
    'Use it before answering any question about the business; do not guess. Returns the best-matching articles with a snippet. ' +
    'Answer only from what the articles say and cite the article titles you used, e.g. (source: "Business hours"). ' +
    'If the snippet is not enough, read the full article with get_kb_article.',
  category: 'knowledge',
  access: 'anyone',
  input: z.object({
    query: z.string().min(1).max(500).describe('The question or keywords in plain words, e.g. "are you open on saturday".'),
    limit: z.coerce.number().int().min(1).max(20).optional().describe('How many articles to return (default 5, at most 20).'),
  }),
  output: z.array(searchHitSchema),
  annotations: { readOnly: true, destructive: false, idempotent: true },
  example: { query: 'when are you open on saturday', limit: 3 },
  handler: (ctx, input) => searchKnowledgeBase(ctx, input),
});

const getTool = defineTool({
  name: 'get_kb_article',
  title: 'Read an article',
  description: 'Read one knowledge-base article in full. Cite its title when you answer from it.',
  category: 'knowledge',
  access: 'anyone',
  input: z.object({ article_id: articleId }),
  output: articleViewSchema,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  example: { article_id: 1 },
  handler: (ctx, input) => getArticle(ctx, input),
});

const listTool = defineTool({
  name: 'list_kb_articles',
  title: 'List articles',
  description: 'List knowledge-base article titles (no bodies), optionally of one category such as Policies or Billing.',
  category: 'knowledge',
  access: 'anyone',
  input: z.object({
    category: category.optional().describe('Only articles of this category (case-insensitive), e.g. "Policies".'),
  }),
  output: z.array(articleSummarySchema),
  annotations: { readOnly: true, destructive: false, idempotent: true },
  example: { category: 'Policies' },
  handler: (ctx, input) => listArticles(ctx, input),
});

const createTool = defineTool({
  name: 'create_kb_article',
  title: 'Create an article',
  description: 'Staff: publish a new knowledge-base article. It is searchable immediately. The slug must be unique.',
  category: 'knowledge',
  access: STAFF,
  input: z.object({
    title: title.describe('Article title; make it the question or topic a customer would search for.'),
    body: body.describe('The article text, plain prose, ideally 60–200 words.'),
    category: category.describe('Category, e.g. General, Policies, Billing, HVAC, Plumbing, Electrical.'),
    slug: slug.optional().describe('URL-safe unique id like "gift-cards"; derived from the title when omitted.'),
    tags: tags.optional().describe('Extra search keywords, e.g. ["gift", "voucher"].'),
    published: z.boolean().optional().describe('false saves a draft only staff can see (default true).'),
  }),
  output: articleViewSchema,
  annotations: { readOnly: false, destructive: false, idempotent: false },
  example: {
    title: 'Gift certificates',
    body: 'Gift certificates are available in any amount from $25 and never expire.',
    category: 'Billing',
    tags: ['gift', 'voucher'],
  },
  handler: (ctx, input) => createArticle(ctx, input),
});

const updateTool = defineTool({
  name: 'update_kb_article',
  title: 'Edit an article',
  description: 'Staff: change a knowledge-base article. Pass only the fields to change; the search index follows at once.',
  category: 'knowledge',
  access: STAFF,
  input: z.object({
    article_id: articleId,
    title: title.optional().describe('New title.'),
    body: body.optional().describe('New article text (replaces the old text).'),
    category: category.optional().describe('New category.'),
    slug: slug.optional().describe('New unique slug.'),
    tags: tags.optional().describe('New tag list (replaces the old tags).'),
    published: z.boolean().optional().describe('false hides the article from customers and search; true publishes it.'),
  }),
  output: articleViewSchema,
  annotations: { readOnly: false, destructive: true, idempotent: true },
  example: { article_id: 1, tags: ['hours', 'open', 'saturday'] },
  handler: (ctx, input) => updateArticle(ctx, input),
});

const deleteTool = defineTool({
  name: 'delete_kb_article',
  title: 'Delete an article',
  description: 'Staff: permanently delete a knowledge-base article. Consider update_kb_article with published=false instead.',
  category: 'knowledge',
  access: STAFF,
  input: z.object({ article_id: articleId }),
  output: articleDeletedSchema,
  annotations: { readOnly: false, destructive: true, idempotent: false },
  example: { article_id: 99 },
  handler: (ctx, input) => deleteArticle(ctx, input),
});

/** Knowledge-base tools, in the order surfaces offer them. */
export const knowledgeTools: AnyTool[] = [searchTool, getTool, listTool, createTool, updateTool, deleteTool];
