// Throwaway `wrangler dev` servers for benchmarks — the same starter the browser tests use
// (test/browser/dev-server.ts: its own migrated, seeded D1 on a free loopback port) — and the
// /proc readings the benches report for the workerd processes behind one.
import { readdirSync, readFileSync } from 'node:fs';
import { DEV_DIR_ENV, startDevServer as startThrowaway } from '../test/browser/dev-server.ts';

export const BENCH_JWT_SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';

/** The pids of the workerd processes serving the dev server whose persist dir is `persist`. */
export function workerdPids(persist) {
  const pids = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('workerd')) continue;
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').includes(`${DEV_DIR_ENV}=${persist}`)) pids.push(pid);
    } catch {
      // The process went away while we looked.
    }
  }
  return pids;
}

/** Reads `/proc/<pid>/<file>` of a process that may have gone meanwhile. */
export function procFile(pid, file) {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Starts `wrangler dev` with `vars` (a bench JWT secret unless given) and `options` of the shared starter.
 * @returns base URL, the persist dir, peakKb() of its workerd processes, and stop().
 */
export async function startDevServer({ vars = {}, ...options } = {}) {
  const server = await startThrowaway({ ...options, vars: { JWT_SECRET: BENCH_JWT_SECRET, ...vars } });
  return {
    base: server.url,
    persist: server.persistDir,
    /** Peak resident memory (VmHWM, kB) summed over this server's workerd processes. */
    peakKb() {
      return workerdPids(server.persistDir).reduce((kb, pid) => kb + Number(/VmHWM:\s+(\d+)/.exec(procFile(pid, 'status'))?.[1] ?? 0), 0);
    },
    /** CPU ms used so far by this server's workerd processes (read before and after a batch). */
    cpuMs: () => cpuMs(server.persistDir),
    stop: () => server.stop(),
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

/** CPU time (user + system, ms) the server's workerd processes have used so far, from /proc/<pid>/stat. */
export function cpuMs(persist) {
  const tick = 10; // CLK_TCK is 100 on Linux: one tick is 10 ms
  return workerdPids(persist).reduce((ms, pid) => {
    const stat = procFile(pid, 'stat');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ms + (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * tick;
  }, 0);
}

/** The median of `values` (several same-run measurements). */
export const median = (values) => percentile(values, 50);
