/**
 * The voice wire protocol between a browser (the widget's voice mode) and a
 * session's Durable Object, on `WebSocket /api/v1/chat/voice/call`. JSON text
 * frames, discriminated unions on `type`, shared by the server and the widget
 * so both ends are checked by the same compiler.
 *
 * Audio is PCM16, mono, 24 kHz, little-endian, base64 in JSON: the format the
 * realtime model takes and returns, so the DO relays it without re-encoding.
 * Event names follow the OpenAI Realtime GA names where there is one (the
 * client may already know them), but this is our protocol: the upstream's
 * events are never forwarded verbatim.
 */

/** The subprotocol a voice client offers (first) and the server selects; the token rides as `bearer.<jwt>`. */
export const VOICE_SUBPROTOCOL = 'switchboard.voice.v1';

/** The audio format both ways. */
export const VOICE_AUDIO = { encoding: 'pcm16', sample_rate: 24_000, channels: 1 } as const;

/** Largest client frame (characters of JSON); ~2.7 s of base64 audio. Bigger frames get an error event. */
export const MAX_VOICE_FRAME_BYTES = 256 * 1024;

/** Most client frames per second; the excess is dropped with an error event (typical clients send 10–50). */
export const MAX_VOICE_FRAMES_PER_SECOND = 100;

/** Milliseconds of audio in `bytes` of PCM16 mono 24 kHz (2 bytes a sample). */
export const audioMs = (bytes: number): number => (bytes / 2 / VOICE_AUDIO.sample_rate) * 1000;

/** Frames a client may send. */
export type VoiceClientFrame =
  /** Microphone audio, base64 PCM16 (an even number of bytes). Send it continuously; the server detects turns. */
  | { type: 'input_audio_buffer.append'; audio: string }
  /**
   * How much of an assistant item the caller actually heard: send it when playback
   * stops early (after `input_audio_buffer.speech_started`, or a local stop button),
   * and optionally when an item finished playing. The transcript is cut to match.
   */
  | { type: 'audio.played'; item_id: string; audio_end_ms: number }
  /** Hang up: the server closes the upstream at once and ends the call. */
  | { type: 'session.end' };

/** Token usage of the call so far, and its cost. */
export interface VoiceUsage {
  input_tokens: number;
  output_tokens: number;
  input_audio_tokens: number;
  output_audio_tokens: number;
  /** US cents, fractional; from the realtime model's price table. */
  cost_cents: number;
}

/** Why a call ended. */
/** `staff_takeover`: a team member took the conversation over; it goes on in text. */
/** `token_expired`: the token the call was opened with expired; the socket closes with CLOSE_TOKEN_EXPIRED (4001). */
export type VoiceEndReason = 'hangup' | 'client_closed' | 'upstream_failed' | 'replaced' | 'session_closed' | 'staff_takeover' | 'token_expired';

/** Voice sockets close like chat sockets when their token expires (4001 `token_expired`). */
// With its extension: Node (the benches, the eval CLI) loads this module too, and resolves no bare paths.
export { CLOSE_TOKEN_EXPIRED } from './chat.ts';

/** Events the server sends. */
export type VoiceServerEvent =
  | {
      type: 'call.started';
      call_id: string;
      session_id: string;
      interaction_number: string;
      model: string;
      audio: typeof VOICE_AUDIO;
    }
  /** The upstream link: `reconnecting` while it is reopened (audio sent meanwhile is buffered briefly), then `live`. */
  | { type: 'call.status'; status: 'connecting' | 'live' | 'reconnecting' }
  /** The caller started talking: stop playback now and report what was heard with `audio.played`. */
  | { type: 'input_audio_buffer.speech_started'; item_id: string; audio_start_ms: number }
  | { type: 'input_audio_buffer.speech_stopped'; item_id: string }
  /** What the caller said, as stored in the transcript (seq is the transcript position). */
  | { type: 'transcript.user'; item_id: string; text: string; seq: number }
  /** A chunk of the spoken reply, base64 PCM16. */
  | { type: 'response.audio.delta'; item_id: string; response_id: string; delta: string }
  | { type: 'response.audio_transcript.delta'; item_id: string; response_id: string; delta: string }
  | { type: 'response.audio_transcript.done'; item_id: string; response_id: string; transcript: string }
  | { type: 'tool_started'; call_id: string; name: string; label: string }
  | { type: 'tool_finished'; call_id: string; name: string; ok: boolean; error?: string; data?: unknown }
  /** Sent after every model response with the call's running totals. */
  | { type: 'usage'; usage: VoiceUsage }
  /** A problem. `fatal` errors are followed by `call.ended` and the socket closing; others leave the call running. */
  | { type: 'error'; code: VoiceErrorCode; message: string; fatal?: boolean }
  | { type: 'call.ended'; reason: VoiceEndReason; duration_ms: number; usage: VoiceUsage };

/** Error codes of `error` events. */
export type VoiceErrorCode = 'invalid_frame' | 'payload_too_large' | 'rate_limited' | 'upstream_unavailable' | 'upstream_error' | 'internal';

/** The `type` of every server event. */
export type VoiceServerEventType = VoiceServerEvent['type'];
