// Environment that keeps wrangler, miniflare and the vitest pool on loopback:
// no login, no telemetry, no error reports, nothing written to the home folder.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const offlineEnv = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  XDG_CONFIG_HOME: path.join(projectRoot, '.config'),
};

/** Applies {@link offlineEnv} to this process (values already set by the user win). */
export function applyOfflineEnv() {
  for (const [key, value] of Object.entries(offlineEnv)) process.env[key] ??= value;
}
