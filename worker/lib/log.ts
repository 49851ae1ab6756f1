/**
 * JSON logs, one object per line, so `wrangler tail` and Workers Logs can
 * filter by field. Never log tokens, secrets or message bodies. `LOG_LEVEL`
 * (debug | info | warn | error) sets the floor.
 */
import { env } from 'cloudflare:workers';

type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function emit(level: Level, event: string, fields: Fields) {
  const floor = RANK[(env as { LOG_LEVEL?: string }).LOG_LEVEL as Level] ?? RANK.info;
  if (RANK[level] < floor) return;
  const line = JSON.stringify({ level, event, at: new Date().toISOString(), ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}

export const log = {
  debug: (event: string, fields: Fields = {}) => emit('debug', event, fields),
  info: (event: string, fields: Fields = {}) => emit('info', event, fields),
  warn: (event: string, fields: Fields = {}) => emit('warn', event, fields),
  error: (event: string, fields: Fields = {}) => emit('error', event, fields),
};
