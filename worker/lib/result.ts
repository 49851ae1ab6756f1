/**
 * The one result type of the code base: a success with its data, or a failure
 * with a machine-readable code, a sentence for people (and models) and
 * optional details. Tool calls, session RPCs, staff actions, voice settings and
 * frame checks all answer with it, so every caller reads `ok`, `data` and
 * `error` the same way.
 */
import type { ErrorCode } from '../domain/errors';

/**
 * Why something failed. `Details` is `unknown` by default; a result that crosses a Durable Object's
 * RPC names it (the RPC types keep only what can be serialized).
 */
export interface Failure<Code extends string = ErrorCode, Details = unknown> {
  code: Code;
  message: string;
  /** Extra machine-readable facts, e.g. field errors for `invalid_input` or `retry_after` for `rate_limited`. */
  details?: Details;
}

export type Result<T, Code extends string = ErrorCode, Details = unknown> = { ok: true; data: T } | { ok: false; error: Failure<Code, Details> };

/**
 * A success.
 * @example return ok({ session_id, mode: 'ai' });
 */
export const ok = <T>(data: T): { ok: true; data: T } => ({ ok: true, data });

/**
 * A failure.
 * @example return fail('conflict', 'This conversation has ended');
 */
export const fail = <Code extends string, Details = never>(code: Code, message: string, details?: Details): { ok: false; error: Failure<Code, Details> } => ({
  ok: false,
  error: { code, message, ...(details !== undefined ? { details } : {}) },
});
