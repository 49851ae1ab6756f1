#!/usr/bin/env node
// `npm run db:reset`: deletes the local D1 (every booking, conversation and change made locally),
// then applies the migrations and loads the seed again. Stop `npm run dev` first.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { prepareLocalDb } from './local-db.mjs';
import { applyOfflineEnv, projectRoot } from './offline-env.mjs';

applyOfflineEnv();
rmSync(path.join(projectRoot, '.wrangler', 'state', 'v3', 'd1'), { recursive: true, force: true });
console.log('Deleted the local D1.');
prepareLocalDb();
