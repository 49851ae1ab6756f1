#!/usr/bin/env node
// `npm run bench:profile`: a CPU profile of workerd while offline chat turns run. Starts `wrangler dev`
// with `--inspector-port` (the same throwaway server the benches use), connects to its DevTools protocol
// over WebSocket, opens the eval conversations' sessions, and between Profiler.start and Profiler.stop plays
// their turns (BENCH_PROFILE_TURNS, 300, BENCH_PROFILE_CONCURRENCY, 1, at a time). Writes bench/out/turns-<time>.cpuprofile
// (open it in Chrome DevTools → Performance, or speedscope) and prints the top self-time functions,
// aggregated by function and script, and by script. BENCH_PROFILE_MODEL=fake profiles model turns instead:
// the fake OpenAI server (0 ms latency) answers through the real openai client, as in the chat bench: each
// session gets 5 short turns.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SCENARIOS } from '../test/eval/scenarios/index.ts';
import { freePort } from '../test/browser/dev-server.ts';
import { startFakeOpenAI } from '../test/fake-openai/server.ts';
import { startDevServer } from './dev-server.mjs';
import { conversations, openConversations } from './offline.mjs';

/** A minimal DevTools protocol client: send(method, params) → result. */
async function devtools(url) {
  // wrangler's inspector proxy wants a local Origin (DevTools sends one; Node's WebSocket does not by default).
  const ws = new WebSocket(url, { headers: { Origin: 'http://localhost' } });
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true });
    ws.addEventListener('error', () => reject(new Error(`could not connect to ${url}`)), { once: true });
  });
  let next = 1;
  const waiting = new Map();
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data));
    const pending = waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id);
    if (message.error) pending.reject(new Error(`${message.error.message}`));
    else pending.resolve(message.result);
  });
  return {
    send(method, params = {}) {
      const id = next++;
      ws.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
    },
    close: () => ws.close(),
  };
}

/** The inspector's targets (wrangler's proxy lists the user Worker's isolate), retried while it starts. */
async function targets(port) {
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      const list = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
      if (list.length) return list;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no inspector targets on port ${port}`);
}

/**
 * Time per key from a .cpuprofile (sample counts × the mean sampling interval): each sample counts for the
 * keys `keysOf(nodeId, byId, parent)` gives it (its own frame for self time, every frame on its stack for total).
 */
function timesBy(profile, keysOf, skip = /^$/) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const samples = profile.samples?.length ?? 0;
  const perSample = samples ? totalMs / samples : 0;
  const counts = new Map();
  for (const id of profile.samples ?? []) for (const key of keysOf(id, byId, parent)) counts.set(key, (counts.get(key) ?? 0) + 1);
  const rows = [...counts].filter(([key]) => !skip.test(key)).map(([key, n]) => ({ key, ms: n * perSample, share: n / samples }));
  return { totalMs, rows: rows.sort((a, b) => b.ms - a.ms) };
}

/** Self time per key. */
export const selfTimes = (profile, keyOf) => timesBy(profile, (id, byId) => [keyOf(byId.get(id).callFrame)]);

/** Total (inclusive) time per key: each sample counts once for every distinct key on its stack. */
export function totalTimes(profile, keyOf) {
  const onStack = (id, byId, parent) => {
    const keys = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) keys.add(keyOf(byId.get(at).callFrame));
    return keys;
  };
  return timesBy(profile, onStack, /^\((root|idle|program)\)/);
}

/** Opens `count` chat sessions (each visitor its own address). */
async function openSessions(base, count) {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const ip = { 'cf-connecting-ip': `203.0.${113 + ((i >> 8) & 1)}.${i & 255}` };
      const res = await fetch(`${base}/api/v1/chat/session/new`, { method: 'POST', headers: { 'content-type': 'application/json', ...ip }, body: '{}' });
      return { ...(await res.json()), ip };
    }),
  );
}

/** `turns` short turns in each opened session, `concurrency` sessions at a time, as the chat bench sends them; each turn's ms. */
async function sessionTurns(base, opened, turns, concurrency) {
  const times = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < opened.length) {
      const session = opened[next++];
      for (let t = 0; t < turns; t++) {
        const started = performance.now();
        const res = await fetch(`${base}/api/v1/chat/message`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}`, ...session.ip },
          body: JSON.stringify({ session_id: session.session_id, message: `hello ${t}` }),
        });
        const body = await res.json();
        if (res.status !== 200 || body.offline !== false) throw new Error(`turn failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
        times.push(performance.now() - started);
      }
    }
  }));
  return times;
}

const shortUrl = (url) => (url ? url.replace(/^.*\/(\.wrangler|node_modules)\//, '$1/').slice(-60) : '(native)');
const frameKey = (f) => `${f.functionName || '(anonymous)'}  ${shortUrl(f.url)}:${f.lineNumber + 1}`;

/**
 * The CPU profiler of a `wrangler dev` started with `inspectorPort` (the user Worker's isolate):
 * `await profiler.start()`, the work, then `await profiler.stop()` for the .cpuprofile.
 */
export async function isolateProfiler(inspectorPort) {
  const list = await targets(inspectorPort);
  const target = list.find((t) => !/internal/i.test(t.title ?? '')) ?? list[0];
  const client = await devtools(target.webSocketDebuggerUrl);
  return {
    title: target.title,
    async start() {
      await client.send('Profiler.enable');
      await client.send('Profiler.setSamplingInterval', { interval: 200 });
      await client.send('Profiler.start');
    },
    async stop() {
      const { profile } = await client.send('Profiler.stop');
      client.close();
      return profile;
    },
  };
}

/**
 * Writes `profile` to bench/out/<name>-<time>.cpuprofile and prints its busy time per `unit` (`units` of them:
 * turns, frames…) and the `top` functions by self and by total time, and self time by script.
 */
export function reportProfile(profile, { name, heading, units, unit, top }) {
  const out = path.join(import.meta.dirname, 'out');
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  const byFunction = selfTimes(profile, frameKey);
  const byScript = selfTimes(profile, (f) => shortUrl(f.url));
  const busy = byFunction.rows.filter((r) => !/^\((idle|program|garbage collector)\)/.test(r.key)).reduce((s, r) => s + r.ms, 0);
  console.log(`\n${heading}`);
  console.log(`profile ${byFunction.totalMs.toFixed(0)} ms, of which not idle ${busy.toFixed(0)} ms = ${(busy / units).toFixed(3)} ms per ${unit} (isolate's JS + GC)`);
  console.log(`written: ${path.relative(process.cwd(), file)}`);
  console.log(`\nTop ${top} self time by function:`);
  for (const r of byFunction.rows.slice(0, top)) console.log(`${r.ms.toFixed(1).padStart(8)} ms ${(100 * r.share).toFixed(1).padStart(5)}%  ${r.key}`);
  console.log(`\nTop ${top} total time (self + callees, once per sample) by function:`);
  for (const r of totalTimes(profile, frameKey).rows.slice(0, top)) console.log(`${r.ms.toFixed(1).padStart(8)} ms ${(100 * r.share).toFixed(1).padStart(5)}%  ${r.key}`);
  console.log('\nSelf time by script:');
  for (const r of byScript.rows.slice(0, 12)) console.log(`${r.ms.toFixed(1).padStart(8)} ms ${(100 * r.share).toFixed(1).padStart(5)}%  ${r.key}`);
}

export async function profileTurns({ turns, concurrency, top, model }) {
  const inspectorPort = await freePort();
  const fake = model === 'fake' ? await startFakeOpenAI({ port: 0, latencyMs: 0 }) : undefined;
  const vars = fake ? { OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: fake.url, OPENAI_MODEL: 'bench-model' } : undefined;
  const server = await startDevServer({ inspectorPort, ...(vars ? { vars } : {}) });
  try {
    const profiler = await isolateProfiler(inspectorPort);
    // Enough conversations for `turns` turns (the list repeats when it is shorter).
    const all = SCENARIOS.filter((s) => !s.setup);
    const picked = [];
    for (let count = 0, i = 0; count < turns; i++) {
      picked.push(all[i % all.length]);
      count += all[i % all.length].turns.length;
    }
    const expect = { offline: !fake };
    await conversations(server.base, all.slice(0, 10), concurrency, undefined, expect); // warm-up: isolate, DO class, caches
    // Only turns are profiled: the sessions are opened first (model turns: as the chat bench sends them).
    const opened = fake ? await openSessions(server.base, Math.ceil(turns / 5)) : await openConversations(server.base, picked);
    await profiler.start();
    const started = performance.now();
    const times = fake ? await sessionTurns(server.base, opened, 5, concurrency) : await conversations(server.base, picked, concurrency, undefined, { ...expect, opened });
    const wall = performance.now() - started;
    const profile = await profiler.stop();
    reportProfile(profile, {
      name: 'turns',
      heading: `CPU profile: ${times.length} ${fake ? 'model (fake provider)' : 'offline'} turns, ${concurrency} at a time, ${wall.toFixed(0)} ms wall; target "${profiler.title}"`,
      units: times.length,
      unit: 'turn',
      top,
    });
  } finally {
    await server.stop();
    await fake?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await profileTurns({
    turns: Number(process.env.BENCH_PROFILE_TURNS ?? 300),
    concurrency: Number(process.env.BENCH_PROFILE_CONCURRENCY ?? 1),
    top: Number(process.env.BENCH_PROFILE_TOP ?? 30),
    model: process.env.BENCH_PROFILE_MODEL ?? 'offline',
  });
}
