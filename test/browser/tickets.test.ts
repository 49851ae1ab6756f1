/**
 * The console's Tickets page and "Suggest a reply" in real Chromium against `wrangler dev` (fresh seeded D1,
 * offline model). Tickets are opened over HTTP as customers open them (one from a chat session); one is
 * written into the database two hours old before the server starts, so its first-response target is really
 * past. Staff filter the list, open a ticket, add a note, change its status and assignee, follow it to its
 * conversation, switch their availability, and see the API's refusal shown; then, in a taken-over
 * conversation, ask for a suggested reply, edit it and send it, and the customer has it. Screenshots in
 * test/.artifacts/tickets.png and suggest-reply.png.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLocalMigrations, loadLocalSeed } from '../../scripts/local-db.mjs';
import { projectRoot } from '../../scripts/offline-env.mjs';
import { signToken } from '../../worker/auth/tokens.ts';
import { startDevServer, type DevServer } from './dev-server';
import { ARTIFACTS, axeViolations, isSerious, launchChromium } from './helpers';

const JWT_SECRET = 'tickets-test-secret-0123456789abcdef0123456789';
const TOKEN_CONFIG = { JWT_SECRET, JWT_ISSUER: 'switchboard', JWT_AUDIENCE: 'switchboard-api' };
const OVERDUE = 'TK-2026-90001';

let server: DevServer;
let browser: Browser;
let persistDir: string;
let staffToken: string;

async function api(method: string, url: string, token: string | undefined, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return res.json() as Promise<any>;
}

/** An urgent ticket opened two hours ago (15 min first-response target): written before the server starts. */
function writeOverdueTicket(dir: string): void {
  const then = Date.now() - 2 * 3_600_000;
  const sql = `INSERT INTO tickets (number, subject, description, priority, status, opened_by, assignee, created_at, updated_at)
    VALUES ('${OVERDUE}', 'No heat since last night', 'Furnace stopped; two small kids at home.', 'urgent', 'open', 'cust-overdue', 'bob', ${then}, ${then});`;
  const wrangler = path.join(projectRoot, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
  const r = spawnSync(process.execPath, [wrangler, 'd1', 'execute', 'DB', '--local', '--persist-to', dir, '--command', sql], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (r.status !== 0) throw new Error(`wrangler d1 execute failed:\n${r.stdout}${r.stderr}`);
}

async function signedIn(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // The refused assignment answers 400 on purpose.
    if (m.type() === 'error' && !/favicon|status of 400/.test(m.text())) errors.push(m.text());
  });
  await page.goto(`${server.url}/console.html`);
  await page.locator('#token-input').fill(staffToken);
  await page.locator('#signin-form button[type=submit]').click();
  await page.locator('#app').waitFor();
  return { page, errors };
}

const rowNumbers = (page: Page) => page.locator('#tk-rows tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.ticket));

beforeAll(async () => {
  persistDir = mkdtempSync(path.join(tmpdir(), 'switchboard-tickets-'));
  applyLocalMigrations({ persistTo: persistDir });
  loadLocalSeed({ persistTo: persistDir });
  writeOverdueTicket(persistDir);
  [server, browser] = await Promise.all([startDevServer({ vars: { JWT_SECRET }, persistDir }), launchChromium()]);
  staffToken = await signToken(TOKEN_CONFIG, { sub: 'alice', role: 'staff', name: 'Alice Staff' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (persistDir) rmSync(persistDir, { recursive: true, force: true });
});

describe('the Tickets page', () => {
  it('lists by SLA due time with breach flags, filters, opens a ticket, adds a note, triages it, and screenshots', async () => {
    // A ticket from a chat session (the widget's token), and one from a signed-in customer.
    const chat = await api('POST', '/chat/session/new', undefined, { customer_name: 'Pat Doe' });
    await api('POST', '/chat/message', chat.token, { session_id: chat.session_id, message: 'Hello, what are your hours on Saturday?' });
    const leak = await api('POST', '/tickets', chat.token, { subject: 'Water heater still leaking', description: 'Tech visited Monday; it drips again.', priority: 'high' });
    const invoice = await api('POST', '/tickets', await signToken(TOKEN_CONFIG, { sub: 'cust-inv', role: 'customer', name: 'Ivy Invoice' }), { subject: 'Question about my invoice', description: 'Charged twice?', priority: 'low' });

    const { page, errors } = await signedIn();
    await page.getByRole('button', { name: 'Tickets' }).click();
    await expect.poll(() => rowNumbers(page)).toEqual([OVERDUE, leak.number, invoice.number]);
    expect(await page.getByRole('button', { name: 'Tickets' }).getAttribute('aria-current')).toBe('page');
    // The overdue one is flagged and first; the others say when they are due.
    const overdue = page.locator(`#tk-rows tr[data-ticket="${OVERDUE}"]`);
    expect(await overdue.locator('.badge.breach').allInnerTexts()).toEqual(['First response breached']);
    expect(await page.locator(`#tk-rows tr[data-ticket="${leak.number}"] .tk-sla`).innerText()).toMatch(/^Respond by /);
    expect(await page.locator('#tk-updated').innerText()).toMatch(/3 tickets · 1 past an SLA target/);

    // Filters: breached, priority, and the sort.
    await page.getByLabel('SLA breached').selectOption('any');
    await expect.poll(() => rowNumbers(page)).toEqual([OVERDUE]);
    await page.getByLabel('SLA breached').selectOption('');
    await page.getByLabel('Priority', { exact: true }).first().selectOption('high');
    await expect.poll(() => rowNumbers(page)).toEqual([leak.number]);
    await page.getByLabel('Priority', { exact: true }).first().selectOption('');
    await page.getByLabel('Sort').selectOption('newest');
    await expect.poll(() => rowNumbers(page)).toEqual([invoice.number, leak.number, OVERDUE]);

    // Open the chat ticket: its facts, SLA targets, and an empty notes thread.
    await page.getByRole('button', { name: leak.number }).click();
    const detail = page.locator('#tk-detail');
    await expect.poll(() => detail.locator('#tk-detail-h').innerText()).toBe(`${leak.number} · Water heater still leaking`);
    expect(await detail.locator('[data-sla="first-response"]').innerText()).toMatch(/^First response due /);
    expect(await detail.getByText('No notes yet.').count()).toBe(1);

    // A note: shown in the thread, stored as the signed-in staff member's, and it counts as the first response.
    await detail.getByLabel(/Internal note/).fill('Called Pat back; replacement valve on order.');
    await detail.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => detail.locator('.tk-notes li').count()).toBe(1);
    expect(await detail.locator('.tk-notes li').innerText()).toMatch(/^alice · .*\nCalled Pat back; replacement valve on order\.$/s);
    expect(await detail.locator('[data-sla="first-response"]').innerText()).toMatch(/^First response met /);
    const stored = await api('GET', `/tickets/${leak.number}`, staffToken);
    expect(stored.notes).toMatchObject([{ author: 'alice', body: 'Called Pat back; replacement valve on order.' }]);

    // Triage: pending, assigned to alice; the list and the server agree.
    await detail.getByLabel('Status').selectOption('pending');
    await detail.getByLabel('Assignee').selectOption('alice');
    await detail.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator(`#tk-rows tr[data-ticket="${leak.number}"] .badge.tk-status-pending`).count()).toBe(1);
    expect(await api('GET', `/tickets/${leak.number}`, staffToken)).toMatchObject({ status: 'pending', assignee: 'alice' });
    // "Mine" is the signed-in subject's, whatever round-robin gave the others.
    const mine = (await api('GET', '/tickets?assignee=alice&sort=newest', staffToken)).map((t: { number: string }) => t.number);
    expect(mine).toContain(leak.number);
    await page.getByLabel('Assignee').first().selectOption('mine');
    await expect.poll(() => rowNumbers(page)).toEqual(mine);
    await page.getByLabel('Assignee').first().selectOption('');

    // The API's refusal is shown as it says it (an assignee who is not on the team).
    await detail.getByLabel('Assignee').evaluate((s: HTMLSelectElement) => s.append(new Option('Ghost', 'ghost')));
    await detail.getByLabel('Assignee').selectOption('ghost');
    await detail.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => detail.getByRole('alert').innerText()).toMatch(/^Not saved: No staff member "ghost"; assign one of: alice, bob, nina/);
    expect((await api('GET', `/tickets/${leak.number}`, staffToken)).assignee).toBe('alice');

    // Availability: off, then on again, as the server has it.
    const availability = async () => (await api('GET', '/staff', staffToken)).find((m: { id: string }) => m.id === 'alice').available;
    const toggle = page.getByLabel("I'm available for assignment");
    const was = await toggle.isChecked();
    expect(was).toBe(await availability());
    await toggle.click();
    await expect.poll(availability).toBe(!was);
    await expect.poll(() => toggle.isChecked()).toBe(!was);
    await toggle.click();
    await expect.poll(availability).toBe(was);

    await page.screenshot({ path: path.join(ARTIFACTS, 'tickets.png'), fullPage: true });

    // The ticket's conversation opens on the conversations page.
    await page.getByRole('button', { name: leak.number }).click();
    await detail.getByRole('button', { name: 'Open the conversation' }).click();
    await page.locator('#app').waitFor();
    await expect.poll(() => page.locator('#conv-h').innerText()).toMatch(new RegExp(`^${chat.interaction_number} · `));
    await page.waitForFunction(() => document.querySelectorAll('#transcript > li.msg.user').length === 1);
    expect(page.url()).toContain(`#${chat.session_id}`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('has no serious axe violations with a ticket open', async () => {
    // axe is injected as an inline script, which the page's CSP refuses: scan a copy without the CSP.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/console.html`);
    await page.locator('#token-input').fill(staffToken);
    await page.locator('#signin-form button[type=submit]').click();
    await page.getByRole('button', { name: 'Tickets' }).click();
    await page.getByRole('button', { name: OVERDUE }).click();
    await page.locator('#tk-detail-h').waitFor();
    const violations = (await axeViolations(page)).filter(isSerious);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await context.close();
  });
});

describe('Suggest a reply', () => {
  it('drafts into the reply box of a taken-over conversation; staff edit and send it; the customer has it', async () => {
    const customer = await api('POST', '/chat/session/new', undefined, { customer_name: 'Sam Furnace' });
    await api('POST', '/chat/message', customer.token, { session_id: customer.session_id, message: 'Hello, I need a new furnace.' });
    const { page, errors } = await signedIn();
    const row = page.locator(`#queue-list button.conv[data-session="${customer.session_id}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await expect.poll(() => page.locator('#conv-conn').getAttribute('data-state')).toBe('live');
    const suggest = page.getByRole('button', { name: 'Suggest a reply' });
    // Not before staff have the conversation.
    expect(await suggest.isDisabled()).toBe(true);
    await page.locator('#take-over').click();
    await expect.poll(() => suggest.isEnabled()).toBe(true);
    const held = await api('POST', '/chat/message', customer.token, { session_id: customer.session_id, message: 'Do you offer financing for a new furnace?' });
    expect(held.handled_by).toBe('staff');
    await page.waitForFunction(() => [...document.querySelectorAll('#transcript > li.msg.user')].some((li) => li.textContent?.includes('financing')));

    await suggest.click();
    const box = page.getByRole('textbox', { name: 'Reply to the customer' });
    await expect.poll(() => box.inputValue()).toMatch(/financing/i);
    expect(await page.locator('#suggest-status').innerText()).toBe('Drafted from the knowledge base from Financing and monthly payments. Edit it, then Send.');
    const draft = await box.inputValue();
    // Asked again, an untouched draft is replaced, not doubled; what staff typed is kept, the draft under it.
    await suggest.click();
    await expect.poll(() => page.locator('#suggest-status').innerText()).toMatch(/^Drafted from/);
    expect(await box.inputValue()).toBe(draft);
    await box.fill('Hi Sam!');
    await suggest.click();
    await expect.poll(() => box.inputValue()).toBe(`Hi Sam!\n\n${draft}`);
    await box.fill(draft);
    // Nothing was sent by suggesting.
    const before = (await api('GET', `/chat/session/${customer.session_id}`, customer.token)).messages;
    expect(before.at(-1)).toMatchObject({ role: 'user', content: 'Do you offer financing for a new furnace?' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'suggest-reply.png'), fullPage: true });

    const edited = `Hi Sam, Alice here. ${draft}`;
    await box.fill(edited);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => box.inputValue()).toBe('');
    await page.waitForFunction((t) => [...document.querySelectorAll('#transcript > li.msg.staff')].some((li) => li.textContent?.includes(t)), 'Hi Sam, Alice here.');
    const after = (await api('GET', `/chat/session/${customer.session_id}`, customer.token)).messages;
    expect(after.at(-1)).toMatchObject({ role: 'staff', content: edited });
    expect(after.length).toBe(before.length + 1);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
