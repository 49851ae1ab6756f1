/**
 * The console's Analytics page in real Chromium against `wrangler dev` (fresh seeded D1, offline model):
 * conversations made over HTTP, resolved by staff (so they carry intents), then drawn as per-day SVG charts
 * whose totals, bars and tables agree with GET /api/v1/analytics; the channel filter and a bad range; axe;
 * a screenshot in test/.artifacts/analytics.png.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../worker/auth/tokens.ts';
import { startDevServer, type DevServer } from './dev-server';
import { ARTIFACTS, axeViolations, isSerious, launchChromium } from './helpers';

const JWT_SECRET = 'analytics-test-secret-0123456789abcdef0123456789';
const TOKEN_CONFIG = { JWT_SECRET, JWT_ISSUER: 'switchboard', JWT_AUDIENCE: 'switchboard-api' };

let server: DevServer;
let browser: Browser;
let staffToken: string;

async function post(url: string, token: string | undefined, body: unknown) {
  const res = await fetch(`${server.url}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return res.json() as Promise<any>;
}

/** A customer's conversation: what they say, then resolved by staff (so it has insights). */
async function conversation(lines: string[]): Promise<void> {
  const s = await post('/api/v1/chat/session/new', undefined, {});
  for (const message of lines) await post('/api/v1/chat/message', s.token, { session_id: s.session_id, message });
  await post(`/api/v1/chat/session/${s.session_id}/resolve`, staffToken, {});
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startDevServer({ vars: { JWT_SECRET } }), launchChromium()]);
  staffToken = await signToken(TOKEN_CONFIG, { sub: 'ana', role: 'staff', name: 'Ana Lytics' });
  await conversation(['what are your hours on saturday?']);
  await conversation(['do you serve evanston?']);
  await conversation(['how much is a drain cleaning?']);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const chartTotal = (page: Page, id: string) => page.locator(`[data-chart="${id}"] .an-total`).innerText();

describe('the Analytics page', () => {
  it('draws the /analytics figures per day, filters by channel, reports a bad range, passes axe, and screenshots', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1100 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/favicon|status of 400/.test(m.text())) errors.push(m.text());
    });
    await page.goto(`${server.url}/console.html`);
    await page.locator('#token-input').fill(staffToken);
    await page.locator('#signin-form button[type=submit]').click();
    await page.locator('#app').waitFor();
    await page.getByRole('button', { name: 'Analytics' }).click();
    await page.locator('[data-chart="conversations"] svg').waitFor();
    expect(await page.locator('#app').isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: 'Analytics' }).getAttribute('aria-current')).toBe('page');

    const api = (await (await fetch(`${server.url}/api/v1/analytics`, { headers: { authorization: `Bearer ${staffToken}` } })).json()) as any;
    expect(api.totals.conversations).toBeGreaterThanOrEqual(3);
    expect(await chartTotal(page, 'conversations')).toBe(String(api.totals.conversations));
    expect(await chartTotal(page, 'resolution')).toBe(`${Math.round(api.totals.resolution_rate * 1000) / 10}%`);
    // One bar per day of the 30-day default range, tallest where the conversations were.
    const bars = await page.locator('[data-chart="conversations"] rect.an-bar').evaluateAll((rects) => rects.map((r) => ({ date: r.getAttribute('data-date'), value: Number(r.getAttribute('data-value')), height: Number(r.getAttribute('height')) })));
    expect(bars).toHaveLength(30);
    expect(bars.map((b) => b.date)).toEqual(api.days.map((d: { date: string }) => d.date));
    expect(bars.map((b) => b.value)).toEqual(api.days.map((d: { conversations: number }) => d.conversations));
    const busiest = bars.reduce((a, b) => (b.value > a.value ? b : a));
    expect(busiest.height).toBeGreaterThan(0);
    expect(bars.filter((b) => b.value === 0).every((b) => b.height === 0)).toBe(true);
    for (const id of ['bookings', 'conversion', 'escalation', 'csat', 'tokens', 'cost']) await page.locator(`[data-chart="${id}"] svg[role="img"]`).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'analytics.png'), fullPage: true });
    // Every chart's figures are in a table too.
    await page.locator('[data-chart="conversations"] summary').click();
    expect(await page.locator('[data-chart="conversations"] tbody tr').count()).toBe(30);
    // Top intents from the resolved conversations' insights.
    expect(api.top_intents.length).toBeGreaterThan(0);
    expect(await page.locator('[data-chart="intents"] li').count()).toBe(api.top_intents.length);
    expect(await page.locator(`[data-chart="intents"] li[data-intent="${api.top_intents[0].intent}"] .an-count`).innerText()).toBe(String(api.top_intents[0].conversations));


    await page.locator('#an-channel').selectOption('voice');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.locator('#an-charts').getAttribute('data-channel')).toBe('voice');
    expect(await chartTotal(page, 'conversations')).toBe('0');
    await page.locator('#an-channel').selectOption('chat');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => chartTotal(page, 'conversations')).toBe(String(api.totals.by_channel.chat));

    const to = await page.locator('#an-to').inputValue();
    await page.locator('#an-from').fill(to.replace(/^\d{4}/, (y) => String(Number(y) + 1)));
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.locator('#an-error').innerText()).toMatch(/from must not be after to/);
    await page.locator('#an-from').fill(to);
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.locator('#an-error').innerText()).toBe('');
    // axe is injected as an inline script, which the page's CSP refuses: scan a copy without the CSP.
    const bypass = await browser.newContext({ bypassCSP: true, viewport: { width: 1360, height: 1100 } });
    const p = await bypass.newPage();
    await p.goto(`${server.url}/console.html`);
    await p.locator('#token-input').fill(staffToken);
    await p.locator('#signin-form button[type=submit]').click();
    await p.getByRole('button', { name: 'Analytics' }).click();
    await p.locator('[data-chart="intents"]').waitFor();
    const violations = (await axeViolations(p)).filter(isSerious);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await bypass.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers a question typed in "Ask the data" with the figures it used', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1100 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/console.html`);
    await page.locator('#token-input').fill(staffToken);
    await page.locator('#signin-form button[type=submit]').click();
    await page.getByRole('button', { name: 'Analytics' }).click();
    await page.getByRole('textbox', { name: 'Question' }).fill('how many conversations this month?');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => page.locator('.ask-text').innerText().catch(() => '')).toMatch(/^\d+ conversations? this month/);
    // The figure shown is the tool call the answer came from, and its result opens as JSON.
    expect(await page.locator('.ask-figure summary').innerText()).toMatch(/^get_analytics from \d{4}-\d{2}-01/);
    await page.locator('.ask-figure summary').click();
    const shown = JSON.parse(await page.locator('.ask-figure pre').innerText()) as { totals: { conversations: number } };
    expect(await page.locator('.ask-text').innerText()).toMatch(new RegExp(`^${shown.totals.conversations} conversation`));
    await page.screenshot({ path: path.join(ARTIFACTS, 'ask-the-data.png'), fullPage: true });
    await context.close();
  });
});
