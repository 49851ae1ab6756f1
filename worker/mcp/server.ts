/**
 * The MCP server one caller sees: the registry tools they may use, the
 * knowledge base as resources, and a booking-assistant prompt. A fresh server
 * is built per request (the transport is stateless), bound to the caller's
 * principal, so nothing of one caller can leak into another's listing.
 */
import { McpServer, ResourceNotFoundError, ResourceTemplate, type GetPromptResult } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { systemPrompt } from '../agent/prompt';
import type { UserPrincipal } from '../auth/principal';
import { loadPromptCalendar } from '../domain/business-calendar';
import { createContext, type ContextEnv, type DomainContext } from '../domain/context';
import { DomainError } from '../domain/errors';
import { getArticle, listArticles } from '../domain/knowledge';
import { TOOLS } from '../tools/catalog';
import { parseDecimalId } from '../tools/ids';
import { selectTools, type AnyTool } from '../tools/registry';
import { registerRegistryTools } from './tools';

/** What the MCP server needs from the Worker's bindings. */
export interface McpEnv extends ContextEnv {
  BUSINESS_NAME: string;
}

/** Name and version clients show for this server. */
export const MCP_SERVER_INFO = { name: 'switchboard', version: '0.1.0' } as const;

const ARTICLE_URI = 'kb://articles/{id}';
const articleUri = (id: number) => `kb://articles/${id}`;

/** The tools `principal` is offered over MCP: exactly what the registry lets them call. */
export const mcpToolsFor = (principal: UserPrincipal): AnyTool[] => selectTools(TOOLS, principal);

function registerKnowledgeResources(server: McpServer, ctx: DomainContext): void {
  // One template covers every article; its list callback is what `resources/list` shows,
  // already filtered by the domain layer (customers never see drafts).
  const template = new ResourceTemplate(ARTICLE_URI, {
    list: async () => ({
      resources: (await listArticles(ctx)).map((a) => ({
        uri: articleUri(a.id),
        name: a.slug,
        title: a.title,
        description: `${a.category} article${a.tags.length ? ` (tags: ${a.tags.join(', ')})` : ''}`,
        mimeType: 'text/markdown',
      })),
    }),
  });
  server.registerResource(
    'kb-article',
    template,
    { title: 'Knowledge-base article', description: 'Hours, prices, policies and FAQs of the business, as Markdown.', mimeType: 'text/markdown' },
    async (uri, variables) => {
      // Plain decimal only, as on every other surface: kb://articles/0x10 is not article 16.
      const id = typeof variables.id === 'string' ? parseDecimalId(variables.id) : null;
      if (id === null) throw new ResourceNotFoundError(uri.href, `No article at ${uri.href}`);
      try {
        const article = await getArticle(ctx, { article_id: id });
        return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: `# ${article.title}\n\n${article.body}\n` }] };
      } catch (err) {
        // A draft is "not found" for customers, exactly as the REST and chat surfaces say.
        if (err instanceof DomainError && err.code === 'not_found') throw new ResourceNotFoundError(uri.href, `No article at ${uri.href}`);
        throw err;
      }
    },
  );
}

const bookingPromptArgs = z.object({
  service: z.string().max(80).optional().describe("What needs doing, or a service slug such as 'drain-cleaning'."),
  date: z.string().max(40).optional().describe('When the customer would like the visit, e.g. 2030-07-09 or "next Tuesday morning".'),
});

function registerBookingPrompt(server: McpServer, env: McpEnv, ctx: DomainContext, principal: UserPrincipal): void {
  server.registerPrompt(
    'booking-assistant',
    {
      title: 'Book a service visit',
      description: "Act as the business's front desk and book a visit with the tools: find the service, offer open times, confirm, book.",
      argsSchema: bookingPromptArgs,
    },
    async ({ service, date }): Promise<GetPromptResult> => {
      // The chat agent's own system prompt, so house rules (confirm before booking, cite sources) and the
      // opening hours (the calendar's data) live in one place.
      const calendar = await loadPromptCalendar(ctx).catch(() => undefined);
      const rules = systemPrompt({
        businessName: env.BUSINESS_NAME,
        timeZone: ctx.timeZone,
        now: ctx.now(),
        ...(principal.role === 'customer' && principal.name ? { customerName: principal.name } : {}),
        ...(calendar ? { calendar } : {}),
      });
      const ask = [
        'Help me book a service visit.',
        service ? `What I need: ${service}.` : 'Ask me what I need if it is not clear.',
        date ? `When I would like it: ${date}.` : 'Ask me which day suits me.',
        'Start with list_services, then check_availability, offer two or three times, and call create_booking only after I confirm.',
      ].join(' ');
      return {
        description: `Booking assistant for ${env.BUSINESS_NAME}`,
        messages: [{ role: 'user', content: { type: 'text', text: `${rules}\n\n${ask}` } }],
      };
    },
  );
}

/**
 * Builds the server for one request by `principal`.
 * @example const server = buildMcpServer(env, { kind: 'user', subject: 'alice', role: 'staff' });
 */
export function buildMcpServer(env: McpEnv, principal: UserPrincipal): McpServer {
  const ctx = createContext(env, principal);
  const server = new McpServer(MCP_SERVER_INFO, {
    // Stateless: a server lives for one request, so it can never send a list_changed notification.
    // Without these the SDK advertises listChanged: true as it registers tools, resources and prompts.
    capabilities: { tools: { listChanged: false }, resources: { listChanged: false }, prompts: { listChanged: false } },
    instructions:
      `Tools, knowledge base and booking of ${env.BUSINESS_NAME}. You act as ${principal.subject} (${principal.role}); ` +
      'what you may see and change is decided by that role. Times are in the business time zone ' +
      `${env.BUSINESS_TIMEZONE}. Tool failures come back as isError results with a code such as not_found or conflict.`,
  });
  registerRegistryTools(server, mcpToolsFor(principal), ctx);
  registerKnowledgeResources(server, ctx);
  registerBookingPrompt(server, env, ctx, principal);
  return server;
}
