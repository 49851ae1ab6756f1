/**
 * The microphone capture processor of the widget's voice mode, run in the
 * AudioWorklet (its own file, `public/voice-worklet.<hash>.js`, built by
 * widget/build.mjs and loaded from the widget's own origin, so a page's
 * `script-src` that admits the widget admits it too; no Blob URL, no eval).
 *
 * It resamples the context's rate (often 48 kHz or 44.1 kHz) to the protocol's
 * 24 kHz (a box filter over each output sample's span when downsampling, which
 * also keeps aliasing down; linear interpolation when upsampling), converts to
 * PCM16 little-endian and posts one 50 ms frame (2,400 bytes) at a time to the
 * main thread, which base64-encodes and sends it.
 */

// The AudioWorkletGlobalScope, declared here: the widget compiles against lib.dom, not lib.audioworklet.
declare const sampleRate: number;
declare function registerProcessor(name: string, ctor: new () => CaptureProcessor): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

/** Output rate (worker/protocol/voice.ts VOICE_AUDIO.sample_rate; a worklet file imports nothing). */
const OUT_RATE = 24_000;
/** Samples per posted frame: 50 ms. 2,400 bytes is a multiple of 3, so its base64 has no padding. */
const FRAME = 1200;

class CaptureProcessor extends AudioWorkletProcessor {
  /** Input samples per output sample. */
  private readonly ratio = sampleRate / OUT_RATE;
  /** Input not yet consumed, and the position of the next output sample in it. */
  private tail = new Float32Array(0);
  private pos = 0;
  private frame = new DataView(new ArrayBuffer(FRAME * 2));
  private n = 0;

  process(inputs: Float32Array[][]): boolean {
    const input = inputs[0]?.[0];
    if (!input) return true;
    const buf = new Float32Array(this.tail.length + input.length);
    buf.set(this.tail);
    buf.set(input, this.tail.length);
    const r = this.ratio;
    let p = this.pos;
    while (r >= 1 ? p + r <= buf.length : p + 1 < buf.length) {
      let v: number;
      if (r >= 1) {
        const a = Math.round(p);
        const b = Math.max(a + 1, Math.round(p + r));
        let sum = 0;
        for (let i = a; i < b; i++) sum += buf[i]!;
        v = sum / (b - a);
      } else {
        const i = Math.floor(p);
        const f = p - i;
        v = buf[i]! * (1 - f) + buf[i + 1]! * f;
      }
      v = Math.max(-1, Math.min(1, v));
      this.frame.setInt16(this.n * 2, v < 0 ? v * 0x8000 : v * 0x7fff, true);
      if (++this.n === FRAME) {
        const out = this.frame.buffer;
        this.port.postMessage(out, [out]);
        this.frame = new DataView(new ArrayBuffer(FRAME * 2));
        this.n = 0;
      }
      p += r;
    }
    const used = Math.min(Math.floor(p), buf.length);
    this.tail = buf.slice(used);
    this.pos = p - used;
    return true;
  }
}

registerProcessor('switchboard-capture', CaptureProcessor);

export {};
