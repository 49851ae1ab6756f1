/**
 * The one tool registry's machinery: how a tool is declared, who may call it,
 * and how a call is validated, executed, audited and turned into a result a
 * model can read. The tool list itself is in ./catalog.ts; the adapters that
 * turn it into OpenAI, realtime, MCP and REST shapes live beside this file.
 */
import { z } from 'zod';
import { audienceOf, type Audience, type Principal } from '../auth/principal';
import type { AuditRow, DomainContext } from '../domain/context';
import { DomainError, type ErrorCode } from '../domain/errors';
import { log } from '../lib/log';
import type { Failure, Result } from '../lib/result';

export const TOOL_CATEGORIES = ['catalog', 'knowledge', 'scheduling', 'bookings', 'tasks', 'tickets', 'support', 'business'] as const;
export type ToolCategory = (typeof TOOL_CATEGORIES)[number];

/** Who may call a tool. `anyone` includes anonymous callers. */
export type ToolAccess = 'anyone' | readonly Exclude<Audience, 'anonymous'>[];

export interface ToolDefinition<Input extends z.ZodType = z.ZodType, Output extends z.ZodType = z.ZodType> {
  /** snake_case, unique across the registry. */
  name: string;
  /** A short human name for clients' tool lists (MCP `title`), e.g. "Book a visit". */
  title: string;
  /**
   * Written for a model: what it does, when to use it, what it returns. Shown to everyone the tool is
   * offered to, so it names no staff-only ability; input fields whose description starts with
   * "Staff only:" are left out of the schema customers see (MCP).
   */
  description: string;
  /** The description staff and admins see instead, when they may do more with the tool than customers. */
  staffDescription?: string;
  category: ToolCategory;
  input: Input;
  /**
   * The shape of the handler's data, exactly as returned (written from the
   * domain's view schemas, so the handler's return type is checked against it).
   * MCP advertises it as the tool's `outputSchema`; see `structuredOutputSchema`.
   */
  output?: Output;
  access: ToolAccess;
  /** Honest hints for MCP clients and for the agent's confirmation policy. */
  annotations: { readOnly: boolean; destructive: boolean; idempotent: boolean };
  /** A valid input, used by tests to prove the schema round-trips. */
  example: z.input<Input>;
  /** Calls the domain layer. Identity comes from `ctx.actor`, never from `input`. */
  handler(ctx: DomainContext, input: z.output<Input>): Promise<z.output<Output>>;
}

// The registry holds tools of many input types; `any` here only erases the generic.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTool = ToolDefinition<any, any>;

/** Declares a tool, keeping its input type tied to its handler, and its handler's result to its output schema. */
export const defineTool = <Input extends z.ZodType, Output extends z.ZodType>(tool: ToolDefinition<Input, Output>) => tool;

export type ToolError = Failure<ErrorCode>;
/** What a tool call answers: the one `Result` type (worker/lib/result.ts). */
export type ToolResult<T = unknown> = Result<T>;

/** Which surface made a call; recorded in the audit log. */
export type Surface = 'rest' | 'chat' | 'voice' | 'mcp';

export function mayCall(tool: AnyTool, principal: Principal): boolean {
  if (tool.access === 'anyone') return true;
  const audience = audienceOf(principal);
  return audience !== 'anonymous' && tool.access.includes(audience);
}

/** Field errors from zod, as `{ path: message }`, for a 400 or a model to read. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[issue.path.join('.') || '(root)'] ??= issue.message;
  return out;
}

async function digest(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(value) ?? 'undefined');
  const hash = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(hash).slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Records the call in audit_log: through the context's sink when it has one (a chat session's outbox,
 * written after the reply), otherwise one D1 insert before the result is returned.
 */
async function audit(ctx: DomainContext, surface: Surface, tool: string, args: unknown, outcome: string, durationMs: number) {
  const actor = ctx.actor;
  const row: AuditRow = {
    subject: actor.kind === 'user' ? actor.subject : 'anonymous',
    role: audienceOf(actor),
    surface,
    tool,
    argsDigest: await digest(args),
    outcome,
    durationMs: Math.round(durationMs),
    requestId: ctx.requestId ?? null,
  };
  try {
    if (ctx.audit) return ctx.audit(row);
    await ctx.d1
      .prepare(
        'INSERT INTO audit_log (subject, role, surface, tool, args_digest, outcome, duration_ms, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .bind(row.subject, row.role, row.surface, row.tool, row.argsDigest, row.outcome, row.durationMs, row.requestId)
      .run();
  } catch (err) {
    // An audit write must not turn a done booking into a failure; it is logged instead.
    log.error('audit_write_failed', { tool, request_id: ctx.requestId, error: String(err) });
  }
}

/**
 * Validates, authorizes and runs one tool call. Never throws: every failure is
 * a `{ ok: false, error }` result that a model (or a REST client) can read.
 * @example const result = await executeTool(findTool('list_services')!, ctx, {}, 'chat');
 */
export async function executeTool(tool: AnyTool, ctx: DomainContext, rawInput: unknown, surface: Surface): Promise<ToolResult> {
  const started = performance.now();
  let result: ToolResult;
  if (!mayCall(tool, ctx.actor)) {
    result =
      ctx.actor.kind === 'anonymous'
        ? { ok: false, error: { code: 'unauthorized', message: `Sign-in required to use ${tool.name}` } }
        : { ok: false, error: { code: 'forbidden', message: `Your role may not use ${tool.name}` } };
  } else {
    const parsed = tool.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      result = {
        ok: false,
        error: { code: 'invalid_input', message: `Invalid arguments for ${tool.name}`, details: fieldErrors(parsed.error) },
      };
    } else {
      try {
        result = { ok: true, data: await tool.handler(ctx, parsed.data) };
      } catch (err) {
        if (err instanceof DomainError) {
          result = { ok: false, error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
        } else {
          log.error('tool_failed', { tool: tool.name, request_id: ctx.requestId, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
          result = { ok: false, error: { code: 'internal', message: 'The tool failed unexpectedly; try again or ask for a human' } };
        }
      }
    }
  }
  await audit(ctx, surface, tool.name, rawInput, result.ok ? 'ok' : result.error.code, performance.now() - started);
  return result;
}

export interface ToolFilter {
  categories?: readonly ToolCategory[];
  exclude?: readonly string[];
  /** Keep at most this many (in registry order). */
  max?: number;
}

/** The tools `principal` may call, narrowed by `filter`: what a surface offers. */
export function selectTools(tools: readonly AnyTool[], principal: Principal, filter: ToolFilter = {}): AnyTool[] {
  const picked = tools.filter(
    (t) =>
      mayCall(t, principal) &&
      (!filter.categories || filter.categories.includes(t.category)) &&
      !filter.exclude?.includes(t.name),
  );
  return filter.max === undefined ? picked : picked.slice(0, filter.max);
}

const schemaCache = new WeakMap<AnyTool, Record<string, unknown>>();

/** The JSON Schema of a tool's input, from zod's own converter (computed once per tool: it is on every turn's path). */
export function inputJsonSchema(tool: AnyTool): Record<string, unknown> {
  let schema = schemaCache.get(tool);
  if (!schema) {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    schema = rest;
    schemaCache.set(tool, schema);
  }
  return schema;
}
