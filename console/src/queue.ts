/**
 * The live queue: polls GET /api/v1/conversations every few seconds (escalated
 * first, as the server orders them), filtered by status; each row is a button
 * that opens the conversation. Newly escalated conversations are announced.
 */
import { ApiError, type Api } from './api';
import { age, byId, h, label, type Announcer } from './dom';
import type { ConversationSummary } from './types';

export const POLL_MS = 4_000;

export class Queue {
  private readonly list = byId<HTMLUListElement>('queue-list');
  private readonly empty = byId('queue-empty');
  private readonly error = byId('queue-error');
  private readonly updated = byId('queue-updated');
  private readonly filter = byId<HTMLSelectElement>('status-filter');
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private seenEscalated: Set<string> | null = null;
  private lastKey = '';
  /** Numbers the reads: an answer to an older one (a poll overtaken by a refresh after a takeover) is dropped. */
  private reads = 0;
  selected: string | null = null;
  rows: ConversationSummary[] = [];
  /** Called after every successful poll with the rows shown. */
  onUpdate: (rows: ConversationSummary[]) => void = () => undefined;

  constructor(
    private readonly api: Api,
    private readonly announcer: Announcer,
    private readonly onSelect: (row: ConversationSummary) => void,
    private readonly onAuthError: (err: ApiError) => void,
  ) {
    this.filter.addEventListener('change', () => void this.refresh());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.refresh();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.seenEscalated = null;
    this.lastKey = '';
    this.list.replaceChildren();
  }

  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    const params = new URLSearchParams({ limit: '50' });
    if (this.filter.value) params.set('status', this.filter.value);
    const read = ++this.reads;
    try {
      const { conversations } = await this.api.get<{ conversations: ConversationSummary[] }>(`/conversations?${params}`);
      if (!this.running || read !== this.reads) return;
      this.error.textContent = '';
      this.render(conversations);
      this.onUpdate(conversations);
      this.updated.textContent = `Updated ${new Date().toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit' })}`;
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return this.onAuthError(err);
      if (read === this.reads) this.error.textContent = `Could not load the queue: ${(err as Error).message}`;
    } finally {
      // One timer, however many reads overlapped.
      if (this.running && read === this.reads) {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.refresh(), POLL_MS);
      }
    }
  }

  /** Marks the open conversation's row (aria-current) without re-fetching. */
  select(sessionId: string | null): void {
    this.selected = sessionId;
    for (const btn of this.list.querySelectorAll<HTMLButtonElement>('button.conv')) {
      if (btn.dataset.session === sessionId) btn.setAttribute('aria-current', 'true');
      else btn.removeAttribute('aria-current');
    }
  }

  private render(rows: ConversationSummary[]): void {
    this.rows = rows;
    const escalated = rows.filter((r) => r.status === 'escalated').map((r) => r.session_id);
    if (this.seenEscalated) {
      const fresh = rows.filter((r) => r.status === 'escalated' && !this.seenEscalated!.has(r.session_id));
      if (fresh.length === 1) this.announcer.say(`Escalated: ${fresh[0]!.number}, ${fresh[0]!.customer_name ?? 'a customer'} needs a person.`);
      else if (fresh.length > 1) this.announcer.say(`${fresh.length} conversations were escalated.`);
    }
    this.seenEscalated = new Set([...(this.seenEscalated ?? []), ...escalated]);
    // Unchanged since the last poll: only refresh the ages, so focus and screen readers are left alone.
    const key = JSON.stringify(rows);
    if (key === this.lastKey) {
      for (const btn of this.list.querySelectorAll<HTMLButtonElement>('button.conv')) {
        const row = rows.find((r) => r.session_id === btn.dataset.session);
        const el = btn.querySelector('.age');
        if (row && el) el.textContent = age(row.updated_at);
      }
      return;
    }
    this.lastKey = key;
    // Keep focus on the same row across re-renders (keyboard users tabbing the list).
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.session;
    const items = rows.map((r) => {
      const who = r.customer_name || r.customer_email || 'Anonymous visitor';
      const btn = h(
        'button',
        { type: 'button', class: `conv status-${r.status}`, 'data-session': r.session_id, 'data-number': r.number, 'aria-current': r.session_id === this.selected ? 'true' : undefined },
        h('span', { class: 'row1' }, h('span', { class: 'num' }, r.number), h('span', { class: `badge status-${r.status}` }, label(r.status))),
        h('span', { class: 'who' }, who, r.channel && r.channel !== 'chat' ? h('span', { class: 'channel' }, ` · ${r.channel}`) : null),
        r.last_message ? h('span', { class: 'last' }, r.last_message.length > 120 ? `${r.last_message.slice(0, 117)}…` : r.last_message) : null,
        h('span', { class: 'age' }, age(r.updated_at)),
      );
      btn.addEventListener('click', () => this.onSelect(r));
      return h('li', {}, btn);
    });
    this.list.replaceChildren(...items);
    this.empty.hidden = rows.length > 0;
    if (focused) this.list.querySelector<HTMLButtonElement>(`button[data-session="${CSS.escape(focused)}"]`)?.focus();
  }
}
