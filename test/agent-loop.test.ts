// The agent loop with the real openai client against the fake provider, executing real tools on real D1.
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import { FALLBACK_REPLY, runTurn, type TurnHooks } from '../worker/agent/loop';
import type { ToolResultStore } from '../worker/agent/tool-call';
import type { ModelMessage } from '../worker/agent/model';
import { OpenAIChatModel } from '../worker/agent/openai-model';
import { CircuitBreaker, withRetries } from '../worker/agent/resilience';
import { TOOLS } from '../worker/tools/catalog';
import { selectTools, type ToolResult } from '../worker/tools/registry';
import type { FakeStep } from './fake-openai/server.ts';
import { ctxFor, customerA, staff } from './helpers';

const baseURL = inject('fakeOpenAIUrl');
const origin = new URL(baseURL).origin;

async function scenario(steps: FakeStep[]): Promise<string> {
  const id = `loop-${crypto.randomUUID()}`;
  const res = await fetch(`${origin}/__scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, steps }) });
  expect(res.status).toBe(201);
  return id;
}
const received = async (id: string) => (await (await fetch(`${origin}/__scenarios/${encodeURIComponent(id)}/requests`)).json()) as { messages: ModelMessage[]; tools?: unknown[] }[];

function memoryStore(): ToolResultStore & { size: () => number } {
  const results = new Map<string, ToolResult>();
  return { get: (id) => results.get(id), put: (id, _tool, r) => void results.set(id, r), size: () => results.size };
}

function recorder(): TurnHooks & { deltas: string[]; messages: ModelMessage[]; tools: string[] } {
  const r = { deltas: [] as string[], messages: [] as ModelMessage[], tools: [] as string[] };
  return {
    ...r,
    onTextDelta: (d) => r.deltas.push(d),
    onToolStarted: (c) => r.tools.push(c.name),
    onToolFinished: () => undefined,
    onMessage: (m) => r.messages.push(m),
  };
}

const user = (content: string): ModelMessage[] => [{ role: 'system', content: 'You are a test.' }, { role: 'user', content }];

describe('runTurn with the OpenAI-compatible model', () => {
  it('runs a tool call, sends the result back, and streams the final reply', async () => {
    const id = await scenario([{ toolCalls: [{ name: 'list_services', arguments: '{"category":"Plumbing"}' }] }, { reply: 'Drain cleaning is $149.' }]);
    const hooks = recorder();
    const outcome = await runTurn({
      model: new OpenAIChatModel({ apiKey: 'sk-test', baseURL, model: id }),
      messages: user('How much is drain cleaning?'),
      tools: selectTools(TOOLS, customerA),
      ctx: ctxFor(customerA),
      store: memoryStore(),
      hooks,
    });
    expect(outcome.text).toBe('Drain cleaning is $149.');
    expect(hooks.deltas.join('')).toBe('Drain cleaning is $149.');
    expect(outcome.functionCalls).toEqual([expect.objectContaining({ name: 'list_services', ok: true })]);
    expect(outcome.usage.prompt_tokens).toBeGreaterThan(0);
    const requests = await received(id);
    expect(requests).toHaveLength(2);
    const toolMessage = requests[1]!.messages.at(-1) as { role: string; content: string };
    expect(toolMessage.role).toBe('tool');
    expect(JSON.parse(toolMessage.content)).toMatchObject({ ok: true, data: { services: expect.arrayContaining([expect.objectContaining({ slug: 'drain-cleaning' })]) } });
    // The customer is offered the customer's tools only.
    const offered = (requests[0]!.tools as { function: { name: string } }[]).map((t) => t.function.name);
    expect(offered).toContain('create_booking');
    expect(offered).not.toContain('complete_booking');
  });

  it('executes parallel tool calls and collects knowledge-base sources', async () => {
    const id = await scenario([
      {
        toolCalls: [
          { name: 'search_knowledge_base', arguments: '{"query":"cancellation policy"}' },
          { name: 'list_services', arguments: '{}' },
        ],
      },
      { reply: 'You can cancel free up to 24 hours ahead (Source: Cancellation policy).' },
    ]);
    const hooks = recorder();
    const outcome = await runTurn({
      model: new OpenAIChatModel({ apiKey: 'sk-test', baseURL, model: id }),
      messages: user('Can I cancel?'),
      tools: selectTools(TOOLS, customerA),
      ctx: ctxFor(customerA),
      store: memoryStore(),
      hooks,
    });
    expect(hooks.tools).toEqual(['search_knowledge_base', 'list_services']);
    expect(outcome.sources.length).toBeGreaterThan(0);
    expect(outcome.sources.some((s) => /cancel/i.test(s.title))).toBe(true);
    const second = (await received(id))[1]!.messages.filter((m) => m.role === 'tool');
    expect(second).toHaveLength(2);
  });

  it('answers malformed arguments and forbidden calls with readable errors, never with an exception', async () => {
    const id = await scenario([
      { toolCalls: [{ name: 'create_booking', arguments: '{"service": "drain-cle' }] },
      { toolCalls: [{ name: 'complete_booking', arguments: '{"booking_number":"BK-2030-000001"}' }] },
      { reply: 'Sorry, I cannot do that.' },
    ]);
    const outcome = await runTurn({
      model: new OpenAIChatModel({ apiKey: 'sk-test', baseURL, model: id }),
      messages: user('Book it and mark it done'),
      // The model is offered every tool here; the registry still refuses what the role may not do.
      tools: TOOLS,
      ctx: ctxFor(customerA),
      store: memoryStore(),
      hooks: recorder(),
    });
    expect(outcome.functionCalls).toEqual([
      expect.objectContaining({ name: 'create_booking', ok: false, error: 'invalid_input' }),
      expect.objectContaining({ name: 'complete_booking', ok: false, error: 'forbidden' }),
    ]);
    expect(outcome.text).toBe('Sorry, I cannot do that.');
  });

  it('falls back politely when the provider keeps failing, and the breaker then stops calling it', async () => {
    const id = await scenario(Array.from({ length: 10 }, () => ({ error: { status: 500, message: 'upstream down' } }) satisfies FakeStep));
    const breaker = new CircuitBreaker({ failureThreshold: 3 });
    const model = withRetries(new OpenAIChatModel({ apiKey: 'sk-test', baseURL, model: id }), { maxAttempts: 3, sleep: async () => undefined, breaker });
    const run = () =>
      runTurn({ model, messages: user('hello'), tools: selectTools(TOOLS, customerA), ctx: ctxFor(customerA), store: memoryStore(), hooks: recorder() });
    const first = await run();
    expect(first.text).toBe(FALLBACK_REPLY);
    expect(first.failure?.kind).toBe('server');
    const second = await run();
    expect(second.failure?.kind).toBe('circuit_open');
    expect(await received(id)).toHaveLength(3);
  });

  it('never acts twice on a repeated tool-call id', async () => {
    const args = JSON.stringify({ service: 'ev-charger-install', start: '2030-06-04T09:00', customer_name: 'Eve Volt', phone: '312 555 0177', address: '5 Volt Way, Chicago, IL' });
    const steps: FakeStep[] = [{ toolCalls: [{ id: 'call_same', name: 'create_booking', arguments: args }] }, { reply: 'Booked.' }];
    const store = memoryStore();
    for (let round = 0; round < 2; round++) {
      const id = await scenario(steps);
      await runTurn({ model: new OpenAIChatModel({ apiKey: 'sk-test', baseURL, model: id }), messages: user('book it'), tools: TOOLS, ctx: ctxFor(staff), store, hooks: recorder() });
    }
    const n = await env.DB.prepare("SELECT count(*) AS n FROM bookings WHERE address = '5 Volt Way, Chicago, IL'").first<{ n: number }>();
    expect(n?.n).toBe(1);
    expect(store.size()).toBe(1);
  });
});
