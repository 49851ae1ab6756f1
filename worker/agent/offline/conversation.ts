/**
 * How the offline model reads a conversation: intents from the customer's
 * words, the tool calls already made and their results, which question we last
 * asked, the open multi-turn flow, and the details gathered since it began.
 */
import type { ModelMessage } from '../model';
import { matchService, mentionsServiceWord, parseAddress, parseBookingNumber, parseDate, parseEmail, parseName, parsePhone, parseTime, type CatalogEntry } from './parse';
import type { ServiceList } from './replies';

export type Decision = { kind: 'reply'; text: string } | { kind: 'call'; name: string; args: Record<string, unknown> };

export interface PolicyConfig {
  timeZone: string;
  now: number;
  businessName: string;
}

/** The questions the policy asks; a reply that contains one keeps its flow open. */
export const ASK = {
  service: 'Which service do you need?',
  date: 'What day would suit you?',
  time: 'Which time works for you?',
  name: 'May I have your full name?',
  phone: 'What phone number can our technician reach you on?',
  address: 'What is the address of the home we should visit?',
  bookingNumber: 'What is your booking number? It looks like BK-2026-000123.',
  newTime: 'What new day and time would you like?',
  confirm: 'Shall I cancel it? Please reply yes or no.',
} as const;
export type AskKey = keyof typeof ASK;

export type Intent = 'book' | 'cancel' | 'reschedule' | 'lookup' | 'services' | 'tasks_add' | 'tasks_list' | 'human' | 'greeting' | 'thanks';
export const FLOW_INTENTS = new Set<Intent>(['book', 'cancel', 'reschedule']);

export function intentOf(text: string): Intent | undefined {
  const t = text.toLowerCase();
  if (/\b(human|real person|a person|someone real|representative|operator|manager|talk to (?:an? |the )?(?:agent|someone|staff))\b/.test(t)) return 'human';
  if (/\bcancel(?!lation)/.test(t) && !/\b(policy|fee|charge)\b/.test(t)) return 'cancel';
  if (/\b(reschedule|move my|change my)\b/.test(t)) return 'reschedule';
  if (/\b(remind me to|add (?:a )?task|new task|to-?do:)/.test(t)) return 'tasks_add';
  if (/\b(my tasks|list (?:my )?tasks|show (?:my )?tasks|to-?do list)\b/.test(t)) return 'tasks_list';
  if (/\bbk-\d{4}-\d{6}\b/.test(t) || /\b(status of|look ?up|find) (?:my )?(booking|appointment)/.test(t) || /\bmy (bookings|appointments)\b/.test(t)) return 'lookup';
  if (/\b(book|schedule|appointment|come out|send someone|availability|available|openings?)\b/.test(t)) return 'book';
  if (/\b(services|what do you (?:offer|do)|how much|price|prices|cost|rates?)\b/.test(t)) return 'services';
  // "I need a leak repair", "can someone fix my furnace": a request for a visit.
  if (/\b(need|want|would like|i'd like|fix|repair|install|replace|broken|not working)\b/.test(t) && mentionsServiceWord(t)) return 'book';
  if (/^\s*(hi|hello|hey|good (?:morning|afternoon|evening))\b[\s!.,]*$/.test(t)) return 'greeting';
  if (/^\s*(thanks|thank you|thx|great|perfect|awesome)\b/.test(t)) return 'thanks';
  return undefined;
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

/** Which ASK the last assistant reply before message `index` contained. */
export function askedBefore(conv: Conversation, index: number): AskKey | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const m = conv.messages[i]!;
    if (m.role === 'user') return undefined;
    if (m.role === 'assistant' && !m.tool_calls?.length) {
      const text = conv.text(m);
      return (Object.keys(ASK) as AskKey[]).find((k) => text.includes(ASK[k]));
    }
  }
  return undefined;
}

/** The open multi-turn flow and the index of the user message that began it. */
export function currentFlow(conv: Conversation): { intent: Intent; start: number } | undefined {
  for (let u = conv.users.length - 1; u >= 0; u--) {
    const index = conv.users[u]!;
    const intent = intentOf(conv.text(conv.messages[index]!));
    if (intent && FLOW_INTENTS.has(intent)) return { intent, start: index };
    if (intent && intent !== 'thanks') return undefined;
    // An answer continues a flow only if we had just asked for something.
    if (!askedBefore(conv, index)) return undefined;
  }
  return undefined;
}

export interface Details {
  service?: CatalogEntry;
  date?: string;
  time?: number;
  name?: string;
  phone?: string;
  email?: string;
  address?: string;
  bookingNumber?: string;
}

/** Details gathered from customer messages since `start`; later mentions win. */
export function gatherDetails(conv: Conversation, start: number, catalog: CatalogEntry[], today: string): Details {
  const d: Details = {};
  for (const index of conv.users.filter((i) => i >= start)) {
    const text = conv.text(conv.messages[index]!).trim();
    const asked = askedBefore(conv, index);
    if (asked === 'name' && text.length <= 80) {
      d.name = parseName(text) ?? text.replace(/^(it'?s|i am|i'm)\s+/i, '').replace(/[.!]+$/, '');
      continue;
    }
    if (asked === 'address' && text.length <= 200) {
      d.address = parseAddress(text) ?? text.replace(/[.!]+$/, '');
      continue;
    }
    if (asked === 'phone') {
      const phone = parsePhone(text);
      if (phone) d.phone = phone;
      // Someone who answers the phone question with their name is correcting it.
      else if (/^[A-Z][a-zA-Z'-]+(?:\s+[A-Z][a-zA-Z'-]+){1,3}$/.test(text)) d.name = text;
      continue;
    }
    const service = matchService(text, catalog);
    if (service) d.service = service;
    const date = parseDate(text, today);
    if (date) d.date = date;
    const time = parseTime(text);
    if (time !== undefined) d.time = time;
    d.name = parseName(text) ?? d.name;
    d.phone = parsePhone(text) ?? d.phone;
    d.email = parseEmail(text) ?? d.email;
    d.address = parseAddress(text) ?? d.address;
    d.bookingNumber = parseBookingNumber(text) ?? d.bookingNumber;
  }
  return d;
}

/** The catalog from the newest list_services result anywhere in the conversation. */
export function latestCatalog(conv: Conversation): CatalogEntry[] | undefined {
  const lists = exchangesSince(conv, 0).filter((x) => x.name === 'list_services' && x.result.ok);
  const data = lists.at(-1)?.result.data as ServiceList | undefined;
  return data?.services;
}

export const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

