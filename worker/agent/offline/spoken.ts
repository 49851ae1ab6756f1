/**
 * Numbers as speech-to-text writes them: digits said one by one ("seven seven three five five five oh six oh
 * two", "siete siete tres cinco cinco cinco cero seis"), in pieces with fillers between ("seven seven three...
 * uh five five five... oh six one three"), mixed with digits ("773 five five five 0602"), doubled ("double
 * five"), in pairs ("seventy seven three fifty five…", "setenta y siete"), and numbers said as words
 * ("twenty three fifty" for 2350, "ten", "the twelfth"). Each reader (phones, times, dates, house numbers)
 * asks for the part it needs; nothing here guesses what a number is for.
 */

const UNITS: Record<string, number> = {
  zero: 0, oh: 0, o: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  cero: 0, uno: 1, un: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9,
};
const TEENS: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  diez: 10, once: 11, doce: 12, trece: 13, catorce: 14, quince: 15, dieciseis: 16, 'dieciséis': 16, diecisiete: 17, dieciocho: 18, diecinueve: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  veinte: 20, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90,
};
/** "veintidós", "veintitres": twenty-something in one Spanish word. */
const VEINTI: Record<string, number> = {
  veintiuno: 21, veintiun: 21, veintidos: 22, 'veintidós': 22, veintitres: 23, 'veintitrés': 23, veinticuatro: 24, veinticinco: 25,
  veintiseis: 26, 'veintiséis': 26, veintisiete: 27, veintiocho: 28, veintinueve: 29,
};
const REPEAT: Record<string, number> = { double: 2, triple: 3, doble: 2 };

/** Fillers a dictation leaves between the pieces of a number. */
const FILLERS = new Set(['uh', 'um', 'umm', 'uhh', 'er', 'erm', 'ah', 'eh', 'hmm', 'like', 'este', 'mmm']);

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, twelveth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};

const wordOf = (w: string) => w.toLowerCase().replace(/[’']/g, '');

interface Piece {
  /** The digits the word (or words) say. */
  digits: string;
  /** Words used. */
  used: number;
  /** Said as a word, not typed as digits. */
  spoken: boolean;
}

/**
 * The digits the words at `i` say, or undefined: "seven" 7, "oh" 0 (English, inside a number), "seventy seven"
 * 77, "setenta y siete" 77, "double five" 55, "773" as typed.
 */
function pieceAt(words: string[], i: number, lang: 'en' | 'es', inside: boolean): Piece | undefined {
  const w = wordOf(words[i]!);
  const next = words[i + 1] !== undefined ? wordOf(words[i + 1]!) : undefined;
  if (/^\d+$/.test(w)) return { digits: w, used: 1, spoken: false };
  // "o" and "oh" are zero only in an English number already begun or about to go on ("oh six one three").
  if (w === 'o' || w === 'oh') {
    if (lang === 'es' || w === 'o' && !inside) return undefined;
    if (!inside && !(next !== undefined && (next in UNITS || /^\d+$/.test(next)) && next !== 'o')) return undefined;
    return { digits: '0', used: 1, spoken: true };
  }
  if (w in REPEAT) {
    const times = REPEAT[w]!;
    if (next !== undefined && next in UNITS && next !== 'un' && next !== 'una') return { digits: String(UNITS[next]).repeat(times), used: 2, spoken: true };
    return undefined;
  }
  if (w in UNITS) {
    if ((w === 'un' || w === 'una') && !inside) return undefined;
    return { digits: String(UNITS[w]), used: 1, spoken: true };
  }
  if (w in TEENS) return { digits: String(TEENS[w]), used: 1, spoken: true };
  if (w in VEINTI) return { digits: String(VEINTI[w]), used: 1, spoken: true };
  const hyphen = /^([a-z]+)-([a-z]+)$/.exec(w);
  if (hyphen && hyphen[1]! in TENS && hyphen[2]! in UNITS && UNITS[hyphen[2]!]! > 0) return { digits: String(TENS[hyphen[1]!]! + UNITS[hyphen[2]!]!), used: 1, spoken: true };
  if (w in TENS) {
    // "seventy seven", "setenta y siete".
    if (next !== undefined && next in UNITS && UNITS[next]! > 0 && next !== 'o' && next !== 'oh') return { digits: String(TENS[w]! + UNITS[next]!), used: 2, spoken: true };
    const after = words[i + 2] !== undefined ? wordOf(words[i + 2]!) : undefined;
    if (next === 'y' && after !== undefined && after in UNITS && UNITS[after]! > 0) return { digits: String(TENS[w]! + UNITS[after]!), used: 3, spoken: true };
    return { digits: String(TENS[w]), used: 1, spoken: true };
  }
  return undefined;
}

/** Tokens of `text` with where each starts and ends (words, digit groups; punctuation between them is skipped). */
function tokens(text: string): { word: string; start: number; end: number }[] {
  return [...text.matchAll(/[\p{L}\d’'-]+/gu)].map((m) => ({ word: m[0].replace(/^[-’']+|[-’']+$/g, ''), start: m.index, end: m.index + m[0].length }));
}

/** Only spaces, commas, dots, ellipses and dashes between two pieces of one number. */
const JOINS = /^[\s,.…-]*$/;

/**
 * Every number said digit by digit (or in pairs) in `text` written as digits, where it is long enough to be a
 * phone number or part of one (seven digits or more, or four single digits or more: "oh six one eight"):
 * "my cell seven seven three five five five oh six oh one" → "my cell 7735550601". A run that overruns ten
 * digits into a typed number ("… oh six oh six 1207 west farragut") stops where the phone number is whole.
 */
export function spokenDigits(text: string, lang: 'en' | 'es' = 'en'): string {
  const toks = tokens(text);
  const out: { start: number; end: number; digits: string }[] = [];
  let i = 0;
  while (i < toks.length) {
    const words = toks.map((t) => t.word);
    const first = pieceAt(words, i, lang, false);
    if (!first) {
      i++;
      continue;
    }
    // Gather the run: pieces, with only fillers and punctuation between them.
    const pieces: (Piece & { start: number; end: number })[] = [];
    let j = i;
    let last = toks[i]!.start;
    while (j < toks.length) {
      const between = text.slice(last, toks[j]!.start);
      if (pieces.length && !JOINS.test(between)) break;
      const piece = pieceAt(words, j, lang, pieces.length > 0);
      if (!piece) {
        // "seven seven three... uh five five five": a filler inside the run is stepped over.
        if (pieces.length && FILLERS.has(wordOf(words[j]!)) && j + 1 < toks.length && pieceAt(words, j + 1, lang, true)) {
          last = toks[j]!.end;
          j++;
          continue;
        }
        break;
      }
      // A typed group after ten digits said is something else (a house number).
      const sofar = pieces.reduce((n, p) => n + p.digits.length, 0);
      if (sofar >= 10 && !piece.spoken) break;
      if (sofar >= 10 && !(sofar === 10 && pieces[0]!.digits === '1')) break;
      pieces.push({ ...piece, start: toks[j]!.start, end: toks[j + piece.used - 1]!.end });
      last = toks[j + piece.used - 1]!.end;
      j += piece.used;
    }
    const digits = pieces.map((p) => p.digits).join('');
    const spoken = pieces.filter((p) => p.spoken);
    const singles = pieces.filter((p) => p.spoken && p.digits.length === 1).length;
    if (spoken.length && (digits.length >= 7 || (singles >= 4 && singles === pieces.length))) {
      out.push({ start: pieces[0]!.start, end: pieces.at(-1)!.end, digits: grouped(digits) });
      i = j;
    } else i++;
  }
  let result = text;
  for (const r of out.reverse()) result = result.slice(0, r.start) + r.digits + result.slice(r.end);
  return result;
}

/** A phone number's digits grouped as one is written ("773-555-0602", "555-0602"), so each group can be corrected. */
function grouped(digits: string): string {
  if (digits.length === 10) return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  if (digits.length === 11 && digits.startsWith('1')) return `1-${digits.slice(1, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}`;
  if (digits.length === 7) return `${digits.slice(0, 3)}-${digits.slice(3)}`;
  return digits;
}

/**
 * A day of the month said as an ordinal word ("the twelfth", "the twenty first", "the twenty-third") written
 * as digits ("the 12th"), after "the", a month or a weekday; "the first thing", "the second one" stay words.
 */
export function spokenOrdinals(text: string): string {
  const ordinal = `(?:(twenty|thirty)[\\s-]+)?(${Object.keys(ORDINALS).join('|')})`;
  const re = new RegExp(
    `\\b(the|on the|jan\\w*|feb\\w*|mar\\w*|apr\\w*|may|jun\\w*|jul\\w*|aug\\w*|sep\\w*|oct\\w*|nov\\w*|dec\\w*|mon\\w*|tue\\w*|wed\\w*|thu\\w*|fri\\w*|sat\\w*|sun\\w*)(,?\\s+(?:the\\s+)?)${ordinal}\\b(?!\\s+(?:one|ones|thing|things|time|times|floor|few|couple|step|steps|option|place|person|people|guy|tech|visit|appointment|available|opening|slot|of (?:them|those|these|all|the (?!month)))\\b)`,
    'gi',
  );
  return text.replace(re, (m, before: string, gap: string, tens: string | undefined, ord: string) => {
    const day = (tens ? (/^twenty$/i.test(tens) ? 20 : 30) : 0) + ORDINALS[ord.toLowerCase()]!;
    if (day < 1 || day > 31 || (tens && ORDINALS[ord.toLowerCase()]! > 9)) return m;
    const suffix = day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th';
    return `${before}${gap}${day}${suffix}`;
  });
}

/**
 * A number said as words before a street ("thirty three fifty west diversey", "fifty five twenty three south
 * archer", "one four one eight south loomis") as digits; undefined when the words say no such number.
 */
export function spokenHouseNumber(words: string[]): { digits: string; used: number } | undefined {
  let digits = '';
  let used = 0;
  while (used < words.length) {
    const w = wordOf(words[used]!);
    if (w === 'hundred' && digits.length >= 1 && digits.length <= 2) {
      // "twenty one hundred" 2100, "nine hundred" 900.
      digits += '00';
      used++;
      continue;
    }
    const piece = pieceAt(words, used, 'en', digits.length > 0);
    if (!piece || !piece.spoken) break;
    // "thirty three fifty": 33, then 50; "fifty five oh one": 55, 0, 1.
    digits += piece.digits;
    used += piece.used;
    if (digits.length > 6) return undefined;
  }
  return used >= 2 && digits.length >= 2 && !digits.startsWith('0') ? { digits, used } : undefined;
}
