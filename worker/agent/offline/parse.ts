/**
 * Entity extraction for the offline model: dates, times, phone numbers,
 * e-mails, booking numbers, names, addresses and service names out of what a
 * customer types. Deterministic and dependency-free; dates resolve against
 * "today" in the business's time zone.
 */
import { addDays, toZoned } from '../../lib/zoned-time';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Month names as typed: "mar", "march", "sept"; whole words only, so "Marshall St" is no date. */
const MONTH_WORD = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

/** Local `YYYY-MM-DD` named in `text`, or undefined. `today` is the local date now. */
export function parseDate(text: string, today: string): string | undefined {
  const t = text.toLowerCase();
  const iso = /\b(20\d\d)-(\d\d)-(\d\d)\b/.exec(t);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  if (/\btoday\b/.test(t)) return today;
  if (/\btomorrow\b/.test(t)) return addDays(today, 1);
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const monthFirst = new RegExp(`\\b${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(20\\d\\d))?`).exec(t);
  const dayFirst = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_WORD}(?![a-z])(?:,?\\s+(20\\d\\d))?`).exec(t);
  const slash = /\b(\d{1,2})\/(\d{1,2})(?:\/(20\d\d))?\b/.exec(t);
  let month: number | undefined;
  let day: number | undefined;
  let year: number | undefined;
  if (monthFirst) [month, day, year] = [MONTHS.indexOf(monthFirst[1]!.slice(0, 3)) + 1, Number(monthFirst[2]), monthFirst[3] ? Number(monthFirst[3]) : undefined];
  else if (dayFirst) [month, day, year] = [MONTHS.indexOf(dayFirst[2]!.slice(0, 3)) + 1, Number(dayFirst[1]), dayFirst[3] ? Number(dayFirst[3]) : undefined];
  else if (slash) [month, day, year] = [Number(slash[1]), Number(slash[2]), slash[3] ? Number(slash[3]) : undefined];
  if (month && day && month <= 12 && day <= 31) {
    // Without a year, the next such date from today.
    const y = year ?? (month < tm || (month === tm && day < td) ? ty + 1 : ty);
    return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  const weekday = new RegExp(`\\b(${WEEKDAYS.join('|')})\\b`).exec(t);
  if (weekday) {
    const target = WEEKDAYS.indexOf(weekday[1]!);
    const current = new Date(`${today}T12:00:00Z`).getUTCDay();
    let delta = (target - current + 7) % 7;
    if (delta === 0) delta = 7; // "Monday" said on a Monday means the next one
    return addDays(today, delta);
  }
  return undefined;
}

/** Minutes after midnight of a time named in `text` ("10am", "2:30 pm", "14:00", "noon", "at 3"). */
export function parseTime(text: string): number | undefined {
  const t = text.toLowerCase();
  if (/\bnoon\b/.test(t)) return 12 * 60;
  const ampm = /\b(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])/.exec(t);
  if (ampm) {
    let hour = Number(ampm[1]) % 12;
    if (ampm[3]!.startsWith('p')) hour += 12;
    return hour * 60 + Number(ampm[2] ?? 0);
  }
  const clock = /\b([01]?\d|2[0-3]):([0-5]\d)\b/.exec(t);
  if (clock) {
    const hour = Number(clock[1]);
    // "2:30" in a front-desk chat means the afternoon.
    return (hour >= 1 && hour <= 6 ? hour + 12 : hour) * 60 + Number(clock[2]);
  }
  const bare = /\b(?:at|around|about)\s+(\d{1,2})\b(?!\s*(?:\/|-|st|nd|rd|th))/.exec(t);
  if (bare) {
    const hour = Number(bare[1]);
    if (hour >= 1 && hour <= 12) return (hour <= 6 ? hour + 12 : hour) * 60;
  }
  return undefined;
}

export function parsePhone(text: string): string | undefined {
  const match = /(\+?\(?\d[\d\s().-]{8,}\d)/.exec(text);
  if (!match) return undefined;
  const digits = match[1]!.replace(/\D/g, '');
  return digits.length >= 10 && digits.length <= 15 ? match[1]!.trim() : undefined;
}

export function parseEmail(text: string): string | undefined {
  return /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(text)?.[0];
}

export function parseBookingNumber(text: string): string | undefined {
  return /\bBK-\d{4}-\d{6}\b/i.exec(text)?.[0].toUpperCase();
}

export function parseName(text: string): string | undefined {
  const m = /\b(?:my name is|name's|this is|i am|i'm|call me)\s+([A-Z][a-zA-Z'-]+(?:\s+[A-Z][a-zA-Z'-]+){0,3})/.exec(text);
  return m?.[1];
}

const STREET = /\b\d{1,6}\s+(?:[A-Za-z0-9.'-]+\s+){0,4}(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|ct|court|way|pl|place|pkwy|parkway|ter|terrace)\b\.?[^\n]*/i;

export function parseAddress(text: string): string | undefined {
  return STREET.exec(text)?.[0].trim().replace(/[.!]+$/, '');
}

/** Lower-case word tokens, for fuzzy matching (accents kept: "calefacción"). */
export const words = (text: string) => text.toLowerCase().match(/[a-z0-9áéíóúüñ]+/g) ?? [];

export interface CatalogEntry {
  slug: string;
  name: string;
  category: string;
  description?: string;
  duration_minutes?: number;
  price_cents?: number;
}

/** Everyday words (English and Spanish) that name a service without using its catalog name. */
const SYNONYMS: Record<string, string[]> = {
  ac: ['air', 'conditioner', 'conditioning', 'cooling', 'ac', 'a/c', 'aire', 'acondicionado', 'clima'],
  furnace: ['heat', 'heater', 'heating', 'furnace', 'calefacción', 'calefaccion', 'caldera', 'calentón', 'horno'],
  drain: ['clog', 'clogged', 'drain', 'sink', 'toilet', 'tub', 'shower', 'backed', 'drenaje', 'destapar', 'tapado', 'tapada', 'desagüe', 'desague', 'lavabo', 'fregadero', 'inodoro'],
  leak: ['leak', 'leaking', 'leaky', 'drip', 'drips', 'dripping', 'faucet', 'faucets', 'pipe', 'fuga', 'gotera', 'gotea', 'tubería', 'tuberia'],
  water: ['hot', 'calentador', 'boiler', 'tank'],
  outlet: ['outlet', 'outlets', 'socket', 'switch', 'switches', 'gfci', 'plug', 'enchufe', 'interruptor', 'tomacorriente'],
  lighting: ['light', 'lights', 'fixture', 'fixtures', 'fan', 'chandelier', 'recessed', 'luces', 'lámpara', 'lampara', 'ventilador'],
  ev: ['ev', 'charger', 'tesla', 'car', 'cargador', 'eléctrico'],
  panel: ['panel', 'breaker', 'breakers', 'amp', 'amps', 'tablero', 'fusibles'],
  duct: ['duct', 'ducts', 'vent', 'vents', 'ductos', 'conductos'],
  estimate: ['estimate', 'replacement', 'replace', 'replacing', 'quote', 'new', 'presupuesto', 'cotización'],
};

const SERVICE_WORDS = new Set([...Object.keys(SYNONYMS), ...Object.values(SYNONYMS).flat(), 'plumber', 'electrician', 'hvac', 'tune', 'cleaning', 'repair', 'plomero', 'electricista']);

/** Edit distance of two short words, capped: more than `max` is reported as max + 1. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      best = Math.min(best, row[j]!);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** Correctly spelled words one letter away from a service word ("charge"/"charger"): never typos. */
const REAL_WORDS = new Set(['charge', 'charged', 'charges', 'change', 'changed', 'clean', 'cleaned', 'hours', 'later', 'water', 'light', 'might', 'night', 'right', 'tight', 'fight', 'fixture', 'leaks', 'leaky', 'lead', 'heat', 'heater', 'install', 'panels', 'paneling', 'duck', 'ducts', 'drains', 'rain', 'outlets']);

/** `said` holds `word` or a typo of it ("furnce", "drian"): one edit from 5 letters, two from 8. */
function saysWord(said: Set<string>, word: string): boolean {
  if (said.has(word) || said.has(`${word}s`) || said.has(`${word}es`)) return true;
  // "cleaned" says "cleaning": the same first five letters of a long word.
  if (word.length >= 6) for (const w of said) if (w.length >= 6 && w.slice(0, 5) === word.slice(0, 5)) return true;
  const max = word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
  if (!max) return false;
  for (const w of said) if (w.length >= 4 && !REAL_WORDS.has(w) && editDistance(w, word, max) <= max) return true;
  return false;
}

/** True when `text` names something we service (before the catalog is known). */
export const mentionsServiceWord = (text: string) => {
  const said = new Set(words(text));
  return [...SERVICE_WORDS].some((w) => saysWord(said, w));
};

const STOP = new Set(['a', 'an', 'the', 'and', 'or', 'to', 'for', 'of', 'my', 'i', 'need', 'want', 'book', 'would', 'like', 'some', 'is', 'on', 'in', 'at', 'service', 'repair', 'install', 'installation', 'can', 'you', 'me', 'please', 'get', 'with', 'un', 'una', 'el', 'la', 'de', 'para', 'mi', 'necesito', 'quiero']);

/** The catalog entry `text` most plausibly names, or undefined when nothing matches well. */
export function matchService(text: string, catalog: readonly CatalogEntry[]): CatalogEntry | undefined {
  const said = new Set(words(text).filter((w) => !STOP.has(w)));
  if (said.size === 0) return undefined;
  let best: { entry: CatalogEntry; score: number } | undefined;
  for (const entry of catalog) {
    let score = 0;
    const nameWords = new Set([...words(entry.name), ...words(entry.slug)].filter((w) => !STOP.has(w)));
    for (const w of nameWords) {
      if (saysWord(said, w)) score += 3;
      for (const syn of SYNONYMS[w] ?? []) if (saysWord(said, syn)) score += 2;
    }
    if (score > (best?.score ?? 0)) best = { entry, score };
  }
  return best && best.score >= 2 ? best.entry : undefined;
}

/** "Monday, March 4" for a local date. */
export function describeDate(date: string): string {
  return new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/** "10:30 AM" for minutes after midnight. */
export function describeTime(minute: number): string {
  const h = Math.floor(minute / 60);
  return `${((h + 11) % 12) + 1}:${String(minute % 60).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

/** Local date and minute of a local ISO string like `2030-03-04T10:00:00-06:00`. */
export function splitLocalIso(iso: string): { date: string; minute: number } {
  return { date: iso.slice(0, 10), minute: Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16)) };
}

export const todayIn = (now: number, timeZone: string) => toZoned(now, timeZone).date;
