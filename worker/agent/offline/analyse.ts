/**
 * Conversation intelligence without a model: what a conversation was about
 * (the dialogue engine's own intents), how the customer felt (a small
 * sentiment lexicon in English and Spanish, with negation and intensifiers),
 * what service area it touched, how it ended, and an extractive summary.
 * Deterministic, so the same transcript always gets the same analysis; the
 * configured model's structured-output call fills the same shape.
 */
import { detectLanguage } from './language';
import type { CatalogEntry } from './parse';
import { understand, type Intent } from './understand';

export interface TranscriptLine {
  role: 'user' | 'assistant' | 'staff' | 'system';
  text: string;
}

export interface ConversationFacts {
  /** Booking numbers created in the conversation. */
  booked: string[];
  /** Tickets opened in it. */
  tickets: string[];
  /** A person was asked for (request_human succeeded, or staff took over). */
  escalated: boolean;
}

export const OUTCOMES = ['booked', 'answered', 'escalated', 'abandoned'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface Analysis {
  summary: string;
  /** −1 (very negative) … 1 (very positive). */
  sentiment: number;
  sentimentLabel: 'negative' | 'neutral' | 'positive';
  /** The customer's main intent: book, cancel, reschedule, lookup, price, question, complaint, human, safety, other. */
  intent: string;
  /** The service category it touched (HVAC, Plumbing, Electrical), else billing, emergency or general. */
  category: string;
  outcome: Outcome;
}

const POSITIVE = new Set(
  'thanks thank thx great perfect awesome excellent amazing wonderful good nice helpful appreciate appreciated love happy glad fantastic quick fast easy resolved gracias perfecto excelente genial bueno buena amable feliz contento contenta rápido resuelto'.split(' '),
);
const NEGATIVE = new Set(
  'terrible awful horrible ridiculous unacceptable useless worst bad angry furious upset frustrated frustrating disappointed annoyed scam ripoff overcharged rude late broke broken still leaking damage damaged ruined mess complaint refund lawyer hate worse slow waiting problem problems issue issues wrong sucks pésimo pésima terrible horrible inaceptable molesto molesta enojado enojada decepcionado decepcionada queja reclamo malo mala roto rota tarde nunca problema peor'.split(' '),
);
const NEGATORS = new Set(['not', "isn't", "wasn't", "don't", "didn't", "doesn't", 'never', 'no', 'hardly', 'nada', 'tampoco']);
const INTENSIFIERS = new Set(['very', 'so', 'really', 'extremely', 'super', 'totally', 'completely', 'muy', 'súper', 'tan']);

/** Sentiment of the customer's words, −1 … 1: each lexicon hit ±1 (×1.5 after an intensifier, flipped after a negator). */
export function sentimentOf(texts: string[]): number {
  let score = 0;
  let hits = 0;
  for (const text of texts) {
    const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
    words.forEach((w, i) => {
      // "no problem" is thanks; "never again" a verdict.
      if (w === 'problem' && words[i - 1] === 'no') return void ((score += 1), (hits += 1));
      if (w === 'again' && words[i - 1] === 'never') return void ((score -= 1.5), (hits += 1));
      const polarity = POSITIVE.has(w) ? 1 : NEGATIVE.has(w) ? -1 : 0;
      if (!polarity) return;
      const negated = words.slice(Math.max(0, i - 3), i).some((b) => NEGATORS.has(b));
      const weight = INTENSIFIERS.has(words[i - 1] ?? '') ? 1.5 : 1;
      score += (negated ? -polarity : polarity) * weight;
      hits += 1;
    });
    if (/!{2,}|\b[A-Z]{4,}\b/.test(text)) score -= 0.5;
  }
  if (!hits) return 0;
  return Math.max(-1, Math.min(1, Math.round((score / Math.max(3, hits)) * 100) / 100));
}

/** The label of a sentiment score: negative at −0.25 and below, positive at 0.25 and above. */
export const labelOf = (score: number): Analysis['sentimentLabel'] => (score <= -0.25 ? 'negative' : score >= 0.25 ? 'positive' : 'neutral');

/** The intents that say what a conversation is for, most telling first. */
const PURPOSE: Intent[] = ['complaint', 'human', 'cancel', 'reschedule', 'lookup', 'book', 'price', 'services', 'tasks_add', 'tasks_list', 'question', 'refuse'];

/**
 * @example analyseConversation([{ role: 'user', text: 'my drain is clogged, can you come tuesday at 9?' }], { booked: ['BK-2030-000001'], tickets: [], escalated: false }, catalog, '2030-03-01').outcome // 'booked'
 */
export function analyseConversation(lines: TranscriptLine[], facts: ConversationFacts, catalog: readonly CatalogEntry[], today: string): Analysis {
  const said = lines.filter((l) => l.role === 'user').map((l) => l.text.trim()).filter(Boolean);
  let lang = detectLanguage(said.join(' '), 'en');
  const readings = said.map((text) => {
    const u = understand(text, { today, nowMinute: 12 * 60, catalog, lang, expectingName: false });
    lang = u.lang;
    return u;
  });
  const safety = readings.some((u) => u.safety);
  const counts = new Map<Intent, number>();
  for (const u of readings) for (const intent of Object.keys(u.intents) as Intent[]) counts.set(intent, (counts.get(intent) ?? 0) + (u.top === intent ? 2 : 1));
  const intent = safety ? 'safety' : (PURPOSE.filter((i) => counts.has(i)).sort((a, b) => counts.get(b)! - counts.get(a)! || PURPOSE.indexOf(a) - PURPOSE.indexOf(b))[0] ?? 'other');
  const service = readings.map((u) => u.slots.service).find(Boolean);
  const billing = said.some((t) => /\b(bill|billing|invoice|charged|charge|refund|payment|paid|fee|factura|cobr\w*|reembolso|pago)\b/i.test(t));
  const category = safety ? 'emergency' : service ? service.category : billing ? 'billing' : 'general';
  const outcome = outcomeOf(lines, facts);
  const sentiment = sentimentOf(said);
  return { summary: summarise(said, facts, service, outcome, intent), sentiment, sentimentLabel: labelOf(sentiment), intent, category, outcome };
}

/**
 * How a conversation ended, from the facts rather than the words (a model's analysis takes it from here too):
 * a booking made in it, else a person or a ticket, else an answer to something the customer said, else abandoned.
 */
export function outcomeOf(lines: TranscriptLine[], facts: ConversationFacts): Outcome {
  const said = lines.some((l) => l.role === 'user' && l.text.trim());
  const answered = lines.some((l) => l.role === 'assistant' || l.role === 'staff');
  return facts.booked.length ? 'booked' : facts.escalated || facts.tickets.length ? 'escalated' : answered && said ? 'answered' : 'abandoned';
}

/** The intents an analysis names (the dialogue engine's purposes, plus safety and other). */
export const ANALYSIS_INTENTS = ['safety', 'complaint', 'human', 'cancel', 'reschedule', 'lookup', 'book', 'price', 'services', 'tasks_add', 'tasks_list', 'question', 'refuse', 'other'] as const;

/** The categories an analysis names besides the catalog's service categories. */
export const OTHER_CATEGORIES = ['emergency', 'billing', 'general'] as const;

/** An extractive summary: the customer's most telling sentence, then what came of it. */
function summarise(said: string[], facts: ConversationFacts, service: CatalogEntry | undefined, outcome: Outcome, intent: string): string {
  const sentences = said.flatMap((t) => t.split(/(?<=[.!?])\s+/)).map((s) => s.trim()).filter((s) => s.length > 3);
  // The first sentence that carries the request (a service, a problem, a question), not a greeting.
  const telling = sentences.find((s) => !/^(hi|hello|hey|hola|buenos|good (morning|afternoon|evening)|thanks|gracias|ok|yes|no)\b[\s!.,]*$/i.test(s)) ?? sentences[0] ?? '';
  const quote = telling.length > 140 ? `${telling.slice(0, 137).trimEnd()}…` : telling;
  const what = service ? ` (${service.name})` : '';
  const ending = {
    booked: `Booked ${facts.booked.join(', ')}${what}.`,
    escalated: facts.tickets.length ? `Ticket${facts.tickets.length > 1 ? 's' : ''} ${facts.tickets.join(', ')} opened${facts.escalated ? ' and handed to a person' : ''}.` : 'Handed to a person.',
    answered: `Answered (${intent}${what}).`,
    abandoned: 'No reply from the customer.',
  }[outcome];
  return quote ? `Customer: "${quote}" ${ending}` : ending;
}
