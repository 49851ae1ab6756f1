#!/usr/bin/env node
// `npm run dev`: local secrets on first run, D1 migrations, the idempotent seed, then `wrangler dev` on 127.0.0.1:8787
// (or $PORT), offline.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { prepareLocalDb } from './local-db.mjs';
import { devVarsPath, localConfig, missingSecrets } from './local-config.mjs';
import { applyOfflineEnv, projectRoot } from './offline-env.mjs';

applyOfflineEnv();

if (!existsSync(devVarsPath)) {
  copyFileSync(path.join(projectRoot, '.dev.vars.example'), devVarsPath);
  const text = readFileSync(devVarsPath, 'utf8').replace(/^JWT_SECRET=.*$/m, `JWT_SECRET=${randomBytes(32).toString('hex')}`);
  writeFileSync(devVarsPath, text);
  console.log('Created .dev.vars with a fresh JWT_SECRET (offline model: no OPENAI_API_KEY set).');
}

const missing = missingSecrets(await localConfig());
if (missing.length) {
  console.error(`Cannot start: ${missing.join('; ')} — set it in .dev.vars (see .dev.vars.example) or delete .dev.vars to have a new one made.`);
  process.exit(1);
}

prepareLocalDb();

// PORT moves the dev server (e.g. PORT=8788 npm run dev) when 8787 is taken.
const port = process.env.PORT ?? '8787';
const wrangler = path.join(projectRoot, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const dev = spawn(process.execPath, [wrangler, 'dev', '--ip', '127.0.0.1', '--port', port, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: projectRoot,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code) => process.exit(code ?? 0));
