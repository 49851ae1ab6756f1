/**
 * The Tickets page (#14): the support tickets as an operational list (GET /api/v1/tickets, by what falls
 * due first unless asked otherwise) with filters (status, priority, assignee or "mine", SLA breached),
 * each row's SLA due times and breach flags; one ticket's detail (GET /tickets/:number) with its
 * conversation, internal notes (POST …/notes), and status, priority and assignee (PATCH /tickets/:number);
 * and the signed-in staff member's "available for assignment" switch (PATCH /staff/me), which puts them in
 * the round-robin for new tickets. Self-contained: it builds its DOM in its container, textContent only.
 */
import { ApiError, type Api } from './api';
import { h, label, shortTime } from './dom';

/** A ticket as staff see it (worker/domain/tickets.ts ticketViewSchema, staff fields present). */
interface Ticket {
  number: string;
  subject: string;
  description: string;
  priority: Priority;
  status: Status;
  opened_by: string;
  assignee: string | null;
  created_at: number;
  updated_at: number;
  first_response_at: number | null;
  resolved_at: number | null;
  first_response_due?: number;
  resolution_due?: number;
  first_response_breached?: boolean;
  resolution_breached?: boolean;
  session_id?: string | null;
  notes?: { id: number; author: string; body: string; created_at: number }[];
}
interface StaffMember {
  id: string;
  name: string;
  available: boolean;
  open_tickets: number;
}

const STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;
const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
type Status = (typeof STATUSES)[number];
type Priority = (typeof PRIORITIES)[number];

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);
const at = (ms: number | null | undefined) => shortTime(iso(ms));

function select(id: string, options: [string, string][], value = ''): HTMLSelectElement {
  const el = h('select', { id }, ...options.map(([v, text]) => h('option', { value: v }, text)));
  el.value = value;
  return el;
}

/** "Due 3:07 PM", "Met 2:55 PM", or "Breached · due 3:07 PM": one SLA target of a ticket, in words. */
function target(name: string, due: number | undefined, metAt: number | null, breached: boolean | undefined): HTMLElement {
  const text = breached ? `${name} breached · due ${at(due)}` : metAt ? `${name} met ${at(metAt)}` : `${name} due ${at(due)}`;
  return h('span', { class: `sla${breached ? ' breached' : metAt ? ' met' : ''}`, 'data-sla': name.toLowerCase().replace(/ /g, '-') }, text);
}

export class TicketsPage {
  private readonly status = select('tk-status', [['', 'All'], ...STATUSES.map((s): [string, string] => [s, label(s)])]);
  private readonly priority = select('tk-priority', [['', 'All'], ...PRIORITIES.map((p): [string, string] => [p, label(p)])]);
  private readonly assignee = select('tk-assignee', [['', 'Anyone'], ['mine', 'Mine']]);
  private readonly breached = select('tk-breached', [['', 'All'], ['any', 'Any target'], ['first_response', 'First response'], ['resolution', 'Resolution']]);
  private readonly sort = select('tk-sort', [['due', 'Due first'], ['newest', 'Newest']], 'due');
  private readonly available = h('input', { type: 'checkbox', id: 'tk-available' });
  private readonly availableText = h('span', { class: 'small muted', id: 'tk-available-text' });
  private readonly info = h('span', { class: 'muted small', id: 'tk-updated', 'aria-live': 'polite' });
  private readonly error = h('p', { class: 'error', id: 'tk-error', role: 'alert' });
  private readonly rows = h('tbody', { id: 'tk-rows' });
  private readonly empty = h('p', { class: 'muted', hidden: true }, 'No tickets match these filters.');
  private readonly detail = h('section', { class: 'tk-detail', id: 'tk-detail', 'aria-labelledby': 'tk-detail-h', tabindex: '-1', hidden: true });
  private team: StaffMember[] = [];
  private open: string | null = null;
  /** Increase with every list load and every ticket opened: answers for an older one are dropped. */
  private generation = 0;
  private showing = 0;

  constructor(
    container: HTMLElement,
    private readonly api: Api,
    private readonly me: () => string | undefined,
    private readonly openConversation: (sessionId: string) => void,
    private readonly onAuthError: (err: ApiError) => void,
  ) {
    const filters = h(
      'form',
      { class: 'filters tk-filters', 'aria-label': 'Ticket filters' },
      h('label', { for: 'tk-status' }, 'Status'), this.status,
      h('label', { for: 'tk-priority' }, 'Priority'), this.priority,
      h('label', { for: 'tk-assignee' }, 'Assignee'), this.assignee,
      h('label', { for: 'tk-breached' }, 'SLA breached'), this.breached,
      h('label', { for: 'tk-sort' }, 'Sort'), this.sort,
      h('button', { type: 'submit', class: 'small' }, 'Refresh'),
    );
    filters.addEventListener('change', () => void this.load());
    filters.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.load();
    });
    this.available.addEventListener('change', () => void this.setAvailable(this.available.checked));
    const table = h(
      'table',
      { class: 'tk-table', 'aria-labelledby': 'tk-h' },
      h('thead', {}, h('tr', {}, ...['Ticket', 'Subject', 'Priority', 'Status', 'Assignee', 'SLA'].map((c) => h('th', { scope: 'col' }, c)))),
      this.rows,
    );
    container.replaceChildren(
      h(
        'div',
        { class: 'panel-head' },
        h('h2', { id: 'tk-h', tabindex: '-1' }, 'Tickets'),
        this.info,
        h('div', { class: 'tk-me' }, this.available, h('label', { for: 'tk-available' }, "I'm available for assignment"), ' ', this.availableText),
      ),
      filters,
      this.error,
      h('div', { class: 'tk-layout' }, h('div', { class: 'tk-list' }, table, this.empty), this.detail),
    );
  }

  /** Loads the team (assignees, my availability) and the list; opens the ticket shown before, if any. */
  start(): void {
    void this.loadTeam().then(() => this.load());
  }

  stop(): void {
    this.generation++;
    this.showing++;
    this.rows.replaceChildren();
    this.detail.hidden = true;
    this.open = null;
  }

  private fail(err: unknown, what: string): void {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return this.onAuthError(err);
    this.error.textContent = `${what}: ${(err as Error).message}`;
  }

  private async loadTeam(): Promise<void> {
    try {
      this.team = await this.api.get<StaffMember[]>('/staff');
    } catch (err) {
      return this.fail(err, 'Could not load the team');
    }
    const chosen = this.assignee.value;
    this.assignee.replaceChildren(...[['', 'Anyone'], ['mine', 'Mine'], ...this.team.map((m) => [m.id, `${m.name} (${m.id})`])].map(([v, t]) => h('option', { value: v! }, t!)));
    this.assignee.value = chosen;
    const mine = this.team.find((m) => m.id === this.me());
    this.available.checked = mine?.available ?? false;
    this.availableText.textContent = mine?.available ? 'New tickets come to you in turn.' : 'You get no new tickets.';
  }

  private async setAvailable(available: boolean): Promise<void> {
    this.available.disabled = true;
    try {
      const mine = await this.api.request<StaffMember>('PATCH', '/staff/me', { available });
      this.available.checked = mine.available;
      this.availableText.textContent = mine.available ? 'New tickets come to you in turn.' : 'You get no new tickets.';
      this.error.textContent = '';
      await this.loadTeam();
    } catch (err) {
      this.available.checked = !available;
      this.fail(err, 'Could not change your availability');
    } finally {
      this.available.disabled = false;
    }
  }

  async load(): Promise<void> {
    const generation = ++this.generation;
    const query = new URLSearchParams({ limit: '100', sort: this.sort.value });
    if (this.status.value) query.set('status', this.status.value);
    if (this.priority.value) query.set('priority', this.priority.value);
    if (this.breached.value) query.set('breached', this.breached.value);
    const who = this.assignee.value === 'mine' ? this.me() : this.assignee.value;
    if (who) query.set('assignee', who);
    this.info.textContent = 'Loading…';
    let list: Ticket[];
    try {
      list = await this.api.get<Ticket[]>(`/tickets?${query}`);
    } catch (err) {
      this.info.textContent = '';
      return this.fail(err, 'Could not load tickets');
    }
    if (generation !== this.generation) return;
    this.error.textContent = '';
    this.rows.replaceChildren(...list.map((t) => this.row(t)));
    this.empty.hidden = list.length > 0;
    const breaches = list.filter((t) => t.first_response_breached || t.resolution_breached).length;
    this.info.textContent = `${list.length} ticket${list.length === 1 ? '' : 's'}${breaches ? ` · ${breaches} past an SLA target` : ''} · updated ${shortTime(new Date().toISOString())}`;
  }

  private row(t: Ticket): HTMLTableRowElement {
    const open = h('button', { type: 'button', class: 'linklike', 'aria-current': this.open === t.number ? 'true' : undefined }, t.number);
    open.addEventListener('click', () => void this.show(t.number));
    const active = t.status === 'open' || t.status === 'pending';
    const flags = [
      t.first_response_breached ? h('span', { class: 'badge breach' }, 'First response breached') : null,
      t.resolution_breached ? h('span', { class: 'badge breach' }, 'Resolution breached') : null,
    ].filter((f): f is HTMLSpanElement => f !== null);
    const due = active && !flags.length ? h('span', { class: 'small muted' }, t.first_response_at ? `Resolve by ${at(t.resolution_due)}` : `Respond by ${at(t.first_response_due)}`) : null;
    return h(
      'tr',
      { 'data-ticket': t.number, class: flags.length ? 'breached' : undefined },
      h('th', { scope: 'row' }, open),
      h('td', {}, t.subject),
      h('td', {}, h('span', { class: `badge priority-${t.priority}` }, label(t.priority))),
      h('td', {}, h('span', { class: `badge tk-status-${t.status}` }, label(t.status))),
      h('td', {}, t.assignee ?? h('span', { class: 'muted' }, 'Unassigned')),
      h('td', { class: 'tk-sla' }, ...flags, due),
    );
  }

  /** Opens one ticket: its facts, SLA, conversation, controls and notes. */
  async show(number: string): Promise<void> {
    const showing = ++this.showing;
    let t: Ticket;
    try {
      t = await this.api.get<Ticket>(`/tickets/${encodeURIComponent(number)}`);
    } catch (err) {
      return this.fail(err, `Could not open ${number}`);
    }
    if (showing !== this.showing) return;
    this.open = t.number;
    for (const b of this.rows.querySelectorAll('button')) {
      if (b.textContent === t.number) b.setAttribute('aria-current', 'true');
      else b.removeAttribute('aria-current');
    }
    this.render(t);
    this.detail.hidden = false;
    this.detail.focus();
  }

  private render(t: Ticket): void {
    const error = h('p', { class: 'error', role: 'alert' });
    const status = select('tk-d-status', STATUSES.map((s) => [s, label(s)]), t.status);
    const priority = select('tk-d-priority', PRIORITIES.map((p) => [p, label(p)]), t.priority);
    const assignee = select('tk-d-assignee', [['', 'Unassigned'], ...this.team.map((m): [string, string] => [m.id, `${m.name}${m.available ? '' : ' (away)'}`])], t.assignee ?? '');
    const save = h('button', { type: 'submit', class: 'primary' }, 'Save changes');
    const triage = h(
      'form',
      { class: 'tk-triage', 'aria-label': 'Triage' },
      h('label', { for: 'tk-d-status' }, 'Status'), status,
      h('label', { for: 'tk-d-priority' }, 'Priority'), priority,
      h('label', { for: 'tk-d-assignee' }, 'Assignee'), assignee,
      save,
    );
    triage.addEventListener('submit', (e) => {
      e.preventDefault();
      const change: Record<string, string> = {};
      if (status.value !== t.status) change.status = status.value;
      if (priority.value !== t.priority) change.priority = priority.value;
      if (assignee.value !== (t.assignee ?? '')) change.assignee = assignee.value;
      if (!Object.keys(change).length) {
        error.textContent = 'Nothing changed.';
        return;
      }
      void this.write(save, error, t.number, () => this.api.request('PATCH', `/tickets/${encodeURIComponent(t.number)}`, change), 'Not saved');
    });
    const note = h('textarea', { id: 'tk-note', rows: '3', maxlength: '5000' });
    const add = h('button', { type: 'submit' }, 'Add note');
    const noteForm = h('form', { class: 'tk-note-form' }, h('label', { for: 'tk-note' }, 'Internal note (never shown to the customer)'), note, add);
    noteForm.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!note.value.trim()) {
        error.textContent = 'Write the note first.';
        note.focus();
        return;
      }
      void this.write(add, error, t.number, () => this.api.post(`/tickets/${encodeURIComponent(t.number)}/notes`, { body: note.value }), 'Note not added');
    });
    const conversation = t.session_id
      ? (() => {
          const b = h('button', { type: 'button', class: 'small' }, 'Open the conversation');
          b.addEventListener('click', () => this.openConversation(t.session_id!));
          return b;
        })()
      : h('span', { class: 'muted small' }, 'Not opened in a conversation.');
    const notes = t.notes ?? [];
    this.detail.replaceChildren(
      h('h3', { id: 'tk-detail-h', class: 'tk-title' }, `${t.number} · ${t.subject}`),
      h('p', { class: 'small muted' }, `Opened by ${t.opened_by} ${at(t.created_at)} · updated ${at(t.updated_at)}${t.resolved_at ? ` · resolved ${at(t.resolved_at)}` : ''}`),
      h('p', { class: 'tk-description' }, t.description),
      h('p', { class: 'tk-targets' }, target('First response', t.first_response_due, t.first_response_at, t.first_response_breached), ' ', target('Resolution', t.resolution_due, t.resolved_at, t.resolution_breached)),
      h('p', {}, conversation),
      triage,
      error,
      h('h4', { id: 'tk-notes-h' }, `Internal notes (${notes.length})`),
      notes.length
        ? h('ol', { class: 'tk-notes', 'aria-labelledby': 'tk-notes-h' }, ...notes.map((n) => h('li', { 'data-note': String(n.id) }, h('div', { class: 'small muted' }, `${n.author} · ${at(n.created_at)}`), h('p', { class: 'plain' }, n.body))))
        : h('p', { class: 'muted small' }, 'No notes yet.'),
      noteForm,
    );
  }

  /** One write on the open ticket: the button busy while it runs, then the ticket and the list read again. */
  private async write(button: HTMLButtonElement, error: HTMLElement, number: string, run: () => Promise<unknown>, what: string): Promise<void> {
    button.disabled = true;
    error.textContent = '';
    try {
      await run();
    } catch (err) {
      button.disabled = false;
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return this.onAuthError(err);
      error.textContent = `${what}: ${(err as Error).message}`;
      return;
    }
    await Promise.all([this.show(number), this.load(), this.loadTeam()]);
  }
}
