// Finding 6 (tokens and sockets): a signed token must say when it expires, and within a bounded
// lifetime; an open chat socket stops at its token's expiry (a frame after it is never processed,
// an idle socket is closed by the session's alarm). Forged, expired and unbounded tokens are
// refused the same way on REST, on socket upgrades and on /mcp. Everything goes through the Worker.
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { decodeJwt, SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import type { ChatSession } from '../../durable-objects/chat-session';
import { signToken } from '../../worker/auth/tokens';
import { CHAT_SUBPROTOCOL } from '../../worker/protocol/chat';
import { BASE, call, openSession, type OpenedSession } from '../http-helpers';

const DAY = 86_400;
const now = () => Math.floor(Date.now() / 1000);

/** A token signed with the real secret, issuer and audience, with exactly the time claims given. */
async function rawToken(claims: Record<string, unknown>, times: { iat?: number; exp?: number; secret?: string }): Promise<string> {
  let jwt = new SignJWT({ role: 'staff', ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(String(claims.sub ?? 'alice')).setIssuer(env.JWT_ISSUER).setAudience(env.JWT_AUDIENCE);
  if (times.iat !== undefined) jwt = jwt.setIssuedAt(times.iat);
  if (times.exp !== undefined) jwt = jwt.setExpirationTime(times.exp);
  return jwt.sign(new TextEncoder().encode(times.secret ?? env.JWT_SECRET));
}

/** Tokens every surface must refuse, by what is wrong with them. */
async function badTokens(): Promise<Record<string, string>> {
  return {
    'no exp': await rawToken({}, { iat: now() }),
    'no iat': await rawToken({}, { exp: now() + 3600 }),
    'no exp, no iat': await rawToken({}, {}),
    'lifetime over 30 days': await rawToken({}, { iat: now(), exp: now() + 31 * DAY }),
    'issued in the future': await rawToken({}, { iat: now() + 10 * DAY, exp: now() + 11 * DAY }),
    expired: await signToken(env, { sub: 'alice', role: 'staff' }, now() - 10),
    forged: await rawToken({}, { iat: now(), exp: now() + 3600, secret: 'f'.repeat(48) }),
  };
}

const mcpInitialize = (token: string) =>
  exports.default.fetch(
    new Request(`${BASE}/mcp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } }),
    }),
  );

const upgrade = (s: OpenedSession, token: string) =>
  exports.default.fetch(
    new Request(`${BASE}/api/v1/chat/session/${s.session_id}/ws`, { headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': `${CHAT_SUBPROTOCOL}, bearer.${token}` } }),
  );

describe('token lifetime', () => {
  it('REST, chat sockets and /mcp refuse tokens without exp or iat, with an unbounded or future lifetime, expired or forged', async () => {
    const s = await openSession();
    for (const [why, token] of Object.entries(await badTokens())) {
      const rest = await call('/api/v1/bookings', { token });
      expect(rest.res.status, `REST, ${why}: ${rest.text}`).toBe(401);
      expect(rest.res.headers.get('WWW-Authenticate'), why).toContain('invalid_token');
      const ws = await upgrade(s, token);
      expect(ws.status, `socket, ${why}`).toBe(401);
      const mcp = await mcpInitialize(token);
      expect(mcp.status, `MCP, ${why}`).toBe(401);
      expect(mcp.headers.get('WWW-Authenticate'), why).toContain('invalid_token');
    }
  });

  it('accepts a token of exactly the longest lifetime (30 days), and one from `signToken`', async () => {
    const longest = await rawToken({}, { iat: now(), exp: now() + 30 * DAY });
    expect((await call('/api/v1/bookings', { token: longest })).res.status).toBe(200);
    expect((await mcpInitialize(longest)).status).toBe(200);
    expect((await call('/api/v1/bookings', { token: await signToken(env, { sub: 'alice', role: 'staff' }, '12h') })).res.status).toBe(200);
  });

  it('signToken refuses to mint a token that would outlive the bound', async () => {
    await expect(signToken(env, { sub: 'alice', role: 'staff' }, '31d')).rejects.toThrow(/30 days/);
    await expect(signToken(env, { sub: 'alice', role: 'staff' }, now() + 40 * DAY)).rejects.toThrow(/30 days/);
    const ok = decodeJwt(await signToken(env, { sub: 'alice', role: 'staff' }, '30d'));
    expect(ok.exp! - ok.iat!).toBe(30 * DAY);
  });

  it('session tokens from chat/session/new carry iat and exp, a day apart', async () => {
    const s = await openSession();
    const claims = decodeJwt(s.token);
    expect(claims.exp! - claims.iat!).toBe(DAY);
    expect(claims).toMatchObject({ role: 'customer', sid: s.session_id });
  });
});

/** The session's socket opened with `token`, recording how it closed. */
async function openSocket(s: OpenedSession, token: string) {
  const res = await upgrade(s, token);
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const events: { type: string; code?: string }[] = [];
  let closed: { code: number; reason: string } | undefined;
  ws.addEventListener('message', (e) => events.push(JSON.parse(String(e.data))));
  ws.addEventListener('close', (e) => {
    closed = { code: e.code, reason: e.reason };
  });
  ws.accept();
  /** Waits until `pred` holds (the tests then assert what they waited for). */
  const until = (pred: () => boolean, ms = 3000) => vi.waitFor(() => expect(pred()).toBe(true), { timeout: ms, interval: 10 });
  return { ws, events, closed: () => closed, until };
}

/** A session token for `s` (the one session/new would mint) that expires `seconds` from now. */
const shortLived = (s: OpenedSession, seconds: number) => signToken(env, { sub: `visitor:${s.session_id}`, role: 'customer', sid: s.session_id }, now() + seconds);

const userMessages = (s: OpenedSession) =>
  runInDurableObject(env.ChatSession.getByName(s.session_id), (_i: ChatSession, state) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM messages WHERE role = 'user'").one().n);

describe('sockets stop at their token’s expiry', () => {
  it('a message frame after the token expired is not processed: the socket closes with 4001 token_expired', async () => {
    const s = await openSession();
    const token = await shortLived(s, 2);
    const exp = decodeJwt(token).exp!;
    const socket = await openSocket(s, token);
    await socket.until(() => socket.events.length > 0);
    // The alarm would close the socket at its expiry; without it (a late alarm) the frame itself must be refused.
    await runInDurableObject(env.ChatSession.getByName(s.session_id), (_i: ChatSession, state) => state.storage.deleteAlarm());
    // Past the expiry (seconds granularity: wait until the clock passes exp).
    while (Date.now() < exp * 1000 + 50) await new Promise((r) => setTimeout(r, 50));
    socket.ws.send(JSON.stringify({ type: 'message', text: 'Book me a drain cleaning, please', client_id: 'late-1' }));
    await socket.until(() => socket.closed() !== undefined);
    expect(socket.closed()).toEqual({ code: 4001, reason: 'token_expired' });
    expect(socket.events.filter((e) => e.type === 'turn_started' || e.type === 'message')).toEqual([]);
    expect(await userMessages(s)).toBe(0);
  }, 15_000);

  it('an idle socket is closed by the session’s alarm when its token expires', async () => {
    const s = await openSession();
    const token = await shortLived(s, 2);
    const exp = decodeJwt(token).exp! * 1000;
    const socket = await openSocket(s, token);
    await socket.until(() => socket.events.length > 0);
    const alarm = await runInDurableObject(env.ChatSession.getByName(s.session_id), (_i: ChatSession, state) => state.storage.getAlarm());
    expect(alarm).not.toBeNull();
    expect(alarm!).toBeLessThanOrEqual(exp);
    while (Date.now() < exp + 50) await new Promise((r) => setTimeout(r, 50));
    await runDurableObjectAlarm(env.ChatSession.getByName(s.session_id));
    await socket.until(() => socket.closed() !== undefined);
    expect(socket.closed()).toEqual({ code: 4001, reason: 'token_expired' });
  }, 15_000);

  it('a socket whose token is still valid works as before, and the session goes on with a fresh token', async () => {
    const s = await openSession();
    const socket = await openSocket(s, await shortLived(s, 3600));
    await socket.until(() => socket.events.length > 0);
    socket.ws.send(JSON.stringify({ type: 'message', text: 'What are your hours?' }));
    await socket.until(() => socket.events.some((e) => e.type === 'turn_done'), 5000);
    expect(socket.events.some((e) => e.type === 'turn_done')).toBe(true);
    expect(socket.closed()).toBeUndefined();
    socket.ws.close(1000, 'done');
  });
});
