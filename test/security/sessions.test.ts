// Findings 2 and 3: a turn in a customer's conversation acts with the conversation owner's rights,
// and a stored tool result replays only within the turn that made it. Everything goes through the
// Worker (exports.default.fetch) into the real session Durable Object; where the model must call
// tools, the object's model is the real openai client against the fake provider (test/fake-openai),
// scripted per test. Bookings here are in May 2034, which no other file uses.
import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import type { ChatSession } from '../../durable-objects/chat-session';
import { runTurn } from '../../worker/agent/loop';
import type { ToolResultStore } from '../../worker/agent/tool-call';
import type { ChatModel, ModelMessage } from '../../worker/agent/model';
import { OpenAIChatModel } from '../../worker/agent/openai-model';
import { signToken } from '../../worker/auth/tokens';
import type { ServerEvent } from '../../worker/protocol/chat';
import { TOOLS } from '../../worker/tools/catalog';
import { selectTools, type ToolResult } from '../../worker/tools/registry';
import type { FakeStep } from '../fake-openai/server.ts';
import { ctxFor, customerA, staff as staffPrincipal } from '../helpers';
import { call, connectChat, openSession, say, type OpenedSession } from '../http-helpers';

const baseURL = inject('fakeOpenAIUrl');
const origin = new URL(baseURL).origin;
const staffToken = () => signToken(env, { sub: 'alice', role: 'staff', name: 'Alice Staff' }, '1h');
const stubOf = (s: OpenedSession) => env.ChatSession.getByName(s.session_id);
const MAY_2034 = { date_from: '2034-05-01', date_to: '2034-05-31' };

/** Another customer's details, as staff typed them when that customer phoned in. */
const VICTIM = { name: 'Quentin Quarry', phone: '(312) 555-0142', digits: '5550142', address: '77 Hidden Court, Chicago, IL' };
const leaks = (text: string) => [VICTIM.name, VICTIM.digits, '555-0142', VICTIM.address].filter((needle) => text.includes(needle));

let victimBooked: Promise<string> | undefined;
/** Staff book the other customer once per file (the slot is unique per employee). */
function victimBooking(): Promise<string> {
  victimBooked ??= (async () => {
    const created = await call('/api/v1/bookings', {
      method: 'POST',
      token: await staffToken(),
      body: JSON.stringify({ service: 'drain-cleaning', start: '2034-05-02T10:00', customer_name: VICTIM.name, phone: VICTIM.phone, address: VICTIM.address }),
    });
    expect(created.res.status, created.text).toBe(201);
    return (created.body as { number: string }).number;
  })();
  return victimBooked;
}

async function scenario(steps: FakeStep[]): Promise<string> {
  const id = `sessions-${crypto.randomUUID()}`;
  const res = await fetch(`${origin}/__scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, steps }) });
  expect(res.status).toBe(201);
  return id;
}
const received = async (id: string) => (await (await fetch(`${origin}/__scenarios/${encodeURIComponent(id)}/requests`)).json()) as { messages: ModelMessage[] }[];
const fakeModel = (id: string): ChatModel => new OpenAIChatModel({ apiKey: 'sk-test', baseURL, model: id });

/** This session's object answers with the scripted fake provider (until it is evicted). */
async function useFakeModel(s: OpenedSession, id: string): Promise<void> {
  await runInDurableObject(stubOf(s), (instance: ChatSession) => {
    (instance as unknown as { model: () => ChatModel }).model = () => fakeModel(id);
  });
}

/** Every ChatSession object of this file answers with the fake provider, also one woken after an eviction. */
let restoreModel: (() => void) | undefined;
async function useFakeModelEverywhere(s: OpenedSession, id: string): Promise<void> {
  await runInDurableObject(stubOf(s), (instance: ChatSession) => {
    const proto = Object.getPrototypeOf(instance) as { model: () => ChatModel };
    const original = proto.model;
    proto.model = () => fakeModel(id);
    restoreModel = () => void (proto.model = original);
  });
}
afterEach(() => {
  restoreModel?.();
  restoreModel = undefined;
});

/** The DO's own storage: every message of the conversation (what the model reads) and every stored tool result. */
const storedText = (s: OpenedSession) =>
  runInDurableObject(stubOf(s), (_i: ChatSession, state) =>
    JSON.stringify(state.storage.sql.exec('SELECT * FROM messages').toArray()) + JSON.stringify(state.storage.sql.exec('SELECT * FROM tool_results').toArray()),
  );

/** The tool message the model was given for `callId` in the last request that carried one. */
function toolResultSent(requests: { messages: ModelMessage[] }[], callId: string): string | undefined {
  for (const r of [...requests].reverse()) {
    const m = r.messages.findLast((x) => x.role === 'tool' && x.tool_call_id === callId);
    if (m) return String(m.content);
  }
  return undefined;
}

// A chat turn's audit rows reach D1 through the session's outbox, just after the reply: tests wait for them.
const auditRows = (subject: string, tool: string) =>
  env.DB.prepare("SELECT role, surface FROM audit_log WHERE subject = ? AND tool = ? AND surface = 'chat' ORDER BY id").bind(subject, tool).all<{ role: string; surface: string }>();

const STAFF_REFUSAL = /takeover.*staff-message/i;

describe('finding 2: staff tokens never run an AI turn in a customer’s conversation', () => {
  it('POST /chat/message with a staff token: 403, no AI turn; the customer’s transcript and later model request carry no other customer’s details', async () => {
    await victimBooking();
    const s = await openSession({ customer_name: 'Casey Customer' });
    // What the model does with the staff message: list every booking of May 2034 (staff see everyone's).
    const staffTurn = await scenario([{ toolCalls: [{ id: 'call_probe_list', name: 'list_bookings', arguments: JSON.stringify(MAY_2034) }] }, { reply: 'Here are the bookings.' }]);
    await useFakeModel(s, staffTurn);
    // The probe: staff write an ordinary chat message into the customer's session.
    const probe = await call('/api/v1/chat/message', {
      method: 'POST',
      token: await staffToken(),
      body: JSON.stringify({ session_id: s.session_id, message: 'List every booking in May 2034' }),
    });
    // The customer carries on in their own conversation.
    const customerTurn = await scenario([{ reply: 'Happy to help.' }]);
    await useFakeModel(s, customerTurn);
    await say(s, 'Thanks! Is there anything else I should know?');

    const transcript = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    const requests = await received(customerTurn);
    expect(requests).toHaveLength(1);
    expect.soft(leaks(JSON.stringify(requests[0])), 'the customer’s model request carries another customer’s details').toEqual([]);
    expect.soft(leaks(await storedText(s)), 'the model history holds another customer’s booking').toEqual([]);
    expect.soft(leaks(transcript.text), 'the customer reads another customer’s booking').toEqual([]);

    expect(probe.res.status, probe.text).toBe(403);
    expect(probe.body.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(STAFF_REFUSAL) });
    // No AI turn for the staff message: no model request, and the transcript has only the customer's message.
    expect(await received(staffTurn)).toHaveLength(0);
    expect(transcript.body.messages.filter((m: { role: string }) => m.role === 'user').map((m: { content: string }) => m.content)).toEqual([
      'Thanks! Is there anything else I should know?',
    ]);
  });

  it('the SSE form of POST /chat/message refuses a staff token the same way, before any stream', async () => {
    const s = await openSession();
    const id = await scenario([{ reply: 'should not run' }]);
    await useFakeModel(s, id);
    const sse = await call('/api/v1/chat/message', {
      method: 'POST',
      token: await staffToken(),
      headers: { Accept: 'text/event-stream' },
      body: JSON.stringify({ session_id: s.session_id, message: 'hello' }),
    });
    expect(sse.res.status, sse.text).toBe(403);
    expect(sse.res.headers.get('content-type')).toContain('application/json');
    expect(sse.body.error.message).toMatch(STAFF_REFUSAL);
    expect(await received(id)).toHaveLength(0);
  });

  it('the compatibility routes refuse staff tokens: /chat/sessions/:id/messages and /api/:user_id/chat', async () => {
    const s = await openSession();
    const id = await scenario([{ reply: 'should not run' }]);
    await useFakeModel(s, id);
    const token = await staffToken();
    const compat = await call(`/chat/sessions/${s.session_id}/messages`, { method: 'POST', token, body: JSON.stringify({ message: 'hello' }) });
    expect(compat.res.status, compat.text).toBe(403);
    expect(compat.body.error.message).toMatch(STAFF_REFUSAL);
    const intoCustomers = await call('/api/alice/chat', { method: 'POST', token, body: JSON.stringify({ conversation_id: s.session_id, message: 'hello' }) });
    expect(intoCustomers.res.status, intoCustomers.text).toBe(403);
    expect(intoCustomers.body.error.message).toMatch(STAFF_REFUSAL);
    expect(await received(id)).toHaveLength(0);
    // A new conversation of their own is no way around it either: no AI turn runs with staff tools.
    const fresh = await call('/api/alice/chat', { method: 'POST', token, body: JSON.stringify({ message: 'List every booking in May 2034' }) });
    expect(fresh.res.status, fresh.text).toBe(403);
    expect(fresh.body.error.message).toMatch(STAFF_REFUSAL);
    // A customer still uses the compat route as before.
    const own = await call(`/chat/sessions/${s.session_id}/messages`, { method: 'POST', token: s.token, body: JSON.stringify({ message: 'hello' }) });
    expect(own.res.status, own.text).toBe(200);
  });

  it('a staff socket may watch, but its message frames get a forbidden error and no turn', async () => {
    const s = await openSession();
    const id = await scenario([{ reply: 'should not run' }]);
    await useFakeModel(s, id);
    const watcher = await connectChat(s, { token: await staffToken() });
    const customer = await connectChat(s);
    watcher.ws.send(JSON.stringify({ type: 'message', text: 'List every booking in May 2034', client_id: 'staff-1' }));
    // The refusal is decided before anything is queued: once the error is here, no turn can follow it.
    await watcher.waitFor((e) => e.some((x) => x.type === 'error' || x.type === 'turn_started'));
    const error = watcher.events.find((e) => e.type === 'error') as Extract<ServerEvent, { type: 'error' }> | undefined;
    expect(error, JSON.stringify(watcher.events)).toMatchObject({ code: 'forbidden', message: expect.stringMatching(STAFF_REFUSAL) });
    const started = (events: ServerEvent[]) => events.filter((e) => e.type === 'turn_started' || e.type === 'message');
    expect(started(watcher.events)).toEqual([]);
    expect(started(customer.events)).toEqual([]);
    expect(await received(id)).toHaveLength(0);
    watcher.ws.close(1000, 'done');
    customer.ws.close(1000, 'done');
  });

  it('the session object itself refuses a staff sender, whoever calls it', async () => {
    const s = await openSession();
    const result = await stubOf(s).send(staffPrincipal, 'hello from the RPC', undefined);
    if (result.ok) await result.data.stream.cancel();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(STAFF_REFUSAL) });
  });

  it('a turn resumed after a restart acts as the session’s owner, even if a staff principal was recorded for it', async () => {
    await victimBooking();
    const s = await openSession({ customer_name: 'Rita Restart' });
    const id = await scenario([{ toolCalls: [{ id: 'call_resumed', name: 'list_bookings', arguments: JSON.stringify(MAY_2034) }] }, { reply: 'Done.' }]);
    // As left by an object before this fix: a staff message accepted into the inbox, and staff as the last sender.
    await runInDurableObject(stubOf(s), (_i: ChatSession, state) => {
      const sql = state.storage.sql;
      const meta = JSON.parse(sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'session'").one().value);
      sql.exec("UPDATE meta SET value = ? WHERE key = 'session'", JSON.stringify({ ...meta, last_principal: staffPrincipal }));
      sql.exec('INSERT INTO inbox (text, principal, turn_id, created_at) VALUES (?, ?, ?, ?)', 'List every booking in May 2034', JSON.stringify(staffPrincipal), crypto.randomUUID(), Date.now());
    });
    await useFakeModelEverywhere(s, id);
    await evictDurableObject(stubOf(s));
    // Any request wakes the object, which resumes the turn; the fake model then sees its two rounds.
    await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    const requests: { messages: ModelMessage[] }[] = await vi.waitFor(
      async () => {
        const seen = await received(id);
        expect(seen.length).toBeGreaterThanOrEqual(2);
        return seen;
      },
      { timeout: 4000, interval: 20 },
    );
    const sent = toolResultSent(requests, 'call_resumed');
    expect(sent, 'the resumed turn ran list_bookings').toBeDefined();
    expect(leaks(sent!)).toEqual([]);
    await vi.waitFor(async () => expect((await auditRows(`visitor:${s.session_id}`, 'list_bookings')).results).toEqual([{ role: 'customer', surface: 'chat' }]));
  });
});

describe('finding 3: a stored tool result replays only within the turn that made it', () => {
  it('a customer turn reusing the call id of a staff turn gets its own, permission-checked result', async () => {
    await victimBooking();
    const s = await openSession({ customer_name: 'Ivy Idreuse' });
    const listMay = { toolCalls: [{ id: 'call_shared_id', name: 'list_bookings', arguments: JSON.stringify(MAY_2034) }] };
    const staffTurn = await scenario([listMay, { reply: 'Listed.' }]);
    await useFakeModel(s, staffTurn);
    await call('/api/v1/chat/message', { method: 'POST', token: await staffToken(), body: JSON.stringify({ session_id: s.session_id, message: 'List May 2034' }) });
    // The customer's turn asks for the same call id.
    const id = await scenario([listMay, { reply: 'Listed.' }]);
    await useFakeModel(s, id);
    await say(s, 'What do I have booked in May 2034?');
    const requests = await received(id);
    const sent = toolResultSent(requests, 'call_shared_id');
    expect(sent).toBeDefined();
    expect(leaks(sent!), 'the customer’s turn was answered with the staff turn’s stored result').toEqual([]);
    expect(JSON.parse(sent!)).toMatchObject({ ok: true, data: { bookings: [] } });
    await vi.waitFor(async () => expect((await auditRows(`visitor:${s.session_id}`, 'list_bookings')).results).toEqual([{ role: 'customer', surface: 'chat' }]));
  });

  it('a later turn of the same customer that reuses a call id runs the tool it names, checked, instead of replaying', async () => {
    const s = await openSession();
    const id = await scenario([
      { toolCalls: [{ id: 'call_again', name: 'list_services', arguments: '{}' }] },
      { reply: 'We offer lots.' },
      { toolCalls: [{ id: 'call_again', name: 'list_bookings', arguments: JSON.stringify(MAY_2034) }] },
      { reply: 'Nothing booked.' },
      { toolCalls: [{ id: 'call_again', name: 'list_services', arguments: '{}' }] },
      { reply: 'Still lots.' },
    ]);
    await useFakeModel(s, id);
    await say(s, 'What services do you offer?');
    await say(s, 'What do I have booked in May 2034?');
    const second = toolResultSent(await received(id), 'call_again');
    expect(JSON.parse(second!)).toMatchObject({ ok: true, data: { bookings: [], has_more: false } });
    await say(s, 'And the services again?');
    const subject = `visitor:${s.session_id}`;
    // Each turn ran its own call: a same-named call in a later turn is not answered from the first turn's result either.
    await vi.waitFor(async () => expect((await auditRows(subject, 'list_services')).results).toHaveLength(2));
    await vi.waitFor(async () => expect((await auditRows(subject, 'list_bookings')).results).toHaveLength(1));
  });

  it('runTurn never replays a stored result for a tool the caller is not offered, nor under another tool’s name', async () => {
    // A result some staff call stored under this id.
    const staffOnly: ToolResult = { ok: true, data: { conversations: [{ customer: VICTIM.name }] } };
    const stored = new Map<string, { tool: string; result: ToolResult }>([
      ['call_planted', { tool: 'list_conversations', result: staffOnly }],
      ['call_other', { tool: 'get_booking', result: { ok: true, data: { number: 'BK-2034-999999', customer: { name: VICTIM.name } } } }],
    ]);
    // The loop asks the turn's store with the call's id and tool name; what it is not offered it must not replay at all.
    const store: ToolResultStore = {
      get: (callId: string, tool?: string) => {
        const hit = stored.get(callId);
        return hit && (tool === undefined || hit.tool === tool) ? hit.result : undefined;
      },
      put: () => undefined,
    };
    const id = await scenario([
      {
        toolCalls: [
          { id: 'call_planted', name: 'list_conversations', arguments: '{}' },
          { id: 'call_other', name: 'list_services', arguments: '{}' },
        ],
      },
      { reply: 'ok' },
    ]);
    {
      await runTurn({
        model: fakeModel(id),
        messages: [{ role: 'system', content: 'test' }, { role: 'user', content: 'hi' }],
        tools: selectTools(TOOLS, customerA),
        ctx: ctxFor(customerA),
        store,
        hooks: { onTextDelta: () => undefined, onToolStarted: () => undefined, onToolFinished: () => undefined, onMessage: () => undefined },
      });
    }
    const requests = await received(id);
    for (const r of [requests[1]!]) {
      const planted = JSON.parse(String(r.messages.find((m) => m.role === 'tool' && m.tool_call_id === 'call_planted')!.content));
      expect(planted).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const other = JSON.parse(String(r.messages.find((m) => m.role === 'tool' && m.tool_call_id === 'call_other')!.content));
      expect(other).toMatchObject({ ok: true, data: { services: expect.any(Array) } });
    }
  });

  it('keeps exactly-once for a replay of the same turn: a turn resumed after a restart is answered from its own stored result', async () => {
    const s = await openSession({ customer_name: 'Remy Replay' });
    const book = {
      toolCalls: [
        {
          id: 'call_book_once',
          name: 'create_booking',
          arguments: JSON.stringify({ service: 'drain-cleaning', start: '2034-05-08T13:00', customer_name: 'Remy Replay', phone: '312 555 0163', address: '5 Replay Rd, Chicago, IL' }),
        },
      ],
    };
    const id = await scenario([book, { reply: 'Booked.' }, book, { reply: 'Booked, again.' }]);
    await useFakeModelEverywhere(s, id);
    await say(s, 'Book a drain cleaning on May 8, 2034 at 1pm');
    // Cut the turn off after its tool ran and before the reply was stored, as a runtime dying mid-turn would.
    await runInDurableObject(stubOf(s), (_i: ChatSession, state) => {
      const lastUser = state.storage.sql.exec<{ seq: number }>("SELECT max(seq) AS seq FROM messages WHERE role = 'user'").one().seq;
      state.storage.sql.exec('DELETE FROM messages WHERE seq > ?', lastUser);
    });
    await evictDurableObject(stubOf(s));
    const lastMessage = async () => (await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token })).body.messages.at(-1).content as string;
    await expect.poll(lastMessage, { timeout: 4000, interval: 20 }).toBe('Booked, again.');
    const sent = toolResultSent(await received(id), 'call_book_once');
    expect(JSON.parse(sent!)).toMatchObject({ ok: true, data: { number: expect.stringMatching(/^BK-2034-/) } });
    const count = await env.DB.prepare("SELECT count(*) AS n FROM bookings WHERE address = '5 Replay Rd, Chicago, IL'").first<{ n: number }>();
    expect(count!.n).toBe(1);
    await vi.waitFor(async () => expect((await auditRows(`visitor:${s.session_id}`, 'create_booking')).results).toHaveLength(1));
  });
});
