/**
 * Staff takeover of a chat session: a person takes the conversation from the
 * AI, replies as themselves, and hands it back. The session's `mode` ('ai' or
 * 'human') lives in its meta, so it survives restarts and hibernation.
 *
 * Ordering: takeover and handback only flip the mode (synchronously, so no
 * other event of the object can interleave). A turn already running finishes;
 * a customer message whose turn starts while the mode is 'human' is stored and
 * shown, but held: no AI turn runs (see `hold`). Staff messages go through the
 * turn queue like every other write, so one never lands inside a running
 * turn's tool call and its result (the model's history must keep those adjacent).
 */
import { isStaff, type Principal, type UserPrincipal } from '../../worker/auth/principal';
import { MAX_MESSAGE_CHARS, type TranscriptMessage } from '../../worker/protocol/chat';
import { fail, ok } from '../../worker/lib/result';
import type { ModeChange, StaffResult } from '../../worker/protocol/session';
import { updateInteraction } from './d1-sync';
import type { SessionHost, TurnWriter } from './host';
import type { SessionInsights } from './insights';
import { modeOf, sessionEvent, type ConversationInsights, type SessionMeta } from './store';

/** A session's staff controls: takeover, staff messages, handback, and holding customer messages meanwhile. */
export class StaffMode {
  constructor(
    private readonly host: SessionHost,
    private readonly insights: SessionInsights,
  ) {}

  /** Whether a person has the conversation (customer messages get no AI turn). */
  isHuman(): boolean {
    const meta = this.host.store.meta();
    return meta !== undefined && modeOf(meta) === 'human';
  }

  /** The session and the staff member, if `principal` is staff and the session exists. */
  private check(principal: Principal): StaffResult<{ meta: SessionMeta; staff: UserPrincipal }> {
    // The object checks the role itself, so no route or socket can skip it.
    if (!isStaff(principal)) return fail('forbidden', 'Only staff can take over a conversation');
    const meta = this.host.store.meta();
    if (!meta) return fail('not_found', 'No such chat session');
    return ok({ meta, staff: principal });
  }

  /** Saves `meta`, queues its D1 row update and tells every socket, when something changed. */
  private async change(before: SessionMeta, after: SessionMeta): Promise<void> {
    if (modeOf(before) === modeOf(after) && before.agent === after.agent && before.status === after.status) return;
    this.host.store.saveMeta(after);
    this.host.store.enqueueD1(...updateInteraction(after, this.host.now()));
    this.host.emit(sessionEvent(after));
    // Awaited so the staff queue (list_conversations over D1) shows the new status as soon as this answers.
    await this.host.persist();
  }

  /**
   * A staff member takes the conversation over. An open (or abandoned) conversation becomes
   * escalated. Taking over one that another staff member holds makes the caller its agent.
   */
  async takeover(principal: Principal): Promise<StaffResult<ModeChange>> {
    const checked = this.check(principal);
    if (!checked.ok) return checked;
    const { meta, staff } = checked.data;
    if (meta.status === 'resolved') return fail('conflict', 'This conversation has ended');
    const agent = staff.subject;
    const status = meta.status === 'open' || meta.status === 'abandoned' ? 'escalated' : meta.status;
    await this.change(meta, { ...meta, mode: 'human', agent, status, last_activity_at: this.host.now() });
    // An escalation: the conversation's insights so far, without keeping staff waiting for a model.
    if (status !== meta.status) this.insights.refreshSoon();
    return ok({ session_id: meta.session_id, mode: 'human', agent });
  }

  /**
   * Gives the conversation back to the AI: the next customer message gets an AI turn, with the staff messages in its
   * history (and one left unanswered is answered at once: `unansweredTurn`, run by the session).
   */
  async handback(principal: Principal): Promise<StaffResult<ModeChange>> {
    const checked = this.check(principal);
    if (!checked.ok) return checked;
    const { agent: _agent, ...meta } = checked.data.meta;
    await this.change(checked.data.meta, { ...meta, mode: 'ai', last_activity_at: this.host.now() });
    return ok({ session_id: meta.session_id, mode: 'ai' });
  }

  /**
   * Staff resolve the conversation: it leaves the queue (status resolved, the AI answers again), its insights
   * are computed (insights.ts) and written to the interaction, and it reopens when the customer writes again.
   */
  async resolve(principal: Principal): Promise<StaffResult<{ session_id: string; status: 'resolved'; insights: ConversationInsights }>> {
    const checked = this.check(principal);
    if (!checked.ok) return checked;
    const { meta, staff } = checked.data;
    const already = () => fail('conflict', 'This conversation is already resolved');
    if (meta.status === 'resolved') return already();
    const insights = await this.insights.analyse(meta);
    // Read again after the analysis: a customer message or another resolve may have come meanwhile.
    const current = this.host.store.meta()!;
    if (current.status === 'resolved') return already();
    const now = this.host.now();
    this.insights.record(insights);
    const { agent: _agent, ...rest } = this.host.store.meta()!;
    const after: SessionMeta = { ...rest, mode: 'ai', status: 'resolved', resolved_by: staff.subject, last_activity_at: now };
    this.host.store.enqueueD1('UPDATE interactions SET resolved_at = ? WHERE session_id = ?', [now, meta.session_id]);
    await this.change(current, after);
    return ok({ session_id: meta.session_id, status: 'resolved', insights });
  }

  /**
   * The turn of a customer message held while a person had the conversation and left unanswered (it is still the
   * last message) once the AI has it again: the session answers it on hand-back (and after a restart), so a
   * question asked during a takeover is never left hanging. None while staff have it or once it is resolved.
   */
  unansweredTurn(): string | undefined {
    const meta = this.host.store.meta();
    if (!meta || modeOf(meta) === 'human' || meta.status === 'resolved') return undefined;
    const last = this.host.store.lastMessage();
    return last?.role === 'user' && last.held ? (last.turn_id ?? undefined) : undefined;
  }

  /** Stores a staff reply (role 'staff') and shows it on every socket. Only while a person has the conversation. */
  async message(principal: Principal, text: string): Promise<StaffResult<{ message: TranscriptMessage }>> {
    const checked = this.check(principal);
    if (!checked.ok) return checked;
    const content = text.trim();
    if (!content || content.length > MAX_MESSAGE_CHARS) return fail('invalid_input', `message must be 1 to ${MAX_MESSAGE_CHARS} characters`);
    const notHeld = () => fail('conflict', 'Take the conversation over before replying as staff');
    if (!this.isHuman()) return notHeld();
    const result = await this.host.enqueue(async (): Promise<StaffResult<{ message: TranscriptMessage }>> => {
      // Checked again on the queue: a handback may have come while a running turn finished.
      if (!this.isHuman()) return notHeld();
      const now = this.host.now();
      const seq = this.host.storeMessage({ role: 'staff', content });
      const meta = { ...this.host.store.meta()!, last_activity_at: now };
      this.host.store.saveMeta(meta);
      this.host.store.enqueueD1(...updateInteraction(meta, now));
      const message = this.host.store.message(seq);
      this.host.emit({ type: 'message', message });
      return ok({ message });
    });
    if (result.ok) await this.host.persist();
    return result;
  }

  /**
   * Ends the turn of a customer message stored while a person has the conversation: no AI
   * turn; the caller's stream (if any) and every socket get `waiting_for_staff`. Runs on the turn queue.
   */
  async hold(turnId: string, writer?: TurnWriter): Promise<void> {
    const now = this.host.now();
    // The interaction's updated_at moves, so the staff queue shows the customer is waiting.
    this.host.store.enqueueD1(...updateInteraction(this.host.store.meta()!, now));
    this.host.emit({ type: 'waiting_for_staff', turn_id: turnId }, writer);
    await writer?.close().catch(() => undefined);
    this.host.persistSoon();
  }
}
