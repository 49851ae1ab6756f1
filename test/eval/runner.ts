/**
 * Plays eval scenarios against a running Switchboard over its public HTTP API
 * (exactly what the widget does: session/new, then chat/message), reads the end
 * state back with a staff token, and grades it. Knows nothing of which model
 * answers, so the same suite measures the offline engine and any configured one.
 *
 * Scenarios run one at a time, and the bookings a scenario made are cancelled
 * after it, so each one meets the same free calendar.
 */
import type { Category, DateSpec, ExpectedBooking, ReplyCheck, Scenario } from './types.ts';

export interface EvalTarget {
  /** e.g. http://127.0.0.1:8787 */
  baseUrl: string;
  /** A staff token of that server (reads bookings and tickets, cancels what a scenario booked). */
  staffToken: string;
  /** The business's IANA zone (GET /api/v1/config says it). */
  timeZone: string;
}

interface Turn {
  said: string;
  status: number;
  reply: string;
  tools: { name: string; ok: boolean }[];
  bookingNumbers: string[];
}

export interface ScenarioResult {
  id: string;
  category: Category;
  passed: boolean;
  /** Set when the scenario cannot be played today (the slot it books is not open on the day it resolves to). */
  notApplicable?: string;
  failures: string[];
  turns: Turn[];
  ms: number;
}

interface BookingView {
  number: string;
  status: string;
  service: { slug: string; name: string };
  customer: { name: string; phone: string; email: string | null };
  address: string;
  start: string;
  created_at: string;
}

// ---------- dates, computed here independently of the engine under test ----------

/** Today's date `YYYY-MM-DD` in `timeZone`. */
export function todayIn(timeZone: string, now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The local date a DateSpec names, seen from `today`. */
export function resolveDate(spec: DateSpec, today: string): string {
  if ('iso' in spec) return spec.iso;
  if ('inDays' in spec) return addDays(today, spec.inDays);
  if ('weekday' in spec) {
    const current = new Date(`${today}T12:00:00Z`).getUTCDay();
    const delta = (WEEKDAYS.indexOf(spec.weekday) - current + 7) % 7 || 7;
    return addDays(today, delta + 7 * (spec.weeksLater ?? 0));
  }
  for (let d = 1; d <= 62; d++) {
    const candidate = addDays(today, d);
    if (Number(candidate.slice(8, 10)) === spec.dayOfMonth) return candidate;
  }
  throw new Error(`no day ${spec.dayOfMonth} in the next two months`);
}

// ---------- the API, as the widget and a staff member use it ----------

async function call(target: EvalTarget, path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const res = await fetch(`${target.baseUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = { raw: text };
  }
  return { status: res.status, body };
}

const staffBooking = async (target: EvalTarget, number: string): Promise<BookingView | undefined> => {
  const r = await call(target, `/api/v1/bookings/${number}`, { token: target.staffToken });
  return r.status === 200 ? (r.body as BookingView) : undefined;
};

// ---------- grading ----------

const SPANISH = /\b(el|la|los|las|de|del|que|para|por|su|sus|usted|una?|cita|gracias|hola|d[ií]a|hora|s[ií]|puedo|quiere|necesita|nuestro|servicio|reserva|tel[eé]fono|direcci[oó]n|nombre)\b/gi;
const ENGLISH = /\b(the|your|you|would|what|which|is|are|our|please|booking|appointment|thanks|time|day)\b/gi;

/** Whether `text` reads as Spanish (more Spanish than English function words). */
export function looksSpanish(text: string): boolean {
  return (text.match(SPANISH)?.length ?? 0) > (text.match(ENGLISH)?.length ?? 0);
}

const norm = (s: string | null | undefined) => (s ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
const digits = (s: string | null | undefined) => (s ?? '').replace(/\D/g, '');

function checkBooking(got: BookingView, want: ExpectedBooking, today: string, timeZoneNote: string): string[] {
  const failures: string[] = [];
  const date = resolveDate(want.date, today);
  if (got.service.slug !== want.service) failures.push(`booked ${got.service.slug}, expected ${want.service}`);
  if (got.start.slice(0, 10) !== date || got.start.slice(11, 16) !== want.time) failures.push(`booked ${got.start.slice(0, 16)}, expected ${date}T${want.time} (${timeZoneNote})`);
  if (want.name && !norm(got.customer.name).includes(norm(want.name))) failures.push(`name "${got.customer.name}", expected "${want.name}"`);
  if (want.phone && !digits(got.customer.phone).endsWith(digits(want.phone))) failures.push(`phone "${got.customer.phone}", expected …${want.phone}`);
  if (want.address && !norm(got.address).includes(norm(want.address))) failures.push(`address "${got.address}", expected "${want.address}"`);
  if (want.email && norm(got.customer.email) !== norm(want.email)) failures.push(`email "${got.customer.email}", expected "${want.email}"`);
  return failures;
}

function checkReplies(replies: string[], checks: ReplyCheck[]): string[] {
  const failures: string[] = [];
  for (const check of checks) {
    const which = check.turn ?? 'any';
    const pool = which === 'any' ? replies : [which === 'last' ? replies.at(-1) : replies[which]].filter((r): r is string => r !== undefined);
    const label = which === 'any' ? 'any reply' : `reply ${which}`;
    for (const re of check.includes ?? []) {
      if (!pool.some((r) => re.test(r))) failures.push(`${label} should match ${re}`);
    }
    for (const re of check.excludes ?? []) {
      const hit = pool.find((r) => re.test(r));
      if (hit !== undefined) failures.push(`${label} must not match ${re}: "${hit.slice(0, 120)}"`);
    }
  }
  return failures;
}

/** Plays one scenario, grades it, and cancels whatever it booked. */
export async function playScenario(target: EvalTarget, scenario: Scenario): Promise<ScenarioResult> {
  const started = Date.now();
  const today = todayIn(target.timeZone);
  const failures: string[] = [];
  const turns: Turn[] = [];
  const toCancel = new Set<string>();
  const session = await call(target, '/api/v1/chat/session/new', { body: scenario.session ?? {} });
  if (session.status !== 201) {
    return { id: scenario.id, category: scenario.category, passed: false, failures: [`session/new answered ${session.status}`], turns, ms: Date.now() - started };
  }
  const { session_id: sessionId, token } = session.body as { session_id: string; token: string };

  // "tomorrow at 10" is a fine scenario on a Monday and an impossible one on a Saturday: a booking the
  // calendar cannot hold on the day the scenario resolves to today is reported as not applicable.
  for (const slot of [scenario.expect.booking, scenario.setup?.booking, scenario.expect.setupMovedTo && { ...scenario.expect.setupMovedTo, service: scenario.setup?.booking?.service ?? '' }]) {
    if (!slot || !slot.service) continue;
    const date = resolveDate(slot.date, today);
    const open = await call(target, `/api/v1/availability?service=${slot.service}&date_from=${date}`);
    const times = ((open.body as { days?: { date: string; slots: { time: string }[] }[] }).days ?? []).find((d) => d.date === date)?.slots.map((x) => x.time) ?? [];
    if (!times.includes(slot.time)) {
      return { id: scenario.id, category: scenario.category, passed: false, notApplicable: `${slot.service} at ${date}T${slot.time} is not open`, failures: [], turns, ms: Date.now() - started };
    }
  }

  let setupNumber: string | undefined;
  const setup = scenario.setup?.booking;
  if (setup) {
    const made = await call(target, '/api/v1/bookings', {
      token,
      body: { service: setup.service, start: `${resolveDate(setup.date, today)}T${setup.time}`, customer_name: setup.customer_name, phone: setup.phone, address: setup.address },
    });
    if (made.status !== 201) {
      return { id: scenario.id, category: scenario.category, passed: false, failures: [`set-up booking answered ${made.status}: ${JSON.stringify(made.body).slice(0, 200)}`], turns, ms: Date.now() - started };
    }
    setupNumber = (made.body as { number: string }).number;
    toCancel.add(setupNumber);
  }

  try {
    for (const raw of scenario.turns) {
      const said = raw.replaceAll('{booking}', setupNumber ?? '{booking}');
      const r = await call(target, '/api/v1/chat/message', { token, body: { session_id: sessionId, message: said } });
      const body = r.body as { response?: string; function_calls?: { name: string; ok: boolean }[]; bookings?: { number: string }[] };
      const turn: Turn = {
        said,
        status: r.status,
        reply: body.response ?? '',
        tools: (body.function_calls ?? []).map((f) => ({ name: f.name, ok: f.ok })),
        bookingNumbers: (body.bookings ?? []).map((b) => b.number),
      };
      turns.push(turn);
      if (r.status !== 200) failures.push(`turn ${turns.length}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
      for (const n of turn.bookingNumbers) toCancel.add(n);
    }

    const replies = turns.map((t) => t.reply);
    // Checks every conversation gets, whatever its scenario.
    replies.forEach((reply, i) => {
      if (!reply.trim() && turns[i]!.status === 200) failures.push(`reply ${i} is empty`);
      if (i > 0 && reply.trim() && reply === replies[i - 1]) failures.push(`reply ${i} repeats reply ${i - 1}: "${reply.slice(0, 100)}"`);
    });
    if (replies.some((r) => /more steps than I can handle/i.test(r))) failures.push('gave up ("more steps than I can handle")');

    const language = scenario.expect.language ?? 'en';
    replies.forEach((reply, i) => {
      if (!reply.trim()) return;
      if (language === 'es' && !looksSpanish(reply)) failures.push(`reply ${i} is not in Spanish: "${reply.slice(0, 100)}"`);
      if (language === 'en' && looksSpanish(reply)) failures.push(`reply ${i} is not in English: "${reply.slice(0, 100)}"`);
    });

    // Bookings this conversation made: the cards its replies carried, minus the set-up one, created during it.
    const made: BookingView[] = [];
    for (const number of new Set(turns.flatMap((t) => t.bookingNumbers))) {
      if (number === setupNumber) continue;
      const view = await staffBooking(target, number);
      if (view && Date.parse(view.created_at) >= started - 1000 && view.status !== 'cancelled') made.push(view);
    }
    const want = scenario.expect.booking;
    if (want === null && made.length) failures.push(`booked ${made.map((b) => `${b.number} ${b.service.slug} ${b.start}`).join(', ')}, expected no booking`);
    if (want) {
      if (made.length !== 1) failures.push(`expected one booking, got ${made.length}`);
      else failures.push(...checkBooking(made[0]!, want, today, `today is ${today}`));
    }

    if (setupNumber && (scenario.expect.setupCancelled !== undefined || scenario.expect.setupMovedTo)) {
      const view = await staffBooking(target, setupNumber);
      if (!view) failures.push(`set-up booking ${setupNumber} cannot be read`);
      else {
        if (scenario.expect.setupCancelled === true && view.status !== 'cancelled') failures.push(`set-up booking is ${view.status}, expected cancelled`);
        if (scenario.expect.setupCancelled === false && view.status === 'cancelled') failures.push('set-up booking was cancelled, expected it kept');
        const moved = scenario.expect.setupMovedTo;
        if (moved) {
          const at = `${resolveDate(moved.date, today)}T${moved.time}`;
          if (view.start.slice(0, 16) !== at) failures.push(`set-up booking starts ${view.start.slice(0, 16)}, expected ${at}`);
        }
      }
    }

    const used = (name: string) => turns.some((t) => t.tools.some((x) => x.name === name && x.ok));
    if (scenario.expect.ticket === true && !used('open_ticket')) failures.push('expected a ticket (open_ticket), none opened');
    if (scenario.expect.ticket === false && used('open_ticket')) failures.push('opened a ticket, expected none');
    if (scenario.expect.handoff !== undefined) {
      const transcript = await call(target, `/api/v1/chat/session/${sessionId}`, { token: target.staffToken });
      const handedOff = used('request_human') || (transcript.body as { status?: string }).status === 'escalated';
      if (scenario.expect.handoff && !handedOff) failures.push('expected a handoff to a person, none');
      if (!scenario.expect.handoff && handedOff) failures.push('handed off to a person, expected not');
    }
    failures.push(...checkReplies(replies, scenario.expect.replies ?? []));
  } finally {
    for (const number of toCancel) await call(target, `/api/v1/bookings/${number}/cancel`, { token: target.staffToken, body: {} });
  }
  return { id: scenario.id, category: scenario.category, passed: failures.length === 0, failures, turns, ms: Date.now() - started };
}

export interface CategoryScore {
  category: Category;
  passed: number;
  total: number;
}

/** Runs every scenario `runs` times; a scenario counts as passed only if all its runs pass (pass^k). */
export async function runSuite(target: EvalTarget, scenarios: Scenario[], runs = 1, onResult?: (r: ScenarioResult, run: number) => void) {
  const results = new Map<string, ScenarioResult[]>();
  for (let run = 1; run <= runs; run++) {
    for (const scenario of scenarios) {
      const result = await playScenario(target, scenario);
      results.set(scenario.id, [...(results.get(scenario.id) ?? []), result]);
      onResult?.(result, run);
    }
  }
  const byCategory = new Map<Category, CategoryScore>();
  const notApplicable: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    const own = results.get(scenario.id)!;
    const na = own.find((r) => r.notApplicable);
    if (na) {
      notApplicable.push(na);
      continue;
    }
    const score = byCategory.get(scenario.category) ?? { category: scenario.category, passed: 0, total: 0 };
    score.total++;
    if (own.every((r) => r.passed)) score.passed++;
    byCategory.set(scenario.category, score);
  }
  const total = [...byCategory.values()].reduce((n, c) => n + c.total, 0);
  const passed = [...byCategory.values()].reduce((n, c) => n + c.passed, 0);
  return { results, categories: [...byCategory.values()], notApplicable, passed, total, rate: total ? passed / total : 0 };
}

/** The report table: one line per category, then the total. */
export function formatScores(categories: CategoryScore[], passed: number, total: number, runs: number): string {
  const pct = (p: number, t: number) => `${t ? ((100 * p) / t).toFixed(1) : '0.0'}%`;
  const lines = categories.map((c) => `${c.category.padEnd(14)} ${String(c.passed).padStart(4)} / ${String(c.total).padEnd(4)} ${pct(c.passed, c.total).padStart(7)}`);
  return [`category       passed / total   pass${runs > 1 ? `^${runs}` : ''}`, ...lines, `${'all'.padEnd(14)} ${String(passed).padStart(4)} / ${String(total).padEnd(4)} ${pct(passed, total).padStart(7)}`].join('\n');
}
