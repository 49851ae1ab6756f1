import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { applyOfflineEnv } from './scripts/offline-env.mjs';

applyOfflineEnv();

/** The HS256 secret tests sign their tokens with (test-only; never a real secret). */
export const TEST_JWT_SECRET = 'test-secret-for-vitest-only-0123456789abcdef';

// wrangler checks `secrets.required` against the process env; the binding below is what the Worker sees.
process.env.JWT_SECRET ??= TEST_JWT_SECRET;

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'migrations'));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.jsonc' },
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'warn' },
        },
      }),
    ],
    test: {
      include: ['test/**/*.test.ts'],
      setupFiles: ['./test/setup.ts'],
      // Starts the fake OpenAI server in Node; tests get its URL via inject('fakeOpenAIUrl').
      globalSetup: ['./test/global-setup.ts'],
    },
  };
});
