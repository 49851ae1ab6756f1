/**
 * The link to the realtime model: one upstream WebSocket at a time, opened
 * with retries, configured (`session.update`, acknowledged by
 * `session.updated`) and primed with the conversation so far before it counts
 * as live. Each opening is a new generation; events of an older one are
 * ignored, so a replaced or dropped socket can never act on the call again.
 */
import type { ConversationItemCreateEvent, RealtimeClientEvent, RealtimeServerEvent, SessionUpdateEvent } from 'openai/resources/realtime/realtime';
import type { VoiceSettings } from '../../worker/chat/voice-settings';
import { log } from '../../worker/lib/log';
import { safeClose } from '../session/sockets';
import { openUpstream, parseUpstream, sendUpstream, sendUpstreamText } from './upstream';

/** Attempts to (re)open the upstream before the caller is told the call cannot go on. */
export const UPSTREAM_ATTEMPTS = 3;
const BACKOFF_MS = [250, 1000, 2000];
/** How long the upstream may take to acknowledge `session.update`. */
const CONFIGURE_TIMEOUT_MS = 10_000;

/** Where the link reports to (the call). */
export interface LinkHandlers {
  /** An event of the live upstream. */
  event(event: RealtimeServerEvent): void;
  /** The live upstream closed or failed without us closing it. */
  lost(): void;
}

/** What a new upstream session is configured with; read at each opening, so it is always current. */
export interface LinkSetup {
  session(): SessionUpdateEvent;
  context(): Promise<ConversationItemCreateEvent[]>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The call's one upstream at a time; see the file comment. */
export class UpstreamLink {
  private socket: WebSocket | undefined;
  private generation = 0;
  private setupWaiter: { generation: number; resolve: () => void; reject: (err: Error) => void } | undefined;
  private stopped = false;
  /** True between a successful opening and the socket's loss or close. */
  live = false;

  constructor(
    private readonly settings: VoiceSettings,
    private readonly handlers: LinkHandlers,
    private readonly callId: string,
  ) {}

  /** The current generation; a result computed for an older one must not be sent. */
  get current(): number {
    return this.generation;
  }

  /** Opens a configured upstream (replacing any previous one); false after UPSTREAM_ATTEMPTS failures or a stop. */
  async open(setup: LinkSetup): Promise<boolean> {
    this.live = false;
    for (let attempt = 0; attempt < UPSTREAM_ATTEMPTS && !this.stopped; attempt++) {
      if (attempt > 0) await sleep(BACKOFF_MS[attempt - 1] ?? 2000);
      const generation = ++this.generation;
      const previous = this.socket;
      this.socket = undefined;
      if (previous) safeClose(previous, 1000, 'replaced by a new session');
      let socket: WebSocket | undefined;
      try {
        socket = await openUpstream(this.settings);
        const opened = socket;
        opened.addEventListener('message', (e) => this.onMessage(generation, e.data));
        opened.addEventListener('close', () => this.onGone(generation));
        opened.addEventListener('error', () => this.onGone(generation));
        const acknowledged = new Promise<void>((resolve, reject) => {
          this.setupWaiter = { generation, resolve, reject };
          setTimeout(() => reject(new Error('no session.updated from the upstream in time')), CONFIGURE_TIMEOUT_MS);
        });
        sendUpstream(opened, setup.session());
        await acknowledged;
        for (const item of await setup.context()) sendUpstream(opened, item);
        if (this.stopped || generation !== this.generation) throw new Error('call ended during setup');
        this.socket = opened;
        this.live = true;
        return true;
      } catch (err) {
        if (socket) safeClose(socket, 1000, 'setup failed');
        log.warn('voice_upstream_connect_failed', { call_id: this.callId, attempt: attempt + 1, error: err instanceof Error ? err.message : String(err) });
      }
    }
    return false;
  }

  /** Sends to the live upstream; false when there is none (the caller buffers or drops). */
  send(event: RealtimeClientEvent): boolean {
    return this.live && this.socket !== undefined && sendUpstream(this.socket, event);
  }

  /** Sends an event's JSON text as it is (the append frames: no re-serializing), like `send`. */
  sendText(text: string): boolean {
    return this.live && this.socket !== undefined && sendUpstreamText(this.socket, text);
  }

  /** Sends only if the upstream is still the one of `generation`. */
  sendIn(generation: number, event: RealtimeClientEvent): boolean {
    return generation === this.generation && this.send(event);
  }

  /** Closes the upstream on purpose (no `lost`); `stop` also prevents any further opening. */
  close(reason: string, stop = false): void {
    this.stopped ||= stop;
    this.live = false;
    this.generation++;
    this.setupWaiter?.reject(new Error(reason));
    if (this.socket) safeClose(this.socket, 1000, reason);
    this.socket = undefined;
  }

  private onMessage(generation: number, data: string | ArrayBuffer): void {
    const event = parseUpstream(data);
    if (!event) return;
    if (event.type === 'session.updated' && this.setupWaiter?.generation === generation) {
      this.setupWaiter.resolve();
      this.setupWaiter = undefined;
      return;
    }
    if (generation !== this.generation || !this.live) return;
    this.handlers.event(event);
  }

  private onGone(generation: number): void {
    if (this.setupWaiter?.generation === generation) this.setupWaiter.reject(new Error('upstream closed during setup'));
    if (generation !== this.generation || !this.live) return;
    this.live = false;
    this.socket = undefined;
    this.handlers.lost();
  }
}
