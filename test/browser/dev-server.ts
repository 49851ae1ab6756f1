/**
 * Starts the real product for browser tests: `wrangler dev` (which runs the
 * widget build as its build step) on a free loopback port, against a temporary
 * `--persist-to` directory that first gets the D1 migrations and the seed.
 * Offline model unless vars say otherwise, a fixed test-only JWT secret,
 * nothing outside loopback. The benches (bench/) start their servers with it too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyLocalMigrations, loadLocalSeed } from '../../scripts/local-db.mjs';
import { applyOfflineEnv, projectRoot } from '../../scripts/offline-env.mjs';

export interface DevServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  persistDir: string;
  /** What wrangler printed (for diagnosing a failed start). */
  output(): string;
  stop(): Promise<void>;
}

const wranglerBin = path.join(projectRoot, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

/** A port the OS says is free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer ${url} within ${timeoutMs} ms`);
}

export interface DevServerOptions {
  vars?: Record<string, string>;
  timeoutMs?: number;
  /** Another wrangler config (e.g. a bench-only Worker); default wrangler.jsonc. */
  configPath?: string;
  /** Share an existing server's persisted state instead of a fresh, migrated and seeded one (left in place on stop). */
  persistDir?: string;
  /** What to poll until the server answers; default /health. */
  healthPath?: string;
  /** Open wrangler's DevTools inspector on this port (bench/profile.mjs takes CPU profiles through it). */
  inspectorPort?: number;
}

/** A fresh persist directory with the D1 migrations applied and the seed loaded (as `npm run dev` does). */
function seededPersistDir(): string {
  const persistDir = mkdtempSync(path.join(tmpdir(), 'switchboard-dev-'));
  applyLocalMigrations({ persistTo: persistDir });
  loadLocalSeed({ persistTo: persistDir });
  return persistDir;
}

/** The env var naming a server's persist dir in its processes' environment (benches find its workerd by it). */
export const DEV_DIR_ENV = 'SWITCHBOARD_DEV_DIR';

/**
 * For tests that book fixed dates in 2030 (so "in the past" never trips on the real clock): the shipped 90-day
 * booking horizon would refuse them, so they open the calendar ten years ahead (as vitest.config.ts does).
 */
export const FIXED_DATE_HORIZON = { BOOKING_HORIZON_DAYS: '3650' } as const;

/**
 * Starts `wrangler dev` on a free port. A port found free can be taken by another process before wrangler
 * binds it (other servers starting at the same time): then it starts again on a new one, at most three times.
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  applyOfflineEnv();
  const ownsState = options.persistDir === undefined;
  const persistDir = options.persistDir ?? seededPersistDir();
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOn(await freePort(), persistDir, ownsState, options);
    } catch (err) {
      if (attempt < 3 && /Address already in use/.test((err as Error).message)) continue;
      if (ownsState) rmSync(persistDir, { recursive: true, force: true });
      throw err;
    }
  }
}

async function startOn(port: number, persistDir: string, ownsState: boolean, options: DevServerOptions): Promise<DevServer> {
  const vars = { JWT_SECRET: 'browser-test-secret-0123456789abcdef0123456789', LOG_LEVEL: 'error', DEV_LOGIN: 'true', ...options.vars };
  let output = '';
  const child = spawn(
    process.execPath,
    [
      wranglerBin,
      'dev',
      ...(options.configPath ? ['-c', options.configPath] : []),
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--persist-to',
      persistDir,
      '--show-interactive-dev-session=false',
      ...(options.inspectorPort ? ['--inspector-port', String(options.inspectorPort)] : []),
      ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
    ],
    // node_modules/.bin first so wrangler's build command runs on this Node (22), like `npm run`.
    {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        [DEV_DIR_ENV]: persistDir,
        PATH: `${path.join(projectRoot, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      },
    },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const kill = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  };
  const stop = async () => {
    await kill();
    if (ownsState) rmSync(persistDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(`${url}${options.healthPath ?? '/health'}`, child, options.timeoutMs ?? 90_000);
  } catch (err) {
    // The state stays for another attempt (startDevServer removes it when it gives up).
    await kill();
    throw new Error(`${(err as Error).message}\n--- wrangler output ---\n${output.slice(-4000)}`);
  }
  return { url, port, persistDir, output: () => output, stop };
}
