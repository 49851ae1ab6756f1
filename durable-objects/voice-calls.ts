/**
 * The voice calls of one session object: accepting the caller's socket (tagged
 * 'voice', so the hibernation handlers can tell it from chat sockets), finding
 * a frame's call, and ending calls when sockets close. One call per session at
 * a time: a new call (a reloaded page, a second tab) takes over from the old.
 */
import type { Principal } from '../worker/auth/principal';
import { log } from '../worker/lib/log';
import { VOICE_SUBPROTOCOL, type VoiceEndReason } from '../worker/protocol/voice';
import { modeOf, type SessionMeta } from './session-store';
import { PRINCIPAL_HEADER, VOICE_SOCKET_TAG } from './sockets';
import { VoiceCall } from './voice-call';
import type { VoiceHost } from './voice-record';
import { voiceSettings } from './voice-upstream';

interface VoiceAttachment {
  principal: Principal;
  call_id: string;
}

/** The session object's voice calls, by call id (kept in the caller socket's attachment). */
export class VoiceCalls {
  private readonly calls = new Map<string, VoiceCall>();

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly host: VoiceHost,
  ) {}

  /** Whether `ws` is a voice caller's socket. */
  owns(ws: WebSocket): boolean {
    return this.ctx.getTags(ws).includes(VOICE_SOCKET_TAG);
  }

  /** Accepts a voice upgrade the Worker forwarded (after verifying the token and the session). */
  accept(request: Request, meta: SessionMeta): Response {
    const voice = voiceSettings(this.host.env);
    if (!voice.ok) return Response.json({ error: { code: 'unavailable', message: voice.reason } }, { status: 503 });
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') return new Response('Expected a WebSocket upgrade', { status: 426 });
    const principal = JSON.parse(request.headers.get(PRINCIPAL_HEADER) ?? 'null') as Principal | null;
    if (!principal) return new Response('Missing principal', { status: 401 });
    if (meta.status === 'resolved') return Response.json({ error: { code: 'conflict', message: 'This conversation has ended; start a new one' } }, { status: 409 });
    // While a person has the conversation the AI must not answer, and the voice model always would.
    if (modeOf(meta) === 'human') {
      return Response.json({ error: { code: 'conflict', message: 'A team member is handling this conversation; please continue in the chat' } }, { status: 409 });
    }
    for (const call of this.calls.values()) void call.end('replaced', { closeClient: true, code: 4000 });
    const pair = new WebSocketPair();
    const server = pair[1];
    this.ctx.acceptWebSocket(server, [VOICE_SOCKET_TAG]);
    const callId = crypto.randomUUID();
    server.serializeAttachment({ principal, call_id: callId } satisfies VoiceAttachment);
    this.begin(server, principal, callId, voice.settings);
    return new Response(null, { status: 101, webSocket: pair[0], headers: { 'Sec-WebSocket-Protocol': VOICE_SUBPROTOCOL } });
  }

  private begin(ws: WebSocket, principal: Principal, callId: string, settings: Extract<ReturnType<typeof voiceSettings>, { ok: true }>['settings']): VoiceCall {
    const call = new VoiceCall(this.host, ws, principal, settings, callId, (ended) => {
      if (this.calls.get(ended.id) === ended) this.calls.delete(ended.id);
    });
    this.calls.set(callId, call);
    this.ctx.waitUntil(
      call.start().catch(async (err) => {
        log.error('voice_call_start_failed', { call_id: callId, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
        await call.end('upstream_failed', { closeClient: true, code: 1011 });
      }),
    );
    return call;
  }

  /** A frame from a voice socket. After a restart of the object the call's memory is gone: it starts again on the same socket. */
  onMessage(ws: WebSocket, data: string | ArrayBuffer): void {
    const attachment = ws.deserializeAttachment() as VoiceAttachment | null;
    if (!attachment) return;
    let call = this.calls.get(attachment.call_id);
    if (!call) {
      const voice = voiceSettings(this.host.env);
      if (!voice.ok) return;
      call = this.begin(ws, attachment.principal, attachment.call_id, voice.settings);
    }
    call.onClientFrame(data);
  }

  /** Ends every live call, telling the callers why (e.g. a staff takeover). */
  async endAll(reason: VoiceEndReason): Promise<void> {
    await Promise.all([...this.calls.values()].map((call) => call.end(reason, { closeClient: true, code: 4000 })));
  }

  /** The caller hung up (or the socket failed): the upstream is closed at once. */
  async onClose(ws: WebSocket): Promise<void> {
    const attachment = ws.deserializeAttachment() as VoiceAttachment | null;
    const call = attachment ? this.calls.get(attachment.call_id) : undefined;
    if (call) await call.end('client_closed');
  }
}
