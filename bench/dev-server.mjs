// A throwaway `wrangler dev` for benchmarks: its own persisted D1 (migrated and seeded), its own port, extra vars.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedStatements } from '../worker/db/seed.ts';
import { applyOfflineEnv, projectRoot } from '../scripts/offline-env.mjs';

applyOfflineEnv();
const wrangler = path.join(projectRoot, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
export const BENCH_JWT_SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';

async function waitForHealth(url, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer ${url} within ${timeoutMs} ms`);
}

/**
 * Starts `wrangler dev` on `port` with `vars` (JWT_SECRET is always set).
 * @returns base URL, the persist dir, peakKb() of its workerd processes, and stop().
 */
export async function startDevServer({ port, vars = {} }) {
  const persist = mkdtempSync(path.join(tmpdir(), 'switchboard-bench-'));
  const seedFile = path.join(persist, 'seed.sql');
  writeFileSync(seedFile, seedStatements().join('\n'));
  for (const args of [
    ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist],
    ['d1', 'execute', 'DB', '--local', '--persist-to', persist, '--file', seedFile],
  ]) {
    const r = spawnSync(process.execPath, [wrangler, ...args], { cwd: projectRoot, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed`);
  }
  const allVars = { JWT_SECRET: BENCH_JWT_SECRET, LOG_LEVEL: 'error', ...vars };
  const dev = spawn(
    process.execPath,
    [wrangler, 'dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist, ...Object.entries(allVars).flatMap(([k, v]) => ['--var', `${k}:${v}`])],
    { cwd: projectRoot, stdio: 'ignore', env: { ...process.env, SWITCHBOARD_BENCH_DIR: persist } },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(`${base}/health`);
  return {
    base,
    persist,
    /** Peak resident memory (VmHWM, kB) summed over this server's workerd processes. */
    peakKb() {
      let total = 0;
      for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
        try {
          if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('workerd')) continue;
          if (!readFileSync(`/proc/${pid}/environ`, 'utf8').includes(persist)) continue;
          const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
          if (hwm) total += Number(hwm[1]);
        } catch {
          // The process went away while we looked.
        }
      }
      return total;
    },
    async stop() {
      dev.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      rmSync(persist, { recursive: true, force: true });
    },
  };
}

export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
export const fmt = (ms) => `${ms.toFixed(1)} ms`;

/** Runs `fn` `count` times, `concurrency` at a time; returns each call's ms and the wall time. */
export async function timed(count, concurrency, fn) {
  const times = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await fn(i);
        times.push(performance.now() - t0);
      }
    }),
  );
  return { times, wallMs: performance.now() - started };
}
