// Staff takeover end to end inside workerd: the conversation queue, taking a chat from the AI, replying
// as a person, handing it back; over HTTP, SSE and WebSockets, with the offline model and real D1.
import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { ChatSession } from '../durable-objects/chat-session';
import { SessionStore } from '../durable-objects/session/store';
import type { Principal } from '../worker/auth/principal';
import { signToken } from '../worker/auth/tokens';
import { readEvents } from '../worker/chat/sessions';
import type { ServerEvent } from '../worker/protocol/chat';
import { call, connectChat, openSession, say as sayAny, type OpenedSession } from './http-helpers';

/** A customer's message over POST /api/v1/chat/message, with the field this feature adds. */
const say = async (s: OpenedSession, message: string) => (await sayAny(s, message)) as Awaited<ReturnType<typeof sayAny>> & { handled_by: 'ai' | 'staff' };

/** Retries `check` until it passes (D1 copies are written by the session's outbox, just after the reply). */
const eventually = <T>(read: () => Promise<T>, check: (value: T) => void): Promise<T> =>
  vi.waitFor(
    async () => {
      const value = await read();
      check(value);
      return value;
    },
    { timeout: 2000, interval: 20 },
  );

const staffToken = () => signToken(env, { sub: 'alice', role: 'staff', name: 'Alice Staff' });
const adminToken = () => signToken(env, { sub: 'root', role: 'admin', name: 'Ada Admin' });
const stubOf = (s: OpenedSession) => env.ChatSession.getByName(s.session_id);
const post = (path: string, token: string, body?: unknown) =>
  call(path, { method: 'POST', token, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const sessionPath = (s: OpenedSession, action = '') => `/api/v1/chat/session/${s.session_id}${action ? `/${action}` : ''}`;
const transcriptOf = async (s: OpenedSession) => (await call(sessionPath(s), { token: s.token })).body;
const d1Status = async (s: OpenedSession) =>
  (await env.DB.prepare('SELECT status FROM interactions WHERE session_id = ?').bind(s.session_id).first<{ status: string }>())?.status;

/** The session's own customer, as its token says (what the Worker hands the session object). */
const customerOf = (s: OpenedSession): Principal => ({ kind: 'user', subject: `visitor:${s.session_id}`, role: 'customer', sessionId: s.session_id });


/** A D1 binding whose batches wait for `gate`: the session's outbox stalls, as on a slow database. */
function gatedD1(real: D1Database, gate: Promise<void>): D1Database {
  return {
    prepare: (query: string) => real.prepare(query),
    batch: async (statements: D1PreparedStatement[]) => {
      await gate;
      return real.batch(statements);
    },
  } as unknown as D1Database;
}

describe('the conversation queue (list_conversations)', () => {
  it('shows staff a newly escalated conversation first, with its latest message; customers get 403', async () => {
    const quiet = await openSession({ customer_name: 'Quinn Quiet' });
    const urgent = await openSession({ customer_name: 'Una Urgent', customer_email: 'una@example.com' });
    await say(urgent, `My basement is flooding ${'and the water keeps rising '.repeat(10)}`);
    await say(quiet, 'What are your hours?');
    const staff = await staffToken();
    expect((await post(sessionPath(urgent, 'takeover'), staff)).res.status).toBe(200);

    const { res, body } = await call('/api/v1/conversations?limit=200', { token: staff });
    expect(res.status).toBe(200);
    const list = body.conversations as { session_id: string; status: string; updated_at: string }[];
    expect(list[0]).toMatchObject({ session_id: urgent.session_id, status: 'escalated', channel: 'chat', number: urgent.interaction_number });
    expect(list[0]).toMatchObject({ customer_name: 'Una Urgent', customer_email: 'una@example.com', created_at: expect.stringMatching(/Z$/) });
    // Escalated first, then the most recently updated.
    const firstOther = list.findIndex((c) => c.status !== 'escalated');
    if (firstOther >= 0) expect(list.slice(firstOther).every((c) => c.status !== 'escalated')).toBe(true);
    const rest = list.slice(Math.max(firstOther, 0));
    expect(rest.map((c) => c.updated_at)).toEqual([...rest.map((c) => c.updated_at)].sort().reverse());
    // The latest user/assistant/staff words: here the AI's reply about opening hours.
    await eventually(
      () => call('/api/v1/conversations?status=open&limit=200', { token: staff }),
      ({ body: open }) => {
        const row = open.conversations.find((c: { session_id: string }) => c.session_id === quiet.session_id);
        expect(row).toMatchObject({ status: 'open', last_message: expect.stringMatching(/Monday/) });
        expect(row.last_message.length).toBeLessThanOrEqual(200);
      },
    );

    const filtered = await call('/api/v1/conversations?status=escalated&channel=chat&limit=5', { token: await adminToken() });
    expect(filtered.res.status).toBe(200);
    expect(filtered.body.conversations.length).toBeLessThanOrEqual(5);
    expect(filtered.body.conversations.every((c: { status: string }) => c.status === 'escalated')).toBe(true);
    expect((await call('/api/v1/conversations?limit=500', { token: staff })).res.status).toBe(400);

    const asCustomer = await call('/api/v1/conversations', { token: urgent.token });
    expect(asCustomer.res.status).toBe(403);
    expect(asCustomer.body.error.code).toBe('forbidden');
    expect((await call('/api/v1/conversations')).res.status).toBe(401);
  });

  it('previews a long message cut to 200 characters', async () => {
    const s = await openSession();
    const staff = await staffToken();
    await post(sessionPath(s, 'takeover'), staff);
    await say(s, 'x'.repeat(300));
    await eventually(
      () => call('/api/v1/conversations?status=escalated&limit=200', { token: staff }),
      ({ body }) => expect(body.conversations.find((c: { session_id: string }) => c.session_id === s.session_id).last_message).toBe('x'.repeat(200)),
    );
  });
});

describe('taking a conversation over', () => {
  it('stops AI replies: the customer’s message is stored, handled_by staff, and the stream says waiting_for_staff', async () => {
    const s = await openSession();
    await say(s, 'hello');
    const staff = await staffToken();
    const taken = await post(sessionPath(s, 'takeover'), staff);
    expect(taken.res.status).toBe(200);
    expect(taken.body).toEqual({ session_id: s.session_id, mode: 'human', agent: 'alice' });
    expect(await d1Status(s)).toBe('escalated');

    const reply = await say(s, 'Is someone there?');
    expect(reply).toMatchObject({ response: '', handled_by: 'staff', function_calls: [] });
    const compat = await call(`/chat/sessions/${s.session_id}/messages`, { method: 'POST', token: s.token, body: JSON.stringify({ message: 'Hello?' }) });
    expect(compat.body).toEqual({ message: '', sources: [], requires_escalation: true });

    const sse = await call('/api/v1/chat/message', {
      method: 'POST',
      token: s.token,
      headers: { Accept: 'text/event-stream' },
      body: JSON.stringify({ session_id: s.session_id, message: 'Still waiting' }),
    });
    const events = sse.text
      .split('\n\n')
      .filter((block) => block.includes('data:'))
      .map((block) => JSON.parse(block.split('\n').find((l) => l.startsWith('data:'))!.slice(5)));
    expect(events.map((e) => e.type)).toEqual(['message', 'waiting_for_staff']);

    const transcript = await transcriptOf(s);
    expect(transcript).toMatchObject({ mode: 'human', agent: 'alice' });
    const after = transcript.messages.slice(transcript.messages.findIndex((m: { content: string }) => m.content === 'Is someone there?'));
    expect(after.map((m: { role: string }) => m.role)).toEqual(['user', 'user', 'user']);
  });

  it('holds a customer’s WebSocket message for staff, and shows the mode on connect', async () => {
    const s = await openSession();
    await post(sessionPath(s, 'takeover'), await staffToken());
    const tab = await connectChat(s);
    await tab.waitFor((e) => e.some((x) => x.type === 'session'));
    expect(tab.events[0]).toMatchObject({ type: 'session', mode: 'human', agent: 'alice', status: 'escalated' });
    tab.ws.send(JSON.stringify({ type: 'message', text: 'anyone?', client_id: 'w-1' }));
    await tab.waitFor((e) => e.some((x) => x.type === 'waiting_for_staff'));
    expect(tab.events.some((x) => x.type === 'turn_started' || x.type === 'turn_done')).toBe(false);
    expect(tab.events.find((x) => x.type === 'message')).toMatchObject({ message: { role: 'user', content: 'anyone?', client_id: 'w-1' } });
    tab.ws.close(1000, 'done');
  });

  it('delivers a staff reply live to the customer’s socket and stores it with role staff, in the transcript and in D1', async () => {
    const s = await openSession();
    const staff = await staffToken();
    await post(sessionPath(s, 'takeover'), staff);
    const customer = await connectChat(s);
    const console_ = await connectChat(s, { token: staff });
    const sent = await post(sessionPath(s, 'staff-message'), staff, { message: '  Hi, this is Alice from the team.  ' });
    expect(sent.res.status).toBe(200);
    expect(sent.body.message).toMatchObject({ role: 'staff', content: 'Hi, this is Alice from the team.', seq: expect.any(Number) });
    for (const tab of [customer, console_]) {
      await tab.waitFor((e) => e.some((x) => x.type === 'message' && x.message.role === 'staff'));
      expect(tab.events.find((x) => x.type === 'message')).toMatchObject({ message: sent.body.message });
    }
    expect((await transcriptOf(s)).messages.at(-1)).toEqual(sent.body.message);
    const row = await env.DB.prepare('SELECT m.role, m.content FROM messages m JOIN interactions i ON i.id = m.interaction_id WHERE i.session_id = ? AND m.seq = ?')
      .bind(s.session_id, sent.body.message.seq)
      .first();
    expect(row).toEqual({ role: 'staff', content: 'Hi, this is Alice from the team.' });
    customer.ws.close(1000, 'done');
    console_.ws.close(1000, 'done');
  });

  it('refuses customers (403), replies without a takeover (409), empty replies (400) and unknown sessions (404)', async () => {
    const s = await openSession();
    const staff = await staffToken();
    for (const action of ['takeover', 'staff-message', 'handback']) {
      const refused = await post(sessionPath(s, action), s.token, { message: 'I am staff, honest' });
      expect(refused.res.status, action).toBe(403);
      expect((await post(sessionPath(s, action), '', { message: 'x' })).res.status, action).toBe(401);
    }
    const early = await post(sessionPath(s, 'staff-message'), staff, { message: 'Hello from staff' });
    expect(early.res.status).toBe(409);
    expect(early.body.error.code).toBe('conflict');
    await post(sessionPath(s, 'takeover'), staff);
    expect((await post(sessionPath(s, 'staff-message'), staff, { message: '   ' })).res.status).toBe(400);
    expect((await post(sessionPath(s, 'staff-message'), staff, { message: 'x'.repeat(4001) })).res.status).toBe(413);
    const unknown = { session_id: crypto.randomUUID() } as OpenedSession;
    for (const action of ['takeover', 'staff-message', 'handback']) {
      expect((await post(sessionPath(unknown, action), staff, { message: 'hi' })).res.status, action).toBe(404);
    }
    // None of it reached the conversation, and the customer's own route cannot post as staff either.
    expect((await transcriptOf(s)).messages.filter((m: { role: string }) => m.role === 'staff')).toEqual([]);
  });

  it('hands back: the next message gets an AI reply, with the staff messages in the model history', async () => {
    const s = await openSession();
    const staff = await staffToken();
    await post(sessionPath(s, 'takeover'), staff);
    await say(s, 'I want to talk about my bill');
    await post(sessionPath(s, 'staff-message'), staff, { message: 'Your refund of $40 was sent today.' });
    const tab = await connectChat(s);
    const back = await post(sessionPath(s, 'handback'), staff);
    expect(back.res.status).toBe(200);
    expect(back.body).toEqual({ session_id: s.session_id, mode: 'ai' });
    await tab.waitFor((e) => e.some((x) => x.type === 'session' && x.mode === 'ai'));
    expect(tab.events.find((x) => x.type === 'session' && x.mode === 'ai')).not.toHaveProperty('agent');
    expect(await transcriptOf(s)).toMatchObject({ mode: 'ai', agent: null });
    // Staff messages are no longer accepted once the AI has the conversation back.
    expect((await post(sessionPath(s, 'staff-message'), staff, { message: 'one more thing' })).res.status).toBe(409);

    const reply = await say(s, 'What are your hours?');
    expect(reply.handled_by).toBe('ai');
    expect(reply.response).toMatch(/Monday/);
    // What the turn gave the model: the staff reply, as the assistant's, after the customer's question.
    const history = await runInDurableObject(stubOf(s), (_i: ChatSession, state) => new SessionStore(state.storage.sql).modelHistory());
    const staffAt = history.findIndex((m) => m.role === 'assistant' && m.content === 'Your refund of $40 was sent today.');
    expect(staffAt).toBeGreaterThan(0);
    expect(history[staffAt - 1]).toEqual({ role: 'user', content: 'I want to talk about my bill' });
    expect(history.slice(staffAt + 1).find((m) => m.role === 'user')).toEqual({ role: 'user', content: 'What are your hours?' });
    tab.ws.close(1000, 'done');
  });

  it('lets a running AI turn finish when staff takes over mid-turn; later messages wait for staff', async () => {
    const s = await openSession();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    await runInDurableObject(stubOf(s), (_i: ChatSession, state) => {
      // Forget the interaction's D1 id: the next turn then waits on the (stalled) outbox before it asks the model.
      const row = state.storage.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'session'").one();
      const { interaction_id: _id, ...meta } = JSON.parse(row.value);
      state.storage.sql.exec("UPDATE meta SET value = ? WHERE key = 'session'", JSON.stringify(meta));
    });
    // Restarted with that storage (a live object keeps its own copy of the meta), then its D1 stalls.
    await evictDurableObject(stubOf(s));
    await runInDurableObject(stubOf(s), (instance: ChatSession) => {
      instance.d1 = gatedD1(env.DB, gate);
    });
    const sent = await stubOf(s).send(customerOf(s), 'What are your hours?');
    if (!sent.ok) throw new Error(JSON.stringify(sent.error));
    const events = readEvents(sent.data.stream);
    expect((await events.next()).value).toMatchObject({ type: 'message', message: { role: 'user' } });
    // The turn is running (stored its message, now waiting on D1): take over now.
    const taking = post(sessionPath(s, 'takeover'), await staffToken());
    await expect.poll(async () => (await transcriptOf(s)).mode, { timeout: 2000, interval: 5 }).toBe('human');
    open();
    const rest: ServerEvent[] = [];
    for await (const e of events) rest.push(e);
    expect(rest.map((e) => e.type)).not.toContain('waiting_for_staff');
    const done = rest.find((e) => e.type === 'turn_done');
    expect(done && done.type === 'turn_done' && done.message.content).toMatch(/Monday/);
    expect((await taking).res.status).toBe(200);
    await runInDurableObject(stubOf(s), (instance: ChatSession) => {
      instance.d1 = env.DB;
    });
    expect(await say(s, 'Thanks, one more question')).toMatchObject({ handled_by: 'staff', response: '' });
    expect(await d1Status(s)).toBe('escalated');
  });

  it('survives eviction: still human, and a held message is not answered by the AI on restart', async () => {
    const s = await openSession();
    await post(sessionPath(s, 'takeover'), await staffToken());
    await say(s, 'Waiting for a person');
    await evictDurableObject(stubOf(s));
    const transcript = await transcriptOf(s);
    expect(transcript).toMatchObject({ mode: 'human', agent: 'alice' });
    // The restarted object queued whatever it resumes when it woke (for the read above); a message sent now
    // is answered after all of it, on the same queue. So once it is, any AI answer to the held message
    // would already be in the transcript, between the two customer messages.
    expect(await say(s, 'Hello?')).toMatchObject({ handled_by: 'staff', response: '' });
    expect((await transcriptOf(s)).messages.slice(-2)).toMatchObject([
      { role: 'user', content: 'Waiting for a person' },
      { role: 'user', content: 'Hello?' },
    ]);
  });

  it('on hand-back the AI answers the question the customer asked during the takeover that staff left unanswered', async () => {
    const s = await openSession();
    const staff = await staffToken();
    await post(sessionPath(s, 'takeover'), staff);
    const tab = await connectChat(s);
    expect(await say(s, 'What are your hours on Saturday?')).toMatchObject({ handled_by: 'staff', response: '' });
    expect((await post(sessionPath(s, 'handback'), staff)).res.status).toBe(200);
    // Under the held message's own turn id, so the widget's waiting turn is the one that gets its answer.
    await tab.waitFor((e) => e.some((x) => x.type === 'turn_done'));
    const waiting = tab.events.find((x) => x.type === 'waiting_for_staff');
    const done = tab.events.find((x) => x.type === 'turn_done');
    expect(waiting).toMatchObject({ turn_id: expect.any(String) });
    expect(done).toMatchObject({ turn_id: waiting?.type === 'waiting_for_staff' ? waiting.turn_id : 'none', message: { role: 'assistant', content: expect.stringMatching(/Saturday/) } });
    expect((await transcriptOf(s)).messages.slice(-2).map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    tab.ws.close(1000, 'done');
  });

  it('does not answer on hand-back what staff already answered', async () => {
    const s = await openSession();
    const staff = await staffToken();
    await post(sessionPath(s, 'takeover'), staff);
    await say(s, 'Can you waive the diagnostic fee?');
    await post(sessionPath(s, 'staff-message'), staff, { message: 'Yes, I have waived it for you.' });
    await post(sessionPath(s, 'handback'), staff);
    // A message sent now is answered after anything hand-back queued, on the same queue.
    expect((await say(s, 'Thanks!')).handled_by).toBe('ai');
    const roles = (await transcriptOf(s)).messages.slice(-4).map((m: { role: string }) => m.role);
    expect(roles).toEqual(['user', 'staff', 'user', 'assistant']);
  });

  it('answers the unanswered question after a restart that came between hand-back and its turn', async () => {
    const s = await openSession();
    await post(sessionPath(s, 'takeover'), await staffToken());
    await say(s, 'What are your hours on Saturday?');
    // What a hand-back leaves in storage the moment it flips the mode (it is synchronous), before the answer's turn runs.
    await runInDurableObject(stubOf(s), (_instance: ChatSession, state) => {
      const store = new SessionStore(state.storage.sql);
      const { agent: _agent, ...meta } = store.meta()!;
      store.saveMeta({ ...meta, mode: 'ai' });
    });
    await evictDurableObject(stubOf(s));
    await expect
      .poll(async () => (await transcriptOf(s)).messages.at(-1), { timeout: 3000, interval: 20 })
      .toMatchObject({ role: 'assistant', content: expect.stringMatching(/Saturday/) });
  });
});
