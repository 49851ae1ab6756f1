/**
 * The one reconnecting session socket of the widget and the console
 * (GET /api/v1/chat/session/:id/ws, worker/protocol/chat.ts). It offers the chat
 * subprotocol with the bearer token (never in the URL), resumes from its owner's
 * cursor (`last_event_id`) on every attempt, counts the socket ready when the
 * server's `session` greeting arrives, keeps it alive with ping/pong, and after a
 * drop reconnects with jittered exponential backoff — at once when the browser
 * says it is online again. The `online`/`offline` listeners live between start()
 * and stop(), so a stopped socket leaves nothing behind on `window`.
 *
 * It does not decide whether an event is new: every event goes to `hooks.event`
 * and the owner's transcript reducer (core/transcript.ts) drops what it already
 * has. Its owner also decides what a close means (`hooks.closed`): the widget
 * starts over on an expired token and falls back to SSE when sockets keep
 * failing; the console resyncs over HTTP every few failures.
 *
 * Not partysocket: its ReconnectingWebSocket would reconnect on every close,
 * while a close here may mean "stop" (token expired, SSE fallback), readiness is
 * the server's greeting rather than `open`, and the URL and token change between
 * attempts; what is left (backoff, heartbeat) is these ~150 lines (partysocket's WebSocket bundled
 * alone: 2.7 KB gzipped; this class: 1.2 KB).
 */
import { CHAT_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX, type ClientFrame, type ServerEvent } from '../../../worker/protocol/chat';

export type SocketStatus = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'stopped';

/** How a socket closed, for the owner to decide what happens next. */
export interface SocketClose {
  code: number;
  reason: string;
  /** Whether the server greeted this socket (it was live) before it closed. */
  greeted: boolean;
  /** Consecutive closes without a greeting (0 when this socket had been live). */
  failures: number;
}

export interface SocketHooks {
  /** Every event the server sends, in order; the greeting (`session`) first after each connect. */
  event(event: ServerEvent): void;
  status(status: SocketStatus): void;
  /** The server greeted the socket: it is live; `serverCursor` is the server's latest event id. */
  ready?(serverCursor: number): void;
  /** The socket closed: resolve 'retry' to reconnect with backoff, 'stop' to give it up (the owner takes over). */
  closed?(close: SocketClose): 'retry' | 'stop' | Promise<'retry' | 'stop'>;
}

export interface SocketOptions {
  apiBase: string;
  sessionId: string;
  /** The bearer token for the next attempt; null stops the socket. */
  token(): string | null;
  /** The last event id the owner has applied: the next attempt resumes after it. */
  cursor(): number;
}

const PING = '{"type":"ping"}';
const PONG = '{"type":"pong"}';
const HEARTBEAT_MS = 20_000;
const PONG_TIMEOUT_MS = 8_000;
const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 15_000;

export class SessionSocket {
  private ws: WebSocket | null = null;
  private greeted = false;
  private attempts = 0;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private readonly onOnline = (): void => this.reconnectNow();
  private readonly onOffline = (): void => {
    this.hooks.status('offline');
    this.ws?.close(4000, 'offline');
  };

  constructor(
    private readonly options: SocketOptions,
    private readonly hooks: SocketHooks,
  ) {}

  /** Whether the socket is open and greeted: frames sent now reach the session. */
  get live(): boolean {
    return this.greeted && this.ws?.readyState === WebSocket.OPEN;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    addEventListener('online', this.onOnline);
    addEventListener('offline', this.onOffline);
    this.connect();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    removeEventListener('online', this.onOnline);
    removeEventListener('offline', this.onOffline);
    clearTimeout(this.retryTimer);
    this.closeSocket(1000, 'done');
    this.hooks.status('stopped');
  }

  /** Sends a frame if the socket is live; false when it is not (the owner keeps it for later). */
  send(frame: ClientFrame): boolean {
    if (!this.live) return false;
    this.ws!.send(JSON.stringify(frame));
    return true;
  }

  /** Reconnect now (the network came back): no waiting for the backoff timer. */
  reconnectNow(): void {
    if (!this.running) return;
    clearTimeout(this.retryTimer);
    this.attempts = 0;
    if (this.ws) return;
    this.connect();
  }

  /** Drops the socket as a network failure would (tests, host pages): it reconnects by itself. */
  drop(): void {
    this.ws?.close(4002, 'dropped');
  }

  private closeSocket(code: number, reason: string): void {
    clearInterval(this.heartbeat);
    clearTimeout(this.pongTimer);
    const ws = this.ws;
    this.ws = null;
    this.greeted = false;
    if (!ws) return;
    ws.onclose = ws.onmessage = ws.onerror = ws.onopen = null;
    try {
      if (ws.readyState <= WebSocket.OPEN) ws.close(code, reason);
    } catch {
      // already closed
    }
  }

  private connect(): void {
    if (!this.running) return;
    const token = this.options.token();
    if (!token) return this.stop();
    this.closeSocket(1000, 'replaced');
    this.hooks.status(navigator.onLine === false ? 'offline' : this.attempts === 0 && this.failures === 0 ? 'connecting' : 'reconnecting');
    const url = new URL(`${this.options.apiBase}/api/v1/chat/session/${encodeURIComponent(this.options.sessionId)}/ws`);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const cursor = this.options.cursor();
    if (cursor > 0) url.searchParams.set('last_event_id', String(cursor));
    let ws: WebSocket;
    try {
      ws = new WebSocket(url.href, [CHAT_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + token]);
    } catch {
      void this.onClose({ code: 1006, reason: 'refused', greeted: false });
      return;
    }
    this.ws = ws;
    ws.onmessage = (e) => {
      if (this.ws !== ws || typeof e.data !== 'string') return;
      if (e.data === PONG) {
        clearTimeout(this.pongTimer);
        return;
      }
      let event: ServerEvent;
      try {
        event = JSON.parse(e.data) as ServerEvent;
      } catch {
        return;
      }
      const greeting = event.type === 'session' && !this.greeted;
      if (greeting) {
        this.greeted = true;
        this.attempts = 0;
        this.failures = 0;
        this.startHeartbeat(ws);
        this.hooks.status('live');
      }
      this.hooks.event(event);
      if (greeting) this.hooks.ready?.(event.id);
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      const greeted = this.greeted;
      this.ws = null;
      this.greeted = false;
      clearInterval(this.heartbeat);
      clearTimeout(this.pongTimer);
      void this.onClose({ code: e.code, reason: e.reason, greeted });
    };
  }

  private async onClose(close: Omit<SocketClose, 'failures'>): Promise<void> {
    if (!this.running) return;
    this.failures = close.greeted ? 0 : this.failures + 1;
    const next = (await this.hooks.closed?.({ ...close, failures: this.failures })) ?? 'retry';
    if (!this.running) return;
    if (next === 'stop') {
      this.stop();
      return;
    }
    this.scheduleRetry();
  }

  private startHeartbeat(ws: WebSocket): void {
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      if (ws.readyState !== WebSocket.OPEN) return;
      ws.send(PING);
      clearTimeout(this.pongTimer);
      this.pongTimer = setTimeout(() => ws.close(4001, 'no pong'), PONG_TIMEOUT_MS);
    }, HEARTBEAT_MS);
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    this.hooks.status(navigator.onLine === false ? 'offline' : 'reconnecting');
    const delay = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** this.attempts);
    this.attempts++;
    this.retryTimer = setTimeout(() => this.connect(), delay * (0.5 + Math.random() * 0.5));
  }
}
