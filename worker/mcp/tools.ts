/**
 * The registry's tools as MCP tools: a thin adapter, so a tool is defined once
 * (worker/tools/) and MCP only changes its shape. Validation, permission
 * checks, execution and the audit row all stay in `executeTool`.
 */
import type { CallToolResult, McpServer, StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import type { DomainContext } from '../domain/context';
import { executeTool, inputJsonSchema, type AnyTool, type ToolResult } from '../tools/registry';

/**
 * A tool's input schema for the SDK: the JSON Schema clients see is zod's own
 * (the same `inputJsonSchema` the OpenAI adapters send), while validation is
 * left to `executeTool`. Letting the SDK parse first would answer bad
 * arguments with its own text and skip the audit log; this way a bad call gets
 * the registry's `invalid_input` code with field errors, and is audited like
 * any other call on any surface.
 */
export function registryInputSchema(tool: AnyTool): StandardSchemaWithJSON<unknown, unknown> {
  const schema = () => inputJsonSchema(tool);
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
 * `structuredContent` must be a JSON object, so arrays become `{ results }`
 * and any other non-object `{ result }`; objects pass through as they are.
 */
export function toStructuredContent(data: unknown): Record<string, unknown> {
  if (Array.isArray(data)) return { results: data };
  if (typeof data === 'object' && data !== null) return data as Record<string, unknown>;
  return { result: data ?? null };
}

/**
 * A registry result as an MCP tool result. Data goes out twice, as the spec
 * asks of tools without an output schema: structured, and as JSON text for
 * clients that only read `content`. A failure is an `isError` result (not a
 * protocol error) so the model reads the code and can correct itself.
 */
export function toCallToolResult(result: ToolResult): CallToolResult {
  if (!result.ok) {
    const { code, message, details } = result.error;
    const text = `${code}: ${message}${details === undefined ? '' : `\n${JSON.stringify(details)}`}`;
    return { isError: true, content: [{ type: 'text', text }], structuredContent: { error: result.error } };
  }
  const structured = toStructuredContent(result.data);
  return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
}

/**
 * Registers `tools` (already narrowed to what the caller may use) on `server`.
 * No `outputSchema` is declared: registry tools do not declare their output
 * shapes, and a guessed schema would make strict clients reject real results.
 */
export function registerRegistryTools(server: McpServer, tools: readonly AnyTool[], ctx: DomainContext): void {
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      {
        description: tool.description,
        inputSchema: registryInputSchema(tool),
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
