// Helpers for voice tests in workerd: script the fake realtime server, dial a call through the
// Worker like a browser would (token in Sec-WebSocket-Protocol), and read what each side saw.
import { env, exports } from 'cloudflare:workers';
import { vi } from 'vitest';
import type { FakeVoiceScenario, LoggedEvent } from '../../fake-realtime/server';
import { TOKEN_SUBPROTOCOL_PREFIX } from '../../../worker/protocol/chat';
import { VOICE_SUBPROTOCOL, type VoiceClientFrame, type VoiceServerEvent } from '../../../worker/protocol/voice';
import { BASE, openSession, type OpenedSession } from '../../http-helpers';

/** The fake's control URL, next to the realtime URL the project configured. */
const control = (path: string) => {
  const url = new URL(env.OPENAI_REALTIME_URL);
  url.protocol = 'http:';
  url.pathname = path;
  return url.toString();
};

/** Registers a scenario and opens a chat session whose prompt selects it (via the customer's name). */
export async function scriptedSession(turns: FakeVoiceScenario['turns'], extra: Partial<FakeVoiceScenario> = {}): Promise<OpenedSession & { scenario: string }> {
  const scenario = crypto.randomUUID();
  const res = await fetch(control('/__scenarios'), { method: 'POST', body: JSON.stringify({ id: scenario, turns, ...extra }) });
  if (res.status !== 201) throw new Error(`fake-realtime: ${res.status} ${await res.text()}`);
  const session = await openSession({ customer_name: `Vera fake-scenario:${scenario}` });
  return { ...session, scenario };
}

/** What the fake received for a scenario, in order. */
export async function fakeEvents(scenario: string): Promise<LoggedEvent[]> {
  return (await fetch(control(`/__scenarios/${scenario}/events`))).json();
}

/** Polls `probe` until it returns something truthy (D1 writes go through the outbox, in the background). */
export function eventually<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 5000): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (!value) throw new Error('condition not met yet');
      return value;
    },
    { timeout: timeoutMs, interval: 50 },
  );
}

/** Base64 PCM16 silence of `ms` milliseconds at 24 kHz. */
export function pcm(ms = 100): string {
  const bytes = new Uint8Array(Math.round((ms / 1000) * 24_000) * 2);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

type Of<T extends VoiceServerEvent['type']> = Extract<VoiceServerEvent, { type: T }>;

/** A voice caller: the socket, every event received, and waits on them. */
export class Caller {
  readonly events: VoiceServerEvent[] = [];
  closed: { code: number; reason: string } | undefined;
  private waiters: (() => void)[] = [];

  constructor(readonly ws: WebSocket) {
    ws.addEventListener('message', (e) => {
      this.events.push(JSON.parse(String(e.data)) as VoiceServerEvent);
      this.wake();
    });
    ws.addEventListener('close', (e) => {
      this.closed = { code: e.code, reason: e.reason };
      this.wake();
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  send(frame: VoiceClientFrame | string): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  all<T extends VoiceServerEvent['type']>(type: T): Of<T>[] {
    return this.events.filter((e): e is Of<T> => e.type === type);
  }

  /** The `n`th event (1-based) of `type` matching `where`, once it has arrived. */
  async nth<T extends VoiceServerEvent['type']>(type: T, n = 1, where: (e: Of<T>) => boolean = () => true, timeoutMs = 8000): Promise<Of<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.all(type).filter(where)[n - 1];
      if (found) return found;
      if (this.closed && type !== 'call.ended') throw new Error(`socket closed (${this.closed.code}) before ${type} #${n}; got ${this.events.map((e) => e.type).join(', ')}`);
      if (Date.now() > deadline) throw new Error(`no ${type} #${n} in time; got ${this.events.map((e) => e.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** The close of the caller's socket, once it has come (after call.ended, the server closes it). */
  async closure(timeoutMs = 2000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error(`socket not closed in time; got ${this.events.map((e) => e.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.closed;
  }

  async hangUp(): Promise<Of<'call.ended'>> {
    this.send({ type: 'session.end' });
    return this.nth('call.ended');
  }
}

/** Upgrades through the Worker's route, as a browser would. */
export function dialRaw(sessionId: string | undefined, protocols: string): Promise<Response> {
  const query = sessionId ? `?session_id=${sessionId}` : '';
  return exports.default.fetch(new Request(`${BASE}/api/v1/chat/voice/call${query}`, { headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': protocols } }));
}

/** Dials a call on `session` and waits until the upstream is live. */
export async function dial(session: OpenedSession): Promise<Caller> {
  const res = await dialRaw(session.session_id, `${VOICE_SUBPROTOCOL}, ${TOKEN_SUBPROTOCOL_PREFIX}${session.token}`);
  if (res.status !== 101 || !res.webSocket) throw new Error(`voice upgrade: ${res.status} ${await res.text()}`);
  res.webSocket.accept();
  const caller = new Caller(res.webSocket);
  await caller.nth('call.status', 1, (e) => e.status === 'live');
  return caller;
}
