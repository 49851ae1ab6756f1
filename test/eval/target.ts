/**
 * Where the eval suite runs: a throwaway `wrangler dev` with its own seeded D1
 * (the offline model, unless its vars say otherwise), or, with EVAL_URL, a server
 * you already run (`npm run dev` with your .dev.vars, so a configured model is
 * measured exactly as users meet it; its staff token is signed with that
 * .dev.vars' JWT_SECRET).
 */
import { startDevServer } from '../browser/dev-server.ts';
import { signToken } from '../../worker/auth/tokens.ts';
import { localConfig } from '../../scripts/local-config.mjs';
import type { EvalTarget } from './runner.ts';

const EVAL_SECRET = 'eval-secret-0123456789abcdef0123456789abcdef';

async function staffToken(config: { JWT_SECRET: string; JWT_ISSUER: string; JWT_AUDIENCE: string }): Promise<string> {
  return signToken(config, { sub: 'eval-grader', role: 'staff', name: 'Eval grader' }, '2h');
}

export async function evalTarget(): Promise<EvalTarget & { stop(): Promise<void> }> {
  const url = process.env.EVAL_URL;
  if (url) {
    const config = (await localConfig()) as { JWT_SECRET: string; JWT_ISSUER: string; JWT_AUDIENCE: string };
    const timeZone = ((await (await fetch(`${url}/api/v1/config`)).json()) as { timezone: string }).timezone;
    return { baseUrl: url.replace(/\/$/, ''), staffToken: await staffToken(config), timeZone, stop: async () => {} };
  }
  // A local server: the per-address chat budget would count every scenario as one caller.
  const server = await startDevServer({ vars: { JWT_SECRET: EVAL_SECRET, CHAT_IP_LIMIT: 'off', LOG_LEVEL: 'error' } });
  const timeZone = ((await (await fetch(`${server.url}/api/v1/config`)).json()) as { timezone: string }).timezone;
  const token = await staffToken({ JWT_SECRET: EVAL_SECRET, JWT_ISSUER: 'switchboard', JWT_AUDIENCE: 'switchboard-api' });
  return { baseUrl: server.url, staffToken: token, timeZone, stop: () => server.stop() };
}
