// The OpenAPI document against the real app inside workerd: every Hono route is documented and every
// documented operation answers; every example validates against its schema and is accepted by the real
// route (real D1, real session objects, real tokens); successful answers match the documented schema;
// the document has OpenAPI 3.1's shape; /docs names every operation. Dates 2030-09-* belong to this file.
import { Validator } from '@cfworker/json-schema';
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../worker/auth/tokens';
import { buildApp } from '../worker/http/app';
import { openApiPath, type OpenApiDocument, type OpenApiOperation } from '../worker/http/openapi/document';
import { REST_ROUTES } from '../worker/http/rest';
import { BASE, freshIp, openSession, type OpenedSession } from './http-helpers';

type Json = Record<string, unknown>;
/** OAuth lives on https or loopback origins only (worker/oauth/): its paths are called there. */
const LOOPBACK = 'http://127.0.0.1:8787';

let doc: OpenApiDocument;
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));

/** Resolves `#/components/...` references, so schemas compile on their own. */
function resolveRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolveRefs);
  if (typeof value !== 'object' || value === null) return value;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    const target = ref.slice(2).split('/').reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc);
    expect(target, ref).toBeDefined();
    return resolveRefs(target);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v)]));
}
const validate = (schema: unknown, value: unknown) => new Validator(resolveRefs(schema) as never, '2020-12', false).validate(value);

beforeAll(async () => {
  const res = await exports.default.fetch(new Request(`${BASE}/api/v1/openapi.json`));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  doc = (await res.json()) as OpenApiDocument;
});

describe('the OpenAPI document', () => {
  it('has the shape of OpenAPI 3.1: version, info, paths, components, unique operation ids, resolvable references', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(doc.paths).length).toBeGreaterThan(30);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.components.schemas.Error).toMatchObject({ type: 'object', required: ['error', 'request_id'] });
    const ids = operations().map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const { path, method, op } of operations()) {
      const where = `${method} ${path}`;
      expect(path, where).toMatch(/^\//);
      expect(op.tags.every((t) => tags.has(t)), where).toBe(true);
      // Path templates and path parameters agree, both ways.
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect(op.parameters.filter((p) => p.in === 'path').map((p) => p.name), where).toEqual(templated);
      for (const p of op.parameters) if (p.in === 'path') expect(p.example, `${where} ${p.name} has no example`).toBeDefined();
      for (const p of op.parameters) expect(['path', 'query', 'header'], where).toContain(p.in);
      // GET and DELETE take no body; every operation has a success and the one error shape.
      if (method === 'GET' || method === 'DELETE') expect(op.requestBody, where).toBeUndefined();
      expect(Object.keys(op.responses).some((s) => /^[12]\d\d$/.test(s)), where).toBe(true);
      const oauth = ['/.well-known/oauth-authorization-server', '/oauth/register', '/oauth/token', '/authorize'].includes(path);
      expect(op.responses.default, where).toEqual({ $ref: `#/components/responses/${oauth ? 'OAuthError' : 'Error'}` });
      for (const s of op.security) for (const name of Object.keys(s)) expect(doc.components.securitySchemes[name], where).toBeDefined();
      // Every schema in it compiles (references resolved).
      expect(() => resolveRefs(op), where).not.toThrow();
    }
  });

  it('documents every REST_ROUTES entry from its tool, with contact details never as query parameters', () => {
    for (const route of REST_ROUTES) {
      const op = doc.paths[openApiPath(`/api/v1${route.path}`)]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(op!.description).toContain(`\`${route.tool}\``);
      expect(Object.keys(op!.responses)).toContain(String(route.status ?? 200));
      expect(op!.parameters.filter((p) => p.in === 'query').map((p) => p.name)).not.toEqual(expect.arrayContaining(['phone']));
    }
  });

  it('documents every route registered on the Hono app, and the app serves every documented operation', () => {
    const app = buildApp();
    // Middleware (app.use) registers as ALL on wildcard paths; an ALL route (/mcp) is served by some documented method.
    const registered = app.routes.filter((r) => !r.path.includes('*'));
    expect(registered.length).toBeGreaterThan(50);
    const documented = new Set(operations().map((o) => `${o.method} ${o.path}`));
    const documentedPaths = new Set(operations().map((o) => o.path));
    for (const route of registered) {
      const path = openApiPath(route.path);
      if (route.method === 'ALL') expect(documentedPaths.has(path), `ALL ${route.path}`).toBe(true);
      else expect(documented.has(`${route.method} ${path}`), `${route.method} ${route.path} is not in the document`).toBe(true);
    }
    const served = new Set(registered.map((r) => `${r.method} ${openApiPath(r.path)}`));
    for (const { path, method, op } of operations()) {
      if (['/.well-known/oauth-authorization-server', '/oauth/register', '/oauth/token', '/authorize'].includes(path)) continue; // the OAuth front door, before the app
      expect(served.has(`${method} ${path}`) || served.has(`ALL ${path}`), `${op.operationId} has no route`).toBe(true);
    }
  });

  it('every example validates against the schema it illustrates', () => {
    let checked = 0;
    for (const { path, method, op } of operations()) {
      for (const p of op.parameters) {
        if (p.example === undefined || p.in === 'header') continue;
        expect(validate(p.schema, p.example).valid, `${method} ${path} ${p.name}=${JSON.stringify(p.example)}`).toBe(true);
        checked++;
      }
      const body = op.requestBody?.content['application/json'];
      if (body?.example !== undefined) {
        const result = validate(body.schema, body.example);
        expect(result.valid, `${method} ${path} body: ${JSON.stringify(result.errors.slice(0, 3))}`).toBe(true);
        checked++;
      }
    }
    for (const [name, response] of Object.entries(doc.components.responses)) {
      const content = (response as { content: Record<string, { schema: unknown; example?: unknown }> }).content['application/json']!;
      if (content.example !== undefined) expect(validate(content.schema, content.example).valid, name).toBe(true);
    }
    expect(checked).toBeGreaterThan(60);
  });
});

describe('the documented operations against the real routes', () => {
  let session: OpenedSession;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    session = await openSession({ customer_name: 'Otto Openapi' });
    tokens.admin = await signToken(env, { sub: 'root', role: 'admin', name: 'Ada Admin' });
    tokens.customer = await signToken(env, { sub: 'cust-a', role: 'customer', name: 'Ann Customer', email: 'ann@example.com' });
  });

  const usesSession = (path: string, op: OpenApiOperation) =>
    path.includes('{id}') || op.parameters.some((p) => p.name === 'session_id') || 'session_id' in ((op.requestBody?.content['application/json'].example as Json | undefined) ?? {});

  /** The token a caller allowed to use `op` would hold: the session's customer, a customer, or an admin. */
  function tokenFor(path: string, op: OpenApiOperation): string | undefined {
    if (op.security.length === 0 && !op.parameters.some((p) => p.name === 'Sec-WebSocket-Protocol')) return undefined;
    const roles = op['x-roles'] ?? ['customer', 'staff', 'admin'];
    if (usesSession(path, op)) return roles.includes('customer') ? session.token : tokens.admin;
    return roles.includes('admin') ? tokens.admin : tokens.customer;
  }

  /** The example, with the placeholder session id replaced by this file's real session. */
  const real = (value: unknown): unknown =>
    typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value) ? session.session_id : value;

  async function callExample(path: string, method: string, op: OpenApiOperation) {
    const token = tokenFor(path, op);
    const url = new URL((op.tags.includes('mcp') && path !== '/mcp' && !path.startsWith('/.well-known/oauth-protected-resource') ? LOOPBACK : BASE) + path);
    url.pathname = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(real(op.parameters.find((p) => p.name === name)?.example))));
    for (const p of op.parameters) if (p.in === 'query' && p.example !== undefined) url.searchParams.set(p.name, String(real(p.example)));
    const headers = new Headers({ 'cf-connecting-ip': freshIp() });
    for (const p of op.parameters) {
      if (p.in !== 'header') continue;
      const subprotocol = p.name === 'Sec-WebSocket-Protocol' ? String(p.example).split(',')[0] : null;
      if (subprotocol) {
        headers.set('Upgrade', 'websocket');
        headers.set(p.name, `${subprotocol}, bearer.${token}`);
      } else headers.set(p.name, String(p.example));
    }
    if (token && !headers.has('Upgrade')) headers.set('Authorization', `Bearer ${token}`);
    const example = op.requestBody?.content['application/json'].example as Json | undefined;
    let body: string | undefined;
    if (op.requestBody || method === 'POST' || method === 'PUT' || method === 'PATCH') {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(Object.fromEntries(Object.entries(example ?? {}).map(([k, v]) => [k, real(v)])));
    }
    return exports.default.fetch(new Request(url, { method, headers, ...(body !== undefined ? { body } : {}) }));
  }

  it('every documented operation answers its example: no 404 for the route, no 405, no 400, no 500; successes match their schema', async () => {
    const outcome: Record<string, number> = {};
    for (const { path, method, op } of operations()) {
      const where = `${op.operationId} (${method} ${path})`;
      const res = await callExample(path, method, op);
      outcome[op.operationId] = res.status;
      const type = res.headers.get('content-type') ?? '';
      const text = res.status === 101 ? '' : await res.text();
      if (res.status === 101) {
        res.webSocket!.accept();
        res.webSocket!.close(1000, 'done');
        continue;
      }
      expect(res.status, `${where}: ${text.slice(0, 300)}`).not.toBe(405);
      expect(res.status >= 500 && res.status !== 503, `${where}: ${text.slice(0, 300)}`).toBe(false);
      // The example was accepted: a refusal, if any, is about the data (not found, conflict, no voice here), never its shape.
      // (An operation with no example, like the form-encoded token endpoint, is only checked to answer.)
      const hasExample = op.requestBody?.content['application/json'].example !== undefined || op.parameters.some((p) => p.in !== 'header' && p.example !== undefined);
      if (hasExample) expect(res.status, `${where}: ${text.slice(0, 300)}`).not.toBe(400);
      else expect(res.status, `${where}: ${text.slice(0, 300)}`).not.toBe(404);
      if (res.status === 404) expect(JSON.parse(text).error.message, where).not.toMatch(/^No route/);
      const documented = op.responses[String(res.status)];
      expect(documented ?? op.responses.default, `${where} answered an undocumented ${res.status}`).toBeDefined();
      const schema = (resolveRefs(documented ?? op.responses.default) as { content?: Record<string, { schema: unknown }> }).content?.['application/json']?.schema;
      if (type.includes('application/json') && schema) {
        const result = validate(schema, JSON.parse(text));
        expect(result.valid, `${where} ${res.status}: ${JSON.stringify(result.errors.slice(0, 3))}`).toBe(true);
      }
      if (res.status === 200 && op.responses['200'] && 'content' in op.responses['200'] && (op.responses['200'].content as Json)['text/html']) expect(type).toMatch(/text\/html/);
    }
    // The examples reach the domain, not only the router: most succeed outright.
    const succeeded = Object.values(outcome).filter((s) => s < 300).length;
    expect(succeeded, JSON.stringify(outcome)).toBeGreaterThan(Object.keys(outcome).length / 2);
    expect(outcome).toMatchObject({ create_chat_session: 201, send_chat_message: 200, get_chat_session: 200, list_services: 200, create_booking: 201, open_chat_socket: 101 });
  });
});

describe('GET /docs', () => {
  it('renders every operation, server-side, with no script and no outside resource', async () => {
    const res = await exports.default.fetch(new Request(`${BASE}/docs`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const page = await res.text();
    expect(page).toMatch(/^<!doctype html>\s*<html lang="en">/);
    expect(page).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)[^"<\s]*\.(js|css)/);
    for (const { path, method, op } of operations()) {
      expect(page, op.operationId).toContain(`id="${op.operationId}"`);
      expect(page, op.operationId).toContain(`href="#${op.operationId}"`);
      expect(page, op.operationId).toContain(`<span class="method">${method}</span> <code>${path}</code>`);
    }
    // Parameters, bodies and their examples are on the page, escaped.
    expect(page).toContain('<code>booking_number</code>');
    expect(page).toContain('&quot;drain-cleaning&quot;');
    expect(page).not.toContain('"drain-cleaning"');
  });
});
