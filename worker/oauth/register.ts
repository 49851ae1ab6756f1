/**
 * What stands in front of RFC 7591 dynamic client registration (POST /oauth/register), which is
 * open to anyone by design (connectors register themselves before a user signs in): a per-address
 * budget (the OAUTH_REGISTER_LIMITER rate-limit binding, 10 a minute) and a body cap of
 * {@link MAX_REGISTRATION_BYTES}, where the provider alone reads up to 1 MiB and stores what it keeps.
 * Registered clients expire when unused (`CLIENT_REGISTRATION_TTL` in ./provider.ts).
 */
import { log } from '../lib/log';

/** Largest registration body read: a real one (name, a few redirect URIs, logo and policy links) is under 2 KB. */
export const MAX_REGISTRATION_BYTES = 16 * 1024;

/** Seconds a refused caller is told to wait (the binding's period). */
const RETRY_AFTER_SECONDS = 60;

/** An RFC 6749 §5.2-shaped error, as the provider's own errors are, never cached. */
function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error, error_description: description }), {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers },
  });
}

/** The body as text, or null once it passes `limit` bytes (counted while read, so a stream without Content-Length is capped too). */
async function readCapped(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * The registration request to hand to the provider (its body read once, within the cap), or the
 * response that refuses it: 429 (with Retry-After) past the address's budget, 413 past the cap.
 * Other methods (OPTIONS, a GET the provider answers 405) pass untouched.
 * @example const checked = await guardRegistration(request, env); if (checked instanceof Response) return checked;
 */
export async function guardRegistration(request: Request, env: Pick<Env, 'OAUTH_REGISTER_LIMITER'>): Promise<Request | Response> {
  if (request.method !== 'POST') return request;
  // Cloudflare's edge sets cf-connecting-ip itself; locally every caller is one address.
  const ip = request.headers.get('cf-connecting-ip') ?? 'local';
  const { success } = await env.OAUTH_REGISTER_LIMITER.limit({ key: `oauth-register:${ip}` });
  if (!success) {
    log.warn('oauth_register_limited', { ip });
    return oauthError(429, 'temporarily_unavailable', 'Too many client registrations from this address; try again in a minute', {
      'Retry-After': String(RETRY_AFTER_SECONDS),
    });
  }
  const tooLarge = () => oauthError(413, 'invalid_request', `Registration body exceeds ${MAX_REGISTRATION_BYTES} bytes`);
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_REGISTRATION_BYTES) return tooLarge();
  const body = await readCapped(request, MAX_REGISTRATION_BYTES);
  if (body === null) return tooLarge();
  const headers = new Headers(request.headers);
  headers.delete('content-length');
  return new Request(request.url, { method: 'POST', headers, body });
}
