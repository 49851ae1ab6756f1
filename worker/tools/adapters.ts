/**
 * The registry's tools in the shapes model providers expect. Schemas come from
 * zod's own JSON Schema output (see inputJsonSchema), never written by hand.
 */
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import type { RealtimeFunctionTool } from 'openai/resources/realtime/realtime';
import { inputJsonSchema, type AnyTool } from './registry';

/** Chat Completions `tools` entries. */
export function toOpenAITools(tools: readonly AnyTool[]): ChatCompletionFunctionTool[] {
  return tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: inputJsonSchema(tool) },
  }));
}

/** Realtime session `tools` entries (flat shape, no `function` wrapper). */
export function toRealtimeTools(tools: readonly AnyTool[]): RealtimeFunctionTool[] {
  return tools.map((tool) => ({
    type: 'function',
    name: tool.name,
    description: tool.description,
    parameters: inputJsonSchema(tool),
  }));
}
