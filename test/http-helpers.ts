// Helpers for tests that call the Worker over HTTP inside workerd: requests with a fresh client address, and chat sessions opened the way the widget opens them.
import { exports } from 'cloudflare:workers';
import { expect, vi } from 'vitest';
import { CHAT_SUBPROTOCOL, type ServerEvent } from '../worker/protocol/chat';

export const BASE = 'http://switchboard.test';

let ipCounter = 0;
/** A fresh client address per test, so per-IP budgets of one test never hit another. */
export const freshIp = () => `198.51.100.${(ipCounter++ % 250) + 1}`;

export async function call(path: string, init: RequestInit & { token?: string; ip?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  if (init.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  headers.set('cf-connecting-ip', init.ip ?? freshIp());
  const res = await exports.default.fetch(new Request(`${BASE}${path}`, { ...init, headers }));
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { res, body, text };
}

export interface OpenedSession {
  session_id: string;
  interaction_number: string;
  token: string;
  greeting: string;
}

export async function openSession(body: Record<string, unknown> = {}): Promise<OpenedSession> {
  const { res, body: json } = await call('/api/v1/chat/session/new', { method: 'POST', body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`session/new: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export async function say(session: OpenedSession, message: string) {
  const { res, body } = await call('/api/v1/chat/message', {
    method: 'POST',
    token: session.token,
    body: JSON.stringify({ session_id: session.session_id, message }),
  });
  if (res.status !== 200) throw new Error(`message: ${res.status} ${JSON.stringify(body)}`);
  return body as { response: string; function_calls: { name: string; ok: boolean }[]; tokens_used: Record<string, number>; sources: { id: number; title: string }[]; offline: boolean };
}

/**
 * Opens the session's chat WebSocket as the widget (customer token) or the console (staff token) does,
 * resuming after `lastEventId` when given; collects its events.
 */
export async function connectChat(s: OpenedSession, options: { lastEventId?: number; token?: string } = {}) {
  const query = options.lastEventId === undefined ? '' : `?last_event_id=${options.lastEventId}`;
  const res = await exports.default.fetch(
    new Request(`${BASE}/api/v1/chat/session/${s.session_id}/ws${query}`, {
      headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': `${CHAT_SUBPROTOCOL}, bearer.${options.token ?? s.token}` },
    }),
  );
  expect(res.status).toBe(101);
  expect(res.headers.get('Sec-WebSocket-Protocol')).toBe(CHAT_SUBPROTOCOL);
  const ws = res.webSocket!;
  const events: ServerEvent[] = [];
  ws.addEventListener('message', (e) => events.push(JSON.parse(e.data as string)));
  ws.accept();
  /** Waits until the events received so far satisfy `pred` (a condition, not a delay). */
  const waitFor = (pred: (e: ServerEvent[]) => boolean) =>
    vi.waitFor(() => expect(pred(events), JSON.stringify(events)).toBe(true), { timeout: 2000, interval: 10 });
  return { ws, events, waitFor };
}
