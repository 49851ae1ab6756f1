/**
 * The session's WebSockets, with the Hibernation API: the object can sleep
 * between messages while sockets stay open (pings are answered by the runtime
 * through setWebSocketAutoResponse, without waking it). Each socket carries its
 * verified principal and its token's expiry as its attachment, so both survive
 * hibernation: a socket lives only as long as its token (closed with 4001
 * `token_expired` when a frame or an event meets it later, or by the session's alarm).
 */
import { z } from 'zod';
import type { Principal } from '../../worker/auth/principal';
import { CHAT_SUBPROTOCOL, CLOSE_RECONNECT, CLOSE_TOKEN_EXPIRED, MAX_FRAME_BYTES, MAX_MESSAGE_CHARS, type ClientFrame, type ServerEvent } from '../../worker/protocol/chat';
import { PRINCIPAL_HEADER, TOKEN_EXPIRES_HEADER } from '../../worker/protocol/session';
import { sessionEvent, type SessionMeta, type SessionStore } from './store';

/** Tag of voice callers' sockets (see ../voice/calls.ts); chat events are not broadcast to them. */
export const VOICE_SOCKET_TAG = 'voice';

const clientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), text: z.string().trim().min(1).max(MAX_MESSAGE_CHARS), client_id: z.string().max(100).optional() }),
  z.object({ type: z.literal('resume'), last_event_id: z.number().int().min(0) }),
]);

interface Attachment {
  principal: Principal;
  /** When the socket's token expires (epoch ms); absent on sockets accepted before it was recorded. */
  expires_at?: number;
}

/**
 * The verified token's expiry of a forwarded upgrade, or undefined when it is missing or already past.
 * @example const expiresAt = forwardedExpiry(request, Date.now()); if (expiresAt === undefined) return new Response(…, { status: 401 });
 */
export function forwardedExpiry(request: Request, now: number): number | undefined {
  const value = Number(request.headers.get(TOKEN_EXPIRES_HEADER) ?? NaN);
  return Number.isFinite(value) && value > now ? value : undefined;
}

/**
 * Each socket's attachment and whether it is a voice socket, read once per object instance: both are written
 * when the socket is accepted and never change, and a voice call asks for them on every audio frame (a
 * deserialize and a tag list each time). After hibernation the sockets are new objects, so they are read again.
 */
const attachments = new WeakMap<WebSocket, unknown>();
const voiceSockets = new WeakMap<WebSocket, boolean>();

/** Records `attachment` on a socket just accepted (and in this instance's memory). */
export function attach(ws: WebSocket, attachment: unknown): void {
  ws.serializeAttachment(attachment);
  attachments.set(ws, attachment);
}

/** The socket's attachment (see `attach`), or null when it has none. */
export function attachmentOf<T>(ws: WebSocket): T | null {
  if (!attachments.has(ws)) attachments.set(ws, ws.deserializeAttachment() ?? null);
  return attachments.get(ws) as T | null;
}

/** Whether `ws` is a voice caller's socket (accepted with VOICE_SOCKET_TAG). */
export function isVoiceSocket(ctx: DurableObjectState, ws: WebSocket): boolean {
  let voice = voiceSockets.get(ws);
  if (voice === undefined) voiceSockets.set(ws, (voice = ctx.getTags(ws).includes(VOICE_SOCKET_TAG)));
  return voice;
}

/** When a socket's token expires (chat and voice attachments both carry `expires_at`). */
export function socketExpiry(ws: WebSocket): number | undefined {
  const attachment = attachmentOf<{ expires_at?: unknown }>(ws);
  return typeof attachment?.expires_at === 'number' ? attachment.expires_at : undefined;
}

/**
 * Whether a socket may still be used at `now`. A socket past its token's expiry is closed with
 * CLOSE_TOKEN_EXPIRED; one whose expiry was never recorded (accepted before it was) is asked to
 * reconnect (CLOSE_RECONNECT), which checks its token again.
 */
export function closeIfLapsed(ws: WebSocket, now: number): boolean {
  const expiresAt = socketExpiry(ws);
  if (expiresAt !== undefined && expiresAt > now) return false;
  const close = expiresAt === undefined ? CLOSE_RECONNECT : CLOSE_TOKEN_EXPIRED;
  safeClose(ws, close.code, close.reason);
  return true;
}

export class SessionSockets {
  constructor(
    private readonly ctx: DurableObjectState,
    private readonly now: () => number = Date.now,
  ) {}

  accept(request: Request, meta: SessionMeta, store: SessionStore): Response {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') return new Response('Expected a WebSocket upgrade', { status: 426 });
    const principal = JSON.parse(request.headers.get(PRINCIPAL_HEADER) ?? 'null') as Principal | null;
    if (!principal) return new Response('Missing principal', { status: 401 });
    const expiresAt = forwardedExpiry(request, this.now());
    if (expiresAt === undefined) return new Response('Missing or expired token expiry', { status: 401 });
    // With ?last_event_id=N the client resumes after N (0 = everything); without it, from now on.
    const cursor = new URL(request.url).searchParams.get('last_event_id');
    const lastEventId = cursor !== null && /^\d+$/.test(cursor) ? Number(cursor) : store.lastEventId();
    const pair = new WebSocketPair();
    const server = pair[1];
    this.ctx.acceptWebSocket(server);
    attach(server, { principal, expires_at: expiresAt } satisfies Attachment);
    this.send(server, { ...sessionEvent(meta), id: store.lastEventId() });
    this.replay(server, store, lastEventId);
    return new Response(null, { status: 101, webSocket: pair[0], headers: { 'Sec-WebSocket-Protocol': CHAT_SUBPROTOCOL } });
  }

  principalOf(ws: WebSocket): Principal {
    return attachmentOf<Attachment>(ws)!.principal;
  }

  send(ws: WebSocket, event: ServerEvent): void {
    try {
      ws.send(JSON.stringify(event));
    } catch {
      // A socket that is closing cannot be written; the client resumes from its last id.
    }
  }

  /** Sends `event` to every chat socket whose token is still valid (a lapsed one is closed instead). */
  broadcast(event: ServerEvent): void {
    const now = this.now();
    for (const ws of this.ctx.getWebSockets()) {
      if (isVoiceSocket(this.ctx, ws) || closeIfLapsed(ws, now)) continue;
      this.send(ws, event);
    }
  }

  /** The earliest token expiry after `now` among open sockets (chat and voice): when the alarm must close one. */
  nextExpiry(now: number): number | undefined {
    let next: number | undefined;
    for (const ws of this.ctx.getWebSockets()) {
      const at = socketExpiry(ws);
      if (at !== undefined && at > now && (next === undefined || at < next)) next = at;
    }
    return next;
  }

  /** Sends every stored event after `lastEventId`, in order (the resume after a reconnect). */
  replay(ws: WebSocket, store: SessionStore, lastEventId: number): void {
    for (const event of store.eventsAfter(lastEventId)) this.send(ws, event);
  }

  /** A valid client frame, or undefined after telling the client what was wrong. */
  parse(ws: WebSocket, data: string | ArrayBuffer): ClientFrame | undefined {
    const fail = (message: string) => {
      this.send(ws, { type: 'error', code: 'invalid_input', message, id: 0 });
      return undefined;
    };
    if (typeof data !== 'string') return fail('Frames must be JSON text');
    if (data.length > MAX_FRAME_BYTES) return fail(`Frames are limited to ${MAX_FRAME_BYTES} bytes`);
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return fail('Frame is not valid JSON');
    }
    const parsed = clientFrame.safeParse(json);
    if (!parsed.success) return fail(`Invalid frame: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'frame'}: ${i.message}`).join('; ')}`);
    return parsed.data as ClientFrame;
  }

  close(ws: WebSocket, code: number, reason: string): void {
    safeClose(ws, code, reason);
  }
}

/** Closes a socket with `code`, or 1000 when `code` may not be sent (1005, 1006, 1015 are reserved); never throws. */
export function safeClose(ws: WebSocket, code: number, reason: string): void {
  const safe = code >= 1000 && code < 5000 && ![1004, 1005, 1006, 1015].includes(code) ? code : 1000;
  try {
    ws.close(safe, reason.slice(0, 120));
  } catch {
    // Already closed.
  }
}
