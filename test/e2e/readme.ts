/**
 * The README as a test script. Every ```sh block is run, in order, in one
 * bash session (so `TOKEN=…` set in one block is there in the next), in a
 * fresh copy of the project, against `npm run dev`. The documented ports are
 * swapped for free ones (8787 the dev server, 8790 and 8791 the local fakes);
 * nothing else in a block is changed.
 *
 * A block fails when any command in it fails (an ERR trap with pipefail: a
 * non-zero exit anywhere, a `jq` that got no JSON), when its output holds an
 * API error (`"error":{`), or when an `expect` below does not match.
 *
 * An HTML comment right above a block (invisible on GitHub) steers it:
 *   <!-- e2e: skip: why -->        not run (deploy steps need a Cloudflare account)
 *   <!-- e2e: expect: TEXT -->     the block's output must contain TEXT (repeatable)
 *   <!-- e2e: restart -->          after the block, restart `npm run dev` (it changed .dev.vars)
 *   <!-- e2e: allow-error -->      the block shows an error on purpose
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  line: number;
  /** The nearest heading above the block. */
  heading: string;
  code: string;
  skip?: string;
  expect: string[];
  restart: boolean;
  allowError: boolean;
}

const FENCE = /^```(\w*)\s*$/;
const DIRECTIVE = /^<!--\s*e2e:\s*(.*?)\s*-->\s*$/;

/** The shell blocks of a Markdown text, with the directives written right above each. */
export function shellBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  let heading = '';
  let directives: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? '';
    const heading_ = /^#{1,4}\s+(.*)$/.exec(text);
    if (heading_) heading = heading_[1] ?? '';
    const directive = DIRECTIVE.exec(text);
    if (directive) {
      directives.push(directive[1] ?? '');
      continue;
    }
    const fence = FENCE.exec(text);
    if (!fence) {
      if (text.trim()) directives = [];
      continue;
    }
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
    if (fence[1] === 'sh' || fence[1] === 'bash') {
      const block: ReadmeBlock = { line: start + 1, heading, code: body.join('\n'), expect: [], restart: false, allowError: false };
      for (const d of directives) {
        if (d.startsWith('skip:')) block.skip = d.slice('skip:'.length).trim();
        else if (d.startsWith('expect:')) block.expect.push(d.slice('expect:'.length).trim());
        else if (d === 'restart') block.restart = true;
        else if (d === 'allow-error') block.allowError = true;
        else throw new Error(`README line ${start}: unknown e2e directive "${d}"`);
      }
      blocks.push(block);
    }
    directives = [];
  }
  return blocks;
}

/** Replaces each documented port with the one this run uses (whole numbers only: 18787 stays). */
export function withPorts(code: string, ports: Record<string, number>): string {
  return code.replace(/\b(\d{4,5})\b/g, (m) => String(ports[m] ?? m));
}

export interface BlockResult {
  output: string;
  /** The commands the ERR trap saw fail. */
  failures: string[];
}

const DONE = '__E2E_BLOCK_DONE__';
const FAIL = '__E2E_FAILED__';

/** One bash process the blocks are sourced into, in its own process group (background jobs included). */
export class ShellSession {
  private readonly bash: ChildProcess;
  private out = '';
  private counter = 0;

  constructor(
    private readonly cwd: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.bash = spawn('bash', ['--noprofile', '--norc'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    // stderr joins stdout so a block's output reads in order.
    this.bash.stdout?.on('data', (d: Buffer) => (this.out += d.toString()));
    this.bash.stderr?.on('data', (d: Buffer) => (this.out += d.toString()));
    this.bash.stdin?.write(`set -o pipefail -o errtrace\ntrap 'echo "${FAIL} $BASH_COMMAND"' ERR\n`);
  }

  /** Sources `code` (stdin from /dev/null) and resolves with what it printed once it is done. */
  run(code: string, timeoutMs: number): Promise<BlockResult> {
    const file = path.join(this.cwd, `.e2e-block-${++this.counter}.sh`);
    writeFileSync(file, `${code}\n`);
    const start = this.out.length;
    const marker = `${DONE}${this.counter}`;
    // `|| true`: a failure inside the block is reported by the trap, not again for `source` itself.
    this.bash.stdin?.write(`source ${JSON.stringify(file)} </dev/null || true; rm -f ${JSON.stringify(file)}; echo ${marker}\n`);
    return new Promise((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const poll = setInterval(() => {
        const at = this.out.indexOf(marker, start);
        if (at >= 0 || Date.now() > deadline || this.bash.exitCode !== null) {
          clearInterval(poll);
          const raw = this.out.slice(start, at >= 0 ? at : undefined);
          if (at < 0) return reject(new Error(`block did not finish in ${timeoutMs} ms:\n${raw.slice(-3000)}`));
          const failures = raw.split('\n').filter((l) => l.startsWith(FAIL)).map((l) => l.slice(FAIL.length + 1));
          resolve({ output: raw.split('\n').filter((l) => !l.startsWith(FAIL)).join('\n'), failures });
        }
      }, 50);
    });
  }

  /** Ends bash and everything it started in the background. */
  close(): void {
    if (this.bash.pid === undefined) return;
    try {
      process.kill(-this.bash.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
