// The same chat API with OPENAI_API_KEY set: the real openai client talks to the fake provider,
// and nothing but the model changes (labels, usage and cost now come from the provider).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, openSession, say } from '../chat-helpers';

describe('chat with a configured provider', () => {
  it('answers through the provider, not the offline model, and records usage and cost', async () => {
    const s = await openSession({ customer_name: 'Remy Real' });
    const reply = await say(s, 'hello there');
    expect(reply.offline).toBe(false);
    expect(reply.response).toBe('fake: hello there');
    expect(reply.tokens_used.total_tokens).toBeGreaterThan(0);
    const row = await env.DB.prepare('SELECT prompt_tokens, completion_tokens, cost_cents FROM interactions WHERE session_id = ?')
      .bind(s.session_id)
      .first<{ prompt_tokens: number; completion_tokens: number; cost_cents: number }>();
    expect(row!.prompt_tokens).toBe(reply.tokens_used.prompt_tokens);
    expect(row!.cost_cents).toBeGreaterThan(0);
    const transcript = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    expect(transcript.body.messages.at(-1)).toMatchObject({ role: 'assistant', content: 'fake: hello there' });
    expect(transcript.body.messages.at(-1).offline).toBeUndefined();
  });
});
