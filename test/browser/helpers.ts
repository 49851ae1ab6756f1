/**
 * Shared pieces of the browser tests: Chromium (Debian's, never a downloaded
 * one) with the flags this machine needs, and small page helpers that read the
 * widget's shadow DOM (Playwright's CSS locators pierce open shadow roots).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from '../../scripts/offline-env.mjs';

export const ARTIFACTS = path.join(projectRoot, 'test', '.artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchOptions {
  /** Extra Chromium flags, e.g. the fake media devices of the voice test. */
  args?: string[];
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Playwright gives every launch a fresh, empty user data dir of its own (it refuses --user-data-dir in args).
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.args ?? []),
    ],
  });
}

export interface DomMessage {
  role: string;
  text: string;
  seq: string | null;
  state: string | null;
}

/** The messages the widget shows, in order (role, visible text without the screen-reader prefix, seq). */
export function domMessages(page: Page): Promise<DomMessage[]> {
  return page.evaluate(() => {
    const root = document.querySelector('switchboard-chat')!.shadowRoot!;
    return [...root.querySelectorAll<HTMLElement>('div.msg')].map((li) => ({
      role: li.classList.contains('user') ? 'user' : li.classList.contains('staff') ? 'staff' : 'assistant',
      text: (li.querySelector('.bubble') as HTMLElement).innerText.trim(),
      seq: li.dataset.seq ?? null,
      state: li.dataset.state ?? null,
    }));
  });
}

/** The stored session of the widget on this page's origin. */
export function storedSession(page: Page, apiBase: string): Promise<{ session_id: string; token: string; cursor: number }> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), `switchboard:v1:${apiBase}`);
}

/** Types into the widget's composer and presses Enter. */
export async function say(page: Page, text: string): Promise<void> {
  const input = page.locator('switchboard-chat textarea');
  await input.fill(text);
  await input.press('Enter');
}

/** Waits until the widget shows `count` finished assistant replies (bubbles with a seq). */
export async function waitForReplies(page: Page, count: number, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelector('switchboard-chat')!.shadowRoot!.querySelectorAll('div.msg.assistant[data-seq]').length >= n,
    count,
    { timeout },
  );
}

/** The transcript as the server has it (GET /api/v1/chat/session/:id with the session's token). */
export async function serverTranscript(apiBase: string, session: { session_id: string; token: string }) {
  const res = await fetch(`${apiBase}/api/v1/chat/session/${session.session_id}`, { headers: { authorization: `Bearer ${session.token}` } });
  if (!res.ok) throw new Error(`transcript: HTTP ${res.status}`);
  return (await res.json()) as { messages: { seq: number; role: string; content: string }[]; last_event_id: number };
}

/**
 * A customer's own web site on another origin (another loopback port), serving
 * whatever pages a test registers. Loopback on purpose: Chromium refuses
 * requests from a non-local page to 127.0.0.1 (local network access).
 */
export async function startHostSite(): Promise<{ origin: string; pages: Map<string, string>; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const body = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { origin: `http://127.0.0.1:${port}`, pages, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export interface AxeViolation {
  id: string;
  impact: string;
  targets: string[];
}

let axeSource: string | undefined;

/**
 * Every axe-core violation on `page` (within the elements `include` selects, when given), with the nodes it
 * names. axe is injected as an inline script: open the page in a `bypassCSP` context where its CSP forbids one.
 * @example expect((await axeViolations(page)).filter(isSerious)).toEqual([]);
 */
export async function axeViolations(page: Page, include?: string): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(path.join(projectRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (selector) => {
    type Result = { violations: { id: string; impact: string; nodes: { target: unknown }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<Result> } }).axe;
    const r = await axe.run(selector ? { include: [[selector]] } : document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, include);
}

/** A violation that fails a test: serious or critical. */
export const isSerious = (v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical';
