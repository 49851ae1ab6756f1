// Staff resolve a conversation (#14): it leaves the queue with its insights computed and stored, and reopens
// when the customer writes again. Through the real Worker, session object, offline agent and D1.
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { signToken } from '../worker/auth/tokens';
import { toZoned } from '../worker/lib/zoned-time';
import type { ServerEvent } from '../worker/protocol/chat';
import { call, connectChat, openSession, say } from './http-helpers';

const staffToken = () => signToken(env, { sub: 'alice', role: 'staff', name: 'Alice Staff' }, '1h');
const insightsOf = (sessionId: string) =>
  env.DB.prepare('SELECT status, summary, sentiment, sentiment_label, intent, category, outcome FROM interactions WHERE session_id = ?').bind(sessionId).first<Record<string, unknown>>();
/** Waits for insights written in the background (an escalation does not wait for them). */
const insightsSoon = (sessionId: string) =>
  vi.waitFor(async () => {
    const row = await insightsOf(sessionId);
    expect(row?.summary, JSON.stringify(row)).toEqual(expect.any(String));
    return row!;
  }, { timeout: 3000, interval: 20 });
const resolve = async (sessionId: string, token?: string) => call(`/api/v1/chat/session/${sessionId}/resolve`, { method: 'POST', token: token ?? (await staffToken()) });

describe('POST /api/v1/chat/session/:id/resolve', () => {
  it('resolves with insights (stored in D1 and on the transcript), refuses a second time and customers, and reopens on a new message', async () => {
    const s = await openSession({ customer_name: 'Rita Sink' });
    await say(s, 'my kitchen sink is clogged again and im really frustrated');
    const customerTry = await resolve(s.session_id, s.token);
    expect(customerTry.res.status).toBe(403);

    const done = await resolve(s.session_id);
    expect(done.res.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ session_id: s.session_id, status: 'resolved', insights: { category: 'Plumbing', sentiment_label: 'negative', intent: 'complaint', outcome: 'escalated' } });
    // The agent took it as a complaint and opened a ticket: the summary says so.
    expect(done.body.insights.summary).toMatch(/Ticket TK-\d{4}-\d{5} opened/);
    expect(done.body.insights.summary).toMatch(/^Customer: "my kitchen sink is clogged again/);

    const row = await env.DB.prepare('SELECT status, summary, sentiment, sentiment_label, intent, category, outcome, resolved_at FROM interactions WHERE session_id = ?')
      .bind(s.session_id)
      .first<Record<string, unknown>>();
    expect(row).toMatchObject({ status: 'resolved', category: 'Plumbing', sentiment_label: 'negative', outcome: 'escalated', summary: done.body.insights.summary });
    expect(row!.resolved_at).toEqual(expect.any(Number));
    expect(row!.sentiment).toBeLessThan(0);

    const transcript = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    expect(transcript.body).toMatchObject({ status: 'resolved', category: 'Plumbing', intent: done.body.insights.intent, summary: done.body.insights.summary });

    expect((await resolve(s.session_id)).res.status).toBe(409);

    const again = await say(s, 'sorry one more thing, what are your hours on saturday?');
    expect(again.response.length).toBeGreaterThan(0);
    const reopened = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    expect(reopened.body.status).toBe('open');
  });

  it('says on the wire whether a resolved conversation reopens: resolved by staff (reopens), ended by the customer (for good)', async () => {
    type SessionFrame = Extract<ServerEvent, { type: 'session' }>;
    const sessionEvents = (events: ServerEvent[]) => events.filter((e): e is ServerEvent & SessionFrame => e.type === 'session');
    const s = await openSession();
    await say(s, 'what are your hours on saturday?');
    const transcript = async () => (await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token })).body;
    expect(await transcript()).toMatchObject({ status: 'open', reopens: false });

    // Staff resolve it: the customer's socket hears 'resolved' with reopens: true, and so does the transcript.
    const tab = await connectChat(s);
    await tab.waitFor((e) => sessionEvents(e).length === 1);
    expect(sessionEvents(tab.events)[0]).toMatchObject({ status: 'open' });
    expect(sessionEvents(tab.events)[0]).not.toHaveProperty('reopens');
    expect((await resolve(s.session_id)).res.status).toBe(200);
    await tab.waitFor((e) => sessionEvents(e).some((x) => x.status === 'resolved'));
    expect(sessionEvents(tab.events).at(-1)).toMatchObject({ status: 'resolved', rated: false, reopens: true });
    expect(await transcript()).toMatchObject({ status: 'resolved', reopens: true });

    // The customer writes on that socket: a session event says it is open again (before the message), then the answer.
    tab.ws.send(JSON.stringify({ type: 'message', text: 'one more thing: do you work on sundays?', client_id: 'again-1' }));
    await tab.waitFor((e) => e.some((x) => x.type === 'turn_done'));
    const reopened = tab.events.findIndex((x) => x.type === 'session' && x.status === 'open' && tab.events.indexOf(x) > 0);
    const message = tab.events.findIndex((x) => x.type === 'message' && x.message.client_id === 'again-1');
    expect(reopened, JSON.stringify(tab.events)).toBeGreaterThan(0);
    expect(reopened).toBeLessThan(message);
    expect(tab.events[reopened]).not.toHaveProperty('reopens');
    expect(await transcript()).toMatchObject({ status: 'open', reopens: false });

    // Resolved again, then ended by the customer: reopens turns false, on the wire and in the transcript, and a message is refused.
    expect((await resolve(s.session_id)).res.status).toBe(200);
    await tab.waitFor((e) => sessionEvents(e).filter((x) => x.status === 'resolved').length === 2);
    expect((await call(`/api/v1/chat/session/${s.session_id}/end`, { method: 'POST', token: s.token })).res.status).toBe(200);
    await tab.waitFor((e) => sessionEvents(e).filter((x) => x.status === 'resolved').length === 3);
    expect(sessionEvents(tab.events).at(-1)).toMatchObject({ status: 'resolved', reopens: false });
    expect(await transcript()).toMatchObject({ status: 'resolved', reopens: false });
    const refused = await call('/api/v1/chat/message', { method: 'POST', token: s.token, body: JSON.stringify({ session_id: s.session_id, message: 'hello?' }) });
    expect(refused.res.status).toBe(409);
    tab.ws.close(1000, 'done');
  });

  it('a conversation the customer ended stays ended', async () => {
    const s = await openSession();
    await say(s, 'hi');
    expect((await call(`/api/v1/chat/session/${s.session_id}/end`, { method: 'POST', token: s.token })).res.status).toBe(200);
    const refused = await call('/api/v1/chat/message', { method: 'POST', token: s.token, body: JSON.stringify({ session_id: s.session_id, message: 'hello?' }) });
    expect(refused.res.status).toBe(409);
  });

  it('CSAT: the customer rates a resolved conversation once (1–5, a comment), staff may not, and analytics count it', async () => {
    const s = await openSession();
    await say(s, 'what are your hours on saturday?');
    const rate = (body: unknown, token = s.token) => call(`/api/v1/chat/session/${s.session_id}/csat`, { method: 'POST', token, body: JSON.stringify(body) });
    expect((await rate({ score: 5 })).res.status).toBe(409); // not resolved yet
    expect((await resolve(s.session_id)).res.status).toBe(200);
    for (const bad of [{ score: 0 }, { score: 6 }, { score: 4.5 }, { score: '5' }, {}]) expect((await rate(bad)).res.status, JSON.stringify(bad)).toBe(400);
    expect((await rate({ score: 4 }, await staffToken())).res.status).toBe(403);
    const rated = await rate({ score: 4, comment: ' quick and clear ' });
    expect(rated.res.status, rated.text).toBe(200);
    expect(rated.body).toMatchObject({ score: 4, comment: 'quick and clear' });
    expect((await rate({ score: 1 })).res.status).toBe(409); // once per resolution
    // The transcript carries the rating of the current resolution (the widget's "already rated" after a reload).
    const transcript = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    expect(transcript.body).toMatchObject({ status: 'resolved', csat: { score: 4, comment: 'quick and clear' } });
    const row = await env.DB.prepare('SELECT csat_score, csat_comment, csat_at FROM interactions WHERE session_id = ?').bind(s.session_id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ csat_score: 4, csat_comment: 'quick and clear' });
    const day = toZoned(Date.now(), env.BUSINESS_TIMEZONE).date;
    const figures = await call(`/api/v1/analytics?from=${day}&to=${day}`, { token: await staffToken() });
    expect(figures.body.totals.csat_count).toBeGreaterThanOrEqual(1);
    expect(figures.body.totals.csat_average).toEqual(expect.any(Number));
    // Reopened and resolved again: a new resolution can be rated.
    await say(s, 'one more question, do you serve evanston?');
    expect((await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token })).body.csat).toBeNull();
    expect((await resolve(s.session_id)).res.status).toBe(200);
    expect((await rate({ score: 5 })).res.status).toBe(200);
  });
});

describe('insights when a conversation ends or is escalated', () => {
  it('the customer ends it: insights are stored on the interaction and returned by the transcript API', async () => {
    const s = await openSession();
    await say(s, 'how much do you charge for a drain cleaning?');
    const before = await insightsOf(s.session_id);
    expect(before?.summary).toBeNull();
    const ended = await call(`/api/v1/chat/session/${s.session_id}/end`, { method: 'POST', token: s.token });
    expect(ended.res.status, ended.text).toBe(200);
    const row = await insightsOf(s.session_id);
    expect(row).toMatchObject({ status: 'resolved', category: 'Plumbing', outcome: 'answered', sentiment_label: 'neutral' });
    expect(row!.summary).toMatch(/^Customer: "how much do you charge for a drain cleaning\?" Answered/);
    const transcript = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    expect(transcript.body).toMatchObject({ status: 'resolved', summary: row!.summary, category: 'Plumbing', intent: row!.intent, outcome: 'answered' });
  });

  it('the agent hands it to a person (request_human): insights with the escalation and its ticket, without waiting for a resolve', async () => {
    const s = await openSession();
    const reply = await say(s, 'this is the third time my furnace broke, i am really upset. can i talk to a real person please');
    expect(reply.function_calls.map((c) => c.name)).toContain('request_human');
    const row = await insightsSoon(s.session_id);
    expect(row).toMatchObject({ status: 'escalated', outcome: 'escalated', category: 'HVAC', sentiment_label: 'negative' });
    // The complaint's ticket and the handoff's.
    expect(row.summary).toMatch(/Tickets? TK-\d{4}-\d{5}(, TK-\d{4}-\d{5})* opened and handed to a person\.$/);
  });

  it('staff take it over: the open conversation becomes escalated with its insights', async () => {
    const s = await openSession();
    await say(s, 'what are your hours on saturday?');
    expect((await call(`/api/v1/chat/session/${s.session_id}/takeover`, { method: 'POST', token: await staffToken() })).res.status).toBe(200);
    const row = await insightsSoon(s.session_id);
    expect(row).toMatchObject({ status: 'escalated', outcome: 'escalated', intent: 'question', category: 'general' });
    expect(row.summary).toBe('Customer: "what are your hours on saturday?" Handed to a person.');
  });
});
