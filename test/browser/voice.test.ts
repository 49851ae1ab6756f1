/**
 * The widget's voice mode in real Chromium against the real product: `wrangler
 * dev` with voice on, its realtime upstream the fake realtime server (in this
 * process) and its text model the fake OpenAI server. Chromium's fake
 * microphone plays a WAV that espeak-ng speaks ("I'd like to book a drain
 * cleaning", 48 kHz mono as sox writes it), so the audio the fake receives
 * is real speech that went through getUserMedia, the capture worklet's
 * resampler and the PCM16/base64 encoder.
 *
 * A browser streams audio continuously and the model's server VAD finds the
 * turns; the fake instead treats each append as an utterance. So this test
 * takes the appends over (the fake's `onEvent`), keeps their audio for the
 * assertions, and lets one append through as an utterance when the test wants
 * the caller to "say" something: the scripted turn then plays (speech_started,
 * transcription, the spoken reply), and a second one mid-reply is the barge-in.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page, WebSocket as PwWebSocket } from 'playwright-core';
import type { RealtimeClientEvent } from 'openai/resources/realtime/realtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/server';
import { startFakeRealtime, type FakeRealtime, type FakeRealtimeConnection, type FakeVoiceTurn, type LoggedEvent } from '../fake-realtime/server';
import type { VoiceClientFrame, VoiceServerEvent } from '../../worker/protocol/voice';
import { startDevServer, type DevServer } from './dev-server';
import { ARTIFACTS, axeViolations, domMessages, launchChromium, say, serverTranscript, startHostSite, storedSession, waitForReplies } from './helpers';

const SPOKEN = "I'd like to book a drain cleaning";
const WAV = path.join(ARTIFACTS, 'voice-caller-48k.wav');
/** The same speech resampled to 24 kHz by sox: the reference the widget's capture is compared with. */
const REF_24K = path.join(ARTIFACTS, 'voice-caller-24k.raw');

let realtime: FakeRealtime;
let openai: FakeOpenAI;
let voiceServer: DevServer;
let plainServer: DevServer;
/** The customer's site on another origin, listed in the voice server's ALLOWED_ORIGINS (which ships empty). */
let host: Awaited<ReturnType<typeof startHostSite>>;
let browser: Browser;
let wavMs = 0;
const contexts: BrowserContext[] = [];

/** Per upstream connection: its scenario, the audio it was sent, and whether the next append is an utterance. */
interface Upstream {
  connection: FakeRealtimeConnection;
  scenario?: string;
  appends: { at: number; audio: Buffer }[];
  utterNext: boolean;
}
const upstreams = new Map<number, Upstream>();

function onUpstreamEvent(event: RealtimeClientEvent, connection: FakeRealtimeConnection): boolean {
  let up = upstreams.get(connection.id);
  if (!up) upstreams.set(connection.id, (up = { connection, appends: [], utterNext: false }));
  if (event.type === 'session.update') {
    const instructions = 'instructions' in event.session ? (event.session.instructions ?? '') : '';
    up.scenario = /fake-scenario:([\w-]+)/.exec(instructions)?.[1];
    return false;
  }
  if (event.type !== 'input_audio_buffer.append') return false;
  up.appends.push({ at: Date.now(), audio: Buffer.from(event.audio, 'base64') });
  if (!up.utterNext) return true;
  up.utterNext = false;
  return false;
}

const upstreamOf = (scenario: string) => [...upstreams.values()].find((u) => u.scenario === scenario);
const appendedMs = (u: Upstream | undefined) => (u?.appends.reduce((n, a) => n + a.audio.length, 0) ?? 0) / 2 / 24;

function control(p: string): string {
  const url = new URL(realtime.url);
  url.protocol = 'http:';
  url.pathname = p;
  return url.href;
}

async function scenario(turns: FakeVoiceTurn[], extra: Record<string, unknown> = {}): Promise<string> {
  const id = `widget-${Math.random().toString(36).slice(2, 10)}`;
  const res = await fetch(control('/__scenarios'), { method: 'POST', body: JSON.stringify({ id, turns, ...extra }) });
  expect(res.status).toBe(201);
  return id;
}

async function fakeLog(id: string): Promise<LoggedEvent[]> {
  return (await fetch(control(`/__scenarios/${id}/events`))).json() as Promise<LoggedEvent[]>;
}

/** Loudness per 20 ms (480 samples at 24 kHz). */
function envelope(samples: Int16Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 480 <= samples.length; i += 480) {
    let sum = 0;
    for (let j = i; j < i + 480; j++) sum += samples[j]! ** 2;
    out.push(Math.sqrt(sum / 480));
  }
  return out;
}

/** Best Pearson correlation of `a` with `ref` (looped, as the fake microphone loops the file) over all offsets. */
function loopedCorrelation(a: number[], ref: number[]): number {
  const norm = (x: number[]) => {
    const m = x.reduce((s, v) => s + v, 0) / x.length;
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0)) || 1;
    return x.map((v) => (v - m) / sd);
  };
  const na = norm(a);
  let best = -1;
  for (let lag = 0; lag < ref.length; lag++) {
    const nb = norm(a.map((_, i) => ref[(i + lag) % ref.length]!));
    best = Math.max(best, na.reduce((s, v, i) => s + v * nb[i]!, 0));
  }
  return best;
}

async function until<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Speech: espeak-ng at its own rate, then sox to 48 kHz mono 16-bit (a typical microphone rate, so the widget must resample). */
function makeSpeechWav(): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  const raw = path.join(ARTIFACTS, 'voice-caller-espeak.wav');
  execFileSync('espeak-ng', ['-w', raw, SPOKEN]);
  // A little silence after the sentence: the fake microphone loops the file.
  execFileSync('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', WAV, 'pad', '0', '0.3']);
  execFileSync('sox', [WAV, '-r', '24000', '-t', 'raw', '-e', 'signed', '-b', '16', '-L', REF_24K]);
  const wav = readFileSync(WAV);
  const dataAt = wav.indexOf('data');
  wavMs = (wav.readUInt32LE(dataAt + 4) / 2 / 48_000) * 1000;
}

interface VoicePage {
  context: BrowserContext;
  page: Page;
  errors: string[];
  sent: VoiceClientFrame[];
  received: VoiceServerEvent[];
  voiceUrls: string[];
  voiceClosed: () => boolean;
}

async function newPage(server: DevServer, opts: { name?: string; initScript?: string } = {}): Promise<VoicePage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.location().url)) errors.push(`console: ${m.text()}`);
  });
  const sent: VoiceClientFrame[] = [];
  const received: VoiceServerEvent[] = [];
  const voiceUrls: string[] = [];
  let closed = false;
  page.on('websocket', (ws: PwWebSocket) => {
    if (!ws.url().includes('/voice/call')) return;
    voiceUrls.push(ws.url());
    const text = (p: string | Buffer) => (typeof p === 'string' ? p : p.toString());
    ws.on('framesent', (f) => sent.push(JSON.parse(text(f.payload)) as VoiceClientFrame));
    ws.on('framereceived', (f) => received.push(JSON.parse(text(f.payload)) as VoiceServerEvent));
    ws.on('close', () => (closed = true));
  });
  await page.addInitScript(
    ({ name }) => {
      const w = window as unknown as Record<string, unknown>;
      // The caller's name carries the fake's scenario into the session's prompt.
      if (name) w.SwitchboardSettings = { identity: { name } };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => (w.__csp as string[]).push(`${e.violatedDirective} ${e.blockedURI}`));
      // Observe (not replace) the browser's audio APIs: what the widget asked for and whether it let go.
      const md = navigator.mediaDevices;
      if (md?.getUserMedia) {
        const original = md.getUserMedia.bind(md);
        w.__gum = [];
        md.getUserMedia = async (c?: MediaStreamConstraints) => {
          const stream = await original(c);
          (w.__gum as unknown[]).push({ constraints: c, stream });
          return stream;
        };
      }
      const Base = window.AudioContext;
      w.__contexts = [];
      window.AudioContext = class extends Base {
        constructor(o?: AudioContextOptions) {
          super(o);
          (w.__contexts as AudioContext[]).push(this);
        }
      };
    },
    { name: opts.name },
  );
  if (opts.initScript) await page.addInitScript(opts.initScript);
  await page.goto(`${server.url}/`);
  await page.locator('switchboard-chat .launcher').click();
  await page.locator('switchboard-chat div.msg[data-seq]').first().waitFor({ timeout: 20_000 });
  return { context, page, errors, sent, received, voiceUrls, voiceClosed: () => closed };
}

const bar = (page: Page) => page.locator('switchboard-chat .call');
const barData = (page: Page) => bar(page).evaluate((el) => ({ ...(el as HTMLElement).dataset }));

beforeAll(async () => {
  makeSpeechWav();
  [realtime, openai] = await Promise.all([startFakeRealtime({ onEvent: onUpstreamEvent }), startFakeOpenAI()]);
  browser = await launchChromium({
    args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${WAV}`, '--autoplay-policy=no-user-gesture-required'],
  });
  // One after the other (two wrangler starts at once can race for a port), each retried once.
  const start = async (vars?: Record<string, string>) => {
    try {
      return await startDevServer(vars ? { vars } : {});
    } catch {
      return startDevServer(vars ? { vars } : {});
    }
  };
  host = await startHostSite();
  voiceServer = await start({ ALLOWED_ORIGINS: host.origin, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.url, OPENAI_MODEL: 'fake-model', OPENAI_REALTIME_URL: realtime.url, VOICE_ENABLED: 'true' });
  plainServer = await start();
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await Promise.all([voiceServer?.stop(), plainServer?.stop()]);
  await Promise.all([realtime?.close(), openai?.close(), host?.close()]);
});

describe('widget voice mode in Chromium', () => {
  it('calls: microphone speech reaches the upstream as 24 kHz PCM16, the reply plays with captions, barge-in cuts it, hang-up ends it and chat goes on', async () => {
    expect(existsSync(WAV)).toBe(true);
    const REPLY_1 = 'Sure, I can help you book a drain cleaning. Which day would suit you best this week?';
    const REPLY_1_MS = 4000;
    const REPLY_2 = 'Of course, take your time.';
    const id = await scenario([
      { user: SPOKEN, reply: REPLY_1, audioMs: REPLY_1_MS },
      { user: 'Actually, hold on a second', reply: REPLY_2, audioMs: 600 },
    ]);
    const { page, errors, sent, received, voiceUrls, voiceClosed } = await newPage(voiceServer, { name: `Vera fake-scenario:${id}` });

    // The call button is there because /api/v1/config says voice is on, and it is labelled.
    const callBtn = page.locator('switchboard-chat button.voice');
    await callBtn.waitFor({ state: 'visible' });
    expect(await callBtn.getAttribute('aria-label')).toBe('Start a voice call');
    await callBtn.focus();
    await page.keyboard.press('Enter');

    await page.locator('switchboard-chat .call[data-state="live"]').waitFor({ timeout: 20_000 });
    // The token rides in Sec-WebSocket-Protocol, never in the URL.
    expect(voiceUrls).toHaveLength(1);
    const url = new URL(voiceUrls[0]!);
    expect(url.pathname).toBe('/api/v1/chat/voice/call');
    expect([...url.searchParams.keys()]).toEqual(['session_id']);
    const gum = await page.evaluate(() => ((window as unknown as { __gum: { constraints: MediaStreamConstraints }[] }).__gum ?? []).map((g) => g.constraints));
    expect(gum).toHaveLength(1);
    expect(gum[0]!.audio).toMatchObject({ echoCancellation: true, noiseSuppression: true });

    // ---- capture: ~2 s of the caller's speech reaches the upstream (taken over, so not yet an utterance) ----
    const up = await until(() => upstreamOf(id), 'the upstream connection');
    await until(() => appendedMs(up) >= 2500, '2.5 s of appended audio');
    const appends = up.appends.slice();
    for (const a of appends) {
      expect(a.audio.length % 2, 'PCM16: an even byte count').toBe(0);
      expect(a.audio.length).toBe(2400); // 50 ms at 24 kHz
    }
    // Frames arrive at the pace of real time: 24,000 samples a second of wall time (48 kHz unresampled would be 2x).
    const spanMs = appends.at(-1)!.at - appends[0]!.at;
    const audioMsSpan = ((appends.length - 1) * 2400) / 2 / 24;
    expect(audioMsSpan / spanMs).toBeGreaterThan(0.8);
    expect(audioMsSpan / spanMs).toBeLessThan(1.25);
    // It is the speech, not silence: loud samples, and a level that rises and falls like words.
    const pcm = Buffer.concat(appends.map((a) => a.audio));
    const samples = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2);
    let peak = 0;
    let loud = 0;
    for (const s of samples) {
      peak = Math.max(peak, Math.abs(s));
      if (Math.abs(s) > 1000) loud++;
    }
    writeFileSync(path.join(ARTIFACTS, 'voice-captured-24k.raw'), pcm);
    expect(peak).toBeGreaterThan(3000);
    expect(loud / samples.length).toBeGreaterThan(0.05);
    // And it is this speech at 24 kHz: its loudness contour matches the WAV resampled to 24 kHz by sox
    // (at a wrong rate the words would be stretched or squeezed and the contours would not line up).
    const ref = readFileSync(REF_24K);
    const correlation = loopedCorrelation(envelope(samples), envelope(new Int16Array(ref.buffer, ref.byteOffset, ref.length / 2)));
    expect(correlation).toBeGreaterThan(0.6);
    // The fake's own log agrees: every append it received, with its base64 length (no padding: 2,400 bytes).
    const logged = (await fakeLog(id)).filter((e) => e.event.type === 'input_audio_buffer.append');
    expect(logged.length).toBeGreaterThanOrEqual(appends.length);
    for (const e of logged) expect((e.event as { audio_chars: number }).audio_chars).toBe(3200);
    console.log(
      `voice capture: ${appends.length} frames, ${audioMsSpan.toFixed(0)} ms of audio in ${spanMs} ms of wall time; peak ${peak}, ${((100 * loud) / samples.length).toFixed(0)}% loud samples; envelope correlation with the 24 kHz reference ${correlation.toFixed(2)}; speech WAV ${wavMs.toFixed(0)} ms`,
    );

    // ---- the caller "says" the sentence: the scripted turn plays ----
    up.utterNext = true;
    await page.locator('switchboard-chat div.msg.user', { hasText: SPOKEN }).waitFor({ timeout: 10_000 });
    await page.locator('switchboard-chat div.msg.assistant', { hasText: 'Which day would suit you best' }).waitFor({ timeout: 10_000 });
    const firstDelta = await until(() => received.find((e) => e.type === 'response.audio.delta'), 'reply audio');
    const item1 = (firstDelta as Extract<VoiceServerEvent, { type: 'response.audio.delta' }>).item_id;
    await until(async () => Number((await barData(page)).scheduledMs) >= REPLY_1_MS - 1, 'the reply scheduled');
    expect((await barData(page)).playing).toBe('true');
    // The caption of the user's words comes before the reply's.
    const order = (await domMessages(page)).map((m) => m.role + ':' + m.text.slice(0, 20));
    expect(order.indexOf(`user:${SPOKEN.slice(0, 20)}`)).toBeLessThan(order.findIndex((o) => o.startsWith('assistant:Sure, I can help')));

    // A live call, on screen.
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(ARTIFACTS, 'widget-voice.png') });

    // ---- mute stops the audio, the call goes on; unmute resumes it ----
    await page.locator('switchboard-chat .call .mute').click();
    expect(await page.locator('switchboard-chat .call .mute').getAttribute('aria-pressed')).toBe('true');
    const atMute = up.appends.length;
    await page.waitForTimeout(400);
    const afterMute = up.appends.length;
    expect(afterMute - atMute, 'at most a frame in flight after mute').toBeLessThanOrEqual(1);
    await page.waitForTimeout(400);
    expect(up.appends.length).toBe(afterMute);
    await page.locator('switchboard-chat .call .mute').click();
    expect((await barData(page)).state).toBe('live');
    await until(() => up.appends.length > afterMute + 2, 'audio again after unmute');

    // ---- barge-in: the caller talks over the reply ----
    const bargeAt = Date.now();
    up.utterNext = true;
    const played = await until(() => sent.find((f): f is Extract<VoiceClientFrame, { type: 'audio.played' }> => f.type === 'audio.played'), 'audio.played');
    expect(played.item_id).toBe(item1);
    expect(played.audio_end_ms).toBeGreaterThan(300);
    expect(played.audio_end_ms).toBeLessThan(REPLY_1_MS - 500);
    // The relay cut the model's memory of the reply to what was heard: the fake got the truncate.
    const truncate = await until(
      async () => (await fakeLog(id)).find((e) => e.event.type === 'conversation.item.truncate')?.event as Extract<RealtimeClientEvent, { type: 'conversation.item.truncate' }> | undefined,
      'the truncate at the fake',
    );
    expect(truncate).toMatchObject({ item_id: item1, audio_end_ms: played.audio_end_ms });
    // Playback stopped: only the second, short reply plays, and it is over long before the first would have been.
    await until(async () => (await barData(page)).playing === 'false', 'playback to stop', 3000);
    expect(Date.now() - bargeAt).toBeLessThan(REPLY_1_MS - played.audio_end_ms);
    const data = await barData(page);
    expect(Number(data.cutMs)).toBe(played.audio_end_ms);
    expect(Number(data.scheduledMs)).toBeLessThan(REPLY_1_MS + 600 + 50);
    await page.locator('switchboard-chat div.msg.user', { hasText: 'Actually, hold on a second' }).waitFor();
    await page.locator('switchboard-chat div.msg.assistant', { hasText: REPLY_2 }).waitFor();

    // ---- hang up ----
    await page.locator('switchboard-chat .call .hangup').click();
    await page.locator('switchboard-chat .call[data-state="ended"][data-reason="hangup"]').waitFor({ timeout: 10_000 });
    expect(sent.some((f) => f.type === 'session.end')).toBe(true);
    expect(received.at(-1)).toMatchObject({ type: 'call.ended', reason: 'hangup' });
    await until(() => !up.connection.open, 'the upstream closed');
    await until(() => voiceClosed(), 'the voice socket closed');
    expect(await bar(page).innerText()).toContain('Call ended');
    const audioState = await page.evaluate(() => {
      const w = window as unknown as { __gum: { stream: MediaStream }[]; __contexts: AudioContext[] };
      return { tracks: w.__gum.flatMap((g) => g.stream.getTracks().map((t) => t.readyState)), contexts: w.__contexts.map((c) => c.state) };
    });
    expect(audioState.tracks).toEqual(['ended']);
    expect(audioState.contexts.every((s) => s === 'closed')).toBe(true);
    // The call button is back.
    await page.locator('switchboard-chat button.voice').waitFor({ state: 'visible' });

    // One transcript: reloaded from the server, captions gone, the cut reply stored as heard.
    await until(async () => (await page.locator('switchboard-chat .msg.caption').count()) === 0, 'captions replaced by the transcript');
    const session = await storedSession(page, voiceServer.url);
    const transcript = await serverTranscript(voiceServer.url, session);
    const shown = (await domMessages(page)).filter((m) => m.seq !== null).map((m) => `${m.role}:${m.text}`);
    expect(shown).toEqual(transcript.messages.map((m) => `${m.role}:${m.content}`));
    const voiceTurns = transcript.messages.slice(1).map((m) => `${m.role}:${m.content}`);
    expect(voiceTurns[0]).toBe(`user:${SPOKEN}`);
    expect(voiceTurns[1]).toMatch(/^assistant:Sure, .*…$/);
    expect(voiceTurns.slice(2)).toEqual(['user:Actually, hold on a second', `assistant:${REPLY_2}`]);

    // And the text chat goes on in the same conversation.
    await say(page, 'Thanks, I will type instead');
    await waitForReplies(page, 4);
    const after = await serverTranscript(voiceServer.url, session);
    expect(after.messages.map((m) => m.role)).toEqual(['assistant', 'user', 'assistant', 'user', 'assistant', 'user', 'assistant']);

    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(errors).toEqual([]);
  });

  for (const [name, message] of [
    ['NotAllowedError', 'Microphone access is blocked'],
    ['NotFoundError', 'No microphone was found'],
  ] as const) {
    it(`explains a ${name} from getUserMedia and keeps the chat`, async () => {
      const { page, voiceUrls } = await newPage(voiceServer, {
        // The browser's own API answering as it does when the visitor blocks the microphone / has none.
        initScript: `navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('mic says no', ${JSON.stringify(name)}));`,
      });
      await page.locator('switchboard-chat button.voice').click();
      const failed = page.locator('switchboard-chat .call[data-state="failed"]');
      await failed.waitFor();
      expect(await failed.innerText()).toContain(message);
      // Said once, as an alert (a live region), and shown where the call would be.
      expect(await page.locator('switchboard-chat .call [role="alert"]').innerText()).toContain(message);
      expect(voiceUrls, 'no call is dialled without a microphone').toEqual([]);
      await page.locator('switchboard-chat button.voice').waitFor({ state: 'visible' });
      expect(await page.locator('switchboard-chat .call .hangup').isVisible()).toBe(false);
    });
  }

  it('fetches the voice chunk only when the call button is pressed, and says so when it cannot be loaded', async () => {
    const { page, errors } = await newPage(voiceServer);
    const chunkRequests = () => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/voice\.[0-9a-f]{10}\.js$/.test(e.name)).length);
    await page.locator('switchboard-chat button.voice').waitFor({ state: 'visible' });
    expect(await chunkRequests(), 'a chat-only visit never downloads the voice code').toBe(0);
    // The chunk is unreachable (a deploy removed it, a proxy blocks it): an honest error, and the chat goes on.
    await page.route(/\/voice\.[0-9a-f]{10}\.js$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.locator('switchboard-chat button.voice').click();
    const failed = page.locator('switchboard-chat .call[data-state="failed"][data-reason="load_failed"]');
    await failed.waitFor();
    expect(await failed.locator('[role="alert"]').innerText()).toContain('The voice call could not be loaded');
    await page.locator('switchboard-chat button.voice').waitFor({ state: 'visible' });
    // The next press tries again and, with the chunk back, calls.
    await page.unroute(/\/voice\.[0-9a-f]{10}\.js$/);
    await page.locator('switchboard-chat button.voice').click();
    await page.locator('switchboard-chat .call .hangup').waitFor({ state: 'visible' });
    expect(await failed.count()).toBe(0);
    await page.locator('switchboard-chat .call .hangup').click();
    await page.locator('switchboard-chat .call[data-state="ended"]').waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    // The 404 is the only error the browser logged.
    expect(errors.filter((e) => !/404|Failed to load resource/.test(e))).toEqual([]);
  });

  it('says so when the voice service fails mid-call (call.ended upstream_failed)', async () => {
    const id = await scenario([{ user: 'hello', reply: 'Hi there.', audioMs: 200, drop: true }], { refuseAfterDrop: true });
    const { page } = await newPage(voiceServer, { name: `Vera fake-scenario:${id}` });
    await page.locator('switchboard-chat button.voice').click();
    await page.locator('switchboard-chat .call[data-state="live"]').waitFor({ timeout: 20_000 });
    const up = await until(() => upstreamOf(id), 'the upstream');
    up.utterNext = true;
    const failed = page.locator('switchboard-chat .call[data-state="failed"][data-reason="upstream_failed"]');
    await failed.waitFor({ timeout: 20_000 });
    expect(await failed.innerText()).toContain('can’t be reached right now');
  });

  it('calls from a customer site on another origin, in Spanish, with the keyboard and no serious axe violations', async () => {
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      host.pages.set(
        '/',
        `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Fontanería Acme</title></head><body><h1>Fontanería Acme</h1>
<script src="${voiceServer.url}/widget.js" data-lang="es" data-accent="#1d4ed8" async></script></body></html>`,
      );
      await page.goto(`${host.origin}/`);
      await page.locator('switchboard-chat .launcher').click();
      await page.locator('switchboard-chat div.msg[data-seq]').first().waitFor({ timeout: 20_000 });
      const callBtn = page.locator('switchboard-chat button.voice');
      await callBtn.waitFor({ state: 'visible' });
      expect(await callBtn.getAttribute('aria-label')).toBe('Iniciar una llamada de voz');
      await callBtn.focus();
      await page.keyboard.press('Enter');
      // The worklet came from the widget's origin (a CORS fetch from this page), and the call is live.
      await page.locator('switchboard-chat .call[data-state="live"]').waitFor({ timeout: 20_000 });
      expect(await bar(page).innerText()).toContain('En llamada');
      await until(async () => Number((await barData(page)).frames) > 5, 'audio frames');
      // Focus is on the hang-up button; its label and the mute button's are Spanish.
      expect(await page.evaluate(() => document.querySelector('switchboard-chat')!.shadowRoot!.activeElement?.getAttribute('aria-label'))).toBe('Colgar');
      expect(await page.locator('switchboard-chat .call .mute').getAttribute('aria-label')).toBe('Silenciar el micrófono');
      await expect.poll(() => page.locator('switchboard-chat [aria-live="polite"]').innerText()).toBe('En llamada');
      const violations = await axeViolations(page, 'switchboard-chat');
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious, JSON.stringify(violations, null, 2)).toEqual([]);

      // Hang up with the keyboard: focus returns to the call button.
      await page.keyboard.press('Enter');
      await page.locator('switchboard-chat .call[data-state="ended"][data-reason="hangup"]').waitFor({ timeout: 10_000 });
      expect(await bar(page).innerText()).toContain('Llamada terminada');
      expect(await page.evaluate(() => document.querySelector('switchboard-chat')!.shadowRoot!.activeElement?.className)).toContain('voice');
      expect(errors).toEqual([]);
    } finally {
      host.pages.delete('/'); // the site itself stays up until afterAll (its origin is listed in the server's vars)
    }
  });

  it('shows no call button when voice is off', async () => {
    const { page } = await newPage(plainServer);
    const config = await (await page.request.get(`${plainServer.url}/api/v1/config`)).json();
    expect(config.voice).toBe(false);
    // The widget asked for its config (and heard voice: false) before it showed anything.
    await until(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/api/v1/config') && (e as PerformanceResourceTiming).responseEnd > 0)), 'the config');
    expect(await page.locator('switchboard-chat button.voice').isHidden()).toBe(true);
    expect(await page.locator('switchboard-chat .call').count()).toBe(0);
  });
});
