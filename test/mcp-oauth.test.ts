// OAuth 2.1 for MCP connectors, end to end inside workerd with plain fetch against the Worker's own
// default export: 401 → RFC 9728 → RFC 8414 → DCR → /authorize (PKCE S256, DEV LOGIN) → code → /oauth/token
// → the official MCP SDK client on /mcp with the issued token. The origin is https, as in production.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import { env, exports } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Principal, Role } from '../worker/auth/principal';
import { signToken } from '../worker/auth/tokens';
import { handleAuthorize } from '../worker/oauth/authorize';
import { resolveLoginIdentity } from '../worker/oauth/identity';
import { TOOLS } from '../worker/tools/catalog';
import { selectTools } from '../worker/tools/registry';
import { freshIp } from './http-helpers';

const ORIGIN = 'https://switchboard.test';
const MCP_URL = `${ORIGIN}/mcp`;
/** Where claude.ai's connector sends users back; any https or loopback URI works the same. */
const CALLBACK = 'https://claude.ai/api/mcp/auth_callback';
/** The Worker's own fetch, each request from a fresh client address (registrations are limited per address). */
const workerFetch = (input: string | URL | Request, init?: RequestInit) => {
  const request = new Request(input, init);
  if (!request.headers.has('cf-connecting-ip')) request.headers.set('cf-connecting-ip', freshIp());
  return exports.default.fetch(request);
};

type AsMetadata = { issuer: string; authorization_endpoint: string; token_endpoint: string; registration_endpoint: string } & Record<string, unknown>;

const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

async function pkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  return { verifier, challenge };
}

/** What a connector does first: call /mcp, follow the 401 to the resource metadata, then to the AS metadata. */
async function discover(): Promise<AsMetadata> {
  const res = await workerFetch(MCP_URL, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  expect(res.status).toBe(401);
  const prmUrl = /resource_metadata="([^"]+)"/.exec(res.headers.get('WWW-Authenticate') ?? '')?.[1];
  expect(prmUrl).toBe(`${ORIGIN}/.well-known/oauth-protected-resource`);
  const prm = (await (await workerFetch(prmUrl!)).json()) as { resource: string; authorization_servers: string[] };
  expect(prm.resource).toBe(MCP_URL);
  const asMeta = await workerFetch(`${prm.authorization_servers[0]}/.well-known/oauth-authorization-server`);
  expect(asMeta.status).toBe(200);
  return (await asMeta.json()) as AsMetadata;
}

async function register(meta: AsMetadata, clientName = 'Test Connector'): Promise<string> {
  const res = await workerFetch(meta.registration_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ client_name: clientName, redirect_uris: [CALLBACK], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { client_id: string }).client_id;
}

/** GET /authorize as a browser would: the consent page, its one-time handle and the cookie that binds it. */
async function openConsent(meta: AsMetadata, clientId: string, challenge: string, state = 'st-123') {
  const url = new URL(meta.authorization_endpoint);
  for (const [k, v] of Object.entries({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256', state, resource: MCP_URL })) {
    url.searchParams.set(k, v);
  }
  const res = await workerFetch(url);
  const html = await res.text();
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const handle = /name="handle" value="([^"]+)"/.exec(html)?.[1] ?? '';
  return { res, html, cookie, handle };
}

function postConsent(fields: Record<string, string>, cookie: string): Promise<Response> {
  return workerFetch(`${ORIGIN}/authorize`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie }, body: new URLSearchParams(fields), redirect: 'manual' });
}

/** Register, consent as `role`/`name`, and return the code the client's callback receives. */
async function authorize(meta: AsMetadata, role: Role, name: string) {
  const clientId = await register(meta);
  const { verifier, challenge } = await pkce();
  const consent = await openConsent(meta, clientId, challenge);
  expect(consent.res.status).toBe(200);
  const res = await postConsent({ handle: consent.handle, role, name, decision: 'approve' }, consent.cookie);
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('Location')!);
  expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
  expect(back.searchParams.get('state')).toBe('st-123');
  expect(back.searchParams.get('iss')).toBe(ORIGIN);
  return { clientId, verifier, code: back.searchParams.get('code')! };
}

function tokenRequest(meta: AsMetadata, fields: Record<string, string>): Promise<Response> {
  return workerFetch(meta.token_endpoint, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
}

const exchange = (meta: AsMetadata, a: { clientId: string; code: string; verifier: string }) =>
  tokenRequest(meta, { grant_type: 'authorization_code', code: a.code, redirect_uri: CALLBACK, client_id: a.clientId, code_verifier: a.verifier, resource: MCP_URL });

async function mcpClient(bearer: string): Promise<Client> {
  const client = new Client({ name: 'oauth-test', version: '1.0.0' }, { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() });
  await client.connect(new StreamableHTTPClientTransport(new URL(MCP_URL), { fetch: workerFetch, requestInit: { headers: { Authorization: `Bearer ${bearer}` } } }));
  return client;
}

const initialize = (bearer: string, url = MCP_URL) =>
  workerFetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', Authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } }),
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('OAuth for MCP connectors', () => {
  it('publishes RFC 8414 metadata for this origin: S256 PKCE, DCR, code flow', async () => {
    const meta = await discover();
    expect(meta).toMatchObject({
      issuer: ORIGIN,
      authorization_endpoint: `${ORIGIN}/authorize`,
      token_endpoint: `${ORIGIN}/oauth/token`,
      registration_endpoint: `${ORIGIN}/oauth/register`,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
    });
    expect(meta.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token']));
  });

  it('offers Client ID Metadata Documents, and a connector whose document cannot be fetched gets a clear 400 page', async () => {
    const meta = await discover();
    expect(meta.client_id_metadata_document_supported).toBe(true);
    // A URL client_id is fetched as the client's metadata; `.invalid` never resolves (RFC 2606).
    const { challenge } = await pkce();
    const consent = await openConsent(meta, 'https://connector.invalid/oauth/client.json', challenge);
    expect(consent.res.status).toBe(400);
    expect(consent.html).toContain('This app could not be verified');
    expect(consent.handle).toBe('');
  });

  it('signs in through DCR + PKCE + the dev login, and /mcp serves exactly the chosen role its tools', async () => {
    const meta = await discover();
    for (const [role, name] of [['customer', 'Olive Oauth'], ['staff', 'Sam Staff']] as const) {
      const grant = await authorize(meta, role, name);
      const res = await exchange(meta, grant);
      expect(res.status).toBe(200);
      const tokens = (await res.json()) as { access_token: string; token_type: string; refresh_token: string; expires_in: number };
      expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
      expect(tokens.access_token.split(':')).toHaveLength(3);

      const client = await mcpClient(tokens.access_token);
      try {
        const subject = `dev-${role}-${name.toLowerCase().replace(' ', '-')}`;
        expect(client.getInstructions()).toContain(`${subject} (${role})`);
        const { tools } = await client.listTools();
        const principal: Principal = { kind: 'user', subject, role, name };
        expect(tools.map((t) => t.name).sort()).toEqual(selectTools(TOOLS, principal).map((t) => t.name).sort());
        if (role === 'customer') expect(tools.map((t) => t.name)).not.toContain('complete_booking');
        const services = await client.callTool({ name: 'list_services', arguments: {} });
        expect(services.isError).toBeFalsy();
      } finally {
        await client.close();
      }

      // A refresh gives a new working access token (and rotates the refresh token).
      const refreshed = await tokenRequest(meta, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: grant.clientId });
      expect(refreshed.status).toBe(200);
      const next = (await refreshed.json()) as { access_token: string; refresh_token: string };
      expect(next.refresh_token).not.toBe(tokens.refresh_token);
      expect((await initialize(next.access_token)).status).toBe(200);
    }
  });

  it('still takes our own HS256 JWTs on /mcp next to OAuth tokens', async () => {
    const jwt = await signToken(env, { sub: 'alice', role: 'staff', name: 'Alice Staff' });
    const client = await mcpClient(jwt);
    try {
      expect(client.getInstructions()).toContain('alice (staff)');
    } finally {
      await client.close();
    }
  });

  it('refuses a wrong code_verifier and a code used twice', async () => {
    const meta = await discover();
    const wrong = await authorize(meta, 'customer', 'Vera Verifier');
    const bad = await exchange(meta, { ...wrong, verifier: (await pkce()).verifier });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_grant' });

    const once = await authorize(meta, 'customer', 'Rita Reuse');
    expect((await exchange(meta, once)).status).toBe(200);
    const again = await exchange(meta, once);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers forged, expired and other-origin tokens with 401 invalid_token', async () => {
    const meta = await discover();
    const tokens = (await (await exchange(meta, await authorize(meta, 'staff', 'Eve Expiry'))).json()) as { access_token: string };
    const [user, grant] = tokens.access_token.split(':');
    const forged = `${user}:${grant}:${'A'.repeat(32)}`;
    for (const bearer of [forged, `nobody:${'B'.repeat(16)}:${'C'.repeat(32)}`]) {
      const res = await initialize(bearer);
      expect(res.status).toBe(401);
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer error="invalid_token", .*resource_metadata="https:\/\/switchboard\.test\//);
    }
    // A token is bound to the origin that issued it: the same token on another hostname is refused.
    expect((await initialize(tokens.access_token, 'http://127.0.0.1:8787/mcp')).status).toBe(401);
    // An expired JWT of ours is refused the same way.
    const expiredJwt = await signToken(env, { sub: 'alice', role: 'staff' }, Math.floor(Date.now() / 1000) - 60);
    expect((await initialize(expiredJwt)).status).toBe(401);

    expect((await initialize(tokens.access_token)).status).toBe(200);
    // Two hours on (the access token lives one): the provider's own expiry check refuses it.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2 * 3600_000);
    expect((await initialize(tokens.access_token)).status).toBe(401);
  });

  it('renders an escaped, unframeable DEV LOGIN page whose form only works with its cookie, once', async () => {
    const meta = await discover();
    const clientId = await register(meta, '<script>alert("x")</script> Evil');
    const { challenge } = await pkce();
    const consent = await openConsent(meta, clientId, challenge);
    expect(consent.res.status).toBe(200);
    expect(consent.res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect(consent.res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(consent.html).toContain('DEV LOGIN');
    expect(consent.html).not.toContain('<script>');
    expect(consent.html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; Evil');
    expect(consent.html).toContain('claude.ai');

    const fields = { handle: consent.handle, role: 'staff', name: 'Mallory', decision: 'approve' };
    // A cross-site POST has the handle at best, never the __Host- cookie: refused, and nothing is issued.
    const forged = await postConsent(fields, '');
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('not started in this browser');
    // A bad sign-in leaves the handle usable; then the real POST redirects, and a replay is refused.
    expect((await postConsent({ ...fields, role: 'root' }, consent.cookie)).status).toBe(400);
    expect((await postConsent(fields, consent.cookie)).status).toBe(302);
    expect((await postConsent(fields, consent.cookie)).status).toBe(400);
  });

  it('sends Deny back to the client as access_denied with its state', async () => {
    const meta = await discover();
    const consent = await openConsent(meta, await register(meta), (await pkce()).challenge, 'deny-state');
    const res = await postConsent({ handle: consent.handle, decision: 'deny' }, consent.cookie);
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('Location')!);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('deny-state');
  });

  it('refuses to sign anyone in when DEV_LOGIN is not exactly "true"', async () => {
    const meta = await discover();
    const clientId = await register(meta);
    const url = `${meta.authorization_endpoint}?response_type=code&client_id=${clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}&code_challenge=${(await pkce()).challenge}&code_challenge_method=S256`;
    for (const DEV_LOGIN of ['false', 'TRUE', '']) {
      const off = { ...env, DEV_LOGIN };
      const page = await handleAuthorize(new Request(url), off);
      expect(page.status).toBe(403);
      expect(await page.text()).not.toContain('name="handle"');
      const post = new Request(`${ORIGIN}/authorize`, { method: 'POST', body: new URLSearchParams({ role: 'admin', name: 'X' }) });
      expect((await handleAuthorize(post, off)).status).toBe(403);
      expect(await resolveLoginIdentity(post, off)).toMatchObject({ ok: false, status: 403 });
    }
  });

  it("works with the MCP SDK client's own OAuth flow (authProvider), as connectors run it", async () => {
    let saved: { client?: OAuthClientInformationMixed; tokens?: OAuthTokens; verifier?: string; authUrl?: URL } = {};
    const provider: OAuthClientProvider = {
      redirectUrl: CALLBACK,
      clientMetadata: { client_name: 'SDK Connector', redirect_uris: [CALLBACK], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] },
      clientInformation: () => saved.client,
      saveClientInformation: (info) => void (saved.client = info),
      tokens: () => saved.tokens,
      saveTokens: (tokens) => void (saved.tokens = tokens),
      redirectToAuthorization: (url) => void (saved.authUrl = url),
      saveCodeVerifier: (verifier) => void (saved.verifier = verifier),
      codeVerifier: () => saved.verifier!,
    };
    const options = { fetch: workerFetch, authProvider: provider };
    const client = new Client({ name: 'sdk-oauth', version: '1.0.0' }, { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() });
    const first = new StreamableHTTPClientTransport(new URL(MCP_URL), options);
    await expect(client.connect(first)).rejects.toThrow(/nauthorized/);
    expect(saved.authUrl?.origin).toBe(ORIGIN);
    expect(saved.authUrl?.searchParams.get('resource')).toBe(MCP_URL);

    // The "browser": open the URL the SDK built, sign in as a customer, hand the code back.
    const page = await workerFetch(saved.authUrl!);
    const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const handle = /name="handle" value="([^"]+)"/.exec(await page.text())![1]!;
    const back = await postConsent({ handle, role: 'customer', name: 'Sid Sdk', decision: 'approve' }, cookie);
    await first.finishAuth(new URL(back.headers.get('Location')!).searchParams.get('code')!);

    await client.connect(new StreamableHTTPClientTransport(new URL(MCP_URL), options));
    try {
      expect(client.getInstructions()).toContain('dev-customer-sid-sdk (customer)');
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('create_booking');
      expect(tools.map((t) => t.name)).not.toContain('complete_booking');
    } finally {
      await client.close();
      saved = {};
    }
  });
});
