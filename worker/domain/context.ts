import type { Principal } from '../auth/principal';
import { database, type Db } from '../db/client';

/**
 * Everything a domain function needs, and the only place identity comes from.
 * Built once per request (or per tool call) by the surface that was called.
 */
export interface DomainContext {
  db: Db;
  d1: D1Database;
  actor: Principal;
  /** The business's IANA time zone, e.g. `America/Chicago`. */
  timeZone: string;
  /** Clock in epoch ms; tests pin it. */
  now(): number;
  /** The interaction (chat/voice session) this call happens in, if any. */
  interactionId?: number;
  /** The id of the HTTP request that caused this call (hono's X-Request-Id), for logs and the audit log. */
  requestId?: string;
  /**
   * Where a tool call's audit row goes instead of its own D1 write: a chat session queues it in its
   * outbox, so it reaches D1 in the batch that syncs the turn's messages, after the reply.
   */
  audit?: (row: AuditRow) => void;
}

/** One audit_log row, as executeTool records it. */
export interface AuditRow {
  subject: string;
  role: string;
  surface: string;
  tool: string;
  argsDigest: string;
  outcome: string;
  durationMs: number;
  requestId: string | null;
}

export interface ContextEnv {
  DB: D1Database;
  BUSINESS_TIMEZONE: string;
}

/**
 * Builds the context for one call.
 * @example const ctx = createContext(env, principal, { now: () => Date.parse('2026-11-20T12:00:00Z') });
 */
export function createContext(
  env: ContextEnv,
  actor: Principal,
  options: { now?: () => number; interactionId?: number; requestId?: string | undefined } = {},
): DomainContext {
  return {
    db: database(env.DB),
    d1: env.DB,
    actor,
    timeZone: env.BUSINESS_TIMEZONE,
    now: options.now ?? Date.now,
    ...(options.interactionId !== undefined ? { interactionId: options.interactionId } : {}),
    ...(options.requestId !== undefined ? { requestId: options.requestId } : {}),
  };
}
