/**
 * The embeddable widget in real Chromium against the real product: `wrangler
 * dev` (which builds the widget) on a free loopback port with a fresh, seeded
 * local D1 and the offline model. The tests share one server and browser and
 * run in order; each uses its own browser context (its own localStorage, so its
 * own chat session) unless it is about sessions surviving reloads.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page, WebSocket as PwWebSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../worker/auth/tokens.ts';
import { FIXED_DATE_HORIZON, startDevServer, type DevServer } from './dev-server';
import { ARTIFACTS, axeViolations, domMessages, launchChromium, say, serverTranscript, startHostSite, storedSession, waitForReplies } from './helpers';

let server: DevServer;
let browser: Browser;
let host: Awaited<ReturnType<typeof startHostSite>>;
let pageCounter = 0;
const contexts: BrowserContext[] = [];

async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.location().url)) errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  // Collects CSP violations the page reports (the demo pages are served with a strict CSP).
  await page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { context, page, errors };
}

async function openWidget(page: Page): Promise<void> {
  await page.locator('switchboard-chat .launcher').click();
  await page.locator('switchboard-chat div.msg[data-seq]').first().waitFor({ timeout: 20_000 });
}

/** A host page on another origin (another loopback port), embedding the widget as a customer would. */
async function customerPage(page: Page, { css = '', attrs = '', body = '' } = {}): Promise<string> {
  const path = `/page-${++pageCounter}.html`;
  host.pages.set(
    path,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Customer site</title><style>${css}</style></head>
<body><h1>Acme Plumbing</h1><p>Some text on the customer's own page.</p>${body}
<script src="${server.url}/widget.js" data-title="Acme Help" data-accent="#0f766e" ${attrs} async></script></body></html>`,
  );
  await page.goto(host.origin + path);
  await page.locator('switchboard-chat .launcher').waitFor();
  return host.origin;
}

beforeAll(async () => {
  // The customer's site first: the server lists its origin (ALLOWED_ORIGINS ships empty, same origin only).
  host = await startHostSite();
  [server, browser] = await Promise.all([startDevServer({ vars: { ALLOWED_ORIGINS: host.origin, ...FIXED_DATE_HORIZON } }), launchChromium()]);
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  await host?.close();
});

describe('widget in Chromium', () => {
  it('serves the demo page with the one-tag embed, a loader, an immutable bundle and no CSP violations', async () => {
    const { page, errors } = await newPage();
    const responses = new Map<string, Record<string, string>>();
    page.on('response', (r) => responses.set(new URL(r.url()).pathname, r.headers()));
    await page.goto(`${server.url}/`);
    await page.locator('switchboard-chat .launcher').waitFor();
    expect(await page.title()).toContain('Brightside Home Services');
    // The tag on the page is exactly the customer's embed.
    const tag = await page.locator('script[src="/widget.js"]').evaluate((s) => ({ ...(s as HTMLScriptElement).dataset, async: (s as HTMLScriptElement).async }));
    expect(tag).toMatchObject({ title: 'Brightside Help Desk', accent: '#0f766e', position: 'right', async: true });
    expect(responses.get('/widget.js')?.['cache-control']).toBe('public, max-age=300');
    const bundle = [...responses.keys()].find((p) => /^\/widget\.[0-9a-f]{10}\.js$/.test(p));
    expect(bundle, 'the loader fetched the hashed bundle').toBeDefined();
    expect(responses.get(bundle!)?.['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(responses.get('/')?.['content-security-policy']).toContain("script-src 'self'");
    await openWidget(page);
    expect(await page.locator('switchboard-chat h2').innerText()).toBe('Brightside Help Desk');
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(errors).toEqual([]);
    // The embed docs page is served too.
    const docs = await page.request.get(`${server.url}/embed.html`);
    expect(docs.status()).toBe(200);
    expect(await docs.text()).toContain('data-position');
  });

  it('streams an answer token by token and links its knowledge-base sources', async () => {
    const { page, errors } = await newPage();
    const deltas: string[] = [];
    page.on('websocket', (ws: PwWebSocket) => {
      ws.on('framereceived', (f) => {
        const text = typeof f.payload === 'string' ? f.payload : f.payload.toString();
        if (text.includes('"text_delta"')) deltas.push(text);
      });
    });
    await page.goto(`${server.url}/`);
    await openWidget(page);
    // Record what the streaming bubble shows while it grows.
    await page.evaluate(() => {
      const w = window as unknown as { __seen: string[] };
      w.__seen = [];
      const root = document.querySelector('switchboard-chat')!.shadowRoot!;
      new MutationObserver(() => {
        const s = root.querySelector('.msg.streaming .bubble') as HTMLElement | null;
        if (s && s.innerText.trim()) w.__seen.push(s.innerText.trim());
        const a = root.querySelector('.msg.streaming .activity') as HTMLElement | null;
        if (a) w.__seen.push(`activity:${a.textContent}`);
      }).observe(root, { subtree: true, childList: true, characterData: true });
    });
    await say(page, 'Do you offer financing?');
    await waitForReplies(page, 2);
    expect(deltas.length, 'the reply arrived in several text_delta frames').toBeGreaterThan(1);
    const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
    const partial = seen.filter((s) => !s.startsWith('activity:'));
    expect(new Set(partial).size, 'the bubble grew while streaming').toBeGreaterThan(1);
    expect(seen).toContain('activity:Searching the knowledge base…');
    const reply = page.locator('switchboard-chat div.msg.assistant[data-seq]').last();
    expect(await reply.locator('.bubble').innerText()).toMatch(/financing/i);
    const link = reply.locator('.sources a').first();
    expect(await link.innerText()).toBe('Financing and monthly payments');
    const href = await link.getAttribute('href');
    expect(href).toMatch(new RegExp(`^${server.url}/kb\\.html\\?id=\\d+$`));
    // The source link leads to a readable article page, not raw JSON.
    const [article] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await article.locator('#article h1').waitFor();
    expect(await article.locator('#article h1').innerText()).toBe('Financing and monthly payments');
    expect(errors).toEqual([]);
  });

  let shared: { context: BrowserContext; page: Page };

  it('books over several turns with the offline model and shows the confirmation card', async () => {
    const { context, page, errors } = await newPage();
    shared = { context, page };
    await page.goto(`${server.url}/`);
    await page.evaluate(() => {
      const w = window as unknown as { __bookings: unknown[]; __activity: string[] };
      w.__bookings = [];
      w.__activity = [];
      window.Switchboard!.on('booking', (b) => w.__bookings.push(b));
      const root = document.querySelector('switchboard-chat')!.shadowRoot!;
      new MutationObserver(() => root.querySelectorAll('.activity').forEach((a) => w.__activity.push(a.textContent ?? ''))).observe(root, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    // The JS API opens it (the demo's "Chat with us" button does the same).
    await page.locator('#chat-cta').click();
    await page.locator('switchboard-chat div.msg[data-seq]').first().waitFor();
    const steps: [string, RegExp][] = [
      ['I need a drain cleaning', /what day/i],
      ['March 4, 2030', /10:00 AM/],
      ['10am', /name/i],
      ['Pat Doe', /phone/i],
      ['+1 312 555 0100', /address/i],
      ['12 Oak Ave, Evanston, IL', /You're booked! Your booking number is BK-/],
    ];
    for (const [i, [text, expected]] of steps.entries()) {
      await say(page, text);
      await waitForReplies(page, i + 2);
      expect(await page.locator('switchboard-chat div.msg.assistant[data-seq] .bubble').last().innerText()).toMatch(expected);
    }
    const card = page.locator('switchboard-chat .card');
    await card.waitFor();
    const cardText = await card.innerText();
    expect(cardText).toMatch(/Booking confirmed/);
    expect(cardText).toMatch(/BK-\d{4}-\d{6}/);
    expect(cardText).toMatch(/Drain Cleaning/);
    expect(cardText).toMatch(/Mar 4, 2030/);
    expect(cardText).toMatch(/10:00/);
    expect(cardText).toMatch(/Technician/);
    const bookings = await page.evaluate(() => (window as unknown as { __bookings: { number: string }[] }).__bookings);
    expect(bookings).toHaveLength(1);
    expect(cardText).toContain(bookings[0]!.number);
    // What the customer takes away (#13): the manage link on the card and in the reply, and the calendar file.
    const manage = await card.locator('a[data-action=manage]').getAttribute('href');
    expect(manage).toMatch(new RegExp(`^${server.url}/manage\\.html#t=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    expect(await page.locator('switchboard-chat div.msg.assistant[data-seq] .bubble a').last().getAttribute('href')).toBe(manage);
    const [download] = await Promise.all([page.waitForEvent('download'), card.locator('button[data-action=calendar]').click()]);
    expect(download.suggestedFilename()).toBe(`${bookings[0]!.number}.ics`);
    const activity = await page.evaluate(() => (window as unknown as { __activity: string[] }).__activity);
    expect(activity).toContain('Checking availability…');
    expect(activity).toContain('Booking your appointment…');
    expect(errors).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'widget-desktop.png') });
  });

  it('keeps the conversation across a reload and in a new tab', async () => {
    const { context, page } = shared;
    const before = await domMessages(page);
    await page.reload();
    await page.locator('switchboard-chat .launcher').click();
    await waitForReplies(page, 7);
    const after = await domMessages(page);
    expect(after.map((m) => [m.role, m.seq])).toEqual(before.map((m) => [m.role, m.seq]));
    expect(await page.locator('switchboard-chat .card').innerText()).toMatch(/BK-\d{4}-\d{6}/);
    const tab = await context.newPage();
    await tab.goto(`${server.url}/`);
    await tab.locator('switchboard-chat .launcher').click();
    await waitForReplies(tab, 7);
    expect((await domMessages(tab)).map((m) => m.seq)).toEqual(after.map((m) => m.seq));
    await tab.close();
  });

  it('resumes after the connection drops, with no duplicates, and delivers a message sent during the outage once', async () => {
    const { context, page } = shared;
    const session = await storedSession(page, server.url);
    const countBefore = (await serverTranscript(server.url, session)).messages.length;

    // 1. A dropped socket (as a network failure would drop it): the widget reconnects by itself.
    await page.evaluate(() => document.querySelector('switchboard-chat')!.dropConnection());
    await say(page, 'What is your cancellation policy?');
    await page.waitForFunction(() => document.querySelector('switchboard-chat')!.shadowRoot!.querySelector('.root')!.getAttribute('data-status') === 'online');
    await waitForReplies(page, 8);

    // 2. The browser goes offline. Meanwhile the conversation moves on elsewhere (another device
    //    posts a turn), and the visitor types a message, which waits in the queue.
    await context.setOffline(true);
    await page.waitForFunction(() => document.querySelector('switchboard-chat')!.shadowRoot!.querySelector('.root')!.getAttribute('data-status') === 'offline');
    expect(await page.locator('switchboard-chat .status').innerText()).toMatch(/offline/i);
    const elsewhere = await fetch(`${server.url}/api/v1/chat/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ session_id: session.session_id, message: 'Do you offer financing?' }),
    });
    expect(elsewhere.status).toBe(200);
    await say(page, 'What are your business hours?');
    const queued = page.locator('switchboard-chat div.msg.user').last();
    expect(await queued.locator('.meta').innerText()).toMatch(/Queued/);
    await page.waitForTimeout(1500);
    // Still held: not on the server, still marked queued (reconnect attempts fail while offline).
    expect((await serverTranscript(server.url, session)).messages.some((m) => m.content === 'What are your business hours?')).toBe(false);
    expect(await queued.getAttribute('data-state')).toBe('queued');

    // 3. Back online: it resumes from its last event id (the other turn appears once) and sends the queued message once.
    await context.setOffline(false);
    await waitForReplies(page, 10, 30_000);
    await page.waitForFunction(() => !document.querySelector('switchboard-chat')!.shadowRoot!.querySelector('div.msg.user:not([data-seq])'));
    const transcript = await serverTranscript(server.url, session);
    const shown = await domMessages(page);
    expect(transcript.messages.length).toBe(countBefore + 6);
    expect(shown.map((m) => [m.role, Number(m.seq)])).toEqual(transcript.messages.map((m) => [m.role, m.seq]));
    expect(new Set(shown.map((m) => m.seq)).size).toBe(shown.length);
    expect(transcript.messages.filter((m) => m.content === 'What are your business hours?')).toHaveLength(1);
    expect(transcript.messages.filter((m) => m.content === 'What is your cancellation policy?')).toHaveLength(1);
    expect(shown.filter((m) => m.text === 'What are your business hours?')).toHaveLength(1);
    expect(shown.filter((m) => m.text === 'Do you offer financing?')).toHaveLength(1);
  });

  it('works with the keyboard alone, announces replies, and has no serious or critical axe violations', async () => {
    const { page, errors } = await newPage({ bypassCSP: true });
    await page.goto(`${server.url}/`);
    await page.locator('switchboard-chat .launcher').waitFor();
    // Tab until the launcher has focus.
    let onLauncher = false;
    for (let i = 0; i < 30 && !onLauncher; i++) {
      await page.keyboard.press('Tab');
      onLauncher = await page.evaluate(() => document.activeElement?.tagName === 'SWITCHBOARD-CHAT' && document.activeElement.shadowRoot!.activeElement?.classList.contains('launcher') === true);
    }
    expect(onLauncher, 'the launcher is reachable with Tab').toBe(true);
    expect(await page.locator('switchboard-chat .launcher').getAttribute('aria-label')).toBe('Open chat');
    await page.keyboard.press('Enter');
    await page.locator('switchboard-chat div.msg[data-seq]').first().waitFor();
    expect(await page.evaluate(() => document.querySelector('switchboard-chat')!.shadowRoot!.activeElement?.tagName)).toBe('TEXTAREA');
    expect(await page.locator('switchboard-chat .launcher').getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.type('What is your cancellation policy?');
    await page.keyboard.press('Enter');
    await waitForReplies(page, 2);
    const live = page.locator('switchboard-chat [aria-live="polite"]');
    await expect.poll(() => live.innerText()).toMatch(/^Assistant: You can cancel/);
    const result = await axeViolations(page, 'switchboard-chat');
    const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious, JSON.stringify(result, null, 2)).toEqual([]);

    // Escape closes the panel and gives focus back to the launcher.
    await page.keyboard.press('Escape');
    expect(await page.locator('switchboard-chat .panel').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.querySelector('switchboard-chat')!.shadowRoot!.activeElement?.className)).toBe('launcher');
    expect(errors).toEqual([]);
  });

  it('is not changed by a hostile host page (all: unset, huge fonts) on another origin', async () => {
    const measure = async (page: Page) => {
      await page.locator('switchboard-chat .launcher').click();
      await page.locator('switchboard-chat div.msg[data-seq]').first().waitFor();
      await page.waitForFunction(() => document.querySelector('switchboard-chat')!.shadowRoot!.querySelector('.root')!.getAttribute('data-status') === 'online');
      return page.evaluate(() => {
        const root = document.querySelector('switchboard-chat')!.shadowRoot!;
        const pick = (sel: string) => {
          const el = root.querySelector(sel) as HTMLElement;
          const cs = getComputedStyle(el);
          const r = el.getBoundingClientRect();
          return {
            box: [r.x, r.y, r.width, r.height].map(Math.round),
            style: ['font-size', 'font-family', 'font-weight', 'line-height', 'color', 'background-color', 'padding-top', 'border-radius', 'display', 'position', 'letter-spacing', 'text-transform'].map(
              (p) => cs.getPropertyValue(p),
            ),
          };
        };
        return {
          launcher: pick('.launcher'),
          panel: pick('.panel'),
          header: pick('header'),
          title: pick('h2'),
          bubble: pick('div.msg .bubble'),
          input: pick('textarea'),
          send: pick('.send'),
        };
      });
    };
    const plain = await newPage();
    await customerPage(plain.page);
    const normal = await measure(plain.page);

    const hostile = await newPage();
    await customerPage(hostile.page, {
      css: `* { all: unset; } html, body, * { font-size: 48px !important; line-height: 3 !important; font-family: "Comic Sans MS", cursive !important; color: red !important; letter-spacing: 4px !important; text-transform: uppercase !important; }
            body { display: block; } button, textarea, li, div, section { padding: 40px !important; border-radius: 0 !important; }`,
    });
    const attacked = await measure(hostile.page);
    expect(attacked).toEqual(normal);
    expect(normal.title.style[0]).toBe('16px');
    // Cross-origin API calls worked (CORS and the socket, with the host's origin in ALLOWED_ORIGINS).
    expect(plain.errors).toEqual([]);
    expect(hostile.errors).toEqual([]);
  });

  it('speaks Spanish with data-lang="es" and lets a page override strings', async () => {
    const { page } = await newPage();
    await customerPage(page, { attrs: 'data-lang="es"' });
    expect(await page.locator('switchboard-chat .launcher').getAttribute('aria-label')).toBe('Abrir el chat');
    await page.locator('switchboard-chat .launcher').click();
    expect(await page.locator('switchboard-chat textarea').getAttribute('placeholder')).toBe('Escribe tu mensaje…');
    await page.evaluate(() => window.Switchboard!.configure({ strings: { placeholder: '¿En qué te ayudamos?' } }));
    expect(await page.locator('switchboard-chat textarea').getAttribute('placeholder')).toBe('¿En qué te ayudamos?');
    expect(await page.locator('switchboard-chat .launcher').getAttribute('aria-label')).toBe('Cerrar el chat');
  });

  it('falls back to SSE when WebSockets fail', async () => {
    const { page, errors } = await newPage();
    // Every socket opens and is closed at once, before the session says hello.
    await page.routeWebSocket(/\/ws/, (ws) => ws.close());
    await customerPage(page);
    await openWidget(page);
    await page.waitForFunction(() => document.querySelector('switchboard-chat')!.shadowRoot!.querySelector('.root')!.getAttribute('data-status') === 'online', undefined, { timeout: 30_000 });
    await say(page, 'What are your business hours?');
    await waitForReplies(page, 2);
    expect(await page.locator('switchboard-chat div.msg.assistant[data-seq] .bubble').last().innerText()).toMatch(/Monday to Friday/);
    expect(errors.filter((e) => !/WebSocket/.test(e))).toEqual([]);
  });

  it('asks for a rating once per resolution (CSAT), in English and Spanish, with no serious axe violations, and the server keeps it', async () => {
    const { page, errors } = await newPage();
    // A customer's site on another origin: the rating is a CORS POST with the session's token.
    await customerPage(page);
    await openWidget(page);
    await say(page, 'What are your business hours?');
    await waitForReplies(page, 2);
    const session = await storedSession(page, server.url);
    // The dev server's JWT secret (dev-server.ts) signs a staff member's token, as the console's sign-in would use.
    const staff = await signToken({ JWT_SECRET: 'browser-test-secret-0123456789abcdef0123456789', JWT_ISSUER: 'switchboard', JWT_AUDIENCE: 'switchboard-api' }, { sub: 'alice', role: 'staff', name: 'Alice Agent' });
    const asStaff = { authorization: `Bearer ${staff}` };
    const csatCount = async () => ((await (await fetch(`${server.url}/api/v1/analytics`, { headers: asStaff })).json()) as { totals: { csat_count: number } }).totals.csat_count;
    const resolve = async () => expect((await fetch(`${server.url}/api/v1/chat/session/${session.session_id}/resolve`, { method: 'POST', headers: asStaff })).status).toBe(200);
    const before = await csatCount();
    const prompt = page.locator('switchboard-chat .csat');
    expect(await prompt.count()).toBe(0);

    // Staff resolve it: the session's event reaches the open widget, which asks.
    await resolve();
    await prompt.waitFor();
    expect(await prompt.getByRole('heading').count()).toBe(0); // a labelled region, not a page heading
    expect(await prompt.getAttribute('aria-labelledby')).toBe('sb-csat-title');
    expect(await page.locator('switchboard-chat .csat legend').innerText()).toBe('Rate this conversation from 1 (very poor) to 5 (excellent)');
    expect(await prompt.getByRole('radio').count()).toBe(5);
    const send = prompt.getByRole('button', { name: 'Send rating' });
    expect(await send.isDisabled()).toBe(true);
    const violations = await axeViolations(page, 'switchboard-chat');
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), JSON.stringify(violations, null, 2)).toEqual([]);
    await prompt.getByRole('radio', { name: '4 Good' }).check();
    await prompt.getByLabel('Comment (optional)').fill('Clear and quick');
    await send.click();
    await expect.poll(() => prompt.getByRole('status').innerText()).toBe('Thank you for your feedback!');
    expect(await page.locator('switchboard-chat form.csat-form').isHidden()).toBe(true);

    // Stored on the interaction: the transcript and analytics have it.
    const transcript = (await (await fetch(`${server.url}/api/v1/chat/session/${session.session_id}`, { headers: { authorization: `Bearer ${session.token}` } })).json()) as { csat: unknown };
    expect(transcript.csat).toEqual({ score: 4, comment: 'Clear and quick' });
    expect(await csatCount()).toBe(before + 1);

    // The same resolution never asks again (a reload reads it from the transcript).
    await page.reload();
    await page.waitForFunction(() => !!window.Switchboard);
    await openWidget(page);
    await waitForReplies(page, 2);
    // Resolved by staff is not over: the widget reconnects (online, no "ended" banner) and does not ask again.
    await page.locator('switchboard-chat .root[data-status="online"]').waitFor({ state: 'attached' });
    expect(await page.locator('switchboard-chat .status').isHidden()).toBe(true);
    expect(await prompt.count()).toBe(0);

    // The customer writes again (reopened) and staff resolve again: a new resolution asks again, here in Spanish.
    const again = await fetch(`${server.url}/api/v1/chat/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ session_id: session.session_id, message: 'One more thing: do you work on Sundays?' }),
    });
    expect(again.status).toBe(200);
    await resolve();
    await page.reload();
    await page.waitForFunction(() => !!window.Switchboard);
    await page.evaluate(() => window.Switchboard!.configure({ lang: 'es' }));
    await openWidget(page);
    await prompt.waitFor();
    expect(await page.locator('switchboard-chat #sb-csat-title').innerText()).toBe('¿Qué tal te hemos atendido?');
    // With the keyboard: the radio group takes arrow keys.
    await prompt.getByRole('radio', { name: '1 Muy mala' }).focus();
    await page.keyboard.press('ArrowLeft'); // wraps to 5
    expect(await prompt.getByRole('radio', { name: '5 Excelente' }).isChecked()).toBe(true);
    await prompt.getByRole('button', { name: 'Enviar valoración' }).click();
    await expect.poll(() => prompt.getByRole('status').innerText()).toBe('¡Gracias por tu opinión!');
    const rated = (await (await fetch(`${server.url}/api/v1/chat/session/${session.session_id}`, { headers: { authorization: `Bearer ${session.token}` } })).json()) as { csat: unknown };
    expect(rated.csat).toEqual({ score: 5, comment: null });
    expect(await csatCount()).toBe(before + 1); // one interaction, its latest rating
    expect(errors).toEqual([]);
  });

  it('keeps a conversation staff resolved open for writing: the rating prompt, a usable composer, a reload that reconnects, and a new message that reopens it', async () => {
    const { page, errors } = await newPage();
    await customerPage(page);
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await openWidget(page);
    await say(page, 'What are your business hours?');
    await waitForReplies(page, 2);
    const session = await storedSession(page, server.url);
    const staff = await signToken({ JWT_SECRET: 'browser-test-secret-0123456789abcdef0123456789', JWT_ISSUER: 'switchboard', JWT_AUDIENCE: 'switchboard-api' }, { sub: 'alice', role: 'staff', name: 'Alice Agent' });
    const asStaff = { authorization: `Bearer ${staff}` };
    const queueStatus = async () => {
      const { conversations } = (await (await fetch(`${server.url}/api/v1/conversations?limit=50`, { headers: asStaff })).json()) as { conversations: { session_id: string; status: string }[] };
      return conversations.find((c) => c.session_id === session.session_id)?.status;
    };
    const prompt = page.locator('switchboard-chat .csat');
    const input = page.locator('switchboard-chat textarea#sb-input');
    const banner = page.locator('switchboard-chat .status');

    // Staff resolve it from the console's API: the open widget asks for a rating and stays open for writing.
    expect((await fetch(`${server.url}/api/v1/chat/session/${session.session_id}/resolve`, { method: 'POST', headers: asStaff })).status).toBe(200);
    await prompt.waitFor();
    expect(await queueStatus()).toBe('resolved');
    expect(await page.locator('switchboard-chat .root').getAttribute('data-status')).toBe('online');
    expect(await banner.isHidden()).toBe(true);
    expect(await input.isEditable()).toBe(true);

    // A reload reconnects to the same conversation (the same session, its socket, the same messages) and still asks.
    const before = (await domMessages(page)).map((m) => [m.role, m.seq]);
    sockets.length = 0;
    await page.reload();
    await page.waitForFunction(() => !!window.Switchboard);
    await openWidget(page);
    await waitForReplies(page, 2);
    await page.locator('switchboard-chat .root[data-status="online"]').waitFor({ state: 'attached' });
    expect((await storedSession(page, server.url)).session_id).toBe(session.session_id);
    expect((await domMessages(page)).map((m) => [m.role, m.seq])).toEqual(before);
    await expect.poll(() => sockets.some((u) => u.includes(`/chat/session/${session.session_id}/ws`))).toBe(true);
    await prompt.waitFor();
    expect(await banner.isHidden()).toBe(true);
    expect(await input.isEditable()).toBe(true);

    // The customer writes in the composer: the agent answers, the prompt goes (a new chapter), and the queue lists it as open again.
    // (The composer by id: the prompt's comment box is a textarea too.)
    await input.fill('One more thing: do you work on Sundays?');
    await input.press('Enter');
    await waitForReplies(page, 3);
    await prompt.waitFor({ state: 'detached' });
    const last = (await domMessages(page)).at(-1)!;
    expect(last.role).toBe('assistant');
    expect(last.text.length).toBeGreaterThan(0);
    await expect.poll(queueStatus, { timeout: 10_000 }).toBe('open');
    expect(await banner.isHidden()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('goes full screen on a phone', async () => {
    const { page } = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await page.goto(`${server.url}/`);
    await openWidget(page);
    await say(page, 'I need a drain cleaning');
    await waitForReplies(page, 2);
    const box = await page.locator('switchboard-chat .panel').boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'widget-mobile.png') });
  });
});
