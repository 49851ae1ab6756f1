// The local D1 that `npm run dev` serves: migrations and the idempotent seed, each reported in one line
// (wrangler's own tables and per-statement JSON are shown only when a step fails).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seedStatements } from '../worker/db/seed.ts';
import { projectRoot } from './offline-env.mjs';

const wrangler = path.join(projectRoot, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

/** Runs the project's wrangler quietly; on failure prints what it said and exits with its status. */
function quietWrangler(args) {
  const result = spawnSync(process.execPath, [wrangler, ...args], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout}${result.stderr}`);
    console.error(`wrangler ${args.join(' ')} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
  return result.stdout;
}

/** Applies pending D1 migrations to the local database. */
export function applyLocalMigrations() {
  const out = quietWrangler(['d1', 'migrations', 'apply', 'DB', '--local']);
  const applied = (out.match(/│\s*\d{4}_[\w-]+\.sql\s*│\s*✅/g) ?? []).length;
  console.log(applied ? `Migrations: applied ${applied} to the local D1.` : 'Migrations: the local D1 is up to date.');
}

/** Loads the seed (INSERT OR IGNORE on fixed ids, so rows you changed stay as they are). */
export function loadLocalSeed() {
  const statements = seedStatements();
  const seedFile = path.join(projectRoot, '.wrangler', 'seed.sql');
  mkdirSync(path.dirname(seedFile), { recursive: true });
  writeFileSync(seedFile, statements.join('\n') + '\n');
  quietWrangler(['d1', 'execute', 'DB', '--local', '--file', seedFile]);
  console.log(`Seed: ${statements.length} demo rows checked in the local D1 (existing rows kept).`);
}
