/**
 * Answers to questions a customer asks in passing, from data rather than a
 * knowledge-base search: work we don't do, the diagnostic fee, whether we come
 * to a town, how long a job takes, who the technician is. Each returns
 * undefined when the message is not that question, a tool call when it needs
 * data, or the reply; policy.ts decides whether the flow resumes after it.
 */
import { capitalise } from './contact';
import { exchangesSince, hhmm, type Decision, type ToolExchange } from './conversation';
import { areaArticle, areaVerdict, type FlowContext } from './flows';
import { daysNamed, knowledgeAnswer, namesDay } from './knowledge';
import type { DialogueState } from './policy';
import { money, type AvailabilityData } from './replies';
import { say } from './say';
import { questionClauses, type Understanding } from './understand';

export type Answer = Decision & { offerBooking?: boolean };

/** How long the job takes ("how long does the install take?"), not how long a thing lasts. */
const DURATION = /\bhow long (does|will|would|do)\b.{0,40}\b(take|be there|need)\b|\bhow long is (the|an?|my) (appointment|visit|job|install\w*|repair|cleaning|tune-?up)\b|\bhow many hours\b|\bcu[aá]nto (tiempo )?(tarda|toma|se demora)|\bcu[aá]nto dura (la|el) (visita|trabajo|instalaci[oó]n|reparaci[oó]n)/i;
/** "how long will the power be off?" is about the work's effect, which the knowledge base answers. */
const DURATION_OF_EFFECT = /\b(power|water|heat|electricity|luz|agua)\b.{0,20}\b(off|out|down|without|cortad[ao]|sin)\b|\bwithout (power|water|heat)/i;
const TECHNICIAN = /\bwho('?s| is| will be| would be)? (the )?(tech|technician|coming|doing it|doing the (job|work)|electrician|plumber|sending)\b|\bwhich (tech|technician|plumber|electrician)\b|\bqui[eé]n (viene|va a venir|es el t[eé]cnico|vendr[aá])/i;


/** A question asked beside the one about a town ("… cicero? y se puede pagar en efectivo?"): its clause, if any. */
function questionBeside(text: string, towns: string[]): string | undefined {
  const clauses = questionClauses(text, 3);
  const own = (c: string) => towns.some((town) => c.toLowerCase().includes(town.toLowerCase()));
  return clauses.length >= 2 ? clauses.find((c) => !own(c)) : undefined;
}

export function infoAnswer(state: DialogueState, u: Understanding, turn: ToolExchange[], ctx: FlowContext): Answer | undefined {
  const t = say(state.lang);
  if (u.outOfScope) return { kind: 'reply', text: t.outOfScope(u.outOfScope) };

  // "how soon may I expect to hear back?" after a ticket or a person was asked for: when the team follows up,
  // as the contact article promises it.
  if (u.followUpQuestion) {
    const earlier = exchangesSince(ctx.conv, 0);
    const ticket = earlier.find((x) => x.name === 'open_ticket' && x.result.ok);
    const escalated = ticket || earlier.some((x) => x.name === 'request_human') || /\b(ticket|case|complaint|refund|dispute|claim|manager|caso|queja|reclamo|reembolso)\b/i.test(u.text);
    if (escalated) {
      const query = state.lang === 'es' ? 'contacto caso queja respondemos en un día hábil' : 'complaint ticket service manager follows up within one business day';
      const answer = knowledgeAnswer({ ...u, text: query, lang: state.lang, slots: {} }, turn, state.lang, 1, undefined, (x) => /business day|d[ií]a h[aá]bil|ticket|caso/i.test(x));
      if (answer.kind === 'call') return answer;
      if (answer.text !== t.canHelpWith) {
        const number = ticket ? (ticket.result.data as { number?: string } | undefined)?.number : undefined;
        return { kind: 'reply', text: number ? `${t.caseWithTeam(number)} ${answer.text}` : answer.text };
      }
    }
  }

  // Opening hours, in any wording: the hours article, its sentences chosen by the days the customer names.
  if (u.hoursQuestion) {
    const query = `${state.lang === 'es' ? 'horario de atención abren cierran' : 'business hours open closed'} ${u.text}`;
    // The weekly hours (the lead), and what the article says of the days asked about ("closed on Sundays").
    const days = daysNamed(u.text);
    const answer = knowledgeAnswer({ ...u, text: query, lang: state.lang }, turn, state.lang, 1, undefined, days.length ? (s) => namesDay(s, days) : undefined);
    if (answer.kind === 'call' || answer.text !== t.canHelpWith) return answer;
  }

  const service = u.slots.service ?? state.slots.service;
  if (u.areaQuestion) {
    const span = exchangesSince(ctx.conv, state.goalStart);
    const read = areaArticle(state.lang, span, turn);
    if ('call' in read) return read.call.decision;
    // "skokie and orland park?": each town asked about, in turn.
    const towns = u.areaQuestion.town.split(/\s*(?:,|\band\b|\bor\b|\by\b|\bo\b)\s*/).map((x) => x.trim()).filter((x) => x.length > 1);
    const verdicts = towns.map((name) => ({ name, town: capitalise(name), verdict: areaVerdict(name, read.sentences) }));
    if (verdicts.every((v) => v.verdict.kind === 'unknown') && !u.areaQuestion.strong) return undefined;
    const coverage = (read.sentences[0] ?? '').replace(/^(We serve|Atendemos) /i, '').replace(/\.$/, '');
    const parts = verdicts.map(({ town, verdict }) => {
      const text = {
        served: t.serves(town),
        fee: t.servesFee(town, verdict.fee ?? ''),
        not_served: t.notServed(town, coverage),
        unknown: t.notServed(town, coverage),
      }[verdict.kind];
      // The article's own sentence ("Sí, atendemos …" already says yes), each said once.
      const sentence = verdict.kind !== 'unknown' ? (verdict.sentence ?? '') : '';
      return /^(yes|s[ií])\b/i.test(sentence) && verdict.kind === 'served' ? sentence : `${text} ${sentence}`.trim();
    });
    const outside = verdicts.some((v) => v.verdict.kind === 'not_served' || v.verdict.kind === 'unknown');
    const said = `${[...new Set(parts)].join(' ')}${outside ? ` ${t.offerPerson}` : ''}`;
    const served = verdicts.some((v) => v.verdict.kind === 'served' || v.verdict.kind === 'fee');
    // "do you come to cicero? and can i pay cash?": the other question is answered too, from its own article.
    const other = questionBeside(u.text, towns);
    let more = '';
    if (other) {
      const answer = knowledgeAnswer({ ...u, text: other, slots: {} }, turn, state.lang, 1);
      if (answer.kind === 'call') return answer;
      if (answer.text !== t.canHelpWith) more = `\n\n${answer.text}`;
    }
    return { kind: 'reply', text: `${said}\n\n${t.source(read.title)}${more}`, offerBooking: Boolean(service) && served && !outside };
  }

  if (u.feeQuestion) {
    const query = state.lang === 'es' ? 'precios cargo por visita de diagnóstico' : 'service-call diagnostic fee price';
    const answer = knowledgeAnswer({ ...u, text: query, lang: state.lang, slots: {} }, turn, state.lang, 1);
    if (answer.kind === 'call') return answer;
    const price = service ? ` ${t.servicePrice(service.name, money(service.price_cents), service.duration_minutes ?? 60)}` : '';
    return { kind: 'reply', text: `${answer.text}${price}` };
  }

  if (service && DURATION.test(u.text) && !DURATION_OF_EFFECT.test(u.text)) return { kind: 'reply', text: t.duration(service.name, service.duration_minutes ?? 60) };

  if (service && TECHNICIAN.test(u.text) && state.slots.date) {
    const span = exchangesSince(ctx.conv, state.goalStart);
    const date = state.slots.date;
    const availability = [...span, ...turn].reverse().find((x) => x.name === 'check_availability' && x.args.service === service.slug && x.result.ok && (x.result.data as AvailabilityData).days.some((d) => d.date === date));
    if (!availability) return { kind: 'call', name: 'check_availability', args: { service: service.slug, date_from: date } };
    const slots = (availability.result.data as AvailabilityData).days.find((d) => d.date === date)?.slots ?? [];
    const at = state.slots.time !== undefined ? slots.filter((s) => s.time === hhmm(state.slots.time!)) : slots;
    const names = [...new Set(at.map((s) => s.employee_name))];
    if (names.length) return { kind: 'reply', text: t.technician(names.join(state.lang === 'es' ? ' o ' : ' or ')) };
  }
  return undefined;
}
