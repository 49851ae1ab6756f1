/**
 * One conversation: its transcript (GET /chat/session/:id), followed live over
 * the shared session socket (widget/src/core/socket.ts, watch-only: staff
 * replies are POSTed) and kept in the shared transcript reducer
 * (widget/src/core/transcript.ts), painted by transcript-view.ts; Take over /
 * Hand back to AI / Resolve; and a reply box that is enabled only while staff
 * have the conversation.
 */
import { ApiError, type Api } from './api';
import { mountReplyAssist } from './assist';
import { SessionSocket, type SocketStatus } from '../../widget/src/core/socket';
import { emptyTranscript, reduceTranscript, type TranscriptState } from '../../widget/src/core/transcript';
import { age, byId, label, money, shortTime, type Announcer } from './dom';
import { TranscriptView } from './transcript-view';
import type { ConsoleEvent, ConversationSummary, SessionDetail, SessionMode, StaffTranscriptMessage } from './types';

/** A conversation's insights, as the transcript and the resolve answer carry them. */
type Insights = Pick<SessionDetail, 'summary' | 'sentiment' | 'sentiment_label' | 'intent' | 'category' | 'outcome'>;

const CONN_TEXT: Record<SocketStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  stopped: 'Not following',
};

/** Socket closes without a greeting between resyncs over HTTP (which also tell an expired token from the network). */
const FAILURES_BEFORE_RESYNC = 3;

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

  private socket: SessionSocket | null = null;
  private readonly view: TranscriptView;
  /** The conversation as the shared reducer has it; the socket resumes from its cursor. */
  private state: TranscriptState<StaffTranscriptMessage> = emptyTranscript();
  private detail: SessionDetail | null = null;
  private summary: ConversationSummary | null = null;
  private mode: SessionMode = 'ai';
  private agent: string | undefined;
  private status = '';
  /** Increases with every open(): answers for an older selection are dropped. */
  private generation = 0;
  private busy = false;
  /**
   * The open conversation's status or mode changed (a staff action here answered, or a session event said so):
   * the queue re-reads its rows at once rather than at its next poll, so its badge agrees with the header.
   */
  onChange: () => void = () => undefined;

  constructor(
    private readonly api: Api,
    private readonly token: () => string | null,
    private readonly announcer: Announcer,
    private readonly onAuthError: (err: ApiError) => void,
  ) {
    this.view = new TranscriptView(this.list, announcer, () => this.summary?.customer_name);
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
    const socket: SessionSocket = new SessionSocket(
      { apiBase: this.api.base, sessionId: detail.session_id, token: this.token, cursor: () => this.state.cursor },
      {
        event: (e) => void (this.socket === socket && this.onEvent(e)),
        status: (s) => void (this.socket === socket && this.showConn(s)),
        closed: async ({ failures }) => {
          if (failures > 0 && failures % FAILURES_BEFORE_RESYNC === 0) await this.resync(generation).catch(() => undefined);
          return this.socket === socket ? 'retry' : 'stop';
        },
      },
    );
    this.socket = socket;
    socket.start();
  }

  /** Stops following (another conversation is opened, or staff sign out). */
  close(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.stop();
    this.detail = null;
    this.state = emptyTranscript();
    this.view.clear();
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
    this.state = reduceTranscript(this.state, { type: 'history', messages: detail.messages, last_event_id: detail.last_event_id, status: detail.status, mode: this.mode, agent: detail.agent ?? null, reopens: detail.reopens });
    this.view.renderAll(this.state.messages);
    this.list.hidden = false;
    this.form.hidden = false;
    this.controls.hidden = false;
    this.showInsights(detail);
    this.renderHeader();
    this.renderMode();
    this.view.scrollToEnd();
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

  /** Reloads the transcript over HTTP (the socket keeps failing); the socket resumes from its cursor. */
  private async resync(generation: number): Promise<void> {
    if (generation !== this.generation || !this.detail) return;
    try {
      const detail = await this.api.get<SessionDetail>(`/chat/session/${encodeURIComponent(this.detail.session_id)}`);
      if (generation === this.generation) this.load(detail);
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
    // Resolved by staff (here: the reducer may not have the socket's event yet) reopens on the customer's next message.
    const reopens = ended && (this.state.status === 'resolved' ? this.state.reopens === true : true);
    this.takeOverBtn.disabled = this.busy || human || ended;
    this.handBackBtn.disabled = this.busy || !human;
    this.resolveBtn.disabled = this.busy || ended;
    this.input.disabled = !human || ended;
    this.send.disabled = !human || ended || this.busy;
    this.hint.textContent = ended
      ? reopens
        ? 'Resolved: it reopens when the customer writes again.'
        : 'This conversation has ended.'
      : human
        ? `You are answering as staff${this.agent ? ` (${this.agent})` : ''}; the AI is paused. Enter sends, Shift+Enter adds a line.`
        : 'Take over the conversation to reply as staff.';
    if (!human) this.waiting.hidden = true;
  }

  private showConn(status: SocketStatus): void {
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
      // The session answers a staff action once its D1 row has the new status: the queue can show it now.
      this.onChange();
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
      this.view.addMessage(r.message, false);
      this.waiting.hidden = true;
      this.view.scrollToEnd();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return this.onAuthError(err);
      if (err instanceof ApiError && err.status === 409) this.error.textContent = `Not sent: take over the conversation first (${err.message}).`;
      else this.error.textContent = `Not sent: ${(err as Error).message}`;
    } finally {
      this.renderMode();
      this.input.focus();
    }
  }

  /** One socket event through the reducer; painted only if it changed the conversation. */
  private onEvent(e: ConsoleEvent): void {
    const prev = this.state;
    const next = reduceTranscript(prev, e);
    if (next === prev) return;
    this.state = next;
    const stick = this.view.nearBottom();
    this.view.apply(e, next);
    switch (e.type) {
      case 'session':
        if (e.status !== this.status) {
          this.status = e.status;
          this.renderHeader();
          this.announcer.say(`Conversation ${label(e.status).toLowerCase()}.`);
          this.onChange();
        }
        this.applyMode(e.mode, e.agent, true);
        this.renderMode();
        break;
      case 'waiting_for_staff':
        this.waiting.hidden = this.mode !== 'human';
        break;
      case 'message':
        if (e.message.role === 'staff') this.waiting.hidden = true;
        break;
      case 'error':
        if (e.code !== 'internal') this.error.textContent = `Session error: ${e.message}`;
        break;
      default:
        break;
    }
    if (stick) this.view.scrollToEnd();
  }
}
