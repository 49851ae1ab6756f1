/**
 * The demo site's static pages against the real product (`wrangler dev`, one
 * server and one Chromium for the file): every page names a favicon that the
 * server actually serves, /favicon.ico answers (browsers ask for it unprompted),
 * and the header of the demo page fits a phone: no horizontal scrolling, no
 * header items on top of each other, none cut off by the viewport or the header.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from './dev-server';
import { ARTIFACTS, launchChromium } from './helpers';

let server: DevServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDevServer(), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function withPage<T>(viewport: { width: number; height: number }, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport });
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

interface Box {
  name: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** How many line boxes the element's text takes (an inline link broken over two lines reports 2). */
  lines: number;
  /** Content wider or taller than the element's own box (text cut off by overflow or a fixed size). */
  overflows: boolean;
}

/** The viewport, the page's scroll width, the header's box and the boxes of the items in it (the logo and each nav link). */
function headerLayout(page: Page) {
  return page.evaluate(() => {
    const header = document.querySelector('header')!;
    const items = [...header.querySelectorAll<HTMLElement>('.logo, nav a')];
    const box = (el: Element) => el.getBoundingClientRect();
    return {
      innerWidth: window.innerWidth,
      scrollWidth: document.documentElement.scrollWidth,
      header: (({ left, right, top, bottom }) => ({ left, right, top, bottom }))(box(header)),
      items: items.map((el) => {
        const r = box(el);
        // Line boxes of the element's text (a flex item is a block, so its own client rects would not show a wrapped label).
        const range = document.createRange();
        range.selectNodeContents(el);
        let lines = 0;
        let lineBottom = -Infinity;
        for (const c of [...range.getClientRects()].filter((c) => c.width > 0).sort((a, b) => a.top - b.top)) {
          if ((c.top + c.bottom) / 2 > lineBottom) lines++; // below the line so far (a fallback font's glyph can be taller than the line)
          lineBottom = Math.max(lineBottom, c.bottom);
        }
        const style = getComputedStyle(el);
        const block = style.display !== 'inline';
        return {
          name: (el.textContent ?? '').trim(),
          left: r.left,
          right: r.right,
          top: r.top,
          bottom: r.bottom,
          lines,
          overflows: block && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1),
        };
      }),
    };
  });
}

const overlap = (a: Box, b: Box) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;

describe('demo site', () => {
  it('serves /favicon.ico and /favicon.svg as images', async () => {
    for (const [p, type] of [
      ['/favicon.ico', /^image\/(x-icon|vnd\.microsoft\.icon)/],
      ['/favicon.svg', /^image\/svg\+xml/],
    ] as const) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type'), p).toMatch(type);
      expect((await res.arrayBuffer()).byteLength, p).toBeGreaterThan(0);
    }
    // A real ICO: reserved 0, type 1 (icon), at least one image.
    const ico = new DataView(await (await fetch(`${server.url}/favicon.ico`)).arrayBuffer());
    expect([ico.getUint16(0, true), ico.getUint16(2, true), ico.getUint16(4, true) >= 1]).toEqual([0, 1, true]);
  });

  it('links an icon, served by the server, from every page', async () => {
    await withPage({ width: 1280, height: 800 }, async (page) => {
      for (const p of ['/', '/embed.html', '/kb.html?id=1', '/console.html']) {
        await page.goto(`${server.url}${p}`);
        const icons = await page.$$eval('link[rel~="icon"]', (links) => links.map((l) => (l as HTMLLinkElement).href));
        expect(icons.length, `${p} links no icon`).toBeGreaterThan(0);
        for (const href of icons) {
          const res = await fetch(href);
          expect(res.status, `${p}: ${href}`).toBe(200);
          expect(res.headers.get('content-type'), `${p}: ${href}`).toMatch(/^image\//);
        }
      }
    });
  });

  for (const width of [390, 320, 1280]) {
    it(`fits the header at ${width} px: no horizontal overflow, nothing overlapping or clipped`, async () => {
      await withPage({ width, height: width >= 1000 ? 800 : 844 }, async (page) => {
        await page.goto(`${server.url}/`);
        await page.locator('header .logo').waitFor();
        await page.screenshot({ path: path.join(ARTIFACTS, `site-${width}.png`) });
        const layout = await headerLayout(page);
        expect(layout.innerWidth).toBe(width);
        expect(layout.scrollWidth, 'page scrolls sideways').toBeLessThanOrEqual(layout.innerWidth);
        expect(layout.items.map((i) => i.name)).toEqual(['☀ Brightside', 'Services', 'About', 'Embed the widget']);
        const problems: string[] = [];
        for (const [i, a] of layout.items.entries()) {
          if (a.left < 0 || a.right > layout.innerWidth) problems.push(`${a.name} outside the viewport (${a.left}..${a.right})`);
          if (a.top < layout.header.top || a.bottom > layout.header.bottom) problems.push(`${a.name} outside the header (${a.top}..${a.bottom} vs ${layout.header.top}..${layout.header.bottom})`);
          if (a.lines !== 1) problems.push(`${a.name} broken over ${a.lines} lines`);
          if (a.overflows) problems.push(`${a.name} overflows its box`);
          for (const b of layout.items.slice(i + 1)) if (overlap(a, b)) problems.push(`${a.name} overlaps ${b.name}`);
        }
        expect(problems).toEqual([]);
        if (width >= 1000) {
          // Desktop as before: one row, logo at the left, nav at the right.
          const [logo, ...links] = layout.items;
          const middle = (b: Box) => (b.top + b.bottom) / 2;
          for (const l of links) expect(Math.abs(middle(l) - middle(logo!)), l.name).toBeLessThan(4);
          expect(links.every((l) => l.left > logo!.right)).toBe(true);
          expect(layout.header.bottom - layout.header.top).toBeLessThanOrEqual(70);
        }
      });
    });
  }
});
