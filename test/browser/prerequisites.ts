/**
 * Vitest globalSetup of the browser project: before any browser test starts, checks the system
 * programs they drive, and stops with one line naming what is missing and how to install it
 * (never a skip, never a launch failure's stack trace). It ends the whole run: `npm test` is
 * all or nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM } from './helpers.ts';

/** Debian/Ubuntu package of each program the browser tests need. */
const NEEDED = [
  { program: CHROMIUM, package: 'chromium', why: 'the browser' },
  { program: 'espeak-ng', package: 'espeak-ng', why: 'the voice test speaks with it' },
  { program: 'sox', package: 'sox', why: 'the voice test resamples with it' },
];

const found = (program: string) => (program.includes('/') ? existsSync(program) : spawnSync('sh', ['-c', `command -v ${program}`]).status === 0);

/** Names the missing programs and the command that installs them; null when all are there. */
export function missingPrerequisites(): string | null {
  const missing = NEEDED.filter((n) => !found(n.program));
  if (!missing.length) return null;
  const names = missing.map((n) => `${n.program} (${n.why})`).join(', ');
  return `Browser tests need ${names}: install with \`sudo apt-get install -y ${NEEDED.map((n) => n.package).join(' ')}\` (or set CHROMIUM_PATH).`;
}

export default function checkPrerequisites(): void {
  const problem = missingPrerequisites();
  if (!problem) return;
  // Thrown errors here come out after a misleading "No test files found"; the line alone says it all.
  console.error(problem);
  process.exit(1);
}
