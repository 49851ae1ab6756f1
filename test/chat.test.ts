// Chat sessions end to end inside workerd: the Worker, the session Durable Object, the offline model, real D1.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { toZoned } from '../worker/lib/zoned-time';
import { call, openSession, say } from './http-helpers';

describe('a chat session with the offline model', () => {
  it('opens with a number, a scoped token and a greeting', async () => {
    const s = await openSession({ customer_name: 'Pat Doe', customer_email: 'pat@example.com', referrer_url: 'https://brightside.example/pricing' });
    expect(s.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.interaction_number).toMatch(/^INT-\d{4}-\d{5}$/);
    expect(s.greeting).toContain('Pat');
    const row = await env.DB.prepare('SELECT * FROM interactions WHERE session_id = ?').bind(s.session_id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ number: s.interaction_number, channel: 'chat', status: 'open', customer_email: 'pat@example.com', referrer_url: 'https://brightside.example/pricing' });
  });

  it('books an appointment over several turns, and the transcript, booking and interaction agree', async () => {
    const s = await openSession();
    const steps: [string, RegExp][] = [
      ["Hi, I'd like to book a drain cleaning", /What day would suit you/],
      ['March 4, 2030 please', /10:00 AM.*Which time works/s],
      ['10am', /full name/],
      ['Pat Doe', /phone number/],
      ['312-555-0100', /address/],
      ['12 Oak Ave, Evanston, IL', /booked.*BK-2030-\d{6}/s],
    ];
    let last;
    for (const [message, expected] of steps) {
      last = await say(s, message);
      expect(last.response, message).toMatch(expected);
      expect(last.offline).toBe(true);
    }
    expect(last!.function_calls).toContainEqual(expect.objectContaining({ name: 'create_booking', ok: true }));
    const number = /BK-2030-\d{6}/.exec(last!.response)![0];
    const booking = await env.DB.prepare(
      'SELECT b.*, i.session_id FROM bookings b JOIN interactions i ON i.id = b.interaction_id WHERE b.number = ?',
    )
      .bind(number)
      .first<Record<string, unknown>>();
    expect(booking).toMatchObject({ session_id: s.session_id, address: '12 Oak Ave, Evanston, IL', status: 'confirmed' });
    const transcript = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    expect(transcript.res.status).toBe(200);
    expect(transcript.body.interaction_number).toBe(s.interaction_number);
    const texts = transcript.body.messages.map((m: { content: string }) => m.content);
    expect(texts.at(-1)).toContain(number);
    expect(texts).toContain('Pat Doe');
    // The reply that booked carries the booking, so a reloaded transcript can show the card.
    expect(transcript.body.messages.at(-1).bookings).toEqual([expect.objectContaining({ number, status: 'confirmed' })]);
    const d1Messages = await env.DB.prepare('SELECT count(*) AS n FROM messages m JOIN interactions i ON i.id = m.interaction_id WHERE i.session_id = ?')
      .bind(s.session_id)
      .first<{ n: number }>();
    // greeting + 6 user + 6 replies + the tool call/result pairs of the turns
    expect(d1Messages!.n).toBeGreaterThan(13);
  });
});

describe('streaming and knowledge answers', () => {
  it('streams a turn as SSE events (deltas, tool activity, done) and cites knowledge-base sources', async () => {
    const s = await openSession();
    const { res, text } = await call('/api/v1/chat/message', {
      method: 'POST',
      token: s.token,
      headers: { Accept: 'text/event-stream' },
      body: JSON.stringify({ session_id: s.session_id, message: 'What is your cancellation policy?' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = text
      .split('\n\n')
      .filter((block) => block.includes('data:'))
      .map((block) => JSON.parse(block.split('\n').find((l) => l.startsWith('data:'))!.slice(5)));
    const types = events.map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['message', 'turn_started']);
    expect(types).toContain('tool_started');
    expect(types.filter((t) => t === 'text_delta').length).toBeGreaterThan(3);
    expect(types.at(-1)).toBe('turn_done');
    const ids = events.map((e) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const done = events.at(-1);
    // The reply quotes the one article it opened, and cites that one (not every search hit).
    expect(done.message.sources).toHaveLength(1);
    expect(done.message.content).toMatch(/cancel/i);
    expect(done.message.content).toContain(`(Source: ${done.message.sources[0].title})`);
  });
});

describe('bad input and limits', () => {
  it('answers unknown sessions 404, other people’s 403, missing tokens 401', async () => {
    const a = await openSession();
    const b = await openSession();
    const unknown = await call('/api/v1/chat/message', {
      method: 'POST',
      token: a.token,
      body: JSON.stringify({ session_id: crypto.randomUUID(), message: 'hi' }),
    });
    expect(unknown.res.status).toBe(404);
    const theirs = await call('/api/v1/chat/message', { method: 'POST', token: a.token, body: JSON.stringify({ session_id: b.session_id, message: 'hi' }) });
    expect(theirs.res.status).toBe(403);
    expect((await call(`/api/v1/chat/session/${b.session_id}`, { token: a.token })).res.status).toBe(403);
    expect((await call(`/api/v1/chat/session/${b.session_id}`)).res.status).toBe(401);
  });

  it('refuses empty (400) and oversized (413) messages and keeps nothing of them', async () => {
    const s = await openSession();
    const send = (message: unknown) => call('/api/v1/chat/message', { method: 'POST', token: s.token, body: JSON.stringify({ session_id: s.session_id, message }) });
    expect((await send('   ')).res.status).toBe(400);
    expect((await send(42)).res.status).toBe(400);
    const big = await send('x'.repeat(4001));
    expect(big.res.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    const transcript = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    expect(transcript.body.messages.filter((m: { role: string }) => m.role === 'user')).toHaveLength(0);
  });

  it('answers a per-session flood with 429 and Retry-After, keeping the accepted messages', async () => {
    const s = await openSession();
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        call('/api/v1/chat/message', { method: 'POST', token: s.token, body: JSON.stringify({ session_id: s.session_id, message: `hello ${i}` }) }),
      ),
    );
    const statuses = results.map((r) => r.res.status);
    expect(statuses.filter((st) => st === 200)).toHaveLength(20);
    const limited = results.filter((r) => r.res.status === 429);
    expect(limited).toHaveLength(4);
    expect(Number(limited[0]!.res.headers.get('Retry-After'))).toBeGreaterThan(0);
    const transcript = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    expect(transcript.body.messages.filter((m: { role: string }) => m.role === 'user')).toHaveLength(20);
  });

  it('answers a per-IP flood of new sessions with 429 and Retry-After', async () => {
    const ip = '203.0.113.77';
    // The limiter counts in 60-second windows; a flood that straddles a window edge gets a fresh
    // budget once, so the first 429 comes after at least 60 and at most 120 accepted requests.
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 125 && !limited; i++) {
      const { res } = await call('/api/v1/chat/session/new', { method: 'POST', body: '{}', ip });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(limited, 'no 429 within 125 requests').toBeDefined();
    const accepted = statuses.length - 1;
    expect(statuses.slice(0, accepted).every((st) => st === 201)).toBe(true);
    expect(accepted).toBeGreaterThanOrEqual(60);
    expect(accepted).toBeLessThanOrEqual(120);
    expect(Number(limited!.headers.get('Retry-After'))).toBeGreaterThan(0);
  });
});

describe('numbers under concurrency', () => {
  it('gives 200 sessions opened at once 200 distinct, gap-free interaction numbers', async () => {
    // Numbers are per year in the business's zone (the year changes there, not at UTC midnight).
    const year = toZoned(Date.now(), env.BUSINESS_TIMEZONE).year;
    const before = await env.DB.prepare('SELECT value FROM counters WHERE name = ?').bind(`interaction:${year}`).first<{ value: number }>();
    const infos = await Promise.all(
      Array.from({ length: 200 }, () => {
        const id = crypto.randomUUID();
        return env.ChatSession.getByName(id).open({ session_id: id, owner_subject: `visitor:${id}` });
      }),
    );
    const values = infos.map((i) => Number(i.interaction_number.split('-')[2])).sort((a, b) => a - b);
    expect(new Set(values).size).toBe(200);
    const start = (before?.value ?? 0) + 1;
    expect(values).toEqual(Array.from({ length: 200 }, (_, i) => start + i));
  }, 30_000); // 200 objects created at once: seconds on a 2-core machine; the check is the numbers, not the time
});

describe('compatibility routes', () => {
  it('serves POST /api/{user_id}/chat for the token’s own subject only', async () => {
    const { signToken } = await import('../worker/auth/tokens');
    const token = await signToken(env, { sub: 'compat-user', role: 'customer', name: 'Casey' });
    const other = await call('/api/someone-else/chat', { method: 'POST', token, body: JSON.stringify({ message: 'hi' }) });
    expect(other.res.status).toBe(403);
    const first = await call('/api/compat-user/chat', { method: 'POST', token, body: JSON.stringify({ message: 'What services do you offer?' }) });
    expect(first.res.status).toBe(200);
    expect(first.body.conversation_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.body.tool_calls).toContainEqual(expect.objectContaining({ name: 'list_services' }));
    const second = await call('/api/compat-user/chat', {
      method: 'POST',
      token,
      body: JSON.stringify({ conversation_id: first.body.conversation_id, message: 'How much is drain cleaning?' }),
    });
    expect(second.body.conversation_id).toBe(first.body.conversation_id);
    expect(second.body.response).toContain('$149');
  });

  it('serves POST /chat/sessions and /chat/sessions/{id}/messages with escalation flagged', async () => {
    const created = await call('/chat/sessions', { method: 'POST', body: '{}' });
    expect(created.res.status).toBe(201);
    const { session_id, token } = created.body;
    const reply = await call(`/chat/sessions/${session_id}/messages`, { method: 'POST', token, body: JSON.stringify({ message: 'I want to talk to a real person' }) });
    expect(reply.res.status).toBe(200);
    expect(reply.body.requires_escalation).toBe(true);
    expect(reply.body.message).toMatch(/team/);
    const row = await env.DB.prepare('SELECT status FROM interactions WHERE session_id = ?').bind(session_id).first<{ status: string }>();
    expect(row?.status).toBe('escalated');
    const ticket = await env.DB.prepare('SELECT t.priority FROM tickets t JOIN interactions i ON i.id = t.interaction_id WHERE i.session_id = ?')
      .bind(session_id)
      .first<{ priority: string }>();
    expect(ticket?.priority).toBe('high');
  });
});

describe('the turn queue', () => {
  it('answers concurrent sends from two tabs as whole turns, one after the other, dropping nothing', async () => {
    const s = await openSession();
    const texts = ['What are your hours?', 'Do you service Evanston?', 'What services do you offer?', 'How much is drain cleaning?'];
    const replies = await Promise.all(texts.map((t) => say(s, t)));
    expect(replies.every((r) => r.response.length > 0)).toBe(true);
    const transcript = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    const roles = transcript.body.messages.map((m: { role: string }) => m.role);
    expect(roles).toEqual(['assistant', 'user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user', 'assistant']);
    const users = transcript.body.messages.filter((m: { role: string }) => m.role === 'user').map((m: { content: string }) => m.content);
    expect([...users].sort()).toEqual([...texts].sort());
    // Each reply answers its own question: the hours question got the hours article.
    const hoursAt = users.indexOf('What are your hours?');
    expect(transcript.body.messages[2 + hoursAt * 2].content).toMatch(/Monday/);
  });
});

describe('client ids', () => {
  it('refuses a re-sent message with the same client_id (409) and answers it once', async () => {
    const s = await openSession();
    const send = () =>
      call('/api/v1/chat/message', { method: 'POST', token: s.token, body: JSON.stringify({ session_id: s.session_id, message: 'What are your hours?', client_id: 'tab1-msg-1' }) });
    const first = await send();
    expect(first.res.status).toBe(200);
    const again = await send();
    expect(again.res.status).toBe(409);
    const transcript = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    const users = transcript.body.messages.filter((m: { role: string }) => m.role === 'user');
    expect(users).toEqual([expect.objectContaining({ content: 'What are your hours?', client_id: 'tab1-msg-1' })]);
  });
});
