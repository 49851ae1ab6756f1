/**
 * Dates and times out of what a customer types, in English or Spanish:
 * chrono-node does the reading ("tmrw at 10", "friday morning", "el martes a
 * las 3 de la tarde"), and a few house rules sit on top of it: a weekday means
 * the next one after today ("next thursday" said on a Tuesday is in two days,
 * as the booking flow has always read it), "the 5th" is the next 5th, a bare
 * 1:00–6:59 is the afternoon, impossible dates ("Feb 30") and past ones are
 * reported rather than guessed. Days are also counted ("2 weeks from today", "a week
 * from friday"), a day gone by ("since sunday", "last weekend") only tells the story,
 * a shift of a booking ("one week later") is left to understand.ts, and a fallback
 * time ("… or else half past 2") comes back in `alternatives`.
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
  /** "quarter past 2 … if not, half past 2": the times to try, in order, when `time` is not open. */
  alternatives?: number[];
  /** The day is only a week named ("this week", "next week"), no day of it. */
  vague?: boolean;
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
    // Dictation: "nine o clock", and hours heard as their homophones ("at too in the afternoon", "at for",
    // "ate thirty", "at won"): after "at", or before the minutes or half of the day that make them a time.
    .replace(/\bo\s+clock\b/g, "o'clock")
    .replace(/\b(at|around|about|by)\s+(too|for|fore|ate|won)\b(?!\s+(?:a|an|the|me|us|you|it|them|him|her|my|our|your|now|sure|real|some|sale|least|all|once|this|that|what|how|which)\b)/g, (_, at: string, w: string) => `${at} ${HOMOPHONE[w]}`)
    .replace(/\b(too|fore|ate|won)\s+(?=(?:fifteen|thirty|forty[- ]?five|o'clock|in the (?:morning|afternoon|evening)|am\b|pm\b))/g, (_, w: string) => `${HOMOPHONE[w]} `)
    // "like ten ish", "two-ish": about that hour.
    .replace(/\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s?-?ish\b/g, (_, h: string) => `around ${hourNumber(h)}`)
    // "like 9.30", "wed 8.00", "9.30am": a time written with a dot, where a time is said (not "$1.50", "2.5 hours").
    .replace(DOT_TIME, (m, before?: string, h?: string, min?: string, after?: string) => (before || after ? `${before ?? ''}${h}:${min}${after ?? ''}` : m))
    // "at three", "around ten", "a las tres", "a la una": an hour spelled out after a word that introduces a time.
    .replace(/\b(at|around|about|a las|a la|sobre las)\s+(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce)\b(?!\s+(?:of|or|hours?|minutes?|mins?|more|times?|days?|weeks?|people|units?|outlets?|lights?))/g, (m, at: string, h: string) =>
      /^a |^sobre/.test(at) === HORAS.includes(h) ? `${at} ${hourNumber(h)}` : m)
    // "ten o'clock", "diez en punto": an hour spelled out before o'clock is that hour.
    .replace(/\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o'?clock\b/g, (_, h: string) => `${hourNumber(h)} o'clock`)
    // "9 sharp", "10 on the dot", "9 en punto": that time exactly.
    .replace(/\b(\d{1,2})(:\d{2})?\s*(?:o'?clock\s*)?(?:sharp|on the dot|en punto)\b/g, (_, h: string, min?: string) => `${h}${min ?? ':00'}`)
    // Spanish without accents: "manana" is "mañana", "dia" "día", "proxima" "próxima".
    .replace(/\bmanana\b/g, 'mañana')
    .replace(/\bdia(s?)\b/g, 'día$1')
    .replace(/\bproxim([oa])\b/g, 'próxim$1')
    .replace(/\bdespues\b/g, 'después')
    // "a las 10 de la mañana" is ten in the morning, not tomorrow; "de la tarde/noche" is read later (houseTime).
    .replace(/\b(\d{1,2}(?::\d{2})?)\s+(?:de la|por la) mañana\b/g, '$1 am')
    // "a las 10 y media", "las 3 y cuarto", "las 4 menos cuarto".
    .replace(/\b(\d{1,2}) y media\b/g, '$1:30')
    .replace(/\b(\d{1,2}) y cuarto\b/g, '$1:15')
    .replace(/\b(\d{1,2}) menos cuarto\b/g, (_, h: string) => `${(Number(h) + 11) % 12 || 12}:45`)
    .replace(/\bnxt\b/g, 'next')
    .replace(/\bwk\b/g, 'week')
    .replace(/\bpasado mañana\b/g, 'in 2 days')
    .replace(/\b(the )?day after tomorrow\b/g, 'in 2 days')
    // "10ish", "noonish": about then.
    .replace(/\b(\d{1,2}(?::\d{2})?)\s?-?ish\b/g, 'around $1')
    .replace(/\bnoon-?ish\b/g, 'noon')
    // "ten thirty", "2 fifteen", "nine forty-five": an hour and its minutes in words.
    .replace(/\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (fifteen|thirty|forty[- ]?five)\b(?![- ]?(?:minutes?|mins?|years?|days?|hours?|dollars?|bucks|percent|%|gallons?|amps?|feet|ft))/g, (_, h: string, m: string) =>
      `${hourNumber(h)}:${m === 'fifteen' ? '15' : m === 'thirty' ? '30' : '45'}`)
    // "half past one", "half 2" (half past two), "quarter past 10", "quarter to 3".
    .replace(/\bhalf(?: past)? (\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/g, (_, h: string) => `${hourNumber(h)}:30`)
    .replace(/\b(?:a )?quarter (?:past|after) (\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/g, (_, h: string) => `${hourNumber(h)}:15`)
    .replace(/\b(?:a )?quarter (?:to|till?|of|before) (\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/g, (_, h: string) => `${(hourNumber(h) + 11) % 12 || 12}:45`)
    // "ten o'clock in the morning", "2 in the afternoon", "8 at night": the hour with its half of the day.
    .replace(/\b(\d{1,2}(?::\d{2})?)\s*(?:o'?clock\s*)?(?:in the|this)\s+(morning|afternoon|evening)\b|\b(\d{1,2}(?::\d{2})?)\s*(?:o'?clock\s*)?at night\b/g, (_, h?: string, part?: string, night?: string) =>
      night ? `${night}pm` : `${h}${part === 'morning' ? 'am' : 'pm'}`)
    .replace(/\b[a-z]{5,10}\b/g, (w) => weekdayTypo(w) ?? w);
}

/** An hour and minutes with a dot, after a word that brings in a time or a day, or before am/pm. */
const DOT_TIME = /(\b(?:at|around|about|like|by|before|after|till|until|from|to|or|between|a las|sobre las|today|tomorrow|tonight|morning|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|\w+day)\s*(?:@\s*)?|@\s*)?(?<![$\d.,])\b([01]?\d|2[0-3])\.([0-5]\d)\b(?![.,]?\d)(\s*(?:am|pm|a\.m\.?|p\.m\.?|hrs?\b|h\b))?/g;

/** Words dictation writes for an hour ("too", "for", "ate", "won"). */
const HOMOPHONE: Record<string, string> = { too: 'two', for: 'four', fore: 'four', ate: 'eight', won: 'one' };

const HOUR_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const HORAS = ['una', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce'];
/** The hour words of both languages, for patterns ("ok ten", "las diez"). */
export const HOUR_WORDS_RE = [...HOUR_WORDS, ...HORAS].join('|');
/** The hour an hour word (English or Spanish, lower case) or a digit string says, 1–12. */
export const hourNumber = (h: string) => (/^\d+$/.test(h) ? Number(h) : (HOUR_WORDS.includes(h) ? HOUR_WORDS.indexOf(h) : HORAS.indexOf(h)) + 1);

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

const COUNTS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, fourteen: 14, fifteen: 15,
  un: 1, una: 1, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, catorce: 14, quince: 15,
};
const COUNT = `(\\d{1,2}|${Object.keys(COUNTS).join('|')})`;
const WEEKS = '(weeks?|semanas?|days?|d[ií]as?)';
const countOf = (word: string) => COUNTS[word] ?? Number(word);

/**
 * A day counted from today or from a day named: "in 2 weeks", "two weeks from today", "3 days from now",
 * "a week from friday", "a week from tomorrow", "dentro de dos semanas", "en tres días", "de hoy en ocho días"
 * (Spanish counts a week as eight days, a fortnight as fifteen, both counting today).
 */
function relativeDay(t: string, today: string): string | undefined {
  const span = (count: string, unit: string) => countOf(count) * (/^(w|s)/.test(unit) ? 7 : 1);
  const from = new RegExp(`\\b${COUNT}\\s+${WEEKS}\\s+(?:from|after|starting|a partir de(?:l)?|despu[eé]s de(?:l)?)\\s+(?:this |next |el |la )?(today|now|tomorrow|hoy|mañana|${Object.keys(WEEKDAYS).join('|')})\\b`).exec(t);
  if (from) {
    const base = from[3]!;
    const start = /^(today|now|hoy)$/.test(base) ? today : /^(tomorrow|mañana)$/.test(base) ? addDays(today, 1) : nextWeekday(today, WEEKDAYS[base]!);
    const n = span(from[1]!, from[2]!);
    return n >= 1 && n <= 90 ? addDays(start, n) : undefined;
  }
  // "in a fortnight", "a week on friday", "friday week" (British): two weeks; that weekday a week later.
  if (/\b(in )?a fortnight\b/.test(t)) return addDays(today, 14);
  const weekOn = new RegExp(`\\ba week on (${Object.keys(WEEKDAYS).join('|')})\\b|\\b(${Object.keys(WEEKDAYS).join('|')}) week\\b`).exec(t);
  if (weekOn) return addDays(nextWeekday(today, WEEKDAYS[(weekOn[1] ?? weekOn[2])!]!), 7);
  const spanish = /\bde hoy en (ocho|quince|8|15)(?: d[ií]as)?\b/.exec(t);
  if (spanish) return addDays(today, /^(ocho|8)$/.test(spanish[1]!) ? 7 : 14);
  const ahead = new RegExp(`\\b(?:in|en|dentro de)\\s+(?:about |like |unas? )?${COUNT}\\s+${WEEKS}(?:'?s)?\\b(?!\\s+(?:ago|later|earlier))`).exec(t);
  if (ahead) {
    const n = span(ahead[1]!, ahead[2]!);
    return n >= 1 && n <= 90 ? addDays(today, n) : undefined;
  }
  return undefined;
}

/**
 * "thursday the 17th", "monday, dec 14" aside, "el jueves 17": a weekday and a day of the month that fall together
 * in the next ten weeks, said as that date. A bare number after an English weekday ("friday 4") stays an hour;
 * in Spanish a time comes with "a las", so "el martes 15" is the 15th.
 */
function weekdayWithDate(t: string, today: string, lang: Lang): { date?: string; said: string; weekday: string } | undefined {
  const m = new RegExp(`\\b(${Object.keys(WEEKDAYS).join('|')})\\.?,?\\s+(the\\s+|el\\s+|d[ií]a\\s+)?(\\d{1,2})(st|nd|rd|th)?\\b(?!\\s*(?::|\\.\\d|am\\b|pm\\b|a\\.m|p\\.m|o'?clock|\\/|-|de la|ish))`).exec(t);
  if (!m) return undefined;
  if (lang !== 'es' && !m[2] && !m[4]) return undefined;
  const day = Number(m[3]);
  if (day < 1 || day > 31) return undefined;
  for (let d = 0; d <= 70; d++) {
    const candidate = addDays(today, d);
    if (Number(candidate.slice(8, 10)) === day && weekdayOf(candidate) === WEEKDAYS[m[1]!]) return { date: candidate, said: m[0], weekday: m[1]! };
  }
  // "monday the 12th" when no coming 12th is a Monday: the weekday and the date disagree, and the customer is asked.
  return { said: m[0], weekday: m[1]! };
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
  // "thursday the 17th", "el jueves 17": a weekday with its date is that date (the number is no hour).
  const dated = weekdayWithDate(normalise(text), today, lang);
  const t = dated ? normalise(text).replace(dated.said, dated.weekday) : normalise(text);
  const out: When = {};
  if (dated && !dated.date) return { issue: { kind: 'impossible', said: dated.said } };

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
  // (Said back only when no day ahead is named beside it: "we got it last weekend … can you come on the 14th?".)
  const saidPast = /\b(yesterday|ayer|anteayer)\b|\b(last|past)\s+(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo) pasado\b/.test(t);
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
  /** Every visit time named, where it stands in the text. */
  const times: { minute: number; index: number; end: number }[] = [];
  let chosen: number | undefined;
  for (const r of results) {
    const s = r.start;
    const dayWord = /today|tomorrow|mañana|hoy|weekend|fin de semana|week|semana|\bdays?\b|d[ií]as?/.test(r.text);
    const weekdayWord = Object.keys(WEEKDAYS).find((w) => new RegExp(`\\b${w}\\b`).test(r.text));
    // "now that i look" is no appointment day; "for a week", "a month ago" are durations.
    if (/^(right )?now$/.test(r.text.trim())) continue;
    if (/^(for |about |like |over )?(a|an|one|two|three|a few|few|\d+) (weeks?|months?|years?|days?)( ago| now)?$/.test(r.text.trim())) continue;
    // "from the 60s", "in the '90s": a decade.
    if (/\b'?\d0s\b/.test(r.text)) continue;
    // "last weekend", "since sunday", "desde el domingo", "el lunes pasado", "a week ago": a day gone by tells the story.
    const before = t.slice(Math.max(0, r.index - 12), r.index);
    const after = t.slice(r.index + r.text.length, r.index + r.text.length + 14);
    if (/^(last|past)\b/.test(r.text) || /\b(last|past|since|desde(?: el| la| los)?|from last)\s+$/.test(before) || /^\s*(ago|pasad[oa])\b/.test(after)) continue;
    // "one week later", "a day earlier", "una semana después", "same time next week": a shift of a booked visit
    // (understand.ts reads it), not a day counted from today.
    const count = /^(a|an|one|two|three|four|\d+|una?|uno|dos|tres|cuatro)\s+(weeks?|days?|semanas?|d[ií]as?)$/.test(r.text.trim());
    if ((count && /^\s*(later|earlier|after|before|después|antes|más tarde|mas tarde)\b/.test(after)) || /\b(later|earlier)$/.test(r.text) || /^(the )?day (before|after)$/.test(r.text.trim())) continue;
    if (/^(next|the following) week$|^(la )?(semana (que viene|próxima)|próxima semana)$/.test(r.text.trim()) && /\b(same (time|hour|day)|misma hora|mismo d[ií]a)\b/.test(t)) continue;
    if (/^(hace |por |durante )?(una?|dos|tres|\d+) (semanas?|d[ií]as?|mes(es)?)$/.test(r.text.trim())) continue;
    // "after like 10 min", "in 2 hours": a duration, not an appointment time.
    if (/\b(min|mins|minutes?|hrs?|hours?|horas?|minutos?)\b/.test(r.text) && !dayWord && !weekdayWord) continue;
    // "look at 2 outlets … wednesday 10am": a count is no hour, and a time with am/pm beats one without.
    const counted = /^\s*(outlets?|lights?|fixtures?|switch(es)?|toilets?|sinks?|rooms?|bathrooms?|units?|vents?|kids|dogs?|cats?|people|floors?|stor(y|ies)|years?|weeks?|days?)\b/.test(t.slice(r.index + r.text.length));
    if (s.isCertain('hour') && !ownDay(t, r.index) && !counted) {
      const minute = houseTime(s.get('hour') ?? 0, s.get('minute') ?? 0, s.isCertain('meridiem'), t);
      times.push({ minute, index: r.index, end: r.index + r.text.length });
      if (out.time === undefined || (!timeCertain && s.isCertain('meridiem'))) {
        out.time = minute;
        chosen = times.length - 1;
        timeCertain = s.isCertain('meridiem');
      }
    }
    // A vague "this week" gives way to a day named beside it ("… this week only. book me for friday").
    const vague = !weekdayWord && /\b(this|next) (week|semana)\b|^(week|semana)$/.test(r.text.trim());
    // "move it to friday … something came up tuesday", "make that wednesday … i have jury duty thursday": the day it
    // is moved to, for, or until is the one asked for
    // ("i booked … for saturday, push it to monday": the later such day).
    // In a correction, the day right after "no wait", "actually", "i mean" replaces the one before it
    // ("make it thursday... no wait friday").
    const target =
      /\b(to|for|onto|into|until|till|make (?:it|that)|al|para|para el)\s+(the\s+|el\s+|next\s+|this\s+|este\s+)?$/.test(t.slice(Math.max(0, r.index - 14), r.index)) ||
      (Boolean(options.last) && /\b(no wait|wait no|wait|actually|i mean|i meant|no sorry|sorry|mejor|no,? mejor|digo)[\s,.…]*(?:on\s+|the\s+|el\s+)?$/.test(t.slice(Math.max(0, r.index - 16), r.index)));
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
  // "nine o clock... actually no ten... lets say ten thirty thats final": in a correction the last time said stands
  // (not one after "not", nor a fallback after "or").
  if (options.last && times.length > 1) {
    const lastTime = times.at(-1)!;
    const lead = t.slice(Math.max(0, lastTime.index - 16), lastTime.index);
    // ("mejor a las 11, a las 9 no estoy": the time said with the correction word is the new one, the other turned down.)
    const firstLead = t.slice(Math.max(0, times[0]!.index - 20), times[0]!.index);
    const turnedDown = /^\W*(?:no\b|not\b|is(?:n'?t| not| bad| no good)|does(?:n'?t| not)|won'?t|i (?:can'?t|cannot|work|am not|'?m not))/.test(t.slice(lastTime.end, lastTime.end + 20));
    const firstIsNew = /\b(actually|instead|mejor|rather|make it|change (?:it )?to|i mean|i meant|no wait|wait no)\b[^.?!]{0,12}$/.test(firstLead);
    if (!turnedDown && !firstIsNew && !/\b(not|instead of|rather than|or|otherwise|else|if not)\s*(?:at\s+)?$/.test(lead) && !/\b(or|otherwise|else|if not)\b/.test(t.slice(times[0]!.end, lastTime.index))) {
      out.time = lastTime.minute;
      chosen = times.length - 1;
    }
  }
  // "at 2, actually 3", "10am no wait make it 11": a bare hour after the correction word replaces the time read.
  if (options.last && times.length) {
    const after = t.slice(times.at(-1)!.end);
    const fix = /\b(?:make it|change (?:it )?to|how about|what about|actually|instead|no wait|wait no|i mean|i meant)\s*,?\s*(?:at\s*)?(\d{1,2})(?::(\d{2}))?\b(?!\s*(?:\/|-|:|st\b|nd\b|rd\b|th\b|min|hour|hr|day|week|month|am\b|pm\b))/.exec(after);
    if (fix && Number(fix[1]) >= 1 && Number(fix[1]) <= 12 && Number(fix[2] ?? 0) < 60) out.time = houseTime(Number(fix[1]), Number(fix[2] ?? 0), false, t);
  }
  // "monday or tuesday um tuesday at eleven": a day offered among others, then said again, is the day chosen.
  if (!options.last && /\b(or|o)\b/.test(t)) {
    const said = results.map((r) => Object.keys(WEEKDAYS).find((w) => new RegExp(`\\b${w}\\b`).test(r.text))).filter((w): w is string => Boolean(w));
    const again = said.find((w, i) => said.indexOf(w) !== i && said.some((x) => WEEKDAYS[x] !== WEEKDAYS[w]));
    if (again && said[0] !== again) out.date = nextWeekday(today, WEEKDAYS[again]!);
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
    // "monday 9 or 10": the first hour, and the other to try.
    const either = out.date ? /(?<![\d:$#/-])\b(\d{1,2})(?::(\d{2}))?\s*(?:or|o)\s*(\d{1,2})(?::(\d{2}))?\b(?!\s*(?:\/|-|%|st\b|nd\b|rd\b|th\b|min|hour|hr|day|week|month|year|yr|times?|[a-z]*s\b))/.exec(leftover) : null;
    const hit = [at, changed, alone, beside, either].find((m) => m && !constraint(m)) ?? null;
    if (hit) {
      const hour = Number(hit[1]);
      const minute = Number(hit[2] ?? 0);
      if (hour >= 1 && hour <= 12 && minute < 60) out.time = houseTime(hour, minute, false, t);
      if (hit === either && out.time !== undefined && Number(either[3]) >= 1 && Number(either[3]) <= 12 && Number(either[4] ?? 0) < 60) {
        out.alternatives = [houseTime(Number(either[3]), Number(either[4] ?? 0), false, t)];
      }
    }
  }
  if (dated?.date && !options.last) out.date = dated.date;
  if (out.date && vagueDate && !dated) out.vague = true;
  // "2:15 on friday? if u only do half hours then half past 2", "9 or 10", "10, otherwise 11": a fallback time,
  // said after a word that offers one (never one said after "not").
  if (chosen !== undefined) {
    const first = times[chosen]!;
    const alternatives = times
      .filter((x, i) => i !== chosen && x.minute !== first.minute)
      .filter((x) => {
        const between = x.index > first.index ? t.slice(first.end, x.index) : t.slice(x.end, first.index);
        return /\b(or|otherwise|else|if|failing that|si no|sino|o|de lo contrario|o si no)\b/.test(between) && !/\b(not|no|never|nunca)\s*$/.test(t.slice(Math.max(0, x.index - 10), x.index));
      })
      .map((x) => x.minute);
    // "friday at 10, otherwise 11", "or 11 if that's taken": a bare hour right after the word that offers it.
    const bare = /\b(?:or|otherwise|else|if not|failing that|si no|o)\s*,?\s*(?:at |around |maybe |a las )?(\d{1,2})(?::(\d{2}))?\b(?!\s*(?:\/|-|%|st\b|nd\b|rd\b|th\b|min|hour|hr|day|week|month|year|yr|times?|people|of\b|[a-z]*s\b))/.exec(t.slice(first.end));
    if (!alternatives.length && bare && Number(bare[1]) >= 1 && Number(bare[1]) <= 12 && Number(bare[2] ?? 0) < 60) {
      const minute = houseTime(Number(bare[1]), Number(bare[2] ?? 0), false, t);
      if (minute !== first.minute) alternatives.push(minute);
    }
    if (alternatives.length) out.alternatives = [...new Set(alternatives)];
  }
  if (!out.date && (past || saidPast)) {
    out.issue = { kind: 'past', said: saidPast ? text.trim() : past! };
    if (saidPast) delete out.time;
    return out;
  }
  // "tues half 2": a weekday the parser left out when a time came with it.
  if (!out.date && !out.issue) {
    const day = Object.keys(WEEKDAYS).find((w) => new RegExp(`\\b${w}\\b`).test(t));
    if (day) out.date = nextWeekday(today, WEEKDAYS[day]!);
  }
  // "in 2 days", "2 weeks from today", "a week from friday", "dentro de dos semanas", "de hoy en ocho días"
  // ("pasado mañana" and "the day after tomorrow" arrive as "in 2 days"): counted from today or the day named.
  const fromToday = relativeDay(t, today);
  if (fromToday) out.date = fromToday;
  // "the 10th doesn't work, can we do the 11th instead?": in a correction the last ordinal day stands.
  if (options.last) {
    const ordinals = [...t.matchAll(/\b(?:the|on the|el|para el|día)\s+(\d{1,2})(?:st|nd|rd|th)\b/g)];
    const lastDay = ordinals.length > 1 ? Number(ordinals.at(-1)![1]) : undefined;
    if (lastDay && lastDay >= 1 && lastDay <= 31) out.date = nextDayOfMonth(today, lastDay);
  }
  // "the 5th", "on the 12th", "el 5": the next such day of a month.
  if (!out.date || vagueDate) {
    const ordinal = /\b(?:the|on the|el|para el|día|el día)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?::|%|am|pm|a\.m|p\.m|de la|percent|dollars?|minutes?|mins?|hours?|years?|days?))/.exec(t);
    if (ordinal && Number(ordinal[1]) >= 1 && Number(ordinal[1]) <= 31) out.date = nextDayOfMonth(today, Number(ordinal[1]));
  }
  if (out.time === undefined) {
    if (/\b(noon|mediod[ií]a|lunch ?time|around lunch|at lunch|la hora de (la )?comida)\b/.test(t)) out.time = 12 * 60;
    else if (/\b(first thing|early morning|as early as (possible|you can))\b/.test(t)) out.time = 8 * 60;
  }
  // A year far off is a number misread as a date (a ZIP, a house number), not a booking request.
  if (out.date && Number(out.date.slice(0, 4)) > Number(today.slice(0, 4)) + 2 && !t.includes(out.date.slice(0, 4))) delete out.date;
  if (out.date === today && out.time !== undefined && out.time <= nowMinute) out.issue = { kind: 'past', said: `${out.date} ${out.time}` };
  return out;
}
