import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { applyOfflineEnv } from './scripts/offline-env.mjs';

applyOfflineEnv();

/** The HS256 secret tests sign their tokens with (test-only; never a real secret). */
export const TEST_JWT_SECRET = 'test-secret-for-vitest-only-0123456789abcdef';

// wrangler checks `secrets.required` against the process env; the binding below is what the Worker sees.
process.env.JWT_SECRET ??= TEST_JWT_SECRET;

const migrations = await readD1Migrations(path.join(import.meta.dirname, 'migrations'));
const baseBindings = { TEST_MIGRATIONS: migrations, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'warn' };

export default defineConfig({
  test: {
    // Starts the fake OpenAI server in Node; tests get its URL via inject('fakeOpenAIUrl').
    globalSetup: ['./test/global-setup.ts'],
    projects: [
      {
        // The product as `npm run dev` runs it: no provider key, so the offline model answers.
        extends: true,
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.jsonc' }, miniflare: { bindings: baseBindings } })],
        test: { name: 'offline', setupFiles: ['./test/setup.ts'], include: ['test/**/*.test.ts'], exclude: ['test/provider/**', 'test/browser/**'] },
      },
      {
        // A configured deployment: OPENAI_API_KEY set (pointed at the fake provider) and a list of allowed origins.
        extends: true,
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: './wrangler.jsonc' },
            miniflare: {
              bindings: {
                ...baseBindings,
                OPENAI_API_KEY: 'sk-test-fake',
                OPENAI_BASE_URL: inject<string>('fakeOpenAIUrl'),
                OPENAI_MODEL: 'fake-model',
                MODEL_PRICES: JSON.stringify({ 'fake-model': { input: 100_000, output: 200_000 } }),
                // A deployment that lists its sites, rather than the dev default '*'.
                ALLOWED_ORIGINS: 'https://shop.example,https://www.shop.example',
              },
            },
          })),
        ],
        test: { name: 'provider', setupFiles: ['./test/setup.ts'], include: ['test/provider/**/*.test.ts'] },
      },
      {
        // The widget in real Chromium against `wrangler dev` (started by the tests), in Node, not workerd.
        test: { name: 'browser', environment: 'node', include: ['test/browser/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000 },
      },
    ],
  },
});
