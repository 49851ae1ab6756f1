/**
 * One conversation: its transcript (GET /chat/session/:id), followed live over
 * the session WebSocket (watch-only) with AI replies streamed as they arrive
 * and tool activity shown; Take over / Hand back to AI; and a reply box that is
 * enabled only while staff have the conversation. Customer and model text is
 * rendered as text (model and staff text through the widget's safe markdown
 * subset); nothing is ever parsed as HTML.
 */
import { toolLabel } from '../../worker/protocol/chat';
import { renderMarkdown } from '../../widget/src/markdown';
import { ApiError, type Api } from './api';
import { mountReplyAssist } from './assist';
import { age, byId, h, label, money, shortTime, type Announcer } from './dom';
import { SessionFeed, type FeedStatus } from './feed';
import type { ConsoleEvent, ConversationSummary, SessionDetail, SessionMode, StaffTranscriptMessage } from './types';

/** A conversation's insights, as the transcript and the resolve answer carry them. */
type Insights = Pick<SessionDetail, 'summary' | 'sentiment' | 'sentiment_label' | 'intent' | 'category' | 'outcome'>;

interface Streaming {
  li: HTMLLIElement;
  body: HTMLDivElement;
  tools: HTMLUListElement;
  text: string;
}

const CONN_TEXT: Record<FeedStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Not following',
};

export class Conversation {
  private readonly heading = byId('conv-h');
  private readonly meta = byId('conv-meta');
  private readonly statusBadge = byId('conv-status');
  private readonly modeBadge = byId('conv-mode');
  private readonly conn = byId('conv-conn');
  private readonly controls = byId('conv-controls');
  private readonly takeOverBtn = byId<HTMLButtonElement>('take-over');
  private readonly handBackBtn = byId<HTMLButtonElement>('hand-back');
  private readonly resolveBtn = byId<HTMLButtonElement>('resolve');
  private readonly insights = byId('conv-insights');
  private readonly waiting = byId('conv-waiting');
  private readonly error = byId('conv-error');
  private readonly placeholder = byId('conv-placeholder');
  private readonly list = byId<HTMLOListElement>('transcript');
  private readonly form = byId<HTMLFormElement>('reply-form');
  private readonly input = byId<HTMLTextAreaElement>('reply-input');
  private readonly send = byId<HTMLButtonElement>('reply-send');
  private readonly hint = byId('reply-hint');

  private feed: SessionFeed | null = null;
  private detail: SessionDetail | null = null;
  private summary: ConversationSummary | null = null;
  private mode: SessionMode = 'ai';
  private agent: string | undefined;
  private status = '';
  private shown = new Set<number>();
  private streaming = new Map<string, Streaming>();
  /** Increases with every open(): answers for an older selection are dropped. */
  private generation = 0;
  private busy = false;

  constructor(
    private readonly api: Api,
    private readonly token: () => string | null,
    private readonly announcer: Announcer,
    private readonly onAuthError: (err: ApiError) => void,
  ) {
    this.takeOverBtn.addEventListener('click', () => void this.act('takeover'));
    this.handBackBtn.addEventListener('click', () => void this.act('handback'));
    this.resolveBtn.addEventListener('click', () => void this.resolve());
    mountReplyAssist(api, () => this.sessionId, onAuthError);
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.reply();
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        void this.reply();
      }
    });
  }

  get sessionId(): string | null {
    return this.detail?.session_id ?? null;
  }

  /** Updates the header from the queue's row (tokens, cost, customer) when the queue refreshes. */
  setSummary(row: ConversationSummary | undefined): void {
    if (!row || row.session_id !== this.sessionId) return;
    this.summary = row;
    this.renderHeader();
  }

  async open(sessionId: string, summary?: ConversationSummary): Promise<void> {
    const generation = ++this.generation;
    this.close();
    this.summary = summary ?? null;
    this.placeholder.hidden = true;
    this.error.textContent = '';
    this.heading.textContent = summary ? `${summary.number} · ${summary.customer_name || 'Anonymous visitor'}` : 'Loading…';
    let detail: SessionDetail;
    try {
      detail = await this.api.get<SessionDetail>(`/chat/session/${encodeURIComponent(sessionId)}`);
    } catch (err) {
      if (generation !== this.generation) return;
      if (err instanceof ApiError && err.status === 401) return this.onAuthError(err);
      this.error.textContent = `Could not open the conversation: ${(err as Error).message}`;
      return;
    }
    if (generation !== this.generation) return;
    this.load(detail);
    this.feed = new SessionFeed(this.api.base, detail.session_id, this.token, detail.last_event_id, {
      event: (e) => this.onEvent(e),
      status: (s) => this.showConn(s),
      resync: () => this.resync(generation),
    });
    this.feed.start();
  }

  /** Stops following (another conversation is opened, or staff sign out). */
  close(): void {
    this.feed?.stop();
    this.feed = null;
    this.detail = null;
    this.shown.clear();
    this.streaming.clear();
    this.list.replaceChildren();
    this.list.hidden = true;
    this.form.hidden = true;
    this.controls.hidden = true;
    this.statusBadge.hidden = true;
    this.modeBadge.hidden = true;
    this.conn.hidden = true;
    this.waiting.hidden = true;
    this.meta.textContent = '';
  }

  reset(): void {
    this.generation++;
    this.close();
    this.summary = null;
    this.heading.textContent = 'Conversation';
    this.placeholder.hidden = false;
    this.error.textContent = '';
  }

  private load(detail: SessionDetail): void {
    this.detail = detail;
    this.status = detail.status;
    this.mode = detail.mode ?? 'ai';
    this.agent = detail.agent;
    this.shown.clear();
    this.streaming.clear();
    this.list.replaceChildren();
    for (const m of detail.messages) this.addMessage(m, false);
    this.list.hidden = false;
    this.form.hidden = false;
    this.controls.hidden = false;
    this.showInsights(detail);
    this.renderHeader();
    this.renderMode();
    this.scrollToEnd();
  }

  /** "Summary · sentiment · intent · category · outcome", once the conversation was resolved. */
  private showInsights(i: Insights): void {
    this.insights.hidden = !i.summary;
    this.insights.textContent = i.summary
      ? `${i.summary} · ${i.sentiment_label ?? ''} (${(i.sentiment ?? 0).toFixed(2)}) · ${i.intent ?? ''} · ${i.category ?? ''} · ${i.outcome ?? ''}`
      : '';
  }

  /** Resolves the conversation: it leaves the queue with its insights (it reopens if the customer writes again). */
  private resolve(): Promise<void> {
    return this.staffAction<{ status: string; insights: Insights }>('resolve', 'Resolve', (r) => {
      this.status = r.status;
      this.mode = 'ai';
      this.showInsights(r.insights);
      this.renderHeader();
    });
  }

  private async resync(generation: number): Promise<number | null> {
    if (generation !== this.generation || !this.detail) return null;
    try {
      const detail = await this.api.get<SessionDetail>(`/chat/session/${encodeURIComponent(this.detail.session_id)}`);
      if (generation !== this.generation) return null;
      this.load(detail);
      return detail.last_event_id;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) this.onAuthError(err);
      throw err;
    }
  }

  private renderHeader(): void {
    const d = this.detail;
    if (!d) return;
    const s = this.summary;
    const who = s?.customer_name || 'Anonymous visitor';
    this.heading.textContent = `${d.interaction_number} · ${who}`;
    const bits = [
      s?.customer_email,
      s?.channel,
      `started ${shortTime(d.created_at)}`,
      s ? `${(s.prompt_tokens + s.completion_tokens).toLocaleString()} tokens · ${money(s.cost_cents)}` : null,
      s ? `updated ${age(s.updated_at)}` : null,
    ].filter(Boolean);
    this.meta.textContent = bits.join(' · ');
    this.statusBadge.textContent = label(this.status);
    this.statusBadge.className = `badge status-${this.status}`;
    this.statusBadge.hidden = false;
  }

  private renderMode(): void {
    const human = this.mode === 'human';
    this.modeBadge.textContent = human ? `Staff: ${this.agent ?? 'taken over'}` : 'AI answering';
    this.modeBadge.className = `badge mode mode-${this.mode}`;
    this.modeBadge.dataset.mode = this.mode;
    this.modeBadge.hidden = false;
    const ended = this.status === 'resolved';
    this.takeOverBtn.disabled = this.busy || human || ended;
    this.handBackBtn.disabled = this.busy || !human;
    this.resolveBtn.disabled = this.busy || ended;
    this.input.disabled = !human || ended;
    this.send.disabled = !human || ended || this.busy;
    this.hint.textContent = ended
      ? 'This conversation has ended.'
      : human
        ? `You are answering as staff${this.agent ? ` (${this.agent})` : ''}; the AI is paused. Enter sends, Shift+Enter adds a line.`
        : 'Take over the conversation to reply as staff.';
    if (!human) this.waiting.hidden = true;
  }

  private showConn(status: FeedStatus): void {
    this.conn.hidden = status === 'stopped';
    this.conn.textContent = CONN_TEXT[status];
    this.conn.dataset.state = status;
  }

  private act(action: 'takeover' | 'handback'): Promise<void> {
    return this.staffAction<{ mode: SessionMode; agent?: string }>(action, action === 'takeover' ? 'Take over' : 'Hand back', (r) => {
      this.applyMode(r.mode, r.agent, true);
      if (r.mode === 'human') this.input.focus();
      else this.takeOverBtn.focus();
    });
  }

  /** One staff action on the open conversation (POST …/:action): busy while it runs, its failure said by `name`. */
  private async staffAction<T>(action: string, name: string, apply: (r: T) => void): Promise<void> {
    const id = this.sessionId;
    if (!id || this.busy) return;
    this.busy = true;
    this.renderMode();
    this.error.textContent = '';
    try {
      const r = await this.api.post<T>(`/chat/session/${encodeURIComponent(id)}/${action}`);
      if (id === this.sessionId) apply(r);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return this.onAuthError(err);
      this.error.textContent = `${name} failed: ${(err as Error).message}`;
    } finally {
      this.busy = false;
      this.renderMode();
    }
  }

  private applyMode(mode: SessionMode | undefined, agent: string | null | undefined, announce: boolean): void {
    if (!mode) return;
    const changed = mode !== this.mode;
    this.mode = mode;
    this.agent = mode === 'human' ? (agent ?? this.agent) : undefined;
    this.renderMode();
    if (changed && announce) this.announcer.say(mode === 'human' ? `Taken over by ${this.agent ?? 'staff'}. The AI is paused.` : 'Handed back to the AI.');
  }

  private async reply(): Promise<void> {
    const id = this.sessionId;
    const text = this.input.value.trim();
    if (!id || !text || this.mode !== 'human' || this.send.disabled) return;
    this.send.disabled = true;
    this.error.textContent = '';
    try {
      const r = await this.api.post<{ message: StaffTranscriptMessage }>(`/chat/session/${encodeURIComponent(id)}/staff-message`, { message: text });
      if (id !== this.sessionId) return;
      this.input.value = '';
      this.addMessage(r.message, false);
      this.waiting.hidden = true;
      this.scrollToEnd();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return this.onAuthError(err);
      if (err instanceof ApiError && err.status === 409) this.error.textContent = `Not sent: take over the conversation first (${err.message}).`;
      else this.error.textContent = `Not sent: ${(err as Error).message}`;
    } finally {
      this.renderMode();
      this.input.focus();
    }
  }

  private onEvent(e: ConsoleEvent): void {
    const stick = this.nearBottom();
    this.handle(e);
    if (stick) this.scrollToEnd();
  }

  private handle(e: ConsoleEvent): void {
    switch (e.type) {
      case 'session': {
        const s = e;
        if (s.status && s.status !== this.status) {
          this.status = s.status;
          this.renderHeader();
          this.announcer.say(`Conversation ${label(s.status).toLowerCase()}.`);
        }
        this.applyMode(s.mode, s.agent, true);
        this.renderMode();
        return;
      }
      case 'waiting_for_staff':
        this.waiting.hidden = this.mode !== 'human';
        return;
      case 'message':
        this.addMessage(e.message as StaffTranscriptMessage, true);
        if (e.message.role === 'staff') this.waiting.hidden = true;
        return;
      case 'turn_started':
        this.stream(e.turn_id);
        return;
      case 'text_delta': {
        const s = this.stream(e.turn_id);
        s.text += e.delta;
        s.body.textContent = s.text;
        return;
      }
      case 'tool_started': {
        const s = this.stream(e.turn_id);
        s.tools.hidden = false;
        s.tools.append(h('li', { class: 'tool running', 'data-call': e.call_id }, `${e.label || toolLabel(e.name)} `, h('code', {}, e.name)));
        return;
      }
      case 'tool_finished': {
        const s = this.stream(e.turn_id);
        const li = s.tools.querySelector<HTMLLIElement>(`li[data-call="${CSS.escape(e.call_id)}"]`);
        if (li) {
          li.className = `tool ${e.ok ? 'ok' : 'failed'}`;
          li.append(h('span', { class: 'result' }, e.ok ? ' done' : ` failed${e.error ? `: ${e.error}` : ''}`));
        }
        return;
      }
      case 'turn_done': {
        const s = this.streaming.get(e.turn_id);
        this.streaming.delete(e.turn_id);
        const m = e.message as StaffTranscriptMessage;
        if (this.shown.has(m.seq)) {
          s?.li.remove();
        } else if (s) {
          s.li.classList.remove('streaming');
          s.li.removeAttribute('aria-busy');
          this.fillMessage(s.li, s.body, m);
          this.shown.add(m.seq);
          this.announceMessage(m);
        } else {
          this.addMessage(m, true);
        }
        return;
      }
      case 'error':
        if (e.code !== 'internal') this.error.textContent = `Session error: ${e.message}`;
        return;
    }
  }

  /** The streaming bubble of a turn (created on first sight). */
  private stream(turnId: string): Streaming {
    let s = this.streaming.get(turnId);
    if (s) return s;
    const body = h('div', { class: 'body' });
    const tools = h('ul', { class: 'tools', 'aria-label': 'Tool activity', hidden: true });
    const li = h(
      'li',
      { class: 'msg assistant streaming', 'data-turn': turnId, 'data-role': 'assistant', 'aria-busy': 'true' },
      h('div', { class: 'meta' }, h('span', { class: 'who' }, 'AI assistant'), h('span', { class: 'typing' }, ' replying…')),
      tools,
      body,
    );
    this.list.append(li);
    s = { li, body, tools, text: '' };
    this.streaming.set(turnId, s);
    return s;
  }

  private addMessage(m: StaffTranscriptMessage, announce: boolean): void {
    if (this.shown.has(m.seq)) return;
    this.shown.add(m.seq);
    const body = h('div', { class: 'body' });
    const li = h('li', { class: `msg ${m.role}`, 'data-role': m.role });
    li.append(h('div', { class: 'meta' }), body);
    this.fillMessage(li, body, m);
    // In seq order, before any reply still streaming.
    const after = [...this.list.children].find((c) => {
      const el = c as HTMLElement;
      return el.classList.contains('streaming') || (el.dataset.seq !== undefined && Number(el.dataset.seq) > m.seq);
    });
    this.list.insertBefore(li, after ?? null);
    if (announce) this.announceMessage(m);
  }

  private fillMessage(li: HTMLLIElement, body: HTMLDivElement, m: StaffTranscriptMessage): void {
    li.dataset.seq = String(m.seq);
    const who =
      m.role === 'user'
        ? `Customer${this.summary?.customer_name ? ` · ${this.summary.customer_name}` : ''}`
        : m.role === 'staff'
          ? `Staff${m.agent ? ` · ${m.agent}` : ''}`
          : `AI assistant${m.offline ? ' (offline model)' : ''}`;
    const meta = li.querySelector('.meta')!;
    meta.replaceChildren(h('span', { class: 'who' }, who), h('time', { datetime: m.created_at }, shortTime(m.created_at)));
    if (m.role === 'user') body.replaceChildren(h('p', { class: 'plain' }, m.content));
    else body.replaceChildren(renderMarkdown(document, m.content));
    li.querySelector('.sources')?.remove();
    if (m.sources?.length) {
      li.append(
        h(
          'p',
          { class: 'sources small' },
          'Sources: ',
          ...m.sources.flatMap((s, i) => [i ? ', ' : '', h('a', { href: `/kb.html?id=${encodeURIComponent(String(s.id))}`, target: '_blank', rel: 'noopener' }, s.title)]),
        ),
      );
    }
  }

  private announceMessage(m: StaffTranscriptMessage): void {
    const who = m.role === 'user' ? 'Customer' : m.role === 'staff' ? 'Staff' : 'AI';
    const text = m.content.length > 140 ? `${m.content.slice(0, 137)}…` : m.content;
    this.announcer.say(`${who}: ${text}`);
  }

  /** Whether the transcript is scrolled to (near) its end: new messages then keep it there. */
  private nearBottom(): boolean {
    const el = this.list;
    return el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  }

  private scrollToEnd(): void {
    this.list.scrollTop = this.list.scrollHeight;
  }
}
