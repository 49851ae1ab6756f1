/**
 * The console's Business page in real Chromium against `wrangler dev` (fresh seeded D1): an admin adds a closure
 * and sees it listed (and the API agrees), sees a 400's field errors beside the fields they name, saves hours
 * with a bad row and is told which, adds and removes an employee's time off; a staff token is told the page is
 * for admins; axe finds nothing serious; a screenshot in test/.artifacts/business.png.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../worker/auth/tokens.ts';
import { startDevServer, type DevServer } from './dev-server';
import { ARTIFACTS, axeViolations, isSerious, launchChromium } from './helpers';

const JWT_SECRET = 'business-test-secret-0123456789abcdef0123456789';
const TOKEN_CONFIG = { JWT_SECRET, JWT_ISSUER: 'switchboard', JWT_AUDIENCE: 'switchboard-api' };

let server: DevServer;
let browser: Browser;
let adminToken: string;
let staffToken: string;

/** A date `days` from now (UTC is close enough: the page checks only that it is listed as sent). */
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  [server, browser] = await Promise.all([startDevServer({ vars: { JWT_SECRET } }), launchChromium()]);
  adminToken = await signToken(TOKEN_CONFIG, { sub: 'root', role: 'admin', name: 'Ada Admin' });
  staffToken = await signToken(TOKEN_CONFIG, { sub: 'alice', role: 'staff', name: 'Alice Staff' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openBusiness(page: Page, token: string): Promise<void> {
  await page.goto(`${server.url}/console.html`);
  await page.locator('#token-input').fill(token);
  await page.locator('#signin-form button[type=submit]').click();
  await page.locator('#app').waitFor();
  await page.getByRole('button', { name: 'Business' }).click();
}

const settings = async () => (await (await fetch(`${server.url}/api/v1/business`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as any;

describe('the Business page', () => {
  it('lets an admin add a closure (listed, and in the API), shows field errors, edits hours and time off, passes axe', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1200 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/favicon|status of 400/.test(m.text())) errors.push(m.text());
    });
    await openBusiness(page, adminToken);
    await page.getByRole('heading', { name: 'Opening hours' }).waitFor();
    expect(await page.getByRole('button', { name: 'Business' }).getAttribute('aria-current')).toBe('page');

    // A closure: filled in, added, listed.
    const date = daysAhead(40);
    const closureForm = page.getByRole('form', { name: 'Add a closure' });
    await closureForm.getByLabel('Date', { exact: true }).fill(date);
    await closureForm.getByLabel('Reason').fill('Staff training');
    await closureForm.getByRole('button', { name: 'Add closure' }).click();
    const listed = page.locator(`#biz-closures li[data-date="${date}"]`);
    await listed.waitFor();
    expect(await listed.innerText()).toContain('Staff training');
    expect(await page.locator('#business-view .panel-head [aria-live]').innerText()).toContain(`Closure on ${date} added.`);
    expect((await settings()).closures).toContainEqual(expect.objectContaining({ date, reason: 'Staff training', start: null }));
    await page.screenshot({ path: path.join(ARTIFACTS, 'business.png'), fullPage: true });

    // The API's 400, field by field: a range that ends before it starts.
    await closureForm.getByLabel('Date', { exact: true }).fill(date);
    await closureForm.getByLabel('Through (optional)').fill(daysAhead(38));
    await closureForm.getByLabel('Reason').fill('Backwards');
    await closureForm.getByRole('button', { name: 'Add closure' }).click();
    const through = closureForm.getByLabel('Through (optional)');
    await expect.poll(() => through.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await through.getAttribute('aria-describedby'))!;
    expect(await page.locator(`#${describedBy}`).innerText()).toBe('must not be before date');
    expect(await closureForm.getByRole('alert').innerText()).toMatch(/^Invalid closure: date_to must not be before date/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('date_to');

    // Hours: a row that closes before it opens is named, and nothing is saved.
    const before = (await settings()).hours;
    await page.getByLabel('Saturday closes').fill('08:00');
    await page.getByRole('button', { name: 'Save hours' }).click();
    await expect.poll(() => page.getByLabel('Saturday closes').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await page.getByLabel('Saturday closes').getAttribute('aria-describedby')}`).innerText()).toBe('must be after start');
    expect((await settings()).hours).toEqual(before);
    // Closing on Saturdays is saved, and the sentence under the table says so.
    await page.getByLabel('Open on Saturday').uncheck();
    await page.getByRole('button', { name: 'Save hours' }).click();
    await expect.poll(() => page.getByText(/^We are open Monday to Friday from 8:00 AM to 5:00 PM; closed on Saturdays and Sundays/).count()).toBe(1);
    expect((await settings()).hours.some((w: { weekday: number }) => w.weekday === 6)).toBe(false);

    // Time off for the second employee: added, listed, removed.
    await page.getByLabel('Employee').selectOption({ label: 'James Carter' });
    const timeOff = page.getByRole('form', { name: 'Add time off for James Carter' });
    await timeOff.getByLabel('From', { exact: true }).fill(daysAhead(20));
    await timeOff.getByLabel('To', { exact: true }).fill(daysAhead(22));
    await timeOff.getByLabel('Reason').fill('Vacation');
    await timeOff.getByRole('button', { name: 'Add time off' }).click();
    const absences = page.getByRole('list', { name: 'Time off of James Carter' });
    await expect.poll(() => absences.innerText()).toContain('Vacation');
    // Whole days, both included: the last one shown is the one typed (the stored end is midnight after it).
    const lastDay = new Date(`${daysAhead(22)}T12:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
    expect(await absences.locator('li .what').innerText()).toMatch(new RegExp(`– ${lastDay}$`));
    expect((await settings()).employees.find((e: { name: string }) => e.name === 'James Carter').time_off).toHaveLength(1);
    await absences.getByRole('button', { name: /^Remove James Carter's time off/ }).click();
    await expect.poll(() => absences.innerText()).toContain('No time off ahead.');

    // axe is injected as an inline script, which the page's CSP refuses: scan a copy without the CSP.
    const bypass = await browser.newContext({ bypassCSP: true, viewport: { width: 1360, height: 1200 } });
    const p = await bypass.newPage();
    await openBusiness(p, adminToken);
    await p.getByRole('heading', { name: 'Closures' }).waitFor();
    const violations = (await axeViolations(p)).filter(isSerious);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await bypass.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tells a staff member the page is for admins, and stays signed in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openBusiness(page, staffToken);
    await expect.poll(() => page.locator('#business-view [role="alert"]').first().innerText()).toMatch(/^Only admins can see and change the business settings/);
    expect(await page.getByRole('form').count()).toBe(0);
    expect(await page.locator('#who').isVisible()).toBe(true);
    await context.close();
  });
});
