#!/usr/bin/env node
// Runs the project's wrangler with the offline environment: `node scripts/wrangler.mjs d1 migrations apply DB --local`.
import { spawnSync } from 'node:child_process';
import { applyOfflineEnv, projectRoot } from './offline-env.mjs';
import path from 'node:path';

applyOfflineEnv();
const bin = path.join(projectRoot, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const result = spawnSync(process.execPath, [bin, ...process.argv.slice(2)], { stdio: 'inherit', cwd: projectRoot });
process.exit(result.status ?? 1);
