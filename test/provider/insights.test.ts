// Conversation intelligence by the configured model (#14): one strict json_schema call through the real `openai`
// client to the fake provider (which checks the schema as OpenAI does and answers within it), validated with zod,
// and the deterministic analyser whenever the answer is missing or wrong.
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it, vi } from 'vitest';
import { analyseInteraction, type AnalyseInput } from '../../worker/agent/analyse-model';
import { analyseConversation } from '../../worker/agent/offline/analyse';
import { seedServices } from '../../worker/db/seed-data';
import { signToken } from '../../worker/auth/tokens';
import type { FakeStep } from '../fake-openai/server';
import { call, openSession, say } from '../http-helpers';

const origin = new URL(inject('fakeOpenAIUrl')).origin;
async function scenario(steps: FakeStep[]): Promise<string> {
  const id = `analyse-${crypto.randomUUID()}`;
  const res = await fetch(`${origin}/__scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, steps }) });
  expect(res.status).toBe(201);
  return id;
}
const requestsOf = async (id: string) => (await (await fetch(`${origin}/__scenarios/${encodeURIComponent(id)}/requests`)).json()) as any[];

const input: AnalyseInput = {
  lines: [
    { role: 'assistant', text: 'Hi! How can I help?' },
    { role: 'user', text: 'the water heater is leaking all over the garage, can someone come tomorrow?' },
    { role: 'assistant', text: 'Booked BK-2030-000042 for tomorrow at 9.' },
    { role: 'user', text: 'thanks, that was quick' },
  ],
  facts: { booked: ['BK-2030-000042'], tickets: [], escalated: false },
  catalog: seedServices.map((s) => ({ slug: s.slug, name: s.name, category: s.category })),
  today: '2030-03-06',
};
const offline = analyseConversation(input.lines, input.facts, input.catalog, input.today);
const withModel = (model: string) => ({ ...env, OPENAI_MODEL: model });

describe('the model-backed analyser', () => {
  it('sends one strict json_schema request made from the zod schema and returns the validated answer', async () => {
    const id = await scenario([{ json: { summary: 'Leaking water heater; booked BK-2030-000042 for tomorrow.', sentiment: 0.6, intent: 'book', category: 'Plumbing' } }]);
    const result = await analyseInteraction(withModel(id), input);
    expect(result).toEqual({
      analysedBy: id,
      // The outcome is the records' (a booking), and the label follows from the score.
      analysis: { summary: 'Leaking water heater; booked BK-2030-000042 for tomorrow.', sentiment: 0.6, sentimentLabel: 'positive', intent: 'book', category: 'Plumbing', outcome: 'booked' },
    });
    const [request, ...more] = await requestsOf(id);
    expect(more).toEqual([]);
    expect(request.stream).toBeUndefined();
    expect(request.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'conversation_insights', strict: true } });
    const schema = request.response_format.json_schema.schema;
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false, required: ['summary', 'sentiment', 'intent', 'category'] });
    expect(schema.properties.sentiment).toMatchObject({ type: 'number', minimum: -1, maximum: 1 });
    expect(schema.properties.category.enum).toEqual(expect.arrayContaining(['HVAC', 'Plumbing', 'Electrical', 'emergency', 'billing', 'general']));
    // The transcript and the records' facts are what the model reads.
    expect(request.messages[1].content).toContain('Customer: the water heater is leaking all over the garage');
    expect(request.messages[0].content).toContain('bookings made: BK-2030-000042');
  });

  it.each<[string, FakeStep, string]>([
    ['a provider error (no retry)', { error: { status: 500, message: 'overloaded' } }, 'error'],
    ['an answer that is not JSON', { reply: 'Sure! The customer booked a plumber.' }, 'invalid'],
    ['JSON missing fields', { reply: '{"summary":"Booked."}' }, 'invalid'],
    ['a sentiment out of range', { reply: '{"summary":"Booked.","sentiment":3,"intent":"book","category":"Plumbing"}' }, 'invalid'],
    ['a category the schema does not name', { reply: '{"summary":"Booked.","sentiment":0.2,"intent":"book","category":"Roofing"}' }, 'invalid'],
    ['a refusal', { refusal: "I can't help with that." }, 'refused'],
  ])('falls back to the deterministic analyser on %s', async (_name, step, fallback) => {
    const id = await scenario([step]);
    const result = await analyseInteraction(withModel(id), input);
    expect(result).toEqual({ analysis: offline, analysedBy: 'offline', fallback });
    expect(await requestsOf(id)).toHaveLength(1);
  });

  it('the fake provider refuses a strict schema that OpenAI would refuse (so the first test proves ours is accepted)', async () => {
    const res = await fetch(`${origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: JSON.stringify({
        model: 'fake-model',
        messages: [{ role: 'user', content: 'hi' }],
        response_format: { type: 'json_schema', json_schema: { name: 'loose', strict: true, schema: { type: 'object', properties: { a: { type: 'string' } }, required: [] } } },
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.message).toMatch(/^Invalid schema for response_format 'loose'/);
  });

  it('asks no model about a conversation where the customer said nothing', async () => {
    const id = await scenario([]);
    const result = await analyseInteraction(withModel(id), { ...input, lines: [{ role: 'assistant', text: 'Hi!' }], facts: { booked: [], tickets: [], escalated: false } });
    expect(result).toMatchObject({ analysedBy: 'offline', analysis: { outcome: 'abandoned' } });
    expect(await requestsOf(id)).toEqual([]);
  });

  it('a session: resolved, ended and escalated conversations get the model’s insights (the fake answers from the schema)', async () => {
    const staff = await signToken(env, { sub: 'alice', role: 'staff' }, '1h');
    const ended = await openSession();
    await say(ended, 'do you fix electrical panels?');
    expect((await call(`/api/v1/chat/session/${ended.session_id}/end`, { method: 'POST', token: ended.token })).res.status).toBe(200);
    const row = await env.DB.prepare('SELECT summary, sentiment, sentiment_label, intent, category, outcome FROM interactions WHERE session_id = ?').bind(ended.session_id).first();
    // What the fake made from the schema: a string quoting the conversation, the enum options it mentions, 0 in [-1, 1].
    expect(row).toMatchObject({ summary: expect.stringMatching(/^fake summary: Agent: Hi!/), sentiment: 0, sentiment_label: 'neutral', category: 'Electrical', outcome: 'answered' });

    const resolved = await openSession();
    await say(resolved, 'what plumbing work do you do?');
    const done = await call(`/api/v1/chat/session/${resolved.session_id}/resolve`, { method: 'POST', token: staff });
    expect(done.body.insights).toMatchObject({ summary: expect.stringMatching(/^fake summary:/), category: 'Plumbing', analysed_by: 'fake-model' });

    const taken = await openSession();
    await say(taken, 'hello there');
    expect((await call(`/api/v1/chat/session/${taken.session_id}/takeover`, { method: 'POST', token: staff })).res.status).toBe(200);
    await vi.waitFor(async () => {
      const r = await env.DB.prepare('SELECT summary, outcome FROM interactions WHERE session_id = ?').bind(taken.session_id).first<{ summary: string | null; outcome: string | null }>();
      expect(r).toMatchObject({ summary: expect.stringMatching(/^fake summary:/), outcome: 'escalated' });
    }, { timeout: 3000, interval: 20 });
  });
});
