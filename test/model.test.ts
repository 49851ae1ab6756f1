// The model layer end to end inside workerd: the real `openai` client over real HTTP
// to the fake OpenAI server (test/fake-openai/server.ts), plus the retry/breaker wrapper.
// Each test registers its own scenario id, so tests never share fake-server state.
import { describe, expect, inject, it } from 'vitest';
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import type { FakeStep } from './fake-openai/server.ts';
import { ModelError, type ChatModel, type ModelEvent, type ModelMessage } from '../worker/agent/model';
import { OpenAIChatModel } from '../worker/agent/openai-model';
import { CircuitBreaker, withRetries } from '../worker/agent/resilience';

const baseURL = inject('fakeOpenAIUrl');
const origin = new URL(baseURL).origin;

const tools: ChatCompletionFunctionTool[] = [
  {
    type: 'function',
    function: { name: 'check_availability', description: 'Free slots for a service', parameters: { type: 'object', properties: { service: { type: 'string' } } } },
  },
  { type: 'function', function: { name: 'lookup_customer', parameters: { type: 'object', properties: { phone: { type: 'string' } } } } },
];
const hello: ModelMessage[] = [{ role: 'user', content: 'Can I book a plumber on Friday?' }];

/** Registers a script on the fake; requests with `model: id` consume its steps. */
async function scenario(steps: FakeStep[]): Promise<string> {
  const id = `test-${crypto.randomUUID()}`;
  const res = await fetch(`${origin}/__scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, steps }) });
  expect(res.status).toBe(201);
  return id;
}

/** The request bodies the fake received for a scenario. */
async function received(id: string): Promise<Array<Record<string, unknown> & { messages: ModelMessage[] }>> {
  const res = await fetch(`${origin}/__scenarios/${encodeURIComponent(id)}/requests`);
  return res.json();
}

function model(id: string, timeoutMs?: number): OpenAIChatModel {
  return new OpenAIChatModel({ apiKey: 'sk-test', baseURL, model: id, timeoutMs });
}

async function collect(chat: ChatModel, messages: ModelMessage[] = hello, withTools = tools): Promise<ModelEvent[]> {
  const events: ModelEvent[] = [];
  for await (const event of chat.stream({ messages, tools: withTools })) events.push(event);
  return events;
}

const texts = (events: ModelEvent[]) => events.flatMap((e) => (e.type === 'text' ? [e.delta] : []));
const toolCalls = (events: ModelEvent[]) => events.flatMap((e) => (e.type === 'tool_calls' ? [e.calls] : []));

/** A sleep that records the delays asked for and returns at once. */
function recordingSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

describe('OpenAIChatModel against the fake OpenAI server', () => {
  it('streams a plain reply as several text deltas that join correctly, with no tools sent when there are none', async () => {
    const id = await scenario([{ reply: 'Sure, we have openings on Friday at 9am and 2pm.' }]);
    const events = await collect(model(id), hello, []);
    const deltas = texts(events);
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe('Sure, we have openings on Friday at 9am and 2pm.');
    expect(toolCalls(events)).toEqual([]);
    const [request] = await received(id);
    expect(request).toMatchObject({ model: id, stream: true, stream_options: { include_usage: true }, messages: hello });
    expect(request).not.toHaveProperty('tools');
  });

  it('sends the key and a JSON body: the fake, like OpenAI, refuses a request without them', async () => {
    const id = await scenario([{ reply: 'unused' }]);
    const request = { model: id, messages: hello, stream: true };
    const anonymous = await fetch(`${baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { message: string } }).error.message).toMatch(/API key/);
    const untyped = await fetch(`${baseURL}/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer sk-test' }, body: JSON.stringify(request) });
    expect(untyped.status).toBe(400);
    // The model's own request (a pre-serialized body through the SDK's `post`) gets through.
    expect(texts(await collect(model(id))).join('')).toBe('unused');
  });

  it('reports usage after the content', async () => {
    const id = await scenario([{ reply: 'Hi!', usage: { prompt_tokens: 42, completion_tokens: 7 } }]);
    const events = await collect(model(id));
    expect(events.at(-1)).toEqual({ type: 'usage', promptTokens: 42, completionTokens: 7 });
  });

  it('assembles a streamed tool call, then answers once the tool result is sent back', async () => {
    const id = await scenario([
      { toolCalls: [{ id: 'call_avail_1', name: 'check_availability', arguments: '{"service":"plumbing","day":"friday"}' }] },
      { reply: 'Friday at 9am is free.' },
    ]);
    const chat = model(id);
    const first = await collect(chat);
    expect(texts(first)).toEqual([]);
    expect(toolCalls(first)).toEqual([[{ id: 'call_avail_1', name: 'check_availability', arguments: '{"service":"plumbing","day":"friday"}' }]]);
    expect(first.filter((e) => e.type === 'tool_calls')).toHaveLength(1); // one event, after the stream

    const followUp: ModelMessage[] = [
      ...hello,
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_avail_1', type: 'function', function: { name: 'check_availability', arguments: '{"service":"plumbing","day":"friday"}' } }] },
      { role: 'tool', tool_call_id: 'call_avail_1', content: '{"slots":["09:00"]}' },
    ];
    expect(texts(await collect(chat, followUp)).join('')).toBe('Friday at 9am is free.');

    const requests = await received(id);
    expect(requests).toHaveLength(2);
    expect(requests[0]?.tools).toEqual(tools);
    expect(requests[1]?.messages.at(-1)).toEqual({ role: 'tool', tool_call_id: 'call_avail_1', content: '{"slots":["09:00"]}' });
  });

  it('keeps parallel tool calls apart, each with its id, name and arguments intact', async () => {
    const id = await scenario([
      {
        toolCalls: [
          { id: 'call_a', name: 'lookup_customer', arguments: '{"phone":"+15551234567"}' },
          { id: 'call_b', name: 'check_availability', arguments: '{"service":"hvac"}' },
        ],
      },
    ]);
    expect(toolCalls(await collect(model(id)))).toEqual([
      [
        { id: 'call_a', name: 'lookup_customer', arguments: '{"phone":"+15551234567"}' },
        { id: 'call_b', name: 'check_availability', arguments: '{"service":"hvac"}' },
      ],
    ]);
  });

  it('passes malformed tool arguments through verbatim', async () => {
    const id = await scenario([{ toolCalls: [{ id: 'call_bad', name: 'lookup_customer', arguments: '{"phone": "+1555' }] }]);
    expect(toolCalls(await collect(model(id)))).toEqual([[{ id: 'call_bad', name: 'lookup_customer', arguments: '{"phone": "+1555' }]]);
  });

  it('classifies HTTP errors: 400 → bad_request, 401 → auth', async () => {
    const bad = await scenario([{ error: { status: 400, message: 'Invalid tools' } }]);
    await expect(collect(model(bad))).rejects.toMatchObject({ name: 'ModelError', kind: 'bad_request', message: expect.stringContaining('Invalid tools') });
    const auth = await scenario([{ error: { status: 401, message: 'Incorrect API key', type: 'invalid_request_error', code: 'invalid_api_key' } }]);
    await expect(collect(model(auth))).rejects.toMatchObject({ kind: 'auth' });
  });

  it('times out with ModelError timeout when the provider is slower than timeoutMs', async () => {
    const id = await scenario([{ delayMs: 1_500, reply: 'too late' }]);
    const started = Date.now();
    const error = await collect(model(id, 200)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_400);
  });

  it('times out when a stream stalls between chunks', async () => {
    const id = await scenario([{ reply: 'one two three', chunkDelayMs: 600 }]);
    await expect(collect(model(id, 200))).rejects.toMatchObject({ kind: 'timeout' });
  });
});

describe('withRetries and CircuitBreaker', () => {
  it('retries a 429 after the Retry-After wait and then succeeds', async () => {
    const id = await scenario([{ error: { status: 429, message: 'Rate limit reached', retryAfter: 1 } }, { reply: 'Booked!' }]);
    const { delays, sleep } = recordingSleep();
    const events = await collect(withRetries(model(id), { sleep, random: () => 0.5 }));
    expect(texts(events).join('')).toBe('Booked!');
    expect(delays).toEqual([1_000]);
    expect(await received(id)).toHaveLength(2);
  });

  it('surfaces a rate limit at once when Retry-After exceeds what a live turn can wait', async () => {
    const id = await scenario([{ error: { status: 429, message: 'Rate limit reached', retryAfter: 60 } }, { reply: 'unused' }]);
    const { delays, sleep } = recordingSleep();
    await expect(collect(withRetries(model(id), { sleep }))).rejects.toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 60 });
    expect(delays).toEqual([]);
  });

  it('gives up after maxAttempts 500s with kind server, then the open breaker fails fast without reaching the provider', async () => {
    const id = await scenario([
      { error: { status: 500, message: 'The server had an error' } },
      { error: { status: 502, message: 'Bad gateway' } },
      { error: { status: 503, message: 'Overloaded' } },
      { reply: 'never reached' },
    ]);
    const breaker = new CircuitBreaker({ failureThreshold: 3 });
    const { delays, sleep } = recordingSleep();
    const chat = withRetries(model(id), { maxAttempts: 3, baseDelayMs: 100, sleep, random: () => 0, breaker });

    await expect(collect(chat)).rejects.toMatchObject({ kind: 'server' });
    expect(delays).toEqual([50, 100]); // exponential backoff with (zero) equal jitter
    expect(breaker.state).toBe('open');

    await expect(collect(chat)).rejects.toMatchObject({ kind: 'circuit_open' });
    expect(await received(id)).toHaveLength(3);
  });

  it('half-opens after the cooldown, lets a single trial through and closes on success', async () => {
    const id = await scenario([
      { error: { status: 500, message: 'down' } },
      { error: { status: 500, message: 'down' } },
      { delayMs: 150, reply: 'back up' },
      { reply: 'normal again' },
    ]);
    let clock = 1_000_000;
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 30_000, now: () => clock });
    const { sleep } = recordingSleep();
    const chat = withRetries(model(id), { maxAttempts: 1, sleep, breaker });

    await expect(collect(chat)).rejects.toMatchObject({ kind: 'server' });
    await expect(collect(chat)).rejects.toMatchObject({ kind: 'server' });
    expect(breaker.state).toBe('open');
    clock += 29_000;
    await expect(collect(chat)).rejects.toMatchObject({ kind: 'circuit_open' });

    clock += 1_000;
    expect(breaker.state).toBe('half_open');
    const trial = collect(chat); // admitted synchronously; the fake holds it for 150 ms
    await expect(collect(chat)).rejects.toMatchObject({ kind: 'circuit_open' }); // only one trial at a time
    expect(texts(await trial).join('')).toBe('back up');
    expect(breaker.state).toBe('closed');
    expect(texts(await collect(chat)).join('')).toBe('normal again');
    expect(await received(id)).toHaveLength(4);
  });

  it('re-opens when the half-open trial fails', async () => {
    const id = await scenario([{ error: { status: 500, message: 'down' } }, { error: { status: 500, message: 'still down' } }]);
    let clock = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 1_000, now: () => clock });
    const chat = withRetries(model(id), { maxAttempts: 1, breaker });
    await expect(collect(chat)).rejects.toMatchObject({ kind: 'server' });
    clock += 1_000;
    await expect(collect(chat)).rejects.toMatchObject({ kind: 'server' });
    expect(breaker.state).toBe('open');
    await expect(collect(chat)).rejects.toMatchObject({ kind: 'circuit_open', retryAfterSeconds: 1 });
  });

  it('does not retry a failure that happens after text was already yielded', async () => {
    const id = await scenario([{ reply: 'Let me check that', streamError: 'upstream connection reset' }, { reply: 'unused' }]);
    const { delays, sleep } = recordingSleep();
    const seen: ModelEvent[] = [];
    const run = async () => {
      for await (const event of withRetries(model(id), { sleep }).stream({ messages: hello, tools })) seen.push(event);
    };
    await expect(run()).rejects.toMatchObject({ kind: 'server' });
    expect(texts(seen).join('')).toBe('Let me check that');
    expect(delays).toEqual([]);
    expect(await received(id)).toHaveLength(1);
  });

  it('does not retry non-retryable errors such as 400', async () => {
    const id = await scenario([{ error: { status: 400, message: 'bad schema' } }, { reply: 'unused' }]);
    await expect(collect(withRetries(model(id), { sleep: recordingSleep().sleep }))).rejects.toMatchObject({ kind: 'bad_request' });
    expect(await received(id)).toHaveLength(1);
  });
});
