// The browser project checks the system programs it drives before any test, and a machine without one
// gets one line naming it and the install command: run for real, as `npx vitest run --project browser`.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/offline-env.mjs';

describe('browser test prerequisites', () => {
  it('a missing Chromium stops the run with one line that names it and the apt command', () => {
    const r = spawnSync('npx', ['vitest', 'run', '--project', 'browser'], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', FORCE_COLOR: '0' },
      timeout: 120_000,
    });
    expect(r.status).toBe(1);
    const lines = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.includes('/nonexistent/chromium'));
    expect(lines).toEqual(['Browser tests need /nonexistent/chromium (the browser): install with `sudo apt-get install -y chromium espeak-ng sox` (or set CHROMIUM_PATH).']);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/^\s+at /m);
  });
});
