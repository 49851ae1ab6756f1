#!/usr/bin/env node
// `npm run dev`: local secrets on first run, D1 migrations, the idempotent seed, then `wrangler dev` on 127.0.0.1:8787
// (or $PORT), offline.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seedStatements } from '../worker/db/seed.ts';
import { devVarsPath } from './local-config.mjs';
import { applyOfflineEnv, projectRoot } from './offline-env.mjs';

applyOfflineEnv();
const wrangler = path.join(projectRoot, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const run = (args) => {
  const result = spawnSync(process.execPath, [wrangler, ...args], { stdio: 'inherit', cwd: projectRoot });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!existsSync(devVarsPath)) {
  copyFileSync(path.join(projectRoot, '.dev.vars.example'), devVarsPath);
  const text = readFileSync(devVarsPath, 'utf8').replace(/^JWT_SECRET=.*$/m, `JWT_SECRET=${randomBytes(32).toString('hex')}`);
  writeFileSync(devVarsPath, text);
  console.log('Created .dev.vars with a fresh JWT_SECRET (offline model: no OPENAI_API_KEY set).');
}

run(['d1', 'migrations', 'apply', 'DB', '--local']);
const seedFile = path.join(projectRoot, '.wrangler', 'seed.sql');
mkdirSync(path.dirname(seedFile), { recursive: true });
writeFileSync(seedFile, seedStatements().join('\n') + '\n');
run(['d1', 'execute', 'DB', '--local', '--file', seedFile]);

// PORT moves the dev server (e.g. PORT=8788 npm run dev) when 8787 is taken.
const dev = spawn(process.execPath, [wrangler, 'dev', '--ip', '127.0.0.1', '--port', process.env.PORT ?? '8787', ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: projectRoot,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code) => process.exit(code ?? 0));
