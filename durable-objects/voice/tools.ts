/**
 * Running the realtime model's function calls: the same registry, the same
 * executeTool (validation, permission, audit with surface 'voice') and the
 * principal of the conversation's owner, exactly as a chat turn runs them.
 */
import type { ModelMessage } from '../../worker/agent/model';
import type { Principal } from '../../worker/auth/principal';
import { createContext } from '../../worker/domain/context';
import { TOOLS } from '../../worker/tools/catalog';
import { executeTool, selectTools, type ToolResult } from '../../worker/tools/registry';

/** Tools whose results the client shows as confirmation cards (as in chat). */
export const SHARED_RESULT_TOOLS = ['create_booking', 'reschedule_booking', 'cancel_booking'];

/** Runs one function call for `principal`. Never throws: failures are results the model can read. */
export async function runVoiceTool(env: Env, principal: Principal, interactionId: number | undefined, name: string, args: string): Promise<ToolResult> {
  // Only tools this caller may use were offered; a name outside them is refused, not looked up globally.
  const tool = selectTools(TOOLS, principal).find((t) => t.name === name);
  if (!tool) return { ok: false, error: { code: 'not_found', message: `No tool named ${name} is available` } };
  let input: unknown;
  try {
    input = args.trim() === '' ? {} : JSON.parse(args);
  } catch {
    return { ok: false, error: { code: 'invalid_input', message: 'The tool arguments were not valid JSON; send a JSON object' } };
  }
  const ctx = createContext(env, principal, interactionId !== undefined ? { interactionId } : {});
  return executeTool(tool, ctx, input, 'voice');
}

/** The call and its result as chat-history messages, so later text turns (and D1) see what voice did. */
export function toolMessages(callId: string, name: string, args: string, result: ToolResult): [ModelMessage, ModelMessage] {
  return [
    { role: 'assistant', content: null, tool_calls: [{ id: callId, type: 'function', function: { name, arguments: args } }] },
    { role: 'tool', tool_call_id: callId, content: JSON.stringify(result) },
  ];
}
