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

/** Tool calls and their results between message `from` and the end. */
export function exchangesSince(conv: Conversation, from: number): ToolExchange[] {
  const calls = new Map<string, { name: string; args: Record<string, unknown> }>();
  const out: ToolExchange[] = [];
  for (const m of conv.messages.slice(from)) {
    if (m.role === 'assistant' && m.tool_calls) {
      for (const c of m.tool_calls) {
        if (c.type !== 'function') continue;
        let args: Record<string, unknown> = {};
        try {
          args = JSON.parse(c.function.arguments || '{}');
        } catch {
          // A malformed call stays unparsed; its result says so.
        }
        calls.set(c.id, { name: c.function.name, args });
      }
    } else if (m.role === 'tool') {
      const call = calls.get(m.tool_call_id);
      if (!call) continue;
      try {
        out.push({ ...call, result: JSON.parse(conv.text(m)) });
      } catch {
        out.push({ ...call, result: { ok: false, error: { code: 'internal', message: 'unreadable result' } } });
      }
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

export const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

