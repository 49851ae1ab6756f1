/**
 * The product the way a newcomer gets it: a fresh copy of the project (every
 * tracked and untracked-but-not-ignored file, so no `.dev.vars`, no
 * `.wrangler/` state) with this checkout's `node_modules` linked in, started
 * with the README's own command, `npm run dev`, on a free port (`PORT=`).
 * Nothing is injected: the Worker sees what `wrangler dev` loads from the
 * copy's `wrangler.jsonc` and `.dev.vars`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../scripts/offline-env.mjs';
import { freePort } from '../browser/dev-server.ts';

/** A throwaway copy of the project; `remove()` deletes it. */
export interface ProjectCopy {
  dir: string;
  remove(): void;
}

export function copyProject(): ProjectCopy {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-newcomer-'));
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: projectRoot, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const from = path.join(projectRoot, file);
    const to = path.join(dir, file);
    mkdirSync(path.dirname(to), { recursive: true });
    if (existsSync(from)) cpSync(from, to); // a file deleted in the work tree but still in the index is left out
  }
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `npm run dev` running in a copy. */
export interface NpmRunDev {
  url: string;
  port: number;
  /** Everything it printed so far (stdout and stderr interleaved). */
  output(): string;
  stop(): Promise<void>;
}

/** The environment of a newcomer's shell: this machine's, minus anything that would configure the product. */
export function newcomerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(JWT_|OPENAI_|VOICE_|DEV_LOGIN|CHAT_|NODE_OPTIONS$|VITEST|npm_)/.test(key)) delete env[key];
  }
  return { ...env, ...extra };
}

function waitForExit(child: ChildProcess, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(resolve, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Runs `npm run dev` in `dir` with `PORT` set to a free port and waits until `/health` answers.
 * Stopping sends SIGINT (the user's Ctrl-C) to the whole process group.
 */
export async function npmRunDev(dir: string, options: { port?: number; timeoutMs?: number } = {}): Promise<NpmRunDev> {
  const port = options.port ?? (await freePort());
  let output = '';
  const child = spawn('npm', ['run', 'dev'], { cwd: dir, env: newcomerEnv({ PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGINT');
    } catch {
      return; // already gone
    }
    await waitForExit(child, 8000);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // exited cleanly
    }
  };
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm run dev exited with ${child.exitCode}:\n${output.slice(-4000)}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, port, output: () => output, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`npm run dev did not answer ${url}/health in time:\n${output.slice(-4000)}`);
}

/** Runs `npm run dev` in `dir` expecting it to refuse to start; returns its exit code and output. */
export function npmRunDevRefusal(dir: string, timeoutMs = 60_000): { status: number | null; output: string } {
  const r = spawnSync('npm', ['run', 'dev'], { cwd: dir, env: newcomerEnv(), encoding: 'utf8', timeout: timeoutMs });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
