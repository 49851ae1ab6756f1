// Runs in workerd before each test file: the real migrations, then the seed, on the real local D1.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { seedDatabase } from '../worker/db/seed';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await seedDatabase(env.DB);
