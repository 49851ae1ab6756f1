// Chat turn latency through the real stack (Worker → ChatSession DO → openai client) against the fake
// provider, next to the same completion requested from the fake provider directly (the model's own time),
// at BENCH_SESSIONS concurrent sessions (goal: p50 ≤ 1.15×, p95 ≤ 1.3× the model alone) and at
// BENCH_SESSIONS_HIGH (reported); and a turn's workerd CPU next to GET /health's (goal: ≤ 2.5×).
import OpenAI from 'openai';
import { startFakeOpenAI } from '../test/fake-openai/server.ts';
import { fmt, percentile, startDevServer, timed } from './dev-server.mjs';
import { goal } from './goals.mjs';

async function modelAlone(fakeUrl, sessions, turns) {
  const client = new OpenAI({ apiKey: 'bench', baseURL: fakeUrl, maxRetries: 0 });
  const times = [];
  const run = async (i) => {
    for (let t = 0; t < turns; t++) {
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
  await Promise.all(Array.from({ length: sessions }, (_, i) => run(i)));
  return { times, wallMs: performance.now() - started };
}

// Each simulated visitor has its own address, as on the real network (the per-IP budget is per visitor).
const ipOf = (i) => ({ 'cf-connecting-ip': `198.51.${100 + ((i >> 8) & 3)}.${i & 255}` });

async function openSessions(base, sessions) {
  return Promise.all(
    Array.from({ length: sessions }, async (_, i) => {
      const res = await fetch(`${base}/api/v1/chat/session/new`, { method: 'POST', headers: { 'content-type': 'application/json', ...ipOf(i) }, body: '{}' });
      return { ...(await res.json()), ip: ipOf(i) };
    }),
  );
}

/** `turns` turns in each of `opened` sessions, all sessions at once; each turn's ms and the wall time. */
async function throughApp(base, opened, turns) {
  const times = [];
  const run = async (session, i) => {
    for (let t = 0; t < turns; t++) {
      const started = performance.now();
      const res = await fetch(`${base}/api/v1/chat/message`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}`, ...session.ip },
        body: JSON.stringify({ session_id: session.session_id, message: `hello ${i}.${t}` }),
      });
      const body = await res.json();
      if (res.status !== 200 || body.offline !== false) throw new Error(`turn failed: ${res.status} ${JSON.stringify(body)}`);
      times.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(opened.map(run));
  return { times, wallMs: performance.now() - started };
}

function report(label, model, app, total) {
  const [mp50, mp95, ap50, ap95] = [percentile(model.times, 50), percentile(model.times, 95), percentile(app.times, 50), percentile(app.times, 95)];
  console.log(`\n${label}`);
  console.log('                         p50         p95         throughput');
  console.log(`model alone (baseline)   ${fmt(mp50).padEnd(11)} ${fmt(mp95).padEnd(11)} ${(total / (model.wallMs / 1000)).toFixed(1)} turns/s`);
  console.log(`through Switchboard      ${fmt(ap50).padEnd(11)} ${fmt(ap95).padEnd(11)} ${(total / (app.wallMs / 1000)).toFixed(1)} turns/s`);
  console.log(`overhead ratio (app / model): p50 ${(ap50 / mp50).toFixed(2)}×, p95 ${(ap95 / mp95).toFixed(2)}×; per turn p50 ${fmt(ap50 - mp50)}, p95 ${fmt(ap95 - mp95)}`);
  return { p50: ap50 / mp50, p95: ap95 / mp95 };
}

/** N concurrent sessions × M turns; prints p50/p95, overhead ratio, throughput, CPU per turn and workerd peak RSS. */
export async function benchChat({ sessions, highSessions, turns, latencyMs }) {
  const fake = await startFakeOpenAI({ port: 0, latencyMs });
  const server = await startDevServer({ vars: { OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: fake.url, OPENAI_MODEL: 'bench-model' } });
  try {
    await throughApp(server.base, await openSessions(server.base, sessions), turns); // warm-up: isolate, DO classes, provider connections
    const model = await modelAlone(fake.url, sessions, turns);
    const opened = await openSessions(server.base, sessions);
    const cpuBefore = server.cpuMs();
    const app = await throughApp(server.base, opened, turns);
    const turnCpu = (server.cpuMs() - cpuBefore) / (sessions * turns);
    const ratios = report(`Chat: ${sessions} concurrent sessions × ${turns} turns, fake model latency ${latencyMs} ms`, model, app, sessions * turns);
    goal(`${sessions} sessions: turn p50 / model alone`, ratios.p50, 1.15);
    goal(`${sessions} sessions: turn p95 / model alone`, ratios.p95, 1.3);
    // The floor: what the local runtime spends on the cheapest request, at the same concurrency.
    const healthCount = 400;
    const healthBefore = server.cpuMs();
    await timed(healthCount, sessions, async () => (await fetch(`${server.base}/health`)).arrayBuffer());
    const healthCpu = (server.cpuMs() - healthBefore) / healthCount;
    console.log(`workerd CPU (from /proc, 10 ms ticks): ${turnCpu.toFixed(2)} ms per turn, ${healthCpu.toFixed(2)} ms per GET /health → ${(turnCpu / healthCpu).toFixed(2)}×`);
    goal('turn CPU / GET /health CPU (workerd, /proc)', turnCpu / healthCpu, 2.5);
    // Locally every session's object, the Worker and D1 share workerd's one JS thread, so N turns sent together
    // queue for it: a round of N turns needs N × its CPU of that thread, against the model's latency. Production
    // runs objects on many threads and machines; this is the part of the ratio the local runtime alone imposes.
    const roundShare = (sessions * turnCpu) / latencyMs;
    console.log(
      `one thread: ${sessions} turns × ${turnCpu.toFixed(1)} ms CPU = ${(sessions * turnCpu).toFixed(0)} ms per round of turns, ${(roundShare * 100).toFixed(0)}% of the model's ${latencyMs} ms` +
        ` (at /health's CPU a round would still need ${(sessions * healthCpu).toFixed(0)} ms)`,
    );
    goal(`${sessions} sessions: a round's CPU on one thread / model latency`, roundShare, undefined);
    if (highSessions) {
      const highModel = await modelAlone(fake.url, highSessions, turns);
      const highApp = await throughApp(server.base, await openSessions(server.base, highSessions), turns);
      const high = report(`Chat: ${highSessions} concurrent sessions × ${turns} turns, fake model latency ${latencyMs} ms`, highModel, highApp, highSessions * turns);
      goal(`${highSessions} sessions: turn p50 / model alone`, high.p50, undefined);
      goal(`${highSessions} sessions: turn p95 / model alone`, high.p95, undefined);
    }
    const peakKb = server.peakKb();
    console.log(`workerd peak RSS: ${peakKb ? `${(peakKb / 1024).toFixed(0)} MiB` : 'not found'}`);
  } finally {
    await server.stop();
    await fake.close();
  }
}
