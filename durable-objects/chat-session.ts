/**
 * ChatSession: one Durable Object per conversation. It numbers the interaction
 * once, serializes turns through an explicit queue (input gates do not hold
 * across the model's outbound fetch), stores every message before anything is
 * acknowledged, mirrors them to D1 through an outbox retried by alarm, holds
 * the conversation's WebSockets (hibernatable, auto ping/pong) and streams each
 * turn's events to them and to the HTTP caller that started the turn.
 */
import { DurableObject } from 'cloudflare:workers';
import { createChatModel } from '../worker/agent/factory';
import type { ChatModel } from '../worker/agent/model';
import { sessionMessagesPerMinute } from '../worker/chat/limits';
import { isStaff, type Principal } from '../worker/auth/principal';
import { mayUseSession, STAFF_SEND_REFUSAL } from '../worker/chat/policy';
import { allocate, formatNumber } from '../worker/domain/counters';
import { log } from '../worker/lib/log';
import { toZoned } from '../worker/lib/zoned-time';
import type { ServerEvent, SessionEvent } from '../worker/protocol/chat';
import type { OpenSessionInput, SendResult, SessionInfo } from '../worker/protocol/session';
import { insertInteraction, insertMessage, updateInteraction } from './session/d1-sync';
import { D1Outbox } from './session/outbox';
import { modeOf, ownerPrincipal, sessionEvent, SessionStore, type SessionMeta, type StoredMessage } from './session/store';
import { closeIfLapsed, SessionSockets, socketExpiry } from './session/sockets';
import { StaffMode } from './session/staff-mode';
import { runSessionTurn } from './session/agent-turn';
import { VoiceCalls } from './voice/calls';

/** A repeated client id: the message was already accepted, and is not accepted again. */
const DUPLICATE = 'This message (client_id) was already received';


export class ChatSession extends DurableObject<Env> {
  private readonly store: SessionStore;
  private readonly sockets: SessionSockets;
  private readonly voice: VoiceCalls;
  private readonly staff: StaffMode;
  /** The turn queue: each turn starts when the previous one has settled. */
  private tail: Promise<unknown> = Promise.resolve();
  private readonly outbox: D1Outbox;
  private opening: Promise<SessionInfo> | undefined;
  private sendTimes: number[] = [];
  /** The D1 handle used by the outbox; tests swap it for one that fails to prove nothing is lost. */
  d1: D1Database;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.d1 = env.DB;
    this.store = new SessionStore(ctx.storage.sql);
    this.outbox = new D1Outbox(this.store, () => this.d1, () => this.now());
    this.sockets = new SessionSockets(ctx, () => this.now());
    // Voice calls (voice/call.ts) write through the same message path and turn queue as chat turns.
    this.voice = new VoiceCalls(ctx, {
      env,
      store: this.store,
      now: () => this.now(),
      storeMessage: (message, toolName, extra) => this.storeMessage(message, null, extra, toolName),
      emit: (event) => void this.emit(event),
      enqueue: (job) => this.enqueue(job),
      persist: () => this.flushOutbox().then(() => this.scheduleAlarm()),
    });
    // Staff takeover (session/staff-mode.ts): the same message path, event log and turn queue.
    this.staff = new StaffMode({
      store: this.store,
      now: () => this.now(),
      storeMessage: (message, turnId) => this.storeMessage(message, turnId),
      emit: (event, writer) => this.emit(event, writer),
      enqueue: (job) => this.enqueue(job),
      persist: () => this.persist(),
      persistSoon: () => this.ctx.waitUntil(this.persist()),
    });
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('{"type":"ping"}', '{"type":"pong"}'));
    // After a restart: finish a turn that was cut off (the conversation ends with a user or tool
    // message), then answer accepted messages still waiting in the inbox, in order. A message held
    // for staff (it came while a person had the conversation) is theirs to answer, not the AI's.
    // The cut-off turn goes on under its own id, so the results it stored replay (exactly once),
    // and as the conversation's owner, whoever sent its message.
    const meta = this.store.meta();
    const last = this.store.lastMessage();
    if (meta?.last_principal && (last?.role === 'tool' || (last?.role === 'user' && !last.held))) {
      const turnId = last.turn_id ?? crypto.randomUUID();
      ctx.waitUntil(this.enqueue(() => this.runAgentTurn(turnId, ownerPrincipal(this.store.meta()!))));
    }
    for (const id of this.store.inboxIds()) ctx.waitUntil(this.enqueue(() => this.runQueuedTurn(id)));
  }

  private now(): number {
    return Date.now();
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.tail.then(job, job);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private info(meta: SessionMeta): SessionInfo {
    return {
      session_id: meta.session_id,
      interaction_number: meta.interaction_number,
      owner_subject: meta.owner_subject,
      status: meta.status,
      greeting: this.greeting(meta),
      created_at: new Date(meta.created_at).toISOString(),
    };
  }

  private greeting(meta: SessionMeta): string {
    const first = meta.customer_name?.split(/\s+/)[0];
    return `Hi${first ? ` ${first}` : ''}! Welcome to ${this.env.BUSINESS_NAME}. I can answer questions, check availability, and book, move or cancel appointments. How can I help?`;
  }

  /** Creates the session (idempotent): allocates its interaction number once and records it. */
  async open(input: OpenSessionInput): Promise<SessionInfo> {
    const existing = this.store.meta();
    if (existing) return this.info(existing);
    // Two concurrent opens must not allocate two numbers: the D1 call lets other events in.
    this.opening ??= this.create(input).finally(() => (this.opening = undefined));
    return this.opening;
  }

  private async create(input: OpenSessionInput): Promise<SessionInfo> {
    const now = this.now();
    const year = toZoned(now, this.env.BUSINESS_TIMEZONE).year;
    const value = await allocate(this.d1, `interaction:${year}`);
    const meta: SessionMeta = {
      session_id: input.session_id,
      interaction_number: formatNumber('INT', year, value, 5),
      channel: 'chat',
      owner_subject: input.owner_subject,
      // Always a customer, whatever the caller passed: an AI turn never acts with staff tools.
      owner: {
        kind: 'user',
        subject: input.owner_subject,
        role: 'customer',
        ...(input.owner?.name ? { name: input.owner.name } : {}),
        ...(input.owner?.email ? { email: input.owner.email } : {}),
        ...(input.owner?.sessionId === input.session_id ? { sessionId: input.session_id } : {}),
      },
      ...(input.customer_name ? { customer_name: input.customer_name } : {}),
      ...(input.customer_email ? { customer_email: input.customer_email } : {}),
      ...(input.referrer_url ? { referrer_url: input.referrer_url } : {}),
      status: 'open',
      created_at: now,
      last_activity_at: now,
      prompt_tokens: 0,
      completion_tokens: 0,
      cost_cents: 0,
    };
    this.store.saveMeta(meta);
    this.store.enqueueD1(...insertInteraction(meta));
    this.storeMessage({ role: 'assistant', content: this.greeting(meta) }, null);
    await this.flushOutbox();
    await this.scheduleAlarm();
    return this.info(meta);
  }

  /** The session's facts, or null when no session of this id was ever opened. */
  async describe(): Promise<SessionInfo | null> {
    const meta = this.store.meta();
    return meta ? this.info(meta) : null;
  }

  async transcript() {
    const meta = this.store.meta();
    if (!meta) return null;
    const people = { mode: modeOf(meta), agent: meta.mode === 'human' ? (meta.agent ?? null) : null };
    return { ...this.info(meta), ...people, messages: this.store.transcript(), last_event_id: this.store.lastEventId() };
  }

  /** A staff member takes the conversation over from the AI (session/staff-mode.ts). */
  async takeover(principal: Principal) {
    const result = await this.staff.takeover(principal);
    // A voice model would keep answering the caller: live calls end, and the conversation goes on in text.
    if (result.ok) await this.voice.endAll('staff_takeover');
    return result;
  }

  /** Gives the conversation back to the AI. */
  handback(principal: Principal) {
    return this.staff.handback(principal);
  }

  /** A staff reply, while a person has the conversation. */
  staffMessage(principal: Principal, text: string) {
    return this.staff.message(principal, text);
  }

  /**
   * Accepts a user message: stored (and queued for D1) before this returns,
   * then answered in turn. The stream carries this turn's events as NDJSON.
   */
  async send(principal: Principal, text: string, clientId?: string): Promise<SendResult> {
    const accepted = this.accept(principal, text, clientId);
    if (!accepted.ok) return accepted;
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    this.ctx.waitUntil(this.enqueue(() => this.runQueuedTurn(accepted.inboxId, writer)));
    return { ok: true, turn_id: accepted.turnId, stream: readable };
  }

  /**
   * Durably accepts a message into the inbox. It joins the conversation when
   * its turn starts, so two tabs sending at once get whole turns, one after the other.
   */
  private accept(principal: Principal, text: string, clientId?: string): { ok: true; inboxId: number; turnId: string } | Extract<SendResult, { ok: false }> {
    const meta = this.store.meta();
    if (!meta) return { ok: false, error: { code: 'not_found', message: 'No such session' } };
    // The session checks who may talk in it itself, so no caller (route, socket, tool) can skip it.
    // Staff may read and watch, but a message from them would get an AI turn: they reply through takeover.
    if (isStaff(principal)) return { ok: false, error: { code: 'forbidden', message: STAFF_SEND_REFUSAL } };
    if (!mayUseSession(principal, meta)) return { ok: false, error: { code: 'forbidden', message: 'This chat session belongs to someone else' } };
    // A client that re-sends after a dropped connection must not get a second turn.
    if (clientId && this.store.hasClientId(clientId)) return { ok: false, error: { code: 'conflict', message: DUPLICATE } };
    if (meta.status === 'resolved') return { ok: false, error: { code: 'conflict', message: 'This conversation has ended; start a new one' } };
    const now = this.now();
    this.sendTimes = this.sendTimes.filter((t) => now - t < 60_000);
    if (this.sendTimes.length >= sessionMessagesPerMinute(this.env)) {
      const retryAfter = Math.ceil((60_000 - (now - this.sendTimes[0]!)) / 1000);
      return { ok: false, error: { code: 'rate_limited', message: 'Too many messages; slow down a little', retry_after: retryAfter } };
    }
    this.sendTimes.push(now);
    const turnId = crypto.randomUUID();
    const inboxId = this.store.enqueueInbox(text, principal, turnId, now, clientId);
    return { ok: true, inboxId, turnId };
  }

  /** Moves an inbox message into the conversation and answers it. */
  private async runQueuedTurn(inboxId: number, writer?: WritableStreamDefaultWriter<Uint8Array>): Promise<void> {
    const item = this.store.inboxItem(inboxId);
    if (!item) {
      await writer?.close().catch(() => undefined);
      return;
    }
    // The turn acts as the conversation's owner, not as the sender recorded with the message (staff
    // senders are refused by `accept`; an inbox from before that rule may still hold one).
    const principal = ownerPrincipal(this.store.meta()!);
    const now = this.now();
    // One synchronous step: the message leaves the inbox and enters the transcript together. Whether
    // it is held for staff is decided here too: a takeover before its turn starts means a person answers.
    const held = this.staff.isHuman();
    const seq = this.ctx.storage.transactionSync(() => {
      const extra = { ...(item.client_id ? { client_id: item.client_id } : {}), ...(held ? { held } : {}) };
      const stored = this.storeMessage({ role: 'user', content: item.text }, item.turn_id, Object.keys(extra).length ? extra : undefined);
      this.store.removeInbox(inboxId);
      const meta = this.store.meta()!;
      this.store.saveMeta({ ...meta, last_activity_at: now, last_principal: principal, ...(meta.status === 'abandoned' ? { status: 'open' as const } : {}) });
      return stored;
    });
    this.emit({ type: 'message', message: this.store.message(seq) }, writer);
    if (held) return this.staff.hold(item.turn_id, writer);
    await this.runAgentTurn(item.turn_id, principal, writer);
  }

  /** Stores a conversation message and queues its D1 copy; returns its seq. */
  private storeMessage(message: StoredMessage, turnId: string | null, extra?: Parameters<SessionStore['appendMessage']>[3], toolName?: string): number {
    const now = this.now();
    const seq = this.store.appendMessage(message, turnId, now, extra);
    const meta = this.store.meta()!;
    const content =
      message.role === 'assistant' && message.tool_calls?.length
        ? JSON.stringify({ text: message.content ?? '', tool_calls: message.tool_calls })
        : typeof message.content === 'string'
          ? message.content
          : JSON.stringify(message.content ?? '');
    this.store.enqueueD1(
      ...insertMessage(meta.session_id, {
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

  /** Records an event and sends it to every socket and to the turn's HTTP stream, if any. */
  private emit(event: SessionEvent, writer?: WritableStreamDefaultWriter<Uint8Array>): ServerEvent {
    const stored = this.store.appendEvent(event);
    this.sockets.broadcast(stored);
    if (writer) writer.write(new TextEncoder().encode(`${JSON.stringify(stored)}\n`)).catch(() => undefined);
    return stored;
  }

  /** The model for a turn; the offline model unless a provider key is configured. */
  protected model(): ChatModel {
    return createChatModel(this.env, () => this.now());
  }

  private async runAgentTurn(turnId: string, principal: Principal, writer?: WritableStreamDefaultWriter<Uint8Array>): Promise<void> {
    try {
      await runSessionTurn(
        {
          env: this.env,
          store: this.store,
          now: () => this.now(),
          model: () => this.model(),
          flushOutbox: () => this.flushOutbox(),
          emit: (event) => this.emit(event, writer),
          storeMessage: (message, extra, toolName) => this.storeMessage(message, turnId, extra, toolName),
        },
        turnId,
        principal,
      );
    } catch (err) {
      log.error('turn_failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      this.emit({ type: 'error', code: 'internal', message: 'Something went wrong; your message is saved. Please try again.' }, writer);
    } finally {
      await writer?.close().catch(() => undefined);
      // The D1 copy is not on the next turn's path: flush in the background (the alarm retries).
      this.ctx.waitUntil(this.persist());
    }
  }

  /** Flushes the outbox and re-arms the alarm (idle timeout, outbox retry). */
  private async persist(): Promise<void> {
    await this.flushOutbox();
    await this.scheduleAlarm();
  }

  /** Writes queued rows to D1 in one batch; on failure keeps them and retries by alarm. */
  flushOutbox(): Promise<boolean> {
    return this.outbox.flush();
  }

  private async scheduleAlarm(): Promise<void> {
    const meta = this.store.meta();
    if (!meta) return;
    const candidates: number[] = [];
    const retryAt = this.outbox.retryAt();
    if (retryAt !== undefined) candidates.push(retryAt);
    if (meta.status === 'open' || meta.status === 'escalated') candidates.push(meta.last_activity_at + this.idleMs());
    // An idle socket is closed when its token expires, though no frame comes to find out.
    const expiry = this.sockets.nextExpiry(this.now());
    if (expiry !== undefined) candidates.push(expiry);
    if (candidates.length) await this.ctx.storage.setAlarm(Math.min(...candidates));
  }

  private idleMs(): number {
    return Math.max(1, Number(this.env.SESSION_IDLE_MINUTES) || 30) * 60_000;
  }

  /** Closes sockets whose token expired (chat: 4001 token_expired; voice: the call ends the same way). */
  private expireSockets(): void {
    const now = this.now();
    for (const ws of this.ctx.getWebSockets()) {
      const at = socketExpiry(ws);
      if (at !== undefined && at > now) continue;
      if (this.voice.owns(ws)) this.voice.expire(ws);
      else closeIfLapsed(ws, now);
    }
  }

  /** Closes sockets whose token expired, retries the outbox and closes idle sessions as abandoned. */
  override async alarm(): Promise<void> {
    this.expireSockets();
    await this.flushOutbox();
    const meta = this.store.meta();
    if (meta && meta.status === 'open' && this.now() - meta.last_activity_at >= this.idleMs()) {
      const now = this.now();
      const abandoned: SessionMeta = { ...meta, status: 'abandoned' };
      this.store.saveMeta(abandoned);
      this.store.enqueueD1(...updateInteraction(abandoned, now));
      this.emit(sessionEvent(abandoned));
      await this.flushOutbox();
    }
    await this.scheduleAlarm();
  }

  /** Marks the conversation resolved (the customer or staff ended it). */
  async end(): Promise<SessionInfo | null> {
    const meta = this.store.meta();
    if (!meta) return null;
    const ended: SessionMeta = { ...meta, status: 'resolved', last_activity_at: this.now() };
    this.store.saveMeta(ended);
    this.store.enqueueD1(...updateInteraction(ended, this.now()));
    this.emit(sessionEvent(ended));
    await this.flushOutbox();
    return this.info(ended);
  }

  /** WebSocket upgrades, forwarded by the Worker after it verified the caller. */
  override async fetch(request: Request): Promise<Response> {
    const meta = this.store.meta();
    if (!meta) return new Response('No such session', { status: 404 });
    const response = new URL(request.url).pathname === '/voice' ? this.voice.accept(request, meta) : this.sockets.accept(request, meta, this.store);
    // The alarm closes the new socket when its token expires, if nothing else does first.
    if (response.status === 101) await this.scheduleAlarm();
    return response;
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    if (this.voice.owns(ws)) return this.voice.onMessage(ws, data);
    // A socket lives as long as its token: a frame after its expiry is never processed.
    if (closeIfLapsed(ws, this.now())) return;
    const frame = this.sockets.parse(ws, data);
    if (!frame) return;
    if (frame.type === 'resume') {
      this.sockets.replay(ws, this.store, frame.last_event_id);
      return;
    }
    const accepted = this.accept(this.sockets.principalOf(ws), frame.text, frame.client_id);
    if (!accepted.ok) {
      // A duplicate is already in hand: the client sees it in the stream, so nothing to report.
      if (accepted.error.message === DUPLICATE) return;
      this.sockets.send(ws, { type: 'error', code: accepted.error.code, message: accepted.error.message, id: this.store.lastEventId() });
      return;
    }
    await this.enqueue(() => this.runQueuedTurn(accepted.inboxId));
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    if (this.voice.owns(ws)) await this.voice.onClose(ws);
    this.sockets.close(ws, code, reason);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    if (this.voice.owns(ws)) await this.voice.onClose(ws);
    this.sockets.close(ws, 1011, 'error');
  }
}
