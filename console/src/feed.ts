/**
 * Follows one session live over its WebSocket, watch-only: the staff socket
 * never sends message frames (staff replies are POSTed), only the heartbeat
 * ping the runtime answers. Resumes from the last event id after any drop,
 * with jittered exponential backoff, so every event is delivered once and in
 * order; after a few failed attempts it asks its owner to resync over HTTP
 * (which also tells an expired token from a network problem).
 */
import { CHAT_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX } from '../../worker/protocol/chat';
import type { ConsoleEvent } from './types';

export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface FeedHooks {
  event(event: ConsoleEvent): void;
  status(status: FeedStatus): void;
  /** Several attempts failed: reload the transcript; the returned cursor (if any) is where to resume. */
  resync(): Promise<number | null>;
}

const PING = '{"type":"ping"}';
const PONG = '{"type":"pong"}';
const HEARTBEAT_MS = 20_000;
const PONG_TIMEOUT_MS = 8_000;
const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 15_000;
const FAILURES_BEFORE_RESYNC = 3;

export class SessionFeed {
  private ws: WebSocket | null = null;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly onOnline = () => this.reconnectNow();

  constructor(
    private readonly apiBase: string,
    readonly sessionId: string,
    private readonly token: () => string | null,
    /** Last event id already shown; events at or below it are dropped. */
    public cursor: number,
    private readonly hooks: FeedHooks,
  ) {}

  start(): void {
    addEventListener('online', this.onOnline);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    removeEventListener('online', this.onOnline);
    clearTimeout(this.retryTimer);
    this.closeSocket();
    this.hooks.status('stopped');
  }

  private reconnectNow(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.attempts = 0;
    this.connect();
  }

  private closeSocket(): void {
    clearInterval(this.heartbeat);
    clearTimeout(this.pongTimer);
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'done');
  }

  private connect(): void {
    if (this.stopped) return;
    const token = this.token();
    if (!token) return this.stop();
    this.closeSocket();
    this.hooks.status(this.attempts === 0 ? 'connecting' : 'reconnecting');
    const url = new URL(`${this.apiBase}/api/v1/chat/session/${encodeURIComponent(this.sessionId)}/ws`);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('last_event_id', String(this.cursor));
    let ws: WebSocket;
    try {
      ws = new WebSocket(url.href, [CHAT_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + token]);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    let greeted = false;
    ws.onmessage = (e) => {
      if (this.ws !== ws || typeof e.data !== 'string') return;
      if (e.data === PONG) {
        clearTimeout(this.pongTimer);
        return;
      }
      let event: ConsoleEvent;
      try {
        event = JSON.parse(e.data) as ConsoleEvent;
      } catch {
        return;
      }
      if (!greeted && event.type === 'session') {
        greeted = true;
        this.attempts = 0;
        this.hooks.status('live');
        this.startHeartbeat(ws);
      }
      // The greeting's id is the server's cursor, not a new event; every other event advances ours.
      if (event.type !== 'session' && event.type !== 'error') {
        if (event.id <= this.cursor) return;
        this.cursor = event.id;
      }
      this.hooks.event(event);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      clearInterval(this.heartbeat);
      clearTimeout(this.pongTimer);
      this.scheduleRetry();
    };
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
    if (this.stopped) return;
    this.attempts++;
    this.hooks.status('reconnecting');
    const delay = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (this.attempts - 1));
    const jittered = delay / 2 + Math.random() * (delay / 2);
    this.retryTimer = setTimeout(async () => {
      if (this.stopped) return;
      if (this.attempts >= FAILURES_BEFORE_RESYNC && this.attempts % FAILURES_BEFORE_RESYNC === 0) {
        try {
          const cursor = await this.hooks.resync();
          if (this.stopped) return;
          if (cursor !== null) this.cursor = cursor;
        } catch {
          // HTTP fails too: keep trying the socket with backoff.
        }
      }
      this.connect();
    }, jittered);
  }
}
