/**
 * The consent page's HTML: plain strings, no framework, no script. Every
 * interpolated value goes through `escapeHtml`, because the client's name and
 * redirect come from dynamic registration, i.e. from whoever registered it.
 */
import type { ConsentDescription } from '@cloudflare/workers-oauth-provider';
import { DEV_LOGIN_ROLES } from './identity';

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Headers of every page here. No script may run, nothing loads from elsewhere,
 * and no site may frame it (clickjacking a consent button). `form-action` is
 * left out on purpose: browsers apply it to the redirect after the POST, which
 * goes to the client's own callback. No referrer: the URL carries the request.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; color: #1f2937; background: #f3f4f6; margin: 0; }
  main { max-width: 28rem; margin: 3rem auto; background: #fff; border-radius: 12px; padding: 1.5rem 2rem; box-shadow: 0 1px 4px #0002; }
  h1 { font-size: 1.3rem; margin: 0 0 1rem; }
  .dev { background: #fef3c7; border: 2px solid #d97706; border-radius: 8px; padding: .75rem 1rem; margin-bottom: 1rem; }
  .warn { color: #b91c1c; }
  fieldset { border: 1px solid #d1d5db; border-radius: 8px; margin: 1rem 0; }
  label { display: block; margin: .25rem 0; }
  input[type=text] { width: 100%; box-sizing: border-box; padding: .4rem; font: inherit; }
  .actions { display: flex; gap: .75rem; margin-top: 1rem; }
  button { font: inherit; padding: .5rem 1.25rem; border-radius: 6px; border: 1px solid #9ca3af; background: #fff; cursor: pointer; }
  button[value=approve] { background: #0f766e; border-color: #0f766e; color: #fff; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>
${body}
</main></body>
</html>`;
}

/** A page that only says something: an error, a refusal. */
export function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}

/**
 * The consent page with the DEV LOGIN: who the client is and where access
 * goes (as the MCP spec asks), a role and a name to sign in as, Allow / Deny.
 * `handle` is the provider's one-time, browser-bound consent handle: the
 * POST is only honoured with it and the matching cookie set with this page.
 */
export function devConsentPage(businessName: string, details: ConsentDescription, handle: string): string {
  const client = escapeHtml(details.clientName);
  const who = details.clientDomain
    ? `Published by <strong>${escapeHtml(details.clientDomain)}</strong>.`
    : 'This app registered itself; its name is not verified.';
  const loopback = details.redirectIsLoopback
    ? '<p class="warn"><strong>Access goes to an app on this computer.</strong> Continue only if you just started connecting from it.</p>'
    : '';
  const roles = DEV_LOGIN_ROLES.map(
    (role, i) => `<label><input type="radio" name="role" value="${escapeHtml(role)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(role)}</label>`,
  ).join('\n');
  const body = `
<div class="dev" role="alert"><strong>DEV LOGIN</strong>: for local development only. There is no password:
whoever opens this page chooses who they are. A real deployment sets <code>DEV_LOGIN</code> to "false" and plugs
an identity provider into <code>resolveLoginIdentity</code> (worker/oauth/identity.ts).</div>
<h1>Connect ${client} to ${escapeHtml(businessName)}</h1>
<p>${who} It will act as you, with your role's tools, and access will be sent to <strong>${escapeHtml(details.redirectHost)}</strong>.</p>
${loopback}
<form method="post" action="/authorize">
<input type="hidden" name="handle" value="${escapeHtml(handle)}">
<fieldset><legend>Sign in as</legend>
${roles}
<label>Name <input type="text" name="name" maxlength="80" autocomplete="name" placeholder="Ann Customer" required></label>
</fieldset>
<div class="actions"><button type="submit" name="decision" value="approve">Allow</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button></div>
</form>`;
  return layout(`Connect ${details.clientName}`, body);
}
