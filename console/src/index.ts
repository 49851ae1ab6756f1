/**
 * The staff console (served as /console.html; this bundle is console.<hash>.js,
 * built by widget/build.mjs). Sign in with a pasted staff token, then: the live
 * queue, one conversation followed live (take over, reply, hand back), and the
 * bookings of today and the days ahead; the Analytics page (analytics.ts) the Tickets page (tickets.ts) and the Business page (business.ts). No framework; DOM built with
 * textContent only; runs under `script-src 'self'; style-src 'self'`.
 */
import { AnalyticsPage } from './analytics';
import { AskPanel } from './ask';
import { BusinessPage } from './business';
import { ApiError, Api } from './api';
import { clearToken, decodeToken, loadToken, saveToken } from './auth';
import { Bookings } from './bookings';
import { Conversation } from './conversation';
import { Announcer, byId } from './dom';
import { Queue } from './queue';
import { TicketsPage } from './tickets';
import type { PublicConfig } from './types';

declare const __CONSOLE_VERSION__: string;

function main(): void {
  let token: string | null = loadToken();
  let config: PublicConfig | null = null;
  const getToken = () => token;
  const api = new Api(location.origin, getToken);
  const announcer = new Announcer(byId('announcer'));

  const signin = byId('signin');
  const app = byId('app');
  const who = byId('who');
  const form = byId<HTMLFormElement>('signin-form');
  const input = byId<HTMLInputElement>('token-input');
  const signinError = byId('signin-error');

  const onAuthError = (err: ApiError) =>
    signOut(err.status === 403 ? 'This token is not allowed to use the console (staff or admin role needed).' : 'Your token was rejected or has expired. Sign in again.');

  const conversation = new Conversation(api, getToken, announcer, onAuthError);
  const queue = new Queue(
    api,
    announcer,
    (row) => {
      queue.select(row.session_id);
      history.replaceState(null, '', `#${encodeURIComponent(row.session_id)}`);
      void conversation.open(row.session_id, row);
    },
    onAuthError,
  );
  // Keep the open conversation's header (tokens, cost) in step with the queue.
  queue.onUpdate = (rows) => conversation.setSummary(rows.find((r) => r.session_id === conversation.sessionId));
  // …and the queue in step with the conversation: a takeover or resolve shows in its row at once.
  conversation.onChange = () => void queue.refresh();
  const bookings = new Bookings(api, () => config?.timezone, onAuthError);
  const analytics = new AnalyticsPage(api, () => config?.timezone, onAuthError);
  new AskPanel(byId('ask-panel'), api, onAuthError);
  /** A ticket's conversation, opened on the conversations page as a queue click opens one. */
  function openConversation(id: string): void {
    showView('app');
    queue.select(id);
    history.replaceState(null, '', `#${encodeURIComponent(id)}`);
    void conversation.open(id);
  }
  const tickets = new TicketsPage(byId('tickets-view'), api, () => (token ? decodeToken(token)?.sub : undefined), openConversation, onAuthError);
  const business = new BusinessPage(api, onAuthError);
  const views = byId('views');
  /** Shows one page (the conversations layout or analytics); the nav marks it current. */
  function showView(id: string): void {
    for (const button of views.querySelectorAll<HTMLButtonElement>('button[data-view]')) {
      const current = button.dataset.view === id;
      byId(button.dataset.view!).hidden = !current;
      if (current) button.setAttribute('aria-current', 'page');
      else button.removeAttribute('aria-current');
    }
    if (id === 'analytics-view') {
      analytics.start();
      byId('an-h').focus();
    }
    if (id === 'tickets-view') {
      tickets.start();
      byId('tk-h').focus();
    }
    if (id === 'business-view') {
      business.start();
      byId('biz-h').focus();
    }
  }
  views.addEventListener('click', (e) => {
    const view = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-view]')?.dataset.view;
    if (view) showView(view);
  });

  function showSignedIn(t: string): void {
    const info = decodeToken(t);
    byId('who-name').textContent = info?.name ? `${info.name} (${info.sub})` : (info?.sub ?? 'unknown');
    byId('who-role').textContent = info?.role ?? '';
    who.hidden = false;
    views.hidden = false;
    signin.hidden = true;
    showView('app');
  }

  async function start(t: string): Promise<void> {
    token = t;
    showSignedIn(t);
    if (!config) config = await api.get<PublicConfig>('/config').catch(() => null);
    queue.start();
    bookings.start();
    const fromHash = decodeURIComponent(location.hash.slice(1));
    if (fromHash && /^[\w-]{1,100}$/.test(fromHash)) {
      queue.select(fromHash);
      void conversation.open(fromHash);
    }
  }

  function signOut(message = ''): void {
    token = null;
    clearToken();
    queue.stop();
    bookings.stop();
    analytics.stop();
    tickets.stop();
    business.stop();
    conversation.reset();
    who.hidden = true;
    views.hidden = true;
    app.hidden = true;
    byId('analytics-view').hidden = true;
    byId('tickets-view').hidden = true;
    byId('business-view').hidden = true;
    signin.hidden = false;
    signinError.textContent = message;
    input.value = '';
    input.focus();
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const t = input.value.trim().replace(/^Bearer\s+/i, '');
    const info = decodeToken(t);
    if (!info) {
      signinError.textContent = 'That is not a token (expected a JWT: three base64url parts separated by dots).';
      input.focus();
      return;
    }
    if (info.exp && info.exp * 1000 < Date.now()) {
      signinError.textContent = 'That token has expired. Make a new one.';
      input.focus();
      return;
    }
    // The server decides: one staff-only request before the console opens.
    signinError.textContent = 'Checking…';
    token = t;
    try {
      await api.get('/conversations?limit=1');
    } catch (err) {
      token = null;
      if (err instanceof ApiError && err.status === 401) signinError.textContent = 'The server rejected this token (bad signature, wrong issuer or expired).';
      else if (err instanceof ApiError && err.status === 403) signinError.textContent = `This token's role (${info.role}) cannot use the console: staff or admin is needed.`;
      else signinError.textContent = `Could not check the token: ${(err as Error).message}`;
      input.focus();
      return;
    }
    signinError.textContent = '';
    saveToken(t);
    input.value = '';
    await start(t);
    byId('queue-h').focus();
  });

  byId('sign-out').addEventListener('click', () => signOut());

  document.documentElement.dataset.consoleVersion = __CONSOLE_VERSION__;
  if (token) void start(token);
  else input.focus();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main, { once: true });
else main();
