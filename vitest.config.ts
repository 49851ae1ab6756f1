import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { unstable_readConfig } from 'wrangler';
import { defineConfig } from 'vitest/config';
import { applyOfflineEnv } from './scripts/offline-env.mjs';

applyOfflineEnv();

/** The HS256 secret tests sign their tokens with (test-only; never a real secret). */
export const TEST_JWT_SECRET = 'test-secret-for-vitest-only-0123456789abcdef';

const migrations = await readD1Migrations(path.join(import.meta.dirname, 'migrations'));

/**
 * The pool reads the developer's .dev.vars as `wrangler dev` does (every key: wrangler.jsonc has no `secrets`
 * block), so tests pin every setting a .dev.vars may hold: each var to its wrangler.jsonc value, and each name
 * .dev.vars.example mentions (set or commented out, e.g. OPENAI_API_KEY) to empty unless it is a var.
 */
function hermeticSettings(): Record<string, string> {
  const { vars } = unstable_readConfig({ config: path.join(import.meta.dirname, 'wrangler.jsonc') });
  const example = readFileSync(path.join(import.meta.dirname, '.dev.vars.example'), 'utf8');
  const mentioned = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
  return { ...Object.fromEntries(mentioned.map((name) => [name, ''])), ...(vars as Record<string, string>) };
}

// DEV_LOGIN and CODE_SENDER=log are off in wrangler.jsonc (so deploys never ship them) and on for tests, as .dev.vars turns them on for dev.
// BOOKING_HORIZON_DAYS: workerd tests book fixed dates in 2030 (so "in the past" never trips on the real clock)
// through HTTP, where the clock cannot be pinned; a 90-day horizon would refuse them all. The horizon itself is
// tested with a pinned clock and its shipped default (test/booking-rules.test.ts).
const baseBindings = {
  ...hermeticSettings(),
  TEST_MIGRATIONS: migrations,
  JWT_SECRET: TEST_JWT_SECRET,
  LOG_LEVEL: 'warn',
  DEV_LOGIN: 'true',
  CODE_SENDER: 'log',
  BOOKING_HORIZON_DAYS: '3650',
  // The bearer secret a Prometheus scraper presents on GET /metrics (test-only).
  METRICS_TOKEN: 'test-metrics-token-0123456789',
};

/** The same bindings with a provider key, pointed at the fake OpenAI server that globalSetup started. */
const providerBindings = (inject: <T>(key: string) => T) => ({
  ...baseBindings,
  OPENAI_API_KEY: 'sk-test-fake',
  OPENAI_BASE_URL: inject<string>('fakeOpenAIUrl'),
  OPENAI_MODEL: 'fake-model',
});

export default defineConfig({
  test: {
    // Starts the fake OpenAI and realtime servers in Node; configs get their URLs via inject().
    globalSetup: ['./test/global-setup.ts'],
    projects: [
      {
        // The product as `npm run dev` runs it: no provider key, so the offline model answers.
        extends: true,
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.jsonc' }, miniflare: { bindings: baseBindings } })],
        test: { name: 'offline', setupFiles: ['./test/setup.ts'], include: ['test/**/*.test.ts'], exclude: ['test/provider/**', 'test/browser/**', 'test/e2e/**', 'test/eval/**', 'test/voice/relay/**', 'test/unit/**'] },
      },
      {
        // A configured deployment: OPENAI_API_KEY set (pointed at the fake provider) and a list of allowed origins.
        extends: true,
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: './wrangler.jsonc' },
            miniflare: {
              bindings: {
                ...providerBindings(inject),
                MODEL_PRICES: JSON.stringify({ 'fake-model': { input: 100_000, output: 200_000 } }),
                // A deployment that lists its sites, rather than the shipped default (empty: its own origin only).
                ALLOWED_ORIGINS: 'https://shop.example,https://www.shop.example',
              },
            },
          })),
        ],
        test: { name: 'provider', setupFiles: ['./test/setup.ts'], include: ['test/provider/**/*.test.ts'] },
      },
      {
        // Voice enabled: the realtime upstream is the fake realtime server (and the text model the fake provider).
        extends: true,
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: './wrangler.jsonc' },
            miniflare: {
              bindings: {
                ...providerBindings(inject),
                OPENAI_REALTIME_URL: inject<string>('fakeRealtimeUrl'),
                OPENAI_REALTIME_MODEL: 'gpt-realtime-mini',
                VOICE_ENABLED: 'true',
              },
            },
          })),
        ],
        test: { name: 'voice', setupFiles: ['./test/setup.ts'], include: ['test/voice/relay/**/*.test.ts'] },
      },
      {
        // Pure modules (the offline engine's parsers, zone arithmetic, the analyser, the import graph) in plain Node:
        // no runtime to start, so table-driven cases stay cheap.
        test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts'] },
      },
      {
        // Against a real `wrangler dev` (started by the tests), in Node, not workerd: the widget in Chromium, MCP + OAuth over HTTP.
        test: { name: 'browser', environment: 'node', globalSetup: ['./test/browser/prerequisites.ts'], include: ['test/browser/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000 },
      },
      {
        // A newcomer's path, in Node: a fresh copy of the project, the real `npm run dev` with the .dev.vars it
        // writes, and every shell example of README.md run against it.
        test: { name: 'e2e', environment: 'node', include: ['test/e2e/**/*.test.ts', 'test/eval/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 180_000 },
      },
    ],
  },
});
