/**
 * The D1 statements a session queues in its outbox. Each is idempotent, so a
 * flush that failed half-way (or ran twice) can be replayed as a whole.
 */
import type { AuditRow } from '../../worker/domain/context';
import type { SessionMeta } from './store';

type Statement = [sql: string, params: SqlStorageValue[]];

export function insertInteraction(meta: SessionMeta): Statement {
  return [
    `INSERT INTO interactions (number, session_id, channel, customer_name, customer_email, referrer_url, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(session_id) DO NOTHING`,
    [
      meta.interaction_number,
      meta.session_id,
      meta.channel,
      meta.customer_name ?? null,
      meta.customer_email ?? null,
      meta.referrer_url ?? null,
      meta.status,
      meta.created_at,
      meta.created_at,
    ],
  ];
}

/** Absolute totals, not increments: replaying it changes nothing. */
export function updateInteraction(meta: SessionMeta, now: number): Statement {
  return [
    `UPDATE interactions SET status = ?, prompt_tokens = ?, completion_tokens = ?, cost_cents = ?, duration_ms = ?, updated_at = ?
     WHERE session_id = ?`,
    [
      meta.status,
      meta.prompt_tokens,
      meta.completion_tokens,
      meta.cost_cents,
      Math.max(0, meta.last_activity_at - meta.created_at),
      now,
      meta.session_id,
    ],
  ];
}

export function insertMessage(
  sessionId: string,
  message: { seq: number; role: string; content: string; toolCallId?: string | null; toolName?: string | null; createdAt: number },
): Statement {
  return [
    `INSERT OR IGNORE INTO messages (interaction_id, seq, role, content, tool_call_id, tool_name, created_at)
     SELECT id, ?, ?, ?, ?, ?, ? FROM interactions WHERE session_id = ?`,
    [message.seq, message.role, message.content, message.toolCallId ?? null, message.toolName ?? null, message.createdAt, sessionId],
  ];
}

/** A tool call's audit row; `writeKey` (unique in D1) makes a replayed batch insert it once. */
export function insertAudit(row: AuditRow, writeKey: string): Statement {
  return [
    `INSERT INTO audit_log (subject, role, surface, tool, args_digest, outcome, duration_ms, request_id, write_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(write_key) DO NOTHING`,
    [row.subject, row.role, row.surface, row.tool, row.argsDigest, row.outcome, row.durationMs, row.requestId, writeKey],
  ];
}
