/**
 * A booking's manage page (/manage.html#t=…) in real Chromium against `wrangler dev` (#13): the link from a
 * booking's answer opens it with no sign-in; the token leaves the address bar and no request carries it in
 * a URL; the calendar file downloads; a reschedule and a cancel go through the REST API with the token as a
 * bearer; after the cancel the link no longer opens the booking.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../worker/auth/tokens.ts';
import { FIXED_DATE_HORIZON, startDevServer, type DevServer } from './dev-server';
import { ARTIFACTS, launchChromium } from './helpers';

const JWT_SECRET = 'manage-test-secret-0123456789abcdef0123456789';
const TOKEN_CONFIG = { JWT_SECRET, JWT_ISSUER: 'switchboard', JWT_AUDIENCE: 'switchboard-api' };

let server: DevServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDevServer({ vars: { JWT_SECRET, ...FIXED_DATE_HORIZON } }), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the manage page', () => {
  it('views, downloads the calendar file, reschedules and cancels with the link alone', async () => {
    const token = await signToken(TOKEN_CONFIG, { sub: 'manage-page-customer', role: 'customer' });
    const res = await fetch(`${server.url}/api/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ service: 'drain-cleaning', start: '2030-03-12T10:00', customer_name: 'Mia Manage', phone: '312-555-0177', address: '9 Pine St, Evanston, IL' }),
    });
    expect(res.status).toBe(201);
    const booking = (await res.json()) as { number: string; links: { manage: string } };

    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(`${server.url}${booking.links.manage}`);
    await page.locator('.manage-details').waitFor();
    expect(await page.locator('#booking').innerText()).toContain(booking.number);
    expect(await page.locator('#booking').innerText()).toMatch(/Tuesday, March 12.*10:00 AM/s);
    // The token left the address bar, and no request line ever carried it.
    expect(new URL(page.url()).hash).toBe('');
    const secret = booking.links.manage.split('#t=')[1]!;
    expect(requested.some((u) => u.includes(secret))).toBe(false);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action=calendar]').click()]);
    expect(download.suggestedFilename()).toBe(`${booking.number}.ics`);
    const ics = readFileSync((await download.path())!, 'utf8');
    expect(ics).toContain('BEGIN:VEVENT\r\n');
    // 10:00 in Chicago, two days after DST began.
    expect(ics).toContain('DTSTART:20300312T150000Z');

    await page.locator('[data-action=reschedule]').click();
    await page.locator('#new-date').fill('2030-03-13');
    await page.locator('.manage-form button[type=submit]').click();
    await page.locator('.manage-slots .slot[data-start^="2030-03-13T11:00"]').click();
    await page.locator('.manage-notice').waitFor();
    expect(await page.locator('.manage-notice').innerText()).toMatch(/Rescheduled to Wednesday, March 13.*11:00 AM/s);
    await page.screenshot({ path: path.join(ARTIFACTS, 'manage-page.png') });

    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-action=cancel]').click();
    await page.waitForFunction(() => document.querySelector('.manage-notice')?.textContent?.includes('cancelled'));
    expect(await page.locator('.manage-details').innerText()).toContain('Cancelled');
    // The same link, opened again, no longer opens the booking.
    const again = await context.newPage();
    await again.goto(`${server.url}${booking.links.manage}`);
    await again.locator('h1', { hasText: 'This link no longer works' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
