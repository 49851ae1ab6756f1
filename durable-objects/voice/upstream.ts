/**
 * The upstream side of a voice call: the realtime model's WebSocket (OpenAI
 * Realtime GA protocol, typed by the `openai` package), how it is opened and
 * configured, and how a reopened session is given the conversation so far.
 */
import type {
  ConversationItem,
  ConversationItemCreateEvent,
  RealtimeClientEvent,
  RealtimeFunctionTool,
  RealtimeResponseUsage,
  RealtimeServerEvent,
  SessionUpdateEvent,
} from 'openai/resources/realtime/realtime';
import type { ModelMessage } from '../../worker/agent/model';
import type { RealtimeTokens } from '../../worker/agent/pricing';
import type { VoiceSettings } from '../../worker/chat/voice-settings';

/** The voice the agent speaks with (a built-in OpenAI voice). */
export const AGENT_VOICE = 'marin';
/** How many past conversation items a reopened session is given (older ones are dropped, oldest first). */
export const CONTEXT_ITEMS = 60;

/** The upstream refused the WebSocket upgrade (bad key, unknown model, outage). */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
}

/**
 * Opens the upstream socket. `fetch` with an Upgrade header rather than `new
 * WebSocket()`, because the provider needs an Authorization header; workerd's
 * fetch speaks http(s), so ws(s) URLs are mapped. Not hibernatable: an
 * outgoing socket keeps the Durable Object in memory for the whole call.
 */
export async function openUpstream(settings: VoiceSettings, signal?: AbortSignal): Promise<WebSocket> {
  const url = new URL(settings.url);
  if (url.protocol === 'wss:') url.protocol = 'https:';
  if (url.protocol === 'ws:') url.protocol = 'http:';
  if (!url.searchParams.has('model')) url.searchParams.set('model', settings.model);
  const response = await fetch(url, { headers: { Upgrade: 'websocket', Authorization: `Bearer ${settings.apiKey}` }, ...(signal ? { signal } : {}) });
  const socket = response.webSocket;
  if (response.status !== 101 || !socket) {
    // The body can hold the provider's reason (bad key, unknown model); never the key itself.
    const detail = (await response.text().catch(() => '')).slice(0, 300);
    throw new UpstreamError(`realtime upstream answered ${response.status}${detail ? `: ${detail}` : ''}`);
  }
  socket.accept();
  return socket;
}

/** Sends one typed event upstream; false when the socket is no longer open. */
export const sendUpstream = (socket: WebSocket, event: RealtimeClientEvent): boolean => sendUpstreamText(socket, JSON.stringify(event));

/** Sends a client event's JSON text as it is (see frames.ts' `appendText`); false when the socket is no longer open. */
export function sendUpstreamText(socket: WebSocket, text: string): boolean {
  try {
    socket.send(text);
    return true;
  } catch {
    return false;
  }
}

/** Parses an upstream message; undefined for anything that is not a JSON event. */
export function parseUpstream(data: string | ArrayBuffer): RealtimeServerEvent | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const event = JSON.parse(data) as RealtimeServerEvent;
    return typeof event?.type === 'string' ? event : undefined;
  } catch {
    return undefined;
  }
}

/** Spoken replies need a different style from the chat's: no lists, no citations read aloud. */
const VOICE_STYLE =
  'You are on a live voice call. Speak naturally in one to three short sentences; no lists, markdown or URLs. ' +
  'Say dates and times the way people say them. Before booking, read back the service, day, time and address and wait for a yes. ' +
  "Mention the knowledge-base article you used by its title only, e.g. 'according to our cancellation policy'.";

/** The GA `session.update`: instructions, voice, PCM16 24 kHz both ways, server VAD, input transcription, tools. */
export function sessionUpdate(settings: VoiceSettings, instructions: string, tools: RealtimeFunctionTool[]): SessionUpdateEvent {
  return {
    type: 'session.update',
    session: {
      type: 'realtime',
      model: settings.model,
      instructions: `${instructions}\n${VOICE_STYLE}`,
      output_modalities: ['audio'],
      audio: {
        input: {
          format: { type: 'audio/pcm', rate: 24_000 },
          transcription: { model: 'gpt-4o-mini-transcribe' },
          // The server detects turns; interrupt_response makes the caller's speech cancel the reply (barge-in).
          turn_detection: { type: 'server_vad', create_response: true, interrupt_response: true, silence_duration_ms: 500 },
        },
        output: { format: { type: 'audio/pcm', rate: 24_000 }, voice: AGENT_VOICE },
      },
      tools,
      tool_choice: 'auto',
    },
  };
}

/**
 * The conversation so far as realtime items, for a reopened upstream session:
 * user and assistant text, and tool calls with their results (so the model
 * knows what it already booked). At most `max` items, never starting with a
 * tool result whose call was cut off.
 */
export function contextItems(history: readonly ModelMessage[], max = CONTEXT_ITEMS): ConversationItemCreateEvent[] {
  const items: ConversationItem[] = [];
  for (const m of history) {
    if (m.role === 'user' && typeof m.content === 'string') {
      items.push({ type: 'message', role: 'user', content: [{ type: 'input_text', text: m.content }] });
    } else if (m.role === 'assistant') {
      if (typeof m.content === 'string' && m.content) items.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: m.content }] });
      for (const call of m.tool_calls ?? []) {
        if (call.type === 'function') items.push({ type: 'function_call', call_id: call.id, name: call.function.name, arguments: call.function.arguments });
      }
    } else if (m.role === 'tool') {
      items.push({ type: 'function_call_output', call_id: m.tool_call_id, output: typeof m.content === 'string' ? m.content : JSON.stringify(m.content) });
    }
  }
  let recent = items.slice(-max);
  while (recent[0]?.type === 'function_call_output') recent = recent.slice(1);
  return recent.map((item) => ({ type: 'conversation.item.create', item }));
}

/** A response's usage split by modality (text = total − audio), as the price table wants it. */
export function realtimeTokens(usage: RealtimeResponseUsage): RealtimeTokens & { input: number; output: number } {
  const input = usage.input_tokens ?? 0;
  const output = usage.output_tokens ?? 0;
  const audioInput = usage.input_token_details?.audio_tokens ?? 0;
  const audioOutput = usage.output_token_details?.audio_tokens ?? 0;
  return { input, output, audioInput, audioOutput, textInput: Math.max(0, input - audioInput), textOutput: Math.max(0, output - audioOutput) };
}
