/**
 * Contact details out of what a customer types: phone numbers (libphonenumber-js
 * decides what is a possible number, so a house number next to it is not glued
 * on), e-mails, booking numbers, names and street addresses, from one message
 * that may hold several of them ("sarah johnson, 312 555 0142, 123 main st, evanston").
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** US-shaped numbers with any separators, optionally +1; bounded so digits around them are not taken. */
const PHONE_SHAPE = /(?<![\d-])(?:\+?1[\s.-]*)?\(?\d{3}\)?[\s.-]*\d{3}[\s.-]*\d{4}(?![\d])/g;

/** Every possible phone number in `text`, in order ("872-555-0111 - no wait, use 872-555-0112"). */
export function readPhones(text: string): string[] {
  const found: string[] = [];
  let rest = text;
  for (let phone = readPhone(rest); phone; phone = readPhone(rest)) {
    found.push(phone);
    rest = rest.slice(rest.indexOf(phone) + phone.length);
  }
  return found;
}

/** The first possible phone number in `text`, as typed (trimmed). */
export function readPhone(text: string): string | undefined {
  // Dictated digit by digit ("7 7 3 5 5 5 0 1 1 3"): joined first.
  const dictated = /(?<!\d)(?:\d\s){9,10}\d(?!\d)/.exec(text);
  if (dictated) {
    const joined = dictated[0].replace(/\s/g, '');
    if (parsePhoneNumberFromString(joined, 'US')?.isPossible()) return joined;
  }
  for (const match of text.matchAll(PHONE_SHAPE)) {
    const candidate = match[0].trim();
    if (/^bk/i.test(text.slice(Math.max(0, match.index - 8), match.index).trim().slice(-8))) continue;
    const parsed = parsePhoneNumberFromString(candidate, 'US');
    if (parsed?.isPossible()) return candidate;
  }
  // An international number written with its + (e.g. +44 20 7946 0958).
  const intl = /\+\d[\d\s().-]{7,18}\d/.exec(text);
  if (intl && parsePhoneNumberFromString(intl[0])?.isPossible()) return intl[0].trim();
  return undefined;
}

/**
 * A phone number typed with a digit too few or too many ("773-555-052", "773 555 05133"): grouped like one, 9 or 11
 * digits (11 not starting with 1), where no possible number was read. Undefined for anything else.
 */
export function readBadPhone(text: string): string | undefined {
  if (readPhone(text)) return undefined;
  for (const m of text.matchAll(/(?<![\d-])(?:\(?\d{3}\)?[\s.-]+\d{3}[\s.-]+\d{2,5}|\d{9}|\d{11})(?![\d-])/g)) {
    if (/^bk/i.test(text.slice(Math.max(0, m.index - 8), m.index).trim().slice(-8))) continue;
    const digits = m[0].replace(/\D/g, '');
    if (digits.length === 9 || (digits.length === 11 && !digits.startsWith('1')) || digits.length === 12) return m[0].trim();
  }
  return undefined;
}

export function readEmail(text: string): string | undefined {
  return /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(text)?.[0];
}

export function readBookingNumber(text: string): string | undefined {
  const m = /\bbk[-\s]?(\d{4})[-\s]?(\d{6})\b/i.exec(text);
  return m ? `BK-${m[1]}-${m[2]}` : undefined;
}

const STREET_SUFFIX = '(?:broadway|st|street|ave|avenue|av|rd|road|blvd|boulevard|dr|drive|ln|lane|ct|court|way|pl|place|pkwy|parkway|ter|terrace|cir|circle|hwy|highway|sq|square|trl|trail)';
// Street words start with a letter or are ordinals ("5th"), so a phone number before the house number is not taken in.
const STREET = new RegExp(`\\b\\d{1,6}[a-z]?\\s+(?:[nsew]\\.?\\s+)?(?:(?:[a-z][a-z0-9.'-]*|\\d+(?:st|nd|rd|th))\\s+){0,4}${STREET_SUFFIX}\\b\\.?`, 'i');
const SPANISH_STREET = /\b(?:calle|avenida|av\.|avda\.?)\s+[a-záéíóúñ .'-]{2,40}?\s*(?:#\s*)?\d{1,6}\b/i;

/** Every street address in `text`, in order ("465 linden ave... no sorry, 456 Linden Ave"). */
export function readAddresses(text: string): string[] {
  const found: string[] = [];
  let rest = text;
  for (let address = readAddress(rest); address; address = readAddress(rest)) {
    found.push(address);
    rest = rest.slice(rest.indexOf(address) + address.length);
  }
  return found;
}

/** A street address with what follows it in the same clause (unit, city, state, ZIP). */
export function readAddress(text: string): string | undefined {
  const m = STREET.exec(text) ?? SPANISH_STREET.exec(text);
  if (!m) return undefined;
  let address = m[0];
  // Up to two more comma-separated parts when they look like a unit, a city, a state or a ZIP.
  const rest = text.slice(m.index + m[0].length);
  const tail = /^(?:\s*,?\s*(?:(?:apt|apartment|unit|suite|ste|#)\s*[\w-]+|[a-z][a-z .'-]{1,30}?(?:\s+[a-z]{2})?(?:\s+\d{5})?|\d{5}))(?=\s*(?:,|$|\.|;|\n|\band\b|\by\b))/i;
  let remaining = rest;
  for (let i = 0; i < 3; i++) {
    const part = tail.exec(remaining);
    if (!part || /\d{3}[\s.-]*\d{4}/.test(part[0]) || /\b(at|on|for|please|thanks|thank|thx|cheers|bye|asap|tomorrow|next|my|phone|number)\b/i.test(part[0])) {
      // "… Chicago thank you": the town before the sign-off.
      const town = /^(\s*,?\s*[a-z][a-z .'-]*?)\s+(?:please|thanks|thank|thx|cheers|bye|asap)\b/i.exec(part?.[0] ?? '');
      if (town) address += town[1];
      break;
    }
    address += part[0];
    remaining = remaining.slice(part[0].length);
  }
  return address.trim().replace(/[.,;]+$/, '');
}

const NOT_A_NAME = new Set(
  'i im i’m me my need want would like book schedule please pls plz hi hello hey yes yep yeah yup yea nope nah alright okey kk no ok okay sure thanks ticket complaint refund name under use go ahead info details datos misma mismo mismos mismas dirección direccion teléfono telefono número numero thank you the a an and or at on in for to of is it its this that next tomorrow today drain cleaning leak repair furnace ac heat water heater outlet panel install charger appointment booking cancel move help can could just also actually sorry wait hola gracias sí si quiero necesito mi el la de para por favor calle street st ave road main same time day wrong number sorry wait not instead work line cell home house garage kitchen basement bathroom sink pipe tub toilet new old good great fine better what when where why how who there here now then later soon morning afternoon evening night week weekend monday tuesday wednesday thursday friday saturday sunday am pm oh shoot ugh hmm um uh lol wow keeps keep going goes went gone gets got makes made takes does doesnt dont wont isnt stopped started working works leaking broken broke running runs needs pilot light lights switch door front back upstairs downstairs perdón perdon disculpe disculpa mejor oops lunes martes miércoles miercoles jueves viernes sábado sabado domingo mañana hoy tarde cambio ahora thats that’s all correct right exactly perfect sounds we are us our they their he she your everything everyone but before after if cause because since until while though so zero one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred cero uno dos tres cuatro cinco seis siete ocho nueve diez ella él su sus mine his her him hers hold'.split(' '),
);

export const capitalise = (name: string) => name.replace(/(^|[\s'-])([a-záéíóúñ])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase());

function nameLike(words: string[]): boolean {
  return words.length >= 1 && words.length <= 4 && words.every((w) => /^[a-záéíóúñ][a-záéíóúñ'-]*$/i.test(w) && !NOT_A_NAME.has(w.toLowerCase()));
}

/** Words that end a name when they follow it: "dana lee and my number is …", "sarah oneil 773 …". */
const AFTER_NAME = new Set('and my phone cell number num email address at im i’m i live here thanks thank please pls plz from in on'.split(' '));
const FILLER = /^(?:(?:ok(?:ay)?|yes|yeah|yep|sure|hi|hey|hello|so|um|uh|its|it's|it is|this is|name|full name|nombre|soy)\s*[:,.-]?\s+)+/i;

/** Up to four name-like words from the start of `segment`, or undefined. */
function leadingName(segment: string, min: number): string | undefined {
  // (Dashes and dots left of a phone number, "773-555-0102", are no words.)
  const words = segment.replace(/[^\p{L}\s'’.-]/gu, ' ').replace(FILLER, '').trim().split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const kept: string[] = [];
  for (const [i, raw] of words.entries()) {
    const w = raw.replace(/[.]+$/, '');
    // "Deborah and Sam Whitfield": a couple, one surname.
    const couple = w.toLowerCase() === 'and' && kept.length === 1 && nameLike(words.slice(i + 1, i + 3).map((x) => x.replace(/[.]+$/, '')));
    // "harold fischer f i s c h e r": the letters spelled after a name are not more of it.
    if ((AFTER_NAME.has(w.toLowerCase()) && !couple) || kept.length === 5 || (kept.length && /^\p{L}$/u.test(w) && !raw.endsWith('.'))) break;
    kept.push(couple ? 'and' : w);
    if (raw.endsWith('.')) break;
  }
  const named = kept.filter((w) => w !== 'and');
  return named.length >= min && kept.at(-1) !== 'and' && nameLike(named) ? capitalise(kept.join(' ')).replace(/ And /, ' and ') : undefined;
}

/** Whom a visit may be booked for: "for my mom", "under the tenant's name", "a nombre de mi mamá". */
const FOR_WHOM = "(?:mom|mother|mum|dad|father|wife|husband|son|daughter|sister|brother|grandma|grandmother|grandpa|grandfather|aunt|uncle|friend|neighbou?r|tenant|partner|mother-in-law|father-in-law|landlord|boss|mai|pai|mam[aá]|pap[aá]|madre|padre|abuel[oa]|esposa|esposo|hij[oa]|herman[oa]|inquilin[oa]|t[ií][oa])";
/**
 * What introduces a name: "my name is", "i'm", "me llamo", "name:", a clause that starts with "name"; a visit for
 * someone else ("it's for my mother, her name is", "the name is for my mom", "put it under her name", "under the
 * tenants name", "a nombre de mi mai", "a nombre de ella"). The name is the words after it.
 */
const INTRO = new RegExp(
  String.raw`(?:\b(?:my name is|my name's|name is|name's|name:|full name:|this is|i am|i'm|im|call me|me llamo|mi nombre es|soy)(?:\s+for\s+(?:my|our)\s+${FOR_WHOM}'?s?,?)?|(?<=^|[.,;!?\n]\s{0,3})name|\b(?:it'?s|its|this is|the (?:booking|appointment|visit) is|booking is) for (?:my |our )?${FOR_WHOM},?(?:\s+(?:her|his|their) name is)?|\bunder (?:the |my |our |her |his |their )?(?:${FOR_WHOM}(?:'s|’s|s)? )?name(?: of)?,?|\ba nombre de(?:\s+(?:mi|su)\s+${FOR_WHOM}|\s+ella|\s+[eé]l)?,?)\s+(?:(?:spelled|spelt|written|spelled out)\s+(?:as\s+|like\s+)?)?([\p{L}'’.-]+(?:\s+[\p{L}'’.-]+){0,3})`,
  'giu',
);

/**
 * A person's name: introduced ("my name is Dana Lee", "I'm Dana", "me llamo Ana", "name: dana lee"), or,
 * when `expecting` one (we asked, or the message is a block of contact details), the words that look like
 * one: at the start of the message or of a clause, or right before the phone number.
 */
export function readName(text: string, expecting: boolean): string | undefined {
  // Every introduction is tried in turn: "im trying this instead … my name is Olga Petrova".
  // A clause that starts with "name" ("… chi. name beth anderson") introduces one too.
  for (const intro of text.matchAll(INTRO)) {
    const words = intro[1]!.split(/\s+/);
    const kept: string[] = [];
    for (const raw of words) {
      const w = raw.replace(/[.,]+$/, '');
      if (NOT_A_NAME.has(w.toLowerCase()) || AFTER_NAME.has(w.toLowerCase()) || !/^[\p{L}'’-]+$/u.test(w)) break;
      if (kept.length && /^\p{L}$/u.test(w) && !raw.endsWith('.')) break;
      kept.push(w);
      if (/[.,]$/.test(raw)) break;
    }
    // "im writing", "i'm so sorry", "this is going to be long": no introduction.
    if (kept.length && !/^(not|so|very|here|interested|home|out|available|free|at|in|on|from|just|really|still|also|sure|glad|happy|sorry|afraid|done|ready|back|new|your|a|an|the)$|ing$/i.test(kept[0]!)) {
      // "my name is spelled Siobhan. Siobhan Doyle": the name said again in full is the name.
      const said = kept.map((w) => w.replace(/[^\p{L}'’-]/gu, '')).join('\\s+');
      const again = new RegExp(`${said}[\\s.,;:!-]+${said}\\s+([\\p{L}'’-]+(?:\\s+[\\p{L}'’-]+)?)`, 'iu').exec(text.slice(intro.index ?? 0));
      const more = again?.[1]?.split(/\s+/).filter((w) => !NOT_A_NAME.has(w.toLowerCase()) && !AFTER_NAME.has(w.toLowerCase()));
      const full = more?.length && again![1]!.split(/\s+/)[0] === more[0] ? [...kept, ...more.slice(0, 4 - kept.length)] : kept;
      return capitalise(full.join(' '));
    }
  }
  if (!expecting) return undefined;
  // A street is never a name ("2650 N Kedzie Blvd, Chicago"): the addresses are set aside first.
  for (const address of readAddresses(text)) text = text.replace(address, ' , ');
  // Nor a number a digit short ("Leo Martinez 773-555-052"): set aside like a phone.
  const bad = readBadPhone(text);
  if (bad) text = text.replace(bad, ' , ');
  const phone = readPhone(text);
  // "… thurs 10am sarah oneil 7735550102 …": the two or three words before the phone number.
  if (phone) {
    // Within the sentence the phone is in: "pls open a ticket. Lena Kowalski 773 …" is Lena Kowalski.
    const sentence = text.slice(0, text.indexOf(phone)).split(/(?<=[\p{L}\d]{2,})[.!?;]\s+/u).at(-1) ?? '';
    const before = sentence.replace(/[\s,;:.\-–/|\\]+$/, '').trim().split(/\s+/).slice(-3);
    for (let n = Math.min(3, before.length); n >= 2; n--) {
      const words = before.slice(-n).map((w) => w.replace(/^[,;(]+|[,;.)]+$/g, ''));
      if (nameLike(words) && !words.some((w) => /^(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|am|pm|noon|morning|afternoon|evening)s?$/i.test(w))) return capitalise(words.join(' '));
    }
  }
  // Details apart by commas, semicolons, slashes, pipes or dashes ("dana lee / 773 … / 12 oak st"), or a question before them.
  const clauses = text.split(/[,;\n/|\\?!]|\.\s|\s[-–]\s/);
  for (const clause of clauses) {
    const name = leadingName(clause, 2);
    if (name) return name;
    if (clause === clauses[0] && !phone && !readAddress(text)) {
      const single = leadingName(clause, 1);
      if (single && !single.includes(' ')) return single;
    }
  }
  return undefined;
}
