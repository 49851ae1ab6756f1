/**
 * The session's inbox: a customer message is accepted into it durably (so it
 * is stored before anything is acknowledged), and joins the conversation when
 * its turn starts on the turn queue, so two tabs sending at once get whole
 * turns, one after the other. A restarted object finishes a cut-off turn and
 * then the messages still waiting here. Every turn acts as the conversation's
 * owner (`ownerPrincipal`), whoever sent its message.
 */
import type { ChatModel } from '../../worker/agent/model';
import { isStaff, type Principal } from '../../worker/auth/principal';
import { sessionMessagesPerMinute } from '../../worker/chat/limits';
import { checkSessionUse, STAFF_SEND_REFUSAL } from '../../worker/chat/policy';
import { log } from '../../worker/lib/log';
import { writeMetricPoint } from '../../worker/metrics/analytics-engine';
import { observeTurn } from '../../worker/metrics/isolate';
import { fail, ok, type Result } from '../../worker/lib/result';
import { TurnSummaryBuilder, type CollectResult, type SendErrorCode, type SendResult } from '../../worker/protocol/session';
import { runSessionTurn, type TurnOrigin } from './agent-turn';
import { ndjsonWriter, type SessionHost, type TurnWriter } from './host';
import type { SessionInsights } from './insights';
import type { StaffMode } from './staff-mode';
import { ownerPrincipal, reopensOnMessage, sessionEvent, type SessionMeta } from './store';

type Accepted = Result<{ inboxId: number; turnId: string }, SendErrorCode, { retry_after: number }>;

export class SessionInbox {
  private sendTimes: number[] = [];

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly host: SessionHost,
    private readonly staff: StaffMode,
    private readonly insights: SessionInsights,
    /** The model for a turn (offline unless a provider key is configured). */
    private readonly model: () => ChatModel,
  ) {}

  /**
   * After a restart: finish a turn that was cut off (the conversation ends with a user or tool
   * message), then answer accepted messages still waiting in the inbox, in order. A message held
   * for staff (it came while a person had the conversation) is theirs to answer, not the AI's.
   * The cut-off turn goes on under its own id, so the results it stored replay (exactly once),
   * and as the conversation's owner, whoever sent its message.
   */
  resume(): void {
    const { store } = this.host;
    const meta = store.meta();
    const last = store.lastMessage();
    if (meta?.last_principal && (last?.role === 'tool' || (last?.role === 'user' && !last.held))) {
      const turnId = last.turn_id ?? crypto.randomUUID();
      this.ctx.waitUntil(this.host.enqueue(() => this.answer(turnId, ownerPrincipal(store.meta()!))));
    }
    // Handed back with a question the AI had not answered yet (the restart came before its turn).
    this.answerUnanswered();
    for (const id of store.inboxIds()) this.ctx.waitUntil(this.host.enqueue(() => this.run(id)));
  }

  /**
   * Once the AI has the conversation again (hand-back, or a restart after one), a customer message held for staff
   * and left unanswered gets its AI turn, under its own turn id, as the conversation's owner (see
   * `StaffMode.unansweredTurn`, checked again on the queue: a message sent meanwhile may have answered it).
   */
  answerUnanswered(): void {
    if (!this.staff.unansweredTurn()) return;
    this.ctx.waitUntil(
      this.host.enqueue(async () => {
        const turnId = this.staff.unansweredTurn();
        if (turnId) await this.answer(turnId, ownerPrincipal(this.host.store.meta()!));
      }),
    );
  }

  /** Accepts a message and queues its turn; the stream carries this turn's events as NDJSON. */
  send(principal: Principal, text: string, clientId?: string, requestId?: string): SendResult {
    const ops = this.host.counts.mark();
    const accepted = this.accept(principal, text, clientId);
    if (!accepted.ok) return accepted;
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = ndjsonWriter(writable.getWriter());
    this.ctx.waitUntil(this.host.enqueue(() => this.run(accepted.data.inboxId, writer, { ops, requestId })));
    return ok({ turn_id: accepted.data.turnId, stream: readable });
  }

  /**
   * Accepts a message like `send` and answers once its turn is over, with the turn summed up here: a caller
   * that wants one JSON answer gets it without a stream to encode, carry and parse back.
   */
  async sendAndCollect(principal: Principal, text: string, clientId?: string, requestId?: string): Promise<CollectResult> {
    const ops = this.host.counts.mark();
    const accepted = this.accept(principal, text, clientId);
    if (!accepted.ok) return accepted;
    const summary = new TurnSummaryBuilder();
    const writer: TurnWriter = { write: (event) => void summary.add(event), close: async () => undefined };
    // The turn finishes whether or not the caller is still waiting for it.
    const turn = this.host.enqueue(() => this.run(accepted.data.inboxId, writer, { ops, requestId }));
    this.ctx.waitUntil(turn);
    await turn;
    return summary.result();
  }

  /** Durably accepts a message into the inbox (its turn is queued by the caller). */
  accept(principal: Principal, text: string, clientId?: string): Accepted {
    const { store } = this.host;
    // The session checks who may talk in it itself, so no caller (route, socket, tool) can skip it.
    const access = checkSessionUse(principal, store.meta());
    if (!access.ok) return access;
    const meta = access.data;
    // Staff may read and watch, but a message from them would get an AI turn: they reply through takeover.
    if (isStaff(principal)) return fail('forbidden', STAFF_SEND_REFUSAL);
    // A client that re-sends after a dropped connection must not get a second turn.
    if (clientId && store.hasClientId(clientId)) return fail('duplicate', 'This message (client_id) was already received');
    // Ended by the customer (or idle) stays ended; resolved by staff reopens when the customer writes again.
    if (meta.status === 'resolved' && !reopensOnMessage(meta)) return fail('conflict', 'This conversation has ended; start a new one');
    const now = this.host.now();
    this.sendTimes = this.sendTimes.filter((t) => now - t < 60_000);
    if (this.sendTimes.length >= sessionMessagesPerMinute(this.host.env)) {
      const retryAfter = Math.ceil((60_000 - (now - this.sendTimes[0]!)) / 1000);
      return fail('rate_limited', 'Too many messages; slow down a little', { retry_after: retryAfter });
    }
    this.sendTimes.push(now);
    const turnId = crypto.randomUUID();
    const inboxId = store.enqueueInbox(text, principal, turnId, now, clientId);
    return ok({ inboxId, turnId });
  }

  /** Moves an inbox message into the conversation and answers it. Runs on the turn queue. */
  async run(inboxId: number, writer?: TurnWriter, origin: TurnOrigin = { ops: this.host.counts.mark() }): Promise<void> {
    const { store } = this.host;
    const item = store.inboxItem(inboxId);
    if (!item) {
      await writer?.close().catch(() => undefined);
      return;
    }
    // The turn acts as the conversation's owner, not as the sender recorded with the message (staff
    // senders are refused by `accept`; an inbox from before that rule may still hold one).
    const principal = ownerPrincipal(store.meta()!);
    const now = this.host.now();
    // One synchronous step: the message leaves the inbox and enters the transcript together. Whether
    // it is held for staff is decided here too: a takeover before its turn starts means a person answers.
    const held = this.staff.isHuman();
    const { seq, reopened } = store.transaction(this.ctx.storage, () => {
      const extra = { ...(item.client_id ? { client_id: item.client_id } : {}), ...(held ? { held } : {}) };
      const stored = this.host.storeMessage({ role: 'user', content: item.text }, { turnId: item.turn_id, extra: Object.keys(extra).length ? extra : undefined });
      store.removeInbox(inboxId);
      const meta = store.meta()!;
      const { resolved_by: _resolvedBy, csat: _csat, ...rest } = meta;
      const reopens = meta.status === 'abandoned' || reopensOnMessage(meta);
      const after: SessionMeta = { ...(reopens ? rest : meta), last_activity_at: now, last_principal: principal, ...(reopens ? { status: 'open' as const } : {}) };
      store.saveMeta(after);
      return { seq: stored, reopened: reopens ? after : undefined };
    });
    // Reopened (staff had resolved it, or it idled): every client hears it is open again, so the widget stops
    // asking for a rating and the console's header and queue move on. The interaction's row follows with the turn.
    if (reopened) this.host.emit(sessionEvent(reopened), writer);
    this.host.emit({ type: 'message', message: store.message(seq) }, writer);
    if (held) return this.staff.hold(item.turn_id, writer);
    await this.answer(item.turn_id, principal, writer, origin);
  }

  /** Runs the agent turn; an unexpected failure becomes an error event (the message stays saved). */
  private async answer(turnId: string, principal: Principal, writer?: TurnWriter, origin?: TurnOrigin): Promise<void> {
    const before = this.host.store.meta()?.status;
    const started = Date.now();
    let outcome: 'ok' | 'failed' = 'ok';
    try {
      await runSessionTurn(this.host, this.model, turnId, principal, writer, origin);
      // The agent handed the conversation to a person (request_human): its insights so far, off the turn's path.
      if (before !== 'escalated' && this.host.store.meta()?.status === 'escalated') this.insights.refreshSoon();
    } catch (err) {
      outcome = 'failed';
      log.error('turn_failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      this.host.emit({ type: 'error', code: 'internal', message: 'Something went wrong; your message is saved. Please try again.' }, writer);
    } finally {
      const seconds = (Date.now() - started) / 1000;
      observeTurn(seconds, outcome);
      writeMetricPoint(this.host.env, 'turn', outcome, seconds);
      await writer?.close().catch(() => undefined);
      // The D1 copy is not on the next turn's path: flush in the background (the alarm retries).
      this.host.persistSoon();
    }
  }
}
