/**
 * The session's WebSockets, with the Hibernation API: the object can sleep
 * between messages while sockets stay open (pings are answered by the runtime
 * through setWebSocketAutoResponse, without waking it). Each socket carries its
 * verified principal as its attachment, so it survives hibernation.
 */
import { z } from 'zod';
import type { Principal } from '../worker/auth/principal';
import { CHAT_SUBPROTOCOL, type ClientFrame, type ServerEvent } from '../worker/protocol/chat';
import { sessionEvent, type SessionMeta, type SessionStore } from './session-store';

/** Header the Worker sets (after verifying the token) when it forwards an upgrade. */
export const PRINCIPAL_HEADER = 'x-switchboard-principal';
export const MAX_FRAME_BYTES = 8 * 1024;
export const MAX_MESSAGE_CHARS = 4000;
/** Tag of voice callers' sockets (see voice-calls.ts); chat events are not broadcast to them. */
export const VOICE_SOCKET_TAG = 'voice';

const clientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), text: z.string().trim().min(1).max(MAX_MESSAGE_CHARS), client_id: z.string().max(100).optional() }),
  z.object({ type: z.literal('resume'), last_event_id: z.number().int().min(0) }),
]);

interface Attachment {
  principal: Principal;
}

export class SessionSockets {
  constructor(private readonly ctx: DurableObjectState) {}

  accept(request: Request, meta: SessionMeta, store: SessionStore): Response {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') return new Response('Expected a WebSocket upgrade', { status: 426 });
    const principal = JSON.parse(request.headers.get(PRINCIPAL_HEADER) ?? 'null') as Principal | null;
    if (!principal) return new Response('Missing principal', { status: 401 });
    // With ?last_event_id=N the client resumes after N (0 = everything); without it, from now on.
    const cursor = new URL(request.url).searchParams.get('last_event_id');
    const lastEventId = cursor !== null && /^\d+$/.test(cursor) ? Number(cursor) : store.lastEventId();
    const pair = new WebSocketPair();
    const server = pair[1];
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ principal } satisfies Attachment);
    this.send(server, { ...sessionEvent(meta), id: store.lastEventId() });
    this.replay(server, store, lastEventId);
    return new Response(null, { status: 101, webSocket: pair[0], headers: { 'Sec-WebSocket-Protocol': CHAT_SUBPROTOCOL } });
  }

  principalOf(ws: WebSocket): Principal {
    return (ws.deserializeAttachment() as Attachment).principal;
  }

  send(ws: WebSocket, event: ServerEvent): void {
    try {
      ws.send(JSON.stringify(event));
    } catch {
      // A socket that is closing cannot be written; the client resumes from its last id.
    }
  }

  broadcast(event: ServerEvent): void {
    for (const ws of this.ctx.getWebSockets()) if (!this.ctx.getTags(ws).includes(VOICE_SOCKET_TAG)) this.send(ws, event);
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
