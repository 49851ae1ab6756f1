// Reads the same configuration wrangler dev uses: wrangler.jsonc vars, then .dev.vars, then the process env.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { MIN_SECRET_LENGTH } from '../worker/auth/tokens.ts';
import { projectRoot } from './offline-env.mjs';

export const devVarsPath = path.join(projectRoot, '.dev.vars');

/** wrangler.jsonc `vars`, overlaid with .dev.vars and the environment. */
export async function localConfig() {
  const { unstable_readConfig } = await import('wrangler');
  const config = unstable_readConfig({ config: path.join(projectRoot, 'wrangler.jsonc') });
  const devVars = existsSync(devVarsPath) ? parseEnv(readFileSync(devVarsPath, 'utf8')) : {};
  const merged = { ...config.vars, ...devVars };
  for (const key of Object.keys({ ...merged, JWT_SECRET: '' })) {
    if (process.env[key]) merged[key] = process.env[key];
  }
  return merged;
}


/** What is wrong with the required secrets of `config`, one phrase each (empty when all is well). */
export function missingSecrets(config) {
  const secret = config.JWT_SECRET ?? '';
  if (!secret) return ['JWT_SECRET is not set'];
  if (secret.length < MIN_SECRET_LENGTH) return [`JWT_SECRET has ${secret.length} characters, at least ${MIN_SECRET_LENGTH} are needed`];
  return [];
}
