// The cost of a chat turn (#15): tool calls' audit rows ride the session's outbox (written once, after the reply,
// never lost while D1 is down), each row carries the id of the HTTP request that caused it (#12), and the
// round-trip counters the bench reads count what the bindings really did.
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { ChatSession } from '../durable-objects/chat-session';
import { insertAudit } from '../durable-objects/session/d1-sync';
import { countingD1, countingSql, OpCounts } from '../durable-objects/session/op-counts';
import { call, openSession, type OpenedSession } from './http-helpers';

const stubOf = (s: OpenedSession) => env.ChatSession.getByName(s.session_id);
const auditOf = (requestId: string) =>
  env.DB.prepare('SELECT subject, surface, tool, outcome, request_id, write_key FROM audit_log WHERE request_id = ? ORDER BY id')
    .bind(requestId)
    .all<{ subject: string; surface: string; tool: string; outcome: string; request_id: string; write_key: string | null }>();

/** Sends a chat message with our own X-Request-Id (hono's requestId middleware adopts a valid one). */
async function sayWithId(s: OpenedSession, message: string, requestId: string) {
  const { res, body } = await call('/api/v1/chat/message', {
    method: 'POST',
    token: s.token,
    headers: { 'X-Request-Id': requestId },
    body: JSON.stringify({ session_id: s.session_id, message }),
  });
  expect(res.status, JSON.stringify(body)).toBe(200);
  expect(res.headers.get('X-Request-Id')).toBe(requestId);
  return body as { response: string; function_calls: { name: string; ok: boolean }[] };
}

/** A D1 binding whose batches fail, as during an outage (reads still work). */
function failingBatches(real: D1Database): D1Database {
  return new Proxy(real, {
    get(t, key) {
      if (key === 'batch') return async () => Promise.reject(new Error('D1_ERROR: simulated outage'));
      const value = Reflect.get(t, key, t) as unknown;
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
}

describe('audit rows of chat tool calls', () => {
  it('carry the request id of the HTTP request whose turn made the call, once per call, through the outbox', async () => {
    const s = await openSession();
    const requestId = `req-${crypto.randomUUID()}`;
    const reply = await sayWithId(s, 'What services do you offer?', requestId);
    const tools = reply.function_calls.map((c) => c.name);
    expect(tools.length).toBeGreaterThan(0);
    // Written after the reply, with the turn's messages: wait for the outbox's batch.
    await vi.waitFor(async () => expect((await auditOf(requestId)).results).toHaveLength(tools.length));
    const rows = (await auditOf(requestId)).results;
    expect(rows.map((r) => r.tool)).toEqual(tools);
    for (const row of rows) {
      expect(row).toMatchObject({ subject: `visitor:${s.session_id}`, surface: 'chat', request_id: requestId, outcome: 'ok' });
      expect(row.write_key).toEqual(expect.any(String));
    }
    // Another request's turn in the same session carries its own id, not the first one's.
    const second = `req-${crypto.randomUUID()}`;
    await sayWithId(s, 'Do you offer financing?', second);
    await vi.waitFor(async () => expect((await auditOf(second)).results.length).toBeGreaterThan(0));
    expect((await auditOf(requestId)).results).toHaveLength(tools.length);
  });

  it('are kept while D1 is down and written exactly once when the alarm retries', async () => {
    const s = await openSession();
    await runInDurableObject(stubOf(s), (instance: ChatSession) => {
      instance.d1 = failingBatches(env.DB);
    });
    const requestId = `req-${crypto.randomUUID()}`;
    const reply = await sayWithId(s, 'What services do you offer?', requestId);
    expect(reply.function_calls.length).toBeGreaterThan(0);
    expect((await auditOf(requestId)).results).toHaveLength(0);
    await runInDurableObject(stubOf(s), (instance: ChatSession) => {
      instance.d1 = env.DB;
    });
    expect(await runDurableObjectAlarm(stubOf(s))).toBe(true);
    expect((await auditOf(requestId)).results).toHaveLength(reply.function_calls.length);
    // The statement replays harmlessly: a batch retried after it had in fact been written adds nothing.
    const [sql, params] = insertAudit(
      { subject: 'replay', role: 'customer', surface: 'chat', tool: 'list_services', argsDigest: 'x', outcome: 'ok', durationMs: 1, requestId },
      'replayed-write-key',
    );
    await env.DB.batch([env.DB.prepare(sql).bind(...params), env.DB.prepare(sql).bind(...params)]);
    expect((await auditOf(requestId)).results.filter((r) => r.write_key === 'replayed-write-key')).toHaveLength(1);
  });

  it('of REST calls carry the request id too (written before the answer, as before)', async () => {
    const requestId = `req-${crypto.randomUUID()}`;
    const { res } = await call('/api/v1/services', { headers: { 'X-Request-Id': requestId } });
    expect(res.status).toBe(200);
    expect((await auditOf(requestId)).results).toEqual([expect.objectContaining({ surface: 'rest', tool: 'list_services', request_id: requestId, write_key: null })]);
  });
});

describe('round-trip counters', () => {
  it('count each D1 statement, batch and exec as one round trip, and each storage exec as one operation', async () => {
    const counts = new OpCounts();
    const db = countingD1(env.DB, counts);
    await db.prepare('SELECT 1 AS one').first();
    await db.prepare('SELECT ? AS two').bind(2).all();
    expect(counts.d1).toBe(2);
    // A batch of counted statements is one round trip, and the binding accepts them.
    const results = await db.batch([db.prepare('SELECT 1 AS a'), db.prepare('SELECT ? AS b').bind(2)]);
    expect(results.map((r) => r.results[0])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(counts.d1).toBe(3);
    const s = await openSession();
    await runInDurableObject(stubOf(s), (_instance: ChatSession, state) => {
      const sql = countingSql(state.storage.sql, counts);
      expect(sql.exec<{ n: number }>('SELECT count(*) AS n FROM messages').one().n).toBeGreaterThan(0);
      sql.exec('SELECT 1');
    });
    expect(counts.storage).toBe(2);
  });
});
