/**
 * `<switchboard-chat>`: the launcher bubble and chat panel in a shadow root.
 * Attributes: heading, subtitle, accent, position (right|left), lang, api-base,
 * transport (ws|sse). Everything model-written is rendered as text through
 * the safe markdown subset; nothing is ever assigned to innerHTML.
 */
import { toolLabel, type ServerEvent, type Source, type TranscriptMessage } from '../../worker/protocol/chat';
import type { PublicConfig } from '../../worker/protocol/config';
import { ChatClient, type ConnectionStatus, type Identity } from './client';
import { renderMarkdown } from './markdown';
import { stringsFor, type Strings } from './strings';
import { CSS } from './styles';
import { VoiceCall } from './voice';

/** Confirmation cards of a reply: what its booking tools returned, less cancellations. */
function bookingCards(m: TranscriptMessage): BookingCard[] {
  return ((m.bookings ?? []) as BookingCard[]).filter((b) => b && typeof b === 'object' && 'number' in b && b.status !== 'cancelled');
}

/** The part of a booking (create_booking's data) the confirmation card shows. */
export interface BookingCard {
  number: string;
  status?: string;
  service?: { name?: string };
  employee?: { name?: string };
  start?: string;
  address?: string;
  /** Paths on the API origin: the .ics file (fetched with the session token) and the manage page (token in its #fragment). */
  links?: { ics?: string; manage?: string };
}

type Listener = (detail: unknown) => void;

let sheet: CSSStyleSheet | null = null;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') el.className = v;
    else el.setAttribute(k, v);
  }
  for (const c of children) el.append(c);
  return el;
}

export function icon(path: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const p = document.createElementNS(ns, 'path');
  p.setAttribute('d', path);
  svg.append(p);
  return svg;
}

const ICON_CHAT = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z';
const ICON_CLOSE = 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z';
const ICON_SEND = 'M3 20.5 21 12 3 3.5 3 10l12 2-12 2z';
const ICON_MIC = 'M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1A7 7 0 0 0 19 11z';

/** Relative luminance contrast: white or near-black text on `color`, whichever reads better. */
export function textOn(color: string): string {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return '#ffffff';
  let hex = m[1]!;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const lum = [0, 2, 4]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const L = 0.2126 * lum[0]! + 0.7152 * lum[1]! + 0.0722 * lum[2]!;
  return (1.05 / (L + 0.05) >= (L + 0.05) / 0.05 ? '#ffffff' : '#111827');
}

/** "Mon, Mar 4, 2030, 10:00 AM" from a local ISO time with offset, shown in the business's own zone. */
function formatLocal(iso: string | undefined, lang: string): string {
  const m = iso && /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return iso ?? '';
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!));
  return new Intl.DateTimeFormat(lang, { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' }).format(d);
}

export class SwitchboardChat extends HTMLElement {
  static observedAttributes = ['heading', 'subtitle', 'accent', 'position', 'lang'];
  static defaultApiBase = '';
  /** The voice capture worklet's URL (next to the bundle; set by index.ts). */
  static workletUrl = '';

  strings: Strings = stringsFor('en');
  private overrides: Partial<Strings> = {};
  private client: ChatClient | null = null;
  private listeners = new Map<string, Set<Listener>>();
  private readonly shadow: ShadowRoot;
  private built = false;
  private isOpen = false;
  private config: PublicConfig | null = null;
  private identity: Identity = {};
  private voice: VoiceCall | null = null;

  // UI nodes
  private root!: HTMLDivElement;
  private launcher!: HTMLButtonElement;
  private panel!: HTMLElement;
  private titleEl!: HTMLHeadingElement;
  private subtitleEl!: HTMLParagraphElement;
  private badge!: HTMLSpanElement;
  private closeBtn!: HTMLButtonElement;
  private voiceBtn!: HTMLButtonElement;
  private statusEl!: HTMLDivElement;
  private list!: HTMLDivElement;
  private input!: HTMLTextAreaElement;
  private sendBtn!: HTMLButtonElement;
  private announcer!: HTMLDivElement;

  // Conversation state
  private seqs = new Set<number>();
  private turns = new Map<string, { li: HTMLDivElement; text: string; activity?: HTMLElement }>();
  private pending = new Map<string, { li: HTMLDivElement; text: string; state: 'queued' | 'sent' }>();

  constructor() {
    super();
    this.shadow = this.attachShadow({ mode: 'open' });
  }

  connectedCallback(): void {
    if (!this.built) this.build();
    this.applyAttributes();
  }

  disconnectedCallback(): void {
    this.voice?.hangUp();
    this.client?.stop();
    this.client = null;
  }

  attributeChangedCallback(): void {
    if (this.built) this.applyAttributes();
  }

  get apiBase(): string {
    return (this.getAttribute('api-base') || SwitchboardChat.defaultApiBase || location.origin).replace(/\/+$/, '');
  }

  private build(): void {
    this.built = true;
    try {
      sheet ??= new CSSStyleSheet();
      sheet.replaceSync(CSS);
      this.shadow.adoptedStyleSheets = [sheet];
    } catch {
      this.shadow.append(h('style', {}, CSS));
    }
    const id = (s: string) => `sb-${s}`;
    this.launcher = h('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': id('panel'), part: 'launcher' }, icon(ICON_CHAT));
    this.titleEl = h('h2', { id: id('title') });
    this.subtitleEl = h('p', { class: 'subtitle' });
    this.badge = h('span', { class: 'badge', hidden: '' });
    this.voiceBtn = h('button', { class: 'icon-btn voice', type: 'button', hidden: '' }, icon(ICON_MIC));
    this.closeBtn = h('button', { class: 'icon-btn close', type: 'button' }, icon(ICON_CLOSE));
    this.statusEl = h('div', { class: 'status', role: 'status', hidden: '' });
    this.list = h('div', { class: 'messages', role: 'log', 'aria-live': 'off', tabindex: '0' });
    this.input = h('textarea', { id: id('input'), rows: '1', maxlength: '4000', autocomplete: 'off' });
    this.sendBtn = h('button', { class: 'send', type: 'submit' }, icon(ICON_SEND));
    const label = h('label', { class: 'sr-only', for: id('input') });
    const form = h('form', { class: 'composer' }, label, this.input, this.sendBtn);
    this.announcer = h('div', { class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const footer = h('div', { class: 'footer' });
    this.panel = h(
      'section',
      { class: 'panel', id: id('panel'), role: 'dialog', 'aria-labelledby': id('title'), hidden: '', part: 'panel' },
      h('header', {}, h('div', { class: 'titles' }, this.titleEl, this.subtitleEl, this.badge), this.voiceBtn, this.closeBtn),
      this.statusEl,
      this.list,
      form,
      footer,
      this.announcer,
    );
    this.root = h('div', { class: 'root', 'data-open': 'false' }, this.launcher, this.panel);
    this.shadow.append(this.root);

    this.launcher.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
    this.closeBtn.addEventListener('click', () => this.close());
    this.voiceBtn.addEventListener('click', () => this.startCall());
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        this.close();
      }
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    this.input.addEventListener('input', () => this.autosize());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = this.input.value.trim();
      if (!text) return;
      this.input.value = '';
      this.autosize();
      this.send(text);
    });
    this.labels(label, footer);
  }

  private labels(label?: HTMLLabelElement, footer?: HTMLElement): void {
    const s = this.strings;
    this.launcher.setAttribute('aria-label', this.isOpen ? s.close : s.open);
    this.closeBtn.setAttribute('aria-label', s.close);
    this.voiceBtn.setAttribute('aria-label', s.voice);
    this.list.setAttribute('aria-label', s.messagesLabel);
    this.input.placeholder = s.placeholder;
    this.sendBtn.setAttribute('aria-label', s.send);
    this.badge.textContent = s.offlineModel;
    (label ?? this.shadow.querySelector('label'))!.textContent = s.inputLabel;
    (footer ?? this.shadow.querySelector('.footer'))!.textContent = s.poweredBy;
    this.titleEl.textContent = this.getAttribute('heading') || this.config?.business_name || s.title;
    this.subtitleEl.textContent = this.getAttribute('subtitle') || s.subtitle;
  }

  private applyAttributes(): void {
    const lang = this.getAttribute('lang') || document.documentElement.lang || navigator.language;
    this.strings = stringsFor(lang, this.overrides);
    this.panel.lang = lang;
    const accent = this.getAttribute('accent');
    if (accent && /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(accent)) {
      this.style.setProperty('--sb-accent', accent);
      this.style.setProperty('--sb-accent-text', textOn(accent));
    }
    this.root.dataset.position = this.getAttribute('position') === 'left' ? 'left' : 'right';
    this.labels();
    this.renderStatus(this.client?.status ?? 'idle');
  }

  /** Overrides strings (any subset) and re-labels the UI. */
  configure(options: { strings?: Partial<Strings>; lang?: string; heading?: string; accent?: string; position?: string }): void {
    if (options.strings) this.overrides = { ...this.overrides, ...options.strings };
    for (const key of ['lang', 'heading', 'accent', 'position'] as const) {
      const v = options[key];
      if (v) this.setAttribute(key, v);
    }
    if (this.built) this.applyAttributes();
  }

  identify(identity: Identity): void {
    this.identity = { ...this.identity, ...identity };
    if (this.client) this.client.identity = this.identity;
  }

  on(name: string, fn: Listener): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }

  off(name: string, fn: Listener): void {
    this.listeners.get(name)?.delete(fn);
  }

  private emit(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(`switchboard:${name}`, { detail, bubbles: true, composed: true }));
    for (const fn of this.listeners.get(name) ?? []) {
      try {
        fn(detail);
      } catch (err) {
        console.error(err);
      }
    }
  }

  private ensureClient(): ChatClient {
    if (this.client) return this.client;
    const transport = this.getAttribute('transport') === 'sse' ? 'sse' : undefined;
    this.client = new ChatClient(
      this.apiBase,
      {
        history: (messages) => this.renderHistory(messages),
        event: (event) => this.onEvent(event),
        status: (status) => this.renderStatus(status),
        sent: (localId) => this.markPending(localId, 'sent'),
        failed: (localId, code, message) => this.onFailed(localId, code, message),
      },
      transport ? { transport } : {},
    );
    this.client.identity = this.identity;
    void this.loadConfig();
    return this.client;
  }

  private async loadConfig(): Promise<void> {
    try {
      const res = await fetch(`${this.apiBase}/api/v1/config`, { headers: { accept: 'application/json' } });
      if (!res.ok) return;
      this.config = (await res.json()) as PublicConfig;
      // The call button is shown only when the server says voice calls work here.
      this.voiceBtn.hidden = this.config.voice !== true || !!this.voice?.active;
      this.labels();
    } catch {
      // No config: defaults.
    }
  }

  open(): void {
    if (!this.built) this.build();
    const client = this.ensureClient();
    if (!this.isOpen) {
      this.isOpen = true;
      this.panel.hidden = false;
      this.root.dataset.open = 'true';
      this.launcher.setAttribute('aria-expanded', 'true');
      this.labels();
      this.emit('open', {});
    }
    void client.start();
    this.input.focus();
    this.scrollToEnd();
  }

  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.panel.hidden = true;
    this.root.dataset.open = 'false';
    this.launcher.setAttribute('aria-expanded', 'false');
    this.labels();
    this.launcher.focus();
    this.emit('close', {});
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  /** Sends a message as the visitor (also what the composer does). */
  send(text: string): void {
    const client = this.ensureClient();
    const localId = `local-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const li = this.bubble('user', text);
    const meta = h('div', { class: 'meta' }, client.status === 'offline' || client.status === 'reconnecting' ? this.strings.queued : this.strings.sending);
    li.append(meta);
    li.dataset.state = 'queued';
    this.pending.set(localId, { li, text: text.trim(), state: 'queued' });
    this.list.append(li);
    this.scrollToEnd();
    client.send(text, localId);
    this.emit('message', { role: 'user', content: text });
  }

  private markPending(localId: string, state: 'sent'): void {
    const p = this.pending.get(localId);
    if (!p) return;
    p.state = state;
    p.li.dataset.state = state;
    const meta = p.li.querySelector('.meta');
    if (meta) meta.textContent = this.strings.sending;
  }

  private onFailed(localId: string | undefined, code: string, message: string): void {
    const entry = localId ? this.pending.get(localId) : [...this.pending.values()].find((p) => p.state === 'sent');
    if (entry) {
      entry.li.classList.add('failed');
      const meta = entry.li.querySelector('.meta');
      if (meta) meta.textContent = `${this.strings.failed}: ${message}`;
      for (const [k, v] of this.pending) if (v === entry) this.pending.delete(k);
    } else {
      this.notice(message);
    }
    if (code === 'conflict') this.renderStatus('ended');
  }

  private notice(text: string): void {
    this.insert(h('div', { class: 'msg assistant notice' }, h('div', { class: 'bubble' }, text)));
    this.scrollToEnd();
  }

  /** Adds a message above the visitor's messages still waiting to be sent, which stay last. */
  private insert(el: HTMLElement): void {
    const firstPending = [...this.pending.values()].find((p) => p.li.parentNode === this.list && p.li !== el)?.li;
    if (firstPending) this.list.insertBefore(el, firstPending);
    else this.list.append(el);
  }

  private bubble(role: TranscriptMessage['role'], text: string, seq?: number): HTMLDivElement {
    const who = role === 'user' ? this.strings.you : role === 'staff' ? this.strings.staff : this.strings.assistant;
    const body = h('div', { class: 'bubble' });
    if (role === 'user') body.textContent = text;
    else body.append(renderMarkdown(document, text, this.apiBase));
    const li = h('div', { class: `msg ${role}` }, h('span', { class: 'sr-only' }, `${who}: `), body);
    if (seq !== undefined) li.dataset.seq = String(seq);
    return li;
  }

  private renderHistory(messages: TranscriptMessage[]): void {
    // Keep only what is still waiting to be sent; everything else comes from the server.
    const keep = [...this.pending.values()].map((p) => p.li);
    this.list.replaceChildren();
    this.seqs.clear();
    this.turns.clear();
    for (const m of messages) this.appendMessage(m);
    for (const li of keep) this.list.append(li);
    this.scrollToEnd();
  }

  private appendMessage(m: TranscriptMessage, cards: BookingCard[] = bookingCards(m)): HTMLDivElement | null {
    if (this.seqs.has(m.seq)) return null;
    this.seqs.add(m.seq);
    const li = this.bubble(m.role, m.content, m.seq);
    if (m.sources?.length) li.append(this.sources(m.sources));
    for (const card of cards) li.append(this.card(card));
    if (m.offline) this.badge.hidden = false;
    this.insert(li);
    return li;
  }

  private sources(sources: Source[]): DocumentFragment {
    const frag = document.createDocumentFragment();
    frag.append(h('p', { class: 'sources-label' }, this.strings.sources));
    const ul = h('ul', { class: 'sources', 'aria-label': this.strings.sources });
    for (const s of sources) {
      const a = h('a', { href: `${this.apiBase}/kb.html?id=${encodeURIComponent(String(s.id))}`, target: '_blank', rel: 'noopener' }, s.title);
      ul.append(h('li', {}, a));
    }
    frag.append(ul);
    return frag;
  }

  private card(b: BookingCard): HTMLElement {
    const s = this.strings;
    const dl = h('dl');
    const row = (k: string, v: string | undefined) => {
      if (v) dl.append(h('dt', {}, k), h('dd', {}, v));
    };
    row(s.bookingNumber, b.number);
    row(s.service, b.service?.name);
    row(s.when, formatLocal(b.start, this.panel.lang || 'en'));
    row(s.technician, b.employee?.name);
    const card = h('div', { class: 'card', role: 'group', 'aria-label': s.bookingConfirmed }, h('h3', {}, s.bookingConfirmed), dl);
    const actions = h('div', { class: 'card-actions' });
    if (b.links?.ics) {
      const ics = b.links.ics;
      const button = h('button', { type: 'button', 'data-action': 'calendar' }, s.addToCalendar);
      button.addEventListener('click', () => void this.downloadCalendar(ics, `${b.number}.ics`));
      actions.append(button);
    }
    // noreferrer: the page's URL (with the token in its fragment) is never passed on as a Referer.
    if (b.links?.manage) actions.append(h('a', { href: `${this.apiBase}${b.links.manage}`, target: '_blank', rel: 'noopener noreferrer', 'data-action': 'manage' }, s.manageBooking));
    if (actions.childElementCount) card.append(actions);
    return card;
  }

  /** The booking's .ics through the session's token (a plain link could not send it), saved as a file. */
  private async downloadCalendar(path: string, filename: string): Promise<void> {
    const token = this.client?.session?.token;
    try {
      const res = await fetch(`${this.apiBase}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (!res.ok) throw new Error(String(res.status));
      const url = URL.createObjectURL(await res.blob());
      const a = h('a', { href: url, download: filename });
      this.shadow.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      this.announce(this.strings.calendarFailed);
    }
  }

  private turn(turnId: string) {
    let t = this.turns.get(turnId);
    if (!t) {
      const li = h('div', { class: 'msg assistant streaming', 'aria-busy': 'true' }, h('span', { class: 'sr-only' }, `${this.strings.assistant}: `));
      const body = h('div', { class: 'bubble' }, h('span', { class: 'typing', role: 'img', 'aria-label': this.strings.typing }, h('span'), h('span'), h('span')));
      li.append(body);
      this.insert(li);
      t = { li, text: '' };
      this.turns.set(turnId, t);
    }
    return t;
  }

  private onEvent(event: ServerEvent): void {
    switch (event.type) {
      case 'message': {
        const m = event.message;
        if (m.role === 'user') {
          // The server echoes our client_id; matching by text is for messages restored from older sessions.
          const byId = m.client_id ? this.pending.get(m.client_id) : undefined;
          const match: [string, NonNullable<typeof byId>] | undefined = byId
            ? [m.client_id!, byId]
            : [...this.pending.entries()].find(([, p]) => p.text === m.content.trim());
          if (match) {
            const [localId, p] = match;
            this.pending.delete(localId);
            if (this.seqs.has(m.seq)) {
              p.li.remove();
            } else {
              this.seqs.add(m.seq);
              // Its turn starts now: it moves below anything that happened while it waited.
              this.insert(p.li);
              p.li.dataset.seq = String(m.seq);
              p.li.dataset.state = 'delivered';
              p.li.querySelector('.meta')?.remove();
            }
            break;
          }
        }
        const li = this.appendMessage(m);
        if (li) {
          // During a call, voice turns arrive here as they are stored: they take their captions' places.
          if (this.voice?.active) this.voice.place(li, m.role, m.content);
          // A person's reply arrives as a message, not a turn: announce it as turn_done announces the AI's.
          if (m.role === 'staff') this.live(`${this.strings.staff}: ${m.content}`);
          this.emit('message', { role: m.role, content: m.content, seq: m.seq });
        }
        break;
      }
      case 'turn_started':
        this.turn(event.turn_id);
        break;
      case 'text_delta': {
        const t = this.turn(event.turn_id);
        t.text += event.delta;
        const body = t.li.querySelector('.bubble')!;
        body.replaceChildren(renderMarkdown(document, t.text, this.apiBase));
        break;
      }
      case 'tool_started': {
        const t = this.turn(event.turn_id);
        const label = this.strings.tools[event.name] ?? (event.label || toolLabel(event.name));
        t.activity ??= t.li.appendChild(h('div', { class: 'activity', role: 'status' }));
        t.activity.textContent = label;
        break;
      }
      case 'tool_finished': {
        this.turn(event.turn_id);
        if (event.ok && event.name === 'create_booking' && event.data && typeof event.data === 'object' && 'number' in event.data) {
          this.emit('booking', event.data as BookingCard);
        }
        break;
      }
      case 'turn_done': {
        const t = this.turns.get(event.turn_id);
        this.turns.delete(event.turn_id);
        // The server keeps the turn's bookings on the reply, so a reload or another device shows the same card.
        const li = this.appendMessage(event.message);
        if (li) {
          if (t) t.li.replaceWith(li);
          this.announce(event.message.content);
          this.emit('message', { role: 'assistant', content: event.message.content, seq: event.message.seq, sources: event.message.sources ?? [] });
        } else {
          t?.li.remove();
        }
        if (event.offline) this.badge.hidden = false;
        break;
      }
      case 'error':
        for (const [id, t] of this.turns) {
          t.li.remove();
          this.turns.delete(id);
        }
        this.notice(event.message || this.strings.error);
        break;
      case 'session':
        if (event.status === 'resolved') this.renderStatus('ended');
        break;
    }
    this.scrollToEnd();
  }

  private announce(text: string): void {
    // Replies are announced once, whole, when the turn is done (not token by token).
    this.live(`${this.strings.assistant}: ${text}`);
  }

  private live(text: string): void {
    this.announcer.textContent = '';
    setTimeout(() => (this.announcer.textContent = text), 50);
  }

  /** Starts a voice call (the header's call button; voice.ts does the rest). */
  private startCall(): void {
    if (this.voice?.active) return;
    this.voice?.bar.remove();
    const call = new VoiceCall({
      strings: this.strings,
      apiBase: this.apiBase,
      workletUrl: SwitchboardChat.workletUrl,
      session: async () => {
        const client = this.ensureClient();
        if (!client.session) await client.start();
        return client.session;
      },
      message: (m) => {
        const li = this.appendMessage(m);
        this.scrollToEnd();
        return li;
      },
      insert: (el) => {
        this.insert(el);
        this.scrollToEnd();
      },
      announce: (text) => this.live(text),
      card: (b) => this.card(b),
      emit: (name, detail) => this.emit(name, detail),
      reload: () => this.reloadTranscript(),
      ended: (hadFocus) => {
        this.voiceBtn.hidden = this.config?.voice !== true;
        if (hadFocus) (this.voiceBtn.hidden ? this.input : this.voiceBtn).focus();
        this.emit('voice', { state: call.state, reason: call.bar.dataset.reason });
      },
    });
    this.voice = call;
    this.statusEl.before(call.bar);
    this.voiceBtn.hidden = true;
    call.start();
    if (call.active) call.bar.querySelector<HTMLButtonElement>('.hangup')?.focus();
    this.emit('voice', { state: 'started' });
  }

  /** The transcript as the server has it (after a call: one transcript for voice and text). */
  private async reloadTranscript(): Promise<void> {
    const s = this.client?.session;
    if (!s) return;
    const res = await fetch(`${this.apiBase}/api/v1/chat/session/${s.session_id}`, { headers: { authorization: `Bearer ${s.token}`, accept: 'application/json' } });
    if (res.ok) this.renderHistory(((await res.json()) as { messages: TranscriptMessage[] }).messages);
  }

  private renderStatus(status: ConnectionStatus): void {
    if (!this.built) return;
    const s = this.strings;
    // The first connect is quick and needs no banner (messages typed meanwhile just wait).
    const text = status === 'offline' ? s.offline : status === 'reconnecting' ? s.reconnecting : status === 'ended' ? s.ended : '';
    this.root.dataset.status = status;
    this.statusEl.replaceChildren(text);
    if (status === 'ended') {
      const btn = h('button', { type: 'button' }, s.newChat);
      btn.addEventListener('click', () => {
        this.list.replaceChildren();
        this.seqs.clear();
        void this.client?.restart();
      });
      this.statusEl.append(btn);
    }
    this.statusEl.hidden = text === '';
    if (status === 'online') {
      for (const p of this.pending.values()) {
        const meta = p.li.querySelector('.meta');
        if (meta && p.state === 'queued') meta.textContent = s.sending;
      }
    } else if (status === 'offline' || status === 'reconnecting') {
      for (const p of this.pending.values()) {
        const meta = p.li.querySelector('.meta');
        if (meta && p.state === 'queued') meta.textContent = s.queued;
      }
    }
  }

  private autosize(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(120, this.input.scrollHeight + 2)}px`;
  }

  private scrollToEnd(): void {
    this.list.scrollTop = this.list.scrollHeight;
  }

  /** Test and host hook: drop the live connection as a network failure would. */
  dropConnection(): void {
    this.client?.drop();
  }
}
