/**
 * Entry of the voice chunk (voice.<hash>.js, built by widget/build.mjs): the
 * voice mode's code, fetched by voice-loader.ts the first time the visitor
 * presses the call button, so the chat-only bundle every visitor downloads
 * carries none of it. It hands the VoiceCall class to the loader with a
 * document event (a classic script, as the loader injects it: it works under a
 * nonce-based CSP where a module import() would not).
 */
import { VOICE_CHUNK_EVENT } from './voice-loader';
import { VoiceCall } from './voice';

document.dispatchEvent(new CustomEvent(VOICE_CHUNK_EVENT, { detail: VoiceCall }));
