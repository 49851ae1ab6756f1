/**
 * The voice calls of one session object: accepting the caller's socket (tagged
 * 'voice', so the hibernation handlers can tell it from chat sockets), finding
 * a frame's call, and ending calls when sockets close. One call per session at
 * a time: a new call (a reloaded page, a second tab) takes over from the old.
 * A call acts as the conversation's owner (never a staff token: staff speak
 * through takeover) and lasts as long as its token: at its expiry (a timer, the
 * session's alarm, or the next frame) it ends with `token_expired` and close 4001.
 */
import { isStaff, type Principal, type UserPrincipal } from '../../worker/auth/principal';
import { STAFF_SEND_REFUSAL } from '../../worker/chat/policy';
import { voiceSettings, type VoiceSettings } from '../../worker/chat/voice-settings';
import { log } from '../../worker/lib/log';
import { CLOSE_RECONNECT } from '../../worker/protocol/chat';
import { PRINCIPAL_HEADER } from '../../worker/protocol/session';
import { CLOSE_TOKEN_EXPIRED, VOICE_SUBPROTOCOL, type VoiceEndReason } from '../../worker/protocol/voice';
import type { SessionHost } from '../session/host';
import { attach, attachmentOf, forwardedExpiry, isVoiceSocket, safeClose, socketExpiry, VOICE_SOCKET_TAG } from '../session/sockets';
import { modeOf, ownerPrincipal, type SessionMeta } from '../session/store';
import { VoiceCall } from './call';

interface VoiceAttachment {
  /** Who opened the call (the verified token); the call itself acts as the session's owner. */
  principal: Principal;
  call_id: string;
  /** When the caller's token expires (epoch ms); absent on sockets accepted before it was recorded. */
  expires_at?: number;
}

/** setTimeout's longest delay; a later expiry re-arms the timer when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The session object's voice calls, by call id (kept in the caller socket's attachment). */
export class VoiceCalls {
  private readonly calls = new Map<string, VoiceCall>();
  private readonly expiryTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly host: SessionHost,
  ) {}

  /** Whether `ws` is a voice caller's socket. */
  owns(ws: WebSocket): boolean {
    return isVoiceSocket(this.ctx, ws);
  }

  /** Accepts a voice upgrade the Worker forwarded (after verifying the token and the session). */
  accept(request: Request, meta: SessionMeta): Response {
    const voice = voiceSettings(this.host.env);
    if (!voice.ok) return Response.json({ error: voice.error }, { status: 503 });
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') return new Response('Expected a WebSocket upgrade', { status: 426 });
    const principal = JSON.parse(request.headers.get(PRINCIPAL_HEADER) ?? 'null') as Principal | null;
    if (!principal) return new Response('Missing principal', { status: 401 });
    const expiresAt = forwardedExpiry(request, this.host.now());
    if (expiresAt === undefined) return new Response('Missing or expired token expiry', { status: 401 });
    // Checked here as well as in the route, so no caller can skip it: a voice model with staff tools
    // in a customer's conversation is what takeover exists to avoid.
    if (isStaff(principal)) return Response.json({ error: { code: 'forbidden', message: STAFF_SEND_REFUSAL } }, { status: 403 });
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
    attach(server, { principal, call_id: callId, expires_at: expiresAt } satisfies VoiceAttachment);
    this.begin(server, ownerPrincipal(meta), callId, expiresAt, voice.data);
    return new Response(null, { status: 101, webSocket: pair[0], headers: { 'Sec-WebSocket-Protocol': VOICE_SUBPROTOCOL } });
  }

  private begin(
    ws: WebSocket,
    owner: UserPrincipal,
    callId: string,
    expiresAt: number,
    settings: VoiceSettings,
  ): VoiceCall {
    const call = new VoiceCall(this.host, ws, owner, settings, callId, (ended) => {
      if (this.calls.get(ended.id) === ended) this.calls.delete(ended.id);
      clearTimeout(this.expiryTimers.get(ended.id));
      this.expiryTimers.delete(ended.id);
    });
    this.calls.set(callId, call);
    this.expireAt(call, expiresAt);
    this.ctx.waitUntil(
      call.start().catch(async (err) => {
        log.error('voice_call_start_failed', { call_id: callId, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
        await call.end('upstream_failed', { closeClient: true, code: 1011 });
      }),
    );
    return call;
  }

  /** Ends `call` when its token expires (the timer is re-armed when the expiry is beyond setTimeout's range). */
  private expireAt(call: VoiceCall, expiresAt: number): void {
    const wait = expiresAt - this.host.now();
    if (wait <= 0) {
      void call.end('token_expired', { closeClient: true, code: CLOSE_TOKEN_EXPIRED.code });
      return;
    }
    this.expiryTimers.set(call.id, setTimeout(() => this.expireAt(call, expiresAt), Math.min(wait, MAX_TIMER_MS)));
  }

  /**
   * A frame from a voice socket. After a restart of the object the call's memory is gone: it starts again
   * on the same socket. A frame after the token's expiry is never processed: the call ends (4001) instead.
   */
  onMessage(ws: WebSocket, data: string | ArrayBuffer): void {
    const attachment = attachmentOf<VoiceAttachment>(ws);
    if (!attachment) return;
    if (this.lapsed(ws, attachment)) return;
    let call = this.calls.get(attachment.call_id);
    if (!call) {
      const voice = voiceSettings(this.host.env);
      const meta = this.host.store.meta();
      if (!voice.ok || !meta) return;
      call = this.begin(ws, ownerPrincipal(meta), attachment.call_id, attachment.expires_at!, voice.data);
    }
    call.onClientFrame(data);
  }

  /** Ends the call of `ws` (or closes the socket) when its token has expired; true when it did. */
  private lapsed(ws: WebSocket, attachment: VoiceAttachment): boolean {
    const expiresAt = socketExpiry(ws);
    if (expiresAt !== undefined && expiresAt > this.host.now()) return false;
    const call = this.calls.get(attachment.call_id);
    if (expiresAt === undefined) {
      // Accepted before expiries were recorded: hang up and let the caller dial again (the token is checked then).
      if (call) void call.end('client_closed', { closeClient: true, code: CLOSE_RECONNECT.code });
      else safeClose(ws, CLOSE_RECONNECT.code, CLOSE_RECONNECT.reason);
      return true;
    }
    if (call) void call.end('token_expired', { closeClient: true, code: CLOSE_TOKEN_EXPIRED.code });
    else safeClose(ws, CLOSE_TOKEN_EXPIRED.code, CLOSE_TOKEN_EXPIRED.reason);
    return true;
  }

  /** The session's alarm: ends calls whose token has expired (their own timer would have, unless the object restarted). */
  expire(ws: WebSocket): void {
    const attachment = attachmentOf<VoiceAttachment>(ws);
    if (attachment) this.lapsed(ws, attachment);
  }

  /** Ends every live call, telling the callers why (e.g. a staff takeover). */
  async endAll(reason: VoiceEndReason): Promise<void> {
    await Promise.all([...this.calls.values()].map((call) => call.end(reason, { closeClient: true, code: 4000 })));
  }

  /** The caller hung up (or the socket failed): the upstream is closed at once. */
  async onClose(ws: WebSocket): Promise<void> {
    const attachment = attachmentOf<VoiceAttachment>(ws);
    const call = attachment ? this.calls.get(attachment.call_id) : undefined;
    if (call) await call.end('client_closed');
  }
}
