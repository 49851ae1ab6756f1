/**
 * How the offline model reads a conversation's record: the tool calls already
 * made and their results, and the catalogue they brought.
 */
import type { ModelMessage } from '../model';
import type { CatalogEntry } from './parse';
import type { ServiceList } from './replies';

export type Decision = { kind: 'reply'; text: string } | { kind: 'call'; name: string; args: Record<string, unknown> };

export interface PolicyConfig {
  timeZone: string;
  now: number;
  businessName: string;
}

export interface ToolExchange {
  name: string;
  args: Record<string, unknown>;
  result: { ok: boolean; data?: unknown; error?: { code: string; message: string } };
}

export interface Conversation {
  messages: ModelMessage[];
  text: (m: ModelMessage) => string;
  /** Indexes of user messages. */
  users: number[];
}

// Each call's parsed arguments and each tool message's parsed result, kept per message object: one turn reads
// the conversation's exchanges several times (every step of the engine, the catalog, the booking in hand), and
// re-parsing every stored result each time was a steady share of an offline turn's CPU.
const parsedArgs = new WeakMap<object, Record<string, unknown>>();
const parsedResults = new WeakMap<object, ToolExchange['result']>();

function argsOf(call: { function: { arguments: string } }): Record<string, unknown> {
  let args = parsedArgs.get(call);
  if (!args) {
    try {
      args = JSON.parse(call.function.arguments || '{}') as Record<string, unknown>;
    } catch {
      // A malformed call stays unparsed; its result says so.
      args = {};
    }
    parsedArgs.set(call, args);
  }
  return args;
}

function resultOf(conv: Conversation, m: ModelMessage): ToolExchange['result'] {
  let result = parsedResults.get(m);
  if (!result) {
    try {
      result = JSON.parse(conv.text(m)) as ToolExchange['result'];
    } catch {
      result = { ok: false, error: { code: 'internal', message: 'unreadable result' } };
    }
    parsedResults.set(m, result);
  }
  return result;
}

/** Tool calls and their results between message `from` and the end. */
export function exchangesSince(conv: Conversation, from: number): ToolExchange[] {
  const calls = new Map<string, { name: string; args: Record<string, unknown> }>();
  const out: ToolExchange[] = [];
  for (let i = Math.max(0, from); i < conv.messages.length; i++) {
    const m = conv.messages[i]!;
    if (m.role === 'assistant' && m.tool_calls) {
      for (const c of m.tool_calls) {
        if (c.type !== 'function') continue;
        calls.set(c.id, { name: c.function.name, args: argsOf(c) });
      }
    } else if (m.role === 'tool') {
      const call = calls.get(m.tool_call_id);
      if (call) out.push({ ...call, result: resultOf(conv, m) });
    }
  }
  return out;
}

/** The catalog from the newest list_services result anywhere in the conversation. */
export function latestCatalog(conv: Conversation): CatalogEntry[] | undefined {
  const lists = exchangesSince(conv, 0).filter((x) => x.name === 'list_services' && x.result.ok);
  const data = lists.at(-1)?.result.data as ServiceList | undefined;
  return data?.services;
}

export { hhmm } from '../../lib/zoned-time';

