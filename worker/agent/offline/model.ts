/**
 * The built-in offline model: deterministic, rule-based intent detection and
 * slot filling that drives the SAME agent loop and tools as a real model. It
 * reads the whole conversation (including tool results) on every call, so it
 * keeps no state of its own and a restarted session continues unchanged.
 * Its tool-call ids derive from the conversation's length, so a replayed turn
 * asks for the same ids and the session's exactly-once store answers them.
 */
import type { ChatModel, ModelEvent, ModelMessage, ModelRequest } from '../model';
import { decide, type Decision } from './policy';

export interface OfflineModelOptions {
  timeZone: string;
  now(): number;
  businessName: string;
}

function textOf(message: ModelMessage): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (!content) return '';
  return content.map((part) => ('text' in part ? part.text : '')).join('');
}

/**
 * Whitespace-preserving chunks of a reply, so it streams like a real model: a few words each, since
 * every chunk is an event the session stores, sends and the Worker re-encodes (bench/profile.mjs
 * showed one event per word as the largest share of an offline turn's storage operations).
 */
function chunks(text: string): string[] {
  return text.match(/(?:\S+\s*){1,4}|\s+/g) ?? [text];
}

/** A rough token count (4 characters a token), reported so usage figures are not silently zero. */
const roughTokens = (text: string) => Math.ceil(text.length / 4);

export class OfflineModel implements ChatModel {
  readonly id = 'offline';
  readonly offline = true;

  constructor(private readonly options: OfflineModelOptions) {}

  /** What the model will do next for this conversation (exposed for tests and the bench). */
  decide(messages: ModelMessage[]): Decision {
    return decide(messages, { ...this.options, now: this.options.now() }, textOf);
  }

  async *stream(request: ModelRequest): AsyncIterable<ModelEvent> {
    const decision = this.decide(request.messages);
    const available = new Set(request.tools.map((t) => t.function.name));
    const prompt = roughTokens(request.messages.map(textOf).join('\n'));
    if (decision.kind === 'call' && available.has(decision.name)) {
      yield {
        type: 'tool_calls',
        calls: [{ id: `call_offline_${request.messages.length}_${decision.name}`, name: decision.name, arguments: JSON.stringify(decision.args) }],
      };
      yield { type: 'usage', promptTokens: prompt, completionTokens: roughTokens(JSON.stringify(decision.args)) };
      return;
    }
    const text =
      decision.kind === 'reply'
        ? decision.text
        : "I'm sorry, I can't do that from here. Would you like me to connect you with a member of our team?";
    for (const piece of chunks(text)) yield { type: 'text', delta: piece };
    yield { type: 'usage', promptTokens: prompt, completionTokens: roughTokens(text) };
  }
}
