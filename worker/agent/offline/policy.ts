/**
 * The offline model's policy: from the conversation so far, what to do next —
 * call a tool or reply. Intents come from the customer's words; a multi-turn
 * flow (booking, cancelling, rescheduling) continues while the assistant's
 * last reply asked for a missing detail (one of ASK), and its details are
 * collected from every customer message since the flow began.
 */
import type { ModelMessage } from '../model';
import { ASK, askedBefore, currentFlow, exchangesSince, intentOf, type AskKey, type Conversation, type Decision, type PolicyConfig, type ToolExchange } from './conversation';
import { bookingFlow, bookingNumberFlow, knowledgeAnswer } from './flows';
import { describeDate, describeTime, matchService, parseBookingNumber, parseDate, parsePhone, parseTime, splitLocalIso, todayIn } from './parse';
import { describeBooking, describeServices, money, type BookingData, type ServiceList } from './replies';

export type { Decision, PolicyConfig } from './conversation';

/** The policy's entry point: the next step for this conversation. */
export function decide(messages: ModelMessage[], config: PolicyConfig, text: (m: ModelMessage) => string): Decision {
  const conv: Conversation = { messages, text, users: messages.flatMap((m, i) => (m.role === 'user' ? [i] : [])) };
  const lastUser = conv.users.at(-1);
  if (lastUser === undefined) return { kind: 'reply', text: `Hi! I'm the ${config.businessName} assistant. How can I help?` };
  const said = text(messages[lastUser]!);
  const turn = exchangesSince(conv, lastUser);
  const systemName = /You are talking with ([^.\n]+)\./.exec(messages[0] && messages[0].role === 'system' ? text(messages[0]) : '')?.[1];

  const flow = currentFlow(conv);
  const pendingAsk = askedBefore(conv, lastUser);
  if (flow && pendingAsk && intentOf(said) === undefined && isQuestion(said) && !answersAsk(said, pendingAsk, config)) {
    // A side question in the middle of a booking: answer it, then pick the booking up again.
    const answer = knowledgeAnswer(said, turn);
    return answer.kind === 'call' ? answer : { kind: 'reply', text: `${answer.text}\n\nBack to your request: ${ASK[pendingAsk]}` };
  }
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
    default:
      return knowledgeAnswer(said, turn);
  }
}

const isQuestion = (text: string) => /\?\s*$/.test(text) || /^\s*(what|when|where|who|why|how|do|does|did|are|is|can|could|will|would)\b/i.test(text);

/** Whether `text` looks like an answer to the question we asked. */
function answersAsk(text: string, ask: AskKey, config: PolicyConfig): boolean {
  const today = todayIn(config.now, config.timeZone);
  if (ask === 'date') return parseDate(text, today) !== undefined;
  if (ask === 'time') return parseTime(text) !== undefined;
  if (ask === 'phone') return parsePhone(text) !== undefined;
  if (ask === 'bookingNumber') return parseBookingNumber(text) !== undefined;
  if (ask === 'newTime') return parseDate(text, today) !== undefined || parseTime(text) !== undefined;
  return false;
}
