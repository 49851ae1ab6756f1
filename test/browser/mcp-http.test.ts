/**
 * The remote MCP server over real HTTP, in Node, against a throwaway `wrangler dev` (its own migrated,
 * seeded D1 and local KV): the official SDK client books as a customer and the booking shows on the REST
 * API for that customer; and the whole OAuth connector flow with plain fetch, as claude.ai or ChatGPT
 * would run it, ending in the SDK client listing the tools of the role chosen at the dev login.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../worker/auth/tokens.ts';
import { FIXED_DATE_HORIZON, startDevServer, type DevServer } from './dev-server';

/** This server's JWT secret (test-only), passed to `wrangler dev` so tokens signed here verify there. */
const JWT_SECRET = 'mcp-http-test-secret-0123456789abcdef0123456789';
/** JWT_ISSUER / JWT_AUDIENCE as wrangler.jsonc sets them. */
const TOKEN_CONFIG = { JWT_SECRET, JWT_ISSUER: 'switchboard', JWT_AUDIENCE: 'switchboard-api' };
/** A loopback callback, as desktop clients and the Inspector register; nothing needs to listen on it. */
const CALLBACK = 'http://127.0.0.1:6274/oauth/callback';

let server: DevServer;

beforeAll(async () => {
  server = await startDevServer({ vars: { JWT_SECRET, ...FIXED_DATE_HORIZON } });
});

afterAll(async () => {
  await server?.stop();
});

async function withClient<T>(bearer: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ name: 'mcp-http-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${bearer}` } } }));
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

describe('MCP over real HTTP (wrangler dev)', () => {
  it('books as a customer with the SDK client, and the booking is on GET /api/v1/bookings for that customer', async () => {
    const token = await signToken(TOKEN_CONFIG, { sub: 'http-cust', role: 'customer', name: 'Hana Http' });
    const result = await withClient(token, (client) =>
      client.callTool({
        name: 'create_booking',
        arguments: { service: 'drain-cleaning', start: '2030-07-09T10:00', customer_name: 'Hana Http', phone: '312-555-0142', address: '5 Http Ave, Chicago, IL 60601', notes: 'Booked over MCP' },
      }),
    );
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const number = (result.structuredContent as { number: string }).number;
    expect(number).toMatch(/^BK-2030-\d{6}$/);

    const res = await fetch(`${server.url}/api/v1/bookings`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const listed = JSON.stringify(await res.json());
    expect(listed).toContain(number);
    // And only for them: another customer's list does not have it.
    const other = await signToken(TOKEN_CONFIG, { sub: 'http-other', role: 'customer' });
    const theirs = await fetch(`${server.url}/api/v1/bookings`, { headers: { Authorization: `Bearer ${other}` } });
    expect(JSON.stringify(await theirs.json())).not.toContain(number);
  });

  it('runs the OAuth connector flow with plain fetch: 401 → metadata → DCR → PKCE consent → token → /mcp', async () => {
    const origin = server.url;
    const challenged = await fetch(`${origin}/mcp`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(challenged.status).toBe(401);
    const prmUrl = /resource_metadata="([^"]+)"/.exec(challenged.headers.get('www-authenticate') ?? '')![1]!;
    const prm = (await (await fetch(prmUrl)).json()) as { resource: string; authorization_servers: string[] };
    expect(prm.resource).toBe(`${origin}/mcp`);
    const meta = (await (await fetch(`${prm.authorization_servers[0]}/.well-known/oauth-authorization-server`)).json()) as Record<string, string>;
    expect(meta.issuer).toBe(origin);

    const registered = await fetch(meta.registration_endpoint!, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_name: 'HTTP Connector', redirect_uris: [CALLBACK], token_endpoint_auth_method: 'none' }),
    });
    expect(registered.status).toBe(201);
    const { client_id } = (await registered.json()) as { client_id: string };

    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authorizeUrl = new URL(meta.authorization_endpoint!);
    authorizeUrl.search = new URLSearchParams({ response_type: 'code', client_id, redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256', state: 'http-state', resource: prm.resource }).toString();
    const page = await fetch(authorizeUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('DEV LOGIN');
    const handle = /name="handle" value="([^"]+)"/.exec(html)![1]!;
    const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

    const approved = await fetch(`${origin}/authorize`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: new URLSearchParams({ handle, role: 'staff', name: 'Hugo Http', decision: 'approve' }),
      redirect: 'manual',
    });
    expect(approved.status).toBe(302);
    const back = new URL(approved.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe('http-state');

    const tokenRes = await fetch(meta.token_endpoint!, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: back.searchParams.get('code')!, redirect_uri: CALLBACK, client_id, code_verifier: verifier, resource: prm.resource }),
    });
    expect(tokenRes.status).toBe(200);
    const { access_token } = (await tokenRes.json()) as { access_token: string };

    await withClient(access_token, async (client) => {
      expect(client.getInstructions()).toContain('dev-staff-hugo-http (staff)');
      const names = (await client.listTools()).tools.map((t) => t.name);
      // Staff get every tool, complete_booking included; a customer would not.
      expect(names).toContain('complete_booking');
    });
  });
});
