/**
 * Contact details out of what a customer types: phone numbers (libphonenumber-js
 * decides what is a possible number, so a house number next to it is not glued
 * on), e-mails, booking numbers, names and street addresses, from one message
 * that may hold several of them ("sarah johnson, 312 555 0142, 123 main st, evanston").
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** US-shaped numbers with any separators, optionally +1; bounded so digits around them are not taken. */
const PHONE_SHAPE = /(?<![\d-])(?:\+?1[\s.-]*)?\(?\d{3}\)?[\s.-]*\d{3}[\s.-]*\d{4}(?![\d])/g;

/** The first possible phone number in `text`, as typed (trimmed). */
export function readPhone(text: string): string | undefined {
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

export function readEmail(text: string): string | undefined {
  return /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(text)?.[0];
}

export function readBookingNumber(text: string): string | undefined {
  const m = /\bbk[-\s]?(\d{4})[-\s]?(\d{6})\b/i.exec(text);
  return m ? `BK-${m[1]}-${m[2]}` : undefined;
}

const STREET_SUFFIX = '(?:st|street|ave|avenue|av|rd|road|blvd|boulevard|dr|drive|ln|lane|ct|court|way|pl|place|pkwy|parkway|ter|terrace|cir|circle|hwy|highway|sq|square|trl|trail)';
const STREET = new RegExp(`\\b\\d{1,6}[a-z]?\\s+(?:[nsew]\\.?\\s+)?(?:[a-z0-9.'-]+\\s+){0,4}${STREET_SUFFIX}\\b\\.?`, 'i');
const SPANISH_STREET = /\b(?:calle|avenida|av\.|avda\.?)\s+[a-záéíóúñ .'-]{2,40}?\s*(?:#\s*)?\d{1,6}\b/i;

/** A street address with what follows it in the same clause (unit, city, state, ZIP). */
export function readAddress(text: string): string | undefined {
  const m = STREET.exec(text) ?? SPANISH_STREET.exec(text);
  if (!m) return undefined;
  let address = m[0];
  // Up to two more comma-separated parts when they look like a unit, a city, a state or a ZIP.
  const rest = text.slice(m.index + m[0].length);
  const tail = /^(?:\s*,?\s*(?:(?:apt|apartment|unit|suite|ste|#)\s*[\w-]+|[a-z][a-z .'-]{1,30}?(?:\s+[a-z]{2})?(?:\s+\d{5})?|\d{5}))(?=\s*(?:,|$|\.|;|\n|and\b|y\b))/i;
  let remaining = rest;
  for (let i = 0; i < 3; i++) {
    const part = tail.exec(remaining);
    if (!part || /\d{3}[\s.-]*\d{4}/.test(part[0]) || /\b(at|on|for|please|thanks|tomorrow|next|my|phone|number)\b/i.test(part[0])) break;
    address += part[0];
    remaining = remaining.slice(part[0].length);
  }
  return address.trim().replace(/[.,;]+$/, '');
}

const NOT_A_NAME = new Set(
  'i im i’m me my need want would like book schedule please hi hello hey yes no ok okay sure thanks thank you the a an and or at on in for to of is it its this that next tomorrow today drain cleaning leak repair furnace ac heat water heater outlet panel install charger appointment booking cancel move help can could just also actually sorry wait hola gracias sí si quiero necesito mi el la de para por favor calle street st ave road main'.split(' '),
);

const capitalise = (name: string) => name.replace(/(^|[\s'-])([a-záéíóúñ])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase());

function nameLike(words: string[]): boolean {
  return words.length >= 1 && words.length <= 4 && words.every((w) => /^[a-záéíóúñ][a-záéíóúñ'-]*$/i.test(w) && !NOT_A_NAME.has(w.toLowerCase()));
}

/**
 * A person's name: introduced ("my name is Dana Lee", "I'm Dana", "me llamo Ana"), or, when `expecting`
 * a name (we just asked, or the message is a block of contact details), the leading words that look like one.
 */
export function readName(text: string, expecting: boolean): string | undefined {
  const intro = /\b(?:my name is|my name's|name is|name's|this is|i am|i'm|im|call me|me llamo|mi nombre es|soy)\s+([a-záéíóúñ'-]+(?:\s+[a-záéíóúñ'-]+){0,3})/i.exec(text);
  if (intro) {
    const words = intro[1]!.split(/\s+/);
    const kept: string[] = [];
    for (const w of words) {
      if (NOT_A_NAME.has(w.toLowerCase()) || !/^[a-záéíóúñ'-]+$/i.test(w)) break;
      kept.push(w);
    }
    if (kept.length && !/^(looking|calling|having|trying|not|so|very|here|interested|wondering|getting)$/i.test(kept[0]!)) return capitalise(kept.join(' '));
  }
  if (!expecting) return undefined;
  const first = text.split(/[,;\n]|\s-\s/)[0]!.trim();
  const leading = first.split(/\s+/).filter(Boolean);
  // "sarah johnson 312 555 0142 …": the words before the first digit.
  const beforeDigits: string[] = [];
  for (const w of leading) {
    if (/\d/.test(w)) break;
    beforeDigits.push(w.replace(/[.!]+$/, ''));
  }
  if (beforeDigits.length >= 2 && nameLike(beforeDigits)) return capitalise(beforeDigits.join(' '));
  if (leading.length === 1 && nameLike(leading) && !readPhone(text) && !readAddress(text)) return capitalise(leading[0]!);
  return undefined;
}
