/**
 * The widget bundle's budget and hygiene, in Node: built exactly as wrangler's
 * build step builds it (without writing), gzipped size within the budget, and
 * no eval-like or HTML-injecting code in its sources or its output.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { buildWidget, GZIP_BUDGET, projectRoot } from '../../widget/build.mjs';

const SRC = path.join(projectRoot, 'widget', 'src');

describe('widget bundle', () => {
  it(`is at most ${GZIP_BUDGET / 1024} KB gzipped`, async () => {
    const r = await buildWidget({ write: false });
    console.log(`widget bundle: ${r.name}, ${(r.bytes / 1024).toFixed(1)} KB, ${(r.gzip / 1024).toFixed(1)} KB gzipped (budget ${GZIP_BUDGET / 1024} KB)`);
    expect(r.name).toMatch(/^widget\.[0-9a-f]{10}\.js$/);
    expect(r.gzip).toBeLessThanOrEqual(GZIP_BUDGET);
  });

  it('never uses eval, new Function, innerHTML or document.write', async () => {
    const banned = /\beval\s*\(|new Function\s*\(|\.innerHTML\b|\.outerHTML\s*=|insertAdjacentHTML|document\.write/;
    for (const file of readdirSync(SRC)) {
      expect(readFileSync(path.join(SRC, file), 'utf8'), file).not.toMatch(banned);
    }
    const out = await build({ entryPoints: [path.join(SRC, 'index.ts')], bundle: true, minify: true, write: false, define: { __WIDGET_VERSION__: '"test"' } });
    expect(out.outputFiles[0]!.text).not.toMatch(banned);
  });
});
