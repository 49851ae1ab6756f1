/**
 * The browser origins allowed to embed the widget and call the API
 * (`ALLOWED_ORIGINS`: comma-separated origins, or `*`). Used by CORS and by
 * the WebSocket upgrade, which CORS does not cover.
 * @example allowedOrigin('https://shop.example', 'https://shop.example,https://www.shop.example') // 'https://shop.example'
 */
export function allowedOrigin(origin: string, allowList: string): string | null {
  const list = allowList.split(',').map((o) => o.trim()).filter(Boolean);
  if (list.includes('*')) return origin || '*';
  return list.includes(origin) ? origin : null;
}
