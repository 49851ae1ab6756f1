/**
 * A newcomer's first hour, run for real: a fresh copy of the project, the
 * README's `npm run dev`, then every shell example of the README in order
 * (test/e2e/readme.ts), including the lines it tells a user to add to
 * `.dev.vars` for a model and voice. After those, the configured model must
 * answer chat (not the offline one) and a voice call must connect and speak,
 * both through nothing but what `wrangler dev` loaded from `.dev.vars`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/offline-env.mjs';
import { TOKEN_SUBPROTOCOL_PREFIX } from '../../worker/protocol/chat';
import { VOICE_SUBPROTOCOL } from '../../worker/protocol/voice';
import { freePort } from '../browser/dev-server.ts';
import { copyProject, newcomerEnv, npmRunDev, npmRunDevRefusal, type NpmRunDev, type ProjectCopy } from './project-copy.ts';
import { ShellSession, shellBlocks, withPorts } from './readme.ts';

const README = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
const blocks = shellBlocks(README);

let copy: ProjectCopy;
let dev: NpmRunDev | undefined;
let shell: ShellSession;
const ports: Record<string, number> = {};

beforeAll(async () => {
  copy = copyProject();
  ports['8787'] = await freePort();
  ports['8790'] = await freePort();
  ports['8791'] = await freePort();
  shell = new ShellSession(copy.dir, newcomerEnv());
});

afterAll(async () => {
  await dev?.stop();
  shell?.close();
  copy?.remove();
});

const getJson = async (url: string, init?: RequestInit) => {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('the README, as a newcomer runs it', () => {
  it('npm run dev on a fresh clone writes .dev.vars, loads the seed quietly and serves the offline model', async () => {
    expect(existsSync(path.join(copy.dir, '.dev.vars'))).toBe(false);
    dev = await npmRunDev(copy.dir, { port: ports['8787'] });
    const vars = readFileSync(path.join(copy.dir, '.dev.vars'), 'utf8');
    expect(vars).toMatch(/^JWT_SECRET=[0-9a-f]{64}$/m);
    const config = await getJson(`${dev.url}/api/v1/config`);
    expect(config.body).toMatchObject({ offline_model: true, voice: false });
    // One line for the seed, not wrangler's JSON result of every statement.
    expect(dev.output()).toMatch(/^Seed: .+$/m);
    expect(dev.output()).not.toContain('"results"');
  });

  it('has shell examples to run', () => {
    expect(blocks.filter((b) => !b.skip).length).toBeGreaterThan(5);
  });

  for (const block of blocks) {
    const name = `line ${block.line} (${block.heading}): ${block.code.split('\n')[0]?.slice(0, 60)}`;
    if (block.skip) {
      it.skip(`${name} — ${block.skip}`, () => {});
      continue;
    }
    it(name, async () => {
      const { output, failures } = await shell.run(withPorts(block.code, ports), 150_000);
      expect(failures, `failed commands; output:\n${output}`).toEqual([]);
      if (!block.allowError) expect(output, 'an API error in the output').not.toMatch(/"error":\s*\{/);
      for (const text of block.expect) expect(output).toContain(withPorts(text, ports));
      if (block.restart) {
        await dev?.stop();
        dev = await npmRunDev(copy.dir, { port: ports['8787'] });
      }
    });
  }

  it('with the lines the README adds to .dev.vars, chat answers from the configured model', async () => {
    const base = dev!.url;
    expect((await getJson(`${base}/api/v1/config`)).body).toMatchObject({ offline_model: false, voice: true });
    const session = await getJson(`${base}/api/v1/chat/session/new`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(session.status).toBe(201);
    const reply = await getJson(`${base}/api/v1/chat/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.body.token}` },
      body: JSON.stringify({ session_id: session.body.session_id, message: 'do you clean drains?' }),
    });
    expect(reply.status).toBe(200);
    // The fake provider echoes; the offline model would never say this.
    expect(reply.body).toMatchObject({ offline: false, response: expect.stringContaining('do you clean drains?') });
  });

  it('and a voice call connects and speaks', async () => {
    const base = dev!.url;
    const session = await getJson(`${base}/api/v1/chat/session/new`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const ws = new WebSocket(`${base.replace('http', 'ws')}/api/v1/chat/voice/call?session_id=${session.body.session_id}`, [
      VOICE_SUBPROTOCOL,
      `${TOKEN_SUBPROTOCOL_PREFIX}${session.body.token}`,
    ]);
    const events: Array<{ type: string; [k: string]: unknown }> = [];
    ws.onmessage = (e) => events.push(JSON.parse(String(e.data)));
    const until = async (type: string) => {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const found = events.find((e) => e.type === type);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no ${type} event; got ${events.map((e) => e.type).join(', ')}`);
    };
    await until('call.started');
    // 100 ms of 24 kHz PCM16 silence: the fake realtime server takes any append as an utterance.
    ws.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: Buffer.alloc(4800).toString('base64') }));
    const audio = await until('response.audio.delta');
    expect(String(audio.delta).length).toBeGreaterThan(0);
    expect(await until('response.audio_transcript.done')).toMatchObject({ transcript: 'fake voice: hello' });
    ws.send(JSON.stringify({ type: 'session.end' }));
    expect(await until('call.ended')).toMatchObject({ reason: 'hangup' });
    ws.close();
  });

  it('does not lock a local script out: 70 new sessions in a row, no 429 (CHAT_IP_LIMIT=off from .dev.vars)', async () => {
    const statuses = [];
    for (let i = 0; i < 70; i++) {
      const res = await fetch(`${dev!.url}/api/v1/chat/session/new`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      statuses.push(res.status);
      await res.body?.cancel();
    }
    expect(new Set(statuses)).toEqual(new Set([201]));
  });

  it('refuses to start without JWT_SECRET, saying so in one sentence', async () => {
    await dev?.stop();
    dev = undefined;
    const file = path.join(copy.dir, '.dev.vars');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^JWT_SECRET=.*$/m, ''));
    const { status, output } = npmRunDevRefusal(copy.dir);
    expect(status).not.toBe(0);
    expect(output).toMatch(/JWT_SECRET.*\.dev\.vars/);
    expect(output).not.toMatch(/^\s+at /m); // no stack trace
  });

  it('npm run db:reset empties the local database and loads the demo data again', () => {
    const reset = spawnSync('npm', ['run', 'db:reset'], { cwd: copy.dir, env: newcomerEnv(), encoding: 'utf8' });
    expect(reset.status, reset.stdout + reset.stderr).toBe(0);
    expect(reset.stdout).toMatch(/^Seed: .+$/m);
    const count = (table: string) => {
      const r = spawnSync('npm', ['run', '-s', 'wrangler', '--', 'd1', 'execute', 'DB', '--local', '--json', '--command', `SELECT count(*) AS n FROM ${table}`], {
        cwd: copy.dir,
        env: newcomerEnv(),
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as Array<{ results: Array<{ n: number }> }>)[0]!.results[0]!.n;
    };
    expect(count('bookings')).toBe(0); // the README's booking and the chat's are gone
    expect(count('services')).toBeGreaterThan(0);
  });
});
