/**
 * The registry's tools in the shapes model providers expect. Schemas come from
 * zod's own JSON Schema output, as the audience is shown them (tools/schemas.ts),
 * never written by hand. The audience defaults to customers: an AI turn, text or
 * voice, always acts as the conversation's owner, a customer (DESIGN.md: staff
 * speak through takeover, never through an AI turn), so a model is never shown
 * a staff-only parameter it could then be talked into sending.
 */
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import type { RealtimeFunctionTool } from 'openai/resources/realtime/realtime';
import type { AnyTool } from './registry';
import { descriptionFor, toolInputJsonSchema, type ToolAudience } from './schemas';

/** Chat Completions `tools` entries. */
export function toOpenAITools(tools: readonly AnyTool[], audience: ToolAudience = 'customer'): ChatCompletionFunctionTool[] {
  return tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: descriptionFor(tool, audience), parameters: toolInputJsonSchema(tool, audience) },
  }));
}

/** Realtime session `tools` entries (flat shape, no `function` wrapper). */
export function toRealtimeTools(tools: readonly AnyTool[], audience: ToolAudience = 'customer'): RealtimeFunctionTool[] {
  return tools.map((tool) => ({
    type: 'function',
    name: tool.name,
    description: descriptionFor(tool, audience),
    parameters: toolInputJsonSchema(tool, audience),
  }));
}
