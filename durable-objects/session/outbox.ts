/**
 * The session's D1 outbox: rows queued in the object's own SQLite (see
 * SessionStore.enqueueD1) are written to D1 in one batch; when D1 fails they
 * stay queued and the next attempt is due after an exponential backoff, which
 * the session's alarm honours. Statements are idempotent (d1-sync.ts), so a
 * batch that is replayed changes nothing.
 */
import { log } from '../../worker/lib/log';
import type { SessionStore } from './store';

const MAX_BACKOFF_MS = 60_000;

export class D1Outbox {
  private flushing: Promise<boolean> | undefined;

  constructor(
    private readonly store: SessionStore,
    /** The D1 binding, read at each flush (tests swap the session's binding to simulate an outage). */
    private readonly d1: () => D1Database,
    private readonly now: () => number,
  ) {}

  /** Writes every queued row; true when nothing is left. Concurrent callers share one flush. */
  flush(): Promise<boolean> {
    this.flushing ??= this.flushOnce().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** When the next retry is due, if rows are waiting. */
  retryAt(): number | undefined {
    if (!this.store.hasPendingD1()) return undefined;
    return this.store.meta()?.outbox_retry_at ?? this.now() + 1000;
  }

  private async flushOnce(): Promise<boolean> {
    const rows = this.store.pendingD1();
    const meta = this.store.meta();
    if (!meta) return true;
    const d1 = this.d1();
    try {
      if (rows.length) {
        await d1.batch(rows.map((r) => d1.prepare(r.sql).bind(...r.params)));
        this.store.ackD1(rows.at(-1)!.id);
      }
      // The interaction's D1 id links bookings and tickets made in this session.
      let interactionId = meta.interaction_id;
      if (interactionId === undefined) {
        const row = await d1.prepare('SELECT id FROM interactions WHERE session_id = ?').bind(meta.session_id).first<{ id: number }>();
        interactionId = row?.id;
      }
      const current = this.store.meta()!;
      // Written only when it changes (a failure before, or the interaction's id just learnt): most flushes succeed first time.
      if ((current.outbox_attempts ?? 0) !== 0 || current.outbox_retry_at !== undefined || current.interaction_id !== interactionId) {
        const { outbox_retry_at: _retry, ...rest } = current;
        this.store.saveMeta({ ...rest, outbox_attempts: 0, ...(interactionId !== undefined ? { interaction_id: interactionId } : {}) });
      }
      // More than one batch's worth may be queued.
      return !this.store.hasPendingD1() || this.flushOnce();
    } catch (err) {
      const current = this.store.meta()!;
      const attempts = (current.outbox_attempts ?? 0) + 1;
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempts - 1));
      this.store.saveMeta({ ...current, outbox_attempts: attempts, outbox_retry_at: this.now() + delay });
      log.warn('outbox_flush_failed', { session_id: meta.session_id, attempts, pending: rows.length, error: String(err) });
      return false;
    }
  }
}
