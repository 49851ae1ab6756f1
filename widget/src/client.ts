/**
 * The widget's connection to a chat session: creates or restores the session
 * (id + token in localStorage, so it survives reloads and new tabs), loads the
 * transcript, then follows the session over its WebSocket, resuming from the
 * last event id after any drop (with backoff) so nothing is shown twice.
 * Messages typed while disconnected wait in a queue. A sent message stays
 * "in flight" until the server echoes it back with its client_id; after a
 * drop, in-flight messages are sent again with the same id, and the server
 * ignores ids it already has, so each message is answered exactly once. When
 * WebSockets do not work at all, turns are sent as SSE POSTs instead.
 */
import {
  CHAT_SUBPROTOCOL,
  CLOSE_TOKEN_EXPIRED,
  TOKEN_SUBPROTOCOL_PREFIX,
  type ClientFrame,
  type ServerEvent,
  type TranscriptMessage,
} from '../../worker/protocol/chat';

export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline' | 'ended';

export interface StoredSession {
  session_id: string;
  token: string;
  interaction_number: string;
  /** Last event id seen; the resume cursor. */
  cursor: number;
}

export interface Identity {
  email?: string;
  name?: string;
}

export interface ClientHooks {
  /** The whole transcript (after load or a resync): render from scratch. */
  history(messages: TranscriptMessage[]): void;
  /** One live event, never one already delivered. */
  event(event: ServerEvent): void;
  status(status: ConnectionStatus): void;
  /** A queued message left the queue (sent on the socket or POSTed). */
  sent(localId: string): void;
  /** A message could not be accepted (rate limit, ended conversation…). */
  failed(localId: string | undefined, code: string, message: string): void;
}

interface Outgoing {
  localId: string;
  text: string;
}

/** localStorage, or memory where it is unavailable (sandboxed iframes, privacy modes). */
class Store {
  private memory = new Map<string, string>();
  get(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return this.memory.get(key) ?? null;
    }
  }
  set(key: string, value: string): void {
    try {
      localStorage.setItem(key, value);
    } catch {
      this.memory.set(key, value);
    }
  }
  remove(key: string): void {
    try {
      localStorage.removeItem(key);
    } catch {
      this.memory.delete(key);
    }
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const PING = '{"type":"ping"}';
const PONG = '{"type":"pong"}';
const HEARTBEAT_MS = 20_000;
const PONG_TIMEOUT_MS = 8_000;
const MAX_BACKOFF_MS = 15_000;
/** Consecutive WebSocket failures (while HTTP works) before turns go over SSE POSTs. */
const WS_FAILURES_BEFORE_SSE = 3;

export class ChatClient {
  readonly store = new Store();
  session: StoredSession | null = null;
  status: ConnectionStatus = 'idle';
  transport: 'ws' | 'sse';
  identity: Identity = {};
  private ws: WebSocket | null = null;
  private ready = false;
  private queue: Outgoing[] = [];
  /** Sent on a socket, not yet echoed by the server: re-sent (same client_id) after a reconnect. */
  private inflight = new Map<string, Outgoing>();
  private attempts = 0;
  private wsFailures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private starting: Promise<void> | undefined;
  private sseBusy = false;
  private stopped = false;

  constructor(
    readonly apiBase: string,
    private readonly hooks: ClientHooks,
    options: { transport?: 'ws' | 'sse' } = {},
  ) {
    this.transport = options.transport ?? (typeof WebSocket === 'function' ? 'ws' : 'sse');
    addEventListener('online', () => this.wake());
    addEventListener('offline', () => {
      this.setStatus('offline');
      this.ws?.close(4000, 'offline');
    });
  }

  private get key(): string {
    return `switchboard:v1:${this.apiBase}`;
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.hooks.status(status);
  }

  private save(): void {
    if (this.session) this.store.set(this.key, JSON.stringify(this.session));
  }

  private async http<T>(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response & { json(): Promise<T> }> {
    const headers: Record<string, string> = { accept };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.session) headers.authorization = `Bearer ${this.session.token}`;
    const res = await fetch(`${this.apiBase}/api/v1${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    if (!res.ok) {
      const err = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
      throw new HttpError(res.status, err?.error?.code ?? 'http_error', err?.error?.message ?? `HTTP ${res.status}`);
    }
    return res;
  }

  /** Opens (or restores) the session and starts following it. Safe to call repeatedly. */
  start(): Promise<void> {
    this.stopped = false;
    this.starting ??= this.boot().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async boot(): Promise<void> {
    if (this.status === 'idle') this.setStatus('connecting');
    try {
      await this.loadOrCreate();
    } catch (err) {
      if (err instanceof HttpError && err.status < 500 && err.status !== 429) {
        this.hooks.failed(undefined, err.code, err.message);
        this.setStatus('offline');
        return;
      }
      this.scheduleRetry();
      return;
    }
    this.connect();
  }

  private async loadOrCreate(): Promise<void> {
    const raw = this.store.get(this.key);
    if (raw) {
      try {
        this.session = JSON.parse(raw) as StoredSession;
        await this.resync();
        return;
      } catch (err) {
        if (!(err instanceof HttpError) || ![401, 403, 404].includes(err.status)) throw err;
        // Expired token or a session this server no longer knows: start over.
        this.forget();
      }
    }
    const body: Record<string, string> = {};
    if (this.identity.email) body.customer_email = this.identity.email;
    if (this.identity.name) body.customer_name = this.identity.name;
    if (/^https?:/.test(location.href) && location.href.length <= 2000) body.referrer_url = location.href;
    const created = await (await this.http<{ session_id: string; token: string; interaction_number: string }>('POST', '/chat/session/new', body)).json();
    this.session = { session_id: created.session_id, token: created.token, interaction_number: created.interaction_number, cursor: 0 };
    this.save();
    await this.resync();
  }

  /** Reloads the transcript and moves the cursor to its last event. */
  private async resync(): Promise<void> {
    const s = this.session!;
    const t = await (await this.http<{ messages: TranscriptMessage[]; last_event_id: number; status: string }>('GET', `/chat/session/${s.session_id}`)).json();
    s.cursor = t.last_event_id;
    this.save();
    this.hooks.history(t.messages);
    if (t.status === 'resolved') this.setStatus('ended');
  }

  forget(): void {
    this.session = null;
    this.store.remove(this.key);
  }

  /** Ends this conversation locally and starts a new one. */
  async restart(): Promise<void> {
    this.closeSocket();
    this.forget();
    this.setStatus('connecting');
    await this.start();
  }

  private closeSocket(): void {
    const ws = this.ws;
    this.ws = null;
    this.ready = false;
    clearInterval(this.heartbeat);
    clearTimeout(this.pongTimer);
    if (ws) {
      ws.onclose = ws.onmessage = ws.onerror = ws.onopen = null;
      try {
        ws.close(1000, 'bye');
      } catch {
        // already closed
      }
    }
  }

  private connect(): void {
    if (this.stopped || !this.session || this.status === 'ended') return;
    if (this.transport === 'sse') {
      this.setStatus('online');
      void this.flush();
      return;
    }
    this.closeSocket();
    const s = this.session;
    const url = new URL(`${this.apiBase}/api/v1/chat/session/${s.session_id}/ws`);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (s.cursor > 0) url.searchParams.set('last_event_id', String(s.cursor));
    let ws: WebSocket;
    try {
      ws = new WebSocket(url.href, [CHAT_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + s.token]);
    } catch {
      this.onSocketFailure();
      return;
    }
    this.ws = ws;
    let greeted = false;
    ws.onmessage = (e) => {
      if (typeof e.data !== 'string') return;
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
      if (event.type === 'session' && !greeted) {
        greeted = true;
        this.onReady(ws, event.id);
      }
      this.deliver(event);
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.ready = false;
      clearInterval(this.heartbeat);
      clearTimeout(this.pongTimer);
      if (e.code === CLOSE_TOKEN_EXPIRED.code && e.reason === CLOSE_TOKEN_EXPIRED.reason) {
        this.onTokenExpired();
        return;
      }
      if (greeted) this.wsFailures = 0;
      else this.wsFailures++;
      this.onSocketFailure();
    };
  }

  private onReady(ws: WebSocket, serverCursor: number): void {
    this.attempts = 0;
    this.wsFailures = 0;
    this.ready = true;
    this.setStatus('online');
    // Whatever went out on the old socket without an echo goes again, first; duplicates are dropped by the server.
    if (this.inflight.size) {
      this.queue.unshift(...this.inflight.values());
      this.inflight.clear();
    }
    this.heartbeat = setInterval(() => {
      if (ws.readyState !== WebSocket.OPEN) return;
      ws.send(PING);
      clearTimeout(this.pongTimer);
      this.pongTimer = setTimeout(() => ws.close(4001, 'no pong'), PONG_TIMEOUT_MS);
    }, HEARTBEAT_MS);
    // With no cursor yet the server starts from its newest event, so anything that happened
    // meanwhile (another tab) is fetched from the transcript instead.
    if (this.session && this.session.cursor === 0 && serverCursor > 0) {
      void this.resync().then(() => this.flush(), () => this.flush());
      return;
    }
    void this.flush();
  }

  /**
   * The server closed the socket because the session's token expired. The widget has no way to get a
   * fresh token for the same session (tokens come only from session/new, and there is no refresh), so
   * it starts over as it does when the token is refused over HTTP: a new session, its greeting shown,
   * and whatever was typed but not answered (queued or unechoed: the server processes no frame after
   * the expiry) sent once, in the new conversation.
   */
  private onTokenExpired(): void {
    if (this.inflight.size) {
      this.queue.unshift(...this.inflight.values());
      this.inflight.clear();
    }
    this.forget();
    this.attempts = 0;
    this.wsFailures = 0;
    this.setStatus('reconnecting');
    void this.start();
  }

  private async onSocketFailure(): Promise<void> {
    if (this.stopped) return;
    if (this.wsFailures >= WS_FAILURES_BEFORE_SSE) {
      // The socket keeps failing: if plain HTTP works, use it (and the session is still ours).
      try {
        await this.resync();
        this.transport = 'sse';
        this.connect();
        return;
      } catch (err) {
        if (err instanceof HttpError && [401, 403, 404].includes(err.status)) {
          this.forget();
          void this.start();
          return;
        }
      }
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    this.setStatus(navigator.onLine === false ? 'offline' : 'reconnecting');
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempts) * (0.75 + Math.random() * 0.5);
    this.attempts++;
    this.retryTimer = setTimeout(() => this.wake(), delay);
  }

  /** Reconnect now (the network came back, or the retry timer fired). */
  private wake(): void {
    clearTimeout(this.retryTimer);
    if (this.stopped || this.status === 'ended') return;
    if (!this.session) {
      void this.start();
      return;
    }
    if (this.transport === 'ws' && this.ws) return;
    this.connect();
  }

  /** Passes on an event unless it was already delivered (ids are the session's event sequence). */
  private deliver(event: ServerEvent): void {
    const s = this.session;
    if (!s) return;
    if (event.type !== 'session' && event.type !== 'error') {
      if (event.id <= s.cursor) return;
      s.cursor = event.id;
      this.save();
    }
    if (event.type === 'message' && event.message.role === 'user' && event.message.client_id) this.inflight.delete(event.message.client_id);
    if (event.type === 'session' && event.status === 'resolved') this.setStatus('ended');
    if (event.type === 'error' && event.code !== 'internal') {
      // An accept failure answers the oldest message still waiting for its echo.
      this.hooks.failed(undefined, event.code, event.message);
      return;
    }
    this.hooks.event(event);
  }

  /** Queues a message; it goes out once, as soon as the connection allows. */
  send(text: string, localId: string): void {
    this.queue.push({ localId, text });
    if (!this.session) void this.start();
    else void this.flush();
  }

  get queued(): number {
    return this.queue.length + this.inflight.size;
  }

  private async flush(): Promise<void> {
    if (!this.session) return;
    if (this.transport === 'ws') {
      const ws = this.ws;
      while (this.queue.length && ws && this.ready && ws.readyState === WebSocket.OPEN) {
        const item = this.queue.shift()!;
        this.inflight.set(item.localId, item);
        ws.send(JSON.stringify({ type: 'message', text: item.text, client_id: item.localId } satisfies ClientFrame));
        this.hooks.sent(item.localId);
      }
      return;
    }
    if (this.sseBusy) return;
    this.sseBusy = true;
    try {
      while (this.queue.length) {
        const item = this.queue[0]!;
        let res: Response;
        try {
          res = await this.http('POST', '/chat/message', { session_id: this.session.session_id, message: item.text, client_id: item.localId }, 'text/event-stream');
        } catch (err) {
          // 409: the server already has this client_id (an earlier try got through); it is answered once.
          if (err instanceof HttpError && err.status === 409) {
            this.queue.shift();
            this.hooks.sent(item.localId);
            await this.resync();
            continue;
          }
          if (err instanceof HttpError) {
            this.queue.shift();
            this.hooks.failed(item.localId, err.code, err.message);
            continue;
          }
          this.scheduleRetry();
          return;
        }
        this.queue.shift();
        this.hooks.sent(item.localId);
        await this.readSse(res);
      }
    } finally {
      this.sseBusy = false;
    }
  }

  private async readSse(res: Response): Promise<void> {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (value) buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).replace(/^ /, ''))
          .join('\n');
        if (data) {
          try {
            this.deliver(JSON.parse(data) as ServerEvent);
          } catch {
            // not an event
          }
        }
      }
      if (done) return;
    }
  }

  /** For tests and host pages: drop the socket as a network failure would (the client reconnects). */
  drop(): void {
    this.ws?.close(4002, 'dropped');
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.closeSocket();
  }
}
