/**
 * Retries with backoff and a circuit breaker around any ChatModel.
 *
 * Both sit outside the provider client so they see whole turns: a turn can only be
 * retried while nothing has reached the caller yet (text already shown to a user
 * cannot be taken back), and the breaker counts turns, not HTTP requests.
 */
import { countModelError } from '../metrics/isolate';
import { ModelError, type ChatModel, type ModelEvent, type ModelRequest } from './model';

/** Sleeps `ms`, rejecting early with the signal's reason if it aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

const defaultSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export type CircuitState = 'closed' | 'open' | 'half_open';

/** Options for {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. Default 5. */
  failureThreshold?: number;
  /** The failures must fall within this window (ms) to count as consecutive. Default 60 s. */
  windowMs?: number;
  /** Time open before one trial call is let through (ms). Default 30 s. */
  cooldownMs?: number;
  /** Clock in ms; injectable for tests. Default `Date.now`. */
  now?: () => number;
}

/**
 * Breakers shared per provider (keyed by base URL), module-level on purpose: every
 * session and Durable Object in this isolate talks to the same provider, so once
 * one of them has seen it failing the others should fail fast too instead of each
 * paying the full retry budget to rediscover the outage. State is per isolate (no
 * storage round trip on the hot path); other isolates learn on their own.
 */
const shared = new Map<string, CircuitBreaker>();

/**
 * closed → (N consecutive failures within the window) → open → (cooldown) →
 * half_open, which lets one trial through → closed on success, open again on failure.
 */
export class CircuitBreaker {
  private readonly failureThreshold: number;
  private readonly windowMs: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;
  private current: CircuitState = 'closed';
  private failures = 0;
  private firstFailureAt = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.windowMs = options.windowMs ?? 60_000;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** Every breaker of this isolate and its state, by provider URL (for /metrics). */
  static states(): [provider: string, state: CircuitState][] {
    return [...shared].map(([key, breaker]) => [key, breaker.state]);
  }

  /** The isolate-wide breaker for `key` (a provider base URL); `options` apply on first use only. */
  static for(key: string, options?: CircuitBreakerOptions): CircuitBreaker {
    let breaker = shared.get(key);
    if (!breaker) shared.set(key, (breaker = new CircuitBreaker(options)));
    return breaker;
  }

  /** Current state; an open circuit past its cooldown reads as half_open. */
  get state(): CircuitState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.cooldownMs) return 'half_open';
    return this.current;
  }

  /** Admits one call or throws ModelError('circuit_open'). Pair with record*() or release(). */
  acquire(): void {
    const state = this.state;
    if (state === 'closed') return;
    if (state === 'half_open' && !this.trialInFlight) {
      this.current = 'half_open';
      this.trialInFlight = true;
      return;
    }
    const waitMs = Math.max(0, this.openedAt + this.cooldownMs - this.now());
    throw new ModelError('circuit_open', 'Model provider circuit is open after repeated failures', Math.ceil(waitMs / 1000));
  }

  /** The provider answered properly: close the circuit and forget past failures. */
  recordSuccess(): void {
    this.current = 'closed';
    this.failures = 0;
    this.trialInFlight = false;
  }

  /** The provider failed: count it, and open (or re-open) the circuit when due. */
  recordFailure(): void {
    const now = this.now();
    this.trialInFlight = false;
    if (this.current === 'half_open') return this.open(now);
    if (this.failures === 0 || now - this.firstFailureAt > this.windowMs) {
      this.failures = 0;
      this.firstFailureAt = now;
    }
    this.failures += 1;
    if (this.failures >= this.failureThreshold) this.open(now);
  }

  /** The admitted call ended without a verdict (e.g. the caller aborted): free the trial slot. */
  release(): void {
    this.trialInFlight = false;
  }

  private open(now: number): void {
    this.current = 'open';
    this.openedAt = now;
    this.failures = 0;
  }
}

/** Options for {@link withRetries}. */
export interface RetryOptions {
  /** Attempts per turn, first included. Default 3. */
  maxAttempts?: number;
  /** First backoff (ms); doubles per attempt. Default 250. */
  baseDelayMs?: number;
  /** Cap on the computed backoff (ms). Default 4000. */
  maxDelayMs?: number;
  /**
   * Longest provider-requested wait (Retry-After) we honour, in ms. Default 5000.
   * A longer request means the provider will not recover within a conversational
   * turn, so the error surfaces at once and the caller can fall back instead.
   */
  maxRetryAfterMs?: number;
  /** Injectable for tests. */
  sleep?: Sleep;
  /** Jitter source in [0, 1); injectable for tests. Default Math.random. */
  random?: () => number;
  /** Checked before every attempt and told each outcome. */
  breaker?: CircuitBreaker;
}

/**
 * Wraps `model` so a turn that fails with a retryable ModelError BEFORE yielding any
 * event is retried with exponential backoff and jitter (at least what Retry-After
 * asks). Failures after events were yielded are rethrown: the caller can't un-send
 * text. With a breaker, an open circuit fails fast with ModelError('circuit_open').
 */
export function withRetries(model: ChatModel, options: RetryOptions = {}): ChatModel {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 4_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 5_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const breaker = options.breaker;

  /** Delay before attempt `attempt + 1`, or undefined when we should not wait that long. */
  function delayAfter(attempt: number, error: ModelError): number | undefined {
    const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    // "Equal jitter": keeps at least half the backoff so a herd of sessions still spreads out.
    const jittered = backoff / 2 + (random() * backoff) / 2;
    if (error.retryAfterSeconds === undefined) return jittered;
    const asked = error.retryAfterSeconds * 1000;
    return asked > maxRetryAfterMs ? undefined : Math.max(asked, jittered);
  }

  async function* stream(request: ModelRequest): AsyncGenerator<ModelEvent> {
    for (let attempt = 1; ; attempt++) {
      try {
        breaker?.acquire();
      } catch (error) {
        countModelError('circuit_open');
        throw error;
      }
      let yielded = false;
      let settled = false;
      try {
        for await (const event of model.stream(request)) {
          yielded = true;
          yield event;
        }
        settled = true;
        breaker?.recordSuccess();
        return;
      } catch (error) {
        settled = true;
        const modelError = error instanceof ModelError ? error : undefined;
        if (modelError) countModelError(modelError.kind);
        // Only provider-health failures count; a 4xx answer proves the provider is up.
        if (modelError?.retryable) breaker?.recordFailure();
        else if (modelError) breaker?.recordSuccess();
        else breaker?.release();
        if (!modelError?.retryable || yielded || attempt >= maxAttempts || breaker?.state === 'open') throw error;
        const delay = delayAfter(attempt, modelError);
        if (delay === undefined) throw error;
        await sleep(delay, request.signal);
      } finally {
        // The consumer stopped iterating early: the provider was working if it had sent anything.
        if (!settled && yielded) breaker?.recordSuccess();
        else if (!settled) breaker?.release();
      }
    }
  }

  return { id: model.id, offline: model.offline, stream };
}
