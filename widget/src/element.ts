/**
 * `<switchboard-chat>`: the launcher bubble and chat panel in a shadow root.
 * Attributes: heading, subtitle, accent, position (right|left), lang, api-base,
 * transport (ws|sse). The element is the shell: header, status banner,
 * composer and the page-facing API; the message list is messages.ts, the
 * rating prompt csat.ts, and voice is a separate chunk (voice-loader.ts)
 * fetched on the first press of the call button. Everything model-written is
 * rendered as text through the safe markdown subset; nothing is ever assigned
 * to innerHTML.
 */
import type { PublicConfig } from '../../worker/protocol/config';
import { CallButton } from './call-button';
import type { BookingCard } from './cards';
import { ChatClient, type ConnectionStatus, type Identity } from './client';
import type { TranscriptState } from './core/transcript';
import { CsatPrompt } from './csat';
import { h, icon, textOn } from './dom';
import { Emitter } from './emitter';
import { MessageList } from './messages';
import { stringsFor, type StringOverrides, type Strings } from './strings';
import { CSS } from './styles';

export type { BookingCard };

type Listener = (detail: unknown) => void;

let sheet: CSSStyleSheet | null = null;

const ICON_CHAT = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z';
const ICON_CLOSE = 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z';
const ICON_SEND = 'M3 20.5 21 12 3 3.5 3 10l12 2-12 2z';
const ICON_MIC = 'M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1A7 7 0 0 0 19 11z';

export class SwitchboardChat extends HTMLElement {
  static observedAttributes = ['heading', 'subtitle', 'accent', 'position', 'lang'];
  static defaultApiBase = '';
  /** The voice capture worklet's URL (next to the bundle; set by index.ts). */
  static workletUrl = '';
  /** The voice chunk's URL (next to the bundle; set by index.ts), fetched on the first call. */
  static voiceUrl = '';
  /** The embed tag's nonce, for the voice chunk's script under a nonce-based CSP (set by index.ts). */
  static nonce = '';

  strings: Strings = stringsFor('en');
  private overrides: StringOverrides = {};
  private client: ChatClient | null = null;
  private readonly events = new Emitter(this);
  private readonly shadow: ShadowRoot;
  private built = false;
  private isOpen = false;
  private config: PublicConfig | null = null;
  private identity: Identity = {};
  private calls!: CallButton;

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
  private messages!: MessageList;
  private csat!: CsatPrompt;
  private input!: HTMLTextAreaElement;
  private inputLabel!: HTMLLabelElement;
  private footer!: HTMLDivElement;
  private sendBtn!: HTMLButtonElement;
  private announcer!: HTMLDivElement;

  constructor() {
    super();
    this.shadow = this.attachShadow({ mode: 'open' });
  }

  connectedCallback(): void {
    if (!this.built) this.build();
    this.applyAttributes();
  }

  disconnectedCallback(): void {
    this.calls?.hangUp();
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
    const element = this;
    this.messages = new MessageList({
      strings: () => this.strings,
      apiBase: () => this.apiBase,
      lang: () => this.panel.lang || 'en',
      token: () => this.client?.session?.token,
      root: this.shadow,
      offlineModel: () => (this.badge.hidden = false),
      live: (text) => this.live(text),
      emit: (name, detail) => this.events.emit(name, detail),
      call: () => this.calls.call,
    });
    this.launcher = h('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': id('panel'), part: 'launcher' }, icon(ICON_CHAT));
    this.titleEl = h('h2', { id: id('title') });
    this.subtitleEl = h('p', { class: 'subtitle' });
    this.badge = h('span', { class: 'badge', hidden: '' });
    this.voiceBtn = h('button', { class: 'icon-btn voice', type: 'button', hidden: '' }, icon(ICON_MIC));
    this.closeBtn = h('button', { class: 'icon-btn close', type: 'button' }, icon(ICON_CLOSE));
    this.statusEl = h('div', { class: 'status', role: 'status', hidden: '' });
    this.input = h('textarea', { id: id('input'), rows: '1', maxlength: '4000', autocomplete: 'off' });
    this.sendBtn = h('button', { class: 'send', type: 'submit' }, icon(ICON_SEND));
    this.inputLabel = h('label', { class: 'sr-only', for: id('input') });
    const form = h('form', { class: 'composer' }, this.inputLabel, this.input, this.sendBtn);
    this.csat = new CsatPrompt({ strings: () => this.strings, rate: (score, comment) => this.rate(score, comment), live: (text) => this.live(text) }, form);
    this.announcer = h('div', { class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.footer = h('div', { class: 'footer' });
    this.panel = h(
      'section',
      { class: 'panel', id: id('panel'), role: 'dialog', 'aria-labelledby': id('title'), hidden: '', part: 'panel' },
      h('header', {}, h('div', { class: 'titles' }, this.titleEl, this.subtitleEl, this.badge), this.voiceBtn, this.closeBtn),
      this.statusEl,
      this.messages.el,
      form,
      this.footer,
      this.announcer,
    );
    this.root = h('div', { class: 'root', 'data-open': 'false' }, this.launcher, this.panel);
    this.shadow.append(this.root);

    this.launcher.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
    this.closeBtn.addEventListener('click', () => this.close());
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
    this.calls = new CallButton({
      get strings() {
        return element.strings;
      },
      get apiBase() {
        return element.apiBase;
      },
      get lang() {
        return element.panel.lang || 'en';
      },
      workletUrl: SwitchboardChat.workletUrl,
      voiceUrl: SwitchboardChat.voiceUrl,
      nonce: SwitchboardChat.nonce,
      button: this.voiceBtn,
      anchor: this.statusEl,
      voiceOn: () => this.config?.voice === true,
      session: async () => {
        const client = this.ensureClient();
        if (!client.session) await client.start();
        return client.session;
      },
      message: (m) => {
        const li = this.messages.appendMessage(m);
        this.messages.scrollToEnd();
        return li;
      },
      insert: (el) => {
        this.messages.insert(el);
        this.messages.scrollToEnd();
      },
      announce: (text) => this.live(text),
      card: (b) => this.messages.card(b),
      emit: (name, detail) => this.events.emit(name, detail),
      // After a call, the transcript as the server has it: one transcript for voice and text.
      reload: async () => this.client?.resync(),
      fallbackFocus: () => this.input.focus(),
    });
    this.labels();
  }

  private labels(): void {
    const s = this.strings;
    this.launcher.setAttribute('aria-label', this.isOpen ? s.close : s.open);
    this.closeBtn.setAttribute('aria-label', s.close);
    this.voiceBtn.setAttribute('aria-label', s.voice);
    this.messages.el.setAttribute('aria-label', s.messagesLabel);
    this.input.placeholder = s.placeholder;
    this.sendBtn.setAttribute('aria-label', s.send);
    this.badge.textContent = s.offlineModel;
    this.inputLabel.textContent = s.inputLabel;
    this.footer.textContent = s.poweredBy;
    this.titleEl.textContent = this.getAttribute('heading') || this.config?.business_name || s.title;
    this.subtitleEl.textContent = this.getAttribute('subtitle') || s.subtitle;
    this.csat.labels();
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
  configure(options: { strings?: StringOverrides; lang?: string; heading?: string; accent?: string; position?: string }): void {
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
    return this.events.on(name, fn);
  }

  off(name: string, fn: Listener): void {
    this.events.off(name, fn);
  }

  private ensureClient(): ChatClient {
    if (this.client) return this.client;
    const transport = this.getAttribute('transport') === 'sse' ? 'sse' : undefined;
    this.client = new ChatClient(
      this.apiBase,
      {
        history: (state) => {
          this.messages.renderAll(state);
          this.renderRating(state);
        },
        event: (event, next) => {
          this.messages.apply(event, next);
          if (event.type === 'session') this.renderRating(next);
        },
        status: (status) => this.renderStatus(status),
        sent: (localId) => this.messages.markSent(localId),
        failed: (localId, code, message) => {
          this.messages.markFailed(localId, message);
          if (code === 'conflict') this.renderStatus('ended');
        },
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
      this.calls.refresh();
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
      this.events.emit('open', {});
    }
    void client.start();
    this.input.focus();
    this.messages.scrollToEnd();
  }

  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.panel.hidden = true;
    this.root.dataset.open = 'false';
    this.launcher.setAttribute('aria-expanded', 'false');
    this.labels();
    this.launcher.focus();
    this.events.emit('close', {});
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  /** Sends a message as the visitor (also what the composer does). */
  send(text: string): void {
    const client = this.ensureClient();
    const localId = `local-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    this.messages.addPending(localId, text, client.status === 'offline' || client.status === 'reconnecting');
    client.send(text, localId);
    this.events.emit('message', { role: 'user', content: text });
  }

  /**
   * The rating prompt follows the reducer: asked while this resolution is unrated, gone when the conversation moves on
   * (the visitor wrote and it reopened). Whether the composer still works is the client's status: `ended` only when
   * the conversation ended for good (isEnded), never because staff resolved it.
   */
  private renderRating(state: TranscriptState): void {
    if (state.status === 'resolved' && state.rated === false) this.csat.ask();
    else if (state.status !== 'resolved') this.csat.hide();
    // Rated in another tab: a prompt still asking here goes (a thanks, or a rating on its way from here, stays).
    else if (this.csat.state === 'asking' && !this.csat.sending) this.csat.hide();
  }

  private async rate(score: number, comment: string): Promise<void> {
    const client = this.client;
    const s = client?.session;
    if (!client || !s) throw new Error(this.strings.error);
    await client.http('POST', `/chat/session/${encodeURIComponent(s.session_id)}/csat`, { score, ...(comment ? { comment } : {}) });
    this.events.emit('rating', { score, comment });
  }

  private live(text: string): void {
    this.announcer.textContent = '';
    setTimeout(() => (this.announcer.textContent = text), 50);
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
        this.messages.clear();
        this.csat.hide();
        void this.client?.restart();
      });
      this.statusEl.append(btn);
    }
    this.statusEl.hidden = text === '';
    if (status === 'online') this.messages.showQueued(false);
    else if (status === 'offline' || status === 'reconnecting') this.messages.showQueued(true);
  }

  private autosize(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(120, this.input.scrollHeight + 2)}px`;
  }

  /** Test and host hook: drop the live connection as a network failure would. */
  dropConnection(): void {
    this.client?.drop();
  }
}
