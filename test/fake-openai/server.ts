/**
 * A local fake of the OpenAI Chat Completions API, speaking the real wire format
 * (JSON and SSE streaming, chunked tool calls, usage, OpenAI-shaped errors) so the
 * real `openai` client can be tested end to end without a network or a key.
 *
 * Tests script it per scenario: `POST /__scenarios {id, steps}` registers steps,
 * and every completion request whose `model` equals that id consumes the next step.
 * Scenario ids are unique per test, so tests running in parallel never share state.
 * Any other model gets the default behaviour (an echo after `latencyMs`), which
 * is what the benchmarks use.
 *
 * Runs under Node 22 as-is (type stripping): only erasable TS syntax in this file.
 * CLI: `node test/fake-openai/server.ts --port 8790 --latency 200`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { isMain } from '../is-main.ts';
import { checkAgainst, sampleFor, strictSchemaProblem, type ResponseFormat } from './structured.ts';

/** One scripted tool call; `arguments` is sent verbatim, so it may be malformed JSON. */
export interface FakeToolCall {
  name: string;
  arguments: string;
  /** Defaults to a generated `call_…` id. */
  id?: string;
}

/** One scripted response. Fields combine: e.g. `{ delayMs, reply, toolCalls }`. */
export interface FakeStep {
  /** Wait this long before sending response headers (drives client timeouts). */
  delayMs?: number;
  /** Wait this long between streamed chunks. */
  chunkDelayMs?: number;
  /** Assistant text; streamed as several word-sized deltas. */
  reply?: string;
  toolCalls?: FakeToolCall[];
  /** Answer with an HTTP error in OpenAI's JSON error shape instead of a completion. */
  error?: { status: number; message: string; retryAfter?: number; type?: string; code?: string };
  /** Streaming only: after the reply deltas, send an SSE `error` payload and end (mid-stream failure). */
  streamError?: string;
  /**
   * A `json_schema` request's answer, sent as the message content; it must match the request's schema (the
   * fake refuses to send what strict mode never would). `reply` instead sends any content verbatim, as a
   * provider without strict mode may. With neither, a json_schema request gets a value made from its schema.
   */
  json?: unknown;
  /** Answer with a refusal (content null), as a model declining a structured-output request does. */
  refusal?: string;
  /** Override the reported usage (otherwise a rough estimate). */
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export interface FakeOpenAIOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Latency of the default (unscripted) behaviour before headers. */
  latencyMs?: number;
}

export interface FakeOpenAI {
  /** Base URL for the client, e.g. `http://127.0.0.1:PORT/v1`. */
  url: string;
  close(): Promise<void>;
}

interface Scenario {
  steps: FakeStep[];
  requests: unknown[];
}

type RequestBody = {
  model?: unknown;
  messages?: Array<{ role?: string; content?: unknown }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean } | null;
  response_format?: ResponseFormat;
};

/** OpenAI's `error.type` by status: 429 → `requests`, other 4xx → `invalid_request_error`, 5xx → `server_error`. */
const errorType = (status: number) => (status === 429 ? 'requests' : status < 500 ? 'invalid_request_error' : 'server_error');

let counter = 0;
const nextId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Splits text the way tokens arrive: word-sized pieces that keep their spacing. */
export function splitDeltas(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}

/** Splits tool arguments into ~3 fragments, as OpenAI streams them across deltas. */
function splitArguments(args: string): string[] {
  if (args.length < 3) return [args];
  const size = Math.ceil(args.length / 3);
  const parts: string[] = [];
  for (let i = 0; i < args.length; i += size) parts.push(args.slice(i, i + size));
  return parts;
}

function lastUserText(body: RequestBody): string {
  const user = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user');
  return typeof user?.content === 'string' ? user.content : JSON.stringify(user?.content ?? '');
}

/** ~4 characters a token: good enough for a fake's usage numbers. */
function estimateUsage(body: RequestBody, step: FakeStep): CompletionUsage {
  const prompt = Math.ceil(JSON.stringify(body.messages ?? []).length / 4);
  const out = step.usage?.completion_tokens ?? Math.max(1, Math.ceil(((step.reply ?? '').length + JSON.stringify(step.toolCalls ?? []).length) / 4));
  const promptTokens = step.usage?.prompt_tokens ?? prompt;
  return { prompt_tokens: promptTokens, completion_tokens: out, total_tokens: promptTokens + out };
}

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(payload));
}

function sendError(res: ServerResponse, error: NonNullable<FakeStep['error']>): void {
  const headers: Record<string, string> = { 'x-request-id': nextId('req_') };
  if (error.retryAfter !== undefined) headers['retry-after'] = String(error.retryAfter);
  const type = error.type ?? errorType(error.status);
  const code = error.code ?? (error.status === 429 ? 'rate_limit_exceeded' : null);
  sendJson(res, error.status, { error: { message: error.message, type, param: null, code } }, headers);
}

function completion(model: string, step: FakeStep, usage: CompletionUsage): ChatCompletion {
  const toolCalls = step.toolCalls?.map((c) => ({ id: c.id ?? nextId('call_'), type: 'function' as const, function: { name: c.name, arguments: c.arguments } }));
  return {
    id: nextId('chatcmpl-'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        logprobs: null,
        finish_reason: toolCalls?.length ? 'tool_calls' : 'stop',
        message: { role: 'assistant', content: step.refusal ? null : (step.reply ?? null), refusal: step.refusal ?? null, annotations: [], ...(toolCalls?.length ? { tool_calls: toolCalls } : {}) },
      },
    ],
    usage,
  };
}

/** The chunk sequence OpenAI sends for one turn (without the usage chunk and `[DONE]`). */
function chunks(model: string, step: FakeStep, withUsageField: boolean): ChatCompletionChunk[] {
  const base = { id: nextId('chatcmpl-'), object: 'chat.completion.chunk' as const, created: Math.floor(Date.now() / 1000), model };
  const chunk = (delta: ChatCompletionChunk.Choice.Delta, finish: ChatCompletionChunk.Choice['finish_reason'] = null): ChatCompletionChunk => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    // With include_usage, every chunk carries `usage: null` except the final usage chunk.
    ...(withUsageField ? { usage: null } : {}),
  });
  const out: ChatCompletionChunk[] = [chunk({ role: 'assistant', content: step.toolCalls?.length && !step.reply ? null : '', refusal: null })];
  for (const piece of splitDeltas(step.reply ?? '')) out.push(chunk({ content: piece }));
  step.toolCalls?.forEach((call, index) => {
    // First delta of each call carries id, type and name; arguments follow in fragments.
    out.push(chunk({ tool_calls: [{ index, id: call.id ?? nextId('call_'), type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const part of splitArguments(call.arguments)) out.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }));
  });
  if (!step.streamError) out.push(chunk({}, step.toolCalls?.length ? 'tool_calls' : 'stop'));
  return out;
}

async function stream(res: ServerResponse, body: RequestBody, model: string, step: FakeStep): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-request-id': nextId('req_') });
  const includeUsage = body.stream_options?.include_usage === true;
  const write = (data: string) => {
    if (!res.destroyed) res.write(`data: ${data}\n\n`);
  };
  for (const c of chunks(model, step, includeUsage)) {
    if (res.destroyed) return; // client gave up (timeout/abort): stop quietly
    write(JSON.stringify(c));
    if (step.chunkDelayMs) await sleep(step.chunkDelayMs);
  }
  if (step.streamError) {
    write(JSON.stringify({ error: { message: step.streamError, type: 'server_error', param: null, code: null } }));
    res.end();
    return;
  }
  if (includeUsage) {
    const usageChunk: ChatCompletionChunk = { id: nextId('chatcmpl-'), object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [], usage: estimateUsage(body, step) };
    write(JSON.stringify(usageChunk));
  }
  write('[DONE]');
  res.end();
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/** Starts the fake on 127.0.0.1 and resolves once it is listening. */
export function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const latencyMs = options.latencyMs ?? 0;
  const scenarios = new Map<string, Scenario>();

  async function completions(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: RequestBody;
    // As OpenAI does: no bearer key, no completion (so every test through the fake also checks the key is sent).
    if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
      return sendError(res, { status: 401, message: "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.", type: 'invalid_request_error' });
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendError(res, { status: 400, message: 'Invalid content type: the body must be application/json.' });
    }
    try {
      body = JSON.parse(await readBody(req)) as RequestBody;
    } catch {
      return sendError(res, { status: 400, message: 'We could not parse the JSON body of your request.' });
    }
    if (typeof body.model !== 'string' || !Array.isArray(body.messages)) {
      return sendError(res, { status: 400, message: "Missing required parameter: 'model' or 'messages'." });
    }
    const scenario = scenarios.get(body.model);
    let step: FakeStep;
    if (scenario) {
      scenario.requests.push(body);
      const next = scenario.steps.shift();
      // A non-retryable 400 makes a test that asks for more turns than it scripted fail loudly.
      if (!next) return sendError(res, { status: 400, message: `fake-openai: scenario '${body.model}' has no steps left` });
      step = next;
    } else {
      step = { delayMs: latencyMs, reply: `fake: ${lastUserText(body)}` };
    }
    if (step.delayMs) await sleep(step.delayMs);
    if (res.destroyed) return;
    if (step.error) return sendError(res, step.error);
    if (body.response_format?.type === 'json_schema') {
      const problem = strictSchemaProblem(body.response_format);
      if (problem) return sendError(res, { status: 400, message: problem });
      if (step.json !== undefined) {
        const errors = checkAgainst(body.response_format, step.json);
        if (errors.length) return sendError(res, { status: 400, message: `fake-openai: scripted json does not match the schema: ${errors.join('; ')}` });
      }
      // A scripted reply is sent as it is; otherwise the content is the schema's JSON.
      if ((step.reply === undefined && !step.refusal) || !scenario) step = { ...step, reply: JSON.stringify(step.json ?? sampleFor(body.response_format, lastUserText(body))) };
    }
    if (body.stream) return stream(res, body, body.model, step);
    sendJson(res, 200, completion(body.model, step, estimateUsage(body, step)), { 'x-request-id': nextId('req_') });
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const match = /^\/__scenarios\/([^/]+)\/requests$/.exec(path);
    if (req.method === 'GET' && match) {
      const scenario = scenarios.get(decodeURIComponent(match[1] ?? ''));
      return sendJson(res, scenario ? 200 : 404, scenario?.requests ?? []);
    }
    if (req.method === 'POST' && path === '/__scenarios') {
      const { id, steps } = JSON.parse(await readBody(req)) as { id?: unknown; steps?: unknown };
      if (typeof id !== 'string' || !Array.isArray(steps)) return sendJson(res, 400, { error: 'expected { id: string, steps: Step[] }' });
      scenarios.set(id, { steps: steps as FakeStep[], requests: [] });
      return sendJson(res, 201, { id, steps: steps.length });
    }
    if (req.method === 'DELETE' && path.startsWith('/__scenarios/')) {
      scenarios.delete(decodeURIComponent(path.slice('/__scenarios/'.length)));
      return sendJson(res, 200, { ok: true });
    }
    sendJson(res, 404, { error: 'unknown control route' });
  }

  const server = createServer((req, res) => {
    // Accept both `/v1/...` and bare paths so either base URL works.
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/v1(?=\/)/, '');
    const handle = req.method === 'POST' && path === '/chat/completions'
      ? completions(req, res)
      : path === '/__health'
        ? Promise.resolve(sendJson(res, 200, { ok: true }))
        : path.startsWith('/__scenarios')
          ? control(req, res, path)
          : Promise.resolve(sendError(res, { status: 404, message: `Unknown request URL: ${req.method} ${path}`, type: 'invalid_request_error' }));
    handle.catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'server_error', param: null, code: null } });
      else res.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        url: `http://127.0.0.1:${port}/v1`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            // Keep-alive sockets from the client would hold close() open forever.
            server.closeAllConnections();
          }),
      });
    });
  });
}

if (isMain(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const port = Number(arg('port') ?? process.env.FAKE_OPENAI_PORT ?? 8790);
  const latencyMs = Number(arg('latency') ?? process.env.FAKE_LATENCY_MS ?? 0);
  const fake = await startFakeOpenAI({ port, latencyMs });
  console.log(`fake-openai listening on ${fake.url} (default latency ${latencyMs} ms)`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
