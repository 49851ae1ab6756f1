/**
 * The widget's connection to a chat session: creates or restores the session
 * (id + token in localStorage, so it survives reloads and new tabs), loads the
 * transcript, then follows the session over the shared reconnecting socket
 * (core/socket.ts), keeping the conversation in the shared transcript reducer
 * (core/transcript.ts), whose cursor is saved, so nothing is shown twice.
 * Messages typed while disconnected wait in a queue. A sent message stays
 * "in flight" until the server echoes it back with its client_id; after a
 * drop, in-flight messages are sent again with the same id, and the server
 * ignores ids it already has, so each message is answered exactly once. When
 * WebSockets do not work at all, turns are sent as SSE POSTs instead.
 */
import { CLOSE_TOKEN_EXPIRED, type ServerEvent } from '../../worker/protocol/chat';
import type { SessionTranscript } from '../../worker/protocol/session';
import { apiRequest, HttpError, readSse, Store } from './http';
import { SessionSocket, type SocketClose, type SocketStatus } from './core/socket';
import { emptyTranscript, isEnded, reduceTranscript, type TranscriptState } from './core/transcript';

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
  history(state: TranscriptState): void;
  /** One live event the reducer applied (never one already delivered); `state` is the conversation after it. */
  event(event: ServerEvent, state: TranscriptState): void;
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

/** Consecutive WebSocket failures (while HTTP works) before turns go over SSE POSTs. */
const WS_FAILURES_BEFORE_SSE = 3;
const MAX_BACKOFF_MS = 15_000;

export class ChatClient {
  readonly store = new Store();
  session: StoredSession | null = null;
  /** The conversation as the reducer has it (its cursor is the session's, saved with it). */
  transcript: TranscriptState = emptyTranscript();
  status: ConnectionStatus = 'idle';
  transport: 'ws' | 'sse';
  identity: Identity = {};
  private socket: SessionSocket | null = null;
  private queue: Outgoing[] = [];
  /** Sent on a socket, not yet echoed by the server: re-sent (same client_id) after a reconnect. */
  private inflight = new Map<string, Outgoing>();
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private starting: Promise<void> | undefined;
  private sseBusy = false;
  private stopped = false;
  /** While starting over HTTP fails (no socket yet), the network coming back retries at once. */
  private readonly onOnline = (): void => this.wake();

  constructor(
    readonly apiBase: string,
    private readonly hooks: ClientHooks,
    options: { transport?: 'ws' | 'sse' } = {},
  ) {
    this.transport = options.transport ?? (typeof WebSocket === 'function' ? 'ws' : 'sse');
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

  /** A request to the API with the session's token; a non-2xx answer throws HttpError with the server's code. */
  http<T>(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response & { json(): Promise<T> }> {
    return apiRequest<T>(this.apiBase, this.session?.token, method, path, body, accept);
  }

  /** Opens (or restores) the session and starts following it. Safe to call repeatedly. */
  start(): Promise<void> {
    addEventListener('online', this.onOnline); // the same listener once, however often start() runs
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

  /** Reloads the transcript into the reducer and moves the cursor to its last event. */
  async resync(): Promise<void> {
    const s = this.session!;
    const t = await (await this.http<SessionTranscript>('GET', `/chat/session/${s.session_id}`)).json();
    if (this.session !== s) return;
    this.transcript = reduceTranscript(this.transcript, {
      type: 'history',
      messages: t.messages,
      last_event_id: t.last_event_id,
      status: t.status,
      mode: t.mode,
      agent: t.agent,
      ...(t.status === 'resolved' ? { rated: t.csat !== null, reopens: t.reopens } : {}),
    });
    s.cursor = this.transcript.cursor;
    this.save();
    this.hooks.history(this.transcript);
    // Resolved by staff is not the end: the socket stays (or, after a reload, connects) so the customer can write.
    if (isEnded(this.transcript)) this.setStatus('ended');
  }

  forget(): void {
    this.session = null;
    this.transcript = emptyTranscript();
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
    const socket = this.socket;
    this.socket = null;
    socket?.stop();
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
    this.transcript = { ...this.transcript, cursor: s.cursor };
    const socket: SessionSocket = new SessionSocket(
      { apiBase: this.apiBase, sessionId: s.session_id, token: () => (this.session === s ? s.token : null), cursor: () => this.transcript.cursor },
      {
        // A replaced socket's last words are ignored.
        event: (event) => void (this.socket === socket && this.deliver(event)),
        status: (status) => void (this.socket === socket && this.onSocketStatus(status)),
        ready: (serverCursor) => void (this.socket === socket && this.onReady(serverCursor)),
        closed: (close) => (this.socket === socket ? this.onSocketClosed(close) : 'stop'),
      },
    );
    this.socket = socket;
    socket.start();
  }

  private onSocketStatus(status: SocketStatus): void {
    // A conversation that ended stays so (its banner offers a new one) whatever the socket does.
    if (this.status === 'ended') return;
    if (status === 'reconnecting' || status === 'offline') this.setStatus(status);
    else if (status === 'connecting' && this.status === 'idle') this.setStatus('connecting');
  }

  private onReady(serverCursor: number): void {
    this.attempts = 0;
    if (this.status !== 'ended') this.setStatus('online');
    // Whatever went out on the old socket without an echo goes again, first; duplicates are dropped by the server.
    if (this.inflight.size) {
      this.queue.unshift(...this.inflight.values());
      this.inflight.clear();
    }
    // With no cursor yet the server starts from its newest event, so anything that happened
    // meanwhile (another tab) is fetched from the transcript instead.
    if (this.session && this.session.cursor === 0 && serverCursor > 0) {
      void this.resync().then(() => this.flush(), () => this.flush());
      return;
    }
    void this.flush();
  }

  /** What a closed socket means: start over (expired token), stop (ended), SSE (sockets keep failing), or retry. */
  private async onSocketClosed(close: SocketClose): Promise<'retry' | 'stop'> {
    if (this.stopped) return 'stop';
    if (close.code === CLOSE_TOKEN_EXPIRED.code && close.reason === CLOSE_TOKEN_EXPIRED.reason) {
      this.onTokenExpired();
      return 'stop';
    }
    if (this.status === 'ended') return 'stop';
    if (close.failures >= WS_FAILURES_BEFORE_SSE) {
      // The socket keeps failing: if plain HTTP works, use it (and the session is still ours).
      try {
        await this.resync();
        this.socket = null;
        this.transport = 'sse';
        this.connect();
        return 'stop';
      } catch (err) {
        if (err instanceof HttpError && [401, 403, 404].includes(err.status)) {
          this.socket = null;
          this.forget();
          void this.start();
          return 'stop';
        }
      }
    }
    return 'retry';
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
    this.socket = null;
    this.forget();
    this.attempts = 0;
    this.setStatus('reconnecting');
    void this.start();
  }

  /** Retries starting the session (HTTP failed) with backoff. */
  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    this.setStatus(navigator.onLine === false ? 'offline' : 'reconnecting');
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempts) * (0.75 + Math.random() * 0.5);
    this.attempts++;
    this.retryTimer = setTimeout(() => this.wake(), delay);
  }

  /** Try again now (the network came back, or the retry timer fired). */
  private wake(): void {
    clearTimeout(this.retryTimer);
    if (this.stopped || this.status === 'ended') return;
    if (!this.session) {
      void this.start();
      return;
    }
    if (this.transport === 'ws' && this.socket) return this.socket.reconnectNow();
    this.connect();
  }

  /** Applies an event through the reducer and passes it on unless it was already applied. */
  private deliver(event: ServerEvent): void {
    const s = this.session;
    if (!s) return;
    if (event.type === 'error' && event.code !== 'internal') {
      // An accept failure answers the oldest message still waiting for its echo.
      this.hooks.failed(undefined, event.code, event.message);
      return;
    }
    const prev = this.transcript;
    const next = reduceTranscript(prev, event);
    if (next === prev) return;
    this.transcript = next;
    if (s.cursor !== next.cursor) {
      s.cursor = next.cursor;
      this.save();
    }
    if (event.type === 'message' && event.message.role === 'user' && event.message.client_id) this.inflight.delete(event.message.client_id);
    if (event.type === 'session') {
      if (isEnded(next)) this.setStatus('ended');
      else if (this.status === 'ended') this.setStatus(this.socket?.live || this.transport === 'sse' ? 'online' : 'reconnecting');
    }
    this.hooks.event(event, next);
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
      const socket = this.socket;
      while (this.queue.length && socket?.live) {
        const item = this.queue[0]!;
        if (!socket.send({ type: 'message', text: item.text, client_id: item.localId })) break;
        this.queue.shift();
        this.inflight.set(item.localId, item);
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
        await readSse(res, (event) => this.deliver(event));
      }
    } finally {
      this.sseBusy = false;
    }
  }

  /** For tests and host pages: drop the socket as a network failure would (the client reconnects). */
  drop(): void {
    this.socket?.drop();
  }

  stop(): void {
    this.stopped = true;
    removeEventListener('online', this.onOnline);
    clearTimeout(this.retryTimer);
    this.closeSocket();
  }
}
