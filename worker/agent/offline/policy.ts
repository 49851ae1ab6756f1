/**
 * The offline model's policy: from the conversation so far, what to do next —
 * call a tool or reply. Intents come from the customer's words; a multi-turn
 * flow (booking, cancelling, rescheduling) continues while the assistant's
 * last reply asked for a missing detail (one of ASK), and its details are
 * collected from every customer message since the flow began.
 */
import type { ModelMessage } from '../model';
import {
  describeDate,
  describeTime,
  matchService,
  mentionsServiceWord,
  parseAddress,
  parseBookingNumber,
  parseDate,
  parseEmail,
  parseName,
  parsePhone,
  parseTime,
  splitLocalIso,
  todayIn,
  type CatalogEntry,
} from './parse';
import { describeAvailability, describeBooking, describeServices, money, type AvailabilityData, type BookingData, type ServiceList } from './replies';

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
} as const;
type AskKey = keyof typeof ASK;

type Intent = 'book' | 'cancel' | 'reschedule' | 'lookup' | 'services' | 'tasks_add' | 'tasks_list' | 'human' | 'greeting' | 'thanks';
const FLOW_INTENTS = new Set<Intent>(['book', 'cancel', 'reschedule']);

function intentOf(text: string): Intent | undefined {
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

interface ToolExchange {
  name: string;
  args: Record<string, unknown>;
  result: { ok: boolean; data?: unknown; error?: { code: string; message: string } };
}

interface Conversation {
  messages: ModelMessage[];
  text: (m: ModelMessage) => string;
  /** Indexes of user messages. */
  users: number[];
}

/** Tool calls and their results between message `from` and the end. */
function exchangesSince(conv: Conversation, from: number): ToolExchange[] {
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
function askedBefore(conv: Conversation, index: number): AskKey | undefined {
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
function currentFlow(conv: Conversation): { intent: Intent; start: number } | undefined {
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

interface Details {
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
function gatherDetails(conv: Conversation, start: number, catalog: CatalogEntry[], today: string): Details {
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
function latestCatalog(conv: Conversation): CatalogEntry[] | undefined {
  const lists = exchangesSince(conv, 0).filter((x) => x.name === 'list_services' && x.result.ok);
  const data = lists.at(-1)?.result.data as ServiceList | undefined;
  return data?.services;
}

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

function bookingFlow(conv: Conversation, start: number, config: PolicyConfig, turn: ToolExchange[], systemName?: string): Decision {
  const catalog = latestCatalog(conv);
  if (!catalog) return { kind: 'call', name: 'list_services', args: {} };
  const d = gatherDetails(conv, start, catalog, todayIn(config.now, config.timeZone));
  d.name ??= systemName;
  if (!d.service) return { kind: 'reply', text: `${describeServices({ services: catalog }, true)}\n\n${ASK.service}` };
  if (!d.date) return { kind: 'reply', text: `Happy to book a ${d.service.name} (${money(d.service.price_cents)}). ${ASK.date}` };

  const availability = turn.find((x) => x.name === 'check_availability' && x.args.date_from === d.date && x.args.service === d.service!.slug);
  const booked = turn.find((x) => x.name === 'create_booking');
  if (booked?.result.ok) return { kind: 'reply', text: describeBooking(booked.result.data as BookingData) };
  if (booked && !availability) return { kind: 'call', name: 'check_availability', args: { service: d.service.slug, date_from: d.date } };
  if (booked) {
    const options = describeAvailability(availability!.result.data as AvailabilityData | undefined, d.date);
    return { kind: 'reply', text: `Sorry — ${booked.result.error?.message ?? 'that booking did not go through'}. ${options} ${ASK.time}` };
  }
  if (d.time === undefined) {
    if (!availability) return { kind: 'call', name: 'check_availability', args: { service: d.service.slug, date_from: d.date } };
    if (!availability.result.ok) return { kind: 'reply', text: `${availability.result.error?.message ?? 'I could not check that day'}. ${ASK.date}` };
    const data = availability.result.data as AvailabilityData;
    if (data.slot_count === 0) return { kind: 'reply', text: `There are no openings for ${d.service.name} on ${describeDate(d.date)}. ${ASK.date}` };
    return { kind: 'reply', text: `${describeAvailability(data, d.date)} ${ASK.time}` };
  }
  if (!d.name) return { kind: 'reply', text: `${d.service.name} on ${describeDate(d.date)} at ${describeTime(d.time)} — great. ${ASK.name}` };
  if (!d.phone) return { kind: 'reply', text: `Thanks, ${d.name.split(' ')[0]}. ${ASK.phone}` };
  if (!d.address) return { kind: 'reply', text: ASK.address };
  return {
    kind: 'call',
    name: 'create_booking',
    args: {
      service: d.service.slug,
      start: `${d.date}T${hhmm(d.time)}`,
      customer_name: d.name,
      phone: d.phone,
      address: d.address,
      ...(d.email ? { email: d.email } : {}),
    },
  };
}

function bookingNumberFlow(conv: Conversation, flow: { intent: Intent; start: number }, config: PolicyConfig, turn: ToolExchange[]): Decision {
  const d = gatherDetails(conv, flow.start, latestCatalog(conv) ?? [], todayIn(config.now, config.timeZone));
  if (!d.bookingNumber) return { kind: 'reply', text: ASK.bookingNumber };
  if (flow.intent === 'cancel') {
    const done = turn.find((x) => x.name === 'cancel_booking');
    if (!done) return { kind: 'call', name: 'cancel_booking', args: { booking_number: d.bookingNumber } };
    return { kind: 'reply', text: done.result.ok ? `Booking ${d.bookingNumber} is cancelled. Is there anything else I can help with?` : `I couldn't cancel ${d.bookingNumber}: ${done.result.error?.message}.` };
  }
  if (!d.date || d.time === undefined) return { kind: 'reply', text: ASK.newTime };
  const done = turn.find((x) => x.name === 'reschedule_booking');
  if (!done) return { kind: 'call', name: 'reschedule_booking', args: { booking_number: d.bookingNumber, start: `${d.date}T${hhmm(d.time)}` } };
  if (done.result.ok) return { kind: 'reply', text: `Done! ${describeBooking(done.result.data as BookingData, 'moved')}` };
  return { kind: 'reply', text: `I couldn't move ${d.bookingNumber}: ${done.result.error?.message}. ${ASK.newTime}` };
}

/** The policy's entry point: the next step for this conversation. */
export function decide(messages: ModelMessage[], config: PolicyConfig, text: (m: ModelMessage) => string): Decision {
  const conv: Conversation = { messages, text, users: messages.flatMap((m, i) => (m.role === 'user' ? [i] : [])) };
  const lastUser = conv.users.at(-1);
  if (lastUser === undefined) return { kind: 'reply', text: `Hi! I'm the ${config.businessName} assistant. How can I help?` };
  const said = text(messages[lastUser]!);
  const turn = exchangesSince(conv, lastUser);
  const systemName = /You are talking with ([^.\n]+)\./.exec(messages[0] && messages[0].role === 'system' ? text(messages[0]) : '')?.[1];

  const flow = currentFlow(conv);
  if (flow?.intent === 'book') return bookingFlow(conv, flow.start, config, turn, systemName);
  if (flow) return bookingNumberFlow(conv, flow, config, turn);

  const intent = intentOf(said);
  const once = (name: string, args: Record<string, unknown>, reply: (x: ToolExchange) => string): Decision => {
    const done = turn.find((x) => x.name === name);
    return done ? { kind: 'reply', text: reply(done) } : { kind: 'call', name, args };
  };
  const failed = (x: ToolExchange) => `Sorry, that didn't work: ${x.result.error?.message ?? 'unknown error'}.`;

  switch (intent) {
    case 'human':
      return once('request_human', { reason: said.slice(0, 500) }, (x) =>
        x.result.ok ? "I've asked a member of our team to join this conversation. They'll be with you shortly." : failed(x),
      );
    case 'tasks_add': {
      const title = said.replace(/^.*?(remind me to|add (?:a )?task(?: to)?:?|new task:?|to-?do:)\s*/i, '').trim() || said;
      return once('add_task', { title: title.slice(0, 200) }, (x) => (x.result.ok ? `Added to your tasks: "${title}".` : failed(x)));
    }
    case 'tasks_list':
      return once('list_tasks', {}, (x) => {
        if (!x.result.ok) return failed(x);
        const data = x.result.data as { tasks?: { id: number; title: string; status: string }[] } | { id: number; title: string; status: string }[];
        const tasks = Array.isArray(data) ? data : (data.tasks ?? []);
        return tasks.length ? `Your tasks:\n${tasks.map((t) => `- #${t.id} ${t.title} (${t.status.replace('_', ' ')})`).join('\n')}` : 'You have no tasks.';
      });
    case 'lookup': {
      const number = parseBookingNumber(said);
      if (number) return once('get_booking', { booking_number: number }, (x) => (x.result.ok ? describeBooking(x.result.data as BookingData, 'status') : failed(x)));
      return once('list_bookings', {}, (x) => {
        if (!x.result.ok) return failed(x);
        const data = x.result.data as { bookings?: BookingData[] } | BookingData[];
        const list = Array.isArray(data) ? data : (data.bookings ?? []);
        if (!list.length) return "I don't see any bookings for you yet.";
        return `Your bookings:\n${list.map((b) => { const s = splitLocalIso(b.start); return `- ${b.number}: ${b.service.name}, ${describeDate(s.date)} at ${describeTime(s.minute)} (${b.status})`; }).join('\n')}`;
      });
    }
    case 'services':
      return once('list_services', {}, (x) => {
        if (!x.result.ok) return failed(x);
        const list = x.result.data as ServiceList;
        const match = matchService(said, list.services);
        return match ? `${match.name} is ${money(match.price_cents)} and takes about ${match.duration_minutes} minutes. ${match.description ?? ''} Would you like to book it?`.replace(/\s+/g, ' ') : describeServices(list, false);
      });
    case 'greeting':
      return { kind: 'reply', text: `Hi! I'm the ${config.businessName} assistant. I can answer questions, check availability, and book, move or cancel appointments. How can I help?` };
    case 'thanks':
      return { kind: 'reply', text: "You're welcome! Anything else I can help with?" };
    default: {
      const search = turn.find((x) => x.name === 'search_knowledge_base');
      if (!search) return { kind: 'call', name: 'search_knowledge_base', args: { query: said.slice(0, 300) } };
      const hits = (search.result.ok ? search.result.data : []) as { id: number; title: string }[] | { results?: { id: number; title: string }[] };
      const top = (Array.isArray(hits) ? hits : (hits.results ?? []))[0];
      if (!top) return { kind: 'reply', text: "I couldn't find that in our knowledge base. Would you like me to connect you with a member of our team?" };
      // The snippet is a fragment; the answer quotes the article's opening sentences instead.
      return once('get_kb_article', { article_id: top.id }, (x) => {
        const body = x.result.ok ? (x.result.data as { body: string }).body : '';
        const sentences = body.replace(/\s+/g, ' ').match(/[^.!?]+[.!?]+/g) ?? [body];
        return `${sentences.slice(0, 3).join('').trim()}\n\n(Source: ${top.title})`;
      });
    }
  }
}
