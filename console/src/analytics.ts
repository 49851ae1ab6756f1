/**
 * The Analytics page: GET /api/v1/analytics for a date range and channel, drawn
 * as small inline SVG bar charts, one per figure per day (conversations,
 * bookings, booking conversion, resolution and escalation rates, CSAT, tokens,
 * cost), and the top intents. Each chart is an image with a title and a text
 * summary for screen readers, and its figures are in a table under it, so
 * nothing is only in the picture. No chart library: SVG built with
 * createElementNS, attributes only (the CSP allows no inline styles).
 */
import { ApiError, type Api } from './api';
import { byId, h, label, localDay, todayIn } from './dom';

/** The figures of one day (or the totals) as GET /analytics answers them (the fields drawn here). */
interface Figures {
  conversations: number;
  bookings: number;
  booking_conversion: number;
  resolution_rate: number;
  escalation_rate: number;
  csat_average: number | null;
  csat_count: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_cents: number;
}
interface AnalyticsBody {
  from: string;
  to: string;
  channel: string | null;
  totals: Figures;
  top_intents: { intent: string; conversations: number }[];
  days: (Figures & { date: string })[];
}

interface Chart {
  id: string;
  title: string;
  value: (f: Figures) => number | null;
  format: (v: number) => string;
  /** A fixed top of the scale (rates: 1; CSAT: 5); otherwise the largest value. */
  max?: number;
}

const percent = (v: number) => `${Math.round(v * 1000) / 10}%`;
const count = (v: number) => v.toLocaleString();
const CHARTS: Chart[] = [
  { id: 'conversations', title: 'Conversations', value: (f) => f.conversations, format: count },
  { id: 'bookings', title: 'Bookings', value: (f) => f.bookings, format: count },
  { id: 'conversion', title: 'Booking conversion', value: (f) => f.booking_conversion, format: percent, max: 1 },
  { id: 'resolution', title: 'Resolution rate', value: (f) => f.resolution_rate, format: percent, max: 1 },
  { id: 'escalation', title: 'Escalation rate', value: (f) => f.escalation_rate, format: percent, max: 1 },
  { id: 'csat', title: 'CSAT (1–5)', value: (f) => f.csat_average, format: (v) => v.toFixed(2), max: 5 },
  { id: 'tokens', title: 'Tokens', value: (f) => f.prompt_tokens + f.completion_tokens, format: count },
  { id: 'cost', title: 'Cost', value: (f) => f.cost_cents, format: (v) => `$${(v / 100).toFixed(2)}` },
];

const SVG = 'http://www.w3.org/2000/svg';
function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

const WIDTH = 320;
const HEIGHT = 120;
const PAD = { top: 8, right: 4, bottom: 18, left: 4 };

/** One figure per day as bars, with its title, a spoken summary and the table of its values. */
function chartFigure(chart: Chart, body: AnalyticsBody): HTMLElement {
  const values = body.days.map((d) => chart.value(d));
  const known = values.filter((v): v is number => v !== null);
  const top = chart.max ?? Math.max(1, ...known);
  const total = chart.value(body.totals);
  const titleId = `an-${chart.id}-title`;
  const descId = `an-${chart.id}-desc`;
  const slot = (WIDTH - PAD.left - PAD.right) / Math.max(1, values.length);
  const inner = HEIGHT - PAD.top - PAD.bottom;
  const bars = values.map((v, i) => {
    const height = v === null ? 0 : Math.max(v > 0 ? 1 : 0, (v / top) * inner);
    const day = body.days[i]!;
    return svg(
      'rect',
      { x: (PAD.left + i * slot + slot * 0.15).toFixed(1), y: (PAD.top + inner - height).toFixed(1), width: Math.max(1, slot * 0.7).toFixed(1), height: height.toFixed(1), class: 'an-bar', 'data-date': day.date, 'data-value': v ?? '' },
      svg('title', {}, `${localDay(day.date)}: ${v === null ? 'no data' : chart.format(v)}`),
    );
  });
  const first = body.days[0]?.date ?? body.from;
  const last = body.days.at(-1)?.date ?? body.to;
  const picture = svg(
    'svg',
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, class: 'chart' },
    svg('title', { id: `${titleId}-svg` }, `${chart.title} per day`),
    svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: PAD.top + inner, y2: PAD.top + inner, class: 'axis' }),
    ...bars,
    svg('text', { x: PAD.left, y: HEIGHT - 4, class: 'tick' }, localDay(first)),
    svg('text', { x: WIDTH - PAD.right, y: HEIGHT - 4, class: 'tick', 'text-anchor': 'end' }, localDay(last)),
    svg('text', { x: PAD.left, y: PAD.top + 8, class: 'tick' }, `max ${chart.format(known.length ? Math.max(...known) : 0)}`),
  );
  const peak = known.length ? Math.max(...known) : null;
  const summary = `${body.days.length} days; total ${total === null ? 'no data' : chart.format(total)}${peak === null ? '' : `, highest day ${chart.format(peak)}`}.`;
  const table = h(
    'table',
    { class: 'an-table' },
    h('caption', { class: 'sr-only' }, `${chart.title} per day`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), h('th', { scope: 'col' }, chart.title))),
    h('tbody', {}, ...body.days.map((d, i) => h('tr', {}, h('th', { scope: 'row' }, localDay(d.date)), h('td', {}, values[i] === null ? '—' : chart.format(values[i]!))))),
  );
  return h(
    'figure',
    { class: 'an-chart', 'data-chart': chart.id },
    h('figcaption', {}, h('span', { id: titleId, class: 'an-title' }, chart.title), ' ', h('strong', { class: 'an-total' }, total === null ? '—' : chart.format(total))),
    picture,
    h('p', { id: descId, class: 'sr-only' }, summary),
    h('details', {}, h('summary', {}, 'Figures'), table),
  );
}

/** The top intents as a labelled bar list (a list of meters a screen reader reads as text). */
function intentsFigure(body: AnalyticsBody): HTMLElement {
  const top = Math.max(1, ...body.top_intents.map((i) => i.conversations));
  const items = body.top_intents.map((i) =>
    h(
      'li',
      { 'data-intent': i.intent },
      h('span', { class: 'an-intent' }, label(i.intent)),
      h('meter', { min: '0', max: String(top), value: String(i.conversations), 'aria-label': `${label(i.intent)}: ${i.conversations} conversations` }),
      h('span', { class: 'an-count' }, String(i.conversations)),
    ),
  );
  return h(
    'figure',
    { class: 'an-chart an-intents', 'data-chart': 'intents' },
    h('figcaption', {}, h('span', { class: 'an-title' }, 'Top intents')),
    items.length ? h('ol', {}, ...items) : h('p', { class: 'muted' }, 'No analysed conversations in this range yet.'),
  );
}

export class AnalyticsPage {
  private readonly form = byId<HTMLFormElement>('an-form');
  private readonly from = byId<HTMLInputElement>('an-from');
  private readonly to = byId<HTMLInputElement>('an-to');
  private readonly channel = byId<HTMLSelectElement>('an-channel');
  private readonly charts = byId('an-charts');
  private readonly status = byId('an-status');
  private readonly error = byId('an-error');

  constructor(
    private readonly api: Api,
    private readonly timeZone: () => string | undefined,
    private readonly onAuthError: (err: ApiError) => void,
  ) {
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.load();
    });
  }

  /** Shows the last 30 days unless a range was already chosen. */
  start(): void {
    if (!this.to.value) {
      const today = todayIn(this.timeZone());
      this.to.value = today;
      const from = new Date(`${today}T12:00:00Z`);
      from.setUTCDate(from.getUTCDate() - 29);
      this.from.value = from.toISOString().slice(0, 10);
    }
    void this.load();
  }

  stop(): void {
    this.charts.replaceChildren();
  }

  async load(): Promise<void> {
    const query = new URLSearchParams({ from: this.from.value, to: this.to.value });
    if (this.channel.value) query.set('channel', this.channel.value);
    this.status.textContent = 'Loading…';
    try {
      const body = await this.api.get<AnalyticsBody>(`/analytics?${query}`);
      this.error.textContent = '';
      this.charts.replaceChildren(...CHARTS.map((c) => chartFigure(c, body)), intentsFigure(body));
      this.charts.dataset.range = `${body.from}..${body.to}`;
      this.charts.dataset.channel = body.channel ?? '';
      this.status.textContent = `${localDay(body.from)} – ${localDay(body.to)}${body.channel ? ` · ${body.channel}` : ''}: ${body.totals.conversations} conversations`;
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return this.onAuthError(err);
      this.status.textContent = '';
      this.error.textContent = `Could not load analytics: ${(err as Error).message}`;
    }
  }
}
