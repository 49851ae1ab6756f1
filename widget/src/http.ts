/**
 * The widget's HTTP side: requests to the API with the session's token (errors
 * as HttpError with the server's code), the event stream of an SSE POST (the
 * fallback when WebSockets do not work), and where the session is kept.
 */
import type { ServerEvent } from '../../worker/protocol/chat';

/** localStorage, or memory where it is unavailable (sandboxed iframes, privacy modes). */
export class Store {
  private memory = new Map<string, string>();
  get(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return this.memory.get(key) ?? null;
    }
  }
  set(key: string, value: string): void {
    try {
      localStorage.setItem(key, value);
    } catch {
      this.memory.set(key, value);
    }
  }
  remove(key: string): void {
    try {
      localStorage.removeItem(key);
    } catch {
      this.memory.delete(key);
    }
  }
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A request to `apiBase`/api/v1`path`, with the bearer `token` if any; a non-2xx answer throws HttpError. */
export async function apiRequest<T>(apiBase: string, token: string | undefined, method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response & { json(): Promise<T> }> {
  const headers: Record<string, string> = { accept };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${apiBase}/api/v1${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  if (!res.ok) {
    const err = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new HttpError(res.status, err?.error?.code ?? 'http_error', err?.error?.message ?? `HTTP ${res.status}`);
  }
  return res;
}

/** Reads an SSE response to its end, passing each event on. */
export async function readSse(res: Response, deliver: (event: ServerEvent) => void): Promise<void> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data) {
        try {
          deliver(JSON.parse(data) as ServerEvent);
        } catch {
          // not an event
        }
      }
    }
    if (done) return;
  }
}
