/**
 * ChatSession: one Durable Object per conversation. This class is only its
 * RPC surface and its hibernation handlers; the work is in its parts:
 * - session/host.ts: storage, the one message path, events, the turn queue, the outbox and the alarm;
 * - session/lifecycle.ts: open (the interaction number, once), end, idle abandonment;
 * - session/inbox.ts + agent-turn.ts: customer messages and the agent turns that answer them;
 * - session/staff-mode.ts: takeover, staff messages, handback, resolve; session/insights.ts: conversation intelligence;
 * - session/sockets.ts: the chat WebSockets; voice/: voice calls.
 */
import { DurableObject } from 'cloudflare:workers';
import { createChatModel } from '../worker/agent/factory';
import type { ChatModel } from '../worker/agent/model';
import { isStaff, type Principal } from '../worker/auth/principal';
import { checkSessionUse } from '../worker/chat/policy';
import { fail, ok } from '../worker/lib/result';
import { PRINCIPAL_HEADER, type AccessResult, type CollectResult, type OpenSessionInput, type SendResult, type SessionInfo, type SessionTranscript } from '../worker/protocol/session';
import { SessionCore } from './session/host';
import { SessionInbox } from './session/inbox';
import { SessionInsights } from './session/insights';
import { SessionLifecycle } from './session/lifecycle';
import { writeMetricPoint } from '../worker/metrics/analytics-engine';
import { noteSockets } from '../worker/metrics/isolate';
import { closeIfLapsed, socketExpiry } from './session/sockets';
import { StaffMode } from './session/staff-mode';
import { modeOf, reopensOnMessage } from './session/store';
import { VoiceCalls } from './voice/calls';

export class ChatSession extends DurableObject<Env> {
  private readonly core: SessionCore;
  private readonly lifecycle: SessionLifecycle;
  private readonly inbox: SessionInbox;
  private readonly staff: StaffMode;
  private readonly voice: VoiceCalls;
  /** The D1 handle used by the outbox; tests swap it for one that fails to prove nothing is lost. */
  d1: D1Database;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.d1 = env.DB;
    // Every part writes through the same core: one message path, one event log, one turn queue.
    this.core = new SessionCore(ctx, env, () => this.d1);
    const insights = new SessionInsights(this.core, (work) => ctx.waitUntil(work));
    this.lifecycle = new SessionLifecycle(this.core, () => this.d1, insights);
    this.staff = new StaffMode(this.core, insights);
    this.voice = new VoiceCalls(ctx, this.core);
    this.inbox = new SessionInbox(ctx, this.core, this.staff, insights, () => this.model());
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('{"type":"ping"}', '{"type":"pong"}'));
    this.inbox.resume();
  }

  private chatModel: ChatModel | undefined;

  /**
   * The model for a turn; the offline model unless a provider key is configured. Made once per object (its
   * env never changes, and a model holds no state between turns): building the provider's client costs more
   * CPU than the rest of a short turn's setup.
   */
  protected model(): ChatModel {
    return (this.chatModel ??= createChatModel(this.env, () => this.core.now()));
  }

  // ---- RPC --------------------------------------------------------------------------------------------------

  /** Creates the session (idempotent): allocates its interaction number once and records it. */
  open(input: OpenSessionInput): Promise<SessionInfo> {
    return this.lifecycle.open(input);
  }

  /** The transcript, for the session's own customer or staff (checked here: one call per read). */
  async transcript(principal: Principal): Promise<AccessResult<SessionTranscript>> {
    const { store } = this.core;
    const access = checkSessionUse(principal, store.meta());
    if (!access.ok) return access;
    const meta = access.data;
    const people = { mode: modeOf(meta), agent: meta.mode === 'human' ? (meta.agent ?? null) : null };
    const i = meta.insights;
    const insights = { summary: i?.summary ?? null, sentiment: i?.sentiment ?? null, sentiment_label: i?.sentiment_label ?? null, intent: i?.intent ?? null, category: i?.category ?? null, outcome: i?.outcome ?? null };
    const csat = meta.csat ? { score: meta.csat.score, comment: meta.csat.comment } : null;
    return ok({ ...this.lifecycle.info(meta), ...people, reopens: reopensOnMessage(meta), ...insights, csat, messages: store.transcript(), last_event_id: store.lastEventId() });
  }

  /** Marks the conversation resolved (its customer or staff ended it). */
  async end(principal: Principal): Promise<AccessResult<SessionInfo>> {
    const access = checkSessionUse(principal, this.core.store.meta());
    if (!access.ok) return access;
    return ok(await this.lifecycle.end(access.data));
  }

  /** The customer's 1–5 rating of the conversation once it is resolved or ended (staff may not rate it). */
  async rate(principal: Principal, score: number, comment: string | null) {
    const access = checkSessionUse(principal, this.core.store.meta());
    if (!access.ok) return access;
    if (isStaff(principal)) return fail('forbidden', 'Only the customer rates the conversation');
    return this.lifecycle.rate(access.data, score, comment);
  }

  /**
   * Accepts a user message: stored (and queued for D1) before this returns,
   * then answered in turn. The stream carries this turn's events as NDJSON. `requestId` (the Worker's
   * X-Request-Id) follows the turn into its tool logs and audit rows.
   */
  async send(principal: Principal, text: string, clientId?: string, requestId?: string): Promise<SendResult> {
    return this.inbox.send(principal, text, clientId, requestId);
  }

  /** Accepts a user message like `send`, and answers with the whole turn summed up once it is over. */
  sendAndCollect(principal: Principal, text: string, clientId?: string, requestId?: string): Promise<CollectResult> {
    return this.inbox.sendAndCollect(principal, text, clientId, requestId);
  }

  /** A staff member takes the conversation over from the AI (session/staff-mode.ts). */
  async takeover(principal: Principal) {
    const result = await this.staff.takeover(principal);
    // A voice model would keep answering the caller: live calls end, and the conversation goes on in text.
    if (result.ok) await this.voice.endAll('staff_takeover');
    return result;
  }

  /** Gives the conversation back to the AI, which answers a customer message the staff left unanswered. */
  async handback(principal: Principal) {
    const result = await this.staff.handback(principal);
    if (result.ok) this.inbox.answerUnanswered();
    return result;
  }

  /** Staff resolve the conversation (it reopens when the customer writes again). */
  resolve(principal: Principal) {
    return this.staff.resolve(principal);
  }

  /** A staff reply, while a person has the conversation. */
  staffMessage(principal: Principal, text: string) {
    return this.staff.message(principal, text);
  }

  // ---- HTTP upgrades, alarm and hibernation handlers --------------------------------------------------------

  /**
   * WebSocket upgrades (`/ws` chat, `/voice` calls), forwarded by the Worker after it verified the
   * token; whether this caller may use the session is checked here, so an upgrade is one call.
   * A refusal is `{ error: { code, message } }` with the code's status.
   */
  override async fetch(request: Request): Promise<Response> {
    const principal = JSON.parse(request.headers.get(PRINCIPAL_HEADER) ?? 'null') as Principal | null;
    if (!principal) return Response.json({ error: { code: 'unauthorized', message: 'Missing principal' } }, { status: 401 });
    const access = checkSessionUse(principal, this.core.store.meta());
    if (!access.ok) return Response.json({ error: access.error }, { status: access.error.code === 'not_found' ? 404 : 403 });
    const meta = access.data;
    const response = new URL(request.url).pathname === '/voice' ? this.voice.accept(request, meta) : this.core.sockets.accept(request, meta, this.core.store);
    // The alarm closes the new socket when its token expires, if nothing else does first.
    if (response.status === 101) {
      this.countSockets('socket_open');
      await this.core.scheduleAlarm();
    }
    return response;
  }

  /** Closes sockets whose token expired, retries the outbox and closes idle sessions as abandoned. */
  override async alarm(): Promise<void> {
    this.core.alarmRan();
    this.expireSockets();
    await this.core.flushOutbox();
    await this.lifecycle.abandonIfIdle();
    await this.core.scheduleAlarm();
  }

  /** Closes sockets whose token expired (chat: 4001 token_expired; voice: the call ends the same way). */
  private expireSockets(): void {
    const now = this.core.now();
    for (const ws of this.ctx.getWebSockets()) {
      const at = socketExpiry(ws);
      if (at !== undefined && at > now) continue;
      if (this.voice.owns(ws)) this.voice.expire(ws);
      else closeIfLapsed(ws, now);
    }
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    if (this.voice.owns(ws)) return this.voice.onMessage(ws, data);
    // A socket lives as long as its token: a frame after its expiry is never processed.
    if (closeIfLapsed(ws, this.core.now())) return;
    const { sockets, store } = this.core;
    const frame = sockets.parse(ws, data);
    if (!frame) return;
    if (frame.type === 'resume') {
      sockets.replay(ws, store, frame.last_event_id);
      return;
    }
    const accepted = this.inbox.accept(sockets.principalOf(ws), frame.text, frame.client_id);
    if (!accepted.ok) {
      // A duplicate is already in hand: the client sees it in the stream, so nothing to report.
      if (accepted.error.code === 'duplicate') return;
      sockets.send(ws, { type: 'error', code: accepted.error.code, message: accepted.error.message, id: store.lastEventId() });
      return;
    }
    await this.core.enqueue(() => this.inbox.run(accepted.data.inboxId));
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    if (this.voice.owns(ws)) await this.voice.onClose(ws);
    this.core.sockets.close(ws, code, reason);
    this.countSockets('socket_close', ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    if (this.voice.owns(ws)) await this.voice.onClose(ws);
    this.core.sockets.close(ws, 1011, 'error');
    this.countSockets('socket_close', ws);
  }

  /** Tells /metrics (this isolate) and Analytics Engine how many sockets this session has open now. */
  private countSockets(event: 'socket_open' | 'socket_close', closing?: WebSocket): void {
    const open = this.ctx.getWebSockets().filter((ws) => ws !== closing && ws.readyState === WebSocket.OPEN);
    const voice = open.filter((ws) => this.voice.owns(ws)).length;
    noteSockets(this.ctx.id.toString(), { chat: open.length - voice, voice });
    writeMetricPoint(this.env, event, closing && this.voice.owns(closing) ? 'voice' : 'chat', open.length);
  }
}
