// The offline model's turn cost through the real stack (Worker → ChatSession DO → dialogue engine → tools on
// D1), with no provider key, playing the eval suite's own customer messages; next to `GET /health` measured in
// the same run at the same concurrency (the local runtime's floor for a request).
import { SCENARIOS } from '../test/eval/scenarios/index.ts';
import { fmt, percentile, startDevServer } from './dev-server.mjs';
import { goal } from './goals.mjs';

const ipOf = (i) => ({ 'cf-connecting-ip': `198.51.${100 + ((i >> 8) & 3)}.${i & 255}` });

async function pool(items, concurrency, work) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next], next++);
  }));
}

export async function health(base, requests, concurrency) {
  const times = [];
  await pool(Array.from({ length: requests }), concurrency, async () => {
    const started = performance.now();
    const res = await fetch(`${base}/health`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`/health ${res.status}`);
    times.push(performance.now() - started);
  });
  return times;
}

/** Opens scenario `i`'s chat session (each conversation its own visitor address). */
async function openConversation(base, scenario, i) {
  const ip = ipOf(i);
  const res = await fetch(`${base}/api/v1/chat/session/new`, { method: 'POST', headers: { 'content-type': 'application/json', ...ip }, body: JSON.stringify(scenario.session ?? {}) });
  return { ...(await res.json()), ip };
}

/** Opens every scenario's session first (`opened` for conversations(), so that only the turns are measured). */
export const openConversations = (base, scenarios) => Promise.all(scenarios.map((s, i) => openConversation(base, s, i)));

/**
 * Plays `scenarios` as chat conversations, `concurrency` at a time; each turn's ms (and, with `onTurn`, its response).
 * Every turn must be answered by the offline engine, or with `{ offline: false }` by the configured model.
 * Sessions are opened as each conversation starts, or taken from `opened` (openConversations, same order).
 */
export async function conversations(base, scenarios, concurrency, onTurn, { offline = true, opened } = {}) {
  const times = [];
  await pool(scenarios, concurrency, async (scenario, i) => {
    const session = opened?.[i] ?? (await openConversation(base, scenario, i));
    for (const said of scenario.turns) {
      const started = performance.now();
      const res = await fetch(`${base}/api/v1/chat/message`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}`, ...session.ip },
        body: JSON.stringify({ session_id: session.session_id, message: said }),
      });
      const body = await res.json();
      if (res.status !== 200 || body.offline !== offline) throw new Error(`turn failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      times.push(performance.now() - started);
      onTurn?.(res, body);
    }
  });
  return times;
}

/** The numbers of a Server-Timing header (`d1;desc="2", do-storage;desc="14"` → { d1: 2, 'do-storage': 14 }). */
export function serverTimingCounts(header) {
  const out = {};
  for (const m of (header ?? '').matchAll(/([\w-]+);desc="(\d+)"/g)) out[m[1]] = Number(m[2]);
  return out;
}

/** Every eval scenario without a set-up booking, `concurrency` conversations at a time. */
export async function benchOffline({ concurrency }) {
  const scenarios = SCENARIOS.filter((s) => !s.setup);
  // SERVER_TIMING: each reply says what its turn cost in D1 round trips and storage operations.
  const server = await startDevServer({ vars: { SERVER_TIMING: 'true' } });
  try {
    await conversations(server.base, scenarios.slice(0, 10), concurrency); // warm-up
    const healthBefore = server.cpuMs();
    const floor = await health(server.base, 400, concurrency);
    const healthCpu = (server.cpuMs() - healthBefore) / floor.length;
    const ops = [];
    const started = performance.now();
    const cpuBefore = server.cpuMs();
    const turns = await conversations(server.base, scenarios, concurrency, (res, body) => ops.push({ ...serverTimingCounts(res.headers.get('server-timing')), tools: body.function_calls.length }));
    const turnCpu = (server.cpuMs() - cpuBefore) / turns.length;
    const wall = performance.now() - started;
    const [h50, h95, t50, t95] = [percentile(floor, 50), percentile(floor, 95), percentile(turns, 50), percentile(turns, 95)];
    console.log(`\nOffline model: ${scenarios.length} eval conversations (${turns.length} turns), ${concurrency} at a time, no provider key`);
    console.log('                         p50         p95         throughput');
    console.log(`GET /health (baseline)   ${fmt(h50).padEnd(11)} ${fmt(h95).padEnd(11)}`);
    console.log(`offline turn             ${fmt(t50).padEnd(11)} ${fmt(t95).padEnd(11)} ${(turns.length / (wall / 1000)).toFixed(1)} turns/s`);
    console.log(`ratio (turn / health): p50 ${(t50 / h50).toFixed(2)}×, p95 ${(t95 / h95).toFixed(2)}×`);
    console.log(`workerd CPU (from /proc, 10 ms ticks, session/new excluded): ${turnCpu.toFixed(2)} ms per offline turn, ${healthCpu.toFixed(2)} ms per GET /health → ${(turnCpu / healthCpu).toFixed(2)}×`);
    const pick = (rows, key, p) => percentile(rows.map((r) => r[key] ?? 0), p);
    const noTools = ops.filter((r) => r.tools === 0);
    console.log('round trips per turn (counted in the session)   p50   p95   max');
    for (const [label, rows] of [['all turns', ops], ['turns with no tool call', noTools]]) {
      for (const [name, key] of [['D1 before the reply', 'd1'], ['D1 after the reply', 'd1-after-reply'], ['DO storage before the reply', 'do-storage'], ['DO storage after the reply', 'do-storage-after-reply']]) {
        if (!rows.length) continue;
        console.log(`  ${`${label}: ${name}`.padEnd(46)} ${String(pick(rows, key, 50)).padStart(4)} ${String(pick(rows, key, 95)).padStart(5)} ${String(Math.max(...rows.map((r) => r[key] ?? 0))).padStart(5)}`);
      }
    }
    console.log(`  tool calls per turn: p50 ${pick(ops, 'tools', 50)}, p95 ${pick(ops, 'tools', 95)}; D1 round trips per tool call (before the reply): ${(ops.reduce((n, r) => n + (r.d1 ?? 0), 0) / Math.max(1, ops.reduce((n, r) => n + r.tools, 0))).toFixed(2)}`);
    console.log(`workerd peak RSS: ${server.peakKb() ? `${(server.peakKb() / 1024).toFixed(0)} MiB` : 'not found'}`);
    goal(`offline turn p95 (${concurrency} at a time) [#10]`, t95, 50, 'ms', { strict: true });
    goal('offline turn CPU / GET /health CPU (workerd, /proc)', turnCpu / healthCpu, undefined);
    goal('D1 round trips after the reply per turn (p95)', pick(ops, 'd1-after-reply', 95), 1, 'trips');
    goal('D1 round trips before the reply, turns with no tool call (p95)', noTools.length ? pick(noTools, 'd1', 95) : 0, 0, 'trips');
  } finally {
    await server.stop();
  }
}
