/**
 * The header's call button and what it starts: the AudioContext during the
 * click (browsers start audio only from a gesture), then the voice chunk,
 * fetched the first time (voice-loader.ts), then the call (voice.ts) with the
 * element as its host. When the chunk cannot be loaded, a call bar says so
 * (an alert) and the button comes back, so the next press tries again.
 */
import type { TranscriptMessage } from '../../worker/protocol/chat';
import type { BookingCard } from './cards';
import type { StoredSession } from './client';
import { h } from './dom';
import type { Strings } from './strings';
import type { VoiceCall } from './voice';
import { loadVoice } from './voice-loader';

/** What the call button needs from the element. */
export interface CallButtonHost {
  readonly strings: Strings;
  readonly apiBase: string;
  readonly lang: string;
  readonly workletUrl: string;
  readonly voiceUrl: string;
  readonly nonce: string;
  /** The button (hidden while a call is on, or when voice is off). */
  readonly button: HTMLButtonElement;
  /** Where the call bar goes (before this element). */
  readonly anchor: HTMLElement;
  /** Whether the server offers voice (GET /config). */
  voiceOn(): boolean;
  session(): Promise<StoredSession | null>;
  message(m: TranscriptMessage): HTMLElement | null;
  insert(el: HTMLElement): void;
  announce(text: string): void;
  card(b: BookingCard): HTMLElement;
  emit(name: string, detail: unknown): void;
  reload(): Promise<void>;
  /** Where focus goes after a call when the button is hidden. */
  fallbackFocus(): void;
}

export class CallButton {
  /** The current (or last) call. */
  call: VoiceCall | null = null;
  /** A call bar that is not a call: the voice chunk failed to load. */
  private problem: HTMLElement | null = null;

  constructor(private readonly host: CallButtonHost) {
    host.button.addEventListener('click', () => void this.start());
  }

  get active(): boolean {
    return !!this.call?.active;
  }

  /** Shows the button when the server offers voice and no call is on. */
  refresh(): void {
    this.host.button.hidden = !this.host.voiceOn() || this.active;
  }

  hangUp(): void {
    this.call?.hangUp();
  }

  private async start(): Promise<void> {
    const host = this.host;
    if (this.active || host.button.hidden) return;
    let ctx: AudioContext | null = null;
    try {
      ctx = new AudioContext();
    } catch {
      // No Web Audio: the call says so.
    }
    host.button.hidden = true;
    this.call?.bar.remove();
    this.problem?.remove();
    this.problem = null;
    let Call: typeof VoiceCall;
    try {
      Call = await loadVoice(host.voiceUrl, host.nonce);
    } catch {
      void ctx?.close().catch(() => undefined);
      return this.loadFailed();
    }
    const call = new Call({
      strings: host.strings,
      apiBase: host.apiBase,
      lang: host.lang,
      workletUrl: host.workletUrl,
      session: () => host.session(),
      message: (m) => host.message(m),
      insert: (el) => host.insert(el),
      announce: (text) => host.announce(text),
      card: (b) => host.card(b),
      emit: (name, detail) => host.emit(name, detail),
      reload: () => host.reload(),
      ended: (hadFocus) => {
        this.refresh();
        if (hadFocus) host.button.hidden ? host.fallbackFocus() : host.button.focus();
        host.emit('voice', { state: call.state, reason: call.bar.dataset.reason });
      },
    });
    this.call = call;
    host.anchor.before(call.bar);
    call.start(ctx);
    if (call.active) call.bar.querySelector<HTMLButtonElement>('.hangup')?.focus();
    host.emit('voice', { state: 'started' });
  }

  private loadFailed(): void {
    const s = this.host.strings;
    this.problem = h(
      'div',
      { class: 'call', role: 'group', 'aria-label': s.callLabel, 'data-state': 'failed', 'data-reason': 'load_failed' },
      h('span', { class: 'call-dot', 'aria-hidden': 'true' }),
      h('span', { class: 'call-status', role: 'alert' }, s.voiceLoadFailed),
    );
    this.host.anchor.before(this.problem);
    this.refresh();
    if (this.host.button.hidden) this.host.fallbackFocus();
    else this.host.button.focus();
    this.host.emit('voice', { state: 'failed', reason: 'load_failed' });
  }
}
