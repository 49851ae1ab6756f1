/**
 * The agent loop: one user turn = up to `maxRounds` model calls, with the
 * registry's tools executed between them under the caller's principal. It owns
 * no storage: the session gives it the history, this turn's store of tool results
 * (so a replay of the same turn never acts twice), and callbacks for what happens.
 */
import type { DomainContext } from '../domain/context';
import type { FunctionCallSummary, Source, Usage } from '../protocol/chat';
import { toOpenAITools } from '../tools/adapters';
import type { AnyTool, ToolResult } from '../tools/registry';
import { ModelError, type ChatModel, type ModelMessage, type ModelToolCall } from './model';
import { runToolCall, type ToolResultStore } from './tool-call';

export interface TurnHooks {
  onTextDelta(delta: string): void;
  onToolStarted(call: ModelToolCall): void;
  onToolFinished(call: ModelToolCall, result: ToolResult): void;
  /** Each message the turn adds to the history (assistant with tool calls, tool results), in order. */
  onMessage(message: ModelMessage): void;
}

export interface TurnInput {
  model: ChatModel;
  /** System prompt first, then the conversation so far, ending with the user's message. */
  messages: ModelMessage[];
  tools: readonly AnyTool[];
  ctx: DomainContext;
  store: ToolResultStore;
  hooks: TurnHooks;
  maxRounds?: number;
  signal?: AbortSignal;
}

export interface TurnOutcome {
  /** The final assistant text (not passed to onMessage; the caller stores it). */
  text: string;
  functionCalls: FunctionCallSummary[];
  usage: Usage;
  sources: Source[];
  /** Set when the model failed and the fallback text was used. */
  failure?: ModelError;
}

export const DEFAULT_MAX_ROUNDS = 6;

export const FALLBACK_REPLY =
  "I'm sorry — I'm having trouble answering right now. Your message is saved. Would you like me to connect you with a member of our team?";
const TOO_MANY_ROUNDS_REPLY =
  "I'm sorry — that took more steps than I can handle at once. Could you rephrase, or shall I connect you with a member of our team?";

/** Knowledge-base articles named in a tool result, so replies can cite them. */
function sourcesFrom(tool: string, result: ToolResult): Source[] {
  if (!result.ok || (tool !== 'search_knowledge_base' && tool !== 'get_kb_article')) return [];
  const data = result.data as { results?: { id: number; title: string }[]; id?: number; title?: string } | { id: number; title: string }[];
  const list = Array.isArray(data) ? data : data.results;
  if (list) return list.map((r) => ({ id: r.id, title: r.title }));
  if (Array.isArray(data)) return [];
  return typeof data.id === 'number' && typeof data.title === 'string' ? [{ id: data.id, title: data.title }] : [];
}

/**
 * Runs one turn to its final answer. Never throws for model or tool failures:
 * a model that keeps failing yields the polite fallback with `failure` set.
 */
export async function runTurn(input: TurnInput): Promise<TurnOutcome> {
  const messages = [...input.messages];
  const openAITools = toOpenAITools(input.tools);
  const usage: Usage = { prompt_tokens: 0, completion_tokens: 0 };
  const functionCalls: FunctionCallSummary[] = [];
  // Articles the model opened are what it used; search hits count only when it opened none.
  const searched = new Map<number, Source>();
  const read = new Map<number, Source>();
  // The final reply is not passed to onMessage: the caller stores it with the outcome's sources and usage.
  const finish = (text: string, failure?: ModelError): TurnOutcome => {
    const opened = [...(read.size ? read : searched).values()];
    // A reply that names its sources ("(Source: Title)") cites those it names, not every article it read.
    const named = opened.filter((s) => text.includes(s.title));
    const sources = named.length ? named : opened;
    return { text, functionCalls, usage, sources, ...(failure ? { failure } : {}) };
  };

  for (let round = 0; round < (input.maxRounds ?? DEFAULT_MAX_ROUNDS); round++) {
    let text = '';
    let calls: ModelToolCall[] = [];
    try {
      for await (const event of input.model.stream({ messages, tools: openAITools, ...(input.signal ? { signal: input.signal } : {}) })) {
        if (event.type === 'text') {
          text += event.delta;
          input.hooks.onTextDelta(event.delta);
        } else if (event.type === 'tool_calls') {
          calls = event.calls;
        } else {
          usage.prompt_tokens += event.promptTokens;
          usage.completion_tokens += event.completionTokens;
        }
      }
    } catch (err) {
      const failure = err instanceof ModelError ? err : new ModelError('server', err instanceof Error ? err.message : String(err));
      if (text) input.hooks.onTextDelta('\n\n');
      input.hooks.onTextDelta(FALLBACK_REPLY);
      return finish(text ? `${text}\n\n${FALLBACK_REPLY}` : FALLBACK_REPLY, failure);
    }
    if (calls.length === 0) return finish(text);

    const assistant: ModelMessage = {
      role: 'assistant',
      content: text || null,
      tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
    };
    messages.push(assistant);
    input.hooks.onMessage(assistant);
    for (const call of calls) {
      input.hooks.onToolStarted(call);
      const { result } = await runToolCall(call, { tools: input.tools, ctx: input.ctx, store: input.store, surface: 'chat' });
      input.hooks.onToolFinished(call, result);
      functionCalls.push({ call_id: call.id, name: call.name, ok: result.ok, ...(result.ok ? {} : { error: result.error.code }) });
      for (const s of sourcesFrom(call.name, result)) (call.name === 'get_kb_article' ? read : searched).set(s.id, s);
      const toolMessage: ModelMessage = { role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) };
      messages.push(toolMessage);
      input.hooks.onMessage(toolMessage);
    }
  }
  input.hooks.onTextDelta(TOO_MANY_ROUNDS_REPLY);
  return finish(TOO_MANY_ROUNDS_REPLY);
}
