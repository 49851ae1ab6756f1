/**
 * The widget's markdown subset in real Chromium: hostile model text (script and
 * img tags, javascript:/data: links, HTML entities) comes out as inert text,
 * and only http(s) links become anchors.
 */
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../widget/build.mjs';
import { launchChromium } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('markdown rendering', () => {
  it('never turns model text into markup or unsafe links', async () => {
    const bundle = await build({
      entryPoints: [path.join(projectRoot, 'widget', 'src', 'markdown.ts')],
      bundle: true,
      format: 'iife',
      globalName: 'md',
      write: false,
    });
    const page = await browser.newPage();
    await page.setContent('<!doctype html><div id="out"></div>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const hostile = [
      'Hi <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2">',
      '- [click](javascript:window.__pwned=3)',
      '- [data](data:text/html,<b>x</b>) and **bold** and [ok](https://brightside.example/pricing)',
      '1. &lt;b&gt;entity&lt;/b&gt; see https://brightside.example/faq.',
    ].join('\n');
    const result = await page.evaluate((text) => {
      const out = document.getElementById('out')!;
      out.append((window as unknown as { md: { renderMarkdown(d: Document, t: string): DocumentFragment } }).md.renderMarkdown(document, text));
      return {
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? 0,
        tags: [...out.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()),
        hrefs: [...out.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        text: out.textContent,
      };
    }, hostile);
    await page.waitForTimeout(50);
    expect(result.pwned).toBe(0);
    expect(result.tags).not.toContain('script');
    expect(result.tags).not.toContain('img');
    expect(result.tags).toEqual(expect.arrayContaining(['p', 'ul', 'ol', 'li', 'strong', 'a']));
    expect(result.hrefs).toEqual(['https://brightside.example/pricing', 'https://brightside.example/faq']);
    expect(result.text).toContain('<script>window.__pwned = 1</script>');
    expect(result.text).toContain('&lt;b&gt;entity&lt;/b&gt;');
    await page.close();
  });
});
