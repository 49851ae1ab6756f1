/**
 * The widget's entry. One tag embeds it:
 *   <script src="https://HOST/widget.js" data-title="…" data-accent="#…" data-position="right" async></script>
 * The API base is the script's own origin unless data-api-base says otherwise.
 * It defines <switchboard-chat>, mounts one (unless the page placed its own),
 * and exposes window.Switchboard: open(), close(), toggle(), identify(), on(),
 * off(), configure(), send().
 */
import { SwitchboardChat, type BookingCard } from './element';
import type { StringOverrides } from './strings';

declare const __WIDGET_VERSION__: string;
/** The capture worklet's hashed file name (widget/build.mjs). */
declare const __VOICE_WORKLET__: string;
/** The voice chunk's hashed file name (widget/build.mjs), fetched on the first call. */
declare const __VOICE_CHUNK__: string;

export interface SwitchboardApi {
  version: string;
  element: SwitchboardChat;
  open(): void;
  close(): void;
  toggle(): void;
  identify(identity: { email?: string; name?: string }): void;
  on(event: 'open' | 'close' | 'message' | 'booking' | 'voice' | 'rating', fn: (detail: unknown) => void): () => void;
  off(event: string, fn: (detail: unknown) => void): void;
  configure(options: { strings?: StringOverrides; lang?: string; heading?: string; accent?: string; position?: string }): void;
  send(text: string): void;
}

declare global {
  interface Window {
    Switchboard?: SwitchboardApi;
    /** Optional settings a page may set before the script loads. */
    SwitchboardSettings?: { strings?: StringOverrides; identity?: { email?: string; name?: string } };
  }
  interface HTMLElementTagNameMap {
    'switchboard-chat': SwitchboardChat;
  }
}

export type { BookingCard };

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  const data = script?.dataset ?? {};
  // The loader (widget.js) passes its own address on; the bundle may also be included directly.
  const src = data.loaderSrc || script?.src || location.href;
  SwitchboardChat.defaultApiBase = data.apiBase || new URL(src, location.href).origin;
  // The worklet and the voice chunk are served next to the bundle (same origin as the script, so the page's
  // script-src admits them); the chunk's script carries the embed tag's nonce (the loader passes it on).
  const base = new URL(src, location.href);
  SwitchboardChat.workletUrl = new URL(__VOICE_WORKLET__, base).href;
  SwitchboardChat.voiceUrl = new URL(__VOICE_CHUNK__, base).href;
  SwitchboardChat.nonce = script?.nonce ?? '';

  if (!customElements.get('switchboard-chat')) customElements.define('switchboard-chat', SwitchboardChat);

  const mount = () => {
    let el = document.querySelector('switchboard-chat');
    if (!el) {
      el = document.createElement('switchboard-chat');
      const attrs: Record<string, string | undefined> = {
        heading: data.title,
        subtitle: data.subtitle,
        accent: data.accent,
        position: data.position,
        lang: data.lang,
        'api-base': data.apiBase,
        transport: data.transport,
      };
      for (const [k, v] of Object.entries(attrs)) if (v) el.setAttribute(k, v);
      document.body.append(el);
    }
    const settings = window.SwitchboardSettings;
    if (settings?.strings) el.configure({ strings: settings.strings });
    if (settings?.identity) el.identify(settings.identity);
    const chat = el;
    const api: SwitchboardApi = {
      version: __WIDGET_VERSION__,
      element: chat,
      open: () => chat.open(),
      close: () => chat.close(),
      toggle: () => chat.toggle(),
      identify: (identity) => chat.identify(identity),
      on: (event, fn) => chat.on(event, fn),
      off: (event, fn) => chat.off(event, fn),
      configure: (options) => chat.configure(options),
      send: (text) => chat.send(text),
    };
    window.Switchboard = api;
    document.dispatchEvent(new CustomEvent('switchboard:ready', { detail: api }));
    if (data.open === 'true') chat.open();
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
})();
