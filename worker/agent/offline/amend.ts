/**
 * Details corrected in passing: a house number or phone digits typed again ("its 4521 not 4251"), a name
 * spelled again, and the fields of the booking just made that a correction changes (update_booking_details).
 */
import type { DialogueState } from './policy';
import type { say } from './say';
import type { Slots, Understanding } from './understand';

/** `digits` as a whole number in a detail ("0315" in "773-555-0315", not in "20315"). */
const wholeNumber = (digits: string) => new RegExp(`(?<!\\d)${digits}(?!\\d)`);

/** The address and phone with the old digits replaced by the new ones, where they appear as a whole number. */
export function renumber(slots: Slots, [fresh, old]: [string, string]): Pick<Slots, 'address' | 'phone'> {
  const swap = (value: string | undefined) => value?.replace(wholeNumber(old), fresh);
  const out: Pick<Slots, 'address' | 'phone'> = {};
  const address = swap(slots.address);
  if (address && address !== slots.address) out.address = address;
  // A phone keeps its separators: "773-555-0351" becomes "773-555-0315".
  const phone = swap(slots.phone);
  if (phone && phone !== slots.phone && !out.address) out.phone = phone;
  return out;
}

/** "the phone is …", "my number should be …", "correct email: …", "mi teléfono es …": a detail said outright. */
const RESTATED = /\b(the|my|our|correct|right|actual|real) (phone|number|cell|mobile|phone number|cell number|address|street address|e-?mail|name)( number)? (is|should be|'s|=|:)|\b(phone|number|cell|address|e-?mail|name):|\b(mi|el|la) (tel[eé]fono|n[uú]mero|celular|direcci[oó]n|correo|nombre) (es|correcto es|deber[ií]a ser)\b/i;

/** The details a message corrects on the booking just made, if it corrects any. */
export function amendment(state: DialogueState, u: Understanding): { fields: Record<string, string>; said: (t: ReturnType<typeof say>) => string } | undefined {
  if (state.goal || !state.lastBooked) return undefined;
  // "The phone is 773-555-0415.", "my email should be …": a detail stated again right after booking replaces the booked one.
  const restated = Boolean(u.slots.phone || u.slots.email || u.slots.address || (u.slots.name && !u.nameGuessed)) && RESTATED.test(u.text);
  const correcting = u.correction || restated || Boolean(u.lastDigits || u.renumbered) || /\b(wrong|old|new|incorrect|typo|mistyped|misspelled)\b.{0,25}\b(address|number|phone|e-?mail|name)\b|\b(address|number|phone|e-?mail)\b.{0,20}\b(is wrong|was wrong|wrong|incorrect|changed)\b/i.test(u.text);
  if (!correcting || u.slots.date || u.slots.time !== undefined || u.slots.service) return undefined;
  const s = state.slots;
  const fields: Record<string, string> = {};
  const parts: ((t: ReturnType<typeof say>) => string)[] = [];
  const renumbered = (value: string | undefined) => Boolean(u.renumbered && value && wholeNumber(u.renumbered[0]).test(value));
  if ((u.slots.address || renumbered(s.address)) && s.address) {
    fields.address = s.address;
    parts.push((t) => t.theAddress(s.address!));
  }
  const phone = u.lastDigits && s.phone ? s.phone.replace(new RegExp(`\\d{${u.lastDigits.length}}(\\D*)$`), `${u.lastDigits}$1`) : u.slots.phone || renumbered(s.phone) ? s.phone : undefined;
  if (phone) {
    fields.phone = phone;
    parts.push((t) => t.thePhone(phone));
  }
  if (u.slots.email && s.email) {
    fields.email = s.email;
    parts.push((t) => t.theEmail(s.email!));
  }
  if ((u.spelling || u.respelled || (u.slots.name && !u.nameGuessed)) && s.name) {
    fields.customer_name = s.name;
    parts.push((t) => t.theName(s.name!));
  }
  if (!parts.length) return undefined;
  return { fields, said: (t) => parts.map((p) => p(t)).join(state.lang === 'es' ? ' y ' : ' and ') };
}

/** The name with the word closest to `spelling` (same first letter, a few letters off) spelled that way. */
export function respell(name: string, spelling: string): string {
  const fixed = spelling.charAt(0).toUpperCase() + spelling.slice(1).toLowerCase();
  const words = name.split(' ');
  const near = (w: string) => w[0]?.toLowerCase() === fixed[0]!.toLowerCase() && Math.abs(w.length - fixed.length) <= 2 && w.toLowerCase() !== fixed.toLowerCase();
  const at = words.findLastIndex(near);
  return at < 0 ? name : words.map((w, i) => (i === at ? fixed : w)).join(' ');
}

