/**
 * The Business page: the opening hours, holidays, closures and each technician's time off, read with
 * GET /api/v1/business and changed through the admin routes (PUT /business/hours, POST/DELETE
 * /business/holidays and /business/closures, POST/DELETE /employees/:id/time-off). Admins only: the API
 * refuses staff tokens (403), and the page then says so and shows no form, rather than signing out.
 * A 400's field errors are shown next to the fields they name (`hours.2.end`, `date_to`), each input
 * pointing at its message with aria-describedby. DOM built with textContent only.
 */
import { ApiError, type Api } from './api';
import { byId, h, localDay } from './dom';
import type { BusinessSettings, EmployeeAdminView } from './types';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Monday first, as the week is read. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];
const RULES: Record<string, string> = { fixed: 'A fixed date', nth_weekday: 'The nth weekday of a month', last_weekday: 'The last weekday of a month' };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ORDINALS = ['', '1st', '2nd', '3rd', '4th', '5th'];

let uid = 0;
/** A labelled control: the label names it, and its message slot (for field errors) is described by it. */
function field(labelText: string, control: HTMLInputElement | HTMLSelectElement, name: string): HTMLElement {
  const id = `biz-${name.replace(/\W/g, '-')}-${++uid}`;
  control.id = id;
  control.dataset.field = name;
  const message = h('span', { class: 'field-error', id: `${id}-error` });
  control.setAttribute('aria-describedby', message.id);
  return h('div', { class: 'biz-field' }, h('label', { for: id }, labelText), control, message);
}

const input = (type: string, attrs: Record<string, string | boolean | undefined> = {}) => h('input', { type, ...attrs });
function select(options: [string, string][], value?: string): HTMLSelectElement {
  const el = h('select', {}, ...options.map(([v, text]) => h('option', { value: v }, text)));
  if (value !== undefined) el.value = value;
  return el;
}

/** Clears a form's field errors and its message. */
function clearErrors(form: HTMLElement): void {
  for (const el of form.querySelectorAll<HTMLElement>('[data-field]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll<HTMLElement>('.field-error')) el.textContent = '';
  const alert = form.querySelector<HTMLElement>('.error');
  if (alert) alert.textContent = '';
}

/**
 * Shows an API failure on `form`: each field error beside its field (`rename` maps the API's field names to the
 * form's, e.g. hours.2 → the row the window came from), the message in the form's alert, the first bad field focused.
 */
function showError(form: HTMLElement, err: unknown, rename: (key: string) => string = (k) => k): void {
  const alert = form.querySelector<HTMLElement>('.error')!;
  const message = err instanceof ApiError ? err.message : (err as Error).message;
  alert.textContent = err instanceof ApiError && err.status === 403 ? 'Only admins can change the business settings.' : message;
  if (!(err instanceof ApiError) || !err.details) return;
  let first: HTMLElement | null = null;
  for (const [key, value] of Object.entries(err.details)) {
    const control = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(rename(key))}"]`);
    if (!control) continue;
    control.setAttribute('aria-invalid', 'true');
    byId(control.getAttribute('aria-describedby')!).textContent = String(value);
    first ??= control;
  }
  first?.focus();
}

function holidayRule(h: BusinessSettings['holidays'][number]): string {
  const month = MONTHS[h.month - 1];
  if (h.rule === 'fixed') return `${month} ${h.day}${h.observed ? ', observed on the nearest weekday' : ''}`;
  if (h.rule === 'nth_weekday') return `${ORDINALS[h.nth ?? 1]} ${WEEKDAYS[h.weekday ?? 0]} of ${month}`;
  return `Last ${WEEKDAYS[h.weekday ?? 0]} of ${month}`;
}

/**
 * "Mon, Mar 4, 2:00 PM" of a local ISO time with offset (its own clock, not the viewer's); midnight shows the
 * day alone, and as an `end` (exclusive) the day before it: whole days Mar 4–6 end at midnight on Mar 7.
 */
function localWhen(iso: string, end = false): string {
  const time = /T(\d{2}):(\d{2})/.exec(iso);
  const hour = Number(time?.[1] ?? 0);
  if (!time || (time[1] === '00' && time[2] === '00')) {
    if (!end) return localDay(iso);
    const day = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
    day.setUTCDate(day.getUTCDate() - 1);
    return localDay(day.toISOString().slice(0, 10));
  }
  return `${localDay(iso)}, ${hour % 12 === 0 ? 12 : hour % 12}:${time[2]} ${hour < 12 ? 'AM' : 'PM'}`;
}

export class BusinessPage {
  private readonly root = byId('business-view');
  private readonly status = h('span', { class: 'muted small', 'aria-live': 'polite' });
  private readonly error = h('p', { class: 'error', role: 'alert' });
  private readonly body = h('div', { class: 'biz-body' });
  private settings: BusinessSettings | null = null;
  private employeeId: number | null = null;

  constructor(
    private readonly api: Api,
    private readonly onAuthError: (err: ApiError) => void,
  ) {
    this.root.replaceChildren(
      h('div', { class: 'panel-head' }, h('h2', { id: 'biz-h', tabindex: '-1' }, 'Business'), this.status),
      this.error,
      this.body,
    );
  }

  start(): void {
    void this.load();
  }

  stop(): void {
    this.body.replaceChildren();
    this.settings = null;
  }

  async load(): Promise<void> {
    this.status.textContent = 'Loading…';
    try {
      this.settings = await this.api.get<BusinessSettings>('/business');
      this.error.textContent = '';
      this.status.textContent = `Times in ${this.settings.time_zone}`;
      this.render();
    } catch (err) {
      this.status.textContent = '';
      this.body.replaceChildren();
      if (err instanceof ApiError && err.status === 401) return this.onAuthError(err);
      this.error.textContent =
        err instanceof ApiError && err.status === 403
          ? 'Only admins can see and change the business settings (hours, holidays, closures, time off). Sign in with an admin token to edit them.'
          : `Could not load the business settings: ${(err as Error).message}`;
    }
  }

  private render(): void {
    const s = this.settings!;
    this.body.replaceChildren(this.hoursSection(s), this.holidaysSection(s), this.closuresSection(s), this.timeOffSection(s));
  }

  /** Runs a change, then reloads; a failure is shown on `form`. */
  private async change<T>(form: HTMLElement, run: () => Promise<T>, done: string | ((result: T) => string), rename?: (key: string) => string): Promise<void> {
    clearErrors(form);
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) button.disabled = true;
    try {
      const result = await run();
      await this.load();
      this.status.textContent = typeof done === 'string' ? done : done(result);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return this.onAuthError(err);
      showError(form, err, rename);
    } finally {
      if (button) button.disabled = false;
    }
  }

  private section(id: string, title: string, ...children: Node[]): HTMLElement {
    return h('section', { class: 'biz-section', 'aria-labelledby': id }, h('h3', { id }, title), ...children);
  }

  private hoursSection(s: BusinessSettings): HTMLElement {
    // One row per window (a split day has two), and one closed row for a weekday with none.
    const rows = WEEK.flatMap((weekday) => {
      const windows = s.hours.filter((w) => w.weekday === weekday);
      return windows.length ? windows.map((w) => ({ weekday, open: true, start: w.start, end: w.end })) : [{ weekday, open: false, start: '09:00', end: '17:00' }];
    });
    const table = h('table', { class: 'biz-table' }, h('caption', { class: 'sr-only' }, 'Weekly opening hours'), h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), h('th', { scope: 'col' }, 'Open'), h('th', { scope: 'col' }, 'Opens'), h('th', { scope: 'col' }, 'Closes'))));
    const tbody = h('tbody', {});
    const controls = rows.map((row, i) => {
      const day = WEEKDAYS[row.weekday]!;
      const open = input('checkbox', { 'aria-label': `Open on ${day}` });
      open.checked = row.open;
      const start = input('time', { value: row.start, 'aria-label': `${day} opens`, 'data-field': `row.${i}.start` });
      const end = input('time', { value: row.end, 'aria-label': `${day} closes`, 'data-field': `row.${i}.end` });
      const message = h('span', { class: 'field-error', id: `biz-hours-${i}-error` });
      for (const el of [start, end]) el.setAttribute('aria-describedby', message.id);
      const sync = () => (start.disabled = end.disabled = !open.checked);
      open.addEventListener('change', sync);
      sync();
      tbody.append(h('tr', { 'data-weekday': String(row.weekday) }, h('th', { scope: 'row' }, day), h('td', {}, open), h('td', {}, start), h('td', {}, end, message)));
      return { weekday: row.weekday, open, start, end };
    });
    table.append(tbody);
    const form = h('form', { class: 'biz-form', 'aria-labelledby': 'biz-hours-h', novalidate: true }, table, h('p', { class: 'muted small' }, s.hours_text), h('button', { type: 'submit', class: 'primary' }, 'Save hours'), h('p', { class: 'error', role: 'alert' }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const sent = controls.filter((c) => c.open.checked);
      const hours = sent.map((c) => ({ weekday: c.weekday, start: c.start.value, end: c.end.value === '00:00' ? '24:00' : c.end.value }));
      // hours.N names the Nth window sent: the row it came from.
      const rename = (key: string) => key.replace(/^hours\.(\d+)/, (_, n: string) => `row.${controls.indexOf(sent[Number(n)]!)}`);
      void this.change(form, () => this.api.put('/business/hours', { hours }), 'Opening hours saved.', rename);
    });
    return this.section('biz-hours-h', 'Opening hours', form);
  }

  private holidaysSection(s: BusinessSettings): HTMLElement {
    const list = h(
      'ul',
      { class: 'biz-list', 'aria-labelledby': 'biz-holidays-h' },
      ...s.holidays.map((holiday) => {
        const remove = h('button', { type: 'button', class: 'small', 'aria-label': `Remove ${holiday.name}` }, 'Remove');
        const row = h('li', { 'data-holiday': holiday.slug }, h('div', { class: 'biz-item' }, h('span', { class: 'what' }, holiday.name), h('span', { class: 'small muted' }, `${holidayRule(holiday)}${holiday.next_date ? ` · next ${localDay(holiday.next_date)}` : ''}`)), remove, h('p', { class: 'error', role: 'alert' }));
        remove.addEventListener('click', () => void this.change(row, () => this.api.delete(`/business/holidays/${holiday.id}`), `${holiday.name} removed.`));
        return row;
      }),
    );
    if (!s.holidays.length) list.append(h('li', { class: 'muted' }, 'No holidays.'));
    const name = input('text', { maxlength: '100', required: true });
    const rule = select(Object.entries(RULES), 'fixed');
    const month = select(MONTHS.map((m, i) => [String(i + 1), m]));
    const day = input('number', { min: '1', max: '31', value: '1' });
    const weekday = select(WEEKDAYS.map((d, i) => [String(i), d]), '1');
    const nth = select([1, 2, 3, 4, 5].map((n) => [String(n), ORDINALS[n]!]));
    const observed = input('checkbox');
    observed.checked = true;
    const fields = { day: field('Day', day, 'day'), weekday: field('Weekday', weekday, 'weekday'), nth: field('Which', nth, 'nth'), observed: field('Observed on the nearest weekday', observed, 'observed') };
    const sync = () => {
      fields.day.hidden = fields.observed.hidden = rule.value !== 'fixed';
      fields.weekday.hidden = rule.value === 'fixed';
      fields.nth.hidden = rule.value !== 'nth_weekday';
    };
    rule.addEventListener('change', sync);
    sync();
    const form = h('form', { class: 'biz-form biz-inline', 'aria-label': 'Add a holiday', novalidate: true }, field('Name', name, 'name'), field('Rule', rule, 'rule'), field('Month', month, 'month'), fields.day, fields.weekday, fields.nth, fields.observed, h('button', { type: 'submit', class: 'primary' }, 'Add holiday'), h('p', { class: 'error', role: 'alert' }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body: Record<string, unknown> = { name: name.value.trim(), rule: rule.value, month: Number(month.value) };
      if (rule.value === 'fixed') Object.assign(body, { day: Number(day.value), observed: observed.checked });
      else body.weekday = Number(weekday.value);
      if (rule.value === 'nth_weekday') body.nth = Number(nth.value);
      void this.change(form, () => this.api.post('/business/holidays', body), `${name.value.trim()} added.`);
    });
    return this.section('biz-holidays-h', 'Holidays (every year)', list, form);
  }

  private closuresSection(s: BusinessSettings): HTMLElement {
    const list = h(
      'ul',
      { class: 'biz-list', id: 'biz-closures', 'aria-labelledby': 'biz-closures-h' },
      ...s.closures.map((c) => {
        const remove = h('button', { type: 'button', class: 'small', 'aria-label': `Remove the closure on ${c.date}` }, 'Remove');
        const row = h('li', { 'data-closure': String(c.id), 'data-date': c.date }, h('div', { class: 'biz-item' }, h('span', { class: 'what' }, localDay(c.date)), h('span', { class: 'small muted' }, `${c.start ? `${c.start}–${c.end}` : 'All day'} · ${c.reason}`)), remove, h('p', { class: 'error', role: 'alert' }));
        remove.addEventListener('click', () => void this.change(row, () => this.api.delete(`/business/closures/${c.id}`), `Closure on ${c.date} removed.`));
        return row;
      }),
    );
    if (!s.closures.length) list.append(h('li', { class: 'muted' }, 'No closures ahead.'));
    const date = input('date', { required: true });
    const to = input('date');
    const start = input('time');
    const end = input('time');
    const reason = input('text', { maxlength: '200', required: true });
    const form = h('form', { class: 'biz-form biz-inline', 'aria-label': 'Add a closure', novalidate: true }, field('Date', date, 'date'), field('Through (optional)', to, 'date_to'), field('From (optional)', start, 'start'), field('Until', end, 'end'), field('Reason', reason, 'reason'), h('button', { type: 'submit', class: 'primary' }, 'Add closure'), h('p', { class: 'error', role: 'alert' }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body: Record<string, unknown> = { date: date.value, reason: reason.value.trim() };
      if (to.value) body.date_to = to.value;
      if (start.value) body.start = start.value;
      if (end.value) body.end = end.value === '00:00' ? '24:00' : end.value;
      void this.change(
        form,
        () => this.api.post<{ bookings_affected: string[] }>('/business/closures', body),
        (added) =>
          `Closure on ${date.value} added.${added.bookings_affected.length ? ` Still booked in it (call or move them): ${added.bookings_affected.join(', ')}.` : ''}`,
      );
    });
    return this.section('biz-closures-h', 'Closures', list, form);
  }

  private timeOffSection(s: BusinessSettings): HTMLElement {
    const people = s.employees;
    if (this.employeeId === null || !people.some((p) => p.id === this.employeeId)) this.employeeId = people[0]?.id ?? null;
    const who = select(people.map((p) => [String(p.id), `${p.name}${p.active ? '' : ' (inactive)'}`]), this.employeeId === null ? undefined : String(this.employeeId));
    const holder = h('div', {});
    const show = () => {
      this.employeeId = Number(who.value);
      const person = people.find((p) => p.id === this.employeeId);
      holder.replaceChildren(...(person ? this.timeOffOf(person) : []));
    };
    who.addEventListener('change', show);
    show();
    return this.section('biz-timeoff-h', 'Time off', h('div', { class: 'biz-inline' }, field('Employee', who, 'employee')), holder);
  }

  private timeOffOf(person: EmployeeAdminView): Node[] {
    const list = h(
      'ul',
      { class: 'biz-list', 'aria-label': `Time off of ${person.name}` },
      ...person.time_off.map((t) => {
        const remove = h('button', { type: 'button', class: 'small', 'aria-label': `Remove ${person.name}'s time off from ${t.from.slice(0, 10)}` }, 'Remove');
        const row = h('li', { 'data-time-off': String(t.id) }, h('div', { class: 'biz-item' }, h('span', { class: 'what' }, `${localWhen(t.from)} – ${localWhen(t.to, true)}`), h('span', { class: 'small muted' }, t.reason ?? '')), remove, h('p', { class: 'error', role: 'alert' }));
        remove.addEventListener('click', () => void this.change(row, () => this.api.delete(`/employees/${person.id}/time-off/${t.id}`), 'Time off removed.'));
        return row;
      }),
    );
    if (!person.time_off.length) list.append(h('li', { class: 'muted' }, 'No time off ahead.'));
    const from = input('date', { required: true });
    const fromTime = input('time');
    const to = input('date', { required: true });
    const toTime = input('time');
    const reason = input('text', { maxlength: '200' });
    const form = h('form', { class: 'biz-form biz-inline', 'aria-label': `Add time off for ${person.name}`, novalidate: true }, field('From', from, 'from'), field('At (optional)', fromTime, 'from_time'), field('To', to, 'to'), field('At (optional)', toTime, 'to_time'), field('Reason', reason, 'reason'), h('button', { type: 'submit', class: 'primary' }, 'Add time off'), h('p', { class: 'error', role: 'alert' }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      // Dates alone are whole days (both included); with a time, that moment.
      const body: Record<string, unknown> = { from: fromTime.value ? `${from.value}T${fromTime.value}` : from.value, to: toTime.value ? `${to.value}T${toTime.value}` : to.value };
      if (reason.value.trim()) body.reason = reason.value.trim();
      void this.change(form, () => this.api.post(`/employees/${person.id}/time-off`, body), `Time off for ${person.name} added.`);
    });
    return [list, form];
  }
}
