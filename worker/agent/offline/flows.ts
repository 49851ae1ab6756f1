/**
 * The offline model's multi-turn flows (booking; cancelling and rescheduling
 * by booking number) and its knowledge-base answers.
 */
import { addDays } from '../../lib/zoned-time';
import { ASK, askedBefore, exchangesSince, gatherDetails, hhmm, latestCatalog, type Conversation, type Decision, type Details, type Intent, type PolicyConfig, type ToolExchange } from './conversation';
import { describeDate, describeTime, todayIn } from './parse';
import { describeAvailability, describeBooking, describeServices, money, type AvailabilityData, type BookingData } from './replies';

export function bookingFlow(conv: Conversation, start: number, config: PolicyConfig, turn: ToolExchange[], systemName?: string): Decision {
  const catalog = latestCatalog(conv);
  if (!catalog) return { kind: 'call', name: 'list_services', args: {} };
  const d = gatherDetails(conv, start, catalog, todayIn(config.now, config.timeZone));
  d.name ??= systemName;
  if (!d.service) return { kind: 'reply', text: `${describeServices({ services: catalog }, true)}\n\n${ASK.service}` };
  if (!d.date) return { kind: 'reply', text: `Happy to book ${/^[aeiou]/i.test(d.service.name) ? 'an' : 'a'} ${d.service.name} (${money(d.service.price_cents)}). ${ASK.date}` };

  // The newest availability answer covering this service and day, from any turn of the flow.
  const flowExchanges = exchangesSince(conv, start);
  const coversDay = (x: ToolExchange) =>
    x.name === 'check_availability' && x.args.service === d.service!.slug && x.result.ok && (x.result.data as AvailabilityData).days.some((day) => day.date === d.date);
  const availability = [...flowExchanges].reverse().find(coversDay);
  const dayData = availability?.result.data as AvailabilityData | undefined;
  const times = new Set(dayData?.days.find((day) => day.date === d.date)?.slots.map((slot) => slot.time) ?? []);
  const checkDay = (): Decision => ({ kind: 'call', name: 'check_availability', args: { service: d.service!.slug, date_from: d.date } });
  const checkWeek = (): Decision => ({ kind: 'call', name: 'check_availability', args: { service: d.service!.slug, date_from: d.date, date_to: addDays(d.date!, 6) } });
  const nextOpenDays = (): string => {
    const week = [...flowExchanges].reverse().find((x) => coversDay(x) && x.args.date_to !== undefined);
    const open = ((week?.result.data as AvailabilityData | undefined)?.days ?? []).filter((day) => day.slots.length > 0).slice(0, 2);
    return open.map((day) => describeAvailability(week!.result.data as AvailabilityData, day.date)).join(' ');
  };

  const booked = turn.find((x) => x.name === 'create_booking');
  if (booked?.result.ok) return { kind: 'reply', text: describeBooking(booked.result.data as BookingData) };
  if (booked) {
    if (!turn.some(coversDay)) return checkDay();
    return { kind: 'reply', text: `Sorry — ${booked.result.error?.message ?? 'that booking did not go through'}. ${describeAvailability(dayData, d.date)} ${ASK.time}` };
  }
  if (!availability) return checkDay();
  if (times.size === 0) {
    // Nothing that day: look a week ahead and offer the next open days instead of a dead end.
    if (!flowExchanges.some((x) => coversDay(x) && x.args.date_to !== undefined)) return checkWeek();
    const next = nextOpenDays();
    return { kind: 'reply', text: `There are no openings for ${d.service.name} on ${describeDate(d.date)}. ${next || 'Nothing opens in the week after either.'} ${ASK.date}` };
  }
  if (d.time === undefined) return { kind: 'reply', text: `${describeAvailability(dayData, d.date)} ${ASK.time}` };
  if (!times.has(hhmm(d.time))) {
    return { kind: 'reply', text: `${describeTime(d.time)} isn't open on ${describeDate(d.date)}. ${describeAvailability(dayData, d.date)} ${ASK.time}` };
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

export function bookingNumberFlow(conv: Conversation, flow: { intent: Intent; start: number }, config: PolicyConfig, turn: ToolExchange[]): Decision {
  const d = gatherDetails(conv, flow.start, latestCatalog(conv) ?? [], todayIn(config.now, config.timeZone));
  if (!d.bookingNumber) {
    // "Cancel my booking": look the customer's bookings up; with exactly one upcoming, offer that one.
    const listed = exchangesSince(conv, flow.start).find((x) => x.name === 'list_bookings');
    if (!listed) return { kind: 'call', name: 'list_bookings', args: {} };
    const all = listed.result.ok ? ((listed.result.data as { bookings?: BookingData[] }).bookings ?? []) : [];
    const upcoming = all.filter((b) => b.status === 'pending' || b.status === 'confirmed');
    if (upcoming.length === 1) {
      const only = upcoming[0]!;
      if (flow.intent === 'reschedule') return rescheduleTo(d, only.number, turn, describeBooking(only, 'status'));
      const asked = askedBefore(conv, conv.users.at(-1)!);
      const said = conv.text(conv.messages[conv.users.at(-1)!]!).trim();
      if (asked !== 'confirm') return { kind: 'reply', text: `${describeBooking(only, 'status')} ${ASK.confirm}` };
      if (/^(no|nope|don't|do not|keep)/i.test(said)) return { kind: 'reply', text: 'Okay, I have left it as it is. Anything else?' };
      if (!/^(yes|yeah|yep|sure|ok(ay)?|please|confirm|do it|go ahead)/i.test(said)) return { kind: 'reply', text: ASK.confirm };
      d.bookingNumber = only.number;
    } else {
      const list = upcoming.map((b) => `- ${b.number}: ${b.service.name}`).join('\n');
      return { kind: 'reply', text: upcoming.length ? `You have these upcoming bookings:\n${list}\n${ASK.bookingNumber}` : "I don't see any upcoming bookings for you. If you have a booking number, tell me and I'll look it up." };
    }
  }
  if (flow.intent === 'cancel') {
    const done = turn.find((x) => x.name === 'cancel_booking');
    if (!done) return { kind: 'call', name: 'cancel_booking', args: { booking_number: d.bookingNumber } };
    return { kind: 'reply', text: done.result.ok ? `Booking ${d.bookingNumber} is cancelled. Is there anything else I can help with?` : `I couldn't cancel ${d.bookingNumber}: ${done.result.error?.message}.` };
  }
  return rescheduleTo(d, d.bookingNumber, turn);
}

function rescheduleTo(d: Details, bookingNumber: string, turn: ToolExchange[], preface?: string): Decision {
  if (!d.date || d.time === undefined) return { kind: 'reply', text: preface ? `${preface} ${ASK.newTime}` : ASK.newTime };
  const done = turn.find((x) => x.name === 'reschedule_booking');
  if (!done) return { kind: 'call', name: 'reschedule_booking', args: { booking_number: bookingNumber, start: `${d.date}T${hhmm(d.time)}` } };
  if (done.result.ok) return { kind: 'reply', text: `Done! ${describeBooking(done.result.data as BookingData, 'moved')}` };
  return { kind: 'reply', text: `I couldn't move ${bookingNumber}: ${done.result.error?.message}. ${ASK.newTime}` };
}

/** Search the knowledge base, read the best article, and quote its opening with the source. */
export function knowledgeAnswer(said: string, turn: ToolExchange[]): Decision {
  const search = turn.find((x) => x.name === 'search_knowledge_base');
  if (!search) return { kind: 'call', name: 'search_knowledge_base', args: { query: said.slice(0, 300) } };
  const hits = (search.result.ok ? search.result.data : []) as { id: number; title: string }[] | { results?: { id: number; title: string }[] };
  const top = (Array.isArray(hits) ? hits : (hits.results ?? []))[0];
  if (!top) return { kind: 'reply', text: "I couldn't find that in our knowledge base. Would you like me to connect you with a member of our team?" };
  const article = turn.find((x) => x.name === 'get_kb_article');
  if (!article) return { kind: 'call', name: 'get_kb_article', args: { article_id: top.id } };
  // The snippet is a fragment; the answer quotes the article's opening sentences instead.
  const body = article.result.ok ? (article.result.data as { body: string }).body : '';
  const sentences = body.replace(/\s+/g, ' ').match(/[^.!?]+[.!?]+/g) ?? [body];
  return { kind: 'reply', text: `${sentences.slice(0, 3).join('').trim()}\n\n(Source: ${top.title})` };
}

