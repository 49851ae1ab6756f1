/**
 * Service names out of what a customer types (catalogue names, everyday words in
 * English and Spanish, typos and plurals), and the local date and minute of a
 * booking's start. Dates and times are read in when.ts, contact details in contact.ts.
 */

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

/** Local date and minute of a local ISO string like `2030-03-04T10:00:00-06:00`. */
export function splitLocalIso(iso: string): { date: string; minute: number } {
  return { date: iso.slice(0, 10), minute: Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16)) };
}

