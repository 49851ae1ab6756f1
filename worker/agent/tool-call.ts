/**
 * Running one tool call a model made, the same way on every model surface
 * (the chat loop, voice calls): the tool must be one this caller was offered,
 * a result this same turn already stored for this call id and tool is
 * answered from storage (a replay after a restart, a reconnect or a repeated
 * provider event never acts twice), and anything else goes through
 * `executeTool` (validation, permission, audit) with the caller's context.
 * Never throws: failures are results the model can read.
 */
import type { DomainContext } from '../domain/context';
import { executeTool, type AnyTool, type Surface, type ToolResult } from '../tools/registry';

/**
 * The tool results of one turn. `get` answers only what this same turn stored for this call id
 * and this tool (a replay of the turn after a restart or reconnect), never another turn's result:
 * a call id is the model's word, not a key anyone may reuse to read what someone else's call returned.
 */
export interface ToolResultStore {
  get(callId: string, tool: string): ToolResult | undefined;
  put(callId: string, tool: string, result: ToolResult): void;
}

/** A function call as the model wrote it. */
export interface ToolCallRequest {
  /** The provider's call id. */
  id: string;
  name: string;
  /** Raw JSON text as the model wrote it (may be malformed). */
  arguments: string;
}

export interface ToolCallScope {
  /** The tools this caller was offered (selectTools for the conversation's owner). */
  tools: readonly AnyTool[];
  /** The caller's context: the principal is the conversation's owner, never a sender's. */
  ctx: DomainContext;
  /** This turn's results (chat: the turn id; voice: `voice:<call id>`). */
  store: ToolResultStore;
  surface: Surface;
}

export interface ToolCallOutcome {
  result: ToolResult;
  /** True when the result came from `store` (the tool did not run again). */
  replayed: boolean;
}

/**
 * Runs `call` within `scope`.
 * @example const { result } = await runToolCall(call, { tools, ctx, store, surface: 'chat' });
 */
export async function runToolCall(call: ToolCallRequest, scope: ToolCallScope): Promise<ToolCallOutcome> {
  // The caller's tools first: a tool this caller is not offered is never answered, not even from storage.
  const tool = scope.tools.find((t) => t.name === call.name);
  if (!tool) return { result: { ok: false, error: { code: 'not_found', message: `No tool named ${call.name} is available` } }, replayed: false };
  const stored = scope.store.get(call.id, call.name);
  if (stored) return { result: stored, replayed: true };
  let result: ToolResult;
  try {
    const args: unknown = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
    result = await executeTool(tool, scope.ctx, args, scope.surface);
  } catch {
    result = { ok: false, error: { code: 'invalid_input', message: 'The tool arguments were not valid JSON; send a JSON object' } };
  }
  scope.store.put(call.id, call.name, result);
  return { result, replayed: false };
}
