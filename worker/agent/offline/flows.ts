/**
 * The offline engine's flows: booking a visit, cancelling or moving one, and
 * looking bookings up. Each reads the dialogue state (policy.ts) and the tool
 * results of its own span of the conversation, and returns the next step.
 */
import { addDays, minutesOf, zonedToUtc } from '../../lib/zoned-time';
import { knowledgeMatch } from './knowledge';
import { exchangesSince, hhmm, type Conversation, type PolicyConfig, type ToolExchange } from './conversation';
import type { Lang } from './language';
import type { CatalogEntry } from './parse';
import { splitLocalIso } from './parse';
import type { DialogueState, Step } from './policy';
import { money, type AvailabilityData, type BookingData } from './replies';
import { clock, dayName, say } from './say';
import type { Understanding } from './understand';

export interface FlowContext {
  conv: Conversation;
  config: PolicyConfig;
  catalog: readonly CatalogEntry[];
  today: string;
  systemName?: string | undefined;
  /** Tool results of the current turn. */
  turn: ToolExchange[];
}

const reply = (text: string, extra: Omit<Step, 'decision'> = {}): Step => ({ decision: { kind: 'reply', text }, ...extra });
const callTool = (name: string, args: Record<string, unknown>): Step => ({ decision: { kind: 'call', name, args } });

/** "On Monday, March 4 I have 8:00 AM, 8:30 AM, … open." */
function describeOpen(data: AvailabilityData | undefined, date: string, lang: Lang, keep: (minute: number) => boolean = () => true): string {
  const t = say(lang);
  const day = data?.days.find((d) => d.date === date);
  const times = [...new Set((day?.slots ?? []).map((s) => s.time))].filter((x) => keep(minutesOf(x)));
  if (!times.length) return t.noneThatDay(dayName(date, lang));
  const shown = times.slice(0, 8).map((x) => clock(minutesOf(x)));
  const more = times.length > shown.length ? (lang === 'es' ? ' y más tarde' : ' and later times') : '';
  return t.open(dayName(date, lang), `${shown.join(', ')}${more}`);
}

/**
 * The open times of `date` within a window the customer gave (`keep`), or, when none is in it, that there are none
 * there and what the day does have.
 */
function describeOpenIn(data: AvailabilityData | undefined, date: string, lang: Lang, keep?: (minute: number) => boolean): string {
  const fits = !keep || (data?.days.find((d) => d.date === date)?.slots ?? []).some((x) => keep(minutesOf(x.time)));
  return fits ? describeOpen(data, date, lang, keep) : `${say(lang).noneInWindow(dayName(date, lang))} ${describeOpen(data, date, lang)}`;
}

/** A booking in one line: service, day and time, technician, address. */
export function describeVisit(b: BookingData, lang: Lang): string {
  const { date, minute } = splitLocalIso(b.start);
  return lang === 'es'
    ? `${b.service.name} el ${dayName(date, lang)} a las ${clock(minute)} con ${b.employee.name} en ${b.address}`
    : `${b.service.name} on ${dayName(date, lang)} at ${clock(minute)} with ${b.employee.name} at ${b.address}`;
}

/** A booking as the tools show it, with whom it is for. */
export type BookingOnFile = BookingData & { customer?: { name?: string; phone?: string; email?: string | null } };

/**
 * The customer's own booking this conversation last saw (looked up, cancelled, moved or made): what "same address",
 * "how much is it?" refer to. A list counts only when it holds one upcoming booking.
 */
export function bookingInView(conv: Conversation): BookingOnFile | undefined {
  for (const x of exchangesSince(conv, 0).reverse()) {
    if (!x.result.ok || !x.result.data) continue;
    if (['get_booking', 'cancel_booking', 'reschedule_booking', 'verify_booking_code', 'create_booking', 'update_booking_details'].includes(x.name)) {
      const b = x.result.data as BookingOnFile;
      if (b.number) return b;
    }
    if (x.name === 'list_bookings') {
      const upcoming = upcomingOf(x);
      if (upcoming.length === 1) return upcoming[0];
      if (upcoming.length > 1) return undefined;
    }
  }
  return undefined;
}

export function bookingStep(state: DialogueState, u: Understanding, ctx: FlowContext): Step {
  const t = say(state.lang);
  const lang = state.lang;
  // "same address and number": the details missing are taken from the booking on file (the same person, so its name too).
  const onFile = state.slots.reuse?.length ? bookingInView(ctx.conv) : undefined;
  const reused = onFile
    ? {
        ...(!state.slots.name && onFile.customer?.name ? { name: onFile.customer.name } : {}),
        ...(!state.slots.phone && state.slots.reuse!.includes('phone') && onFile.customer?.phone ? { phone: onFile.customer.phone } : {}),
        ...(!state.slots.address && state.slots.reuse!.includes('address') && onFile.address ? { address: onFile.address } : {}),
        ...(!state.slots.email && state.slots.reuse!.includes('email') && onFile.customer?.email ? { email: onFile.customer.email } : {}),
      }
    : {};
  const d = { ...state.slots, ...reused };
  const name = d.name ?? ctx.systemName;
  const span = exchangesSince(ctx.conv, state.goalStart);
  const turn = ctx.turn;

  const created = turn.find((x) => x.name === 'create_booking');
  if (created?.result.ok) {
    const b = created.result.data as BookingData;
    const used = [reused.name, reused.phone].filter(Boolean).join(', ');
    return reply(`${used ? `${t.usedOnFile(used)} ` : ''}${t.booked(b.number, describeVisit(b, lang), money(b.price_cents), b.links?.manage)}`, { done: true, booked: bookedAt(b) });
  }
  if (!d.service) return reply(`${catalogLine(ctx.catalog, lang)}\n\n${t.askService}`, { pending: 'service' });
  // An address outside the area is said as soon as it is given, before any time is offered.
  if (d.address) {
    const area = serviceArea(d.address, span, ctx.turn);
    if (area.kind === 'call') return area.step;
    if (area.kind === 'outside') return reply(`${t.outOfArea(area.coverage)} ${t.offerPerson}`, { awaiting: 'handoff_offer', pending: 'address' });
  }

  // A date that cannot be booked: say so, and look once at the days that can.
  const week = (from: string) => span.find((x) => x.name === 'check_availability' && x.args.service === d.service!.slug && x.args.date_from === from && x.args.date_to !== undefined);
  if (u.dateIssue && !u.slots.date) {
    const from = addDays(ctx.today, 1);
    const checked = week(from);
    if (!checked) return callTool('check_availability', { service: d.service.slug, date_from: from, date_to: addDays(from, 6) });
    const why = u.dateIssue.kind === 'past' ? t.pastDate : t.impossibleDate(u.dateIssue.said);
    return reply(`${why} ${nextOpen(checked, lang)} ${t.askDate}`.replace(/\s+/g, ' '), { pending: 'date' });
  }
  if (!d.date) return reply(`${t.offer(d.service.name, money(d.service.price_cents))} ${t.askDate}`, { pending: 'date' });

  const coversDay = (x: ToolExchange) =>
    x.name === 'check_availability' && x.args.service === d.service!.slug && x.result.ok && (x.result.data as AvailabilityData).days.some((day) => day.date === d.date);
  const availability = [...span].reverse().find(coversDay);
  const dayData = availability?.result.data as AvailabilityData | undefined;
  const times = new Set(dayData?.days.find((day) => day.date === d.date)?.slots.map((slot) => slot.time) ?? []);

  if (created) {
    // The slot went while we talked: look at the day again and offer what is left.
    if (!turn.some(coversDay)) return callTool('check_availability', { service: d.service.slug, date_from: d.date });
    return reply(`${t.bookingFailed(created.result.error?.message ?? 'that booking did not go through')} ${describeOpen(dayData, d.date, lang)} ${t.askTime}`, { pending: 'time' });
  }
  if (!availability) return callTool('check_availability', { service: d.service.slug, date_from: d.date });
  if (times.size === 0) {
    const checked = week(d.date);
    if (!checked) return callTool('check_availability', { service: d.service.slug, date_from: d.date, date_to: addDays(d.date, 6) });
    const next = nextOpen(checked, lang);
    return reply(`${t.noOpenings(d.service.name, dayName(d.date, lang))} ${next || t.nothingWeekAfter} ${t.askDate}`, { pending: 'date' });
  }
  if (d.time === undefined) {
    // "anytime after 2", "before 11", "between 10 and 12": the open times in that window.
    const windowed = d.after !== undefined || d.before !== undefined;
    const inWindow = (minute: number) => minute >= (d.after ?? 0) && minute < (d.before ?? 24 * 60);
    return reply(`${describeOpenIn(dayData, d.date, lang, windowed ? inWindow : undefined)} ${t.askTime}`, { pending: 'time' });
  }
  // "quarter past 2? if you only do half hours then half past 2": the customer's fallback, when the time asked for is not open.
  const time = times.has(hhmm(d.time)) ? d.time : (d.altTimes?.find((x) => times.has(hhmm(x))) ?? d.time);
  if (!times.has(hhmm(time))) return reply(`${t.notOpen(clock(time), dayName(d.date, lang))} ${describeOpen(dayData, d.date, lang)} ${t.askTime}`, { pending: 'time' });
  const when = lang === 'es' ? `${dayName(d.date, lang)} a las ${clock(time)}` : `${dayName(d.date, lang)} at ${clock(time)}`;
  // "773-555-052": a number a digit short is said back to be checked, not taken, not passed over.
  if (u.badPhone && !u.slots.phone) return reply(`${name ? `${t.thanksName(name.split(' ')[0]!)} ` : ''}${t.badPhone(u.badPhone.said, u.badPhone.short)}`, { pending: 'phone' });
  if (!name) return reply(`${t.slotOk(d.service.name, when, money(d.service.price_cents))} ${t.askName}`, { pending: 'name' });
  if (!d.phone) return reply(`${t.thanksName(name.split(' ')[0]!)} ${t.askPhone}`, { pending: 'phone' });
  if (!d.address) return reply(t.askAddress, { pending: 'address' });
  return callTool('create_booking', {
    service: d.service.slug,
    start: `${d.date}T${hhmm(time)}`,
    customer_name: name,
    phone: d.phone,
    address: d.address,
    ...(d.email ? { email: d.email } : {}),
  });
}

function catalogLine(catalog: readonly CatalogEntry[], lang: Lang): string {
  const byCategory = new Map<string, string[]>();
  for (const s of catalog) byCategory.set(s.category, [...(byCategory.get(s.category) ?? []), s.name]);
  return `${say(lang).servicesIntro}\n${[...byCategory].map(([c, names]) => `- ${c}: ${names.join(', ')}`).join('\n')}`;
}

/** The first two open days of a week's availability, said. */
function nextOpen(week: ToolExchange, lang: Lang): string {
  const data = week.result.data as AvailabilityData | undefined;
  const open = (data?.days ?? []).filter((day) => day.slots.length > 0).slice(0, 2);
  return open.map((day) => describeOpen(data, day.date, lang)).join(' ');
}

function upcomingOf(x: ToolExchange | undefined): BookingData[] {
  if (!x?.result.ok) return [];
  const data = x.result.data as { bookings?: BookingData[] } | BookingData[];
  const all = Array.isArray(data) ? data : (data.bookings ?? []);
  return all.filter((b) => b.status === 'confirmed');
}

/** Cancelling or moving a booking: find it (by number, or the customer's one upcoming booking), confirm, act. */
export function manageStep(state: DialogueState, u: Understanding, ctx: FlowContext): Step {
  const t = say(state.lang);
  const lang = state.lang;
  const span = exchangesSince(ctx.conv, state.goalStart);
  const turn = ctx.turn;
  let number = state.slots.bookingNumber;
  let booking: BookingData | undefined;
  if (!number) {
    const listed = span.find((x) => x.name === 'list_bookings');
    if (!listed) return callTool('list_bookings', {});
    const upcoming = upcomingOf(listed);
    if (upcoming.length === 0) return reply(t.noUpcoming, { pending: 'bookingNumber' });
    if (upcoming.length > 1) return reply(`${t.upcoming(upcoming.map((b) => `- ${b.number}: ${describeVisit(b, lang)}`).join('\n'))}\n${t.askBookingNumber}`, { pending: 'bookingNumber' });
    booking = upcoming[0]!;
    number = booking.number;
  } else {
    const got = span.find((x) => x.name === 'get_booking' && x.args.booking_number === number) ?? span.find((x) => x.name === 'list_bookings');
    if (!got) return callTool('get_booking', { booking_number: number });
    booking = got.name === 'get_booking' ? (got.result.ok ? (got.result.data as BookingData) : undefined) : upcomingOf(got).find((b) => b.number === number);
    if (!booking) {
      // Not this conversation's: a code sent to the booking's own phone or email proves it is theirs.
      const proof = proveOwnership(state, u, ctx, number, got);
      if ('step' in proof) return proof.step;
      booking = proof.booking;
    }
  }

  if (state.goal === 'cancel') {
    const done = turn.find((x) => x.name === 'cancel_booking');
    if (done) return reply(done.result.ok ? t.cancelled(number) : t.cannotCancel(number, done.result.error?.message ?? ''), { done: true });
    // "ugh ok fine, cancel it anyway": asked to cancel again, when cancelling is what we asked about, is a yes.
    if (state.awaiting === 'cancel_confirm' && (u.yes || (u.top === 'cancel' && !u.no && !u.asks))) return callTool('cancel_booking', { booking_number: number });
    if (state.awaiting === 'cancel_confirm' && u.no) return reply(t.keepIt, { done: true });
    // The number of the booking just shown, sent while we wait for the yes: it is that one; the question stands.
    const shown = span.some((x) => !turn.includes(x) && ((x.name === 'get_booking' && x.args.booking_number === number) || (x.name === 'list_bookings' && upcomingOf(x).some((b) => b.number === number))));
    if (state.awaiting === 'cancel_confirm' && u.slots.bookingNumber === number && shown) return reply(`${t.thatBooking(number)} ${t.confirmCancel}`, { awaiting: 'cancel_confirm' });
    // Less than a day ahead: the late-change fee is said before the customer confirms.
    const late = lateChange(booking, ctx, lang);
    if (late && 'call' in late) return late.call;
    return reply(`${t.status(number, describeVisit(booking, lang), booking.status)}${late ? ` ${t.lateChange} ${late.sentences.join(' ')}` : ''} ${t.confirmCancel}`, { awaiting: 'cancel_confirm' });
  }
  // "push it to 10:30 same day", "thursday, same time": what is not said stays as booked.
  const current = bookedAt(booking);
  const shifted = u.shift !== undefined ? current.time + u.shift : undefined;
  const time = state.slots.time ?? shifted ?? ((u.same.time && state.slots.date) || u.shiftDays !== undefined ? current.time : undefined);
  // "push it back a week": the same time, that many days on.
  // "later that same day", "anytime after 3": a window on the booked day (or the day asked for).
  const windowed = state.slots.relative !== undefined || state.slots.after !== undefined || state.slots.before !== undefined;
  const date = state.slots.date ?? (u.shiftDays !== undefined ? addDays(current.date, u.shiftDays) : undefined) ?? (time !== undefined || u.same.day || windowed ? current.date : undefined);
  const from = Math.max(state.slots.after ?? 0, state.slots.relative === 'later' && date === current.date ? current.time + 1 : 0);
  const until = Math.min(state.slots.before ?? 24 * 60, state.slots.relative === 'earlier' && date === current.date ? current.time - 1 : 24 * 60);
  const inWindow = (minute: number) => minute >= from && minute < until;
  // A new day without a time: what that day has (or that it has nothing, and the next days that do).
  const slug = booking.service.slug;
  if (date && time === undefined && (state.slots.date || windowed) && slug) {
    const covers = (x: ToolExchange) => x.name === 'check_availability' && x.args.service === slug && x.args.date_from === date;
    const day = [...span, ...turn].find((x) => covers(x) && x.args.date_to === undefined);
    if (!day) return callTool('check_availability', { service: slug, date_from: date });
    const data = day.result.data as AvailabilityData | undefined;
    if (!(data?.days.find((d) => d.date === date)?.slots.length ?? 0)) {
      const week = [...span, ...turn].find((x) => covers(x) && x.args.date_to !== undefined);
      if (!week) return callTool('check_availability', { service: slug, date_from: date, date_to: addDays(date, 6) });
      return reply(`${t.noOpenings(booking.service.name, dayName(date, lang))} ${nextOpen(week, lang) || t.nothingWeekAfter} ${t.askNewTime}`, { pending: 'newTime' });
    }
    return reply(`${describeOpenIn(data, date, lang, windowed ? inWindow : undefined)} ${t.askTime}`, { pending: 'newTime' });
  }
  if (!date || time === undefined) return reply(`${t.status(number, describeVisit(booking, lang), booking.status)} ${t.askNewTime}`, { pending: 'newTime' });
  const tries = turn.filter((x) => x.name === 'reschedule_booking');
  const done = tries.at(-1);
  if (!done) return callTool('reschedule_booking', { booking_number: number, start: `${date}T${hhmm(time)}` });
  // "move it to friday at 2, or 3 if not": the customer's fallback time, when the first cannot be had.
  const fallback = done.result.ok || state.slots.time !== time ? undefined : state.slots.altTimes?.find((x) => !tries.some((tr) => tr.args.start === `${date}T${hhmm(x)}`));
  if (fallback !== undefined) return callTool('reschedule_booking', { booking_number: number, start: `${date}T${hhmm(fallback)}` });
  if (done.result.ok) {
    const b = done.result.data as BookingData;
    return reply(t.moved(b.number, describeVisit(b, lang), b.links?.manage), { done: true, booked: bookedAt(b) });
  }
  return reply(`${t.cannotMove(number, done.result.error?.message ?? '')} ${t.askNewTime}`, { pending: 'newTime' });
}

/** How far ahead a change counts as late (the cancellation policy's 24 hours). */
const LATE_CHANGE_MS = 24 * 60 * 60 * 1000;
/** Milliseconds from now until `booking` starts. */
function msUntil(booking: BookingData, ctx: FlowContext): number {
  const { date, minute } = splitLocalIso(booking.start);
  return zonedToUtc(date, minute, ctx.config.timeZone) - ctx.config.now;
}

/**
 * A confirmed booking that starts within 24 hours: what the cancellation policy says of changes that late (its
 * fee sentences, read from the knowledge base), or the tool to call first; undefined for a booking further off.
 */
function lateChange(booking: BookingData, ctx: FlowContext, lang: Lang): { sentences: string[] } | { call: Step } | undefined {
  if (booking.status !== 'confirmed') return undefined;
  const ahead = msUntil(booking, ctx);
  if (ahead <= 0 || ahead >= LATE_CHANGE_MS) return undefined;
  const text = lang === 'es' ? 'política de cancelar o cambiar la cita con menos de 24 horas cargo' : 'cancellation rescheduling policy late-change fee less than 24 hours waive fees';
  const match = knowledgeMatch({ text, lang }, ctx.turn, lang, 1);
  if (match.kind === 'call') return { call: { decision: match } };
  if (match.kind === 'none') return undefined;
  // The fee and when it is waived: the sentences that name an amount or a waiver.
  const fees = match.sentences.filter((x) => /\$\d|waive|no cobramos/i.test(x));
  return fees.length ? { sentences: fees } : undefined;
}

/** The customer speaks of a booking of theirs: "i have a drain cleaning coming up", "my appointment", "mi cita". */
const OWN_BOOKING = /\b(i have|i got|i'?ve got|we have|my|our)\b.{0,40}\b(appointment|appt|booking|visit|coming up|scheduled|booked|cleaning|repair|tune-?up|install\w*|estimate)\b|\b(mi|nuestra) (cita|reserva)\b|\btengo (una )?(cita|reserva)\b/i;

/**
 * What cancelling or moving would cost (policy.ts `changeCostQuestion`): the policy from the knowledge base and,
 * for a booking of the customer's, whether a change now is free or late. Nothing is cancelled.
 */
export function changeCostStep(state: DialogueState, u: Understanding, ctx: FlowContext): Step {
  const t = say(state.lang);
  let visit: BookingData | undefined = bookingInView(ctx.conv);
  if (!visit && OWN_BOOKING.test(u.text)) {
    const listed = ctx.turn.find((x) => x.name === 'list_bookings');
    if (!listed) return callTool('list_bookings', {});
    const upcoming = upcomingOf(listed);
    if (upcoming.length === 1) visit = upcoming[0];
  }
  const query = state.lang === 'es' ? 'cancelar cambiar cita cargo 24 horas' : 'cancellation rescheduling policy late change fee 24 hours';
  const policy = knowledgeMatch({ text: query, lang: state.lang }, ctx.turn, state.lang, 1);
  if (policy.kind === 'call') return { decision: policy };
  const said = policy.kind === 'found' ? `${policy.sentences.join(' ')}\n\n${t.source(policy.article.title)}` : t.canHelpWith;
  if (!visit || visit.status !== 'confirmed') return reply(said);
  const { date, minute } = splitLocalIso(visit.start);
  const what = state.lang === 'es' ? `${visit.service.name}, ${dayName(date, state.lang)} a las ${clock(minute)}` : `${visit.service.name} on ${dayName(date, state.lang)} at ${clock(minute)}`;
  return reply(`${t.changeTiming(what, msUntil(visit, ctx) >= LATE_CHANGE_MS)} ${said}`);
}

export function lookupStep(state: DialogueState, u: Understanding, ctx: FlowContext): Step {
  const t = say(state.lang);
  const number = state.slots.bookingNumber;
  const span = exchangesSince(ctx.conv, state.goalStart);
  const x = (number ? span : ctx.turn).find((e) => e.name === (number ? 'get_booking' : 'list_bookings') && (!number || e.args.booking_number === number));
  if (!x) return number ? callTool('get_booking', { booking_number: number }) : callTool('list_bookings', {});
  if (number) {
    let b = x.result.ok ? (x.result.data as BookingData) : undefined;
    if (!b) {
      const proof = proveOwnership(state, u, ctx, number, x);
      if ('step' in proof) return proof.step;
      b = proof.booking;
    }
    // "and what address do you have on file for it?": that detail, said for itself.
    if (/\b(address|addr|direcci[oó]n)\b/i.test(u.text) && !/\b(when|what (day|time|date)|cu[aá]ndo|qu[eé] (d[ií]a|hora))\b/i.test(u.text)) {
      const { date, minute } = splitLocalIso(b.start);
      const what = state.lang === 'es' ? `${b.service.name}, ${dayName(date, state.lang)} a las ${clock(minute)}` : `${b.service.name}, ${dayName(date, state.lang)} at ${clock(minute)}`;
      return reply(t.addressOnFile(b.number, b.address, what), { done: true });
    }
    // "what day did i book, and what does it cost?": the price with the visit.
    return reply(t.status(b.number, `${describeVisit(b, state.lang)} (${money(b.price_cents)})`, b.status), { done: true });
  }
  if (!x.result.ok) return reply(t.failed(x.result.error?.message ?? ''), { done: true });
  const data = x.result.data as { bookings?: BookingData[] } | BookingData[];
  const list = Array.isArray(data) ? data : (data.bookings ?? []);
  if (!list.length) return reply(t.noBookings, { done: true });
  return reply(t.yourBookings(list.map((b) => `- ${b.number}: ${describeVisit(b, state.lang)}, ${money(b.price_cents)} (${b.status})`).join('\n')), { done: true });
}

/**
 * A booking this conversation cannot see: offer a one-time code to the phone or email on the booking
 * (request_booking_code), take the code (verify_booking_code), and go on with the booking it unlocks.
 */
function proveOwnership(state: DialogueState, u: Understanding, ctx: FlowContext, number: string, got: ToolExchange): { booking: BookingData } | { step: Step } {
  const t = say(state.lang);
  const span = exchangesSince(ctx.conv, state.goalStart);
  const verified = span.find((x) => x.name === 'verify_booking_code' && x.args.booking_number === number && x.result.ok);
  if (verified) return { booking: verified.result.data as BookingData };
  const why = got.result.error?.code;
  // Only a booking that exists for someone else (or is unknown: the same answer, no oracle) gets a code.
  if (why !== 'not_found' && why !== 'forbidden') return { step: reply(`${t.failed(got.result.error?.message ?? '')} ${t.askBookingNumber}`, { pending: 'bookingNumber' }) };
  const tried = ctx.turn.find((x) => x.name === 'verify_booking_code');
  if (tried) return { step: reply(`${t.codeWrong(tried.result.error?.message ?? '')} ${t.askCode}`, { pending: 'code' }) };
  const code = state.pending === 'code' ? /(?<!\d)(\d{3})[ -]?(\d{3})(?!\d)/.exec(u.text) : null;
  if (code) return { step: callTool('verify_booking_code', { booking_number: number, code: `${code[1]}${code[2]}` }) };
  const sent = ctx.turn.find((x) => x.name === 'request_booking_code');
  if (sent) {
    if (!sent.result.ok) return { step: reply(`${t.codeUnavailable(sent.result.error?.message ?? '')} ${t.offerPerson}`, { awaiting: 'handoff_offer' }) };
    return { step: reply(t.codeSent(sent.args.channel === 'email' ? t.channelEmail : t.channelPhone), { pending: 'code' }) };
  }
  const channel = /\b(e-?mail|correo)\b/i.test(u.text) ? 'email' : /\b(text|sms|message|phone|cell|mensaje|texto|tel[eé]fono)\b/i.test(u.text) || u.yes ? 'sms' : undefined;
  if (state.pending === 'codeChannel' && channel) return { step: callTool('request_booking_code', { booking_number: number, channel }) };
  if (state.pending === 'code') return { step: reply(t.askCode, { pending: 'code' }) };
  if (state.pending === 'codeChannel' && u.no) return { step: reply(`${t.keepIt}`, { done: true }) };
  return { step: reply(t.offerCode(number), { pending: 'codeChannel' }) };
}

/** US states and provinces that are not Illinois, as they end an address ("Gary, IN", "Toronto, Ontario"). */
const ELSEWHERE = /\b(in|wi|mi|ia|mo|ny|ca|tx|fl|on|qc|bc|indiana|wisconsin|michigan|iowa|missouri|ontario|quebec|canada|mexico)\b\.?\s*(\d{5})?\s*$/i;
/** Big cities well outside any Chicago-area coverage, named without a state. */
const FAR_CITIES = /^(toronto|milwaukee|madison|kenosha|racine|gary|hammond|indianapolis|detroit|rockford|peoria|springfield|champaign|new york|los angeles|houston|miami|st\.? louis)$/i;

/** The town of an address: its last comma part that is a word, not a state, ZIP or unit. */
function townOf(address: string): string | undefined {
  const parts = address.split(',').map((p) => p.trim().replace(/\s+\d{5}$/, '').replace(/\s+(il|illinois)$/i, '')).filter(Boolean);
  const last = parts.slice(1).reverse().find((p) => /^[a-z .'-]+$/i.test(p) && !/^(il|illinois|apt.*|unit.*|suite.*)$/i.test(p));
  return last?.toLowerCase();
}

type AreaCheck = { kind: 'ok' } | { kind: 'outside'; coverage: string } | { kind: 'call'; step: Step };

/** The service-area article's sentences, read through the same tools a model would use (or the call to make). */
export function areaArticle(lang: Lang, span: ToolExchange[], turn: ToolExchange[]): { sentences: string[]; title: string } | { call: Step } {
  const all = [...span, ...turn];
  const query = lang === 'es' ? 'zonas de servicio suburbios' : 'service areas suburbs';
  const search = all.find((x) => x.name === 'search_knowledge_base' && x.args.query === query);
  if (!search) return { call: callTool('search_knowledge_base', { query }) };
  const hits = (search.result.ok ? search.result.data : []) as { id: number; title: string }[] | { results?: { id: number; title: string }[] };
  const top = (Array.isArray(hits) ? hits : (hits.results ?? []))[0];
  if (!top) return { sentences: [], title: '' };
  const article = all.find((x) => x.name === 'get_kb_article' && Number(x.args.article_id) === top.id);
  if (!article) return { call: callTool('get_kb_article', { article_id: top.id }) };
  const body = article.result.ok ? String((article.result.data as { body?: string }).body ?? '') : '';
  return { sentences: (body.replace(/\s+/g, ' ').match(/[^.]+\./g) ?? []).map((x) => x.trim()), title: top.title };
}

const NOT_SERVED = /do not serve|no (damos servicio|atendemos|llegamos)/i;

/**
 * Whether the knowledge base's service-area article covers an address. Only an address that names a town
 * other than Chicago is checked; a place outside Illinois, a far city, or a town the article says it does not
 * serve is outside.
 */
function serviceArea(address: string, span: ToolExchange[], turn: ToolExchange[]): AreaCheck {
  const town = townOf(address);
  // The town, not the street: "W Madison St" is in Chicago.
  const elsewhere = ELSEWHERE.test(address) || (town !== undefined && FAR_CITIES.test(town));
  if (!elsewhere && (!town || town === 'chicago')) return { kind: 'ok' };
  const read = areaArticle('en', span, turn);
  if ('call' in read) return { kind: 'call', step: read.call };
  const served = read.sentences[0] ?? '';
  // A town the article lists as not served, or a place outside Illinois; an unknown town gets the benefit of the doubt.
  const refused = town ? read.sentences.some((x) => NOT_SERVED.test(x) && x.toLowerCase().includes(town)) : false;
  if (!elsewhere && !refused) return { kind: 'ok' };
  return { kind: 'outside', coverage: served.replace(/^We serve /i, '').replace(/\.$/, '') };
}

/** What the article says about a town: served, served with a travel fee, not served, or not named. */
export function areaVerdict(town: string, sentences: string[]): { kind: 'served' | 'fee' | 'not_served' | 'unknown'; fee?: string; sentence?: string } {
  const t = town.toLowerCase();
  if (t === 'chicago') return { kind: 'served', sentence: sentences[0] ?? '' };
  const sentence = sentences.find((x) => x.toLowerCase().includes(t));
  if (!sentence) return { kind: 'unknown' };
  if (NOT_SERVED.test(sentence)) return { kind: 'not_served', sentence };
  const fee = /\$\d+/.exec(sentence)?.[0];
  if (fee && !/no travel fee|sin cargo/i.test(sentence)) return { kind: 'fee', fee, sentence };
  // "… There is no travel charge." says what a customer asking about a trip charge wants to hear.
  const next = sentences[sentences.indexOf(sentence) + 1];
  return { kind: 'served', sentence: next && /no travel|sin cargo|no (extra|additional)/i.test(next) ? `${sentence} ${next}` : sentence };
}

function bookedAt(b: BookingData): { number: string; date: string; time: number } {
  const { date, minute } = splitLocalIso(b.start);
  return { number: b.number, date, time: minute };
}
