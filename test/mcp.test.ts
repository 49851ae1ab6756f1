// The remote MCP server end to end inside workerd: the official SDK client over Streamable HTTP,
// routed into the Worker's own fetch, against the real D1. Dates 2030-07-09/10 belong to this file.
import { Validator } from '@cfworker/json-schema';
import * as v2 from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../worker/auth/principal';
import { signToken } from '../worker/auth/tokens';
import worker from '../worker/index';
import { outputJsonSchema, registryOutputSchema } from '../worker/mcp/tools';
import { audienceFor, descriptionFor, toolInputJsonSchema } from '../worker/tools/schemas';
import { findTool, TOOLS } from '../worker/tools/catalog';
import { selectTools } from '../worker/tools/registry';
import { addDays, toZoned } from '../worker/lib/zoned-time';
import { businessDay, loadBusinessCalendar } from '../worker/domain/business-calendar';
import { createContext } from '../worker/domain/context';
import { admin, customerA, customerB, staff } from './helpers';

const ORIGIN = 'http://switchboard.test';
const MCP_URL = new URL(`${ORIGIN}/mcp`);
const workerFetch = (input: string | URL | Request, init?: RequestInit) => exports.default.fetch(new Request(input, init));

async function tokenOf(p: Principal): Promise<string> {
  if (p.kind !== 'user') throw new Error('anonymous callers have no token');
  return signToken(env, { sub: p.subject, role: p.role, ...(p.name ? { name: p.name } : {}), ...(p.email ? { email: p.email } : {}) });
}

/** An SDK client connected as `p`, the way an outside MCP client connects. */
async function connect(p: Principal): Promise<Client> {
  // cfworker's validator: ajv's default compiles with `new Function`, which workerd forbids.
  const client = new Client({ name: 'switchboard-test', version: '1.0.0' }, { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() });
  const transport = new StreamableHTTPClientTransport(MCP_URL, {
    fetch: workerFetch,
    requestInit: { headers: { Authorization: `Bearer ${await tokenOf(p)}` } },
  });
  await client.connect(transport);
  return client;
}

async function withClient<T>(p: Principal, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = await connect(p);
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

/** The JSON-RPC error code a call failed with, or 'ok'. */
async function rpcCode(promise: Promise<unknown>): Promise<number | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (err instanceof McpError) return err.code;
    throw err;
  }
}

/** The text blocks of a tool result (callTool's type also admits the pre-2024 `toolResult` shape). */
const textOf = (result: object) =>
  ((result as { content?: { type: string; text?: string }[] }).content ?? []).map((c) => (c.type === 'text' ? c.text : '')).join('');

/** Validators for each listed tool's `outputSchema`, built with @cfworker/json-schema as an outside client would. */
async function listedOutputValidators(client: Client): Promise<Map<string, Validator>> {
  const { tools } = await client.listTools();
  return new Map(tools.map((t) => [t.name, new Validator(t.outputSchema as never, '2020-12')]));
}

function expectValid(listed: Map<string, Validator>, tool: string, structured: unknown): void {
  const verdict = listed.get(tool)!.validate(structured);
  expect(verdict.errors, `${tool}: ${JSON.stringify(verdict.errors)}`).toEqual([]);
}

/** What a customer may do, written out so a registry change that widens it fails here. */
const CUSTOMER_TOOLS = [
  'add_task', 'cancel_booking', 'check_availability', 'complete_task', 'create_booking', 'delete_task', 'get_booking',
  'get_kb_article', 'get_ticket', 'list_bookings', 'list_kb_articles', 'list_services', 'list_tasks', 'list_tickets',
  'open_ticket', 'request_booking_code', 'request_human', 'reschedule_booking', 'search_knowledge_base', 'update_booking_details',
  'update_task', 'verify_booking_code',
];
/** Tools only customers get: staff already act on every booking, so they have no code to ask for. */
const CUSTOMER_ONLY_TOOLS = ['request_booking_code', 'verify_booking_code'];

const booking = (start: string, who: { customer_name: string; phone: string; address: string }) => ({
  service: 'drain-cleaning',
  start,
  ...who,
  notes: 'Booked over MCP',
});
/**
 * The staff `tools/list` (every tool): 58,806 characters before titles, role views and bound stripping, 52,927 after;
 * 58,534 with update_booking_details and get_analytics (32 tools); 59,876 with list_staff, set_my_availability and the
 * tickets' SLA fields, after trimming the ticket tools' descriptions (34 tools); 61,831 with get_booking_stats (35 tools); 62,567 with the booking links (#13).
 * Next cut: the booking view's output schema (1,320 characters) is listed by eight tools.
 */
const TOOLS_LIST_BUDGET = 63_000;

const ANN = { customer_name: 'Ann Customer', phone: '312-555-0100', address: '1200 W Main St, Chicago, IL 60601' };
const BEN = { customer_name: 'Ben Customer', phone: '312-555-0111', address: '77 Lake St, Chicago, IL 60601' };

describe('connecting', () => {
  it('initializes over Streamable HTTP and names itself, with tools, resources and prompts', async () => {
    await withClient(customerA, async (client) => {
      expect(client.getServerVersion()?.name).toBe('switchboard');
      const caps = client.getServerCapabilities();
      expect(caps?.tools).toBeTruthy();
      expect(caps?.resources).toBeTruthy();
      expect(caps?.prompts).toBeTruthy();
      // A stateless server (one per request) never notifies, so it does not offer to.
      expect([caps?.tools?.listChanged, caps?.resources?.listChanged, caps?.prompts?.listChanged]).toEqual([false, false, false]);
      expect(client.getInstructions()).toContain('cust-a (customer)');
    });
  });

  it('also speaks the 2026-07-28 revision, to an SDK v2 client pinned to it', async () => {
    const client = new v2.Client({ name: 'switchboard-test-v2', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await client.connect(
      new v2.StreamableHTTPClientTransport(MCP_URL, { fetch: workerFetch, requestInit: { headers: { Authorization: `Bearer ${await tokenOf(staff)}` } } }),
    );
    try {
      expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(selectTools(TOOLS, staff).map((t) => t.name).sort());
      // Object roots on this revision too (no SEP-2106 `{ result }` projection), so both eras see one shape.
      for (const tool of tools) expect(tool.outputSchema, tool.name).toEqual(outputJsonSchema(findTool(tool.name)!));
      // This client checks structuredContent against the listed outputSchema itself; a mismatch would throw here.
      const result = await client.callTool({ name: 'list_services', arguments: {} });
      expect((result.structuredContent as { services: unknown[] }).services.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it('answers an anonymous caller 401 with a challenge that points at the resource metadata', async () => {
    const init = { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' } };
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} });
    const res = await workerFetch(MCP_URL, { ...init, body });
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toBe(`Bearer resource_metadata="${ORIGIN}/.well-known/oauth-protected-resource"`);

    const bad = await workerFetch(MCP_URL, { ...init, body, headers: { ...init.headers, Authorization: 'Bearer not-a-jwt' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('WWW-Authenticate')).toMatch(/^Bearer error="invalid_token", .*resource_metadata="/);

    // The SDK client surfaces the same refusal instead of connecting.
    const client = new Client({ name: 'anon', version: '1.0.0' });
    await expect(client.connect(new StreamableHTTPClientTransport(MCP_URL, { fetch: workerFetch }))).rejects.toThrow(/401|nauthorized/);

    const meta = await workerFetch(`${ORIGIN}/.well-known/oauth-protected-resource`);
    expect(meta.status).toBe(200);
    expect(await meta.json()).toMatchObject({ resource: `${ORIGIN}/mcp`, authorization_servers: [ORIGIN], bearer_methods_supported: ['header'] });
    expect((await workerFetch(`${ORIGIN}/.well-known/oauth-protected-resource/mcp`)).status).toBe(200);
  });

  it('lets browser clients on a listed origin send and read the MCP headers (CORS)', async () => {
    // A deployment that lists the browser client's site (the shipped ALLOWED_ORIGINS is empty: same origin only).
    const listedFetch = async (input: URL, init: RequestInit) => {
      const ctx = createExecutionContext();
      const res = await worker.fetch(new Request(input, init) as Request<unknown, IncomingRequestCfProperties>, { ...env, ALLOWED_ORIGINS: 'https://inspector.example' }, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    };
    const preflight = await listedFetch(MCP_URL, {
      method: 'OPTIONS',
      headers: { Origin: 'https://inspector.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, mcp-protocol-version' },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toMatch(/Mcp-Protocol-Version/);
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toMatch(/Mcp-Session-Id/);
    const refused = await listedFetch(MCP_URL, { method: 'POST', headers: { Origin: 'https://inspector.example' }, body: '{}' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('Access-Control-Allow-Origin')).toBe('https://inspector.example');
    expect(refused.headers.get('Access-Control-Expose-Headers')).toMatch(/WWW-Authenticate/);
    expect(refused.headers.get('Access-Control-Expose-Headers')).toMatch(/Mcp-Session-Id/);
  });
});

describe('tools', () => {
  it('lists exactly the tools each role may call, by name, with titles, the registry annotations and the role’s descriptions', async () => {
    const listed: Record<string, string[]> = {};
    for (const [role, p] of [['customer', customerA], ['staff', staff], ['admin', admin]] as const) {
      const { tools } = await withClient(p, (client) => client.listTools());
      const names = tools.map((t) => t.name);
      // A deterministic order: by name, whatever order the registry keeps.
      expect(names).toEqual([...names].sort());
      expect(names).toEqual(selectTools(TOOLS, p).map((t) => t.name).sort());
      for (const tool of tools) {
        const def = TOOLS.find((t) => t.name === tool.name)!;
        expect(tool.title, tool.name).toBe(def.title);
        expect(tool.description, tool.name).toBe(descriptionFor(def, audienceFor(p)));
        expect(tool.annotations, tool.name).toMatchObject({
          readOnlyHint: def.annotations.readOnly,
          destructiveHint: def.annotations.destructive,
          idempotentHint: def.annotations.idempotent,
        });
        // The zod schema as the registry converts it for every surface, less what this role may not use.
        expect(tool.inputSchema).toEqual(toolInputJsonSchema(def, audienceFor(p)));
        // No ±2^53 bounds from zod's int(): declared bounds only.
        expect(JSON.stringify([tool.inputSchema, tool.outputSchema]), tool.name).not.toMatch(/9007199254740991/);
        // Customers are told nothing of staff-only fields or abilities.
        if (role === 'customer') expect(JSON.stringify([tool.description, tool.inputSchema]), tool.name).not.toMatch(/Staff only|[Ss]taff (may|can|also|see)/);
        // The declared output, wrapped as structuredContent is: an object at the root, for every tool.
        expect(tool.outputSchema, tool.name).toEqual(outputJsonSchema(def));
        expect(tool.outputSchema?.type, tool.name).toBe('object');
      }
      listed[role] = names;
    }
    expect(listed.customer).toEqual(CUSTOMER_TOOLS);
    const adminOnly = TOOLS.filter((t) => t.access !== 'anyone' && t.access.length === 1 && t.access[0] === 'admin').map((t) => t.name);
    expect(adminOnly).toContain('set_opening_hours');
    expect(listed.staff).toEqual(TOOLS.map((t) => t.name).filter((n) => !CUSTOMER_ONLY_TOOLS.includes(n) && !adminOnly.includes(n)).sort());
    expect(listed.staff).toContain('complete_booking');
    expect(listed.staff).toContain('list_conversations');
    // Admins see what staff see, and the business settings besides.
    expect(listed.admin).toEqual([...listed.staff!, ...adminOnly].sort());
  });

  it('keeps the staff tools/list small (measured in characters of its JSON)', async () => {
    const { tools } = await withClient(staff, (client) => client.listTools());
    const size = JSON.stringify({ tools }).length;
    console.log(`staff tools/list: ${tools.length} tools, ${size} characters`);
    expect(size).toBeLessThan(TOOLS_LIST_BUDGET);
  });

  it('calls a read tool and returns its data as structuredContent that validates against the listed outputSchema; arrays come wrapped', async () => {
    await withClient(customerA, async (client) => {
      const listed = await listedOutputValidators(client);
      const services = await client.callTool({ name: 'list_services', arguments: { category: 'plumbing' } });
      expect(services.isError).toBeFalsy();
      const sc = services.structuredContent as { services: { slug: string }[]; categories: string[] };
      expect(sc.services.map((s) => s.slug)).toContain('drain-cleaning');
      expect(JSON.parse(textOf(services))).toEqual(sc);
      expectValid(listed, 'list_services', sc);

      const hits = await client.callTool({ name: 'search_knowledge_base', arguments: { query: 'business hours' } });
      expect((hits.structuredContent as { results: { title: string }[] }).results.length).toBeGreaterThan(0);
      expectValid(listed, 'search_knowledge_base', hits.structuredContent);
      // The listed schema is not a rubber stamp: the unwrapped array, or a service without its price, is refused.
      expect(listed.get('search_knowledge_base')!.validate((hits.structuredContent as { results: unknown[] }).results).valid).toBe(false);
      const { price_cents: _dropped, ...priceless } = sc.services[0] as Record<string, unknown>;
      expect(listed.get('list_services')!.validate({ ...sc, services: [priceless] }).valid).toBe(false);
    });
  });

  it('books as a customer over MCP, and the booking is in D1 under that customer', async () => {
    const { result, listed } = await withClient(customerA, async (client) => {
      const listed = await listedOutputValidators(client);
      return { listed, result: await client.callTool({ name: 'create_booking', arguments: booking('2030-07-09T10:00', ANN) }) };
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expectValid(listed, 'create_booking', result.structuredContent);
    const made = result.structuredContent as { number: string; service: { slug: string }; status: string };
    expect(made.number).toMatch(/^BK-2030-\d{6}$/);
    expect(made).toMatchObject({ service: { slug: 'drain-cleaning' }, status: 'confirmed' });

    const row = await env.DB.prepare(
      `SELECT c.subject, s.slug, b.status FROM bookings b JOIN customers c ON c.id = b.customer_id
       JOIN services s ON s.id = b.service_id WHERE b.number = ?`,
    )
      .bind(made.number)
      .first();
    expect(row).toEqual({ subject: 'cust-a', slug: 'drain-cleaning', status: 'confirmed' });
  });

  it("refuses another customer's booking as an isError result, and unlisted tools as a protocol error", async () => {
    const byStaff = await withClient(staff, (client) =>
      client.callTool({ name: 'create_booking', arguments: booking('2030-07-10T13:00', BEN) }),
    );
    expect(byStaff.isError, textOf(byStaff)).toBeFalsy();
    const number = (byStaff.structuredContent as { number: string }).number;

    await withClient(customerA, async (client) => {
      // Listing first makes this SDK client check results against each tool's outputSchema; a tool error must get through as one.
      await client.listTools();
      const peek = await client.callTool({ name: 'get_booking', arguments: { booking_number: number } });
      expect(peek.isError).toBe(true);
      expect(textOf(peek)).toMatch(/^not_found: /);
      // Errors carry no structuredContent: this client would check it against get_booking's outputSchema even on isError.
      expect(peek.structuredContent).toBeUndefined();
      // Staff-only tools are not offered to customers at all, so calling one is an unknown tool: -32602.
      expect(await rpcCode(client.callTool({ name: 'complete_booking', arguments: { booking_number: number } }))).toBe(-32602);
    });
    // Neither attempt touched it.
    expect(await env.DB.prepare('SELECT status FROM bookings WHERE number = ?').bind(number).first()).toEqual({ status: 'confirmed' });
  });

  it('answers malformed calls with JSON-RPC errors and schema-invalid arguments with invalid_input', async () => {
    await withClient(customerA, async (client) => {
      expect(await rpcCode(client.callTool({ name: 'no_such_tool', arguments: {} }))).toBe(-32602);
      // `arguments` must be an object: rejected by the protocol layer before any tool runs.
      expect(await rpcCode(client.callTool({ name: 'list_services', arguments: 'drains' as never }))).toBe(-32602);
      // Well-formed but wrong for the tool's schema: a tool error the model can read and fix (spec 2025-11-25).
      await client.listTools();
      const invalid = await client.callTool({ name: 'create_booking', arguments: { service: 'drain-cleaning', start: 'soon' } });
      expect(invalid.isError).toBe(true);
      expect(textOf(invalid)).toMatch(/^invalid_input: /);
      expect(textOf(invalid)).toContain('customer_name');
    });
  });

  it("gives the SDK a server-side check of structuredContent that agrees with the listed schema", async () => {
    const validate = (name: string, value: unknown) => registryOutputSchema(findTool(name)!)!['~standard'].validate(value);
    const hits = { results: [{ id: 1, slug: 'hours', title: 'Business hours', category: 'General', snippet: '…', score: 1.5 }] };
    expect(await validate('search_knowledge_base', hits)).not.toHaveProperty('issues');
    expect((await validate('search_knowledge_base', hits.results)).issues?.length).toBeGreaterThan(0);
    expect((await validate('delete_task', { deleted: false, task_id: 1 })).issues?.length).toBeGreaterThan(0);
    // An extra field passes here and in the listed JSON Schema alike (no additionalProperties: false), so server and client never disagree.
    const extra = { deleted: true, task_id: 1, later: 'field' };
    expect(await validate('delete_task', extra)).not.toHaveProperty('issues');
    expect(new Validator(outputJsonSchema(findTool('delete_task')!) as never, '2020-12').validate(extra).valid).toBe(true);
  });

  it('writes an audit row with surface mcp for every call, failures included', async () => {
    const before = await env.DB.prepare(`SELECT coalesce(max(id), 0) AS id FROM audit_log`).first<{ id: number }>();
    await withClient(customerB, async (client) => {
      await client.callTool({ name: 'list_services', arguments: {} });
      await client.callTool({ name: 'get_booking', arguments: { booking_number: 'BK-2030-999999' } });
      await client.callTool({ name: 'create_booking', arguments: {} });
    });
    const { results } = await env.DB.prepare(
      `SELECT subject, role, surface, tool, outcome, length(args_digest) AS digest FROM audit_log WHERE id > ? AND subject = 'cust-b' ORDER BY id`,
    )
      .bind(before!.id)
      .all();
    expect(results).toEqual([
      { subject: 'cust-b', role: 'customer', surface: 'mcp', tool: 'list_services', outcome: 'ok', digest: 24 },
      { subject: 'cust-b', role: 'customer', surface: 'mcp', tool: 'get_booking', outcome: 'not_found', digest: 24 },
      { subject: 'cust-b', role: 'customer', surface: 'mcp', tool: 'create_booking', outcome: 'invalid_input', digest: 24 },
    ]);
  });
});

describe('resources and prompts', () => {
  it('lists knowledge-base articles as kb:// resources and reads one', async () => {
    await withClient(customerA, async (client) => {
      const { resourceTemplates } = await client.listResourceTemplates();
      expect(resourceTemplates.map((t) => t.uriTemplate)).toContain('kb://articles/{id}');
      const { resources } = await client.listResources();
      expect(resources.map((r) => r.uri)).toContain('kb://articles/1');
      expect(resources.every((r) => /^kb:\/\/articles\/\d+$/.test(r.uri) && r.mimeType === 'text/markdown')).toBe(true);

      const { contents } = await client.readResource({ uri: 'kb://articles/1' });
      expect(contents[0]).toMatchObject({ uri: 'kb://articles/1', mimeType: 'text/markdown' });
      expect((contents[0] as { text: string }).text).toContain('Monday');
      // The SDK answers a miss with -32602 and the uri in `data` (2026-07-28 spec; -32002 is only tolerated on receipt).
      const miss = await client.readResource({ uri: 'kb://articles/99999' }).catch((err: unknown) => err);
      expect(miss).toBeInstanceOf(McpError);
      expect(miss).toMatchObject({ code: -32602, data: { uri: 'kb://articles/99999' } });
    });
  });

  it('gives admins the business tools, and the prompt states a closure added with them on the next request', async () => {
    const today = toZoned(Date.now(), env.BUSINESS_TIMEZONE).date;
    // An open day (a closure on a Sunday or a holiday would be listed under that reason).
    const cal = await loadBusinessCalendar(createContext(env, admin));
    let date = addDays(today, 10);
    while (businessDay(cal, date).windows.length === 0) date = addDays(date, 1);
    const promptText = () =>
      withClient(customerA, async (client) => ((await client.getPrompt({ name: 'booking-assistant', arguments: {} })).messages[0]?.content as { text: string }).text);
    // Read once first, so this isolate holds a copy of the calendar that the change must replace.
    expect(await promptText()).not.toContain('MCP inventory day');
    await withClient(admin, async (client) => {
      const added = await client.callTool({ name: 'add_closure', arguments: { date, reason: 'MCP inventory day' } });
      expect(added.isError, textOf(added)).toBeFalsy();
      expect((added.structuredContent as { closures: { date: string }[] }).closures[0]!.date).toBe(date);
    });
    expect(await promptText()).toMatch(new RegExp(`Closed in the next 30 days: .*${date} \\(MCP inventory day\\)`));
    // Staff are not offered them, and a call is refused as a tool they do not have.
    await withClient(staff, async (client) => {
      expect(await rpcCode(client.callTool({ name: 'add_closure', arguments: { date, reason: 'x' } }))).toBe(-32602);
    });
  });

  it('offers a booking-assistant prompt built on the agent rules', async () => {
    await withClient(customerA, async (client) => {
      const { prompts } = await client.listPrompts();
      const prompt = prompts.find((p) => p.name === 'booking-assistant');
      expect(prompt?.arguments?.map((a) => a.name).sort()).toEqual(['date', 'service']);

      const got = await client.getPrompt({ name: 'booking-assistant', arguments: { service: 'drain cleaning', date: '2030-07-09' } });
      const text = (got.messages[0]?.content as { text: string }).text;
      expect(got.messages[0]?.role).toBe('user');
      expect(text).toContain('drain cleaning');
      expect(text).toContain('2030-07-09');
      expect(text).toContain('check_availability');
      expect(text).toContain('Ann Customer');
    });
  });
});
