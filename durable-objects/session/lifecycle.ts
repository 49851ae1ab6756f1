/**
 * A session's life: opened once (its interaction number allocated once, its
 * greeting stored), described, ended by the customer or staff (with its insights), and marked
 * abandoned by the alarm when idle.
 */
import { allocate, formatNumber } from '../../worker/domain/counters';
import { toZoned } from '../../worker/lib/zoned-time';
import { fail, ok, type Result } from '../../worker/lib/result';
import type { OpenSessionInput, SessionInfo } from '../../worker/protocol/session';
import { insertInteraction, updateInteraction } from './d1-sync';
import type { SessionCore } from './host';
import type { SessionInsights } from './insights';
import { sessionEvent, type SessionMeta } from './store';

export class SessionLifecycle {
  private opening: Promise<SessionInfo> | undefined;

  constructor(
    private readonly host: SessionCore,
    /** The D1 binding the counter is allocated from (the object's, which tests may swap). */
    private readonly d1: () => D1Database,
    private readonly insights: SessionInsights,
  ) {}

  info(meta: SessionMeta): SessionInfo {
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
    return `Hi${first ? ` ${first}` : ''}! Welcome to ${this.host.env.BUSINESS_NAME}. I can answer questions, check availability, and book, move or cancel appointments. How can I help?`;
  }

  /** Creates the session (idempotent): allocates its interaction number once and records it. */
  open(input: OpenSessionInput): Promise<SessionInfo> {
    const existing = this.host.store.meta();
    if (existing) return Promise.resolve(this.info(existing));
    // Two concurrent opens must not allocate two numbers: the D1 call lets other events in.
    this.opening ??= this.create(input).finally(() => (this.opening = undefined));
    return this.opening;
  }

  private async create(input: OpenSessionInput): Promise<SessionInfo> {
    const { store } = this.host;
    const now = this.host.now();
    const year = toZoned(now, this.host.env.BUSINESS_TIMEZONE).year;
    const value = await allocate(this.d1(), `interaction:${year}`);
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
    store.saveMeta(meta);
    store.enqueueD1(...insertInteraction(meta));
    this.host.storeMessage({ role: 'assistant', content: this.greeting(meta) });
    await this.host.flushOutbox();
    await this.host.scheduleAlarm();
    return this.info(meta);
  }

  /** Marks the conversation resolved (the customer or staff ended it), with its insights (insights.ts). */
  async end(meta: SessionMeta): Promise<SessionInfo> {
    this.insights.record(await this.insights.analyse(meta));
    const now = this.host.now();
    // Read again after the analysis: a turn may have finished meanwhile. Ended is for good, even after a
    // staff resolution (which would have reopened on the next message): `resolved_by` goes.
    const { resolved_by: _resolvedBy, ...current } = this.host.store.meta()!;
    const ended: SessionMeta = { ...current, status: 'resolved', last_activity_at: now };
    this.host.store.saveMeta(ended);
    this.host.store.enqueueD1(...updateInteraction(ended, now));
    this.host.emit(sessionEvent(ended));
    await this.host.flushOutbox();
    return this.info(ended);
  }

  /**
   * The customer rates a resolved or ended conversation, once per resolution (a reopened conversation can be
   * rated again when it is resolved again). Stored on the session and, through the outbox, on the interaction.
   */
  async rate(meta: SessionMeta, score: number, comment: string | null): Promise<Result<{ session_id: string; score: number; comment: string | null }, 'conflict', never>> {
    if (meta.status !== 'resolved') return fail('conflict', 'A conversation is rated once it is resolved or ended');
    if (meta.csat) return fail('conflict', 'This conversation was already rated');
    const now = this.host.now();
    const rated: SessionMeta = { ...meta, csat: { score, comment, at: now } };
    this.host.store.saveMeta(rated);
    this.host.store.enqueueD1('UPDATE interactions SET csat_score = ?, csat_comment = ?, csat_at = ? WHERE session_id = ?', [score, comment, now, meta.session_id]);
    // Every socket of the session learns it was rated (another tab stops asking).
    this.host.emit(sessionEvent(rated));
    await this.host.flushOutbox();
    return ok({ session_id: meta.session_id, score, comment });
  }

  /** The alarm: an open session idle for longer than the idle timeout becomes abandoned. */
  async abandonIfIdle(): Promise<void> {
    const meta = this.host.store.meta();
    if (!meta || meta.status !== 'open' || this.host.now() - meta.last_activity_at < this.host.idleMs()) return;
    const abandoned: SessionMeta = { ...meta, status: 'abandoned' };
    this.host.store.saveMeta(abandoned);
    this.host.store.enqueueD1(...updateInteraction(abandoned, this.host.now()));
    this.host.emit(sessionEvent(abandoned));
    await this.host.flushOutbox();
  }
}
