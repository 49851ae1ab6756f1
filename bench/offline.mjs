// The offline model's turn cost through the real stack (Worker → ChatSession DO → dialogue engine → tools on
// D1), with no provider key, playing the eval suite's own customer messages; next to `GET /health` measured in
// the same run at the same concurrency (the local runtime's floor for a request).
import { SCENARIOS } from '../test/eval/scenarios/index.ts';
import { fmt, percentile, startDevServer } from './dev-server.mjs';

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

/** Plays `scenarios` as chat conversations, `concurrency` at a time; each turn's ms (and, with `onTurn`, its response). */
export async function conversations(base, scenarios, concurrency, onTurn) {
  const times = [];
  await pool(scenarios, concurrency, async (scenario, i) => {
    const ip = ipOf(i);
    const opened = await (await fetch(`${base}/api/v1/chat/session/new`, { method: 'POST', headers: { 'content-type': 'application/json', ...ip }, body: JSON.stringify(scenario.session ?? {}) })).json();
    for (const said of scenario.turns) {
      const started = performance.now();
      const res = await fetch(`${base}/api/v1/chat/message`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${opened.token}`, ...ip },
        body: JSON.stringify({ session_id: opened.session_id, message: said }),
      });
      const body = await res.json();
      if (res.status !== 200 || body.offline !== true) throw new Error(`turn failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      times.push(performance.now() - started);
      onTurn?.(res, body);
    }
  });
  return times;
}

/** Every eval scenario without a set-up booking, `concurrency` conversations at a time. */
export async function benchOffline({ concurrency }) {
  const scenarios = SCENARIOS.filter((s) => !s.setup);
  const server = await startDevServer();
  try {
    await conversations(server.base, scenarios.slice(0, 10), concurrency); // warm-up
    const floor = await health(server.base, 400, concurrency);
    const started = performance.now();
    const turns = await conversations(server.base, scenarios, concurrency);
    const wall = performance.now() - started;
    const [h50, h95, t50, t95] = [percentile(floor, 50), percentile(floor, 95), percentile(turns, 50), percentile(turns, 95)];
    console.log(`\nOffline model: ${scenarios.length} eval conversations (${turns.length} turns), ${concurrency} at a time, no provider key`);
    console.log('                         p50         p95         throughput');
    console.log(`GET /health (baseline)   ${fmt(h50).padEnd(11)} ${fmt(h95).padEnd(11)}`);
    console.log(`offline turn             ${fmt(t50).padEnd(11)} ${fmt(t95).padEnd(11)} ${(turns.length / (wall / 1000)).toFixed(1)} turns/s`);
    console.log(`ratio (turn / health): p50 ${(t50 / h50).toFixed(2)}×, p95 ${(t95 / h95).toFixed(2)}×; goal: turn p95 < 50 ms (${t95 < 50 ? 'met' : 'NOT met'})`);
    console.log(`workerd peak RSS: ${server.peakKb() ? `${(server.peakKb() / 1024).toFixed(0)} MiB` : 'not found'}`);
  } finally {
    await server.stop();
  }
}
