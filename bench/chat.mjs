// Chat turn latency through the real stack (Worker → ChatSession DO → openai client) against the fake
// provider, next to the same completion requested from the fake provider directly (the model's own time).
import OpenAI from 'openai';
import { startFakeOpenAI } from '../test/fake-openai/server.ts';
import { fmt, percentile, startDevServer } from './dev-server.mjs';

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

async function throughApp(base, sessions, turns) {
  const times = [];
  const run = async (i) => {
    // Each simulated visitor has its own address, as on the real network (the per-IP budget is per visitor).
    const ip = { 'cf-connecting-ip': `198.51.${100 + ((i >> 8) & 3)}.${i & 255}` };
    const opened = await (await fetch(`${base}/api/v1/chat/session/new`, { method: 'POST', headers: { 'content-type': 'application/json', ...ip }, body: '{}' })).json();
    for (let t = 0; t < turns; t++) {
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
  await Promise.all(Array.from({ length: sessions }, (_, i) => run(i)));
  return { times, wallMs: performance.now() - started };
}

/** N concurrent sessions × M turns; prints p50/p95, overhead ratio, throughput and workerd peak RSS. */
export async function benchChat({ sessions, turns, latencyMs }) {
  const fake = await startFakeOpenAI({ port: 0, latencyMs });
  const server = await startDevServer({ vars: { OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: fake.url, OPENAI_MODEL: 'bench-model' } });
  try {
    await throughApp(server.base, sessions, turns); // warm-up: isolate, DO classes, provider connections
    const model = await modelAlone(fake.url, sessions, turns);
    const app = await throughApp(server.base, sessions, turns);
    const [mp50, mp95, ap50, ap95] = [percentile(model.times, 50), percentile(model.times, 95), percentile(app.times, 50), percentile(app.times, 95)];
    const total = sessions * turns;
    const peakKb = server.peakKb();
    console.log(`\nChat: ${sessions} concurrent sessions × ${turns} turns, fake model latency ${latencyMs} ms`);
    console.log('                         p50         p95         throughput');
    console.log(`model alone (baseline)   ${fmt(mp50).padEnd(11)} ${fmt(mp95).padEnd(11)} ${(total / (model.wallMs / 1000)).toFixed(1)} turns/s`);
    console.log(`through Switchboard      ${fmt(ap50).padEnd(11)} ${fmt(ap95).padEnd(11)} ${(total / (app.wallMs / 1000)).toFixed(1)} turns/s`);
    console.log(`overhead ratio (app / model): p50 ${(ap50 / mp50).toFixed(2)}×, p95 ${(ap95 / mp95).toFixed(2)}×; per turn p50 ${fmt(ap50 - mp50)}, p95 ${fmt(ap95 - mp95)}`);
    console.log(`workerd peak RSS: ${peakKb ? `${(peakKb / 1024).toFixed(0)} MiB` : 'not found'}`);
  } finally {
    await server.stop();
    await fake.close();
  }
}
