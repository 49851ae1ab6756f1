/**
 * Knowledge answers that are honest about relevance: search, read the best
 * article, and quote only its sentences that speak to what was asked (cited).
 * When no sentence shares a content word with the question, the article is
 * not the answer, however it ranked: say what we can help with instead.
 */
import type { Decision, ToolExchange } from './conversation';
import type { Lang } from './language';
import { say } from './say';
import type { Understanding } from './understand';

/** Spanish question words mapped to the English the articles are written in. */
const ES_TO_EN: Record<string, string> = {
  horario: 'hours', horarios: 'hours', abren: 'open hours', cierran: 'closed hours', abiertos: 'open hours', sábado: 'saturday', sabado: 'saturday', domingo: 'sunday',
  precio: 'price', precios: 'prices', cuesta: 'price cost', cobran: 'fee charge', tarifa: 'fee', visita: 'service call fee',
  garantía: 'warranty', garantia: 'warranty', zona: 'service area', zonas: 'service areas', área: 'service area', pago: 'payment', pagar: 'payment pay', tarjeta: 'card payment',
  financiamiento: 'financing', cancelar: 'cancellation', cancelación: 'cancellation', licencia: 'licensed', seguro: 'insured insurance', emergencia: 'emergency',
  calefacción: 'furnace heat', calentador: 'water heater', tubería: 'pipes', congelada: 'frozen', cargador: 'ev charger', panel: 'panel',
};

/** Lower case with accents folded: customers type "credito" for "crédito". */
const fold = (text: string) => text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

const STOP = new Set(
  'what when where which does have your you are the and for with that this from about there their will would could should can how much many any some into just like want need know tell please hello thanks there here they them then than also only been being were does doing done make made really very more most other such into over under after before while because para como tienen ustedes usted hacen pueden puede tengo quiero necesito cual cuál cuando cuándo donde dónde esta está este esto sobre también sell sells selling buy give gives lol haha okay three four five seven eight nine eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety'.split(' ').map(fold),
);

/** The words of a question that carry its meaning, as 4-letter stems ("prices" and "pricing" meet). */
function contentStems(text: string): string[] {
  const folded = fold(text);
  return [...new Set((folded.match(/[a-z0-9$áéíóúñü]+/g) ?? []).filter((w) => w.length >= 4 && !STOP.has(w)).map((w) => w.slice(0, 4)))];
}

/** Everyday words customers use for what the articles call otherwise. */
const EN_EXPAND: Record<string, string> = {
  charge: 'fee price', charges: 'fee price', cost: 'price', costs: 'price', techs: 'technicians', tech: 'technician', guys: 'technicians',
  long: 'hours', phone: 'contact call', number: 'contact', call: 'contact', email: 'contact', far: 'service areas miles travel', sundays: 'sunday closed', sunday: 'closed', weekends: 'saturday sunday', home: 'adult home', pay: 'payment', card: 'payment', warranty: 'warranty guarantee', weekdays: 'monday friday hours', weekday: 'monday friday hours', weekend: 'saturday sunday hours', open: 'hours', upfront: 'deposit advance', money: 'payment deposit', deposit: 'deposit', identification: 'photo badge uniform', dog: 'pets', dogs: 'pets', cat: 'pets', cats: 'pets', prepare: 'expect visit', trip: 'travel fee',
};

function searchQuery(u: Pick<Understanding, 'text' | 'lang'>): string {
  if (u.lang !== 'es') {
    // "do you guys …" is "do you …": the technicians are not what is asked about.
    const text = u.text.replace(/\byou guys\b/gi, 'you');
    const extra = (text.toLowerCase().match(/[a-z]+/g) ?? []).map((w) => EN_EXPAND[w]).filter(Boolean);
    // "do you do payment plans?", "can i pay it off over time": financing.
    if (/\bpayment plans?\b|\bmonthly payments?\b|\bpay (it |that )?(off )?(over time|monthly|in installments)\b|\binstall?ments?\b|\bfinanc\w*/i.test(text)) extra.push('financing monthly payments');
    // "does somebody have to be home for it?": who must be there, in what to expect at the visit.
    if (/\b(some(one|body)|anyone|anybody|an adult|i|we) (have|has|need|needs|got|gotta) (to )?be (home|there|present)\b|\bbe (home|there) for (it|the|this|that)\b/i.test(text)) extra.push('adult home expect visit');
    // "will he have some kind of id?" (not "id rather just call"): identification.
    if (/\b(some (kind|sort) of|an?|any|photo|their|his|her|show( me)?|carry|have) id\b|\bbadges?\b/i.test(u.text)) extra.push('photo badge uniform identification');
    // "what if i have to cancel, do you charge for that?": the cancellation policy, not the price list.
    if (/\b(cancel\w*|reschedul\w*|no[- ]show|call (it )?off|miss (the|my) (appointment|appt|visit))\b/i.test(text)) extra.push('cancellation rescheduling policy late change');
    // "do i pay anything up front?", "pay in advance": when payment is due, and any deposit.
    if (/\bup[- ]?front\b|\bin advance\b|\bahead of time\b|\bbefore the (work|job)\b/i.test(u.text) && /\b(pay|paid|payment|money|charge|deposit)\b/i.test(u.text)) extra.push('payment due deposit');
    // "do you take apple pay / venmo / amex?": the payment methods.
    if (/\b(apple|google|samsung) ?pay\b|\b(venmo|zelle|paypal|cash ?app|amex|visa|mastercard|discover|checks?|cash|credit|debit)\b/i.test(u.text) && /\b(take|accept|use|pay|paying|payment)\b/i.test(u.text)) extra.push('payment methods accept');
    // "what should i do before the tech comes?" (not "before i give my info, …"): what to expect at the visit.
    if (/\bbefore (the|my|your|a|they|he|she) (visit|appointment|appt|tech|technician|plumber|electrician|arrive|arrives|come|comes|get here|gets here)\b/i.test(u.text)) extra.push('expect visit');
    return `${text} ${extra.join(' ')}`.slice(0, 300).trim();
  }
  const words = u.text.toLowerCase().match(/[a-záéíóúñ]+/g) ?? [];
  const english = words.map((w) => ES_TO_EN[w]).filter(Boolean);
  return `${u.text} ${english.join(' ')}`.slice(0, 300).trim();
}

/** The article's title names the job `about` (a service's name): two of its content words, or its only one. */
function aboutJob(title: string, about: string | undefined): boolean {
  if (!about) return false;
  const job = contentStems(about);
  const own = new Set(contentStems(title));
  return job.filter((s) => own.has(s)).length >= Math.min(2, job.length);
}

/** Tool calls one turn can make: the agent loop's six model rounds (worker/agent/loop.ts), less the reply's. */
const TOOL_ROUNDS = 5;

/** What the knowledge base says to a question: a tool to call first, nothing relevant, or the sentences of one article. */
export type KnowledgeMatch =
  | { kind: 'call'; name: string; args: Record<string, unknown> }
  | { kind: 'none' }
  | { kind: 'found'; article: { id: number; title: string }; sentences: string[] };

/**
 * Search, read, and pick the relevant sentences of the best article; or find that nothing answers.
 * The offline model words it (`knowledgeAnswer`); staff assist drafts from it (worker/agent/suggest.ts).
 * @example knowledgeMatch({ text: 'are you open on saturday?', lang: 'en' }, exchanges, 'en')
 */
export function knowledgeMatch(u: Pick<Understanding, 'text' | 'lang'>, turn: ToolExchange[], lang: Lang, maxReads = 3, about?: string): KnowledgeMatch {
  const query = searchQuery(u);
  // This question's own search (an area check earlier in the turn searched for something else).
  const search = turn.find((x) => x.name === 'search_knowledge_base' && String(x.args.query ?? '').trim() === query);
  if (!search) return { kind: 'call', name: 'search_knowledge_base', args: { query } };
  const data = (search.result.ok ? search.result.data : []) as { id: number; title: string }[] | { results?: { id: number; title: string }[] };
  // The articles in the customer's language first (Spanish ones have slugs ending in -es).
  const all = (Array.isArray(data) ? data : (data.results ?? [])) as { id: number; title: string; slug?: string }[];
  const spanish = (h: { slug?: string }) => (h.slug ?? '').endsWith('-es');
  // In search order, each article in the customer's language where it has one: a Spanish question reads the
  // Spanish version of a policy, and an English one where no translation was found (payment methods).
  const slugs = new Set(all.map((h) => h.slug ?? ''));
  const hits = all
    .filter((h) => (lang === 'es' ? spanish(h) || !slugs.has(`${h.slug}-es`) : !spanish(h) || !all.some((x) => !spanish(x))))
    // A question about the job being booked ("will my panel handle it?") reads that job's article first.
    .sort((a, b) => Number(aboutJob(b.title, about)) - Number(aboutJob(a.title, about)))
    .slice(0, maxReads);
  if (!hits.length) return { kind: 'none' };
  // The best hits are read one by one until one clearly speaks to the question (at most three, so a
  // turn stays within the loop's model rounds); the best of those read wins, search rank breaking ties.
  const stems = contentStems(query);
  const read: { hit: (typeof hits)[number]; sentences: { sentence: string; index: number; score: number }[]; titleHits: number; value: number }[] = [];
  for (const [rank, hit] of hits.entries()) {
    const article = turn.find((x) => x.name === 'get_kb_article' && Number(x.args.article_id) === hit.id);
    // A turn has a few model rounds, the last one for the reply: with the budget spent (an area check and a
    // second question before this one), the articles read so far are all there is.
    if (!article && read.length && turn.length >= TOOL_ROUNDS) break;
    if (!article) return { kind: 'call', name: 'get_kb_article', args: { article_id: hit.id } };
    const body = article.result.ok ? (article.result.data as { body: string }).body : '';
    // A stop inside a word ("help@brightside.example", "$1.50") does not end a sentence.
    const sentences = (body.replace(/\s+/g, ' ').match(/(?:[^.!?]|[.!?](?=[\w@$]))+[.!?]+/g) ?? [body]).map((sentence, index) => {
      const own = new Set(contentStems(sentence));
      return { sentence: sentence.trim(), index, score: stems.filter((s) => own.has(s)).length };
    });
    const titleHits = stems.filter((s) => contentStems(hit.title).includes(s)).length;
    const best = Math.max(0, ...sentences.map((s) => s.score));
    // The title says what an article is about: a word of the question in it counts double.
    read.push({ hit, sentences, titleHits, value: best + 2 * titleHits - rank * 0.5 });
    if (best >= 3 || (titleHits >= 1 && best >= 2)) break;
  }
  const winner = [...read].sort((a, b) => b.value - a.value)[0]!;
  const sentences = winner.sentences;
  if (!winner.titleHits && !sentences.some((s) => s.score > 0)) return { kind: 'none' };
  // The article's lead (it answers its title) and the sentences that share most words with the question.
  const others = sentences.slice(1).filter((s) => s.score > 0).sort((a, b) => b.score - a.score || a.index - b.index).slice(0, 3);
  // A general question about what the title names ("whats your cancellation policy") gets the article's opening.
  const general = winner.titleHits >= 1 && stems.length <= 3 && others.length < 2 ? sentences.slice(1, 3) : [];
  const chosen = [...new Set([sentences[0]!, ...others, ...general])].sort((a, b) => a.index - b.index);
  return { kind: 'found', article: { id: winner.hit.id, title: winner.hit.title }, sentences: chosen.map((s) => s.sentence) };
}

/**
 * Search, read, and answer from the relevant sentences; or admit the knowledge base has no answer.
 * `keep` narrows the sentences after the article's lead to those it accepts.
 */
export function knowledgeAnswer(u: Understanding, turn: ToolExchange[], lang: Lang, maxReads = 3, about?: string, keep?: (sentence: string) => boolean): Decision {
  const t = say(lang);
  const match = knowledgeMatch(u, turn, lang, maxReads, about);
  if (match.kind === 'call') return match;
  if (match.kind === 'none') return { kind: 'reply', text: t.canHelpWith };
  const sentences = keep ? match.sentences.filter((s, i) => i === 0 || keep(s)) : match.sentences;
  return { kind: 'reply', text: `${sentences.join(' ')}\n\n${t.source(match.article.title)}` };
}

/** Days and holidays an hours question names ("sundays", "sábado", "new year's"), folded, as 4-letter stems. */
export function daysNamed(text: string): string[] {
  const days = fold(text).match(/\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekends?|weekdays?|holidays?|christmas|thanksgiving|new year|july 4|labor day|memorial day|lunes|martes|miercoles|jueves|viernes|sabados?|domingos?|fin(es)? de semana|feriados?|navidad|accion de gracias|ano nuevo)/g) ?? [];
  return [...new Set(days.map((d) => d.slice(0, 4)))];
}

/** The sentence names one of the stems `daysNamed` found. */
export const namesDay = (sentence: string, stems: string[]) => stems.some((stem) => fold(sentence).includes(stem));
