/**
 * Dates and times out of what a customer types, in English or Spanish:
 * chrono-node does the reading ("tmrw at 10", "friday morning", "el martes a
 * las 3 de la tarde"), and a few house rules sit on top of it: a weekday means
 * the next one after today ("next thursday" said on a Tuesday is in two days,
 * as the booking flow has always read it), "the 5th" is the next 5th, a bare
 * 1:00–6:59 is the afternoon, impossible dates ("Feb 30") and past ones are
 * reported rather than guessed.
 */
import * as chrono from 'chrono-node';
import { addDays } from '../../lib/zoned-time';
import type { Lang } from './language';
import { editDistance } from './parse';

export interface When {
  /** Local `YYYY-MM-DD`. */
  date?: string;
  /** Minutes after midnight. */
  time?: number;
  /** What was wrong with a date the customer named. */
  issue?: { kind: 'impossible' | 'past'; said: string };
}

const WEEKDAYS: Record<string, number> = {
  sunday: 0, sun: 0, domingo: 0,
  monday: 1, mon: 1, lunes: 1,
  tuesday: 2, tue: 2, tues: 2, martes: 2,
  wednesday: 3, wed: 3, weds: 3, miercoles: 3, 'miércoles': 3,
  thursday: 4, thu: 4, thur: 4, thurs: 4, jueves: 4,
  friday: 5, fri: 5, viernes: 5,
  saturday: 6, sat: 6, sabado: 6, 'sábado': 6,
};
const MONTHS: Record<string, number> = {
  jan: 1, january: 1, enero: 1, feb: 2, february: 2, febrero: 2, mar: 3, march: 3, marzo: 3, apr: 4, april: 4, abril: 4,
  may: 5, mayo: 5, jun: 6, june: 6, junio: 6, jul: 7, july: 7, julio: 7, aug: 8, august: 8, agosto: 8,
  sep: 9, sept: 9, september: 9, septiembre: 9, oct: 10, october: 10, octubre: 10, nov: 11, november: 11, noviembre: 11,
  dec: 12, december: 12, diciembre: 12,
};
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Shorthand customers type, spelled out so the parser knows it. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    // Texting shorthand: "tmrw", "2moro", "2morrow", "2day", "2nite".
    .replace(/\btmrw?\b|\btmr\b|\btomorow\b|\btommorow\b|\btomorrrow\b|\btmorrow\b|\b2mo?r+o?w?\b/g, 'tomorrow')
    .replace(/\btdy\b|\b2day\b/g, 'today')
    .replace(/\b2nite\b|\btonite\b/g, 'tonight')
    // "like 9.30", "wed 8.00", "9.30am": a time written with a dot, where a time is said (not "$1.50", "2.5 hours").
    .replace(DOT_TIME, (m, before?: string, h?: string, min?: string, after?: string) => (before || after ? `${before ?? ''}${h}:${min}${after ?? ''}` : m))
    // "at three", "around ten", "a las tres", "a la una": an hour spelled out after a word that introduces a time.
    .replace(/\b(at|around|about|a las|a la|sobre las)\s+(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce)\b(?!\s+(?:of|or|hours?|minutes?|mins?|more|times?|days?|weeks?|people|units?|outlets?|lights?))/g, (m, at: string, h: string) =>
      /^a |^sobre/.test(at) === HORAS.includes(h) ? `${at} ${hourNumber(h)}` : m)
    .replace(/\bnxt\b/g, 'next')
    .replace(/\bwk\b/g, 'week')
    .replace(/\bpasado mañana\b/g, 'in 2 days')
    .replace(/\b(the )?day after tomorrow\b/g, 'in 2 days')
    // "10ish", "noonish": about then.
    .replace(/\b(\d{1,2}(?::\d{2})?)\s?-?ish\b/g, 'around $1')
    .replace(/\bnoon-?ish\b/g, 'noon')
    // "half past one", "half 2" (half past two), "quarter past 10", "quarter to 3".
    .replace(/\bhalf(?: past)? (\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/g, (_, h: string) => `${hourNumber(h)}:30`)
    .replace(/\bquarter past (\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/g, (_, h: string) => `${hourNumber(h)}:15`)
    .replace(/\bquarter to (\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/g, (_, h: string) => `${(hourNumber(h) + 11) % 12 || 12}:45`)
    .replace(/\b[a-z]{5,10}\b/g, (w) => weekdayTypo(w) ?? w);
}

/** An hour and minutes with a dot, after a word that brings in a time or a day, or before am/pm. */
const DOT_TIME = /(\b(?:at|around|about|like|by|before|after|till|until|from|to|or|between|a las|sobre las|today|tomorrow|tonight|morning|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|\w+day)\s*(?:@\s*)?|@\s*)?(?<![$\d.,])\b([01]?\d|2[0-3])\.([0-5]\d)\b(?![.,]?\d)(\s*(?:am|pm|a\.m\.?|p\.m\.?|hrs?\b|h\b))?/g;

const HOUR_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const HORAS = ['una', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce'];
const hourNumber = (h: string) => (/^\d+$/.test(h) ? Number(h) : (HOUR_WORDS.includes(h) ? HOUR_WORDS.indexOf(h) : HORAS.indexOf(h)) + 1);

const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** "wensday", "thrusday", "saterday": a weekday misspelt (one edit, two for the long names; same first two letters). */
function weekdayTypo(word: string): string | undefined {
  if (WEEKDAY_NAMES.includes(word)) return undefined;
  for (const day of WEEKDAY_NAMES) {
    if (word.slice(0, 2) !== day.slice(0, 2)) continue;
    const max = day.length >= 8 ? 2 : 1;
    if (editDistance(word, day, max) <= max) return day;
  }
  return undefined;
}


const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

function nextWeekday(today: string, weekday: number): string {
  const delta = (weekday - weekdayOf(today) + 7) % 7 || 7;
  return addDays(today, delta);
}

function nextDayOfMonth(today: string, day: number): string | undefined {
  for (let d = 0; d <= 62; d++) {
    const candidate = addDays(today, d);
    if (Number(candidate.slice(8, 10)) === day) return candidate;
  }
  return undefined;
}

/** The text just before `index` speaks of the customer's own day ("leave for work at 2", "home till 4"), not the visit's time. */
function ownDay(t: string, index: number): boolean {
  return /\b(leave|leaving|work|get home|be home|home|gone|until|till|salgo|trabajo)\b[^.?!]{0,14}$/.test(t.slice(Math.max(0, index - 28), index));
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** A time with the house rule: a bare 1–6 o'clock (no am/pm) is the afternoon; "de la tarde" too. */
function houseTime(hour: number, minute: number, meridiemCertain: boolean, text: string): number {
  let h = hour;
  if (!meridiemCertain && h >= 1 && h <= 6) h += 12;
  if (/\bde la (tarde|noche)\b/.test(text) && h < 12) h += 12;
  return h * 60 + minute;
}

/**
 * The day and time named in `text`, seen from `today` (local `YYYY-MM-DD`) and the local time `nowMinute`.
 * @example readWhen('tmrw at 10', '2026-12-01', 600, 'en') // { date: '2026-12-02', time: 600 }
 */
export function readWhen(text: string, today: string, nowMinute: number, lang: Lang, options: { last?: boolean } = {}): When {
  const t = normalise(text);
  const out: When = {};

  // Impossible calendar dates are said back, not rolled over into the next month.
  const named = new RegExp(`\\b(${Object.keys(MONTHS).join('|')})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+|de\\s+)?(${Object.keys(MONTHS).join('|')})\\b`).exec(t);
  if (named) {
    const month = MONTHS[(named[1] ?? named[4])!]!;
    const day = Number(named[2] ?? named[3]);
    if (day < 1 || day > DAYS_IN_MONTH[month - 1]!) out.issue = { kind: 'impossible', said: named[0] };
  }
  const numeric = /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?\b/.exec(t);
  if (numeric && (Number(numeric[1]) > 12 || Number(numeric[2]) > DAYS_IN_MONTH[Number(numeric[1]) - 1]!)) out.issue = { kind: 'impossible', said: numeric[0] };
  if (out.issue) return out;

  // "last monday", "yesterday", "el lunes pasado": a day gone by, said back rather than read forward.
  if (/\b(yesterday|ayer|anteayer)\b|\b(last|past)\s+(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo) pasado\b/.test(t)) {
    out.issue = { kind: 'past', said: text.trim() };
    return out;
  }
  const reference = { instant: new Date(`${today}T12:00:00Z`), timezone: 0 };
  const parser = lang === 'es' ? chrono.es : chrono.en;
  const results = parser.parse(t, reference, { forwardDate: true });
  // What is left once the dates chrono read are out, for a bare hour beside a day ("tuesday morning, 9 if you have it").
  let leftover = t;
  for (const r of results) leftover = leftover.replace(r.text, ' ');
  let past: string | undefined;
  let vagueDate = false;
  let timeCertain = false;
  let targeted = false;
  for (const r of results) {
    const s = r.start;
    const dayWord = /today|tomorrow|mañana|hoy|weekend|fin de semana|week|semana|\bdays?\b|d[ií]as?/.test(r.text);
    const weekdayWord = Object.keys(WEEKDAYS).find((w) => new RegExp(`\\b${w}\\b`).test(r.text));
    // "now that i look" is no appointment day; "for a week", "a month ago" are durations.
    if (/^(right )?now$/.test(r.text.trim())) continue;
    if (/^(for |about |like |over )?(a|an|one|two|three|a few|few|\d+) (weeks?|months?|years?|days?)( ago| now)?$/.test(r.text.trim())) continue;
    // "from the 60s", "in the '90s": a decade.
    if (/\b'?\d0s\b/.test(r.text)) continue;
    // "after like 10 min", "in 2 hours": a duration, not an appointment time.
    if (/\b(min|mins|minutes?|hrs?|hours?|horas?|minutos?)\b/.test(r.text) && !dayWord && !weekdayWord) continue;
    // "look at 2 outlets … wednesday 10am": a count is no hour, and a time with am/pm beats one without.
    const counted = /^\s*(outlets?|lights?|fixtures?|switch(es)?|toilets?|sinks?|rooms?|bathrooms?|units?|vents?|kids|dogs?|cats?|people|floors?|stor(y|ies)|years?|weeks?|days?)\b/.test(t.slice(r.index + r.text.length));
    if (s.isCertain('hour') && !ownDay(t, r.index) && !counted && (out.time === undefined || (!timeCertain && s.isCertain('meridiem')))) {
      out.time = houseTime(s.get('hour') ?? 0, s.get('minute') ?? 0, s.isCertain('meridiem'), t);
      timeCertain = s.isCertain('meridiem');
    }
    // A vague "this week" gives way to a day named beside it ("… this week only. book me for friday").
    const vague = !weekdayWord && /\b(this|next) (week|semana)\b|^(week|semana)$/.test(r.text.trim());
    // "move it to friday … something came up tuesday", "make that wednesday … i have jury duty thursday": the day it
    // is moved to, for, or until is the one asked for
    // ("i booked … for saturday, push it to monday": the later such day).
    const target = /\b(to|for|onto|into|until|till|make (?:it|that)|al|para|para el)\s+(the\s+|el\s+|next\s+|this\s+|este\s+)?$/.test(t.slice(Math.max(0, r.index - 14), r.index));
    if (out.date && targeted && !target) continue;
    // A correction ("the 10th doesn't work, the 11th instead") means the last day named.
    if (out.date && !(vagueDate && !vague) && !(options.last && !vague) && !target) continue;
    // "i meant tuesday not monday": in a correction, a day after "not" is the old one.
    if (options.last && /\b(not|no|instead of|rather than)\s+(the\s+|on\s+)?$/.test(t.slice(Math.max(0, r.index - 16), r.index))) continue;
    let date: string | undefined;
    if (weekdayWord && !s.isCertain('day')) {
      date = nextWeekday(today, WEEKDAYS[weekdayWord]!);
      if (/\b(the )?(week after next|following week)\b|\bafter next\b|\b(the one after|the following one)\b|\bnot this (mon|tue|wed|thu|fri|sat|sun)\w*/.test(t)) date = addDays(date, 7);
    } else if (s.isCertain('day') || s.isCertain('weekday') || dayWord) {
      date = iso(s.get('year')!, s.get('month')!, s.get('day')!);
    }
    if (!date) continue;
    // "I called last week … can you do tuesday": a past day is only the answer when no other day is named.
    // "monday isn't gonna work anymore, thursday would be better": a day turned down is not the day asked for.
    if (/^\W*(isn'?t|is not|doesn'?t|does not|won'?t|will not|no longer|is no good|is out)\b/.test(t.slice(r.index + r.text.length, r.index + r.text.length + 24))) continue;
    // A day long gone ("the house is from the 60s") describes something; only a recent one is a mistaken request.
    if (date < today) {
      if (date >= addDays(today, -60)) past ??= date;
    }
    else {
      out.date = date;
      vagueDate = vague;
      targeted ||= target;
    }
  }
  if (out.time === undefined) {
    // "thurs @ 1030", "around 1", "9 ok" (a time on its own after a day was named).
    const at = /(?:@|\bat|\baround|\babout|\blike|\bby|\ba las)\s*(\d{1,2})(?::?(\d{2}))?\b(?!\s*(?:\/|-|st\b|nd\b|rd\b|th\b|%|°|deg|degree|min|hour|day|week|month|year|yr|gal|lb|pound|dollar|buck|time|am|pm|a\.m|p\.m|de la))/.exec(t);
    const alone = /(?:^|[?.!,]\s*)(\d{1,2})(?::(\d{2}))?\s*(?:ok|okay|works|is fine|is good|please|pls|plz)?\s*[.!]?\s*$/.exec(t);
    // "wait actually 11 is better", "make it 2", "how about 3 instead".
    const changed =
      /\b(?:make it|change (?:it )?to|how about|what about|rather|actually|instead)\s*(?:at\s*)?(\d{1,2})(?::(\d{2}))?\b(?!\s*(?:\/|-|st\b|nd\b|rd\b|th\b|min|hour|day))/.exec(t) ??
      /\b(\d{1,2})(?::(\d{2}))?\s*(?:is better|works better|would be better|instead|is good|works)\b/.exec(t);
    // A day named and one small number left beside it: that number is the hour.
    const numbers = out.date ? [...leftover.matchAll(/(?<![\d:$#/-])\b(\d{1,2})(?::(\d{2}))?\b(?!\s*(?:\/|-|%|°|deg|degree|st\b|nd\b|rd\b|th\b|min|hour|hr|day|week|month|year|yr|gal|lb|pound|dollar|buck|time|ft|feet|foot|inch|mile|amp|of them|fixtures?|lights?|outlets?|people|kids|dogs?|cats?|stor(y|ies)|floors?|bed|bath|years?))/gi)] : [];
    const beside = numbers.length === 1 ? numbers[0]! : undefined;
    // "i have to leave for work at 2", "home by 4": the customer's own day, not the visit's time.
    const constraint = (m: RegExpExecArray | null) => m && ownDay(t, m.index + (m[0].match(/^\D*/)?.[0].length ?? 0));
    const hit = [at, changed, alone, beside].find((m) => m && !constraint(m)) ?? null;
    if (hit) {
      const hour = Number(hit[1]);
      const minute = Number(hit[2] ?? 0);
      if (hour >= 1 && hour <= 12 && minute < 60) out.time = houseTime(hour, minute, false, t);
    }
  }
  if (!out.date && past) {
    out.issue = { kind: 'past', said: past };
    return out;
  }
  // "tues half 2": a weekday the parser left out when a time came with it.
  if (!out.date && !out.issue) {
    const day = Object.keys(WEEKDAYS).find((w) => new RegExp(`\\b${w}\\b`).test(t));
    if (day) out.date = nextWeekday(today, WEEKDAYS[day]!);
  }
  // "in 2 days", "en dos días", "dentro de 3 días" ("pasado mañana" and "the day after tomorrow" arrive as "in 2 days"),
  // in either language's parser.
  const inDays = /\b(?:in|en|dentro de)\s+(\d{1,2}|two|three|four|five|dos|tres|cuatro|cinco)\s+(?:days|d[ií]as)\b/.exec(t);
  if (inDays && !out.date) {
    const n = ({ two: 2, three: 3, four: 4, five: 5, dos: 2, tres: 3, cuatro: 4, cinco: 5 } as Record<string, number>)[inDays[1]!] ?? Number(inDays[1]);
    if (n >= 1 && n <= 60) out.date = addDays(today, n);
  }
  // "a week from today" reads as two results ("a week", "today"): the week wins.
  if (/\b(a|one|1) week from (today|now)\b|\bin (a|one|1) week\b|\bdentro de una semana\b|\ben una semana\b/.test(t)) out.date = addDays(today, 7);
  // "the 10th doesn't work, can we do the 11th instead?": in a correction the last ordinal day stands.
  if (options.last) {
    const ordinals = [...t.matchAll(/\b(?:the|on the|el|para el|día)\s+(\d{1,2})(?:st|nd|rd|th)\b/g)];
    const lastDay = ordinals.length > 1 ? Number(ordinals.at(-1)![1]) : undefined;
    if (lastDay && lastDay >= 1 && lastDay <= 31) out.date = nextDayOfMonth(today, lastDay);
  }
  // "the 5th", "on the 12th", "el 5": the next such day of a month.
  if (!out.date) {
    const ordinal = /\b(?:the|on the|el|para el|día)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?::|%|am|pm|a\.m|p\.m|de la|percent|dollars?|minutes?|mins?|hours?|years?|days?))/.exec(t);
    if (ordinal && Number(ordinal[1]) >= 1 && Number(ordinal[1]) <= 31) out.date = nextDayOfMonth(today, Number(ordinal[1]));
  }
  if (out.time === undefined) {
    if (/\b(noon|mediod[ií]a)\b/.test(t)) out.time = 12 * 60;
    else if (/\b(first thing|early morning|as early as (possible|you can))\b/.test(t)) out.time = 8 * 60;
  }
  // A year far off is a number misread as a date (a ZIP, a house number), not a booking request.
  if (out.date && Number(out.date.slice(0, 4)) > Number(today.slice(0, 4)) + 2 && !t.includes(out.date.slice(0, 4))) delete out.date;
  if (out.date === today && out.time !== undefined && out.time <= nowMinute) out.issue = { kind: 'past', said: `${out.date} ${out.time}` };
  return out;
}
