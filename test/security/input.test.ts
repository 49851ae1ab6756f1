// Hostile input, end to end inside workerd against the real D1: catalogue search at every length its schema
// allows (finding 4), path ids that are decimal integers only (finding 6d), and a fuzz of every REST route's
// path parameters (400/404, never 500, never a stack trace).
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signToken } from '../../worker/auth/tokens';
import { REST_ROUTES } from '../../worker/http/rest';
import { findTool } from '../../worker/tools/catalog';
import { executeTool, inputJsonSchema } from '../../worker/tools/registry';
import { admin, anonymous, ctxFor, staff } from '../helpers';
import { BASE, call } from '../http-helpers';

const staffToken = () => signToken(env, { sub: staff.kind === 'user' ? staff.subject : '', role: 'staff', name: 'Alice Staff' });
const adminToken = () => signToken(env, { sub: 'root', role: 'admin', name: 'Ada Admin' });

/** One JSON-RPC call to /mcp as `token`; the result (or error) of the response, SSE or JSON. */
async function mcpCall(token: string, method: string, params: Record<string, unknown>) {
  const res = await exports.default.fetch(
    new Request(`${BASE}/mcp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', Authorization: `Bearer ${token}`, 'MCP-Protocol-Version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    }),
  );
  const text = await res.text();
  const json = text.trimStart().startsWith('{') ? text : (/^data: (.*)$/m.exec(text)?.[1] ?? 'null');
  return { status: res.status, body: JSON.parse(json) as { result?: { isError?: boolean; structuredContent?: unknown; content?: { text?: string }[] }; error?: unknown } };
}

/** What a stack trace or internals look like in a body. */
const LEAKS = [/\n\s+at /, /\.ts:\d+/, /\.js:\d+/, /D1_ERROR/i, /SQLITE/i, /LIKE or GLOB/i, /TypeError|ReferenceError/];
const expectNoLeak = (text: string, label: string) => {
  for (const leak of LEAKS) expect(leak.test(text), `${label}: ${leak} in ${text.slice(0, 300)}`).toBe(false);
};

describe('catalogue search at every length its schema allows (finding 4)', () => {
  it('answers GET /api/v1/services?query= of 1 to 100 characters with 200, never 500', async () => {
    // The probe: 49–100 characters were a 500 (SQLite's LIKE pattern limit of 50 bytes).
    for (const length of [1, 20, 47, 48, 49, 50, 51, 64, 99, 100]) {
      const { res, body, text } = await call(`/api/v1/services?query=${'a'.repeat(length)}`);
      expect(res.status, `query of ${length}: ${text}`).toBe(200);
      expect(Array.isArray(body.services)).toBe(true);
    }
    // Multi-byte text: 100 characters are 200 bytes of UTF-8.
    const wide = await call(`/api/v1/services?query=${encodeURIComponent('é'.repeat(100))}`);
    expect(wide.res.status, wide.text).toBe(200);
    const cjk = await call(`/api/v1/services?query=${encodeURIComponent('排'.repeat(100))}`);
    expect(cjk.res.status, cjk.text).toBe(200);
  });

  it('still finds what it should: case-insensitive, with % and _ taken literally, and a long query that matches', async () => {
    const drain = await call('/api/v1/services?query=DRAIN');
    expect(drain.res.status).toBe(200);
    expect(drain.body.services.map((s: { slug: string }) => s.slug)).toContain('drain-cleaning');
    for (const literal of ['%', '_', '\\', "'", '%%%%', '_a_']) {
      const { res, body } = await call(`/api/v1/services?query=${encodeURIComponent(literal)}`);
      expect(res.status, literal).toBe(200);
      // No service name or description contains these characters, so a literal match finds nothing.
      expect(body.services, literal).toEqual([]);
    }
    // A description longer than 50 bytes, searched for in full: found, not a 500.
    const all = await call('/api/v1/services');
    const long = (all.body.services as { slug: string; description: string }[]).find((s) => s.description.length >= 60)!;
    const needle = long.description.slice(0, 100).trim();
    const found = await call(`/api/v1/services?query=${encodeURIComponent(needle)}`);
    expect(found.res.status, found.text).toBe(200);
    expect(found.body.services.map((s: { slug: string }) => s.slug)).toContain(long.slug);
  });

  it('answers list_services over MCP with a 100-character query as a result, not an isError internal', async () => {
    const { status, body } = await mcpCall(await staffToken(), 'tools/call', { name: 'list_services', arguments: { query: 'x'.repeat(100) } });
    expect(status).toBe(200);
    expect(body.result?.isError, JSON.stringify(body)).not.toBe(true);
    expect(body.result?.structuredContent).toMatchObject({ services: [] });
  });

  it('states the limit: 101 characters are a 400, and the schema says at most 100', async () => {
    const { res, body } = await call(`/api/v1/services?query=${'a'.repeat(101)}`);
    expect(res.status).toBe(400);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.details.query).toBeTruthy();
    const query = (inputJsonSchema(findTool('list_services')!) as { properties: Record<string, { maxLength?: number; description?: string }> }).properties.query!;
    expect(query.maxLength).toBe(100);
    expect(query.description).toMatch(/at most 100 characters/);
  });
});

/** Every spelling of a number that is not a plain decimal id. */
const NOT_DECIMAL = ['0x10', '0X10', ' 16', '16 ', '1e1', '+16', '016', '16.0', '1_6', '0b10', '0o20', '-1', '0', 'Infinity', 'NaN', '9'.repeat(17), '', 'abc'];

describe('path ids are decimal integers only (finding 6d)', () => {
  it('refuses DELETE /api/v1/kb/articles/0x<id> with 400 and leaves the article in place', async () => {
    const token = await staffToken();
    const created = await call('/api/v1/kb/articles', {
      method: 'POST',
      token,
      body: JSON.stringify({ title: 'Hex probe article', body: 'This article must survive a hex id.', category: 'General' }),
    });
    expect(created.res.status).toBe(201);
    const id = created.body.id as number;
    const hex = `0x${id.toString(16)}`;
    // The probe: /kb/articles/0x10 deleted article 16.
    const deleted = await call(`/api/v1/kb/articles/${hex}`, { method: 'DELETE', token });
    expect(deleted.res.status, deleted.text).toBe(400);
    expect(deleted.body.error.code).toBe('invalid_input');
    expect(deleted.body.error.details.article_id).toBeTruthy();
    const still = await call(`/api/v1/kb/articles/${id}`, { token });
    expect(still.res.status).toBe(200);
    expect(still.body.id).toBe(id);
    // Its decimal id still works.
    expect((await call(`/api/v1/kb/articles/${id}`, { method: 'DELETE', token })).res.status).toBe(200);
  });

  it('answers every numeric path id that is not plain decimal with 400 invalid_input, on every route', async () => {
    const token = await adminToken();
    const numeric = REST_ROUTES.filter((r) => /:(task_id|project_id|article_id)\b/.test(r.path));
    expect(numeric.length).toBeGreaterThanOrEqual(8);
    for (const route of numeric) {
      const param = /:(\w+)/.exec(route.path)![1]!;
      for (const value of NOT_DECIMAL.filter((v) => v !== '')) {
        const path = `/api/v1${route.path.replace(`:${param}`, encodeURIComponent(value))}`;
        const init = route.method === 'GET' || route.method === 'DELETE' ? { method: route.method, token } : { method: route.method, token, body: '{}' };
        const { res, body, text } = await call(path, init);
        expect(res.status, `${route.method} ${path}: ${text}`).toBe(400);
        expect(body.error.code).toBe('invalid_input');
        expect(body.error.details[param], `${route.method} ${path}`).toBeTruthy();
      }
    }
  });

  it('refuses the same spellings from every tool surface (chat, voice and MCP call tools with JSON arguments)', async () => {
    const ctx = ctxFor(admin);
    const cases: [string, string, Record<string, unknown>][] = [
      ['get_kb_article', 'article_id', {}],
      ['delete_kb_article', 'article_id', {}],
      ['update_kb_article', 'article_id', { title: 'x' }],
      ['update_task', 'task_id', { title: 'x' }],
      ['complete_task', 'task_id', {}],
      ['delete_task', 'task_id', {}],
      ['update_project', 'project_id', { name: 'x' }],
      ['list_tasks', 'project_id', {}],
      ['check_availability', 'employee_id', { service: 'drain-cleaning', date_from: '2030-03-04' }],
    ];
    for (const [name, field, rest] of cases) {
      const tool = findTool(name)!;
      for (const value of [...NOT_DECIMAL, 16.5, -3, 0, true, null, [16], { id: 16 }, Number.MAX_SAFE_INTEGER + 2]) {
        const result = await executeTool(tool, ctx, { ...rest, [field]: value }, 'mcp');
        expect(result.ok, `${name} ${field}=${JSON.stringify(value)}`).toBe(false);
        if (!result.ok) {
          expect(result.error.code, `${name} ${field}=${JSON.stringify(value)}`).toBe('invalid_input');
          expect((result.error.details as Record<string, string>)[field]).toBeTruthy();
        }
      }
    }
    // What stays valid: a JSON integer, and its decimal text (REST path segments and query strings are text).
    const get = findTool('get_kb_article')!;
    const listed = await executeTool(findTool('list_kb_articles')!, ctxFor(anonymous), {}, 'rest');
    const first = (listed.ok ? (listed.data as { id: number }[]) : [])[0]!.id;
    for (const value of [first, String(first)]) {
      const result = await executeTool(get, ctxFor(anonymous), { article_id: value }, 'mcp');
      expect(result.ok, JSON.stringify(value)).toBe(true);
    }
  });

  it('advertises the ids as positive integers in every tool schema', () => {
    for (const [name, field] of [['get_kb_article', 'article_id'], ['delete_task', 'task_id'], ['update_project', 'project_id'], ['check_availability', 'employee_id']] as const) {
      const schema = inputJsonSchema(findTool(name)!) as { properties: Record<string, { type?: string; exclusiveMinimum?: number; minimum?: number }> };
      expect(schema.properties[field]!.type, name).toBe('integer');
    }
  });

  it('does not read kb://articles/0x<id> over MCP as article <id>', async () => {
    const token = await staffToken();
    const ok = await mcpCall(token, 'resources/read', { uri: 'kb://articles/1' });
    expect(ok.body.error, JSON.stringify(ok.body)).toBeUndefined();
    for (const id of ['0x1', '1e0', '01', '+1']) {
      const { body } = await mcpCall(token, 'resources/read', { uri: `kb://articles/${id}` });
      expect(body.error, `kb://articles/${id}: ${JSON.stringify(body)}`).toBeTruthy();
    }
  });
});

describe('fuzzing path parameters of every /api route (regression)', () => {
  const HOSTILE = [...NOT_DECIMAL.filter((v) => v !== ''), 'x'.repeat(2000), '%00', '\u0000', '../../etc/passwd', "1' OR '1'='1", '<script>', '💥', 'BK-2030-999999', 'TK-0000-00000', '\\'];

  it('answers every hostile id with a JSON 400 or 404 (never 500, never 2xx for numeric ids), without a stack trace', async () => {
    const admins = await adminToken();
    // Customer-only tools (the booking codes) refuse an admin by role (403) before reading the path: fuzz those as a customer.
    const customers = await signToken(env, { sub: 'fuzz-customer', role: 'customer' });
    const routes = [...REST_ROUTES.filter((r) => r.path.includes(':')), { method: 'GET' as const, path: '/chat/session/:session_id', tool: '' }];
    for (const route of routes) {
      const access = route.tool ? findTool(route.tool)!.access : 'anyone';
      const token = access === 'anyone' || access.includes('admin') ? admins : customers;
      const param = /:(\w+)/.exec(route.path)![1]!;
      for (const value of HOSTILE) {
        const path = `/api/v1${route.path.replace(`:${param}`, encodeURIComponent(value))}`;
        const init = route.method === 'GET' || route.method === 'DELETE' ? { method: route.method, token } : { method: route.method, token, body: '{}' };
        const { res, body, text } = await call(path, init);
        const label = `${route.method} ${path.slice(0, 120)} → ${res.status}`;
        expect([400, 404], `${label}: ${text.slice(0, 300)}`).toContain(res.status);
        expect(typeof body.error?.code, label).toBe('string');
        expect(body.request_id, label).toBeTruthy();
        expectNoLeak(text, label);
      }
    }
    // Every parameterised route × every hostile value: a few hundred requests.
  }, 30_000);

  it('answers hostile query strings on every GET route without a 500 or a stack trace', async () => {
    const token = await adminToken();
    const gets = REST_ROUTES.filter((r) => r.method === 'GET' && !r.path.includes(':'));
    const fields = ['query', 'category', 'service', 'date_from', 'date_to', 'employee_id', 'limit', 'offset', 'status', 'project_id', 'assignee', 'stage'];
    for (const route of gets) {
      for (const value of ['x'.repeat(5000), '%00', "' OR 1=1 --", '0x10', '-1', '1e309', '💥'.repeat(60)]) {
        const qs = fields.map((f) => `${f}=${encodeURIComponent(value)}`).join('&');
        const { res, text } = await call(`/api/v1${route.path}?${qs}`, { token });
        const label = `GET ${route.path} (${value.slice(0, 12)}) → ${res.status}`;
        expect(res.status, `${label}: ${text.slice(0, 300)}`).toBeLessThan(500);
        expectNoLeak(text, label);
      }
    }
  });
});
