// The shipped defaults, end to end inside workerd with the vars of wrangler.jsonc: which browser origins may
// call the API and /mcp (finding 6a), which responses may be cached (6b), what OAuth dynamic client
// registration accepts (6c), and the security headers every surface answers with.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signToken } from '../../worker/auth/tokens';
import worker from '../../worker/index';
import { CHAT_SUBPROTOCOL } from '../../worker/protocol/chat';
import { BASE, call, freshIp, openSession } from '../http-helpers';

const EVIL = 'https://evil.example';
/** OAuth is offered over https (or loopback) only, as in production. */
const OAUTH = 'https://switchboard.test';
/** Lets a response go without reading it (those from `call` are already read). */
const discard = async (res: Response) => {
  if (!res.bodyUsed) await res.body?.cancel();
};
const staffToken = () => signToken(env, { sub: 'alice', role: 'staff', name: 'Alice Staff' });

/** The Worker with some vars changed, as an operator's wrangler.jsonc would change them. */
async function fetchWith(vars: Partial<Env>, request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const initializeBody = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'conformance-dns-rebinding-test', version: '1.0.0' } },
});

/** An MCP initialize as a browser (or the conformance suite) sends it: with an Origin, to `url`. */
const mcpInit = (url: string, headers: Record<string, string>) =>
  new Request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'MCP-Protocol-Version': '2025-11-25', ...headers },
    body: initializeBody,
  });

describe('ALLOWED_ORIGINS ships as same-origin only (finding 6a)', () => {
  it('ships empty in wrangler.jsonc: no other site may call the API', async () => {
    expect(env.ALLOWED_ORIGINS).toBe('');
    const preflight = await exports.default.fetch(
      new Request(`${BASE}/api/v1/chat/session/new`, { method: 'OPTIONS', headers: { Origin: EVIL, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } }),
    );
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const read = await call('/api/v1/services', { headers: { Origin: EVIL } });
    expect(read.res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('lets the Worker’s own origin in (the widget it serves), and a listed site once listed', async () => {
    const own = await call('/api/v1/services', { headers: { Origin: BASE } });
    expect(own.res.status).toBe(200);
    expect(own.res.headers.get('Access-Control-Allow-Origin')).toBe(BASE);
    const vars = { ALLOWED_ORIGINS: 'https://shop.example, https://www.shop.example/' };
    for (const site of ['https://shop.example', 'https://www.shop.example']) {
      const res = await fetchWith(vars, new Request(`${BASE}/api/v1/chat/session/new`, { method: 'OPTIONS', headers: { Origin: site, 'Access-Control-Request-Method': 'POST' } }));
      expect(res.headers.get('Access-Control-Allow-Origin'), site).toBe(site);
    }
    const other = await fetchWith(vars, new Request(`${BASE}/api/v1/services`, { headers: { Origin: EVIL } }));
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
    // "*" stays possible when an operator sets it explicitly.
    const any = await fetchWith({ ALLOWED_ORIGINS: '*' }, new Request(`${BASE}/api/v1/services`, { headers: { Origin: EVIL } }));
    expect(any.headers.get('Access-Control-Allow-Origin')).toBe(EVIL);
  });

  it('refuses a chat socket from another site by default, and opens one from the Worker’s own origin', async () => {
    const s = await openSession();
    const upgrade = (origin: string) =>
      exports.default.fetch(
        new Request(`${BASE}/api/v1/chat/session/${s.session_id}/ws`, {
          headers: { Upgrade: 'websocket', Origin: origin, 'Sec-WebSocket-Protocol': `${CHAT_SUBPROTOCOL}, bearer.${s.token}` },
        }),
      );
    expect((await upgrade(EVIL)).status).toBe(403);
    const own = await upgrade(BASE);
    expect(own.status).toBe(101);
    own.webSocket?.accept();
    own.webSocket?.close(1000, 'done');
  });

  it('answers /mcp with a foreign Origin 403 and a JSON-RPC error body, even with a valid token', async () => {
    const token = await staffToken();
    const res = await exports.default.fetch(mcpInit(`${BASE}/mcp`, { Origin: EVIL, Authorization: `Bearer ${token}` }));
    expect(res.status).toBe(403);
    expect(res.headers.get('Content-Type')).toMatch(/application\/json/);
    const body = (await res.json()) as { jsonrpc: string; id: unknown; error: { code: number; message: string; data?: { code?: string } } };
    expect(body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000, data: { code: 'forbidden' } } });
    expect(body.error.message).toContain(EVIL);
    // Without a token too: the Origin is refused before anything else is looked at.
    expect((await exports.default.fetch(mcpInit(`${BASE}/mcp`, { Origin: EVIL }))).status).toBe(403);
  });

  it('passes the conformance suite’s DNS-rebinding scenario on a loopback Worker', async () => {
    const token = await staffToken();
    // Host and Origin both the attacker's name (the rebinding page), on a Worker reached over loopback.
    const rebound = await exports.default.fetch(
      mcpInit('http://evil.example.com/mcp', { Host: 'evil.example.com', Origin: 'http://evil.example.com', Authorization: `Bearer ${token}` }),
    );
    expect(rebound.status).toBe(403);
    // The real loopback name is accepted, with or without its Origin.
    for (const origin of ['http://127.0.0.1:8787', 'http://localhost:8787']) {
      const url = `${origin}/mcp`;
      const ok = await exports.default.fetch(mcpInit(url, { Host: new URL(origin).host, Origin: origin, Authorization: `Bearer ${token}` }));
      expect(ok.status, origin).toBe(200);
      await ok.body?.cancel();
    }
  });

  it('accepts /mcp without an Origin (desktop and server-side clients), and a listed site’s Origin', async () => {
    const token = await staffToken();
    const plain = await exports.default.fetch(mcpInit(`${BASE}/mcp`, { Authorization: `Bearer ${token}` }));
    expect(plain.status).toBe(200);
    await plain.body?.cancel();
    const listed = await fetchWith({ ALLOWED_ORIGINS: 'https://inspector.example' }, mcpInit(`${BASE}/mcp`, { Origin: 'https://inspector.example', Authorization: `Bearer ${token}` }));
    expect(listed.status).toBe(200);
    expect(listed.headers.get('Access-Control-Allow-Origin')).toBe('https://inspector.example');
    await listed.body?.cancel();
    // An https deployment's own pages may call its /mcp.
    const own = await exports.default.fetch(mcpInit('https://switchboard.example/mcp', { Origin: 'https://switchboard.example', Authorization: `Bearer ${token}` }));
    expect(own.status).toBe(200);
    await own.body?.cancel();
  });
});

describe('Cache-Control: no-store on responses that carry tokens or personal data (finding 6b)', () => {
  it('marks every API, chat, MCP and OAuth response no-store, and keeps /api/v1/config cacheable', async () => {
    const token = await staffToken();
    const s = await openSession({ customer_name: 'Cache Probe', customer_email: 'cache@example.com' });
    const responses: [string, Response][] = [];
    const add = async (label: string, res: Response | Promise<Response>) => responses.push([label, await res]);
    const send = (path: string, init: RequestInit & { token?: string } = {}) => call(path, init).then((r) => r.res);
    await add('GET /api/v1/services', send('/api/v1/services'));
    await add('GET /api/v1/kb/articles', send('/api/v1/kb/articles'));
    await add('GET /api/v1/kb/search', send('/api/v1/kb/search?query=hours'));
    await add('GET /api/v1/bookings (staff)', send('/api/v1/bookings', { token }));
    await add('GET /api/v1/conversations (staff)', send('/api/v1/conversations', { token }));
    await add('POST /api/v1/chat/session/new (a token)', send('/api/v1/chat/session/new', { method: 'POST', body: '{}' }));
    await add('GET /api/v1/chat/session/:id (a transcript)', send(`/api/v1/chat/session/${s.session_id}`, { token: s.token }));
    await add('POST /chat/sessions (a token)', send('/chat/sessions', { method: 'POST', body: '{}' }));
    await add('401 /api/v1/bookings', send('/api/v1/bookings'));
    await add('404 /api/v1/nope', send('/api/v1/nope'));
    await add('400 /api/v1/services', send(`/api/v1/services?query=${'a'.repeat(101)}`));
    await add('POST /mcp initialize', exports.default.fetch(mcpInit(`${BASE}/mcp`, { Authorization: `Bearer ${token}` })));
    await add('401 /mcp', exports.default.fetch(mcpInit(`${BASE}/mcp`, {})));
    await add('403 /mcp', exports.default.fetch(mcpInit(`${BASE}/mcp`, { Origin: EVIL })));
    await add(
      'POST /oauth/register',
      exports.default.fetch(
        new Request(`${OAUTH}/oauth/register`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'cf-connecting-ip': freshIp() },
          body: JSON.stringify({ client_name: 'Cache probe', redirect_uris: ['http://127.0.0.1:9/cb'], token_endpoint_auth_method: 'none' }),
        }),
      ),
    );
    await add('400 /oauth/register', exports.default.fetch(new Request(`${OAUTH}/oauth/register`, { method: 'POST', headers: { 'cf-connecting-ip': freshIp() }, body: 'x' })));
    await add('400 /oauth/token', exports.default.fetch(new Request(`${OAUTH}/oauth/token`, { method: 'POST', body: 'grant_type=nope' })));
    await add('GET /authorize', exports.default.fetch(new Request(`${OAUTH}/authorize?response_type=code`)));
    for (const [label, res] of responses) {
      // Exactly no-store; an event stream (MCP's SSE) also keeps no-transform.
      expect(res.headers.get('Cache-Control'), label).toMatch(/^no-store(, no-transform)?$/);
      await discard(res);
    }
    const config = await call('/api/v1/config');
    expect(config.res.headers.get('Cache-Control')).toBe('public, max-age=60');
  });
});

describe('OAuth dynamic client registration is bounded (finding 6c)', () => {
  const registration = (body: BodyInit, ip: string, headers: Record<string, string> = {}) =>
    exports.default.fetch(new Request(`${OAUTH}/oauth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'cf-connecting-ip': ip, ...headers }, body }));
  const metadata = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({ client_name: 'Bounded', redirect_uris: ['http://127.0.0.1:9/cb'], token_endpoint_auth_method: 'none', ...extra });

  it('refuses a registration body over 16 KB with 413, declared or streamed, and stores nothing', async () => {
    const before = (await env.OAUTH_KV.list({ prefix: 'client:' })).keys.length;
    // The probe: ~1 MiB was accepted and stored per client.
    const big = metadata({ client_name: 'x'.repeat(20 * 1024) });
    const declared = await registration(big, freshIp());
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: 'invalid_request' });
    // No Content-Length (a stream): counted while read.
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
        controller.close();
      },
    });
    const streamed = await registration(stream, freshIp());
    expect(streamed.status).toBe(413);
    expect((await env.OAUTH_KV.list({ prefix: 'client:' })).keys.length).toBe(before);
    // A normal registration (well under the cap) still works.
    const ok = await registration(metadata({ client_name: 'y'.repeat(2000) }), freshIp());
    expect(ok.status).toBe(201);
  });

  it('rate-limits registrations per address: a burst gets 429 with Retry-After, another address is unaffected', async () => {
    const ip = '203.0.113.77';
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 30 && !limited; i++) {
      const res = await registration(metadata({ client_name: `Burst ${i}` }), ip);
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      else await discard(res);
    }
    expect(statuses[0]).toBe(201);
    expect(limited, `statuses: ${statuses.join(',')}`).toBeDefined();
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(10);
    expect(limited!.headers.get('Retry-After')).toBe('60');
    expect(limited!.headers.get('Cache-Control')).toBe('no-store');
    expect(await limited!.json()).toMatchObject({ error: 'temporarily_unavailable' });
    expect((await registration(metadata(), '203.0.113.78')).status).toBe(201);
  });

  it('expires a registered client that is not used within 30 days (KV expiration and client_secret_expires_at)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const confidential = await registration(JSON.stringify({ client_name: 'Expiring', redirect_uris: ['http://127.0.0.1:9/cb'] }), freshIp());
    expect(confidential.status).toBe(201);
    const body = (await confidential.json()) as { client_id: string; client_id_issued_at: number; client_secret_expires_at: number };
    expect(body.client_secret_expires_at - body.client_id_issued_at).toBe(30 * 24 * 3600);
    const publicClient = await registration(metadata(), freshIp());
    const { client_id } = (await publicClient.json()) as { client_id: string };
    for (const id of [body.client_id, client_id]) {
      const [key] = (await env.OAUTH_KV.list({ prefix: `client:${id}` })).keys;
      expect(key?.expiration, id).toBeGreaterThan(now);
      expect(key!.expiration! - now, id).toBeLessThanOrEqual(30 * 24 * 3600 + 5);
    }
  });
});

describe('security headers on every surface (regression)', () => {
  it('sends nosniff, frame and referrer policies and a request id on API, MCP and OAuth responses', async () => {
    const token = await staffToken();
    const cases: [string, Response][] = [
      ['GET /api/v1/services', (await call('/api/v1/services')).res],
      ['404 /api/v1/nope', (await call('/api/v1/nope')).res],
      ['400 /api/v1/kb/articles/0x1', (await call('/api/v1/kb/articles/0x1')).res],
      ['POST /mcp', await exports.default.fetch(mcpInit(`${BASE}/mcp`, { Authorization: `Bearer ${token}` }))],
      ['403 /mcp', await exports.default.fetch(mcpInit(`${BASE}/mcp`, { Origin: EVIL }))],
    ];
    for (const [label, res] of cases) {
      expect(res.headers.get('X-Content-Type-Options'), label).toBe('nosniff');
      expect(res.headers.get('X-Frame-Options'), label).toBe('SAMEORIGIN');
      expect(res.headers.get('Referrer-Policy'), label).toBe('no-referrer');
      expect(res.headers.get('X-Request-Id'), label).toBeTruthy();
      await discard(res);
    }
    for (const path of ['/oauth/token', '/oauth/register']) {
      const res = await exports.default.fetch(new Request(`${OAUTH}${path}`, { method: 'POST', headers: { 'cf-connecting-ip': freshIp() }, body: 'x' }));
      expect(res.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
      expect(res.headers.get('Cache-Control'), path).toBe('no-store');
      await discard(res);
    }
  });

  it('never puts a stack trace or internals in an error body', async () => {
    const token = await staffToken();
    const bodies: [string, string][] = [];
    for (const [path, init] of [
      ['/api/v1/services?query=' + 'a'.repeat(80), {}],
      ['/api/v1/bookings', { method: 'POST', token, body: '{"service": {"$gt": ""}}' }],
      ['/api/v1/bookings', { method: 'POST', token, body: '[1,2' }],
      ['/api/v1/kb/articles/0x10', { method: 'DELETE', token }],
      ['/api/v1/tasks/1e1', { method: 'PATCH', token, body: '{"title": 5}' }],
      ['/api/v1/chat/message', { method: 'POST', body: '{"session_id": "../../x", "message": "hi"}' }],
    ] as [string, RequestInit & { token?: string }][]) {
      const { res, text } = await call(path, init);
      expect(res.status, `${path}: ${text}`).toBeLessThan(500);
      bodies.push([path, text]);
    }
    for (const [path, text] of bodies) {
      for (const leak of [/\n\s+at /, /\.ts:\d+/, /\.js:\d+/, /D1_ERROR/i, /SQLITE/i]) expect(leak.test(text), `${path}: ${text}`).toBe(false);
    }
  });
});
