/**
 * The staff token: pasted by the user, kept in sessionStorage only (gone when
 * the tab closes; never in the URL, never in localStorage). Its payload is
 * decoded for display only (who is signed in); the server verifies it on every
 * request and the console trusts only the server's answers.
 */

const KEY = 'switchboard:console:token';

export interface TokenInfo {
  sub: string;
  role: string;
  name?: string;
  /** Expiry, epoch seconds. */
  exp?: number;
}

function base64UrlDecode(part: string): string {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The payload's display fields, or null when the text is not a JWT at all. Does not verify anything. */
export function decodeToken(token: string): TokenInfo | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const payload = JSON.parse(base64UrlDecode(parts[1])) as Record<string, unknown>;
    if (typeof payload !== 'object' || payload === null) return null;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return {
      sub: str(payload.sub) ?? '(no subject)',
      role: str(payload.role) ?? '(no role)',
      ...(str(payload.name) ? { name: str(payload.name)! } : {}),
      ...(typeof payload.exp === 'number' ? { exp: payload.exp } : {}),
    };
  } catch {
    return null;
  }
}

export function loadToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string): void {
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    // Storage refused (privacy mode): the token lives in memory for this page only.
  }
}

export function clearToken(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
