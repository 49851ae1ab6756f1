// Staff assist (#14) offline: POST /chat/session/:id/suggest drafts a reply from the knowledge base with the
// offline engine's own knowledge answering, for staff only, and sends nothing; the route over HTTP in workerd
// with real D1 and the session's Durable Object.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signToken } from '../worker/auth/tokens';
import { seedKbArticles } from '../worker/db/seed-kb';
import { call, openSession, say, type OpenedSession } from './http-helpers';

const staffToken = () => signToken(env, { sub: 'alice', role: 'staff', name: 'Alice Staff' });
const post = (path: string, token: string) => call(path, { method: 'POST', token });
const suggestPath = (s: OpenedSession | string) => `/api/v1/chat/session/${typeof s === 'string' ? s : s.session_id}/suggest`;
const articleId = (title: string) => seedKbArticles.find((a) => a.title === title)!.id;

describe('POST /chat/session/:id/suggest (offline)', () => {
  it('drafts from the best-matching article for a knowledge question, citing it, and sends nothing', async () => {
    const s = await openSession({ customer_name: 'Kim Question' });
    const staff = await staffToken();
    expect((await post(`/api/v1/chat/session/${s.session_id}/takeover`, staff)).res.status).toBe(200);
    await say(s, 'Do you offer financing for a new furnace?');
    const before = (await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token })).body.messages.length;
    const { res, body } = await post(suggestPath(s), staff);
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ source: 'knowledge_base', note: null, sources: [{ article_id: articleId('Financing and monthly payments'), title: 'Financing and monthly payments' }] });
    expect(body.draft).toMatch(/financing/i);
    // Sentences of that article, not a whole article and not the offline model's "Source:" line.
    const article = seedKbArticles.find((a) => a.title === 'Financing and monthly payments')!.body.replace(/\s+/g, ' ');
    for (const sentence of body.draft.match(/[^.!?]+[.!?]+/g)) expect(article).toContain(sentence.trim());
    expect(body.draft).not.toMatch(/Source:/);
    // Nothing was sent: the transcript is as it was.
    expect((await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token })).body.messages.length).toBe(before);
  });

  it('reads the last customer message, not an earlier one (admins may ask too)', async () => {
    const s = await openSession();
    await say(s, 'What are your hours on Saturday?');
    await say(s, 'And what is your cancellation policy?');
    const admin = await signToken(env, { sub: 'root', role: 'admin' });
    const { res, body } = await post(suggestPath(s), admin);
    expect(res.status).toBe(200);
    expect(body.sources).toEqual([{ article_id: articleId('Cancellation and rescheduling policy'), title: 'Cancellation and rescheduling policy' }]);
  });

  it('says honestly when nothing matches, and when the customer has said nothing', async () => {
    const staff = await staffToken();
    const s = await openSession();
    await say(s, 'What is the capital of Mongolia?');
    const none = await post(suggestPath(s), staff);
    expect(none.res.status).toBe(200);
    expect(none.body).toEqual({ draft: '', sources: [], source: 'knowledge_base', note: expect.stringMatching(/nothing in the knowledge base matches/) });
    const quiet = await openSession();
    const empty = await post(suggestPath(quiet), staff);
    expect(empty.res.status).toBe(200);
    expect(empty.body).toMatchObject({ draft: '', sources: [], note: expect.stringMatching(/has not written anything/) });
  });

  it('refuses the customer (403, even on their own session), anonymous callers (401), and unknown sessions (404)', async () => {
    const s = await openSession();
    await say(s, 'Do you offer financing?');
    const own = await post(suggestPath(s), s.token);
    expect(own.res.status).toBe(403);
    expect(own.body.error.code).toBe('forbidden');
    const customer = await signToken(env, { sub: 'cust-1', role: 'customer' });
    expect((await post(suggestPath(s), customer)).res.status).toBe(403);
    expect((await call(suggestPath(s), { method: 'POST' })).res.status).toBe(401);
    const staff = await staffToken();
    const unknown = await post(suggestPath(crypto.randomUUID()), staff);
    expect(unknown.res.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect((await post(suggestPath('not-a-session'), staff)).res.status).toBe(404);
  });
});
