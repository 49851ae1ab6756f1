/**
 * Figures kept in this isolate's memory: Workers isolates share no memory, so
 * these count only what ran here since the isolate started (a restart starts
 * them at 0, which Prometheus reads as a counter reset). Under `wrangler dev`
 * the Worker and every session object share one isolate, so /metrics sees all
 * of them; on Cloudflare a session object usually runs in another isolate than
 * the request that scrapes, so fleet-wide figures come from D1 (durable.ts) and
 * from the Analytics Engine points (analytics-engine.ts).
 */
import type { HistogramSample, Labels, MetricFamily } from './prometheus';

/** Upper bounds (seconds) of the turn latency histogram: a reply from the offline model to a slow provider round. */
export const TURN_SECONDS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

const startedAt = Date.now();
const turnHistograms = new Map<string, { counts: number[]; count: number; sum: number }>();
const modelErrors = new Map<string, number>();
/** Open sockets by session object, as each object last saw its own (chat, voice). */
const socketsBySession = new Map<string, { chat: number; voice: number }>();

/** One agent turn finished in this isolate (`outcome` ok, or failed when it threw). */
export function observeTurn(seconds: number, outcome: 'ok' | 'failed'): void {
  const h = turnHistograms.get(outcome) ?? { counts: TURN_SECONDS_BUCKETS.map(() => 0), count: 0, sum: 0 };
  TURN_SECONDS_BUCKETS.forEach((le, i) => {
    if (seconds <= le) h.counts[i]! += 1;
  });
  h.count += 1;
  h.sum += seconds;
  turnHistograms.set(outcome, h);
}

/** A model call failed (each failed attempt, a refused one when the circuit is open, an analysis call). */
export function countModelError(kind: string): void {
  modelErrors.set(kind, (modelErrors.get(kind) ?? 0) + 1);
}

/** A session object's open sockets now (after it accepted or closed one). */
export function noteSockets(sessionId: string, open: { chat: number; voice: number }): void {
  if (open.chat || open.voice) socketsBySession.set(sessionId, open);
  else socketsBySession.delete(sessionId);
}

/** This isolate's families; `breakers` are the circuit breakers' states by provider URL. */
export function isolateFamilies(breakers: [provider: string, state: 'closed' | 'half_open' | 'open'][]): MetricFamily[] {
  const turnSamples: HistogramSample[] = [...turnHistograms].map(([outcome, h]) => ({
    labels: { outcome },
    buckets: TURN_SECONDS_BUCKETS.map((le, i) => ({ le, count: h.counts[i]! })),
    count: h.count,
    sum: Math.round(h.sum * 1e6) / 1e6,
  }));
  const sockets = { chat: 0, voice: 0 };
  for (const open of socketsBySession.values()) {
    sockets.chat += open.chat;
    sockets.voice += open.voice;
  }
  const STATE = { closed: 0, half_open: 1, open: 2 } as const;
  return [
    { name: 'switchboard_isolate_start_time_seconds', help: 'When this isolate started (Unix seconds); the isolate-local series below count from here.', type: 'gauge', samples: [{ value: Math.floor(startedAt / 1000) }] },
    { name: 'switchboard_turn_duration_seconds', help: 'Agent turns run in this isolate: from the turn starting to its reply stored, by outcome (failed = threw).', type: 'histogram', samples: turnSamples },
    { name: 'switchboard_model_errors_total', help: 'Failed model calls in this isolate, by kind (timeout, rate_limited, server, bad_request, auth, circuit_open, malformed); retries count each attempt.', type: 'counter', samples: [...modelErrors].map(([kind, value]) => ({ labels: { kind } as Labels, value })) },
    { name: 'switchboard_circuit_breaker_state', help: "The model provider's circuit breaker in this isolate: 0 closed, 1 half open, 2 open.", type: 'gauge', samples: breakers.map(([provider, state]) => ({ labels: { provider }, value: STATE[state] })) },
    { name: 'switchboard_open_sockets', help: 'Open chat and voice WebSockets of the session objects in this isolate, as each last counted its own.', type: 'gauge', samples: (['chat', 'voice'] as const).map((kind) => ({ labels: { kind }, value: sockets[kind] })) },
  ];
}
