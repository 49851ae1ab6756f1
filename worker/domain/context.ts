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
  options: { now?: () => number; interactionId?: number } = {},
): DomainContext {
  return {
    db: database(env.DB),
    d1: env.DB,
    actor,
    timeZone: env.BUSINESS_TIMEZONE,
    now: options.now ?? Date.now,
    ...(options.interactionId !== undefined ? { interactionId: options.interactionId } : {}),
  };
}
