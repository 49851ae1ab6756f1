/**
 * The seam between the agent loop and whatever produces the assistant's turn:
 * the OpenAI-compatible client (openai-model.ts) or the built-in offline model
 * (offline-model.ts). Both stream the same events, so the loop, the session and
 * the client see no difference but the `offline` label.
 */
import type { ChatCompletionFunctionTool, ChatCompletionMessageParam } from 'openai/resources/chat/completions';

export type ModelMessage = ChatCompletionMessageParam;

export interface ModelToolCall {
  /** Provider's call id; the session stores each tool result under it. */
  id: string;
  name: string;
  /** Raw JSON text as the model wrote it (may be malformed). */
  arguments: string;
}

export type ModelEvent =
  | { type: 'text'; delta: string }
  | { type: 'tool_calls'; calls: ModelToolCall[] }
  | { type: 'usage'; promptTokens: number; completionTokens: number };

export interface ModelRequest {
  messages: ModelMessage[];
  tools: ChatCompletionFunctionTool[];
  signal?: AbortSignal;
}

export interface ChatModel {
  /** e.g. `gpt-4o-mini` or `offline`. */
  readonly id: string;
  /** True for the built-in rule-based model (labelled as such to users). */
  readonly offline: boolean;
  /** One assistant turn: text deltas and/or tool calls, then usage. Throws ModelError on failure. */
  stream(request: ModelRequest): AsyncIterable<ModelEvent>;
}

export type ModelErrorKind = 'timeout' | 'rate_limited' | 'server' | 'bad_request' | 'auth' | 'circuit_open' | 'malformed';

/** A provider failure, classified so the caller can decide to retry or fall back. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    /** Seconds the provider asked us to wait (Retry-After), if any. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind === 'timeout' || this.kind === 'rate_limited' || this.kind === 'server' || this.kind === 'malformed';
  }
}
