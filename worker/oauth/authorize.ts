/**
 * `/authorize`: the one interactive step of the OAuth flow. GET validates the
 * client's request (client, exact redirect URI, PKCE S256, resource) and shows
 * the consent page; POST signs the user in through `resolveLoginIdentity`,
 * then completes the authorization and redirects to the client with a code.
 *
 * CSRF: the form carries only the provider's consent handle, which is random,
 * single-use, expires in minutes and must match a `__Host-` cookie set with
 * the page, so a forged cross-site POST has neither. The authorization
 * request itself stays server-side between GET and POST; nothing the form
 * sends can change the client, redirect URI or resource.
 *
 * Served outside the Hono app on purpose: its secure-headers middleware would
 * overwrite the page's `X-Frame-Options: DENY` with SAMEORIGIN.
 */
import { AuthorizationError, CimdFetchError, type AuthRequest, type OAuthHelpers } from '@cloudflare/workers-oauth-provider';
import { log } from '../lib/log';
import { devLoginEnabled, loginAvailable, resolveLoginIdentity, type LoginIdentity } from './identity';
import { devConsentPage, messagePage, PAGE_HEADERS } from './page';
import { authorizationServerFor } from './provider';

/** Largest consent form read: a handle, a role, a name. */
const MAX_FORM_BYTES = 8 * 1024;

function page(status: number, html: string, extra?: Headers): Response {
  const headers = new Headers(PAGE_HEADERS);
  // The provider's headers carry the consent binding cookie (Set-Cookie may repeat, so append).
  extra?.forEach((value, name) => (name.toLowerCase() === 'set-cookie' ? headers.append(name, value) : headers.set(name, value)));
  return new Response(html, { status, headers });
}

const problem = (status: number, title: string, message: string) => page(status, messagePage(title, message));

/** The provider's expected failures as a response: back to the client when that is safe, else a local page. */
function authorizationFailure(err: unknown): Response {
  if (err instanceof AuthorizationError) {
    // `redirectTo` exists only once the client and its exact redirect URI were validated.
    if (err.redirectTo) return new Response(null, { status: 302, headers: { Location: err.redirectTo, 'Cache-Control': 'no-store' } });
    return problem(400, 'This sign-in link does not work', `${err.description.replace(/[.!]?$/, '.')} Start connecting again from your app.`);
  }
  if (err instanceof CimdFetchError) return problem(400, 'This app could not be verified', 'Its client metadata document could not be fetched.');
  throw err;
}

async function showConsent(request: Request, env: Env, oauth: OAuthHelpers): Promise<Response> {
  let authRequest: AuthRequest;
  try {
    authRequest = await oauth.parseAuthRequest(request);
  } catch (err) {
    return authorizationFailure(err);
  }
  // describeConsent first: if the client lookup fails, nothing has been written to KV yet.
  const details = await oauth.describeConsent(authRequest);
  const consent = await oauth.beginConsent(authRequest);
  return page(200, devConsentPage(env.BUSINESS_NAME, details, consent.handle), consent.headers);
}

async function answerConsent(request: Request, env: Env, oauth: OAuthHelpers): Promise<Response> {
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_FORM_BYTES) return problem(413, 'Form too large', 'The sign-in form is small; this was not it.');
  let form: FormData;
  try {
    form = await request.clone().formData();
  } catch {
    return problem(400, 'Bad form', 'Send the sign-in form as it was served.');
  }
  const handle = String(form.get('handle') ?? '');
  try {
    if (form.get('decision') !== 'approve') {
      const denied = await oauth.denyConsent(request, handle);
      log.info('oauth_consent', { outcome: 'denied', client_id: denied.request.clientId });
      return new Response(null, { status: 302, headers: denied.headers });
    }
    // Sign-in before the handle is consumed: a typo in the name leaves the page usable after "back".
    const login = await resolveLoginIdentity(request, env);
    if (!login.ok) return problem(login.status, 'Sign-in failed', login.message);
    const approved = await oauth.approveConsent(request, handle);
    const { redirectTo } = await oauth.completeAuthorization({
      request: approved.request,
      // The provider keys storage by userId and forbids ':' in it; the subject itself travels in props.
      userId: encodeURIComponent(login.identity.subject),
      // Stored unencrypted (for listing grants), so only what an operator needs to see.
      metadata: { login: devLoginEnabled(env) ? 'dev' : 'idp', role: login.identity.role },
      scope: approved.request.scope,
      props: login.identity satisfies LoginIdentity,
    });
    log.info('oauth_consent', { outcome: 'approved', client_id: approved.request.clientId, subject: login.identity.subject, role: login.identity.role });
    approved.headers.set('Location', redirectTo);
    return new Response(null, { status: 302, headers: approved.headers });
  } catch (err) {
    return authorizationFailure(err);
  }
}

/**
 * Handles GET and POST `/authorize` for any origin this Worker answers on.
 * Refuses (403) while no sign-in is available: DEV_LOGIN off and no identity
 * provider plugged into `resolveLoginIdentity`.
 * @example if (url.pathname === AUTHORIZE_PATH) return handleAuthorize(request, env);
 */
export async function handleAuthorize(request: Request, env: Env): Promise<Response> {
  const server = authorizationServerFor(new URL(request.url).origin);
  if (!server) return problem(404, 'OAuth is not available here', 'Sign-in needs https (or a loopback address in development).');
  if (!loginAvailable(env)) {
    return problem(403, 'Sign-in is not configured', 'This server has no sign-in for apps yet. Connect with a bearer token instead, or ask the operator to set up an identity provider.');
  }
  const oauth = server.getOAuthApi(env);
  if (request.method === 'GET') return showConsent(request, env, oauth);
  if (request.method === 'POST') return answerConsent(request, env, oauth);
  return new Response(null, { status: 405, headers: { Allow: 'GET, POST' } });
}
