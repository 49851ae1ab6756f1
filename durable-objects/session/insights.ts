/**
 * A session's conversation intelligence: computed when the conversation is
 * resolved by staff, ended by the customer, or escalated (a handoff or a
 * takeover), by the configured model or the deterministic analyser
 * (`worker/agent/analyse-model.ts`), and kept on the session's meta and on the
 * interaction's columns (through the outbox). The latest analysis wins: one
 * that started before the insights now stored is dropped, so a slow model
 * answer for an escalation never overwrites the resolution's.
 */
import { analyseInteraction } from '../../worker/agent/analyse-model';
import type { TranscriptLine } from '../../worker/agent/offline/analyse';
import { log } from '../../worker/lib/log';
import { toZoned } from '../../worker/lib/zoned-time';
import type { SessionHost } from './host';
import { modeOf, type ConversationInsights, type SessionMeta } from './store';

type Statement = [sql: string, params: SqlStorageValue[]];

/** The D1 update that stores insights on the interaction (idempotent). */
export function insightsStatement(sessionId: string, i: ConversationInsights): Statement {
  return [
    'UPDATE interactions SET summary = ?, sentiment = ?, sentiment_label = ?, intent = ?, category = ?, outcome = ? WHERE session_id = ?',
    [i.summary, i.sentiment, i.sentiment_label, i.intent, i.category, i.outcome, sessionId],
  ];
}

export class SessionInsights {
  constructor(
    private readonly host: SessionHost,
    /** Keeps background work alive (the object's `ctx.waitUntil`). */
    private readonly background: (work: Promise<unknown>) => void,
  ) {}

  /**
   * Analyses the conversation as it is now (its transcript, and D1's bookings and tickets for it); stores nothing.
   * `escalated` overrides whether a person was involved (the meta may already say resolved).
   */
  async analyse(meta: SessionMeta, escalated = meta.status === 'escalated' || modeOf(meta) === 'human'): Promise<ConversationInsights> {
    const started = this.host.now();
    const lines: TranscriptLine[] = this.host.store
      .transcript()
      .filter((m) => m.role === 'user' || m.role === 'assistant' || m.role === 'staff')
      .map((m) => ({ role: m.role as TranscriptLine['role'], text: m.content }));
    const db = this.host.env.DB;
    const id = meta.interaction_id ?? -1;
    const [services, bookings, tickets] = await Promise.all([
      db.prepare('SELECT slug, name, category FROM services').all<{ slug: string; name: string; category: string }>(),
      db.prepare('SELECT number FROM bookings WHERE interaction_id = ?1').bind(id).all<{ number: string }>(),
      db.prepare('SELECT number FROM tickets WHERE interaction_id = ?1').bind(id).all<{ number: string }>(),
    ]);
    const facts = { booked: bookings.results.map((b) => b.number), tickets: tickets.results.map((t) => t.number), escalated };
    const today = toZoned(started, this.host.env.BUSINESS_TIMEZONE).date;
    const { analysis: a, analysedBy } = await analyseInteraction(this.host.env, { lines, facts, catalog: services.results, today });
    return { summary: a.summary, sentiment: a.sentiment, sentiment_label: a.sentimentLabel, intent: a.intent, category: a.category, outcome: a.outcome, analysed_at: started, analysed_by: analysedBy };
  }

  /** Stores `insights` on the meta and queues the interaction's columns, unless a later analysis is already stored. */
  record(insights: ConversationInsights): boolean {
    const meta = this.host.store.meta()!;
    if (meta.insights && meta.insights.analysed_at > insights.analysed_at) return false;
    this.host.store.saveMeta({ ...meta, insights });
    this.host.store.enqueueD1(...insightsStatement(meta.session_id, insights));
    return true;
  }

  /** Analyses and records in the background (an escalation: the turn or the takeover does not wait for a model). */
  refreshSoon(): void {
    const meta = this.host.store.meta();
    if (!meta) return;
    this.background(
      this.analyse(meta)
        .then((insights) => (this.record(insights) ? this.host.persist() : undefined))
        .catch((error: unknown) => log.warn('insights_failed', { session_id: meta.session_id, error: error instanceof Error ? error.message : String(error) })),
    );
  }
}
