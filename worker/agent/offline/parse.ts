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

/**
 * Everyday words (English and Spanish) that name a service without using its catalog name, keyed by a word
 * of the catalog name. `strong` words name the problem or the thing ("clogged", "fuga", "charger"); `weak`
 * ones only where it is ("sink", "faucet", "pipe"), so "a leak under the sink" is a leak, not a drain.
 */
const SYNONYMS: Record<string, { strong: string[]; weak?: string[] }> = {
  ac: { strong: ['conditioner', 'conditioning', 'cooling', 'ac', 'a/c', 'acondicionado', 'clima'], weak: ['air', 'aire'] },
  furnace: { strong: ['heat', 'heater', 'heating', 'furnace', 'calefacción', 'calefaccion', 'caldera', 'calentón', 'horno'] },
  drain: { strong: ['clog', 'clogged', 'clogd', 'cloged', 'unclog', 'snake', 'drain', 'draining', 'drainage', 'tapó', 'tapo', 'atascado', 'atascada', 'atorado', 'atorada', 'backed', 'backing', 'backs', 'backup', 'drenaje', 'destapar', 'tapado', 'tapada', 'desagüe', 'desague'], weak: ['slow', 'slowly', 'sink', 'toilet', 'tub', 'bathtub', 'shower', 'lavabo', 'fregadero', 'inodoro', 'bañera', 'tina', 'regadera', 'ducha', 'excusado'] },
  leak: { strong: ['leak', 'leaking', 'leaky', 'drip', 'drips', 'dripping', 'dripped', 'fuga', 'gotera', 'gotea', 'goteando'], weak: ['faucet', 'faucets', 'pipe', 'pipes', 'valve', 'valves', 'shutoff', 'damp', 'wet', 'puddle', 'tubería', 'tuberia', 'llave', 'grifo', 'válvula', 'valvula', 'mojado', 'húmedo', 'humedo'] },
  water: { strong: ['calentador', 'boiler', 'tank'], weak: ['hot'] },
  outlet: { strong: ['outlet', 'outlets', 'socket', 'switch', 'switches', 'gfci', 'plug', 'enchufe', 'interruptor', 'tomacorriente', 'contacto'] },
  lighting: { strong: ['fixture', 'fixtures', 'fan', 'chandelier', 'recessed', 'pendant', 'pendants', 'luces', 'lámpara', 'lampara', 'ventilador'], weak: ['light', 'lights'] },
  ev: { strong: ['ev', 'charger', 'tesla', 'cargador', 'chargepoint', 'wallbox', 'connector'], weak: ['car', 'carro', 'eléctrico'] },
  panel: { strong: ['panel', 'breaker', 'breakers', 'amp', 'amps', 'tablero', 'fusibles'] },
  duct: { strong: ['duct', 'ducts', 'vent', 'vents', 'ductos', 'conductos'] },
  estimate: { strong: ['estimate', 'quote', 'presupuesto', 'cotización'], weak: ['replacement', 'replace', 'replacing', 'new', 'nuevo', 'nueva', 'reemplazar', 'cambiar'] },
};

/** Phrases that settle the service outright ("light switch" is a switch, "water heater" no furnace). */
const PHRASES: [RegExp, string][] = [
  [/\blight ?switch(es)?\b|\bswitch(es)? for the lights?\b/i, 'outlet'],
  [/\bwater ?heater|\bhot water (heater|tank)|\bcalentador de agua|\bboiler\b/i, 'water'],
  [/\b(ev|electric car|electric vehicle|tesla) charg|\bcargador\b|\bwall ?(connector|charger|box)\b|\blevel ?(2|two) charg|\bcharging station\b/i, 'ev'],
  [/\bceiling fan|\bpendant lights?|\blight fixtures?|\brecessed light/i, 'lighting'],
  [/\b(new|replace|replacing|replacement of|upgrade|upgrading) (?:[a-z]+ ){0,2}(furnace|ac|a\/c|air conditioner|heat pump|hvac|system)\b|\bheat pump\b|\bfree estimates?\b/i, 'estimate'],
  // "thinking about replacing both … give us a quote": a quote for replacing HVAC equipment.
  [/^(?=.*\b(quotes?|estimates?|quotation|presupuesto|cotizaci[oó]n)\b)(?=.*\b(replac\w*|new|reemplaz\w*|cambiar)\b)(?=.*\b(furnace|central air|ac|a\/c|air condition\w*|heat pump|hvac|caldera|calefacci[oó]n|aire)\b)/is, 'estimate'],
];

/** Words a customer negates ("it's not clogged", "no leak") are no evidence for a service. */
function negated(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/\b(?:not|isn'?t|no|never|nothing|sin)\s+(?:a\s+|an\s+|the\s+|my\s+|our\s+|really\s+|even\s+)?([a-záéíóúñ]+)/g)) out.add(m[1]!);
  return out;
}

/** Edit distance of two short words, capped: more than `max` is reported as max + 1. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Optimal string alignment: a swapped pair of letters ("drian") is one edit.
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, before[j - 2]! + 1);
      best = Math.min(best, row[j]!);
    }
    if (best > max) return max + 1;
    before = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** Correctly spelled words one letter away from a service word ("charge"/"charger"): never typos. */
const REAL_WORDS = new Set(['charge', 'charged', 'charges', 'change', 'changed', 'clean', 'cleaned', 'hours', 'later', 'water', 'light', 'might', 'night', 'right', 'tight', 'fight', 'fixture', 'leaks', 'leaky', 'lead', 'heat', 'heater', 'install', 'panels', 'paneling', 'duck', 'ducts', 'drains', 'rain', 'outlets']);

/** Words sharing five letters with a service word that mean something else ("charge", "electrician"). */
const NOT_SAME_WORD = /^(charg|chang|electrician|electricity)/;

/** The word `w` is `word`, its plural, or the same long word in another form ("cleaned", "cleaning"). */
function exactWord(w: string, word: string): boolean {
  if (!word) return false;
  if (w === word || w === `${word}s` || w === `${word}es`) return true;
  return word.length >= 6 && w.length >= 6 && w.slice(0, 5) === word.slice(0, 5) && !NOT_SAME_WORD.test(w);
}

/**
 * A word as it sounds, for sound-alike slips ("leek" for "leak", "furnis" for "furnace"): the vowel pairs that spell
 * one sound (ee, ea, ie, ei) as one letter, a soft c as s, ph as f, ck as k, doubled letters once.
 */
function sound(w: string): string {
  return w
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/ee|ea|ie|ei/g, 'e')
    .replace(/(.)\1+/g, '$1');
}

/** Consonants of a sound, for long words: "furnish" and "furnace" both sound f-r-n-s(h). */
const consonants = (w: string) => sound(w).replace(/[aeiouy]/g, '').replace(/sh/g, 's').replace(/c/g, 'k');

/**
 * `w` is a sound-alike or autocorrect slip of the service word `word`: the same sound ("leek", "leeking" for
 * "leak", "leaking"), or for a long word the same first four letters and the same consonants ("furnish",
 * "furness" for "furnace"; not "furniture", "heated" for "heater").
 */
export function soundsLike(w: string, word: string): boolean {
  if (word.length < 4 || w.length < 4 || w[0] !== word[0]) return false;
  const [a, b] = [sound(w), sound(word)];
  if (a === b || [`${b}s`, `${b}ing`, `${b}ed`, `${b}y`, `${b}es`].includes(a)) return true;
  return word.length >= 6 && w.length >= 6 && w.slice(0, 4) === word.slice(0, 4) && consonants(w) === consonants(word) && Math.abs(w.length - word.length) <= 2;
}

/** The word `w` a customer wrote is `word` or a typo of it ("furnce", "drian"): one edit from 5 letters, two from 8. */
function matchesWord(w: string, word: string): boolean {
  if (!word) return false;
  if (w === word || w === `${word}s` || w === `${word}es`) return true;
  // "cleaned" says "cleaning": the same first five letters of a long word ("charge" is no "charger").
  if (word.length >= 6 && w.length >= 6 && w.slice(0, 5) === word.slice(0, 5) && !NOT_SAME_WORD.test(w)) return true;
  if (REAL_WORDS.has(w) || NOT_SAME_WORD.test(w)) return false;
  if (soundsLike(w, word)) return true;
  const max = word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
  // Typos keep the first letter ("leaking" is no typo of "cleaning").
  return max > 0 && w.length >= 4 && w[0] === word[0] && editDistance(w, word, max) <= max;
}

const STOP = new Set(['a', 'an', 'the', 'and', 'or', 'to', 'up', 'for', 'of', 'my', 'i', 'need', 'want', 'book', 'would', 'like', 'some', 'is', 'on', 'in', 'at', 'service', 'repair', 'install', 'installation', 'can', 'you', 'me', 'please', 'get', 'with', 'un', 'una', 'el', 'la', 'de', 'para', 'mi', 'necesito', 'quiero']);

/** Something that worked and now fails. */
const FAULT = /\b(is ?n'?t|is not|not|won'?t|doesn'?t|does not|stopped|quit|keeps?) (turning on|turn on|working|work|start(ing)?|heating|coming on|blowing)\b|\bbroke(n)?\b|\bdied\b|\bno (funciona|prende|enciende)\b/i;
/** A new unit or an installation asked for. */
const WANTS_NEW = /\b(new|install\w*|replace\w*|replacing|upgrade\w*|put in|instalar|nuevo|nueva|reemplaz\w*|cambiar)\b/i;

/** The catalog entry `text` most plausibly names, or undefined when nothing matches well. */
export function matchService(text: string, catalog: readonly CatalogEntry[]): CatalogEntry | undefined {
  const not = negated(text);
  const said = new Set(words(text).filter((w) => !STOP.has(w) && !not.has(w)));
  if (said.size === 0) return undefined;
  // "water heater" says nothing about the furnace; "light switch" nothing about lighting.
  if (/\bwater ?heater/i.test(text)) said.delete('heater');
  if (/\blight ?switch/i.test(text)) { said.delete('light'); said.delete('lights'); }
  // "we have space heaters" tells how they keep warm, not of a water heater.
  if (/\b(space|electric|portable|plug-?in) heaters?\b/i.test(text)) { said.delete('heater'); said.delete('heaters'); }
  // "isn't turning on", "stopped working": a fault is repaired; an installation or upgrade only when asked for.
  const fault = FAULT.test(text) && !WANTS_NEW.test(text);
  const phrases = new Set(PHRASES.filter(([re]) => re.test(text)).map(([, key]) => key));
  let best: { entry: CatalogEntry; score: number; strong: number } | undefined;
  for (const entry of catalog) {
    const nameWords = [...new Set([...words(entry.name), ...words(entry.slug)].filter((w) => !STOP.has(w)))];
    // Each word the customer said counts once per service, at its strongest.
    const weights = new Map<string, number>();
    // Typos are forgiven in the catalog's own words ("furnce"), not in synonyms ("leaving" is no "leaking").
    const credit = (word: string, weight: number, typos = false) => {
      for (const w of said) if (typos ? matchesWord(w, word) : exactWord(w, word)) weights.set(w, Math.max(weights.get(w) ?? 0, weight));
    };
    let score = 0;
    for (const w of nameWords) {
      const syn = SYNONYMS[w];
      // "replace", "new" name an HVAC estimate only with HVAC equipment in view (a phrase), never alone.
      if (w === 'estimate' || w === 'replacement' || w === 'hvac') {
        if (phrases.has('estimate')) score += 4;
        credit(w === 'estimate' ? 'estimate' : w === 'hvac' ? 'hvac' : '', 3, true);
        for (const x of syn?.strong ?? []) credit(x, 2);
        continue;
      }
      if (phrases.has(w)) score += 4;
      // "standing water" is no water heater: that name word counts only a little on its own.
      credit(w, w === 'water' ? 1 : 3, w !== 'water');
      for (const x of syn?.strong ?? []) credit(x, 2);
      for (const x of syn?.weak ?? []) credit(x, 1);
    }
    score += [...weights.values()].reduce((a, b) => a + b, 0);
    // The problem named outright ("a slow drip under the sink") outweighs where it is: a tie goes to the
    // service with more such evidence.
    const strong = [...weights.values()].filter((w) => w >= 2).length;
    // Two words of the service's own name side by side ("can you do the panel upgrade"): asked for by name.
    const named = words(entry.name).filter((w) => !STOP.has(w));
    if (named.some((w, i) => i + 1 < named.length && new RegExp(`\\b${w}s? ${named[i + 1]}`, 'i').test(text))) score += 6;
    if (fault && /install|upgrade/.test(entry.slug) && !phrases.has(nameWords[0] ?? '')) score -= 2;
    if (score > (best?.score ?? 0) || (best && score === best.score && strong > best.strong)) best = { entry, score, strong };
  }
  return best && best.score >= 2 ? best.entry : undefined;
}

/**
 * Every service a message names clause by clause, in order ("how much is a drain cleaning? and a leak repair??",
 * "cuánto cuesta el AC tune-up? y el leak repair?"): one per clause at most, each once.
 */
export function servicesNamed(text: string, catalog: readonly CatalogEntry[]): CatalogEntry[] {
  const found: CatalogEntry[] = [];
  for (const clause of text.split(/[?¿!.;,]+|\s+(?:and|also|plus|or|vs\.?|versus|y|o|e|tambi[eé]n)\s+/i)) {
    const entry = clause.trim() ? matchService(clause, catalog) : undefined;
    if (entry && !found.some((f) => f.slug === entry.slug)) found.push(entry);
  }
  return found;
}

/** Local date and minute of a local ISO string like `2030-03-04T10:00:00-06:00`. */
export function splitLocalIso(iso: string): { date: string; minute: number } {
  return { date: iso.slice(0, 10), minute: Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16)) };
}

