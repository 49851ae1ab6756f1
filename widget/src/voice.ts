/**
 * The widget's voice mode: one call on the chat session (worker/protocol/voice.ts).
 * The microphone goes through the capture worklet as 50 ms PCM16 frames at
 * 24 kHz onto the call's WebSocket (token in Sec-WebSocket-Protocol, never in
 * the URL); reply audio plays gaplessly (voice-audio.ts); when the caller
 * starts talking, playback stops at once and `audio.played` tells the server
 * how much of the reply was heard. Both sides are captioned in the message
 * list: the caller's words as stored (with their seq, so the chat socket's
 * copy is the same message), the reply live as it is spoken, replaced by the
 * stored (possibly cut) text when the session stores it. After the call the
 * transcript is reloaded from the server, so chat continues on one transcript.
 */
import { TOKEN_SUBPROTOCOL_PREFIX, type TranscriptMessage } from '../../worker/protocol/chat';
import { toolLabel } from '../../worker/protocol/chat';
import { VOICE_SUBPROTOCOL, type VoiceClientFrame, type VoiceEndReason, type VoiceServerEvent } from '../../worker/protocol/voice';
import type { BookingCard } from './cards';
import { h, icon } from './dom';
import { fromBase64, micProblem, Player, startCapture, toBase64, type Capture } from './voice-audio';
import type { Strings } from './strings';
import { withVoiceStrings, type VoiceStrings } from './voice-strings';

/** What the call needs from the widget (the element implements it). */
export interface CallHost {
  readonly strings: Strings;
  /** The widget's language: the call's own strings (voice-strings.ts) follow it. */
  readonly lang: string;
  readonly apiBase: string;
  readonly workletUrl: string;
  /** The chat session (started if needed), or null when there is none. */
  session(): Promise<{ session_id: string; token: string } | null>;
  /** Shows a stored transcript message (deduplicated by seq); returns its element when new. */
  message(m: TranscriptMessage): HTMLElement | null;
  /** Adds an element to the message list (above messages still waiting to be sent). */
  insert(el: HTMLElement): void;
  /** Says `text` in the ARIA live region. */
  announce(text: string): void;
  card(b: BookingCard): HTMLElement;
  emit(name: string, detail: unknown): void;
  /** Reloads the transcript from the server. */
  reload(): Promise<void>;
  /** The call is over (the call bar stays, showing why); `hadFocus`: focus was on its buttons, now hidden. */
  ended(hadFocus: boolean): void;
}

export type CallState = 'starting' | 'connecting' | 'live' | 'reconnecting' | 'ended' | 'failed';

const ICON_MUTE = 'M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1A7 7 0 0 0 19 11z';
const ICON_HANGUP = 'M12 9c-1.6 0-3.2.3-4.6.7v3.1c0 .4-.2.7-.6.9-1 .5-1.8 1.1-2.6 1.8-.2.2-.4.3-.7.3s-.5-.1-.7-.3L.3 13a1 1 0 0 1 0-1.4A17 17 0 0 1 12 7c4.5 0 8.6 1.7 11.7 4.6.4.4.4 1 0 1.4l-2.5 2.5c-.2.2-.4.3-.7.3s-.5-.1-.7-.3c-.8-.7-1.6-1.3-2.6-1.8-.3-.2-.6-.5-.6-.9V9.7C15.2 9.3 13.6 9 12 9z';

interface Caption {
  li: HTMLElement;
  body: HTMLElement;
  text: string;
  /** The caller's turn (count of speech starts) it answers. */
  epoch: number;
  interrupted: boolean;
}

export class VoiceCall {
  state: CallState = 'starting';
  /** The chat strings and the call's own. */
  private readonly s: Strings & VoiceStrings;
  readonly bar: HTMLElement;
  private readonly statusEl: HTMLElement;
  private readonly muteBtn: HTMLButtonElement;
  private readonly hangBtn: HTMLButtonElement;
  private ctx: AudioContext | null = null;
  private player: Player | null = null;
  private capture: Capture | null = null;
  private ws: WebSocket | null = null;
  private muted = false;
  private sentMs = 0;
  private frames = 0;
  private startedAt = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private epoch = 0;
  private captions = new Map<string, Caption>();
  /** Replies cut by the caller: their late audio is not played. */
  private cut = new Set<string>();
  private activity = new Map<string, HTMLElement>();
  private endReason: VoiceEndReason | 'lost' | undefined;
  private done = false;
  private hadFocus = false;

  constructor(private readonly host: CallHost) {
    const s = (this.s = withVoiceStrings(host.strings, host.lang));
    // Not a live region (its clock ticks): state changes are announced once each, through the widget's live region.
    this.statusEl = h('span', { class: 'call-status' });
    this.muteBtn = h('button', { class: 'call-btn mute', type: 'button', 'aria-pressed': 'false', 'aria-label': s.mute }, icon(ICON_MUTE));
    this.hangBtn = h('button', { class: 'call-btn hangup', type: 'button', 'aria-label': s.hangUp }, icon(ICON_HANGUP));
    this.bar = h('div', { class: 'call', role: 'group', 'aria-label': s.callLabel }, h('span', { class: 'call-dot', 'aria-hidden': 'true' }), this.statusEl, this.muteBtn, this.hangBtn);
    this.muteBtn.addEventListener('click', () => this.setMuted(!this.muted));
    this.hangBtn.addEventListener('click', () => this.hangUp());
    this.render();
  }

  get active(): boolean {
    return this.state !== 'ended' && this.state !== 'failed';
  }

  /**
   * Starts the call on `ctx`, the AudioContext the element created in the call button's click handler
   * (it must be created during the gesture, before this chunk was fetched); none: this browser has no Web Audio.
   */
  start(ctx: AudioContext | null): void {
    if (!ctx) return this.fail(this.s.voiceUnsupported);
    this.ctx = ctx;
    this.player = new Player(this.ctx);
    void this.ctx.resume().catch(() => undefined);
    this.host.announce(this.s.callStarting);
    void this.connect();
  }

  private async connect(): Promise<void> {
    const s = this.s;
    try {
      this.capture = await startCapture(this.ctx!, this.host.workletUrl, (pcm) => this.onFrame(pcm));
    } catch (err) {
      const problem = micProblem(err);
      return this.fail(problem === 'denied' ? s.micDenied : problem === 'missing' ? s.micMissing : problem === 'busy' ? s.micBusy : s.voiceUnsupported);
    }
    if (!this.active) return this.cleanup();
    const session = await this.host.session().catch(() => null);
    if (!session) return this.fail(s.callLost);
    if (!this.active) return this.cleanup();
    const url = new URL(`${this.host.apiBase}/api/v1/chat/voice/call`);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('session_id', session.session_id);
    let ws: WebSocket;
    try {
      ws = new WebSocket(url.href, [VOICE_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + session.token]);
    } catch {
      return this.fail(s.callLost);
    }
    this.ws = ws;
    this.setState('connecting');
    ws.onmessage = (e) => {
      if (typeof e.data !== 'string') return;
      try {
        this.onEvent(JSON.parse(e.data) as VoiceServerEvent);
      } catch (err) {
        console.error(err);
      }
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (!this.done) this.finish(this.endReason ?? 'lost');
    };
  }

  private send(frame: VoiceClientFrame): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private onFrame(pcm: Uint8Array): void {
    if (this.muted || this.ws?.readyState !== WebSocket.OPEN) return;
    this.send({ type: 'input_audio_buffer.append', audio: toBase64(pcm) });
    this.sentMs += (pcm.length / 2 / 24_000) * 1000;
    this.frames++;
  }

  private onEvent(event: VoiceServerEvent): void {
    const s = this.s;
    switch (event.type) {
      case 'call.started':
        this.startedAt = Date.now();
        break;
      case 'call.status':
        if (event.status === 'live' && this.state !== 'live') this.host.announce(s.callLive);
        if (event.status === 'reconnecting') this.host.announce(s.callReconnecting);
        this.setState(event.status);
        break;
      case 'input_audio_buffer.speech_started':
        this.epoch++;
        this.bargeIn();
        break;
      case 'transcript.user': {
        const li = this.host.message({ seq: event.seq, role: 'user', content: event.text, created_at: new Date().toISOString() });
        if (li) this.place(li, 'user', event.text);
        break;
      }
      case 'response.audio.delta':
        if (!this.cut.has(event.item_id)) this.player?.play(event.item_id, fromBase64(event.delta));
        break;
      case 'response.audio_transcript.delta':
      case 'response.audio_transcript.done': {
        const c = this.caption(event.item_id);
        c.text = event.type === 'response.audio_transcript.done' ? event.transcript : c.text + event.delta;
        c.body.textContent = c.text;
        if (event.type === 'response.audio_transcript.done') {
          c.li.classList.remove('streaming');
          c.li.removeAttribute('aria-busy');
          if (!c.interrupted) this.host.announce(`${s.assistant}: ${c.text}`);
        }
        break;
      }
      case 'tool_started': {
        const el = h('div', { class: 'msg assistant notice voice-tool' }, h('div', { class: 'activity', role: 'status' }, s.tools[event.name] ?? (event.label || toolLabel(event.name))));
        this.activity.set(event.call_id, el);
        this.host.insert(el);
        break;
      }
      case 'tool_finished': {
        const el = this.activity.get(event.call_id);
        this.activity.delete(event.call_id);
        const booking = event.data as BookingCard | undefined;
        if (event.ok && event.name === 'create_booking' && booking && typeof booking === 'object' && 'number' in booking) {
          const card = this.host.card(booking);
          if (el) el.replaceChildren(card);
          else this.host.insert(h('div', { class: 'msg assistant' }, card));
          this.host.emit('booking', booking);
        } else {
          el?.remove();
        }
        break;
      }
      case 'error':
        if (event.fatal) this.endReason = 'upstream_failed';
        else if (event.code !== 'rate_limited') console.warn(`switchboard voice: ${event.message}`);
        break;
      case 'call.ended':
        this.endReason = event.reason;
        if (!this.done) this.finish(event.reason);
        break;
    }
    this.render();
  }

  /** The assistant's caption for `item`, created when its first words arrive. */
  private caption(item: string): Caption {
    let c = this.captions.get(item);
    if (!c) {
      const body = h('div', { class: 'bubble' });
      const li = h('div', { class: 'msg assistant caption streaming', 'aria-busy': 'true' }, h('span', { class: 'sr-only' }, `${this.s.assistant}: `), body);
      this.host.insert(li);
      c = { li, body, text: '', epoch: this.epoch, interrupted: this.cut.has(item) };
      this.captions.set(item, c);
    }
    return c;
  }

  /**
   * Puts a stored voice message in its place: the caller's words go above the
   * replies to them (transcription often finishes after the reply started); a
   * stored reply takes the place of its caption.
   */
  place(li: HTMLElement, role: TranscriptMessage['role'], content: string): void {
    if (role === 'user') {
      const first = [...this.captions.values()].find((c) => c.epoch === this.epoch && c.li.isConnected);
      if (first) first.li.before(li);
      return;
    }
    if (role !== 'assistant') return;
    // Stored text is the caption's, or the part heard of it with "…"; replies not heard at all are not stored.
    const heard = content.replace(/…$/, '').trimEnd();
    for (const [item, c] of this.captions) {
      this.captions.delete(item);
      if (c.text.startsWith(heard)) {
        c.li.replaceWith(li);
        return;
      }
      if (c.interrupted) c.li.remove();
      else this.captions.set(item, c);
    }
  }

  /** The caller started talking: silence now, and tell the server what was heard. */
  private bargeIn(): void {
    for (const { item, ms } of this.player?.stop() ?? []) {
      this.cut.add(item);
      const c = this.captions.get(item);
      if (c) {
        c.interrupted = true;
        c.li.classList.add('interrupted');
      }
      this.send({ type: 'audio.played', item_id: item, audio_end_ms: ms });
    }
  }

  setMuted(muted: boolean): void {
    if (!this.active) return;
    this.muted = muted;
    this.capture?.mute(muted);
    this.host.announce(muted ? this.s.callMuted : this.s.callUnmuted);
    this.render();
  }

  /** Hangs up: the server ends the call and closes the socket; the audio stops now. */
  hangUp(): void {
    if (!this.active) return;
    this.endReason = 'hangup';
    // What was heard first, so the stored reply is cut to it; then the hang-up.
    this.bargeIn();
    this.send({ type: 'session.end' });
    const ws = this.ws;
    this.cleanup();
    this.hadFocus = this.focusInBar();
    if (!ws || ws.readyState !== WebSocket.OPEN) return this.finish('hangup');
    this.setState('ended');
    this.statusEl.textContent = this.s.callEnding;
    // call.ended (after the server wrote the transcript) finishes; a server that never answers is closed on.
    setTimeout(() => this.ws === ws && ws.close(1000, 'hangup'), 4000);
  }

  private finish(reason: VoiceEndReason | 'lost'): void {
    this.done = true;
    const s = this.s;
    const wasFailure = reason === 'upstream_failed' || reason === 'lost';
    const text =
      reason === 'hangup' || reason === 'client_closed'
        ? s.callEnded
        : reason === 'replaced'
          ? s.callReplaced
          : reason === 'staff_takeover'
            ? s.callTakenOver
            : reason === 'session_closed' || reason === 'token_expired'
            ? s.ended
            : reason === 'upstream_failed'
              ? s.callFailed
              : s.callLost;
    this.cleanup();
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'hangup');
    this.hadFocus ||= this.focusInBar();
    this.state = wasFailure ? 'failed' : 'ended';
    this.bar.dataset.reason = reason;
    this.statusEl.textContent = text;
    this.host.announce(text);
    this.render();
    this.host.ended(this.hadFocus);
    void this.host.reload().catch(() => undefined);
  }

  private fail(text: string): void {
    this.done = true;
    this.hadFocus = this.focusInBar();
    this.cleanup();
    this.ws?.close(1000, 'failed');
    this.ws = null;
    this.state = 'failed';
    // An alert (itself a live region): the visitor needs to act, and it is said once.
    this.statusEl.setAttribute('role', 'alert');
    this.statusEl.textContent = text;
    this.render();
    this.host.ended(this.hadFocus);
  }

  private focusInBar(): boolean {
    return this.bar.contains((this.bar.getRootNode() as ShadowRoot | Document).activeElement);
  }

  /** Stops the microphone and the audio; the socket is left to the caller. */
  private cleanup(): void {
    clearInterval(this.timer);
    this.bargeIn();
    this.capture?.stop();
    this.capture = null;
    void this.ctx?.close().catch(() => undefined);
    this.ctx = null;
    for (const c of this.captions.values()) c.li.classList.remove('streaming');
  }

  private setState(state: CallState): void {
    this.state = state;
    if (state === 'live') {
      this.startedAt ||= Date.now();
      clearInterval(this.timer);
      this.timer = setInterval(() => this.render(), 500);
    }
    this.render();
  }

  /** Shows the call's state; the data attributes are for tests and diagnostics. */
  private render(): void {
    const s = this.s;
    const d = this.bar.dataset;
    d.state = this.state;
    d.muted = String(this.muted);
    d.sentMs = String(Math.round(this.sentMs));
    d.frames = String(this.frames);
    d.scheduledMs = String(Math.round(this.player?.scheduledMs ?? 0));
    d.cutMs = String(Math.round(this.player?.cutMs ?? 0));
    d.playing = String(!!this.player?.playing);
    this.muteBtn.hidden = this.hangBtn.hidden = !this.active;
    this.muteBtn.setAttribute('aria-pressed', String(this.muted));
    this.muteBtn.setAttribute('aria-label', this.muted ? s.unmute : s.mute);
    if (!this.active) return;
    const secs = this.startedAt ? Math.floor((Date.now() - this.startedAt) / 1000) : 0;
    const clock = `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, '0')}`;
    this.statusEl.textContent =
      this.state === 'live' ? `${this.muted ? s.callMuted : s.callLive} · ${clock}` : this.state === 'reconnecting' ? s.callReconnecting : s.callConnecting;
  }
}
