/**
 * The widget's message list: stored messages (in seq order), replies streaming
 * in, tool activity, booking cards, notices, and the visitor's own messages
 * while they wait to be sent (which stay last, marked queued or sending, until
 * the server echoes them). What is in the conversation is the shared reducer's
 * state (core/transcript.ts), handed over by the client with each event; this
 * view only paints it, deduplicating what it painted by seq (a voice call shows
 * its messages before the chat socket's copy arrives).
 */
import { toolLabel, type ServerEvent, type Source, type TranscriptMessage } from '../../worker/protocol/chat';
import { bookingCards, renderCard, type BookingCard } from './cards';
import { turnOf, type TranscriptState } from './core/transcript';
import { h } from './dom';
import { renderMarkdown } from './markdown';
import type { Strings } from './strings';

/** What the list needs from the element around it. */
export interface ListHost {
  /** Read on every use: the language and the session change. */
  strings(): Strings;
  apiBase(): string;
  lang(): string;
  token(): string | undefined;
  readonly root: ShadowRoot;
  /** A reply from the offline model was shown: the header's badge says so. */
  offlineModel(): void;
  /** Says `text` in the widget's live region. */
  live(text: string): void;
  emit(name: string, detail: unknown): void;
  /** The voice call, while one is live: voice turns take their captions' places. */
  call(): { active: boolean; place(li: HTMLElement, role: string, content: string): void } | null;
}

interface Pending {
  li: HTMLDivElement;
  text: string;
  state: 'queued' | 'sent';
}

export class MessageList {
  readonly el: HTMLDivElement;
  /** Seqs painted (the reducer's messages, and a call's, which may come first). */
  private shown = new Set<number>();
  private turns = new Map<string, { li: HTMLDivElement; activity?: HTMLElement }>();
  private pending = new Map<string, Pending>();

  constructor(private readonly host: ListHost) {
    this.el = h('div', { class: 'messages', role: 'log', 'aria-live': 'off', tabindex: '0' });
  }

  /** A message the visitor typed, shown at once and marked until it is sent and echoed. */
  addPending(localId: string, text: string, queued: boolean): void {
    const li = this.bubble('user', text);
    li.append(h('div', { class: 'meta' }, queued ? this.host.strings().queued : this.host.strings().sending));
    li.dataset.state = 'queued';
    this.pending.set(localId, { li, text: text.trim(), state: 'queued' });
    this.el.append(li);
    this.scrollToEnd();
  }

  markSent(localId: string): void {
    const p = this.pending.get(localId);
    if (!p) return;
    p.state = 'sent';
    p.li.dataset.state = 'sent';
    const meta = p.li.querySelector('.meta');
    if (meta) meta.textContent = this.host.strings().sending;
  }

  /** A message could not be accepted: the oldest one sent (or `localId`) is marked, else a notice says why. */
  markFailed(localId: string | undefined, message: string): void {
    const entry = localId ? this.pending.get(localId) : [...this.pending.values()].find((p) => p.state === 'sent');
    if (!entry) return this.notice(message);
    entry.li.classList.add('failed');
    const meta = entry.li.querySelector('.meta');
    if (meta) meta.textContent = `${this.host.strings().failed}: ${message}`;
    for (const [k, v] of this.pending) if (v === entry) this.pending.delete(k);
  }

  /** Re-labels the visitor's waiting messages for the connection's state. */
  showQueued(queued: boolean): void {
    for (const p of this.pending.values()) {
      const meta = p.li.querySelector('.meta');
      if (meta && p.state === 'queued') meta.textContent = queued ? this.host.strings().queued : this.host.strings().sending;
    }
  }

  notice(text: string): void {
    this.insert(h('div', { class: 'msg assistant notice' }, h('div', { class: 'bubble' }, text)));
    this.scrollToEnd();
  }

  /** Adds an element above the visitor's messages still waiting to be sent, which stay last. */
  insert(el: HTMLElement): void {
    const firstPending = [...this.pending.values()].find((p) => p.li.parentNode === this.el && p.li !== el)?.li;
    if (firstPending) this.el.insertBefore(el, firstPending);
    else this.el.append(el);
  }

  /** Everything again from the reducer's state (after a load or a resync); waiting messages stay. */
  renderAll(state: TranscriptState): void {
    const keep = [...this.pending.values()].map((p) => p.li);
    this.el.replaceChildren();
    this.shown.clear();
    this.turns.clear();
    for (const m of state.messages) this.appendMessage(m);
    for (const li of keep) this.el.append(li);
    this.scrollToEnd();
  }

  /** Empties the list (a new conversation). */
  clear(): void {
    this.el.replaceChildren();
    this.shown.clear();
    this.turns.clear();
  }

  /** Shows a stored message once (by seq); its element when it is new. */
  appendMessage(m: TranscriptMessage, cards: BookingCard[] = bookingCards(m)): HTMLDivElement | null {
    if (this.shown.has(m.seq)) return null;
    this.shown.add(m.seq);
    const li = this.bubble(m.role, m.content, m.seq);
    if (m.sources?.length) li.append(this.sources(m.sources));
    for (const card of cards) li.append(this.card(card));
    if (m.offline) this.host.offlineModel();
    this.insert(li);
    return li;
  }

  card(b: BookingCard): HTMLElement {
    const host = this.host;
    return renderCard(b, { strings: host.strings(), lang: host.lang(), apiBase: host.apiBase(), token: host.token(), root: host.root, announce: (text) => host.live(text) });
  }

  /** Paints one event the reducer applied: `state` is the conversation after it. */
  apply(event: ServerEvent, state: TranscriptState): void {
    const s = this.host.strings();
    switch (event.type) {
      case 'message': {
        const m = event.message;
        if (m.role === 'user' && this.claimPending(m)) break;
        const li = this.appendMessage(m);
        if (li) {
          // During a call, voice turns arrive here as they are stored: they take their captions' places.
          const call = this.host.call();
          if (call?.active) call.place(li, m.role, m.content);
          // A person's reply arrives as a message, not a turn: announce it as turn_done announces the AI's.
          if (m.role === 'staff') this.host.live(`${s.staff}: ${m.content}`);
          this.host.emit('message', { role: m.role, content: m.content, seq: m.seq });
        }
        break;
      }
      case 'turn_started':
        this.turn(event.turn_id);
        break;
      case 'text_delta': {
        const t = this.turn(event.turn_id);
        t.li.querySelector('.bubble')!.replaceChildren(renderMarkdown(document, turnOf(state, event.turn_id)?.text ?? '', this.host.apiBase()));
        break;
      }
      case 'tool_started': {
        const t = this.turn(event.turn_id);
        t.activity ??= t.li.appendChild(h('div', { class: 'activity', role: 'status' }));
        t.activity.textContent = s.tools[event.name] ?? (event.label || toolLabel(event.name));
        break;
      }
      case 'tool_finished':
        this.turn(event.turn_id);
        if (event.ok && event.name === 'create_booking' && event.data && typeof event.data === 'object' && 'number' in event.data) this.host.emit('booking', event.data as BookingCard);
        break;
      case 'turn_done': {
        const t = this.turns.get(event.turn_id);
        this.turns.delete(event.turn_id);
        // The server keeps the turn's bookings on the reply, so a reload or another device shows the same card.
        const li = this.appendMessage(event.message);
        if (li) {
          if (t) t.li.replaceWith(li);
          this.host.live(`${s.assistant}: ${event.message.content}`);
          this.host.emit('message', { role: 'assistant', content: event.message.content, seq: event.message.seq, sources: event.message.sources ?? [] });
        } else {
          t?.li.remove();
        }
        if (event.offline) this.host.offlineModel();
        break;
      }
      case 'error':
        for (const t of this.turns.values()) t.li.remove();
        this.turns.clear();
        this.notice(event.message || s.error);
        break;
      default:
        break;
    }
    this.scrollToEnd();
  }

  /** The echo of a message the visitor sent: its waiting bubble becomes the stored one. */
  private claimPending(m: TranscriptMessage): boolean {
    // The server echoes our client_id; matching by text is for messages restored from older sessions.
    const byId = m.client_id ? this.pending.get(m.client_id) : undefined;
    const match: [string, Pending] | undefined = byId ? [m.client_id!, byId] : [...this.pending.entries()].find(([, p]) => p.text === m.content.trim());
    if (!match) return false;
    const [localId, p] = match;
    this.pending.delete(localId);
    if (this.shown.has(m.seq)) {
      p.li.remove();
      return true;
    }
    this.shown.add(m.seq);
    // Its turn starts now: it moves below anything that happened while it waited.
    this.insert(p.li);
    p.li.dataset.seq = String(m.seq);
    p.li.dataset.state = 'delivered';
    p.li.querySelector('.meta')?.remove();
    return true;
  }

  private bubble(role: TranscriptMessage['role'], text: string, seq?: number): HTMLDivElement {
    const s = this.host.strings();
    const who = role === 'user' ? s.you : role === 'staff' ? s.staff : s.assistant;
    const body = h('div', { class: 'bubble' });
    if (role === 'user') body.textContent = text;
    else body.append(renderMarkdown(document, text, this.host.apiBase()));
    const li = h('div', { class: `msg ${role}` }, h('span', { class: 'sr-only' }, `${who}: `), body);
    if (seq !== undefined) li.dataset.seq = String(seq);
    return li;
  }

  private sources(sources: Source[]): DocumentFragment {
    const frag = document.createDocumentFragment();
    const label = this.host.strings().sources;
    frag.append(h('p', { class: 'sources-label' }, label));
    const ul = h('ul', { class: 'sources', 'aria-label': label });
    for (const s of sources) {
      const a = h('a', { href: `${this.host.apiBase()}/kb.html?id=${encodeURIComponent(String(s.id))}`, target: '_blank', rel: 'noopener' }, s.title);
      ul.append(h('li', {}, a));
    }
    frag.append(ul);
    return frag;
  }

  /** The streaming bubble of a turn (created on first sight). */
  private turn(turnId: string): { li: HTMLDivElement; activity?: HTMLElement } {
    let t = this.turns.get(turnId);
    if (!t) {
      const s = this.host.strings();
      const li = h('div', { class: 'msg assistant streaming', 'aria-busy': 'true' }, h('span', { class: 'sr-only' }, `${s.assistant}: `));
      li.append(h('div', { class: 'bubble' }, h('span', { class: 'typing', role: 'img', 'aria-label': s.typing }, h('span'), h('span'), h('span'))));
      this.insert(li);
      t = { li };
      this.turns.set(turnId, t);
    }
    return t;
  }

  scrollToEnd(): void {
    this.el.scrollTop = this.el.scrollHeight;
  }
}
