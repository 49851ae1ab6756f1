/**
 * The widget bundle's budget and hygiene, in Node: built exactly as wrangler's
 * build step builds it (without writing), gzipped size within the budget, the
 * voice mode in its own chunk (not in the chat bundle every visitor downloads),
 * and no eval-like or HTML-injecting code in its sources or its output.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { buildWidget, GZIP_BUDGET, projectRoot } from '../../widget/build.mjs';

const SRC = path.join(projectRoot, 'widget', 'src');

describe('widget bundle', () => {
  it(`is at most ${GZIP_BUDGET / 1024} KB gzipped, chat bundle, voice chunk and worklet together`, async () => {
    const r = await buildWidget({ write: false });
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(
      `widget: chat ${r.name} ${kb(r.bundleBytes)} (${kb(r.bundleGzip)} gzipped), voice ${r.voiceName} ${kb(r.voiceBytes)} (${kb(r.voiceGzip)} gzipped), worklet ${kb(r.workletGzip)} gzipped; all ${kb(r.gzip)} gzipped (budget ${kb(GZIP_BUDGET)})`,
    );
    expect(r.name).toMatch(/^widget\.[0-9a-f]{10}\.js$/);
    expect(r.voiceName).toMatch(/^voice\.[0-9a-f]{10}\.js$/);
    expect(r.gzip).toBeLessThanOrEqual(GZIP_BUDGET);
  });

  it('keeps the voice mode out of the chat bundle (it is fetched on the first call)', async () => {
    const chat = await build({ entryPoints: [path.join(SRC, 'index.ts')], bundle: true, minify: true, write: false, metafile: true });
    const inputs = Object.keys(chat.metafile.inputs);
    expect(inputs.filter((f) => /widget\/src\/voice(-audio)?\.ts$/.test(f))).toEqual([]);
    expect(chat.outputFiles[0]!.text).not.toMatch(/getUserMedia|audioWorklet/);
    const voice = await build({ entryPoints: [path.join(SRC, 'voice-chunk.ts')], bundle: true, minify: true, write: false });
    expect(voice.outputFiles[0]!.text).toMatch(/getUserMedia/);
  });

  it('never uses eval, new Function, innerHTML or document.write', async () => {
    const banned = /\beval\s*\(|new Function\s*\(|\.innerHTML\b|\.outerHTML\s*=|insertAdjacentHTML|document\.write/;
    const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files).toContain(path.join('core', 'socket.ts'));
    for (const file of files) {
      expect(readFileSync(path.join(SRC, file), 'utf8'), file).not.toMatch(banned);
    }
    for (const entry of ['index.ts', 'voice-chunk.ts']) {
      const out = await build({ entryPoints: [path.join(SRC, entry)], bundle: true, minify: true, write: false, define: { __WIDGET_VERSION__: '"test"' } });
      expect(out.outputFiles[0]!.text, entry).not.toMatch(banned);
    }
  });
});
