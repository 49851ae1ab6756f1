/**
 * The offline model's dialogue engine (the shape of Rasa's CALM): every
 * customer message is read into commands (understand.ts), the commands update
 * an explicit dialogue state (goal, filled slots, the pending question or
 * yes/no offer, language), and business logic lives in flows that call the
 * same tools a real model calls.
 *
 * The state is never read back from reply prose. It is rebuilt on every turn
 * by folding the engine over the customer's messages and the tool results
 * between them (the engine is deterministic, so each past turn yields the
 * question it really asked); a restarted or replayed session gets the same turn.
 */
import type { ModelMessage } from '../model';
import { exchangesSince, latestCatalog, type Conversation, type Decision, type PolicyConfig, type ToolExchange } from './conversation';
import { bookingInView, bookingStep, changeCostStep, manageStep, lookupStep, type FlowContext } from './flows';
import { amendment, renumber, respell } from './amend';
import { infoAnswer } from './answers';
import { sentimentOf } from './analyse';
import { knowledgeAnswer } from './knowledge';
import type { Lang } from './language';
import { servicesNamed, type CatalogEntry } from './parse';
import { money } from './replies';
import { clock, dayName, say } from './say';
import { hazardOf, insultRequest, PRICE_WORDS, questionClauses, understand, type Slots, type Understanding } from './understand';
import { toZoned } from '../../lib/zoned-time';

export type { Decision, PolicyConfig } from './conversation';

export type Ask = 'service' | 'date' | 'time' | 'name' | 'phone' | 'address' | 'bookingNumber' | 'newTime' | 'codeChannel' | 'code';
export type Goal = 'book' | 'cancel' | 'reschedule' | 'lookup';

export interface DialogueState {
  lang: Lang;
  goal?: Goal;
  /** Index of the message that began the goal (its tool results count from there). */
  goalStart: number;
  slots: Slots;
  /** The question our last reply asked. */
  pending?: Ask;
  /** The yes/no question our last reply asked. */
  awaiting?: 'cancel_confirm' | 'handoff_offer' | 'book_offer';
  /** The service a "Would you like to book it?" offered. */
  offered?: CatalogEntry;
  /** The safety emergency the last reply answered: a yes to the on-call offer is urgent. */
  emergency?: string;
  /** The booking this conversation made last, so "oh, I meant tuesday" can move it. */
  lastBooked?: { number: string; date: string; time: number };
  /** Where that booking was before this conversation last moved it: "scratch that" moves it back. */
  previousBooked?: { number: string; date: string; time: number };
  /** The visit details the last message replaced, as they were: "scratch that" puts them back. */
  undo?: Partial<Pick<Slots, 'service' | 'date' | 'time'>>;
}

/** What a step decided, and how the state stands once its reply is given. */
export interface Step {
  decision: Decision;
  pending?: Ask;
  awaiting?: DialogueState['awaiting'];
  offered?: CatalogEntry;
  /** The goal is finished (booked, cancelled, moved): later messages start afresh. */
  done?: boolean;
  /** A booking the step made (or moved). */
  booked?: { number: string; date: string; time: number };
}

const reply = (text: string, extra: Omit<Step, 'decision'> = {}): Step => ({ decision: { kind: 'reply', text }, ...extra });
const callTool = (name: string, args: Record<string, unknown>): Step => ({ decision: { kind: 'call', name, args } });

/** Folds one message into the state: the goal it starts or continues, and the slots it fills. */
function absorb(state: DialogueState, u: Understanding, index: number): DialogueState {
  const next: DialogueState = { ...state, lang: u.lang, slots: { ...state.slots } };
  const startGoal = (goal: Goal) => {
    if (next.goal !== goal) {
      next.goal = goal;
      next.goalStart = index;
      // A new goal keeps what was said before any goal began ("how much is it, and can you come monday?"),
      // and after another goal only the contact details, not the old visit.
      next.slots = state.goal ? pick(state.slots) : { ...state.slots };
      delete next.pending;
    }
  };
  if (u.safety || u.top === 'refuse' || u.insult) return next;
  // "i have a drain cleaning thursday, if i cancel is there a fee?": the visit named is the one asked about, no new goal.
  if (asksWhatAChangeCosts(state, u)) return next;
  if (state.awaiting === 'book_offer' && u.yes && state.offered && !okThenAsks(u)) {
    startGoal('book');
    next.slots.service = state.offered;
  }
  const top = u.top;
  const fresh = Object.keys(u.slots).length > 0 || u.shift !== undefined || u.shiftDays !== undefined;
  delete next.undo;
  // "scratch that", with nothing new: the detail said last is taken back, a move just made is undone.
  if (u.discard && !fresh) {
    if (state.undo && state.goal) {
      for (const [key, value] of Object.entries(state.undo) as [keyof Slots, never][]) {
        if (value === undefined) delete next.slots[key];
        else next.slots[key] = value;
      }
      return next;
    }
    const back = state.previousBooked;
    if (!state.goal && back && state.lastBooked?.number === back.number && (back.date !== state.lastBooked.date || back.time !== state.lastBooked.time)) {
      startGoal('reschedule');
      next.slots.bookingNumber = back.number;
      next.slots.date = back.date;
      next.slots.time = back.time;
      return next;
    }
  }
  // "oh shoot, i meant tuesday not monday": right after a booking, a corrected day or time moves it.
  if (!state.goal && state.lastBooked && (u.correction || top === 'reschedule') && (u.slots.date || u.slots.time !== undefined || u.shift !== undefined || u.shiftDays !== undefined) && !u.slots.service) {
    startGoal('reschedule');
    next.slots.bookingNumber = state.lastBooked.number;
  } else if (top === 'cancel' || top === 'reschedule' || top === 'lookup') {
    // In the middle of booking, "can we do 1pm instead?" corrects this booking; only words about a booking
    // there already is ("reschedule", "my appointment", a number) start moving one.
    const aboutExisting = Boolean(u.slots.bookingNumber) || /\b(reschedule|resched|cancel\w*|my (appointment|booking|appt|visit)|move my|push my)\b/i.test(u.text);
    // "need to cancel" … "BK-2026-000004": a booking number sent alone while cancelling or moving is the booking to act on.
    const numberForGoal = top === 'lookup' && (state.goal === 'cancel' || state.goal === 'reschedule') && bareBookingNumber(u);
    if (!(state.goal === 'book' && (top === 'lookup' || !aboutExisting)) && !numberForGoal) startGoal(top);
  } else if (
    // "do you come out to downers grove?", "is the pipe frozen?": a question, not yet a request for a visit.
    (top === 'book' && !(u.asks && !u.slots.date && u.slots.time === undefined && !/\b(book|schedule|appointment|appt|reservar|agendar|cita)\b/i.test(u.text))) ||
    // "can u swap out my water heater on the 10th at 9am?": a service and a day are a request, question mark or not.
    // ("the faucet only trickles this morning, is the pipe frozen?" tells of today, it books nothing.)
    (u.slots.service && (u.slots.date || u.slots.time !== undefined) && top !== 'complaint' && !(u.asks && u.symptomDay)) ||
    ((u.slots.service || u.slots.date) && !state.goal && !u.asks && top !== 'price' && top !== 'complaint')
  ) {
    if (state.goal !== 'reschedule' || u.slots.service) startGoal(state.goal === 'reschedule' && !u.slots.service ? 'reschedule' : 'book');
  }
  const s = next.slots;
  const u_ = { ...u.slots };
  // What this message replaces, kept for a "scratch that" in the next one.
  const replaced: DialogueState['undo'] = {};
  if (u_.service && s.service && u_.service.slug !== s.service.slug) replaced.service = s.service;
  if (u_.date && s.date && u_.date !== s.date) replaced.date = s.date;
  if (u_.time !== undefined && s.time !== undefined && u_.time !== s.time) replaced.time = s.time;
  if (Object.keys(replaced).length) next.undo = replaced;
  // The service changes only when the customer asks for one (not when a side question names another).
  if (u_.service && (!s.service || u.correction || (!u.asks && (u.intents.book ?? 0) > 0))) s.service = u_.service;
  // "my thursday leak repair, same time next week instead": with a shift in days, the day named is where the visit is now.
  if (u_.date && !(next.goal === 'reschedule' && u.shiftDays !== undefined)) s.date = u_.date;
  // "anytime after 3", "before 11", "between 10 and 12", "later that same day": a window for the time of a visit
  // being booked or moved, not a time ("before 11" is no booking at 11).
  if ((next.goal === 'reschedule' && u.relative) || ((next.goal === 'reschedule' || next.goal === 'book') && (u.after !== undefined || u.before !== undefined))) {
    if (next.goal === 'reschedule' && u.relative) s.relative = u.relative;
    if (u.after !== undefined) s.after = u.after;
    if (u.before !== undefined) s.before = u.before;
    if (u_.time !== undefined && (u_.time === u.after || u_.time === u.before)) delete u_.time;
  }
  if (u_.time !== undefined) {
    s.time = u_.time;
    // A fallback time goes with the time it backs ("2:15, or else 2:30"); a new time drops the old fallback.
    if (u_.altTimes) s.altTimes = u_.altTimes;
    else delete s.altTimes;
  }
  // "sorry autocorrect, my name is Siobhan": one name word, corrected, respells the full name given before.
  const oneWordFix = Boolean(u_.name && u.correction && !u.nameGuessed && s.name && !u_.name.includes(' ') && s.name.includes(' '));
  if (oneWordFix) s.name = respell(s.name!, u_.name!);
  else if (u_.name && (!s.name || !u.nameGuessed || state.pending === 'name')) s.name = u_.name;
  if (u.spelling && s.name) s.name = respell(s.name, u.spelling);
  if (u.respelled && s.name) s.name = s.name.replace(new RegExp(`\\b${u.respelled[1]}\\b`, 'i'), u.respelled[0].replace(/^./, (c) => c.toUpperCase()));
  if (u_.phone) s.phone = u_.phone;
  // "its 4521 not 4251": the digits of the address or phone given, corrected.
  if (u.renumbered) Object.assign(s, renumber(s, u.renumbered));
  if (u_.email) s.email = u_.email;
  if (u_.reuse) s.reuse = [...new Set([...(s.reuse ?? []), ...u_.reuse])];
  if (u_.bookingNumber) s.bookingNumber = u_.bookingNumber;
  if (u_.address) s.address = u_.address;
  // An address we asked for that the street pattern missed ("12 oak, evanston"): taken whole only when it
  // starts with a house number and is nothing else (no phone, no day, no question).
  else if (state.pending === 'address' && !u.asks && u.text.length <= 200 && /^\s*\d+\s+[a-z]/i.test(u.text) && !u_.phone && !u_.date && u_.time === undefined) s.address = u.text.trim().replace(/[.!]+$/, '');
  return next;
}

/**
 * "ok and does my panel need to be upgraded for that?", "alright but is there a warranty": an "ok" that leads into a
 * question of its own (nothing filled) is that question, not a yes to the offer.
 */
function okThenAsks(u: Understanding): boolean {
  if (!u.asks || u.slots.date || u.slots.time !== undefined || u.slots.name || u.slots.phone) return false;
  return /^\s*(?:(?:ok(?:ay)?|alright|all right|sure|cool|yes|yeah|yep|got it|bueno|vale|dale)[\s,.!]+)+(?:and|but|so|also|one (?:more )?(?:question|thing)|quick question|first|wait|y|pero|una pregunta)\b/i.test(u.text);
}

/** A message that is a booking number and little else ("BK-2026-000004", "its bk-2026-000004 thx"), asking nothing. */
export function bareBookingNumber(u: Understanding): boolean {
  if (!u.slots.bookingNumber || u.asks) return false;
  const rest = u.text.replace(/\bbk[-\s]?\d{4}[-\s]?\d{6}\b/gi, ' ').replace(/[^\p{L}\s]/gu, ' ').trim();
  return rest.split(/\s+/).filter(Boolean).length <= 6 && !/\b(when|what|where|which|status|details|address|time|day|cu[aá]ndo|qu[eé]|d[oó]nde)\b/i.test(rest);
}

/** A question in the middle of a flow that fills nothing: answered, then the flow resumes. */
function isSideQuestion(state: DialogueState, u: Understanding, index: number): boolean {
  // The message that began the goal is the goal itself ("what time is my appointment?").
  if (!state.goal || !u.asks || state.goalStart === index) return false;
  const fills = Object.keys(u.slots).some((k) => k !== 'service');
  const flowWord = u.top === 'cancel' || u.top === 'reschedule' || u.correction;
  return !fills && !flowWord && !u.yes && !u.no;
}

function step(state: DialogueState, u: Understanding, turn: ToolExchange[], ctx: FlowContext, index: number): Step {
  const t = say(state.lang);
  const done = (name: string) => turn.find((x) => x.name === name);

  if (u.safety === 'gas') return reply(t.gas, { awaiting: 'handoff_offer' });
  if (u.safety === 'emergency') return reply(t.emergency(hazardSteps(t, u.hazard), t.surcharge), { awaiting: 'handoff_offer' });
  // "how do i stop it??", "ok what do i do right now": right after an emergency, its first steps again.
  if (state.emergency && state.awaiting === 'handoff_offer' && WHAT_NOW.test(u.text) && !u.intents.price) return reply(t.emergencyNow(hazardSteps(t, hazardOf(state.emergency))), { awaiting: 'handoff_offer' });

  const complaining = (u.intents.complaint ?? 0) > 0;
  const handoff = () => {
    // A frustrated request for a person also leaves a ticket, so the complaint is not lost in the chat.
    if (complaining && !done('open_ticket')) return ticket();
    const x = done('request_human');
    if (!x) return callTool('request_human', state.emergency ? { reason: `${state.emergency} (then: ${u.text})`.slice(0, 500), emergency: true } : { reason: u.text.slice(0, 500) });
    // Upset ("i want a manager, your tech is 2 hours late") gets an apology, and what the business promises about it.
    const upset = complaining || sentimentOf([u.text]) <= -0.25;
    const sorry = upset ? `${t.sorry} ` : '';
    if (!x.result.ok) return reply(t.handoffFailed(x.result.error?.message ?? 'unknown error'));
    const topics = complaining ? complaintTopics(u.text) : '';
    if (topics) {
      const policy = knowledgeAnswer({ ...u, text: topics }, turn, state.lang, 1);
      if (policy.kind === 'call') return { decision: policy };
      if (policy.text !== t.canHelpWith) return reply(`${sorry}${t.handoff}\n\n${policy.text}`);
    }
    return reply(`${sorry}${t.handoff}`);
  };
  const ticket = () => callTool('open_ticket', { subject: u.text.replace(/\s+/g, ' ').slice(0, 120), description: u.text.slice(0, 5000), priority: 'high' });
  // The ticket asked for after the problem was told: the problem is its subject, and what the customer said its description.
  const ticketFromTalk = () => {
    const said = ctx.conv.users.filter((i) => i <= index).slice(-5).map((i) => ctx.conv.text(ctx.conv.messages[i]!).trim()).filter(Boolean);
    const story = said.length > 1 ? said.at(-2)! : u.text;
    return callTool('open_ticket', { subject: story.replace(/\s+/g, ' ').slice(0, 120), description: said.join('\n').slice(0, 5000), priority: 'high' });
  };
  if (u.top === 'unsafe') return reply(t.unsafe);
  if (u.top === 'refuse') return reply(t.refuse);
  if (u.insult) return reply(t.noInsult);
  // "cmon just one line" right after declining to write an insult: still no.
  if (PRESSING.test(u.text) && !Object.keys(u.slots).length && previousSaid(ctx, index, insultRequest)) return reply(t.noInsultAgain);
  // "how much extra is that?", "ok got it off. is it more expensive at night?" right after an emergency: the
  // after-hours surcharge (before any "ok" in it is taken as a yes).
  if (state.awaiting === 'handoff_offer' && (u.intents.price || /\bextra\b/i.test(u.text)) && !u.slots.service) {
    const query = state.lang === 'es' ? 'emergencias recargo fuera de horario' : 'emergency after-hours surcharge fee';
    const answer = knowledgeAnswer({ ...u, text: query, lang: state.lang }, turn, state.lang);
    if (answer.kind === 'call') return { decision: answer };
    return reply(`${answer.text}\n\n${t.offerPerson}`, { awaiting: 'handoff_offer' });
  }
  if (state.awaiting === 'handoff_offer' && u.yes) return handoff();
  if (u.top === 'human') return handoff();
  // "pls open a ticket. Lena Kowalski 773 …": asked for in so many words, a ticket is opened (once a conversation:
  // after one is open, the details go to a person with the rest of the talk).
  const askedTicket = u.ticketAsked && !u.no && !exchangesSince(ctx.conv, 0).some((x) => x.name === 'open_ticket' && x.result.ok && !turn.includes(x));
  if (u.top === 'complaint' || (complaining && !state.goal) || askedTicket) {
    const x = done('open_ticket');
    if (!x) return askedTicket ? ticketFromTalk() : ticket();
    // What the business promises about it (warranty, fees), when the knowledge base speaks to it.
    // One article at most: the ticket and the search already took two of the turn's model rounds.
    // The promises a complaint touches, searched for themselves (the whole story would find its furnace tips).
    const policy = knowledgeAnswer({ ...u, text: complaintTopics(u.text) || u.text }, turn, state.lang, 1);
    if (policy.kind === 'call') return { decision: policy };
    const quote = policy.text === t.canHelpWith ? '' : `\n\n${policy.text}`;
    const number = x.result.ok ? (x.result.data as { number?: string }).number : undefined;
    return reply(`${number ? t.complaint(number) : t.complaintNoTicket}${quote}`, { awaiting: 'handoff_offer' });
  }
  // Contact details in answer to "shall I connect you with a person?" are a yes.
  if (state.awaiting === 'handoff_offer' && (u.slots.phone || u.slots.name) && !u.top && !u.no) return handoff();
  if (state.awaiting === 'handoff_offer' && u.no) return reply(t.welcome);

  // "oops that's my old address, it's …", "the last 4 should be 0173": right after booking, a corrected detail.
  const amend = amendment(state, u);
  if (amend) {
    const x = done('update_booking_details');
    if (!x) return callTool('update_booking_details', { booking_number: state.lastBooked!.number, ...amend.fields });
    return reply(x.result.ok ? t.amended(state.lastBooked!.number, amend.said(t)) : t.amendFailed(state.lastBooked!.number, x.result.error?.message ?? ''));
  }
  // "if i cancel now do i get charged?": the policy, for the customer's own booking's timing.
  if (asksWhatAChangeCosts(state, u)) return changeCostStep(state, u, ctx);
  // "does my panel need to be upgraded for that?" after the price of an EV charger: a question about the job offered,
  // answered from its article; the offer stands (the panel upgrade it names is not what they are booking).
  const offered = state.awaiting === 'book_offer' ? state.offered : undefined;
  if ((!state.goal && offered && okThenAsks(u)) || (!state.goal && offered && u.asks && !u.yes && JOB_REFERENCE.test(u.text) && !POLICY_TOPIC.test(u.text) && !u.slots.date && u.slots.time === undefined)) {
    const answer = knowledgeAnswer({ ...u, text: `${u.text} ${offered!.name}` }, turn, state.lang, 3, offered!.name);
    if (answer.kind === 'call') return { decision: answer };
    return reply(`${answer.text}\n\n${t.wantBook}`, { awaiting: 'book_offer', offered: offered! });
  }
  const side = isSideQuestion(state, u, index);
  // Questions answered from data (work we don't do, the fee, a town, a job's length, the technician).
  if (!state.goal || side || (u.outOfScope && !u.slots.date)) {
    const info = infoAnswer(state, u, turn, ctx);
    if (info?.kind === 'call') return { decision: info };
    if (info) {
      const keep = { ...(state.pending ? { pending: state.pending } : {}), ...(state.awaiting ? { awaiting: state.awaiting } : {}) };
      if (state.goal && state.pending) return reply(`${info.text} ${t.backTo(askText(state.pending, state.lang))}`, keep);
      const service = u.slots.service ?? state.slots.service;
      if (info.offerBooking && service) return reply(`${info.text} ${t.offer(service.name, money(service.price_cents))} ${t.wantBook}`, { awaiting: 'book_offer', offered: service });
      return reply(info.text, keep);
    }
  }
  if (side) {
    // "wait, how much is it?": the price of the service being booked is in the catalogue.
    const service = u.slots.service ?? state.slots.service;
    const priceOnly = u.intents.price && !/\b(fee|visit|diagnos|extra|parts|if)\b/i.test(u.text) && service;
    const job = state.slots.service ?? service;
    const resumeText = state.pending ? ` ${t.backTo(askText(state.pending, state.lang))}` : '';
    const keepOpen = { ...(state.pending ? { pending: state.pending } : {}), ...(state.awaiting ? { awaiting: state.awaiting } : {}) };
    const several = u.intents.price ? servicesNamed(u.text, ctx.catalog) : [];
    if (several.length >= 2) return reply(`${t.servicePrices(several.map((s) => [s.name, money(s.price_cents), s.duration_minutes ?? 60]))}${resumeText}`, keepOpen);
    // "how much is it, and are parts extra?": the job's price, and the other question answered about that job.
    const other = u.intents.price && job ? otherQuestion(u.text) : undefined;
    if (other && job && PRICE_WORDS.test(u.text.replace(other, ' '))) {
      const more = knowledgeAnswer({ ...u, text: `${other} ${job.name}` }, turn, state.lang, 3, job.name);
      if (more.kind === 'call') return { decision: more };
      const description = state.lang === 'en' ? ` ${job.description ?? ''}` : '';
      const price = `${t.servicePrice(job.name, money(job.price_cents), job.duration_minutes ?? 60)}${description}`.trim();
      return reply(`${price}${more.text !== t.canHelpWith ? `\n\n${more.text}` : ''}${resumeText}`, keepOpen);
    }
    const answer: Decision = priceOnly
      ? { kind: 'reply', text: t.servicePrice(service.name, money(service.price_cents), service.duration_minutes ?? 60) }
      : // "will my panel be able to handle it?" asks about the job being booked: its name joins the search.
        // "it" is the job being booked, whatever else the question names ("will my panel handle it?").
        job && JOB_REFERENCE.test(u.text) && !POLICY_TOPIC.test(u.text)
          ? knowledgeAnswer({ ...u, text: `${u.text} ${job.name}` }, turn, state.lang, 3, job.name)
          : knowledgeAnswer(u, turn, state.lang);
    if (answer.kind === 'call') return { decision: answer };
    const resume = state.pending ? ` ${t.backTo(askText(state.pending, state.lang))}` : '';
    return reply(`${answer.text}${resume}`, { ...(state.pending ? { pending: state.pending } : {}), ...(state.awaiting ? { awaiting: state.awaiting } : {}) });
  }

  // "yes please book it" right after the booking was made: it is made; no second one, no service list.
  if (state.goal === 'book' && state.goalStart === index && state.lastBooked && !u.slots.service && !u.slots.date && u.slots.time === undefined && !u.asks) {
    return reply(t.alreadyBooked(state.lastBooked.number, dayName(state.lastBooked.date, state.lang), clock(state.lastBooked.time)), { done: true });
  }
  if (state.goal === 'book') return bookingStep(state, u, ctx);
  if (state.goal === 'cancel' || state.goal === 'reschedule') return manageStep(state, u, ctx);
  if (state.goal === 'lookup') return lookupStep(state, u, ctx);

  switch (u.top) {
    case 'tasks_add': {
      const title = u.text.replace(/^.*?(remind me to|add (?:a )?task(?: to)?:?|new task:?|to-?do:)\s*/i, '').trim() || u.text;
      const x = done('add_task');
      if (!x) return callTool('add_task', { title: title.slice(0, 200) });
      return reply(x.result.ok ? t.taskAdded(title) : t.failed(x.result.error?.message ?? ''));
    }
    case 'tasks_list': {
      const x = done('list_tasks');
      if (!x) return callTool('list_tasks', {});
      if (!x.result.ok) return reply(t.failed(x.result.error?.message ?? ''));
      const data = x.result.data as { tasks?: { id: number; title: string; status: string }[] } | { id: number; title: string; status: string }[];
      const tasks = Array.isArray(data) ? data : (data.tasks ?? []);
      return reply(tasks.length ? t.yourTasks(tasks.map((k) => `- #${k.id} ${k.title} (${k.status.replace('_', ' ')})`).join('\n')) : t.noTasks);
    }
    case 'price':
    case 'services': {
      const service = u.slots.service;
      // "how much is a drain cleaning? and a leak repair??": each service's price.
      const several = u.top === 'price' ? servicesNamed(u.text, ctx.catalog) : [];
      if (several.length >= 2 && !/\b(cancel\w*|reschedul\w*|late|no[- ]show|cancelar|cancelo)\b/i.test(u.text)) return reply(t.servicePrices(several.map((s) => [s.name, money(s.price_cents), s.duration_minutes ?? 60])));
      // "is there a charge if i cancel?": the policy, not the service's price.
      if (service && !/\b(cancel\w*|reschedul\w*|late|no[- ]show|cancelar|cancelo)\b/i.test(u.text)) {
        // The catalogue's descriptions are written in English: a Spanish reply gives the price and length only.
        const description = state.lang === 'en' ? (service.description ?? '') : '';
        const price = `${t.servicePrice(service.name, money(service.price_cents), service.duration_minutes ?? 60)} ${description}`.replace(/\s+/g, ' ').trim();
        // "how much is it? and do you have financing?": the other question is answered too, from the knowledge base.
        const other = otherQuestion(u.text);
        if (other) {
          const answer = knowledgeAnswer({ ...u, text: other }, turn, state.lang, 2);
          if (answer.kind === 'call') return { decision: answer };
          if (answer.text !== t.canHelpWith) return reply(`${price}\n\n${answer.text}\n\n${t.wantBook}`, { awaiting: 'book_offer', offered: service });
        }
        return reply(`${price} ${t.wantBook}`, { awaiting: 'book_offer', offered: service });
      }
      // "and how much is it gonna be?" after a booking was looked up (or made): that booking's price.
      const visit = !service && !u.feeQuestion && u.top === 'price' && BOOKING_REFERENCE.test(u.text) ? bookingInView(ctx.conv) : undefined;
      if (visit) {
        const entry = ctx.catalog.find((c) => c.slug === visit.service.slug);
        return reply(t.servicePrice(visit.service.name, money(visit.price_cents || entry?.price_cents), entry?.duration_minutes ?? 60));
      }
      if (u.top === 'services' || !u.asks) return reply(describeCatalog(ctx.catalog, state.lang));
      break;
    }
    case 'greeting':
      return reply(t.greeting(ctx.config.businessName));
    case 'thanks':
      return reply(t.welcome);
    case 'bye':
      return reply(t.bye);
    default:
      break;
  }
  if (state.awaiting === 'book_offer' && u.no) return reply(t.welcome);
  // "ok nvm ill keep it": nothing changes.
  if (u.keep && !u.asks) return reply(t.keepIt);
  // "yup thats it", "yes confirm" right after the booking was made: it is made, nothing more to do.
  if (state.lastBooked && u.yes && !u.asks && !Object.keys(u.slots).length) {
    return reply(t.alreadyBooked(state.lastBooked.number, dayName(state.lastBooked.date, state.lang), clock(state.lastBooked.time)));
  }
  const answer = knowledgeAnswer(u, turn, state.lang);
  return answer.kind === 'call' ? { decision: answer } : reply(answer.text);
}

/** A price asked of the visit spoken of: "how much is it gonna be?", "what will that cost", "¿cuánto me va a costar?". */
const BOOKING_REFERENCE = /\b(it|that|this|the (visit|appointment|appt|booking|job|repair|service|bill|total)|my (visit|appointment|appt|booking|bill|total))\b|\b(gonna|going to|will) (be|cost|run)\b|\b(lo|la|eso|me va a (costar|salir)|va a (costar|salir)|cuesta|sale)\b/i;

/** Pressing for what was declined: "cmon just one line", "please just do it", "ándale, porfa". */
const PRESSING = /^\s*(c'?mon|come on|cmon|please|pls|plz|just (one|1|a|do it|write|this once)|only one|one line|it'?s (just )?a joke|ándale|andale|porfa|vamos|solo una)\b/i;

/** The customer's message before `index` passes `test`. */
function previousSaid(ctx: FlowContext, index: number, test: (text: string) => boolean): boolean {
  const before = ctx.conv.users.filter((i) => i < index).at(-1);
  return before !== undefined && test(ctx.conv.text(ctx.conv.messages[before]!));
}

/** What to do first in an emergency of that kind. */
function hazardSteps(t: ReturnType<typeof say>, hazard: Understanding['hazard']): string {
  return hazard === 'electrical' ? t.electricalSteps : hazard === 'water' ? t.waterSteps : t.emergencySteps;
}

/** "how do i stop it?", "what do i do now", "qué hago": asking for the first steps. */
const WHAT_NOW = /\b(how (do|can|should) (i|we) (stop|fix|shut|turn off|handle|deal with)|what (do|should|can) (i|we) do|what now|now what|qu[eé] (hago|hacemos|debo hacer)|c[oó]mo (lo )?(paro|detengo|cierro))\b/i;

/** A question about the job being booked: "will my panel handle it?", "does that include the permit?" (not "that's more than i budgeted"). */
const JOB_REFERENCE = /\b(handle|do|support|take|need|fit|run|power|cover|include|includes|damage|affect)\s+(it|this|that|the job|the install\w*)\b|\b(it|this|that)\s+(need|needs|require|requires|take|takes|include|includes|come with|comes with|cover|covers|mean)\b|\b(for|during|before|after) (it|this|that|the job|the install\w*|the visit)(?=\s*(?:[?.!,;]|$))|\bthe (job|install\w*)\b/i;

/** What a booking's rules say, not the job: cancelling, moving, missing it ("do you charge for that?" is then the policy's). */
const POLICY_TOPIC = /\b(cancel\w*|reschedul\w*|no[- ]show|cancelar|cancelo|reprogramar)\b/i;

/** A second question beside the price ("… y tienen financiamiento?"): the clause that asks something else, if any. */
function otherQuestion(text: string): string | undefined {
  const clauses = questionClauses(text, 2);
  if (clauses.length < 2) return undefined;
  return clauses.find((c) => !PRICE_WORDS.test(c));
}

/** What the business promises that a complaint touches: the guarantee for a repeat problem, waived fees. */
function complaintTopics(text: string): string {
  const topics: string[] = [];
  if (/\b(again|already|came back|comes back|still|same (problem|issue)|keeps?|otra vez|de nuevo|sigue|ya)\b/i.test(text)) topics.push('satisfaction guarantee warranty 30 days no charge');
  // Something we installed that fails: the installation's labor warranty.
  if (/\b(install\w*|put in|replaced|new)\b/i.test(text) && /\b(already|leak\w*|broke\w*|fail\w*|flicker\w*|stopped|not working|covered)\b/i.test(text)) topics.push('warranty two-year labor new installations');
  if (/\b(fee|charged|charge|cargo|cobraron)\b/i.test(text) && /\b(sick|flu|ill|illness|hospital|covid|emergency|weather|snow|storm|enfermo|enferma)\b/i.test(text)) topics.push('waive fees illness emergencies severe weather');
  return topics.join(' ');
}

export function askText(ask: Ask, lang: Lang): string {
  const t = say(lang);
  return { service: t.askService, date: t.askDate, time: t.askTime, name: t.askName, phone: t.askPhone, address: t.askAddress, bookingNumber: t.askBookingNumber, newTime: t.askNewTime, codeChannel: t.askChannel, code: t.askCode }[ask];
}

function describeCatalog(catalog: readonly CatalogEntry[], lang: Lang): string {
  const byCategory = new Map<string, CatalogEntry[]>();
  for (const s of catalog) byCategory.set(s.category, [...(byCategory.get(s.category) ?? []), s]);
  const lines = [...byCategory].map(([category, items]) => `${category}:\n${items.map((s) => `- ${s.name}: ${money(s.price_cents)}`).join('\n')}`);
  return `${say(lang).servicesIntro}\n${lines.join('\n')}`;
}

/**
 * What cancelling or moving would cost, asked before doing it: "if i cancel do i get charged?", "what would
 * cancelling cost", "is there a fee if i have to reschedule", "¿me cobran si cancelo?". A question about the
 * policy, not a request: the booking stays, and the answer is the policy.
 */
const CHANGE_COST = /\b(charge[sd]?|fee|fees|cost|costs|penalty|pay|cobran|cobrar|cobra|cargo|multa|costo)\b/i;
const IF_CHANGED = /\b(if|what if|in case|would|in the event|si|en caso de que)\b.{0,40}\b(cancel\w*|reschedul\w*|cancelo|cancelar|cambio|reprogramo)\b|\b(cancel\w*|reschedul\w*)\b.{0,30}\b(cost|costs|fee|charge|penalty)\b|\b(fee|charge|penalty|cost) (to|for|if (i|we|you)) (cancel\w*|reschedul\w*)/i;
export function changeCostQuestion(u: Pick<Understanding, 'text' | 'asks'>): boolean {
  return CHANGE_COST.test(u.text) && IF_CHANGED.test(u.text) && (u.asks || /\b(do i|will i|would i|is there|are there|me cobran)\b/i.test(u.text));
}

/** Outside any goal, the message asks what a change would cost: answered as policy, no goal started (absorb, step). */
const asksWhatAChangeCosts = (state: DialogueState, u: Understanding) => !state.goal && u.top === 'question' && changeCostQuestion(u);

/** A cancel or move that is only asked about (`changeCostQuestion`) is read as a question. */
function asPolicyQuestion(u: Understanding): Understanding {
  if ((u.top !== 'cancel' && u.top !== 'reschedule') || !changeCostQuestion(u)) return u;
  const intents = { ...u.intents, cancel: 0, reschedule: 0, question: Math.max(u.intents.question ?? 0, 1.5) };
  return { ...u, top: 'question', intents, asks: true };
}

/** The policy's entry point: the next step for this conversation. */
export function decide(messages: ModelMessage[], config: PolicyConfig, text: (m: ModelMessage) => string): Decision {
  const conv: Conversation = { messages, text, users: messages.flatMap((m, i) => (m.role === 'user' ? [i] : [])) };
  const lastUser = conv.users.at(-1);
  if (lastUser === undefined) return { kind: 'reply', text: say('en').greeting(config.businessName) };
  // The catalogue first: every message is then read for the service it names.
  const catalog = latestCatalog(conv);
  if (!catalog) return { kind: 'call', name: 'list_services', args: {} };

  const local = toZoned(config.now, config.timeZone);
  const systemName = /You are talking with ([^.\n]+)\./.exec(messages[0] && messages[0].role === 'system' ? text(messages[0]) : '')?.[1];
  let state: DialogueState = { lang: 'en', goalStart: 0, slots: {} };
  let last: Step | undefined;
  for (const [k, index] of conv.users.entries()) {
    const said = text(messages[index]!);
    const u = asPolicyQuestion(understand(said, { today: local.date, nowMinute: local.minute, catalog, lang: state.lang, expectingName: state.pending === 'name', expectingTime: state.pending === 'time' || state.pending === 'newTime' }));
    state = absorb(state, u, index);
    const end = conv.users[k + 1] ?? messages.length;
    const turn = exchangesSince({ ...conv, messages: messages.slice(0, end) }, index);
    const ctx: FlowContext = { conv: { ...conv, messages: messages.slice(0, end) }, config, catalog, today: local.date, systemName, turn };
    last = step(state, u, turn, ctx, index);
    // The instructions embedded in the message are declined in a sentence; the request beside them is served.
    if (u.injected && last.decision.kind === 'reply') last = { ...last, decision: { kind: 'reply', text: `${say(state.lang).injectionIgnored} ${last.decision.text}` } };
    // Only a reply ends a turn; the state as it stands after that reply is what the next message meets.
    // A booking looked up stays in view: "and what address do you have for it?", "ok cancel it".
    state = { ...state, ...(last.done ? { goal: undefined, slots: { ...pick(state.slots), ...(state.goal === 'lookup' && state.slots.bookingNumber ? { bookingNumber: state.slots.bookingNumber } : {}) } } : {}), ...(last.booked ? { lastBooked: last.booked, previousBooked: state.lastBooked?.number === last.booked.number ? state.lastBooked : undefined } : {}) };
    delete state.pending;
    delete state.awaiting;
    delete state.offered;
    if (last.pending) state.pending = last.pending;
    if (last.awaiting) state.awaiting = last.awaiting;
    // The emergency stays in view while its on-call offer is open.
    if (u.safety && last.awaiting === 'handoff_offer') state.emergency = said.slice(0, 300);
    else if (last.awaiting !== 'handoff_offer') delete state.emergency;
    if (last.offered) state.offered = last.offered;
  }
  const decision = last!.decision;
  if (decision.kind !== 'reply') return decision;
  // Never the same reply twice in a row: the second time, say so and offer a person.
  const previous = [...messages.slice(0, lastUser)].reverse().find((m) => m.role === 'assistant' && !m.tool_calls?.length);
  if (previous && text(previous).trim() === decision.text.trim()) {
    const t = say(state.lang);
    return { kind: 'reply', text: `${t.rephrase} ${decision.text} ${t.offerPerson}` };
  }
  return decision;
}

/** Contact details outlive a finished goal; the visit's details do not. */
function pick(slots: Slots): Slots {
  return { ...(slots.name ? { name: slots.name } : {}), ...(slots.phone ? { phone: slots.phone } : {}), ...(slots.address ? { address: slots.address } : {}), ...(slots.email ? { email: slots.email } : {}) };
}

