/**
 * The browser origins allowed to embed the widget and call the API
 * (`ALLOWED_ORIGINS`: comma-separated origins, or `*`). Empty, as shipped,
 * means only the Worker's own origin (the widget and pages it serves itself).
 * Used by CORS, by /mcp's Origin check, and by the WebSocket upgrade, which
 * CORS does not cover.
 * @example allowedOrigin('https://shop.example', 'https://shop.example,https://www.shop.example') // 'https://shop.example'
 * @example allowedOrigin('https://evil.example', '') // null
 * @example allowedOrigin('https://sb.example', '', 'https://sb.example') // 'https://sb.example' (its own origin)
 */
export function allowedOrigin(origin: string, allowList: string, ownOrigin?: string): string | null {
  const list = allowList.split(',').map(normalizeOrigin).filter(Boolean);
  if (list.includes('*')) return origin || '*';
  if (!origin) return null;
  if (ownOrigin && origin === ownOrigin) return origin;
  return list.includes(normalizeOrigin(origin)) ? origin : null;
}

/** `https://Shop.example/` → `https://shop.example`: how a browser writes the Origin header. Other text is kept, trimmed. */
function normalizeOrigin(entry: string): string {
  const text = entry.trim();
  if (text === '*' || text === '') return text;
  try {
    const url = new URL(text);
    return url.origin === 'null' ? text : url.origin;
  } catch {
    return text;
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The Worker's own origin for `requestUrl`, when a browser cannot have been
 * tricked into it: https (a rebinding page cannot present our certificate),
 * or a loopback name (a rebinding page has its own name, e.g. evil.example
 * resolved to 127.0.0.1). Null for plain http on any other name, where the
 * Host header, and so the request URL, may be the attacker's (DNS rebinding).
 * @example rebindingSafeOwnOrigin('http://127.0.0.1:8787/mcp') // 'http://127.0.0.1:8787'
 * @example rebindingSafeOwnOrigin('http://evil.example/mcp') // null
 */
export function rebindingSafeOwnOrigin(requestUrl: string): string | null {
  const url = new URL(requestUrl);
  return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname) ? url.origin : null;
}
