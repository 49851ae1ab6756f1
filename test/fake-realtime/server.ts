/**
 * A local fake of the OpenAI Realtime API (GA event protocol, typed by the
 * `openai` package's realtime types), so voice calls are tested end to end in
 * workerd without a network or a key.
 *
 * Each `input_audio_buffer.append` is one caller utterance: the fake answers
 * with speech_started/stopped, committed, the input transcription, then a
 * response: function calls (the reply follows the client's `response.create`)
 * or straight away spoken audio (PCM16 silence of the scripted length) with
 * transcript deltas and usage.
 *
 * Tests script it per scenario: `POST /__scenarios {id, turns, …}`, and a
 * session whose instructions contain `fake-scenario:<id>` (the test puts it in
 * the customer's name, which the system prompt carries) plays those turns.
 * `GET /__scenarios/<id>/events` lists what the fake received, per connection.
 *
 * In-process users (the voice bench, bench/voice.mjs) can also pass `onEvent`:
 * it sees every client event on arrival with a handle on its connection (to
 * send events of their own), and can take over an event from the default
 * handling, e.g. so appended audio is not an utterance.
 *
 * Only erasable TypeScript. CLI: `node test/fake-realtime/server.ts --port 8791`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { RealtimeClientEvent, RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import { acceptWebSocket, type FakeSocket } from './ws.ts';
import { isMain } from '../is-main.ts';

export interface FakeVoiceCall {
  name: string;
  /** Sent verbatim, so it may be malformed JSON. */
  arguments: string;
  call_id?: string;
  /** Send `response.function_call_arguments.done` this many times (a duplicated provider event). */
  repeat?: number;
}

export interface FakeVoiceTurn {
  /** What the caller "said": the input transcription. */
  user: string;
  /** The first response calls these; the spoken reply comes after the client's `response.create`. */
  calls?: FakeVoiceCall[];
  /** The spoken reply (default `OK.`). */
  reply?: string;
  /** Length of the reply's audio (default 300 ms). */
  audioMs?: number;
  /** Drop the connection (no close frame) right after this turn's reply. */
  drop?: boolean;
  /**
   * The caller barges in while the calls' arguments stream: speech_started comes
   * before `function_call_arguments.done`, and the response ends `cancelled`.
   */
  bargeInDuringCalls?: boolean;
}

export interface FakeVoiceScenario {
  id: string;
  turns: FakeVoiceTurn[];
  /** After a drop, connections of this scenario are closed as soon as they send session.update. */
  refuseAfterDrop?: boolean;
}

/** One event the fake received; audio is replaced by its length. */
export interface LoggedEvent {
  connection: number;
  event: RealtimeClientEvent | { type: 'input_audio_buffer.append'; audio_chars: number };
}

/** One upstream connection, as `onEvent` sees it. */
export interface FakeRealtimeConnection {
  /** 1, 2, … in the order connections were accepted by this server. */
  readonly id: number;
  readonly open: boolean;
  /** Sends an event to the client as is (nothing is added or checked). */
  send(event: RealtimeServerEvent): void;
}

export interface FakeRealtimeOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /**
   * Called with every client event as it arrives, after it is logged for its
   * scenario and before the fake answers it. Return `true` to take the event
   * over: the fake then does nothing more with it (an `input_audio_buffer.append`
   * is not an utterance, a `session.update` gets no `session.updated`).
   */
  onEvent?: (event: RealtimeClientEvent, connection: FakeRealtimeConnection) => boolean | void;
}

export interface FakeRealtime {
  /** The WebSocket URL to configure, e.g. `ws://127.0.0.1:PORT/v1/realtime`. */
  url: string;
  close(): Promise<void>;
}

interface ScenarioState extends FakeVoiceScenario {
  next: number;
  connections: number;
  dropped: boolean;
  events: LoggedEvent[];
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;
const USAGE = { total_tokens: 170, input_tokens: 120, output_tokens: 50, input_token_details: { audio_tokens: 80, text_tokens: 40, cached_tokens: 0 }, output_token_details: { audio_tokens: 40, text_tokens: 10 } };

/** Base64 PCM16 silence of `ms` milliseconds in 100 ms chunks (24 kHz mono: 4800 bytes per 100 ms). */
function audioChunks(ms: number): string[] {
  const chunks: string[] = [];
  for (let left = ms; left > 0; left -= 100) chunks.push(Buffer.alloc(Math.round((Math.min(100, left) / 1000) * 24_000) * 2).toString('base64'));
  return chunks;
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/** Starts the fake on 127.0.0.1. */
export function startFakeRealtime(options: FakeRealtimeOptions = {}): Promise<FakeRealtime> {
  const scenarios = new Map<string, ScenarioState>();
  const sockets = new Set<FakeSocket>();
  let accepted = 0;

  function session(ws: FakeSocket): void {
    let scenario: ScenarioState | undefined;
    let connection = 0;
    let pendingReply: FakeVoiceTurn | undefined;
    const send = (event: RealtimeServerEvent) => ws.send(JSON.stringify(event));
    const ev = () => nextId('event_');
    const handle: FakeRealtimeConnection = {
      id: ++accepted,
      get open() {
        return ws.open;
      },
      send,
    };

    const speak = (turn: FakeVoiceTurn) => {
      const responseId = nextId('resp_');
      const itemId = nextId('item_');
      const text = turn.reply ?? 'OK.';
      send({ type: 'response.created', event_id: ev(), response: { id: responseId, object: 'realtime.response', status: 'in_progress', output: [] } });
      send({ type: 'response.output_item.added', event_id: ev(), response_id: responseId, output_index: 0, item: { id: itemId, type: 'message', role: 'assistant', status: 'in_progress', content: [] } });
      for (const delta of audioChunks(turn.audioMs ?? 300)) {
        send({ type: 'response.output_audio.delta', event_id: ev(), response_id: responseId, item_id: itemId, output_index: 0, content_index: 0, delta });
      }
      for (const delta of text.match(/\s*\S+\s*/g) ?? []) {
        send({ type: 'response.output_audio_transcript.delta', event_id: ev(), response_id: responseId, item_id: itemId, output_index: 0, content_index: 0, delta });
      }
      send({ type: 'response.output_audio_transcript.done', event_id: ev(), response_id: responseId, item_id: itemId, output_index: 0, content_index: 0, transcript: text });
      send({
        type: 'response.done',
        event_id: ev(),
        response: { id: responseId, object: 'realtime.response', status: 'completed', output: [{ id: itemId, type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_audio', transcript: text }] }], usage: USAGE },
      });
      if (turn.drop && scenario) {
        scenario.dropped = true;
        ws.drop();
      }
    };

    const utterance = () => {
      const turn: FakeVoiceTurn = (scenario && scenario.turns[scenario.next++]) ?? { user: 'hello', reply: 'fake voice: hello' };
      const itemId = nextId('item_');
      send({ type: 'input_audio_buffer.speech_started', event_id: ev(), item_id: itemId, audio_start_ms: 0 });
      send({ type: 'input_audio_buffer.speech_stopped', event_id: ev(), item_id: itemId, audio_end_ms: 800 });
      send({ type: 'input_audio_buffer.committed', event_id: ev(), item_id: itemId, previous_item_id: null });
      send({
        type: 'conversation.item.input_audio_transcription.completed',
        event_id: ev(),
        item_id: itemId,
        content_index: 0,
        transcript: turn.user,
        usage: { type: 'duration', seconds: 1 },
      });
      if (!turn.calls?.length) return speak(turn);
      const responseId = nextId('resp_');
      send({ type: 'response.created', event_id: ev(), response: { id: responseId, object: 'realtime.response', status: 'in_progress', output: [] } });
      turn.calls.forEach((call, index) => {
        const callItem = nextId('item_');
        const callId = call.call_id ?? nextId('call_');
        send({ type: 'response.output_item.added', event_id: ev(), response_id: responseId, output_index: index, item: { id: callItem, type: 'function_call', call_id: callId, name: call.name, arguments: '' } });
        send({ type: 'response.function_call_arguments.delta', event_id: ev(), response_id: responseId, item_id: callItem, output_index: index, call_id: callId, delta: call.arguments });
        if (turn.bargeInDuringCalls) send({ type: 'input_audio_buffer.speech_started', event_id: ev(), item_id: nextId('item_'), audio_start_ms: 900 });
        for (let i = 0; i < (call.repeat ?? 1); i++) {
          send({ type: 'response.function_call_arguments.done', event_id: ev(), response_id: responseId, item_id: callItem, output_index: index, call_id: callId, name: call.name, arguments: call.arguments });
        }
      });
      const status = turn.bargeInDuringCalls ? 'cancelled' : 'completed';
      send({ type: 'response.done', event_id: ev(), response: { id: responseId, object: 'realtime.response', status, output: [], usage: USAGE } });
      if (!turn.bargeInDuringCalls) pendingReply = turn;
    };

    ws.onMessage = (text) => {
      let event: RealtimeClientEvent;
      try {
        event = JSON.parse(text) as RealtimeClientEvent;
      } catch {
        return send({ type: 'error', event_id: ev(), error: { type: 'invalid_request_error', code: 'invalid_json', message: 'Invalid JSON', param: null, event_id: null } });
      }
      if (event.type === 'session.update') {
        const instructions = 'instructions' in event.session ? (event.session.instructions ?? '') : '';
        const id = /fake-scenario:([\w-]+)/.exec(instructions)?.[1];
        scenario = id ? scenarios.get(id) : undefined;
        if (scenario) connection = ++scenario.connections;
      }
      scenario?.events.push({ connection, event: event.type === 'input_audio_buffer.append' ? { type: event.type, audio_chars: event.audio.length } : event });
      if (options.onEvent?.(event, handle) === true) return;
      switch (event.type) {
        case 'session.update':
          if (scenario?.refuseAfterDrop && scenario.dropped) return ws.close(1011, 'scenario refuses reconnects');
          return send({ type: 'session.updated', event_id: ev(), session: event.session });
        case 'input_audio_buffer.append':
          return utterance();
        case 'response.create': {
          const turn = pendingReply ?? { user: '', reply: 'OK.' };
          pendingReply = undefined;
          return speak(turn);
        }
        case 'conversation.item.truncate':
          return send({ type: 'conversation.item.truncated', event_id: ev(), item_id: event.item_id, content_index: event.content_index, audio_end_ms: event.audio_end_ms });
        default:
          return;
      }
    };
    send({ type: 'session.created', event_id: ev(), session: { type: 'realtime', object: 'realtime.session', model: 'fake-realtime' } as never });
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const events = /^\/__scenarios\/([^/]+)\/events$/.exec(path);
    if (req.method === 'GET' && events) {
      const scenario = scenarios.get(decodeURIComponent(events[1] ?? ''));
      return sendJson(res, scenario ? 200 : 404, scenario?.events ?? []);
    }
    if (req.method === 'POST' && path === '/__scenarios') {
      const body = JSON.parse(await readBody(req)) as Partial<FakeVoiceScenario>;
      if (typeof body.id !== 'string' || !Array.isArray(body.turns)) return sendJson(res, 400, { error: 'expected { id: string, turns: Turn[] }' });
      scenarios.set(body.id, { ...(body as FakeVoiceScenario), next: 0, connections: 0, dropped: false, events: [] });
      return sendJson(res, 201, { id: body.id });
    }
    sendJson(res, 404, { error: 'unknown control route' });
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/__scenarios')) {
      control(req, res, path).catch((error: unknown) => sendJson(res, 500, { error: String(error) }));
      return;
    }
    sendJson(res, 404, { error: { message: `Unknown request URL: ${req.method} ${path}`, type: 'invalid_request_error' } });
  });

  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://x');
    // The real API refuses a missing key with 401 before the upgrade.
    if (url.pathname !== '/v1/realtime' || !/^Bearer \S+/.test(String(req.headers.authorization ?? ''))) {
      socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"error":{"message":"Missing bearer key","type":"invalid_request_error"}}');
      return;
    }
    const ws = acceptWebSocket(req, socket, head);
    sockets.add(ws);
    session(ws);
    const onClose = ws.onClose;
    ws.onClose = () => {
      sockets.delete(ws);
      onClose();
    };
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        url: `ws://127.0.0.1:${port}/v1/realtime`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            server.closeAllConnections();
            // Upgraded sockets are no longer the HTTP server's: drop them too.
            for (const ws of sockets) ws.drop();
          }),
      });
    });
  });
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const fake = await startFakeRealtime({ port: Number(i >= 0 ? process.argv[i + 1] : (process.env.FAKE_REALTIME_PORT ?? 8791)) });
  console.log(`fake-realtime listening on ${fake.url}`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
