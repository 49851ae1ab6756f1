// Voice relay latency: what the session's Durable Object adds to each audio frame, in each direction, next to
// the same client talking to the same fake realtime upstream directly, measured in the same run.
//
// The fake upstream runs in this process, so a frame's send time (stamped into its PCM payload) and its arrival
// time are read from one clock. Client → upstream: the client sends `input_audio_buffer.append` every 40 ms and the
// fake (its onEvent hook) times each arrival. Upstream → client: from the first append of a connection the fake
// sends `response.output_audio.delta` every 40 ms and the client times each arrival (through the DO it arrives as
// our `response.audio.delta`). Every frame is checked byte for byte: the relay must pass audio through unchanged.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { startFakeRealtime } from '../test/fake-realtime/server.ts';
import { VOICE_SUBPROTOCOL } from '../worker/protocol/voice.ts';
import { freePort } from '../test/browser/dev-server.ts';
import { fmt, percentile, procFile, startDevServer, workerdPids } from './dev-server.mjs';
import { isolateProfiler, reportProfile } from './profile.mjs';
import { goal } from './goals.mjs';
import WS from 'ws';

const FRAME_MS = 40;
const FRAME_BYTES = (24_000 * 2 * FRAME_MS) / 1000; // PCM16 mono 24 kHz: 1920 bytes
const MAGIC = 0x53574243;
const UP = 0;
const DOWN = 1;

// A frame: magic, phase, call, seq, direction (u32 LE each), the sender's performance.now() (f64 at 24),
// then a pattern of the other fields up to FRAME_BYTES.
function frame(phase, call, seq, dir) {
  const b = Buffer.allocUnsafe(FRAME_BYTES);
  b.writeUInt32LE(MAGIC, 0);
  b.writeUInt32LE(phase, 4);
  b.writeUInt32LE(call, 8);
  b.writeUInt32LE(seq, 12);
  b.writeUInt32LE(dir, 16);
  b.writeUInt32LE(0, 20);
  for (let i = 32; i < FRAME_BYTES; i++) b[i] = (i * 31 + call * 7 + seq * 13 + dir * 101 + phase) & 0xff;
  b.writeDoubleLE(performance.now(), 24);
  return b.toString('base64');
}

/** The tag of a received frame and its one-way latency; `intact` is false if any byte differs from what was sent. */
function read(base64, now) {
  const b = Buffer.from(base64, 'base64');
  if (b.length < 32 || b.readUInt32LE(0) !== MAGIC) return undefined;
  const tag = { phase: b.readUInt32LE(4), call: b.readUInt32LE(8), seq: b.readUInt32LE(12), dir: b.readUInt32LE(16), ms: now - b.readDoubleLE(24) };
  let intact = b.length === FRAME_BYTES && b.readUInt32LE(20) === 0;
  for (let i = 32; intact && i < FRAME_BYTES; i++) intact = b[i] === ((i * 31 + tag.call * 7 + tag.seq * 13 + tag.dir * 101 + tag.phase) & 0xff);
  return { ...tag, intact };
}

/** CPU seconds (user + system) so far of the dev server's workerd processes (those persisting to `persist`), and their pids. */
function workerdCpu(persist) {
  const pids = workerdPids(persist);
  let ticks = 0;
  for (const pid of pids) {
    const fields = procFile(pid, 'stat').split(') ')[1]?.split(' ');
    if (fields) ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  }
  return { seconds: ticks / 100, pids: pids.join(',') }; // USER_HZ
}

/** CPU seconds all processes on this machine have used so far (user, nice, system, irq, softirq, steal). */
function machineCpuSeconds() {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) / 100;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const eventId = (() => {
  let n = 0;
  return () => `event_bench${(n++).toString(36)}`;
})();

/** What one measured run (one path, one concurrency) collected. */
function newPhase(id, calls, frames) {
  return { id, calls, frames, up: [], down: [], upFirst: Infinity, upLast: 0, downFirst: Infinity, downLast: 0, corrupt: 0, errors: {}, upPerCall: new Array(calls).fill(0) };
}

/** The fake upstream with the bench's hook: times appends, and answers a connection's first append with a stream of deltas. */
async function startUpstream(phases) {
  const streaming = new Set();
  const fake = await startFakeRealtime({
    port: 0,
    onEvent(event, conn) {
      if (event.type !== 'input_audio_buffer.append') return false; // session.update gets its session.updated
      const now = performance.now();
      const tag = read(event.audio, now);
      const phase = tag && phases.get(tag.phase);
      if (!phase) return true;
      if (!tag.intact || tag.dir !== UP) phase.corrupt++;
      phase.up.push(tag.ms);
      phase.upPerCall[tag.call]++;
      phase.upLast = now;
      if (!streaming.has(conn.id)) {
        streaming.add(conn.id);
        void speak(conn, phase, tag.call);
      }
      return true;
    },
  });
  return fake;
}

/** The fake model's reply: `frames` audio deltas every FRAME_MS, each stamped as it is sent, framed by a response. */
async function speak(conn, phase, call) {
  const responseId = `resp_bench_${phase.id}_${call}`;
  const itemId = `item_bench_${phase.id}_${call}`;
  conn.send({ type: 'response.created', event_id: eventId(), response: { id: responseId, object: 'realtime.response', status: 'in_progress', output: [] } });
  conn.send({ type: 'response.output_item.added', event_id: eventId(), response_id: responseId, output_index: 0, item: { id: itemId, type: 'message', role: 'assistant', status: 'in_progress', content: [] } });
  const started = performance.now();
  for (let seq = 0; seq < phase.frames && conn.open; seq++) {
    const wait = started + seq * FRAME_MS - performance.now();
    if (wait > 0) await sleep(wait);
    if (!conn.open) break;
    if (seq === 0) phase.downFirst = Math.min(phase.downFirst, performance.now());
    conn.send({ type: 'response.output_audio.delta', event_id: eventId(), response_id: responseId, item_id: itemId, output_index: 0, content_index: 0, delta: frame(phase.id, call, seq, DOWN) });
  }
  if (!conn.open) return;
  conn.send({ type: 'response.output_audio_transcript.done', event_id: eventId(), response_id: responseId, item_id: itemId, output_index: 0, content_index: 0, transcript: 'bench' });
  conn.send({ type: 'response.done', event_id: eventId(), response: { id: responseId, object: 'realtime.response', status: 'completed', output: [] } });
}

/**
 * Opens a socket and resolves once `live(message)` says so (the DO's `call.status: live`, or the fake's
 * `session.updated`). `plain`: with the `ws` package offering no permessage-deflate (Node's WebSocket, like a
 * browser's, always offers it, and the local runtime accepts, so every audio frame is deflated and inflated).
 */
function dial(url, init, onOpen, live, { plain = false } = {}) {
  return new Promise((resolve, reject) => {
    const ws = plain ? new WS(url, init, { perMessageDeflate: false }) : new WebSocket(url, init);
    const timer = setTimeout(() => reject(new Error(`${url}: not live within 15 s`)), 15_000);
    ws.addEventListener('open', () => onOpen(ws));
    ws.addEventListener('error', () => reject(new Error(`${url}: socket error`)));
    ws.addEventListener('close', (e) => reject(new Error(`${url}: closed ${e.code} ${e.reason}`)));
    const onMessage = (e) => {
      if (!live(JSON.parse(String(e.data)))) return;
      clearTimeout(timer);
      ws.removeEventListener('message', onMessage);
      resolve(ws);
    };
    ws.addEventListener('message', onMessage);
  });
}

/** Through Switchboard: a session, its token, the DO; `plain`: a client that offers no compression (see dial). */
function relayPath(server, plain) {
  return {
    async open(i) {
      // Each simulated caller has its own address, as on the real network (the per-IP budget is per visitor).
      const headers = { 'content-type': 'application/json', 'cf-connecting-ip': `198.51.${100 + ((i >> 8) & 3)}.${i & 255}` };
      const res = await fetch(`${server.base}/api/v1/chat/session/new`, { method: 'POST', headers, body: '{}' });
      if (res.status !== 201) throw new Error(`session/new ${res.status} ${await res.text()}`);
      const { session_id, token } = await res.json();
      const url = `${server.base.replace('http:', 'ws:')}/api/v1/chat/voice/call?session_id=${encodeURIComponent(session_id)}`;
      return dial(url, [VOICE_SUBPROTOCOL, `bearer.${token}`], () => undefined, (e) => e.type === 'call.status' && e.status === 'live', { plain });
    },
    delta: 'response.audio.delta',
    cpu: () => workerdCpu(server.persist),
    hangUp: (ws) => {
      ws.send(JSON.stringify({ type: 'session.end' }));
      ws.close(1000);
    },
  };
}

/** How one client reaches the upstream: directly (the fake) or through Switchboard (a session, its token, the DO). */
function paths(server, fake) {
  return {
    direct: {
      open: () =>
        dial(
          fake.url,
          { headers: { authorization: 'Bearer bench' } },
          (ws) => ws.send(JSON.stringify({ type: 'session.update', session: { type: 'realtime' } })),
          (e) => e.type === 'session.updated',
        ),
      delta: 'response.output_audio.delta',
      hangUp: (ws) => ws.close(1000),
      cpu: () => workerdCpu(server.persist),
    },
    relay: relayPath(server, false),
    plain: relayPath(server, true),
  };
}

/** `calls` concurrent calls on `path`, each sending and receiving `frames` frames; returns the phase's figures. */
async function run(path, phase) {
  const { calls, frames } = phase;
  const sockets = await Promise.all(Array.from({ length: calls }, (_, i) => path.open(i)));
  const cpu0 = path.cpu();
  const own0 = process.cpuUsage();
  const machine0 = machineCpuSeconds();
  const t0 = performance.now() + 50;
  await Promise.all(
    sockets.map(async (ws, call) => {
      let received = 0;
      let allReceived;
      const done = new Promise((r) => (allReceived = r));
      ws.addEventListener('message', (e) => {
        const now = performance.now();
        const event = JSON.parse(String(e.data));
        if (event.type === 'error') phase.errors[event.code] = (phase.errors[event.code] ?? 0) + 1; // e.g. rate_limited
        if (event.type !== path.delta) return;
        const tag = read(event.delta, now);
        if (!tag || tag.phase !== phase.id) return;
        if (!tag.intact || tag.dir !== DOWN || tag.call !== call) phase.corrupt++;
        phase.down.push(tag.ms);
        phase.downLast = now;
        if (++received === frames) allReceived();
      });
      // Calls are spread over one frame period, as independent callers would be.
      const start = t0 + (call * FRAME_MS) / calls;
      for (let seq = 0; seq < frames; seq++) {
        const wait = start + seq * FRAME_MS - performance.now();
        if (wait > 0) await sleep(wait);
        if (seq === 0) phase.upFirst = Math.min(phase.upFirst, performance.now());
        ws.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: frame(phase.id, call, seq, UP) }));
      }
      await Promise.race([done, sleep(5000)]);
    }),
  );
  // The last appends may still be on their way to the fake.
  for (let i = 0; i < 100 && phase.up.length < calls * frames; i++) await sleep(20);
  const cpu1 = path.cpu();
  const own = process.cpuUsage(own0);
  phase.cpuSeconds = cpu1.seconds - cpu0.seconds;
  phase.ownCpuSeconds = (own.user + own.system) / 1e6;
  // Everything else on the machine (other test runs, builds): it competes with workerd and the clients.
  phase.otherCpuSeconds = Math.max(0, machineCpuSeconds() - machine0 - phase.cpuSeconds - phase.ownCpuSeconds);
  phase.wallSeconds = (performance.now() - t0) / 1000;
  // `wrangler dev` rebuilds and restarts workerd when a source file changes (someone editing the tree mid-run).
  phase.restarted = cpu1.pids !== cpu0.pids;
  for (const [i, ws] of sockets.entries()) {
    if (ws.readyState === 1) path.hangUp(ws, i); // OPEN, for both clients
  }
  await sleep(300);
  return phase;
}

const row = (label, p50, p95, rest = '') => `  ${label.padEnd(30)} ${p50.padEnd(10)} ${p95.padEnd(10)} ${rest}`;
const rate = (n, first, last) => (last > first ? `${(n / ((last - first) / 1000)).toFixed(0)} frames/s` : '-');

function report(calls, direct, relay, plain, peakKb) {
  const added = {};
  console.log(`\n${`${calls} concurrent call${calls === 1 ? '' : 's'}`.padEnd(32)} ${'p50'.padEnd(10)} ${'p95'.padEnd(10)} delivered/expected, rate`);
  for (const [name, key, first, last] of [
    ['client → upstream', 'up', 'upFirst', 'upLast'],
    ['upstream → client', 'down', 'downFirst', 'downLast'],
  ]) {
    const expected = calls * direct.frames;
    const [d50, d95, r50, r95] = [percentile(direct[key], 50), percentile(direct[key], 95), percentile(relay[key], 50), percentile(relay[key], 95)];
    console.log(` ${name}`);
    console.log(row('direct to the fake upstream', fmt(d50), fmt(d95), `${direct[key].length}/${expected}, ${rate(direct[key].length, direct[first], direct[last])}`));
    console.log(row("through the session's DO", fmt(r50), fmt(r95), `${relay[key].length}/${expected}, ${rate(relay[key].length, relay[first], relay[last])}`));
    console.log(row('added by the relay', `+${fmt(r50 - d50)}`, `+${fmt(r95 - d95)}`, `ratio p50 ${(r50 / d50).toFixed(2)}×, p95 ${(r95 / d95).toFixed(2)}×`));
    const [p50, p95] = [percentile(plain[key], 50), percentile(plain[key], 95)];
    console.log(row('  client offers no compression', fmt(p50), fmt(p95), `${plain[key].length}/${expected}, ${rate(plain[key].length, plain[first], plain[last])}`));
    console.log(row('  added by the relay', `+${fmt(p50 - d50)}`, `+${fmt(p95 - d95)}`, `ratio p50 ${(p50 / d50).toFixed(2)}×, p95 ${(p95 / d95).toFixed(2)}×`));
    added[key] = { deflate: r95 - d95, plain: p95 - d95 };
  }
  const perFramePlain = (1e6 * plain.cpuSeconds) / Math.max(1, plain.up.length + plain.down.length);
  const errors = Object.entries(relay.errors).map(([k, v]) => `${k} ×${v}`).join(', ');
  const share = (seconds, p) => `${seconds.toFixed(1)} s (${((100 * seconds) / p.wallSeconds).toFixed(0)}% of a core)`;
  const perFrame = (1e6 * relay.cpuSeconds) / Math.max(1, relay.up.length + relay.down.length);
  console.log(` CPU over the ${relay.wallSeconds.toFixed(1)} s relayed run: workerd ${share(relay.cpuSeconds, relay)}, ~${perFrame.toFixed(0)} µs per relayed frame; this process (clients + fake) ${share(relay.ownCpuSeconds, relay)}`);
  console.log(`   with no compression offered: workerd ${share(plain.cpuSeconds, plain)}, ~${perFramePlain.toFixed(0)} µs per relayed frame`);
  console.log(`   over the direct run: workerd ${share(direct.cpuSeconds, direct)}, this process ${share(direct.ownCpuSeconds, direct)}; workerd peak RSS so far ${peakKb ? `${(peakKb / 1024).toFixed(0)} MiB` : 'not found'}`);
  console.log(`   other processes on this machine (${cpus().length} CPUs): ${share(relay.otherCpuSeconds, relay)} during the relayed run, ${share(direct.otherCpuSeconds, direct)} during the direct run`);
  if (relay.otherCpuSeconds / relay.wallSeconds > 0.25) console.log(' ⚠ the machine was busy with other work during the relayed run: its tail latencies are inflated');
  if (relay.restarted || direct.restarted) console.log(' ⚠ workerd restarted during this run (wrangler dev reloads when a source file changes): these figures are disturbed; run again on a quiet tree');
  console.log(` relay error events: ${errors || 'none'}; frames altered in transit: ${direct.corrupt + relay.corrupt + plain.corrupt}`);
  return added;
}

/**
 * Voice relay latency per audio frame, each way, at each concurrency in `levels`; `seconds` of audio per call.
 * With `profile` (BENCH_VOICE_PROFILE=1), the isolate's CPU profile of the last level's relay run is written and
 * summarised per relayed frame (bench/profile.mjs).
 */
export async function benchVoice({ levels, seconds, profile = false }) {
  const phases = new Map();
  let nextPhase = 1;
  const phase = (calls, frames) => {
    const p = newPhase(nextPhase++, calls, frames);
    phases.set(p.id, p);
    return p;
  };
  const fake = await startUpstream(phases);
  const inspectorPort = profile ? await freePort() : undefined;
  const server = await startDevServer({ vars: { OPENAI_API_KEY: 'bench', OPENAI_REALTIME_URL: fake.url, VOICE_ENABLED: 'true' }, ...(inspectorPort ? { inspectorPort } : {}) });
  try {
    const { direct, relay, plain } = paths(server, fake);
    const frames = Math.round((seconds * 1000) / FRAME_MS);
    // Warm-up: isolate, the DO class, the upstream fetch path, the client's sockets.
    await run(relay, phase(4, 25));
    await run(direct, phase(4, 25));
    console.log(`\nVoice relay: ${FRAME_MS} ms PCM16 frames (${FRAME_BYTES} B, base64 in JSON) both ways at the same time, ${1000 / FRAME_MS} frames/s per call and direction, ${seconds} s per call`);
    console.log(' one-way latency per frame: send stamped into the PCM payload, arrival timed in the same process (fake upstream in the bench)');
    for (const [i, calls] of levels.entries()) {
      const d = await run(direct, phase(calls, frames));
      const profiler = profile && i === levels.length - 1 ? await isolateProfiler(inspectorPort) : undefined;
      await profiler?.start();
      const r = await run(relay, phase(calls, frames));
      const cpu = await profiler?.stop();
      const p = await run(plain, phase(calls, frames));
      const added = report(calls, d, r, p, server.peakKb());
      if (i === levels.length - 1) {
        const worst = (kind) => Math.max(added.up[kind], added.down[kind]);
        goal(`voice relay p95 added at ${calls} calls, no compression offered [#15]`, worst('plain'), 5, 'ms');
        goal(`voice relay p95 added at ${calls} calls, permessage-deflate`, worst('deflate'), undefined, 'ms');
      }
      if (cpu) {
        const relayed = r.up.length + r.down.length;
        reportProfile(cpu, { name: 'voice', heading: `CPU profile: ${calls} calls through the relay, ${relayed} frames relayed`, units: relayed, unit: 'frame', top: 30 });
      }
    }
  } finally {
    await server.stop();
    await fake.close();
  }
}
