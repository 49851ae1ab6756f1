/**
 * Counts what a session costs in round trips: D1 calls (a statement's run/all/first/raw, a batch or an
 * exec is one round trip each) and Durable Object storage operations (each `sql.exec`, each alarm write).
 * The session's core wraps its bindings with these once, so the count is of what the code really did, not
 * an estimate; a turn reads the difference across itself. Counting is two integer increments; the figures
 * leave the object only where `SERVER_TIMING` is "true" (dev and bench: the chat route's `Server-Timing`).
 */
import type { TurnOps } from '../../worker/protocol/chat';

/** Totals at a moment (`OpCounts.mark`). */
export type OpsMark = { d1: number; storage: number };

/** Running totals for one session object. */
export class OpCounts {
  d1 = 0;
  storage = 0;
  /** What the last background persist after a reply cost (outbox flush, alarm). */
  afterReply: OpsMark | undefined;

  /** The totals now, to subtract later: `counts.since(mark)`. */
  mark(): OpsMark {
    return { d1: this.d1, storage: this.storage };
  }

  since(mark: OpsMark): OpsMark {
    return { d1: this.d1 - mark.d1, storage: this.storage - mark.storage };
  }
}

const ROUND_TRIPS = new Set<PropertyKey>(['run', 'all', 'first', 'raw']);

/**
 * `d1` with every round trip counted in `counts`. Statements are proxies; `batch` is given back the
 * binding's own statements (it refuses anything else).
 * @example const db = countingD1(env.DB, counts); await db.prepare('SELECT 1').first(); // counts.d1 === 1
 */
export function countingD1(d1: D1Database, counts: OpCounts): D1Database {
  const own = new WeakMap<object, D1PreparedStatement>();
  const statement = (target: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(target, {
      get(t, key) {
        if (key === 'bind') return (...values: unknown[]) => statement(t.bind(...values));
        const value = Reflect.get(t, key, t) as unknown;
        if (typeof value !== 'function') return value;
        if (!ROUND_TRIPS.has(key)) return value.bind(t);
        return (...args: unknown[]) => {
          counts.d1++;
          return (value as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
    own.set(proxy, target);
    return proxy;
  };
  return new Proxy(d1, {
    get(t, key) {
      if (key === 'prepare') return (sql: string) => statement(t.prepare(sql));
      if (key === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          counts.d1++;
          return t.batch(statements.map((s) => own.get(s) ?? s));
        };
      }
      const value = Reflect.get(t, key, t) as unknown;
      if (typeof value !== 'function') return value;
      if (key !== 'exec') return value.bind(t);
      return (...args: unknown[]) => {
        counts.d1++;
        return (value as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
}

/** The object's SQL storage with each `exec` counted (a cursor read is part of its exec). */
export function countingSql(sql: SqlStorage, counts: OpCounts): SqlStorage {
  return new Proxy(sql, {
    get(t, key) {
      const value = Reflect.get(t, key, t) as unknown;
      if (typeof value !== 'function') return value;
      if (key !== 'exec') return value.bind(t);
      return (...args: unknown[]) => {
        counts.storage++;
        return (value as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
}

/** A turn's figures for its `turn_done` event: its own since `mark`, and the last after-reply persist. */
export function turnOps(counts: OpCounts, mark: OpsMark): TurnOps {
  return { ...counts.since(mark), ...(counts.afterReply ? { after_reply: counts.afterReply } : {}) };
}
