/**
 * The session object's core, and the one interface its parts use: agent turns
 * (agent-turn.ts), the inbox (inbox.ts), staff mode (staff-mode.ts) and voice
 * calls (../voice/) all store messages, emit events, queue work and persist
 * through `SessionHost`, so there is one message path, one event log and one
 * turn queue however a message arrived.
 */
import type { ServerEvent, SessionEvent } from '../../worker/protocol/chat';
import { insertMessage } from './d1-sync';
import { countingD1, countingSql, OpCounts } from './op-counts';
import { D1Outbox } from './outbox';
import { SessionSockets } from './sockets';
import { SessionStore, type MessageExtra, type StoredMessage } from './store';
import { TurnQueue } from './turn-queue';

const NDJSON = new TextEncoder();

/**
 * Where the events of the turn a caller started go, besides the chat sockets: its HTTP stream (`ndjsonWriter`),
 * or a summary the caller waits for (`SessionInbox.sendAndCollect`).
 */
export interface TurnWriter {
  write(event: ServerEvent): void;
  close(): Promise<void>;
}

/** A TurnWriter onto a byte stream, one JSON event per line; a reader that went away is not an error. */
export function ndjsonWriter(stream: WritableStreamDefaultWriter<Uint8Array>): TurnWriter {
  return {
    write: (event) => void stream.write(NDJSON.encode(`${JSON.stringify(event)}\n`)).catch(() => undefined),
    close: () => stream.close(),
  };
}

/** How a message is filed: the turn it belongs to, the tool it came from (its D1 `tool_name`), and extra facts for clients. */
export interface StoreOptions {
  turnId?: string | null;
  toolName?: string | undefined;
  extra?: MessageExtra | undefined;
}

/** What the parts of a session need from it. */
export interface SessionHost {
  /** The Worker's env, its D1 binding counted (`counts`): every part's tools and queries go through it. */
  readonly env: Env;
  /** The D1 round trips and storage operations this object made (op-counts.ts). */
  readonly counts: OpCounts;
  readonly store: SessionStore;
  now(): number;
  /**
   * Stores a conversation message (the object's SQLite, and its D1 copy through the outbox); returns its seq.
   * @example host.storeMessage({ role: 'staff', content }, {});
   * @example host.storeMessage(toolMessage, { turnId, toolName: 'create_booking' });
   */
  storeMessage(message: StoredMessage, options?: StoreOptions): number;
  /** Records an event and sends it to every chat socket, and to a turn's HTTP stream when given one. */
  emit(event: SessionEvent, writer?: TurnWriter): ServerEvent;
  /** Runs `job` on the session's turn queue. */
  enqueue<T>(job: () => Promise<T>): Promise<T>;
  /** Writes queued rows to D1 in one batch; true when nothing is left (a failure is retried by alarm). */
  flushOutbox(): Promise<boolean>;
  /** Flushes the outbox and re-arms the alarm; never throws. */
  persist(): Promise<void>;
  /** The same, in the background: not on the caller's path. */
  persistSoon(): void;
}

/** The session's storage, sockets, outbox, queue and alarm: the `SessionHost` every part is given. */
export class SessionCore implements SessionHost {
  readonly store: SessionStore;
  readonly sockets: SessionSockets;
  readonly outbox: D1Outbox;
  readonly counts = new OpCounts();
  readonly env: Env;
  private readonly queue = new TurnQueue();

  constructor(
    private readonly ctx: DurableObjectState,
    env: Env,
    /** The D1 binding, read at each flush (tests swap the object's binding to simulate an outage). */
    d1: () => D1Database,
  ) {
    this.env = { ...env, DB: countingD1(env.DB, this.counts) };
    this.store = new SessionStore(countingSql(ctx.storage.sql, this.counts));
    this.outbox = new D1Outbox(this.store, () => countingD1(d1(), this.counts), () => this.now());
    this.sockets = new SessionSockets(ctx, () => this.now());
  }

  now(): number {
    return Date.now();
  }

  enqueue<T>(job: () => Promise<T>): Promise<T> {
    return this.queue.enqueue(job);
  }

  storeMessage(message: StoredMessage, { turnId = null, toolName, extra }: StoreOptions = {}): number {
    const now = this.now();
    const seq = this.store.appendMessage(message, turnId, now, extra);
    const content =
      message.role === 'assistant' && message.tool_calls?.length
        ? JSON.stringify({ text: message.content ?? '', tool_calls: message.tool_calls })
        : typeof message.content === 'string'
          ? message.content
          : JSON.stringify(message.content ?? '');
    this.store.enqueueD1(
      ...insertMessage(this.store.sessionId()!, {
        seq,
        role: message.role === 'developer' ? 'system' : message.role === 'function' ? 'tool' : message.role,
        content,
        toolCallId: message.role === 'tool' ? message.tool_call_id : null,
        toolName: toolName ?? (message.role === 'assistant' && message.tool_calls ? message.tool_calls.map((c) => (c.type === 'function' ? c.function.name : c.type)).join(',') : null),
        createdAt: now,
      }),
    );
    return seq;
  }

  emit(event: SessionEvent, writer?: TurnWriter): ServerEvent {
    const stored = this.store.appendEvent(event);
    this.sockets.broadcast(stored);
    writer?.write(stored);
    return stored;
  }

  flushOutbox(): Promise<boolean> {
    return this.outbox.flush();
  }

  async persist(): Promise<void> {
    await this.flushOutbox();
    await this.scheduleAlarm();
  }

  persistSoon(): void {
    const mark = this.counts.mark();
    this.ctx.waitUntil(this.persist().finally(() => (this.counts.afterReply = this.counts.since(mark))));
  }

  /** Arms the alarm for the earliest of: the outbox retry, the idle timeout, a socket's token expiry. */
  async scheduleAlarm(): Promise<void> {
    const meta = this.store.meta();
    if (!meta) return;
    const candidates: number[] = [];
    const retryAt = this.outbox.retryAt();
    if (retryAt !== undefined) candidates.push(retryAt);
    if (meta.status === 'open' || meta.status === 'escalated') candidates.push(meta.last_activity_at + this.idleMs());
    // An idle socket is closed when its token expires, though no frame comes to find out.
    const expiry = this.sockets.nextExpiry(this.now());
    if (expiry !== undefined) candidates.push(expiry);
    if (!candidates.length) return;
    const at = Math.min(...candidates);
    // A pending alarm due no later already covers this: it re-arms for what is left when it runs (`alarmRan`).
    // So a busy conversation does not rewrite its alarm on every turn for an idle timeout half an hour away.
    if (this.armedAt !== undefined && this.armedAt <= at && this.armedAt > this.now()) return;
    this.counts.storage++;
    await this.ctx.storage.setAlarm(at);
    this.armedAt = at;
  }

  /** When the alarm this object set is due, while it is pending (unknown after a restart: the next schedule sets it). */
  private armedAt: number | undefined;

  /** The alarm has run (and is no longer pending): the next `scheduleAlarm` sets one. */
  alarmRan(): void {
    this.armedAt = undefined;
  }

  /** How long an open session may sit without activity before the alarm marks it abandoned. */
  idleMs(): number {
    return Math.max(1, Number(this.env.SESSION_IDLE_MINUTES) || 30) * 60_000;
  }
}
