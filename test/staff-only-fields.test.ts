// Staff-only input fields on every surface that lists tools to a customer: the chat agent's tools (the real
// agent loop and openai client against the fake provider), MCP tools/list (the official SDK client), and the
// domain's refusal of such a field from a customer whatever a client sends. Voice: test/voice/relay/staff-only-fields.test.ts.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import type { Principal } from '../worker/auth/principal';
import { signToken } from '../worker/auth/tokens';
import { runTurn } from '../worker/agent/loop';
import { OpenAIChatModel } from '../worker/agent/openai-model';
import { toOpenAITools } from '../worker/tools/adapters';
import { findTool, TOOLS } from '../worker/tools/catalog';
import { executeTool, selectTools, type ToolResult } from '../worker/tools/registry';
import { ctxFor, customerA, staff, staffOnlyFields } from './helpers';

type Listed = { name: string; schema: { properties?: Record<string, unknown> } };

/** The (tool, field) pairs of `listed` that are staff-only. */
async function leaked(listed: Listed[]): Promise<string[]> {
  const fields = await staffOnlyFields();
  return listed.flatMap((t) => fields.filter((f) => f.tool === t.name && f.field in (t.schema.properties ?? {})).map((f) => `${f.tool}.${f.field}`));
}

describe('staff-only fields', () => {
  it('are known: the registry marks some, on tools customers may call', async () => {
    const fields = await staffOnlyFields();
    expect(fields.map((f) => `${f.tool}.${f.field}`)).toEqual(
      expect.arrayContaining(['list_bookings.customer_email', 'add_task.project_id', 'list_tasks.project_id', 'open_ticket.customer_email', 'list_tickets.assignee']),
    );
    for (const f of fields) expect(findTool(f.tool)!.access, f.tool).toContain('customer');
  });

  it('are not in the tools the chat agent sends the model for a customer, and are for staff', async () => {
    const baseURL = inject('fakeOpenAIUrl');
    const id = `staff-only-${crypto.randomUUID()}`;
    const origin = new URL(baseURL).origin;
    expect((await fetch(`${origin}/__scenarios`, { method: 'POST', body: JSON.stringify({ id, steps: [{ reply: 'Hello.' }] }) })).status).toBe(201);
    const outcome = await runTurn({
      model: new OpenAIChatModel({ apiKey: 'sk-test', baseURL, model: id }),
      messages: [{ role: 'system', content: 'Test.' }, { role: 'user', content: 'hi' }],
      tools: selectTools(TOOLS, customerA),
      ctx: ctxFor(customerA),
      store: { get: () => undefined, put: () => undefined },
      hooks: { onTextDelta: () => undefined, onToolStarted: () => undefined, onToolFinished: () => undefined, onMessage: () => undefined },
    });
    expect(outcome.text).toBe('Hello.');
    const [request] = (await (await fetch(`${origin}/__scenarios/${id}/requests`)).json()) as { tools: { function: { name: string; parameters: Listed['schema'] } }[] }[];
    const sent = request!.tools.map((t) => ({ name: t.function.name, schema: t.function.parameters }));
    expect(sent.map((t) => t.name)).toEqual(expect.arrayContaining(['list_bookings', 'list_tickets', 'open_ticket']));
    expect(await leaked(sent)).toEqual([]);
    expect(JSON.stringify(request!.tools)).not.toMatch(/Staff only/);
    // The same adapter writing for staff keeps them: the check above can fail.
    const forStaff = toOpenAITools(selectTools(TOOLS, staff), 'staff').map((t) => ({ name: t.function.name, schema: t.function.parameters as Listed['schema'] }));
    expect((await leaked(forStaff)).length).toBe((await staffOnlyFields()).length);
  });

  it('are not in MCP tools/list for a customer token, and are for staff', async () => {
    const list = async (p: Principal & { kind: 'user' }) => {
      const client = new Client({ name: 'staff-only-test', version: '1.0.0' }, { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() });
      const token = await signToken(env, { sub: p.subject, role: p.role });
      await client.connect(
        new StreamableHTTPClientTransport(new URL('http://switchboard.test/mcp'), {
          fetch: (input, init) => exports.default.fetch(new Request(input, init)),
          requestInit: { headers: { Authorization: `Bearer ${token}` } },
        }),
      );
      try {
        return (await client.listTools()).tools.map((t) => ({ name: t.name, schema: t.inputSchema as Listed['schema'] }));
      } finally {
        await client.close();
      }
    };
    const customerTools = await list(customerA as Principal & { kind: 'user' });
    expect(customerTools.map((t) => t.name)).toContain('list_tickets');
    expect(await leaked(customerTools)).toEqual([]);
    expect((await leaked(await list(staff as Principal & { kind: 'user' }))).length).toBe((await staffOnlyFields()).length);
  });

  it('are refused from a customer by the domain even when sent (403), and accepted from staff', async () => {
    // A valid value of the field's type (an enum's first member), so the refusal is about who sent it, not what.
    const valueFor = (field: string, type: unknown, members?: unknown[]) =>
      members?.length ? members[0] : type === 'integer' || type === 'number' ? 1 : field.includes('email') ? 'ann@example.com' : 'alice';
    for (const { tool, field, type, enum: members } of await staffOnlyFields()) {
      const def = findTool(tool)!;
      const input = { ...(def.example as object), [field]: valueFor(field, type, members) };
      const asCustomer: ToolResult = await executeTool(def, ctxFor(customerA), input, 'rest');
      expect(asCustomer.ok ? 'ok' : asCustomer.error.code, `${tool}.${field} from a customer`).toBe('forbidden');
      // Without the field the customer's call is not refused: the refusal is about the field.
      const plain = await executeTool(def, ctxFor(customerA), def.example, 'rest');
      expect(plain.ok ? 'ok' : plain.error.code, `${tool} without ${field}`).not.toBe('forbidden');
      const asStaff = await executeTool(def, ctxFor(staff), input, 'rest');
      expect(asStaff.ok ? 'ok' : asStaff.error.code, `${tool}.${field} from staff`).not.toBe('forbidden');
    }
  });
});
