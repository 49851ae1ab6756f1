/**
 * The staff console (/console.html) in real Chromium against the real product:
 * `wrangler dev` (whose build step builds the console bundle and page) with a
 * fresh seeded D1 and the offline model. A customer talks over plain HTTP with
 * their own session token; a staff member signs in to the console with a staff
 * token signed with the server's JWT secret, finds the conversation in the
 * queue, follows it live, takes it over, replies, and hands it back.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/offline-env.mjs';
import { signToken } from '../../worker/auth/tokens.ts';
import { buildConsole } from '../../widget/build.mjs';
import { startDevServer, type DevServer } from './dev-server';
import { ARTIFACTS, axeViolations, launchChromium } from './helpers';

const JWT_SECRET = 'console-test-secret-0123456789abcdef0123456789';
const TOKEN_CONFIG = { JWT_SECRET, JWT_ISSUER: 'switchboard', JWT_AUDIENCE: 'switchboard-api' };

let server: DevServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

interface Customer {
  session_id: string;
  token: string;
  interaction_number: string;
}

async function newCustomer(name: string, email: string): Promise<Customer> {
  const res = await fetch(`${server.url}/api/v1/chat/session/new`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customer_name: name, customer_email: email }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Customer;
}

/** The customer sends a message over HTTP (JSON answer: the whole turn, or `handled_by: 'staff'` while held). */
async function customerSays(c: Customer, message: string): Promise<{ response: string; handled_by?: string }> {
  const res = await fetch(`${server.url}/api/v1/chat/message`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` },
    body: JSON.stringify({ session_id: c.session_id, message }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { response: string; handled_by?: string };
}

async function customerTranscript(c: Customer): Promise<{ seq: number; role: string; content: string }[]> {
  const res = await fetch(`${server.url}/api/v1/chat/session/${c.session_id}`, { headers: { authorization: `Bearer ${c.token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: { seq: number; role: string; content: string }[] }).messages;
}

async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, ...options });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A rejected sign-in answers 401/403 on purpose; the browser logs those fetches as errors.
    if (m.type() === 'error' && !/favicon|status of 40[13]/.test(`${m.text()} ${m.location().url}`)) errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  await page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, errors };
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.locator('#token-input').fill(token);
  await page.locator('#signin-form button[type=submit]').click();
}

/** Messages the console's transcript shows: role, visible text, seq. */
function consoleMessages(page: Page): Promise<{ role: string; text: string; seq: string | null; streaming: boolean }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('#transcript > li.msg')].map((li) => ({
      role: li.dataset.role ?? '',
      text: (li.querySelector('.body') as HTMLElement).innerText.trim(),
      seq: li.dataset.seq ?? null,
      streaming: li.classList.contains('streaming'),
    })),
  );
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startDevServer({ vars: { JWT_SECRET } }), launchChromium()]);
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('console bundle', () => {
  it('is a separate hashed bundle, named by the generated page, with no eval or HTML injection', async () => {
    const r = await buildConsole({ write: false });
    console.log(`console bundle: ${r.name}, ${(r.bytes / 1024).toFixed(1)} KB, ${(r.gzip / 1024).toFixed(1)} KB gzipped (not in the widget budget)`);
    expect(r.name).toMatch(/^console\.[0-9a-f]{10}\.js$/);
    expect(r.html).toContain(`<script src="/${r.name}" defer></script>`);
    expect(r.html).not.toMatch(/<script>|<style>|\sstyle=|\son[a-z]+=/i);
    const banned = /\beval\s*\(|new Function\s*\(|\.innerHTML\b|\.outerHTML\s*=|insertAdjacentHTML|document\.write/;
    const src = path.join(projectRoot, 'console', 'src');
    for (const file of readdirSync(src)) expect(readFileSync(path.join(src, file), 'utf8'), file).not.toMatch(banned);
  });
});

describe('staff console in Chromium', () => {
  let page: Page;
  let errors: string[];
  let customer: Customer;
  let staffToken: string;

  it('refuses a customer token and a non-token, and signs in a staff member (token in sessionStorage only)', async () => {
    ({ page, errors } = await newPage());
    const responses = new Map<string, Record<string, string>>();
    page.on('response', (r) => responses.set(new URL(r.url()).pathname, r.headers()));
    await page.goto(`${server.url}/console.html`);
    await page.locator('#token-input').waitFor();
    expect(await page.title()).toBe('Staff console · Switchboard');
    // Served as a built page with the hashed bundle, under the strict CSP.
    const bundle = [...responses.keys()].find((p) => /^\/console\.[0-9a-f]{10}\.js$/.test(p));
    expect(bundle, 'the page loaded the hashed console bundle').toBeDefined();
    expect(responses.get(bundle!)?.['cache-control']).toBe('public, max-age=31536000, immutable');
    const pageHeaders = responses.get('/console') ?? responses.get('/console.html');
    expect(pageHeaders?.['content-security-policy']).toContain("script-src 'self'");
    expect(pageHeaders?.['referrer-policy']).toBe('no-referrer');
    // The demo site links to it.
    expect(await (await page.request.get(`${server.url}/`)).text()).toContain('href="/console.html"');

    await signIn(page, 'not a token');
    await expect.poll(() => page.locator('#signin-error').innerText()).toMatch(/not a token/i);
    const customerToken = await signToken(TOKEN_CONFIG, { sub: 'cust-9', role: 'customer' });
    await signIn(page, customerToken);
    await expect.poll(() => page.locator('#signin-error').innerText()).toMatch(/role \(customer\) cannot use the console/);
    expect(await page.locator('#app').isHidden()).toBe(true);

    staffToken = await signToken(TOKEN_CONFIG, { sub: 'alice', role: 'staff', name: 'Alice Agent' });
    await signIn(page, staffToken);
    await page.locator('#app').waitFor();
    expect(await page.locator('#who').innerText()).toMatch(/Signed in as Alice Agent \(alice\)\s*staff/);
    expect(page.url()).not.toContain(staffToken.slice(0, 20));
    const stored = await page.evaluate(() => ({ session: sessionStorage.getItem('switchboard:console:token'), local: JSON.stringify({ ...localStorage }) }));
    expect(stored.session).toBe(staffToken);
    expect(stored.local).not.toContain(staffToken.slice(0, 20));
    // A reload keeps the tab signed in.
    await page.reload();
    await page.locator('#app').waitFor();
    expect(await page.locator('#who-name').innerText()).toBe('Alice Agent (alice)');
  });

  it('shows a new customer conversation in the live queue and its transcript', async () => {
    customer = await newCustomer('Pat Doe', 'pat@example.com');
    const first = await customerSays(customer, 'Do you offer financing?');
    expect(first.response).toMatch(/financing/i);
    const row = page.locator(`#queue-list button.conv[data-session="${customer.session_id}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.innerText()).toContain('Pat Doe');
    expect(await row.innerText()).toContain(customer.interaction_number);
    await row.click();
    await page.waitForFunction(() => document.querySelectorAll('#transcript > li.msg.user[data-seq]').length >= 1);
    const msgs = await consoleMessages(page);
    // The greeting, the question and the answer, as the server has them.
    expect(msgs.map((m) => m.role)).toEqual((await customerTranscript(customer)).map((m) => m.role));
    expect(msgs.find((m) => m.role === 'user')?.text).toBe('Do you offer financing?');
    expect(msgs.filter((m) => m.role === 'assistant').at(-1)?.text).toMatch(/financing/i);
    expect(await page.locator('#conv-h').innerText()).toBe(`${customer.interaction_number} · Pat Doe`);
    await expect.poll(() => page.locator('#conv-conn').getAttribute('data-state')).toBe('live');
    expect(await page.locator('#conv-mode').innerText()).toBe('AI answering');
    expect(await page.locator('#reply-input').isDisabled()).toBe(true);
    expect(await page.locator('button.conv[aria-current="true"]').count()).toBe(1);
    expect(page.url()).toContain(`#${customer.session_id}`);
  });

  it('takes over: the customer message appears live with no AI reply, and the staff reply reaches the customer', async () => {
    await page.locator('#take-over').click();
    await expect.poll(() => page.locator('#conv-mode').getAttribute('data-mode')).toBe('human');
    expect(await page.locator('#conv-mode').innerText()).toBe('Staff: alice');
    expect(await page.locator('#reply-input').isEnabled()).toBe(true);
    // Enabled once the takeover POST has answered (the socket's session event may come first).
    await expect.poll(() => page.locator('#hand-back').isEnabled()).toBe(true);
    expect(await page.locator('#take-over').isDisabled()).toBe(true);
    // Taking over escalates the conversation; the socket's session event says so.
    await expect.poll(() => page.locator('#conv-status').innerText()).toBe('Escalated');
    // The queue's row agrees at once (re-read after the takeover answers), not at its next poll (POLL_MS, 4 s).
    await expect.poll(() => page.locator(`#queue-list button.conv[data-session="${customer.session_id}"] .badge`).innerText(), { timeout: 1500 }).toBe('Escalated');

    const held = await customerSays(customer, 'Can a person check my address, please?');
    expect(held.response).toBe('');
    await page.waitForFunction(() => [...document.querySelectorAll('#transcript > li.msg.user')].some((li) => li.textContent?.includes('Can a person check my address')));
    await page.locator('#conv-waiting').waitFor();
    // The announcer read the customer's message out.
    await expect.poll(() => page.locator('#announcer').innerText()).toContain('Customer: Can a person check my address');
    await page.waitForTimeout(1500);
    let msgs = await consoleMessages(page);
    expect(msgs.at(-1)).toMatchObject({ role: 'user', text: 'Can a person check my address, please?' });
    expect(msgs.some((m) => m.streaming)).toBe(false);
    let server = await customerTranscript(customer);
    expect(server.at(-1)).toMatchObject({ role: 'user', content: 'Can a person check my address, please?' });

    const reply = 'Hi Pat, this is Alice. Your address is on file; see you Tuesday.';
    await page.locator('#reply-input').fill(reply);
    await page.locator('#reply-input').press('Enter');
    await page.waitForFunction((t) => [...document.querySelectorAll('#transcript > li.msg.staff')].some((li) => li.textContent?.includes(t)), reply);
    await expect.poll(() => page.locator('#reply-input').inputValue()).toBe('');
    expect(await page.locator('#conv-waiting').isHidden()).toBe(true);
    msgs = await consoleMessages(page);
    expect(msgs.filter((m) => m.text === reply)).toHaveLength(1);
    server = await customerTranscript(customer);
    expect(server.at(-1)).toMatchObject({ role: 'staff', content: reply });
  });

  it('hands back: the next customer message gets an AI reply streamed live into the console', async () => {
    await page.locator('#hand-back').click();
    await expect.poll(() => page.locator('#conv-mode').getAttribute('data-mode')).toBe('ai');
    expect(await page.locator('#reply-input').isDisabled()).toBe(true);
    await expect.poll(() => page.locator('#take-over').isEnabled()).toBe(true);
    // Record what the streaming bubble shows while it grows.
    await page.evaluate(() => {
      const w = window as unknown as { __seen: string[] };
      w.__seen = [];
      new MutationObserver(() => {
        const s = document.querySelector('#transcript > li.streaming .body') as HTMLElement | null;
        if (s && s.innerText.trim()) w.__seen.push(s.innerText.trim());
        for (const t of document.querySelectorAll('#transcript > li.streaming .tool')) w.__seen.push(`tool:${t.textContent}`);
      }).observe(document.getElementById('transcript')!, { subtree: true, childList: true, characterData: true });
    });
    const before = (await consoleMessages(page)).length;
    const answer = await customerSays(customer, 'What is your cancellation policy?');
    expect(answer.response.length).toBeGreaterThan(0);
    await page.waitForFunction((n) => document.querySelectorAll('#transcript > li.msg[data-seq]').length >= n, before + 2);
    const msgs = await consoleMessages(page);
    expect(msgs.length).toBe(before + 2);
    expect(msgs.at(-2)).toMatchObject({ role: 'user', text: 'What is your cancellation policy?' });
    expect(msgs.at(-1)?.role).toBe('assistant');
    expect(msgs.at(-1)?.text.replace(/\s+/g, ' ')).toBe(answer.response.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim());
    const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
    const partial = seen.filter((s) => !s.startsWith('tool:'));
    expect(new Set(partial).size, 'the reply grew while streaming').toBeGreaterThan(1);
    expect(seen.some((s) => s.startsWith('tool:') && s.includes('search_knowledge_base'))).toBe(true);
    // The finished reply keeps its tool activity.
    expect(await page.locator('#transcript > li.msg.assistant').last().locator('.tool.ok').count()).toBeGreaterThan(0);
  });

  it('lists bookings, works with the keyboard, has no serious axe violations, and screenshots', async () => {
    // A booking in the coming days shows under Upcoming.
    const cust = await signToken(TOKEN_CONFIG, { sub: 'cust-booker', role: 'customer', name: 'Bea Booker' });
    const soon = new Date(Date.now() + 86_400_000 * 2).toISOString().slice(0, 10);
    const availability = (await (await fetch(`${server.url}/api/v1/availability?service=drain-cleaning&date_from=${soon}&date_to=${new Date(Date.now() + 86_400_000 * 9).toISOString().slice(0, 10)}`)).json()) as {
      days: { slots: { start: string }[] }[];
    };
    const slot = availability.days.flatMap((d) => d.slots)[0];
    expect(slot).toBeDefined();
    const booked = await fetch(`${server.url}/api/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${cust}` },
      body: JSON.stringify({ service: 'drain-cleaning', start: slot!.start, customer_name: 'Bea Booker', phone: '+1 312 555 0199', address: '1 Elm St, Chicago, IL' }),
    });
    expect(booked.status, await booked.clone().text()).toBeLessThan(300);
    const { number } = (await booked.json()) as { number: string };
    await page.locator('#bk-refresh').click();
    await page.locator(`#bk-upcoming li[data-number="${number}"]`).waitFor();
    expect(await page.locator(`#bk-upcoming li[data-number="${number}"]`).innerText()).toMatch(/Drain Cleaning[\s\S]*Bea Booker/);

    // Keyboard: the status filter, the queue rows and the controls are reachable with Tab.
    await page.locator('#status-filter').focus();
    await page.locator('#status-filter').selectOption('escalated');
    await expect.poll(() => page.locator('#queue-list button.conv').count()).toBeGreaterThan(0);
    await page.locator('#status-filter').selectOption('');
    const reached = new Set<string>();
    await page.locator('#status-filter').focus();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => document.activeElement?.id || (document.activeElement as HTMLElement | null)?.dataset.session || ''));
    }
    expect(reached.has(customer.session_id)).toBe(true);
    expect(reached.has('take-over')).toBe(true);
    expect(reached.has('bk-refresh')).toBe(true);
    const scanned = await newPage({ bypassCSP: true });
    await scanned.page.goto(`${server.url}/console.html#${customer.session_id}`);
    await signIn(scanned.page, staffToken);
    await scanned.page.waitForFunction(() => document.querySelectorAll('#transcript > li.msg[data-seq]').length >= 4);
    await scanned.page.locator('#queue-list button.conv').first().waitFor();
    const result = await axeViolations(scanned.page);
    const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious, JSON.stringify(result, null, 2)).toEqual([]);

    await page.locator('#transcript').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.screenshot({ path: path.join(ARTIFACTS, 'console.png') });
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(errors).toEqual([]);
    expect(scanned.errors).toEqual([]);
  });

  it('resolves: the conversation shows its insights and resolved status, and the server has them too', async () => {
    await page.locator('#resolve').click();
    await expect.poll(() => page.locator('#conv-status').textContent()).toBe('Resolved');
    // The socket's session event can mark it resolved before the POST's answer brings the insights.
    await expect.poll(async () => (await page.locator('#conv-insights').textContent()) ?? '').not.toBe('');
    const insights = (await page.locator('#conv-insights').textContent()) ?? '';
    expect(insights).toMatch(/^Customer: ".+" .+ · (negative|neutral|positive) \(-?\d\.\d\d\) · \w+ · \w+ · (booked|answered|escalated|abandoned)$/);
    expect(await page.locator('#resolve').isDisabled()).toBe(true);
    const detail = await (await fetch(`${server.url}/api/v1/chat/session/${customer.session_id}`, { headers: { authorization: `Bearer ${customer.token}` } })).json();
    expect(detail.status).toBe('resolved');
    expect(insights.startsWith(detail.summary)).toBe(true);
    const badge = page.locator(`#queue-list button.conv[data-session="${customer.session_id}"] .badge`);
    await expect.poll(() => badge.innerText(), { timeout: 1500 }).toBe('Resolved');
    await expect.poll(() => page.locator('#reply-hint').innerText()).toBe('Resolved: it reopens when the customer writes again.');

    // The customer writes again: the conversation reopens, in its header and (once its row is written) in the queue.
    expect((await customerSays(customer, 'Sorry, one more question: do you work on Sundays?')).response.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#conv-status').innerText()).toBe('Open');
    await expect.poll(() => badge.innerText(), { timeout: 10_000 }).toBe('Open');
    expect(await page.locator('#resolve').isEnabled()).toBe(true);
  });

  it('signs out: the token leaves sessionStorage and the console closes', async () => {
    await page.locator('#sign-out').click();
    await page.locator('#signin').waitFor();
    expect(await page.locator('#app').isHidden()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.getItem('switchboard:console:token'))).toBeNull();
    expect(await page.evaluate(() => document.querySelectorAll('#transcript > li').length)).toBe(0);
  });
});
