// The same chat API with OPENAI_API_KEY set: the real openai client talks to the fake provider,
// and nothing but the model changes (labels, usage and cost now come from the provider).
import { env, exports } from 'cloudflare:workers';
import { CHAT_SUBPROTOCOL } from '../../worker/protocol/chat';
import { describe, expect, it } from 'vitest';
import { BASE, call, openSession, say } from '../http-helpers';

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

describe('allowed origins', () => {
  it('answers CORS and opens chat sockets for listed origins only', async () => {
    const s = await openSession();
    const upgrade = (origin: string) =>
      exports.default.fetch(
        new Request(`${BASE}/api/v1/chat/session/${s.session_id}/ws`, {
          headers: { Upgrade: 'websocket', Origin: origin, 'Sec-WebSocket-Protocol': `${CHAT_SUBPROTOCOL}, bearer.${s.token}` },
        }),
      );
    const evil = await upgrade('https://evil.example');
    expect(evil.status).toBe(403);
    const shop = await upgrade('https://www.shop.example');
    expect(shop.status).toBe(101);
    shop.webSocket?.accept();
    shop.webSocket?.close(1000, 'done');
    const preflight = (origin: string) =>
      exports.default.fetch(new Request(`${BASE}/api/v1/chat/message`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } }));
    expect((await preflight('https://shop.example')).headers.get('Access-Control-Allow-Origin')).toBe('https://shop.example');
    expect((await preflight('https://evil.example')).headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
