/**
 * Validation of what a voice client sends: JSON text, a known frame type,
 * base64 PCM16 audio, a size cap and a per-second frame budget. A bad frame is
 * answered with an error event and dropped; it never ends the call, so one
 * glitch in a browser's audio pipeline cannot hang up on the caller.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../../worker/lib/result';
import { MAX_VOICE_FRAME_BYTES, MAX_VOICE_FRAMES_PER_SECOND, type VoiceClientFrame, type VoiceErrorCode } from '../../worker/protocol/voice';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const frameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('input_audio_buffer.append'), audio: z.string().min(1) }),
  z.object({ type: z.literal('audio.played'), item_id: z.string().min(1).max(128), audio_end_ms: z.number().int().min(0).max(3_600_000) }),
  z.object({ type: z.literal('session.end') }),
]);

/** Bytes that a base64 string decodes to, without decoding it. */
export function base64Bytes(b64: string): number {
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return (b64.length / 4) * 3 - padding;
}

/** A frame that passed, or the error event to answer it with. */
export type FrameVerdict = Result<VoiceClientFrame, VoiceErrorCode>;

/**
 * An append frame as `JSON.stringify({ type, audio })` writes it (the widget's, and most clients'): its text is
 * the audio between these two, and it is also the upstream's append event, byte for byte (base64 needs no
 * escaping), so it is checked without a parse and forwarded as it came (`appendText`).
 */
const APPEND_HEAD = '{"type":"input_audio_buffer.append","audio":"';
const APPEND_TAIL = '"}';

/** The text of the upstream's append event for base64 `audio` (already checked). */
export const appendText = (audio: string) => APPEND_HEAD + audio + APPEND_TAIL;

/** Checks base64 PCM16 (`alphabetChecked`: BASE64 already passed): whole base64 quanta of an even number of bytes. */
function audioError(audio: string, alphabetChecked = false): FrameVerdict | undefined {
  // PCM16 samples are 2 bytes: an odd byte count means a cut or mis-encoded chunk.
  if (audio.length % 4 !== 0 || !(alphabetChecked || BASE64.test(audio))) return fail('invalid_frame', 'audio is not valid base64');
  if (base64Bytes(audio) % 2 !== 0) return fail('invalid_frame', 'audio must be PCM16: an even number of bytes');
  return undefined;
}

/** Checks one client frame. */
export function parseVoiceFrame(data: string | ArrayBuffer): FrameVerdict {
  if (typeof data !== 'string') return fail('invalid_frame', 'Frames must be JSON text; send audio base64-encoded in input_audio_buffer.append');
  if (data.length > MAX_VOICE_FRAME_BYTES) {
    return fail('payload_too_large', `Frames are limited to ${MAX_VOICE_FRAME_BYTES} bytes; send audio in smaller chunks`);
  }
  // The common frame in its usual spelling: no JSON parse, no schema walk (any other spelling takes the full path).
  if (data.length > APPEND_HEAD.length + APPEND_TAIL.length && data.startsWith(APPEND_HEAD) && data.endsWith(APPEND_TAIL)) {
    const audio = data.slice(APPEND_HEAD.length, -APPEND_TAIL.length);
    if (BASE64.test(audio)) return audioError(audio, true) ?? ok({ type: 'input_audio_buffer.append', audio });
  }
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return fail('invalid_frame', 'Frame is not valid JSON');
  }
  const parsed = frameSchema.safeParse(json);
  if (!parsed.success) {
    return fail('invalid_frame', `Invalid frame: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'frame'}: ${i.message}`).join('; ')}`);
  }
  const frame = parsed.data;
  if (frame.type === 'input_audio_buffer.append') return audioError(frame.audio) ?? ok(frame);
  return ok(frame);
}

/**
 * A sliding one-second budget of frames. Over budget, frames are dropped and
 * the client is told at most once a second (an error per dropped frame would
 * itself be a flood).
 */
export class FrameBudget {
  private times: number[] = [];
  private lastWarning = -Infinity;

  constructor(private readonly perSecond = MAX_VOICE_FRAMES_PER_SECOND) {}

  /** `accept` for a frame within budget; `drop-warn` or `drop-quiet` for one over it. */
  take(now: number): 'accept' | 'drop-warn' | 'drop-quiet' {
    while (this.times.length && now - this.times[0]! >= 1000) this.times.shift();
    if (this.times.length < this.perSecond) {
      this.times.push(now);
      return 'accept';
    }
    if (now - this.lastWarning >= 1000) {
      this.lastWarning = now;
      return 'drop-warn';
    }
    return 'drop-quiet';
  }
}
