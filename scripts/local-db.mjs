// The local D1: migrations and the idempotent seed, each reported in one line (wrangler's own tables and
// per-statement JSON are shown only when a step fails). `npm run dev` and `npm run db:reset` use the project's
// .wrangler state; the test and bench servers (test/browser/dev-server.ts) pass their own `persistTo`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seedStatements } from '../worker/db/seed.ts';
import { projectRoot } from './offline-env.mjs';

const wrangler = path.join(projectRoot, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

/** Runs the project's wrangler quietly; a failure throws with everything it printed. */
function quietWrangler(args) {
  const result = spawnSync(process.execPath, [wrangler, ...args], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

const persistArgs = (persistTo) => (persistTo ? ['--persist-to', persistTo] : []);

/** Applies pending D1 migrations to the local database; returns the one-line report. */
export function applyLocalMigrations({ persistTo } = {}) {
  const out = quietWrangler(['d1', 'migrations', 'apply', 'DB', '--local', ...persistArgs(persistTo)]);
  const applied = (out.match(/│\s*\d{4}_[\w-]+\.sql\s*│\s*✅/g) ?? []).length;
  return applied ? `Migrations: applied ${applied} to the local D1.` : 'Migrations: the local D1 is up to date.';
}

/** Loads the seed (INSERT OR IGNORE on fixed ids, so rows you changed stay as they are); returns the report. */
export function loadLocalSeed({ persistTo } = {}) {
  const statements = seedStatements();
  const seedFile = path.join(persistTo ?? path.join(projectRoot, '.wrangler'), 'seed.sql');
  mkdirSync(path.dirname(seedFile), { recursive: true });
  writeFileSync(seedFile, statements.join('\n') + '\n');
  quietWrangler(['d1', 'execute', 'DB', '--local', ...persistArgs(persistTo), '--file', seedFile]);
  return `Seed: ${statements.length} demo rows checked in the local D1 (existing rows kept).`;
}

/** For the npm scripts: the migrations and the seed, a line each; on failure wrangler's output and exit 1. */
export function prepareLocalDb() {
  try {
    console.log(applyLocalMigrations());
    console.log(loadLocalSeed());
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
