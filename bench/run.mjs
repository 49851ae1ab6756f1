#!/usr/bin/env node
// `npm run bench`: chat turn latency through the real stack (wrangler dev → Worker → ChatSession DO →
// openai client) against the fake provider at a fixed latency, next to a baseline measured in the same
// run: the same completion requested from the fake provider directly. Prints p50/p95, the app's
// overhead over the model's own time as a ratio, throughput and workerd's peak memory.
//   BENCH_SESSIONS (default 20) concurrent sessions × BENCH_TURNS (default 5) turns, BENCH_LATENCY_MS (default 200).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { startFakeOpenAI } from '../test/fake-openai/server.ts';
import { seedStatements } from '../worker/db/seed.ts';
import { applyOfflineEnv, projectRoot } from '../scripts/offline-env.mjs';

applyOfflineEnv();
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 20);
const TURNS = Number(process.env.BENCH_TURNS ?? 5);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 200);
const PORT = Number(process.env.BENCH_PORT ?? 8797);
const wrangler = path.join(projectRoot, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const fmt = (ms) => `${ms.toFixed(1)} ms`;

/** Peak resident memory (VmHWM, kB) of every workerd process on the machine that belongs to this run. */
function workerdPeakKb(persistDir) {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('workerd')) continue;
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8');
      if (!env.includes(persistDir) && !cmd.includes(persistDir)) continue;
      const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (hwm) total += Number(hwm[1]);
    } catch {
      // The process went away while we looked.
    }
  }
  return total;
}

async function waitForHealth(url, timeoutMs = 60_000) {
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

async function baseline(fakeUrl) {
  // The model's own time: the same streamed completion the session asks for, straight from the fake.
  const client = new OpenAI({ apiKey: 'bench', baseURL: fakeUrl, maxRetries: 0 });
  const times = [];
  const run = async (i) => {
    for (let t = 0; t < TURNS; t++) {
      const started = performance.now();
      const stream = await client.chat.completions.create({
        model: 'bench-model',
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: `hello ${i}.${t}` }],
      });
      for await (const _chunk of stream) void _chunk;
      times.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: SESSIONS }, (_, i) => run(i)));
  return { times, wallMs: performance.now() - started };
}

async function throughApp(base) {
  const times = [];
  const run = async (i) => {
    // Each simulated visitor has its own address, as on the real network (the per-IP budget is per visitor).
    const ip = { 'cf-connecting-ip': `198.51.${100 + ((i >> 8) & 3)}.${i & 255}` };
    const opened = await (await fetch(`${base}/api/v1/chat/session/new`, { method: 'POST', headers: { 'content-type': 'application/json', ...ip }, body: '{}' })).json();
    for (let t = 0; t < TURNS; t++) {
      const started = performance.now();
      const res = await fetch(`${base}/api/v1/chat/message`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${opened.token}`, ...ip },
        body: JSON.stringify({ session_id: opened.session_id, message: `hello ${i}.${t}` }),
      });
      const body = await res.json();
      if (res.status !== 200 || body.offline !== false) throw new Error(`turn failed: ${res.status} ${JSON.stringify(body)}`);
      times.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: SESSIONS }, (_, i) => run(i)));
  return { times, wallMs: performance.now() - started };
}

const fake = await startFakeOpenAI({ port: 0, latencyMs: LATENCY });
const persist = mkdtempSync(path.join(tmpdir(), 'switchboard-bench-'));
const secret = 'bench-secret-0123456789abcdef0123456789abcdef';
let dev;
try {
  const seedFile = path.join(persist, 'seed.sql');
  writeFileSync(seedFile, seedStatements().join('\n'));
  for (const args of [
    ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist],
    ['d1', 'execute', 'DB', '--local', '--persist-to', persist, '--file', seedFile],
  ]) {
    const r = spawnSync(process.execPath, [wrangler, ...args], { cwd: projectRoot, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed`);
  }
  const vars = { JWT_SECRET: secret, OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: fake.url, OPENAI_MODEL: 'bench-model', LOG_LEVEL: 'error' };
  dev = spawn(
    process.execPath,
    [wrangler, 'dev', '--ip', '127.0.0.1', '--port', String(PORT), '--persist-to', persist, ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`])],
    { cwd: projectRoot, stdio: 'ignore', env: { ...process.env, SWITCHBOARD_BENCH_DIR: persist } },
  );
  const base = `http://127.0.0.1:${PORT}`;
  await waitForHealth(`${base}/health`);
  // Warm up the isolate and the provider connection before measuring.
  await throughApp(base).catch((err) => {
    throw new Error(`warm-up failed: ${err.message}`);
  });

  const model = await baseline(fake.url);
  const app = await throughApp(base);
  const mp50 = percentile(model.times, 50);
  const mp95 = percentile(model.times, 95);
  const ap50 = percentile(app.times, 50);
  const ap95 = percentile(app.times, 95);
  const peakKb = workerdPeakKb(persist);
  const turns = SESSIONS * TURNS;
  console.log(`\nSwitchboard chat benchmark: ${SESSIONS} concurrent sessions × ${TURNS} turns, fake model latency ${LATENCY} ms\n`);
  console.log('                         p50         p95        throughput');
  console.log(`model alone (baseline)   ${fmt(mp50).padEnd(11)} ${fmt(mp95).padEnd(11)} ${(turns / (model.wallMs / 1000)).toFixed(1)} turns/s`);
  console.log(`through Switchboard      ${fmt(ap50).padEnd(11)} ${fmt(ap95).padEnd(11)} ${(turns / (app.wallMs / 1000)).toFixed(1)} turns/s`);
  console.log(`\noverhead ratio (app / model): p50 ${(ap50 / mp50).toFixed(2)}×, p95 ${(ap95 / mp95).toFixed(2)}×`);
  console.log(`app overhead per turn: p50 ${fmt(ap50 - mp50)}, p95 ${fmt(ap95 - mp95)}`);
  console.log(`workerd peak RSS: ${peakKb ? `${(peakKb / 1024).toFixed(0)} MiB` : 'not found'}`);
} finally {
  dev?.kill('SIGTERM');
  await fake.close();
  await new Promise((r) => setTimeout(r, 500));
  rmSync(persist, { recursive: true, force: true });
}
