// What must survive: restarts, D1 outages, duplicate tool calls, dropped sockets, idle visitors.
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ChatSession } from '../durable-objects/chat-session';
import { CHAT_SUBPROTOCOL, type ServerEvent } from '../worker/protocol/chat';
import { BASE, call, connectChat, openSession, say, type OpenedSession } from './http-helpers';

const stubOf = (s: OpenedSession) => env.ChatSession.getByName(s.session_id);
const d1Count = async (sql: string, ...params: unknown[]) => (await env.DB.prepare(sql).bind(...params).first<{ n: number }>())!.n;
const d1MessagesOf = (s: OpenedSession) =>
  d1Count('SELECT count(*) AS n FROM messages m JOIN interactions i ON i.id = m.interaction_id WHERE i.session_id = ?', s.session_id);

/** A D1 binding whose writes fail, as during an outage; reads still work. */
function failingD1(real: D1Database): D1Database {
  return {
    prepare: (query: string) => real.prepare(query),
    batch: async () => {
      throw new Error('D1_ERROR: simulated outage');
    },
    exec: async () => {
      throw new Error('D1_ERROR: simulated outage');
    },
    withSession: () => {
      throw new Error('not used');
    },
    dump: async () => new ArrayBuffer(0),
  } as unknown as D1Database;
}

describe('restarts', () => {
  it('keeps history and number across an eviction and continues the booking conversation', async () => {
    const s = await openSession();
    await say(s, 'I need a leak repair');
    await say(s, 'on March 5, 2030');
    await evictDurableObject(stubOf(s));
    const transcript = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    expect(transcript.body.interaction_number).toBe(s.interaction_number);
    expect(transcript.body.messages.map((m: { content: string }) => m.content)).toContain('on March 5, 2030');
    // The flow goes on where it was: the date is remembered, the time is asked next.
    const next = await say(s, '11am');
    expect(next.response).toMatch(/full name/);
  });

  it('finishes a turn that was cut off, and a replayed tool call never books twice', async () => {
    const s = await openSession();
    for (const m of ['Book an outlet repair', 'March 6, 2030', '9am', 'Ann Lee', '773 555 0101']) await say(s, m);
    const done = await say(s, '7 Pine St, Oak Park, IL');
    const number = /BK-\d{4}-\d{6}/.exec(done.response)![0];
    // Wind the session back to just after the user's last message, as if the runtime died mid-turn
    // after the booking tool ran but before the reply was stored.
    await runInDurableObject(stubOf(s), (_instance: ChatSession, state) => {
      const lastUser = state.storage.sql.exec<{ seq: number }>("SELECT max(seq) AS seq FROM messages WHERE role = 'user'").one().seq;
      state.storage.sql.exec('DELETE FROM messages WHERE seq > ?', lastUser);
      expect(state.storage.sql.exec('SELECT count(*) AS n FROM tool_results').one().n).toBeGreaterThan(0);
    });
    await evictDurableObject(stubOf(s));
    // Waking the object resumes the unanswered turn; the stored result answers the repeated call id.
    const lastMessage = async () => (await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token })).body.messages.at(-1).content as string;
    await expect.poll(lastMessage, { timeout: 2000, interval: 20 }).toContain(number);
    expect(await d1Count("SELECT count(*) AS n FROM bookings WHERE address = '7 Pine St, Oak Park, IL'")).toBe(1);
  });
});

describe('the D1 outbox', () => {
  it('acknowledges messages while D1 is down and delivers them by alarm when it is back', async () => {
    const s = await openSession();
    await say(s, 'hello');
    const before = await d1MessagesOf(s);
    await runInDurableObject(stubOf(s), (instance: ChatSession) => {
      instance.d1 = failingD1(env.DB);
    });
    const reply = await say(s, 'What are your hours?');
    expect(reply.response).toMatch(/Monday/);
    expect(await d1MessagesOf(s)).toBe(before);
    const pending = await runInDurableObject(stubOf(s), (instance: ChatSession, state) => {
      instance.d1 = env.DB;
      return state.storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM outbox').one().n;
    });
    expect(pending).toBeGreaterThan(0);
    expect(await runDurableObjectAlarm(stubOf(s))).toBe(true);
    expect(await d1MessagesOf(s)).toBeGreaterThan(before + 1);
    const contents = await env.DB.prepare('SELECT m.content FROM messages m JOIN interactions i ON i.id = m.interaction_id WHERE i.session_id = ? ORDER BY m.seq')
      .bind(s.session_id)
      .all<{ content: string }>();
    expect(contents.results.map((r) => r.content)).toContain('What are your hours?');
  });
});


describe('WebSockets', () => {
  it('streams one turn to two tabs, resumes from the last event id without duplicates, and rejects bad frames', async () => {
    const s = await openSession();
    const tabA = await connectChat(s);
    const tabB = await connectChat(s);
    tabA.ws.send(JSON.stringify({ type: 'message', text: 'What services do you offer?' }));
    await tabA.waitFor((e) => e.some((x) => x.type === 'turn_done'));
    await tabB.waitFor((e) => e.some((x) => x.type === 'turn_done'));
    const ids = (events: ServerEvent[]) => events.filter((e) => e.type !== 'session').map((e) => e.id);
    expect(ids(tabB.events)).toEqual(ids(tabA.events));
    expect(tabA.events.find((e) => e.type === 'message')).toMatchObject({ message: { role: 'user', content: 'What services do you offer?' } });

    // Tab B drops after seeing some events, then reconnects from the last id it saw.
    const seen = ids(tabB.events);
    const cut = seen[Math.floor(seen.length / 2)]!;
    tabB.ws.close(1000, 'bye');
    const resumed = await connectChat(s, { lastEventId: cut });
    await resumed.waitFor((e) => e.some((x) => x.type === 'turn_done'));
    const replayed = ids(resumed.events);
    expect(replayed[0]).toBe(cut + 1);
    expect(new Set(replayed).size).toBe(replayed.length);
    expect(replayed).toEqual(seen.filter((id) => id > cut));

    tabA.ws.send('not json');
    tabA.ws.send(JSON.stringify({ type: 'message', text: '' }));
    await tabA.waitFor((e) => e.filter((x) => x.type === 'error').length >= 2);
    expect(tabA.events.filter((x) => x.type === 'error').every((x) => x.type === 'error' && x.code === 'invalid_input')).toBe(true);
  });

  it('replays everything from last_event_id=0, and ignores a frame whose client_id was already sent', async () => {
    const s = await openSession();
    const live = await connectChat(s);
    live.ws.send(JSON.stringify({ type: 'message', text: 'hello', client_id: 'c-1' }));
    live.ws.send(JSON.stringify({ type: 'message', text: 'hello', client_id: 'c-1' }));
    // A third message is answered after anything the second could have queued (one queue, in order):
    // when its turn is done, a second turn for c-1 would have been done before it.
    live.ws.send(JSON.stringify({ type: 'message', text: 'thanks', client_id: 'c-2' }));
    await live.waitFor((e) => e.filter((x) => x.type === 'turn_done').length >= 2);
    const asked = live.events.flatMap((e) => (e.type === 'message' && e.message.role === 'user' ? [e.message.client_id] : []));
    expect(asked).toEqual(['c-1', 'c-2']);
    expect(live.events.filter((e) => e.type === 'turn_done')).toHaveLength(2);
    const fromStart = await connectChat(s, { lastEventId: 0 });
    await fromStart.waitFor((e) => e.some((x) => x.type === 'turn_done'));
    const replayed = fromStart.events.filter((e) => e.type !== 'session');
    expect(replayed[0]!.id).toBe(1);
    expect(replayed.find((e) => e.type === 'message')).toMatchObject({ message: { role: 'user', content: 'hello', client_id: 'c-1' } });
  });

  it('refuses upgrades without the token subprotocol or with a token for another session', async () => {
    const s = await openSession();
    const other = await openSession();
    const noToken = await exports.default.fetch(
      new Request(`${BASE}/api/v1/chat/session/${s.session_id}/ws`, { headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': CHAT_SUBPROTOCOL } }),
    );
    expect(noToken.status).toBe(401);
    const wrong = await exports.default.fetch(
      new Request(`${BASE}/api/v1/chat/session/${s.session_id}/ws`, {
        headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': `${CHAT_SUBPROTOCOL}, bearer.${other.token}` },
      }),
    );
    expect(wrong.status).toBe(403);
  });
});

describe('idle sessions', () => {
  it('are marked abandoned by the alarm after the idle timeout', async () => {
    const s = await openSession();
    await say(s, 'hello');
    await runInDurableObject(stubOf(s), (_i: ChatSession, state) => {
      const row = state.storage.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'session'").one();
      const meta = JSON.parse(row.value);
      meta.last_activity_at -= 31 * 60_000;
      state.storage.sql.exec("UPDATE meta SET value = ? WHERE key = 'session'", JSON.stringify(meta));
    });
    // As an object that restarts half an hour later finds its storage (a live object keeps its own copy of the meta).
    await evictDurableObject(stubOf(s));
    expect(await runDurableObjectAlarm(stubOf(s))).toBe(true);
    const row = await env.DB.prepare('SELECT status FROM interactions WHERE session_id = ?').bind(s.session_id).first<{ status: string }>();
    expect(row?.status).toBe('abandoned');
  });
});
