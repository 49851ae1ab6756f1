/**
 * Loads the voice chunk (voice-chunk.ts) on the first press of the call button.
 * It is a classic script next to the widget's bundle (the same origin as the
 * script tag that embedded the widget, resolved against its src by index.ts),
 * so a page whose script-src admits the widget admits it, and it carries the
 * embed tag's nonce for pages with a nonce-based CSP. A failed load (network,
 * CSP, a 404 after a deploy) rejects, and the element says so in the call bar;
 * the next press tries again.
 */
import type { VoiceCall } from './voice';

/** The document event the chunk dispatches with the VoiceCall class as its detail. */
export const VOICE_CHUNK_EVENT = 'switchboard:voice-chunk';

export type VoiceCallClass = typeof VoiceCall;

let loading: Promise<VoiceCallClass> | null = null;

/**
 * The VoiceCall class, fetching the chunk at `url` the first time.
 *
 * @example
 * const VoiceCall = await loadVoice(SwitchboardChat.voiceUrl, SwitchboardChat.nonce);
 */
export function loadVoice(url: string, nonce: string): Promise<VoiceCallClass> {
  loading ??= new Promise<VoiceCallClass>((resolve, reject) => {
    const script = document.createElement('script');
    let ready = false;
    const onReady = (e: Event): void => {
      ready = true;
      resolve((e as CustomEvent<VoiceCallClass>).detail);
    };
    const failed = (): void => {
      document.removeEventListener(VOICE_CHUNK_EVENT, onReady);
      script.remove();
      loading = null;
      reject(new Error(`voice chunk not loaded: ${url}`));
    };
    document.addEventListener(VOICE_CHUNK_EVENT, onReady, { once: true });
    script.src = url;
    script.async = true;
    if (nonce) script.nonce = nonce;
    // The chunk dispatches while it runs, before `load`: a load without it was some other file.
    script.onload = () => ready || failed();
    script.onerror = failed;
    (document.head || document.documentElement).append(script);
  });
  return loading;
}
