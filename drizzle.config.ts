import { defineConfig } from 'drizzle-kit';

// drizzle-kit writes SQL into wrangler's migrations_dir; wrangler applies it.
export default defineConfig({
  dialect: 'sqlite',
  schema: './worker/db/schema.ts',
  out: './migrations',
});
