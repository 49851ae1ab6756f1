/**
 * Audio of the widget's voice mode: microphone capture through the AudioWorklet
 * (voice-worklet.ts does the resampling to 24 kHz PCM16), base64 both ways, and
 * gapless playback of the reply: each `response.audio.delta` becomes an
 * AudioBuffer (24 kHz; the context resamples it) scheduled back to back on one
 * AudioContext. The player remembers when each chunk plays, so on barge-in it
 * can stop at once and say exactly how much of each reply was heard.
 */
import { VOICE_AUDIO } from '../../worker/protocol/voice';

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The microphone's error, as one of the messages the widget explains. */
export type MicProblem = 'denied' | 'missing' | 'busy' | 'unsupported';

export function micProblem(err: unknown): MicProblem {
  const name = (err as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'missing';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'unsupported';
}

/** An open microphone feeding `onFrame` with 50 ms PCM16 frames until stopped. */
export interface Capture {
  stream: MediaStream;
  mute(muted: boolean): void;
  stop(): void;
}

/** Asks for the microphone, then runs it through the capture worklet (loaded from `workletUrl`). */
export async function startCapture(ctx: AudioContext, workletUrl: string, onFrame: (pcm: Uint8Array) => void): Promise<Capture> {
  if (!navigator.mediaDevices?.getUserMedia || !ctx.audioWorklet) throw Object.assign(new Error('no audio capture'), { name: 'NotSupportedError' });
  const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 } });
  const stopTracks = () => stream.getTracks().forEach((t) => t.stop());
  try {
    await ctx.audioWorklet.addModule(workletUrl);
    const source = ctx.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(ctx, 'switchboard-capture', { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1, channelCountMode: 'explicit' });
    node.port.onmessage = (e: MessageEvent<ArrayBuffer>) => onFrame(new Uint8Array(e.data));
    source.connect(node);
    // The processor writes no output (silence); connected so the graph pulls it.
    node.connect(ctx.destination);
    return {
      stream,
      mute: (muted) => stream.getAudioTracks().forEach((t) => (t.enabled = !muted)),
      stop: () => {
        node.port.onmessage = null;
        source.disconnect();
        node.disconnect();
        stopTracks();
      },
    };
  } catch (err) {
    stopTracks();
    throw err;
  }
}

interface Chunk {
  src: AudioBufferSourceNode;
  item: string;
  start: number;
  end: number;
}

/** Gapless playback of reply chunks, stoppable at once with an exact account of what was heard. */
export class Player {
  private chunks: Chunk[] = [];
  private next = 0;
  /** Milliseconds of reply audio scheduled over the call (a counter for tests and diagnostics). */
  scheduledMs = 0;
  /** Milliseconds heard of replies that were stopped early. */
  cutMs = 0;

  constructor(private readonly ctx: AudioContext) {}

  /** The context time being heard now (what is in the output buffer is not heard yet). */
  private now(): number {
    return Math.max(0, this.ctx.currentTime - (this.ctx.outputLatency || 0));
  }

  play(item: string, pcm: Uint8Array): void {
    const samples = pcm.length >> 1;
    if (!samples) return;
    const buffer = this.ctx.createBuffer(1, samples, VOICE_AUDIO.sample_rate);
    const data = buffer.getChannelData(0);
    const view = new DataView(pcm.buffer, pcm.byteOffset, samples * 2);
    for (let i = 0; i < samples; i++) data[i] = view.getInt16(i * 2, true) / 32768;
    const src = this.ctx.createBufferSource();
    src.buffer = buffer;
    src.connect(this.ctx.destination);
    // Back to back; after a gap (or at the start) a small lead absorbs network jitter.
    const start = Math.max(this.next, this.ctx.currentTime + 0.04);
    src.start(start);
    this.next = start + buffer.duration;
    this.scheduledMs += buffer.duration * 1000;
    const chunk: Chunk = { src, item, start, end: this.next };
    src.onended = () => {
      // Finished chunks of older items are forgotten; the current item's stay for the played account.
      this.chunks = this.chunks.filter((c) => c !== chunk || c.item === this.chunks.at(-1)?.item);
    };
    this.chunks.push(chunk);
  }

  /** True while reply audio is scheduled to be heard. */
  get playing(): boolean {
    return this.next > this.now();
  }

  /** Milliseconds of audio heard so far of the chunks still tracked (the current reply). */
  heardMs(item: string): number {
    const now = this.now();
    let ms = 0;
    for (const c of this.chunks) if (c.item === item) ms += Math.max(0, Math.min(now, c.end) - c.start) * 1000;
    return ms;
  }

  /** Stops now. Returns, per reply not heard to its end, how many of its milliseconds were heard. */
  stop(): { item: string; ms: number }[] {
    const now = this.now();
    const cut = new Map<string, number>();
    for (const c of this.chunks) {
      c.src.onended = null;
      try {
        c.src.stop();
      } catch {
        // not started yet in some engines
      }
      c.src.disconnect();
      if (c.end > now) cut.set(c.item, 0);
    }
    const out = [...cut.keys()].map((item) => ({ item, ms: Math.round(this.heardMs(item)) }));
    for (const o of out) this.cutMs += o.ms;
    this.chunks = [];
    this.next = 0;
    return out;
  }
}
