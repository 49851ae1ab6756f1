#!/usr/bin/env node
// `npm run -s db:seed-sql > seed.sql`: the demo seed as SQL, for `wrangler d1 execute DB --remote --file seed.sql`.
import { seedStatements } from '../worker/db/seed.ts';

process.stdout.write(seedStatements().join('\n') + '\n');
