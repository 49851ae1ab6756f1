/**
 * The registry's tools as MCP tools: a thin adapter, so a tool is defined once
 * (worker/tools/) and MCP only changes its shape. Validation, permission
 * checks, execution and the audit row all stay in `executeTool`.
 */
import type { CallToolResult, McpServer, StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { DomainContext } from '../domain/context';
import { executeTool, type AnyTool, type ToolResult } from '../tools/registry';
import { audienceFor, descriptionFor, jsonSchemaOf, toolInputJsonSchema, type ToolAudience } from '../tools/schemas';

/**
 * A tool's input schema for the SDK: the JSON Schema clients see is zod's own
 * (`toolInputJsonSchema`: the caller's audience, as on chat and voice), while validation is left to `executeTool`. Letting
 * the SDK parse first would answer bad arguments with its own text and skip the
 * audit log; this way a bad call gets the registry's `invalid_input` code with
 * field errors, and is audited like any other call on any surface.
 */
export function registryInputSchema(tool: AnyTool, audience: ToolAudience): StandardSchemaWithJSON<unknown, unknown> {
  const schema = () => toolInputJsonSchema(tool, audience);
  return {
    '~standard': {
      version: 1,
      vendor: 'switchboard-registry',
      validate: (value: unknown) => ({ value }),
      jsonSchema: { input: schema, output: schema },
    },
  };
}

/**
 * `structuredContent` must be a JSON object, so an array goes out as
 * `{ results: [...] }` and any other non-object as `{ result }`; an object
 * goes out as it is. This table is the one place that rule lives: the data
 * (`toStructuredContent`) and the advertised schema (`structuredOutputSchema`)
 * are both wrapped by it, so what `tools/list` promises is what `tools/call` sends.
 */
const WRAP_KEY = { array: 'results', object: null, other: 'result' } as const;
type JsonKind = keyof typeof WRAP_KEY;

const kindOfValue = (data: unknown): JsonKind =>
  Array.isArray(data) ? 'array' : typeof data === 'object' && data !== null ? 'object' : 'other';
// A tool's `output` is a z.object or z.array (test/registry.test.ts checks), so its def type says what its data will be.
const kindOfSchema = (schema: z.ZodType): JsonKind => {
  const type = schema.def.type;
  return type === 'array' ? 'array' : type === 'object' ? 'object' : 'other';
};

/** A tool's data as `structuredContent` (see `WRAP_KEY`). */
export function toStructuredContent(data: unknown): Record<string, unknown> {
  const key = WRAP_KEY[kindOfValue(data)];
  return key === null ? (data as Record<string, unknown>) : { [key]: data ?? null };
}

/** The zod schema of a tool's `structuredContent`: its `output`, wrapped like its data. Undefined for a tool without one. */
export function structuredOutputSchema(tool: AnyTool): z.ZodType | undefined {
  const output = tool.output as z.ZodType | undefined;
  if (!output) return undefined;
  const key = WRAP_KEY[kindOfSchema(output)];
  return key === null ? output : z.object({ [key]: output });
}

const outputJsonCache = new WeakMap<AnyTool, Record<string, unknown>>();

/**
 * The `outputSchema` clients see: JSON Schema of `structuredOutputSchema`,
 * converted once per tool. zod's `io: 'output'` would close every object with
 * `additionalProperties: false`; converting as input leaves that out, so the
 * JSON Schema a client checks accepts exactly what the SDK's zod check on the
 * server accepts (a field added later cannot pass one and fail the other).
 * That a result carries no undeclared field is the drift test's job
 * (test/registry.test.ts), not the client's.
 */
export function outputJsonSchema(tool: AnyTool): Record<string, unknown> | undefined {
  const schema = structuredOutputSchema(tool);
  if (!schema) return undefined;
  let json = outputJsonCache.get(tool);
  if (!json) {
    json = jsonSchemaOf(schema);
    outputJsonCache.set(tool, json);
  }
  return json;
}

/**
 * A tool's output schema for the SDK: it lists `outputJsonSchema` in
 * `tools/list` and, before sending a successful result, checks
 * `structuredContent` with the same zod schema (a mismatch becomes an error
 * result rather than data that breaks the declared contract). The SDK skips
 * this check for `isError` results.
 */
export function registryOutputSchema(tool: AnyTool): StandardSchemaWithJSON<unknown, unknown> | undefined {
  const schema = structuredOutputSchema(tool);
  if (!schema) return undefined;
  const json = () => outputJsonSchema(tool)!;
  return {
    '~standard': {
      version: 1,
      vendor: 'switchboard-registry',
      validate: (value: unknown) => schema['~standard'].validate(value),
      jsonSchema: { input: json, output: json },
    },
  };
}

/**
 * A registry result as an MCP tool result. Data goes out twice: structured,
 * and as JSON text for clients that only read `content` (the spec asks for
 * both). A failure is an `isError` result (not a protocol error) so the model
 * reads the code and can correct itself; it carries the error as text only
 * (`code: message`, then details as JSON). No `structuredContent` on errors:
 * the v1 TypeScript SDK client (1.32) checks any `structuredContent` against
 * the tool's `outputSchema` even when `isError` is set, so an `{ error }`
 * object would turn a readable tool error into a client-side exception.
 */
export function toCallToolResult(result: ToolResult): CallToolResult {
  if (!result.ok) {
    const { code, message, details } = result.error;
    const text = `${code}: ${message}${details === undefined ? '' : `\n${JSON.stringify(details)}`}`;
    return { isError: true, content: [{ type: 'text', text }] };
  }
  const structured = toStructuredContent(result.data);
  return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
}

/**
 * Registers `tools` (already narrowed to what the caller may use) on `server`,
 * by name (a listing's order never depends on how the registry is arranged),
 * each with its title, the caller's description and input schema above and,
 * when it declares `output`, its `outputSchema`.
 */
export function registerRegistryTools(server: McpServer, tools: readonly AnyTool[], ctx: DomainContext): void {
  const audience = audienceFor(ctx.actor);
  for (const tool of [...tools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: descriptionFor(tool, audience),
        inputSchema: registryInputSchema(tool, audience),
        outputSchema: registryOutputSchema(tool),
        annotations: {
          readOnlyHint: tool.annotations.readOnly,
          destructiveHint: tool.annotations.destructive,
          idempotentHint: tool.annotations.idempotent,
          // Every tool works on this business's own data, never the open web.
          openWorldHint: false,
        },
      },
      async (args: unknown) => toCallToolResult(await executeTool(tool, ctx, args, 'mcp')),
    );
  }
}
